// exthost:eager
// The built-ins the host's own JavaScript uses, captured before any extension script runs, as
// Node's and Deno's `primordials`: extension code is hostile and may replace or wrap any global,
// prototype method, getter or setter, so every later file of js/ takes what it needs from
// `host.primordials` (a frozen null-prototype object) and never from the live globals.
//
// Names follow Node: `ArrayPrototypePush(list, x)` is `Array.prototype.push` called on `list`
// (uncurried), `ObjectKeys` is `Object.keys`, `MapPrototypeGetSize` a getter, `SymbolIterator` a
// well-known symbol. `SafeMap`, `SafeSet`, `SafeWeakMap`, `SafeWeakSet` and `SafePromise` are
// subclasses whose prototypes hold their own frozen copies of the methods (and no further
// prototype), so replacing `Map.prototype.get` or `Promise.prototype.then` does not reach them.
//
// Rules the other files follow with these (reading or writing a missing property walks the
// prototype chain, where extension code may have put a getter or setter):
//  * the host's own objects have a null prototype (`{ __proto__: null, ... }`), property
//    descriptors passed to defineProperty too (`dataDescriptor`);
//  * arrays are read by index below their length, grown with `listPush` (which defines the
//    element: assigning past the end would call a setter on Array.prototype) and copied with
//    `listCopy` (Array.prototype.slice/map/splice consult `constructor`), never iterated with
//    for…of, spread or destructuring (which call the overridable Array iterator);
//  * objects from Swift (parsed JSON) are read with `getOwn`;
//  * text for Swift is made with `stringifyData` (JSON.stringify would call a `toJSON` found on
//    Object.prototype);
//  * a value of extension code is tested with the guarded helpers (`isErrorObject`, `isPromise`),
//    never with instanceof (which reads Symbol.hasInstance and may meet a revoked Proxy).
(function (host) {
  'use strict';
  const primordials = { __proto__: null };

  const uncurryThis = Function.prototype.bind.bind(Function.prototype.call);
  const ReflectApply = Reflect.apply;
  const ReflectOwnKeys = Reflect.ownKeys;
  const ReflectGetOwnPropertyDescriptor = Reflect.getOwnPropertyDescriptor;
  const ReflectDefineProperty = Reflect.defineProperty;
  const ObjectHasOwn = Object.hasOwn;
  const ObjectSetPrototypeOf = Object.setPrototypeOf;
  const ObjectFreeze = Object.freeze;

  // (Object.hasOwn, captured: the fastest own-property test in JavaScriptCore.)
  function hasOwn(object, key) {
    return ObjectHasOwn(object, key);
  }

  // The built-ins the host's files take from here, by name. Only these are captured: reading a
  // built-in method makes JavaScriptCore materialize it, and materializing every method of every
  // prototype cost each context about half a megabyte. Tests/ExthostTests/PrimordialsTests.swift
  // checks that every name the files use is here or is one of the helpers defined below.
  const captured = [
    'ArrayIsArray', 'ArrayPrototypeJoin', 'ArrayPrototypeSort',
    'DatePrototypeToString',
    'Error', 'TypeError',
    'FunctionPrototypeBind',
    'JSONParse', 'JSONStringify',
    'MathFloor', 'MathRound', 'MathTrunc',
    'Number', 'NumberIsFinite', 'NumberIsInteger', 'NumberPrototypeToString',
    'ObjectCreate', 'ObjectDefineProperties', 'ObjectDefineProperty', 'ObjectFreeze', 'ObjectGetOwnPropertyDescriptor',
    'ObjectGetPrototypeOf', 'ObjectHasOwn', 'ObjectIs', 'ObjectKeys', 'ObjectPrototype', 'ObjectPrototypeToString',
    'ObjectSetPrototypeOf', 'ObjectPrototypeIsPrototypeOf',
    'Promise', 'PromisePrototypeThen',
    'Proxy',
    'ReflectApply', 'ReflectConstruct', 'ReflectDefineProperty', 'ReflectDeleteProperty', 'ReflectGet', 'ReflectGetOwnPropertyDescriptor',
    'ReflectGetPrototypeOf', 'ReflectHas', 'ReflectIsExtensible', 'ReflectOwnKeys', 'ReflectPreventExtensions', 'ReflectSet',
    'ReflectSetPrototypeOf',
    'RegExpPrototypeExec',
    'String', 'StringFromCodePoint', 'StringPrototypeCharCodeAt', 'StringPrototypeCodePointAt', 'StringPrototypeIncludes',
    'StringPrototypeIndexOf', 'StringPrototypeSlice', 'StringPrototypeStartsWith', 'StringPrototypeToUpperCase',
    'StringPrototypeToWellFormed',
    'SymbolIterator', 'SymbolToStringTag', 'SymbolPrototypeGetDescription',
  ];
  // Where a name's built-in lives: the longest of these global names it starts with, then
  // `Prototype` for the prototype's members (uncurried: `StringPrototypeSlice(s, 1)`), then the
  // member with its first letter lowered (`ObjectKeys` is Object.keys); `Get`/`Set` + member for
  // accessors (`MapPrototypeGetSize`). A name that resolves to nothing fails the set-up.
  const roots = [
    'Array', 'Date', 'Error', 'TypeError', 'Function', 'JSON', 'Math', 'Number', 'Object', 'Promise', 'Proxy', 'Reflect',
    'RegExp', 'String', 'Symbol',
  ];
  const global = host.global;
  function capture(name) {
    let root = '';
    for (let i = 0; i < roots.length; i++) {
      const candidate = roots[i];
      if (candidate.length > root.length && name.slice(0, candidate.length) === candidate) root = candidate;
    }
    if (!root) throw new TypeError('primordials: no global for ' + name);
    let target = global[root];
    let rest = name.slice(root.length);
    let uncurry = false;
    if (rest.slice(0, 9) === 'Prototype') {
      target = target.prototype;
      rest = rest.slice(9);
      uncurry = true;
    }
    if (rest === '') return target;
    const key = rest[0].toLowerCase() + rest.slice(1);
    const descriptor = ReflectGetOwnPropertyDescriptor(target, key);
    if (descriptor !== undefined && hasOwn(descriptor, 'value')) {
      return uncurry && typeof descriptor.value === 'function' ? uncurryThis(descriptor.value) : descriptor.value;
    }
    const accessor = rest.slice(0, 3);
    if (accessor === 'Get' || accessor === 'Set') {
      const member = rest[3].toLowerCase() + rest.slice(4);
      const accessorDescriptor = ReflectGetOwnPropertyDescriptor(target, member);
      const accessorFunction = accessorDescriptor && (accessor === 'Get' ? accessorDescriptor.get : accessorDescriptor.set);
      if (typeof accessorFunction === 'function') return uncurryThis(accessorFunction);
    }
    throw new TypeError('primordials: ' + name + ' is not a built-in');
  }
  for (let i = 0; i < captured.length; i++) primordials[captured[i]] = capture(captured[i]);
  const functions = ['encodeURIComponent', 'decodeURIComponent', 'parseInt', 'parseFloat', 'isNaN'];
  for (let i = 0; i < functions.length; i++) primordials[functions[i]] = global[functions[i]];
  primordials.uncurryThis = uncurryThis;
  primordials.hasOwn = hasOwn;

  // Built-ins taken as they are (not uncurried), by path, for the files that call them with
  // ReflectApply: `Function.prototype.toString`, `get Map.prototype.size` (an accessor's getter),
  // `%TypedArray%.prototype.length`, `@@toStringTag` for a well-known symbol key; a leading `?`
  // marks one this engine may lack (then undefined). The files read `primordials.intrinsics[path]`;
  // Tests/ExthostTests/PrimordialsTests.swift checks that every path they read is listed here.
  const intrinsicPaths = [
    'Function.prototype.toString', 'Object.prototype.toString', 'Object.prototype.hasOwnProperty',
    'Array.prototype.join', 'RegExp.prototype.exec',
    'String.prototype.slice', 'String.prototype.indexOf', 'String.prototype.lastIndexOf', 'String.prototype.charCodeAt',
    'String.prototype.startsWith', 'String.prototype.trim', 'String.prototype.repeat',
    'Map.prototype.get', 'Map.prototype.set', 'Map.prototype.has', 'Map.prototype.delete', 'Map.prototype.entries',
    'get Map.prototype.size', '%MapIteratorPrototype%.next',
    'Set.prototype.has', 'Set.prototype.add', 'Set.prototype.values', 'get Set.prototype.size', '%SetIteratorPrototype%.next',
    'WeakMap.prototype.has', 'WeakSet.prototype.has', '?WeakRef.prototype.deref',
    'Date', 'Date.prototype', 'Date.prototype.getTime', 'Date.prototype.toString',
    'get RegExp.prototype.source', 'get RegExp.prototype.global', 'get RegExp.prototype.hasIndices',
    'get RegExp.prototype.ignoreCase', 'get RegExp.prototype.multiline', 'get RegExp.prototype.dotAll',
    'get RegExp.prototype.unicode', '?get RegExp.prototype.unicodeSets', 'get RegExp.prototype.sticky',
    'get %TypedArray%.prototype.@@toStringTag', 'get %TypedArray%.prototype.length',
    'get ArrayBuffer.prototype.byteLength', '?get SharedArrayBuffer.prototype.byteLength', 'get DataView.prototype.byteLength',
    'Number.prototype.valueOf', 'String.prototype.valueOf', 'Boolean.prototype.valueOf', 'Symbol.prototype.valueOf',
    '?BigInt.prototype.valueOf',
    '%IteratorPrototype%',
  ];
  const ReflectGetPrototypeOf = Reflect.getPrototypeOf;
  const SymbolIterator = Symbol.iterator;
  const wellKnownSymbols = { __proto__: null, '@@toStringTag': Symbol.toStringTag, '@@iterator': SymbolIterator };
  const intrinsicRoots = {
    __proto__: null,
    '%TypedArray%': () => ReflectGetPrototypeOf(global.Int8Array),
    '%MapIteratorPrototype%': () => ReflectGetPrototypeOf(new global.Map().entries()),
    '%SetIteratorPrototype%': () => ReflectGetPrototypeOf(new global.Set().values()),
    '%IteratorPrototype%': () => ReflectGetPrototypeOf(ReflectGetPrototypeOf([][SymbolIterator]())),
  };
  function intrinsic(path) {
    const optional = path[0] === '?';
    let rest = optional ? path.slice(1) : path;
    const getter = rest.slice(0, 4) === 'get ';
    if (getter) rest = rest.slice(4);
    const parts = rest.split('.');
    let value = intrinsicRoots[parts[0]] ? intrinsicRoots[parts[0]]() : global[parts[0]];
    for (let i = 1; i < parts.length && value !== undefined; i++) {
      const key = wellKnownSymbols[parts[i]] || parts[i];
      const descriptor = ReflectGetOwnPropertyDescriptor(value, key);
      if (descriptor === undefined) value = undefined;
      else if (getter && i === parts.length - 1) value = descriptor.get;
      else value = descriptor.value;
    }
    if (value === undefined && !optional) throw new TypeError('primordials: no built-in ' + path);
    return value;
  }
  const intrinsics = { __proto__: null };
  for (let i = 0; i < intrinsicPaths.length; i++) intrinsics[intrinsicPaths[i]] = intrinsic(intrinsicPaths[i]);
  primordials.intrinsics = ObjectFreeze(intrinsics);

  // ---- Safe collections and promises ------------------------------------------------------------
  // A subclass of `unsafe` whose prototype has its own copy of the members the host's files use
  // (`members`), no prototype of its own, and is frozen (with the subclass). (Copying every member
  // would make JavaScriptCore build each one, its JavaScript-written built-ins included: about
  // 30 KiB for each class in every context.)
  function makeSafe(unsafe, safe, members) {
    const prototype = unsafe.prototype;
    for (let i = 0; i < members.length; i++) {
      const descriptor = ReflectGetOwnPropertyDescriptor(prototype, members[i]);
      ReflectDefineProperty(safe.prototype, members[i], { __proto__: null, ...descriptor });
    }
    ObjectSetPrototypeOf(safe.prototype, null);
    ObjectFreeze(safe.prototype);
    ObjectFreeze(safe);
    return safe;
  }
  // (The constructors take no iterable: filling one from an iterable would use its iterator.)
  const mapMembers = ['get', 'set', 'has', 'delete', 'clear', 'forEach', 'size'];
  const setMembers = ['add', 'has', 'delete', 'clear', 'forEach', 'size'];
  primordials.SafeMap = makeSafe(Map, class SafeMap extends Map { constructor() { super(); } }, mapMembers);
  primordials.SafeSet = makeSafe(Set, class SafeSet extends Set { constructor() { super(); } }, setMembers);
  primordials.SafeWeakMap = makeSafe(WeakMap, class SafeWeakMap extends WeakMap { constructor() { super(); } }, ['get', 'set', 'has', 'delete']);
  primordials.SafeWeakSet = makeSafe(WeakSet, class SafeWeakSet extends WeakSet { constructor() { super(); } }, ['add', 'has', 'delete']);
  // A promise for the host's own bookkeeping: `then` (PromisePrototypeThen) finds its own
  // `constructor` and species, so nothing of Promise.prototype or Promise is consulted. Never
  // handed to extension code.
  class SafePromise extends Promise {
    constructor(executor) { super(executor); }
  }
  ReflectDefineProperty(SafePromise, Symbol.species, { __proto__: null, value: SafePromise });
  ObjectSetPrototypeOf(SafePromise.prototype, null);
  ObjectFreeze(SafePromise.prototype);
  ObjectFreeze(SafePromise);
  primordials.SafePromise = SafePromise;
  const PromisePrototypeThen = primordials.PromisePrototypeThen;
  const PromiseStaticReject = Promise.reject;
  const $Promise = Promise;
  const safePromises = new primordials.SafeWeakSet();
  const SafeWeakSetPrototypeAdd = uncurryThis(primordials.SafeWeakSet.prototype.add);
  const SafeWeakSetPrototypeHas = uncurryThis(primordials.SafeWeakSet.prototype.has);

  // A new SafePromise, as `new Promise(executor)`.
  function newSafePromise(executor) {
    const promise = new SafePromise(executor);
    SafeWeakSetPrototypeAdd(safePromises, promise);
    return promise;
  }
  primordials.newSafePromise = newSafePromise;
  primordials.isSafePromise = (value) => SafeWeakSetPrototypeHas(safePromises, value);
  primordials.SafePromiseThen = (promise, onFulfilled, onRejected) => PromisePrototypeThen(promise, onFulfilled, onRejected);
  primordials.SafePromiseReject = (reason) => newSafePromise((resolve, reject) => reject(reason));
  // A promise of this realm rejected with `reason`, for extension code (Promise.reject).
  primordials.PromiseReject = (reason) => ReflectApply(PromiseStaticReject, $Promise, [reason]);
  // Runs `callback` in a microtask, as `Promise.resolve().then(callback)` does.
  const resolvedPromise = newSafePromise((resolve) => resolve());
  primordials.enqueueMicrotask = (callback) => { PromisePrototypeThen(resolvedPromise, callback); };

  // ---- Properties ------------------------------------------------------------------------------
  // A data property descriptor (null prototype: ToPropertyDescriptor reads `get`, `set`, ... with
  // HasProperty, which would reach Object.prototype).
  function dataDescriptor(value, writable, enumerable, configurable) {
    return { __proto__: null, value, writable: !!writable, enumerable: !!enumerable, configurable: !!configurable };
  }
  primordials.dataDescriptor = dataDescriptor;
  // Defines a writable, enumerable, configurable data property (as assignment to a new key would,
  // without calling a setter found on the prototype chain).
  primordials.defineData = (object, key, value) => ReflectDefineProperty(object, key, dataDescriptor(value, true, true, true));
  // The value of an own property, or undefined when `object` has none (no prototype is read).
  primordials.getOwn = (object, key) => (object !== null && object !== undefined && hasOwn(object, key) ? object[key] : undefined);
  // The value of an own data property, never running a getter; undefined otherwise or on a throw.
  primordials.getOwnData = (object, key) => {
    try {
      const descriptor = ReflectGetOwnPropertyDescriptor(object, key);
      return descriptor !== undefined && hasOwn(descriptor, 'value') ? descriptor.value : undefined;
    } catch (e) {
      return undefined;
    }
  };

  // ---- Lists -------------------------------------------------------------------------------------
  const listPush = (list, value) => { ReflectDefineProperty(list, list.length, dataDescriptor(value, true, true, true)); };
  primordials.listPush = listPush;
  // A new array of list[start..end).
  primordials.listCopy = (list, start = 0, end = list.length) => {
    const copy = [];
    if (start < 0) start = 0;
    if (end > list.length) end = list.length;
    for (let i = start; i < end; i++) listPush(copy, list[i]);
    return copy;
  };
  primordials.listIncludes = (list, value) => {
    for (let i = 0; i < list.length; i++) {
      const item = list[i];
      if (item === value || (item !== item && value !== value)) return true;
    }
    return false;
  };
  primordials.listIndexOf = (list, value) => {
    for (let i = 0; i < list.length; i++) if (list[i] === value) return i;
    return -1;
  };
  // Removes list[index] (as splice(index, 1), without making an array of the removed elements).
  primordials.listRemoveAt = (list, index) => {
    for (let i = index; i < list.length - 1; i++) list[i] = list[i + 1];
    list.length = list.length - 1;
  };
  primordials.listPop = (list) => {
    const value = list[list.length - 1];
    list.length = list.length - 1;
    return value;
  };
  // The last element, or undefined for an empty list (list[-1] would read Array.prototype).
  primordials.listLast = (list) => (list.length > 0 ? list[list.length - 1] : undefined);

  // ---- Values of extension code --------------------------------------------------------------------
  const ObjectPrototypeIsPrototypeOf = primordials.ObjectPrototypeIsPrototypeOf;
  const ErrorPrototype = Error.prototype;
  const PromisePrototype = Promise.prototype;
  // `value instanceof Error` as the realm's Error has it, without reading Symbol.hasInstance;
  // false when a Proxy's trap throws (a revoked Proxy).
  primordials.isErrorObject = (value) => {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return false;
    try { return ObjectPrototypeIsPrototypeOf(ErrorPrototype, value); } catch (e) { return false; }
  };
  // `value instanceof Promise` the same way.
  primordials.isPromise = (value) => {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return false;
    try { return ObjectPrototypeIsPrototypeOf(PromisePrototype, value); } catch (e) { return false; }
  };
  // The target of a Proxy, or undefined for any other value, from a native: no trap runs, and a
  // revoked Proxy still has its target. (The global object, which JavaScriptCore reaches through
  // a proxy of its own, is no Proxy.)
  const nativeProxyTarget = host.native.proxyTarget;
  const globalObject = host.global;
  const proxyTargetOf = (value) => {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function') || value === globalObject) return undefined;
    try { return nativeProxyTarget(value); } catch (e) { return undefined; }
  };
  primordials.proxyTargetOf = proxyTargetOf;
  primordials.isProxy = (value) => proxyTargetOf(value) !== undefined;
  // Whether `value` was made by an Error constructor (Error.isError: a Proxy of an Error is not
  // one), without running any of its code.
  const ErrorIsError = typeof Error.isError === 'function' ? Error.isError : null;
  const ObjectPrototypeToStringUncurried = primordials.ObjectPrototypeToString;
  primordials.isNativeError = (value) => {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return false;
    if (ErrorIsError) return ErrorIsError(value);
    if (proxyTargetOf(value) !== undefined) return false;
    try { return ObjectPrototypeToStringUncurried(value) === '[object Error]'; } catch (e) { return false; }
  };
  const $String = String;
  // String(value), or `fallback` when that throws (a throwing toString, a revoked Proxy).
  primordials.safeString = (value, fallback) => {
    try { return $String(value); } catch (e) { return fallback; }
  };

  // ---- JSON for Swift ------------------------------------------------------------------------------
  // JSON text of data (null, booleans, numbers, strings, arrays, objects: own enumerable string
  // keys), as JSON.stringify makes it but calling no `toJSON`: for what the host sends to Swift.
  const JSONStringify = JSON.stringify;
  const ObjectKeys = Object.keys;
  const isArray = Array.isArray;
  function stringifyData(value) {
    switch (typeof value) {
      case 'string': return JSONStringify(value);
      case 'number': return value - value === 0 ? JSONStringify(value) : 'null';
      case 'boolean': return value ? 'true' : 'false';
      case 'undefined': case 'function': case 'symbol': return undefined;
      case 'bigint': throw new TypeError('Do not know how to serialize a BigInt');
    }
    if (value === null) return 'null';
    if (isArray(value)) {
      let text = '[';
      for (let i = 0; i < value.length; i++) {
        if (i > 0) text += ',';
        const item = stringifyData(value[i]);
        text += item === undefined ? 'null' : item;
      }
      return text + ']';
    }
    const keys = ObjectKeys(value);
    let text = '{';
    let first = true;
    for (let i = 0; i < keys.length; i++) {
      const item = stringifyData(value[keys[i]]);
      if (item === undefined) continue;
      text += (first ? '' : ',') + JSONStringify(keys[i]) + ':' + item;
      first = false;
    }
    return text + '}';
  }
  primordials.stringifyData = stringifyData;

  // Swift's description of this context, as null-prototype objects (so missing keys read nothing).
  function nullCopy(value) {
    if (value === null || typeof value !== 'object') return value;
    if (isArray(value)) {
      const copy = [];
      for (let i = 0; i < value.length; i++) listPush(copy, nullCopy(value[i]));
      return copy;
    }
    const copy = { __proto__: null };
    const keys = ObjectKeys(value);
    for (let i = 0; i < keys.length; i++) copy[keys[i]] = nullCopy(value[keys[i]]);
    return copy;
  }
  primordials.nullCopy = nullCopy;
  host.context = nullCopy(host.context);

  host.primordials = ObjectFreeze(primordials);
});
