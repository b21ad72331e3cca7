import ArgumentParser
import Exthost
import Foundation

/// `exthost test-worker`: runs the tests `exthost test` sends it, one JSON line each on standard
/// input, each in a fresh host of this process, and answers each with one JSON line on standard
/// output. (A separate process, so that a test that crashes its host or hangs takes only its
/// worker down: `exthost test` starts another.)
struct TestWorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test-worker",
        abstract: "Run tests sent by exthost test (one JSON line each) and answer each.",
        shouldDisplay: false
    )

    func run() throws {
        let decoder = JSONDecoder()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        while let line = readLine(strippingNewline: true) {
            guard !line.isEmpty else { continue }
            let request = try decoder.decode(WorkerRequest.self, from: Data(line.utf8))
            let outcome = request.spec.run()
            var data = try encoder.encode(WorkerResponse(id: request.id, outcome: outcome))
            data.append(0x0A)
            FileHandle.standardOutput.write(data)
        }
    }
}
