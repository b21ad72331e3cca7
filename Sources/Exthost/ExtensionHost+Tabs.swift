import BrowserModel
import JSEngine

// MARK: - Tabs: opening, navigating, activating and closing, with the events a browser fires.

extension ExtensionHost {
    /// The URL a new tab shows when none is given.
    var newTabURL: String { options.flavor == .chrome ? "chrome://newtab/" : "about:newtab" }

    /// Opens `url` as a person would: in the window's first tab the first time, then in a new tab at
    /// the end of the window, which becomes the active tab.
    ///
    /// - Returns: the id of the tab the page loads in.
    @discardableResult
    public func open(_ url: String) -> Int {
        let windowID = browser.lastFocusedWindowID ?? browser.openWindow().id
        if !initialTabUsedFlag, let first = browser.window(windowID)?.tabStrip.first {
            initialTabUsedFlag = true
            // (Chromium keeps the first tab's blank page as its first entry: `history.length` is 2
            // on the page it opens then; Firefox replaces it. Recorded: page-history.)
            if options.flavor == .chrome, sessionHistories[first] == nil {
                sessionHistories[first, default: SessionHistory()].push(SessionHistory.Entry(url: "about:blank", documentID: "", state: nil))
            }
            navigate(tabID: first, to: url, transition: .typed)
            return first
        }
        initialTabUsedFlag = true
        return createTab(url: url, windowID: windowID, index: nil, active: true, openerTabID: nil, transition: .typed)
    }

    /// Runs a session as `exthost run` and `exthost test` do: the backgrounds start first, then
    /// `urls` open one after another (``open(_:)``), each once the one before has loaded, then
    /// `between` runs with the last tab it opened, else the active one (clicking the action, say, or
    /// opening DevTools for it), then the loop runs until no work is left. Each
    /// step stops at `maxTime` seconds of the clock; nothing runs after a step the memory limit
    /// interrupted.
    ///
    /// - Returns: the outcome of each step.
    @discardableResult
    public func runSession(opening urls: [String], maxTime: Double, between: (_ lastTab: Int?) -> Void = { _ in }) -> [RunOutcome] {
        // (Pages open once the backgrounds have started, whether or not they keep timers going.)
        var outcomes = [runUntilStarted(maxTime: maxTime)]
        var lastTab: Int?
        for url in urls where !outcomes.contains(.interrupted) {
            let tab = open(url)
            lastTab = tab
            outcomes.append(runUntilLoaded(tabID: tab, maxTime: maxTime))
        }
        guard !outcomes.contains(.interrupted) else { return outcomes }
        // (With no page opened, the browser's first tab.)
        between(lastTab ?? browser.focusedTab?.id)
        outcomes.append(run(maxTime: maxTime))
        return outcomes
    }

    /// Clicks the extension's toolbar button on the active tab of the focused window:
    /// `action.onClicked` (manifest version 3) or `browserAction.onClicked` (version 2), with the
    /// tab; a button with a popup opens it instead (or closes it when it is open).
    public func clickAction(of instance: ExtensionInstance? = nil) {
        crossProcess { [weak self] in
            guard let self, let windowID = browser.lastFocusedWindowID, let tab = browser.activeTab(in: windowID) else { return }
            for target in instance.map({ [$0] }) ?? extensions where target.manifest.hasAction {
                // (A disabled button does nothing.)
                guard target.actionButton.value(of: .enabled, tab: tab.id, window: windowID) != .bool(false) else { continue }
                target.grantActiveTab(tab.id)
                // (A button with a popup opens it, and no click event goes out.)
                if target.popupPath(on: tab.id, window: windowID) != nil {
                    togglePopup(of: target)
                    continue
                }
                let event = target.manifest.manifestVersion >= 3 ? "action.onClicked" : "browserAction.onClicked"
                var arguments = [tabObject(tab, for: target)]
                // Firefox passes an OnClickData: the mouse button and the modifier keys held.
                if options.flavor == .firefox { arguments.append(.object([("button", .int(0)), ("modifiers", .array([]))])) }
                wakeBackground(of: target, for: event)?.dispatchEvent(event, arguments)
            }
        }
    }

