import Foundation

/// An absolute URL, parsed and serialized as the WHATWG URL Standard says, the way `new URL()` does in a browser.
///
/// It handles every scheme the standard does: the special ones (`http`, `https`, `ws`, `wss`, `ftp`, `file`) with
/// their default ports, backslashes and dot segments; URLs with an opaque path such as `about:blank`,
/// `about:srcdoc` and `data:`; and non-special URLs with an authority such as `chrome-extension://ID/page.html`
/// and `moz-extension://UUID/page.html`.
///
/// ```swift
/// let page = WebURL(string: "HTTP://127.0.0.1:8000/a/./b/../page.html")!
/// page.href                                        // "http://127.0.0.1:8000/a/page.html"
/// page.origin                                      // "http://127.0.0.1:8000"
/// WebURL(string: "../x.html", relativeTo: page)?.href  // "http://127.0.0.1:8000/x.html"
/// ```
///
/// Internationalized domain names go through ICU's UTS #46, as in the browsers
/// (``InternationalDomainName``).
public struct WebURL: Sendable, Hashable, CustomStringConvertible {
    /// The scheme, lower-cased and without the colon: `"http"`, `"about"`, `"chrome-extension"`.
    public let scheme: String
    /// The username, percent-encoded; empty when there is none.
    public let username: String
    /// The password, percent-encoded; empty when there is none.
    public let password: String
    /// The serialized host without the port (`"127.0.0.1"`, `"example.com"`, `"[::1]"`), `""` for an empty host
    /// (as in `file:///x`), or `nil` when the URL has no host at all (`about:blank`, `data:`).
    public let host: String?
    /// The port, or `nil` when there is none or it is the scheme's default port (80 for `http`, 443 for `https`).
    public let port: Int?
    /// The serialized path, as `location.pathname` shows it: `"/a/page.html"`, `"/"`, or an opaque path such as
    /// `"blank"` for `about:blank`.
    public let path: String
    /// The query without its leading `?`, percent-encoded; `nil` when the URL has no `?` at all.
    public let query: String?
    /// The fragment without its leading `#`, percent-encoded; `nil` when the URL has no `#` at all.
    public let fragment: String?
    /// Whether the path is opaque (`about:blank`, `data:text/html,…`, `mailto:x`), so that no relative reference
    /// other than a fragment resolves against this URL.
    public let hasOpaquePath: Bool

    /// The path's segments (empty for an opaque path); kept to resolve relative references against this URL.
    let pathSegments: [String]
    /// Whether `host` is present; separate from `host` so that a copied host keeps its kind.
    let hostValue: URLHost?

    /// Parses `string` as an absolute URL, as `new URL(string)` does; `nil` when it is not one.
    ///
    /// - Parameter string: The URL text. Leading and trailing spaces and control characters are ignored, as are
    ///   tabs and newlines anywhere in it.
    public init?(string: String) {
        self.init(string: string, relativeTo: nil)
    }

    /// Parses `string`, resolving it against `base` when it is a relative reference, as `new URL(string, base)` does.
    ///
    /// Relative references such as `sub.html`, `../x.html`, `/abs`, `//host/p`, `?q` and `#f` resolve per the WHATWG
    /// URL Standard; an absolute URL ignores `base`.
    ///
    /// - Parameters:
    ///   - string: The URL or relative reference.
    ///   - base: The URL to resolve against, or `nil` to accept only absolute URLs.
    /// - Returns: `nil` when the result is not a valid URL (for example a relative reference without a base, or
    ///   an invalid host or port).
    public init?(string: String, relativeTo base: WebURL?) {
        guard let record = Parser.parse(string, base: base.map(Record.init)) else { return nil }
        self.init(record: record)
    }

