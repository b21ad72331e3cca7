// exthost:needs primordials host dom_exception
// exthost:contexts background
// exthost:globals ServiceWorkerGlobalScope: importScripts:function:0
// `importScripts(...urls)` of a classic service worker (the HTML Standard's worker scripts, as
// Chromium runs an extension's: fixtures/conformance/worker-import-scripts). Every URL is parsed
// first (relative to the worker's script); then each script runs in turn, synchronously, in the
// worker (Swift: engine.importScript).
(function (host) {
  'use strict';
  const { String, listPush } = host.primordials;
  const native = host.native;
  const failed = (text) => "Failed to execute 'importScripts' on 'WorkerGlobalScope': " + text;

  host.implementations.importScripts = function importScripts(...urls) {
    const resolved = [];
    for (let i = 0; i < urls.length; i++) {
      const text = String(urls[i]);
      const url = native.fetch.resolve(text);
      if (url === null) throw host.newDOMException(failed("The URL '" + text + "' is invalid."), 'SyntaxError');
      listPush(resolved, url);
    }
    for (let i = 0; i < resolved.length; i++) {
      if (native.engine.importScript(resolved[i]) === 'network') {
        throw host.newDOMException(failed("The script at '" + resolved[i] + "' failed to load."), 'NetworkError');
      }
    }
  };
});