    /// Creates a tab showing `url`: `tabs.onCreated`, then (if active) `tabs.onActivated`, then the
    /// page loads. Chromium's new tab is already active and loading, with the URL pending; Firefox's
    /// shows `about:blank`, complete, titled with the URL it is about to load. `kind` is how its
    /// first page loads (``PageLoad/Kind/addonsManager`` activates the tab as it loads).
    /// `focusingWindow`: an active tab focuses its window (not in a window opening behind others,
    /// or one that is focused after its tabs are made).
    @discardableResult
    func createTab(url: String, windowID: Int, index: Int?, active: Bool, openerTabID: Int?, kind: PageLoad.Kind = .newTab,
                   focusingWindow: Bool = true, transition: NavigationTransition = .link) -> Int {
        let flavor = options.flavor
        guard let tab = browser.addTab(windowID: windowID, url: flavor == .chrome ? "" : "about:blank", index: index, openerTabID: openerTabID, now: wallNow)
        else { return -1 }
        let scriptOpened: Bool = if case .scriptOpened = kind { true } else { false }
        browser.updateTab(tab.id) {
            switch flavor {
            case .chrome where scriptOpened:
                // (A window a script opened is complete on its empty page until it navigates.)
                $0.status = .complete
            case .chrome:
                $0.pendingURL = url
            case .firefox:
                $0.status = .complete
                $0.title = PageTree.displayTitle(documentTitle: "", url: url, flavor: flavor)
            }
        }
        // (Firefox tells of a window a script opened before it makes it active.)
        let activatesFirst = !(flavor == .firefox && scriptOpened)
        var previous: Int?
        if active, activatesFirst { previous = browser.activate(tab.id, now: wallNow, focusingWindow: focusingWindow) }
        let created = browser.tab(tab.id)!
        dispatchToBackgrounds("tabs.onCreated") { [tabObject(created, for: $0)] }
        if active, !activatesFirst { previous = browser.activate(tab.id, now: wallNow, focusingWindow: focusingWindow) }
        if active { fireActivated(tab.id, windowID: windowID, previous: previous) }
        if active { tabsActivated([previous, tab.id]) }
        navigate(tabID: tab.id, to: url, kind: kind, transition: transition)
        return tab.id
    }

    /// `tabs.duplicate`: a new tab after `tab`, opened by it, active, loading its page, with a copy
    /// of its session history. Chromium's copy has the page's URL at once; Firefox tells of it as a
    /// new tab on about:blank not yet active, and answers with it loading the page (recorded:
    /// tabs-reload-duplicate-history).
    func duplicateTab(_ tab: Tab) -> Int {
        let flavor = options.flavor
        let index = (browser.index(of: tab.id) ?? 0) + 1
        guard let copy = browser.addTab(windowID: tab.windowID, url: flavor == .chrome ? tab.url : "about:blank", index: index, openerTabID: tab.id, now: wallNow)
        else { return -1 }
        browser.updateTab(copy.id) {
            switch flavor {
            case .chrome:
                $0.pendingURL = tab.url
            case .firefox:
                $0.status = .complete
                $0.title = PageTree.displayTitle(documentTitle: "", url: "about:blank", flavor: flavor)
            }
        }
        var previous: Int?
        if flavor == .chrome { previous = browser.activate(copy.id, now: wallNow) }
        let created = browser.tab(copy.id)!
        dispatchToBackgrounds("tabs.onCreated") { [tabObject(created, for: $0)] }
        if flavor == .firefox {
            previous = browser.activate(copy.id, now: wallNow)
            browser.updateTab(copy.id) {
                $0.url = tab.url
                $0.status = .loading
            }
        }
        fireActivated(copy.id, windowID: tab.windowID, previous: previous)
        tabsActivated([previous, copy.id])
        if let history = sessionHistories[tab.id] { sessionHistories[copy.id] = history }
        navigate(tabID: copy.id, to: tab.url, kind: .newTab, history: .replace)
        return copy.id
    }

    /// Makes a tab active: `tabs.onActivated`. Highlighting a tab makes it active too, and keeps
    /// the other highlighted tabs highlighted. `focusingWindow`: its window becomes the focused one.
    func activate(tabID: Int, keepingHighlights: Bool = false, focusingWindow: Bool = true, highlighting: Bool = true) {
        guard let tab = browser.tab(tabID), !tab.active else { return }
        // (A discarded tab loads its page again: ExtensionHost+Discarding.swift.)
        reloadDiscarded(tabID, beforeActivation: true)
        let previous = browser.activate(tabID, now: wallNow, keepingHighlights: keepingHighlights, focusingWindow: focusingWindow)
        fireActivated(tabID, windowID: tab.windowID, previous: previous, highlighting: highlighting)
        tabsActivated([previous, tabID])
        reloadDiscarded(tabID, beforeActivation: false)
    }

    /// `tabs.onActivated` with `{tabId, windowId}`; Firefox adds `previousTabId` after `tabId`
    /// (present but `undefined` when the previous tab was closed).
    /// Then `tabs.onHighlighted` with the window's highlighted tabs (`highlighting`; not when the
    /// caller tells of a new selection itself).
    func fireActivated(_ tabID: Int, windowID: Int, previous: Int?, highlighting: Bool = true) {
        var info: [(String, JSONValue)] = [("tabId", .int(tabID))]
        if options.flavor == .firefox { info.append(("previousTabId", previous.map(JSONValue.int) ?? .undefined)) }
        info.append(("windowId", .int(windowID)))
        let activeInfo = JSONValue.object(info)
        dispatchToBackgrounds("tabs.onActivated") { _ in [activeInfo] }
        if highlighting { fireHighlighted(windowID: windowID) }
    }

