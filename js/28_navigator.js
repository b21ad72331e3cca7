// exthost:realm host
// exthost:needs primordials api events
// exthost:globals navigator:accessor
// exthost:globals Window: ~Navigator:constructor:0
// exthost:globals ServiceWorkerGlobalScope: ~WorkerNavigator:constructor:0
// exthost:globals chrome: ~NavigatorUAData:constructor:0
// exthost:globals Window: ~Clipboard:constructor:0 ~ClipboardItem:constructor:1 ~UserActivation:constructor:0
// `navigator`: the browser as scripts see it, with each browser's values on Linux
// (fixtures/conformance/web-navigator): Chromium 156's Navigator (its service worker's
// WorkerNavigator has fewer members) and NavigatorUAData, Firefox ESR 153's Navigator. The user
// agent is a person's browser's (not the headless one's), and `webdriver` is false: nothing drives
// the browser exthost is. The members that lead to other platforms (geolocation, permissions,
// storage, serviceWorker, locks, ...) are not here.
//
// Runs in the host's realm, for a world on the first touch of `navigator` or one of these
// interfaces (`host.installNavigator`), each interface made on first need
// (`host.makeNavigatorInterface`), its members one implementation for every world (js/31_events.js's way).
(function (host) {
  'use strict';
  const {
    String, ReflectApply, ReflectOwnKeys, SafeWeakMap, SafeWeakSet, JSONParse, JSONStringify, listPush,
  } = host.primordials;
  const FIREFOX = host.flavor === 'firefox';
  const { countError, failed } = host.webIDLErrors;
  const isObject = (value) => value !== null && (typeof value === 'object' || typeof value === 'function');
  const freeze = (cx, value) => ReflectApply(cx.b.ObjectFreeze, undefined, [value]);
  const resolved = (cx, value) => {
    const settle = host.newPromise(cx);
    settle.resolve(value);
    return settle.promise;
  };
  const invalidThis = (cx, owner, member) =>
    host.newTypeError(cx, FIREFOX ? "'" + member + "' called on an object that does not implement interface " + owner + '.' : 'Illegal invocation');

  const userAgent = FIREFOX
    ? 'Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0'
    : 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';
  // The machine's processors and memory (asked once).
  let hardware;
  const hardwareOf = (cx) => {
    if (hardware === undefined) hardware = JSONParse(cx.loader.native.engine.hardware());
    return hardware;
  };
  // Chromium rounds the memory to a power of two between 0.25 and 8 GiB.
  function deviceMemory(cx) {
    let value = 0.25;
    while (value < 8 && value * 2 <= hardwareOf(cx).memoryGiB) value *= 2;
    return value;
  }

  // ---- Each browser's members, in its order ------------------------------------------------------
  // The navigators (of any world), and each world's record: { interfaces, navigator, languages,
  // clipboard, activation, userAgentData }.
  const navigators = new SafeWeakSet();
  const worldOf = (cx) => cx.navigatorWorld;
  const interfaceNameOf = (cx) => (cx.info.isServiceWorker ? 'WorkerNavigator' : 'Navigator');
  // [name, read(cx), in a worker too].
  const values = [
    ['appCodeName', () => 'Mozilla', true],
    ['appName', () => 'Netscape', true],
    ['appVersion', () => (FIREFOX ? '5.0 (X11)' : '5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36'), true],
  ];
  if (FIREFOX) listPush(values, ['buildID', () => '20181001000000', true]);
  listPush(values, ['cookieEnabled', () => true, false]);
  if (!FIREFOX) listPush(values, ['deviceMemory', deviceMemory, true]);
  listPush(values, ['doNotTrack', () => (FIREFOX ? 'unspecified' : null), false]);
  if (FIREFOX) listPush(values, ['globalPrivacyControl', () => false, true]);
  listPush(values, ['hardwareConcurrency', (cx) => hardwareOf(cx).processors, true]);
  listPush(values, ['language', () => 'en-US', true]);
  // (`languages` is one frozen array, the same each time, until the languages change, which they never do here.)
  listPush(values, ['languages', (cx) => worldOf(cx).languages, true]);
  listPush(values, ['maxTouchPoints', () => 0, false]);
  listPush(values, ['onLine', () => true, true]);
  if (FIREFOX) listPush(values, ['oscpu', () => 'Linux x86_64', true]);
  listPush(values, ['pdfViewerEnabled', () => true, false]);
  listPush(values, ['platform', () => 'Linux x86_64', true]);
  listPush(values, ['product', () => 'Gecko', true]);
  listPush(values, ['productSub', () => (FIREFOX ? '20100101' : '20030107'), false]);
  listPush(values, ['userAgent', () => userAgent, true]);
  listPush(values, ['vendor', () => (FIREFOX ? '' : 'Google Inc.'), false]);
  listPush(values, ['vendorSub', () => '', false]);
  listPush(values, ['webdriver', () => false, false]);
  const navigatorMembers = (worker) => {
    const list = [];
    const getter = (name, read) => (cx, thisValue) => {
      if (!isObject(thisValue) || !navigators.has(thisValue)) throw invalidThis(cx, interfaceNameOf(cx), 'get ' + name);
      return read(cx);
    };
    for (let i = 0; i < values.length; i++) if (!worker || values[i][2]) listPush(list, ['get', values[i][0], getter(values[i][0], values[i][1])]);
    const check = (cx, thisValue, member) => {
      if (!isObject(thisValue) || !navigators.has(thisValue)) throw invalidThis(cx, interfaceNameOf(cx), member);
    };
    if (!worker) listPush(list, ['method', 'javaEnabled', 0, (cx, thisValue) => { check(cx, thisValue, 'javaEnabled'); return false; }]);
    if (FIREFOX) listPush(list, ['method', 'taintEnabled', 0, (cx, thisValue) => { check(cx, thisValue, 'taintEnabled'); return false; }]);
    // The async clipboard and user activation (a window's).
    if (!worker) {
      listPush(list, ['get', 'clipboard', getter('clipboard', (cx) => {
        const world = worldOf(cx);
        if (world.clipboard === undefined) {
          world.clipboard = host.newObjectFrom(cx, interfaceOf(cx, 'Clipboard').prototype);
          cx.loader.makeEventTarget(world.clipboard);
          clipboards.add(world.clipboard);
        }
        return world.clipboard;
      })]);
      listPush(list, ['get', 'userActivation', getter('userActivation', (cx) => {
        const world = worldOf(cx);
        if (world.activation === undefined) {
          world.activation = host.newObjectFrom(cx, interfaceOf(cx, 'UserActivation').prototype);
          activations.add(world.activation);
        }
        return world.activation;
      })]);
    }
    if (!FIREFOX) {
      listPush(list, ['get', 'userAgentData', getter('userAgentData', (cx) => {
        const world = worldOf(cx);
        if (world.userAgentData === undefined) {
          world.userAgentData = host.newObjectFrom(cx, interfaceOf(cx, 'NavigatorUAData').prototype);
          uaData.add(world.userAgentData);
        }
        return world.userAgentData;
      })]);
    }
    return list;
  };

  // ---- The async clipboard and user activation --------------------------------------------------
  // A person's input (the driver's clicks and typing, js/63_dom.js) gives a window user activation
  // and, in Chromium, the system focus (Swift: ExtensionHost+UserActivation.swift). Each browser's
  // clipboard asks for them, in its own words (recorded: clipboard-no-gesture, user-activation):
  // Chromium reads and writes only in a focused document, writes only with transient activation,
  // and never reads (the permission it asks for is not granted under automation); Firefox reads
  // and writes with transient activation, and reads without asking only what a page of the
  // reader's origin wrote (else it asks the person with a Paste menu, which no one answers here:
  // the promise stays pending). What a write puts there is the run's clipboard's (Swift's).
  const clipboards = new SafeWeakSet();
  // The window's activation now: [isActive, hasBeenActive] (an array of the world, read by index).
  const activationOf = (cx) => host.call(cx, 'page.userActivation', []);
  function clipboardRefusal(cx, member, reading) {
    if (FIREFOX) {
      if (activationOf(cx)[0]) return null;
      return reading ? 'Clipboard read request was blocked due to lack of user activation.' : 'Clipboard write was blocked due to lack of user activation.';
    }
    const prefix = "Failed to execute '" + member + "' on 'Clipboard': ";
    if (host.call(cx, 'page.hasFocus', []) !== true) return prefix + 'Document is not focused.';
    if (reading) return prefix + 'Read permission denied.';
    return activationOf(cx)[0] ? null : prefix + 'Write permission denied.';
  }
  // The text of a clipboard item's representation: a string, or a Blob's bytes as UTF-8.
  function representationText(cx, value) {
    if (typeof value === 'string') return value;
    const blob = host.blobStateOf === undefined ? undefined : host.blobStateOf(value);
    return blob === undefined ? String(value) : cx.loader.native.encoding.decode('utf-8', '', blob.bytes, true, false)[0];
  }
  // Writes `items` (ClipboardItems' states) once the promises they hold settle, then settles `settle`.
  function writeItems(cx, items, settle) {
    const slots = [];
    let pending = 1;
    let failedWith;
    const done = () => {
      pending--;
      if (pending > 0 || failedWith !== undefined) return;
      host.call(cx, 'clipboard.write', [slots]);
      settle.resolve(undefined);
    };
    for (let i = 0; i < items.length; i++) {
      const state = items[i];
      for (let j = 0; j < state.typeList.length; j++) {
        const type = state.typeList[j];
        const slot = [type, ''];
        listPush(slots, slot);
        // (Each value as a promise of the world resolves it: a Blob, a string or a promise of one.)
        const value = resolved(cx, state.data[type]);
        pending++;
        ReflectApply(cx.u.PromisePrototypeThen, value, [
          host.newFunction(cx, '', 1, (data, thisValue, result) => {
            slot[1] = representationText(cx, result);
            done();
          }, undefined),
          host.newFunction(cx, '', 1, (data, thisValue, reason) => {
            if (failedWith !== undefined) return;
            failedWith = reason;
            settle.reject(reason);
          }, undefined),
        ]);
      }
    }
    done();
  }
  // A ClipboardItem of the world holding `text` as a `text/plain` Blob (what Firefox's `read()`
  // gives), made by the blob module itself (no script's code runs).
  function textItem(cx, text) {
    cx.loader.load('blob');
    const blob = host.newBlob(cx, cx.loader.native.bytes.utf8(text), 'text/plain');
    const item = host.newObjectFrom(cx, interfaceOf(cx, 'ClipboardItem').prototype);
    const data = { __proto__: null, 'text/plain': blob };
    clipboardItems.set(item, { __proto__: null, data, typeList: ['text/plain'], types: freeze(cx, host.newArray(cx, ['text/plain'])) });
    return item;
  }
  const clipboardOperation = (member, reading) => ['method', member, reading ? 0 : 1, (cx, thisValue, ...args) => {
    if (!isObject(thisValue) || !clipboards.has(thisValue)) return host.rejectedPromise(cx, invalidThis(cx, 'Clipboard', member));
    if (!reading && args.length < 1) return host.rejectedPromise(cx, countError(cx, 'Clipboard', member, 1, 0));
    // (The arguments are converted before the clipboard is asked; what that throws rejects.)
    let items;
    let text;
    try {
      if (member === 'write') {
        items = host.webIDLSequence(args[0], () => host.newTypeError(cx, FIREFOX ? "Clipboard.write: Argument 1 can't be converted to a sequence."
          : "Failed to execute 'write' on 'Clipboard': The provided value cannot be converted to a sequence."), (item) => {
          const state = isObject(item) ? clipboardItems.get(item) : undefined;
          if (state === undefined) {
            throw host.newTypeError(cx, FIREFOX ? "Clipboard.write: Element of argument 1 is not an object."
              : "Failed to execute 'write' on 'Clipboard': Failed to convert value to 'ClipboardItem'.");
          }
          return state;
        });
      } else if (member === 'writeText') {
        text = String(args[0]);
      }
    } catch (error) {
      return host.rejectedPromise(cx, host.contextError(cx, error));
    }
    const refusal = clipboardRefusal(cx, member, reading);
    if (refusal !== null) return host.rejectedPromise(cx, host.newDOMException(cx, refusal, 'NotAllowedError'));
    const settle = host.newPromise(cx);
    if (member === 'writeText') {
      host.call(cx, 'clipboard.write', [[['text/plain', text]]]);
      settle.resolve(undefined);
    } else if (member === 'write') {
      writeItems(cx, items, settle);
    } else {
      // (Firefox: what a page of the reader's origin wrote; anything else waits for the person.)
      const answer = host.call(cx, 'clipboard.readText', []);
      if (answer !== null && answer[1]) settle.resolve(member === 'readText' ? answer[0] : host.newArray(cx, [textItem(cx, answer[0])]));
    }
    return settle.promise;
  }];
  // UserActivation: the window's, now.
  const activations = new SafeWeakSet();
  const activationGetter = (name) => (cx, thisValue) => {
    if (!isObject(thisValue) || !activations.has(thisValue)) throw invalidThis(cx, 'UserActivation', 'get ' + name);
    return activationOf(cx)[name === 'isActive' ? 0 : 1];
  };
  // ClipboardItem: the data of one clipboard item, by type (promises or values).
  const clipboardItems = new SafeWeakMap();
  const constructClipboardItem = (cx, thisValue, newTarget, ...args) => {
    if (args.length < 1) throw countError(cx, 'ClipboardItem', 'constructor', 1, 0);
    const items = args[0];
    if (items === null || typeof items !== 'object') {
      throw host.newTypeError(cx, FIREFOX ? "ClipboardItem constructor: Argument 1 can't be converted to a record."
        : "Failed to construct 'ClipboardItem': The provided value is not of type 'record<DOMString, (Blob or DOMString or Promise<(Blob or DOMString)>)>'.");
    }
    const keys = ReflectOwnKeys(items);
    const data = { __proto__: null };
    const types = [];
    for (let i = 0; i < keys.length; i++) {
      if (typeof keys[i] !== 'string') continue;
      data[keys[i]] = items[keys[i]];
      listPush(types, keys[i]);
    }
    const item = host.newInstance(cx, newTarget, interfaceOf(cx, 'ClipboardItem').prototype);
    clipboardItems.set(item, { __proto__: null, data, typeList: types, types: freeze(cx, host.newArray(cx, types)) });
    return item;
  };
  const itemOf = (cx, thisValue, member) => {
    const state = isObject(thisValue) ? clipboardItems.get(thisValue) : undefined;
    if (state === undefined) throw invalidThis(cx, 'ClipboardItem', member);
    return state;
  };

  // ---- NavigatorUAData (Chromium) ------------------------------------------------------------------
  const uaData = new SafeWeakSet();
  const brandsText = JSONStringify([{ brand: 'Not:A-Brand', version: '8' }, { brand: 'Chromium', version: '156' }]);
  const checkData = (cx, object) => {
    if (!isObject(object) || !uaData.has(object)) throw host.newTypeError(cx, 'Illegal invocation');
  };
  // The hints Chromium answers, by name (fixtures/conformance/web-ua-high-entropy: Chromium 156 on x86-64 Linux).
  const fullVersion = '156.0.8078.114';
  const highEntropy = {
    __proto__: null,
    architecture: () => 'x86',
    bitness: () => '64',
    formFactors: (cx) => host.newArray(cx, ['Desktop']),
    fullVersionList: (cx) => host.parseJSON(cx, JSONStringify([{ brand: 'Not:A-Brand', version: '8.0.0.0' }, { brand: 'Chromium', version: fullVersion }])),
    model: () => '',
    platformVersion: () => '',
    uaFullVersion: () => fullVersion,
    wow64: () => false,
  };
  const uaDataMembers = [
    // (`brands` is one frozen list of frozen brands; `toJSON` gives new plain copies.)
    ['get', 'brands', (cx, thisValue) => {
      checkData(cx, thisValue);
      const world = worldOf(cx);
      if (world.brands === undefined) {
        const list = host.parseJSON(cx, brandsText);
        freeze(cx, list[0]);
        freeze(cx, list[1]);
        world.brands = freeze(cx, list);
      }
      return world.brands;
    }],
    ['get', 'mobile', (cx, thisValue) => { checkData(cx, thisValue); return false; }],
    ['get', 'platform', (cx, thisValue) => { checkData(cx, thisValue); return 'Linux'; }],
    ['method', 'toJSON', 0, (cx, thisValue) => {
      checkData(cx, thisValue);
      return host.parseJSON(cx, '{"brands":' + brandsText + ',"mobile":false,"platform":"Linux"}');
    }],
    // The low-entropy values and the hints asked for that the browser knows, members in
    // alphabetical order, in a promise.
    ['method', 'getHighEntropyValues', 1, (cx, thisValue, ...args) => {
      try {
        checkData(cx, thisValue);
        if (args.length < 1) throw countError(cx, 'NavigatorUAData', 'getHighEntropyValues', 1, 0);
        const asked = host.webIDLSequence(args[0],
          () => host.newTypeError(cx, failed('NavigatorUAData', 'getHighEntropyValues', 'The provided value cannot be converted to a sequence.')),
          (element) => `${element}`);
        const wanted = { __proto__: null };
        for (let i = 0; i < asked.length; i++) if (highEntropy[asked[i]] !== undefined) wanted[asked[i]] = true;
        const answer = host.newObject(cx);
        const names = ['architecture', 'bitness', 'brands', 'formFactors', 'fullVersionList', 'mobile', 'model', 'platform',
          'platformVersion', 'uaFullVersion', 'wow64'];
        for (let i = 0; i < names.length; i++) {
          const name = names[i];
          if (name === 'brands') host.defineValue(answer, name, host.parseJSON(cx, brandsText), true, true, true);
          else if (name === 'mobile') host.defineValue(answer, name, false, true, true, true);
          else if (name === 'platform') host.defineValue(answer, name, 'Linux', true, true, true);
          else if (wanted[name]) host.defineValue(answer, name, highEntropy[name](cx), true, true, true);
        }
        return resolved(cx, answer);
      } catch (error) {
        return host.rejectedPromise(cx, host.contextError(cx, error));
      }
    }],
  ];

  // ---- The interfaces ------------------------------------------------------------------------------
  const interfaces = {
    __proto__: null,
    Navigator: { members: () => navigatorMembers(false) },
    WorkerNavigator: { members: () => navigatorMembers(true) },
    NavigatorUAData: { members: () => uaDataMembers },
    Clipboard: {
      parent: 'EventTarget',
      members: () => [clipboardOperation('readText', true), clipboardOperation('writeText', false), clipboardOperation('read', true), clipboardOperation('write', false)],
    },
    UserActivation: { members: () => [['get', 'hasBeenActive', activationGetter('hasBeenActive')], ['get', 'isActive', activationGetter('isActive')]] },
    ClipboardItem: {
      construct: constructClipboardItem,
      members: () => [
        ['get', 'types', (cx, thisValue) => itemOf(cx, thisValue, 'get types').types],
        ['get', 'presentationStyle', (cx, thisValue) => { itemOf(cx, thisValue, 'get presentationStyle'); return 'unspecified'; }],
        ['method', 'getType', 1, (cx, thisValue, type) => {
          const state = isObject(thisValue) ? clipboardItems.get(thisValue) : undefined;
          if (state === undefined) return host.rejectedPromise(cx, invalidThis(cx, 'ClipboardItem', 'getType'));
          const key = `${type}`;
          if (!(key in state.data)) {
            return host.rejectedPromise(cx, host.newDOMException(cx, FIREFOX ? "The type '" + key + "' was not found"
              : "Failed to execute 'getType' on 'ClipboardItem': The type was not found", 'NotFoundError'));
          }
          return resolved(cx, state.data[key]);
        }],
      ],
      statics: [['method', 'supports', 1, (cx, thisValue, type) => {
        const text = `${type}`;
        return text === 'text/plain' || text === 'text/html' || text === 'image/png';
      }]],
    },
  };
  // Each interface's members, made once for every world.
  const memberLists = { __proto__: null };
  // The interface `name` of the world of `cx` ({prototype, publicConstructor}), made now if it was not.
  function interfaceOf(cx, name) {
    const world = worldOf(cx);
    if (world.interfaces[name] !== undefined) return world.interfaces[name];
    const description = interfaces[name];
    let parent = null;
    if (description.parent !== undefined) {
      cx.loader.load('events');
      parent = host.eventInternals.interfaceOf(cx, 'EventTarget');
    }
    if (memberLists[name] === undefined) memberLists[name] = description.members();
    world.interfaces[name] = host.makeWorldInterface(cx, name, { __proto__: null, construct: description.construct, members: memberLists[name], statics: description.statics }, parent);
    return world.interfaces[name];
  }
  host.makeNavigatorInterface = function (cx, name) {
    if (interfaces[name] !== undefined) interfaceOf(cx, name);
  };

  // Installs the module for the world of `cx`: its navigator, the `navigator` accessor.
  host.installNavigator = function (cx) {
    if (cx.navigatorWorld !== undefined) return;
    const world = { __proto__: null, interfaces: { __proto__: null }, navigator: undefined, languages: undefined };
    cx.navigatorWorld = world;
    world.languages = freeze(cx, host.newArray(cx, ['en-US', 'en']));
    world.navigator = host.newObjectFrom(cx, interfaceOf(cx, interfaceNameOf(cx)).prototype);
    navigators.add(world.navigator);
    const getter = host.newFunction(cx, 'get navigator', 0, (data) => worldOf(data).navigator, cx);
    cx.loader.defineGlobal('navigator', { __proto__: null, get: getter, enumerable: true, configurable: true });
  };
});
