import Testing
@testable import BrowserModel

@Suite("Browser")
struct BrowserTests {
    @Test func chromeNumbersWindowsAndTabsFromOneCounterFirefoxFromTwo() {
        var chrome = Browser(flavor: .chrome)
        let chromeWindow = chrome.openWindow()
        let chromeTab = chrome.addTab(windowID: chromeWindow.id, url: "about:blank", now: 0)
        #expect(chromeWindow.id == 1)
        #expect(chromeTab?.id == 2)
        #expect(chrome.window(1)?.bounds.width == 780)
        #expect(chromeTab?.width == 780 && chromeTab?.height == 437)

        var firefox = Browser(flavor: .firefox)
        let firefoxWindow = firefox.openWindow()
        let firefoxTab = firefox.addTab(windowID: firefoxWindow.id, url: "about:blank", now: 0)
        #expect(firefoxWindow.id == 1)
        #expect(firefoxTab?.id == 1)
        #expect(firefox.window(1)?.state == "maximized")
    }

    @Test func activatingATabDeactivatesTheOthersAndFocusesItsWindow() throws {
        var browser = Browser(flavor: .firefox)
        let first = browser.openWindow()
        let aValue = browser.addTab(windowID: first.id, url: "a", now: 0)
        let a = try #require(aValue)
        let bValue = browser.addTab(windowID: first.id, url: "b", now: 0)
        let b = try #require(bValue)
        let noPrevious = browser.activate(a.id, now: 1)
        #expect(noPrevious == nil)
        let second = browser.openWindow()
        let cValue = browser.addTab(windowID: second.id, url: "c", now: 0)
        let c = try #require(cValue)
        browser.activate(c.id, now: 2)
        #expect(browser.lastFocusedWindowID == second.id)
        let previous = browser.activate(b.id, now: 3)
        #expect(previous == a.id)
        #expect(browser.tab(a.id)?.active == false)
        #expect(browser.tab(b.id)?.active == true && browser.tab(b.id)?.highlighted == true)
        #expect(browser.tab(b.id)?.lastAccessed == 3)
        #expect(browser.lastFocusedWindowID == first.id)
        #expect(browser.orderedTabs.map(\.url) == ["a", "b", "c"])
    }

    @Test func tabsGoWhereTheyAreAskedAndTheirIndexesFollow() throws {
        var browser = Browser(flavor: .firefox)
        let window = browser.openWindow()
        let aValue = browser.addTab(windowID: window.id, url: "a", now: 0)
        let a = try #require(aValue)
        let bValue = browser.addTab(windowID: window.id, url: "b", index: 0, now: 0)
        let b = try #require(bValue)
        let cValue = browser.addTab(windowID: window.id, url: "c", index: 99, now: 0)
        let c = try #require(cValue)
        #expect(browser.index(of: b.id) == 0)
        #expect(browser.index(of: a.id) == 1)
        #expect(browser.index(of: c.id) == 2)
        let nowhere = browser.addTab(windowID: 42, url: "x", now: 0)
        #expect(nowhere == nil)
    }

    @Test func removingTheActiveTabActivatesItsRightNeighbourThenItsLeft() throws {
        var browser = Browser(flavor: .firefox)
        let window = browser.openWindow()
        var ids: [Int] = []
        for index in 0..<3 {
            let tab = browser.addTab(windowID: window.id, url: "\(index)", now: 0)
            ids.append(try #require(tab).id)
        }
        browser.activate(ids[1], now: 0)
        let removedValue = browser.removeTab(ids[1])
        let removed = try #require(removedValue)
        #expect(removed.nextActive == ids[2])
        #expect(removed.windowClosing == false)
        browser.activate(ids[2], now: 0)
        let secondRemoval = browser.removeTab(ids[2])
        #expect(secondRemoval?.nextActive == ids[0])
        let lastValue = browser.removeTab(ids[0])
        let last = try #require(lastValue)
        #expect(last.windowClosing)
        #expect(browser.windows.isEmpty)
        let again = browser.removeTab(ids[0])
        #expect(again == nil)
    }

    @Test func documentIDsAreUniqueUppercaseHex() {
        var browser = Browser(flavor: .chrome)
        let first = browser.makeDocumentID()
        let second = browser.makeDocumentID()
        #expect(first != second)
        #expect(first.count == 32)
        #expect(first.allSatisfy { $0.isHexDigit && !$0.isLowercase })
    }
}
