// exthost:realm host
// exthost:needs primordials api schema format test_support
// The `test` namespace as Chromium's harness has it (`chrome.test`: its test.json and
// test_custom_bindings.js, as Chromium 156 runs them), for a host whose harness is `chrome`
// (Sources/Exthost/Testing/TestHarness.swift). Written here because its rules are the point:
//  * `runTests(tests)` runs the tests one after another; a test ends only when it calls `succeed()`
//    or `fail()`, when an assertion fails, or when the last of its pending callbacks
//    (`callbackPass`, `callbackFail`, `callbackAdded`, `listenOnce` with a function,
//    `listenForever`) has run; a test that returns, or whose promise resolves, has not passed;
//  * a failure throws the string 'chrome.test.failure' to stop the rest of the test;
//  * while tests run, an exception in an event listener or an API callback of the context, or a
//    rejection of a test's promise, fails the running test (`Exception running <name>: ...`);
//  * at the end, `notifyPass()` or `notifyFail('Failed N of M tests')`.
// What a browser's C++ harness sees (each test's start and end, notifications, log lines,
// messages) goes to Swift as test events (`cx.native.test`); the texts are Chromium's
// (fixtures/conformance/test-api-chrome records them).
(function (host) {
  'use strict';
  const {
    String, Error, ReflectApply, ObjectKeys, ObjectGetPrototypeOf, JSONStringify, ObjectPrototypeIsPrototypeOf,
    StringPrototypeSlice, SafeSet, listCopy,
    hasOwn, safeString, isProxy,
  } = host.primordials;
  if (host.native.engine.testHarness() !== 'chrome') return;
  const FAILURE = 'chrome.test.failure';
  const brand = host.brandValues;

  host.registerInstanceCheck('RegExp', (value) => !isProxy(value) && host.builtinClass(value) === 'RegExp');

  // ---- A context's harness state -------------------------------------------------------------------
  function stateOf(cx) {
    if (cx.chromeTest === undefined) {
      cx.chromeTest = {
        __proto__: null,
        tests: [], next: 0, current: null, failed: 0, count: 1,
        pendingCallbacks: 0, pendingRejections: 0, run: null,
      };
    }
    return cx.chromeTest;
  }
  const remaining = (s) => s.tests.length - s.next;
  // `test.name || test.generatedName`, or '(no test)'. (A name getter that throws names nothing.)
  function testName(test) {
    let name;
    try {
      name = (test && (test.name || test.generatedName)) || '(no test)';
    } catch (e) {
      return '(no test)';
    }
    // (As Chromium's template literals make it: a string, whatever the function's `name` holds.)
    return typeof name === 'string' ? name : safeString(name, '(no test)');
  }
  const isContextPromise = (cx, value) => {
    if (value === null || typeof value !== 'object') return false;
    try { return ObjectPrototypeIsPrototypeOf(cx.b.PromisePrototype, value); } catch (e) { return false; }
  };

  const callerStack = host.callerStack;
  const stackLocation = host.stackLocation;

  function eventObject(cx, fields) {
    const object = host.newObject(cx);
    const keys = ObjectKeys(fields);
    for (let i = 0; i < keys.length; i++) host.defineValue(object, keys[i], fields[keys[i]], true, true, true);
    return object;
  }

  // ---- Ending a test -----------------------------------------------------------------------------
  function failInternal(cx, message) {
    const s = stateOf(cx);
    s.failed++;
    const name = testName(s.current);
    const stack = callerStack(cx);
    const description = String(message || 'Assertion FAIL');
    const full = description + ' \n ' + stack;
    host.dispatchEvent(cx, 'test.onTestFinished', [eventObject(cx, {
      __proto__: null, testName: name, result: false, remainingTests: remaining(s), assertionDescription: description, message: full,
    })]);
    // (The two values of a failed assertEq on objects, as JSON, for the reporters' difference.)
    const comparison = s.comparison;
    s.comparison = undefined;
    cx.native.test.finished(name, false, description, full, stackLocation(stack),
      comparison === undefined ? null : comparison.expected, comparison === undefined ? null : comparison.actual);
    testDone(cx);
    throw FAILURE;
  }

  function succeedInternal(cx) {
    const s = stateOf(cx);
    assertEq(cx, 0, s.pendingRejections, 'Test had pending promise rejections. This is likely the result of ' +
      'not waiting for the promise returned by `assertPromiseRejects()` to resolve. Instead, use ' +
      '`await assertPromiseRejects(...)` or `assertPromiseRejects(...).then(...).`.');
    const name = testName(s.current);
    host.dispatchEvent(cx, 'test.onTestFinished', [eventObject(cx, {
      __proto__: null, testName: name, result: true, remainingTests: remaining(s), assertionDescription: name + ' PASS',
    })]);
    cx.native.test.finished(name, true, name + ' PASS', '', null);
    testDone(cx);
  }

  // Chromium runs the next test from a zero-delay timer.
  const testDone = (cx) => cx.native.test.later(() => runNextTest(cx));

  // What the bindings do with an exception of a test, a listener or a callback while tests run:
  // the handler runs with `<message>: <the exception as a string>`; the failure the handler
  // throws stops there. Without a handler, the console shows it.
  function handleException(cx, message, error) {
    let text;
    try { text = (message || 'Unknown error') + ': ' + String(error); } catch (e) { text = (message || 'Unknown error') + ': ' + safeString(error, 'Error'); }
    const handler = cx.exceptionHandler;
    if (handler === undefined) {
      cx.native.console.message('error', text);
      return;
    }
    try {
      ReflectApply(handler, undefined, [text, error]);
    } catch (e) {
      if (e !== FAILURE) host.reportUncaught(cx, e, false);
    }
  }
  const messageOf = (error) => {
    if (error === null || (typeof error !== 'object' && typeof error !== 'function')) return undefined;
    try { return error.message; } catch (e) { return undefined; }
  };
  // (An exception a listener or an API callback threw while tests run: `text` is the console's
  // text for it, "Error in event handler: ..." or "Error handling response: ...". Called from
  // js/38_api.js and js/90_namespaces.js through `cx.exceptionHandler`.)
  function handlerFor(cx) {
    return (text, error) => {
      if (error === FAILURE) return;
      const s = stateOf(cx);
      failInternal(cx, 'Exception running ' + testName(s.current) + ': ' + text);
    };
  }

  function runNextTest(cx) {
    const s = stateOf(cx);
    s.pendingCallbacks = 0;
    s.pendingRejections = 0;
    s.current = s.next < s.tests.length ? s.tests[s.next++] : null;
    if (!s.current) {
      allTestsDone(cx);
      return;
    }
    try {
      const name = testName(s.current);
      host.dispatchEvent(cx, 'test.onTestStarted', [eventObject(cx, { __proto__: null, testName: name })]);
      cx.native.test.started(name);
      cx.exceptionHandler = handlerFor(cx);
      const result = ReflectApply(s.current, undefined, []);
      if (isContextPromise(cx, result)) host.catchOf(cx, result, (error) => handleException(cx, messageOf(error), error));
    } catch (error) {
      handleException(cx, messageOf(error), error);
    }
  }

  function allTestsDone(cx) {
    const s = stateOf(cx);
    const run = s.run;
    const message = s.failed > 0 ? 'Failed ' + s.failed + ' of ' + s.count + ' tests' : null;
    s.current = null;
    s.failed = 0;
    s.count = 1;
    s.pendingCallbacks = 0;
    s.pendingRejections = 0;
    s.run = null;
    s.tests = [];
    s.next = 0;
    if (message === null) {
      cx.native.test.done(true, null, null);
      if (run) run.resolve(undefined);
    } else {
      cx.native.test.done(false, message, null);
      if (run) run.reject(host.newError(cx, message));
    }
  }

  // ---- Comparisons (checkDeepEq) -------------------------------------------------------------------
  // Chromium's non-standard rules: null equals only null; ===; NaN equals NaN; functions by their
  // source; arrays by length and items; ArrayBuffers bytewise; Dates by time; String, Number and
  // Boolean objects by prototype and value; Maps and Sets deeply, in any order; other objects by
  // their own enumerable keys both ways and every enumerable key's value. (Classes are told by
  // brand, where Chromium asks `instanceof` of the context's constructors.)
  const isNaNValue = (value) => typeof value === 'number' && value !== value;
  // (A cycle ends in the engine's stack overflow, a RangeError, as in V8.)
  function checkEq(expected, actual) {
    if ((expected === null) !== (actual === null)) return false;
    if (expected === actual) return true;
    if (isNaNValue(expected) && isNaNValue(actual)) return true;
    if (typeof expected !== typeof actual) return false;
    if (typeof expected !== 'object' && typeof expected !== 'function') return false;
    if (typeof expected === 'function') return String(expected) === String(actual);
    const expectedClass = host.builtinClass(expected);
    const actualClass = host.builtinClass(actual);
    if ((expectedClass === 'Array') !== (actualClass === 'Array')) return false;
    if (expectedClass === 'Array' && expected.length !== actual.length) return false;
    if ((expectedClass === 'ArrayBuffer') !== (actualClass === 'ArrayBuffer')) return false;
    if (expectedClass === 'ArrayBuffer') return brand.sameBytes(expected, actual);
    if (expectedClass === 'Date') {
      if (actualClass !== 'Date') return false;
      const a = brand.dateTime(expected);
      const b = brand.dateTime(actual);
      return a === b || (a !== a && b !== b);
    }
    if (expectedClass === 'String' || expectedClass === 'Number' || expectedClass === 'Boolean') {
      if (ObjectGetPrototypeOf(expected) !== ObjectGetPrototypeOf(actual)) return false;
      const a = brand.primitiveValue(expected);
      const b = brand.primitiveValue(actual);
      return a === b || (isNaNValue(a) && isNaNValue(b));
    }
    if (expectedClass === 'Map' || expectedClass === 'Set') {
      if (actualClass !== expectedClass) return false;
      return collectionsEqual(expectedClass === 'Map', brand.entries(expected), brand.entries(actual));
    }
    for (const key in actual) {
      if (hasOwn(actual, key) && !hasOwn(expected, key)) return false;
    }
    for (const key in expected) {
      if (hasOwn(expected, key) && !hasOwn(actual, key)) return false;
    }
    for (const key in expected) {
      if (!checkEq(expected[key], actual[key])) return false;
    }
    return true;
  }
  // Each item of `expected` matched to an unmatched equal item of `actual` (entries: [key, value]).
  function collectionsEqual(isMap, expected, actual) {
    if (expected.length !== actual.length) return false;
    const matched = new SafeSet();
    for (let i = 0; i < expected.length; i++) {
      let found = false;
      for (let j = 0; j < actual.length; j++) {
        if (matched.has(j)) continue;
        const equal = isMap
          ? checkEq(expected[i][0], actual[j][0]) && checkEq(expected[i][1], actual[j][1])
          : checkEq(expected[i][1], actual[j][1]);
        if (equal) {
          matched.add(j);
          found = true;
          break;
        }
      }
      if (!found) return false;
    }
    return true;
  }

  // ---- Assertions ----------------------------------------------------------------------------------
  function assertEq(cx, value, other, message) {
    if (checkEq(value, other)) return;
    const s = stateOf(cx);
    let text = 'API Test Error in ' + testName(s.current);
    if (message) text += ': ' + message;
    if (typeof value === 'object' || typeof other === 'object') {
      text += '\n' + (JSONStringify(value) || '' + value) + ' did not deep-equal ' + (JSONStringify(other) || '' + other);
      const expected = JSONStringify(value);
      const actual = JSONStringify(other);
      if (typeof expected === 'string' && typeof actual === 'string') s.comparison = { __proto__: null, expected, actual };
    } else {
      text += '\n' + String(value) + ' did not deep-equal ' + String(other);
      if (typeof value !== typeof other) text += ' (type mismatch)\nType: ' + typeof value + '\nOther Type:' + typeof other;
    }
    failInternal(cx, text);
  }
  function assertBool(cx, test, expected, message) {
    if (typeof test !== 'boolean') {
      failInternal(cx, 'API Test Error in ' + testName(stateOf(cx).current) + ': assertTrue and assertFalse require a boolean condition.');
    }
    if (test !== expected) failInternal(cx, message);
  }
  // `chrome.runtime.lastError` of the context as its scripts see it (read: no "Unchecked
  // runtime.lastError" follows).
  const lastError = (cx) => {
    cx.lastErrorRead = true;
    return cx.lastError;
  };
  function assertNoLastError(cx) {
    const error = lastError(cx);
    if (error !== undefined && error !== null) failInternal(cx, 'lastError.message == ' + error.message);
  }
  function assertLastError(cx, expectedError) {
    assertEq(cx, typeof expectedError, 'string');
    const error = lastError(cx);
    assertBool(cx, error !== undefined && error !== null, true, 'No lastError, but expected ' + expectedError);
    assertEq(cx, expectedError, error.message);
  }
  function checkThrownError(cx, error, expectedError, customMessage) {
    if (error === FAILURE || expectedError === undefined || expectedError === null) return;
    const actualMessage = error !== null && typeof error === 'object' && 'message' in error ? error.message : String(error);
    if (typeof expectedError !== 'string') {
      let text = actualMessage + ' should match ' + String(expectedError);
      if (customMessage) text = customMessage + '\n' + text;
      assertBool(cx, brand.regExpTest(expectedError, actualMessage), true, text);
      return;
    }
    if (actualMessage !== expectedError) {
      const base = 'Expected error: "' + expectedError + '", actual: "' + actualMessage + '"';
      failInternal(cx, customMessage ? customMessage + '\n' + base : base);
    }
  }

  // A function of the context that marks one pending callback of the running test done; the
  // test succeeds when none is left. A second call fails the test with both calls' stacks.
  function callbackAdded(cx) {
    const s = stateOf(cx);
    s.pendingCallbacks++;
    return host.newFunction(cx, '', 0, completeCallback, { __proto__: null, cx, previousStack: null });
  }
  function completeCallback(record) {
    const cx = record.cx;
    if (record.previousStack !== null) {
      const current = callerStack(cx);
      failInternal(cx, 'Callback has already been run. First call:\n' + StringPrototypeSlice(record.previousStack, 6) +
        '\nSecond call:\n' + StringPrototypeSlice(current, 6));
      return;
    }
    record.previousStack = callerStack(cx);
    const s = stateOf(cx);
    s.pendingCallbacks--;
    if (s.pendingCallbacks === 0) succeedInternal(cx);
  }
  // Calls `func` with `args`; what it throws (but the failure) goes to the exception handler.
  function safeFunctionApply(cx, func, args) {
    try {
      if (func) return ReflectApply(func, undefined, args);
    } catch (error) {
      if (error === FAILURE) throw error;
      handleException(cx, messageOf(error), error);
    }
    return undefined;
  }
  // `callback(func, expectedError)`: a function that checks lastError, calls `func`, and
  // completes one pending callback.
  function makeCallback(cx, func, expectedError) {
    if (func) assertEq(cx, typeof func, 'function');
    const completed = callbackAdded(cx);
    return host.newFunction(cx, '', 0, runCallback, { __proto__: null, cx, func, expectedError, completed });
  }
  function runCallback(record, thisValue, ...args) {
    const cx = record.cx;
    if (record.expectedError === undefined || record.expectedError === null) assertNoLastError(cx);
    else assertLastError(cx, record.expectedError);
    let result;
    if (record.func) result = safeFunctionApply(cx, record.func, args);
    ReflectApply(record.completed, undefined, []);
    return result;
  }

  // ---- Listening to an event ---------------------------------------------------------------------
  // (Called as Chromium calls them: the event's own addListener and removeListener.)
  const addListenerTo = (event, listener) => ReflectApply(event.addListener, event, [listener]);
  const removeListenerFrom = (event, listener) => ReflectApply(event.removeListener, event, [listener]);
  function listenOnceWith(record, thisValue, ...args) {
    removeListenerFrom(record.event, record.listener);
    safeFunctionApply(record.cx, record.func, args);
    ReflectApply(record.completed, undefined, []);
  }
  function listenOnceResolving(record, thisValue, ...args) {
    removeListenerFrom(record.event, record.listener);
    record.settle.resolve(args.length === 1 ? args[0] : host.newArray(record.cx, args));
  }
  function listenForeverCall(record, thisValue, ...args) {
    safeFunctionApply(record.cx, record.func, args);
  }
  function listenForeverDone(record) {
    removeListenerFrom(record.event, record.listener);
    ReflectApply(record.completed, undefined, []);
  }

  // ---- The namespace -------------------------------------------------------------------------------
  const message = { name: 'message', type: 'string', optional: true };
  const expectedMessage = { name: 'expectedMessage', choices: [{ type: 'string' }, { type: 'object', isInstanceOf: 'RegExp' }] };
  // Chromium's bindings give a handler `null` for an optional argument left out (or undefined).
  function nullForMissing(description) {
    const names = ObjectKeys(description.functions);
    for (let i = 0; i < names.length; i++) {
      const fn = description.functions[names[i]];
      const run = fn.run;
      fn.run = (cx, args) => {
        const given = listCopy(args);
        for (let j = 0; j < given.length; j++) if (given[j] === undefined) given[j] = null;
        return run(cx, given);
      };
    }
    return description;
  }
  host.defineNamespace('test', ['background', 'content'], () => nullForMissing({
    functions: {
      getConfig: {
        async: true,
        parameters: [],
        run: (cx) => host.request(cx, 'test.getConfig', []),
      },
      notifyFail: {
        parameters: [{ name: 'message', type: 'string' }],
        run(cx, args) { cx.native.test.done(false, args[0], stackLocation(callerStack(cx))); },
      },
      notifyPass: {
        parameters: [message],
        run(cx, args) { cx.native.test.done(true, args[0] === undefined ? null : args[0], stackLocation(callerStack(cx))); },
      },
      log: {
        parameters: [{ name: 'message', type: 'string' }],
        run(cx, args) { cx.native.test.log(args[0]); },
      },
      sendMessage: {
        async: true,
        parameters: [{ name: 'message', type: 'string' }],
        run: (cx, args) => host.request(cx, 'test.sendMessage', [args[0]]),
      },
      waitForRoundTrip: {
        async: true,
        parameters: [{ name: 'message', type: 'string' }],
        run: (cx, args) => host.request(cx, 'test.waitForRoundTrip', [args[0]]),
      },
      callbackAdded: { parameters: [], run: (cx) => callbackAdded(cx) },
      fail: {
        parameters: [{ name: 'message', type: 'any', optional: true }],
        run(cx, args) { failInternal(cx, args[0]); },
      },
      succeed: {
        parameters: [{ name: 'message', type: 'any', optional: true }],
        run(cx) { succeedInternal(cx); },
      },
      assertTrue: {
        parameters: [{ name: 'test', type: 'boolean' }, message],
        run(cx, args) { assertBool(cx, args[0], true, args[1]); },
      },
      assertFalse: {
        parameters: [{ name: 'test', type: 'boolean' }, message],
        run(cx, args) { assertBool(cx, args[0], false, args[1]); },
      },
      checkDeepEq: {
        parameters: [{ name: 'value', type: 'any', optional: true }, { name: 'other_value', type: 'any', optional: true }],
        run: (cx, args) => checkEq(args[0], args[1]),
      },
      assertEq: {
        parameters: [{ name: 'value', type: 'any', optional: true }, { name: 'other_value', type: 'any', optional: true }, message],
        run(cx, args) { assertEq(cx, args[0], args[1], args[2]); },
      },
      assertNe: {
        parameters: [{ name: 'value', type: 'any', optional: true }, { name: 'other_value', type: 'any', optional: true }, message],
        run(cx, args) {
          if (!checkEq(args[0], args[1])) return;
          let text = 'API Test Error in ' + testName(stateOf(cx).current);
          if (args[2]) text += ': ' + args[2];
          failInternal(cx, text + '\nExpected unequal values, but both are ' + JSONStringify(args[0]));
        },
      },
      assertNoLastError: { parameters: [], run(cx) { assertNoLastError(cx); } },
      assertLastError: {
        parameters: [{ name: 'expectedError', type: 'string' }],
        run(cx, args) { assertLastError(cx, args[0]); },
      },
      assertThrows: {
        parameters: [
          { name: 'fn', type: 'function' },
          { name: 'expectedError', optional: true, choices: [{ type: 'string' }, { type: 'object', isInstanceOf: 'RegExp' }] },
          message,
        ],
        run(cx, args) {
          const fn = args[0];
          assertBool(cx, typeof fn === 'function', true);
          let thrown;
          let threw = false;
          try {
            ReflectApply(fn, undefined, []);
          } catch (error) {
            thrown = error;
            threw = true;
          }
          if (!threw) {
            let text = 'Did not throw error: ' + String(fn);
            if (args[2]) text = args[2] + '\n' + text;
            failInternal(cx, text);
            return;
          }
          checkThrownError(cx, thrown, args[1], args[2]);
        },
      },
      assertPromiseRejects: {
        parameters: [{ name: 'promise', type: 'object', isInstanceOf: 'Promise' }, expectedMessage],
        run(cx, args) {
          const promise = args[0];
          const expected = args[1];
          if (!isContextPromise(cx, promise)) {
            throw host.invocationError('test.assertPromiseRejects', "Error at parameter 'promise': Value must be an instance of Promise.");
          }
          const s = stateOf(cx);
          s.pendingRejections++;
          return host.thenOf(cx, promise, () => {
            s.pendingRejections--;
            assertBool(cx, s.pendingRejections >= 0, true, 'Negative pending promise rejection count!');
            failInternal(cx, 'Promise did not reject. Expected error: ' + String(expected));
          }, (error) => {
            s.pendingRejections--;
            assertBool(cx, s.pendingRejections >= 0, true, 'Negative pending promise rejection count!');
            if (typeof expected !== 'string') {
              assertBool(cx, brand.regExpTest(expected, String(error)), true, "'" + messageOf(error) + "' should match '" + String(expected) + "'");
            } else {
              assertEq(cx, 'string', typeof expected);
              assertEq(cx, expected, String(error));
            }
          });
        },
      },
      callback: {
        parameters: [{ name: 'func', type: 'function', optional: true }, { name: 'expectedError', type: 'string', optional: true }],
        run: (cx, args) => makeCallback(cx, args[0], args[1]),
      },
      callbackPass: {
        parameters: [{ name: 'func', type: 'function', optional: true }],
        run: (cx, args) => makeCallback(cx, args[0], undefined),
      },
      callbackFail: {
        parameters: [{ name: 'expectedError', type: 'string' }, { name: 'func', type: 'function', optional: true }],
        run: (cx, args) => makeCallback(cx, args[1], args[0]),
      },
      listenOnce: {
        parameters: [{ name: 'event', type: 'any' }, { name: 'func', type: 'function', optional: true }],
        run(cx, args) {
          const event = args[0];
          const record = { __proto__: null, cx, event, func: args[1], listener: undefined, completed: undefined, settle: undefined };
          if (args[1]) {
            record.completed = callbackAdded(cx);
            record.listener = host.newFunction(cx, 'listener', 0, listenOnceWith, record);
            addListenerTo(event, record.listener);
            return undefined;
          }
          record.settle = host.newPromise(cx);
          record.listener = host.newFunction(cx, 'listener', 0, listenOnceResolving, record);
          addListenerTo(event, record.listener);
          return record.settle.promise;
        },
      },
      listenForever: {
        parameters: [{ name: 'event', type: 'any' }, { name: 'func', type: 'function' }],
        run(cx, args) {
          const record = { __proto__: null, cx, event: args[0], func: args[1], listener: undefined, completed: callbackAdded(cx) };
          record.listener = host.newFunction(cx, 'listener', 0, listenForeverCall, record);
          addListenerTo(record.event, record.listener);
          return host.newFunction(cx, 'done', 0, listenForeverDone, record);
        },
      },
      runTests: {
        parameters: [{ name: 'tests', type: 'array', items: { type: 'function' } }],
        run(cx, args) {
          const s = stateOf(cx);
          if (s.run !== null) throw new Error('chrome.test.runTests is already running.');
          s.tests = listCopy(args[0]);
          s.next = 0;
          s.count = s.tests.length;
          s.run = host.newPromise(cx);
          const promise = s.run.promise;
          runNextTest(cx);
          return promise;
        },
      },
      setExceptionHandler: {
        parameters: [{ name: 'handler', type: 'function' }],
        run(cx, args) {
          assertEq(cx, typeof args[0], 'function');
          const handler = args[0];
          cx.exceptionHandler = (text, error) => { ReflectApply(handler, undefined, [text, error]); };
        },
      },
      runWithUserGesture: {
        parameters: [{ name: 'functionToRun', type: 'function' }],
        run(cx, args) {
          assertEq(cx, typeof args[0], 'function');
          cx.handlingUserInput = (cx.handlingUserInput || 0) + 1;
          try {
            ReflectApply(args[0], undefined, []);
          } finally {
            cx.handlingUserInput--;
          }
        },
      },
      isProcessingUserGesture: { parameters: [], run: (cx) => (cx.handlingUserInput || 0) > 0 },
    },
    events: ['onMessage', 'onTestStarted', 'onTestFinished'],
  }));
});
