// exthost:needs primordials host dom_exception
// exthost:globals crypto:accessor ~Crypto:constructor:0 ~SubtleCrypto:constructor:0
// `crypto` (Web Cryptography): `getRandomValues` and `randomUUID` over the system's random source,
// and `crypto.subtle.digest` of the SHA family over GLib's digests (Swift: the `crypto` natives),
// with each browser's errors (fixtures/conformance/web-crypto). SubtleCrypto's other operations
// (keys, signatures, ciphers) are not here.
(function (host) {
  'use strict';
  const {
    TypeError, String, ObjectCreate, ReflectDefineProperty, ReflectGetOwnPropertyDescriptor, ObjectGetPrototypeOf,
    StringPrototypeCharCodeAt, StringPrototypeToUpperCase, StringPrototypeSlice, StringFromCodePoint, NumberPrototypeToString,
    ArrayPrototypeJoin, SafeWeakSet, Promise, PromiseReject, ReflectApply, ReflectOwnKeys, ObjectPrototype, listPush, dataDescriptor,
    SymbolToStringTag, Uint8Array: Uint8ArrayOf, intrinsics,
  } = host.primordials;
  const FIREFOX = host.flavor === 'firefox';
  const native = host.native.crypto;

  // ---- Errors, as each browser words them ---------------------------------------------------------
  const failed = (member, text) => (FIREFOX ? text : "Failed to execute '" + member + "' on '" + (member === 'digest' ? 'SubtleCrypto' : 'Crypto') + "': " + text);
  function countError(member, required, count) {
    const owner = member === 'digest' ? 'SubtleCrypto' : 'Crypto';
    return new TypeError(FIREFOX
      ? owner + '.' + member + ': At least ' + required + ' argument' + (required === 1 ? '' : 's') + ' required, but only ' + count + ' passed'
      : failed(member, required + ' argument' + (required === 1 ? '' : 's') + ' required, but only ' + count + ' present.'));
  }
  const illegalInvocation = (member, owner) =>
    new TypeError(FIREFOX ? "'" + member + "' called on an object that does not implement interface " + owner + '.' : 'Illegal invocation');
  const illegalConstructor = (name) =>
    new TypeError(FIREFOX ? 'Illegal constructor.' : "Failed to construct '" + name + "': Illegal constructor");

  // ---- Views and bytes ------------------------------------------------------------------------------
  const TypedArrayPrototype = ObjectGetPrototypeOf(Uint8ArrayOf.prototype);
  const getter = (object, key) => ReflectGetOwnPropertyDescriptor(object, key).get;
  const typedArrayTag = getter(TypedArrayPrototype, SymbolToStringTag);
  const typedArrayBuffer = getter(TypedArrayPrototype, 'buffer');
  const typedArrayOffset = getter(TypedArrayPrototype, 'byteOffset');
  const typedArrayLength = getter(TypedArrayPrototype, 'byteLength');
  const dataViewBuffer = intrinsics['get DataView.prototype.buffer'];
  const dataViewOffset = intrinsics['get DataView.prototype.byteOffset'];
  const dataViewLength = intrinsics['get DataView.prototype.byteLength'];
  const arrayBufferLength = intrinsics['get ArrayBuffer.prototype.byteLength'];
  const $ArrayBuffer = intrinsics.ArrayBuffer;
  const call = (fn, thisValue) => { try { return ReflectApply(fn, thisValue, []); } catch (e) { return undefined; } };
  // What a value is as a BufferSource: { kind: the typed array's name, 'DataView' or 'ArrayBuffer', bytes: a Uint8Array over it }, or undefined.
  function bufferSource(value) {
    if (value === null || typeof value !== 'object') return undefined;
    const tag = call(typedArrayTag, value);
    if (tag !== undefined) return { __proto__: null, kind: tag, bytes: new Uint8ArrayOf(call(typedArrayBuffer, value), call(typedArrayOffset, value), call(typedArrayLength, value)) };
    const viewBuffer = call(dataViewBuffer, value);
    if (viewBuffer !== undefined) return { __proto__: null, kind: 'DataView', bytes: new Uint8ArrayOf(viewBuffer, call(dataViewOffset, value), call(dataViewLength, value)) };
    if (call(arrayBufferLength, value) !== undefined) return { __proto__: null, kind: 'ArrayBuffer', bytes: new Uint8ArrayOf(value) };
    return undefined;
  }
  const integerArrays = ['Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array', 'BigInt64Array', 'BigUint64Array'];
  function isIntegerArray(kind) {
    for (let i = 0; i < integerArrays.length; i++) if (integerArrays[i] === kind) return true;
    return false;
  }
  // A string of code units 0 to 255 for `bytes`, and back.
  function byteString(bytes) {
    const parts = [];
    for (let i = 0; i < bytes.length; i++) listPush(parts, StringFromCodePoint(bytes[i]));
    return ArrayPrototypeJoin(parts, '');
  }

  // ---- Crypto -------------------------------------------------------------------------------------
  const cryptos = new SafeWeakSet();
  const subtles = new SafeWeakSet();
  function Crypto() { throw illegalConstructor('Crypto'); }
  function SubtleCrypto() { throw illegalConstructor('SubtleCrypto'); }
  const cryptoPrototype = ObjectCreate(ObjectPrototype);
  const subtlePrototype = ObjectCreate(ObjectPrototype);

  const members = {
    getRandomValues(...args) {
      if (!cryptos.has(this)) throw illegalInvocation('getRandomValues', 'Crypto');
      if (args.length < 1) throw countError('getRandomValues', 1, args.length);
      const array = args[0];
      const source = bufferSource(array);
      if (source === undefined || source.kind === 'ArrayBuffer') {
        throw new TypeError(FIREFOX ? 'Crypto.getRandomValues: Argument 1 does not implement interface ArrayBufferView.'
          : failed('getRandomValues', "parameter 1 is not of type 'ArrayBufferView'."));
      }
      if (!isIntegerArray(source.kind)) {
        throw host.newDOMException(FIREFOX ? 'The type of an object is incompatible with the expected type of the parameter associated to the object'
          : failed('getRandomValues', "The provided ArrayBufferView is of type '" + (source.kind === 'DataView' ? 'DataView' : StringPrototypeSlice(source.kind, 0, -5)) + "', which is not an integer array type."),
          'TypeMismatchError');
      }
      const length = source.bytes.length;
      if (length > 65536) {
        throw host.newDOMException(FIREFOX ? 'Crypto.getRandomValues: getRandomValues can only generate maximum 65536 bytes'
          : failed('getRandomValues', "The ArrayBufferView's byte length (" + length + ') exceeds the number of bytes of entropy available via this API (65536).'),
          'QuotaExceededError');
      }
      const random = native.randomBytes(length);
      for (let i = 0; i < length; i++) source.bytes[i] = StringPrototypeCharCodeAt(random, i);
      return array;
    },
    randomUUID() {
      if (!cryptos.has(this)) throw illegalInvocation('randomUUID', 'Crypto');
      const random = native.randomBytes(16);
      const parts = [];
      for (let i = 0; i < 16; i++) {
        let byte = StringPrototypeCharCodeAt(random, i);
        if (i === 6) byte = (byte & 0x0F) | 0x40; // version 4
        if (i === 8) byte = (byte & 0x3F) | 0x80; // the variant of RFC 9562
        if (i === 4 || i === 6 || i === 8 || i === 10) listPush(parts, '-');
        listPush(parts, (byte < 16 ? '0' : '') + NumberPrototypeToString(byte, 16));
      }
      return ArrayPrototypeJoin(parts, '');
    },
    get subtle() {
      if (!cryptos.has(this)) throw illegalInvocation('subtle', 'Crypto');
      return subtle;
    },
  };
  const subtleMembers = {
    digest(...args) {
      try {
        if (!subtles.has(this)) throw illegalInvocation('digest', 'SubtleCrypto');
        if (args.length < 2) throw countError('digest', 2, args.length);
        // (Web IDL converts the arguments first: the algorithm, an object or a string, then the data.)
        const algorithm = args[0] !== null && typeof args[0] === 'object' ? args[0] : String(args[0]);
        const data = bufferSource(args[1]);
        if (data === undefined) {
          throw new TypeError(FIREFOX ? 'SubtleCrypto.digest: Argument 2 could not be converted to any of: ArrayBufferView, ArrayBuffer.'
            : failed('digest', "The provided value is not of type '(ArrayBuffer or ArrayBufferView)'."));
        }
        const name = typeof algorithm === 'string' ? algorithm : algorithm.name;
        if (typeof name !== 'string') {
          throw new TypeError(FIREFOX ? 'The operation could not be performed.' : failed('digest', 'Algorithm: name: Missing or not a string'));
        }
        const upper = StringPrototypeToUpperCase(name);
        if (upper !== 'SHA-1' && upper !== 'SHA-256' && upper !== 'SHA-384' && upper !== 'SHA-512') {
          throw host.newDOMException(FIREFOX ? 'Operation is not supported' : failed('digest', 'Algorithm: Unrecognized name'), 'NotSupportedError');
        }
        const digest = native.digest(upper, byteString(data.bytes));
        const result = new $ArrayBuffer(digest.length);
        const view = new Uint8ArrayOf(result);
        for (let i = 0; i < digest.length; i++) view[i] = StringPrototypeCharCodeAt(digest, i);
        return new Promise((resolve) => resolve(result));
      } catch (error) {
        return ReflectApply(PromiseReject, Promise, [error]);
      }
    },
  };
  // (Web IDL: operations and attributes enumerable and configurable, operations writable.)
  function defineMembers(target, source) {
    const keys = ReflectOwnKeys(source);
    for (let i = 0; i < keys.length; i++) {
      const descriptor = { __proto__: null, ...ReflectGetOwnPropertyDescriptor(source, keys[i]) };
      descriptor.enumerable = true;
      ReflectDefineProperty(target, keys[i], descriptor);
    }
  }
  defineMembers(cryptoPrototype, members);
  defineMembers(subtlePrototype, subtleMembers);
  const interfaces = [[Crypto, cryptoPrototype, 'Crypto'], [SubtleCrypto, subtlePrototype, 'SubtleCrypto']];
  for (let i = 0; i < interfaces.length; i++) {
    const constructor = interfaces[i][0];
    const prototype = interfaces[i][1];
    const name = interfaces[i][2];
    ReflectDefineProperty(prototype, SymbolToStringTag, dataDescriptor(name, false, false, true));
    ReflectDefineProperty(constructor, 'prototype', dataDescriptor(prototype, false, false, false));
    ReflectDefineProperty(constructor, 'length', dataDescriptor(0, false, false, true));
    host.adoptConstructor(name, constructor);
  }
  const crypto = ObjectCreate(cryptoPrototype);
  cryptos.add(crypto);
  const subtle = ObjectCreate(subtlePrototype);
  subtles.add(subtle);
  // (A getter, as the global's other attributes.)
  const cryptoGetter = ReflectGetOwnPropertyDescriptor({ __proto__: null, get crypto() { return crypto; } }, 'crypto').get;
  host.defineGlobal('crypto', { __proto__: null, get: cryptoGetter, enumerable: true, configurable: true });
});
