// exthost:realm host
// exthost:needs api schema serialization runtime
// Extension messaging, on the JavaScript side: `runtime.Port`, `runtime.connect`,
// `tabs.connect`, `runtime.sendMessage`, `tabs.sendMessage`, `runtime.onConnect` and
// `runtime.onMessage`. Ports are integer ids over the context's port natives (open, post,
// disconnect, respond); the router is in Swift (Sources/Exthost/Router) and messages cross
// contexts only as serialized text. Runs in the host's realm for every context (js/38_api.js):
// ports, events, senders, messages and errors are made in the context's realm.
(function (host) {
  'use strict';
  const {
    Error, TypeError, ObjectDefineProperties, ObjectKeys, ObjectPrototypeToString, ObjectPrototypeIsPrototypeOf,
    ObjectGetOwnPropertyDescriptor, ArrayIsArray, RegExpPrototypeExec, SafeMap, SafeWeakMap, ObjectFreeze, hasOwn, getOwn, getOwnData,
    listCopy, listIncludes, listPop, listLast, dataDescriptor, defineData, newSafePromise, SafePromiseReject,
    isNativeError, isProxy, ReflectApply,
  } = host.primordials;
  const chrome = host.flavor === 'chrome';
  // Each flavor's serialization runs here too: Chrome's JSON (js/44_serialization_json.js),
  // Firefox's structured clone (js/45_serialization.js).
  const serialize = (cx, value) => host.serializeMessage(value, cx);
  const trySerialize = (cx, value) => host.trySerializeMessage(value, cx);
  const deserialize = (cx, text) => host.deserializeMessage(text, cx);
  // The context's open ports and its one-time messages waiting for an answer, by port id (made
  // on first use: a context's record may be made before this module loads).
  const portsOf = (cx) => cx.ports || (cx.ports = new SafeMap());
  const pendingMessagesOf = (cx) => cx.pendingMessages || (cx.pendingMessages = new SafeMap());

  // ---- Port ------------------------------------------------------------------------------------------
  const portState = new SafeWeakMap();

  function postMessage(state, thisValue, ...args) {
    if (!state.open) {
      throw new Error(chrome ? 'Attempting to use a disconnected port object' : 'Attempt to postMessage on disconnected port');
    }
    // (Chromium's binding counts the arguments first: recorded, msg-port-details. Firefox posts undefined.)
    if (args.length < 1 && chrome) throw new TypeError('Insufficient number of arguments.');
    state.cx.native.port.post(state.id, serialize(state.cx, args[0]));
  }

  function disconnect(state) {
    if (!state.open) return;
    close(state);
    state.cx.native.port.disconnect(state.id);
  }

  // What a closed port's postMessage does (as postMessage does once the port is closed), keeping
  // nothing of the port; its disconnect, like a settled message's sendResponse, does nothing.
  function closedPostMessage() {
    throw new Error(chrome ? 'Attempting to use a disconnected port object' : 'Attempt to postMessage on disconnected port');
  }
  function doNothing() {}

  // Chromium's ports are objects of an unnamed class, with their members as own properties in
  // this order; Firefox's are plain objects.
  function portPrototype(cx) {
    if (!chrome) return cx.b.ObjectPrototype;
    if (cx.portPrototype) return cx.portPrototype;
    const prototype = host.newObject(cx);
    host.defineValue(prototype, 'constructor', host.newFunction(cx, '', 0, () => undefined, cx), true, false, true);
    cx.portPrototype = prototype;
    return prototype;
  }

  // `value instanceof Promise` in the context's realm, running none of its code.
  function isPromise(cx, value) {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return false;
    try { return ObjectPrototypeIsPrototypeOf(cx.b.PromisePrototype, value); } catch (e) { return false; }
  }

  function makePort(cx, id, name, sender) {
    const port = host.newObjectFrom(cx, portPrototype(cx));
    const state = {
      __proto__: null,
      cx, id, port, open: true,
      onMessage: host.newEvent(cx, 'runtime.Port.onMessage'),
      onDisconnect: host.newEvent(cx, 'runtime.Port.onDisconnect'),
    };
    portState.set(port, state);
    portsOf(cx).set(id, state);
    const value = (v) => dataDescriptor(v, true, true, true);
    const post = host.newFunction(cx, 'postMessage', 1, postMessage, state);
    const end = host.newFunction(cx, 'disconnect', 0, disconnect, state);
    state.post = post;
    state.end = end;
    if (chrome) {
      ObjectDefineProperties(port, {
        __proto__: null,
        sender: value(sender), onMessage: value(state.onMessage), onDisconnect: value(state.onDisconnect),
        name: value(name), disconnect: value(end), postMessage: value(post),
      });
    } else {
      ObjectDefineProperties(port, {
        __proto__: null,
        name: value(name), sender: value(sender), error: value(null), onMessage: value(state.onMessage),
        onDisconnect: value(state.onDisconnect), postMessage: value(post), disconnect: value(end),
      });
    }
    return port;
  }

  function close(state) {
    state.open = false;
    portsOf(state.cx).delete(state.id);
    // (A script may keep a closed port's functions, or the port: they keep nothing of its state.)
    host.retargetFunction(state.cx, state.post, closedPostMessage, undefined);
    host.retargetFunction(state.cx, state.end, doNothing, undefined);
  }

  // ---- Opening ---------------------------------------------------------------------------------------
  // `target` is a null-prototype object: { target: 'extensionPages' | 'tab', extensionId, tabId, ... }.
  function openPort(cx, target, name) {
    const id = cx.native.port.open(target, name, undefined);
    return makePort(cx, id, name, undefined);
  }

  // Sends a one-time message; the promise (a SafePromise: js/90_namespaces.js makes the caller's)
  // resolves with the answer, rejects with an error, or rejects with host.noResponse when every
  // receiver closed without answering.
  function sendOneTime(cx, target, message, method) {
    const result = trySerialize(cx, message);
    if (!result.ok) {
      // Chromium throws it as an invocation error of the API function; Firefox rejects the call.
      if (chrome) throw host.invocationError(method, result.error.message);
      return SafePromiseReject(result.reason === 'top-level-symbol' ? host.newError(cx, 'An unexpected error occurred') : result.error);
    }
    const text = result.text;
    return newSafePromise((resolve, reject) => {
      const id = cx.native.port.open(target, '', text);
      pendingMessagesOf(cx).set(id, { __proto__: null, resolve, reject });
    });
  }
  host.noResponse = ObjectFreeze({ __proto__: null, noResponse: true });

  // ---- Receiving -------------------------------------------------------------------------------------
  // Swift offers a channel to this context (`message`: a one-time message's text): returns
  // {accepted, pending}.
  // (The answer is a null-prototype object: Swift turns it into JSON, which would call a
  // `toJSON` found on Object.prototype.)
  // (`external`: from another extension or a web page, offered to onConnectExternal or
  // onMessageExternal.)
  host.deliveries.connect = function (cx, portId, infoJSON, message, external) {
    const oneTime = message !== undefined;
    const eventName = oneTime ? (external ? 'runtime.onMessageExternal' : 'runtime.onMessage')
      : (external ? 'runtime.onConnectExternal' : 'runtime.onConnect');
    if (!host.isListenedTo(cx, eventName)) return { __proto__: null, accepted: false };
    // (Parsed in the context's realm: the sender is the context's.)
    const info = host.parseJSON(cx, infoJSON);
    if (!oneTime) {
      const port = makePort(cx, portId, getOwn(info, 'name'), getOwn(info, 'sender'));
      host.dispatchEvent(cx, eventName, [port]);
      return { __proto__: null, accepted: true };
    }
    return receiveOneTime(cx, portId, eventName, info, message);
  };

  // Firefox copies an onMessage answer into the sender's compartment before cloning it, and that
  // copy differs from a message's clone (as recorded in msg-serialize-response / -errors): it
  // leaves out function-valued and accessor properties (in arrays, a hole), and fails on a
  // function or a Symbol value and on String, Number and Boolean objects. Cycles and shared
  // references stay; Dates, Maps, typed arrays and the rest are cloned as usual.
  function firefoxAnswerValue(value) {
    const unclonable = { __proto__: null, ok: false, reason: 'uncloneable' };
    const copies = new SafeMap();
    const wrapperTags = ['[object String]', '[object Number]', '[object Boolean]'];
    function copy(v) {
      if (typeof v === 'function' || typeof v === 'symbol') throw unclonable;
      if (v === null || typeof v !== 'object') return v;
      if (copies.has(v)) return copies.get(v);
      const tag = ObjectPrototypeToString(v);
      if (listIncludes(wrapperTags, tag)) throw unclonable;
      const isArray = ArrayIsArray(v);
      if (!isArray && tag !== '[object Object]') return v;
      const out = isArray ? [] : {};
      if (isArray) out.length = v.length;
      copies.set(v, out);
      const keys = ObjectKeys(v);
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i];
        const descriptor = ObjectGetOwnPropertyDescriptor(v, key);
        if (!descriptor || !hasOwn(descriptor, 'value') || typeof descriptor.value === 'function') continue;
        // (Defined, not assigned: a setter on Object.prototype must not take the property.)
        defineData(out, key, copy(descriptor.value));
      }
      return out;
    }
    try {
      return { __proto__: null, ok: true, value: copy(value) };
    } catch (failure) {
      if (failure === unclonable) return unclonable;
      throw failure;
    }
  }

  // What the sender's call rejects with when a listener throws `error` or its promise rejects
  // with it.
  //  * Chromium takes the `message` of an Error (read as scripts read it: a getter runs) when it
  //    is a string that is not empty, else "Error message from listener couldn't be parsed or was
  //    empty."; a promise rejected with anything but an Error gives "A runtime.onMessage
  //    listener's promise rejected without an Error".
  //  * Firefox reads the value through an Xray, which shows an Error's or a plain object's own
  //    data properties and runs none of their getters: the own `message` when it is a string
  //    that is not empty, else "An unexpected error occurred".
  //  An Error is one made by an Error constructor: a Proxy of one is not (V8's IsNativeError;
  //  Firefox sees a Proxy as an opaque object).
  const unparsedText = "Error message from listener couldn't be parsed or was empty.";
  const unexpectedText = 'An unexpected error occurred';
  function chromeMessageOf(error) {
    try {
      const message = error.message;
      return typeof message === 'string' && message !== '' ? message : undefined;
    } catch (e) {
      return undefined;
    }
  }
  function firefoxMessageOf(error) {
    if (error === null || typeof error !== 'object' || isProxy(error)) return undefined;
    if (!isNativeError(error) && host.builtinClass(error) !== 'Object') return undefined;
    const message = getOwnData(error, 'message');
    return typeof message === 'string' && message !== '' ? message : undefined;
  }
  function rejectionText(error) {
    if (!chrome) return firefoxMessageOf(error) ?? unexpectedText;
    if (!isNativeError(error)) return "A runtime.onMessage listener's promise rejected without an Error";
    return chromeMessageOf(error) ?? unparsedText;
  }
  function thrownText(error) {
    if (!chrome) return firefoxMessageOf(error) ?? unexpectedText;
    return (isNativeError(error) ? chromeMessageOf(error) : undefined) ?? unparsedText;
  }

  function receiveOneTime(cx, portId, eventName, info, text) {
    const event = cx.events.get(eventName);
    const message = deserialize(cx, text);
    const sender = getOwn(info, 'sender');
    let settled = false;
    let closed = false;
    // Firefox sends a synchronous answer only once every listener has run, so a later throw wins.
    let dispatching = true;
    let heldAnswer = null;
    const answer = (text, error) => {
      if (settled || closed) return;
      if (dispatching && !chrome && error === undefined) {
        if (!heldAnswer) heldAnswer = { __proto__: null, text };
        return;
      }
      settled = true;
      cx.native.port.respond(portId, text, error);
      finished();
    };
    const respond = function (response) {
        if (settled || closed || heldAnswer) return;
        const answerValue = chrome ? { __proto__: null, ok: true, value: response } : firefoxAnswerValue(response);
        const result = answerValue.ok ? trySerialize(cx, answerValue.value) : answerValue;
        if (!result.ok) {
          if (chrome) {
            answer(undefined, 'Could not serialize message.');
            throw new TypeError('Could not serialize message.');
          }
          // Firefox: an answer it cannot clone counts as no receiver.
          answer(undefined, 'Could not establish connection. Receiving end does not exist.');
          return;
        }
        answer(result.text, undefined);
    };
    // Chromium's sendResponse takes its argument as a rest parameter (length 0); Firefox's has one.
    const sendResponse = host.newFunction(cx, 'sendResponse', chrome ? 0 : 1, (data, thisValue, ...args) => {
      respond(args.length > 0 ? args[0] : undefined);
    }, undefined);
    // Once the message is answered or closed, sendResponse does nothing, and keeps nothing of it.
    function finished() {
      host.retargetFunction(cx, sendResponse, doNothing, undefined);
    }
    let pending = false;
    const listeners = host.listenersOf(event);
    for (let i = 0; i < listeners.length; i++) {
      let result;
      try {
        result = ReflectApply(listeners[i], undefined, [message, sender, sendResponse]);
      } catch (error) {
        host.reportListenerError(cx, eventName, error);
        if (!settled) {
          heldAnswer = null;
          dispatching = false;
          answer(undefined, thrownText(error));
        }
        continue;
      }
      // Firefox: an answer a listener gave stands once that listener has returned.
      if (heldAnswer && !settled) {
        dispatching = false;
        answer(heldAnswer.text, undefined);
        dispatching = true;
      }
      if (result === true) {
        pending = true;
      } else if (isPromise(cx, result)) {
        pending = true;
        // (The context's own `then` as it was before any script ran, as the browsers' native code
        // calls the realm's, not one a script put there. The context's: `then` reads the promise's
        // `constructor` and species, which a script may have set, and constructs the promise it
        // derives through it with a function of `then`'s own realm. The reactions return nothing:
        // what they return resolves that promise.)
        try {
          ReflectApply(cx.u.PromisePrototypeThen, result, [(value) => {
            if (settled || closed) return;
            try { respond(value); } catch (e) { /* reported through the answer */ }
          }, (error) => {
            answer(undefined, rejectionText(error));
          }]);
        } catch (e) {
          // Not a promise after all (an object made from Promise.prototype): it never settles.
        }
      }
    }
    dispatching = false;
    if (heldAnswer && !settled) answer(heldAnswer.text, undefined);
    if (!pending && !settled) {
      closed = true;
      finished();
    }
    return { __proto__: null, accepted: true, pending: pending && !settled };
  }

  // Swift delivers a message, a disconnect or an answer to one of this context's ports.
  host.deliveries.message = function (cx, portId, text) {
    const state = portsOf(cx).get(portId);
    if (!state || !state.open) return;
    host.dispatchEventObject(cx, state.onMessage, [deserialize(cx, text), state.port]);
  };
  host.deliveries.disconnect = function (cx, portId, error) {
    const state = portsOf(cx).get(portId);
    if (!state || !state.open) return;
    close(state);
    const message = error === null || error === undefined ? undefined : error;
    if (chrome) {
      host.withLastError(cx, message, () => host.dispatchEventObject(cx, state.onDisconnect, [state.port]));
    } else {
      if (message !== undefined) state.port.error = host.newError(cx, message);
      host.dispatchEventObject(cx, state.onDisconnect, [state.port]);
    }
  };
  host.deliveries.messageResponse = function (cx, portId, text, error) {
    const request = pendingMessagesOf(cx).get(portId);
    if (!request) return;
    pendingMessagesOf(cx).delete(portId);
    if (error !== null && error !== undefined) request.reject(host.newError(cx, error));
    else if (text === undefined) request.reject(host.noResponse);
    else request.resolve(deserialize(cx, text));
  };

  // ---- runtime.sendMessage's arguments ---------------------------------------------------------------
  // Chromium's MassageSendMessageArguments: a trailing function is the callback; of two other
  // arguments, the first is the extension id if it is a string, null or undefined.
  function chromeSendMessageArguments(cx, args) {
    const list = listCopy(args);
    let callback;
    // A lone function is the message (which then cannot be serialized), not the callback.
    if (list.length > 1 && typeof listLast(list) === 'function') callback = listPop(list);
    let extensionId, message, options;
    if (list.length === 1) {
      message = list[0];
    } else if (list.length === 2) {
      if (typeof list[0] === 'string' || list[0] === null || list[0] === undefined) { extensionId = list[0]; message = list[1]; }
      else { message = list[0]; options = list[1]; }
    } else if (list.length === 3) {
      extensionId = list[0];
      message = list[1];
      options = list[2];
    } else {
      throw host.invocationError('runtime.sendMessage', 'No matching signature.');
    }
    // An undefined message is sent as null.
    const matched = host.checkArguments('runtime.sendMessage', [extensionId === null ? undefined : extensionId, message === undefined ? null : message, options === null ? undefined : options, callback]);
    if (typeof matched[0] === 'string' && matched[0] !== '' && RegExpPrototypeExec(/^[a-p]{32}$/, matched[0]) === null) {
      throw host.invocationError('runtime.sendMessage', "Invalid extension id: '" + matched[0] + "'");
    }
    return matched;
  }

  // Firefox's parseBonkersArgs: its errors reject the call rather than throw.
  function firefoxSendMessageArguments(cx, args) {
    const list = listCopy(args);
    const fail = (text) => { throw new host.ArgumentRejection('runtime.sendMessage' + text); };
    let callback;
    if (list.length > 0 && typeof listLast(list) === 'function') callback = listPop(list);
    if (list.length === 0) fail("'s message argument is missing");
    if (list.length > 4) fail(' received too many arguments');
    if (list.length === 4) {
      if (list[3] && typeof list[3] !== 'function') fail("'s last argument is not a function");
      fail(' received too many arguments');
    }
    const isOptions = (value) => value === null || value === undefined ||
      (typeof value === 'object' && ObjectKeys(value).length === 0);
    const at = (index) => (index < list.length ? list[index] : undefined);
    let extensionId = null, message, options = null;
    if (list.length === 1 || (list.length === 2 && isOptions(list[1]))) {
      message = at(0);
      options = at(1);
    } else {
      extensionId = at(0);
      message = at(1);
      options = at(2);
    }
    if (!isOptions(options) && !(typeof options === 'object' && options !== null)) fail("'s options argument is invalid");
    if (extensionId && typeof extensionId !== 'string') fail("'s extensionId argument is invalid");
    return [extensionId || undefined, message, options || undefined, callback];
  }

  // ---- Namespaces ------------------------------------------------------------------------------------
  const connectInfo = (extra) => ({
    name: 'connectInfo', type: 'object', optional: true,
    properties: { name: { type: 'string', optional: true }, ...extra },
  });

  // (A web page's `chrome.runtime` has these two, to message an extension by id: js/39_web_page_chrome.js.)
  const withPages = ['background', 'content', 'devtools', 'webPage'];
  const fromPage = (cx, name) => host.invocationError('runtime.' + name, 'chrome.runtime.' + name + '() called from a webpage must specify an Extension ID (string) for its first argument.');
  host.defineNamespace('runtime', ['background', 'content'], () => ({
    functions: {
      connect: {
        contexts: withPages,
        parameters: [{ name: 'extensionId', type: 'string', optional: true }, connectInfo({ includeTlsChannelId: { type: 'boolean', optional: true } })],
        run(cx, args) {
          const extensionId = args[0];
          if (cx.apiKind === 'webPage' && !extensionId) throw fromPage(cx, 'connect');
          const info = args[1];
          return openPort(cx, { __proto__: null, target: 'extensionPages', extensionId: extensionId || undefined }, (info && info.name) || '');
        },
      },
      sendMessage: {
        contexts: withPages,
        async: true,
        oneTime: true,
        parameters: [
          { name: 'extensionId', type: 'string', optional: true },
          { name: 'message', type: 'any' },
          { name: 'options', type: 'object', optional: true, properties: { includeTlsChannelId: { type: 'boolean', optional: true } } },
        ],
        massageArguments(cx, args) {
          const matched = chrome ? chromeSendMessageArguments(cx, args) : firefoxSendMessageArguments(cx, args);
          if (cx.apiKind === 'webPage' && !matched[0]) throw fromPage(cx, 'sendMessage');
          return matched;
        },
        run(cx, args) {
          const extensionId = args[0];
          return sendOneTime(cx, { __proto__: null, target: 'extensionPages', extensionId: extensionId || undefined }, args[1], 'runtime.sendMessage');
        },
      },
    },
    events: ['onConnect', 'onMessage'],
  }));

  host.defineNamespace('tabs', ['background'], () => ({
    functions: {
      connect: {
        parameters: [
          { name: 'tabId', type: 'integer', minimum: 0 },
          connectInfo({ frameId: { type: 'integer', minimum: 0, optional: true }, documentId: { type: 'string', optional: true } }),
        ],
        run(cx, args) {
          const tabId = args[0];
          let info = args[1];
          // Firefox names the port null when connectInfo is given without a name.
          const name = info ? (info.name !== undefined ? info.name : (chrome ? '' : null)) : '';
          info = info || { __proto__: null };
          return openPort(cx, { __proto__: null, target: 'tab', tabId, frameId: info.frameId, documentId: info.documentId }, name);
        },
      },
      sendMessage: {
        async: true,
        oneTime: true,
        parameters: [
          { name: 'tabId', type: 'integer', minimum: 0 },
          { name: 'message', type: 'any' },
          { name: 'options', type: 'object', optional: true, properties: { frameId: { type: 'integer', minimum: 0, optional: true }, documentId: { type: 'string', optional: true } } },
        ],
        run(cx, args) {
          const options = args[2] || { __proto__: null };
          return sendOneTime(cx, { __proto__: null, target: 'tab', tabId: args[0], frameId: options.frameId, documentId: options.documentId }, args[1], 'tabs.sendMessage');
        },
      },
    },
  }));
});
