import BrowserModel
import JSEngine

// `javascript:` URLs (issue 10, item 4): HTML's "navigate to a javascript: URL". A navigation to
// one loads nothing. Its script (the URL after `javascript:`, percent-decoded) runs in a task of
// the target frame's document, in its main world (the page's own realm, `this` its window); when
// the value is a string, that string becomes a new document at the same URL, replacing the
// session history entry (content scripts run in it as in any new document); any other value
// leaves the document as it was, and what the script throws is the page's uncaught error.
//
// Who may start one follows each browser (fixtures/conformance/javascript-urls): the page's own
// scripts and a person's clicks, for a frame of their own origin. Chromium refuses one a content
// script starts (a link it clicks, a location it sets): its isolated world's policy allows no
// inline script, and the refusal is written on the script's console; an extension page's policy
// refuses its own as well. Firefox runs a link a content script clicks (the link's document starts
// it) and ignores a location a content script sets. A frame whose element's `src` is a
// `javascript:` URL runs it in its initial `about:blank` document as that document begins
// (``PageTree/javaScriptURL``).
extension ExtensionHost {
    /// A script of `context` in `initiatorFrame` navigated `frame` to the `javascript:` URL `url`
    /// (`isLink`: by following a link, `byPerson`: a person's click): runs it as the browser would,
    /// or refuses it.
    func navigateToJavaScriptURL(_ url: WebURL, frame: Frame, inTab tabID: Int, from context: ExtensionContext, initiatorFrame: Frame,
                                 isLink: Bool, byPerson: Bool) {
        guard mayStartJavaScriptURL(from: context, isLink: isLink, byPerson: byPerson) else { return }
        guard let tab = browser.tab(tabID), sameOrigin(frame, initiatorFrame, in: tab) else { return }
        let documentID = frame.documentID
        loop.enqueue { [weak self] in
            guard let self, let tab = browser.tab(tabID), let current = tab.frame(frame.id), current.documentID == documentID else { return }
            guard let html = runJavaScriptURL(url, inFrame: current, inTab: tabID) else { return }
            // (A string is a new document at the frame's URL, in place of the entry.)
            if current.isTop {
                navigate(tabID: tabID, to: current.url, history: .replace, html: html)
            } else {
                navigateFrame(current.id, inTab: tabID, to: current.url, history: .replace, html: html)
            }
        }
    }

    /// Whether a script of `context` may start a navigation to a `javascript:` URL (`isLink`: by
    /// following a link, `byPerson`: a person's click did); when Chromium's policy refuses it, the
    /// refusal is written on the context's console.
    func mayStartJavaScriptURL(from context: ExtensionContext, isLink: Bool, byPerson: Bool) -> Bool {
        if byPerson { return true }
        switch context.kind {
        case .webPage:
            return true
        case .content, .page:
            if options.flavor == .firefox {
                // (A link a content script clicks is its document's own navigation.)
                return context.kind == .content && isLink
            }
            if let policy = context.contentSecurityPolicies.first(where: { !$0.allowsInlineScript }) {
                emit(.error, Self.chromeJavaScriptURLRefusal(policy), from: context)
            }
            return false
        default:
            return false
        }
    }

    /// Runs the `javascript:` URL `url` in the main world of `frame`'s document; returns its value
    /// when it is a string (the HTML of the document that replaces this one), else nil. What the
    /// script throws is reported as the page's uncaught error.
    @discardableResult
    func runJavaScriptURL(_ url: WebURL, inFrame frame: Frame, inTab tabID: Int) -> String? {
        let source = Self.javaScriptURLSource(url)
        let world = mainWorld(ofFrame: frame, inTab: tabID)
        var html: String?
        _ = world.runTopLevel {
            let value = try world.script.execute(source, sourceURL: frame.url)
            if value.isString { html = value.stringValue }
            return true
        }
        return html
    }

    /// The script a `javascript:` URL holds: the serialized URL after `javascript:`, percent-decoded
    /// and read as UTF-8 (invalid sequences become U+FFFD).
    static func javaScriptURLSource(_ url: WebURL) -> String {
        let encoded = url.href.dropFirst("javascript:".count)
        var bytes: [UInt8] = []
        let utf8 = Array(encoded.utf8)
        var index = 0
        while index < utf8.count {
            if utf8[index] == UInt8(ascii: "%"), index + 2 < utf8.count, let high = UInt8.asciiHexDigitValue(utf8[index + 1]), let low = UInt8.asciiHexDigitValue(utf8[index + 2]) {
                bytes.append(high << 4 | low)
                index += 3
            } else {
                bytes.append(utf8[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }


    /// Chromium's words when `policy` refuses a `javascript:` URL (written on the console of the
    /// context that started it).
    static func chromeJavaScriptURLRefusal(_ policy: ContentSecurityPolicy) -> String {
        "Running the JavaScript URL violates the following Content Security Policy directive '\(policy.quotedScriptDirective ?? "")'. "
            + "Either the 'unsafe-inline' keyword, a hash ('sha256-...'), or a nonce ('nonce-...') is required to enable inline execution. "
            + "Note that hashes do not apply to event handlers, style attributes and javascript: navigations unless the 'unsafe-hashes' "
            + "keyword is present. The action has been blocked."
    }
}
