// exthost:needs primordials
// What the host's modules in a context share: reporting an error that escaped a callback the host
// called, and synchronous calls into Swift. (The extension APIs run in the host's own realm:
// js/38_api.js.) Extension code never sees `host`.
(function (host) {
  'use strict';
  const {
    stringifyData, errorLocation, ReflectOwnKeys, ReflectGetOwnPropertyDescriptor, ReflectDefineProperty, ObjectCreate, ObjectPrototype,
    ObjectSetPrototypeOf, SymbolToStringTag, dataDescriptor,
  } = host.primordials;
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

  // ---- Errors of Web IDL interfaces, as each browser words them -----------------------------------------
  // For the modules that define interfaces (TextDecoder, EventTarget, fetch, XMLHttpRequest, Storage).
  const FIREFOX = host.flavor === 'firefox';
  const { TypeError } = host.primordials;
  const failed = (owner, member, text) => (member === 'constructor'
    ? (FIREFOX ? owner + ' constructor: ' + text : "Failed to construct '" + owner + "': " + text)
    : (FIREFOX ? owner + '.' + member + ': ' + text : "Failed to execute '" + member + "' on '" + owner + "': " + text));
  host.webIDLErrors = {
    __proto__: null,
    // "Failed to execute 'member' on 'Owner': text" / "Owner.member: text" (member 'constructor': the constructor's).
    failed,
    // The constructor called without `new`.
    newRequired(owner) {
      return new TypeError(FIREFOX ? owner + " constructor: 'new' is required"
        : failed(owner, 'constructor', "Please use the 'new' operator, this DOM object constructor cannot be called as a function."));
    },
    // A member called on an object that is not one of the interface's.
    illegalInvocation(owner, member) {
      return new TypeError(FIREFOX ? "'" + member + "' called on an object that does not implement interface " + owner + '.' : 'Illegal invocation');
    },
    // A constructor no script may call.
    illegalConstructor(owner) {
      return new TypeError(FIREFOX ? 'Illegal constructor.' : failed(owner, 'constructor', 'Illegal constructor'));
    },
    // Too few arguments.
    countError(owner, member, required, count) {
      return new TypeError(FIREFOX
        ? failed(owner, member, 'At least ' + required + ' argument' + (required === 1 ? '' : 's') + ' required, but only ' + count + ' passed')
        : failed(owner, member, required + ' argument' + (required === 1 ? '' : 's') + ' required, but only ' + count + ' present.'));
    },
    // A dictionary argument: undefined and null are empty, any other non-object is refused.
    dictionary(value, owner, member, index, typeName) {
      if (value === undefined || value === null) return undefined;
      if (typeof value !== 'object' && typeof value !== 'function') {
        throw new TypeError(FIREFOX ? failed(owner, member, 'Argument ' + index + " can't be converted to a dictionary.")
          : failed(owner, member, "The provided value is not of type '" + typeName + "'."));
      }
      return value;
    },
  };

  // ---- Sequences -----------------------------------------------------------------------------------
  host.webIDLSequence = host.primordials.webIDLSequence;

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

  // Defines the interface `name` over the class `constructor` (of a module of the context), as
  // Web IDL does: its prototype (`options.prototype`, or a new object inheriting from
  // `options.parentPrototype`, else Object.prototype) gets `members` and its @@toStringTag, the
  // class its `length` and `options.statics` (before the loader gives the class's own members to
  // the public constructor, js/00_1_modules.js), and the public constructor inherits from
  // `options.parentConstructor`. Returns the prototype.
  host.defineInterface = function (constructor, name, length, members, options) {
    const statics = options === undefined ? undefined : options.statics;
    if (statics !== undefined) host.defineMembers(constructor, statics);
    const given = options === undefined ? undefined : options.prototype;
    const parentPrototype = options === undefined || options.parentPrototype === undefined ? ObjectPrototype : options.parentPrototype;
    const prototype = given !== undefined ? given : ObjectCreate(parentPrototype);
    host.defineMembers(prototype, members);
    ReflectDefineProperty(prototype, SymbolToStringTag, dataDescriptor(name, false, false, true));
    ReflectDefineProperty(constructor, 'prototype', dataDescriptor(prototype, false, false, false));
    ReflectDefineProperty(constructor, 'length', dataDescriptor(length, false, false, true));
    const publicConstructor = host.adoptConstructor(name, constructor);
    if (options !== undefined && options.parentConstructor !== undefined) ObjectSetPrototypeOf(publicConstructor, options.parentConstructor);
    return prototype;
  };

  // ASCII lowercase (js/00_2_primordials.js).
  host.asciiLowercase = host.primordials.asciiLowercase;

  // ---- Calls into Swift ----------------------------------------------------------------------------
  // A synchronous API call into Swift: returns its result, or throws its error.
  host.call = function (method, args) {
    return native.api.call(method, stringifyData(args));
  };
});
