import Exthost
import Foundation

/// `--reporter tap`: TAP version 13, one test point per test as it ends, with a YAML block for a
/// failure.
final class TAPReporter: TestReporter {
    private let output: TestOutput
    private let text: TestResultText
    private var number = 0

    init(output: TestOutput, showsFlavor: Bool) {
        self.output = output
        self.text = TestResultText(showsFlavor: showsFlavor, colored: false)
    }

    func started(total: Int) {
        output.write("TAP version 13\n1..\(total)\n")
    }

    func finished(_ result: TestCaseResult) {
        number += 1
        let name = text.name(result).replacingOccurrences(of: "#", with: "\\#")
        guard !result.outcome.passed else {
            output.write("ok \(number) - \(name)\n")
            return
        }
        var lines = ["not ok \(number) - \(name)", "  ---"]
        lines.append("  message: " + Self.yamlString(result.outcome.reason ?? "failed"))
        let failing = result.outcome.tests.filter { $0.passed != true }
        if !failing.isEmpty {
            lines.append("  failures:")
            for test in failing {
                lines.append("    - test: " + Self.yamlString(test.name))
                lines.append("      message: " + Self.yamlString(test.finished?.message ?? "did not end"))
                if let place = test.finished?.sourceLocation ?? test.finished?.location { lines.append("      at: " + Self.yamlString(place)) }
            }
        }
        lines.append("  duration_ms: \(Int(result.outcome.milliseconds.rounded()))")
        lines.append("  ...")
        output.write(lines.joined(separator: "\n") + "\n")
    }

    func ended(_ summary: TestRunSummary) {
        if !summary.skipped.isEmpty {
            for test in summary.skipped {
                number += 1
                output.write("ok \(number) - \(test.name(showingFlavor: text.showsFlavor)) # SKIP the run stopped at a failure (--bail)\n")
            }
        }
        output.write("# \(summary.line)\n")
    }

    /// A double-quoted YAML string.
    static func yamlString(_ value: String) -> String {
        JSONValue.string(value).jsonText
    }
}
