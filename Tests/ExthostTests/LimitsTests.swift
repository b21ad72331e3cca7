import BrowserModel
@testable import Exthost
import Foundation
import JSEngine
import Testing

/// Scripts that never yield, never stop or never stop growing: the host stops them with a clear
/// report and goes on, and a run never ends silently short.
@Suite("Limits")
struct LimitsTests {
    /// A short limit keeps these tests quick; the behaviour is the same at the default 10 s.
    static let limits = ScriptLimits(taskTime: 0.2)
    static let contentScripts = #"[{"matches": ["<all_urls>"], "js": ["cs.js"]}]"#

    /// Runs a background script and a content script (in every page) under the short limit,
    /// opening `/index.html` and then `/other.html`.
    static func runInTwoPages(flavor: Flavor, background: String, contentScript: String) throws -> HostRun {
        try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(contentScripts: contentScripts),
            "bg.js": background,
            "cs.js": contentScript,
        ], flavor: flavor, open: ["http://127.0.0.1:8000/index.html", "http://127.0.0.1:8000/other.html"], limits: limits)
    }

    @Test(arguments: Flavor.allCases)
    func anEndlessLoopIsStoppedWhereverItRunsAndTheOtherContextsGoOn(flavor: Flavor) throws {
        let run = try Self.runInTwoPages(flavor: flavor, background: """
                console.log('background starts');
                setTimeout(() => { for (;;) {} }, 1);
                chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
                  if (message === 'spin') { for (;;) {} }
                  console.log('background got', message);
                });
                chrome.tabs.onUpdated.addListener((tabId, info) => {
                  if (info.status === 'complete') setTimeout(() => console.log('background still runs'), 100);
                });
                """, contentScript: """
                chrome.runtime.sendMessage('spin').catch((e) => console.log('spin:', e.message));
                chrome.runtime.sendMessage('hello');
                if (location.pathname === '/other.html') { while (true) {} }
                """)
        let timeouts = run.messages.filter { $0.text.hasPrefix("script timeout in ") }
        #expect(timeouts.map(\.context) == [.background, .background, .content, .background])
        #expect(timeouts.allSatisfy { $0.text.contains("bg.js:") || $0.text.contains("cs.js:3)") })
        #expect(timeouts[0].text.contains("bg.js:2)"))
        #expect(timeouts[2].text.hasPrefix("script timeout in content script in tab \(flavor == .chrome ? 3 : 2) frame 0 ("))
        #expect(run.texts.contains("background starts"))
        #expect(run.texts.filter { $0 == "background got hello" }.count == 2)
        #expect(run.texts.filter { $0 == "background still runs" }.count == 2)
        #expect(run.host.uncaughtErrorCount == 4)
    }

    @Test func aScriptThatLoopsAtTopLevelIsStoppedAndTheRunFails() throws {
        let result = try CommandRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(),
            "bg.js": "console.log('before');\nlet i = 0;\nwhile (true) { i++; }\n",
        ], ["--script-timeout", "0.2"])
        #expect(result.status == 1)
        #expect(result.output.contains("background │ before"))
        #expect(result.output.contains("script timeout in background ("))
        // JavaScriptCore knows the frame's line as of its last call or position mark (here line 2).
        #expect(result.output.contains("bg.js:2): it ran for more than 0.2 s of CPU time without yielding"))
    }

    /// A task's promise jobs run under the task's own deadline, so an endless chain of them is
    /// stopped like an endless loop wherever it starts (a timer, a message listener, a content
    /// script's first run; a chain of jobs each busy for a millisecond; a loop after queueing a
    /// job), the jobs it left are discarded, and every context goes on: the stopped ones run their
    /// later timers and the others still exchange messages.
    @Test(arguments: Flavor.allCases)
    func anEndlessChainOfPromiseJobsIsStoppedWhereverItStartsAndTheOtherContextsGoOn(flavor: Flavor) throws {
        let run = try Self.runInTwoPages(flavor: flavor, background: """
                console.log('background starts');
                setTimeout(() => { (async () => { for (;;) await null; })(); }, 1);
                chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
                  if (message === 'chain') { (function f() { Promise.resolve().then(f); })(); return; }
                  if (message === 'busy jobs') { (function f() { for (let i = 0; i < 2e5; i++); Promise.resolve().then(f); })(); return; }
                  if (message === 'loop after a job') { Promise.resolve().then(() => console.log('a job of a stopped script ran')); for (;;) {} }
                  if (message === 'ping') { sendResponse('pong'); return; }
                  console.log('background got', message);
                });
                chrome.tabs.onUpdated.addListener((tabId, info) => {
                  if (info.status === 'complete') setTimeout(() => console.log('background still runs'), 100);
                });
                """, contentScript: """
                if (location.pathname === '/other.html') {
                  setTimeout(() => chrome.runtime.sendMessage('ping').then((answer) => console.log('content got', answer)), 200);
                  (function f() { queueMicrotask(f); })();
                } else {
                  for (const message of ['chain', 'busy jobs', 'loop after a job']) chrome.runtime.sendMessage(message).catch(() => {});
                  chrome.runtime.sendMessage('hello');
                }
                """)
        let timeouts = run.messages.filter { $0.text.hasPrefix("script timeout in ") }
        #expect(timeouts.filter { $0.context == .background }.count == 4)
        #expect(timeouts.filter { $0.context == .content }.count == 1)
        #expect(timeouts.allSatisfy { $0.text.contains("it ran for more than 0.2 s of CPU time without yielding, so it was stopped") })
        // The loop's own frame, and the queued job's when it has one; a job stopped in the
        // engine's own code (an `await` resuming, a reaction job starting) has no place in the
        // extension to show. Where the deadline falls in the two chains of jobs (lines 2 and 4)
        // is the engine's timing: either may be stopped in their own line or in its code.
        #expect(timeouts.contains { $0.text.contains("bg.js:5)") })
        #expect(timeouts.contains { $0.text.contains("bg.js:6)") })
        #expect(timeouts.filter { $0.context == .background }.allSatisfy { timeout in
            timeout.text.hasPrefix("script timeout in background: it ran")
                || ["bg.js:2)", "bg.js:4)", "bg.js:5)", "bg.js:6)"].contains { timeout.text.contains($0) }
        })
        let contentTimeout = "script timeout in content script in tab \(flavor == .chrome ? 3 : 2) frame 0"
        #expect(timeouts.contains { $0.text.hasPrefix(contentTimeout + " (") && $0.text.contains("cs.js:3)") || $0.text.hasPrefix(contentTimeout + ": it ran") })
        #expect(!run.texts.contains("a job of a stopped script ran"))
        #expect(run.texts.contains("background got hello"))
        #expect(run.texts.contains("content got pong"))
        #expect(run.texts.filter { $0 == "background still runs" }.count == 2)
        #expect(run.host.uncaughtErrorCount == 5)
    }

    /// A chain started by a background's first run: the run goes on and ends with status 1. Firefox
    /// keeps the background (its later timer runs); Chromium does not register a service worker
    /// whose first run failed.
    @Test(arguments: [
        ("(async () => { for (;;) await null; })();", Flavor.chrome), ("(function f() { Promise.resolve().then(f); })();", .chrome),
        ("(function f() { queueMicrotask(f); })();", .firefox), ("(async () => { for (;;) await null; })();", .firefox),
    ])
    func anEndlessChainAtTopLevelIsStoppedAndTheRunFails(script: String, flavor: Flavor) throws {
        let result = try CommandRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(),
            "bg.js": "console.log('before');\nsetTimeout(() => console.log('later'), 10);\n" + script,
        ], ["--script-timeout", "0.2", "--flavor", flavor.rawValue])
        #expect(result.status == 1)
        #expect(result.output.hasPrefix("background │ before\nbackground │ script timeout in background"))
        #expect(result.output.contains("it ran for more than 0.2 s of CPU time without yielding, so it was stopped (--script-timeout sets the limit)."))
        #expect(result.output.hasSuffix(flavor == .firefox ? "background │ later\n" : "(--script-timeout sets the limit).\n"))
        #expect(result.errorsBesideManifestWarnings == "")
    }

    @Test(arguments: ["(function f() { setTimeout(f, 0); })();", "setInterval(() => {}, 0);"])
    func aTimerChainMovesTheClockAndTheRunSaysItReachedMaxTime(script: String) throws {
        let result = try CommandRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(),
            "bg.js": script,
        ], ["--max-time", "2"])
        #expect(result.status == 3)
        #expect(result.errorsBesideManifestWarnings == "exthost: the run reached --max-time (2 s of virtual time) with work still pending, which did not run.\n")
    }

    /// HTML's nesting rule, in both browsers: a timer set from a timer nested more than five
    /// levels deep waits at least 4 ms (the first call below is not a timer; the next six are
    /// levels 1 to 6); an interval's run is one level deeper each time.
    @Test(arguments: Flavor.allCases)
    func nestedTimersAreClampedAfterFiveLevels(flavor: Flavor) throws {
        let run = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(),
            "bg.js": """
                const start = performance.now();
                const times = [];
                (function f() { times.push(performance.now() - start); if (times.length < 9) setTimeout(f, 0); else console.log(times.join(' ')); })();
                let runs = [];
                const interval = setInterval(() => { runs.push(performance.now() - start); if (runs.length === 8) { clearInterval(interval); console.log(runs.join(' ')); } }, 1);
                """,
        ], flavor: flavor)
        #expect(run.texts == ["0 0 0 0 0 0 0 4 8", "1 2 3 4 5 6 10 14"])
    }

    @Test func aBackgroundThatKeepsItselfBusyDoesNotKeepPagesFromOpening() throws {
        let result = try CommandRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(contentScripts: Self.contentScripts),
            "bg.js": "setInterval(() => {}, 1000);",
            "cs.js": "console.log('content script in', location.pathname);",
        ], ["--site", "http://127.0.0.1:8000=fixtures/site", "--open", "http://127.0.0.1:8000/index.html", "--max-time", "30",
           "--keep-alive"])  // (a worker's timers hold nothing: it would stop at 30 s, and the run end)
        #expect(result.output == "content tab 2 frame 0 │ content script in /index.html\n")
        #expect(result.status == 3)
    }

    @Test func aRunOverItsMemoryLimitEndsWithAReport() throws {
        let result = try CommandRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(),
            "bg.js": "const keep = []; for (;;) keep.push(new Array(100000).fill(keep.length));",
        ], ["--heap-limit", "300"])
        // The watchdog's last resort ends the run when the task never yields; on a busy machine
        // the engine's own stop (at the task's time limit) can come first, and the run then ends
        // between tasks. Either way: a clear message naming the limit, and status 1.
        #expect(result.status == 1)
        #expect(result.errors.contains("exthost: memory limit exceeded in background of test: the run holds more than 300 MB, so it ends here")
            || (result.output.contains("memory limit exceeded in background (") && result.errors.contains("exthost: memory limit exceeded: the run holds more than 300 MB")))
    }

    @Test func memoryGrowingAcrossManyTasksEndsTheRunToo() throws {
        let result = try CommandRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(),
            "bg.js": "const keep = []; setInterval(() => keep.push(new Array(200000).fill(1)), 1);",
        ], ["--heap-limit", "300", "--max-time", "100000"])
        #expect(result.status == 1)
        #expect(result.errors.contains("exthost: memory limit exceeded: the run holds more than 300 MB, so it ends here"))
    }

    @Test func firedTimersLeaveNothingBehind() throws {
        let run = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(),
            "bg.js": "let n = 0; (function f() { if (++n < 20000) setTimeout(f, 0); else console.log('done', n); })(); for (let i = 0; i < 20000; i++) setTimeout(() => {}, i % 7);",
        ], maxTime: 1000, keepAlive: true)  // (80 s of clamped timers: a worker would stop before)
        #expect(run.texts == ["done 20000"])
        #expect(run.host.contexts.allSatisfy { $0.pendingTimerCount == 0 })
    }
}