    /// Closes a tab: its frames' contexts go away, then `tabs.onRemoved` with `{isWindowClosing, windowId}`
    /// (Firefox: `{windowId, isWindowClosing}`), and the next tab becomes active if the closed one was;
    /// a window left with no tab closes (``windowClosed(_:)``). `isWindowClosing` says whether
    /// the whole window is closing (`closingWindow`); Firefox says so of a window's last tab too,
    /// Chromium not (recorded: windows-create-update-remove).
    func removeTab(_ tabID: Int, closingWindow: Bool = false) {
        // (Its documents hear they are left, as a navigation's do: page-unload-frames.)
        let documents = leavingDocuments(inTab: tabID)
        for documentID in documents { fireDocumentEvent("beforeunload", at: "window", documentID: documentID, bubbles: false) }
        unloadDocuments(documents)
        // (Firefox tells the other sides of the tab's ports after the removal was announced and
        // answered: recorded, msg-port-tab-removed-order.)
        router.closesPortsLate = options.flavor == .firefox
        closeContexts(ofTab: tabID)
        router.closesPortsLate = false
        for instance in extensions { instance.pageLeft(tab: tabID) }
        if contextMenu?.tabID == tabID { closeContextMenu() }
        closeDevTools(forTab: tabID)
        forgetDocuments(ofTab: tabID)
        pageLoads[tabID] = nil
        sessionHistories[tabID] = nil
        for page in pendingRestores.removeValue(forKey: tabID)?.pages ?? [] { letGo(page) }
        pruneCache(ofTab: tabID)
        scriptOpenedTabs[tabID] = nil
        initialBlankDocuments[tabID] = nil
        browser.zoom.forget(tab: tabID)
        tabNames[tabID] = nil
        forgetFrames((browser.tab(tabID)?.frames ?? []).map(\.id))
        let wasFocused = browser.lastFocusedWindowID == browser.tab(tabID)?.windowID
        guard let removed = browser.removeTab(tabID) else { return }
        loadFinished(tabID)
        for instance in extensions { instance.tabObjectTexts[tabID] = nil }
        let closing = ("isWindowClosing", JSONValue.bool(closingWindow || (options.flavor == .firefox && removed.windowClosing)))
        let window = ("windowId", JSONValue.int(removed.tab.windowID))
        let info = JSONValue.object(options.flavor == .chrome ? [closing, window] : [window, closing])
        dispatchToBackgrounds("tabs.onRemoved") { _ in [.int(tabID), info] }
        // (A window closing activates none of its other tabs as they go.)
        if let next = removed.nextActive, !closingWindow {
            let windowID = removed.tab.windowID
            reloadDiscarded(next, beforeActivation: true)
            browser.activate(next, now: wallNow)
            fireActivated(next, windowID: windowID, previous: nil)
            tabsActivated([next])
            reloadDiscarded(next, beforeActivation: false)
        }
        if removed.windowClosing { windowClosed(removed.tab.windowID, wasFocused: wasFocused) }
    }

    /// Moves a tab within its window: `tabs.onMoved` with `{windowId, fromIndex, toIndex}`.
    func moveTab(_ tabID: Int, to index: Int) {
        guard let tab = browser.tab(tabID), let move = browser.moveTab(tabID, to: index), move.from != move.to else { return }
        let info = JSONValue.object([("fromIndex", .int(move.from)), ("toIndex", .int(move.to)), ("windowId", .int(tab.windowID))])
        dispatchToBackgrounds("tabs.onMoved") { _ in [.int(tabID), info] }
    }

    /// Navigates a tab to `url` (resolved already). The page loads in steps, each a task of its own,
    /// in the order the flavor's browser takes them (``PageLoad/steps(flavor:kind:)``); a navigation
    /// that only changes the fragment keeps the document and its content scripts
    /// (``navigateWithinDocument(_:inTab:to:history:state:byHistoryAPI:)``). `history`: how the
    /// new page goes into the tab's session history.
    /// `transition`: how `webNavigation.onCommitted` tells of it (a link's, or through the session
    /// history for a traversal, when not given).
    func navigate(tabID: Int, to url: String, kind requestedKind: PageLoad.Kind? = nil, history: HistoryHandling = .push, html: String? = nil,
                  transition: NavigationTransition? = nil) {
        guard let tab = browser.tab(tabID) else { return }
        // (A navigation ends a tab's discarded state: its page loads.)
        if tab.discarded { browser.updateTab(tabID) { $0.discarded = false } }
        var kind = requestedKind ?? .replacing
        // (An entry whose page the back/forward cache kept shows it again.)
        if case .traverse(let index) = history, let entries = sessionHistories[tabID]?.entries, entries.indices.contains(index),
           backForwardCache.contains(tabID: tabID, documentID: entries[index].documentID) {
            kind = .restoring(documentID: entries[index].documentID)
        }
        if options.flavor == .chrome {
            // Chromium marks the tab loading, with the URL pending, as soon as the navigation starts.
            browser.updateTab(tabID) {
                $0.status = .loading
                $0.pendingURL = url
            }
        }
        if requestedKind == nil, history == .push, Self.isFragmentNavigation(from: tab.url, to: url),
           let top = tab.frames.first(where: \.isTop), documentSources[top.documentID] != nil {
            return navigateWithinDocument(top.id, inTab: tabID, to: url, history: history)
        }
        var load = PageLoad(tabID: tabID, url: url, kind: kind, generation: (pageLoads[tabID]?.generation ?? 0) + 1)
        load.history = history
        load.html = html
        if case .traverse = history { load.transition = (transition ?? .link).throughHistory } else { load.transition = transition ?? .link }
        load.leavesLoadedPage = pageLoads[tabID]?.finished ?? true
        pageLoads[tabID] = load
        promptToUnload(inTab: tabID)
        enqueueStep(0, of: load)
    }

