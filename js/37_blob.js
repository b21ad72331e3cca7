// exthost:realm host
// exthost:needs primordials api
// exthost:globals ~Blob:constructor:0 ~File:constructor:2 ~FileReader:constructor:0
// Blob and File (the File API), FileReader, and object URLs (`URL.createObjectURL`, windows only,
// js/25_url.js), with each browser's errors (fixtures/conformance/web-blob). A Blob's bytes are an
// ArrayBuffer of its world that no script sees (the world's `bytes` natives copy, join and slice
// them); reading one answers in a promise, or (FileReader) in a task of its own with its progress
// events (ProgressEvent, js/31_events.js).
//
// Runs in the host's realm, for a world on the first touch of these globals or of a module that
// makes Blobs (`host.installBlob`): each interface made on first need (`host.makeBlobInterface`),
// its members one implementation for every world. The modules that read or make Blobs (fetch,
// XMLHttpRequest, URL's object URLs, the clipboard, FormData) call it here, once the world
// installed it. Not here yet: `stream()` (no streams).
(function (host) {
  'use strict';
  const {
    String, Number, SafeWeakMap, SafeMap, StringPrototypeCharCodeAt, StringPrototypeSlice, StringPrototypeIndexOf,
    NumberPrototypeToString, MathTrunc, NumberIsFinite, asciiLowercase, listPush,
  } = host.primordials;
  const FIREFOX = host.flavor === 'firefox';
  const { failed, illegalInvocation, countError } = host.webIDLErrors;
  const isObject = (value) => value !== null && (typeof value === 'object' || typeof value === 'function');
  const typeError = (cx, text) => host.newTypeError(cx, text);
  const native = (cx) => cx.loader.native;
  const toText = host.toText;

  // ---- Blob -------------------------------------------------------------------------------------------------
  // Each Blob's state, by Blob (of any world): its bytes (an ArrayBuffer of its world) and type.
  const blobs = new SafeWeakMap();
  const blobOf = (value) => (isObject(value) ? blobs.get(value) : undefined);
  const blobState = (cx, blob, owner, member) => {
    const state = blobOf(blob);
    if (state === undefined) throw illegalInvocation(cx, owner, member);
    return state;
  };

  // A type as the File API keeps it: lowercased, or '' when it has a character outside U+0020-U+007E.
  function normalizedType(cx, value, owner, member, dictionary) {
    const text = toText(cx, value, owner, member, dictionary, 'type');
    for (let i = 0; i < text.length; i++) {
      const code = StringPrototypeCharCodeAt(text, i);
      if (code < 0x20 || code > 0x7E) return '';
    }
    return asciiLowercase(text);
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
        out += StringPrototypeSlice(text, i, i + 1);
      }
    }
    return out;
  }

  // A sequence of BlobParts converted (Web IDL, before the constructor's steps): each a Blob's or
  // a buffer's bytes (an ArrayBuffer), or a string.
  function convertParts(cx, parts, owner) {
    if (parts === undefined) return [];
    const bytes = native(cx).bytes;
    return host.webIDLSequence(parts,
      () => typeError(cx, FIREFOX ? owner + " constructor: Argument 1 can't be converted to a sequence."
        : "Failed to construct '" + owner + "': The provided value cannot be converted to a sequence."),
      (part) => {
        const blob = blobOf(part);
        if (blob !== undefined) return blob.bytes;
        if (isObject(part) && bytes.kind(part) !== undefined) return bytes.copy(part);
        return toText(cx, part, owner, 'constructor');
      });
  }
  // The bytes of converted parts, as the File API's "process blob parts" makes them.
  function processParts(cx, parts, endings) {
    const bytes = native(cx).bytes;
    const buffers = [];
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      listPush(buffers, typeof part === 'string' ? bytes.utf8(endings === 'native' ? lineEndings(part, '\n') : part) : part);
    }
    return buffers.length === 0 ? bytes.utf8('') : bytes.concat(host.newArray(cx, buffers));
  }

  // Reads a BlobPropertyBag (or FilePropertyBag): its endings and type.
  function propertyBag(cx, options, owner) {
    const bag = { __proto__: null, endings: 'transparent', type: '', lastModified: undefined };
    if (options === undefined || options === null) return bag;
    const dictionaryName = owner === 'File' ? 'FilePropertyBag' : 'BlobPropertyBag';
    if (!isObject(options)) {
      throw typeError(cx, FIREFOX ? owner + ' constructor: Argument ' + (owner === 'File' ? 3 : 2) + " can't be converted to a dictionary."
        : "Failed to construct '" + owner + "': The provided value is not of type '" + dictionaryName + "'.");
    }
    const endings = options.endings;
    if (endings !== undefined) {
      const text = toText(cx, endings, owner, 'constructor', dictionaryName, 'endings');
      if (text !== 'transparent' && text !== 'native') {
        throw typeError(cx, FIREFOX
          ? owner + " constructor: '" + text + "' (value of 'endings' member of " + dictionaryName + ') is not a valid value for enumeration EndingType.'
          : "Failed to construct '" + owner + "': Failed to read the 'endings' property from '" + dictionaryName
            + "': The provided value '" + text + "' is not a valid enum value of type EndingType.");
      }
      bag.endings = text;
    }
    // (BlobPropertyBag's members first, then FilePropertyBag's own.)
    const type = options.type;
    if (type !== undefined) bag.type = normalizedType(cx, type, owner, 'constructor', dictionaryName);
    if (owner === 'File') {
      const lastModified = options.lastModified;
      if (lastModified !== undefined) bag.lastModified = Number(lastModified);
    }
    return bag;
  }

  const constructBlob = (cx, thisValue, newTarget, ...args) => {
    const parts = convertParts(cx, args[0], 'Blob');
    const bag = propertyBag(cx, args[1], 'Blob');
    const bytes = processParts(cx, parts, bag.endings);
    const blob = host.newInstance(cx, newTarget, interfaceOf(cx, 'Blob').prototype);
    blobs.set(blob, { __proto__: null, bytes, type: bag.type });
    return blob;
  };
  // A new Blob of the world of `cx` holding `bytes` (an ArrayBuffer of that world).
  function newBlob(cx, bytes, type) {
    const blob = host.newObjectFrom(cx, interfaceOf(cx, 'Blob').prototype);
    blobs.set(blob, { __proto__: null, bytes, type });
    return blob;
  }

  // A relative position of `slice`, clamped to [0, size].
  function relative(value, size) {
    if (value === undefined) return undefined;
    let number = Number(value);
    number = NumberIsFinite(number) ? MathTrunc(number) : (number > 0 ? size : 0);
    if (number !== number) number = 0;
    return number < 0 ? (size + number > 0 ? size + number : 0) : (number < size ? number : size);
  }
  const decodeUTF8 = (cx, buffer) => native(cx).encoding.decode('utf-8', '', buffer, true, false)[0];
  // A promise of the world of what `readBytes` makes of the Blob's bytes (rejected for another object).
  const reading = (member, readBytes) => ['method', member, 0, (cx, thisValue) => {
    const state = blobOf(thisValue);
    if (state === undefined) return host.rejectedPromise(cx, illegalInvocation(cx, 'Blob', member));
    const settle = host.newPromise(cx);
    try {
      settle.resolve(readBytes(cx, state.bytes));
    } catch (error) {
      settle.reject(host.contextError(cx, error));
    }
    return settle.promise;
  }];
  const blobMembers = [
    ['get', 'size', (cx, thisValue) => native(cx).bytes.byteLength(blobState(cx, thisValue, 'Blob', 'get size').bytes)],
    ['get', 'type', (cx, thisValue) => blobState(cx, thisValue, 'Blob', 'get type').type],
    ['method', 'slice', 0, (cx, thisValue, start, end, contentType) => {
      const state = blobState(cx, thisValue, 'Blob', 'slice');
      const bytes = native(cx).bytes;
      const size = bytes.byteLength(state.bytes);
      const from = relative(start, size) ?? 0;
      const to = relative(end, size) ?? size;
      const type = contentType === undefined ? '' : normalizedType(cx, contentType, 'Blob', 'slice');
      return newBlob(cx, bytes.slice(state.bytes, from, to > from ? to : from), type);
    }],
    reading('text', decodeUTF8),
    reading('arrayBuffer', (cx, bytes) => native(cx).bytes.copy(bytes)),
    reading('bytes', (cx, bytes) => native(cx).bytes.uint8Array(bytes)),
    ['method', 'stream', 0, (cx, thisValue) => {
      blobState(cx, thisValue, 'Blob', 'stream');
      throw typeError(cx, failed('Blob', 'stream', 'ReadableStream is not available in exthost yet: read the blob with text(), arrayBuffer() or bytes().'));
    }],
  ];

  // ---- File -------------------------------------------------------------------------------------------------
  // Each File's name and lastModified, by File.
  const files = new SafeWeakMap();
  const constructFile = (cx, thisValue, newTarget, ...args) => {
    if (args.length < 2) throw countError(cx, 'File', 'constructor', 2, args.length);
    const parts = convertParts(cx, args[0], 'File');
    const name = toText(cx, args[1], 'File', 'constructor');
    const bag = propertyBag(cx, args[2], 'File');
    const bytes = processParts(cx, parts, bag.endings);
    let lastModified = bag.lastModified;
    if (lastModified === undefined || lastModified !== lastModified) lastModified = native(cx).clock.wallNow();
    const file = host.newInstance(cx, newTarget, interfaceOf(cx, 'File').prototype);
    blobs.set(file, { __proto__: null, bytes, type: bag.type });
    files.set(file, { __proto__: null, name, lastModified: MathTrunc(lastModified) });
    return file;
  };
  const fileState = (cx, file, member) => {
    const state = isObject(file) ? files.get(file) : undefined;
    if (state === undefined) throw illegalInvocation(cx, 'File', member);
    return state;
  };
  const fileMembers = [
    ['get', 'name', (cx, thisValue) => fileState(cx, thisValue, 'get name').name],
    ['get', 'lastModified', (cx, thisValue) => fileState(cx, thisValue, 'get lastModified').lastModified],
    ['get', 'webkitRelativePath', (cx, thisValue) => {
      fileState(cx, thisValue, 'get webkitRelativePath');
      return '';
    }],
  ];

  // ---- FileReader -------------------------------------------------------------------------------------------
  const EMPTY = 0, LOADING = 1, DONE = 2;
  // Each reader's state, by reader.
  const readers = new SafeWeakMap();
  const readerState = (cx, reader, member) => {
    const state = isObject(reader) ? readers.get(reader) : undefined;
    if (state === undefined) throw illegalInvocation(cx, 'FileReader', member);
    return state;
  };
  const constructFileReader = (cx, thisValue, newTarget) => {
    const reader = host.newInstance(cx, newTarget, interfaceOf(cx, 'FileReader').prototype);
    host.eventInternals.makeEventTarget(reader);
    readers.set(reader, { __proto__: null, readyState: EMPTY, result: null, error: null, generation: 0 });
    return reader;
  };
  // What each way of reading makes of the bytes.
  function readResult(cx, kind, bytes, type, encoding) {
    const natives = native(cx);
    switch (kind) {
      case 'ArrayBuffer': return natives.bytes.copy(bytes);
      case 'BinaryString': return natives.bytes.latin1(bytes);
      case 'DataURL': return 'data:' + (type === '' ? 'application/octet-stream' : type) + ';base64,' + natives.bytes.base64(bytes);
      default: {
        // (An encoding exthost does not know, or none, reads as UTF-8, as the File API says.)
        let label = 'utf-8';
        if (encoding !== undefined) {
          const found = natives.encoding.lookup(encoding);
          if (typeof found === 'string' && found !== 'unsupported' && found !== 'replacement') label = found;
        }
        return natives.encoding.decode(label, '', bytes, true, false)[0];
      }
    }
  }
  const fireProgress = (cx, reader, type, loaded, total, computable) => {
    host.eventInternals.fireProgress(cx, reader, type, loaded, total, computable);
  };
  // `readAs...`: checks the reader and the blob, then reads in a task of its own, as a browser
  // reads a blob apart from the script.
  const readingAs = (member, kind) => ['method', member, 1, (cx, thisValue, ...args) => {
    const state = readerState(cx, thisValue, member);
    if (args.length < 1) throw countError(cx, 'FileReader', member, 1, 0);
    const blob = args[0];
    const blobInfo = blobOf(blob);
    if (blobInfo === undefined) {
      throw typeError(cx, FIREFOX
        ? 'FileReader.' + member + ': Argument 1 ' + (isObject(blob) ? 'does not implement interface Blob.' : 'is not an object.')
        : failed('FileReader', member, "parameter 1 is not of type 'Blob'."));
    }
    // (The encoding's label is an argument: read now, not in the task that reads the blob.)
    const encoding = kind === 'Text' && args[1] !== undefined ? toText(cx, args[1], 'FileReader', member) : undefined;
    if (state.readyState === LOADING) {
      throw host.newDOMException(cx, FIREFOX ? 'An attempt was made to use an object that is not, or is no longer, usable'
        : failed('FileReader', member, 'The object is already busy reading Blobs.'), 'InvalidStateError');
    }
    state.readyState = LOADING;
    state.result = null;
    state.error = null;
    const generation = ++state.generation;
    const size = native(cx).bytes.byteLength(blobInfo.bytes);
    native(cx).clock.timeout(0, () => {
      if (state.generation !== generation) return;
      fireProgress(cx, thisValue, 'loadstart', 0, size, true);
      if (state.generation !== generation) return;
      fireProgress(cx, thisValue, 'progress', size, size, true);
      if (state.generation !== generation) return;
      state.result = readResult(cx, kind, blobInfo.bytes, blobInfo.type, encoding);
      state.readyState = DONE;
      fireProgress(cx, thisValue, 'load', size, size, true);
      if (state.readyState === DONE && state.generation === generation) fireProgress(cx, thisValue, 'loadend', size, size, true);
    });
  }];
  const readerMembers = [
    ['get', 'readyState', (cx, thisValue) => readerState(cx, thisValue, 'get readyState').readyState],
    ['get', 'result', (cx, thisValue) => readerState(cx, thisValue, 'get result').result],
    ['get', 'error', (cx, thisValue) => readerState(cx, thisValue, 'get error').error],
    readingAs('readAsArrayBuffer', 'ArrayBuffer'),
    readingAs('readAsBinaryString', 'BinaryString'),
    readingAs('readAsDataURL', 'DataURL'),
    readingAs('readAsText', 'Text'),
    ['method', 'abort', 0, (cx, thisValue) => {
      const state = readerState(cx, thisValue, 'abort');
      if (state.readyState === EMPTY || state.readyState === DONE) {
        state.result = null;
        return;
      }
      state.generation++;
      state.readyState = DONE;
      state.result = null;
      fireProgress(cx, thisValue, 'abort', 0, 0, false);
      if (state.readyState === DONE) fireProgress(cx, thisValue, 'loadend', 0, 0, false);
    }],
  ];
  const readerHandlerTypes = ['loadstart', 'progress', 'load', 'abort', 'error', 'loadend'];

  // ---- Object URLs ------------------------------------------------------------------------------------------
  // A version 4 UUID, as crypto.randomUUID makes one.
  function randomUUID(cx) {
    const random = native(cx).crypto.randomBytes(16);
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
  // `URL.createObjectURL(value)`: a `blob:<origin>/<uuid>` URL the world's fetch reads the Blob by.
  function createObjectURL(cx, value) {
    const state = blobOf(value);
    if (state === undefined) {
      throw typeError(cx, FIREFOX ? 'URL.createObjectURL: Argument 1 could not be converted to any of: Blob, MediaSource.'
        : "Failed to execute 'createObjectURL' on 'URL': Overload resolution failed.");
    }
    const url = 'blob:' + native(cx).fetch.origin() + '/' + randomUUID(cx);
    cx.blobWorld.objectURLs.set(url, state);
    return url;
  }
  // The state of the Blob an object URL of the world names (its fragment left out), or undefined.
  function objectURLBlob(cx, url) {
    const text = String(url);
    const hash = StringPrototypeIndexOf(text, '#');
    return cx.blobWorld.objectURLs.get(hash === -1 ? text : StringPrototypeSlice(text, 0, hash));
  }

  // ---- The interfaces ------------------------------------------------------------------------------
  const interfaces = {
    __proto__: null,
    Blob: { parent: null, construct: constructBlob, members: blobMembers },
    File: { parent: 'Blob', construct: constructFile, members: fileMembers },
    FileReader: { parent: 'EventTarget', construct: constructFileReader, members: readerMembers, constants: ['EMPTY', EMPTY, 'LOADING', LOADING, 'DONE', DONE] },
  };
  // The interface `name` of the world of `cx` ({prototype, publicConstructor}), made now if it was not.
  function interfaceOf(cx, name) {
    const world = cx.blobWorld;
    const made = world.interfaces[name];
    if (made !== undefined) return made;
    const description = interfaces[name];
    let parent = null;
    if (description.parent === 'EventTarget') {
      cx.loader.load('events');
      parent = host.eventInternals.interfaceOf(cx, 'EventTarget');
    } else if (description.parent !== null) {
      parent = interfaceOf(cx, description.parent);
    }
    world.interfaces[name] = host.makeWorldInterface(cx, name, {
      __proto__: null, construct: description.construct, members: description.members, constants: description.constants,
    }, parent);
    if (name === 'FileReader') {
      // (The handler attributes after the constants.)
      const handlers = [];
      for (let i = 0; i < readerHandlerTypes.length; i++) {
        const implementation = host.eventInternals.handlerImplementation(readerHandlerTypes[i], 'FileReader');
        listPush(handlers, ['accessor', 'on' + readerHandlerTypes[i], implementation.get, implementation.set]);
      }
      host.defineWorldMembers(cx, world.interfaces[name].prototype, handlers);
      host.compactShape(world.interfaces[name].prototype);
    }
    return world.interfaces[name];
  }
  // For the host realm's modules (URL's object URLs, the clipboard's items, FormData), once the world of
  // `cx` installed this one (`cx.loader.load('blob')`).
  host.newBlob = newBlob;
  // A new File of the world of `cx` over another File's states (FormData's entries, which every
  // world of a document reads).
  host.newFileOver = (cx, blob, file) => {
    const made = host.newObjectFrom(cx, interfaceOf(cx, 'File').prototype);
    blobs.set(made, blob);
    files.set(made, file);
    return made;
  };
  host.blobStateOf = blobOf;
  host.fileStateOf = (value) => (isObject(value) ? files.get(value) : undefined);
  host.lineEndings = lineEndings;
  host.createObjectURL = createObjectURL;
  host.objectURLBlobOf = objectURLBlob;
  host.revokeObjectURL = (cx, url) => { cx.blobWorld.objectURLs.delete(toText(cx, url, 'URL', 'revokeObjectURL')); };
  host.makeBlobInterface = function (cx, name) {
    if (interfaces[name] !== undefined) interfaceOf(cx, name);
  };

  // Installs the module for the world of `cx`: its interfaces' record and its object URLs.
  host.installBlob = function (cx) {
    if (cx.blobWorld !== undefined) return;
    cx.blobWorld = { __proto__: null, interfaces: { __proto__: null }, objectURLs: new SafeMap() };
  };
});
