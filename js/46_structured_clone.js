// exthost:needs primordials host dom_exception structured_clone_reader
// exthost:globals structuredClone:function:1
// `structuredClone(value, {transfer})`: the HTML Standard's structured clone, written by the host
// realm (js/45_structured_clone.js, through the `clone.write` native) and read here
// (js/46_structured_clone_reader.js), with each browser's errors
// (fixtures/conformance/web-structured-clone). Transferred ArrayBuffers are detached from the
// caller's side (Swift: bytes.detach).
(function (host) {
  'use strict';
  const { TypeError, SymbolIterator, ReflectApply, JSONParse, StringPrototypeCharCodeAt, listPush } = host.primordials;
  const native = host.native;
  const FIREFOX = host.flavor === 'firefox';
  // Chromium names the global's interface (a service worker's is WorkerGlobalScope) before every
  // text. A content script's sandbox is no Window to Firefox: it names only the function for the
  // argument count there, and nothing for the options' errors.
  const chromePrefix = "Failed to execute 'structuredClone' on '" + (host.context.isServiceWorker ? 'WorkerGlobalScope' : 'Window') + "': ";
  const inSandbox = host.kind === 'content';
  const optionsFailed = (firefoxText, chromeText) =>
    new TypeError(FIREFOX ? (inSandbox ? firefoxText : 'Window.structuredClone: ' + firefoxText) : chromePrefix + chromeText);
  const dataCloneError = (firefoxText, chromeText) =>
    host.newDOMException(FIREFOX ? firefoxText : chromePrefix + chromeText, 'DataCloneError');

  // The `transfer` member: a sequence of objects, each a distinct ArrayBuffer that is not detached.
  function transferList(options) {
    if (options === undefined || options === null) return [];
    if (typeof options !== 'object' && typeof options !== 'function') {
      throw optionsFailed("Argument 2 can't be converted to a dictionary.", "The provided value is not of type 'StructuredSerializeOptions'.");
    }
    const transfer = options.transfer;
    if (transfer === undefined) return [];
    const list = host.webIDLSequence(transfer,
      () => optionsFailed("'transfer' member of StructuredSerializeOptions can't be converted to a sequence.",
        "Failed to read the 'transfer' property from 'StructuredSerializeOptions': The provided value cannot be converted to a sequence."),
      (item) => {
        if (item === null || (typeof item !== 'object' && typeof item !== 'function')) {
          throw optionsFailed("Element of 'transfer' member of StructuredSerializeOptions is not an object.",
            "Failed to read the 'transfer' property from 'StructuredSerializeOptions': The provided value cannot be converted to a sequence.");
        }
        return item;
      });
    for (let i = 0; i < list.length; i++) {
      if (native.bytes.kind(list[i]) !== 'ArrayBuffer') {
        throw dataCloneError('invalid transferable array for structured clone', 'Value at index ' + i + ' does not have a transferable type.');
      }
      for (let j = 0; j < i; j++) {
        if (list[j] === list[i]) {
          throw dataCloneError('duplicate transferable for structured clone', 'ArrayBuffer at index ' + i + ' is a duplicate of an earlier ArrayBuffer.');
        }
      }
    }
    return list;
  }

  // The text the writer makes of `value` (its errors start with `prefix` in Chromium), and the
  // value of this realm a text stands for.
  function write(value, prefix) {
    if (FIREFOX && typeof value === 'symbol') throw dataCloneError('unsupported type for structured data');
    return native.clone.write(value, FIREFOX ? '' : prefix);
  }
  const read = (text) => (StringPrototypeCharCodeAt(text, 0) === 0x54 /* T */ ? host.readStructuredClone(text) : JSONParse(text));

  // For the modules that post messages (js/33_service_worker.js): the text of `value`, written
  // now (its errors are the poster's, after `chromePrefix` in Chromium), and the value a text
  // stands for, read when the message arrives.
  host.writeClone = (value, chromePrefix) => write(value, chromePrefix);
  host.readClone = (text) => read(text);

  host.implementations.structuredClone = function structuredClone(...args) {
    if (args.length < 1) {
      throw new TypeError(FIREFOX
        ? (inSandbox ? 'structuredClone: ' : 'Window.structuredClone: ') + 'At least 1 argument required, but only 0 passed'
        : chromePrefix + '1 argument required, but only 0 present.');
    }
    const transfer = transferList(args.length > 1 ? args[1] : undefined);
    // (What the writer throws is this context's: a DataCloneError, a TypeError, or what a getter
    // threw. A symbol alone, which Firefox's messages refuse in their own way, is refused as a
    // symbol inside a value is.)
    const text = write(args[0], chromePrefix);
    for (let i = 0; i < transfer.length; i++) {
      if (!native.bytes.detach(transfer[i])) throw dataCloneError('ArrayBuffer object could not be cloned.', 'An ArrayBuffer is detached and could not be cloned.');
    }
    return read(text);
  };
});
