import Testing

@testable import BrowserModel

/// `web_accessible_resources` (issue 9, item 2): which of an extension's files a page and its
/// content scripts may load, per manifest version and flavor (fixtures/conformance/web-fetch-accessible).
@Suite("Web-accessible resources")
struct WebAccessibleResourcesTests {
    static func manifest(_ version: Int, _ resources: String, _ flavor: Flavor) throws -> Manifest {
        let background = version >= 3 ? #""background": {"service_worker": "b.js", "scripts": ["b.js"]}"# : #""background": {"scripts": ["b.js"]}"#
        return try ManifestTests.parse(#"{"manifest_version": \#(version), "name": "t", "version": "1", \#(background), "web_accessible_resources": \#(resources)}"#, flavor)
    }

    @Test(arguments: Flavor.allCases)
    func version3GivesEachEntrysFilesToItsPages(flavor: Flavor) throws {
        let resources = try Self.manifest(3, #"[{"resources": ["war/*.json", "/exact.txt"], "matches": ["http://127.0.0.1/*"]}, {"resources": ["elsewhere.json"], "matches": ["https://example.com/*"]}]"#, flavor).webAccessibleResources
        let page = "http://127.0.0.1:8000/index.html"
        #expect(resources.isAccessible(path: "war/a.json", from: page))
        #expect(resources.isAccessible(path: "war/deeper/b.json", from: page))
        #expect(resources.isAccessible(path: "exact.txt", from: page))
        #expect(!resources.isAccessible(path: "war/a.txt", from: page))
        #expect(!resources.isAccessible(path: "elsewhere.json", from: page))
        #expect(resources.isAccessible(path: "elsewhere.json", from: "https://example.com/a"))
        #expect(!resources.isAccessible(path: "private.json", from: page))
        #expect(!resources.isAccessible(path: "exact.txt", from: "https://example.com/"))
    }

    @Test(arguments: Flavor.allCases)
    func version2GivesItsFilesToEveryPage(flavor: Flavor) throws {
        let resources = try Self.manifest(2, #"["images/*", "page.html"]"#, flavor).webAccessibleResources
        #expect(resources.isAccessible(path: "images/a.png", from: "https://anywhere.test/"))
        #expect(resources.isAccessible(path: "page.html", from: "http://127.0.0.1/"))
        #expect(!resources.isAccessible(path: "script.js", from: "http://127.0.0.1/"))
    }

    @Test func noEntriesGiveNothing() throws {
        let mv3 = #"{"manifest_version": 3, "name": "t", "version": "1", "background": {"service_worker": "b.js"}}"#
        #expect(try !ManifestTests.parse(mv3, .chrome).webAccessibleResources.isAccessible(path: "b.js", from: "http://127.0.0.1/"))
        // (An entry without matches gives its files to no page.)
        #expect(try !Self.manifest(3, #"[{"resources": ["*"]}]"#, .chrome).webAccessibleResources.isAccessible(path: "b.js", from: "http://127.0.0.1/"))
    }
}