    /// Queues step `index` of a load; each step queues the next when it has run (a step that
    /// waits for the page's own scripts, when they have run), so the events a step fires are
    /// delivered before the next step runs, as in a browser.
    private func enqueueStep(_ index: Int, of load: PageLoad) {
        let steps = PageLoad.steps(flavor: options.flavor, kind: load.kind)
        guard index < steps.count else { return }
        crossProcess { [weak self] in
            guard let self, pageLoads[load.tabID]?.generation == load.generation else { return }
            // (A new document's navigation starts: webNavigation.onBeforeNavigate. A page the
            // back/forward cache gives back is told of by none of webNavigation's events yet.)
            if index == 0, !load.kind.isRestoring { fireNavigationEvent(.beforeNavigate, tabID: load.tabID, frameID: 0, parentID: -1, url: load.url, documentID: nil) }
            perform(steps[index], of: load) { [weak self] in
                guard let self, pageLoads[load.tabID]?.generation == load.generation else { return }
                enqueueStep(index + 1, of: load)
            }
        }
    }

    private func perform(_ step: PageLoad.Step, of load: PageLoad, then next: @escaping () -> Void) {
        switch step {
        case .injectScripts(let runAt):
            injectScripts(runAt, of: load, then: next)
        case .complete where options.flavor == .chrome && !load.kind.isRestoring:
            // (Chromium's page completes, once its async scripts ran, before the tab does.)
            completeDocuments(inTab: load.tabID, frames: pageLoads[load.tabID]?.frameIDs) { [weak self] in
                self?.perform(step, of: load)
                next()
            }
        default:
            perform(step, of: load)
            next()
        }
    }

    /// Runs the content scripts of one `run_at` time in the frames the load's commit made, with
    /// the page's own loading around them (``runLoadPhase(_:inTab:frames:then:)``).
    private func injectScripts(_ runAt: ContentScriptEntry.RunAt, of load: PageLoad, then next: @escaping () -> Void) {
        let frames = pageLoads[load.tabID]?.frameIDs
        runLoadPhase(runAt, inTab: load.tabID, frames: frames) { [weak self] in
            // (The documents were parsed: webNavigation.onDOMContentLoaded, the frames committed first.)
            if runAt == .documentEnd, let self, let frames, !load.kind.isRestoring { framesParsed(orderedFrames(frames, inTab: load.tabID), inTab: load.tabID) }
            next()
        }
    }

