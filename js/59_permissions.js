// exthost:realm host
// exthost:needs primordials api schema
// `permissions` (every extension's background and pages): what the extension holds (its manifest's
// permissions and host permissions, and the optional ones granted since), `contains`, `request`
// (only while handling a person's act, as both browsers; the prompt is answered yes: exthost has no
// person to ask), `remove` (an optional one; Chromium refuses a required one), `onAdded` and
// `onRemoved` (Sources/Exthost/API/PermissionsAPI.swift; recorded: fixtures/conformance/
// permissions-basics). The argument checks are each browser's: Chromium's list of permission names
// and its match pattern parser, Firefox's schema and its words (the names and patterns below are
// those of its schema, as its error lists them). A granted permission gives no namespace to a context
// made before (Chromium and Firefox add it at once).
(function (host) {
  'use strict';
  const { Error, JSONStringify, RegExpPrototypeExec, listIncludes } = host.primordials;
  const chrome = host.flavor === 'chrome';
  const request = (cx, method, args) => host.request(cx, method, args);
  const chromeNames = ["accessibilityFeatures.modify", "accessibilityFeatures.read", "activeTab", "alarms", "audio", "background", "bookmarks", "browsingData", "certificateProvider", "clipboardRead", "clipboardWrite", "contentSettings", "contextMenus", "cookies", "debugger", "declarativeContent", "declarativeNetRequest", "declarativeNetRequestFeedback", "declarativeNetRequestWithHostAccess", "desktopCapture", "dns", "documentScan", "downloads", "downloads.open", "downloads.ui", "enterprise.deviceAttributes", "enterprise.hardwarePlatform", "enterprise.networkingAttributes", "enterprise.platformKeys", "favicon", "fileBrowserHandler", "fileSystemProvider", "fontSettings", "gcm", "geolocation", "history", "identity", "identity.email", "idle", "loginState", "management", "nativeMessaging", "notifications", "offscreen", "pageCapture", "platformKeys", "power", "printerProvider", "printing", "printingMetrics", "privacy", "processes", "proxy", "readingList", "runtime", "scripting", "search", "sessions", "sidePanel", "storage", "system.cpu", "system.display", "system.memory", "system.storage", "tabCapture", "tabGroups", "tabs", "topSites", "tts", "ttsEngine", "unlimitedStorage", "userScripts", "vpnProvider", "wallpaper", "webAuthenticationProxy", "webNavigation", "webRequest", "webRequestAuthProvider", "webRequestBlocking"];
  const firefoxNames = ["activeTab", "activityLog", "alarms", "bookmarks", "browserSettings", "browsingData", "captivePortal", "clipboardRead", "clipboardWrite", "contextMenus", "contextualIdentities", "cookies", "declarativeNetRequest", "declarativeNetRequestFeedback", "declarativeNetRequestWithHostAccess", "devtools", "dns", "downloads", "downloads.open", "find", "geckoProfiler", "geolocation", "history", "identity", "idle", "management", "menus", "menus.overrideContext", "mozillaAddons", "nativeMessaging", "networkStatus", "normandyAddonStudy", "notifications", "pkcs11", "privacy", "proxy", "publicSuffix", "scripting", "search", "sessions", "storage", "tabGroups", "tabHide", "tabs", "telemetry", "theme", "topSites", "trialML", "unlimitedStorage", "userScripts", "webNavigation", "webRequest", "webRequestAuthProvider", "webRequestBlocking", "webRequestFilterResponse", "webRequestFilterResponse.serviceWorkerScript"];
  // (Firefox's schema's error for a name it does not know, after `Value "<it>" must either: `.)
  const firefoxNameChoices = "must either [must either [must either [be one of [\"idle\"], be one of [\"menus.overrideContext\"], be one of [\"search\"], be one of [\"tabGroups\"], be one of [\"activeTab\"], be one of [\"cookies\"], be one of [\"publicSuffix\"], be one of [\"scripting\"], or be one of [\"webRequest\", \"webRequestAuthProvider\", \"webRequestBlocking\", \"webRequestFilterResponse\", \"webRequestFilterResponse.serviceWorkerScript\"]], must either [be one of [\"mozillaAddons\"], be one of [\"activityLog\"], be one of [\"networkStatus\"], be one of [\"telemetry\"], or be one of [\"normandyAddonStudy\"]], be one of [\"alarms\", \"storage\", \"unlimitedStorage\"], be one of [\"captivePortal\"], be one of [\"contextualIdentities\"], be one of [\"identity\"], be one of [\"menus\", \"contextMenus\"], be one of [\"geckoProfiler\"], be one of [\"declarativeNetRequestWithHostAccess\"], be one of [\"dns\"], or be one of [\"theme\"]], must either [must either [be one of [\"idle\"], be one of [\"menus.overrideContext\"], be one of [\"search\"], be one of [\"tabGroups\"], be one of [\"activeTab\"], be one of [\"cookies\"], be one of [\"publicSuffix\"], be one of [\"scripting\"], or be one of [\"webRequest\", \"webRequestAuthProvider\", \"webRequestBlocking\", \"webRequestFilterResponse\", \"webRequestFilterResponse.serviceWorkerScript\"]], be one of [\"clipboardRead\", \"clipboardWrite\", \"geolocation\", \"notifications\"], be one of [\"bookmarks\"], be one of [\"browsingData\"], be one of [\"devtools\"], be one of [\"find\"], be one of [\"history\"], be one of [\"pkcs11\"], be one of [\"sessions\"], be one of [\"tabs\", \"tabHide\"], be one of [\"topSites\"], be one of [\"browserSettings\"], be one of [\"declarativeNetRequestFeedback\"], be one of [\"downloads\", \"downloads.open\"], be one of [\"management\"], be one of [\"privacy\"], be one of [\"proxy\"], be one of [\"webNavigation\"], or be one of [\"nativeMessaging\"]], be one of [\"declarativeNetRequest\"], or match the pattern /^experiments(\\.\\w+)+$/], or must either [be one of [], be one of [\"userScripts\"], or be one of [\"trialML\"]]";
  const permissionsType = {
    name: 'permissions', type: 'object', typeName: 'permissions.Permissions',
    properties: {
      permissions: { type: 'array', items: { type: 'string' }, optional: true },
      origins: { type: 'array', items: { type: 'string' }, optional: true },
    },
  };
  // The names and origins of `value`, checked as the browser checks them; throws its error.
  function checked(cx, value, fn) {
    const names = value.permissions || [];
    const origins = value.origins || [];
    for (let i = 0; i < names.length; i++) {
      const name = names[i];
      if (chrome ? !listIncludes(chromeNames, name) : !listIncludes(firefoxNames, name) && RegExpPrototypeExec(/^experiments(\.\w+)+$/, name) === null) {
        throw new Error(chrome ? "'" + name + "' is not a recognized permission."
          : 'Type error for parameter permissions (Error processing permissions.' + i + ': Value ' + JSONStringify(name) + ' must either: ' + firefoxNameChoices + ') for permissions.' + fn + '.');
      }
    }
    for (let i = 0; i < origins.length; i++) {
      const origin = origins[i];
      if (chrome) {
        const problem = host.call(cx, 'permissions.patternError', [origin]);
        if (problem !== null) throw new Error('Invalid value for origin pattern ' + origin + ': ' + problem);
      } else {
        const problem = host.firefoxMatchPatternProblem(origin);
        if (problem !== null) throw new Error('Type error for parameter permissions (Error processing origins.' + i + ': ' + problem + ') for permissions.' + fn + '.');
      }
    }
    return { __proto__: null, permissions: names, origins };
  }
  host.defineNamespace('permissions', ['background'], () => ({
    functions: {
      getAll: { async: true, parameters: [], run: (cx, args) => request(cx, 'permissions.getAll', args) },
      contains: { async: true, parameters: [permissionsType], run: (cx, args) => request(cx, 'permissions.contains', [checked(cx, args[0], 'contains')]) },
      request: {
        async: true,
        parameters: [permissionsType],
        massageArguments: host.argumentsWithGesture('permissions.request'),
        run(cx, args) {
          const asked = checked(cx, args[0].value, 'request');
          if (!args[0].gesture) {
            throw new Error(chrome ? 'This function must be called during a user gesture' : 'permissions.request may only be called from a user input handler');
          }
          return request(cx, 'permissions.request', [asked]);
        },
      },
      remove: { async: true, parameters: [permissionsType], run: (cx, args) => request(cx, 'permissions.remove', [checked(cx, args[0], 'remove')]) },
    },
    events: ['onAdded', 'onRemoved'],
    missing: chrome ? [{ name: 'addHostAccessRequest' }, { name: 'removeHostAccessRequest' }] : undefined,
    listedUndefined: chrome ? undefined : { background: ['AnyPermissions', 'Permissions'] },
  }));
});
