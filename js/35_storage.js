// exthost:needs primordials host dom_exception events
// exthost:globals Window: localStorage:accessor sessionStorage:accessor ~Storage:constructor:0 ~StorageEvent:constructor:1
// Web Storage (the HTML Standard's `localStorage` and `sessionStorage`), with each browser's
// named properties and errors (fixtures/conformance/web-storage). The areas are Swift's (the
// `storage` natives, BrowserModel's WebStorageArea), kept for the run: `localStorage` per origin
// (the page's for a content script, the extension's in its pages), `sessionStorage` per origin and
// tab. A change fires `storage` at the other windows of the area. A service worker has neither.
//
// A Storage object is a Proxy of the context (the handler, of this module, is never reachable
// from a script) over a plain object whose prototype is Storage.prototype: its keys are its own
// properties, as Web IDL's named properties are, unless the prototype chain has the name.
(function (host) {
  'use strict';
  const {
    TypeError, String, Proxy, ObjectCreate, ReflectDefineProperty, ReflectDeleteProperty, ReflectGet, ReflectSet, ReflectHas,
    ReflectGetOwnPropertyDescriptor, ReflectOwnKeys, SafeWeakMap, dataDescriptor, listPush, hasOwn,
  } = host.primordials;
  const FIREFOX = host.flavor === 'firefox';
  const native = host.native.storage;

  const errors = host.webIDLErrors;
  const failed = (member, text) => errors.failed('Storage', member, text);
  const illegalInvocation = (member) => errors.illegalInvocation('Storage', member);
  const countError = (member, required, count) => errors.countError('Storage', member, required, count);
  const quotaError = (key) => host.newDOMException(FIREFOX ? 'The quota has been exceeded.' : failed('setItem', "Setting the value of '" + key + "' exceeded the quota."), 'QuotaExceededError');

  // ---- Storage ---------------------------------------------------------------------------------------------
  // The area of each Storage object (its Proxy), by object.
  const areas = new SafeWeakMap();
  const areaOf = (storage, member) => {
    const area = areas.get(storage);
    if (area === undefined) throw illegalInvocation(member);
    return area;
  };
  function setItem(area, key, value) {
    if (!native.set(area, key, value)) throw quotaError(key);
  }
  function Storage() {
    throw errors.illegalConstructor('Storage');
  }
  const StoragePrototype = host.defineInterface(Storage, 'Storage', 0, {
    get length() { return native.length(areaOf(this, 'get length')); },
    key(...args) {
      const area = areaOf(this, 'key');
      if (args.length < 1) throw countError('key', 1, args.length);
      const index = host.primordials.MathTrunc(host.primordials.Number(args[0]));
      return index >= 0 && index < 4294967296 ? native.key(area, index) : null;
    },
    getItem(...args) {
      const area = areaOf(this, 'getItem');
      if (args.length < 1) throw countError('getItem', 1, args.length);
      return native.get(area, String(args[0]));
    },
    setItem(...args) {
      const area = areaOf(this, 'setItem');
      if (args.length < 2) throw countError('setItem', 2, args.length);
      setItem(area, String(args[0]), String(args[1]));
    },
    removeItem(...args) {
      const area = areaOf(this, 'removeItem');
      if (args.length < 1) throw countError('removeItem', 1, args.length);
      native.remove(area, String(args[0]));
    },
    clear() { native.clear(areaOf(this, 'clear')); },
  });

  // Whether `key` names a property of the prototype chain, which hides a stored key of that name.
  const shadowed = (target, key) => ReflectHas(host.primordials.ObjectGetPrototypeOf(target), key);
  const stored = (area, key) => native.get(area, key) !== null;
  // (Chromium lists a stored key the prototype hides among the object's keys, and an assignment
  // to such a name makes an ordinary property; Firefox neither lists it nor makes one: it stores.)
  function makeHandler(area) {
    return {
      __proto__: null,
      get(target, key, receiver) {
        if (typeof key !== 'string' || hasOwn(target, key) || shadowed(target, key)) return ReflectGet(target, key, receiver);
        const value = native.get(area, key);
        return value === null ? undefined : value;
      },
      has(target, key) {
        if (typeof key !== 'string' || hasOwn(target, key) || shadowed(target, key)) return ReflectHas(target, key);
        return stored(area, key);
      },
      set(target, key, value, receiver) {
        if (typeof key !== 'string' || hasOwn(target, key) || (!FIREFOX && shadowed(target, key))) {
          return ReflectDefineProperty(target, key, dataDescriptor(value, true, true, true));
        }
        setItem(area, key, String(value));
        return true;
      },
      deleteProperty(target, key) {
        if (typeof key !== 'string' || hasOwn(target, key)) return ReflectDeleteProperty(target, key);
        if (!shadowed(target, key)) native.remove(area, key);
        return true;
      },
      defineProperty(target, key, descriptor) {
        if (typeof key === 'string' && !hasOwn(target, key) && !shadowed(target, key) && hasOwn(descriptor, 'value')) {
          setItem(area, key, String(descriptor.value));
          return true;
        }
        return ReflectDefineProperty(target, key, descriptor);
      },
      getOwnPropertyDescriptor(target, key) {
        if (typeof key !== 'string' || hasOwn(target, key)) return ReflectGetOwnPropertyDescriptor(target, key);
        if (FIREFOX && shadowed(target, key)) return undefined;
        const value = native.get(area, key);
        return value === null ? undefined : dataDescriptor(value, true, true, true);
      },
      ownKeys(target) {
        const keys = [];
        const names = native.keys(area);
        for (let i = 0; i < names.length; i++) if (!hasOwn(target, names[i]) && (!FIREFOX || !shadowed(target, names[i]))) listPush(keys, names[i]);
        const own = ReflectOwnKeys(target);
        for (let i = 0; i < own.length; i++) listPush(keys, own[i]);
        return keys;
      },
    };
  }
  const storages = { __proto__: null };
  function storageFor(area) {
    if (storages[area] === undefined) {
      const proxy = new Proxy(ObjectCreate(StoragePrototype), makeHandler(area));
      areas.set(proxy, area);
      storages[area] = proxy;
    }
    return storages[area];
  }
  const getters = {
    get localStorage() { return storageFor('local'); },
    get sessionStorage() { return storageFor('session'); },
  };
  const names = ['localStorage', 'sessionStorage'];
  for (let i = 0; i < names.length; i++) {
    host.defineGlobal(names[i], { __proto__: null, get: ReflectGetOwnPropertyDescriptor(getters, names[i]).get, enumerable: true, configurable: true });
  }

  // ---- StorageEvent ----------------------------------------------------------------------------------------
  const details = new SafeWeakMap();
  function StorageEvent(...args) {
    if (new.target === undefined) {
      throw new TypeError(FIREFOX ? "StorageEvent constructor: 'new' is required"
        : "Failed to construct 'StorageEvent': Please use the 'new' operator, this DOM object constructor cannot be called as a function.");
    }
    if (args.length < 1) {
      throw new TypeError(FIREFOX ? 'StorageEvent constructor: At least 1 argument required, but only 0 passed'
        : "Failed to construct 'StorageEvent': 1 argument required, but only 0 present.");
    }
    const init = args[1] === null ? undefined : args[1];
    host.initializeEvent(this, String(args[0]), init);
    const fields = { __proto__: null, key: null, oldValue: null, newValue: null, url: '', storageArea: null };
    if (init !== undefined) {
      if (init.key !== undefined && init.key !== null) fields.key = String(init.key);
      if (init.newValue !== undefined && init.newValue !== null) fields.newValue = String(init.newValue);
      if (init.oldValue !== undefined && init.oldValue !== null) fields.oldValue = String(init.oldValue);
      if (init.storageArea !== undefined && init.storageArea !== null) {
        if (!areas.has(init.storageArea)) throw new TypeError(FIREFOX ? "StorageEvent constructor: 'storageArea' member of StorageEventInit does not implement interface Storage."
          : "Failed to construct 'StorageEvent': Failed to read the 'storageArea' property from 'StorageEventInit': Failed to convert value to 'Storage'.");
        fields.storageArea = init.storageArea;
      }
      if (init.url !== undefined) fields.url = String(init.url);
    }
    details.set(this, fields);
  }
  const field = (event, name) => {
    const fields = details.get(event);
    if (fields === undefined) throw new TypeError(FIREFOX ? "'get " + name + "' called on an object that does not implement interface StorageEvent." : 'Illegal invocation');
    return fields[name];
  };
  const StorageEventPrototype = host.defineInterface(StorageEvent, 'StorageEvent', 1, {
    get key() { return field(this, 'key'); },
    get oldValue() { return field(this, 'oldValue'); },
    get newValue() { return field(this, 'newValue'); },
    get url() { return field(this, 'url'); },
    get storageArea() { return field(this, 'storageArea'); },
  }, { __proto__: null, parentPrototype: host.EventPrototype, parentConstructor: host.lazyGlobals.Event });

  // Swift's news of a change another window made: [area, key, oldValue, newValue, url].
  host.fireStorageEvent = function (change) {
    const made = host.newEvent(StorageEventPrototype, 'storage', undefined);
    details.set(made.event, { __proto__: null, key: change[1], oldValue: change[2], newValue: change[3], url: change[4], storageArea: storageFor(change[0]) });
    host.dispatchTrusted(host.global, made);
  };
});
