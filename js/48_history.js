// exthost:realm host
// exthost:needs primordials api
// exthost:globals Window: history:accessor ~History:constructor:0
// The session history as a window sees it (HTML's History interface): `length` and `state` of the
// tab's entries, `pushState`/`replaceState` (a same-document navigation: the URL changes at once,
// no `hashchange`), `back`/`forward`/`go` (a traversal, in a task: Swift's frame.traverse; to an
// entry of the same document with `popstate`, to another page by loading it again), and
// `scrollRestoration`. The entries are the tab's, in Swift (Sources/Exthost/DOM/SessionHistory.swift,
// ExtensionHost+History.swift); a state crosses as the structured-clone text the world's
// js/46_structured_clone.js writes, and each world reads its own copy of it. Runs in the host's
// realm, for a world on the first touch of `history` (`host.installHistory`), its members one
// implementation for every world.
(function (host) {
  'use strict';
  const { String, Number, NumberIsFinite, MathTrunc, SafeWeakSet, JSONParse } = host.primordials;
  const FIREFOX = host.flavor === 'firefox';
  const { failed, illegalInvocation, countError } = host.webIDLErrors;
  const isObject = (value) => value !== null && (typeof value === 'object' || typeof value === 'function');

  // The histories (of any world), and each world's record: { history, stateRead, scrollRestoration, interface }.
  const histories = new SafeWeakSet();
  const check = (cx, object, member) => {
    if (!isObject(object) || !histories.has(object)) throw illegalInvocation(cx, 'History', member);
    return cx.historyWorld;
  };
  function facts(cx) {
    const answer = host.call(cx, 'frame.history', []);
    return typeof answer === 'string' ? JSONParse(answer) : { __proto__: null, length: 1, state: null };
  }
  // The entry's state as the world read it last (read again only when the entry's text changed).
  function stateOf(cx, world, text) {
    if (text === null || text === undefined) return null;
    if (world.stateRead.text !== text) {
      if (cx.loader.readClone === undefined) cx.loader.load('structured_clone');
      world.stateRead = { __proto__: null, text, value: cx.loader.readClone(text) };
    }
    return world.stateRead.value;
  }
  // Web IDL's `long` for go(delta).
  function long(value) {
    const number = Number(value);
    if (!NumberIsFinite(number)) return 0;
    const integer = MathTrunc(number) % 4294967296;
    const wrapped = integer < 0 ? integer + 4294967296 : integer;
    return wrapped >= 2147483648 ? wrapped - 4294967296 : wrapped;
  }
  function changeState(cx, member, args, replace) {
    if (args.length < 2) throw countError(cx, 'History', member, 2, args.length);
    if (cx.loader.writeClone === undefined) cx.loader.load('structured_clone');
    let text;
    try {
      text = cx.loader.writeClone(args[0], "Failed to execute '" + member + "' on 'History': ");
    } catch (error) {
      // (Firefox's history writes its states with the words of its own clone container.)
      const parts = FIREFOX && cx.loader.domExceptionParts !== undefined ? cx.loader.domExceptionParts(error) : undefined;
      if (parts !== undefined && parts.name === 'DataCloneError') throw host.newDOMException(cx, 'The object could not be cloned.', 'DataCloneError');
      throw error;
    }
    const url = args.length > 2 && args[2] !== undefined && args[2] !== null ? String(args[2]) : null;
    const answer = host.call(cx, 'frame.changeState', [text, url, replace]);
    if (answer === null || answer === undefined) return;
    // (A URL that does not parse, or of another origin: {url, origin, documentURL}.)
    const refusal = JSONParse(answer);
    throw host.newDOMException(cx, FIREFOX ? 'The operation is insecure.'
      : failed('History', member, "A history state object with URL '" + refusal.url + "' cannot be created in a document with origin '" + refusal.origin + "' and URL '" + refusal.documentURL + "'."), 'SecurityError');
  }
  const members = [
    ['get', 'length', (cx, thisValue) => {
      check(cx, thisValue, 'length');
      return facts(cx).length;
    }],
    ['accessor', 'scrollRestoration', (cx, thisValue) => check(cx, thisValue, 'scrollRestoration').scrollRestoration, (cx, thisValue, value) => {
      const world = check(cx, thisValue, 'scrollRestoration');
      const text = String(value);
      // (An enumeration: a value that is not one of its own is ignored.)
      if (text === 'auto' || text === 'manual') world.scrollRestoration = text;
    }],
    ['get', 'state', (cx, thisValue) => stateOf(cx, check(cx, thisValue, 'state'), facts(cx).state)],
    ['method', 'go', 0, (cx, thisValue, ...args) => {
      check(cx, thisValue, 'go');
      host.call(cx, 'frame.traverse', [args.length > 0 ? long(args[0]) : 0]);
    }],
    ['method', 'back', 0, (cx, thisValue) => {
      check(cx, thisValue, 'back');
      host.call(cx, 'frame.traverse', [-1]);
    }],
    ['method', 'forward', 0, (cx, thisValue) => {
      check(cx, thisValue, 'forward');
      host.call(cx, 'frame.traverse', [1]);
    }],
    ['method', 'pushState', 2, (cx, thisValue, ...args) => {
      check(cx, thisValue, 'pushState');
      changeState(cx, 'pushState', args, false);
    }],
    ['method', 'replaceState', 2, (cx, thisValue, ...args) => {
      check(cx, thisValue, 'replaceState');
      changeState(cx, 'replaceState', args, true);
    }],
  ];
  function interfaceOf(cx) {
    const world = cx.historyWorld;
    if (world.interface === undefined) world.interface = host.makeWorldInterface(cx, 'History', { __proto__: null, members }, null);
    return world.interface;
  }
  host.makeHistoryInterface = function (cx, name) {
    if (name !== 'History') return;
    host.installHistory(cx);
    interfaceOf(cx);
  };
  // Installs the module for the world of `cx`: its `history`.
  host.installHistory = function (cx) {
    if (cx.historyWorld !== undefined) return;
    const world = { __proto__: null, history: undefined, stateRead: { __proto__: null, text: null, value: null }, scrollRestoration: 'auto', interface: undefined };
    cx.historyWorld = world;
    world.history = host.newObjectFrom(cx, interfaceOf(cx).prototype);
    histories.add(world.history);
    const get = host.newFunction(cx, 'get history', 0, (data) => data.historyWorld.history, cx);
    cx.loader.defineGlobal('history', { __proto__: null, get, configurable: true, enumerable: true });
  };
});
