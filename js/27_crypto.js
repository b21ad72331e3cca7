// exthost:needs primordials host dom_exception
// exthost:globals crypto:accessor ~Crypto:constructor:0 ~SubtleCrypto:constructor:0
// `crypto` (Web Cryptography): `getRandomValues` and `randomUUID` over the system's random source,
// and `crypto.subtle.digest` of the SHA family over GLib's digests (Swift: the `crypto` natives),
// with each browser's errors (fixtures/conformance/web-crypto). SubtleCrypto's other operations
// (keys, signatures, ciphers) are not here.
(function (host) {
  'use strict';
  const {
    TypeError, String, ObjectCreate, ReflectDefineProperty, ReflectGetOwnPropertyDescriptor,
    StringPrototypeCharCodeAt, StringPrototypeToUpperCase, StringPrototypeSlice, NumberPrototypeToString,
    ArrayPrototypeJoin, SafeWeakSet, Promise, PromiseReject, ReflectApply, ObjectPrototype, listPush, dataDescriptor,
    SymbolToStringTag,
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
  // (What a value is and its bytes come from Swift, through the C API: never from the script's own
  // typed-array built-ins, which it can replace and which cost a context to build.)
  const bytes = host.native.bytes;

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
      const kind = bytes.kind(array);
      if (kind === undefined || kind === 'ArrayBuffer') {
        throw new TypeError(FIREFOX ? 'Crypto.getRandomValues: Argument 1 does not implement interface ArrayBufferView.'
          : failed('getRandomValues', "parameter 1 is not of type 'ArrayBufferView'."));
      }
      if (kind === 'DataView' || StringPrototypeSlice(kind, 0, 5) === 'Float') {
        throw host.newDOMException(FIREFOX ? 'The type of an object is incompatible with the expected type of the parameter associated to the object'
          : failed('getRandomValues', "The provided ArrayBufferView is of type '" + (kind === 'DataView' ? 'DataView' : StringPrototypeSlice(kind, 0, -5)) + "', which is not an integer array type."),
          'TypeMismatchError');
      }
      const length = bytes.byteLength(array);
      if (length > 65536) {
        throw host.newDOMException(FIREFOX ? 'Crypto.getRandomValues: getRandomValues can only generate maximum 65536 bytes'
          : failed('getRandomValues', "The ArrayBufferView's byte length (" + length + ') exceeds the number of bytes of entropy available via this API (65536).'),
          'QuotaExceededError');
      }
      native.fillRandom(array);
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
        const data = args[1];
        if (bytes.kind(data) === undefined) {
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
        const result = native.digest(upper, data);
        return new Promise((resolve) => resolve(result));
      } catch (error) {
        return ReflectApply(PromiseReject, Promise, [error]);
      }
    },
  };
  host.defineMembers(cryptoPrototype, members);
  host.defineMembers(subtlePrototype, subtleMembers);
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
