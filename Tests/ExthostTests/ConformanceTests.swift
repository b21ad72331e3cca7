import BrowserModel
import Exthost
import Foundation
import Testing

/// A conformance case of `fixtures/conformance/`: an extension, a site, and what the real
/// browsers printed for it (`chrome.out`, `firefox.out`, recorded by `scripts/oracle/record.py`).
struct ConformanceCase: CustomTestStringConvertible, Sendable {
    struct Description: Decodable, Sendable {
        var description: String
        var open: [String]
        var clickAction: Bool?
        /// What a person does once the pages have loaded, in the page opened last: `["click",
        /// selector]` or `["type", selector, text]`.
        var `do`: [[String]]?
        var devtools: Bool?
        var flavors: [String]?
        var sortLines: Bool?
        /// Whether the recorder served the site with `Cache-Control: no-store` (its default).
        var noStore: Bool?
        /// What exthost does not have yet that the case needs (`dom`), or a channel of the browser
        /// it does not reproduce by design (`console-log-channel`); such cases are not compared.
        var requires: [String]?
        /// Flavors in which exthost is known to print something else, with the reason; the suite
        /// expects the difference (a known issue) and fails when it goes away.
        var knownDifferences: [String: String]?
        /// Per flavor, single lines exthost is known to print differently: the rest of the case
        /// is still compared line by line. Each is expected (a known issue) and the suite fails
        /// when it goes away.
        var knownLineDifferences: [String: [KnownLine]]?
        /// The recorder's quiet time (seconds without a new line before it stops), when the case
        /// sets one: the browser went on running that long, so exthost's clock does too once the
        /// run is idle (a background stopped after 30 s idle shows only then).
        var quiet: Double?
        /// How long the recorder let the browser run at most, in seconds: exthost's clock may go
        /// as far (at least the 60 s of a run's default).
        var timeout: Double?
    }

    /// A line of the recording that exthost prints differently, and why.
    struct KnownLine: Decodable, Sendable {
        /// The line as the browser printed it.
        var browser: String
        /// The line exthost prints in its place.
        var exthost: String
        var reason: String
    }

    var name: String
    var flavor: Flavor
    var directory: URL
    var description: Description
    var expected: [String]
    var testDescription: String { "\(name) (\(flavor.rawValue))" }

    static let root = packageRoot.appendingPathComponent("fixtures/conformance")

    /// `text` with Chromium's isolated-world origin (`chrome-extension://UUID/`, new in every run of
    /// the browser and of exthost: the content scripts' content security policy) as
    /// `chrome-extension://UUID/`.
    static func normalizeIsolatedWorldOrigin(_ text: String) -> String {
        text.replacingOccurrences(of: #"chrome-extension://[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/"#,
                                  with: "chrome-extension://UUID/", options: .regularExpression)
    }

