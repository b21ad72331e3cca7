import Foundation

/// What a browser's HTML parser finds in a page that matters to exthost: the title, the frames it loads and the
/// scripts it runs.
///
/// The page is tokenized as the HTML Standard says, so that the text of comments, `<script>`, `<style>`,
/// `<textarea>`, `<title>`, `<noscript>`, `<iframe>` and the other raw-text elements is never mistaken for markup (an
/// `<iframe>` written inside a script's string is no frame), attributes may be quoted with `"` or `'` or left
/// unquoted, tag and attribute names are case-insensitive, and character references are decoded. The tree builder
/// is followed where it changes the answer for typical pages: elements inside `<template>` and inside `<svg>` or
/// `<math>` (outside their HTML integration points) are neither frames, nor scripts to run, nor the title; `<frame>`
/// counts only inside a `<frameset>`.
///
/// Named character references cover HTML 4's set (every name in common use, including all those a browser decodes
/// without a semicolon); other names are left as written.
public struct HTMLPage: Sendable, Hashable {
    /// A frame the page loads: an `<iframe>`, or a `<frame>` in a `<frameset>`.
    public struct Frame: Sendable, Hashable {
        /// Which element makes the frame.
        public enum Element: String, Sendable, Hashable {
            /// An `<iframe>`.
            case iframe
            /// A `<frame>` in a `<frameset>`.
            case frame
        }

        /// The element that makes the frame.
        public let element: Element
        /// What the frame navigates to, still to be resolved against the page's base URL: the `src` attribute
        /// (character references decoded), `about:blank` when there is no `src` or it is empty, and
        /// `about:srcdoc` when an `<iframe>` has a `srcdoc` attribute, which wins over `src`.
        public let src: String
        /// The `src` attribute as written (character references decoded), or `nil` when there is none.
        public let srcAttribute: String?
        /// The document of an `about:srcdoc` frame: its `srcdoc` attribute, decoded. `nil` for other frames.
        public let srcdoc: String?
        /// The `name` attribute, or `nil`.
        public let name: String?
        /// The `id` attribute, or `nil`.
        public let id: String?
        /// The `sandbox` attribute of an `<iframe>`, or `nil` (see ``FrameSandbox``).
        public let sandbox: String?

        /// A frame made by `element`; see the properties for what each argument means.
        public init(element: Element, src: String, srcAttribute: String?, srcdoc: String?, name: String?, id: String?, sandbox: String? = nil) {
            self.element = element
            self.src = src
            self.srcAttribute = srcAttribute
            self.srcdoc = srcdoc
            self.name = name
            self.id = id
            self.sandbox = sandbox
        }
    }

    /// A `<script>` element.
    public struct Script: Sendable, Hashable {
        /// What the browser does with a script, from its `type` (and `language`) attribute.
        public enum Kind: String, Sendable, Hashable {
            /// A classic script (no type, or a JavaScript MIME type such as `text/javascript`).
            case classic
            /// A module script (`type="module"`).
            case module
            /// An import map (`type="importmap"`).
            case importMap
            /// A data block the browser does not run (any other type, such as `application/json`).
            case data
        }

        /// How the browser treats the script.
        public let kind: Kind
        /// The `src` attribute (character references decoded), or `nil` for an inline script.
        public let src: String?
        /// The inline text between `<script>` and `</script>`, exactly as written.
        public let text: String
        /// Whether the `async` attribute is present.
        public let isAsync: Bool
        /// Whether the `defer` attribute is present.
        public let isDeferred: Bool
        /// Whether the `nomodule` attribute is present (browsers that run modules skip such classic scripts).
        public let isNoModule: Bool

        /// A script; see the properties for what each argument means.
        public init(kind: Kind, src: String?, text: String, isAsync: Bool, isDeferred: Bool, isNoModule: Bool) {
            self.kind = kind
            self.src = src
            self.text = text
            self.isAsync = isAsync
            self.isDeferred = isDeferred
            self.isNoModule = isNoModule
        }

