// exthost:realm host
// exthost:needs primordials api events structured_clone_writer
// exthost:globals ~MessageChannel:constructor:0 ~MessagePort:constructor:0 ~MessageEvent:constructor:1 ~BroadcastChannel:constructor:1
// exthost:globals Window: postMessage:function:1
// Channel messaging and broadcast channels (the HTML Standard's "Cross-document messaging" parts
// that a context has on its own): `MessageChannel` and its entangled `MessagePort`s, `MessageEvent`,
// and `BroadcastChannel`, with each browser's errors (fixtures/conformance/web-message-channels).
//
// * A port's messages wait in its queue until the port is started (`start()`, or setting
//   `onmessage`); each is then dispatched in a task of its own, its data read in the port's world
//   from the text the structured clone writer made when it was posted (js/45_structured_clone.js).
// * Transferring a port moves its end of the channel, and what waits in its queue, to a new port
//   object that the message's `ports` hold; the old object posts nothing more. Ports never leave
//   their world (nothing that posts across contexts takes a port): a port inside a message's data
//   is cloned as a plain object, as every platform object is here (js/45_structured_clone.js).
// * A BroadcastChannel's message reaches every other open channel of the same name and origin: in
//   this world here, in the other contexts through Swift (`broadcast.post`;
//   ExtensionContext+Broadcast.swift), each in a task of its own.
// * `window.postMessage(message, targetOrigin)` posts to the frame's own window (its page's main
//   world, its content scripts: every world of the document hears it) or, through `parent`, `top`
//   and `frames[i]`, another frame's (Swift's `frame.postMessage`, FrameAPI.swift); the message
//   event's `data` is read in each world from the text written here, its `origin` is the
//   sender's document's, its `source` the sender's window as the receiving world sees it.
// Runs in the host's realm, for a world on the first touch of these globals
// (`host.installChannelMessaging`): each interface made on first need, its members one
// implementation for every world. A port's, channel's or event's state is kept here by its object.
(function (host) {
  'use strict';
  const { String, SafeMap, SafeWeakMap, ReflectApply, SymbolIterator, listPush, listRemoveAt } = host.primordials;
  const FIREFOX = host.flavor === 'firefox';
  const errors = host.webIDLErrors;
  const { failed, illegalInvocation, countError, dictionary } = errors;
  const events = host.eventInternals;
  const isObject = (value) => value !== null && (typeof value === 'object' || typeof value === 'function');
  const typeError = (cx, text) => host.newTypeError(cx, text);
  const dataCloneError = (cx, firefoxText, chromeText) => host.newDOMException(cx, FIREFOX ? firefoxText : chromeText, 'DataCloneError');
  // A frozen array of the world holding `list`.
  const frozenList = (cx, list) => ReflectApply(cx.b.ObjectFreeze, undefined, [host.newArray(cx, list)]);
  const native = (cx) => cx.loader.native;

  // The text structured clone writes for `value` (Chromium's errors after `prefix`), and the value
  // of the world of `cx` a text stands for.
  function writeClone(cx, value, prefix) {
    if (FIREFOX && typeof value === 'symbol') throw dataCloneError(cx, 'unsupported type for structured data');
    return host.structuredCloneText(value, cx, FIREFOX ? '' : prefix);
  }
  const readClone = (cx, text) => host.readStructuredClone(text, cx);

  // ---- MessageEvent ---------------------------------------------------------------------------------------
  const messageFields = new SafeWeakMap();
  const newFields = (cx) => ({ __proto__: null, data: null, origin: '', lastEventId: '', source: null, ports: frozenList(cx, []) });
  // WebIDL's sequence<MessagePort> of the `ports` of a `dictionaryName` (MessageEventInit and the like).
  function portList(cx, value, owner, member, dictionaryName) {
    return host.webIDLSequence(value, () => typeError(cx, FIREFOX
      ? failed(owner, member, "'ports' member of " + dictionaryName + " can't be converted to a sequence.")
      : failed(owner, member, "Failed to read the 'ports' property from '" + dictionaryName + "': The provided value cannot be converted to a sequence.")),
    (item) => {
      if (isObject(item) && ports.has(item)) return item;
      throw typeError(cx, FIREFOX
        ? failed(owner, member, !isObject(item)
          ? "Element of 'ports' member of " + dictionaryName + ' is not an object.'
          : "Element of 'ports' member of " + dictionaryName + ' does not implement interface MessagePort.')
        : failed(owner, member, "Failed to read the 'ports' property from '" + dictionaryName + "': Failed to convert value to 'MessagePort'."));
    });
  }
  // The fields of a message event that `owner`'s constructor makes from `init` (a `dictionaryName`;
  // its members in order: data, lastEventId, origin, ports, source). `isSource(value)`: whether
  // `value` may be the source, whose types `sourceTypes` names in Chromium's refusal.
  function readMessageInit(cx, owner, dictionaryName, init, isSource, sourceTypes) {
    const fields = newFields(cx);
    if (init === undefined) return fields;
    if (init.data !== undefined) fields.data = init.data;
    if (init.lastEventId !== undefined) fields.lastEventId = String(init.lastEventId);
    if (init.origin !== undefined) fields.origin = String(init.origin);
    if (init.ports !== undefined) fields.ports = frozenList(cx, portList(cx, init.ports, owner, 'constructor', dictionaryName));
    const source = init.source;
    if (source !== undefined && source !== null) {
      if (!(isObject(source) && ports.has(source)) && !isSource(source)) {
        throw typeError(cx, failed(owner, 'constructor', FIREFOX
          ? "'source' member of " + dictionaryName + ' is not an object of any of the expected types.'
          : "Failed to read the 'source' property from '" + dictionaryName + "': The provided value is not of type '" + sourceTypes + "'."));
      }
      fields.source = source;
    }
    return fields;
  }
  const constructMessageEvent = (cx, thisValue, newTarget, ...args) => {
    if (args.length < 1) throw countError(cx, 'MessageEvent', 'constructor', 1, args.length);
    const init = dictionary(cx, args[1], 'MessageEvent', 'constructor', 2, 'MessageEventInit');
    const event = host.newInstance(cx, newTarget, interfaceOf(cx, 'MessageEvent').prototype);
    events.initializeEvent(cx, event, String(args[0]), init);
    messageFields.set(event, readMessageInit(cx, 'MessageEvent', 'MessageEventInit', init, (value) => value === cx.global,
      '(MessagePort or ServiceWorker or Window)'));
    return event;
  };
  const messageField = (name) => (cx, thisValue) => {
    const fields = isObject(thisValue) ? messageFields.get(thisValue) : undefined;
    if (fields === undefined) throw illegalInvocation(cx, 'MessageEvent', 'get ' + name);
    return fields[name];
  };
  function initMessageEvent(cx, thisValue, ...args) {
    const fields = isObject(thisValue) ? messageFields.get(thisValue) : undefined;
    if (fields === undefined) throw illegalInvocation(cx, 'MessageEvent', 'initMessageEvent');
    if (args.length < 1) throw countError(cx, 'MessageEvent', 'initMessageEvent', 1, args.length);
    if (events.stateOf(thisValue).dispatching) return;
    events.initializeEvent(cx, thisValue, String(args[0]), { __proto__: null, bubbles: !!args[1], cancelable: !!args[2] });
    fields.data = args.length > 3 ? args[3] : null;
    fields.origin = args.length > 4 && args[4] !== undefined ? String(args[4]) : '';
    fields.lastEventId = args.length > 5 && args[5] !== undefined ? String(args[5]) : '';
    fields.source = args.length > 6 && args[6] !== undefined ? args[6] : null;
    fields.ports = frozenList(cx, args.length > 7 && args[7] !== undefined ? portList(cx, args[7], 'MessageEvent', 'initMessageEvent', 'MessageEventInit') : []);
  }

  // A trusted `message` event of the world of `cx`, not dispatched, whose data `text` stands for
  // (read now): {event, state}.
  function newMessage(cx, text, origin, transferred) {
    const event = host.newObjectFrom(cx, interfaceOf(cx, 'MessageEvent').prototype);
    const state = events.initializeEvent(cx, event, 'message', undefined);
    const fields = newFields(cx);
    fields.data = readClone(cx, text);
    fields.origin = origin;
    fields.ports = frozenList(cx, transferred);
    messageFields.set(event, fields);
    return { __proto__: null, event, state, fields };
  }
  // Dispatches a trusted `message` event at `target`, an object of the world of `cx`.
  function dispatchMessage(cx, target, text, origin, transferred) {
    events.dispatch(cx, target, newMessage(cx, text, origin, transferred).event, true);
  }

  // ---- Transfer lists -------------------------------------------------------------------------------------
  // The second argument of postMessage: a sequence of objects (the legacy overload) or a
  // StructuredSerializeOptions dictionary; its MessagePorts and ArrayBuffers, checked.
  function transferList(cx, owner, source, value) {
    if (value === undefined || value === null) return [];
    if (!isObject(value)) {
      throw typeError(cx, FIREFOX ? failed(owner, 'postMessage', 'Argument 2 is not valid for any of the 2-argument overloads.')
        : failed(owner, 'postMessage', 'Overload resolution failed.'));
    }
    const refuseElement = () => typeError(cx, FIREFOX ? failed(owner, 'postMessage', 'Element of argument 2 is not an object.')
      : failed(owner, 'postMessage', "Failed to convert value to 'object'."));
    let list;
    if (value[SymbolIterator] !== undefined) {
      list = host.webIDLSequence(value, refuseElement, (item) => {
        if (!isObject(item)) throw refuseElement();
        return item;
      });
    } else {
      const transfer = value.transfer;
      if (transfer === undefined) return [];
      list = host.webIDLSequence(transfer, () => typeError(cx, FIREFOX
        ? failed(owner, 'postMessage', "'transfer' member of StructuredSerializeOptions can't be converted to a sequence.")
        : failed(owner, 'postMessage', "Failed to read the 'transfer' property from 'StructuredSerializeOptions': The provided value cannot be converted to a sequence.")),
      (item) => {
        if (!isObject(item)) {
          throw typeError(cx, FIREFOX
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
        if (item === source) throw dataCloneError(cx, 'The object could not be cloned.', prefix + 'Port at index ' + i + ' contains the source port.');
      } else if (native(cx).bytes.kind(item) !== 'ArrayBuffer') {
        throw dataCloneError(cx, 'The object could not be cloned.', prefix + 'Value at index ' + i + ' does not have a transferable type.');
      }
      for (let j = 0; j < i; j++) {
        if (list[j] === item) {
          throw dataCloneError(cx, 'duplicate transferable for structured clone', ports.has(item)
            ? prefix + 'Message port at index ' + i + ' is a duplicate of an earlier port.'
            : prefix + 'ArrayBuffer at index ' + i + ' is a duplicate of an earlier ArrayBuffer.');
        }
      }
    }
    return list;
  }

  // Writes `message`, then detaches the transferred buffers and moves the transferred ports: the
  // text and the new ports (a list of this realm).
  function serialize(cx, owner, message, list) {
    const text = writeClone(cx, message, "Failed to execute 'postMessage' on '" + owner + "': ");
    const moved = [];
    for (let i = 0; i < list.length; i++) {
      const item = list[i];
      if (ports.has(item)) {
        listPush(moved, movePort(ports.get(item)));
      } else if (!native(cx).bytes.detach(item)) {
        throw dataCloneError(cx, 'ArrayBuffer object could not be cloned.', "Failed to execute 'postMessage' on '" + owner + "': An ArrayBuffer is detached and could not be cloned.");
      }
    }
    return { __proto__: null, text, moved };
  }

  // ---- MessagePort ----------------------------------------------------------------------------------------
  // Each port's end of a channel: { cx (its world), object, partner (the other end, or null),
  // queue of [text, ports], started, closed }. An end moves to a new object when its port is
  // transferred.
  const ports = new SafeWeakMap();
  const endOf = (cx, port, member) => {
    const end = isObject(port) ? ports.get(port) : undefined;
    if (end === undefined) throw illegalInvocation(cx, 'MessagePort', member);
    return end;
  };
  function newPort(end) {
    const cx = end.cx;
    const port = host.newObjectFrom(cx, interfaceOf(cx, 'MessagePort').prototype);
    events.makeEventTarget(port);
    end.object = port;
    ports.set(port, end);
    return port;
  }
  const newEnd = (cx) => ({ __proto__: null, cx, object: null, partner: null, queue: [], started: false, closed: false });
  // Moves `end` to a new port object, with what waits in its queue; the old object stays a port
  // of no channel (its deliveries already due find it closed).
  function movePort(end) {
    const moved = { __proto__: null, cx: end.cx, object: null, partner: end.partner, queue: end.queue, started: false, closed: false };
    if (moved.partner !== null) moved.partner.partner = moved;
    end.partner = null;
    end.queue = [];
    end.closed = true;
    return newPort(moved);
  }
  function deliverSoon(end) {
    native(end.cx).clock.timeout(0, () => {
      if (end.closed || end.queue.length === 0) return;
      const message = end.queue[0];
      listRemoveAt(end.queue, 0);
      dispatchMessage(end.cx, end.object, message[0], '', message[1]);
    });
  }
  function start(end) {
    if (end.started || end.closed) return;
    end.started = true;
    for (let i = 0; i < end.queue.length; i++) deliverSoon(end);
  }
  function postOnPort(cx, thisValue, ...args) {
    const end = endOf(cx, thisValue, 'postMessage');
    if (args.length < 1) {
      throw typeError(cx, FIREFOX ? failed('MessagePort', 'postMessage', '0 is not a valid argument count for any overload.')
        : failed('MessagePort', 'postMessage', '1 argument required, but only 0 present.'));
    }
    const list = transferList(cx, 'MessagePort', thisValue, args[1]);
    const { text, moved } = serialize(cx, 'MessagePort', args[0], list);
    const target = end.partner;
    if (end.closed || target === null) return;
    listPush(target.queue, [text, moved]);
    if (target.started) deliverSoon(target);
  }
  function closePort(cx, thisValue) {
    const end = endOf(cx, thisValue, 'close');
    end.closed = true;
    if (end.partner !== null) end.partner.partner = null;
    end.partner = null;
    end.queue = [];
  }
  // (Setting `onmessage` starts the port.)
  const portHandler = events.handlerImplementation('message', 'MessagePort');
  const portHandlers = [
    ['accessor', 'onmessage', portHandler.get, (cx, thisValue, value) => {
      portHandler.set(cx, thisValue, value);
      start(endOf(cx, thisValue, 'set onmessage'));
    }],
    handlerMember('messageerror', 'MessagePort'),
  ];
  function handlerMember(type, owner) {
    const implementation = events.handlerImplementation(type, owner);
    return ['accessor', 'on' + type, implementation.get, implementation.set];
  }

  // ---- MessageChannel -------------------------------------------------------------------------------------
  const channels = new SafeWeakMap();
  const constructMessageChannel = (cx, thisValue, newTarget) => {
    const channel = host.newInstance(cx, newTarget, interfaceOf(cx, 'MessageChannel').prototype);
    const one = newEnd(cx);
    const two = newEnd(cx);
    one.partner = two;
    two.partner = one;
    channels.set(channel, { __proto__: null, port1: newPort(one), port2: newPort(two) });
    return channel;
  };
  const channelPort = (name) => (cx, thisValue) => {
    const made = isObject(thisValue) ? channels.get(thisValue) : undefined;
    if (made === undefined) throw illegalInvocation(cx, 'MessageChannel', 'get ' + name);
    return made[name];
  };

  // ---- BroadcastChannel -----------------------------------------------------------------------------------
  // Each channel's { cx, name, closed }; a world's open channels, by name, in the order they were
  // made, are its record's.
  const broadcasts = new SafeWeakMap();
  const constructBroadcastChannel = (cx, thisValue, newTarget, ...args) => {
    if (args.length < 1) throw countError(cx, 'BroadcastChannel', 'constructor', 1, args.length);
    const name = String(args[0]);
    const channel = host.newInstance(cx, newTarget, interfaceOf(cx, 'BroadcastChannel').prototype);
    events.makeEventTarget(channel);
    broadcasts.set(channel, { __proto__: null, cx, name, closed: false });
    const open = cx.messagingWorld.open;
    let list = open.get(name);
    if (list === undefined) {
      list = [];
      open.set(name, list);
      native(cx).broadcast.listen(name, true);
    }
    listPush(list, channel);
    return channel;
  };
  const channelState = (cx, channel, member) => {
    const state = isObject(channel) ? broadcasts.get(channel) : undefined;
    if (state === undefined) throw illegalInvocation(cx, 'BroadcastChannel', member);
    return state;
  };
  // Hands `text` to the open channels named `name` of the world of `cx`, but `except`, each in a task.
  function broadcast(cx, name, text, from, except) {
    const list = cx.messagingWorld.open.get(name);
    if (list === undefined) return;
    for (let i = 0; i < list.length; i++) {
      const channel = list[i];
      if (channel === except) continue;
      native(cx).clock.timeout(0, () => {
        if (!broadcasts.get(channel).closed) dispatchMessage(cx, channel, text, from, []);
      });
    }
  }
  // From Swift: another context of this origin posted `text` on the channels named `name`.
  host.receiveBroadcast = (cx, name, text, from) => broadcast(cx, name, text, from, undefined);
  // (A channel's own world's open channels, whichever world calls its member.)
  function postOnBroadcast(cx, thisValue, ...args) {
    const state = channelState(cx, thisValue, 'postMessage');
    if (args.length < 1) throw countError(cx, 'BroadcastChannel', 'postMessage', 1, args.length);
    if (state.closed) {
      throw host.newDOMException(cx, FIREFOX ? 'An attempt was made to use an object that is not, or is no longer, usable'
        : failed('BroadcastChannel', 'postMessage', 'Channel is closed'), 'InvalidStateError');
    }
    const text = writeClone(cx, args[0], "Failed to execute 'postMessage' on 'BroadcastChannel': ");
    broadcast(state.cx, state.name, text, state.cx.info.origin, thisValue);
    native(state.cx).broadcast.post(state.name, text);
  }
  function closeBroadcast(cx, thisValue) {
    const state = channelState(cx, thisValue, 'close');
    if (state.closed) return;
    state.closed = true;
    const open = state.cx.messagingWorld.open;
    const list = open.get(state.name);
    for (let i = 0; i < list.length; i++) {
      if (list[i] === thisValue) {
        listRemoveAt(list, i);
        break;
      }
    }
    if (list.length === 0) {
      open.delete(state.name);
      native(state.cx).broadcast.listen(state.name, false);
    }
  }

  // ---- window.postMessage ---------------------------------------------------------------------------------
  // Posts `args` (message, targetOrigin or options, transfer: a list of this realm) to the window
  // `relation` names from the frame of `cx` ('self', 'parent', 'top', 'child:N').
  function postToWindow(cx, relation, args) {
    if (args.length < 1) throw countError(cx, 'Window', 'postMessage', 1, args.length);
    let targetOrigin = '/';
    let transfer;
    const second = args[1];
    if (second !== undefined && second !== null && typeof second === 'object') {
      // (The options overload: { targetOrigin, transfer }.)
      const options = dictionary(cx, second, 'Window', 'postMessage', 2, 'WindowPostMessageOptions');
      if (options !== undefined && options.targetOrigin !== undefined) targetOrigin = String(options.targetOrigin);
      transfer = options === undefined ? undefined : options.transfer;
    } else {
      if (args.length < 2 && !FIREFOX) throw countError(cx, 'Window', 'postMessage', 2, args.length);
      if (second !== undefined) targetOrigin = String(second);
      transfer = args[2];
    }
    const list = transferList(cx, 'Window', undefined, transfer);
    if (list.length > 0) {
      throw dataCloneError(cx, 'The object could not be cloned.', failed('Window', 'postMessage', 'exthost does not transfer objects between windows yet.'));
    }
    const text = writeClone(cx, args[0], "Failed to execute 'postMessage' on 'Window': ");
    const answer = host.call(cx, 'frame.postMessage', [relation, text, targetOrigin]);
    if (answer === 'invalid-origin') {
      throw host.newDOMException(cx, FIREFOX ? 'An invalid or illegal string was specified'
        : failed('Window', 'postMessage', "Invalid target origin '" + targetOrigin + "' in a call to 'postMessage'."), 'SyntaxError');
    }
  }
  // For another frame's window as a world sees it (js/30_window.js).
  host.postToWindow = postToWindow;

  // A `message` event from another window, for the world of `cx`: `text` the message as written,
  // `origin` the sender's, `relation` where the sender's window is from this frame ('self',
  // 'parent', ..., or null) and `source` that window as this world sees it. {event, state}.
  function makeWindowMessage(cx, text, origin, relation, source) {
    const made = newMessage(cx, text, origin, []);
    made.fields.source = source === undefined ? null : source;
    made.fields.text = text;
    made.fields.relation = relation;
    return made;
  }
  host.makeWindowMessage = makeWindowMessage;
  // From Swift: a window's message reached the world of `cx`.
  host.dispatchWindowMessage = function (cx, text, origin, relation, source) {
    events.dispatch(cx, cx.global, makeWindowMessage(cx, text, origin, relation, source).event, true);
  };
  // For the dispatch through the worlds of a document (js/31_events.js): what a window's message
  // event (of any world) is.
  host.windowMessageOf = (event) => {
    const fields = messageFields.get(event);
    if (fields === undefined || fields.text === undefined) return undefined;
    return { __proto__: null, text: fields.text, origin: fields.origin, relation: fields.relation };
  };

  // ---- The interfaces ------------------------------------------------------------------------------
  const interfaces = {
    __proto__: null,
    MessageEvent: {
      parent: 'Event', construct: constructMessageEvent,
      members: [['get', 'data', messageField('data')], ['get', 'origin', messageField('origin')], ['get', 'lastEventId', messageField('lastEventId')],
        ['get', 'source', messageField('source')], ['get', 'ports', messageField('ports')], ['method', 'initMessageEvent', 1, initMessageEvent]],
    },
    MessagePort: {
      parent: 'EventTarget', construct: undefined,
      members: [['method', 'postMessage', 1, postOnPort], ['method', 'start', 0, (cx, thisValue) => { start(endOf(cx, thisValue, 'start')); }],
        ['method', 'close', 0, closePort]],
      handlers: portHandlers,
    },
    MessageChannel: {
      parent: null, construct: constructMessageChannel,
      members: [['get', 'port1', channelPort('port1')], ['get', 'port2', channelPort('port2')]],
    },
    BroadcastChannel: {
      parent: 'EventTarget', construct: constructBroadcastChannel,
      members: [['get', 'name', (cx, thisValue) => channelState(cx, thisValue, 'get name').name], ['method', 'postMessage', 1, postOnBroadcast],
        ['method', 'close', 0, closeBroadcast]],
      handlers: [handlerMember('message', 'BroadcastChannel'), handlerMember('messageerror', 'BroadcastChannel')],
    },
  };
  // The interface `name` of the world of `cx` ({prototype, publicConstructor}), made now if it was not.
  function interfaceOf(cx, name) {
    const world = cx.messagingWorld;
    const made = world.interfaces[name];
    if (made !== undefined) return made;
    const description = interfaces[name];
    const parent = description.parent === null ? null : events.interfaceOf(cx, description.parent);
    world.interfaces[name] = host.makeWorldInterface(cx, name, { __proto__: null, construct: description.construct, members: description.members }, parent);
    // (The handler attributes after `constructor`, as they always were here.)
    if (description.handlers !== undefined) host.defineWorldMembers(cx, world.interfaces[name].prototype, description.handlers);
    return world.interfaces[name];
  }
  host.makeChannelMessagingInterface = function (cx, name) {
    if (interfaces[name] !== undefined) interfaceOf(cx, name);
  };

  // Installs the module for the world of `cx`: its `postMessage`, and what the service worker's
  // module (js/33_service_worker.js, of the context) calls through the context's `host` object.
  host.installChannelMessaging = function (cx) {
    if (cx.messagingWorld !== undefined) return;
    cx.loader.load('events');
    cx.messagingWorld = { __proto__: null, interfaces: { __proto__: null }, open: new SafeMap() };
    cx.loader.implementations.postMessage = host.newFunction(cx, 'postMessage', 1, (data, thisValue, ...args) => postToWindow(cx, 'self', args), cx);
    // The fields of an ExtendableMessageEvent's init ({data, origin, lastEventId, source, ports}).
    cx.loader.readMessageInit = host.guarded(cx, (owner, dictionaryName, init, isSource, sourceTypes) =>
      readMessageInit(cx, owner, dictionaryName, init, isSource, sourceTypes));
    // A service worker's `message` and transfer argument, checked and written ({text, moved}: the
    // new ports, an array of the world).
    cx.loader.serializeForPosting = host.guarded(cx, (owner, message, transfer) => {
      const posted = serialize(cx, owner, message, transferList(cx, owner, undefined, transfer));
      return { __proto__: null, text: posted.text, moved: host.newArray(cx, posted.moved) };
    });
  };
});
