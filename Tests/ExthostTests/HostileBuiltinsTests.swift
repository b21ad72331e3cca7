import BrowserModel
import Exthost
import Foundation
import Testing

/// Extension code is hostile: it may replace any built-in, or put getters and setters on
/// Object.prototype and Array.prototype, before it uses the APIs. The host's own JavaScript must
/// not notice. Each case below installs one override in both the background and the content
/// script of the extension in Fixtures/hostile, which then messages both ways (one-time messages
/// answered at once and later, with a callback and as a promise, ports), prints objects, and uses
/// URL, timers, atob/btoa, crypto, DOMException, structuredClone, performance.mark, FormData, Headers, Response, Blob
/// and storage (a value set by the background, heard by the content script, read back). Every case must print exactly what the run without an override prints (what
/// the browsers deliver), and the override must never have run for the host. (Both contexts get
/// the override at once: the lines say which context saw what.)
@Suite("Hostile built-ins")
struct HostileBuiltinsTests {
    /// One override: a label and the JavaScript that installs it (using `T` from prelude.js).
    struct Override: CustomTestStringConvertible, Sendable {
        let label: String
        let script: String
        var testDescription: String { label }
    }

    static let fixtures = packageRoot.appendingPathComponent("Tests/ExthostTests/Fixtures/hostile")

    /// Methods replaced by a function that records its call and throws.
    static let methods: [(owner: String, names: [String])] = [
        ("Array.prototype", ["push", "pop", "slice", "splice", "includes", "indexOf", "map", "forEach", "filter", "find",
            "findIndex", "some", "every", "join", "concat", "sort", "reverse", "shift", "unshift", "fill", "keys", "values",
            "entries", "[Symbol.iterator]"]),
        ("T.ArrayIteratorPrototype", ["next"]),
        ("Array", ["isArray", "from", "of"]),
        ("Map.prototype", ["get", "set", "has", "delete", "forEach", "entries", "values", "keys"]),
        ("Set.prototype", ["add", "has", "delete", "forEach", "values"]),
        ("WeakMap.prototype", ["get", "set", "has", "delete"]),
        ("WeakSet.prototype", ["add", "has", "delete"]),
        ("Reflect", ["apply", "construct", "ownKeys", "defineProperty", "getOwnPropertyDescriptor", "getPrototypeOf", "has"]),
        ("Function.prototype", ["call", "apply", "bind", "toString"]),
        ("Promise", ["resolve", "reject", "all"]),
        ("Promise.prototype", ["then", "catch", "finally"]),
        ("Object", ["assign", "keys", "values", "entries", "defineProperty", "defineProperties", "freeze", "create",
            "getPrototypeOf", "setPrototypeOf", "getOwnPropertyDescriptor", "getOwnPropertyNames", "is", "fromEntries"]),
        ("Object.prototype", ["hasOwnProperty", "toString", "isPrototypeOf", "valueOf", "propertyIsEnumerable"]),
        ("JSON", ["stringify", "parse"]),
        ("String.prototype", ["slice", "substring", "indexOf", "lastIndexOf", "includes", "startsWith", "endsWith",
            "charCodeAt", "codePointAt", "replace", "replaceAll", "split", "trim", "repeat", "toUpperCase", "toLowerCase",
            "padStart", "toWellFormed", "concat", "at", "[Symbol.iterator]"]),
        ("String", ["fromCharCode", "fromCodePoint"]),
        ("RegExp.prototype", ["exec", "test", "[Symbol.replace]", "[Symbol.split]", "[Symbol.match]"]),
        ("Number.prototype", ["toString"]),
        ("Number", ["isFinite", "isInteger"]),
        ("Math", ["trunc", "floor", "round", "min", "max"]),
        ("globalThis", ["encodeURIComponent", "decodeURIComponent", "parseInt", "parseFloat"]),
        ("Error.prototype", ["toString"]),
    ]

    /// Globals replaced by a function that records its use and throws.
    static let globals = ["JSON", "Promise", "Map", "Set", "WeakMap", "WeakSet", "Error", "TypeError", "RangeError", "Object",
        "Array", "String", "Number", "Symbol", "Reflect", "Math", "Proxy", "Function"]