        /// Whether a browser runs this script: a classic script without `nomodule`, or a module.
        public var runs: Bool { (kind == .classic && !isNoModule) || kind == .module }
    }

    /// What `document.title` returns: the text of the first `<title>` element, character references decoded,
    /// with ASCII whitespace stripped from both ends and runs of it collapsed to one space. Empty when there is no
    /// title.
    public let title: String
    /// Whether the page has a `<title>` element at all (even an empty one).
    public let hasTitleElement: Bool
    /// The frames the page loads, in document order.
    public let iframes: [Frame]
    /// The `src` of each script a browser runs, in document order (inline scripts have none and are left out):
    /// what a background page's scripts are.
    public let scripts: [String]
    /// Every `<script>` element, in document order, with its kind, inline text and attributes.
    public let scriptElements: [Script]
    /// The `href` of the first `<base>` element that has one (character references decoded), which the page's
    /// relative URLs resolve against; `nil` when there is none.
    public let baseHref: String?

    /// Parses `html`, the text of a whole document.
    public init(html: String) {
        var parser = Parser(html)
        parser.run()
        title = parser.titleText.map(HTMLPage.stripAndCollapseASCIIWhitespace) ?? ""
        hasTitleElement = parser.titleText != nil
        iframes = parser.frames
        scriptElements = parser.scripts
        scripts = parser.scripts.filter(\.runs).compactMap(\.src)
        baseHref = parser.baseHref
    }

    /// Strips ASCII whitespace from both ends of `text` and collapses every run of it to one space, as
    /// `document.title` does. U+00A0 (`&nbsp;`) is not ASCII whitespace and stays.
    public static func stripAndCollapseASCIIWhitespace(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if Parser.isWhitespace(scalar) {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" ") }
                pendingSpace = false
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Decodes the character references in `text` as the HTML tokenizer does in text (`inAttribute` false) or in
    /// an attribute value (`inAttribute` true, where `&amp=` and `&ampx` stay as written).
    public static func decodeCharacterReferences(_ text: String, inAttribute: Bool = false) -> String {
        Parser.decodeCharacterReferences(Array(text.unicodeScalars)[...], inAttribute: inAttribute)
    }
}

extension HTMLPage {
    /// The HTML tokenizer, with just enough of the tree builder to know which elements are frames, scripts and
    /// the title.
    struct Parser {
        /// A namespace of foreign content.
        enum Namespace {
            case svg, math
        }

        /// An open element of foreign content, or an HTML integration point inside it.
        struct OpenElement {
            var name: String
            var namespace: Namespace
            /// Whether its content is HTML again (`<foreignObject>`, `<desc>`, `<title>` in SVG; `<mi>`, `<mo>`,
            /// `<mn>`, `<ms>`, `<mtext>` and `<annotation-xml encoding="text/html">` in MathML).
            var isIntegrationPoint: Bool
            /// Whether it was opened from HTML content (an `<svg>` or `<math>` root).
            var isRoot: Bool
        }

        let input: [Unicode.Scalar]
        var pos = 0
        var titleText: String?
        var frames: [Frame] = []
        var scripts: [Script] = []
        var baseHref: String?
        var templateDepth = 0
        /// The tree builder's frameset-ok flag: whether a `<frameset>` would still replace the body.
        var framesetOK = true
        /// Whether a `<frameset>` replaced the body; from then on only frames count.
        var inFramesetDocument = false
        var framesetDepth = 0
        var foreign = ForeignContentStack()

        init(_ html: String) {
            // Newlines are normalized first: CR LF and lone CR become LF.
            var scalars: [Unicode.Scalar] = []
            scalars.reserveCapacity(html.unicodeScalars.count)
            var previousWasCR = false
            for scalar in html.unicodeScalars {
                if scalar == "\r" {
                    scalars.append("\n")
                    previousWasCR = true
                    continue
                }
                if scalar == "\n", previousWasCR {
                    previousWasCR = false
                    continue
                }
                previousWasCR = false
                scalars.append(scalar)
            }
            input = scalars
        }

