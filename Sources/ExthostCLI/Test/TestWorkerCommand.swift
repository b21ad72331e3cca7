import ArgumentParser
import Exthost
import Foundation
import JSEngine

/// `exthost test-worker`: runs the tests `exthost test` sends it, one JSON line each on standard
/// input, each in a fresh host of this process, and answers each with one JSON line on standard
/// output. (A separate process, so that a test that crashes its host or hangs takes only its
/// worker down: `exthost test` starts another.)
///
/// Consecutive hosts share one engine machine, which spares each test the machine's start and the
/// parsing of the host's own scripts (about two thirds of a small test's time); a machine serves
/// ``testsPerMachine`` tests at most (it keeps the parse of every script it ran), and none after a
/// test that had a script stopped or ran out of memory.
struct TestWorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test-worker",
        abstract: "Run tests sent by exthost test (one JSON line each) and answer each.",
        shouldDisplay: false
    )

    /// How many tests one machine serves.
    static let testsPerMachine = 50

    func run() throws {
        let decoder = JSONDecoder()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        var machine: VirtualMachine?
        var testsOnMachine = 0
        var input = LineReader(fileDescriptor: 0)
        while let line = input.next() {
            guard !line.isEmpty else { continue }
            let request = try decoder.decode(WorkerRequest.self, from: line)
            if machine?.limits != request.spec.limits || testsOnMachine >= Self.testsPerMachine {
                machine = VirtualMachine(limits: request.spec.limits)
                testsOnMachine = 0
            }
            let outcome = request.spec.run(on: machine)
            testsOnMachine += 1
            if outcome.stoppedAScript { machine = nil }
            var data = try encoder.encode(WorkerResponse(id: request.id, outcome: outcome))
            data.append(0x0A)
            FileHandle.standardOutput.write(data)
        }
    }
}

/// The lines of a file descriptor, read with `read(2)` (no stdio buffer or lock between the
/// worker and its input).
struct LineReader {
    private let fileDescriptor: Int32
    private var buffer = Data()
    private var ended = false

    init(fileDescriptor: Int32) { self.fileDescriptor = fileDescriptor }

    /// The next line without its line feed; nil at the end of the input.
    mutating func next() -> Data? {
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = Data(buffer[buffer.startIndex..<newline])
                buffer.removeSubrange(buffer.startIndex...newline)
                return line
            }
            if ended {
                guard !buffer.isEmpty else { return nil }
                defer { buffer.removeAll() }
                return buffer
            }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let count = chunk.withUnsafeMutableBytes { read(fileDescriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                buffer.append(contentsOf: chunk[0..<count])
            } else if count == 0 || errno != EINTR {
                ended = true
            }
        }
    }
}
