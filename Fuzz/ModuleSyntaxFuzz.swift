// libFuzzer target for the rewriting of module scripts, js/47_module_syntax.js (see scripts/fuzz). Like the
// Serialization target it runs JavaScript, so it is built against the Exthost, JSEngine and BrowserModel modules and
// JavaScriptCore-GTK (scripts/build-exthost-harness), with the file it shares with the tests,
// Tests/ExthostTests/Support/ModuleSyntaxFuzzOracle.swift: an input is read as a module text
// (ModuleSyntaxFuzzCase), rewritten, and checked (ModuleSyntaxFuzzOracle); a violation ends the run as a crash.

import Foundation

/// The oracle, made once.
nonisolated(unsafe) let moduleSyntaxOracle = ModuleSyntaxFuzzOracle()

/// Runs one input; libFuzzer calls it for every input it tries.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = ModuleSyntaxFuzzCase.text(from: Array(UnsafeBufferPointer(start: data, count: size)))
    let violations = moduleSyntaxOracle.violations(of: text)
    if !violations.isEmpty {
        fatalError("\(violations.joined(separator: "\n"))\n--- the module:\n\(text)")
    }
    return 0
}
