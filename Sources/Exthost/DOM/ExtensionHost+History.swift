import BrowserModel

// Same-document navigations and the session history (issue 10, item 4): a change of the fragment
// (`location.hash = 'x'`, `location.href = '#x'`, `tabs.update` to `#x`) and `history.pushState`
// or `replaceState` keep the document and change its URL at once for every world of it (their
// `location`, `document.URL`), with `hashchange` in a task after a fragment change and
// `tabs.onUpdated` as each browser sends it (recorded: tabs-update-url); `history.back()`,
// `forward()` and `go(n)` move through the tab's ``SessionHistory``: to an entry of the same
// document with `popstate` (and `hashchange`), to another page by loading it again.
extension ExtensionHost {
    /// How a navigation changes the tab's session history.
    enum HistoryHandling: Equatable {
        /// A new entry after the one shown.
        case push
        /// The entry shown is replaced (`location.replace`, `replaceState`, a reload).
        case replace
        /// The entry at this index is shown (`history.back()` and the like).
        case traverse(Int)
    }

    /// Whether going from `old` to `new` is a navigation to a fragment of the same document: the
    /// URLs are the same but for the fragment, and the new one has one (HTML's "navigate to a
    /// fragment").
    static func isFragmentNavigation(from old: String, to new: String) -> Bool {
        guard let old = WebURL(string: old), let new = WebURL(string: new) else { return false }
        return new.fragment != nil && old.hrefExcludingFragment == new.hrefExcludingFragment
    }

    /// A same-document navigation of frame `frameID` to `url`: its URL changes now for every world
    /// of its document; the top frame's entry goes into the tab's session history (`state`: the
    /// entry's state, as structured-clone text) and its tab tells the extensions; then, in a task,
    /// `popstate` (a traversal, with the entry's state) and `hashchange` (the fragment changed,
    /// unless `history.pushState` or `replaceState` changed it: `byHistoryAPI`).
    func navigateWithinDocument(_ frameID: Int, inTab tabID: Int, to url: String, history: HistoryHandling, state: String? = nil,
                                byHistoryAPI: Bool = false) {
        guard let tab = browser.tab(tabID), let frame = tab.frame(frameID) else { return }
        let oldURL = frame.url
        let documentID = frame.documentID
        var frames = tab.frames
        if let index = frames.firstIndex(where: { $0.id == frameID }) { frames[index].url = url }
        browser.setFrames(frames, of: tabID)
        setDocumentURL(documentID, to: url)
        if frame.isTop {
            let entry = SessionHistory.Entry(url: url, documentID: documentID, state: state,
                                             browsingInstance: sessionHistories[tabID]?.current?.browsingInstance ?? 0)
            switch history {
            case .push: sessionHistories[tabID, default: SessionHistory()].push(entry)
            case .replace: sessionHistories[tabID, default: SessionHistory()].replace(entry)
            case .traverse(let index): sessionHistories[tabID]?.traverse(to: index)
            }
            announceSameDocumentNavigation(tabID: tabID, url: url)
        }
        let traversed: Bool = if case .traverse = history { true } else { false }
        // A navigation to a fragment fires `popstate` (no state) at once, inside the script's call
        // (recorded: page-history); a traversal's comes in the task below.
        if !traversed, !byHistoryAPI { fireNavigationEvent("popstate", documentID: documentID, fields: [("state", .null)]) }
        let fragmentChanged = WebURL(string: oldURL)?.fragment != WebURL(string: url)?.fragment
            && WebURL(string: oldURL)?.hrefExcludingFragment == WebURL(string: url)?.hrefExcludingFragment
        let firesHashChange = fragmentChanged && !byHistoryAPI
        sameDocumentNavigated(tabID: tabID, frameID: frameID, url: url, byHistoryAPI: byHistoryAPI, traversed: traversed, fragmentChanged: fragmentChanged)
        guard traversed || firesHashChange else { return }
        loop.enqueue { [weak self] in
            guard let self, browser.tab(tabID)?.frame(frameID)?.documentID == documentID else { return }
            if traversed { fireNavigationEvent("popstate", documentID: documentID, fields: [("state", state.map(JSONValue.string) ?? .null)]) }
            if firesHashChange { fireNavigationEvent("hashchange", documentID: documentID, fields: [("oldURL", .string(oldURL)), ("newURL", .string(url))]) }
        }
    }

