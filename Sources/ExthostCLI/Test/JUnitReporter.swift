import Exthost
import Foundation

/// `--reporter junit`: JUnit XML, as CI systems read it. Each extension (under each flavor) is a
/// `<testsuite>`; each test its harness ran is a `<testcase>` (an extension that only notified is
/// one testcase), with `<failure>` and the test's console lines as `<system-out>`.
final class JUnitReporter: TestReporter {
    private let output: TestOutput
    private let text: TestResultText

    init(output: TestOutput, showsFlavor: Bool) {
        self.output = output
        self.text = TestResultText(showsFlavor: showsFlavor, colored: false)
    }

    func started(total: Int) {}
    func finished(_ result: TestCaseResult) {}

    func ended(_ summary: TestRunSummary) {
        var suites: [String] = []
        var allTests = 0
        var allFailures = 0
        for result in summary.results {
            let suiteName = text.name(result)
            var cases: [String] = []
            var failures = 0
            var skipped = 0
            for test in result.outcome.tests {
                let seconds = 0.0
                var body = ""
                if let directive = test.directive {
                    skipped += 1
                    let why = test.finished?.message.map { ": " + $0 } ?? ""
                    body += "<skipped message=\"\(Self.escape(directive.rawValue + why))\"/>"
                } else if test.passed != true {
                    failures += 1
                    let message = test.finished?.message ?? "did not end (the run ended while it ran)"
                    var detail = test.finished?.detail ?? message
                    if let place = test.finished?.sourceLocation ?? test.finished?.location { detail += "\nat \(place)" }
                    body += "<failure message=\"\(Self.escape(firstLine(message)))\" type=\"AssertionError\">\(Self.escape(detail))</failure>"
                }
                if !test.console.isEmpty {
                    body += "<system-out>\(Self.escape(test.console.map(\.text).joined(separator: "\n")))</system-out>"
                }
                cases.append("    <testcase classname=\"\(Self.escape(suiteName))\" name=\"\(Self.escape(test.name))\" time=\"\(seconds)\">\(body)</testcase>")
            }
            // What failed outside the tests the harness ran (notifyFail, an uncaught error, no
            // result, a timeout, a crash), or an extension that only notified: one testcase.
            let failedOutside = !result.outcome.passed && !result.outcome.tests.contains { $0.passed != true }
            if result.outcome.tests.isEmpty || failedOutside {
                var body = ""
                if failedOutside {
                    failures += 1
                    let reason = result.outcome.reason ?? "failed"
                    body = "<failure message=\"\(Self.escape(firstLine(reason)))\" type=\"\(result.outcome.tests.isEmpty ? "Failure" : "RunFailure")\">\(Self.escape(reason))</failure>"
                }
                if !result.outcome.console.isEmpty {
                    body += "<system-out>\(Self.escape(result.outcome.console.map(\.text).joined(separator: "\n")))</system-out>"
                }
                cases.append("    <testcase classname=\"\(Self.escape(suiteName))\" name=\"(run)\" time=\"\(result.outcome.milliseconds / 1000)\">\(body)</testcase>")
            }
            allTests += cases.count
            allFailures += failures
            suites.append("  <testsuite name=\"\(Self.escape(suiteName))\" tests=\"\(cases.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"\(skipped)\" time=\"\(result.outcome.milliseconds / 1000)\">\n"
                          + cases.joined(separator: "\n") + "\n  </testsuite>")
        }
        for test in summary.skipped {
            let name = Self.escape(test.name(showingFlavor: text.showsFlavor))
            allTests += 1
            suites.append("  <testsuite name=\"\(name)\" tests=\"1\" failures=\"0\" errors=\"0\" skipped=\"1\" time=\"0\">\n"
                          + "    <testcase classname=\"\(name)\" name=\"(run)\" time=\"0\"><skipped message=\"the run stopped at a failure (--bail)\"/></testcase>\n  </testsuite>")
        }
        output.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                     + "<testsuites name=\"exthost\" tests=\"\(allTests)\" failures=\"\(allFailures)\" errors=\"0\" time=\"\(summary.seconds)\">\n"
                     + suites.joined(separator: "\n") + (suites.isEmpty ? "" : "\n") + "</testsuites>\n")
    }

    private func firstLine(_ text: String) -> String { text.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? text }

    /// Text for XML content or an attribute: markup characters escaped, characters XML 1.0 cannot
    /// hold (controls other than tab and line breaks, unpaired surrogates) as U+FFFD.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "\u{9}", "\u{A}", "\u{D}": escaped.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    escaped += "\u{FFFD}"
                } else {
                    escaped.unicodeScalars.append(scalar)
                }
            }
        }
        return escaped
    }
}
