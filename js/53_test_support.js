// exthost:realm host
// exthost:needs primordials format
// What both test harnesses (js/54_test_chrome.js, js/55_test_firefox.js) need: where in the
// extension's scripts the harness was called, and reacting to a promise of a context.
(function (host) {
  'use strict';
  const { ReflectApply, StringPrototypeIndexOf, StringPrototypeSlice, RegExpPrototypeExec, getOwnData } = host.primordials;

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

  // Reactions to a promise of a context, as the context's own functions: the engine and the
  // context's code only ever see functions of the context's realm (a host function given to a
  // thenable's `then`, or to a promise whose `constructor` a script replaced, would hand it this
  // realm). `impl(value)` runs in this realm; what it throws rejects the derived promise.
  function reaction(cx, impl) {
    return impl === undefined ? undefined : host.newFunction(cx, '', 1, callReaction, impl);
  }
  function callReaction(impl, thisValue, value) {
    return impl(value);
  }
  // `promise.then(onFulfilled, onRejected)` as a script would call it (the object's own `then`,
  // which a script may have replaced, as the browsers' harnesses call it): returns what it returns.
  host.thenOf = function (cx, promise, onFulfilled, onRejected) {
    const then = promise.then;
    return ReflectApply(then, promise, [reaction(cx, onFulfilled), reaction(cx, onRejected)]);
  };
  // `promise.catch(onRejected)`, the same way.
  host.catchOf = function (cx, promise, onRejected) {
    const method = promise.catch;
    return ReflectApply(method, promise, [reaction(cx, onRejected)]);
  };
  // `Promise.resolve(value).then(onFulfilled, onRejected)` with the context's own Promise as it
  // was before any extension script ran (Firefox's harness, whose Promise is its own): a thenable
  // is followed through its `then`; returns the derived promise of the context.
  host.resolvedThen = function (cx, value, onFulfilled, onRejected) {
    const followed = host.newPromise(cx);
    followed.resolve(value);
    return ReflectApply(cx.u.PromisePrototypeThen, followed.promise, [reaction(cx, onFulfilled), reaction(cx, onRejected)]);
  };
});
