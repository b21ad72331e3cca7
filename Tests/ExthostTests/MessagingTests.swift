import BrowserModel
import Exthost
import Foundation
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
            "cs.js": "chrome.runtime.connect({ name: 'page' });",
        ], open: ["http://127.0.0.1:8000/index.html"])
        #expect(run.texts == [
            "connected from http://127.0.0.1:8000/index.html",
            "disconnected: The page keeping the extension port is moved into back/forward cache, so the message channel is closed.",
        ])
    }
}
