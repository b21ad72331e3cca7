import BrowserModel
import Exthost
import Foundation
import Testing

/// `storage` (js/58_storage.js, Sources/Exthost/API/StorageAPI.swift) beyond what the recorded
/// cases `storage-areas` and `storage-contexts` compare: values made again in each reading
/// context's realm, the permission, and Chromium's quotas and byte counts the cases do not reach.
@Suite("Storage")
struct StorageTests {
    static let page = ["/index.html": "<!doctype html><p>page</p>"]

    @Test(arguments: Flavor.allCases)
    func aValueSetInOneContextIsEachReadersOwn(flavor: Flavor) throws {
        let files = [
            "manifest.json": TemporaryExtension.manifest(permissions: ["storage"], contentScripts: #"[{"matches": ["http://127.0.0.1/*"], "js": ["cs.js"]}]"#),
            "bg.js": """
                chrome.runtime.onMessage.addListener(() => { chrome.storage.local.set({ o: { a: [1, { b: 2 }] } }); });
                """,
            "cs.js": """
                const own = (value) => Object.getPrototypeOf(value) === Object.prototype;
                chrome.storage.onChanged.addListener((changes, area) => {
                  const value = changes.o.newValue;
                  console.log('changed ' + area + ' ' + own(changes) + ' ' + own(changes.o) + ' ' + own(value) + ' ' + Array.isArray(value.a) + ' ' + (value.a instanceof Array) + ' ' + own(value.a[1]));
                  chrome.storage.local.get('o').then((result) => {
                    console.log('got ' + own(result) + ' ' + own(result.o) + ' ' + (result.o.a instanceof Array) + ' ' + JSON.stringify(result));
                  });
                });
                chrome.runtime.sendMessage('ready');
                """,
        ]
        let run = try HostRun.run(files: files, pages: Self.page, flavor: flavor, open: ["http://127.0.0.1:8000/index.html"])
        #expect(run.texts == ["changed local true true true true true true", #"got true true true {"o":{"a":[1,{"b":2}]}}"#])
    }

    @Test(arguments: Flavor.allCases)
    func withoutThePermissionThereIsNoStorage(flavor: Flavor) throws {
        let run = try HostRun.run(files: ["manifest.json": TemporaryExtension.manifest(permissions: []), "bg.js": """
            console.log(typeof chrome.storage + ' ' + ('storage' in chrome));
            """], flavor: flavor)
        #expect(run.texts == ["undefined false"])
    }

    @Test func chromiumCountsSessionValuesByTheMemoryTheyTake() throws {
        // (A string of more than 22 bytes takes a heap block of its length and terminator rounded
        // up to 16; a list of three a vector of four 32-byte Values; a dict of three a flat map of
        // four 32-byte pairs and a 32-byte Value each.)
        let run = try HostRun.run(files: ["manifest.json": TemporaryExtension.manifest(permissions: ["storage"]), "bg.js": """
            (async () => {
              const area = chrome.storage.session;
              await area.set({ short: 'x'.repeat(22), long: 'x'.repeat(23), list: [1, 2, 3], dict: { a: 1, b: 2, c: 3 } });
              const bytes = [];
              for (const key of ['short', 'long', 'list', 'dict']) bytes.push(key + ' ' + await area.getBytesInUse(key));
              console.log(bytes.join(', '));
            })();
            """])
        #expect(run.texts == ["short 0, long 32, list 128, dict 224"])
    }

    @Test func chromiumRefusesSyncBeyondItsTotalAndItsItemCount() throws {
        let run = try HostRun.run(files: ["manifest.json": TemporaryExtension.manifest(permissions: ["storage"]), "bg.js": """
            (async () => {
              const sync = chrome.storage.sync;
              const big = {};
              for (let i = 0; i < 13; i++) big['k' + i] = 'x'.repeat(8000);
              await sync.set(big).then(() => console.log('set'), (e) => console.log(e.message));
              const many = {};
              for (let i = 0; i < 513; i++) many['n' + i] = i;
              await sync.set(many).then(() => console.log('set'), (e) => console.log(e.message));
              console.log(await sync.getBytesInUse(null));
            })();
            """])
        #expect(run.texts == ["Resource::kQuotaBytes quota exceeded", "Resource::kMaxItems quota exceeded", "0"])
    }

    @Test(arguments: Flavor.allCases)
    func aContentScriptsChangeReachesTheBackgroundAndAPageOfTheExtension(flavor: Flavor) throws {
        let files = [
            "manifest.json": TemporaryExtension.manifest(permissions: ["storage", "tabs"], contentScripts: #"[{"matches": ["http://127.0.0.1/*"], "js": ["cs.js"]}]"#),
            "page.html": "<script src=page.js></script>",
            "page.js": """
                chrome.storage.local.onChanged.addListener((changes) => console.log('page heard ' + JSON.stringify(changes)));
                chrome.runtime.sendMessage('page ready');
                """,
            "bg.js": """
                chrome.storage.onChanged.addListener((changes, area) => console.log('background heard ' + area + ' ' + JSON.stringify(changes)));
                let ready = 0;
                let contentTab;
                chrome.runtime.onMessage.addListener((message, sender) => {
                  if (message === 'content ready') contentTab = sender.tab.id;
                  if (++ready === 2) chrome.tabs.sendMessage(contentTab, 'set');
                });
                chrome.tabs.create({ url: chrome.runtime.getURL('page.html'), active: false });
                """,
            "cs.js": "chrome.runtime.onMessage.addListener(() => { chrome.storage.local.set({ fromContent: [true] }); }); chrome.runtime.sendMessage('content ready');",
        ]
        let run = try HostRun.run(files: files, pages: Self.page, flavor: flavor, open: ["http://127.0.0.1:8000/index.html"])
        let change = #"{"fromContent":{"newValue":[true]}}"#
        #expect(Set(run.texts) == ["background heard local " + change, "page heard " + change])
    }
}
