import BrowserModel

// `window.open` (issue 10, item 4): a script opens a new tab after its own (the browsers insert a
// page's related tab next to it), loads the URL there, and gets that tab's window, which it may
// post to and close; the new page's `window.opener` is the opener's window unless `noopener`. A
// web page (or its content scripts) opens one only with transient user activation (a person's
// click or typing within the last five seconds, which the open consumes), as the browsers' popup
// blockers let it; an extension's pages open them freely.
extension ExtensionHost {
    /// How long a click or a key press lets a page open a window (Chromium's
    /// kActivationLifespan; Firefox's dom.user_activation.transient.timeout).
    static let userActivationLifespan = 5000.0

    /// `window.open(url, target, features)` from `context`: the new tab's id; nil when the popup
    /// blocker refused it, or (`noopener`) when the opener gets no window.
    func openWindow(from context: ExtensionContext, url text: String, target: String, features: String) -> Int? {
        if context.kind == .content || context.kind == .webPage {
            guard let documentID = context.documentID, let activated = userActivations[documentID],
                  loop.now - activated <= Self.userActivationLifespan else { return nil }
            userActivations[documentID] = nil
        }
        let base = context.tabID.flatMap { browser.tab($0)?.frame(context.frameID ?? 0)?.url } ?? context.url
        let url = text.isEmpty ? "about:blank" : (WebURL(string: text, relativeTo: WebURL(string: base))?.href ?? "about:blank")
        let opener = context.tabID.flatMap { browser.tab($0) }
        guard let windowID = opener?.windowID ?? browser.lastFocusedWindowID ?? browser.windows.first?.id else { return nil }
        let index = opener.flatMap { browser.index(of: $0.id) }.map { $0 + 1 }
        let tabID = createTab(url: url, windowID: windowID, index: index, active: true, openerTabID: opener?.id)
        guard tabID >= 0 else { return nil }
        let words = Set(features.lowercased().split(whereSeparator: { $0 == "," || $0 == " " }).map { String($0.split(separator: "=").first ?? "") })
        let noopener = words.contains("noopener") || words.contains("noreferrer")
        scriptOpenedTabs[tabID] = noopener ? .some(nil) : opener?.id
        return noopener ? nil : tabID
    }

    /// Whether the tab a script opened is gone.
    func isClosedWindow(_ tabID: Int) -> Bool { browser.tab(tabID) == nil }

    /// `w.close()` of a window `w` a script opened, or `window.close()` in it: its tab closes, in a
    /// task; false for a tab no script opened (a script may not close it).
    func closeScriptOpenedWindow(_ tabID: Int) -> Bool {
        guard scriptOpenedTabs[tabID] != nil, browser.tab(tabID) != nil else { return false }
        loop.enqueue { [weak self] in
            guard let self, browser.tab(tabID) != nil else { return }
            removeTab(tabID)
        }
        return true
    }

    /// The tab whose page opened the page of `tabID` with `window.open`, when the page may reach
    /// it (`window.opener`), and it is still open.
    func openerTab(of tabID: Int) -> Int? {
        guard let opener = scriptOpenedTabs[tabID] ?? nil, browser.tab(opener) != nil else { return nil }
        return opener
    }
}
