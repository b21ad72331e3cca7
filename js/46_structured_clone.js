// exthost:realm host
// exthost:needs primordials api structured_clone_writer
// exthost:globals structuredClone:function:1
// `structuredClone(value, {transfer})`: the HTML Standard's structured clone, written by this
// realm's writer (js/45_structured_clone.js) and read in the world (JSON of the world for plain
// data, else js/46_structured_clone_reader.js), with each browser's errors
// (fixtures/conformance/web-structured-clone). Transferred ArrayBuffers are detached from the
// caller's side (Swift: bytes.detach).
//
// Runs in the host's realm, for a world on the first touch of `structuredClone`, or of a module
// of the context that posts clones (js/33_service_worker.js, js/49_firefox_content.js), which
// reach it through the context's `host` object (`installStructuredClone`).
(function (host) {
  'use strict';
  const FIREFOX = host.flavor === 'firefox';
  const isObject = (value) => value !== null && (typeof value === 'object' || typeof value === 'function');
  const native = (cx) => cx.loader.native;
  // Chromium names the global's interface (a service worker's is WorkerGlobalScope) before every
  // text. A content script's sandbox is no Window to Firefox: it names only the function for the
  // argument count there, and nothing for the options' errors.
  const chromePrefix = (cx) => "Failed to execute 'structuredClone' on '" + (cx.info.isServiceWorker ? 'WorkerGlobalScope' : 'Window') + "': ";
  const inSandbox = (cx) => cx.kind === 'content';
  const optionsFailed = (cx, firefoxText, chromeText) =>
    host.newTypeError(cx, FIREFOX ? (inSandbox(cx) ? firefoxText : 'Window.structuredClone: ' + firefoxText) : chromePrefix(cx) + chromeText);
  const dataCloneError = (cx, firefoxText, chromeText) =>
    host.newDOMException(cx, FIREFOX ? firefoxText : chromePrefix(cx) + chromeText, 'DataCloneError');

  // The `transfer` member: a sequence of objects, each a distinct ArrayBuffer that is not detached.
  function transferList(cx, options) {
    if (options === undefined || options === null) return [];
    if (!isObject(options)) {
      throw optionsFailed(cx, "Argument 2 can't be converted to a dictionary.", "The provided value is not of type 'StructuredSerializeOptions'.");
    }
    const transfer = options.transfer;
    if (transfer === undefined) return [];
    const list = host.webIDLSequence(transfer,
      () => optionsFailed(cx, "'transfer' member of StructuredSerializeOptions can't be converted to a sequence.",
        "Failed to read the 'transfer' property from 'StructuredSerializeOptions': The provided value cannot be converted to a sequence."),
      (item) => {
        if (!isObject(item)) {
          throw optionsFailed(cx, "Element of 'transfer' member of StructuredSerializeOptions is not an object.",
            "Failed to read the 'transfer' property from 'StructuredSerializeOptions': The provided value cannot be converted to a sequence.");
        }
        return item;
      });
    for (let i = 0; i < list.length; i++) {
      if (native(cx).bytes.kind(list[i]) !== 'ArrayBuffer') {
        throw dataCloneError(cx, 'invalid transferable array for structured clone', 'Value at index ' + i + ' does not have a transferable type.');
      }
      for (let j = 0; j < i; j++) {
        if (list[j] === list[i]) {
          throw dataCloneError(cx, 'duplicate transferable for structured clone', 'ArrayBuffer at index ' + i + ' is a duplicate of an earlier ArrayBuffer.');
        }
      }
    }
    return list;
  }

  // The text the writer makes of `value` of the world of `cx` (its errors start with `prefix` in
  // Chromium), and the value of that world a text stands for.
  function write(cx, value, prefix) {
    if (FIREFOX && typeof value === 'symbol') throw host.newDOMException(cx, 'unsupported type for structured data', 'DataCloneError');
    return host.structuredCloneText(value, cx, FIREFOX ? '' : prefix);
  }
  const read = (cx, text) => host.readStructuredClone(text, cx);

  function structuredClone(cx, args) {
    if (args.length < 1) {
      throw host.newTypeError(cx, FIREFOX
        ? (inSandbox(cx) ? 'structuredClone: ' : 'Window.structuredClone: ') + 'At least 1 argument required, but only 0 passed'
        : chromePrefix(cx) + '1 argument required, but only 0 present.');
    }
    const transfer = transferList(cx, args.length > 1 ? args[1] : undefined);
    // (What the writer throws is the world's: a DataCloneError, a TypeError, or what a getter
    // threw. A symbol alone, which Firefox's messages refuse in their own way, is refused as a
    // symbol inside a value is.)
    const text = write(cx, args[0], chromePrefix(cx));
    for (let i = 0; i < transfer.length; i++) {
      if (!native(cx).bytes.detach(transfer[i])) throw dataCloneError(cx, 'ArrayBuffer object could not be cloned.', 'An ArrayBuffer is detached and could not be cloned.');
    }
    return read(cx, text);
  }

  // Installs the module for the world of `cx`: its `structuredClone`, and what the context's own
  // modules (js/33_service_worker.js, js/49_firefox_content.js) call through its `host` object:
  // the text of a value, written now (its errors are the poster's, after `chromePrefix` in
  // Chromium), and the value a text stands for, read when the message arrives.
  host.installStructuredClone = function (cx) {
    const loader = cx.loader;
    if (loader.writeClone !== undefined) return;
    loader.implementations.structuredClone = host.newFunction(cx, 'structuredClone', 1, (data, thisValue, ...args) => structuredClone(cx, args), cx);
    loader.writeClone = host.guarded(cx, (value, prefix) => write(cx, value, prefix));
    loader.readClone = host.guarded(cx, (text) => read(cx, text));
  };
});
