import Testing

@testable import BrowserModel

/// Content security policies (issue 9, item 5): reading a policy's directives, whether it lets a
/// context evaluate strings as code, and the policies each browser puts on an extension's contexts
/// (the recorded cases fixtures/conformance/csp-eval*).
@Suite("Content security policy")
struct ContentSecurityPolicyTests {
    @Test func directivesAreReadAsCSPListsThem() {
        let policy = ContentSecurityPolicy("  script-src 'self'  'unsafe-eval' ;object-src 'none'; script-src 'none';;  ")
        #expect(policy.directives.map(\.name) == ["script-src", "object-src"])
        #expect(policy.directives.first?.sources == ["'self'", "'unsafe-eval'"])
        #expect(policy.quotedScriptDirective == "script-src 'self' 'unsafe-eval'")
        #expect(policy.allowsEval)
    }

    @Test func inlineScriptNeedsUnsafeInlineWithoutNoncesOrHashes() {
        #expect(ContentSecurityPolicy("object-src 'none'").allowsInlineScript)
        #expect(!ContentSecurityPolicy("script-src 'self' 'wasm-unsafe-eval' 'inline-speculation-rules' http://localhost:*").allowsInlineScript)
        #expect(ContentSecurityPolicy("script-src 'self' 'UNSAFE-INLINE'").allowsInlineScript)
        #expect(ContentSecurityPolicy("default-src 'unsafe-inline'").allowsInlineScript)
        // (CSP Level 3: a nonce, a hash or 'strict-dynamic' makes 'unsafe-inline' ignored.)
        #expect(!ContentSecurityPolicy("script-src 'unsafe-inline' 'nonce-abc'").allowsInlineScript)
        #expect(!ContentSecurityPolicy("script-src 'unsafe-inline' 'sha256-AAAA'").allowsInlineScript)
        #expect(!ContentSecurityPolicy("script-src 'unsafe-inline' 'strict-dynamic'").allowsInlineScript)
    }

    @Test func scriptSourceFallsBackToDefaultSource() {
        #expect(ContentSecurityPolicy("default-src 'self'; object-src 'none'").quotedScriptDirective == "default-src 'self'")
        #expect(!ContentSecurityPolicy("default-src 'self'").allowsEval)
        #expect(ContentSecurityPolicy("DEFAULT-SRC 'self' 'UNSAFE-EVAL'").allowsEval)
        // (A directive for scripts decides, even after default-src.)
        #expect(!ContentSecurityPolicy("default-src 'unsafe-eval'; script-src 'self'").allowsEval)
        // (No directive for scripts: nothing is refused.)
        #expect(ContentSecurityPolicy("object-src 'none'").allowsEval)
        #expect(ContentSecurityPolicy("").allowsEval)
    }

    @Test func eachBrowserPutsItsPoliciesOnTheContexts() throws {
        let mv3 = #"{"manifest_version": 3, "name": "t", "version": "1", "background": {"service_worker": "b.js", "scripts": ["b.js"]}}"#
        let chrome = try ManifestTests.parse(mv3, .chrome)
        let origin = "chrome-extension://00000000-0000-4000-8000-000000000000/"
        #expect(chrome.contentSecurityPolicies(contentScript: false, isolatedWorldOrigin: origin).map(\.text) == [
            "script-src 'self' 'wasm-unsafe-eval' 'inline-speculation-rules' http://localhost:* http://127.0.0.1:*", "script-src 'self'",
        ])
        #expect(chrome.contentSecurityPolicies(contentScript: true, isolatedWorldOrigin: origin).map(\.text) == [
            "script-src 'self' 'wasm-unsafe-eval' 'inline-speculation-rules' http://localhost:* http://127.0.0.1:* " + origin,
        ])
        let firefox = try ManifestTests.parse(mv3, .firefox)
        #expect(firefox.contentSecurityPolicies(contentScript: true, isolatedWorldOrigin: origin).allSatisfy { !$0.allowsEval })
        let mv2 = #"{"manifest_version": 2, "name": "t", "version": "1", "background": {"scripts": ["b.js"]}}"#
        let firefox2 = try ManifestTests.parse(mv2, .firefox)
        #expect(firefox2.contentSecurityPolicies(contentScript: true, isolatedWorldOrigin: origin).isEmpty)
        #expect(firefox2.contentSecurityPolicies(contentScript: false, isolatedWorldOrigin: origin).map(\.text) == ["script-src 'self' 'wasm-unsafe-eval'"])
        let unsafe = try ManifestTests.parse(
            #"{"manifest_version": 2, "name": "t", "version": "1", "background": {"scripts": ["b.js"]}, "content_security_policy": "script-src 'self' 'unsafe-eval'; object-src 'self'"}"#,
            .firefox)
        #expect(unsafe.contentSecurityPolicies(contentScript: false, isolatedWorldOrigin: origin).allSatisfy { $0.allowsEval })
        let declared = try ManifestTests.parse(
            #"{"manifest_version": 3, "name": "t", "version": "1", "background": {"scripts": ["b.js"]}, "content_security_policy": {"extension_pages": "default-src 'self'"}}"#,
            .firefox)
        // (Firefox's own policy for extensions first, then the extension's.)
        #expect(declared.contentSecurityPolicies(contentScript: false, isolatedWorldOrigin: origin).map(\.text)
            == ["script-src 'self' 'wasm-unsafe-eval' http://localhost:* http://127.0.0.1:*", "default-src 'self'"])
    }
}
