import BrowserModel
import Exthost
import Foundation
import Testing

@Suite("ExtensionHost end to end")
struct HostEndToEndTests {
    @Test func helloFixtureRunsBackgroundAndContentScriptsInOrder() throws {
        let run = try HostRun.run(
            packageRoot.appendingPathComponent("fixtures/hello"),
            open: ["http://127.0.0.1:8000/index.html", "http://127.0.0.1:8000/other.html"], clickAction: true)
        // Chromium numbers windows and tabs from one counter: window 1 holds tab 2.
        #expect(run.lines == [
            "background: background started in extension 32 chars long",
            #"background: tabs.onUpdated 2 {"status":"loading","url":"http://127.0.0.1:8000/index.html"}"#,
            "content 2/0: content script in the top frame of http://127.0.0.1:8000/index.html",
            "content 2/1: content script in a subframe of http://127.0.0.1:8000/frame.html",
            #"background: tabs.onUpdated 2 {"title":"exthost example page"}"#,
            #"background: tabs.onUpdated 2 {"status":"complete"}"#,
            "background: tabs.onCreated 3",
            #"background: tabs.onActivated {"tabId":3,"windowId":1}"#,
            #"background: tabs.onUpdated 3 {"status":"loading","url":"http://127.0.0.1:8000/other.html"}"#,
            "content 3/0: content script in the top frame of http://127.0.0.1:8000/other.html",
            #"background: tabs.onUpdated 3 {"title":"Another page"}"#,
            #"background: tabs.onUpdated 3 {"status":"complete"}"#,
            "background: toolbar button clicked on Another page",
            "background: five seconds later (virtual time: no waiting)",
        ])
        #expect(run.host.uncaughtErrorCount == 0)
    }

    @Test(arguments: Flavor.allCases)
    func uncaughtErrorsAndRejectionsAreReportedAndCounted(flavor: Flavor) throws {
        let run = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(),
            "bg.js": """
                setTimeout(() => {
                  Promise.resolve().then(() => console.log('job after the throw'));
                  throw new Error('boom');
                });
                setTimeout(() => { throw new TypeError('in a timer'); }, 10);
                setTimeout(() => { Promise.reject(new Error('rejected')); }, 20);
                setTimeout(() => { null.foo; }, 30);
                """,
        ], flavor: flavor)
        // Firefox's console service carries `Name: message`, with no "Uncaught" or "(in promise)".
        let expected = flavor == .chrome ? [
            "Uncaught Error: boom",
            "job after the throw",
            "Uncaught TypeError: in a timer",
            "Uncaught (in promise) Error: rejected",
            "Uncaught TypeError: Cannot read properties of null (reading 'foo')",
        ] : [
            "Error: boom",
            "job after the throw",
            "TypeError: in a timer",
            "Error: rejected",
            #"TypeError: can't access property "foo" of null"#,
        ]
        #expect(run.texts.map { String($0.prefix { $0 != "\n" }) } == expected)
        #expect(run.messages.map(\.isUncaught) == [true, false, true, true, true])
        #expect(run.messages.first?.level == .error)
        #expect(run.messages.first?.location?.contains("/bg.js:3:") == true)
        #expect(run.host.uncaughtErrorCount == 4)
    }

    @Test(arguments: Flavor.allCases)
    func aServiceWorkerThatThrowsOnItsFirstRunIsNotRegisteredInChrome(flavor: Flavor) throws {
        let run = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(),
            "bg.js": """
                chrome.tabs.onUpdated.addListener((id, info) => { if (info.status === 'complete') console.log('event'); });
                setTimeout(() => console.log('timer'));
                throw new Error('boom');
                """,
        ], flavor: flavor, open: ["http://127.0.0.1:8000/other.html"])
        // Chromium drops the worker once its zero-delay timers have run (fixtures/conformance/
        // worker-throws-timers); Firefox's background page keeps running.
        let expected = flavor == .chrome ? ["Uncaught Error: boom", "timer"] : ["Error: boom", "timer", "event"]
        #expect(run.texts.map { String($0.prefix { $0 != "\n" }) } == expected)
    }

    @Test func virtualTimeRunsTimersInOrderWithoutWaiting() throws {
        let run = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(),
            "bg.js": """
                const start = Date.now();
                const t0 = performance.now();
                setTimeout(() => console.log('5s', Date.now() - start, performance.now() - t0), 5000);
                setTimeout(() => console.log('1s'), 1000);
                const id = setTimeout(() => console.log('never'), 2000);
                clearTimeout(id);
                let ticks = 0;
                const interval = setInterval(() => { ticks++; if (ticks === 3) { clearInterval(interval); console.log('ticks', ticks); } }, 700);
                queueMicrotask(() => console.log('microtask'));
                console.log('sync');
                """,
        ])
        #expect(run.texts == ["sync", "microtask", "1s", "ticks 3", "5s 5000 5000"])
    }

    @Test(arguments: Flavor.allCases)
    func aScriptsTitleChangeReachesTheTabAndTabsOnUpdated(flavor: Flavor) throws {
        // (With the tabs permission: the new title in changeInfo and in the tab; a burst of
        // changes in one task is one event; an empty title shows the URL's display form.)
        let run = try HostRun.run(files: ["manifest.json": TemporaryExtension.manifest(), "bg.js": """
            chrome.tabs.onUpdated.addListener((tabId, changeInfo, tab) => {
              if (changeInfo.title !== undefined && tab.status === 'complete') console.log('title', JSON.stringify(changeInfo), tab.title === changeInfo.title);
            });
            """], pages: ["index.html": """
            <!doctype html><title>first</title><body><script>
            onload = () => setTimeout(() => {
              document.title = 'a';
              document.title = 'second';
              setTimeout(() => { document.querySelector('title').textContent = 'third'; }, 100);
              setTimeout(() => { document.querySelector('title').remove(); }, 200);
            }, 100);
            </script>
            """], flavor: flavor, open: ["http://127.0.0.1:8000/index.html"])
        #expect(run.texts == [#"title {"title":"second"} true"#, #"title {"title":"third"} true"#, #"title {"title":"127.0.0.1:8000/index.html"} true"#])
    }

    @Test func theTimeLimitStopsEndlessIntervals() throws {
        let run = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(),
            "bg.js": "let n = 0; setInterval(() => { n++; if (n % 10 === 0) console.log(n); }, 1000);",
        ], maxTime: 30, keepAlive: true)  // (a worker's timers hold nothing: it would stop at 30 s)
        #expect(run.texts == ["10", "20", "30"])
    }

    @Test func contentScriptsAndBackgroundDoNotShareGlobals() throws {
        let run = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(contentScripts: #"[{"matches": ["<all_urls>"], "js": ["a.js", "b.js"], "all_frames": true}]"#),
            "bg.js": "var shared = 'background'; globalThis.fromBackground = 1;",
            "a.js": "var shared = 'content ' + (window === top ? 'top' : 'sub'); var count = (typeof count === 'number' ? count : 0) + 1;",
            "b.js": "console.log(shared, typeof fromBackground, count, typeof tabs, typeof chrome.tabs, typeof chrome.runtime.getURL);",
        ], open: ["http://127.0.0.1:8000/index.html"])
        #expect(run.lines == [
            "content 2/0: content top undefined 1 undefined undefined function",
            "content 2/1: content sub undefined 1 undefined undefined function",
        ])
    }

    @Test(arguments: [(Flavor.chrome, "No tab with id: 999."), (.firefox, "Invalid tab ID: 999")])
    func missingTabsRejectWithTheFlavorsText(flavor: Flavor, text: String) throws {
        let run = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(),
            "bg.js": "browser.tabs.get(999).catch((e) => console.log(e.message)); browser.tabs.remove(999).catch((e) => console.log(e.message));",
        ], flavor: flavor)
        #expect(run.texts == [text, text])
    }

    @Test func chromeCallbacksSetLastErrorOnlyWhileTheyRun() throws {
        let run = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(),
            "bg.js": """
                chrome.tabs.get(999, (tab) => {
                  console.log('read', chrome.runtime.lastError.message, tab);
                  setTimeout(() => console.log('after', chrome.runtime.lastError));
                });
                chrome.tabs.get(998, () => {});
                chrome.tabs.get(2, (tab) => console.log('tab', tab.id, tab.url, chrome.runtime.lastError));
                """,
        ])
        #expect(run.texts == [
            "read No tab with id: 999. undefined",
            "Unchecked runtime.lastError: No tab with id: 998.",
            "tab 2 about:blank undefined",
            "after undefined",
        ])
        #expect(run.host.uncaughtErrorCount == 0)
    }

    @Test func tabsLifecycleFromTheBackground() throws {
        let run = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(),
            "bg.js": """
                const log = (...a) => console.log(...a.map((x) => typeof x === 'object' ? JSON.stringify(x) : x));
                chrome.tabs.onCreated.addListener((tab) => log('created', tab.id, tab.index, tab.active));
                chrome.tabs.onActivated.addListener((info) => log('activated', info));
                chrome.tabs.onRemoved.addListener((id, info) => log('removed', id, info));
                (async () => {
                  const tab = await chrome.tabs.create({ url: 'http://127.0.0.1:8000/other.html' });
                  log('create resolved', tab.id);
                  await chrome.tabs.update(2, { active: true });
                  await chrome.tabs.remove(tab.id);
                  log('tab', (await chrome.tabs.get(2)).active);
                  await chrome.tabs.remove(2);
                })();
                """,
        ])
        #expect(run.texts == [
            "created 3 1 true",
            #"activated {"tabId":3,"windowId":1}"#,
            "create resolved 3",
            #"activated {"tabId":2,"windowId":1}"#,
            #"removed 3 {"isWindowClosing":false,"windowId":1}"#,
            "tab true",
            // (Chromium tells of a window's last tab closed by tabs.remove as not closing with its
            // window, which closes after it: recorded, windows-create-update-remove.)
            #"removed 2 {"isWindowClosing":false,"windowId":1}"#,
        ])
    }

    /// What a content script sees of other frames, as recorded from the browsers
    /// (fixtures/conformance/frames-visibility): Chromium shares one world between same-origin
    /// frames, Firefox does not; cross-origin access throws each browser's SecurityError.
    @Test(arguments: Flavor.allCases)
    func framesSeeEachOtherAsTheirBrowserLetsThem(flavor: Flavor) throws {
        let run = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(contentScripts: #"[{"matches": ["<all_urls>"], "js": ["cs.js"], "all_frames": true, "run_at": "document_start"}]"#),
            "bg.js": "",
            "cs.js": """
                var csVar = 'var of ' + location.host;
                setTimeout(() => {
                  const probe = (label, f) => { try { console.log(label, String(f())); } catch (e) { console.log(label, 'THROWS', e.name + ': ' + e.message); } };
                  if (window === top) {
                    probe('frames.length', () => frames.length);
                    probe('frames[0].csVar', () => frames[0].csVar);
                    probe('frames[1].csVar', () => frames[1].csVar);
                    probe('frames[1].length', () => frames[1].length);
                  } else if (location.host === 'localhost:8000') {
                    probe('parent === top', () => parent === top);
                    probe('parent.csVar', () => parent.csVar);
                    probe('top.location.href', () => top.location.href);
                  }
                });
                """,
        ], flavor: flavor, open: ["http://127.0.0.1:8000/frames.html"])
        let chrome = flavor == .chrome
        let blocked = chrome
            ? #"SecurityError: Failed to read a named property 'csVar' from 'Window': Blocked a frame with origin "http://127.0.0.1:8000" from accessing a cross-origin frame."#
            : #"SecurityError: Permission denied to access property "csVar" on cross-origin object"#
        let blockedFromChild = chrome
            ? #"SecurityError: Failed to read a named property 'csVar' from 'Window': Blocked a frame with origin "http://localhost:8000" from accessing a cross-origin frame."#
            : #"SecurityError: Permission denied to access property "csVar" on cross-origin object"#
        let href = chrome
            ? #"SecurityError: Failed to read a named property 'href' from 'Location': Blocked a frame with origin "http://localhost:8000" from accessing a cross-origin frame."#
            : #"SecurityError: Permission denied to get property "href" on cross-origin object"#
        #expect(run.texts == [
            "frames.length 2",
            "frames[0].csVar " + (chrome ? "var of 127.0.0.1:8000" : "undefined"),
            "frames[1].csVar THROWS " + blocked,
            "frames[1].length 0",
            "parent === top true",
            "parent.csVar THROWS " + blockedFromChild,
            "top.location.href THROWS " + href,
        ])
    }

    /// The library example of the README, with the package's folder as the working folder.
    @Test func theReadmeLibraryExampleRuns() throws {
        var lines: [String] = []
        let host = ExtensionHost(options: HostOptions(flavor: .chrome, siteMap: SiteMap([
            try SiteMapping(parsing: "http://127.0.0.1:8000=fixtures/site", relativeTo: packageRoot)
        ]))) { message in lines.append("\(message.context) \(message.text)") }
        try host.loadExtension(at: packageRoot.appendingPathComponent("fixtures/hello"))
        let tab = host.open("http://127.0.0.1:8000/index.html")
        host.runUntilLoaded(tabID: tab)
        host.clickAction()
        host.run()
        #expect(lines.first == "background background started in extension 32 chars long")
        #expect(lines.last == "background five seconds later (virtual time: no waiting)")
        #expect(lines.contains("content content script in a subframe of http://127.0.0.1:8000/frame.html"))
    }

    @Test func badManifestsAreRejectedWithFileAndLine() throws {
        let directory = try TemporaryExtension(files: ["manifest.json": "{\n  \"manifest_version\": 3,\n  \"name\": \"x\",\n  \"version\": \"1\",\n  \"background\": {\"service_worker\": \"missing.js\"}\n}"]).directory
        let host = ExtensionHost { _ in }
        #expect {
            try host.loadExtension(at: directory)
        } throws: { error in
            let text = String(describing: error)
            return text.contains("manifest.json") && text.contains("missing.js")
        }
        let broken = try TemporaryExtension(files: ["manifest.json": "{\n  \"manifest_version\": 3,\n  \"name\": \"x\" \"version\": \"1\"\n}"]).directory
        #expect {
            try host.loadExtension(at: broken)
        } throws: { error in
            guard let error = error as? ExtensionLoadError else { return false }
            return error.line == 3 && error.file.hasSuffix("manifest.json")
        }
        #expect(throws: ExtensionLoadError.self) { try host.loadExtension(at: URL(fileURLWithPath: "/nonexistent/extension")) }
    }
}
