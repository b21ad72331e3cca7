import BrowserModel
@testable import Exthost
import Foundation
import JSEngine

/// The package's root folder, found from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

/// Runs an extension through the library as `exthost run` does and keeps what its scripts print.
struct HostRun {
    let host: ExtensionHost
    private(set) var messages: [ConsoleMessage] = []
    /// What the extension's test harness reported, in order.
    private(set) var testEvents: [TestEvent] = []
    /// Every extension the run loaded, in order (those unloaded since too).
    private(set) var loadedExtensions: [ExtensionInstance] = []

    /// The test events as short lines: `testFinished name passed: message`, `assertion false:
    /// message - Expected: e, Actual: a`, `done true: message`, `log: text`, `message: json`.
    var testLines: [String] {
        testEvents.compactMap { event in
            let passed = event.passed.map { " \($0)" } ?? ""
            switch event.kind {
            case .testStarted: return "testStarted \(event.name ?? "")"
            case .testFinished: return "testFinished \(event.name ?? "")\(passed): \(event.message ?? "")"
            case .assertion:
                var text = "assertion\(passed): \(event.message ?? "")"
                if let expected = event.expected, let actual = event.actual { text += " - Expected: \(expected), Actual: \(actual)" }
                return text
            case .done: return "done\(passed): \(event.message ?? "")"
            case .log: return "log: \(event.message ?? "")"
            case .message: return "message: \(event.message ?? "")"
            }
        }
    }

    /// The texts printed, in order.
    var texts: [String] { messages.map(\.text) }
    /// What the run's collector holds now: the texts printed until now, also after `run` returned
    /// (a test that goes on running the host).
    var textsSoFar: [String] { collector?.messages.map(\.text) ?? texts }
    private var collector: Collector?

    /// Each message as `context: text` (`background`, `content 1/0`).
    var lines: [String] {
        messages.map { message in
            switch message.context {
            case .content: return "content \(message.tabId ?? -1)/\(message.frameId ?? -1): \(message.text)"
            default: return "\(message.context.rawValue): \(message.text)"
            }
        }
    }

    /// Loads the extension in `directory`, opens `urls` in order, optionally clicks the toolbar
    /// button, and runs until nothing is left (or `maxTime` seconds have passed).
    static func run(
        _ directory: URL, flavor: Flavor = .chrome, open urls: [String] = [],
        sites: [String: String] = ["http://127.0.0.1:8000": "fixtures/site", "http://localhost:8000": "fixtures/site"],
        clickAction: Bool = false, maxTime: Double = 60, limits: ScriptLimits = ScriptLimits(), clockMode: ClockMode = .virtual,
        harness: TestHarness? = nil, testConfig: TestConfig = TestConfig(), network: Bool = false, noStore: Bool = false, devtools: Bool = false,
        steps: [[String]] = [], keepAlive: Bool = false, quiet: Double? = nil, more: [URL] = []
    ) throws -> HostRun {
        let collector = Collector()
        let mappings = try sites.sorted { $0.key < $1.key }.map { site in
            var mapping = try SiteMapping(parsing: "\(site.key)=\(site.value)", relativeTo: packageRoot)
            mapping.noStore = noStore
            return mapping
        }
        var options = HostOptions(flavor: flavor, clockMode: clockMode, siteMap: SiteMap(mappings), limits: limits, testHarness: harness, testConfig: testConfig,
                                  network: network)
        options.keepsBackgroundsAlive = keepAlive
        let host = ExtensionHost(options: options) { collector.messages.append($0) }
        host.testEventHandler = { collector.testEvents.append($0) }
        // (Each of `more` loads once the one before has started, as the recorder installs them.)
        var loaded: [ExtensionInstance] = []
        for extensionDirectory in [directory] + more {
            loaded.append(try host.loadExtension(at: extensionDirectory))
            host.runUntilStarted(maxTime: maxTime)
        }
        var lastTab: Int?
        for url in urls {
            let tab = host.open(url)
            lastTab = tab
            host.runUntilLoaded(tabID: tab, maxTime: maxTime)
        }
        if devtools, let lastTab {
            host.openDevTools(forTab: lastTab)
            host.runUntilStarted(maxTime: maxTime)
        }
        if clickAction { host.clickAction() }
        // (What a person does in the page opened last, as the recorder does it, `["click",
        // selector]` or `["type", selector, text]`, each once what the last one started has
        // settled: the scripts' timers wait, as the recorder acts a moment after the last line.)
        for step in steps {
            host.runUntilStarted(maxTime: maxTime)
            // (A right click and a choice in the menu, or with no label the menu closed.)
            if step.first == "contextMenu", step.count == 3, let tab = lastTab {
                if case .failure(let error) = host.openContextMenu(tabID: tab, frameID: 0, selector: step[1]) { throw StepError(message: "\(step): \(error.message)") }
                host.runUntilStarted(maxTime: maxTime)
                if step[2].isEmpty {
                    host.closeContextMenu()
                } else if case .failure(let error) = host.chooseMenuItem(step[2]) {
                    throw StepError(message: "\(step): \(error.message)")
                }
                continue
            }
            guard step.count >= 2, let action = DocumentAction(rawValue: step[0]) else { throw StepError(message: "a step is [\"click\", selector] or [\"type\", selector, text], not \(step)") }
            guard let tab = lastTab, let documentID = host.browser.tab(tab)?.frames.first(where: \.isTop)?.documentID else {
                throw StepError(message: "\(step): no page was opened")
            }
            if case .failure(let error) = host.act(action, onDocument: documentID, selector: step[1], text: step.count > 2 ? step[2] : "") {
                throw StepError(message: "\(step): \(error.message)")
            }
        }
        host.run(maxTime: maxTime)
        // (As the recorder waits for `quiet` seconds without a new line: the clock goes on that
        // long once the run is idle, and again while that brings new lines.)
        if let quiet {
            var seen = -1
            while collector.messages.count != seen, host.loop.now < maxTime * 1000 {
                seen = collector.messages.count
                host.loop.startTimer(after: quiet * 1000) {}
                host.run(maxTime: maxTime)
            }
        }
        var run = HostRun(host: host)
        run.collector = collector
        run.messages = collector.messages
        run.testEvents = collector.testEvents
        run.loadedExtensions = loaded
        return run
    }

