// exthost:realm host
// exthost:needs primordials api events blob
// exthost:globals ~Headers:constructor:0 ~Request:constructor:1 ~Response:constructor:0 fetch:function:1
// `fetch`, `Request`, `Response` and `Headers` (the Fetch Standard), with each browser's errors
// (fixtures/conformance/web-fetch). What a fetch gets is Swift's (the world's `fetch` natives,
// Sources/Exthost/ExtensionContext+Fetch.swift): the extension's own files, pages the site mapping
// serves, data: URLs; anything else fails as a browser without a network fails. The answer comes
// in a task of its own, as a browser's does. Bodies are bytes read whole: `text`, `json`,
// `arrayBuffer`, `bytes`, `blob` and `formData`; streams (`body`) are not here yet.
//
// Runs in the host's realm, for a world on the first touch of these globals or of
// XMLHttpRequest (`host.installFetch`): each interface made on first need (`host.makeFetchInterface`),
// its members one implementation for every world. A Headers', Request's or Response's state is
// kept here, by its object; a body is an ArrayBuffer of its world that no script sees (reads get
// copies). The Fetch Standard's "extract a body" serves XMLHttpRequest (js/34_xhr.js) too.
(function (host) {
  'use strict';
  const {
    String, Number, ReflectApply, ReflectOwnKeys, ReflectGetOwnPropertyDescriptor, SafeWeakMap, SymbolIterator,
    listPush, listCopy, StringPrototypeCharCodeAt, StringPrototypeSlice, StringPrototypeToUpperCase, ArrayPrototypeSort, ArrayPrototypeJoin,
    JSONStringify, MathTrunc, NumberIsFinite, listIncludes, RegExpPrototypeExec, asciiLowercase, getOwn,
  } = host.primordials;
  const FIREFOX = host.flavor === 'firefox';
  const events = host.eventInternals;
  const isObject = (value) => value !== null && (typeof value === 'object' || typeof value === 'function');
  const native = (cx) => cx.loader.native;
  const toText = host.toText;
  const globalInterface = (cx) => (cx.info.isServiceWorker ? 'WorkerGlobalScope' : 'Window');

  // ---- Errors, as each browser words them (js/38_api.js) -----------------------------------------------
  const { failed, illegalInvocation, countError } = host.webIDLErrors;
  const typeError = (cx, text) => host.newTypeError(cx, text);
  const rangeError = (cx, text) => new cx.b.RangeError(text);
  const networkError = (cx) => typeError(cx, FIREFOX ? 'NetworkError when attempting to fetch resource.' : 'Failed to fetch');

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
  const lowercase = asciiLowercase;
  function byteString(cx, value, owner, member, dictionary, key) {
    const text = toText(cx, value, owner, member, dictionary, key);
    for (let i = 0; i < text.length; i++) {
      if (StringPrototypeCharCodeAt(text, i) > 255) {
        throw typeError(cx, FIREFOX ? failed(owner, member, 'Cannot convert argument to ByteString because the character at index ' + i + ' has value ' + StringPrototypeCharCodeAt(text, i) + ' which is greater than 255.')
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
  // 'request', 'response' or 'immutable').
  const headerStates = new SafeWeakMap();
  const headersState = (cx, headers, member) => {
    const state = isObject(headers) ? headerStates.get(headers) : undefined;
    if (state === undefined) throw illegalInvocation(cx, 'Headers', member);
    return state;
  };
  const invalidName = (cx, name, member) => typeError(cx, failed('Headers', member, FIREFOX ? name + ' is an invalid header name.' : 'Invalid name'));
  const immutable = (cx, member) => typeError(cx, failed('Headers', member, FIREFOX ? 'Headers are immutable and cannot be modified.' : 'Headers are immutable'));
  function validate(cx, state, name, value, member) {
    if (!isToken(name)) throw invalidName(cx, name, member);
    if (!isValidValue(value)) throw typeError(cx, failed('Headers', member, FIREFOX ? beforeNul(value) + ' is an invalid header value.' : 'Invalid value'));
    if (state.guard === 'immutable') throw immutable(cx, member);
  }
  const forbiddenResponseHeader = (name) => name === 'set-cookie' || name === 'set-cookie2';
  function appendHeader(cx, state, name, value, member) {
    const normalized = normalizeValue(value);
    validate(cx, state, name, normalized, member);
    const key = lowercase(name);
    if (state.guard === 'response' && forbiddenResponseHeader(key)) return;
    listPush(state.list, [key, normalized]);
  }
  // Fills `state` from a HeadersInit: a sequence of pairs, or a record.
  function fillHeaders(cx, state, init, owner, member) {
    if (!isObject(init)) {
      throw typeError(cx, FIREFOX
        ? failed(owner, member, 'Argument 1 could not be converted to any of: sequence<sequence<ByteString>>, record<ByteString, ByteString>.')
        : failed(owner, member, "The provided value is not of type '(record<ByteString, ByteString> or sequence<sequence<ByteString>>)'."));
    }
    const iteratorMethod = init[SymbolIterator];
    if (iteratorMethod !== undefined && iteratorMethod !== null) {
      const pairs = iterate(cx, init, iteratorMethod);
      for (let i = 0; i < pairs.length; i++) {
        const pair = pairs[i];
        if (!isObject(pair)) throw pairError(cx, owner, member);
        const items = iterate(cx, pair, pair[SymbolIterator]);
        if (items.length !== 2) throw pairError(cx, owner, member);
        appendHeader(cx, state, byteString(cx, items[0], owner, member), byteString(cx, items[1], owner, member), member);
      }
      return;
    }
    const keys = ReflectOwnKeys(init);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (typeof key !== 'string') continue;
      const descriptor = ReflectGetOwnPropertyDescriptor(init, key);
      if (descriptor === undefined || !descriptor.enumerable) continue;
      appendHeader(cx, state, byteString(cx, key, owner, member), byteString(cx, init[key], owner, member), member);
    }
  }
  function pairError(cx, owner, member) {
    return typeError(cx, failed(owner, member, FIREFOX ? 'Headers require name/value tuples when being initialized by a sequence.' : 'Invalid value'));
  }
  // The values an iterable gives, read with its own iterator (as Web IDL reads a sequence).
  function iterate(cx, iterable, method) {
    if (typeof method !== 'function') throw typeError(cx, FIREFOX ? 'Value is not iterable.' : 'The object must have a callable @@iterator property.');
    const iterator = ReflectApply(method, iterable, []);
    const next = iterator.next;
    const values = [];
    for (let step = ReflectApply(next, iterator, []); !step.done; step = ReflectApply(next, iterator, [])) listPush(values, step.value);
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
  function newHeaders(cx, list, guard) {
    const headers = host.newObjectFrom(cx, interfaceOf(cx, 'Headers').prototype);
    headerStates.set(headers, { __proto__: null, list, guard });
    return headers;
  }
  const constructHeaders = (cx, thisValue, newTarget, ...args) => {
    const state = { __proto__: null, list: [], guard: 'none' };
    if (args.length > 0 && args[0] !== undefined) fillHeaders(cx, state, args[0], 'Headers', 'constructor');
    const headers = host.newInstance(cx, newTarget, interfaceOf(cx, 'Headers').prototype);
    headerStates.set(headers, state);
    return headers;
  };
  const nameArgument = (cx, args, member, required) => {
    if (args.length < required) throw countError(cx, 'Headers', member, required, args.length);
    return byteString(cx, args[0], 'Headers', member);
  };
  // The Headers iterator: "Headers Iterator" objects over the sorted and combined list, read anew
  // at each step (as the standard's value-pair iterator).
  const iteratorStates = new SafeWeakMap();
  // An iterator result of the world: `done` before `value`, as both browsers make a Headers
  // iterator's (web-fetch).
  function result(cx, value, done) {
    const made = host.newObject(cx);
    host.defineValue(made, 'done', done, true, true, true);
    host.defineValue(made, 'value', value, true, true, true);
    return made;
  }
  const iteratorMembers = [
    ['method', 'next', 0, (cx, thisValue) => {
      const state = isObject(thisValue) ? iteratorStates.get(thisValue) : undefined;
      if (state === undefined) throw illegalInvocation(cx, 'Headers Iterator', 'next');
      const pairs = sortAndCombine(headerStates.get(state.headers).list);
      if (state.index >= pairs.length) return result(cx, undefined, true);
      const pair = pairs[state.index++];
      return result(cx, state.kind === 'key' ? pair[0] : state.kind === 'value' ? pair[1] : host.newArray(cx, [pair[0], pair[1]]), false);
    }],
  ];
  const iterating = (member, kind) => ['method', member, 0, (cx, thisValue) => {
    headersState(cx, thisValue, member);
    const iterator = host.newObjectFrom(cx, interfaceOf(cx, 'Headers Iterator').prototype);
    iteratorStates.set(iterator, { __proto__: null, headers: thisValue, kind, index: 0 });
    return iterator;
  }];
  const headersMembers = [
    ['method', 'append', 2, (cx, thisValue, ...args) => {
      const state = headersState(cx, thisValue, 'append');
      if (args.length < 2) throw countError(cx, 'Headers', 'append', 2, args.length);
      appendHeader(cx, state, byteString(cx, args[0], 'Headers', 'append'), byteString(cx, args[1], 'Headers', 'append'), 'append');
    }],
    ['method', 'delete', 1, (cx, thisValue, ...args) => {
      const state = headersState(cx, thisValue, 'delete');
      const name = nameArgument(cx, args, 'delete', 1);
      if (!isToken(name)) throw invalidName(cx, name, 'delete');
      if (state.guard === 'immutable') throw immutable(cx, 'delete');
      const key = lowercase(name);
      const kept = [];
      for (let i = 0; i < state.list.length; i++) if (state.list[i][0] !== key) listPush(kept, state.list[i]);
      state.list = kept;
    }],
    ['method', 'get', 1, (cx, thisValue, ...args) => {
      const state = headersState(cx, thisValue, 'get');
      const name = nameArgument(cx, args, 'get', 1);
      if (!isToken(name)) throw invalidName(cx, name, 'get');
      return combined(state.list, lowercase(name));
    }],
    ['method', 'getSetCookie', 0, (cx, thisValue) => {
      const state = headersState(cx, thisValue, 'getSetCookie');
      const values = [];
      for (let i = 0; i < state.list.length; i++) if (state.list[i][0] === 'set-cookie') listPush(values, state.list[i][1]);
      return host.newArray(cx, values);
    }],
    ['method', 'has', 1, (cx, thisValue, ...args) => {
      const state = headersState(cx, thisValue, 'has');
      const name = nameArgument(cx, args, 'has', 1);
      if (!isToken(name)) throw invalidName(cx, name, 'has');
      return combined(state.list, lowercase(name)) !== null;
    }],
    ['method', 'set', 2, (cx, thisValue, ...args) => {
      const state = headersState(cx, thisValue, 'set');
      if (args.length < 2) throw countError(cx, 'Headers', 'set', 2, args.length);
      const name = byteString(cx, args[0], 'Headers', 'set');
      const value = normalizeValue(byteString(cx, args[1], 'Headers', 'set'));
      validate(cx, state, name, value, 'set');
      const key = lowercase(name);
      if (state.guard === 'response' && forbiddenResponseHeader(key)) return;
      const list = [];
      let placed = false;
      for (let i = 0; i < state.list.length; i++) {
        if (state.list[i][0] !== key) {
          listPush(list, state.list[i]);
        } else if (!placed) {
          listPush(list, [key, value]);
          placed = true;
        }
      }
      if (!placed) listPush(list, [key, value]);
      state.list = list;
    }],
    ['method', 'forEach', 1, (cx, thisValue, ...args) => {
      const state = headersState(cx, thisValue, 'forEach');
      if (args.length < 1) throw countError(cx, 'Headers', 'forEach', 1, args.length);
      const callback = args[0];
      if (typeof callback !== 'function') {
        throw typeError(cx, failed('Headers', 'forEach', FIREFOX ? 'Argument 1 is not callable.' : 'The callback provided as parameter 1 is not a function.'));
      }
      const pairs = sortAndCombine(state.list);
      for (let i = 0; i < pairs.length; i++) ReflectApply(callback, args[1], [pairs[i][1], pairs[i][0], thisValue]);
    }],
    iterating('entries', 'key+value'),
    iterating('keys', 'key'),
    iterating('values', 'value'),
    ['alias', SymbolIterator, 'entries'],
  ];

  // ---- Bodies ---------------------------------------------------------------------------------------------
  // The Fetch Standard's "extract a body" (fetch, Request, Response, XMLHttpRequest.send): the
  // bytes (a new ArrayBuffer of the world) and the Content-Type a value gives, null for none. (A
  // FormData or URLSearchParams exists only once its module was loaded.)
  function extractBody(cx, value) {
    const bytes = native(cx).bytes;
    if (typeof value === 'string') return { __proto__: null, bytes: bytes.utf8(value), type: 'text/plain;charset=UTF-8' };
    const blob = host.blobStateOf === undefined ? undefined : host.blobStateOf(value);
    if (blob !== undefined) return { __proto__: null, bytes: bytes.copy(blob.bytes), type: blob.type === '' ? null : blob.type };
    if (isObject(value) && bytes.kind(value) !== undefined) return { __proto__: null, bytes: bytes.copy(value), type: null };
    const formBody = host.formDataBodyOf === undefined ? undefined : host.formDataBodyOf(cx, value);
    if (formBody !== undefined) return formBody;
    const query = host.searchParamsTextOf === undefined ? undefined : host.searchParamsTextOf(value);
    if (query !== undefined) return { __proto__: null, bytes: bytes.utf8(query), type: 'application/x-www-form-urlencoded;charset=UTF-8' };
    return { __proto__: null, bytes: bytes.utf8(toText(cx, value)), type: 'text/plain;charset=UTF-8' };
  }
  const decodeUTF8 = (cx, buffer) => native(cx).encoding.decode('utf-8', '', buffer, true, false)[0];

  // ---- Response -------------------------------------------------------------------------------------------
  // Each Response's state, by object.
  const responses = new SafeWeakMap();
  const responseState = (cx, response, member) => {
    const state = isObject(response) ? responses.get(response) : undefined;
    if (state === undefined) throw illegalInvocation(cx, 'Response', member);
    return state;
  };
  const nullBodyStatus = (status) => status === 101 || status === 103 || status === 204 || status === 205 || status === 304;
  function newResponse(cx, fields) {
    const response = host.newObjectFrom(cx, interfaceOf(cx, 'Response').prototype);
    responses.set(response, fields);
    return response;
  }
  // The standard's "initialize a response" from a ResponseInit and an extracted body.
  function initialize(cx, state, init, body, member) {
    if (init !== undefined && init !== null && !isObject(init)) {
      throw typeError(cx, failed('Response', member, FIREFOX ? "Argument 2 can't be converted to a dictionary." : "The provided value is not of type 'ResponseInit'."));
    }
    const hasInit = init !== undefined && init !== null;
    const headersInit = hasInit ? init.headers : undefined;
    let status = 200;
    if (hasInit && init.status !== undefined) {
      const number = Number(init.status);
      status = NumberIsFinite(number) ? MathTrunc(number) % 65536 : 0;
      if (status < 0) status += 65536;
    }
    const statusText = !hasInit || init.statusText === undefined ? '' : byteString(cx, init.statusText, 'Response', member);
    if (status < 200 || status > 599) {
      throw rangeError(cx, FIREFOX ? failed('Response', member, 'Invalid response status code.')
        : failed('Response', member, 'The status provided (' + status + ') is outside the range [200, 599].'));
    }
    for (let i = 0; i < statusText.length; i++) {
      const c = StringPrototypeCharCodeAt(statusText, i);
      if (c === 10 || c === 13 || (c !== 9 && c < 32) || c === 127) {
        throw typeError(cx, failed('Response', member, FIREFOX ? 'Response statusText may not contain newline or carriage return.' : 'Invalid statusText'));
      }
    }
    state.status = status;
    state.statusText = statusText;
    if (headersInit !== undefined) fillHeaders(cx, headerStates.get(state.headers), headersInit, 'Response', member);
    if (body !== null) {
      if (nullBodyStatus(status)) {
        throw typeError(cx, failed('Response', member, FIREFOX ? 'Response body is given with a null body status.' : 'Response with null body status cannot have body'));
      }
      state.body = body.bytes;
      if (body.type !== null && combined(headerStates.get(state.headers).list, 'content-type') === null) {
        listPush(headerStates.get(state.headers).list, ['content-type', body.type]);
      }
    }
  }
  function emptyState(cx, type) {
    return {
      __proto__: null, type, url: '', status: 200, statusText: '', headers: newHeaders(cx, [], 'response'), body: null, used: false, redirected: false,
    };
  }
  const constructResponse = (cx, thisValue, newTarget, ...args) => {
    const state = emptyState(cx, 'default');
    const body = args.length > 0 && args[0] !== undefined && args[0] !== null ? extractBody(cx, args[0]) : null;
    initialize(cx, state, args[1], body, 'constructor');
    const response = host.newInstance(cx, newTarget, interfaceOf(cx, 'Response').prototype);
    responses.set(response, state);
    return response;
  };
  // Reads the body of `state` (a Response's or a Request's, undefined for another object) whole,
  // as `finish(cx, bytes, state)` makes it: a promise of the world, rejected when it was read.
  function consumeBody(cx, state, owner, member, finish) {
    if (state === undefined) {
      return host.rejectedPromise(cx, typeError(cx, FIREFOX ? "'" + member + "' called on an object that does not implement interface " + owner + '.'
        : failed(owner, member, 'Illegal invocation')));
    }
    if (state.used) return host.rejectedPromise(cx, typeError(cx, failed(owner, member, FIREFOX ? 'Body has already been consumed.' : 'body stream already read')));
    if (state.body !== null) state.used = true;
    if (state.bodyFails === true) return host.rejectedPromise(cx, host.newDOMException(cx, 'The operation was aborted. ', 'AbortError'));
    const bytes = state.body === null ? native(cx).bytes.utf8('') : native(cx).bytes.copy(state.body);
    const settle = host.newPromise(cx);
    try {
      settle.resolve(finish(cx, bytes, state));
    } catch (error) {
      settle.reject(host.contextError(cx, error));
    }
    return settle.promise;
  }
  // What each way of reading makes of a body's bytes.
  const readers = {
    __proto__: null,
    arrayBuffer: (cx, bytes) => bytes,
    bytes: (cx, bytes) => native(cx).bytes.uint8Array(bytes),
    text: decodeUTF8,
    json: (cx, bytes) => ReflectApply(cx.b.JSONParse, undefined, [decodeUTF8(cx, bytes)]),
    // (A Blob of the type the headers give.)
    blob(cx, bytes, state) {
      const type = combined(headerStates.get(state.headers).list, 'content-type');
      cx.loader.load('blob');
      return host.newBlob(cx, bytes, type === null ? '' : asciiLowercase(type));
    },
    // (FormData, by the type the headers give: js/37_form_data.js.)
    formData(cx, bytes, state) {
      cx.loader.load('form_data');
      return host.parseFormDataOf(cx, bytes, combined(headerStates.get(state.headers).list, 'content-type'));
    },
  };
  // Adds the Fetch Standard's Body mixin's ways of reading to `members`, for `owner` (Response or
  // Request) whose states are `states`.
  const bodyReaders = ['arrayBuffer', 'bytes', 'text', 'json', 'blob', 'formData'];
  function addBodyMembers(members, owner, states) {
    for (let i = 0; i < bodyReaders.length; i++) {
      const member = bodyReaders[i];
      listPush(members, ['method', member, 0, (cx, thisValue) =>
        consumeBody(cx, isObject(thisValue) ? states.get(thisValue) : undefined, owner, member, readers[member])]);
    }
  }
  const field = (name) => ['get', name, (cx, thisValue) => responseState(cx, thisValue, 'get ' + name)[name]];
  const responseMembers = [
    field('type'),
    field('url'),
    field('redirected'),
    field('status'),
    ['get', 'ok', (cx, thisValue) => {
      const state = responseState(cx, thisValue, 'get ok');
      return state.status >= 200 && state.status <= 299;
    }],
    field('statusText'),
    field('headers'),
    ['get', 'body', (cx, thisValue) => {
      const state = responseState(cx, thisValue, 'get body');
      if (state.body === null) return null;
      throw typeError(cx, failed('Response', 'body', 'A body as a ReadableStream is not available in exthost yet: read the body with text(), json(), arrayBuffer() or bytes().'));
    }],
    ['get', 'bodyUsed', (cx, thisValue) => responseState(cx, thisValue, 'get bodyUsed').used],
    ['method', 'clone', 0, (cx, thisValue) => {
      const state = responseState(cx, thisValue, 'clone');
      if (state.used) throw typeError(cx, failed('Response', 'clone', FIREFOX ? 'Body has already been consumed.' : 'Response body is already used'));
      const headers = headerStates.get(state.headers);
      const copy = {
        __proto__: null, ...state, headers: newHeaders(cx, listCopy(headers.list), headers.guard),
        body: state.body === null ? null : native(cx).bytes.copy(state.body),
      };
      return newResponse(cx, copy);
    }],
  ];
  addBodyMembers(responseMembers, 'Response', responses);
  const responseStatics = [
    ['method', 'error', 0, (cx) => {
      const state = emptyState(cx, 'error');
      state.status = 0;
      state.headers = newHeaders(cx, [], 'immutable');
      return newResponse(cx, state);
    }],
    ['method', 'json', 1, (cx, thisValue, ...args) => {
      if (args.length < 1) throw countError(cx, 'Response', 'json', 1, args.length);
      const text = ReflectApply(cx.b.JSONStringify, undefined, [args[0]]);
      if (text === undefined) throw typeError(cx, failed('Response', 'json', FIREFOX ? 'Value could not be serialized to JSON.' : 'The data is not JSON serializable'));
      const state = emptyState(cx, 'default');
      initialize(cx, state, args[1], { __proto__: null, bytes: native(cx).bytes.utf8(text), type: 'application/json' }, 'json');
      return newResponse(cx, state);
    }],
    ['method', 'redirect', 1, (cx, thisValue, ...args) => {
      if (args.length < 1) throw countError(cx, 'Response', 'redirect', 1, args.length);
      const given = toText(cx, args[0], 'Response', 'redirect');
      const url = native(cx).fetch.resolve(given);
      if (url === null) throw typeError(cx, failed('Response', 'redirect', FIREFOX ? given + ' is not a valid URL.' : 'Failed to parse URL from ' + given));
      const status = args.length > 1 && args[1] !== undefined ? MathTrunc(Number(args[1])) : 302;
      if (status !== 301 && status !== 302 && status !== 303 && status !== 307 && status !== 308) {
        throw rangeError(cx, failed('Response', 'redirect', FIREFOX ? 'Invalid redirect status code.' : 'Invalid status code'));
      }
      const state = emptyState(cx, 'default');
      state.status = status;
      state.headers = newHeaders(cx, [['location', url]], 'immutable');
      return newResponse(cx, state);
    }],
  ];

  // ---- Request ----------------------------------------------------------------------------------------------
  const forbiddenMethods = ['CONNECT', 'TRACE', 'TRACK'];
  const normalizedMethods = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT'];
  function requestMethod(cx, value, owner, member) {
    const method = byteString(cx, value, owner, member);
    const upper = StringPrototypeToUpperCase(method);
    for (let i = 0; i < forbiddenMethods.length; i++) {
      if (upper === forbiddenMethods[i]) {
        throw typeError(cx, FIREFOX ? failed(owner, member, 'Invalid request method ' + method + '.') : failed(owner, member, "'" + method + "' HTTP method is unsupported."));
      }
    }
    if (!isToken(method)) {
      throw typeError(cx, FIREFOX ? failed(owner, member, 'Invalid request method ' + method + '.') : failed(owner, member, "'" + method + "' is not a valid HTTP method."));
    }
    for (let i = 0; i < normalizedMethods.length; i++) if (upper === normalizedMethods[i]) return upper;
    return method;
  }
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
  function enumMember(cx, init, key, owner, member) {
    const value = init[key];
    if (value === undefined) return undefined;
    const text = toText(cx, value, owner, member, 'RequestInit', key);
    if (!listIncludes(enumValues[key], text)) {
      throw typeError(cx, FIREFOX
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
  function requestFrom(cx, input, init, owner, member) {
    const fail = (chrome, firefox) => typeError(cx, failed(owner, member, FIREFOX ? firefox : chrome));
    const source = isObject(input) ? requestStates.get(input) : undefined;
    // (Web IDL converts the arguments before the steps: the input, then the init's members in
    // name order; the URL is parsed after.)
    const text = source === undefined ? toText(cx, input, owner, member) : undefined;
    let body;
    let given = null;
    if (init !== undefined && init !== null) {
      if (!isObject(init)) throw fail("The provided value is not of type 'RequestInit'.", "Argument 2 can't be converted to a dictionary.");
      given = { __proto__: null };
      body = init.body;
      given.cache = enumMember(cx, init, 'cache', owner, member);
      given.credentials = enumMember(cx, init, 'credentials', owner, member);
      enumMember(cx, init, 'duplex', owner, member);
      given.headers = init.headers;
      const integrity = init.integrity;
      given.integrity = integrity === undefined ? undefined : toText(cx, integrity, owner, member, 'RequestInit', 'integrity');
      const keepalive = init.keepalive;
      given.keepalive = keepalive === undefined ? undefined : !!keepalive;
      const method = init.method;
      given.method = method === undefined ? undefined : byteString(cx, method, owner, member, 'RequestInit', 'method');
      given.mode = enumMember(cx, init, 'mode', owner, member);
      enumMember(cx, init, 'priority', owner, member);
      given.redirect = enumMember(cx, init, 'redirect', owner, member);
      const referrer = init.referrer;
      given.referrer = referrer === undefined ? undefined : toText(cx, referrer, owner, member, 'RequestInit', 'referrer');
      given.referrerPolicy = enumMember(cx, init, 'referrerPolicy', owner, member);
      given.signal = init.signal;
      if (given.signal !== undefined && given.signal !== null && events.signalState(given.signal) === undefined) {
        throw fail("Failed to read the 'signal' property from 'RequestInit': Failed to convert value to 'AbortSignal'.",
          "'signal' member of RequestInit does not implement interface AbortSignal.");
      }
    }
    let state;
    if (source === undefined) {
      const url = native(cx).fetch.resolve(text);
      if (url === null) throw fail('Failed to parse URL from ' + text, text + ' is not a valid URL.');
      if (hasCredentials(url)) throw fail('Request cannot be constructed from a URL that includes credentials: ' + text, text + ' is an url with embedded credentials.');
      state = {
        __proto__: null, url, method: 'GET', headers: null, list: [], body: null, used: false, mode: 'cors', credentials: 'same-origin',
        cache: 'default', redirect: 'follow', referrer: 'about:client', referrerPolicy: '', integrity: '', keepalive: false, signal: null,
        sourceSignal: null,
      };
    } else {
      if (source.used) throw fail('Cannot construct a Request with a Request object that has already been used.', 'Body has already been consumed.');
      state = { __proto__: null, ...source, headers: null, list: listCopy(headerStates.get(source.headers).list), sourceSignal: source.signal !== null ? source.signal : source.sourceSignal };
    }
    if (given !== null) {
      if (given.mode === 'navigate') throw fail("Cannot construct a Request with a RequestInit whose mode member is set as 'navigate'.", 'Invalid request mode navigate.');
      if (given.mode !== undefined) state.mode = given.mode;
      if (given.credentials !== undefined) state.credentials = given.credentials;
      if (given.cache !== undefined) state.cache = given.cache;
      if (given.redirect !== undefined) state.redirect = given.redirect;
      if (given.referrerPolicy !== undefined) state.referrerPolicy = given.referrerPolicy;
      if (given.referrer !== undefined) state.referrer = given.referrer === '' ? '' : 'about:client';
      if (given.integrity !== undefined) state.integrity = given.integrity;
      if (given.keepalive !== undefined) state.keepalive = given.keepalive;
      if (given.method !== undefined) state.method = requestMethod(cx, given.method, owner, member);
      // (A null signal drops the source Request's.)
      if (given.signal === null) state.sourceSignal = null;
      else if (given.signal !== undefined) state.sourceSignal = given.signal;
      if (given.headers !== undefined) {
        const headers = isObject(given.headers) ? headerStates.get(given.headers) : undefined;
        if (headers !== undefined) {
          state.list = listCopy(headers.list);
        } else {
          const filled = { __proto__: null, list: [], guard: 'request' };
          fillHeaders(cx, filled, given.headers, owner, member);
          state.list = filled.list;
        }
      }
    }
    const hasBody = body !== undefined && body !== null;
    if ((hasBody || (source !== undefined && source.body !== null)) && (state.method === 'GET' || state.method === 'HEAD') && (hasBody || init !== undefined)) {
      if (hasBody || source.body !== null) throw fail('Request with GET/HEAD method cannot have body.', 'HEAD or GET Request cannot have a body.');
    }
    if (hasBody) {
      const extracted = extractBody(cx, body);
      state.body = extracted.bytes;
      if (extracted.type !== null && combined(state.list, 'content-type') === null) listPush(state.list, ['content-type', extracted.type]);
    } else if (source !== undefined && source.body !== null) {
      // (The new Request takes the old one's body, which is then used.)
      source.used = true;
    }
    state.used = false;
    state.headers = newHeaders(cx, state.list, 'request');
    // (Its signal, which follows the init's or the source's, is made on first need: a fetch that
    // is given none makes none.)
    state.signal = null;
    return state;
  }
  const constructRequest = (cx, thisValue, newTarget, ...args) => {
    if (args.length < 1) throw countError(cx, 'Request', 'constructor', 1, args.length);
    const state = requestFrom(cx, args[0], args[1], 'Request', 'constructor');
    const request = host.newInstance(cx, newTarget, interfaceOf(cx, 'Request').prototype);
    requestStates.set(request, state);
    return request;
  };
  const requestState = (cx, request, member) => {
    const state = isObject(request) ? requestStates.get(request) : undefined;
    if (state === undefined) throw illegalInvocation(cx, 'Request', member);
    return state;
  };
  // A Request's signal, made now if it was not.
  function signalOf(cx, state) {
    if (state.signal === null) {
      cx.loader.load('events');
      state.signal = events.dependentSignal(cx, state.sourceSignal === null ? [] : [state.sourceSignal]);
    }
    return state.signal;
  }
  const requestField = (name) => ['get', name, (cx, thisValue) => requestState(cx, thisValue, 'get ' + name)[name]];
  const requestConstant = (name, value) => ['get', name, (cx, thisValue) => {
    requestState(cx, thisValue, 'get ' + name);
    return value;
  }];
  const requestMembers = [
    requestField('method'),
    requestField('url'),
    requestField('headers'),
    requestConstant('destination', ''),
    requestField('referrer'),
    requestField('referrerPolicy'),
    requestField('mode'),
    requestField('credentials'),
    requestField('cache'),
    requestField('redirect'),
    requestField('integrity'),
    requestField('keepalive'),
    requestConstant('isReloadNavigation', false),
    ['get', 'signal', (cx, thisValue) => signalOf(cx, requestState(cx, thisValue, 'get signal'))],
    ['get', 'bodyUsed', (cx, thisValue) => requestState(cx, thisValue, 'get bodyUsed').used],
    ['method', 'clone', 0, (cx, thisValue) => {
      const state = requestState(cx, thisValue, 'clone');
      if (state.used) throw typeError(cx, failed('Request', 'clone', FIREFOX ? 'Body has already been consumed.' : 'Request body is already used'));
      const copy = {
        __proto__: null, ...state, list: listCopy(headerStates.get(state.headers).list),
        body: state.body === null ? null : native(cx).bytes.copy(state.body),
      };
      copy.headers = newHeaders(cx, copy.list, 'request');
      copy.signal = events.dependentSignal(cx, [signalOf(cx, state)]);
      const request = host.newObjectFrom(cx, interfaceOf(cx, 'Request').prototype);
      requestStates.set(request, copy);
      return request;
    }],
  ];
  addBodyMembers(requestMembers, 'Request', requestStates);
  if (!FIREFOX) {
    // (Chromium's Request also has these; Firefox's has none of them.)
    listPush(requestMembers, ['get', 'body', (cx, thisValue) => {
      const state = requestState(cx, thisValue, 'get body');
      if (state.body === null) return null;
      throw typeError(cx, failed('Request', 'body', 'A body as a ReadableStream is not available in exthost yet: read it with text(), json(), arrayBuffer(), bytes() or blob().'));
    }]);
    listPush(requestMembers, requestConstant('isHistoryNavigation', false));
    listPush(requestMembers, requestConstant('duplex', 'half'));
  }

  // ---- fetch ----------------------------------------------------------------------------------------------
  // What a fetch of an object URL (`blob:`, js/37_blob.js) gets: the Blob's bytes, or a network
  // error once it is revoked; undefined for any other URL.
  function objectURLOutcome(cx, input) {
    if (StringPrototypeSlice(input, 0, 5) !== 'blob:') return undefined;
    const blob = cx.blobWorld === undefined ? undefined : host.objectURLBlobOf(cx, input);
    if (blob === undefined) return { __proto__: null, kind: 'network' };
    const bytes = native(cx).bytes;
    const headers = [['content-length', String(bytes.byteLength(blob.bytes))]];
    if (blob.type !== '') listPush(headers, ['content-type', blob.type]);
    return { __proto__: null, kind: 'response', status: 200, statusText: 'OK', url: input, headers, body: bytes.copy(blob.bytes) };
  }
  // The Response of what Swift answered (`{status, statusText, url, redirected, headers, body}`).
  function responseOf(cx, answer, type, method) {
    const state = emptyState(cx, type);
    state.url = answer.url;
    state.status = answer.status;
    state.statusText = answer.statusText;
    state.redirected = getOwn(answer, 'redirected') === true;
    state.headers = newHeaders(cx, listCopy(answer.headers), 'immutable');
    state.body = method === 'HEAD' || nullBodyStatus(answer.status) ? null : answer.body;
    return newResponse(cx, state);
  }
  function fetch(cx, args) {
    const owner = globalInterface(cx);
    if (args.length < 1) throw countError(cx, owner, 'fetch', 1, args.length);
    const request = requestFrom(cx, args[0], args[1], owner, 'fetch');
    const input = request.url;
    const method = request.method;
    const signal = request.sourceSignal;
    // (What a request carries to a real server, `--network`: its headers and body.)
    const requestHeaders = headerStates.get(request.headers);
    const requestBody = request.body === null ? undefined : request.body;
    const natives = native(cx);
    const outcome = objectURLOutcome(cx, input) ?? natives.fetch.load(input, method, 'fetch');
    if (outcome.kind === 'invalid') {
      throw typeError(cx, FIREFOX ? failed(owner, 'fetch', input + ' is not a valid URL.') : failed(owner, 'fetch', 'Failed to parse URL from ' + input));
    }
    // (The fetch follows a signal of its own that follows the given one, as the Fetch Standard's
    // request does: the given signal's own `abort` listeners hear it first.)
    const followed = signal === undefined || signal === null ? null : events.dependentSignal(cx, [signal]);
    const abort = followed === null ? undefined : events.signalState(followed);
    if (abort !== undefined && abort.aborted) return host.rejectedPromise(cx, abort.reason);
    const settle = host.newPromise(cx);
    let settled = false;
    if (abort !== undefined) {
      events.addAbortAlgorithm(followed, () => {
        if (settled) return;
        settled = true;
        settle.reject(events.signalState(followed).reason);
      });
    }
    if (outcome.kind === 'remote') {
      // (A real server's answer, `--network`: Swift calls back in a task of its own.)
      natives.fetch.send(outcome.url, method, JSONStringify(requestHeaders.list), requestBody, outcome.cors, (answer) => {
        if (settled) return;
        settled = true;
        if (answer.kind !== 'response') settle.reject(networkError(cx));
        else settle.resolve(responseOf(cx, answer, outcome.cors ? 'cors' : 'basic', method));
      });
      return settle.promise;
    }
    // (The answer comes in a task of its own, as a browser's network answer does.)
    natives.clock.timeout(0, () => {
      if (settled) return;
      settled = true;
      if (outcome.kind === 'missing-file') {
        // (Firefox answers fetch of a file its extension does not have with a 200 whose body
        // fails when read: fixtures/conformance/web-fetch, web-fetch-accessible.)
        const state = emptyState(cx, 'basic');
        state.url = outcome.url;
        state.statusText = 'OK';
        state.headers = newHeaders(cx, [], 'immutable');
        state.body = natives.bytes.utf8('');
        state.bodyFails = true;
        settle.resolve(newResponse(cx, state));
        return;
      }
      if (outcome.kind !== 'response') settle.reject(networkError(cx));
      else settle.resolve(responseOf(cx, outcome, 'basic', method));
    });
    return settle.promise;
  }

  // ---- The interfaces ------------------------------------------------------------------------------
  const interfaces = {
    __proto__: null,
    Headers: { construct: constructHeaders, members: headersMembers },
    Response: { construct: constructResponse, members: responseMembers, statics: responseStatics },
    Request: { construct: constructRequest, members: requestMembers },
    // (No global: the prototype of the iterators, over the world's %IteratorPrototype%.)
    'Headers Iterator': { members: iteratorMembers },
  };
  // The interface `name` of the world of `cx` ({prototype, publicConstructor}), made now if it was not.
  function interfaceOf(cx, name) {
    const world = cx.fetchWorld;
    const made = world[name];
    if (made !== undefined) return made;
    const description = interfaces[name];
    if (description.construct === undefined) {
      world[name] = host.makeIteratorPrototype(cx, name, description.members);
      return world[name];
    }
    world[name] = host.makeWorldInterface(cx, name, {
      __proto__: null, construct: description.construct, members: description.members, statics: description.statics,
    }, null);
    return world[name];
  }
  // "Extract a body", for XMLHttpRequest (js/34_xhr.js).
  host.extractBodyOf = extractBody;
  host.makeFetchInterface = function (cx, name) {
    if (name === 'Headers' || name === 'Request' || name === 'Response') interfaceOf(cx, name);
  };

  // Installs the module for the world of `cx`: its `fetch`.
  host.installFetch = function (cx) {
    if (cx.fetchWorld !== undefined) return;
    cx.fetchWorld = { __proto__: null };
    cx.loader.implementations.fetch = host.newFunction(cx, 'fetch', 1, (data, thisValue, ...args) => {
      try {
        return fetch(cx, args);
      } catch (error) {
        return host.rejectedPromise(cx, host.contextError(cx, error));
      }
    }, cx);
  };
});
