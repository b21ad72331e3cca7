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
