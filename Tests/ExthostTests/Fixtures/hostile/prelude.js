// Shared by the background and the content script of the hostile-builtins test extension
// (Tests/ExthostTests/HostileBuiltinsTests.swift): takes, before the test's override runs, every
// built-in the test's own code needs, so that after the override only the host can meet it.
// `T.replaceMethod` and `T.hostileAccessor` install the overrides: a replaced method records
// every call (nothing but the host can call it) and throws; a getter or setter records each
// `this` that is not an object of this script (made here, or a message it was delivered: those
// carry `payload`) and throws, and otherwise behaves as if it were not there.
const T = (() => {
  const keys = Object.keys;
  const isArray = Array.isArray;
  const stringify = JSON.stringify;
  const apply = Reflect.apply;
  const defineProperty = Reflect.defineProperty;
  const getPrototypeOf = Reflect.getPrototypeOf;
  const hasOwnProperty = Object.prototype.hasOwnProperty;
  const weakSetHas = WeakSet.prototype.has;
  const weakSetAdd = WeakSet.prototype.add;
  const promiseThen = Promise.prototype.then;
  const promiseResolve = Promise.resolve;
  const PromiseConstructor = Promise;
  const ErrorConstructor = Error;
  const log = console.log;
  const known = new WeakSet();
  const found = [];
  apply(weakSetAdd, known, [found]);
  const own = (object, key) => apply(hasOwnProperty, object, [key]);
  const push = (list, value) => defineProperty(list, list.length, { __proto__: null, value, writable: true, enumerable: true, configurable: true });

  // Text of a delivered value from its own properties only.
  function show(value) {
    if (value === null) return 'null';
    if (typeof value === 'string') return stringify(value);
    if (typeof value !== 'object') return '' + value;
    let text;
    if (isArray(value)) {
      text = '[';
      for (let i = 0; i < value.length; i++) text += (i ? ',' : '') + show(value[i]);
      return text + ']';
    }
    const names = keys(value);
    text = '{';
    for (let i = 0; i < names.length; i++) text += (i ? ',' : '') + names[i] + ':' + show(value[names[i]]);
    return text + '}';
  }
  // Registers a value this script made (deeply) and returns it.
  function mark(value) {
    if (value === null || typeof value !== 'object') return value;
    apply(weakSetAdd, known, [value]);
    const names = keys(value);
    for (let i = 0; i < names.length; i++) mark(value[names[i]]);
    return value;
  }
  const isOurs = (value) => value !== null && (typeof value === 'object' || typeof value === 'function')
    && (apply(weakSetHas, known, [value]) || own(value, 'payload'));
  function describeThis(value) {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return typeof value;
    const prototype = getPrototypeOf(value);
    const names = keys(value);
    let text = (prototype === null ? 'null-prototype ' : '') + typeof value + ' {';
    for (let i = 0; i < names.length && i < 6; i++) text += (i ? ',' : '') + names[i];
    return text + '}';
  }
  function record(text) {
    push(found, text);
  }
  function replaceMethod(target, key, label) {
    const hostile = function () { record('called ' + label); throw new ErrorConstructor('hostile ' + label); };
    if (!defineProperty(target, key, { __proto__: null, value: hostile, writable: true, configurable: true })) record('could not replace ' + label);
  }
  function hostileAccessor(target, key, label) {
    const ok = defineProperty(target, key, {
      __proto__: null,
      configurable: true,
      get() {
        if (isOurs(this)) return undefined;
        record('get ' + label + ' on ' + describeThis(this));
        throw new ErrorConstructor('hostile getter ' + label);
      },
      set(value) {
        if (isOurs(this)) {
          defineProperty(this, key, { __proto__: null, value, writable: true, enumerable: true, configurable: true });
          return;
        }
        record('set ' + label + ' on ' + describeThis(this));
        throw new ErrorConstructor('hostile setter ' + label);
      },
    });
    if (!ok) record('could not define ' + label);
  }
  function replaceGlobal(name) {
    const hostile = function () { record('used global ' + name); throw new ErrorConstructor('hostile global ' + name); };
    defineProperty(globalThis, name, { __proto__: null, value: hostile, writable: true, configurable: true });
  }
  function report() {
    if (found.length === 0) return 'none';
    let text = '';
    for (let i = 0; i < found.length; i++) text += (i ? '; ' : '') + found[i];
    return text;
  }
  // A value for structuredClone, made before any override, and a summary of its clone read with
  // the built-ins taken here.
  const cloneSample = { list: [1, 'two'], map: new Map([['k', 1]]), set: new Set([2]), date: new Date(5), re: /x/g,
    bytes: new Uint8Array([7, 8]), error: new TypeError('boom'), big: 10n };
  const mapGet = Map.prototype.get;
  const setHas = Set.prototype.has;
  const dateGetTime = Date.prototype.getTime;
  const regExpSource = Reflect.getOwnPropertyDescriptor(RegExp.prototype, 'source').get;
  const describeClone = (c) => (c !== cloneSample) + ' ' + show(c.list) + ' ' + apply(mapGet, c.map, ['k']) + ' '
    + apply(setHas, c.set, [2]) + ' ' + apply(dateGetTime, c.date, []) + ' ' + apply(regExpSource, c.re, []) + ' '
    + (c.bytes[0] + c.bytes[1]) + ' ' + c.error.name + ':' + c.error.message + ' ' + typeof c.big;
  // FormData's entries, set and read (strings only: a Blob's parts are read with the script's
  // own Array iterator, as WebIDL reads a sequence).
  const form = () => {
    const data = new FormData();
    data.append('k', 'v');
    data.append('k', 'x');
    data.set('k', 'w');
    data.append('z', 1);
    data.delete('z');
    return data.get('k') + data.getAll('k').length + data.has('z');
  };
  // Headers and a Response (a record, not a sequence: a sequence is read with the script's own
  // Array iterator, as Web IDL reads one) and a Blob of no parts, made and read.
  const fetchParts = () => {
    const headers = new Headers(mark({ a: '1' }));
    headers.append('b', '2');
    headers.set('a', '3');
    return headers.get('a') + headers.get('b') + headers.has('c') + ' ' + new Response('xy').status + ' ' + new Blob().size
      + ' ' + new Blob(undefined, undefined).type.length;
  };
  // Values printed with console.log, made before any override.
  const sample = mark({ object: { a: 1, b: 'two', c: [1, 2] }, array: [1, 'x', null], map: new Map([['k', 1]]), error: new TypeError('shown') });
  return {
    __proto__: null,
    say: (text) => log(text),
    log,
    show, mark, own, report, replaceMethod, hostileAccessor, replaceGlobal, sample, cloneSample, describeClone, form, fetchParts,
    // (The promise is marked: `then` reads its `constructor`, which a getter may answer.)
    then: (promise, onFulfilled, onRejected) => apply(promiseThen, mark(promise), [onFulfilled, onRejected]),
    resolved: (value) => mark(apply(promiseResolve, PromiseConstructor, [value])),
    ArrayIteratorPrototype: getPrototypeOf([][Symbol.iterator]()),
  };
})();
