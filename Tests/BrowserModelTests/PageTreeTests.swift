import Foundation
import Testing

@testable import BrowserModel

@Suite("PageTree")
struct PageTreeTests {
    static let origin = "http://127.0.0.1:8000"

    static func site() throws -> SiteFixture {
        try SiteFixture([
            "site/index.html": """
                <!DOCTYPE html><title>Top &amp; Page</title>
                <script>const s = "<iframe src='nope.html'></iframe>";</script>
                <iframe src="frame1.html"></iframe>
                <iframe src="sub/frame2.html#part"></iframe>
                <iframe srcdoc="<title>Inline</title><iframe src=&quot;deep.html&quot;></iframe>"></iframe>
                <iframe></iframe>
                <iframe src="missing.html"></iframe>
                <iframe src="http://unmapped.test:9/x.html"></iframe>
                <iframe src="data:text/html,%3Ctitle%3EData%3C/title%3E"></iframe>
                """,
            "site/frame1.html": "<title>Frame 1</title>",
            "site/sub/frame2.html": "<title>Frame 2</title><iframe src='../deep.html'></iframe>",
            "site/deep.html": "<title>Deep</title>",
            "site/notitle.html": "<p>no title</p><iframe src=frame1.html></iframe>",
            "site/self.html": "<title>Self</title><iframe src='self.html#again'></iframe>",
            "site/a.html": "<title>A</title><iframe src=b.html></iframe>",
            "site/b.html": "<title>B</title><iframe src=a.html?x></iframe>",
            "site/base.html": "<base href='sub/'><iframe src=frame2.html></iframe><iframe srcdoc='<iframe src=frame2.html>'>",
            "site/chain.html": "<iframe src='chain1.html'></iframe>",
            "site/image.png": "PNG",
            "site/image.html": "<iframe src=image.png></iframe>",
        ].merging((1...12).map { level in
            ("site/chain\(level).html", "<title>L\(level)</title><iframe src='chain\(level + 1).html'></iframe>")
        }) { first, _ in first })
    }

