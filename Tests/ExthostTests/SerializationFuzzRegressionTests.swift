import Foundation
import Testing

@testable import Exthost

/// Replays what the message-serialization fuzzer (Fuzz/SerializationFuzz.swift, run by scripts/fuzz) keeps: every
/// input of `fixtures/fuzz/Serialization/corpus/` and every input that once broke one of its checks, in
/// `fixtures/fuzz/Serialization/crashes/`, through the same program generator and oracle, in both flavors.
@Suite("Serialization fuzz regressions", .serialized)
struct SerializationFuzzRegressionTests {
    /// One oracle for every input (its hosts are kept from one to the next, as in the fuzzer; the suite runs its
    /// tests one at a time, so they are used from one thread at a time).
    nonisolated(unsafe) static let oracle = try? SerializationFuzzOracle()

    static func inputs() -> [KeptFuzzInput] { KeptFuzzInput.all(of: "Serialization") }

    @Test("the corpus and the crashes are kept")
    func corpusExists() {
        let inputs = Self.inputs()
        #expect(inputs.contains { $0.path.contains("/corpus/") }, "fixtures/fuzz/Serialization/corpus/ is empty; run scripts/fuzz Serialization")
        #expect(inputs.contains { $0.path.contains("/crashes/") })
    }

    @Test("every kept input keeps the oracle's checks", arguments: inputs())
    func keptInput(_ input: KeptFuzzInput) throws {
        let oracle = try #require(Self.oracle)
        let testCase = SerializationFuzzCase(bytes: input.bytes)
        let violations = oracle.violations(of: testCase)
        #expect(violations.isEmpty, "\(violations.joined(separator: "\n"))\n\(testCase)")
    }

    @Test("the program generator gives the same program for the same bytes, and any bytes give one")
    func generatorIsAFunctionOfTheBytes() {
        var generator = SystemRandomNumberGenerator()
        for length in [0, 1, 2, 7, 64, 300] {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let first = SerializationFuzzCase(bytes: bytes)
            let second = SerializationFuzzCase(bytes: bytes)
            #expect(first.build == second.build && first.pollution == second.pollution)
            #expect(first.build.hasSuffix(";\n"))
        }
    }

    @Test("stackUnits counts what array and object levels cost, outside strings", arguments: [
        ("[" + String(repeating: "[", count: 2401) + String(repeating: "]", count: 2402), 2402 * 13),
        (#"{"a":"[[[{","b":[{}]}"#, 12 + 13 + 12),
    ])
    func stackUnitsCountLevelsOutsideStrings(_ json: String, _ units: Int) {
        #expect(SerializationFuzzOracle.stackUnits(of: json) == units)
    }
}
