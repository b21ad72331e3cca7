import BrowserModel
import Exthost
import Foundation
import Testing

/// Driver scripts (``TestDriver``, js/70_driver.js): the fixtures of `fixtures/driver-tests/` under
/// both flavors, the test declarations and their order, `assert`, what a test leaves behind, a
/// test that waits for what never comes, failures and where they are, and `exthost run --driver`.
@Suite("Driver scripts")
struct DriverTests {
    static let fixtures = packageRoot.appendingPathComponent("fixtures/driver-tests")
    static let site = "http://127.0.0.1:8000=" + packageRoot.appendingPathComponent("fixtures/site").path

    /// Runs a driver script made of `source` (and other files beside it) under `flavor`.
    static func run(_ source: String, files: [String: String] = [:], flavor: Flavor = .chrome) throws -> ExtensionTestOutcome {
        let folder = try TemporaryExtension(files: files.merging(["driver.test.js": source]) { $1 }).directory
        return ExtensionTestSpec(path: folder.appendingPathComponent("driver.test.js").path, flavor: flavor, sites: [site]).run()
    }

    static func test(_ outcome: ExtensionTestOutcome, _ name: String) -> ExtensionSubtest? {
        outcome.tests.first { $0.name == name }
    }

    @Test(arguments: [Flavor.chrome, .firefox])
    func theFixturesPassUnderEachFlavor(flavor: Flavor) throws {
        let scripts = try FileManager.default.contentsOfDirectory(atPath: Self.fixtures.path).filter { $0.hasSuffix(".test.js") }.sorted()
        #expect(!scripts.isEmpty)
        for script in scripts {
            let outcome = ExtensionTestSpec(path: Self.fixtures.appendingPathComponent(script).path, flavor: flavor, sites: [Self.site]).run()
            #expect(outcome.passed, "\(script) (\(flavor.rawValue)): \(outcome.reason ?? "")")
            #expect(outcome.tests.count >= 8)
            #expect(outcome.tests.filter { $0.directive == nil }.allSatisfy { $0.passed == true })
        }
    }

    @Test func testsRunInDeclarationOrderWithTheirHooks() throws {
        let outcome = try Self.run("""
            const order = [];
            before(() => order.push('before'));
            after(() => { if (order.join() !== 'before,each,a,afterEach,s.before,each,s.each,b,s.afterEach,afterEach,s.after,each,c,afterEach') throw new Error(order.join()); });
            beforeEach(() => order.push('each'));
            afterEach(() => order.push('afterEach'));
            test('a', () => order.push('a'));
            describe('s', () => {
              before(() => order.push('s.before'));
              beforeEach(() => order.push('s.each'));
              afterEach(() => order.push('s.afterEach'));
              after(() => order.push('s.after'));
              it('b', () => order.push('b'));
            });
            test('c', () => order.push('c'));
            """)
        #expect(outcome.passed, "\(outcome.reason ?? "")")
        #expect(outcome.tests.map(\.name) == ["a", "s > b", "c"])
    }

    @Test func skipOnlyAndTodo() throws {
        let outcome = try Self.run("""
            test('not selected', () => { throw new Error('ran'); });
            test.only('selected', () => {});
            describe.only('suite', () => {
              test('inside', () => {});
              test.skip('skipped', () => { throw new Error('ran'); });
              test('skipped with a reason', { skip: 'not on this machine' }, () => { throw new Error('ran'); });
              test.todo('to do');
              test.todo('to do that fails', () => { throw new Error('not yet'); });
            });
            """)
        #expect(outcome.passed, "\(outcome.reason ?? "")")
        #expect(Self.test(outcome, "not selected")?.directive == .skip)
        #expect(Self.test(outcome, "selected")?.directive == nil)
        #expect(Self.test(outcome, "selected")?.passed == true)
        #expect(Self.test(outcome, "suite > inside")?.passed == true)
        #expect(Self.test(outcome, "suite > skipped")?.directive == .skip)
        #expect(Self.test(outcome, "suite > skipped with a reason")?.finished?.message == "not on this machine")
        #expect(Self.test(outcome, "suite > to do")?.directive == .todo)
        #expect(Self.test(outcome, "suite > to do that fails")?.directive == .todo)
        #expect(Self.test(outcome, "suite > to do that fails")?.finished?.message == "not yet")
    }

    @Test func aFailedAssertionSaysWhatDifferedAndWhere() throws {
        let outcome = try Self.run("""
            test('passes', () => assert.ok(true));
            test('deep', () => {
              assert.deepStrictEqual({ a: [1, 2], b: 'x' }, { a: [1, 3], b: 'x' });
            });
            test('message', () => assert.equal(1, 2, 'one is not two'));
            """)
        #expect(!outcome.passed)
        #expect(outcome.reason?.hasPrefix("deep failed: Expected values to be strictly deep-equal:") == true)
        let deep = try #require(Self.test(outcome, "deep")?.finished)
        #expect(deep.expected == "{ a: [ 1, 3 ], b: 'x' }")
        #expect(deep.actual == "{ a: [ 1, 2 ], b: 'x' }")
        #expect(deep.sourceLocation?.hasSuffix("driver.test.js:3:25") == true)
        let message = try #require(Self.test(outcome, "message")?.finished)
        #expect(message.message == "one is not two")
        #expect(Self.test(outcome, "passes")?.passed == true)
    }

