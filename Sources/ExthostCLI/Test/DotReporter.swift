import Exthost
import Foundation

/// `--reporter dot`: `.` for each test that passed and `F` for each that failed, then the failures
/// and the summary line.
final class DotReporter: TestReporter {
    private let output: TestOutput
    private let text: TestResultText

    init(output: TestOutput, showsFlavor: Bool) {
        self.output = output
        self.text = TestResultText(showsFlavor: showsFlavor, colored: output.isTerminal)
    }

    func started(total: Int) {}

    func finished(_ result: TestCaseResult) {
        output.write(result.outcome.passed ? "." : text.paint("F", "31"))
    }

    func ended(_ summary: TestRunSummary) {
        var lines = [""]
        for result in summary.results where !result.outcome.passed {
            lines.append("")
            lines.append(text.paint("✘", "31") + " " + text.name(result))
            lines += text.failureLines(result, indent: "    ")
        }
        lines.append("")
        lines.append(summary.line)
        output.write(lines.joined(separator: "\n") + "\n")
    }
}