    init(record: Record) {
        scheme = record.scheme
        username = record.username
        password = record.password
        hostValue = record.host
        host = record.host?.serialized
        port = record.port
        switch record.path {
        case .opaque(let text):
            path = text
            pathSegments = []
            hasOpaquePath = true
        case .segments(let segments):
            path = segments.map { "/" + $0 }.joined()
            pathSegments = segments
            hasOpaquePath = false
        }
        query = record.query
        fragment = record.fragment
    }

    /// Whether the scheme is one of the WHATWG URL Standard's special schemes: `http`, `https`, `ws`, `wss`, `ftp`
    /// or `file`.
    public var isSpecial: Bool { Record.specialSchemes[scheme] != nil }

    /// The host and, when there is one, the port, as `location.host` shows it: `"127.0.0.1:8000"`.
    public var hostWithPort: String {
        guard let host else { return "" }
        return port.map { "\(host):\($0)" } ?? host
    }

    /// The whole URL, serialized as the WHATWG URL Standard says (what `location.href` returns).
    public var href: String { serialize(excludingFragment: false) }

    /// The path's segments, each percent-decoded (as UTF-8, invalid sequences replaced): how a
    /// server maps the URL to a file. Empty for an opaque path.
    public var decodedPathSegments: [String] {
        hasOpaquePath ? [] : pathSegments.map { String(decoding: Parser.percentDecode($0), as: UTF8.self) }
    }

    /// The URL without its fragment, for comparisons that ignore it (as browsers do to detect recursive frames).
    public var hrefExcludingFragment: String { serialize(excludingFragment: true) }

    /// The same as ``href``.
    public var description: String { href }

    /// The serialized origin, as `location.origin` shows it: `"http://127.0.0.1:8000"` for `http`, `https`, `ws`,
    /// `wss` and `ftp` URLs, the origin of the inner URL for `blob:` URLs, and `"null"` for opaque origins
    /// (`about:blank`, `data:`, `file:`).
    ///
    /// Extension URLs are tuple origins as in the browsers that define them: `"chrome-extension://ID"` and
    /// `"moz-extension://UUID"`, although the URL Standard alone would make them opaque.
    public var origin: String {
        switch scheme {
        case "http", "https", "ws", "wss", "ftp", "chrome-extension", "moz-extension":
            guard let host, !host.isEmpty else { return "null" }
            return "\(scheme)://\(hostWithPort)"
        case "blob":
            guard hasOpaquePath, let inner = WebURL(string: path), inner.scheme == "http" || inner.scheme == "https"
            else { return "null" }
            return inner.origin
        default:
            return "null"
        }
    }

    /// Whether the URL is potentially trustworthy (Secure Contexts, §3.1-3.2): `about:blank`,
    /// `about:srcdoc` and `data:` (whose documents' origins are their creator's or opaque: a
    /// frame's ancestors decide), a `blob:` URL of a trustworthy origin,
    /// `https`, `wss` and `file`, loopback hosts (`127.0.0.0/8`, `[::1]`, `localhost` and its
    /// subdomains), and the browsers' extension schemes; not another opaque origin.
    public var isPotentiallyTrustworthy: Bool {
        // (HTML's "matches about:blank": the path, whatever the query and fragment.)
        if scheme == "about", path == "blank" || path == "srcdoc" { return true }
        switch scheme {
        case "data":
            return true
        case "blob":
            // (A blob: URL's origin is its inner URL's.)
            guard hasOpaquePath, let inner = WebURL(string: path), !["blob", "data", "about"].contains(inner.scheme) else { return false }
            return inner.isPotentiallyTrustworthy
        case "https", "wss", "file", "chrome-extension", "moz-extension":
            return true
        case "http", "ws":
            guard let host else { return false }
            if host == "[::1]" || host == "localhost" || host.hasSuffix(".localhost") { return true }
            let parts = host.split(separator: ".", omittingEmptySubsequences: false)
            return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
        default:
            return false
        }
    }

    /// Two URLs are equal when their serializations are.
    public static func == (lhs: WebURL, rhs: WebURL) -> Bool { lhs.href == rhs.href }

