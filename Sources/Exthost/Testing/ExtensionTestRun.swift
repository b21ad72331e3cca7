import BrowserModel
import Foundation
import JSEngine

/// One extension's tests, or one driver script's, run in a fresh host: what `exthost test` runs
/// for each test it finds.
///
/// For an extension, its background starts, the pages open one after another, and the run goes on
/// until no work is left or ``maxTime`` seconds of its (virtual) clock have passed. It passed when
/// its harness reported a result (a passing test or `notifyPass`), nothing failed (a test, a check,
/// `notifyFail`), no script threw or rejected uncaught, and the run ended.
///
/// For a driver script (``TestDriver``), the pages open first, then the script runs its tests. It
/// passed when it declared a test, every test it ran passed, and no context printed an uncaught
/// error (one printed while a test ran fails that test).
public struct ExtensionTestSpec: Codable, Sendable, Equatable {
    /// The extension's folder, or a driver script (a file whose name ends in `.js`).
    public var path: String
    /// Which browser to behave as.
    public var flavor: Flavor
    /// The harness, or nil for the one the extension's scripts name.
    public var harness: TestHarness?
    /// `ORIGIN=DIR` site mappings (DIR absolute, or relative to the working directory).
    public var sites: [String]
    /// URLs to open, in order.
    public var open: [String]
    /// Seconds of the run's clock after which it ends.
    public var maxTime: Double
    /// Seconds of CPU one script task may take.
    public var scriptTimeout: Double
    /// What `chrome.test.getConfig()` gives as `customArg`.
    public var customArg: String?
    /// Where to write the run's trace (``RunTrace``): a `.html` or `.json` file; nil for none.
    public var trace: String?
    /// Whether `fetch` and `XMLHttpRequest` may reach real servers (``HostOptions/network``); nil: no.
    public var network: Bool?
    /// Whether backgrounds a browser stops once idle are kept running (``HostOptions/keepsBackgroundsAlive``); nil: no.
    public var keepAlive: Bool?
    /// Other extensions' folders, loaded in that order before the one tested (or before a driver
    /// script runs), as extensions it works with are installed beside it; nil: none.
    public var companions: [String]?

    /// Creates a spec.
    public init(path: String, flavor: Flavor, harness: TestHarness? = nil, sites: [String] = [], open: [String] = [],
                maxTime: Double = 60, scriptTimeout: Double = 10, customArg: String? = nil, network: Bool = false, keepAlive: Bool = false) {
        self.path = path
        self.flavor = flavor
        self.harness = harness
        self.sites = sites
        self.open = open
        self.maxTime = maxTime
        self.scriptTimeout = scriptTimeout
        self.customArg = customArg
        self.network = network ? true : nil
        self.keepAlive = keepAlive ? true : nil
    }
}

/// How one extension's tests went.
public struct ExtensionTestOutcome: Codable, Sendable, Equatable {
    /// Whether the extension's tests passed.
    public var passed: Bool
    /// Why they did not (the first failure, or what kept them from reporting).
    public var reason: String?
    /// The tests its harness ran (`runTests` entries), or the driver script's, in the order they ended.
    public var tests: [ExtensionSubtest]
    /// The failed checks, notifications and log lines outside any test, in order.
    public var events: [TestEvent]
    /// The console lines printed outside any test.
    public var console: [ConsoleMessage]
    /// How long the run took, in milliseconds of the wall clock.
    public var milliseconds: Double
    /// Whether the run stopped a script or ran out of memory (its machine is not to be used again).
    public var stoppedAScript: Bool
    /// The APIs the run's scripts touched that the browser has and exthost lacks, in the order
    /// first touched (``ExtensionHost/missingAPIs``): where the test went past the tool.
    public var missingAPIs: [String] = []
    /// What the browser warned of the manifests the run loaded (``ExtensionHost/manifestWarnings``).
    public var manifestWarnings: [ManifestWarning] = []

    /// Creates an outcome.
    public init(passed: Bool, reason: String?, tests: [ExtensionSubtest] = [], events: [TestEvent] = [],
                console: [ConsoleMessage] = [], milliseconds: Double = 0, stoppedAScript: Bool = false) {
        self.passed = passed
        self.reason = reason
        self.tests = tests
        self.events = events
        self.console = console
        self.milliseconds = milliseconds
        self.stoppedAScript = stoppedAScript
    }
}

/// One test a harness ran: its end, and what happened while it ran in its context.
public struct ExtensionSubtest: Codable, Sendable, Equatable {
    /// The test's name.
    public var name: String
    /// Whether it passed; nil when it never ended.
    public var passed: Bool?
    /// Its end (`testFinished`), when it ended.
    public var finished: TestEvent?
    /// The checks that failed while it ran.
    public var failedChecks: [TestEvent]
    /// Why its result does not count (a driver script's `skip` or `todo`), when it does not.
    public var directive: TestEvent.Directive?
    /// The console lines its context printed while it ran.
    public var console: [ConsoleMessage]
}

