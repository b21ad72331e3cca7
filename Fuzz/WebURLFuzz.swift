// libFuzzer target for `WebURL`, the hand-written WHATWG URL parser (see scripts/fuzz). Compiled into the
// BrowserModel module with `swiftc -sanitize=fuzzer`, so that it reaches the parser's internals.
//
// The input is a URL, optionally `string` NUL `base`. Besides not crashing, the parser must keep the URL
// Standard's promise that serializing is idempotent: the href of a parsed URL parses to the same href.
// Setters get the same check, with the input as the new value of each attribute.

import Foundation

/// Runs one input; libFuzzer calls it for every input it tries.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let parts = bytes.split(separator: 0, maxSplits: 1, omittingEmptySubsequences: false)
    let text = String(decoding: parts[0], as: UTF8.self)
    let base = parts.count > 1 ? WebURL(string: String(decoding: parts[1], as: UTF8.self)) : nil
    guard let url = WebURL(string: text, relativeTo: base) else { return 0 }
    checkIdempotent(url, what: "parsing \(text.debugDescription)")
    for attribute in WebURL.SettableAttribute.allCases {
        let changed = url.setting(attribute, to: parts.count > 1 ? String(decoding: parts[1], as: UTF8.self) : text)
        checkIdempotent(changed, what: "setting \(attribute) of \(url.href.debugDescription)")
    }
    _ = url.origin
    _ = url.hostWithPort
    return 0
}

/// Stops the run (a finding for libFuzzer) when `url`'s serialization does not parse back to itself.
private func checkIdempotent(_ url: WebURL, what: String) {
    let href = url.href
    guard let again = WebURL(string: href) else {
        fatalError("\(what): the href \(href.debugDescription) does not parse")
    }
    guard again.href == href else {
        fatalError("\(what): the href \(href.debugDescription) parses to \(again.href.debugDescription)")
    }
}
