import BrowserModel
import Foundation
import JSEngine

// The documents the host has loaded, each kept as its source (``DocumentSource``) under its
// document id from when its frame commits until it goes (its tab navigates or closes); the host
// realm builds each one's DOM from it when a script of one of its worlds first touches `document`,
// and lets the DOM go with it.
extension ExtensionHost {
    /// Keeps the source of each frame of a committed page tree (`frames` in the order `tree` lists
    /// them, top frame first) in tab `tabID` (hidden when the tab is in the background).
    func keepDocuments(of frames: [Frame], tree: PageTree, inTab tabID: Int) {
        var pages: [PageTree] = []
        func collect(_ page: PageTree) {
            pages.append(page)
            for child in page.children { collect(child) }
        }
        collect(tree)
        let hidden = browser.tab(tabID).map { !$0.active } ?? false
        for (frame, page) in zip(frames, pages) {
            // (A page of an extension loads through its ``DocumentLoad``; a web page in steps.)
            let isExtensionPage = WebURL(string: frame.url).map { url in extensions.contains { $0.isOwn(url) } } ?? false
            documentSources[frame.documentID] = DocumentSource(url: frame.url, html: page.html, readiness: isExtensionPage ? "complete" : "loading",
                                                               isParsed: isExtensionPage, isHidden: hidden)
            if let url = page.javaScriptURL { pendingJavaScriptURLs[frame.documentID] = url }
        }
    }

    /// A web page's document of no script reaches `readiness` (`interactive`: parsed; `complete`:
    /// loaded): its DOM, if a world has built it, changes with it (``DocumentLoad`` moves it on).
    func setReadiness(_ readiness: String, ofDocument documentID: String) {
        guard var source = documentSources[documentID], source.readiness != readiness else { return }
        source.readiness = readiness
        documentSources[documentID] = source
        if realm.loadedModuleNames.contains("dom"), let advance = try? realm.value("advanceDocument", in: "dom") {
            _ = try? advance.call([realm.script.string(documentID), realm.script.string(readiness)])
        }
    }

    /// A web page's document of no script has been parsed: its DOM, if a world has built it, gets
    /// what its parse held back (it stays `loading` until the end of parsing).
    func markParsed(_ documentID: String) {
        guard var source = documentSources[documentID], !source.isParsed else { return }
        source.isParsed = true
        documentSources[documentID] = source
        if realm.loadedModuleNames.contains("dom"), let reveal = try? realm.value("revealParsedDocument", in: "dom") {
            _ = try? reveal.call([realm.script.string(documentID)])
        }
    }