extension ExtensionTestSpec {
    /// The limits its runs have (a machine given to ``run(on:)`` must have them).
    public var limits: ScriptLimits { ScriptLimits(taskTime: scriptTimeout) }

    /// Whether ``path`` names a driver script rather than an extension folder.
    public var isDriverScript: Bool { path.hasSuffix(".js") }

    /// Runs the tests in a new host and says how they went. `machine`: a machine to make the host
    /// in (``ExtensionHost/init(options:machine:console:)``), with ``limits``; nil for a new one.
    public func run(on machine: VirtualMachine? = nil) -> ExtensionTestOutcome {
        let started = Date()
        let workingDirectory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
        let siteMap: SiteMap
        do {
            siteMap = try SiteMap(parsing: sites, relativeTo: workingDirectory)
        } catch {
            return ExtensionTestOutcome(passed: false, reason: error.description)
        }
        let collector = Collector()
        let config = TestConfig(customArg: customArg, testServerPort: TestConfig.serverPort(of: siteMap.mappings))
        var options = HostOptions(flavor: flavor, siteMap: siteMap, limits: limits, testHarness: harness, testConfig: config, network: network == true)
        options.keepsBackgroundsAlive = keepAlive == true
        let host = ExtensionHost(options: options, machine: machine) { collector.entries.append(.console($0)) }
        host.testEventHandler = { collector.entries.append(.test($0)) }
        if trace != nil { host.trace = RunTrace() }
        let file = URL(fileURLWithPath: path, relativeTo: workingDirectory)
        for companion in companions ?? [] {
            do {
                try host.loadExtension(at: URL(fileURLWithPath: companion, relativeTo: workingDirectory))
            } catch {
                return ExtensionTestOutcome(passed: false, reason: "an extension loaded with it (--with-extension) does not load: \(error.description)",
                                            milliseconds: Date().timeIntervalSince(started) * 1000)
            }
            host.runUntilStarted(maxTime: maxTime)
        }
        var outcome: ExtensionTestOutcome
        if isDriverScript {
            let driver: TestDriver
            do {
                driver = try TestDriver(script: file, host: host)
            } catch {
                return ExtensionTestOutcome(passed: false, reason: error.description, milliseconds: Date().timeIntervalSince(started) * 1000)
            }
            var outcomes: [RunOutcome] = []
            for url in open where !outcomes.contains(.interrupted) {
                outcomes.append(host.runUntilLoaded(tabID: host.open(url), maxTime: maxTime))
            }
            if !outcomes.contains(.interrupted) { outcomes.append(driver.run(maxTime: maxTime)) }
            outcome = collector.outcome(driverContext: driver.contextID)
            outcome.reason = driverReason(outcome, finished: driver.isFinished, outcomes: outcomes, collector: collector)
            outcome.stoppedAScript = host.scriptStopCount > 0 || outcomes.contains(.interrupted)
        } else {
            do {
                try host.loadExtension(at: file)
            } catch {
                return ExtensionTestOutcome(passed: false, reason: error.description, milliseconds: Date().timeIntervalSince(started) * 1000)
            }
            let outcomes = host.runSession(opening: open, maxTime: maxTime)
            outcome = collector.outcome(driverContext: nil)
            outcome.reason = extensionReason(outcome, host: host, outcomes: outcomes, collector: collector)
            outcome.stoppedAScript = host.scriptStopCount > 0 || outcomes.contains(.interrupted)
        }
        outcome.missingAPIs = host.missingAPIs
        outcome.manifestWarnings = host.manifestWarnings
        if let trace, let record = host.trace {
            do {
                try record.write(to: trace, title: "\(path) (\(flavor.rawValue))")
            } catch {
                outcome.reason = outcome.reason ?? "could not write the trace to \(trace): \(error.localizedDescription)"
            }
        }
        outcome.milliseconds = Date().timeIntervalSince(started) * 1000
        outcome.passed = outcome.reason == nil
        return outcome
    }

    /// Why an extension's tests did not pass, or nil when they did.
    private func extensionReason(_ outcome: ExtensionTestOutcome, host: ExtensionHost, outcomes: [RunOutcome], collector: Collector) -> String? {
        let summary = host.testSummary
        if outcomes.contains(.interrupted) { return "the run held more memory than its limit" }
        if let failure = collector.firstFailure { return Self.failureText(failure) }
        if let uncaught = collector.firstUncaught { return Self.uncaughtText(uncaught) }
        if let unfinished = outcome.tests.first(where: { $0.passed == nil }) {
            return "\(unfinished.name) did not end" + (outcomes.contains(.timeLimit)
                ? " within \(String(format: "%g", maxTime)) s of the run's clock"
                : host.harness == .chrome
                    ? " (a test of chrome.test ends at succeed(), fail(), a failed assertion or its last pending callback)"
                    : " (its promise never settled)")
        }
        if !summary.hasResults {
            return outcomes.contains(.timeLimit)
                ? "no test result after \(String(format: "%g", maxTime)) s of the run's clock (the run still had work pending)"
                : "the extension reported no test result (its scripts called neither runTests nor notifyPass/notifyFail)"
        }
        if host.harness == .chrome, !outcome.tests.isEmpty, summary.notifiedPass + summary.notifiedFail == 0 {
            return "chrome.test.runTests did not finish (no notifyPass or notifyFail came)"
        }
        return nil
    }

