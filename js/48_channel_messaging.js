// exthost:needs primordials host dom_exception events structured_clone
// exthost:globals ~MessageChannel:constructor:0 ~MessagePort:constructor:0 ~MessageEvent:constructor:1 ~BroadcastChannel:constructor:1
// exthost:globals Window: postMessage:function:1
// Channel messaging and broadcast channels (the HTML Standard's "Cross-document messaging" parts
// that a context has on its own): `MessageChannel` and its entangled `MessagePort`s, `MessageEvent`,
// and `BroadcastChannel`, with each browser's errors (fixtures/conformance/web-message-channels).
//
// * A port's messages wait in its queue until the port is started (`start()`, or setting
//   `onmessage`); each is then dispatched in a task of its own, its data read from the text the
//   host realm's structured clone writer made when it was posted (js/46_structured_clone.js).
// * Transferring a port moves its end of the channel, and what waits in its queue, to a new port
//   object that the message's `ports` hold; the old object posts nothing more. Ports never leave
//   their context (nothing that posts across contexts takes a port): a port inside a message's data
//   is cloned as a plain object, as every platform object is here (js/45_structured_clone.js).
// * A BroadcastChannel's message reaches every other open channel of the same name and origin: in
//   this context here, in the others through Swift (`broadcast.post`; ExtensionContext+Broadcast.swift),
//   each in a task of its own.
// * `window.postMessage(message, targetOrigin)` posts to the frame's own window (its page's main
//   world, its content scripts: every world of the document hears it) or, through `parent`, `top`
//   and `frames[i]`, another frame's (Swift's `frame.postMessage`, FrameAPI.swift); the message
//   event's `data` is read in each world from the text written here, its `origin` is the
//   sender's document's, its `source` the sender's window as the receiving world sees it.
(function (host) {
  'use strict';
  const {
    TypeError, String, SafeMap, SafeWeakMap, ObjectFreeze, ReflectApply, ReflectDefineProperty, ReflectGetOwnPropertyDescriptor,
    SymbolIterator, listPush, listRemoveAt,
  } = host.primordials;
  const native = host.native;
  const FIREFOX = host.flavor === 'firefox';
  const errors = host.webIDLErrors;
  const { failed, newRequired, illegalInvocation, illegalConstructor, countError, dictionary } = errors;
  const EventTarget = host.lazyGlobals.EventTarget;
  const defineInterface = (constructor, name, length, members, parentPrototype, parentConstructor) =>
    host.defineInterface(constructor, name, length, members, { __proto__: null, parentPrototype, parentConstructor });
  const dataCloneError = (firefoxText, chromeText) =>
    host.newDOMException(FIREFOX ? firefoxText : chromeText, 'DataCloneError');

  // ---- MessageEvent ---------------------------------------------------------------------------------------
  const messageFields = new SafeWeakMap();
  const newFields = () => ({ __proto__: null, data: null, origin: '', lastEventId: '', source: null, ports: ObjectFreeze([]) });
  // WebIDL's sequence<MessagePort> of the `ports` of a `dictionaryName` (MessageEventInit and the like).
  function portList(value, owner, member, dictionaryName) {
    return host.webIDLSequence(value, () => new TypeError(FIREFOX
      ? failed(owner, member, "'ports' member of " + dictionaryName + " can't be converted to a sequence.")
      : failed(owner, member, "Failed to read the 'ports' property from '" + dictionaryName + "': The provided value cannot be converted to a sequence.")),
    (item) => {
      if (ports.has(item)) return item;
      throw new TypeError(FIREFOX
        ? failed(owner, member, item === null || (typeof item !== 'object' && typeof item !== 'function')
          ? "Element of 'ports' member of " + dictionaryName + ' is not an object.'
          : "Element of 'ports' member of " + dictionaryName + ' does not implement interface MessagePort.')
        : failed(owner, member, "Failed to read the 'ports' property from '" + dictionaryName + "': Failed to convert value to 'MessagePort'."));
    });
  }
  // The fields of a message event that `owner`'s constructor makes from `init` (a `dictionaryName`;
  // its members in order: data, lastEventId, origin, ports, source). `isSource(value)`: whether
  // `value` may be the source, whose types `sourceTypes` names in Chromium's refusal.
  function readMessageInit(owner, dictionaryName, init, isSource, sourceTypes) {
    const fields = newFields();
    if (init === undefined) return fields;
    if (init.data !== undefined) fields.data = init.data;
    if (init.lastEventId !== undefined) fields.lastEventId = String(init.lastEventId);
    if (init.origin !== undefined) fields.origin = String(init.origin);
    if (init.ports !== undefined) fields.ports = ObjectFreeze(portList(init.ports, owner, 'constructor', dictionaryName));
    const source = init.source;
    if (source !== undefined && source !== null) {
      if (!ports.has(source) && !isSource(source)) {
        throw new TypeError(failed(owner, 'constructor', FIREFOX
          ? "'source' member of " + dictionaryName + ' is not an object of any of the expected types.'
          : "Failed to read the 'source' property from '" + dictionaryName + "': The provided value is not of type '" + sourceTypes + "'."));
      }
      fields.source = source;
    }
    return fields;
  }
  // For the worker's ExtendableMessageEvent (js/33_service_worker.js).
  host.readMessageInit = readMessageInit;
  function MessageEvent(...args) {
    if (new.target === undefined) throw newRequired('MessageEvent');
    if (args.length < 1) throw countError('MessageEvent', 'constructor', 1, args.length);
    const init = dictionary(args[1], 'MessageEvent', 'constructor', 2, 'MessageEventInit');
    host.initializeEvent(this, String(args[0]), init);
    messageFields.set(this, readMessageInit('MessageEvent', 'MessageEventInit', init, (value) => value === host.global,
      '(MessagePort or ServiceWorker or Window)'));
  }
  const field = (event, name) => {
    const fields = messageFields.get(event);
    if (fields === undefined) throw illegalInvocation('MessageEvent', 'get ' + name);
    return fields[name];
  };
  const messagePrototype = defineInterface(MessageEvent, 'MessageEvent', 1, {
    get data() { return field(this, 'data'); },
    get origin() { return field(this, 'origin'); },
    get lastEventId() { return field(this, 'lastEventId'); },
    get source() { return field(this, 'source'); },
    get ports() { return field(this, 'ports'); },
    initMessageEvent(...args) {
      const fields = messageFields.get(this);
      if (fields === undefined) throw illegalInvocation('MessageEvent', 'initMessageEvent');
      if (args.length < 1) throw countError('MessageEvent', 'initMessageEvent', 1, args.length);
      const state = host.eventStateOf(this);
      if (state.dispatching) return;
      host.initializeEvent(this, String(args[0]), { __proto__: null, bubbles: !!args[1], cancelable: !!args[2] });
      fields.data = args.length > 3 ? args[3] : null;
      fields.origin = args.length > 4 && args[4] !== undefined ? String(args[4]) : '';
      fields.lastEventId = args.length > 5 && args[5] !== undefined ? String(args[5]) : '';
      fields.source = args.length > 6 && args[6] !== undefined ? args[6] : null;
      fields.ports = ObjectFreeze(args.length > 7 && args[7] !== undefined ? portList(args[7], 'MessageEvent', 'initMessageEvent', 'MessageEventInit') : []);
    },
  }, host.EventPrototype, host.lazyGlobals.Event);

  // Dispatches a trusted `message` event at `target`: the data `text` stands for, read now.
  function dispatchMessage(target, text, origin, transferred) {
    const made = host.newEvent(messagePrototype, 'message', undefined);
    const fields = newFields();
    fields.data = host.readClone(text);
    fields.origin = origin;
    fields.ports = ObjectFreeze(transferred);
    messageFields.set(made.event, fields);
    host.dispatchTrusted(target, made);
  }

  // ---- Transfer lists -------------------------------------------------------------------------------------
  // The second argument of postMessage: a sequence of objects (the legacy overload) or a
  // StructuredSerializeOptions dictionary; its MessagePorts and ArrayBuffers, checked.
  function transferList(owner, source, value) {
    if (value === undefined || value === null) return [];
    if (typeof value !== 'object' && typeof value !== 'function') {
      throw new TypeError(FIREFOX ? failed(owner, 'postMessage', 'Argument 2 is not valid for any of the 2-argument overloads.')
        : failed(owner, 'postMessage', 'Overload resolution failed.'));
    }
    const refuseElement = () => new TypeError(FIREFOX ? failed(owner, 'postMessage', 'Element of argument 2 is not an object.')
      : failed(owner, 'postMessage', "Failed to convert value to 'object'."));
    let list;
    if (value[SymbolIterator] !== undefined) {
      list = host.webIDLSequence(value, refuseElement, (item) => {
        if (item === null || (typeof item !== 'object' && typeof item !== 'function')) throw refuseElement();
        return item;
      });
    } else {
      const transfer = value.transfer;
      if (transfer === undefined) return [];
      list = host.webIDLSequence(transfer, () => new TypeError(FIREFOX
        ? failed(owner, 'postMessage', "'transfer' member of StructuredSerializeOptions can't be converted to a sequence.")
        : failed(owner, 'postMessage', "Failed to read the 'transfer' property from 'StructuredSerializeOptions': The provided value cannot be converted to a sequence.")),
      (item) => {
        if (item === null || (typeof item !== 'object' && typeof item !== 'function')) {
          throw new TypeError(FIREFOX
            ? failed(owner, 'postMessage', "Element of 'transfer' member of StructuredSerializeOptions is not an object.")
            : failed(owner, 'postMessage', "Failed to read the 'transfer' property from 'StructuredSerializeOptions': Failed to convert value to 'object'."));
        }
        return item;
      });
    }
    const prefix = "Failed to execute 'postMessage' on '" + owner + "': ";
    for (let i = 0; i < list.length; i++) {
      const item = list[i];
      if (ports.has(item)) {
        if (item === source) throw dataCloneError('The object could not be cloned.', prefix + 'Port at index ' + i + ' contains the source port.');
      } else if (native.bytes.kind(item) !== 'ArrayBuffer') {
        throw dataCloneError('The object could not be cloned.', prefix + 'Value at index ' + i + ' does not have a transferable type.');
      }
      for (let j = 0; j < i; j++) {
        if (list[j] === item) {
          throw dataCloneError('duplicate transferable for structured clone', ports.has(item)
            ? prefix + 'Message port at index ' + i + ' is a duplicate of an earlier port.'
            : prefix + 'ArrayBuffer at index ' + i + ' is a duplicate of an earlier ArrayBuffer.');
        }
      }
    }
    return list;
  }

  // Writes `message`, then detaches the transferred buffers and moves the transferred ports: the
  // text and the new ports.
  function serialize(owner, message, list) {
    const text = host.writeClone(message, "Failed to execute 'postMessage' on '" + owner + "': ");
    const moved = [];
    for (let i = 0; i < list.length; i++) {
      const item = list[i];
      if (ports.has(item)) {
        listPush(moved, movePort(ports.get(item)));
      } else if (!native.bytes.detach(item)) {
        throw dataCloneError('ArrayBuffer object could not be cloned.', "Failed to execute 'postMessage' on '" + owner + "': An ArrayBuffer is detached and could not be cloned.");
      }
    }
    return { __proto__: null, text, moved };
  }

  // For the other things that post messages in their context (a service worker to itself,
  // js/33_service_worker.js): `message` and the transfer argument of `owner`'s postMessage, checked
  // and written ({ text, moved }: the new ports).
  host.serializeForPosting = (owner, message, transfer) => serialize(owner, message, transferList(owner, undefined, transfer));

  // ---- MessagePort ----------------------------------------------------------------------------------------
  // Each port's end of a channel: { object, partner (the other end, or null), queue of
  // [text, ports], started, closed }. An end moves to a new object when its port is transferred.
  const ports = new SafeWeakMap();
  function MessagePort() {
    throw illegalConstructor('MessagePort');
  }
  const endOf = (port, member) => {
    const end = ports.get(port);
    if (end === undefined) throw illegalInvocation('MessagePort', member);
    return end;
  };
  function newPort(end) {
    const port = { __proto__: portPrototype };
    host.makeEventTarget(port);
    end.object = port;
    ports.set(port, end);
    return port;
  }
  const newEnd = () => ({ __proto__: null, object: null, partner: null, queue: [], started: false, closed: false });
  // Moves `end` to a new port object, with what waits in its queue; the old object stays a port
  // of no channel (its deliveries already due find it closed).
  function movePort(end) {
    const moved = { __proto__: null, object: null, partner: end.partner, queue: end.queue, started: false, closed: false };
    if (moved.partner !== null) moved.partner.partner = moved;
    end.partner = null;
    end.queue = [];
    end.closed = true;
    return newPort(moved);
  }
  function deliverSoon(end) {
    native.clock.timeout(0, () => {
      if (end.closed || end.queue.length === 0) return;
      const message = end.queue[0];
      listRemoveAt(end.queue, 0);
      dispatchMessage(end.object, message[0], '', message[1]);
    });
  }
  function start(end) {
    if (end.started || end.closed) return;
    end.started = true;
    for (let i = 0; i < end.queue.length; i++) deliverSoon(end);
  }
  const handlerDescriptor = host.eventHandlerDescriptor('message', 'MessagePort');
  const portPrototype = defineInterface(MessagePort, 'MessagePort', 0, {
    postMessage(...args) {
      const end = endOf(this, 'postMessage');
      if (args.length < 1) {
        throw new TypeError(FIREFOX ? failed('MessagePort', 'postMessage', '0 is not a valid argument count for any overload.')
          : failed('MessagePort', 'postMessage', '1 argument required, but only 0 present.'));
      }
      const list = transferList('MessagePort', this, args[1]);
      const { text, moved } = serialize('MessagePort', args[0], list);
      const target = end.partner;
      if (end.closed || target === null) return;
      listPush(target.queue, [text, moved]);
      if (target.started) deliverSoon(target);
    },
    start() {
      start(endOf(this, 'start'));
    },
    close() {
      const end = endOf(this, 'close');
      end.closed = true;
      if (end.partner !== null) end.partner.partner = null;
      end.partner = null;
      end.queue = [];
    },
  }, EventTarget.prototype, EventTarget);
  // (Setting `onmessage` starts the port.)
  ReflectDefineProperty(portPrototype, 'onmessage', {
    __proto__: null,
    get: ReflectGetOwnPropertyDescriptor({ get onmessage() { return ReflectApply(handlerDescriptor.get, this, []); } }, 'onmessage').get,
    set: ReflectGetOwnPropertyDescriptor({
      set onmessage(value) {
        ReflectApply(handlerDescriptor.set, this, [value]);
        start(endOf(this, 'set onmessage'));
      },
    }, 'onmessage').set,
    enumerable: true, configurable: true,
  });
  ReflectDefineProperty(portPrototype, 'onmessageerror', host.eventHandlerDescriptor('messageerror', 'MessagePort'));

  // ---- MessageChannel -------------------------------------------------------------------------------------
  const channels = new SafeWeakMap();
  function MessageChannel() {
    if (new.target === undefined) throw newRequired('MessageChannel');
    const one = newEnd();
    const two = newEnd();
    one.partner = two;
    two.partner = one;
    channels.set(this, { __proto__: null, port1: newPort(one), port2: newPort(two) });
  }
  const channelPort = (channel, name) => {
    const made = channels.get(channel);
    if (made === undefined) throw illegalInvocation('MessageChannel', 'get ' + name);
    return made[name];
  };
  defineInterface(MessageChannel, 'MessageChannel', 0, {
    get port1() { return channelPort(this, 'port1'); },
    get port2() { return channelPort(this, 'port2'); },
  });

  // ---- BroadcastChannel -----------------------------------------------------------------------------------
  // The open channels of this context, by name, in the order they were made.
  const open = new SafeMap();
  const broadcasts = new SafeWeakMap();
  const origin = host.context.origin;
  function BroadcastChannel(...args) {
    if (new.target === undefined) throw newRequired('BroadcastChannel');
    if (args.length < 1) throw countError('BroadcastChannel', 'constructor', 1, args.length);
    const name = String(args[0]);
    host.makeEventTarget(this);
    broadcasts.set(this, { __proto__: null, name, closed: false });
    let list = open.get(name);
    if (list === undefined) {
      list = [];
      open.set(name, list);
      native.broadcast.listen(name, true);
    }
    listPush(list, this);
  }
  const channelState = (channel, member) => {
    const state = broadcasts.get(channel);
    if (state === undefined) throw illegalInvocation('BroadcastChannel', member);
    return state;
  };
  // Hands `text` to this context's open channels named `name`, but `except`, each in a task.
  function broadcast(name, text, from, except) {
    const list = open.get(name);
    if (list === undefined) return;
    for (let i = 0; i < list.length; i++) {
      const channel = list[i];
      if (channel === except) continue;
      native.clock.timeout(0, () => {
        if (!broadcasts.get(channel).closed) dispatchMessage(channel, text, from, []);
      });
    }
  }
  // From Swift: another context of this origin posted `text` on the channels named `name`.
  host.receiveBroadcast = (name, text, from) => broadcast(name, text, from, undefined);
  const broadcastPrototype = defineInterface(BroadcastChannel, 'BroadcastChannel', 1, {
    get name() { return channelState(this, 'get name').name; },
    postMessage(...args) {
      const state = channelState(this, 'postMessage');
      if (args.length < 1) throw countError('BroadcastChannel', 'postMessage', 1, args.length);
      if (state.closed) {
        throw host.newDOMException(FIREFOX ? 'An attempt was made to use an object that is not, or is no longer, usable'
          : failed('BroadcastChannel', 'postMessage', 'Channel is closed'), 'InvalidStateError');
      }
      const text = host.writeClone(args[0], "Failed to execute 'postMessage' on 'BroadcastChannel': ");
      broadcast(state.name, text, origin, this);
      native.broadcast.post(state.name, text);
    },
    close() {
      const state = channelState(this, 'close');
      if (state.closed) return;
      state.closed = true;
      const list = open.get(state.name);
      for (let i = 0; i < list.length; i++) {
        if (list[i] === this) {
          listRemoveAt(list, i);
          break;
        }
      }
      if (list.length === 0) {
        open.delete(state.name);
        native.broadcast.listen(state.name, false);
      }
    },
  }, EventTarget.prototype, EventTarget);
  ReflectDefineProperty(broadcastPrototype, 'onmessage', host.eventHandlerDescriptor('message', 'BroadcastChannel'));
  ReflectDefineProperty(broadcastPrototype, 'onmessageerror', host.eventHandlerDescriptor('messageerror', 'BroadcastChannel'));

  // ---- window.postMessage ---------------------------------------------------------------------------------
  // Posts `args` (message, targetOrigin or options, transfer) to the window `relation` names
  // from this frame ('self', 'parent', 'top', 'child:N'); the window `owner` is for errors.
  function postToWindow(relation, args) {
    if (args.length < 1) throw countError('Window', 'postMessage', 1, args.length);
    let targetOrigin = '/';
    let transfer;
    const second = args[1];
    if (second !== undefined && second !== null && typeof second === 'object') {
      // (The options overload: { targetOrigin, transfer }.)
      const options = dictionary(second, 'Window', 'postMessage', 2, 'WindowPostMessageOptions');
      if (options !== undefined && options.targetOrigin !== undefined) targetOrigin = String(options.targetOrigin);
      transfer = options === undefined ? undefined : options.transfer;
    } else {
      if (args.length < 2 && !FIREFOX) throw countError('Window', 'postMessage', 2, args.length);
      if (second !== undefined) targetOrigin = String(second);
      transfer = args[2];
    }
    const list = transferList('Window', undefined, transfer);
    if (list.length > 0) {
      throw host.newDOMException(FIREFOX ? 'The object could not be cloned.'
        : failed('Window', 'postMessage', 'exthost does not transfer objects between windows yet.'), 'DataCloneError');
    }
    const text = host.writeClone(args[0], "Failed to execute 'postMessage' on 'Window': ");
    const answer = host.call('frame.postMessage', [relation, text, targetOrigin]);
    if (answer === 'invalid-origin') {
      throw host.newDOMException(FIREFOX ? 'An invalid or illegal string was specified'
        : failed('Window', 'postMessage', "Invalid target origin '" + targetOrigin + "' in a call to 'postMessage'."), 'SyntaxError');
    }
  }
  host.implementations.postMessage = function postMessage(...args) {
    postToWindow('self', args);
  };
  // For another frame's window as this world sees it (js/30_window.js).
  host.postToWindow = postToWindow;

  // Dispatches a `message` event from another window at this world's window: `text` the message
  // as written, `origin` the sender's, `relation` where the sender's window is from this frame
  // ('self', 'parent', ..., or null) and `source` that window as this world sees it.
  function makeWindowMessage(text, origin, relation, source) {
    const made = host.newEvent(messagePrototype, 'message', undefined);
    const fields = newFields();
    fields.data = host.readClone(text);
    fields.origin = origin;
    fields.source = source === undefined ? null : source;
    fields.text = text;
    fields.relation = relation;
    messageFields.set(made.event, fields);
    return made;
  }
  host.dispatchWindowMessage = function (text, origin, relation, source) {
    host.dispatchTrusted(host.global, makeWindowMessage(text, origin, relation, source));
  };
  // For the dispatch through the worlds of a document (js/31_events.js): what a window's message
  // event is, and the same event in this world.
  host.windowMessageOf = (event) => {
    const fields = messageFields.get(event);
    if (fields === undefined || fields.text === undefined) return undefined;
    return { __proto__: null, text: fields.text, origin: fields.origin, relation: fields.relation };
  };
  host.makeWindowMessage = makeWindowMessage;
});