    func perform(_ step: PageLoad.Step, of load: PageLoad) {
        let tabID = load.tabID
        let flavor = options.flavor
        switch step {
        case .startLoading:
            browser.updateTab(tabID) { $0.status = .loading }
            fireUpdated(tabID, [("status", .string("loading"))])
        case .activate:
            activate(tabID: tabID)
        case .blankComplete:
            fireUpdated(tabID, [("status", .string("complete")), ("url", .string("about:blank"))])
        case .resetReaderMode:
            fireUpdated(tabID, [("isArticle", .bool(false))])
        case .provisionalTitle:
            let title = PageTree.displayTitle(documentTitle: "", url: load.url, flavor: flavor)
            browser.updateTab(tabID) {
                $0.url = load.url
                $0.title = title
            }
            fireUpdated(tabID, [("title", .string(title))])
        case .restore:
            guard case .restoring(let documentID) = load.kind,
                  restoreCachedPage(inTab: tabID, documentID: documentID, history: load.history, leavingLoaded: load.leavesLoadedPage) else { return }
        case .showRestored:
            showRestoredPage(inTab: tabID)
        case .commit:
            // (Firefox forgets the tab's `window.name` when its page leaves for another site;
            // Chromium keeps it: recorded in window-name-navigation.)
            if options.flavor == .firefox, let leaving = browser.tab(tabID)?.frames.first(where: \.isTop)?.url, let from = WebURL(string: leaving), from.scheme != "about",
               let to = WebURL(string: load.url), Self.site(of: from) != Self.site(of: to) {
                tabNames[tabID] = nil
            }
            let (cached, browsingInstance) = cachesPage(inTab: tabID, leavingFor: load.history, loaded: load.leavesLoadedPage)
            unloadDocuments(inTab: tabID, cached: cached)
            if cached, let page = detachPage(inTab: tabID) {
                closeEmbeddedOptionsPages(inTab: tabID)
                keepInCache(page)
            } else {
                closeContexts(ofTab: tabID)
                forgetDocuments(ofTab: tabID)
                // (The page's frames go; the tab's top frame, and its name, stay.)
                forgetFrames((browser.tab(tabID)?.frames ?? []).filter { !$0.isTop }.map(\.id))
            }
            for instance in extensions { instance.pageLeft(tab: tabID) }
            if contextMenu?.tabID == tabID { closeContextMenu() }
            let tree = PageTree.load(url: load.url, siteMap: siteMap, flavor: flavor, html: load.html) { [weak self] in self?.pageResource($0, framedBy: $1) }
            var frames: [Frame] = []
            // (Firefox's page of the opener's origin in a tab a page opened keeps the window, and
            // so the id, of the tab's first empty document.)
            let blank = initialBlankDocuments.removeValue(forKey: tabID)
            let reusesBlank = load.kind == .scriptOpened(opener: true) && pageLoads[tabID]?.openerOrigin == WebURL(string: tree.url)?.origin
            func add(_ page: PageTree, parentID: Int, element: HTMLPage.Frame?) {
                let id = parentID < 0 ? 0 : browser.makeFrameID()
                let documentID = parentID < 0 && reusesBlank ? blank ?? browser.makeDocumentID() : browser.makeDocumentID()
                frames.append(Frame(id: id, parentID: parentID, url: page.url, documentID: documentID))
                if parentID >= 0 { recordFrame(id, element: element, parentID: parentID) }
                let iframes = page.page.iframes
                for (index, child) in page.children.enumerated() { add(child, parentID: id, element: index < iframes.count ? iframes[index] : nil) }
            }
            add(tree, parentID: -1, element: nil)
            browser.setFrames(frames, of: tabID)
            let entry = SessionHistory.Entry(url: tree.url, documentID: frames[0].documentID, state: nil, browsingInstance: browsingInstance)
            switch load.history {
            case .push: sessionHistories[tabID, default: SessionHistory()].push(entry)
            case .replace: sessionHistories[tabID, default: SessionHistory()].replace(entry)
            case .traverse(let index): sessionHistories[tabID]?.traverse(to: index, documentID: entry.documentID)
            }
            pruneCache(ofTab: tabID)
            keepDocuments(of: frames, tree: tree, inTab: tabID)
            // (Set on the load after it was queued: `window.open` of a `javascript:` URL.)
            if let javaScriptURL = pageLoads[tabID]?.javaScriptURL, let top = frames.first { pendingJavaScriptURLs[top.documentID] = javaScriptURL }
            openExtensionPages(inTab: tabID, frames: frames)
            beginWebDocuments(inTab: tabID, frames: frames)
            pageLoads[tabID]?.title = tree.title
            pageLoads[tabID]?.frameIDs = Set(frames.map(\.id))
            // (webNavigation: the top frame committed; its frames start their navigations.)
            fireNavigationEvent(.committed, tabID: tabID, frameID: 0, parentID: -1, url: frames[0].url, documentID: frames[0].documentID,
                                transition: load.transition)
            framesStarted(inside: frames[0], of: frames, inTab: tabID)
            browser.updateTab(tabID) {
                $0.url = tree.url
                $0.pendingURL = nil
                $0.status = .loading
                $0.title = PageTree.displayTitle(documentTitle: "", url: tree.url, flavor: flavor)
            }
            fireUpdated(tabID, [("status", .string("loading")), ("url", .string(tree.url))])
            inspectedTabNavigated(tabID, to: tree.url)
        case .injectScripts:
            break // (``injectScripts(_:of:then:)``)
        case .title:
            guard let title = pageLoads[tabID]?.title, browser.tab(tabID)?.title != title else { return }
            browser.updateTab(tabID) { $0.title = title }
            fireUpdated(tabID, [("title", .string(title))])
        case .complete:
            if let frames = pageLoads[tabID]?.frameIDs, !load.kind.isRestoring, load.kind != .fragment { framesCompleted(orderedFrames(frames, inTab: tabID), inTab: tabID) }
            pageLoads[tabID]?.finished = true
            browser.updateTab(tabID) { $0.status = .complete }
            fireUpdated(tabID, [("status", .string("complete"))])
            loadFinished(tabID)
        case .fragmentChange(let status):
            let previousURL = browser.tab(tabID)?.url
            browser.updateTab(tabID) {
                $0.url = load.url
                $0.pendingURL = nil
                $0.status = status
            }
            if status == .complete { pageLoads[tabID]?.finished = true }
            // (Chromium leaves out a URL that did not change: history.replaceState; Firefox repeats it.)
            let changed = previousURL != load.url || flavor == .firefox
            fireUpdated(tabID, [("status", .string(status.rawValue))] + (changed ? [("url", .string(load.url))] : []))
            updateFrameURL(tabID: tabID, url: load.url)
            if status == .complete { loadFinished(tabID) }
        }
    }

    /// An extension page in a tab's top frame has parsed its document: the tab takes the page's
    /// title now, as the browsers take a title once the parser has it, rather than at the load's
    /// title step (a web page's title goes out after its `document_end` scripts, as recorded);
    /// the page's own scripts may already have sent messages whose sender shows the tab.
    func extensionPageParsed(_ context: ExtensionContext) {
        guard let tabID = context.tabID, let load = pageLoads[tabID], load.title != nil,
              browser.tab(tabID)?.frame(context.frameID ?? -1)?.isTop == true else { return }
        perform(.title, of: load)
    }

