import BrowserModel
import Exthost
import Foundation
import Testing

/// `webNavigation` (Sources/Exthost/ExtensionHost+WebNavigation.swift, API/WebNavigationAPI.swift):
/// what the recorded cases `webnavigation-events` and `webnavigation-new-target` do not reach:
/// listeners' URL filters, a frame a script inserts and navigates, a person's typed URL, Chromium's
/// `getFrame` by document, the permission.
@Suite("webNavigation")
struct WebNavigationTests {
    /// Runs a driver script whose extension's background is `background` (with `webNavigation`
    /// unless `permissions` says otherwise) and whose test body is `body`; returns the extension's
    /// console lines.
    private static func lines(background: String, body: String, flavor: Flavor, permissions: [String] = ["webNavigation"],
                              files: [String: String] = [:]) throws -> [String] {
        let outcome = try DriverTests.run("""
            test('webNavigation', async () => {
              const extension = await exthost.loadExtension({
                manifest: { permissions: \(permissions) },
                background() {
                  \(background)
                },
                files: \(String(decoding: try JSONEncoder().encode(files), as: UTF8.self)),
              });
              \(body)
              await exthost.advanceClock(200);
              console.log('LINES ' + JSON.stringify(exthost.consoleMessages().map((message) => message.text)));
            });
            """, flavor: flavor)
        #expect(outcome.passed, "\(outcome.reason ?? "")")
        return DriverTests.loggedLines(outcome)
    }