        /// Whether the current node is a foreign element (not an HTML integration point).
        var inForeignContent: Bool { foreign.last.map { !$0.isIntegrationPoint } ?? false }

        func at(_ index: Int) -> Unicode.Scalar? { index >= 0 && index < input.count ? input[index] : nil }

        static func isWhitespace(_ c: Unicode.Scalar) -> Bool {
            c == " " || c == "\t" || c == "\n" || c == "\u{0C}" || c == "\r"
        }

        static func isAlpha(_ c: Unicode.Scalar?) -> Bool {
            guard let c else { return false }
            return (0x41...0x5A).contains(c.value) || (0x61...0x7A).contains(c.value)
        }

        static func isAlphanumeric(_ c: Unicode.Scalar?) -> Bool {
            guard let c else { return false }
            return isAlpha(c) || (0x30...0x39).contains(c.value)
        }

        static func lowercased(_ c: Unicode.Scalar) -> Unicode.Scalar {
            if c.value == 0 { return "\u{FFFD}" }
            return (0x41...0x5A).contains(c.value) ? Unicode.Scalar(c.value + 0x20)! : c
        }

        // MARK: The data state

        mutating func run() {
            while pos < input.count {
                let next = input[pos...].firstIndex(of: "<") ?? input.count
                if framesetOK, input[pos..<next].contains(where: { !Parser.isWhitespace($0) }) { framesetOK = false }
                pos = next
                if pos < input.count { markup() }
            }
        }

        /// Handles what starts with the `<` at `pos`, leaving `pos` after it.
        mutating func markup() {
            let next = at(pos + 1)
            if next == "!" {
                if starts(with: "<!--", at: pos) {
                    skipComment(from: pos + 4)
                } else if inForeignContent, starts(with: "<![CDATA[", at: pos) {
                    pos = find("]]>", from: pos + 9).map { $0 + 3 } ?? input.count
                } else {
                    skipBogusComment(from: pos + 2)
                }
            } else if next == "/" {
                let after = at(pos + 2)
                if Parser.isAlpha(after) {
                    tag(start: pos + 2, isEndTag: true)
                } else if after == ">" {
                    pos += 3
                } else if after == nil {
                    pos = input.count
                } else {
                    skipBogusComment(from: pos + 2)
                }
            } else if next == "?" {
                skipBogusComment(from: pos + 1)
            } else if Parser.isAlpha(next) {
                tag(start: pos + 1, isEndTag: false)
            } else {
                // A "<" that starts no markup is text.
                framesetOK = false
                pos += 1
            }
        }

        func starts(with text: String, at index: Int) -> Bool {
            var i = index
            for scalar in text.unicodeScalars {
                guard let c = at(i), Parser.lowercased(c) == Parser.lowercased(scalar) else { return false }
                i += 1
            }
            return true
        }

        func find(_ text: String, from index: Int) -> Int? {
            let needle = Array(text.unicodeScalars)
            var i = index
            while i + needle.count <= input.count {
                if input[i] == needle[0], Array(input[i..<(i + needle.count)]) == needle { return i }
                i += 1
            }
            return nil
        }

        /// Skips a comment whose text starts at `start` (after `<!--`), as the comment states do: it ends at
        /// `-->` or `--!>`, and `<!-->` and `<!--->` are empty comments.
        mutating func skipComment(from start: Int) {
            var i = start
            if at(i) == ">" {
                pos = i + 1
                return
            }
            if at(i) == "-", at(i + 1) == ">" {
                pos = i + 2
                return
            }
            while i < input.count {
                if input[i] == "-", at(i + 1) == "-" {
                    var j = i + 2
                    while at(j) == "-" { j += 1 }
                    if at(j) == ">" {
                        pos = j + 1
                        return
                    }
                    if at(j) == "!", at(j + 1) == ">" {
                        pos = j + 2
                        return
                    }
                    i = j
                    continue
                }
                i += 1
            }
            pos = input.count
        }

