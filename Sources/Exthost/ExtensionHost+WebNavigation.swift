import BrowserModel

// MARK: - webNavigation: the events of each frame's navigations, as each browser sends them.
//
// Recorded in both browsers (webnavigation-events, webnavigation-new-target): a page with a frame
// tells `onBeforeNavigate` and `onCommitted` of its top frame, `onBeforeNavigate` of the frame,
// `onDOMContentLoaded` of the top frame, `onCommitted` and `onDOMContentLoaded` of the frame, then
// `onCompleted` of the frame and last of the top frame. A fragment navigation is
// `onReferenceFragmentUpdated`, `history.pushState`/`replaceState` `onHistoryStateUpdated`; a
// window a page opens is `onCreatedNavigationTarget` before its navigation (Firefox first commits
// its empty page, and keeps that document's id when the page it loads is of its opener's origin:
// the empty page's window is reused). Chromium's details have the frame's type, the document's
// life cycle and ids and the renderer's number (-1 before the commit); Firefox's the window's id.
// Only an extension with the `webNavigation` permission hears them.
extension ExtensionHost {
    /// How a navigation came to be, as `webNavigation.onCommitted` tells it.
    struct NavigationTransition: Equatable {
        var type: String
        var qualifiers: [String] = []

        /// A link, a script's navigation, or an extension's `tabs.create`/`update`.
        static let link = NavigationTransition(type: "link")
        /// A person's typing in the address bar (a driver's `openTab`, `exthost run`'s pages).
        static let typed = NavigationTransition(type: "typed")
        /// A reload.
        static let reload = NavigationTransition(type: "reload")
        /// A frame's first page, loaded with its parent's.
        static let autoSubframe = NavigationTransition(type: "auto_subframe")
        /// A frame navigated after its first page.
        static let manualSubframe = NavigationTransition(type: "manual_subframe")
        /// A form's submission.
        static let formSubmit = NavigationTransition(type: "form_submit")

        /// The same navigation through the session history (back, forward).
        var throughHistory: NavigationTransition {
            NavigationTransition(type: type, qualifiers: qualifiers.contains("forward_back") ? qualifiers : qualifiers + ["forward_back"])
        }
    }

    /// The events of `webNavigation`.
    enum NavigationEvent: String {
        case beforeNavigate = "onBeforeNavigate"
        case committed = "onCommitted"
        case domContentLoaded = "onDOMContentLoaded"
        case completed = "onCompleted"
        case referenceFragmentUpdated = "onReferenceFragmentUpdated"
        case historyStateUpdated = "onHistoryStateUpdated"
    }

    /// Fires `event` of `webNavigation` for the frame `frameID` of `tabID` at `url` (its parent
    /// `parentID`; the frame's document `documentID` once it has committed), to every extension
    /// with the `webNavigation` permission.
    func fireNavigationEvent(_ event: NavigationEvent, tabID: Int, frameID: Int, parentID: Int, url: String, documentID: String?,
                             transition: NavigationTransition? = nil) {
        guard extensions.contains(where: { $0.hasAPIPermission("webNavigation") }), let tab = browser.tab(tabID), isNavigationURLTold(url) else { return }
        let parentDocument = tab.frame(parentID)?.documentID
        var fields: [(String, JSONValue)]
        switch options.flavor {
        case .chrome:
            fields = [
                ("documentLifecycle", .string("active")), ("frameId", .int(frameID)),
                ("frameType", .string(parentID < 0 ? "outermost_frame" : "sub_frame")),
                ("parentFrameId", .int(parentID)),
                ("processId", .int(event == .beforeNavigate ? -1 : rendererProcessID(for: url))),
                ("tabId", .int(tabID)), ("timeStamp", .number(wallNow)), ("url", .string(url)),
            ]
            if event != .beforeNavigate, let documentID { fields.append(("documentId", .string(documentID))) }
            if let parentDocument, parentID >= 0 { fields.append(("parentDocumentId", .string(parentDocument))) }
            if let transition {
                fields.append(("transitionQualifiers", .array(transition.qualifiers.map(JSONValue.string))))
                fields.append(("transitionType", .string(transition.type)))
            }
            fields.sort { $0.0 < $1.0 }
        case .firefox:
            fields = [
                ("url", .string(url)), ("timeStamp", .number(wallNow)), ("frameId", .int(frameID)), ("parentFrameId", .int(parentID)),
                ("tabId", .int(tabID)), ("windowId", .int(tab.windowID)),
            ]
            if event != .beforeNavigate, let documentID { fields.append(("documentId", .string(documentID))) }
            if let parentDocument, parentID >= 0 { fields.append(("parentDocumentId", .string(parentDocument))) }
            if let transition {
                fields.append(("transitionType", .string(transition.type)))
                fields.append(("transitionQualifiers", .array(transition.qualifiers.map(JSONValue.string))))
            }
        }
        let details = JSONValue.object(fields)
        dispatchToBackgrounds("webNavigation." + event.rawValue) { $0.hasAPIPermission("webNavigation") ? [details] : nil }
    }

