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
}
