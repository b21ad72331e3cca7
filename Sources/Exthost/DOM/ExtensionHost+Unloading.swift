import BrowserModel

// Leaving a page (issue 10, items 2 and 4): the events its worlds hear as their tab navigates
// away, in each browser's order (recorded: fixtures/conformance/page-bfcache), and whether the
// back/forward cache keeps it. `beforeunload` as the navigation starts; when it commits,
// `pagehide` (its `persisted` says whether the cache keeps the page), `visibilitychange` to
// hidden, then `unload` for a page that is not kept, or Chromium's `freeze` for one that is.
extension ExtensionHost {
    /// A navigation of tab `tabID` starts: in a task, `beforeunload` at the window of each web
    /// document of its frames, top first. (Its `returnValue` would make a browser ask the person
    /// only on a page they interacted with: the navigation goes on.)
    func promptToUnload(inTab tabID: Int) {
        promptToUnload(documents: leavingDocuments(inTab: tabID))
    }

    /// `beforeunload` in a task, at the window of each of the documents (a frame's and those of the
    /// frames inside it, a navigating frame's or a closing tab's), in order, those still there.
    func promptToUnload(documents: [String]) {
        guard !documents.isEmpty else { return }
        crossProcess { [weak self] in
            guard let self else { return }
            for documentID in documents where documentSources[documentID] != nil {
                fireDocumentEvent("beforeunload", at: "window", documentID: documentID, bubbles: false)
            }
        }
    }

    /// The page of tab `tabID` is left for a navigation that changes the session history as
    /// `history` says: `pagehide`, `visibilitychange` (hidden) and `unload` or `freeze` (`cached`:
    /// the back/forward cache keeps it) in each web document of its frames, top first.
    func unloadDocuments(inTab tabID: Int, cached: Bool) {
        for documentID in leavingDocuments(inTab: tabID) { fireLeavingEvents(ofDocument: documentID, cached: cached) }
    }

    /// Whether the back/forward cache keeps the page of tab `tabID` when a navigation that
    /// changes the session history as `history` says commits, and the browsing instance of the
    /// entry the navigation shows. A page is kept only when no main world of its frames listens to
    /// `unload` (both browsers: page-bfcache, msg-port-tab-navigated), its site does not serve it
    /// with `no-store` (link-navigation) and its entry stays in the
    /// history (a reload or `location.replace` replaces it). Chromium keeps it only when the
    /// navigation changes browsing instance: a navigation from a page it may keep starts a new
    /// one, any other stays in the old one, and going back or forward shows an entry in the
    /// instance it was loaded in (page-bfcache: the page a tab went back from to a page that was
    /// not kept is not kept either).
    /// `loaded`: the page had finished loading (a page still loading is never kept: Chromium's
    /// "loading" reason). Chromium keeps no page but an http: or https: one.
    func cachesPage(inTab tabID: Int, leavingFor history: HistoryHandling, loaded: Bool = true) -> (cached: Bool, browsingInstance: Int) {
        let sessionHistory = sessionHistories[tabID]
        let current = sessionHistory?.current?.browsingInstance ?? 0
        // (A page its site serves with `no-store` is never kept.)
        let top = browser.tab(tabID)?.frames.first { $0.isTop }
        let noStore = top.flatMap { WebURL(string: $0.url) }.flatMap { siteMap.mapping(forOrigin: $0.origin) }?.noStore ?? false
        // (Chromium keeps only http: and https: pages: not an extension's page.)
        let webScheme = top.flatMap { WebURL(string: $0.url) }.map { $0.scheme == "http" || $0.scheme == "https" } ?? false
        let eligible = top != nil && loaded && !noStore && (webScheme || options.flavor == .firefox) && pageIsCacheable(inTab: tabID)
        switch history {
        case .replace:
            return (false, current)
        case .push:
            guard eligible else { return (false, current) }
            nextBrowsingInstance += 1
            return (true, nextBrowsingInstance)
        case .traverse(let index):
            let target = sessionHistory.flatMap { $0.entries.indices.contains(index) ? $0.entries[index].browsingInstance : nil } ?? current
            return (eligible && (options.flavor == .firefox || target != current), target)
        }
    }

