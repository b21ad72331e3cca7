import BrowserModel
import Exthost
import Foundation
import Testing

/// Leaving a document and a tab's visibility (issue 10, items 2 and 4;
/// Sources/Exthost/DOM/ExtensionHost+Unloading.swift): what the recorded cases page-bfcache and
/// page-unload-frames do not show.
@Suite("Unloading and visibility")
struct UnloadingTests {
    static func run(background: String, contentScript: String, pages: [String: String], flavor: Flavor, open: [String] = []) throws -> [String] {
        let run = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(permissions: ["tabs"], contentScripts: #"[{"matches": ["http://127.0.0.1/*"], "js": ["cs.js"]}]"#),
            "bg.js": background,
            "cs.js": contentScript,
        ], pages: pages, flavor: flavor, open: open)
        return run.messages.map(\.text)
    }

    /// A tab opened in the background (here before the first tab's page has loaded) is hidden from
    /// its start; made active, it becomes visible,
    /// and the tab it replaced at the front hidden, each with `visibilitychange`.
    @Test(arguments: [Flavor.chrome, .firefox])
    func aTabInTheBackgroundIsHiddenUntilItIsActivated(flavor: Flavor) throws {
        let lines = try Self.run(background: """
            chrome.tabs.create({ url: 'http://127.0.0.1:8000/back.html', active: false }, (tab) => {
              setTimeout(() => chrome.tabs.update(tab.id, { active: true }), 100);
            });
            """, contentScript: """
            const page = location.pathname;
            console.log(page + ' starts ' + document.visibilityState + ' hidden=' + document.hidden);
            document.addEventListener('visibilitychange', () => console.log(page + ' visibilitychange ' + document.visibilityState));
            """, pages: ["front.html": "<!doctype html><p>front</p>", "back.html": "<!doctype html><p>back</p>"],
            flavor: flavor, open: ["http://127.0.0.1:8000/front.html"])
        #expect(lines == [
            "/back.html starts hidden hidden=true", "/front.html starts visible hidden=false",
            "/front.html visibilitychange hidden", "/back.html visibilitychange visible",
        ])
    }

    /// A `beforeunload` handler's value cancels the event and becomes its `returnValue`, as HTML
    /// says; the navigation goes on (a browser asks the person only on a page they interacted
    /// with). `onbeforeunload` and `onunload` are the window's handler attributes.
    @Test(arguments: [Flavor.chrome, .firefox])
    func aBeforeunloadHandlerCancelsTheEventAndTheNavigationGoesOn(flavor: Flavor) throws {
        let lines = try Self.run(background: "", contentScript: """
            if (location.pathname === '/one.html') {
              window.onbeforeunload = () => 'stay';
              addEventListener('beforeunload', (event) => {
                console.log('listener sees ' + event.defaultPrevented + ' ' + JSON.stringify(event.returnValue));
              });
              window.onunload = () => console.log('onunload ' + (typeof onbeforeunload));
              try { new BeforeUnloadEvent('beforeunload'); } catch (error) { console.log(error.name); }
              setTimeout(() => { location.href = '/two.html'; }, 10);
            } else {
              console.log('arrived at ' + location.pathname);
            }
            """, pages: [
                // (Its page listens to unload: the back/forward cache does not keep it, and it unloads.)
                "one.html": "<!doctype html><p>one</p><script>addEventListener('unload', () => {});</script>",
                "two.html": "<!doctype html><p>two</p>",
            ],
            flavor: flavor, open: ["http://127.0.0.1:8000/one.html"])
        #expect(lines == ["TypeError", #"listener sees true "stay""#, "onunload function", "arrived at /two.html"])
    }
}
