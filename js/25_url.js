// exthost:needs primordials host
// exthost:globals ~URL:constructor:1 ~URLSearchParams:constructor:0
// `URL` and `URLSearchParams`, as the WHATWG URL Standard defines them. Swift parses (url.parse,
// url.set over BrowserModel's WebURL, setters included); this file keeps each URL's parts, its
// live `searchParams`, and implements the application/x-www-form-urlencoded parser and serializer.
(function (host) {
  'use strict';
  const {
    TypeError, String, ReflectApply, ReflectOwnKeys, ReflectGetOwnPropertyDescriptor, ReflectDefineProperty, ObjectCreate, ObjectDefineProperty,
    ObjectGetPrototypeOf, StringFromCodePoint, StringPrototypeCharCodeAt, StringPrototypeCodePointAt, StringPrototypeSlice,
    StringPrototypeIndexOf, StringPrototypeToUpperCase, StringPrototypeToWellFormed, NumberPrototypeToString,
    ArrayPrototypeSort, SafeMap, SafeWeakMap, SymbolIterator, SymbolToStringTag, encodeURIComponent, listPush,
    dataDescriptor, nullCopy,
  } = host.primordials;
  const global = host.global;
  const FIREFOX = host.flavor === 'firefox';

  // ---- Errors, as each browser words them ---------------------------------------------------------
  // `where` is { interface, member } with member '' for the constructor; `kind` is 'method',
  // 'getter', 'setter' or 'constructor'.
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

  function requireArguments(count, required, interfaceName, member, kind) {
    if (count >= required) return;
    const plural = required === 1 ? ' argument' : ' arguments';
    throw new TypeError(prefix(interfaceName, member, kind) + (FIREFOX
      ? 'At least ' + required + plural + ' required, but only ' + count + ' passed'
      : required + plural + ' required, but only ' + count + ' present.'));
  }

  function requireNew(newTarget, interfaceName) {
    if (newTarget !== undefined) return;
    throw new TypeError(FIREFOX
      ? interfaceName + " constructor: 'new' is required"
      : "Failed to construct '" + interfaceName + "': Please use the 'new' operator, this DOM object constructor cannot be called as a function.");
  }

  function illegalInvocation(interfaceName, member, kind) {
    if (!FIREFOX) return new TypeError('Illegal invocation');
    const name = kind === 'getter' ? 'get ' + member : kind === 'setter' ? 'set ' + member : member;
    return new TypeError("'" + name + "' called on an object that does not implement interface " + interfaceName + '.');
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

  // (For FormData, js/37_form_data.js, and bodies, js/32_fetch.js.)
  host.parseURLEncoded = parseURLEncoded;

  // The elements of `list` for which `keep(element, index)` is true, in a new array.
  function filterList(list, keep) {
    const kept = [];
    for (let i = 0; i < list.length; i++) if (keep(list[i], i)) listPush(kept, list[i]);
    return kept;
  }

  // ---- Defining interfaces -----------------------------------------------------------------------
  // Copies the accessors and methods of `members` onto `target` as WebIDL does: enumerable,
  // configurable, methods writable.
  const defineMembers = host.defineMembers;

  function finishInterface(constructor, name, length) {
    ReflectDefineProperty(constructor, 'length', dataDescriptor(length, false, false, true));
    ReflectDefineProperty(constructor, 'prototype', { __proto__: null, writable: false, enumerable: false, configurable: false });
    ReflectDefineProperty(constructor.prototype, SymbolToStringTag, dataDescriptor(name, false, false, true));
    host[name] = constructor; // for the host's own use, safe from scripts replacing the global
    host.adoptConstructor(name, constructor);
  }

  // ---- URLSearchParams ---------------------------------------------------------------------------
  // Each object's { list: [[name, value]], url: the URL object it belongs to, or null }.
  const paramsState = new SafeWeakMap();
  const urlState = new SafeWeakMap();

  function paramsOf(object, member, kind) {
    const state = paramsState.get(object);
    if (!state) throw illegalInvocation('URLSearchParams', member, kind);
    return state;
  }

  // The standard's "update": the URL object's query follows the list ('' makes it null).
  function update(state) {
    if (!state.url) return;
    const url = urlState.get(state.url);
    const parts = host.call('url.set', [url.parts.href, 'search', serializeURLEncoded(state.list)]);
    if (parts) url.parts = nullCopy(parts);
  }

  // The list of pairs for `new URLSearchParams(init)`: a sequence of pairs, a record, or a string.
  function initialList(init) {
    if ((typeof init !== 'object' || init === null) && typeof init !== 'function') {
      const text = usv(init);
      return parseURLEncoded(StringPrototypeCharCodeAt(text, 0) === 0x3F ? StringPrototypeSlice(text, 1) : text);
    }
    const constructorError = (message) => new TypeError(prefix('URLSearchParams', '', 'constructor') + message);
    const iteratorMethod = init[SymbolIterator];
    if (iteratorMethod !== undefined && iteratorMethod !== null) {
      if (typeof iteratorMethod !== 'function') {
        throw constructorError(FIREFOX ? "Symbol.iterator getter didn't return a callable" : 'The object must have a callable @@iterator property.');
      }
      const list = [];
      // (for…of over the script's own iterable: what WebIDL's sequence conversion does.)
      for (const pair of { __proto__: null, [SymbolIterator]: () => ReflectApply(iteratorMethod, init, []) }) {
        const pairIterator = (typeof pair === 'object' && pair !== null) || typeof pair === 'function' ? pair[SymbolIterator] : undefined;
        if (typeof pairIterator !== 'function') {
          throw constructorError(FIREFOX
            ? 'Element of sequence<sequence<USVString>> branch of (sequence<sequence<USVString>> or record<USVString, USVString> or USVString) is not an object.'
            : 'The provided value cannot be converted to a sequence.');
        }
        const items = [];
        for (const item of { __proto__: null, [SymbolIterator]: () => ReflectApply(pairIterator, pair, []) }) listPush(items, usv(item));
        if (items.length !== 2) {
          throw constructorError(FIREFOX ? 'Expected 2 items in pair but got ' + items.length : 'Sequence initializer must only contain pair elements');
        }
        listPush(list, items);
      }
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

  function URLSearchParams(init = '') {
    requireNew(new.target, 'URLSearchParams');
    paramsState.set(this, { __proto__: null, list: initialList(init), url: null });
  }

  // A URL object's own query object.
  function queryObjectFor(url, query) {
    const params = ObjectCreate(URLSearchParamsPrototype);
    paramsState.set(params, { __proto__: null, list: parseURLEncoded(query), url });
    return params;
  }

  // The default iterators of URLSearchParams: live over the list, as WebIDL's pair iterators are.
  const iteratorState = new SafeWeakMap();
  const IteratorPrototype = host.primordials.intrinsics['%IteratorPrototype%'];
  const URLSearchParamsIterator = ObjectCreate(IteratorPrototype);
  defineMembers(URLSearchParamsIterator, {
    next() {
      const state = iteratorState.get(this);
      if (!state) throw illegalInvocation('URLSearchParams Iterator', 'next', 'method');
      const list = paramsState.get(state.target).list;
      if (state.index >= list.length) return { value: undefined, done: true };
      const pair = list[state.index++];
      const value = state.kind === 'key' ? pair[0] : state.kind === 'value' ? pair[1] : [pair[0], pair[1]];
      return { value, done: false };
    },
  });
  ReflectDefineProperty(URLSearchParamsIterator, SymbolToStringTag, dataDescriptor('URLSearchParams Iterator', false, false, true));

  function makeIterator(target, kind) {
    const iterator = ObjectCreate(URLSearchParamsIterator);
    iteratorState.set(iterator, { __proto__: null, target, kind, index: 0 });
    return iterator;
  }

  defineMembers(URLSearchParams.prototype, {
    get size() {
      return paramsOf(this, 'size', 'getter').list.length;
    },
    append(name, value) {
      const state = paramsOf(this, 'append', 'method');
      requireArguments(arguments.length, 2, 'URLSearchParams', 'append', 'method');
      listPush(state.list, [usv(name), usv(value)]);
      update(state);
    },
    delete(name, value = undefined) {
      const state = paramsOf(this, 'delete', 'method');
      requireArguments(arguments.length, 1, 'URLSearchParams', 'delete', 'method');
      name = usv(name);
      if (value !== undefined) value = usv(value);
      state.list = filterList(state.list, (pair) => pair[0] !== name || (value !== undefined && pair[1] !== value));
      update(state);
    },
    get(name) {
      const state = paramsOf(this, 'get', 'method');
      requireArguments(arguments.length, 1, 'URLSearchParams', 'get', 'method');
      name = usv(name);
      for (let i = 0; i < state.list.length; i++) if (state.list[i][0] === name) return state.list[i][1];
      return null;
    },
    getAll(name) {
      const state = paramsOf(this, 'getAll', 'method');
      requireArguments(arguments.length, 1, 'URLSearchParams', 'getAll', 'method');
      name = usv(name);
      const values = [];
      for (let i = 0; i < state.list.length; i++) if (state.list[i][0] === name) listPush(values, state.list[i][1]);
      return values;
    },
    has(name, value = undefined) {
      const state = paramsOf(this, 'has', 'method');
      requireArguments(arguments.length, 1, 'URLSearchParams', 'has', 'method');
      name = usv(name);
      if (value !== undefined) value = usv(value);
      for (let i = 0; i < state.list.length; i++) {
        const pair = state.list[i];
        if (pair[0] === name && (value === undefined || pair[1] === value)) return true;
      }
      return false;
    },
    set(name, value) {
      const state = paramsOf(this, 'set', 'method');
      requireArguments(arguments.length, 2, 'URLSearchParams', 'set', 'method');
      name = usv(name);
      value = usv(value);
      let first = -1;
      for (let i = 0; i < state.list.length; i++) if (state.list[i][0] === name) { first = i; break; }
      if (first < 0) listPush(state.list, [name, value]);
      else {
        state.list[first] = [name, value];
        state.list = filterList(state.list, (pair, index) => index <= first || pair[0] !== name);
      }
      update(state);
    },
    sort() {
      const state = paramsOf(this, 'sort', 'method');
      // Array.prototype.sort is stable, and `<` compares strings by UTF-16 code units.
      ArrayPrototypeSort(state.list, (a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      update(state);
    },
    forEach(callback, thisArg = undefined) {
      const state = paramsOf(this, 'forEach', 'method');
      requireArguments(arguments.length, 1, 'URLSearchParams', 'forEach', 'method');
      if (typeof callback !== 'function') {
        throw new TypeError(prefix('URLSearchParams', 'forEach', 'method') + (FIREFOX
          ? 'Argument 1 is not callable.' : 'The callback provided as parameter 1 is not a function.'));
      }
      for (let i = 0; i < state.list.length; i++) {
        const pair = state.list[i];
        ReflectApply(callback, thisArg, [pair[1], pair[0], this]);
      }
    },
    entries() {
      paramsOf(this, 'entries', 'method');
      return makeIterator(this, 'key+value');
    },
    keys() {
      paramsOf(this, 'keys', 'method');
      return makeIterator(this, 'key');
    },
    values() {
      paramsOf(this, 'values', 'method');
      return makeIterator(this, 'value');
    },
    toString() {
      return serializeURLEncoded(paramsOf(this, 'toString', 'method').list);
    },
  });
  ReflectDefineProperty(URLSearchParams.prototype, SymbolIterator, dataDescriptor(URLSearchParams.prototype.entries, true, false, true));
  finishInterface(URLSearchParams, 'URLSearchParams', 0);
  // The text of a URLSearchParams as a body (undefined for another value).
  host.searchParamsText = (value) => {
    const state = value === null || typeof value !== 'object' ? undefined : paramsState.get(value);
    return state === undefined ? undefined : serializeURLEncoded(state.list);
  };
  const URLSearchParamsPrototype = URLSearchParams.prototype;

  // ---- URL ---------------------------------------------------------------------------------------
  // Each URL object's { parts: what Swift answers (href, origin, protocol, ...), query: its URLSearchParams }.
  function urlOf(object, member, kind) {
    const state = urlState.get(object);
    if (!state) throw illegalInvocation('URL', member, kind);
    return state;
  }

  // The parts of `url` against `base` (both USVStrings; base may be undefined), or null.
  function parse(url, base) {
    const parts = host.call('url.parse', base === undefined ? [url] : [url, base]);
    return parts === null || typeof parts !== 'object' ? parts : nullCopy(parts);
  }

  const queryOf = (parts) => (parts.search === '' ? '' : StringPrototypeSlice(parts.search, 1));

  function URL(url, base = undefined) {
    requireNew(new.target, 'URL');
    requireArguments(arguments.length, 1, 'URL', '', 'constructor');
    url = usv(url);
    if (base !== undefined) base = usv(base);
    const parts = parse(url, base);
    if (parts === null) {
      let message;
      if (FIREFOX) message = (base !== undefined && parse(base) === null ? base : url) + ' is not a valid URL.';
      else message = base !== undefined && parse(base) === null ? 'Invalid base URL' : 'Invalid URL';
      throw new TypeError(prefix('URL', '', 'constructor') + message);
    }
    const state = { __proto__: null, parts, query: null };
    urlState.set(this, state);
    state.query = queryObjectFor(this, queryOf(parts));
  }

  defineMembers(URL, {
    parse(url, base = undefined) {
      requireArguments(arguments.length, 1, 'URL', 'parse', 'method');
      url = usv(url);
      if (base !== undefined) base = usv(base);
      if (parse(url, base) === null) return null;
      return base === undefined ? new URL(url) : new URL(url, base);
    },
    canParse(url, base = undefined) {
      requireArguments(arguments.length, 1, 'URL', 'canParse', 'method');
      url = usv(url);
      if (base !== undefined) base = usv(base);
      return parse(url, base) !== null;
    },
  });

  // Object URLs of Blobs (js/37_blob.js): in windows, not in a service worker.
  if (!host.context.isServiceWorker) {
    const blobModule = () => {
      if (host.createObjectURL === undefined) host.native.engine.loadModule('blob');
      return host;
    };
    defineMembers(URL, {
      createObjectURL(obj) {
        requireArguments(arguments.length, 1, 'URL', 'createObjectURL', 'method');
        return blobModule().createObjectURL(obj);
      },
      revokeObjectURL(url) {
        requireArguments(arguments.length, 1, 'URL', 'revokeObjectURL', 'method');
        blobModule().revokeObjectURL(usv(url));
      },
    });
  }

  // A setter other than href's: Swift applies the standard's setter to the URL's href.
  function setPart(object, name, value) {
    const state = urlOf(object, name, 'setter');
    value = usv(value);
    const parts = host.call('url.set', [state.parts.href, name, value]);
    if (parts) state.parts = nullCopy(parts);
    return { __proto__: null, state, value };
  }

  defineMembers(URL.prototype, {
    toString() {
      return urlOf(this, 'toString', 'method').parts.href;
    },
    get href() {
      return urlOf(this, 'href', 'getter').parts.href;
    },
    set href(value) {
      const state = urlOf(this, 'href', 'setter');
      value = usv(value);
      const parts = parse(value);
      if (parts === null) throw new TypeError(prefix('URL', 'href', 'setter') + (FIREFOX ? value + ' is not a valid URL.' : 'Invalid URL'));
      state.parts = parts;
      paramsState.get(state.query).list = parseURLEncoded(queryOf(parts));
    },
    get origin() {
      return urlOf(this, 'origin', 'getter').parts.origin;
    },
    get protocol() {
      return urlOf(this, 'protocol', 'getter').parts.protocol;
    },
    set protocol(value) {
      setPart(this, 'protocol', value);
    },
    get username() {
      return urlOf(this, 'username', 'getter').parts.username;
    },
    set username(value) {
      setPart(this, 'username', value);
    },
    get password() {
      return urlOf(this, 'password', 'getter').parts.password;
    },
    set password(value) {
      setPart(this, 'password', value);
    },
    get host() {
      return urlOf(this, 'host', 'getter').parts.host;
    },
    set host(value) {
      setPart(this, 'host', value);
    },
    get hostname() {
      return urlOf(this, 'hostname', 'getter').parts.hostname;
    },
    set hostname(value) {
      setPart(this, 'hostname', value);
    },
    get port() {
      return urlOf(this, 'port', 'getter').parts.port;
    },
    set port(value) {
      setPart(this, 'port', value);
    },
    get pathname() {
      return urlOf(this, 'pathname', 'getter').parts.pathname;
    },
    set pathname(value) {
      setPart(this, 'pathname', value);
    },
    get search() {
      return urlOf(this, 'search', 'getter').parts.search;
    },
    set search(value) {
      const { state, value: text } = setPart(this, 'search', value);
      // The query object's list is the value parsed (not the URL's encoded query), or empty.
      paramsState.get(state.query).list = text === '' ? [] : parseURLEncoded(StringPrototypeCharCodeAt(text, 0) === 0x3F ? StringPrototypeSlice(text, 1) : text);
    },
    get searchParams() {
      return urlOf(this, 'searchParams', 'getter').query;
    },
    get hash() {
      return urlOf(this, 'hash', 'getter').parts.hash;
    },
    set hash(value) {
      setPart(this, 'hash', value);
    },
    toJSON() {
      return urlOf(this, 'toJSON', 'method').parts.href;
    },
  });
  finishInterface(URL, 'URL', 1);

  // `new URL(url, base).href` for the host's own use (no URL object, whose getters scripts may
  // replace); throws what the constructor throws.
  host.resolveURL = function (url, base) {
    const parts = parse(usv(url), usv(base));
    return parts === null ? new URL(url, base).href : parts.href;
  };
});
