// exthost:needs primordials
// What the host's modules in a context share: reporting an error that escaped a callback the host
// called, and synchronous calls into Swift. (The extension APIs run in the host's own realm:
// js/38_api.js.) Extension code never sees `host`.
(function (host) {
  'use strict';
  const { stringifyData, errorLocation, ReflectOwnKeys, ReflectGetOwnPropertyDescriptor, ReflectDefineProperty } = host.primordials;
  const native = host.native;

  // ---- Uncaught errors ---------------------------------------------------------------------------
  // Reports an error that escaped a callback the host called, as the browser's console shows it,
  // after the global's `error` or `unhandledrejection` event (js/31_events.js, once loaded: no
  // listener can exist before), unless a listener canceled it. `promise`: the rejected promise;
  // `notThrown`: a failure of the host's (a script that could not load), which fires no event.
  host.reportUncaught = function (error, inPromise, promise, notThrown) {
    if (!notThrown && host.dispatchErrorEvent !== undefined && !host.dispatchErrorEvent(error, !!inPromise, promise)) return;
    let text;
    try {
      text = native.format.describeUncaught(error, !!inPromise);
    } catch (e) {
      text = host.flavor === 'chrome' ? 'Uncaught (an error that cannot be shown)' : "uncaught exception: unknown (can't convert to string)";
    }
    native.console.uncaught(text, errorLocation(error));
  };

  // ---- Interfaces ----------------------------------------------------------------------------------
  // Defines the members of `members` (methods and accessors written in an object literal) on
  // `target`, an interface's prototype, as Web IDL does: enumerable and configurable, methods
  // writable.
  host.defineMembers = function (target, members) {
    const keys = ReflectOwnKeys(members);
    for (let i = 0; i < keys.length; i++) {
      const descriptor = { __proto__: null, ...ReflectGetOwnPropertyDescriptor(members, keys[i]) };
      descriptor.enumerable = true;
      ReflectDefineProperty(target, keys[i], descriptor);
    }
  };

  // ---- Calls into Swift ----------------------------------------------------------------------------
  // A synchronous API call into Swift: returns its result, or throws its error.
  host.call = function (method, args) {
    return native.api.call(method, stringifyData(args));
  };
});