    @Test func assertFollowsNode() throws {
        let outcome = try Self.run("""
            test('assert', async () => {
              assert.deepStrictEqual(new Map([[1, { a: 1 }]]), new Map([[1, { a: 1 }]]));
              assert.notDeepStrictEqual({ a: 1 }, { a: '1' });
              assert.deepEqual({ a: 1 }, { a: '1' });
              assert.notDeepStrictEqual([1], { 0: 1, length: 1 });
              assert.deepStrictEqual(new Set([{ x: 1 }]), new Set([{ x: 1 }]));
              assert.notStrictEqual(NaN, 0);
              assert.strictEqual(NaN, NaN);
              assert.notDeepStrictEqual(0, -0);
              assert.throws(() => { throw new TypeError('bad thing'); }, TypeError);
              assert.throws(() => { throw new TypeError('bad thing'); }, /bad/);
              assert.throws(() => { throw new TypeError('bad thing'); }, { name: 'TypeError', message: 'bad thing' });
              assert.throws(() => assert.throws(() => {}), { code: 'ERR_ASSERTION', message: 'Missing expected exception.' });
              assert.throws(() => assert.strictEqual(1, 2), assert.AssertionError);
              await assert.rejects(async () => { throw new RangeError('r'); }, RangeError);
              await assert.doesNotReject(Promise.resolve(1));
              assert.match('abc', /b/);
              assert.doesNotMatch('abc', /d/);
              assert.ifError(null);
              assert(true);
              const error = (() => { try { assert.strictEqual(1, 2); } catch (e) { return e; } })();
              assert.strictEqual(error.name, 'AssertionError');
              assert.strictEqual(error.actual, 1);
              assert.strictEqual(error.expected, 2);
              assert.strictEqual(error.operator, '===');
              assert.strictEqual(error.generatedMessage, true);
            });
            """)
        #expect(outcome.passed, "\(outcome.reason ?? "")")
    }

