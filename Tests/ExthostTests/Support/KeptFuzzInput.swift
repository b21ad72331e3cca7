import Foundation
import Testing

/// One input a fuzz target of `Fuzz/` kept: in `fixtures/fuzz/<Target>/corpus/` (what reaches new code) or
/// `crashes/` (what once broke one of its checks). The regression suites replay them all.
struct KeptFuzzInput: Sendable, CustomTestStringConvertible {
    /// The file, relative to the repository.
    let path: String
    let bytes: [UInt8]
    var testDescription: String { path }

    /// Every input kept for the fuzz target `target`, the crashes first.
    static func all(of target: String) -> [KeptFuzzInput] {
        var inputs: [KeptFuzzInput] = []
        for kind in ["crashes", "corpus"] {
            let folder = packageRoot.appendingPathComponent("fixtures/fuzz/\(target)/\(kind)")
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            for name in names.sorted() where !name.hasPrefix(".") {
                guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else { continue }
                inputs.append(KeptFuzzInput(path: "fixtures/fuzz/\(target)/\(kind)/\(name)", bytes: [UInt8](data)))
            }
        }
        return inputs
    }
}
