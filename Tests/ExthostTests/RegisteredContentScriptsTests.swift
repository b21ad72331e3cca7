import BrowserModel
import Exthost
import Foundation
import Testing

/// Content scripts an extension registers (Sources/Exthost/API/RegisteredContentScriptsAPI.swift):
/// what the recorded case `scripting-register-content-scripts` does not reach: which ones a
/// browser restart and a disable keep, the page's main world, Firefox's user sheets, an update
/// that would leave a script without files, and a hostile caller.
@Suite("Registered content scripts")
struct RegisteredContentScriptsTests {
    @Test(arguments: Flavor.allCases)
    func persistentScriptsOutliveARestartAndADisableTheOthersDoNot(flavor: Flavor) throws {
        let outcome = try DriverTests.run("""
            test('registered scripts across a restart and a disable', { timeout: 60000 }, async () => {
              const extension = await exthost.loadExtension({
                manifest: { permissions: ['scripting'], host_permissions: ['http://a.test/*'] },
                files: {
                  'kept.js': () => console.log('kept ran'),
                  'session.js': () => console.log('session ran'),
                },
                background() {
                  chrome.runtime.onInstalled.addListener(async () => {
                    await chrome.scripting.registerContentScripts([
                      { id: 'kept', matches: ['http://a.test/*'], js: ['kept.js'] },
                      { id: 'session', matches: ['http://a.test/*'], js: ['session.js'], persistAcrossSessions: false },
                    ]);
                    console.log('registered');
                  });
                },
              });
              await exthost.waitForConsole('registered');
              const ran = async () => {
                const before = exthost.consoleMessages().length;
                await exthost.openTab({ url: 'http://a.test/', html: '<title>A</title>' });
                await exthost.advanceClock(100);
                return exthost.consoleMessages().slice(before).map((message) => message.text).filter((text) => text.endsWith(' ran'));
              };
              assert.deepStrictEqual(await ran(), ['kept ran', 'session ran']);
              await exthost.restartBrowser();
              assert.deepStrictEqual(await ran(), ['kept ran']);
              await extension.disable();
              await extension.enable();
              assert.deepStrictEqual(await ran(), ['kept ran']);
            });
            """, flavor: flavor)
        #expect(outcome.passed, "\(outcome.reason ?? "")")
    }

    @Test(arguments: Flavor.allCases)
    func aScriptOfTheMainWorldSharesThePagesGlobalsAndAUserSheetBeatsThePage(flavor: Flavor) throws {
        // (The manifest's `world: "MAIN"` entry and a registered one see the page's own global;
        // Firefox's `cssOrigin: "user"` sheet's `!important` beats the page's.)
        let run = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(permissions: ["scripting"], contentScripts: """
                [{"matches": ["http://127.0.0.1/*"], "js": ["main.js"], "world": "MAIN"}]
                """, extra: #""host_permissions": ["http://127.0.0.1/*"]"#),
            "main.js": "console.log('manifest main world sees', typeof pageValue);",
            "registered.js": "console.log('registered main world sees', typeof pageValue, typeof globalThis.chrome?.runtime?.id);",
            "isolated.js": "console.log('isolated world sees', typeof pageValue, getComputedStyle(document.getElementById('p')).color);",
            "user.css": "#p { color: rgb(128, 0, 128) !important; }",
            "bg.js": """
                chrome.runtime.onInstalled.addListener(async () => {
                  await chrome.scripting.registerContentScripts([
                    { id: 'main', matches: ['http://127.0.0.1/*'], js: ['registered.js'], world: 'MAIN' },
                    { id: 'isolated', matches: ['http://127.0.0.1/*'], js: ['isolated.js'], css: ['user.css'], \(flavor == .firefox ? "cssOrigin: 'user'" : "") },
                  ]);
                  chrome.tabs.create({ url: 'http://127.0.0.1:8000/index.html' });
                });
                """,
        ], pages: ["index.html": #"<!doctype html><style>#p { color: rgb(255, 0, 0) !important; }</style><script>var pageValue = 1;</script><p id="p">p</p>"#],
           flavor: flavor, open: [])
        let color = flavor == .firefox ? "rgb(128, 0, 128)" : "rgb(255, 0, 0)"
        #expect(run.texts == ["manifest main world sees number", "registered main world sees number undefined", "isolated world sees undefined \(color)"])
    }

