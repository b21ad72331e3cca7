// exthost:realm host
// exthost:needs api schema
// The `tabs` namespace (background and extension pages only; content scripts have none).
(function (host) {
  'use strict';
  const tabId = { name: 'tabId', type: 'integer', minimum: 0 };
  host.defineNamespace('tabs', ['background'], () => ({
    constants: { TAB_ID_NONE: -1, TAB_INDEX_NONE: -1, MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND: 2 },
    functions: {
      get: {
        async: true,
        parameters: [tabId],
        run: (cx, args) => host.request(cx, 'tabs.get', args),
      },
      getCurrent: {
        async: true,
        parameters: [],
        run: (cx, args) => host.request(cx, 'tabs.getCurrent', args),
      },
      create: {
        async: true,
        parameters: [{
          name: 'createProperties', type: 'object', properties: {
            windowId: { type: 'integer', optional: true },
            index: { type: 'integer', minimum: 0, optional: true },
            url: { type: 'string', optional: true },
            active: { type: 'boolean', optional: true },
            selected: { type: 'boolean', optional: true },
            pinned: { type: 'boolean', optional: true },
            openerTabId: { type: 'integer', minimum: 0, optional: true },
          },
        }],
        run: (cx, args) => host.request(cx, 'tabs.create', args),
      },
      update: {
        async: true,
        parameters: [
          { name: 'tabId', type: 'integer', minimum: 0, optional: true },
          {
            name: 'updateProperties', type: 'object', properties: {
              url: { type: 'string', optional: true },
              active: { type: 'boolean', optional: true },
              highlighted: { type: 'boolean', optional: true },
              selected: { type: 'boolean', optional: true },
              pinned: { type: 'boolean', optional: true },
              muted: { type: 'boolean', optional: true },
              openerTabId: { type: 'integer', minimum: 0, optional: true },
              autoDiscardable: { type: 'boolean', optional: true },
            },
          },
        ],
        run: (cx, args) => host.request(cx, 'tabs.update', args),
      },
      query: {
        async: true,
        parameters: [{
          name: 'queryInfo', type: 'object',
          properties: host.flavor === 'chrome' ? {
            active: { type: 'boolean', optional: true },
            audible: { type: 'boolean', optional: true },
            autoDiscardable: { type: 'boolean', optional: true },
            currentWindow: { type: 'boolean', optional: true },
            discarded: { type: 'boolean', optional: true },
            frozen: { type: 'boolean', optional: true },
            groupId: { type: 'integer', minimum: -1, optional: true },
            highlighted: { type: 'boolean', optional: true },
            index: { type: 'integer', minimum: 0, optional: true },
            lastFocusedWindow: { type: 'boolean', optional: true },
            muted: { type: 'boolean', optional: true },
            pinned: { type: 'boolean', optional: true },
            splitViewId: { type: 'integer', minimum: -1, optional: true },
            status: { type: 'string', enum: ['unloaded', 'loading', 'complete'], optional: true },
            title: { type: 'string', optional: true },
            url: { choices: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }], optional: true },
            windowId: { type: 'integer', minimum: -2, optional: true },
            windowType: { type: 'string', enum: ['normal', 'popup', 'panel', 'app', 'devtools'], optional: true },
          } : {
            active: { type: 'boolean', optional: true },
            attention: { type: 'boolean', optional: true },
            pinned: { type: 'boolean', optional: true },
            audible: { type: 'boolean', optional: true },
            autoDiscardable: { type: 'boolean', optional: true },
            muted: { type: 'boolean', optional: true },
            highlighted: { type: 'boolean', optional: true },
            currentWindow: { type: 'boolean', optional: true },
            lastFocusedWindow: { type: 'boolean', optional: true },
            status: { type: 'string', enum: ['loading', 'complete'], optional: true },
            discarded: { type: 'boolean', optional: true },
            isArticle: { type: 'boolean', optional: true },
            title: { type: 'string', optional: true },
            url: { choices: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }], optional: true },
            windowId: { type: 'integer', minimum: -2, optional: true },
            windowType: { type: 'string', enum: ['normal', 'popup', 'panel', 'app', 'devtools'], optional: true },
            index: { type: 'integer', minimum: 0, optional: true },
            cookieStoreId: { choices: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }], optional: true },
            openerTabId: { type: 'integer', minimum: -1, optional: true },
            screen: { choices: [{ type: 'string', enum: ['Screen', 'Window', 'Application'] }, { type: 'boolean' }], optional: true },
            camera: { type: 'boolean', optional: true },
            microphone: { type: 'boolean', optional: true },
            hidden: { type: 'boolean', optional: true },
            groupId: { type: 'integer', minimum: -1, optional: true },
            splitViewId: { type: 'integer', minimum: -1, optional: true },
          },
        }],
        run: (cx, args) => host.request(cx, 'tabs.query', args),
      },
      move: {
        async: true,
        parameters: [
          { name: 'tabIds', choices: [{ type: 'integer', minimum: 0 }, { type: 'array', items: { type: 'integer', minimum: 0 } }] },
          { name: 'moveProperties', type: 'object', properties: { windowId: { type: 'integer', minimum: -2, optional: true }, index: { type: 'integer', minimum: -1 } } },
        ],
        run: (cx, args) => host.request(cx, 'tabs.move', args),
      },
      remove: {
        async: true,
        parameters: [{ name: 'tabIds', choices: [{ type: 'integer', minimum: 0 }, { type: 'array', items: { type: 'integer', minimum: 0 } }] }],
        run: (cx, args) => host.request(cx, 'tabs.remove', args),
      },
    },
    // (persistent: a Firefox event page's listener added as it starts wakes it: js/90_namespaces.js.)
    events: [{ name: 'onCreated', persistent: true }, { name: 'onUpdated', persistent: true }, { name: 'onActivated', persistent: true }, { name: 'onRemoved', persistent: true }, { name: 'onMoved', persistent: true }],
  }));
});
