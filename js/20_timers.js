// exthost:needs primordials host
// exthost:globals setTimeout:function:1 setInterval:function:1 clearTimeout:function:0 clearInterval:function:0
// exthost:globals queueMicrotask:function:1 performance:object
// Timers and clocks over the Swift event loop: setTimeout, setInterval, clearTimeout,
// clearInterval, queueMicrotask, and performance.now following the loop's clock (virtual by
// default: it jumps to the next timer when nothing else is pending). Date is js/19_date.js.
(function (host) {
  'use strict';
  const {
    Number, NumberIsFinite, MathTrunc, TypeError, enqueueMicrotask,
    ReflectDefineProperty, ReflectGetOwnPropertyDescriptor, ReflectOwnKeys, SymbolToStringTag, dataDescriptor,
  } = host.primordials;
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
    __proto__: null,
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
  // (The globals, made by the host, call these.)
  const names = ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'queueMicrotask'];
  for (let i = 0; i < names.length; i++) host.implementations[names[i]] = timers[names[i]];

  const timeOrigin = native.wallNow() - native.monotonicNow();
  // The global `performance` (made by the host, empty until now) gets its members.
  const performance = host.lazyGlobals.performance;
  const members = {
    now() { return native.monotonicNow(); },
    get timeOrigin() { return timeOrigin; },
    toJSON() { return { timeOrigin }; },
  };
  const keys = ReflectOwnKeys(members);
  for (let i = 0; i < keys.length; i++) {
    ReflectDefineProperty(performance, keys[i], { __proto__: null, ...ReflectGetOwnPropertyDescriptor(members, keys[i]) });
  }
  ReflectDefineProperty(performance, SymbolToStringTag, dataDescriptor('Performance', false, false, true));
});
