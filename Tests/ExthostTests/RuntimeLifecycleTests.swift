import BrowserModel
import Exthost
import Foundation
import Testing

/// The extension's life as `runtime` reports it (Sources/Exthost/API/RuntimeAPI.swift,
/// js/50_runtime.js): what the recorded case `fixtures/conformance/runtime-lifecycle` does not
/// reach: `onInstalled` once per install whatever restarts the background, the uninstall page
/// kept, and `getContexts`' filters and other kinds of context.
@Suite("Runtime lifecycle")
struct RuntimeLifecycleTests {
    @Test(arguments: Flavor.allCases)
    func onInstalledComesOncePerInstallNotWhenTheBackgroundStartsAgain(flavor: Flavor) throws {
        let files = ["manifest.json": TemporaryExtension.manifest(), "bg.js": """
            console.log('top level');
            chrome.runtime.onInstalled.addListener((details) => console.log('installed ' + JSON.stringify(details)));
            chrome.runtime.onStartup.addListener(() => console.log('startup'));
            """]
        let directory = try TemporaryExtension(files: files).directory
        var messages: [String] = []
        let host = ExtensionHost(options: HostOptions(flavor: flavor)) { messages.append($0.text) }
        try host.loadExtension(at: directory)
        host.run(maxTime: 5)
        host.restartBackground(of: host.extensions[0])
        host.run(maxTime: 5)
        let details = flavor == .chrome ? #"{"reason":"install"}"# : #"{"reason":"install","temporary":true}"#
        #expect(messages == ["top level", "installed " + details, "top level"])
    }

