import BrowserModel

/// The pages a tab left that its session history can show again as they were: the browsers'
/// back/forward cache. A kept page's contexts (its main worlds, the content scripts and extension
/// frames in it) stay open but frozen (``ExtensionContext/isFrozen``: their timers wait, nothing
/// is delivered to them), its documents keep their DOM, and going back or forward to its entry
/// shows it again instead of loading it (`pageshow` with `persisted`, no content script runs
/// again). What decides that a page is kept is ``ExtensionHost/cachesPage(inTab:leavingFor:)``.
struct BackForwardCache {
    /// A page a tab left: kept in the cache, or about to be let go.
    struct Page {
        /// The tab that showed it.
        let tabID: Int
        /// Its frames, top first, as the tab had them.
        let frames: [Frame]
        /// Its title, as the tab showed it.
        let title: String?
        /// Its content-script contexts, by extension and frame.
        let contentContexts: [(instance: ExtensionInstance, key: ExtensionInstance.FrameKey, context: ExtensionContext)]
        /// The extension pages in its frames, by extension.
        let pageContexts: [(instance: ExtensionInstance, context: ExtensionContext)]
        /// The main worlds of its frames.
        let worlds: [ExtensionContext]
        /// Counts the pages the cache took: which keeping of a page a time limit is about.
        var keeping = 0

        /// The document of its top frame (the session history entry's).
        var documentID: String { frames.first?.documentID ?? "" }

        /// Every context of the page.
        var contexts: [ExtensionContext] { worlds + contentContexts.map(\.context) + pageContexts.map(\.context) }
    }

    /// How many pages the cache keeps (all tabs together); the one kept longest goes first:
    /// Chromium's 6 (`BackForwardCacheImpl`'s default cache size on desktop), Firefox's 8 (the
    /// most `browser.sessionhistory.max_total_viewers` allows).
    static func capacity(_ flavor: Flavor) -> Int { flavor == .chrome ? 6 : 8 }

    /// How long, in milliseconds, a page stays kept: Chromium's ten minutes (the cache's default
    /// time to live), Firefox's thirty (`browser.sessionhistory.contentViewerTimeout`).
    static func timeToLive(_ flavor: Flavor) -> Double { (flavor == .chrome ? 600 : 1800) * 1000 }

    /// Firefox keeps only the pages of entries at most this many entries away from the one a tab
    /// shows (`nsSHistory`'s `VIEWER_WINDOW`); Chromium has no such limit.
    static func entryWindow(_ flavor: Flavor) -> Int? { flavor == .firefox ? 3 : nil }

    /// The pages kept, oldest first.
    private(set) var pages: [Page] = []
    /// The number of the last keeping.
    private var keepings = 0

    /// Keeps `page`; returns the page as kept (with its ``Page/keeping``) and the pages that no
    /// longer fit, to be let go.
    mutating func keep(_ page: Page, flavor: Flavor) -> (kept: Page, over: [Page]) {
        var page = page
        keepings += 1
        page.keeping = keepings
        pages.append(page)
        return (page, trim(flavor))
    }

    /// Takes out the page kept as `keeping`, if it still is.
    mutating func take(keeping: Int) -> Page? {
        guard let index = pages.firstIndex(where: { $0.keeping == keeping }) else { return nil }
        return pages.remove(at: index)
    }

    /// Takes out the pages over the capacity, oldest first.
    private mutating func trim(_ flavor: Flavor) -> [Page] {
        let over = pages.count - Self.capacity(flavor)
        guard over > 0 else { return [] }
        defer { pages.removeFirst(over) }
        return Array(pages.prefix(over))
    }

    /// Takes out the page of tab `tabID` whose top document is `documentID`, if it is kept.
    mutating func take(tabID: Int, documentID: String) -> Page? {
        guard let index = pages.firstIndex(where: { $0.tabID == tabID && $0.documentID == documentID }) else { return nil }
        return pages.remove(at: index)
    }

    /// Whether the page of tab `tabID` whose top document is `documentID` is kept.
    func contains(tabID: Int, documentID: String) -> Bool {
        pages.contains { $0.tabID == tabID && $0.documentID == documentID }
    }

    /// Takes out the pages of tab `tabID` that none of `documentIDs` (the documents its session
    /// history still has) shows, or all of the tab's when nil.
    mutating func takeAll(tabID: Int, except documentIDs: Set<String>? = nil) -> [Page] {
        let gone = pages.filter { $0.tabID == tabID && !(documentIDs?.contains($0.documentID) ?? false) }
        pages.removeAll { page in gone.contains { $0.tabID == page.tabID && $0.documentID == page.documentID } }
        return gone
    }
}
