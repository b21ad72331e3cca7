import Foundation

/// A content security policy, as far as exthost applies one: whether a context may evaluate a
/// string as code (`eval`, the `Function` constructors, a string given to `setTimeout`), and the
/// directive a browser names when it refuses. Written here rather than taken from a library: only
/// the directive list of CSP Level 3 is read (`;`-separated directives of space-separated
/// sources), and what matters is each browser's words (fixtures/conformance/csp-eval*).
public struct ContentSecurityPolicy: Sendable, Hashable {
    /// The policy's text.
    public let text: String

    /// The policy `text`.
    public init(_ text: String) {
        self.text = text
    }

    /// The policy's directives in order, each its name (lowercased) and its sources; a directive
    /// named again is ignored, as CSP says.
    public var directives: [(name: String, sources: [String])] {
        var seen: Set<String> = []
        var result: [(String, [String])] = []
        for part in text.split(separator: ";") {
            let tokens = part.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{0C}" }).map(String.init)
            guard let name = tokens.first?.lowercased(), seen.insert(name).inserted else { continue }
            result.append((name, Array(tokens.dropFirst())))
        }
        return result
    }

    /// The directive that governs scripts: `script-src`, else `default-src`; nil when it has neither.
    public var scriptDirective: (name: String, sources: [String])? {
        let all = directives
        return all.first { $0.name == "script-src" } ?? all.first { $0.name == "default-src" }
    }

    /// Whether a context under this policy may evaluate a string as code (`'unsafe-eval'`, or no
    /// directive for scripts at all).
    public var allowsEval: Bool {
        guard let directive = scriptDirective else { return true }
        return directive.sources.contains { $0.lowercased() == "'unsafe-eval'" }
    }

    /// Whether a context under this policy may run inline script, which a `javascript:` URL is:
    /// `'unsafe-inline'` in the directive for scripts (and no nonce, hash or `'strict-dynamic'`,
    /// which make CSP Level 3 ignore it), or no such directive.
    public var allowsInlineScript: Bool {
        guard let directive = scriptDirective else { return true }
        let sources = directive.sources.map { $0.lowercased() }
        let ignoresUnsafeInline = sources.contains {
            $0 == "'strict-dynamic'" || $0.hasPrefix("'nonce-") || $0.hasPrefix("'sha256-") || $0.hasPrefix("'sha384-") || $0.hasPrefix("'sha512-")
        }
        return sources.contains("'unsafe-inline'") && !ignoresUnsafeInline
    }

    /// Whether a script from `url` may load under this policy: CSP Level 3's "does url match source
    /// list" against the directive for scripts (true without one). A source matches as `*` (a
    /// network scheme, or `selfOrigin`'s scheme), `'self'` (`selfOrigin`, the origin the policy
    /// protects), a scheme (`https:`; `http:` also takes `https`) or a host (`[scheme://]host[:port][/path]`,
    /// the host possibly `*.`-prefixed, the port possibly `*`, a path ending in `/` a prefix);
    /// keywords, nonces and hashes match no URL. (`data:` and `blob:` match only their scheme.)
    public func allowsScript(from url: WebURL, selfOrigin: String) -> Bool {
        guard let directive = scriptDirective else { return true }
        return directive.sources.contains { Self.source($0, matches: url, selfOrigin: selfOrigin) }
    }

    private static let networkSchemes: Set<String> = ["http", "https", "ws", "wss"]