        /// Skips a bogus comment or a DOCTYPE: up to and including the next `>`.
        mutating func skipBogusComment(from start: Int) {
            pos = input[min(start, input.count)...].firstIndex(of: ">").map { $0 + 1 } ?? input.count
        }

        // MARK: Tags

        /// Tokenizes the tag whose name starts at `start`, then lets the tree builder see it. A tag cut off by the
        /// end of the input is dropped, as the tokenizer does.
        mutating func tag(start: Int, isEndTag: Bool) {
            var i = start
            var name = String.UnicodeScalarView()
            while let c = at(i), !Parser.isWhitespace(c), c != "/", c != ">" {
                name.append(Parser.lowercased(c))
                i += 1
            }
            var attributes: [(name: String, value: String)] = []
            var attributeNames: Set<String> = []
            var selfClosing = false
            attributeLoop: while true {
                while let c = at(i), Parser.isWhitespace(c) { i += 1 }
                guard let c = at(i) else {
                    pos = input.count
                    return
                }
                if c == ">" {
                    i += 1
                    break
                }
                if c == "/" {
                    i += 1
                    if at(i) == ">" {
                        selfClosing = true
                        i += 1
                        break attributeLoop
                    }
                    continue
                }
                var attributeName = String.UnicodeScalarView()
                if c == "=" {
                    attributeName.append("=")
                    i += 1
                }
                while let c = at(i), !Parser.isWhitespace(c), c != "/", c != ">", c != "=" {
                    attributeName.append(Parser.lowercased(c))
                    i += 1
                }
                while let c = at(i), Parser.isWhitespace(c) { i += 1 }
                var value = ""
                if at(i) == "=" {
                    i += 1
                    while let c = at(i), Parser.isWhitespace(c) { i += 1 }
                    var raw: ArraySlice<Unicode.Scalar> = []
                    if let quote = at(i), quote == "\"" || quote == "'" {
                        i += 1
                        let valueStart = i
                        while let c = at(i), c != quote { i += 1 }
                        guard at(i) != nil else {
                            pos = input.count
                            return
                        }
                        raw = input[valueStart..<i]
                        i += 1
                    } else if at(i) != ">" {
                        let valueStart = i
                        while let c = at(i), !Parser.isWhitespace(c), c != ">" { i += 1 }
                        raw = input[valueStart..<i]
                    }
                    value = Parser.decodeCharacterReferences(raw, inAttribute: true)
                }
                let nameText = String(attributeName)
                // A repeated attribute is dropped; the set keeps that check constant-time for a tag of many attributes.
                if attributeNames.insert(nameText).inserted {
                    attributes.append((nameText, value))
                }
            }
            pos = i
            if isEndTag {
                endTag(String(name))
            } else {
                startTag(String(name), attributes: attributes, selfClosing: selfClosing)
            }
        }

        /// Records a `<frame>` with `attributes`.
        mutating func appendFrame(_ attributes: [(name: String, value: String)]) {
            func attribute(_ key: String) -> String? { attributes.first { $0.name == key }?.value }
            let srcAttribute = attribute("src")
            frames.append(Frame(
                element: .frame, src: srcAttribute.flatMap { $0.isEmpty ? nil : $0 } ?? "about:blank",
                srcAttribute: srcAttribute, srcdoc: nil, name: attribute("name"), id: attribute("id")))
        }

        /// The start tags after which a `<frameset>` no longer replaces the body (they set frameset-ok to "not ok").
        static let framesetNotOKElements: Set<String> = [
            "body", "pre", "listing", "li", "dd", "dt", "button", "applet", "marquee", "object", "table", "area", "br",
            "embed", "img", "keygen", "wbr", "hr", "textarea", "xmp", "iframe", "select",
        ]

