/// The state of a browser: its windows, their tabs and the tabs' frames.
///
/// A value type with the rules of a browser's tab strip (ids, indexes, which tab is active) and no
/// behaviour over time: the host drives page loads and fires the events.
public struct Browser: Sendable {
    /// The windows, in creation order.
    public private(set) var windows: [Window] = []
    /// Where each window is in ``windows``.
    private var windowIndexByID: [Int: Int] = [:]
    /// Every open tab, by id.
    public private(set) var tabs: [Int: Tab] = [:] {
        didSet { tabsRevision &+= 1 }
    }
    /// A number that changes whenever any tab changes (is added, removed or updated): what was
    /// made from the tabs at one revision still holds while it is the same.
    public private(set) var tabsRevision = 0
    /// The window that last had focus (the "current window" of `tabs.query`).
    public var lastFocusedWindowID: Int? { windowsByActivation.last }
    /// The windows' ids from the one focused longest ago to the one focused last.
    public private(set) var windowsByActivation: [Int] = []

    private var nextWindowID: Int
    private var nextTabID: Int
    /// Whether windows and tabs take their ids from one counter (Chromium's session ids) or two (Firefox).
    private let sharesIDs: Bool
    /// Which browser's shape document ids take.
    private let flavor: Flavor
    private var nextFrameID = 1
    private var nextDocument = 1

    /// The size of a tab's viewport.
    public var viewport: (width: Int, height: Int)
    /// Where new windows go, how large they are, and their state.
    public var windowBounds: (left: Int, top: Int, width: Int, height: Int)
    /// The state of new windows.
    public var windowState: String
    /// The zoom of pages, by host and by tab.
    public var zoom = PageZoom()
    /// The size of the one screen the windows are on.
    public var screen: (width: Int, height: Int)

    /// Creates a browser with no windows, with ids, window geometry and viewport as `flavor`'s
    /// browser has them headless: Chromium numbers windows and tabs from one counter (window 1, tab
    /// 2, ...) in 780×580 windows at (10, 10) with 780×437 viewports on an 800×600 screen; Firefox numbers
    /// each from 1, in maximized 1366×768 windows with 1366×682 viewports on a 1366×768 screen.
    public init(flavor: Flavor = .chrome) {
        nextWindowID = 1
        nextTabID = 1
        self.flavor = flavor
        switch flavor {
        case .chrome:
            sharesIDs = true
            viewport = (780, 437)
            windowBounds = (10, 10, 780, 580)
            windowState = "normal"
            screen = (800, 600)
        case .firefox:
            sharesIDs = false
            viewport = (1366, 682)
            windowBounds = (0, 0, 1366, 768)
            windowState = "maximized"
            screen = (1366, 768)
        }
    }

    /// The browser started again (a new process), with no window open: windows and tabs are
    /// numbered from the start again, as a browser's new session numbers them (document and frame
    /// ids go on: they name documents a host may still be letting go of).
    public mutating func restart() {
        precondition(windows.isEmpty && tabs.isEmpty, "a browser restarts with every window closed")
        nextWindowID = 1
        nextTabID = 1
        windowsByActivation = []
    }

    private mutating func makeWindowID() -> Int {
        if sharesIDs {
            defer { nextTabID += 1 }
            return nextTabID
        }
        defer { nextWindowID += 1 }
        return nextWindowID
    }

    private mutating func makeTabID() -> Int {
        defer { nextTabID += 1 }
        return nextTabID
    }

    // MARK: - Windows

    /// Opens an empty window, which becomes the focused one; one opened unfocused goes behind
    /// every other window (the one focused longest ago).
    public mutating func openWindow(kind: Window.Kind = .normal, incognito: Bool = false, focused: Bool = true) -> Window {
        var window = Window(id: makeWindowID(), kind: kind, incognito: incognito)
        window.bounds = windowBounds
        window.state = windowState
        window.isActive = focused
        windows.append(window)
        windowIndexByID[window.id] = windows.count - 1
        if focused { windowsByActivation.append(window.id) } else { windowsByActivation.insert(window.id, at: 0) }
        return window
    }