    /// Fires the event `type` at `document` or `window` (`target`) of the document `documentID`:
    /// dispatched in its oldest world whose events are loaded (a world that never loaded them has
    /// no listener to call), whose dispatch reaches the listeners of every world of the document
    /// in the order they were added (js/63_dom.js).
    /// `persisted`: a `pageshow`'s or `pagehide`'s, from or into the back/forward cache.
    func fireDocumentEvent(_ type: String, at target: String, documentID: String, bubbles: Bool, persisted: Bool = false) {
        let script = realm.script
        if !realm.loadedModuleNames.contains("dom") {
            // No world has the DOM yet, so no listener is at the document: an event at the window
            // goes to each world's window in turn; one that bubbles to the window needs the DOM
            // (its target is the document) only when a window listens for it.
            if target == "window" {
                return fireAtEachWindow(type, documentID: documentID, fieldsJSON: persisted ? #"{"persisted":true}"# : nil)
            }
            guard bubbles, let listens = try? realm.value("windowListensTo", in: "window"),
                  listeningWorlds(ofDocument: documentID).contains(where: { world in
                      (try? world.realmRecord()).flatMap { try? listens.call([$0, script.string(type)]).booleanValue } == true
                  }) else { return }
        }
        guard let world = dispatchingWorld(ofDocument: documentID),
              let record = try? world.realmRecord(), let fire = try? realm.value("fireDocumentEvent", in: "dom") else { return }
        _ = world.runTopLevel {
            _ = try fire.call([record, script.string(documentID), script.string(target), script.string(type), script.boolean(bubbles),
                               script.boolean(persisted)])
            return true
        }
    }

    /// The worlds of the document `documentID` that may have listeners: those whose events are
    /// loaded (the others are not asked, and get no record in the host realm for it).
    func listeningWorlds(ofDocument documentID: String) -> [ExtensionContext] {
        contexts(ofDocument: documentID).filter { !$0.isClosed && $0.hasLoaded("events") }
    }

    /// Fires the event `type` at the window of each listening world of the document `documentID`
    /// in turn (`fieldsJSON`: a `hashchange`'s or `popstate`'s own fields): what a document whose
    /// worlds share no DOM yet does instead of one dispatch through them all.
    func fireAtEachWindow(_ type: String, documentID: String, fieldsJSON: String?) {
        let script = realm.script
        guard let fire = try? realm.value("fireWindowEvent", in: "window") else { return }
        for world in listeningWorlds(ofDocument: documentID) {
            guard let record = try? world.realmRecord() else { continue }
            let fields = fieldsJSON.flatMap { script.parseJSON($0) } ?? script.null
            _ = world.runTopLevel {
                _ = try fire.call([record, script.string(type), fields])
                return true
            }
        }
    }

    /// A window's message (`window.postMessage`) reaches the document `documentID`: dispatched in
    /// its oldest world whose events are loaded, whose dispatch reaches every world's listeners
    /// (js/48_channel_messaging.js, js/63_dom.js); `source` is where the sender's window is from
    /// the document's frame ("self", "parent", ...), nil when none of those reaches it.
    func deliverWindowMessage(_ text: String, origin: String, source: String?, documentID: String) {
        guard let world = dispatchingWorld(ofDocument: documentID) else { return }
        let sourceWindow: ScriptValue? = source.flatMap { relation in
            guard let record = try? world.realmRecord(), let windowOf = try? realm.value("frameWindowOf", in: "window") else { return nil }
            return try? windowOf.call([record, realm.script.string(relation)])
        }
        // (Its dispatch goes through the other worlds when the DOM is there to walk them.)
        if realm.loadedModuleNames.contains("dom"), let record = try? world.realmRecord(), let enter = try? realm.value("enterDocumentWorld", in: "dom") {
            _ = try? enter.call([record])
        }
        _ = world.runTopLevel {
            guard world.loadReporting("channel_messaging") else { return false }
            let dispatch = try realm.value("dispatchWindowMessage", in: "channel_messaging")
            let script = realm.script
            _ = try dispatch.call([try world.realmRecord(), script.string(text), script.string(origin), source.map { script.string($0) } ?? script.null,
                                   sourceWindow ?? script.null])
            return true
        }
    }

    /// The host-realm records of the worlds of the document `documentID` whose events are loaded
    /// (a world without them has no listener), oldest first.
    func worldRecords(ofDocument documentID: String) -> [ScriptValue] {
        contexts(ofDocument: documentID).filter { $0.kind.sharesDocument && !$0.isClosed && $0.hasLoaded("events") }
            .compactMap { try? $0.realmRecord() }
    }

    /// Keeps `source` as the document `documentID` (an empty page, a background page).
    func keepDocument(_ documentID: String, source: DocumentSource) {
        documentSources[documentID] = source
    }

    /// Lets the documents of a tab's frames go (the tab navigated or closed), with their DOM.
    func forgetDocuments(ofTab tabID: Int) {
        guard let frames = browser.tab(tabID)?.frames else { return }
        for frame in frames { forgetDocument(frame.documentID) }
    }

    /// Drops the DOM built for the document `documentID`, keeping its source, so that the next
    /// world to touch it builds it again from that source (its source changed before it began).
    func discardBuiltDocument(_ documentID: String) {
        guard realm.loadedModuleNames.contains("dom"), let forget = try? realm.value("forgetDocument", in: "dom") else { return }
        _ = try? forget.call([realm.script.string(documentID)])
    }

    /// Lets the document `documentID` go, with its DOM if one was built (a web page's load stops).
    func forgetDocument(_ documentID: String) {
        webDocumentLoads.removeValue(forKey: documentID)?.abandon()
        userActivations.forget(documentID)
        if systemFocus == .page(documentID) { systemFocus = nil }
        if movedDocuments.remove(documentID) != nil, let forget = try? realm.value("forgetDocumentURL", in: "window") {
            _ = try? forget.call([realm.script.string(documentID)])
        }
        pendingJavaScriptURLs.removeValue(forKey: documentID)
        documentTimeOrigins.removeValue(forKey: documentID)
        guard documentSources.removeValue(forKey: documentID) != nil else { return }
        discardBuiltDocument(documentID)
    }

    /// The page a browser makes for a background of `scripts` (Chromium's generated background
    /// page: each script an element of the body, in order).
    static func generatedBackgroundPage(scripts: [String]) -> String {
        var html = "<!DOCTYPE html>\n<body>\n"
        for url in scripts {
            let escaped = url.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
            html += "<script src=\"\(escaped)\"></script>\n"
        }
        return html
    }
}