    /// Calls `body` once the page in `tabID` has loaded (its `complete` step has run: its content
    /// scripts ran and `tabs.onUpdated` went out), or the tab closed; at once when no load is under way.
    ///
    /// - Parameter body: given whether the page loaded (false: the tab closed first).
    func whenLoaded(_ tabID: Int, _ body: @escaping (_ loaded: Bool) -> Void) {
        guard browser.tab(tabID) != nil else { return body(false) }
        guard let load = pageLoads[tabID], !load.finished else { return body(true) }
        loadWaiters[tabID, default: []].append(body)
    }

    /// A load in `tabID` finished, or the tab closed: what waited for it runs.
    func loadFinished(_ tabID: Int) {
        guard let waiting = loadWaiters.removeValue(forKey: tabID) else { return }
        let loaded = browser.tab(tabID) != nil
        for body in waiting { body(loaded) }
    }

    /// A same-document navigation changes the top frame's URL and keeps its document.
    private func updateFrameURL(tabID: Int, url: String) {
        guard var frames = browser.tab(tabID)?.frames, let top = frames.firstIndex(where: \.isTop) else { return }
        frames[top].url = url
        browser.setFrames(frames, of: tabID)
    }

    /// A script changed the title of the document `documentID`: when it is the page a tab shows
    /// and has loaded, the tab takes the title (its URL's display form for an empty one), and
    /// `tabs.onUpdated` says so a hop later, as the browser hears it from the page's process.
    func documentRetitled(_ documentID: String, title: String) {
        crossProcess { [weak self] in
            guard let self, let tab = browser.orderedTabs.first(where: { $0.frames.first(where: \.isTop)?.documentID == documentID }),
                  pageLoads[tab.id]?.finished ?? true else { return }
            let shown = PageTree.displayTitle(documentTitle: title, url: tab.url, flavor: options.flavor)
            guard tab.title != shown else { return }
            browser.updateTab(tab.id) { $0.title = shown }
            fireUpdated(tab.id, [("title", .string(shown))])
        }
    }

    /// `tabs.onUpdated(tabId, changeInfo, tab)`, where each extension sees only the changes its
    /// permissions let it see (`url` and `title` need `tabs` or host permission). A change it may
    /// not see at all is still an event with an empty `changeInfo` in Chromium (recorded:
    /// msg-port-details); Firefox sends none.
    func fireUpdated(_ tabID: Int, _ change: [(String, JSONValue)]) {
        guard let tab = browser.tab(tabID) else { return }
        let flavor = options.flavor
        dispatchToBackgrounds("tabs.onUpdated") { instance in
            let visible = instance.canSeeDetails(of: tab) ? change : change.filter { $0.0 != "url" && $0.0 != "title" }
            return visible.isEmpty && flavor == .firefox ? nil : [.int(tabID), .object(visible), tabObject(tab, for: instance)]
        }
    }

    /// Runs the content scripts of every extension whose entries match, in each frame of the tab
    /// (top frame first, then subframes in document order), for one `run_at` time, each entry's
    /// style sheets before its scripts (``addStyleSheets(of:at:of:in:runAt:)``: Chromium adds them all
    /// at document_start, Firefox at the entry's `run_at`).
    /// (`of`: one extension's only, as Firefox runs a reloaded extension's in the pages open.)
    func injectContentScripts(tabID: Int, runAt: ContentScriptEntry.RunAt, frames only: Set<Int>? = nil, of one: ExtensionInstance? = nil) {
        guard let tab = browser.tab(tabID) else { return }
        for frame in tab.frames where only?.contains(frame.id) ?? true {
            // about:blank and about:srcdoc documents match by the URL of the frame that made them.
            let creatorURL = tab.frame(frame.parentID)?.url
            for instance in one.map({ [$0] }) ?? extensions {
                // Chromium never runs an entry that names a file it cannot read (`../x.js`).
                // (The manifest's entries, then those it registered.)
                // (A registered script runs only where the extension has host permission: Firefox's
                // `checkPermissions`, and Chromium's the same; the manifest's entries' patterns are
                // permissions of their own.)
                let entries = instance.contentScriptEntries.filter { index, entry, _ in
                    (entry.runAt == runAt || !entry.css.isEmpty) && entry.matches(url: frame.url, isTopFrame: frame.isTop, creatorURL: creatorURL)
                        && (index != nil || instance.mayReach(frame.url, creatorURL: creatorURL))
                }
                for (index, entry, userStyles) in entries {
                    addStyleSheets(of: entry, at: index, of: instance, in: frame, runAt: runAt, origin: userStyles ? .user : .author)
                    guard entry.runAt == runAt, !entry.js.isEmpty else { continue }
                    // (`world: "MAIN"`: the page's own world.)
                    let context = entry.world == .main ? mainWorld(ofFrame: frame, inTab: tab.id) : contentContext(of: instance, tab: tab, frame: frame)
                    // Firefox runs none of an entry's scripts when one cannot be loaded, and reports it.
                    if let unreadable = instance.unreadableScript(in: entry) {
                        context.reportUncaught("Unable to load script: \(instance.url(of: unreadable))")
                        continue
                    }
                    for path in entry.js {
                        let resolved = instance.resolvedPath(of: path, role: .contentScript(entry: index ?? 0))
                        context.runScript(instance.classicScript(of: resolved, realm: realm))
                    }
                }
            }
        }
    }

