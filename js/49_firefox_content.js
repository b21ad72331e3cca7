// exthost:needs primordials host structured_clone
// exthost:contexts content
// exthost:flavors firefox
// exthost:globals cloneInto:function:3 exportFunction:function:3 wrappedJSObject:accessor
// What Firefox gives its content scripts to hand data to the page's own scripts: `cloneInto(value,
// targetScope)`, a copy of `value` the page may read (fixtures/conformance/page-worlds: an object
// of the content script itself, as a CustomEvent's `detail`, is one the page cannot read, "Permission
// denied to access property"; a copy made by `cloneInto` it reads). The copy is made by the
// structured clone algorithm, as Firefox's is; what it cannot copy (a function, without
// `cloneFunctions`) throws Firefox's DataCloneError.
// `window.wrappedJSObject` is the page's own window as Firefox's waiver shows it: reading gives
// the page's values, setting hands the page a value as it would receive it (a `cloneInto` copy, an
// exported function; another object it may not read). `exportFunction(fn, scope, {defineAs})`
// makes a function of the page's realm that calls `fn` (ExtensionContext+PageAccess.swift).
// (A node's own `wrappedJSObject` is not here.)
(function (host) {
  'use strict';
  const { SafeWeakSet, String, TypeError, Proxy, ReflectGet, ReflectSet, ReflectHas, ReflectDefineProperty, ReflectDeleteProperty,
    ReflectOwnKeys, ReflectGetOwnPropertyDescriptor, dataDescriptor } = host.primordials;
  const page = host.native.page;
  const { countError } = host.webIDLErrors;
  // The copies made for the page.
  const forPage = new SafeWeakSet();
  host.implementations.cloneInto = function cloneInto(...args) {
    if (args.length < 2) throw countError('', 'cloneInto', 2, args.length);
    const value = args[0];
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return value;
    const copy = host.readClone(host.writeClone(value, ''));
    forPage.add(copy);
    return copy;
  };
  // Whether `value` is a copy `cloneInto` made (the page reads it: js/63_dom.js).
  host.isClonedForPage = (value) => forPage.has(value);

  // The page's window through Firefox's waiver (made once).
  let waived;
  function wrappedWindow() {
    if (waived !== undefined) return waived;
    const target = page.global();
    const adopted = (descriptor) => {
      if (descriptor === null || typeof descriptor !== 'object') return descriptor;
      const copy = { __proto__: null };
      const keys = ReflectOwnKeys(descriptor);
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i];
        copy[key] = key === 'value' ? page.adopt(descriptor.value) : descriptor[key];
      }
      return copy;
    };
    waived = new Proxy(target, {
      __proto__: null,
      get: (object, key) => ReflectGet(object, key),
      set: (object, key, value) => ReflectSet(object, key, page.adopt(value)),
      has: (object, key) => ReflectHas(object, key),
      defineProperty: (object, key, descriptor) => ReflectDefineProperty(object, key, adopted(descriptor)),
      deleteProperty: (object, key) => ReflectDeleteProperty(object, key),
      ownKeys: (object) => ReflectOwnKeys(object),
      getOwnPropertyDescriptor: (object, key) => ReflectGetOwnPropertyDescriptor(object, key),
    });
    return waived;
  }
  const { get } = ReflectGetOwnPropertyDescriptor({ get wrappedJSObject() { return wrappedWindow(); } }, 'wrappedJSObject');
  host.defineGlobal('wrappedJSObject', { __proto__: null, get, configurable: true, enumerable: true });

  host.implementations.exportFunction = function exportFunction(...args) {
    if (args.length < 2) throw countError('', 'exportFunction', 2, args.length);
    const fn = args[0];
    if (typeof fn !== 'function') throw new TypeError('exportFunction: argument 1 is not a function.');
    const scope = args[1];
    if (scope === null || (typeof scope !== 'object' && typeof scope !== 'function')) throw new TypeError('exportFunction: argument 2 is not an object.');
    const options = args[2];
    const exported = page.exportFunction(fn);
    const name = options !== undefined && options !== null ? options.defineAs : undefined;
    if (name !== undefined) {
      // (The content script's own window stands for the page's.)
      const target = scope === host.global || scope === waived ? page.global() : scope;
      ReflectDefineProperty(target, String(name), dataDescriptor(exported, true, true, true));
    }
    return exported;
  };
});