    /// The document `documentID` is at `url` now, for every world of it (their `location`,
    /// `document.URL`) and for what the host reads of it.
    func setDocumentURL(_ documentID: String, to url: String) {
        documentSources[documentID]?.url = url
        movedDocuments.insert(documentID)
        guard let set = try? realm.value("setDocumentURL", in: "window"), let parts = realm.script.parseJSON(LocationParts.make(url).jsonText) else { return }
        _ = try? set.call([realm.script.string(documentID), parts])
    }

    /// The URL of the document of a context in no frame (a popup, a background page) as it is now.
    func documentURL(of context: ExtensionContext) -> String {
        context.documentID.flatMap { documentSources[$0]?.url } ?? context.url
    }

    /// `history.back()`, `forward()`, `go(delta)` from the document of the top frame of `tabID`:
    /// in a task, the entry `delta` away is shown (nothing when there is none there).
    func traverseHistory(inTab tabID: Int, by delta: Int) {
        crossProcess { [weak self] in
            guard let self, let history = sessionHistories[tabID], let target = history.index(movedBy: delta),
                  let tab = browser.tab(tabID), let top = tab.frames.first(where: \.isTop) else { return }
            let entry = history.entries[target]
            if entry.documentID == top.documentID {
                navigateWithinDocument(top.id, inTab: tabID, to: entry.url, history: .traverse(target), state: entry.state)
            } else {
                navigate(tabID: tabID, to: entry.url, history: .traverse(target))
            }
        }
    }

    /// `history.length` and `history.state` of the document `documentID` (the top frame's entries;
    /// a frame's own document has one).
    func historyFacts(ofDocument documentID: String) -> JSONValue {
        guard let (tab, frame) = frame(showing: documentID), frame.isTop, let history = sessionHistories[tab.id] else {
            return .object([("length", .int(1)), ("state", .null)])
        }
        let state = history.current.flatMap { $0.documentID == documentID ? $0.state : nil }
        return .object([("length", .int(max(history.entries.count, 1))), ("state", state.map(JSONValue.string) ?? .null)])
    }

    /// Fires `hashchange` or `popstate` (`fields`: the event's own) at the window of every world of
    /// the document `documentID`.
    private func fireNavigationEvent(_ type: String, documentID: String, fields: [(String, JSONValue)]) {
        let script = realm.script
        let text = JSONValue.object(fields).jsonText
        if realm.loadedModuleNames.contains("dom") {
            // (Through the DOM, one dispatch reaches every world's listeners in their order.)
            guard let world = dispatchingWorld(ofDocument: documentID), let record = try? world.realmRecord(),
                  let fire = try? realm.value("fireNavigationEvent", in: "dom") else { return }
            _ = world.runTopLevel {
                _ = try fire.call([record, script.string(documentID), script.string(type), script.string(text)])
                return true
            }
            return
        }
        // (No world has the DOM yet: each world's window hears it in turn.)
        fireAtEachWindow(type, documentID: documentID, fieldsJSON: text)
    }

    /// The tab tells the extensions of its top frame's same-document navigation to `url`, in a task
    /// of the browser: as a fragment change (Chromium: `loading` with the URL, then `complete`;
    /// Firefox: `complete` with the URL), or, while its page is still loading, its URL alone.
    private func announceSameDocumentNavigation(tabID: Int, url: String) {
        crossProcess { [weak self] in
            guard let self, browser.tab(tabID) != nil else { return }
            guard pageLoads[tabID]?.finished ?? true else {
                browser.updateTab(tabID) { $0.url = url }
                fireUpdated(tabID, [("url", .string(url))])
                return
            }
            // (One navigation's events go out together: the next one's follow them, as recorded.)
            let load = PageLoad(tabID: tabID, url: url, kind: .fragment, generation: -1)
            for step in PageLoad.steps(flavor: options.flavor, kind: .fragment) where browser.tab(tabID) != nil { perform(step, of: load) }
        }
    }
}
