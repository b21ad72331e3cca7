// The frame's window for content scripts: `window`, `self`, `frames`, `top`, `parent` and
// `location` of the frame the script runs in. What a frame sees of another frame through
// `top` and `parent` follows the flavor's browser (Swift decides; see FrameContext).
(function (host) {
  'use strict';
  if (host.kind !== 'content') return;
  const global = host.global;
  const info = host.context;
  const define = (name, get) => Object.defineProperty(global, name, { get, configurable: true, enumerable: true });

  define('window', () => global);
  define('self', () => global);
  define('frames', () => global);
  define('top', () => (info.isTop ? global : host.frameWindow('top')));
  define('parent', () => (info.isTop ? global : host.frameWindow('parent')));
  define('location', () => host.makeLocation(info.location));
  Object.defineProperty(global, Symbol.toStringTag, { value: 'Window', configurable: true });

  // A frame's `location`, read-only here (navigation from scripts comes with the DOM).
  host.makeLocation = function (parts) {
    const location = {};
    for (const key of ['href', 'origin', 'protocol', 'host', 'hostname', 'port', 'pathname', 'search', 'hash']) {
      Object.defineProperty(location, key, { value: parts[key], enumerable: true });
    }
    Object.defineProperty(location, 'toString', { value: function toString() { return parts.href; } });
    Object.defineProperty(location, Symbol.toStringTag, { value: 'Location' });
    return Object.freeze(location);
  };

  // Another frame's window as this frame may see it: the same global object when the browser
  // lets the two frames' content scripts share a world, else a window that shows only what a
  // cross-origin (or other-world) window shows.
  host.frameWindow = function (relation) {
    const target = host.native.call('frame.window', JSON.stringify([relation]));
    if (target === null || target === undefined) return global;
    if (typeof target === 'object' && target.global) return target.global;
    return host.restrictedWindow(target);
  };

  host.restrictedWindow = function (target) {
    const blocked = () => {
      throw new DOMExceptionLike('Blocked a frame with origin "' + info.location.origin + '" from accessing a cross-origin frame.', 'SecurityError');
    };
    const allowed = {
      location: target.sameOrigin ? host.makeLocation(target.location) : undefined,
      closed: false,
      length: target.frameCount,
      postMessage() {},
    };
    return new Proxy(Object.create(null), {
      get(_, key) {
        if (key === 'window' || key === 'self' || key === 'frames') return this.proxy;
        if (key === 'top') return host.frameWindow('top');
        if (key === 'parent') return host.frameWindow('parent');
        if (typeof key === 'string' && Object.prototype.hasOwnProperty.call(allowed, key)) return allowed[key];
        if (target.sameOrigin) return undefined;
        return blocked();
      },
      set() { if (target.sameOrigin) return true; return blocked(); },
      has(_, key) { return target.sameOrigin ? false : blocked(); },
    });
  };

  class DOMExceptionLike extends Error {
    constructor(message, name) {
      super(message);
      Object.defineProperty(this, 'name', { value: name, configurable: true });
    }
  }
});