    /// Makes a window the focused one (the last in ``windowsByActivation``).
    ///
    /// - Returns: whether another window had been focused last.
    @discardableResult
    public mutating func focusWindow(_ id: Int) -> Bool {
        guard windowIndexByID[id] != nil, windowsByActivation.last != id else { return false }
        windowsByActivation.removeAll { $0 == id }
        windowsByActivation.append(id)
        return true
    }

    /// Gives a tab a new id in its place (Chromium's discarded tab is a new one, `tabs.onReplaced`):
    /// the same index, activation and highlight, the tab's state kept.
    ///
    /// - Returns: the new id, or nil when there is no such tab.
    public mutating func replaceTabID(_ tabID: Int) -> Int? {
        guard var tab = tabs[tabID], let windowIndex = windowIndex(tab.windowID),
              let index = windows[windowIndex].tabStrip.remove(tabID) else { return nil }
        let newID = makeTabID()
        tabs[tabID] = nil
        tab.id = newID
        tabs[newID] = tab
        windows[windowIndex].tabStrip.insert(newID, at: index)
        if windows[windowIndex].activeTabID == tabID { windows[windowIndex].activeTabID = newID }
        if windows[windowIndex].highlightedTabIDs.remove(tabID) != nil { windows[windowIndex].highlightedTabIDs.insert(newID) }
        for other in tabs.keys where tabs[other]?.openerTabID == tabID { tabs[other]?.openerTabID = newID }
        return newID
    }

    /// Makes the tabs `tabIDs` of window `windowID` its highlighted (selected) ones, the first of
    /// them its active tab (``activate(_:now:keepingHighlights:focusingWindow:)`` tells which it
    /// replaced).
    public mutating func highlight(_ tabIDs: [Int], inWindow windowID: Int) {
        guard let windowIndex = windowIndex(windowID) else { return }
        let old = windows[windowIndex].highlightedTabIDs
        windows[windowIndex].highlightedTabIDs = Set(tabIDs)
        for id in old where !tabIDs.contains(id) { tabs[id]?.highlighted = false }
        for id in tabIDs { tabs[id]?.highlighted = true }
    }

    /// Removes a window that has no tab (an empty popup `windows.remove` closes).
    ///
    /// - Returns: whether there was such a window.
    @discardableResult
    public mutating func removeEmptyWindow(_ id: Int) -> Bool {
        guard let index = windowIndexByID[id], windows[index].tabStrip.count == 0 else { return false }
        windows.remove(at: index)
        windowIndexByID[id] = nil
        for later in index..<windows.count { windowIndexByID[windows[later].id] = later }
        windowsByActivation.removeAll { $0 == id }
        return true
    }

    /// Changes a window's state: its bounds, its state, whether it is shown active; `change` may
    /// not alter its id, its kind or its tabs.
    public mutating func updateWindow(_ id: Int, _ change: (inout Window) -> Void) {
        guard let index = windowIndexByID[id] else { return }
        var window = windows[index]
        change(&window)
        precondition(window.id == id && window.kind == windows[index].kind && window.tabStrip.ids == windows[index].tabStrip.ids,
                     "a window's update changes neither its id, its kind nor its tabs")
        windows[index] = window
    }

    /// The window with `id`.
    public func window(_ id: Int) -> Window? {
        windowIndexByID[id].map { windows[$0] }
    }

    private func windowIndex(_ id: Int) -> Int? {
        windowIndexByID[id]
    }

    // MARK: - Tabs

    /// The tab with `id`.
    public func tab(_ id: Int) -> Tab? {
        tabs[id]
    }

    /// The position of a tab in its window. O(log n).
    public func index(of tabID: Int) -> Int? {
        guard let tab = tabs[tabID], let windowIndex = windowIndex(tab.windowID) else { return nil }
        return windows[windowIndex].tabStrip.index(of: tabID)
    }

    /// The active tab of a window.
    public func activeTab(in windowID: Int) -> Tab? {
        windowIndex(windowID).flatMap { windows[$0].activeTabID }.flatMap { tabs[$0] }
    }

