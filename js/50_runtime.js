// exthost:realm host
// exthost:needs primordials api schema
// The `runtime` namespace.
(function (host) {
  'use strict';
  const { String, TypeError, StringPrototypeCharCodeAt, StringPrototypeSlice, listPush } = host.primordials;
  const chrome = host.flavor === 'chrome';
  // The events of an extension's life, which only its privileged contexts have (recorded:
  // runtime-lifecycle), and those of messages from other extensions and web pages
  // (onConnectExternal, onMessageExternal: js/60_messaging.js). Those of features exthost has not
  // yet (user scripts, updates from a store) are there as in a browser that has none to send.
  const privileged = ['background'];
  const lifecycleEvents = [];
  const eventNames = chrome
    ? ['onInstalled', 'onStartup', 'onSuspend', 'onSuspendCanceled', 'onUpdateAvailable', 'onRestartRequired',
      'onBrowserUpdateAvailable', 'onConnectExternal', 'onMessageExternal', 'onUserScriptMessage', 'onUserScriptConnect']
    : ['onInstalled', 'onStartup', 'onSuspend', 'onSuspendCanceled', 'onUpdateAvailable', 'onConnectExternal', 'onMessageExternal'];
  // (Firefox starts an event page at a browser start when it listened to onStartup as it last
  // started: the same rule as a persistent event's, js/90_namespaces.js.)
  for (let i = 0; i < eventNames.length; i++) {
    listPush(lifecycleEvents, { __proto__: null, name: eventNames[i], contexts: privileged, persistent: eventNames[i] === 'onStartup' });
  }
  // Each browser's enums, in its order; a content script has them too, but for Firefox's ContextType.
  // (A web page that an extension's externally_connectable names has them too: js/39_web_page_chrome.js.)
  const withPages = ['background', 'content', 'devtools', 'webPage'];
  const chromeEnums = {
    OnInstalledReason: { contexts: withPages, values: { CHROME_UPDATE: 'chrome_update', INSTALL: 'install', SHARED_MODULE_UPDATE: 'shared_module_update', UPDATE: 'update' } },
    PlatformOs: { contexts: withPages, values: { ANDROID: 'android', CROS: 'cros', LINUX: 'linux', MAC: 'mac', OPENBSD: 'openbsd', WIN: 'win' } },
    PlatformArch: { contexts: withPages, values: { ARM: 'arm', ARM64: 'arm64', MIPS: 'mips', MIPS64: 'mips64', PPC64: 'ppc64', RISCV64: 'riscv64', X86_32: 'x86-32', X86_64: 'x86-64' } },
    ContextType: { contexts: withPages, values: { BACKGROUND: 'BACKGROUND', DEVELOPER_TOOLS: 'DEVELOPER_TOOLS', OFFSCREEN_DOCUMENT: 'OFFSCREEN_DOCUMENT', POPUP: 'POPUP', SIDE_PANEL: 'SIDE_PANEL', TAB: 'TAB' } },
    RequestUpdateCheckStatus: { contexts: withPages, values: { NO_UPDATE: 'no_update', THROTTLED: 'throttled', UPDATE_AVAILABLE: 'update_available' } },
    OnRestartRequiredReason: { contexts: withPages, values: { APP_UPDATE: 'app_update', OS_UPDATE: 'os_update', PERIODIC: 'periodic' } },
    PlatformNaclArch: { contexts: withPages, values: { ARM: 'arm', MIPS: 'mips', MIPS64: 'mips64', PPC64: 'ppc64', X86_32: 'x86-32', X86_64: 'x86-64' } },
  };
  const firefoxEnums = {
    OnInstalledReason: { values: { INSTALL: 'install', UPDATE: 'update', BROWSER_UPDATE: 'browser_update' } },
    PlatformOs: { values: { MAC: 'mac', WIN: 'win', ANDROID: 'android', CROS: 'cros', LINUX: 'linux', OPENBSD: 'openbsd' } },
    PlatformArch: { values: { AARCH64: 'aarch64', ARM: 'arm', PPC64: 'ppc64', RISCV64: 'riscv64', S390X: 's390x', SPARC64: 'sparc64', 'X86-32': 'x86-32', 'X86-64': 'x86-64', NOARCH: 'noarch' } },
    ContextType: { contexts: privileged, values: { BACKGROUND: 'BACKGROUND', POPUP: 'POPUP', SIDE_PANEL: 'SIDE_PANEL', TAB: 'TAB' } },
    RequestUpdateCheckStatus: { values: { THROTTLED: 'throttled', NO_UPDATE: 'no_update', UPDATE_AVAILABLE: 'update_available' } },
    OnRestartRequiredReason: { values: { APP_UPDATE: 'app_update', OS_UPDATE: 'os_update', PERIODIC: 'periodic' } },
  };
  const contextTypes = chrome
    ? ['BACKGROUND', 'DEVELOPER_TOOLS', 'OFFSCREEN_DOCUMENT', 'POPUP', 'SIDE_PANEL', 'TAB']
    : ['BACKGROUND', 'POPUP', 'SIDE_PANEL', 'TAB'];
  const list = (type) => ({ type: 'array', items: type, optional: true });
  host.defineNamespace('runtime', ['background', 'content'], () => ({
    properties: {
      // (undefined in an orphaned content script once its extension is gone: js/90_namespaces.js.)
      id: { contexts: withPages, get: (cx) => (cx.invalidated === true ? undefined : cx.info.extensionId) },
      // (A web page's only: Chromium lists it there, undefined.)
      dynamicId: { contexts: ['webPage'], get: () => undefined },
    },
    functions: {
      getURL: {
        parameters: [{ name: 'path', type: 'string' }],
        run(cx, args) {
          // Chromium resolves the path as a URL (so a space becomes %20); Firefox appends it as it is.
          const text = String(args[0]);
          let start = 0;
          while (start < text.length && StringPrototypeCharCodeAt(text, start) === 0x2F) start++;
          const relative = StringPrototypeSlice(text, start);
          if (host.flavor === 'firefox') return cx.info.baseURL + relative;
          // (As `new URL(relative, base).href`, which cannot fail against the extension's base.)
          const parts = host.call(cx, 'url.parse', [relative, cx.info.baseURL]);
          if (parts === null || typeof parts !== 'object') throw new TypeError("Failed to construct 'URL': Invalid URL");
          return parts.href;
        },
      },
      getPlatformInfo: {
        async: true,
        contexts: privileged,
        parameters: [],
        run: (cx, args) => host.request(cx, 'runtime.getPlatformInfo', args),
      },
      // (The page a browser opens when the extension is uninstalled: an http or https URL, or
      // none; checked and kept by Swift.)
      setUninstallURL: {
        async: true,
        contexts: privileged,
        parameters: [{ name: 'url', type: 'string', maxLength: 1023, optional: !chrome }],
        run: (cx, args) => host.request(cx, 'runtime.setUninstallURL', args),
      },
      // (Returns nothing: the extension's contexts close once the caller's task is over.)
      reload: {
        contexts: privileged,
        parameters: [],
        run(cx, args) { host.request(cx, 'runtime.reload', args); },
      },
      getContexts: {
        async: true,
        contexts: privileged,
        available: (cx) => !chrome || cx.info.manifestVersion >= 3,
        parameters: [{
          name: 'filter', type: 'object', typeName: 'runtime.ContextFilter', properties: {
            contextIds: list({ type: 'string' }),
            contextTypes: list({ type: 'string', enum: contextTypes }),
            documentIds: list({ type: 'string' }),
            documentOrigins: list({ type: 'string' }),
            documentUrls: list({ type: 'string' }),
            frameIds: list({ type: 'integer' }),
            incognito: { type: 'boolean', optional: true },
            tabIds: list({ type: 'integer' }),
            windowIds: list({ type: 'integer' }),
          },
        }],
        run: (cx, args) => host.request(cx, 'runtime.getContexts', args),
      },
      ...(chrome ? {
        // (An offline browser has no update to offer: recorded, no_update.)
        requestUpdateCheck: {
          async: true,
          contexts: privileged,
          parameters: [],
          run: (cx, args) => host.request(cx, 'runtime.requestUpdateCheck', args),
        },
        // (Both restart ChromeOS in kiosk mode only: elsewhere both are refused, restart's through
        // an unchecked runtime.lastError, as it has no promise form.)
        restart: {
          async: true,
          callbackOnly: true,
          contexts: privileged,
          parameters: [],
          run: (cx, args) => host.request(cx, 'runtime.restart', args),
        },
        restartAfterDelay: {
          async: true,
          contexts: privileged,
          parameters: [{ name: 'seconds', type: 'integer' }],
          run: (cx, args) => host.request(cx, 'runtime.restartAfterDelay', args),
        },
      } : {
        getBrowserInfo: {
          async: true,
          contexts: privileged,
          parameters: [],
          run: (cx, args) => host.request(cx, 'runtime.getBrowserInfo', args),
        },
      }),
      getManifest: {
        contexts: ['background', 'content'],
        parameters: [],
        run(cx) { return host.parseJSON(cx, cx.info.manifestJSON); },
      },
    },
    events: lifecycleEvents,
    enums: host.flavor === 'chrome' ? chromeEnums : firefoxEnums,
  }));
});
