/// An IPv6 address as written inside `[` `]` in a URL host, parsed and written back in the canonical
/// form browsers use, with the URL parser's own IPv6 parser and serializer (``WebURL``; WHATWG URL
/// Standard "IPv6 parser" and "IPv6 serializer"), for match patterns and the URLs they test.
struct IPv6Literal: Hashable {
    /// The eight 16-bit pieces.
    let pieces: [UInt16]

    /// Parses the text between the brackets, e.g. `::1` or `2001:DB8::0:1`; nil when it is not an IPv6 address.
    init?(_ text: Substring) {
        guard let pieces = WebURL.Parser.parseIPv6(Array(text.unicodeScalars)) else { return nil }
        self.pieces = pieces
    }

    /// The canonical text without brackets: lower-case hex, the first longest run of two or more zero pieces as `::`.
    var canonicalText: String {
        String(WebURL.URLHost.ipv6(pieces).serialized.dropFirst().dropLast())
    }
}
