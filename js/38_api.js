// exthost:realm host
// exthost:needs primordials format
// The extension APIs (`chrome`, `browser`) of every context, run once in the host's own realm
// (Sources/Exthost/HostRealm.swift): events, requests to Swift, and what Swift delivers (events,
// responses). The code is shared by all contexts and linked once; each context's state is its
// record `cx`, which every entry point is given:
//   cx.kind, cx.info          what kind of context it is, and its extension's facts (data);
//   cx.b                      the context's built-ins as js/00_0_builtins.js took them before any
//                             extension script ran (its Object.create, Error, Promise, JSON.parse);
//   cx.u                      its prototype methods taken then (Promise.prototype.then, ...), to
//                             call with ReflectApply;
//   cx.native                 the natives bound to the context (Sources/Exthost/ExtensionContext+API.swift):
//                             console, api, port, and realm.function;
//   cx.describedRealm         what the format module compares with in the context;
//   cx.global, cx.loader      its global object, and its module loader (js/00_1_modules.js).
// Everything a context's scripts get is made in the context's realm, from `cx.b` or by
// `cx.native.realm.function`: no object of this realm may reach them.
(function (host) {
  'use strict';
  const {
    ReflectApply, ReflectDefineProperty, ReflectDeleteProperty, ReflectGet, ReflectGetPrototypeOf, ReflectSetPrototypeOf, ObjectSetPrototypeOf, SymbolToStringTag,
    StringPrototypeIncludes, ObjectKeys, SafeMap, SafeWeakMap, TypeError,
    listPush, listCopy, listIncludes, listIndexOf, listRemoveAt, dataDescriptor, newSafePromise, stringifyData, errorLocation,
    isErrorObject, JSONParse, ObjectPrototypeIsPrototypeOf, SafeSet,
  } = host.primordials;
  const chrome = host.flavor === 'chrome';

  // ---- Contexts ------------------------------------------------------------------------------------
  // Sets up a context's record when Swift makes it. (What a later module keeps for a context it
  // makes on first use: a record may be made before that module loads.)
  host.attach = function (cx) {
    // (A driver and an extension page have the background's APIs.)
    // (A devtools page is an extension page with the `devtools` namespace: Chromium gives it what
    // its other pages have, Firefox the few namespaces that say so: js/90_namespaces.js.)
    cx.apiKind = cx.info.devtools === true ? 'devtools' : cx.kind === 'driver' || cx.kind === 'page' ? 'background' : cx.kind;
    cx.events = new SafeMap();
    cx.pending = new SafeMap();
    cx.nextRequest = 1;
    cx.eventPrototype = undefined;
    // The handler Chromium's test harness sets while it runs tests (js/54_test_chrome.js):
    // `(text, error)` for an exception a listener or an API callback threw.
    cx.exceptionHandler = undefined;
  };

  // ---- Values of a context's realm -------------------------------------------------------------------
  // (The context's built-ins, called from here, make their objects in their own realm.)
  host.newObject = (cx) => ReflectApply(cx.b.ObjectCreate, undefined, [cx.b.ObjectPrototype]);
  // The headless browsers' windows, as recorded (fixtures/conformance/window-view): the viewport
  // (inner), the window (outer), its place on the screen, and the screen (js/30_view.js).
  host.headlessView = chrome
    ? { __proto__: null, innerWidth: 780, innerHeight: 437, outerWidth: 780, outerHeight: 580, screenX: 10, screenY: 10, screenWidth: 800, screenHeight: 600 }
    : { __proto__: null, innerWidth: 1366, innerHeight: 682, outerWidth: 1366, outerHeight: 768, screenX: 0, screenY: 0, screenWidth: 1366, screenHeight: 768 };

  host.newObjectFrom = (cx, prototype) => ReflectApply(cx.b.ObjectCreate, undefined, [prototype]);
  // An array of the context holding `items` (a list of this realm).
  host.newArray = (cx, items) => {
    const array = ReflectApply(cx.b.JSONParse, undefined, ['[]']);
    for (let i = 0; i < items.length; i++) ReflectDefineProperty(array, i, dataDescriptor(items[i], true, true, true));
    return array;
  };
  host.newError = (cx, message) => new cx.b.Error(message);
  host.newTypeError = (cx, message) => new cx.b.TypeError(message);
  // The errors of Web IDL interfaces, as each browser words them, each made in the world of `cx`.
  const failed = (owner, member, text) => (member === 'constructor'
    ? (chrome ? "Failed to construct '" + owner + "': " + text : owner + ' constructor: ' + text)
    : (chrome ? "Failed to execute '" + member + "' on '" + owner + "': " + text : owner + '.' + member + ': ' + text));
  host.webIDLErrors = {
    __proto__: null,
    // "Failed to execute 'member' on 'Owner': text" / "Owner.member: text" (member 'constructor': the constructor's).
    failed,
    // A member called on an object that is not one of the interface's.
    illegalInvocation: (cx, owner, member) => host.newTypeError(cx, chrome
      ? 'Illegal invocation' : "'" + member + "' called on an object that does not implement interface " + owner + '.'),
    // Too few arguments.
    countError: (cx, owner, member, required, count) => host.newTypeError(cx, chrome
      ? failed(owner, member, required + ' argument' + (required === 1 ? '' : 's') + ' required, but only ' + count + ' present.')
      : failed(owner, member, 'At least ' + required + ' argument' + (required === 1 ? '' : 's') + ' required, but only ' + count + ' passed')),
    // A dictionary argument: undefined and null are empty, any other non-object is refused.
    dictionary(cx, value, owner, member, index, typeName) {
      if (value === undefined || value === null) return undefined;
      if (typeof value !== 'object' && typeof value !== 'function') {
        throw host.newTypeError(cx, chrome ? failed(owner, member, "The provided value is not of type '" + typeName + "'.")
          : failed(owner, member, 'Argument ' + index + " can't be converted to a dictionary."));
      }
      return value;
    },
  };
  // ---- Interfaces of a world ----------------------------------------------------------------------
  // The modules of this realm that give worlds Web IDL interfaces (js/31_events.js and the others)
  // describe each interface once, as data: its members are [kind, name, implementation(s)...]
  // each, ['get', name, get], ['accessor', name, get, set] or ['method', name, length, call],
  // (or ['alias', key, name]),
  // whose implementations take the world's record, `this` and the arguments and serve every
  // world; each world gets its own function for each (host.newFunction, with its record as data).
  host.defineWorldMembers = function (cx, target, members) {
    for (let i = 0; i < members.length; i++) {
      const member = members[i];
      if (member[0] === 'method') {
        host.defineValue(target, member[1], host.newFunction(cx, member[1], member[2], member[3], cx), true, true, true);
        continue;
      }
      if (member[0] === 'alias') {
        // (['alias', key, name]: the same function as the member `name`, not enumerable: @@iterator.)
        host.defineValue(target, member[1], target[member[2]], true, false, true);
        continue;
      }
      ReflectDefineProperty(target, member[1], {
        __proto__: null, get: host.newFunction(cx, 'get ' + member[1], 0, member[2], cx),
        set: member[0] === 'accessor' ? host.newFunction(cx, 'set ' + member[1], 1, member[3], cx) : undefined, enumerable: true, configurable: true,
      });
    }
  };
  // Makes the interface `name` of the world of `cx` and returns it ({prototype, publicConstructor}):
  // the lazy global's public constructor, which constructs through `description.construct`
  // ((cx, thisValue, newTarget, ...args); none: an illegal constructor) and inherits from
  // `parent`'s ({prototype, publicConstructor}, or null), its prototype with `description.members`,
  // @@toStringTag and `constructor` after them (first with `constructorFirst`), `statics` on the
  // constructor, and `constants` ([name, value, ...]) on both, after `constructor` (before it with
  // `constantsFirst`). (A parent whose publicConstructor
  // is null gives only the prototype's parent: DOMException's, Error.prototype.)
  host.makeWorldInterface = function (cx, name, description, parent) {
    cx.native.realm.makeGlobal(name);
    const construct = description.construct === undefined ? undefined : host.newFunction(cx, name, 0, description.construct, cx);
    const publicConstructor = cx.loader.makeInterface(name, parent === null ? cx.b.ObjectPrototype : parent.prototype, construct);
    const prototype = publicConstructor.prototype;
    if (parent !== null && parent.publicConstructor !== null) ObjectSetPrototypeOf(publicConstructor, parent.publicConstructor);
    if (!description.constructorFirst) ReflectDeleteProperty(prototype, 'constructor');
    // (@@toStringTag after the members' own symbols: @@iterator.)
    ReflectDeleteProperty(prototype, SymbolToStringTag);
    if (description.statics !== undefined) host.defineWorldMembers(cx, publicConstructor, description.statics);
    host.defineWorldMembers(cx, prototype, description.members);
    const constants = description.constants === undefined ? [] : description.constants;
    const defineConstants = () => {
      for (let i = 0; i < constants.length; i += 2) {
        host.defineValue(publicConstructor, constants[i], constants[i + 1], false, true, false);
        host.defineValue(prototype, constants[i], constants[i + 1], false, true, false);
      }
    };
    // (Where the keys go among the prototype's is each interface's as it always was here.)
    if (description.constantsFirst) defineConstants();
    host.defineValue(prototype, SymbolToStringTag, name, false, false, true);
    if (!description.constructorFirst) host.defineValue(prototype, 'constructor', publicConstructor, true, false, true);
    if (!description.constantsFirst) defineConstants();
    host.compactShape(prototype);
    host.compactShape(publicConstructor);
    return { __proto__: null, prototype, publicConstructor };
  };
  // Lets JavaScriptCore forget the shapes an object of a world went through as its members were
  // defined one by one: an object keeps the chain of every shape it had (one structure, about
  // 130 bytes, a member) until it has 64 members, when it becomes a dictionary; a new
  // [[Prototype]] starts it again from one shape of its own. (Null and back: nothing a script can
  // see. Measured on a world that names `document`, about 200 structures fewer.) For an
  // interface's prototype and constructor once their members are all there.
  // (Never throws: an object a script made non-extensible first keeps its shape.)
  host.compactShape = function (object) {
    const prototype = ReflectGetPrototypeOf(object);
    if (ReflectSetPrototypeOf(object, null)) ReflectSetPrototypeOf(object, prototype);
  };
  // Web IDL's DOMString of a script's value: its ToString, a Symbol refused with the world's
  // TypeError (`String(symbol)` would give its description) in each browser's words: Chromium's
  // after what it converted (`owner`'s `member`, and the `key` of a `dictionary`), Firefox's
  // alone (web-argument-conversions).
  host.toText = function (cx, value, owner, member, dictionary, key) {
    if (typeof value === 'symbol') {
      const text = 'Cannot convert a Symbol value to a string';
      throw host.newTypeError(cx, !chrome ? "can't convert symbol to string" : owner === undefined ? text
        : failed(owner, member, (dictionary === undefined ? '' : "Failed to read the '" + key + "' property from '" + dictionary + "': ") + text));
    }
    return `${value}`;
  };
  // An iterator result of the world ({value, done}, in the standard's order).
  host.newIteratorResult = function (cx, value, done) {
    const made = host.newObject(cx);
    host.defineValue(made, 'value', value, true, true, true);
    host.defineValue(made, 'done', done, true, true, true);
    return made;
  };
  // The prototype of a Web IDL interface's iterators in the world of `cx` ("URLSearchParams
  // Iterator", ...): over the world's %IteratorPrototype%, with `members` and @@toStringTag `name`
  // ({prototype, publicConstructor: undefined}: it has no global).
  host.makeIteratorPrototype = function (cx, name, members) {
    const prototype = host.newObjectFrom(cx, cx.loader.builtins.intrinsics['%IteratorPrototype%']);
    host.defineWorldMembers(cx, prototype, members);
    host.defineValue(prototype, SymbolToStringTag, name, false, false, true);
    return { __proto__: null, prototype, publicConstructor: undefined };
  };
  // A new object of the world for a constructor called with `newTarget`: of its prototype (a
  // subclass's: Web IDL's "get the prototype from a constructor"), else of `prototype`.
  host.newInstance = function (cx, newTarget, prototype) {
    const given = newTarget === undefined ? undefined : ReflectGet(newTarget, 'prototype');
    return host.newObjectFrom(cx, given !== null && (typeof given === 'object' || typeof given === 'function') ? given : prototype);
  };

  host.webIDLSequence = host.primordials.webIDLSequence;
  // A DOMException of the world of `cx` (made by js/24_dom_exception.js, loaded when one is first needed).
  host.newDOMException = function (cx, message, name) {
    if (cx.loader.newDOMException === undefined) cx.loader.load('dom_exception');
    return cx.loader.newDOMException(message, name);
  };
  // A promise and its resolving functions: { promise, resolve, reject }. `make(executor)` makes
  // the promise.
  function settlement(make) {
    const settle = { __proto__: null, promise: undefined, resolve: undefined, reject: undefined };
    settle.promise = make((resolve, reject) => {
      settle.resolve = resolve;
      settle.reject = reject;
    });
    return settle;
  }
  // A promise of the context, for its scripts.
  host.newPromise = (cx) => settlement((executor) => new cx.b.Promise(executor));
  // A SafePromise, for the host's own bookkeeping.
  host.newSafeSettlement = () => settlement(newSafePromise);
  // `error` as the context may see it: an error this realm made (an API function's own throw)
  // becomes the context's error of the same kind and message; anything else is the context's.
  host.contextError = function (cx, error) {
    if (!isErrorObject(error)) return error;
    return error.name === 'TypeError' ? host.newTypeError(cx, error.message) : host.newError(cx, error.message);
  };
  // `fn`, a function of this realm that the context's own modules call through its `host` object
  // (a bridge), made to throw what it throws of this realm as the context's error of the same kind.
  host.guarded = (cx, fn) => (...args) => {
    try {
      return ReflectApply(fn, undefined, args);
    } catch (error) {
      throw host.contextError(cx, error);
    }
  };
  host.rejectedPromise = (cx, reason) => ReflectApply(cx.b.PromiseReject, cx.b.Promise, [reason]);
  // A function of the context's realm, printed as native code, not a constructor: a call gives
  // `impl(data, thisValue, ...args)`. What `impl` throws reaches the caller as an error of the
  // caller's realm with the same name and message.
  host.newFunction = (cx, name, length, impl, data) => cx.native.realm.function(name, length, impl, data);
  // A Proxy of the context over `target` whose traps are `traps`' (functions of this realm), each
  // called through a function of the context's realm (host.newFunction): the engine calls a
  // Proxy's traps directly, so a trap of this realm would hand the script whatever this realm
  // throws, down to the RangeError of a stack the script nearly exhausted first; through the
  // context's function, what a trap throws reaches the script as an error of its own realm.
  host.worldProxy = (cx, target, traps) => new cx.b.Proxy(target, host.worldProxyHandler(cx, traps));
  // The handler of such a Proxy, for a module that makes many Proxies with the same traps (which
  // then find their state by their target): one handler and its functions serve them all.
  host.worldProxyHandler = function (cx, traps) {
    const handler = { __proto__: null };
    const names = ObjectKeys(traps);
    for (let i = 0; i < names.length; i++) {
      const trap = traps[names[i]];
      handler[names[i]] = host.newFunction(cx, names[i], trap.length, (data, thisValue, ...args) => ReflectApply(trap, traps, args), undefined);
    }
    return handler;
  };
  // Makes `fn`, a function host.newFunction made for the context, call `impl(data, thisValue,
  // ...args)` from now on: what it called before, and that call's data, are no longer kept for it
  // (a function whose work is over, such as a closed port's postMessage, holds nothing of it).
  host.retargetFunction = (cx, fn, impl, data) => cx.native.realm.retarget(fn, impl, data);
  // Defines `key` on an object of the context as a data property.
  host.defineValue = (object, key, value, writable, enumerable, configurable) =>
    ReflectDefineProperty(object, key, dataDescriptor(value, writable, enumerable, configurable));

  // JSON from Swift, parsed in the context's realm; members present with the value `undefined`
  // (as browsers give some) come as the string "\u0000undefined" and are turned back here.
  const undefinedMarker = '\u0000undefined';
  function restoreUndefined(value) {
    if (value === null || typeof value !== 'object') return value === undefinedMarker ? undefined : value;
    const keys = ObjectKeys(value);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      // (Own data properties JSON.parse made: no setter runs.)
      if (value[key] === undefinedMarker) value[key] = undefined;
      else if (value[key] !== null && typeof value[key] === 'object') restoreUndefined(value[key]);
    }
    return value;
  }
  host.parseJSON = function (cx, text) {
    const value = ReflectApply(cx.b.JSONParse, undefined, [text]);
    return StringPrototypeIncludes(text, '\\u0000undefined') ? restoreUndefined(value) : value;
  };

  // ---- Uncaught errors ---------------------------------------------------------------------------
  // Reports an error that escaped a callback the host called, as the browser's console shows it.
  host.reportUncaught = function (cx, error, inPromise) {
    let text;
    try {
      text = host.describeUncaught(cx.describedRealm, error, !!inPromise);
    } catch (e) {
      text = chrome ? 'Uncaught (an error that cannot be shown)' : "uncaught exception: unknown (can't convert to string)";
    }
    cx.native.console.uncaught(text, errorLocation(error));
  };

  // HTML's "report an exception" for a callback of the world of `cx` the host called (an
  // animation frame's, an observer's): the window's `error` event first when the world has events,
  // then the console.
  host.reportException = function (cx, error) {
    const thrown = host.contextError(cx, error);
    if (cx.loader.reportException !== undefined) cx.loader.reportException(thrown);
    else host.reportUncaught(cx, thrown, false);
  };

  // Gives the context's exception handler (Chromium's test harness) an exception that a listener
  // or an API callback threw. The harness's own failure (the string it throws to stop a test)
  // stops there; anything else the handler throws is reported.
  host.callExceptionHandler = function (cx, text, error) {
    try {
      cx.exceptionHandler(text, error);
    } catch (thrown) {
      if (thrown !== 'chrome.test.failure') host.reportUncaught(cx, thrown, false);
    }
  };

  // Calls `fn` and reports what it throws instead of letting it stop the caller.
  host.callReporting = function (cx, fn, thisArg, args) {
    try {
      return ReflectApply(fn, thisArg, args);
    } catch (error) {
      host.reportUncaught(cx, error, false);
    }
  };

  // A listener threw: Chrome logs `Error in event handler: ` + an Error's stack or V8's message
  // for the value (js/10_format.js, describeListenerError); Firefox reports it as uncaught.
  // Chromium's text for a value a listener or an API callback threw (what follows "Error in event
  // handler: " or "Error handling response: ").
  host.thrownText = function (cx, error) {
    try {
      return host.describeListenerError(cx.describedRealm, error);
    } catch (e) {
      return 'Error';
    }
  };
  host.reportListenerError = function (cx, name, error) {
    if (chrome || cx.exceptionHandler !== undefined) {
      const text = host.thrownText(cx, error);
      // (Chromium's test harness, while it runs tests, takes it instead of the console.)
      if (cx.exceptionHandler !== undefined) {
        host.callExceptionHandler(cx, 'Error in event handler: ' + text, error);
        return;
      }
      cx.native.console.listenerError('Error in event handler: ' + text, errorLocation(error));
    } else {
      host.reportUncaught(cx, error, false);
    }
  };

  // ---- Events ------------------------------------------------------------------------------------
  // One `events.Event` of a context: addListener / removeListener / hasListener / hasListeners on
  // a prototype of the context's own (one per context). `listenerError(error)` reports an error
  // thrown by a listener (flavor-specific text); the other listeners still run.
  const eventStates = new SafeWeakMap();
  const stateOf = (event) => {
    const state = eventStates.get(event);
    if (!state) throw new TypeError('Illegal invocation');
    return state;
  };
  function addListener(cx, event, callback, filters) {
    const state = stateOf(event);
    // (An event with URL filters, webNavigation's: `{url: [events.UrlFilter, ...]}` checked as its
    // schema says and by Swift, which matches them, kept with the listener.)
    let filterText;
    // (A listener added already stays as it is, whatever its new filters: Chromium's HasListener.)
    if (typeof callback === 'function' && listIncludes(state.listeners, callback)) return;
    if (state.urlFilters && filters !== undefined) {
      const signature = state.name + '.addListener';
      if (!host.signatures.has(signature)) {
        host.describeFunction(signature, { parameters: [{ name: 'callback', type: 'function' }, host.urlFilterParameter] });
      }
      const matched = host.checkArguments(signature, [callback, filters]);
      if (matched[1] !== undefined && matched[1] !== null && matched[1].url !== undefined && matched[1].url.length > 0) {
        filterText = stringifyData(matched[1].url);
        // (Chromium compiles the filters as the listener is added; Firefox as it first matches.)
        if (chrome) host.call(cx, 'events.checkURLFilters', [filterText]);
      }
    }
    // Chromium accepts anything silently (it never calls a non-function); Firefox refuses it.
    if (typeof callback !== 'function') {
      if (!chrome) throw new TypeError('Invalid listener for ' + state.name + '.');
      return;
    }
    if (listIncludes(state.listeners, callback)) return;
    if (filterText !== undefined) state.filters.set(callback, filterText);
    listPush(state.listeners, callback);
    if (state.listens && state.listeners.length === 1) cx.native.api.listening(state.name, true, state.persistent);
  }
  function removeListener(cx, event, callback) {
    const state = stateOf(event);
    const index = listIndexOf(state.listeners, callback);
    if (index < 0) return;
    listRemoveAt(state.listeners, index);
    if (state.filters !== undefined) state.filters.delete(callback);
    if (state.listens && state.listeners.length === 0) cx.native.api.listening(state.name, false, state.persistent);
  }
  const hasListener = (cx, event, callback) => listIncludes(stateOf(event).listeners, callback);
  const hasListeners = (cx, event) => stateOf(event).listeners.length > 0;
  function illegalConstructor() {
    throw new TypeError('Illegal constructor');
  }

  function eventPrototype(cx) {
    if (cx.eventPrototype) return cx.eventPrototype;
    const prototype = host.newObject(cx);
    host.defineValue(prototype, 'constructor', host.newFunction(cx, 'Event', 0, illegalConstructor, cx), true, false, true);
    host.defineValue(prototype, 'addListener', host.newFunction(cx, 'addListener', 1, addListener, cx), true, false, true);
    host.defineValue(prototype, 'removeListener', host.newFunction(cx, 'removeListener', 1, removeListener, cx), true, false, true);
    host.defineValue(prototype, 'hasListener', host.newFunction(cx, 'hasListener', 1, hasListener, cx), true, false, true);
    // Firefox's events have no hasListeners.
    if (chrome) host.defineValue(prototype, 'hasListeners', host.newFunction(cx, 'hasListeners', 0, hasListeners, cx), true, false, true);
    // (No Symbol.toStringTag: an event is "[object Object]" in both browsers, recorded: msg-port-details.)
    cx.eventPrototype = prototype;
    return prototype;
  }

  // A new event object of the context, named `name` in errors. `listens`: Swift hears when the
  // event gets its first listener and loses its last (an API event of a background, which may
  // start it again once it stopped, or of an extension page); `persistent`: Firefox keeps such a listener to wake its
  // event page (the event's description says so).
  // `urlFilters`: a listener may give URL filters (webNavigation's events).
  host.newEvent = function (cx, name, listens, persistent, urlFilters) {
    const event = host.newObjectFrom(cx, eventPrototype(cx));
    eventStates.set(event, {
      __proto__: null, name, listeners: [], listens: listens === true, persistent: persistent === true,
      urlFilters: urlFilters === true, filters: urlFilters === true ? new SafeMap() : undefined,
    });
    return event;
  };

  // Adds `listener`, the host's own, to the context's event `name` (one no namespace shows: an
  // item's `onclick`, js/59_menus.js).
  host.addHostListener = function (cx, name, listener) {
    listPush(eventStates.get(host.event(cx, name, false)).listeners, listener);
  };
  // The context's event `name` (`tabs.onUpdated`), made once; `persistent` as for host.newEvent.
  host.event = function (cx, name, persistent, urlFilters) {
    let event = cx.events.get(name);
    if (!event) {
      event = host.newEvent(cx, name, cx.kind === 'background' || cx.kind === 'page', persistent, urlFilters);
      cx.events.set(name, event);
    }
    return event;
  };

  // Calls each listener of the context's event `name` with `args`. Listeners removed during the
  // dispatch still run in Chrome (it dispatches to a copy) but not in Firefox (it checks each one
  // before calling it). Returns the listeners' return values.
  host.dispatchEvent = function (cx, name, args, filterURL) {
    const event = cx.events.get(name);
    return event ? host.dispatchEventObject(cx, event, args, filterURL) : [];
  };
  // The URL a filtered event's listeners are matched against: its details' `url` as Swift sent
  // it, read from the JSON in this realm (never from the object a listener may have changed, or
  // through a getter a script put on a prototype).
  function filteredURLOf(argumentsJSON) {
    if (!StringPrototypeIncludes(argumentsJSON, '"url"')) return undefined;
    const data = JSONParse(argumentsJSON);
    const first = data !== null && typeof data === 'object' ? data[0] : undefined;
    return first !== null && typeof first === 'object' && typeof first.url === 'string' ? first.url : undefined;
  }

  // What a listener of the event named here throws goes to its handler `(cx, error)` instead of
  // the console (Firefox's test.onMessage makes it a failed check: js/55_test_firefox.js).
  host.listenerErrorHandlers = new SafeMap();

  host.dispatchEventObject = function (cx, event, args, filterURL) {
    const state = eventStates.get(event);
    const results = [];
    const listeners = listCopy(state.listeners);
    for (let i = 0; i < listeners.length; i++) {
      const listener = listeners[i];
      if (!chrome && !listIncludes(state.listeners, listener)) continue;
      // (A listener with URL filters hears only the details whose `url` one of them matches.)
      if (state.filters !== undefined && state.filters.has(listener)) {
        if (typeof filterURL !== 'string' || host.call(cx, 'events.matchesURLFilters', [state.filters.get(listener), filterURL]) !== true) continue;
      }
      try {
        listPush(results, ReflectApply(listener, undefined, args));
      } catch (error) {
        const handler = host.listenerErrorHandlers.get(state.name);
        if (handler !== undefined) handler(cx, error);
        else host.reportListenerError(cx, state.name, error);
      }
    }
    return results;
  };

  // The listeners of an event, in the order they were added (a copy).
  host.listenersOf = function (event) {
    return listCopy(eventStates.get(event).listeners);
  };
  // Whether the context's event `name` has listeners.
  host.isListenedTo = function (cx, name) {
    const event = cx.events.get(name);
    return event !== undefined && eventStates.get(event).listeners.length > 0;
  };

  // Events whose arguments are made in the hearing context from data of this realm (a list parsed
  // from Swift's JSON), by event name: `(cx, data) => list of arguments`. (storage's changes:
  // each context makes the values of its own realm from the stored texts, js/58_storage.js.)
  host.eventDecoders = new SafeMap();

  // ---- Requests to Swift -------------------------------------------------------------------------
  // Sends an asynchronous API call to Swift; returns a promise of its result, parsed in the
  // context's realm (a SafePromise: see js/90_namespaces.js for how the caller's promise follows it).
  host.request = function (cx, method, args) {
    const id = cx.nextRequest++;
    return newSafePromise((resolve, reject) => {
      cx.pending.set(id, { __proto__: null, resolve, reject });
      // (What the native refuses is the context's error: none of this realm may reach a script.)
      try {
        cx.native.api.request(method, stringifyData(args), id);
      } catch (error) {
        cx.pending.delete(id);
        reject(host.contextError(cx, error));
      }
    });
  };

  // A synchronous API call into Swift: returns its result (data of this realm, for the host's own
  // use), or throws its error.
  host.call = function (cx, method, args) {
    try {
      return cx.native.api.call(method, stringifyData(args));
    } catch (error) {
      throw host.contextError(cx, error);
    }
  };

  // What Firefox does with the promises listeners return (the context's own, followed with its own
  // `then` as it was before any script ran, as js/60_messaging.js follows a listener's answer; the
  // browser also adopts other thenables, whose `then` a host must not call):
  // - a browser event's listener's promise goes back to the parent process, which follows it: its
  //   rejection is no uncaught one in the context (recorded: events-async-listener-rejects). Not
  //   the events Firefox fires in the page's own process (listed here by their modules:
  //   `storage.onChanged`), nor messages and ports' events (js/60_messaging.js), whose
  //   listeners' rejections are the page's own;
  // - while such a promise of the background is pending, an idle event page stays once
  //   more (ext-backgroundPage.js, `pendingRunListenerPromisesCount`): each is told to Swift,
  //   and told again once settled;
  // - a page told it stops waits for the promises of its runtime.onSuspend listeners (at most
  //   5 s: Swift's timer; ext-runtime.js races them with extensions.webextensions.runtime.timeout):
  //   Swift hears `suspendListenersSettled(suspension)` once they have.
  // Returns whether it waits for onSuspend's.
  host.processLocalEvents = new SafeSet();
  function followListenerPromises(cx, name, results) {
    const tracked = !host.processLocalEvents.has(name);
    const suspending = name === 'runtime.onSuspend' && cx.kind === 'background';
    let suspension = 0;
    let waiting = 0;
    if (suspending) {
      cx.suspensions = (cx.suspensions || 0) + 1;
      suspension = cx.suspensions;
    }
    for (let i = 0; i < results.length; i++) {
      const result = results[i];
      if (result === null || (typeof result !== 'object' && typeof result !== 'function')) continue;
      if (!tracked && !suspending) continue;
      // (A proxy's trap may throw: it is no promise of the context's.)
      try {
        if (!ObjectPrototypeIsPrototypeOf(cx.b.PromisePrototype, result)) continue;
      } catch (e) {
        continue;
      }
      const number = tracked && cx.kind === 'background' ? cx.native.api.listenerPromisePending() : 0;
      const settled = () => {
        if (number !== 0) cx.native.api.listenerPromiseSettled(number);
        if (!suspending) return;
        waiting--;
        if (waiting === 0) cx.native.api.suspendListenersSettled(suspension);
      };
      try {
        ReflectApply(cx.u.PromisePrototypeThen, result, [settled, settled]);
        waiting++;
      } catch (e) {
        // Not a promise after all (an object made from Promise.prototype): the browser's
        // adoption calls its `then`, which throws; onSuspend's wait ignores it.
        if (number !== 0) cx.native.api.listenerPromiseSettled(number);
      }
    }
    return suspending && waiting > 0;
  }

  // A function's `massageArguments` for one that needs a person's act (`permissions.request`,
  // Chromium's `management.uninstall`): its arguments checked, the first as
  // `{ value, gesture }`, `gesture` saying whether the call came while handling such an act (only
  // known as the call is made; `run` comes a microtask later).
  host.argumentsWithGesture = (name) => (cx, args) => {
    const matched = host.checkArguments(name, args);
    matched[0] = { __proto__: null, value: matched[0], gesture: (cx.handlingUserInput || 0) > 0 };
    return matched;
  };
  // The events a person's act fires: their listeners run with a user gesture.
  const userInputEvents = new SafeSet();
  userInputEvents.add('action.onClicked');
  userInputEvents.add('browserAction.onClicked');
  userInputEvents.add('pageAction.onClicked');
  userInputEvents.add('commands.onCommand');
  // ---- Delivery from Swift -----------------------------------------------------------------------
  // What Swift sends a context, each a task of its own (Sources/Exthost/Delivery.swift): one entry
  // point each, given the context's record first. The messaging module adds its own.
  host.deliveries = {
    __proto__: null,
    event(cx, name, argumentsJSON) {
      const decode = host.eventDecoders.get(name);
      const args = decode === undefined ? host.parseJSON(cx, argumentsJSON) : decode(cx, JSONParse(argumentsJSON));
      // (A person's act: its listeners run handling user input, as `permissions.request` needs.)
      const userInput = userInputEvents.has(name);
      if (userInput) cx.handlingUserInput = (cx.handlingUserInput || 0) + 1;
      let results;
      try {
        results = host.dispatchEvent(cx, name, args, filteredURLOf(argumentsJSON));
      } finally {
        if (userInput) cx.handlingUserInput--;
      }
      if (!chrome) return followListenerPromises(cx, name, results);
    },
    apiResponse(cx, id, resultJSON, error) {
      const request = cx.pending.get(id);
      if (!request) return;
      cx.pending.delete(id);
      if (error !== null && error !== undefined) request.reject(host.newError(cx, error));
      else request.resolve(resultJSON === undefined ? undefined : host.parseJSON(cx, resultJSON));
    },
  };
});
