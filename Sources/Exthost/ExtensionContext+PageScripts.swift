import BrowserModel
import Foundation

// What an extension page's document load (``DocumentLoad``) reports when a script of the page
// cannot run (and what a content script's policy says of a script it inserted): the extension pages' content security policy refuses inline scripts and scripts
// from anywhere but the extension (both browsers' default and the manifest's own policy allow
// only 'self' for scripts), and a file that is not there fails to load. Each is reported on the
// page's console as the flavor's browser reports it.
extension ExtensionContext {
    /// The policy that refuses a script of the page, and its script directive as the browser quotes it.
    private var refusingScriptDirective: String {
        contentSecurityPolicies.lazy.compactMap(\.quotedScriptDirective).first ?? "script-src 'self'"
    }

    /// An inline script of the page at `line` of `documentURL`, refused.
    func refuseInlineScript(_ text: String, documentURL: String, line: Int) {
        let directive = refusingScriptDirective
        let hash = Self.hashSource(of: text)
        let message = switch flavor {
        case .chrome:
            "Refused to execute inline script because it violates the following Content Security Policy directive: \"\(directive)\". "
                + "Either the 'unsafe-inline' keyword, a hash ('sha256-\(hash)'), or a nonce ('nonce-...') is required to enable inline execution.\n"
        case .firefox:
            "Content-Security-Policy: The page’s settings blocked an inline script (script-src-elem) from being executed because it "
                + "violates the following directive: “\(directive)”. Consider using a hash ('sha256-\(hash)') or a nonce."
        }
        host?.emit(.error, message, from: self, location: "\(documentURL):\(line)")
    }

    /// A script of the page from `url`, which is not the extension's, refused.
    func refuseScript(at url: String, documentURL: String, line: Int) {
        let directive = refusingScriptDirective
        let message = switch flavor {
        case .chrome:
            "Refused to load the script '\(url)' because it violates the following Content Security Policy directive: \"\(directive)\". "
                + "Note that 'script-src-elem' was not explicitly set, so 'script-src' is used as a fallback.\n"
        case .firefox:
            "Content-Security-Policy: The page’s settings blocked the loading of a resource (script-src-elem) at \(url) because it "
                + "violates the following directive: “\(directive)”"
        }
        host?.emit(.error, message, from: self, location: "\(documentURL):\(line)")
    }

    /// The base64 SHA-256 digest of a script's text, as a policy's hash source (`'sha256-...'`) names it.
    static func hashSource(of text: String) -> String {
        Data(DigestAlgorithm.sha256.digest(Array(text.utf8))).base64EncodedString()
    }

    /// Chromium: an inline script this content script inserted, refused by its isolated world's
    /// `policy` (recorded: inserted-scripts; Firefox runs such a script).
    func refuseInsertedInlineScript(_ text: String, policy: ContentSecurityPolicy) {
        host?.emit(.error, "Executing inline script violates the following Content Security Policy directive '\(policy.quotedScriptDirective ?? "")'. "
            + "Either the 'unsafe-inline' keyword, a hash ('sha256-\(Self.hashSource(of: text))'), or a nonce ('nonce-...') is required "
            + "to enable inline execution. The action has been blocked.", from: self)
    }

    /// A script's source `url` this content script inserted, refused by its `policy`, in each
    /// flavor's words (recorded: inserted-scripts; Firefox shortens a `data:` URL to its first 40
    /// characters).
    func refuseInsertedSource(_ url: WebURL, policy: ContentSecurityPolicy) {
        let directive = policy.quotedScriptDirective ?? ""
        let message = switch flavor {
        case .chrome:
            "Loading the script '\(url.href)' violates the following Content Security Policy directive: \"\(directive)\". "
                + "Note that 'script-src-elem' was not explicitly set, so 'script-src' is used as a fallback. The action has been blocked."
        case .firefox:
            "Content-Security-Policy: The page’s settings blocked a script (script-src-elem) at "
                + (url.scheme == "data" && url.href.count > 40 ? String(url.href.prefix(40)) + "…" : url.href)
                + " from being executed because it violates the following directive: “\(directive)”"
        }
        host?.emit(.error, message, from: self)
    }

    /// A script of the page at `url` that is not there: not a file of the extension (an extension
    /// page), or nothing the site serves (a web page: the site mapping answers 404).
    func reportMissingScript(_ url: String) {
        let message = switch flavor {
        case .chrome where kind == .webPage: "Failed to load resource: the server responded with a status of 404 (Not Found)"
        case .chrome: "Failed to load resource: net::ERR_FILE_NOT_FOUND"
        case .firefox: "Loading failed for the <script> with source “\(url)”."
        }
        host?.emit(.error, message, from: self, location: url)
    }
}