    /// The site of `url` (HTML's "obtain a site"), for what the browsers keep within one: its
    /// scheme and its host's registrable domain, taken without the Public Suffix List as the host's
    /// last two labels (an IP address, or a host of one label, is its own site).
    static func site(of url: WebURL) -> String {
        guard let host = url.host, !host.isEmpty else { return url.origin }
        let labels = host.split(separator: ".")
        let isAddress = host.hasPrefix("[") || labels.allSatisfy { $0.allSatisfy(\.isNumber) }
        let domain = isAddress || labels.count <= 2 ? host : labels.suffix(2).joined(separator: ".")
        return url.scheme + "://" + domain
    }

    /// The content-script context of an extension in a frame, made when first needed.
    func contentContext(of instance: ExtensionInstance, tab: Tab, frame: Frame) -> ExtensionContext {
        let key = ExtensionInstance.FrameKey(tabID: tab.id, frameID: frame.id)
        if let context = instance.contentContexts[key] { return context }
        let context = makeContext(
            kind: .content, owner: instance, url: frame.url, tabID: tab.id, frameID: frame.id, documentID: frame.documentID,
            extraInfo: [("isTop", .bool(frame.isTop))])
        instance.contentContexts[key] = context
        return context
    }

    /// Closes every context in a tab's frames, because the tab navigated (to a page, leaving one the
    /// back/forward cache does not keep) or closed.
    func closeContexts(ofTab tabID: Int) {
        closePages(inTab: tabID)
        closeEmbeddedOptionsPages(inTab: tabID)
        closeWebPageWorlds(inTab: tabID)
        closeOrphans(inTab: tabID)
        for instance in extensions {
            for (key, context) in instance.contentContexts.inTab(tabID) {
                instance.contentContexts[key] = nil
                context.close()
            }
        }
    }

    // MARK: - Helpers for the API

    /// The `Tab` object `instance` sees for `tab` (at `index` in its window, when the caller knows
    /// it), as JSON text made again only when the tab, its index or what the extension may see of
    /// it changed: a query over thousands of tabs, repeated, wrote the same objects again each time.
    func tabObject(_ tab: Tab, index: Int? = nil, for instance: ExtensionInstance) -> JSONValue {
        let index = index ?? browser.index(of: tab.id) ?? 0
        let detailed = instance.canSeeDetails(of: tab)
        let revision = browser.tabsRevision
        if let cached = instance.tabObjectTexts[tab.id], cached.index == index, cached.detailed == detailed {
            // (No tab changed since it was last found to hold; else compare the tab itself.)
            if cached.revision == revision { return .encoded(cached.text) }
            if cached.tab == tab {
                cached.revision = revision
                return .encoded(cached.text)
            }
        }
        let text = TabObject.make(tab, index: index, for: instance, flavor: options.flavor).jsonText
        instance.tabObjectTexts[tab.id] = TabObjectText(tab: tab, index: index, detailed: detailed, text: text, revision: revision)
        return .encoded(text)
    }

    /// The "current window" of a context: its tab's window for a content script, else the focused window.
    func currentWindowID(for context: ExtensionContext) -> Int? {
        if let tabID = context.tabID, let tab = browser.tab(tabID) { return tab.windowID }
        return browser.lastFocusedWindowID
    }

    /// A URL given to `tabs.create` or `tabs.update`, resolved against the extension's base URL as browsers do.
    func resolveURL(_ url: String, from context: ExtensionContext) -> String {
        if WebURL(string: url) != nil { return url }
        let base = WebURL(string: context.owner?.url(of: "") ?? context.url)
        return WebURL(string: url, relativeTo: base)?.href ?? url
    }
}

// MARK: - Highlighting (recorded: tabs-highlight-zoom-discard): `tabs.highlight` activates the
// first tab it names (`tabs.onActivated`), then `tabs.onHighlighted` names the highlighted tabs.
extension ExtensionHost {
    /// `tabs.highlight`: the tabs at `indexes` of window `windowID` become its highlighted ones,
    /// the first its active tab.
    func highlight(indexes: [Int], inWindow windowID: Int) {
        let ids = indexes.compactMap { browser.window(windowID)?.tabStrip.id(at: $0) }
        guard let first = ids.first else { return }
        activate(tabID: first, highlighting: false)
        browser.highlight(ids, inWindow: windowID)
        fireHighlighted(windowID: windowID)
    }

    /// `tabs.onHighlighted` with `{tabIds, windowId}`: the window's highlighted tabs in their order.
    func fireHighlighted(windowID: Int) {
        guard let window = browser.window(windowID) else { return }
        // (Chromium's order is its selection's, which changed between two recorded runs.)
        let ids = window.tabIDs.filter { window.highlightedTabIDs.contains($0) }
        let info = JSONValue.object([("tabIds", .array(ids.map(JSONValue.int))), ("windowId", .int(windowID))])
        dispatchToBackgrounds("tabs.onHighlighted") { _ in [info] }
    }
}

