/// A match pattern (`<all_urls>` or `<scheme>://<host><path>`), parsed and matched exactly as the
/// flavor's browser does: Chromium's `URLPattern` (extensions/common/url_pattern.cc) or
/// Firefox's `MatchPattern` (toolkit/components/extensions/MatchPattern.cpp, plus the manifest schema's
/// `MatchPatternRestricted` regular expressions for patterns extensions declare).
///
/// Differences that follow from that:
/// - `*` as scheme means `http`/`https` in Chrome and `http`/`https`/`ws`/`wss` in Firefox.
/// - Chrome accepts a port (`:8080` or `:*`; none means any port). Firefox accepts a pattern with a port
///   but it never matches anything.
/// - Chrome lower-cases and canonicalizes the pattern's host; Firefox compares it as written
///   (so an upper-case letter in a Firefox pattern's host never matches).
/// - The path is matched against the URL's path plus `?query` (never the fragment); `*` matches any run
///   of characters. In Chrome, `/foo/*` also matches the path `/foo`.
public struct MatchPattern: Sendable, Hashable, CustomStringConvertible {
    /// Where a pattern is used; this decides which schemes it may name and match.
    public enum Scope: Sendable, Hashable {
        /// `content_scripts[].matches` and `exclude_matches`, `scripting`/`contentScripts` registrations.
        /// Chrome: http, https, file, ftp, uuid-in-package. Firefox: http, https, ws, wss, file, ftp, data.
        case contentScripts
        /// `host_permissions` (and host patterns in MV2 `permissions`).
        /// Chrome adds ws and wss to the content-script schemes. Firefox: as for content scripts.
        case hostPermissions
        /// API filters that accept any scheme, such as `tabs.query({url})`
        /// (Chrome's `URLPattern::SCHEME_ALL`, Firefox's `restrictSchemes: false`).
        case anyScheme
    }

    /// The pattern as written.
    public let pattern: String
    /// Whose rules the pattern follows.
    public let flavor: Flavor
    /// Where the pattern is used.
    public let scope: Scope
    /// Whether this is `<all_urls>`.
    public let isAllURLs: Bool
    /// The scheme as written (`*` for the wildcard); empty for `<all_urls>`.
    public let scheme: String
    /// The host without the `*.` prefix (Chrome: canonicalized; Firefox: as written, IPv6 without brackets);
    /// empty when the pattern matches every host or has none (`file:`).
    public let host: String
    /// Whether subdomains of ``host`` match too (`*` or `*.` in the pattern).
    public let matchesSubdomains: Bool
    /// The port part: `*` for any port (also when none is written), else the digits written (Chrome only).
    public let port: String
    /// The path part, starting with `/` for hierarchical schemes; nil for `<all_urls>`.
    public let path: String?
    /// Chromium: ``path`` with `\` and `?` escaped, as `base::MatchPattern` takes it (made once, not per URL).
    private let chromiumPathPattern: [Unicode.Scalar]
    /// ``chromiumPathPattern`` read once for matching, when it has no escapes.
    private let chromiumPathGlob: Glob.ChromiumPattern?

    /// The text `<all_urls>`.
    public static let allURLsText = "<all_urls>"

    /// `<all_urls>` for `flavor` and `scope`.
    public static func allURLs(flavor: Flavor, scope: Scope = .contentScripts) -> MatchPattern {
        // swiftlint:disable:next force_try
        try! MatchPattern(allURLsText, flavor: flavor, scope: scope)
    }

