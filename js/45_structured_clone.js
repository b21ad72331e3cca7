// exthost:realm host
// exthost:needs primordials serialization_failure format
// exthost:module structured_clone_writer
(function (host) {
  'use strict';
  // ===========================================================================
  // ===========================================================================
  // 45_structured_clone.js: the HTML Standard's structured clone, writing a
  // value of a context as text; js/46_structured_clone_reader.js makes the
  // value again in the receiving context. Firefox's messages cross with it
  // (js/45_serialization.js: host.serializeMessage, called synchronously inside
  // postMessage / sendMessage / sendResponse), and `structuredClone` uses it in
  // both flavors (js/46_structured_clone.js), each with its browser's errors.
  //
  // It runs once, in the host's own realm (Sources/Exthost/HostRealm.swift),
  // for every context: its built-ins are that realm's, which no extension
  // script can reach, and they read the values of any context (a brand check or
  // an internal slot does not care which realm made the object). So a context
  // that never clones pays nothing for this file, and one that does pays only
  // for the reader. What it throws at a script (DataCloneError, TypeError) is
  // made in the context (`cx`, js/38_api.js).
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
  //    proxy); DOM platform objects in Chromium (here: plain objects; a
  //    DOM node is refused in Firefox, as recorded); extra named
  //    properties of arrays are kept only for RegExp match arrays (own
  //    `input`): listing an array's keys costs ~0.1 us per element in
  //    JavaScriptCore; Object.create(Promise.prototype) and the like are
  //    taken for what their tag says (no side-effect-free brand check exists);
  //    an Error's original stack after `stack` was reassigned or deleted
  //    (here: its current own value).
  //
  // Exports: host.writeStructuredClone(value, cx, errorPrefix) -> text, or
  // throws a host.SerializationFailure (js/43_serialization_failure.js: reason
  // "uncloneable" or "top-level-symbol", and the context's error) or what a
  // getter threw; host.readStructuredClone(text, cx) -> the value, made in
  // the context.
  //
  // Wire format: plain JSON when
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


  //
  // Chromium (V8's ValueSerializer, src/objects/value-serializer.cc) clones the
  // same values (fixtures/conformance/web-structured-clone agrees line for line)
  // with these differences, followed here when `cx` is of the chrome flavor:
  //  * its DataCloneError says "<the value as V8 describes it> could not be
  //    cloned." (`() => 1`, `Symbol(s)`, `#<WeakMap>`), after the caller's
  //    "Failed to execute 'structuredClone' on 'Window': "; a detached buffer
  //    or view: "An ArrayBuffer is detached and could not be cloned.";
  //  * namespaces and built-in prototypes (Math, Map.prototype) are ordinary
  //    objects to it, cloned as such; only the global object is refused;
  //  * an Error's kind is its `name` (Get, then ToString) if one of Error,
  //    EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError
  //    (no AggregateError, whose `errors` are dropped); a symbol message throws
  //    "Cannot convert a Symbol value to a string"; no fileName, lineNumber or
  //    columnNumber on the clone.
  // ===========================================================================

  // ---- Built-ins (this realm's, js/00_0_builtins.js and js/00_0_format_builtins.js) -------------
  const primordials = host.primordials;
  const Failure = host.SerializationFailure;
  const { SafeMap, SafeWeakMap, isProxy, isErrorObject } = primordials;
  const intrinsics = primordials.intrinsics;
  const apply = primordials.ReflectApply;
  const JSONstringify = primordials.JSONStringify;
  const ObjectProto = primordials.ObjectPrototype;
  const getProto = primordials.ObjectGetPrototypeOf;
  const setProto = primordials.ObjectSetPrototypeOf;
  const keysOf = primordials.ObjectKeys;
  const getOwnDesc = primordials.ObjectGetOwnPropertyDescriptor;
  const createObject = primordials.ObjectCreate;
  const hasOwn = primordials.ObjectHasOwn;
  const isArray = primordials.ArrayIsArray;
  const objectToString = intrinsics['Object.prototype.toString'];
  const isError = primordials.ErrorIsError || ((v) => apply(objectToString, v, []) === '[object Error]');
  const fromCharCode = primordials.StringFromCharCode;
  const stringSlice = intrinsics['String.prototype.slice'];
  const stringStartsWith = intrinsics['String.prototype.startsWith'];
  const bigintToString = intrinsics['BigInt.prototype.toString'];
  const dateGetTime = intrinsics['Date.prototype.getTime'];
  const booleanValueOf = intrinsics['Boolean.prototype.valueOf'];
  const numberValueOf = intrinsics['Number.prototype.valueOf'];
  const stringValueOf = intrinsics['String.prototype.valueOf'];
  const bigintValueOf = intrinsics['?BigInt.prototype.valueOf'];
  const symbolValueOf = intrinsics['Symbol.prototype.valueOf'];
  const mapSize = intrinsics['get Map.prototype.size'];
  const mapForEach = intrinsics['Map.prototype.forEach'];
  const setSize = intrinsics['get Set.prototype.size'];
  const setForEach = intrinsics['Set.prototype.forEach'];
  const regexpSource = intrinsics['get RegExp.prototype.source'];
  const regexpFlagGetters = [
    ['d', intrinsics['get RegExp.prototype.hasIndices']], ['g', intrinsics['get RegExp.prototype.global']],
    ['i', intrinsics['get RegExp.prototype.ignoreCase']], ['m', intrinsics['get RegExp.prototype.multiline']],
    ['s', intrinsics['get RegExp.prototype.dotAll']], ['u', intrinsics['get RegExp.prototype.unicode']],
    ['v', intrinsics['?get RegExp.prototype.unicodeSets']], ['y', intrinsics['get RegExp.prototype.sticky']],
  ];
  const abByteLength = intrinsics['get ArrayBuffer.prototype.byteLength'];
  const abDetached = intrinsics['?get ArrayBuffer.prototype.detached'] || null;
  const abResizable = intrinsics['?get ArrayBuffer.prototype.resizable'] || null;
  const abMaxByteLength = intrinsics['?get ArrayBuffer.prototype.maxByteLength'] || null;
  const taName = intrinsics['get %TypedArray%.prototype.@@toStringTag'];
  const taBuffer = intrinsics['get %TypedArray%.prototype.buffer'];
  const taByteOffset = intrinsics['get %TypedArray%.prototype.byteOffset'];
  const taLength = intrinsics['get %TypedArray%.prototype.length'];
  const dvBuffer = intrinsics['get DataView.prototype.buffer'];
  const dvByteOffset = intrinsics['get DataView.prototype.byteOffset'];
  const dvByteLength = intrinsics['get DataView.prototype.byteLength'];
  const weakMapHas = intrinsics['WeakMap.prototype.has'];
  const weakSetHas = intrinsics['WeakSet.prototype.has'];
  const weakRefDeref = intrinsics['?WeakRef.prototype.deref'] || null;
  const registryUnregister = intrinsics['?FinalizationRegistry.prototype.unregister'] || null;
  const Uint8ArrayCtor = primordials.Uint8Array;
  const Uint16ArrayCtor = primordials.Uint16Array;
  const toStringTag = primordials.SymbolToStringTag;
  const iteratorPrototypeTag = (v) => {
    const desc = getOwnDesc(v, toStringTag);
    return desc && hasOwn(desc, 'value') ? desc.value : undefined;
  };

  // The kinds of Error a clone keeps (any other is "Error"), by flavor.
  const errorKinds = {
    __proto__: null,
    firefox: { __proto__: null, Error: true, EvalError: true, RangeError: true, ReferenceError: true, SyntaxError: true, TypeError: true, URIError: true, AggregateError: true },
    chrome: { __proto__: null, Error: true, EvalError: true, RangeError: true, ReferenceError: true, SyntaxError: true, TypeError: true, URIError: true },
  };

  // ---- Writing ---------------------------------------------------------------------------------------
  const TAG = '\u0001';
  // An array of the encoder's tree or bookkeeping: no prototype, so that writing an element calls
  // no setter of Array.prototype and JSON.stringify finds no toJSON on it.
  function newArray() {
    const array = [];
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


  // The context being written from (its record, js/38_api.js), whether it is of the chrome
  // flavor, the text its errors start with, and the objects of its realm that are not plain
  // although they look so (specialObjectsOf).
  let cx = null;
  let chrome = false;
  let prefix = '';
  let specialObjects = null;

  // A DataCloneError (or another DOMException) of the context, whose message starts with `prefix`.
  function contextDOMException(message, name) {
    const loader = cx.loader;
    loader.load('dom_exception');
    return loader.newDOMException(prefix + message, name);
  }
  // A failure whose error is the context's DOMException `name` of `message`; the failure keeps the
  // message as data too (js/58_storage.js words it again).
  const domFailure = (reason, message, name) => new Failure(reason, contextDOMException(message, name), prefix + message);
  // The failure of a value that cannot be cloned: `className` as Firefox names it; V8 describes
  // the value itself.
  const uncloneable = (className, value) => domFailure('uncloneable',
    chrome ? host.v8Describe(cx.describedRealm, value) + ' could not be cloned.' : className + ' object could not be cloned.', 'DataCloneError');
  const detachedBufferFailure = () => domFailure('uncloneable',
    chrome ? 'An ArrayBuffer is detached and could not be cloned.' : 'ArrayBuffer object could not be cloned.', 'DataCloneError');

  // Objects of the context's realm that are not plain although they look so (or are prototypes),
  // by the class name SpiderMonkey gives them in "<class> object could not be cloned."; '' for
  // the wrappers' prototypes, cloned as Boolean(false), Number(0), String(''). V8 refuses only the
  // global object. Found on a context's first clone by reading own data properties of its global
  // and of the constructors there (no getter or Proxy trap runs): a script that replaced `Map`
  // before its first clone makes only the wording for its own Map.prototype differ.
  const specialTables = new SafeWeakMap();
  function specialObjectsOf(context) {
    let table = specialTables.get(context);
    if (table !== undefined) return table;
    table = new SafeMap();
    const add = (object, name) => {
      if (object !== null && (typeof object === 'object' || typeof object === 'function') && !table.has(object)) table.set(object, name);
    };
    const g = context.global;
    add(g, context.kind === 'content' ? 'Sandbox' : 'Proxy');
    if (host.flavor === 'firefox') {
      const own = (object, key) => {
        if (object === null || (typeof object !== 'object' && typeof object !== 'function') || isProxy(object)) return undefined;
        const desc = getOwnDesc(object, key);
        return desc && hasOwn(desc, 'value') ? desc.value : undefined;
      };
      const namespaces = ['Math', 'JSON', 'Intl', 'Atomics', 'WebAssembly'];
      for (let i = 0; i < namespaces.length; i++) add(own(g, namespaces[i]), namespaces[i]);
      const classes = ['Date', 'Map', 'Set', 'WeakMap', 'WeakSet', 'WeakRef', 'FinalizationRegistry', 'ArrayBuffer',
        'SharedArrayBuffer', 'DataView', 'Promise', 'RegExp', 'BigInt', 'Error', 'EvalError', 'RangeError',
        'ReferenceError', 'SyntaxError', 'TypeError', 'URIError', 'AggregateError', 'Iterator',
        'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array',
        'Uint32Array', 'Float16Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array'];
      for (let i = 0; i < classes.length; i++) {
        const prototype = own(own(g, classes[i]), 'prototype');
        add(prototype, classes[i] + '.prototype');
        if (classes[i] === 'Uint8Array' && prototype !== null && typeof prototype === 'object') add(getProto(prototype), 'TypedArrayPrototype');
      }
      add(own(own(g, 'Boolean'), 'prototype'), '');
      add(own(own(g, 'Number'), 'prototype'), '');
      add(own(own(g, 'String'), 'prototype'), '');
    }
    specialTables.set(context, table);
    return table;
  }

  // Class name of an object that is not one of the cloneable kinds, or '' for an ordinary object.
  function uncloneableName(v) {
    if (typeof v === 'function') {
      const name = getOwnDesc(v, 'name');
      return name && hasOwn(name, 'value') && typeof name.value === 'string' && apply(stringStartsWith, name.value, ['bound ']) && !hasOwn(v, 'prototype')
        ? 'BoundFunctionObject' : 'Function';
    }
    const tag = apply(stringSlice, apply(objectToString, v, []), [8, -1]);
    // (A DOM node, a platform object no clone carries: recorded for Firefox, tabs-execute-script-mv2.)
    if (host.flavor === 'firefox' && host.domHooks !== undefined && host.domHooks.isNode(v)) return tag;
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
      case 'SharedArrayBuffer': case 'Promise': case 'Generator': case 'AsyncGenerator':
        // No side-effect-free brand check exists for these: trust a tag that comes from a prototype.
        return hasOwn(v, toStringTag) ? '' : tag;
      case 'Map Iterator': case 'Set Iterator': case 'Array Iterator': case 'String Iterator':
      case 'RegExp String Iterator': case 'Iterator Helper': case 'Async-from-Sync Iterator':
        // An iterator, or (Firefox) an iterator prototype of the realm: the tag's own
        // non-writable holder whose prototype is the realm's %IteratorPrototype%.
        if (!hasOwn(v, toStringTag)) return tag;
        return !chrome && getProto(v) === cx.loader.builtins.intrinsics['%IteratorPrototype%']
          && iteratorPrototypeTag(v) === tag && !getOwnDesc(v, toStringTag).writable ? tag : '';
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
  // ToString as the flavor's engine words its refusal of a symbol (a TypeError of the context).
  function messageText(value) {
    if (typeof value === 'symbol') {
      throw new cx.b.TypeError(chrome ? 'Cannot convert a Symbol value to a string' : "can't convert symbol to string");
    }
    return `${value}`;
  }

  // The encoder's state: objects met so far (the first LINEAR in `recent`, searched linearly;
  // beyond, a WeakMap object -> number, which is faster than a Map in JavaScriptCore), whether the
  // tree needs the tagged form, and the stack of objects being written. A getter may send a message
  // while one is being encoded, hence the save and restore in `encode`.
  let memory = null;
  let recent = newArray();
  let objectCount = 0;
  let tagged = false;
  const LINEAR = 16;

  // The walk's frames (js/43_serialization_failure.js says how they work).
  const PENDING = host.clonePending; // what encodeValue returns when it pushed a frame
  const frameAt = host.cloneFrameAt;
  // Encoder frame kinds.
  const PLAIN = 0; // own enumerable properties into a null-prototype object
  const KEYED = 1; // own enumerable properties into a node's key and value lists
  const ARRAY = 2; // elements while there is no hole
  const HOLES = 3; // elements after the first hole, into a node's key and value lists
  const ENTRIES = 4; // the collected entries of a Map or values of a Set, encoded in place
  const ERROR = 5; // an Error's errors, then its cause
  const MEMBER = 6; // one member of a node (a view's buffer)

  // The frames of the encoding under way (reused from one message to the next) and how many are in use.
  let frames = newArray();
  let frameCount = 0;
  let encoding = false;
  let deepest = 0; // the most frames in use at once
  const KEPT_FRAMES = 256;

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
        if (chrome) throw uncloneable('', v);
        throw domFailure('uncloneable', 'unsupported type for structured data', 'DataCloneError');
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
    const ks = newArray();
    const vs = newArray();
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
      if (special) throw uncloneable(special, v);
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
    const ks = newArray();
    const vs = newArray();
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
    const out = newArray();
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

  const detachedFailure = () => (chrome ? detachedBufferFailure()
    : domFailure('uncloneable', 'attempting to access detached ArrayBuffer', 'DataCloneError'));

  // Everything but arrays and plain objects: the cloneable builtins, what cannot be cloned,
  // and class instances (cloned as plain objects).
  function encodeOther(v) {
    const failure = uncloneableName(v);
    if (failure) throw uncloneable(failure, v);
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
          if (regexpFlagGetters[i][1] && apply(regexpFlagGetters[i][1], v, [])) flags += regexpFlagGetters[i][0];
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
        const entries = newArray();
        apply(mapForEach, v, [(value, key) => { entries[entries.length] = key; entries[entries.length] = value; }]);
        n = node('M');
        n.v = entries;
        tagged = true;
        pushFrame(ENTRIES, v, n, entries).list = entries;
        return PENDING;
      }
      case '[object Set]': {
        try { apply(setSize, v, []); } catch (e) { break; }
        const values = newArray();
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
        if (abDetached && apply(abDetached, v, [])) throw detachedBufferFailure();
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

  // As SpiderMonkey's JSStructuredCloneWriter::traverseError (V8's WriteJSError): Get(name), the
  // own message data property and the location here; errors (AggregateError) and the own cause
  // data property in `step`.
  function encodeError(v) {
    tagged = true;
    const nameValue = v.name;
    const kinds = chrome ? errorKinds.chrome : errorKinds.firefox;
    const nameText = chrome ? (nameValue === undefined ? 'Error' : messageText(nameValue)) : nameValue;
    const type = typeof nameText === 'string' && kinds[nameText] ? nameText : 'Error';
    const n = node('E');
    n.t = type;
    const messageDesc = getOwnDesc(v, 'message');
    if (messageDesc && hasOwn(messageDesc, 'value')) n.m = messageText(messageDesc.value);
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

  // JSON.stringify(tree), for a tree deeper than DEEP_TREE levels: JavaScriptCore's JSON.stringify
  // recurses (it gives up at ~40000 levels) and checks for cycles along the path (quadratic in the
  // depth: seconds at 20000 levels). The same text, written with a stack. (JSON.parse has no such
  // limit: it read 10^7 levels.) The tree holds null-prototype objects and arrays (dense), strings,
  // finite numbers, booleans and null.
  const DEEP_TREE = 1000;
  function stringifyDeepTree(tree) {
    const containers = newArray();
    const keyLists = newArray(); // null for an array
    const positions = newArray();
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

  // The text of `value`, a value of the context `context` (its record), or a thrown Failure whose
  // error (made in the context) starts with `errorPrefix`; other exceptions (from getters) pass
  // through. A symbol alone fails as 'top-level-symbol' in Firefox (its messages throw
  // InvalidStateError "An exception was thrown" then).
  function write(value, context, errorPrefix) {
    const outerCx = cx;
    const outerChrome = chrome;
    const outerPrefix = prefix;
    const outerSpecialObjects = specialObjects;
    cx = context;
    chrome = host.flavor === 'chrome';
    prefix = errorPrefix;
    try {
      if (typeof value === 'symbol' && !chrome) {
        throw domFailure('top-level-symbol', 'An exception was thrown', 'InvalidStateError');
      }
      specialObjects = specialObjectsOf(context);
      return encode(value);
    } catch (error) {
      // What a built-in of this realm threw while walking the value (a revoked Proxy's keys, a
      // value with no string form, a stack too deep) is made again in the context: no object of
      // this realm may reach a script. A getter's own exception passes as it is.
      if (!host.isSerializationFailure(error) && !isProxy(error) && isErrorObject(error)) throw contextCopy(error);
      throw error;
    } finally {
      cx = outerCx;
      chrome = outerChrome;
      prefix = outerPrefix;
      specialObjects = outerSpecialObjects;
    }
  }

  // An error of this realm made again in the context `cx`: its kind (TypeError, RangeError or
  // Error) and message.
  function contextCopy(error) {
    const name = error.name;
    const Ctor = name === 'TypeError' ? cx.b.TypeError : name === 'RangeError' ? cx.b.RangeError : cx.b.Error;
    return new Ctor(`${error.message}`);
  }

  function encode(value) {
    const outerMemory = memory;
    const outerRecent = recent;
    const outerCount = objectCount;
    const outerTagged = tagged;
    const outerFrames = frames;
    const outerFrameCount = frameCount;
    const outerEncoding = encoding;
    const outerDeepest = deepest;
    memory = null;
    recent = encoding ? newArray() : recent;
    objectCount = 0;
    tagged = false;
    frames = encoding ? newArray() : frames;
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

  // ---- Exports -----------------------------------------------------------------------------------
  // host.writeStructuredClone(value, cx, errorPrefix) -> text (see `write`).
  host.writeStructuredClone = write;
  // The same, throwing a failure's error (the context's) instead of the failure: what
  // `structuredClone` calls (through the context's `clone.write` native).
  host.structuredCloneText = function (value, context, errorPrefix) {
    try {
      return write(value, context, errorPrefix);
    } catch (e) {
      throw host.isSerializationFailure(e) ? e.error : e;
    }
  };
  // The value of the context `context` that `text` stands for: JSON.parse of the context for plain
  // data, else its reader (js/46_structured_clone_reader.js, loaded on the first such text).
  host.readStructuredClone = function (text, context) {
    if (primordials.StringPrototypeCharCodeAt(text, 0) !== 0x54 /* T */) {
      return apply(context.b.JSONParse, undefined, [text]);
    }
    context.loader.load('structured_clone_reader');
    return host.decodeStructuredClone(text, context);
  };
});
