// exthost:needs primordials host
// exthost:contexts webPage
// exthost:flavors chrome
// exthost:globals chrome:accessor
// What a web page's own scripts see of `chrome` in Chromium (fixtures/conformance/page-scripts-order):
// an object with `app`, `csi` and `loadTimes`, Chromium's old page APIs, and no extension API
// (`chrome.runtime` is there only for a page an extension's `externally_connectable` names, which
// exthost does not do yet). Its times are the loop's clock. Firefox gives a page no `chrome`.
(function (host) {
  'use strict';
  const { ObjectFreeze } = host.primordials;
  const native = host.native;
  const started = native.clock.wallNow();

  // `chrome.loadTimes()`: the page's load, in seconds since the epoch (deprecated, still there).
  function loadTimes() {
    const now = native.clock.wallNow() / 1000;
    const start = started / 1000;
    return {
      requestTime: start, startLoadTime: start, commitLoadTime: start, finishDocumentLoadTime: now, finishLoadTime: now,
      firstPaintTime: now, firstPaintAfterLoadTime: 0, navigationType: 'Other', wasFetchedViaSpdy: false, wasNpnNegotiated: false,
      npnNegotiatedProtocol: 'unknown', wasAlternateProtocolAvailable: false, connectionInfo: 'http/1.1',
    };
  }
  // `chrome.csi()`: the same in milliseconds.
  function csi() {
    const now = native.clock.wallNow();
    return { startE: started, onloadT: now, pageT: now - started, tran: 15 };
  }
  const app = {
    isInstalled: false,
    getDetails: function getDetails() { return null; },
    getIsInstalled: function getIsInstalled() { return false; },
    installState: function installState(callback) {
      if (typeof callback === 'function') callback('not_installed');
    },
    runningState: function runningState() { return 'cannot_run'; },
    InstallState: ObjectFreeze({ DISABLED: 'disabled', INSTALLED: 'installed', NOT_INSTALLED: 'not_installed' }),
    RunningState: ObjectFreeze({ CANNOT_RUN: 'cannot_run', READY_TO_RUN: 'ready_to_run', RUNNING: 'running' }),
  };
  const chrome = { loadTimes, csi, app };
  host.defineGlobal('chrome', { __proto__: null, value: chrome, writable: true, enumerable: true, configurable: true });
})
