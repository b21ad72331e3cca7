// exthost:realm context host
// exthost:needs primordials
// What both flavors' serializers share (js/44_serialization_json.js, js/45_serialization.js): the
// failure an encoder throws, and the functions the messaging code calls, made from an encoder.
(function (host) {
  'use strict';
  const { ObjectSetPrototypeOf, SafeWeakSet } = host.primordials;

  // Thrown out of an encoder; carries what serializeMessage throws (`error`) and why (`reason`:
  // 'uncloneable', 'too-large', 'top-level-symbol'). No prototype to reach; recognized by
  // `isFailure`, not instanceof: what a getter throws may be a revoked Proxy.
  const failures = new SafeWeakSet();
  class SerializationFailure {
    constructor(reason, error) {
      this.reason = reason;
      this.error = error;
      failures.add(this);
    }
  }
  ObjectSetPrototypeOf(SerializationFailure.prototype, null);
  host.SerializationFailure = SerializationFailure;
  const isFailure = (value) => failures.has(value);

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
});
