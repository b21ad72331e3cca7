// exthost:needs primordials host
// Module scripts (issue 9, item 4): a module service worker, a module background script, and
// `import()` from module code and from classic scripts (a background's, a content script's). Swift reads each module of the extension and makes it a classic
// script with js/47_module_syntax.js (whose opening comment says how a module's scope, imports and
// exports are kept); this links and runs them as the ECMAScript and HTML specifications do:
// the whole graph is fetched and parsed first, then every import is resolved (ResolveExport, with
// `export *` and its ambiguities), then the modules run depth first, a cycle's modules before the
// module that closes it (InnerModuleEvaluation), awaiting those with top-level `await` in turn.
// What each browser says when something fails is from fixtures/conformance/module-*.
(function (host) {
  'use strict';
  const {
    TypeError, String, Proxy, ObjectCreate, ReflectApply, ReflectDefineProperty, ReflectGetOwnPropertyDescriptor,
    ReflectOwnKeys, ReflectPreventExtensions, ArrayPrototypeSort, SafeMap, SafeSet, Promise, PromiseReject, ObjectSetPrototypeOf,
    SafePromise, newSafePromise, SafePromiseThen,
    SymbolToStringTag, listPush, listIncludes, dataDescriptor, isErrorObject, intrinsics, enqueueMicrotask,
  } = host.primordials;
  const native = host.native;
  const FIREFOX = host.flavor === 'firefox';
  const generatorNext = intrinsics['%GeneratorPrototype%.next'];
  const asyncGeneratorNext = intrinsics['%AsyncGeneratorPrototype%.next'];

  // ---- Each browser's words -----------------------------------------------------------------------------
  const texts = FIREFOX ? {
    __proto__: null,
    uninitialized: (name) => "can't access lexical declaration '" + name + "' before initialization",
    assignImport: (name) => '"' + name + '" is read-only',
    assignNamespace: (name) => '"' + name + '" is read-only',
    deleteNamespace: (name) => 'property "' + name + '" is non-configurable and can\'t be deleted',
    defineNamespace: (name) => 'can\'t define property "' + name + '": Proxy is not extensible',
    dynamicFailed: (url) => 'error loading dynamically imported module: ' + url,
    bareSpecifier: (specifier) => 'The specifier “' + specifier + '” was a bare specifier, but was not remapped to anything. '
      + 'Relative module specifiers must start with “./”, “../” or “/”.',
    bareSpecifierInContentScript: (specifier) => texts.bareSpecifier(specifier),
  } : {
    __proto__: null,
    uninitialized: (name) => "Cannot access '" + name + "' before initialization",
    assignImport: () => 'Assignment to constant variable.',
    assignNamespace: (name) => "Cannot assign to property '" + name + "' of [object Module]",
    deleteNamespace: (name) => "Cannot delete property '" + name + "' of [object Module]",
    defineNamespace: (name) => 'Cannot redefine property: ' + name,
    dynamicFailed: (url) => 'Failed to fetch dynamically imported module: ' + url,
    bareSpecifier: (specifier) => 'Failed to resolve module specifier "' + specifier
      + '". Relative references must start with either "/", "./", or "../".',
    // (An isolated world has no import map, and Chromium says less: fixtures/conformance/module-import-classic.)
    bareSpecifierInContentScript: (specifier) => "Failed to resolve module specifier '" + specifier + "'",
  };
  const chromeWorker = !FIREFOX && host.context.isServiceWorker;
  const contentScript = host.context.kind === 'content';

  // ---- Records --------------------------------------------------------------------------------------------
  // url -> the module's record: `info` (what Swift answered: `evaluate`, `requests`, `imports`,
  // `localExports`, `indirectExports`, `starExports`, `async`, `anonymousDefault`), `requested`
  // (specifier -> url), `status` ('new', 'linked', 'evaluating', 'evaluated', 'errored'), `error`,
  // `generator`, `getters` (one per local export), `scope` (the imports' object), `namespace`.
  const records = new SafeMap();

  // The record of `url`, fetched and parsed now unless it was; throws what fails.
  function fetchModule(url) {
    let record = records.get(url);
    if (record !== undefined) return record;
    const info = native.modules.load(url);
    if (info === null) return null;
    record = {
      __proto__: null, url, info, requested: new SafeMap(), status: 'new', error: undefined, generator: undefined,
      getters: undefined, localIndex: new SafeMap(), scope: undefined, namespace: undefined, promise: undefined,
    };
    const localExports = info.localExports;
    for (let i = 0; i < localExports.length; i++) {
      if (!record.localIndex.has(localExports[i][1])) record.localIndex.set(localExports[i][1], i);
    }
    records.set(url, record);
    return record;
  }

  // The URL `specifier` names from the module at `base` (HTML's "resolve a module specifier"), or
  // throws the browser's TypeError.
  function resolveSpecifier(specifier, base) {
    const url = native.modules.resolve(specifier, base);
    if (url === null) throw new TypeError(texts.bareSpecifier(specifier));
    return url;
  }

  // Fetches the graph under `url`: { record } when every module of it was fetched and parsed,
  // { missing: url } when one could not be fetched; throws a module's SyntaxError or a specifier's
  // TypeError.
  function fetchGraph(url) {
    const root = fetchModule(url);
    if (root === null) return { __proto__: null, missing: url };
    const pending = [root];
    const seen = new SafeSet();
    seen.add(root);
    for (let p = 0; p < pending.length; p++) {
      const record = pending[p];
      const requests = record.info.requests;
      for (let i = 0; i < requests.length; i++) {
        const specifier = requests[i];
        let target = record.requested.get(specifier);
        if (target === undefined) {
          target = resolveSpecifier(specifier, record.url);
          record.requested.set(specifier, target);
        }
        const requested = fetchModule(target);
        if (requested === null) return { __proto__: null, missing: target };
        if (!seen.has(requested)) {
          seen.add(requested);
          listPush(pending, requested);
        }
      }
    }
    return { __proto__: null, record: root };
  }

  const requestedRecord = (record, specifier) => records.get(record.requested.get(specifier));

  // ---- Linking ------------------------------------------------------------------------------------------
  // Makes the module's scope and runs its header (js/47_module_syntax.js): its hoisted functions
  // exist and `record.getters` is set.
  function instantiate(record) {
    const scope = ObjectCreate(null);
    const module = ObjectCreate(null);
    module.s = scope;
    module.x = (getters) => { if (record.getters === undefined) record.getters = getters; };
    module.i = (specifier) => dynamicImport(specifier, record.url);
    module.m = importMeta(record.url);
    record.scope = scope;
    const generatorFunction = record.info.evaluate(module);
    record.generator = generatorFunction();
    ReflectApply(record.info.async ? asyncGeneratorNext : generatorNext, record.generator, []);
    if (record.info.anonymousDefault) nameDefault(record);
  }

  // `import.meta`: { url, resolve }, with no prototype.
  function importMeta(url) {
    const meta = ObjectCreate(null);
    meta.url = url;
    const resolve = { resolve(specifier) { return resolveSpecifier(String(specifier), url); } }.resolve;
    meta.resolve = resolve;
    return meta;
  }

  // An anonymous default export (`ℳd`) is named `default`.
  function nameDefault(record) {
    const index = record.localIndex.get('ℳd');
    let value;
    try { value = record.getters[index](); } catch (e) { return; }
    if (typeof value !== 'function') return;
    const name = ReflectGetOwnPropertyDescriptor(value, 'name');
    if (name !== undefined && name.value === 'ℳd') ReflectDefineProperty(value, 'name', dataDescriptor('default', false, false, true));
  }

  // ResolveExport: { record, local } for a binding, { namespace: record } for a namespace,
  // null when there is none, { ambiguous: [one, other] } when star exports give two.
  function resolveExport(record, name, resolveSet) {
    for (let i = 0; i < resolveSet.length; i++) {
      if (resolveSet[i].record === record && resolveSet[i].name === name) return null; // (a circular import)
    }
    listPush(resolveSet, { __proto__: null, record, name });
    const { localExports, indirectExports, starExports } = record.info;
    for (let i = 0; i < localExports.length; i++) {
      if (localExports[i][0] === name) return { __proto__: null, record, local: localExports[i][1] };
    }
    for (let i = 0; i < indirectExports.length; i++) {
      const entry = indirectExports[i];
      if (entry[0] !== name) continue;
      const target = requestedRecord(record, entry[1]);
      if (entry[2] === '*') return { __proto__: null, namespace: target };
      return resolveExport(target, entry[2], resolveSet);
    }
    if (name === 'default') return null;
    let found = null;
    for (let i = 0; i < starExports.length; i++) {
      const resolution = resolveExport(requestedRecord(record, starExports[i]), name, resolveSet);
      if (resolution === null) continue;
      if (resolution.ambiguous !== undefined) return resolution;
      if (found === null) {
        found = resolution;
      } else if (found.namespace !== resolution.namespace || found.record !== resolution.record || found.local !== resolution.local) {
        return { __proto__: null, ambiguous: [found, resolution] };
      }
    }
    return found;
  }

  // GetExportedNames.
  function exportedNames(record, starSet) {
    if (starSet.has(record)) return [];
    starSet.add(record);
    const names = [];
    const { localExports, indirectExports, starExports } = record.info;
    for (let i = 0; i < localExports.length; i++) listPush(names, localExports[i][0]);
    for (let i = 0; i < indirectExports.length; i++) listPush(names, indirectExports[i][0]);
    for (let i = 0; i < starExports.length; i++) {
      const starNames = exportedNames(requestedRecord(record, starExports[i]), starSet);
      for (let n = 0; n < starNames.length; n++) {
        if (starNames[n] !== 'default' && !listIncludes(names, starNames[n])) listPush(names, starNames[n]);
      }
    }
    return names;
  }

  // A function reading the binding `resolution` names; `name` for a temporal dead zone's words.
  function bindingReader(resolution, name) {
    if (resolution.namespace !== undefined) {
      const target = resolution.namespace;
      return () => namespaceOf(target);
    }
    const record = resolution.record;
    const index = record.localIndex.get(resolution.local);
    return () => {
      try {
        return record.getters[index]();
      } catch (error) {
        // (Reading a binding throws only in its temporal dead zone: the engine's ReferenceError,
        // with the browser's words.)
        if (isErrorObject(error)) ReflectDefineProperty(error, 'message', dataDescriptor(texts.uninitialized(name), true, false, true));
        throw error;
      }
    };
  }

  // The SyntaxError of an import or indirect export (`entry`, whose last two members are where its
  // name is) that resolves to nothing or to two bindings.
  function linkError(record, specifier, name, resolution, entry) {
    const target = requestedRecord(record, specifier);
    let message;
    if (FIREFOX) {
      const from = (binding) => (binding.namespace !== undefined ? binding.namespace : binding.record).url;
      message = resolution !== null
        ? "The requested module '" + target.url + "' contains ambiguous star export: '" + name + "' from '"
          + from(resolution.ambiguous[0]) + "' and '" + from(resolution.ambiguous[1]) + "'"
        : "The requested module '" + target.url + "' doesn't provide an export named: '" + name + "'";
    } else {
      message = resolution !== null
        ? "The requested module '" + specifier + "' contains conflicting star exports for name '" + name + "'"
        : "The requested module '" + specifier + "' does not provide an export named '" + name + "'";
    }
    return native.modules.syntaxError(message, record.url, entry[entry.length - 2], entry[entry.length - 1]);
  }

  // Links every module of the graph under `root` that is not linked; throws a SyntaxError.
  function link(root) {
    const fresh = [];
    const seen = new SafeSet();
    const visit = (record) => {
      if (seen.has(record)) return;
      seen.add(record);
      if (record.status === 'new') listPush(fresh, record);
      const requests = record.info.requests;
      for (let i = 0; i < requests.length; i++) visit(requestedRecord(record, requests[i]));
    };
    visit(root);
    for (let i = 0; i < fresh.length; i++) {
      const record = fresh[i];
      const indirectExports = record.info.indirectExports;
      for (let e = 0; e < indirectExports.length; e++) {
        const entry = indirectExports[e];
        if (entry[2] === '*') continue;
        const resolution = resolveExport(record, entry[0], []);
        if (resolution === null || resolution.ambiguous !== undefined) throw linkError(record, entry[1], entry[2], resolution, entry);
      }
      const imports = record.info.imports;
      for (let m = 0; m < imports.length; m++) {
        const specifier = imports[m][0];
        const name = imports[m][1];
        if (name === '*') continue;
        const resolution = resolveExport(requestedRecord(record, specifier), name, []);
        if (resolution === null || resolution.ambiguous !== undefined) throw linkError(record, specifier, name, resolution, imports[m]);
      }
    }
    for (let i = 0; i < fresh.length; i++) instantiate(fresh[i]);
    for (let i = 0; i < fresh.length; i++) {
      const record = fresh[i];
      const imports = record.info.imports;
      for (let m = 0; m < imports.length; m++) {
        const specifier = imports[m][0];
        const name = imports[m][1];
        const local = imports[m][2];
        const target = requestedRecord(record, specifier);
        const read = name === '*'
          ? () => namespaceOf(target)
          : bindingReader(resolveExport(target, name, []), local);
        ReflectDefineProperty(record.scope, local, {
          __proto__: null, enumerable: false, configurable: false,
          get: read,
          set: () => { throw new TypeError(texts.assignImport(local)); },
        });
      }
      record.status = 'linked';
    }
  }

  // ---- Namespace objects ----------------------------------------------------------------------------------
  // A module namespace object: a Proxy whose target holds each export as a non-configurable
  // writable property (so the engine's invariants allow live values) and @@toStringTag 'Module',
  // and cannot be extended.
  function namespaceOf(record) {
    if (record.namespace !== undefined) return record.namespace;
    const all = exportedNames(record, new SafeSet());
    const names = [];
    const readers = new SafeMap();
    for (let i = 0; i < all.length; i++) {
      const resolution = resolveExport(record, all[i], []);
      if (resolution === null || resolution.ambiguous !== undefined) continue;
      listPush(names, all[i]);
      readers.set(all[i], bindingReader(resolution, all[i]));
    }
    ArrayPrototypeSort(names);
    const target = ObjectCreate(null);
    for (let i = 0; i < names.length; i++) ReflectDefineProperty(target, names[i], dataDescriptor(undefined, true, true, false));
    ReflectDefineProperty(target, SymbolToStringTag, dataDescriptor('Module', false, false, false));
    ReflectPreventExtensions(target);
    const isExport = (key) => typeof key === 'string' && readers.has(key);
    const handler = {
      __proto__: null,
      get(t, key) {
        if (typeof key !== 'string') return key === SymbolToStringTag ? 'Module' : undefined;
        const read = readers.get(key);
        return read === undefined ? undefined : read();
      },
      getOwnPropertyDescriptor(t, key) {
        if (!isExport(key)) return ReflectGetOwnPropertyDescriptor(t, key);
        return dataDescriptor(readers.get(key)(), true, true, false);
      },
      has(t, key) { return isExport(key) || key === SymbolToStringTag; },
      ownKeys(t) { return ReflectOwnKeys(t); },
      set(t, key) { throw new TypeError(texts.assignNamespace(String(key))); },
      deleteProperty(t, key) {
        if (isExport(key) || key === SymbolToStringTag) throw new TypeError(texts.deleteNamespace(String(key)));
        return true;
      },
      defineProperty(t, key) { throw new TypeError(texts.defineNamespace(String(key))); },
      getPrototypeOf() { return null; },
      setPrototypeOf(t, prototype) { return prototype === null; },
      isExtensible() { return false; },
      preventExtensions() { return true; },
    };
    record.namespace = new Proxy(target, handler);
    return record.namespace;
  }

  // ---- Evaluation -------------------------------------------------------------------------------------------
  // Runs the linked graph under `root`, dependencies first (a cycle's modules before the module
  // that closes it): undefined when it all ran now, a promise when a module of it awaits at top
  // level. A module that awaits lets the modules after it that do not need it run on at once;
  // those that need it (directly, or through a module that waits) run when it is done, as the
  // specification's asynchronous module evaluation and Firefox do
  // (fixtures/conformance/module-top-level-await). Throws what a module threw, and so does every
  // later import of it or of a module that needs it.
  function evaluate(root) {
    const order = [];
    const seen = new SafeSet();
    const visit = (record) => {
      if (seen.has(record)) return;
      seen.add(record);
      const requests = record.info.requests;
      for (let i = 0; i < requests.length; i++) visit(requestedRecord(record, requests[i]));
      listPush(order, record);
    };
    visit(root);
    for (let i = 0; i < order.length; i++) evaluateModule(order[i]);
    if (root.status === 'errored') throw root.error;
    return root.status === 'evaluating' ? root.promise : undefined;
  }

  // Runs `record` now, or once the modules it needs that still await are done.
  function evaluateModule(record) {
    if (record.status === 'evaluated' || record.status === 'errored' || record.status === 'evaluating') return;
    const waiting = [];
    const requests = record.info.requests;
    for (let i = 0; i < requests.length; i++) {
      const requested = requestedRecord(record, requests[i]);
      if (requested.status === 'errored') {
        fail(record, requested.error);
        return;
      }
      if (requested.status === 'evaluating' && !listIncludes(waiting, requested.promise)) listPush(waiting, requested.promise);
    }
    if (waiting.length === 0) {
      run(record);
      return;
    }
    record.status = 'evaluating';
    record.promise = newSafePromise((resolve, reject) => {
      let left = waiting.length;
      for (let i = 0; i < waiting.length; i++) {
        SafePromiseThen(waiting[i], () => {
          if (--left > 0) return;
          record.status = 'linked';
          run(record);
          if (record.status === 'errored') reject(record.error);
          else if (record.status === 'evaluating') SafePromiseThen(record.promise, resolve, reject);
          else resolve();
        }, (error) => {
          fail(record, error);
          reject(error);
        });
      }
    });
  }

  // The promise an async generator's step returns (new, and the host's alone), made a SafePromise's
  // kind: `then` then finds SafePromise as its constructor and species, not what a script may have
  // put on Promise.prototype (the browsers' module evaluation consults neither).
  const safeOf = (promise) => ObjectSetPrototypeOf(promise, SafePromise.prototype);

  const fail = (record, error) => {
    record.status = 'errored';
    record.error = error;
  };

  // Runs the body of `record` (a linked module whose dependencies ran).
  function run(record) {
    if (record.info.async) {
      record.status = 'evaluating';
      record.promise = SafePromiseThen(safeOf(ReflectApply(asyncGeneratorNext, record.generator, [])), () => {
        record.status = 'evaluated';
        if (record.info.anonymousDefault) nameDefault(record);
      }, (error) => {
        fail(record, error);
        throw error;
      });
      return;
    }
    record.status = 'evaluating';
    try {
      ReflectApply(generatorNext, record.generator, []);
    } catch (error) {
      fail(record, error);
      return;
    }
    record.status = 'evaluated';
    if (record.info.anonymousDefault) nameDefault(record);
  }

  // ---- Entry points -----------------------------------------------------------------------------------------
  // Runs the module script at `url` (a module background): a string when nothing ran and nothing
  // is to be reported (the URL of a module that could not be fetched; a Chromium service worker's
  // top-level await); undefined when it ran; a promise when it awaits at top level;
  // throws the error to report (a SyntaxError or TypeError of the graph, or what a module threw).
  host.runModuleScript = function runModuleScript(url) {
    const graph = fetchGraph(url);
    if (graph.missing !== undefined) return graph.missing;
    // (A graph that awaits at top level runs in a microtask, and what it throws is reported then.
    // Chromium refuses a service worker any of whose modules awaits at top level: nothing runs,
    // and its console says nothing; fixtures/conformance/module-top-level-await.)
    const awaits = awaitsAtTopLevel(graph.record);
    if (chromeWorker && awaits) return 'top-level await';
    link(graph.record);
    if (!awaits) return evaluate(graph.record);
    SafePromiseThen(evaluateSoon(graph.record), undefined, (error) => host.reportUncaught(error, false));
    return undefined;
  };

  // Runs the linked graph under `root`, in which a module awaits at top level, in a microtask: a
  // promise of its end. (An async generator that has stepped to its first `yield` is suspended
  // there only once that `yield` has awaited, a microtask later; from then on, its next step runs
  // at once, so a module that awaits runs up to its first `await` in its turn, before the modules
  // after it.)
  function evaluateSoon(root) {
    return newSafePromise((resolve, reject) => {
      enqueueMicrotask(() => {
        let evaluated;
        try {
          evaluated = evaluate(root);
        } catch (error) {
          reject(error);
          return;
        }
        if (evaluated === undefined) resolve();
        else SafePromiseThen(evaluated, resolve, reject);
      });
    });
  }

  // Whether a module of the graph under `root` awaits at top level.
  function awaitsAtTopLevel(root) {
    const pending = [root];
    const seen = new SafeSet();
    seen.add(root);
    for (let p = 0; p < pending.length; p++) {
      const record = pending[p];
      if (record.info.async) return true;
      const requests = record.info.requests;
      for (let i = 0; i < requests.length; i++) {
        const requested = requestedRecord(record, requests[i]);
        if (!seen.has(requested)) {
          seen.add(requested);
          listPush(pending, requested);
        }
      }
    }
    return false;
  }

  // The function a classic script's `import(...)` calls (js/47_module_syntax.js rewrites it so),
  // resolving against `base`: the script's URL; in a Firefox content script, its page's.
  host.classicImport = function classicImport(base) {
    return (specifier) => dynamicImport(specifier, base);
  };

  // `import(specifier)` from the module at `base`: a promise of the module's namespace, settled in a
  // later task (as a browser's fetch answers).
  function dynamicImport(specifier, base) {
    if (chromeWorker) {
      return PromiseReject(new TypeError('import() is disallowed on ServiceWorkerGlobalScope by the HTML specification. '
        + 'See https://github.com/w3c/ServiceWorker/issues/1356.'));
    }
    let text;
    try {
      text = String(specifier);
    } catch (error) {
      return PromiseReject(error);
    }
    const url = native.modules.resolve(text, base);
    if (url === null) {
      return PromiseReject(new TypeError(contentScript ? texts.bareSpecifierInContentScript(text) : texts.bareSpecifier(text)));
    }
    return new Promise((resolve, reject) => {
      native.clock.timeout(0, () => {
        try {
          const graph = fetchGraph(url);
          if (graph.missing !== undefined) {
            reject(new TypeError(texts.dynamicFailed(url)));
            return;
          }
          link(graph.record);
          const evaluated = awaitsAtTopLevel(graph.record) ? evaluateSoon(graph.record) : evaluate(graph.record);
          const namespace = namespaceOf(graph.record);
          if (evaluated === undefined) resolve(namespace);
          else SafePromiseThen(evaluated, () => resolve(namespace), reject);
        } catch (error) {
          reject(error);
        }
      });
    });
  }
});