        /// The HTML elements that end foreign content when they start inside it.
        static let breakoutElements: Set<String> = [
            "b", "big", "blockquote", "body", "br", "center", "code", "dd", "div", "dl", "dt", "em", "embed", "h1",
            "h2", "h3", "h4", "h5", "h6", "head", "hr", "i", "img", "li", "listing", "menu", "meta", "nobr", "ol", "p",
            "pre", "ruby", "s", "small", "span", "strong", "strike", "sub", "sup", "table", "tt", "u", "ul", "var",
        ]

        mutating func startTag(_ name: String, attributes: [(name: String, value: String)], selfClosing: Bool) {
            func attribute(_ key: String) -> String? { attributes.first { $0.name == key }?.value }

            if inForeignContent, let current = foreign.last {
                let breaksOut = Parser.breakoutElements.contains(name)
                    || (name == "font" && attributes.contains { ["color", "face", "size"].contains($0.name) })
                let svgInAnnotation = name == "svg" && current.namespace == .math && current.name == "annotation-xml"
                if breaksOut {
                    while let last = foreign.last, !last.isIntegrationPoint { foreign.removeLast() }
                } else {
                    if !selfClosing {
                        let namespace = svgInAnnotation ? .svg : current.namespace
                        foreign.append(OpenElement(
                            name: name, namespace: namespace,
                            isIntegrationPoint: Parser.isIntegrationPoint(name, namespace, attribute("encoding")),
                            isRoot: false))
                    }
                    return
                }
            }

            if inFramesetDocument {
                // "In frameset" and "after frameset": every start tag but these is ignored, and none switches the
                // tokenizer to raw text but <noframes>.
                switch name {
                case "frameset":
                    framesetDepth += 1
                case "frame":
                    if framesetDepth > 0 { appendFrame(attributes) }
                case "noframes":
                    pos = rawTextEnd(name, from: pos)
                default:
                    break
                }
                return
            }
            if Parser.framesetNotOKElements.contains(name)
                || (name == "input" && attribute("type")?.lowercased() != "hidden") {
                framesetOK = false
            }

            let inert = templateDepth > 0
            switch name {
            case "svg", "math":
                if !selfClosing {
                    foreign.append(OpenElement(
                        name: name, namespace: name == "svg" ? .svg : .math, isIntegrationPoint: false, isRoot: true))
                }
            case "template":
                templateDepth += 1
            case "frameset":
                // A frameset replaces the body only while nothing has made the page a body page.
                if framesetOK, !inert, foreign.isEmpty {
                    inFramesetDocument = true
                    framesetDepth = 1
                }
            case "base":
                if baseHref == nil, !inert, let href = attribute("href") { baseHref = href }
            case "title":
                let end = rawTextEnd("title", from: pos)
                if titleText == nil, !inert {
                    titleText = Parser.decodeCharacterReferences(input[pos..<end], inAttribute: false)
                }
                pos = end
            case "textarea", "style", "xmp", "noembed", "noframes", "noscript":
                pos = rawTextEnd(name, from: pos)
            case "iframe":
                if !inert {
                    let srcAttribute = attribute("src")
                    let srcdoc = attribute("srcdoc")
                    let src = srcdoc != nil
                        ? "about:srcdoc" : (srcAttribute.flatMap { $0.isEmpty ? nil : $0 } ?? "about:blank")
                    frames.append(Frame(
                        element: .iframe, src: src, srcAttribute: srcAttribute, srcdoc: srcdoc,
                        name: attribute("name"), id: attribute("id"), sandbox: attribute("sandbox")))
                }
                pos = rawTextEnd("iframe", from: pos)
            case "plaintext":
                pos = input.count
            case "script":
                let end = scriptDataEnd(from: pos)
                if !inert {
                    scripts.append(Script(
                        kind: Parser.scriptKind(type: attribute("type"), language: attribute("language")),
                        src: attribute("src"), text: String(String.UnicodeScalarView(input[pos..<end])),
                        isAsync: attribute("async") != nil, isDeferred: attribute("defer") != nil,
                        isNoModule: attribute("nomodule") != nil))
                }
                pos = end
            default:
                break
            }
        }