    /// Makes the document `documentID` hidden or visible again for every world of it
    /// (`document.visibilityState`, `document.hidden`).
    func setDocumentHidden(_ documentID: String, _ hidden: Bool) {
        documentSources[documentID]?.isHidden = hidden
        guard realm.loadedModuleNames.contains("dom"), let set = try? realm.value("setDocumentHidden", in: "dom") else { return }
        _ = try? set.call([realm.script.string(documentID), realm.script.boolean(hidden)])
    }
}

// The back/forward cache (``BackForwardCache``): a page a tab leaves goes in, frozen, when
// ``ExtensionHost/cachesPage(inTab:leavingFor:)`` says so, and going back or forward to its entry
// shows it again (recorded: page-bfcache).
extension ExtensionHost {
    /// Takes the page tab `tabID` shows out of the tab's frames: its contexts leave the maps
    /// that find a frame's contexts (the tab's next page takes the frames), and stay open.
    func detachPage(inTab tabID: Int) -> BackForwardCache.Page? {
        guard let tab = browser.tab(tabID), !tab.frames.isEmpty else { return nil }
        // (An orphaned content script is not kept with the page: it closes as the page is left.)
        closeOrphans(inTab: tabID)
        var contentContexts: [(instance: ExtensionInstance, key: ExtensionInstance.FrameKey, context: ExtensionContext)] = []
        var pageContexts: [(instance: ExtensionInstance, context: ExtensionContext)] = []
        for instance in extensions {
            for (key, context) in instance.contentContexts.inTab(tabID) {
                instance.contentContexts[key] = nil
                contentContexts.append((instance, key, context))
            }
            for context in instance.pageContexts where context.tabID == tabID { pageContexts.append((instance, context)) }
            instance.pageContexts.removeAll { $0.tabID == tabID }
        }
        let worlds = contextsInOrder.filter { $0.kind == .webPage && $0.tabID == tabID && !$0.isClosed && !$0.isFrozen }
        return BackForwardCache.Page(tabID: tabID, frames: tab.frames, title: tab.title, contentContexts: contentContexts,
                                     pageContexts: pageContexts, worlds: worlds)
    }

    /// Keeps `page` in the back/forward cache, its contexts frozen; a page that no longer fits
    /// goes.
    func keepInCache(_ page: BackForwardCache.Page) {
        for context in page.contexts { context.freeze() }
        let (kept, over) = backForwardCache.keep(page, flavor: options.flavor)
        for gone in over { letGo(gone) }
        // (Its time to live runs on the run's clock, and keeps no run going; the timer holds the
        // keeping's number only, not the page's contexts.)
        let keeping = kept.keeping
        loop.startTimer(after: BackForwardCache.timeToLive(options.flavor), keepsLoopAlive: false) { [weak self] in
            guard let self, let expired = backForwardCache.take(keeping: keeping) else { return }
            letGo(expired)
        }
    }

    /// Lets a page go that the tab left (or the cache let go): its contexts close, and its
    /// documents with their DOM.
    func letGo(_ page: BackForwardCache.Page) {
        for context in page.contexts { context.close() }
        for frame in page.frames { forgetDocument(frame.documentID) }
        forgetFrames(page.frames.filter { !$0.isTop }.map(\.id))
    }

    /// Lets go of the pages of tab `tabID` its session history no longer has (all of them when the
    /// tab closed).
    /// In Firefox, also those of entries too far from the one shown (``BackForwardCache/entryWindow(_:)``).
    func pruneCache(ofTab tabID: Int) {
        var documents = sessionHistories[tabID].map { Set($0.entries.map(\.documentID)) }
        if let window = BackForwardCache.entryWindow(options.flavor), let history = sessionHistories[tabID] {
            documents = Set(history.entries.indices.filter { abs($0 - history.index) <= window }.map { history.entries[$0].documentID })
        }
        for page in backForwardCache.takeAll(tabID: tabID, except: documents) { letGo(page) }
    }

