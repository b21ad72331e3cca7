// exthost:realm host
// exthost:needs primordials api
// exthost:globals atob:function:1 btoa:function:1
// `atob` and `btoa`, as HTML defines them: the forgiving base64 decode (ASCII whitespace ignored,
// one or two `=` at the end of a length that is a multiple of four, anything else an
// InvalidCharacterError) and base64 of a string of code units up to U+00FF; each browser's texts.
// Runs in the host's realm: a world's `atob` and `btoa` call one implementation for every world
// (`host.installBase64`).
(function (host) {
  'use strict';
  const { String, StringPrototypeCharCodeAt, StringFromCodePoint, ArrayPrototypeJoin, listPush } = host.primordials;
  const FIREFOX = host.flavor === 'firefox';
  // (Chromium names the global's interface: a service worker's is WorkerGlobalScope.)
  const globalInterface = (cx) => (cx.info.isServiceWorker ? 'WorkerGlobalScope' : 'Window');

  function fail(cx, member, text) {
    return host.newDOMException(cx, FIREFOX ? 'String contains an invalid character' : "Failed to execute '" + member + "' on '" + globalInterface(cx) + "': " + text,
      'InvalidCharacterError');
  }
  function requireArgument(cx, count, member) {
    if (count >= 1) return;
    throw host.newTypeError(cx, FIREFOX
      ? 'Window.' + member + ': At least 1 argument required, but only 0 passed'
      : "Failed to execute '" + member + "' on '" + globalInterface(cx) + "': 1 argument required, but only 0 present.");
  }

  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  // The value of each base64 character code, -1 for the others.
  const values = [];
  for (let code = 0; code < 128; code++) listPush(values, -1);
  for (let i = 0; i < 64; i++) values[StringPrototypeCharCodeAt(alphabet, i)] = i;
  const join = (parts) => ArrayPrototypeJoin(parts, '');

  function atob(cx, thisValue, ...args) {
    requireArgument(cx, args.length, 'atob');
    const input = String(args[0]);
    // Without ASCII whitespace (tab, line feed, form feed, carriage return, space).
    const codes = [];
    for (let i = 0; i < input.length; i++) {
      const code = StringPrototypeCharCodeAt(input, i);
      if (code === 0x09 || code === 0x0A || code === 0x0C || code === 0x0D || code === 0x20) continue;
      listPush(codes, code);
    }
    let length = codes.length;
    if (length % 4 === 0 && length > 0 && codes[length - 1] === 0x3D) {
      length--;
      if (codes[length - 1] === 0x3D) length--;
    }
    if (length % 4 === 1) throw fail(cx, 'atob', 'The string to be decoded is not correctly encoded.');
    const output = [];
    let buffer = 0;
    let bits = 0;
    for (let i = 0; i < length; i++) {
      const code = codes[i];
      const value = code < 128 ? values[code] : -1;
      if (value < 0) throw fail(cx, 'atob', 'The string to be decoded is not correctly encoded.');
      buffer = (buffer << 6) | value;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        listPush(output, StringFromCodePoint((buffer >> bits) & 0xFF));
      }
    }
    return join(output);
  }

  function btoa(cx, thisValue, ...args) {
    requireArgument(cx, args.length, 'btoa');
    const input = String(args[0]);
    const output = [];
    for (let i = 0; i < input.length; i += 3) {
      const a = StringPrototypeCharCodeAt(input, i);
      const b = i + 1 < input.length ? StringPrototypeCharCodeAt(input, i + 1) : 0;
      const c = i + 2 < input.length ? StringPrototypeCharCodeAt(input, i + 2) : 0;
      if (a > 0xFF || b > 0xFF || c > 0xFF) throw fail(cx, 'btoa', 'The string to be encoded contains characters outside of the Latin1 range.');
      const triple = (a << 16) | (b << 8) | c;
      listPush(output, alphabet[(triple >> 18) & 63]);
      listPush(output, alphabet[(triple >> 12) & 63]);
      listPush(output, i + 1 < input.length ? alphabet[(triple >> 6) & 63] : '=');
      listPush(output, i + 2 < input.length ? alphabet[triple & 63] : '=');
    }
    return join(output);
  }

  host.installBase64 = function (cx) {
    if (cx.loader.implementations.atob !== undefined) return;
    cx.loader.implementations.atob = host.newFunction(cx, 'atob', 1, atob, cx);
    cx.loader.implementations.btoa = host.newFunction(cx, 'btoa', 1, btoa, cx);
  };
});
