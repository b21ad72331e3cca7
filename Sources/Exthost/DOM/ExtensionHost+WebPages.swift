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
            guard var source = documentSources[frame.documentID], source.readiness == "loading" else { continue }
            var world: ExtensionContext?
            // (A frame whose element's `src` is a `javascript:` URL runs it in its main world first;
            // a string it gives is the document's HTML: ExtensionHost+JavaScriptURLs.swift.)
            // (A frame sandboxed without allow-scripts runs none of its pages' own scripts.)
            let runsScripts = framePagesRunScripts(frame.id)
            if let pending = pendingJavaScriptURLs.removeValue(forKey: frame.documentID), runsScripts, let url = WebURL(string: pending) {
                world = mainWorld(ofFrame: frame, inTab: tabID)
                if let html = runJavaScriptURL(url, inFrame: frame, inTab: tabID) {
                    source.html = html
                    documentSources[frame.documentID] = source
                    discardBuiltDocument(frame.documentID)
                }
            }
            if world == nil, runsScripts, DocumentLoad.hasScripts(source.html) {
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
    /// away: not when a main world of one of its frames (or an extension's page in one) listens to `unload`
    /// (fixtures/conformance/msg-port-tab-navigated: such a page's ports close with no error).
    func pageIsCacheable(inTab tabID: Int) -> Bool {
        // (An extension's page in the tab is its frame's main world: page-unload-extension.)
        for context in contextsInOrder where (context.kind == .webPage || context.kind == .page) && context.tabID == tabID && !context.isClosed && !context.isFrozen {
            guard context.hasLoaded("events"), let record = try? context.realmRecord(), let listens = try? realm.value("globalListensTo", in: "events") else { continue }
            if (try? listens.call([record, realm.script.string("unload")]))?.booleanValue == true { return false }
        }
        return true
    }

    /// Runs the content scripts of one `run_at` time in a tab's web frames (those of `own`; nil:
    /// all), with their pages' own loading going on around them in each browser's order
    /// (fixtures/conformance/cs-run-at, page-scripts-order), then `next`: a frame's document_start
    /// scripts run before its page's own and after the page around it has parsed (frame by frame,
    /// top first); Chromium runs document_end scripts after DOMContentLoaded, Firefox between
    /// readystatechange and DOMContentLoaded; Firefox's document is complete for document_idle
    /// scripts (and `load` follows them), Chromium's still interactive (``completeDocuments(inTab:frames:then:)``
    /// ends its load). A page's load steps and a frame a script loads take the same phases.
    func runLoadPhase(_ runAt: ContentScriptEntry.RunAt, inTab tabID: Int, frames own: Set<Int>?, then next: @escaping () -> Void) {
        let inject = { [weak self] in self?.injectContentScripts(tabID: tabID, runAt: runAt, frames: own) }
        switch (runAt, options.flavor) {
        case (.documentStart, _):
            var remaining = (browser.tab(tabID)?.frames ?? []).filter { own?.contains($0.id) ?? true }[...]
            func nextFrame() {
                guard let frame = remaining.popFirst() else { return next() }
                injectContentScripts(tabID: tabID, runAt: .documentStart, frames: [frame.id])
                guard let document = webDocumentLoads[frame.documentID] else { return nextFrame() }
                document.parse { nextFrame() }
            }
            nextFrame()
        case (.documentEnd, .chrome):
            forEachWebDocument(inTab: tabID, only: own, { document, done in
                document.endParsing {
                    document.fireContentLoaded()
                    done()
                }
            }, then: {
                inject()
                next()
            })
        case (.documentEnd, .firefox):
            forEachWebDocument(inTab: tabID, only: own, { document, done in document.endParsing(then: done) }, then: { [weak self] in
                inject()
                for document in self?.webDocumentLoads(inTab: tabID, only: own) ?? [] { document.fireContentLoaded() }
                next()
            })
        case (.documentIdle, .firefox):
            forEachWebDocument(inTab: tabID, only: own, { document, done in document.complete(then: done) }, then: { [weak self] in
                inject()
                for document in self?.webDocumentLoads(inTab: tabID, only: own) ?? [] { document.fireLoad() }
                next()
            })
        case (.documentIdle, .chrome):
            inject()
            next()
        }
    }

    /// Chromium's end of a page's load, after its document_idle scripts: each web frame (of
    /// `own`) completes once its async scripts ran, and fires `load`; then `next`. (Firefox's
    /// documents completed before their document_idle scripts: nothing is left.)
    func completeDocuments(inTab tabID: Int, frames own: Set<Int>?, then next: @escaping () -> Void) {
        guard options.flavor == .chrome else { return next() }
        forEachWebDocument(inTab: tabID, only: own, { document, done in
            document.complete {
                document.fireLoad()
                done()
            }
        }, then: next)
    }

    /// The world a document's events are dispatched from: its oldest whose events are loaded
    /// (its dispatch reaches the others' listeners, js/63_dom.js; a world that never loaded them
    /// has none). Nil when no world of the document listens.
    func dispatchingWorld(ofDocument documentID: String) -> ExtensionContext? {
        contexts(ofDocument: documentID).first { !$0.isClosed && $0.hasLoaded("events") }
    }

    /// Closes the main worlds of a tab's frames (it navigated or closed).
    func closeWebPageWorlds(inTab tabID: Int) {
        for context in contextsInOrder where context.kind == .webPage && context.tabID == tabID && !context.isFrozen {
            context.close()
        }
    }
}