    @Test(arguments: Flavor.allCases)
    func anUpdateIsCheckedAsARegistrationAndAHostileCallerGetsNothingMore(flavor: Flavor) throws {
        // (An update that empties a script's files fails and changes nothing; members a script put
        // on Object.prototype are no script's; ids of other types are refused by the schema.)
        let run = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(permissions: ["scripting"], extra: #""host_permissions": ["http://127.0.0.1/*"]"#),
            "a.js": "",
            "bg.js": """
                const attempt = (label, call) => Promise.resolve().then(call).then((result) => console.log(label, JSON.stringify(result)), (error) => console.log(label, error.message));
                Object.prototype.js = ['polluted.js'];
                Object.prototype.allFrames = true;
                (async () => {
                  await attempt('register', () => chrome.scripting.registerContentScripts([{ id: 'a', matches: ['http://127.0.0.1/*'], js: ['a.js'] }]));
                  await attempt('empty its files', () => chrome.scripting.updateContentScripts([{ id: 'a', js: [] }]));
                  await attempt('an id of a number', () => chrome.scripting.registerContentScripts([{ id: 1, matches: ['http://127.0.0.1/*'], js: ['a.js'] }]));
                  delete Object.prototype.js;
                  delete Object.prototype.allFrames;
                  const [script] = await chrome.scripting.getRegisteredContentScripts();
                  console.log('kept', JSON.stringify(script.js), script.allFrames);
                })();
                """,
        ], flavor: flavor)
        let emptied = flavor == .chrome ? "Script with ID 'a' must specify at least one js or css file." : "At least one js or css must be specified."
        #expect(run.texts.prefix(2) == ["register undefined", "empty its files \(emptied)"])
        #expect(run.texts.last == #"kept ["a.js"] false"#)
    }

    @Test func firefoxsContentScriptsRegisterEndsWithThePageThatRegistered() throws {
        // (An extension page registers a script, which runs in a page that loads; once the
        // extension page has closed, the page's reload runs only the background's.)
        let run = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(version: 2, permissions: ["tabs", "http://127.0.0.1/*"]),
            "bg.js": """
                (async () => {
                  await browser.contentScripts.register({ matches: ['http://127.0.0.1/*'], js: [{ code: "console.log('the background script ran')" }] });
                  browser.runtime.onMessage.addListener(async (message, sender) => {
                    if (message !== 'registered') return;
                    const tab = await browser.tabs.create({ url: 'http://127.0.0.1:8000/index.html' });
                    setTimeout(async () => {
                      await browser.tabs.remove(sender.tab.id);
                      browser.tabs.reload(tab.id);
                    }, 1000);
                  });
                  browser.tabs.create({ url: 'page.html' });
                })();
                """,
            "page.html": "<!doctype html><script src=page.js></script>",
            "page.js": """
                browser.contentScripts.register({ matches: ['http://127.0.0.1/*'], js: [{ code: "console.log('the page script ran')" }] })
                  .then(() => browser.runtime.sendMessage('registered'));
                """,
        ], pages: ["index.html": "<!doctype html><p>page</p>"], flavor: .firefox, open: [])
        #expect(run.texts == ["the background script ran", "the page script ran", "the background script ran"])
    }

    @Test(arguments: Flavor.allCases)
    func aRegisteredScriptStaysInsideTheExtensionAndItsHostPermissions(flavor: Flavor) throws {
        // (A file above the extension's folder is none of its files (Chromium refuses it; Firefox's
        // URL cannot climb above the root, so `../outside.js` is its own `outside.js`); a script whose pattern
        // reaches a page the extension has no host permission for does not run there; a hole in
        // the list, with Array.prototype[0] set, is no script.)
        let folder = try TemporaryExtension(files: [
            "ext/manifest.json": TemporaryExtension.manifest(permissions: ["scripting", "tabs"], extra: #""host_permissions": ["http://127.0.0.1/*"]"#),
            "ext/a.js": "console.log('a.js ran in', location.host);",
            "outside.js": "console.log('the file outside ran');",
            "ext/bg.js": """
                const attempt = (label, call) => Promise.resolve().then(call).then(() => console.log(label, 'resolved'), (error) => console.log(label, error.message.split(':')[0]));
                (async () => {
                  await attempt('outside', () => chrome.scripting.registerContentScripts([{ id: 'out', matches: ['http://127.0.0.1/*'], js: ['../outside.js'] }]));
                  Array.prototype[0] = { id: 'evil', matches: ['<all_urls>'], js: ['a.js'] };
                  await attempt('a hole', () => chrome.scripting.registerContentScripts([, { id: 'b', matches: ['<all_urls>'], js: ['a.js'] }]));
                  delete Array.prototype[0];
                  await attempt('everywhere', () => chrome.scripting.registerContentScripts([{ id: 'all', matches: ['<all_urls>'], js: ['a.js'] }]));
                  console.log('registered', JSON.stringify((await chrome.scripting.getRegisteredContentScripts()).map((script) => script.id)));
                  await chrome.tabs.create({ url: 'http://127.0.0.1:8000/index.html' });
                  await chrome.tabs.create({ url: 'http://localhost:8000/index.html' });
                })();
                """,
        ]).directory
        let site = try TemporaryExtension(files: ["index.html": "<!doctype html><p>page</p>"]).directory
        let run = try HostRun.run(folder.appendingPathComponent("ext"), flavor: flavor,
                                  sites: ["http://127.0.0.1:8000": site.path, "http://localhost:8000": site.path])
        let outside = flavor == .chrome ? "outside Could not load javascript '../outside.js' for script." : "outside resolved"
        let registered = flavor == .chrome ? #"registered ["all"]"# : #"registered ["out","all"]"#
        let hole = flavor == .chrome ? "a hole Error in invocation of scripting.registerContentScripts(array scripts, optional function callback)"
            : "a hole Type error for parameter scripts (Error processing 0"
        #expect(Array(run.texts.filter { !$0.hasPrefix("a.js") }.prefix(4)) == [outside, hole, "everywhere resolved", registered])
        // (Firefox's `out`, its own `outside.js`, is no file: it fails where it would run.)
        #expect(run.texts.filter { $0.hasPrefix("a.js") } == ["a.js ran in 127.0.0.1:8000"])
        #expect(!run.texts.contains("the file outside ran"))
    }
}
