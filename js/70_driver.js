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
  const $RegExp = RegExp;
  const RegExpPrototypeExec = RegExp.prototype.exec;
  const RegExpPrototypeToString = RegExp.prototype.toString;
  const $String = String;
  const StringPrototypeSplit = String.prototype.split;
  const StringPrototypeIncludes = String.prototype.includes;
  const StringPrototypeRepeat = String.prototype.repeat;
  const StringPrototypeIndexOf = String.prototype.indexOf;
  const StringPrototypeSlice = String.prototype.slice;
  const StringPrototypeReplace = String.prototype.replace;
  const ArrayPrototypeJoin = Array.prototype.join;
  const ArrayPrototypePush = Array.prototype.push;
  const ArrayPrototypeMap = Array.prototype.map;
  const ArrayPrototypeUnshift = Array.prototype.unshift;
  const ArrayPrototypeReverse = Array.prototype.reverse;
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
  const push = (list, value) => { call(ArrayPrototypePush, list, value); };
  const join = (list, separator) => call(ArrayPrototypeJoin, list, separator);
  const split = (text, separator) => call(StringPrototypeSplit, text, separator);
  const includes = (text, part) => call(StringPrototypeIncludes, text, part);
  const then = (promise, onFulfilled, onRejected) => call(PromisePrototypeThen, promise, onFulfilled, onRejected);
  const resolved = (value) => call(PromiseResolve, $Promise, value);
  const tag = (value) => call(ObjectPrototypeToString, value);
  const isObject = (value) => value !== null && (typeof value === 'object' || typeof value === 'function');
  const define = (object, key, value, enumerable = false) =>
    ObjectDefineProperty(object, key, { __proto__: null, value, writable: true, enumerable, configurable: true });

  // ---- Values as people read them (Node's util.inspect, in short) ------------------------------------
  const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
  function quote(text) {
    const json = JSONStringify(text);
    if (!includes(text, "'")) return "'" + call(StringPrototypeReplace, call(StringPrototypeSlice, json, 1, -1), /\\"/g, '"') + "'";
    return json;
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
  function inspect(value, depth = 0, seen = []) {
    switch (typeof value) {
      case 'string': return quote(value);
      case 'number': return ObjectIs(value, -0) ? '-0' : $String(value);
      case 'bigint': return $String(value) + 'n';
      case 'undefined': return 'undefined';
      case 'boolean': return value ? 'true' : 'false';
      case 'symbol': return $String(value);
      case 'function': {
        const name = value.name;
        return '[' + (tag(value) === '[object AsyncFunction]' ? 'AsyncFunction' : 'Function') + (name ? ': ' + name : ' (anonymous)') + ']';
      }
    }
    if (value === null) return 'null';
    for (let i = 0; i < seen.length; i++) if (seen[i] === value) return '[Circular]';
    const kind = tag(value);
    if (kind === '[object Date]') {
      const time = call(DatePrototypeGetTime, value);
      return time !== time ? 'Invalid Date' : call(DatePrototypeToISOString, value);
    }
    if (kind === '[object RegExp]') return call(RegExpPrototypeToString, value);
    if (kind === '[object Error]' || value instanceof $Error) {
      return '[' + (value.name || 'Error') + (value.message ? ': ' + value.message : '') + ']';
    }
    if (kind === '[object Number]') return '[Number: ' + inspect(call(NumberPrototypeValueOf, value)) + ']';
    if (kind === '[object String]') return '[String: ' + quote(call(StringPrototypeValueOf, value)) + ']';
    if (kind === '[object Boolean]') return '[Boolean: ' + inspect(call(BooleanPrototypeValueOf, value)) + ']';
    if (depth > 4) return ArrayIsArray(value) ? '[Array]' : '[Object]';
    const inner = copyWith(seen, value);
    const parts = [];
    let open;
    let close;
    if (kind === '[object Map]') {
      open = 'Map(' + call(getMapSize, value) + ') {';
      close = '}';
      call(MapPrototypeForEach, value, (v, k) => push(parts, inspect(k, depth + 1, inner) + ' => ' + inspect(v, depth + 1, inner)));
    } else if (kind === '[object Set]') {
      open = 'Set(' + call(getSetSize, value) + ') {';
      close = '}';
      call(SetPrototypeForEach, value, (v) => push(parts, inspect(v, depth + 1, inner)));
    } else if (ArrayIsArray(value)) {
      open = '[';
      close = ']';
      for (let i = 0; i < value.length; i++) push(parts, inspect(value[i], depth + 1, inner));
      const keys = ObjectKeys(value);
      for (let i = 0; i < keys.length; i++) {
        if (call(RegExpPrototypeExec, /^(0|[1-9][0-9]*)$/, keys[i]) === null) push(parts, keyText(keys[i]) + ': ' + inspect(value[keys[i]], depth + 1, inner));
      }
    } else {
      const prototype = ObjectGetPrototypeOf(value);
      const constructorName = prototype === null ? '[Object: null prototype]'
        : prototype === ObjectPrototype ? '' : (prototype.constructor && prototype.constructor.name) || '';
      open = (constructorName ? constructorName + ' ' : '') + '{';
      close = '}';
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
    const indented = call(ArrayPrototypeMap, parts, (part) => '  ' + join(split(part, '\n'), '\n  '));
    return open + '\n' + join(indented, ',\n') + '\n' + close;
  }

  // ---- Comparison (Node's isDeepStrictEqual and the loose deepEqual) ---------------------------------
  function isDeepEqual(a, b, strict, memo = []) {
    if (strict ? ObjectIs(a, b) : (a == b || (a !== a && b !== b))) return true; // eslint-disable-line eqeqeq
    if (!isObject(a) || !isObject(b)) {
      return false;
    }
    if (strict && ObjectGetPrototypeOf(a) !== ObjectGetPrototypeOf(b)) return false;
    const kind = tag(a);
    if (kind !== tag(b)) return false;
    if (ArrayIsArray(a) !== ArrayIsArray(b)) return false;
    for (let i = 0; i < memo.length; i++) if (memo[i][0] === a && memo[i][1] === b) return true;
    const inner = copyWith(memo, [a, b]);
    if (kind === '[object Date]') {
      if (call(DatePrototypeGetTime, a) !== call(DatePrototypeGetTime, b)) return false;
    } else if (kind === '[object RegExp]') {
      if (call(RegExpPrototypeToString, a) !== call(RegExpPrototypeToString, b) || a.lastIndex !== b.lastIndex) return false;
    } else if (kind === '[object Error]' || a instanceof $Error) {
      if (a.message !== b.message || a.name !== b.name) return false;
    } else if (kind === '[object Number]') {
      if (!ObjectIs(call(NumberPrototypeValueOf, a), call(NumberPrototypeValueOf, b))) return false;
    } else if (kind === '[object String]') {
      if (call(StringPrototypeValueOf, a) !== call(StringPrototypeValueOf, b)) return false;
    } else if (kind === '[object Boolean]') {
      if (call(BooleanPrototypeValueOf, a) !== call(BooleanPrototypeValueOf, b)) return false;
    } else if (kind === '[object Map]') {
      if (call(getMapSize, a) !== call(getMapSize, b)) return false;
      let equal = true;
      call(MapPrototypeForEach, a, (value, key) => {
        if (!equal) return;
        if (!call(MapPrototypeHas, b, key) || !isDeepEqual(value, call(MapPrototypeGet, b, key), strict, inner)) equal = false;
      });
      if (!equal) return false;
    } else if (kind === '[object Set]') {
      if (call(getSetSize, a) !== call(getSetSize, b)) return false;
      let equal = true;
      call(SetPrototypeForEach, a, (value) => {
        if (!equal || call(SetPrototypeHas, b, value)) return;
        // An object member matches a deep-equal member of the other set.
        let found = false;
        call(SetPrototypeForEach, b, (other) => { if (!found && isObject(value) && isDeepEqual(value, other, strict, inner)) found = true; });
        if (!found) equal = false;
      });
      if (!equal) return false;
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
  function ownEnumerableKeys(value, withSymbols) {
    const keys = ReflectOwnKeys(value);
    const result = [];
    for (let i = 0; i < keys.length; i++) {
      if ((withSymbols || typeof keys[i] === 'string') && call(ObjectPrototypePropertyIsEnumerable, value, keys[i])) push(result, keys[i]);
    }
    return result;
  }

  // ---- assert ---------------------------------------------------------------------------------------
  class AssertionError extends $Error {
    constructor(options) {
      super(options.message);
      define(this, 'name', 'AssertionError');
      define(this, 'generatedMessage', options.generatedMessage === true, true);
      define(this, 'code', 'ERR_ASSERTION', true);
      define(this, 'actual', options.actual, true);
      define(this, 'expected', options.expected, true);
      define(this, 'operator', options.operator, true);
      // What the reporter shows as a diff (the values as text), kept apart from the values.
      define(this, 'exthostDiff', options.diff === true);
    }
  }
  // Throws an AssertionError: `message` from the caller (a string, or an Error thrown as it is), else `generated`.
  function fail(message, generated, actual, expected, operator, diff = false) {
    if (message instanceof $Error) throw message;
    throw new AssertionError({
      message: message === undefined ? generated : $String(message), generatedMessage: message === undefined,
      actual, expected, operator, diff,
    });
  }
  const comparisons = {
    __proto__: null,
    strictEqual: [(a, b) => ObjectIs(a, b), 'Expected values to be strictly equal:', '===', true],
    notStrictEqual: [(a, b) => !ObjectIs(a, b), 'Expected "actual" to be strictly unequal to:', '!==', false],
    deepStrictEqual: [(a, b) => isDeepEqual(a, b, true), 'Expected values to be strictly deep-equal:', 'deepStrictEqual', true],
    notDeepStrictEqual: [(a, b) => !isDeepEqual(a, b, true), 'Expected "actual" not to be strictly deep-equal to:', 'notDeepStrictEqual', false],
    equal: [(a, b) => a == b || (a !== a && b !== b), 'Expected values to be loosely equal:', '==', true], // eslint-disable-line eqeqeq
    notEqual: [(a, b) => !(a == b || (a !== a && b !== b)), 'Expected "actual" to be loosely unequal to:', '!=', false], // eslint-disable-line eqeqeq
    deepEqual: [(a, b) => isDeepEqual(a, b, false), 'Expected values to be loosely deep-equal:', 'deepEqual', true],
    notDeepEqual: [(a, b) => !isDeepEqual(a, b, false), 'Expected "actual" not to be loosely deep-equal to:', 'notDeepEqual', false],
  };
  function ok(value, message) {
    if (!value) fail(message, 'The expression evaluated to a falsy value:\n\n  ' + inspect(value) + '\n', value, true, '==');
  }
  const assert = function assert(value, message) { ok(value, message); };
  define(assert, 'ok', ok, true);
  define(assert, 'AssertionError', AssertionError);
  define(assert, 'fail', function fail_(message) {
    fail(message, 'Failed', undefined, undefined, 'fail');
  }, true);
  const comparisonNames = ObjectKeys(comparisons);
  for (let i = 0; i < comparisonNames.length; i++) {
    const name = comparisonNames[i];
    const [holds, header, operator, showsDiff] = comparisons[name];
    define(assert, name, { [name](actual, expected, message) {
      if (holds(actual, expected)) return;
      const text = showsDiff
        ? header + '\n\n' + inspect(actual) + '\n\nshould equal\n\n' + inspect(expected) + '\n'
        : header + '\n\n' + inspect(expected) + '\n';
      fail(message, text, actual, expected, operator, showsDiff);
    } }[name], true);
  }
  // Whether a thrown `error` is what `expected` describes: a constructor (instanceof), a RegExp
  // (tested against String(error)), a validation function, or an object whose own keys must match.
  function matchesExpected(error, expected, message, operator) {
    if (expected === undefined) return;
    if (typeof expected === 'function') {
      if (expected.prototype !== undefined && error instanceof expected) return;
      if ($Error === expected || (expected.prototype !== undefined && expected.prototype instanceof $Error) || expected === AssertionError) {
        fail(message, 'The error is expected to be an instance of "' + expected.name + '". Received ' + inspect(error) + '\n', error, expected, operator);
      }
      if (call(expected, undefined, error) === true) return;
      fail(message, 'The ' + (operator === 'rejects' ? 'rejection' : 'error') + ' validation function is expected to return "true". Received ' + inspect(error) + '\n', error, expected, operator);
    }
    if (tag(expected) === '[object RegExp]') {
      if (call(RegExpPrototypeExec, expected, $String(error)) !== null) return;
      fail(message, 'The input did not match the regular expression ' + inspect(expected) + '. Input:\n\n' + inspect($String(error)) + '\n', error, expected, operator);
    }
    if (isObject(expected)) {
      const keys = ObjectKeys(expected);
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i];
        const want = expected[key];
        const have = isObject(error) ? error[key] : undefined;
        const holds = tag(want) === '[object RegExp]' && typeof have === 'string'
          ? call(RegExpPrototypeExec, want, have) !== null : isDeepEqual(have, want, true);
        if (!holds) {
          fail(message, 'Expected values to be strictly deep-equal:\n\n' + key + ': ' + inspect(have) + '\n\nshould equal\n\n' + key + ': ' + inspect(want) + '\n', error, expected, operator, true);
        }
      }
    }
  }
  const noException = {};
  define(assert, 'throws', function throws(fn, expected, message) {
    if (typeof fn !== 'function') throw new $TypeError('The "fn" argument must be of type function. Received ' + inspect(fn));
    if (typeof expected === 'string') { message = expected; expected = undefined; }
    let thrown = noException;
    try { fn(); } catch (error) { thrown = error; }
    if (thrown === noException) fail(message, 'Missing expected exception' + (expected && expected.name ? ' (' + expected.name + ').' : '.'), undefined, expected, 'throws');
    matchesExpected(thrown, expected, message, 'throws');
  }, true);
  define(assert, 'doesNotThrow', function doesNotThrow(fn, message) {
    try { fn(); } catch (error) {
      fail(typeof message === 'string' ? message : undefined, 'Got unwanted exception.\nActual message: "' + (error && error.message) + '"', error, undefined, 'doesNotThrow');
    }
  }, true);
  define(assert, 'rejects', async function rejects(promiseOrFn, expected, message) {
    if (typeof expected === 'string') { message = expected; expected = undefined; }
    let thrown = noException;
    try { await (typeof promiseOrFn === 'function' ? promiseOrFn() : promiseOrFn); } catch (error) { thrown = error; }
    if (thrown === noException) fail(message, 'Missing expected rejection' + (expected && expected.name ? ' (' + expected.name + ').' : '.'), undefined, expected, 'rejects');
    matchesExpected(thrown, expected, message, 'rejects');
  }, true);
  define(assert, 'doesNotReject', async function doesNotReject(promiseOrFn, message) {
    try { await (typeof promiseOrFn === 'function' ? promiseOrFn() : promiseOrFn); } catch (error) {
      fail(typeof message === 'string' ? message : undefined, 'Got unwanted rejection.\nActual message: "' + (error && error.message) + '"', error, undefined, 'doesNotReject');
    }
  }, true);
  define(assert, 'match', function match(text, pattern, message) {
    if (typeof text === 'string' && call(RegExpPrototypeExec, pattern, text) !== null) return;
    fail(message, typeof text === 'string'
      ? 'The input did not match the regular expression ' + inspect(pattern) + '. Input:\n\n' + inspect(text) + '\n'
      : 'The "string" argument must be of type string. Received type ' + typeof text + ' (' + inspect(text) + ')', text, pattern, 'match');
  }, true);
  define(assert, 'doesNotMatch', function doesNotMatch(text, pattern, message) {
    if (typeof text === 'string' && call(RegExpPrototypeExec, pattern, text) === null) return;
    fail(message, typeof text === 'string'
      ? 'The input was expected to not match the regular expression ' + inspect(pattern) + '. Input:\n\n' + inspect(text) + '\n'
      : 'The "string" argument must be of type string. Received type ' + typeof text + ' (' + inspect(text) + ')', text, pattern, 'doesNotMatch');
  }, true);
  define(assert, 'ifError', function ifError(value) {
    if (value === null || value === undefined) return;
    fail(undefined, 'ifError got unwanted exception: ' + (value && value.message !== undefined ? value.message : inspect(value)), value, null, 'ifError');
  }, true);
  define(assert, 'strict', assert, true);

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

  // ---- The driver object ------------------------------------------------------------------------------
  const extensionHandles = new $WeakMap();
  const tabIDs = new $WeakMap();
  const handleOf = (extension) => call(WeakMapPrototypeGet, extensionHandles, extension);
  const tabIDOf = (tab) => call(WeakMapPrototypeGet, tabIDs, tab);
  class Extension {
    constructor(handle, facts) {
      call(WeakMapPrototypeSet, extensionHandles, this, handle);
      define(this, 'id', facts.id, true);
      define(this, 'name', facts.name, true);
      define(this, 'baseURL', facts.baseURL, true);
      define(this, 'directory', facts.directory, true);
    }
    /** The extension URL of a file of the extension: `ext.url('popup.html')`. */
    url(path) { return this.baseURL + (call(StringPrototypeIndexOf, $String(path), '/') === 0 ? call(StringPrototypeSlice, $String(path), 1) : $String(path)); }
    /** Resolves with the first value after `name` of the next `test.sendMessage(name, value)`. */
    awaitMessage(name) {
      const handle = handleOf(this);
      return then(later((settle) => native.awaitMessage(handle, $String(name), settle)), (values) => values[0]);
    }
    /** Fires the extension's `test.onMessage` with `name` and `args` in each of its contexts. */
    sendMessage(name, ...args) {
      native.sendMessage(handleOf(this), JSONStringify([$String(name), ...args]));
    }
    /** Answers the next Chromium `chrome.test.sendMessage(name)` with `reply` (a string) instead of ''. */
    replyTo(name, reply) {
      native.replyTo(handleOf(this), $String(name), $String(reply));
    }
    /** Clicks the extension's toolbar button on `tab` (made active first), or on the active tab. */
    clickAction(tab) {
      const tabID = tab === undefined ? -1 : tabIDOf(tab) ?? +tab;
      return later((settle) => native.clickAction(handleOf(this), tabID, settle));
    }
    /** Stops the background (its globals are lost, its ports disconnect) and starts it again. */
    restartBackground() { return later((settle) => native.restartBackground(handleOf(this), settle)); }
    /** Unloads the extension: its contexts close. */
    unload() { return later((settle) => native.unloadExtension(handleOf(this), settle)); }
  }
  define(Extension.prototype, Symbol.toStringTag, 'Extension');

  function tabFacts(tab) {
    const facts = JSONParse(native.tab(tabIDOf(tab)));
    if (facts === null) throw new $Error('Tab ' + tabIDOf(tab) + ' is closed.');
    return facts;
  }
  const tabs = new $Map();
  function tabObject(facts) {
    let tab = call(MapPrototypeGet, tabs, facts.id);
    if (tab === undefined) {
      tab = new Tab(facts.id);
      call(MapPrototypeSet, tabs, facts.id, tab);
    }
    return tab;
  }
  class Tab {
    constructor(id) {
      call(WeakMapPrototypeSet, tabIDs, this, id);
      define(this, 'id', id, true);
    }
    get windowId() { return tabFacts(this).windowId; }
    get index() { return tabFacts(this).index; }
    get url() { return tabFacts(this).url; }
    get title() { return tabFacts(this).title; }
    get status() { return tabFacts(this).status; }
    get active() { return tabFacts(this).active; }
    /** Whether the tab is still open. */
    get isOpen() { return JSONParse(native.tab(this.id)) !== null; }
    /** Makes the tab the active tab of its window. */
    activate() { return then(later((settle) => native.activateTab(this.id, settle)), () => this); }
    /** Loads `url` in the tab; resolves once it has loaded. */
    navigate(url) { return then(later((settle) => native.navigateTab(this.id, $String(url), settle)), () => this); }
    /** Loads the tab's page again; resolves once it has loaded. */
    reload() { return then(later((settle) => native.reloadTab(this.id, settle)), () => this); }
    /** Closes the tab. */
    close() { return later((settle) => native.closeTab(this.id, settle)); }
  }
  define(Tab.prototype, Symbol.toStringTag, 'Tab');

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
  function fileText(path, value) {
    if (typeof value === 'function') return '(' + functionExpression(value) + ')();\n';
    if (typeof value === 'string') return value;
    if (isObject(value)) return JSONStringify(value, null, 2);
    throw new $TypeError('exthost.loadExtension: file "' + path + '" must be a string, a function or an object, not ' + inspect(value) + '.');
  }
  function inlineFiles(spec) {
    const manifest = { manifest_version: 3, name: 'Generated extension', version: '1.0', ...(spec.manifest || {}) };
    const files = { __proto__: null };
    const given = spec.files || {};
    const paths = ObjectKeys(given);
    for (let i = 0; i < paths.length; i++) files[paths[i]] = fileText(paths[i], given[paths[i]]);
    if (spec.background !== undefined) {
      files['background.js'] = fileText('background.js', spec.background);
      if (manifest.background === undefined) {
        manifest.background = host.flavor === 'chrome' && manifest.manifest_version >= 3
          ? { service_worker: 'background.js' } : { scripts: ['background.js'] };
      }
    }
    files['manifest.json'] = JSONStringify(manifest, null, 2);
    return files;
  }

  // What the current test has consumed of the console and the message record.
  const seenConsole = { __proto__: null, from: 0, taken: new $Set() };
  function consoleMatches(line, match) {
    if (typeof match === 'string') return includes(line.text, match);
    if (tag(match) === '[object RegExp]') { match.lastIndex = 0; return call(RegExpPrototypeExec, match, line.text) !== null; }
    return call(match, undefined, line) === true;
  }
  function waitForConsole(match) {
    if (typeof match !== 'string' && typeof match !== 'function' && tag(match) !== '[object RegExp]') {
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
    return new $Promise((resolve, reject) => {
      const wait = () => native.nextConsoleLine((error, lineJSON) => {
        if (error !== null && error !== undefined) { reject(new $Error(error)); return; }
        const line = JSONParse(lineJSON);
        if (!call(SetPrototypeHas, seenConsole.taken, line.index) && consoleMatches(line, match)) {
          call(SetPrototypeAdd, seenConsole.taken, line.index);
          resolve(line);
        } else {
          wait();
        }
      });
      wait();
    });
  }
  let messagesFrom = 0;

  const exthost = {
    /** Which browser the run behaves as: 'chrome' or 'firefox'. */
    flavor: host.flavor,
    /** Loads an extension from a folder (relative to this script) or written inline. */
    loadExtension(source) {
      const start = typeof source === 'string'
        ? (settle) => native.loadExtension(source, settle)
        : (settle) => native.loadInlineExtension(JSONStringify(inlineFiles(source || {})), settle);
      return then(later(start), (facts) => new Extension(facts.handle, facts));
    },
    /** Opens a tab on `url` (or `{url, html}`: the page given inline) and resolves once it has loaded. */
    openTab(page, options = {}) {
      let url = page;
      if (isObject(page)) {
        url = page.url === undefined ? 'http://exthost.test/inline-' + (++inlinePages) + '.html' : page.url;
        if (page.html !== undefined) exthost.servePage(url, page.html);
      }
      const active = options.active !== false;
      return then(later((settle) => native.openTab($String(url), active, settle)), tabObject);
    },
    /** Serves `html` as the page at `url` from now on (before any --site folder). */
    servePage(url, html) {
      if (!native.servePage($String(url), $String(html))) throw new $TypeError('exthost.servePage: ' + inspect(url) + ' is not an absolute http: or https: URL.');
    },
    /** The open tabs, in window and tab order. */
    tabs() { return call(ArrayPrototypeMap, JSONParse(native.tabs()), tabObject); },
    /** The active tab of the focused window. */
    activeTab() {
      const all = JSONParse(native.tabs());
      for (let i = 0; i < all.length; i++) if (all[i].active && all[i].focused) return tabObject(all[i]);
      return undefined;
    },
    /** Resolves with the first console line of the extensions' contexts, printed during this test and not taken by an earlier wait, that contains `match` (a string), matches it (a RegExp) or for which it returns true (a function). */
    waitForConsole,
    /** The console lines the extensions' contexts printed during this test. */
    consoleMessages() { return JSONParse(native.consoleLines(seenConsole.from)); },
    /** Every message that crossed the router during this test, in order. */
    messages() { return JSONParse(native.messages(messagesFrom)); },
    /** Lets `ms` milliseconds of the browser's clock pass (timers due meanwhile fire). */
    advanceClock(ms) {
      return later((settle) => native.sleep(+ms, settle));
    },
    /** The browser's clock, in milliseconds since the run began. */
    now() { return native.now(); },
  };
  let inlinePages = 0;
  ObjectFreeze(exthost);

  // ---- Test declarations -----------------------------------------------------------------------------
  function makeSuite(name, parent, mode) {
    return { __proto__: null, name, parent, mode, items: [], before: [], after: [], beforeEach: [], afterEach: [] };
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
    if (mode === 'only') hasOnly = true;
    return { __proto__: null, name: $String(name), fn, mode, reason, location: callerLocation() };
  }
  function callerLocation() {
    const stack = $String(new $Error().stack || '');
    const lines = split(stack, '\n');
    for (let i = 0; i < lines.length; i++) {
      const at = call(StringPrototypeIndexOf, lines[i], scriptURL);
      if (at >= 0) return call(StringPrototypeSlice, lines[i], at);
    }
    return undefined;
  }
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
  function fullName(item) {
    const names = [];
    for (let at = item; at !== null && at !== root; at = at.parent) call(ArrayPrototypeUnshift, names, at.name);
    return join(names, ' > ');
  }
  // What a test's mode comes to, given its suites': skip or todo win, `only` selects.
  function effectiveMode(item) {
    let selected = !hasOnly;
    for (let at = item; at !== null; at = at.parent) {
      if (at.mode === 'skip' || at.mode === 'todo') return { mode: at.mode, reason: at.reason };
      if (at.mode === 'only') selected = true;
    }
    return { mode: selected ? 'run' : 'skip', reason: selected ? undefined : 'not selected by only' };
  }
  function errorLocation(error) {
    if (!isObject(error)) return undefined;
    const lines = split($String(error.stack || ''), '\n');
    for (let i = 0; i < lines.length; i++) {
      const at = call(StringPrototypeIndexOf, lines[i], scriptURL);
      if (at >= 0) return call(StringPrototypeSlice, lines[i], at);
    }
    return undefined;
  }
  function errorText(error) {
    if (isObject(error) && typeof error.message === 'string') {
      return (error.name && error.name !== 'AssertionError' && error.name !== 'Error' ? error.name + ': ' : '') + error.message;
    }
    return 'threw ' + inspect(error);
  }
  function report(name, passed, directive, reason, error, location) {
    const diff = isObject(error) && error.exthostDiff === true;
    native.finished(name, passed, directive || null, error === undefined ? (reason === undefined ? null : reason) : errorText(error),
      isObject(error) && error.stack ? $String(error.stack) : null,
      (error !== undefined ? errorLocation(error) : undefined) || location || null,
      diff ? inspect(error.expected) : null, diff ? inspect(error.actual) : null);
  }
  // The running test's (or hook's) wait: Swift abandons it when the browser has nothing left to do
  // while it waits (host.abandonDriverTest), so a test that waits for what never comes fails and
  // the next one runs.
  let abandon = null;
  function guarded(work) {
    return new $Promise((resolve, reject) => {
      abandon = reject;
      let promise;
      try { promise = work(); } catch (error) { promise = call(PromiseReject, $Promise, error); }
      then(resolved(promise), (value) => { abandon = null; resolve(value); }, (error) => { abandon = null; reject(error); });
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
  function eachHooks(item, kind) {
    const suites = [];
    for (let at = item.parent; at !== null; at = at.parent) call(ArrayPrototypeUnshift, suites, at);
    const hooks = [];
    for (let i = 0; i < suites.length; i++) {
      const list = suites[i][kind];
      for (let j = 0; j < list.length; j++) push(hooks, list[j]);
    }
    if (kind === 'afterEach') call(ArrayPrototypeReverse, hooks);
    return hooks;
  }
  function beginTest(name) {
    native.started(name);
    seenConsole.from = native.consoleCount();
    seenConsole.taken = new $Set();
    messagesFrom = native.messageCount();
  }
  async function runTest(item, failedBefore) {
    const name = fullName(item);
    const { mode, reason } = effectiveMode(item);
    if (mode === 'skip' || (mode === 'todo' && item.fn === undefined)) {
      native.started(name);
      report(name, true, mode, reason);
      return;
    }
    beginTest(name);
    if (failedBefore !== undefined) {
      report(name, false, null, undefined, failedBefore.error, failedBefore.location);
      return;
    }
    const scope = native.beginScope();
    const testContext = { name: item.name, fullName: name, diagnostic: (text) => native.log($String(text)) };
    let failure;
    try {
      await guarded(async () => {
        await callHooks(eachHooks(item, 'beforeEach'), testContext);
        await call(item.fn, undefined, testContext);
      });
    } catch (error) {
      failure = { error };
    }
    try {
      await guarded(() => callHooks(eachHooks(item, 'afterEach'), testContext));
    } catch (error) {
      if (failure === undefined) failure = { error };
    }
    try {
      await later((settle) => native.endScope(scope, settle));
    } catch (error) {
      if (failure === undefined) failure = { error };
    }
    if (mode === 'todo') report(name, true, 'todo', failure === undefined ? reason : errorText(failure.error));
    else if (failure === undefined) report(name, true, null, undefined, undefined, item.location);
    else report(name, false, null, undefined, failure.error, item.location);
  }
  function runnable(suite) {
    for (let i = 0; i < suite.items.length; i++) {
      const item = suite.items[i];
      if (item.kind === 'suite' ? runnable(item) : effectiveMode(item).mode === 'run' || (effectiveMode(item).mode === 'todo' && item.fn !== undefined)) return true;
    }
    return false;
  }
  async function runSuite(suite) {
    const active = runnable(suite);
    const scope = active ? native.beginScope() : -1;
    let failedBefore;
    if (active) {
      try { await guarded(() => callHooks(suite.before, undefined)); } catch (error) { failedBefore = { error, location: undefined }; }
    }
    for (let i = 0; i < suite.items.length; i++) {
      const item = suite.items[i];
      if (item.kind === 'suite') await runSuite(item);
      else await runTest(item, failedBefore);
    }
    if (!active) return;
    let failedAfter;
    try { await guarded(() => callHooks(suite.after, undefined)); } catch (error) { failedAfter = error; }
    try { await later((settle) => native.endScope(scope, settle)); } catch (error) { if (failedAfter === undefined) failedAfter = error; }
    if (failedAfter !== undefined) {
      const name = (suite === root ? '' : fullName(suite) + ' > ') + 'after hook';
      beginTest(name);
      report(name, false, null, undefined, failedAfter);
    }
  }
  // Called by Swift once the script has run: runs every test, in declaration order, one at a time.
  host.runDriverTests = function () {
    declaring = false;
    then(runSuite(root), () => native.finish(), (error) => {
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
