// exthost:needs host schema runtime tabs action windows messaging
// exthost:globals chrome:object
// exthost:globals chrome: browser:object
// exthost:globals firefox: browser=chrome
// Builds the `chrome` and `browser` globals from the namespaces defined before this file:
// `browser` functions return promises; `chrome` functions take a trailing callback, with
// `chrome.runtime.lastError` set while it runs (and return a promise when given none, as
// Chrome's manifest version 3 and Firefox do).
(function (host) {
  'use strict';
  const {
    Error, String, ObjectDefineProperty, ObjectKeys, Promise, PromiseReject, SafePromiseThen, enqueueMicrotask,
    isSafePromise, listPush, listPop, listLast, listIncludes, dataDescriptor, hasOwn, getOwnData, safeString,
  } = host.primordials;
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
    for (let i = 0; i < runtimeObjects.length; i++) {
      const object = runtimeObjects[i];
      if (shown) ObjectDefineProperty(object, 'lastError', { __proto__: null, get: lastErrorGetter, enumerable: true, configurable: true });
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

  // The text of `error` (a message, or an Error: its message; a getter that throws, or a revoked
  // Proxy a script threw, gives String(error) or "Error").
  function lastErrorMessage(error) {
    if (error === null || (typeof error !== 'object' && typeof error !== 'function')) return String(error);
    try {
      const message = error.message;
      if (message !== undefined) return String(message);
    } catch (e) { /* below */ }
    return safeString(error, 'Error');
  }

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
    const message = lastErrorMessage(error);
    lastError = host.flavor === 'chrome' ? { message } : new Error(message);
    lastErrorRead = false;
    showLastError(true);
    try {
      fn();
    } finally {
      const unread = !lastErrorRead;
      const message = getOwnData(lastError, 'message');
      lastError = previous;
      lastErrorRead = previousRead;
      if (lastError === noLastError) showLastError(false);
      if (unread) host.native.console.message('error', host.flavor === 'chrome' ? 'Unchecked runtime.lastError: ' + message : 'Unchecked lastError value: Error: ' + message);
    }
  };

  // ---- Functions -----------------------------------------------------------------------------------
  // A promise settled as `Promise.resolve().then(run)` would be, of the class `Kind` (the realm's
  // Promise for extension code, or the host's SafePromise). A SafePromise that `run` returns is
  // followed as resolving with a thenable would follow it (one microtask later), without asking
  // it for its `then`.
  function settledLater(Kind, run) {
    return new Kind((resolve, reject) => {
      enqueueMicrotask(() => {
        let result;
        try { result = run(); } catch (error) { reject(error); return; }
        follow(result, resolve, reject);
      });
    });
  }
  function follow(result, resolve, reject) {
    if (isSafePromise(result)) enqueueMicrotask(() => SafePromiseThen(result, resolve, reject));
    else resolve(result);
  }
  const SafePromiseKind = host.primordials.SafePromise;

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
            if (!host.isArgumentRejection(error)) throw error;
            const rejection = new Error(error.message);
            const last = listLast(args);
            if (typeof last !== 'function') return PromiseReject(rejection);
            enqueueMicrotask(() => host.invokeCallback(last, [], rejection));
            return undefined;
          }
          const callback = listPop(matched);
          if (typeof callback !== 'function') {
            if (!fn.oneTime) return settledLater(Promise, () => fn.run(matched));
            // A one-time message nobody answered resolves with undefined.
            const sent = fn.run(matched);
            return new Promise((resolve, reject) => {
              SafePromiseThen(sent, resolve, (error) => { if (error === host.noResponse) resolve(undefined); else reject(error); });
            });
          }
          const promise = fn.oneTime ? fn.run(matched) : settledLater(SafePromiseKind, () => fn.run(matched));
          // Chromium calls back with no argument for an undefined result; Firefox with (undefined).
          SafePromiseThen(promise, (result) => host.invokeCallback(callback, result === undefined && host.flavor === 'chrome' ? [] : [result]),
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
    const functions = description.functions || { __proto__: null };
    const functionNames = ObjectKeys(functions);
    for (let i = 0; i < functionNames.length; i++) {
      const name = functionNames[i];
      const fn = functions[name];
      const contexts = fn.contexts || description.contexts;
      if (!listIncludes(contexts, kind)) continue;
      ObjectDefineProperty(object, name, dataDescriptor(makeFunction(fn, name), true, true, true));
    }
    const events = description.events || [];
    for (let i = 0; i < events.length; i++) {
      const value = host.event(namespace + '.' + events[i]);
      ObjectDefineProperty(object, events[i], dataDescriptor(value, true, true, true));
    }
    const properties = description.properties || { __proto__: null };
    const propertyNames = ObjectKeys(properties);
    for (let i = 0; i < propertyNames.length; i++) {
      const name = propertyNames[i];
      ObjectDefineProperty(object, name, { __proto__: null, get: properties[name].get, enumerable: true, configurable: true });
    }
    const constants = description.constants || { __proto__: null };
    const constantNames = ObjectKeys(constants);
    for (let i = 0; i < constantNames.length; i++) {
      ObjectDefineProperty(object, constantNames[i], dataDescriptor(constants[constantNames[i]], false, true, false));
    }
    return object;
  }

  // Fills `root` (the global `chrome` or `browser`, made by the host and empty until now).
  function fillRoot(root) {
    host.namespaces.forEach((description, namespace) => {
      if (!listIncludes(description.contexts, kind)) return;
      const object = makeNamespace(namespace, description);
      if (namespace === 'runtime') {
        listPush(runtimeObjects, object);
        // Firefox always has the property (null between callbacks); Chromium adds it only while set.
        if (host.flavor === 'firefox') ObjectDefineProperty(object, 'lastError', { __proto__: null, get: lastErrorGetter, enumerable: true, configurable: true });
      }
      ObjectDefineProperty(root, namespace, dataDescriptor(object, true, true, true));
    });
    return root;
  }

  // Chromium has two objects; in Firefox `chrome` and `browser` are the same one.
  fillRoot(host.lazyGlobals.chrome);
  if (host.flavor !== 'firefox') fillRoot(host.lazyGlobals.browser);
});
