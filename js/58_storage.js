// exthost:realm host
// exthost:needs primordials api schema structured_clone_writer
// exthost:module storage_api
// `storage`: the areas `local`, `sync`, `session` and `managed`, and `onChanged`, for an
// extension with the "storage" permission, as each browser has them (recorded:
// fixtures/conformance/storage-areas and storage-contexts). Swift keeps the values
// (Sources/Exthost/API/StorageAPI.swift); this module turns a context's values into what each
// browser stores, measures them as that browser does, and makes them again in a context that
// reads them or hears of a change.
//
// What a browser stores, and so what comes back (written here rather than taken from a library:
// the point is each browser's exact conversion and its byte counts):
//  * Chromium converts a value to its base::Value (V8ValueConverter): own enumerable string keys,
//    getters run, kept in key order; undefined, functions, symbols, BigInts, NaN and ±Infinity
//    dropped from an object and null in an array (a hole too); -0 and other int32s as integers;
//    Date, RegExp, Map, Set, Error and wrappers as objects of their own enumerable keys (a String
//    wrapper's characters); an object already on the path (a cycle) null; deeper than 100 levels
//    dropped; ArrayBuffers and views refused ("Cannot serialize value to JSON"). `local` and `sync`
//    count a key's UTF-8 bytes and its JSON's (base::JSONWriter: "<" as \u003C, a whole double
//    with ".0"); `session` counts the memory the value takes (EstimateMemoryUsage of libc++
//    strings and vectors as Chromium builds them). Keys come back sorted.
//  * Firefox keeps `local` and `session` values as structured clones made of their own data
//    properties (a getter's key is left out); functions, symbols and String wrappers are refused
//    with a DataCloneError's words; each counts its key's length and SpiderMonkey's clone format's
//    bytes. `sync` keeps JSON. `local` comes back in key order, the others in insertion order.
(function (host) {
  'use strict';
  const {
    ObjectDefineProperty, ObjectKeys, ObjectGetPrototypeOf, ObjectGetOwnPropertyDescriptor, ReflectApply, ReflectGet, ReflectOwnKeys,
    ArrayIsArray, JSONStringify, SafeMap, SafeWeakMap, SafeWeakSet, SafePromiseThen, SafePromiseReject, listPush, listIncludes, dataDescriptor, hasOwn,
    StringPrototypeCharCodeAt, StringPrototypeSlice, StringPrototypeToWellFormed, ArrayPrototypeSort, String, Number, NumberIsInteger, MathFloor,
  } = host.primordials;
  const intrinsics = host.primordials.intrinsics;
  const chrome = host.flavor === 'chrome';
  const areaNames = ['local', 'sync', 'session', 'managed'];

  // ---- Brand checks (any realm's objects; no getter of the value runs) -------------------------------
  const brand = (getter) => (value) => {
    if (getter === undefined) return false;
    try { ReflectApply(getter, value, []); return true; } catch (e) { return false; }
  };
  const isArrayBuffer = brand(intrinsics['get ArrayBuffer.prototype.byteLength']);
  const isTypedArray = brand(intrinsics['get %TypedArray%.prototype.length']);
  const isDataView = brand(intrinsics['get DataView.prototype.byteLength']);
  const isDate = brand(intrinsics['Date.prototype.getTime']);
  const isMap = brand(intrinsics['get Map.prototype.size']);
  const isSet = brand(intrinsics['get Set.prototype.size']);
  const isRegExp = brand(intrinsics['get RegExp.prototype.source']);
  const isStringWrapper = brand(intrinsics['String.prototype.valueOf']);
  const isNumberWrapper = brand(intrinsics['Number.prototype.valueOf']);
  const isBooleanWrapper = brand(intrinsics['Boolean.prototype.valueOf']);
  // (Any realm's errors.)
  const isError = host.primordials.isNativeError;
  const byteLengthOf = (buffer) => ReflectApply(intrinsics['get ArrayBuffer.prototype.byteLength'], buffer, []);
  const viewBufferOf = (view) => ReflectApply(intrinsics['get %TypedArray%.prototype.buffer'], view, []);
  const viewLengthOf = (view) => ReflectApply(intrinsics['get %TypedArray%.prototype.length'], view, []);
  const regexpSourceOf = (regexp) => ReflectApply(intrinsics['get RegExp.prototype.source'], regexp, []);

  // The UTF-8 length of a string, a lone surrogate counting as U+FFFD (3 bytes), as Chromium
  // converts it.
  function utf8Length(text) {
    let bytes = 0;
    for (let i = 0; i < text.length; i++) {
      const c = StringPrototypeCharCodeAt(text, i);
      if (c < 0x80) bytes += 1;
      else if (c < 0x800) bytes += 2;
      else if (c >= 0xD800 && c <= 0xDBFF && i + 1 < text.length) {
        const next = StringPrototypeCharCodeAt(text, i + 1);
        if (next >= 0xDC00 && next <= 0xDFFF) { bytes += 4; i++; } else bytes += 3;
      } else bytes += 3;
    }
    return bytes;
  }

  // ---- Chromium: base::Value ------------------------------------------------------------------------
  // A value converted as V8ValueConverter converts it: a tree of this realm (null-prototype
  // objects with `kind`), or undefined when the value is dropped. Throws the store's text for a
  // value it refuses.
  const MAX_DEPTH = 100;
  const NOT_JSON = 'Cannot serialize value to JSON';
  // (Held to the area's quota as it is converted: an array's length alone can say that its text
  // would be over it, so that a sparse array of a billion holes is refused at once.)
  const QUOTA_TEXT = 'Resource::kQuotaBytes quota exceeded';
  const SESSION_QUOTA_TEXT = 'Session storage quota bytes exceeded. Values were not stored.';
  // (`limit`: the area's quota the value is held to as it is converted, see QUOTA_TEXT.)
  function chromeValue(value, path, depth, limit) {
    if (depth > MAX_DEPTH) return undefined;
    switch (typeof value) {
      case 'string': return { __proto__: null, kind: 'string', value: wellFormed(value) };
      case 'boolean': return { __proto__: null, kind: 'boolean', value };
      case 'number':
        if (value !== value || value - value !== 0) return undefined;
        if (value === 0 || (NumberIsInteger(value) && value >= -2147483648 && value <= 2147483647)) return { __proto__: null, kind: 'int', value: value === 0 ? 0 : value };
        return { __proto__: null, kind: 'double', value };
      case 'undefined': case 'function': case 'symbol': case 'bigint': return undefined;
    }
    if (value === null) return { __proto__: null, kind: 'null' };
    if (isArrayBuffer(value) || isTypedArray(value) || isDataView(value)) throw Refusal(NOT_JSON);
    if (listIncludes(path, value)) return { __proto__: null, kind: 'null' };
    listPush(path, value);
    try {
      if (ArrayIsArray(value)) {
        const items = [];
        const length = value.length;
        // (Each item takes at least a byte of the text and a comma, and 32 bytes of memory.)
        if (length * (limit.memory ? VALUE_SIZE : 2) > limit.bytes) throw Refusal(limit.memory ? SESSION_QUOTA_TEXT : QUOTA_TEXT);
        for (let i = 0; i < length; i++) {
          const own = ObjectGetOwnPropertyDescriptor(value, i);
          const item = own === undefined ? undefined : chromeValue(ReflectGet(value, i), path, depth + 1, limit);
          listPush(items, item === undefined ? { __proto__: null, kind: 'null' } : item);
        }
        return { __proto__: null, kind: 'list', items };
      }
      const entries = [];
      const keys = ReflectOwnKeys(value);
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i];
        if (typeof key !== 'string') continue;
        const own = ObjectGetOwnPropertyDescriptor(value, key);
        if (own === undefined || !own.enumerable) continue;
        const item = chromeValue(ReflectGet(value, key), path, depth + 1, limit);
        if (item !== undefined) listPush(entries, { __proto__: null, key: wellFormed(key), value: item });
      }
      return { __proto__: null, kind: 'dict', entries: sortedEntries(entries) };
    } finally {
      path.length -= 1;
    }
  }
  // A string as Chromium keeps it: UTF-8, a lone surrogate replaced by U+FFFD.
  function wellFormed(text) {
    return StringPrototypeToWellFormed(text);
  }
  // base::Value::Dict's order: by the keys' UTF-8 bytes (for well-formed strings, the code
  // points'), a later duplicate replacing the earlier.
  const compareKeys = (a, b) => {
    const x = a.key;
    const y = b.key;
    const length = x.length < y.length ? x.length : y.length;
    for (let i = 0; i < length; i++) {
      const p = codePointOrder(StringPrototypeCharCodeAt(x, i));
      const q = codePointOrder(StringPrototypeCharCodeAt(y, i));
      if (p !== q) return p - q;
    }
    return x.length - y.length;
  };
  // (UTF-16 code units compared as their code points' UTF-8 order: surrogates after U+FFFF's
  // units of the BMP above them.)
  const codePointOrder = (unit) => (unit >= 0xD800 && unit <= 0xDFFF ? unit + 0x2000 : unit >= 0xE000 ? unit - 0x800 : unit);
  function sortedEntries(entries) {
    const sorted = ArrayPrototypeSort(entries, compareKeys);
    // (Two keys that are one once made well-formed: the later is kept.)
    const kept = [];
    for (let i = 0; i < sorted.length; i++) {
      if (kept.length > 0 && kept[kept.length - 1].key === sorted[i].key) kept[kept.length - 1] = sorted[i];
      else listPush(kept, sorted[i]);
    }
    return kept;
  }

  // base::JSONWriter's text of a converted value.
  function chromeJSON(node) {
    switch (node.kind) {
      case 'null': return 'null';
      case 'boolean': return node.value ? 'true' : 'false';
      case 'int': return String(node.value);
      case 'double': {
        const text = String(node.value);
        for (let i = 0; i < text.length; i++) {
          const c = StringPrototypeCharCodeAt(text, i);
          if (c === 0x2E || c === 0x65) return text;
        }
        return text + '.0';
      }
      case 'string': return chromeString(node.value);
      case 'list': {
        let text = '[';
        for (let i = 0; i < node.items.length; i++) text += (i > 0 ? ',' : '') + chromeJSON(node.items[i]);
        return text + ']';
      }
      default: {
        let text = '{';
        for (let i = 0; i < node.entries.length; i++) {
          text += (i > 0 ? ',' : '') + chromeString(node.entries[i].key) + ':' + chromeJSON(node.entries[i].value);
        }
        return text + '}';
      }
    }
  }
  // A string as base::EscapeJSONString writes it.
  function chromeString(value) {
    let text = '"';
    let start = 0;
    for (let i = 0; i < value.length; i++) {
      const c = StringPrototypeCharCodeAt(value, i);
      let escaped;
      switch (c) {
        case 0x08: escaped = '\\b'; break;
        case 0x0C: escaped = '\\f'; break;
        case 0x0A: escaped = '\\n'; break;
        case 0x0D: escaped = '\\r'; break;
        case 0x09: escaped = '\\t'; break;
        case 0x5C: escaped = '\\\\'; break;
        case 0x22: escaped = '\\"'; break;
        case 0x3C: escaped = '\\u003C'; break;
        case 0x2028: escaped = '\\u2028'; break;
        case 0x2029: escaped = '\\u2029'; break;
        default:
          if (c >= 0x20) continue;
          escaped = '\\u00' + (c < 0x10 ? '0' : '1') + hexDigit(c & 0xF);
      }
      text += sliceOf(value, start, i) + escaped;
      start = i + 1;
    }
    return text + sliceOf(value, start, value.length) + '"';
  }
  const hexDigit = (d) => (d < 10 ? String(d) : sliceOf('ABCDEF', d - 10, d - 9));
  const sliceOf = (text, start, end) => StringPrototypeSlice(text, start, end);

  // What a converted value takes in memory (base::trace_event::EstimateMemoryUsage of a
  // base::Value built by V8ValueConverter with libc++: a string of more than 22 bytes is on the
  // heap in a block of its length and terminator rounded up to 16; a dict is a flat_map of
  // (string, unique_ptr<Value>) pairs of 32 bytes, a list a vector of 32-byte Values, each grown
  // by doubling as items are added; each dict value is a 32-byte Value of its own).
  const VALUE_SIZE = 32;
  const ENTRY_SIZE = 32;
  const capacityFor = (count) => {
    let capacity = count === 0 ? 0 : 1;
    while (capacity < count) capacity *= 2;
    return capacity;
  };
  const stringMemory = (text) => {
    const bytes = utf8Length(text);
    return bytes <= 22 ? 0 : MathFloor((bytes + 1 + 15) / 16) * 16;
  };
  function chromeMemory(node) {
    switch (node.kind) {
      case 'string': return stringMemory(node.value);
      case 'list': {
        let total = capacityFor(node.items.length) * VALUE_SIZE;
        for (let i = 0; i < node.items.length; i++) total += chromeMemory(node.items[i]);
        return total;
      }
      case 'dict': {
        let total = capacityFor(node.entries.length) * ENTRY_SIZE;
        for (let i = 0; i < node.entries.length; i++) {
          total += stringMemory(node.entries[i].key) + VALUE_SIZE + chromeMemory(node.entries[i].value);
        }
        return total;
      }
      default: return 0;
    }
  }

  // ---- Refusals ----------------------------------------------------------------------------------------
  // What the browser refuses to store, in its words: the call rejects with an Error of the message.
  // (An object of this realm recognized by `refusals`: what a getter throws, a string too, passes
  // as it is.)
  const refusals = new SafeWeakSet();
  function Refusal(message) {
    const refusal = { __proto__: null, message };
    refusals.add(refusal);
    return refusal;
  }
  const isRefusal = (value) => value !== null && typeof value === 'object' && refusals.has(value);

  // ---- Firefox: structured clones of data ---------------------------------------------------------
  const refused = (what) => Refusal('DataCloneError: ' + what);
  // A copy of `value` made of its own enumerable data properties (a getter's key is left out),
  // other objects (Date, Map, typed arrays, ...) as they are; `accessors` says whether a getter's
  // key was left out. Throws Firefox's refusal. (A walk with a stack of its own: a value nested a
  // million levels deep is stored, as in Firefox.)
  function firefoxData(value) {
    const seen = new SafeMap();
    const stack = [];
    const result = { __proto__: null, data: undefined, accessors: false };
    // The copy of one value, pushing a frame for a plain object's members.
    const visit = (v) => {
      switch (typeof v) {
        case 'function': throw refused('Function object could not be cloned.');
        case 'symbol': throw refused('The object could not be cloned.');
        case 'object': break;
        default: return v;
      }
      if (v === null) return null;
      const known = seen.get(v);
      if (known !== undefined) return known;
      if (isStringWrapper(v)) throw refused('String object could not be cloned.');
      if (isNumberWrapper(v)) throw refused('Number object could not be cloned.');
      if (isBooleanWrapper(v)) throw refused('Boolean object could not be cloned.');
      const array = ArrayIsArray(v);
      const special = !array && ObjectGetPrototypeOf(v) !== null && (isDate(v) || isMap(v) || isSet(v) || isRegExp(v)
        || isArrayBuffer(v) || isTypedArray(v) || isDataView(v) || isError(v));
      if (special) {
        seen.set(v, v);
        if (isMap(v) || isSet(v)) listPush(stack, { __proto__: null, entries: collectionItems(v), index: 0 });
        return v;
      }
      const copy = array ? [] : { __proto__: null };
      if (array) copy.length = v.length;
      seen.set(v, copy);
      listPush(stack, { __proto__: null, source: v, copy, keys: ReflectOwnKeys(v), index: 0, array });
      return copy;
    };
    result.data = visit(value);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1];
      if (frame.entries !== undefined) {
        if (frame.index < frame.entries.length) visit(frame.entries[frame.index++]);
        else stack.length -= 1;
        continue;
      }
      if (frame.index >= frame.keys.length) { stack.length -= 1; continue; }
      const key = frame.keys[frame.index++];
      if (typeof key === 'symbol' || (frame.array && key === 'length')) continue;
      const own = ObjectGetOwnPropertyDescriptor(frame.source, key);
      if (own === undefined || !own.enumerable) continue;
      if (!hasOwn(own, 'value')) { result.accessors = true; continue; }
      ObjectDefineProperty(frame.copy, key, dataDescriptor(visit(own.value), true, true, true));
    }
    return result;
  }
  // The keys and values of a Map, or the values of a Set, in a list of this realm.
  function collectionItems(collection) {
    const items = [];
    const map = isMap(collection);
    ReflectApply(map ? intrinsics['Map.prototype.forEach'] : intrinsics['Set.prototype.forEach'], collection,
      [(item, key) => { if (map) listPush(items, key); listPush(items, item); }]);
    return items;
  }

  // The bytes of `value` (a copy firefoxData made) in SpiderMonkey's structured clone format, the
  // 8-byte header included: each item a multiple of 8 bytes, a tag and its data; strings as
  // Latin-1 or UTF-16, padded; an object met before, a back reference. (A stack of its own too.)
  function cloneBytes(value) {
    const seen = new SafeMap();
    const pending = [value];
    let total = 8;
    while (pending.length > 0) {
      const v = pending[pending.length - 1];
      pending.length -= 1;
      switch (typeof v) {
        case 'string': total += 8 + padded(isLatin1(v) ? v.length : 2 * v.length); continue;
        case 'bigint': {
          let words = 0;
          let magnitude = v < 0n ? -v : v;
          while (magnitude > 0n) { words++; magnitude >>= 64n; }
          total += 8 + 8 * words;
          continue;
        }
        case 'object': break;
        default: total += 8; continue;
      }
      if (v === null || seen.has(v)) { total += 8; continue; }
      seen.set(v, true);
      if (isDate(v)) { total += 16; continue; }
      if (isRegExp(v)) { total += 8; listPush(pending, regexpSourceOf(v)); continue; }
      if (isArrayBuffer(v)) { total += 16 + padded(byteLengthOf(v)); continue; }
      if (isTypedArray(v)) { total += 24; listPush(pending, viewBufferOf(v)); continue; }
      if (isMap(v) || isSet(v)) {
        total += 16;
        const items = collectionItems(v);
        for (let i = 0; i < items.length; i++) listPush(pending, items[i]);
        continue;
      }
      total += 16;
      const keys = ObjectKeys(v);
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i];
        if (isIndex(key)) total += 8; else listPush(pending, key);
        listPush(pending, v[key]);
      }
    }
    return total;
  }
  const padded = (bytes) => MathFloor((bytes + 7) / 8) * 8;
  function isLatin1(text) {
    for (let i = 0; i < text.length; i++) if (StringPrototypeCharCodeAt(text, i) > 0xFF) return false;
    return true;
  }
  const isIndex = (key) => {
    const n = Number(key);
    return String(n) === key && NumberIsInteger(n) && n >= 0 && n <= 2147483647;
  };

  // ---- What each area stores ------------------------------------------------------------------------
  // An item of `set`, as Swift keeps it: [key, text, bytes] (Firefox adds what it announces of the
  // value, when a getter made that differ from what it stores), or undefined when the browser
  // drops the value (Chromium). Throws the browser's refusal (a Refusal), or what a getter threw.
  function storedItem(cx, area, key, value) {
    if (chrome) {
      const limit = area === 'session' ? { __proto__: null, bytes: 10485760, memory: true }
        : { __proto__: null, bytes: area === 'sync' ? 102400 : listIncludes(cx.info.permissions, 'unlimitedStorage') ? 536870912 : 10485760, memory: false };
      const wellFormedKey = wellFormed(key);
      const node = chromeValue(value, [], 1, limit);
      if (node === undefined) return undefined;
      const text = chromeJSON(node);
      return [wellFormedKey, text, area === 'session' ? chromeMemory(node) : utf8Length(wellFormedKey) + utf8Length(text)];
    }
    if (area === 'sync') {
      // (Refused before its text is made when it cannot fit: a sparse array's length may be huge.)
      if (!fitsInText(value, 102400)) throw Refusal(FIREFOX_SYNC_QUOTA_TEXT);
      const text = JSONStringify(value);
      if (text === undefined) return undefined;
      return [key, text, key.length + text.length];
    }
    const copy = firefoxData(value);
    const text = cloneText(cx, copy.data);
    const item = [key, text, value === undefined ? 0 : key.length + cloneBytes(copy.data)];
    // (Firefox announces the value as the caller gave it, its getters run, and stores its data.)
    if (copy.accessors) listPush(item, cloneText(cx, value));
    return item;
  }
  const FIREFOX_SYNC_QUOTA_TEXT = 'QuotaExceededError: storage.sync API call exceeded its quota limitations.';
  // Whether the JSON text of `value` may be at most `limit` characters: false as soon as a lower
  // bound of its length (an item of an array, a member of an object: two characters at least) is
  // over it, before any text is made.
  function fitsInText(value, limit) {
    let least = 0;
    const seen = new SafeMap();
    const pending = [value];
    while (pending.length > 0) {
      const v = pending[pending.length - 1];
      pending.length -= 1;
      if (v === null || typeof v !== 'object' || seen.has(v)) continue;
      seen.set(v, true);
      const keys = ObjectKeys(v);
      least += ArrayIsArray(v) ? 2 * v.length : 4 * keys.length;
      if (least > limit) return false;
      // (Own data properties only: no getter runs twice. What a getter gives adds to the text.)
      for (let i = 0; i < keys.length; i++) {
        const own = ObjectGetOwnPropertyDescriptor(v, keys[i]);
        if (own !== undefined && hasOwn(own, 'value')) listPush(pending, own.value);
      }
    }
    return true;
  }
  // Structured clone text of `value`, a failure of the writer made a refusal in Firefox's words.
  function cloneText(cx, value) {
    try {
      return host.writeStructuredClone(value, cx, '');
    } catch (error) {
      // (A symbol inside is refused in the words Firefox's storage has for one, not its messages'.)
      if (host.isSerializationFailure(error)) {
        throw refused(error.message === 'unsupported type for structured data' ? 'The object could not be cloned.' : error.message);
      }
      throw error;
    }
  }
  // The value a stored text stands for, made in the context.
  function storedValue(cx, area, text) {
    if (chrome || area === 'sync' || area === 'managed') return host.parseJSON(cx, text);
    return host.readStructuredClone(text, cx);
  }
  // An object of the context with the stored entries ([key, text] pairs).
  function itemsObject(cx, area, entries) {
    const object = host.newObject(cx);
    for (let i = 0; i < entries.length; i++) {
      ObjectDefineProperty(object, entries[i][0], dataDescriptor(storedValue(cx, area, entries[i][1]), true, true, true));
    }
    return object;
  }
  // The rejection of a call the browser refused: an Error of the context.
  const refusalRejection = (cx, refusal) => SafePromiseReject(host.newError(cx, refusal.message));

  // ---- The areas' functions ---------------------------------------------------------------------------
  const keysParameter = (optional) => ({
    name: 'keys', optional,
    choices: optional
      ? [{ type: 'string' }, { type: 'array', items: { type: 'string' } }, { type: 'object', additionalProperties: true }]
      : [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
  });
  const keyList = (keys) => (typeof keys === 'string' ? [keys] : keys);
  // Each area's object knows its name (Chromium's methods are its prototype's, shared by the areas).
  const areaOf = new SafeWeakMap();
  const areaCalled = (cx, data, thisValue) => {
    if (data !== undefined) return data;
    const area = areaOf.get(thisValue);
    if (area === undefined) throw host.newTypeError(cx, 'Illegal invocation');
    return area;
  };
  const request = (cx, method, args) => host.request(cx, method, args);
  const functions = {
    get: {
      async: true,
      parameters: [keysParameter(true)],
      run(cx, args, data, thisValue) {
        const area = areaCalled(cx, data, thisValue);
        const keys = args[0];
        const defaults = keys !== undefined && keys !== null && typeof keys === 'object' && !ArrayIsArray(keys) ? keys : undefined;
        let wanted = null;
        // (Defaults are stored as the value would be, so they come back as a stored value does.)
        const fallback = [];
        if (defaults !== undefined) {
          wanted = ObjectKeys(defaults);
          try {
            for (let i = 0; i < wanted.length; i++) {
              const value = defaults[wanted[i]];
              // (Firefox leaves out a default that is undefined; Chromium's conversion drops it.)
              if (value === undefined) continue;
              const item = storedItem(cx, area, wanted[i], value);
              if (item !== undefined) listPush(fallback, item);
            }
          } catch (error) {
            if (isRefusal(error)) return refusalRejection(cx, error);
            throw error;
          }
        } else if (keys !== undefined && keys !== null) {
          wanted = keyList(keys);
        }
        return SafePromiseThen(request(cx, 'storage.get', [area, wanted]), (found) => {
          const entries = [];
          const have = new SafeMap();
          for (let i = 0; i < found.length; i++) {
            listPush(entries, [found[i][0], found[i][1]]);
            have.set(found[i][0], true);
          }
          for (let i = 0; i < fallback.length; i++) if (!have.has(fallback[i][0])) listPush(entries, fallback[i]);
          return itemsObject(cx, area, entries);
        });
      },
    },
    getKeys: {
      async: true,
      parameters: [],
      run: (cx, args, data, thisValue) => request(cx, 'storage.getKeys', [areaCalled(cx, data, thisValue)]),
    },
    getBytesInUse: {
      async: true,
      parameters: [{ name: 'keys', optional: true, choices: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] }],
      run(cx, args, data, thisValue) {
        const keys = args[0];
        return request(cx, 'storage.getBytesInUse', [areaCalled(cx, data, thisValue), keys === undefined || keys === null ? null : keyList(keys)]);
      },
    },
    set: {
      async: true,
      parameters: [{ name: 'items', type: 'object', additionalProperties: true }],
      run(cx, args, data, thisValue) {
        const area = areaCalled(cx, data, thisValue);
        const items = args[0];
        const stored = [];
        const keys = ReflectOwnKeys(items);
        try {
          for (let i = 0; i < keys.length; i++) {
            const key = keys[i];
            if (typeof key !== 'string') continue;
            const own = ObjectGetOwnPropertyDescriptor(items, key);
            if (own === undefined || !own.enumerable || (!chrome && !hasOwn(own, 'value'))) continue;
            const item = storedItem(cx, area, key, chrome ? ReflectGet(items, key) : own.value);
            if (item !== undefined) listPush(stored, item);
          }
        } catch (error) {
          if (isRefusal(error)) return refusalRejection(cx, error);
          throw error;
        }
        return request(cx, 'storage.set', [area, stored]);
      },
    },
    remove: {
      async: true,
      parameters: [keysParameter(false)],
      run: (cx, args, data, thisValue) => request(cx, 'storage.remove', [areaCalled(cx, data, thisValue), keyList(args[0])]),
    },
    clear: {
      async: true,
      parameters: [],
      run: (cx, args, data, thisValue) => request(cx, 'storage.clear', [areaCalled(cx, data, thisValue)]),
    },
  };
  if (chrome) {
    functions.setAccessLevel = {
      async: true,
      parameters: [{
        name: 'accessOptions', type: 'object',
        properties: { accessLevel: { type: 'string', enum: ['TRUSTED_AND_UNTRUSTED_CONTEXTS', 'TRUSTED_CONTEXTS'] } },
      }],
      run: (cx, args, data, thisValue) => request(cx, 'storage.setAccessLevel', [areaCalled(cx, data, thisValue), args[0].accessLevel]),
    };
  }
  // (Chromium names a member by the namespace, "storage.get(...)"; Firefox by the type.)
  const typeName = chrome ? 'storage' : 'storage.StorageArea';
  const memberNames = ObjectKeys(functions);
  const described = host.descriptionCopy(functions);
  for (let i = 0; i < memberNames.length; i++) {
    described[memberNames[i]].run = functions[memberNames[i]].run;
    host.describeFunction(typeName + '.' + memberNames[i], described[memberNames[i]]);
  }

  // Each area's constants (Chromium's; Firefox's areas have none).
  const constants = chrome ? {
    __proto__: null,
    local: [['QUOTA_BYTES', 10485760]],
    sync: [['QUOTA_BYTES', 102400], ['QUOTA_BYTES_PER_ITEM', 8192], ['MAX_ITEMS', 512], ['MAX_WRITE_OPERATIONS_PER_HOUR', 1800],
      ['MAX_WRITE_OPERATIONS_PER_MINUTE', 120], ['MAX_SUSTAINED_WRITE_OPERATIONS_PER_MINUTE', 1000000]],
    session: [['QUOTA_BYTES', 10485760]],
    managed: [],
  } : { __proto__: null, local: [], sync: [], session: [], managed: [] };

  // The areas of a context: Chromium's share a prototype with the methods, Firefox's own theirs.
  // A Firefox content script has no `session`.
  function build(cx, object) {
    let prototype;
    if (chrome) {
      prototype = host.newObject(cx);
      for (let i = 0; i < memberNames.length; i++) {
        const name = memberNames[i];
        ObjectDefineProperty(prototype, name, dataDescriptor(host.newAPIFunction(cx, name, described[name], undefined), true, true, true));
      }
    }
    for (let a = 0; a < areaNames.length; a++) {
      const area = areaNames[a];
      if (!chrome && area === 'session' && cx.apiKind === 'content') continue;
      const areaObject = chrome ? host.newObjectFrom(cx, prototype) : host.newObject(cx);
      areaOf.set(areaObject, area);
      const own = constants[area];
      for (let i = 0; i < own.length; i++) ObjectDefineProperty(areaObject, own[i][0], dataDescriptor(own[i][1], false, true, false));
      if (!chrome) {
        for (let i = 0; i < memberNames.length; i++) {
          const name = memberNames[i];
          ObjectDefineProperty(areaObject, name, dataDescriptor(host.newAPIFunction(cx, name, described[name], area), true, true, true));
        }
      }
      ObjectDefineProperty(areaObject, 'onChanged', dataDescriptor(host.event(cx, 'storage.' + area + '.onChanged', area !== 'managed'), true, true, true));
      ObjectDefineProperty(object, area, dataDescriptor(areaObject, true, true, true));
    }
  }

  // (Whether a context has it at all, the permission, js/90_namespaces.js's lazy entry says.)
  host.defineNamespace('storage', ['background', 'content'], () => ({
    events: [{ name: 'onChanged', persistent: true }],  // (persistent: js/90_namespaces.js; an area's too, but managed's, which Firefox never fires)
    enums: chrome ? { AccessLevel: { values: { TRUSTED_AND_UNTRUSTED_CONTEXTS: 'TRUSTED_AND_UNTRUSTED_CONTEXTS', TRUSTED_CONTEXTS: 'TRUSTED_CONTEXTS' } } } : {},
    listedUndefined: chrome ? undefined : { background: ['StorageArea', 'StorageChange'], content: ['StorageArea', 'StorageChange'] },
    build,
  }));

  // (Swift announces a change as [area, list] to both events: js/38_api.js's decoders.)
  for (let a = 0; a < areaNames.length; a++) {
    host.eventDecoders.set('storage.' + areaNames[a] + '.onChanged', (cx, data) => [host.storageChanges(cx, data[0], data[1])]);
  }
  host.eventDecoders.set('storage.onChanged', (cx, data) => [host.storageChanges(cx, data[0], data[1]), data[0]]);
  // (Firefox fires them in the extension's process, ext-c-storage.js: nothing waits for a
  // listener's promise.)
  host.processLocalEvents.add('storage.onChanged');
  for (let a = 0; a < areaNames.length; a++) host.processLocalEvents.add('storage.' + areaNames[a] + '.onChanged');

  // A change Swift announces: [area, [[key, oldText | null, newText | null], ...]], made into
  // each browser's `changes` in the hearing context (`oldValue`/`newValue` as Chromium orders
  // them, or Firefox).
  // A value as Chromium hands it over as a base::Value (V8ValueConverter) and writes it as JSON:
  // what scripting.executeScript gives of an injected script's result (js/59_scripting.js); null
  // for a value the conversion drops or refuses.
  host.chromiumValueJSON = function (value) {
    try {
      const node = chromeValue(value, [], 0, { __proto__: null, bytes: Infinity, memory: false });
      return node === undefined ? 'null' : chromeJSON(node);
    } catch (error) {
      // (A value refused, or a getter of the script's that threw: no result.)
      return 'null';
    }
  };
  host.storageChanges = function (cx, area, list) {
    const changes = host.newObject(cx);
    for (let i = 0; i < list.length; i++) {
      const key = list[i][0];
      const oldText = list[i][1];
      const newText = list[i][2];
      const change = host.newObject(cx);
      const put = (name, text) => ObjectDefineProperty(change, name, dataDescriptor(text === null ? undefined : storedValue(cx, area, text), true, true, true));
      if (chrome) {
        if (newText !== null) put('newValue', newText);
        if (oldText !== null) put('oldValue', oldText);
      } else {
        if (oldText !== null || (area !== 'sync' && newText !== null)) put('oldValue', oldText);
        if (newText !== null) put('newValue', newText);
      }
      ObjectDefineProperty(changes, key, dataDescriptor(change, true, true, true));
    }
    return changes;
  };
});
