import Foundation

/// A loaded page and the frames nested in it, as a browser builds them from a ``SiteMap``.
///
/// ``load(url:siteMap:flavor:maxDepth:resources:)`` fetches the page, finds its frames with ``HTMLPage``, resolves each
/// frame's URL against the page's base URL (its `<base href>`, else its own URL; a `srcdoc` or `about:blank` frame
/// inherits its parent's) and loads the frames in turn. Like the browsers, it refuses a frame whose URL (fragment
/// excluded) is already the URL of two of its ancestors (Chromium's `NavigationRequest::IsSelfReferentialURL`,
/// Firefox's `kMaxSameURLContentFrames`), so a page framing itself nests once; the refused frame keeps its initial
/// `about:blank` document. Firefox also stops at a nesting depth of 10 (`MAX_DEPTH_CONTENT_FRAMES`) and Chromium at
/// 1000 frames in a page (`Page::kMaxNumberOfFrames`).
///
/// Firefox has no limit on the number of frames (its `MAX_DEPTH_CONTENT_FRAMES` comment says so: "with large
/// branching factors the number of shells can rapidly become huge"; the old total limit of bug 98158 is gone), so
/// a few pages that frame each other would make millions of frames within its depth and same-URL limits. exthost
/// stops the Firefox flavor at the same 1000 frames as Chromium (``firefoxMaxFrames``): the frames beyond it keep
/// their `about:blank` document, with ``refusedURL`` telling what they would have loaded. Each URL is fetched and
/// parsed once per load, however many frames show it.
public struct PageTree: Sendable, Hashable {
    /// The document's URL (`about:blank` for a frame without `src`, `about:srcdoc` for a `srcdoc` frame).
    public let url: String
    /// The URL the frame was asked to load, when the browser refused it (recursion or depth) and left the frame
    /// on `about:blank`; `nil` otherwise.
    public let refusedURL: String?
    /// The tab title the flavor's browser shows for this document: ``documentTitle`` when it is not empty, else a
    /// form of the URL (see ``displayTitle(documentTitle:url:flavor:)``).
    public let title: String
    /// What `document.title` returns: empty for a page without a `<title>`, and for a URL that nothing serves.
    public let documentTitle: String
    /// The document's HTML source: the served file, the `srcdoc`, or a `data:` URL's body; empty for an unserved
    /// URL, `about:blank` and a non-HTML resource.
    public let html: String
    /// What the document contains.
    public let page: HTMLPage
    /// The file that served the document, or `nil` when no file did (an unserved URL, `about:`, `data:`).
    public let resource: PageResource?
    /// The frames the document loads, in document order.
    public let children: [PageTree]
    /// The `javascript:` URL the frame's element gave as its `src`, which runs in the frame's initial
    /// `about:blank` document (this one) as it begins, and whose string value, if it has one,
    /// becomes that document's HTML (HTML's "navigate to a javascript: URL"); nil otherwise.
    public let javaScriptURL: String?

    /// A node; see the properties for what each argument means.
    public init(
        url: String, refusedURL: String?, title: String, documentTitle: String, html: String, page: HTMLPage,
        resource: PageResource?, children: [PageTree], javaScriptURL: String? = nil
    ) {
        self.javaScriptURL = javaScriptURL
        self.url = url
        self.refusedURL = refusedURL
        self.title = title
        self.documentTitle = documentTitle
        self.html = html
        self.page = page
        self.resource = resource
        self.children = children
    }

    /// Every node of the tree, this one first, in document (depth-first) order.
    public var allFrames: [PageTree] {
        var frames: [PageTree] = []
        var pending: [PageTree] = [self]
        while let next = pending.popLast() {
            frames.append(next)
            pending.append(contentsOf: next.children.reversed())
        }
        return frames
    }

    /// Loads `url` as a tab's page, with its frames.
    ///
    /// - Parameters:
    ///   - url: The page's URL. A URL that `siteMap` does not serve, or that does not parse, gives an empty page.
    ///   - siteMap: Which directories serve which origins.
    ///   - flavor: Which browser's rules to follow for titles and for refusing frames.
    ///   - maxDepth: A safety limit on nesting, beyond the browsers' own: a frame nested more than this many levels
    ///     below the page is left on `about:blank`, unloaded.
    ///   - resources: What serves the URLs `siteMap` does not (the files of the host's extensions), if anything,
    ///     given the URL and the URL of the document that frames it (nil for the page itself).
    ///   - html: The page's HTML when it is given rather than fetched (the string a `javascript:` URL
    ///     gave, which becomes a new document at the same URL).
    public static func load(
        url: String, siteMap: SiteMap, flavor: Flavor, maxDepth: Int = 16, html: String? = nil,
        resources: ((WebURL, String?) -> PageResource?)? = nil
    ) -> PageTree {
        var loader = Loader(siteMap: siteMap, flavor: flavor, maxDepth: maxDepth, resources: resources)
        return loader.load(url: url, parsed: WebURL(string: url), srcdoc: nil, ancestors: [], inheritedBase: nil, givenHTML: html)
    }

