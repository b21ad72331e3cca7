// exthost:eager
// exthost:flavors firefox
// Firefox's refusal of strings as code (issue 9, item 5; fixtures/conformance/csp-eval,
// csp-eval-mv2, csp-eval-custom-policy): where the context's content security policy forbids
// 'unsafe-eval', `eval` throws "call to eval() blocked by CSP" and the Function constructors
// (`Function`, and those of async, generator and async generator functions) "call to Function()
// blocked by CSP", and each refusal is reported on the console, once per policy that forbids it,
// in a task of its own (after the script's own logs, as Firefox's reports arrive).
//
// JavaScriptCore's own switch (`JSGlobalContextSetEvalEnabled`, set by Swift) has one message for
// all of them and reports nothing, so the host puts these in their place when the context is made,
// before any extension script: `eval` and `Function` on the global, and the `constructor` of each
// function kind's prototype, become Proxies of the originals (their `prototype`, `name` and
// `length` are the originals') that refuse every call. The engine's switch stays on underneath.
// `host.context.evalRefusals` holds the reports (from Swift: ExtensionContext+ContentSecurity.swift);
// a context whose policies allow eval has none, and this does nothing.
(function (host) {
  'use strict';
  const reports = host.context.evalRefusals;
  if (reports === undefined || reports.length === 0) return;
  // (Made when the context is made: it uses the built-ins as js/00_0_builtins.js took them.)
  const { Proxy, ReflectDefineProperty, ReflectGetOwnPropertyDescriptor, ObjectGetPrototypeOf } = host.builtins.plain;
  const EvalError = host.builtins.cloned[5];
  const native = host.native;
  const global = host.global;

  const report = () => {
    native.clock.timeout(0, () => {
      for (let i = 0; i < reports.length; i++) native.console.message('error', reports[i]);
    });
  };
  const refusing = (words) => ({
    __proto__: null,
    apply() {
      report();
      throw new EvalError(words);
    },
    construct() {
      report();
      throw new EvalError(words);
    },
  });
  const evalTraps = refusing('call to eval() blocked by CSP');
  const functionTraps = refusing('call to Function() blocked by CSP');

  // Puts a refusing Proxy of `value` where the data property `key` of `object` was, keeping its
  // attributes; returns the Proxy.
  function replace(object, key, value, traps) {
    const descriptor = ReflectGetOwnPropertyDescriptor(object, key);
    const proxy = new Proxy(value, traps);
    ReflectDefineProperty(object, key, {
      __proto__: null, value: proxy, writable: descriptor.writable, enumerable: descriptor.enumerable, configurable: descriptor.configurable,
    });
    return proxy;
  }
  replace(global, 'eval', ReflectGetOwnPropertyDescriptor(global, 'eval').value, evalTraps);
  const FunctionConstructor = ReflectGetOwnPropertyDescriptor(global, 'Function').value;
  const refusedFunction = replace(global, 'Function', FunctionConstructor, functionTraps);
  ReflectDefineProperty(FunctionConstructor.prototype, 'constructor', {
    __proto__: null, value: refusedFunction, writable: true, enumerable: false, configurable: true,
  });
  // (Each kind's prototype is found from a function of the kind, made here by the parser, not by a
  // constructor.)
  const kinds = [async function () {}, function* () {}, async function* () {}];
  for (let i = 0; i < kinds.length; i++) {
    const prototype = ObjectGetPrototypeOf(kinds[i]);
    replace(prototype, 'constructor', ReflectGetOwnPropertyDescriptor(prototype, 'constructor').value, functionTraps);
  }
});
