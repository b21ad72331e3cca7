import BrowserModel
@testable import Exthost
import Foundation
import JSEngine
import Testing

/// A promise resolved with an object asks the object for its `then` and calls it with the
/// promise's resolving functions; `then` reads the promise's `constructor` and species and
/// constructs the promise it derives with an executor. Each of those functions belongs to the
/// realm of the promise (or of `then`), so a promise of the host realm resolved with a context's
/// value, or the host realm's `then` applied to a context's promise, would hand a script a
/// function of the host realm (its `Function`, its `Object.prototype`, shared by every context).
/// Each test here has a script put `then` on its `Object.prototype` (or a species on a promise, or
/// hand `waitUntil` a thenable) and checks that every function it is given is its own realm's,
/// and that a callback API never asks its result for `then`, as in the browsers.
@Suite("Thenable isolation")
struct ThenableIsolationTests {
    /// `check(label, fn)` records `label` in `foreign` when `fn` is a function of another realm;
    /// `Object.prototype.then` counts its calls, checks what it is given and resolves with the
    /// object itself (as no thenable); `report(label)` prints the count and what was foreign.
    static let probe = """
        const OwnFunction = Function;
        const ownFunctionPrototype = Function.prototype;
        const ownObjectPrototype = Object.prototype;
        const getPrototypeOf = Object.getPrototypeOf;
        const foreign = [];
        let thenCalls = 0;
        function check(label, fn) {
          if (typeof fn !== 'function') return;
          const own = getPrototypeOf(fn) === ownFunctionPrototype && getPrototypeOf(getPrototypeOf(fn)) === ownObjectPrototype
            && fn.constructor === OwnFunction;
          if (!own) foreign.push(label);
        }
        function trap(resolve, reject) {
          thenCalls++;
          check('then resolve', resolve);
          check('then reject', reject);
          delete Object.prototype.then;
          try { if (typeof resolve === 'function') resolve(this); }
          finally { Object.defineProperty(Object.prototype, 'then', { value: trap, writable: true, enumerable: false, configurable: true }); }
        }
        Object.defineProperty(Object.prototype, 'then', { value: trap, writable: true, enumerable: false, configurable: true });
        function report(label) { console.log(label + ': then calls ' + thenCalls + ', foreign ' + JSON.stringify(foreign)); }

        """

    static let contentScripts = #"[{"matches": ["<all_urls>"], "js": ["cs.js"]}]"#