    @Test func aTestWaitingForWhatNeverComesFailsAndTheNextOneRuns() throws {
        let outcome = try Self.run("""
            test('waits for a message', async () => {
              const extension = await exthost.loadExtension({ background() {} });
              await extension.awaitMessage('never');
            });
            test('waits for a promise', () => new Promise(() => {}));
            test('runs after them', () => {});
            """)
        #expect(Self.test(outcome, "waits for a message")?.finished?.message
                == #"the test waited for awaitMessage("never"), which never came, and the browser had nothing left to do"#)
        #expect(Self.test(outcome, "waits for a promise")?.finished?.message
                == "the test waited for a promise that never settled, and the browser had nothing left to do")
        #expect(Self.test(outcome, "runs after them")?.passed == true)
    }

    @Test func anUncaughtErrorWhileATestRunsFailsIt() throws {
        let outcome = try Self.run("""
            test('the background throws', async () => {
              await exthost.loadExtension({ background() { setTimeout(() => { throw new Error('boom'); }, 5); } });
              await exthost.advanceClock(10);
            });
            test('the next test passes', () => {});
            """)
        let failed = try #require(Self.test(outcome, "the background throws"))
        #expect(failed.passed == false)
        #expect(failed.finished?.message == "uncaught: Uncaught Error: boom (in the background while the test ran)")
        #expect(failed.console.contains { $0.isUncaught })
        #expect(Self.test(outcome, "the next test passes")?.passed == true)
    }

    @Test func whatATestLoadedAndOpenedIsGoneAfterIt() throws {
        let outcome = try Self.run("""
            let extension;
            test('opens and loads', async () => {
              extension = await exthost.loadExtension({ background() { setInterval(() => console.log('tick'), 1000); } });
              await exthost.openTab('http://127.0.0.1:8000/index.html');
              await exthost.openTab({ url: 'http://inline.test/a.html', html: '<title>A</title>' }, { active: false });
              assert.deepStrictEqual(exthost.tabs().map((tab) => [tab.url, tab.active]),
                [['about:blank', false], ['http://127.0.0.1:8000/index.html', true], ['http://inline.test/a.html', false]]);
              assert.strictEqual(exthost.tabs()[2].title, 'A');
            });
            test('finds the browser as it was', async () => {
              assert.deepStrictEqual(exthost.tabs().map((tab) => tab.url), ['about:blank']);
              await assert.rejects(extension.awaitMessage('x'), /The extension was unloaded/);
              const lines = exthost.consoleMessages();
              await exthost.advanceClock(5000);
              assert.deepStrictEqual(exthost.consoleMessages(), lines);
            });
            """)
        #expect(outcome.passed, "\(outcome.reason ?? "")")
    }

    @Test func inlineExtensionsAndTheirMistakes() throws {
        let outcome = try Self.run("""
            test('a missing folder', async () => {
              await assert.rejects(exthost.loadExtension('nowhere'), /No such extension directory/);
            });
            test('a file outside the extension', async () => {
              await assert.rejects(exthost.loadExtension({ files: { '../escape.js': '' } }), /must be a relative path inside the extension/);
            });
            test('a folder beside the script', async () => {
              const extension = await exthost.loadExtension('ext');
              assert.strictEqual(extension.name, 'beside');
              assert.match(extension.url('/popup.html'), /^chrome-extension:\\/\\/[a-p]{32}\\/popup\\.html$/);
            });
            test('functions, methods and JSON files', async () => {
              const extension = await exthost.loadExtension({
                background: async function start() { await null; console.log('started'); },
                files: { 'data.json': { answer: 42 }, 'method.js': { run() {} }.run },
              });
              assert.ok(extension.id);
            });
            """, files: ["ext/manifest.json": #"{"manifest_version": 3, "name": "beside", "version": "1"}"#])
        #expect(outcome.passed, "\(outcome.reason ?? "")")
    }

    @Test func theMessageRecordShowsWhatCrossed() throws {
        let outcome = try Self.run("""
            test('a port', async () => {
              await exthost.loadExtension({
                manifest: { content_scripts: [{ matches: ['http://127.0.0.1/*'], js: ['content.js'] }] },
                background() {
                  chrome.runtime.onConnect.addListener((port) => port.onMessage.addListener((m) => { port.postMessage(m + 1); port.disconnect(); }));
                },
                files: { 'content.js': () => { const port = chrome.runtime.connect({ name: 'counter' }); port.postMessage(1); port.onMessage.addListener((m) => console.log('got ' + m)); } },
              });
              await exthost.openTab('http://127.0.0.1:8000/index.html');
              await exthost.waitForConsole('got 2');
              const record = exthost.messages().map((m) => [m.kind, m.from.kind, m.to.map((c) => c.kind).join(), m.name ?? m.data ?? '']);
              assert.deepStrictEqual(record, [
                ['connect', 'content', 'background', 'counter'],
                ['postMessage', 'content', 'background', '1'],
                ['postMessage', 'background', 'content', '2'],
                ['disconnect', 'background', 'content', ''],
              ]);
            });
            """)
        #expect(outcome.passed, "\(outcome.reason ?? "")")
    }

    @Test func replyToAnswersChromiumsSendMessage() throws {
        let outcome = try Self.run("""
            test('a reply given in advance', async () => {
              const extension = await exthost.loadExtension({
                background() {
                  chrome.test.onMessage.addListener(({ data }) => {
                    chrome.test.sendMessage('question', (answer) => chrome.test.sendMessage(`answer ${answer} to ${data}`));
                  });
                },
              });
              extension.replyTo('question', '42');
              extension.sendMessage('go');
              await extension.awaitMessage('answer 42 to go');
              extension.sendMessage('again');
              await extension.awaitMessage('answer  to again');
            });
            """)
        #expect(outcome.passed, "\(outcome.reason ?? "")")
    }

    @Test func exthostRunDriver() throws {
        let folder = try TemporaryExtension(files: ["a.test.js": "test('one', () => {}); test('two', () => assert.strictEqual(1, 2));"]).directory
        let run = try CommandRun.exthost(["run", "--driver", folder.appendingPathComponent("a.test.js").path])
        #expect(run.status == 1)
        #expect(run.output.contains("driver │ ✔ one"))
        #expect(run.output.contains("driver │ ✘ two: Expected values to be strictly equal:"))
        let both = try CommandRun.exthost(["run", folder.path, "--driver", "a.test.js"])
        #expect(both.status == 2)
        #expect(both.errors.contains("Give an extension folder or --driver, not both"))
    }

    @Test func lineDiff() {
        let diff = LineDiff(from: "{\n  a: 1,\n  b: 2\n}", to: "{\n  a: 1,\n  b: 3\n}")
        #expect(diff.lines == [.same("{"), .same("  a: 1,"), .removed("  b: 2"), .added("  b: 3"), .same("}")])
        #expect(LineDiff(from: "x", to: "x").lines == [.same("x")])
        #expect(LineDiff(from: "", to: "a\nb").lines == [.removed(""), .added("a"), .added("b")])
        #expect(JSONValue.parse(#"{"a":[1,{}],"b":[],"c":"x"}"#)?.prettyText == "{\n  \"a\": [\n    1,\n    {}\n  ],\n  \"b\": [],\n  \"c\": \"x\"\n}")
    }
}
