import Foundation
import Testing

@testable import BrowserModel

/// One page of the html5lib-checked data set.
struct HTMLPageCase: Decodable, Sendable, CustomStringConvertible {
    var html: String
    var title: String
    var hasTitle: Bool
    var frames: [String]
    var scriptSrcs: [String]

    var description: String { html.debugDescription }

    /// Fixtures/html-page-cases.json: pages and what html5lib (a conformant implementation of the HTML
    /// Standard's parser, run with scripting enabled) finds in them: the first HTML <title>'s text,
    /// stripped and collapsed as document.title does; the frames outside <template> (src,
    /// "about:blank" when missing or empty, "about:srcdoc" for srcdoc); the src of every <script>.
    static let all: [HTMLPageCase] = {
        let file = LargeInputCases.packageRoot.appendingPathComponent("Tests/BrowserModelTests/Fixtures/html-page-cases.json")
        // swiftlint:disable:next force_try
        return try! JSONDecoder().decode([HTMLPageCase].self, from: Data(contentsOf: file))
    }()
}

@Suite("HTMLPage")
struct HTMLPageTests {
    @Test("finds what a conformant parser finds", arguments: HTMLPageCase.all)
    func conformance(_ testCase: HTMLPageCase) {
        let page = HTMLPage(html: testCase.html)
        #expect(page.title == testCase.title)
        #expect(page.hasTitleElement == testCase.hasTitle)
        #expect(page.iframes.map(\.src) == testCase.frames)
        #expect(page.scriptElements.compactMap(\.src) == testCase.scriptSrcs)
    }

    @Test("the data set loads")
    func dataLoads() {
        #expect(HTMLPageCase.all.count > 50)
    }

