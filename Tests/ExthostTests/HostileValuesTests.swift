import BrowserModel
import Exthost
import Foundation
import Testing

/// Values extension code throws or sends that are built to break whoever touches them: a
/// revoked Proxy, an Error whose getters throw, an object whose toString throws, prototypes with
/// setters and `toJSON`. The host reports them as the browsers do and keeps going: no internal
/// error, and the sender hears the browser's answer.
@Suite("Hostile values")
struct HostileValuesTests {
    static let contentScripts = #"[{"matches": ["<all_urls>"], "js": ["cs.js"]}]"#

    /// Runs a background `bg` and a content script `cs` on one page.
    static func run(bg: String, cs: String, flavor: Flavor) throws -> HostRun {
        try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(contentScripts: contentScripts),
            "bg.js": bg,
            "cs.js": cs,
        ], flavor: flavor, open: ["http://127.0.0.1:8000/other.html"])
    }

    /// A content script asking the background once, printing the answer or the error it gets.
    static let asker = """
        chrome.runtime.sendMessage('question').then(
          (answer) => console.log('answer', answer),
          (error) => console.log('rejected', error.message));
        """

    static let thrownValues: [(label: String, script: String)] = [
        ("a revoked Proxy", "const { proxy, revoke } = Proxy.revocable({}, {}); revoke(); throw proxy;"),
        ("an Error whose getters throw", """
            const error = new Error('hidden');
            for (const name of ['message', 'name', 'stack']) {
              Object.defineProperty(error, name, { get() { throw new Error('getter ' + name); } });
            }
            throw error;
            """),
        ("an object whose toString throws", "throw { toString() { throw new Error('no text'); } };"),
        ("a plain object", "throw { code: 7 };"),
        ("a string", "throw 'plain';"),
        ("an Error", "throw new RangeError('out of range');"),
    ]

    /// What the background prints and what the content script hears, per thrown value and flavor.
    static func expected(_ label: String, _ flavor: Flavor) -> [String] {
        let chrome = flavor == .chrome
        let tab = chrome ? "content 2/0" : "content 1/0"
        let unparsed = chrome ? "Error message from listener couldn't be parsed or was empty." : "An unexpected error occurred"
        switch label {
        case "a revoked Proxy":
            return [chrome ? "background: Error in event handler: Uncaught null" : "background: uncaught exception: unknown (can't convert to string)",
                "\(tab): rejected \(unparsed)"]
        case "an Error whose getters throw":
            return [chrome ? "background: Error in event handler: Uncaught " : "background: Error: ",
                "\(tab): rejected \(unparsed)"]
        case "an object whose toString throws":
            return [chrome ? "background: Error in event handler: Uncaught [object Object]" : "background: uncaught exception: unknown (can't convert to string)",
                "\(tab): rejected \(unparsed)"]
        case "a plain object":
            return [chrome ? "background: Error in event handler: Uncaught #<Object>" : "background: uncaught exception: [object Object]",
                "\(tab): rejected \(unparsed)"]
        case "a string":
            return [chrome ? "background: Error in event handler: Uncaught plain" : "background: uncaught exception: plain",
                "\(tab): rejected \(unparsed)"]
        default:
            return [chrome ? "background: Error in event handler: RangeError: out of range" : "background: RangeError: out of range",
                "\(tab): rejected out of range"]
        }
    }

    @Test(arguments: Flavor.allCases)
    func aListenerThrowingAnyValueIsReportedAndTheSenderHearsTheBrowsersText(flavor: Flavor) throws {
        for (label, script) in Self.thrownValues {
            let run = try Self.run(bg: "chrome.runtime.onMessage.addListener(() => { \(script) });", cs: Self.asker, flavor: flavor)
            // The first line of each message: stacks follow an Error's header.
            let lines = run.lines.map { String($0.prefix { $0 != "\n" }) }
            #expect(lines == Self.expected(label, flavor), "\(label)")
            #expect(run.host.uncaughtErrorCount == 1, "\(label)")
        }
    }

    @Test(arguments: Flavor.allCases)
    func aPromiseRejectedWithAHostileValueGivesTheBrowsersText(flavor: Flavor) throws {
        let run = try Self.run(bg: """
            chrome.runtime.onMessage.addListener(() => {
              const { proxy, revoke } = Proxy.revocable({}, {});
              revoke();
              return Promise.reject(proxy);
            });
            """, cs: Self.asker, flavor: flavor)
        let text = flavor == .chrome ? "A runtime.onMessage listener's promise rejected without an Error" : "An unexpected error occurred"
        #expect(run.texts == ["rejected " + text])
    }

    @Test(arguments: Flavor.allCases)
    func uncaughtErrorLocationsNeverShowUndefined(flavor: Flavor) throws {
        let run = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(),
            "bg.js": """
                setTimeout(() => { throw 'no location'; });
                setTimeout(() => { const e = new Error('no column'); delete e.column; throw e; }, 1);
                setTimeout(() => { const e = new Error('no line'); delete e.line; delete e.column; throw e; }, 2);
                setTimeout(() => { const e = new Error('getters'); Object.defineProperty(e, 'line', { get() { throw 1; } }); throw e; }, 3);
                setTimeout(() => { throw new Error('whole'); }, 4);
                """,
        ], flavor: flavor)
        // A thrown string has no location; an Error without a column (or line) gives what it has.
        let locations = run.messages.map { $0.location ?? "" }
        try #require(locations.count == 5)
        #expect(locations[0] == "")
        #expect(locations[1].hasSuffix("/bg.js:2"))
        #expect(locations[2].hasSuffix("/bg.js"))
        #expect(locations[3].hasSuffix("/bg.js"))
        #expect(locations[4].hasSuffix("/bg.js:5:35"))
        #expect(!locations.contains { $0.contains("undefined") })
    }

    /// Firefox's structured clone defines the copy's properties (a setter on Object.prototype,
    /// in the sender or the receiver, takes nothing) and never calls `toJSON`; Chromium sends
    /// JSON.stringify's text made in the sender, which calls the sender's `toJSON` (V8's
    /// JSON::Stringify in MessageFromV8UsingJSON, extensions/renderer/api/messaging/messaging_util.cc).
    @Test(arguments: Flavor.allCases)
    func prototypeSettersAndToJSONAreTreatedAsTheBrowsersDo(flavor: Flavor) throws {
        let hostilePrototype = """
            const setterRuns = [];
            Object.defineProperty(Object.prototype, 'a', { set(value) { setterRuns.push(value); }, configurable: true });
            Object.defineProperty(Object.prototype, 'toJSON', {
              value: function () { return 'toJSON of ' + Object.keys(this).join(','); }, writable: true, configurable: true,
            });
            """
        let describe = """
            const describe = (value) => {
              if (value === null || typeof value !== 'object') return typeof value + ' ' + String(value);
              if (value instanceof Date) return 'Date ' + value.getTime();
              return '{' + Object.keys(value).map((key) => key + ': ' + describe(value[key])).join(', ') + '}';
            };
            """
        let run = try Self.run(bg: hostilePrototype + describe + """
            chrome.runtime.onMessage.addListener((message) => {
              console.log('message', describe(message));
              console.log('setter ran', setterRuns.length, 'times');
            });
            """, cs: hostilePrototype + """
            chrome.runtime.sendMessage({
              plain: { a: 1, nested: { a: 2 } },
              tagged: { a: 3, when: new Date(5), nothing: undefined },
            });
            """, flavor: flavor)
        if flavor == .firefox {
            #expect(run.texts == [
                "message {plain: {a: number 1, nested: {a: number 2}}, tagged: {a: number 3, when: Date 5, nothing: undefined undefined}}",
                "setter ran 0 times",
            ])
        } else {
            // The sender's Object.prototype.toJSON turns the whole message into one string.
            #expect(run.texts == [
                "message string toJSON of plain,tagged",
                "setter ran 0 times",
            ])
        }
    }
}
