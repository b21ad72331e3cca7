/// A URL split into the parts that match patterns and globs look at, canonicalized the way
/// Chromium's GURL and Firefox's nsIURI do for the cases extensions meet
/// (lower-case scheme and host, default port dropped, `/` path for hierarchical URLs, dot segments resolved,
/// IPv6 hosts in canonical form).
///
/// Not handled: IDNA/punycode conversion, IPv4 shorthand (`127.1`), percent-encoding of unsafe characters.
struct MatchTargetURL {
    /// Schemes whose URLs always have an authority and a path starting with `/` (WHATWG "special" schemes).
    static let specialSchemes: Set<String> = ["http", "https", "ws", "wss", "ftp", "file"]

    /// Browser and extension schemes that GURL and nsStandardURL treat like `http`: lower-cased host, `/` path.
    static let browserSchemes: Set<String> = [
        "chrome", "chrome-extension", "chrome-untrusted", "chrome-search", "devtools", "isolated-app",
        "moz-extension", "resource",
    ]

    /// Lower-cased scheme without the colon.
    let scheme: String
    /// Lower-cased host; IPv6 hosts in brackets (`[::1]`); empty when the URL has none.
    let host: String
    /// The port written in the URL when it differs from the scheme's default.
    let port: Int?
    /// The path (for URLs without an authority, everything after `scheme:` up to `?` or `#`).
    let path: String
    /// The query without `?`, or nil when the URL has no `?`.
    let query: String?
    /// The fragment without `#`, or nil when the URL has no `#`.
    let fragment: String?
    /// Whether the URL has a `//` authority part.
    let hasAuthority: Bool

    /// Parses `text` as an absolute URL; nil when it is not one the browsers would accept.
    init?(_ text: String) {
        var input = Substring(text.trimmingControlAndSpace())
        input.removeAll { $0 == "\t" || $0 == "\n" || $0 == "\r" }

        guard let colon = input.firstIndex(of: ":") else { return nil }
        let schemeText = input[input.startIndex..<colon]
        guard let first = schemeText.unicodeScalars.first, first.isASCIILetter,
            schemeText.unicodeScalars.allSatisfy({ $0.isASCIILetter || $0.isASCIIDigit || "+-.".unicodeScalars.contains($0) })
        else { return nil }
        let scheme = schemeText.lowercased()
        self.scheme = scheme
        var rest = input[input.index(after: colon)...]

        if let hash = rest.firstIndex(of: "#") {
            fragment = String(rest[rest.index(after: hash)...])
            rest = rest[rest.startIndex..<hash]
        } else {
            fragment = nil
        }

        let isSpecial = MatchTargetURL.specialSchemes.contains(scheme)
        var queryText: Substring?
        if let question = rest.firstIndex(of: "?") {
            queryText = rest[rest.index(after: question)...]
            rest = rest[rest.startIndex..<question]
        }
        if isSpecial {
            rest = Substring(rest.map { $0 == "\\" ? "/" : $0 })
        }

        var authority: Substring?
        if scheme == "file" {
            if rest.hasPrefix("//") {
                let afterSlashes = rest.dropFirst(2)
                let end = afterSlashes.firstIndex { $0 == "/" || $0 == "?" } ?? afterSlashes.endIndex
                authority = afterSlashes[afterSlashes.startIndex..<end]
                rest = afterSlashes[end...]
            }
        } else if isSpecial {
            let afterSlashes = rest.drop { $0 == "/" }
            let end = afterSlashes.firstIndex { $0 == "/" || $0 == "?" } ?? afterSlashes.endIndex
            authority = afterSlashes[afterSlashes.startIndex..<end]
            rest = afterSlashes[end...]
        } else if rest.hasPrefix("//") {
            let afterSlashes = rest.dropFirst(2)
            let end = afterSlashes.firstIndex { $0 == "/" || $0 == "?" } ?? afterSlashes.endIndex
            authority = afterSlashes[afterSlashes.startIndex..<end]
            rest = afterSlashes[end...]
        }

        var host = ""
        var port: Int?
        if var authority {
            if let at = authority.lastIndex(of: "@") {
                authority = authority[authority.index(after: at)...]
            }
            var hostText = authority
            var portText: Substring?
            if authority.hasPrefix("[") {
                guard let close = authority.firstIndex(of: "]") else { return nil }
                hostText = authority[authority.startIndex...close]
                let afterHost = authority[authority.index(after: close)...]
                if !afterHost.isEmpty {
                    guard afterHost.hasPrefix(":") else { return nil }
                    portText = afterHost.dropFirst()
                }
            } else if let portColon = authority.firstIndex(of: ":") {
                hostText = authority[authority.startIndex..<portColon]
                portText = authority[authority.index(after: portColon)...]
            }
            if let portText, !portText.isEmpty {
                guard portText.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(portText), value <= 65535
                else { return nil }
                port = value == MatchTargetURL.defaultPort(for: scheme) ? nil : value
            }
            if hostText.hasPrefix("[") {
                guard let address = IPv6Literal(hostText.dropFirst().dropLast()) else { return nil }
                host = "[" + address.canonicalText + "]"
            } else {
                guard !hostText.unicodeScalars.contains(where: MatchTargetURL.isForbiddenHostCharacter) else {
                    return nil
                }
                let hasHierarchy = isSpecial || MatchTargetURL.browserSchemes.contains(scheme)
                host = hasHierarchy ? hostText.lowercased() : String(hostText)
                if isSpecial {
                    switch IPv4Literal.read(host) {
                    case .domain: break
                    case .address(let address): host = address
                    case .invalid: return nil
                    }
                }
            }
            if scheme == "file", host == "localhost" {
                host = ""
            }
            if isSpecial, scheme != "file", host.isEmpty {
                return nil
            }
        } else if isSpecial, scheme != "file" {
            return nil
        }
        self.host = host
        self.port = port
        hasAuthority = authority != nil

        let pathText = rest
        query = queryText.map(String.init)
        if isSpecial || (hasAuthority && MatchTargetURL.browserSchemes.contains(scheme)) {
            path = MatchTargetURL.removingDotSegments(pathText.isEmpty ? "/" : String(pathText))
        } else if hasAuthority {
            path = MatchTargetURL.removingDotSegments(String(pathText))
        } else {
            path = String(pathText)
        }
    }

