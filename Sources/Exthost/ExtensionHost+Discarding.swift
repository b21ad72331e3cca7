import BrowserModel

// MARK: - Discarding tabs (recorded: tabs-highlight-zoom-discard): Chromium discards a tab by
// putting a new one in its place (`tabs.onReplaced`), the active one too; Firefox keeps the tab's
// id and discards no active tab. A discarded tab shown again loads its page.
extension ExtensionHost {
    /// `tabs.discard`: the tab's page goes (its contexts close). Chromium puts a new tab in its
    /// place (`tabs.onReplaced`, `tabs.onActivated` when it was active), unloaded; Firefox keeps
    /// the tab.
    ///
    /// - Returns: the discarded tab's id (Chromium's new one).
    @discardableResult
    func discardTab(_ tabID: Int) -> Int? {
        guard browser.tab(tabID) != nil else { return nil }
        let documents = leavingDocuments(inTab: tabID)
        unloadDocuments(documents)
        closeContexts(ofTab: tabID)
        for instance in extensions { instance.pageLeft(tab: tabID) }
        closeDevTools(forTab: tabID)
        if contextMenu?.tabID == tabID { closeContextMenu() }
        // (The pages the back/forward cache kept of the tab go with its page.)
        for page in backForwardCache.takeAll(tabID: tabID, except: []) { letGo(page) }
        for page in pendingRestores.removeValue(forKey: tabID)?.pages ?? [] { letGo(page) }
        forgetDocuments(ofTab: tabID)
        forgetFrames((browser.tab(tabID)?.frames ?? []).filter { !$0.isTop }.map(\.id))
        pageLoads[tabID] = nil
        // (What waited for the page's load hears it did not load.)
        for waiting in loadWaiters.removeValue(forKey: tabID) ?? [] { waiting(false) }
        browser.updateTab(tabID) { $0.discarded = true }
        switch options.flavor {
        case .chrome:
            guard let newID = browser.replaceTabID(tabID) else { return nil }
            moveTabState(from: tabID, to: newID)
            browser.updateTab(newID) { $0.status = .unloaded }
            dispatchToBackgrounds("tabs.onReplaced") { _ in [.int(newID), .int(tabID)] }
            if let tab = browser.tab(newID), tab.active { fireActivated(newID, windowID: tab.windowID, previous: nil, highlighting: false) }
            fireUpdated(newID, [("discarded", .bool(true)), ("status", .string("unloaded"))])
            return newID
        case .firefox:
            fireUpdated(tabID, [("sharingState", .object([("camera", .bool(false)), ("microphone", .bool(false))]))])
            fireUpdated(tabID, [("discarded", .bool(true))])
            return tabID
        }
    }

    /// What the host keeps of tab `old` goes with it under its new id `new` (Chromium's discard).
    private func moveTabState(from old: Int, to new: Int) {
        if let history = sessionHistories.removeValue(forKey: old) { sessionHistories[new] = history }
        if let name = tabNames.removeValue(forKey: old) { tabNames[new] = name }
        if let settings = browser.zoom.settingsByTab.removeValue(forKey: old) { browser.zoom.settingsByTab[new] = settings }
        if let factor = browser.zoom.factorByTab.removeValue(forKey: old) { browser.zoom.factorByTab[new] = factor }
        scriptOpenedTabs[old] = nil
        initialBlankDocuments[old] = nil
        for instance in extensions { instance.tabObjectTexts[old] = nil }
    }

    /// A discarded tab shown again loads its page once more: Chromium tells of it after the
    /// activation, Firefox before.
    func reloadDiscarded(_ tabID: Int, beforeActivation: Bool) {
        guard let tab = browser.tab(tabID), tab.discarded else { return }
        guard beforeActivation == (options.flavor == .firefox) else { return }
        browser.updateTab(tabID) { $0.discarded = false }
        fireUpdated(tabID, [("discarded", .bool(false))] + (options.flavor == .chrome ? [("status", .string("unloaded"))] : []))
        navigate(tabID: tabID, to: tab.url, kind: .replacing, history: .replace, transition: .reload)
    }
}
