// exthost:eager
// Loading the host's other modules on first use (Sources/Exthost/HostModule.swift). The globals
// a module defines exist from the start, each with its final identity, and are filled by the
// module on first touch: `console`, `chrome` and the like are objects and `setTimeout` and the
// like functions, made by Swift (JSEngine's LazyObject); constructors (`URL`, ...) are made here,
// as a Proxy of a small function (the C API cannot pass `new.target` on, and `class X extends
// URL` needs it); globals that are accessors in the browsers (`window`, `self`, `location`, ...)
// are defined by their module, loaded on the global's first touch (host.defineGlobal). The module
// finds the objects in `host.lazyGlobals` and puts the functions they call in `host.implementations`.
(function (host) {
  'use strict';
  const plain = host.builtins.plain;
  const intrinsics = host.builtins.intrinsics;
  const {
    Proxy, ReflectApply, ReflectConstruct, ReflectDefineProperty, ReflectDeleteProperty, ReflectGet, ReflectGetOwnPropertyDescriptor,
    ReflectGetPrototypeOf, ReflectHas, ReflectIsExtensible, ReflectOwnKeys, ReflectPreventExtensions, ReflectSet, ReflectSetPrototypeOf,

  } = plain;
  // (This module runs when the context is made, before js/00_2_primordials.js may load: it uses the
  // built-ins as js/00_0_builtins.js took them.)
  const dataDescriptor = (value, writable, enumerable, configurable) =>
    ({ __proto__: null, value, writable, enumerable, configurable });
  const weakMapGet = intrinsics['WeakMap.prototype.get'];
  const weakMapSet = intrinsics['WeakMap.prototype.set'];
  const global = host.global;
  // (The engine's natives are made on first use: a context that loads no module makes none.)
  const loadModule = (name) => host.native.engine.loadModule(name);

  // Loads the module `name` (and those it needs) unless it is loaded.
  host.load = function (name) {
    loadModule(name);
  };

  // What the lazy functions and constructors call, by global name (filled by their modules).
  host.implementations = { __proto__: null };
  // For a module of the context that makes some of its constructors only when they are first
  // needed: the function that makes each, given its name, by global name.
  host.globalFillers = { __proto__: null };

  // ---- Constructors ----------------------------------------------------------------------------
  // The small function behind each lazy constructor: its global's name and module, and whether
  // the module was loaded.
  const constructorState = new plain.WeakMap();
  const constructorTargets = { __proto__: null };
  function fill(target) {
    const state = ReflectApply(weakMapGet, constructorState, [target]);
    if (state.loaded) return;
    state.loaded = true;
    loadModule(state.module);
    // (A module that fills its constructors one at a time makes this one now: a module of the
    // context through host.globalFillers, js/31_ui_events.js; one of the host realm, js/63_dom.js,
    // through Swift.)
    if (host.implementations[state.name] === undefined) {
      const filler = host.globalFillers[state.name];
      if (filler !== undefined) filler(state.name);
      else host.native.engine.fillGlobal(state.module, state.name);
    }
  }
  const implementationOf = (target) => host.implementations[ReflectApply(weakMapGet, constructorState, [target]).name];
  // Every operation loads the module first, then acts on the function, which the module made the
  // constructor's public face (host.adoptConstructor); calls go to the module's class.
  const constructorTraps = {
    __proto__: null,
    apply(target, thisArg, args) { fill(target); return ReflectApply(implementationOf(target), thisArg, args); },
    construct(target, args, newTarget) { fill(target); return ReflectConstruct(implementationOf(target), args, newTarget); },
    get(target, key, receiver) { fill(target); return ReflectGet(target, key, receiver); },
    set(target, key, value, receiver) { fill(target); return ReflectSet(target, key, value, receiver); },
    has(target, key) { fill(target); return ReflectHas(target, key); },
    deleteProperty(target, key) { fill(target); return ReflectDeleteProperty(target, key); },
    defineProperty(target, key, descriptor) { fill(target); return ReflectDefineProperty(target, key, descriptor); },
    getOwnPropertyDescriptor(target, key) { fill(target); return ReflectGetOwnPropertyDescriptor(target, key); },
    ownKeys(target) { fill(target); return ReflectOwnKeys(target); },
    getPrototypeOf(target) { fill(target); return ReflectGetPrototypeOf(target); },
    setPrototypeOf(target, prototype) { fill(target); return ReflectSetPrototypeOf(target, prototype); },
    isExtensible(target) { fill(target); return ReflectIsExtensible(target); },
    preventExtensions(target) { fill(target); return ReflectPreventExtensions(target); },
  };
  // Whether `target` is the function behind one of these constructors (which stands for a
  // browser's own constructor function where a value is described: js/10_format.js).
  host.isLazyConstructorTarget = (target) => ReflectApply(weakMapGet, constructorState, [target]) !== undefined;
  function makeConstructor(name, length, module) {
    const target = { [name]: function () {} }[name];
    ReflectDefineProperty(target, 'length', dataDescriptor(length, false, false, true));
    ReflectApply(weakMapSet, constructorState, [target, { __proto__: null, name, module, loaded: false }]);
    constructorTargets[name] = target;
    return new Proxy(target, constructorTraps);
  }

  // Makes the global constructor `name` (made here) the public face of the class `impl`: it
  // constructs through `impl`, shares its prototype (whose `constructor` it becomes) and gets its
  // static members. Returns it.
  // (`keepsPrototype`: the prototype is another interface's, whose `constructor` stays: a legacy
  // factory function's, `Image`'s HTMLImageElement.prototype.)
  host.adoptConstructor = function (name, impl, keepsPrototype) {
    const constructor = host.lazyGlobals[name];
    const target = constructorTargets[name];
    host.implementations[name] = impl;
    const prototype = impl.prototype;
    ReflectDefineProperty(target, 'prototype', dataDescriptor(prototype, false, false, false));
    if (keepsPrototype !== true) ReflectDefineProperty(prototype, 'constructor', dataDescriptor(constructor, true, false, true));
    const keys = ReflectOwnKeys(impl);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (key === 'length' || key === 'name' || key === 'prototype') continue;
      ReflectDefineProperty(target, key, { __proto__: null, ...ReflectGetOwnPropertyDescriptor(impl, key) });
    }
    return constructor;
  };

  // An interface object for the host realm's window module (js/30_window.js), made here because
  // it is a constructor of this realm: it throws when called or constructed (unless it is given
  // `construct`), and its prototype
  // inherits from `parentPrototype`. It becomes the lazy global `name`'s public face.
  const IllegalConstructorError = plain.TypeError;
  // (Called without `new`, or with it, each browser's words: fixtures/conformance/dom-basics.)
  const FIREFOX_WORDS = host.flavor === 'firefox';
  // (`construct`, for an interface scripts may construct: a function of this realm that makes the
  // object, given `new.target`. `sharedPrototype`: a legacy factory function's, the prototype of
  // the interface whose objects it makes, instead of one of its own.)
  host.makeInterface = function (name, parentPrototype, construct, sharedPrototype) {
    const constructor = {
      [name]: function () {
        // (An interface no script may construct says so, called with `new` or without: web-storage,
        // web-argument-conversions.)
        if (new.target === undefined && construct !== undefined) {
          throw new IllegalConstructorError(FIREFOX_WORDS ? name + " constructor: 'new' is required"
            : "Failed to construct '" + name + "': Please use the 'new' operator, this DOM object constructor cannot be called as a function.");
        }
        if (construct !== undefined) {
          // (`construct(new.target, ...arguments)`, without the script's array iterator.)
          const args = [new.target];
          for (let i = 0; i < arguments.length; i++) ReflectDefineProperty(args, i + 1, dataDescriptor(arguments[i], true, true, true));
          return ReflectApply(construct, undefined, args);
        }
        // (Chromium names the interface only when it was asked to construct one: web-argument-conversions.)
        throw new IllegalConstructorError(FIREFOX_WORDS ? 'Illegal constructor.'
          : new.target === undefined ? 'Illegal constructor' : "Failed to construct '" + name + "': Illegal constructor");
      },
    }[name];
    if (sharedPrototype !== undefined) {
      ReflectDefineProperty(constructor, 'prototype', dataDescriptor(sharedPrototype, false, false, false));
      return host.adoptConstructor(name, constructor, true);
    }
    const prototype = plain.ObjectCreate(parentPrototype);
    ReflectDefineProperty(constructor, 'prototype', dataDescriptor(prototype, false, false, false));
    ReflectDefineProperty(prototype, 'constructor', dataDescriptor(constructor, true, false, true));
    ReflectDefineProperty(prototype, plain.SymbolToStringTag, dataDescriptor(name, false, false, true));
    return host.adoptConstructor(name, constructor);
  };

  // ---- Prototypes two modules share --------------------------------------------------------------
  // The prototype object of an interface that one module fills and another inherits from before
  // that (the window module makes Window.prototype inherit from EventTarget.prototype, which the
  // events module fills when a script first names an event): made once, empty, by name.
  const sharedPrototypes = { __proto__: null };
  host.sharedPrototype = function (name) {
    let prototype = sharedPrototypes[name];
    if (prototype === undefined) {
      prototype = plain.ObjectCreate(plain.ObjectPrototype);
      sharedPrototypes[name] = prototype;
    }
    return prototype;
  };

  // ---- Accessors -------------------------------------------------------------------------------
  // Accessor globals are made by their modules, which Swift loads on the global's first touch
  // (LazyGlobals), so the accessor a script first sees is the module's own. A name in `deleted`
  // was deleted by a script before its first touch: the module must not define it.
  const deleted = { __proto__: null };

  // Defines the accessor global `name` with `descriptor` (null prototype), for a module: unless
  // extension code deleted it first. Returns whether it did.
  host.defineGlobal = function (name, descriptor) {
    if (deleted[name] === true) return false;
    return ReflectDefineProperty(global, name, descriptor);
  };

  // `list`: [[name, kind, enumerable, module, length, define], ...] from Swift, for the
  // constructor and accessor globals; `define` false: made for the module only (a script deleted
  // the global before its first touch).
  host.installLazyGlobals = function (list) {
    for (let i = 0; i < list.length; i++) {
      const name = list[i][0];
      const enumerable = list[i][2];
      const module = list[i][3];
      const define = list[i][5];
      if (list[i][1] === 'accessor') {
        if (!define) deleted[name] = true;
      } else {
        const constructor = makeConstructor(name, list[i][4], module);
        host.lazyGlobals[name] = constructor;
        if (define) ReflectDefineProperty(global, name, dataDescriptor(constructor, true, enumerable, true));
      }
    }
  };
});
