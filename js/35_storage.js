// exthost:realm host
// exthost:needs primordials api events
// exthost:globals Window: localStorage:accessor sessionStorage:accessor ~Storage:constructor:0 ~StorageEvent:constructor:1
// Web Storage (the HTML Standard's `localStorage` and `sessionStorage`), with each browser's
// named properties and errors (fixtures/conformance/web-storage). The areas are Swift's (the
// `storage` natives, BrowserModel's WebStorageArea), kept for the run: `localStorage` per origin
// (the page's for a content script, the extension's in its pages), `sessionStorage` per origin and
// tab. A change fires `storage` at the other windows of the area. A service worker has neither.
//
// A Storage object is a Proxy of the world (host.worldProxy: each trap is called through a
// function of the world) over a plain object whose prototype is Storage.prototype: its keys are
// its own properties, as Web IDL's named properties are, unless the prototype chain has the name.
// Runs in the host's realm, for a world on the first touch of these globals (`host.installStorage`),
// each interface made on first need, its members one implementation for every world.
(function (host) {
  'use strict';
  const {
    String, Number, MathTrunc, ObjectGetPrototypeOf, ReflectDefineProperty, ReflectDeleteProperty, ReflectGet, ReflectHas,
    ReflectGetOwnPropertyDescriptor, ReflectOwnKeys, SafeWeakMap, listPush, hasOwn,
  } = host.primordials;
  const FIREFOX = host.flavor === 'firefox';
  const errors = host.webIDLErrors;
  const isObject = (value) => value !== null && (typeof value === 'object' || typeof value === 'function');
  const quotaError = (cx, key) => host.newDOMException(cx, FIREFOX ? 'The quota has been exceeded.'
    : errors.failed('Storage', 'setItem', "Setting the value of '" + key + "' exceeded the quota."), 'QuotaExceededError');
  // A property descriptor of the world (a trap's answer must be an object of the world): a data
  // property's of `value` when `own` is undefined, else a copy of `own`.
  function worldDescriptor(cx, own, value) {
    const descriptor = host.newObject(cx);
    if (own === undefined) {
      host.defineValue(descriptor, 'value', value, true, true, true);
      host.defineValue(descriptor, 'writable', true, true, true, true);
      host.defineValue(descriptor, 'enumerable', true, true, true, true);
      host.defineValue(descriptor, 'configurable', true, true, true, true);
      return descriptor;
    }
    const keys = ['value', 'writable', 'get', 'set', 'enumerable', 'configurable'];
    for (let i = 0; i < keys.length; i++) if (hasOwn(own, keys[i])) host.defineValue(descriptor, keys[i], own[keys[i]], true, true, true);
    return descriptor;
  }

  // ---- Storage ---------------------------------------------------------------------------------------------
  // The world and area of each Storage object (its Proxy), by object.
  const areas = new SafeWeakMap();
  const areaOf = (cx, storage, member) => {
    const area = isObject(storage) ? areas.get(storage) : undefined;
    if (area === undefined) throw errors.illegalInvocation(cx, 'Storage', member);
    return area;
  };
  const native = (cx) => cx.loader.native.storage;
  function setItem(cx, area, key, value) {
    if (!native(cx).set(area, key, value)) throw quotaError(cx, key);
  }
  const storageMembers = [
    ['get', 'length', (cx, thisValue) => native(cx).length(areaOf(cx, thisValue, 'get length'))],
    ['method', 'key', 1, (cx, thisValue, ...args) => {
      const area = areaOf(cx, thisValue, 'key');
      if (args.length < 1) throw errors.countError(cx, 'Storage', 'key', 1, args.length);
      const index = MathTrunc(Number(args[0]));
      return index >= 0 && index < 4294967296 ? native(cx).key(area, index) : null;
    }],
    ['method', 'getItem', 1, (cx, thisValue, ...args) => {
      const area = areaOf(cx, thisValue, 'getItem');
      if (args.length < 1) throw errors.countError(cx, 'Storage', 'getItem', 1, args.length);
      return native(cx).get(area, String(args[0]));
    }],
    ['method', 'setItem', 2, (cx, thisValue, ...args) => {
      const area = areaOf(cx, thisValue, 'setItem');
      if (args.length < 2) throw errors.countError(cx, 'Storage', 'setItem', 2, args.length);
      setItem(cx, area, String(args[0]), String(args[1]));
    }],
    ['method', 'removeItem', 1, (cx, thisValue, ...args) => {
      const area = areaOf(cx, thisValue, 'removeItem');
      if (args.length < 1) throw errors.countError(cx, 'Storage', 'removeItem', 1, args.length);
      native(cx).remove(area, String(args[0]));
    }],
    ['method', 'clear', 0, (cx, thisValue) => { native(cx).clear(areaOf(cx, thisValue, 'clear')); }],
  ];

  // Whether `key` names a property of the prototype chain, which hides a stored key of that name.
  const shadowed = (target, key) => ReflectHas(ObjectGetPrototypeOf(target), key);
  // (Chromium lists a stored key the prototype hides among the object's keys, and an assignment
  // to such a name makes an ordinary property; Firefox neither lists it nor makes one: it stores.)
  function makeTraps(cx, area) {
    const store = native(cx);
    return {
      __proto__: null,
      get(target, key, receiver) {
        if (typeof key !== 'string' || hasOwn(target, key) || shadowed(target, key)) return ReflectGet(target, key, receiver);
        const value = store.get(area, key);
        return value === null ? undefined : value;
      },
      has(target, key) {
        if (typeof key !== 'string' || hasOwn(target, key) || shadowed(target, key)) return ReflectHas(target, key);
        return store.get(area, key) !== null;
      },
      set(target, key, value, receiver) {
        if (typeof key !== 'string' || hasOwn(target, key) || (!FIREFOX && shadowed(target, key))) {
          return ReflectDefineProperty(target, key, { __proto__: null, value, writable: true, enumerable: true, configurable: true });
        }
        setItem(cx, area, key, String(value));
        return true;
      },
      deleteProperty(target, key) {
        if (typeof key !== 'string' || hasOwn(target, key)) return ReflectDeleteProperty(target, key);
        if (!shadowed(target, key)) store.remove(area, key);
        return true;
      },
      defineProperty(target, key, descriptor) {
        if (typeof key === 'string' && !hasOwn(target, key) && !shadowed(target, key) && hasOwn(descriptor, 'value')) {
          setItem(cx, area, key, String(descriptor.value));
          return true;
        }
        return ReflectDefineProperty(target, key, descriptor);
      },
      getOwnPropertyDescriptor(target, key) {
        if (typeof key !== 'string' || hasOwn(target, key)) {
          const own = ReflectGetOwnPropertyDescriptor(target, key);
          return own === undefined ? undefined : worldDescriptor(cx, own);
        }
        if (FIREFOX && shadowed(target, key)) return undefined;
        const value = store.get(area, key);
        return value === null ? undefined : worldDescriptor(cx, undefined, value);
      },
      ownKeys(target) {
        const keys = [];
        const names = store.keys(area);
        for (let i = 0; i < names.length; i++) if (!hasOwn(target, names[i]) && (!FIREFOX || !shadowed(target, names[i]))) listPush(keys, names[i]);
        const own = ReflectOwnKeys(target);
        for (let i = 0; i < own.length; i++) listPush(keys, own[i]);
        return host.newArray(cx, keys);
      },
    };
  }
  function storageFor(cx, area) {
    const world = cx.storageWorld;
    if (world.storages[area] === undefined) {
      const proxy = host.worldProxy(cx, host.newObjectFrom(cx, interfaceOf(cx, 'Storage').prototype), makeTraps(cx, area));
      areas.set(proxy, area);
      world.storages[area] = proxy;
    }
    return world.storages[area];
  }

  // ---- StorageEvent ----------------------------------------------------------------------------------------
  const details = new SafeWeakMap();
  const constructStorageEvent = (cx, thisValue, newTarget, ...args) => {
    if (args.length < 1) throw errors.countError(cx, 'StorageEvent', 'constructor', 1, 0);
    const init = args[1] === null ? undefined : args[1];
    const type = String(args[0]);
    const event = host.newInstance(cx, newTarget, interfaceOf(cx, 'StorageEvent').prototype);
    host.eventInternals.initializeEvent(cx, event, type, init);
    const fields = { __proto__: null, key: null, oldValue: null, newValue: null, url: '', storageArea: null };
    if (init !== undefined) {
      if (init.key !== undefined && init.key !== null) fields.key = String(init.key);
      if (init.newValue !== undefined && init.newValue !== null) fields.newValue = String(init.newValue);
      if (init.oldValue !== undefined && init.oldValue !== null) fields.oldValue = String(init.oldValue);
      if (init.storageArea !== undefined && init.storageArea !== null) {
        if (!isObject(init.storageArea) || !areas.has(init.storageArea)) {
          throw host.newTypeError(cx, FIREFOX ? "StorageEvent constructor: 'storageArea' member of StorageEventInit does not implement interface Storage."
            : "Failed to construct 'StorageEvent': Failed to read the 'storageArea' property from 'StorageEventInit': Failed to convert value to 'Storage'.");
        }
        fields.storageArea = init.storageArea;
      }
      if (init.url !== undefined) fields.url = String(init.url);
    }
    details.set(event, fields);
    return event;
  };
  const field = (name) => (cx, thisValue) => {
    const fields = isObject(thisValue) ? details.get(thisValue) : undefined;
    if (fields === undefined) throw errors.illegalInvocation(cx, 'StorageEvent', 'get ' + name);
    return fields[name];
  };

  // ---- The interfaces ------------------------------------------------------------------------------
  const interfaces = {
    __proto__: null,
    Storage: { members: storageMembers },
    StorageEvent: {
      event: true, construct: constructStorageEvent,
      members: [['get', 'key', field('key')], ['get', 'oldValue', field('oldValue')], ['get', 'newValue', field('newValue')], ['get', 'url', field('url')],
        ['get', 'storageArea', field('storageArea')]],
    },
  };
  function interfaceOf(cx, name) {
    const world = cx.storageWorld;
    if (world.interfaces[name] === undefined) {
      const description = interfaces[name];
      world.interfaces[name] = host.makeWorldInterface(cx, name, description, description.event ? host.eventInternals.interfaceOf(cx, 'Event') : null);
    }
    return world.interfaces[name];
  }
  host.makeStorageInterface = function (cx, name) {
    if (interfaces[name] !== undefined) interfaceOf(cx, name);
  };

  // Installs the module for the world of `cx`: its `localStorage` and `sessionStorage`.
  host.installStorage = function (cx) {
    if (cx.storageWorld !== undefined) return;
    cx.loader.load('events');
    cx.storageWorld = { __proto__: null, interfaces: { __proto__: null }, storages: { __proto__: null } };
    const names = ['localStorage', 'sessionStorage'];
    const areaNames = ['local', 'session'];
    for (let i = 0; i < names.length; i++) {
      const area = areaNames[i];
      const get = host.newFunction(cx, 'get ' + names[i], 0, (data) => storageFor(data, area), cx);
      cx.loader.defineGlobal(names[i], { __proto__: null, get, enumerable: true, configurable: true });
    }
  };
  // Swift's news of a change another window made: [area, key, oldValue, newValue, url].
  host.fireStorageEvent = function (cx, change) {
    host.installStorage(cx);
    const event = host.newObjectFrom(cx, interfaceOf(cx, 'StorageEvent').prototype);
    const state = host.eventInternals.initializeEvent(cx, event, 'storage', undefined);
    details.set(event, { __proto__: null, key: change[1], oldValue: change[2], newValue: change[3], url: change[4], storageArea: storageFor(cx, change[0]) });
    state.trusted = true;
    host.eventInternals.dispatch(cx, cx.global, event, true);
  };
});
