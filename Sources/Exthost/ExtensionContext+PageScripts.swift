import BrowserModel
import Foundation

// What an extension page's document load (``DocumentLoad``) reports when a script of the page
// cannot run: the extension pages' content security policy refuses inline scripts and scripts
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
        let hash = Data(DigestAlgorithm.sha256.digest(Array(text.utf8))).base64EncodedString()
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
