// The `tabs` namespace (background and extension pages only; content scripts have none).
(function (host) {
  'use strict';
  const tabId = { name: 'tabId', type: 'integer', minimum: 0 };
  host.defineNamespace('tabs', {
    contexts: ['background'],
    constants: { TAB_ID_NONE: -1 },
    functions: {
      get: {
        async: true,
        parameters: [tabId],
        run: (args) => host.request('tabs.get', args),
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
        run: (args) => host.request('tabs.create', args),
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
        run: (args) => host.request('tabs.update', args),
      },
      remove: {
        async: true,
        parameters: [{ name: 'tabIds', choices: [{ type: 'integer', minimum: 0 }, { type: 'array', items: { type: 'integer', minimum: 0 } }] }],
        run: (args) => host.request('tabs.remove', args),
      },
    },
    events: ['onCreated', 'onUpdated', 'onActivated', 'onRemoved'],
  });
});
