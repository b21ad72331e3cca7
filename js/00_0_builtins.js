// exthost:realm context host
// exthost:eager
// The built-ins the host's own JavaScript uses, taken when a context is made, before any extension
// script runs: extension code is hostile and may replace or wrap any global, prototype method,
// getter or setter, so the host's modules, which may load later (Sources/Exthost/HostModule.swift),
// take every built-in from here, through `host.primordials` (js/00_2_primordials.js), never from the
// live globals.
//
// Only these are taken: reading a built-in makes JavaScriptCore build it (and its realm's class),
// so each one costs every context. And this is one straight run of reads: a loop run at every
// context's start would be compiled again for every context. Three lists:
//  * `plain`: used as they are (`ObjectKeys` is Object.keys, `Promise` the constructor);
//  * `uncurried`: methods, and accessors' getters, that js/00_2_primordials.js turns into functions
//    taking the receiver first (`ArrayPrototypeJoin(list, ',')`), Node's and Deno's names;
//  * `intrinsics`: taken as they are by path, for the files that call them with ReflectApply
//    (`get Map.prototype.size` is an accessor's getter; `@@toStringTag` a well-known symbol key;
//    `%TypedArray%` and the iterator prototypes have no global name).
// Tests/ExthostTests/PrimordialsTests.swift checks that every name and path the files use is here.
(function (host) {
  'use strict';
  const ObjectGetPrototypeOf = Object.getPrototypeOf;
  const ReflectGetOwnPropertyDescriptor = Reflect.getOwnPropertyDescriptor;
  // An accessor's getter (undefined when there is no such accessor).
  const getter = (object, key) => {
    const descriptor = ReflectGetOwnPropertyDescriptor(object, key);
    return descriptor === undefined ? undefined : descriptor.get;
  };
  // Math.trunc and Math.floor of a number, without reading `Math`: that makes JavaScriptCore build
  // the Math object and its forty functions in every context (about 4.5 KiB), and the host needs
  // only these two. (x % 1 is exact, and so is x minus it.)
  const trunc = (x) => {
    const number = +x;
    if (number !== number || number === 0 || number === 1 / 0 || number === -1 / 0) return number;
    const whole = number - (number % 1);
    return whole === 0 && number < 0 ? -0 : whole;
  };
  const floor = (x) => {
    const whole = trunc(x);
    return whole > x ? whole - 1 : whole;
  };
  host.builtins = {
    __proto__: null,
    plain: {
      // (The Function constructor: what compiles a web page's event handler attributes, js/31_events.js.)
      Function,
      __proto__: null,
      ArrayIsArray: Array.isArray,
      Error: Error,
      ErrorPrototype: Error.prototype,
      ErrorPrototypeToString: Error.prototype.toString,
      ErrorIsError: Error.isError,
      TypeError: TypeError,
      RangeError: RangeError,
      Map: Map,
      Set: Set,
      WeakMap: WeakMap,
      WeakSet: WeakSet,
      JSONParse: JSON.parse,
      JSONStringify: JSON.stringify,
      MathFloor: floor,
      MathTrunc: trunc,
      Number: Number,
      NumberIsFinite: Number.isFinite,
      NumberIsInteger: Number.isInteger,
      ObjectCreate: Object.create,
      ObjectDefineProperties: Object.defineProperties,
      ObjectDefineProperty: Object.defineProperty,
      ObjectFreeze: Object.freeze,
      ObjectGetOwnPropertyDescriptor: Object.getOwnPropertyDescriptor,
      ObjectGetPrototypeOf: Object.getPrototypeOf,
      ObjectHasOwn: Object.hasOwn,
      ObjectKeys: Object.keys,
      ObjectPrototype: Object.prototype,
      ObjectSetPrototypeOf: Object.setPrototypeOf,
      Promise: Promise,
      PromisePrototype: Promise.prototype,
      PromiseReject: Promise.reject,
      Proxy: Proxy,
      ReflectApply: Reflect.apply,
      ReflectConstruct: Reflect.construct,
      ReflectDefineProperty: Reflect.defineProperty,
      ReflectDeleteProperty: Reflect.deleteProperty,
      ReflectGet: Reflect.get,
      ReflectGetOwnPropertyDescriptor: Reflect.getOwnPropertyDescriptor,
      ReflectGetPrototypeOf: Reflect.getPrototypeOf,
      ReflectHas: Reflect.has,
      ReflectIsExtensible: Reflect.isExtensible,
      ReflectOwnKeys: Reflect.ownKeys,
      ReflectPreventExtensions: Reflect.preventExtensions,
      ReflectSet: Reflect.set,
      ReflectSetPrototypeOf: Reflect.setPrototypeOf,
      String: String,
      StringFromCodePoint: String.fromCodePoint,
      SymbolIterator: Symbol.iterator,
      SymbolSpecies: Symbol.species,
      SymbolToStringTag: Symbol.toStringTag,
      encodeURIComponent: encodeURIComponent,
    },
    uncurried: {
      __proto__: null,
      ArrayPrototypeJoin: Array.prototype.join,
      ArrayPrototypeSort: Array.prototype.sort,
      FunctionPrototypeBind: Function.prototype.bind,
      FunctionPrototypeToString: Function.prototype.toString,
      NumberPrototypeToString: Number.prototype.toString,
      ObjectPrototypeToString: Object.prototype.toString,
      ObjectPrototypeIsPrototypeOf: Object.prototype.isPrototypeOf,
      PromisePrototypeThen: Promise.prototype.then,
      RegExpPrototypeExec: RegExp.prototype.exec,
      StringPrototypeCharCodeAt: String.prototype.charCodeAt,
      StringPrototypeCodePointAt: String.prototype.codePointAt,
      StringPrototypeIncludes: String.prototype.includes,
      StringPrototypeIndexOf: String.prototype.indexOf,
      StringPrototypeSlice: String.prototype.slice,
      StringPrototypeStartsWith: String.prototype.startsWith,
      StringPrototypeToUpperCase: String.prototype.toUpperCase,
      StringPrototypeToWellFormed: String.prototype.toWellFormed,
    },
    intrinsics: {
      __proto__: null,
      'Function.prototype.bind': Function.prototype.bind,
      'Function.prototype.call': Function.prototype.call,
      // (What a DOM NodeList and DOMTokenList share with arrays: js/63_dom.js.)
      'Array.prototype.forEach': Array.prototype.forEach,
      'Array.prototype.entries': Array.prototype.entries,
      'Array.prototype.keys': Array.prototype.keys,
      'Array.prototype.values': Array.prototype.values,
      'String.prototype.charCodeAt': String.prototype.charCodeAt,
      'Map.prototype.get': Map.prototype.get,
      'Map.prototype.set': Map.prototype.set,
      'Map.prototype.has': Map.prototype.has,
      'Map.prototype.delete': Map.prototype.delete,
      'Map.prototype.clear': Map.prototype.clear,
      'Map.prototype.forEach': Map.prototype.forEach,
      'get Map.prototype.size': getter(Map.prototype, 'size'),
      'Set.prototype.has': Set.prototype.has,
      'Set.prototype.add': Set.prototype.add,
      'Set.prototype.delete': Set.prototype.delete,
      'Set.prototype.clear': Set.prototype.clear,
      'Set.prototype.forEach': Set.prototype.forEach,
      'get Set.prototype.size': getter(Set.prototype, 'size'),
      'WeakMap.prototype.get': WeakMap.prototype.get,
      'WeakMap.prototype.set': WeakMap.prototype.set,
      'WeakMap.prototype.has': WeakMap.prototype.has,
      'WeakMap.prototype.delete': WeakMap.prototype.delete,
      'WeakSet.prototype.add': WeakSet.prototype.add,
      'WeakSet.prototype.has': WeakSet.prototype.has,
      'WeakSet.prototype.delete': WeakSet.prototype.delete,
      'Date': Date,
      'Date.prototype': Date.prototype,
      'Date.prototype.toString': Date.prototype.toString,
      'Number.prototype.valueOf': Number.prototype.valueOf,
      'String.prototype.valueOf': String.prototype.valueOf,
      'Boolean.prototype.valueOf': Boolean.prototype.valueOf,
      // (For module scripts, js/36_modules.js.)
      '%GeneratorPrototype%.next': ObjectGetPrototypeOf(function* () {}).prototype.next,
      '%AsyncGeneratorPrototype%.next': ObjectGetPrototypeOf(async function* () {}).prototype.next,
      '%IteratorPrototype%': ObjectGetPrototypeOf(ObjectGetPrototypeOf([][Symbol.iterator]())),
    },
    // The constructors structured clone's reader makes values with (js/46_structured_clone_reader.js),
    // in this order. A list, not an object: each named member would cost every context a step of
    // its object's shape (~0.25 KiB), a list's element 8 bytes.
    cloned: [
      Object, RegExp, BigInt, ArrayBuffer, DataView,
      EvalError, ReferenceError, SyntaxError, URIError, AggregateError, globalThis.Float16Array,
    ],
  };
  // (Each list above went through a shape a member; a new [[Prototype]] lets JavaScriptCore
  // forget that chain, as host.compactShape does for the interfaces' prototypes: about 6 KiB.)
  const setPrototypeOf = host.builtins.plain.ObjectSetPrototypeOf;
  const lists = host.builtins;
  setPrototypeOf(lists.plain, lists);
  setPrototypeOf(lists.plain, null);
  setPrototypeOf(lists.uncurried, lists);
  setPrototypeOf(lists.uncurried, null);
  setPrototypeOf(lists.intrinsics, lists);
  setPrototypeOf(lists.intrinsics, null);
});