    /// Why a driver script's tests did not pass, or nil when they did (a test during which a
    /// context printed an uncaught error failed with it: ``TestDriver/report(_:)``).
    private func driverReason(_ outcome: ExtensionTestOutcome, finished: Bool, outcomes: [RunOutcome], collector: Collector) -> String? {
        if outcomes.contains(.interrupted) { return "the run held more memory than its limit" }
        if let failed = outcome.tests.first(where: { $0.passed == false && $0.directive == nil }) {
            return "\(failed.name) failed: \(failed.finished?.message ?? "")"
        }
        if let failure = collector.firstFailure { return Self.failureText(failure) }
        if let uncaught = outcome.console.first(where: \.isUncaught) { return Self.uncaughtText(uncaught) }
        if let unfinished = outcome.tests.first(where: { $0.passed == nil }) {
            return "\(unfinished.name) did not end" + (outcomes.contains(.timeLimit)
                ? " within \(String(format: "%g", maxTime)) s of the run's clock"
                : " (it waited for something that never came: a message, a console line, a page load or a promise of its own)")
        }
        if !finished {
            return outcomes.contains(.timeLimit)
                ? "the driver script did not finish within \(String(format: "%g", maxTime)) s of the run's clock"
                : "the driver script did not finish"
        }
        if outcome.tests.isEmpty { return "the driver script declared no test (declare them with test(name, fn))" }
        return nil
    }

    static func uncaughtText(_ message: ConsoleMessage) -> String {
        "uncaught: " + (message.text.split(separator: "\n").first.map(String.init) ?? message.text)
    }

    static func failureText(_ event: TestEvent) -> String {
        let text = event.message ?? ""
        switch event.kind {
        case .testFinished: return "\(event.name ?? "a test") failed: \(text)"
        case .done: return "notifyFail: \(text)"
        case .assertion:
            var line = text
            if let expected = event.expected, let actual = event.actual { line += " - Expected: \(expected), Actual: \(actual)" }
            return (event.name.map { "\($0): " } ?? "") + line
        case .testStarted, .log, .message: return text
        }
    }

    /// What a run printed and reported, in order.
    private final class Collector {
        enum Entry {
            case console(ConsoleMessage)
            case test(TestEvent)
        }
        var entries: [Entry] = []

        /// The first failure a harness reported.
        var firstFailure: TestEvent? {
            entries.lazy.compactMap { entry -> TestEvent? in
                if case .test(let event) = entry, event.isFailure { return event }
                return nil
            }.first
        }

        /// The first uncaught error a context printed.
        var firstUncaught: ConsoleMessage? {
            entries.lazy.compactMap { entry -> ConsoleMessage? in
                if case .console(let message) = entry, message.isUncaught { return message }
                return nil
            }.first
        }

        /// The entries sorted into tests: a console line or a check belongs to the test running in
        /// its context when it came; with a driver script, to the driver's test running then when
        /// its own context runs none.
        func outcome(driverContext: Int?) -> ExtensionTestOutcome {
            var tests: [ExtensionSubtest] = []
            // (By context: a test runs in one, and a context made anew at the same place is another.)
            var running: [Int: Int] = [:]
            var events: [TestEvent] = []
            var console: [ConsoleMessage] = []
            func owningKey(_ context: Int) -> Int {
                guard let driverContext, running[context] == nil, running[driverContext] != nil else { return context }
                return driverContext
            }
            for entry in entries {
                switch entry {
                case .console(let message):
                    let key = owningKey(message.contextId ?? -1)
                    if let index = running[key] { tests[index].console.append(message) } else { console.append(message) }
                case .test(let event):
                    let key = event.kind == .assertion ? owningKey(event.contextId ?? -1) : event.contextId ?? -1
                    switch event.kind {
                    case .testStarted:
                        tests.append(ExtensionSubtest(name: event.name ?? "", passed: nil, finished: nil, failedChecks: [], directive: nil, console: []))
                        running[key] = tests.count - 1
                    case .testFinished:
                        let index = running[key].flatMap { tests[$0].name == event.name ? $0 : nil }
                            ?? tests.lastIndex { $0.name == event.name && $0.finished == nil }
                        if let index {
                            tests[index].passed = event.passed
                            tests[index].finished = event
                            tests[index].directive = event.directive
                        } else {
                            tests.append(ExtensionSubtest(name: event.name ?? "", passed: event.passed, finished: event, failedChecks: [],
                                                          directive: event.directive, console: []))
                        }
                        running[key] = nil
                    case .assertion:
                        guard event.passed == false else { continue }
                        if let index = running[key] { tests[index].failedChecks.append(event) } else { events.append(event) }
                    case .done, .log, .message:
                        events.append(event)
                    }
                }
            }
            return ExtensionTestOutcome(passed: false, reason: nil, tests: tests, events: events, console: console)
        }
    }
}
