/// The WHATWG URL Standard's IPv4 host handling, which Chromium's GURL also follows: a host whose last label is
/// a number (`127.1`, `0x7f.0.0.1`, `3232235777`) is an IPv4 address written back in dotted decimal, and is
/// invalid when it does not parse as one.
enum IPv4Literal {
    /// What a host turns out to be.
    enum Reading: Equatable {
        /// Not an IPv4 address; the host is a domain.
        case domain
        /// An IPv4 address, in canonical dotted-decimal form.
        case address(String)
        /// It ends in a number but is not a valid IPv4 address, so the host is invalid.
        case invalid
    }

    /// Reads `host` (already lower-cased), with the URL parser's own IPv4 reading (``WebURL``).
    static func read(_ host: String) -> Reading {
        guard WebURL.Parser.endsInANumber(host) else { return .domain }
        guard let address = WebURL.Parser.parseIPv4(host) else { return .invalid }
        return .address(WebURL.URLHost.ipv4(address).serialized)
    }
}
