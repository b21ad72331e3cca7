import Testing
@testable import BrowserModel

/// A seeded generator, so that a failing sequence of operations comes back the same every run.
private struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The browser as it was kept before the index: each window a plain array of tab ids, the active
/// tab and the highlights found by walking the window. The indexed ``Browser`` must agree with it.
private struct NaiveBrowser {
    var windows: [(id: Int, tabs: [Int])] = []
    var active: Set<Int> = []
    var highlighted: Set<Int> = []
    var lastFocused: Int?

    func window(of tabID: Int) -> Int? { windows.firstIndex { $0.tabs.contains(tabID) } }

    mutating func add(_ tabID: Int, window windowID: Int, index: Int?) {
        guard let w = windows.firstIndex(where: { $0.id == windowID }) else { return }
        let count = windows[w].tabs.count
        windows[w].tabs.insert(tabID, at: min(max(index ?? count, 0), count))
    }

    mutating func activate(_ tabID: Int, keepingHighlights: Bool) -> Int? {
        guard let w = window(of: tabID) else { return nil }
        var previous: Int?
        for id in windows[w].tabs where id != tabID {
            if active.contains(id) { previous = id }
            active.remove(id)
            if !keepingHighlights { highlighted.remove(id) }
        }
        active.insert(tabID)
        highlighted.insert(tabID)
        lastFocused = windows[w].id
        return previous
    }

    mutating func remove(_ tabID: Int) -> (windowClosing: Bool, nextActive: Int?)? {
        guard let w = window(of: tabID) else { return nil }
        let position = windows[w].tabs.firstIndex(of: tabID)!
        windows[w].tabs.remove(at: position)
        let wasActive = active.remove(tabID) != nil
        highlighted.remove(tabID)
        let remaining = windows[w].tabs
        let next = wasActive && !remaining.isEmpty ? remaining[min(position, remaining.count - 1)] : nil
        if remaining.isEmpty {
            let id = windows[w].id
            windows.remove(at: w)
            if lastFocused == id { lastFocused = windows.last?.id }
        }
        return (remaining.isEmpty, next)
    }

    mutating func move(_ tabID: Int, to index: Int) -> (from: Int, to: Int)? {
        guard let w = window(of: tabID) else { return nil }
        let from = windows[w].tabs.firstIndex(of: tabID)!
        windows[w].tabs.remove(at: from)
        let count = windows[w].tabs.count
        let to = index < 0 || index > count ? count : index
        windows[w].tabs.insert(tabID, at: to)
        return (from, to)
    }
}

private struct NoTab: Error {}

extension Browser {
    fileprivate mutating func addTabOrThrow(windowID: Int, url: String, index: Int? = nil, now: Double) throws -> Tab {
        guard let tab = addTab(windowID: windowID, url: url, index: index, now: now) else { throw NoTab() }
        return tab
    }
}

@Suite("Tab index")
struct TabIndexTests {
    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func tabStripAgreesWithAnArrayUnderRandomEdits(seed: UInt64) {
        var random = SplitMix64(state: seed)
        var strip = TabStrip()
        var naive: [Int] = []
        var nextID = 100
        for _ in 0..<3000 {
            switch Int.random(in: 0..<10, using: &random) {
            case 0..<3 where naive.count < 400:
                strip.append(nextID)
                naive.append(nextID)
                nextID += 1
            case 3..<5 where naive.count < 400:
                let index = Int.random(in: -2...(naive.count + 2), using: &random)
                strip.insert(nextID, at: index)
                naive.insert(nextID, at: min(max(index, 0), naive.count))
                nextID += 1
            case 5..<8 where !naive.isEmpty:
                let id = naive.randomElement(using: &random)!
                let index = naive.firstIndex(of: id)!
                #expect(strip.remove(id) == index)
                naive.remove(at: index)
            case 8 where !naive.isEmpty:
                let id = naive.randomElement(using: &random)!
                let from = naive.firstIndex(of: id)!
                let to = Int.random(in: 0..<naive.count, using: &random)
                #expect(strip.remove(id) == from)
                strip.insert(id, at: to)
                naive.remove(at: from)
                naive.insert(id, at: to)
            default:
                #expect(strip.remove(-1) == nil)
            }
            #expect(strip.count == naive.count)
            #expect(strip.ids == naive)
            #expect(strip.first == naive.first)
            for (index, id) in naive.enumerated() where index % 7 == 0 || index == naive.count - 1 {
                #expect(strip.index(of: id) == index)
                #expect(strip.id(at: index) == id)
            }
            #expect(strip.id(at: naive.count) == nil && strip.id(at: -1) == nil)
        }
    }

