import BrowserModel

// Frames a script makes and unmakes (issue 10, item 4): an `<iframe>` a script inserts into a
// loaded document is a new frame of its tab, whose document loads as a page's own frames do, with
// the content scripts its URL matches (`all_frames`) at their `run_at` times, then `load` at the
// element; removing the element destroys the frame and every frame in it, with their contexts
// (their ports close as an unloaded page's do). js/63_dom.js tells Swift of each (its document's
// mutation hook), and pairs the frames the parser made with their elements.
extension ExtensionHost {
    /// The tab and frame showing the document `documentID`, if a tab shows it.
    func frame(showing documentID: String) -> (tab: Tab, frame: Frame)? {
        for tab in browser.tabs.values {
            if let frame = tab.frames.first(where: { $0.documentID == documentID }) { return (tab, frame) }
        }
        return nil
    }

    /// The ids of the frames the document `documentID` holds, in the order of its frame elements.
    func childFrameIDs(ofDocument documentID: String) -> [Int] {
        guard let (tab, frame) = frame(showing: documentID) else { return [] }
        return tab.frames.filter { $0.parentID == frame.id }.map(\.id)
    }

    /// A script inserted an `<iframe>` into the document `documentID`: a new frame of its tab (the
    /// last of its parent's), whose document loads in tasks of its own as a page's frames load, then
    /// `load` fires at the element. Returns the frame's id; nil when no tab shows the document.
    func insertFrame(inDocument documentID: String, src: String?, srcdoc: String?, name: String?, elementID: String?) -> Int? {
        guard let (tab, parent) = frame(showing: documentID) else { return nil }
        let resolvedSrc = srcdoc != nil ? "about:srcdoc" : (src?.isEmpty == false ? src! : "about:blank")
        var ancestors: [String] = []
        var current: Frame? = parent
        while let frame = current {
            ancestors.append(WebURL(string: frame.url)?.hrefExcludingFragment ?? frame.url)
            current = tab.frame(frame.parentID)
        }
        let element = HTMLPage.Frame(element: .iframe, src: resolvedSrc, srcAttribute: src, srcdoc: srcdoc, name: name, id: elementID)
        let tree = PageTree.loadFrame(element, base: parent.url, selfAndAncestors: ancestors, siteMap: siteMap, flavor: options.flavor) { [weak self] in
            self?.extensionResource($0, framedBy: $1)
        }
        var added: [Frame] = []
        func add(_ page: PageTree, parentID: Int) {
            let id = browser.makeFrameID()
            added.append(Frame(id: id, parentID: parentID, url: page.url, documentID: browser.makeDocumentID()))
            for child in page.children { add(child, parentID: id) }
        }
        add(tree, parentID: parent.id)
        browser.setFrames(tab.frames + added, of: tab.id)
        keepDocuments(of: added, tree: tree)
        openExtensionPages(inTab: tab.id, frames: added)
        beginWebDocuments(inTab: tab.id, frames: added)
        loadInsertedFrames(Set(added.map(\.id)), inTab: tab.id, element: added[0].id, parentDocument: documentID)
        return added[0].id
    }

    /// Loads the frames a script's `<iframe>` made, as a page's frames load (its load steps, for
    /// these frames only, each a task of its own), then fires `load` at the element `frameID`
    /// names in the parent's document.
    private func loadInsertedFrames(_ frames: Set<Int>, inTab tabID: Int, element frameID: Int, parentDocument: String) {
        let chrome = options.flavor == .chrome
        let present = { [weak self] in self?.browser.tab(tabID)?.frame(frameID) != nil }
        var steps: [(@escaping () -> Void) -> Void] = []
        steps.append { [weak self] done in
            guard let self else { return }
            injectContentScripts(tabID: tabID, runAt: .documentStart, frames: frames)
            forEachWebDocument(inTab: tabID, only: frames, { document, next in document.parse(then: next) }, then: done)
        }
        steps.append { [weak self] done in
            guard let self else { return }
            forEachWebDocument(inTab: tabID, only: frames, { document, next in
                document.endParsing {
                    if chrome { document.fireContentLoaded() }
                    next()
                }
            }, then: { [weak self] in
                guard let self else { return }
                injectContentScripts(tabID: tabID, runAt: .documentEnd, frames: frames)
                if !chrome { for document in webDocumentLoads(inTab: tabID, only: frames) { document.fireContentLoaded() } }
                done()
            })
        }
        steps.append { [weak self] done in
            guard let self else { return }
            if chrome { injectContentScripts(tabID: tabID, runAt: .documentIdle, frames: frames) }
            forEachWebDocument(inTab: tabID, only: frames, { document, next in document.complete(then: next) }, then: { [weak self] in
                guard let self else { return }
                if !chrome { injectContentScripts(tabID: tabID, runAt: .documentIdle, frames: frames) }
                for document in webDocumentLoads(inTab: tabID, only: frames) { document.fireLoad() }
                fireFrameElementLoad(frameID, inDocument: parentDocument)
                done()
            })
        }
        func run(_ index: Int) {
            guard index < steps.count else { return }
            crossProcess {
                guard present() else { return }
                let step = steps[index]
                step { if present() { run(index + 1) } }
            }
        }
        run(0)
    }

