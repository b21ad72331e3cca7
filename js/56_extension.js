// exthost:realm host
// exthost:needs api schema runtime
// The `extension` namespace, and what `runtime` has of the extension's views: an extension's
// pages share one process in the browsers, so `extension.getViews()`,
// `extension.getBackgroundPage()` and `runtime.getBackgroundPage()` give the real globals of its
// other pages (Sources/Exthost/API/ViewsAPI.swift finds them); `runtime.openOptionsPage()`
// opens its options page (Sources/Exthost/DOM/ExtensionHost+OptionsPage.swift).
// Chromium (extension.json and _api_features.json) has getViews and getBackgroundPage in extension
// pages and background pages but not in a service worker; Firefox (child/ext-extension.js,
// ext-backgroundPage.js) in every extension page. Content scripts have `inIncognitoContext`, and in
// manifest version 2 `getURL` (Firefox: in every context of version 2).
(function (host) {
  'use strict';
  const chrome = host.flavor === 'chrome';
  const notWorker = (cx) => !cx.info.isServiceWorker;
  const version2 = (cx) => cx.info.manifestVersion < 3;
  // (exthost runs no incognito window, and grants neither incognito nor file: access.)
  const answerFalse = { async: true, parameters: [], run: () => false };

  host.defineNamespace('runtime', ['background', 'content'], () => ({
    functions: {
      openOptionsPage: {
        contexts: ['background'],
        async: true,
        parameters: [],
        run: (cx, args) => host.request(cx, 'runtime.openOptionsPage', args),
      },
      getBackgroundPage: {
        contexts: ['background'],
        available: notWorker,
        async: true,
        parameters: [],
        // (A background page runs for as long as its extension: there is nothing to wait for.)
        run(cx) {
          const page = backgroundPage(cx);
          if (page === undefined) throw host.newError(cx, 'You do not have a background page.');
          return page;
        },
      },
    },
  }));

  // The background page's global, or (Chromium: undefined; Firefox: null) when there is none.
  function backgroundPage(cx) {
    const page = host.call(cx, 'extension.backgroundPage', []);
    return page === null && chrome ? undefined : page;
  }

  host.defineNamespace('extension', ['background', 'content'], () => ({
    properties: {
      inIncognitoContext: { get: () => false },
    },
    // (Recorded: extension-namespace. Chromium's keys in the order it lists them; Firefox's
    // content scripts list ViewType without a value.)
    enums: {
      ViewType: chrome ? { values: { __proto__: null, POPUP: 'popup', TAB: 'tab' } }
        : { contexts: ['background'], values: { __proto__: null, TAB: 'tab', POPUP: 'popup', SIDEBAR: 'sidebar' } },
    },
    listedUndefined: chrome ? undefined : {
      __proto__: null, content: ['ViewType', 'getBackgroundPage', 'getViews', 'isAllowedFileSchemeAccess', 'isAllowedIncognitoAccess'],
    },
    functions: {
      getBackgroundPage: {
        contexts: ['background'],
        available: notWorker,
        parameters: [],
        run: (cx) => backgroundPage(cx),
      },
      getViews: {
        contexts: ['background'],
        available: notWorker,
        parameters: [{
          name: 'fetchProperties', type: 'object', optional: true,
          properties: {
            type: { type: 'string', enum: chrome ? ['tab', 'popup'] : ['tab', 'popup', 'sidebar'], optional: true },
            windowId: { type: 'integer', optional: true },
            tabId: { type: 'integer', optional: true },
          },
        }],
        run: (cx, args) => host.call(cx, 'extension.views', [args[0] === undefined ? null : args[0]]),
      },
      getURL: {
        available: version2,
        parameters: [{ name: 'path', type: 'string' }],
        run: (cx, args) => host.namespaces.get('runtime').functions.getURL.run(cx, args),
      },
      isAllowedIncognitoAccess: { ...answerFalse, contexts: ['background'] },
      isAllowedFileSchemeAccess: { ...answerFalse, contexts: ['background'] },
      // (Chromium's: the data its update check would send; exthost checks for no update.)
      setUpdateUrlData: {
        contexts: ['background'],
        available: () => chrome,
        parameters: [{ name: 'data', type: 'string' }],
        run: () => undefined,
      },
    },
    events: [],
  }));
});
