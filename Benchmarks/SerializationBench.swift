// The message-serialization benchmark that scripts/bench-parsers builds (with scripts/build-exthost-harness) and runs
// beside the parser benchmark: it times one message of size n, serialized in one exthost context and deserialized in
// another (js/45_serialization.js, in either flavor), so that runs at n = 10^4, 10^5 and 10^6 show how the time
// grows. It uses only what the host offered before serialization was made iterative, so the same file measures an
// older revision (scripts/bench-parsers --before REV).
//
// Usage: SerializationBench CASE N   prints the seconds one message takes (the median of several when runs are short)
//        SerializationBench --list   prints the cases

import BrowserModel
import Foundation
import JSEngine
@testable import Exthost

/// A benchmark case: a JavaScript expression making a message of size `n`.
struct SerializationBenchCase {
    let name: String
    let what: String
    let flavor: Flavor
    /// An expression of `n`.
    let value: String
}

let values: [(name: String, what: String, value: String)] = [
    ("numbers", "an array of n numbers", "Array.from({length: n}, (_, i) => i * 1.5)"),
    ("objects", "an array of n/10 small objects", "Array.from({length: n / 10}, (_, i) => ({id: i, name: 'item' + i, tags: ['a', 'b'], at: {x: i, y: null}}))"),
    ("string", "a string of n characters, some not ASCII", "'aé😀\"\\n'.repeat(n / 6)"),
    ("keys", "an object of n/10 keys", "Object.fromEntries(Array.from({length: n / 10}, (_, i) => ['k' + i, i]))"),
    ("nested-arrays", "an array nested n levels", "(() => { let v = 1; for (let i = 0; i < n; i++) v = [v]; return v; })()"),
    ("nested-objects", "an object {a: ...} nested n levels", "(() => { let v = 1; for (let i = 0; i < n; i++) v = {a: v}; return v; })()"),
    ("map", "a Map of n/10 entries", "new Map(Array.from({length: n / 10}, (_, i) => ['k' + i, {i}]))"),
    ("sparse", "an array of length n holding 10 elements", "(() => { const a = []; a.length = n; for (let i = 0; i < 10; i++) a[i * (n / 10)] = i; return a; })()"),
    ("bytes", "a Uint8Array of n bytes", "new Uint8Array(n).map((_, i) => i)"),
]

let cases: [SerializationBenchCase] = [Flavor.chrome, .firefox].flatMap { flavor in
    values.map { SerializationBenchCase(name: "serialize-\(flavor.rawValue)-\($0.name)", what: "\(flavor.rawValue): \($0.what)", flavor: flavor, value: $0.value) }
}

@main
struct SerializationBench {
    static func main() throws {
        let arguments = CommandLine.arguments.dropFirst()
        if arguments.first == "--list" {
            for benchCase in cases { print("\(benchCase.name)\t\(benchCase.what)") }
            return
        }
        guard arguments.count == 2, let benchCase = cases.first(where: { $0.name == arguments.first }), let n = Int(arguments.last!) else {
            FileHandle.standardError.write(Data("usage: SerializationBench CASE N, or SerializationBench --list for the cases\n".utf8))
            exit(2)
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("exthost-bench-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(#"{"manifest_version": 3, "name": "bench", "version": "1.0", "background": {"service_worker": "bg.js", "scripts": ["bg.js"]}}"#.utf8)
            .write(to: directory.appendingPathComponent("manifest.json"))
        try Data().write(to: directory.appendingPathComponent("bg.js"))
        let host = ExtensionHost(options: HostOptions(flavor: benchCase.flavor, limits: ScriptLimits(taskTime: nil))) { _ in }
        let instance = try host.loadExtension(at: directory)
        let sender = host.makeContext(kind: .background, owner: instance, url: instance.url(of: "sender.js"))
        let receiver = host.makeContext(kind: .background, owner: instance, url: instance.url(of: "receiver.js"))
        let value = try sender.script.evaluate("(() => { const n = \(n); return \(benchCase.value); })()", sourceURL: "value.js")
        let serialize = try sender.hostObject!.property("serializeMessage")
        let deserialize = try receiver.hostObject!.property("deserializeMessage")
        var times: [Double] = []
        var outcome = ""
        let started = Date()
        repeat {
            let start = DispatchTime.now().uptimeNanoseconds
            do {
                let text = try serialize.call([value])
                _ = try deserialize.call([receiver.script.string(text.stringValue ?? "")])
                outcome = "sent \(text.stringValue?.utf16.count ?? 0) characters"
            } catch let thrown as ThrownValue {
                outcome = "threw \(thrown.scriptError.summary)"
            } catch {
                outcome = "threw \(error)"
            }
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        } while times.count < 5 && Date().timeIntervalSince(started) < 1
        times.sort()
        FileHandle.standardError.write(Data("\(benchCase.name) \(n): \(outcome)\n".utf8))
        print(String(format: "%.6f", times[times.count / 2]))
    }
}
