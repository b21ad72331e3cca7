import Testing
@testable import BrowserModel

@Suite("WebStorageArea")
struct WebStorageAreaTests {
    @Test func keysStayInTheOrderTheyWereFirstSet() {
        var area = WebStorageArea()
        #expect(area.set("b", to: "1") == .set(oldValue: nil))
        #expect(area.set("a", to: "2") == .set(oldValue: nil))
        #expect(area.set("b", to: "3") == .set(oldValue: "1"))
        #expect(area.set("b", to: "3") == .unchanged)
        #expect(area.allKeys == ["b", "a"])
        #expect(area.key(at: 1) == "a" && area.key(at: 2) == nil && area.key(at: -1) == nil)
        #expect(area.remove("b") == "3")
        #expect(area.remove("b") == nil)
        #expect(area.allKeys == ["a"] && area.count == 1)
        #expect(area.clear() && !area.clear())
    }

    @Test func theQuotaCountsUTF16CodeUnitsOfKeysAndValues() {
        var area = WebStorageArea()
        let value = String(repeating: "x", count: WebStorageArea.quota - 1)
        #expect(area.set("k", to: value) == .set(oldValue: nil))
        #expect(area.usage == WebStorageArea.quota)
        #expect(area.set("j", to: "") == .overQuota, "one more code unit of key is over")
        // (Replacing a value frees the old one first.)
        #expect(area.set("k", to: "\u{1F600}") == .set(oldValue: value))
        #expect(area.usage == 3)
    }
}