    /// Shows again, in tab `tabID`, the kept page whose top document is `documentID`; the page the
    /// tab showed is kept or let go (``cachesPage(inTab:leavingFor:)``). Firefox hides the page
    /// it leaves first, then shows the kept one (`visibilitychange`, `pageshow`); Chromium shows
    /// the kept one once the tab has completed (``showRestoredPage(inTab:)``). Returns false when
    /// no such page is kept.
    func restoreCachedPage(inTab tabID: Int, documentID: String, history: HistoryHandling, leavingLoaded: Bool) -> Bool {
        guard let page = backForwardCache.take(tabID: tabID, documentID: documentID) else { return false }
        let (cached, _) = cachesPage(inTab: tabID, leavingFor: history, loaded: leavingLoaded)
        if options.flavor == .firefox { unloadDocuments(inTab: tabID, cached: cached) }
        let leaving = detachPage(inTab: tabID)
        if case .traverse(let index) = history { sessionHistories[tabID]?.traverse(to: index) }
        pruneCache(ofTab: tabID)
        for instance in extensions { instance.pageLeft(tab: tabID) }
        // (A menu open on the page closes as it goes.)
        if contextMenu?.tabID == tabID { closeContextMenu() }
        browser.setFrames(page.frames, of: tabID)
        for (instance, key, context) in page.contentContexts { instance.contentContexts[key] = context }
        for (instance, context) in page.pageContexts { instance.pageContexts.append(context) }
        pageLoads[tabID]?.title = page.title
        pageLoads[tabID]?.frameIDs = Set(page.frames.map(\.id))
        let url = page.frames.first?.url ?? ""
        browser.updateTab(tabID) {
            $0.url = url
            $0.pendingURL = nil
            $0.status = .loading
            if let title = page.title { $0.title = title }
        }
        fireUpdated(tabID, [("status", .string("loading")), ("url", .string(url))])
        guard options.flavor == .chrome else {
            if let leaving { if cached { keepInCache(leaving) } else { letGo(leaving) } }
            for context in page.contexts { context.thaw() }
            showDocuments(page.frames.map(\.documentID).filter { webDocumentLoads[$0] != nil })
            return true
        }
        // (Chromium closes a kept page's ports as it goes in: before the tab completes.)
        if let leaving, cached { for context in leaving.contexts { router.contextFrozen(context) } }
        pendingRestores[tabID] = PendingRestore(shown: page, leaving: leaving, cachesLeaving: cached)
        return true
    }

    /// Chromium, once a tab whose kept page was shown again has completed: the page hears
    /// `resume`, `visibilitychange` and `pageshow` (`persisted`); then the page the tab left hears
    /// it is hidden (``unloadDocuments(inTab:cached:)``'s events) and is kept or let go.
    func showRestoredPage(inTab tabID: Int) {
        guard let pending = pendingRestores.removeValue(forKey: tabID) else { return }
        // (Its timers that came due meanwhile run after it was shown.)
        for context in pending.shown.contexts { context.thaw() }
        let shown = pending.shown.frames.map(\.documentID).filter { webDocumentLoads[$0] != nil }
        for documentID in shown {
            fireDocumentEvent("resume", at: "document", documentID: documentID, bubbles: false)
        }
        showDocuments(shown)
        guard let leaving = pending.leaving else { return }
        fireLeavingEvents(of: leaving, cached: pending.cachesLeaving)
        if pending.cachesLeaving { keepInCache(leaving) } else { letGo(leaving) }
    }

    /// Chromium: a kept page shown again in a tab, until the tab has completed
    /// (``showRestoredPage(inTab:)``), and the page the tab left for it.
    struct PendingRestore {
        /// The page shown again (its contexts still frozen).
        let shown: BackForwardCache.Page
        /// The page the tab left, if it showed one.
        let leaving: BackForwardCache.Page?
        /// Whether the cache keeps the page the tab left.
        let cachesLeaving: Bool

