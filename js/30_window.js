// exthost:needs primordials
// exthost:globals self:accessor location:accessor ~EventTarget:constructor:0
// exthost:globals Window: window:accessor frames:accessor top:accessor parent:accessor length:accessor ~Window:constructor:0
// exthost:globals ServiceWorkerGlobalScope: ~WorkerGlobalScope:constructor:0 ~ServiceWorkerGlobalScope:constructor:0
// The global object's shape: a Chromium service worker is a ServiceWorkerGlobalScope with a
// WorkerLocation; a background page (Firefox's generated one, or manifest version 2's) and a
// content script's frame are a Window, with `window`, `self`, `frames`, `top`, `parent`, `length`
// and `location`. What one frame's content script sees of another frame through `top`, `parent`
// and `frames[i]` follows the flavor's browser (Swift decides which window it gets: FrameAPI).
(function (host) {
  'use strict';
  const {
    Error, TypeError, Proxy, ObjectDefineProperty, ObjectCreate, ObjectFreeze, ObjectGetPrototypeOf, ObjectSetPrototypeOf, ObjectPrototype,
    ReflectDefineProperty, SafeMap, StringPrototypeStartsWith, String, SymbolToStringTag, hasOwn, getOwn, dataDescriptor,
    stringifyData, nullCopy,
  } = host.primordials;
  const global = host.global;
  const info = host.context;
  const define = (name, get) => host.defineGlobal(name, { __proto__: null, get, configurable: true, enumerable: true });

  // An interface object (`Window`, `EventTarget`, ...) whose prototype the global inherits from,
  // so `globalThis.constructor.name` and `Object.prototype.toString.call(globalThis)` are right.
  function makeInterface(name, parent) {
    const constructor = { [name]: function () { throw new TypeError('Illegal constructor'); } }[name];
    ReflectDefineProperty(constructor, 'prototype', dataDescriptor(ObjectCreate(parent ? parent.prototype : ObjectPrototype), false, false, false));
    ReflectDefineProperty(constructor.prototype, 'constructor', dataDescriptor(constructor, true, false, true));
    ReflectDefineProperty(constructor.prototype, SymbolToStringTag, dataDescriptor(name, false, false, true));
    return host.adoptConstructor(name, constructor);
  }

  // A read-only `location` (navigation from scripts comes with the DOM).
  host.makeLocation = function (parts, interfaceName = 'Location') {
    const location = {};
    const keys = ['href', 'origin', 'protocol', 'host', 'hostname', 'port', 'pathname', 'search', 'hash'];
    for (let i = 0; i < keys.length; i++) ReflectDefineProperty(location, keys[i], dataDescriptor(parts[keys[i]], false, true, false));
    ReflectDefineProperty(location, 'toString', dataDescriptor(function toString() { return parts.href; }, false, false, false));
    ReflectDefineProperty(location, SymbolToStringTag, dataDescriptor(interfaceName, false, false, false));
    return ObjectFreeze(location);
  };

  // The global object's own prototype (made by the host for the global's class) takes the place
  // of the interface's prototype: it gets the constructor, and inherits from the parent interface.
  function adoptGlobalPrototype(constructor) {
    const own = ObjectGetPrototypeOf(global);
    if (own === ObjectPrototype) return;
    ReflectDefineProperty(own, 'constructor', dataDescriptor(constructor, true, false, true));
    ObjectSetPrototypeOf(own, ObjectGetPrototypeOf(constructor.prototype));
  }

  const eventTarget = makeInterface('EventTarget');
  if (info.isServiceWorker) {
    const workerScope = makeInterface('WorkerGlobalScope', eventTarget);
    adoptGlobalPrototype(makeInterface('ServiceWorkerGlobalScope', workerScope));
    const location = host.makeLocation(info.location, 'WorkerLocation');
    define('self', () => global);
    define('location', () => location);
    return;
  }
  adoptGlobalPrototype(makeInterface('Window', eventTarget));
  const location = host.makeLocation(info.location);
  define('window', () => global);
  define('self', () => global);
  define('frames', () => global);
  define('location', () => location);
  if (host.kind !== 'content') {
    define('top', () => global);
    define('parent', () => global);
    define('length', () => 0);
    return;
  }
  define('top', () => (info.isTop ? global : host.frameWindow('top')));
  define('parent', () => (info.isTop ? global : host.frameWindow('parent')));
  const childCount = host.native.api.call('frame.count', '[]');
  define('length', () => childCount);
  // `frames[i]` (and `window[i]`): the window of the frame's i-th child frame.
  for (let index = 0; index < childCount; index++) {
    ReflectDefineProperty(global, String(index), { __proto__: null, get: () => host.frameWindow('child:' + index), configurable: true });
  }

  // Another frame's window as this frame may see it: that frame's global when the browser lets
  // the two frames' content scripts share a world, else a window showing only what a
  // cross-origin (or other-world) window shows. The same frame is always the same object.
  const windows = new SafeMap();
  host.frameWindow = function (relation) {
    const answer = host.native.api.call('frame.window', stringifyData([relation]));
    if (answer === null || answer === undefined) return StringPrototypeStartsWith(relation, 'child:') ? undefined : global;
    if (typeof answer === 'object' && getOwn(answer, 'global')) return getOwn(answer, 'global');
    const target = nullCopy(answer);
    let window = windows.get(target.frameId);
    if (!window) {
      window = restrictedWindow(target);
      windows.set(target.frameId, window);
    }
    return window;
  };

  function securityError(property, interfaceName, verb) {
    const origin = info.location.origin;
    const message = host.flavor === 'chrome'
      ? "Failed to read a named property '" + property + "' from '" + interfaceName + "': Blocked a frame with origin \"" + origin + '" from accessing a cross-origin frame.'
      : 'Permission denied to ' + verb + ' property "' + property + '" on cross-origin object';
    const error = new Error(message);
    ObjectDefineProperty(error, 'name', dataDescriptor('SecurityError', true, false, true));
    return error;
  }

  function restrictedWindow(target) {
    const allowed = {
      __proto__: null,
      closed: false,
      length: target.frameCount,
      postMessage() {},
    };
    const crossOriginLocation = new Proxy({ __proto__: null }, {
      __proto__: null,
      get(_, key) {
        if (typeof key !== 'string') return undefined;
        throw securityError(key, 'Location', key === 'href' ? 'get' : 'access');
      },
    });
    const sameOriginLocation = target.sameOrigin ? host.makeLocation(target.location) : null;
    const proxy = new Proxy({ __proto__: null }, {
      __proto__: null,
      get(_, key) {
        if (key === 'window' || key === 'self' || key === 'frames') return proxy;
        if (key === 'top') return host.frameWindow('top');
        if (key === 'parent') return host.frameWindow('parent');
        if (key === 'location') return sameOriginLocation || crossOriginLocation;
        if (typeof key === 'string' && hasOwn(allowed, key)) return allowed[key];
        if (target.sameOrigin || typeof key !== 'string') return undefined;
        throw securityError(key, 'Window', 'access');
      },
      set(_, key) {
        if (target.sameOrigin) return true;
        throw securityError(String(key), 'Window', 'access');
      },
      has(_, key) {
        if (target.sameOrigin) return false;
        throw securityError(String(key), 'Window', 'access');
      },
    });
    return proxy;
  }
});