    /// Loads the frame a script made in a loaded document (an `<iframe>` it inserted): `frame` as its
    /// element describes it, resolved against `base` (the parent document's base URL), whose
    /// document and ancestors' URLs are `selfAndAncestors` (the parent's first), with the limits
    /// and refusals of a page's own frames.
    /// `html`: the frame document's HTML when it is given rather than fetched (a `javascript:` URL's
    /// string, a new document at the frame's URL, which `frame.src` then is).
    public static func loadFrame(
        _ frame: HTMLPage.Frame, base: String, selfAndAncestors: [String], siteMap: SiteMap, flavor: Flavor, maxDepth: Int = 16,
        html: String? = nil, resources: ((WebURL, String?) -> PageResource?)? = nil
    ) -> PageTree {
        var loader = Loader(siteMap: siteMap, flavor: flavor, maxDepth: maxDepth, resources: resources)
        if let html {
            let url = WebURL(string: frame.src, relativeTo: WebURL(string: base))
            return loader.load(url: url?.href ?? frame.src, parsed: url, srcdoc: nil, ancestors: selfAndAncestors, inheritedBase: WebURL(string: base),
                               givenHTML: html)
        }
        return loader.loadFrame(frame, base: WebURL(string: base), selfAndAncestors: selfAndAncestors)
    }

    /// The title the flavor's browser gives a tab showing a document with `documentTitle` at `url`, as an
    /// extension's `tab.title` reads it.
    ///
    /// A non-empty document title is the title (Chromium keeps at most 4096 UTF-16 code units of it). Without one,
    /// the browsers show the URL differently:
    /// - Chromium (`NavigationEntryImpl::GetTitleForDisplay`, `url_formatter::FormatUrl`): the URL without
    ///   `http://` or `https://` (unless the host starts with `ftp.`), without credentials, without a leading `www.`
    ///   of a registrable domain, without the `/` of a bare host, with `%20` and percent-encoded non-ASCII text
    ///   decoded: `127.0.0.1:8000/notitle.html`, `example.com`. A `file:` URL shows only its file name.
    /// - Firefox (`tabbrowser.setTabTitle` and `_setTabLabel`, which `tab.title` reads as the tab's label): the URL
    ///   without credentials, percent-encoded non-ASCII text decoded, then without its leading `scheme://` and
    ///   `www.`, cut to 256 characters: `127.0.0.1:8000/notitle.html`, `example.com/`. A blank page
    ///   (`about:blank`, `about:newtab`, `about:home`) is `New Tab`.
    public static func displayTitle(documentTitle: String, url: String, flavor: Flavor) -> String {
        switch flavor {
        case .chrome:
            if !documentTitle.isEmpty { return prefix(documentTitle, utf16Length: chromeMaxTitleLength) }
            return chromeURLTitle(url)
        case .firefox:
            if !documentTitle.isEmpty { return documentTitle }
            return firefoxURLTitle(url)
        }
    }

    /// Chromium's `blink::mojom::kMaxTitleChars`.
    static let chromeMaxTitleLength = 4096
    /// Firefox's `TAB_LABEL_MAX_LENGTH`.
    static let firefoxMaxLabelLength = 256
    /// Chromium's `Page::kMaxNumberOfFrames`.
    public static let chromeMaxFrames = 1000
    /// Firefox's `MAX_DEPTH_CONTENT_FRAMES`: a frame whose parent has this many ancestors-or-self is not loaded.
    static let firefoxMaxDepth = 10
    /// exthost's own limit on the frames the Firefox flavor loads in a page, which Firefox itself does not limit:
    /// the same number as Chromium's.
    static let firefoxMaxFrames = 1000

    // MARK: - Loading

    /// Loads documents recursively, counting the page's frames.
    private struct Loader {
        /// A fetched and parsed document, kept so that a URL shown in many frames is read once.
        struct Document {
            var html: String
            var resource: PageResource?
            var page: HTMLPage
        }

        let siteMap: SiteMap
        let flavor: Flavor
        let maxDepth: Int
        /// What serves the URLs the site map does not (an extension's files).
        let resources: ((WebURL, String?) -> PageResource?)?
        var frameCount = 0
        /// The documents fetched so far, by URL.
        var documentsByURL: [String: Document] = [:]

