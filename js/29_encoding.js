// exthost:realm host
// exthost:needs primordials api
// exthost:globals ~TextEncoder:constructor:0 ~TextDecoder:constructor:0
// `TextEncoder` and `TextDecoder`, as the WHATWG Encoding Standard defines them, with each
// browser's errors (fixtures/conformance/web-encoding). Swift encodes and decodes (the world's
// `encoding` natives, BrowserModel's TextEncoding, which make their arrays in the world): UTF-8,
// UTF-16LE/BE, windows-1252 and x-user-defined. A decoder keeps, between calls of a stream, the
// bytes of a sequence not finished yet. Runs in the host's realm, for a world on the first touch
// of either global, each interface made on first need, its members one implementation for every world.
(function (host) {
  'use strict';
  const { String, SafeWeakMap, StringPrototypeCharCodeAt, StringPrototypeSlice } = host.primordials;
  const FIREFOX = host.flavor === 'firefox';
  const { failed, illegalInvocation, countError, dictionary } = host.webIDLErrors;
  const isObject = (value) => value !== null && (typeof value === 'object' || typeof value === 'function');
  const newInstance = (cx, newTarget, name) => host.newInstance(cx, newTarget, interfaceOf(cx, name).prototype);

  // ---- TextEncoder ------------------------------------------------------------------------------------
  const encoders = new SafeWeakMap();
  const checkEncoder = (cx, object, member) => {
    if (!isObject(object) || !encoders.has(object)) throw illegalInvocation(cx, 'TextEncoder', member);
  };
  const encoderMembers = [
    ['get', 'encoding', (cx, thisValue) => {
      checkEncoder(cx, thisValue, 'get encoding');
      return 'utf-8';
    }],
    ['method', 'encode', 0, (cx, thisValue, input) => {
      checkEncoder(cx, thisValue, 'encode');
      return cx.loader.native.encoding.encode(input === undefined ? '' : String(input));
    }],
    ['method', 'encodeInto', 2, (cx, thisValue, ...args) => {
      checkEncoder(cx, thisValue, 'encodeInto');
      if (args.length < 2) throw countError(cx, 'TextEncoder', 'encodeInto', 2, args.length);
      const source = String(args[0]);
      if (cx.loader.native.bytes.kind(args[1]) !== 'Uint8Array') {
        throw host.newTypeError(cx, FIREFOX ? failed('TextEncoder', 'encodeInto', 'Argument 2 does not implement interface Uint8Array.')
          : failed('TextEncoder', 'encodeInto', "parameter 2 is not of type 'Uint8Array'."));
      }
      const counts = cx.loader.native.encoding.encodeInto(source, args[1]);
      const result = host.newObject(cx);
      host.defineValue(result, 'read', counts[0], true, true, true);
      host.defineValue(result, 'written', counts[1], true, true, true);
      return result;
    }],
  ];

  // ---- TextDecoder ------------------------------------------------------------------------------------
  // Each decoder's { encoding, fatal, ignoreBOM, pending (bytes, as code units 0 to 255), bomSeen, doNotFlush }.
  const decoders = new SafeWeakMap();
  const constructDecoder = (cx, thisValue, newTarget, ...args) => {
    const label = args[0] === undefined ? 'utf-8' : String(args[0]);
    const dict = dictionary(cx, args[1], 'TextDecoder', 'constructor', 2, 'TextDecoderOptions');
    // (Dictionary members are read in name order.)
    const fatal = dict === undefined ? false : !!dict.fatal;
    const ignoreBOM = dict === undefined ? false : !!dict.ignoreBOM;
    const encoding = cx.loader.native.encoding.lookup(label);
    if (encoding === 'unsupported') {
      throw new cx.b.RangeError(failed('TextDecoder', 'constructor', "The encoding '" + label + "' is one the browsers decode and exthost does not yet: it decodes UTF-8, UTF-16LE, UTF-16BE, windows-1252 and x-user-defined."));
    }
    if (encoding === undefined || encoding === 'replacement') {
      throw new cx.b.RangeError(FIREFOX ? failed('TextDecoder', 'constructor', "The given encoding '" + label + "' is not supported.")
        : failed('TextDecoder', 'constructor', "The encoding label provided ('" + label + "') is invalid."));
    }
    const decoder = newInstance(cx, newTarget, 'TextDecoder');
    decoders.set(decoder, { __proto__: null, encoding, fatal, ignoreBOM, pending: '', bomSeen: false, doNotFlush: false });
    return decoder;
  };
  function decoderOf(cx, object, member) {
    const state = isObject(object) ? decoders.get(object) : undefined;
    if (state === undefined) throw illegalInvocation(cx, 'TextDecoder', member);
    return state;
  }
  const decoderMembers = [
    ['get', 'encoding', (cx, thisValue) => decoderOf(cx, thisValue, 'get encoding').encoding],
    ['get', 'fatal', (cx, thisValue) => decoderOf(cx, thisValue, 'get fatal').fatal],
    ['get', 'ignoreBOM', (cx, thisValue) => decoderOf(cx, thisValue, 'get ignoreBOM').ignoreBOM],
    ['method', 'decode', 0, (cx, thisValue, input, options) => {
      const state = decoderOf(cx, thisValue, 'decode');
      if (input !== undefined && cx.loader.native.bytes.kind(input) === undefined) {
        throw host.newTypeError(cx, FIREFOX ? failed('TextDecoder', 'decode', 'Argument 1 could not be converted to any of: ArrayBufferView, ArrayBuffer.')
          : failed('TextDecoder', 'decode', "parameter 1 is not of type 'ArrayBuffer'."));
      }
      const dict = dictionary(cx, options, 'TextDecoder', 'decode', 2, 'TextDecodeOptions');
      const stream = dict === undefined ? false : !!dict.stream;
      if (!state.doNotFlush) {
        state.pending = '';
        state.bomSeen = false;
      }
      state.doNotFlush = stream;
      const result = cx.loader.native.encoding.decode(state.encoding, state.pending, input, !stream, state.fatal);
      if (result === null) {
        state.pending = '';
        state.doNotFlush = false;
        throw host.newTypeError(cx, FIREFOX ? failed('TextDecoder', 'decode', 'Decoding failed.')
          : failed('TextDecoder', 'decode', 'The encoded data was not valid.'));
      }
      state.pending = result[1];
      let text = result[0];
      const sniffs = state.encoding === 'utf-8' || state.encoding === 'utf-16le' || state.encoding === 'utf-16be';
      if (sniffs && !state.ignoreBOM && !state.bomSeen && text.length > 0) {
        state.bomSeen = true;
        if (StringPrototypeCharCodeAt(text, 0) === 0xFEFF) text = StringPrototypeSlice(text, 1);
      }
      return text;
    }],
  ];

  // ---- The interfaces ------------------------------------------------------------------------------
  const interfaces = {
    __proto__: null,
    TextEncoder: {
      construct: (cx, thisValue, newTarget) => {
        const encoder = newInstance(cx, newTarget, 'TextEncoder');
        encoders.set(encoder, true);
        return encoder;
      },
      members: encoderMembers,
    },
    TextDecoder: { construct: constructDecoder, members: decoderMembers },
  };
  function interfaceOf(cx, name) {
    let world = cx.encodingWorld;
    if (world === undefined) {
      world = { __proto__: null };
      cx.encodingWorld = world;
    }
    if (world[name] === undefined) world[name] = host.makeWorldInterface(cx, name, interfaces[name], null);
    return world[name];
  }
  host.makeEncodingInterface = function (cx, name) {
    if (interfaces[name] !== undefined) interfaceOf(cx, name);
  };
  // (A world needs nothing of this module before its first interface.)
  host.installEncoding = function () {};
});