    /// A script navigated the frame `frameID` (`location.href = url`): the top frame's tab loads
    /// `url` as a tab does; another frame, in a task, drops its document and the frames inside it
    /// with their contexts (as an unloaded page's) and loads `url` in their place, keeping its id,
    /// then `load` fires at its element.
    func navigateFrame(_ frameID: Int, inTab tabID: Int, to url: String) {
        guard let frame = browser.tab(tabID)?.frame(frameID) else { return }
        if frame.isTop { return navigate(tabID: tabID, to: url) }
        crossProcess { [weak self] in
            guard let self, let tab = browser.tab(tabID), let frame = tab.frame(frameID), let parent = tab.frame(frame.parentID) else { return }
            let inside = descendants(of: frameID, in: tab)
            closeFrames(inside, inTab: tab)
            var ancestors: [String] = []
            var current: Frame? = parent
            while let ancestor = current {
                ancestors.append(WebURL(string: ancestor.url)?.hrefExcludingFragment ?? ancestor.url)
                current = tab.frame(ancestor.parentID)
            }
            let element = HTMLPage.Frame(element: .iframe, src: url, srcAttribute: url, srcdoc: nil, name: nil, id: nil)
            let tree = PageTree.loadFrame(element, base: parent.url, selfAndAncestors: ancestors, siteMap: siteMap, flavor: options.flavor) { [weak self] in
                self?.extensionResource($0, framedBy: $1)
            }
            var added: [Frame] = []
            func add(_ page: PageTree, parentID: Int, id: Int?) {
                let frameID = id ?? browser.makeFrameID()
                added.append(Frame(id: frameID, parentID: parentID, url: page.url, documentID: browser.makeDocumentID()))
                for child in page.children { add(child, parentID: frameID, id: nil) }
            }
            add(tree, parentID: parent.id, id: frameID)
            // (The frame keeps its place among its parent's; the frames inside it are new.)
            var frames = tab.frames.filter { $0.id == frameID || !inside.contains($0.id) }
            if let index = frames.firstIndex(where: { $0.id == frameID }) { frames[index] = added[0] }
            browser.setFrames(frames + added.dropFirst(), of: tabID)
            keepDocuments(of: added, tree: tree)
            openExtensionPages(inTab: tabID, frames: added)
            beginWebDocuments(inTab: tabID, frames: added)
            loadInsertedFrames(Set(added.map(\.id)), inTab: tabID, element: frameID, parentDocument: parent.documentID)
        }
    }

    /// The frame `frameID` and every frame inside it.
    private func descendants(of frameID: Int, in tab: Tab) -> Set<Int> {
        var found: Set<Int> = [frameID]
        var grew = true
        while grew {
            grew = false
            for frame in tab.frames where !found.contains(frame.id) && found.contains(frame.parentID) {
                found.insert(frame.id)
                grew = true
            }
        }
        return found
    }

    /// Closes the contexts of the frames `frames` of `tab` and lets their documents go (the frames
    /// stay in the tab).
    private func closeFrames(_ frames: Set<Int>, inTab tab: Tab) {
        for context in contextsInOrder where context.tabID == tab.id && frames.contains(context.frameID ?? -1) {
            if let instance = context.owner {
                instance.contentContexts[.init(tabID: tab.id, frameID: context.frameID ?? -1)] = nil
                instance.pageContexts.removeAll { $0 === context }
            }
            context.close(cached: false)
        }
        for frame in tab.frames where frames.contains(frame.id) { forgetDocument(frame.documentID) }
    }

    /// Fires `load` at the frame element of `frameID` in the document `documentID` (its frame loaded).
    private func fireFrameElementLoad(_ frameID: Int, inDocument documentID: String) {
        guard realm.loadedModuleNames.contains("dom"),
              let world = contextsInOrder.first(where: {
                  $0.documentID == documentID && $0.kind.sharesDocument && !$0.isClosed && $0.loadedModuleNames.contains("events")
              }),
              let record = try? world.realmRecord(), let fire = try? realm.value("fireFrameLoad", in: "dom") else { return }
        _ = world.runTopLevel {
            _ = try fire.call([record, realm.script.string(documentID), realm.script.number(Double(frameID))])
            return true
        }
    }

    /// A script removed the element of frame `frameID` from the document `documentID`: the frame
    /// and every frame inside it go, with their contexts and documents.
    func removeFrame(_ frameID: Int, fromDocument documentID: String) {
        guard let (tab, parent) = frame(showing: documentID), let removed = tab.frame(frameID), removed.parentID == parent.id else { return }
        let going = descendants(of: frameID, in: tab)
        closeFrames(going, inTab: tab)
        browser.setFrames(tab.frames.filter { !going.contains($0.id) }, of: tab.id)
    }
}
