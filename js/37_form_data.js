// exthost:needs primordials host blob url
// exthost:globals ~FormData:constructor:0
// FormData (XHR Standard) in every context: its entries (strings, and Files: a Blob becomes a File
// named "blob"), live iterators, the multipart/form-data encoding a fetch or Request body gets
// (HTML's algorithm: names and values with CRLF line breaks, `"`, CR and LF in names and file
// names percent-encoded, each browser's boundary), and the parser Response.formData() and
// Request.formData() use for multipart and urlencoded bodies (js/32_fetch.js), with each browser's
// errors (fixtures/conformance/web-form-data). `new FormData(form)` needs the pages' DOM (issue
// 10): any argument but undefined is refused as the browsers refuse a non-form.
(function (host) {
  'use strict';
  const {
    TypeError, String, ReflectApply, ReflectDefineProperty, ObjectCreate, SafeWeakMap, SymbolIterator, SymbolToStringTag,
    StringPrototypeToWellFormed, StringPrototypeCharCodeAt, StringPrototypeSlice, StringPrototypeIndexOf, NumberPrototypeToString,
    listPush, dataDescriptor,
  } = host.primordials;
  const FIREFOX = host.flavor === 'firefox';
  const native = host.native;
  const errors = host.webIDLErrors;
  // (WebIDL's USVString: a symbol is refused, as ToString refuses it.)
  const usv = (value) => StringPrototypeToWellFormed(`${value}`);

  // ---- Entries -------------------------------------------------------------------------------------
  // Each FormData's entries: [name, value] lists, value a string or a File.
  const forms = new SafeWeakMap();
  const formEntries = (form, member) => {
    const state = forms.get(form);
    if (state === undefined) throw errors.illegalInvocation('FormData', member);
    return state;
  };
  host.formDataEntries = (value) => (value === null || typeof value !== 'object' ? undefined : forms.get(value));

  // The standard's "create an entry": a Blob becomes a File named "blob", a File given a file name
  // a new File of that name; a File without one stays the same object.
  function createEntry(name, value, filename, member, count) {
    const blob = value === null || typeof value !== 'object' ? undefined : host.blobState(value);
    if (blob === undefined) {
      if (count > 2) {
        throw new TypeError(FIREFOX ? errors.failed('FormData', member, 'Argument 2 is not an object.')
          : errors.failed('FormData', member, "parameter 2 is not of type 'Blob'."));
      }
      return [usv(name), usv(value)];
    }
    const file = host.fileState(value);
    if (file !== undefined && filename === undefined) return [usv(name), value];
    const fileName = filename !== undefined ? usv(filename) : file !== undefined ? file.name : 'blob';
    const lastModified = file !== undefined ? file.lastModified : native.clock.wallNow();
    return [usv(name), host.newFile(blob.bytes, blob.type, fileName, lastModified)];
  }

  // The argument count of append and set: Chromium's overloads count as WebIDL's; Firefox names
  // the count no overload takes.
  function checkCount(member, count) {
    if (count >= 2) return;
    throw FIREFOX ? new TypeError(errors.failed('FormData', member, count + ' is not a valid argument count for any overload.'))
      : errors.countError('FormData', member, 2, count);
  }

  function FormData(...args) {
    if (new.target === undefined) throw errors.newRequired('FormData');
    if (args.length > 0 && args[0] !== undefined) {
      throw new TypeError(FIREFOX ? 'FormData constructor: Argument 1 does not implement interface HTMLFormElement.'
        : "Failed to construct 'FormData': parameter 1 is not of type 'HTMLFormElement'.");
    }
    forms.set(this, []);
  }

  // The default iterators: live over the entries, as WebIDL's pair iterators are.
  const iterators = new SafeWeakMap();
  const FormDataIterator = ObjectCreate(host.primordials.intrinsics['%IteratorPrototype%']);
  host.defineMembers(FormDataIterator, {
    next() {
      const state = iterators.get(this);
      if (state === undefined) throw errors.illegalInvocation('FormData Iterator', 'next');
      const entries = forms.get(state.target);
      if (state.index >= entries.length) return { value: undefined, done: true };
      const entry = entries[state.index++];
      return { value: state.kind === 'key' ? entry[0] : state.kind === 'value' ? entry[1] : [entry[0], entry[1]], done: false };
    },
  });
  ReflectDefineProperty(FormDataIterator, SymbolToStringTag, dataDescriptor('FormData Iterator', false, false, true));
  function makeIterator(target, kind) {
    const iterator = ObjectCreate(FormDataIterator);
    iterators.set(iterator, { __proto__: null, target, kind, index: 0 });
    return iterator;
  }

  const requireName = (member, count) => {
    if (count < 1) throw errors.countError('FormData', member, 1, count);
  };
  const prototype = host.defineInterface(FormData, 'FormData', 0, {
    append(...args) {
      const entries = formEntries(this, 'append');
      checkCount('append', args.length);
      listPush(entries, createEntry(args[0], args[1], args.length > 2 ? args[2] : undefined, 'append', args.length));
    },
    delete(...args) {
      const entries = formEntries(this, 'delete');
      requireName('delete', args.length);
      const name = usv(args[0]);
      const kept = [];
      for (let i = 0; i < entries.length; i++) if (entries[i][0] !== name) listPush(kept, entries[i]);
      forms.set(this, kept);
    },
    get(...args) {
      const entries = formEntries(this, 'get');
      requireName('get', args.length);
      const name = usv(args[0]);
      for (let i = 0; i < entries.length; i++) if (entries[i][0] === name) return entries[i][1];
      return null;
    },
    getAll(...args) {
      const entries = formEntries(this, 'getAll');
      requireName('getAll', args.length);
      const name = usv(args[0]);
      const values = [];
      for (let i = 0; i < entries.length; i++) if (entries[i][0] === name) listPush(values, entries[i][1]);
      return values;
    },
    has(...args) {
      const entries = formEntries(this, 'has');
      requireName('has', args.length);
      const name = usv(args[0]);
      for (let i = 0; i < entries.length; i++) if (entries[i][0] === name) return true;
      return false;
    },
    set(...args) {
      const entries = formEntries(this, 'set');
      checkCount('set', args.length);
      const entry = createEntry(args[0], args[1], args.length > 2 ? args[2] : undefined, 'set', args.length);
      // The first entry of the name is replaced, the others removed; else appended.
      const kept = [];
      let replaced = false;
      for (let i = 0; i < entries.length; i++) {
        if (entries[i][0] !== entry[0]) listPush(kept, entries[i]);
        else if (!replaced) { listPush(kept, entry); replaced = true; }
      }
      if (!replaced) listPush(kept, entry);
      forms.set(this, kept);
    },
    entries() { formEntries(this, 'entries'); return makeIterator(this, 'key+value'); },
    keys() { formEntries(this, 'keys'); return makeIterator(this, 'key'); },
    values() { formEntries(this, 'values'); return makeIterator(this, 'value'); },
    forEach(...args) {
      formEntries(this, 'forEach');
      if (args.length < 1) throw errors.countError('FormData', 'forEach', 1, 0);
      const callback = args[0];
      if (typeof callback !== 'function') {
        throw new TypeError(errors.failed('FormData', 'forEach', FIREFOX ? 'Argument 1 is not callable.' : 'The callback provided as parameter 1 is not a function.'));
      }
      const thisArg = args.length > 1 ? args[1] : undefined;
      for (let i = 0; i < forms.get(this).length; i++) {
        const entry = forms.get(this)[i];
        ReflectApply(callback, thisArg, [entry[1], entry[0], this]);
      }
    },
  });
  ReflectDefineProperty(prototype, SymbolIterator, dataDescriptor(prototype.entries, true, false, true));

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
  function newBoundary() {
    const random = native.crypto.randomBytes(16);
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
  // The body a FormData's entries make: { bytes, type }.
  host.encodeFormData = function (entries) {
    const boundary = newBoundary();
    const parts = [];
    for (let i = 0; i < entries.length; i++) {
      const name = escapeName(crlf(entries[i][0]));
      const value = entries[i][1];
      let head = '--' + boundary + '\r\nContent-Disposition: form-data; name="' + name + '"';
      if (typeof value === 'string') {
        listPush(parts, native.bytes.utf8(head + '\r\n\r\n' + crlf(value) + '\r\n'));
        continue;
      }
      const file = host.fileState(value);
      const blob = host.blobState(value);
      head += '; filename="' + escapeName(file.name) + '"\r\nContent-Type: ' + (blob.type === '' ? 'application/octet-stream' : blob.type) + '\r\n\r\n';
      listPush(parts, native.bytes.utf8(head));
      listPush(parts, blob.bytes);
      listPush(parts, native.bytes.utf8('\r\n'));
    }
    listPush(parts, native.bytes.utf8('--' + boundary + '--\r\n'));
    return { __proto__: null, bytes: native.bytes.concat(parts), type: 'multipart/form-data; boundary=' + boundary };
  };

  // ---- Reading a body as FormData --------------------------------------------------------------------
  const parseFailure = () => new TypeError(FIREFOX ? 'Could not parse content as FormData.' : 'Failed to fetch');
  const decodeUTF8 = (bytes) => native.encoding.decode('utf-8', '', bytes, true, false)[0];
  // `text`'s own bytes (one per code unit, as native.bytes.latin1 made them), decoded as UTF-8.
  const utf8Of = (text) => decodeUTF8(native.bytes.fromLowBytes(text));

  // The value of parameter `name` of a header (`name=value` or `name="value"`), or undefined.
  function headerParameter(header, name) {
    const lower = host.asciiLowercase(header);
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
  function parseMultipart(body, boundary) {
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
        const line = utf8Of(StringPrototypeSlice(headerLines, from, end));
        from = end + 2;
        const colon = StringPrototypeIndexOf(line, ':');
        if (colon < 0) continue;
        const field = host.asciiLowercase(StringPrototypeSlice(line, 0, colon));
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
        listPush(entries, [name, utf8Of(content)]);
      } else {
        // (Chromium dates a parsed file now; Firefox leaves it 0.)
        listPush(entries, [name, host.newFile(native.bytes.fromLowBytes(content), type, filename, FIREFOX ? 0 : native.clock.wallNow())]);
      }
      at = next + 2;
    }
  }

  // A new FormData of `entries`.
  function newFormData(entries) {
    const form = ObjectCreate(prototype);
    forms.set(form, entries);
    return form;
  }

  // The FormData a body of `bytes` (an ArrayBuffer) with the Content-Type `contentType` (or null)
  // stands for; throws the browser's TypeError when it is not one.
  host.parseFormData = function (bytes, contentType) {
    const type = contentType === null ? '' : host.asciiLowercase(contentType);
    if (StringPrototypeIndexOf(type, 'multipart/form-data') === 0) {
      const boundary = headerParameter(contentType, 'boundary');
      if (boundary === undefined || boundary === '') throw new TypeError(FIREFOX ? 'Could not parse content as FormData.' : 'Invalid MIME type');
      const entries = parseMultipart(native.bytes.latin1(bytes), boundary);
      if (entries === undefined) throw parseFailure();
      return newFormData(entries);
    }
    if (StringPrototypeIndexOf(type, 'application/x-www-form-urlencoded') === 0) {
      return newFormData(host.parseURLEncoded(decodeUTF8(bytes)));
    }
    throw parseFailure();
  };
});
