// exthost:realm host
// exthost:needs primordials format
// What both test harnesses (js/54_test_chrome.js, js/55_test_firefox.js) need: where in the
// extension's scripts the harness was called, and following a promise of a context.
(function (host) {
  'use strict';
  const { StringPrototypeIndexOf, StringPrototypeSlice, RegExpPrototypeExec, SafePromiseThen, getOwnData } = host.primordials;

  // The context's stack where the harness was called, as V8 writes it ("Error\n    at ..."),
  // without the host's own frames.
  host.callerStack = function (cx) {
    const error = new cx.b.Error();
    const stack = getOwnData(error, 'stack');
    let frames = host.formatStackTrace(typeof stack === 'string' ? stack : '');
    // (The host's functions the context called show first, as native frames.)
    for (;;) {
      const match = RegExpPrototypeExec(/^ {4}at (?:[^\n]* \()?<anonymous>\)?\n/, frames);
      if (match === null) break;
      frames = StringPrototypeSlice(frames, match[0].length);
    }
    return 'Error\n' + frames;
  };
  // The place (`url:line:column`) of a stack's first frame, or null.
  host.stackLocation = function (stack) {
    const start = StringPrototypeIndexOf(stack, '\n');
    if (start === -1) return null;
    const end = StringPrototypeIndexOf(stack, '\n', start + 1);
    const frame = StringPrototypeSlice(stack, start + 1, end === -1 ? stack.length : end);
    const match = RegExpPrototypeExec(/^\s*at (?:.* \()?(.*?:\d+:\d+)\)?$/, frame);
    return match ? match[1] : null;
  };
  host.callerLocation = (cx) => host.stackLocation(host.callerStack(cx));

  // `promise.then(onFulfilled, onRejected)` for a promise (or thenable) of a context: the promise
  // is resolved into one of the host's first, as `Promise.resolve(promise)` would, and `settle`
  // (or null) follows what the reaction returns or throws. A missing reaction passes the value
  // or the reason through.
  host.observe = function (promise, onFulfilled, onRejected, settle) {
    const react = (reaction, value, rejected) => {
      if (reaction === undefined) {
        if (settle !== null) {
          if (rejected) settle.reject(value);
          else settle.resolve(value);
        }
        return;
      }
      try {
        const result = reaction(value);
        if (settle !== null) settle.resolve(result);
      } catch (error) {
        if (settle !== null) settle.reject(error);
      }
    };
    const followed = host.newSafeSettlement();
    followed.resolve(promise);
    SafePromiseThen(followed.promise, (value) => react(onFulfilled, value, false), (error) => react(onRejected, error, true));
  };
});
