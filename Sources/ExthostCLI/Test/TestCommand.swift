import ArgumentParser
import BrowserModel
import Exthost
import Foundation

/// `exthost test`: finds the extensions whose scripts use `chrome.test` or `browser.test`, runs
/// each in a fresh host (several at once, in worker processes), reports each, and ends with
/// `N passed, N failed`.
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run extensions' chrome.test/browser.test tests and driver scripts (*.test.js), for CI.",
        discussion: """
            Each PATH is an extension folder (a test, whatever its scripts use), a driver script (a \
            .js file), or a folder to search for extension folders whose scripts name chrome.test or \
            browser.test and for driver scripts named *.test.js (node_modules, .git and .build are \
            not searched). The default is the working directory.

            A driver script drives the browser from outside, with test(), describe(), hooks, Node's \
            assert and the exthost object: exthost.loadExtension('my-extension'), \
            exthost.openTab(url), extension.awaitMessage(name), exthost.waitForConsole(text), \
            extension.clickAction(tab), extension.restartBackground(), exthost.messages(). What a \
            test loaded and opened is gone after it; a test that waits for what never comes fails.

            Each test runs in a fresh host, as `exthost run` would run it: its background starts, the \
            --open pages load, and the run goes on until no work is left. It passes when its harness \
            reported a result (a test that passed, or notifyPass), nothing failed (a test, a check, \
            notifyFail), no script threw or rejected uncaught, and it ended within --timeout seconds \
            of the wall clock. A test that hangs, or crashes its host, fails with that reason; the \
            others go on. Tests run --jobs at a time, each in a worker process.

            Reporters: list (the default: a line per test, failures with their place and source line \
            and the console lines of the failing test), dot, tap (TAP 13), junit (JUnit XML), json. \
            Give several, each with its own file: --reporter list --reporter junit=results.xml.

            exthost.json (in the working directory, or --config FILE) keeps these with the project: \
            {"tests": ["tests/"], "flavors": ["chrome", "firefox"], "sites": {"http://127.0.0.1:8000": \
            "tests/site"}, "open": [...], "reporters": ["list", "junit=reports/junit.xml"], "timeout": 30, \
            "maxTime": 60, "scriptTimeout": 10, "jobs": 2, "harness": "chrome", "customArg": "..."}; paths \
            in it are relative to its folder, and an option given on the command line wins.

            --trace DIR writes, for each test, a sequence diagram of every message, event, API call \
            and console line (DIR/<test path>-<flavor>.html; --trace DIR=json for data).

            --watch runs again, after the first run, the tests whose folder changes (every test when \
            a --site folder changes), until stopped with Ctrl-C.

            Exit status: 0 when every test passed; 1 when one failed; 2 for bad input (or no test \
            found).

            Examples:
              exthost test fixtures/extension-tests --site http://127.0.0.1:8000=fixtures/site
              exthost test fixtures/driver-tests/greeter.test.js --site http://127.0.0.1:8000=fixtures/site
              exthost test --flavor chrome,firefox --reporter list --reporter junit=out/junit.xml
              exthost test --shard 2/4 --grep messaging
            """
    )

    @Argument(help: "Extension folders, driver scripts, or folders to search for them (default: exthost.json's tests, else the working directory).", completion: .file())
    var paths: [String] = []

    @Option(help: ArgumentHelp("Which browsers to behave as, comma-separated: chrome, firefox, or chrome,firefox (each test runs under each). Default: chrome.", valueName: "flavors"))
    var flavor: String?

    @Option(name: .customLong("reporter"), help: ArgumentHelp("list, dot, tap, junit or json, to standard output or NAME=FILE. Repeatable. Default: list.", valueName: "name[=file]"))
    var reporters: [String] = []

    @Option(help: ArgumentHelp("Run only the tests whose name (path, and flavor) matches this regular expression.", valueName: "pattern"))
    var grep: String?

    @Option(help: ArgumentHelp("Run the K-th of N parts of the tests (the same split on every machine), e.g. 2/4.", valueName: "K/N"))
    var shard: String?

    @Option(help: ArgumentHelp("Fail a test that has not ended after this many seconds of the wall clock. Default: 60.", valueName: "seconds"))
    var timeout: Double?

    @Flag(help: "Stop at the first failure (the tests not yet started are skipped).")
    var bail = false

    @Flag(help: "After the run, watch the test folders (and --site folders) and run again the tests whose files change, until stopped.")
    var watch = false

    @Option(help: ArgumentHelp("How many tests run at once (default: the number of processors).", valueName: "n"))
    var jobs: Int?

    @Option(name: .customLong("site"), help: ArgumentHelp("Serve the files of DIR for URLs under ORIGIN (as exthost run). Repeatable.", valueName: "origin=dir"))
    var sites: [String] = []

    @Option(name: .customLong("open"), help: ArgumentHelp("A URL every test opens, in order (as exthost run). Repeatable.", valueName: "url"))
    var urls: [String] = []

    @Option(help: ArgumentHelp("The test harness: chrome or firefox (default: the one each extension's scripts name).", valueName: "harness"))
    var harness: TestHarness?

    @Option(name: .customLong("max-time"), help: ArgumentHelp("Seconds of each run's (virtual) clock after which it ends. Default: 60.", valueName: "seconds"))
    var maxTime: Double?

    @Option(name: .customLong("script-timeout"), help: ArgumentHelp("Stop a script task that runs longer than this many seconds of CPU time. Default: 10.", valueName: "seconds"))
    var scriptTimeout: Double?

    @Option(name: .customLong("test-custom-arg"), help: ArgumentHelp("What chrome.test.getConfig() gives as customArg.", valueName: "text"))
    var testCustomArg: String?

    @Option(help: ArgumentHelp("Write a trace of each test (every message, event, API call, console line and result) into DIR: FORMAT html (sequence diagrams, the default) or json, as --trace DIR or --trace DIR=json.", valueName: "dir[=format]"))
    var trace: String?

    @Option(help: ArgumentHelp("The configuration file (default: exthost.json in the working directory, when there is one).", valueName: "file"))
    var config: String?

    @Flag(name: .customLong("network"), help: "Let fetch and XMLHttpRequest reach real http and https servers (as exthost run).")
    var network = false

    @Flag(name: .customLong("keep-alive"), help: "Keep service workers and event pages running (as exthost run).")
    var keepAlive = false

    @Option(name: .customLong("with-extension"), help: ArgumentHelp("Load the extension in DIR before each one tested (or before each driver script runs), as an extension it works with is installed beside it; repeat for more, loaded in order.", valueName: "dir"))
    var companions: [String] = []

    /// What the run uses: the command line, else exthost.json, else the defaults.
    struct Settings {
        var paths: [String]
        var flavors: [Flavor]
        var reporters: [TestReporterChoice]
        var sites: [String]
        var open: [String]
        var harness: TestHarness?
        var timeout: Double
        var maxTime: Double
        var scriptTimeout: Double
        var jobs: Int
        var customArg: String?
        var network: Bool
        var keepAlive: Bool
        var companions: [String]
    }

    func settings(workingDirectory: URL) throws -> Settings {
        var file = TestConfigurationFile()
        let defaultFile = workingDirectory.appendingPathComponent("exthost.json")
        if let config {
            do { file = try TestConfigurationFile.load(URL(fileURLWithPath: config, relativeTo: workingDirectory)) } catch { throw ValidationError(error.description) }
        } else if FileManager.default.fileExists(atPath: defaultFile.path) {
            do { file = try TestConfigurationFile.load(defaultFile) } catch { throw ValidationError(error.description) }
        }
        let settings = Settings(
            paths: !paths.isEmpty ? paths : file.tests ?? ["."],
            flavors: try flavor.map(parseFlavors) ?? file.flavors ?? [.chrome],
            reporters: try reporterChoices(!reporters.isEmpty ? reporters : file.reporters ?? ["list"]),
            sites: !sites.isEmpty ? sites : file.sites ?? [],
            open: !urls.isEmpty ? urls : file.open ?? [],
            harness: harness ?? file.harness,
            timeout: timeout ?? file.timeout ?? 60,
            maxTime: maxTime ?? file.maxTime ?? 60,
            scriptTimeout: scriptTimeout ?? file.scriptTimeout ?? 10,
            jobs: jobs ?? file.jobs ?? ProcessInfo.processInfo.activeProcessorCount,
            customArg: testCustomArg ?? file.customArg,
            network: network || file.network == true,
            keepAlive: keepAlive || file.keepAlive == true,
            companions: !companions.isEmpty ? companions : file.withExtensions ?? [])
        guard settings.timeout > 0, settings.timeout.isFinite else { throw ValidationError("--timeout must be a positive number of seconds.") }
        guard settings.maxTime > 0 else { throw ValidationError("--max-time must be a positive number of seconds.") }
        guard settings.scriptTimeout > 0, settings.scriptTimeout.isFinite else { throw ValidationError("--script-timeout must be a positive number of seconds.") }
        guard settings.jobs >= 1 else { throw ValidationError("--jobs must be at least 1.") }
        return settings
    }

    /// The folder of `--trace` and the format of its files.
    func traceTarget() throws -> (folder: String, format: String)? {
        guard let trace else { return nil }
        let parts = trace.split(separator: "=", maxSplits: 1).map(String.init)
        let format = parts.count > 1 ? parts[1] : "html"
        guard let folder = parts.first, !folder.isEmpty, format == "html" || format == "json" else {
            throw ValidationError("--trace must be DIR, DIR=html or DIR=json.")
        }
        return (folder, format)
    }

    /// The trace file of a test: under `folder`, at the test's own path (`fixtures/a/b.test.js` →
    /// `fixtures/a/b.test.js-chrome.html`; a `..` as `_up`, so every file stays inside `folder`).
    static func traceFile(for path: String, flavor: Flavor, in folder: String, format: String) -> String {
        let components = path.split(separator: "/").filter { $0 != "." }.map { $0 == ".." ? "_up" : String($0) }
        let relative = components.isEmpty ? "test" : components.joined(separator: "/")
        return URL(fileURLWithPath: folder).appendingPathComponent("\(relative)-\(flavor.rawValue).\(format)").path
    }

    func validate() throws {
        _ = try traceTarget()
        _ = try shardParts()
        if let grep { _ = try grepExpression(grep) }
    }

    func parseFlavors(_ text: String) throws -> [Flavor] {
        var list: [Flavor] = []
        for name in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            guard let flavor = Flavor(rawValue: name) else { throw ValidationError("--flavor: unknown flavor \"\(name)\" (chrome, firefox).") }
            if !list.contains(flavor) { list.append(flavor) }
        }
        guard !list.isEmpty else { throw ValidationError("--flavor: give chrome, firefox or both.") }
        return list
    }

    func shardParts() throws -> (index: Int, count: Int)? {
        guard let shard else { return nil }
        let parts = shard.split(separator: "/").map { Int($0) }
        guard parts.count == 2, let index = parts[0], let count = parts[1], count >= 1, (1...count).contains(index) else {
            throw ValidationError("--shard must be K/N with 1 ≤ K ≤ N, e.g. 2/4.")
        }
        return (index, count)
    }

    func reporterChoices(_ texts: [String]) throws -> [TestReporterChoice] {
        let choices = try texts.map { text in
            do { return try TestReporterChoice(parsing: text) } catch { throw ValidationError("--reporter \(text): \(error)") }
        }
        if choices.filter({ $0.file == nil }).count > 1 {
            throw ValidationError("--reporter: only one reporter can write to standard output; give the others a file (junit=results.xml).")
        }
        return choices
    }

    func grepExpression(_ pattern: String) throws -> NSRegularExpression {
        do { return try NSRegularExpression(pattern: pattern) } catch { throw ValidationError("--grep: not a regular expression: \(pattern)") }
    }

    func run() throws {
        let workingDirectory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
        let settings: Settings
        do {
            settings = try self.settings(workingDirectory: workingDirectory)
        } catch let error as ValidationError {
            fail(error.message)
        }
        let folders: [String]
        do {
            folders = try TestDiscovery.find(in: settings.paths, workingDirectory: workingDirectory)
        } catch {
            fail(error.description)
        }
        let showsFlavor = settings.flavors.count > 1
        var tests: [TestCase] = []
        for folder in folders {
            for flavor in settings.flavors {
                var spec = ExtensionTestSpec(path: folder, flavor: flavor, harness: settings.harness, sites: settings.sites, open: settings.open,
                                             maxTime: settings.maxTime, scriptTimeout: settings.scriptTimeout, customArg: settings.customArg,
                                             network: settings.network, keepAlive: settings.keepAlive)
                if !settings.companions.isEmpty { spec.companions = settings.companions }
                if let (traceFolder, format) = try traceTarget() {
                    spec.trace = Self.traceFile(for: folder, flavor: flavor, in: URL(fileURLWithPath: traceFolder, relativeTo: workingDirectory).path, format: format)
                }
                tests.append(TestCase(path: folder, flavor: flavor, spec: spec))
            }
        }
        if let grep {
            let expression = try grepExpression(grep)
            tests = tests.filter { test in
                let name = test.name(showingFlavor: true)
                return expression.firstMatch(in: name, range: NSRange(name.startIndex..., in: name)) != nil
            }
        }
        if let (index, count) = try shardParts() {
            tests = tests.enumerated().filter { $0.offset % count == index - 1 }.map(\.element)
        }
        guard !tests.isEmpty else {
            fail(folders.isEmpty
                 ? "no tests found: no extension folder under \(settings.paths.joined(separator: ", ")) names chrome.test or browser.test, and no file there is named *.test.js."
                 : "no test left to run after --grep and --shard.")
        }
        let pool = TestPool(executable: try Self.executablePath(), jobs: settings.jobs, timeout: settings.timeout)
        let summary = runOnce(tests, pool: pool, settings: settings, showsFlavor: showsFlavor)
        guard watch else { throw summary.failedCount > 0 ? ExitCode(1) : ExitCode.success }
        // --watch: run again the tests whose folder changed (all of them when a site changed).
        let siteFolders = settings.sites.compactMap { $0.split(separator: "=", maxSplits: 1).last.map(String.init) }
        // (A driver script is watched with its folder, where the extensions it loads usually are.)
        func watchedFolder(_ test: TestCase) -> String {
            test.spec.isDriverScript ? URL(fileURLWithPath: test.path).deletingLastPathComponent().path : test.path
        }
        let testFolders = Set(tests.map(watchedFolder))
        var snapshots = FolderSnapshot.take(testFolders.sorted() + siteFolders)
        FileHandle.standardError.write(Data("exthost: watching \(testFolders.count) test folders for changes (Ctrl-C stops)\n".utf8))
        while true {
            Thread.sleep(forTimeInterval: 0.3)
            let now = FolderSnapshot.take(snapshots.keys.sorted())
            let changed = Set(now.keys.filter { now[$0] != snapshots[$0] })
            snapshots = now
            guard !changed.isEmpty else { continue }
            let rerun = changed.contains(where: siteFolders.contains) ? tests : tests.filter { changed.contains(watchedFolder($0)) }
            FileHandle.standardOutput.write(Data("\n── \(changed.sorted().joined(separator: ", ")) changed\n".utf8))
            _ = runOnce(rerun, pool: pool, settings: settings, showsFlavor: showsFlavor)
        }
    }

    /// Runs `tests` once and reports them; the reporters' files are written when it ends.
    private func runOnce(_ tests: [TestCase], pool: TestPool, settings: Settings, showsFlavor: Bool) -> TestRunSummary {
        let outputs = settings.reporters.map { ($0, TestOutput(file: $0.file)) }
        let reporters: [TestReporter] = outputs.map { choice, output in
            switch choice.kind {
            case .list: ListReporter(output: output, showsFlavor: showsFlavor)
            case .dot: DotReporter(output: output, showsFlavor: showsFlavor)
            case .tap: TAPReporter(output: output, showsFlavor: showsFlavor)
            case .junit: JUnitReporter(output: output, showsFlavor: showsFlavor)
            case .json: JSONReporter(output: output, showsFlavor: showsFlavor)
            }
        }
        let started = Date()
        reporters.forEach { $0.started(total: tests.count) }
        let collected = ResultList(reporters: reporters)
        let stopAtFailure = bail
        // (The pool calls this one result at a time.)
        pool.run(tests) { result in
            collected.append(result)
            return !(stopAtFailure && !result.outcome.passed)
        }
        let results = collected.results
        let ran = Set(results.map { "\($0.testCase.path)\u{0}\($0.testCase.flavor.rawValue)" })
        let skipped = tests.filter { !ran.contains("\($0.path)\u{0}\($0.flavor.rawValue)") }
        let summary = TestRunSummary(results: results, skipped: skipped, seconds: Date().timeIntervalSince(started))
        reporters.forEach { $0.ended(summary) }
        for (choice, output) in outputs {
            do {
                try output.close()
            } catch {
                fail("--reporter \(choice.kind.rawValue)=\(choice.file ?? ""): cannot write the file: \(error.localizedDescription)")
            }
        }
        return summary
    }

    /// This executable (the workers are this program too).
    static func executablePath() throws -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard length > 0 else { throw ValidationError("cannot find the exthost executable (/proc/self/exe)") }
        return String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("exthost: error: \(message)\n".utf8))
        Foundation.exit(RunCommand.badInput.rawValue)
    }
}

/// The results as they come, from the pool's threads (one at a time), each handed to the reporters.
private final class ResultList: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [TestCaseResult] = []
    private let reporters: [TestReporter]

    init(reporters: [TestReporter]) { self.reporters = reporters }

    func append(_ result: TestCaseResult) {
        lock.lock()
        list.append(result)
        reporters.forEach { $0.finished(result) }
        lock.unlock()
    }

    var results: [TestCaseResult] {
        lock.lock()
        defer { lock.unlock() }
        return list
    }
}
