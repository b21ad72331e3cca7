import BrowserModel

// MARK: - Windows: opening, focusing, sizing and closing, with the events a browser fires.
//
// Recorded in both browsers (windows-create-update-remove), run headless as the conformance
// suite runs them, and kept as they are:
//
// - Chromium tells of a new window first (`windows.onCreated`, not focused yet, no tabs), then of
//   its tabs, then of its focus: `windows.onFocusChanged` with its id and at once with
//   `WINDOW_ID_NONE` (the window it came before gives its activation up after). A popup's pages
//   after the first open in the last focused normal window (Chromium's navigator puts a new
//   foreground tab in a tabbed window). `windows.update({focused: true})` makes a window active
//   but fires nothing and leaves the last focused window as it was: several windows are active at
//   once there (``Window/isActive`` is Chromium's `focused`). A removed window's tabs go from the
//   last to the first, then the answer, then `windows.onRemoved`.
// - Firefox tells of a new window's first tab first, then of the window, then of its focus
//   (`WINDOW_ID_NONE`, then its id); it opens no window unfocused (its schema warns of
//   `focused: false`) and keeps a popup's pages in the popup. A new window takes the state and
//   size of the window focused last (a maximized one's new window is told of at 90 % of the
//   screen, then maximized). `windows.update` answers before the focus moves; a removed window's
//   tabs go in order, then `windows.onRemoved`, then the answer, then the focus moves to the window
//   focused before it.
extension ExtensionHost {
    /// What `windows.create` asks for, its arguments checked and its URLs resolved.
    struct WindowCreation {
        var urls: [String] = []
        var tabID: Int?
        var kind: Window.Kind = .normal
        var focused = true
        var state: String?
        var left: Int?
        var top: Int?
        var width: Int?
        var height: Int?
        var titlePreface: String?

        /// Whether it names a position or a size.
        var hasBounds: Bool { left != nil || top != nil || width != nil || height != nil }

        /// `base` with the position and size it names in their place.
        func bounds(over base: (left: Int, top: Int, width: Int, height: Int)) -> (left: Int, top: Int, width: Int, height: Int) {
            (left ?? base.left, top ?? base.top, width ?? base.width, height ?? base.height)
        }
        /// The context whose window is the new pages' `window.opener` (Chromium's `setSelfAsOpener`).
        var opener: ExtensionContext?
    }

    /// The page Firefox's new window shows when `windows.create` names none: its home page, which
    /// the recorded browser's profile has blank (about:blank shown as blanktab.html).
    static let firefoxHomePage = "chrome://browser/content/blanktab.html"

    /// Opens a window as `windows.create` does, with its tabs, focusing it unless asked not to
    /// (Chromium). The caller has checked `creation`.
    ///
    /// - Returns: the new window's id.
    func createWindow(_ creation: WindowCreation) -> Int {
        switch options.flavor {
        case .chrome: createChromiumWindow(creation)
        case .firefox: createFirefoxWindow(creation)
        }
    }

    private func createChromiumWindow(_ creation: WindowCreation) -> Int {
        let lastNormal = browser.windowsByActivation.last { browser.window($0)?.kind == .normal }
        let windowID = browser.openWindow(kind: creation.kind, focused: false).id
        browser.updateWindow(windowID) { window in
            window.isActive = false
            window.state = creation.state ?? "normal"
            window.bounds = creation.bounds(over: window.bounds)
        }
        fireWindowCreated(windowID)
        for (position, url) in creation.urls.enumerated() {
            // (A popup holds one page; the others go to the last focused normal window.)
            let target = creation.kind == .popup && position > 0 ? (lastNormal ?? windowID) : windowID
            let tabID = createTab(url: url, windowID: target, index: nil, active: true, openerTabID: nil, focusingWindow: false)
            // (With `setSelfAsOpener`, the caller is the page's opener, as a `window.open` caller.)
            if let opener = creation.opener, tabID >= 0 {
                scriptOpenedTabs[tabID] = ScriptOpening(openerContextID: opener.id, openerTabID: opener.tabID, reachesOpener: true)
            }
        }
        if let tabID = creation.tabID, creation.kind == .normal || creation.urls.isEmpty {
            moveTab(tabID, toWindow: windowID, at: -1)
        }
        if creation.urls.isEmpty, creation.tabID == nil, creation.kind == .normal {
            createTab(url: newTabURL, windowID: windowID, index: nil, active: true, openerTabID: nil, focusingWindow: false)
        }
        // (Its first tab is the active one.)
        if let first = browser.window(windowID)?.tabStrip.first { activate(tabID: first, focusingWindow: false) }
        if creation.focused { showWindowFocused(windowID) }
        return windowID
    }

