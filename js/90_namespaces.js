// exthost:realm host
// exthost:contexts background content page
// exthost:needs api schema runtime tabs action windows messaging extension
// exthost:globals chrome:object
// exthost:globals chrome: browser:object
// exthost:globals firefox: browser=chrome
// Fills a context's `chrome` and `browser` globals from the namespaces defined before this file:
// `browser` functions return promises; `chrome` functions take a trailing callback, with
// `chrome.runtime.lastError` set while it runs (and return a promise when given none, as
// Chrome's manifest version 3 and Firefox do). Each global is filled on its first touch
// (Sources/Exthost/ExtensionContext+API.swift), with objects and functions of the context's realm.
(function (host) {
  'use strict';
  const {
    String, ReflectApply, ObjectDefineProperty, ObjectKeys, SafePromiseThen, enqueueMicrotask,
    SafeMap, isSafePromise, listPush, listPop, listLast, listIncludes, dataDescriptor, getOwnData, safeString, hasOwn,
  } = host.primordials;
  const chrome = host.flavor === 'chrome';

  // ---- lastError -----------------------------------------------------------------------------------
  // Chrome: a plain `{message}` object while a callback runs, `undefined` otherwise.
  // Firefox: an `Error` while a callback runs, `null` otherwise.
  const noLastError = chrome ? undefined : null;
  // (The context's lastError state is set up when its first root is filled: nothing reads it before.)
  function setUpLastError(cx) {
    if (cx.runtimeObjects) return;
    cx.lastError = noLastError;
    cx.lastErrorRead = false;
    cx.lastErrorGetter = undefined;
    cx.runtimeObjects = [];
  }
  function lastErrorGetter(cx) {
    if (!cx.lastErrorGetter) cx.lastErrorGetter = host.newFunction(cx, 'get lastError', 0, readLastError, cx);
    return cx.lastErrorGetter;
  }
  function readLastError(cx) {
    cx.lastErrorRead = true;
    return cx.lastError;
  }
  function showLastError(cx, shown) {
    if (!chrome) return;
    for (let i = 0; i < cx.runtimeObjects.length; i++) {
      const object = cx.runtimeObjects[i];
      if (shown) ObjectDefineProperty(object, 'lastError', { __proto__: null, get: lastErrorGetter(cx), enumerable: true, configurable: true });
      else delete object.lastError;
    }
  }

  // Calls an API callback with `args`, or with `chrome.runtime.lastError` set to `error`.
  host.invokeCallback = function (cx, callback, args, error) {
    if (error === undefined) {
      callCallback(cx, callback, args);
      return;
    }
    host.withLastError(cx, error, () => callCallback(cx, callback, []));
  };
  // Calls an API callback; what it throws is reported, or, while Chromium's test harness runs
  // tests, goes to its handler as "Error handling response: ...".
  function callCallback(cx, callback, args) {
    if (cx.exceptionHandler === undefined) {
      host.callReporting(cx, callback, undefined, args);
      return;
    }
    try {
      ReflectApply(callback, undefined, args);
    } catch (error) {
      host.callExceptionHandler(cx, 'Error handling response: ' + host.thrownText(cx, error), error);
    }
  }

  // The text of `error` (a message, or an Error: its message; a getter that throws, or a revoked
  // Proxy a script threw, gives String(error) or "Error").
  function lastErrorMessage(error) {
    if (error === null || (typeof error !== 'object' && typeof error !== 'function')) return String(error);
    try {
      const message = error.message;
      if (message !== undefined) return String(message);
    } catch (e) { /* below */ }
    return safeString(error, 'Error');
  }

  // Runs `fn` with the context's `chrome.runtime.lastError` set to `error` (a message or an
  // Error), then clears it, logging `Unchecked runtime.lastError` when `fn` did not read it. No
  // error: just runs `fn`.
  host.withLastError = function (cx, error, fn) {
    if (error === undefined || error === null) {
      fn();
      return;
    }
    // (lastError below is always set: `previous` restores the outer value after nesting.)
    const previous = cx.lastError;
    const previousRead = cx.lastErrorRead;
    const message = lastErrorMessage(error);
    if (chrome) {
      cx.lastError = host.newObject(cx);
      host.defineValue(cx.lastError, 'message', message, true, true, true);
    } else {
      cx.lastError = host.newError(cx, message);
    }
    cx.lastErrorRead = false;
    showLastError(cx, true);
    try {
      fn();
    } finally {
      const unread = !cx.lastErrorRead;
      const message = getOwnData(cx.lastError, 'message');
      cx.lastError = previous;
      cx.lastErrorRead = previousRead;
      if (cx.lastError === noLastError) showLastError(cx, false);
      if (unread) cx.native.console.message('error', chrome ? 'Unchecked runtime.lastError: ' + message : 'Unchecked lastError value: Error: ' + message);
    }
  };

  // ---- Functions -----------------------------------------------------------------------------------
  // Resolves `settle` (the context's promise, or the host's SafePromise) as
  // `Promise.resolve().then(run)` would settle it. A SafePromise that `run` returns is followed as
  // resolving with a thenable would follow it (one microtask later), without asking it for its
  // `then`.
  function settleLater(cx, settle, run) {
    enqueueMicrotask(() => {
      let result;
      try { result = run(); } catch (error) { settle.reject(host.contextError(cx, error)); return; }
      if (isSafePromise(result)) enqueueMicrotask(() => SafePromiseThen(result, settle.resolve, settle.reject));
      else settle.resolve(result);
    });
  }

  // (Chromium's orphaned content script, once its page heard its extension is gone: every API
  // function throws. Recorded: content-script-orphaned.)
  const invalidated = (cx) => host.newError(cx, 'Extension context invalidated.');
  // What an API function of a context runs when called: `call` is { cx, fn }.
  function callAsync(call, thisValue, ...args) {
    const cx = call.cx;
    const fn = call.fn;
    if (cx.invalidated === true) throw invalidated(cx);
    let matched;
    try {
      matched = fn.massageArguments ? fn.massageArguments(cx, args) : host.checkArguments(fn.fullName, args);
    } catch (error) {
      if (!host.isArgumentRejection(error)) throw error;
      const rejection = host.newError(cx, error.message);
      const last = listLast(args);
      if (typeof last !== 'function') return host.rejectedPromise(cx, rejection);
      enqueueMicrotask(() => host.invokeCallback(cx, last, [], rejection));
      return undefined;
    }
    const callback = listPop(matched);
    if (typeof callback !== 'function' && fn.callbackOnly) {
      // (A function with no promise form: without a callback it returns nothing, and an error
      // is an unchecked runtime.lastError.)
      const settle = host.newSafeSettlement();
      settleLater(cx, settle, () => fn.run(cx, matched, call.data, thisValue));
      SafePromiseThen(settle.promise, () => {}, (error) => host.withLastError(cx, error, () => {}));
      return undefined;
    }
    if (typeof callback !== 'function') {
      const settle = host.newPromise(cx);
      if (!fn.oneTime) {
        settleLater(cx, settle, () => fn.run(cx, matched, call.data, thisValue));
      } else {
        // A one-time message nobody answered resolves with undefined.
        const sent = fn.run(cx, matched, call.data, thisValue);
        SafePromiseThen(sent, settle.resolve, (error) => { if (error === host.noResponse) settle.resolve(undefined); else settle.reject(error); });
      }
      return settle.promise;
    }
    let promise;
    if (fn.oneTime) {
      promise = fn.run(cx, matched, call.data, thisValue);
    } else {
      const settle = host.newSafeSettlement();
      settleLater(cx, settle, () => fn.run(cx, matched, call.data, thisValue));
      promise = settle.promise;
    }
    // Chromium calls back with no argument for an undefined result; Firefox with (undefined).
    SafePromiseThen(promise, (result) => host.invokeCallback(cx, callback, result === undefined && chrome ? [] : [result]),
      (error) => {
        if (error === host.noResponse) {
          if (chrome) host.invokeCallback(cx, callback, [], 'The message port closed before a response was received.');
          else host.invokeCallback(cx, callback, [undefined]);
          return;
        }
        host.invokeCallback(cx, callback, [], error);
      });
    return undefined;
  }
  function callSync(call, thisValue, ...args) {
    if (call.cx.invalidated === true) throw invalidated(call.cx);
    const fn = call.fn;
    return fn.run(call.cx, fn.massageArguments ? fn.massageArguments(call.cx, args) : host.checkArguments(fn.fullName, args), call.data, thisValue);
  }
  // A function of the context `cx` named `name` that runs the described function `fn` (see
  // host.describeFunction) as a namespace's functions run: its arguments checked, a promise or a
  // callback for an `async` one; `fn.run(cx, args, data, thisValue)`.
  host.newAPIFunction = (cx, name, fn, data) =>
    host.newFunction(cx, name, 0, fn.async ? callAsync : callSync, { __proto__: null, cx, fn, data });
  const getProperty = (property) => property.get(property.cx);

  function makeNamespace(cx, namespace, description) {
    return fillNamespace(cx, host.newObject(cx), namespace, description);
  }
  // Whether what lists `contexts` is the context's. A devtools page has what Chromium's other
  // extension pages have ('background'); in Firefox, of the namespaces it has (those that list
  // it, and runtime's and extension's members no list narrows), nothing listed for another kind
  // (recorded: devtools-page).
  const firefoxDevtoolsNamespaces = ['runtime', 'extension'];
  function availableTo(contexts, cx) {
    if (listIncludes(contexts, cx.apiKind)) return true;
    return cx.apiKind === 'devtools' && chrome && listIncludes(contexts, 'background');
  }
  function namespaceAvailable(namespace, description, cx) {
    return availableTo(description.contexts, cx) || (cx.apiKind === 'devtools' && listIncludes(firefoxDevtoolsNamespaces, namespace));
  }
  // (A member with `contexts` of its own is the context's when those list it; any other when its
  // namespace is the context's: a web page's `runtime` has only the few members that list it.)
  function fillNamespace(cx, object, namespace, description) {
    const whole = namespaceAvailable(namespace, description, cx);
    const memberAvailable = (member) => (member.contexts !== undefined ? availableTo(member.contexts, cx) : whole);
    const functions = description.functions || { __proto__: null };
    const functionNames = ObjectKeys(functions);
    for (let i = 0; i < functionNames.length; i++) {
      const name = functionNames[i];
      const fn = functions[name];
      if (!memberAvailable(fn)) continue;
      if (fn.available && !fn.available(cx)) continue;
      const value = host.newAPIFunction(cx, name, fn, undefined);
      ObjectDefineProperty(object, name, dataDescriptor(value, true, true, true));
    }
    // (An event is its name, or `{ name, contexts, persistent }`: `contexts` when fewer kinds of
    // context have it than have its namespace (runtime.onInstalled is not a content script's),
    // `persistent` when a Firefox event page's listener added as it starts is kept to start it
    // again for the event once it stopped (a Chromium worker's listeners all are).)
    const events = description.events || [];
    for (let i = 0; i < events.length; i++) {
      const entry = events[i];
      const name = typeof entry === 'string' ? entry : entry.name;
      if (typeof entry === 'string' ? !whole : !memberAvailable(entry)) continue;
      if (typeof entry !== 'string' && entry.available !== undefined && !entry.available(cx)) continue;
      const value = host.event(cx, namespace + '.' + name, typeof entry !== 'string' && entry.persistent === true,
        typeof entry !== 'string' && entry.urlFilters === true);
      ObjectDefineProperty(object, name, dataDescriptor(value, true, true, true));
    }
    const properties = description.properties || { __proto__: null };
    const propertyNames = ObjectKeys(properties);
    for (let i = 0; i < propertyNames.length; i++) {
      const name = propertyNames[i];
      if (!memberAvailable(properties[name])) continue;
      const get = host.newFunction(cx, 'get ' + name, 0, getProperty, { __proto__: null, cx, get: properties[name].get });
      ObjectDefineProperty(object, name, { __proto__: null, get, enumerable: true, configurable: true });
    }
    const constants = (whole && description.constants) || { __proto__: null };
    const constantNames = ObjectKeys(constants);
    for (let i = 0; i < constantNames.length; i++) {
      ObjectDefineProperty(object, constantNames[i], dataDescriptor(constants[constantNames[i]], false, true, false));
    }
    // (An enum, such as extension.ViewType: an object of the context of its values by name.)
    const enums = description.enums || { __proto__: null };
    const enumNames = ObjectKeys(enums);
    for (let i = 0; i < enumNames.length; i++) {
      const entry = enums[enumNames[i]];
      if (!memberAvailable(entry)) continue;
      const value = host.newObject(cx);
      const keys = ObjectKeys(entry.values);
      for (let k = 0; k < keys.length; k++) ObjectDefineProperty(value, keys[k], dataDescriptor(entry.values[keys[k]], true, true, true));
      ObjectDefineProperty(object, enumNames[i], dataDescriptor(value, true, true, true));
    }
    // (Members the browser has that exthost does not yet: `{ name, available }`. Touching one says
    // so once a run, as a missing namespace does, and reads undefined; a script may put a value
    // there.)
    const missing = (whole && description.missing) || [];
    for (let i = 0; i < missing.length; i++) {
      const entry = missing[i];
      if (entry.available !== undefined && !entry.available(cx)) continue;
      const data = { __proto__: null, cx, name: namespace + '.' + entry.name, root: object, key: entry.name };
      ObjectDefineProperty(object, entry.name, {
        __proto__: null, enumerable: true, configurable: true,
        get: host.newFunction(cx, 'get ' + entry.name, 0, touchMissing, data),
        set: host.newFunction(cx, 'set ' + entry.name, 1, putOverMissing, data),
      });
    }
    // (Members made by the namespace's own module: objects with methods, as storage's areas.)
    if (whole && description.build !== undefined) description.build(cx, object);
    // (Members a context lists with no value: Firefox's content scripts see the names of the
    // extension namespace's members they may not use, each undefined.)
    const listed = !whole || description.listedUndefined === undefined ? undefined : description.listedUndefined[cx.apiKind];
    if (listed !== undefined) {
      for (let i = 0; i < listed.length; i++) {
        if (!hasOwn(object, listed[i])) ObjectDefineProperty(object, listed[i], dataDescriptor(undefined, true, true, true));
      }
    }
    return object;
  }

  // Namespaces whose code loads on their first touch: name -> { contexts, module }. The module,
  // once loaded, defines the namespace (host.defineNamespace) as the others do. `test` is the
  // harness of the host (Sources/Exthost/Testing/TestHarness.swift): most runs never touch it.
  // (The harness, and so the module, is decided when it is first used: Swift's engine.testHarness.)
  const lazyNamespaces = new SafeMap();
  lazyNamespaces.set('test', {
    __proto__: null, contexts: ['background', 'content'], module: () => 'test_' + host.native.engine.testHarness(),
  });
  // (`devtools`: a devtools page's only, js/57_devtools.js.)
  lazyNamespaces.set('devtools', { __proto__: null, contexts: ['devtools'], module: () => 'devtools' });
  // (`storage`: an extension's with the "storage" permission, js/58_storage.js.)
  lazyNamespaces.set('storage', {
    __proto__: null, contexts: ['background', 'content'], module: () => 'storage_api',
    available: (cx) => listIncludes(cx.info.permissions, 'storage'),
  });
  // (`commands`: the background's and the extension's pages', js/59_commands.js.)
  lazyNamespaces.set('commands', { __proto__: null, contexts: ['background'], module: () => 'commands' });
  // (`i18n`: every extension context's, js/59_i18n.js.)
  lazyNamespaces.set('i18n', { __proto__: null, contexts: ['background', 'content'], module: () => 'i18n' });
  // (`alarms`: an extension's with the "alarms" permission, js/59_alarms.js.)
  lazyNamespaces.set('alarms', {
    __proto__: null, contexts: ['background'], module: () => 'alarms',
    available: (cx) => listIncludes(cx.info.permissions, 'alarms'),
  });
  // (`scripting`: an extension's with the "scripting" permission, js/59_scripting.js.)
  lazyNamespaces.set('scripting', {
    __proto__: null, contexts: ['background'], module: () => 'scripting',
    available: (cx) => listIncludes(cx.info.permissions, 'scripting'),
  });
  // (`contentScripts`: Firefox's, manifest version 2's, js/59_content_scripts.js.)
  if (!chrome) {
    lazyNamespaces.set('contentScripts', {
      __proto__: null, contexts: ['background'], module: () => 'content_scripts', available: (cx) => cx.info.manifestVersion === 2,
    });
  }
  // (`webNavigation`: an extension's with the "webNavigation" permission, js/59_web_navigation.js.)
  lazyNamespaces.set('webNavigation', {
    __proto__: null, contexts: ['background'], module: () => 'web_navigation',
    available: (cx) => listIncludes(cx.info.permissions, 'webNavigation'),
  });
  // (`permissions`: every extension's background and pages', js/59_permissions.js.)
  lazyNamespaces.set('permissions', { __proto__: null, contexts: ['background'], module: () => 'permissions' });
  // (`contextMenus`: an extension's with the "contextMenus" permission, and Firefox's `menus` with
  // "menus" (each only with its own: Firefox's browser_ext_menus.js): js/59_menus.js.)
  // (Firefox's content scripts have them too, with `getTargetElement` alone.)
  function fillMenus(cx, object, namespace) {
    if (cx.apiKind !== 'content') {
      fillNamespace(cx, object, namespace, host.namespaces.get(namespace));
      return;
    }
    const fn = host.namespaces.get(namespace).functions.getTargetElement;
    ObjectDefineProperty(object, 'getTargetElement', dataDescriptor(host.newAPIFunction(cx, 'getTargetElement', fn, undefined), true, true, true));
  }
  lazyNamespaces.set('contextMenus', {
    __proto__: null, contexts: chrome ? ['background'] : ['background', 'content'], module: () => 'menus',
    available: (cx) => listIncludes(cx.info.permissions, 'contextMenus'),
    fill: chrome ? undefined : (cx, object) => fillMenus(cx, object, 'contextMenus'),
  });
  if (!chrome) {
    lazyNamespaces.set('menus', {
      __proto__: null, contexts: ['background', 'content'], module: () => 'menus',
      available: (cx) => listIncludes(cx.info.permissions, 'menus'),
      fill: (cx, object) => fillMenus(cx, object, 'menus'),
    });
  }
  // (`management`: every extension's background and pages', js/59_management.js.)
  lazyNamespaces.set('management', { __proto__: null, contexts: ['background'], module: () => 'management' });
  // (`chrome.runtime` of a web page that an extension's externally_connectable names, in
  // Chromium: js/39_web_page_chrome.js. The members of `runtime` that list web pages, filled as
  // the extension's are, lastError too.)
  lazyNamespaces.set('webPageRuntime', {
    __proto__: null, contexts: ['webPage'], module: () => 'messaging',
    fill(cx, object) {
      setUpLastError(cx);
      fillNamespace(cx, object, 'runtime', host.namespaces.get('runtime'));
      listPush(cx.runtimeObjects, object);
    },
  });
  // The module of a lazy namespace, and (once Swift loaded it) filling its object: called by Swift
  // on the object's first touch.
  host.lazyNamespaceModule = (namespace) => lazyNamespaces.get(namespace).module();
  host.fillLazyNamespace = function (cx, object, namespace) {
    const lazy = lazyNamespaces.get(namespace);
    if (lazy !== undefined && lazy.fill !== undefined) {
      lazy.fill(cx, object);
      return;
    }
    const description = host.namespaces.get(namespace);
    if (description !== undefined) fillNamespace(cx, object, namespace, description);
  };

  // Namespaces the browser gives an extension's background and pages that exthost does not have
  // yet (issue 11), each with the permission that gives it (null: every extension): touching one
  // says so on the console once a run (and in `exthost run --report-api`), and reads undefined;
  // a script may put a value there (as a polyfill puts `menus` for `contextMenus`).
  const missingNamespaces = chrome ? [
    ['bookmarks', 'bookmarks'], ['browsingData', 'browsingData'], ['contentSettings', 'contentSettings'],
    ['cookies', 'cookies'], ['debugger', 'debugger'], ['declarativeContent', 'declarativeContent'],
    ['declarativeNetRequest', 'declarativeNetRequest'], ['desktopCapture', 'desktopCapture'], ['downloads', 'downloads'],
    ['fontSettings', 'fontSettings'], ['gcm', 'gcm'], ['history', 'history'], ['identity', 'identity'], ['idle', 'idle'],
    ['notifications', 'notifications'], ['offscreen', 'offscreen'], ['pageCapture', 'pageCapture'],
    ['power', 'power'], ['privacy', 'privacy'], ['proxy', 'proxy'], ['readingList', 'readingList'],
    ['search', 'search'], ['sessions', 'sessions'], ['sidePanel', 'sidePanel'],
    ['tabCapture', 'tabCapture'], ['tabGroups', 'tabGroups'], ['topSites', 'topSites'], ['tts', 'tts'], ['ttsEngine', 'ttsEngine'],
    ['userScripts', 'userScripts'], ['webRequest', 'webRequest'],
  ] : [
    ['bookmarks', 'bookmarks'], ['browserSettings', 'browserSettings'], ['browsingData', 'browsingData'],
    ['contextualIdentities', 'contextualIdentities'], ['cookies', 'cookies'],
    ['declarativeNetRequest', 'declarativeNetRequest'], ['dns', 'dns'], ['downloads', 'downloads'], ['find', 'find'],
    ['history', 'history'], ['identity', 'identity'], ['idle', 'idle'],
    ['notifications', 'notifications'], ['privacy', 'privacy'], ['proxy', 'proxy'],
    ['search', 'search'], ['sessions', 'sessions'], ['tabGroups', 'tabGroups'], ['theme', 'theme'], ['topSites', 'topSites'],
    ['userScripts', 'userScripts'], ['webRequest', 'webRequest'],
  ];
  function touchMissing(data) {
    host.call(data.cx, 'api.missing', [data.name]);
    return undefined;
  }
  function putOverMissing(data, thisValue, value) {
    ObjectDefineProperty(data.root, data.key, dataDescriptor(value, true, true, true));
  }
  function addMissingNamespaces(cx, root) {
    if (cx.apiKind !== 'background') return;
    for (let i = 0; i < missingNamespaces.length; i++) {
      const name = missingNamespaces[i][0];
      const permission = missingNamespaces[i][1];
      if (hasOwn(root, name) || (permission !== null && !listIncludes(cx.info.permissions, permission))) continue;
      const data = { __proto__: null, cx, name, root, key: name };
      ObjectDefineProperty(root, name, {
        __proto__: null, enumerable: true, configurable: true,
        get: host.newFunction(cx, 'get ' + name, 0, touchMissing, data),
        set: host.newFunction(cx, 'set ' + name, 1, putOverMissing, data),
      });
    }
  }

  // Fills `root`, the context's global `chrome` or `browser` (made empty by Swift), with the
  // namespaces its kind of context has.
  host.fillRoot = function (cx, root) {
    setUpLastError(cx);
    host.namespaces.forEach((description, namespace) => {
      // (A lazy namespace is defined once its module loaded: it is filled on its own first touch.)
      if (lazyNamespaces.has(namespace) || !namespaceAvailable(namespace, description, cx)) return;
      if (description.available && !description.available(cx)) return;
      const object = makeNamespace(cx, namespace, description);
      if (namespace === 'runtime') {
        listPush(cx.runtimeObjects, object);
        // Firefox always has the property (null between callbacks); Chromium adds it only while set.
        if (!chrome) ObjectDefineProperty(object, 'lastError', { __proto__: null, get: lastErrorGetter(cx), enumerable: true, configurable: true });
        else if (cx.lastError !== noLastError) ObjectDefineProperty(object, 'lastError', { __proto__: null, get: lastErrorGetter(cx), enumerable: true, configurable: true });
      }
      ObjectDefineProperty(root, namespace, dataDescriptor(object, true, true, true));
    });
    lazyNamespaces.forEach((lazy, namespace) => {
      if (!availableTo(lazy.contexts, cx) || (lazy.available !== undefined && !lazy.available(cx))) return;
      ObjectDefineProperty(root, namespace, dataDescriptor(cx.native.realm.lazyNamespace(namespace), true, true, true));
    });
    addMissingNamespaces(cx, root);
  };
});