    /// Names given a recording, throwing getter and setter on Object.prototype: names the host's
    /// own objects have or had, and names scripts commonly use.
    static let objectPrototypeNames = ["then", "get", "set", "name", "message", "id", "error", "length", "0", "1",
        "constructor", "toJSON", "describeNode", "isInternalFrameURL", "describeUncaught", "formatValue", "value", "done",
        "stack", "cause", "errors", "sourceURL", "line", "column", "oneTime", "sender", "status", "tab", "frameId", "tabId",
        "documentId", "extensionId", "target", "global", "href", "search", "type", "optional", "choices", "enum", "items",
        "properties", "minimum", "maximum", "additionalProperties", "contexts", "async", "run", "massageArguments", "deliveries",
        "oneTimeMessage", "fullName", "parameters", "ok", "text", "reason", "accepted", "pending", "resolve", "reject",
        "callback", "args", "repeats", "onChange", "listeners", "parts", "query", "list", "url", "kind", "index", "m", "v",
        "k", "t", "writable", "enumerable", "configurable", "noResponse", "payload2"]

    /// Names given the same accessors on Array.prototype.
    static let arrayPrototypeNames = ["0", "1", "2", "-1", "toJSON", "constructor", "then", "name", "message"]

    static let overrides: [Override] = {
        var list: [Override] = []
        for (owner, names) in methods {
            for name in names {
                let key = name.hasPrefix("[") ? String(name.dropFirst().dropLast()) : "'\(name)'"
                let label = name.hasPrefix("[") ? "\(owner)\(name)" : "\(owner).\(name)"
                list.append(Override(label: label, script: "T.replaceMethod(\(owner), \(key), '\(label)');"))
            }
        }
        for name in globals {
            list.append(Override(label: "global \(name)", script: "T.replaceGlobal('\(name)');"))
        }
        for name in objectPrototypeNames {
            list.append(Override(label: "Object.prototype accessor \(name)", script: "T.hostileAccessor(Object.prototype, '\(name)', 'Object.prototype.\(name)');"))
        }
        for name in arrayPrototypeNames {
            list.append(Override(label: "Array.prototype accessor \(name)", script: "T.hostileAccessor(Array.prototype, '\(name)', 'Array.prototype.\(name)');"))
        }
        list.append(Override(label: "Promise.prototype accessor constructor",
            script: "T.hostileAccessor(Promise.prototype, 'constructor', 'Promise.prototype.constructor');"))
        return list
    }()

    /// What the extension prints in each flavor when nothing is overridden: what the browsers
    /// deliver (checked by `theScenarioPrintsWhatTheBrowsersDeliver`).
    static func expectedLines(_ flavor: Flavor) -> [String] {
        // Chromium numbers windows and tabs from one counter (window 1 holds tab 2); Firefox does not.
        let tab = flavor == .chrome ? 2 : 1
        let objects = "content 2/0: objects {a: 1, b: 'two', c: Array(2)} (3) [1, 'x', null] Map(1) {'k' => 1}"
        let lines = [
            objects,
            "content 2/0: shown 12 text",
            "content 2/0: url http://example.com/a/b/c?x=1&y=two%20words#f two words ?x=1&y=two%20words",
            // (atob, btoa, crypto.randomUUID, crypto.getRandomValues, DOMException's code, structuredClone, performance.mark, FormData.)
            "content 2/0: cs web hi aGk= 36 4 20 clone true [1,\"two\"] 1 true 5 x 15 TypeError:boom bigint timing 11 form w1false fetch 32false 200 0 0",
            #"background: bg got {payload:true,n:1,list:[1,"two",{three:[3]}],nested:{a:null,b:false}} from tab 2 frame 0"#,
            #"background: bg got {payload:true,n:2} from tab 2 frame 0"#,
            #"background: bg got {payload:true,n:3} from tab 2 frame 0"#,
            #"background: bg port cs-port"#,
            #"background: bg port got {payload:true,step:1}"#,
            #"content 2/0: cs answer 1 {payload:true,from:"bg",n:11,list:[1,"two",{three:[3]}]}"#,
            #"content 2/0: cs answer 3 {payload:true,from:"bg promise",n:13}"#,
            #"content 2/0: cs port reply {payload:true,step:2}"#,
            "background: bg web hi aGk= 36 4 20 clone true [1,\"two\"] 1 true 5 x 15 TypeError:boom bigint timing 11 form w1false fetch 32false 200 0 0",
            "background: bg port cs-port disconnected",
            #"content 2/0: cs got {payload:true,n:21,text:"to the tab"}"#,
            #"content 2/0: cs port bg-port"#,
            #"content 2/0: cs port got {payload:true,step:7}"#,
            #"content 2/0: cs storage local {inner:{payload:true,v:"x"},list:[1,"two"],payload:true}"#,
            #"background: bg answer {payload:true,from:"cs",n:42}"#,
            #"background: bg port reply {payload:true,echo:7}"#,
            "background: bg to nobody: undefined Could not establish connection. Receiving end does not exist.",
            #"background: bg storage {inner:{payload:true,v:"x"},list:[1,"two"],payload:true}"#,
            "content 2/0: cs timer",
            "background: bg timer",
            #"content 2/0: cs answer 2 {payload:true,from:"bg later",n:12}"#,
            "content 2/0: cs hostile: none",
            "background: bg hostile: none",
        ]
        return lines.map { $0.replacingOccurrences(of: "content 2/0", with: "content \(tab)/0").replacingOccurrences(of: "from tab 2", with: "from tab \(tab)") }
    }

