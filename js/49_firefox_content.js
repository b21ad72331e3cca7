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
  const { SafeWeakSet, SafeWeakMap, String, TypeError, Proxy, ReflectGet, ReflectSet, ReflectHas, ReflectDefineProperty, ReflectDeleteProperty,
    ReflectOwnKeys, ReflectGetOwnPropertyDescriptor, ReflectGetPrototypeOf, ReflectApply, ReflectConstruct, dataDescriptor, hasOwn } = host.primordials;
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

  // The page's values through Firefox's waiver of the Xray view: a membrane. A page object or
  // function reaches the content script as a Proxy of its realm over it (one per page value),
  // whose every use goes through to the page's value; whatever goes the other way (a property set,
  // `this` and the arguments of a call, a property defined) reaches the page as it would receive
  // it (`adopt`: a waived page value is itself again; a `cloneInto` copy is read again in the
  // page's realm; an exported function is the page's own; any other object or function of the
  // content script is one the page may not read). So the page never holds an object of the
  // content script's realm.
  const waivers = new SafeWeakMap();
  const originals = new SafeWeakMap();
  function adopt(value) {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return value;
    const original = originals.get(value);
    return original !== undefined ? original : page.adopt(value);
  }
  function adoptList(list) {
    const adopted = [];
    for (let i = 0; i < list.length; i++) adopted[i] = adopt(list[i]);
    return adopted;
  }
  function adoptedDescriptor(descriptor) {
    const copy = { __proto__: null };
    const keys = ReflectOwnKeys(descriptor);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      const value = descriptor[key];
      copy[key] = key === 'value' || key === 'get' || key === 'set' ? adopt(value) : value;
    }
    return copy;
  }
  function waive(value) {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return value;
    if (originals.has(value)) return value;
    const known = waivers.get(value);
    if (known !== undefined) return known;
    // (The Proxy's own target is a stand-in, so that nothing of the page's value has to match
    // it: every trap goes to the page's value.)
    const standIn = typeof value === 'function' ? function () {} : {};
    const waiver = new Proxy(standIn, {
      __proto__: null,
      get: (_, key) => waive(ReflectGet(value, key)),
      set: (_, key, assigned) => ReflectSet(value, key, adopt(assigned)),
      has: (_, key) => ReflectHas(value, key),
      defineProperty: (_, key, descriptor) => ReflectDefineProperty(value, key, adoptedDescriptor(descriptor)),
      deleteProperty: (_, key) => ReflectDeleteProperty(value, key),
      ownKeys: () => ReflectOwnKeys(value),
      getOwnPropertyDescriptor: (_, key) => {
        const descriptor = ReflectGetOwnPropertyDescriptor(value, key);
        if (descriptor === undefined) return undefined;
        const copy = { __proto__: null, configurable: true, enumerable: descriptor.enumerable };
        if (hasOwn(descriptor, 'value')) {
          copy.value = waive(descriptor.value);
          copy.writable = descriptor.writable;
        } else {
          copy.get = waive(descriptor.get);
          copy.set = waive(descriptor.set);
        }
        return copy;
      },
      getPrototypeOf: () => waive(ReflectGetPrototypeOf(value)),
      apply: (_, thisValue, args) => waive(ReflectApply(value, adopt(thisValue), adoptList(args))),
      construct: (_, args) => waive(ReflectConstruct(value, adoptList(args))),
    });
    waivers.set(value, waiver);
    originals.set(waiver, value);
    return waiver;
  }
  // For js/63_dom.js's exported functions: a value of the page as the content script receives it.
  host.waiveFromPage = waive;
  // The page's own value a waiver stands for, or undefined.
  host.unwaive = (value) => originals.get(value);

  let waivedWindow;
  const { get } = ReflectGetOwnPropertyDescriptor({
    get wrappedJSObject() {
      if (waivedWindow === undefined) waivedWindow = waive(page.global());
      return waivedWindow;
    },
  }, 'wrappedJSObject');
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
      const original = originals.get(scope);
      const target = original !== undefined ? original : scope === host.global ? page.global() : scope;
      ReflectDefineProperty(target, String(name), dataDescriptor(exported, true, true, true));
    }
    return exported;
  };
});
