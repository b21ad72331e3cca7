// exthost:realm context host
// exthost:needs primordials
// What both flavors' serializers share (js/44_serialization_json.js, js/45_structured_clone.js and
// its reader, js/46_structured_clone_reader.js): the failure an encoder throws, the functions the
// messaging code calls, made from an encoder, and the frames structured clone walks a value with.
(function (host) {
  'use strict';
  const { ObjectSetPrototypeOf, SafeWeakSet } = host.primordials;

  // Thrown out of an encoder; carries what serializeMessage throws (`error`), why (`reason`:
  // 'uncloneable', 'too-large', 'top-level-symbol') and, as data, the error's message. No
  // prototype to reach; recognized by `isFailure`, not instanceof: what a getter throws may be a
  // revoked Proxy. (Never handed to a script: its class is this realm's.)
  const failures = new SafeWeakSet();
  class SerializationFailure {
    constructor(reason, error, message) {
      this.reason = reason;
      this.error = error;
      this.message = message;
      failures.add(this);
    }
  }
  ObjectSetPrototypeOf(SerializationFailure.prototype, null);
  host.SerializationFailure = SerializationFailure;
  const isFailure = (value) => failures.has(value);
  host.isSerializationFailure = isFailure;

  // Defines host.serializeMessage (throws the failure's error) and host.trySerializeMessage
  // (answers {ok, text} or {ok: false, reason, error}) over `encode(value, oneTime, cx)`. (`oneTime`:
  // for sendMessage and sendResponse, which Chromium calls with more on the stack; `cx`: in the
  // host's realm, the record of the sending context, js/38_api.js.)
  host.defineSerializer = function (encode) {
    host.serializeMessage = function (value, cx) {
      try {
        return encode(value, false, cx);
      } catch (e) {
        throw isFailure(e) ? e.error : e;
      }
    };
    host.trySerializeMessage = function (value, cx) {
      try {
        return { __proto__: null, ok: true, text: encode(value, true, cx) };
      } catch (e) {
        return isFailure(e) ? { __proto__: null, ok: false, reason: e.reason, error: e.error } : { __proto__: null, ok: false, reason: 'exception', error: e };
      }
    };
  };

  // The encoder and the decoder walk a value with an explicit stack of frames instead of recursing,
  // as SpiderMonkey's JSStructuredCloneWriter and Reader do, so a value nested a million levels deep
  // is cloned as in Firefox instead of overflowing the stack. A frame is one object whose members are
  // being visited in order; `step` visits them until one is an object that needs a frame of its own
  // (it pushes that frame and returns true: the walk goes on there, depth first, so getters run and
  // objects are numbered in the same order as a recursive walk) or until none is left (false). When
  // a frame is done, its result is stored in its parent as the member the parent was visiting
  // (`target[key]`, or as the kind says).
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
  ObjectSetPrototypeOf(Frame.prototype, null);
  // What a walk's step returns when it pushed a frame.
  host.clonePending = { __proto__: null };
  // list[index], made or reused, set up for a new object of `kind`.
  host.cloneFrameAt = function frameAt(list, index, kind, source, out, target) {
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
  };
});
