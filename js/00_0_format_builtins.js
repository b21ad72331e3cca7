// exthost:realm host
// exthost:eager
// exthost:needs builtins
// The built-ins that only the host realm's modules use (js/10_format.js and js/11_console.js,
// which show the values of every context: maps, sets, typed arrays, regular expressions, dates),
// added to what js/00_0_builtins.js took. The host realm runs no extension script, so none of
// these is ever taken in an extension context, where reading each would build it (about 55 KiB a
// context). Same lists as js/00_0_builtins.js, same names.
(function (host) {
  'use strict';
  const ObjectGetPrototypeOf = Object.getPrototypeOf;
  const ReflectGetOwnPropertyDescriptor = Reflect.getOwnPropertyDescriptor;
  const ReflectOwnKeys = Reflect.ownKeys;
  const getter = (object, key) => {
    const descriptor = ReflectGetOwnPropertyDescriptor(object, key);
    return descriptor === undefined ? undefined : descriptor.get;
  };
  const more = {
    __proto__: null,
    plain: {
      __proto__: null,
      MathRound: Math.round,
      // (What keeps a document's live ranges without keeping them alive: js/63_dom_range.js.)
      WeakRef: WeakRef,
      Uint8Array: Uint8Array,
      ObjectIs: Object.is,
      decodeURIComponent: decodeURIComponent,
      parseInt: parseInt,
      parseFloat: parseFloat,
      isNaN: isNaN,
      Uint16Array: Uint16Array,
      StringFromCharCode: String.fromCharCode,
    },
    uncurried: {
      __proto__: null,
      DatePrototypeToString: Date.prototype.toString,
      SymbolPrototypeGetDescription: getter(Symbol.prototype, 'description'),
    },
    intrinsics: {
      __proto__: null,
      'Function.prototype.toString': Function.prototype.toString,
      'Object.prototype.toString': Object.prototype.toString,
      'Object.prototype.hasOwnProperty': Object.prototype.hasOwnProperty,
      'Array.prototype.join': Array.prototype.join,
      'RegExp.prototype.exec': RegExp.prototype.exec,
      'String.prototype.slice': String.prototype.slice,
      'String.prototype.indexOf': String.prototype.indexOf,
      'String.prototype.lastIndexOf': String.prototype.lastIndexOf,
      'String.prototype.startsWith': String.prototype.startsWith,
      'String.prototype.trim': String.prototype.trim,
      'String.prototype.repeat': String.prototype.repeat,
      'Map.prototype.entries': Map.prototype.entries,
      '%MapIteratorPrototype%.next': ObjectGetPrototypeOf(new Map().entries()).next,
      'Set.prototype.values': Set.prototype.values,
      '%SetIteratorPrototype%.next': ObjectGetPrototypeOf(new Set().values()).next,
      '?WeakRef.prototype.deref': typeof WeakRef === 'function' ? WeakRef.prototype.deref : undefined,
      'Date.prototype.getTime': Date.prototype.getTime,
      'RegExp.prototype.test': RegExp.prototype.test,
      'get RegExp.prototype.source': getter(RegExp.prototype, 'source'),
      'get RegExp.prototype.global': getter(RegExp.prototype, 'global'),
      'get RegExp.prototype.hasIndices': getter(RegExp.prototype, 'hasIndices'),
      'get RegExp.prototype.ignoreCase': getter(RegExp.prototype, 'ignoreCase'),
      'get RegExp.prototype.multiline': getter(RegExp.prototype, 'multiline'),
      'get RegExp.prototype.dotAll': getter(RegExp.prototype, 'dotAll'),
      'get RegExp.prototype.unicode': getter(RegExp.prototype, 'unicode'),
      '?get RegExp.prototype.unicodeSets': getter(RegExp.prototype, 'unicodeSets'),
      'get RegExp.prototype.sticky': getter(RegExp.prototype, 'sticky'),
      'get %TypedArray%.prototype.@@toStringTag': getter(ObjectGetPrototypeOf(Int8Array).prototype, Symbol.toStringTag),
      'get %TypedArray%.prototype.length': getter(ObjectGetPrototypeOf(Int8Array).prototype, 'length'),
      'get ArrayBuffer.prototype.byteLength': getter(ArrayBuffer.prototype, 'byteLength'),
      '?get SharedArrayBuffer.prototype.byteLength': typeof SharedArrayBuffer === 'function' ? getter(SharedArrayBuffer.prototype, 'byteLength') : undefined,
      'get DataView.prototype.byteLength': getter(DataView.prototype, 'byteLength'),
      'Symbol.prototype.valueOf': Symbol.prototype.valueOf,
      '?BigInt.prototype.valueOf': typeof BigInt === 'function' ? BigInt.prototype.valueOf : undefined,
      // (For js/45_structured_clone.js, which reads the values of every context.)
      'BigInt.prototype.toString': BigInt.prototype.toString,
      '?get ArrayBuffer.prototype.detached': getter(ArrayBuffer.prototype, 'detached'),
      '?get ArrayBuffer.prototype.resizable': getter(ArrayBuffer.prototype, 'resizable'),
      '?get ArrayBuffer.prototype.maxByteLength': getter(ArrayBuffer.prototype, 'maxByteLength'),
      'get %TypedArray%.prototype.buffer': getter(ObjectGetPrototypeOf(Int8Array).prototype, 'buffer'),
      'get %TypedArray%.prototype.byteOffset': getter(ObjectGetPrototypeOf(Int8Array).prototype, 'byteOffset'),
      'get DataView.prototype.buffer': getter(DataView.prototype, 'buffer'),
      'get DataView.prototype.byteOffset': getter(DataView.prototype, 'byteOffset'),
      '?FinalizationRegistry.prototype.unregister': typeof FinalizationRegistry === 'function' ? FinalizationRegistry.prototype.unregister : undefined,
    },
  };
  // (A loop is fine here: this realm's set-up runs once for the process.)
  const lists = ReflectOwnKeys(more);
  for (let i = 0; i < lists.length; i++) {
    const names = ReflectOwnKeys(more[lists[i]]);
    for (let j = 0; j < names.length; j++) host.builtins[lists[i]][names[j]] = more[lists[i]][names[j]];
  }

  // ---- This realm's intrinsics, locked ------------------------------------------------------------
  // No object of this realm may reach a script (js/00_2_primordials.js's SafePromise, the seams'
  // checks). Should one ever reach a script all the same, it could not add to this realm's
  // intrinsics (a `then` or a getter on Object.prototype, which every context's records, the DOM
  // library and the host's own modules share), nor replace a method of its functions, arrays,
  // strings, promises, collections, iterators or namespaces. Object.prototype and the errors'
  // prototypes take no new property but keep their own writable: the DOM library (domino's
  // HTMLParser and CSS parser) assigns `toString`, `constructor`, `name` and `message` to objects
  // that inherit them, which a non-writable inherited property would refuse.
  {
    const ObjectFreeze = Object.freeze;
    const ObjectPreventExtensions = Object.preventExtensions;
    const proto = ObjectGetPrototypeOf;
    const locked = [
      Function, Array, String, Number, Boolean, Symbol, BigInt, RegExp, Date, Promise, Map, Set, WeakMap, WeakSet,
      ArrayBuffer, DataView, Proxy, Reflect, JSON, Math,
      proto(Int8Array), Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
      Float32Array, Float64Array, BigInt64Array, BigUint64Array,
      proto(function* () {}), proto(async function () {}), proto(async function* () {}),
    ];
    const extensibleNot = [Object, Error, TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError];
    if (typeof AggregateError === 'function') extensibleNot[extensibleNot.length] = AggregateError;
    for (let i = 0; i < locked.length; i++) {
      const value = locked[i];
      ObjectFreeze(value);
      if (typeof value === 'function' && value.prototype !== undefined && value.prototype !== null) ObjectFreeze(value.prototype);
    }
    // The iterators' prototypes, and the generators'.
    const iterators = [
      proto([][Symbol.iterator]()), proto(proto([][Symbol.iterator]())), proto(''[Symbol.iterator]()), proto(new Map()[Symbol.iterator]()),
      proto(new Set()[Symbol.iterator]()), proto(/a/[Symbol.matchAll]('')),
      proto(function* () {}).prototype, proto(proto(function* () {}).prototype),
      proto(async function* () {}).prototype, proto(proto(async function* () {}).prototype),
    ];
    for (let i = 0; i < iterators.length; i++) ObjectFreeze(iterators[i]);
    for (let i = 0; i < extensibleNot.length; i++) {
      ObjectPreventExtensions(extensibleNot[i]);
      ObjectPreventExtensions(extensibleNot[i].prototype);
    }
  }
});
