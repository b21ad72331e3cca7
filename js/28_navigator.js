// exthost:needs primordials host
// exthost:globals navigator:accessor
// exthost:globals Window: ~Navigator:constructor:0
// exthost:globals ServiceWorkerGlobalScope: ~WorkerNavigator:constructor:0
// exthost:globals chrome: ~NavigatorUAData:constructor:0
// `navigator`: the browser as scripts see it, with each browser's values on Linux
// (fixtures/conformance/web-navigator): Chromium 156's Navigator (its service worker's
// WorkerNavigator has fewer members) and NavigatorUAData, Firefox ESR 153's Navigator. The user
// agent is a person's browser's (not the headless one's), and `webdriver` is false: nothing drives
// the browser exthost is. The members that lead to other platforms (clipboard, geolocation,
// permissions, storage, serviceWorker, locks, ...) are not here.
(function (host) {
  'use strict';
  const {
    TypeError, ObjectCreate, ObjectFreeze, ObjectPrototype, ReflectDefineProperty, ReflectGetOwnPropertyDescriptor, ReflectOwnKeys, SafeWeakSet,
    JSONParse, dataDescriptor, SymbolToStringTag, PromiseReject,
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
