// exthost:needs primordials host
// exthost:globals ~TextEncoder:constructor:0 ~TextDecoder:constructor:0
// `TextEncoder` and `TextDecoder`, as the WHATWG Encoding Standard defines them, with each
// browser's errors (fixtures/conformance/web-encoding). Swift encodes and decodes (the `encoding`
// natives, BrowserModel's TextEncoding): UTF-8, UTF-16LE/BE, windows-1252 and x-user-defined. A
// decoder keeps, between calls of a stream, the bytes of a sequence not finished yet.
(function (host) {
  'use strict';
  const {
    TypeError, RangeError, String, ObjectCreate, ObjectPrototype, ReflectDefineProperty, SafeWeakMap, dataDescriptor, SymbolToStringTag,
    StringPrototypeCharCodeAt, StringPrototypeSlice,
  } = host.primordials;
  const FIREFOX = host.flavor === 'firefox';
  const native = host.native.encoding;
  const bytes = host.native.bytes;

  // ---- Errors, as each browser words them (js/00_host.js) -----------------------------------------------
  const { failed, newRequired, illegalInvocation, countError, dictionary } = host.webIDLErrors;

  const defineInterface = (constructor, name, members) => host.defineInterface(constructor, name, 0, members);

  // ---- TextEncoder ------------------------------------------------------------------------------------
  const encoders = new SafeWeakMap();
  function TextEncoder() {
    if (new.target === undefined) throw newRequired('TextEncoder');
    encoders.set(this, true);
  }
  const checkEncoder = (object, member) => {
    if (!encoders.has(object)) throw illegalInvocation('TextEncoder', member);
  };
  defineInterface(TextEncoder, 'TextEncoder', {
    get encoding() {
      checkEncoder(this, 'get encoding');
      return 'utf-8';
    },
    encode(input = '') {
      checkEncoder(this, 'encode');
      return native.encode(String(input));
    },
    encodeInto(...args) {
      checkEncoder(this, 'encodeInto');
      if (args.length < 2) throw countError('TextEncoder', 'encodeInto', 2, args.length);
      const source = String(args[0]);
      if (bytes.kind(args[1]) !== 'Uint8Array') {
        throw new TypeError(FIREFOX ? failed('TextEncoder', 'encodeInto', 'Argument 2 does not implement interface Uint8Array.')
          : failed('TextEncoder', 'encodeInto', "parameter 2 is not of type 'Uint8Array'."));
      }
      const counts = native.encodeInto(source, args[1]);
      return { read: counts[0], written: counts[1] };
    },
  });
  ReflectDefineProperty(TextEncoder.prototype.encodeInto, 'length', dataDescriptor(2, false, false, true));

  // ---- TextDecoder ------------------------------------------------------------------------------------
  // Each decoder's { encoding, fatal, ignoreBOM, pending (bytes, as code units 0 to 255), bomSeen, doNotFlush }.
  const decoders = new SafeWeakMap();
  function TextDecoder(label = 'utf-8', options = undefined) {
    if (new.target === undefined) throw newRequired('TextDecoder');
    label = String(label);
    const dict = dictionary(options, 'TextDecoder', 'constructor', 2, 'TextDecoderOptions');
    // (Dictionary members are read in name order.)
    const fatal = dict === undefined ? false : !!dict.fatal;
    const ignoreBOM = dict === undefined ? false : !!dict.ignoreBOM;
    const encoding = native.lookup(label);
    if (encoding === 'unsupported') {
      throw new RangeError(failed('TextDecoder', 'constructor', "The encoding '" + label + "' is one the browsers decode and exthost does not yet: it decodes UTF-8, UTF-16LE, UTF-16BE, windows-1252 and x-user-defined."));
    }
    if (encoding === undefined || encoding === 'replacement') {
      throw new RangeError(FIREFOX ? failed('TextDecoder', 'constructor', "The given encoding '" + label + "' is not supported.")
        : failed('TextDecoder', 'constructor', "The encoding label provided ('" + label + "') is invalid."));
    }
    decoders.set(this, { __proto__: null, encoding, fatal, ignoreBOM, pending: '', bomSeen: false, doNotFlush: false });
  }
  function decoderOf(object, member) {
    const state = decoders.get(object);
    if (state === undefined) throw illegalInvocation('TextDecoder', member);
    return state;
  }
  defineInterface(TextDecoder, 'TextDecoder', {
    get encoding() { return decoderOf(this, 'get encoding').encoding; },
    get fatal() { return decoderOf(this, 'get fatal').fatal; },
    get ignoreBOM() { return decoderOf(this, 'get ignoreBOM').ignoreBOM; },
    decode(input = undefined, options = undefined) {
      const state = decoderOf(this, 'decode');
      if (input !== undefined && bytes.kind(input) === undefined) {
        throw new TypeError(FIREFOX ? failed('TextDecoder', 'decode', 'Argument 1 could not be converted to any of: ArrayBufferView, ArrayBuffer.')
          : failed('TextDecoder', 'decode', "parameter 1 is not of type 'ArrayBuffer'."));
      }
      const dict = dictionary(options, 'TextDecoder', 'decode', 2, 'TextDecodeOptions');
      const stream = dict === undefined ? false : !!dict.stream;
      if (!state.doNotFlush) {
        state.pending = '';
        state.bomSeen = false;
      }
      state.doNotFlush = stream;
      const result = native.decode(state.encoding, state.pending, input, !stream, state.fatal);
      if (result === null) {
        state.pending = '';
        state.doNotFlush = false;
        throw new TypeError(FIREFOX ? failed('TextDecoder', 'decode', 'Decoding failed.')
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
    },
  });
});