        mutating func endTag(_ name: String) {
            if inForeignContent {
                var matched = false
                if name != "br", name != "p" {
                    // Any other end tag closes the innermost open foreign element of that name, looking no further
                    // than the foreign element opened from HTML content.
                    if let index = foreign.indexClosed(byEndTagNamed: name) {
                        foreign.removeElements(from: index)
                        matched = true
                    }
                }
                if matched { return }
                // </br>, </p> and an end tag reaching an open <template> close the foreign content; any other end
                // tag that names no open foreign element is ignored (the HTML element it names is not open, or
                // is one this parser does not track).
                guard name == "br" || name == "p" || (name == "template" && templateDepth > 0) else { return }
                while let last = foreign.last, !last.isIntegrationPoint { foreign.removeLast() }
            } else if let last = foreign.last, last.isIntegrationPoint, last.name == name {
                foreign.removeLast()
                return
            }
            switch name {
            case "template":
                if templateDepth > 0 { templateDepth -= 1 }
            case "frameset":
                if framesetDepth > 0 { framesetDepth -= 1 }
            default:
                break
            }
        }

        static func isIntegrationPoint(_ name: String, _ namespace: Namespace, _ encoding: String?) -> Bool {
            switch namespace {
            case .svg:
                return name == "foreignobject" || name == "desc" || name == "title"
            case .math:
                if ["mi", "mo", "mn", "ms", "mtext"].contains(name) { return true }
                guard name == "annotation-xml", let encoding = encoding?.lowercased() else { return false }
                return encoding == "text/html" || encoding == "application/xhtml+xml"
            }
        }

        /// The JavaScript MIME type essences, which make a classic script.
        static let javaScriptMIMETypes: Set<String> = [
            "application/ecmascript", "application/javascript", "application/x-ecmascript",
            "application/x-javascript", "text/ecmascript", "text/javascript", "text/javascript1.0",
            "text/javascript1.1", "text/javascript1.2", "text/javascript1.3", "text/javascript1.4",
            "text/javascript1.5", "text/jscript", "text/livescript", "text/x-ecmascript", "text/x-javascript",
        ]

        /// The HTML Standard's script type: from the `type` attribute, or `language` when there is no `type`.
        static func scriptKind(type: String?, language: String?) -> Script.Kind {
            let typeString: String
            if let type {
                if type.isEmpty { return .classic }
                typeString = type
            } else if let language, !language.isEmpty {
                typeString = "text/" + language
            } else {
                return .classic
            }
            let essence = String(String.UnicodeScalarView(
                typeString.unicodeScalars.drop(while: isWhitespace).reversed().drop(while: isWhitespace).reversed()
            )).lowercased()
            if javaScriptMIMETypes.contains(essence) { return .classic }
            if essence == "module" { return .module }
            if essence == "importmap" { return .importMap }
            return .data
        }

        // MARK: Raw text

        /// Whether an end tag named `name` (case-insensitively), followed by whitespace, `/` or `>`, starts at
        /// `index` (just after `</`).
        func isAppropriateEndTag(_ name: String, at index: Int) -> Bool {
            var i = index
            for scalar in name.unicodeScalars {
                guard let c = at(i), Parser.lowercased(c) == scalar else { return false }
                i += 1
            }
            guard let after = at(i) else { return false }
            return Parser.isWhitespace(after) || after == "/" || after == ">"
        }

