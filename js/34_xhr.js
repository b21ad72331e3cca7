// exthost:needs primordials host dom_exception events fetch
// exthost:globals Window: ~XMLHttpRequest:constructor:0 ~XMLHttpRequestEventTarget:constructor:0 ~XMLHttpRequestUpload:constructor:0
// XMLHttpRequest (the XHR Standard), with each browser's events, progress counts and errors
// (fixtures/conformance/web-xhr), over what a fetch gets (the `fetch` natives: the extension's own
// files, pages the site mapping serves, data: URLs). A request answers in a task of its own, or at
// once when synchronous. Windows only: a service worker has none. With `--network`, an
// asynchronous request to a real server carries its headers and body. `responseType` 'blob' gives
// a Blob (js/37_blob.js) of the final MIME type as each browser gives it
// (fixtures/conformance/web-xhr-blob). Not here yet: `responseType` 'document' (no DOM before
// issue 10), upload progress.
(function (host) {
  'use strict';
  const {
    TypeError, String, Number, ObjectCreate, ObjectSetPrototypeOf, ReflectDefineProperty, SafeWeakMap, dataDescriptor,
    SymbolToStringTag, listPush, StringPrototypeToUpperCase, StringPrototypeStartsWith, ArrayPrototypeJoin, ArrayPrototypeSort,
    JSONParse, JSONStringify, StringPrototypeIndexOf, StringPrototypeSlice, StringPrototypeCharCodeAt,
  } = host.primordials;
  const FIREFOX = host.flavor === 'firefox';
  const native = host.native;

  // ---- Errors, as each browser words them ---------------------------------------------------------------
  const errors = host.webIDLErrors;
  const failed = (member, text) => errors.failed('XMLHttpRequest', member, text);
  const newRequired = (owner) => errors.newRequired(owner);
  const illegalInvocation = (owner, member) => errors.illegalInvocation(owner, member);
  const illegalConstructor = (owner) => errors.illegalConstructor(owner);
  const notOpened = (member) => host.newDOMException(failed(member, FIREFOX ? 'XMLHttpRequest state must be OPENED.' : "The object's state must be OPENED."), 'InvalidStateError');

  // ---- Interfaces -----------------------------------------------------------------------------------------
  const EventTarget = host.lazyGlobals.EventTarget;
  const defineInterface = (constructor, name, length, members, parentPrototype, parentConstructor) =>
    host.defineInterface(constructor, name, length, members, { __proto__: null, parentPrototype, parentConstructor });
  const handlerTypes = ['loadstart', 'progress', 'abort', 'error', 'load', 'timeout', 'loadend'];
  function XMLHttpRequestEventTarget() {
    throw illegalConstructor('XMLHttpRequestEventTarget');
  }
  const eventTargetMembers = {};
  const targetPrototype = defineInterface(XMLHttpRequestEventTarget, 'XMLHttpRequestEventTarget', 0, eventTargetMembers, EventTarget.prototype, EventTarget);
  for (let i = 0; i < handlerTypes.length; i++) {
    ReflectDefineProperty(targetPrototype, 'on' + handlerTypes[i], host.eventHandlerDescriptor(handlerTypes[i], 'XMLHttpRequestEventTarget'));
  }
  let makingUpload = false;
  function XMLHttpRequestUpload() {
    if (!makingUpload) throw illegalConstructor('XMLHttpRequestUpload');
    host.makeEventTarget(this);
  }
  defineInterface(XMLHttpRequestUpload, 'XMLHttpRequestUpload', 0, {}, targetPrototype, host.lazyGlobals.XMLHttpRequestEventTarget);

  const fireProgress = (target, type, loaded, total, computable) => host.fireProgress(target, type, loaded, total, computable);
  const unsignedLongLong = (value) => host.unsignedLongLong(value);
  function fireEvent(target, type) {
    host.dispatchTrusted(target, host.newEvent(host.EventPrototype, type, undefined));
  }

  // ---- XMLHttpRequest -------------------------------------------------------------------------------------
  const UNSENT = 0, OPENED = 1, HEADERS_RECEIVED = 2, LOADING = 3, DONE = 4;
  const responseTypes = ['', 'arraybuffer', 'blob', 'document', 'json', 'text'];
  const requests = new SafeWeakMap();
  const stateOf = (xhr, member) => {
    const state = requests.get(xhr);
    if (state === undefined) throw illegalInvocation('XMLHttpRequest', member);
    return state;
  };
  function XMLHttpRequest() {
    if (new.target === undefined) throw newRequired('XMLHttpRequest');
    host.makeEventTarget(this);
    makingUpload = true;
    let upload;
    try { upload = new XMLHttpRequestUpload(); } finally { makingUpload = false; }
    requests.set(this, {
      __proto__: null, readyState: UNSENT, method: 'GET', url: '', async: true, sendFlag: false, headers: [],
      responseType: '', timeout: 0, withCredentials: false, upload, mimeOverride: null,
      status: 0, statusText: '', responseURL: '', responseHeaders: [], body: null, generation: 0, parsed: undefined, requestBody: undefined,
    });
  }
  function setReadyState(xhr, state, readyState) {
    state.readyState = readyState;
    fireEvent(xhr, 'readystatechange');
  }
  function reset(state) {
    state.status = 0;
    state.statusText = '';
    state.responseURL = '';
    state.responseHeaders = [];
    state.body = null;
    state.parsed = undefined;
  }
  const forbiddenMethods = ['CONNECT', 'TRACE', 'TRACK'];
  const normalizedMethods = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT'];

  // Runs the request: at once (synchronous) or in a task of its own.
  function run(xhr, state) {
    const generation = state.generation;
    let outcome = native.fetch.load(state.url, state.method, 'xhr');
    const finish = () => {
      if (state.generation !== generation || state.readyState === UNSENT) return;
      if (outcome.kind === 'missing-file') {
        // (Firefox: a file its extension does not have fails after the headers.)
        state.responseURL = outcome.url;
        setReadyState(xhr, state, HEADERS_RECEIVED);
        fireProgress(xhr, 'progress', 0, 0, false);
        return fail(xhr, state, 'error', true);
      }
      if (outcome.kind !== 'response') return fail(xhr, state, 'error', false);
      state.status = outcome.status;
      state.statusText = outcome.statusText;
      state.responseURL = outcome.url;
      state.responseHeaders = outcome.headers;
      const isExtensionFile = StringPrototypeStartsWith(outcome.url, 'moz-extension:');
      if (FIREFOX && isExtensionFile) listPush(state.responseHeaders, ['content-length', String(outcome.body.byteLength)]);
      state.body = state.method === 'HEAD' ? native.bytes.utf8('') : outcome.body;
      const length = state.body.byteLength;
      setReadyState(xhr, state, HEADERS_RECEIVED);
      setReadyState(xhr, state, LOADING);
      // (What each browser counts: Chromium the body it read; Firefox the Content-Length, none
      // for its extension's files and data: URLs, which it reads in two pieces.)
      const isData = StringPrototypeStartsWith(outcome.url, 'data:');
      let loaded = length, total = length, computable = true;
      if (FIREFOX && (isData || isExtensionFile)) {
        total = 0;
        computable = false;
        loaded = isData ? 0 : length;
        fireProgress(xhr, 'progress', 0, 0, false);
        if (isData) fireProgress(xhr, 'progress', 0, 0, false);
      } else {
        fireProgress(xhr, 'progress', length, length, true);
      }
      state.readyState = DONE;
      state.sendFlag = false;
      fireEvent(xhr, 'readystatechange');
      fireProgress(xhr, 'load', loaded, total, computable);
      fireProgress(xhr, 'loadend', loaded, total, computable);
    };
    if (!state.async) {
      finish();
      if (state.readyState === DONE && outcome.kind !== 'response' && !state.async) {
        throw host.newDOMException(failed('send', FIREFOX ? 'A network error occurred.' : "Failed to load '" + state.url + "'."), 'NetworkError');
      }
      return;
    }
    if (outcome.kind === 'remote') {
      // (A real server's answer, `--network`: Swift calls back in a task of its own.)
      native.fetch.send(outcome.url, state.method, JSONStringify(state.headers), state.requestBody, outcome.cors, (answer) => {
        outcome = answer;
        finish();
      });
      return;
    }
    native.clock.timeout(0, finish);
  }
  // The request error steps: state DONE, no response, then `type` and loadend.
  function fail(xhr, state, type, keepURL) {
    const url = state.responseURL;
    reset(state);
    if (keepURL) state.responseURL = url;
    state.readyState = DONE;
    state.sendFlag = false;
    fireEvent(xhr, 'readystatechange');
    fireProgress(xhr, type, 0, 0, false);
    fireProgress(xhr, 'loadend', 0, 0, false);
  }
  function headerValue(state, name) {
    const key = lower(name);
    const values = [];
    for (let i = 0; i < state.responseHeaders.length; i++) {
      if (lower(state.responseHeaders[i][0]) === key) listPush(values, state.responseHeaders[i][1]);
    }
    return values.length === 0 ? null : ArrayPrototypeJoin(values, ', ');
  }
  const lower = host.asciiLowercase;
  // Firefox writes a header name as the response has it; Chromium lowercases the names and sorts them.
  const firefoxName = (name) => (name === 'content-type' ? 'Content-Type' : name === 'content-length' ? 'Content-Length' : name);
  // A blob response's type: the final MIME type's essence (type/subtype, lowercased) in Chromium;
  // in Firefox, overrideMimeType's whole type as given (lowercased, without spaces), else the
  // response's essence.
  function blobType(state) {
    const override = state.mimeOverride;
    if (FIREFOX && override !== null) return removeSpaces(lower(override));
    const given = override !== null ? override : headerValue(state, 'content-type');
    if (given === null) return '';
    let end = StringPrototypeIndexOf(given, ';');
    if (end < 0) end = given.length;
    return lower(trimSpaces(StringPrototypeSlice(given, 0, end)));
  }
  function removeSpaces(text) {
    let out = '';
    for (let i = 0; i < text.length; i++) if (StringPrototypeCharCodeAt(text, i) !== 0x20) out += StringPrototypeSlice(text, i, i + 1);
    return out;
  }
  function trimSpaces(text) {
    let start = 0;
    let end = text.length;
    while (start < end && (StringPrototypeCharCodeAt(text, start) === 0x20 || StringPrototypeCharCodeAt(text, start) === 0x09)) start++;
    while (end > start && (StringPrototypeCharCodeAt(text, end - 1) === 0x20 || StringPrototypeCharCodeAt(text, end - 1) === 0x09)) end--;
    return StringPrototypeSlice(text, start, end);
  }
  function textOf(state) {
    if (state.body === null) return '';
    return native.encoding.decode('utf-8', '', state.body, true, false)[0];
  }

  // (The constants are the class's own before the loader copies its statics to the public constructor.)
  const constants = ['UNSENT', 'OPENED', 'HEADERS_RECEIVED', 'LOADING', 'DONE'];
  for (let i = 0; i < constants.length; i++) ReflectDefineProperty(XMLHttpRequest, constants[i], dataDescriptor(i, false, true, false));
  defineInterface(XMLHttpRequest, 'XMLHttpRequest', 0, {
    get readyState() { return stateOf(this, 'get readyState').readyState; },
    open(...args) {
      const state = stateOf(this, 'open');
      if (args.length < 2) {
        throw new TypeError(FIREFOX ? failed('open', args.length + ' is not a valid argument count for any overload.') : failed('open', '2 arguments required, but only ' + args.length + ' present.'));
      }
      const method = String(args[0]);
      const upper = StringPrototypeToUpperCase(method);
      for (let i = 0; i < forbiddenMethods.length; i++) {
        if (upper === forbiddenMethods[i]) {
          throw host.newDOMException(FIREFOX ? 'The operation is insecure.' : failed('open', "'" + method + "' HTTP method is unsupported."), 'SecurityError');
        }
      }
      const text = String(args[1]);
      const url = native.fetch.resolve(text);
      if (url === null) throw host.newDOMException(FIREFOX ? failed('open', "'" + text + "' is not a valid URL.") : failed('open', 'Invalid URL'), 'SyntaxError');
      let normalized = method;
      for (let i = 0; i < normalizedMethods.length; i++) if (upper === normalizedMethods[i]) normalized = upper;
      state.generation++;
      state.method = normalized;
      state.url = url;
      state.async = args.length < 3 || args[2] === undefined ? true : !!args[2];
      state.sendFlag = false;
      state.headers = [];
      reset(state);
      if (state.readyState !== OPENED) setReadyState(this, state, OPENED);
    },
    setRequestHeader(...args) {
      const state = stateOf(this, 'setRequestHeader');
      if (args.length < 2) throw new TypeError(FIREFOX ? failed('setRequestHeader', 'At least 2 arguments required, but only ' + args.length + ' passed') : failed('setRequestHeader', '2 arguments required, but only ' + args.length + ' present.'));
      if (state.readyState !== OPENED || state.sendFlag) throw notOpened('setRequestHeader');
      listPush(state.headers, [String(args[0]), String(args[1])]);
    },
    get timeout() { return stateOf(this, 'get timeout').timeout; },
    set timeout(value) { stateOf(this, 'set timeout').timeout = unsignedLongLong(value); },
    get withCredentials() { return stateOf(this, 'get withCredentials').withCredentials; },
    set withCredentials(value) { stateOf(this, 'set withCredentials').withCredentials = !!value; },
    get upload() { return stateOf(this, 'get upload').upload; },
    send(body) {
      const state = stateOf(this, 'send');
      if (state.readyState !== OPENED || state.sendFlag) throw notOpened('send');
      state.sendFlag = true;
      // (The body a real server gets, `--network`: none for GET and HEAD.)
      state.requestBody = undefined;
      if (body !== undefined && body !== null && state.method !== 'GET' && state.method !== 'HEAD') {
        const extracted = host.extractBody(body);
        state.requestBody = extracted.bytes;
        let hasType = false;
        for (let i = 0; i < state.headers.length; i++) if (host.asciiLowercase(state.headers[i][0]) === 'content-type') hasType = true;
        if (extracted.type !== null && !hasType) listPush(state.headers, ['Content-Type', extracted.type]);
      }
      if (state.async) fireProgress(this, 'loadstart', 0, 0, false);
      run(this, state);
    },
    abort() {
      const state = stateOf(this, 'abort');
      state.generation++;
      if ((state.readyState === OPENED && state.sendFlag) || state.readyState === HEADERS_RECEIVED || state.readyState === LOADING) {
        fail(this, state, 'abort', false);
      }
      if (state.readyState === DONE) {
        state.readyState = UNSENT;
        reset(state);
      }
    },
    get responseURL() { return stateOf(this, 'get responseURL').responseURL; },
    get status() { return stateOf(this, 'get status').status; },
    get statusText() { return stateOf(this, 'get statusText').statusText; },
    getResponseHeader(...args) {
      const state = stateOf(this, 'getResponseHeader');
      if (args.length < 1) throw new TypeError(FIREFOX ? failed('getResponseHeader', 'At least 1 argument required, but only 0 passed') : failed('getResponseHeader', '1 argument required, but only 0 present.'));
      if (state.readyState < HEADERS_RECEIVED) return null;
      return headerValue(state, String(args[0]));
    },
    getAllResponseHeaders() {
      const state = stateOf(this, 'getAllResponseHeaders');
      if (state.readyState < HEADERS_RECEIVED) return '';
      const lines = [];
      for (let i = 0; i < state.responseHeaders.length; i++) {
        const name = state.responseHeaders[i][0];
        listPush(lines, (FIREFOX ? firefoxName(name) : lower(name)) + ': ' + state.responseHeaders[i][1]);
      }
      if (!FIREFOX) ArrayPrototypeSort(lines);
      let text = '';
      for (let i = 0; i < lines.length; i++) text += lines[i] + '\r\n';
      return text;
    },
    overrideMimeType(...args) {
      const state = stateOf(this, 'overrideMimeType');
      if (args.length < 1) throw new TypeError(FIREFOX ? failed('overrideMimeType', 'At least 1 argument required, but only 0 passed') : failed('overrideMimeType', '1 argument required, but only 0 present.'));
      if (state.readyState === LOADING || state.readyState === DONE) {
        throw host.newDOMException(FIREFOX ? failed('overrideMimeType', 'Cannot call overrideMimeType() on XMLHttpRequest after send().')
          : failed('overrideMimeType', "MimeType cannot be overridden when the state is LOADING or DONE."), 'InvalidStateError');
      }
      state.mimeOverride = String(args[0]);
    },
    get responseType() { return stateOf(this, 'get responseType').responseType; },
    set responseType(value) {
      const state = stateOf(this, 'set responseType');
      const type = String(value);
      let known = false;
      for (let i = 0; i < responseTypes.length; i++) if (responseTypes[i] === type) known = true;
      if (!known) {
        if (!FIREFOX) native.console.message('warn', "The provided value '" + type + "' is not a valid enum value of type XMLHttpRequestResponseType.");
        return;
      }
      if (state.readyState === LOADING || state.readyState === DONE) {
        throw host.newDOMException(FIREFOX ? "XMLHttpRequest.responseType setter: Cannot set 'responseType' property on XMLHttpRequest after loading started."
          : "Failed to set the 'responseType' property on 'XMLHttpRequest': The response type cannot be set if the object's state is LOADING or DONE.", 'InvalidStateError');
      }
      if (type === 'document') {
        throw new TypeError("exthost: XMLHttpRequest responseType 'document' is not available yet (no DOM): use 'text', 'json', 'arraybuffer' or 'blob'.");
      }
      state.responseType = type;
    },
    get response() {
      const state = stateOf(this, 'get response');
      if (state.responseType === '' || state.responseType === 'text') return state.readyState < LOADING ? '' : textOf(state);
      if (state.readyState !== DONE || state.body === null) return null;
      if (state.responseType === 'arraybuffer') return native.bytes.copy(state.body);
      if (state.responseType === 'blob') {
        if (state.parsed === undefined) {
          if (host.newBlob === undefined) native.engine.loadModule('blob');
          state.parsed = host.newBlob(native.bytes.copy(state.body), blobType(state));
        }
        return state.parsed;
      }
      if (state.parsed === undefined) {
        try { state.parsed = JSONParse(textOf(state)); } catch (error) { state.parsed = null; }
      }
      return state.parsed;
    },
    get responseText() {
      const state = stateOf(this, 'get responseText');
      if (state.responseType !== '' && state.responseType !== 'text') {
        throw host.newDOMException(FIREFOX ? "XMLHttpRequest.responseText getter: responseText is only available if responseType is '' or 'text'."
          : "Failed to read the 'responseText' property from 'XMLHttpRequest': The value is only accessible if the object's 'responseType' is '' or 'text' (was '" + state.responseType + "').", 'InvalidStateError');
      }
      return state.readyState < LOADING ? '' : textOf(state);
    },
  }, targetPrototype, host.lazyGlobals.XMLHttpRequestEventTarget);
  ReflectDefineProperty(XMLHttpRequest.prototype, 'onreadystatechange', host.eventHandlerDescriptor('readystatechange', 'XMLHttpRequest'));
  for (let i = 0; i < constants.length; i++) ReflectDefineProperty(XMLHttpRequest.prototype, constants[i], dataDescriptor(i, false, true, false));
});
