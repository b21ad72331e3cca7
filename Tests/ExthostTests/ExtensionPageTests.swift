import BrowserModel
import Exthost
import Foundation
import Testing

/// An extension's own pages shown in tabs (issue 10, item 5): a context of the extension with
/// the background's APIs, its document parsed as it loads, its scripts run in the browsers' order
/// (Sources/Exthost/DOM/DocumentLoad.swift, js/64_document_loading.js), and messaging with the
/// background and with content scripts.
@Suite("Extension pages")
struct ExtensionPageTests {
    static let manifest = #"""
        {"manifest_version": 3, "name": "pages", "version": "1", "permissions": ["tabs"],
         "background": {"service_worker": "bg.js", "scripts": ["bg.js"]},
         "content_scripts": [{"matches": ["http://127.0.0.1/*"], "js": ["cs.js"]}]}
        """#

    /// Runs an extension whose background opens `page.html` in a tab (after `delay` ms of the loop's
    /// clock), with `files` besides, and returns what its contexts printed, each line prefixed with
    /// the kind of context that printed it.
    static func run(_ files: [String: String], flavor: Flavor = .chrome, open urls: [String] = [], background: String = "") throws -> [String] {
        var all = files
        all["manifest.json"] = manifest
        all["bg.js"] = background + "\nsetTimeout(() => chrome.tabs.create({ url: chrome.runtime.getURL('page.html') }), 10);"
        if all["cs.js"] == nil { all["cs.js"] = "" }
        let run = try HostRun.run(files: all, flavor: flavor, open: urls)
        return run.messages.map { "\($0.context.rawValue): \($0.text)" }
    }

    @Test(arguments: [Flavor.chrome, .firefox])
    func aPagesScriptsRunInDocumentOrderAsItLoads(flavor: Flavor) throws {
        let lines = try Self.run([
            "page.html": """
                <!doctype html><html><head><title>Ext page</title>
                <script src="early.js"></script>
                <script src="late.js" defer></script>
                <script type="module" src="mod.js"></script>
                <script src="async.js" async></script>
                </head><body><h1 id="h">Hello</h1>
                <script src="body.js"></script>
                <p>after</p>
                </body></html>
                """,
            "early.js": """
                console.log('early ' + document.readyState + ' ' + document.body + ' ' + document.currentScript.src.split('/').pop());
                document.addEventListener('readystatechange', () => console.log('readystatechange ' + document.readyState));
                document.addEventListener('DOMContentLoaded', (e) => console.log('DOMContentLoaded ' + e.bubbles));
                window.addEventListener('DOMContentLoaded', () => console.log('DOMContentLoaded at window'));
                window.addEventListener('load', (e) => console.log('load ' + (e.target === document) + ' ' + document.readyState));
                """,
            "body.js": "console.log('body ' + document.readyState + ' ' + document.getElementById('h').textContent + ' ' + document.querySelectorAll('p').length);",
            "late.js": "console.log('deferred ' + document.readyState + ' ' + document.querySelectorAll('p').length);",
            "mod.js": "console.log('module ' + document.readyState + ' ' + document.currentScript);",
            "async.js": "console.log('async');",
        ], flavor: flavor)
        let page = lines.filter { $0.hasPrefix("page: ") && $0 != "page: async" }
        #expect(page == [
            "page: early loading null early.js",
            "page: body loading Hello 0",
            "page: readystatechange interactive",
            "page: deferred interactive 1",
            "page: module interactive null",
            "page: DOMContentLoaded true",
            "page: DOMContentLoaded at window",
            "page: readystatechange complete",
            "page: load false complete",
        ])
        #expect(lines.contains("page: async"))
    }

    @Test(arguments: [Flavor.chrome, .firefox])
    func inlineAndForeignScriptsAreRefusedAndAMissingOneFails(flavor: Flavor) throws {
        let lines = try Self.run([
            "page.html": """
                <script>console.log('inline ran')</script>
                <script src="https://example.com/remote.js"></script>
                <script src="missing.js"></script>
                <script src="ok.js"></script>
                """,
            "ok.js": "console.log('ok ran');",
        ], flavor: flavor)
        let page = lines.filter { $0.hasPrefix("page: ") }
        #expect(page.count == 4)
        #expect(!page.contains("page: inline ran"))
        #expect(page.last == "page: ok ran")
        switch flavor {
        case .chrome:
            #expect(page[0].hasPrefix("page: Refused to execute inline script because it violates the following Content Security Policy directive: \"script-src 'self'"))
            #expect(page[0].contains("a hash ('sha256-"))
            #expect(page[1].hasPrefix("page: Refused to load the script 'https://example.com/remote.js' because it violates"))
            #expect(page[2] == "page: Failed to load resource: net::ERR_FILE_NOT_FOUND")
        case .firefox:
            #expect(page[0].hasPrefix("page: Content-Security-Policy: The page’s settings blocked an inline script (script-src-elem)"))
            #expect(page[1].hasPrefix("page: Content-Security-Policy: The page’s settings blocked the loading of a resource (script-src-elem) at https://example.com/remote.js"))
            #expect(page[2].hasPrefix("page: Loading failed for the <script> with source “moz-extension://"))
        }
    }

    @Test(arguments: [Flavor.chrome, .firefox])
    func aPageAndTheBackgroundMessageEachOther(flavor: Flavor) throws {
        let lines = try Self.run([
            "page.html": #"<script src="page.js"></script>"#,
            "page.js": """
                chrome.runtime.onMessage.addListener((message, sender) => {
                  console.log('page got ' + message + ' from a tab: ' + ('tab' in sender));
                });
                chrome.runtime.sendMessage('hello from the page', (answer) => console.log('page heard back ' + answer));
                """,
        ], flavor: flavor, background: """
            chrome.runtime.onMessage.addListener((message, sender, respond) => {
              console.log('background got ' + message + ' from ' + sender.url.split('/').pop() + ' in tab ' + (sender.tab && sender.tab.url.split('/').pop()) + ' frame ' + sender.frameId);
              respond('ok');
              chrome.runtime.sendMessage('hello from the background');
            });
            """)
        // (The answer and the background's own message cross to the page in an order that differs
        // between the browsers' routers; what arrives is the point here.)
        #expect(lines.sorted() == [
            "background: background got hello from the page from page.html in tab page.html frame 0",
            "page: page got hello from the background from a tab: false",
            "page: page heard back ok",
        ])
    }

    @Test(arguments: [Flavor.chrome, .firefox])
    func aPageConnectsToTheContentScriptOfAnotherTab(flavor: Flavor) throws {
        // The seed's example, from an extension page in a tab: find the web page's tab, connect to
        // its content script, talk.
        let lines = try Self.run([
            "page.html": #"<!doctype html><title>Controls</title><body><button id="go">Go</button><script src="page.js"></script>"#,
            "page.js": """
                document.getElementById('go').addEventListener('click', () => {
                  chrome.tabs.query({ url: 'http://127.0.0.1/*' }, (tabs) => {
                    const port = chrome.tabs.connect(tabs[0].id, { name: 'controls' });
                    port.onMessage.addListener((message) => console.log('page got ' + message));
                    port.postMessage('what is your title?');
                  });
                });
                document.getElementById('go').click();
                """,
            "cs.js": """
                chrome.runtime.onConnect.addListener((port) => {
                  port.onMessage.addListener((message) => {
                    port.postMessage(port.name + ': ' + document.title + ' (' + document.querySelectorAll('*').length + ' elements), sender ' + port.sender.url.split('/').pop());
                  });
                });
                """,
        ], flavor: flavor, open: ["http://127.0.0.1:8000/index.html"])
        let expected = try String(contentsOf: packageRoot.appendingPathComponent("fixtures/site/index.html"), encoding: .utf8)
        let title = try #require(expected.range(of: "<title>").flatMap { start in expected.range(of: "</title>").map { String(expected[start.upperBound..<$0.lowerBound]) } })
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("page: page got controls: \(title) (") == true)
        #expect(lines.first?.hasSuffix("elements), sender page.html") == true)
    }

    @Test func aPageClosesWithItsTabAndItsPortsDisconnect() throws {
        let lines = try Self.run([
            "page.html": #"<script src="page.js"></script>"#,
            "page.js": "const port = chrome.runtime.connect({ name: 'page' }); window.addEventListener('load', () => console.log('page loaded'));",
        ], background: """
            chrome.runtime.onConnect.addListener((port) => {
              console.log('connected ' + port.name);
              port.onDisconnect.addListener(() => console.log('disconnected ' + port.name));
              setTimeout(() => chrome.tabs.remove(port.sender.tab.id), 100);
            });
            """)
        #expect(lines == ["page: page loaded", "background: connected page", "background: disconnected page"])
    }

    @Test(arguments: [Flavor.chrome, .firefox])
    func aClickOpensThePopupWhichTalksToTheActiveTab(flavor: Flavor) throws {
        // The seed's example from a popup: the active tab, a port to its content script, an
        // answer; `window.close()` closes the popup and its ports; no click event goes out.
        let manifest = #"""
            {"manifest_version": \#(flavor == .chrome ? 3 : 2), "name": "popup", "version": "1", "permissions": ["tabs"],
             "\#(flavor == .chrome ? "action" : "browser_action")": {"default_popup": "popup.html"},
             "background": {"\#(flavor == .chrome ? "service_worker" : "scripts")": \#(flavor == .chrome ? #""bg.js""# : #"["bg.js"]"#)},
             "content_scripts": [{"matches": ["http://127.0.0.1/*"], "js": ["cs.js"]}]}
            """#
        let run = try HostRun.run(files: [
            "manifest.json": manifest,
            "bg.js": """
                (chrome.action || chrome.browserAction).onClicked.addListener(() => console.log('clicked'));
                chrome.runtime.onConnect.addListener((port) => {
                  console.log('background: ' + port.name + ' tab ' + ('tab' in port.sender) + ' ' + port.sender.url.split('/').pop());
                  port.onDisconnect.addListener(() => console.log('background: the popup closed'));
                });
                """,
            "cs.js": "chrome.runtime.onConnect.addListener((port) => port.onMessage.addListener(() => port.postMessage(port.name + ' got ' + document.title)));",
            "popup.html": #"<!doctype html><title>Popup</title><script src="popup.js"></script>"#,
            "popup.js": """
                console.log('popup: ' + document.title + ' ' + location.pathname);
                chrome.runtime.connect({ name: 'popup' });
                chrome.tabs.query({ active: true, currentWindow: true }, (tabs) => {
                  const port = chrome.tabs.connect(tabs[0].id, { name: 'from the popup' });
                  port.onMessage.addListener((message) => {
                    console.log('popup: ' + message);
                    window.close();
                  });
                  port.postMessage('title?');
                });
                """,
        ], flavor: flavor, open: ["http://127.0.0.1:8000/index.html"], clickAction: true)
        #expect(run.texts == [
            "popup: Popup /popup.html",
            "background: popup tab false popup.html",
            "popup: from the popup got exthost example page",
            "background: the popup closed",
        ])
    }

    @Test func aSecondClickClosesThePopup() throws {
        let run = try HostRun.run(files: [
            "manifest.json": #"{"manifest_version": 3, "name": "p", "version": "1", "action": {"default_popup": "popup.html"}, "background": {"service_worker": "bg.js"}}"#,
            "bg.js": "chrome.runtime.onConnect.addListener((port) => port.onDisconnect.addListener(() => console.log('closed')));",
            "popup.html": #"<script src="popup.js"></script>"#,
            "popup.js": """
                chrome.runtime.connect();
                console.log('opened');
                addEventListener('pagehide', (e) => console.log('pagehide ' + e.persisted));
                document.addEventListener('visibilitychange', () => console.log('visibilitychange ' + document.visibilityState));
                addEventListener('unload', () => console.log('unload'));
                """,
        ])
        run.host.clickAction()
        run.host.run(maxTime: 10)
        run.host.clickAction()
        run.host.run(maxTime: 10)
        let instance = try #require(run.host.extensions.first)
        // (Its document hears it is left, as a tab's page does when its tab closes.)
        #expect(run.textsSoFar == ["opened", "pagehide false", "visibilitychange hidden", "unload", "closed"])
        #expect(instance.manifest.actionPopup == "popup.html")
    }

    @Test(arguments: [Flavor.chrome, .firefox])
    func aWebPageFramesOnlyTheExtensionsWebAccessiblePages(flavor: Flavor) throws {
        let manifest = #"""
            {"manifest_version": 3, "name": "war", "version": "1", "background": {"service_worker": "bg.js", "scripts": ["bg.js"]},
             "web_accessible_resources": [{"resources": ["open.html"], "matches": ["http://127.0.0.1/*"]}]}
            """#
        let extensionFolder = try TemporaryExtension(files: [
            "manifest.json": manifest,
            "bg.js": "",
            "open.html": #"<script src="page.js"></script>"#,
            "closed.html": #"<script src="page.js"></script>"#,
            "page.js": "console.log('runs in ' + location.pathname);",
        ]).directory
        let parsed = try Manifest.parse(Data(manifest.utf8), file: extensionFolder.appendingPathComponent("manifest.json").path, flavor: flavor)
        let base = ExtensionID.make(manifest: parsed, directory: extensionFolder, flavor: flavor).baseURL
        let site = try TemporaryExtension(files: [
            "framing.html": #"<iframe src="\#(base)open.html"></iframe><iframe src="\#(base)closed.html"></iframe>"#,
        ]).directory
        let run = try HostRun.run(extensionFolder, flavor: flavor, open: ["http://127.0.0.1:8000/framing.html"], sites: ["http://127.0.0.1:8000": site.path])
        #expect(run.texts == ["runs in /open.html"])
    }
}