    /// `onCreatedNavigationTarget`: the page in frame `sourceFrameID` of `sourceTabID` opened tab
    /// `tabID` for `url` (Firefox tells of the new tab's empty page committed first).
    func fireCreatedNavigationTarget(sourceTabID: Int, sourceFrameID: Int, tabID: Int, url: String) {
        guard extensions.contains(where: { $0.hasAPIPermission("webNavigation") }), let tab = browser.tab(tabID),
              isNavigationURLTold(browser.tab(sourceTabID)?.frame(sourceFrameID)?.url ?? "") else { return }
        let fields: [(String, JSONValue)]
        switch options.flavor {
        case .chrome:
            let sourceURL = browser.tab(sourceTabID)?.frame(sourceFrameID)?.url ?? url
            fields = [
                ("sourceFrameId", .int(sourceFrameID)), ("sourceProcessId", .int(rendererProcessID(for: sourceURL))),
                ("sourceTabId", .int(sourceTabID)), ("tabId", .int(tabID)), ("timeStamp", .number(wallNow)), ("url", .string(url)),
            ]
        case .firefox:
            let blank = browser.makeDocumentID()
            initialBlankDocuments[tabID] = blank
            fireNavigationEvent(.committed, tabID: tabID, frameID: 0, parentID: -1, url: "about:blank", documentID: blank, transition: .link)
            fields = [
                ("sourceFrameId", .int(sourceFrameID)), ("sourceTabId", .int(sourceTabID)), ("tabId", .int(tabID)),
                ("timeStamp", .number(wallNow)), ("url", .string(url)), ("windowId", .int(tab.windowID)),
            ]
        }
        let details = JSONValue.object(fields)
        dispatchToBackgrounds("webNavigation.onCreatedNavigationTarget") { $0.hasAPIPermission("webNavigation") ? [details] : nil }
    }

    /// The number Chromium gives the renderer process of `url`'s site (one per site, from 5 on as
    /// a fresh browser's are): what `processId` says once a document committed.
    func rendererProcessID(for url: String) -> Int {
        let site = WebURL(string: url).map { Self.site(of: $0) } ?? url
        if let id = rendererProcessIDs[site] { return id }
        let id = 5 + rendererProcessIDs.count
        rendererProcessIDs[site] = id
        return id
    }

    /// The frames of `tabID` whose ids are in `ids`, in the tab's order (a parent before its
    /// frames, siblings in document order).
    func orderedFrames(_ ids: Set<Int>, inTab tabID: Int) -> [Frame] {
        (browser.tab(tabID)?.frames ?? []).filter { ids.contains($0.id) }
    }

    /// The events of frames whose documents were parsed: `onDOMContentLoaded` of the first (the
    /// page's own frame, committed already), then of each frame inside it, each committed first
    /// (`onCommitted` with `auto_subframe`).
    /// (A frame's own frames start navigating once it has: `onBeforeNavigate` after its
    /// `onDOMContentLoaded`; the first frame's children started at its commit,
    /// ``framesStarted(inside:of:inTab:)``.)
    func framesParsed(_ frames: [Frame], inTab tabID: Int) {
        for (index, frame) in frames.enumerated() {
            if index > 0 {
                fireNavigationEvent(.committed, tabID: tabID, frameID: frame.id, parentID: frame.parentID, url: frame.url,
                                    documentID: frame.documentID, transition: .autoSubframe)
            }
            fireNavigationEvent(.domContentLoaded, tabID: tabID, frameID: frame.id, parentID: frame.parentID, url: frame.url, documentID: frame.documentID)
            if index > 0 { framesStarted(inside: frame, of: frames, inTab: tabID) }
        }
    }

    /// `onBeforeNavigate` of the frames of `frames` whose parent is `parent`.
    func framesStarted(inside parent: Frame, of frames: [Frame], inTab tabID: Int) {
        for child in frames where child.parentID == parent.id {
            fireNavigationEvent(.beforeNavigate, tabID: tabID, frameID: child.id, parentID: child.parentID, url: child.url, documentID: nil)
        }
    }

    /// The events of frames that finished loading: `onCompleted` of the frames inside the first,
    /// the deepest first, then of the first.
    func framesCompleted(_ frames: [Frame], inTab tabID: Int) {
        var depth: [Int: Int] = [:]
        for frame in frames { depth[frame.id] = (depth[frame.parentID] ?? 0) + 1 }
        // (Deeper first; frames of one depth in document order.)
        let inner = frames.dropFirst().enumerated().sorted { a, b in
            let (depthA, depthB) = (depth[a.element.id] ?? 0, depth[b.element.id] ?? 0)
            return depthA != depthB ? depthA > depthB : a.offset < b.offset
        }.map(\.element)
        for frame in inner + frames.prefix(1) {
            fireNavigationEvent(.completed, tabID: tabID, frameID: frame.id, parentID: frame.parentID, url: frame.url, documentID: frame.documentID)
        }
    }

    /// A frame's document changed its URL without a new document: `onHistoryStateUpdated` for the
    /// history API, else `onReferenceFragmentUpdated` (a traversal tells which it went through).
    func sameDocumentNavigated(tabID: Int, frameID: Int, url: String, byHistoryAPI: Bool, traversed: Bool, fragmentChanged: Bool) {
        crossProcess { [weak self] in
            guard let self, let frame = browser.tab(tabID)?.frame(frameID) else { return }
            let event: NavigationEvent = byHistoryAPI || (traversed && !fragmentChanged) ? .historyStateUpdated : .referenceFragmentUpdated
            let transition: NavigationTransition = traversed ? NavigationTransition.link.throughHistory : .link
            fireNavigationEvent(event, tabID: tabID, frameID: frameID, parentID: frame.parentID, url: url, documentID: frame.documentID, transition: transition)
        }
    }
}