    /// The active tab of the focused window (what an API call without a tab id acts on).
    public var focusedTab: Tab? {
        lastFocusedWindowID.flatMap { activeTab(in: $0) }
    }

    /// Every tab, in window order and then by index.
    public var orderedTabs: [Tab] {
        windows.flatMap { window in window.tabStrip.compactMap { tabs[$0] } }
    }

    /// Adds a tab showing `url` (not loaded yet) to a window, at `index` (default: the end).
    ///
    /// The tab does not become active here; call ``activate(_:now:)``.
    public mutating func addTab(windowID: Int, url: String, index: Int? = nil, openerTabID: Int? = nil, now: Double) -> Tab? {
        guard let windowIndex = windowIndex(windowID) else { return nil }
        let tab = Tab(
            id: makeTabID(), windowID: windowID, url: url, incognito: windows[windowIndex].incognito,
            openerTabID: openerTabID, width: viewport.width, height: viewport.height, lastAccessed: now)
        tabs[tab.id] = tab
        windows[windowIndex].tabStrip.insert(tab.id, at: index ?? Int.max)
        return tab
    }

    /// Makes a tab its window's active (and only highlighted) tab, and focuses its window.
    ///
    /// - Returns: the id of the tab that was active before, if another one was.
    ///
    /// - Parameter keepingHighlights: the other highlighted tabs stay highlighted (a tab added to
    ///   the selection, as `tabs.update(id, {highlighted: true})` does).
    /// - Parameter focusingWindow: the tab's window becomes the focused one too (not when a tab
    ///   is activated in a window that opens behind the others).
    @discardableResult
    public mutating func activate(_ tabID: Int, now: Double, keepingHighlights: Bool = false, focusingWindow: Bool = true) -> Int? {
        guard let tab = tabs[tabID], let windowIndex = windowIndex(tab.windowID) else { return nil }
        var previous: Int?
        if let active = windows[windowIndex].activeTabID, active != tabID {
            tabs[active]?.active = false
            previous = active
        }
        windows[windowIndex].activeTabID = tabID
        if keepingHighlights {
            windows[windowIndex].highlightedTabIDs.insert(tabID)
        } else {
            let highlighted = windows[windowIndex].highlightedTabIDs
            windows[windowIndex].highlightedTabIDs = [tabID]
            for id in highlighted where id != tabID { tabs[id]?.highlighted = false }
        }
        tabs[tabID]?.active = true
        tabs[tabID]?.highlighted = true
        tabs[tabID]?.lastAccessed = now
        if focusingWindow { focusWindow(tab.windowID) }
        return previous
    }

    /// Removes a tab. When it was active, the tab that a browser would activate next is returned:
    /// the one to its right, else the one to its left (the opener's rules aside).
    ///
    /// - Returns: the removed tab, whether its window closed with it, and the tab to activate next.
    public mutating func removeTab(_ tabID: Int) -> (tab: Tab, windowClosing: Bool, nextActive: Int?)? {
        guard let tab = tabs.removeValue(forKey: tabID), let windowIndex = windowIndex(tab.windowID) else { return nil }
        let position = windows[windowIndex].tabStrip.remove(tabID) ?? 0
        windows[windowIndex].highlightedTabIDs.remove(tabID)
        if windows[windowIndex].activeTabID == tabID { windows[windowIndex].activeTabID = nil }
        let remaining = windows[windowIndex].tabStrip.count
        var nextActive: Int?
        if tab.active, remaining > 0 {
            nextActive = windows[windowIndex].tabStrip.id(at: min(position, remaining - 1))
        }
        let windowClosing = remaining == 0
        if windowClosing {
            windows.remove(at: windowIndex)
            windowIndexByID[tab.windowID] = nil
            for index in windowIndex..<windows.count { windowIndexByID[windows[index].id] = index }
            windowsByActivation.removeAll { $0 == tab.windowID }
        }
        return (tab, windowClosing, nextActive)
    }