    /// Runs an extension made of `files` (path → contents) written to a temporary folder.
    static func run(
        files: [String: String], flavor: Flavor = .chrome, open urls: [String] = [], clickAction: Bool = false, maxTime: Double = 60,
        limits: ScriptLimits = ScriptLimits(), clockMode: ClockMode = .virtual, harness: TestHarness? = nil, testConfig: TestConfig = TestConfig(),
        network: Bool = false, keepAlive: Bool = false
    ) throws -> HostRun {
        let directory = try TemporaryExtension(files: files).directory
        return try run(directory, flavor: flavor, open: urls, clickAction: clickAction, maxTime: maxTime, limits: limits, clockMode: clockMode,
                       harness: harness, testConfig: testConfig, network: network, keepAlive: keepAlive)
    }

    /// Runs the extension made of `files` with `pages` (path to HTML) served at
    /// `http://127.0.0.1:8000/`, opening each of `urls` in turn.
    /// `devtools`: DevTools open for the last of them once it has loaded.
    static func run(files: [String: String], pages: [String: String], flavor: Flavor = .chrome, open urls: [String], maxTime: Double = 60,
                    devtools: Bool = false, keepAlive: Bool = false) throws -> HostRun {
        let directory = try TemporaryExtension(files: files).directory
        let site = try TemporaryExtension(files: pages).directory
        return try run(directory, flavor: flavor, open: urls, sites: ["http://127.0.0.1:8000": site.path], maxTime: maxTime, devtools: devtools,
                       keepAlive: keepAlive)
    }

    private final class Collector {
        var messages: [ConsoleMessage] = []
        var testEvents: [TestEvent] = []
    }
}

/// An extension written to a new temporary folder.
struct TemporaryExtension {
    let directory: URL

    init(files: [String: String]) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("exthost-test-\(UUID().uuidString)")
        for (path, contents) in files {
            let file = directory.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(contents.utf8).write(to: file)
        }
    }

    /// A manifest for a test extension with a background script and optional content scripts.
    static func manifest(version: Int = 3, permissions: [String] = ["tabs"], contentScripts: String = "", extra: String = "") -> String {
        let background = version >= 3
            ? #""background": {"service_worker": "bg.js", "scripts": ["bg.js"]}"#
            : #""background": {"scripts": ["bg.js"]}"#
        let permissionList = permissions.map { "\"\($0)\"" }.joined(separator: ", ")
        var text = #"{"manifest_version": \#(version), "name": "test", "version": "1.0", "permissions": [\#(permissionList)], \#(background)"#
        if !contentScripts.isEmpty { text += #", "content_scripts": \#(contentScripts)"# }
        if !extra.isEmpty { text += ", " + extra }
        return text + "}"
    }
}

/// The result of running the `exthost` command itself.
struct CommandRun {
    /// What it printed on standard output.
    let output: String
    /// What it printed on standard error.
    let errors: String
    /// What it printed on standard error besides what the browser warned of the manifests (a
    /// test's manifest for both browsers names a service worker and scripts, which Chromium warns of).
    var errorsBesideManifestWarnings: String {
        errors.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("exthost: warning: ") }.joined(separator: "\n")
    }
    /// Its exit status.
    let status: Int32

    /// Runs `exthost` (the one `swift build` made beside the tests) with `arguments`.
    static func exthost(_ arguments: [String]) throws -> CommandRun {
        let binary = Bundle.main.bundleURL.appendingPathComponent("exthost")
        let fallback = packageRoot.appendingPathComponent(".build/debug/exthost")
        let process = Process()
        process.executableURL = FileManager.default.isExecutableFile(atPath: binary.path) ? binary : fallback
        process.arguments = arguments
        process.currentDirectoryURL = packageRoot
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CommandRun(output: String(decoding: outputData, as: UTF8.self), errors: String(decoding: errorData, as: UTF8.self), status: process.terminationStatus)
    }

    /// Runs `exthost run` on an extension made of `files`.
    static func run(files: [String: String], _ arguments: [String] = []) throws -> CommandRun {
        let directory = try TemporaryExtension(files: files).directory
        return try exthost(["run", directory.path] + arguments)
    }
}

/// A person's step of a ``HostRun`` that could not be done (no element matched, ...).
struct StepError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
