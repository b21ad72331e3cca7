// exthost:realm host
// exthost:needs api schema
// The `tabs` namespace (background and extension pages only; content scripts have none).
(function (host) {
  'use strict';
  const { SafePromiseThen, Error, String, getOwn } = host.primordials;
  const tabId = { name: 'tabId', type: 'integer', minimum: 0 };
  // Manifest version 2's `tabs.executeScript` (Firefox only: Chromium 156 loads no such
  // extension): code or a file in the isolated world of the tab's frames, as scripting's
  // executeScript runs them (Sources/Exthost/API/ScriptingAPI.swift); the frames' completion
  // values in a list, or the call fails with what a frame threw (recorded: tabs-execute-script-mv2).
  // (Its texts are read by the messaging module's reader, which the frames' side loaded.)
  function executeScriptResults(cx, answer) {
    const values = [];
    for (let i = 0; i < answer.length; i++) {
      const entry = answer[i];
      const kind = getOwn(entry, 'kind');
      if (kind === 'error') {
        const thrown = host.deserializeMessage(getOwn(entry, 'text'), cx);
        let message;
        try { message = thrown !== null && typeof thrown === 'object' ? String(thrown.message) : String(thrown); } catch (e) { message = 'An unexpected error occurred'; }
        throw host.newError(cx, message);
      }
      if (kind === 'message') throw host.newError(cx, 'An unexpected error occurred');
      values[i] = kind === 'result' ? host.deserializeMessage(getOwn(entry, 'text'), cx) : undefined;
    }
    return host.newArray(cx, values);
  }
  const firefoxVersion2 = (cx) => host.flavor === 'firefox' && cx.info.manifestVersion === 2;
  const injectDetails = {
    name: 'details', type: 'object', typeName: 'extensionTypes.InjectDetails',
    properties: {
      code: { type: 'string', optional: true },
      file: { type: 'string', optional: true },
      allFrames: { type: 'boolean', optional: true },
      frameId: { type: 'integer', minimum: 0, optional: true },
      matchAboutBlank: { type: 'boolean', optional: true },
      runAt: { type: 'string', enum: ['document_start', 'document_end', 'document_idle'], optional: true },
      cssOrigin: { type: 'string', enum: ['user', 'author'], optional: true },
    },
  };
  // What an injection of `method` sends Swift of its tab and frames, checked as ext-tabs-base.js
  // `_execute` checks them. (`runAt` is not waited for: the page has loaded by the time a test
  // calls it, or the injection goes in at once.)
  function sentInjection(args, method) {
    const details = args[1];
    if ((details.code === undefined) === (details.file === undefined)) {
      throw new Error(method + " requires either a 'code' or a 'file' property, but not both");
    }
    if (details.frameId !== undefined && details.allFrames === true) throw new Error("'frameId' and 'allFrames' are mutually exclusive");
    return {
      __proto__: null,
      tabId: args[0],
      frameIds: details.frameId === undefined ? undefined : [details.frameId],
      allFrames: details.allFrames === true,
      files: details.file === undefined ? undefined : [details.file],
    };
  }
  const styleFunction = (method) => ({
    async: true,
    available: firefoxVersion2,
    parameters: [{ name: 'tabId', type: 'integer', minimum: 0, optional: true }, injectDetails],
    run(cx, args) {
      const sent = sentInjection(args, method);
      sent.css = args[1].code;
      sent.origin = args[1].cssOrigin === 'user' ? 'USER' : 'AUTHOR';
      return SafePromiseThen(host.request(cx, 'scripting.' + method, [sent]), () => undefined);
    },
  });
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
      reload: {
        async: true,
        parameters: [{ name: 'tabId', type: 'integer', minimum: 0, optional: true },
          { name: 'reloadProperties', type: 'object', optional: true, properties: { bypassCache: { type: 'boolean', optional: true } } }],
        run: (cx, args) => host.request(cx, 'tabs.reload', [args[0]]),
      },
      duplicate: { async: true, parameters: [tabId], run: (cx, args) => host.request(cx, 'tabs.duplicate', args) },
      highlight: {
        async: true,
        parameters: [{
          name: 'highlightInfo', type: 'object',
          properties: {
            windowId: { type: 'integer', optional: true },
            tabs: { choices: [{ type: 'integer', minimum: 0 }, { type: 'array', items: { type: 'integer', minimum: 0 } }] },
            ...(host.flavor === 'chrome' ? {} : { populate: { type: 'boolean', optional: true } }),
          },
        }],
        run: (cx, args) => host.request(cx, 'tabs.highlight', args),
      },
      discard: host.flavor === 'chrome'
        ? { async: true, parameters: [{ name: 'tabId', type: 'integer', minimum: 0, optional: true }], run: (cx, args) => host.request(cx, 'tabs.discard', args) }
        : {
          async: true,
          parameters: [{ name: 'tabIds', choices: [{ type: 'integer', minimum: 0 }, { type: 'array', items: { type: 'integer', minimum: 0 } }] }],
          run: (cx, args) => host.request(cx, 'tabs.discard', args),
        },
      getZoom: {
        async: true,
        parameters: [{ name: 'tabId', type: 'integer', minimum: 0, optional: true }],
        run: (cx, args) => host.request(cx, 'tabs.getZoom', args),
      },
      setZoom: {
        async: true,
        parameters: [{ name: 'tabId', type: 'integer', minimum: 0, optional: true }, { name: 'zoomFactor', type: 'number' }],
        run: (cx, args) => host.request(cx, 'tabs.setZoom', args),
      },
      getZoomSettings: {
        async: true,
        parameters: [{ name: 'tabId', type: 'integer', minimum: 0, optional: true }],
        run: (cx, args) => host.request(cx, 'tabs.getZoomSettings', args),
      },
      setZoomSettings: {
        async: true,
        parameters: [{ name: 'tabId', type: 'integer', minimum: 0, optional: true }, {
          name: 'zoomSettings', type: 'object',
          properties: {
            mode: { type: 'string', enum: ['automatic', 'manual', 'disabled'], optional: true },
            scope: { type: 'string', enum: ['per-origin', 'per-tab'], optional: true },
            defaultZoomFactor: { type: 'number', optional: true },
          },
        }],
        run: (cx, args) => host.request(cx, 'tabs.setZoomSettings', args),
      },
      goBack: { async: true, parameters: [{ name: 'tabId', type: 'integer', minimum: 0, optional: true }], run: (cx, args) => host.request(cx, 'tabs.goBack', args) },
      goForward: { async: true, parameters: [{ name: 'tabId', type: 'integer', minimum: 0, optional: true }], run: (cx, args) => host.request(cx, 'tabs.goForward', args) },
      executeScript: {
        async: true,
        available: firefoxVersion2,
        parameters: [{ name: 'tabId', type: 'integer', minimum: 0, optional: true }, injectDetails],
        run(cx, args) {
          const sent = sentInjection(args, 'executeScript');
          sent.world = 'ISOLATED';
          sent.code = args[1].code;
          return SafePromiseThen(host.request(cx, 'scripting.executeScript', [sent]), (answer) => executeScriptResults(cx, answer));
        },
      },
      // (Firefox's version 2 `insertCSS` and `removeCSS`: the sheet of `code` or `file`, of the
      // author's origin or, with `cssOrigin: 'user'`, the user's; Swift's as for scripting's.)
      insertCSS: styleFunction('insertCSS'),
      removeCSS: styleFunction('removeCSS'),
    },
    // (persistent: a Firefox event page's listener added as it starts wakes it: js/90_namespaces.js.)
    events: [{ name: 'onCreated', persistent: true }, { name: 'onUpdated', persistent: true }, { name: 'onActivated', persistent: true }, { name: 'onRemoved', persistent: true }, { name: 'onMoved', persistent: true },
      { name: 'onAttached', persistent: true }, { name: 'onDetached', persistent: true }, { name: 'onHighlighted', persistent: true },
      { name: 'onZoomChange', persistent: true }, { name: 'onReplaced', persistent: true }],
  }));
});
