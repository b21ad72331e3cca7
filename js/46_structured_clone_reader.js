// exthost:realm host
// exthost:needs primordials serialization_failure
// exthost:module structured_clone_reader
// The reading half of structured clone (the writing half, js/45_structured_clone.js, says what
// the text holds): makes the value a text stands for in a world, with the world's constructors as
// js/00_0_builtins.js took them before any extension script ran. Runs in the host's realm, loaded
// on the first text that is not plain JSON (Firefox's messages, `structuredClone` in both flavors):
// `host.decodeStructuredClone(text, cx)`.
(function (host) {
  'use strict';
  const primordials = host.primordials;
  const { getOwn, hasOwn } = primordials;
  const apply = primordials.ReflectApply;
  const keysOf = primordials.ObjectKeys;
  const isArray = primordials.ArrayIsArray;
  const defineProperty = primordials.ObjectDefineProperty;
  const stringCharCodeAt = primordials.StringPrototypeCharCodeAt;
  const stringSlice = primordials.StringPrototypeSlice;
  const FIREFOX = host.flavor === 'firefox';
  const TAG = '\u0001';
  const PENDING = host.clonePending;
  const frameAt = host.cloneFrameAt;
  const ownErrorKeys = ['message', 'errors', 'stack', 'sourceURL', 'line', 'column'];

  // The constructors of the world of `cx` the reader makes values with: those js/00_0_builtins.js
  // took (`cloned`, in its order). (Buffers and typed arrays are made by the world's `bytes`
  // natives through the C API, which takes no constructor: taking the eleven typed array
  // constructors would build each in every context.)
  function worldOf(cx) {
    let world = cx.cloneReaderWorld;
    if (world !== undefined) return world;
    const builtins = cx.loader.builtins;
    const cloned = builtins.cloned;
    const plain = builtins.plain;
    world = {
      __proto__: null,
      Map: plain.Map, Set: plain.Set, Date: builtins.intrinsics.Date, Object: cloned[0], RegExp: cloned[1], BigInt: cloned[2],
      ArrayBuffer: cloned[3], DataView: cloned[4], Float16Array: cloned[10],
      mapSet: builtins.intrinsics['Map.prototype.set'], setAdd: builtins.intrinsics['Set.prototype.add'],
      errors: {
        __proto__: null, Error: plain.Error, TypeError: plain.TypeError, RangeError: plain.RangeError,
        EvalError: cloned[5], ReferenceError: cloned[6], SyntaxError: cloned[7], URIError: cloned[8], AggregateError: cloned[9],
      },
      bytes: cx.loader.native.bytes,
      // (AggregateError's errors argument is iterated: an iterable of the world's, made here, so
      // that no Array iterator a script replaced runs.)
      noErrors: null,
    };
    const next = host.newFunction(cx, 'next', 0, () => {
      const step = host.newObject(cx);
      host.defineValue(step, 'done', true, true, true, true);
      return step;
    }, undefined);
    const iterator = host.newObjectFrom(cx, null);
    host.defineValue(iterator, 'next', next, true, true, true);
    world.noErrors = host.newObjectFrom(cx, null);
    host.defineValue(world.noErrors, primordials.SymbolIterator, host.newFunction(cx, '[Symbol.iterator]', 0, () => iterator, undefined), true, true, true);
    cx.cloneReaderWorld = world;
    return world;
  }
  const malformed = (cx) => host.newTypeError(cx, 'Malformed message');

  // A typed array of `type` on `buffer`, of the world of `cx`.
  function typedArray(cx, world, type, buffer, byteOffset, length) {
    const view = world.bytes.view(type, buffer, byteOffset, length);
    if (view !== undefined) return view;
    if (type === 'Float16Array' && world.Float16Array !== undefined) return new world.Float16Array(buffer, byteOffset, length);
    throw malformed(cx);
  }

  // Bytes written one char each as U+0100..U+01FF into `buffer`.
  function stringToBytes(cx, world, text, buffer) {
    const view = typedArray(cx, world, 'Uint8Array', buffer, 0, text.length);
    for (let i = 0; i < text.length; i++) view[i] = stringCharCodeAt(text, i);
  }

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
    constructor(cx) {
      this.cx = cx;
      this.world = worldOf(cx);
      this.memory = [];
      this.frames = [];
      this.count = 0;
    }

    // The value of the world that the parsed tree `root` (parsed in the world) stands for.
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
      const cx = this.cx;
      const world = this.world;
      switch (n[TAG]) {
        case 'u': return undefined;
        case 'n': return n.v === 'NaN' ? NaN : n.v === 'Infinity' ? Infinity : n.v === '-Infinity' ? -Infinity : -0;
        case 'b': return world.BigInt(n.v);
        case 'r': return memory[n.i];
        case 'O': case 'a': {
          let out;
          if (n[TAG] === 'a') {
            // (Not new Array(length), which allocates every slot up to ~10^8.)
            out = host.newArray(cx, []);
            out.length = n.l;
          } else {
            out = host.newObject(cx);
          }
          this.remember(out);
          this.push(DEFINED, n, out).list = n.k;
          return PENDING;
        }
        case 'D': { const d = new world.Date(n.v === null ? NaN : n.v); this.remember(d); return d; }
        case 'R': { const r = new world.RegExp(n.s, n.f); this.remember(r); return r; }
        case 'B': { const o = world.Object(n.v); this.remember(o); return o; }
        case 'N': {
          const x = n.v;
          const o = world.Object(x !== null && typeof x === 'object' ? this.node(x) : x); // a number or a number node
          this.remember(o);
          return o;
        }
        case 'S': { const o = world.Object(n.v); this.remember(o); return o; }
        case 'Z': { const o = world.Object(world.BigInt(n.v)); this.remember(o); return o; }
        case 'M': {
          const m = new world.Map();
          this.remember(m);
          this.push(MAP_ENTRIES, n, m).list = n.v;
          return PENDING;
        }
        case 'T': {
          const s = new world.Set();
          this.remember(s);
          this.push(SET_VALUES, n, s).list = n.v;
          return PENDING;
        }
        case 'AB': {
          const length = n.d.length;
          const maxByteLength = getOwn(n, 'm');
          let buffer;
          if (maxByteLength !== undefined) {
            buffer = new world.ArrayBuffer(length, { __proto__: null, maxByteLength });
            stringToBytes(cx, world, n.d, buffer);
          } else {
            buffer = world.bytes.fromLowBytes(n.d);
          }
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
        default: throw malformed(cx);
      }
    }

    // An Error with its message and location; its errors and cause come in `step`.
    error(n) {
      const errors = this.world.errors;
      const Ctor = errors[n.t] || errors.Error;
      const e = n.t === 'AggregateError' ? new Ctor(this.world.noErrors) : new Ctor();
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
      if (FIREFOX) {
        // (SpiderMonkey's own location properties; V8 has none.)
        const fileName = getOwn(n, 'fileName');
        const lineNumber = getOwn(n, 'lineNumber');
        const columnNumber = getOwn(n, 'columnNumber');
        hidden(e, 'fileName', fileName !== undefined ? fileName : sourceURL !== undefined ? sourceURL : '');
        hidden(e, 'lineNumber', lineNumber !== undefined ? lineNumber : line !== undefined ? line : 0);
        hidden(e, 'columnNumber', columnNumber !== undefined ? columnNumber : column !== undefined ? column : 0);
      }
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
          const view = source[TAG] === 'V' ? new this.world.DataView(buffer, source.o, source.l)
            : typedArray(this.cx, this.world, source.t, buffer, source.o, source.l);
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
            apply(this.world.mapSet, frame.out, [frame.extra, decoded]);
            frame.extra = undefined;
            frame.stage = 0;
            frame.index += 2;
          }
          return;
        case SET_VALUES: apply(this.world.setAdd, frame.out, [decoded]); frame.index++; return;
        case VIEW: frame.extra = decoded; return;
        default: hidden(frame.out, frame.key, decoded); return; // ERROR_MEMBERS
      }
    }
  }

  // The value of the world of `cx` that "T" + JSON `text` stands for (js/45_structured_clone.js).
  host.decodeStructuredClone = (text, cx) => new Decoder(cx).decode(apply(cx.b.JSONParse, undefined, [stringSlice(text, 1)]));
  // (A world needs nothing of this module before its first text.)
  host.installStructuredCloneReader = function () {};
});