    /// Hashes the serialization.
    public func hash(into hasher: inout Hasher) { hasher.combine(href) }

    private func serialize(excludingFragment: Bool) -> String {
        var out = scheme + ":"
        if let host {
            out += "//"
            if !username.isEmpty || !password.isEmpty {
                out += username
                if !password.isEmpty { out += ":" + password }
                out += "@"
            }
            out += host
            if let port { out += ":\(port)" }
        } else if !hasOpaquePath, pathSegments.count > 1, pathSegments[0].isEmpty {
            out += "/."
        }
        out += path
        if let query { out += "?" + query }
        if !excludingFragment, let fragment { out += "#" + fragment }
        return out
    }
}

extension WebURL {
    // MARK: - Setters

    /// The attributes of the `URL` interface that have a setter, other than `href` (which is
    /// ``init(string:relativeTo:)``), named as in JavaScript.
    public enum SettableAttribute: String, Sendable, CaseIterable {
        case `protocol`, username, password, host, hostname, port, pathname, search, hash
    }

    /// This URL with `attribute` set to `value`, as assigning to that attribute of a `URL` object does
    /// (`url.port = "8080"`), following the WHATWG URL Standard's setters: most run the URL parser on `value` from
    /// the attribute's own state (a "state override"), so that only that part of the URL changes.
    ///
    /// ```swift
    /// let url = WebURL(string: "http://example.net:8080/a")!
    /// url.setting(.host, to: "example.com").href        // "http://example.com:8080/a"
    /// url.setting(.protocol, to: "https:ignored").href  // "https://example.net:8080/a"
    /// url.setting(.search, to: "?q=a b").href           // "http://example.net:8080/a?q=a%20b"
    /// url.setting(.protocol, to: "mailto").href         // unchanged: a special scheme cannot become non-special
    /// ```
    ///
    /// A setter never fails: a value the standard refuses leaves the URL unchanged, and one that the parser refuses
    /// partway keeps what it set before (`host = "example.com:x"` changes the host and keeps the port). Setting
    /// `search` or `hash` to `""` removes the query or fragment; a leading `?` or `#` in `value` is dropped.
    public func setting(_ attribute: SettableAttribute, to value: String) -> WebURL {
        var url = Record(self)
        switch attribute {
        case .protocol:
            Parser.parse(value + ":", into: &url, stateOverride: .schemeStart)
        case .username, .password:
            guard !url.cannotHaveUsernamePasswordPort else { return self }
            let encoded = value.unicodeScalars.map { Parser.percentEncode($0, PercentEncodeSet.userinfo) }.joined()
            if attribute == .username { url.username = encoded } else { url.password = encoded }
        case .host, .hostname:
            guard !url.hasOpaquePath else { return self }
            Parser.parse(value, into: &url, stateOverride: attribute == .host ? .host : .hostname)
        case .port:
            guard !url.cannotHaveUsernamePasswordPort else { return self }
            if value.isEmpty {
                url.port = nil
            } else {
                Parser.parse(value, into: &url, stateOverride: .port)
            }
        case .pathname:
            guard !url.hasOpaquePath else { return self }
            url.path = .segments([])
            Parser.parse(value, into: &url, stateOverride: .pathStart)
        case .search:
            if value.isEmpty {
                url.query = nil
            } else {
                url.query = ""
                Parser.parse(value.droppingFirst("?"), into: &url, stateOverride: .query)
            }
        case .hash:
            if value.isEmpty {
                url.fragment = nil
            } else {
                url.fragment = ""
                Parser.parse(value.droppingFirst("#"), into: &url, stateOverride: .fragment)
            }
        }
        return WebURL(record: url)
    }
}

private extension String {
    /// The string without its first code point when that is `scalar` (by code point, so that a combining mark after
    /// it does not hide it).
    func droppingFirst(_ scalar: Unicode.Scalar) -> String {
        unicodeScalars.first == scalar ? String(unicodeScalars.dropFirst()) : self
    }
}
