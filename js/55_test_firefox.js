// exthost:realm host
// exthost:needs primordials api schema format test_support serialization
// The `test` namespace as Firefox's harness has it (`browser.test`: schemas/test.json and
// child/ext-test.js of Firefox ESR 153), for a host whose harness is `firefox`
// (Sources/Exthost/Testing/TestHarness.swift). Written here because its rules are the point:
//  * every assertion is a check the harness counts, passing or failing; none throws or stops the
//    test (`assertTrue(false)` goes on to the next line);
//  * `runTests(tasks)` runs the tasks one after another, each until it returns or its promise
//    settles; a task fails when it throws or rejects (`Exception running <name>: <message>`) or
//    when a check failed while it ran (the last failure's text), and the next task runs all the
//    same; a call while tasks run adds its tasks to the queue;
//  * `assertEq` is `===` and shows `String()` of both sides; `assertDeepEq` compares the JSON of
//    both with keys sorted, refuses classes other than plain objects and arrays, and tells
//    `undefined`, `NaN` and `Infinity` from `null`;
//  * `assertThrows` and `assertRejects` match the error by its message (a string, exactly; a
//    RegExp) or by a function.
// What Firefox's harness (ExtensionTestUtils) receives goes to Swift as test events. (Firefox
// itself runs this API only under its own test harness: a released Firefox driven by WebDriver
// has `browser.test` but no parent side for it, so there is nothing to record there.)
(function (host) {
  'use strict';
  const {
    String, Error, ReflectApply, ArrayIsArray, ObjectKeys, ArrayPrototypeSort, JSONStringify,
    listPush, listCopy, isProxy, safeString, getOwnData,
  } = host.primordials;
  if (host.native.engine.testHarness() !== 'firefox') return;

  // Firefox wraps each test.onMessage listener: what it throws is a failed check, `${e}\n${e.stack}`.
  host.listenerErrorHandlers.set('test.onMessage', (cx, error) => {
    const stack = error !== null && typeof error === 'object' ? getOwnData(error, 'stack') : undefined;
    check(cx, false, safeString(error, 'Error') + '\n' + (typeof stack === 'string' ? stack : 'undefined'));
  });

  // (Fired in the extension's process, ext-c-test.js: nothing waits for a listener's promise.)
  host.processLocalEvents.add('test.onMessage');

  host.registerInstanceCheck('RegExp', (value) => !isProxy(value) && host.builtinClass(value) === 'RegExp');

  function stateOf(cx) {
    if (cx.firefoxTest === undefined) {
      cx.firefoxTest = { __proto__: null, running: false, tasks: [], next: 0, unnamed: 0, current: null, lastError: null };
    }
    return cx.firefoxTest;
  }

  // One check (`test-result`): `passed`, and `message` (without one, `Assertion PASS` or
  // `Assertion FAIL`). A failure is the running task's last error.
  function check(cx, passed, message) {
    const s = stateOf(cx);
    const text = message === undefined || message === null ? 'Assertion ' + (passed ? 'PASS' : 'FAIL') : message;
    if (!passed) s.lastError = text;
    cx.native.test.assertion(s.current, !!passed, String(text), null, null, host.callerLocation(cx));
  }
  // One equality check (`test-eq`): the two sides as the harness shows them.
  function checkEqual(cx, equal, message, expected, actual) {
    const s = stateOf(cx);
    if (!equal) s.lastError = message + ' - Expected: ' + expected + ', Actual: ' + actual;
    cx.native.test.assertion(s.current, !!equal, String(message), expected, actual, host.callerLocation(cx));
  }

  // ---- Texts and comparisons -----------------------------------------------------------------------
  // Whether `value` is written with String() rather than JSON: undefined, NaN, ±Infinity.
  const useString = (value) => value === undefined || (typeof value === 'number' && (value !== value || value === Infinity || value === -Infinity));
  const isClassInstance = (value) => typeof value === 'object' && value !== null && !ArrayIsArray(value) && host.builtinClass(value) !== 'Object';
  // `toSource`: a value as the harness's messages show it.
  function toSource(value) {
    const cannotJSON = (v) => useString(v) || isClassInstance(v);
    try {
      if (cannotJSON(value)) return String(value);
      return JSONStringify(value, (key, v) => (cannotJSON(v) ? String(v) : v));
    } catch (e) {
      return '<unknown>';
    }
  }
  // The JSON of `value` with every object's keys sorted; a class other than Object or Array throws.
  const notJSONPrefix = '#NOT_JSON_SERIALIZABLE#';
  function sortedReplacer(key, value) {
    if (typeof value === 'object' && value !== null && !ArrayIsArray(value)) {
      const className = host.builtinClass(value);
      if (className !== 'Object') throw new Error('Unsupported obj type: ' + className);
      const keys = ArrayPrototypeSort(listCopy(ObjectKeys(value)));
      const sorted = { __proto__: null };
      for (let i = 0; i < keys.length; i++) sorted[keys[i]] = value[keys[i]];
      return sorted;
    }
    return useString(value) ? notJSONPrefix + String(value) : value;
  }
  const deepEquals = (a, b) => JSONStringify(a, sortedReplacer) === JSONStringify(b, sortedReplacer);

  // Whether `error` matches `expected`: a function's answer; else an object whose string
  // `message` equals the string or matches the RegExp.
  function errorMatches(cx, error, expected) {
    if (typeof expected === 'function') {
      try {
        return ReflectApply(expected, undefined, [error]);
      } catch (e) {
        host.reportUncaught(cx, e, false);
        return undefined;
      }
    }
    if (error === null || typeof error !== 'object' || typeof error.message !== 'string') return false;
    if (typeof expected === 'string') return error.message === expected;
    try {
      return host.brandValues.regExpTest(expected, error.message);
    } catch (e) {
      host.reportUncaught(cx, e, false);
    }
    return false;
  }
  const withMessage = (text, message) => (message ? text + ': ' + message : text);

  // ---- Tasks ---------------------------------------------------------------------------------------
  function runTasks(cx, tasks) {
    const s = stateOf(cx);
    for (let i = 0; i < tasks.length; i++) listPush(s.tasks, tasks[i]);
    const settle = host.newPromise(cx);
    if (s.running) {
      settle.resolve(undefined);
      return settle.promise;
    }
    s.running = true;
    runNextTask(cx, s, settle);
    return settle.promise;
  }
  function finishTasks(s) {
    s.tasks = [];
    s.next = 0;
    s.running = false;
    s.current = null;
  }
  function runNextTask(cx, s, settle) {
    if (s.next >= s.tasks.length) {
      finishTasks(s);
      settle.resolve(undefined);
      return;
    }
    const task = s.tasks[s.next++];
    let name;
    try { name = task.name; } catch (e) { name = ''; }
    if (!name) name = 'unnamed_test_' + ++s.unnamed;
    s.current = name;
    s.lastError = null;
    cx.native.test.started(name);
    // (Firefox's task passes when its last error is falsy: `fail('')` fails a check, not the task.)
    const finished = () => {
      const failure = s.lastError;
      cx.native.test.finished(name, !failure, failure === null || failure === undefined ? name + ' PASS' : String(failure), null, null);
    };
    const done = () => {
      finished();
      runNextTask(cx, s, settle);
    };
    const fail = (error) => {
      if (error === null || error === undefined) {
        // Firefox reads `e.message` of it: that TypeError of its own code ends the tasks, the
        // task passes on its last error, and runTests rejects with the error Firefox gives a
        // script for an error of its own code.
        finished();
        finishTasks(s);
        settle.reject(host.newError(cx, 'An unexpected error occurred'));
        return;
      }
      let message;
      try { message = error.message; } catch (e) { message = undefined; }
      s.lastError = 'Exception running ' + name + ': ' + message;
      done();
    };
    let result;
    try {
      result = ReflectApply(task, undefined, []);
    } catch (error) {
      fail(error);
      return;
    }
    host.resolvedThen(cx, result, done, fail);
  }

  // ---- The namespace -------------------------------------------------------------------------------
  const message = { name: 'message', type: 'string', optional: true };
  const expectedError = { choices: [{ type: 'string' }, { type: 'object', isInstanceOf: 'RegExp' }, { type: 'function' }] };
  host.defineNamespace('test', ['background', 'content'], () => ({
    functions: {
      withHandlingUserInput: {
        parameters: [{ name: 'callback', type: 'function' }],
        run(cx, args) {
          cx.handlingUserInput = (cx.handlingUserInput || 0) + 1;
          try {
            ReflectApply(args[0], undefined, []);
          } finally {
            cx.handlingUserInput--;
          }
        },
      },
      notifyFail: {
        parameters: [{ name: 'message', type: 'string' }],
        run(cx, args) { cx.native.test.done(false, args[0], host.callerLocation(cx)); },
      },
      notifyPass: {
        parameters: [message],
        run(cx, args) { cx.native.test.done(true, args[0] === undefined ? null : args[0], host.callerLocation(cx)); },
      },
      log: {
        parameters: [{ name: 'message', type: 'string' }],
        run(cx, args) { cx.native.test.log(args[0]); },
      },
      sendMessage: {
        parameters: [{ name: 'arg1', type: 'any', optional: true }, { name: 'arg2', type: 'any', optional: true }],
        run(cx, args) {
          const values = [];
          for (let i = 0; i < args.length; i++) listPush(values, args[i]);
          let text;
          try { text = JSONStringify(values); } catch (e) { text = JSONStringify([toSource(values[0]), toSource(values[1])]); }
          cx.native.test.message(text === undefined ? '[]' : text);
        },
      },
      fail: {
        parameters: [{ name: 'message', type: 'any', optional: true }],
        run(cx, args) { check(cx, false, args[0]); },
      },
      succeed: {
        parameters: [{ name: 'message', type: 'any', optional: true }],
        run(cx, args) { check(cx, true, args[0]); },
      },
      assertTrue: {
        parameters: [{ name: 'test', type: 'any', optional: true }, message],
        run(cx, args) { check(cx, !!args[0], args[1]); },
      },
      assertFalse: {
        parameters: [{ name: 'test', type: 'any', optional: true }, message],
        run(cx, args) { check(cx, !args[0], args[1]); },
      },
      assertDeepEq: {
        parameters: [{ name: 'expected', type: 'any' }, { name: 'actual', type: 'any' }, message],
        run(cx, args) {
          // (Firefox refuses what it cannot clone, with the clone's own error.)
          if (host.flavor === 'firefox') {
            host.serializeMessage(args[0], cx);
            host.serializeMessage(args[1], cx);
          }
          checkEqual(cx, deepEquals(args[1], args[0]), args[2], toSource(args[0]), toSource(args[1]));
        },
      },
      assertEq: {
        parameters: [{ name: 'expected', type: 'any', optional: true }, { name: 'actual', type: 'any', optional: true }, message],
        run(cx, args) {
          const equal = args[0] === args[1];
          const expected = String(args[0]);
          let actual = String(args[1]);
          if (!equal && expected === actual) actual += ' (different)';
          checkEqual(cx, equal, args[2], expected, actual);
        },
      },
      assertRejects: {
        parameters: [{ name: 'promise', type: 'object' }, { name: 'expectedError', ...expectedError }, message],
        run(cx, args) {
          const expected = args[1];
          const text = args[2];
          return host.resolvedThen(cx, args[0], () => {
            check(cx, false, withMessage("Promise resolved, expected rejection '" + toSource(expected) + "'", text));
          }, (error) => {
            check(cx, errorMatches(cx, error, expected),
              withMessage("Promise rejected, expecting rejection to match '" + toSource(expected) + "', got '" + toSource(error) + "'", text));
          });
        },
      },
      assertThrows: {
        parameters: [{ name: 'func', type: 'function' }, { name: 'expectedError', optional: true, ...expectedError }, message],
        run(cx, args) {
          const expected = args[1];
          if (!expected) throw new Error('Missing required expectedError');
          try {
            ReflectApply(args[0], undefined, []);
            check(cx, false, withMessage("Function did not throw, expected error '" + toSource(expected) + "'", args[2]));
          } catch (error) {
            check(cx, errorMatches(cx, error, expected),
              withMessage("Function threw, expecting error to match '" + toSource(expected) + "', got '" + toSource(error) + "'", args[2]));
          }
        },
      },
      runTests: {
        parameters: [{ name: 'tests', type: 'array', minItems: 1, items: { type: 'function' } }],
        run: (cx, args) => runTasks(cx, args[0]),
      },
    },
    events: ['onMessage'],
  }));
});
