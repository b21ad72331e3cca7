// exthost:needs primordials host dom_exception
// exthost:globals ~EventTarget:constructor:0 ~Event:constructor:1 ~CustomEvent:constructor:1 ~ErrorEvent:constructor:1
// exthost:globals ~PromiseRejectionEvent:constructor:2 ~AbortController:constructor:0 ~AbortSignal:constructor:0
// exthost:globals ~reportError:function:1 addEventListener:inherited removeEventListener:inherited dispatchEvent:inherited
// exthost:globals Window: onerror:accessor onunhandledrejection:accessor onstorage:accessor ~PageTransitionEvent:constructor:1
// exthost:globals Window: ~HashChangeEvent:constructor:1 ~PopStateEvent:constructor:1 onhashchange:accessor onpopstate:accessor
// exthost:globals Window: onload:accessor onpageshow:accessor onpagehide:accessor onmessage:accessor
// exthost:globals Window: ~BeforeUnloadEvent:constructor:0 onbeforeunload:accessor onunload:accessor
// exthost:globals ServiceWorkerGlobalScope: onerror:inherited onunhandledrejection:inherited
// DOM events (the DOM Standard's "Events" and "Aborting ongoing activities"): `EventTarget` with
// listeners (capture, once, passive, signal) and dispatch, `Event`, `CustomEvent`, `ErrorEvent`,
// `PromiseRejectionEvent`, `AbortController` and `AbortSignal` (`abort`, `timeout`, `any`), event
// handler attributes, `reportError`, and the global's `error` and `unhandledrejection` events
// (host.dispatchErrorEvent, which js/00_host.js's report of an uncaught error asks first), with
// each browser's errors (fixtures/conformance/web-events). EventTarget.prototype is the object the
// window module (js/30_window.js) already made the global inherit from (`host.sharedPrototype`);
// the global's `addEventListener` and handlers load this module on first touch.
//
// Dispatch follows the standard's algorithm over a path of targets: a node's parent comes from the
// DOM (js/63_dom.js: `host.domEventParent`), so nodes get capture and bubbling; other targets have none.
(function (host) {
  'use strict';
  const {
    TypeError, String, Number, ObjectCreate, ObjectPrototype, ObjectSetPrototypeOf, ReflectApply, ReflectDefineProperty,
    SafeWeakMap, SafeSet, dataDescriptor, SymbolToStringTag, listPush, listCopy, listRemoveAt, isErrorObject, getOwnData, errorLocation,
    MathTrunc, NumberIsFinite, Promise, isPromise, StringPrototypeCharCodeAt, StringPrototypeSlice, SymbolIterator, ReflectGetOwnPropertyDescriptor,
  } = host.primordials;
  const FIREFOX = host.flavor === 'firefox';
  const FunctionConstructor = host.builtins.plain.Function;
  const native = host.native;
  const global = host.global;

  // ---- Errors, as each browser words them (js/00_host.js) -----------------------------------------------
  const { failed, newRequired, illegalInvocation, illegalConstructor, countError, dictionary } = host.webIDLErrors;

  // Defines the interface `name` (host.defineInterface) whose parent is the interface `parent`
  // ({prototype, publicConstructor}); `constants`: Event's phase constants. Returns the interface.
  function defineInterface(constructor, name, length, members, parent, constants, statics, shared) {
    const names = ['NONE', 'CAPTURING_PHASE', 'AT_TARGET', 'BUBBLING_PHASE'];
    const values = [0, 1, 2, 3];
    if (constants && FIREFOX) {
      // (Firefox's Event also has the modifier masks of its old event model.)
      listPush(names, 'ALT_MASK'); listPush(values, 1);
      listPush(names, 'CONTROL_MASK'); listPush(values, 2);
      listPush(names, 'SHIFT_MASK'); listPush(values, 4);
      listPush(names, 'META_MASK'); listPush(values, 8);
    }
    if (constants) for (let i = 0; i < names.length; i++) ReflectDefineProperty(constructor, names[i], dataDescriptor(values[i], false, true, false));
    const prototype = host.defineInterface(constructor, name, length, members, {
      __proto__: null, statics: statics || undefined, prototype: shared || undefined,
      parentPrototype: parent ? parent.prototype : undefined, parentConstructor: parent ? parent.publicConstructor : undefined,
    });
    if (constants) for (let i = 0; i < names.length; i++) ReflectDefineProperty(prototype, names[i], dataDescriptor(values[i], false, true, false));
    return { __proto__: null, prototype, publicConstructor: host.lazyGlobals[name] };
  }

  // ---- Event --------------------------------------------------------------------------------------------
  // Each event's state, by event: what the standard calls its flags and its path.
  const events = new SafeWeakMap();
  const eventState = (event, owner, member) => {
    const state = events.get(event);
    if (state === undefined) throw illegalInvocation(owner, member);
    return state;
  };
  // `isTrusted`, an own property of every event ([LegacyUnforgeable]): one getter per realm.
  const isTrusted = {
    get isTrusted() {
      return eventState(this, 'Event', 'get isTrusted').trusted;
    },
  };
  const isTrustedDescriptor = { __proto__: null, get: ReflectGetOwnPropertyDescriptor(isTrusted, 'isTrusted').get, enumerable: true, configurable: false };

  // Sets up `event` as the Event constructor does, from `init` (an EventInit dictionary, its
  // members read in the standard's order).
  function initializeEvent(event, type, init) {
    ReflectDefineProperty(event, 'isTrusted', isTrustedDescriptor);
    const state = {
      __proto__: null,
      type: String(type), bubbles: false, cancelable: false, composed: false,
      target: null, currentTarget: null, phase: 0, path: null,
      canceled: false, stopPropagation: false, stopImmediate: false, inPassiveListener: false,
      dispatching: false, initialized: true, trusted: false, timeStamp: native.clock.monotonicNow(),
    };
    if (init !== undefined) {
      state.bubbles = !!init.bubbles;
      state.cancelable = !!init.cancelable;
      state.composed = !!init.composed;
    }
    events.set(event, state);
    return state;
  }
  const eventArguments = (owner, args, required, typeName) => {
    if (args.length < required) throw countError(owner, 'constructor', required, args.length);
    return dictionary(args[1], owner, 'constructor', 2, typeName);
  };

  // ---- Interfaces made on first need ---------------------------------------------------------------------
  // The event interfaces few scripts name (CustomEvent, ErrorEvent, PromiseRejectionEvent, the
  // page's navigation events, AbortSignal and AbortController) are made when their global is first
  // touched (the loader asks host.globalFillers) or when this module first needs one (prototypeOf):
  // a world that only listens for events makes none of their members (makeInterfaceNow, at the end).
  // (Made ones, by name.)
  const madeInterfaces = { __proto__: null };
  // The prototype of the interface `name`, whose class is `constructor`, made now if it was not.
  const prototypeOf = (name, constructor) => {
    makeInterfaceNow(name);
    return constructor.prototype;
  };

  function Event(...args) {
    if (new.target === undefined) throw newRequired('Event');
    const type = args.length > 0 ? String(args[0]) : undefined;
    initializeEvent(this, type, eventArguments('Event', args, 1, 'EventInit'));
  }
  function cancel(state) {
    if (state.cancelable && !state.inPassiveListener) state.canceled = true;
  }
  const EventInterface = defineInterface(Event, 'Event', 1, {
    get type() { return eventState(this, 'Event', 'get type').type; },
    get target() { return eventState(this, 'Event', 'get target').target; },
    get srcElement() { return eventState(this, 'Event', 'get srcElement').target; },
    get currentTarget() { return eventState(this, 'Event', 'get currentTarget').currentTarget; },
    composedPath() {
      const state = eventState(this, 'Event', 'composedPath');
      if (state.path === null) return [];
      // (Without what closed shadow trees hide from the current target: js/63_dom.js.)
      return host.domComposedPath === undefined ? listCopy(state.path) : host.domComposedPath(state.path, state.currentTarget);
    },
    get eventPhase() { return eventState(this, 'Event', 'get eventPhase').phase; },
    stopPropagation() { eventState(this, 'Event', 'stopPropagation').stopPropagation = true; },
    get cancelBubble() { return eventState(this, 'Event', 'get cancelBubble').stopPropagation; },
    set cancelBubble(value) {
      const state = eventState(this, 'Event', 'set cancelBubble');
      if (value) state.stopPropagation = true;
    },
    stopImmediatePropagation() {
      const state = eventState(this, 'Event', 'stopImmediatePropagation');
      state.stopPropagation = true;
      state.stopImmediate = true;
    },
    get bubbles() { return eventState(this, 'Event', 'get bubbles').bubbles; },
    get cancelable() { return eventState(this, 'Event', 'get cancelable').cancelable; },
    get returnValue() { return !eventState(this, 'Event', 'get returnValue').canceled; },
    set returnValue(value) {
      const state = eventState(this, 'Event', 'set returnValue');
      if (!value) cancel(state);
    },
    preventDefault() { cancel(eventState(this, 'Event', 'preventDefault')); },
    get defaultPrevented() { return eventState(this, 'Event', 'get defaultPrevented').canceled; },
    get composed() { return eventState(this, 'Event', 'get composed').composed; },
    get timeStamp() { return eventState(this, 'Event', 'get timeStamp').timeStamp; },
    initEvent(...args) {
      const state = eventState(this, 'Event', 'initEvent');
      if (args.length < 1) throw countError('Event', 'initEvent', 1, args.length);
      if (state.dispatching) return;
      state.type = String(args[0]);
      state.bubbles = !!args[1];
      state.cancelable = !!args[2];
      state.initialized = true;
      state.stopPropagation = false;
      state.stopImmediate = false;
      state.canceled = false;
      state.target = null;
    },
  }, null, true);
  if (FIREFOX) {
    // Firefox's `originalTarget` and `explicitOriginalTarget`: the target, where no anonymous
    // content or retargeting is involved.
    host.defineMembers(EventInterface.prototype, {
      get originalTarget() { return eventState(this, 'Event', 'get originalTarget').target; },
      get explicitOriginalTarget() { return eventState(this, 'Event', 'get explicitOriginalTarget').target; },
    });
  }

  // ---- CustomEvent, ErrorEvent, PromiseRejectionEvent ---------------------------------------------------
  const details = new SafeWeakMap();
  function CustomEvent(...args) {
    if (new.target === undefined) throw newRequired('CustomEvent');
    const init = eventArguments('CustomEvent', args, 1, 'CustomEventInit');
    initializeEvent(this, args[0], init);
    details.set(this, init === undefined || init.detail === undefined ? null : init.detail);
  }
  const detailOf = (event, member) => {
    if (!details.has(event)) throw illegalInvocation('CustomEvent', member);
    return details.get(event);
  };

  // HTML's PageTransitionEvent (`pageshow` and `pagehide`): whether the page comes from, or goes
  // into, the back/forward cache.
  const transitions = new SafeWeakMap();
  function PageTransitionEvent(...args) {
    if (new.target === undefined) throw newRequired('PageTransitionEvent');
    const init = eventArguments('PageTransitionEvent', args, 1, 'PageTransitionEventInit');
    initializeEvent(this, args[0], init);
    transitions.set(this, init !== undefined && !!init.persisted);
  }

  // HTML's BeforeUnloadEvent (`beforeunload`, as a navigation is about to leave the page): made by
  // the browser only. Its `returnValue` (a text, '' at first) is what a browser would ask the
  // person about; it asks only a page the person interacted with, which no page here is, so the
  // navigation goes on whatever a listener did.
  const beforeUnloads = new SafeWeakMap();
  function BeforeUnloadEvent() {
    throw illegalConstructor('BeforeUnloadEvent');
  }

  // HTML's HashChangeEvent (`hashchange`: the URLs before and after a fragment navigation) and
  // PopStateEvent (`popstate`: the state of the session history entry a traversal reached).
  const hashChanges = new SafeWeakMap();
  function HashChangeEvent(...args) {
    if (new.target === undefined) throw newRequired('HashChangeEvent');
    const init = eventArguments('HashChangeEvent', args, 1, 'HashChangeEventInit');
    initializeEvent(this, args[0], init);
    const fields = { __proto__: null, newURL: '', oldURL: '' };
    if (init !== undefined) {
      if (init.newURL !== undefined) fields.newURL = String(init.newURL);
      if (init.oldURL !== undefined) fields.oldURL = String(init.oldURL);
    }
    hashChanges.set(this, fields);
  }
  const popStates = new SafeWeakMap();
  function PopStateEvent(...args) {
    if (new.target === undefined) throw newRequired('PopStateEvent');
    const init = eventArguments('PopStateEvent', args, 1, 'PopStateEventInit');
    initializeEvent(this, args[0], init);
    popStates.set(this, { __proto__: null, state: init !== undefined && init.state !== undefined ? init.state : null });
  }

  const errorEvents = new SafeWeakMap();
  function ErrorEvent(...args) {
    if (new.target === undefined) throw newRequired('ErrorEvent');
    const init = eventArguments('ErrorEvent', args, 1, 'ErrorEventInit');
    initializeEvent(this, args[0], init);
    const fields = { __proto__: null, colno: 0, error: undefined, filename: '', lineno: 0, message: '' };
    if (init !== undefined) {
      // (Members in the standard's order: the dictionary's, sorted.)
      if (init.colno !== undefined) fields.colno = unsignedLong(init.colno);
      fields.error = init.error;
      if (init.filename !== undefined) fields.filename = String(init.filename);
      if (init.lineno !== undefined) fields.lineno = unsignedLong(init.lineno);
      if (init.message !== undefined) fields.message = String(init.message);
    }
    errorEvents.set(this, fields);
  }
  // Web IDL's `unsigned long` conversion.
  function unsignedLong(value) {
    const number = Number(value);
    if (!NumberIsFinite(number)) return 0;
    const integer = MathTrunc(number) % 4294967296;
    return integer < 0 ? integer + 4294967296 : integer;
  }
  const errorField = (event, name) => {
    const fields = errorEvents.get(event);
    if (fields === undefined) throw illegalInvocation('ErrorEvent', 'get ' + name);
    return fields[name];
  };

  const rejections = new SafeWeakMap();
  function PromiseRejectionEvent(...args) {
    if (new.target === undefined) throw newRequired('PromiseRejectionEvent');
    if (args.length < 2) throw countError('PromiseRejectionEvent', 'constructor', 2, args.length);
    const init = dictionary(args[1], 'PromiseRejectionEvent', 'constructor', 2, 'PromiseRejectionEventInit');
    const promise = init === undefined ? undefined : init.promise;
    if (promise === undefined) {
      throw new TypeError(FIREFOX ? "PromiseRejectionEvent constructor: Missing required 'promise' member of PromiseRejectionEventInit."
        : failed('PromiseRejectionEvent', 'constructor', "Failed to read the 'promise' property from 'PromiseRejectionEventInit': Required member is undefined."));
    }
    let converted = promise;
    if (FIREFOX) {
      if (promise === null || (typeof promise !== 'object' && typeof promise !== 'function')) {
        throw new TypeError("PromiseRejectionEvent constructor: 'promise' member of PromiseRejectionEventInit is not an object.");
      }
    } else if (!isPromise(promise) || promise.constructor !== Promise) {
      // (Chromium converts the member as a Promise<any>: Promise.resolve(value).)
      converted = new Promise((resolve) => resolve(promise));
    }
    initializeEvent(this, args[0], init);
    rejections.set(this, { __proto__: null, promise: converted, reason: init.reason });
  }
  const rejectionField = (event, name) => {
    const fields = rejections.get(event);
    if (fields === undefined) throw illegalInvocation('PromiseRejectionEvent', 'get ' + name);
    return fields[name];
  };

  // ---- EventTarget --------------------------------------------------------------------------------------
  // Each target's listeners, by target: a list of { type, callback, capture, once, passive, removed }.
  const listenersOf = new SafeWeakMap();
  listenersOf.set(global, []);
  // The target an operation acts on: `this`, or the global for a call of the global's own
  // `addEventListener(...)` (Web IDL: an operation of a [Global] interface called without `this`).
  function targetOf(thisValue, member) {
    const target = thisValue === undefined || thisValue === null ? global : thisValue;
    let listeners = listenersOf.get(target);
    if (listeners === undefined) {
      // (A node of the DOM, js/63_dom.js, is a target from its first listener on.)
      if (host.domIsNode === undefined || !host.domIsNode(target)) throw illegalInvocation('EventTarget', member);
      listeners = [];
      listenersOf.set(target, listeners);
    }
    return listeners;
  }
  // The listener options (a boolean means `capture`), their members read in the standard's order.
  function flatten(options, withAll) {
    const flat = { __proto__: null, capture: false, once: false, passive: undefined, signal: undefined };
    if (options === null || (typeof options !== 'object' && typeof options !== 'function')) {
      flat.capture = !!options;
      return flat;
    }
    flat.capture = !!options.capture;
    if (!withAll) return flat;
    flat.once = !!options.once;
    if (options.passive !== undefined) flat.passive = !!options.passive;
    const signal = options.signal;
    if (signal !== undefined) {
      if (!signals.has(signal)) {
        throw new TypeError(FIREFOX ? "EventTarget.addEventListener: 'signal' member of AddEventListenerOptions does not implement interface AbortSignal."
          : failed('EventTarget', 'addEventListener', "Failed to read the 'signal' property from 'AddEventListenerOptions': Failed to convert value to 'AbortSignal'."));
      }
      flat.signal = signal;
    }
    return flat;
  }
  function checkCallback(callback, member, index) {
    if (callback !== null && typeof callback !== 'object' && typeof callback !== 'function') {
      throw new TypeError(FIREFOX ? failed('EventTarget', member, 'Argument ' + index + ' is not an object.')
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
  // Adds a listener, as the standard's "add an event listener" does.
  function addListener(listeners, type, callback, flat) {
    if (flat.signal !== undefined && signals.get(flat.signal).aborted) return;
    if (callback === null) return;
    if (findListener(listeners, type, callback, flat.capture) !== -1) return;
    // (`order`: when it was added among the listeners of every world, which share the DOM's
    // targets: a dispatch at a node calls them all in that order, js/63_dom.js.)
    const listener = {
      __proto__: null, type, callback, capture: flat.capture, once: flat.once, passive: flat.passive === true, removed: false, order: native.clock.order(),
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

  function EventTarget() {
    if (new.target === undefined) throw newRequired('EventTarget');
    listenersOf.set(this, []);
  }
  const EventTargetInterface = defineInterface(EventTarget, 'EventTarget', 0, {
    addEventListener(...args) {
      const listeners = targetOf(this, 'addEventListener');
      if (args.length < 2) throw countError('EventTarget', 'addEventListener', 2, args.length);
      const type = String(args[0]);
      checkCallback(args[1], 'addEventListener', 2);
      addListener(listeners, type, args[1], flatten(args[2], true));
    },
    removeEventListener(...args) {
      const listeners = targetOf(this, 'removeEventListener');
      if (args.length < 2) throw countError('EventTarget', 'removeEventListener', 2, args.length);
      const type = String(args[0]);
      checkCallback(args[1], 'removeEventListener', 2);
      const flat = flatten(args[2], false);
      const index = findListener(listeners, type, args[1], flat.capture);
      if (index !== -1) removeListener(listeners, listeners[index]);
    },
    dispatchEvent(...args) {
      const target = this === undefined || this === null ? global : this;
      targetOf(target, 'dispatchEvent');
      if (args.length < 1) throw countError('EventTarget', 'dispatchEvent', 1, args.length);
      const state = events.get(args[0]);
      if (state === undefined) {
        const isObject = args[0] !== null && (typeof args[0] === 'object' || typeof args[0] === 'function');
        throw new TypeError(FIREFOX ? failed('EventTarget', 'dispatchEvent', isObject ? 'Argument 1 does not implement interface Event.' : 'Argument 1 is not an object.')
          : failed('EventTarget', 'dispatchEvent', "parameter 1 is not of type 'Event'."));
      }
      if (state.dispatching || !state.initialized) {
        throw host.newDOMException(FIREFOX ? 'An attempt was made to use an object that is not, or is no longer, usable'
          : failed('EventTarget', 'dispatchEvent', 'The event is already being dispatched.'), 'InvalidStateError');
      }
      state.trusted = false;
      return dispatch(target, args[0], state);
    },
  }, null, false, null, host.sharedPrototype('EventTarget'));

  // A target's parent in the event path (the DOM's "get the parent"): a node's, which the DOM
  // (js/63_dom.js) gives through `host.domEventParent` once it is installed; none for other targets.
  const eventParent = (target, state) => (host.domEventParent === undefined ? null : host.domEventParent(target, state.type, state.composed, state.target));

  // The standard's "dispatch": capture from the root down, the target, then bubbling up when the
  // event bubbles. Returns false when a listener canceled the event.
  function dispatch(target, event, state) {
    // (A MouseEvent `click` at a node runs the node's activation behaviour around the dispatch: a
    // checkbox changes first and changes back if a listener cancels the click. The DOM,
    // js/63_dom.js, answers for nodes; js/31_ui_events.js says which events are MouseEvents.)
    const activates = state.type === 'click' && host.domActivation !== undefined && host.isMouseEvent !== undefined
      && host.isMouseEvent(event) && host.domActivation(target, false);
    state.dispatching = true;
    state.target = target;
    const path = [target];
    for (let parent = eventParent(target, state); parent !== null && parent !== undefined; parent = eventParent(parent, state)) {
      listPush(path, parent);
    }
    state.path = path;
    // (A path through the DOM, which other worlds share, is walked by the DOM, which calls their
    // listeners too: js/63_dom.js.)
    // (A world's own errors and rejections are its own: Chromium dispatches an ErrorEvent and a
    // PromiseRejectionEvent only in the world they come from.)
    const ownWorld = errorEvents.has(event) || rejections.has(event);
    // (A target in a shadow tree is seen from outside it as its host: the DOM retargets it.)
    const retargets = host.domRetarget !== undefined && host.domRetarget(target, null) !== undefined;
    if (ownWorld || host.domDispatch === undefined || !host.domDispatch(path, event, state)) {
      // (At the target, Firefox calls the capturing listeners first, as the standard says;
      // Chromium calls all of them in the order they were added.)
      for (let i = path.length - 1; i >= 0 && !state.stopPropagation; i--) {
        state.phase = i === 0 ? 2 : 1;
        if (retargets) state.target = host.domRetarget(target, path[i]);
        invoke(path[i], event, state, i > 0 ? 'capture' : FIREFOX ? 'at-target-capture' : 'at-target');
      }
      for (let i = 0; i < path.length && !state.stopPropagation; i++) {
        if (i > 0 && !state.bubbles) break;
        if (i === 0 && !FIREFOX) continue;
        state.phase = i === 0 ? 2 : 3;
        if (retargets) state.target = host.domRetarget(target, path[i]);
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
    if (activates) host.domActivation(target, true, state.canceled, state.trusted);
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
  // Calls one listener of `target` (skipped when it was removed meanwhile).
  function invokeListener(target, event, state, listener) {
    if (listener.removed) return;
    if (listener.once) removeListener(listenersOf.get(target), listener);
    if (listener.passive) state.inPassiveListener = true;
    try {
      const callback = listener.callback;
      if (typeof callback === 'function') {
        ReflectApply(callback, target, [event]);
      } else {
        const handleEvent = callback.handleEvent;
        if (typeof handleEvent !== 'function') {
          throw new TypeError(FIREFOX ? "'handleEvent' property of EventListener is not callable." : "The provided callback is no longer runnable.");
        }
        ReflectApply(handleEvent, callback, [event]);
      }
    } catch (error) {
      reportException(error);
    }
    state.inPassiveListener = false;
  }

  // ---- Event handler attributes (`onerror`, `onabort`, ...) ---------------------------------------------
  // Each target's handlers, by target: { type: { value, listener } }. A handler's listener is added
  // when it is first set, and stays (its place among the listeners does not change).
  const handlersOf = new SafeWeakMap();
  function handlerDescriptor(type, owner) {
    const accessors = {
      get ['on' + type]() {
        const target = this === undefined || this === null ? global : this;
        if (!listenersOf.has(target) && (host.domIsNode === undefined || !host.domIsNode(target))) throw illegalInvocation(owner, 'get on' + type);
        const handlers = handlersOf.get(target);
        const handler = handlers === undefined ? undefined : handlers[type];
        if (handler !== undefined && handler.uncompiled !== undefined) compileHandler(handler);
        return handler === undefined ? null : handler.value;
      },
      set ['on' + type](value) {
        const target = this === undefined || this === null ? global : this;
        let listeners = listenersOf.get(target);
        if (listeners === undefined) {
          // (A node of the DOM becomes a target when its first handler is set.)
          if (host.domIsNode === undefined || !host.domIsNode(target)) throw illegalInvocation(owner, 'set on' + type);
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
          handler = { __proto__: null, value: callable };
          handlers[type] = handler;
          addListener(listeners, type, (event) => callHandler(target, handler, event), flatten(false, false));
          return;
        }
        handler.value = callable;
        handler.uncompiled = undefined;
      },
    };
    const descriptor = ReflectGetOwnPropertyDescriptor(accessors, 'on' + type);
    return { __proto__: null, get: descriptor.get, set: descriptor.set, enumerable: true, configurable: true };
  }
  // An event handler content attribute's handler (`<body onload="...">`): its text, compiled into
  // a function of this world on its first use (HTML's "getting the current value of the event
  // handler"), whose scopes are the element's document, its form and the element.
  host.setHandlerFromAttribute = function (target, type, text, element) {
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
    const made = { __proto__: null, value: null, uncompiled };
    handlers[type] = made;
    addListener(listeners, type, (event) => callHandler(target, made, event), flatten(false, false));
  };
  function compileHandler(handler) {
    const source = handler.uncompiled;
    handler.uncompiled = undefined;
    const element = source.element;
    const form = element.form;
    const isWindowError = source.type === 'error' && element.localName === 'body';
    const parameters = isWindowError ? 'event, source, lineno, colno, error' : element.namespaceURI === 'http://www.w3.org/2000/svg' ? 'evt' : 'event';
    try {
      // (The text is first compiled alone, so that it cannot close the function around it; the
      // scopes, the element's document, its form and itself, are reached through `this` of the
      // function that makes the handler, which names nothing the text could see.)
      new FunctionConstructor(parameters, source.text);
      const make = new FunctionConstructor('with (this[0]) { with (this[1]) { with (this[2]) { return function on' + source.type + '('
        + parameters + ') {\n' + source.text + '\n}; } } }');
      handler.value = ReflectApply(make, [element.ownerDocument, form !== null && typeof form === 'object' ? form : ObjectCreate(null), element], []);
    } catch (error) {
      // (A handler that does not compile is reported, and stays null.)
      reportException(error);
    }
  }

  // The standard's "event handler processing": `onerror` of a global gets the error's parts and
  // cancels the event by returning true; any other handler cancels it by returning false.
  function callHandler(target, handler, event) {
    if (handler.uncompiled !== undefined) compileHandler(handler);
    const callback = handler.value;
    if (typeof callback !== 'function') return;
    if (target === global && errorEvents.has(event) && eventState(event, 'Event', 'type').type === 'error') {
      const fields = errorEvents.get(event);
      const result = ReflectApply(callback, target, [fields.message, fields.filename, fields.lineno, fields.colno, fields.error]);
      if (result === true) cancel(events.get(event));
      return;
    }
    const result = ReflectApply(callback, target, [event]);
    const beforeUnload = beforeUnloads.get(event);
    if (beforeUnload !== undefined) {
      // (HTML: a `beforeunload` handler's value other than null cancels the event, and becomes its
      // returnValue when that is empty.)
      if (result === undefined || result === null) return;
      cancel(events.get(event));
      if (beforeUnload.returnValue === '') beforeUnload.returnValue = String(result);
      return;
    }
    if (result === false) cancel(events.get(event));
  }
  // For the window module (js/30_window.js): the accessor of the handler attribute `on` + type,
  // defined on the global (a window) or on WorkerGlobalScope.prototype (a service worker).
  // For the modules whose objects have handler attributes (js/34_xhr.js): the accessor of `on` + type.
  host.eventHandlerDescriptor = (type, owner) => handlerDescriptor(type, owner);

  // The global's own handlers: a window's own accessors, a worker's on WorkerGlobalScope.prototype
  // (the window module makes the global's interfaces first).
  host.load('window');
  {
    const types = host.context.isServiceWorker ? ['error', 'unhandledrejection']
      : ['error', 'unhandledrejection', 'storage', 'load', 'pageshow', 'pagehide', 'message', 'hashchange', 'popstate', 'beforeunload', 'unload'];
    const workerScope = host.context.isServiceWorker ? host.lazyGlobals.WorkerGlobalScope : undefined;
    for (let i = 0; i < types.length; i++) {
      if (workerScope !== undefined) {
        ReflectDefineProperty(workerScope.prototype, 'on' + types[i], handlerDescriptor(types[i], 'WorkerGlobalScope'));
      } else {
        host.defineGlobal('on' + types[i], handlerDescriptor(types[i], 'Window'));
      }
    }
  }

  // ---- Errors that escape: the global's `error` and `unhandledrejection` events -------------------------
  // The text of an uncaught error as the event's `message` has it.
  function errorMessage(error) {
    let text;
    try {
      text = String(error);
    } catch (e) {
      text = 'exception';
    }
    if (!FIREFOX) return 'Uncaught ' + text;
    return isErrorObject(error) ? text : 'uncaught exception: ' + text;
  }
  // Fires the global's `error` event (an ErrorEvent) or, for a rejection no one handled,
  // `unhandledrejection` (a PromiseRejectionEvent), both cancelable; returns false when a listener
  // canceled it: the browser then does not report it.
  let reportingError = false;
  // (Firefox fires neither event for a content script's own uncaught errors: its listeners are on
  // the page's window, which the script's sandbox is not; `reportError` still reaches them.)
  const uncaughtFiresEvents = !(FIREFOX && host.kind === 'content');
  host.dispatchErrorEvent = function (error, inPromise, promise) {
    if (!uncaughtFiresEvents) return true;
    return dispatchErrorEvent(error, inPromise, promise);
  };
  function dispatchErrorEvent(error, inPromise, promise) {
    const listeners = listenersOf.get(global);
    // (An error of a listener of this event is reported, not dispatched again: HTML's "error
    // reporting mode".)
    if (listeners.length === 0 || reportingError) return true;
    reportingError = true;
    try {
      return dispatchError(error, inPromise, promise);
    } finally {
      reportingError = false;
    }
  }
  function dispatchError(error, inPromise, promise) {
    if (inPromise) {
      if (promise === undefined) return true;
      const event = ObjectCreate(prototypeOf('PromiseRejectionEvent', PromiseRejectionEvent));
      const state = initializeEvent(event, 'unhandledrejection', undefined);
      state.cancelable = true;
      state.trusted = true;
      rejections.set(event, { __proto__: null, promise, reason: error });
      // (Firefox reports the rejection whatever the listeners did.)
      return dispatch(global, event, state) || FIREFOX;
    }
    const event = ObjectCreate(prototypeOf('ErrorEvent', ErrorEvent));
    const state = initializeEvent(event, 'error', undefined);
    state.cancelable = true;
    state.trusted = true;
    const location = errorLocation(error);
    const parts = location === '' ? [] : splitLocation(location);
    errorEvents.set(event, {
      __proto__: null, colno: parts.length > 2 ? parts[2] : 0, error, filename: parts.length > 0 ? parts[0] : '',
      lineno: parts.length > 1 ? parts[1] : 0, message: errorMessage(error),
    });
    return dispatch(global, event, state);
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
  // "Report an exception": the error event first, then the console unless a listener canceled it.
  function reportException(error) {
    if (dispatchErrorEvent(error, false, undefined)) host.reportUncaught(error, false, undefined, true);
  }
  // For the modules whose callbacks' errors are reported as a listener's are (js/31_mutation_observer.js).
  host.reportException = (error) => reportException(error);
  host.implementations.reportError = function reportError(...args) {
    if (args.length < 1) {
      throw new TypeError(FIREFOX ? 'Window.reportError: At least 1 argument required, but only 0 passed'
        : "Failed to execute 'reportError' on '" + (host.context.isServiceWorker ? 'WorkerGlobalScope' : 'Window') + "': 1 argument required, but only 0 present.");
    }
    reportException(args[0]);
  };

  // ---- AbortController and AbortSignal ------------------------------------------------------------------
  // Each signal's state, by signal: { aborted, reason, algorithms, dependents, sources }.
  const signals = new SafeWeakMap();
  function addAbortAlgorithm(signal, algorithm) {
    const state = signals.get(signal);
    if (!state.aborted) listPush(state.algorithms, algorithm);
  }
  let constructingSignal = false;
  function AbortSignal() {
    if (new.target === undefined) throw newRequired('AbortSignal');
    if (!constructingSignal) throw illegalConstructor('AbortSignal');
    listenersOf.set(this, []);
    signals.set(this, { __proto__: null, aborted: false, reason: undefined, algorithms: [], dependent: false, sources: [], dependents: [] });
  }
  function newSignal() {
    makeInterfaceNow('AbortSignal');
    constructingSignal = true;
    try {
      return new AbortSignal();
    } finally {
      constructingSignal = false;
    }
  }
  const abortError = () => host.newDOMException(FIREFOX ? 'The operation was aborted. ' : 'signal is aborted without reason', 'AbortError');
  // The standard's "signal abort": runs the algorithms, fires `abort`, then the dependents'.
  function signalAbort(signal, reason) {
    const state = signals.get(signal);
    if (state.aborted) return;
    state.aborted = true;
    state.reason = reason === undefined ? abortError() : reason;
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
    const event = ObjectCreate(Event.prototype);
    const eventStateOfAbort = initializeEvent(event, 'abort', undefined);
    eventStateOfAbort.trusted = true;
    dispatch(signal, event, eventStateOfAbort);
  }
  const signalState = (signal, member) => {
    const state = signals.get(signal);
    if (state === undefined) throw illegalInvocation('AbortSignal', member);
    return state;
  };
  // (The static operations are the class's own: the loader gives them to the public constructor.)
  const abortSignalStatics = () => ({
    abort(reason) {
      const signal = newSignal();
      signalAbort(signal, reason);
      return signal;
    },
    timeout(...args) {
      if (args.length < 1) throw countError('AbortSignal', 'timeout', 1, args.length);
      const milliseconds = enforceRange(args[0]);
      const signal = newSignal();
      native.clock.timeout(milliseconds, () => {
        signalAbort(signal, host.newDOMException(FIREFOX ? 'The operation timed out.' : 'signal timed out', 'TimeoutError'));
      });
      return signal;
    },
    any(...args) {
      if (args.length < 1) throw countError('AbortSignal', 'any', 1, args.length);
      return dependentSignal(sequenceOfSignals(args[0]));
    },
  });
  // The standard's "create a dependent abort signal" from the signals `sources`.
  function dependentSignal(sources) {
    const result = newSignal();
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
  // For fetch's Request (js/32_fetch.js): a new signal that follows `sources` (AbortSignals).
  host.dependentSignal = (sources) => dependentSignal(sources);
  // Web IDL's [EnforceRange] unsigned long long.
  function enforceRange(value) {
    const number = Number(value);
    if (!NumberIsFinite(number) || MathTrunc(number) < 0 || MathTrunc(number) > 9007199254740991) {
      throw new TypeError(FIREFOX ? 'AbortSignal.timeout: Argument 1 is out of range for unsigned long long.'
        : failed('AbortSignal', 'timeout', "Value is outside the 'unsigned long long' value range."));
    }
    return MathTrunc(number);
  }
  // A sequence<AbortSignal> from an iterable (read with the script's own iterator, as Web IDL does).
  function sequenceOfSignals(value) {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) {
      throw new TypeError(FIREFOX ? 'AbortSignal.any: Argument 1 can\'t be converted to a sequence.'
        : failed('AbortSignal', 'any', "The provided value cannot be converted to a sequence."));
    }
    const list = [];
    // (Web IDL iterates a sequence with the value's own @@iterator: a script's iterable is read as it says.)
    const iterator = value[SymbolIterator]();
    for (let step = iterator.next(); !step.done; step = iterator.next()) {
      if (!signals.has(step.value)) {
        const isObject = step.value !== null && (typeof step.value === 'object' || typeof step.value === 'function');
        throw new TypeError(FIREFOX ? 'AbortSignal.any: Element of argument 1 ' + (isObject ? 'does not implement interface AbortSignal.' : 'is not an object.')
          : failed('AbortSignal', 'any', "Failed to convert value to 'AbortSignal'."));
      }
      listPush(list, step.value);
    }
    return list;
  }

  // For the modules whose objects are event targets (js/34_xhr.js): makes `object` one, with no
  // listeners; makes an event of the class whose prototype is `prototype` (fields from `init`, an
  // EventInit, or set on the state returned); dispatches a trusted event.
  host.makeEventTarget = (object) => { listenersOf.set(object, []); };
  // For the DOM's dispatch through every world of a document (js/63_dom.js): this world's
  // listeners at a target, one listener's call, and what an event is (to make the same event in
  // another world) or an event made from such a description, with its state.
  host.listenersAt = listenersAt;
  host.invokeListener = invokeListener;
  host.describeEvent = (event) => {
    const state = events.get(event);
    const description = {
      __proto__: null, interface: 'Event', type: state.type, bubbles: state.bubbles, cancelable: state.cancelable, composed: state.composed,
      trusted: state.trusted, timeStamp: state.timeStamp, detail: undefined, fields: undefined,
    };
    if (details.has(event)) {
      description.interface = 'CustomEvent';
      description.detail = details.get(event);
    }
    const ui = host.uiEventFields === undefined ? undefined : host.uiEventFields(event);
    if (ui !== undefined) {
      description.interface = ui.interface;
      description.fields = ui.fields;
    }
    if (transitions.has(event)) {
      description.interface = 'PageTransitionEvent';
      description.persisted = transitions.get(event);
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
    const message = host.windowMessageOf === undefined ? undefined : host.windowMessageOf(event);
    if (message !== undefined) {
      description.interface = 'MessageEvent';
      description.message = message;
    }
    return description;
  };
  host.eventFromDescription = (description) => {
    let event;
    if (description.message !== undefined) {
      if (host.makeWindowMessage === undefined) host.load('channel_messaging');
      const message = description.message;
      const made = host.makeWindowMessage(message.text, message.origin, message.relation, description.source);
      made.state.trusted = description.trusted;
      made.state.timeStamp = description.timeStamp;
      return made;
    }
    if (description.fields !== undefined) {
      if (host.makeUIEvent === undefined) host.load('ui_events');
      event = host.makeUIEvent(description.interface, description.type, description.fields);
    } else {
      const prototype = description.interface === 'CustomEvent' ? prototypeOf('CustomEvent', CustomEvent)
        : description.interface === 'PageTransitionEvent' ? prototypeOf('PageTransitionEvent', PageTransitionEvent)
          : description.interface === 'BeforeUnloadEvent' ? prototypeOf('BeforeUnloadEvent', BeforeUnloadEvent)
          : description.interface === 'HashChangeEvent' ? prototypeOf('HashChangeEvent', HashChangeEvent)
            : description.interface === 'PopStateEvent' ? prototypeOf('PopStateEvent', PopStateEvent) : Event.prototype;
      event = ObjectCreate(prototype);
      initializeEvent(event, description.type, undefined);
      if (description.interface === 'CustomEvent') details.set(event, description.detail === undefined ? null : description.detail);
      if (description.interface === 'PageTransitionEvent') transitions.set(event, !!description.persisted);
      if (description.interface === 'BeforeUnloadEvent') beforeUnloads.set(event, { __proto__: null, returnValue: String(description.returnValue) });
      if (description.interface === 'HashChangeEvent') {
        const fields = description.hashChange;
        hashChanges.set(event, { __proto__: null, newURL: String(fields.newURL), oldURL: String(fields.oldURL) });
      }
      if (description.interface === 'PopStateEvent') setPopState(event, description.stateText);
    }
    const state = events.get(event);
    state.bubbles = description.bubbles;
    state.cancelable = description.cancelable;
    state.composed = description.composed;
    state.trusted = description.trusted;
    state.timeStamp = description.timeStamp;
    return { __proto__: null, event, state };
  };
  // Whether the global has a listener (or handler) for `type` (Chromium keeps no page with an
  // `unload` listener in its back/forward cache).
  host.globalListensTo = (type) => {
    const listeners = listenersOf.get(global);
    for (let i = 0; i < listeners.length; i++) if (!listeners[i].removed && listeners[i].type === type) return true;
    return false;
  };
  host.newEvent = (prototype, type, init) => {
    const event = ObjectCreate(prototype);
    return { __proto__: null, event, state: initializeEvent(event, type, init) };
  };
  host.eventStateOf = (event) => events.get(event);
  host.initializeEvent = (event, type, init) => initializeEvent(event, type, init);
  host.dispatchTrusted = (target, made) => {
    made.state.trusted = true;
    return dispatch(target, made.event, made.state);
  };
  host.EventPrototype = Event.prototype;
  // For js/31_ui_events.js, whose interfaces (UIEvent, MouseEvent, ...) inherit from Event: how
  // this module defines and initializes an event interface, and a dispatch of an event a script
  // could have made (`trusted`: the browser's own, as a person's click is).
  host.eventInternals = {
    __proto__: null,
    defineInterface: (constructor, name, length, members, parent) => defineInterface(constructor, name, length, members, parent),
    initializeEvent,
    eventArguments,
    unsignedLong,
    Event: EventInterface,
    dispatch(target, event, trusted) {
      const state = events.get(event);
      state.trusted = trusted;
      return dispatch(target, event, state);
    },
  };
  // Dispatches a trusted event `type` of the class Event at `target` (`init`: its EventInit; the
  // DOM's `click()`). Returns false when a listener canceled it.
  host.fireEvent = (target, type, init) => host.dispatchTrusted(target, host.newEvent(Event.prototype, type, init));
  // A popstate event's state, read in this world from the entry's text (null: no state).
  const popStateTexts = new SafeWeakMap();
  function setPopState(event, text) {
    if (text !== null && typeof text === 'string' && host.readClone === undefined) host.load('structured_clone');
    popStates.set(event, { __proto__: null, state: text === null || typeof text !== 'string' ? null : host.readClone(text) });
    popStateTexts.set(event, text);
  }
  // Dispatches a trusted `hashchange` ({oldURL, newURL}) or `popstate` ({state}: the entry's
  // structured-clone text, or null) at `target`, the window.
  host.fireNavigationEvent = (target, type, fields) => {
    if (type === 'hashchange') {
      const made = host.newEvent(prototypeOf('HashChangeEvent', HashChangeEvent), type, undefined);
      hashChanges.set(made.event, { __proto__: null, newURL: String(fields.newURL), oldURL: String(fields.oldURL) });
      return host.dispatchTrusted(target, made);
    }
    const made = host.newEvent(prototypeOf('PopStateEvent', PopStateEvent), type, undefined);
    setPopState(made.event, fields.state);
    return host.dispatchTrusted(target, made);
  };
  // Dispatches the trusted `beforeunload` of a navigation about to leave the page (cancelable).
  host.fireBeforeUnload = (target) => {
    const made = host.newEvent(prototypeOf('BeforeUnloadEvent', BeforeUnloadEvent), 'beforeunload', { __proto__: null, bubbles: false, cancelable: true, composed: false });
    beforeUnloads.set(made.event, { __proto__: null, returnValue: '' });
    return host.dispatchTrusted(target, made);
  };
  // Dispatches a trusted `pageshow` or `pagehide` (`persisted`: from or into the back/forward cache).
  host.firePageTransition = (target, type, persisted) => {
    const made = host.newEvent(prototypeOf('PageTransitionEvent', PageTransitionEvent), type, undefined);
    transitions.set(made.event, persisted);
    return host.dispatchTrusted(target, made);
  };

  // For fetch (js/32_fetch.js): a signal's state ({aborted, reason}, undefined for another
  // object), and running `algorithm` when it aborts.
  host.abortSignalState = (signal) => {
    const state = signals.get(signal);
    return state === undefined ? undefined : { __proto__: null, aborted: state.aborted, reason: state.reason };
  };
  host.onAbort = (signal, algorithm) => addAbortAlgorithm(signal, algorithm);

  const controllers = new SafeWeakMap();
  function AbortController() {
    if (new.target === undefined) throw newRequired('AbortController');
    controllers.set(this, newSignal());
  }
  const controllerSignal = (controller, member) => {
    const signal = controllers.get(controller);
    if (signal === undefined) throw illegalInvocation('AbortController', member);
    return signal;
  };

  // The interfaces made on first need (above): the loader asks for each when a script first
  // touches its global (a page's navigation events are a window's only).
  const lazyInterfaceNames = host.kind !== 'background' || !host.context.isServiceWorker
    ? ['CustomEvent', 'ErrorEvent', 'PromiseRejectionEvent', 'PageTransitionEvent', 'BeforeUnloadEvent', 'HashChangeEvent', 'PopStateEvent', 'AbortSignal', 'AbortController']
    : ['CustomEvent', 'ErrorEvent', 'PromiseRejectionEvent', 'AbortSignal', 'AbortController'];
  for (let i = 0; i < lazyInterfaceNames.length; i++) host.globalFillers[lazyInterfaceNames[i]] = makeInterfaceNow;
  // Makes the interface `name` unless it was made. (One function holds every such interface's
  // members: their code is linked to the world when the first of them is made.)
  function makeInterfaceNow(name) {
    if (madeInterfaces[name] === true) return;
    madeInterfaces[name] = true;
    switch (name) {
      case 'CustomEvent':
        defineInterface(CustomEvent, 'CustomEvent', 1, {
          get detail() { return detailOf(this, 'get detail'); },
          initCustomEvent(...args) {
            detailOf(this, 'initCustomEvent');
            if (args.length < 1) throw countError('CustomEvent', 'initCustomEvent', 1, args.length);
            if (eventState(this, 'CustomEvent', 'initCustomEvent').dispatching) return;
            ReflectApply(EventInterface.prototype.initEvent, this, [args[0], args[1], args[2]]);
            details.set(this, args[3] === undefined ? null : args[3]);
          },
        }, EventInterface);
        break;
      case 'ErrorEvent':
        defineInterface(ErrorEvent, 'ErrorEvent', 1, {
          get message() { return errorField(this, 'message'); },
          get filename() { return errorField(this, 'filename'); },
          get lineno() { return errorField(this, 'lineno'); },
          get colno() { return errorField(this, 'colno'); },
          get error() { return errorField(this, 'error'); },
        }, EventInterface);
        break;
      case 'PromiseRejectionEvent':
        defineInterface(PromiseRejectionEvent, 'PromiseRejectionEvent', 2, {
          get promise() { return rejectionField(this, 'promise'); },
          get reason() { return rejectionField(this, 'reason'); },
        }, EventInterface);
        break;
      case 'PageTransitionEvent':
        defineInterface(PageTransitionEvent, 'PageTransitionEvent', 1, {
          get persisted() {
            if (!transitions.has(this)) throw illegalInvocation('PageTransitionEvent', 'get persisted');
            return transitions.get(this);
          },
        }, EventInterface);
        break;
      case 'BeforeUnloadEvent':
        defineInterface(BeforeUnloadEvent, 'BeforeUnloadEvent', 0, {
          get returnValue() {
            const fields = beforeUnloads.get(this);
            if (fields === undefined) throw illegalInvocation('BeforeUnloadEvent', 'get returnValue');
            return fields.returnValue;
          },
          set returnValue(value) {
            const fields = beforeUnloads.get(this);
            if (fields === undefined) throw illegalInvocation('BeforeUnloadEvent', 'set returnValue');
            fields.returnValue = String(value);
          },
        }, EventInterface);
        break;
      case 'HashChangeEvent': {
        const hashField = (event, key) => {
          const fields = hashChanges.get(event);
          if (fields === undefined) throw illegalInvocation('HashChangeEvent', 'get ' + key);
          return fields[key];
        };
        defineInterface(HashChangeEvent, 'HashChangeEvent', 1, {
          get oldURL() { return hashField(this, 'oldURL'); },
          get newURL() { return hashField(this, 'newURL'); },
        }, EventInterface);
        break;
      }
      case 'PopStateEvent':
        defineInterface(PopStateEvent, 'PopStateEvent', 1, {
          get state() {
            const fields = popStates.get(this);
            if (fields === undefined) throw illegalInvocation('PopStateEvent', 'get state');
            return fields.state;
          },
          get hasUAVisualTransition() {
            if (!popStates.has(this)) throw illegalInvocation('PopStateEvent', 'get hasUAVisualTransition');
            return false;
          },
        }, EventInterface);
        break;
      case 'AbortSignal':
        defineInterface(AbortSignal, 'AbortSignal', 0, {
          get aborted() { return signalState(this, 'get aborted').aborted; },
          get reason() { return signalState(this, 'get reason').reason; },
          throwIfAborted() {
            const state = signalState(this, 'throwIfAborted');
            if (state.aborted) throw state.reason;
          },
        }, EventTargetInterface, false, abortSignalStatics());
        ReflectDefineProperty(AbortSignal.prototype, 'onabort', handlerDescriptor('abort', 'AbortSignal'));
        break;
      case 'AbortController':
        defineInterface(AbortController, 'AbortController', 0, {
          get signal() { return controllerSignal(this, 'get signal'); },
          abort(reason) { signalAbort(controllerSignal(this, 'abort'), reason); },
        });
        break;
    }
  }
});