    /// Every case and flavor with a recording.
    static func all() throws -> [ConformanceCase] {
        let names = try FileManager.default.contentsOfDirectory(atPath: root.path).sorted()
        var cases: [ConformanceCase] = []
        for name in names {
            let directory = root.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent("case.json").path) else { continue }
            let description = try JSONDecoder().decode(Description.self, from: data)
            if let requires = description.requires, !requires.isEmpty { continue }
            for flavor in Flavor.allCases {
                let out = directory.appendingPathComponent("\(flavor.rawValue).out")
                // (An empty recording is not read: FoundationEssentials leaves its read buffer behind
                // for an empty file, which LeakSanitizer reports.)
                guard let size = (try? FileManager.default.attributesOfItem(atPath: out.path))?[.size] as? Int else { continue }
                guard let text = size == 0 ? "" : try? String(contentsOf: out, encoding: .utf8) else { continue }
                var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }
                    .map(normalizeIsolatedWorldOrigin)
                // (The recorder sorts such a case's lines; sorted again here, in the order exthost's are.)
                if description.sortLines == true { lines.sort() }
                cases.append(ConformanceCase(name: name, flavor: flavor, directory: directory, description: description, expected: lines))
            }
        }
        return cases
    }

    /// The case's other extensions (`extension-2/`, `extension-3/`, ...), loaded after `extension/`
    /// in that order, as the recorder installs them.
    var moreExtensions: [URL] {
        var folders: [URL] = []
        while case let folder = directory.appendingPathComponent("extension-\(folders.count + 2)"), FileManager.default.fileExists(atPath: folder.path) {
            folders.append(folder)
        }
        return folders
    }

    /// Runs the case through exthost and returns its lines in the recorder's format.
    func run() throws -> [String] {
        // A case without pages has no site folder (git keeps no empty folders): its URLs load as empty pages.
        let siteFolder = directory.appendingPathComponent("site")
        let sites = FileManager.default.fileExists(atPath: siteFolder.path)
            ? try Self.siteWithPort(siteFolder).path : nil
        let maxTime: Double = max(60, description.timeout ?? 60)
        let run = try HostRun.run(
            directory.appendingPathComponent("extension"), flavor: flavor,
            open: description.open.map { "http://127.0.0.1:8000" + $0 },
            sites: sites.map { ["http://127.0.0.1:8000": $0, "http://localhost:8000": $0] } ?? [:],
            clickAction: description.clickAction ?? false, maxTime: maxTime, noStore: description.noStore ?? true, devtools: description.devtools ?? false,
            steps: description.do ?? [], quiet: description.quiet, more: moreExtensions)
        // (Each extension's id, or Firefox's UUID of its URLs, as the recorder writes it: EXTID, EXTID2, ...)
        let extensionIDs = run.loadedExtensions.enumerated().map { index, instance in
            (instance.id.flavor == .chrome ? instance.id.runtimeID : instance.id.host, index == 0 ? "EXTID" : "EXTID\(index + 1)")
        }
        var lines = run.messages.filter(isVisibleToRecorder).map { recorderLine($0, extensionIDs: extensionIDs) }
        if description.sortLines == true { lines.sort() }
        return lines
    }

    /// The case's site with `{{PORT}}` in its files replaced by the port exthost serves it on
    /// (the recorder does the same), copied to a temporary folder when any file has it.
    static func siteWithPort(_ site: URL) throws -> URL {
        let files = FileManager.default.enumerator(at: site, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        guard files.contains(where: { (try? String(contentsOf: $0, encoding: .utf8))?.contains("{{PORT}}") == true }) else { return site }
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("exthost-site-\(UUID().uuidString)")
        for file in files {
            let relative = String(file.standardizedFileURL.path.dropFirst(site.standardizedFileURL.path.count))
            let target = copy.appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: file.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            if let text = try? String(contentsOf: file, encoding: .utf8) {
                try text.replacingOccurrences(of: "{{PORT}}", with: "8000").write(to: target, atomically: true, encoding: .utf8)
            } else {
                try FileManager.default.copyItem(at: file, to: target)
            }
        }
        return copy
    }

    /// Chromium logs a content script's `Unchecked runtime.lastError` and `Error in event handler`
    /// with the page as their source, and the recorder keeps only lines from the extension's own
    /// files, so the recordings cannot show them (scripts/oracle/README.md); nor an error thrown by
    /// code of no file of the extension (a function `scripting.executeScript` ran); nor what a web
    /// page's own scripts print, in either browser.
    private func isVisibleToRecorder(_ message: ConsoleMessage) -> Bool {
        guard message.context != .webPage else { return false }
        guard flavor == .chrome, message.context == .content else { return true }
        if message.isUncaught, let location = message.location, location.hasPrefix("http") { return false }
        return !message.text.hasPrefix("Unchecked runtime.lastError") && !message.text.hasPrefix("Error in event handler")
    }

    /// A console message as the recorder writes what the browser logged: `bg:`, `cs:` or `err:`.
    private func recorderLine(_ message: ConsoleMessage, extensionIDs: [(id: String, name: String)]) -> String {
        func normalize(_ text: String) -> String {
            var text = ConformanceCase.normalizeIsolatedWorldOrigin(text).replacingOccurrences(of: "127.0.0.1:8000", with: "127.0.0.1:PORT")
                .replacingOccurrences(of: "localhost:8000", with: "localhost:PORT")
            for (id, name) in extensionIDs { text = text.replacingOccurrences(of: id, with: name) }
            return text.replacingOccurrences(of: "\n", with: "\\n")
        }
        let text = message.text
        if let error = errorLine(message) {
            return "err: " + normalize(String(error.prefix { $0 != "\n" }))
        }
        return (message.context == .content ? "cs: " : "bg: ") + normalize(text)
    }

    /// The `err:` text of an error report, as the browser's log carries it, or nil for other messages.
    private func errorLine(_ message: ConsoleMessage) -> String? {
        let text = message.text
        switch flavor {
        case .chrome:
            let prefixes = ["Uncaught ", "Uncaught(", "Error in event handler:", "Unchecked runtime.lastError:", "Error handling response:"]
            return prefixes.contains { text.hasPrefix($0) } ? text : nil
        case .firefox:
            // exthost reports an uncaught exception with the text of Firefox's console service
            // (`Name: message`, `uncaught exception: value`), which the recorder reads.
            // The browser's own reports of a refused request are errors of its console too.
            let reports = ["Unchecked lastError value: ", "Cross-Origin Request Blocked: ", "Security Error: ", "Content-Security-Policy: ",
                           "Unknown localization message ", "Error: Property ", "Error: Warning processing "]
            return message.isUncaught || (message.level == .error && reports.contains { text.hasPrefix($0) }) ? text : nil
        }
    }
}

@Suite("Conformance with the real browsers")
struct ConformanceTests {
    @Test(arguments: try ConformanceCase.all())
    func conformance(_ testCase: ConformanceCase) throws {
        let lines = try testCase.run()
        // EXTHOST_CONFORMANCE_OUT=DIR writes what exthost printed, as DIR/<case>.<flavor>.out, for diffing.
        if let directory = ProcessInfo.processInfo.environment["EXTHOST_CONFORMANCE_OUT"] {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let file = URL(fileURLWithPath: directory).appendingPathComponent("\(testCase.name).\(testCase.flavor.rawValue).out")
            try? (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        }
        // Known single-line differences: the browser's line stands in for exthost's, each a known issue.
        var compared = lines
        for known in testCase.description.knownLineDifferences?[testCase.flavor.rawValue] ?? [] {
            let index = testCase.expected.indices.first { testCase.expected[$0] == known.browser && $0 < compared.count && compared[$0] == known.exthost }
            if let index {
                compared[index] = known.browser
                withKnownIssue(Comment(rawValue: known.reason)) {
                    Issue.record("exthost prints \(known.exthost.debugDescription) where the browser printed \(known.browser.debugDescription)")
                }
            } else {
                Issue.record("The known difference \(known.exthost.debugDescription) for \(known.browser.debugDescription) is gone: remove it from case.json.")
            }
        }
        let comparison = {
            #expect(compared == testCase.expected, "\(testCase.description.description)\n--- exthost\n\(lines.joined(separator: "\n"))\n--- \(testCase.flavor.rawValue)\n\(testCase.expected.joined(separator: "\n"))")
        }
        if let reason = testCase.description.knownDifferences?[testCase.flavor.rawValue] {
            withKnownIssue(Comment(rawValue: reason), comparison)
        } else {
            comparison()
        }
    }
}