    private func createFirefoxWindow(_ creation: WindowCreation) -> Int {
        let opener = browser.lastFocusedWindowID.flatMap { browser.window($0) }
        let previouslyFocused = browser.lastFocusedWindowID
        let window = browser.openWindow(kind: creation.kind, focused: false)
        let windowID = window.id
        // (The state and size of the window focused last; a maximized one's at 90 % of the screen
        // until it is maximized in turn.)
        let maximized = (opener?.state ?? browser.windowState) == "maximized"
        let (screen, fullBounds) = (browser.screen, browser.windowBounds)
        browser.updateWindow(windowID) { window in
            if maximized {
                window.state = "maximized"
                window.bounds.width = Int((Double(screen.width) * 0.9).rounded())
                window.bounds.height = Int((Double(screen.height) * 0.9).rounded())
            } else if let opener {
                window.state = opener.state
                window.bounds = opener.bounds
            }
        }
        var urls = creation.urls
        if creation.tabID == nil, urls.isEmpty { urls = [Self.firefoxHomePage] }
        if let tabID = creation.tabID {
            moveTab(tabID, toWindow: windowID, at: -1, deferringClose: true)
        } else {
            createTab(url: urls[0], windowID: windowID, index: nil, active: true, openerTabID: nil, focusingWindow: false)
            if creation.urls.isEmpty, let tab = browser.window(windowID)?.tabStrip.first {
                // (The home page loads with the browser's own rights at once: loading already.)
                browser.updateTab(tab) { $0.status = .loading }
            }
        }
        fireWindowCreated(windowID, focused: false)
        // (Focused even when the window its tab left, the only other one, has gone meanwhile.)
        if browser.focusWindow(windowID) || previouslyFocused != windowID {
            fireFocusChanged(-1)
            fireFocusChanged(windowID)
        }
        if let tabID = creation.tabID { activate(tabID: tabID, focusingWindow: false) }
        for url in urls.dropFirst() where creation.tabID == nil {
            createTab(url: url, windowID: windowID, index: nil, active: false, openerTabID: nil, focusingWindow: false)
        }
        browser.updateWindow(windowID) { window in
            if maximized { window.bounds = fullBounds }
            if creation.hasBounds {
                window.state = "normal"
                window.bounds = creation.bounds(over: window.bounds)
            }
            if let state = creation.state { window.state = state }
            if let preface = creation.titlePreface { window.titlePreface = preface }
        }
        return windowID
    }

    /// A new window shown focused: Chromium's focus events as headless Chromium fires them (its
    /// id, then none), Firefox's (none, then its id).
    func showWindowFocused(_ windowID: Int) {
        browser.updateWindow(windowID) { $0.isActive = true }
        switch options.flavor {
        case .chrome:
            browser.focusWindow(windowID)
            fireFocusChanged(windowID)
            fireFocusChanged(-1)
        case .firefox:
            focusWindow(windowID)
        }
    }

    /// Focuses a window as Firefox does (`windows.update({focused: true})`, a new window, the one
    /// left when the focused window closed): `windows.onFocusChanged` with `WINDOW_ID_NONE`, then
    /// with its id; nothing when it is focused already.
    func focusWindow(_ windowID: Int) {
        guard browser.focusWindow(windowID) else { return }
        fireFocusChanged(-1)
        fireFocusChanged(windowID)
    }

    /// `windows.onFocusChanged` with `windowID` (`WINDOW_ID_NONE` is -1), to every extension.
    private func fireFocusChanged(_ windowID: Int) {
        dispatchToBackgrounds("windows.onFocusChanged") { _ in [.int(windowID)] }
    }

