// exthost:realm host
// exthost:needs primordials api events blob url
// exthost:globals ~FormData:constructor:0
// exthost:globals Window: chrome: ~FormDataEvent:constructor:2
// exthost:globals Window: firefox: ~FormDataEvent:constructor:1
// FormData (XHR Standard) in every context: its entries (strings, and Files: a Blob becomes a File
// named "blob"), live iterators, the multipart/form-data encoding a fetch or Request body gets
// (HTML's algorithm: names and values with CRLF line breaks, `"`, CR and LF in names and file
// names percent-encoded, each browser's boundary), and the parser Response.formData() and
// Request.formData() use for multipart and urlencoded bodies (js/32_fetch.js), with each browser's
// errors (fixtures/conformance/web-form-data).
//
// `new FormData(form, submitter)` and a form's submission (js/63_dom.js) take HTML's "constructing
// the entry list": the DOM gives the entries of the form's controls, and the `formdata` event
// (FormDataEvent) goes to the form through every world of its document, each listener's world
// seeing a FormData of its own over the one list the result is a copy of
// (fixtures/conformance/form-data-entry-list).
//
// Runs in the host's realm, for a world on the first touch of these globals or of a body that
// needs it (`host.installFormData`): each interface made on first need, its members one
// implementation for every world. A FormData's entries are kept here, by its object.
(function (host) {
  'use strict';
  const {
    String, SafeWeakMap, SymbolIterator, StringPrototypeToWellFormed, StringPrototypeCharCodeAt, StringPrototypeSlice,
    StringPrototypeIndexOf, NumberPrototypeToString, ReflectApply, listPush, listCopy, asciiLowercase,
  } = host.primordials;
  const FIREFOX = host.flavor === 'firefox';
  const { failed, illegalInvocation, countError, dictionary } = host.webIDLErrors;
  const events = host.eventInternals;
  const isObject = (value) => value !== null && (typeof value === 'object' || typeof value === 'function');
  const typeError = (cx, text) => host.newTypeError(cx, text);
  const native = (cx) => cx.loader.native;
  // (WebIDL's USVString: a symbol is refused, as ToString refuses it.)
  const usv = (value) => StringPrototypeToWellFormed(`${value}`);

  // ---- Entries -------------------------------------------------------------------------------------
  // Each FormData's state, by FormData (of any world): { list } of [name, value] entries, value a
  // string or a file record. (FormDataEvent's formData in each world is a FormData over the same
  // state, so an entry's File is never one world's object: a record holds the File's state, and
  // each world that reads the entry gets a File of its own over it, the same one each time; the
  // world that appended a File gets that very File back.)
  const forms = new SafeWeakMap();
  const newFileRecord = (blob, file) => ({ __proto__: null, blob, file, files: new SafeWeakMap() });
  function fileRecord(cx, file) {
    const record = newFileRecord(host.blobStateOf(file), host.fileStateOf(file));
    record.files.set(cx, file);
    return record;
  }
  // An entry's value as the world of `cx` sees it.
  function entryValue(cx, value) {
    if (typeof value === 'string') return value;
    let file = value.files.get(cx);
    if (file === undefined) {
      file = host.newFileOver(cx, value.blob, value.file);
      value.files.set(cx, file);
    }
    return file;
  }
  const formState = (cx, form, member) => {
    const state = isObject(form) ? forms.get(form) : undefined;
    if (state === undefined) throw illegalInvocation(cx, 'FormData', member);
    return state;
  };

  // The standard's "create an entry": a Blob becomes a File named "blob", a File given a file name
  // a new File of that name; a File without one stays the same object.
  function createEntry(cx, name, value, filename, member, count) {
    const blob = host.blobStateOf(value);
    if (blob === undefined) {
      if (count > 2) {
        throw typeError(cx, FIREFOX ? failed('FormData', member, 'Argument 2 is not an object.')
          : failed('FormData', member, "parameter 2 is not of type 'Blob'."));
      }
      return [usv(name), usv(value)];
    }
    const file = host.fileStateOf(value);
    if (file !== undefined && filename === undefined) return [usv(name), fileRecord(cx, value)];
    const fileName = filename !== undefined ? usv(filename) : file !== undefined ? file.name : 'blob';
    const lastModified = file !== undefined ? file.lastModified : native(cx).clock.wallNow();
    return [usv(name), newFileRecord({ __proto__: null, bytes: blob.bytes, type: blob.type }, { __proto__: null, name: fileName, lastModified })];
  }

  // The argument count of append and set: Chromium's overloads count as WebIDL's; Firefox names
  // the count no overload takes.
  function checkCount(cx, member, count) {
    if (count >= 2) return;
    throw FIREFOX ? typeError(cx, failed('FormData', member, count + ' is not a valid argument count for any overload.'))
      : countError(cx, 'FormData', member, 2, count);
  }
  const requireName = (cx, member, count) => {
    if (count < 1) throw countError(cx, 'FormData', member, 1, count);
  };
  // A new FormData of the world of `cx` over `state`.
  function formDataOver(cx, state) {
    const form = host.newObjectFrom(cx, interfaceOf(cx, 'FormData').prototype);
    forms.set(form, state);
    return form;
  }

  // ---- Constructing the entry list (HTML) -----------------------------------------------------------
  // The forms whose entry list is being constructed (their nodes): a `formdata` listener's own
  // `new FormData(form)` or submission of the form gets nothing.
  const constructing = new SafeWeakMap();
  // The entry list of `form` (the DOM's node) with `submitter` (a node, or null) and `charset`
  // (what a hidden `_charset_` control gives), after the `formdata` event went to the form through
  // every world: a copy of what the listeners left (null while the form's list is being made).
  function constructEntryList(cx, form, submitter, charset) {
    if (constructing.has(form)) return null;
    constructing.set(form, true);
    try {
      const entries = host.domHooks.formEntries(form, submitter, charset);
      const state = { __proto__: null, list: [] };
      for (let i = 0; i < entries.length; i++) {
        const value = entries[i][1];
        // (A file control with no file: a File named "" of no bytes.)
        listPush(state.list, [entries[i][0], typeof value === 'string' ? value
          : newFileRecord({ __proto__: null, bytes: native(cx).bytes.utf8(''), type: 'application/octet-stream' }, { __proto__: null, name: '', lastModified: native(cx).clock.wallNow() })]);
      }
      cx.loader.load('events');
      const event = host.newObjectFrom(cx, interfaceOf(cx, 'FormDataEvent').prototype);
      events.initializeEvent(cx, event, 'formdata', { __proto__: null, bubbles: true, cancelable: false, composed: false });
      formDataEvents.set(event, { __proto__: null, formData: formDataOver(cx, state), state });
      events.dispatch(cx, host.domDocuments.wrap(cx, form), event, true);
      return listCopy(state.list);
    } finally {
      constructing.delete(form);
    }
  }
  // For the DOM's form submission (js/63_dom.js): the entry list, and whether it is being made.
  host.constructEntryList = constructEntryList;
  host.isConstructingEntryList = (form) => constructing.has(form);

  const nodeOf = (value) => (host.nodeOf === undefined ? undefined : host.nodeOf(value));
  const constructFormData = (cx, thisValue, newTarget, ...args) => {
    const state = { __proto__: null, list: [] };
    if (args.length > 0 && args[0] !== undefined) {
      const formValue = args[0];
      const form = nodeOf(formValue);
      if (form === undefined || !host.domHooks.isHTMLElement(formValue) || form.localName !== 'form') {
        throw typeError(cx, FIREFOX ? failed('FormData', 'constructor', 'Argument 1 ' + (isObject(formValue) ? 'does not implement interface HTMLFormElement.' : 'is not an object.'))
          : failed('FormData', 'constructor', "parameter 1 is not of type 'HTMLFormElement'."));
      }
      const submitterValue = args.length > 1 ? args[1] : undefined;
      let submitter = null;
      if (submitterValue !== undefined && submitterValue !== null) {
        if (!host.domHooks.isHTMLElement(submitterValue)) {
          throw typeError(cx, FIREFOX ? failed('FormData', 'constructor', 'Argument 2 ' + (isObject(submitterValue) ? 'does not implement interface HTMLElement.' : 'is not an object.'))
            : failed('FormData', 'constructor', "parameter 2 is not of type 'HTMLElement'."));
        }
        submitter = nodeOf(submitterValue);
        if (!host.domHooks.isSubmitButton(submitter)) {
          throw typeError(cx, failed('FormData', 'constructor', FIREFOX ? 'The submitter is not a submit button.' : 'The specified element is not a submit button.'));
        }
        if (host.domHooks.formOwner(submitter) !== form) {
          throw host.newDOMException(cx, failed('FormData', 'constructor', FIREFOX ? 'The submitter is not owned by this form.'
            : 'The specified element is not owned by this form element.'), 'NotFoundError');
        }
      }
      const list = constructEntryList(cx, form, submitter, 'UTF-8');
      if (list === null) {
        throw host.newDOMException(cx, FIREFOX ? 'An attempt was made to use an object that is not, or is no longer, usable'
          : failed('FormData', 'constructor', 'The form is constructing entry list.'), 'InvalidStateError');
      }
      state.list = list;
    }
    const form = host.newInstance(cx, newTarget, interfaceOf(cx, 'FormData').prototype);
    forms.set(form, state);
    return form;
  };

  // ---- Members -------------------------------------------------------------------------------------
  // The default iterators: live over the entries, as WebIDL's pair iterators are.
  const iterators = new SafeWeakMap();
  function makeIterator(cx, target, kind) {
    const iterator = host.newObjectFrom(cx, interfaceOf(cx, 'FormData Iterator').prototype);
    iterators.set(iterator, { __proto__: null, state: forms.get(target), kind, index: 0 });
    return iterator;
  }
  const result = host.newIteratorResult;
  const iteratorMembers = [
    ['method', 'next', 0, (cx, thisValue) => {
      const iterator = isObject(thisValue) ? iterators.get(thisValue) : undefined;
      if (iterator === undefined) throw illegalInvocation(cx, 'FormData Iterator', 'next');
      const list = iterator.state.list;
      if (iterator.index >= list.length) return result(cx, undefined, true);
      const entry = list[iterator.index++];
      const value = iterator.kind === 'key' ? undefined : entryValue(cx, entry[1]);
      return result(cx, iterator.kind === 'key' ? entry[0] : iterator.kind === 'value' ? value : host.newArray(cx, [entry[0], value]), false);
    }],
  ];
  const iterating = (member, kind) => ['method', member, 0, (cx, thisValue) => {
    formState(cx, thisValue, member);
    return makeIterator(cx, thisValue, kind);
  }];
  const formMembers = [
    ['method', 'append', 2, (cx, thisValue, ...args) => {
      const state = formState(cx, thisValue, 'append');
      checkCount(cx, 'append', args.length);
      listPush(state.list, createEntry(cx, args[0], args[1], args.length > 2 ? args[2] : undefined, 'append', args.length));
    }],
    ['method', 'delete', 1, (cx, thisValue, ...args) => {
      const state = formState(cx, thisValue, 'delete');
      requireName(cx, 'delete', args.length);
      const name = usv(args[0]);
      const kept = [];
      for (let i = 0; i < state.list.length; i++) if (state.list[i][0] !== name) listPush(kept, state.list[i]);
      state.list = kept;
    }],
    ['method', 'get', 1, (cx, thisValue, ...args) => {
      const state = formState(cx, thisValue, 'get');
      requireName(cx, 'get', args.length);
      const name = usv(args[0]);
      for (let i = 0; i < state.list.length; i++) if (state.list[i][0] === name) return entryValue(cx, state.list[i][1]);
      return null;
    }],
    ['method', 'getAll', 1, (cx, thisValue, ...args) => {
      const state = formState(cx, thisValue, 'getAll');
      requireName(cx, 'getAll', args.length);
      const name = usv(args[0]);
      const values = [];
      for (let i = 0; i < state.list.length; i++) if (state.list[i][0] === name) listPush(values, entryValue(cx, state.list[i][1]));
      return host.newArray(cx, values);
    }],
    ['method', 'has', 1, (cx, thisValue, ...args) => {
      const state = formState(cx, thisValue, 'has');
      requireName(cx, 'has', args.length);
      const name = usv(args[0]);
      for (let i = 0; i < state.list.length; i++) if (state.list[i][0] === name) return true;
      return false;
    }],
    ['method', 'set', 2, (cx, thisValue, ...args) => {
      const state = formState(cx, thisValue, 'set');
      checkCount(cx, 'set', args.length);
      const entry = createEntry(cx, args[0], args[1], args.length > 2 ? args[2] : undefined, 'set', args.length);
      // The first entry of the name is replaced, the others removed; else appended.
      const kept = [];
      let replaced = false;
      for (let i = 0; i < state.list.length; i++) {
        if (state.list[i][0] !== entry[0]) {
          listPush(kept, state.list[i]);
        } else if (!replaced) {
          listPush(kept, entry);
          replaced = true;
        }
      }
      if (!replaced) listPush(kept, entry);
      state.list = kept;
    }],
    iterating('entries', 'key+value'),
    iterating('keys', 'key'),
    iterating('values', 'value'),
    ['method', 'forEach', 1, (cx, thisValue, ...args) => {
      const state = formState(cx, thisValue, 'forEach');
      if (args.length < 1) throw countError(cx, 'FormData', 'forEach', 1, 0);
      const callback = args[0];
      if (typeof callback !== 'function') {
        throw typeError(cx, failed('FormData', 'forEach', FIREFOX ? 'Argument 1 is not callable.' : 'The callback provided as parameter 1 is not a function.'));
      }
      const thisArg = args.length > 1 ? args[1] : undefined;
      for (let i = 0; i < state.list.length; i++) {
        const entry = state.list[i];
        ReflectApply(callback, thisArg, [entryValue(cx, entry[1]), entry[0], thisValue]);
      }
    }],
    ['alias', SymbolIterator, 'entries'],
  ];

  // ---- FormDataEvent -----------------------------------------------------------------------------------
  // Each FormDataEvent's { formData, state }, by event.
  const formDataEvents = new SafeWeakMap();
  const constructFormDataEvent = (cx, thisValue, newTarget, ...args) => {
    const required = FIREFOX ? 1 : 2;
    if (args.length < required) throw countError(cx, 'FormDataEvent', 'constructor', required, args.length);
    const type = host.toText(cx, args[0], 'FormDataEvent', 'constructor');
    const init = dictionary(cx, args[1], 'FormDataEvent', 'constructor', 2, 'FormDataEventInit');
    // (The base's members are read first, then formData.)
    const event = host.newInstance(cx, newTarget, interfaceOf(cx, 'FormDataEvent').prototype);
    events.initializeEvent(cx, event, type, init);
    const formData = init === undefined ? undefined : init.formData;
    if (formData === undefined) {
      throw typeError(cx, FIREFOX ? failed('FormDataEvent', 'constructor', "Missing required 'formData' member of FormDataEventInit.")
        : failed('FormDataEvent', 'constructor', "Failed to read the 'formData' property from 'FormDataEventInit': Required member is undefined."));
    }
    const state = isObject(formData) ? forms.get(formData) : undefined;
    if (state === undefined) {
      throw typeError(cx, FIREFOX ? failed('FormDataEvent', 'constructor', "'formData' member of FormDataEventInit " + (isObject(formData) ? 'does not implement interface FormData.' : 'is not an object.'))
        : failed('FormDataEvent', 'constructor', "Failed to read the 'formData' property from 'FormDataEventInit': Failed to convert value to 'FormData'."));
    }
    formDataEvents.set(event, { __proto__: null, formData, state });
    return event;
  };
  // A `formdata` event crosses into another world with a FormData of that world over its list.
  events.addCrossingKind({
    __proto__: null, name: 'FormDataEvent', module: 'form_data',
    describe: (event) => {
      const fields = formDataEvents.get(event);
      return fields === undefined ? undefined : fields.state;
    },
    make(cx, type, state) {
      const event = host.newObjectFrom(cx, interfaceOf(cx, 'FormDataEvent').prototype);
      const eventState = events.initializeEvent(cx, event, type, undefined);
      formDataEvents.set(event, { __proto__: null, formData: formDataOver(cx, state), state });
      return { __proto__: null, event, state: eventState };
    },
  });

  // ---- multipart/form-data -------------------------------------------------------------------------
  // Line breaks made CRLF (a lone CR or LF, or CRLF).
  const crlf = (text) => host.lineEndings(text, '\r\n');
  // A name or file name in a Content-Disposition header: `"`, CR and LF percent-encoded.
  function escapeName(text) {
    let out = '';
    for (let i = 0; i < text.length; i++) {
      const c = StringPrototypeCharCodeAt(text, i);
      out += c === 0x22 ? '%22' : c === 13 ? '%0D' : c === 10 ? '%0A' : StringPrototypeSlice(text, i, i + 1);
    }
    return out;
  }
  // A new boundary: Chromium's "----WebKitFormBoundary" and 16 characters of its alphabet;
  // Firefox's "----geckoformboundary" and two random 64-bit numbers in hexadecimal.
  function newBoundary(cx) {
    const random = native(cx).crypto.randomBytes(16);
    if (FIREFOX) {
      let text = '----geckoformboundary';
      for (let half = 0; half < 2; half++) {
        let digits = '';
        for (let i = 0; i < 8; i++) {
          const byte = StringPrototypeCharCodeAt(random, half * 8 + i);
          digits += (byte < 16 ? '0' : '') + NumberPrototypeToString(byte, 16);
        }
        let start = 0;
        while (start < digits.length - 1 && StringPrototypeCharCodeAt(digits, start) === 0x30) start++;
        text += StringPrototypeSlice(digits, start);
      }
      return text;
    }
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789AB';
    let text = '----WebKitFormBoundary';
    for (let i = 0; i < 16; i++) text += StringPrototypeSlice(alphabet, StringPrototypeCharCodeAt(random, i) & 63, (StringPrototypeCharCodeAt(random, i) & 63) + 1);
    return text;
  }
  // The body the entries of a FormData make: { bytes (an ArrayBuffer of the world), type }.
  function encodeFormData(cx, entries) {
    const bytes = native(cx).bytes;
    const boundary = newBoundary(cx);
    const parts = [];
    for (let i = 0; i < entries.length; i++) {
      const name = escapeName(crlf(entries[i][0]));
      const value = entries[i][1];
      let head = '--' + boundary + '\r\nContent-Disposition: form-data; name="' + name + '"';
      if (typeof value === 'string') {
        listPush(parts, bytes.utf8(head + '\r\n\r\n' + crlf(value) + '\r\n'));
        continue;
      }
      const file = value.file;
      const blob = value.blob;
      head += '; filename="' + escapeName(file.name) + '"\r\nContent-Type: ' + (blob.type === '' ? 'application/octet-stream' : blob.type) + '\r\n\r\n';
      listPush(parts, bytes.utf8(head));
      listPush(parts, blob.bytes);
      listPush(parts, bytes.utf8('\r\n'));
    }
    listPush(parts, bytes.utf8('--' + boundary + '--\r\n'));
    return { __proto__: null, bytes: bytes.concat(host.newArray(cx, parts)), type: 'multipart/form-data; boundary=' + boundary };
  }

  // ---- Reading a body as FormData --------------------------------------------------------------------
  const parseFailure = (cx) => typeError(cx, FIREFOX ? 'Could not parse content as FormData.' : 'Failed to fetch');
  const decodeUTF8 = (cx, bytes) => native(cx).encoding.decode('utf-8', '', bytes, true, false)[0];
  // `text`'s own bytes (one per code unit, as the bytes natives' latin1 made them), decoded as UTF-8.
  const utf8Of = (cx, text) => decodeUTF8(cx, native(cx).bytes.fromLowBytes(text));

  // The value of parameter `name` of a header (`name=value` or `name="value"`), or undefined.
  function headerParameter(header, name) {
    const lower = asciiLowercase(header);
    let at = 0;
    for (;;) {
      at = StringPrototypeIndexOf(lower, name + '=', at);
      if (at < 0) return undefined;
      const before = at === 0 ? 0x3B : StringPrototypeCharCodeAt(lower, at - 1);
      if (before === 0x3B || before === 0x20 || before === 0x09) break;
      at += name.length;
    }
    let start = at + name.length + 1;
    if (StringPrototypeCharCodeAt(header, start) === 0x22) {
      const end = StringPrototypeIndexOf(header, '"', start + 1);
      return end < 0 ? undefined : StringPrototypeSlice(header, start + 1, end);
    }
    let end = StringPrototypeIndexOf(header, ';', start);
    if (end < 0) end = header.length;
    while (end > start && StringPrototypeCharCodeAt(header, end - 1) === 0x20) end--;
    return StringPrototypeSlice(header, start, end);
  }

  // The entries a multipart/form-data body (`body`: one char per byte) holds, or undefined when
  // it is not one.
  function parseMultipart(cx, body, boundary) {
    const delimiter = '--' + boundary;
    const entries = [];
    let at = StringPrototypeIndexOf(body, delimiter);
    if (at !== 0) return undefined;
    for (;;) {
      at += delimiter.length;
      if (StringPrototypeSlice(body, at, at + 2) === '--') return entries;
      if (StringPrototypeSlice(body, at, at + 2) !== '\r\n') return undefined;
      const headersEnd = StringPrototypeIndexOf(body, '\r\n\r\n', at + 2);
      if (headersEnd < 0) return undefined;
      const headerLines = StringPrototypeSlice(body, at + 2, headersEnd);
      const next = StringPrototypeIndexOf(body, '\r\n' + delimiter, headersEnd + 4);
      if (next < 0) return undefined;
      const content = StringPrototypeSlice(body, headersEnd + 4, next);
      let name, filename, type = '';
      let from = 0;
      while (from <= headerLines.length) {
        let end = StringPrototypeIndexOf(headerLines, '\r\n', from);
        if (end < 0) end = headerLines.length;
        const line = utf8Of(cx, StringPrototypeSlice(headerLines, from, end));
        from = end + 2;
        const colon = StringPrototypeIndexOf(line, ':');
        if (colon < 0) continue;
        const field = asciiLowercase(StringPrototypeSlice(line, 0, colon));
        const value = StringPrototypeSlice(line, colon + 1);
        if (field === 'content-disposition') {
          name = headerParameter(value, 'name');
          filename = headerParameter(value, 'filename');
        } else if (field === 'content-type') {
          let start = 0;
          while (start < value.length && StringPrototypeCharCodeAt(value, start) === 0x20) start++;
          type = StringPrototypeSlice(value, start);
        }
      }
      if (name === undefined) return undefined;
      if (filename === undefined) {
        listPush(entries, [name, utf8Of(cx, content)]);
      } else {
        // (Chromium dates a parsed file now; Firefox leaves it 0.)
        listPush(entries, [name, newFileRecord({ __proto__: null, bytes: native(cx).bytes.fromLowBytes(content), type },
          { __proto__: null, name: filename, lastModified: FIREFOX ? 0 : native(cx).clock.wallNow() })]);
      }
      at = next + 2;
    }
  }

  // The FormData of the world of `cx` a body of `bytes` (an ArrayBuffer) with the Content-Type
  // `contentType` (or null) stands for; throws the browser's TypeError when it is not one.
  function parseFormData(cx, bytes, contentType) {
    const type = contentType === null ? '' : asciiLowercase(contentType);
    if (StringPrototypeIndexOf(type, 'multipart/form-data') === 0) {
      const boundary = headerParameter(contentType, 'boundary');
      if (boundary === undefined || boundary === '') throw typeError(cx, FIREFOX ? 'Could not parse content as FormData.' : 'Invalid MIME type');
      const entries = parseMultipart(cx, native(cx).bytes.latin1(bytes), boundary);
      if (entries === undefined) throw parseFailure(cx);
      return formDataOver(cx, { __proto__: null, list: entries });
    }
    if (StringPrototypeIndexOf(type, 'application/x-www-form-urlencoded') === 0) {
      return formDataOver(cx, { __proto__: null, list: host.parseURLEncoded(decodeUTF8(cx, bytes)) });
    }
    throw parseFailure(cx);
  }

  // ---- The interfaces ------------------------------------------------------------------------------
  const interfaces = {
    __proto__: null,
    FormData: { parent: null, construct: constructFormData, members: formMembers },
    FormDataEvent: {
      parent: 'Event', construct: constructFormDataEvent,
      members: [['get', 'formData', (cx, thisValue) => {
        const fields = isObject(thisValue) ? formDataEvents.get(thisValue) : undefined;
        if (fields === undefined) throw illegalInvocation(cx, 'FormDataEvent', 'get formData');
        return fields.formData;
      }]],
    },
    // (No global: the prototype of the iterators, over the world's %IteratorPrototype%.)
    'FormData Iterator': { members: iteratorMembers },
  };
  // The interface `name` of the world of `cx` ({prototype, publicConstructor}), made now if it was not.
  function interfaceOf(cx, name) {
    const world = cx.formDataWorld;
    const made = world[name];
    if (made !== undefined) return made;
    const description = interfaces[name];
    if (description.construct === undefined) {
      world[name] = host.makeIteratorPrototype(cx, name, description.members);
      return world[name];
    }
    let parent = null;
    if (description.parent === 'Event') {
      cx.loader.load('events');
      parent = events.interfaceOf(cx, 'Event');
    }
    world[name] = host.makeWorldInterface(cx, name, { __proto__: null, construct: description.construct, members: description.members }, parent);
    return world[name];
  }
  // For fetch (js/32_fetch.js): the body a FormData makes ({bytes, type}; undefined for another
  // value), and a body read as the FormData of the world of `cx`.
  host.formDataBodyOf = (cx, value) => {
    const state = isObject(value) ? forms.get(value) : undefined;
    return state === undefined ? undefined : encodeFormData(cx, state.list);
  };
  host.parseFormDataOf = parseFormData;
  host.makeFormDataInterface = function (cx, name) {
    if (name === 'FormData' || name === 'FormDataEvent') interfaceOf(cx, name);
  };

  // Installs the module for the world of `cx` (Files need the blob module's).
  host.installFormData = function (cx) {
    if (cx.formDataWorld !== undefined) return;
    cx.formDataWorld = { __proto__: null };
    cx.loader.load('blob');
  };
});
