// exthost:realm host
// exthost:needs primordials
(function (host) {
  'use strict';
  // ===========================================================================
  // 10_format.js: how the `console` of every context (js/11_console.js) renders values as text.
  //
  // The text reproduces what Chromium's DevTools console shows for a message:
  // V8's console builtins and inspector (src/builtins/builtins-console.cc,
  // src/inspector/v8-console.cc, src/inspector/value-mirror.cc) and the DevTools
  // front end (panels/console/ConsoleFormat.ts, ConsoleViewMessage.ts,
  // object_ui/RemoteObjectPreviewFormatter.ts, ObjectPropertiesSection.ts,
  // platform/StringUtilities.ts) were read to fix each rule below.
  //
  // Levels: log/dir/dirxml/table/trace/group*/count/timeLog/timeEnd/clear ->
  // "log"; info -> "info"; warn and the timer/counter warnings -> "warn";
  // error/assert -> "error"; debug -> "debug".
  //
  // Messages
  //  * A call with no arguments prints nothing (log, info, warn, error, debug,
  //    dir, dirxml, table). group()/groupCollapsed() print "console.group" /
  //    "console.groupCollapsed", trace() "console.trace", assert(false)
  //    "Assertion failed: console.assert".
  //  * assert(cond, ...rest): nothing if cond is truthy, else
  //    "Assertion failed: " + rest formatted like log.
  //  * count(label = 'default'): "label: n" ("n" alone for an empty label);
  //    countReset of an unknown label warns "Count for 'x' does not exist".
  //  * time(label): warns "Timer 'x' already exists" if running; timeEnd /
  //    timeLog: "label: <ms> ms" (ms printed like a JS number, so a zero
  //    duration on the virtual clock is "default: 0 ms"); timeLog appends its
  //    extra arguments; an unknown label warns "Timer 'x' does not exist".
  //  * trace(...): the formatted arguments, then one "    at ..." line per
  //    stack frame (up to 200 frames, Error.stackTraceLimit is ignored).
  //  * group/groupCollapsed print their label and indent every following line
  //    (each line of a multi-line message) by 2 spaces per open group;
  //    groupEnd closes one; clear() prints "Console was cleared" and closes all.
  //  * dir(x): x rendered the way "%O" renders it (below); dirxml like log.
  //  * table(data, columns): a text grid "(index) | col | ..." (rows: the own
  //    properties of data, at most 1000; columns: the row objects' own
  //    properties in first-seen order, at most 20, or "Value" for primitive
  //    rows; `columns` keeps only the named ones), a rule line, the rows, then
  //    the one-word description of data (e.g. "Array(2)"), as DevTools prints
  //    it under the grid. A non-object is printed like log.
  //  * flavor "firefox" changes only the texts verified in Firefox's
  //    devtools/client/webconsole (messages.js, webconsole.properties):
  //    timeEnd "label: <ms rounded to 0.01>ms - timer ended", timeLog
  //    "label: <ms>ms", warnings "Timer “x” already exists." /
  //    "Timer “x” doesn’t exist." / "Counter “x” doesn’t exist.", countReset
  //    prints "label: 0", an unlabeled group "<no group label>", an empty count
  //    label "<no label>", clear "Console was cleared.". Values are rendered
  //    the Chrome way in both flavors.
  //
  // Format string (first argument a string; V8 converts, then DevTools
  // substitutes, both stages reproduced):
  //  %s String(arg) (a result containing specifiers is itself expanded),
  //  %d %i Math.floor(parseInt(arg)), %f parseFloat(arg) (symbols -> NaN),
  //  %o arg rendered as a plain argument, %O arg rendered as dir() does,
  //  %c and %_ consume an argument and print nothing, %% -> %, ANSI SGR
  //  sequences (ESC[...m) are removed; a specifier with no argument left stays
  //  as written. Unused arguments follow, separated by spaces; strings among
  //  them are printed raw. When the first argument is not a string every
  //  argument is rendered and strings are quoted: console.log(1, 'a') -> 1 'a'.
  //
  // Values (a top-level argument)
  //  string 'x' (quoted as DevTools does: ' unless the text has ', then ", then
  //  `; \\ and control characters escaped), number (-0 as -0), 1n, true,
  //  null, undefined, Symbol(s); function: "ƒ " + its source after
  //  `function`, trimmed, cut at 200 characters with "…" (class -> "class ...",
  //  arrow functions as written, async/generator "async ƒ" / "ƒ*");
  //  Date: Date.prototype.toString; RegExp: /source/flags; Error: the V8-style
  //  stack "Name: message\n    at fn (url:line:col)" (JSC's "fn@url:line:col"
  //  frames are converted; a stack string that is not JSC's is printed as is),
  //  followed by "Caused by: ..." for an Error or string `cause`;
  //  ArrayBuffer(n), DataView(n): that word only.
  //  Objects get DevTools' one-level preview:
  //    {a: 1, b: 'x', c: {…}, d: Array(2), f: ƒ}
  //    Foo {x: 1}           (class instance: constructor name, V8's rule)
  //    (3) [1, 'a', null]   ([] and [x] for lengths 0 and 1; Uint8Array(2) [..])
  //    Map(1) {'k' => {…}}  Set(2) {1, 2}   (at most 5 entries)
  //    Number {5}  String {'ab'}  WeakRef {{…}}
  //  Limits: 5 named properties and 100 index properties, then ", …"; holes
  //  as "empty" / "empty × n"; own properties only, non-enumerable and symbol
  //  keys included, in engine order; function-valued properties last; getters
  //  are never invoked (accessor properties are left out of object previews,
  //  "(...)" in arrays); names that are empty or have outer spaces are quoted.
  //  Nested values are one word: {…} (plain object), class name, Array(n),
  //  Map(n), ƒ, a date/regexp text, strings quoted and cut to 100 characters
  //  (50 + "…" + 49). So a preview never recurses: cycles cannot occur.
  //  Unlike Chrome (whose inspector sees engine internals), a Proxy is shown
  //  as its target would be (through its traps), a Promise as "Promise {}"
  //  (its state is not observable), WeakMap/WeakSet without entries, and
  //  private class fields are not listed.
  //  %O / dir: objects as their one-word description ("Object", "Array(2)",
  //  "Foo"), strings raw, functions "ƒ name(args)".
  //
  // Uncaught errors: host.describeUncaught(value, inPromise) returns the text
  // the flavor's browser logs ("Uncaught Error: boom\n    at ..." in Chrome,
  // "Error: boom\n    at ..." or "uncaught exception: plain" in Firefox) and
  // host.describeListenerError(value) Chrome's text after "Error in event
  // handler: "; "Reports of thrown values" below has the rules.
  //
  // Exported on host: formatValue(value), formatConsoleArguments(args),
  // describeUncaught(value, inPromise), describeListenerError(value),
  // formatStackTrace(stack) (JSC stack ->
  // "    at" lines), consoleEmit(level, text) (emit with group indentation).
  // Frames of the host's scripts (URLs under this file's exthost:///js/) are
  // dropped from traces and error stacks. Optional hooks, read at call time:
  //  * host.isInternalFrameURL(url) -> true drops other frames too;
  //  * host.describeNode(value) -> null, or {tag, markup} for a DOM node: it is
  //    (hooks are read only when `host` has them as own properties: a missing
  //    one must not be looked up on a prototype extension code controls);
  //    then shown as `markup` at top level (DevTools shows the element, e.g.
  //    '<div id="a" class="b">…</div>') and as `tag` elsewhere ('div#a.b',
  //    V8's descriptionForNode).
  //
  // Also installed: profile/profileEnd/timeStamp (print nothing), and for
  // chrome context() and createTask() as V8 has them.
  //
  // Nothing here throws out of a console method: every step that may run
  // extension code (toString, traps, getters of errors) is guarded, and work
  // per message is bounded. Where Chrome would throw (a %s argument whose
  // String() throws, endless recursion through toString), the argument is
  // shown by its description ("Object") and console calls nested more than
  // 4 deep print nothing. Trace frames use Error.stack's "    at" form (the
  // DevTools pane lists them as "fn @ url:line:col").
  // ===========================================================================

  const primordials = host.primordials;
  const G = host.global;
  const FIREFOX = host.flavor === 'firefox';
  const nativeNow = host.native.clock.monotonicNow;

  // This module runs in the host's own realm (Sources/Exthost/HostRealm.swift) and shows the
  // values of every extension context. Most of what it tells about a value works in any realm
  // (the built-ins' own checks: a Map's size getter throws for anything that is not a Map); the
  // few comparisons with an extension realm's built-ins (is this Error.prototype.toString?) use
  // the realm of the values being shown, which each entry point is given (`host.describeRealm`).
  let realm = null;
  function inRealm(r, f) {
    const saved = realm;
    realm = r;
    try { return f(); } finally { realm = saved; }
  }
  // What a realm's texts compare with, from its built-ins as the context took them
  // (js/00_0_builtins.js).
  // `contextHost` is the context's own `host` object, where its DOMException module (once loaded)
  // puts `domExceptionParts`: what reads an exception's name and message without running a getter.
  host.describeRealm = function (errorPrototype, errorToString, objectToString, contextHost) {
    return { __proto__: null, errorKinds: [[errorPrototype, 'Error']], errorToString, objectToString, contextHost };
  };
  // A DOMException's [name, message] as the context made it, or undefined for any other value.
  function domExceptionParts(value) {
    if (realm === null || realm.contextHost === undefined || !isObject(value)) return undefined;
    const reader = primordials.getOwnData(realm.contextHost, 'domExceptionParts');
    if (typeof reader !== 'function') return undefined;
    try {
      const parts = reader(value);
      return parts === undefined ? undefined : [$String(parts.name), $String(parts.message)];
    } catch (e) {
      return undefined;
    }
  }
  host.inRealm = inRealm;

  // ---- Intrinsics, taken before any extension code runs (js/00_0_builtins.js) ----
  const $String = primordials.String;
  const $Error = primordials.Error;
  const $TypeError = primordials.TypeError;
  const $Map = primordials.SafeMap;
  const $Set = primordials.SafeSet;
  const $ObjectIs = primordials.ObjectIs;
  const $freeze = primordials.ObjectFreeze;
  const apply = primordials.ReflectApply;
  const ownKeys = primordials.ReflectOwnKeys;
  const getProto = primordials.ReflectGetPrototypeOf;
  const gopd = primordials.ReflectGetOwnPropertyDescriptor;
  const defineProp = primordials.ReflectDefineProperty;
  const isArray = primordials.ArrayIsArray;
  const $parseInt = primordials.parseInt;
  const $parseFloat = primordials.parseFloat;
  const mathFloor = primordials.MathFloor;
  const mathRound = primordials.MathRound;
  const $JSONStringify = primordials.JSONStringify;
  const dataDescriptor = primordials.dataDescriptor;
  const intrinsics = primordials.intrinsics;
  const fnToString = intrinsics['Function.prototype.toString'];
  const objToString = intrinsics['Object.prototype.toString'];
  const hasOwn = intrinsics['Object.prototype.hasOwnProperty'];
  const SYM_TAG = primordials.SymbolToStringTag;
  const strSlice = intrinsics['String.prototype.slice'];
  const strIndexOf = intrinsics['String.prototype.indexOf'];
  const strLastIndexOf = intrinsics['String.prototype.lastIndexOf'];
  const strCharCodeAt = intrinsics['String.prototype.charCodeAt'];
  const strStartsWith = intrinsics['String.prototype.startsWith'];
  const strTrim = intrinsics['String.prototype.trim'];
  const strRepeat = intrinsics['String.prototype.repeat'];
  const reExec = intrinsics['RegExp.prototype.exec'];
  const arrJoin = intrinsics['Array.prototype.join'];
  const mapGet = intrinsics['Map.prototype.get'];
  const mapSet = intrinsics['Map.prototype.set'];
  const mapHas = intrinsics['Map.prototype.has'];
  const mapDelete = intrinsics['Map.prototype.delete'];
  const setHas = intrinsics['Set.prototype.has'];
  const setAdd = intrinsics['Set.prototype.add'];
  const listPush = primordials.listPush;
  const listCopy = primordials.listCopy;

  const dateGetTime = intrinsics['Date.prototype.getTime'];
  const dateToString = intrinsics['Date.prototype.toString'];
  const reSourceGet = intrinsics['get RegExp.prototype.source'];
  const reGlobalGet = intrinsics['get RegExp.prototype.global'];
  const reFlagGetters = [];
  {
    const flags = [['d', intrinsics['get RegExp.prototype.hasIndices']], ['g', intrinsics['get RegExp.prototype.global']],
      ['i', intrinsics['get RegExp.prototype.ignoreCase']], ['m', intrinsics['get RegExp.prototype.multiline']],
      ['s', intrinsics['get RegExp.prototype.dotAll']], ['u', intrinsics['get RegExp.prototype.unicode']],
      ['v', intrinsics['?get RegExp.prototype.unicodeSets']], ['y', intrinsics['get RegExp.prototype.sticky']]];
    for (let i = 0; i < flags.length; i++) {
      if (flags[i][1]) listPush(reFlagGetters, flags[i]);
    }
  }
  const mapSizeGet = intrinsics['get Map.prototype.size'];
  const setSizeGet = intrinsics['get Set.prototype.size'];
  const mapEntries = intrinsics['Map.prototype.entries'];
  const setValues = intrinsics['Set.prototype.values'];
  const mapIterNext = intrinsics['%MapIteratorPrototype%.next'];
  const setIterNext = intrinsics['%SetIteratorPrototype%.next'];
  const weakMapHas = intrinsics['WeakMap.prototype.has'];
  const weakSetHas = intrinsics['WeakSet.prototype.has'];
  const weakRefDeref = intrinsics['?WeakRef.prototype.deref'] || null;
  const typedArrayTagGet = intrinsics['get %TypedArray%.prototype.@@toStringTag'];
  const typedArrayLengthGet = intrinsics['get %TypedArray%.prototype.length'];
  const arrayBufferByteLength = intrinsics['get ArrayBuffer.prototype.byteLength'];
  const sharedArrayBufferByteLength = intrinsics['?get SharedArrayBuffer.prototype.byteLength'] || null;
  const dataViewByteLength = intrinsics['get DataView.prototype.byteLength'];
  const boxedValueOf = [
    ['Number', intrinsics['Number.prototype.valueOf']],
    ['String', intrinsics['String.prototype.valueOf']],
    ['Boolean', intrinsics['Boolean.prototype.valueOf']],
    ['Symbol', intrinsics['Symbol.prototype.valueOf']],
  ];
  if (intrinsics['?BigInt.prototype.valueOf']) listPush(boxedValueOf, ['BigInt', intrinsics['?BigInt.prototype.valueOf']]);

  // ---- Small safe helpers --------------------------------------------------
  function attempt(fn, fallback) {
    try { return fn(); } catch (e) { return fallback; }
  }
  function call(fn, self, a, b) {
    return apply(fn, self, arguments.length > 3 ? [a, b] : arguments.length > 2 ? [a] : []);
  }
  function slice(s, a, b) { return b === undefined ? call(strSlice, s, a) : call(strSlice, s, a, b); }
  function indexOf(s, t, from) { return call(strIndexOf, s, t, from || 0); }
  function startsWith(s, t) { return call(strStartsWith, s, t); }
  function trim(s) { return call(strTrim, s); }
  function repeat(s, n) { return n > 0 ? call(strRepeat, s, n) : ''; }
  // (Defines the element: assigning past the end would call a setter on Array.prototype.)
  function push(arr, v) { listPush(arr, v); }
  function join(arr, sep) { return call(arrJoin, arr, sep); }
  // The builtin exec does not consult anything extension code can patch
  // (String.prototype.replace/split and RegExp.prototype.test do).
  function exec(re, s) { re.lastIndex = 0; return call(reExec, re, s); }
  function test(re, s) { return exec(re, s) !== null; }
  function split(s, sep) {
    const out = [];
    let from = 0;
    for (;;) {
      const i = indexOf(s, sep, from);
      if (i === -1) { push(out, slice(s, from)); return out; }
      push(out, slice(s, from, i));
      from = i + sep.length;
    }
  }
  function replaceAll(s, find, rep) {
    return indexOf(s, find) === -1 ? s : join(split(s, find), rep);
  }
  function owns(obj, key) { return call(hasOwn, obj, key); }
  function isObject(v) { return (typeof v === 'object' && v !== null) || typeof v === 'function'; }

  // Own data property value (never a getter); undefined if absent/accessor/throwing.
  function dataProp(obj, key) {
    try {
      const d = gopd(obj, key);
      return d && owns(d, 'value') ? d.value : undefined;
    } catch (e) { return undefined; }
  }
  // Data property looked up along the prototype chain (bounded walk).
  function chainDataProp(obj, key) {
    let cur = obj;
    for (let i = 0; i < 64 && isObject(cur); i++) {
      let d;
      try { d = gopd(cur, key); } catch (e) { return undefined; }
      if (d) return owns(d, 'value') ? d.value : undefined;
      try { cur = getProto(cur); } catch (e) { return undefined; }
    }
    return undefined;
  }
  // [[Get]] that may run getters; guarded.
  function safeGet(obj, key) {
    try { return obj[key]; } catch (e) { return undefined; }
  }
  // String(v) that may run user code; returns fallback if it throws.
  function safeString(v, fallback) {
    try { return $String(v); } catch (e) { return fallback; }
  }

  // ---- Text utilities (DevTools' StringUtilities) -------------------------
  const ELLIPSIS = '\u2026';
  function hex(n, width) {
    let s = '';
    const digits = '0123456789ABCDEF';
    for (let i = 0; i < width; i++) { s = digits[n & 15] + s; n >>>= 4; }
    return s;
  }
  // Platform.StringUtilities.formatAsJSLiteral
  function jsLiteral(content) {
    let quote;
    let escapeQuote = false;
    if (indexOf(content, "'") === -1) quote = "'";
    else if (indexOf(content, '"') === -1) quote = '"';
    else if (indexOf(content, '`') === -1 && indexOf(content, '${') === -1) quote = '`';
    else { quote = "'"; escapeQuote = true; }
    let out = '';
    const n = content.length;
    let runStart = 0;
    for (let i = 0; i < n; i++) {
      const c = call(strCharCodeAt, content, i);
      let rep = null;
      let skip = 0;
      if (c === 0x5C) rep = '\\\\';
      else if (c === 0x27 && escapeQuote) rep = "\\'";
      else if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
        rep = c === 8 ? '\\b' : c === 12 ? '\\f' : c === 10 ? '\\n' : c === 13 ? '\\r'
          : c === 9 ? '\\t' : c === 11 ? '\\v' : '\\x' + hex(c, 2);
      } else if (c >= 0xD800 && c <= 0xDFFF) {
        const next = i + 1 < n ? call(strCharCodeAt, content, i + 1) : 0;
        if (c <= 0xDBFF && next >= 0xDC00 && next <= 0xDFFF) { i++; continue; }
        rep = '\\u' + hex(c, 4);
      } else if (c === 0x3C) {
        if (slice(content, i, i + 4) === '<!--') { rep = '\\x3C!--'; skip = 3; }
        else if (slice(content, i, i + 7) === '<script') { rep = '\\x3Cscript'; skip = 6; }
        else if (slice(content, i, i + 8) === '</script') { rep = '\\x3C/script'; skip = 7; }
      }
      if (rep !== null) {
        out += slice(content, runStart, i) + rep;
        i += skip;
        runStart = i + 1;
      }
    }
    out += slice(content, runStart);
    return quote + out + quote;
  }
  // V8 abbreviateString(value, kMiddle / kEnd), maxLength 100.
  function abbreviateMiddle(s) {
    if (s.length <= 100) return s;
    return slice(s, 0, 50) + ELLIPSIS + slice(s, s.length - 50 + 1);
  }
  function abbreviateEnd(s) {
    if (s.length <= 100) return s;
    return slice(s, 0, 99) + ELLIPSIS;
  }
  function trimEndWithMaxLength(s, max) {
    if (s.length <= max) return s;
    return slice(s, 0, max - 1) + ELLIPSIS;
  }
  function trimMiddle(s, max) {
    if (s.length <= max) return s;
    const left = max >> 1;
    const right = max - left - 1;
    return slice(s, 0, left) + ELLIPSIS + slice(s, s.length - right);
  }

  // ---- Classification (what V8's ValueMirror::create decides) -------------
  function numberDescription(n) {
    if ($ObjectIs(n, -0)) return '-0';
    return $String(n);
  }
  function bigintDescription(v) { return $String(v) + 'n'; }
  function symbolDescription(v) { return attempt(() => $String(v), 'Symbol()'); }

  const isNativeError = primordials.isNativeError;
  const proxyTargetOf = primordials.proxyTargetOf;
  const isProxy = primordials.isProxy;
  function isArgumentsObject(v) {
    return attempt(() => call(objToString, v) === '[object Arguments]', false);
  }
  function boxedPrimitive(v) {
    for (let i = 0; i < boxedValueOf.length; i++) {
      try { return { __proto__: null, kind: boxedValueOf[i][0], value: call(boxedValueOf[i][1], v) }; } catch (e) { /* next */ }
    }
    return null;
  }
  function isArrayIndexKey(key) {
    if (typeof key !== 'string' || key.length === 0 || key.length > 10) return false;
    const c0 = call(strCharCodeAt, key, 0);
    if (c0 === 0x30) return key.length === 1;
    for (let i = 0; i < key.length; i++) {
      const c = call(strCharCodeAt, key, i);
      if (c < 0x30 || c > 0x39) return false;
    }
    return +key < 4294967295;
  }
  // isArrayLike from value-mirror.cc: own uint32 `length` and a `splice`
  // function on the chain (or an arguments object). Data properties only.
  function arrayLikeLength(obj) {
    const len = dataProp(obj, 'length');
    if (typeof len !== 'number' || len < 0 || len > 4294967295 || mathFloor(len) !== len) return -1;
    if (isArgumentsObject(obj)) return len;
    const splice = chainDataProp(obj, 'splice');
    return typeof splice === 'function' ? len : -1;
  }

  function functionName(fn) {
    const n = dataProp(fn, 'name');
    return typeof n === 'string' ? n : '';
  }

  // JSReceiver::GetConstructorName: Symbol.toStringTag (data) on the chain, or
  // the name of a `constructor` function found on a prototype (not "Object").
  function className(obj) {
    let cur = obj;
    for (let i = 0; i < 64 && isObject(cur); i++) {
      const tag = dataProp(cur, SYM_TAG);
      if (typeof tag === 'string') return tag;
      if (i > 0) {
        const ctor = dataProp(cur, 'constructor');
        if (typeof ctor === 'function') {
          const n = functionName(ctor);
          if (n && n !== 'Object') return n;
        }
      }
      try { cur = getProto(cur); } catch (e) { break; }
    }
    if (typeof obj === 'function') return 'Function';
    if (attempt(() => isArray(obj), false)) return 'Array';
    if (isNativeError(obj)) return 'Error';
    if (isArgumentsObject(obj)) return 'Arguments';
    return 'Object';
  }

  function newMirror(type, subtype, value) {
    return {
      __proto__: null, type, subtype, value, cls: null, size: 0, length: 0, target: undefined, boxed: null, node: null,
    };
  }
  // Returns a "mirror": {type, subtype, value, ...}; subtype as in the protocol.
  function mirror(v) {
    const t = typeof v;
    if (v === null) return newMirror('object', 'null', v);
    if (t !== 'object' && t !== 'function') return newMirror(t, null, v);
    if (t === 'function') return newMirror('function', null, v);
    const m = newMirror('object', null, v);
    const nodeHook = dataProp(host, 'describeNode');
    if (typeof nodeHook === 'function') {
      const info = attempt(() => nodeHook(v), null);
      if (isObject(info) && typeof dataProp(info, 'tag') === 'string') {
        const markup = dataProp(info, 'markup');
        m.subtype = 'node';
        m.node = { __proto__: null, tag: dataProp(info, 'tag'), markup: typeof markup === 'string' ? markup : null };
        return m;
      }
    }
    // RegExp.prototype.global throws for non-RegExps and is undefined on RegExp.prototype.
    if (attempt(() => typeof call(reGlobalGet, v) === 'boolean', false)) {
      m.subtype = 'regexp';
      return m;
    }
    if (attempt(() => (call(dateGetTime, v), true), false)) { m.subtype = 'date'; return m; }
    if (isNativeError(v)) { m.subtype = 'error'; return m; }
    let size = attempt(() => call(mapSizeGet, v), -1);
    if (size >= 0) { m.subtype = 'map'; m.size = size; return m; }
    size = attempt(() => call(setSizeGet, v), -1);
    if (size >= 0) { m.subtype = 'set'; m.size = size; return m; }
    if (attempt(() => (call(weakMapHas, v, {}), true), false)) { m.subtype = 'weakmap'; return m; }
    if (attempt(() => (call(weakSetHas, v, {}), true), false)) { m.subtype = 'weakset'; return m; }
    const taTag = typedArrayTagGet ? attempt(() => call(typedArrayTagGet, v), undefined) : undefined;
    if (typeof taTag === 'string') {
      m.subtype = 'typedarray';
      m.length = attempt(() => call(typedArrayLengthGet, v), 0);
      return m;
    }
    let bytes = attempt(() => call(arrayBufferByteLength, v), -1);
    if (bytes < 0 && sharedArrayBufferByteLength) bytes = attempt(() => call(sharedArrayBufferByteLength, v), -1);
    if (bytes >= 0) { m.subtype = 'arraybuffer'; m.length = bytes; return m; }
    bytes = attempt(() => call(dataViewByteLength, v), -1);
    if (bytes >= 0) { m.subtype = 'dataview'; m.length = bytes; return m; }
    if (weakRefDeref) {
      const r = attempt(() => ({ __proto__: null, target: call(weakRefDeref, v) }), null);
      if (r) { m.subtype = 'weakref'; m.target = r.target; return m; }
    }
    if (attempt(() => isArray(v), false)) {
      m.subtype = 'array';
      const len = dataProp(v, 'length');
      m.length = typeof len === 'number' ? len : 0;
      return m;
    }
    const alen = arrayLikeLength(v);
    if (alen >= 0) { m.subtype = 'array'; m.length = alen; return m; }
    m.cls = className(v);
    if (m.cls === 'Promise' && attempt(() => call(objToString, v) === '[object Promise]', false)) {
      m.subtype = 'promise';
      return m;
    }
    m.boxed = boxedPrimitive(v);
    return m;
  }
  function mirrorClass(m) {
    if (m.cls === null || m.cls === undefined) m.cls = className(m.value);
    return m.cls;
  }

  function regexpDescription(v) {
    let flags = '';
    for (let i = 0; i < reFlagGetters.length; i++) {
      if (attempt(() => call(reFlagGetters[i][1], v), false)) flags += reFlagGetters[i][0];
    }
    return '/' + attempt(() => call(reSourceGet, v), '(?:)') + '/' + flags;
  }

  // V8's RemoteObject.description.
  function description(m) {
    const v = m.value;
    switch (m.type) {
      case 'undefined': return 'undefined';
      case 'boolean': return v ? 'true' : 'false';
      case 'number': return numberDescription(v);
      case 'string': return v;
      case 'bigint': return bigintDescription(v);
      case 'symbol': return symbolDescription(v);
      case 'function': return functionSource(v);
    }
    switch (m.subtype) {
      case 'null': return 'null';
      case 'array': case 'typedarray': case 'map': case 'set':
        return mirrorClass(m) + '(' + (m.subtype === 'map' || m.subtype === 'set' ? m.size : m.length) + ')';
      case 'arraybuffer': case 'dataview':
        return mirrorClass(m) + '(' + m.length + ')';
      case 'regexp': return regexpDescription(v);
      case 'date': return attempt(() => call(dateToString, v), mirrorClass(m));
      case 'error': return errorDescription(v);
      case 'node': return m.node.tag;
    }
    return mirrorClass(m);
  }

  // ---- Functions -----------------------------------------------------------
  function functionSource(fn) {
    let text = attempt(() => call(fnToString, fn), null);
    if (typeof text !== 'string') return 'function ' + functionName(fn) + '() { [native code] }';
    // JSC prints native functions on three lines; V8 on one.
    const nat = exec(/^function\s*([^(]*)\(\)\s*\{\s*\[native code\]\s*\}$/, text);
    if (nat) text = 'function ' + nat[1] + '() { [native code] }';
    return text;
  }
  // ObjectPropertiesSection.valueElementForFunctionDescription
  function renderFunction(fn, includePreview) {
    let text = functionSource(fn);
    if (test(/^function [gs]et /, text)) text = 'function ' + slice(text, 13);
    else if (test(/^function [gs]et\(/, text)) text = 'function' + slice(text, 12);
    if (test(/^[gs]et /, text)) text = slice(text, 4);
    const name = functionName(fn);
    const defaultName = name || (includePreview ? '' : 'anonymous');
    const asyncMatch = exec(/^(async\s+function)/, text);
    const isGenerator = startsWith(text, 'function*');
    const isGeneratorShorthand = startsWith(text, '*');
    const isBasic = !isGenerator && startsWith(text, 'function');
    const isClass = startsWith(text, 'class ') || startsWith(text, 'class{');
    const firstArrowIndex = indexOf(text, '=>');
    const isArrow = !asyncMatch && !isGenerator && !isBasic && !isClass && firstArrowIndex > 0;

    function nameAndArguments(contents) {
      const start = indexOf(contents, '(');
      const end = exec(/\)\s*{/, contents);
      if (start !== -1 && end && end.index > start) {
        return (trim(slice(contents, 0, start)) || defaultName) + slice(contents, start, end.index + 1);
      }
      return defaultName + '()';
    }
    function elements(prefix, body, abbreviation) {
      const head = prefix.length ? prefix + ' ' : '';
      if (includePreview) return head + trimEndWithMaxLength(trim(body), 200);
      return head + replaceAll(abbreviation, '\n', ' ');
    }
    if (isClass) {
      const after = slice(text, 5);
      const m = exec(/^[^{\s]+/, trim(after));
      return elements('class', after, (m && trim(m[0])) || defaultName);
    }
    if (asyncMatch) {
      const after = slice(text, asyncMatch[1].length);
      return elements('async \u0192', after, nameAndArguments(after));
    }
    if (isGenerator) {
      const after = slice(text, 9);
      return elements('\u0192*', after, nameAndArguments(after));
    }
    if (isGeneratorShorthand) {
      const after = slice(text, 1);
      return elements('\u0192*', after, nameAndArguments(after));
    }
    if (isBasic) {
      const after = slice(text, 8);
      return elements('\u0192', after, nameAndArguments(after));
    }
    if (isArrow) {
      let abbreviation = text;
      if (defaultName) abbreviation = defaultName + '()';
      else if (text.length > 60) abbreviation = slice(text, 0, firstArrowIndex + 2) + ' {' + ELLIPSIS + '}';
      return elements('', text, abbreviation);
    }
    return elements('\u0192', text, nameAndArguments(text));
  }

  // ---- Stacks and errors ---------------------------------------------------
  let selfURL = null;
  // Frames of the host's own scripts (exthost:///js/*) are left out of traces
  // and error stacks, as Chrome shows none for its own machinery.
  let internalPrefix = null;
  function frameURL(location) {
    const m = exec(/^(.*?)(?::\d+){1,2}$/, location);
    return m ? m[1] : location;
  }
  function isInternalURL(url) {
    if (url && selfURL && url === selfURL) return true;
    if (url && internalPrefix && startsWith(url, internalPrefix)) return true;
    const hook = dataProp(host, 'isInternalFrameURL');
    if (typeof hook === 'function' && url) return attempt(() => !!hook(url), false);
    return false;
  }
  function isJscStack(stack) {
    if (stack === '') return true;
    const lines = split(stack, '\n');
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i];
      if (l === '') continue;
      if (indexOf(l, '@') === -1 || test(/^\s/, l)) return false;
    }
    return true;
  }
  // A location `url:1:column` of a module script (js/47_module_syntax.js) with the header of its
  // classic script taken off the column; any other location as it is.
  function withoutModuleHeader(loc) {
    const m = exec(/^(.*):1:(\d+)$/, loc);
    if (!m) return loc;
    const header = host.native.engine.moduleHeader(m[1]);
    const column = +m[2];
    return header > 0 && column > header ? m[1] + ':1:' + (column - header) : loc;
  }
  // "fn@url:1:2" -> {text: "    at fn (url:1:2)", url}
  function convertJscFrame(line) {
    const at = indexOf(line, '@');
    let fn = at === -1 ? '' : slice(line, 0, at);
    let loc = at === -1 ? line : withoutModuleHeader(slice(line, at + 1));
    const url = loc === '[native code]' ? '' : frameURL(loc);
    if (loc === '' || loc === '[native code]') loc = '<anonymous>';
    if (fn === 'global code' || fn === 'module code' || fn === '') return { text: '    at ' + loc, url };
    if (fn === 'eval code') fn = 'eval';
    return { text: '    at ' + fn + ' (' + loc + ')', url };
  }
  // V8 "    at fn (url:1:2)" -> url
  function v8FrameURL(line) {
    let m = exec(/\(([^()]*)\)$/, line);
    if (m) return frameURL(m[1]);
    m = exec(/^\s*at (.*)$/, line);
    return m ? frameURL(m[1]) : '';
  }
  // Frames of a stack string (JSC or V8 format) as V8 "    at" lines.
  function stackFrames(stack, skip) {
    const out = [];
    const lines = split(stack, '\n');
    let dropped = 0;
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i];
      if (l === '') continue;
      let f;
      if (test(/^\s+at /, l)) f = { text: l, url: v8FrameURL(l) };
      else if (indexOf(l, '@') !== -1 || test(/:\d+:\d+$/, l)) f = convertJscFrame(l);
      else continue; // a V8 header line
      if (isInternalURL(f.url)) continue;
      if (dropped < skip) { dropped++; continue; }
      push(out, f.text);
    }
    return out;
  }
  function formatStackTrace(stack) {
    if (typeof stack !== 'string') return '';
    return join(stackFrames(stack, 0), '\n');
  }

  function errorHeader(e) {
    try {
      let name = safeGet(e, 'name');
      name = name === undefined ? 'Error' : $String(name);
      let msg = safeGet(e, 'message');
      msg = msg === undefined ? '' : $String(msg);
      if (!name) return msg;
      if (!msg) return name;
      return name + ': ' + msg;
    } catch (x) {
      return className(e);
    }
  }
  // value-mirror.cc descriptionForError(kNative), with JSC's frames-only
  // stack turned into V8's "header + at-lines" form.
  function errorDescription(e) {
    const stack = safeGet(e, 'stack');
    if (typeof stack === 'string') {
      if (!isJscStack(stack)) return stack;
      const frames = stackFrames(stack, 0);
      const header = errorHeader(e);
      return frames.length ? header + '\n' + join(frames, '\n') : header;
    }
    const cls = className(e);
    const msg = safeGet(e, 'message');
    return typeof msg === 'string' && msg !== '' ? cls + ': ' + msg : cls;
  }
  function renderError(e) {
    return errorDescription(e) + causeText(e);
  }
  // "\nCaused by: ..." for each Error (or a string) in the `cause` chain of `e`; '' for none.
  function causeText(e) {
    let out = '';
    const seen = [e];
    let cur = e;
    for (let depth = 0; depth < 10; depth++) {
      const cause = pureDataProp(cur, 'cause');
      if (typeof cause === 'string') { out += '\nCaused by: ' + cause; break; }
      if (!isObject(cause) || !isNativeError(cause)) break;
      for (let i = 0; i < seen.length; i++) if (seen[i] === cause) return out;
      push(seen, cause);
      out += '\nCaused by: ' + errorDescription(cause);
      cur = cause;
    }
    return out;
  }

  // ---- Object previews (value-mirror.cc + RemoteObjectPreviewFormatter) ---
  const NAME_LIMIT = 5;
  const INDEX_LIMIT = 100;
  const ENTRY_LIMIT = 5;
  const KEY_SCAN_LIMIT = 10000;

  // A PropertyPreview: {name, type, subtype, text} where text is the rendered value.
  function propertyPreview(name, v) {
    const m = mirror(v);
    return newProp(name, m.type, propertyValueText(m));
  }
  function newProp(name, type, text) {
    return { __proto__: null, name, type, text, isIndex: false, internal: false };
  }
  // buildPropertyPreview + renderPropertyPreview
  function propertyValueText(m) {
    switch (m.type) {
      case 'undefined': case 'boolean': case 'number': return description(m);
      case 'string': return jsLiteral(abbreviateMiddle(m.value));
      case 'bigint': return abbreviateMiddle(description(m));
      case 'symbol': return abbreviateEnd(description(m));
      case 'function': return '\u0192';
    }
    if (m.subtype === 'null') return 'null';
    const d = m.subtype === 'regexp' ? abbreviateMiddle(description(m)) : abbreviateEnd(description(m));
    return m.subtype ? d : abbreviateClassName(d);
  }
  // buildEntryPreview + renderPropertyPreview (descriptions not abbreviated).
  function entryValueText(m) {
    switch (m.type) {
      case 'undefined': case 'boolean': case 'number': case 'bigint': return description(m);
      case 'string': return jsLiteral(m.value);
      case 'symbol': return null; // V8 builds no entry preview for symbols
      case 'function': return '\u0192';
    }
    if (m.subtype === 'null') return 'null';
    const d = description(m);
    return m.subtype ? d : abbreviateClassName(d);
  }
  function abbreviateClassName(d) {
    const parts = split(d, '.');
    for (let i = 0; i < parts.length - 1; i++) parts[i] = trimMiddle(parts[i], 3);
    return parts.length === 1 && parts[0] === 'Object' ? '{' + ELLIPSIS + '}' : join(parts, '.');
  }
  function keyName(key) {
    return typeof key === 'symbol' ? symbolDescription(key) : key;
  }
  function renderName(name) {
    if (test(/^\s|\s$|^$|\n/, name)) return '"' + replaceAll(name, '\n', '\u21B5') + '"';
    return name;
  }

  // Collects own properties as V8's PreviewPropertyAccumulator does.
  function collectProperties(obj, m, props, limits) {
    const blockLength = m.subtype === 'array' || (m.boxed && m.boxed.kind === 'String');
    let skipIndex = m.boxed && m.boxed.kind === 'String' ? m.boxed.value.length + 1 : -1;
    let keys;
    if (m.subtype === 'typedarray' && m.length > INDEX_LIMIT) {
      // Elements only: a typed array is dense and may be huge.
      for (let i = 0; i < INDEX_LIMIT; i++) {
        const p = propertyPreview($String(i), attempt(() => obj[i], undefined));
        p.isIndex = true;
        push(props, p);
      }
      limits.overflow = true;
      return;
    }
    if (m.subtype === 'array' && m.length > KEY_SCAN_LIMIT) {
      // A huge array: if its first slots already hold more than INDEX_LIMIT
      // elements, take those instead of listing every key. (A sparse one is
      // listed below; listing costs what it holds.)
      const found = [];
      for (let i = 0; i < KEY_SCAN_LIMIT && found.length <= INDEX_LIMIT; i++) {
        let d;
        try { d = gopd(obj, $String(i)); } catch (e) { d = undefined; }
        if (d) push(found, [$String(i), d]);
      }
      if (found.length > INDEX_LIMIT) {
        for (let i = 0; i < INDEX_LIMIT; i++) {
          const d = found[i][1];
          let p;
          if (owns(d, 'value')) p = propertyPreview(found[i][0], d.value);
          else if (typeof dataProp(d, 'get') === 'function') p = newProp(found[i][0], 'accessor', '(...)');
          else continue;
          p.isIndex = true;
          push(props, p);
        }
        limits.overflow = true;
        return;
      }
    }
    try { keys = ownKeys(obj); } catch (e) { return; }
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k];
      if (blockLength && key === 'length') continue;
      const isIndex = isArrayIndexKey(key);
      if (isIndex && skipIndex > 0) { skipIndex--; if (skipIndex > 0) continue; }
      let d;
      try { d = gopd(obj, key); } catch (e) { continue; }
      if (!d) continue;
      let entry;
      const name = keyName(key);
      if (owns(d, 'value')) entry = propertyPreview(name, d.value);
      else if (typeof dataProp(d, 'get') === 'function') entry = newProp(name, 'accessor', '(...)');
      else continue;
      if (isIndex) {
        if (limits.index === 0) { limits.overflow = true; return; }
        limits.index--;
      } else {
        if (limits.name === 0) { limits.overflow = true; return; }
        limits.name--;
      }
      entry.isIndex = isIndex;
      push(props, entry);
    }
  }
  function collectEntries(obj, m, limits) {
    if (m.subtype !== 'map' && m.subtype !== 'set') return null;
    const entries = [];
    try {
      const isMap = m.subtype === 'map';
      const it = call(isMap ? mapEntries : setValues, obj);
      const next = isMap ? mapIterNext : setIterNext;
      for (;;) {
        const r = call(next, it);
        if (r.done) break;
        if (entries.length === ENTRY_LIMIT) { limits.overflow = true; break; }
        push(entries, isMap ? { __proto__: null, key: r.value[0], value: r.value[1], hasKey: true }
          : { __proto__: null, key: undefined, value: r.value, hasKey: false });
      }
    } catch (e) { /* keep what we have */ }
    return entries.length ? entries : null;
  }
  function sortValue(p) {
    if (p.internal) return 3;
    if (p.type !== 'function' && !startsWith(p.name, '#')) return 4;
    return 5;
  }
  function stableSortByComparator(list) {
    // Insertion sort: stable, and lists are short (bounded by the limits).
    for (let i = 1; i < list.length; i++) {
      const x = list[i];
      let j = i - 1;
      while (j >= 0 && sortValue(list[j]) > sortValue(x)) { list[j + 1] = list[j]; j--; }
      list[j + 1] = x;
    }
    return list;
  }

  function renderPreview(m) {
    const obj = m.value;
    const limits = { __proto__: null, name: NAME_LIMIT, index: INDEX_LIMIT, overflow: false };
    const props = [];
    if (m.boxed) {
      limits.name--;
      const inner = mirror(m.boxed.value);
      const p = newProp('[[PrimitiveValue]]', inner.type, propertyValueText(inner));
      p.internal = true;
      push(props, p);
    } else if (m.subtype === 'weakref') {
      limits.name--;
      const inner = mirror(m.target);
      const p = newProp('[[WeakRefTarget]]', inner.type, m.target === undefined ? null : propertyValueText(inner));
      p.internal = true;
      push(props, p);
    }
    collectProperties(obj, m, props, limits);
    const entries = collectEntries(obj, m, limits);
    const isArr = m.subtype === 'array' || m.subtype === 'typedarray';
    const desc = description(m);
    let objectDescription;
    if (isArr) {
      const len = m.length;
      const lengthText = len > 1 ? '(' + len + ')' : '';
      const name = mirrorClass(m);
      objectDescription = name === 'Array' ? lengthText : name + lengthText;
    } else {
      objectDescription = desc === 'Object' ? '' : desc;
    }
    const items = [];
    if (entries) {
      for (let i = 0; i < entries.length; i++) {
        const e = entries[i];
        const valueText = entryValueText(mirror(e.value));
        if (valueText === null) continue;
        if (e.hasKey) {
          const keyText = entryValueText(mirror(e.key));
          if (keyText === null) continue;
          push(items, keyText + ' => ' + valueText);
        } else {
          push(items, valueText);
        }
      }
    } else if (isArr) {
      const len = m.length;
      const indexProps = [];
      const otherProps = [];
      for (let i = 0; i < props.length; i++) {
        const p = props[i];
        if (!p.internal && p.isIndex && +p.name < len) push(indexProps, p);
        else push(otherProps, p);
      }
      const canShowGaps = !limits.overflow;
      let last = -1;
      for (let i = 0; i < indexProps.length; i++) {
        const p = indexProps[i];
        const index = +p.name;
        const gap = index - last - 1;
        const hasGaps = index !== i;
        if (canShowGaps && gap > 0) push(items, gap === 1 ? 'empty' : 'empty \u00D7 ' + gap);
        push(items, (!canShowGaps && hasGaps ? renderName(p.name) + ': ' : '') + p.text);
        last = index;
      }
      const trailingGap = len - last - 1;
      if (canShowGaps && trailingGap > 0) push(items, trailingGap === 1 ? 'empty' : 'empty \u00D7 ' + trailingGap);
      stableSortByComparator(otherProps);
      for (let i = 0; i < otherProps.length; i++) {
        push(items, renderName(otherProps[i].name) + ': ' + otherProps[i].text);
      }
    } else {
      const visible = [];
      for (let i = 0; i < props.length; i++) if (props[i].type !== 'accessor') push(visible, props[i]);
      stableSortByComparator(visible);
      for (let i = 0; i < visible.length; i++) {
        const p = visible[i];
        if (p.name === '[[PrimitiveValue]]') push(items, p.text);
        else if (p.name === '[[WeakRefTarget]]') push(items, p.text === null ? '<cleared>' : p.text);
        else push(items, renderName(p.name) + ': ' + p.text);
      }
    }
    let text = objectDescription ? objectDescription + ' ' : '';
    text += isArr ? '[' : '{';
    text += join(items, ', ');
    if (limits.overflow) text += items.length ? ', ' + ELLIPSIS : ELLIPSIS;
    text += isArr ? ']' : '}';
    return text;
  }

  // formatParameter(value, forceObject=false, includePreview=true)
  function renderValue(v, quoteStrings) {
    const m = mirror(v);
    if (m.type === 'string') return quoteStrings ? jsLiteral(v) : v;
    if (m.type === 'function') return renderFunction(v, true);
    if (m.type !== 'object' || m.subtype === 'null') return description(m);
    switch (m.subtype) {
      case 'error': return renderError(v);
      case 'node': return m.node.markup !== null ? m.node.markup : m.node.tag;
      case 'date': case 'regexp': case 'arraybuffer': case 'dataview': return description(m);
    }
    return renderPreview(m);
  }
  // formatParameter(value, forceObject=true, includePreview=false): %O, dir()
  function renderGeneric(v) {
    const m = mirror(v);
    if (m.type === 'function') return renderFunction(v, false);
    return description(m);
  }
  function safeRender(fn, v) {
    try { return fn(v); } catch (e) {
      return attempt(() => description(mirror(v)), typeof v === 'object' ? '{' + ELLIPSIS + '}' : '?');
    }
  }

  // ---- Format strings ------------------------------------------------------
  // Stage 1: builtins-console.cc Formatter() converts arguments in place.
  function v8Formatter(args) {
    if (args.length < 2 || typeof args[0] !== 'string') return;
    const states = [{ __proto__: null, str: args[0], off: 0 }];
    let index = 1;
    let guard = 0;
    while (states.length && index < args.length && guard++ < 100000) {
      const state = states[states.length - 1];
      state.off = indexOf(state.str, '%', state.off);
      if (state.off < 0 || state.off === state.str.length - 1) { states.length--; continue; }
      let current = args[index];
      const spec = state.str[state.off + 1];
      if (spec === 'd' || spec === 'f' || spec === 'i') {
        if (typeof current === 'symbol') current = NaN;
        else {
          try { current = spec === 'f' ? $parseFloat(current) : $parseInt(current, 10); } catch (e) { current = NaN; }
        }
      } else if (spec === 's') {
        let s;
        try { s = $String(current); } catch (e) { s = null; }
        if (s === null) { index++; state.off += 2; continue; } // leave it to stage 2
        current = s;
        if (states.length < 64) push(states, { __proto__: null, str: current, off: 0 });
      } else if (spec === 'c' || spec === 'o' || spec === 'O' || spec === '_') {
        index++;
        state.off += 2;
        continue;
      } else if (spec === '%') {
        state.off += 2;
        continue;
      } else {
        state.off++;
        continue;
      }
      args[index++] = current;
      state.off += 2;
    }
  }

  // Stage 2: DevTools ConsoleFormat.format(): returns {text, rest}.
  const FORMAT_RE = /%([%_Oocsdfi])|\x1B\[([\d;]*)m/;
  function frontendFormat(fmt, args) {
    let out = '';
    let argIndex = 0;
    let guard = 0;
    for (let match = exec(FORMAT_RE, fmt); match !== null && guard++ < 100000; match = exec(FORMAT_RE, fmt)) {
      out += slice(fmt, 0, match.index);
      let substitution;
      const spec = match[1];
      switch (spec) {
        case '%':
          out += '%';
          substitution = '';
          break;
        case 's':
          if (argIndex < args.length) substitution = safeRender(describeValue, args[argIndex++]);
          break;
        case 'c':
        case '_':
          if (argIndex < args.length) { argIndex++; substitution = ''; }
          break;
        case 'o':
          if (argIndex < args.length) { out += safeRender(renderQuoted, args[argIndex++]); substitution = ''; }
          break;
        case 'O':
          if (argIndex < args.length) { out += safeRender(renderGeneric, args[argIndex++]); substitution = ''; }
          break;
        case 'd': case 'f': case 'i':
          if (argIndex < args.length) {
            const value = args[argIndex++];
            let n = typeof value !== 'number' ? NaN : value;
            if (spec !== 'f') n = mathFloor(n);
            substitution = $String(n);
          }
          break;
        case undefined:
          substitution = ''; // an ANSI SGR sequence: styling only
          break;
      }
      if (substitution === undefined) {
        out += match[0];
        substitution = '';
      }
      fmt = substitution + slice(fmt, match.index + match[0].length);
      if (fmt.length > 1000000) break;
    }
    out += fmt;
    return { __proto__: null, text: out, rest: listCopy(args, argIndex) };
  }
  function describeValue(v) { return description(mirror(v)); }
  function renderQuoted(v) { return renderValue(v, true); }

  // ConsoleViewMessage.format(): the text of one message's parameters.
  function formatParameters(params) {
    if (params.length === 0) return '';
    if (params.length === 1 && typeof params[0] === 'string' && test(/\n\s+at /, params[0])) {
      return params[0]; // tryFormatAsError: an error-stack-looking string is shown as is
    }
    let text = '';
    let rest = params;
    const formatting = typeof params[0] === 'string';
    if (formatting) {
      const r = frontendFormat(params[0], listCopy(params, 1));
      text = r.text;
      rest = r.rest;
      if (rest.length) text += ' ';
    }
    for (let i = 0; i < rest.length; i++) {
      const p = rest[i];
      text += formatting && typeof p === 'string' ? p : safeRender(renderQuoted, p);
      if (i < rest.length - 1) text += ' ';
    }
    return text;
  }
  function formatConsoleArguments(args, noV8Stage) {
    const params = listCopy(args, 0);
    if (!noV8Stage) v8Formatter(params);
    return formatParameters(params);
  }

  // ---- For js/11_console.js ---------------------------------------------------
  // What the console object (its own module, loaded on the first touch of `console`) uses of this
  // formatting; the reports of thrown values below need no console.
  host.consoleFormat = {
    __proto__: null,
    $Error, $Map, $Set, $String, $TypeError, $freeze, FIREFOX, SYM_TAG,
    attempt, call, dataDescriptor, dataProp, defineProp, formatConsoleArguments, formatParameters, gopd,
    isArray, isArrayIndexKey, isObject, join, keyName, listCopy, mapDelete, mapGet,
    mapHas, mapSet, mathRound, mirror, nativeNow, ownKeys, owns,
    propertyValueText, push, renderGeneric, repeat, replaceAll, safeRender, safeString, setAdd,
    setHas, slice, stackFrames, strCharCodeAt,
  };

  // ---- Install ---------------------------------------------------------------
  try {
    const s = new $Error().stack;
    if (typeof s === 'string') {
      const lines = split(s, '\n');
      for (let i = 0; i < lines.length; i++) {
        const l = lines[i];
        if (test(/^\s+at /, l)) { selfURL = v8FrameURL(l); break; }
        if (indexOf(l, '@') !== -1) { selfURL = convertJscFrame(l).url || null; break; }
      }
    }
  } catch (e) { selfURL = null; }
  if (selfURL && startsWith(selfURL, 'exthost:')) {
    internalPrefix = slice(selfURL, 0, call(strLastIndexOf, selfURL, '/') + 1);
  }


  host.formatValue = function formatValue(value) {
    return safeRender((v) => renderValue(v, false), value);
  };
  host.formatConsoleArguments = function (args) {
    try { return formatConsoleArguments(args, false); } catch (e) { return ''; }
  };
  // JavaScriptCore words some of its own errors differently from V8 (Chromium) and SpiderMonkey
  // (Firefox). Reports of uncaught errors use the flavor's engine's words for the common ones.
  // (A quote around the property text is removed: 'x' and "x" both mean x.)
  const unquote = (text) => {
    let start = 0;
    let end = text.length;
    if (end > 0 && (text[0] === "'" || text[0] === '"')) start = 1;
    if (end > start && (text[end - 1] === "'" || text[end - 1] === '"')) end--;
    return slice(text, start, end);
  };
  const engineMessages = [
    // Reading a property of null or undefined.
    [/^(undefined|null) is not an object \(evaluating '(?:[^']*?)(?:\.([A-Za-z_$][\w$]*)|\[(.*)\])'\)$/, (m) => {
      const property = m[2] !== undefined ? m[2] : unquote(m[3]);
      return host.flavor === 'chrome'
        ? 'Cannot read properties of ' + m[1] + " (reading '" + property + "')"
        : "can't access property " + $JSONStringify(property) + ' of ' + m[1];
    }],
    // Calling something that is not a function.
    [/^(.*) is not a function\. \(In '.*', '.*' is (?:undefined|null|an instance of .*|.*)\)$/, (m) => m[1] + ' is not a function'],
    // An unknown variable.
    [/^Can't find variable: (.*)$/, (m) => m[1] + ' is not defined'],
  ];
  host.engineMessage = function (message) {
    if (typeof message !== 'string') return message;
    for (let i = 0; i < engineMessages.length; i++) {
      const m = exec(engineMessages[i][0], message);
      if (m) return engineMessages[i][1](m);
    }
    return message;
  };

  // ---- Reports of thrown values ----------------------------------------------------------------
  // What each browser writes when a value escapes a callback, worked out from the engines' code.
  //
  // Chromium (the console text of V8's message, src/execution/messages.cc and
  // src/objects/objects.cc):
  //  * uncaught (MessageHandler::ReportMessage): "Uncaught " + an object that is not an Error
  //    (functions included, Proxies not) converted with String() — its own toString runs, once —
  //    or "exception" when that throws; an Error, a Proxy or a primitive as V8 describes a value
  //    without running any of its code (Object::NoSideEffectsToString, below);
  //  * unhandled rejection: "Uncaught (in promise) " + that description, for every value;
  //  * a listener of an extension event (Chromium's ExceptionHandler): "Error in event handler: "
  //    + an Error's `stack` (its first line as V8 formats it: `name` read as scripts read it, a
  //    throwing one giving `<error: X>`, and the message the Error was made with), or, for any
  //    other value or an Error without a stack, "Uncaught " + the description.
  //  The description: a Proxy stands for its target (a revoked one for null); strings, numbers,
  //  booleans, null, undefined as String() has them; a symbol as Symbol(description); a function
  //  as its source (cut to 111 characters + "...<omitted>..." + its last 2 past 128); an Error
  //  as `name: message` from data properties only (one missing or not a string leaves out its
  //  part: an accessor counts as missing); an object whose toString is Object.prototype's as
  //  #<Constructor name>; any other object as [object Tag] (Symbol.toStringTag as a data
  //  property, else its builtin kind: Object, Array, Function, Error, Date, RegExp, ...). Data
  //  properties are looked up along the prototype chain, stopping at a Proxy.
  //  The frames of an Error's stack follow, one "    at" line each.
  //
  // Firefox (the text of the console service's message, SpiderMonkey's JS::ErrorReportBuilder
  // in js/src/jsexn.cpp): an Error (a Proxy of one is not) as `name: message` — both as strings,
  // `name` else the Error's kind (TypeError, ...), `message` else empty, so `Error: ` — and any
  // other value as "uncaught exception: " + String(value) (a symbol as Symbol(description)),
  // "unknown (can't convert to string)" when String() throws. Uncaught errors and listeners'
  // errors read `name` and `message` as scripts do (a getter runs, once; one that throws counts
  // as missing); unhandled rejections run nothing: data properties only, and any object that is
  // not an Error is just "Object". Firefox adds no "Uncaught" or "(in promise)". The frames of an
  // Error's stack follow, one "    at" line each.
  const symbolDescriptionGet = primordials.SymbolPrototypeGetDescription;

  // (Array.isArray looks through a Proxy without a trap, and throws for a revoked one.)
  function isRevokedProxy(v) { return attempt(() => (isArray(v), false), true); }
  // An Error made by an Error constructor (not a Proxy of one), tested without running its code.
  function isErrorValue(v) { return isObject(v) && !isProxy(v) && isNativeError(v); }

  // JSReceiver::GetDataProperty: a data property found along the prototype chain; undefined at
  // an accessor or a Proxy. Runs no getter and no trap.
  function pureDataProp(obj, key) {
    let cur = obj;
    for (let i = 0; i < 100000 && isObject(cur); i++) {
      if (isProxy(cur)) return undefined;
      let d;
      try { d = gopd(cur, key); } catch (e) { return undefined; }
      if (d) return owns(d, 'value') ? d.value : undefined;
      try { cur = getProto(cur); } catch (e) { return undefined; }
    }
    return undefined;
  }
  // JSReceiver::class_name, as far as a brand check tells it (none runs extension code).
  function builtinClass(v) {
    if (typeof v === 'function') return 'Function';
    if (attempt(() => isArray(v), false)) return 'Array';
    if (isNativeError(v)) return 'Error';
    if (attempt(() => (call(dateGetTime, v), true), false)) return 'Date';
    if (attempt(() => typeof call(reGlobalGet, v) === 'boolean', false)) return 'RegExp';
    if (attempt(() => call(mapSizeGet, v) >= 0, false)) return 'Map';
    if (attempt(() => call(setSizeGet, v) >= 0, false)) return 'Set';
    if (attempt(() => (call(weakMapHas, v, {}), true), false)) return 'WeakMap';
    if (attempt(() => (call(weakSetHas, v, {}), true), false)) return 'WeakSet';
    const taTag = typedArrayTagGet ? attempt(() => call(typedArrayTagGet, v), undefined) : undefined;
    if (typeof taTag === 'string') return taTag;
    if (attempt(() => call(arrayBufferByteLength, v) >= 0, false)) return 'ArrayBuffer';
    if (attempt(() => call(dataViewByteLength, v) >= 0, false)) return 'DataView';
    const boxed = boxedPrimitive(v);
    return boxed ? boxed.kind : 'Object';
  }
  function v8SymbolText(s) {
    const d = attempt(() => symbolDescriptionGet(s), undefined);
    if (typeof d !== 'string') return 'Symbol()';
    return 'Symbol(' + (d.length > 128 ? slice(d, 0, 56) + '...<omitted>...' + slice(d, d.length - 56) : d) + ')';
  }
  function v8FunctionText(fn) {
    const text = functionSource(fn);
    return text.length > 128 ? slice(text, 0, 111) + '...<omitted>...' + slice(text, text.length - 2) : text;
  }
  // NoSideEffectsErrorToString.
  function v8ErrorText(e) {
    const parts = domExceptionParts(e);
    const name = parts !== undefined ? parts[0] : pureDataProp(e, 'name');
    const nameText = typeof name === 'string' ? name : '';
    const message = parts !== undefined ? parts[1] : pureDataProp(e, 'message');
    const messageText = typeof message === 'string' ? (parts !== undefined ? message : host.engineMessage(message)) : '';
    if (nameText === '') return messageText;
    if (messageText === '') return nameText;
    return nameText + ': ' + messageText;
  }
  // Object::NoSideEffectsToString.
  function v8Describe(value) {
    let v = value;
    for (let i = 0; i < 100000; i++) {
      const target = proxyTargetOf(v);
      if (target === undefined) break;
      if (isRevokedProxy(v)) { v = null; break; }
      v = target;
    }
    switch (typeof v) {
      case 'string': return v;
      case 'symbol': return v8SymbolText(v);
      case 'function': return v8FunctionText(v);
      case 'object': break;
      default: return safeString(v, '');
    }
    if (v === null) return 'null';
    const toString = pureDataProp(v, 'toString');
    if (isNativeError(v) || (realm !== null && toString === realm.errorToString)) return v8ErrorText(v);
    if (realm !== null && toString === realm.objectToString) {
      const ctor = pureDataProp(v, 'constructor');
      // (A constructor the host made lazily is a Proxy of a function standing for the browser's
      // own: js/00_1_modules.js.)
      const fn = typeof ctor === 'function' && isProxy(ctor) && isHostConstructor(ctor) ? proxyTargetOf(ctor) : ctor;
      if (typeof fn === 'function' && !isProxy(fn)) {
        const name = functionName(fn);
        if (name !== '') return '#<' + name + '>';
      }
    }
    const tag = pureDataProp(v, SYM_TAG);
    return '[object ' + (typeof tag === 'string' ? tag : builtinClass(v)) + ']';
  }
  // Whether `ctor`, a Proxy, is one of the constructors the context's loader made lazily.
  function isHostConstructor(ctor) {
    const contextHost = realm === null ? undefined : realm.contextHost;
    const check = contextHost === undefined ? undefined : primordials.getOwnData(contextHost, 'isLazyConstructorTarget');
    return typeof check === 'function' && check(proxyTargetOf(ctor));
  }
  // ErrorUtils::ToString as V8 formats the first line of an Error's stack: `name` read as a
  // script reads it, and the message the Error was made with. (JavaScriptCore keeps no copy of
  // that message: the own `message` data property stands for it when it is a string; nothing
  // does once an accessor or a value of another type replaced it.) Throws what a getter throws.
  function v8StackHeader(e) {
    if (!isObject(e)) throw new $TypeError('Error.prototype.toString requires that \'this\' be an Object');
    const nameValue = e.name;
    const name = nameValue === undefined ? 'Error' : $String(nameValue);
    const message = dataProp(e, 'message');
    const messageText = typeof message === 'string' ? host.engineMessage(message) : '';
    if (name === '') return messageText;
    if (messageText === '') return name;
    return name + ': ' + messageText;
  }
  // An Error's stack as V8 gives it: the header, then the frames (one given in V8's form as is).
  function v8StackText(e, stack) {
    if (!isJscStack(stack)) return stack;
    let header;
    try {
      header = v8StackHeader(e);
    } catch (thrown) {
      try { header = '<error: ' + v8StackHeader(thrown) + '>'; } catch (again) { header = '<error>'; }
    }
    const frames = stackFrames(stack, 0);
    return frames.length ? header + '\n' + join(frames, '\n') : header;
  }
  // The frames of an Error's stack as "    at" lines after a line break; '' for other values.
  function errorFrames(value) {
    if (!isErrorValue(value)) return '';
    const stack = dataProp(value, 'stack');
    if (typeof stack !== 'string') return '';
    const frames = stackFrames(stack, 0);
    return frames.length ? '\n' + join(frames, '\n') : '';
  }
  // ErrorReportToString; `sideEffects`: read `name` and `message` as scripts do.
  function firefoxErrorText(e, sideEffects) {
    const parts = domExceptionParts(e);
    let name = sideEffects ? attempt(() => e.name, undefined) : parts !== undefined ? parts[0] : pureDataProp(e, 'name');
    if (typeof name !== 'string') name = errorKind(e);
    const message = sideEffects ? attempt(() => e.message, undefined) : parts !== undefined ? parts[1] : pureDataProp(e, 'message');
    return name + ': ' + (typeof message === 'string' ? host.engineMessage(message) : '');
  }
  // The constructor an Error was made by (a subclass's base): the first of the realm's Error
  // prototypes on its chain.
  function errorKind(e) {
    let cur = e;
    for (let i = 0; i < 100000 && isObject(cur) && !isProxy(cur); i++) {
      const kinds = realm === null ? [] : realm.errorKinds;
      for (let k = 0; k < kinds.length; k++) if (kinds[k][0] === cur) return kinds[k][1];
      try { cur = getProto(cur); } catch (x) { break; }
    }
    return 'Error';
  }

  // The report of an uncaught exception (`inPromise`: an unhandled rejection).
  host.describeUncaught = (r, value, inPromise) => inRealm(r, () => describeUncaught(value, inPromise));
  // V8's description of a value without running its code (what its DataCloneError names).
  host.v8Describe = (r, value) => inRealm(r, () => v8Describe(value));
  function describeUncaught(value, inPromise) {
    if (FIREFOX) {
      if (isErrorValue(value)) return firefoxErrorText(value, !inPromise) + errorFrames(value);
      let text;
      if (typeof value === 'symbol') text = symbolDescription(value);
      else if (inPromise && isObject(value)) text = 'Object';
      else text = safeString(value, "unknown (can't convert to string)");
      return 'uncaught exception: ' + text;
    }
    let body;
    if (inPromise || !isObject(value) || isProxy(value) || isNativeError(value)) body = v8Describe(value);
    else body = safeString(value, 'exception');
    const causes = isErrorValue(value) ? attempt(() => causeText(value), '') : '';
    return (inPromise ? 'Uncaught (in promise) ' : 'Uncaught ') + body + errorFrames(value) + causes;
  }

  // The builtin kind of an object (Object for a plain one), for js/60_messaging.js.
  host.builtinClass = builtinClass;
  // What the test harnesses compare values by, read through the built-ins' own methods (a brand
  // check: each throws for a value of another class).
  const regExpTest = intrinsics['RegExp.prototype.test'];
  const Uint8ArrayOf = primordials.Uint8Array;
  host.brandValues = {
    __proto__: null,
    // A Date's time value.
    dateTime: (value) => call(dateGetTime, value),
    // The value of a String, Number, Boolean, Symbol or BigInt object.
    primitiveValue(value) {
      const boxed = boxedPrimitive(value);
      return boxed ? boxed.value : undefined;
    },
    // A Map's entries or a Set's values, as a list of [key, value] pairs (a Set's keys are its values).
    entries(value) {
      const isMap = attempt(() => call(mapSizeGet, value) >= 0, false);
      const list = [];
      const it = call(isMap ? mapEntries : setValues, value);
      const next = isMap ? mapIterNext : setIterNext;
      for (;;) {
        const r = call(next, it);
        if (r.done) break;
        listPush(list, isMap ? [r.value[0], r.value[1]] : [r.value, r.value]);
      }
      return list;
    },
    // Whether two ArrayBuffers hold the same bytes.
    sameBytes(a, b) {
      const length = call(arrayBufferByteLength, a);
      if (length !== call(arrayBufferByteLength, b)) return false;
      const x = new Uint8ArrayOf(a);
      const y = new Uint8ArrayOf(b);
      for (let i = 0; i < length; i++) if (x[i] !== y[i]) return false;
      return true;
    },
    // `regExp.test(text)`, as RegExp.prototype.test runs it (it calls the object's `exec`).
    regExpTest: (regExp, text) => call(regExpTest, regExp, text),
  };

  // Chromium's report of a value thrown by a listener of an extension event, after
  // "Error in event handler: ".
  host.describeListenerError = (r, value) => inRealm(r, () => describeListenerError(value));
  function describeListenerError(value) {
    if (isErrorValue(value)) {
      const stack = attempt(() => value.stack, undefined);
      if (typeof stack === 'string') return v8StackText(value, stack);
    }
    return 'Uncaught ' + v8Describe(value);
  }
  host.formatStackTrace = function (stack) {
    try { return formatStackTrace(stack); } catch (e) { return ''; }
  };
});
