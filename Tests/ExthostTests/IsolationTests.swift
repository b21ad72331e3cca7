import BrowserModel
@testable import Exthost
import Foundation
import JSEngine
import Testing

/// Extension code is hostile: from every kind of context, scripts try to reach the host's own
/// objects, its natives, other contexts and APIs their kind does not have. Each test shows they
/// cannot, and that messaging still works as the browser's would.
@Suite("Isolation")
struct IsolationTests {
    static let contentScripts = #"[{"matches": ["<all_urls>"], "js": ["cs.js"], "all_frames": true}]"#

    /// Walks every object reachable from the global (own properties, getters' results, prototypes,
    /// function properties) and reports any that looks like the host's: one holding `native`,
    /// `deliveries` or `reportUncaught`, or a function named like a native.
    static let reachabilityProbe = """
        function findHost(label) {
          const nativeNames = ['open', 'post', 'disconnect', 'respond', 'message', 'uncaught', 'listenerError', 'request', 'call', 'monotonicNow', 'wallNow', 'loadModule', 'proxyTarget', 'describeUncaught', 'describeListenerError', 'builtinClass'];
          const hostKeys = ['native', 'deliveries', 'reportUncaught', 'parseHostJSON', 'lazyGlobals', 'implementations', 'builtins', 'primordials', 'consoleFormat', 'engine', 'clock'];
          const hasOwn = (object, key) => Object.prototype.hasOwnProperty.call(object, key);
          const seen = new Set();
          const queue = [[globalThis, 'globalThis']];
          const found = [];
          while (queue.length && seen.size < 20000) {
            const [value, path] = queue.shift();
            if (value === null || (typeof value !== 'object' && typeof value !== 'function') || seen.has(value)) continue;
            seen.add(value);
            let keys = [];
            try { keys = Reflect.ownKeys(value); } catch (e) { continue; }
            for (const key of keys) {
              let descriptor;
              try { descriptor = Object.getOwnPropertyDescriptor(value, key); } catch (e) { continue; }
              if (!descriptor) continue;
              // (The test's own traps are accessors on the prototypes; the host's are data.)
              const isData = hasOwn(descriptor, 'value');
              if (typeof key === 'string' && hostKeys.includes(key) && isData) found.push(path + '.' + key);
              const name = path + '.' + String(key);
              if (isData) queue.push([descriptor.value, name]);
              else {
                if (descriptor.get) { queue.push([descriptor.get, name + '<get>']); try { queue.push([Reflect.apply(descriptor.get, value, []), name]); } catch (e) {} }
                if (descriptor.set) queue.push([descriptor.set, name + '<set>']);
              }
            }
            try { queue.push([Object.getPrototypeOf(value), path + '.__proto__']); } catch (e) {}
            // (A window's own `open`, on its prototype, is the platform's `window.open`, named as a
            // port native is; `permissions.request` is the extension API's, named as the api native is.)
            if (typeof value === 'function' && !path.endsWith('__proto__.open') && !path.endsWith('permissions.request') && nativeNames.includes(value.name) && !/^function (postMessage|call)\\(/.test(String(value)) && path.indexOf('Port') < 0 && !path.endsWith('.call') && !path.endsWith('postMessage')) {
              // A native function is a function whose source is [native code] with a native's name
              // and that is not one of the platform's own (Function.prototype.call, port.postMessage).
              if (String(value).includes('[native code]') && !['call'].includes(value.name)) found.push(path + ' (' + value.name + ')');
            }
          }
          console.log(label, 'host reachable:', found.length ? found.slice(0, 5).join(', ') : 'no', 'objects walked > 300:', seen.size > 300);
        }
        """

    /// Getters and setters on `Object.prototype` and `Array.prototype` for names the host's own
    /// code might read; each records whether it ever ran with `this` being something the
    /// extension did not make (a host object).
    static let prototypeTraps = """
        const trapNames = ['describeNode', 'isInternalFrameURL', 'native', 'then', 'get', 'set', 'name', 'message', 'id', 'error',
          'sender', 'onMessage', 'tabId', 'frameId', 'url', 'value', 'kind', 'flavor', 'context', 'global', 'request', 'callback', 'args',
          'repeats', 'accepted', 'pending', 'oneTime', 'target', 'extensionId', 'documentId', 'formatValue', 'describeUncaught', 'stack',
          'constructor', 'toJSON', 'length', '0', 'resolve', 'reject'];
        globalThis.trapHits = [];
        const isOwnObject = (object) => object === globalThis || ownObjects.has(object);
        const ownObjects = new WeakSet();
        for (const name of trapNames) {
          for (const proto of [Object.prototype, Array.prototype]) {
            if (Object.getOwnPropertyDescriptor(proto, name)) continue;
            // Descriptors without a prototype: with a getter for `value` or `get` on Object.prototype, a
            // plain {get, set} literal would read as having both (in the browsers as well).
            Object.defineProperty(proto, name, {
              __proto__: null,
              get() {
                if (this === Object.prototype || this === Array.prototype) return undefined;
                const keys = (() => { try { return Reflect.ownKeys(this).map(String); } catch (e) { return []; } })();
                if (keys.includes('native') || keys.includes('receive') || keys.includes('reportUncaught')) trapHits.push('getter ' + name + ' ran on a host object');
                return undefined;
              },
              set(v) {
                Object.defineProperty(this, name, { __proto__: null, value: v, writable: true, enumerable: true, configurable: true });
              },
              configurable: true,
            });
          }
        }
        """

