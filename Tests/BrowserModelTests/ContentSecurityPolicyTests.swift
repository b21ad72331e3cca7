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

    @Test func aScriptsSourceMatchesTheSourceList() throws {
        let url = { (text: String) in try #require(WebURL(string: text)) }
        let extensionOrigin = "chrome-extension://abcdefghijklmnopabcdefghijklmnop"
        // (Chromium's isolated-world policy of a content script: fixtures/conformance/inserted-scripts.)
        let isolated = ContentSecurityPolicy("script-src 'self' 'wasm-unsafe-eval' 'inline-speculation-rules' http://localhost:* http://127.0.0.1:* "
            + "chrome-extension://9b7e3c4a-0000-4000-8000-000000000000/")
        #expect(isolated.allowsScript(from: try url(extensionOrigin + "/inject.js"), selfOrigin: extensionOrigin))
        #expect(isolated.allowsScript(from: try url("http://127.0.0.1:8000/dyn.js"), selfOrigin: extensionOrigin))
        #expect(isolated.allowsScript(from: try url("http://localhost/a.js"), selfOrigin: extensionOrigin))
        #expect(isolated.allowsScript(from: try url("chrome-extension://9b7e3c4a-0000-4000-8000-000000000000/x/y.js"), selfOrigin: extensionOrigin))
        #expect(!isolated.allowsScript(from: try url("data:text/javascript,1"), selfOrigin: extensionOrigin))
        #expect(!isolated.allowsScript(from: try url("http://example.com/a.js"), selfOrigin: extensionOrigin))
        #expect(!isolated.allowsScript(from: try url("chrome-extension://otherotherotherotherotherotherot/a.js"), selfOrigin: extensionOrigin))
        // Schemes, wildcards, ports and paths.
        let site = "https://site.test"
        #expect(ContentSecurityPolicy("script-src data:").allowsScript(from: try url("data:text/javascript,1"), selfOrigin: site))
        #expect(ContentSecurityPolicy("script-src http:").allowsScript(from: try url("https://a.test/x.js"), selfOrigin: site))
        #expect(ContentSecurityPolicy("script-src *").allowsScript(from: try url("https://a.test/x.js"), selfOrigin: site))
        #expect(!ContentSecurityPolicy("script-src *").allowsScript(from: try url("data:text/javascript,1"), selfOrigin: site))
        #expect(ContentSecurityPolicy("script-src *.cdn.test").allowsScript(from: try url("https://js.cdn.test/x.js"), selfOrigin: site))
        #expect(!ContentSecurityPolicy("script-src *.cdn.test").allowsScript(from: try url("https://cdn.test/x.js"), selfOrigin: site))
        #expect(!ContentSecurityPolicy("script-src https://a.test").allowsScript(from: try url("https://a.test:8443/x.js"), selfOrigin: site))
        #expect(ContentSecurityPolicy("script-src https://a.test:8443").allowsScript(from: try url("https://a.test:8443/x.js"), selfOrigin: site))
        #expect(ContentSecurityPolicy("script-src https://a.test/lib/").allowsScript(from: try url("https://a.test/lib/x.js"), selfOrigin: site))
        #expect(!ContentSecurityPolicy("script-src https://a.test/lib/").allowsScript(from: try url("https://a.test/other/x.js"), selfOrigin: site))
        #expect(ContentSecurityPolicy("script-src HTTPS://A.test/Lib/").allowsScript(from: try url("https://a.test/Lib/x.js"), selfOrigin: site))
        #expect(!ContentSecurityPolicy("script-src https://a.test/Lib/").allowsScript(from: try url("https://a.test/lib/x.js"), selfOrigin: site))
        #expect(ContentSecurityPolicy("script-src https://a.test/lib/x.js").allowsScript(from: try url("https://a.test/lib/x.js"), selfOrigin: site))
        #expect(!ContentSecurityPolicy("script-src 'self' 'nonce-abc'").allowsScript(from: try url("https://a.test/x.js"), selfOrigin: site))
        #expect(ContentSecurityPolicy("object-src 'none'").allowsScript(from: try url("data:text/javascript,1"), selfOrigin: site))
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
