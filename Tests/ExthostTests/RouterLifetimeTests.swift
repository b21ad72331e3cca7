import BrowserModel
@testable import Exthost
import Foundation
import Testing

/// Ports and channels end exactly once, whatever closes them first: an answer, a disconnect, a
/// navigation, a closed tab. Each test also checks that the router forgets every channel.
@Suite("Router lifetimes")
struct RouterLifetimeTests {
    static let contentScripts = #"[{"matches": ["<all_urls>"], "js": ["cs.js"], "all_frames": true}]"#

    /// The shortest path to the crash found in issue 6: a content script answers `tabs.sendMessage`
    /// synchronously, then its tab navigates twice and closes.
    @Test(arguments: Flavor.allCases)
    func aSynchronousAnswerThenTwoNavigationsLeavesNothingBehind(flavor: Flavor) throws {
        let run = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(contentScripts: Self.contentScripts),
            "bg.js": """
                let step = 0;
                chrome.tabs.onUpdated.addListener(async (tabId, info) => {
                  if (info.status !== 'complete') return;
                  step++;
                  if (step === 1) {
                    const answer = await chrome.tabs.sendMessage(tabId, 'hello', { frameId: 0 });
                    console.log('answer', answer);
                    chrome.tabs.update(tabId, { url: 'http://127.0.0.1:8000/index.html' });
                  } else if (step === 2) {
                    chrome.tabs.update(tabId, { url: 'http://localhost:8000/other.html' });
                  } else if (step === 3) {
                    const answer = await chrome.tabs.sendMessage(tabId, 'again', { frameId: 0 });
                    console.log('answer', answer);
                    await chrome.tabs.remove(tabId);
                    console.log('removed');
                  }
                });
                """,
            "cs.js": """
                chrome.runtime.onMessage.addListener((message, sender, sendResponse) => { sendResponse(message + ' back'); });
                """,
        ], flavor: flavor, open: ["http://127.0.0.1:8000/other.html"])
        #expect(run.texts == ["answer hello back", "answer again back", "removed"])
        #expect(run.host.router.openChannelCount == 0)
        #expect(run.host.router.openPortCount == 0)
    }

    /// A message and a connection sent to a tab in the same task that closes it. Chromium closes
    /// the tab first: both fail with the no-receiver text. Firefox closes it a hop later: both
    /// reach the old document, then the port closes. (Recorded: msg-inflight-tab-removed.)
    @Test(arguments: [
        (Flavor.chrome, ["disconnected Could not establish connection. Receiving end does not exist.", "rejected Could not establish connection. Receiving end does not exist."]),
        (Flavor.firefox, ["answered pong", "connected", "disconnected null"]),
    ])
    func aTabClosedWithMessagesInFlightSettlesThemAll(flavor: Flavor, expected: [String]) throws {
        let run = try HostRun.run(files: Self.inFlightExtension(then: "chrome.tabs.remove(tabId);"), flavor: flavor, open: ["http://127.0.0.1:8000/other.html"])
        #expect(run.texts.sorted() == expected)
        #expect(run.host.router.openChannelCount == 0)
        #expect(run.host.router.openPortCount == 0)
    }

    /// The same with a navigation: in both browsers the old document still gets both, then the
    /// back/forward cache keeps the page (recorded: page-bfcache; msg-inflight-tab-navigated has a
    /// page that listens to unload, which the cache does not keep): Chromium closes its port,
    /// Firefox keeps it open while the page is kept.
    @Test(arguments: [
        (Flavor.chrome, ["answered pong", "connected", "disconnected The page keeping the extension port is moved into back/forward cache, so the message channel is closed."], 0),
        (Flavor.firefox, ["answered pong", "connected"], 1),
    ])
    func aTabNavigatedWithMessagesInFlightDeliversToTheOldDocument(flavor: Flavor, expected: [String], openPorts: Int) throws {
        let run = try HostRun.run(
            files: Self.inFlightExtension(then: "chrome.tabs.update(tabId, { url: 'http://127.0.0.1:8000/index.html' });"),
            flavor: flavor, open: ["http://127.0.0.1:8000/other.html"])
        #expect(run.texts.sorted() == expected)
        #expect(run.host.router.openChannelCount == openPorts)
        #expect(run.host.router.openPortCount == openPorts * 2)
    }

    static func inFlightExtension(then action: String) -> [String: String] {
        [
            "manifest.json": TemporaryExtension.manifest(contentScripts: Self.contentScripts),
            "bg.js": """
                let done = false;
                chrome.tabs.onUpdated.addListener((tabId, info) => {
                  if (info.status !== 'complete' || done) return;
                  done = true;
                  chrome.tabs.sendMessage(tabId, 'ping').then(
                    (answer) => console.log('answered', answer), (error) => console.log('rejected', error.message));
                  const port = chrome.tabs.connect(tabId);
                  port.onMessage.addListener((message) => console.log(message));
                  port.onDisconnect.addListener(() => {
                    console.log('disconnected', chrome.runtime.lastError ? chrome.runtime.lastError.message : port.error && port.error.message);
                  });
                  \(action)
                });
                """,
            "cs.js": """
                chrome.runtime.onMessage.addListener((message, sender, sendResponse) => { sendResponse('pong'); });
                chrome.runtime.onConnect.addListener((port) => port.postMessage('connected'));
                """,
        ]
    }

    /// Random sequences of tab, port and one-time message operations (the kind of run that crashed
    /// the host in 80 of 80 tries): every message settles, every port ends, the host never
    /// crashes, and once every tab is closed the router holds nothing.
    @Test(arguments: [(Flavor.chrome, 1), (.chrome, 2), (.chrome, 3), (.chrome, 4), (.firefox, 1), (.firefox, 2), (.firefox, 3), (.firefox, 4)])
    func randomMessagingSettlesEverything(flavor: Flavor, seed: Int) throws {
        let run = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(contentScripts: Self.contentScripts),
            "bg.js": """
                let seed = \(seed * 7919);
                const random = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
                const pages = ['http://127.0.0.1:8000/index.html', 'http://127.0.0.1:8000/other.html',
                  'http://localhost:8000/frames.html', 'http://127.0.0.1:8000/frames.html', 'about:blank'];
                const tabs = [];
                const ports = [];
                let sent = 0, settled = 0, opened = 0, ended = 0;
                function pickTab() { return tabs.length ? tabs[random(tabs.length)] : 9999; }
                async function step() {
                  const op = random(9);
                  try {
                    if (op === 0 || tabs.length === 0) {
                      const tab = await chrome.tabs.create({ url: pages[random(pages.length)] });
                      tabs.push(tab.id);
                    } else if (op === 1 && tabs.length > 1) {
                      const id = tabs.splice(random(tabs.length), 1)[0];
                      chrome.tabs.remove(id).catch(() => {});
                    } else if (op === 2) {
                      chrome.tabs.update(pickTab(), { url: pages[random(pages.length)] }).catch(() => {});
                    } else if (op === 3 || op === 4) {
                      sent++;
                      const options = random(3) === 0 ? { frameId: 0 } : undefined;
                      chrome.tabs.sendMessage(pickTab(), { mode: random(6) }, options).then(
                        () => settled++, () => settled++);
                    } else if (op === 5) {
                      opened++;
                      const port = chrome.tabs.connect(pickTab(), { name: 'p' + opened });
                      let done = false;
                      const end = () => { if (!done) { done = true; ended++; } };
                      port.onDisconnect.addListener(() => { void chrome.runtime.lastError; end(); });
                      port.onMessage.addListener(() => {});
                      ports.push({ port, end });
                      port.postMessage({ mode: random(3) });
                    } else if (op === 6 && ports.length) {
                      const { port } = ports[random(ports.length)];
                      try { port.postMessage({ mode: random(3) }); } catch (e) {}
                    } else if (op === 7 && ports.length) {
                      const { port, end } = ports.splice(random(ports.length), 1)[0];
                      port.disconnect();
                      end();
                    } else {
                      await new Promise((resolve) => setTimeout(resolve, random(5)));
                    }
                  } catch (error) {}
                }
                (async () => {
                  for (let i = 0; i < 200; i++) await step();
                  for (const id of tabs.splice(0)) await chrome.tabs.remove(id).catch(() => {});
                  await new Promise((resolve) => setTimeout(resolve, 3000));
                  for (const { port, end } of ports) { if (random(2)) { port.disconnect(); end(); } }
                  console.log('summary', sent === settled, opened === ended, sent > 10, opened > 5);
                })();
                """,
            "cs.js": """
                chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
                  switch (message.mode) {
                    case 0: sendResponse('sync'); return;
                    case 1: setTimeout(() => sendResponse('later'), 3); return true;
                    case 2: return Promise.resolve('promised');
                    case 3: return true;
                    case 4: throw new Error('listener failed');
                    default: return;
                  }
                });
                chrome.runtime.onConnect.addListener((port) => {
                  port.onMessage.addListener((message) => {
                    if (message.mode === 0) port.postMessage('echo');
                    else if (message.mode === 1) port.disconnect();
                  });
                });
                """,
        ], flavor: flavor, open: ["http://127.0.0.1:8000/frames.html"])
        #expect(run.texts.last == "summary true true true true")
        #expect(run.host.router.openChannelCount == 0)
        #expect(run.host.router.openPortCount == 0)
    }
}
