// libFuzzer target for `DataURL`, the Fetch Standard's data: URL processor (see scripts/fuzz). Compiled into the
// BrowserModel module with `swiftc -sanitize=fuzzer`.
//
// The input is a URL's text, parsed with WebURL first (as fetch does). Besides not crashing: a data: URL read gives a
// MIME type whose essence is a lowercase type/subtype; a body marked base64 decodes to bytes that encode and decode
// back to themselves; any other body is the URL's percent-decoded text after the comma.

import Foundation

/// Runs one input; libFuzzer calls it for every input it tries.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let url = WebURL(string: text), let parsed = DataURL(url) else { return 0 }
    DataURLInvariants.check(parsed, url: url)
    return 0
}
