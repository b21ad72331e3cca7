import Foundation
import Testing

@testable import BrowserModel

/// A directory of files for a test, removed when the test ends.
final class SiteFixture: Sendable {
    let root: URL

    init(_ files: [String: String]) throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("exthost-site-\(UUID().uuidString)", isDirectory: true)
        for (path, contents) in files {
            let file = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(contents.utf8).write(to: file)
        }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    /// A site map serving `root/site` for each origin.
    func siteMap(_ origins: [String], directory: String = "site") throws -> SiteMap {
        SiteMap(try origins.map { try SiteMapping(parsing: "\($0)=\(directory)", relativeTo: root) })
    }
}

@Suite("SiteMap")
struct SiteMapTests {
    @Test("parses ORIGIN=DIR and normalizes the origin", arguments: [
        ("http://127.0.0.1:8000=site", "http://127.0.0.1:8000"),
        ("HTTP://LocalHost:80=site", "http://localhost"),
        ("https://Example.COM:443/=site", "https://example.com"),
        ("https://example.com:8443=site/", "https://example.com:8443"),
        ("http://[::1]:9000=./site", "http://[::1]:9000"),
    ])
    func parsing(argument: String, origin: String) throws {
        let fixture = try SiteFixture(["site/index.html": "<title>Home</title>"])
        let mapping = try SiteMapping(parsing: argument, relativeTo: fixture.root)
        #expect(mapping.origin == origin)
        #expect(mapping.directory.path == fixture.root.appendingPathComponent("site").standardizedFileURL.path)
    }

    @Test("an absolute directory ignores the base")
    func absoluteDirectory() throws {
        let fixture = try SiteFixture(["site/index.html": ""])
        let site = fixture.root.appendingPathComponent("site").path
        let mapping = try SiteMapping(parsing: "http://a=\(site)", relativeTo: URL(fileURLWithPath: "/nonexistent"))
        #expect(mapping.directory.path == URL(fileURLWithPath: site).standardizedFileURL.path)
        #expect(try SiteMapping(origin: "http://A:80", directory: URL(fileURLWithPath: site)).origin == "http://a")
    }

