import BrowserModel
import Exthost
import Foundation
import JSEngine
import Testing

/// End-to-end messaging through the router: ports and one-time messages between a background
/// and content scripts, run from real extension files.
@Suite("Messaging end to end")
struct MessagingTests {
    static let contentScripts = #"[{"matches": ["<all_urls>"], "js": ["cs.js"], "all_frames": true}]"#

    @Test func theMDNTabsConnectExampleGreetsBothWays() throws {
        let run = try HostRun.run(
            packageRoot.appendingPathComponent("fixtures/mdn-tabs-connect"),
            open: ["http://127.0.0.1:8000/other.html"], clickAction: true)
        #expect(run.lines == [
            #"content 2/0: Content script connected on port "tabs-connect-example""#,
            "content 2/0: Content script received: Hi from background script",
            "background: Background script received a reply: Hi from content script",
        ])
    }

    /// A message or a port message takes a hop to arrive, with either clock: a `setTimeout(0)` set
    /// just before or just after it leaves fires before it arrives, and before its answer comes back.
    /// With the real clock the hop does not sleep, but the order is the virtual clock's.
    @Test(arguments: Flavor.allCases)
    func timersKeepTheirPlaceAroundMessagesWithEitherClock(flavor: Flavor) throws {
        let files = [
            "manifest.json": TemporaryExtension.manifest(contentScripts: Self.contentScripts),
            "bg.js": """
                chrome.runtime.onMessage.addListener((m, sender, sendResponse) => {
                  console.log('bg message', m);
                  setTimeout(() => console.log('bg timer before answer'), 0);
                  sendResponse('pong');
                  setTimeout(() => console.log('bg timer after answer'), 0);
                });
                chrome.runtime.onConnect.addListener((port) => {
                  console.log('bg connect', port.name);
                  port.onMessage.addListener((m) => {
                    console.log('bg port got', m);
                    port.postMessage(m + 1);
                    setTimeout(() => console.log('bg timer after port answer'), 0);
                  });
                  port.onDisconnect.addListener(() => console.log('bg disconnect'));
                });
                """,
            "cs.js": """
                if (window === window.top) {
                  setTimeout(() => console.log('cs timer before send'), 0);
                  chrome.runtime.sendMessage('ping', (answer) => {
                    console.log('cs answer', answer);
                    const port = chrome.runtime.connect({ name: 'p' });
                    port.onMessage.addListener((m) => { console.log('cs port got', m); port.disconnect(); });
                    setTimeout(() => console.log('cs timer before post'), 0);
                    port.postMessage(1);
                    setTimeout(() => console.log('cs timer after post'), 0);
                  });
                  setTimeout(() => console.log('cs timer after send'), 0);
                }
                """,
        ]
        let virtual = try HostRun.run(files: files, flavor: flavor, open: ["http://127.0.0.1:8000/other.html"])
        let real = try HostRun.run(files: files, flavor: flavor, open: ["http://127.0.0.1:8000/other.html"], clockMode: .real)
        #expect(virtual.texts == [
            "cs timer before send", "cs timer after send",
            "bg message ping", "bg timer before answer", "bg timer after answer",
            "cs answer pong", "cs timer before post", "cs timer after post",
            "bg connect p", "bg port got 1", "bg timer after port answer",
            "cs port got 2", "bg disconnect",
        ])
        #expect(real.texts == virtual.texts)
    }

    @Test(arguments: Flavor.allCases)
    func messagesPostedBeforeTheReceiverListensAreDeliveredInOrder(flavor: Flavor) throws {
        let run = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(contentScripts: Self.contentScripts),
            "bg.js": """
                chrome.tabs.onUpdated.addListener((tabId, info) => {
                  if (info.status !== 'complete') return;
                  const port = chrome.tabs.connect(tabId, { name: 'early', frameId: 0 });
                  for (let i = 1; i <= 3; i++) port.postMessage({ i });
                  port.onMessage.addListener((m) => console.log('bg got', m));
                  console.log('connect returned, name', port.name, 'sender', port.sender);
                });
                """,
            "cs.js": """
                chrome.runtime.onConnect.addListener((port) => {
                  console.log('onConnect', port.name, typeof port.sender, port.sender.id === chrome.runtime.id);
                  port.onMessage.addListener((m) => { console.log('cs got', m.i); if (m.i === 3) port.postMessage('thanks'); });
                });
                """,
        ], flavor: flavor, open: ["http://127.0.0.1:8000/other.html"])
        #expect(run.texts == [
            "connect returned, name early sender undefined",
            "onConnect early object true",
            "cs got 1", "cs got 2", "cs got 3",
            "bg got thanks",
        ])
    }

    @Test(arguments: [
        (Flavor.chrome, "lastError Could not establish connection. Receiving end does not exist. error undefined"),
        (Flavor.firefox, "lastError null error Could not establish connection. Receiving end does not exist."),
    ])
    func connectingToNobodyDisconnectsWithTheNoReceiverText(flavor: Flavor, text: String) throws {
        let run = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(),
            "bg.js": """
                const port = chrome.tabs.connect(12345);
                port.onDisconnect.addListener((p) => {
                  console.log('lastError', chrome.runtime.lastError ? chrome.runtime.lastError.message : chrome.runtime.lastError,
                    'error', p.error ? p.error.message : p.error);
                  try { p.postMessage(1); } catch (e) { console.log(e.message); }
                });
                """,
        ], flavor: flavor)
        let disconnected = flavor == .chrome ? "Attempting to use a disconnected port object" : "Attempt to postMessage on disconnected port"
        #expect(run.texts == [text, disconnected])
    }

    @Test(arguments: Flavor.allCases)
    func oneTimeMessagesGetTheFirstAnswer(flavor: Flavor) throws {
        let run = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(contentScripts: Self.contentScripts),
            "bg.js": """
                chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
                  if (message === 'sync') sendResponse('sync answer');
                  if (message === 'later') { setTimeout(() => sendResponse('later answer'), 100); return true; }
                  if (message === 'promise') return Promise.resolve('promised answer');
                  if (message === 'nothing') return false;
                });
                chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
                  if (message === 'sync') sendResponse('second listener');
                });
                """,
            "cs.js": """
                if (window === top) (async () => {
                  for (const m of ['sync', 'later', 'promise', 'nothing']) console.log(m, await chrome.runtime.sendMessage(m));
                })();
                """,
        ], flavor: flavor, open: ["http://127.0.0.1:8000/other.html"])
        #expect(run.texts == ["sync sync answer", "later later answer", "promise promised answer", "nothing undefined"])
    }

    @Test func aContextNeverReceivesItsOwnMessages() throws {
        let run = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(),
            "bg.js": """
                chrome.runtime.onMessage.addListener(() => console.log('should not run'));
                chrome.runtime.sendMessage('hello').catch((e) => console.log(e.message));
                """,
        ])
        #expect(run.texts == ["Could not establish connection. Receiving end does not exist."])
    }

    @Test func portsCloseWhenTheirPageNavigates() throws {
        let run = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(contentScripts: #"[{"matches": ["*://*/index.html"], "js": ["cs.js"]}]"#),
            "bg.js": """
                chrome.runtime.onConnect.addListener((port) => {
                  console.log('connected from', port.sender.url);
                  port.onDisconnect.addListener(() => console.log('disconnected:', chrome.runtime.lastError?.message));
                  chrome.tabs.update(port.sender.tab.id, { url: 'http://127.0.0.1:8000/other.html' });
                });
                """,
            // (Once the page has loaded: the back/forward cache keeps no page still loading.)
            "cs.js": "addEventListener('load', () => setTimeout(() => chrome.runtime.connect({ name: 'page' }), 50));",
        ], open: ["http://127.0.0.1:8000/index.html"])
        #expect(run.texts == [
            "connected from http://127.0.0.1:8000/index.html",
            "disconnected: The page keeping the extension port is moved into back/forward cache, so the message channel is closed.",
        ])
    }

    @Test(arguments: Flavor.allCases)
    func aSenderThatGoesRightAfterSendingIsStillTheSender(flavor: Flavor) throws {
        // (The sender is made as the browser handles the opening, from what it knew then: a page
        // that sends and closes at once, a frame removed as its message goes, are still named.)
        let run = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(permissions: ["tabs"], contentScripts: #"[{"matches": ["http://127.0.0.1/*"], "js": ["cs.js"], "all_frames": true}]"#),
            "bg.js": """
                const describe = (sender) => [sender.url.replace(/^[a-z-]+:\\/\\/[^/]*/, ''), sender.frameId, sender.tab && sender.tab.id > 0].join(' ');
                chrome.runtime.onMessage.addListener((message, sender) => console.log(message, describe(sender)));
                chrome.runtime.onConnect.addListener((port) => console.log('port', port.name, describe(port.sender)));
                chrome.runtime.onInstalled.addListener(() => chrome.tabs.create({ url: 'page.html' }));
                """,
            "page.html": "<!doctype html><script src=page.js></script>",
            "page.js": "chrome.runtime.sendMessage('from the page'); chrome.runtime.connect({ name: 'page' }); window.close();",
            "cs.js": """
                if (window !== top) {
                  chrome.runtime.sendMessage('from the frame');
                  chrome.runtime.connect({ name: 'frame' });
                  parent.document.querySelector('iframe').remove();
                }
                """,
        ], pages: ["index.html": #"<!doctype html><iframe src="/frame.html"></iframe>"#, "frame.html": "<!doctype html><p>frame</p>"],
           flavor: flavor, open: ["http://127.0.0.1:8000/index.html"])
        #expect(Set(run.texts) == ["from the frame /frame.html 1 true", "port frame /frame.html 1 true", "from the page /page.html 0 true", "port page /page.html 0 true"])
    }
}