    /// Parses `pattern` by `flavor`'s rules for `scope`; throws when that browser would refuse it.
    public init(_ pattern: String, flavor: Flavor, scope: Scope = .contentScripts) throws(MatchPatternError) {
        let parts: Parts
        switch flavor {
        case .chrome: parts = try MatchPattern.parseChromium(pattern, scope: scope)
        case .firefox: parts = try MatchPattern.parseGecko(pattern, scope: scope)
        }
        self.pattern = pattern
        self.flavor = flavor
        self.scope = scope
        isAllURLs = parts.isAllURLs
        scheme = parts.scheme
        host = parts.host
        matchesSubdomains = parts.matchesSubdomains
        port = parts.port
        path = parts.path
        chromiumPathPattern = flavor == .chrome
            ? Array((parts.path ?? "").replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "?", with: "\\?").unicodeScalars)
            : []
        chromiumPathGlob = flavor == .chrome ? Glob.ChromiumPattern(chromiumPathPattern) : nil
    }

    /// The pattern as written.
    public var description: String { pattern }

    /// Whether `url` is one of the URLs the pattern names. Invalid URLs never match.
    public func matches(_ url: String) -> Bool {
        guard let target = MatchTargetURL(url) else { return false }
        return matches(target)
    }

    /// Whether the parsed `url` is one of the URLs the pattern names. Invalid URLs never match.
    public func matches(_ url: MatchableURL) -> Bool {
        guard let target = url.target else { return false }
        switch flavor {
        case .chrome: return chromiumMatches(target, pathAndQuery: url.pathAndQueryScalars)
        case .firefox: return geckoMatches(target)
        }
    }

    /// Whether the parsed `target` is one of the URLs the pattern names.
    func matches(_ target: MatchTargetURL) -> Bool {
        switch flavor {
        case .chrome: chromiumMatches(target, pathAndQuery: nil)
        case .firefox: geckoMatches(target)
        }
    }

    /// The schemes the pattern can match; nil when it can match any scheme (`<all_urls>` with ``Scope/anyScheme``).
    public var matchableSchemes: Set<String>? {
        if isAllURLs {
            return MatchPattern.permittedSchemes(flavor: flavor, scope: scope)
        }
        if scheme == "*" {
            return MatchPattern.wildcardSchemes(flavor: flavor)
        }
        return [scheme]
    }

    // MARK: - Scheme tables

    /// Schemes `*` stands for.
    static func wildcardSchemes(flavor: Flavor) -> Set<String> {
        switch flavor {
        case .chrome: chromiumWildcardSchemes
        case .firefox: geckoWildcardSchemes
        }
    }

    private static let chromiumWildcardSchemes: Set<String> = ["http", "https"]
    private static let geckoWildcardSchemes: Set<String> = ["http", "https", "ws", "wss"]

    /// Schemes a pattern may name in `scope`; nil when any scheme is allowed.
    static func permittedSchemes(flavor: Flavor, scope: Scope) -> Set<String>? {
        switch (flavor, scope) {
        case (.chrome, .contentScripts): chromiumContentScriptSchemes
        case (.chrome, .hostPermissions): chromiumHostPermissionSchemes
        case (.chrome, .anyScheme): nil
        case (.firefox, .contentScripts), (.firefox, .hostPermissions):
            geckoPermittedSchemes
        case (.firefox, .anyScheme):
            // `<all_urls>` keeps Firefox's permitted schemes even without scheme restrictions.
            geckoPermittedSchemes
        }
    }

    private static let chromiumContentScriptSchemes: Set<String> = ["http", "https", "file", "ftp", "uuid-in-package"]
    private static let chromiumHostPermissionSchemes: Set<String> = ["http", "https", "file", "ftp", "ws", "wss", "uuid-in-package"]
    private static let geckoPermittedSchemes: Set<String> = ["http", "https", "ws", "wss", "file", "ftp", "data"]

    /// Chromium's standard schemes (`url::IsStandard`): written with `://` and having a host.
    static let chromiumStandardSchemes: Set<String> = [
        "http", "https", "ws", "wss", "ftp", "file", "chrome", "chrome-extension", "chrome-untrusted",
        "chrome-search", "devtools", "isolated-app",
    ]

    /// Firefox's host-locator schemes: written with `://` and having a host.
    static let geckoHostLocatorSchemes: Set<String> = [
        "http", "https", "ws", "wss", "file", "ftp", "moz-extension", "chrome", "resource", "moz", "moz-icon",
        "moz-gio",
    ]

    // MARK: - Parsing

    /// The parsed components.
    private struct Parts {
        var isAllURLs = false
        var scheme = ""
        var host = ""
        var matchesSubdomains = false
        var port = "*"
        var path: String?
    }

    /// Chromium's `URLPattern::Parse`, with the scheme mask of `scope`.
    private static func parseChromium(_ pattern: String, scope: Scope) throws(MatchPatternError) -> Parts {
        func failure(_ reason: String) -> MatchPatternError {
            MatchPatternError(pattern: pattern, reason: reason)
        }
        var parts = Parts()
        if pattern == allURLsText {
            parts.isAllURLs = true
            parts.matchesSubdomains = true
            return parts
        }

        let text = Substring(pattern)
        let schemeEnd: String.Index
        let hasStandardSeparator: Bool
        if let range = text.range(of: "://") {
            schemeEnd = range.lowerBound
            hasStandardSeparator = true
        } else if let colon = text.firstIndex(of: ":") {
            schemeEnd = colon
            hasStandardSeparator = false
        } else {
            throw failure("Missing scheme separator.")
        }

        let scheme = String(text[..<schemeEnd])
        if scheme != "*", let permitted = permittedSchemes(flavor: .chrome, scope: scope), !permitted.contains(scheme) {
            throw failure("Invalid scheme.")
        }
        parts.scheme = scheme
        let isStandard = scheme == "*" || chromiumStandardSchemes.contains(scheme)
        if isStandard != hasStandardSeparator {
            throw failure("Wrong scheme type.")
        }

        let hostStart = text.index(schemeEnd, offsetBy: isStandard ? 3 : 1)
        if hostStart >= text.endIndex {
            throw failure("Host can not be empty.")
        }

        var host = ""
        if !isStandard {
            parts.path = String(text[hostStart...])
        } else if scheme == "file" {
            if let slash = text[hostStart...].firstIndex(of: "/") {
                parts.path = String(text[slash...])
            } else {
                // `file://*` means `file:///*`: the host is left out and the rest is the path.
                parts.path = String(text[text.index(before: hostStart)...])
            }
        } else {
            guard let hostEnd = text[hostStart...].firstIndex(of: "/") else {
                throw failure("Empty path.")
            }
            if hostEnd == hostStart {
                throw failure("Host can not be empty.")
            }
            let hostAndPort = text[hostStart..<hostEnd]
            var portSeparator: String.Index?
            if hostAndPort.first != "[" {
                portSeparator = hostAndPort.firstIndex(of: ":")
            } else {
                guard let bracketEnd = hostAndPort.firstIndex(of: "]") else {
                    throw failure("Invalid host.")
                }
                if hostAndPort.index(after: hostAndPort.startIndex) == bracketEnd {
                    throw failure("Host can not be empty.")
                }
                let afterBracket = hostAndPort.index(after: bracketEnd)
                if afterBracket < hostAndPort.endIndex {
                    guard hostAndPort[afterBracket] == ":" else { throw failure("Invalid host.") }
                    portSeparator = afterBracket
                }
            }
            if let portSeparator {
                let portText = String(hostAndPort[hostAndPort.index(after: portSeparator)...])
                guard chromiumIsValidPort(portText, scheme: scheme) else {
                    throw failure("Invalid port.")
                }
                parts.port = portText
            }
            var hostPiece = hostAndPort[..<(portSeparator ?? hostAndPort.endIndex)]
            if hostPiece.isEmpty {
                throw failure("Host can not be empty.")
            }
            if hostPiece == "*" {
                parts.matchesSubdomains = true
                hostPiece = ""
            } else if hostPiece.hasPrefix("*.") {
                if hostPiece.count == 2 {
                    throw failure("Host can not be empty.")
                }
                parts.matchesSubdomains = true
                hostPiece = hostPiece.dropFirst(2)
            }
            host = String(hostPiece)
            parts.path = String(text[hostEnd...])
        }

        if host.contains("*") {
            throw failure("Invalid host wildcard.")
        }
        if !host.isEmpty {
            guard let canonical = chromiumCanonicalHost(host) else {
                throw failure("Invalid host.")
            }
            host = canonical
        }
        parts.host = host
        return parts
    }

    /// Chromium's `IsValidPortForScheme`.
    private static func chromiumIsValidPort(_ port: String, scheme: String) -> Bool {
        if port == "*" { return true }
        guard MatchTargetURL.defaultPort(for: scheme) != nil else { return false }
        guard !port.isEmpty, port.utf8.allSatisfy({ (48...57).contains($0) }) || isSignedDecimal(port),
            let value = Int(port)
        else { return false }
        return value >= 0 && value < 65536
    }

    /// Whether `text` is `+digits` or `-digits` (accepted by Chromium's `base::StringToInt`).
    private static func isSignedDecimal(_ text: String) -> Bool {
        guard let first = text.utf8.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") else {
            return false
        }
        let digits = text.utf8.dropFirst()
        return !digits.isEmpty && digits.allSatisfy { (48...57).contains($0) }
    }

    /// The host as Chromium's `net::CanonicalizeHost` writes it (lower-case; canonical IPv6), or nil when invalid.
    private static func chromiumCanonicalHost(_ host: String) -> String? {
        if host.hasPrefix("[") {
            guard host.hasSuffix("]"), let address = IPv6Literal(host.dropFirst().dropLast()) else { return nil }
            return "[" + address.canonicalText + "]"
        }
        // A space is let through: Chromium 156 loads `https://exa mple.com/*` (fixtures/manifests/match-pattern-host-space).
        for scalar in host.unicodeScalars {
            switch scalar {
            case "\u{0}", "#", "%", "/", ":", "<", ">", "?", "@", "[", "\\", "]", "^", "|":
                return nil
            default:
                if scalar.value < 0x20 || scalar.value == 0x7f { return nil }
            }
        }
        let lowered = host.lowercased()
        switch IPv4Literal.read(lowered) {
        case .domain: return lowered
        case .address(let address): return address
        case .invalid: return nil
        }
    }

    /// Firefox's `MatchPatternCore` constructor, preceded (outside ``Scope/anyScheme``) by the manifest
    /// schema's `MatchPatternRestricted` check that every pattern an extension declares goes through.
    private static func parseGecko(_ pattern: String, scope: Scope) throws(MatchPatternError) -> Parts {
        func failure(_ reason: String) -> MatchPatternError {
            MatchPatternError(pattern: pattern, reason: reason)
        }
        var parts = Parts()
        if pattern == allURLsText {
            parts.isAllURLs = true
            parts.matchesSubdomains = true
            return parts
        }
        let restrictSchemes = scope != .anyScheme
        if restrictSchemes, let reason = geckoSchemaRejection(pattern) {
            throw failure(reason)
        }

        let text = Substring(pattern)
        guard let colon = text.firstIndex(of: ":"), colon > text.startIndex else {
            throw failure("Missing scheme separator.")
        }
        let scheme = String(text[..<colon])
        var requiresHost = true
        if scheme != "*" {
            let permitted = permittedSchemes(flavor: .firefox, scope: scope) ?? []
            guard !restrictSchemes || permitted.contains(scheme) || scheme == "moz-extension" else {
                throw failure("Invalid scheme.")
            }
            requiresHost = geckoHostLocatorSchemes.contains(scheme)
        }
        parts.scheme = scheme

        var tail = text[text.index(after: colon)...]
        if requiresHost {
            guard tail.hasPrefix("//") else { throw failure("Missing scheme separator.") }
            tail = tail.dropFirst(2)
            let hostEnd = tail.firstIndex(of: "/") ?? tail.endIndex
            let host = tail[..<hostEnd]
            if host.isEmpty, scheme != "file" {
                throw failure("Host can not be empty.")
            }
            tail = tail[hostEnd...]
            if host == "*" {
                parts.matchesSubdomains = true
            } else if host.hasPrefix("*.") {
                parts.host = String(host.dropFirst(2))
                parts.matchesSubdomains = true
            } else if host.count > 1, host.hasPrefix("["), host.hasSuffix("]") {
                parts.host = String(host.dropFirst().dropLast())
            } else {
                parts.host = String(host)
            }
        }
        if tail.isEmpty {
            throw failure("Empty path.")
        }
        parts.path = String(tail)
        return parts
    }

    /// Why Firefox's manifest schema (`MatchPatternRestricted`) refuses `pattern`, or nil when it accepts it.
    ///
    /// The schema accepts `^(https?|wss?|file|ftp|\*)://(\*|\*\.[^*/]+|[^*/]+)/.*$` and `^file:///.*$`.
    private static func geckoSchemaRejection(_ pattern: String) -> String? {
        let lineTerminators: Set<Character> = ["\n", "\r", "\u{2028}", "\u{2029}"]
        guard let separator = pattern.range(of: "://") else {
            return "Missing scheme separator."
        }
        let scheme = pattern[..<separator.lowerBound]
        guard ["http", "https", "ws", "wss", "file", "ftp", "*"].contains(scheme) else {
            return "Invalid scheme."
        }
        let afterSeparator = pattern[separator.upperBound...]
        if scheme == "file", afterSeparator.hasPrefix("/") {
            return afterSeparator.contains(where: lineTerminators.contains) ? "Invalid path." : nil
        }
        guard let slash = afterSeparator.firstIndex(of: "/") else {
            return afterSeparator.isEmpty ? "Host can not be empty." : "Empty path."
        }
        let host = afterSeparator[..<slash]
        if host.isEmpty {
            return "Host can not be empty."
        }
        if host != "*" {
            let rest = host.hasPrefix("*.") ? host.dropFirst(2) : host
            if rest.isEmpty {
                return "Host can not be empty."
            }
            if rest.contains("*") {
                return "Invalid host wildcard."
            }
        }
        if afterSeparator[slash...].contains(where: lineTerminators.contains) {
            return "Invalid path."
        }
        return nil
    }

    // MARK: - Matching

    /// Chromium's `URLPattern::MatchesURL`. A `filesystem:` URL is matched by its inner URL, with the path
    /// being the inner path (`/<type>/`) followed by the outer path.
    ///
    /// - Parameter precomputed: `outer`'s path and query as scalars, when the caller has them.
    private func chromiumMatches(_ outer: MatchTargetURL, pathAndQuery precomputed: [Unicode.Scalar]?) -> Bool {
        if outer.scheme == "filesystem" {
            guard let inner = MatchTargetURL(outer.path), inner.hasAuthority else { return false }
            let innerPath = inner.path.dropFirst()
            guard let typeEnd = innerPath.firstIndex(of: "/") else { return false }
            let pathAndQuery = "/" + innerPath[...typeEnd] + innerPath[typeEnd...] + (outer.query.map { "?" + $0 } ?? "")
            return chromiumMatches(inner, pathAndQuery: Array(pathAndQuery.unicodeScalars), outer: outer)
        }
        return chromiumMatches(outer, pathAndQuery: precomputed ?? Array(outer.pathAndQuery.unicodeScalars), outer: outer)
    }

    /// ``chromiumMatches(_:pathAndQuery:)`` once the URL to match (the inner one of a `filesystem:` URL) is known.
    private func chromiumMatches(_ url: MatchTargetURL, pathAndQuery: [Unicode.Scalar], outer: MatchTargetURL) -> Bool {
        if isAllURLs {
            guard let permitted = MatchPattern.permittedSchemes(flavor: .chrome, scope: scope) else { return true }
            return permitted.contains(url.scheme)
        }
        if scheme == "*" {
            guard MatchPattern.wildcardSchemes(flavor: .chrome).contains(url.scheme) else { return false }
        } else if url.scheme != scheme {
            return false
        }
        if url.path.isEmpty {
            return false
        }
        if scheme != "file", !chromiumMatchesHost(url) {
            return false
        }
        if port != "*", port != String(url.effectivePort) {
            return false
        }
        return chromiumMatchesPath(pathAndQuery)
    }

    /// Chromium's `URLPattern::MatchesHost`.
    private func chromiumMatchesHost(_ url: MatchTargetURL) -> Bool {
        if url.host == host { return true }
        let dot = UInt8(ascii: ".")
        let testHost = url.host.utf8.last == dot ? url.host.utf8.dropLast() : url.host.utf8[...]
        let patternHost = host.utf8.last == dot ? host.utf8.dropLast() : host.utf8[...]
        if testHost.elementsEqual(patternHost) { return true }
        if matchesSubdomains, patternHost.isEmpty { return true }
        if !matchesSubdomains { return false }
        if url.hostIsIPAddress { return false }
        if testHost.count <= patternHost.count + 1 { return false }
        let suffixStart = testHost.index(testHost.endIndex, offsetBy: -patternHost.count)
        return testHost[suffixStart...].elementsEqual(patternHost) && testHost[testHost.index(before: suffixStart)] == dot
    }

    /// Chromium's `URLPattern::MatchesPath`: `base::MatchPattern` with `?` and `\` escaped, plus the rule
    /// that `/foo/*` also matches `/foo`.
    private func chromiumMatchesPath(_ test: [Unicode.Scalar]) -> Bool {
        let escaped = chromiumPathPattern
        if escaped.count == test.count + 2, escaped.starts(with: test), escaped.suffix(2).elementsEqual("/*".unicodeScalars) {
            return true
        }
        if let compiled = chromiumPathGlob { return compiled.matches(test) }
        return Glob.chromiumMatches(test, pattern: escaped)
    }

    /// Firefox's `MatchPatternCore::Matches`.
    private func geckoMatches(_ url: MatchTargetURL) -> Bool {
        guard let schemes = matchableSchemes, schemes.contains(url.scheme) else { return false }
        guard geckoMatchesDomain(url.hostWithoutBrackets) else { return false }
        guard let path else { return true }
        let isPathGlob = scheme == "*" || MatchPattern.geckoHostLocatorSchemes.contains(scheme)
        if Glob.geckoIsWildcard(path, isPathGlob: isPathGlob) { return true }
        return Glob.geckoMatches(url.pathAndQuery, glob: path, allowQuestionMark: false, isPathGlob: isPathGlob)
    }

    /// Firefox's `MatchPatternCore::MatchesDomain`.
    private func geckoMatchesDomain(_ domain: String) -> Bool {
        if matchesSubdomains, host.isEmpty { return true }
        if host.utf8.elementsEqual(domain.utf8) { return true }
        guard matchesSubdomains else { return false }
        let offset = domain.utf8.count - host.utf8.count
        guard offset > 0 else { return false }
        let bytes = Array(domain.utf8)
        return bytes[offset - 1] == UInt8(ascii: ".") && bytes[offset...].elementsEqual(host.utf8)
    }
}
