import Testing
@testable import BrowserModel

/// Which window was focused last (``Browser/windowsByActivation``) and a tab moving between
/// windows (``Browser/moveTab(_:toWindow:at:)``).
@Suite("Window focus and moving tabs between windows")
struct WindowFocusTests {
    @Test func anUnfocusedWindowGoesBehindAndAClosedOneLeavesTheOneFocusedBefore() throws {
        var browser = Browser(flavor: .firefox)
        let first = browser.openWindow(), second = browser.openWindow()
        let behind = browser.openWindow(kind: .popup, focused: false)
        #expect(browser.windowsByActivation == [behind.id, first.id, second.id])
        #expect(browser.lastFocusedWindowID == second.id && browser.window(behind.id)?.isActive == false)
        let focused = browser.focusWindow(first.id), again = browser.focusWindow(first.id)
        #expect(focused && !again)
        #expect(browser.windowsByActivation == [behind.id, second.id, first.id])
        let tab = try browser.addTabForFocusTest(windowID: first.id, url: "a", now: 0)
        #expect(browser.removeTab(tab.id)?.windowClosing == true)
        #expect(browser.lastFocusedWindowID == second.id)
        let closedFocused = browser.focusWindow(first.id)
        #expect(!closedFocused, "a closed window is focused no more")
    }

    @Test func activatingATabFocusesItsWindowUnlessAskedNotTo() throws {
        var browser = Browser(flavor: .chrome)
        let first = browser.openWindow(), second = browser.openWindow()
        let a = try browser.addTabForFocusTest(windowID: first.id, url: "a", now: 0)
        browser.activate(a.id, now: 0, focusingWindow: false)
        #expect(browser.lastFocusedWindowID == second.id && browser.activeTab(in: first.id)?.id == a.id)
        let b = try browser.addTabForFocusTest(windowID: first.id, url: "b", now: 0)
        browser.activate(b.id, now: 0)
        #expect(browser.lastFocusedWindowID == first.id)
    }

    @Test func aMovedTabLeavesItsWindowWhichActivatesTheNextOrCloses() throws {
        var browser = Browser(flavor: .chrome)
        let first = browser.openWindow(), second = browser.openWindow()
        let a = try browser.addTabForFocusTest(windowID: first.id, url: "a", now: 0)
        let b = try browser.addTabForFocusTest(windowID: first.id, url: "b", now: 0)
        let c = try browser.addTabForFocusTest(windowID: second.id, url: "c", now: 0)
        browser.activate(a.id, now: 0)
        let moved = browser.moveTab(a.id, toWindow: second.id, at: 0)
        let move = try #require(moved)
        #expect(move.oldWindowID == first.id && move.oldPosition == 0 && move.newPosition == 0)
        #expect(!move.oldWindowClosed && move.nextActive == b.id)
        #expect(browser.window(second.id)?.tabIDs == [a.id, c.id] && browser.tab(a.id)?.windowID == second.id)
        #expect(browser.tab(a.id)?.active == false && browser.index(of: c.id) == 1)
        let movedLast = browser.moveTab(b.id, toWindow: second.id, at: 99)
        let last = try #require(movedLast)
        #expect(last.newPosition == 2 && last.oldWindowClosed && browser.window(first.id) == nil)
        let same = browser.moveTab(b.id, toWindow: second.id, at: 0)
        #expect(same == nil, "a tab moves into another window only")
        let noWindow = browser.moveTab(b.id, toWindow: 999, at: 0), noTab = browser.moveTab(999, toWindow: second.id, at: 0)
        #expect(noWindow == nil && noTab == nil)
    }

    @Test func aWindowsUpdateKeepsItsIdentity() {
        var browser = Browser(flavor: .chrome)
        let window = browser.openWindow()
        browser.updateWindow(window.id) { $0.bounds = (1, 2, 300, 200); $0.state = "minimized"; $0.titlePreface = "P" }
        #expect(browser.window(window.id)?.bounds.width == 300 && browser.window(window.id)?.state == "minimized")
        browser.updateWindow(999) { $0.state = "normal" }
        #expect(browser.windows.count == 1)
    }
}

extension Browser {
    fileprivate mutating func addTabForFocusTest(windowID: Int, url: String, now: Double) throws -> Tab {
        let tab = addTab(windowID: windowID, url: url, now: now)
        return try #require(tab)
    }
}