    /// `windows.onCreated` of window `windowID`, to every extension (the window, without its tabs).
    /// (`focused`: what it says of its focus, when not what the browser's state says: Firefox's new
    /// window is not focused yet.)
    func fireWindowCreated(_ windowID: Int, focused: Bool? = nil) {
        guard let window = browser.window(windowID) else { return }
        dispatchToBackgrounds("windows.onCreated") { [WindowObject.make(window, host: self, for: $0, populate: false, focused: focused)] }
    }

    /// A window closed with its last tab: `windows.onRemoved` (Chromium's a hop later, after the
    /// answer to what closed it); then in Firefox the focus moves to the window focused before, if
    /// the closed one had it (`wasFocused`).
    func windowClosed(_ windowID: Int, wasFocused: Bool) {
        switch options.flavor {
        case .chrome:
            crossProcess { [weak self] in self?.dispatchToBackgrounds("windows.onRemoved") { _ in [.int(windowID)] } }
        case .firefox:
            dispatchToBackgrounds("windows.onRemoved") { _ in [.int(windowID)] }
            if wasFocused, let next = browser.lastFocusedWindowID {
                fireFocusChanged(-1)
                fireFocusChanged(next)
            }
        }
    }

    /// Closes a window as `windows.remove` does: each of its tabs (Chromium's from the last,
    /// Firefox's from the first), told of as closing with their window.
    func closeWindow(_ windowID: Int) {
        // (A tab a leaving page opened meanwhile goes too; a popup with no tab closes as it is.)
        for _ in 0..<8 {
            guard let window = browser.window(windowID), !window.tabIDs.isEmpty else { break }
            let tabs = options.flavor == .chrome ? window.tabIDs.reversed() : window.tabIDs
            for tabID in tabs { removeTab(tabID, closingWindow: true) }
        }
        if browser.window(windowID) != nil {
            let wasFocused = browser.lastFocusedWindowID == windowID
            for tabID in browser.window(windowID)?.tabIDs ?? [] { removeTab(tabID, closingWindow: true) }
            if browser.removeEmptyWindow(windowID) { windowClosed(windowID, wasFocused: wasFocused) }
        }
    }

    /// Moves a tab into another window: `tabs.onDetached` with `{oldWindowId, oldPosition}`, then
    /// `tabs.onAttached` with `{newWindowId, newPosition}`; the window it left activates its next
    /// tab, or closes when it has none.
    /// (`deferringClose`: the window left closes a hop later, as Firefox's does once the new window
    /// it made for the tab is in front, with no focus change of its own.)
    func moveTab(_ tabID: Int, toWindow windowID: Int, at index: Int, deferringClose: Bool = false) {
        let wasFocused = browser.lastFocusedWindowID == browser.tab(tabID)?.windowID
        guard let move = browser.moveTab(tabID, toWindow: windowID, at: index) else { return }
        let detached = JSONValue.object([("oldPosition", .int(move.oldPosition)), ("oldWindowId", .int(move.oldWindowID))])
        let attached = JSONValue.object([("newPosition", .int(move.newPosition)), ("newWindowId", .int(windowID))])
        let ordered: (JSONValue) -> JSONValue = { [options] value in
            // (Firefox builds these objects by hand, the window's id first.)
            guard options.flavor == .firefox, case .object(let fields) = value else { return value }
            return .object(fields.reversed())
        }
        dispatchToBackgrounds("tabs.onDetached") { _ in [.int(tabID), ordered(detached)] }
        dispatchToBackgrounds("tabs.onAttached") { _ in [.int(tabID), ordered(attached)] }
        if let next = move.nextActive {
            browser.activate(next, now: wallNow, focusingWindow: false)
            fireActivated(next, windowID: move.oldWindowID, previous: nil)
            tabsActivated([next])
        }
        guard move.oldWindowClosed else { return }
        if deferringClose {
            crossProcess { [weak self] in self?.windowClosed(move.oldWindowID, wasFocused: false) }
        } else {
            windowClosed(move.oldWindowID, wasFocused: wasFocused)
        }
    }
}
