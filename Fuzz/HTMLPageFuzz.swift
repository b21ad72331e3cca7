// libFuzzer target for `HTMLPage`, the hand-written HTML tokenizer, and `PageTree`, which loads a page's frames
// (see scripts/fuzz). Compiled into the BrowserModel module with `swiftc -sanitize=fuzzer`.
//
// The input is a page. It is parsed, its character references decoded both ways, and it is loaded as a tab's
// page from a `data:` URL in both flavors, so that its `srcdoc` and `data:` frames load in turn. Besides not
// crashing, the frame tree must respect the browsers' limits: no document has more child frames than frame
// elements, and no page loads more than 1000 frames.

import Foundation

/// Runs one input; libFuzzer calls it for every input it tries.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let html = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let page = HTMLPage(html: html)
    _ = HTMLPage.decodeCharacterReferences(html, inAttribute: false)
    _ = HTMLPage.decodeCharacterReferences(html, inAttribute: true)
    guard page.title == HTMLPage.stripAndCollapseASCIIWhitespace(page.title) else {
        fatalError("the title \(page.title.debugDescription) is not collapsed")
    }
    let url = "data:text/html," + percentEncodedForDataURL(html)
    for flavor in [Flavor.chrome, .firefox] {
        let tree = PageTree.load(url: url, siteMap: SiteMap([]), flavor: flavor)
        let frames = tree.allFrames
        for frame in frames where frame.children.count > frame.page.iframes.count {
            fatalError("\(flavor): \(frame.children.count) frames for \(frame.page.iframes.count) frame elements")
        }
        let loaded = frames.dropFirst().filter { $0.refusedURL == nil }.count
        guard loaded <= 1000 else { fatalError("\(flavor): \(loaded) frames loaded in one page") }
    }
    return 0
}

/// `text` with every byte but ASCII letters and digits percent-encoded, so that a `data:` URL carries it unchanged.
private func percentEncodedForDataURL(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count * 3)
    for byte in text.utf8 {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            out.unicodeScalars.append(Unicode.Scalar(byte))
        default:
            out += "%" + String(byte >> 4, radix: 16, uppercase: true) + String(byte & 0xF, radix: 16, uppercase: true)
        }
    }
    return out
}
