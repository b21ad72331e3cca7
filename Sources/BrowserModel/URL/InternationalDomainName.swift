import CIDNA

/// The URL Standard's "domain to ASCII", as Chromium (url/url_idna_icu.cc) and Firefox do it:
/// ICU's UTS #46 processing, non-transitional, with CheckBidi and CheckJoiners, and without
/// CheckHyphens and VerifyDnsLength (their errors are ignored, as the standard's beStrict = false
/// asks). ICU is in the process already, through JavaScriptCore-GTK (Sources/CIDNA calls it).
///
/// ICU limits a label's Punycode to 200 code points, which keeps the quadratic part of Punycode
/// bounded: a long host costs time linear in its length.
enum InternationalDomainName {
    /// The ASCII form of `domain`, or nil when UTS #46 refuses it (a disallowed code point, a
    /// label Punycode cannot take, a bidi or joiner rule broken).
    static func toASCII(_ domain: String) -> String? {
        // An ASCII name without Punycode labels comes out lower-cased: skip ICU for the common case.
        if domain.utf8.allSatisfy({ $0 < 0x80 }) {
            let lowered = domain.lowercased()
            if !lowered.hasPrefix("xn--") && !lowered.contains(".xn--") { return lowered }
        }
        let input = Array(domain.utf16)
        var capacity = input.count * 4 + 64
        while true {
            var output = [UInt16](repeating: 0, count: capacity)
            let length = input.withUnsafeBufferPointer { source in
                output.withUnsafeMutableBufferPointer { target in
                    exthost_idna_to_ascii(source.baseAddress, Int32(source.count), target.baseAddress, Int32(capacity), ignoredErrors)
                }
            }
            if length == -1 { return nil }
            if length < -1 {
                capacity = Int(-2 - length) + 1
                continue
            }
            return String(decoding: output[0..<Int(length)], as: UTF16.self)
        }
    }

    private static let ignoredErrors = exthost_idna_url_standard_ignored_errors()
}
