// exthost:realm host
// exthost:needs primordials api
// exthost:globals ~EventTarget:constructor:0 ~Event:constructor:1 ~CustomEvent:constructor:1 ~ErrorEvent:constructor:1
// exthost:globals ~PromiseRejectionEvent:constructor:2 ~AbortController:constructor:0 ~AbortSignal:constructor:0
// exthost:globals ~ProgressEvent:constructor:1
// exthost:globals ~reportError:function:1 addEventListener:inherited removeEventListener:inherited dispatchEvent:inherited
// exthost:globals Window: onerror:accessor onunhandledrejection:accessor onstorage:accessor ~PageTransitionEvent:constructor:1
// exthost:globals Window: ~HashChangeEvent:constructor:1 ~PopStateEvent:constructor:1 onhashchange:accessor onpopstate:accessor
// exthost:globals Window: onload:accessor onpageshow:accessor onpagehide:accessor onmessage:accessor
// exthost:globals Window: ~BeforeUnloadEvent:constructor:0 onbeforeunload:accessor onunload:accessor
// exthost:globals ServiceWorkerGlobalScope: onerror:inherited onunhandledrejection:inherited
// DOM events (the DOM Standard's "Events" and "Aborting ongoing activities"): `EventTarget` with
// listeners (capture, once, passive, signal) and dispatch, `Event`, `CustomEvent`, `ErrorEvent`,
// `PromiseRejectionEvent`, `ProgressEvent` (the XHR Standard's, for XMLHttpRequest and
// FileReader), `AbortController` and `AbortSignal` (`abort`, `timeout`, `any`), event
// handler attributes, `reportError`, and the global's `error` and `unhandledrejection` events
// (which js/00_host.js's and js/38_api.js's reports of an uncaught error ask first), with each
// browser's errors (fixtures/conformance/web-events). EventTarget.prototype is the object the
// window module (js/30_window.js) already made the global inherit from (`sharedPrototype`); the
// global's `addEventListener` and handlers install this module for a world on first touch.
//
// Runs in the host's realm, once for every world (`host.installEvents(cx)`): what a world gets
// are its own interface objects, prototypes and member functions (host.newFunction), each member
// one implementation for every world; events, listeners and signals are kept here, by the
// world's objects. The interfaces few scripts name (CustomEvent, ErrorEvent, PromiseRejectionEvent,
// the page's navigation events, AbortSignal and AbortController) are made on their first need
// (`host.makeEventInterface`). The modules of a context that make events of their own (js/34_xhr.js,
// js/31_ui_events.js, ...) reach this one through the context's `host` object (`bridge`).
//
// Dispatch follows the standard's algorithm over a path of targets: a node's parent comes from the
// DOM (js/63_dom.js: `domEventParent`), so nodes get capture and bubbling; other targets have none.
(function (host) {
  'use strict';
  const {
    String, Number, ReflectApply, ReflectDefineProperty, SafeWeakMap, SafeSet,
    SymbolToStringTag, listPush, listCopy, listRemoveAt, errorLocation, MathTrunc, NumberIsFinite, StringPrototypeCharCodeAt,
    StringPrototypeSlice, SymbolIterator, ObjectPrototypeIsPrototypeOf,
  } = host.primordials;
  const FIREFOX = host.flavor === 'firefox';

  // ---- Errors, as each browser words them (js/38_api.js) ---------------------------------------------
  const { failed, illegalInvocation, countError, dictionary } = host.webIDLErrors;
  const typeError = (cx, text) => host.newTypeError(cx, text);
  const domException = host.newDOMException;
  // Web IDL's DOMString of a script's value (a Symbol is refused in the world's words: js/38_api.js).
  const toText = host.toText;
  // Web IDL's `unsigned long` conversion.
  function unsignedLong(cx, value) {
    if (typeof value === 'symbol') throw typeError(cx, 'Cannot convert a Symbol value to a number');
    const number = Number(value);
    if (!NumberIsFinite(number)) return 0;
    const integer = MathTrunc(number) % 4294967296;
    return integer < 0 ? integer + 4294967296 : integer;
  }
  const isObject = (value) => value !== null && (typeof value === 'object' || typeof value === 'function');

  // ---- Each world's record -------------------------------------------------------------------------------
  // { interfaces: name → {prototype, publicConstructor}, reportingError, isTrusted: the world's getter }.
  const worldOf = (cx) => cx.eventWorld;

  // ---- Members: one implementation for every world --------------------------------------------------------
  // A member's implementation gets the world's record, `this` and the arguments; the world's own
  // function for it is made when the interface is (js/38_api.js: host.makeWorldInterface).

  // ---- Event --------------------------------------------------------------------------------------------
  // Each event's state, by event (of any world): what the standard calls its flags and its path.
  const events = new SafeWeakMap();
  const eventState = (cx, event, owner, member) => {
    const state = isObject(event) ? events.get(event) : undefined;
    if (state === undefined) throw illegalInvocation(cx, owner, member);
    return state;
  };

  // Sets up `event`, an object of the world of `cx`, as the Event constructor does, from `init`
  // (an EventInit dictionary, its members read in the standard's order).
  function initializeEvent(cx, event, type, init) {
    // (`isTrusted`, an own property of every event: [LegacyUnforgeable], one getter per world.)
    ReflectDefineProperty(event, 'isTrusted', worldOf(cx).isTrustedDescriptor);
    const state = {
      __proto__: null, cx,
      type: String(type), bubbles: false, cancelable: false, composed: false,
      target: null, currentTarget: null, phase: 0, path: null,
      canceled: false, stopPropagation: false, stopImmediate: false, inPassiveListener: false,
      dispatching: false, initialized: true, trusted: false, timeStamp: cx.loader.native.clock.monotonicNow(),
    };
    if (init !== undefined) {
      state.bubbles = !!init.bubbles;
      state.cancelable = !!init.cancelable;
      state.composed = !!init.composed;
    }
    events.set(event, state);
    return state;
  }
  const eventArguments = (cx, owner, args, required, typeName) => {
    if (args.length < required) throw countError(cx, owner, 'constructor', required, args.length);
    return dictionary(cx, args[1], owner, 'constructor', 2, typeName);
  };
  // A new object of the interface `name` for a constructor called with `newTarget` (a subclass's
  // prototype when it has one: Web IDL's "get the prototype from a constructor").
  const newInstance = (cx, newTarget, name) => host.newInstance(cx, newTarget, interfaceOf(cx, name).prototype);
  // A new event of the interface `name` (made now if it was not), its state and its fields' map.
  function newEventOf(cx, name, type, init) {
    const event = host.newObjectFrom(cx, interfaceOf(cx, name).prototype);
    return { __proto__: null, event, state: initializeEvent(cx, event, type, init) };
  }
  function cancel(state) {
    if (state.cancelable && !state.inPassiveListener) state.canceled = true;
  }

  const constructEvent = (cx, thisValue, newTarget, ...args) => {
    const type = args.length > 0 ? toText(cx, args[0], 'Event', 'constructor') : undefined;
    const init = eventArguments(cx, 'Event', args, 1, 'EventInit');
    const event = newInstance(cx, newTarget, 'Event');
    initializeEvent(cx, event, type, init);
    return event;
  };
  const eventGetter = (field, member) => (cx, thisValue) => eventState(cx, thisValue, 'Event', member)[field];
  const eventMembers = [
    ['get', 'type', eventGetter('type', 'get type')],
    ['get', 'target', eventGetter('target', 'get target')],
    ['get', 'srcElement', eventGetter('target', 'get srcElement')],
    ['get', 'currentTarget', eventGetter('currentTarget', 'get currentTarget')],
    ['method', 'composedPath', 0, (cx, thisValue) => {
      const state = eventState(cx, thisValue, 'Event', 'composedPath');
      if (state.path === null) return host.newArray(cx, []);
      // (Without what closed shadow trees hide from the current target: js/63_dom.js.)
      return cx.dom === undefined ? host.newArray(cx, listCopy(state.path)) : host.domHooks.composedPath(cx, state.path, state.currentTarget);
    }],
    ['get', 'eventPhase', eventGetter('phase', 'get eventPhase')],
    ['method', 'stopPropagation', 0, (cx, thisValue) => { eventState(cx, thisValue, 'Event', 'stopPropagation').stopPropagation = true; }],
    ['accessor', 'cancelBubble', eventGetter('stopPropagation', 'get cancelBubble'), (cx, thisValue, value) => {
      const state = eventState(cx, thisValue, 'Event', 'set cancelBubble');
      if (value) state.stopPropagation = true;
    }],
    ['method', 'stopImmediatePropagation', 0, (cx, thisValue) => {
      const state = eventState(cx, thisValue, 'Event', 'stopImmediatePropagation');
      state.stopPropagation = true;
      state.stopImmediate = true;
    }],
    ['get', 'bubbles', eventGetter('bubbles', 'get bubbles')],
    ['get', 'cancelable', eventGetter('cancelable', 'get cancelable')],
    ['accessor', 'returnValue', (cx, thisValue) => !eventState(cx, thisValue, 'Event', 'get returnValue').canceled, (cx, thisValue, value) => {
      const state = eventState(cx, thisValue, 'Event', 'set returnValue');
      if (!value) cancel(state);
    }],
    ['method', 'preventDefault', 0, (cx, thisValue) => { cancel(eventState(cx, thisValue, 'Event', 'preventDefault')); }],
    ['get', 'defaultPrevented', eventGetter('canceled', 'get defaultPrevented')],
    ['get', 'composed', eventGetter('composed', 'get composed')],
    ['get', 'timeStamp', eventGetter('timeStamp', 'get timeStamp')],
    ['method', 'initEvent', 1, (cx, thisValue, ...args) => {
      initEvent(cx, eventState(cx, thisValue, 'Event', 'initEvent'), 'Event', 'initEvent', args);
    }],
  ];
  if (FIREFOX) {
    // Firefox's `originalTarget` and `explicitOriginalTarget`: the target, where no anonymous
    // content or retargeting is involved.
    listPush(eventMembers, ['get', 'originalTarget', eventGetter('target', 'get originalTarget')]);
    listPush(eventMembers, ['get', 'explicitOriginalTarget', eventGetter('target', 'get explicitOriginalTarget')]);
  }
  function initEvent(cx, state, owner, member, args) {
    if (args.length < 1) throw countError(cx, owner, member, 1, args.length);
    if (state.dispatching) return false;
    state.type = toText(cx, args[0]);
    state.bubbles = !!args[1];
    state.cancelable = !!args[2];
    state.initialized = true;
    state.stopPropagation = false;
    state.stopImmediate = false;
    state.canceled = false;
    state.target = null;
    return true;
  }
  // Event's phase constants (Firefox's Event also has the modifier masks of its old event model).
  const eventConstants = FIREFOX
    ? ['NONE', 0, 'CAPTURING_PHASE', 1, 'AT_TARGET', 2, 'BUBBLING_PHASE', 3, 'ALT_MASK', 1, 'CONTROL_MASK', 2, 'SHIFT_MASK', 4, 'META_MASK', 8]
    : ['NONE', 0, 'CAPTURING_PHASE', 1, 'AT_TARGET', 2, 'BUBBLING_PHASE', 3];

  // ---- CustomEvent, ErrorEvent, PromiseRejectionEvent and the page's navigation events ---------------
  // Each kind's fields, by event.
  const details = new SafeWeakMap();
  const transitions = new SafeWeakMap();
  // (HTML's BeforeUnloadEvent, `beforeunload` as a navigation is about to leave the page, made by
  // the browser only. Its `returnValue`, '' at first, is what a browser would ask the person
  // about; it asks only a page the person interacted with, which no page here is, so the
  // navigation goes on whatever a listener did.)
  const beforeUnloads = new SafeWeakMap();
  const hashChanges = new SafeWeakMap();
  const popStates = new SafeWeakMap();
  const errorEvents = new SafeWeakMap();
  const rejections = new SafeWeakMap();
  const progressEvents = new SafeWeakMap();

  // A constructor that makes an event of `name` from (type, init) and keeps its fields (`fields(cx,
  // init)`, read after the base's members) in `map`.
  const eventConstructor = (name, typeName, map, fields) => (cx, thisValue, newTarget, ...args) => {
    const init = eventArguments(cx, name, args, 1, typeName);
    const type = toText(cx, args[0], name, 'constructor');
    const event = newInstance(cx, newTarget, name);
    initializeEvent(cx, event, type, init);
    map.set(event, fields(cx, init));
    return event;
  };
  const fieldOf = (map, owner, key) => (cx, thisValue) => {
    const fields = isObject(thisValue) ? map.get(thisValue) : undefined;
    if (fields === undefined) throw illegalInvocation(cx, owner, 'get ' + key);
    return fields[key];
  };
  const constructErrorEvent = eventConstructor('ErrorEvent', 'ErrorEventInit', errorEvents, (cx, init) => {
    const fields = { __proto__: null, colno: 0, error: undefined, filename: '', lineno: 0, message: '' };
    if (init !== undefined) {
      // (Members in the standard's order: the dictionary's, sorted.)
      if (init.colno !== undefined) fields.colno = unsignedLong(cx, init.colno);
      fields.error = init.error;
      if (init.filename !== undefined) fields.filename = toText(cx, init.filename);
      if (init.lineno !== undefined) fields.lineno = unsignedLong(cx, init.lineno);
      if (init.message !== undefined) fields.message = toText(cx, init.message);
    }
    return fields;
  });
  // Web IDL's `unsigned long long` (ProgressEvent's counts, XMLHttpRequest's timeout).
  function unsignedLongLong(cx, value) {
    if (typeof value === 'symbol') throw typeError(cx, 'Cannot convert a Symbol value to a number');
    const number = Number(value);
    return NumberIsFinite(number) && number > 0 ? MathTrunc(number) : 0;
  }
  const constructProgressEvent = eventConstructor('ProgressEvent', 'ProgressEventInit', progressEvents, (cx, init) => {
    const fields = { __proto__: null, lengthComputable: false, loaded: 0, total: 0 };
    if (init !== undefined) {
      // (Members in the standard's order: the dictionary's, sorted.)
      fields.lengthComputable = !!init.lengthComputable;
      if (init.loaded !== undefined) fields.loaded = unsignedLongLong(cx, init.loaded);
      if (init.total !== undefined) fields.total = unsignedLongLong(cx, init.total);
    }
    return fields;
  });
  const constructPromiseRejectionEvent = (cx, thisValue, newTarget, ...args) => {
    if (args.length < 2) throw countError(cx, 'PromiseRejectionEvent', 'constructor', 2, args.length);
    const init = dictionary(cx, args[1], 'PromiseRejectionEvent', 'constructor', 2, 'PromiseRejectionEventInit');
    const promise = init === undefined ? undefined : init.promise;
    if (promise === undefined) {
      throw typeError(cx, FIREFOX ? "PromiseRejectionEvent constructor: Missing required 'promise' member of PromiseRejectionEventInit."
        : failed('PromiseRejectionEvent', 'constructor', "Failed to read the 'promise' property from 'PromiseRejectionEventInit': Required member is undefined."));
    }
    let converted = promise;
    if (FIREFOX) {
      if (!isObject(promise)) throw typeError(cx, "PromiseRejectionEvent constructor: 'promise' member of PromiseRejectionEventInit is not an object.");
    } else if (!isWorldPromise(cx, promise) || promise.constructor !== cx.b.Promise) {
      // (Chromium converts the member as a Promise<any>: Promise.resolve(value).)
      converted = host.newPromise(cx);
      converted.resolve(promise);
      converted = converted.promise;
    }
    const type = toText(cx, args[0], 'PromiseRejectionEvent', 'constructor');
    const event = newInstance(cx, newTarget, 'PromiseRejectionEvent');
    initializeEvent(cx, event, type, init);
    rejections.set(event, { __proto__: null, promise: converted, reason: init.reason });
    return event;
  };
  const isWorldPromise = (cx, value) => {
    if (!isObject(value)) return false;
    try { return ObjectPrototypeIsPrototypeOf(cx.b.PromisePrototype, value); } catch (e) { return false; }
  };
  const isWorldError = (cx, value) => {
    if (!isObject(value)) return false;
    try { return ObjectPrototypeIsPrototypeOf(cx.b.ErrorPrototype, value); } catch (e) { return false; }
  };

  // ---- EventTarget --------------------------------------------------------------------------------------
  // Each target's listeners, by target (of any world): a list of { cx, type, callback, capture,
  // once, passive, removed, order }.
  const listenersOf = new SafeWeakMap();
  // The DOM's answers (js/63_dom.js) for a world whose DOM is installed; undefined for another.
  const domOf = (cx) => (cx.dom === undefined ? undefined : host.domHooks);
  const isNode = (cx, value) => cx.dom !== undefined && host.domHooks.isNode(value);
  // The target an operation acts on: `this`, or the global for a call of the global's own
  // `addEventListener(...)` (Web IDL: an operation of a [Global] interface called without `this`).
  const targetOf = (cx, thisValue) => (thisValue === undefined || thisValue === null ? cx.global : thisValue);
  function listenersAtTarget(cx, target, member) {
    let listeners = isObject(target) ? listenersOf.get(target) : undefined;
    if (listeners === undefined) {
      // (A node of the DOM, js/63_dom.js, is a target from its first listener on.)
      if (!isNode(cx, target)) throw illegalInvocation(cx, 'EventTarget', member);
      listeners = [];
      listenersOf.set(target, listeners);
    }
    return listeners;
  }
  // The listener options (a boolean means `capture`), their members read in the standard's order.
  function flatten(cx, options, withAll) {
    const flat = { __proto__: null, capture: false, once: false, passive: undefined, signal: undefined };
    if (!isObject(options)) {
      flat.capture = !!options;
      return flat;
    }
    flat.capture = !!options.capture;
    if (!withAll) return flat;
    flat.once = !!options.once;
    if (options.passive !== undefined) flat.passive = !!options.passive;
    const signal = options.signal;
    if (signal !== undefined) {
      if (!isObject(signal) || !signals.has(signal)) {
        throw typeError(cx, FIREFOX ? "EventTarget.addEventListener: 'signal' member of AddEventListenerOptions does not implement interface AbortSignal."
          : failed('EventTarget', 'addEventListener', "Failed to read the 'signal' property from 'AddEventListenerOptions': Failed to convert value to 'AbortSignal'."));
      }
      flat.signal = signal;
    }
    return flat;
  }
  function checkCallback(cx, callback, member, index) {
    if (callback !== null && typeof callback !== 'object' && typeof callback !== 'function') {
      throw typeError(cx, FIREFOX ? failed('EventTarget', member, 'Argument ' + index + ' is not an object.')
        : failed('EventTarget', member, 'parameter ' + index + " is not of type 'Object'."));
    }
  }
  function findListener(listeners, type, callback, capture) {
    for (let i = 0; i < listeners.length; i++) {
      const listener = listeners[i];
      if (listener.type === type && listener.callback === callback && listener.capture === capture) return i;
    }
    return -1;
  }
  // Adds a listener of the world of `cx`, as the standard's "add an event listener" does.
  function addListener(cx, listeners, type, callback, flat) {
    if (flat.signal !== undefined && signals.get(flat.signal).aborted) return;
    if (callback === null) return;
    if (findListener(listeners, type, callback, flat.capture) !== -1) return;
    // (`order`: when it was added among the listeners of every world, which share the DOM's
    // targets: a dispatch at a node calls them all in that order, js/63_dom.js.)
    const listener = {
      __proto__: null, cx, type, callback, capture: flat.capture, once: flat.once, passive: flat.passive === true, removed: false,
      order: cx.loader.native.clock.order(),
    };
    listPush(listeners, listener);
    if (flat.signal !== undefined) addAbortAlgorithm(flat.signal, () => removeListener(listeners, listener));
  }
  function removeListener(listeners, listener) {
    listener.removed = true;
    for (let i = 0; i < listeners.length; i++) {
      if (listeners[i] === listener) {
        listRemoveAt(listeners, i);
        return;
      }
    }
  }

  // The implementation of EventTarget's member `name`.
  function eventTargetMember(name) {
    for (let i = 0; i < eventTargetMembers.length; i++) if (eventTargetMembers[i][1] === name) return eventTargetMembers[i][3];
    return undefined;
  }
  const constructEventTarget = (cx, thisValue, newTarget) => {
    const target = newInstance(cx, newTarget, 'EventTarget');
    listenersOf.set(target, []);
    return target;
  };
  const eventTargetMembers = [
    ['method', 'addEventListener', 2, (cx, thisValue, ...args) => {
      const listeners = listenersAtTarget(cx, targetOf(cx, thisValue), 'addEventListener');
      if (args.length < 2) throw countError(cx, 'EventTarget', 'addEventListener', 2, args.length);
      const type = toText(cx, args[0]);
      checkCallback(cx, args[1], 'addEventListener', 2);
      addListener(cx, listeners, type, args[1], flatten(cx, args[2], true));
    }],
    ['method', 'removeEventListener', 2, (cx, thisValue, ...args) => {
      const listeners = listenersAtTarget(cx, targetOf(cx, thisValue), 'removeEventListener');
      if (args.length < 2) throw countError(cx, 'EventTarget', 'removeEventListener', 2, args.length);
      const type = toText(cx, args[0]);
      checkCallback(cx, args[1], 'removeEventListener', 2);
      const flat = flatten(cx, args[2], false);
      const index = findListener(listeners, type, args[1], flat.capture);
      if (index !== -1) removeListener(listeners, listeners[index]);
    }],
    ['method', 'dispatchEvent', 1, (cx, thisValue, ...args) => {
      const target = targetOf(cx, thisValue);
      listenersAtTarget(cx, target, 'dispatchEvent');
      if (args.length < 1) throw countError(cx, 'EventTarget', 'dispatchEvent', 1, args.length);
      const state = isObject(args[0]) ? events.get(args[0]) : undefined;
      if (state === undefined) {
        throw typeError(cx, FIREFOX ? failed('EventTarget', 'dispatchEvent', isObject(args[0]) ? 'Argument 1 does not implement interface Event.' : 'Argument 1 is not an object.')
          : failed('EventTarget', 'dispatchEvent', "parameter 1 is not of type 'Event'."));
      }
      if (state.dispatching || !state.initialized) {
        throw domException(cx, FIREFOX ? 'An attempt was made to use an object that is not, or is no longer, usable'
          : failed('EventTarget', 'dispatchEvent', 'The event is already being dispatched.'), 'InvalidStateError');
      }
      state.trusted = false;
      return dispatch(cx, target, args[0], state);
    }],
  ];

  // A target's parent in the event path (the DOM's "get the parent"): a node's, which the DOM
  // (js/63_dom.js) gives once it is installed; none for other targets.
  const eventParent = (cx, target, state) => (cx.dom === undefined ? null
    : host.domHooks.eventParent(cx, target, state.type, state.composed, state.target));

  // The standard's "dispatch" of `event` (of the world of `cx`) at `target`: capture from the root
  // down, the target, then bubbling up when the event bubbles. Returns false when a listener
  // canceled the event.
  function dispatch(cx, target, event, state) {
    // (A MouseEvent `click` at a node runs the node's activation behaviour around the dispatch: a
    // checkbox changes first and changes back if a listener cancels the click. The DOM,
    // js/63_dom.js, answers for nodes; js/31_ui_events.js says which events are MouseEvents.)
    const loader = cx.loader;
    const dom = domOf(cx);
    const activates = state.type === 'click' && dom !== undefined && loader.isMouseEvent !== undefined
      && loader.isMouseEvent(event) && dom.activation(cx, target, false);
    state.dispatching = true;
    state.target = target;
    const path = [target];
    for (let parent = eventParent(cx, target, state); parent !== null && parent !== undefined; parent = eventParent(cx, parent, state)) {
      listPush(path, parent);
    }
    state.path = path;
    // (A path through the DOM, which other worlds share, is walked by the DOM, which calls their
    // listeners too: js/63_dom.js.)
    // (A world's own errors and rejections are its own: Chromium dispatches an ErrorEvent and a
    // PromiseRejectionEvent only in the world they come from.)
    const ownWorld = errorEvents.has(event) || rejections.has(event);
    // (A target in a shadow tree is seen from outside it as its host: the DOM retargets it.)
    const retargets = dom !== undefined && dom.retarget(cx, target, null) !== undefined;
    if (ownWorld || dom === undefined || !dom.dispatch(cx, path, event, state)) {
      // (At the target, Firefox calls the capturing listeners first, as the standard says;
      // Chromium calls all of them in the order they were added.)
      for (let i = path.length - 1; i >= 0 && !state.stopPropagation; i--) {
        state.phase = i === 0 ? 2 : 1;
        if (retargets) state.target = dom.retarget(cx, target, path[i]);
        invoke(path[i], event, state, i > 0 ? 'capture' : FIREFOX ? 'at-target-capture' : 'at-target');
      }
      for (let i = 0; i < path.length && !state.stopPropagation; i++) {
        if (i > 0 && !state.bubbles) break;
        if (i === 0 && !FIREFOX) continue;
        state.phase = i === 0 ? 2 : 3;
        if (retargets) state.target = dom.retarget(cx, target, path[i]);
        invoke(path[i], event, state, i === 0 ? 'at-target-bubble' : 'bubble');
      }
    }
    // (The DOM's "clear targets": an event whose target was in a shadow tree ends with none.)
    if (retargets) state.target = null;
    state.phase = 0;
    state.currentTarget = null;
    state.path = null;
    state.dispatching = false;
    state.stopPropagation = false;
    state.stopImmediate = false;
    if (activates) dom.activation(cx, target, true, state.canceled, state.trusted);
    return !state.canceled;
  }
  // Calls the listeners of `target` for the phase (a copy of the list, as the standard's "inner
  // invoke": one added meanwhile waits for the next dispatch; one removed meanwhile is skipped).
  function invoke(target, event, state, phase) {
    const list = listenersAt(target, state.type, phase);
    if (list.length === 0) return;
    state.currentTarget = target;
    for (let i = 0; i < list.length; i++) {
      invokeListener(target, event, state, list[i]);
      if (state.stopImmediate) return;
    }
  }
  // The listeners of `target` for `type` in the phase, in the order they were added.
  function listenersAt(target, type, phase) {
    const listeners = listenersOf.get(target);
    const list = [];
    if (listeners === undefined) return list;
    const capture = phase === 'capture' || phase === 'at-target-capture';
    for (let i = 0; i < listeners.length; i++) {
      const listener = listeners[i];
      if (listener.removed || listener.type !== type || (phase !== 'at-target' && listener.capture !== capture)) continue;
      listPush(list, listener);
    }
    return list;
  }
  // Calls one listener of `target` (skipped when it was removed meanwhile); what it throws is
  // reported in its world.
  function invokeListener(target, event, state, listener) {
    if (listener.removed) return;
    if (listener.once) removeListener(listenersOf.get(target), listener);
    if (listener.passive) state.inPassiveListener = true;
    const cx = listener.cx;
    try {
      const callback = listener.callback;
      if (typeof callback === 'function') {
        ReflectApply(callback, target, [event]);
      } else {
        const handleEvent = callback.handleEvent;
        if (typeof handleEvent !== 'function') {
          throw typeError(cx, FIREFOX ? "'handleEvent' property of EventListener is not callable." : 'The provided callback is no longer runnable.');
        }
        ReflectApply(handleEvent, callback, [event]);
      }
    } catch (error) {
      reportException(cx, error);
    }
    state.inPassiveListener = false;
  }

  // ---- Event handler attributes (`onerror`, `onabort`, ...) ---------------------------------------------
  // Each target's handlers, by target: { type: { value, listener } }. A handler's listener is added
  // when it is first set, and stays (its place among the listeners does not change).
  const handlersOf = new SafeWeakMap();
  // The handler attribute `on` + type of the interface `owner`: its getter's and setter's
  // implementations (made once for every world).
  const handlerImplementations = { __proto__: null };
  function handlerImplementation(type, owner) {
    const key = owner + ' ' + type;
    const made = handlerImplementations[key];
    if (made !== undefined) return made;
    const implementation = {
      // (The accessors' names, made once for every world.)
      __proto__: null, getName: 'get on' + type, setName: 'set on' + type,
      get: (cx, thisValue) => {
        const target = targetOf(cx, thisValue);
        if (!(isObject(target) && listenersOf.has(target)) && !isNode(cx, target)) throw illegalInvocation(cx, owner, 'get on' + type);
        const handlers = handlersOf.get(target);
        const handler = handlers === undefined ? undefined : handlers[type];
        if (handler !== undefined && handler.uncompiled !== undefined) compileHandler(handler);
        return handler === undefined ? null : handler.value;
      },
      set: (cx, thisValue, value) => setHandler(cx, targetOf(cx, thisValue), type, owner, value),
    };
    handlerImplementations[key] = implementation;
    return implementation;
  }
  function setHandler(cx, target, type, owner, value) {
    let listeners = isObject(target) ? listenersOf.get(target) : undefined;
    if (listeners === undefined) {
      // (A node of the DOM becomes a target when its first handler is set.)
      if (!isNode(cx, target)) throw illegalInvocation(cx, owner, 'set on' + type);
      listeners = [];
      listenersOf.set(target, listeners);
    }
    const callable = typeof value === 'function' || (value !== null && typeof value === 'object') ? value : null;
    let handlers = handlersOf.get(target);
    if (handlers === undefined) {
      handlers = { __proto__: null };
      handlersOf.set(target, handlers);
    }
    let handler = handlers[type];
    if (handler === undefined) {
      if (callable === null) return;
      handler = { __proto__: null, cx, value: callable, uncompiled: undefined };
      handlers[type] = handler;
      addListener(cx, listeners, type, handlerListener(cx, target, handler), flatten(cx, false, false));
      return;
    }
    handler.value = callable;
    handler.uncompiled = undefined;
  }
  // The listener a handler stands behind (the listener list is the host's: no script reaches it).
  const handlerListener = (cx, target, handler) => (event) => callHandler(cx, target, handler, event);
  // The accessor of the handler attribute `on` + type of `owner` for the world of `cx`.
  function handlerDescriptor(cx, type, owner) {
    const implementation = handlerImplementation(type, owner);
    return {
      __proto__: null, get: host.newFunction(cx, implementation.getName, 0, implementation.get, cx),
      set: host.newFunction(cx, implementation.setName, 1, implementation.set, cx), enumerable: true, configurable: true,
    };
  }
  // An event handler content attribute's handler (`<body onload="...">`): its text, compiled into
  // a function of the world on its first use (HTML's "getting the current value of the event
  // handler"), whose scopes are the element's document, its form and the element.
  function setHandlerFromAttribute(cx, target, type, text, element) {
    let listeners = listenersOf.get(target);
    if (listeners === undefined) {
      listeners = [];
      listenersOf.set(target, listeners);
    }
    let handlers = handlersOf.get(target);
    if (handlers === undefined) {
      handlers = { __proto__: null };
      handlersOf.set(target, handlers);
    }
    const uncompiled = { __proto__: null, text, element, type };
    const handler = handlers[type];
    if (handler !== undefined) {
      handler.value = null;
      handler.uncompiled = uncompiled;
      return;
    }
    const made = { __proto__: null, cx, value: null, uncompiled };
    handlers[type] = made;
    addListener(cx, listeners, type, handlerListener(cx, target, made), flatten(cx, false, false));
  }
  function compileHandler(handler) {
    const cx = handler.cx;
    const source = handler.uncompiled;
    handler.uncompiled = undefined;
    const element = source.element;
    const form = element.form;
    const isWindowError = source.type === 'error' && element.localName === 'body';
    const parameters = isWindowError ? 'event, source, lineno, colno, error' : element.namespaceURI === 'http://www.w3.org/2000/svg' ? 'evt' : 'event';
    const FunctionConstructor = cx.b.Function;
    try {
      // (The text is first compiled alone, so that it cannot close the function around it; the
      // scopes, the element's document, its form and itself, are reached through `this` of the
      // function that makes the handler, which names nothing the text could see.)
      new FunctionConstructor(parameters, source.text);
      const make = new FunctionConstructor('with (this[0]) { with (this[1]) { with (this[2]) { return function on' + source.type + '('
        + parameters + ') {\n' + source.text + '\n}; } } }');
      const scopes = host.newArray(cx, [element.ownerDocument, isObject(form) ? form : host.newObjectFrom(cx, null), element]);
      handler.value = ReflectApply(make, scopes, []);
    } catch (error) {
      // (A handler that does not compile is reported, and stays null.)
      reportException(cx, error);
    }
  }

  // The standard's "event handler processing": `onerror` of a global gets the error's parts and
  // cancels the event by returning true; any other handler cancels it by returning false.
  function callHandler(cx, target, handler, event) {
    if (handler.uncompiled !== undefined) compileHandler(handler);
    const callback = handler.value;
    if (typeof callback !== 'function') return;
    const state = events.get(event);
    if (target === cx.global && errorEvents.has(event) && state.type === 'error') {
      const fields = errorEvents.get(event);
      const result = ReflectApply(callback, target, [fields.message, fields.filename, fields.lineno, fields.colno, fields.error]);
      if (result === true) cancel(state);
      return;
    }
    const result = ReflectApply(callback, target, [event]);
    const beforeUnload = beforeUnloads.get(event);
    if (beforeUnload !== undefined) {
      // (HTML: a `beforeunload` handler's value other than null cancels the event, and becomes its
      // returnValue when that is empty.)
      if (result === undefined || result === null) return;
      cancel(state);
      if (beforeUnload.returnValue === '') beforeUnload.returnValue = toText(cx, result);
      return;
    }
    if (result === false) cancel(state);
  }

  // ---- Errors that escape: the global's `error` and `unhandledrejection` events -------------------------
  // The text of an uncaught error as the event's `message` has it.
  function errorMessage(cx, error) {
    let text;
    try {
      text = toText(cx, error);
    } catch (e) {
      text = 'exception';
    }
    if (!FIREFOX) return 'Uncaught ' + text;
    return isWorldError(cx, error) ? text : 'uncaught exception: ' + text;
  }
  // Fires the global's `error` event (an ErrorEvent) or, for a rejection no one handled,
  // `unhandledrejection` (a PromiseRejectionEvent), both cancelable; returns false when a listener
  // canceled it: the browser then does not report it.
  // (Firefox fires neither event for a content script's own uncaught errors: its listeners are on
  // the page's window, which the script's sandbox is not; `reportError` still reaches them.)
  function dispatchUncaught(cx, error, inPromise, promise) {
    if (FIREFOX && cx.kind === 'content') return true;
    return dispatchErrorEvent(cx, error, inPromise, promise);
  }
  function dispatchErrorEvent(cx, error, inPromise, promise) {
    const world = worldOf(cx);
    const listeners = listenersOf.get(cx.global);
    // (An error of a listener of this event is reported, not dispatched again: HTML's "error
    // reporting mode".)
    if (listeners.length === 0 || world.reportingError) return true;
    world.reportingError = true;
    try {
      return dispatchError(cx, error, inPromise, promise);
    } finally {
      world.reportingError = false;
    }
  }
  function dispatchError(cx, error, inPromise, promise) {
    if (inPromise) {
      if (promise === undefined) return true;
      const made = newEventOf(cx, 'PromiseRejectionEvent', 'unhandledrejection', undefined);
      made.state.cancelable = true;
      made.state.trusted = true;
      rejections.set(made.event, { __proto__: null, promise, reason: error });
      // (Firefox reports the rejection whatever the listeners did.)
      return dispatch(cx, cx.global, made.event, made.state) || FIREFOX;
    }
    const made = newEventOf(cx, 'ErrorEvent', 'error', undefined);
    made.state.cancelable = true;
    made.state.trusted = true;
    const location = errorLocation(error);
    const parts = location === '' ? [] : splitLocation(location);
    errorEvents.set(made.event, {
      __proto__: null, colno: parts.length > 2 ? parts[2] : 0, error, filename: parts.length > 0 ? parts[0] : '',
      lineno: parts.length > 1 ? parts[1] : 0, message: errorMessage(cx, error),
    });
    return dispatch(cx, cx.global, made.event, made.state);
  }
  // 'url:line:column' → [url, line, column].
  function lastColon(text, before) {
    for (let i = before - 1; i >= 0; i--) if (StringPrototypeCharCodeAt(text, i) === 58) return i;
    return -1;
  }
  function splitLocation(location) {
    const column = lastColon(location, location.length);
    const line = column > 0 ? lastColon(location, column) : -1;
    if (line <= 0) return [location];
    const lineNumber = Number(StringPrototypeSlice(location, line + 1, column));
    const columnNumber = Number(StringPrototypeSlice(location, column + 1));
    if (!NumberIsFinite(lineNumber) || !NumberIsFinite(columnNumber)) return [location];
    return [StringPrototypeSlice(location, 0, line), lineNumber, columnNumber];
  }
  // HTML's "report an exception": the error event first, then the console unless a listener
  // canceled it.
  // (What host code threw while calling a listener, a revoked Proxy's `handleEvent` read or a stack
  // the script nearly exhausted, becomes the world's error first: no event carries one of this realm.)
  function reportException(cx, error) {
    const thrown = host.contextError(cx, error);
    if (dispatchErrorEvent(cx, thrown, false, undefined)) host.reportUncaught(cx, thrown, false);
  }
  const reportErrorImplementation = (cx, thisValue, ...args) => {
    if (args.length < 1) {
      throw typeError(cx, FIREFOX ? 'Window.reportError: At least 1 argument required, but only 0 passed'
        : "Failed to execute 'reportError' on '" + (cx.info.isServiceWorker ? 'WorkerGlobalScope' : 'Window') + "': 1 argument required, but only 0 present.");
    }
    reportException(cx, args[0]);
  };

  // ---- AbortController and AbortSignal ------------------------------------------------------------------
  // Each signal's state, by signal: { cx, aborted, reason, algorithms, dependent, sources, dependents }.
  const signals = new SafeWeakMap();
  function addAbortAlgorithm(signal, algorithm) {
    const state = signals.get(signal);
    if (!state.aborted) listPush(state.algorithms, algorithm);
  }
  function newSignal(cx) {
    const signal = host.newObjectFrom(cx, interfaceOf(cx, 'AbortSignal').prototype);
    listenersOf.set(signal, []);
    signals.set(signal, { __proto__: null, cx, aborted: false, reason: undefined, algorithms: [], dependent: false, sources: [], dependents: [] });
    return signal;
  }
  const abortError = (cx) => domException(cx, FIREFOX ? 'The operation was aborted. ' : 'signal is aborted without reason', 'AbortError');
  // The standard's "signal abort": runs the algorithms, fires `abort`, then the dependents'.
  function signalAbort(signal, reason) {
    const state = signals.get(signal);
    if (state.aborted) return;
    state.aborted = true;
    state.reason = reason === undefined ? abortError(state.cx) : reason;
    const dependents = [];
    for (let i = 0; i < state.dependents.length; i++) {
      const dependent = state.dependents[i];
      const dependentState = signals.get(dependent);
      if (!dependentState.aborted) {
        dependentState.aborted = true;
        dependentState.reason = state.reason;
        listPush(dependents, dependent);
      }
    }
    runAbortSteps(signal);
    for (let i = 0; i < dependents.length; i++) runAbortSteps(dependents[i]);
  }
  function runAbortSteps(signal) {
    const state = signals.get(signal);
    const algorithms = state.algorithms;
    state.algorithms = [];
    for (let i = 0; i < algorithms.length; i++) algorithms[i]();
    const made = newEventOf(state.cx, 'Event', 'abort', undefined);
    made.state.trusted = true;
    dispatch(state.cx, signal, made.event, made.state);
  }
  const signalState = (cx, signal, member) => {
    const state = isObject(signal) ? signals.get(signal) : undefined;
    if (state === undefined) throw illegalInvocation(cx, 'AbortSignal', member);
    return state;
  };
  const abortSignalStatics = [
    ['method', 'abort', 0, (cx, thisValue, reason) => {
      const signal = newSignal(cx);
      signalAbort(signal, reason);
      return signal;
    }],
    ['method', 'timeout', 1, (cx, thisValue, ...args) => {
      if (args.length < 1) throw countError(cx, 'AbortSignal', 'timeout', 1, args.length);
      const milliseconds = enforceRange(cx, args[0]);
      const signal = newSignal(cx);
      cx.loader.native.clock.timeout(milliseconds, () => {
        signalAbort(signal, domException(cx, FIREFOX ? 'The operation timed out.' : 'signal timed out', 'TimeoutError'));
      });
      return signal;
    }],
    ['method', 'any', 1, (cx, thisValue, ...args) => {
      if (args.length < 1) throw countError(cx, 'AbortSignal', 'any', 1, args.length);
      return dependentSignal(cx, sequenceOfSignals(cx, args[0]));
    }],
  ];
  // The standard's "create a dependent abort signal" from the signals `sources`.
  function dependentSignal(cx, sources) {
    const result = newSignal(cx);
    const resultState = signals.get(result);
    for (let i = 0; i < sources.length; i++) {
      const state = signals.get(sources[i]);
      if (state.aborted) {
        resultState.aborted = true;
        resultState.reason = state.reason;
        return result;
      }
    }
    resultState.dependent = true;
    const seen = new SafeSet();
    for (let i = 0; i < sources.length; i++) {
      const source = sources[i];
      const state = signals.get(source);
      const roots = state.dependent ? state.sources : [source];
      for (let j = 0; j < roots.length; j++) {
        const root = roots[j];
        if (seen.has(root)) continue;
        seen.add(root);
        listPush(resultState.sources, root);
        listPush(signals.get(root).dependents, result);
      }
    }
    return result;
  }
  // Web IDL's [EnforceRange] unsigned long long.
  function enforceRange(cx, value) {
    if (typeof value === 'symbol') throw typeError(cx, 'Cannot convert a Symbol value to a number');
    const number = Number(value);
    if (!NumberIsFinite(number) || MathTrunc(number) < 0 || MathTrunc(number) > 9007199254740991) {
      throw typeError(cx, FIREFOX ? 'AbortSignal.timeout: Argument 1 is out of range for unsigned long long.'
        : failed('AbortSignal', 'timeout', "Value is outside the 'unsigned long long' value range."));
    }
    return MathTrunc(number);
  }
  // A sequence<AbortSignal> from an iterable (read with the script's own iterator, as Web IDL does).
  function sequenceOfSignals(cx, value) {
    if (!isObject(value)) {
      throw typeError(cx, FIREFOX ? 'AbortSignal.any: Argument 1 can\'t be converted to a sequence.'
        : failed('AbortSignal', 'any', 'The provided value cannot be converted to a sequence.'));
    }
    const list = [];
    // (Web IDL iterates a sequence with the value's own @@iterator: a script's iterable is read as it says.)
    const iterator = value[SymbolIterator]();
    for (let step = iterator.next(); !step.done; step = iterator.next()) {
      if (!isObject(step.value) || !signals.has(step.value)) {
        throw typeError(cx, FIREFOX ? 'AbortSignal.any: Element of argument 1 ' + (isObject(step.value) ? 'does not implement interface AbortSignal.' : 'is not an object.')
          : failed('AbortSignal', 'any', "Failed to convert value to 'AbortSignal'."));
      }
      listPush(list, step.value);
    }
    return list;
  }
  const controllers = new SafeWeakMap();
  const constructAbortController = (cx, thisValue, newTarget) => {
    const controller = newInstance(cx, newTarget, 'AbortController');
    controllers.set(controller, newSignal(cx));
    return controller;
  };
  const controllerSignal = (cx, controller, member) => {
    const signal = isObject(controller) ? controllers.get(controller) : undefined;
    if (signal === undefined) throw illegalInvocation(cx, 'AbortController', member);
    return signal;
  };

  // ---- The interfaces ------------------------------------------------------------------------------------
  // Each interface: its parent, its constructor's implementation (none: Illegal constructor) and
  // members (`members(cx, prototype)` for those made another way).
  const beforeUnloadField = (cx, thisValue, member) => {
    const fields = isObject(thisValue) ? beforeUnloads.get(thisValue) : undefined;
    if (fields === undefined) throw illegalInvocation(cx, 'BeforeUnloadEvent', member);
    return fields;
  };
  const interfaces = {
    __proto__: null,
    EventTarget: { parent: null, construct: constructEventTarget, members: eventTargetMembers },
    Event: { parent: null, construct: constructEvent, members: eventMembers, constants: eventConstants },
    CustomEvent: {
      parent: 'Event',
      construct: eventConstructor('CustomEvent', 'CustomEventInit', details, (cx, init) => (init === undefined || init.detail === undefined ? null : init.detail)),
      members: [
        ['get', 'detail', (cx, thisValue) => {
          if (!isObject(thisValue) || !details.has(thisValue)) throw illegalInvocation(cx, 'CustomEvent', 'get detail');
          return details.get(thisValue);
        }],
        ['method', 'initCustomEvent', 1, (cx, thisValue, ...args) => {
          if (!isObject(thisValue) || !details.has(thisValue)) throw illegalInvocation(cx, 'CustomEvent', 'initCustomEvent');
          const state = eventState(cx, thisValue, 'CustomEvent', 'initCustomEvent');
          if (args.length < 1) throw countError(cx, 'CustomEvent', 'initCustomEvent', 1, args.length);
          if (initEvent(cx, state, 'CustomEvent', 'initCustomEvent', args)) details.set(thisValue, args[3] === undefined ? null : args[3]);
        }],
      ],
    },
    ErrorEvent: {
      parent: 'Event', construct: constructErrorEvent,
      members: [
        ['get', 'message', fieldOf(errorEvents, 'ErrorEvent', 'message')],
        ['get', 'filename', fieldOf(errorEvents, 'ErrorEvent', 'filename')],
        ['get', 'lineno', fieldOf(errorEvents, 'ErrorEvent', 'lineno')],
        ['get', 'colno', fieldOf(errorEvents, 'ErrorEvent', 'colno')],
        ['get', 'error', fieldOf(errorEvents, 'ErrorEvent', 'error')],
      ],
    },
    PromiseRejectionEvent: {
      parent: 'Event', construct: constructPromiseRejectionEvent,
      members: [['get', 'promise', fieldOf(rejections, 'PromiseRejectionEvent', 'promise')], ['get', 'reason', fieldOf(rejections, 'PromiseRejectionEvent', 'reason')]],
    },
    ProgressEvent: {
      parent: 'Event', construct: constructProgressEvent,
      members: [
        ['get', 'lengthComputable', fieldOf(progressEvents, 'ProgressEvent', 'lengthComputable')],
        ['get', 'loaded', fieldOf(progressEvents, 'ProgressEvent', 'loaded')],
        ['get', 'total', fieldOf(progressEvents, 'ProgressEvent', 'total')],
      ],
    },
    // HTML's PageTransitionEvent (`pageshow` and `pagehide`): whether the page comes from, or goes
    // into, the back/forward cache.
    PageTransitionEvent: {
      parent: 'Event',
      construct: eventConstructor('PageTransitionEvent', 'PageTransitionEventInit', transitions, (cx, init) => ({ __proto__: null, persisted: init !== undefined && !!init.persisted })),
      members: [['get', 'persisted', fieldOf(transitions, 'PageTransitionEvent', 'persisted')]],
    },
    BeforeUnloadEvent: {
      parent: 'Event',
      members: [['accessor', 'returnValue', (cx, thisValue) => beforeUnloadField(cx, thisValue, 'get returnValue').returnValue, (cx, thisValue, value) => {
        beforeUnloadField(cx, thisValue, 'set returnValue').returnValue = toText(cx, value);
      }]],
    },
    // HTML's HashChangeEvent (`hashchange`: the URLs before and after a fragment navigation) and
    // PopStateEvent (`popstate`: the state of the session history entry a traversal reached).
    HashChangeEvent: {
      parent: 'Event',
      construct: eventConstructor('HashChangeEvent', 'HashChangeEventInit', hashChanges, (cx, init) => {
        const fields = { __proto__: null, newURL: '', oldURL: '' };
        if (init !== undefined) {
          if (init.newURL !== undefined) fields.newURL = toText(cx, init.newURL);
          if (init.oldURL !== undefined) fields.oldURL = toText(cx, init.oldURL);
        }
        return fields;
      }),
      members: [['get', 'oldURL', fieldOf(hashChanges, 'HashChangeEvent', 'oldURL')], ['get', 'newURL', fieldOf(hashChanges, 'HashChangeEvent', 'newURL')]],
    },
    PopStateEvent: {
      parent: 'Event',
      construct: eventConstructor('PopStateEvent', 'PopStateEventInit', popStates,
        (cx, init) => ({ __proto__: null, state: init !== undefined && init.state !== undefined ? init.state : null, hasUAVisualTransition: false })),
      members: [
        ['get', 'state', fieldOf(popStates, 'PopStateEvent', 'state')],
        ['get', 'hasUAVisualTransition', fieldOf(popStates, 'PopStateEvent', 'hasUAVisualTransition')],
      ],
    },
    AbortSignal: {
      parent: 'EventTarget', statics: abortSignalStatics,
      members: [
        ['get', 'aborted', (cx, thisValue) => signalState(cx, thisValue, 'get aborted').aborted],
        ['get', 'reason', (cx, thisValue) => signalState(cx, thisValue, 'get reason').reason],
        ['method', 'throwIfAborted', 0, (cx, thisValue) => {
          const state = signalState(cx, thisValue, 'throwIfAborted');
          if (state.aborted) throw state.reason;
        }],
      ],
      handlers: ['abort'],
    },
    AbortController: {
      parent: null, construct: constructAbortController,
      members: [
        ['get', 'signal', (cx, thisValue) => controllerSignal(cx, thisValue, 'get signal')],
        ['method', 'abort', 0, (cx, thisValue, reason) => { signalAbort(controllerSignal(cx, thisValue, 'abort'), reason); }],
      ],
    },
  };

  // The interface `name` of the world of `cx` ({prototype, publicConstructor}), made now if it was not.
  function interfaceOf(cx, name) {
    const world = worldOf(cx);
    const made = world.interfaces[name];
    if (made !== undefined) return made;
    const description = interfaces[name];
    const members = description.members;
    if (name !== 'EventTarget') {
      const parent = description.parent === null ? null : interfaceOf(cx, description.parent);
      const made = host.makeWorldInterface(cx, name, {
        __proto__: null, construct: description.construct, members, statics: description.statics, constants: description.constants,
      }, parent);
      world.interfaces[name] = made;
      // (A handler attribute comes after `constructor`, as it always did here: AbortSignal's `onabort`.)
      if (description.handlers !== undefined) {
        for (let i = 0; i < description.handlers.length; i++) {
          ReflectDefineProperty(made.prototype, 'on' + description.handlers[i], handlerDescriptor(cx, description.handlers[i], name));
        }
        host.compactShape(made.prototype);
      }
      return made;
    }
    // (EventTarget's prototype is the one the window module made the global inherit from.)
    cx.native.realm.makeGlobal(name);
    const prototype = cx.loader.sharedPrototype('EventTarget');
    const publicConstructor = cx.loader.makeInterface(name, undefined, host.newFunction(cx, name, 0, description.construct, cx), prototype);
    world.interfaces[name] = { __proto__: null, prototype, publicConstructor };
    host.defineWorldMembers(cx, prototype, members);
    host.defineValue(prototype, SymbolToStringTag, name, false, false, true);
    host.defineValue(prototype, 'constructor', publicConstructor, true, false, true);
    // (Only the constructor: the prototype is the one the window module made the global inherit
    // from, which a script may have reached and changed first.)
    host.compactShape(publicConstructor);
    return world.interfaces[name];
  }
  // The interfaces the loader makes on a script's first touch of their globals (Swift asks).
  host.makeEventInterface = function (cx, name) {
    if (interfaces[name] !== undefined) interfaceOf(cx, name);
  };

  // Dispatches a trusted ProgressEvent `type` at `target` (XMLHttpRequest's and FileReader's).
  function fireProgress(cx, target, type, loaded, total, computable) {
    const made = newEventOf(cx, 'ProgressEvent', type, undefined);
    progressEvents.set(made.event, { __proto__: null, lengthComputable: computable, loaded, total });
    return dispatchTrusted(cx, target, made);
  }

  // ---- A world's events ----------------------------------------------------------------------------------
  // Installs the module for the world of `cx`: EventTarget and Event, the global's own handlers
  // (a window's own accessors, a worker's on WorkerGlobalScope.prototype, which the window module
  // makes first) and `reportError`, and what the context's own modules use (`bridge`).
  host.installEvents = function (cx) {
    if (cx.eventWorld !== undefined) return;
    cx.loader.load('window');
    const getter = host.newFunction(cx, 'get isTrusted', 0, (data, thisValue) => eventState(cx, thisValue, 'Event', 'get isTrusted').trusted, cx);
    cx.eventWorld = {
      __proto__: null, interfaces: { __proto__: null }, reportingError: false,
      isTrustedDescriptor: { __proto__: null, get: getter, enumerable: true, configurable: false },
    };
    listenersOf.set(cx.global, []);
    interfaceOf(cx, 'EventTarget');
    interfaceOf(cx, 'Event');
    const types = cx.info.isServiceWorker ? ['error', 'unhandledrejection']
      : ['error', 'unhandledrejection', 'storage', 'load', 'pageshow', 'pagehide', 'message', 'hashchange', 'popstate', 'beforeunload', 'unload'];
    const workerScope = cx.info.isServiceWorker ? cx.loader.lazyGlobals.WorkerGlobalScope : undefined;
    for (let i = 0; i < types.length; i++) {
      if (workerScope !== undefined) ReflectDefineProperty(workerScope.prototype, 'on' + types[i], handlerDescriptor(cx, types[i], 'WorkerGlobalScope'));
      else cx.loader.defineGlobal('on' + types[i], handlerDescriptor(cx, types[i], 'Window'));
    }
    cx.loader.implementations.reportError = host.newFunction(cx, 'reportError', 1, reportErrorImplementation, cx);
    bridge(cx);
  };

  // ---- For the other modules ------------------------------------------------------------------------------
  // Describes an event (of any world) so that another world can make the same event
  // (eventFromDescription): the DOM's dispatch through every world of a document, js/63_dom.js.
  function describeEvent(cx, event) {
    const state = events.get(event);
    const description = {
      __proto__: null, interface: 'Event', type: state.type, bubbles: state.bubbles, cancelable: state.cancelable, composed: state.composed,
      trusted: state.trusted, timeStamp: state.timeStamp, detail: undefined, fields: undefined,
    };
    if (details.has(event)) {
      description.interface = 'CustomEvent';
      description.detail = details.get(event);
    }
    const ui = cx.loader.uiEventFields === undefined ? undefined : cx.loader.uiEventFields(event);
    if (ui !== undefined) {
      description.interface = ui.interface;
      description.fields = ui.fields;
    }
    if (transitions.has(event)) {
      description.interface = 'PageTransitionEvent';
      description.persisted = transitions.get(event).persisted;
    }
    if (beforeUnloads.has(event)) {
      description.interface = 'BeforeUnloadEvent';
      description.returnValue = beforeUnloads.get(event).returnValue;
    }
    if (hashChanges.has(event)) {
      description.interface = 'HashChangeEvent';
      description.hashChange = hashChanges.get(event);
    }
    // (A popstate's state crosses as the entry's own text, which each world reads for itself.)
    if (popStates.has(event) && popStateTexts.has(event)) {
      description.interface = 'PopStateEvent';
      description.stateText = popStateTexts.get(event);
    }
    for (let i = 0; i < crossingKinds.length; i++) {
      const fields = crossingKinds[i].describe(event);
      if (fields !== undefined) {
        description.interface = crossingKinds[i].name;
        description.kind = i;
        description.kindFields = fields;
      }
    }
    const message = host.windowMessageOf === undefined ? undefined : host.windowMessageOf(event);
    if (message !== undefined) {
      description.interface = 'MessageEvent';
      description.message = message;
    }
    return description;
  }
  // The event interfaces of other modules of this realm whose events cross worlds (js/37_form_data.js's
  // FormDataEvent): each { name, module, describe(event): its fields (undefined: not one of its
  // events), make(cx, type, fields): {event, state} of the world of `cx` }.
  const crossingKinds = [];
  const describedInterfaces = ['CustomEvent', 'PageTransitionEvent', 'BeforeUnloadEvent', 'HashChangeEvent', 'PopStateEvent'];
  function eventFromDescription(cx, description) {
    if (description.message !== undefined) {
      cx.loader.load('channel_messaging');
      const message = description.message;
      const made = host.makeWindowMessage(cx, message.text, message.origin, message.relation, description.source);
      made.state.trusted = description.trusted;
      made.state.timeStamp = description.timeStamp;
      return made;
    }
    let made;
    if (description.kind !== undefined) {
      const kind = crossingKinds[description.kind];
      cx.loader.load(kind.module);
      made = kind.make(cx, description.type, description.kindFields);
    } else if (description.fields !== undefined) {
      if (cx.loader.makeUIEvent === undefined) cx.loader.load('ui_events');
      const event = cx.loader.makeUIEvent(description.interface, description.type, description.fields);
      made = { __proto__: null, event, state: events.get(event) };
    } else {
      const name = describedInterfaces.indexOf(description.interface) >= 0 ? description.interface : 'Event';
      made = newEventOf(cx, name, description.type, undefined);
      const event = made.event;
      if (name === 'CustomEvent') details.set(event, description.detail === undefined ? null : description.detail);
      if (name === 'PageTransitionEvent') transitions.set(event, { __proto__: null, persisted: !!description.persisted });
      if (name === 'BeforeUnloadEvent') beforeUnloads.set(event, { __proto__: null, returnValue: String(description.returnValue) });
      if (name === 'HashChangeEvent') {
        const fields = description.hashChange;
        hashChanges.set(event, { __proto__: null, newURL: String(fields.newURL), oldURL: String(fields.oldURL) });
      }
      if (name === 'PopStateEvent') setPopState(cx, event, description.stateText);
    }
    const state = made.state;
    state.bubbles = description.bubbles;
    state.cancelable = description.cancelable;
    state.composed = description.composed;
    state.trusted = description.trusted;
    state.timeStamp = description.timeStamp;
    return made;
  }
  // A popstate event's state, read in the world from the entry's text (null: no state).
  const popStateTexts = new SafeWeakMap();
  function setPopState(cx, event, text) {
    const hasState = text !== null && typeof text === 'string';
    if (hasState && cx.loader.readClone === undefined) cx.loader.load('structured_clone');
    popStates.set(event, { __proto__: null, state: hasState ? cx.loader.readClone(text) : null, hasUAVisualTransition: false });
    popStateTexts.set(event, text);
  }
  const dispatchTrusted = (cx, target, made) => {
    made.state.trusted = true;
    return dispatch(cx, target, made.event, made.state);
  };
  // Dispatches a trusted `hashchange` ({oldURL, newURL}) or `popstate` ({state}: the entry's
  // structured-clone text, or null) at `target`, the window.
  function fireNavigationEvent(cx, target, type, fields) {
    if (type === 'hashchange') {
      const made = newEventOf(cx, 'HashChangeEvent', type, undefined);
      hashChanges.set(made.event, { __proto__: null, newURL: String(fields.newURL), oldURL: String(fields.oldURL) });
      return dispatchTrusted(cx, target, made);
    }
    const made = newEventOf(cx, 'PopStateEvent', type, undefined);
    setPopState(cx, made.event, fields.state);
    return dispatchTrusted(cx, target, made);
  }

  // What the context's own modules (js/34_xhr.js, js/00_host.js, ...) and the DOM's (js/63_dom.js)
  // call through the context's `host` object: functions of this realm, which no script can reach.
  // What one throws of this realm reaches the caller as the world's error (`guarded`); what one
  // returns of this realm (an event's state, a listener list) is for the host's modules only.
  function bridge(cx) {
    const loader = cx.loader;
    const guarded = (fn) => host.guarded(cx, fn);
    const eventInterface = interfaceOf(cx, 'Event');
    loader.EventPrototype = eventInterface.prototype;
    // Makes `object` a target with no listeners.
    loader.makeEventTarget = guarded((object) => { listenersOf.set(object, []); });
    // A new event whose prototype is `prototype`, with its state: {event, state}.
    loader.newEvent = guarded((prototype, type, init) => {
      const event = host.newObjectFrom(cx, prototype);
      return { __proto__: null, event, state: initializeEvent(cx, event, type, init) };
    });
    loader.eventStateOf = (event) => events.get(event);
    loader.initializeEvent = guarded((event, type, init) => initializeEvent(cx, event, type, init));
    loader.dispatchTrusted = guarded((target, made) => dispatchTrusted(cx, target, made));
    // Dispatches a trusted event `type` of the class Event at `target` (`init`: its EventInit; the
    // DOM's `click()`). Returns false when a listener canceled it.
    loader.fireEvent = guarded((target, type, init) => dispatchTrusted(cx, target, newEventOf(cx, 'Event', type, init)));
    loader.fireNavigationEvent = guarded((target, type, fields) => fireNavigationEvent(cx, target, type, fields));
    // Dispatches the trusted `beforeunload` of a navigation about to leave the page (cancelable).
    loader.fireBeforeUnload = guarded((target) => {
      const made = newEventOf(cx, 'BeforeUnloadEvent', 'beforeunload', { __proto__: null, bubbles: false, cancelable: true, composed: false });
      beforeUnloads.set(made.event, { __proto__: null, returnValue: '' });
      return dispatchTrusted(cx, target, made);
    });
    // Dispatches a trusted `pageshow` or `pagehide` (`persisted`: from or into the back/forward cache).
    loader.firePageTransition = guarded((target, type, persisted) => {
      const made = newEventOf(cx, 'PageTransitionEvent', type, undefined);
      transitions.set(made.event, { __proto__: null, persisted });
      return dispatchTrusted(cx, target, made);
    });
    // The accessor of the handler attribute `on` + type of `owner`.
    loader.eventHandlerDescriptor = guarded((type, owner) => handlerDescriptor(cx, type, owner));
    loader.setHandlerFromAttribute = guarded((target, type, text, element) => setHandlerFromAttribute(cx, target, type, text, element));
    // An uncaught error of the world (js/00_host.js asks before its report; false: a listener
    // canceled it), and "report an exception".
    loader.dispatchErrorEvent = guarded((error, inPromise, promise) => dispatchUncaught(cx, error, !!inPromise, promise));
    loader.reportException = guarded((error) => reportException(cx, error));
    // For the DOM's dispatch through every world of a document (js/63_dom.js): this world's
    // listeners at a target, one listener's call, and what an event is (to make the same event in
    // another world) or an event made from such a description, with its state.
    loader.listenersAt = listenersAt;
    loader.invokeListener = invokeListener;
    loader.describeEvent = guarded((event) => describeEvent(cx, event));
    loader.eventFromDescription = guarded((description) => eventFromDescription(cx, description));
    // Whether the global has a listener (or handler) for `type` (Chromium keeps no page with an
    // `unload` listener in its back/forward cache).
    loader.globalListensTo = guarded((type) => globalListensTo(cx, type));
  }
  function globalListensTo(cx, type) {
    const listeners = listenersOf.get(cx.global);
    for (let i = 0; i < listeners.length; i++) if (!listeners[i].removed && listeners[i].type === type) return true;
    return false;
  }
  // For the other modules of this realm whose interfaces inherit from Event or EventTarget
  // (js/31_ui_events.js, js/48_channel_messaging.js, ...): a world's event interface, how an
  // event is initialized and its constructor's arguments read, a handler attribute's
  // implementation, and a dispatch of an event a script could have made (`trusted`: the browser's
  // own, as a person's click is).
  host.eventInternals = {
    __proto__: null, interfaceOf, initializeEvent, eventArguments, unsignedLong, handlerImplementation, fireProgress,
    // For fetch (js/32_fetch.js): an AbortSignal's state (undefined for another value), a new
    // signal of the world of `cx` that follows `sources`, and running `algorithm` when one aborts.
    signalState: (signal) => (isObject(signal) ? signals.get(signal) : undefined),
    // For XMLHttpRequest (js/34_xhr.js): a trusted Event `type` at `target`, and Web IDL's
    // `unsigned long long`.
    fireEvent: (cx, target, type) => dispatchTrusted(cx, target, newEventOf(cx, 'Event', type, undefined)),
    unsignedLongLong,
    dependentSignal,
    addAbortAlgorithm,
    // Lets the events of another module's interface cross worlds (`crossingKinds`).
    addCrossingKind: (kind) => { listPush(crossingKinds, kind); },
    // An event's state (of any world), and making an object a target with no listeners.
    stateOf: (event) => events.get(event),
    makeEventTarget: (object) => { listenersOf.set(object, []); },
    // EventTarget's addEventListener and removeEventListener at `target`, as its members do them
    // (MediaQueryList's legacy addListener and removeListener).
    addEventListener: (cx, target, type, callback) => { ReflectApply(eventTargetMember('addEventListener'), undefined, [cx, target, type, callback]); },
    removeEventListener: (cx, target, type, callback) => { ReflectApply(eventTargetMember('removeEventListener'), undefined, [cx, target, type, callback]); },
    dispatch: (cx, target, event, trusted) => {
      const state = events.get(event);
      state.trusted = trusted;
      return dispatch(cx, target, event, state);
    },
  };
  // For Swift: whether the window of the world of `cx` listens for `type`.
  host.globalListensTo = (cx, type) => cx.eventWorld !== undefined && globalListensTo(cx, type);
});