        /// Where the text of a raw-text or RCDATA element named `name` ends: the `<` of its end tag, or the end of
        /// the input.
        func rawTextEnd(_ name: String, from start: Int) -> Int {
            var i = start
            while let lt = input[min(i, input.count)...].firstIndex(of: "<") {
                if at(lt + 1) == "/", isAppropriateEndTag(name, at: lt + 2) { return lt }
                i = lt + 1
            }
            return input.count
        }

        /// Where a script's text ends, following the script data states (with their escaped and double-escaped
        /// states, so that `<!-- <script> … </script> -->` stays inside the script).
        func scriptDataEnd(from start: Int) -> Int {
            enum State { case data, escaped, escapedDash, escapedDashDash, double, doubleDash, doubleDashDash }
            var state = State.data
            var i = start

            /// Reads ASCII letters from `index`, lower-cased; returns them and the index after them.
            func letters(from index: Int) -> (String, Int) {
                var j = index
                var text = String.UnicodeScalarView()
                while Parser.isAlpha(at(j)) {
                    text.append(Parser.lowercased(input[j]))
                    j += 1
                }
                return (String(text), j)
            }
            func isDelimiter(_ c: Unicode.Scalar?) -> Bool {
                guard let c else { return false }
                return Parser.isWhitespace(c) || c == "/" || c == ">"
            }

            while i < input.count {
                let c = input[i]
                switch state {
                case .data:
                    if c == "<" {
                        if at(i + 1) == "/" {
                            if isAppropriateEndTag("script", at: i + 2) { return i }
                            i += 2
                            continue
                        }
                        if at(i + 1) == "!", at(i + 2) == "-", at(i + 3) == "-" {
                            state = .escapedDashDash
                            i += 4
                            continue
                        }
                    }
                    i += 1
                case .escaped, .escapedDash, .escapedDashDash:
                    if c == "-" {
                        state = state == .escaped ? .escapedDash : .escapedDashDash
                        i += 1
                    } else if c == "<" {
                        if at(i + 1) == "/" {
                            if isAppropriateEndTag("script", at: i + 2) { return i }
                            state = .escaped
                            i += 2
                        } else if Parser.isAlpha(at(i + 1)) {
                            let (name, after) = letters(from: i + 1)
                            if isDelimiter(at(after)) {
                                state = name == "script" ? .double : .escaped
                                i = after + 1
                            } else {
                                state = .escaped
                                i = after
                            }
                        } else {
                            state = .escaped
                            i += 1
                        }
                    } else {
                        state = (c == ">" && state == .escapedDashDash) ? .data : .escaped
                        i += 1
                    }
                case .double, .doubleDash, .doubleDashDash:
                    if c == "-" {
                        state = state == .double ? .doubleDash : .doubleDashDash
                        i += 1
                    } else if c == "<" {
                        state = .double
                        if at(i + 1) == "/" {
                            let (name, after) = letters(from: i + 2)
                            if isDelimiter(at(after)) {
                                state = name == "script" ? .escaped : .double
                                i = after + 1
                            } else {
                                i = after
                            }
                        } else {
                            i += 1
                        }
                    } else {
                        state = (c == ">" && state == .doubleDashDash) ? .data : .double
                        i += 1
                    }
                }
            }
            return input.count
        }

        // MARK: Character references

        /// Decodes the character references in `text`; see ``HTMLPage/decodeCharacterReferences(_:inAttribute:)``.
        static func decodeCharacterReferences(_ text: ArraySlice<Unicode.Scalar>, inAttribute: Bool) -> String {
            var out = String.UnicodeScalarView()
            var i = text.startIndex
            while i < text.endIndex {
                let c = text[i]
                if c == "&", let (decoded, length) = characterReference(text, at: i, inAttribute: inAttribute) {
                    out.append(contentsOf: decoded)
                    i += length
                } else {
                    out.append(!inAttribute && c.value == 0 ? "\u{FFFD}" : c)
                    i += 1
                }
            }
            return String(out)
        }