/// One page load in a tab, and the steps it goes through.
struct PageLoad {
    /// What kind of navigation loads the page.
    enum Kind: Equatable {
        /// The first page of a new tab.
        case newTab
        /// A page replacing the document a tab shows.
        case replacing
        /// A change of the fragment only: the document stays.
        case fragment
        /// A window a script opened (`window.open`); `opener`: it may reach its opener (no `noopener`).
        case scriptOpened(opener: Bool)
        /// Firefox's add-ons manager opened by `runtime.openOptionsPage()` (switchToTabHavingURI):
        /// the new tab becomes active once it starts loading, and the manager shows its view of
        /// the extension by a same-document navigation once it has committed.
        case addonsManager
        /// A traversal to an entry whose page the back/forward cache kept, with its top document.
        case restoring(documentID: String)

        /// Whether the page comes back from the back/forward cache.
        var isRestoring: Bool { if case .restoring = self { true } else { false } }
    }

    /// A step of a page load; each runs as a task of its own.
    enum Step: Equatable {
        /// Firefox: the tab starts loading (`onUpdated` with `status: "loading"` only).
        case startLoading
        /// The tab becomes active (`onActivated`).
        case activate
        /// Firefox: a window a script opened with its opener has its empty page complete first
        /// (`onUpdated` with `status: "complete"` and `about:blank`).
        case blankComplete
        /// Firefox: reader mode resets for the old document (`onUpdated` with `isArticle: false`).
        case resetReaderMode
        /// Firefox: the tab shows the new URL and, as its title, the URL (`onUpdated` with `title`).
        case provisionalTitle
        /// The new document commits: old frames go, `onUpdated` with `status: "loading"` and the URL.
        case commit
        /// Content scripts for one `run_at` time run.
        case injectScripts(ContentScriptEntry.RunAt)
        /// The page's title is known: `onUpdated` with `title`.
        case title
        /// The page has loaded: `onUpdated` with `status: "complete"`.
        case complete
        /// A same-document navigation: the URL changes, with this status.
        case fragmentChange(Tab.Status)
        /// The page the back/forward cache kept is shown again: its frames come back, `onUpdated`
        /// with `status: "loading"` and the URL (``ExtensionHost/restoreCachedPage(inTab:documentID:history:leavingLoaded:)``).
        case restore
        /// Chromium: the page shown again hears so, once the tab has completed.
        case showRestored
    }

    let tabID: Int
    let url: String
    let kind: Kind
    /// Counts loads in the tab, so the steps of a load that a newer one replaced do nothing.
    let generation: Int
    /// The title of the loaded page.
    var title: String?
    /// Whether the load has completed.
    var finished = false
    /// The frames its commit made (the frames scripts insert later load on their own).
    var frameIDs: Set<Int>?
    /// How the page goes into the tab's session history.
    var history: ExtensionHost.HistoryHandling = .push
    /// The page's HTML when it is given rather than fetched (a `javascript:` URL's string).
    var html: String?
    /// How `webNavigation.onCommitted` tells of the load.
    var transition = ExtensionHost.NavigationTransition.link
    /// The origin of the page that opened the tab (`window.open`), for a tab's first load.
    var openerOrigin: String?
    /// The `javascript:` URL that runs in the page (`about:blank`) as it begins: `window.open`'s.
    var javaScriptURL: String?
    /// Whether the page the load replaces had finished loading (the back/forward cache keeps no
    /// page that had not: Chromium's "loading" reason, Firefox's docshell).
    var leavesLoadedPage = true

    /// The steps in the order the flavor's browser takes them, as recorded from the browsers
    /// (fixtures/conformance/tabs-*).
    static func steps(flavor: Flavor, kind: Kind) -> [Step] {
        let document: [Step] = [.commit, .injectScripts(.documentStart), .injectScripts(.documentEnd), .title, .injectScripts(.documentIdle), .complete]
        switch (flavor, kind) {
        case (.chrome, .restoring): return [.restore, .title, .complete, .showRestored]
        case (.firefox, .restoring): return [.startLoading, .resetReaderMode, .provisionalTitle, .restore, .complete]
        case (.chrome, .fragment): return [.fragmentChange(.loading), .complete]
        case (.chrome, _): return document
        case (.firefox, .scriptOpened(opener: true)): return [.blankComplete, .startLoading] + document
        case (.firefox, .scriptOpened(opener: false)): return [.startLoading] + document
        case (.firefox, .addonsManager): return [.startLoading, .activate, .commit, .fragmentChange(.loading)] + document.dropFirst()
        case (.firefox, .fragment): return [.fragmentChange(.complete)]
        case (.firefox, .newTab): return [.startLoading] + document
        case (.firefox, .replacing): return [.startLoading, .resetReaderMode, .provisionalTitle] + document
        }
    }
}
