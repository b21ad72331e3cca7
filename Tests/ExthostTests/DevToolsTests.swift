import BrowserModel
import Foundation
import Testing
@testable import Exthost

/// DevTools for a tab: an extension's `devtools_page` (Sources/Exthost/DOM/ExtensionHost+DevTools.swift,
/// js/57_devtools.js). fixtures/conformance/devtools-page records what the browsers give it.
@Suite struct DevToolsTests {
    static let manifest = """
        {"manifest_version": 3, "name": "dt", "version": "1", "devtools_page": "devtools.html", "permissions": ["tabs"],
         "browser_specific_settings": {"gecko": {"id": "dt@exthost.test"}},
         "background": {"service_worker": "bg.js", "scripts": ["bg.js"]}}
        """

    /// Runs the extension with `bg.js` and the devtools page's `devtools.js`, DevTools open for
    /// the served `index.html` (of `pages`).
    static func runDevtools(background: String = "", devtools: String, pages: [String: String], flavor: Flavor) throws -> HostRun {
        try HostRun.run(files: [
            "manifest.json": manifest,
            "bg.js": background,
            "devtools.html": "<!doctype html><script src=\"devtools.js\"></script>",
            "devtools.js": devtools,
        ], pages: pages, flavor: flavor, open: ["http://127.0.0.1:8000/index.html"], devtools: true)
    }

    @Test(arguments: [Flavor.chrome, .firefox])
    func theDevtoolsPageHearsItsTabNavigateAndClosesWithIt(flavor: Flavor) throws {
        // The inspected tab reloads (inspectedWindow.reload()) and goes to another page: the
        // devtools page hears network.onNavigated each time; when the tab closes, so does the
        // devtools page, and the background's port to it disconnects.
        let run = try Self.runDevtools(background: """
                chrome.runtime.onConnect.addListener((port) => {
                  port.onMessage.addListener((message) => console.log('bg got ' + message));
                  port.onDisconnect.addListener(() => console.log('bg: the devtools page went away'));
                });
                """, devtools: """
                const port = chrome.runtime.connect({ name: 'devtools' });
                let navigations = 0;
                chrome.devtools.network.onNavigated.addListener((url) => {
                  navigations++;
                  port.postMessage('navigated ' + url.replace(/^http:\\/\\/[^/]+/, ''));
                  if (navigations === 1) chrome.devtools.inspectedWindow.eval('location.href = "/second.html"');
                  else if (navigations === 2) chrome.tabs ? chrome.tabs.remove(chrome.devtools.inspectedWindow.tabId) : port.postMessage('no tabs here');
                });
                chrome.devtools.inspectedWindow.reload();
                """, pages: ["index.html": "<p>first</p>", "second.html": "<p>second</p>"], flavor: flavor)
        let lines = run.texts.filter { $0.hasPrefix("bg") }
        #expect(lines.prefix(2) == ["bg got navigated /index.html", "bg got navigated /second.html"])
        if flavor == .chrome {
            // (Chromium's devtools page has tabs: it closes the inspected tab.)
            #expect(lines.dropFirst(2) == ["bg: the devtools page went away"])
            #expect(run.host.contexts.allSatisfy { $0.inspectedTabID == nil })
        } else {
            #expect(lines.dropFirst(2) == ["bg got no tabs here"])
        }
    }

    @Test(arguments: [Flavor.chrome, .firefox])
    func evalAnswersWhatJSONCarriesAndMakesThePagesWorld(flavor: Flavor) throws {
        // A page of no script gets its main world when DevTools first evaluates there; a value
        // JSON cannot carry (a function, undefined) comes as no result; browser.* in Firefox
        // answers with a promise of both parts.
        let run = try Self.runDevtools(devtools: """
                const iw = chrome.devtools.inspectedWindow;
                iw.eval('window.madeByDevTools = 41; madeByDevTools + 1', (a, e) => {
                  iw.eval('madeByDevTools', (b) => {
                    iw.eval('(function () {})', (c, e2) => {
                      console.log('devtools', a, e, b, c === undefined, e2);
                      if (location.protocol === 'moz-extension:') browser.devtools.inspectedWindow.eval('[1, 2]').then((both) => console.log('promise', JSON.stringify(both)));
                    });
                  });
                });
                """, pages: ["index.html": "<p>no script</p>"], flavor: flavor)
        var expected = ["devtools 42 undefined 41 true undefined"]
        if flavor == .firefox { expected.append("promise [[1,2],null]") }
        #expect(run.texts == expected)
    }

    @Test(arguments: [Flavor.chrome, .firefox])
    func nothingOfTheHostRealmReachesTheDevtoolsPage(flavor: Flavor) throws {
        // chrome.devtools' objects and functions, eval's answers (a value, an exception), a panel,
        // a sidebar pane and the errors its members throw: each is of the devtools page's realm.
        let run = try Self.runDevtools(devtools: DOMTests.realmChecks + """
                const out = (...values) => console.log(values.map(String).join(' '));
                const d = chrome.devtools;
                out('objects', ours(d), ours(d.inspectedWindow), ours(d.inspectedWindow.eval), ours(d.panels), ours(d.panels.create),
                  ours(d.panels.elements), ours(d.network), ours(d.network.onNavigated));
                attemptEach({
                  'eval of nothing': () => d.inspectedWindow.eval(42),
                  'create without a title': () => d.panels.create(1, '', 'p.html'),
                  'sidebar without a title': () => d.panels.elements.createSidebarPane(1),
                });
                d.inspectedWindow.eval('[{a: 1}]', (value) => {
                  d.inspectedWindow.eval('throw new Error("x")', (none, thrown) => {
                    d.panels.create('T', '', 'p.html', (panel) => {
                      d.panels.elements.createSidebarPane('S', (pane) => out('answers', ours(value), ours(value[0]), ours(thrown), ours(panel), ours(panel.onShown), ours(pane)));
                    });
                  });
                });
                """, pages: ["index.html": "<p>inspected</p>"], flavor: flavor)
        #expect(run.texts == [
            "objects true true true true true true true true",
            "eval of nothing true TypeError",
            "create without a title true TypeError",
            "sidebar without a title true TypeError",
            "answers true true true true true true",
        ])
    }
}