    /// The extension's files, with `override` installed first in both its contexts.
    static func files(_ override: String) throws -> [String: String] {
        let read = { (name: String) in try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8) }
        let prelude = try read("prelude.js")
        let contentScripts = #"[{"matches": ["<all_urls>"], "js": ["cs.js"]}]"#
        return [
            "manifest.json": TemporaryExtension.manifest(permissions: ["tabs", "storage"], contentScripts: contentScripts),
            "bg.js": prelude + "\n" + override + "\n" + (try read("bg.js")),
            "cs.js": prelude + "\n" + override + "\n" + (try read("cs.js")),
        ]
    }

    /// Runs the extension in an `exthost` process of its own (the one `swift build` made beside the
    /// tests): the hundreds of runs below would otherwise add up to gigabytes in the test process,
    /// whose resident memory the host's memory limit watches for every test. Returns the lines it
    /// printed (as HostRun.lines has them) and its exit status (0: nothing uncaught).
    static func runCommand(_ override: String, flavor: Flavor) throws -> (lines: [String], status: Int32) {
        let directory = try TemporaryExtension(files: files(override)).directory
        let beside = Bundle.main.bundleURL.appendingPathComponent("exthost")
        let built = packageRoot.appendingPathComponent(".build/debug/exthost")
        let process = Process()
        process.executableURL = FileManager.default.isExecutableFile(atPath: beside.path) ? beside : built
        process.arguments = ["run", directory.path, "--flavor", flavor.rawValue, "--console", "jsonl",
            "--site", "http://127.0.0.1:8000=fixtures/site", "--open", "http://127.0.0.1:8000/other.html"]
        process.currentDirectoryURL = packageRoot
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let lines = try String(decoding: data, as: UTF8.self).split(separator: "\n").map { line in
            let message = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let text = message["text"] as? String ?? ""
            guard message["context"] as? String == "content" else { return "\(message["context"] as? String ?? "?"): \(text)" }
            return "content \(message["tabId"] as? Int ?? -1)/\(message["frameId"] as? Int ?? -1): \(text)"
        }
        return (lines, process.terminationStatus)
    }

    @Test(arguments: Flavor.allCases)
    func theScenarioPrintsWhatTheBrowsersDeliver(flavor: Flavor) throws {
        let run = try HostRun.run(files: Self.files(""), flavor: flavor, open: ["http://127.0.0.1:8000/other.html"])
        #expect(run.lines == Self.expectedLines(flavor))
        #expect(run.host.uncaughtErrorCount == 0)
        // The command prints the same.
        let command = try Self.runCommand("", flavor: flavor)
        #expect(command.lines == Self.expectedLines(flavor))
        #expect(command.status == 0)
    }

    @Test(arguments: overrides)
    func anOverrideChangesNothingTheHostDoes(_ override: Override) throws {
        for flavor in Flavor.allCases {
            let run = try Self.runCommand(override.script, flavor: flavor)
            #expect(run.lines == Self.expectedLines(flavor), "\(flavor)")
            #expect(run.status == 0, "\(flavor)")
        }
    }

}
