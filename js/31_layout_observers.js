// exthost:realm host
// exthost:needs primordials api view
// exthost:globals Window: ~IntersectionObserver:constructor:1 ~IntersectionObserverEntry:constructor:1 ~ResizeObserver:constructor:1
// exthost:globals Window: ~ResizeObserverEntry:constructor:0 ~ResizeObserverSize:constructor:0
// IntersectionObserver and ResizeObserver (fixtures/conformance/observers-layout) over exthost's
// view of a page, in which nothing is laid out: every element's box is empty, at the viewport's
// origin. So an element being rendered (in its document, no `display: none` on it or around it)
// intersects the viewport (an empty box at its edge does), at a ratio of 1, as the browsers
// count an empty target, and one not rendered does not; every box's size is 0. Each observer
// reports its targets' first state at the next frame's rendering update (js/30_view.js:
// ResizeObserver's before IntersectionObserver's, as HTML's "update the rendering" orders them),
// as the browsers do; since nothing moves or changes size here, nothing later is reported.
//
// Runs in the host's realm, for a context on the first touch of one of these globals
// (`host.installLayoutObservers`); each interface is made on first need (`host.makeLayoutObserverInterface`).
(function (host) {
  'use strict';
  const {
    ReflectDefineProperty, ObjectFreeze, SafeWeakMap, String, Number, NumberIsFinite, dataDescriptor, listPush, listRemoveAt,
  } = host.primordials;
  const FIREFOX = host.flavor === 'firefox';
  const rectInterface = FIREFOX ? 'DOMRect' : 'DOMRectReadOnly';

  // ---- Errors, as each browser words them ---------------------------------------------------------------------
  const constructorFailure = (name, text) => (FIREFOX ? name + ' constructor: ' + text : "Failed to construct '" + name + "': " + text);
  const memberFailure = (name, member, text) => (FIREFOX ? name + '.' + member + ': ' + text : "Failed to execute '" + member + "' on '" + name + "': " + text);
  function countError(cx, name, member, given) {
    const text = FIREFOX ? 'At least 1 argument required, but only ' + given + ' passed' : '1 argument required, but only ' + given + ' present.';
    return host.newTypeError(cx, member === undefined ? constructorFailure(name, text) : memberFailure(name, member, text));
  }
  function illegalInvocation(cx, owner, member) {
    return host.newTypeError(cx, FIREFOX ? "'" + member + "' called on an object that does not implement interface " + owner + '.' : 'Illegal invocation');
  }
  function checkCallback(cx, name, callback) {
    if (typeof callback === 'function') return;
    throw host.newTypeError(cx, constructorFailure(name, FIREFOX ? (callback !== null && typeof callback === 'object' ? 'Argument 1 is not callable.' : 'Argument 1 is not an object.')
      : "parameter 1 is not of type 'Function'."));
  }
  function checkElement(cx, name, target) {
    if (host.domIsElement !== undefined && host.domIsElement(target)) return;
    throw host.newTypeError(cx, memberFailure(name, 'observe', FIREFOX ? (target !== null && typeof target === 'object' ? 'Argument 1 does not implement interface Element.' : 'Argument 1 is not an object.')
      : "parameter 1 is not of type 'Element'."));
  }
  const domException = host.newDOMException;

  // ---- Interfaces ---------------------------------------------------------------------------------------------
  // Each world's interfaces, made on first need; each object's state, by object.
  const states = new SafeWeakMap();
  const stateOf = (cx, value, owner, member) => {
    const state = value !== null && typeof value === 'object' ? states.get(value) : undefined;
    if (state === undefined || state.owner !== owner) throw illegalInvocation(cx, owner, member);
    return state;
  };
  // A read-only attribute of `owner` whose value is `read(state)`, and an operation that runs
  // `run(cx, state, args)`: members of its interface (js/38_api.js's host.makeWorldInterface).
  const getter = (owner, name, read) => ['get', name, (cx, thisValue) => read(stateOf(cx, thisValue, owner, 'get ' + name))];
  const operation = (owner, name, length, run) => ['method', name, length, (cx, thisValue, ...args) => run(cx, stateOf(cx, thisValue, owner, name), args)];
  const fieldGetters = (owner, fields) => {
    const members = [];
    for (let i = 0; i < fields.length; i++) listPush(members, getter(owner, fields[i], (state) => state[fields[i]]));
    return members;
  };
  const illegalConstructor = (name) => (cx) => {
    throw host.newTypeError(cx, FIREFOX ? 'Illegal constructor.' : "Failed to construct '" + name + "': Illegal constructor");
  };
  const intersectionEntryMembers = fieldGetters('IntersectionObserverEntry', ['time', 'rootBounds', 'boundingClientRect', 'intersectionRect', 'isIntersecting', 'intersectionRatio', 'target']);
  if (!FIREFOX) listPush(intersectionEntryMembers, getter('IntersectionObserverEntry', 'isVisible', () => false));
  // Each interface: its constructor ((cx, thisValue, newTarget, ...args)) and members.
  const interfaces = {
    __proto__: null,
    IntersectionObserver: {
      construct: (cx, thisValue, newTarget, ...args) => constructIntersectionObserver(cx, newTarget, args),
      members: [
        getter('IntersectionObserver', 'root', (state) => state.root),
        getter('IntersectionObserver', 'rootMargin', (state) => state.rootMargin),
        getter('IntersectionObserver', 'thresholds', (state) => state.thresholds),
        operation('IntersectionObserver', 'observe', 1, (cx, state, args) => observe(cx, state, args)),
        operation('IntersectionObserver', 'unobserve', 1, (cx, state, args) => unobserve(state, args[0])),
        operation('IntersectionObserver', 'disconnect', 0, (cx, state) => disconnect(state)),
        operation('IntersectionObserver', 'takeRecords', 0, (cx, state) => takeRecords(cx, state)),
      ],
    },
    IntersectionObserverEntry: { construct: illegalConstructor('IntersectionObserverEntry'), members: intersectionEntryMembers },
    ResizeObserver: {
      construct: (cx, thisValue, newTarget, ...args) => constructResizeObserver(cx, newTarget, args),
      members: [
        operation('ResizeObserver', 'observe', 1, (cx, state, args) => observe(cx, state, args)),
        operation('ResizeObserver', 'unobserve', 1, (cx, state, args) => unobserve(state, args[0])),
        operation('ResizeObserver', 'disconnect', 0, (cx, state) => disconnect(state)),
      ],
    },
    ResizeObserverEntry: {
      construct: illegalConstructor('ResizeObserverEntry'),
      members: fieldGetters('ResizeObserverEntry', ['target', 'contentRect', 'borderBoxSize', 'contentBoxSize', 'devicePixelContentBoxSize']),
    },
    ResizeObserverSize: {
      construct: illegalConstructor('ResizeObserverSize'),
      members: [getter('ResizeObserverSize', 'inlineSize', (state) => state.inlineSize), getter('ResizeObserverSize', 'blockSize', (state) => state.blockSize)],
    },
  };
  // The prototype of the interface `name` of the world of `cx`, made on first need: `constructor`
  // first, then the members.
  function layoutInterface(cx, name) {
    const made = cx.layoutInterfaces[name];
    if (made !== undefined) return made;
    const description = interfaces[name];
    const prototype = host.makeWorldInterface(cx, name, {
      __proto__: null, construct: description.construct, members: description.members, constructorFirst: true,
    }, null).prototype;
    cx.layoutInterfaces[name] = prototype;
    return prototype;
  }
  host.makeLayoutObserverInterface = (cx, name) => {
    layoutInterface(cx, name);
  };
  host.installLayoutObservers = (cx) => {
    cx.layoutInterfaces = { __proto__: null };
  };
  // A new object of the interface `name`, with its state.
  function newObject(cx, name, state, newTarget) {
    const given = newTarget === undefined ? undefined : cx.b.ReflectGet(newTarget, 'prototype');
    const prototype = given !== null && (typeof given === 'object' || typeof given === 'function') ? given : layoutInterface(cx, name);
    const object = host.newObjectFrom(cx, prototype);
    state.owner = name;
    states.set(object, state);
    return object;
  }

  // ---- IntersectionObserver --------------------------------------------------------------------------------------
  // `rootMargin` (one to four lengths in px or %, CSS's order) as the browsers give it back: four.
  function parseRootMargin(cx, text) {
    const parts = String(text).trim().split(/\s+/);
    const values = [];
    for (let i = 0; i < parts.length && parts[0] !== ''; i++) {
      const match = /^([+-]?(?:\d+\.?\d*|\.\d+))(px|%)?$/i.exec(parts[i]);
      if (match === null || (match[2] === undefined && Number(match[1]) !== 0)) {
        throw domException(cx, constructorFailure('IntersectionObserver', FIREFOX ? 'rootMargin must be specified in pixels or percent.'
          : 'rootMargin must be specified in absolute length units or percent.'), 'SyntaxError');
      }
      listPush(values, String(Number(match[1])) + (match[2] === undefined ? 'px' : match[2].toLowerCase()));
    }
    if (values.length === 0 || values.length > 4) {
      throw domException(cx, constructorFailure('IntersectionObserver', FIREFOX ? 'rootMargin must be specified in pixels or percent.'
        : 'rootMargin must be specified in absolute length units or percent.'), 'SyntaxError');
    }
    const top = values[0];
    const right = values.length > 1 ? values[1] : top;
    const bottom = values.length > 2 ? values[2] : top;
    const left = values.length > 3 ? values[3] : right;
    return top + ' ' + right + ' ' + bottom + ' ' + left;
  }
  function parseThresholds(cx, value) {
    const list = [];
    if (value !== null && typeof value === 'object') {
      const length = Number(value.length);
      for (let i = 0; i < length; i++) listPush(list, Number(value[i]));
    } else {
      listPush(list, value === undefined ? 0 : Number(value));
    }
    for (let i = 0; i < list.length; i++) {
      if (!NumberIsFinite(list[i]) || list[i] < 0 || list[i] > 1) {
        throw new cx.b.RangeError(constructorFailure('IntersectionObserver', FIREFOX ? 'Threshold values must all be in the range [0, 1].'
          : 'Threshold values must be numbers between 0 and 1'));
      }
    }
    list.sort((a, b) => a - b);
    return list.length === 0 ? [0] : list;
  }
  function constructIntersectionObserver(cx, newTarget, args) {
    if (args.length < 1) throw countError(cx, 'IntersectionObserver', undefined, args.length);
    checkCallback(cx, 'IntersectionObserver', args[0]);
    const options = args[1];
    let root = null;
    let rootMargin = '0px 0px 0px 0px';
    let thresholds = [0];
    if (options !== undefined && options !== null) {
      if (options.root !== undefined && options.root !== null) root = options.root;
      if (options.rootMargin !== undefined) rootMargin = parseRootMargin(cx, options.rootMargin);
      thresholds = parseThresholds(cx, options.threshold);
    }
    const state = {
      __proto__: null, callback: args[0], root, rootMargin, thresholds: ObjectFreeze(host.newArray(cx, thresholds)), targets: [], records: [],
      kind: 'intersection', object: null,
    };
    state.object = newObject(cx, 'IntersectionObserver', state, newTarget);
    return state.object;
  }
  function takeRecords(cx, state) {
    const records = state.records;
    state.records = [];
    return host.newArray(cx, records);
  }

  // ---- ResizeObserver --------------------------------------------------------------------------------------------
  function constructResizeObserver(cx, newTarget, args) {
    if (args.length < 1) throw countError(cx, 'ResizeObserver', undefined, args.length);
    checkCallback(cx, 'ResizeObserver', args[0]);
    const state = { __proto__: null, callback: args[0], targets: [], records: [], kind: 'resize', object: null };
    state.object = newObject(cx, 'ResizeObserver', state, newTarget);
    return state.object;
  }
  // An empty box's size, as a frozen list of one ResizeObserverSize.
  function sizes(cx) {
    const size = newObject(cx, 'ResizeObserverSize', { __proto__: null, inlineSize: 0, blockSize: 0 }, undefined);
    return ObjectFreeze(host.newArray(cx, [size]));
  }

  // ---- Observing ---------------------------------------------------------------------------------------------------
  // A target's first state is reported at the next frame (its observation is new): one step of
  // the frame's rendering update per observer gathers them all.
  function observe(cx, state, args) {
    const name = state.kind === 'resize' ? 'ResizeObserver' : 'IntersectionObserver';
    if (args.length < 1) throw countError(cx, name, 'observe', args.length);
    checkElement(cx, name, args[0]);
    for (let i = 0; i < state.targets.length; i++) if (state.targets[i].target === args[0]) return;
    listPush(state.targets, { __proto__: null, target: args[0], reported: false });
    if (state.frameQueued === true) return;
    state.frameQueued = true;
    host.atNextFrame(cx, state.kind, (time) => {
      state.frameQueued = false;
      gather(cx, state, time);
    });
  }
  function unobserve(state, target) {
    for (let i = 0; i < state.targets.length; i++) {
      if (state.targets[i].target === target) {
        listRemoveAt(state.targets, i);
        return;
      }
    }
  }
  function disconnect(state) {
    state.targets = [];
    state.records = [];
  }
  // The entries of the observations not reported yet; ResizeObserver's callback is called in the
  // rendering update itself, IntersectionObserver's in a task it queues (as the standards say).
  function gather(cx, state, time) {
    for (let i = 0; i < state.targets.length; i++) {
      const observation = state.targets[i];
      if (observation.reported) continue;
      observation.reported = true;
      listPush(state.records, state.kind === 'resize' ? resizeEntry(cx, observation.target) : intersectionEntry(cx, observation.target, time));
    }
    if (state.records.length === 0) return;
    if (state.kind === 'resize') deliver(cx, state);
    else cx.loader.native.clock.timeout(0, () => deliver(cx, state));
  }
  function resizeEntry(cx, target) {
    return newObject(cx, 'ResizeObserverEntry', {
      __proto__: null, target, contentRect: host.domRect(cx, rectInterface, 0, 0, 0, 0),
      borderBoxSize: sizes(cx), contentBoxSize: sizes(cx), devicePixelContentBoxSize: sizes(cx),
    }, undefined);
  }
  function intersectionEntry(cx, target, time) {
    const rendered = host.domIsRendered(target);
    const view = host.headlessView;
    return newObject(cx, 'IntersectionObserverEntry', {
      __proto__: null, time, target, isIntersecting: rendered, intersectionRatio: rendered ? 1 : 0,
      rootBounds: host.domRect(cx, rectInterface, 0, 0, view.innerWidth, view.innerHeight),
      boundingClientRect: host.domRect(cx, rectInterface, 0, 0, 0, 0), intersectionRect: host.domRect(cx, rectInterface, 0, 0, 0, 0),
    }, undefined);
  }
  function deliver(cx, state) {
    if (state.records.length === 0) return;
    const entries = host.newArray(cx, state.records);
    state.records = [];
    try {
      cx.b.ReflectApply(state.callback, state.object, host.newArray(cx, [entries, state.object]));
    } catch (error) {
      host.reportException(cx, error);
    }
  }
});
