import BrowserModel
import Exthost
import Foundation
import Testing

/// Style sheets extensions add to pages (Sources/Exthost/DOM/ExtensionHost+StyleSheets.swift):
/// what the recorded cases (`content-script-css-cascade`, `scripting-css-errors`) do not reach:
/// which frames a content script's `css` reaches and when, a page's shadow trees, a new document,
/// keys across extensions, and what a hostile sheet or call does.
@Suite("Style sheet injection")
struct StyleSheetInjectionTests {
    private static let pages = [
        "index.html": #"<!doctype html><title>index</title><p id="p">top</p><div id="host"></div><iframe src="/frame.html"></iframe>"#,
        "frame.html": #"<!doctype html><title>frame</title><p id="p">frame</p>"#,
        "other.html": #"<!doctype html><title>other</title><p id="p">other</p>"#,
    ]

    @Test(arguments: Flavor.allCases)
    func aContentScriptsCSSReachesItsFramesAndNoShadowTree(flavor: Flavor) throws {
        // (A `css` entry without `js`, for the top frame only; a script in every frame reads the
        // color at document_start, where only <html> is there, and at document_idle.)
        let run = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(contentScripts: """
                [{"matches": ["http://127.0.0.1/*"], "css": ["style.css"]},
                 {"matches": ["http://127.0.0.1/*"], "js": ["start.js"], "run_at": "document_start", "all_frames": true},
                 {"matches": ["http://127.0.0.1/*"], "js": ["idle.js"], "all_frames": true}]
                """),
            "bg.js": "",
            "style.css": "html { color: rgb(0, 128, 0); } #p, span { color: rgb(0, 0, 255) !important; }",
            "start.js": "console.log(window === top ? 'top' : 'frame', 'at document_start', getComputedStyle(document.documentElement).color);",
            "idle.js": """
                const where = window === top ? 'top' : 'frame';
                let shadow = '';
                if (window === top) {
                  const root = document.getElementById('host').attachShadow({ mode: 'open' });
                  root.innerHTML = '<span>in a shadow tree</span>';
                  shadow = ' shadow ' + getComputedStyle(root.firstChild).color;
                }
                console.log(where, 'at document_idle', getComputedStyle(document.getElementById('p')).color, 'sheets', document.styleSheets.length + shadow);
                """,
        ], pages: Self.pages, flavor: flavor, open: ["http://127.0.0.1:8000/index.html"])
        // (Firefox adds an entry's css as it runs the entry: at document_idle here.)
        #expect(run.texts == [
            "top at document_start \(flavor == .chrome ? "rgb(0, 128, 0)" : "rgb(0, 0, 0)")", "frame at document_start rgb(0, 0, 0)",
            "top at document_idle rgb(0, 0, 255) sheets 0 shadow rgb(0, 128, 0)", "frame at document_idle rgb(0, 0, 0) sheets 0",
        ])
    }

    @Test(arguments: Flavor.allCases)
    func insertedSheetsGoWithTheirDocumentAndRemoveCSSTakesTheLastOne(flavor: Flavor) throws {
        // (Inserted twice under one key, removed once: Chromium keeps one, Firefox added it once.
        // Then the tab goes to another page: the new document has none.)
        let run = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(permissions: ["scripting", "tabs"], contentScripts: #"[{"matches": ["http://127.0.0.1/*"], "js": ["cs.js"]}]"#,
                                                         extra: #""host_permissions": ["http://127.0.0.1/*"]"#),
            "bg.js": """
                const css = '#p { color: rgb(0, 0, 255); }';
                chrome.runtime.onMessage.addListener(async (message, sender) => {
                  const target = { tabId: sender.tab.id };
                  if (message === 'insert') {
                    await chrome.scripting.insertCSS({ target, css });
                    await chrome.scripting.insertCSS({ target, css });
                    await chrome.scripting.removeCSS({ target, css });
                    await chrome.tabs.sendMessage(sender.tab.id, 'look');
                    await chrome.scripting.removeCSS({ target, css });
                    await chrome.tabs.sendMessage(sender.tab.id, 'look');
                    await chrome.scripting.insertCSS({ target, css });
                    chrome.tabs.update(sender.tab.id, { url: 'http://127.0.0.1:8000/other.html' });
                  }
                });
                """,
            "cs.js": """
                const color = () => getComputedStyle(document.getElementById('p')).color;
                chrome.runtime.onMessage.addListener((message, sender, sendResponse) => { console.log(location.pathname, color()); sendResponse(); });
                if (location.pathname === '/other.html') console.log(location.pathname, color());
                else chrome.runtime.sendMessage('insert');
                """,
        ], pages: Self.pages, flavor: flavor, open: ["http://127.0.0.1:8000/index.html"])
        let afterOneRemoval = flavor == .chrome ? "rgb(0, 0, 255)" : "rgb(0, 0, 0)"
        #expect(run.texts == ["/index.html \(afterOneRemoval)", "/index.html rgb(0, 0, 0)", "/other.html rgb(0, 0, 0)"])
    }

    @Test func firefoxsVersion2TabsInsertCSSAndRemoveCSS() throws {
        // (`code` and `file`, the user's origin, removeCSS of the code, and ext-tabs-base.js's refusals.)
        let run = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(version: 2, permissions: ["tabs", "http://127.0.0.1/*"],
                                                         contentScripts: #"[{"matches": ["http://127.0.0.1/*"], "js": ["cs.js"]}]"#),
            "user.css": "#p { color: rgb(128, 0, 128) !important; }",
            "bg.js": """
                const code = '#p { color: rgb(0, 0, 255) !important; }';
                const attempt = (label, promise) => promise.then(() => console.log(label, 'resolved'), (error) => console.log(label, error.message));
                chrome.runtime.onMessage.addListener(async (message, sender) => {
                  const tab = sender.tab.id;
                  await attempt('code and file', browser.tabs.insertCSS(tab, { code, file: 'user.css' }));
                  await attempt('frameId and allFrames', browser.tabs.insertCSS(tab, { code, frameId: 0, allFrames: true }));
                  await browser.tabs.insertCSS(tab, { code });
                  await browser.tabs.sendMessage(tab, 'look');
                  await browser.tabs.insertCSS(tab, { file: 'user.css', cssOrigin: 'user' });
                  await browser.tabs.sendMessage(tab, 'look');
                  await browser.tabs.removeCSS(tab, { file: 'user.css', cssOrigin: 'user' });
                  await browser.tabs.removeCSS(tab, { code });
                  await browser.tabs.sendMessage(tab, 'look');
                });
                """,
            "cs.js": """
                browser.runtime.onMessage.addListener(() => { console.log(getComputedStyle(document.getElementById('p')).color); return Promise.resolve(); });
                browser.runtime.sendMessage('start');
                """,
        ], pages: Self.pages, flavor: .firefox, open: ["http://127.0.0.1:8000/index.html"])
        #expect(run.texts == [
            "code and file insertCSS requires either a 'code' or a 'file' property, but not both",
            "frameId and allFrames 'frameId' and 'allFrames' are mutually exclusive",
            "rgb(0, 0, 255)", "rgb(128, 0, 128)", "rgb(0, 0, 0)",
        ])
    }

    @Test(arguments: Flavor.allCases)
    func aHostileCallerGetsOnlyWhatItAskedFor(flavor: Flavor) throws {
        // (Members a script put on Object.prototype are no arguments; a sheet that does not parse,
        // one that tries to end a <style> (a rule whose selector is dropped, as CSS drops it), and
        // one of 20,000 rules style what they can and hang nothing.)
        let run = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(permissions: ["scripting", "tabs"], contentScripts: #"[{"matches": ["http://127.0.0.1/*"], "js": ["cs.js"]}]"#,
                                                         extra: #""host_permissions": ["http://127.0.0.1/*"]"#),
            "bg.js": """
                Object.defineProperty(Object.prototype, 'files', { get() { console.log('files read'); return ['nothing.css']; }, configurable: true });
                Object.prototype.origin = 'USER';
                String.prototype.replace = () => 'replaced';
                chrome.runtime.onMessage.addListener(async (message, sender) => {
                  const target = { tabId: sender.tab.id };
                  const many = Array.from({ length: 20000 }, (_, i) => '.c' + i + ' { color: red; }').join('');
                  await chrome.scripting.insertCSS({ target, css: '#p { color: rgb(0, 0, 255) } } } @media { ' });
                  await chrome.scripting.insertCSS({ target, css: '</style><script>console.log(1)</script> {} #p { background-color: rgb(0, 128, 0); }' });
                  await chrome.scripting.insertCSS({ target, css: many });
                  await chrome.tabs.sendMessage(sender.tab.id, 'look');
                });
                """,
            "cs.js": """
                chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
                  const style = getComputedStyle(document.getElementById('p'));
                  console.log(style.color, style.backgroundColor, document.styleSheets.length);
                  sendResponse();
                });
                chrome.runtime.sendMessage('start');
                """,
        ], pages: Self.pages, flavor: flavor, open: ["http://127.0.0.1:8000/index.html"])
        #expect(run.texts == ["rgb(0, 0, 255) rgb(0, 128, 0) 0"])
    }

    @Test(arguments: Flavor.allCases)
    func theCascadeSaturatesSpecificityAndUserSheetsReachShadowTrees(flavor: Flavor) throws {
        // (600 ids lose to the style attribute, as the browsers saturate each part of a
        // specificity; a user sheet reaches a shadow tree; `./one.css` names the sheet of `one.css`.)
        let ids = String(repeating: "#a", count: 600)
        let run = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(permissions: ["scripting", "tabs"], contentScripts: #"[{"matches": ["http://127.0.0.1/*"], "js": ["cs.js"]}]"#,
                                                         extra: #""host_permissions": ["http://127.0.0.1/*"]"#),
            "one.css": "#p { background-color: rgb(0, 0, 255); }",
            "bg.js": """
                chrome.runtime.onMessage.addListener(async (message, sender) => {
                  const target = { tabId: sender.tab.id };
                  await chrome.scripting.insertCSS({ target, css: 'span { color: rgb(128, 0, 128) !important; }', origin: 'USER' });
                  await chrome.scripting.insertCSS({ target, files: ['one.css'] });
                  await chrome.tabs.sendMessage(sender.tab.id, 'look');
                  await chrome.scripting.removeCSS({ target, files: ['./one.css'] });
                  await chrome.tabs.sendMessage(sender.tab.id, 'look');
                });
                """,
            "cs.js": """
                const root = document.getElementById('host').attachShadow({ mode: 'open' });
                root.innerHTML = '<style>span { color: rgb(0, 0, 255) !important; }</style><span>in a shadow tree</span>';
                chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
                  console.log(getComputedStyle(document.getElementById('a')).color, getComputedStyle(root.lastChild).color,
                    getComputedStyle(document.getElementById('p')).backgroundColor);
                  sendResponse();
                });
                chrome.runtime.sendMessage('start');
                """,
        ], pages: ["index.html": """
            <!doctype html><style>\(ids) { color: rgb(255, 0, 0); }</style><b id="a" style="color: rgb(0, 128, 0)">a</b><div id="host"></div><p id="p">p</p>
            """], flavor: flavor, open: ["http://127.0.0.1:8000/index.html"])
        #expect(run.texts == ["rgb(0, 128, 0) rgb(128, 0, 128) rgb(0, 0, 255)", "rgb(0, 128, 0) rgb(128, 0, 128) rgba(0, 0, 0, 0)"])
    }

    @Test(arguments: Flavor.allCases)
    func twoExtensionsInsertingOneTextEachHaveTheirSheet(flavor: Flavor) throws {
        // (Firefox caches each extension's sheets apart: both are added, and removeCSS takes the
        // last one added under that URL, the second's; Chromium's keys are each extension's own.)
        func files(_ name: String, delay: Int, removes: Bool) -> [String: String] {
            [
                "manifest.json": #"{"manifest_version": 3, "name": "\#(name)", "version": "1", "browser_specific_settings": {"gecko": {"id": "\#(name)@test"}}, "permissions": ["scripting", "tabs"], "host_permissions": ["http://127.0.0.1/*"], "background": {"service_worker": "bg.js", "scripts": ["bg.js"]}, "content_scripts": [{"matches": ["http://127.0.0.1/*"], "js": ["cs.js"]}]}"#,
                "bg.js": """
                    chrome.runtime.onMessage.addListener(async (message, sender) => {
                      const target = { tabId: sender.tab.id };
                      await new Promise((resolve) => setTimeout(resolve, \(delay)));
                      await chrome.scripting.insertCSS({ target, css: '#p { color: rgb(255, 0, 0); }' });
                      if (\(removes)) {
                        await new Promise((resolve) => setTimeout(resolve, 500));
                        await chrome.scripting.removeCSS({ target, css: '#p { color: rgb(255, 0, 0); }' });
                        await chrome.tabs.sendMessage(sender.tab.id, 'look');
                      }
                    });
                    """,
                "cs.js": """
                    chrome.runtime.onMessage.addListener((message, sender, sendResponse) => { console.log(getComputedStyle(document.getElementById('p')).color); sendResponse(); });
                    chrome.runtime.sendMessage('start');
                    """,
            ]
        }
        let first = try TemporaryExtension(files: files("first", delay: 0, removes: true)).directory
        let second = try TemporaryExtension(files: files("second", delay: 200, removes: false)).directory
        let site = try TemporaryExtension(files: ["index.html": #"<!doctype html><p id="p">p</p>"#]).directory
        let run = try HostRun.run(first, flavor: flavor, open: ["http://127.0.0.1:8000/index.html"], sites: ["http://127.0.0.1:8000": site.path], more: [second])
        #expect(run.texts == ["rgb(255, 0, 0)"])
    }
}
