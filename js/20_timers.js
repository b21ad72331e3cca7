// Timers and clocks over the Swift event loop: setTimeout, setInterval, clearTimeout,
// clearInterval, queueMicrotask, and Date / performance.now following the loop's clock
// (virtual by default: it jumps to the next timer when nothing else is pending).
(function (host) {
  'use strict';
  const { Number, NumberIsFinite, MathTrunc, MathFloor, ReflectConstruct, TypeError, DatePrototypeToString, enqueueMicrotask } = host.primordials;
  const native = host.native;
  const global = host.global;
  let nextTimer = 1;

  // HTML's timer nesting: a timer set from a timer's callback is one level deeper, and from the
  // sixth level on its delay is at least 4 ms (Chromium's DOMTimer and Firefox's TimeoutManager
  // both clamp after 5 levels). An interval's every run is one level deeper than the last. So a
  // chain of zero-delay timers moves the clock on, and --max-time ends it, as in a browser.
  host.timerNesting = 0;
  host.clampTimerDelay = (ms, nesting) => (nesting > 5 && ms < 4 ? 4 : ms);

  function start(callback, delay, args, repeats) {
    const id = nextTimer++;
    let ms = Number(delay);
    if (!NumberIsFinite(ms) || ms < 0) ms = 0;
    // Browsers store the delay as a 32-bit signed integer: larger ones fire at once.
    if (ms > 2147483647) ms = 0;
    ms = MathTrunc(ms);
    const nesting = host.timerNesting;
    host.timerCallbacks.set(id, { __proto__: null, callback, args, repeats, delay: ms, nesting: nesting + 1 });
    native.startTimer(id, host.clampTimerDelay(ms, nesting), false);
    return id;
  }
  function clear(id) {
    id = Number(id);
    if (host.timerCallbacks.delete(id)) native.cancelTimer(id);
  }

  const timers = {
    setTimeout(callback, delay = 0, ...args) { return start(callback, delay, args, false); },
    setInterval(callback, delay = 0, ...args) { return start(callback, delay, args, true); },
    clearTimeout(id) { clear(id); },
    clearInterval(id) { clear(id); },
    queueMicrotask(callback) {
      if (typeof callback !== 'function') {
        throw new TypeError("Failed to execute 'queueMicrotask' on 'Window': parameter 1 is not of type 'Function'.");
      }
      enqueueMicrotask(() => host.callReporting(callback, undefined, []));
    },
  };
  for (const name of Object.keys(timers)) {
    Object.defineProperty(global, name, { value: timers[name], writable: true, configurable: true, enumerable: true });
  }

  // Date follows the loop's clock.
  const RealDate = global.Date;
  const now = () => native.wallNow();
  function Date(...args) {
    if (!new.target) return DatePrototypeToString(new RealDate(now()));
    return args.length === 0 ? new RealDate(now()) : ReflectConstruct(RealDate, args);
  }
  Object.setPrototypeOf(Date, RealDate);
  Object.defineProperty(Date, 'prototype', { value: RealDate.prototype });
  Object.defineProperty(RealDate.prototype, 'constructor', { value: Date, writable: true, configurable: true });
  Object.defineProperty(Date, 'now', { value: function now() { return MathFloor(native.wallNow()); }, writable: true, configurable: true });
  Object.defineProperty(Date, 'name', { value: 'Date' });
  Object.defineProperty(Date, 'length', { value: 7 });
  Object.defineProperty(global, 'Date', { value: Date, writable: true, configurable: true, enumerable: false });

  const timeOrigin = native.wallNow() - native.monotonicNow();
  const performance = {
    now() { return native.monotonicNow(); },
    get timeOrigin() { return timeOrigin; },
    toJSON() { return { timeOrigin }; },
  };
  Object.defineProperty(performance, Symbol.toStringTag, { value: 'Performance' });
  Object.defineProperty(global, 'performance', { value: performance, writable: true, configurable: true, enumerable: true });
});
