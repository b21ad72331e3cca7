import ArgumentParser
import BrowserModel
import Exthost
import Foundation
import JSEngine

/// `exthost bench-run SCENARIO`: runs one benchmark scenario and prints, as one JSON line, when
/// each of its marks was reached (seconds on the monotonic clock since the scenario began) and how
/// many contexts it made. `exthost bench` starts it, once per measurement, in a process of its own.
struct BenchRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-run",
        abstract: "Run one scenario of `exthost bench` (used by `exthost bench`).",
        shouldDisplay: false
    )

    @Argument(help: "The scenario.")
    var scenario: BenchScenario

    @Option(help: "How many contexts, tabs or round trips.")
    var count = 1

    @Option(help: "The message size in bytes (0: a small object).")
    var size = 0

    @Option(help: "Which browser to behave as.")
    var flavor: Flavor = .chrome

    @Flag(inversion: .prefixedNo, help: "Whether the tabs scenario has content scripts.")
    var contentScripts = true

    @Flag(help: "In the tabs scenario, a content script that reads the page and listens for messages.")
    var usesDOM = false

    @Flag(help: "In the tabs scenario, pages whose own script reads the page and listens for messages.")
    var pageScripts = false

    @Option(name: .customLong("content-script"), help: ArgumentHelp(
        "In the tabs scenario, the content script's code (what a world that runs it costs, with --heap).", valueName: "code"))
    var contentScriptCode: String?

    @Flag(name: .customLong("real-time"), help: "Use the wall clock instead of virtual time.")
    var realTime = false

    @Flag(name: .customLong("window-names"), help: "In the bare-contexts scenario, global objects with a content script window's lazy global names (none made).")
    var windowNames = false

    @Option(help: "In the bare-contexts scenario, how many functions each context makes through the C API (an interface member's least cost).")
    var functions = 0

    @Flag(help: "Print the engine's heap statistics (live cells by class) after the scenario, on standard error.")
    var heap = false

    /// What the scenario reports.
    struct Report: Codable {
        /// Seconds since the scenario began at which each mark was reached, by name.
        var marks: [String: Double] = [:]
        /// How many script contexts it made.
        var contexts = 0
        /// Errors scripts threw: a scenario that has any did not measure what it should.
        var errors: [String] = []
    }

    func run() throws {
        let start = DispatchTime.now().uptimeNanoseconds
        func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
        var report = Report()
        switch scenario {
        case .bareContexts:
            let machine = VirtualMachine()
            var contexts: [ScriptContext] = []
            let names = windowNames ? ExtensionContext.lazyGlobalNames(flavor: flavor, kind: .content) : nil
            for index in 0..<count {
                let context = ScriptContext(machine: machine, name: "bare \(index)", globalClassName: names == nil ? nil : "Window", lazyGlobals: names)
                _ = try? context.evaluate("0", sourceURL: "bench:///bare.js")
                // (Functions of the kind a world's interface members are, on one object: the
                // target and data every forwarding function holds, the least a member costs.)
                if functions > 0 {
                    let holder = context.object(prototype: nil)
                    for member in 0..<functions {
                        try? holder.defineProperty("m\(member)", NativeFunction.makeForwarding(name: "m\(member)", length: 0, in: context, to: holder, data: context.undefined), enumerable: false)
                    }
                    try? context.global.setProperty("holder", holder)
                }
                contexts.append(context)
            }
            report.marks["end"] = now()
            report.contexts = contexts.count
            if heap, let statistics = contexts.first?.heapStatisticsJSON() { FileHandle.standardError.write(Data((statistics + "\n").utf8)) }
        case .inContextRoundTrips:
            let context = ScriptContext(machine: VirtualMachine(), name: "in-context")
            let source = """
                (() => {
                  const message = \(BenchScenario.messageSource(size: size));
                  const receive = m => m;
                  for (let i = 0; i < \(count); i++) {
                    const there = receive(JSON.parse(JSON.stringify(message)));
                    receive(JSON.parse(JSON.stringify(there)));
                  }
                })();
                """
            report.marks["start"] = now()
            do { _ = try context.evaluate(source, sourceURL: "bench:///in-context.js") } catch { report.errors.append("\(error)") }
            report.marks["end"] = now()
            report.contexts = 1
        default:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("exthost-bench-\(getpid())")
            defer { try? FileManager.default.removeItem(at: folder) }
            let files = scenario.extensionFiles(count: count, size: size, contentScripts: contentScripts, usesDOM: usesDOM, contentScriptCode: contentScriptCode) ?? [:]
            try write(files, to: folder.appendingPathComponent("extension"))
            try write(BenchScenario.siteFiles(pageScripts: pageScripts), to: folder.appendingPathComponent("site"))
            let site = try SiteMapping(parsing: "http://127.0.0.1=" + folder.appendingPathComponent("site").path, relativeTo: folder)
            let options = HostOptions(flavor: flavor, clockMode: realTime ? .real : .virtual, siteMap: SiteMap([site]))
            var contexts = 0
            let host = ExtensionHost(options: options) { message in
                if message.text.hasPrefix("bench:mark ") {
                    let name = message.text.dropFirst("bench:mark ".count).prefix { $0 != " " }
                    report.marks[String(name)] = now()
                } else if message.level == .error {
                    report.errors.append(message.text)
                }
            }
            try host.loadExtension(at: folder.appendingPathComponent("extension"))
            host.runUntilStarted()
            report.marks["started"] = now()
            switch scenario {
            case .tabs:
                for _ in 0..<count {
                    let tab = host.open("http://127.0.0.1/index.html")
                    host.runUntilLoaded(tabID: tab)
                }
                report.marks["opened"] = now()
                contexts = host.contexts.count
            case .cold, .portRoundTrips, .messageRoundTrips:
                let tab = host.open("http://127.0.0.1/index.html")
                host.runUntilLoaded(tabID: tab)
                contexts = host.contexts.count
                host.run()
            default:
                host.run()
                contexts = host.contexts.count
            }
            report.marks["end"] = now()
            report.contexts = contexts
            if heap, let statistics = host.heapStatisticsJSON() { FileHandle.standardError.write(Data((statistics + "\n").utf8)) }
        }
        let data = try JSONEncoder().encode(report)
        FileHandle.standardOutput.write(data + Data("\n".utf8))
    }

    private func write(_ files: [String: String], to folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files {
            try text.write(to: folder.appendingPathComponent(name), atomically: false, encoding: .utf8)
        }
    }
}

extension BenchScenario: ExpressibleByArgument {}
