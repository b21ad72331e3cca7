import BrowserModel
import Testing

/// The Encoding Standard's decoders (TextEncoding), on the standard's own examples and
/// web-platform-tests' cases; what the browsers print for them is recorded in
/// fixtures/conformance/web-encoding.
@Suite("Text encodings")
struct TextEncodingTests {
    private func decode(_ encoding: TextEncoding, _ bytes: [UInt8], flush: Bool = true, fatal: Bool = false) -> String? {
        encoding.decode(bytes, flush: flush, fatal: fatal)?.text
    }

    @Test func labelsAreFoundAsTheStandardSays() {
        #expect(TextEncoding.lookup(label: " \tUTF8\n") == .encoding(.utf8))
        #expect(TextEncoding.lookup(label: "utf-16") == .encoding(.utf16LE))
        #expect(TextEncoding.lookup(label: "UnicodeFFFE") == .encoding(.utf16BE))
        #expect(TextEncoding.lookup(label: "latin1") == .encoding(.windows1252))
        #expect(TextEncoding.lookup(label: "us-ascii") == .encoding(.windows1252))
        #expect(TextEncoding.lookup(label: "iso-2022-kr") == .replacement)
        #expect(TextEncoding.lookup(label: "Shift_JIS") == .unsupported("shift_jis"))
        #expect(TextEncoding.lookup(label: "utf-8\u{0B}") == .unknown)
        #expect(TextEncoding.lookup(label: "utf\u{212A}") == .unknown)
    }

    @Test func utf8ReplacesEachMaximalInvalidSubsequence() {
        // (The Unicode standard's table 3-8 example, as the Encoding Standard decodes it.)
        let bytes: [UInt8] = [0x61, 0xF1, 0x80, 0x80, 0xE1, 0x80, 0xC2, 0x62, 0x80, 0x63, 0x80, 0xBF, 0x64]
        #expect(decode(.utf8, bytes) == "a\u{FFFD}\u{FFFD}\u{FFFD}b\u{FFFD}c\u{FFFD}\u{FFFD}d")
        #expect(decode(.utf8, [0xED, 0xA0, 0x80]) == "\u{FFFD}\u{FFFD}\u{FFFD}")
        #expect(decode(.utf8, [0xF4, 0x90, 0x80, 0x80]) == "\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}")
        #expect(decode(.utf8, [0xC0, 0xAF]) == "\u{FFFD}\u{FFFD}")
        #expect(decode(.utf8, [0xC3], fatal: true) == nil)
        #expect(decode(.utf8, [0xC3, 0xA9], fatal: true) == "é")
    }

    @Test func aStreamKeepsAnUnfinishedSequence() {
        let first = TextEncoding.utf8.decode([0x61, 0xE2, 0x82], flush: false, fatal: false)
        #expect(first == TextEncoding.Decoded(text: "a", pending: [0xE2, 0x82]))
        #expect(decode(.utf8, (first?.pending ?? []) + [0xAC]) == "€")
        #expect(decode(.utf8, [0xF0, 0x9F]) == "\u{FFFD}")
        let utf16 = TextEncoding.utf16LE.decode([0x3D, 0xD8, 0x00], flush: false, fatal: false)
        #expect(utf16 == TextEncoding.Decoded(text: "", pending: [0x3D, 0xD8, 0x00]))
        #expect(decode(.utf16LE, (utf16?.pending ?? []) + [0xDE]) == "😀")
    }

    @Test func utf16AndSingleByteEncodings() {
        #expect(decode(.utf16LE, [0x61, 0x00, 0x00, 0xD8, 0x62, 0x00, 0x63]) == "a\u{FFFD}b\u{FFFD}")
        #expect(decode(.utf16BE, [0x00, 0x61, 0xDC, 0x00]) == "a\u{FFFD}")
        #expect(decode(.windows1252, [0x80, 0x81, 0x9F, 0xFF]) == "€\u{81}Ÿÿ")
        #expect(decode(.userDefined, [0x41, 0x80, 0xFF]) == "A\u{F780}\u{F7FF}")
    }
}
