// exthost:needs primordials host
// exthost:globals ~DOMException:constructor:0
// exthost:globals chrome: ~QuotaExceededError:constructor:0
// `DOMException`, as Web IDL defines it: `new DOMException(message = '', name = 'Error')`, its
// `name`, `message` and legacy `code` (the table of Web IDL's error names), the legacy constants on
// the constructor and its prototype, which inherits from Error.prototype. The host's other modules
// make theirs with `host.newDOMException(message, name)` (atob's InvalidCharacterError, ...).
// Chromium's `QuotaExceededError` is a DOMException of its own class (with `quota` and
// `requested`), which storage's quota errors are there.
(function (host) {
  'use strict';
  const {
    TypeError, RangeError, Error, String, Number, NumberIsFinite, ObjectCreate, ObjectSetPrototypeOf, ReflectConstruct, ReflectDefineProperty, SafeWeakMap, dataDescriptor, ErrorPrototype,
    SymbolToStringTag,
  } = host.primordials;
  const FIREFOX = host.flavor === 'firefox';

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

  // Each exception's { name, message }.
  const state = new SafeWeakMap();

  function DOMException(message = '', name = 'Error') {
    if (new.target === undefined) {
      throw new TypeError(FIREFOX
        ? "DOMException constructor: 'new' is required"
        : "Failed to construct 'DOMException': Please use the 'new' operator, this DOM object constructor cannot be called as a function.");
    }
    const parts = { __proto__: null, name: String(name), message: String(message) };
    // An Error object (Error.isError is true, and it carries its stack, as the browsers' do) whose
    // name and message are the prototype's getters.
    const exception = ReflectConstruct(Error, [], new.target);
    state.set(exception, parts);
    return exception;
  }

  function stateOf(exception, member) {
    const found = state.get(exception);
    if (found === undefined) {
      throw new TypeError(FIREFOX
        ? "'get " + member + "' called on an object that does not implement interface DOMException."
        : 'Illegal invocation');
    }
    return found;
  }

  const prototype = ObjectCreate(ErrorPrototype);
  const getters = {
    __proto__: null,
    name: { get name() { return stateOf(this, 'name').name; } },
    message: { get message() { return stateOf(this, 'message').message; } },
    code: { get code() { return codes[stateOf(this, 'code').name] || 0; } },
  };
  const members = ['name', 'message', 'code'];
  for (let i = 0; i < members.length; i++) {
    const get = getters[members[i]];
    const descriptor = { __proto__: null, get: host.primordials.ReflectGetOwnPropertyDescriptor(get, members[i]).get, enumerable: true, configurable: true };
    ReflectDefineProperty(prototype, members[i], descriptor);
  }
  for (let i = 0; i < constants.length; i++) {
    ReflectDefineProperty(DOMException, constants[i], dataDescriptor(i + 1, false, true, false));
    ReflectDefineProperty(prototype, constants[i], dataDescriptor(i + 1, false, true, false));
  }
  ReflectDefineProperty(prototype, SymbolToStringTag, dataDescriptor('DOMException', false, false, true));
  ReflectDefineProperty(DOMException, 'prototype', dataDescriptor(prototype, false, false, false));
  ReflectDefineProperty(DOMException, 'length', dataDescriptor(0, false, false, true));
  host.adoptConstructor('DOMException', DOMException);

  // Chromium's QuotaExceededError(message = '', {quota, requested}).
  const limits = new SafeWeakMap();
  function QuotaExceededError(message = '', options = undefined) {
    if (new.target === undefined) {
      throw new TypeError("Failed to construct 'QuotaExceededError': Please use the 'new' operator, this DOM object constructor cannot be called as a function.");
    }
    const parts = { __proto__: null, quota: null, requested: null };
    if (options !== undefined && options !== null) {
      const names = ['quota', 'requested'];
      for (let i = 0; i < names.length; i++) {
        const value = options[names[i]];
        if (value === undefined) continue;
        const number = Number(value);
        if (!NumberIsFinite(number)) {
          throw new TypeError("Failed to construct 'QuotaExceededError': Failed to read the '" + names[i] + "' property from 'QuotaExceededErrorOptions': The provided double value is non-finite.");
        }
        if (number < 0) throw new RangeError("Failed to construct 'QuotaExceededError': " + names[i] + ' must be at least zero.');
        parts[names[i]] = number;
      }
      if (parts.quota !== null && parts.requested !== null && parts.requested < parts.quota) {
        throw new RangeError("Failed to construct 'QuotaExceededError': requested must be at least quota.");
      }
    }
    const exception = ReflectConstruct(Error, [], new.target);
    state.set(exception, { __proto__: null, name: 'QuotaExceededError', message: String(message) });
    limits.set(exception, parts);
    return exception;
  }
  if (!FIREFOX) {
    const quotaPrototype = ObjectCreate(prototype);
    const limit = (exception, member) => {
      const parts = limits.get(exception);
      if (parts === undefined) throw new TypeError('Illegal invocation');
      return parts[member];
    };
    host.defineMembers(quotaPrototype, {
      get quota() { return limit(this, 'quota'); },
      get requested() { return limit(this, 'requested'); },
    });
    ReflectDefineProperty(quotaPrototype, SymbolToStringTag, dataDescriptor('QuotaExceededError', false, false, true));
    ReflectDefineProperty(QuotaExceededError, 'prototype', dataDescriptor(quotaPrototype, false, false, false));
    ReflectDefineProperty(QuotaExceededError, 'length', dataDescriptor(0, false, false, true));
    ObjectSetPrototypeOf(host.adoptConstructor('QuotaExceededError', QuotaExceededError), host.lazyGlobals.DOMException);
  }

  // A DOMException named `name`, for the host's other modules (Chromium's QuotaExceededError is its own class).
  host.newDOMException = (message, name) => (name === 'QuotaExceededError' && !FIREFOX ? new QuotaExceededError(message) : new DOMException(message, name));
  // An exception's { name, message }, or undefined for any other value: what the console reads
  // (js/10_format.js), running no getter.
  host.domExceptionParts = (value) => state.get(value);
});
