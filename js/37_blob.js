// exthost:needs primordials host dom_exception events progress_event
// exthost:globals ~Blob:constructor:0 ~File:constructor:2 ~FileReader:constructor:0
// Blob and File (the File API), FileReader, and object URLs (`URL.createObjectURL`, windows only,
// js/25_url.js), with each browser's errors (fixtures/conformance/web-blob). A Blob's bytes are an
// ArrayBuffer the context never sees (Swift's `bytes` natives copy, join and slice them); reading
// one answers in a promise, or (FileReader) in a task of its own with its progress events.
// Not here yet: `stream()` (no streams).
(function (host) {
  'use strict';
  const {
    TypeError, String, Number, ObjectCreate, ReflectDefineProperty, SafeWeakMap, SafeMap, SymbolIterator, ReflectApply,
    StringPrototypeCharCodeAt, StringPrototypeSlice, StringPrototypeIndexOf, NumberPrototypeToString, listPush, Promise, PromiseReject,
    MathTrunc, NumberIsFinite,
  } = host.primordials;
  const FIREFOX = host.flavor === 'firefox';
  const native = host.native;
  const errors = host.webIDLErrors;

  // ---- Blob -------------------------------------------------------------------------------------------------
  // Each Blob's state: its bytes (an ArrayBuffer) and type.
  const blobs = new SafeWeakMap();
  const blobState = (blob, owner, member) => {
    const state = blobs.get(blob);
    if (state === undefined) throw errors.illegalInvocation(owner, member);
    return state;
  };
  host.blobState = (value) => blobs.get(value);

  // A type as the File API keeps it: lowercased, or '' when it has a character outside U+0020-U+007E.
  function normalizedType(value) {
    const text = String(value);
    for (let i = 0; i < text.length; i++) {
      const code = StringPrototypeCharCodeAt(text, i);
      if (code < 0x20 || code > 0x7E) return '';
    }
    return host.asciiLowercase(text);
  }

  // Every line break (`\r\n`, `\r` or `\n`) as `newline`: `\n`, Linux's native ending, for Blob
  // parts; `\r\n` for form data (js/37_form_data.js).
  function lineEndings(text, newline) {
    let out = '';
    for (let i = 0; i < text.length; i++) {
      const code = StringPrototypeCharCodeAt(text, i);
      if (code === 13 || code === 10) {
        out += newline;
        if (code === 13 && StringPrototypeCharCodeAt(text, i + 1) === 10) i++;
      } else {
        out += text[i];
      }
    }
    return out;
  }
  host.lineEndings = lineEndings;

  // The bytes of a sequence of BlobParts, as the File API's "process blob parts".
  function processParts(parts, owner, endings) {
    if (parts === undefined) return native.bytes.utf8('');
    const buffers = host.webIDLSequence(parts,
      () => new TypeError(FIREFOX ? owner + " constructor: Argument 1 can't be converted to a sequence."
        : "Failed to construct '" + owner + "': The provided value cannot be converted to a sequence."),
      (part) => {
        const blob = part !== null && typeof part === 'object' ? blobs.get(part) : undefined;
        if (blob !== undefined) return blob.bytes;
        if (part !== null && typeof part === 'object' && native.bytes.kind(part) !== undefined) return native.bytes.copy(part);
        const text = String(part);
        return native.bytes.utf8(endings === 'native' ? lineEndings(text, '\n') : text);
      });
    return native.bytes.concat(buffers);
  }

  // Reads a BlobPropertyBag (or FilePropertyBag): its endings and type.
  function propertyBag(options, owner) {
    const bag = { __proto__: null, endings: 'transparent', type: '', lastModified: undefined };
    if (options === undefined || options === null) return bag;
    if (typeof options !== 'object' && typeof options !== 'function') {
      throw new TypeError(FIREFOX ? owner + " constructor: Argument " + (owner === 'File' ? 3 : 2) + " can't be converted to a dictionary."
        : "Failed to construct '" + owner + "': The provided value is not of type '" + (owner === 'File' ? 'FilePropertyBag' : 'BlobPropertyBag') + "'.");
    }
    const endings = options.endings;
    if (endings !== undefined) {
      const text = String(endings);
      if (text !== 'transparent' && text !== 'native') {
        throw new TypeError(FIREFOX
          ? owner + " constructor: '" + text + "' (value of 'endings' member of " + (owner === 'File' ? 'FilePropertyBag' : 'BlobPropertyBag') + ') is not a valid value for enumeration EndingType.'
          : "Failed to construct '" + owner + "': Failed to read the 'endings' property from '" + (owner === 'File' ? 'FilePropertyBag' : 'BlobPropertyBag')
            + "': The provided value '" + text + "' is not a valid enum value of type EndingType.");
      }
      bag.endings = text;
    }
    if (owner === 'File' && options.lastModified !== undefined) bag.lastModified = Number(options.lastModified);
    const type = options.type;
    if (type !== undefined) bag.type = normalizedType(type);
    return bag;
  }

  function Blob(...args) {
    if (new.target === undefined) throw errors.newRequired('Blob');
    const bag = propertyBag(args[1], 'Blob');
    blobs.set(this, { __proto__: null, bytes: processParts(args[0], 'Blob', bag.endings), type: bag.type });
  }
  // A new Blob (or, with `prototype`, File) of `bytes`.
  function newBlob(bytes, type, prototype) {
    const blob = ObjectCreate(prototype === undefined ? Blob.prototype : prototype);
    blobs.set(blob, { __proto__: null, bytes, type });
    return blob;
  }
  host.newBlob = (bytes, type) => newBlob(bytes, type);

  // A relative position of `slice`, clamped to [0, size].
  function relative(value, size) {
    if (value === undefined) return undefined;
    let number = Number(value);
    number = NumberIsFinite(number) ? MathTrunc(number) : (number > 0 ? size : 0);
    if (number !== number) number = 0;
    return number < 0 ? (size + number > 0 ? size + number : 0) : (number < size ? number : size);
  }
  const decodeUTF8 = (buffer) => native.encoding.decode('utf-8', '', buffer, true, false)[0];
  // A promise of what `read` makes of the Blob's bytes (rejected for another object).
  function read(blob, member, readBytes) {
    let state;
    try {
      state = blobState(blob, 'Blob', member);
    } catch (error) {
      return PromiseReject(error);
    }
    return new Promise((resolve) => resolve(readBytes(state.bytes)));
  }
  host.defineInterface(Blob, 'Blob', 0, {
    get size() { return native.bytes.byteLength(blobState(this, 'Blob', 'size').bytes); },
    get type() { return blobState(this, 'Blob', 'type').type; },
    slice(start = undefined, end = undefined, contentType = undefined) {
      const state = blobState(this, 'Blob', 'slice');
      const size = native.bytes.byteLength(state.bytes);
      const from = relative(start, size) ?? 0;
      const to = relative(end, size) ?? size;
      const type = contentType === undefined ? '' : normalizedType(contentType);
      return newBlob(native.bytes.slice(state.bytes, from, to > from ? to : from), type);
    },
    text() { return read(this, 'text', decodeUTF8); },
    arrayBuffer() { return read(this, 'arrayBuffer', (bytes) => native.bytes.copy(bytes)); },
    bytes() { return read(this, 'bytes', (bytes) => native.bytes.uint8Array(bytes)); },
    stream() {
      blobState(this, 'Blob', 'stream');
      throw new TypeError(errors.failed('Blob', 'stream', 'ReadableStream is not available in exthost yet: read the blob with text(), arrayBuffer() or bytes().'));
    },
  }, { __proto__: null });

  // ---- File -------------------------------------------------------------------------------------------------
  const files = new SafeWeakMap();
  function File(...args) {
    if (new.target === undefined) throw errors.newRequired('File');
    if (args.length < 2) {
      throw new TypeError(FIREFOX ? 'File constructor: At least 2 arguments required, but only ' + args.length + ' passed'
        : "Failed to construct 'File': 2 arguments required, but only " + args.length + ' present.');
    }
    const bag = propertyBag(args[2], 'File');
    const bytes = processParts(args[0], 'File', bag.endings);
    blobs.set(this, { __proto__: null, bytes, type: bag.type });
    let lastModified = bag.lastModified;
    if (lastModified === undefined || lastModified !== lastModified) lastModified = native.clock.wallNow();
    files.set(this, { __proto__: null, name: String(args[1]), lastModified: MathTrunc(lastModified) });
  }
  // A File's name and lastModified (undefined for another value), and a new File of `bytes`.
  host.fileState = (value) => files.get(value);
  host.newFile = (bytes, type, name, lastModified) => {
    const file = newBlob(bytes, type, File.prototype);
    files.set(file, { __proto__: null, name, lastModified });
    return file;
  };
  const fileState = (file, member) => {
    const state = files.get(file);
    if (state === undefined) throw errors.illegalInvocation('File', member);
    return state;
  };
  host.defineInterface(File, 'File', 2, {
    get name() { return fileState(this, 'name').name; },
    get lastModified() { return fileState(this, 'lastModified').lastModified; },
    get webkitRelativePath() { fileState(this, 'webkitRelativePath'); return ''; },
  }, { __proto__: null, parentPrototype: Blob.prototype, parentConstructor: Blob });

  // ---- FileReader -------------------------------------------------------------------------------------------
  const EMPTY = 0, LOADING = 1, DONE = 2;
  const readers = new SafeWeakMap();
  const readerState = (reader, member) => {
    const state = readers.get(reader);
    if (state === undefined) throw errors.illegalInvocation('FileReader', member);
    return state;
  };
  function FileReader() {
    if (new.target === undefined) throw errors.newRequired('FileReader');
    host.makeEventTarget(this);
    readers.set(this, { __proto__: null, readyState: EMPTY, result: null, error: null, generation: 0 });
  }
  // What each way of reading makes of the bytes.
  function readResult(kind, bytes, type, encoding) {
    switch (kind) {
      case 'ArrayBuffer': return native.bytes.copy(bytes);
      case 'BinaryString': return native.bytes.latin1(bytes);
      case 'DataURL': return 'data:' + (type === '' ? 'application/octet-stream' : type) + ';base64,' + native.bytes.base64(bytes);
      default: {
        // (An encoding exthost does not know, or none, reads as UTF-8, as the File API says.)
        let label = 'utf-8';
        if (encoding !== undefined) {
          const found = native.encoding.lookup(String(encoding));
          if (typeof found === 'string' && found !== 'unsupported' && found !== 'replacement') label = found;
        }
        return native.encoding.decode(label, '', bytes, true, false)[0];
      }
    }
  }
  function startReading(reader, blob, kind, member, encoding) {
    const state = readerState(reader, member);
    const blobInfo = blob !== null && typeof blob === 'object' ? blobs.get(blob) : undefined;
    if (blobInfo === undefined) {
      throw new TypeError(FIREFOX
        ? 'FileReader.' + member + ': Argument 1 ' + (blob !== null && typeof blob === 'object' ? 'does not implement interface Blob.' : 'is not an object.')
        : errors.failed('FileReader', member, "parameter 1 is not of type 'Blob'."));
    }
    if (state.readyState === LOADING) {
      throw host.newDOMException(FIREFOX ? 'An attempt was made to use an object that is not, or is no longer, usable'
        : errors.failed('FileReader', member, 'The object is already busy reading Blobs.'), 'InvalidStateError');
    }
    state.readyState = LOADING;
    state.result = null;
    state.error = null;
    const generation = ++state.generation;
    const size = native.bytes.byteLength(blobInfo.bytes);
    // (The rest in a task of its own, as a browser reads a blob apart from the script.)
    native.clock.timeout(0, () => {
      if (state.generation !== generation) return;
      host.fireProgress(reader, 'loadstart', 0, size, true);
      if (state.generation !== generation) return;
      host.fireProgress(reader, 'progress', size, size, true);
      if (state.generation !== generation) return;
      state.result = readResult(kind, blobInfo.bytes, blobInfo.type, encoding);
      state.readyState = DONE;
      host.fireProgress(reader, 'load', size, size, true);
      if (state.readyState === DONE && state.generation === generation) host.fireProgress(reader, 'loadend', size, size, true);
    });
  }
  const requireBlobArgument = (count, member) => {
    if (count < 1) {
      throw new TypeError(FIREFOX ? 'FileReader.' + member + ': At least 1 argument required, but only 0 passed'
        : errors.failed('FileReader', member, '1 argument required, but only 0 present.'));
    }
  };
  // (The constants on the class before the interface is defined: the public constructor gets the
  // class's own members then.)
  const constants = [['EMPTY', EMPTY], ['LOADING', LOADING], ['DONE', DONE]];
  const constantDescriptor = (value) => ({ __proto__: null, value, writable: false, enumerable: true, configurable: false });
  for (let i = 0; i < constants.length; i++) ReflectDefineProperty(FileReader, constants[i][0], constantDescriptor(constants[i][1]));
  const readerPrototype = host.defineInterface(FileReader, 'FileReader', 0, {
    get readyState() { return readerState(this, 'readyState').readyState; },
    get result() { return readerState(this, 'result').result; },
    get error() { return readerState(this, 'error').error; },
    readAsArrayBuffer(...args) { requireBlobArgument(args.length, 'readAsArrayBuffer'); startReading(this, args[0], 'ArrayBuffer', 'readAsArrayBuffer'); },
    readAsBinaryString(...args) { requireBlobArgument(args.length, 'readAsBinaryString'); startReading(this, args[0], 'BinaryString', 'readAsBinaryString'); },
    readAsDataURL(...args) { requireBlobArgument(args.length, 'readAsDataURL'); startReading(this, args[0], 'DataURL', 'readAsDataURL'); },
    readAsText(...args) { requireBlobArgument(args.length, 'readAsText'); startReading(this, args[0], 'Text', 'readAsText', args[1]); },
    abort() {
      const state = readerState(this, 'abort');
      if (state.readyState === EMPTY || state.readyState === DONE) {
        state.result = null;
        return;
      }
      state.generation++;
      state.readyState = DONE;
      state.result = null;
      host.fireProgress(this, 'abort', 0, 0, false);
      if (state.readyState === DONE) host.fireProgress(this, 'loadend', 0, 0, false);
    },
  }, { __proto__: null, parentPrototype: host.lazyGlobals.EventTarget.prototype, parentConstructor: host.lazyGlobals.EventTarget });
  const handlerTypes = ['loadstart', 'progress', 'load', 'abort', 'error', 'loadend'];
  for (let i = 0; i < handlerTypes.length; i++) {
    ReflectDefineProperty(readerPrototype, 'on' + handlerTypes[i], host.eventHandlerDescriptor(handlerTypes[i], 'FileReader'));
  }
  for (let i = 0; i < constants.length; i++) ReflectDefineProperty(readerPrototype, constants[i][0], constantDescriptor(constants[i][1]));

  // ---- Object URLs ------------------------------------------------------------------------------------------
  // `blob:<origin>/<uuid>` -> the Blob's state, for URL.createObjectURL (windows only) and fetch.
  const objectURLs = new SafeMap();
  host.createObjectURL = (value) => {
    const state = value !== null && typeof value === 'object' ? blobs.get(value) : undefined;
    if (state === undefined) {
      throw new TypeError(FIREFOX ? 'URL.createObjectURL: Argument 1 could not be converted to any of: Blob, MediaSource.'
        : "Failed to execute 'createObjectURL' on 'URL': Overload resolution failed.");
    }
    const url = 'blob:' + native.fetch.origin() + '/' + randomUUID();
    objectURLs.set(url, state);
    return url;
  };
  host.revokeObjectURL = (url) => { objectURLs.delete(String(url)); };
  // A version 4 UUID, as crypto.randomUUID makes one.
  function randomUUID() {
    const random = native.crypto.randomBytes(16);
    let out = '';
    for (let i = 0; i < 16; i++) {
      let byte = StringPrototypeCharCodeAt(random, i);
      if (i === 6) byte = (byte & 0x0F) | 0x40;
      if (i === 8) byte = (byte & 0x3F) | 0x80;
      if (i === 4 || i === 6 || i === 8 || i === 10) out += '-';
      out += (byte < 16 ? '0' : '') + NumberPrototypeToString(byte, 16);
    }
    return out;
  }
  // The Blob an object URL names (its fragment left out), or undefined.
  host.objectURLBlob = (url) => {
    const hash = StringPrototypeIndexOf(url, '#');
    return objectURLs.get(hash === -1 ? url : StringPrototypeSlice(url, 0, hash));
  };
});
