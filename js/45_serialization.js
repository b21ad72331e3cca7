// exthost:needs primordials serialization_failure
// exthost:flavors firefox
// exthost:module serialization
// exthost:eager
// (Eager: its set-up takes some seventy built-ins, which must be those of before any extension script.)
(function (host) {
  'use strict';
  // ===========================================================================
  // 45_serialization.js: how a message crosses from one context to another in
  // the firefox flavor (the chrome flavor's is js/44_serialization_json.js).
  //
  // A message leaves the sender as a string made here (host.serializeMessage,
  // called synchronously inside postMessage / sendMessage / sendResponse) and
  // becomes a value of the receiver's realm in host.deserializeMessage.
  //
  // flavor "firefox": structured clone (SpiderMonkey js/src/vm/StructuredClone.cpp
  // behind ExtensionChild.sys.mjs's StructuredCloneHolder). Verified in
  // Firefox ESR 153 the same way, with /work/shared/oracle/firefox.py:
  //  * primitives as they are (undefined, -0, NaN, ±Infinity, BigInt, lone
  //    surrogates); Boolean/Number/String/BigInt wrappers; Date (also invalid);
  //    RegExp (source and flags, lastIndex 0, other props dropped); Map, Set
  //    (own props dropped); ArrayBuffer (resizable kept with maxByteLength),
  //    typed arrays, DataView, with one buffer shared by several views still
  //    shared; cycles and shared references preserved.
  //  * Plain objects and class instances: own enumerable string keys in order,
  //    getters invoked, prototype becomes Object.prototype, a key deleted by an
  //    earlier getter is skipped. Arrays: length, holes and extra own
  //    enumerable props kept.
  //  * Errors: name kept if one of Error, EvalError, RangeError,
  //    ReferenceError, SyntaxError, TypeError, URIError, AggregateError, else
  //    "Error" (subclasses too); message only if an own data property
  //    (ToString'd; a Symbol throws TypeError "can't convert symbol to
  //    string"); cause if an own data property (even undefined); errors of an
  //    AggregateError; stack, fileName, lineNumber, columnNumber copied (own,
  //    non-enumerable, in the receiver); other own props dropped. Here the
  //    sender's JSC `stack`, `line`, `column`, `sourceURL` are carried over
  //    too, and fileName/lineNumber/columnNumber are derived from them when
  //    the error has none.
  //  * Not cloneable -> DOMException DataCloneError (code 25), message
  //    "<class> object could not be cloned.": Function, BoundFunctionObject,
  //    Promise, WeakMap, WeakSet, WeakRef, FinalizationRegistry, Generator,
  //    AsyncGenerator, "Map Iterator" and other iterators, "Iterator Helper",
  //    Arguments, Symbol (wrapper), Math, JSON, Intl, "Intl.Collator" (any
  //    Intl object by its tag), Atomics, WebAssembly, builtin prototypes as
  //    "Date.prototype", "Map.prototype", "TypeError.prototype", ...,
  //    "TypedArrayPrototype", "Iterator.prototype", a detached ArrayBuffer
  //    ("ArrayBuffer object could not be cloned."), the global ("Proxy" in
  //    extension pages, "Sandbox" in content scripts). A view on a detached
  //    buffer: "attempting to access detached ArrayBuffer". A symbol inside a
  //    value: "unsupported type for structured data". An object with a toJSON
  //    method fails on the function. An exception thrown by a getter
  //    propagates unchanged. Reflect, Symbol.prototype, Object.prototype,
  //    generator prototypes are plain objects; Array/Number/String/
  //    Boolean.prototype clone as an empty array / wrappers.
  //  * A top-level symbol: port.postMessage throws DOMException
  //    InvalidStateError "An exception was thrown" (code 11); sendMessage
  //    rejects with Error "An unexpected error occurred".
  //  * No size limit (a 64 MiB string and a 64 MiB UTF-8 string passed), no
  //    depth limit (values nested 10^6 levels deep went through port.postMessage
  //    and runtime.sendMessage): the walk here is iterative too (see Frame).
  //  * A sparse array costs what it holds, not its length, as in Firefox.
  //  * Where it shows: port.postMessage throws synchronously; sendMessage
  //    returns a promise rejected with the same error; sendResponse does not
  //    throw and the sender's promise rejects with "Could not establish
  //    connection. Receiving end does not exist.".
  //  * Not reproduced: Proxy objects (Firefox: "Proxy object could not be
  //    cloned."; here cloned through their traps: JavaScript cannot tell a
  //    proxy); DOM platform objects (here: plain objects); extra named
  //    properties of arrays are kept only for RegExp match arrays (own
  //    `input`): listing an array's keys costs ~0.1 us per element in
  //    JavaScriptCore; Object.create(Promise.prototype) and the like are
  //    taken for what their tag says (no side-effect-free brand check exists);
  //    an Error's original stack after `stack` was reassigned or deleted
  //    (here: its current own value).
  //
  // Exports: host.serializeMessage(value) -> string (throws what
  // port.postMessage throws); host.trySerializeMessage(value) -> {ok: true,
  // text} or {ok: false, reason, error}, reason "uncloneable", "too-large"
  // (chrome), "exception" (firefox: thrown by a getter, rethrow as is) or
  // "top-level-symbol" (firefox), for callers that report failures their own
  // way (sendMessage, sendResponse); host.deserializeMessage(text) -> value
  // of this realm; host.messageErrors (fixed texts);
  // host.makeDOMException(message, name) (the context's DOMException,
  // js/24_dom_exception.js).
  //
  // Wire format. chrome: the JSON text, nothing else. firefox: plain JSON when
  // the value is a tree of plain objects, arrays without holes, strings,
  // booleans, null and finite numbers other than -0 (the receiver then only
  // runs JSON.parse); otherwise "T" + JSON of the same tree where every other
  // value is a node {"\u0001": kind, ...} ("u" undefined, "n" number, "b"
  // BigInt, "r" reference to the i-th object met, "O"/"a" object/array as key
  // and value lists, "D" Date, "R" RegExp, "B"/"N"/"S"/"Z" wrappers, "M" Map,
  // "T" Set, "AB" ArrayBuffer with bytes as U+0100+byte chars, "A" typed
  // array, "V" DataView, "E" Error). Encoder and decoder number objects in
  // the same order. Cost in JavaScriptCore: chrome = JSON.stringify/parse;
  // firefox, plain data: about 2x JSON.stringify to send, JSON.parse to receive.
  // ===========================================================================


  // ---- Intrinsics of this realm, taken before extension code can replace them ----
  const primordials = host.primordials;
  const { Error, TypeError, SafeMap, SafeWeakMap, SafeWeakSet, getOwn } = primordials;
  const apply = primordials.ReflectApply;
  const JSONstringify = primordials.JSONStringify;
  const JSONparse = primordials.JSONParse;
  const ObjectProto = Object.prototype;
  const getProto = Object.getPrototypeOf;
  const setProto = Object.setPrototypeOf;
  const keysOf = Object.keys;
  const defineProperty = Object.defineProperty;
  const getOwnDesc = Object.getOwnPropertyDescriptor;
  const createObject = Object.create;
  // (Object.hasOwn as captured: `hasOwnProperty.call` would look up `call` on Function.prototype
  // each time, and an uncurried hasOwnProperty is 2x slower in JavaScriptCore.)
  const hasOwn = primordials.ObjectHasOwn;
  const isArray = Array.isArray;
  const isError = Error.isError || ((v) => apply(ObjectProto.toString, v, []) === '[object Error]');
  const objectToString = ObjectProto.toString;
  const fromCharCode = String.fromCharCode;
  const stringSlice = String.prototype.slice;
  const stringCharCodeAt = String.prototype.charCodeAt;
  const stringStartsWith = String.prototype.startsWith;
  const bigintToString = BigInt.prototype.toString;
  const getter = (proto, name) => getOwnDesc(proto, name).get;
  const dateGetTime = Date.prototype.getTime;
  const booleanValueOf = Boolean.prototype.valueOf;
  const numberValueOf = Number.prototype.valueOf;
  const stringValueOf = String.prototype.valueOf;
  const bigintValueOf = BigInt.prototype.valueOf;
  const symbolValueOf = Symbol.prototype.valueOf;
  const mapSize = getter(Map.prototype, 'size');
  const mapForEach = Map.prototype.forEach;
  const mapSet = Map.prototype.set;
  const setSize = getter(Set.prototype, 'size');
  const setForEach = Set.prototype.forEach;
  const setAdd = Set.prototype.add;
  const regexpSource = getter(RegExp.prototype, 'source');
  const regexpFlagGetters = [];
  for (const [flag, name] of [['d', 'hasIndices'], ['g', 'global'], ['i', 'ignoreCase'], ['m', 'multiline'],
    ['s', 'dotAll'], ['u', 'unicode'], ['v', 'unicodeSets'], ['y', 'sticky']]) {
    const desc = getOwnDesc(RegExp.prototype, name);
    if (desc && desc.get) regexpFlagGetters.push([flag, desc.get]);
  }
  const abByteLength = getter(ArrayBuffer.prototype, 'byteLength');
  const abDetachedDesc = getOwnDesc(ArrayBuffer.prototype, 'detached');
  const abDetached = abDetachedDesc ? abDetachedDesc.get : null;
  const abResizableDesc = getOwnDesc(ArrayBuffer.prototype, 'resizable');
  const abResizable = abResizableDesc ? abResizableDesc.get : null;
  const abMaxByteLength = abResizable ? getter(ArrayBuffer.prototype, 'maxByteLength') : null;
  const TypedArrayProto = getProto(Uint8Array.prototype);
  const taName = getter(TypedArrayProto, Symbol.toStringTag);
  const taBuffer = getter(TypedArrayProto, 'buffer');
  const taByteOffset = getter(TypedArrayProto, 'byteOffset');
  const taLength = getter(TypedArrayProto, 'length');
  const dvBuffer = getter(DataView.prototype, 'buffer');
  const dvByteOffset = getter(DataView.prototype, 'byteOffset');
  const dvByteLength = getter(DataView.prototype, 'byteLength');
  const weakMapHas = typeof WeakMap === 'function' ? WeakMap.prototype.has : null;
  const weakSetHas = typeof WeakSet === 'function' ? WeakSet.prototype.has : null;
  const weakRefDeref = typeof WeakRef === 'function' ? WeakRef.prototype.deref : null;
  const registryUnregister = typeof FinalizationRegistry === 'function' ? FinalizationRegistry.prototype.unregister : null;
  const ArrayCtor = Array;
  const MapCtor = Map;
  const SetCtor = Set;
  const DateCtor = Date;
  const RegExpCtor = RegExp;
  const ArrayBufferCtor = ArrayBuffer;
  const DataViewCtor = DataView;
  const Uint8ArrayCtor = Uint8Array;
  const Uint16ArrayCtor = Uint16Array;
  const ObjectCtor = Object;
  const BigIntCtor = BigInt;
  const toStringTag = Symbol.toStringTag;

  const typedArrayCtors = createObject(null);
  for (const name of ['Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array',
    'Uint32Array', 'Float16Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array']) {
    if (typeof host.global[name] === 'function') typedArrayCtors[name] = host.global[name];
  }
  const errorCtors = createObject(null);
  for (const name of ['Error', 'EvalError', 'RangeError', 'ReferenceError', 'SyntaxError', 'TypeError', 'URIError',
    'AggregateError']) {
    if (typeof host.global[name] === 'function') errorCtors[name] = host.global[name];
  }

  // ---- Errors ------------------------------------------------------------------------------------
  const COULD_NOT_SERIALIZE = 'Could not serialize message.';
  const TOO_LARGE = 'Message exceeded maximum allowed size of 64MiB.';
  const MAX_MESSAGE_BYTES = 67108864;
  host.messageErrors = {
    __proto__: null,
    couldNotSerialize: COULD_NOT_SERIALIZE,
    tooLarge: TOO_LARGE,
    maxMessageBytes: MAX_MESSAGE_BYTES,
    unexpected: 'An unexpected error occurred', // firefox: sendMessage(Symbol()) rejects with this
  };

  // The context's DOMException (js/24_dom_exception.js) as the loader made it, whatever a script
  // did to the global since (this module runs before the lazy globals exist: it is found when used;
  // constructing it loads its module).
  host.makeDOMException = (message, name) => {
    host.load('dom_exception');
    return new host.lazyGlobals.DOMException(message, name);
  };

  const Failure = host.SerializationFailure;
  const uncloneable = (className) =>
    new Failure('uncloneable', host.makeDOMException(className + ' object could not be cloned.', 'DataCloneError'));

  // ---- firefox: structured clone -----------------------------------------------------------------
  const TAG = '\u0001';
  // An array of the encoder's tree or bookkeeping: no prototype, so that writing an element calls
  // no setter of Array.prototype and JSON.stringify finds no toJSON on it.
  function newArray(length) {
    const array = new ArrayCtor(length);
    setProto(array, null);
    return array;
  }
  const node = (kind) => { const n = createObject(null); n[TAG] = kind; return n; };
  const UNDEFINED_NODE = node('u');
  const numberNode = (text) => { const n = node('n'); n.v = text; return n; };
  const NAN_NODE = numberNode('NaN');
  const INFINITY_NODE = numberNode('Infinity');
  const MINUS_INFINITY_NODE = numberNode('-Infinity');
  const MINUS_ZERO_NODE = numberNode('-0');

  // Objects that are not plain although they look so (or are prototypes), by the class
  // name SpiderMonkey gives them in "<class> object could not be cloned.".
  const specialObjects = new SafeMap();
  {
    const g = host.global;
    const add = (object, name) => {
      if (object !== null && (typeof object === 'object' || typeof object === 'function') && !specialObjects.has(object)) {
        apply(mapSet, specialObjects, [object, name]);
      }
    };
    for (const name of ['Math', 'JSON', 'Intl', 'Atomics', 'WebAssembly']) {
      if (g[name] !== undefined) add(g[name], name);
    }
    for (const name of ['Date', 'Map', 'Set', 'WeakMap', 'WeakSet', 'WeakRef', 'FinalizationRegistry', 'ArrayBuffer',
      'SharedArrayBuffer', 'DataView', 'Promise', 'RegExp', 'BigInt', 'Error', 'EvalError', 'RangeError',
      'ReferenceError', 'SyntaxError', 'TypeError', 'URIError', 'AggregateError', 'Iterator',
      ...keysOf(typedArrayCtors)]) {
      if (typeof g[name] === 'function' && g[name].prototype) add(g[name].prototype, name + '.prototype');
    }
    add(TypedArrayProto, 'TypedArrayPrototype');
    const iteratorProtos = [
      [[].values(), 'Array Iterator'], [new Map().values(), 'Map Iterator'], [new Set().values(), 'Set Iterator'],
      [''[Symbol.iterator](), 'String Iterator'], ['a'.matchAll(/a/g), 'RegExp String Iterator'],
    ];
    for (const [it, name] of iteratorProtos) add(getProto(it), name);
    if (typeof g.Iterator === 'function' && typeof g.Iterator.prototype.map === 'function') {
      try { add(getProto([].values().map((x) => x)), 'Iterator Helper'); } catch (e) {}
    }
    add(g, host.kind === 'content' ? 'Sandbox' : 'Proxy');
    // Wrapper objects although their prototype is Object.prototype: cloned as Boolean(false), Number(0), String('').
    add(Boolean.prototype, '');
    add(Number.prototype, '');
    add(String.prototype, '');
  }

  // Class name of an object that is not one of the cloneable kinds, or '' for an ordinary object.
  function uncloneableName(v) {
    if (typeof v === 'function') {
      const name = getOwnDesc(v, 'name');
      return name && hasOwn(name, 'value') && typeof name.value === 'string' && apply(stringStartsWith, name.value, ['bound ']) && !hasOwn(v, 'prototype')
        ? 'BoundFunctionObject' : 'Function';
    }
    const tag = apply(stringSlice, apply(objectToString, v, []), [8, -1]);
    switch (tag) {
      case 'Object': return '';
      case 'Arguments': return 'Arguments';
      case 'Symbol':
        try { apply(symbolValueOf, v, []); return 'Symbol'; } catch (e) { return ''; }
      case 'WeakMap':
        try { apply(weakMapHas, v, [v]); return 'WeakMap'; } catch (e) { return ''; }
      case 'WeakSet':
        try { apply(weakSetHas, v, [v]); return 'WeakSet'; } catch (e) { return ''; }
      case 'WeakRef':
        try { apply(weakRefDeref, v, []); return 'WeakRef'; } catch (e) { return ''; }
      case 'FinalizationRegistry':
        try { apply(registryUnregister, v, [{}]); return 'FinalizationRegistry'; } catch (e) { return ''; }
      case 'SharedArrayBuffer': case 'Promise': case 'Generator': case 'AsyncGenerator': case 'Map Iterator':
      case 'Set Iterator': case 'Array Iterator': case 'String Iterator': case 'RegExp String Iterator':
      case 'Iterator Helper': case 'Async-from-Sync Iterator':
        // No side-effect-free brand check exists for these: trust a tag that comes from a prototype.
        return hasOwn(v, toStringTag) ? '' : tag;
      default:
        if (apply(stringStartsWith, tag, ['Intl.']) && !hasOwn(v, toStringTag)) return tag;
        return '';
    }
  }

  // Bytes as one char each, U+0100..U+01FF: never escaped by JSON, one code unit per byte.
  function bytesToString(buffer, length) {
    const bytes = new Uint8ArrayCtor(buffer, 0, length);
    const chunk = 8192;
    let out = '';
    const codes = new Uint16ArrayCtor(length < chunk ? length : chunk);
    for (let start = 0; start < length; start += chunk) {
      const end = start + chunk < length ? start + chunk : length;
      const part = end - start === codes.length ? codes : new Uint16ArrayCtor(codes.buffer, 0, end - start);
      for (let i = start; i < end; i++) part[i - start] = bytes[i] | 0x100;
      out += apply(fromCharCode, null, part);
    }
    return out;
  }
  function stringToBytes(text, buffer) {
    const bytes = new Uint8ArrayCtor(buffer);
    for (let i = 0; i < text.length; i++) bytes[i] = apply(stringCharCodeAt, text, [i]);
  }

  function toStringSM(value) {
    if (typeof value === 'symbol') throw new TypeError("can't convert symbol to string");
    return `${value}`;
  }

  // The encoder's state: objects met so far (the first LINEAR in `recent`, searched linearly;
  // beyond, a WeakMap object -> number, which is faster than a Map in JavaScriptCore), whether the
  // tree needs the tagged form, and the stack of objects being written. A getter may send a message
  // while one is being encoded, hence the save and restore in firefoxEncode.
  let memory = null;
  let recent = newArray(0);
  let objectCount = 0;
  let tagged = false;
  const LINEAR = 16;

  // The encoder and the decoder walk a value with an explicit stack of frames instead of recursing,
  // as SpiderMonkey's JSStructuredCloneWriter and Reader do, so a value nested a million levels deep
  // is cloned as in Firefox instead of overflowing the stack. A frame is one object whose members are
  // being visited in order; `step` visits them until one is an object that needs a frame of its own
  // (it pushes that frame and returns true: the walk goes on there, depth first, so getters run and
  // objects are numbered in the same order as a recursive walk) or until none is left (false). When
  // a frame is done, its result is stored in its parent as the member the parent was visiting
  // (`target[key]`, or as the kind says).
  const PENDING = createObject(null); // what encodeValue returns when it pushed a frame
  class Frame {
    constructor() {
      this.kind = 0;
      this.source = null; // the object being encoded, or the node being decoded
      this.out = null; // the frame's result once it is done
      this.target = null; // where the member being visited goes, at `key`
      this.key = undefined;
      this.list = null; // the keys, elements or entries to visit
      this.index = 0; // the next one to visit
      this.length = 0;
      this.stage = 0;
      this.extra = undefined;
      this.proto = null; // encoder: the prototype of `source`, for ownMember
    }
  }
  setProto(Frame.prototype, null);
  // Encoder frame kinds.
  const PLAIN = 0; // own enumerable properties into a null-prototype object
  const KEYED = 1; // own enumerable properties into a node's key and value lists
  const ARRAY = 2; // elements while there is no hole
  const HOLES = 3; // elements after the first hole, into a node's key and value lists
  const ENTRIES = 4; // the collected entries of a Map or values of a Set, encoded in place
  const ERROR = 5; // an Error's errors, then its cause
  const MEMBER = 6; // one member of a node (a view's buffer)

  // The frames of the encoding under way (reused from one message to the next) and how many are in use.
  let frames = newArray(0);
  let frameCount = 0;
  let encoding = false;
  let deepest = 0; // the most frames in use at once
  const KEPT_FRAMES = 256;

  // list[index], made or reused, set up for a new object of `kind`.
  function frameAt(list, index, kind, source, out, target) {
    let frame = list[index];
    if (frame === undefined) { frame = new Frame(); list[index] = frame; }
    frame.kind = kind;
    frame.source = source;
    frame.out = out;
    frame.target = target;
    frame.key = undefined;
    frame.list = null;
    frame.index = 0;
    frame.length = 0;
    frame.stage = 0;
    frame.extra = undefined;
    frame.proto = null;
    return frame;
  }

  function pushFrame(kind, source, out, target) {
    const frame = frameAt(frames, frameCount, kind, source, out, target);
    frameCount++;
    if (frameCount > deepest) deepest = frameCount;
    return frame;
  }

  // Whether `k` is an own property of `v`, whose prototype is `proto`. Reading a member that is
  // not own (a hole, a key a getter deleted) would run a getter or take a value that extension
  // code put on a prototype, which Firefox never reads. Object.hasOwn costs ~0.5 us in
  // JavaScriptCore for an index, `in` ~0.01 us, and `in` alone tells when the prototype chain lacks
  // the key (always, but for polluted prototypes).
  const ownMember = (v, proto, k) => (proto !== null && k in proto ? hasOwn(v, k) : k in v);

  // The encoding of a primitive, or of an object met before, Date, RegExp, wrapper or ArrayBuffer;
  // PENDING after pushing a frame for an object with members.
  function encodeValue(v) {
    switch (typeof v) {
      case 'string': case 'boolean':
        return v;
      case 'number':
        if (v === 0) {
          if (1 / v > 0) return 0;
          tagged = true;
          return MINUS_ZERO_NODE;
        }
        if (v - v === 0) return v;
        tagged = true;
        return v !== v ? NAN_NODE : v > 0 ? INFINITY_NODE : MINUS_INFINITY_NODE;
      case 'undefined':
        tagged = true;
        return UNDEFINED_NODE;
      case 'bigint': {
        tagged = true;
        const n = node('b');
        n.v = apply(bigintToString, v, []);
        return n;
      }
      case 'symbol':
        throw new Failure('uncloneable', host.makeDOMException('unsupported type for structured data', 'DataCloneError'));
      default:
        return v === null ? null : encodeObject(v);
    }
  }

  // The encoding of `value`: the tree JSON.stringify turns into the message.
  function encodeTree(value) {
    const base = frameCount;
    let result = encodeValue(value);
    while (frameCount > base) {
      const frame = frames[frameCount - 1];
      if (step(frame)) continue;
      frameCount--;
      if (frameCount === base) { result = frame.out; break; }
      const parent = frames[frameCount - 1];
      parent.target[parent.key] = frame.out;
    }
    return result;
  }

  // Visits the members of `frame` (see Frame): true when it pushed a frame for one, false when done.
  function step(frame) {
    const v = frame.source;
    switch (frame.kind) {
      case PLAIN: {
        // A key an earlier getter deleted is skipped, as SpiderMonkey skips a key no longer own.
        const keys = frame.list;
        const proto = frame.proto;
        while (frame.index < keys.length) {
          const k = keys[frame.index++];
          if (!ownMember(v, proto, k)) continue;
          if (writeMember(frame, k, v[k])) return true;
        }
        return false;
      }
      case KEYED: case HOLES: {
        // The keys listed when the frame started that are still own. For an array with holes, only
        // the indexes after the first hole (SpiderMonkey too writes the keys it listed first that
        // are still own), so a huge sparse array costs what it holds, not its length.
        const keys = frame.list;
        const ks = frame.extra;
        const vs = frame.target;
        const holes = frame.kind === HOLES;
        while (frame.index < keys.length) {
          const k = keys[frame.index++];
          if (holes ? !isIndexAfter(k, frame.stage, frame.length) || !ownMember(v, frame.proto, k) : !hasOwn(v, k)) continue;
          const x = v[k];
          ks[ks.length] = k;
          if (writeMember(frame, vs.length, x)) return true;
        }
        return false;
      }
      case ARRAY: {
        const length = frame.length;
        const proto = frame.proto;
        while (frame.index < length) {
          const i = frame.index++;
          if (!ownMember(v, proto, i)) {
            startHoles(frame, i);
            return step(frame);
          }
          if (writeMember(frame, i, v[i])) return true;
        }
        return false;
      }
      case ENTRIES: {
        const list = frame.list;
        while (frame.index < list.length) {
          const i = frame.index++;
          if (writeMember(frame, i, list[i])) return true;
        }
        return false;
      }
      case ERROR: {
        // As SpiderMonkey's JSStructuredCloneWriter::traverseError: the errors of an AggregateError
        // (Get), then the own cause data property.
        const n = frame.out;
        if (frame.stage === 0) {
          frame.stage = 1;
          if (n.t === 'AggregateError' && writeMember(frame, 'e', v.errors)) return true;
        }
        if (frame.stage === 1) {
          frame.stage = 2;
          const causeDesc = getOwnDesc(v, 'cause');
          if (causeDesc && hasOwn(causeDesc, 'value') && writeMember(frame, 'c', causeDesc.value)) return true;
        }
        return false;
      }
      default: { // MEMBER
        if (frame.stage === 1) return false;
        frame.stage = 1;
        return writeMember(frame, frame.key, frame.extra);
      }
    }
  }

  // Whether key `k` is an array index after `from` and below `length`.
  function isIndexAfter(k, from, length) {
    const i = +k;
    return i > from && i < length && `${i}` === k;
  }

  // Writes the encoding of `x` as `frame.target[key]`; or, when `x` needs a frame of its own, pushes
  // it, remembers `key` (where its result goes, see encodeTree) and returns true.
  function writeMember(frame, key, x) {
    const encoded = encodeValue(x);
    if (encoded === PENDING) { frame.key = key; return true; }
    frame.target[key] = encoded;
    return false;
  }

  // An array found to have a hole at `from`: the elements already encoded, then the ones present.
  function startHoles(frame, from) {
    tagged = true;
    const v = frame.source;
    const out = frame.out;
    const n = lengthNode(v.length);
    const ks = newArray(0);
    const vs = newArray(0);
    for (let i = 0; i < from; i++) { ks[i] = `${i}`; vs[i] = out[i]; }
    n.k = ks;
    n.v = vs;
    frame.kind = HOLES;
    frame.length = v.length;
    frame.list = keysOf(v);
    frame.index = 0;
    frame.stage = from; // only indexes after the hole
    frame.out = n;
    frame.target = vs;
    frame.extra = ks;
  }

  // The number of an object met before, or -1 (a linear search while there are few objects).
  function seenBefore(v) {
    if (objectCount <= LINEAR) {
      for (let i = 0; i < objectCount; i++) if (recent[i] === v) return i;
      if (objectCount < LINEAR) { recent[objectCount++] = v; return -1; }
      memory = new SafeWeakMap();
      for (let i = 0; i < LINEAR; i++) memory.set(recent[i], i);
    }
    const seen = memory.get(v);
    if (seen !== undefined) return seen;
    memory.set(v, objectCount++);
    return -1;
  }

  function encodeObject(v) {
    const seen = seenBefore(v);
    if (seen >= 0) {
      tagged = true;
      const n = node('r');
      n.i = seen;
      return n;
    }
    if (isArray(v)) return encodeArray(v);
    const special = specialObjects.get(v);
    if (special !== undefined) {
      if (special) throw uncloneable(special);
      return encodeOther(v);
    }
    const proto = getProto(v);
    if ((proto === ObjectProto || proto === null) && typeof v !== 'function'
        && !(hasOwn(v, 'callee') && apply(objectToString, v, []) === '[object Arguments]')) {
      return encodePlain(v, proto);
    }
    return encodeOther(v);
  }

  // Own enumerable string-keyed properties, in order, into a null-prototype object (assigning to it
  // calls no setter, and JSON.stringify finds no toJSON on it).
  function encodePlain(v, proto) {
    if (hasOwn(v, TAG)) return encodeKeyed(v, node('O'));
    const out = createObject(null);
    const frame = pushFrame(PLAIN, v, out, out);
    frame.list = keysOf(v);
    frame.proto = proto;
    return PENDING;
  }

  // An object as a node listing its keys and values: arrays with extra properties, objects having
  // the reserved key.
  function encodeKeyed(v, n) {
    tagged = true;
    const ks = newArray(0);
    const vs = newArray(0);
    n.k = ks;
    n.v = vs;
    const frame = pushFrame(KEYED, v, n, vs);
    frame.list = keysOf(v);
    frame.extra = ks;
    return PENDING;
  }

  const lengthNode = (length) => { const n = node('a'); n.l = length; return n; };

  // Arrays: length and own elements (a missing one is a hole). Listing an array's keys to find
  // extra named properties costs about 0.1 us per element in JavaScriptCore, so only RegExp match
  // arrays (own `input`, with index and groups) get their named properties.
  function encodeArray(v) {
    const length = v.length;
    if (hasOwn(v, 'input')) return encodeKeyed(v, lengthNode(length));
    // (Filled in order: JavaScriptCore's new Array(n) allocates n slots up to ~10^8, 1.4 s for a sparse one.)
    const out = newArray(0);
    const frame = pushFrame(ARRAY, v, out, out);
    frame.length = length;
    frame.proto = getProto(v);
    return PENDING;
  }

  // A node whose member `key` is the encoding of `value`.
  function encodeMember(n, key, value) {
    const frame = pushFrame(MEMBER, null, n, n);
    frame.key = key;
    frame.extra = value;
    return PENDING;
  }

  const detachedFailure = () =>
    new Failure('uncloneable', host.makeDOMException('attempting to access detached ArrayBuffer', 'DataCloneError'));

  // Everything but arrays and plain objects: the cloneable builtins, what cannot be cloned,
  // and class instances (cloned as plain objects).
  function encodeOther(v) {
    const failure = uncloneableName(v);
    if (failure) throw uncloneable(failure);
    let n;
    switch (apply(objectToString, v, [])) {
      case '[object Date]': {
        let time;
        try { time = apply(dateGetTime, v, []); } catch (e) { break; }
        n = node('D');
        n.v = time === time ? time : null;
        tagged = true;
        return n;
      }
      case '[object RegExp]': {
        let source;
        try { source = apply(regexpSource, v, []); } catch (e) { break; }
        let flags = '';
        for (let i = 0; i < regexpFlagGetters.length; i++) {
          if (apply(regexpFlagGetters[i][1], v, [])) flags += regexpFlagGetters[i][0];
        }
        n = node('R');
        n.s = source;
        n.f = flags;
        tagged = true;
        return n;
      }
      case '[object Boolean]': {
        let x;
        try { x = apply(booleanValueOf, v, []); } catch (e) { break; }
        n = node('B');
        n.v = x;
        tagged = true;
        return n;
      }
      case '[object Number]': {
        let x;
        try { x = apply(numberValueOf, v, []); } catch (e) { break; }
        n = node('N');
        n.v = encodeValue(x);
        tagged = true;
        return n;
      }
      case '[object String]': {
        let x;
        try { x = apply(stringValueOf, v, []); } catch (e) { break; }
        n = node('S');
        n.v = x;
        tagged = true;
        return n;
      }
      case '[object BigInt]': {
        let x;
        try { x = apply(bigintValueOf, v, []); } catch (e) { break; }
        n = node('Z');
        n.v = apply(bigintToString, x, []);
        tagged = true;
        return n;
      }
      case '[object Error]':
        if (isError(v)) return encodeError(v);
        break;
      case '[object Map]': {
        try { apply(mapSize, v, []); } catch (e) { break; }
        const entries = newArray(0);
        apply(mapForEach, v, [(value, key) => { entries[entries.length] = key; entries[entries.length] = value; }]);
        n = node('M');
        n.v = entries;
        tagged = true;
        pushFrame(ENTRIES, v, n, entries).list = entries;
        return PENDING;
      }
      case '[object Set]': {
        try { apply(setSize, v, []); } catch (e) { break; }
        const values = newArray(0);
        apply(setForEach, v, [(value) => { values[values.length] = value; }]);
        n = node('T');
        n.v = values;
        tagged = true;
        pushFrame(ENTRIES, v, n, values).list = values;
        return PENDING;
      }
      case '[object ArrayBuffer]': {
        let length;
        try { length = apply(abByteLength, v, []); } catch (e) { break; }
        if (abDetached && apply(abDetached, v, [])) throw uncloneable('ArrayBuffer');
        n = node('AB');
        n.d = bytesToString(v, length);
        if (abResizable && apply(abResizable, v, [])) n.m = apply(abMaxByteLength, v, []);
        tagged = true;
        return n;
      }
      case '[object DataView]': {
        let buffer;
        try { buffer = apply(dvBuffer, v, []); } catch (e) { break; }
        if (abDetached && apply(abDetached, buffer, [])) throw detachedFailure();
        tagged = true;
        n = node('V');
        n.o = apply(dvByteOffset, v, []);
        n.l = apply(dvByteLength, v, []);
        return encodeMember(n, 'b', buffer);
      }
      default: {
        const name = apply(taName, v, []);
        if (name === undefined) break;
        const buffer = apply(taBuffer, v, []);
        if (abDetached && apply(abDetached, buffer, [])) throw detachedFailure();
        tagged = true;
        n = node('A');
        n.t = name;
        n.o = apply(taByteOffset, v, []);
        n.l = apply(taLength, v, []);
        return encodeMember(n, 'b', buffer);
      }
    }
    // A class instance, or an object whose tag does not match what it is: its own
    // enumerable properties.
    return encodePlain(v, getProto(v));
  }

  // As SpiderMonkey's JSStructuredCloneWriter::traverseError: Get(name), the own message data
  // property and the location here; errors (AggregateError) and the own cause data property in `step`.
  function encodeError(v) {
    tagged = true;
    const nameValue = v.name;
    const type = typeof nameValue === 'string' && errorCtors[nameValue] ? nameValue : 'Error';
    const n = node('E');
    n.t = type;
    const messageDesc = getOwnDesc(v, 'message');
    if (messageDesc && hasOwn(messageDesc, 'value')) n.m = toStringSM(messageDesc.value);
    for (let i = 0; i < errorLocationKeys.length; i++) {
      const key = errorLocationKeys[i];
      const desc = getOwnDesc(v, key);
      if (desc && hasOwn(desc, 'value')) {
        const x = desc.value;
        if (typeof x === 'string' || (typeof x === 'number' && x - x === 0)) n[key] = x;
      }
    }
    pushFrame(ERROR, v, n, n);
    return PENDING;
  }
  const errorLocationKeys = ['stack', 'sourceURL', 'line', 'column', 'fileName', 'lineNumber', 'columnNumber'];
  const ownErrorKeys = ['message', 'errors', 'stack', 'sourceURL', 'line', 'column'];

  // JSON.stringify(tree), for a tree deeper than DEEP_TREE levels: JavaScriptCore's JSON.stringify
  // recurses (it gives up at ~40000 levels) and checks for cycles along the path (quadratic in the
  // depth: seconds at 20000 levels). The same text, written with a stack. (JSON.parse has no such
  // limit: it read 10^7 levels.) The tree holds null-prototype objects and arrays (dense), strings,
  // finite numbers, booleans and null.
  const DEEP_TREE = 1000;
  function stringifyDeepTree(tree) {
    const containers = newArray(0);
    const keyLists = newArray(0); // null for an array
    const positions = newArray(0);
    let depth = 0;
    let text = '';
    let value = tree;
    for (;;) {
      if (value !== null && typeof value === 'object') {
        const array = isArray(value);
        text += array ? '[' : '{';
        containers[depth] = value;
        keyLists[depth] = array ? null : keysOf(value);
        positions[depth] = 0;
        depth++;
      } else {
        text += typeof value === 'string' ? JSONstringify(value) : `${value}`;
      }
      for (;;) {
        if (depth === 0) return text;
        const container = containers[depth - 1];
        const keys = keyLists[depth - 1];
        const i = positions[depth - 1];
        if (i < (keys === null ? container.length : keys.length)) {
          positions[depth - 1] = i + 1;
          if (i > 0) text += ',';
          if (keys === null) {
            value = container[i];
          } else {
            text += JSONstringify(keys[i]) + ':';
            value = container[keys[i]];
          }
          break;
        }
        text += keys === null ? ']' : '}';
        containers[--depth] = undefined;
      }
    }
  }

  // The message text, or a thrown Failure; other exceptions (from getters) pass through.
  function firefoxEncode(value) {
    if (typeof value === 'symbol') {
      throw new Failure('top-level-symbol', host.makeDOMException('An exception was thrown', 'InvalidStateError'));
    }
    const outerMemory = memory;
    const outerRecent = recent;
    const outerCount = objectCount;
    const outerTagged = tagged;
    const outerFrames = frames;
    const outerFrameCount = frameCount;
    const outerEncoding = encoding;
    const outerDeepest = deepest;
    memory = null;
    recent = encoding ? newArray(0) : recent;
    objectCount = 0;
    tagged = false;
    frames = encoding ? newArray(0) : frames;
    frameCount = 0;
    encoding = true;
    deepest = 0;
    try {
      const tree = encodeTree(value);
      const text = deepest > DEEP_TREE ? stringifyDeepTree(tree) : JSONstringify(tree);
      return tagged ? 'T' + text : text;
    } finally {
      for (let i = 0; i < recent.length; i++) recent[i] = undefined;
      // The frames stay for the next message, without what they held (the ones this message used
      // come first, and a frame's `out` is null once cleared); a few, after a deep message.
      for (let i = 0; i < frames.length && frames[i].out !== null; i++) {
        const frame = frames[i];
        frame.source = frame.out = frame.target = frame.list = frame.extra = frame.key = frame.proto = null;
      }
      if (frames.length > KEPT_FRAMES) frames.length = KEPT_FRAMES;
      memory = outerMemory;
      recent = outerRecent;
      objectCount = outerCount;
      tagged = outerTagged;
      frames = outerFrames;
      frameCount = outerFrameCount;
      encoding = outerEncoding;
      deepest = outerDeepest;
    }
  }

  // ---- firefox: decoding -------------------------------------------------------------------------
  const hidden = (object, key, value) =>
    defineProperty(object, key, { __proto__: null, value, writable: true, enumerable: false, configurable: true });
  const createDataProperty = (object, key, value) =>
    defineProperty(object, key, { __proto__: null, value, writable: true, enumerable: true, configurable: true });

  // Decoder frame kinds (see Frame; `source` is the parsed array, object or node).
  const PARSED = 0; // an untagged array or object: its object members decoded in place
  const DEFINED = 1; // an "O" / "a" node: its values defined on a new object or array
  const MAP_ENTRIES = 2;
  const SET_VALUES = 3;
  const VIEW = 4; // a typed array or DataView: its buffer, then the view
  const ERROR_MEMBERS = 5; // an Error's errors, then its cause

  // (Nodes come from JSON.parse, with Object.prototype: their optional members are read with
  // getOwn, never looked up on the prototype.) Objects are numbered in the order the encoder met
  // them: when their frame starts, before their members.
  class Decoder {
    constructor() {
      this.memory = newArray(0);
      this.frames = newArray(0);
      this.count = 0;
    }

    // The value of this realm that the parsed tree `root` stands for.
    decode(root) {
      const frames = this.frames;
      let result = this.value(root);
      while (this.count > 0) {
        const frame = frames[this.count - 1];
        if (this.step(frame)) continue;
        this.count--;
        if (this.count === 0) { result = frame.out; break; }
        this.store(frames[this.count - 1], frame.out);
      }
      return result;
    }

    push(kind, source, out) {
      return frameAt(this.frames, this.count++, kind, source, out, null);
    }

    remember(object) {
      this.memory[this.memory.length] = object;
    }

    // A primitive or an object without members at once; PENDING after pushing a frame.
    value(x) {
      if (x === null || typeof x !== 'object') return x;
      if (isArray(x)) {
        this.remember(x);
        this.push(PARSED, x, x);
        return PENDING;
      }
      if (!hasOwn(x, TAG)) {
        this.remember(x);
        this.push(PARSED, x, x).list = keysOf(x);
        return PENDING;
      }
      return this.node(x);
    }

    node(n) {
      const memory = this.memory;
      switch (n[TAG]) {
        case 'u': return undefined;
        case 'n': return n.v === 'NaN' ? NaN : n.v === 'Infinity' ? Infinity : n.v === '-Infinity' ? -Infinity : -0;
        case 'b': return BigIntCtor(n.v);
        case 'r': return memory[n.i];
        case 'O': case 'a': {
          let out;
          if (n[TAG] === 'a') {
            // (Not new Array(length), which allocates every slot up to ~10^8.)
            out = [];
            out.length = n.l;
          } else {
            out = {};
          }
          this.remember(out);
          this.push(DEFINED, n, out).list = n.k;
          return PENDING;
        }
        case 'D': { const d = new DateCtor(n.v === null ? NaN : n.v); this.remember(d); return d; }
        case 'R': { const r = new RegExpCtor(n.s, n.f); this.remember(r); return r; }
        case 'B': { const o = ObjectCtor(n.v); this.remember(o); return o; }
        case 'N': {
          const x = n.v;
          const o = ObjectCtor(x !== null && typeof x === 'object' ? this.node(x) : x); // a number or a number node
          this.remember(o);
          return o;
        }
        case 'S': { const o = ObjectCtor(n.v); this.remember(o); return o; }
        case 'Z': { const o = ObjectCtor(BigIntCtor(n.v)); this.remember(o); return o; }
        case 'M': {
          const m = new MapCtor();
          this.remember(m);
          this.push(MAP_ENTRIES, n, m).list = n.v;
          return PENDING;
        }
        case 'T': {
          const s = new SetCtor();
          this.remember(s);
          this.push(SET_VALUES, n, s).list = n.v;
          return PENDING;
        }
        case 'AB': {
          const length = n.d.length;
          const maxByteLength = getOwn(n, 'm');
          const buffer = maxByteLength !== undefined ? new ArrayBufferCtor(length, { __proto__: null, maxByteLength }) : new ArrayBufferCtor(length);
          stringToBytes(n.d, buffer);
          this.remember(buffer);
          return buffer;
        }
        case 'A': case 'V': {
          // The view is numbered before its buffer, but made after it.
          const frame = this.push(VIEW, n, null);
          frame.index = memory.length;
          this.remember(undefined);
          return PENDING;
        }
        case 'E': return this.error(n);
        default: throw new TypeError('Malformed message');
      }
    }

    // An Error with its message and location; its errors and cause come in `step`.
    error(n) {
      const Ctor = errorCtors[n.t] || errorCtors.Error;
      const e = n.t === 'AggregateError' ? new Ctor([]) : new Ctor();
      this.remember(e);
      for (let i = 0; i < ownErrorKeys.length; i++) {
        if (hasOwn(e, ownErrorKeys[i])) delete e[ownErrorKeys[i]];
      }
      const m = getOwn(n, 'm');
      if (m !== undefined) hidden(e, 'message', m);
      const stack = getOwn(n, 'stack');
      if (stack !== undefined) hidden(e, 'stack', stack);
      const sourceURL = getOwn(n, 'sourceURL');
      const line = getOwn(n, 'line');
      const column = getOwn(n, 'column');
      if (sourceURL !== undefined) hidden(e, 'sourceURL', sourceURL);
      if (line !== undefined) hidden(e, 'line', line);
      if (column !== undefined) hidden(e, 'column', column);
      const fileName = getOwn(n, 'fileName');
      const lineNumber = getOwn(n, 'lineNumber');
      const columnNumber = getOwn(n, 'columnNumber');
      hidden(e, 'fileName', fileName !== undefined ? fileName : sourceURL !== undefined ? sourceURL : '');
      hidden(e, 'lineNumber', lineNumber !== undefined ? lineNumber : line !== undefined ? line : 0);
      hidden(e, 'columnNumber', columnNumber !== undefined ? columnNumber : column !== undefined ? column : 0);
      this.push(ERROR_MEMBERS, n, e);
      return PENDING;
    }

    // Decodes the members of `frame` (see Frame): true when it pushed a frame for one, false when done.
    step(frame) {
      const source = frame.source;
      switch (frame.kind) {
        case PARSED: {
          const keys = frame.list; // null for an array
          const count = keys === null ? source.length : keys.length;
          while (frame.index < count) {
            const i = frame.index++;
            const k = keys === null ? i : keys[i];
            const e = source[k];
            if (e === null || typeof e !== 'object') continue;
            const decoded = this.value(e);
            if (decoded === PENDING) { frame.key = k; return true; }
            source[k] = decoded;
          }
          return false;
        }
        case DEFINED: {
          const ks = frame.list;
          const vs = source.v;
          while (frame.index < ks.length) {
            const i = frame.index++;
            const decoded = this.value(vs[i]);
            if (decoded === PENDING) { frame.key = ks[i]; return true; }
            createDataProperty(frame.out, ks[i], decoded);
          }
          return false;
        }
        case MAP_ENTRIES: {
          const vs = frame.list;
          while (frame.index < vs.length) {
            if (frame.stage === 0) {
              const key = this.value(vs[frame.index]);
              if (key === PENDING) return true;
              frame.extra = key;
              frame.stage = 1;
            }
            const decoded = this.value(vs[frame.index + 1]);
            if (decoded === PENDING) return true;
            this.store(frame, decoded);
          }
          return false;
        }
        case SET_VALUES: {
          const vs = frame.list;
          while (frame.index < vs.length) {
            const decoded = this.value(vs[frame.index]);
            if (decoded === PENDING) return true;
            this.store(frame, decoded);
          }
          return false;
        }
        case VIEW: {
          if (frame.stage === 0) {
            frame.stage = 1;
            const buffer = this.value(source.b);
            if (buffer === PENDING) return true;
            frame.extra = buffer;
          }
          const buffer = frame.extra;
          const view = source[TAG] === 'V' ? new DataViewCtor(buffer, source.o, source.l) : new typedArrayCtors[source.t](buffer, source.o, source.l);
          frame.out = view;
          this.memory[frame.index] = view;
          return false;
        }
        default: { // ERROR_MEMBERS
          const e = frame.out;
          if (frame.stage === 0) {
            frame.stage = 1;
            if (source.t === 'AggregateError') {
              const errors = getOwn(source, 'e');
              const decoded = errors !== undefined ? this.value(errors) : undefined;
              if (decoded === PENDING) { frame.key = 'errors'; return true; }
              hidden(e, 'errors', decoded);
            }
          }
          if (frame.stage === 1) {
            frame.stage = 2;
            if (hasOwn(source, 'c')) {
              const decoded = this.value(source.c);
              if (decoded === PENDING) { frame.key = 'cause'; return true; }
              hidden(e, 'cause', decoded);
            }
          }
          return false;
        }
      }
    }

    // Stores `decoded`, the result of a finished frame, as the member `frame` was visiting.
    store(frame, decoded) {
      switch (frame.kind) {
        case PARSED: frame.source[frame.key] = decoded; return;
        case DEFINED: createDataProperty(frame.out, frame.key, decoded); return;
        case MAP_ENTRIES:
          if (frame.stage === 0) {
            frame.extra = decoded;
            frame.stage = 1;
          } else {
            apply(mapSet, frame.out, [frame.extra, decoded]);
            frame.extra = undefined;
            frame.stage = 0;
            frame.index += 2;
          }
          return;
        case SET_VALUES: apply(setAdd, frame.out, [decoded]); frame.index++; return;
        case VIEW: frame.extra = decoded; return;
        default: hidden(frame.out, frame.key, decoded); return; // ERROR_MEMBERS
      }
    }
  }

  // (No prototype to reach: `this.memory = ...` calls no setter of Object.prototype.)
  setProto(Decoder.prototype, null);

  // ---- Exports -----------------------------------------------------------------------------------
  host.defineSerializer(firefoxEncode);

  host.deserializeMessage = (text) => (apply(stringCharCodeAt, text, [0]) === 0x54 /* T */
    ? new Decoder().decode(JSONparse(apply(stringSlice, text, [1])))
    : JSONparse(text));
});
