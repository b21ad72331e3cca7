// exthost:realm host
// exthost:needs primordials api events fetch blob
// exthost:globals Window: ~XMLHttpRequest:constructor:0 ~XMLHttpRequestEventTarget:constructor:0 ~XMLHttpRequestUpload:constructor:0
// XMLHttpRequest (the XHR Standard), with each browser's events, progress counts and errors
// (fixtures/conformance/web-xhr), over what a fetch gets (the `fetch` natives: the extension's own
// files, pages the site mapping serves, data: URLs). A request answers in a task of its own, or at
// once when synchronous. Windows only: a service worker has none. With `--network`, an
// asynchronous request to a real server carries its headers and body. `responseType` 'blob' gives
// a Blob (js/37_blob.js) of the final MIME type as each browser gives it
// (fixtures/conformance/web-xhr-blob). Not here yet: `responseType` 'document', upload progress.
//
// Runs in the host's realm, for a world on the first touch of these globals
// (`host.installXHR`): each interface made on first need (`host.makeXHRInterface`), its members
// one implementation for every world. A request's state is kept here, by its object.
(function (host) {
  'use strict';
  const {
    String, SafeWeakMap, ReflectApply, listPush, StringPrototypeToUpperCase, StringPrototypeStartsWith, ArrayPrototypeJoin, ArrayPrototypeSort,
    JSONStringify, StringPrototypeIndexOf, StringPrototypeSlice, StringPrototypeCharCodeAt, asciiLowercase,
  } = host.primordials;
  const FIREFOX = host.flavor === 'firefox';
  const events = host.eventInternals;
  const isObject = (value) => value !== null && (typeof value === 'object' || typeof value === 'function');
  const native = (cx) => cx.loader.native;

  // ---- Errors, as each browser words them ---------------------------------------------------------------
  const errors = host.webIDLErrors;
  const failed = (member, text) => errors.failed('XMLHttpRequest', member, text);
  const typeError = (cx, text) => host.newTypeError(cx, text);
  const notOpened = (cx, member) => host.newDOMException(cx, failed(member, FIREFOX ? 'XMLHttpRequest state must be OPENED.' : "The object's state must be OPENED."), 'InvalidStateError');

  const fireProgress = (cx, target, type, loaded, total, computable) => { events.fireProgress(cx, target, type, loaded, total, computable); };
  const fireEvent = (cx, target, type) => { events.fireEvent(cx, target, type); };

  // ---- XMLHttpRequest -------------------------------------------------------------------------------------
  const UNSENT = 0, OPENED = 1, HEADERS_RECEIVED = 2, LOADING = 3, DONE = 4;
  const responseTypes = ['', 'arraybuffer', 'blob', 'document', 'json', 'text'];
  // Each request's state, by XMLHttpRequest (of any world; `cx` its world's record).
  const requests = new SafeWeakMap();
  const stateOf = (cx, xhr, member) => {
    const state = isObject(xhr) ? requests.get(xhr) : undefined;
    if (state === undefined) throw errors.illegalInvocation(cx, 'XMLHttpRequest', member);
    return state;
  };
  const constructXHR = (cx, thisValue, newTarget) => {
    const xhr = host.newInstance(cx, newTarget, interfaceOf(cx, 'XMLHttpRequest').prototype);
    events.makeEventTarget(xhr);
    const upload = host.newObjectFrom(cx, interfaceOf(cx, 'XMLHttpRequestUpload').prototype);
    events.makeEventTarget(upload);
    requests.set(xhr, {
      __proto__: null, cx, readyState: UNSENT, method: 'GET', url: '', async: true, sendFlag: false, headers: [],
      responseType: '', timeout: 0, withCredentials: false, upload, mimeOverride: null,
      status: 0, statusText: '', responseURL: '', responseHeaders: [], body: null, generation: 0, parsed: undefined, requestBody: undefined,
    });
    return xhr;
  };
  function setReadyState(xhr, state, readyState) {
    state.readyState = readyState;
    fireEvent(state.cx, xhr, 'readystatechange');
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
    const cx = state.cx;
    const natives = native(cx);
    const generation = state.generation;
    let outcome = natives.fetch.load(state.url, state.method, 'xhr');
    const finish = () => {
      if (state.generation !== generation || state.readyState === UNSENT) return;
      if (outcome.kind === 'missing-file') {
        // (Firefox: a file its extension does not have fails after the headers.)
        state.responseURL = outcome.url;
        setReadyState(xhr, state, HEADERS_RECEIVED);
        fireProgress(cx, xhr, 'progress', 0, 0, false);
        fail(xhr, state, 'error', true);
        return;
      }
      if (outcome.kind !== 'response') {
        fail(xhr, state, 'error', false);
        return;
      }
      state.status = outcome.status;
      state.statusText = outcome.statusText;
      state.responseURL = outcome.url;
      state.responseHeaders = [];
      for (let i = 0; i < outcome.headers.length; i++) listPush(state.responseHeaders, [outcome.headers[i][0], outcome.headers[i][1]]);
      const isExtensionFile = StringPrototypeStartsWith(outcome.url, 'moz-extension:');
      if (FIREFOX && isExtensionFile) listPush(state.responseHeaders, ['content-length', String(natives.bytes.byteLength(outcome.body))]);
      state.body = state.method === 'HEAD' ? natives.bytes.utf8('') : outcome.body;
      const length = natives.bytes.byteLength(state.body);
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
        fireProgress(cx, xhr, 'progress', 0, 0, false);
        if (isData) fireProgress(cx, xhr, 'progress', 0, 0, false);
      } else {
        fireProgress(cx, xhr, 'progress', length, length, true);
      }
      state.readyState = DONE;
      state.sendFlag = false;
      fireEvent(cx, xhr, 'readystatechange');
      fireProgress(cx, xhr, 'load', loaded, total, computable);
      fireProgress(cx, xhr, 'loadend', loaded, total, computable);
    };
    if (!state.async) {
      finish();
      if (state.readyState === DONE && outcome.kind !== 'response' && !state.async) {
        throw host.newDOMException(cx, failed('send', FIREFOX ? 'A network error occurred.' : "Failed to load '" + state.url + "'."), 'NetworkError');
      }
      return;
    }
    if (outcome.kind === 'remote') {
      // (A real server's answer, `--network`: Swift calls back in a task of its own.)
      natives.fetch.send(outcome.url, state.method, JSONStringify(state.headers), state.requestBody, outcome.cors, (answer) => {
        outcome = answer;
        finish();
      });
      return;
    }
    natives.clock.timeout(0, finish);
  }
  // The request error steps: state DONE, no response, then `type` and loadend.
  function fail(xhr, state, type, keepURL) {
    const url = state.responseURL;
    reset(state);
    if (keepURL) state.responseURL = url;
    state.readyState = DONE;
    state.sendFlag = false;
    fireEvent(state.cx, xhr, 'readystatechange');
    fireProgress(state.cx, xhr, type, 0, 0, false);
    fireProgress(state.cx, xhr, 'loadend', 0, 0, false);
  }
  const lower = asciiLowercase;
  function headerValue(state, name) {
    const key = lower(name);
    const values = [];
    for (let i = 0; i < state.responseHeaders.length; i++) {
      if (lower(state.responseHeaders[i][0]) === key) listPush(values, state.responseHeaders[i][1]);
    }
    return values.length === 0 ? null : ArrayPrototypeJoin(values, ', ');
  }
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
    return native(state.cx).encoding.decode('utf-8', '', state.body, true, false)[0];
  }
  const countError = (cx, member, required, count) => typeError(cx, FIREFOX
    ? failed(member, 'At least ' + required + ' argument' + (required === 1 ? '' : 's') + ' required, but only ' + count + ' passed')
    : failed(member, required + ' argument' + (required === 1 ? '' : 's') + ' required, but only ' + count + ' present.'));
  const field = (name) => ['get', name, (cx, thisValue) => stateOf(cx, thisValue, 'get ' + name)[name]];

  const handler = (type, owner) => {
    const implementation = events.handlerImplementation(type, owner);
    return ['accessor', 'on' + type, implementation.get, implementation.set];
  };
  const xhrMembers = [
    handler('readystatechange', 'XMLHttpRequest'),
    field('readyState'),
    ['method', 'open', 2, (cx, thisValue, ...args) => {
      const state = stateOf(cx, thisValue, 'open');
      if (args.length < 2) {
        throw typeError(cx, FIREFOX ? failed('open', args.length + ' is not a valid argument count for any overload.') : failed('open', '2 arguments required, but only ' + args.length + ' present.'));
      }
      // (Every argument is converted before the steps: the user name and password too.)
      const method = host.toText(cx, args[0], 'XMLHttpRequest', 'open');
      const text = host.toText(cx, args[1], 'XMLHttpRequest', 'open');
      if (args.length > 3 && args[3] !== undefined && args[3] !== null) host.toText(cx, args[3], 'XMLHttpRequest', 'open');
      if (args.length > 4 && args[4] !== undefined && args[4] !== null) host.toText(cx, args[4], 'XMLHttpRequest', 'open');
      const upper = StringPrototypeToUpperCase(method);
      for (let i = 0; i < forbiddenMethods.length; i++) {
        if (upper === forbiddenMethods[i]) {
          throw host.newDOMException(cx, FIREFOX ? 'The operation is insecure.' : failed('open', "'" + method + "' HTTP method is unsupported."), 'SecurityError');
        }
      }
      const url = native(cx).fetch.resolve(text);
      if (url === null) throw host.newDOMException(cx, FIREFOX ? failed('open', "'" + text + "' is not a valid URL.") : failed('open', 'Invalid URL'), 'SyntaxError');
      let normalized = method;
      for (let i = 0; i < normalizedMethods.length; i++) if (upper === normalizedMethods[i]) normalized = upper;
      state.generation++;
      state.method = normalized;
      state.url = url;
      state.async = args.length < 3 || args[2] === undefined ? true : !!args[2];
      state.sendFlag = false;
      state.headers = [];
      reset(state);
      if (state.readyState !== OPENED) setReadyState(thisValue, state, OPENED);
    }],
    ['method', 'setRequestHeader', 2, (cx, thisValue, ...args) => {
      const state = stateOf(cx, thisValue, 'setRequestHeader');
      if (args.length < 2) throw countError(cx, 'setRequestHeader', 2, args.length);
      if (state.readyState !== OPENED || state.sendFlag) throw notOpened(cx, 'setRequestHeader');
      listPush(state.headers, [host.toText(cx, args[0], 'XMLHttpRequest', 'setRequestHeader'), host.toText(cx, args[1], 'XMLHttpRequest', 'setRequestHeader')]);
    }],
    ['accessor', 'timeout', (cx, thisValue) => stateOf(cx, thisValue, 'get timeout').timeout, (cx, thisValue, value) => {
      stateOf(cx, thisValue, 'set timeout').timeout = events.unsignedLongLong(cx, value);
    }],
    ['accessor', 'withCredentials', (cx, thisValue) => stateOf(cx, thisValue, 'get withCredentials').withCredentials, (cx, thisValue, value) => {
      stateOf(cx, thisValue, 'set withCredentials').withCredentials = !!value;
    }],
    field('upload'),
    ['method', 'send', 0, (cx, thisValue, body) => {
      const state = stateOf(cx, thisValue, 'send');
      if (state.readyState !== OPENED || state.sendFlag) throw notOpened(cx, 'send');
      state.sendFlag = true;
      // (The body a real server gets, `--network`: none for GET and HEAD.)
      state.requestBody = undefined;
      if (body !== undefined && body !== null && state.method !== 'GET' && state.method !== 'HEAD') {
        const extracted = host.extractBodyOf(cx, body);
        state.requestBody = extracted.bytes;
        let hasType = false;
        for (let i = 0; i < state.headers.length; i++) if (lower(state.headers[i][0]) === 'content-type') hasType = true;
        if (extracted.type !== null && !hasType) listPush(state.headers, ['Content-Type', extracted.type]);
      }
      if (state.async) fireProgress(cx, thisValue, 'loadstart', 0, 0, false);
      run(thisValue, state);
    }],
    ['method', 'abort', 0, (cx, thisValue) => {
      const state = stateOf(cx, thisValue, 'abort');
      state.generation++;
      if ((state.readyState === OPENED && state.sendFlag) || state.readyState === HEADERS_RECEIVED || state.readyState === LOADING) {
        fail(thisValue, state, 'abort', false);
      }
      if (state.readyState === DONE) {
        state.readyState = UNSENT;
        reset(state);
      }
    }],
    field('responseURL'),
    field('status'),
    field('statusText'),
    ['method', 'getResponseHeader', 1, (cx, thisValue, ...args) => {
      const state = stateOf(cx, thisValue, 'getResponseHeader');
      if (args.length < 1) throw countError(cx, 'getResponseHeader', 1, 0);
      const name = host.toText(cx, args[0], 'XMLHttpRequest', 'getResponseHeader');
      if (state.readyState < HEADERS_RECEIVED) return null;
      return headerValue(state, name);
    }],
    ['method', 'getAllResponseHeaders', 0, (cx, thisValue) => {
      const state = stateOf(cx, thisValue, 'getAllResponseHeaders');
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
    }],
    ['method', 'overrideMimeType', 1, (cx, thisValue, ...args) => {
      const state = stateOf(cx, thisValue, 'overrideMimeType');
      if (args.length < 1) throw countError(cx, 'overrideMimeType', 1, 0);
      const mime = host.toText(cx, args[0], 'XMLHttpRequest', 'overrideMimeType');
      if (state.readyState === LOADING || state.readyState === DONE) {
        throw host.newDOMException(cx, FIREFOX ? failed('overrideMimeType', 'Cannot call overrideMimeType() on XMLHttpRequest after send().')
          : failed('overrideMimeType', 'MimeType cannot be overridden when the state is LOADING or DONE.'), 'InvalidStateError');
      }
      state.mimeOverride = mime;
    }],
    ['accessor', 'responseType', (cx, thisValue) => stateOf(cx, thisValue, 'get responseType').responseType, (cx, thisValue, value) => {
      const state = stateOf(cx, thisValue, 'set responseType');
      const type = host.toText(cx, value);
      let known = false;
      for (let i = 0; i < responseTypes.length; i++) if (responseTypes[i] === type) known = true;
      if (!known) {
        if (!FIREFOX) native(cx).console.message('warn', "The provided value '" + type + "' is not a valid enum value of type XMLHttpRequestResponseType.");
        return;
      }
      if (state.readyState === LOADING || state.readyState === DONE) {
        throw host.newDOMException(cx, FIREFOX ? "XMLHttpRequest.responseType setter: Cannot set 'responseType' property on XMLHttpRequest after loading started."
          : "Failed to set the 'responseType' property on 'XMLHttpRequest': The response type cannot be set if the object's state is LOADING or DONE.", 'InvalidStateError');
      }
      if (type === 'document') {
        throw typeError(cx, "exthost: XMLHttpRequest responseType 'document' is not available yet: use 'text', 'json', 'arraybuffer' or 'blob'.");
      }
      state.responseType = type;
    }],
    ['get', 'response', (cx, thisValue) => {
      const state = stateOf(cx, thisValue, 'get response');
      if (state.responseType === '' || state.responseType === 'text') return state.readyState < LOADING ? '' : textOf(state);
      if (state.readyState !== DONE || state.body === null) return null;
      if (state.responseType === 'arraybuffer') return native(cx).bytes.copy(state.body);
      if (state.responseType === 'blob') {
        if (state.parsed === undefined) {
          cx.loader.load('blob');
          state.parsed = host.newBlob(cx, native(cx).bytes.copy(state.body), blobType(state));
        }
        return state.parsed;
      }
      if (state.parsed === undefined) {
        try {
          state.parsed = ReflectApply(cx.b.JSONParse, undefined, [textOf(state)]);
        } catch (error) {
          state.parsed = null;
        }
      }
      return state.parsed;
    }],
    ['get', 'responseText', (cx, thisValue) => {
      const state = stateOf(cx, thisValue, 'get responseText');
      if (state.responseType !== '' && state.responseType !== 'text') {
        throw host.newDOMException(cx, FIREFOX ? "XMLHttpRequest.responseText getter: responseText is only available if responseType is '' or 'text'."
          : "Failed to read the 'responseText' property from 'XMLHttpRequest': The value is only accessible if the object's 'responseType' is '' or 'text' (was '" + state.responseType + "').", 'InvalidStateError');
      }
      return state.readyState < LOADING ? '' : textOf(state);
    }],
  ];
  const handlerTypes = ['loadstart', 'progress', 'abort', 'error', 'load', 'timeout', 'loadend'];
  const targetMembers = [];
  for (let i = 0; i < handlerTypes.length; i++) listPush(targetMembers, handler(handlerTypes[i], 'XMLHttpRequestEventTarget'));

  // ---- The interfaces ------------------------------------------------------------------------------
  const interfaces = {
    __proto__: null,
    XMLHttpRequestEventTarget: { parent: 'EventTarget', members: targetMembers },
    XMLHttpRequestUpload: { parent: 'XMLHttpRequestEventTarget', members: [] },
    XMLHttpRequest: {
      parent: 'XMLHttpRequestEventTarget', construct: constructXHR, members: xhrMembers,
      constants: ['UNSENT', UNSENT, 'OPENED', OPENED, 'HEADERS_RECEIVED', HEADERS_RECEIVED, 'LOADING', LOADING, 'DONE', DONE],
    },
  };
  // The interface `name` of the world of `cx` ({prototype, publicConstructor}), made now if it was not.
  function interfaceOf(cx, name) {
    const world = cx.xhrWorld;
    const made = world[name];
    if (made !== undefined) return made;
    const description = interfaces[name];
    const parent = description.parent === 'EventTarget' ? events.interfaceOf(cx, 'EventTarget') : interfaceOf(cx, description.parent);
    world[name] = host.makeWorldInterface(cx, name, {
      __proto__: null, construct: description.construct, members: description.members, constants: description.constants,
    }, parent);
    return world[name];
  }
  host.makeXHRInterface = function (cx, name) {
    if (interfaces[name] !== undefined) interfaceOf(cx, name);
  };
  // Installs the module for the world of `cx` (its requests are event targets).
  host.installXHR = function (cx) {
    if (cx.xhrWorld !== undefined) return;
    cx.xhrWorld = { __proto__: null };
    cx.loader.load('events');
  };
});
