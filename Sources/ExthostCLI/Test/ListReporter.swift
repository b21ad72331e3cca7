import Exthost
import Foundation

/// `--reporter list`: one line per test as it ends (with its failures under it), a live line of
/// progress on a terminal, and the summary line.
final class ListReporter: TestReporter {
    private let output: TestOutput
    private let text: TestResultText
    private var total = 0
    private var done = 0
    private var failed = 0

    init(output: TestOutput, showsFlavor: Bool) {
        self.output = output
        self.text = TestResultText(showsFlavor: showsFlavor, colored: output.isTerminal)
    }

    func started(total: Int) {
        self.total = total
        showProgress()
    }

    func finished(_ result: TestCaseResult) {
        done += 1
        if !result.outcome.passed { failed += 1 }
        clearProgress()
        let mark = result.outcome.passed ? text.paint("✔", "32") : text.paint("✘", "31")
        var lines = ["\(mark) \(text.name(result))\(text.testCounts(result)) " + text.paint(TestResultText.milliseconds(result.outcome.milliseconds), "2")]
        if !result.outcome.passed { lines += text.failureLines(result, indent: "    ") }
        // (What it touched that exthost does not have yet, passed or not: where the test went past the tool.)
        if !result.outcome.missingAPIs.isEmpty {
            lines.append("    " + text.paint("exthost lacks: " + result.outcome.missingAPIs.joined(separator: ", "), "33"))
        }
        // (What the browser warned of a manifest it loaded all the same.)
        for warning in result.outcome.manifestWarnings {
            lines.append("    " + text.paint("manifest warning (\(warning.extensionName)): " + warning.text, "33"))
        }
        output.write(lines.joined(separator: "\n") + "\n")
        showProgress()
    }

    func ended(_ summary: TestRunSummary) {
        clearProgress()
        output.write("\n" + summary.line + "\n")
    }

    private func showProgress() {
        guard output.isTerminal, done < total else { return }
        output.write(text.paint("\(done)/\(total) done" + (failed > 0 ? ", \(failed) failed" : "") + " …", "2"))
    }

    private func clearProgress() {
        if output.isTerminal { output.write("\r\u{1B}[K") }
    }
}