    /// Moves a tab into another window, at `index` there (clamped; -1 or past the end is the end).
    /// It is its new window's active tab if that window had none; the window it left closes when it
    /// has no tab left.
    ///
    /// - Returns: where it was and is, whether the window it left closed, and the tab that window
    ///   activates next (when the moved tab was its active one).
    public mutating func moveTab(_ tabID: Int, toWindow windowID: Int, at index: Int)
        -> (oldWindowID: Int, oldPosition: Int, newPosition: Int, oldWindowClosed: Bool, nextActive: Int?)? {
        guard var tab = tabs[tabID], tab.windowID != windowID, let target = windowIndex(windowID),
              windows[target].incognito == tab.incognito else { return nil }
        let oldWindowID = tab.windowID
        guard let oldPosition = self.index(of: tabID), let removed = removeTab(tabID) else { return nil }
        let targetIndex = windowIndex(windowID) ?? target
        let count = windows[targetIndex].tabStrip.count
        let position = index < 0 || index > count ? count : index
        tab.windowID = windowID
        tab.active = false
        tab.highlighted = false
        // (Chromium inserts the tab unpinned; Firefox adopts it as it was, among the pinned tabs.)
        tab.pinned = flavor == .firefox && tab.pinned && position <= pinnedCount(in: windowID)
        tabs[tabID] = tab
        windows[targetIndex].tabStrip.insert(tabID, at: position)
        return (oldWindowID, oldPosition, position, removed.windowClosing, removed.nextActive)
    }

    /// Changes a tab's state; `change` may not alter the tab's id or window, nor whether it is
    /// active or highlighted (``activate(_:now:keepingHighlights:)`` does that).
    public mutating func updateTab(_ tabID: Int, _ change: (inout Tab) -> Void) {
        guard tabs[tabID] != nil else { return }
        tabs[tabID]!.update(change)
    }

    /// Moves a tab to `index` in its window (clamped; -1 or past the end is the end).
    ///
    /// - Returns: the index it had and the index it has, or `nil` if there is no such tab.
    @discardableResult
    public mutating func moveTab(_ tabID: Int, to index: Int) -> (from: Int, to: Int)? {
        guard let tab = tabs[tabID], let windowIndex = windowIndex(tab.windowID),
            let from = windows[windowIndex].tabStrip.remove(tabID)
        else { return nil }
        let count = windows[windowIndex].tabStrip.count
        let to = index < 0 || index > count ? count : index
        windows[windowIndex].tabStrip.insert(tabID, at: to)
        return (from, to)
    }

    /// The number of pinned tabs at the start of a window.
    public func pinnedCount(in windowID: Int) -> Int {
        guard let windowIndex = windowIndex(windowID) else { return 0 }
        return windows[windowIndex].tabStrip.prefix { tabs[$0]?.pinned == true }.count
    }

    // MARK: - Frames

    /// A new document id, unique for the run, shaped as the browser shapes them: Chromium's 32
    /// uppercase hex digits, Firefox's lowercase UUID.
    public mutating func makeDocumentID() -> String {
        defer { nextDocument += 1 }
        let hex = String(nextDocument, radix: 16, uppercase: flavor == .chrome)
        let digits = String(repeating: "0", count: max(0, 32 - hex.count)) + hex
        guard flavor == .firefox else { return digits }
        var uuid = Array(digits)
        uuid[12] = "4"
        uuid[16] = "8"
        let text = String(uuid)
        let parts = [text.prefix(8), text.dropFirst(8).prefix(4), text.dropFirst(12).prefix(4), text.dropFirst(16).prefix(4), text.dropFirst(20)]
        return parts.joined(separator: "-")
    }

    /// A new frame id for a subframe.
    public mutating func makeFrameID() -> Int {
        defer { nextFrameID += 1 }
        return nextFrameID
    }

    /// Replaces a tab's frames (after a navigation commits its new document tree).
    public mutating func setFrames(_ frames: [Frame], of tabID: Int) {
        tabs[tabID]?.frames = frames
    }
}
