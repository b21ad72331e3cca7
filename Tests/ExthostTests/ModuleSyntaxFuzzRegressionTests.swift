import Foundation
import Testing

@testable import Exthost

/// Replays what the module-rewriting fuzzer (Fuzz/ModuleSyntaxFuzz.swift, run by scripts/fuzz) keeps: every input of
/// `fixtures/fuzz/ModuleSyntax/corpus/` and every input that once broke one of its checks, in
/// `fixtures/fuzz/ModuleSyntax/crashes/`, through the same case reader and oracle.
@Suite("Module syntax fuzz regressions", .serialized)
struct ModuleSyntaxFuzzRegressionTests {
    nonisolated(unsafe) static let oracle = ModuleSyntaxFuzzOracle()

    static func inputs() -> [KeptFuzzInput] { KeptFuzzInput.all(of: "ModuleSyntax") }

    @Test("the corpus is kept")
    func corpusExists() {
        #expect(Self.inputs().contains { $0.path.contains("/corpus/") }, "fixtures/fuzz/ModuleSyntax/corpus/ is empty; run scripts/fuzz ModuleSyntax")
    }

    @Test("every kept input is rewritten line for line", arguments: inputs())
    func replay(_ input: KeptFuzzInput) {
        let text = ModuleSyntaxFuzzCase.text(from: input.bytes)
        let violations = Self.oracle.violations(of: text)
        #expect(violations.isEmpty, "\(violations.joined(separator: "\n"))\n--- the module:\n\(text)")
    }

    @Test("the grammar's every statement keeps its lines")
    func everyStatement() {
        for index in ModuleSyntaxFuzzCase.statements.indices {
            for separator in ModuleSyntaxFuzzCase.separators.indices {
                let bytes: [UInt8] = [1, UInt8(index)] + Array(repeating: UInt8(separator), count: 12)
                let text = ModuleSyntaxFuzzCase.text(from: bytes)
                let violations = Self.oracle.violations(of: text)
                #expect(violations.isEmpty, "\(violations.joined(separator: "\n"))\n--- the module:\n\(text)")
            }
        }
    }
}