    @Test func tabStripAppendsTenThousandInOrder() {
        var strip = TabStrip()
        for id in 0..<10_000 { strip.append(id) }
        #expect(strip.count == 10_000)
        #expect(strip.ids == Array(0..<10_000))
        #expect(strip.index(of: 9_999) == 9_999 && strip.id(at: 5_000) == 5_000)
        #expect(strip.remove(0) == 0)
        #expect(strip.index(of: 9_999) == 9_998 && strip.id(at: 0) == 1)
    }

    @Test(arguments: [11, 12, 13, 14] as [UInt64])
    func browserAgreesWithAWalkOverItsWindows(seed: UInt64) throws {
        var random = SplitMix64(state: seed)
        var browser = Browser(flavor: seed % 2 == 0 ? .chrome : .firefox)
        var naive = NaiveBrowser()
        func openWindow() {
            let window = browser.openWindow()
            naive.windows.append((window.id, []))
            naive.lastFocused = window.id
        }
        openWindow()
        for step in 0..<2500 {
            let allTabs = naive.windows.flatMap(\.tabs)
            switch Int.random(in: 0..<20, using: &random) {
            case 0 where naive.windows.count < 4:
                openWindow()
            case 0..<7 where allTabs.count < 250:
                guard let window = naive.windows.randomElement(using: &random) else { openWindow(); continue }
                let index: Int? = Bool.random(using: &random) ? nil : Int.random(in: -1...(window.tabs.count + 1), using: &random)
                let tab = try browser.addTabOrThrow(windowID: window.id, url: "u\(step)", index: index, now: 0)
                naive.add(tab.id, window: window.id, index: index)
            case 7..<11 where !allTabs.isEmpty:
                let id = allTabs.randomElement(using: &random)!
                let keeping = Int.random(in: 0..<4, using: &random) == 0
                let previous = browser.activate(id, now: Double(step), keepingHighlights: keeping)
                #expect(previous == naive.activate(id, keepingHighlights: keeping))
            case 11..<15 where !allTabs.isEmpty:
                let id = allTabs.randomElement(using: &random)!
                let removed = browser.removeTab(id)
                let expected = naive.remove(id)
                #expect(removed?.tab.id == id)
                #expect(removed?.windowClosing == expected?.windowClosing)
                #expect(removed?.nextActive == expected?.nextActive)
                if naive.windows.isEmpty { openWindow() }
            case 15..<18 where !allTabs.isEmpty:
                let id = allTabs.randomElement(using: &random)!
                let count = naive.windows[naive.window(of: id)!].tabs.count
                let index = Int.random(in: -1...(count + 1), using: &random)
                let move = browser.moveTab(id, to: index)
                let expected = naive.move(id, to: index)
                #expect(move?.from == expected?.from && move?.to == expected?.to)
            case 18 where !allTabs.isEmpty:
                let id = allTabs.randomElement(using: &random)!
                browser.updateTab(id) { $0.pinned.toggle() }
            default:
                #expect(browser.removeTab(-5) == nil && browser.index(of: -5) == nil)
            }
            // Every index, flag and lookup agrees with the walk.
            #expect(browser.windows.map(\.id) == naive.windows.map(\.id))
            #expect(browser.lastFocusedWindowID == naive.lastFocused)
            #expect(browser.orderedTabs.map(\.id) == naive.windows.flatMap(\.tabs))
            for window in naive.windows {
                #expect(browser.window(window.id)?.tabIDs == window.tabs)
                #expect(browser.activeTab(in: window.id)?.id == window.tabs.first { naive.active.contains($0) })
                #expect(browser.pinnedCount(in: window.id) == window.tabs.prefix { browser.tab($0)?.pinned == true }.count)
                for (index, id) in window.tabs.enumerated() {
                    #expect(browser.index(of: id) == index)
                    #expect(browser.tab(id)?.active == naive.active.contains(id))
                    #expect(browser.tab(id)?.highlighted == naive.highlighted.contains(id))
                    #expect(browser.tab(id)?.windowID == window.id)
                }
            }
        }
    }