    @Test(arguments: Flavor.allCases)
    func aProfileKeepsStorageAndTellsStartupFromAnUpdate(flavor: Flavor) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("exthost-profile-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let code = """
            chrome.runtime.onInstalled.addListener((details) => console.log('installed ' + JSON.stringify(details)));
            chrome.runtime.onStartup.addListener(() => console.log('startup'));
            chrome.storage.local.get({ runs: 0 }).then(async ({ runs }) => {
              const session = await chrome.storage.session.get('here');
              // (A service worker has no localStorage; Firefox's background page has.)
              const web = typeof localStorage === 'undefined' ? 'none' : localStorage.getItem('runs');
              console.log('runs ' + runs + ' ' + web + ' ' + JSON.stringify(session));
              await chrome.storage.local.set({ runs: runs + 1 });
              if (web !== 'none') localStorage.setItem('runs', String(runs + 1));
              await chrome.storage.session.set({ here: true });
            });
            """
        let extensionDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("exthost-profile-ext-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: extensionDirectory) }
        try FileManager.default.createDirectory(at: extensionDirectory, withIntermediateDirectories: true)
        func run(version: String) throws -> [String] {
            let manifest = #"{"manifest_version": 3, "name": "p", "version": "\#(version)", "permissions": ["storage"], "background": {"service_worker": "bg.js", "scripts": ["bg.js"]}}"#
            try Data(manifest.utf8).write(to: extensionDirectory.appendingPathComponent("manifest.json"))
            try Data(code.utf8).write(to: extensionDirectory.appendingPathComponent("bg.js"))
            var messages: [String] = []
            let profile = try Profile(directory: directory, flavor: flavor)
            let host = ExtensionHost(options: HostOptions(flavor: flavor, profile: profile)) { messages.append($0.text) }
            try host.loadExtension(at: extensionDirectory)
            host.run(maxTime: 5)
            return messages
        }
        let temporary = flavor == .firefox ? #","temporary":true"# : ""
        let web = flavor == .firefox ? ["null", "1", "2"] : ["none", "none", "none"]
        let first = try run(version: "1.0")
        let second = try run(version: "1.0")
        let updated = try run(version: "2.0")
        // (The stored values come in the run's first task, the browser's event a moment later.)
        #expect(first == ["runs 0 \(web[0]) {}", #"installed {"reason":"install"\#(temporary)}"#])
        // (Chromium starts the worker for the event, which it hears as soon as its script ran.)
        #expect(second == (flavor == .chrome ? ["startup", "runs 1 \(web[1]) {}"] : ["runs 1 \(web[1]) {}", "startup"]))
        #expect(updated == ["runs 2 \(web[2]) {}", #"installed {"reason":"update","previousVersion":"1.0"\#(temporary)}"#])
    }

    /// Gives `body` a run of an extension made of `background` (with `permission`) in a profile
    /// kept from run to run: `run(version)` loads that version and returns what it printed.
    static func withProfileRuns(flavor: Flavor, permission: String, background: String,
                                _ body: (_ run: (_ version: String) throws -> [String]) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("exthost-profile-runs-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let extensionDirectory = directory.appendingPathComponent("extension")
        try FileManager.default.createDirectory(at: extensionDirectory, withIntermediateDirectories: true)
        try Data(background.utf8).write(to: extensionDirectory.appendingPathComponent("bg.js"))
        try body { version in
            let manifest = #"{"manifest_version": 3, "name": "a", "version": "\#(version)", "permissions": ["\#(permission)"], "background": {"service_worker": "bg.js", "scripts": ["bg.js"]}}"#
            try Data(manifest.utf8).write(to: extensionDirectory.appendingPathComponent("manifest.json"))
            var messages: [String] = []
            let profile = try Profile(directory: directory.appendingPathComponent("profile"), flavor: flavor)
            let host = ExtensionHost(options: HostOptions(flavor: flavor, profile: profile)) { messages.append($0.text) }
            try host.loadExtension(at: extensionDirectory)
            host.run(maxTime: 5)
            return messages
        }
    }

    @Test(arguments: Flavor.allCases)
    func chromiumKeepsAlarmsInTheProfileUntilAnUpdate(flavor: Flavor) throws {
        try Self.withProfileRuns(flavor: flavor, permission: "alarms", background: """
            chrome.alarms.getAll().then((all) => console.log('kept ' + all.map((a) => a.name + (a.periodInMinutes ?? '')).join()));
            // (So that the browser's next start starts it.)
            chrome.runtime.onStartup.addListener(() => {});
            chrome.runtime.onInstalled.addListener(() => {
              chrome.alarms.create('once', { delayInMinutes: 10 });
              chrome.alarms.create('every', { periodInMinutes: 5 });
              chrome.alarms.create('gone', { delayInMinutes: 1 });
              chrome.alarms.clear('gone');
            });
            """) { run in
            let (first, again, updated) = (try run("1.0"), try run("1.0"), try run("2.0"))
            #expect(first == ["kept "])
            #expect(again == [flavor == .chrome ? "kept once,every5" : "kept "])
            #expect(updated == ["kept "])
        }
    }

    /// Both browsers keep the context menu items of a background that stops when idle for its next
    /// start (Chromium until an install or update, Firefox while the version is the same), so
    /// making them again at every start fails as a duplicate.
    @Test(arguments: Flavor.allCases)
    func contextMenuItemsOfABackgroundThatStopsWhenIdleAreKeptInTheProfile(flavor: Flavor) throws {
        try Self.withProfileRuns(flavor: flavor, permission: "contextMenus", background: """
            chrome.runtime.onStartup.addListener(() => {});
            chrome.contextMenus.create({ id: 'a', title: 'A', type: 'checkbox', checked: true }, () => {
              console.log(chrome.runtime.lastError ? 'kept: ' + chrome.runtime.lastError.message : 'made');
              chrome.contextMenus.update('a', { title: 'A again' }, () => console.log(chrome.runtime.lastError ? 'update: ' + chrome.runtime.lastError.message : 'updated'));
            });
            """) { run in
            let duplicate = flavor == .chrome ? "kept: Cannot create item with duplicate id a" : "kept: The menu id a already exists in menus.create."
            let (first, again, updated) = (try run("1.0"), try run("1.0"), try run("2.0"))
            #expect(first == ["made", "updated"])
            #expect(again == [duplicate, "updated"])
            #expect(updated == ["made", "updated"])
        }
    }

    @Test(arguments: Flavor.allCases)
    func anExtensionWhoseFilesNoLongerLoadAfterAReloadSaysWhyAndStaysUnloaded(flavor: Flavor) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("exthost-reload-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        func write(_ name: String, _ text: String) throws { try Data(text.utf8).write(to: directory.appendingPathComponent(name)) }
        try write("manifest.json", TemporaryExtension.manifest())
        try write("bg.js", """
            console.log('first version');
            chrome.runtime.onInstalled.addListener((details) => {
              if (details.reason === 'install') setTimeout(() => chrome.runtime.reload(), 10);
            });
            """)
        var messages: [String] = []
        let host = ExtensionHost(options: HostOptions(flavor: flavor)) { messages.append($0.text) }
        try host.loadExtension(at: directory)
        host.run(maxTime: 0.005)
        try write("bg.js", """
            console.log('second version');
            chrome.runtime.onInstalled.addListener((details) => {
              console.log(details.reason + ' from ' + details.previousVersion);
              chrome.runtime.reload();
            });
            """)
        try write("manifest.json", "{ not json")
        host.run(maxTime: 5)
        #expect(messages.first == "first version")
        #expect(messages.count == 2)
        #expect(messages.last?.hasPrefix("exthost could not reload test:") == true)
        #expect(host.extensions.isEmpty)
    }

    @Test(arguments: Flavor.allCases)
    func aReloadKeepsStorageLocalAndClearsSession(flavor: Flavor) throws {
        let run = try HostRun.run(files: ["manifest.json": TemporaryExtension.manifest(permissions: ["storage"]), "bg.js": """
            chrome.storage.local.get('runs').then(async ({ runs = 0 }) => {
              const { seen = 0 } = await chrome.storage.session.get('seen');
              console.log('local', runs, 'session', seen);
              await chrome.storage.local.set({ runs: runs + 1 });
              await chrome.storage.session.set({ seen: seen + 1 });
              if (runs === 0) chrome.runtime.reload();
            });
            """], flavor: flavor)
        #expect(run.texts == ["local 0 session 0", "local 1 session 0"])
    }

    @Test(arguments: Flavor.allCases)
    func alarmsWithNoUsablePeriodFireOnceAndMissedPeriodsAreSkipped(flavor: Flavor) throws {
        let run = try HostRun.run(files: ["manifest.json": TemporaryExtension.manifest(permissions: ["alarms"]), "bg.js": """
            const count = {};
            chrome.alarms.onAlarm.addListener((alarm) => { count[alarm.name] = (count[alarm.name] || 0) + 1; });
            chrome.alarms.create('zero', { periodInMinutes: 0 });
            chrome.alarms.create('negative', { delayInMinutes: 0.01, periodInMinutes: -5 });
            chrome.alarms.create('overflow', { delayInMinutes: 0.01, periodInMinutes: 1e306 });
            chrome.alarms.create('past', { when: Date.now() - 86400000, periodInMinutes: 1 });
            chrome.alarms.create('never', { delayInMinutes: 1e306 });
            setTimeout(() => console.log(JSON.stringify(count)), 90000);
            """], flavor: flavor, maxTime: 100, keepAlive: true)  // (a background left alone would stop, its count with it)
        #expect(run.texts == [#"{"zero":1,"past":2,"negative":1,"overflow":1}"#])
    }

    @Test func theUninstallPageIsKeptAndAnEmptyURLKeepsNone() throws {
        let set = try HostRun.run(files: ["manifest.json": TemporaryExtension.manifest(), "bg.js": """
            chrome.runtime.setUninstallURL('https://example.com/bye?from=test').then(() => console.log('set'));
            """])
        #expect(set.texts == ["set"])
        #expect(set.host.extensions[0].uninstallURL == "https://example.com/bye?from=test")
        let cleared = try HostRun.run(files: ["manifest.json": TemporaryExtension.manifest(), "bg.js": """
            (async () => {
              await chrome.runtime.setUninstallURL('https://example.com/bye');
              await new Promise((resolve) => chrome.runtime.setUninstallURL('', resolve));
              console.log('cleared ' + chrome.runtime.lastError);
              chrome.runtime.setUninstallURL('mailto:someone@example.com', () => console.log(chrome.runtime.lastError.message));
            })();
            """])
        #expect(cleared.host.extensions[0].uninstallURL == nil)
        #expect(cleared.texts == ["cleared undefined", #"Invalid URL: "mailto:someone@example.com"."#])
    }

    @Test func getContextsListsThePopupAndFramesOfItsPagesAndFiltersEachMember() throws {
        let files = [
            "manifest.json": TemporaryExtension.manifest(extra: #""action": {"default_popup": "popup.html"}"#),
            "popup.html": "<script src=popup.js></script>",
            "popup.js": "chrome.runtime.sendMessage('popup open');",
            "bg.js": """
                const show = (list) => list.map((c) => [c.contextType, c.frameId, c.tabId === -1 ? -1 : 'tab', c.windowId === -1 ? -1 : 'window', c.documentUrl && c.documentUrl.replace(/^.*\\//, '')].join(' ')).join(' | ');
                chrome.runtime.onMessage.addListener(async () => {
                  const all = await chrome.runtime.getContexts({});
                  console.log('all: ' + show(all));
                  console.log('popups: ' + show(await chrome.runtime.getContexts({ contextTypes: ['POPUP'] })));
                  const popup = all.find((c) => c.contextType === 'POPUP');
                  console.log('by id: ' + show(await chrome.runtime.getContexts({ contextIds: [popup.contextId] })));
                  console.log('by document: ' + show(await chrome.runtime.getContexts({ documentIds: [popup.documentId], documentUrls: [popup.documentUrl] })));
                  console.log('incognito: ' + (await chrome.runtime.getContexts({ incognito: true })).length);
                  console.log('frame 1: ' + (await chrome.runtime.getContexts({ frameIds: [1] })).length);
                  console.log('no document: ' + (await chrome.runtime.getContexts({ documentIds: [''], contextTypes: ['BACKGROUND'] })).length);
                  console.log('same id twice: ' + (all[0].contextId === (await chrome.runtime.getContexts({}))[0].contextId));
                });
                """,
        ]
        let run = try HostRun.run(files: files, open: ["about:blank"], clickAction: true)
        #expect(run.texts == [
            "all: BACKGROUND -1 -1 -1  | POPUP 0 -1 window popup.html",
            "popups: POPUP 0 -1 window popup.html",
            "by id: POPUP 0 -1 window popup.html",
            "by document: POPUP 0 -1 window popup.html",
            "incognito: 0",
            "frame 1: 0",
            "no document: 0",
            "same id twice: true",
        ])
    }

    /// A later run with the same profile starts a background that stops when idle as a browser
    /// start does: only for an event it listened to (Chromium), or, in Firefox, at once when it
    /// kept no persistent listener.
    @Test(arguments: Flavor.allCases)
    func aLaterRunWithTheProfileStartsAWorkerOnlyForItsEvents(flavor: Flavor) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("exthost-waking-profile-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let extensionDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("exthost-waking-ext-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: extensionDirectory) }
        try FileManager.default.createDirectory(at: extensionDirectory, withIntermediateDirectories: true)
        let manifest = #"{"manifest_version": 3, "name": "w", "version": "1.0", "background": {"service_worker": "bg.js", "scripts": ["bg.js"]}}"#
        try Data(manifest.utf8).write(to: extensionDirectory.appendingPathComponent("manifest.json"))
        func run(_ code: String, profile: String = "a", openTab: Bool = false) throws -> [String] {
            try Data(code.utf8).write(to: extensionDirectory.appendingPathComponent("bg.js"))
            var messages: [String] = []
            let host = ExtensionHost(options: HostOptions(flavor: flavor, profile: try Profile(directory: directory.appendingPathComponent(profile), flavor: flavor))) {
                messages.append($0.text)
            }
            try host.loadExtension(at: extensionDirectory)
            host.runUntilStarted(maxTime: 5)
            // (The first URL loads in the first tab; the second opens a tab.)
            if openTab { for url in ["http://127.0.0.1:8000/index.html", "http://127.0.0.1:8000/other.html"] { _ = host.open(url) } }
            host.run(maxTime: 5)
            return messages
        }
        let listening = """
            console.log('top level');
            chrome.tabs.onCreated.addListener(() => console.log('tab created'));
            """
        let first = try run(listening)
        #expect(first == ["top level"])
        // (The browser starts again: the worker waits for its event; a tab created wakes it.)
        let waiting = try run(listening)
        #expect(waiting == [])
        let woken = try run(listening, openTab: true)
        #expect(woken == ["top level", "tab created"])
        // (Listening to nothing the browser keeps: Chromium never starts it, Firefox starts it.)
        let deaf = "console.log('top level');"
        let deafFirst = try run(deaf, profile: "b")
        #expect(deafFirst == ["top level"])
        let deafAgain = try run(deaf, profile: "b", openTab: true)
        #expect(deafAgain == (flavor == .firefox ? ["top level"] : []))
    }
}
