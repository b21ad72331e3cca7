import Exthost
import Foundation

/// How a run of `exthost test` went, for the reporters' last word.
struct TestRunSummary {
    /// Every result, in the order they came.
    var results: [TestCaseResult]
    /// The tests that did not run (`--bail` stopped the run first).
    var skipped: [TestCase]
    /// The run's wall time, in seconds.
    var seconds: Double

    var passedCount: Int { results.filter(\.outcome.passed).count }
    var failedCount: Int { results.count - passedCount }

    /// `3 passed, 1 failed` (`, 2 skipped`).
    var line: String {
        "\(passedCount) passed, \(failedCount) failed" + (skipped.isEmpty ? "" : ", \(skipped.count) skipped")
    }
}

/// One way of reporting a run (`--reporter NAME[=FILE]`).
protocol TestReporter: AnyObject {
    /// The run starts: `total` tests.
    func started(total: Int)
    /// A test ended.
    func finished(_ result: TestCaseResult)
    /// The run ended.
    func ended(_ summary: TestRunSummary)
}

/// The reporters `--reporter` names.
enum TestReporterKind: String, CaseIterable {
    /// One line per test, with each failure's details (the default).
    case list
    /// One character per test, then the failures.
    case dot
    /// TAP version 13.
    case tap
    /// JUnit XML, as CI systems read it.
    case junit
    /// One JSON document with every result.
    case json
}

/// A `--reporter` argument: `NAME` (standard output) or `NAME=FILE`.
struct TestReporterChoice {
    let kind: TestReporterKind
    let file: String?