    /// `tabs.query` with a callback never asks its result for `then`; as a promise, it resolves the
    /// context's own promise, whose `then` gets the context's resolving functions.
    @Test(arguments: Flavor.allCases)
    func anAPIResultIsNeverFollowedWithTheHostsFunctions(flavor: Flavor) throws {
        let run = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(),
            "bg.js": Self.probe + """
                chrome.tabs.query({}, (tabs) => {
                  report('callback ' + Array.isArray(tabs));
                  chrome.tabs.query({}).then((tabs) => report('promise ' + Array.isArray(tabs)));
                });
                """,
        ], flavor: flavor)
        #expect(run.texts == ["callback true: then calls 0, foreign []", "promise true: then calls 1, foreign []"])
    }

    /// A one-time message's answer, to a callback and to a promise.
    @Test(arguments: Flavor.allCases)
    func aMessagesAnswerIsNeverFollowedWithTheHostsFunctions(flavor: Flavor) throws {
        let run = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(contentScripts: Self.contentScripts),
            "bg.js": "chrome.runtime.onMessage.addListener((message, sender, sendResponse) => { sendResponse({ answer: message.n + 1 }); });",
            "cs.js": Self.probe + """
                chrome.runtime.sendMessage({ n: 1 }, (answer) => {
                  report('callback ' + answer.answer);
                  chrome.runtime.sendMessage({ n: 2 }).then((answer) => report('promise ' + answer.answer));
                });
                """,
        ], flavor: flavor, open: ["http://127.0.0.1:8000/index.html"])
        #expect(run.texts == ["callback 2: then calls 0, foreign []", "promise 3: then calls 1, foreign []"])
    }

    /// Firefox's `runtime.getBackgroundPage()` gives a window of the context (here its own).
    @Test
    func aBackgroundPageIsNeverFollowedWithTheHostsFunctions() throws {
        let manifest = #"{"manifest_version": 2, "name": "test", "version": "1.0", "background": {"scripts": ["bg.js"]}}"#
        let run = try HostRun.run(files: [
            "manifest.json": manifest,
            "bg.js": Self.probe + """
                chrome.runtime.getBackgroundPage((page) => {
                  report('callback ' + (page === window));
                  browser.runtime.getBackgroundPage().then((page) => report('promise ' + (page === window)));
                });
                """,
        ], flavor: .firefox)
        #expect(run.texts == ["callback true: then calls 0, foreign []", "promise true: then calls 1, foreign []"])
    }

    /// An `onMessage` listener's promise is followed with the context's own `then`: a species the
    /// script gave it is constructed with an executor of the context's realm.
    @Test(arguments: Flavor.allCases)
    func aListenersPromiseIsFollowedWithTheContextsOwnThen(flavor: Flavor) throws {
        let run = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(contentScripts: Self.contentScripts),
            "bg.js": Self.probe + """
                let constructed = 0;
                function Species(executor) {
                  constructed++;
                  check('species executor', executor);
                  return new Promise(executor);
                }
                Species[Symbol.species] = Species;
                chrome.runtime.onMessage.addListener((message) => {
                  const promise = new Promise((resolve) => setTimeout(() => resolve({ answer: message.n + 1 }), 1));
                  promise.constructor = Species;
                  setTimeout(() => report('species constructed ' + constructed), 5);
                  return promise;
                });
                """,
            "cs.js": "chrome.runtime.sendMessage({ n: 1 }).then((answer) => console.log('answer ' + answer.answer));",
        ], flavor: flavor, open: ["http://127.0.0.1:8000/index.html"])
        #expect(run.texts.contains("answer 2"))
        #expect(run.texts.contains("species constructed 1: then calls 1, foreign []"))
    }

    /// `ExtendableEvent.waitUntil` follows a thenable with resolving functions of the worker's realm.
    @Test
    func waitUntilFollowsAThenableWithTheWorkersOwnFunctions() throws {
        let run = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(),
            "bg.js": Self.probe + """
                self.addEventListener('install', (event) => {
                  event.waitUntil({ then(resolve, reject) { check('waitUntil resolve', resolve); check('waitUntil reject', reject); resolve(); } });
                  chrome.tabs.query({}, () => report('callback'));
                });
                self.addEventListener('activate', () => report('activate'));
                """,
        ], flavor: .chrome)
        #expect(run.texts.sorted() == ["activate: then calls 0, foreign []", "callback: then calls 0, foreign []"])
    }

    /// A module graph that awaits at top level is evaluated without asking the promises it waits
    /// on for their `constructor` (or species), as the browsers' module evaluation does: a getter
    /// a script put on `Promise.prototype.constructor` runs only for the script's own promises.
    @Test
    func moduleEvaluationNeverReadsAConstructorAScriptSet() throws {
        let run = try HostRun.run(files: [
            "manifest.json": ModuleScriptTests.moduleManifest,
            "bg.js": "import './first.js';\nimport { value } from './slow.js';\nconsole.log('bg', value);\nsetTimeout(() => console.log('constructor reads', globalThis.reads), 10);\n",
            "first.js": """
                globalThis.reads = 0;
                Object.defineProperty(Promise.prototype, 'constructor', { get() { globalThis.reads++; return Promise; }, configurable: true });

                """,
            "slow.js": "await null;\nawait null;\nexport const value = 'awaited';\n",
        ], flavor: .firefox)
        #expect(run.texts == ["bg awaited", "constructor reads 0"])
    }

    /// Defence in depth: the host realm's intrinsics take no new property (and, but for
    /// Object.prototype and the errors', no changed one), also once the DOM library has loaded
    /// into the realm.
    @Test
    func theHostRealmsIntrinsicsAreLocked() throws {
        let run = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(contentScripts: Self.contentScripts),
            "bg.js": "",
            "cs.js": "console.log(document.body.children.length > 0);",
        ], open: ["http://127.0.0.1:8000/index.html"])
        #expect(run.texts == ["true"])
        let probe = """
            (() => {
              'use strict';
              const refused = (write) => { try { write(); return false; } catch (e) { return e instanceof TypeError; } };
              return [
                Object.isExtensible(Object.prototype), Object.isFrozen(Function.prototype), Object.isFrozen(Array.prototype),
                Object.isFrozen(Promise.prototype), Object.isFrozen(Promise), Object.isExtensible(Error.prototype),
                Object.isFrozen(Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()))),
                refused(() => { Object.prototype.then = () => {}; }),
                refused(() => { Function.prototype.call = () => {}; }),
              ].join(' ');
            })()
            """
        let result = try run.host.realm.script.evaluate(probe, sourceURL: "probe.js")
        #expect(result.stringValue == "false true true true true false true true true")
    }
}