    @Test("a typical page")
    func typicalPage() {
        let page = HTMLPage(html: """
            <!DOCTYPE html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <title>Fixture &amp; Friends</title>
              <script src="lib.js"></script>
              <script>
                const html = "<iframe src='not-a-frame.html'></iframe>";
                if (a < b && c > d) {}
              </script>
              <style>.x::before { content: "<iframe src=nope>"; }</style>
            </head>
            <body>
              <!-- <iframe src="commented.html"></iframe> -->
              <h1>Frames</h1>
              <iframe id="one" name="first" src="frame1.html"></iframe>
              <iframe src='sub/frame2.html?x=1&amp;y=2#top'></iframe>
              <iframe srcdoc="<title>inner</title><iframe src=&quot;deep.html&quot;></iframe>"></iframe>
              <iframe></iframe>
              <textarea><iframe src="in-textarea.html"></iframe></textarea>
              <script src="app.js" defer></script>
            </body>
            </html>
            """)
        #expect(page.title == "Fixture & Friends")
        #expect(page.iframes.map(\.src) == [
            "frame1.html", "sub/frame2.html?x=1&y=2#top", "about:srcdoc", "about:blank",
        ])
        #expect(page.iframes[0].id == "one")
        #expect(page.iframes[0].name == "first")
        #expect(page.iframes[0].element == .iframe)
        #expect(page.iframes[2].srcdoc == "<title>inner</title><iframe src=\"deep.html\"></iframe>")
        #expect(page.iframes[3].srcAttribute == nil)
        #expect(page.scripts == ["lib.js", "app.js"])
        #expect(page.scriptElements.count == 3)
        #expect(page.scriptElements[1].src == nil)
        #expect(page.scriptElements[1].text.contains("not-a-frame.html"))
        #expect(page.scriptElements[2].isDeferred)

        let inner = HTMLPage(html: page.iframes[2].srcdoc ?? "")
        #expect(inner.title == "inner")
        #expect(inner.iframes.map(\.src) == ["deep.html"])
    }

    @Test("a page without a title")
    func noTitle() {
        let page = HTMLPage(html: "<p>Nothing here</p>")
        #expect(page.title == "")
        #expect(!page.hasTitleElement)
        #expect(page.iframes.isEmpty)
        #expect(HTMLPage(html: "").title == "")
        #expect(HTMLPage(html: "<title> \n </title>").hasTitleElement)
    }

    @Test("which scripts run", arguments: [
        ("<script src=a.js></script>", ["a.js"]),
        ("<script src=a.js type=''></script>", ["a.js"]),
        ("<script src=a.js type=text/javascript></script>", ["a.js"]),
        ("<script src=a.js type=' TEXT/JavaScript '></script>", ["a.js"]),
        ("<script src=a.js type=application/x-javascript></script>", ["a.js"]),
        ("<script src=a.js type='text/javascript; charset=utf-8'></script>", []),
        ("<script src=a.js type=module></script>", ["a.js"]),
        ("<script src=a.js type=MODULE></script>", ["a.js"]),
        ("<script src=a.js type=application/json></script>", []),
        ("<script src=a.js type=importmap></script>", []),
        ("<script src=a.js language=javascript></script>", ["a.js"]),
        ("<script src=a.js language=vbscript></script>", []),
        ("<script src=a.js nomodule></script>", []),
        ("<script src=a.js></script><template><script src=b.js></script></template><script src=c.js></script>",
         ["a.js", "c.js"]),
    ] as [(String, [String])])
    func runningScripts(html: String, expected: [String]) {
        #expect(HTMLPage(html: html).scripts == expected)
    }

    @Test("script kinds")
    func scriptKinds() {
        let page = HTMLPage(html: """
            <script>1</script><script type=module>2</script><script type=importmap>{}</script>\
            <script type=text/template>x</script><script async src=x.js></script>
            """)
        #expect(page.scriptElements.map(\.kind) == [.classic, .module, .importMap, .data, .classic])
        #expect(page.scriptElements.map(\.text) == ["1", "2", "{}", "x", ""])
        #expect(page.scriptElements[4].isAsync)
        #expect(page.scriptElements.map(\.runs) == [true, true, false, false, true])
    }

    @Test("the base element")
    func base() {
        #expect(HTMLPage(html: "<base target=_top><base href='/root/&amp;'><base href=x>").baseHref == "/root/&")
        #expect(HTMLPage(html: "<p>").baseHref == nil)
        #expect(HTMLPage(html: "<template><base href=t></template>").baseHref == nil)
    }

    @Test("frames in framesets")
    func framesets() {
        let page = HTMLPage(html: """
            <html><head><title>Frames</title></head>
            <frameset cols="50%,50%">
              <frame src="left.html" name=left>
              <frameset rows="*,*"><frame src=top.html><frame></frameset>
            </frameset></html>
            """)
        #expect(page.iframes.map(\.src) == ["left.html", "top.html", "about:blank"])
        #expect(page.iframes.map(\.element) == [.frame, .frame, .frame])
        #expect(page.iframes[0].name == "left")
    }

    @Test("character references", arguments: [
        ("&amp;&lt;&gt;&quot;&#39;&apos;", "&<>\"''"),
        ("&nbsp;", "\u{A0}"),
        ("&eacute;&Eacute;&hellip;&mdash;&euro;&trade;", "éÉ…—€™"),
        ("&#x1F600;&#128512;", "😀😀"),
        ("&#0;&#x80;&#x9F;&#xD800;&#1114112;&#99999999999;", "\u{FFFD}€Ÿ\u{FFFD}\u{FFFD}\u{FFFD}"),
        ("&#65&#x42", "AB"),
        ("&copy2024 &notin &notin;", "©2024 ¬in ∉"),
        ("&AMP; &COPY &bogus; &; & &#", "& © &bogus; &; & &#"),
        // Beyond HTML 4's set: the whole table of the HTML Standard, astral and two-code-point names included.
        ("&NotEqualTilde; &Afr; &CounterClockwiseContourIntegral; &bne; &lesg;", "\u{2242}\u{338} \u{1D504} \u{2233} =\u{20E5} \u{22DA}\u{FE00}"),
        ("&angmsdaa;&ThickSpace;&fjlig;", "\u{29A8}\u{205F}\u{200A}fj"),
    ])
    func text(input: String, expected: String) {
        #expect(HTMLPage.decodeCharacterReferences(input) == expected)
    }

    @Test("every named character reference of the HTML Standard is known")
    func theWholeTable() {
        // The standard has 2,231 names: 2,125 with a semicolon, 106 of them also without.
        #expect(HTMLPage.Parser.entities.count == 2125)
        #expect(HTMLPage.Parser.entities.values.filter(\.legacy).count == 106)
    }

    @Test("character references in attribute values")
    func attributeReferences() {
        #expect(HTMLPage.decodeCharacterReferences("a=1&copy=2&amp;b", inAttribute: true) == "a=1&copy=2&b")
        #expect(HTMLPage.decodeCharacterReferences("&ampx &amp; &amp", inAttribute: true) == "&ampx & &")
        #expect(HTMLPage.decodeCharacterReferences("&notin;x&not-x", inAttribute: true) == "∉x¬-x")
    }

    @Test("document.title's whitespace rules")
    func whitespace() {
        #expect(HTMLPage.stripAndCollapseASCIIWhitespace("  a \t\n\u{0C}\r b  ") == "a b")
        #expect(HTMLPage.stripAndCollapseASCIIWhitespace("\u{A0}a\u{A0}") == "\u{A0}a\u{A0}")
        #expect(HTMLPage.stripAndCollapseASCIIWhitespace("\u{2003}a") == "\u{2003}a")
        #expect(HTMLPage.stripAndCollapseASCIIWhitespace(" \n ") == "")
    }

    @Test("raw text ends only at its own end tag")
    func rawTextEnds() {
        #expect(HTMLPage(html: "<title>a</titlex>b</title>").title == "a</titlex>b")
        #expect(HTMLPage(html: "<title>a</TITLE\t>").title == "a")
        #expect(HTMLPage(html: "<title>a</title/>").title == "a")
        #expect(HTMLPage(html: "<style></style ><iframe src=x>").iframes.map(\.src) == ["x"])
        #expect(HTMLPage(html: "<iframe src=a>text</iframe><iframe src=b>").iframes.map(\.src) == ["a", "b"])
        #expect(HTMLPage(html: "<script>'</script>'</script><iframe src=x>").iframes.map(\.src) == ["x"])
    }

    @Test("nested foreign content")
    func foreignContent() {
        let page = HTMLPage(html: """
            <svg><g><foreignObject><div><iframe src=a.html></iframe></div></foreignObject>\
            <iframe src=svg-iframe></iframe></g></svg><iframe src=b.html></iframe>\
            <math><annotation-xml encoding="text/html"><iframe src=c.html></iframe></annotation-xml></math>\
            <math><annotation-xml><iframe src=not.html></iframe></annotation-xml></math><iframe src=d.html>
            """)
        #expect(page.iframes.map(\.src) == ["a.html", "b.html", "c.html", "d.html"])
        // The HTML Standard (since 2023) ends foreign content at </p> and </br>, as browsers did.
        #expect(HTMLPage(html: "<svg><g></p><iframe src=after-p-end>").iframes.map(\.src) == ["after-p-end"])
        #expect(HTMLPage(html: "<svg><g></br><title>T</title>").title == "T")
    }
}
