// exthost:needs primordials host dom_exception events
// exthost:globals ~Headers:constructor:0 ~Request:constructor:1 ~Response:constructor:0 fetch:function:1
// `fetch`, `Request`, `Response` and `Headers` (the Fetch Standard), with each browser's errors
// (fixtures/conformance/web-fetch). What a fetch gets is Swift's (the `fetch` natives,
// Sources/Exthost/ExtensionContext+Fetch.swift): the extension's own files, pages the site mapping
// serves, data: URLs; anything else fails as a browser without a network fails. The answer comes
// in a task of its own, as a browser's does. Bodies are bytes read whole: `text`, `json`,
// `arrayBuffer`, `bytes`, `blob` and `formData`; streams (`body`) are not here yet.
(function (host) {
  'use strict';
  const {
    TypeError, RangeError, String, Number, ObjectCreate, ObjectPrototype, ReflectApply, ReflectDefineProperty, ReflectOwnKeys,
    ReflectGetOwnPropertyDescriptor, SafeWeakMap, dataDescriptor, SymbolToStringTag, SymbolIterator, listPush, listCopy,
    StringPrototypeCharCodeAt, StringPrototypeSlice, StringPrototypeToUpperCase, ArrayPrototypeSort, ArrayPrototypeJoin,
    JSONParse, JSONStringify, Promise, PromiseReject, MathTrunc, NumberIsFinite, intrinsics, listIncludes, RegExpPrototypeExec,
  } = host.primordials;
  const FIREFOX = host.flavor === 'firefox';
  const native = host.native;
  const globalInterface = host.context.isServiceWorker ? 'WorkerGlobalScope' : 'Window';

  // ---- Errors, as each browser words them (js/00_host.js) -----------------------------------------------
  const { failed, newRequired, illegalInvocation, countError } = host.webIDLErrors;
  const networkError = () => new TypeError(FIREFOX ? 'NetworkError when attempting to fetch resource.' : 'Failed to fetch');

  const defineInterface = (constructor, name, members, statics) => host.defineInterface(constructor, name, 0, members, { __proto__: null, statics });

  // ---- Header names and values ----------------------------------------------------------------------------
  // A header name is an HTTP token; a value has no NUL, CR or LF once its surrounding HTTP
  // whitespace is stripped. Both are ByteStrings (no code unit above 0xFF).
  const tokenCharacters = "!#$%&'*+-.^_`|~";
  function isToken(text) {
    if (text.length === 0) return false;
    for (let i = 0; i < text.length; i++) {
      const c = StringPrototypeCharCodeAt(text, i);
      const alphanumeric = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
      if (alphanumeric) continue;
      let found = false;
      for (let j = 0; j < tokenCharacters.length; j++) if (StringPrototypeCharCodeAt(tokenCharacters, j) === c) found = true;
      if (!found) return false;
    }
    return true;
  }
  const isHTTPWhitespace = (c) => c === 9 || c === 10 || c === 13 || c === 32;
  function normalizeValue(value) {
    let start = 0;
    let end = value.length;
    while (start < end && isHTTPWhitespace(StringPrototypeCharCodeAt(value, start))) start++;
    while (end > start && isHTTPWhitespace(StringPrototypeCharCodeAt(value, end - 1))) end--;
    return StringPrototypeSlice(value, start, end);
  }
  function isValidValue(value) {
    for (let i = 0; i < value.length; i++) {
      const c = StringPrototypeCharCodeAt(value, i);
      if (c === 0 || c === 10 || c === 13) return false;
    }
    return true;
  }
  // ASCII lowercase (header names are compared without case).
  const lowercase = host.asciiLowercase;
  function byteString(value, owner, member) {
    const text = String(value);
    for (let i = 0; i < text.length; i++) {
      if (StringPrototypeCharCodeAt(text, i) > 255) {
        throw new TypeError(FIREFOX ? failed(owner, member, 'Cannot convert argument to ByteString because the character at index ' + i + ' has value ' + StringPrototypeCharCodeAt(text, i) + ' which is greater than 255.')
          : failed(owner, member, 'String contains non ISO-8859-1 code point.'));
      }
    }
    return text;
  }
  // The text before the first NUL (how Firefox shows a refused value).
  function beforeNul(text) {
    for (let i = 0; i < text.length; i++) if (StringPrototypeCharCodeAt(text, i) === 0) return StringPrototypeSlice(text, 0, i);
    return text;
  }

  // ---- Headers --------------------------------------------------------------------------------------------
  // Each Headers' state, by object: its list of [lowercase name, value] and its guard ('none',
  // 'response' or 'immutable').
  const headerStates = new SafeWeakMap();
  const headersState = (headers, member) => {
    const state = headerStates.get(headers);
    if (state === undefined) throw illegalInvocation('Headers', member);
    return state;
  };
  function validate(state, name, value, member) {
    if (!isToken(name)) throw new TypeError(failed('Headers', member, FIREFOX ? name + ' is an invalid header name.' : 'Invalid name'));
    if (!isValidValue(value)) throw new TypeError(failed('Headers', member, FIREFOX ? beforeNul(value) + ' is an invalid header value.' : 'Invalid value'));
    if (state.guard === 'immutable') {
      throw new TypeError(failed('Headers', member, FIREFOX ? 'Headers are immutable and cannot be modified.' : 'Headers are immutable'));
    }
  }
  const forbiddenResponseHeader = (name) => name === 'set-cookie' || name === 'set-cookie2';
  function appendHeader(state, name, value, member) {
    const normalized = normalizeValue(value);
    validate(state, name, normalized, member);
    const key = lowercase(name);
    if (state.guard === 'response' && forbiddenResponseHeader(key)) return;
    listPush(state.list, [key, normalized]);
  }
  // Fills `state` from a HeadersInit: a sequence of pairs, or a record.
  function fillHeaders(state, init, owner, member) {
    if (init === null || (typeof init !== 'object' && typeof init !== 'function')) {
      throw new TypeError(FIREFOX
        ? failed(owner, member, 'Argument 1 could not be converted to any of: sequence<sequence<ByteString>>, record<ByteString, ByteString>.')
        : failed(owner, member, "The provided value is not of type '(record<ByteString, ByteString> or sequence<sequence<ByteString>>)'."));
    }
    const iteratorMethod = init[SymbolIterator];
    if (iteratorMethod !== undefined && iteratorMethod !== null) {
      const pairs = iterate(init, iteratorMethod);
      for (let i = 0; i < pairs.length; i++) {
        const pair = pairs[i];
        if (pair === null || (typeof pair !== 'object' && typeof pair !== 'function')) throw pairError(owner, member);
        const items = iterate(pair, pair[SymbolIterator]);
        if (items.length !== 2) throw pairError(owner, member);
        appendHeader(state, byteString(items[0], owner, member), byteString(items[1], owner, member), member);
      }
      return;
    }
    const keys = ReflectOwnKeys(init);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (typeof key !== 'string') continue;
      const descriptor = ReflectGetOwnPropertyDescriptor(init, key);
      if (descriptor === undefined || !descriptor.enumerable) continue;
      appendHeader(state, byteString(key, owner, member), byteString(init[key], owner, member), member);
    }
  }
  function pairError(owner, member) {
    return new TypeError(failed(owner, member, FIREFOX ? 'Headers require name/value tuples when being initialized by a sequence.' : 'Invalid value'));
  }
  // The values an iterable gives, read with its own iterator (as Web IDL reads a sequence).
  function iterate(iterable, method) {
    if (typeof method !== 'function') throw new TypeError(FIREFOX ? 'Value is not iterable.' : 'The object must have a callable @@iterator property.');
    const iterator = ReflectApply(method, iterable, []);
    const values = [];
    for (let step = iterator.next(); !step.done; step = iterator.next()) listPush(values, step.value);
    return values;
  }
  // The standard's "sort and combine": names sorted, values of one name joined with ", "
  // (each `set-cookie` kept apart).
  function sortAndCombine(list) {
    const names = [];
    for (let i = 0; i < list.length; i++) {
      let seen = false;
      for (let j = 0; j < names.length; j++) if (names[j] === list[i][0]) seen = true;
      if (!seen) listPush(names, list[i][0]);
    }
    ArrayPrototypeSort(names);
    const pairs = [];
    for (let i = 0; i < names.length; i++) {
      const name = names[i];
      if (name === 'set-cookie') {
        for (let j = 0; j < list.length; j++) if (list[j][0] === name) listPush(pairs, [name, list[j][1]]);
      } else {
        listPush(pairs, [name, combined(list, name)]);
      }
    }
    return pairs;
  }
  function combined(list, name) {
    const values = [];
    for (let i = 0; i < list.length; i++) if (list[i][0] === name) listPush(values, list[i][1]);
    return values.length === 0 ? null : ArrayPrototypeJoin(values, ', ');
  }
  function newHeaders(list, guard) {
    const headers = ObjectCreate(Headers.prototype);
    headerStates.set(headers, { __proto__: null, list, guard });
    return headers;
  }

  function Headers(...args) {
    if (new.target === undefined) throw newRequired('Headers');
    const state = { __proto__: null, list: [], guard: 'none' };
    headerStates.set(this, state);
    if (args.length > 0 && args[0] !== undefined) fillHeaders(state, args[0], 'Headers', 'constructor');
  }
  const nameArgument = (args, member, required) => {
    if (args.length < required) throw countError('Headers', member, required, args.length);
    return byteString(args[0], 'Headers', member);
  };
  // The Headers iterator: "Headers Iterator" objects over the sorted and combined list, read anew
  // at each step (as the standard's value-pair iterator).
  const iteratorStates = new SafeWeakMap();
  const iteratorPrototype = ObjectCreate(intrinsics['%IteratorPrototype%']);
  host.defineMembers(iteratorPrototype, {
    next() {
      const state = iteratorStates.get(this);
      if (state === undefined) throw illegalInvocation('Headers Iterator', 'next');
      const pairs = sortAndCombine(headerStates.get(state.headers).list);
      if (state.index >= pairs.length) return { done: true, value: undefined };
      const pair = pairs[state.index++];
      const value = state.kind === 'key' ? pair[0] : state.kind === 'value' ? pair[1] : [pair[0], pair[1]];
      return { done: false, value };
    },
  });
  ReflectDefineProperty(iteratorPrototype, SymbolToStringTag, dataDescriptor('Headers Iterator', false, false, true));
  function newIterator(headers, kind, member) {
    headersState(headers, member);
    const iterator = ObjectCreate(iteratorPrototype);
    iteratorStates.set(iterator, { __proto__: null, headers, kind, index: 0 });
    return iterator;
  }
  const HeadersPrototype = defineInterface(Headers, 'Headers', {
    append(...args) {
      const state = headersState(this, 'append');
      if (args.length < 2) throw countError('Headers', 'append', 2, args.length);
      appendHeader(state, byteString(args[0], 'Headers', 'append'), byteString(args[1], 'Headers', 'append'), 'append');
    },
    delete(...args) {
      const state = headersState(this, 'delete');
      const name = nameArgument(args, 'delete', 1);
      if (!isToken(name)) throw new TypeError(failed('Headers', 'delete', FIREFOX ? name + ' is an invalid header name.' : 'Invalid name'));
      if (state.guard === 'immutable') throw new TypeError(failed('Headers', 'delete', FIREFOX ? 'Headers are immutable and cannot be modified.' : 'Headers are immutable'));
      const key = lowercase(name);
      const kept = [];
      for (let i = 0; i < state.list.length; i++) if (state.list[i][0] !== key) listPush(kept, state.list[i]);
      state.list = kept;
    },
    get(...args) {
      const state = headersState(this, 'get');
      const name = nameArgument(args, 'get', 1);
      if (!isToken(name)) throw new TypeError(failed('Headers', 'get', FIREFOX ? name + ' is an invalid header name.' : 'Invalid name'));
      return combined(state.list, lowercase(name));
    },
    getSetCookie() {
      const state = headersState(this, 'getSetCookie');
      const values = [];
      for (let i = 0; i < state.list.length; i++) if (state.list[i][0] === 'set-cookie') listPush(values, state.list[i][1]);
      return values;
    },
    has(...args) {
      const state = headersState(this, 'has');
      const name = nameArgument(args, 'has', 1);
      if (!isToken(name)) throw new TypeError(failed('Headers', 'has', FIREFOX ? name + ' is an invalid header name.' : 'Invalid name'));
      return combined(state.list, lowercase(name)) !== null;
    },
    set(...args) {
      const state = headersState(this, 'set');
      if (args.length < 2) throw countError('Headers', 'set', 2, args.length);
      const name = byteString(args[0], 'Headers', 'set');
      const value = normalizeValue(byteString(args[1], 'Headers', 'set'));
      validate(state, name, value, 'set');
      const key = lowercase(name);
      if (state.guard === 'response' && forbiddenResponseHeader(key)) return;
      const list = [];
      let placed = false;
      for (let i = 0; i < state.list.length; i++) {
        if (state.list[i][0] !== key) listPush(list, state.list[i]);
        else if (!placed) { listPush(list, [key, value]); placed = true; }
      }
      if (!placed) listPush(list, [key, value]);
      state.list = list;
    },
    forEach(...args) {
      const state = headersState(this, 'forEach');
      if (args.length < 1) throw countError('Headers', 'forEach', 1, args.length);
      const callback = args[0];
      if (typeof callback !== 'function') {
        throw new TypeError(FIREFOX ? failed('Headers', 'forEach', 'Argument 1 is not callable.') : failed('Headers', 'forEach', "The callback provided as parameter 1 is not a function."));
      }
      const pairs = sortAndCombine(state.list);
      for (let i = 0; i < pairs.length; i++) ReflectApply(callback, args[1], [pairs[i][1], pairs[i][0], this]);
    },
    entries() { return newIterator(this, 'key+value', 'entries'); },
    keys() { return newIterator(this, 'key', 'keys'); },
    values() { return newIterator(this, 'value', 'values'); },
  });
  ReflectDefineProperty(HeadersPrototype, SymbolIterator, { __proto__: null, ...ReflectGetOwnPropertyDescriptor(HeadersPrototype, 'entries'), enumerable: false });

  // ---- Bodies ---------------------------------------------------------------------------------------------
  // A body: its bytes (an ArrayBuffer of the context, never handed out: reads get copies) and
  // whether it was read.
  // The Blob module (js/37_blob.js), loaded when a body is a Blob or is read as one.
  const blobModule = () => {
    if (host.newBlob === undefined) native.engine.loadModule('blob');
    return host;
  };
  const extractBody = host.extractBody;
  const decodeUTF8 = (buffer) => native.encoding.decode('utf-8', '', buffer, true, false)[0];

  // ---- Response -------------------------------------------------------------------------------------------
  // Each Response's state, by object.
  const responses = new SafeWeakMap();
  const responseState = (response, member) => {
    const state = responses.get(response);
    if (state === undefined) throw illegalInvocation('Response', member);
    return state;
  };
  const nullBodyStatus = (status) => status === 101 || status === 103 || status === 204 || status === 205 || status === 304;
  function newResponse(fields) {
    const response = ObjectCreate(Response.prototype);
    responses.set(response, fields);
    return response;
  }
  // The standard's "initialize a response" from a ResponseInit and an extracted body.
  function initialize(state, init, body, member) {
    if (init !== undefined && init !== null && typeof init !== 'object' && typeof init !== 'function') {
      throw new TypeError(failed('Response', member, FIREFOX ? "Argument 2 can't be converted to a dictionary." : "The provided value is not of type 'ResponseInit'."));
    }
    const headersInit = init == null ? undefined : init.headers;
    let status = 200;
    if (init != null && init.status !== undefined) {
      const number = Number(init.status);
      status = NumberIsFinite(number) ? MathTrunc(number) % 65536 : 0;
      if (status < 0) status += 65536;
    }
    const statusText = init == null || init.statusText === undefined ? '' : byteString(init.statusText, 'Response', member);
    if (status < 200 || status > 599) {
      throw new RangeError(FIREFOX ? failed('Response', member, 'Invalid response status code.')
        : failed('Response', member, 'The status provided (' + status + ') is outside the range [200, 599].'));
    }
    for (let i = 0; i < statusText.length; i++) {
      const c = StringPrototypeCharCodeAt(statusText, i);
      if (c === 10 || c === 13 || (c !== 9 && c < 32) || c === 127) {
        throw new TypeError(failed('Response', member, FIREFOX ? 'Response statusText may not contain newline or carriage return.' : 'Invalid statusText'));
      }
    }
    state.status = status;
    state.statusText = statusText;
    if (headersInit !== undefined) fillHeaders(headerStates.get(state.headers), headersInit, 'Response', member);
    if (body !== null) {
      if (nullBodyStatus(status)) {
        throw new TypeError(failed('Response', member, FIREFOX ? 'Response body is given with a null body status.' : 'Response with null body status cannot have body'));
      }
      state.body = body.bytes;
      if (body.type !== null && combined(headerStates.get(state.headers).list, 'content-type') === null) {
        listPush(headerStates.get(state.headers).list, ['content-type', body.type]);
      }
    }
  }
  function emptyState(type) {
    return { __proto__: null, type, url: '', status: 200, statusText: '', headers: newHeaders([], 'response'), body: null, used: false, redirected: false };
  }

  function Response(...args) {
    if (new.target === undefined) throw newRequired('Response');
    const state = emptyState('default');
    responses.set(this, state);
    const body = args.length > 0 && args[0] !== undefined && args[0] !== null ? extractBody(args[0]) : null;
    initialize(state, args[1], body, 'constructor');
  }
  // Reads the body whole: rejects when it was read (or the object is not a Response).
  function consume(response, member, finish) {
    return consumeBody(responses.get(response), 'Response', member, finish);
  }
  // Reads the body of `state` (a Response's or a Request's, undefined for another object) whole,
  // as `finish` makes it: a promise, rejected when it was read.
  function consumeBody(state, owner, member, finish) {
    try {
      if (state === undefined) {
        throw new TypeError(FIREFOX ? "'" + member + "' called on an object that does not implement interface " + owner + '.' : failed(owner, member, 'Illegal invocation'));
      }
      if (state.used) throw new TypeError(failed(owner, member, FIREFOX ? 'Body has already been consumed.' : 'body stream already read'));
    } catch (error) {
      return PromiseReject(error);
    }
    if (state.body !== null) state.used = true;
    if (state.bodyFails === true) return PromiseReject(host.newDOMException('The operation was aborted. ', 'AbortError'));
    const bytes = state.body === null ? native.bytes.utf8('') : native.bytes.copy(state.body);
    return new Promise((resolve, reject) => {
      try { resolve(finish(bytes)); } catch (error) { reject(error); }
    });
  }
  // Reads a body as a Blob of the type its headers give.
  function blobOf(bytes, headers) {
    const type = combined(headerStates.get(headers).list, 'content-type');
    return blobModule().newBlob(bytes, type === null ? '' : host.asciiLowercase(type));
  }
  // Reads a body as FormData, by the type its headers give (js/37_form_data.js).
  function formDataOf(bytes, headers) {
    if (host.parseFormData === undefined) native.engine.loadModule('form_data');
    return host.parseFormData(bytes, combined(headerStates.get(headers).list, 'content-type'));
  }
  const unavailable = (member, what) => new TypeError(failed('Response', member, what + ' is not available in exthost yet: read the body with text(), json(), arrayBuffer() or bytes().'));
  defineInterface(Response, 'Response', {
    get type() { return responseState(this, 'get type').type; },
    get url() { return responseState(this, 'get url').url; },
    get redirected() { return responseState(this, 'get redirected').redirected; },
    get status() { return responseState(this, 'get status').status; },
    get ok() { const state = responseState(this, 'get ok'); return state.status >= 200 && state.status <= 299; },
    get statusText() { return responseState(this, 'get statusText').statusText; },
    get headers() { return responseState(this, 'get headers').headers; },
    get body() {
      const state = responseState(this, 'get body');
      if (state.body === null) return null;
      throw unavailable('body', 'A body as a ReadableStream');
    },
    get bodyUsed() { return responseState(this, 'get bodyUsed').used; },
    clone() {
      const state = responseState(this, 'clone');
      if (state.used) throw new TypeError(failed('Response', 'clone', FIREFOX ? 'Body has already been consumed.' : 'Response body is already used'));
      const headers = headerStates.get(state.headers);
      const copy = { __proto__: null, ...state, headers: newHeaders(listCopy(headers.list), headers.guard), body: state.body === null ? null : native.bytes.copy(state.body) };
      return newResponse(copy);
    },
    arrayBuffer() { return consume(this, 'arrayBuffer', (bytes) => bytes); },
    bytes() { return consume(this, 'bytes', (bytes) => native.bytes.uint8Array(bytes)); },
    text() { return consume(this, 'text', decodeUTF8); },
    json() { return consume(this, 'json', (bytes) => JSONParse(decodeUTF8(bytes))); },
    blob() {
      const state = responses.get(this);
      return consume(this, 'blob', (bytes) => blobOf(bytes, state.headers));
    },
    formData() {
      const state = responses.get(this);
      return consume(this, 'formData', (bytes) => formDataOf(bytes, state.headers));
    },
  }, {
    error() {
      const state = emptyState('error');
      state.status = 0;
      state.headers = newHeaders([], 'immutable');
      return newResponse(state);
    },
    json(...args) {
      if (args.length < 1) throw countError('Response', 'json', 1, args.length);
      const text = JSONStringify(args[0]);
      if (text === undefined) throw new TypeError(failed('Response', 'json', FIREFOX ? 'Value could not be serialized to JSON.' : 'The data is not JSON serializable'));
      const state = emptyState('default');
      const response = newResponse(state);
      initialize(state, args[1], { bytes: native.bytes.utf8(text), type: 'application/json' }, 'json');
      return response;
    },
    redirect(...args) {
      if (args.length < 1) throw countError('Response', 'redirect', 1, args.length);
      const url = native.fetch.resolve(String(args[0]));
      if (url === null) throw new TypeError(failed('Response', 'redirect', FIREFOX ? String(args[0]) + ' is not a valid URL.' : 'Failed to parse URL from ' + String(args[0])));
      const status = args.length > 1 && args[1] !== undefined ? MathTrunc(Number(args[1])) : 302;
      if (status !== 301 && status !== 302 && status !== 303 && status !== 307 && status !== 308) {
        throw new RangeError(failed('Response', 'redirect', FIREFOX ? 'Invalid redirect status code.' : 'Invalid status code'));
      }
      const state = emptyState('default');
      state.status = status;
      state.headers = newHeaders([['location', url]], 'immutable');
      return newResponse(state);
    },
  });

  // ---- fetch ----------------------------------------------------------------------------------------------
  const forbiddenMethods = ['CONNECT', 'TRACE', 'TRACK'];
  const normalizedMethods = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT'];
  function requestMethod(value, owner, member) {
    const method = byteString(value, owner, member);
    const upper = StringPrototypeToUpperCase(method);
    for (let i = 0; i < forbiddenMethods.length; i++) {
      if (upper === forbiddenMethods[i]) {
        throw new TypeError(FIREFOX ? failed(owner, member, 'Invalid request method ' + method + '.') : failed(owner, member, "'" + method + "' HTTP method is unsupported."));
      }
    }
    if (!isToken(method)) {
      throw new TypeError(FIREFOX ? failed(owner, member, 'Invalid request method ' + method + '.') : failed(owner, member, "'" + method + "' is not a valid HTTP method."));
    }
    for (let i = 0; i < normalizedMethods.length; i++) if (upper === normalizedMethods[i]) return upper;
    return method;
  }

  // ---- Request ----------------------------------------------------------------------------------------------
  // Each Request's state: url, method, headers (a Headers), body (an ArrayBuffer or null), used,
  // signal, and the RequestInit members it keeps.
  const requestStates = new SafeWeakMap();
  const enumValues = {
    __proto__: null,
    cache: ['default', 'no-store', 'reload', 'no-cache', 'force-cache', 'only-if-cached'],
    credentials: ['omit', 'same-origin', 'include'],
    duplex: ['half'],
    mode: ['navigate', 'same-origin', 'no-cors', 'cors'],
    priority: ['high', 'low', 'auto'],
    redirect: ['follow', 'error', 'manual'],
    referrerPolicy: ['', 'no-referrer', 'no-referrer-when-downgrade', 'same-origin', 'origin', 'strict-origin', 'origin-when-cross-origin',
      'strict-origin-when-cross-origin', 'unsafe-url'],
  };
  const enumTypes = {
    __proto__: null, cache: 'RequestCache', credentials: 'RequestCredentials', duplex: 'RequestDuplex', mode: 'RequestMode',
    priority: 'RequestPriority', redirect: 'RequestRedirect', referrerPolicy: 'ReferrerPolicy',
  };
  // The RequestInit member `key` of an enumeration: undefined when absent; throws for another value.
  function enumMember(init, key, owner, member) {
    const value = init[key];
    if (value === undefined) return undefined;
    const text = String(value);
    if (!listIncludes(enumValues[key], text)) {
      throw new TypeError(FIREFOX
        ? failed(owner, member, "'" + text + "' (value of '" + key + "' member of RequestInit) is not a valid value for enumeration " + enumTypes[key] + '.')
        : failed(owner, member, "Failed to read the '" + key + "' property from 'RequestInit': The provided value '" + text
          + "' is not a valid enum value of type " + enumTypes[key] + '.'));
    }
    return text;
  }
  // Whether a URL has a user name or password (`https://user:pass@host/`).
  const hasCredentials = (url) => RegExpPrototypeExec(/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]*@/, url) !== null;
  // The Fetch Standard's Request constructor steps for `input` (a URL or a Request) and `init`,
  // with the errors of `owner`'s `member` (the Request constructor, or fetch).
  function requestFrom(input, init, owner, member) {
    const fail = (chrome, firefox) => new TypeError(failed(owner, member, FIREFOX ? firefox : chrome));
    const source = input !== null && typeof input === 'object' ? requestStates.get(input) : undefined;
    let state;
    if (source === undefined) {
      const text = String(input);
      const url = native.fetch.resolve(text);
      if (url === null) throw fail('Failed to parse URL from ' + text, text + ' is not a valid URL.');
      if (hasCredentials(url)) throw fail('Request cannot be constructed from a URL that includes credentials: ' + text, text + ' is an url with embedded credentials.');
      state = {
        __proto__: null, url, method: 'GET', headers: null, list: [], body: null, used: false, mode: 'cors', credentials: 'same-origin',
        cache: 'default', redirect: 'follow', referrer: 'about:client', referrerPolicy: '', integrity: '', keepalive: false, signal: null,
        sourceSignal: null,
      };
    } else {
      if (source.used) throw fail('Cannot construct a Request with a Request object that has already been used.', 'Body has already been consumed.');
      state = { __proto__: null, ...source, headers: null, list: listCopy(headerStates.get(source.headers).list), sourceSignal: source.signal };
    }
    let body;
    if (init !== undefined && init !== null) {
      if (typeof init !== 'object' && typeof init !== 'function') throw fail("The provided value is not of type 'RequestInit'.", "Argument 2 can't be converted to a dictionary.");
      // (A dictionary's members are read in name order.)
      body = init.body;
      const cache = enumMember(init, 'cache', owner, member);
      const credentials = enumMember(init, 'credentials', owner, member);
      enumMember(init, 'duplex', owner, member);
      const headersInit = init.headers;
      const integrity = init.integrity;
      const keepalive = init.keepalive;
      const method = init.method;
      const mode = enumMember(init, 'mode', owner, member);
      enumMember(init, 'priority', owner, member);
      const redirect = enumMember(init, 'redirect', owner, member);
      const referrer = init.referrer;
      const referrerPolicy = enumMember(init, 'referrerPolicy', owner, member);
      const signal = init.signal;
      if (mode === 'navigate') throw fail("Cannot construct a Request with a RequestInit whose mode member is set as 'navigate'.", 'Invalid request mode navigate.');
      if (mode !== undefined) state.mode = mode;
      if (credentials !== undefined) state.credentials = credentials;
      if (cache !== undefined) state.cache = cache;
      if (redirect !== undefined) state.redirect = redirect;
      if (referrerPolicy !== undefined) state.referrerPolicy = referrerPolicy;
      if (referrer !== undefined) state.referrer = String(referrer) === '' ? '' : 'about:client';
      if (integrity !== undefined) state.integrity = String(integrity);
      if (keepalive !== undefined) state.keepalive = !!keepalive;
      if (method !== undefined) state.method = requestMethod(method, owner, member);
      if (signal !== undefined && signal !== null) {
        if (host.abortSignalState(signal) === undefined) {
          throw fail("Failed to read the 'signal' property from 'RequestInit': Failed to convert value to 'AbortSignal'.",
            "'signal' member of RequestInit does not implement interface AbortSignal.");
        }
        state.sourceSignal = signal;
      }
      if (headersInit !== undefined) {
        const given = headerStates.get(headersInit);
        if (given !== undefined) {
          state.list = listCopy(given.list);
        } else {
          const filled = { __proto__: null, list: [], guard: 'request' };
          fillHeaders(filled, headersInit, owner, member);
          state.list = filled.list;
        }
      }
    }
    const hasBody = body !== undefined && body !== null;
    if ((hasBody || (source !== undefined && source.body !== null)) && (state.method === 'GET' || state.method === 'HEAD') && (hasBody || init !== undefined)) {
      if (hasBody || source.body !== null) throw fail('Request with GET/HEAD method cannot have body.', 'HEAD or GET Request cannot have a body.');
    }
    if (hasBody) {
      const extracted = extractBody(body);
      state.body = extracted.bytes;
      if (extracted.type !== null && combined(state.list, 'content-type') === null) listPush(state.list, ['content-type', extracted.type]);
    } else if (source !== undefined && source.body !== null) {
      // (The new Request takes the old one's body, which is then used.)
      source.used = true;
    }
    state.used = false;
    state.headers = newHeaders(state.list, 'request');
    state.signal = host.dependentSignal(state.sourceSignal === null ? [] : [state.sourceSignal]);
    return state;
  }
  function Request(...args) {
    if (new.target === undefined) throw newRequired('Request');
    if (args.length < 1) throw countError('Request', 'constructor', 1, args.length);
    requestStates.set(this, requestFrom(args[0], args[1], 'Request', 'constructor'));
  }
  const requestState = (request, member) => {
    const state = requestStates.get(request);
    if (state === undefined) throw illegalInvocation('Request', member);
    return state;
  };
  const requestMembers = {
    get method() { return requestState(this, 'get method').method; },
    get url() { return requestState(this, 'get url').url; },
    get headers() { return requestState(this, 'get headers').headers; },
    get destination() { requestState(this, 'get destination'); return ''; },
    get referrer() { return requestState(this, 'get referrer').referrer; },
    get referrerPolicy() { return requestState(this, 'get referrerPolicy').referrerPolicy; },
    get mode() { return requestState(this, 'get mode').mode; },
    get credentials() { return requestState(this, 'get credentials').credentials; },
    get cache() { return requestState(this, 'get cache').cache; },
    get redirect() { return requestState(this, 'get redirect').redirect; },
    get integrity() { return requestState(this, 'get integrity').integrity; },
    get keepalive() { return requestState(this, 'get keepalive').keepalive; },
    get isReloadNavigation() { requestState(this, 'get isReloadNavigation'); return false; },
    get signal() { return requestState(this, 'get signal').signal; },
    get bodyUsed() { return requestState(this, 'get bodyUsed').used; },
    clone() {
      const state = requestState(this, 'clone');
      if (state.used) throw new TypeError(failed('Request', 'clone', FIREFOX ? 'Body has already been consumed.' : 'Request body is already used'));
      const copy = {
        __proto__: null, ...state, list: listCopy(headerStates.get(state.headers).list),
        body: state.body === null ? null : native.bytes.copy(state.body),
      };
      copy.headers = newHeaders(copy.list, 'request');
      copy.signal = host.dependentSignal([state.signal]);
      const request = ObjectCreate(Request.prototype);
      requestStates.set(request, copy);
      return request;
    },
    arrayBuffer() { return consumeBody(requestStates.get(this), 'Request', 'arrayBuffer', (bytes) => bytes); },
    bytes() { return consumeBody(requestStates.get(this), 'Request', 'bytes', (bytes) => native.bytes.uint8Array(bytes)); },
    text() { return consumeBody(requestStates.get(this), 'Request', 'text', decodeUTF8); },
    json() { return consumeBody(requestStates.get(this), 'Request', 'json', (bytes) => JSONParse(decodeUTF8(bytes))); },
    blob() {
      const state = requestStates.get(this);
      return consumeBody(state, 'Request', 'blob', (bytes) => blobOf(bytes, state.headers));
    },
    formData() {
      const state = requestStates.get(this);
      return consumeBody(state, 'Request', 'formData', (bytes) => formDataOf(bytes, state.headers));
    },
  };
  if (!FIREFOX) {
    // (Chromium's Request also has these; Firefox's has none of them.)
    host.defineMembers(requestMembers, {
      get body() {
        const state = requestState(this, 'get body');
        if (state.body === null) return null;
        throw new TypeError(failed('Request', 'body', 'A body as a ReadableStream is not available in exthost yet: read it with text(), json(), arrayBuffer(), bytes() or blob().'));
      },
      get isHistoryNavigation() { requestState(this, 'get isHistoryNavigation'); return false; },
      get duplex() { requestState(this, 'get duplex'); return 'half'; },
    });
  }
  host.defineInterface(Request, 'Request', 1, requestMembers, { __proto__: null });

  // What a fetch of an object URL (`blob:`, js/37_blob.js) gets: the Blob's bytes, or a network
  // error once it is revoked; undefined for any other URL.
  function objectURLOutcome(input) {
    if (StringPrototypeSlice(input, 0, 5) !== 'blob:') return undefined;
    const blob = host.objectURLBlob === undefined ? undefined : host.objectURLBlob(input);
    if (blob === undefined) return { __proto__: null, kind: 'network' };
    const headers = [['content-length', String(native.bytes.byteLength(blob.bytes))]];
    if (blob.type !== '') listPush(headers, ['content-type', blob.type]);
    return { __proto__: null, kind: 'response', status: 200, statusText: 'OK', url: input, headers, body: native.bytes.copy(blob.bytes) };
  }
  // The Response of what Swift answered (`{status, statusText, url, redirected, headers, body}`).
  function responseOf(answer, type, method) {
    const state = emptyState(type);
    state.url = answer.url;
    state.status = answer.status;
    state.statusText = answer.statusText;
    state.redirected = answer.redirected === true;
    state.headers = newHeaders(listCopy(answer.headers), 'immutable');
    state.body = method === 'HEAD' || nullBodyStatus(answer.status) ? null : answer.body;
    return newResponse(state);
  }
  host.implementations.fetch = function fetch(...args) {
    try {
      if (args.length < 1) throw countError(globalInterface, 'fetch', 1, args.length);
      const request = requestFrom(args[0], args[1], globalInterface, 'fetch');
      const input = request.url;
      const method = request.method;
      const signal = request.sourceSignal;
      // (What a request carries to a real server, `--network`: its headers and body.)
      const requestHeaders = headerStates.get(request.headers);
      const requestBody = request.body === null ? undefined : request.body;
      const outcome = objectURLOutcome(input) ?? native.fetch.load(input, method, 'fetch');
      if (outcome.kind === 'invalid') {
        throw new TypeError(FIREFOX ? failed(globalInterface, 'fetch', input + ' is not a valid URL.') : failed(globalInterface, 'fetch', 'Failed to parse URL from ' + input));
      }
      const abort = signal === undefined || signal === null ? undefined : host.abortSignalState(signal);
      if (abort !== undefined && abort.aborted) return PromiseReject(abort.reason);
      return new Promise((resolve, reject) => {
        let settled = false;
        if (abort !== undefined) {
          host.onAbort(signal, () => {
            if (settled) return;
            settled = true;
            reject(host.abortSignalState(signal).reason);
          });
        }
        if (outcome.kind === 'remote') {
          // (A real server's answer, `--network`: Swift calls back in a task of its own.)
          native.fetch.send(outcome.url, method, JSONStringify(requestHeaders.list), requestBody, outcome.cors, (answer) => {
            if (settled) return;
            settled = true;
            if (answer.kind !== 'response') {
              reject(networkError());
              return;
            }
            resolve(responseOf(answer, outcome.cors ? 'cors' : 'basic', method));
          });
          return;
        }
        // (The answer comes in a task of its own, as a browser's network answer does.)
        native.clock.timeout(0, () => {
          if (settled) return;
          settled = true;
          if (outcome.kind === 'missing-file') {
            // (Firefox answers fetch of a file its extension does not have with a 200 whose body
            // fails when read: fixtures/conformance/web-fetch, web-fetch-accessible.)
            const state = emptyState('basic');
            state.url = outcome.url;
            state.statusText = 'OK';
            state.headers = newHeaders([], 'immutable');
            state.body = native.bytes.utf8('');
            state.bodyFails = true;
            resolve(newResponse(state));
            return;
          }
          if (outcome.kind !== 'response') {
            reject(networkError());
            return;
          }
          resolve(responseOf(outcome, 'basic', method));
        });
      });
    } catch (error) {
      return PromiseReject(error);
    }
  };
});