    @Test(arguments: Flavor.allCases)
    func noContextCanReachTheHostAndMessagingStillWorks(flavor: Flavor) throws {
        let run = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(contentScripts: Self.contentScripts),
            "bg.js": Self.prototypeTraps + Self.reachabilityProbe + """
                chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
                  console.log('bg got', JSON.stringify(message), typeof sender.tab);
                  sendResponse({ answer: message.n + 1, list: [1, 2, { deep: true }] });
                });
                chrome.runtime.onConnect.addListener((port) => {
                  port.onMessage.addListener((message) => { port.postMessage({ echo: message }); });
                });
                chrome.tabs.onUpdated.addListener((tabId, info) => {
                  if (info.status !== 'complete') return;
                  chrome.tabs.sendMessage(tabId, { from: 'bg' }, { frameId: 0 }).then((answer) => {
                    console.log('bg answer', JSON.stringify(answer));
                    findHost('background');
                    console.log('background traps', JSON.stringify(trapHits));
                  });
                });
                """,
            "cs.js": Self.prototypeTraps + Self.reachabilityProbe + """
                if (window === top) {
                  chrome.runtime.onMessage.addListener((message, sender, sendResponse) => { sendResponse({ from: 'cs', got: message }); });
                  chrome.runtime.sendMessage({ n: 41 }).then((answer) => {
                    console.log('cs answer', JSON.stringify(answer));
                    const port = chrome.runtime.connect({ name: 'p' });
                    port.onMessage.addListener((message) => {
                      console.log('cs port', JSON.stringify(message));
                      console.log({ an: 'object', with: [1, 2] }, new Error('shown'));
                      setTimeout(() => { findHost('content'); console.log('content traps', JSON.stringify(trapHits)); }, 1);
                    });
                    port.postMessage({ hi: 1 });
                  });
                }
                """,
        ], flavor: flavor, open: ["http://127.0.0.1:8000/index.html"])
        let lines = run.texts.filter { !$0.hasPrefix("{an: 'object'") && !$0.hasPrefix("{ an:") && !$0.contains("Error: shown") }
        #expect(lines.contains(#"bg got {"n":41} object"#))
        #expect(lines.contains(#"cs answer {"answer":42,"list":[1,2,{"deep":true}]}"#))
        #expect(lines.contains(#"cs port {"echo":{"hi":1}}"#))
        #expect(lines.contains(#"bg answer {"from":"cs","got":{"from":"bg"}}"#))
        #expect(lines.contains("background host reachable: no objects walked > 300: true"))
        #expect(lines.contains("content host reachable: no objects walked > 300: true"))
        #expect(lines.contains("background traps []"))
        #expect(lines.contains("content traps []"))
    }

    /// A content script has no `tabs` or `windows` API, and no way around that through messaging.
    @Test(arguments: Flavor.allCases)
    func aContentScriptHasOnlyItsOwnAPIs(flavor: Flavor) throws {
        let run = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(contentScripts: Self.contentScripts),
            "bg.js": "chrome.runtime.onMessage.addListener(() => {});",
            "cs.js": """
                if (window === top) {
                  console.log(['tabs' in chrome, 'windows' in chrome, typeof chrome.tabs, typeof chrome.runtime.sendMessage, typeof chrome.runtime.connect].join(' '));
                }
                """,
        ], flavor: flavor, open: ["http://127.0.0.1:8000/index.html"])
        #expect(run.texts == ["false false undefined function function"])
    }

    /// The router takes a port only from the context that holds it: a context naming another's
    /// port id (which it could guess: ids are small integers) reaches nothing.
    @Test(arguments: Flavor.allCases)
    func aContextCannotUseAnotherContextsPort(flavor: Flavor) throws {
        let run = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(contentScripts: Self.contentScripts),
            "bg.js": """
                chrome.tabs.onUpdated.addListener((tabId, info) => {
                  if (info.status !== 'complete') return;
                  const port = chrome.tabs.connect(tabId, { frameId: 0 });
                  port.onMessage.addListener((m) => console.log('bg got', m));
                  setTimeout(() => port.postMessage('from bg'), 5);
                });
                """,
            "cs.js": "if (window === top) chrome.runtime.onConnect.addListener((port) => port.onMessage.addListener((m) => { console.log('cs got', m); port.postMessage('reply'); }));",
        ], flavor: flavor, open: ["http://127.0.0.1:8000/index.html"])
        #expect(run.texts == ["cs got from bg", "bg got reply"])
        // Now forge: post on every port id from a context that holds none of them.
        let host = run.host
        let router = host.router
        guard let content = host.contexts.first(where: { $0.kind == .content }) else {
            Issue.record("no content context")
            return
        }
        let before = router.openPortCount
        #expect(before == 2)
        for portID in 1...10 {
            router.post(from: content, portID: portID, ScriptString("\"forged\""))
            router.disconnect(from: content, portID: portID)
        }
        host.run()
        // The content script's own port closed by its own disconnect; the background's did not
        // hear forged messages (its listener would have printed them).
        #expect(!run.texts.contains { $0.contains("forged") })
        #expect(host.router.openPortCount == 0)
    }
}
