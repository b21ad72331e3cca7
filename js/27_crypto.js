// exthost:realm host
// exthost:needs primordials api
// exthost:globals crypto:accessor ~Crypto:constructor:0 ~SubtleCrypto:constructor:0
// `crypto` (Web Cryptography): `getRandomValues` and `randomUUID` over the system's random source,
// and `crypto.subtle.digest` of the SHA family over GLib's digests (Swift: the world's `crypto`
// natives), with each browser's errors (fixtures/conformance/web-crypto). SubtleCrypto's other
// operations (keys, signatures, ciphers) are not here. Runs in the host's realm, for a world on
// the first touch of `crypto` or its interfaces (`host.installCrypto`), its members one
// implementation for every world. (What a value is and its bytes come from Swift, through the C
// API: never from the script's own typed-array built-ins, which it can replace.)
(function (host) {
  'use strict';
  const {
    String, StringPrototypeCharCodeAt, StringPrototypeToUpperCase, StringPrototypeSlice,
    NumberPrototypeToString, ArrayPrototypeJoin, SafeWeakSet, listPush,
  } = host.primordials;
  const FIREFOX = host.flavor === 'firefox';

  // ---- Errors, as each browser words them ---------------------------------------------------------
  const failed = (member, text) => (FIREFOX ? text : "Failed to execute '" + member + "' on '" + (member === 'digest' ? 'SubtleCrypto' : 'Crypto') + "': " + text);
  function countError(cx, member, required, count) {
    const owner = member === 'digest' ? 'SubtleCrypto' : 'Crypto';
    return host.newTypeError(cx, FIREFOX
      ? owner + '.' + member + ': At least ' + required + ' argument' + (required === 1 ? '' : 's') + ' required, but only ' + count + ' passed'
      : failed(member, required + ' argument' + (required === 1 ? '' : 's') + ' required, but only ' + count + ' present.'));
  }
  const illegalInvocation = (cx, member, owner) =>
    host.newTypeError(cx, FIREFOX ? "'" + member + "' called on an object that does not implement interface " + owner + '.' : 'Illegal invocation');
  const isObject = (value) => value !== null && (typeof value === 'object' || typeof value === 'function');

  // ---- Crypto and SubtleCrypto ------------------------------------------------------------------------
  // The objects (of any world).
  const cryptos = new SafeWeakSet();
  const subtles = new SafeWeakSet();
  const cryptoMembers = [
    ['method', 'getRandomValues', 1, (cx, thisValue, ...args) => {
      if (!isObject(thisValue) || !cryptos.has(thisValue)) throw illegalInvocation(cx, 'getRandomValues', 'Crypto');
      if (args.length < 1) throw countError(cx, 'getRandomValues', 1, args.length);
      const array = args[0];
      const bytes = cx.loader.native.bytes;
      const kind = bytes.kind(array);
      if (kind === undefined || kind === 'ArrayBuffer') {
        throw host.newTypeError(cx, FIREFOX ? 'Crypto.getRandomValues: Argument 1 does not implement interface ArrayBufferView.'
          : failed('getRandomValues', "parameter 1 is not of type 'ArrayBufferView'."));
      }
      if (kind === 'DataView' || StringPrototypeSlice(kind, 0, 5) === 'Float') {
        throw host.newDOMException(cx, FIREFOX ? 'The type of an object is incompatible with the expected type of the parameter associated to the object'
          : failed('getRandomValues', "The provided ArrayBufferView is of type '" + (kind === 'DataView' ? 'DataView' : StringPrototypeSlice(kind, 0, -5)) + "', which is not an integer array type."),
        'TypeMismatchError');
      }
      const length = bytes.byteLength(array);
      if (length > 65536) {
        throw host.newDOMException(cx, FIREFOX ? 'Crypto.getRandomValues: getRandomValues can only generate maximum 65536 bytes'
          : failed('getRandomValues', "The ArrayBufferView's byte length (" + length + ') exceeds the number of bytes of entropy available via this API (65536).'),
        'QuotaExceededError');
      }
      cx.loader.native.crypto.fillRandom(array);
      return array;
    }],
    ['method', 'randomUUID', 0, (cx, thisValue) => {
      if (!isObject(thisValue) || !cryptos.has(thisValue)) throw illegalInvocation(cx, 'randomUUID', 'Crypto');
      const random = cx.loader.native.crypto.randomBytes(16);
      const parts = [];
      for (let i = 0; i < 16; i++) {
        let byte = StringPrototypeCharCodeAt(random, i);
        if (i === 6) byte = (byte & 0x0F) | 0x40; // version 4
        if (i === 8) byte = (byte & 0x3F) | 0x80; // the variant of RFC 9562
        if (i === 4 || i === 6 || i === 8 || i === 10) listPush(parts, '-');
        listPush(parts, (byte < 16 ? '0' : '') + NumberPrototypeToString(byte, 16));
      }
      return ArrayPrototypeJoin(parts, '');
    }],
    ['get', 'subtle', (cx, thisValue) => {
      if (!isObject(thisValue) || !cryptos.has(thisValue)) throw illegalInvocation(cx, 'subtle', 'Crypto');
      return cx.cryptoWorld.subtle;
    }],
  ];
  const subtleMembers = [
    ['method', 'digest', 2, (cx, thisValue, ...args) => {
      try {
        if (!isObject(thisValue) || !subtles.has(thisValue)) throw illegalInvocation(cx, 'digest', 'SubtleCrypto');
        if (args.length < 2) throw countError(cx, 'digest', 2, args.length);
        // (Web IDL converts the arguments first: the algorithm, an object or a string, then the data.)
        const algorithm = args[0] !== null && typeof args[0] === 'object' ? args[0] : String(args[0]);
        const data = args[1];
        if (cx.loader.native.bytes.kind(data) === undefined) {
          throw host.newTypeError(cx, FIREFOX ? 'SubtleCrypto.digest: Argument 2 could not be converted to any of: ArrayBufferView, ArrayBuffer.'
            : failed('digest', "The provided value is not of type '(ArrayBuffer or ArrayBufferView)'."));
        }
        const name = typeof algorithm === 'string' ? algorithm : algorithm.name;
        if (typeof name !== 'string') {
          throw host.newTypeError(cx, FIREFOX ? 'The operation could not be performed.' : failed('digest', 'Algorithm: name: Missing or not a string'));
        }
        const upper = StringPrototypeToUpperCase(name);
        if (upper !== 'SHA-1' && upper !== 'SHA-256' && upper !== 'SHA-384' && upper !== 'SHA-512') {
          throw host.newDOMException(cx, FIREFOX ? 'Operation is not supported' : failed('digest', 'Algorithm: Unrecognized name'), 'NotSupportedError');
        }
        const settle = host.newPromise(cx);
        settle.resolve(cx.loader.native.crypto.digest(upper, data));
        return settle.promise;
      } catch (error) {
        return host.rejectedPromise(cx, host.contextError(cx, error));
      }
    }],
  ];
  const interfaces = { __proto__: null, Crypto: cryptoMembers, SubtleCrypto: subtleMembers };
  function interfaceOf(cx, name) {
    const world = cx.cryptoWorld;
    if (world.interfaces[name] === undefined) world.interfaces[name] = host.makeWorldInterface(cx, name, { __proto__: null, members: interfaces[name] }, null);
    return world.interfaces[name];
  }
  host.makeCryptoInterface = function (cx, name) {
    if (interfaces[name] !== undefined) {
      host.installCrypto(cx);
      interfaceOf(cx, name);
    }
  };
  // Installs the module for the world of `cx`: its `crypto` and `crypto.subtle`.
  host.installCrypto = function (cx) {
    if (cx.cryptoWorld !== undefined) return;
    const world = { __proto__: null, interfaces: { __proto__: null }, crypto: undefined, subtle: undefined };
    cx.cryptoWorld = world;
    world.crypto = host.newObjectFrom(cx, interfaceOf(cx, 'Crypto').prototype);
    cryptos.add(world.crypto);
    world.subtle = host.newObjectFrom(cx, interfaceOf(cx, 'SubtleCrypto').prototype);
    subtles.add(world.subtle);
    // (A getter, as the global's other attributes.)
    const get = host.newFunction(cx, 'get crypto', 0, (data) => data.cryptoWorld.crypto, cx);
    cx.loader.defineGlobal('crypto', { __proto__: null, get, enumerable: true, configurable: true });
  };
});
