@testable import Exthost
import BrowserModel
import Foundation
import JSEngine
import Testing

/// `chrome.test` and `browser.test` (js/54_test_chrome.js, js/55_test_firefox.js): what each
/// harness reports as test events, in every extension context and either flavor. The texts of
/// Chromium's harness are also compared with Chromium's own in fixtures/conformance/test-api-chrome.
@Suite("Test harnesses")
struct TestHarnessTests {
    // MARK: Chromium's harness

    @Test(arguments: [Flavor.chrome, .firefox])
    func chromiumsRunTestsReportsEachTestAndTheRun(flavor: Flavor) throws {
        let run = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(),
            "bg.js": """
            chrome.test.runTests([
              function passes() { chrome.test.assertEq([1, {a: 2}], [1, {a: 2}]); chrome.test.succeed(); },
              function fails() { chrome.test.assertEq(1, 2, 'one is two'); console.log('not reached'); },
              function waitsForItsCallback() { setTimeout(chrome.test.callbackPass(() => console.log('callback')), 100); },
              async function returnsOnly() { await null; chrome.test.succeed(); },
            ]).catch((e) => console.log('rejected:', e.message));
            """,
        ], flavor: flavor)
        #expect(run.host.harness == .chrome)
        #expect(run.testLines == [
            "testStarted passes", "testFinished passes true: passes PASS",
            "testStarted fails", "testFinished fails false: API Test Error in fails: one is two\n1 did not deep-equal 2",
            "testStarted waitsForItsCallback", "testFinished waitsForItsCallback true: waitsForItsCallback PASS",
            "testStarted returnsOnly", "testFinished returnsOnly true: returnsOnly PASS",
            "done false: Failed 1 of 4 tests",
        ])
        #expect(run.texts == ["callback", "rejected: Failed 1 of 4 tests"])
        #expect(run.host.testSummary.testsPassed == 3)
        #expect(run.host.testSummary.testsFailed == 1)
        #expect(run.host.testSummary.hasFailures)
    }

    @Test func aFailureNamesThePlaceInTheExtensionsFile() throws {
        let extensionFiles = [
            "manifest.json": TemporaryExtension.manifest(),
            "bg.js": "chrome.test.runTests([\n  function checks() {\n    chrome.test.assertTrue(false, 'it was false');\n  },\n]).catch(() => {});\n",
        ]
        let directory = try TemporaryExtension(files: extensionFiles).directory
        let run = try HostRun.run(directory)
        let failure = try #require(run.testEvents.first { $0.kind == .testFinished })
        #expect(failure.passed == false)
        #expect(failure.location?.hasSuffix("/bg.js:3:27") == true)
        #expect(failure.sourceLocation == directory.appendingPathComponent("bg.js").path + ":3:27")
        #expect(failure.detail?.hasPrefix("it was false \n Error\n    at checks (chrome-extension://") == true)
    }

    @Test func listenersAndCallbacksThatThrowFailTheRunningTest() throws {
        let run = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(),
            "bg.js": """
            function throwing() { throw new Error('from a listener'); }
            chrome.test.runTests([
              function listener() { chrome.tabs.onCreated.addListener(throwing); chrome.tabs.create({}); },
              function callback() { chrome.tabs.onCreated.removeListener(throwing); chrome.tabs.query({}, () => { throw new Error('from a callback'); }); },
            ]).catch(() => {});
            """,
        ])
        let failures = run.testEvents.filter { $0.kind == .testFinished }.map { $0.message?.split(separator: "\n").first.map(String.init) }
        #expect(failures == [
            "Exception running listener: Error in event handler: Error: from a listener",
            "Exception running callback: Error handling response: Error: from a callback",
        ])
        // (The harness takes them instead of the console.)
        #expect(run.messages.isEmpty)
    }

    @Test func getConfigAnswersWhatTheRunConfigured() throws {
        let files = [
            "manifest.json": TemporaryExtension.manifest(),
            "bg.js": "chrome.test.getConfig((config) => { console.log(JSON.stringify(config)); console.log(String(chrome.runtime.lastError && chrome.runtime.lastError.message)); });",
        ]
        let configured = try HostRun.run(files: files, testConfig: TestConfig(customArg: "extra", testServerPort: 8000))
        #expect(configured.texts == [#"{"customArg":"extra","testServer":{"port":8000}}"#, "undefined"])
        let unset = try HostRun.run(files: files)
        #expect(unset.texts == ["undefined", "Test configuration was not set."])
    }

    @Test func sendMessageAndLogAreEventsForTheDriver() throws {
        let run = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(),
            "bg.js": "chrome.test.log('a line'); chrome.test.sendMessage('ready', (reply) => console.log('reply', JSON.stringify(reply))); chrome.test.notifyPass();",
        ])
        #expect(run.testLines == ["log: a line", "done true: ", #"message: ["ready"]"#])
        #expect(run.texts == [#"reply """#])
        #expect(!run.host.testSummary.hasFailures)
    }

    @Test func contentScriptsHaveTheHarness() throws {
        let run = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(contentScripts: #"[{"matches": ["<all_urls>"], "js": ["cs.js"]}]"#),
            "bg.js": "",
            "cs.js": "chrome.test.runTests([function inContent() { chrome.test.assertEq(chrome.runtime.getURL(''), 'chrome-extension://' + chrome.runtime.id + '/'); chrome.test.succeed(); }]);",
        ], open: ["http://127.0.0.1:8000/index.html"])
        let finished = try #require(run.testEvents.first { $0.kind == .testFinished })
        #expect(finished.context == .content)
        #expect(finished.tabId == 2)
        #expect(finished.frameId == 0)
        #expect(finished.passed == true)
        #expect(run.testLines.last == "done true: ")
    }

    @Test func aContextThatNeverTouchesTheHarnessLoadsNoneOfIt() throws {
        let run = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(),
            "bg.js": "console.log(typeof chrome.test, typeof chrome.runtime.getURL);",
        ])
        #expect(run.texts == ["object function"])
        #expect(!run.host.realm.loadedModuleNames.contains("test_chrome"))
        #expect(!run.host.realm.loadedModuleNames.contains("test_firefox"))
        let touched = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(),
            "bg.js": "console.log(typeof chrome.test.runTests);",
        ])
        #expect(touched.texts == ["function"])
        #expect(touched.host.realm.loadedModuleNames.contains("test_chrome"))
    }

    // MARK: Firefox's harness

    @Test(arguments: [Flavor.firefox, .chrome])
    func firefoxsRunTestsCountsChecksAndGoesOn(flavor: Flavor) throws {
        let run = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(),
            "bg.js": """
            browser.test.runTests([
              function equal() { browser.test.assertEq(1, 1, 'one'); browser.test.assertDeepEq({b: [1, undefined], a: 2}, {a: 2, b: [1, undefined]}, 'deep'); },
              function unequal() { browser.test.assertEq(1, '1', 'looks the same'); browser.test.assertTrue(true); },
              async function rejects() { await null; throw new TypeError('bad'); },
              async function () { await browser.test.assertRejects(Promise.reject(new Error('no')), /no/, 'rejected'); },
              function throws() { browser.test.assertThrows(() => { throw new Error('x'); }, 'y'); },
            ]).then(() => { console.log('resolved'); browser.test.notifyPass('all ran'); });
            """,
        ], flavor: flavor)
        #expect(run.host.harness == .firefox)
        #expect(run.testLines == [
            "testStarted equal", "assertion true: one - Expected: 1, Actual: 1", #"assertion true: deep - Expected: {"b":[1,"undefined"],"a":2}, Actual: {"a":2,"b":[1,"undefined"]}"#,
            "testFinished equal true: equal PASS",
            "testStarted unequal", "assertion false: looks the same - Expected: 1, Actual: 1 (different)", "assertion true: Assertion PASS",
            "testFinished unequal false: looks the same - Expected: 1, Actual: 1 (different)",
            "testStarted rejects", "testFinished rejects false: Exception running rejects: bad",
            "testStarted unnamed_test_1",
            "assertion true: Promise rejected, expecting rejection to match '/no/', got 'Error: no': rejected",
            "testFinished unnamed_test_1 true: unnamed_test_1 PASS",
            "testStarted throws", #"assertion false: Function threw, expecting error to match '"y"', got 'Error: x'"#,
            #"testFinished throws false: Function threw, expecting error to match '"y"', got 'Error: x'"#,
            "done true: all ran",
        ])
        #expect(run.texts == ["resolved"])
    }

    @Test func firefoxsAssertionsRefuseWhatTheyCannotCompare() throws {
        let run = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(version: 2),
            "bg.js": """
            const attempt = (f) => { try { f(); console.log('no error'); } catch (e) { console.log(e.message); } };
            attempt(() => browser.test.assertThrows(() => {}));
            attempt(() => browser.test.assertDeepEq(new Map(), new Map()));
            attempt(() => browser.test.runTests([]));
            attempt(() => browser.test.notifyFail());
            attempt(() => browser.test.assertEq(NaN, NaN));
            """,
        ], flavor: .firefox)
        #expect(run.texts == [
            "Missing required expectedError",
            "Unsupported obj type: Map",
            "Type error for parameter tests (Array requires at least 1 items; you have 0) for test.runTests.",
            "Incorrect argument types for test.notifyFail.",
            "no error",
        ])
        #expect(run.testLines == ["assertion false: undefined - Expected: NaN, Actual: NaN (different)"])
    }

    @Test func aTaskWhoseContentScriptGoesAwayFails() throws {
        let run = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(version: 2, contentScripts: #"[{"matches": ["http://127.0.0.1/index.html"], "js": ["cs.js"]}]"#),
            "bg.js": "browser.runtime.onMessage.addListener((message, sender) => { browser.tabs.update(sender.tab.id, {url: 'http://127.0.0.1:8000/other.html'}); });",
            "cs.js": "browser.test.runTests([function waits() { browser.runtime.sendMessage('navigate me'); return new Promise(() => {}); }]);",
        ], pages: [
            // (A page that listens to unload goes away; the back/forward cache would keep another.)
            "index.html": "<!doctype html><p>index</p><script>addEventListener('unload', () => {});</script>",
            "other.html": "<!doctype html><p>other</p>",
        ], flavor: .firefox, open: ["http://127.0.0.1:8000/index.html"])
        // (Firefox's harness ends the task with the string it rejects with then: its `message` is undefined.)
        #expect(run.testLines == ["testStarted waits", "testFinished waits false: Exception running waits: undefined"])
        #expect(run.testEvents.last?.context == .content)
    }

    @Test(arguments: [TestHarness.chrome, .firefox])
    func thenablesAndPromisesGetOnlyFunctionsOfTheirOwnRealm(harness: TestHarness) throws {
        // (A function of another realm is not an instance of this realm's Object.)
        let code = harness == .chrome ? """
            const own = (f) => typeof f === 'function' && f instanceof Object;
            const then = Promise.prototype.then;
            Promise.prototype.then = function (a, b) { console.log('then', (a === undefined || own(a)) && (b === undefined || own(b))); return then.call(this, a, b); };
            chrome.test.runTests([
              async function returnsAPromise() { chrome.test.succeed(); },
              function assertPromiseRejects() { return chrome.test.assertPromiseRejects(Promise.reject(new Error('x')), 'Error: x').then(() => chrome.test.succeed()); },
            ]);
            """ : """
            const own = (f) => typeof f === 'function' && f instanceof Object;
            browser.test.runTests([
              function returnsAThenable() { return { then(a, b) { console.log('then', own(a) && own(b)); a(); } }; },
              async function assertRejects() { await browser.test.assertRejects({ then(a, b) { console.log('then', own(a) && own(b)); b(new Error('m')); } }, 'm'); },
            ]);
            """
        let run = try HostRun.run(files: ["manifest.json": TemporaryExtension.manifest(), "bg.js": code], harness: harness)
        #expect(!run.texts.isEmpty)
        #expect(run.texts.allSatisfy { $0 == "then true" }, "\(run.texts)")
        #expect(!run.host.testSummary.hasFailures)
    }

    @Test func aTestThatNeverEndsFailsTheRun() throws {
        let directory = try TemporaryExtension(files: [
            "manifest.json": TemporaryExtension.manifest(),
            "bg.js": "chrome.test.runTests([function a() { chrome.test.succeed(); }, function b() { chrome.test.callbackAdded(); }, function c() { chrome.test.succeed(); }]);",
        ]).directory
        let outcome = ExtensionTestSpec(path: directory.path, flavor: .chrome).run()
        #expect(!outcome.passed)
        #expect(outcome.reason == "b did not end (a test of chrome.test ends at succeed(), fail(), a failed assertion or its last pending callback)")
        #expect(outcome.tests.map(\.name) == ["a", "b"])
    }

    @Test func chromiumsAssertEqOnObjectsGivesTheTwoValues() throws {
        let directory = try TemporaryExtension(files: [
            "manifest.json": TemporaryExtension.manifest(),
            "bg.js": "chrome.test.runTests([function objects() { chrome.test.assertEq({a: [1, 2]}, {a: [1, 3]}); }, function numbers() { chrome.test.assertEq(1, 2); }]);",
        ]).directory
        let outcome = ExtensionTestSpec(path: directory.path, flavor: .chrome).run()
        let objects = try #require(outcome.tests.first { $0.name == "objects" }?.finished)
        #expect(objects.message == "API Test Error in objects\n{\"a\":[1,2]} did not deep-equal {\"a\":[1,3]}")
        #expect(objects.expected == #"{"a":[1,2]}"#)
        #expect(objects.actual == #"{"a":[1,3]}"#)
        let numbers = try #require(outcome.tests.first { $0.name == "numbers" }?.finished)
        #expect(numbers.expected == nil && numbers.actual == nil)
    }

    @Test func aTestWhoseNameIsNoStringStillRuns() throws {
        let run = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(),
            "bg.js": "const f = function () { chrome.test.succeed(); }; Object.defineProperty(f, 'name', {value: 42}); chrome.test.runTests([f, function next() { chrome.test.succeed(); }]);",
        ])
        #expect(run.testLines == ["testStarted 42", "testFinished 42 true: 42 PASS", "testStarted next", "testFinished next true: next PASS", "done true: "])
    }

    @Test func aFirefoxTaskPassesWhenItsLastErrorIsEmpty() throws {
        let run = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(),
            "bg.js": "browser.test.runTests([function quiet() { browser.test.fail(''); }]);",
        ], harness: .firefox)
        #expect(run.testLines == ["testStarted quiet", "assertion false: ", "testFinished quiet true: "])
    }

    // MARK: Which harness

    @Test func theHarnessIsTheOneTheScriptsName() throws {
        let folder = try TemporaryExtension(files: ["a.js": "chrome.test.runTests([])", "lib/b.js": "", "manifest.json": "{}"]).directory
        #expect(TestHarness.detect(inExtensionAt: folder) == .chrome)
        let firefox = try TemporaryExtension(files: ["a.js": "browser.test.runTests([])", "manifest.json": "{}"]).directory
        #expect(TestHarness.detect(inExtensionAt: firefox) == .firefox)
        let both = try TemporaryExtension(files: ["a.js": "browser.test.log('')", "b.js": "chrome.test.log('')"]).directory
        #expect(TestHarness.detect(inExtensionAt: both) == nil)
        let neither = try TemporaryExtension(files: ["a.js": "console.log(1)"]).directory
        #expect(TestHarness.detect(inExtensionAt: neither) == nil)
    }
}