        /// Both pages' contexts are let go (the tab closed first).
        var pages: [BackForwardCache.Page] { [shown] + (leaving.map { [$0] } ?? []) }
    }

    /// `visibilitychange` (visible) and `pageshow` (`persisted`) in each of the documents, which a
    /// kept page shows again.
    private func showDocuments(_ documentIDs: [String]) {
        for documentID in documentIDs {
            if frame(showing: documentID)?.tab.active == true {
                setDocumentHidden(documentID, false)
                fireDocumentEvent("visibilitychange", at: "document", documentID: documentID, bubbles: true)
            }
            fireDocumentEvent("pageshow", at: "window", documentID: documentID, bubbles: false, persisted: true)
        }
    }

    /// The events of a page the tab left (``unloadDocuments(inTab:cached:)``'s), for a page
    /// already out of the tab's frames.
    private func fireLeavingEvents(of page: BackForwardCache.Page, cached: Bool) {
        for frame in page.frames where webDocumentLoads[frame.documentID] != nil {
            fireLeavingEvents(ofDocument: frame.documentID, cached: cached)
        }
    }

    /// `pagehide` (`persisted`: the page is kept), `visibilitychange` (hidden), then `unload`
    /// (not kept) or Chromium's `freeze` (kept), in the document `documentID`.
    func fireLeavingEvents(ofDocument documentID: String, cached: Bool) {
        fireDocumentEvent("pagehide", at: "window", documentID: documentID, bubbles: false, persisted: cached)
        // (A document of a tab in the background is hidden already: page-unload-frames.)
        if documentSources[documentID]?.isHidden != true {
            setDocumentHidden(documentID, true)
            fireDocumentEvent("visibilitychange", at: "document", documentID: documentID, bubbles: true)
        }
        if !cached {
            fireDocumentEvent("unload", at: "window", documentID: documentID, bubbles: false)
        } else if options.flavor == .chrome {
            fireDocumentEvent("freeze", at: "document", documentID: documentID, bubbles: false)
        }
    }
}

// A frame that navigates on its own, a tab that closes, a tab that goes into the background or
// comes back (recorded: page-unload-frames).
extension ExtensionHost {
    /// The documents of the frames `frameIDs` of tab `tabID` (all of them: nil) that hear they are
    /// left, in the tab's frame order: web pages' and the extension's pages' (page-unload-extension).
    func leavingDocuments(inTab tabID: Int, frames frameIDs: Set<Int>? = nil) -> [String] {
        (browser.tab(tabID)?.frames ?? []).filter { frame in
            (frameIDs?.contains(frame.id) ?? true) && (webDocumentLoads[frame.documentID] != nil
                || contexts(ofDocument: frame.documentID).contains { $0.kind == .page && !$0.isClosed })
        }.map(\.documentID)
    }

    /// The documents are left, not to be kept (a frame navigated, a tab closed): `pagehide`,
    /// `visibilitychange` when they were visible, and `unload`, each in turn.
    func unloadDocuments(_ documentIDs: [String]) {
        for documentID in documentIDs { fireLeavingEvents(ofDocument: documentID, cached: false) }
    }

    /// After a change of the active tab of a window (`tabIDs`: the tab that was active, the one that
    /// is now): in a task, the documents of each that went into the background are hidden, and
    /// those of each that came to the front visible, each with `visibilitychange` (a page kept in
    /// the back/forward cache stays hidden). (Only those tabs: creating a thousand tabs asked every
    /// tab each time.)
    func tabsActivated(_ tabIDs: [Int?]) {
        let changed = tabIDs.compactMap { $0 }
        crossProcess { [weak self] in
            guard let self else { return }
            for tab in changed.compactMap({ browser.tab($0) }) {
                for frame in tab.frames where webDocumentLoads[frame.documentID] != nil {
                    guard let hidden = documentSources[frame.documentID]?.isHidden, hidden == tab.active else { continue }
                    setDocumentHidden(frame.documentID, !tab.active)
                    fireDocumentEvent("visibilitychange", at: "document", documentID: frame.documentID, bubbles: true)
                }
            }
        }
    }
}