    private static func source(_ written: String, matches url: WebURL, selfOrigin: String) -> Bool {
        // (Keywords, schemes and hosts are case-insensitive; a path is not.)
        let pathStart = written.range(of: "://").flatMap { written[$0.upperBound...].firstIndex(of: "/") } ?? written.endIndex
        let source = written[..<pathStart].lowercased() + written[pathStart...]
        let selfScheme = selfOrigin.split(separator: ":").first.map(String.init) ?? ""
        if source == "*" { return networkSchemes.contains(url.scheme) || url.scheme == selfScheme }
        if source == "'self'" {
            return url.origin == selfOrigin || (selfOrigin.hasPrefix("http:") && url.origin == "https:" + selfOrigin.dropFirst(5))
        }
        if source.hasPrefix("'") { return false }
        if source.hasSuffix(":"), !source.contains("/") {
            let scheme = String(source.dropLast())
            return url.scheme == scheme || (scheme == "http" && url.scheme == "https") || (scheme == "ws" && url.scheme == "wss")
        }
        var rest = Substring(source)
        var scheme: String?
        if let range = rest.range(of: "://") {
            scheme = String(rest[..<range.lowerBound])
            rest = rest[range.upperBound...]
        }
        let hostEnd = rest.firstIndex { $0 == ":" || $0 == "/" } ?? rest.endIndex
        let host = String(rest[..<hostEnd])
        rest = rest[hostEnd...]
        var port: String?
        if rest.first == ":" {
            let portEnd = rest.firstIndex(of: "/") ?? rest.endIndex
            port = String(rest[rest.index(after: rest.startIndex)..<portEnd])
            rest = rest[portEnd...]
        }
        let path = String(rest)
        if let scheme {
            guard url.scheme == scheme || (scheme == "http" && url.scheme == "https") || (scheme == "ws" && url.scheme == "wss") else { return false }
        } else if !networkSchemes.contains(url.scheme) && url.scheme != selfScheme {
            return false
        }
        guard let urlHost = url.host?.lowercased() else { return false }
        if host.hasPrefix("*.") {
            guard urlHost.hasSuffix(String(host.dropFirst(1))) else { return false }
        } else if host != "*", host != urlHost {
            return false
        }
        let defaultPort: Int? = switch url.scheme {
        case "http", "ws": 80
        case "https", "wss": 443
        default: nil
        }
        if port != "*" {
            let urlPort = url.port ?? defaultPort
            if let port {
                guard Int(port) == urlPort else { return false }
            } else if url.port != nil, url.port != defaultPort {
                return false
            }
        }
        guard !path.isEmpty, path != "/" else { return true }
        let urlPath = url.path.removingPercentEncoding ?? url.path
        return path.hasSuffix("/") ? urlPath.hasPrefix(path) : urlPath == path
    }

    /// The directive for scripts as browsers quote it (`script-src 'self'`).
    public var quotedScriptDirective: String? {
        scriptDirective.map { ([$0.name] + $0.sources).joined(separator: " ") }
    }
}

extension Manifest {
    /// The policies in force in the extension's own contexts (its background and pages), or in its
    /// content scripts (`contentScript`), in the order a browser checks them; empty when none.
    /// `isolatedWorldOrigin` is the origin Chromium adds to its content scripts' policy (a new
    /// `chrome-extension://UUID/` each run). As recorded in fixtures/conformance/csp-eval,
    /// csp-eval-mv2, csp-eval-mv2-unsafe-eval and csp-eval-custom-policy.
    public func contentSecurityPolicies(contentScript: Bool, isolatedWorldOrigin: String) -> [ContentSecurityPolicy] {
        let declared = declaredExtensionPagesPolicy.map(ContentSecurityPolicy.init)
        switch flavor {
        case .chrome:
            let local = "script-src 'self' 'wasm-unsafe-eval' 'inline-speculation-rules' http://localhost:* http://127.0.0.1:*"
            if contentScript { return [ContentSecurityPolicy(local + " " + isolatedWorldOrigin)] }
            return [declared ?? ContentSecurityPolicy(local), ContentSecurityPolicy("script-src 'self'")]
        case .firefox:
            if manifestVersion < 3 {
                // (Firefox's content scripts of manifest version 2 have no policy of their own.)
                if contentScript { return [] }
                return [declared ?? ContentSecurityPolicy("script-src 'self' 'wasm-unsafe-eval'")]
            }
            let local = ContentSecurityPolicy("script-src 'self' 'wasm-unsafe-eval' http://localhost:* http://127.0.0.1:*")
            if contentScript { return [local] }
            // (Firefox's own policy for extensions, then the extension's: `script-src 'self'` unless it
            // declares one; each reports what it forbids: fixtures/conformance/csp-eval-custom-policy.)
            return [local, declared ?? ContentSecurityPolicy("script-src 'self'")]
        }
    }

    /// The policy the manifest declares for the extension's pages: `content_security_policy` (a
    /// string, manifest version 2) or its `extension_pages` (manifest version 3).
    public var declaredExtensionPagesPolicy: String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(rawJSON.utf8)) as? [String: Any] else { return nil }
        let policy = object["content_security_policy"]
        if manifestVersion < 3 { return policy as? String }
        return (policy as? [String: Any])?["extension_pages"] as? String
    }
}
