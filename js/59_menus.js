// exthost:realm host
// exthost:needs primordials api schema
// `contextMenus` (Chromium and Firefox) and Firefox's `menus` (its own name for the same API, with
// the "menus" permission): the arguments checked by each browser's schema, the items kept in Swift
// (Sources/Exthost/API/ContextMenusAPI.swift; recorded: fixtures/conformance/contextmenus-basics,
// menus-click-firefox, menus-mv2-firefox). `create` answers at once with the item's id and reports
// its errors later (through the callback's lastError, or as an unchecked one). An item's `onclick`
// (manifest version 2) stays in the context that gave it, which calls it when the item is chosen.
(function (host) {
  'use strict';
  const { Error, ReflectApply, ReflectOwnKeys, SafeMap, SafePromiseThen, enqueueMicrotask, hasOwn, listIncludes } = host.primordials;
  const chrome = host.flavor === 'chrome';
  // (Firefox's onClicked fires in the extension's process, ext-c-menus.js, through a wrapper that
  // drops what a listener returns: nothing follows its promise.)
  if (!chrome) {
    host.processLocalEvents.add('menus.onClicked');
    host.processLocalEvents.add('contextMenus.onClicked');
  }
  const request = (cx, method, args) => host.request(cx, method, args);
  // (Chromium's ContextType, as its error lists it; Firefox's in its schema's order, with
  // manifest version 3's "action" a choice of its own; version 2 has "browser_action" there.)
  const chromeContexts = ['action', 'all', 'audio', 'browser_action', 'editable', 'frame', 'image', 'launcher', 'link', 'page', 'page_action', 'selection', 'tab', 'video'];
  const firefoxContexts = ['all', 'page', 'frame', 'selection', 'link', 'editable', 'password', 'image', 'video', 'audio', 'launcher', 'bookmark', 'page_action', 'tab', 'tools_menu'];
  const firefoxContextTypes = ['all', 'page', 'frame', 'selection', 'link', 'editable', 'password', 'image', 'video', 'audio', 'launcher', 'bookmark', 'page_action', 'tab', 'tools_menu', 'action'];
  const itemTypes = ['normal', 'checkbox', 'radio', 'separator'];
  const upper = (list) => {
    const values = { __proto__: null };
    for (let i = 0; i < list.length; i++) values[host.primordials.StringPrototypeToUpperCase(list[i])] = list[i];
    return values;
  };
  // (Chromium's integers are 32-bit: a larger one matches no choice.)
  const integer = chrome ? { type: 'integer', minimum: -2147483648, maximum: 2147483647 } : { type: 'integer' };
  const id = { choices: [integer, { type: 'string' }] };
  // (One schema for every manifest version: Firefox's version 2 takes "browser_action" where 3
  // takes "action" (a version 2 context's arguments are mapped before the check) and refuses
  // `onclick` in version 3 (massageArguments).)
  function properties(namespace, forCreate) {
    const contextItem = chrome ? { type: 'string', enum: chromeContexts }
      : { choices: [{ type: 'string', enum: firefoxContexts }, { type: 'string', enum: ['action'] }] };
    const described = {
      type: { type: 'string', enum: itemTypes, optional: true },
      ...(forCreate ? { id: { type: 'string', optional: true } } : {}),
      // (Firefox's icons are not shown here: their object is checked and let go, never read later.)
      ...(chrome ? {} : { icons: { type: 'object', properties: {}, additionalProperties: true, optional: true } }),
      title: { type: 'string', optional: true },
      checked: { type: 'boolean', optional: true },
      contexts: { type: 'array', items: contextItem, minItems: 1, optional: true },
      ...(chrome ? {} : { viewTypes: { type: 'array', items: { type: 'string', enum: ['tab', 'popup', 'sidebar'] }, minItems: 1, optional: true } }),
      visible: { type: 'boolean', optional: true },
      onclick: { type: 'function', optional: true },
      parentId: { choices: [integer, { type: 'string' }], optional: true },
      documentUrlPatterns: { type: 'array', items: { type: 'string' }, optional: true },
      targetUrlPatterns: { type: 'array', items: { type: 'string' }, optional: true },
      enabled: { type: 'boolean', optional: true },
      ...(chrome ? {} : { command: { type: 'string', optional: true } }),
    };
    return {
      name: forCreate ? 'createProperties' : 'updateProperties', type: 'object',
      typeName: forCreate ? namespace + '.CreateProperties' : undefined, properties: described,
    };
  }
  // The properties handed to Swift: as checked, `onclick` replaced by whether there is one.
  function forSwift(props) {
    const result = { __proto__: null };
    const keys = ReflectOwnKeys(props);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (key === 'onclick') result.hasOnclick = props.onclick !== null && props.onclick !== undefined;
      else result[key] = props[key];
    }
    return result;
  }
  // The context's `onclick` functions by item id, called when the item is chosen (Swift sends
  // `contextMenus.onclick`, before onClicked in Chromium, after it in Firefox).
  const idKey = (value) => typeof value + ':' + value;
  function onclicks(cx) {
    if (cx.menuOnclicks === undefined) {
      cx.menuOnclicks = new SafeMap();
      host.addHostListener(cx, 'contextMenus.onclick', (info, tab) => {
        const fn = cx.menuOnclicks.get(idKey(info.menuItemId));
        if (fn !== undefined) ReflectApply(fn, undefined, [info, tab]);
      });
    }
    return cx.menuOnclicks;
  }
  function keepOnclick(cx, itemID, props) {
    if (!hasOwn(props, 'onclick')) return;
    if (typeof props.onclick === 'function') onclicks(cx).set(idKey(itemID), props.onclick);
    else if (cx.menuOnclicks !== undefined) cx.menuOnclicks.delete(idKey(itemID));
  }
  // What a call's answer does with its callback: called with lastError set to the error, or
  // (none given) the error reported as unchecked.
  function answer(cx, promise, callback) {
    SafePromiseThen(promise, () => { if (typeof callback === 'function') host.invokeCallback(cx, callback, []); },
      (error) => {
        if (typeof callback === 'function') host.invokeCallback(cx, callback, [], error);
        else host.withLastError(cx, error, () => {});
      });
  }
  const lazyError = 'menus.create requires an id for non-persistent background scripts.';

  // Firefox's version 2 arguments as its version 3 schema takes them: "browser_action" is "action".
  function versionTwoContexts(cx, props) {
    if (chrome || cx.info.manifestVersion >= 3 || props === null || typeof props !== 'object') return props;
    let contexts;
    try { contexts = props.contexts; } catch (e) { return props; }
    if (!host.primordials.ArrayIsArray(contexts) || !listIncludes(contexts, 'browser_action')) return props;
    const copy = { __proto__: null };
    const keys = host.primordials.ObjectKeys(props);
    for (let i = 0; i < keys.length; i++) copy[keys[i]] = props[keys[i]];
    const mapped = [];
    for (let i = 0; i < contexts.length; i++) host.primordials.listPush(mapped, contexts[i] === 'browser_action' ? 'action' : contexts[i]);
    copy.contexts = mapped;
    return copy;
  }
  // Firefox's version 3 has no `onclick`: its schema says so on the console, then refuses it; a
  // version 2 event page's is refused by its child code (child/ext-menus.js, unrecorded).
  function refuseOnclick(cx, namespace, fn, props, name) {
    if (chrome || props === null || typeof props !== 'object' || !hasOwn(props, 'onclick')) return;
    if (cx.info.manifestVersion < 3) {
      if (cx.info.lazyBackground === true) throw new Error('Property "onclick" cannot be used in menus.' + fn + ', replace with an "onClicked" event listener.');
      return;
    }
    cx.native.console.message('error', 'Error: Property "onclick" is unsupported in Manifest Version 3');
    throw new Error('Type error for parameter ' + name + ' (Unexpected property "onclick") for ' + namespace + '.' + fn + '.');
  }

  function describe(namespace) {
    return () => ({
      functions: {
        // (Synchronous: the id at once, the outcome later. Chromium's renderer numbers every
        // call, a given id or not; Firefox numbers only items without one.)
        create: {
          parameters: [properties(namespace, true), { name: 'callback', type: 'function', optional: true }],
          massageArguments(cx, args) {
            refuseOnclick(cx, namespace, 'create', args[0], 'createProperties');
            args[0] = versionTwoContexts(cx, args[0]);
            return host.checkArguments(namespace + '.create', args);
          },
          run(cx, args) {
            const props = args[0];
            const callback = args[1];
            let itemID = props.id;
            let generated;
            const nextID = () => host.call(cx, 'contextMenus.nextGeneratedID', []);
            if (chrome) {
              generated = nextID();
              if (itemID === undefined) itemID = generated;
            } else if (cx.info.lazyBackground === true) {
              if (itemID === undefined || itemID === '') {
                answer(cx, host.rejectedPromise(cx, host.newError(cx, lazyError)), callback);
                return itemID === undefined ? null : itemID;
              }
            } else if (itemID === undefined) {
              generated = nextID();
              itemID = generated;
            }
            // (Sent as the other calls of the API are, a microtask later, so that every call
            // reaches the browser in the order it was made: removeAll() then create() keeps the item.)
            const swiftProps = forSwift(props);
            const settle = host.newSafeSettlement();
            enqueueMicrotask(() => {
              const sent = request(cx, 'contextMenus.create', [swiftProps, generated === undefined ? null : generated]);
              SafePromiseThen(sent, (value) => { keepOnclick(cx, itemID, props); settle.resolve(value); }, settle.reject);
            });
            answer(cx, settle.promise, callback);
            return itemID;
          },
        },
        update: {
          async: true,
          parameters: [{ name: 'id', ...id }, properties(namespace, false)],
          massageArguments(cx, args) {
            refuseOnclick(cx, namespace, 'update', args[1], 'updateProperties');
            args[1] = versionTwoContexts(cx, args[1]);
            return host.checkArguments(namespace + '.update', args);
          },
          run(cx, args) {
            const sent = request(cx, 'contextMenus.update', [args[0], forSwift(args[1])]);
            SafePromiseThen(sent, () => keepOnclick(cx, args[0], args[1]), () => {});
            return sent;
          },
        },
        // (An item removed takes its `onclick` with it, in the context that removes it.)
        remove: {
          async: true,
          parameters: [{ name: 'menuItemId', ...id }],
          run(cx, args) {
            const sent = request(cx, 'contextMenus.remove', args);
            SafePromiseThen(sent, () => { if (cx.menuOnclicks !== undefined) cx.menuOnclicks.delete(idKey(args[0])); }, () => {});
            return sent;
          },
        },
        removeAll: {
          async: true, parameters: [],
          run(cx, args) {
            const sent = request(cx, 'contextMenus.removeAll', args);
            SafePromiseThen(sent, () => { if (cx.menuOnclicks !== undefined) cx.menuOnclicks.clear(); }, () => {});
            return sent;
          },
        },
        ...(chrome ? {} : {
          refresh: { async: true, parameters: [], run: (cx, args) => request(cx, 'contextMenus.refresh', args) },
          // (The element the context menu of the caller's document last opened on: js/63_dom.js.)
          getTargetElement: {
            parameters: [{ name: 'targetElementId', type: 'integer' }],
            run: (cx, args) => (host.menuTargetElement === undefined ? null : host.menuTargetElement(cx, args[0])),
          },
        }),
      },
      constants: { ACTION_MENU_TOP_LEVEL_LIMIT: 6 },
      enums: {
        ContextType: { values: upper(chrome ? chromeContexts : firefoxContextTypes) },
        // (Chromium's enums list their values sorted.)
        ItemType: { values: upper(chrome ? ['checkbox', 'normal', 'radio', 'separator'] : itemTypes) },
      },
      // (Firefox's PERSISTENT_EVENTS of ext-menus.js: all three wake its event page.)
      events: chrome ? ['onClicked'] : [{ name: 'onClicked', persistent: true }, { name: 'onShown', persistent: true }, { name: 'onHidden', persistent: true }],
      missing: chrome ? [] : [{ name: 'overrideContext' }],
      listedUndefined: chrome ? undefined : { background: ['OnClickData'] },
    });
  }
  // (Which contexts have which name, with which permission: js/90_namespaces.js.)
  host.defineNamespace('contextMenus', ['background'], describe('contextMenus'));
  if (!chrome) host.defineNamespace('menus', ['background'], describe('menus'));
});
