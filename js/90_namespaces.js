// Builds the `chrome` and `browser` globals from the namespaces defined before this file:
// `browser` functions return promises; `chrome` functions take a trailing callback, with
// `chrome.runtime.lastError` set while it runs (and return a promise when given none, as
// Chrome's manifest version 3 and Firefox do).
(function (host) {
  'use strict';
  const global = host.global;
  const kind = host.kind === 'driver' ? 'background' : host.kind;

  // ---- lastError -----------------------------------------------------------------------------------
  // Chrome: a plain `{message}` object while a callback runs, `undefined` otherwise.
  // Firefox: an `Error` while a callback runs, `null` otherwise.
  const noLastError = host.flavor === 'chrome' ? undefined : null;
  let lastError = noLastError;
  let lastErrorRead = false;
  const runtimeObjects = [];
  function showLastError(shown) {
    if (host.flavor !== 'chrome') return;
    for (const object of runtimeObjects) {
      if (shown) Object.defineProperty(object, 'lastError', { get: lastErrorGetter, enumerable: true, configurable: true });
      else delete object.lastError;
    }
  }
  function lastErrorGetter() {
    lastErrorRead = true;
    return lastError;
  }

  // Calls an API callback with `args`, or with `chrome.runtime.lastError` set to `error`.
  host.invokeCallback = function (callback, args, error) {
    if (error === undefined) {
      host.callReporting(callback, undefined, args);
      return;
    }
    host.withLastError(error, () => host.callReporting(callback, undefined, []));
  };

  // Runs `fn` with `chrome.runtime.lastError` set to `error` (a message or an Error), then clears
  // it, logging `Unchecked runtime.lastError` when `fn` did not read it. No error: just runs `fn`.
  host.withLastError = function (error, fn) {
    if (error === undefined || error === null) {
      fn();
      return;
    }
    // (lastError below is always set: `previous` restores the outer value after nesting.)
    const previous = lastError;
    const previousRead = lastErrorRead;
    const message = error && error.message !== undefined ? String(error.message) : String(error);
    lastError = host.flavor === 'chrome' ? { message } : new Error(message);
    lastErrorRead = false;
    showLastError(true);
    try {
      fn();
    } finally {
      const unread = !lastErrorRead;
      const message = lastError.message;
      lastError = previous;
      lastErrorRead = previousRead;
      if (lastError === noLastError) showLastError(false);
      if (unread) host.native.consoleMessage('error', host.flavor === 'chrome' ? 'Unchecked runtime.lastError: ' + message : 'Unchecked lastError value: Error: ' + message);
    }
  };

  // ---- Functions -----------------------------------------------------------------------------------
  function makeFunction(fn, name) {
    const full = fn.fullName;
    let wrapper;
    if (fn.async) {
      wrapper = {
        [name](...args) {
          let matched;
          try {
            matched = fn.massageArguments ? fn.massageArguments(args) : host.checkArguments(full, args);
          } catch (error) {
            if (!(error instanceof host.ArgumentRejection)) throw error;
            const rejection = new Error(error.message);
            const last = args[args.length - 1];
            if (typeof last !== 'function') return Promise.reject(rejection);
            Promise.resolve().then(() => host.invokeCallback(last, [], rejection));
            return undefined;
          }
          const callback = matched.pop();
          let promise = fn.oneTimeMessage ? fn.run(matched) : Promise.resolve().then(() => fn.run(matched));
          if (typeof callback !== 'function') {
            // A one-time message nobody answered resolves with undefined.
            return fn.oneTimeMessage ? promise.catch((error) => { if (error === host.noResponse) return undefined; throw error; }) : promise;
          }
          // Chromium calls back with no argument for an undefined result; Firefox with (undefined).
          promise.then((result) => host.invokeCallback(callback, result === undefined && host.flavor === 'chrome' ? [] : [result]),
            (error) => {
              if (error === host.noResponse) {
                if (host.flavor === 'chrome') host.invokeCallback(callback, [], new Error('The message port closed before a response was received.'));
                else host.invokeCallback(callback, [undefined]);
                return;
              }
              host.invokeCallback(callback, [], error);
            });
          return undefined;
        },
      }[name];
    } else {
      wrapper = {
        [name](...args) { return fn.run(host.checkArguments(full, args)); },
      }[name];
    }
    return wrapper;
  }

  function makeNamespace(namespace, description) {
    const object = {};
    for (const [name, fn] of Object.entries(description.functions || {})) {
      const contexts = fn.contexts || description.contexts;
      if (!contexts.includes(kind)) continue;
      Object.defineProperty(object, name, { value: makeFunction(fn, name), enumerable: true, configurable: true, writable: true });
    }
    for (const event of description.events || []) {
      const value = host.event(namespace + '.' + event);
      Object.defineProperty(object, event, { value, enumerable: true, configurable: true, writable: true });
    }
    for (const [name, property] of Object.entries(description.properties || {})) {
      Object.defineProperty(object, name, { get: property.get, enumerable: true, configurable: true });
    }
    for (const [name, value] of Object.entries(description.constants || {})) {
      Object.defineProperty(object, name, { value, enumerable: true });
    }
    return object;
  }

  function makeRoot(style) {
    const root = {};
    for (const [namespace, description] of host.namespaces) {
      if (!description.contexts.includes(kind)) continue;
      const object = makeNamespace(namespace, description);
      if (namespace === 'runtime') {
        runtimeObjects.push(object);
        // Firefox always has the property (null between callbacks); Chromium adds it only while set.
        if (host.flavor === 'firefox') Object.defineProperty(object, 'lastError', { get: lastErrorGetter, enumerable: true, configurable: true });
      }
      Object.defineProperty(root, namespace, { value: object, enumerable: true, configurable: true, writable: true });
    }
    return root;
  }

  // Chromium has two objects; in Firefox `chrome` and `browser` are the same one.
  const chromeRoot = makeRoot('callback');
  const browserRoot = host.flavor === 'firefox' ? chromeRoot : makeRoot('promise');
  Object.defineProperty(global, 'chrome', { value: chromeRoot, writable: true, configurable: true, enumerable: true });
  Object.defineProperty(global, 'browser', { value: browserRoot, writable: true, configurable: true, enumerable: true });
});
