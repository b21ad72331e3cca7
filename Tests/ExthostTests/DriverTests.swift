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
        // (`link` is a symbolic link to `ext`, when there is one.)
        if files.keys.contains(where: { $0.hasPrefix("ext/") }) {
            try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("link").path, withDestinationPath: "ext")
        }
        return ExtensionTestSpec(path: folder.appendingPathComponent("driver.test.js").path, flavor: flavor, sites: [site]).run()
    }

    /// The extensions' console lines a driver script logged as `LINES [...]` (JSON), where tests
    /// compare what several contexts printed in order.
    static func loggedLines(_ outcome: ExtensionTestOutcome) -> [String] {
        guard let line = outcome.tests.flatMap(\.console).map(\.text).first(where: { $0.hasPrefix("LINES ") }),
              let list = try? JSONDecoder().decode([String].self, from: Data(line.dropFirst(6).utf8)) else { return [] }
        return list
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

    @Test func tabsAnExtensionOpenedCloseWhenTheTestEnds() throws {
        let outcome = try Self.run("""
            test('an extension opens tabs', async () => {
              await exthost.loadExtension({ manifest: { permissions: ['tabs'] }, background() {
                chrome.tabs.create({ url: 'http://a.example/' }, () => chrome.tabs.create({ url: 'http://b.example/' }, () => console.log('opened')));
              } });
              await exthost.waitForConsole('opened');
              assert.deepStrictEqual(exthost.tabs().map((tab) => tab.url), ['about:blank', 'http://a.example/', 'http://b.example/']);
            });
            test('the next test starts from the tabs open before', () => {
              assert.deepStrictEqual(exthost.tabs().map((tab) => tab.url), ['about:blank']);
            });
            """)
        #expect(outcome.passed, "\(outcome.reason ?? "")")
        #expect(outcome.tests.allSatisfy { $0.passed == true }, "\(outcome.tests.map { "\($0.name): \($0.finished?.message ?? "")" })")
    }

    @Test(arguments: [Flavor.chrome, .firefox])
    func aTabOpenedAfterABrowserRestartClosesWhenTheTestEnds(flavor: Flavor) throws {
        let outcome = try Self.run("""
            describe('suite', () => {
              before(async () => {
                await exthost.loadExtension({ manifest: { name: 'opener', permissions: ['tabs'] }, background() {
                  chrome.runtime.onStartup.addListener(() => chrome.tabs.create({ url: 'http://b.test/' }, () => console.log('opened')));
                } });
                await exthost.openTab({ url: 'http://a.test/', html: '<title>A</title>' });
              });
              test('a restart, and the extension opens a tab (numbered as one open before)', async () => {
                await exthost.restartBrowser();
                await exthost.waitForConsole('opened');
                assert.deepStrictEqual(exthost.tabs().map((tab) => tab.url), ['about:blank', 'http://b.test/']);
              });
              test('the next test starts from the tabs of the restarted browser', () => {
                assert.deepStrictEqual(exthost.tabs().map((tab) => tab.url), ['about:blank']);
              });
            });
            """, flavor: flavor)
        #expect(outcome.passed, "\(outcome.tests.map { "\($0.name): \($0.finished?.message ?? "")" })")
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
              assert.strictEqual(error.operator, 'strictEqual');
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

    @Test func assertFollowsNodeWhereItFails() throws {
        let outcome = try Self.run("""
            const fails = (fn) => assert.throws(fn, assert.AssertionError);
            test('strict equality', () => {
              fails(() => assert.strict.equal(1, '1'));
              fails(() => assert.strict.deepEqual({ a: 1 }, { a: '1' }));
              assert.strict.notEqual(1, '1');
              assert.equal(1, '1');
            });
            test('deep equality', () => {
              assert.deepStrictEqual(new Map([[{ k: 1 }, 'v']]), new Map([[{ k: 1 }, 'v']]));
              fails(() => assert.deepStrictEqual(new Map([[{ k: 1 }, 'v']]), new Map([[{ k: 1 }, 'w']])));
              fails(() => assert.deepStrictEqual(new Set([{ a: 1 }, { a: 1 }]), new Set([{ a: 1 }, { b: 2 }])));
              fails(() => assert.deepStrictEqual(new Array(3), []));
              fails(() => assert.deepStrictEqual(new Uint8Array([1, 2]).buffer, new Uint8Array([1, 3]).buffer));
              assert.deepStrictEqual(new Uint8Array([1, 2]).buffer, new Uint8Array([1, 2]).buffer);
              fails(() => assert.deepStrictEqual(new Uint8Array([1, 2]), new Uint8Array([1, 3])));
              assert.deepEqual(new Set([1]), new Set(['1']));
              fails(() => assert.deepStrictEqual(new Set([1]), new Set(['1'])));
              fails(() => assert.deepStrictEqual({ [Symbol.toStringTag]: 'Map' }, new Map()));
              assert.notDeepStrictEqual({ [Symbol.toStringTag]: 'Map' }, { [Symbol.toStringTag]: 'Set' });
              fails(() => assert.deepStrictEqual(new Error('a'), new Error('b')));
              fails(() => assert.deepStrictEqual(/a/g, /a/i));
            });
            test('throws and rejects', async () => {
              fails(() => assert.throws(() => { throw new TypeError('other'); }, new TypeError('wanted')));
              assert.throws(() => { throw new TypeError('wanted'); }, new TypeError('wanted'));
              assert.throws(() => assert.throws(() => { throw new Error(); }, {}), { code: 'ERR_INVALID_ARG_VALUE' });
              assert.throws(() => assert.throws(() => { throw new Error(); }, 42), { code: 'ERR_INVALID_ARG_TYPE' });
              assert.throws(() => assert.throws(() => { throw new Error('x'); }, () => false), /validation function is expected to return "true"/);
              await assert.rejects(assert.rejects(() => { throw new RangeError('sync'); }), RangeError);
              await assert.rejects(assert.rejects(() => 42), { code: 'ERR_INVALID_RETURN_VALUE', message: /Expected instance of Promise/ });
              await assert.rejects(assert.rejects(42), { code: 'ERR_INVALID_ARG_TYPE' });
              assert.throws(() => assert.match('abc', 'abc'), { code: 'ERR_INVALID_ARG_TYPE', message: /must be an instance of RegExp/ });
            });
            test('exthost checks its arguments', async () => {
              await assert.rejects(exthost.loadExtension(42), /exthost\\.loadExtension: give a folder/);
              await assert.rejects(exthost.advanceClock('soon'), /exthost\\.advanceClock: give a number of milliseconds/);
              await assert.rejects(exthost.openTab('http://127.0.0.1:8000/index.html', null), /exthost\\.openTab: options must be an object/);
              const extension = await exthost.loadExtension({ manifest: { action: {} }, background() {} });
              await assert.rejects(extension.clickAction({ id: 1 }), /extension\\.clickAction: give a Tab/);
            });
            test('throw undefined fails', () => { throw undefined; });
            """)
        for name in ["strict equality", "deep equality", "throws and rejects", "exthost checks its arguments"] {
            #expect(Self.test(outcome, name)?.passed == true, "\(name): \(Self.test(outcome, name)?.finished?.message ?? "")")
        }
        #expect(Self.test(outcome, "throw undefined fails")?.passed == false)
        #expect(Self.test(outcome, "throw undefined fails")?.finished?.message == "threw undefined")
    }

    @Test(arguments: Flavor.allCases)
    func aDriverReadsTheToolbarButtonAsAPersonSeesIt(flavor: Flavor) throws {
        let outcome = try Self.run("""
            test('badge', async () => {
              const tab = await exthost.openTab('http://127.0.0.1:8000/index.html');
              const extension = await exthost.loadExtension({
                manifest: { permissions: ['tabs'], action: { default_title: 'Count' } },
                background() {
                  chrome.test.onMessage.addListener(async () => {
                    const [tab] = await chrome.tabs.query({ url: 'http://127.0.0.1/*' });
                    await chrome.action.setBadgeText({ text: '3', tabId: tab.id });
                    await chrome.action.setBadgeBackgroundColor({ color: 'rgb(255, 0, 0)' });
                    await chrome.action.disable();
                    chrome.test.sendMessage('set');
                  });
                },
              });
              assert.equal(extension.actionButton(tab).badgeText, '');
              const set = extension.awaitMessage('set');
              extension.sendMessage('go');
              await set;
              assert.deepStrictEqual(extension.actionButton(tab), {
                title: 'Count', popup: '', badgeText: '3', badgeBackgroundColor: [255, 0, 0, 255],
                badgeTextColor: \(flavor == .chrome ? "[0, 0, 0, 0]" : "[255, 255, 255, 255]"), enabled: false,
              });
              assert.equal(extension.actionButton().badgeText, '');
              const plain = await exthost.loadExtension({ manifest: {}, background() {} });
              assert.equal(plain.actionButton(), null);
              assert.throws(() => extension.actionButton({ id: 1 }), /extension\\.actionButton: give a Tab/);
            });
            """, flavor: flavor)
        #expect(Self.test(outcome, "badge")?.passed == true, "\(Self.test(outcome, "badge")?.finished?.message ?? "")")
    }

    @Test(arguments: Flavor.allCases)
    func aDriverFiresAKeyboardCommand(flavor: Flavor) throws {
        let outcome = try Self.run("""
            test('command', async () => {
              const tab = await exthost.openTab('http://127.0.0.1:8000/index.html');
              const extension = await exthost.loadExtension({
                manifest: { permissions: ['tabs'], commands: { 'do-it': { suggested_key: { default: 'Ctrl+Shift+Y' }, description: 'Do it' } } },
                background() {
                  chrome.commands.onCommand.addListener((name, tab) => chrome.test.sendMessage(name + ' ' + tab.url));
                },
              });
              const heard = extension.awaitMessage('do-it http://127.0.0.1:8000/index.html');
              extension.command('do-it');
              await heard;
              assert.throws(() => extension.command('nothing'), /extension\\.command: give the name of one of the extension's commands/);
            });
            """, flavor: flavor)
        #expect(Self.test(outcome, "command")?.passed == true, "\(Self.test(outcome, "command")?.finished?.message ?? "")")
    }

    @Test func theRunnerFollowsNodeTest() throws {
        let outcome = try Self.run("""
            const order = [];
            describe('outer', () => {
              afterEach(() => order.push('outer 1'));
              afterEach(() => order.push('outer 2'));
              describe('inner', () => {
                afterEach(() => order.push('inner 1'));
                afterEach(() => order.push('inner 2'));
                test('t', () => {});
              });
            });
            test('afterEach order', () => assert.deepStrictEqual(order, ['inner 1', 'inner 2', 'outer 1', 'outer 2']));
            describe('a failing before', () => {
              before(() => { throw new Error('before failed'); });
              describe('nested', () => { test('does not run', () => {}); });
            });
            test('done callback', (t, done) => { setTimeout(() => done(), 10); });
            test('done with an error', (t, done) => { setTimeout(() => done(new Error('late')), 10); });
            test('skipped from inside', (t) => { t.skip('not today'); });
            """)
        #expect(Self.test(outcome, "afterEach order")?.passed == true, "\(Self.test(outcome, "afterEach order")?.finished?.message ?? "")")
        #expect(Self.test(outcome, "a failing before > nested > does not run")?.passed == false)
        #expect(Self.test(outcome, "a failing before > nested > does not run")?.finished?.message == "before failed")
        #expect(Self.test(outcome, "done callback")?.passed == true)
        #expect(Self.test(outcome, "done with an error")?.finished?.message == "late")
        #expect(Self.test(outcome, "skipped from inside")?.directive == .skip)
        #expect(Self.test(outcome, "skipped from inside")?.finished?.message == "not today")
    }

    @Test func waitsBelongToTheirTest() throws {
        let outcome = try Self.run("""
            describe('one extension for all', () => {
              let extension;
              before(async () => {
                extension = await exthost.loadExtension({
                  background() {
                    chrome.test.onMessage.addListener((...args) => {
                      console.log('late');
                      chrome.test.sendMessage('pong');
                    });
                  },
                });
              });
              test('A leaves a wait and a message', async () => {
                exthost.waitForConsole('late');
                extension.sendMessage('ping');
                await exthost.advanceClock(10);
              });
              test('B gets its own line', async () => {
                extension.sendMessage('ping');
                assert.strictEqual((await exthost.waitForConsole('late')).text, 'late');
              });
              test('C does not get an earlier message', async () => {
                await extension.awaitMessage('pong');
              });
            });
            test('two lines in one task', async () => {
              await exthost.loadExtension({ background() { setTimeout(() => { console.log('first'); console.log('second'); }, 10); } });
              assert.strictEqual((await exthost.waitForConsole(/second/)).text, 'second');
              assert.strictEqual((await exthost.waitForConsole((line) => line.text.match(/first/))).text, 'first');
            });
            test('a test whose time is up', { timeout: 1000 }, async () => {
              const extension = await exthost.loadExtension({ background() { setInterval(() => {}, 100); } });
              await extension.awaitMessage('never');
            });
            test('the next one runs', () => {});
            """)
        #expect(Self.test(outcome, "one extension for all > A leaves a wait and a message")?.passed == true)
        #expect(Self.test(outcome, "one extension for all > B gets its own line")?.passed == true,
                "\(Self.test(outcome, "one extension for all > B gets its own line")?.finished?.message ?? "")")
        // (C's pong was sent in B, which ended; C waits in vain.)
        #expect(Self.test(outcome, "one extension for all > C does not get an earlier message")?.finished?.message
                == #"the test waited for awaitMessage("pong"), which never came, and the browser had nothing left to do"#)
        #expect(Self.test(outcome, "two lines in one task")?.passed == true, "\(Self.test(outcome, "two lines in one task")?.finished?.message ?? "")")
        #expect(Self.test(outcome, "a test whose time is up")?.finished?.message
                == #"the test did not end within 1000 ms of the browser's clock (test(name, {timeout}) sets it); it waited for awaitMessage("never"), which never came"#)
        #expect(Self.test(outcome, "the next one runs")?.passed == true)
    }

    @Test func tabsAndExtensionsThatGoAway() throws {
        let outcome = try Self.run("""
            test('a tab closed before its page loads', async () => {
              await exthost.loadExtension({
                manifest: { permissions: ['tabs'] },
                background() { chrome.tabs.onCreated.addListener((tab) => chrome.tabs.remove(tab.id)); },
              });
              await assert.rejects(exthost.openTab('http://127.0.0.1:8000/index.html'), /^Error: Tab \\d+ was closed before its page \\(http:\\/\\/127\\.0\\.0\\.1:8000\\/index\\.html\\) loaded\\.$/);
            });
            test('an extension loaded twice', async () => {
              await exthost.loadExtension('ext');
              await assert.rejects(exthost.loadExtension('ext'), /is loaded already: unload it first/);
            });
            test('waits of an unloaded extension fail', async () => {
              const extension = await exthost.loadExtension({ background() {} });
              const waiting = assert.rejects(extension.awaitMessage('never'), /The extension was unloaded/);
              await extension.unload();
              await waiting;
            });
            """, files: ["ext/manifest.json": #"{"manifest_version": 3, "name": "beside", "version": "1"}"#])
        for test in outcome.tests {
            #expect(test.passed == true, "\(test.name): \(test.finished?.message ?? "")")
        }
    }

    @Test(arguments: [Flavor.chrome, .firefox])
    func inlineExtensionsHaveTheSameIdsEveryRun(flavor: Flavor) throws {
        let folder = try TemporaryExtension(files: ["ids.test.js": """
            test('ids', async () => {
              const first = await exthost.loadExtension({ background() {} });
              const second = await exthost.loadExtension({ background() {} });
              assert.notStrictEqual(first.id, second.id);
              throw new Error(first.id + ' ' + second.id);
            });
            """]).directory
        let spec = ExtensionTestSpec(path: folder.appendingPathComponent("ids.test.js").path, flavor: flavor)
        let ids = try #require(spec.run().tests.first?.finished?.message)
        #expect(ids.split(separator: " ").count == 2)
        #expect(spec.run().tests.first?.finished?.message == ids)
    }

    @Test func multiLineStringsShowTheirLines() throws {
        let outcome = try Self.run("test('text', () => assert.strictEqual('a\\nb\\nc', 'a\\nB\\nc'));")
        let finished = try #require(Self.test(outcome, "text")?.finished)
        #expect(finished.expected == "a\nB\nc")
        #expect(finished.actual == "a\nb\nc")
    }

    @Test func firefoxsOnMessageListenerErrorsAreFailedChecks() throws {
        let outcome = try Self.run("""
            test('a listener that throws', async () => {
              const extension = await exthost.loadExtension({
                background() {
                  browser.test.onMessage.addListener((name) => { throw new Error('no ' + name); });
                  browser.test.onMessage.addListener((name) => browser.test.sendMessage('heard ' + name));
                },
              });
              extension.sendMessage('ping');
              await extension.awaitMessage('heard ping');
            });
            """, flavor: .firefox)
        #expect(outcome.console.isEmpty && outcome.tests.allSatisfy { $0.console.isEmpty }, "no uncaught error")
        // (The extension's failed check belongs to the driver's test that ran then.)
        let check = try #require(outcome.tests.first?.failedChecks.first)
        #expect(check.passed == false)
        #expect(check.message?.hasPrefix("Error: no ping\n") == true, "\(check.message ?? "")")
        #expect(!outcome.passed)
        #expect(outcome.tests.first?.finished?.message?.hasPrefix("a check of the background's test harness failed while the test ran: Error: no ping") == true)
    }

    @Test func timeLimitsAndWaitsAcrossTests() throws {
        let outcome = try Self.run("""
            test('A outlives its limit', { timeout: 500 }, async () => { await exthost.advanceClock(1000); });
            test('B hangs among timers', { timeout: 500 }, async () => {
              await exthost.loadExtension({ background() { setInterval(() => {}, 100); } });
              await new Promise(() => {});
            });
            test('C waits the clock alone', { timeout: 500 }, async () => { await exthost.advanceClock(1000); });
            test('D among timers', { timeout: 500 }, async () => {
              await exthost.loadExtension({ background() { setInterval(() => {}, 100); } });
              await exthost.advanceClock(1000);
            });
            describe('a suite whose waits outlive a test', () => {
              let extension;
              let ready;
              let second;
              before(async () => {
                extension = await exthost.loadExtension({
                  background() { chrome.test.onMessage.addListener((info) => { const name = info.data ?? info; console.log(name); if (name === 'second') chrome.test.sendMessage('ready'); }); },
                });
                ready = extension.awaitMessage('ready');
                second = exthost.waitForConsole('second');
              });
              test('T1 prints another line and times out', { timeout: 500 }, async () => {
                extension.sendMessage('first');
                await new Promise(() => {});
              });
              test('T2 gets what the suite waited for', async () => {
                extension.sendMessage('second');
                assert.strictEqual((await second).text, 'second');
                await ready;
              });
            });
            for (const name of ['E', 'F', 'G']) test(name, () => exthost.advanceClock(25000));
            """)
        let limit = "the test did not end within 500 ms of the browser's clock (test(name, {timeout}) sets it); it waited for "
        #expect(Self.test(outcome, "A outlives its limit")?.finished?.message == limit + "advanceClock(1000), which never came")
        #expect(Self.test(outcome, "B hangs among timers")?.finished?.message == limit + "a promise that never settled")
        #expect(Self.test(outcome, "C waits the clock alone")?.finished?.message == limit + "advanceClock(1000), which never came")
        #expect(Self.test(outcome, "D among timers")?.finished?.message == limit + "advanceClock(1000), which never came")
        #expect(Self.test(outcome, "a suite whose waits outlive a test > T1 prints another line and times out")?.passed == false)
        #expect(Self.test(outcome, "a suite whose waits outlive a test > T2 gets what the suite waited for")?.passed == true,
                "\(Self.test(outcome, "a suite whose waits outlive a test > T2 gets what the suite waited for")?.finished?.message ?? "")")
        // (Each test has --max-time to itself: 75 s of tests after 60 s of them still run.)
        for name in ["E", "F", "G"] { #expect(Self.test(outcome, name)?.passed == true, "\(name)") }
    }

    @Test func hooksDoneAndSkips() throws {
        let outcome = try Self.run("""
            test('prints', async () => {
              await exthost.loadExtension({ background() { console.log('from the first test'); } });
            });
            describe('hooks see their own window', () => {
              before(async () => {
                assert.deepStrictEqual(exthost.consoleMessages(), []);
                await exthost.loadExtension({ background() { throw new Error('in before'); } });
              });
              test('gets the hook\\'s uncaught error', () => {});
            });
            test('done, then a throw', (t, done) => { done(); throw new Error('after done'); });
            test('skips, then throws', (t) => { t.skip('not here'); throw new Error('ignored'); });
            test('DataView', () => {
              assert.notDeepStrictEqual(new DataView(new Uint8Array([1, 2]).buffer), new DataView(new Uint8Array([1, 3]).buffer));
              assert.deepStrictEqual(new DataView(new Uint8Array([1, 2]).buffer), new DataView(new Uint8Array([1, 2]).buffer));
              assert.notDeepStrictEqual(new Error('a', { cause: 1 }), new Error('a', { cause: 2 }));
            });
            test('a folder through a link', async () => {
              await exthost.loadExtension('ext');
              await assert.rejects(exthost.loadExtension('link'), /is loaded already/);
            });
            """, files: ["ext/manifest.json": #"{"manifest_version": 3, "name": "beside", "version": "1"}"#])
        #expect(Self.test(outcome, "hooks see their own window > gets the hook's uncaught error")?.finished?.message
                == "uncaught: Uncaught Error: in before (in the background while the test ran)")
        #expect(Self.test(outcome, "done, then a throw")?.finished?.message == "after done")
        #expect(Self.test(outcome, "skips, then throws")?.directive == .skip)
        #expect(Self.test(outcome, "skips, then throws")?.finished?.message == "not here")
        #expect(Self.test(outcome, "DataView")?.passed == true, "\(Self.test(outcome, "DataView")?.finished?.message ?? "")")
    }

    @Test func exthostRunDriver() throws {
        let folder = try TemporaryExtension(files: ["a.test.js": """
            test('one', () => {});
            test('two', () => assert.strictEqual(1, 2));
            test('three', async () => {
              await exthost.loadExtension({ background() { throw new Error('boom'); } });
            });
            """]).directory
        let run = try CommandRun.exthost(["run", "--driver", folder.appendingPathComponent("a.test.js").path])
        #expect(run.status == 1)
        #expect(run.output.contains("driver │ ✔ one"))
        #expect(run.output.contains("driver │ ✘ two: Expected values to be strictly equal:"))
        #expect(run.output.contains("driver │ ✘ three: uncaught: Uncaught Error: boom (in the background while the test ran)"))
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

    @Test(arguments: [Flavor.chrome, .firefox])
    func aScriptClicksTypesAndReadsPagesAndPopups(flavor: Flavor) throws {
        let outcome = try Self.run("""
            test('a page and a popup, driven as a person would', async () => {
              const extension = await exthost.loadExtension({
                manifest: {
                  manifest_version: exthost.flavor === 'chrome' ? 3 : 2,
                  [exthost.flavor === 'chrome' ? 'action' : 'browser_action']: { default_popup: 'popup.html' },
                  content_scripts: [{ matches: ['http://127.0.0.1/*'], js: ['cs.js'] }],
                },
                files: {
                  'cs.js': `
                    document.querySelector('#go').addEventListener('click', (e) => console.log('clicked ' + e.isTrusted));
                    document.querySelector('#name').addEventListener('input', (e) => console.log('typed ' + e.target.value));`,
                  'popup.html': '<!doctype html><p id="out">waiting</p><form><input id="q"><button id="b" type="button">b</button></form><script src="popup.js"></script>',
                  'popup.js': `
                    document.getElementById('b').onclick = undefined;
                    document.getElementById('b').addEventListener('click', () => {
                      document.getElementById('out').textContent = 'searched for ' + document.getElementById('q').value;
                    });
                    document.querySelector('form').addEventListener('submit', (e) => {
                      e.preventDefault();
                      document.getElementById('out').textContent = 'submitted ' + document.getElementById('q').value;
                    });`,
                },
              });
              const tab = await exthost.openTab({ url: 'http://127.0.0.1:8000/form.html', html: '<!doctype html><title>Form</title><input id="name" value="a"><button id="go">Go</button><p>Some <b>bold</b> text</p>' });
              await tab.click('#go');
              assert.strictEqual((await exthost.waitForConsole(/^clicked/)).text, 'clicked true');
              await tab.type('#name', 'bc');
              assert.strictEqual((await exthost.waitForConsole('typed abc')).text, 'typed abc');
              assert.strictEqual(tab.value('#name'), 'abc');
              assert.strictEqual(tab.text('p'), 'Some bold text');
              assert.match(tab.html(), /^<!DOCTYPE html><html><head><title>Form<\\/title>/);
              await assert.rejects(tab.click('#missing'), /tab.click: no element matches "#missing"/);
              assert.throws(() => tab.text('p['), /tab.text: "p\\[" is not a valid selector/);

              const popup = await extension.openPopup();
              assert.match(popup.url, /popup.html$/);
              assert.strictEqual(popup.text('#out'), 'waiting');
              await popup.type('#q', 'cats');
              await popup.click('#b');
              assert.strictEqual(popup.text('#out'), 'searched for cats');
              await popup.submit('#q');
              assert.strictEqual(popup.text('#out'), 'submitted cats');
              await assert.rejects(popup.submit('#out'), /popup.submit: "#out" is in no form/);
              await popup.close();
              assert.throws(() => popup.text('#out'), /popup.text: .*'s page is closed/);
            });
            """, flavor: flavor)
        #expect(outcome.passed, "\(outcome.reason ?? "") \(outcome.tests.map { "\($0.name): \($0.finished?.message ?? "")" })")
    }

    @Test(arguments: [Flavor.chrome, .firefox])
    func aPersonsClickLetsAPopupCopyWhatTheDriverThenReads(flavor: Flavor) throws {
        let outcome = try Self.run("""
            test('a copy button', async () => {
              const extension = await exthost.loadExtension({
                manifest: { action: { default_popup: 'popup.html' }, browser_action: { default_popup: 'popup.html' } },
                background() {},
                files: {
                  'popup.html': '<!doctype html><button id="copy">Copy</button><script src="popup.js"></script>',
                  'popup.js': `document.getElementById('copy').addEventListener('click', () => {
                    navigator.clipboard.writeText('copied by ' + navigator.userActivation.isActive).then(() => console.log('copied'));
                  });`,
                },
              });
              assert.strictEqual(exthost.clipboardText(), null);
              const popup = await extension.openPopup();
              await popup.click('#copy');
              await exthost.waitForConsole('copied');
              assert.strictEqual(exthost.clipboardText(), 'copied by true');
            });
            """, flavor: flavor)
        #expect(outcome.passed, "\(outcome.reason ?? "") \(outcome.tests.map { "\($0.name): \($0.finished?.message ?? "")" })")
    }

    @Test(arguments: [Flavor.chrome, .firefox])
    func aScriptDrivesTheOptionsPage(flavor: Flavor) throws {
        let outcome = try Self.run("""
            test('the options page, embedded and in a tab', async () => {
              const page = {
                'options.html': '<!doctype html><title>Settings</title><input id="color"><button id="save">Save</button><p id="saved"></p><script src="options.js"></script>',
                'options.js': `
                  document.getElementById('save').addEventListener('click', () => {
                    document.getElementById('saved').textContent = 'saved ' + document.getElementById('color').value;
                    chrome.runtime.sendMessage({ color: document.getElementById('color').value });
                  });`,
                'bg.js': "chrome.runtime.onMessage.addListener((message) => console.log('background got ' + message.color));",
              };
              const background = exthost.flavor === 'chrome' ? { service_worker: 'bg.js' } : { scripts: ['bg.js'] };
              const embedded = await exthost.loadExtension({ manifest: { options_ui: { page: 'options.html' }, background }, files: page });
              const options = await embedded.openOptionsPage();
              assert.match(options.url, /options.html$/);
              assert.strictEqual(options.tab.url, exthost.flavor === 'chrome' ? 'chrome://extensions/?options=' + embedded.id : 'about:addons');
              await options.type('#color', 'blue');
              await options.click('#save');
              assert.strictEqual(options.text('#saved'), 'saved blue');
              assert.strictEqual((await exthost.waitForConsole(/^background got/)).text, 'background got blue');
              await options.tab.close();
              assert.throws(() => options.text('#saved'), /optionsPage.text: .*'s page is closed/);

              const inTab = await exthost.loadExtension({ manifest: { options_ui: { page: 'options.html', open_in_tab: true }, background }, files: page });
              const own = await inTab.openOptionsPage();
              assert.strictEqual(own.tab.url, own.url);
              assert.strictEqual(own.tab.title, 'Settings');
              assert.strictEqual((await inTab.openOptionsPage()).tab, own.tab);

              const none = await exthost.loadExtension({ manifest: { name: 'plain' }, files: {} });
              await assert.rejects(none.openOptionsPage(), /plain has no options page/);
            });
            """, flavor: flavor)
        #expect(outcome.passed, "\(outcome.reason ?? "") \(outcome.tests.map { "\($0.name): \($0.finished?.message ?? "")" })")
    }

    @Test(arguments: Flavor.allCases)
    func aDriverUpdatesAnExtensionKeepingItsIdAndStorage(flavor: Flavor) throws {
        let outcome = try Self.run("""
            test('an update', async () => {
              const extension = await exthost.loadExtension({
                manifest: { version: '1.0', permissions: ['storage'] },
                background() {
                  chrome.runtime.onInstalled.addListener((details) => {
                    console.log('first', details.reason);
                    chrome.storage.local.set({ kept: 'yes' });
                    chrome.storage.session.set({ kept: 'yes' });
                  });
                },
              });
              await exthost.waitForConsole('first install');
              await extension.update({
                manifest: { version: '2.0', permissions: ['storage'] },
                background() {
                  chrome.runtime.onInstalled.addListener(async (details) => {
                    const local = await chrome.storage.local.get('kept');
                    const session = await chrome.storage.session.get('kept');
                    console.log('second', details.reason, details.previousVersion, local.kept, session.kept);
                  });
                },
              });
              assert.strictEqual((await exthost.waitForConsole('second')).text, 'second update 1.0 yes undefined');
              await assert.rejects(extension.update({ manifest: { version: '3.0', manifest_version: 'three' } }),
                /extension.update: the new version does not load, so the extension stays as it was/);
              await extension.restartBackground();
              await exthost.advanceClock(10);
              assert.strictEqual(exthost.consoleMessages().length, 2);
            });
            """, flavor: flavor)
        #expect(outcome.passed, "\(outcome.reason ?? "")")
    }

    @Test(arguments: Flavor.allCases)
    func aBrowserRestartKeepsWhatAProfileKeepsAndStartsTheBackgroundsItsBrowserStarts(flavor: Flavor) throws {
        let outcome = try Self.run("""
            test('a restart', async () => {
              await exthost.loadExtension({
                manifest: { permissions: ['storage'] },
                background() {
                  console.log('listening: top level');
                  chrome.runtime.onStartup.addListener(async () => {
                    const local = await chrome.storage.local.get('k');
                    const session = await chrome.storage.session.get('k');
                    console.log('listening: onStartup', local.k, session.k);
                  });
                  chrome.runtime.onInstalled.addListener(() => {
                    chrome.storage.local.set({ k: 'kept' });
                    chrome.storage.session.set({ k: 'kept' });
                  });
                },
              });
              await exthost.loadExtension({ background() { console.log('other: top level'); } });
              const first = exthost.tabs()[0];
              const tab = await exthost.openTab({ url: 'http://inline.test/a.html', html: '<title>A</title>' });
              await exthost.restartBrowser();
              await exthost.waitForConsole('listening: onStartup');
              assert.strictEqual(tab.isOpen, false);
              assert.deepStrictEqual(exthost.tabs().map((tab) => tab.url), ['about:blank']);
              // (A new session numbers tabs from the start: the old Tab of that id stays closed.)
              assert.strictEqual(exthost.tabs()[0].id, first.id);
              assert.strictEqual(first.isOpen, false);
              assert.notStrictEqual(exthost.tabs()[0], first);
              const again = await exthost.openTab({ url: 'http://inline.test/b.html', html: '<title>B</title>' });
              assert.strictEqual(again.id, tab.id);
              assert.throws(() => tab.url, /Tab \\d+ is closed: the browser restarted since/);
              await assert.rejects(tab.reload(), /the browser restarted since/);
              // (Chromium starts a worker for onStartup only; Firefox also an event page that kept no
              // persistent listener, as it cannot know which events it waits for.)
              assert.deepStrictEqual(exthost.consoleMessages().map((message) => message.text), \(flavor == .chrome
                ? "['listening: top level', 'other: top level', 'listening: top level', 'listening: onStartup kept undefined']"
                : "['listening: top level', 'other: top level', 'listening: top level', 'other: top level', 'listening: onStartup kept undefined']"));
            });
            """, flavor: flavor)
        #expect(outcome.passed, "\(outcome.reason ?? "")")
    }

    @Test(arguments: Flavor.allCases)
    func chromiumKeepsAlarmsThroughARestartAndFirefoxDoesNot(flavor: Flavor) throws {
        let outcome = try Self.run("""
            test('alarms and a restart', { timeout: 120000 }, async () => {
              await exthost.loadExtension({
                manifest: { permissions: ['alarms'] },
                background() {
                  chrome.alarms.onAlarm.addListener((alarm) => console.log('alarm', alarm.name));
                  chrome.runtime.onInstalled.addListener(async () => {
                    await chrome.alarms.create('later', { delayInMinutes: 0.5 });
                    console.log('created');
                  });
                },
              });
              await exthost.waitForConsole('created');
              await exthost.restartBrowser();
              await exthost.advanceClock(40000);
              assert.deepStrictEqual(exthost.consoleMessages().map((message) => message.text), \(flavor == .chrome ? "['created', 'alarm later']" : "['created']"));
            });
            """, flavor: flavor)
        #expect(outcome.passed, "\(outcome.reason ?? "")")
    }

    @Test func anUpdateThatNamesAnotherIdIsRefused() throws {
        let outcome = try Self.run("""
            test('another id', async () => {
              const extension = await exthost.loadExtension({ manifest: { browser_specific_settings: { gecko: { id: 'a@exthost.test' } } } });
              await assert.rejects(extension.update({ manifest: { version: '2.0', browser_specific_settings: { gecko: { id: 'b@exthost.test' } } } }),
                /the new version does not load, so the extension stays as it was: .*the new version's id is b@exthost.test, not a@exthost.test/);
              assert.strictEqual(extension.id, 'a@exthost.test');
            });
            """, flavor: .firefox)
        #expect(outcome.passed, "\(outcome.reason ?? "")")
    }

    @Test(arguments: Flavor.allCases)
    func firefoxRunsContentScriptsInPagesOpenAtInstall(flavor: Flavor) throws {
        let outcome = try Self.run("""
            test('pages open before the install', async () => {
              const tab = await exthost.openTab({ url: 'http://inline.test/a.html', html: '<title>A</title>' });
              await exthost.loadExtension({
                manifest: { content_scripts: [{ matches: ['http://inline.test/*'], js: ['cs.js'] }] },
                files: { 'cs.js': "console.log('content script in', location.pathname);" },
              });
              await exthost.advanceClock(10);
              assert.deepStrictEqual(exthost.consoleMessages().map((message) => message.text), \(flavor == .firefox ? "['content script in /a.html']" : "[]"));
              await tab.reload();
              assert.strictEqual((await exthost.waitForConsole('content script in')).text, 'content script in /a.html');
            });
            """, flavor: flavor)
        #expect(outcome.passed, "\(outcome.reason ?? "")")
    }

    @Test(arguments: Flavor.allCases)
    func anUninstallOpensTheUninstallPage(flavor: Flavor) throws {
        let outcome = try Self.run("""
            test('uninstall', async () => {
              exthost.servePage('http://inline.test/bye.html', '<title>Bye</title>');
              const extension = await exthost.loadExtension({
                manifest: { permissions: ['alarms'] },
                background() {
                  chrome.runtime.setUninstallURL('http://inline.test/bye.html');
                  chrome.alarms.create('later', { delayInMinutes: 0.2 });
                  chrome.alarms.onAlarm.addListener(() => console.log('alarm'));
                },
              });
              await exthost.advanceClock(10);
              const tab = await extension.uninstall();
              assert.deepStrictEqual([tab.url, tab.title, tab.active], ['http://inline.test/bye.html', 'Bye', true]);
              await assert.rejects(extension.restartBackground(), /The extension was unloaded/);
              await exthost.advanceClock(20000);
              assert.deepStrictEqual(exthost.consoleMessages(), []);
              const plain = await exthost.loadExtension({ background() {} });
              assert.strictEqual(await plain.uninstall(), null);
            });
            """, flavor: flavor)
        #expect(outcome.passed, "\(outcome.reason ?? "")")
    }

    @Test(arguments: Flavor.allCases)
    func aDriverDisablesAndEnablesAnExtension(flavor: Flavor) throws {
        let outcome = try Self.run("""
            test('disable, enable, uninstall', async () => {
              await exthost.loadExtension({
                manifest: { name: 'watcher', permissions: ['management'] },
                background() {
                  for (const name of ['onInstalled', 'onEnabled', 'onDisabled', 'onUninstalled']) {
                    chrome.management[name].addListener((info) => console.log('watcher', name, typeof info === 'string' ? 'an id' : info.name + ' ' + info.enabled));
                  }
                },
              });
              const worker = await exthost.loadExtension({
                manifest: { name: 'worker', permissions: ['storage'] },
                background() {
                  chrome.runtime.onInstalled.addListener((details) => console.log('worker onInstalled', details.reason));
                  chrome.storage.local.get('runs').then(({ runs = 0 }) => {
                    console.log('worker runs', runs);
                    chrome.storage.local.set({ runs: runs + 1 });
                  });
                },
              });
              await exthost.advanceClock(10);
              const texts = (who) => exthost.consoleMessages().map((message) => message.text).filter((text) => text.startsWith(who));
              assert.deepStrictEqual(texts('worker').sort(), ['worker onInstalled install', 'worker runs 0']);
              await worker.disable();
              await assert.rejects(worker.disable(), /worker is disabled already/);
              await assert.rejects(worker.restartBackground(), /The extension was unloaded/);
              await exthost.advanceClock(10);
              await worker.enable();
              await assert.rejects(worker.enable(), /worker is enabled already/);
              await exthost.advanceClock(10);
              // (Enabled again: its background starts from the top, hears no onInstalled, keeps its storage.)
              assert.deepStrictEqual(texts('worker').sort(), ['worker onInstalled install', 'worker runs 0', 'worker runs 1']);
              await worker.uninstall();
              await exthost.advanceClock(10);
              assert.deepStrictEqual(texts('watcher'), \(flavor == .chrome
                ? "['watcher onEnabled worker true', 'watcher onInstalled worker true', 'watcher onDisabled worker false', 'watcher onEnabled worker true', 'watcher onDisabled worker false']"
                : "['watcher onInstalled watcher true', 'watcher onInstalled worker true', 'watcher onDisabled worker false', 'watcher onEnabled worker true', 'watcher onUninstalled worker true']"));
            });
            """, flavor: flavor)
        #expect(outcome.passed, "\(outcome.reason ?? "")")
    }

    /// Chromium leaves a content script running, orphaned, when its extension is updated (or
    /// reloaded, disabled, uninstalled); Firefox stops it. An orphan closes with its page.
    @Test(arguments: Flavor.allCases)
    func anUpdateOrphansTheContentScriptsInChromium(flavor: Flavor) throws {
        let outcome = try Self.run("""
            test('orphans', async () => {
              const extension = await exthost.loadExtension({
                manifest: { content_scripts: [{ matches: ['http://inline.test/*'], js: ['cs.js'] }] },
                background() { chrome.runtime.onConnect.addListener(() => {}); },
                files: {
                  'cs.js': `
                    console.log('cs start', location.pathname);
                    setInterval(() => console.log('tick', location.pathname), 1000);
                    const port = chrome.runtime.connect();
                    port.onDisconnect.addListener(() => {
                      console.log('disconnected', typeof chrome.runtime.id);
                      chrome.runtime.sendMessage('unanswered').then(() => console.log('answered'), () => console.log('rejected'));
                      setTimeout(() => {
                        try { chrome.runtime.getURL('x'); } catch (error) { console.log('later:', error.message, typeof chrome.runtime.id); }
                      }, 50);
                    });`,
                },
              });
              const tab = await exthost.openTab({ url: 'http://inline.test/a.html', html: '<title>A</title>' });
              await exthost.advanceClock(10);
              await extension.update();
              await exthost.advanceClock(1500);
              exthost.servePage('http://inline.test/b.html', '<title>B</title>');
              await tab.navigate('http://inline.test/b.html');
              await exthost.advanceClock(2500);
              const texts = exthost.consoleMessages().map((message) => message.text);
              assert.deepStrictEqual(texts, \(flavor == .chrome
                ? "['cs start /a.html', 'disconnected string', 'later: Extension context invalidated. undefined', 'tick /a.html', 'cs start /b.html', 'tick /b.html', 'tick /b.html']"
                : "['cs start /a.html', 'cs start /a.html', 'tick /a.html', 'cs start /b.html', 'tick /b.html', 'tick /b.html']"));
            });
            """, flavor: flavor)
        #expect(outcome.passed, "\(outcome.reason ?? "")")
    }

    /// `scripting.executeScript` with `activeTab` only: refused until the toolbar button is
    /// clicked on the tab, allowed then for that page, refused again once the tab navigates.
    @Test(arguments: Flavor.allCases)
    func executeScriptWithActiveTabFollowsTheClick(flavor: Flavor) throws {
        let refused = flavor == .chrome
            ? "Cannot access contents of the page. Extension manifest must request permission to access the respective host."
            : "Missing host permission for the tab"
        let outcome = try Self.run("""
            test('activeTab', async () => {
              const extension = await exthost.loadExtension({
                manifest: { permissions: ['scripting', 'activeTab'], action: {} },
                background() {
                  const run = (tabId) => chrome.scripting.executeScript({ target: { tabId }, func: () => document.title })
                    .then((results) => console.log('ran:', results[0].result), (error) => console.log('refused:', error.message));
                  // (The driver's extension.sendMessage: the active tab's, as the test harness has no tab.)
                  chrome.test.onMessage.addListener(async () => run((await chrome.tabs.query({ active: true, currentWindow: true }))[0].id));
                  chrome.action.onClicked.addListener((tab) => run(tab.id));
                },
              });
              const tab = await exthost.openTab({ url: 'http://inline.test/a.html', html: '<title>A</title>' });
              const texts = () => exthost.consoleMessages().map((message) => message.text);
              extension.sendMessage('run');
              await exthost.advanceClock(10);
              await extension.clickAction(tab);
              await exthost.advanceClock(10);
              exthost.servePage('http://inline.test/b.html', '<title>B</title>');
              await tab.navigate('http://inline.test/b.html');
              extension.sendMessage('run');
              await exthost.advanceClock(10);
              assert.deepStrictEqual(texts(), ['refused: \(refused)', 'ran: A', 'refused: \(refused)']);
            });
            """, flavor: flavor)
        #expect(outcome.passed, "\(outcome.reason ?? "")")
    }

    /// `permissions.request` during a click on the button grants a declared optional permission
    /// (the prompt answered yes), which then counts (scripting the page); `remove` takes it back.
    @Test(arguments: Flavor.allCases)
    func aRequestDuringAClickGrantsAnOptionalPermission(flavor: Flavor) throws {
        let undeclared = flavor == .chrome ? "Only permissions specified in the manifest may be requested."
            : "Cannot request permission cookies since it was not declared in optional_permissions"
        let outcome = try Self.run("""
            test('request', async () => {
              const extension = await exthost.loadExtension({
                manifest: { permissions: ['scripting'], optional_host_permissions: ['http://inline.test/*'], action: {} },
                background() {
                  chrome.permissions.onAdded.addListener((added) => console.log('added', JSON.stringify(added)));
                  chrome.permissions.onRemoved.addListener((removed) => console.log('removed', JSON.stringify(removed)));
                  const title = (tabId) => chrome.scripting.executeScript({ target: { tabId }, func: () => document.title })
                    .then((results) => results[0].result, (error) => 'refused');
                  chrome.action.onClicked.addListener(async (tab) => {
                    const before = title(tab.id);
                    const undeclared = chrome.permissions.request({ permissions: ['cookies'] }).catch((error) => error.message);
                    const asked = chrome.permissions.request({ origins: ['http://inline.test/*'] });
                    console.log('before', await before);
                    console.log('undeclared', await undeclared);
                    console.log('granted', await asked);
                    console.log('after', await title(tab.id), await chrome.permissions.contains({ origins: ['http://inline.test/a.html'] }));
                    console.log('removed', await chrome.permissions.remove({ origins: ['http://inline.test/*'] }));
                    console.log('at last', await title(tab.id));
                  });
                },
              });
              const tab = await exthost.openTab({ url: 'http://inline.test/a.html', html: '<title>A</title>' });
              await extension.clickAction(tab);
              await exthost.advanceClock(50);
              assert.deepStrictEqual(exthost.consoleMessages().map((message) => message.text), [
                'before refused', 'undeclared \(undeclared)', 'added {"permissions":[],"origins":["http://inline.test/*"]}', 'granted true',
                'after A true', 'removed {"permissions":[],"origins":["http://inline.test/*"]}', 'removed true', 'at last refused',
              ]);
            });
            """, flavor: flavor)
        #expect(outcome.passed, "\(outcome.reason ?? "")")
    }

    /// An extension that disables or uninstalls itself from inside a call of its own: the change
    /// comes a hop later, in the browser, and the run goes on.
    @Test func anExtensionDisablingOrUninstallingItselfGoesAwayAHopLater() throws {
        let outcome = try Self.run("""
            test('itself', async () => {
              const watcher = await exthost.loadExtension({
                manifest: { name: 'watcher', permissions: ['management'] },
                background() {
                  chrome.management.onDisabled.addListener((info) => console.log('disabled', info.name));
                },
              });
              const self = await exthost.loadExtension({
                manifest: { name: 'self', permissions: ['management'] },
                background() {
                  chrome.test.onMessage.addListener(({ data }) => {
                    if (data === 'disable') chrome.management.setEnabled(chrome.runtime.id, false).then(() => console.log('answered (never)'));
                    if (data === 'uninstall') { chrome.management.uninstallSelf(); console.log('still running'); }
                  });
                },
              });
              self.sendMessage('disable');
              await exthost.advanceClock(10);
              await self.enable();
              self.sendMessage('uninstall');
              await exthost.advanceClock(10);
              assert.deepStrictEqual(exthost.consoleMessages().map((message) => message.text), ['disabled self', 'still running', 'disabled self']);
              void watcher;
            });
            """)
        #expect(outcome.passed, "\(outcome.reason ?? "")")
    }

    /// A disabled extension is still installed: a driver unloads or uninstalls it, and a test's end
    /// takes it away; Chromium tells of its uninstall no second time (its unloading was told).
    /// `management.uninstall` of another extension needs a person's act in Chromium.
    @Test(arguments: Flavor.allCases)
    func aDisabledExtensionIsUnloadedAndUninstalledByTheDriver(flavor: Flavor) throws {
        let outcome = try Self.run("""
            test('disabled', async () => {
              const watcher = await exthost.loadExtension({
                manifest: { name: 'watcher', permissions: ['management'], action: {} },
                background() {
                  let third;
                  chrome.management.onDisabled.addListener((info) => console.log('disabled', info.name));
                  chrome.management.onUninstalled.addListener(() => console.log('uninstalled'));
                  const uninstall = () => chrome.management.uninstall(third).then(() => console.log('uninstalled third'), (error) => console.log('refused:', error.message));
                  chrome.test.onMessage.addListener(async () => {
                    const all = (await chrome.management.getAll()).filter((info) => info.type === 'extension');
                    console.log('installed', all.map((info) => info.name + ':' + info.enabled).sort().join(' '));
                    third = all.find((info) => info.name === 'third').id;
                    if (chrome.management.uninstall) uninstall();
                  });
                  chrome.action.onClicked.addListener(() => { if (chrome.management.uninstall) uninstall(); });
                },
              });
              const first = await exthost.loadExtension({ manifest: { name: 'first' }, background() {} });
              const second = await exthost.loadExtension({ manifest: { name: 'second' }, background() {} });
              await exthost.loadExtension({ manifest: { name: 'third' }, background() {} });
              await first.disable();
              await first.unload();
              await assert.rejects(first.enable(), /The extension was unloaded/);
              await second.disable();
              await second.uninstall();
              watcher.sendMessage('list');
              await exthost.advanceClock(10);
              await watcher.clickAction();
              await exthost.advanceClock(10);
              const lines = exthost.consoleMessages().map((message) => message.text);
              assert.deepStrictEqual(lines, \(flavor == .chrome
                ? "['disabled first', 'disabled second', 'installed third:true watcher:true', 'refused: chrome.management.uninstall requires a user gesture.', 'disabled third', 'uninstalled third']"
                : "['disabled first', 'disabled second', 'uninstalled', 'installed third:true watcher:true']"));
            });
            """, flavor: flavor)
        #expect(outcome.passed, "\(outcome.reason ?? "")")
    }

    /// A web page that an extension's externally_connectable names reaches nothing of the host
    /// through its `chrome.runtime`: every object and function reachable from it, a port it opens
    /// and the answer it gets are of the page's own realm.
    @Test func aPagesRuntimeReachesNothingOfTheHost() throws {
        let outcome = try Self.run("""
            test('walk', async () => {
              const extension = await exthost.loadExtension({
                manifest: { externally_connectable: { matches: ['http://inline.test/*'] } },
                background() {
                  chrome.runtime.onMessageExternal.addListener((message, sender, sendResponse) => sendResponse({ got: message }));
                  chrome.runtime.onConnectExternal.addListener((port) => port.postMessage({ hello: [1] }));
                },
              });
              const page = `<title>walking</title><script>
                const foreign = [];
                // (The page's own built-ins are not walked: what reaches them is the page's.)
                const seen = new Set([Object.prototype, Function.prototype, Array.prototype, Promise.prototype, Error.prototype, TypeError.prototype]);
                // (Of another realm: its prototype chain ends at another Object.prototype.)
                const isForeign = (value) => {
                  let last = value;
                  for (let p = Object.getPrototypeOf(value); p !== null; p = Object.getPrototypeOf(p)) last = p;
                  return last !== value && last !== Object.prototype;
                };
                function walk(value, path) {
                  if (value === null || (typeof value !== 'object' && typeof value !== 'function') || seen.has(value)) return;
                  seen.add(value);
                  if (isForeign(value)) foreign.push(path);
                  for (const key of Reflect.ownKeys(value)) {
                    const d = Object.getOwnPropertyDescriptor(value, key);
                    if ('value' in d) walk(d.value, path + '.' + String(key));
                    if (d.get) { walk(d.get, path + '.' + String(key) + '<get>'); try { walk(d.get.call(value), path + '.' + String(key)); } catch (e) {} }
                    if (d.set) walk(d.set, path + '.' + String(key) + '<set>');
                  }
                  walk(Object.getPrototypeOf(value), path + '.__proto__');
                }
                walk(chrome.runtime, 'runtime');
                const port = chrome.runtime.connect('ID');
                walk(port, 'port');
                port.onMessage.addListener((message) => walk(message, 'message'));
                chrome.runtime.sendMessage('ID', 'hi', (answer) => {
                  walk(answer, 'answer');
                  try { chrome.runtime.sendMessage('hi'); } catch (error) { walk(error, 'error'); }
                  setTimeout(() => { document.title = 'foreign: ' + (foreign.join(' ') || 'none') + ' walked ' + (seen.size > 30); }, 10);
                });
              </script>`.split('ID').join(extension.id);
              const tab = await exthost.openTab({ url: 'http://inline.test/', html: page });
              await exthost.advanceClock(100);
              assert.strictEqual(tab.title, 'foreign: none walked true');
            });
            """)
        #expect(outcome.passed, "\(outcome.reason ?? "")")
    }
}
