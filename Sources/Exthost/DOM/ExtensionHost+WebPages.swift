import BrowserModel

// A web page's own loading (issue 10, item 2): each frame of a committed web page has a
// ``DocumentLoad``; one whose HTML has scripts (or event handler attributes) also has a main world,
// a context of kind ``ContextKind/webPage`` that belongs to no extension, where its scripts run as
// the parser meets them. The tab's load steps (ExtensionHost+Tabs.swift) take each phase of every
// frame's load in turn, with the content scripts between them in the flavor's order.
extension ExtensionHost {
    /// Begins the load of each web frame of a committed tab: its main world, when its document has
    /// scripts, and its document parsed up to its `<html>` element.
    func beginWebDocuments(inTab tabID: Int, frames: [Frame]) {
        for frame in frames {
            // (An extension page loads through its own ``DocumentLoad``, `complete` here.)
            guard let source = documentSources[frame.documentID], source.readiness == "loading" else { continue }
            var world: ExtensionContext?
            if DocumentLoad.hasScripts(source.html) {
                world = makeContext(kind: .webPage, owner: nil, url: frame.url, tabID: tabID, frameID: frame.id, documentID: frame.documentID,
                                    extraInfo: [("isTop", .bool(frame.isTop))])
            }
            let load = DocumentLoad(host: self, context: world, documentID: frame.documentID, source: source)
            webDocumentLoads[frame.documentID] = load
            load.beginWebPage()
        }
    }

    /// The loads of a tab's web frames (of those of `only`), top frame first.
    func webDocumentLoads(inTab tabID: Int, only: Set<Int>? = nil) -> [DocumentLoad] {
        (browser.tab(tabID)?.frames ?? []).filter { only?.contains($0.id) ?? true }.compactMap { webDocumentLoads[$0.documentID] }
    }

    /// Runs `phase` for each web frame of the tab (of those of `only`) in frame order, each after
    /// the one before has finished it, then `then`.
    func forEachWebDocument(inTab tabID: Int, only: Set<Int>? = nil, _ phase: @escaping (DocumentLoad, @escaping () -> Void) -> Void,
                            then: @escaping () -> Void) {
        var remaining = webDocumentLoads(inTab: tabID, only: only)[...]
        func next() {
            guard let load = remaining.popFirst() else { return then() }
            phase(load) { next() }
        }
        next()
    }

    /// Whether the page in a tab goes into the browser's back/forward cache when the tab navigates
    /// away: in Chromium, not when a main world of one of its frames listens to `unload`
    /// (fixtures/conformance/msg-port-tab-navigated: such a page's ports close with no error).
    func pageIsCacheable(inTab tabID: Int) -> Bool {
        for context in contextsInOrder where context.kind == .webPage && context.tabID == tabID && !context.isClosed {
            guard context.loadedModuleNames.contains("events"), let listens = context.hostFunction("globalListensTo", in: "events") else { continue }
            if (try? listens.call([context.script.string("unload")]))?.booleanValue == true { return false }
        }
        return true
    }

    /// Closes the main worlds of a tab's frames (it navigated or closed).
    func closeWebPageWorlds(inTab tabID: Int, cached: Bool) {
        for context in contextsInOrder where context.kind == .webPage && context.tabID == tabID {
            context.close(cached: cached)
        }
    }
}