        /// The characters a reference at `index` (an `&`) stands for (one, or two for a few named ones) and how
        /// long the reference is, or `nil` when the `&` is just an ampersand.
        static func characterReference(
            _ text: ArraySlice<Unicode.Scalar>, at index: Int, inAttribute: Bool
        ) -> ([Unicode.Scalar], Int)? {
            func at(_ i: Int) -> Unicode.Scalar? { i < text.endIndex ? text[i] : nil }
            guard let next = at(index + 1) else { return nil }
            if next == "#" {
                var i = index + 2
                var radix: UInt32 = 10
                if at(i) == "x" || at(i) == "X" {
                    radix = 16
                    i += 1
                }
                var value: UInt32 = 0
                var digits = 0
                while let c = at(i), let digit = Character(c).hexDigitValue, UInt32(digit) < radix, c.isASCII {
                    value = min(value * radix + UInt32(digit), 0x110000)
                    digits += 1
                    i += 1
                }
                guard digits > 0 else { return nil }
                if at(i) == ";" { i += 1 }
                return ([numericCharacter(value)], i - index)
            }
            guard isAlphanumeric(next) else { return nil }
            var end = index + 1
            while end - index - 1 < longestEntityName, isAlphanumeric(at(end)) { end += 1 }
            var length = end - index - 1
            while length > 0 {
                let name = String(String.UnicodeScalarView(text[(index + 1)..<(index + 1 + length)]))
                if let entity = entities[name] {
                    let after = at(index + 1 + length)
                    if after == ";" { return (entity.scalars, length + 2) }
                    if entity.legacy {
                        if inAttribute, after == "=" || isAlphanumeric(after) { return nil }
                        return (entity.scalars, length + 1)
                    }
                }
                length -= 1
            }
            return nil
        }

        /// The character a numeric reference to `value` stands for, with the HTML Standard's replacements.
        static func numericCharacter(_ value: UInt32) -> Unicode.Scalar {
            if value == 0 || value > 0x10FFFF || (0xD800...0xDFFF).contains(value) { return "\u{FFFD}" }
            if let replacement = windows1252[value] { return Unicode.Scalar(replacement)! }
            return Unicode.Scalar(value) ?? "\u{FFFD}"
        }

        /// What numeric references to C1 controls stand for: the Windows-1252 characters at those bytes.
        static let windows1252: [UInt32: UInt32] = [
            0x80: 0x20AC, 0x82: 0x201A, 0x83: 0x0192, 0x84: 0x201E, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021,
            0x88: 0x02C6, 0x89: 0x2030, 0x8A: 0x0160, 0x8B: 0x2039, 0x8C: 0x0152, 0x8E: 0x017D, 0x91: 0x2018,
            0x92: 0x2019, 0x93: 0x201C, 0x94: 0x201D, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02DC,
            0x99: 0x2122, 0x9A: 0x0161, 0x9B: 0x203A, 0x9C: 0x0153, 0x9E: 0x017E, 0x9F: 0x0178,
        ]

        /// The named character references, by name (without the semicolon).
        /// (From ``entityTable``, HTMLEntities.swift, which scripts/generate-html-entities writes.)
        static let entities: [String: (scalars: [Unicode.Scalar], legacy: Bool)] = {
            var table: [String: (scalars: [Unicode.Scalar], legacy: Bool)] = [:]
            for entry in entityTable.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
                let parts = entry.split(separator: "=")
                let legacy = parts[1].hasSuffix("*")
                let points = (legacy ? parts[1].dropLast() : parts[1]).split(separator: "+")
                table[String(parts[0])] = (points.map { Unicode.Scalar(UInt32($0, radix: 16)!)! }, legacy)
            }
            return table
        }()

        /// The length of the longest name in ``entities``.
        static let longestEntityName = entities.keys.map(\.count).max() ?? 0
    }
}
