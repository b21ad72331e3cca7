import Exthost
import Foundation

/// `--reporter json`: one JSON document: the counts, and each test with its outcome (the tests its
/// harness ran, failed checks, console lines, duration).
final class JSONReporter: TestReporter {
    private let output: TestOutput
    private let showsFlavor: Bool

    init(output: TestOutput, showsFlavor: Bool) {
        self.output = output
        self.showsFlavor = showsFlavor
    }

    func started(total: Int) {}
    func finished(_ result: TestCaseResult) {}

    private struct Document: Encodable {
        struct Test: Encodable {
            var name: String
            var path: String
            var flavor: String
            var outcome: ExtensionTestOutcome?
            var skipped: Bool
        }
        var passed: Int
        var failed: Int
        var skipped: Int
        var seconds: Double
        var tests: [Test]
    }

    func ended(_ summary: TestRunSummary) {
        let tests = summary.results.map {
            Document.Test(name: $0.testCase.name(showingFlavor: showsFlavor), path: $0.testCase.path, flavor: $0.testCase.flavor.rawValue,
                          outcome: $0.outcome, skipped: false)
        } + summary.skipped.map {
            Document.Test(name: $0.name(showingFlavor: showsFlavor), path: $0.path, flavor: $0.flavor.rawValue, outcome: nil, skipped: true)
        }
        let document = Document(passed: summary.passedCount, failed: summary.failedCount, skipped: summary.skipped.count,
                                seconds: summary.seconds, tests: tests)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(document) else { return }
        output.write(String(decoding: data, as: UTF8.self) + "\n")
    }
}
