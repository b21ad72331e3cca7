import ArgumentParser
import BrowserModel
import Exthost
import Foundation
import JSEngine

/// `exthost run`: loads an extension, opens pages, and prints what its scripts log.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run an unpacked extension and print what its scripts log.",
        discussion: """
            The browser starts with one window holding one tab. The first --open loads in that tab; \
            each later --open opens a new tab at the end of the window. Each becomes the active tab, \
            as when a person opens them. Pages come from --site folders; a URL no folder serves \
            loads as an empty page whose title is the URL.

            Time is virtual unless --real-time is given: timers fire at once, in order, and every run \
            is the same. The run ends when no work is left or --max-time seconds have passed.

            Limits: a script task (a script's run, an event, a message, a timer, with its promise \
            jobs) that takes more than --script-timeout seconds of CPU is stopped and reported; \
            the other contexts go on. A run holding more than --heap-limit MB of memory ends.

            Tests: chrome.test and browser.test work in every extension context, as Chromium's and \
            Firefox's test harnesses run them (--harness picks one; by default the one the \
            extension's scripts name). Each test's end, failed assertions, notifyPass/notifyFail, \
            test.log and test.sendMessage print as lines of their context.

            Driver scripts: --driver FILE runs a test file (as exthost test runs *.test.js files) \
            instead of one extension: it loads its extensions itself (exthost.loadExtension), and \
            its tests' results print as lines of the driver.

            Exit status: 0 when no script threw or rejected uncaught and no test failed; 1 when one \
            did, a test or an assertion failed, notifyFail was called, a script was stopped, or the \
            memory limit was reached; 2 for bad input; 3 when the run reached --max-time with work \
            still pending (what was left did not run).

            Example:
              exthost run fixtures/mdn-tabs-connect \\
                --site http://127.0.0.1:8000=fixtures/site \\
                --open http://127.0.0.1:8000/index.html --click-action
            """
    )

    static let badInput = ExitCode(2)

    @Argument(help: "The extension's folder (the one holding manifest.json); several for extensions that work together, loaded in that order; none with --driver.", completion: .directory)
    var extensionDirectories: [String] = []

    @Option(help: ArgumentHelp("Run a driver script (a test file using exthost, test and assert) instead of one extension.", valueName: "file"), completion: .file(extensions: ["js"]))
    var driver: String?

    @Option(name: .customLong("open"), help: ArgumentHelp("A URL to open, in order; repeat for more tabs.", valueName: "url"))
    var urls: [String] = []

    @Option(name: .customLong("site"), help: ArgumentHelp("Serve the files of DIR for URLs under ORIGIN, e.g. http://127.0.0.1:8000=fixtures/site. Repeatable.", valueName: "origin=dir"))
    var sites: [String] = []

    @Flag(name: .customLong("click-action"), help: "Click the extension's toolbar button on the active tab once the pages have loaded.")
    var clickAction = false

    @Flag(name: .customLong("open-options-page"), help: "Open the extension's options page (as runtime.openOptionsPage() does) once the pages have loaded.")
    var openOptionsPage = false

    @Flag(name: .customLong("devtools"), help: "Open DevTools for the last page opened (or the first tab) once the pages have loaded: each extension's devtools_page loads, inspecting that tab.")
    var devtools = false

    @Option(name: .customLong("do"), help: ArgumentHelp(
        "Once the pages have loaded, do STEP as a person would, in order; repeatable. STEP is [tab:|popup:|options:] click SELECTOR, type SELECTOR TEXT, submit SELECTOR, select SELECTOR, text SELECTOR, value SELECTOR or html (select and the last three print what they read).",
        valueName: "step"))
    var steps: [String] = []

    @Option(help: "Which browser to behave as: chrome (Chromium 156) or firefox (Firefox ESR 153).")
    var flavor: Flavor = .chrome

    @Option(help: "How to print console output: text (readable) or jsonl (one JSON object a line).")
    var console: ConsoleFormat = .text

    @Option(name: .customLong("max-time"), help: ArgumentHelp("Stop after this many seconds of (virtual) time.", valueName: "seconds"))
    var maxTime: Double = 60

    @Flag(name: .customLong("network"), help: "Let fetch and XMLHttpRequest reach real http and https servers (without it, what --site does not serve fails as offline).")
    var network = false

    @Flag(name: .customLong("real-time"), help: "Use the wall clock instead of virtual time: timers wait for real.")
    var realTime = false

    @Flag(name: .customLong("keep-alive"), help: ArgumentHelp(
        "Keep service workers and event pages running: without it they stop as a browser stops them, after 30 s (of the run's clock) with no event, and start again for the next."))
    var keepAlive = false

    @Option(name: .customLong("script-timeout"), help: ArgumentHelp("Stop a script task that runs longer than this many seconds of CPU time.", valueName: "seconds"))
    var scriptTimeout: Double = 10

    @Option(name: .customLong("heap-limit"), help: ArgumentHelp("End the run when it holds more than this many megabytes of memory.", valueName: "MB"))
    var heapLimit: Int = 4096

    @Option(help: ArgumentHelp("Write every message, event, API call, console line and test result of the run to FILE: a sequence diagram (FILE.html, open it in a browser) or data (FILE.json).", valueName: "file"))
    var trace: String?

    @Option(help: ArgumentHelp("Which test harness chrome.test and browser.test follow: chrome (Chromium's) or firefox (Firefox's). Default: the one the extension's scripts name, else the flavor's.", valueName: "harness"))
    var harness: TestHarness?

    @Option(name: .customLong("test-custom-arg"), help: ArgumentHelp("What chrome.test.getConfig() gives as customArg.", valueName: "text"))
    var testCustomArg: String?

    @Option(name: .customLong("test-server-port"), help: ArgumentHelp("What chrome.test.getConfig() gives as testServer.port (default: the port of the first --site).", valueName: "port"))
    var testServerPort: Int?

    @Option(help: ArgumentHelp("Keep a profile in DIR between runs, as a browser keeps one: installed extensions (a later run with the same version hears runtime.onStartup, with another runtime.onInstalled \"update\"), storage.local, storage.sync and localStorage. Without it a run starts empty and leaves nothing behind.", valueName: "dir"))
    var profile: String?

    @Option(name: .customLong("managed-storage"), help: ArgumentHelp("Give storage.managed the policy in FILE, a JSON object of keys and values (as an administrator's policy does; Chromium gives it to an extension that declares storage.managed_schema).", valueName: "file"))
    var managedStorage: String?

    @Option(name: .customLong("report-api"), help: ArgumentHelp("Write to FILE, as JSON, the APIs the run's scripts touched that the browser has and exthost does not yet: {\"missing\": [names]}.", valueName: "file"))
    var reportAPI: String?

    static let maxTimeReached = ExitCode(3)

    func validate() throws {
        guard maxTime > 0 else { throw ValidationError("--max-time must be a positive number of seconds.") }
        guard scriptTimeout > 0, scriptTimeout.isFinite else { throw ValidationError("--script-timeout must be a positive number of seconds.") }
        guard heapLimit > 0, heapLimit < 1 << 40 else { throw ValidationError("--heap-limit must be a positive number of megabytes.") }
        if let testServerPort, !(1...65535).contains(testServerPort) { throw ValidationError("--test-server-port must be a port number (1 to 65535).") }
        if profile?.isEmpty == true { throw ValidationError("--profile needs a directory.") }
        switch (extensionDirectories.isEmpty, driver) {
        case (true, nil): throw ValidationError("Give an extension folder to run, or a driver script with --driver.")
        case (false, _?): throw ValidationError("Give an extension folder or --driver, not both: a driver script loads its extensions itself (exthost.loadExtension).")
        default: break
        }
        if let trace, RunTrace.FileFormat(path: trace) == nil {
            throw ValidationError("--trace \(trace): name a .html file (a sequence diagram) or a .json file (data).")
        }
        if clickAction, driver != nil { throw ValidationError("--click-action is for an extension folder: a driver script clicks with extension.clickAction().") }
        for step in steps { _ = try DriveStep.parse(step) }
        if !steps.isEmpty, driver != nil { throw ValidationError("--do is for an extension folder: a driver script acts on pages with tab.click(), tab.type(), tab.text() ...") }
        if openOptionsPage, driver != nil {
            throw ValidationError("--open-options-page is for an extension folder: a driver script opens it with extension.openOptionsPage().")
        }
    }

    func run() throws {
        let workingDirectory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
        let siteMap: SiteMap
        do {
            siteMap = try SiteMap(parsing: sites, relativeTo: workingDirectory)
        } catch {
            fail(error.description)
        }
        var printer = ConsolePrinter(format: console, colored: console == .text && isatty(STDOUT_FILENO) == 1)
        printer.showsExtension = extensionDirectories.count > 1
        let limits = ScriptLimits(taskTime: scriptTimeout, memory: heapLimit << 20)
        let testConfig = TestConfig(customArg: testCustomArg, testServerPort: testServerPort ?? TestConfig.serverPort(of: siteMap.mappings))
        var kept: Profile?
        if let profile {
            do {
                kept = try Profile(directory: URL(fileURLWithPath: profile, relativeTo: workingDirectory).standardizedFileURL, flavor: flavor)
            } catch {
                fail("--profile: \(error.description)")
            }
        }
        var options = HostOptions(flavor: flavor, clockMode: realTime ? .real : .virtual, siteMap: siteMap, limits: limits,
                                  testHarness: harness, testConfig: testConfig, network: network, profile: kept)
        options.keepsBackgroundsAlive = keepAlive
        if let managedStorage {
            let path = URL(fileURLWithPath: managedStorage, relativeTo: workingDirectory).path
            guard let data = FileManager.default.contents(atPath: path) else { fail("--managed-storage: cannot read \(path). Give a JSON file of the policy's keys and values.") }
            guard let policy = JSONValue.parse(String(decoding: data, as: UTF8.self)), case .object = policy else {
                fail("--managed-storage: \(path) is not a JSON object. Give the policy as {\"key\": value, ...}.")
            }
            options.managedStorage = policy
        }
        let host = ExtensionHost(options: options) { printer.print($0) }
        host.testEventHandler = { printer.print($0) }
        if trace != nil { host.trace = RunTrace() }
        let outcomes: [RunOutcome]
        var driverUnfinished = false
        var stepFailed = false
        var warningsShown = 0
        if let driver {
            let testDriver: TestDriver
            do {
                testDriver = try TestDriver(script: URL(fileURLWithPath: driver, relativeTo: workingDirectory), host: host)
            } catch {
                fail(error.description)
            }
            var steps: [RunOutcome] = []
            for url in urls where !steps.contains(.interrupted) {
                steps.append(host.runUntilLoaded(tabID: host.open(url), maxTime: maxTime))
            }
            if !steps.contains(.interrupted) { steps.append(testDriver.run(maxTime: maxTime)) }
            outcomes = steps
            driverUnfinished = !testDriver.isFinished
        } else {
            // (Every folder is read first: one that does not load stops the run before any runs.)
            if extensionDirectories.count > 1 {
                for directory in extensionDirectories {
                    do {
                        try host.checkExtension(at: URL(fileURLWithPath: directory, relativeTo: workingDirectory))
                    } catch {
                        fail(error.description)
                    }
                }
            }
            // (Each once the one before has started, as a browser installs them one by one.)
            for (index, directory) in extensionDirectories.enumerated() {
                do {
                    try host.loadExtension(at: URL(fileURLWithPath: directory, relativeTo: workingDirectory))
                } catch {
                    fail(error.description)
                }
                if index < extensionDirectories.count - 1 { host.runUntilStarted(maxTime: maxTime) }
            }
            // (What the browser warned of their manifests, before what they print.)
            for warning in host.manifestWarnings { report("warning: \(warning.file): \(warning.text)") }
            warningsShown = host.manifestWarnings.count
            var steps = runSession(host, urls: urls)
            if !steps.contains(.interrupted) {
                let driven = drive(host, printer: printer)
                steps += driven.outcomes
                stepFailed = driven.failed
            }
            outcomes = steps
        }
        // (Those of extensions a driver script loaded, after its run.)
        for warning in host.manifestWarnings.dropFirst(warningsShown) { report("warning: \(warning.file): \(warning.text)") }
        if let trace, let record = host.trace {
            do {
                try record.write(to: trace, title: "exthost run " + (driver ?? extensionDirectories.joined(separator: " ")) + " (\(flavor.rawValue))")
            } catch {
                report("could not write the trace to \(trace): \(error.localizedDescription)")
            }
        }
        let profileFailed = kept?.writeFailure != nil
        if let failure = kept?.writeFailure { report(failure) }
        if let reportAPI {
            let text = JSONValue.object([("missing", .array(host.missingAPIs.map { .string($0) }))]).jsonText + "\n"
            do {
                try text.write(to: URL(fileURLWithPath: reportAPI, relativeTo: workingDirectory), atomically: true, encoding: .utf8)
            } catch {
                report("could not write the API report to \(reportAPI): \(error.localizedDescription)")
            }
        }
        if outcomes.contains(.interrupted) {
            report("memory limit exceeded: the run holds more than \(heapLimit) MB, so it ends here (--heap-limit sets the limit).")
            throw ExitCode(1)
        }
        let reachedMaxTime = outcomes.contains(.timeLimit)
        if reachedMaxTime {
            report("the run reached --max-time (\(String(format: "%g", maxTime)) s of \(realTime ? "real" : "virtual") time) with work still pending, which did not run.")
        }
        if driverUnfinished, !reachedMaxTime { report("the driver script did not finish: a test waited for what never came.") }
        if host.uncaughtErrorCount > 0 || host.testSummary.hasFailures || driverUnfinished || stepFailed || profileFailed { throw ExitCode(1) }
        throw reachedMaxTime ? Self.maxTimeReached : ExitCode.success
    }

    /// Runs the session: the pages open, then the toolbar click and the options page if asked.
    private func runSession(_ host: ExtensionHost, urls: [String]) -> [RunOutcome] {
        host.runSession(opening: urls, maxTime: maxTime) { lastTab in
            if devtools {
                if let lastTab { host.openDevTools(forTab: lastTab) } else { report("--devtools found no tab to inspect.") }
            }
            if clickAction { host.clickAction() }
            if openOptionsPage {
                for name in host.openOptionsPages() {
                    report("\(name) has no options page (its manifest has neither options_ui.page nor options_page): --open-options-page opened none.")
                }
            }
        }
    }

    /// Does the `--do` steps in order, each once the run is idle, printing what the reading steps
    /// read; a step that fails is reported, and the steps after it are not done.
    private func drive(_ host: ExtensionHost, printer: ConsolePrinter) -> (outcomes: [RunOutcome], failed: Bool) {
        var outcomes: [RunOutcome] = []
        for step in steps.compactMap({ try? DriveStep.parse($0) }) {
            switch host.act(step.action, on: step.page, selector: step.selector, text: step.text) {
            case .success(let json):
                if step.action == .text || step.action == .value || step.action == .html || step.action == .select { printer.print(step: step.description, valueJSON: json) }
            case .failure(let error):
                report("--do '\(step)': \(error.message)\(error.message.hasSuffix(".") ? "" : ".")")
                return (outcomes, true)
            }
            outcomes.append(host.run(maxTime: maxTime))
            if outcomes.contains(.interrupted) { break }
        }
        return (outcomes, false)
    }

    private func report(_ message: String) {
        fflush(nil)
        FileHandle.standardError.write(Data("exthost: \(message)\n".utf8))
    }

    private func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("exthost: error: \(message)\n".utf8))
        Foundation.exit(Self.badInput.rawValue)
    }
}

extension Flavor: ExpressibleByArgument {}
extension TestHarness: ExpressibleByArgument {}

/// How `exthost run` prints console output.
enum ConsoleFormat: String, ExpressibleByArgument, CaseIterable {
    /// Readable lines, coloured on a terminal.
    case text
    /// One JSON object a line.
    case jsonl
}
