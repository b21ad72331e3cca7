// exthost:needs primordials host dom_exception events
// exthost:globals Window: ~MutationObserver:constructor:1 ~MutationRecord:constructor:0
// exthost:globals Window: chrome: ~WebKitMutationObserver=MutationObserver
// `MutationObserver` and `MutationRecord` (the DOM Standard's "Mutation observers"), with each
// browser's errors. The tree is the document's one DOM, shared by every world of the frame: the
// DOM (js/63_dom.js) watches its changes and queues a record with each observer of any world whose
// registrations want it (`host.queueMutationRecord`, given the record's parts as this world's
// objects); this module delivers them, each observer's in one call, in a microtask, in the order
// the observers were made. domino tells of changes to nodes in the document only: a change in a
// tree that is in no document reaches no observer.
(function (host) {
  'use strict';
  const { TypeError, String, SafeWeakMap, ReflectApply, ObjectCreate, listPush, enqueueMicrotask } = host.primordials;
  const FIREFOX = host.flavor === 'firefox';
  const { failed, newRequired, illegalConstructor, illegalInvocation, countError, dictionary } = host.webIDLErrors;

  // Each observer's state: its callback, its queue of records, whether it observes anything.
  const observers = new SafeWeakMap();
  // The observers with records to deliver, in the order they were made.
  let pending = [];
  let scheduled = false;
  let made = 0;

  function MutationObserver(...args) {
    if (new.target === undefined) throw newRequired('MutationObserver');
    if (args.length < 1) throw countError('MutationObserver', 'constructor', 1, args.length);
    if (typeof args[0] !== 'function') {
      const isObject = args[0] !== null && typeof args[0] === 'object';
      throw new TypeError(FIREFOX ? 'MutationObserver constructor: Argument 1 is not ' + (isObject ? 'callable.' : 'an object.')
        : failed('MutationObserver', 'constructor', "parameter 1 is not of type 'Function'."));
    }
    observers.set(this, { __proto__: null, callback: args[0], queue: [], order: made++ });
  }
  const stateOf = (observer, member) => {
    const state = observers.get(observer);
    if (state === undefined) throw illegalInvocation('MutationObserver', member);
    return state;
  };
  // The standard's checks of MutationObserverInit, with each browser's words.
  function options(given) {
    const init = dictionary(given, 'MutationObserver', 'observe', 2, 'MutationObserverInit');
    const read = { __proto__: null, attributeFilter: undefined, attributeOldValue: undefined, attributes: undefined, characterData: undefined,
      characterDataOldValue: undefined, childList: false, subtree: false };
    if (init !== undefined) {
      // (Members in the dictionary's order: sorted.)
      if (init.attributeFilter !== undefined) read.attributeFilter = host.webIDLSequence(init.attributeFilter, () => new TypeError(FIREFOX
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
    const refuse = (chromeText, firefoxText) => new TypeError(FIREFOX ? 'MutationObserver.observe: ' + firefoxText : failed('MutationObserver', 'observe', chromeText));
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
  host.defineInterface(MutationObserver, 'MutationObserver', 1, {
    observe(...args) {
      stateOf(this, 'observe');
      if (args.length < 1) throw countError('MutationObserver', 'observe', 1, args.length);
      if (host.domIsNode === undefined || !host.domIsNode(args[0])) {
        const isObject = args[0] !== null && (typeof args[0] === 'object' || typeof args[0] === 'function');
        throw new TypeError(FIREFOX ? 'MutationObserver.observe: Argument 1 ' + (isObject ? 'does not implement interface Node.' : 'is not an object.')
          : failed('MutationObserver', 'observe', "parameter 1 is not of type 'Node'."));
      }
      host.domObserve(this, args[0], options(args[1]));
    },
    disconnect() {
      const state = stateOf(this, 'disconnect');
      state.queue = [];
      if (host.domUnobserve !== undefined) host.domUnobserve(this);
    },
    takeRecords() {
      const state = stateOf(this, 'takeRecords');
      const records = state.queue;
      state.queue = [];
      return records;
    },
  }, { __proto__: null });

  // ---- MutationRecord ----------------------------------------------------------------------------------
  const records = new SafeWeakMap();
  function MutationRecord() {
    throw illegalConstructor('MutationRecord');
  }
  const field = (record, name) => {
    const fields = records.get(record);
    if (fields === undefined) throw illegalInvocation('MutationRecord', 'get ' + name);
    return fields[name];
  };
  const recordPrototype = host.defineInterface(MutationRecord, 'MutationRecord', 0, {
    get type() { return field(this, 'type'); },
    get target() { return field(this, 'target'); },
    get addedNodes() { return field(this, 'addedNodes'); },
    get removedNodes() { return field(this, 'removedNodes'); },
    get previousSibling() { return field(this, 'previousSibling'); },
    get nextSibling() { return field(this, 'nextSibling'); },
    get attributeName() { return field(this, 'attributeName'); },
    get attributeNamespace() { return field(this, 'attributeNamespace'); },
    get oldValue() { return field(this, 'oldValue'); },
  }, { __proto__: null });

  // Queues a record with `observer` (its parts already this world's), and the delivery.
  host.queueMutationRecord = function (observer, parts) {
    const state = observers.get(observer);
    if (state === undefined) return;
    const made = ObjectCreate(recordPrototype);
    records.set(made, {
      __proto__: null, type: parts.type, target: parts.target, addedNodes: parts.addedNodes, removedNodes: parts.removedNodes,
      previousSibling: parts.previousSibling, nextSibling: parts.nextSibling, attributeName: parts.attributeName,
      attributeNamespace: parts.attributeNamespace, oldValue: parts.oldValue,
    });
    if (state.queue.length === 0) pending = inOrder(pending, observer, state.order);
    listPush(state.queue, made);
    if (!scheduled) {
      scheduled = true;
      enqueueMicrotask(deliver);
    }
  };
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
  // "Notify mutation observers": each observer with records, in the order they were made, gets
  // them in one call of its callback.
  function deliver() {
    scheduled = false;
    const list = pending;
    pending = [];
    for (let i = 0; i < list.length; i++) {
      const state = observers.get(list[i]);
      const queued = state.queue;
      state.queue = [];
      if (queued.length === 0) continue;
      try {
        ReflectApply(state.callback, list[i], [queued, list[i]]);
      } catch (error) {
        host.reportException(error);
      }
    }
  }
})
