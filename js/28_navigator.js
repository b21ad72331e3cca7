// exthost:needs primordials host
// exthost:globals navigator:accessor
// exthost:globals Window: ~Navigator:constructor:0
// exthost:globals ServiceWorkerGlobalScope: ~WorkerNavigator:constructor:0
// exthost:globals chrome: ~NavigatorUAData:constructor:0
// exthost:globals Window: ~Clipboard:constructor:0 ~ClipboardItem:constructor:1 ~UserActivation:constructor:0
// `navigator`: the browser as scripts see it, with each browser's values on Linux
// (fixtures/conformance/web-navigator): Chromium 156's Navigator (its service worker's
// WorkerNavigator has fewer members) and NavigatorUAData, Firefox ESR 153's Navigator. The user
// agent is a person's browser's (not the headless one's), and `webdriver` is false: nothing drives
// the browser exthost is. The members that lead to other platforms (clipboard, geolocation,
// permissions, storage, serviceWorker, locks, ...) are not here.
(function (host) {
  'use strict';
  const {
    TypeError, ObjectCreate, ObjectFreeze, ObjectPrototype, ReflectDefineProperty, ReflectGetOwnPropertyDescriptor, ReflectOwnKeys, SafeWeakSet, SafeWeakMap,
    JSONParse, dataDescriptor, SymbolToStringTag, PromiseReject, listPush,
  } = host.primordials;
  const PromiseResolve = (value) => new host.primordials.Promise((resolve) => resolve(value));
  const FIREFOX = host.flavor === 'firefox';
  const WORKER = host.context.isServiceWorker === true;
  const interfaceName = WORKER ? 'WorkerNavigator' : 'Navigator';
  const hardware = JSONParse(host.native.engine.hardware());

  const userAgent = FIREFOX
    ? 'Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0'
    : 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';

  const navigators = new SafeWeakSet();
  const illegalInvocation = (member) =>
    new TypeError(FIREFOX ? "'" + member + "' called on an object that does not implement interface " + interfaceName + '.' : 'Illegal invocation');
  const illegalConstructor = (name) =>
    new TypeError(FIREFOX ? 'Illegal constructor.' : "Failed to construct '" + name + "': Illegal constructor");
  function check(object, member) {
    if (!navigators.has(object)) throw illegalInvocation(member);
  }

  // `languages` is one frozen array, the same each time (until the languages change, which they never do here).
  const languages = ObjectFreeze(['en-US', 'en']);
  // Chromium rounds the memory to a power of two between 0.25 and 8 GiB.
  function deviceMemory() {
    let value = 0.25;
    while (value < 8 && value * 2 <= hardware.memoryGiB) value *= 2;
    return value;
  }

  // ---- Each browser's members, in its order ------------------------------------------------------
  const members = { __proto__: null };
  const value = (name, result) => {
    members[name] = ReflectGetOwnPropertyDescriptor({
      get [name]() { check(this, 'get ' + name); return result(); },
    }, name);
  };
  value('appCodeName', () => 'Mozilla');
  value('appName', () => 'Netscape');
  value('appVersion', () => (FIREFOX ? '5.0 (X11)' : '5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36'));
  if (FIREFOX) value('buildID', () => '20181001000000');
  if (!WORKER) value('cookieEnabled', () => true);
  if (!FIREFOX) value('deviceMemory', deviceMemory);
  if (!WORKER) value('doNotTrack', () => (FIREFOX ? 'unspecified' : null));
  if (FIREFOX) value('globalPrivacyControl', () => false);
  value('hardwareConcurrency', () => hardware.processors);
  value('language', () => 'en-US');
  value('languages', () => languages);
  if (!WORKER) value('maxTouchPoints', () => 0);
  value('onLine', () => true);
  if (FIREFOX) value('oscpu', () => 'Linux x86_64');
  if (!WORKER) value('pdfViewerEnabled', () => true);
  value('platform', () => 'Linux x86_64');
  value('product', () => 'Gecko');
  if (!WORKER) value('productSub', () => (FIREFOX ? '20100101' : '20030107'));
  value('userAgent', () => userAgent);
  if (!WORKER) value('vendor', () => (FIREFOX ? '' : 'Google Inc.'));
  if (!WORKER) value('vendorSub', () => '');
  if (!WORKER) value('webdriver', () => false);
  if (!WORKER) {
    members.javaEnabled = ReflectGetOwnPropertyDescriptor({ javaEnabled() { check(this, 'javaEnabled'); return false; } }, 'javaEnabled');
  }
  if (FIREFOX) {
    members.taintEnabled = ReflectGetOwnPropertyDescriptor({ taintEnabled() { check(this, 'taintEnabled'); return false; } }, 'taintEnabled');
  }

  // ---- The async clipboard and user activation (a window's) --------------------------------------
  // No person interacts with a page here, so a page never has user activation and its document
  // never has the focus: the clipboard refuses every read and write, in each browser's words
  // (fixtures/conformance/clipboard-no-gesture), as the browsers refuse a script's.
  if (!WORKER) {
    let clipboard;
    let activation;
    value('clipboard', () => {
      if (clipboard === undefined) clipboard = makeClipboard();
      return clipboard;
    });
    value('userActivation', () => {
      if (activation === undefined) activation = makeUserActivation();
      return activation;
    });
  }
  const invalidThis = (owner, member) =>
    new TypeError(FIREFOX ? "'" + member + "' called on an object that does not implement interface " + owner + '.' : 'Illegal invocation');
  // The Clipboard interface (an EventTarget), made once, on first need.
  const clipboards = new SafeWeakSet();
  let clipboardInterface = false;
  function Clipboard() { throw illegalConstructor('Clipboard'); }
  function defineClipboard() {
    if (clipboardInterface) return;
    clipboardInterface = true;
    host.load('events');
    const operation = (member, reading) => function (...args) {
      if (!clipboards.has(this)) return PromiseReject(invalidThis('Clipboard', member));
      if (!reading && args.length < 1) return PromiseReject(host.webIDLErrors.countError('Clipboard', member, 1, 0));
      host.load('dom_exception');
      return PromiseReject(host.newDOMException(FIREFOX
        ? (reading ? 'Clipboard read request was blocked due to lack of user activation.' : 'Clipboard write was blocked due to lack of user activation.')
        : "Failed to execute '" + member + "' on 'Clipboard': Document is not focused.", 'NotAllowedError'));
    };
    host.defineInterface(Clipboard, 'Clipboard', 0, {
      readText: operation('readText', true),
      writeText: operation('writeText', false),
      read: operation('read', true),
      write: operation('write', false),
    }, { __proto__: null, parentPrototype: host.lazyGlobals.EventTarget.prototype, parentConstructor: host.lazyGlobals.EventTarget });
  }
  function makeClipboard() {
    defineClipboard();
    const made = ObjectCreate(Clipboard.prototype);
    host.makeEventTarget(made);
    clipboards.add(made);
    return made;
  }
  // UserActivation: never active, never was (no person).
  const activations = new SafeWeakSet();
  let activationInterface = false;
  function UserActivation() { throw illegalConstructor('UserActivation'); }
  function defineUserActivation() {
    if (activationInterface) return;
    activationInterface = true;
    host.defineInterface(UserActivation, 'UserActivation', 0, {
      get hasBeenActive() {
        if (!activations.has(this)) throw invalidThis('UserActivation', 'get hasBeenActive');
        return false;
      },
      get isActive() {
        if (!activations.has(this)) throw invalidThis('UserActivation', 'get isActive');
        return false;
      },
    });
  }
  function makeUserActivation() {
    defineUserActivation();
    const made = ObjectCreate(UserActivation.prototype);
    activations.add(made);
    return made;
  }
  // ClipboardItem: the data of one clipboard item, by type (promises or values).
  const clipboardItems = new SafeWeakMap();
  function ClipboardItem(...args) {
    if (new.target === undefined) throw host.webIDLErrors.newRequired('ClipboardItem');
    if (args.length < 1) throw host.webIDLErrors.countError('ClipboardItem', 'constructor', 1, 0);
    const items = args[0];
    if (items === null || typeof items !== 'object') {
      throw new TypeError(FIREFOX ? "ClipboardItem constructor: Argument 1 can't be converted to a record."
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
    clipboardItems.set(this, { __proto__: null, data, types: ObjectFreeze(types) });
  }
  let clipboardItemInterface = false;
  function defineClipboardItem() {
    if (clipboardItemInterface) return;
    clipboardItemInterface = true;
    host.defineInterface(ClipboardItem, 'ClipboardItem', 1, {
      get types() {
        const state = clipboardItems.get(this);
        if (state === undefined) throw invalidThis('ClipboardItem', 'get types');
        return state.types;
      },
      get presentationStyle() {
        if (!clipboardItems.has(this)) throw invalidThis('ClipboardItem', 'get presentationStyle');
        return 'unspecified';
      },
      getType(type) {
        const state = clipboardItems.get(this);
        if (state === undefined) return PromiseReject(invalidThis('ClipboardItem', 'getType'));
        const key = `${type}`;
        if (!(key in state.data)) {
          host.load('dom_exception');
          return PromiseReject(host.newDOMException(FIREFOX ? "The type '" + key + "' was not found" : "Failed to execute 'getType' on 'ClipboardItem': The type was not found", 'NotFoundError'));
        }
        return PromiseResolve(state.data[key]);
      },
    }, { __proto__: null, statics: { supports(type) { const text = `${type}`; return text === 'text/plain' || text === 'text/html' || text === 'image/png'; } } });
  }
  host.globalFillers.Clipboard = defineClipboard;
  host.globalFillers.UserActivation = defineUserActivation;
  host.globalFillers.ClipboardItem = defineClipboardItem;

  // ---- NavigatorUAData (Chromium) ------------------------------------------------------------------
  let userAgentData;
  if (!FIREFOX) {
    const uaData = new SafeWeakSet();
    const brands = () => [{ brand: 'Not:A-Brand', version: '8' }, { brand: 'Chromium', version: '156' }];
    const checkData = (object) => {
      if (!uaData.has(object)) throw new TypeError('Illegal invocation');
    };
    function NavigatorUAData() { throw illegalConstructor('NavigatorUAData'); }
    const dataPrototype = ObjectCreate(ObjectPrototype);
    // (`brands` is one frozen list of frozen brands; `toJSON` gives new plain copies.)
    const brandList = ObjectFreeze([ObjectFreeze(brands()[0]), ObjectFreeze(brands()[1])]);
    host.defineMembers(dataPrototype, {
      get brands() { checkData(this); return brandList; },
      get mobile() { checkData(this); return false; },
      get platform() { checkData(this); return 'Linux'; },
      toJSON() { checkData(this); return { brands: brands(), mobile: false, platform: 'Linux' }; },
      // The low-entropy values and the hints asked for that the browser knows, members in
      // alphabetical order, in a promise (fixtures/conformance/web-ua-high-entropy: Chromium 156
      // on x86-64 Linux).
      getHighEntropyValues(hints) {
        try {
          checkData(this);
          if (arguments.length < 1) throw host.webIDLErrors.countError('NavigatorUAData', 'getHighEntropyValues', 1, 0);
          const asked = stringSequence(hints);
          const values = { __proto__: null };
          for (let i = 0; i < asked.length; i++) if (highEntropy[asked[i]] !== undefined) values[asked[i]] = true;
          const answer = {};
          const set = (name, value) => ReflectDefineProperty(answer, name, dataDescriptor(value, true, true, true));
          const names = ['architecture', 'bitness', 'brands', 'formFactors', 'fullVersionList', 'mobile', 'model', 'platform',
            'platformVersion', 'uaFullVersion', 'wow64'];
          for (let i = 0; i < names.length; i++) {
            const name = names[i];
            if (name === 'brands') set(name, brands());
            else if (name === 'mobile') set(name, false);
            else if (name === 'platform') set(name, 'Linux');
            else if (values[name]) set(name, highEntropy[name]());
          }
          return PromiseResolve(answer);
        } catch (error) {
          return PromiseReject(error);
        }
      },
    });
    // The hints Chromium answers, by name.
    const fullVersion = '156.0.8078.114';
    const highEntropy = {
      __proto__: null,
      architecture: () => 'x86',
      bitness: () => '64',
      formFactors: () => ['Desktop'],
      fullVersionList: () => [{ brand: 'Not:A-Brand', version: '8.0.0.0' }, { brand: 'Chromium', version: fullVersion }],
      model: () => '',
      platformVersion: () => '',
      uaFullVersion: () => fullVersion,
      wow64: () => false,
    };
    // A sequence<DOMString> argument (an object with an iterator; a string is not one).
    const stringSequence = (value) => host.webIDLSequence(value,
      () => new TypeError(host.webIDLErrors.failed('NavigatorUAData', 'getHighEntropyValues', 'The provided value cannot be converted to a sequence.')),
      (element) => `${element}`);
    ReflectDefineProperty(dataPrototype, SymbolToStringTag, dataDescriptor('NavigatorUAData', false, false, true));
    ReflectDefineProperty(NavigatorUAData, 'prototype', dataDescriptor(dataPrototype, false, false, false));
    host.adoptConstructor('NavigatorUAData', NavigatorUAData);
    userAgentData = ObjectCreate(dataPrototype);
    uaData.add(userAgentData);
    value('userAgentData', () => userAgentData);
  }

  // ---- The interface and the global -------------------------------------------------------------
  function Navigator() { throw illegalConstructor(interfaceName); }
  const prototype = ObjectCreate(ObjectPrototype);
  const keys = ReflectOwnKeys(members);
  for (let i = 0; i < keys.length; i++) {
    ReflectDefineProperty(prototype, keys[i], { __proto__: null, ...members[keys[i]], enumerable: true, configurable: true });
  }
  ReflectDefineProperty(prototype, SymbolToStringTag, dataDescriptor(interfaceName, false, false, true));
  ReflectDefineProperty(Navigator, 'prototype', dataDescriptor(prototype, false, false, false));
  host.adoptConstructor(interfaceName, Navigator);
  const navigator = ObjectCreate(prototype);
  navigators.add(navigator);
  const navigatorGetter = ReflectGetOwnPropertyDescriptor({ __proto__: null, get navigator() { return navigator; } }, 'navigator').get;
  host.defineGlobal('navigator', { __proto__: null, get: navigatorGetter, enumerable: true, configurable: true });
});
