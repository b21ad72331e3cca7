/// A tab's session history: the entries its top frame went through (each page it loaded, and
/// each same-document navigation: a fragment, `history.pushState`), and the one it shows.
/// `history.length` counts them; `history.back()`, `forward()` and `go(n)` move through them.
///
/// Only the top frame's navigations make entries here (a browser's joint session history also
/// counts a frame's own); a page it goes back to loads again, as a page the back/forward cache
/// did not keep does.
struct SessionHistory {
    /// One entry.
    struct Entry {
        /// Its URL.
        var url: String
        /// The document that showed it (entries of one document differ in URL and state only).
        var documentID: String
        /// Its state (`history.pushState(state)`), as the structured-clone text a world reads it
        /// from; nil for none.
        var state: String?
        /// The browsing instance its page was loaded in (Chromium's: a navigation from a page the
        /// back/forward cache may keep starts a new one; ``ExtensionHost/cachesPage(inTab:leavingFor:)``).
        var browsingInstance = 0
    }

    /// The entries, oldest first.
    private(set) var entries: [Entry] = []
    /// The entry shown, an index in ``entries``.
    private(set) var index = 0

    /// The entry shown.
    var current: Entry? { entries.indices.contains(index) ? entries[index] : nil }

    /// How many entries a tab keeps: the browsers' 50 (Chromium's kMaxSessionHistoryEntries;
    /// Firefox's browser.sessionhistory.max_entries); the oldest go first.
    static let maxEntries = 50

    /// A navigation adds `entry` after the one shown (the entries after it are gone).
    mutating func push(_ entry: Entry) {
        if entries.isEmpty {
            entries = [entry]
            index = 0
            return
        }
        entries.removeSubrange(min(index + 1, entries.count)...)
        entries.append(entry)
        if entries.count > Self.maxEntries { entries.removeFirst(entries.count - Self.maxEntries) }
        index = entries.count - 1
    }

    /// A navigation that replaces the entry shown (`location.replace`, `history.replaceState`,
    /// a reload).
    mutating func replace(_ entry: Entry) {
        guard entries.indices.contains(index) else { return push(entry) }
        entries[index] = entry
    }

    /// Shows the entry at `target` (a traversal); its document may be new (`documentID`, when it
    /// loaded again).
    mutating func traverse(to target: Int, documentID: String? = nil) {
        guard entries.indices.contains(target) else { return }
        index = target
        if let documentID { entries[target].documentID = documentID }
    }

    /// The index `delta` entries away from the one shown, if there is one there.
    func index(movedBy delta: Int) -> Int? {
        let target = index + delta
        return delta != 0 && entries.indices.contains(target) ? target : nil
    }
}
