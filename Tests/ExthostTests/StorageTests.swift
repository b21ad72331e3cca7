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

    // (What a review found, each kept by a test.)

    @Test(arguments: Flavor.allCases)
    func refusalsAreTheCallersOwnErrorsAndAGettersExceptionPassesAsItIs(flavor: Flavor) throws {
        let run = try HostRun.run(files: ["manifest.json": TemporaryExtension.manifest(permissions: ["storage"]), "bg.js": """
            const own = (e) => e instanceof Error && e.constructor.constructor === Function;
            (async () => {
              for (const [label, call] of [
                ['getter gives a function', () => chrome.storage.local.set({ a: { get g() { return () => 1; } } })],
                ['default is a function', () => chrome.storage.local.get({ k: () => 1, b: new ArrayBuffer(2) })],
                ['getter gives a symbol', () => chrome.storage.session.set({ k: [{ get g() { return Symbol(); } }] })],
              ]) {
                try { await call(); console.log(label + ' resolved'); } catch (e) { console.log(label + ' ' + own(e) + ' ' + e.message); }
              }
              const thrown = 'a string a getter threw';
              try { await chrome.storage.local.set({ v: { get g() { throw thrown; } } }); } catch (e) { console.log('thrown ' + (e === thrown)); }
              console.log('lone surrogate ' + JSON.stringify(await chrome.storage.local.get('\\ud800')));
            })();
            """], flavor: flavor)
        let expected = flavor == .chrome
            ? ["getter gives a function resolved", "default is a function true Cannot serialize value to JSON", "getter gives a symbol resolved"]
            : ["getter gives a function true DataCloneError: Function object could not be cloned.",
               "default is a function true DataCloneError: Function object could not be cloned.",
               "getter gives a symbol true DataCloneError: The object could not be cloned."]
        #expect(run.texts == expected + ["thrown true", "lone surrogate {}"])
    }

    @Test(arguments: Flavor.allCases)
    func hugeSparseArraysDeepValuesAndManyKeysNeitherHangNorFail(flavor: Flavor) throws {
        let run = try HostRun.run(files: ["manifest.json": TemporaryExtension.manifest(permissions: ["storage"]), "bg.js": """
            (async () => {
              const sparse = [];
              sparse.length = 1e9;
              for (const area of ['local', 'sync']) {
                await chrome.storage[area].set({ sparse }).then(() => console.log(area + ' sparse stored'), (e) => console.log(area + ' sparse ' + e.message));
              }
              const deep = {};
              let d = deep;
              for (let i = 0; i < 50000; i++) { d.x = {}; d = d.x; }
              await chrome.storage.local.set({ deep });
              let depth = 0;
              for (let v = (await chrome.storage.local.get('deep')).deep; v && v.x; v = v.x) depth++;
              console.log('depth ' + depth);
              const many = {};
              for (let i = 0; i < 60000; i++) many['k' + i] = i;
              await chrome.storage.local.set(many);
              const keys = await chrome.storage.local.getKeys();
              await chrome.storage.local.remove(keys.filter((key) => key.startsWith('k')));
              console.log('kept ' + (await chrome.storage.local.getKeys()).join(','));
            })();
            """], flavor: flavor)
        let expected = flavor == .chrome
            ? ["local sparse Resource::kQuotaBytes quota exceeded", "sync sparse Resource::kQuotaBytes quota exceeded", "depth 99", "kept deep"]
            : ["local sparse stored", "sync sparse QuotaExceededError: storage.sync API call exceeded its quota limitations.", "depth 50000", "kept deep,sparse"]
        #expect(run.texts == expected)
    }

    @Test func chromiumKeepsOneOfTwoKeysThatAreOneOnceWellFormed() throws {
        let run = try HostRun.run(files: ["manifest.json": TemporaryExtension.manifest(permissions: ["storage"]), "bg.js": """
            (async () => {
              await chrome.storage.local.set({ v: { '\\ud800': 1, '\\udc00': 2 } });
              console.log(JSON.stringify(await chrome.storage.local.get('v')) + ' ' + await chrome.storage.local.getBytesInUse('v'));
            })();
            """])
        #expect(run.texts == ["{\"v\":{\"\u{FFFD}\":2}} 10"])
    }

    @Test(arguments: Flavor.allCases)
    func managedStorageHoldsTheRunsPolicy(flavor: Flavor) throws {
        let policy = FileManager.default.temporaryDirectory.appendingPathComponent("exthost-policy-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: policy) }
        try Data(#"{"server": "https://example.com", "limits": {"b": 2, "a": [1]}}"#.utf8).write(to: policy)
        let code = """
            chrome.storage.managed.get(null).then((v) => console.log(JSON.stringify(v)), (e) => console.log(e.message))
              .then(() => chrome.storage.managed.set({ x: 1 })).catch((e) => console.log(e.message));
            """
        // (Chromium gives a policy to an extension that declares a schema for it.)
        let declared = TemporaryExtension.manifest(permissions: ["storage"], extra: #""storage": {"managed_schema": "schema.json"}"#)
        let withSchema = try CommandRun.run(files: ["manifest.json": declared, "schema.json": "{}", "bg.js": code],
                                           ["--flavor", flavor.rawValue, "--console", "jsonl", "--managed-storage", policy.path])
        #expect(withSchema.output.contains(#"{\"limits\":{\"a\":[1],\"b\":2},\"server\":\"https://example.com\"}"#))
        #expect(withSchema.output.contains(flavor == .chrome ? "This is a read-only store." : "storage.managed is read-only"))
        let without = try CommandRun.run(files: ["manifest.json": TemporaryExtension.manifest(permissions: ["storage"]), "bg.js": code],
                                        ["--flavor", flavor.rawValue, "--console", "jsonl"])
        #expect(without.output.contains(flavor == .chrome ? #""text":"{}""# : "Managed storage manifest not found"))
    }
}
