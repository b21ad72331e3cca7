// exthost:realm host
// exthost:needs primordials api
// exthost:globals self:accessor location:accessor origin:accessor isSecureContext:accessor ~constructor:inherited
// exthost:globals Window: window:accessor frames:accessor top:accessor parent:accessor length:accessor name:accessor ~Window:constructor:0 close:inherited
// exthost:globals Window: open:inherited opener:accessor
// exthost:globals ServiceWorkerGlobalScope: ~WorkerGlobalScope:constructor:0 ~ServiceWorkerGlobalScope:constructor:0
// The global object's shape: a Chromium service worker is a ServiceWorkerGlobalScope with a
// WorkerLocation; a background page (Firefox's generated one, or manifest version 2's) and a
// content script's frame are a Window, with `window`, `self`, `frames`, `top`, `parent`, `length`
// and `location`; both have `origin` (the extension's, or a content script's page's) and
// `isSecureContext`. Both inherit from EventTarget.prototype, which js/31_events.js fills when a
// script first names an event (`host.sharedPrototype`: touching `self` costs no events). What one frame's content script sees of another frame through `top`, `parent`
// and `frames[i]` follows the flavor's browser (Swift decides which window it gets: FrameAPI).
// Runs in the host's realm (js/38_api.js), for a context on the first touch of one of these
// globals: `host.installWindow(cx)`, given the context's record, whose `cx.global` is the
// context's global object and `cx.loader` its module loader (js/00_1_modules.js), which holds the
// lazy globals this fills.
(function (host) {
  'use strict';
  const {
    ObjectGetPrototypeOf, ObjectSetPrototypeOf, ReflectDefineProperty, SafeMap, StringPrototypeStartsWith, StringPrototypeSlice, StringPrototypeIndexOf, String,
    hasOwn, getOwn, dataDescriptor, stringifyData, nullCopy,
  } = host.primordials;
  const chrome = host.flavor === 'chrome';

  // An interface object (`Window`, `EventTarget`, ...) whose prototype the global inherits from,
  // so `globalThis.constructor.name` and `Object.prototype.toString.call(globalThis)` are right.
  // (The loader makes it, in the context: it is a constructor, which no function of this realm
  // can make there.)
  const makeInterface = (cx, name, parent) => cx.loader.makeInterface(name, parent ? parent.prototype : cx.b.ObjectPrototype);

  // The context's `location`: its URL's parts; a window's also navigates its frame (`href = url`,
  // `assign`, `replace`, `reload`: Swift's `frame.navigate`, which loads the new document in a task,
  // as a browser does, FrameAPI.swift). `navigates`: false for a worker's. Another same-origin
  // frame's location navigates that frame (`frame`: {relation, documentId}, the relation that
  // names it from this world's frame, 'top', 'parent', 'id:N', and its document).
  const locationKeys = ['href', 'origin', 'protocol', 'host', 'hostname', 'port', 'pathname', 'search', 'hash'];
  const locationText = (href) => href;
  const navigate = (state, thisValue, url) => {
    const text = String(url);
    const target = state.frame === undefined ? [text, state.mode] : [text, state.mode, state.frame.relation];
    if (state.cx.native.api.call('frame.navigate', stringifyData(target)) === 'invalid') {
      const error = host.newError(state.cx, chrome ? "Failed to execute '" + state.member + "' on 'Location': '" + text + "' is not a valid URL."
        : 'Location.' + state.member + ': ' + text + ' is not a valid URL.');
      host.defineValue(error, 'name', 'SyntaxError', true, false, true);
      throw error;
    }
  };
  // The URL of each document a same-document navigation moved (a fragment, history.pushState),
  // by document id, as its location's parts: what every world of the document reads from then on
  // (Sources/Exthost/DOM/ExtensionHost+History.swift).
  const documentURLs = new SafeMap();
  host.setDocumentURL = (id, parts) => {
    const copy = { __proto__: null };
    for (let i = 0; i < locationKeys.length; i++) copy[locationKeys[i]] = String(parts[locationKeys[i]]);
    documentURLs.set(id, copy);
    // (The DOM's document, when it is there, has it as its URL.)
    const document = host.domDocuments === undefined ? undefined : host.domDocuments.get(id);
    if (document !== undefined) document._address = copy.href;
  };
  // Fires the event `type` at the window of the world of `cx` alone, when the world has events (a
  // document whose worlds share no DOM yet; through the DOM, js/63_dom.js reaches them all at
  // once): `load`, `pageshow`, `pagehide` ({persisted}), `beforeunload`, `unload`, `hashchange`
  // and `popstate` (`fields`: their own).
  host.fireWindowEvent = (cx, type, fields) => {
    if (cx.loader.fireEvent === undefined) return;
    if (type === 'hashchange' || type === 'popstate') cx.loader.fireNavigationEvent(cx.global, type, fields);
    else if (type === 'pageshow' || type === 'pagehide') cx.loader.firePageTransition(cx.global, type, fields !== null && !!fields.persisted);
    else if (type === 'beforeunload') cx.loader.fireBeforeUnload(cx.global);
    else cx.loader.fireEvent(cx.global, type, { __proto__: null, bubbles: false, cancelable: false, composed: false });
  };
  // Whether the window of the world of `cx` has a listener for `type`.
  host.windowListensTo = (cx, type) => cx.loader.globalListensTo !== undefined && cx.loader.globalListensTo(type);
  host.forgetDocumentURL = (id) => {
    documentURLs.delete(id);
  };
  // The parts of the URL of the context's document now.
  function currentParts(cx) {
    const id = cx.info.documentId;
    const moved = id === undefined ? undefined : documentURLs.get(id);
    return moved === undefined ? cx.info.location : moved;
  }
  // The location's parts of the document the state is about: the world's own, or another frame's.
  function stateParts(state) {
    if (state.frame === undefined) return currentParts(state.cx);
    const moved = documentURLs.get(state.frame.documentId);
    return moved === undefined ? state.frame.location : moved;
  }
  const readPart = (state) => stateParts(state)[state.key];
  // `location.hash = value`: a navigation to the document's URL with that fragment.
  const setHash = (state, thisValue, value) => {
    let text = String(value);
    if (StringPrototypeStartsWith(text, '#')) text = StringPrototypeSlice(text, 1);
    const href = stateParts(state).href;
    const hashAt = StringPrototypeIndexOf(href, '#');
    navigate(state, undefined, (hashAt < 0 ? href : StringPrototypeSlice(href, 0, hashAt)) + '#' + text);
  };
  function makeLocation(cx, parts, interfaceName, navigates, frame) {
    const location = host.newObject(cx);
    if (!navigates) {
      for (let i = 0; i < locationKeys.length; i++) host.defineValue(location, locationKeys[i], parts[locationKeys[i]], false, true, false);
      host.defineValue(location, 'toString', host.newFunction(cx, 'toString', 0, locationText, parts.href), false, false, false);
    } else {
      // (A window's location reads its document's URL as it is now: a same-document navigation
      // changes it.)
      for (let i = 0; i < locationKeys.length; i++) {
        const key = locationKeys[i];
        const get = host.newFunction(cx, 'get ' + key, 0, readPart, { __proto__: null, cx, key, frame });
        const set = key === 'href' ? host.newFunction(cx, 'set href', 1, navigate, { __proto__: null, cx, mode: 'push', member: 'href', frame })
          : key === 'hash' ? host.newFunction(cx, 'set hash', 1, setHash, { __proto__: null, cx, mode: 'push', member: 'hash', frame }) : undefined;
        ReflectDefineProperty(location, key, { __proto__: null, get, set, enumerable: true, configurable: false });
      }
      host.defineValue(location, 'assign', host.newFunction(cx, 'assign', 1, navigate, { __proto__: null, cx, mode: 'push', member: 'assign', frame }), false, true, false);
      host.defineValue(location, 'replace', host.newFunction(cx, 'replace', 1, navigate, { __proto__: null, cx, mode: 'replace', member: 'replace', frame }), false, true, false);
      host.defineValue(location, 'reload', host.newFunction(cx, 'reload', 0, (state) => navigate(state, undefined, stateParts(state).href),
        { __proto__: null, cx, mode: 'reload', member: 'reload', frame }), false, true, false);
      host.defineValue(location, 'toString', host.newFunction(cx, 'toString', 0, readPart, { __proto__: null, cx, key: 'href', frame }), false, false, false);
    }
    host.defineValue(location, cx.b.SymbolToStringTag, interfaceName, false, false, false);
    return cx.b.ObjectFreeze(location);
  }

  // The global object's own prototype (made by the host for the global's class) takes the place
  // of the interface's prototype: it gets the constructor, and inherits from the parent interface.
  function adoptGlobalPrototype(cx, constructor) {
    const own = ObjectGetPrototypeOf(cx.global);
    if (own === cx.b.ObjectPrototype) return;
    ReflectDefineProperty(own, 'constructor', dataDescriptor(constructor, true, false, true));
    ObjectSetPrototypeOf(own, ObjectGetPrototypeOf(constructor.prototype));
  }

  // Defines the accessor global `name` whose getter (a function of the context named `get name`)
  // returns `get(cx)`.
  const callGetter = (accessor) => accessor.get(accessor.cx);
  function define(cx, name, get) {
    const getter = host.newFunction(cx, 'get ' + name, 0, callGetter, { __proto__: null, cx, get });
    cx.loader.defineGlobal(name, { __proto__: null, get: getter, configurable: true, enumerable: true });
  }
  const theGlobal = (cx) => cx.global;

  // `name`: the window's name (any value a script sets, made a string). A window of a tab's frame
  // shares its frame's, which Swift keeps (recorded: frame-names): its element's name at first
  // (Firefox follows a later change of the element's), or the name window.open gave its tab;
  // every world of the frame's document reads and sets the same name, which window.open and a
  // link's target find the frame by, and which the frame keeps across its navigations. Another
  // window (a background page, a popup) keeps its own.
  const nameValue = (state) => (state.inTab ? String(host.call(state.cx, 'window.name', [])) : state.name);
  const setName = (state, thisValue, value) => {
    state.name = String(value);
    if (state.inTab) host.call(state.cx, 'window.setName', [state.name]);
  };
  function defineName(cx) {
    const inTab = cx.info.tabId !== undefined && cx.info.frameId !== undefined && cx.kind !== 'background';
    const state = { __proto__: null, cx, inTab, name: inTab ? '' : String(cx.native.api.call('window.name', '[]')) };
    const get = host.newFunction(cx, 'get name', 0, nameValue, state);
    const set = host.newFunction(cx, 'set name', 1, setName, state);
    cx.loader.defineGlobal('name', { __proto__: null, get, set, configurable: true, enumerable: true });
  }

  // `origin` ([Replaceable]: a script's assignment makes it an ordinary property of the global)
  // and `isSecureContext`.
  const originValue = (state) => state.origin;
  const replaceOrigin = (state, thisValue, value) => {
    const global = state.cx.global;
    if (thisValue !== undefined && thisValue !== null && thisValue !== global) {
      throw host.newTypeError(state.cx, chrome ? 'Illegal invocation'
        : "'set origin' called on an object that does not implement interface " + (state.cx.info.isServiceWorker ? 'WorkerGlobalScope.' : 'Window.'));
    }
    ReflectDefineProperty(global, 'origin', dataDescriptor(value, true, true, true));
  };
  function defineOrigin(cx) {
    const state = { __proto__: null, cx, origin: cx.info.origin };
    const get = host.newFunction(cx, 'get origin', 0, originValue, state);
    const set = host.newFunction(cx, 'set origin', 1, replaceOrigin, state);
    cx.loader.defineGlobal('origin', { __proto__: null, get, set, configurable: true, enumerable: true });
    const isSecureContext = cx.info.isSecureContext;
    define(cx, 'isSecureContext', () => isSecureContext);
  }

  // `close()`: an extension page's closes its popup or its tab; a web page's (or its content
  // script's) closes its tab when a script opened it, else nothing, as the browsers warn.
  const closeWindow = (cx) => {
    if (cx.kind === 'page') cx.native.api.call('page.close', '[]');
    else if (cx.native.api.call('window.close', '[-1]') !== 'closed') cx.native.console.message('warn', 'Scripts may close only the windows that were opened by them.');
  };

  // `open(url, target, features)`: `_self` (and `_top`/`_parent` of a top frame) navigates the
  // frame; anything else opens a tab (Swift's window.open: nothing when the popup blocker refuses,
  // or with `noopener`), whose window it returns.
  function openWindow(cx, thisValue, ...args) {
    const url = args.length > 0 && args[0] !== undefined ? String(args[0]) : '';
    const target = args.length > 1 && args[1] !== undefined ? String(args[1]) : '_blank';
    const features = args.length > 2 && args[2] !== undefined ? String(args[2]) : '';
    if (target === '_self' || ((target === '_top' || target === '_parent') && cx.info.isTop !== false)) {
      if (url !== '') navigate({ __proto__: null, cx, mode: 'push', member: 'open' }, undefined, url);
      return cx.global;
    }
    const opened = cx.native.api.call('window.open', stringifyData([url, target, features]));
    if (opened === null || opened === undefined || typeof opened !== 'object') return null;
    const frameId = getOwn(opened, 'frame');
    return typeof frameId === 'number' ? frameWindow(cx, 'id:' + frameId) : tabWindow(cx, getOwn(opened, 'tab'));
  }
  // The window of another tab's top frame (a window a script opened, or its opener), as each
  // access finds it (Swift's window.state): while it shows its first empty page or a page of this
  // world's origin, that page's own window as this world would use it (its globals, `document`,
  // `location`); else another origin's (`closed`, `close()`, `postMessage`, `focus()`, `blur()`,
  // `opener`); a closed one is `closed`; Firefox's window of a page an extension page opened, once
  // it shows another origin, is a dead object.
  function tabWindow(cx, tabId) {
    if (!cx.tabWindows) cx.tabWindows = new SafeMap();
    let window = cx.tabWindows.get(tabId);
    if (window !== undefined) return window;
    const relation = 'tab:' + tabId;
    const allowed = {
      __proto__: null,
      close: host.newFunction(cx, 'close', 0, () => { cx.native.api.call('window.close', stringifyData([tabId])); }, undefined),
      focus: host.newFunction(cx, 'focus', 0, () => undefined, undefined),
      blur: host.newFunction(cx, 'blur', 0, () => undefined, undefined),
      postMessage: postMessageTo(cx, relation),
    };
    const crossOriginLocation = crossOriginLocationOf(cx);
    let blankLocation;
    const stateNow = () => cx.native.api.call('window.state', stringifyData([tabId]));
    const deadObject = () => host.newTypeError(cx, "can't access dead object");
    window = host.worldProxy(cx, host.newObjectFrom(cx, null), {
      __proto__: null,
      get(_, key) {
        const state = stateNow();
        if (getOwn(state, 'dead') === true) throw deadObject();
        if (key === 'closed') return getOwn(state, 'closed') === true;
        if (key === 'window' || key === 'self' || key === 'frames' || key === 'top' || key === 'parent') return window;
        if (key === 'opener') return getOwn(state, 'opened') === true ? cx.global : null;
        if (typeof key === 'string' && hasOwn(allowed, key)) return allowed[key];
        const global = getOwn(state, 'global');
        if (getOwn(state, 'sameOrigin') === true) {
          if (global !== undefined) return cx.b.ReflectGet(global, key);
          // (Its first empty page, of this world's origin.)
          if (key === 'location') {
            if (blankLocation === undefined) {
              blankLocation = makeLocation(cx, {
                __proto__: null, href: 'about:blank', origin: cx.info.origin, protocol: 'about:', host: '', hostname: '', port: '', pathname: 'blank', search: '', hash: '',
              }, 'Location');
            }
            return blankLocation;
          }
          if (key === 'length') return 0;
          return undefined;
        }
        if (key === 'location') return crossOriginLocation;
        if (key === 'length') return 0;
        if (typeof key !== 'string') return undefined;
        throw securityError(cx, key, 'Window', 'access');
      },
      set(_, key, value) {
        const state = stateNow();
        if (getOwn(state, 'dead') === true) throw deadObject();
        const global = getOwn(state, 'global');
        if (getOwn(state, 'sameOrigin') === true) return global === undefined ? true : cx.b.ReflectSet(global, key, value);
        throw securityError(cx, String(key), 'Window', 'access');
      },
      has(_, key) {
        const state = stateNow();
        const global = getOwn(state, 'global');
        if (getOwn(state, 'sameOrigin') === true) return global !== undefined && cx.b.ReflectHas(global, key);
        throw securityError(cx, String(key), 'Window', 'access');
      },
    });
    cx.tabWindows.set(tabId, window);
    return window;
  }
  // `window.opener`: the window of the page that opened this one with `open()`, else null.
  function openerWindow(cx) {
    const opener = cx.native.api.call('window.opener', '[]');
    // (A window in no tab, of the same extension: its own global, as getViews gives it.)
    if (opener !== null && typeof opener === 'object') return opener;
    return typeof opener === 'number' ? tabWindow(cx, opener) : null;
  }

  host.installWindow = function (cx) {
    const info = cx.info;
    defineOrigin(cx);
    const eventTargetPrototype = cx.loader.sharedPrototype('EventTarget');
    if (info.isServiceWorker) {
      const workerScope = cx.loader.makeInterface('WorkerGlobalScope', eventTargetPrototype);
      adoptGlobalPrototype(cx, makeInterface(cx, 'ServiceWorkerGlobalScope', workerScope));
    const location = makeLocation(cx, info.location, 'WorkerLocation');
      define(cx, 'self', theGlobal);
      define(cx, 'location', () => location);
      return;
    }
    const windowConstructor = cx.loader.makeInterface('Window', eventTargetPrototype);
    adoptGlobalPrototype(cx, windowConstructor);
    // `close()`: an extension page's closes its popup or its tab; a content script's closes
    // nothing (its page was not opened by a script), as the browsers warn.
    host.defineValue(ObjectGetPrototypeOf(cx.global), 'close', host.newFunction(cx, 'close', 0, closeWindow, cx), true, true, true);
    host.defineValue(ObjectGetPrototypeOf(cx.global), 'open', host.newFunction(cx, 'open', 0, openWindow, cx), true, true, true);
    {
      // ([Replaceable]: `window.opener = null` makes it an ordinary property of the global.)
      const get = host.newFunction(cx, 'get opener', 0, (state) => (state.cx.kind === 'background' ? null : openerWindow(state.cx)), { __proto__: null, cx });
      const set = host.newFunction(cx, 'set opener', 1, (state, thisValue, value) => {
        ReflectDefineProperty(state.cx.global, 'opener', dataDescriptor(value, true, true, true));
      }, { __proto__: null, cx });
      cx.loader.defineGlobal('opener', { __proto__: null, get, set, configurable: true, enumerable: true });
    }
    // (The location, a dozen functions of the context, is made on its first read: touching
    // `window` alone costs none of them.)
    let location;
    define(cx, 'window', theGlobal);
    define(cx, 'self', theGlobal);
    define(cx, 'frames', theGlobal);
    define(cx, 'location', () => {
      if (location === undefined) location = makeLocation(cx, info.location, 'Location', cx.kind === 'content' || cx.kind === 'webPage' || cx.kind === 'page');
      return location;
    });
    defineName(cx);
    // (An extension page in a frame of a tab has the frames around it; in a tab or a popup, none.)
    const framed = cx.kind === 'content' || cx.kind === 'webPage' || (cx.kind === 'page' && info.isTop === false);
    if (!framed) {
      define(cx, 'top', theGlobal);
      define(cx, 'parent', theGlobal);
      define(cx, 'length', () => 0);
      return;
    }
    define(cx, 'top', () => (info.isTop ? cx.global : frameWindow(cx, 'top')));
    define(cx, 'parent', () => (info.isTop ? cx.global : frameWindow(cx, 'parent')));
    // (`length` counts the frames as they are now: a script inserts and removes them. The indexed
    // `frames[i]` are those of the page's own HTML.)
    const childCount = cx.native.api.call('frame.count', '[]');
    define(cx, 'length', () => cx.native.api.call('frame.count', '[]'));
    // `frames[i]` (and `window[i]`): the window of the frame's i-th child frame.
    for (let index = 0; index < childCount; index++) {
      const get = host.newFunction(cx, 'get ' + index, 0, callGetter, { __proto__: null, cx, get: () => frameWindow(cx, 'child:' + index) });
      ReflectDefineProperty(cx.global, String(index), { __proto__: null, get, configurable: true });
    }
  };

  // The window `relation` names from the world's frame ('self', 'parent', 'top', 'child:N'), as
  // the world sees it (a window's message's `source`: js/63_dom.js).
  host.frameWindowOf = (cx, relation) => (relation === 'self' ? cx.global : frameWindow(cx, relation));
  // The document of the frame `relation` names, when this world may see it (same origin), else null.
  host.frameDocumentOf = function (cx, relation) {
    const answer = cx.native.api.call('frame.window', stringifyData([relation]));
    if (answer === null || answer === undefined || typeof answer !== 'object') return null;
    const documentId = getOwn(answer, 'documentId');
    const sameOrigin = getOwn(answer, 'global') !== undefined || getOwn(answer, 'sameOrigin') === true;
    if (!sameOrigin || typeof documentId !== 'string') return null;
    const document = frameDocument(cx, { __proto__: null, documentId });
    return document === undefined ? null : document;
  };

  // Another frame's window as this frame may see it: that frame's global when the browser lets
  // the two frames' content scripts share a world, else a window showing only what a
  // cross-origin (or other-world) window shows. The same frame is always the same object.
  function frameWindow(cx, relation) {
    const answer = cx.native.api.call('frame.window', stringifyData([relation]));
    if (answer === null || answer === undefined) {
      return StringPrototypeStartsWith(relation, 'child:') ? undefined
        : StringPrototypeStartsWith(relation, 'frame:') || StringPrototypeStartsWith(relation, 'document:') ? null : cx.global;
    }
    const other = typeof answer === 'object' ? getOwn(answer, 'global') : undefined;
    const target = other === undefined ? nullCopy(answer)
      : { __proto__: null, frameId: getOwn(answer, 'frameId'), documentId: getOwn(answer, 'documentId'), parentId: getOwn(answer, 'parentId'), sameOrigin: true };
    target.relation = relation;
    if (!cx.frameWindows) cx.frameWindows = new SafeMap();
    let window = cx.frameWindows.get(target.frameId);
    if (!window) {
      window = other === undefined ? restrictedWindow(cx, target) : sameWorldWindow(cx, other, target);
      cx.frameWindows.set(target.frameId, window);
    }
    return window;
  }

  // Another frame's global this world may use as its own (same-origin frames' main worlds, or
  // Chromium's content scripts of one extension in them), through a Proxy of the world whose
  // `postMessage` posts from this frame: a message's sender is the frame whose script calls it,
  // not the window whose method it is.
  function sameWorldWindow(cx, other, frame) {
    const post = postMessageTo(cx, frame.relation);
    const proxy = host.worldProxy(cx, other, {
      __proto__: null,
      get(target, key) {
        if (key === 'postMessage') return post;
        if (key === 'document') return frameDocument(cx, frame);
        // (The frames around it as this world sees them, so that `w = w.parent` reaches `top`.)
        if (key === 'window' || key === 'self' || key === 'frames') return proxy;
        if (key === 'top') return frameWindow(cx, 'top');
        if (key === 'parent') return frame.parentId < 0 ? proxy : frameWindow(cx, 'id:' + frame.parentId);
        return cx.b.ReflectGet(target, key);
      },
    });
    return proxy;
  }
  // A same-origin frame's document as this world sees it (the DOM's wrapper of its nodes, in
  // this world), or undefined when the DOM is not there to show it.
  function frameDocument(cx, frame) {
    if (host.documentInWorld === undefined) cx.loader.load('dom');
    return host.documentInWorld === undefined ? undefined : host.documentInWorld(cx, frame.documentId);
  }

  // A window's `postMessage` as this world calls it on the window `relation` names ('parent',
  // 'tab:ID', ...): the message is posted from this world's frame, not the window's.
  function postMessageTo(cx, relation) {
    return host.newFunction(cx, 'postMessage', 1, (data, thisValue, ...args) => {
      cx.loader.load('channel_messaging');
      host.postToWindow(cx, relation, args);
    }, undefined);
  }
  // Another origin's window's `location`: every read throws the SecurityError.
  function crossOriginLocationOf(cx) {
    return host.worldProxy(cx, host.newObjectFrom(cx, null), {
      __proto__: null,
      get(_, key) {
        if (typeof key !== 'string') return undefined;
        throw securityError(cx, key, 'Location', key === 'href' ? 'get' : 'access');
      },
    });
  }

  // The error reading `property` of another origin's window or location throws (a `SecurityError`
  // of the context).
  function securityError(cx, property, interfaceName, verb) {
    const origin = cx.info.location.origin;
    const message = chrome
      ? "Failed to read a named property '" + property + "' from '" + interfaceName + "': Blocked a frame with origin \"" + origin + '" from accessing a cross-origin frame.'
      : 'Permission denied to ' + verb + ' property "' + property + '" on cross-origin object';
    const error = host.newError(cx, message);
    host.defineValue(error, 'name', 'SecurityError', true, false, true);
    return error;
  }

  // A Proxy of the context (made by its own Proxy constructor; the handler, of this realm, is
  // never reachable from a script) whose traps give only what the browsers let a script see of
  // that window.
  function restrictedWindow(cx, target) {
    const allowed = {
      __proto__: null,
      closed: false,
      length: target.frameCount,
      postMessage: postMessageTo(cx, target.relation),
    };
    const crossOriginLocation = crossOriginLocationOf(cx);
    const frame = { __proto__: null, relation: 'id:' + target.frameId, documentId: target.documentId, location: target.location };
    const sameOriginLocation = target.sameOrigin ? makeLocation(cx, target.location, 'Location', true, frame) : null;
    const proxy = host.worldProxy(cx, host.newObjectFrom(cx, null), {
      __proto__: null,
      get(_, key) {
        if (key === 'window' || key === 'self' || key === 'frames') return proxy;
        if (key === 'top') return frameWindow(cx, 'top');
        if (key === 'parent') return target.parentId === undefined || target.parentId < 0 ? proxy : frameWindow(cx, 'id:' + target.parentId);
        if (key === 'location') return sameOriginLocation || crossOriginLocation;
        if (key === 'document' && target.sameOrigin) return frameDocument(cx, target);
        if (typeof key === 'string' && hasOwn(allowed, key)) return allowed[key];
        if (target.sameOrigin || typeof key !== 'string') return undefined;
        throw securityError(cx, key, 'Window', 'access');
      },
      set(_, key, value) {
        // (`w.location = url` navigates a same-origin frame as `w.location.href = url` does.)
        if (key === 'location' && sameOriginLocation !== null) {
          navigate({ __proto__: null, cx, mode: 'push', member: 'href', frame }, undefined, value);
          return true;
        }
        if (target.sameOrigin) return true;
        throw securityError(cx, String(key), 'Window', 'access');
      },
      has(_, key) {
        if (target.sameOrigin) return false;
        throw securityError(cx, String(key), 'Window', 'access');
      },
    });
    return proxy;
  }
});