    @Test(arguments: Flavor.allCases)
    func listenersHearOnlyTheURLsTheirFiltersMatch(flavor: Flavor) throws {
        let lines = try Self.lines(background: """
            const path = (url) => new URL(url).pathname + new URL(url).search;
            chrome.webNavigation.onCompleted.addListener((d) => console.log('all', path(d.url)));
            chrome.webNavigation.onCompleted.addListener((d) => console.log('a.html', path(d.url)),
              { url: [{ hostEquals: '127.0.0.1', pathSuffix: '/a.html' }] });
            chrome.webNavigation.onCompleted.addListener((d) => console.log('query or port', path(d.url)),
              { url: [{ queryContains: 'x=1' }, { ports: [[8000, 8000]], pathPrefix: '/b' }] });
            chrome.webNavigation.onCompleted.addListener((d) => console.log('regex', path(d.url)), { url: [{ urlMatches: 'c\\\\.html\\\\?x=1$' }] });
            chrome.webNavigation.onCompleted.addListener((d) => console.log('dot', path(d.url)), { url: [{ hostContains: '.0.0' }, { schemes: ['https'] }] });
            chrome.webNavigation.onCompleted.addListener((d) => console.log('label start', path(d.url)), { url: [{ hostContains: '.127', pathSuffix: 'a.html' }] });
            for (const bad of [{ url: [] }, { url: [{ urlMatches: '(' }] }, { url: [{ hostContains: 1 }] }]) {
              try {
                chrome.webNavigation.onCompleted.addListener(() => {}, bad);
                console.log('accepted', JSON.stringify(bad));
              } catch (error) {
                console.log('refused', JSON.stringify(bad), error.constructor.name);
              }
            }
            """, body: """
            for (const page of ['a.html', 'b.html', 'c.html?x=1']) {
              exthost.servePage('http://127.0.0.1:8000/' + page, '<title>' + page + '</title>');
              const tab = await exthost.openTab('http://127.0.0.1:8000/' + page);
              await tab.close();
            }
            """, flavor: flavor)
        // (Chromium takes an empty list as no filter, refuses a regular expression that does not
        // compile as the listener is added, and the schema's refusal is its TypeError; Firefox's
        // schema wants a filter, its regular expression matches nothing, and its hostContains
        // reads the host with a dot before it.)
        let chrome = flavor == .chrome
        #expect(lines == [
            chrome ? #"accepted {"url":[]}"# : #"refused {"url":[]} Error"#,
            chrome ? #"refused {"url":[{"urlMatches":"("}]} Error"# : #"accepted {"url":[{"urlMatches":"("}]}"#,
            #"refused {"url":[{"hostContains":1}]} \#(chrome ? "TypeError" : "Error")"#,
            "all /a.html", "a.html /a.html", "dot /a.html",
        ] + (chrome ? [] : ["label start /a.html"]) + [
            "all /b.html", "query or port /b.html", "dot /b.html",
            "all /c.html?x=1", "query or port /c.html?x=1", "regex /c.html?x=1", "dot /c.html?x=1",
        ])
    }

    @Test(arguments: Flavor.allCases)
    func aFrameAScriptInsertsAndNavigatesAndAPersonsTypedURL(flavor: Flavor) throws {
        let lines = try Self.lines(background: """
            const path = (url) => url.startsWith('http') ? new URL(url).pathname : url;
            for (const event of ['onBeforeNavigate', 'onCommitted', 'onDOMContentLoaded', 'onCompleted']) {
              chrome.webNavigation[event].addListener((d) => console.log(event, d.frameId === 0 ? 'top' : 'frame', path(d.url),
                d.transitionType === undefined ? '' : d.transitionType + '[' + d.transitionQualifiers + ']'));
            }
            """, body: """
            exthost.servePage('http://127.0.0.1:8000/host.html', `<title>host</title><script>
              addEventListener('load', () => setTimeout(() => {
                const frame = document.createElement('iframe');
                frame.src = 'in.html';
                document.body.append(frame);
                setTimeout(() => { frame.contentWindow.location.href = 'next.html'; }, 100);
              }, 10));
            </script>`);
            exthost.servePage('http://127.0.0.1:8000/in.html', '<title>in</title>');
            exthost.servePage('http://127.0.0.1:8000/next.html', '<title>next</title>');
            await exthost.openTab('http://127.0.0.1:8000/host.html');
            await exthost.advanceClock(300);
            """, flavor: flavor)
        #expect(lines == [
            "onBeforeNavigate top /host.html ", "onCommitted top /host.html typed[]", "onDOMContentLoaded top /host.html ", "onCompleted top /host.html ",
            "onBeforeNavigate frame /in.html ", "onCommitted frame /in.html auto_subframe[]", "onDOMContentLoaded frame /in.html ", "onCompleted frame /in.html ",
            "onBeforeNavigate frame /next.html ", "onCommitted frame /next.html manual_subframe[]", "onDOMContentLoaded frame /next.html ",
            "onCompleted frame /next.html ",
        ])
    }

    @Test func chromiumsGetFrameByDocumentAndItsRefusals() throws {
        let lines = try Self.lines(background: """
            chrome.webNavigation.onCommitted.addListener(async (d) => {
              const byDocument = await chrome.webNavigation.getFrame({ documentId: d.documentId });
              console.log('by document', byDocument.url === d.url, byDocument.documentId === d.documentId);
              console.log('mismatch', await chrome.webNavigation.getFrame({ documentId: d.documentId, frameId: 5 }));
              for (const details of [{ tabId: d.tabId }, { documentId: 'nope' }]) {
                try {
                  await chrome.webNavigation.getFrame(details);
                } catch (error) {
                  console.log('refused', error.message);
                }
              }
              console.log('enums', chrome.webNavigation.TransitionType.AUTO_SUBFRAME, chrome.webNavigation.TransitionQualifier.FORWARD_BACK);
            });
            """, body: """
            exthost.servePage('http://127.0.0.1:8000/one.html', '<title>one</title>');
            await exthost.openTab('http://127.0.0.1:8000/one.html');
            await exthost.advanceClock(100);
            """, flavor: .chrome)
        #expect(lines == [
            "by document true true", "mismatch null",
            "refused Either documentId or both tabId and frameId must be specified.", "refused Invalid documentId.",
            "enums auto_subframe forward_back",
        ])
    }

    @Test func chromiumTellsOfNoExtensionPageAndANestedFrameStartsAfterItsParent() throws {
        let lines = try Self.lines(background: """
            const path = (url) => url.startsWith('http') ? new URL(url).pathname : url.split('/').pop();
            for (const event of ['onBeforeNavigate', 'onCommitted', 'onDOMContentLoaded', 'onCompleted']) {
              chrome.webNavigation[event].addListener((d) => console.log(event, path(d.url)));
            }
            """, body: """
            exthost.servePage('http://127.0.0.1:8000/top.html', '<iframe src="f1.html"></iframe>');
            exthost.servePage('http://127.0.0.1:8000/f1.html', '<iframe src="f2.html"></iframe>');
            exthost.servePage('http://127.0.0.1:8000/f2.html', '<title>f2</title>');
            await exthost.openTab(extension.url('page.html'));
            await exthost.openTab('http://127.0.0.1:8000/top.html');
            """, flavor: .chrome, files: ["page.html": "<title>page</title>"])
        #expect(lines == [
            "onBeforeNavigate /top.html", "onCommitted /top.html", "onBeforeNavigate /f1.html", "onDOMContentLoaded /top.html",
            "onCommitted /f1.html", "onDOMContentLoaded /f1.html", "onBeforeNavigate /f2.html", "onCommitted /f2.html", "onDOMContentLoaded /f2.html",
            "onCompleted /f2.html", "onCompleted /f1.html", "onCompleted /top.html",
        ])
    }

    @Test(arguments: Flavor.allCases)
    func withoutThePermissionThereIsNoNamespaceAndNoEvent(flavor: Flavor) throws {
        let lines = try Self.lines(background: """
            console.log('namespace', typeof chrome.webNavigation);
            """, body: "", flavor: flavor, permissions: ["tabs"])
        #expect(lines == ["namespace undefined"])
    }
}
