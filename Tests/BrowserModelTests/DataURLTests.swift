import Testing
@testable import BrowserModel

@Suite("DataURL")
struct DataURLTests {
    private func read(_ text: String) -> DataURL? {
        WebURL(string: text).flatMap(DataURL.init)
    }

    // (Cases of web-platform-tests' fetch/data-urls/resources/data-urls.json, as plain data.)
    @Test(arguments: [
        ("data:,", "text/plain;charset=US-ASCII", [UInt8]()),
        ("data:,X", "text/plain;charset=US-ASCII", [0x58]),
        ("data:,X#X", "text/plain;charset=US-ASCII", [0x58]),
        ("data:,%FF", "text/plain;charset=US-ASCII", [0xFF]),
        ("data:text/plain,X", "text/plain", [0x58]),
        ("data:text/html;charset=utf-8,%3Cp%3E", "text/html;charset=utf-8", [0x3C, 0x70, 0x3E]),
        ("data:;base64,WA", "text/plain;charset=US-ASCII", [0x58]),
        ("data:;base64, W A ", "text/plain;charset=US-ASCII", [0x58]),
        ("data:x/x;base64;base64,WA", "x/x;base64", [0x58]),
        ("data:application/json;base64,eyJhIjoxfQ==", "application/json", Array(#"{"a":1}"#.utf8)),
    ] as [(String, String, [UInt8])])
    func readsTheMimeTypeAndBody(_ text: String, _ mimeType: String, _ body: [UInt8]) throws {
        let parsed = try #require(read(text))
        #expect(parsed.mimeType == mimeType)
        #expect(parsed.body == body)
    }

    @Test func failsWhereFetchFails() {
        #expect(read("data:text/plain") == nil, "no comma")
        #expect(read("data:;base64,W") == nil, "one base64 character left over")
        #expect(read("data:;base64,%%%") == nil, "not base64")
        #expect(read("http://example.com/,x") == nil, "not a data: URL")
    }

    @Test func theEssenceIsLowercase() throws {
        let parsed = try #require(read("data:Text/HTML;Charset=X,a"))
        #expect(parsed.essence == "text/html")
    }
}
