// exthost:needs primordials host serialization dom_exception
// exthost:flavors firefox
// exthost:globals structuredClone:function:1
// `structuredClone(value, {transfer})` in the Firefox flavor: the HTML Standard's structured clone,
// which is the algorithm a Firefox message crosses with (js/45_serialization.js), run within the
// context, with Firefox's errors (fixtures/conformance/web-structured-clone). Transferred
// ArrayBuffers are detached from the caller's side (Swift: bytes.detach). The Chromium flavor has
// no structuredClone yet: V8's serializer words its errors and treats values its own way.
(function (host) {
  'use strict';
  const { TypeError, SymbolIterator, ReflectApply, listPush } = host.primordials;
  const native = host.native;
  // (A content script's sandbox is no Window: Firefox names only the function for the argument
  // count there, and nothing for the options' errors.)
  const inSandbox = host.kind === 'content';
  const failed = (text) => (inSandbox ? text : 'Window.structuredClone: ' + text);
  const dataCloneError = (text) => host.newDOMException(text, 'DataCloneError');

  // The `transfer` member: a sequence of objects, each a distinct ArrayBuffer that is not detached.
  function transferList(options) {
    if (options === undefined || options === null) return [];
    if (typeof options !== 'object' && typeof options !== 'function') throw new TypeError(failed("Argument 2 can't be converted to a dictionary."));
    const transfer = options.transfer;
    if (transfer === undefined) return [];
    const method = transfer === null || (typeof transfer !== 'object' && typeof transfer !== 'function') ? undefined : transfer[SymbolIterator];
    if (typeof method !== 'function') throw new TypeError(failed("'transfer' member of StructuredSerializeOptions can't be converted to a sequence."));
    const iterator = ReflectApply(method, transfer, []);
    const list = [];
    for (let step = iterator.next(); !step.done; step = iterator.next()) {
      const item = step.value;
      if (item === null || (typeof item !== 'object' && typeof item !== 'function')) {
        throw new TypeError(failed("Element of 'transfer' member of StructuredSerializeOptions is not an object."));
      }
      listPush(list, item);
    }
    for (let i = 0; i < list.length; i++) {
      if (native.bytes.kind(list[i]) !== 'ArrayBuffer') throw dataCloneError('invalid transferable array for structured clone');
      for (let j = 0; j < i; j++) if (list[j] === list[i]) throw dataCloneError('duplicate transferable for structured clone');
    }
    return list;
  }

  host.implementations.structuredClone = function structuredClone(...args) {
    if (args.length < 1) {
      throw new TypeError((inSandbox ? 'structuredClone: ' : 'Window.structuredClone: ') + 'At least 1 argument required, but only 0 passed');
    }
    const transfer = transferList(args[1]);
    const result = host.trySerializeMessage(args[0]);
    if (!result.ok) {
      // (A symbol alone is refused as a symbol inside a value is.)
      if (result.reason === 'top-level-symbol') throw dataCloneError('unsupported type for structured data');
      throw result.error;
    }
    for (let i = 0; i < transfer.length; i++) {
      if (!native.bytes.detach(transfer[i])) throw dataCloneError('ArrayBuffer object could not be cloned.');
    }
    return host.deserializeMessage(result.text);
  };
});
