import Foundation

/// One workload `exthost bench` measures, run by `exthost bench-run` in a process of its own so
/// that its peak memory and its instruction count are its own.
///
/// A scenario that runs an extension writes it (manifest, scripts, a two-frame site) into a
/// temporary folder: the benchmark needs nothing but the exthost binary. Scripts mark the points
/// the benchmark times with `console.log('bench:mark NAME')`; `exthost bench-run` stamps each mark
/// with the real monotonic clock when the message reaches the host.
enum BenchScenario: String, CaseIterable, Codable {
    /// `count` bare JavaScriptCore contexts in one context group, each evaluating `0`: the baseline
    /// for what a context costs.
    case bareContexts = "bare-contexts"
    /// `count` tabs of a two-frame page opened one after the other, with a one-line content script
    /// in both frames or none (`--no-content-scripts`); with `--uses-dom`, a content script that
    /// does what most do: reads the page, listens for the extension's messages and the window's;
    /// with `--content-script CODE`, one that runs CODE (what one use costs a world, with `--heap`).
    case tabs
    /// The cold run: start, load an extension, open a two-frame page with a content script in both
    /// frames, the background connects to the tab, one round trip, exit.
    case cold
    /// `count` round trips of a message of `size` bytes from a content script to the background
    /// and back, over one port (`runtime.connect`) or as one-time messages (`runtime.sendMessage`).
    case portRoundTrips = "port-round-trips"
    /// As ``portRoundTrips`` with `runtime.sendMessage`.
    case messageRoundTrips = "message-round-trips"
    /// The in-context baseline of a round trip: the same message stringified, parsed and passed to
    /// a function twice (there and back), `count` times, in one bare context.
    case inContextRoundTrips = "in-context-round-trips"
    /// The background creates `count` active tabs one after the other, then runs
    /// `tabs.query({active: true, currentWindow: true})` and a URL-pattern query 100 times each.
    case tabScale = "tab-scale"
    /// The background reads a global (`Math`) `count` times in a loop, then the same through a
    /// local constant: what a read of the global object costs beside a read the JIT can cache.
    case globalReads = "global-reads"

    /// The message a round trip carries: a small object, or one whose string makes it `size` bytes.
    static func messageSource(size: Int) -> String {
        size <= 0
            ? "{type: 'ping', n: 1, text: 'hello', ok: true}"
            : "{type: 'ping', n: 1, data: 'x'.repeat(\(size))}"
    }

    /// The extension the scenario runs, as file name → contents; nil for the bare scenarios.
    func extensionFiles(count: Int, size: Int, contentScripts: Bool, usesDOM: Bool = false, contentScriptCode: String? = nil) -> [String: String]? {
        var manifest: [String: Any] = [
            "manifest_version": 3, "name": "exthost bench \(rawValue)", "version": "1.0",
            "background": ["service_worker": "bg.js", "scripts": ["bg.js"]],
            "permissions": ["tabs"], "host_permissions": ["http://127.0.0.1/*"],
            "browser_specific_settings": ["gecko": ["id": "bench@exthost.test"]],
        ]
        if self != .tabScale, self != .globalReads, contentScripts || self != .tabs {
            manifest["content_scripts"] = [["matches": ["http://127.0.0.1/*"], "js": ["cs.js"], "all_frames": true]]
        }
        let background: String
        let content: String
        let message = Self.messageSource(size: size)
        switch self {
        case .bareContexts, .inContextRoundTrips:
            return nil
        case .tabs:
            background = "// The tabs scenario: a background that does nothing.\n"
            content = contentScriptCode ?? (usesDOM
                ? """
                    const heading = document.querySelector('h1, p');
                    globalThis.benchText = heading === null ? '' : heading.textContent;
                    chrome.runtime.onMessage.addListener(() => {});
                    window.addEventListener('message', () => {});

                    """
                : "globalThis.benchLoaded = true;\n")
        case .cold:
            background = """
                chrome.tabs.onUpdated.addListener((tabId, info) => {
                  if (info.status !== 'complete') return;
                  const port = chrome.tabs.connect(tabId, {frameId: 0});
                  port.onMessage.addListener(answer => { console.log('bench:mark answered', answer.n); port.disconnect(); });
                  port.postMessage(\(message));
                });
                """
            content = "chrome.runtime.onConnect.addListener(port => port.onMessage.addListener(m => port.postMessage(m)));\n"
        case .portRoundTrips, .messageRoundTrips:
            background = """
                chrome.runtime.onConnect.addListener(port => port.onMessage.addListener(m => port.postMessage(m)));
                chrome.runtime.onMessage.addListener((m, sender, sendResponse) => { sendResponse(m); });
                """
            // Each round trip starts from the answer to the one before, in the answer's listener
            // (a callback for sendMessage): the script adds no promise of its own to what is
            // measured (one `await new Promise` costs about 15,000 instructions without the JIT).
            let roundTrip = self == .portRoundTrips ? "port.postMessage(message);" : "chrome.runtime.sendMessage(message, next);"
            content = """
                if (window === window.top) {
                  const message = \(message);
                  const port = chrome.runtime.connect();
                  let done = 0;
                  const next = () => {
                    if (done++ < \(count)) { \(roundTrip) return; }
                    console.log('bench:mark end');
                    port.disconnect();
                  };
                  port.onMessage.addListener(next);
                  console.log('bench:mark start');
                  next();
                }
                """
        case .tabScale:
            background = """
                (async () => {
                  console.log('bench:mark start');
                  for (let i = 0; i < \(count); i++) await chrome.tabs.create({url: 'http://127.0.0.1/empty?' + i, active: true});
                  console.log('bench:mark created');
                  for (let i = 0; i < 100; i++) await chrome.tabs.query({active: true, currentWindow: true});
                  console.log('bench:mark queried-active');
                  for (let i = 0; i < 100; i++) await chrome.tabs.query({url: 'http://127.0.0.1/empty?7*'});
                  console.log('bench:mark queried-url');
                })();
                """
            content = "// not injected: the scenario has no content scripts\n"
        case .globalReads:
            background = """
                let sum = 0;
                console.log('bench:mark start');
                for (let i = 0; i < \(count); i++) sum += Math.abs(i);
                console.log('bench:mark global');
                const M = Math;
                for (let i = 0; i < \(count); i++) sum += M.abs(i);
                console.log('bench:mark local', sum);
                """
            content = "// not injected: the scenario has no content scripts\n"
        }
        let data = try! JSONSerialization.data(withJSONObject: manifest, options: [.prettyPrinted, .sortedKeys])
        return ["manifest.json": String(decoding: data, as: UTF8.self), "bg.js": background, "cs.js": content]
    }

    /// The site the scenario's tabs load: a page framing one other page; with `pageScripts`, each
    /// page's own script uses its DOM as ``usesDOM``'s content script does (so the page's DOM and
    /// its main world are there whether or not a content script runs).
    static func siteFiles(pageScripts: Bool) -> [String: String] {
        let script = pageScripts
            ? "<script>const heading = document.querySelector('h1, p'); globalThis.pageText = heading === null ? '' : heading.textContent; "
                + "window.addEventListener('message', () => {});</script>"
            : ""
        return [
            "index.html": "<!doctype html><title>Bench</title><h1>top</h1>\(script)<iframe src=\"frame.html\"></iframe>",
            "frame.html": "<!doctype html><title>Frame</title><p>frame</p>\(script)",
        ]
    }
}
