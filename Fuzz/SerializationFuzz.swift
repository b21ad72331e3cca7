// libFuzzer target for message serialization, js/45_serialization.js (see scripts/fuzz). Unlike the other targets it
// runs JavaScript: it is built against the Exthost, JSEngine and BrowserModel modules and JavaScriptCore-GTK
// (scripts/build-exthost-harness), together with the two files it shares with the test suite,
// Tests/ExthostTests/Support/SerializationFuzzCase.swift and SerializationFuzzOracle.swift.
//
// The input is read as a sequence of choices (SerializationFuzzCase) that make a JavaScript program building a hostile
// value: nested objects and arrays, Maps and Sets, typed arrays and DataViews sharing buffers, Dates, RegExps, Errors,
// cycles and shared references, getters that delete or add keys, empty arrays or throw, proxies, symbols, BigInts,
// wrappers, sparse arrays of huge length, values nested up to 10^5 levels, and accessors or replaced built-ins on the
// prototypes the host could reach. SerializationFuzzOracle sends it through serializeMessage and deserializeMessage of
// both flavors in fresh exthost contexts and checks the result (see there); a violation ends the run as a crash.
//
// Coverage: libFuzzer sees the Swift code compiled here with its instrumentation (the choice decoder, the oracle and
// the Exthost, JSEngine and BrowserModel modules); JavaScriptCore is a system library without it, so libFuzzer does
// not see which paths of the JavaScript in js/ ran. As a stand-in, `reportOutcome` turns what came back (the error
// thrown, the node kinds of the Firefox text in pairs, the size of the text) into libFuzzer's extra counters
// (Fuzz/SerializationFuzzCounters.c): an input with a new kind of outcome is kept like one reaching new code.

import Foundation

/// The oracle, made once: its extension folder serves every input.
nonisolated(unsafe) let serializationOracle = try! SerializationFuzzOracle()

/// Runs one input; libFuzzer calls it for every input it tries.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let testCase = SerializationFuzzCase(bytes: Array(UnsafeBufferPointer(start: data, count: size)))
    let violations = serializationOracle.violations(of: testCase, observe: reportOutcome)
    if !violations.isEmpty {
        fatalError("\(violations.joined(separator: "\n"))\n--- the program:\n\(testCase)")
    }
    return 0
}

/// Counts what came back in libFuzzer's extra counters (Fuzz/SerializationFuzzCounters.c), so that an input giving a
/// new kind of outcome counts as new coverage: the error thrown (by flavor and first words), each node kind of the
/// Firefox wire format with the kind before it, and the size of the text (by powers of two).
func reportOutcome(_ flavor: String, _ text: String?, _ error: String?) {
    if let error {
        var hash: UInt32 = 2166136261
        for byte in (flavor + error.split(separator: " ").prefix(3).joined(separator: " ")).utf8 { hash = (hash ^ UInt32(byte)) &* 16777619 }
        serialization_fuzz_count(hash % 512)
        return
    }
    guard let text else { return }
    serialization_fuzz_count(512 + (flavor == "chrome" ? 0 : 32) + UInt32(min(31, Int.bitWidth - text.utf8.count.leadingZeroBitCount)))
    guard text.first == "T" else { return }
    // Each node is "\u0001":"<kind>"; a kind and the one before it count together.
    let bytes = Array(text.utf8)
    var previous: UInt32 = 0
    var index = 0
    while index + 10 < bytes.count {
        if bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u"), bytes[index + 5] == UInt8(ascii: "1"),
           bytes[index + 6] == UInt8(ascii: "\""), bytes[index + 8] == UInt8(ascii: "\"") {
            let kind = UInt32(bytes[index + 9]) % 64
            serialization_fuzz_count(1024 + previous * 64 + kind)
            previous = kind
            index += 10
        } else {
            index += 1
        }
    }
}

/// Adds one to extra counter `index` (modulo their number); defined in Fuzz/SerializationFuzzCounters.c.
@_silgen_name("serialization_fuzz_count")
func serialization_fuzz_count(_ index: UInt32)
