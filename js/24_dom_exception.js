// exthost:realm host
// exthost:needs primordials api
// exthost:globals ~DOMException:constructor:0
// exthost:globals chrome: ~QuotaExceededError:constructor:0
// `DOMException`, as Web IDL defines it: `new DOMException(message = '', name = 'Error')`, its
// `name`, `message` and legacy `code` (the table of Web IDL's error names), the legacy constants on
// the constructor and its prototype, which inherits from Error.prototype. The host's other modules
// make theirs with `host.newDOMException(cx, message, name)` (js/38_api.js; atob's
// InvalidCharacterError, ...), a context's own modules with `host.newDOMException(message, name)`
// of the context's `host` object. Chromium's `QuotaExceededError` is a DOMException of its own
// class (with `quota` and `requested`), which storage's quota errors are there.
//
// Runs in the host's realm, for a world on the first need of an exception (`host.installDOMException`);
// each exception is an Error object of the world (Error.isError is true, and it carries its stack,
// as the browsers' do) whose name and message are its prototype's getters.
(function (host) {
  'use strict';
  const { String, Number, NumberIsFinite, ReflectConstruct, SafeWeakMap, listPush } = host.primordials;
  const FIREFOX = host.flavor === 'firefox';
  const { illegalInvocation } = host.webIDLErrors;
  const isObject = (value) => value !== null && (typeof value === 'object' || typeof value === 'function');

  // Web IDL's error names with a legacy code, and the constants that name the codes.
  const codes = {
    __proto__: null, IndexSizeError: 1, HierarchyRequestError: 3, WrongDocumentError: 4, InvalidCharacterError: 5,
    NoModificationAllowedError: 7, NotFoundError: 8, NotSupportedError: 9, InUseAttributeError: 10, InvalidStateError: 11,
    SyntaxError: 12, InvalidModificationError: 13, NamespaceError: 14, InvalidAccessError: 15, TypeMismatchError: 17,
    SecurityError: 18, NetworkError: 19, AbortError: 20, URLMismatchError: 21, QuotaExceededError: 22, TimeoutError: 23,
    InvalidNodeTypeError: 24, DataCloneError: 25,
  };
  const constants = [
    'INDEX_SIZE_ERR', 'DOMSTRING_SIZE_ERR', 'HIERARCHY_REQUEST_ERR', 'WRONG_DOCUMENT_ERR', 'INVALID_CHARACTER_ERR',
    'NO_DATA_ALLOWED_ERR', 'NO_MODIFICATION_ALLOWED_ERR', 'NOT_FOUND_ERR', 'NOT_SUPPORTED_ERR', 'INUSE_ATTRIBUTE_ERR',
    'INVALID_STATE_ERR', 'SYNTAX_ERR', 'INVALID_MODIFICATION_ERR', 'NAMESPACE_ERR', 'INVALID_ACCESS_ERR', 'VALIDATION_ERR',
    'TYPE_MISMATCH_ERR', 'SECURITY_ERR', 'NETWORK_ERR', 'ABORT_ERR', 'URL_MISMATCH_ERR', 'QUOTA_EXCEEDED_ERR', 'TIMEOUT_ERR',
    'INVALID_NODE_TYPE_ERR', 'DATA_CLONE_ERR',
  ];

  // The constants as [name, value, ...].
  const codeConstants = [];
  for (let i = 0; i < constants.length; i++) {
    listPush(codeConstants, constants[i]);
    listPush(codeConstants, i + 1);
  }
  // Each exception's { name, message } (of any world), and a QuotaExceededError's { quota, requested }.
  const state = new SafeWeakMap();
  const limits = new SafeWeakMap();
  // A new Error object of the world of `cx` whose prototype is `newTarget`'s (or the interface's).
  function newException(cx, newTarget, name) {
    const prototype = newTarget === undefined ? interfaceOf(cx, name).publicConstructor : newTarget;
    return ReflectConstruct(cx.b.Error, [], prototype);
  }
  const constructDOMException = (cx, thisValue, newTarget, ...args) => {
    const parts = { __proto__: null, name: args[1] === undefined ? 'Error' : String(args[1]), message: args[0] === undefined ? '' : String(args[0]) };
    const exception = newException(cx, newTarget, 'DOMException');
    state.set(exception, parts);
    return exception;
  };
  // Chromium's QuotaExceededError(message = '', {quota, requested}).
  const constructQuotaExceededError = (cx, thisValue, newTarget, ...args) => {
    const message = args[0] === undefined ? '' : String(args[0]);
    const options = args[1];
    const parts = { __proto__: null, quota: null, requested: null };
    if (options !== undefined && options !== null) {
      const names = ['quota', 'requested'];
      for (let i = 0; i < names.length; i++) {
        const value = options[names[i]];
        if (value === undefined) continue;
        const number = Number(value);
        if (!NumberIsFinite(number)) {
          throw host.newTypeError(cx, "Failed to construct 'QuotaExceededError': Failed to read the '" + names[i] + "' property from 'QuotaExceededErrorOptions': The provided double value is non-finite.");
        }
        if (number < 0) throw new cx.b.RangeError("Failed to construct 'QuotaExceededError': " + names[i] + ' must be at least zero.');
        parts[names[i]] = number;
      }
      if (parts.quota !== null && parts.requested !== null && parts.requested < parts.quota) {
        throw new cx.b.RangeError("Failed to construct 'QuotaExceededError': requested must be at least quota.");
      }
    }
    const exception = newException(cx, newTarget, 'QuotaExceededError');
    state.set(exception, { __proto__: null, name: 'QuotaExceededError', message });
    limits.set(exception, parts);
    return exception;
  };
  const stateGetter = (member, read) => (cx, thisValue) => {
    const found = isObject(thisValue) ? state.get(thisValue) : undefined;
    if (found === undefined) throw illegalInvocation(cx, 'DOMException', 'get ' + member);
    return read(found);
  };
  const limitGetter = (member) => (cx, thisValue) => {
    const parts = isObject(thisValue) ? limits.get(thisValue) : undefined;
    if (parts === undefined) throw host.newTypeError(cx, 'Illegal invocation');
    return parts[member];
  };
  const interfaces = {
    __proto__: null,
    DOMException: {
      construct: constructDOMException,
      members: [
        ['get', 'name', stateGetter('name', (parts) => parts.name)], ['get', 'message', stateGetter('message', (parts) => parts.message)],
        ['get', 'code', stateGetter('code', (parts) => codes[parts.name] || 0)],
      ],
      constants: codeConstants, constantsFirst: true,
    },
    QuotaExceededError: { parent: 'DOMException', construct: constructQuotaExceededError, members: [['get', 'quota', limitGetter('quota')], ['get', 'requested', limitGetter('requested')]] },
  };

  // The interface `name` of the world of `cx` ({prototype, publicConstructor}), made now if it was not.
  function interfaceOf(cx, name) {
    let world = cx.domExceptionWorld;
    if (world === undefined) {
      world = { __proto__: null };
      cx.domExceptionWorld = world;
    }
    const made = world[name];
    if (made !== undefined) return made;
    const description = interfaces[name];
    if (description.parent !== undefined) {
      world[name] = host.makeWorldInterface(cx, name, description, interfaceOf(cx, description.parent));
      return world[name];
    }
    // (DOMException.prototype inherits from the world's Error.prototype.)
    world[name] = host.makeWorldInterface(cx, name, description, { __proto__: null, prototype: cx.b.ErrorPrototype, publicConstructor: null });
    return world[name];
  }
  host.makeDOMExceptionInterface = function (cx, name) {
    if (interfaces[name] !== undefined && (name !== 'QuotaExceededError' || !FIREFOX)) interfaceOf(cx, name);
  };

  // A DOMException named `name` of the world of `cx` (Chromium's QuotaExceededError is its own class).
  function newDOMException(cx, message, name) {
    if (name === 'QuotaExceededError' && !FIREFOX) return constructQuotaExceededError(cx, undefined, undefined, message);
    return constructDOMException(cx, undefined, undefined, message, name);
  }
  // An exception's { name, message }, or undefined for any other value: what the console reads
  // (js/10_format.js), running no getter.
  const domExceptionParts = (value) => (isObject(value) ? state.get(value) : undefined);

  // Installs the module for the world of `cx`: what the context's own modules and the console ask
  // through the context's `host` object.
  host.installDOMException = function (cx) {
    if (cx.loader.newDOMException !== undefined) return;
    cx.loader.newDOMException = host.guarded(cx, (message, name) => newDOMException(cx, message, name));
    cx.loader.domExceptionParts = domExceptionParts;
  };
});
