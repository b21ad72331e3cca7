// libFuzzer target for the manifest readers: `ManifestJSON` (the hand-written JSON dialects of both browsers) and
// `Manifest.parse`, which checks the manifest as each browser does (see scripts/fuzz). Compiled into the
// BrowserModel module with `swiftc -sanitize=fuzzer`, so that it reaches `ManifestJSON`, which is internal.
//
// Every input is read by both flavors. Besides not crashing (nesting is bounded, so no input exhausts the
// stack), a document a flavor accepts must serialize to JSON that the same flavor reads back to the same
// serialization.

import Foundation

/// Runs one input; libFuzzer calls it for every input it tries.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    for flavor in [Flavor.chrome, .firefox] {
        if let root = try? ManifestJSON.parse(bytes, flavor: flavor) {
            for sortingKeys in [false, true] {
                let text = ManifestJSON.serialize(root, sortingKeys: sortingKeys)
                let again: ManifestJSON.Node
                do {
                    again = try ManifestJSON.parse(Data(text.utf8), flavor: flavor)
                } catch {
                    fatalError("\(flavor): the serialization \(text.debugDescription) does not parse: \(error.message)")
                }
                let textAgain = ManifestJSON.serialize(again, sortingKeys: sortingKeys)
                guard textAgain == text else {
                    fatalError("\(flavor): \(text.debugDescription) reads back as \(textAgain.debugDescription)")
                }
            }
        }
        do {
            let manifest = try Manifest.parse(bytes, file: "manifest.json", flavor: flavor)
            _ = manifest.matchingContentScripts(url: "https://example.com/a?b#c", isTopFrame: false)
        } catch {
            guard error.line >= 1, !error.message.isEmpty else {
                fatalError("\(flavor): an error without a line or a message: \(error)")
            }
        }
    }
    return 0
}
