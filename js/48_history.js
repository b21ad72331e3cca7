// exthost:needs primordials host dom_exception structured_clone
// exthost:globals Window: history:accessor ~History:constructor:0
// The session history as a window sees it (HTML's History interface): `length` and `state` of the
// tab's entries, `pushState`/`replaceState` (a same-document navigation: the URL changes at once,
// no `hashchange`), `back`/`forward`/`go` (a traversal, in a task: Swift's frame.traverse; to an
// entry of the same document with `popstate`, to another page by loading it again), and
// `scrollRestoration`. The entries are the tab's, in Swift (Sources/Exthost/DOM/SessionHistory.swift,
// ExtensionHost+History.swift); a state crosses as the structured-clone text written here, and
// each world reads its own copy of it.
(function (host) {
  'use strict';
  const { String, Number, NumberIsFinite, MathTrunc, SafeWeakSet, ObjectCreate, JSONParse, ReflectGetOwnPropertyDescriptor } = host.primordials;
  const FIREFOX = host.flavor === 'firefox';
  const { failed, illegalInvocation, illegalConstructor, countError } = host.webIDLErrors;

  const histories = new SafeWeakSet();
  const check = (object, member) => {
    if (!histories.has(object)) throw illegalInvocation('History', member);
  };
  // The entry's state as this world read it last (read again only when the entry's text changed).
  let stateRead = { __proto__: null, text: null, value: null };
  function facts() {
    const answer = host.call('frame.history', []);
    return typeof answer === 'string' ? JSONParse(answer) : { __proto__: null, length: 1, state: null };
  }
  function stateOf(text) {
    if (text === null || text === undefined) return null;
    if (stateRead.text !== text) stateRead = { __proto__: null, text, value: host.readClone(text) };
    return stateRead.value;
  }
  // Web IDL's `long` for go(delta).
  function long(value) {
    const number = Number(value);
    if (!NumberIsFinite(number)) return 0;
    const integer = MathTrunc(number) % 4294967296;
    const wrapped = integer < 0 ? integer + 4294967296 : integer;
    return wrapped >= 2147483648 ? wrapped - 4294967296 : wrapped;
  }
  function changeState(member, args, replace) {
    if (args.length < 2) throw countError('History', member, 2, args.length);
    let text;
    try {
      text = host.writeClone(args[0], "Failed to execute '" + member + "' on 'History': ");
    } catch (error) {
      // (Firefox's history writes its states with the words of its own clone container.)
      const parts = FIREFOX ? host.domExceptionParts(error) : undefined;
      if (parts !== undefined && parts.name === 'DataCloneError') throw host.newDOMException('The object could not be cloned.', 'DataCloneError');
      throw error;
    }
    const url = args.length > 2 && args[2] !== undefined && args[2] !== null ? String(args[2]) : null;
    const answer = host.call('frame.changeState', [text, url, replace]);
    if (answer === null || answer === undefined) return;
    // (A URL that does not parse, or of another origin: {url, origin, documentURL}.)
    const refusal = JSONParse(answer);
    throw host.newDOMException(FIREFOX ? 'The operation is insecure.'
      : failed('History', member, "A history state object with URL '" + refusal.url + "' cannot be created in a document with origin '" + refusal.origin + "' and URL '" + refusal.documentURL + "'."), 'SecurityError');
  }
  let scrollRestoration = 'auto';

  function History() {
    throw illegalConstructor('History');
  }
  const prototype = host.defineInterface(History, 'History', 0, {
    get length() {
      check(this, 'length');
      return facts().length;
    },
    get scrollRestoration() {
      check(this, 'scrollRestoration');
      return scrollRestoration;
    },
    set scrollRestoration(value) {
      check(this, 'scrollRestoration');
      const text = String(value);
      // (An enumeration: a value that is not one of its own is ignored.)
      if (text === 'auto' || text === 'manual') scrollRestoration = text;
    },
    get state() {
      check(this, 'state');
      return stateOf(facts().state);
    },
    go(...args) {
      check(this, 'go');
      host.call('frame.traverse', [args.length > 0 ? long(args[0]) : 0]);
    },
    back() {
      check(this, 'back');
      host.call('frame.traverse', [-1]);
    },
    forward() {
      check(this, 'forward');
      host.call('frame.traverse', [1]);
    },
    pushState(...args) {
      check(this, 'pushState');
      changeState('pushState', args, false);
    },
    replaceState(...args) {
      check(this, 'replaceState');
      changeState('replaceState', args, true);
    },
  });
  const history = ObjectCreate(prototype);
  histories.add(history);
  const { get } = ReflectGetOwnPropertyDescriptor({ get history() { return history; } }, 'history');
  host.defineGlobal('history', { __proto__: null, get, configurable: true, enumerable: true });
});