        init(siteMap: SiteMap, flavor: Flavor, maxDepth: Int, resources: ((WebURL, String?) -> PageResource?)?) {
            self.siteMap = siteMap
            self.flavor = flavor
            self.maxDepth = maxDepth
            self.resources = resources
        }

        /// Loads the document at `url`. `ancestors` are the URLs (fragment excluded) of the documents above it,
        /// nearest first; `inheritedBase` is the base URL an `about:blank` or `about:srcdoc` document inherits.
        mutating func load(
            url: String, parsed: WebURL?, srcdoc: String?, ancestors: [String], inheritedBase: WebURL?, givenHTML: String? = nil
        ) -> PageTree {
            let documentURL = parsed?.href ?? url
            var fallbackBase = parsed
            if parsed?.scheme == "about" { fallbackBase = inheritedBase }
            let document = givenHTML.map { Document(html: $0, resource: nil, page: HTMLPage(html: $0)) }
                ?? fetch(parsed, srcdoc: srcdoc, parentURL: ancestors.first)
            let (html, resource, page) = (document.html, document.resource, document.page)
            var base = fallbackBase
            if let href = page.baseHref, let resolved = WebURL(string: href, relativeTo: fallbackBase) {
                base = resolved
            }

            var children: [PageTree] = []
            let selfAndAncestors = [parsed?.hrefExcludingFragment ?? url] + ancestors
            frames: for frame in page.iframes {
                switch flavor {
                case .chrome:
                    // Blink makes no content frame past the limit.
                    guard frameCount < PageTree.chromeMaxFrames else { break frames }
                case .firefox:
                    guard frameCount < PageTree.firefoxMaxFrames else {
                        children.append(PageTree.blank(flavor: flavor, refused: frame.src))
                        continue frames
                    }
                }
                frameCount += 1
                children.append(loadFrame(frame, base: base, selfAndAncestors: selfAndAncestors))
            }
            let documentTitle = page.title
            return PageTree(
                url: documentURL, refusedURL: nil,
                title: PageTree.displayTitle(documentTitle: documentTitle, url: documentURL, flavor: flavor),
                documentTitle: documentTitle, html: html, page: page, resource: resource, children: children)
        }

        /// The document at `url`: a `srcdoc`, a `data:` URL's HTML, or the file the site map or `resources` serves
        /// (read once per URL); an empty document for anything else.
        mutating func fetch(_ url: WebURL?, srcdoc: String?, parentURL: String?) -> Document {
            guard let url else { return Document(html: "", resource: nil, page: HTMLPage(html: "")) }
            if url.scheme == "about" {
                // (Another about: page than about:blank and about:srcdoc is the browser's own, when
                // `resources` serves it: `about:addons`.)
                if url.path != "blank", url.path != "srcdoc", let served = resources?(url, parentURL), served.isHTML {
                    return Document(html: served.text, resource: served, page: HTMLPage(html: served.text))
                }
                let html = url.path == "srcdoc" ? srcdoc ?? "" : ""
                return Document(html: html, resource: nil, page: HTMLPage(html: html))
            }
            let key = url.hrefExcludingFragment
            if let known = documentsByURL[key] { return known }
            var document = Document(html: "", resource: nil, page: HTMLPage(html: ""))
            if url.scheme == "data" {
                document.html = PageTree.dataURLHTML(url) ?? ""
            } else if let served = siteMap.resource(for: url) ?? resources?(url, parentURL) {
                document.resource = served
                if served.isHTML { document.html = served.text }
            }
            document.page = HTMLPage(html: document.html)
            documentsByURL[key] = document
            return document
        }

        /// Loads one frame of a document whose URL and ancestors' URLs are `selfAndAncestors`.
        mutating func loadFrame(_ frame: HTMLPage.Frame, base: WebURL?, selfAndAncestors: [String]) -> PageTree {
            var target = WebURL(string: "about:blank")
            if frame.src == "about:srcdoc", frame.srcdoc != nil {
                target = WebURL(string: "about:srcdoc")
            } else if frame.srcAttribute?.isEmpty == false, let resolved = WebURL(string: frame.src, relativeTo: base) {
                target = resolved
            }
            guard let target else { return PageTree.blank(flavor: flavor, refused: nil) }
            // (A `javascript:` URL loads nothing: the frame keeps its initial `about:blank` document,
            // in which the URL runs as the document begins.)
            if target.scheme == "javascript" { return PageTree.blank(flavor: flavor, refused: nil, javaScriptURL: target.href) }
            let depth = selfAndAncestors.count
            if let reason = refusal(of: target, depth: depth, selfAndAncestors: selfAndAncestors) {
                return PageTree.blank(flavor: flavor, refused: reason)
            }
            return load(
                url: target.href, parsed: target, srcdoc: frame.srcdoc, ancestors: selfAndAncestors,
                inheritedBase: base)
        }