    init(parsing text: String) throws(TestReporterChoiceError) {
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        guard let kind = TestReporterKind(rawValue: parts.first ?? "") else {
            throw TestReporterChoiceError("unknown reporter \"\(parts.first ?? "")\" (choose from \(TestReporterKind.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        self.kind = kind
        self.file = parts.count > 1 ? parts[1] : nil
        if let file, file.isEmpty { throw TestReporterChoiceError("--reporter \(kind.rawValue)=: the file name is empty") }
    }
}

/// A `--reporter` argument that names no reporter.
struct TestReporterChoiceError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Where a reporter writes: standard output as it goes, or a file written when the run ends.
final class TestOutput {
    private let file: String?
    private var buffer = Data()

    init(file: String?) { self.file = file }

    /// Whether it is a terminal (colours and a live line).
    var isTerminal: Bool { file == nil && isatty(STDOUT_FILENO) == 1 }

    func write(_ text: String) {
        if file == nil {
            FileHandle.standardOutput.write(Data(text.utf8))
        } else {
            buffer.append(Data(text.utf8))
        }
    }

    /// Writes the file (a file output), making its folder first.
    func close() throws {
        guard let file else { return }
        let url = URL(fileURLWithPath: file)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try buffer.write(to: url)
    }
}

/// What every reporter shows of a test: its name, and its failures in readable lines.
struct TestResultText {
    let showsFlavor: Bool
    let colored: Bool

    func name(_ result: TestCaseResult) -> String { result.testCase.name(showingFlavor: showsFlavor) }

    func paint(_ text: String, _ code: String) -> String { colored ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }

    /// The failures of a failed result, each with its place, the source line there, and the
    /// console lines of its test, indented by `indent`.
    func failureLines(_ result: TestCaseResult, indent: String) -> [String] {
        let outcome = result.outcome
        var lines: [String] = []
        for test in outcome.tests where test.passed != true {
            let message = test.finished?.message ?? "did not end (the run ended while it ran)"
            lines.append(indent + paint("✘ \(test.name)", "31") + ": " + firstLine(message))
            if let expected = test.finished?.expected, let actual = test.finished?.actual {
                // (The message repeats the two values: the difference says it better.)
                lines += diffLines(expected: expected, actual: actual, indent: indent + "  ")
            } else {
                lines += restLines(message).map { indent + "  " + $0 }
            }
            for check in test.failedChecks where check.message != test.finished?.message || check.expected != nil {
                lines += checkLines(check, indent: indent + "  ")
            }
            if let finished = test.finished { lines += placeLines(finished, indent: indent + "  ") }
            if !test.console.isEmpty {
                lines.append(indent + "  " + paint("console:", "2"))
                lines += test.console.flatMap { message in
                    message.text.split(separator: "\n", omittingEmptySubsequences: false).map { indent + "    " + $0 }
                }
            }
        }
        // (Chromium's runTests ends with notifyFail("Failed N of M tests"): with the failed tests
        // above, that says nothing more.)
        let testsFailed = outcome.tests.contains { $0.passed == false }
        for event in outcome.events where event.isFailure && !(testsFailed && event.kind == .done) {
            lines += checkLines(event, indent: indent)
        }
        if let reason = outcome.reason, !outcome.tests.contains(where: { $0.passed == false }) {
            lines.append(indent + paint(firstLine(reason), "31"))
            lines += restLines(reason).map { indent + "  " + $0 }
            if !outcome.console.isEmpty {
                lines.append(indent + "  " + paint("console:", "2"))
                lines += outcome.console.flatMap { message in
                    message.text.split(separator: "\n", omittingEmptySubsequences: false).map { indent + "    " + $0 }
                }
            }
        }
        return lines
    }

    private func checkLines(_ event: TestEvent, indent: String) -> [String] {
        var lines = [indent + paint("✘ ", "31") + (event.kind == .done ? "notifyFail: " : "") + (event.message ?? "")]
        if let expected = event.expected, let actual = event.actual {
            if expected.contains("\n") || actual.contains("\n") {
                lines += diffLines(expected: expected, actual: actual, indent: indent + "  ")
            } else {
                lines.append(indent + "  " + paint("Expected: " + expected, "32"))
                lines.append(indent + "  " + paint("Actual:   " + actual, "31"))
            }
        }
        return lines + placeLines(event, indent: indent + "  ")
    }

    /// The two values of a failed comparison as a difference: `- expected` (green), `+ actual`
    /// (red), the lines both have unmarked.
    func diffLines(expected: String, actual: String, indent: String) -> [String] {
        var lines = [indent + paint("- expected", "32") + " " + paint("+ actual", "31"), ""]
        for line in LineDiff(from: Self.laidOut(expected), to: Self.laidOut(actual)).lines {
            switch line {
            case .same(let text): lines.append(indent + "  " + text)
            case .removed(let text): lines.append(indent + paint("- " + text, "32"))
            case .added(let text): lines.append(indent + paint("+ " + text, "31"))
            }
        }
        return lines
    }

    /// A value as a harness wrote it, laid out a member a line when it is JSON text (Chromium's
    /// `assertEq` writes its values as JSON on one line), else as it is.
    static func laidOut(_ value: String) -> String {
        guard value.hasPrefix("{") || value.hasPrefix("["), let parsed = JSONValue.parse(value) else { return value }
        return parsed.prettyText
    }

    /// `(9 tests, 1 skipped)`: what a result's tests came to, when it has tests.
    func testCounts(_ result: TestCaseResult) -> String {
        let tests = result.outcome.tests
        guard !tests.isEmpty else { return "" }
        let skipped = tests.filter { $0.directive == .skip }.count
        let todo = tests.filter { $0.directive == .todo }.count
        return " (\(tests.count) test\(tests.count == 1 ? "" : "s")" + (skipped > 0 ? ", \(skipped) skipped" : "") + (todo > 0 ? ", \(todo) todo" : "") + ")"
    }

    /// `at path:line:column` and the source line there.
    private func placeLines(_ event: TestEvent, indent: String) -> [String] {
        guard let place = event.sourceLocation ?? event.location else { return [] }
        var lines = [indent + paint("at " + place, "2")]
        if let file = event.sourceLocation, let source = Self.sourceLine(at: file) {
            lines.append(indent + paint("\(source.number) │ ", "2") + source.text.trimmingCharacters(in: .whitespaces))
        }
        return lines
    }

    /// The line of the file a `path:line:column` place names.
    static func sourceLine(at place: String) -> (number: Int, text: String)? {
        let parts = place.split(separator: ":")
        guard parts.count >= 3, let line = Int(parts[parts.count - 2]), line > 0 else { return nil }
        let path = parts.dropLast(2).joined(separator: ":")
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard line <= lines.count else { return nil }
        return (line, String(lines[line - 1]))
    }

    private func firstLine(_ text: String) -> String { text.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? text }
    private func restLines(_ text: String) -> [String] { text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().map(String.init) }

    static func milliseconds(_ value: Double) -> String {
        value < 1000 ? "\(Int(value.rounded())) ms" : String(format: "%.2f s", value / 1000)
    }
}
