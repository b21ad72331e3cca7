// exthost:realm host
// exthost:needs primordials serialization_failure
// exthost:flavors chrome
// exthost:module serialization
(function (host) {
  'use strict';
  // ===========================================================================
  // 44_serialization_json.js: how a message crosses from one context to another
  // in the chrome flavor (the firefox flavor's is js/45_serialization.js).
  //
  // flavor "chrome": JSON, as Chromium does by default
  // (extensions/renderer/api/messaging/messaging_util.cc, MessageFromV8UsingJSON;
  // the structured-clone format behind kStructuredCloningForMessaging is
  // disabled by default and needs a manifest opt-in). Verified in Chromium 156
  // with probe extensions run by /work/shared/oracle/chromium.py; every case of
  // Tests/ExthostTests/Fixtures/serialization-cases.json was run there too:
  //  * A top-level `undefined` is sent as null; otherwise JSON.stringify rules:
  //    undefined / function / symbol members dropped, in arrays null; NaN and
  //    ±Infinity -> null; -0 -> 0; toJSON honoured (Date -> ISO string,
  //    invalid Date -> null); getters invoked; Map, Set, RegExp, Error,
  //    ArrayBuffer, DataView -> {} plus own enumerable props; typed arrays ->
  //    {"0":..,"1":..}; wrappers -> their primitive; holes -> null; shared
  //    references duplicated; prototypes lost.
  //  * JSON.stringify returning undefined (a top-level function or symbol) or
  //    throwing (cycle, BigInt, a throwing getter or toJSON, ...) gives
  //    "Could not serialize message." (V8's own texts such as "Converting
  //    circular structure to JSON" are swallowed by a TryCatch, never shown).
  //  * A value nested deeper than V8's stack allows (about 2400 levels in a
  //    service worker, 4800 in a content script; see depthLimit) gives
  //    "Could not serialize message." too.
  //  * More than 64 MiB (67108864) UTF-8 bytes of JSON text gives "Message
  //    exceeded maximum allowed size of 64MiB." (mojom::kMaxMessageBytes,
  //    checked with `>`: exactly 64 MiB passes).
  //  * Where it shows: port.postMessage throws Error(text) synchronously
  //    (gin_port.cc); runtime.sendMessage / tabs.sendMessage throw
  //    TypeError("Error in invocation of runtime.sendMessage(optional string
  //    extensionId, any message, optional object options, optional function
  //    callback): " + text) synchronously; sendResponse throws TypeError(text)
  //    in the responder and the sender's promise rejects with Error(text)
  //    (one_time_message_handler.cc). serializeMessage throws Error(text).
  //
  // ===========================================================================

  const {
    Error, ArrayIsArray, ObjectCreate, ObjectKeys, ObjectSetPrototypeOf, ReflectApply, JSONStringify,
    intrinsics,
  } = host.primordials;
  const apply = ReflectApply;
  const isArray = ArrayIsArray;
  const keysOf = ObjectKeys;
  const createObject = ObjectCreate;
  const JSONstringify = JSONStringify;
  const stringCharCodeAt = intrinsics['String.prototype.charCodeAt'];
  const numberValueOf = intrinsics['Number.prototype.valueOf'];
  const stringValueOf = intrinsics['String.prototype.valueOf'];
  const booleanValueOf = intrinsics['Boolean.prototype.valueOf'];

  const COULD_NOT_SERIALIZE = 'Could not serialize message.';
  const TOO_LARGE = 'Message exceeded maximum allowed size of 64MiB.';
  const MAX_MESSAGE_BYTES = 67108864;

  const Failure = host.SerializationFailure;

  // An empty array for bookkeeping with no prototype (writing an element calls no setter of Array.prototype).
  function newArray() {
    const array = [];
    ObjectSetPrototypeOf(array, null);
    return array;
  }

  // UTF-8 length of a well-formed string (JSON.stringify output has no lone surrogates).
  function utf8Length(text) {
    let n = text.length;
    for (let i = 0; i < text.length; i++) {
      const c = apply(stringCharCodeAt, text, [i]);
      if (c >= 0x80) n += c < 0x800 || (c >= 0xD800 && c < 0xDC00) ? 1 : 2;
    }
    return n;
  }

  // How deep Chromium lets a message go. Its JSON serializer (V8's JsonStringifier) recurses once
  // per level and gives up at V8's stack limit, which ends in "Could not serialize message.";
  // JavaScriptCore's JSON.stringify goes ten times deeper, and beyond ~20000 levels takes seconds
  // (its cycle check is quadratic) before it gives up. Measured in Chromium 156 by bisection
  // (the deepest array nested in arrays, or object {a: ...} in objects, that goes through):
  //   service worker:  arrays 2402 by port.postMessage, 2396 by runtime.sendMessage; objects 2602, 2596
  //   content script:  arrays 4778, 4772; objects 5176, 5170
  // which is one stack budget per context with an array level costing 13 units and an object
  // level 12: 31226 units in a service worker, 62114 in a content script (its thread has twice
  // the stack), 74 fewer through sendMessage (and sendResponse, not measured). The exact figures
  // move by a level or so with what is on the stack when the message is sent; this keeps the
  // measured ones. The replacer below counts the units of the objects JSON.stringify is inside
  // (`this` is the object whose member it is writing) and stops it past the budget.
  const ARRAY_LEVEL_UNITS = 13;
  const OBJECT_LEVEL_UNITS = 12;
  const stackUnits = (cx) => (cx.kind === 'content' ? 62114 : 31226);
  const ONE_TIME_MESSAGE_STACK_UNITS = 74;
  const TOO_DEEP = createObject(null);
  // An array too long for a message. Chromium writes a hole as "null" (five characters with its
  // comma), and JavaScriptCore takes seconds per 10^7 of them (minutes for 2^32 - 1), so an array
  // whose holes alone make its JSON longer than 64 MiB is refused before it is written: as too
  // large, or, once "null," per element passes V8's longest string (2^29 - 24 characters), with
  // "Could not serialize message." (V8 gives up). Measured in Chromium 156 with one element and
  // holes: 33554431 and 107374177 elements are too large, 107374178 and 2^32 - 1 cannot be
  // serialized. (Counting the elements costs what listing the array's keys costs, and only for
  // arrays of more than 2^26 / 5 elements.)
  const TOO_LONG = createObject(null);
  const V8_MAX_STRING_LENGTH = 536870888;

  // The replacer of the message being written: it changes nothing and throws TOO_DEEP past
  // `budget` units (and TOO_DEEP or TOO_LONG for an array too long to send). One function and one
  // state for every message, not one per message (making them cost more than writing a small
  // message): a getter or toJSON that sends a message of its own while one is being written
  // starts a nested write, which keeps the outer write's state aside and puts it back (chromeEncode).
  let holders = newArray(); // the objects being written, outermost first (0: the wrapper of the value)
  let units = newArray(); // the units used up to each
  let depth = 0;
  let budget = 0;
  let writing = false;
  function depthLimit(key, value) {
    if (typeof value !== 'object' || value === null) return value;
    const holder = this;
    while (depth > 0 && holders[depth - 1] !== holder) depth--;
    if (depth === 0) { holders[0] = holder; units[0] = 0; depth = 1; }
    const array = isArray(value);
    if (array && value.length > MAX_MESSAGE_BYTES / 5) {
      const length = value.length;
      const present = keysOf(value).length;
      if ((length - present) * 5 + present * 2 + 1 > MAX_MESSAGE_BYTES) {
        throw length * 5 + 1 > V8_MAX_STRING_LENGTH ? TOO_DEEP : TOO_LONG;
      }
    }
    const used = units[depth - 1] + (array ? ARRAY_LEVEL_UNITS : OBJECT_LEVEL_UNITS);
    if (used > budget) {
      // (A Number, String or Boolean object is written as its primitive, without a level of its own.)
      if (isPrimitiveWrapper(value)) return value;
      throw TOO_DEEP;
    }
    holders[depth] = value;
    units[depth] = used;
    depth++;
    return value;
  }

  // JSON.stringify(value, depthLimit) with `limit` units: the text, or what stringify threw.
  function stringifyWithin(value, limit) {
    const outer = writing ? { __proto__: null, holders, units, depth, budget } : null;
    if (outer) { holders = newArray(); units = newArray(); }
    writing = true;
    depth = 0;
    budget = limit;
    try {
      return JSONstringify(value, depthLimit);
    } finally {
      // (Nothing of this message is kept once it is written.)
      holders.length = 0;
      if (outer) {
        holders = outer.holders; units = outer.units; depth = outer.depth; budget = outer.budget;
      } else {
        writing = false;
      }
    }
  }

  function isPrimitiveWrapper(value) {
    const brandChecks = [numberValueOf, stringValueOf, booleanValueOf];
    for (let i = 0; i < brandChecks.length; i++) {
      try { apply(brandChecks[i], value, []); return true; } catch (e) {}
    }
    return false;
  }

  function chromeEncode(value, oneTime, cx) {
    let text;
    try {
      // (A string, number, boolean or null is written as it is: JSON.stringify looks for toJSON
      // only on objects and BigInts, and a primitive adds no level.)
      const type = typeof value;
      text = value === undefined || value === null ? 'null'
        : type === 'string' || type === 'number' || type === 'boolean' ? JSONstringify(value)
        : stringifyWithin(value, oneTime ? stackUnits(cx) - ONE_TIME_MESSAGE_STACK_UNITS : stackUnits(cx));
    } catch (e) {
      if (e === TOO_LONG) throw new Failure('too-large', new Error(TOO_LARGE));
      throw new Failure('uncloneable', new Error(COULD_NOT_SERIALIZE));
    }
    if (text === undefined) throw new Failure('uncloneable', new Error(COULD_NOT_SERIALIZE));
    if (text.length > MAX_MESSAGE_BYTES / 3 && (text.length > MAX_MESSAGE_BYTES || utf8Length(text) > MAX_MESSAGE_BYTES)) {
      throw new Failure('too-large', new Error(TOO_LARGE));
    }
    return text;
  }

  // ---- Exports -----------------------------------------------------------------------------------
  host.defineSerializer(chromeEncode);
  // (Parsed by the receiving context's JSON.parse, so the message is made in its realm.)
  host.deserializeMessage = (text, cx) => ReflectApply(cx.b.JSONParse, undefined, [text]);
});
