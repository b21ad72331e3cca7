// exthost:realm host
// exthost:needs primordials api
// exthost:contexts webPage
// exthost:flavors chrome
// exthost:globals chrome:accessor
// What a web page's own scripts see of `chrome` in Chromium (fixtures/conformance/page-scripts-order):
// an object with `app`, `csi` and `loadTimes`, Chromium's old page APIs, and no extension API but
// `chrome.runtime` (`connect`, `sendMessage`, its enums) for a page an extension's
// `externally_connectable` names (recorded: msg-external-connectable). Its times are the loop's
// clock. Firefox gives a page no `chrome`.
// Runs in the host's realm, for a page's main world on the first touch of `chrome`
// (`host.installWebPageChrome`): the object and its functions are the world's.
(function (host) {
  'use strict';
  const { ReflectApply } = host.primordials;
  const freeze = (cx, value) => ReflectApply(cx.b.ObjectFreeze, undefined, [value]);
  // An object of the world with the data properties of `entries` ([name, value, ...]), in order.
  function objectOf(cx, entries) {
    const object = host.newObject(cx);
    for (let i = 0; i < entries.length; i += 2) host.defineValue(object, entries[i], entries[i + 1], true, true, true);
    return object;
  }
  // `chrome.loadTimes()`: the page's load, in seconds since the epoch (deprecated, still there).
  function loadTimes(cx) {
    const now = cx.loader.native.clock.wallNow() / 1000;
    const start = cx.webPageChromeStarted / 1000;
    return objectOf(cx, [
      'requestTime', start, 'startLoadTime', start, 'commitLoadTime', start, 'finishDocumentLoadTime', now, 'finishLoadTime', now,
      'firstPaintTime', now, 'firstPaintAfterLoadTime', 0, 'navigationType', 'Other', 'wasFetchedViaSpdy', false, 'wasNpnNegotiated', false,
      'npnNegotiatedProtocol', 'unknown', 'wasAlternateProtocolAvailable', false, 'connectionInfo', 'http/1.1',
    ]);
  }
  // `chrome.csi()`: the same in milliseconds.
  function csi(cx) {
    const now = cx.loader.native.clock.wallNow();
    const started = cx.webPageChromeStarted;
    return objectOf(cx, ['startE', started, 'onloadT', now, 'pageT', now - started, 'tran', 15]);
  }
  host.installWebPageChrome = function (cx) {
    if (cx.webPageChromeStarted !== undefined) return;
    cx.webPageChromeStarted = cx.loader.native.clock.wallNow();
    const fn = (name, length, impl) => host.newFunction(cx, name, length, impl, cx);
    const app = objectOf(cx, [
      'isInstalled', false,
      'getDetails', fn('getDetails', 0, () => null),
      'getIsInstalled', fn('getIsInstalled', 0, () => false),
      'installState', fn('installState', 1, (data, thisValue, callback) => {
        if (typeof callback === 'function') callback('not_installed');
      }),
      'runningState', fn('runningState', 0, () => 'cannot_run'),
      'InstallState', freeze(cx, objectOf(cx, ['DISABLED', 'disabled', 'INSTALLED', 'installed', 'NOT_INSTALLED', 'not_installed'])),
      'RunningState', freeze(cx, objectOf(cx, ['CANNOT_RUN', 'cannot_run', 'READY_TO_RUN', 'ready_to_run', 'RUNNING', 'running'])),
    ]);
    const chrome = objectOf(cx, ['loadTimes', fn('loadTimes', 0, (data) => loadTimes(data)), 'csi', fn('csi', 0, (data) => csi(data)), 'app', app]);
    // (`runtime`, to message the extensions that name the page in their externally_connectable:
    // filled on its first touch, js/90_namespaces.js.)
    if (cx.info.externallyConnectable === true) host.defineValue(chrome, 'runtime', cx.native.realm.lazyNamespace('webPageRuntime'), true, true, true);
    cx.loader.defineGlobal('chrome', { __proto__: null, value: chrome, writable: true, enumerable: true, configurable: true });
  };
});
