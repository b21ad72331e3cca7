// Extension messaging, on the JavaScript side: `runtime.Port`, `runtime.connect`,
// `tabs.connect`, `runtime.sendMessage`, `tabs.sendMessage`, `runtime.onConnect` and
// `runtime.onMessage`. Ports are integer ids over a few native calls (openChannel,
// postMessage, disconnectPort, respond, abandonResponse); the router is in Swift
// (Sources/Exthost/Router) and messages cross contexts only as serialized text.
(function (host) {
  'use strict';
  const native = host.native;
  const chrome = host.flavor === 'chrome';
  if (!host.serializeMessage) {
    // Until js/45_serialization.js defines the browsers' rules: JSON.
    host.serializeMessage = (value) => {
      let text;
      try { text = JSON.stringify(value === undefined ? null : value); } catch (e) { text = undefined; }
      if (text === undefined) throw new Error('Could not serialize message.');
      return text;
    };
    host.deserializeMessage = (text) => JSON.parse(text);
  }
  const serialize = (value) => host.serializeMessage(value);
  const deserialize = (text) => host.deserializeMessage(text);

  // ---- Port ------------------------------------------------------------------------------------------
  const portState = new WeakMap();
  const portsById = new Map();

  class Port {
    constructor() { throw new TypeError('Illegal constructor'); }

    postMessage(message) {
      const state = portState.get(this);
      if (!state) throw new TypeError('Illegal invocation');
      if (!state.open) {
        throw new Error(chrome ? 'Attempting to use a disconnected port object' : 'Attempt to postMessage on disconnected port');
      }
      if (arguments.length < 1 && chrome) {
        throw new TypeError('Error in invocation of runtime.Port.postMessage(any message): No matching signature.');
      }
      native.postMessage(state.id, serialize(message));
    }

    disconnect() {
      const state = portState.get(this);
      if (!state) throw new TypeError('Illegal invocation');
      if (!state.open) return;
      close(state);
      native.disconnectPort(state.id);
    }
  }
  Object.defineProperty(Port.prototype, Symbol.toStringTag, { value: 'Port', configurable: true });

  // Chromium's ports are objects of an unnamed class, with their members as own properties in
  // this order; Firefox's are plain objects.
  const chromePortPrototype = Object.create(Object.prototype, {
    constructor: { value: { ''() {} }[''], writable: true, configurable: true },
  });

  function makePort(id, name, sender) {
    const port = Object.create(chrome ? chromePortPrototype : Object.prototype);
    const state = {
      id, port, open: true,
      onMessage: new host.Event('runtime.Port.onMessage'),
      onDisconnect: new host.Event('runtime.Port.onDisconnect'),
    };
    portState.set(port, state);
    portsById.set(id, state);
    const value = (v) => ({ value: v, enumerable: true, writable: true, configurable: true });
    const postMessage = Port.prototype.postMessage.bind(port);
    const disconnect = Port.prototype.disconnect.bind(port);
    if (chrome) {
      Object.defineProperties(port, {
        sender: value(sender), onMessage: value(state.onMessage), onDisconnect: value(state.onDisconnect),
        name: value(name), disconnect: value(disconnect), postMessage: value(postMessage),
      });
    } else {
      Object.defineProperties(port, {
        name: value(name), sender: value(sender), error: value(null), onMessage: value(state.onMessage),
        onDisconnect: value(state.onDisconnect), postMessage: value(postMessage), disconnect: value(disconnect),
      });
    }
    return port;
  }

  function close(state) {
    state.open = false;
    portsById.delete(state.id);
  }

  // Calls each listener of a port's event; a throwing listener does not stop the others.
  function dispatchPortEvent(event, args) {
    host.dispatchEventObject(event, args);
  }

  // ---- Opening ---------------------------------------------------------------------------------------
  function openPort(target, name) {
    const id = native.openChannel(JSON.stringify(Object.assign({ name }, target)));
    return makePort(id, name, undefined);
  }

  // Sends a one-time message; the promise resolves with the answer, rejects with an error, or
  // rejects with host.noResponse when every receiver closed without answering.
  const pendingMessages = new Map();
  function sendOneTime(target, message, method) {
    const result = host.trySerializeMessage ? host.trySerializeMessage(message) : { ok: true, text: serialize(message) };
    if (!result.ok) {
      // Chromium throws it as an invocation error of the API function; Firefox rejects the call.
      if (chrome) throw host.invocationError(method, result.error.message);
      return Promise.reject(result.reason === 'top-level-symbol' ? new Error('An unexpected error occurred') : result.error);
    }
    const text = result.text;
    return new Promise((resolve, reject) => {
      const id = native.openChannel(JSON.stringify(Object.assign({ oneTime: true }, target)), text);
      pendingMessages.set(id, { resolve, reject });
    });
  }
  host.noResponse = Object.freeze({ noResponse: true });

  // ---- Receiving -------------------------------------------------------------------------------------
  // Swift offers a channel to this context: returns {accepted, pending}.
  host.receiveConnect = function (portId, info) {
    if (!info.oneTime) {
      const event = host.events.get('runtime.onConnect');
      if (!event || host.listenersOf(event).length === 0) return { accepted: false };
      const port = makePort(portId, info.name, info.sender);
      host.dispatchEvent('runtime.onConnect', [port]);
      return { accepted: true };
    }
    const event = host.events.get('runtime.onMessage');
    if (!event || host.listenersOf(event).length === 0) return { accepted: false };
    return receiveOneTime(portId, event, info);
  };

  // Firefox copies an onMessage answer into the sender's compartment before cloning it, and that
  // copy differs from a message's clone (as recorded in msg-serialize-response / -errors): it
  // leaves out function-valued and accessor properties (in arrays, a hole), and fails on a
  // function or a Symbol value and on String, Number and Boolean objects. Cycles and shared
  // references stay; Dates, Maps, typed arrays and the rest are cloned as usual.
  function firefoxAnswerValue(value) {
    const unclonable = { ok: false, reason: 'uncloneable' };
    const copies = new Map();
    const wrapperTags = ['[object String]', '[object Number]', '[object Boolean]'];
    function copy(v) {
      if (typeof v === 'function' || typeof v === 'symbol') throw unclonable;
      if (v === null || typeof v !== 'object') return v;
      if (copies.has(v)) return copies.get(v);
      const tag = Object.prototype.toString.call(v);
      if (wrapperTags.includes(tag)) throw unclonable;
      const isArray = Array.isArray(v);
      if (!isArray && tag !== '[object Object]') return v;
      const out = isArray ? new Array(v.length) : {};
      copies.set(v, out);
      for (const key of Object.keys(v)) {
        const descriptor = Object.getOwnPropertyDescriptor(v, key);
        if (!descriptor || !('value' in descriptor) || typeof descriptor.value === 'function') continue;
        out[key] = copy(descriptor.value);
      }
      return out;
    }
    try {
      return { ok: true, value: copy(value) };
    } catch (failure) {
      if (failure === unclonable) return unclonable;
      throw failure;
    }
  }

  // What the sender's call rejects with when a listener's promise rejects with `error`.
  function rejectionText(error) {
    if (chrome) return error instanceof Error ? String(error.message) : "A runtime.onMessage listener's promise rejected without an Error";
    if (error instanceof Error || (error !== null && typeof error === 'object' && typeof error.message === 'string')) return String(error.message);
    return 'An unexpected error occurred';
  }

  // What the sender's call rejects with when a listener throws `error`.
  function thrownText(error) {
    if (error instanceof Error) return String(error.message);
    if (!chrome && error !== null && typeof error === 'object' && typeof error.message === 'string') return String(error.message);
    return chrome ? "Error message from listener couldn't be parsed or was empty." : 'An unexpected error occurred';
  }

  function receiveOneTime(portId, event, info) {
    const message = deserialize(info.message);
    const sender = info.sender;
    let settled = false;
    let closed = false;
    // Firefox sends a synchronous answer only once every listener has run, so a later throw wins.
    let dispatching = true;
    let heldAnswer = null;
    const answer = (text, error) => {
      if (settled || closed) return;
      if (dispatching && !chrome && error === undefined) {
        if (!heldAnswer) heldAnswer = { text };
        return;
      }
      settled = true;
      native.respond(portId, text, error);
    };
    const respond = function (response) {
        if (settled || closed || heldAnswer) return;
        const answerValue = chrome ? { ok: true, value: response } : firefoxAnswerValue(response);
        const result = answerValue.ok ? host.trySerializeMessage(answerValue.value) : answerValue;
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
    const sendResponse = chrome ? function sendResponse(...args) { return respond(args[0]); } : function sendResponse(response) { return respond(response); };
    let pending = false;
    for (const listener of host.listenersOf(event)) {
      let result;
      try {
        result = Reflect.apply(listener, undefined, [message, sender, sendResponse]);
      } catch (error) {
        host.reportListenerError('runtime.onMessage', error);
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
      } else if (result instanceof Promise) {
        pending = true;
        result.then((value) => {
          if (settled || closed) return;
          try { sendResponse(value); } catch (e) { /* reported through the answer */ }
        }, (error) => answer(undefined, rejectionText(error)));
      }
    }
    dispatching = false;
    if (heldAnswer && !settled) answer(heldAnswer.text, undefined);
    if (!pending && !settled) closed = true;
    return { accepted: true, pending: pending && !settled };
  }

  // Swift delivers a message, a disconnect or an answer to one of this context's ports.
  host.receivePortEvent = function (kind, portId, a, b) {
    if (kind === 'message') {
      const state = portsById.get(portId);
      if (!state || !state.open) return;
      dispatchPortEvent(state.onMessage, [deserialize(a), state.port]);
    } else if (kind === 'disconnect') {
      const state = portsById.get(portId);
      if (!state || !state.open) return;
      close(state);
      const error = a === null || a === undefined ? undefined : a;
      if (chrome) {
        host.withLastError(error, () => dispatchPortEvent(state.onDisconnect, [state.port]));
      } else {
        if (error !== undefined) state.port.error = new Error(error);
        dispatchPortEvent(state.onDisconnect, [state.port]);
      }
    } else if (kind === 'response') {
      const request = pendingMessages.get(portId);
      if (!request) return;
      pendingMessages.delete(portId);
      if (b !== null && b !== undefined) request.reject(new Error(b));
      else if (a === undefined) request.reject(host.noResponse);
      else request.resolve(deserialize(a));
    }
  };

  // ---- runtime.sendMessage's arguments ---------------------------------------------------------------
  // Chromium's MassageSendMessageArguments: a trailing function is the callback; of two other
  // arguments, the first is the extension id if it is a string, null or undefined.
  function chromeSendMessageArguments(args) {
    const list = Array.prototype.slice.call(args);
    let callback;
    // A lone function is the message (which then cannot be serialized), not the callback.
    if (list.length > 1 && typeof list[list.length - 1] === 'function') callback = list.pop();
    let extensionId, message, options;
    if (list.length === 1) {
      message = list[0];
    } else if (list.length === 2) {
      if (typeof list[0] === 'string' || list[0] === null || list[0] === undefined) [extensionId, message] = list;
      else [message, options] = list;
    } else if (list.length === 3) {
      [extensionId, message, options] = list;
    } else {
      throw host.invocationError('runtime.sendMessage', 'No matching signature.');
    }
    // An undefined message is sent as null.
    const matched = host.checkArguments('runtime.sendMessage', [extensionId === null ? undefined : extensionId, message === undefined ? null : message, options === null ? undefined : options, callback]);
    if (typeof matched[0] === 'string' && matched[0] !== '' && !/^[a-p]{32}$/.test(matched[0])) {
      throw host.invocationError('runtime.sendMessage', "Invalid extension id: '" + matched[0] + "'");
    }
    return matched;
  }

  // Firefox's parseBonkersArgs: its errors reject the call rather than throw.
  function firefoxSendMessageArguments(args) {
    const list = Array.prototype.slice.call(args);
    const fail = (text) => { throw new host.ArgumentRejection('runtime.sendMessage' + text); };
    let callback;
    if (list.length > 0 && typeof list[list.length - 1] === 'function') callback = list.pop();
    if (list.length === 0) fail("'s message argument is missing");
    if (list.length > 4) fail(' received too many arguments');
    if (list.length === 4) {
      if (list[3] && typeof list[3] !== 'function') fail("'s last argument is not a function");
      fail(' received too many arguments');
    }
    const isOptions = (value) => value === null || value === undefined ||
      (typeof value === 'object' && Object.keys(value).length === 0);
    let extensionId = null, message, options = null;
    if (list.length === 1 || (list.length === 2 && isOptions(list[1]))) {
      [message, options] = list;
    } else {
      [extensionId, message, options] = list;
    }
    if (!isOptions(options) && !(typeof options === 'object' && options !== null)) fail("'s options argument is invalid");
    if (extensionId && typeof extensionId !== 'string') fail("'s extensionId argument is invalid");
    return [extensionId || undefined, message, options || undefined, callback];
  }

  // ---- Namespaces ------------------------------------------------------------------------------------
  const connectInfo = (extra) => ({
    name: 'connectInfo', type: 'object', optional: true,
    properties: Object.assign({ name: { type: 'string', optional: true } }, extra),
  });

  host.defineNamespace('runtime', {
    contexts: ['background', 'content'],
    functions: {
      connect: {
        parameters: [{ name: 'extensionId', type: 'string', optional: true }, connectInfo({ includeTlsChannelId: { type: 'boolean', optional: true } })],
        run([extensionId, info]) {
          return openPort({ target: 'extension', extensionId: extensionId || undefined }, (info && info.name) || '');
        },
      },
      sendMessage: {
        async: true,
        oneTimeMessage: true,
        parameters: [
          { name: 'extensionId', type: 'string', optional: true },
          { name: 'message', type: 'any' },
          { name: 'options', type: 'object', optional: true, properties: { includeTlsChannelId: { type: 'boolean', optional: true } } },
        ],
        massageArguments: (args) => (chrome ? chromeSendMessageArguments(args) : firefoxSendMessageArguments(args)),
        run([extensionId, message]) {
          return sendOneTime({ target: 'extension', extensionId: extensionId || undefined }, message, 'runtime.sendMessage');
        },
      },
    },
    events: ['onConnect', 'onMessage'],
  });

  host.defineNamespace('tabs', {
    contexts: ['background'],
    functions: {
      connect: {
        parameters: [
          { name: 'tabId', type: 'integer', minimum: 0 },
          connectInfo({ frameId: { type: 'integer', minimum: 0, optional: true }, documentId: { type: 'string', optional: true } }),
        ],
        run([tabId, info]) {
          // Firefox names the port null when connectInfo is given without a name.
          const name = info ? (info.name !== undefined ? info.name : (chrome ? '' : null)) : '';
          info = info || {};
          return openPort({ target: 'tab', tabId, frameId: info.frameId, documentId: info.documentId }, name);
        },
      },
      sendMessage: {
        async: true,
        oneTimeMessage: true,
        parameters: [
          { name: 'tabId', type: 'integer', minimum: 0 },
          { name: 'message', type: 'any' },
          { name: 'options', type: 'object', optional: true, properties: { frameId: { type: 'integer', minimum: 0, optional: true }, documentId: { type: 'string', optional: true } } },
        ],
        run([tabId, message, options]) {
          options = options || {};
          return sendOneTime({ target: 'tab', tabId, frameId: options.frameId, documentId: options.documentId }, message, 'tabs.sendMessage');
        },
      },
    },
  });
});
