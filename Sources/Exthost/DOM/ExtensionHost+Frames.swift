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
    /// last of its parent's), which shows `about:blank` at once, as a browser's does, and loads its
    /// document in tasks of its own (``navigateFrame(_:inTab:to:srcdoc:)``), then `load` fires at
    /// the element. (Nothing runs here, inside the script's own change of the tree.) Returns the
    /// frame's id; nil when no tab shows the document, or its tab holds as many frames as Chromium
    /// allows a page (``PageTree/chromeMaxFrames``).
    func insertFrame(inDocument documentID: String, src: String?, srcdoc: String?, name: String?, elementID: String?, sandbox: String? = nil) -> Int? {
        guard let (tab, parent) = frame(showing: documentID), tab.frames.count < PageTree.chromeMaxFrames else { return nil }
        let blank = Frame(id: browser.makeFrameID(), parentID: parent.id, url: "about:blank", documentID: browser.makeDocumentID())
        recordSandbox(ofFrame: blank.id, attribute: sandbox, parentID: parent.id)
        browser.setFrames(tab.frames + [blank], of: tab.id)
        // (Its name, by which `window.open` finds it: its element's.)
        if let name, !name.isEmpty { frameNames[blank.id] = name }
        keepDocument(blank.documentID, source: DocumentSource(url: "about:blank", html: ""))
        let target = srcdoc != nil ? "about:srcdoc" : (src?.isEmpty == false ? src ?? "about:blank" : "about:blank")
        navigateFrame(blank.id, inTab: tab.id, to: target, srcdoc: srcdoc)
        return blank.id
    }

    /// Loads the frames a script's `<iframe>` made, as a page's frames load (its load steps, for
    /// these frames only, each a task of its own), then fires `load` at the element `frameID`
    /// names in the parent's document.
    private func loadInsertedFrames(_ frames: Set<Int>, inTab tabID: Int, element frameID: Int, document documentID: String, parentDocument: String) {
        // (A load the frame's next navigation replaced, or its removal ended, goes no further.)
        let present = { [weak self] in self?.browser.tab(tabID)?.frame(frameID)?.documentID == documentID }
        let steps: [(@escaping () -> Void) -> Void] = [
            { [weak self] done in self?.runLoadPhase(.documentStart, inTab: tabID, frames: frames, then: done) },
            { [weak self] done in
                self?.runLoadPhase(.documentEnd, inTab: tabID, frames: frames) {
                    if let self { self.framesParsed(self.orderedFrames(frames, inTab: tabID), inTab: tabID) }
                    done()
                }
            },
            { [weak self] done in
                self?.runLoadPhase(.documentIdle, inTab: tabID, frames: frames) {
                    self?.completeDocuments(inTab: tabID, frames: frames) {
                        if let self { self.framesCompleted(self.orderedFrames(frames, inTab: tabID), inTab: tabID) }
                        self?.fireFrameElementLoad(frameID, inDocument: parentDocument)
                        done()
                    }
                }
            },
        ]
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
    /// (`html`: the new document's HTML when it is given rather than fetched, a `javascript:` URL's string.)
    func navigateFrame(_ frameID: Int, inTab tabID: Int, to url: String, srcdoc: String? = nil, history: HistoryHandling = .push, html: String? = nil,
                       transition: NavigationTransition? = nil) {
        guard let frame = browser.tab(tabID)?.frame(frameID) else { return }
        if frame.isTop { return navigate(tabID: tabID, to: url, history: history, html: html, transition: transition) }
        // (Only a frame's newest navigation loads: the ones it replaced before their task do nothing.)
        let generation = (frameNavigations[frameID] ?? 0) + 1
        frameNavigations[frameID] = generation
        // (webNavigation: a frame's first page, an inserted frame's, is `auto_subframe`; a later one `manual_subframe`.)
        let frameTransition: NavigationTransition = generation == 1 ? .autoSubframe : .manualSubframe
        let parentURL = browser.tab(tabID)?.frame(frame.parentID).flatMap { WebURL(string: $0.url) }
        fireNavigationEvent(.beforeNavigate, tabID: tabID, frameID: frameID, parentID: frame.parentID,
                            url: WebURL(string: url, relativeTo: parentURL)?.href ?? url, documentID: nil)
        if let tab = browser.tab(tabID) { promptToUnload(documents: leavingDocuments(inTab: tabID, frames: descendants(of: frameID, in: tab))) }
        crossProcess { [weak self] in
            guard let self, frameNavigations[frameID] == generation,
                  let tab = browser.tab(tabID), let frame = tab.frame(frameID), let parent = tab.frame(frame.parentID) else { return }
            let inside = descendants(of: frameID, in: tab)
            // (The frame's document and those inside it are left: page-unload-frames.)
            unloadDocuments(leavingDocuments(inTab: tabID, frames: inside))
            closeFrames(inside, inTab: tab)
            forgetFrames(inside.subtracting([frameID]))
            var ancestors: [String] = []
            var current: Frame? = parent
            while let ancestor = current {
                ancestors.append(WebURL(string: ancestor.url)?.hrefExcludingFragment ?? ancestor.url)
                current = tab.frame(ancestor.parentID)
            }
            let element = HTMLPage.Frame(element: .iframe, src: url, srcAttribute: url, srcdoc: srcdoc, name: nil, id: nil)
            let tree = PageTree.loadFrame(element, base: parent.url, selfAndAncestors: ancestors, siteMap: siteMap, flavor: options.flavor,
                                          html: html) { [weak self] in
                self?.pageResource($0, framedBy: $1)
            }
            var added: [Frame] = []
            func add(_ page: PageTree, parentID: Int, id: Int?, element: HTMLPage.Frame?) {
                let frameID = id ?? browser.makeFrameID()
                added.append(Frame(id: frameID, parentID: parentID, url: page.url, documentID: browser.makeDocumentID()))
                // (The frame that navigates keeps its name and sandbox; the frames inside are new.)
                if id == nil { recordFrame(frameID, element: element, parentID: parentID) }
                let iframes = page.page.iframes
                for (index, child) in page.children.enumerated() { add(child, parentID: frameID, id: nil, element: index < iframes.count ? iframes[index] : nil) }
            }
            add(tree, parentID: parent.id, id: frameID, element: nil)
            // (The frame keeps its place among its parent's; the frames inside it are new.)
            var frames = tab.frames.filter { $0.id == frameID || !inside.contains($0.id) }
            if let index = frames.firstIndex(where: { $0.id == frameID }) { frames[index] = added[0] }
            browser.setFrames(frames + added.dropFirst(), of: tabID)
            keepDocuments(of: added, tree: tree, inTab: tabID)
            fireNavigationEvent(.committed, tabID: tabID, frameID: frameID, parentID: parent.id, url: added[0].url, documentID: added[0].documentID,
                                transition: frameTransition)
            framesStarted(inside: added[0], of: added, inTab: tabID)
            openExtensionPages(inTab: tabID, frames: added)
            beginWebDocuments(inTab: tabID, frames: added)
            loadInsertedFrames(Set(added.map(\.id)), inTab: tabID, element: frameID, document: added[0].documentID, parentDocument: parent.documentID)
        }
    }

    /// Whether a script of `context` may navigate `frame` to `url`, as the browsers let it: a web
    /// page's (or a content script's) `http:`/`https:` and `about:blank`, a `data:` URL in a frame
    /// but not in the top frame, and an extension's file only where its `web_accessible_resources`
    /// allow the page (an extension's own contexts reach all of its files); nothing else (`chrome:`,
    /// `file:`; a `javascript:` URL, which would run in the frame, exthost does not run yet).
    func mayNavigate(_ frame: Frame, to url: WebURL, from context: ExtensionContext) -> Bool {
        switch url.scheme {
        case "http", "https": return true
        case "about": return url.href == "about:blank"
        case "data":
            guard frame.isTop else { return true }
            if options.flavor == .chrome { emit(.error, "Not allowed to navigate top frame to data URL: \(url.href)", from: context) }
            return false
        default:
            guard let instance = extensions.first(where: { $0.isOwn(url) }), let path = instance.path(of: url) else { return false }
            if context.owner === instance { return true }
            guard instance.webAccessibleResources.isAccessible(path: path, from: context.url) else {
                if options.flavor == .chrome {
                    emit(.error, "Denying load of \(url.href). Resources must be listed in the web_accessible_resources manifest key in order to be loaded by pages outside the extension.", from: context)
                }
                return false
            }
            return true
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
        for context in contextsInOrder where context.tabID == tab.id && frames.contains(context.frameID ?? -1) && !context.isFrozen {
            if let instance = context.owner {
                instance.contentContexts[.init(tabID: tab.id, frameID: context.frameID ?? -1)] = nil
                instance.pageContexts.removeAll { $0 === context }
            }
            context.close()
        }
        for frame in tab.frames where frames.contains(frame.id) { forgetDocument(frame.documentID) }
    }

    /// Forgets what the frames `ids`, which are gone, kept: their names and sandboxes.
    func forgetFrames(_ ids: some Sequence<Int>) {
        for id in ids {
            frameNames[id] = nil
            frameSandboxes[id] = nil
        }
    }

    /// Fires `load` at the frame element of `frameID` in the document `documentID` (its frame loaded).
    private func fireFrameElementLoad(_ frameID: Int, inDocument documentID: String) {
        guard realm.loadedModuleNames.contains("dom"),
              let world = dispatchingWorld(ofDocument: documentID),
              let record = try? world.realmRecord(), let fire = try? realm.value("fireFrameLoad", in: "dom") else { return }
        _ = world.runTopLevel {
            _ = try fire.call([record, realm.script.string(documentID), realm.script.number(Double(frameID))])
            return true
        }
    }

    /// Keeps what the element of the new frame `id` (in the parent `parentID`) gives it: its name,
    /// which `window.open` and a link's target name it by, and its sandbox.
    func recordFrame(_ id: Int, element: HTMLPage.Frame?, parentID: Int) {
        if let name = element?.name, !name.isEmpty { frameNames[id] = name }
        recordSandbox(ofFrame: id, attribute: element?.sandbox, parentID: parentID)
    }

    /// Keeps the sandbox of the new frame `id` (its element's `sandbox` attribute, or none),
    /// within that of its parent `parentID`.
    func recordSandbox(ofFrame id: Int, attribute: String?, parentID: Int) {
        let inherited = frameSandboxes[parentID]
        if let attribute {
            frameSandboxes[id] = FrameSandbox(attribute: attribute).within(inherited)
        } else if let inherited {
            frameSandboxes[id] = inherited
        }
    }

    /// The origin of `frame`'s document as scripts see it: its URL's (an `about:` document's is
    /// its parent's), or `"null"` in a frame sandboxed without `allow-same-origin`.
    func origin(of frame: Frame, in tab: Tab) -> String {
        originKey(of: frame, in: tab).hasPrefix("null#") ? "null" : originKey(of: frame, in: tab)
    }

    /// What compares `frame`'s document's origin with another's: its URL's origin, or for an
    /// opaque origin of a sandboxed frame one of its own (`null#` and the document that made it),
    /// which an `about:blank` or `about:srcdoc` document inherits from its parent, as the
    /// browsers give a sandboxed frame's empty frames its origin; `"null"` (another opaque
    /// origin, the same as none) otherwise.
    func originKey(of frame: Frame, in tab: Tab) -> String {
        guard let sandbox = frameSandboxes[frame.id], !sandbox.allowsSameOrigin else { return FrameAPI.origin(of: frame, in: tab) }
        if let url = WebURL(string: frame.url), url.scheme == "about", let parent = tab.frame(frame.parentID),
           let parentSandbox = frameSandboxes[parent.id], !parentSandbox.allowsSameOrigin {
            return originKey(of: parent, in: tab)
        }
        return "null#" + frame.documentID
    }

    /// Whether the documents of `frame` and `other` (of `tab`) are of one origin (an opaque
    /// origin is only its own, and its empty frames').
    func sameOrigin(_ frame: Frame, _ other: Frame, in tab: Tab) -> Bool {
        let key = originKey(of: frame, in: tab)
        return key != "null" && key == originKey(of: other, in: tab)
    }

    /// Whether the pages of frame `frameID` may run their own scripts (no sandbox without `allow-scripts`).
    func framePagesRunScripts(_ frameID: Int) -> Bool {
        frameSandboxes[frameID].map(\.allowsScripts) ?? true
    }

    /// The frame `frameID` of the document `documentID` takes the name `name` (Firefox renames a
    /// frame when its element's name changes; Chromium keeps the name the frame was made with:
    /// recorded in frame-names).
    func renameFrame(_ frameID: Int, inDocument documentID: String, to name: String) {
        guard let (tab, parent) = frame(showing: documentID), tab.frame(frameID)?.parentID == parent.id else { return }
        frameNames[frameID] = name.isEmpty ? nil : name
    }

    /// A frame's own window renamed it (`window.name = ...` in any of its worlds): the name
    /// `window.open` and links' targets find it by, kept across its navigations.
    func setWindowName(_ name: String, of context: ExtensionContext) {
        guard let tabID = context.tabID, let frame = browser.tab(tabID)?.frame(context.frameID ?? -1) else { return }
        if frame.isTop { tabNames[tabID] = name.isEmpty ? nil : name } else { frameNames[frame.id] = name.isEmpty ? nil : name }
    }

    /// A script removed the element of frame `frameID` from the document `documentID`: the frame
    /// and every frame inside it go, with their contexts and documents.
    func removeFrame(_ frameID: Int, fromDocument documentID: String) {
        guard let (tab, parent) = frame(showing: documentID), let removed = tab.frame(frameID), removed.parentID == parent.id else { return }
        let going = descendants(of: frameID, in: tab)
        for id in going { frameNavigations[id] = nil }
        closeFrames(going, inTab: tab)
        forgetFrames(going)
        browser.setFrames(tab.frames.filter { !going.contains($0.id) }, of: tab.id)
    }
}