    /// The port a scheme uses when none is written, as Chromium's `url::DefaultPortForScheme` knows it.
    static func defaultPort(for scheme: String) -> Int? {
        switch scheme {
        case "http", "ws": 80
        case "https", "wss": 443
        case "ftp": 21
        default: nil
        }
    }

    /// The port in effect: the written one, else the scheme's default, else -1 (Chromium's `EffectiveIntPort`).
    var effectivePort: Int {
        port ?? MatchTargetURL.defaultPort(for: scheme) ?? -1
    }

    /// Path plus `?query` when there is a query: what match patterns match their path part against.
    var pathAndQuery: String {
        query.map { path + "?" + $0 } ?? path
    }

    /// Host without IPv6 brackets, as Firefox's `nsIURI.host` gives it.
    var hostWithoutBrackets: String {
        host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
    }

    /// Whether the host is an IPv4 or IPv6 address.
    var hostIsIPAddress: Bool {
        if host.hasPrefix("[") { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { part in
            !part.isEmpty && part.count <= 3 && part.allSatisfy { $0.isASCII && $0.isNumber } && Int(part)! <= 255
        }
    }

    /// The canonical URL text without the fragment.
    var specWithoutFragment: String {
        var text = scheme + ":"
        if hasAuthority {
            text += "//" + host
            if let port { text += ":\(port)" }
        }
        text += path
        if let query { text += "?" + query }
        return text
    }

    /// The canonical URL text.
    var spec: String {
        specWithoutFragment + (fragment.map { "#" + $0 } ?? "")
    }

    /// The origin as a URL (`scheme://host[:port]/`), used when a script matches by origin.
    var originURL: String {
        "\(scheme)://\(host)\(port.map { ":\($0)" } ?? "")/"
    }

    private static func isForbiddenHostCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\u{0}", " ", "#", "/", ":", "<", ">", "?", "@", "[", "\\", "]", "^", "|": true
        default: scalar.value < 0x20 || scalar.value == 0x7f
        }
    }

    /// Whether `path` has a `.` or a `%2e` (either case): a quick test before splitting it.
    private static func mayHaveDotSegment(_ path: String) -> Bool {
        var previous: (UInt8, UInt8) = (0, 0)
        for byte in path.utf8 {
            if byte == UInt8(ascii: ".") { return true }
            if previous == (UInt8(ascii: "%"), UInt8(ascii: "2")), byte | 0x20 == UInt8(ascii: "e") { return true }
            previous = (previous.1, byte)
        }
        return false
    }

    private static func removingDotSegments(_ path: String) -> String {
        guard MatchTargetURL.mayHaveDotSegment(path) else { return path }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        var output: [Substring] = []
        var endsWithSlash = false
        for segment in segments {
            let lowered = segment.lowercased()
            if lowered == "." || lowered == "%2e" {
                endsWithSlash = true
            } else if lowered == ".." || lowered == ".%2e" || lowered == "%2e." || lowered == "%2e%2e" {
                if !output.isEmpty { output.removeLast() }
                endsWithSlash = true
            } else {
                output.append(segment)
                endsWithSlash = false
            }
        }
        var result = "/" + output.joined(separator: "/")
        if endsWithSlash, !result.hasSuffix("/") { result += "/" }
        return result
    }
}

extension String {
    /// The string without leading and trailing C0 controls and spaces (WHATWG URL parsing's first step).
    fileprivate func trimmingControlAndSpace() -> String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { $0.value > 0x20 }) else { return "" }
        let end = scalars.lastIndex(where: { $0.value > 0x20 })!
        return String(scalars[start...end])
    }
}

extension Unicode.Scalar {
    /// Whether this is `A`–`Z` or `a`–`z`.
    fileprivate var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
    /// Whether this is `0`–`9`.
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
