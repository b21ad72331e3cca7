// exthost:realm context host
// The built-ins the host's own JavaScript uses, as Node's and Deno's `primordials`, and the helpers
// its files share, made from what js/00_0_builtins.js took before any extension script ran. Every
// later file takes what it needs from `host.primordials` (a frozen null-prototype object) and never
// from the live globals: extension code is hostile and may have replaced or wrapped any global,
// prototype method, getter or setter by the time this module loads (on first use).
//
// Names follow Node: `ArrayPrototypePush(list, x)` is `Array.prototype.push` called on `list`
// (uncurried), `ObjectKeys` is `Object.keys`, `SymbolIterator` a well-known symbol.
// `primordials.intrinsics[path]` holds built-ins taken as they are (see js/00_0_builtins.js).
// `SafeMap`, `SafeSet`, `SafeWeakMap`, `SafeWeakSet` and `SafePromise` are subclasses whose
// prototypes hold their own frozen copies of the methods (and no further prototype), so replacing
// `Map.prototype.get` or `Promise.prototype.then` does not reach them.
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
// scripts/lib/check-host-js.js checks the first rules mechanically for every file loaded on use.
(function (host) {
  'use strict';
  const builtins = host.builtins;
  const plain = builtins.plain;
  const uncurried = builtins.uncurried;
  const intrinsics = builtins.intrinsics;
  const primordials = { __proto__: null };

  const ReflectApply = plain.ReflectApply;
  const ReflectOwnKeys = plain.ReflectOwnKeys;
  const ReflectGetOwnPropertyDescriptor = plain.ReflectGetOwnPropertyDescriptor;
  const ReflectDefineProperty = plain.ReflectDefineProperty;
  const ObjectHasOwn = plain.ObjectHasOwn;
  const ObjectSetPrototypeOf = plain.ObjectSetPrototypeOf;
  const ObjectFreeze = plain.ObjectFreeze;
  const ObjectKeys = plain.ObjectKeys;
  const TypeError = plain.TypeError;
  // fn => (receiver, ...args) => fn.call(receiver, ...args), from the captured bind and call.
  const bind = intrinsics['Function.prototype.bind'];
  const uncurryThis = ReflectApply(bind, bind, [intrinsics['Function.prototype.call']]);

  // (Object.hasOwn, captured: the fastest own-property test in JavaScriptCore.)
  function hasOwn(object, key) {
    return ObjectHasOwn(object, key);
  }

  {
    const names = ObjectKeys(plain);
    for (let i = 0; i < names.length; i++) primordials[names[i]] = plain[names[i]];
    const methods = ObjectKeys(uncurried);
    for (let i = 0; i < methods.length; i++) primordials[methods[i]] = uncurryThis(uncurried[methods[i]]);
  }
  primordials.intrinsics = intrinsics;
  primordials.uncurryThis = uncurryThis;
  primordials.hasOwn = hasOwn;

  // ---- Safe collections and promises ------------------------------------------------------------
  // A constructor of `Base` objects whose prototype has its own copy of `members` (name: the
  // built-in method; `size`: the built-in getter), no prototype of its own, and is frozen (the
  // caller freezes the constructor). It is a function that constructs through `Base`, not a
  // subclass: a class costs each context more to link. The collections take no iterable: filling
  // one from an iterable would use its iterator.
  const ReflectConstruct = plain.ReflectConstruct;
  function makeSafe(Base, name, members) {
    const Safe = { [name]: function (...args) { return ReflectConstruct(Base, args, Safe); } }[name];
    const names = ObjectKeys(members);
    for (let i = 0; i < names.length; i++) {
      const key = names[i];
      ReflectDefineProperty(Safe.prototype, key, key === 'size'
        ? { __proto__: null, get: members[key], enumerable: false, configurable: true }
        : { __proto__: null, value: members[key], writable: true, enumerable: false, configurable: true });
    }
    ObjectSetPrototypeOf(Safe.prototype, null);
    ObjectFreeze(Safe.prototype);
    return Safe;
  }
  const member = (path) => intrinsics[path];
  primordials.SafeMap = ObjectFreeze(makeSafe(plain.Map, 'SafeMap', {
    __proto__: null, get: member('Map.prototype.get'), set: member('Map.prototype.set'), has: member('Map.prototype.has'),
    delete: member('Map.prototype.delete'), clear: member('Map.prototype.clear'), forEach: member('Map.prototype.forEach'),
    size: member('get Map.prototype.size'),
  }));
  primordials.SafeSet = ObjectFreeze(makeSafe(plain.Set, 'SafeSet', {
    __proto__: null, add: member('Set.prototype.add'), has: member('Set.prototype.has'), delete: member('Set.prototype.delete'),
    clear: member('Set.prototype.clear'), forEach: member('Set.prototype.forEach'), size: member('get Set.prototype.size'),
  }));
  primordials.SafeWeakMap = ObjectFreeze(makeSafe(plain.WeakMap, 'SafeWeakMap', {
    __proto__: null, get: member('WeakMap.prototype.get'), set: member('WeakMap.prototype.set'), has: member('WeakMap.prototype.has'),
    delete: member('WeakMap.prototype.delete'),
  }));
  primordials.SafeWeakSet = ObjectFreeze(makeSafe(plain.WeakSet, 'SafeWeakSet', {
    __proto__: null, add: member('WeakSet.prototype.add'), has: member('WeakSet.prototype.has'), delete: member('WeakSet.prototype.delete'),
  }));
  // A promise for the host's own bookkeeping: `then` (PromisePrototypeThen) finds its own
  // `constructor` and species, so nothing of Promise.prototype or Promise is consulted. Never
  // handed to extension code.
  //
  // Nor does it ever ask a value for its `then`: resolving a promise with an object reads the
  // object's `then` and calls it with the promise's resolving functions, functions of this realm
  // (in the host realm, one object of that realm handed to a script that put `then` on its
  // Object.prototype would hand it the host realm's Function and prototypes). So a SafePromise's
  // resolving functions (those its executor gets, and those `then` makes for the promises it
  // derives, which construct through the species, SafePromise) resolve with a box holding an
  // object (a null-prototype object of this realm, known by `boxes`, which has no `then`), and
  // SafePromiseThen takes the value out of it before the reaction sees it. A SafePromise is then
  // fulfilled in the same turn as with a value that is no thenable, and a SafePromise a value
  // resolves with is not followed (it never was: SafePromise.prototype has no `then`).
  // `SafePromiseFollowing` is the one that follows a thenable, and only in a context's realm.
  const $Promise = plain.Promise;
  const boxes = new primordials.SafeWeakSet();
  const safePromises = new primordials.SafeWeakSet();
  const SafeWeakSetPrototypeAdd = uncurryThis(member('WeakSet.prototype.add'));
  const SafeWeakSetPrototypeHas = uncurryThis(member('WeakSet.prototype.has'));
  function box(value) {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function') || SafeWeakSetPrototypeHas(boxes, value)) return value;
    const boxed = { __proto__: null, value };
    SafeWeakSetPrototypeAdd(boxes, boxed);
    return boxed;
  }
  function unbox(value) {
    return value !== null && typeof value === 'object' && SafeWeakSetPrototypeHas(boxes, value) ? value.value : value;
  }
  const SafePromise = { SafePromise: function (executor) {
    const promise = ReflectConstruct($Promise, [(resolve, reject) => executor((value) => resolve(box(value)), reject)], SafePromise);
    SafeWeakSetPrototypeAdd(safePromises, promise);
    return promise;
  } }.SafePromise;
  ObjectSetPrototypeOf(SafePromise.prototype, null);
  ObjectFreeze(SafePromise.prototype);
  ReflectDefineProperty(SafePromise, plain.SymbolSpecies, { __proto__: null, value: SafePromise });
  ObjectFreeze(SafePromise);
  primordials.SafePromise = SafePromise;
  const PromisePrototypeThen = primordials.PromisePrototypeThen;
  const PromiseStaticReject = plain.PromiseReject;

  // A new SafePromise, as `new Promise(executor)`.
  function newSafePromise(executor) {
    return new SafePromise(executor);
  }
  primordials.newSafePromise = newSafePromise;
  primordials.isSafePromise = (value) => value !== null && typeof value === 'object' && SafeWeakSetPrototypeHas(safePromises, value);
  // `promise.then(onFulfilled, onRejected)` of a SafePromise (onFulfilled gets the value itself);
  // a SafePromise.
  primordials.SafePromiseThen = (promise, onFulfilled, onRejected) =>
    PromisePrototypeThen(promise, typeof onFulfilled === 'function' ? (value) => onFulfilled(unbox(value)) : undefined, onRejected);
  primordials.SafePromiseReject = (reason) => newSafePromise((resolve, reject) => reject(reason));
  // A SafePromise resolved with `value` as `new Promise((resolve) => resolve(value))` would be: a
  // thenable's `then` is called (in a promise job) with its resolving functions. Only in a
  // context's realm, where they are the context's own functions (js/33_service_worker.js's
  // waitUntil, as the browser's conversion to a Promise does); never in the host realm.
  primordials.SafePromiseFollowing = (value) => {
    if (host.kind === 'host') throw new TypeError('SafePromiseFollowing in the host realm');
    const promise = ReflectConstruct($Promise, [(resolve) => resolve(value)], SafePromise);
    SafeWeakSetPrototypeAdd(safePromises, promise);
    return promise;
  };
  // A promise of this realm rejected with `reason`, for extension code (Promise.reject).
  primordials.PromiseReject = (reason) => ReflectApply(PromiseStaticReject, $Promise, [reason]);
  // Runs `callback` in a microtask, as `Promise.resolve().then(callback)` does (what it returns
  // resolves a SafePromise, so it is boxed, never asked for its `then`).
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
  // Web IDL's sequence conversion (js/00_host.js and js/38_api.js give it to their realm's modules
  // as `host.webIDLSequence`): `value` must be an object whose @@iterator is callable (else
  // `refuse()` is thrown: a string is no sequence); its iterator's `next` is read once, and each
  // element is converted by `convert(element)` as it comes. Returns the converted elements.
  primordials.webIDLSequence = function (value, refuse, convert) {
    const method = value === null || (typeof value !== 'object' && typeof value !== 'function') ? undefined : value[plain.SymbolIterator];
    if (typeof method !== 'function') throw refuse();
    const iterator = ReflectApply(method, value, []);
    const next = iterator.next;
    const list = [];
    for (let step = ReflectApply(next, iterator, []); !step.done; step = ReflectApply(next, iterator, [])) listPush(list, convert(step.value));
    return list;
  };
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
  // ASCII lowercase (HTTP header names and MIME types, compared without case), without the
  // script's String.prototype.toLowerCase.
  const lowerLetters = 'abcdefghijklmnopqrstuvwxyz';
  primordials.asciiLowercase = function (text) {
    let result = '';
    for (let i = 0; i < text.length; i++) {
      const c = primordials.StringPrototypeCharCodeAt(text, i);
      result += c >= 65 && c <= 90 ? primordials.StringPrototypeSlice(lowerLetters, c - 65, c - 64) : primordials.StringPrototypeSlice(text, i, i + 1);
    }
    return result;
  };
  // The last element, or undefined for an empty list (list[-1] would read Array.prototype).
  primordials.listLast = (list) => (list.length > 0 ? list[list.length - 1] : undefined);

  // ---- Values of extension code --------------------------------------------------------------------
  const ObjectPrototypeIsPrototypeOf = primordials.ObjectPrototypeIsPrototypeOf;
  const ErrorPrototype = plain.ErrorPrototype;
  const PromisePrototype = plain.PromisePrototype;
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
  const nativeProxyTarget = host.native.engine.proxyTarget;
  const globalObject = host.global;
  const proxyTargetOf = (value) => {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function') || value === globalObject) return undefined;
    try { return nativeProxyTarget(value); } catch (e) { return undefined; }
  };
  primordials.proxyTargetOf = proxyTargetOf;
  primordials.isProxy = (value) => proxyTargetOf(value) !== undefined;
  // Whether `value` was made by an Error constructor (Error.isError: a Proxy of an Error is not
  // one), without running any of its code.
  const ErrorIsError = typeof plain.ErrorIsError === 'function' ? plain.ErrorIsError : null;
  const ObjectPrototypeToStringUncurried = primordials.ObjectPrototypeToString;
  primordials.isNativeError = (value) => {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return false;
    if (ErrorIsError) return ErrorIsError(value);
    if (proxyTargetOf(value) !== undefined) return false;
    try { return ObjectPrototypeToStringUncurried(value) === '[object Error]'; } catch (e) { return false; }
  };
  // `file:line:column` of an error (JavaScriptCore's own `sourceURL`, `line` and `column` data
  // properties of an Error), `file:line` without a column, `file` without a line, or '' when
  // unknown (a thrown value that is not an Error has no location). Never runs a getter or a trap.
  const isPositiveInteger = (value) => typeof value === 'number' && value >= 1 && value - value === 0 && value % 1 === 0;
  primordials.errorLocation = (error) => {
    if (error === null || typeof error !== 'object' || proxyTargetOf(error) !== undefined) return '';
    const sourceURL = primordials.getOwnData(error, 'sourceURL');
    if (typeof sourceURL !== 'string' || sourceURL === '') return '';
    const line = primordials.getOwnData(error, 'line');
    if (!isPositiveInteger(line)) return sourceURL;
    const column = primordials.getOwnData(error, 'column');
    return isPositiveInteger(column) ? sourceURL + ':' + line + ':' + column : sourceURL + ':' + line;
  };
  const $String = plain.String;
  // String(value), or `fallback` when that throws (a throwing toString, a revoked Proxy).
  primordials.safeString = (value, fallback) => {
    try { return $String(value); } catch (e) { return fallback; }
  };

  // ---- JSON for Swift ------------------------------------------------------------------------------
  // JSON text of data (null, booleans, numbers, strings, arrays, objects: own enumerable string
  // keys), as JSON.stringify makes it but calling no `toJSON`: for what the host sends to Swift.
  const JSONStringify = plain.JSONStringify;
  const isArray = plain.ArrayIsArray;
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