        /// The URL the browser refuses to load into a frame at `depth` (1 for a child of the top page), or `nil`
        /// when it loads it.
        func refusal(of target: WebURL, depth: Int, selfAndAncestors: [String]) -> String? {
            if depth > maxDepth { return target.href }
            if flavor == .firefox, depth >= PageTree.firefoxMaxDepth { return target.href }
            let exempt = flavor == .chrome ? target.scheme == "about" : target.href == "about:srcdoc"
            if !exempt {
                let key = target.hrefExcludingFragment
                if selfAndAncestors.filter({ $0 == key }).count >= 2 { return target.href }
            }
            return nil
        }
    }

    /// The initial `about:blank` document a frame keeps when nothing else loads into it.
    static func blank(flavor: Flavor, refused: String?, javaScriptURL: String? = nil) -> PageTree {
        PageTree(
            url: "about:blank", refusedURL: refused,
            title: displayTitle(documentTitle: "", url: "about:blank", flavor: flavor), documentTitle: "", html: "",
            page: HTMLPage(html: ""), resource: nil, children: [], javaScriptURL: javaScriptURL)
    }

    // MARK: - data: URLs

    /// The HTML a `data:` URL holds, decoded as the Fetch Standard's data: URL processor does; `nil` when it is not
    /// `text/html` (or cannot be decoded).
    static func dataURLHTML(_ url: WebURL) -> String? {
        guard let data = DataURL(url), data.essence == "text/html" else { return nil }
        return String(decoding: data.body, as: UTF8.self)
    }

    // MARK: - Titles from URLs

    /// Chromium's title for a page without one: `url_formatter::FormatUrl` with `kFormatUrlOmitDefaults`,
    /// `kFormatUrlOmitTrivialSubdomains` and `kFormatUrlOmitHTTPS`, unescaping spaces; the file name for `file:`.
    static func chromeURLTitle(_ urlString: String) -> String {
        guard let url = WebURL(string: urlString) else { return prefix(urlString, utf16Length: chromeMaxTitleLength) }
        let isStandard = (url.isSpecial || url.scheme == "chrome-extension") && !url.hasOpaquePath
        var out = ""
        let stripsScheme = (url.scheme == "http" || url.scheme == "https") && !(url.host ?? "").hasPrefix("ftp.")
        if !stripsScheme { out += url.scheme + ":" }
        if var host = url.host {
            if !stripsScheme { out += "//" }
            if stripsWWW(host) { host.removeFirst(4) }
            out += host
            if let port = url.port { out += ":\(port)" }
        }
        let bareHost = isStandard && url.scheme != "file" && url.path == "/" && url.query == nil && url.fragment == nil
        if !bareHost {
            out += chromeUnescape(url.path)
            if let query = url.query { out += "?" + chromeUnescape(query) }
            if let fragment = url.fragment { out += "#" + chromeUnescape(fragment) }
        }
        if url.scheme == "file" {
            let scalars = Array(out.unicodeScalars)
            let end = scalars.firstIndex { $0 == "?" || $0 == "#" } ?? scalars.count
            if let slash = scalars[..<end].lastIndex(of: "/") {
                out = String(String.UnicodeScalarView(scalars[(slash + 1)...]))
            }
        }
        return elide(out, utf16Length: chromeMaxTitleLength)
    }

    /// Whether Chromium's `StripWWW` removes a leading `www.`: only when the rest is a registrable domain. Without
    /// the Public Suffix List this takes a name with at least two labels under a TLD that is not reserved for
    /// local use; IP addresses and single-label hosts keep their `www.`.
    static func stripsWWW(_ host: String) -> Bool {
        guard host.hasPrefix("www."), !host.hasPrefix("["), host.dropFirst(4).contains(".") else { return false }
        let labels = host.split(separator: ".")
        guard let tld = labels.last, tld.allSatisfy({ $0.isLetter || $0 == "-" }) else { return false }
        let reserved: Set<String> = ["localhost", "test", "invalid", "example", "local", "internal", "home", "lan"]
        return !reserved.contains(tld.lowercased())
    }

