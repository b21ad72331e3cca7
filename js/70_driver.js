// exthost:contexts driver
// exthost:eager
// The globals of a driver script (`*.test.js`, `exthost run --driver FILE`; Sources/Exthost/Driver/
// TestDriver.swift): `exthost`, the object that drives the browser as a person or a test harness
// would (load extensions, open and close tabs, click the action, exchange messages with the
// extensions' `test.sendMessage`/`test.onMessage`, wait for console lines, restart backgrounds, read
// the message record); the test declarations of node:test and mocha (`test`/`it`, `describe`,
// `before`, `after`, `beforeEach`, `afterEach`, with `skip`, `only` and `todo`); and `assert` with
// the names and semantics of Node's `node:assert` (strict comparisons for `deepStrictEqual`,
// `strictEqual`, ...; the loose ones for `equal` and `deepEqual`).
//
// A driver context runs no extension code, only this module and then the user's own test script;
// the module is loaded when the context is made, before the script, and keeps the built-ins it uses
// as they were then, so a test that replaces `Array.prototype.push` does not break the runner. It
// reaches Swift only through `host.native.driver` (Sources/Exthost/ExtensionContext+Driver.swift):
// calls that finish later take a `settle(error, resultJSON)` function, which Swift calls as a task.
(function (host) {
  'use strict';
  const native = host.native.driver;
  const global = host.global;
  const info = host.context;
  const scriptURL = info.url;
  const ReflectApply = Reflect.apply;
  const ReflectOwnKeys = Reflect.ownKeys;
  const ObjectDefineProperty = Object.defineProperty;
  const ObjectGetPrototypeOf = Object.getPrototypeOf;
  const ObjectGetOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
  const ObjectPrototypeToString = Object.prototype.toString;
  const ObjectPrototypePropertyIsEnumerable = Object.prototype.propertyIsEnumerable;
  const ObjectIs = Object.is;
  const ObjectPrototype = Object.prototype;
  const ObjectKeys = Object.keys;
  const ObjectFreeze = Object.freeze;
  const ArrayIsArray = Array.isArray;
  const JSONParse = JSON.parse;
  const JSONStringify = JSON.stringify;
  const $Promise = Promise;
  const PromiseResolve = Promise.resolve;
  const PromiseReject = Promise.reject;
  const PromisePrototypeThen = Promise.prototype.then;
  const $Error = Error;
  const RegExpPrototypeExec = RegExp.prototype.exec;
  const RegExpPrototypeToString = RegExp.prototype.toString;
  const $String = String;
  const $Number = Number;
  const StringPrototypeIncludes = String.prototype.includes;
  const StringPrototypeIndexOf = String.prototype.indexOf;
  const StringPrototypeSlice = String.prototype.slice;
  const ArrayPrototypeJoin = Array.prototype.join;
  const FunctionPrototypeToString = Function.prototype.toString;
  const DatePrototypeGetTime = Date.prototype.getTime;
  const DatePrototypeToISOString = Date.prototype.toISOString;
  const MapPrototypeForEach = Map.prototype.forEach;
  const MapPrototypeHas = Map.prototype.has;
  const MapPrototypeGet = Map.prototype.get;
  const MapPrototypeSet = Map.prototype.set;
  const WeakMapPrototypeGet = WeakMap.prototype.get;
  const WeakMapPrototypeSet = WeakMap.prototype.set;
  const SetPrototypeAdd = Set.prototype.add;
  const $Map = Map;
  const $Set = Set;
  const $WeakMap = WeakMap;
  const $TypeError = TypeError;
  const SetPrototypeForEach = Set.prototype.forEach;
  const SetPrototypeHas = Set.prototype.has;
  const getMapSize = ObjectGetOwnPropertyDescriptor(Map.prototype, 'size').get;
  const getSetSize = ObjectGetOwnPropertyDescriptor(Set.prototype, 'size').get;
  const NumberPrototypeValueOf = Number.prototype.valueOf;
  const StringPrototypeValueOf = String.prototype.valueOf;
  const BooleanPrototypeValueOf = Boolean.prototype.valueOf;
  const call = (fn, thisValue, ...args) => ReflectApply(fn, thisValue, args);
  // (Defines the element: an assignment past the end would call a setter a script put on Array.prototype.)
  const push = (list, value) => { ObjectDefineProperty(list, list.length, { __proto__: null, value, writable: true, enumerable: true, configurable: true }); };
  const join = (list, separator) => call(ArrayPrototypeJoin, list, separator);
  const includes = (text, part) => call(StringPrototypeIncludes, text, part);
  const then = (promise, onFulfilled, onRejected) => call(PromisePrototypeThen, promise, onFulfilled, onRejected);
  const resolved = (value) => call(PromiseResolve, $Promise, value);
  const isObject = (value) => value !== null && (typeof value === 'object' || typeof value === 'function');
  const define = (object, key, value, enumerable = false) =>
    ObjectDefineProperty(object, key, { __proto__: null, value, writable: true, enumerable, configurable: true });

  // ---- What a value is (brand checks: a `Symbol.toStringTag` or a prototype a script set does not
  // change the answer) --------------------------------------------------------------------------------
  const getRegExpSource = ObjectGetOwnPropertyDescriptor(RegExp.prototype, 'source').get;
  const getRegExpFlags = ObjectGetOwnPropertyDescriptor(RegExp.prototype, 'flags').get;
  const RegExpPrototype = RegExp.prototype;
  const ErrorIsError = typeof Error.isError === 'function' ? Error.isError : null;
  const ArrayBufferIsView = ArrayBuffer.isView;
  const getArrayBufferByteLength = ObjectGetOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength').get;
  const getDataViewBuffer = ObjectGetOwnPropertyDescriptor(DataView.prototype, 'buffer').get;
  const getDataViewByteOffset = ObjectGetOwnPropertyDescriptor(DataView.prototype, 'byteOffset').get;
  const getDataViewByteLength = ObjectGetOwnPropertyDescriptor(DataView.prototype, 'byteLength').get;
  const TypedArrayPrototype = ObjectGetPrototypeOf(Uint8Array.prototype);
  const getTypedArrayTag = ObjectGetOwnPropertyDescriptor(TypedArrayPrototype, Symbol.toStringTag).get;
  const getTypedArrayLength = ObjectGetOwnPropertyDescriptor(TypedArrayPrototype, 'length').get;
  const $Uint8Array = Uint8Array;
  const ObjectPrototypeIsPrototypeOf = Object.prototype.isPrototypeOf;
  function succeeds(fn, value) {
    try {
      call(fn, value);
      return true;
    } catch (e) {
      return false;
    }
  }
  function isError(value) {
    if (ErrorIsError !== null) return ErrorIsError(value);
    try { return call(ObjectPrototypeIsPrototypeOf, $Error.prototype, value); } catch (e) { return false; }
  }
  const isRegExp = (value) => isObject(value) && value !== RegExpPrototype && succeeds(getRegExpSource, value);
  // The kind of an object, as equality and printing tell them apart.
  function kindOf(value) {
    if (ArrayIsArray(value)) return 'Array';
    if (typeof value === 'function') return 'Function';
    if (succeeds(getMapSize, value)) return 'Map';
    if (succeeds(getSetSize, value)) return 'Set';
    if (succeeds(DatePrototypeGetTime, value)) return 'Date';
    if (isRegExp(value)) return 'RegExp';
    const typedArray = call(getTypedArrayTag, value);
    if (typedArray !== undefined) return typedArray;
    if (succeeds(getArrayBufferByteLength, value)) return 'ArrayBuffer';
    if (succeeds(getDataViewBuffer, value)) return 'DataView';
    if (succeeds(NumberPrototypeValueOf, value)) return 'Number';
    if (succeeds(StringPrototypeValueOf, value)) return 'String';
    if (succeeds(BooleanPrototypeValueOf, value)) return 'Boolean';
    if (isError(value)) return 'Error';
    return 'Object';
  }
  // A string's lines (split without String.prototype.split, which a script may have replaced
  // through Symbol.split).
  function lines(text) {
    const result = [];
    let start = 0;
    for (;;) {
      const at = call(StringPrototypeIndexOf, text, '\n', start);
      if (at < 0) break;
      push(result, call(StringPrototypeSlice, text, start, at));
      start = at + 1;
    }
    push(result, call(StringPrototypeSlice, text, start));
    return result;
  }

  // ---- Values as people read them (Node's util.inspect, in short) ------------------------------------
  const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
  function quote(text) {
    const json = JSONStringify(text);
    if (includes(text, "'")) return json;
    // JSON's escapes, between single quotes, without escaping the double quotes.
    let result = "'";
    for (let i = 1; i < json.length - 1; i++) {
      if (json[i] === '\\' && json[i + 1] === '"') continue;
      result += json[i];
    }
    return result + "'";
  }
  function keyText(key) {
    if (typeof key === 'symbol') return '[' + $String(key) + ']';
    return call(RegExpPrototypeExec, identifier, key) !== null ? key : quote(key);
  }
  function copyWith(list, value) {
    const copy = [];
    for (let i = 0; i < list.length; i++) push(copy, list[i]);
    push(copy, value);
    return copy;
  }
  function functionText(value) {
    const name = value.name;
    const kind = call(ObjectPrototypeToString, value) === '[object AsyncFunction]' ? 'AsyncFunction' : 'Function';
    return '[' + kind + (name ? ': ' + name : ' (anonymous)') + ']';
  }
  function inspect(value, depth = 0, seen = []) {
    switch (typeof value) {
      case 'string': return quote(value);
      case 'number': return ObjectIs(value, -0) ? '-0' : $String(value);
      case 'bigint': return $String(value) + 'n';
      case 'undefined': return 'undefined';
      case 'boolean': return value ? 'true' : 'false';
      case 'symbol': return $String(value);
      case 'function': return functionText(value);
    }
    if (value === null) return 'null';
    for (let i = 0; i < seen.length; i++) if (seen[i] === value) return '[Circular]';
    const kind = kindOf(value);
    if (kind === 'Date') {
      const time = call(DatePrototypeGetTime, value);
      return time !== time ? 'Invalid Date' : call(DatePrototypeToISOString, value);
    }
    if (kind === 'RegExp') return '/' + call(getRegExpSource, value) + '/' + call(getRegExpFlags, value);
    if (kind === 'Error') {
      let name;
      let message;
      try { name = value.name; message = value.message; } catch (e) { /* shown without */ }
      return '[' + (typeof name === 'string' && name ? name : 'Error') + (typeof message === 'string' && message ? ': ' + message : '') + ']';
    }
    if (kind === 'Number') return '[Number: ' + inspect(call(NumberPrototypeValueOf, value)) + ']';
    if (kind === 'String') return '[String: ' + quote(call(StringPrototypeValueOf, value)) + ']';
    if (kind === 'Boolean') return '[Boolean: ' + inspect(call(BooleanPrototypeValueOf, value)) + ']';
    if (kind === 'ArrayBuffer') return 'ArrayBuffer { byteLength: ' + call(getArrayBufferByteLength, value) + ' }';
    if (kind === 'DataView') return 'DataView { byteLength: ' + call(getDataViewByteLength, value) + ' }';
    if (depth > 4) return kind === 'Array' ? '[Array]' : '[Object]';
    const inner = copyWith(seen, value);
    const parts = [];
    let open;
    let close = '}';
    if (kind === 'Map') {
      open = 'Map(' + call(getMapSize, value) + ') {';
      call(MapPrototypeForEach, value, (v, k) => push(parts, inspect(k, depth + 1, inner) + ' => ' + inspect(v, depth + 1, inner)));
    } else if (kind === 'Set') {
      open = 'Set(' + call(getSetSize, value) + ') {';
      call(SetPrototypeForEach, value, (v) => push(parts, inspect(v, depth + 1, inner)));
    } else if (kind === 'Array' || kind !== 'Object' && call(getTypedArrayTag, value) !== undefined) {
      const length = kind === 'Array' ? value.length : call(getTypedArrayLength, value);
      open = (kind === 'Array' ? '' : kind + '(' + length + ') ') + '[';
      close = ']';
      for (let i = 0; i < length; i++) push(parts, inspect(value[i], depth + 1, inner));
      const keys = ObjectKeys(value);
      for (let i = 0; i < keys.length; i++) {
        if (call(RegExpPrototypeExec, /^(0|[1-9][0-9]*)$/, keys[i]) === null) push(parts, keyText(keys[i]) + ': ' + inspect(value[keys[i]], depth + 1, inner));
      }
    } else {
      const prototype = ObjectGetPrototypeOf(value);
      let constructorName = '';
      if (prototype === null) {
        constructorName = '[Object: null prototype]';
      } else if (prototype !== ObjectPrototype) {
        const descriptor = ObjectGetOwnPropertyDescriptor(prototype, 'constructor');
        const constructor = descriptor === undefined ? undefined : descriptor.value;
        constructorName = typeof constructor === 'function' && typeof constructor.name === 'string' ? constructor.name : '';
      }
      open = (constructorName ? constructorName + ' ' : '') + '{';
    }
    if (kind === 'Map' || kind === 'Set' || kind === 'Object') {
      const keys = ReflectOwnKeys(value);
      for (let i = 0; i < keys.length; i++) {
        if (!call(ObjectPrototypePropertyIsEnumerable, value, keys[i])) continue;
        const descriptor = ObjectGetOwnPropertyDescriptor(value, keys[i]);
        const shown = 'value' in descriptor ? inspect(descriptor.value, depth + 1, inner)
          : descriptor.get && descriptor.set ? '[Getter/Setter]' : descriptor.get ? '[Getter]' : '[Setter]';
        push(parts, keyText(keys[i]) + ': ' + shown);
      }
    }
    if (parts.length === 0) return open + close;
    const oneLine = open + ' ' + join(parts, ', ') + ' ' + close;
    if (oneLine.length <= 72 && !includes(oneLine, '\n')) return oneLine;
    const indented = [];
    for (let i = 0; i < parts.length; i++) push(indented, '  ' + join(lines(parts[i]), '\n  '));
    return open + '\n' + join(indented, ',\n') + '\n' + close;
  }

  // ---- Comparison (Node's isDeepStrictEqual, and the loose deepEqual) --------------------------------
  // Strict: primitives by Object.is, the same prototype, the same kind; loose: primitives by ==.
  // Both: own enumerable keys (strict: symbols too) with equal values, arrays of the same length,
  // Maps and Sets member by member (object members matched one to one), dates by time, regular
  // expressions by source, flags and lastIndex, boxed primitives by value, errors by name and
  // message, buffers and typed arrays by contents.
  function primitiveEqual(a, b, strict) {
    return strict ? ObjectIs(a, b) : a == b || (a !== a && b !== b); // eslint-disable-line eqeqeq
  }
  function isDeepEqual(a, b, strict, memo = []) {
    if (primitiveEqual(a, b, strict)) return true;
    if (!isObject(a) || !isObject(b)) return false;
    if (strict && ObjectGetPrototypeOf(a) !== ObjectGetPrototypeOf(b)) return false;
    const kind = kindOf(a);
    if (kind !== kindOf(b)) return false;
    for (let i = 0; i < memo.length; i++) if (memo[i][0] === a && memo[i][1] === b) return true;
    const inner = copyWith(memo, [a, b]);
    switch (kind) {
      case 'Function': return false;
      case 'Array':
        if (a.length !== b.length) return false;
        break;
      case 'Date':
        if (!ObjectIs(call(DatePrototypeGetTime, a), call(DatePrototypeGetTime, b))) return false;
        break;
      case 'RegExp':
        if (call(getRegExpSource, a) !== call(getRegExpSource, b) || call(getRegExpFlags, a) !== call(getRegExpFlags, b) || a.lastIndex !== b.lastIndex) return false;
        break;
      case 'Error':
        if (a.message !== b.message || a.name !== b.name) return false;
        // (Node compares an error's cause too, own but not enumerable.)
        if (hasOwn(a, 'cause') !== hasOwn(b, 'cause') || (hasOwn(a, 'cause') && !isDeepEqual(a.cause, b.cause, strict, inner))) return false;
        break;
      case 'Number':
        if (!ObjectIs(call(NumberPrototypeValueOf, a), call(NumberPrototypeValueOf, b))) return false;
        break;
      case 'String':
        if (call(StringPrototypeValueOf, a) !== call(StringPrototypeValueOf, b)) return false;
        break;
      case 'Boolean':
        if (call(BooleanPrototypeValueOf, a) !== call(BooleanPrototypeValueOf, b)) return false;
        break;
      case 'ArrayBuffer':
      case 'DataView': {
        const bytesA = bytesOf(a, kind);
        const bytesB = bytesOf(b, kind);
        if (bytesA.length !== bytesB.length) return false;
        for (let i = 0; i < bytesA.length; i++) if (bytesA[i] !== bytesB[i]) return false;
        break;
      }
      case 'Map':
        if (!sameMembers(a, b, true, strict, inner)) return false;
        break;
      case 'Set':
        if (!sameMembers(a, b, false, strict, inner)) return false;
        break;
      default:
        if (call(getTypedArrayTag, a) !== undefined) {
          const length = call(getTypedArrayLength, a);
          if (length !== call(getTypedArrayLength, b)) return false;
          for (let i = 0; i < length; i++) if (!primitiveEqual(a[i], b[i], strict)) return false;
        }
    }
    const keysA = ownEnumerableKeys(a, strict);
    const keysB = ownEnumerableKeys(b, strict);
    if (keysA.length !== keysB.length) return false;
    for (let i = 0; i < keysA.length; i++) {
      const key = keysA[i];
      if (!call(ObjectPrototypePropertyIsEnumerable, b, key)) return false;
      if (!isDeepEqual(a[key], b[key], strict, inner)) return false;
    }
    return true;
  }
  const hasOwn = (object, key) => ObjectGetOwnPropertyDescriptor(object, key) !== undefined;
  // The bytes of an ArrayBuffer or a DataView.
  const bytesOf = (value, kind) => (kind === 'ArrayBuffer'
    ? new $Uint8Array(value)
    : new $Uint8Array(call(getDataViewBuffer, value), call(getDataViewByteOffset, value), call(getDataViewByteLength, value)));
  // Whether two Maps (`isMap`) or Sets hold equal members: a member the other has (same-value-zero)
  // matches it; any other is matched, one to one, with a deep-equal member the other does not have.
  function sameMembers(a, b, isMap, strict, memo) {
    const size = isMap ? call(getMapSize, a) : call(getSetSize, a);
    if (size !== (isMap ? call(getMapSize, b) : call(getSetSize, b))) return false;
    const has = isMap ? MapPrototypeHas : SetPrototypeHas;
    const forEach = isMap ? MapPrototypeForEach : SetPrototypeForEach;
    const unmatched = [];
    let equal = true;
    call(forEach, a, (value, key) => {
      if (!equal) return;
      const member = isMap ? key : value;
      if (call(has, b, member) && (!isMap || isDeepEqual(value, call(MapPrototypeGet, b, member), strict, memo))) return;
      if (!isObject(member) && strict) {
        equal = false;
        return;
      }
      push(unmatched, [member, value]);
    });
    if (!equal) return false;
    if (unmatched.length === 0) return true;
    // The members of `b` that `a` does not have, to pair with the unmatched ones.
    const candidates = [];
    call(forEach, b, (value, key) => {
      const member = isMap ? key : value;
      if (!call(has, a, member)) push(candidates, [member, value]);
    });
    const taken = [];
    for (let i = 0; i < unmatched.length; i++) {
      let found = false;
      for (let j = 0; j < candidates.length && !found; j++) {
        if (taken[j] === true) continue;
        if (!isDeepEqual(unmatched[i][0], candidates[j][0], strict, memo)) continue;
        if (isMap && !isDeepEqual(unmatched[i][1], candidates[j][1], strict, memo)) continue;
        ObjectDefineProperty(taken, j, { __proto__: null, value: true, writable: true, enumerable: true, configurable: true });
        found = true;
      }
      if (!found) return false;
    }
    return true;
  }
  function ownEnumerableKeys(value, withSymbols) {
    const keys = ReflectOwnKeys(value);
    const result = [];
    for (let i = 0; i < keys.length; i++) {
      if ((withSymbols || typeof keys[i] === 'string') && call(ObjectPrototypePropertyIsEnumerable, value, keys[i])) push(result, keys[i]);
    }
    return result;
  }

  // ---- assert (Node's node:assert) ------------------------------------------------------------------
  class AssertionError extends $Error {
    constructor(options) {
      super(options.message);
      define(this, 'name', 'AssertionError');
      define(this, 'generatedMessage', options.generatedMessage === true, true);
      define(this, 'code', 'ERR_ASSERTION', true);
      define(this, 'actual', options.actual, true);
      define(this, 'expected', options.expected, true);
      define(this, 'operator', options.operator, true);
    }
  }
  // The assertion errors that show their two values as a difference in the reports.
  const comparedErrors = new $WeakMap();
  // Throws an AssertionError: `message` from the caller (a string, or an Error thrown as it is), else `generated`.
  function fail(message, generated, actual, expected, operator, diff = false) {
    if (isError(message)) throw message;
    const error = new AssertionError({
      message: message === undefined ? generated : $String(message), generatedMessage: message === undefined,
      actual, expected, operator,
    });
    if (diff) call(WeakMapPrototypeSet, comparedErrors, error, true);
    throw error;
  }
  function argumentError(text) {
    const error = new $TypeError(text);
    define(error, 'code', 'ERR_INVALID_ARG_TYPE', true);
    return error;
  }
  const typeText = (value) => (value === null ? 'null' : typeof value === 'object' ? 'an instance of ' + (kindOf(value) === 'Object' ? 'Object' : kindOf(value)) : 'type ' + typeof value + ' (' + inspect(value) + ')');
  const comparisons = {
    __proto__: null,
    strictEqual: [(a, b) => ObjectIs(a, b), 'Expected values to be strictly equal:', 'strictEqual', true],
    notStrictEqual: [(a, b) => !ObjectIs(a, b), 'Expected "actual" to be strictly unequal to:', 'notStrictEqual', false],
    deepStrictEqual: [(a, b) => isDeepEqual(a, b, true), 'Expected values to be strictly deep-equal:', 'deepStrictEqual', true],
    notDeepStrictEqual: [(a, b) => !isDeepEqual(a, b, true), 'Expected "actual" not to be strictly deep-equal to:', 'notDeepStrictEqual', false],
    equal: [(a, b) => primitiveEqual(a, b, false), 'Expected values to be loosely equal:', '==', true],
    notEqual: [(a, b) => !primitiveEqual(a, b, false), 'Expected "actual" to be loosely unequal to:', '!=', false],
    deepEqual: [(a, b) => isDeepEqual(a, b, false), 'Expected values to be loosely deep-equal:', 'deepEqual', true],
    notDeepEqual: [(a, b) => !isDeepEqual(a, b, false), 'Expected "actual" not to be loosely deep-equal to:', 'notDeepEqual', false],
  };
  function ok(value, message) {
    if (!value) fail(message, 'The expression evaluated to a falsy value:\n\n  ' + inspect(value) + '\n', value, true, '==');
  }
  // Whether a thrown `error` is what `expected` describes, as Node's assert.throws decides: a class
  // (instanceof; an Error class must match), a RegExp (tested against String(error)), a validation
  // function (must return true), or an object whose own keys (and, for an Error, its name and
  // message) must be deep-equal, strings matched by a RegExp value.
  function checkExpected(expected, operator) {
    if (expected === undefined || typeof expected === 'function' || isObject(expected)) {
      if (isObject(expected) && typeof expected !== 'function' && !isRegExp(expected) && !isError(expected) && ObjectKeys(expected).length === 0) {
        const error = new $TypeError("The argument 'error' may not be an empty object. Received {}");
        define(error, 'code', 'ERR_INVALID_ARG_VALUE', true);
        throw error;
      }
      return;
    }
    throw argumentError('The "expected" argument of assert.' + operator + ' must be of type function or an instance of Error, RegExp, or Object. Received ' + typeText(expected));
  }
  function matchesExpected(error, expected, message, operator) {
    if (expected === undefined) return;
    const what = operator === 'rejects' ? 'rejection' : 'error';
    if (typeof expected === 'function') {
      if (expected.prototype !== undefined && isObject(error)) {
        let instance = false;
        try { instance = call(ObjectPrototypeIsPrototypeOf, expected.prototype, error); } catch (e) { /* not an instance */ }
        if (instance) return;
      }
      let errorClass = false;
      try { errorClass = expected === $Error || call(ObjectPrototypeIsPrototypeOf, $Error, expected); } catch (e) { /* no */ }
      if (errorClass) {
        fail(message, 'The ' + what + ' is expected to be an instance of "' + expected.name + '". Received ' + inspect(error) + '\n', error, expected, operator);
      }
      const result = call(expected, undefined, error);
      if (result === true) return;
      fail(message, 'The ' + (expected.name ? '"' + expected.name + '" ' : '') + 'validation function is expected to return "true". Received ' + inspect(result) + '\n\nCaught ' + what + ':\n\n' + inspect(error), error, expected, operator);
    }
    if (isRegExp(expected)) {
      if (call(RegExpPrototypeExec, expected, $String(error)) !== null) return;
      fail(message, 'The input did not match the regular expression ' + inspect(expected) + '. Input:\n\n' + inspect($String(error)) + '\n', error, expected, operator);
    }
    const keys = ObjectKeys(expected);
    if (isError(expected)) {
      push(keys, 'name');
      push(keys, 'message');
    }
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      const want = expected[key];
      const have = isObject(error) ? error[key] : undefined;
      const holds = isRegExp(want) && typeof have === 'string'
        ? call(RegExpPrototypeExec, want, have) !== null : isDeepEqual(have, want, true);
      if (!holds) {
        fail(message, 'Expected values to be strictly deep-equal:\n\n' + key + ': ' + inspect(have) + '\n\nshould equal\n\n' + key + ': ' + inspect(want) + '\n', error, expected, operator);
      }
    }
  }
  const noException = {};
  // What `promiseOrFn` settles with: a rejection caught, or noException. A function is called (what
  // it throws is thrown, as Node's assert.rejects does) and must return a promise.
  function settledOf(promiseOrFn, operator) {
    let promise = promiseOrFn;
    if (typeof promiseOrFn === 'function') {
      promise = call(promiseOrFn, undefined);
      if (!isObject(promise) || typeof promise.then !== 'function') {
        const error = new $TypeError('Expected instance of Promise to be returned from the "promiseFn" function but got ' + typeText(promise) + '.');
        define(error, 'code', 'ERR_INVALID_RETURN_VALUE', true);
        throw error;
      }
    } else if (!isObject(promiseOrFn) || typeof promiseOrFn.then !== 'function') {
      throw argumentError('The "promiseFn" argument of assert.' + operator + ' must be of type function or an instance of Promise. Received ' + typeText(promiseOrFn));
    }
    return new $Promise((resolve) => { call(promise.then, promise, () => resolve(noException), (error) => resolve({ __proto__: null, error })); });
  }
  const assert = function assert(value, message) { ok(value, message); };
  function defineAssertions(target, strict) {
    define(target, 'ok', ok, true);
    define(target, 'AssertionError', AssertionError);
    define(target, 'fail', function fail_(message) {
      fail(message, 'Failed', undefined, undefined, 'fail');
    }, true);
    const names = ObjectKeys(comparisons);
    for (let i = 0; i < names.length; i++) {
      const name = names[i];
      // (assert.strict's equal and deepEqual are the strict ones, as in Node.)
      const strictName = strict && (name === 'equal' || name === 'notEqual' || name === 'deepEqual' || name === 'notDeepEqual')
        ? { equal: 'strictEqual', notEqual: 'notStrictEqual', deepEqual: 'deepStrictEqual', notDeepEqual: 'notDeepStrictEqual' }[name] : name;
      const [holds, header, operator, showsDiff] = comparisons[strictName];
      define(target, name, { [name](actual, expected, message) {
        if (holds(actual, expected)) return;
        const text = showsDiff
          ? header + '\n\n' + inspect(actual) + '\n\nshould equal\n\n' + inspect(expected) + '\n'
          : header + '\n\n' + inspect(expected) + '\n';
        fail(message, text, actual, expected, operator, showsDiff);
      } }[name], true);
    }
    define(target, 'throws', function throws(fn, expected, message) {
      if (typeof fn !== 'function') throw argumentError('The "fn" argument of assert.throws must be of type function. Received ' + typeText(fn));
      if (typeof expected === 'string') { message = expected; expected = undefined; }
      checkExpected(expected, 'throws');
      let thrown = noException;
      try { fn(); } catch (error) { thrown = { __proto__: null, error }; }
      if (thrown === noException) fail(message, 'Missing expected exception' + (expected && expected.name ? ' (' + expected.name + ').' : '.'), undefined, expected, 'throws');
      matchesExpected(thrown.error, expected, message, 'throws');
    }, true);
    define(target, 'doesNotThrow', function doesNotThrow(fn, message) {
      if (typeof fn !== 'function') throw argumentError('The "fn" argument of assert.doesNotThrow must be of type function. Received ' + typeText(fn));
      try { fn(); } catch (error) {
        fail(typeof message === 'string' ? message : undefined, 'Got unwanted exception.\nActual message: "' + (isObject(error) ? error.message : inspect(error)) + '"', error, undefined, 'doesNotThrow');
      }
    }, true);
    define(target, 'rejects', function rejects(promiseOrFn, expected, message) {
      if (typeof expected === 'string') { message = expected; expected = undefined; }
      let settled;
      try {
        checkExpected(expected, 'rejects');
        settled = settledOf(promiseOrFn, 'rejects');
      } catch (error) {
        return call(PromiseReject, $Promise, error);
      }
      return then(settled, (outcome) => {
        if (outcome === noException) fail(message, 'Missing expected rejection' + (expected && expected.name ? ' (' + expected.name + ').' : '.'), undefined, expected, 'rejects');
        matchesExpected(outcome.error, expected, message, 'rejects');
      });
    }, true);
    define(target, 'doesNotReject', function doesNotReject(promiseOrFn, message) {
      let settled;
      try { settled = settledOf(promiseOrFn, 'doesNotReject'); } catch (error) { return call(PromiseReject, $Promise, error); }
      return then(settled, (outcome) => {
        if (outcome === noException) return;
        const error = outcome.error;
        fail(typeof message === 'string' ? message : undefined, 'Got unwanted rejection.\nActual message: "' + (isObject(error) ? error.message : inspect(error)) + '"', error, undefined, 'doesNotReject');
      });
    }, true);
    const matcher = (name, wanted) => function (text, pattern, message) {
      if (!isRegExp(pattern)) throw argumentError('The "regexp" argument of assert.' + name + ' must be an instance of RegExp. Received ' + typeText(pattern));
      if (typeof text !== 'string') fail(message, 'The "string" argument must be of type string. Received ' + typeText(text), text, pattern, name);
      if ((call(RegExpPrototypeExec, pattern, text) !== null) === wanted) return;
      fail(message, (wanted ? 'The input did not match the regular expression ' : 'The input was expected to not match the regular expression ')
        + inspect(pattern) + '. Input:\n\n' + inspect(text) + '\n', text, pattern, name);
    };
    define(target, 'match', matcher('match', true), true);
    define(target, 'doesNotMatch', matcher('doesNotMatch', false), true);
    define(target, 'ifError', function ifError(value) {
      if (value === null || value === undefined) return;
      fail(undefined, 'ifError got unwanted exception: ' + (isObject(value) && value.message !== undefined ? value.message : inspect(value)), value, null, 'ifError');
    }, true);
  }
  defineAssertions(assert, false);
  const strictAssert = function strict(value, message) { ok(value, message); };
  defineAssertions(strictAssert, true);
  define(strictAssert, 'strict', strictAssert, true);
  define(assert, 'strict', strictAssert, true);

  // ---- Talking to Swift -------------------------------------------------------------------------------
  // A promise for a native call that finishes later: `start(settle)` makes the call.
  function later(start) {
    return new $Promise((resolve, reject) => {
      start((error, resultJSON) => {
        if (error !== null && error !== undefined) reject(new $Error(error));
        else resolve(resultJSON === undefined ? undefined : JSONParse(resultJSON));
      });
    });
  }
  const map = (list, fn) => {
    const result = [];
    for (let i = 0; i < list.length; i++) push(result, fn(list[i]));
    return result;
  };

  // ---- The driver object ------------------------------------------------------------------------------
  const extensionHandles = new $WeakMap();
  const tabIDs = new $WeakMap();
  const handleOf = (extension) => call(WeakMapPrototypeGet, extensionHandles, extension);
  const tabIDOf = (tab) => call(WeakMapPrototypeGet, tabIDs, tab);
  // The Tab objects' browser sessions (exthost.restartBrowser() begins a new one, which numbers
  // tabs from the start again: a Tab of an earlier session names a closed tab).
  const tabSessions = new $WeakMap();
  const isStale = (tab) => call(WeakMapPrototypeGet, tabSessions, tab) !== native.browserGeneration();
  // The id of a Tab that may still be open; a Tab of an earlier session throws that it is closed.
  function liveTabID(tab) {
    const id = tabIDOf(tab);
    if (isStale(tab)) throw new $Error('Tab ' + id + ' is closed: the browser restarted since.');
    return id;
  }
  class Extension {
    constructor(handle, facts) {
      call(WeakMapPrototypeSet, extensionHandles, this, handle);
      define(this, 'id', facts.id, true);
      define(this, 'name', facts.name, true);
      define(this, 'baseURL', facts.baseURL, true);
      define(this, 'directory', facts.directory, true);
    }
    /** The extension URL of a file of the extension: `ext.url('popup.html')`. */
    url(path) {
      const text = $String(path);
      return this.baseURL + (call(StringPrototypeIndexOf, text, '/') === 0 ? call(StringPrototypeSlice, text, 1) : text);
    }
    /** Resolves with the first value after `name` of the next `test.sendMessage(name, value)`. */
    awaitMessage(name) {
      const handle = handleOf(this);
      return then(later((settle) => native.awaitMessage(handle, $String(name), settle)), (values) => values[0]);
    }
    /** Fires the extension's `test.onMessage` with `name` and `args` in each of its contexts. */
    sendMessage(name, ...args) {
      const values = [$String(name)];
      for (let i = 0; i < args.length; i++) push(values, args[i]);
      native.sendMessage(handleOf(this), JSONStringify(values));
    }
    /** Answers the next Chromium `chrome.test.sendMessage(name)` with `reply` (a string) instead of ''. */
    replyTo(name, reply) {
      native.replyTo(handleOf(this), $String(name), $String(reply));
    }
    /** Clicks the extension's toolbar button on `tab` (made active first), or on the active tab. */
    clickAction(tab) {
      if (tab !== undefined && tabIDOf(tab) === undefined) {
        return call(PromiseReject, $Promise, new $TypeError('extension.clickAction: give a Tab (from exthost.openTab or exthost.tabs()) or nothing (the active tab), not ' + inspect(tab) + '.'));
      }
      const tabID = tab === undefined ? -1 : liveTabID(tab);
      return later((settle) => native.clickAction(handleOf(this), tabID, settle));
    }
    /**
     * Fires the extension's keyboard command `name` (of its manifest's `commands`) as its shortcut
     * would: `commands.onCommand` with the name and the active tab, or for `_execute_action` a
     * click on the toolbar button.
     */
    command(name) {
      if (typeof name !== 'string' || !native.command(handleOf(this), name)) {
        throw new $TypeError('extension.command: give the name of one of the extension\'s commands, not ' + inspect(name) + '.');
      }
    }
    /**
     * What the extension's toolbar button shows on `tab` (a Tab; nothing: its values for every tab),
     * as a person sees it: `{title, popup, badgeText, badgeBackgroundColor, badgeTextColor, enabled}`
     * as `action` (or `browserAction`) set them; null for an extension with no button.
     */
    actionButton(tab) {
      if (tab !== undefined && tabIDOf(tab) === undefined) {
        throw new $TypeError('extension.actionButton: give a Tab (from exthost.openTab or exthost.tabs()) or nothing, not ' + inspect(tab) + '.');
      }
      return native.actionButton(handleOf(this), tab === undefined ? -1 : liveTabID(tab));
    }
    /**
     * Right-clicks the extension's toolbar button, as a person does, on the focused window's
     * active tab: resolves with the `ContextMenu` that opens, with the extension's items for the
     * button (`contexts` "all", "action", or manifest version 2's "browser_action").
     */
    actionMenu() {
      let answer;
      try {
        answer = actionResult('extension.actionMenu', native.openActionMenu(handleOf(this)));
      } catch (error) {
        return call(PromiseReject, $Promise, error);
      }
      return then(later((settle) => native.sleep(0, settle)), () => (answer === null ? null : new ContextMenu()));
    }
    /** Opens the extension's popup (its action's default_popup) as a click on its button does; resolves with a `Popup` once it has loaded. */
    openPopup() {
      const handle = handleOf(this);
      return then(later((settle) => native.openPopup(handle, settle)), (answer) => new Popup(handle, answer[0], answer[1]));
    }
    /** Opens the extension's options page as `runtime.openOptionsPage()` does; resolves with an `OptionsPage` once it has loaded. */
    openOptionsPage() {
      const handle = handleOf(this);
      return then(later((settle) => native.openOptionsPage(handle, settle)), (answer) => new OptionsPage(handle, answer[0], answer[1], answer[2]));
    }
    /** Closes the extension's popup if it is open. */
    closePopup() { return later((settle) => native.closePopup(handleOf(this), settle)); }
    /** Stops the background (its globals are lost, its ports disconnect) and starts it again. */
    restartBackground() { return later((settle) => native.restartBackground(handleOf(this), settle)); }
    /**
     * Disables the extension, as a person switching it off in the browser's extensions page does:
     * its contexts and the tabs of its pages close, messages to it find no receiver, and other
     * extensions with the `management` permission hear `management.onDisabled`. Its storage stays.
     */
    disable() { return later((settle) => native.disableExtension(handleOf(this), settle)); }
    /**
     * Enables the disabled extension again: its files are read again and its background starts
     * (hearing neither `runtime.onInstalled` nor `onStartup`, as in the browsers); resolves once
     * its background ran its scripts.
     */
    enable() { return later((settle) => native.enableExtension(handleOf(this), settle)); }
    /** Unloads the extension: its contexts close. */
    unload() { return later((settle) => native.unloadExtension(handleOf(this), settle)); }
    /**
     * Uninstalls the extension, as a person removing it does: its contexts and the tabs of its
     * pages close, its storage and alarms go, and the page it set with `runtime.setUninstallURL`
     * opens in a new tab; resolves with that `Tab` once it has loaded (null without one).
     */
    uninstall() {
      return then(later((settle) => native.uninstallExtension(handleOf(this), settle)), (tabID) => tabID === null ? null : tabObject({ id: tabID }));
    }
    /**
     * Updates the extension to a new version, as a browser installs an update: its folder read
     * again (nothing given), another folder (a path relative to this script), or files written
     * inline as `exthost.loadExtension` takes them. The id stays; its contexts close and the tabs of
     * its pages; `storage.local` and `sync` are kept; the new background hears
     * `runtime.onInstalled` with `reason: "update"` and `previousVersion`. Resolves once the new
     * background ran its scripts; rejects, leaving the extension as it was, when the files do not load.
     */
    update(source) {
      const handle = handleOf(this);
      try {
        if (source === undefined) return later((settle) => native.updateExtension(handle, 'same', '', settle));
        if (typeof source === 'string') return later((settle) => native.updateExtension(handle, 'folder', source, settle));
        if (isObject(source) && !ArrayIsArray(source) && typeof source !== 'function') {
          const files = JSONStringify(inlineFiles(source, 'extension.update'));
          return later((settle) => native.updateExtension(handle, 'inline', files, settle));
        }
        throw new $TypeError('extension.update: give nothing (its folder read again), a folder (a path relative to this script) or {manifest, background, files}, not ' + inspect(source) + '.');
      } catch (error) {
        return call(PromiseReject, $Promise, error);
      }
    }
  }
  define(Extension.prototype, Symbol.toStringTag, 'Extension');

  // ---- What a person does to a page: a tab's frame, or a popup -----------------------------------
  // The answer of a document action ({value} or {error}): the value, or the error thrown.
  function actionResult(member, json) {
    const answer = JSONParse(json);
    if (answer.error !== undefined) {
      const text = answer.error;
      throw new $Error(member + ': ' + text + (text.length > 0 && text[text.length - 1] === '.' ? '' : '.'));
    }
    return answer.value;
  }
  function frameIdOf(member, options) {
    if (options === undefined) return 0;
    if (!isObject(options)) throw new $TypeError(member + ': the options must be an object ({frameId}), not ' + inspect(options) + '.');
    return options.frameId === undefined ? 0 : $Number(options.frameId);
  }
  // Does an action that changes the page (`page[actOn]`), then lets the page's tasks run: a
  // promise, rejected with the action's error.
  function changePage(page, action, selector, text, options) {
    try {
      actionResult(page[pageName] + '.' + action, page[actOn](action, $String(selector), text, options));
    } catch (error) {
      return call(PromiseReject, $Promise, error);
    }
    return later((settle) => native.sleep(0, settle));
  }
  // The members a Tab, a Popup and an OptionsPage share: `act(member, action, selector, text)` does an action.
  const pageMembers = {
    /** Clicks the element `selector` finds, as a person does (`click` with capture and bubbling; a checkbox changes). */
    click(selector, options) { return changePage(this, 'click', selector, '', options); },
    /** Types `text` into the text control or editable element `selector` finds as a person does: a key pressed and released for each character (`keydown`, `keypress`, `beforeinput`, `input`, `keyup`); `change` when the field is committed. Enter (`\n`) at a link follows it; in Chromium, Enter at a button and Space at a button, checkbox or radio button click it. */
    type(selector, text, options) { return changePage(this, 'type', selector, $String(text), options); },
    /**
     * Presses Enter in the form field `selector` finds (or submits the form it finds as Enter
     * would): `keydown`, `keypress`, then HTML's implicit submission (a click on the form's default
     * button; with none, the form submits when it has at most one text field), then `keyup`.
     */
    submit(selector, options) { return changePage(this, 'submit', selector, '', options); },
    /**
     * Selects all the text of the element `selector` finds, as a person's drag over it does
     * (`pointerdown`, `mousedown`, `selectstart`, the selection, `pointerup`, `mouseup`), then lets
     * the page's tasks run (`selectionchange`).
     */
    select(selector, options) { return changePage(this, 'select', selector, '', options); },
    /** The text of the element `selector` finds, as `innerText` gives it. */
    text(selector, options) { return actionResult(this[pageName] + '.text', this[actOn]('text', $String(selector), '', options)); },
    /** The value of the form control `selector` finds. */
    value(selector, options) { return actionResult(this[pageName] + '.value', this[actOn]('value', $String(selector), '', options)); },
    /** The document's HTML. */
    html(options) { return actionResult(this[pageName] + '.html', this[actOn]('html', '', '', options)); },
  };
  const actOn = Symbol('actOn');
  const pageName = Symbol('pageName');
  class Popup {
    constructor(handle, url, documentID) {
      define(this, 'url', url, true);
      // (A Popup drives the popup it was opened as, never one opened later.)
      define(this, actOn, (action, selector, text) => native.pageAction(handle, documentID, action, selector, text));
      define(this, 'close', () => later((settle) => native.closePopup(handle, settle)));
    }
  }
  define(Popup.prototype, Symbol.toStringTag, 'Popup');
  // The options page: `url`, and `tab`, the tab that shows it (its own with `open_in_tab`, else
  // the browser's extensions page: `chrome://extensions/?options=ID`, `about:addons`).
  class OptionsPage {
    constructor(handle, url, documentID, tabID) {
      define(this, 'url', url, true);
      // (An OptionsPage drives the page it was opened as: once that closes, its members throw.)
      define(this, actOn, (action, selector, text) => native.pageAction(handle, documentID, action, selector, text));
      define(this, 'tab', tabID < 0 ? null : tabObject({ id: tabID }), true);
    }
  }
  define(OptionsPage.prototype, Symbol.toStringTag, 'OptionsPage');

  function tabFacts(tab) {
    const facts = JSONParse(native.tab(liveTabID(tab)));
    if (facts === null) throw new $Error('Tab ' + tabIDOf(tab) + ' is closed.');
    return facts;
  }
  const tabs = new $Map();
  function tabObject(facts) {
    let tab = call(MapPrototypeGet, tabs, facts.id);
    if (tab === undefined || isStale(tab)) {
      tab = new Tab(facts.id);
      call(MapPrototypeSet, tabs, facts.id, tab);
    }
    return tab;
  }
  class Tab {
    constructor(id) {
      call(WeakMapPrototypeSet, tabIDs, this, id);
      call(WeakMapPrototypeSet, tabSessions, this, native.browserGeneration());
      define(this, 'id', id, true);
    }
    get windowId() { return tabFacts(this).windowId; }
    get index() { return tabFacts(this).index; }
    get url() { return tabFacts(this).url; }
    get title() { return tabFacts(this).title; }
    get status() { return tabFacts(this).status; }
    get active() { return tabFacts(this).active; }
    /** Whether the tab is still open. */
    get isOpen() { return !isStale(this) && JSONParse(native.tab(this.id)) !== null; }
    /** Makes the tab the active tab of its window. */
    activate() { return then(later((settle) => native.activateTab(liveTabID(this), settle)), () => this); }
    /** Loads `url` in the tab; resolves once it has loaded. */
    navigate(url) { return then(later((settle) => native.navigateTab(liveTabID(this), $String(url), settle)), () => this); }
    /** Loads the tab's page again; resolves once it has loaded. */
    reload() { return then(later((settle) => native.reloadTab(liveTabID(this), settle)), () => this); }
    /** Closes the tab. */
    close() { return later((settle) => native.closeTab(liveTabID(this), settle)); }
    [actOn](action, selector, text, options) {
      return native.documentAction(liveTabID(this), frameIdOf('tab.' + action, options), action, selector, text);
    }
    /**
     * Right-clicks the element `selector` finds (in the frame `options.frameId`, else the top
     * frame), as a person does: `contextmenu` fires at it, and unless the page cancels it the
     * browser's context menu opens with the extensions' items that show there (Firefox's
     * `menus.onShown` fires). Resolves with a `ContextMenu`, or null when the page canceled it.
     */
    contextMenu(selector, options) {
      let answer;
      try {
        answer = actionResult('tab.contextMenu', native.openContextMenu(liveTabID(this), frameIdOf('tab.contextMenu', options), $String(selector)));
      } catch (error) {
        return call(PromiseReject, $Promise, error);
      }
      return then(later((settle) => native.sleep(0, settle)), () => (answer === null ? null : new ContextMenu()));
    }
  }
  define(Tab.prototype, Symbol.toStringTag, 'Tab');

  // The context menu open on a page: what it shows of the extensions, a choice, its closing. (One
  // is open at a time, as in a browser: a ContextMenu whose menu closed throws.)
  let openMenus = 0;
  const menuNumbers = new $WeakMap();
  class ContextMenu {
    constructor() {
      call(WeakMapPrototypeSet, menuNumbers, this, ++openMenus);
    }
    /**
     * The extensions' entries as a person sees them: `{title, id, type, checked, enabled,
     * extension, children}` (an extension with several items shows them in an entry named after
     * it, with no id); `%s` in a title shows the selected text.
     */
    get items() {
      this[checkOpen]('items');
      return JSONParse(native.contextMenuEntries());
    }
    /**
     * Chooses the item whose id or title (as shown) is `item` (`{extension}`: an extension's id,
     * when several have one so named): the extension hears `onClicked`, a checkbox flips, a radio
     * item is checked; the menu closes. Resolves once the extension's listeners ran.
     */
    click(item, options) {
      try {
        this[checkOpen]('click');
        const extension = options !== undefined && isObject(options) && options.extension !== undefined ? $String(options.extension) : null;
        actionResult('contextMenu.click', native.chooseMenuItem($String(item), extension));
      } catch (error) {
        return call(PromiseReject, $Promise, error);
      }
      return later((settle) => native.sleep(0, settle));
    }
    /** Closes the menu with nothing chosen (Firefox's `menus.onHidden` fires). */
    close() {
      if (call(WeakMapPrototypeGet, menuNumbers, this) === openMenus && native.contextMenuEntries() !== 'null') native.closeContextMenu();
      return later((settle) => native.sleep(0, settle));
    }
  }
  const checkOpen = Symbol('checkOpen');
  define(ContextMenu.prototype, checkOpen, function (member) {
    if (call(WeakMapPrototypeGet, menuNumbers, this) !== openMenus || native.contextMenuEntries() === 'null') {
      throw new $Error('contextMenu.' + member + ': the menu is closed (a choice, close() or another right click closed it).');
    }
  });
  define(ContextMenu.prototype, Symbol.toStringTag, 'ContextMenu');
  {
    const names = ObjectKeys(pageMembers);
    for (let i = 0; i < names.length; i++) {
      define(Tab.prototype, names[i], pageMembers[names[i]]);
      define(Popup.prototype, names[i], pageMembers[names[i]]);
      define(OptionsPage.prototype, names[i], pageMembers[names[i]]);
    }
    define(Tab.prototype, pageName, 'tab');
    define(Popup.prototype, pageName, 'popup');
    define(OptionsPage.prototype, pageName, 'optionsPage');
  }

  // A function's source as an expression: a method (`background() {...}`, `async run() {...}`)
  // becomes a function expression.
  function functionExpression(fn) {
    const source = call(FunctionPrototypeToString, fn);
    const method = call(RegExpPrototypeExec, /^(async\s+)?(\*\s*)?([A-Za-z_$][A-Za-z0-9_$]*)\s*\(/, source);
    // (`function (`, `async function (` and `async (x) =>` are expressions already.)
    if (method === null || method[3] === 'function' || (method[3] === 'async' && !method[1])) return source;
    return (method[1] || '') + 'function' + (method[2] ? '*' : '') + ' ' + method[3] + call(StringPrototypeSlice, source, method[0].length - 1);
  }
  // An inline extension's files: a function becomes a script that calls it, an object JSON.
  function fileText(path, value, member) {
    if (typeof value === 'function') return '(' + functionExpression(value) + ')();\n';
    if (typeof value === 'string') return value;
    if (isObject(value)) return JSONStringify(value, null, 2);
    throw new $TypeError(member + ': file "' + path + '" must be a string, a function or an object, not ' + inspect(value) + '.');
  }
  function inlineFiles(spec, member) {
    const given = spec.manifest === undefined ? {} : spec.manifest;
    if (!isObject(given) || ArrayIsArray(given)) throw new $TypeError(member + ': manifest must be an object, not ' + inspect(given) + '.');
    const manifest = { manifest_version: 3, name: 'Generated extension', version: '1.0' };
    const manifestKeys = ObjectKeys(given);
    for (let i = 0; i < manifestKeys.length; i++) define(manifest, manifestKeys[i], given[manifestKeys[i]], true);
    const files = { __proto__: null };
    const filesGiven = spec.files === undefined ? {} : spec.files;
    if (!isObject(filesGiven)) throw new $TypeError(member + ': files must be an object of paths and contents, not ' + inspect(filesGiven) + '.');
    const paths = ObjectKeys(filesGiven);
    for (let i = 0; i < paths.length; i++) files[paths[i]] = fileText(paths[i], filesGiven[paths[i]], member);
    if (spec.background !== undefined) {
      files['background.js'] = fileText('background.js', spec.background, member);
      if (manifest.background === undefined) {
        define(manifest, 'background', host.flavor === 'chrome' && manifest.manifest_version >= 3
          ? { service_worker: 'background.js' } : { scripts: ['background.js'] }, true);
      }
    }
    files['manifest.json'] = JSONStringify(manifest, null, 2);
    return files;
  }

  // What the current test has consumed of the console and the message record.
  const seenConsole = { __proto__: null, from: 0, taken: new $Set() };
  function consoleMatches(line, match) {
    if (typeof match === 'string') return includes(line.text, match);
    if (isRegExp(match)) { match.lastIndex = 0; return call(RegExpPrototypeExec, match, line.text) !== null; }
    return !!call(match, undefined, line);
  }
  function waitForConsole(match) {
    if (typeof match !== 'string' && typeof match !== 'function' && !isRegExp(match)) {
      return call(PromiseReject, $Promise, new $TypeError('exthost.waitForConsole: give a string, a RegExp or a function, not ' + inspect(match) + '.'));
    }
    const lines = JSONParse(native.consoleLines(seenConsole.from));
    for (let i = 0; i < lines.length; i++) {
      const index = seenConsole.from + i;
      if (call(SetPrototypeHas, seenConsole.taken, index)) continue;
      if (consoleMatches(lines[i], match)) {
        call(SetPrototypeAdd, seenConsole.taken, index);
        return resolved(lines[i]);
      }
    }
    const description = typeof match === 'function' ? 'waitForConsole(' + (match.name || 'a function') + ')' : 'waitForConsole(' + inspect(match) + ')';
    // (The wait belongs to the scope it began in, a test or a suite: Swift drops it when that ends.)
    const taken = seenConsole.taken;
    return new $Promise((resolve, reject) => {
      let scope = 0;
      const wait = (from) => {
        scope = native.nextConsoleLine(from, description, scope, (error, lineJSON) => {
          if (error !== null && error !== undefined) { reject(new $Error(error)); return; }
          const line = JSONParse(lineJSON);
          let matched;
          try { matched = !call(SetPrototypeHas, taken, line.index) && consoleMatches(line, match); } catch (e) { reject(e); return; }
          if (matched) {
            call(SetPrototypeAdd, taken, line.index);
            resolve(line);
          } else {
            wait(line.index + 1);
          }
        });
      };
      wait(seenConsole.from + lines.length);
    });
  }
  let messagesFrom = 0;
  let inlinePages = 0;

  const exthost = {
    /** Which browser the run behaves as: 'chrome' or 'firefox'. */
    flavor: host.flavor,
    /** Loads an extension from a folder (relative to this script) or written inline. */
    loadExtension(source) {
      let start;
      try {
        if (typeof source === 'string') {
          start = (settle) => native.loadExtension(source, settle);
        } else if (isObject(source) && !ArrayIsArray(source) && typeof source !== 'function') {
          const files = JSONStringify(inlineFiles(source, 'exthost.loadExtension'));
          start = (settle) => native.loadInlineExtension(files, settle);
        } else {
          throw new $TypeError('exthost.loadExtension: give a folder (a path relative to this script) or {manifest, background, files}, not ' + inspect(source) + '.');
        }
      } catch (error) {
        return call(PromiseReject, $Promise, error);
      }
      return then(later(start), (facts) => new Extension(facts.handle, facts));
    },
    /** Opens a tab on `url` (or `{url, html}`: the page given inline) and resolves once it has loaded. */
    openTab(page, options) {
      if (options !== undefined && (!isObject(options) || typeof options === 'function')) {
        return call(PromiseReject, $Promise, new $TypeError('exthost.openTab: options must be an object such as {active: false}, not ' + inspect(options) + '.'));
      }
      let url = page;
      if (isObject(page)) {
        url = page.url === undefined ? 'http://exthost.test/inline-' + (++inlinePages) + '.html' : page.url;
        if (page.html !== undefined) {
          try { exthost.servePage(url, page.html); } catch (error) { return call(PromiseReject, $Promise, error); }
        }
      } else if (typeof page !== 'string') {
        return call(PromiseReject, $Promise, new $TypeError('exthost.openTab: give a URL or {url, html}, not ' + inspect(page) + '.'));
      }
      const active = options === undefined || options.active !== false;
      return then(later((settle) => native.openTab($String(url), active, settle)), tabObject);
    },
    /** Serves `html` as the page at `url` from now on (before any --site folder). */
    servePage(url, html) {
      if (!native.servePage($String(url), $String(html))) throw new $TypeError('exthost.servePage: ' + inspect(url) + ' is not an absolute http: or https: URL.');
    },
    /** The open tabs, in window and tab order. */
    tabs() { return map(JSONParse(native.tabs()), tabObject); },
    /** The active tab of the focused window. */
    activeTab() {
      const all = JSONParse(native.tabs());
      for (let i = 0; i < all.length; i++) if (all[i].active && all[i].focused) return tabObject(all[i]);
      return undefined;
    },
    /** The text the browser's clipboard holds (what a page or an extension copied or wrote last), or null. */
    clipboardText() { return native.clipboardText(); },
    /** Resolves with the first console line of the extensions' contexts, printed during this test and not taken by an earlier wait, that contains `match` (a string), matches it (a RegExp) or for which it returns a truthy value (a function). */
    waitForConsole,
    /** The console lines the extensions' contexts printed during this test. */
    consoleMessages() { return JSONParse(native.consoleLines(seenConsole.from)); },
    /** Every message that crossed the router during this test, in order. */
    messages() { return JSONParse(native.messages(messagesFrom)); },
    /**
     * Restarts the browser with the same profile: every tab, window and context closes; what lasts
     * a session goes (`storage.session`, the toolbar button's values, Firefox's alarms); the browser
     * starts again with one `about:blank` tab, and each extension hears `runtime.onStartup` (a
     * worker or an event page is started for it only when it listens to it). Resolves once the
     * backgrounds that start ran their scripts.
     */
    restartBrowser() { return later((settle) => native.restartBrowser(settle)); },
    /** Lets `ms` milliseconds of the browser's clock pass (timers due meanwhile fire). */
    advanceClock(ms) {
      if (typeof ms !== 'number' || !(ms >= 0) || ms === Infinity) {
        return call(PromiseReject, $Promise, new $TypeError('exthost.advanceClock: give a number of milliseconds, 0 or more, not ' + inspect(ms) + '.'));
      }
      return later((settle) => native.sleep(ms, settle));
    },
    /** The browser's clock, in milliseconds since the run began. */
    now() { return native.now(); },
  };
  ObjectFreeze(exthost);

  // ---- Test declarations -----------------------------------------------------------------------------
  // How long a test may take, in milliseconds of the browser's clock, unless its options say.
  const defaultTimeout = 30000;
  function makeSuite(name, parent, mode) {
    return { __proto__: null, name, parent, mode, items: [], before: [], after: [], beforeEach: [], afterEach: [], timeout: undefined };
  }
  const root = makeSuite('', null, 'run');
  let current = root;
  let declaring = true;
  let hasOnly = false;
  // (name, [options], fn) as node:test takes them.
  function parseDeclaration(kind, args, mode) {
    let name = args[0];
    let options = args[1];
    let fn = args[2];
    if (typeof name === 'function') { fn = name; name = fn.name || '<anonymous>'; options = undefined; }
    if (typeof options === 'function') { fn = options; options = undefined; }
    options = isObject(options) ? options : {};
    if (options.only) mode = 'only';
    if (options.skip) mode = 'skip';
    if (options.todo) mode = 'todo';
    const reason = typeof options.skip === 'string' ? options.skip : typeof options.todo === 'string' ? options.todo : undefined;
    if (!declaring) throw new $Error(kind + '(' + inspect(name) + ') was called while tests run: declare tests at the top level of the script or inside describe().');
    if (fn !== undefined && typeof fn !== 'function') throw new $TypeError(kind + '(' + inspect(name) + '): the test must be a function, not ' + inspect(fn) + '.');
    const timeout = options.timeout;
    if (timeout !== undefined && !(typeof timeout === 'number' && timeout > 0)) {
      throw new $TypeError(kind + '(' + inspect(name) + '): timeout must be a positive number of milliseconds (Infinity: none), not ' + inspect(timeout) + '.');
    }
    if (mode === 'only') hasOnly = true;
    return { __proto__: null, name: $String(name), fn, mode, reason, timeout, location: callerLocation() };
  }
  function placeIn(text) {
    const stackLines = lines(text);
    for (let i = 0; i < stackLines.length; i++) {
      const at = call(StringPrototypeIndexOf, stackLines[i], scriptURL);
      if (at >= 0) return call(StringPrototypeSlice, stackLines[i], at);
    }
    return undefined;
  }
  const callerLocation = () => placeIn($String(new $Error().stack || ''));
  function declareTest(mode) {
    return function test(...args) {
      const declaration = parseDeclaration('test', args, mode);
      if (declaration.fn === undefined && declaration.mode !== 'skip') declaration.mode = 'todo';
      declaration.kind = 'test';
      declaration.parent = current;
      push(current.items, declaration);
    };
  }
  function declareSuite(mode) {
    return function describe(...args) {
      const declaration = parseDeclaration('describe', args, mode);
      const suite = makeSuite(declaration.name, current, declaration.mode);
      suite.kind = 'suite';
      suite.reason = declaration.reason;
      suite.timeout = declaration.timeout;
      push(current.items, suite);
      if (declaration.fn === undefined) return;
      const outer = current;
      current = suite;
      try {
        const result = call(declaration.fn, undefined);
        if (isObject(result) && typeof result.then === 'function') {
          throw new $Error('describe(' + inspect(declaration.name) + ') returned a promise: a suite must declare its tests synchronously (await inside the tests and hooks).');
        }
      } finally {
        current = outer;
      }
    };
  }
  function declareHook(kind) {
    return function hook(fn) {
      if (typeof fn !== 'function') throw new $TypeError(kind + ': the hook must be a function, not ' + inspect(fn) + '.');
      if (!declaring) throw new $Error(kind + '() was called while tests run: add hooks at the top level of the script or inside describe().');
      push(current[kind], fn);
    };
  }
  const test = declareTest('run');
  define(test, 'skip', declareTest('skip'), true);
  define(test, 'only', declareTest('only'), true);
  define(test, 'todo', declareTest('todo'), true);
  const describe = declareSuite('run');
  define(describe, 'skip', declareSuite('skip'), true);
  define(describe, 'only', declareSuite('only'), true);
  define(describe, 'todo', declareSuite('todo'), true);

  // ---- Running ------------------------------------------------------------------------------------
  // (The runner awaits with the context's own promises: a script that replaces
  // Promise.prototype.then changes how its tests are awaited, as it would in Node.)
  function fullName(item) {
    const names = [];
    for (let at = item; at !== null && at !== root; at = at.parent) push(names, at.name);
    const ordered = [];
    for (let i = names.length - 1; i >= 0; i--) push(ordered, names[i]);
    return join(ordered, ' > ');
  }
  // What a test's mode comes to, given its suites': skip or todo win, `only` selects.
  function effectiveMode(item) {
    let selected = !hasOnly;
    for (let at = item; at !== null; at = at.parent) {
      if (at.mode === 'skip' || at.mode === 'todo') return { __proto__: null, mode: at.mode, reason: at.reason };
      if (at.mode === 'only') selected = true;
    }
    return { __proto__: null, mode: selected ? 'run' : 'skip', reason: selected ? undefined : 'not selected by only' };
  }
  // The test's timeout: its own, else its nearest suite's, else the default.
  function timeoutOf(item) {
    for (let at = item; at !== null; at = at.parent) if (at.timeout !== undefined) return at.timeout;
    return defaultTimeout;
  }
  const errorLocation = (error) => (isObject(error) ? placeIn($String(error.stack || '')) : undefined);
  function errorText(error) {
    if (isObject(error) && typeof error.message === 'string') {
      return (error.name && error.name !== 'AssertionError' && error.name !== 'Error' ? error.name + ': ' : '') + error.message;
    }
    return 'threw ' + inspect(error);
  }
  // Reports a test's end. `failure` is undefined (it passed) or `{error}`.
  function report(name, directive, reason, failure, location) {
    const error = failure === undefined ? undefined : failure.error;
    let expected = null;
    let actual = null;
    if (failure !== undefined && isObject(error) && call(WeakMapPrototypeGet, comparedErrors, error) === true) {
      // (Two strings as they are, so that their lines can be compared; other values as inspect shows them.)
      const bothStrings = typeof error.expected === 'string' && typeof error.actual === 'string';
      expected = bothStrings ? error.expected : inspect(error.expected);
      actual = bothStrings ? error.actual : inspect(error.actual);
    }
    native.finished(name, failure === undefined || directive !== null, directive,
      failure === undefined ? (reason === undefined ? null : reason) : errorText(error),
      isObject(error) && error.stack ? $String(error.stack) : null,
      (failure !== undefined ? errorLocation(error) : undefined) || location || null, expected, actual);
  }
  // The running test's (or hook's) wait: Swift abandons it when the browser has nothing left to do
  // while it waits, or when the test's time is up (host.abandonDriverTest), so a test that waits
  // for what never comes fails and the next one runs.
  let abandon = null;
  function guarded(work, timeout) {
    // (A limit ended late, after its test was abandoned, ends only its own: `token`.)
    const token = timeout === Infinity ? 0 : native.setDeadline(timeout);
    return new $Promise((resolve, reject) => {
      const finish = (settle, value) => {
        if (abandon === reject) abandon = null;
        if (token !== 0) native.clearDeadline(token);
        settle(value);
      };
      abandon = reject;
      let promise;
      try { promise = work(); } catch (error) { promise = call(PromiseReject, $Promise, error); }
      then(resolved(promise), (value) => finish(resolve, value), (error) => finish(reject, error));
    });
  }
  host.abandonDriverTest = function (reason) {
    if (abandon === null) return false;
    const reject = abandon;
    abandon = null;
    reject(new $Error(reason));
    return true;
  };
  async function callHooks(hooks, testContext) {
    for (let i = 0; i < hooks.length; i++) await call(hooks[i], undefined, testContext);
  }
  // The beforeEach (outer suites first) or afterEach (inner suites first) hooks of a test, each
  // suite's in the order they were added.
  function eachHooks(item, kind) {
    const suites = [];
    for (let at = item.parent; at !== null; at = at.parent) push(suites, at);
    const hooks = [];
    for (let i = 0; i < suites.length; i++) {
      const suite = suites[kind === 'beforeEach' ? suites.length - 1 - i : i];
      const list = suite[kind];
      for (let j = 0; j < list.length; j++) push(hooks, list[j]);
    }
    return hooks;
  }
  // What `consoleMessages()`, `messages()` and `waitForConsole` see from now on: what comes next.
  function beginWindow() {
    seenConsole.from = native.consoleCount();
    seenConsole.taken = new $Set();
    messagesFrom = native.messageCount();
  }
  function beginTest(name) {
    native.started(name);
    beginWindow();
  }
  // Calls a test's function as node:test does: `fn(t)`, or `fn(t, done)` when it takes two
  // parameters, which ends when `done` is called (with an error: failed).
  function callTest(fn, testContext) {
    if (fn.length < 2) return call(fn, undefined, testContext);
    return new $Promise((resolve, reject) => {
      // (The test ends at `done` once its function has returned: a throw after `done()` fails it.)
      let returned = false;
      let outcome;
      const end = () => {
        if (outcome.error !== undefined && outcome.error !== null) reject(outcome.error);
        else resolve();
      };
      const done = (error) => {
        if (outcome !== undefined) return;
        outcome = { __proto__: null, error };
        if (returned) end();
      };
      let result;
      try {
        result = call(fn, undefined, testContext, done);
      } catch (error) {
        reject(error);
        return;
      }
      if (isObject(result) && typeof result.then === 'function') {
        reject(new $Error('the test takes a done callback and returned a promise: use one or the other.'));
        return;
      }
      returned = true;
      if (outcome !== undefined) end();
    });
  }
  async function runTest(item, failedBefore) {
    const name = fullName(item);
    const { mode, reason } = effectiveMode(item);
    if (mode === 'skip' || (mode === 'todo' && item.fn === undefined)) {
      native.started(name);
      report(name, mode, reason, undefined);
      return;
    }
    beginTest(name);
    if (failedBefore !== undefined) {
      report(name, mode === 'todo' ? 'todo' : null, reason, failedBefore, item.location);
      return;
    }
    const scope = native.beginScope();
    // The test context node:test gives: its name, diagnostics, and skip()/todo() from inside.
    const marked = { __proto__: null, directive: null, reason: undefined };
    const testContext = {
      name: item.name, fullName: name,
      diagnostic: (text) => native.log($String(text)),
      skip: (text) => { marked.directive = 'skip'; marked.reason = text === undefined ? undefined : $String(text); },
      todo: (text) => { marked.directive = 'todo'; marked.reason = text === undefined ? undefined : $String(text); },
    };
    let failure;
    try {
      await guarded(async () => {
        await callHooks(eachHooks(item, 'beforeEach'), testContext);
        await callTest(item.fn, testContext);
      }, timeoutOf(item));
    } catch (error) {
      failure = { __proto__: null, error };
    }
    try {
      await guarded(() => callHooks(eachHooks(item, 'afterEach'), testContext), timeoutOf(item));
    } catch (error) {
      if (failure === undefined) failure = { __proto__: null, error };
    }
    try {
      await later((settle) => native.endScope(scope, settle));
    } catch (error) {
      if (failure === undefined) failure = { __proto__: null, error };
    }
    // (A test that skipped itself is skipped, whatever it did then, as in node:test.)
    if (marked.directive === 'skip') report(name, 'skip', marked.reason, undefined, item.location);
    else report(name, mode === 'todo' ? 'todo' : marked.directive, marked.directive !== null ? marked.reason : reason, failure, item.location);
  }
  function runnable(suite) {
    for (let i = 0; i < suite.items.length; i++) {
      const item = suite.items[i];
      if (item.kind === 'suite') {
        if (runnable(item)) return true;
        continue;
      }
      const { mode } = effectiveMode(item);
      if (mode === 'run' || (mode === 'todo' && item.fn !== undefined)) return true;
    }
    return false;
  }
  // Runs a suite's tests and suites in order; `failedBefore` (a `before` hook of it or of a suite
  // around it failed) fails each of its tests instead.
  async function runSuite(suite, failedBefore) {
    const active = runnable(suite) && failedBefore === undefined;
    const scope = active ? native.beginScope() : -1;
    let failed = failedBefore;
    if (active && suite.before.length > 0) {
      beginWindow();
      try { await guarded(() => callHooks(suite.before, undefined), timeoutOf(suite)); } catch (error) { failed = { __proto__: null, error }; }
    }
    for (let i = 0; i < suite.items.length; i++) {
      const item = suite.items[i];
      if (item.kind === 'suite') await runSuite(item, failed);
      else await runTest(item, failed);
    }
    if (!active) return;
    let failedAfter;
    if (suite.after.length > 0) beginWindow();
    try { await guarded(() => callHooks(suite.after, undefined), timeoutOf(suite)); } catch (error) { failedAfter = { __proto__: null, error }; }
    try { await later((settle) => native.endScope(scope, settle)); } catch (error) { if (failedAfter === undefined) failedAfter = { __proto__: null, error }; }
    if (failedAfter !== undefined) {
      const name = (suite === root ? '' : fullName(suite) + ' > ') + 'after hook';
      beginTest(name);
      report(name, null, undefined, failedAfter);
    }
  }
  // Called by Swift once the script has run: runs every test, in declaration order, one at a time.
  host.runDriverTests = function () {
    declaring = false;
    then(runSuite(root, undefined), () => native.finish(), (error) => {
      native.log('the test runner failed: ' + errorText(error));
      native.finish();
    });
  };

  const globals = {
    __proto__: null, exthost, test, it: test, describe, suite: describe,
    before: declareHook('before'), after: declareHook('after'), beforeEach: declareHook('beforeEach'), afterEach: declareHook('afterEach'),
    assert,
  };
  const names = ObjectKeys(globals);
  for (let i = 0; i < names.length; i++) define(global, names[i], globals[names[i]]);
});
