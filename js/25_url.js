// exthost:realm host
// exthost:needs primordials api
// exthost:globals ~URL:constructor:1 ~URLSearchParams:constructor:0
// `URL` and `URLSearchParams`, as the WHATWG URL Standard defines them. Swift parses (url.parse,
// url.set over BrowserModel's WebURL, setters included); this file keeps each URL's parts, its
// live `searchParams`, and implements the application/x-www-form-urlencoded parser and serializer.
//
// Runs in the host's realm, for a world on the first touch of `URL` or `URLSearchParams`
// (`host.installURL`), each interface made on first need (`host.makeURLInterface`), its members
// one implementation for every world (js/31_events.js's way); what a member returns that is an
// object (a list, an iterator's result, a URL) is made in the world.
(function (host) {
  'use strict';
  const {
    String, ReflectApply, ReflectOwnKeys, ReflectGetOwnPropertyDescriptor, listCopy,
    StringFromCodePoint, StringPrototypeCharCodeAt, StringPrototypeCodePointAt, StringPrototypeSlice,
    StringPrototypeIndexOf, StringPrototypeToUpperCase, StringPrototypeToWellFormed, NumberPrototypeToString,
    ArrayPrototypeSort, SafeMap, SafeWeakMap, SymbolIterator, encodeURIComponent, listPush,
    nullCopy,
  } = host.primordials;
  const FIREFOX = host.flavor === 'firefox';
  const isObject = (value) => value !== null && (typeof value === 'object' || typeof value === 'function');

  // ---- Errors, as each browser words them ---------------------------------------------------------
  // `kind` is 'method', 'getter', 'setter' or 'constructor'.
  function prefix(interfaceName, member, kind) {
    if (FIREFOX) {
      if (kind === 'constructor') return interfaceName + ' constructor: ';
      if (kind === 'getter') return interfaceName + '.' + member + ' getter: ';
      if (kind === 'setter') return interfaceName + '.' + member + ' setter: ';
      return interfaceName + '.' + member + ': ';
    }
    if (kind === 'constructor') return "Failed to construct '" + interfaceName + "': ";
    if (kind === 'setter') return "Failed to set the '" + member + "' property on '" + interfaceName + "': ";
    return "Failed to execute '" + member + "' on '" + interfaceName + "': ";
  }
  function requireArguments(cx, count, required, interfaceName, member, kind) {
    if (count >= required) return;
    const plural = required === 1 ? ' argument' : ' arguments';
    throw host.newTypeError(cx, prefix(interfaceName, member, kind) + (FIREFOX
      ? 'At least ' + required + plural + ' required, but only ' + count + ' passed'
      : required + plural + ' required, but only ' + count + ' present.'));
  }
  function illegalInvocation(cx, interfaceName, member, kind) {
    if (!FIREFOX) return host.newTypeError(cx, 'Illegal invocation');
    const name = kind === 'getter' ? 'get ' + member : kind === 'setter' ? 'set ' + member : member;
    return host.newTypeError(cx, "'" + name + "' called on an object that does not implement interface " + interfaceName + '.');
  }

  // ---- WebIDL conversions ------------------------------------------------------------------------
  // USVString: ToString (which throws on a Symbol), lone surrogates replaced by U+FFFD.
  function usv(value) {
    const text = `${value}`;
    if (StringPrototypeToWellFormed) return StringPrototypeToWellFormed(text);
    let out = '';
    for (let i = 0; i < text.length; i++) {
      const code = StringPrototypeCharCodeAt(text, i);
      if (code >= 0xD800 && code <= 0xDBFF && i + 1 < text.length) {
        const next = StringPrototypeCharCodeAt(text, i + 1);
        if (next >= 0xDC00 && next <= 0xDFFF) { out += text[i] + text[i + 1]; i++; continue; }
      }
      out += code >= 0xD800 && code <= 0xDFFF ? '\uFFFD' : text[i];
    }
    return out;
  }

  // ---- application/x-www-form-urlencoded ----------------------------------------------------------
  // UTF-8 decode (replacing invalid sequences with U+FFFD as the Encoding Standard does) of bytes.
  function utf8Decode(bytes) {
    const codePoints = [];
    let codePoint = 0, needed = 0, seen = 0, lower = 0x80, upper = 0xBF;
    for (let i = 0; i < bytes.length; i++) {
      const byte = bytes[i];
      if (needed === 0) {
        if (byte <= 0x7F) listPush(codePoints, byte);
        else if (byte >= 0xC2 && byte <= 0xDF) { needed = 1; codePoint = byte & 0x1F; }
        else if (byte >= 0xE0 && byte <= 0xEF) {
          if (byte === 0xE0) lower = 0xA0;
          if (byte === 0xED) upper = 0x9F;
          needed = 2;
          codePoint = byte & 0xF;
        } else if (byte >= 0xF0 && byte <= 0xF4) {
          if (byte === 0xF0) lower = 0x90;
          if (byte === 0xF4) upper = 0x8F;
          needed = 3;
          codePoint = byte & 0x7;
        } else listPush(codePoints, 0xFFFD);
        continue;
      }
      if (byte < lower || byte > upper) {
        // The byte is not part of the sequence: the sequence so far becomes U+FFFD, and the byte is read again.
        codePoint = needed = seen = 0;
        lower = 0x80;
        upper = 0xBF;
        listPush(codePoints, 0xFFFD);
        i--;
        continue;
      }
      lower = 0x80;
      upper = 0xBF;
      codePoint = (codePoint << 6) | (byte & 0x3F);
      if (++seen === needed) {
        listPush(codePoints, codePoint);
        codePoint = needed = seen = 0;
      }
    }
    if (needed !== 0) listPush(codePoints, 0xFFFD);
    let text = '';
    for (let i = 0; i < codePoints.length; i += 4096) {
      const end = i + 4096 < codePoints.length ? i + 4096 : codePoints.length;
      const chunk = [];
      for (let j = i; j < end; j++) listPush(chunk, codePoints[j]);
      text += ReflectApply(StringFromCodePoint, null, chunk);
    }
    return text;
  }

  const hexValue = (code) => (code >= 0x30 && code <= 0x39 ? code - 0x30
    : code >= 0x41 && code <= 0x46 ? code - 0x37 : code >= 0x61 && code <= 0x66 ? code - 0x57 : -1);

  // `+` becomes a space, then percent-decoding of the UTF-8 bytes, then UTF-8 decoding (a BOM is kept).
  function decodeComponent(text) {
    let spaced = '';
    let from = 0;
    for (let at = StringPrototypeIndexOf(text, '+'); at !== -1; at = StringPrototypeIndexOf(text, '+', from)) {
      spaced += StringPrototypeSlice(text, from, at) + ' ';
      from = at + 1;
    }
    text = from === 0 ? text : spaced + StringPrototypeSlice(text, from);
    if (StringPrototypeIndexOf(text, '%') === -1) return text;
    const bytes = [];
    for (let i = 0; i < text.length; i++) {
      const code = StringPrototypeCodePointAt(text, i);
      if (code === 0x25 && i + 2 < text.length) {
        const high = hexValue(StringPrototypeCharCodeAt(text, i + 1));
        const low = hexValue(StringPrototypeCharCodeAt(text, i + 2));
        if (high >= 0 && low >= 0) {
          listPush(bytes, high * 16 + low);
          i += 2;
          continue;
        }
      }
      if (code < 0x80) listPush(bytes, code);
      else if (code < 0x800) { listPush(bytes, 0xC0 | (code >> 6)); listPush(bytes, 0x80 | (code & 0x3F)); }
      else if (code < 0x10000) { listPush(bytes, 0xE0 | (code >> 12)); listPush(bytes, 0x80 | ((code >> 6) & 0x3F)); listPush(bytes, 0x80 | (code & 0x3F)); }
      else {
        listPush(bytes, 0xF0 | (code >> 18));
        listPush(bytes, 0x80 | ((code >> 12) & 0x3F));
        listPush(bytes, 0x80 | ((code >> 6) & 0x3F));
        listPush(bytes, 0x80 | (code & 0x3F));
        i++;
      }
    }
    return utf8Decode(bytes);
  }

  // The application/x-www-form-urlencoded parser: a list of [name, value] pairs.
  function parseURLEncoded(input) {
    const list = [];
    let from = 0;
    while (from <= input.length) {
      let end = StringPrototypeIndexOf(input, '&', from);
      if (end === -1) end = input.length;
      const sequence = StringPrototypeSlice(input, from, end);
      from = end + 1;
      if (sequence === '') continue;
      const equals = StringPrototypeIndexOf(sequence, '=');
      const name = equals >= 0 ? StringPrototypeSlice(sequence, 0, equals) : sequence;
      const value = equals >= 0 ? StringPrototypeSlice(sequence, equals + 1) : '';
      listPush(list, [decodeComponent(name), decodeComponent(value)]);
    }
    return list;
  }

  // The application/x-www-form-urlencoded serializer: only ASCII alphanumerics and *-._ are kept;
  // a space becomes '+'; everything else is percent-encoded as UTF-8.
  function encodeComponent(text) {
    const encoded = encodeURIComponent(text);
    let out = '';
    for (let i = 0; i < encoded.length; i++) {
      const c = encoded[i];
      if (c === '%' && i + 2 < encoded.length && encoded[i + 1] === '2' && encoded[i + 2] === '0') { out += '+'; i += 2; }
      else if (c === '!' || c === "'" || c === '(' || c === ')' || c === '~') {
        out += '%' + StringPrototypeToUpperCase(NumberPrototypeToString(StringPrototypeCharCodeAt(c, 0), 16));
      } else out += c;
    }
    return out;
  }
  function serializeURLEncoded(list) {
    let output = '';
    for (let i = 0; i < list.length; i++) {
      if (i > 0) output += '&';
      output += encodeComponent(list[i][0]) + '=' + encodeComponent(list[i][1]);
    }
    return output;
  }


  // The elements of `list` for which `keep(element, index)` is true, in a new array.
  function filterList(list, keep) {
    const kept = [];
    for (let i = 0; i < list.length; i++) if (keep(list[i], i)) listPush(kept, list[i]);
    return kept;
  }

  // ---- URLSearchParams ---------------------------------------------------------------------------
  // Each object's { cx, list: [[name, value]], url: the URL object it belongs to, or null }, and
  // each URL object's { cx, parts: what Swift answers (href, origin, protocol, ...), query: its
  // URLSearchParams } (of any world).
  const paramsState = new SafeWeakMap();
  const urlState = new SafeWeakMap();

  function paramsOf(cx, object, member, kind) {
    const state = isObject(object) ? paramsState.get(object) : undefined;
    if (!state) throw illegalInvocation(cx, 'URLSearchParams', member, kind);
    return state;
  }

  // The standard's "update": the URL object's query follows the list ('' makes it null).
  function update(cx, state) {
    if (!state.url) return;
    const url = urlState.get(state.url);
    const parts = host.call(cx, 'url.set', [url.parts.href, 'search', serializeURLEncoded(state.list)]);
    if (parts) url.parts = nullCopy(parts);
  }

  // Calls `each(value)` for each value of the iterator `method` gives for `iterable` (`next` read
  // once), as for…of does: when `each` throws, the iterator's `return` is called, then the error
  // goes on.
  function iterate(iterable, method, each) {
    const iterator = ReflectApply(method, iterable, []);
    const next = iterator.next;
    for (let step = ReflectApply(next, iterator, []); !step.done; step = ReflectApply(next, iterator, [])) {
      try {
        each(step.value);
      } catch (error) {
        try {
          const close = iterator.return;
          if (typeof close === 'function') ReflectApply(close, iterator, []);
        } catch (ignored) {
          // (The first error is the one thrown.)
        }
        throw error;
      }
    }
  }

  // The list of pairs for `new URLSearchParams(init)`: a sequence of pairs, a record, or a string.
  function initialList(cx, init) {
    if (!isObject(init)) {
      const text = usv(init);
      return parseURLEncoded(StringPrototypeCharCodeAt(text, 0) === 0x3F ? StringPrototypeSlice(text, 1) : text);
    }
    const constructorError = (message) => host.newTypeError(cx, prefix('URLSearchParams', '', 'constructor') + message);
    const iteratorMethod = init[SymbolIterator];
    if (iteratorMethod !== undefined && iteratorMethod !== null) {
      if (typeof iteratorMethod !== 'function') {
        throw constructorError(FIREFOX ? "Symbol.iterator getter didn't return a callable" : 'The object must have a callable @@iterator property.');
      }
      const list = [];
      // (As for…of over the script's own iterable did: its @@iterator and each pair's read once,
      // each pair converted as it comes, and the iterator closed when a conversion throws.)
      iterate(init, iteratorMethod, (pair) => {
        const pairIterator = isObject(pair) ? pair[SymbolIterator] : undefined;
        if (typeof pairIterator !== 'function') {
          throw constructorError(FIREFOX
            ? 'Element of sequence<sequence<USVString>> branch of (sequence<sequence<USVString>> or record<USVString, USVString> or USVString) is not an object.'
            : 'The provided value cannot be converted to a sequence.');
        }
        const items = [];
        iterate(pair, pairIterator, (item) => listPush(items, usv(item)));
        if (items.length !== 2) {
          throw constructorError(FIREFOX ? 'Expected 2 items in pair but got ' + items.length : 'Sequence initializer must only contain pair elements');
        }
        listPush(list, items);
      });
      return list;
    }
    // A record: each own enumerable property, in order; keys that convert to the same string keep
    // the first one's place and the last one's value.
    const list = [];
    const index = new SafeMap();
    const keys = ReflectOwnKeys(init);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      const descriptor = ReflectGetOwnPropertyDescriptor(init, key);
      if (descriptor === undefined || !descriptor.enumerable) continue;
      const name = usv(key);
      const value = usv(init[key]);
      if (index.has(name)) list[index.get(name)][1] = value;
      else {
        index.set(name, list.length);
        listPush(list, [name, value]);
      }
    }
    return list;
  }
  // A new object of the interface `name` of the world, or of a subclass's prototype (`newTarget`'s).
  const newInstance = (cx, newTarget, name) => host.newInstance(cx, newTarget, interfaceOf(cx, name).prototype);
  const constructParams = (cx, thisValue, newTarget, ...args) => {
    const list = initialList(cx, args.length === 0 || args[0] === undefined ? '' : args[0]);
    const params = newInstance(cx, newTarget, 'URLSearchParams');
    paramsState.set(params, { __proto__: null, cx, list, url: null });
    return params;
  };
  // A URL object's own query object.
  function queryObjectFor(cx, url, query) {
    const params = host.newObjectFrom(cx, interfaceOf(cx, 'URLSearchParams').prototype);
    paramsState.set(params, { __proto__: null, cx, list: parseURLEncoded(query), url });
    return params;
  }

  // The default iterators of URLSearchParams: live over the list, as WebIDL's pair iterators are.
  const iteratorState = new SafeWeakMap();
  function makeIterator(cx, target, kind) {
    const iterator = host.newObjectFrom(cx, interfaceOf(cx, 'URLSearchParams Iterator').prototype);
    iteratorState.set(iterator, { __proto__: null, target, kind, index: 0 });
    return iterator;
  }
  const result = host.newIteratorResult;
  const iteratorMembers = [
    ['method', 'next', 0, (cx, thisValue) => {
      const state = isObject(thisValue) ? iteratorState.get(thisValue) : undefined;
      if (!state) throw illegalInvocation(cx, 'URLSearchParams Iterator', 'next', 'method');
      const list = paramsState.get(state.target).list;
      if (state.index >= list.length) return result(cx, undefined, true);
      const pair = list[state.index++];
      return result(cx, state.kind === 'key' ? pair[0] : state.kind === 'value' ? pair[1] : host.newArray(cx, [pair[0], pair[1]]), false);
    }],
  ];

  const paramsMembers = [
    ['get', 'size', (cx, thisValue) => paramsOf(cx, thisValue, 'size', 'getter').list.length],
    ['method', 'append', 2, (cx, thisValue, ...args) => {
      const state = paramsOf(cx, thisValue, 'append', 'method');
      requireArguments(cx, args.length, 2, 'URLSearchParams', 'append', 'method');
      listPush(state.list, [usv(args[0]), usv(args[1])]);
      update(cx, state);
    }],
    ['method', 'delete', 1, (cx, thisValue, ...args) => {
      const state = paramsOf(cx, thisValue, 'delete', 'method');
      requireArguments(cx, args.length, 1, 'URLSearchParams', 'delete', 'method');
      const name = usv(args[0]);
      const value = args[1] === undefined ? undefined : usv(args[1]);
      state.list = filterList(state.list, (pair) => pair[0] !== name || (value !== undefined && pair[1] !== value));
      update(cx, state);
    }],
    ['method', 'get', 1, (cx, thisValue, ...args) => {
      const state = paramsOf(cx, thisValue, 'get', 'method');
      requireArguments(cx, args.length, 1, 'URLSearchParams', 'get', 'method');
      const name = usv(args[0]);
      for (let i = 0; i < state.list.length; i++) if (state.list[i][0] === name) return state.list[i][1];
      return null;
    }],
    ['method', 'getAll', 1, (cx, thisValue, ...args) => {
      const state = paramsOf(cx, thisValue, 'getAll', 'method');
      requireArguments(cx, args.length, 1, 'URLSearchParams', 'getAll', 'method');
      const name = usv(args[0]);
      const values = [];
      for (let i = 0; i < state.list.length; i++) if (state.list[i][0] === name) listPush(values, state.list[i][1]);
      return host.newArray(cx, values);
    }],
    ['method', 'has', 1, (cx, thisValue, ...args) => {
      const state = paramsOf(cx, thisValue, 'has', 'method');
      requireArguments(cx, args.length, 1, 'URLSearchParams', 'has', 'method');
      const name = usv(args[0]);
      const value = args[1] === undefined ? undefined : usv(args[1]);
      for (let i = 0; i < state.list.length; i++) {
        const pair = state.list[i];
        if (pair[0] === name && (value === undefined || pair[1] === value)) return true;
      }
      return false;
    }],
    ['method', 'set', 2, (cx, thisValue, ...args) => {
      const state = paramsOf(cx, thisValue, 'set', 'method');
      requireArguments(cx, args.length, 2, 'URLSearchParams', 'set', 'method');
      const name = usv(args[0]);
      const value = usv(args[1]);
      let first = -1;
      for (let i = 0; i < state.list.length; i++) if (state.list[i][0] === name) { first = i; break; }
      if (first < 0) listPush(state.list, [name, value]);
      else {
        state.list[first] = [name, value];
        state.list = filterList(state.list, (pair, index) => index <= first || pair[0] !== name);
      }
      update(cx, state);
    }],
    ['method', 'sort', 0, (cx, thisValue) => {
      const state = paramsOf(cx, thisValue, 'sort', 'method');
      // Array.prototype.sort is stable, and `<` compares strings by UTF-16 code units.
      ArrayPrototypeSort(state.list, (a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      update(cx, state);
    }],
    ['method', 'forEach', 1, (cx, thisValue, ...args) => {
      const state = paramsOf(cx, thisValue, 'forEach', 'method');
      requireArguments(cx, args.length, 1, 'URLSearchParams', 'forEach', 'method');
      const callback = args[0];
      if (typeof callback !== 'function') {
        throw host.newTypeError(cx, prefix('URLSearchParams', 'forEach', 'method') + (FIREFOX
          ? 'Argument 1 is not callable.' : 'The callback provided as parameter 1 is not a function.'));
      }
      for (let i = 0; i < state.list.length; i++) {
        const pair = state.list[i];
        ReflectApply(callback, args[1], [pair[1], pair[0], thisValue]);
      }
    }],
    ['method', 'entries', 0, (cx, thisValue) => {
      paramsOf(cx, thisValue, 'entries', 'method');
      return makeIterator(cx, thisValue, 'key+value');
    }],
    ['method', 'keys', 0, (cx, thisValue) => {
      paramsOf(cx, thisValue, 'keys', 'method');
      return makeIterator(cx, thisValue, 'key');
    }],
    ['method', 'values', 0, (cx, thisValue) => {
      paramsOf(cx, thisValue, 'values', 'method');
      return makeIterator(cx, thisValue, 'value');
    }],
    ['method', 'toString', 0, (cx, thisValue) => serializeURLEncoded(paramsOf(cx, thisValue, 'toString', 'method').list)],
    ['alias', SymbolIterator, 'entries'],
  ];

  // ---- URL ---------------------------------------------------------------------------------------
  function urlOf(cx, object, member, kind) {
    const state = isObject(object) ? urlState.get(object) : undefined;
    if (!state) throw illegalInvocation(cx, 'URL', member, kind);
    return state;
  }
  // The parts of `url` against `base` (both USVStrings; base may be undefined), or null.
  function parse(cx, url, base) {
    const parts = host.call(cx, 'url.parse', base === undefined ? [url] : [url, base]);
    return parts === null || typeof parts !== 'object' ? parts : nullCopy(parts);
  }
  const queryOf = (parts) => (parts.search === '' ? '' : StringPrototypeSlice(parts.search, 1));

  // A new URL object of the world for `args` (url, base), as `new URL(...args)` makes it.
  function newURL(cx, newTarget, args) {
    requireArguments(cx, args.length, 1, 'URL', '', 'constructor');
    const url = usv(args[0]);
    const base = args[1] === undefined ? undefined : usv(args[1]);
    const parts = parse(cx, url, base);
    if (parts === null) {
      let message;
      if (FIREFOX) message = (base !== undefined && parse(cx, base) === null ? base : url) + ' is not a valid URL.';
      else message = base !== undefined && parse(cx, base) === null ? 'Invalid base URL' : 'Invalid URL';
      throw host.newTypeError(cx, prefix('URL', '', 'constructor') + message);
    }
    const object = newInstance(cx, newTarget, 'URL');
    const state = { __proto__: null, cx, parts, query: null };
    urlState.set(object, state);
    state.query = queryObjectFor(cx, object, queryOf(parts));
    return object;
  }
  const constructURL = (cx, thisValue, newTarget, ...args) => newURL(cx, newTarget, args);

  // A setter other than href's: Swift applies the standard's setter to the URL's href.
  function setPart(cx, object, name, value) {
    const state = urlOf(cx, object, name, 'setter');
    const text = usv(value);
    const parts = host.call(cx, 'url.set', [state.parts.href, name, text]);
    if (parts) state.parts = nullCopy(parts);
    return text;
  }
  const part = (name) => (cx, thisValue) => urlOf(cx, thisValue, name, 'getter').parts[name];
  const partSetter = (name) => (cx, thisValue, value) => { setPart(cx, thisValue, name, value); };
  const urlStatics = [
    ['method', 'parse', 1, (cx, thisValue, ...args) => {
      requireArguments(cx, args.length, 1, 'URL', 'parse', 'method');
      const url = usv(args[0]);
      const base = args[1] === undefined ? undefined : usv(args[1]);
      if (parse(cx, url, base) === null) return null;
      return newURL(cx, undefined, base === undefined ? [url] : [url, base]);
    }],
    ['method', 'canParse', 1, (cx, thisValue, ...args) => {
      requireArguments(cx, args.length, 1, 'URL', 'canParse', 'method');
      const url = usv(args[0]);
      const base = args[1] === undefined ? undefined : usv(args[1]);
      return parse(cx, url, base) !== null;
    }],
  ];
  // Object URLs of Blobs (js/37_blob.js): in windows, not in a service worker.
  const blobModule = (cx) => {
    if (cx.blobWorld === undefined) cx.loader.load('blob');
    return host;
  };
  const objectURLStatics = [
    ['method', 'createObjectURL', 1, (cx, thisValue, ...args) => {
      requireArguments(cx, args.length, 1, 'URL', 'createObjectURL', 'method');
      return blobModule(cx).createObjectURL(cx, args[0]);
    }],
    ['method', 'revokeObjectURL', 1, (cx, thisValue, ...args) => {
      requireArguments(cx, args.length, 1, 'URL', 'revokeObjectURL', 'method');
      blobModule(cx).revokeObjectURL(cx, usv(args[0]));
    }],
  ];
  const urlMembers = [
    ['method', 'toString', 0, (cx, thisValue) => urlOf(cx, thisValue, 'toString', 'method').parts.href],
    ['accessor', 'href', part('href'), (cx, thisValue, value) => {
      const state = urlOf(cx, thisValue, 'href', 'setter');
      const text = usv(value);
      const parts = parse(cx, text);
      if (parts === null) throw host.newTypeError(cx, prefix('URL', 'href', 'setter') + (FIREFOX ? text + ' is not a valid URL.' : 'Invalid URL'));
      state.parts = parts;
      paramsState.get(state.query).list = parseURLEncoded(queryOf(parts));
    }],
    ['get', 'origin', part('origin')],
    ['accessor', 'protocol', part('protocol'), partSetter('protocol')],
    ['accessor', 'username', part('username'), partSetter('username')],
    ['accessor', 'password', part('password'), partSetter('password')],
    ['accessor', 'host', part('host'), partSetter('host')],
    ['accessor', 'hostname', part('hostname'), partSetter('hostname')],
    ['accessor', 'port', part('port'), partSetter('port')],
    ['accessor', 'pathname', part('pathname'), partSetter('pathname')],
    ['accessor', 'search', part('search'), (cx, thisValue, value) => {
      const text = setPart(cx, thisValue, 'search', value);
      // The query object's list is the value parsed (not the URL's encoded query), or empty.
      const state = urlState.get(thisValue);
      paramsState.get(state.query).list = text === '' ? [] : parseURLEncoded(StringPrototypeCharCodeAt(text, 0) === 0x3F ? StringPrototypeSlice(text, 1) : text);
    }],
    ['get', 'searchParams', (cx, thisValue) => urlOf(cx, thisValue, 'searchParams', 'getter').query],
    ['accessor', 'hash', part('hash'), partSetter('hash')],
    ['method', 'toJSON', 0, (cx, thisValue) => urlOf(cx, thisValue, 'toJSON', 'method').parts.href],
  ];

  // ---- The interfaces ------------------------------------------------------------------------------
  const interfaces = {
    __proto__: null,
    URL: { construct: constructURL, members: urlMembers, statics: urlStatics, windowStatics: listCopy(urlStatics) },
    URLSearchParams: { construct: constructParams, members: paramsMembers },
    // (No global: the prototype of the iterators, over the world's %IteratorPrototype%.)
    'URLSearchParams Iterator': { members: iteratorMembers },
  };
  // The interface `name` of the world of `cx` ({prototype, publicConstructor}), made now if it was not.
  function interfaceOf(cx, name) {
    let world = cx.urlWorld;
    if (world === undefined) {
      world = { __proto__: null };
      cx.urlWorld = world;
    }
    const made = world[name];
    if (made !== undefined) return made;
    const description = interfaces[name];
    if (description.construct === undefined) {
      world[name] = host.makeIteratorPrototype(cx, name, description.members);
      return world[name];
    }
    // (`constructor` comes first among the prototype's keys, as it always did here; object URLs
    // are a window's, not a service worker's.)
    const statics = description.statics === undefined ? undefined : cx.info.isServiceWorker ? description.statics : description.windowStatics;
    world[name] = host.makeWorldInterface(cx, name, { __proto__: null, construct: description.construct, members: description.members, statics, constructorFirst: true }, null);
    return world[name];
  }
  for (let i = 0; i < objectURLStatics.length; i++) listPush(interfaces.URL.windowStatics, objectURLStatics[i]);
  // The application/x-www-form-urlencoded parser, for this realm's FormData (js/37_form_data.js):
  // [name, value] lists of this realm.
  host.parseURLEncoded = parseURLEncoded;
  // The text of a URLSearchParams as a body (undefined for another value), for fetch (js/32_fetch.js).
  host.searchParamsTextOf = (value) => {
    const state = isObject(value) ? paramsState.get(value) : undefined;
    return state === undefined ? undefined : serializeURLEncoded(state.list);
  };
  host.makeURLInterface = function (cx, name) {
    if (name === 'URL' || name === 'URLSearchParams') interfaceOf(cx, name);
  };

  // (A world needs nothing of this module before its first interface: the modules that read
  // URLSearchParams and urlencoded bodies, FormData's and fetch's, run in this realm too.)
  host.installURL = function () {};
});