    @Test func windowsAreFoundByIDAfterOthersClose() throws {
        var browser = Browser(flavor: .chrome)
        let first = browser.openWindow(), second = browser.openWindow(), third = browser.openWindow()
        let tabs = try [first, second, third].map { try browser.addTabOrThrow(windowID: $0.id, url: "x", now: 0).id }
        #expect(browser.removeTab(tabs[0])?.windowClosing == true)
        #expect(browser.window(first.id) == nil)
        #expect(browser.window(second.id)?.tabIDs == [tabs[1]])
        #expect(browser.window(third.id)?.tabIDs == [tabs[2]])
        #expect(browser.index(of: tabs[2]) == 0)
        let added = try browser.addTabOrThrow(windowID: third.id, url: "y", index: 0, now: 0)
        #expect(browser.window(third.id)?.tabIDs == [added.id, tabs[2]])
    }

    @Test func updatingATabLeavesItsActivationAlone() throws {
        var browser = Browser(flavor: .chrome)
        let window = browser.openWindow()
        let a = try browser.addTabOrThrow(windowID: window.id, url: "a", now: 0)
        let b = try browser.addTabOrThrow(windowID: window.id, url: "b", now: 0)
        browser.activate(a.id, now: 0)
        browser.updateTab(b.id) { $0.active = true; $0.highlighted = true; $0.title = "t" }
        #expect(browser.tab(b.id)?.active == false && browser.tab(b.id)?.highlighted == false && browser.tab(b.id)?.title == "t")
        #expect(browser.activeTab(in: window.id)?.id == a.id)
    }

    @Test func aTabKeepsItsURLParsedForPatterns() throws {
        var browser = Browser(flavor: .chrome)
        let window = browser.openWindow()
        let tab = try browser.addTabOrThrow(windowID: window.id, url: "https://Example.com/a?b", now: 0)
        let pattern = try MatchPattern("https://example.com/a?*", flavor: .chrome, scope: .anyScheme)
        #expect(pattern.matches(try #require(browser.tab(tab.id)).matchableURL))
        browser.updateTab(tab.id) { $0.url = "https://other.example/" }
        #expect(browser.tab(tab.id)?.matchableURL.text == "https://other.example/")
        #expect(!pattern.matches(try #require(browser.tab(tab.id)).matchableURL))
        #expect(!pattern.matches(MatchableURL("not a url")))
    }
}

@Suite("JSON string literals")
struct JSONStringLiteralTests {
    /// Strings with nothing to escape go in whole; the others are escaped character by character.
    @Test(arguments: [
        ("plain", #""plain""#), ("", #""""#), ("é ü 😀 \u{7f}", "\"é ü 😀 \u{7f}\""),
        ("a\"b\\c", #""a\"b\\c""#), ("line\nfeed\r\t\u{8}\u{c}", #""line\nfeed\r\t\b\f""#),
        ("\u{1}\u{1f}", #""\u0001\u001f""#), ("sep\u{2028}para\u{2029}", #""sep\u2028para\u2029""#),
        ("\u{2027}\u{202a}", "\"\u{2027}\u{202a}\""),
    ])
    func literals(text: String, literal: String) {
        #expect(JSONStringLiteral.make(text) == literal)
        var output = "["
        JSONStringLiteral.write(text, to: &output)
        #expect(output == "[" + literal)
        var bytes: [UInt8] = [UInt8(ascii: "[")]
        JSONStringLiteral.write(text, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "[" + literal)
    }
}