    @Test("loads a page and its frames", arguments: Flavor.allCases)
    func tree(flavor: Flavor) throws {
        let fixture = try PageTreeTests.site()
        let map = try fixture.siteMap([PageTreeTests.origin])
        let tree = PageTree.load(url: "\(PageTreeTests.origin)/", siteMap: map, flavor: flavor)
        #expect(tree.url == "http://127.0.0.1:8000/")
        #expect(tree.title == "Top & Page")
        #expect(tree.documentTitle == "Top & Page")
        #expect(tree.resource?.file?.lastPathComponent == "index.html")
        #expect(tree.html.contains("frame1.html"))
        #expect(tree.children.map(\.url) == [
            "http://127.0.0.1:8000/frame1.html",
            "http://127.0.0.1:8000/sub/frame2.html#part",
            "about:srcdoc",
            "about:blank",
            "http://127.0.0.1:8000/missing.html",
            "http://unmapped.test:9/x.html",
            "data:text/html,%3Ctitle%3EData%3C/title%3E",
        ])
        #expect(tree.children.map(\.documentTitle) == ["Frame 1", "Frame 2", "Inline", "", "", "", "Data"])
        #expect(tree.children[1].children.map(\.url) == ["http://127.0.0.1:8000/deep.html"])
        #expect(tree.children[1].children.first?.title == "Deep")
        // A srcdoc document resolves against its parent's base URL.
        #expect(tree.children[2].children.map(\.url) == ["http://127.0.0.1:8000/deep.html"])
        #expect(tree.children[2].html == "<title>Inline</title><iframe src=\"deep.html\"></iframe>")
        #expect(tree.children[4].resource == nil)
        #expect(tree.children[4].html.isEmpty)
        #expect(tree.allFrames.count == 10)
        #expect(tree.allFrames.allSatisfy { $0.refusedURL == nil })
    }

    @Test("an unserved page is empty and titled after its URL", arguments: [
        (Flavor.chrome, "127.0.0.1:8000/missing.html"),
        (Flavor.firefox, "127.0.0.1:8000/missing.html"),
    ])
    func unserved(flavor: Flavor, title: String) throws {
        let fixture = try PageTreeTests.site()
        let map = try fixture.siteMap([PageTreeTests.origin])
        let tree = PageTree.load(url: "\(PageTreeTests.origin)/missing.html", siteMap: map, flavor: flavor)
        #expect(tree.title == title)
        #expect(tree.documentTitle == "")
        #expect(tree.children.isEmpty)
        #expect(tree.resource == nil)
    }

    @Test("a page without a title", arguments: [
        (Flavor.chrome, "127.0.0.1:8000/notitle.html"),
        (Flavor.firefox, "127.0.0.1:8000/notitle.html"),
    ])
    func untitled(flavor: Flavor, title: String) throws {
        let fixture = try PageTreeTests.site()
        let map = try fixture.siteMap([PageTreeTests.origin])
        let tree = PageTree.load(url: "\(PageTreeTests.origin)/notitle.html", siteMap: map, flavor: flavor)
        #expect(tree.title == title)
        #expect(tree.children.map(\.title) == ["Frame 1"])
    }

    @Test("a page that frames itself nests once", arguments: Flavor.allCases)
    func selfReference(flavor: Flavor) throws {
        let fixture = try PageTreeTests.site()
        let map = try fixture.siteMap([PageTreeTests.origin])
        let tree = PageTree.load(url: "\(PageTreeTests.origin)/self.html", siteMap: map, flavor: flavor)
        let inner = try #require(tree.children.first)
        #expect(inner.url == "http://127.0.0.1:8000/self.html#again")
        #expect(inner.title == "Self")
        let refused = try #require(inner.children.first)
        #expect(refused.url == "about:blank")
        #expect(refused.refusedURL == "http://127.0.0.1:8000/self.html#again")
        #expect(refused.children.isEmpty)
    }

    @Test("pages that frame each other stop when a URL repeats twice", arguments: Flavor.allCases)
    func mutualRecursion(flavor: Flavor) throws {
        let fixture = try PageTreeTests.site()
        let map = try fixture.siteMap([PageTreeTests.origin])
        let tree = PageTree.load(url: "\(PageTreeTests.origin)/a.html", siteMap: map, flavor: flavor)
        var urls: [String] = []
        var node: PageTree? = tree
        while let current = node {
            urls.append(current.url)
            node = current.children.first
        }
        let a = "http://127.0.0.1:8000/a.html", b = "http://127.0.0.1:8000/b.html"
        // a.html?x differs from a.html by its query, which counts; b.html is the first URL to repeat twice.
        #expect(urls == [a, b, a + "?x", b, a + "?x", "about:blank"])
    }

    @Test("Firefox stops at a depth of 10, Chromium does not")
    func depth() throws {
        let fixture = try PageTreeTests.site()
        let map = try fixture.siteMap([PageTreeTests.origin])
        func levels(_ tree: PageTree) -> [String] {
            var titles: [String] = []
            var node = tree.children.first
            while let current = node {
                titles.append(current.documentTitle.isEmpty ? current.url : current.documentTitle)
                node = current.children.first
            }
            return titles
        }
        let firefox = PageTree.load(url: "\(PageTreeTests.origin)/chain.html", siteMap: map, flavor: .firefox)
        #expect(levels(firefox) == (1...9).map { "L\($0)" } + ["about:blank"])
        let chrome = PageTree.load(url: "\(PageTreeTests.origin)/chain.html", siteMap: map, flavor: .chrome)
        #expect(levels(chrome) == (1...12).map { "L\($0)" } + ["http://127.0.0.1:8000/chain13.html"])
        let limited = PageTree.load(url: "\(PageTreeTests.origin)/chain.html", siteMap: map, flavor: .chrome, maxDepth: 3)
        #expect(levels(limited) == ["L1", "L2", "L3", "about:blank"])
    }

    @Test("Chromium loads at most 1000 frames in a page")
    func frameCount() throws {
        let fixture = try SiteFixture(["site/many.html": String(repeating: "<iframe></iframe>", count: 1005)])
        let map = try fixture.siteMap([PageTreeTests.origin])
        #expect(PageTree.load(url: "\(PageTreeTests.origin)/many.html", siteMap: map, flavor: .chrome)
            .children.count == 1000)
        #expect(PageTree.load(url: "\(PageTreeTests.origin)/many.html", siteMap: map, flavor: .firefox)
            .children.count == 1005)
    }

    @Test("frames resolve against <base href>")
    func baseHref() throws {
        let fixture = try PageTreeTests.site()
        let map = try fixture.siteMap([PageTreeTests.origin])
        let tree = PageTree.load(url: "\(PageTreeTests.origin)/base.html", siteMap: map, flavor: .chrome)
        #expect(tree.children.map(\.url) == ["http://127.0.0.1:8000/sub/frame2.html", "about:srcdoc"])
        #expect(tree.children[1].children.map(\.url) == ["http://127.0.0.1:8000/sub/frame2.html"])
    }

    @Test("a frame whose src is a javascript: URL keeps its about:blank document, which runs it")
    func javaScriptURLFrame() throws {
        let fixture = try PageTreeTests.site()
        let map = try fixture.siteMap([PageTreeTests.origin])
        let given = "<iframe src=\"javascript:'<p>x</p>'\"></iframe><iframe src='frame2.html'></iframe>"
        let tree = PageTree.load(url: "\(PageTreeTests.origin)/given.html", siteMap: map, flavor: .chrome, html: given)
        #expect(tree.url == "\(PageTreeTests.origin)/given.html")
        #expect(tree.html == given)
        #expect(tree.children.map(\.url) == ["about:blank", "\(PageTreeTests.origin)/frame2.html"])
        #expect(tree.children.map(\.javaScriptURL) == ["javascript:'<p>x</p>'", nil])
        #expect(tree.children[0].refusedURL == nil)
        // (A frame's document given as text: a javascript: URL's string, at the frame's URL.)
        let frame = HTMLPage.Frame(element: .iframe, src: "frame2.html", srcAttribute: "frame2.html", srcdoc: nil, name: nil, id: nil)
        let replaced = PageTree.loadFrame(frame, base: "\(PageTreeTests.origin)/index.html", selfAndAncestors: ["\(PageTreeTests.origin)/index.html"],
                                          siteMap: map, flavor: .firefox, html: "<title>New</title><iframe src=frame2.html></iframe>")
        #expect(replaced.url == "\(PageTreeTests.origin)/frame2.html")
        #expect(replaced.documentTitle == "New")
        #expect(replaced.children.map(\.url) == ["\(PageTreeTests.origin)/frame2.html"])
    }

    @Test("a non-HTML resource is a document without frames")
    func nonHTML() throws {
        let fixture = try PageTreeTests.site()
        let map = try fixture.siteMap([PageTreeTests.origin])
        let tree = PageTree.load(url: "\(PageTreeTests.origin)/image.html", siteMap: map, flavor: .chrome)
        let image = try #require(tree.children.first)
        #expect(image.resource?.mimeType == "image/png")
        #expect(image.html.isEmpty)
        #expect(image.title == "127.0.0.1:8000/image.png")
    }

    @Test("top-level about:, data: and invalid URLs", arguments: Flavor.allCases)
    func specialTopLevel(flavor: Flavor) {
        let map = SiteMap([])
        let blank = PageTree.load(url: "about:blank", siteMap: map, flavor: flavor)
        #expect(blank.url == "about:blank")
        #expect(blank.title == (flavor == .chrome ? "about:blank" : "New Tab"))
        let data = PageTree.load(
            url: "data:text/html;base64,PHRpdGxlPkI2NDwvdGl0bGU+PGlmcmFtZT48L2lmcmFtZT4=", siteMap: map, flavor: flavor)
        #expect(data.title == "B64")
        #expect(data.children.map(\.url) == ["about:blank"])
        let invalid = PageTree.load(url: "not a url", siteMap: map, flavor: flavor)
        #expect(invalid.url == "not a url")
        #expect(invalid.title == "not a url")
    }

    @Test("Chromium's title for a URL", arguments: [
        ("http://127.0.0.1:8000/notitle.html", "127.0.0.1:8000/notitle.html"),
        ("http://127.0.0.1:8000/", "127.0.0.1:8000"),
        ("http://127.0.0.1:8000/?q", "127.0.0.1:8000/?q"),
        ("http://127.0.0.1:8000/#f", "127.0.0.1:8000/#f"),
        ("https://www.example.com/", "example.com"),
        ("https://www.example.com/a?b#c", "example.com/a?b#c"),
        ("http://user:pw@example.com/x", "example.com/x"),
        ("http://ftp.example.com/", "http://ftp.example.com"),
        ("http://www.localhost/", "www.localhost"),
        ("http://localhost:8000/a%20b.html", "localhost:8000/a b.html"),
        ("http://h.test/caf%C3%A9?q=%C3%A9", "h.test/café?q=é"),
        ("http://h.test/%3Cx%3E%2F", "h.test/%3Cx%3E%2F"),
        ("http://h.test/%E2%80%AEevil", "h.test/%E2%80%AEevil"),
        ("file:///home/u/page.html", "page.html"),
        ("file:///home/u/page.html?x=/y#z", "page.html?x=/y#z"),
        ("about:blank", "about:blank"),
        ("data:text/html,<p>hi</p>", "data:text/html,<p>hi</p>"),
        ("chrome-extension://abcdefghijklmnopabcdefghijklmnop/popup.html",
         "chrome-extension://abcdefghijklmnopabcdefghijklmnop/popup.html"),
        ("ftp://example.com/", "ftp://example.com"),
    ])
    func chromeTitle(url: String, title: String) {
        #expect(PageTree.displayTitle(documentTitle: "", url: url, flavor: .chrome) == title)
    }

    @Test("Firefox's title for a URL", arguments: [
        ("http://127.0.0.1:8000/notitle.html", "127.0.0.1:8000/notitle.html"),
        ("http://127.0.0.1:8000/", "127.0.0.1:8000/"),
        ("https://www.example.com/a", "example.com/a"),
        ("http://user:pw@example.com:81/x", "example.com:81/x"),
        ("about:blank", "New Tab"),
        ("about:newtab", "New Tab"),
        ("about:blank#x", "about:blank#x"),
        ("file:///home/u/page.html", "/home/u/page.html"),
        ("http://h/a%20b", "h/a%20b"),
        ("http://h/caf%C3%A9", "h/café"),
        ("http://h/%FF", "h/%FF"),
        ("data:text/html,hi", "data:text/html,hi"),
        ("moz-extension://0b8c4e3e-8a4f-4d6f-9a1e-2f5d8c1b7a90/p.html", "0b8c4e3e-8a4f-4d6f-9a1e-2f5d8c1b7a90/p.html"),
    ])
    func firefoxTitle(url: String, title: String) {
        #expect(PageTree.displayTitle(documentTitle: "", url: url, flavor: .firefox) == title)
    }

    @Test("a document title wins, within each browser's limit")
    func documentTitles() {
        for flavor in Flavor.allCases {
            #expect(PageTree.displayTitle(documentTitle: "Real", url: "http://a/", flavor: flavor) == "Real")
        }
        let long = String(repeating: "x", count: 5000)
        #expect(PageTree.displayTitle(documentTitle: long, url: "http://a/", flavor: .chrome).count == 4096)
        #expect(PageTree.displayTitle(documentTitle: long, url: "http://a/", flavor: .firefox).count == 5000)
    }

    @Test("long URLs are shortened as each browser does")
    func longURLs() {
        let path = String(repeating: "p", count: 5000)
        let chrome = PageTree.displayTitle(documentTitle: "", url: "http://h/\(path)", flavor: .chrome)
        #expect(chrome.utf16.count == 4096)
        #expect(chrome.hasPrefix("h/ppp"))
        #expect(chrome.contains("\u{2026}"))
        let firefox = PageTree.displayTitle(documentTitle: "", url: "http://h/\(path)", flavor: .firefox)
        #expect(firefox == "h/" + String(repeating: "p", count: 254))
        let data = "data:text/plain;base64," + String(repeating: "QUFB", count: 200)
        #expect(PageTree.displayTitle(documentTitle: "", url: data, flavor: .firefox) == String(data.prefix(256)))
    }
}