    @Test("refuses malformed arguments, saying what and how", arguments: [
        ("http://127.0.0.1:8000", "no \"=\""),
        ("http://127.0.0.1:8000=", "No directory"),
        ("=site", "No origin"),
        ("127.0.0.1:8000=site", "has no scheme. Write http://127.0.0.1:8000"),
        ("localhost:8000=site", "has no scheme"),
        ("http://not a url=site", "not a valid URL"),
        ("ftp://example.com=site", "Only http and https"),
        ("file:///tmp=site", "Only http and https"),
        ("http://a/b=site", "has a path"),
        ("http://a?x=1=site", "has a path, query or fragment"),
        ("http://a#f=site", "has a path, query or fragment"),
        ("http://u:p@a=site", "user name or password"),
        ("http://a:99999=site", "not a valid URL"),
        ("http://a=missing", "does not exist"),
        ("http://a=site/index.html", "is a file"),
    ])
    func errors(argument: String, fragment: String) throws {
        let fixture = try SiteFixture(["site/index.html": ""])
        #expect {
            _ = try SiteMapping(parsing: argument, relativeTo: fixture.root)
        } throws: { error in
            guard let error = error as? SiteMapError else { return false }
            let text = error.description
            return text.contains(fragment) && text.hasPrefix("--site \"\(argument)\": ") && !error.advice.isEmpty
        }
    }

    @Test("an error names the argument, the problem and the fix")
    func errorText() {
        let error = SiteMapError(argument: "x", problem: "It is wrong.", advice: "Do this.")
        #expect(error.description == "--site \"x\": It is wrong. Do this.")
    }

    @Test("serves files under a mapped origin")
    func serving() throws {
        let fixture = try SiteFixture([
            "site/index.html": "<title>Home</title>",
            "site/page.html": "page",
            "site/sub/index.html": "sub index",
            "site/sub/style.CSS": "css",
            "site/sp ace.html": "space",
            "site/café.html": "accent",
            "site/app.js": "js",
            "site/data.json": "{}",
            "site/blob.bin": "bin",
            "secret.html": "secret",
        ])
        let map = try fixture.siteMap(["http://127.0.0.1:8000"])
        func text(_ url: String) -> String? { map.resource(for: url).map { String(decoding: $0.contents, as: UTF8.self) } }

        #expect(text("http://127.0.0.1:8000") == "<title>Home</title>")
        #expect(text("http://127.0.0.1:8000/") == "<title>Home</title>")
        #expect(text("http://127.0.0.1:8000/index.html") == "<title>Home</title>")
        #expect(text("http://127.0.0.1:8000/page.html?x=1#top") == "page")
        #expect(text("http://127.0.0.1:8000/sub/") == "sub index")
        #expect(text("http://127.0.0.1:8000/sub") == "sub index")
        #expect(text("http://127.0.0.1:8000/sub//") == "sub index")
        #expect(text("http://127.0.0.1:8000/sp%20ace.html") == "space")
        #expect(text("http://127.0.0.1:8000/sp ace.html") == "space")
        #expect(text("http://127.0.0.1:8000/caf%C3%A9.html") == "accent")
        #expect(text("http://127.0.0.1:8000/café.html") == "accent")
        #expect(text("HTTP://127.0.0.1:8000/a/../page.html") == "page")

        #expect(map.resource(for: "http://127.0.0.1:8000/page.html")?.mimeType == "text/html")
        #expect(map.resource(for: "http://127.0.0.1:8000/app.js")?.mimeType == "text/javascript")
        #expect(map.resource(for: "http://127.0.0.1:8000/data.json")?.mimeType == "application/json")
        #expect(map.resource(for: "http://127.0.0.1:8000/sub/style.CSS")?.mimeType == "text/css")
        #expect(map.resource(for: "http://127.0.0.1:8000/blob.bin")?.mimeType == "application/octet-stream")
        #expect(map.resource(for: "http://127.0.0.1:8000/page.html")?.isHTML == true)
        #expect(map.resource(for: "http://127.0.0.1:8000/app.js")?.isHTML == false)
        #expect(map.resource(for: "http://127.0.0.1:8000/page.html")?.file?.lastPathComponent == "page.html")
    }

    @Test("leaves unserved what no mapping or file serves")
    func unserved() throws {
        let fixture = try SiteFixture(["site/index.html": "home", "secret.html": "secret"])
        let map = try fixture.siteMap(["http://127.0.0.1:8000"])
        #expect(map.resource(for: "http://127.0.0.1:8000/missing.html") == nil)
        #expect(map.resource(for: "http://127.0.0.1:8001/") == nil)
        #expect(map.resource(for: "https://127.0.0.1:8000/") == nil)
        #expect(map.resource(for: "http://localhost:8000/") == nil)
        #expect(map.resource(for: "about:blank") == nil)
        #expect(map.resource(for: "data:text/html,x") == nil)
        #expect(map.resource(for: "not a url") == nil)
        #expect(map.resource(for: "http://127.0.0.1:8000/..%2fsecret.html") == nil)
        #expect(map.resource(for: "http://127.0.0.1:8000/%2e%2e/secret.html") == nil)
        #expect(map.resource(for: "http://127.0.0.1:8000/../secret.html") == nil)
        #expect(map.resource(for: "http://127.0.0.1:8000/a%00b") == nil)
        #expect(map.resource(for: "http://127.0.0.1:8000/%FF") == nil)
        #expect(!map.servesOrigin(of: "http://127.0.0.1:9999/"))
        #expect(map.servesOrigin(of: "http://127.0.0.1:8000/missing.html"))
        #expect(SiteMap([]).resource(for: "http://127.0.0.1:8000/") == nil)
    }

    @Test("serves several origins, the first mapping of an origin winning")
    func severalOrigins() throws {
        let fixture = try SiteFixture([
            "a/index.html": "a", "b/index.html": "b", "c/index.html": "c",
        ])
        let map = SiteMap([
            try SiteMapping(parsing: "http://127.0.0.1:8000=a", relativeTo: fixture.root),
            try SiteMapping(parsing: "https://example.com=b", relativeTo: fixture.root),
            try SiteMapping(parsing: "http://127.0.0.1:8000=c", relativeTo: fixture.root),
        ])
        func text(_ url: String) -> String? { map.resource(for: url).map { String(decoding: $0.contents, as: UTF8.self) } }
        #expect(text("http://127.0.0.1:8000/") == "a")
        #expect(text("https://example.com/") == "b")
        #expect(text("https://EXAMPLE.com:443/index.html") == "b")
        #expect(map.mapping(forOrigin: "https://example.com")?.directory.lastPathComponent == "b")
        #expect(map.mappings.count == 3)
    }

    @Test("decodes served text as UTF-8")
    func text() {
        let resource = PageResource(
            contents: Data([0xEF, 0xBB, 0xBF] + Array("é".utf8) + [0xFF]), mimeType: "text/html",
            file: URL(fileURLWithPath: "/x.html"))
        #expect(resource.text == "é\u{FFFD}")
        #expect(PageResource.mimeType(forFileNamed: "README") == "application/octet-stream")
        #expect(PageResource.mimeType(forFileNamed: ".htaccess") == "application/octet-stream")
        #expect(PageResource.mimeType(forFileNamed: "a.HTM") == "text/html")
        #expect(PageResource.mimeType(forFileNamed: "icon.svg") == "image/svg+xml")
    }
}