    /// Decodes `%20` and percent-encoded UTF-8 for non-ASCII characters, as Chromium's
    /// `UnescapeRule::SPACES` does, except for the bidirectional and invisible characters it never shows
    /// decoded. Other ASCII escapes stay.
    static func chromeUnescape(_ text: String) -> String {
        decodePercentEscapes(text) { scalar in
            if scalar == " " { return true }
            guard !scalar.isASCII else { return false }
            switch scalar.value {
            case 0x061C, 0x115F, 0x1160, 0x200B...0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x3164, 0xFEFF, 0xFFA0,
                 0xFFF9...0xFFFB:
                return false
            default:
                return true
            }
        }
    }

    /// Firefox's title for a page without one, as its tab label: see ``displayTitle(documentTitle:url:flavor:)``.
    static func firefoxURLTitle(_ urlString: String) -> String {
        var title = urlString
        if let url = WebURL(string: urlString) {
            // createExposableURI drops the credentials.
            title = url.href
            if let host = url.host, !url.username.isEmpty || !url.password.isEmpty {
                title = url.scheme + "://" + (url.port.map { "\(host):\($0)" } ?? host) + url.path
                    + (url.query.map { "?" + $0 } ?? "") + (url.fragment.map { "#" + $0 } ?? "")
            }
        }
        let blankPages: Set<String> = [
            "about:blank", "about:home", "about:welcome", "about:newtab", "chrome://browser/content/blanktab.html",
        ]
        if title.isEmpty || blankPages.contains(title) { return "New Tab" }
        let isLongBase64Data = title.utf16.count > 500
            && title.range(of: "^data:[^,]+;base64,", options: [.regularExpression, .caseInsensitive]) != nil
        if isLongBase64Data {
            title = prefix(title, utf16Length: 500) + "\u{2026}"
        } else {
            // unEscapeNonAsciiURI: only escapes of bytes 0x80 and above, and only if the result is valid UTF-8.
            title = decodePercentEscapes(title) { !$0.isASCII }
        }
        if let range = title.range(of: "^[^:]+://(?:www\\.)?", options: .regularExpression) {
            title.removeSubrange(range)
        }
        return prefix(title, utf16Length: firefoxMaxLabelLength)
    }

    /// Decodes the percent-escapes in `text` of the characters `shouldDecode` accepts. A run of escapes that is not
    /// valid UTF-8 stays as written.
    static func decodePercentEscapes(_ text: String, where shouldDecode: (Unicode.Scalar) -> Bool) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            guard bytes[index] == 0x25, index + 2 < bytes.count,
                  let high = WebURL.Parser.hexValue(bytes[index + 1]),
                  let low = WebURL.Parser.hexValue(bytes[index + 2])
            else {
                out.append(bytes[index])
                index += 1
                continue
            }
            let first = high << 4 | low
            let length: Int
            switch first {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: length = 0
            }
            var sequence: [UInt8] = [first]
            var next = index + 3
            while length > 0, sequence.count < length, next + 2 < bytes.count, bytes[next] == 0x25,
                  let h = WebURL.Parser.hexValue(bytes[next + 1]), let l = WebURL.Parser.hexValue(bytes[next + 2]) {
                sequence.append(h << 4 | l)
                next += 3
            }
            if length > 0, sequence.count == length,
               let decoded = String(validating: sequence, as: UTF8.self),
               let scalar = decoded.unicodeScalars.first, shouldDecode(scalar) {
                out.append(contentsOf: sequence)
                index = next
            } else {
                out.append(contentsOf: bytes[index..<(index + 3)])
                index += 3
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The first `utf16Length` UTF-16 code units of `text` (fewer if that would split a surrogate pair).
    static func prefix(_ text: String, utf16Length: Int) -> String {
        guard text.utf16.count > utf16Length else { return text }
        var end = text.utf16.index(text.utf16.startIndex, offsetBy: utf16Length)
        while end.samePosition(in: text.unicodeScalars) == nil { end = text.utf16.index(before: end) }
        return String(text[..<end])
    }

    /// Chromium's `gfx::ElideString`: a string longer than `utf16Length` keeps its start and end around an
    /// ellipsis, `utf16Length` code units in all.
    static func elide(_ text: String, utf16Length: Int) -> String {
        let units = Array(text.utf16)
        guard units.count > utf16Length else { return text }
        let rightLength = (utf16Length - 1) / 2
        let leftLength = rightLength + (utf16Length - 1) % 2
        let left = String(decoding: units[..<leftLength], as: UTF16.self)
        let right = String(decoding: units[(units.count - rightLength)...], as: UTF16.self)
        return left + "\u{2026}" + right
    }
}
