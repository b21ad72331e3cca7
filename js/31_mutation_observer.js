// exthost:realm host
// exthost:needs primordials api events
// exthost:globals Window: ~MutationObserver:constructor:1 ~MutationRecord:constructor:0
// exthost:globals Window: chrome: ~WebKitMutationObserver=MutationObserver
// `MutationObserver` and `MutationRecord` (the DOM Standard's "Mutation observers"), with each
// browser's errors. The tree is the document's one DOM, shared by every world of the frame: the
// DOM (js/63_dom.js) watches its changes and queues a record with each observer of any world whose
// registrations want it (`queueMutationRecord`, given the record's parts as that world's
// objects); this module delivers them, each observer's in one call, in a microtask, in the order
// the world's observers were made. domino tells of changes to nodes in the document only: a
// change in a tree that is in no document reaches no observer.
//
// Runs in the host's realm, for a world on the first touch of its globals
// (`host.installMutationObservers`); each interface is made on first need, its members one
// implementation for every world (js/31_events.js's way).
(function (host) {
  'use strict';
  const { String, SafeWeakMap, ReflectApply, listPush, enqueueMicrotask } = host.primordials;
  const FIREFOX = host.flavor === 'firefox';
  const { failed, illegalInvocation, countError, dictionary } = host.webIDLErrors;
  const typeError = (cx, text) => host.newTypeError(cx, text);
  const isObject = (value) => value !== null && (typeof value === 'object' || typeof value === 'function');

  // Each observer's state (of any world): its world, its callback, its queue of records, and
  // when it was made among its world's.
  const observers = new SafeWeakMap();
  // Each world's observers with records to deliver, in the order they were made.
  const worldOf = (cx) => cx.mutationWorld;

  const constructObserver = (cx, thisValue, newTarget, ...args) => {
    if (args.length < 1) throw countError(cx, 'MutationObserver', 'constructor', 1, args.length);
    if (typeof args[0] !== 'function') {
      throw typeError(cx, FIREFOX ? 'MutationObserver constructor: Argument 1 is not ' + (isObject(args[0]) ? 'callable.' : 'an object.')
        : failed('MutationObserver', 'constructor', "parameter 1 is not of type 'Function'."));
    }
    const observer = host.newInstance(cx, newTarget, interfaceOf(cx, 'MutationObserver').prototype);
    const world = worldOf(cx);
    observers.set(observer, { __proto__: null, cx, callback: args[0], queue: [], order: world.made++ });
    return observer;
  };
  const stateOf = (cx, observer, member) => {
    const state = isObject(observer) ? observers.get(observer) : undefined;
    if (state === undefined) throw illegalInvocation(cx, 'MutationObserver', member);
    return state;
  };
  // The standard's checks of MutationObserverInit, with each browser's words.
  function options(cx, given) {
    const init = dictionary(cx, given, 'MutationObserver', 'observe', 2, 'MutationObserverInit');
    const read = { __proto__: null, attributeFilter: undefined, attributeOldValue: undefined, attributes: undefined, characterData: undefined,
      characterDataOldValue: undefined, childList: false, subtree: false };
    if (init !== undefined) {
      // (Members in the dictionary's order: sorted.)
      if (init.attributeFilter !== undefined) read.attributeFilter = host.webIDLSequence(init.attributeFilter, () => typeError(cx, FIREFOX
        ? "MutationObserver.observe: 'attributeFilter' member of MutationObserverInit can't be converted to a sequence."
        : failed('MutationObserver', 'observe', "Failed to read the 'attributeFilter' property from 'MutationObserverInit': The provided value cannot be converted to a sequence.")),
      (item) => String(item));
      if (init.attributeOldValue !== undefined) read.attributeOldValue = !!init.attributeOldValue;
      if (init.attributes !== undefined) read.attributes = !!init.attributes;
      if (init.characterData !== undefined) read.characterData = !!init.characterData;
      if (init.characterDataOldValue !== undefined) read.characterDataOldValue = !!init.characterDataOldValue;
      read.childList = !!init.childList;
      read.subtree = !!init.subtree;
    }
    if ((read.attributeOldValue !== undefined || read.attributeFilter !== undefined) && read.attributes === undefined) read.attributes = true;
    if (read.characterDataOldValue !== undefined && read.characterData === undefined) read.characterData = true;
    const refuse = (chromeText, firefoxText) => typeError(cx, FIREFOX ? 'MutationObserver.observe: ' + firefoxText : failed('MutationObserver', 'observe', chromeText));
    // (Firefox checks that one kind is observed first, as the standard orders it; Chromium last.)
    const noneObserved = () => refuse("The options object must set at least one of 'attributes', 'characterData', or 'childList' to true.",
      "One of 'childList', 'attributes', 'characterData' must not be false.");
    if (FIREFOX && !read.childList && !read.attributes && !read.characterData) throw noneObserved();
    if (read.attributeOldValue && !read.attributes) {
      throw refuse("The options object may only set 'attributeOldValue' to true when 'attributes' is true or not present.",
        "If 'attributeOldValue' is true, 'attributes' must not be false.");
    }
    if (read.attributeFilter !== undefined && !read.attributes) {
      // (Firefox's words, as they are: 'attributesFilter'.)
      throw refuse("The options object may only set 'attributeFilter' when 'attributes' is true or not present.",
        "If 'attributesFilter' is present, 'attributes' must not be false.");
    }
    if (read.characterDataOldValue && !read.characterData) {
      throw refuse("The options object may only set 'characterDataOldValue' to true when 'characterData' is true or not present.",
        "If 'characterDataOldValue' is true, 'characterData' must not be false.");
    }
    if (!read.childList && !read.attributes && !read.characterData) throw noneObserved();
    return {
      __proto__: null, childList: read.childList, attributes: !!read.attributes, characterData: !!read.characterData, subtree: read.subtree,
      attributeOldValue: !!read.attributeOldValue, characterDataOldValue: !!read.characterDataOldValue,
      attributeFilter: read.attributeFilter === undefined ? null : read.attributeFilter,
    };
  }

  // ---- MutationRecord ----------------------------------------------------------------------------------
  const records = new SafeWeakMap();
  const recordField = (name) => (cx, thisValue) => {
    const fields = isObject(thisValue) ? records.get(thisValue) : undefined;
    if (fields === undefined) throw illegalInvocation(cx, 'MutationRecord', 'get ' + name);
    return fields[name];
  };

  // ---- The interfaces: [kind, name, implementation(s)...] each, as js/31_events.js's ---------------------
  const interfaces = {
    __proto__: null,
    MutationObserver: {
      construct: constructObserver,
      members: [
        ['method', 'observe', 1, (cx, thisValue, ...args) => {
          stateOf(cx, thisValue, 'observe');
          if (args.length < 1) throw countError(cx, 'MutationObserver', 'observe', 1, args.length);
          if (cx.dom === undefined || !host.domHooks.isNode(args[0])) {
            throw typeError(cx, FIREFOX ? 'MutationObserver.observe: Argument 1 ' + (isObject(args[0]) ? 'does not implement interface Node.' : 'is not an object.')
              : failed('MutationObserver', 'observe', "parameter 1 is not of type 'Node'."));
          }
          host.domHooks.observe(cx, thisValue, args[0], options(cx, args[1]));
        }],
        ['method', 'disconnect', 0, (cx, thisValue) => {
          const state = stateOf(cx, thisValue, 'disconnect');
          state.queue = [];
          if (host.domHooks !== undefined) host.domHooks.unobserve(thisValue);
        }],
        ['method', 'takeRecords', 0, (cx, thisValue) => {
          const state = stateOf(cx, thisValue, 'takeRecords');
          const queued = state.queue;
          state.queue = [];
          return host.newArray(cx, queued);
        }],
      ],
    },
    MutationRecord: {
      members: [
        ['get', 'type', recordField('type')], ['get', 'target', recordField('target')], ['get', 'addedNodes', recordField('addedNodes')],
        ['get', 'removedNodes', recordField('removedNodes')], ['get', 'previousSibling', recordField('previousSibling')],
        ['get', 'nextSibling', recordField('nextSibling')], ['get', 'attributeName', recordField('attributeName')],
        ['get', 'attributeNamespace', recordField('attributeNamespace')], ['get', 'oldValue', recordField('oldValue')],
      ],
    },
  };
  // The interface `name` of the world of `cx` ({prototype, publicConstructor}), made now if it was not.
  function interfaceOf(cx, name) {
    const world = worldOf(cx);
    if (world.interfaces[name] === undefined) world.interfaces[name] = host.makeWorldInterface(cx, name, interfaces[name], null);
    return world.interfaces[name];
  }
  host.makeMutationObserverInterface = function (cx, name) {
    if (interfaces[name] !== undefined) interfaceOf(cx, name);
  };

  // Queues a record with `observer` (its parts already its world's), and the delivery.
  function queueMutationRecord(observer, parts) {
    const state = observers.get(observer);
    if (state === undefined) return;
    const cx = state.cx;
    const world = worldOf(cx);
    const made = host.newObjectFrom(cx, interfaceOf(cx, 'MutationRecord').prototype);
    records.set(made, {
      __proto__: null, type: parts.type, target: parts.target, addedNodes: parts.addedNodes, removedNodes: parts.removedNodes,
      previousSibling: parts.previousSibling, nextSibling: parts.nextSibling, attributeName: parts.attributeName,
      attributeNamespace: parts.attributeNamespace, oldValue: parts.oldValue,
    });
    if (state.queue.length === 0) world.pending = inOrder(world.pending, observer, state.order);
    listPush(state.queue, made);
    if (!world.scheduled) {
      world.scheduled = true;
      enqueueMicrotask(() => deliver(cx));
    }
  }
  // `list` with `observer` put in its place by the order observers were made.
  function inOrder(list, observer, order) {
    const result = [];
    let placed = false;
    for (let i = 0; i < list.length; i++) {
      if (!placed && observers.get(list[i]).order > order) {
        listPush(result, observer);
        placed = true;
      }
      listPush(result, list[i]);
    }
    if (!placed) listPush(result, observer);
    return result;
  }
  // "Notify mutation observers": each observer of the world with records, in the order they
  // were made, gets them in one call of its callback.
  function deliver(cx) {
    const world = worldOf(cx);
    world.scheduled = false;
    const list = world.pending;
    world.pending = [];
    for (let i = 0; i < list.length; i++) {
      const state = observers.get(list[i]);
      const queued = state.queue;
      state.queue = [];
      if (queued.length === 0) continue;
      try {
        ReflectApply(state.callback, list[i], [host.newArray(cx, queued), list[i]]);
      } catch (error) {
        host.reportException(cx, error);
      }
    }
  }

  // Installs the module for the world of `cx`: what the DOM (js/63_dom.js) asks through the
  // context's `host` object.
  host.installMutationObservers = function (cx) {
    if (cx.mutationWorld !== undefined) return;
    cx.mutationWorld = { __proto__: null, interfaces: { __proto__: null }, pending: [], scheduled: false, made: 0 };
    cx.loader.queueMutationRecord = queueMutationRecord;
  };
});
