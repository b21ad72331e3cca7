import BrowserModel
@testable import Exthost
import Foundation
import JSEngine
import Testing

/// A host and everything in it end when the last reference to the host goes, whatever its
/// extensions did: the API surface, the router and the loop hold the host weakly or not at all.
@Suite("Host lifetime")
struct HostLifetimeTests {
    /// An extension that uses every API namespace's Swift side (tabs, windows, frames, URLs) and messaging.
    static let files: [String: String] = [
        "manifest.json": """
            {"manifest_version": 3, "name": "lifetime", "version": "1", "permissions": ["tabs"],
             "background": {"service_worker": "bg.js", "scripts": ["bg.js"]},
             "browser_specific_settings": {"gecko": {"id": "lifetime@exthost.test"}},
             "content_scripts": [{"matches": ["http://127.0.0.1/*"], "js": ["cs.js"]}]}
            """,
        "bg.js": """
            (async () => {
              const tab = await chrome.tabs.create({url: 'http://127.0.0.1/page.html'});
              await chrome.tabs.query({active: true});
              await chrome.windows.getAll();
              chrome.runtime.onMessage.addListener((m, s, respond) => { respond(new URL('x', 'http://a/').href); });
              await chrome.tabs.get(tab.id);
              console.log('background done');
            })();
            """,
        "cs.js": "chrome.runtime.sendMessage('hi').then(a => console.log('answer', a));\n",
    ]

    @Test(arguments: ["chrome", "firefox"])
    func aHostThatUsedTheAPIEndsWithItsLastReference(flavor: String) throws {
        weak var weakHost: ExtensionHost?
        // (Its contexts' realms and its engine too: a value a native function keeps protected
        // would keep them, the host gone. Firefox's contexts of manifest version 3 refuse eval
        // through natives held by their global.)
        weak var weakScript: ScriptContext?
        weak var weakMachine: VirtualMachine?
        var texts: [String] = []
        try {
            let run = try HostRun.run(files: Self.files, flavor: flavor == "chrome" ? .chrome : .firefox)
            texts = run.texts
            weakHost = run.host
            weakScript = run.host.extensions.first?.background?.script
            weakMachine = weakScript?.machine
        }()
        #expect(texts.contains("background done"), "the extension did not run: \(texts)")
        #expect(texts.contains("answer http://a/x"), "the content script got no answer: \(texts)")
        #expect(weakHost == nil, "the host outlived its last reference")
        #expect(weakScript == nil, "the background's script context outlived the host")
        #expect(weakMachine == nil, "the engine outlived the host")
    }

    /// A closed tab's worlds end with it: the content scripts' contexts, the page's own (its main
    /// world and its frame's) and an extension page's, Swift's objects and their realms alike,
    /// after a navigation as after a close. (Nothing of the engine keeps a realm: one a stale
    /// stack slot still names, as the collection scans the stack conservatively, is allowed for.)
    @Test(arguments: [Flavor.chrome, .firefox])
    func closedTabsLeaveNoContextOrRealmBehind(flavor: Flavor) throws {
        let directory = try TemporaryExtension(files: [
            "manifest.json": TemporaryExtension.manifest(contentScripts: #"[{"matches": ["http://127.0.0.1/*"], "js": ["cs.js"], "all_frames": true}]"#),
            "bg.js": "chrome.runtime.onMessage.addListener(() => {});\n",
            "cs.js": "document.addEventListener('click', () => {}); setTimeout(() => {}, 1); chrome.runtime.sendMessage('ready').catch(() => {});\n",
            "page.html": "<!doctype html><title>page</title><script>console.log(location.href.length > 0);</script>",
        ]).directory
        let site = try TemporaryExtension(files: [
            "page.html": "<!doctype html><title>own scripts</title><script>Promise.reject(new Error('x')).catch(() => {}); var n = 1;</script><iframe src='frame.html'></iframe>",
            "frame.html": "<!doctype html><p>frame</p><script>var m = 2;</script>",
        ]).directory
        let options = HostOptions(flavor: flavor, siteMap: SiteMap([try SiteMapping(parsing: "http://127.0.0.1:8000=\(site.path)", relativeTo: packageRoot)]))
        let host = ExtensionHost(options: options) { _ in }
        let instance = try host.loadExtension(at: directory)
        host.runUntilStarted(maxTime: 60)
        host.run(maxTime: 60)
        let before = host.machine.heapCountsAfterCollection()
        var closed: [Weak] = []
        for round in 0..<4 {
            let tab = host.open(round % 2 == 0 ? "http://127.0.0.1:8000/page.html?\(round)" : instance.id.baseURL + "page.html")
            host.runUntilLoaded(tabID: tab, maxTime: 60)
            closed += host.contextsInOrder.filter { $0.tabID == tab }.map(Weak.init)
            host.navigate(tabID: tab, to: "http://127.0.0.1:8000/page.html?again\(round)")
            host.runUntilLoaded(tabID: tab, maxTime: 60)
            closed += host.contextsInOrder.filter { $0.tabID == tab }.map(Weak.init)
            host.removeTab(tab)
            host.run(maxTime: 60)
        }
        #expect(closed.count >= 16, "the pages made too few worlds: \(closed.count)")
        #expect(closed.allSatisfy { $0.context == nil }, "a closed context outlived its tab")
        let after = host.machine.heapCountsAfterCollection()
        #expect(after.globalObjects <= before.globalObjects + 1, "closed realms stay: \(before) then \(after)")
    }

    /// A context held weakly.
    struct Weak {
        weak var context: ExtensionContext?
        init(_ context: ExtensionContext) { self.context = context }
    }
}
