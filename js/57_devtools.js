// exthost:realm host
// exthost:needs api schema
// `chrome.devtools` of a devtools page (Sources/Exthost/DOM/ExtensionHost+DevTools.swift), as
// each browser shapes it (recorded: fixtures/conformance/devtools-page):
// - `inspectedWindow`: `tabId`, the inspected tab; `eval(expression, options, callback)`, run in
//   the inspected page's main world (Chromium: with `useContentScriptContext`, in the extension's
//   content script world; Firefox refuses that option), whose callback gets the value as JSON
//   carries it and, when it threw, `{isException, value}`; `reload()`. Chromium's members are not
//   enumerable (its object's own keys are none); Firefox's are, with its schema's type `Resource`
//   listed undefined.
// - `panels`: `create(title, iconPath, pagePath, callback)`, whose panel (its `onShown` and
//   `onHidden`: no person shows a panel here) the callback gets; `themeName` ('default' in
//   Chromium, 'light' in Firefox); `elements` (and Chromium's `sources`) with `onSelectionChanged`
//   and `createSidebarPane`; Firefox's `onThemeChanged` and its schema's types listed undefined.
// - `network`: `onNavigated`, fired as the inspected tab's top frame commits a navigation.
// What exthost lacks (it has no debugger, no profiler, no recorder, no network log): Chromium's
// `languageServices`, `performance` and `recorder`, `panels.network`, a panel's `show()`,
// `createStatusBarButton` and `onSearch`, `network.getHAR` and `onRequestFinished`, and
// `inspectedWindow.getResources`.
(function (host) {
  'use strict';
  const { ObjectDefineProperty, SafePromiseThen, dataDescriptor, getOwnData } = host.primordials;
  const chrome = host.flavor === 'chrome';

  // A member of an object of the devtools API: Chromium's are not enumerable, Firefox's are.
  const put = (object, key, value) => ObjectDefineProperty(object, key, dataDescriptor(value, true, !chrome, true));
  const listed = (object, keys) => {
    for (let i = 0; i < keys.length; i++) ObjectDefineProperty(object, keys[i], dataDescriptor(undefined, true, true, true));
  };
  // Calls `callback` (a function of the world) with `args` in a task of its own, as the browsers
  // answer a devtools call once DevTools' front end has.
  const later = (cx, callback, args) => {
    cx.loader.native.clock.timeout(0, () => host.invokeCallback(cx, callback, args));
  };
  const optionalCallback = (cx, value, member) => {
    if (value === undefined || value === null || typeof value === 'function') return value;
    throw host.newTypeError(cx, chrome ? 'Error in invocation of devtools.' + member + ': No matching signature.'
      : 'Type error for parameter callback (Expected function instead of ' + typeof value + ') for devtools.' + member + '.');
  };

  // ---- inspectedWindow ---------------------------------------------------------------------------
  function evaluate(cx, thisValue, ...args) {
    const expression = args[0];
    if (typeof expression !== 'string') {
      throw host.newTypeError(cx, chrome ? 'Error in invocation of devtools.inspectedWindow.eval: No matching signature.'
        : 'Type error for parameter expression (Expected string instead of ' + typeof expression + ') for devtools.inspectedWindow.eval.');
    }
    let options = args[1];
    let callback = args[2];
    if (typeof options === 'function' && callback === undefined) {
      callback = options;
      options = undefined;
    }
    callback = optionalCallback(cx, callback, 'inspectedWindow.eval');
    let inContentScript = false;
    if (options !== undefined && options !== null) {
      const wanted = options.useContentScriptContext;
      if (wanted !== undefined && !chrome) {
        throw host.newError(cx, 'Type error for parameter options (Property "useContentScriptContext" is unsupported by Firefox) for devtools.inspectedWindow.eval.');
      }
      inContentScript = !!wanted;
    }
    // (The answer is the world's data: the value, and what it threw.)
    const answered = host.request(cx, 'devtools.eval', [expression, inContentScript]);
    const parts = (answer) => [getOwnData(answer, 'result'), getOwnData(answer, 'exceptionInfo')];
    if (typeof callback === 'function') {
      SafePromiseThen(answered, (answer) => host.invokeCallback(cx, callback, parts(answer)), (error) => host.invokeCallback(cx, callback, [], error));
      return undefined;
    }
    // (Firefox's `browser` form answers with a promise of both.)
    if (chrome) return undefined;
    const settle = host.newPromise(cx);
    SafePromiseThen(answered, (answer) => settle.resolve(host.newArray(cx, parts(answer))), settle.reject);
    return settle.promise;
  }
  function makeInspectedWindow(cx) {
    const object = host.newObject(cx);
    const tabId = cx.info.inspectedTabId;
    if (chrome) put(object, 'tabId', tabId);
    else ObjectDefineProperty(object, 'tabId', dataDescriptor(tabId, false, true, true));
    put(object, 'eval', host.newFunction(cx, 'eval', 0, evaluate, cx));
    put(object, 'reload', host.newFunction(cx, 'reload', 0, (state) => {
      host.call(state, 'devtools.reload', []);
      return undefined;
    }, cx));
    if (!chrome) listed(object, ['Resource']);
    return object;
  }

  // ---- panels ------------------------------------------------------------------------------------
  // A panel, as `panels.create` gives it: its events (no person shows or hides it here).
  function makePanel(cx) {
    const panel = host.newObject(cx);
    ObjectDefineProperty(panel, 'onHidden', dataDescriptor(host.newEvent(cx, 'devtools.panel.onHidden'), true, true, true));
    ObjectDefineProperty(panel, 'onShown', dataDescriptor(host.newEvent(cx, 'devtools.panel.onShown'), true, true, true));
    return panel;
  }
  function create(cx, thisValue, ...args) {
    for (let i = 0; i < 3; i++) {
      if (typeof args[i] !== 'string') {
        const names = ['title', 'iconPath', 'pagePath'];
        throw host.newTypeError(cx, chrome ? 'Error in invocation of devtools.panels.create: No matching signature.'
          : 'Type error for parameter ' + names[i] + ' (Expected string instead of ' + typeof args[i] + ') for devtools.panels.create.');
      }
    }
    const callback = optionalCallback(cx, args[3], 'panels.create');
    const panel = makePanel(cx);
    if (typeof callback === 'function') {
      later(cx, callback, [panel]);
      return undefined;
    }
    if (chrome) return undefined;
    const settle = host.newPromise(cx);
    cx.loader.native.clock.timeout(0, () => settle.resolve(panel));
    return settle.promise;
  }
  // The Elements (and Sources) panel: the selection in it changes only as a person selects.
  function makeBuiltinPanel(cx, name) {
    const panel = host.newObject(cx);
    ObjectDefineProperty(panel, 'onSelectionChanged', dataDescriptor(host.newEvent(cx, 'devtools.panels.' + name + '.onSelectionChanged'), true, true, true));
    ObjectDefineProperty(panel, 'createSidebarPane', dataDescriptor(host.newFunction(cx, 'createSidebarPane', 0, (state, thisValue, ...args) => {
      if (typeof args[0] !== 'string') throw host.newTypeError(state, chrome ? 'Error in invocation of devtools.panels.createSidebarPane: No matching signature.'
        : 'Type error for parameter title (Expected string instead of ' + typeof args[0] + ') for devtools.panels.ElementsPanel.createSidebarPane.');
      const callback = optionalCallback(state, args[1], 'panels.createSidebarPane');
      const pane = host.newObject(state);
      ObjectDefineProperty(pane, 'onShown', dataDescriptor(host.newEvent(state, 'devtools.sidebar.onShown'), true, true, true));
      ObjectDefineProperty(pane, 'onHidden', dataDescriptor(host.newEvent(state, 'devtools.sidebar.onHidden'), true, true, true));
      if (typeof callback === 'function') later(state, callback, [pane]);
      return undefined;
    }, cx), true, true, true));
    return panel;
  }
  function makePanels(cx) {
    const object = host.newObject(cx);
    if (!chrome) listed(object, ['Button', 'ElementsPanel', 'ExtensionPanel', 'ExtensionSidebarPane', 'SourcesPanel']);
    put(object, 'create', host.newFunction(cx, 'create', 0, create, cx));
    ObjectDefineProperty(object, 'elements', dataDescriptor(makeBuiltinPanel(cx, 'elements'), true, true, true));
    if (!chrome) ObjectDefineProperty(object, 'onThemeChanged', dataDescriptor(host.event(cx, 'devtools.panels.onThemeChanged'), true, true, true));
    // (Firefox's Sources panel offers nothing.)
    ObjectDefineProperty(object, 'sources', dataDescriptor(chrome ? makeBuiltinPanel(cx, 'sources') : host.newObject(cx), true, true, true));
    ObjectDefineProperty(object, 'themeName', dataDescriptor(chrome ? 'default' : 'light', true, true, true));
    return object;
  }

  // ---- network -----------------------------------------------------------------------------------
  function makeNetwork(cx) {
    const object = host.newObject(cx);
    if (!chrome) listed(object, ['Request']);
    ObjectDefineProperty(object, 'onNavigated', dataDescriptor(host.event(cx, 'devtools.network.onNavigated'), true, true, true));
    return object;
  }

  const once = (key, make) => (cx) => {
    if (cx[key] === undefined) cx[key] = make(cx);
    return cx[key];
  };
  host.defineNamespace('devtools', ['devtools'], () => ({
    properties: {
      inspectedWindow: { get: once('devtoolsInspectedWindow', makeInspectedWindow) },
      network: { get: once('devtoolsNetwork', makeNetwork) },
      panels: { get: once('devtoolsPanels', makePanels) },
    },
  }));
});
