import ArgumentParser
import BrowserModel
import Foundation
import Exthost

/// `exthost bench`: measures what a context, a message and a tab cost, each beside its baseline
/// measured in the same run, against the budgets of docs/architecture.md ("Costs").
///
/// Every measurement is a whole `exthost bench-run` process, so that peak memory is the kernel's
/// count for that process alone; pairs run one after the other, `--runs` times, and the table
/// gives medians. Instruction counts come from valgrind's callgrind (JavaScriptCore's JIT off, so
/// that valgrind can follow it), as the difference between two counts of round trips, which
/// leaves out start-up.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure what contexts, messages and tabs cost, beside their baselines.",
        discussion: """
            Figures (median of --runs; each beside a baseline from the same run):
              context memory, time   per content-script context: tabs of a two-frame page with a \
            content script in both frames, minus the same tabs without, divided by the contexts; \
            baseline: bare JavaScriptCore contexts in one group. The same for a content script that \
            reads the page and listens for messages: the world's interface objects and wrappers, and \
            the page's DOM, which the first world to touch `document` has the host build (tiny pages); \
            and the same world in pages whose own script does the same (the page's DOM and main world \
            there with or without it: what the world costs beyond the DOM it shares). Reported: what \
            such a frame costs without a content script (its DOM and main world), per frame; and \
            the least the C API lets such contexts cost: a bare context whose global object has a \
            content script window's lazy global names (a static value each, none made), and the \
            engine memory of one function of the kind every interface member of a world is (four \
            bare contexts making 600 each, after a full collection).
              cold run               start, load, open a two-frame page, connect, one round trip, \
            exit; baseline: a process of the same binary that makes three bare contexts.
              round trip             instructions per port round trip (callgrind), small and \
            100 KB messages; baseline: the message stringified, parsed and passed to a function \
            there and back in one context.
              rates                  runtime.sendMessage against port round trips; --real-time \
            against virtual time.
              memory                 peak memory after 100,000 runtime.sendMessage round trips; \
            baseline: the same after 10,000 (what a message leaves behind shows as the difference).
              tabs                   creating active tabs at two sizes; tabs.query over the larger.
              global reads           ns per read of a global (`Math`) in a background loop; \
            baseline: the same read through a local constant, which the JIT caches.
              tests                  `exthost test` on 1,000 small extension tests (each a fresh host with \
            one extension and one page), all jobs; budget: 10 s on a 2-core machine.
            """
    )

    @Option(help: "How many times to run each measurement (the table gives medians).")
    var runs = 5

    @Option(help: "Tabs of a two-frame page for the context figures.")
    var tabs = 300

    @Option(name: .customLong("round-trips"), help: "Round trips for the rate figures.")
    var roundTrips = 5000

    @Option(name: .customLong("tab-scale"), help: "The larger tab count of the tabs figures (the smaller is a tenth).")
    var tabScale = 10000

    @Flag(help: "Skip the callgrind figures.")
    var noCallgrind = false

    @Option(help: "Which browser to behave as.")
    var flavor: Flavor = .chrome

    @Option(name: .customLong("tests"), help: "Extension tests for the tests figure.")
    var testCount = 1000

    @Option(help: "Only the figures of these groups: contexts, cold, instructions, rates, memory, tabs, globals, tests. Repeatable.")
    var only: [String] = []

    func run() throws {
        let executable = try selfPath()
        var table = BenchTable()
        func wants(_ group: String) -> Bool { only.isEmpty || only.contains(group) }
        func scenario(_ name: BenchScenario, _ extra: [String] = []) throws -> (MeasuredProcess, BenchRunCommand.Report) {
            let process = try MeasuredProcess.run(executable, ["bench-run", name.rawValue, "--flavor", flavor.rawValue] + extra)
            guard process.status == 0, let line = process.output.split(separator: "\n").last,
                  let report = try? JSONDecoder().decode(BenchRunCommand.Report.self, from: Data(line.utf8)) else {
                throw BenchError("bench-run \(name.rawValue) \(extra.joined(separator: " ")) failed (status \(process.status)): \(process.errorOutput.suffix(2000))")
            }
            guard report.errors.isEmpty else {
                throw BenchError("bench-run \(name.rawValue): its scripts reported errors: \(report.errors.prefix(3).joined(separator: "; "))")
            }
            return (process, report)
        }
        func mark(_ report: BenchRunCommand.Report, _ name: String) throws -> Double {
            guard let value = report.marks[name] else { throw BenchError("a scenario never reached its mark \(name): \(report.marks)") }
            return value
        }

        if wants("contexts") {
            var kib: [Double] = [], ms: [Double] = [], domKiB: [Double] = [], domMs: [Double] = [], bareKiB: [Double] = [], bareMs: [Double] = []
            var besideKiB: [Double] = [], besideMs: [Double] = [], frameKiB: [Double] = [], frameMs: [Double] = []
            var namedKiB: [Double] = [], functionBytes: [Double] = []
            // (What each content-script context of `tabs` tabs adds, beside the same tabs without one.)
            func perContext(_ extra: [String], without: (MeasuredProcess, BenchRunCommand.Report)) throws -> (kib: Double, ms: Double, contexts: Double) {
                let (with, withReport) = try scenario(.tabs, ["--count", "\(tabs)"] + extra)
                let contexts = Double(withReport.contexts - without.1.contexts)
                guard contexts >= Double(tabs) else { throw BenchError("the tabs scenario made \(Int(contexts)) content-script contexts for \(tabs) tabs") }
                let withTime = try mark(withReport, "opened") - mark(withReport, "started")
                let withoutTime = try mark(without.1, "opened") - mark(without.1, "started")
                return (Double(with.peakKiB - without.0.peakKiB) / contexts, (withTime - withoutTime) * 1000 / contexts, contexts)
            }
            for _ in 0..<runs {
                let without = try scenario(.tabs, ["--count", "\(tabs)", "--no-content-scripts"])
                let idle = try perContext([], without: without)
                kib.append(idle.kib)
                ms.append(idle.ms)
                let dom = try perContext(["--uses-dom"], without: without)
                domKiB.append(dom.kib)
                domMs.append(dom.ms)
                // (The same world in pages whose own script uses their DOM: what the world costs beyond
                // the DOM it shares; and what such a frame costs without a content script.)
                let pages = try scenario(.tabs, ["--count", "\(tabs)", "--no-content-scripts", "--page-scripts"])
                let beside = try perContext(["--uses-dom", "--page-scripts"], without: pages)
                besideKiB.append(beside.kib)
                besideMs.append(beside.ms)
                let frames = Double(2 * tabs)
                frameKiB.append(Double(pages.0.peakKiB - without.0.peakKiB) / frames)
                frameMs.append(((try mark(pages.1, "opened") - mark(pages.1, "started")) - (try mark(without.1, "opened") - mark(without.1, "started"))) * 1000 / frames)
                let (bare, bareReport) = try scenario(.bareContexts, ["--count", "\(Int(idle.contexts))"])
                let (none, noneReport) = try scenario(.bareContexts, ["--count", "0"])
                bareKiB.append(Double(bare.peakKiB - none.peakKiB) / idle.contexts)
                bareMs.append((try mark(bareReport, "end") - mark(noneReport, "end")) * 1000 / idle.contexts)
                // (The least the C API allows: the window's names, and interface members.)
                let named = try scenario(.bareContexts, ["--count", "\(Int(idle.contexts))", "--window-names"]).0
                let namedNone = try scenario(.bareContexts, ["--count", "0", "--window-names"]).0
                namedKiB.append(Double(named.peakKiB - namedNone.peakKiB) / idle.contexts)
                // (Counted by the engine after a full collection: peak memory would count the
                // garbage that making them leaves until the collector runs.)
                func engineBytes(functions: Int) throws -> Double {
                    let process = try scenario(.bareContexts, ["--count", "4", "--functions", "\(functions)", "--heap"]).0
                    struct Statistics: Decodable { let heapSize: Double; let extraMemorySize: Double }
                    guard let line = process.errorOutput.split(separator: "\n").last,
                          let statistics = try? JSONDecoder().decode(Statistics.self, from: Data(line.utf8)) else {
                        throw BenchError("bench-run bare-contexts --heap printed no heap statistics: \(process.errorOutput.suffix(500))")
                    }
                    return statistics.heapSize + statistics.extraMemorySize
                }
                let members = 600
                functionBytes.append((try engineBytes(functions: members) - engineBytes(functions: 0)) / Double(4 * members))
            }
            table.add("content-script context, memory", median(kib), "KiB", baseline: median(bareKiB), budget: .atMost(128))
            table.add("content-script context, time", median(ms), "ms", baseline: median(bareMs), budget: .atMost(0.5))
            table.add("content-script world using the DOM, memory", median(domKiB), "KiB", baseline: median(bareKiB), budget: .atMost(128))
            table.add("content-script world using the DOM, time", median(domMs), "ms", baseline: median(bareMs), budget: .atMost(0.5))
            table.add("the same world beside the page's DOM, memory", median(besideKiB), "KiB", baseline: median(bareKiB), budget: .atMost(128))
            table.add("the same world beside the page's DOM, time", median(besideMs), "ms", baseline: median(bareMs), budget: .atMost(0.5))
            table.add("a frame whose script uses its DOM, memory", median(frameKiB), "KiB", baseline: median(bareKiB), budget: .reported)
            table.add("a frame whose script uses its DOM, time", median(frameMs), "ms", baseline: median(bareMs), budget: .reported)
            let names = ExtensionContext.lazyGlobalNames(flavor: flavor, kind: .content).count
            table.add("the C API's least: a bare context with a window's \(names) global names", median(namedKiB), "KiB", baseline: median(bareKiB), budget: .reported)
            table.add("the C API's least: an interface member (a function), engine memory", median(functionBytes), "B", baseline: nil, budget: .reported)
        }
        if wants("cold") {
            var cold: [Double] = [], bare: [Double] = []
            for _ in 0..<runs {
                cold.append(try scenario(.cold).0.seconds * 1000)
                bare.append(try scenario(.bareContexts, ["--count", "3"]).0.seconds * 1000)
            }
            table.add("cold run (process wall time)", median(cold), "ms", baseline: median(bare), budget: .ratioAtMost(1.5))
        }
        if wants("instructions"), !noCallgrind {
            guard let valgrind = Self.which("valgrind") else { throw BenchError("valgrind is not installed (apt-get install valgrind), or pass --no-callgrind") }
            func perRoundTrip(_ name: BenchScenario, size: Int, counts: (Int, Int)) throws -> Double {
                var totals: [Double] = []
                for count in [counts.0, counts.1] {
                    let process = try MeasuredProcess.run(
                        valgrind, ["--tool=callgrind", "--callgrind-out-file=/dev/null", executable, "bench-run", name.rawValue,
                                   "--flavor", flavor.rawValue, "--count", "\(count)", "--size", "\(size)"],
                        environment: ["JSC_useJIT": "false"])
                    guard process.status == 0, let collected = Self.collected(process.errorOutput) else {
                        throw BenchError("callgrind of \(name.rawValue) failed (status \(process.status)): \(process.errorOutput.suffix(1500))")
                    }
                    totals.append(collected)
                }
                return (totals[1] - totals[0]) / Double(counts.1 - counts.0)
            }
            // (Thousands of round trips: the garbage collector's work, which runs when it decides, then
            // spreads over many, and the figure is stable to a few per cent.)
            let small = try perRoundTrip(.portRoundTrips, size: 0, counts: (1000, 3000))
            let smallBase = try perRoundTrip(.inContextRoundTrips, size: 0, counts: (1000, 3000))
            table.add("port round trip, small (instructions)", small, "", baseline: smallBase, budget: .atMost(20_000))
            let large = try perRoundTrip(.portRoundTrips, size: 100 * 1024, counts: (30, 90))
            let largeBase = try perRoundTrip(.inContextRoundTrips, size: 100 * 1024, counts: (30, 90))
            table.add("port round trip, 100 KB (instructions)", large, "", baseline: largeBase, budget: .ratioAtMost(2))
        }
        if wants("rates") {
            var port: [Double] = [], message: [Double] = [], real: [Double] = []
            for _ in 0..<runs {
                func rate(_ name: BenchScenario, _ extra: [String] = []) throws -> Double {
                    let report = try scenario(name, ["--count", "\(roundTrips)"] + extra).1
                    return Double(roundTrips) / (try mark(report, "end") - mark(report, "start"))
                }
                port.append(try rate(.portRoundTrips))
                message.append(try rate(.messageRoundTrips))
                real.append(try rate(.portRoundTrips, ["--real-time"]))
            }
            table.add("runtime.sendMessage round trips per second", median(message), "/s", baseline: median(port), budget: .ratioAtLeast(0.5))
            table.add("port round trips per second, --real-time", median(real), "/s", baseline: median(port), budget: .ratioAtLeast(0.5))
        }
        if wants("memory") {
            var small: [Double] = [], large: [Double] = []
            for _ in 0..<max(1, runs / 2) {
                small.append(Double(try scenario(.messageRoundTrips, ["--count", "10000"]).0.peakKiB) / 1024)
                large.append(Double(try scenario(.messageRoundTrips, ["--count", "100000"]).0.peakKiB) / 1024)
            }
            table.add("peak memory, 100,000 runtime.sendMessage round trips", median(large), "MB", baseline: median(small), budget: .ratioAtMost(1.1))
        }
        if wants("tabs") {
            var small: [Double] = [], large: [Double] = [], active: [Double] = [], pattern: [Double] = []
            for _ in 0..<max(1, runs / 2) {
                let smallReport = try scenario(.tabScale, ["--count", "\(tabScale / 10)"]).1
                small.append(try mark(smallReport, "created") - mark(smallReport, "start"))
                let largeReport = try scenario(.tabScale, ["--count", "\(tabScale)"]).1
                large.append(try mark(largeReport, "created") - mark(largeReport, "start"))
                active.append((try mark(largeReport, "queried-active") - mark(largeReport, "created")) * 1000 / 100)
                pattern.append((try mark(largeReport, "queried-url") - mark(largeReport, "queried-active")) * 1000 / 100)
            }
            table.add("creating \(tabScale) active tabs", median(large) * 1000, "ms", baseline: median(small) * 1000, budget: .ratioAtMost(10))
            table.add("tabs.query {active, currentWindow}, \(tabScale) tabs", median(active), "ms", baseline: nil, budget: .atMost(1))
            table.add("tabs.query URL pattern, \(tabScale) tabs", median(pattern), "ms", baseline: nil, budget: .atMost(5))
        }
        if wants("globals") {
            var global: [Double] = [], local: [Double] = []
            let reads = 3_000_000
            for _ in 0..<runs {
                let report = try scenario(.globalReads, ["--count", "\(reads)"]).1
                global.append((try mark(report, "global") - mark(report, "start")) * 1e9 / Double(reads))
                local.append((try mark(report, "local") - mark(report, "global")) * 1e9 / Double(reads))
            }
            // (The global object of the C API is an object JavaScriptCore cannot cache reads of: a
            // read asks the object each time, about 150 ns. Lazy globals must add nothing to it.)
            table.add("read of a global (Math.abs in a loop)", median(global), "ns", baseline: median(local), budget: .ratioAtMost(10))
        }
        if wants("tests") {
            let suite = try Self.writeTestSuite(count: testCount)
            defer { try? FileManager.default.removeItem(at: suite) }
            var seconds: [Double] = []
            for _ in 0..<max(1, runs / 2) {
                let process = try MeasuredProcess.run(executable, [
                    "test", suite.appendingPathComponent("tests").path, "--flavor", flavor.rawValue, "--reporter", "dot",
                    "--site", "http://127.0.0.1:8000=" + suite.appendingPathComponent("site").path, "--open", "http://127.0.0.1:8000/page.html",
                ])
                guard process.status == 0, process.output.hasSuffix("\(testCount) passed, 0 failed\n") else {
                    throw BenchError("exthost test on the generated suite failed (status \(process.status)): \(process.output.suffix(1500))\(process.errorOutput.suffix(1500))")
                }
                seconds.append(process.seconds)
            }
            table.add("exthost test, \(testCount) small extension tests (\(ProcessInfo.processInfo.activeProcessorCount) jobs)", median(seconds), "s",
                      baseline: nil, budget: .atMost(10 * Double(testCount) / 1000))
        }
        print(table.render(title: "exthost bench (\(flavor.rawValue), median of \(runs) runs; baselines measured in the same run)"))
    }

    /// A folder of `count` small extension tests, each an extension whose content script greets
    /// its background from a page (a test of `chrome.test.runTests` with one pending callback), and
    /// the page's site.
    static func writeTestSuite(count: Int) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("exthost-bench-tests-\(UUID().uuidString)")
        let site = root.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
        try Data("<!doctype html><title>bench page</title><p>a page</p>".utf8).write(to: site.appendingPathComponent("page.html"))
        let manifest = #"{"manifest_version": 3, "name": "bench test", "version": "1", "background": {"service_worker": "bg.js", "scripts": ["bg.js"]}, "content_scripts": [{"matches": ["http://127.0.0.1/*"], "js": ["cs.js"]}]}"#
        let background = "chrome.test.runTests([function pageSaysHello() { chrome.runtime.onMessage.addListener(chrome.test.callbackPass((message) => chrome.test.assertEq('hello', message))); }]);"
        for index in 0..<count {
            let folder = root.appendingPathComponent("tests").appendingPathComponent(String(format: "test-%05d", index))
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(manifest.utf8).write(to: folder.appendingPathComponent("manifest.json"))
            try Data(background.utf8).write(to: folder.appendingPathComponent("bg.js"))
            try Data("chrome.runtime.sendMessage('hello');".utf8).write(to: folder.appendingPathComponent("cs.js"))
        }
        return root
    }

    private func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .nan }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    private func selfPath() throws -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard length > 0 else { throw BenchError("cannot find the exthost executable (/proc/self/exe)") }
        return String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// callgrind's `Collected : N` (instructions executed).
    static func collected(_ text: String) -> Double? {
        guard let line = text.split(separator: "\n").last(where: { $0.contains("Collected :") }),
              let number = line.split(separator: ":").last?.trimmingCharacters(in: .whitespaces) else { return nil }
        return Double(number.replacingOccurrences(of: ",", with: ""))
    }

    static func which(_ name: String) -> String? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let path = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }
}
