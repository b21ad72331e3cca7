import BrowserModel
import Foundation

// An extension's pages (issue 10, item 5): one of its HTML files shown in a tab or a frame is a
// context of the extension (``ContextKind/page``) with the background's APIs, its own DOM, and
// its own scripts, which run as its document loads (``DocumentLoad``). It is made when its frame
// commits and closes when the frame navigates or its tab closes.
extension ExtensionHost {
    /// The file of a loaded extension that `url` names, for the page loader (``PageTree``): what
    /// serves `chrome-extension://` and `moz-extension://` URLs. A page of the extension, or a tab,
    /// may show any of its files; a frame of another page only those the manifest's
    /// `web_accessible_resources` give that page (else the frame stays empty, as the browsers block it).
    func extensionResource(_ url: WebURL, framedBy parentURL: String?) -> PageResource? {
        guard let instance = extensions.first(where: { $0.isOwn(url) }), let path = instance.path(of: url) else { return nil }
        if let parentURL, !(WebURL(string: parentURL).map(instance.isOwn) ?? false),
           !instance.webAccessibleResources.isAccessible(path: path, from: parentURL) { return nil }
        guard let file = instance.fileInside(path) else { return nil }
        return PageResource(contents: file.contents, mimeType: PageResource.mimeType(forFileNamed: url.decodedPathSegments.last ?? ""),
                            file: instance.directory.appendingPathComponent(path))
    }

    /// Opens, in each frame of a committed tab that shows a page of a loaded extension, that page's context.
    func openExtensionPages(inTab tabID: Int, frames: [Frame]) {
        for frame in frames {
            guard let url = WebURL(string: frame.url), let instance = extensions.first(where: { $0.isOwn(url) }),
                  let source = documentSources[frame.documentID] else { continue }
            // (A frame the extension's resources refused shows nothing, and runs nothing.)
            let parentURL = browser.tab(tabID)?.frame(frame.parentID)?.url
            guard extensionResource(url, framedBy: parentURL) != nil else { continue }
            openPage(of: instance, url: frame.url, tabID: tabID, frameID: frame.id, documentID: frame.documentID, source: source)
        }
    }

    /// What serves the URLs the site mapping does not, for the page loader: the files of the
    /// loaded extensions (``extensionResource(_:framedBy:)``), and in a tab's top frame the
    /// browser's own pages (``browserPage(_:)``), which no page may frame.
    func pageResource(_ url: WebURL, framedBy parentURL: String?) -> PageResource? {
        extensionResource(url, framedBy: parentURL) ?? (parentURL == nil ? browserPage(url) : nil)
    }

    /// Makes the context of the extension page at `url` and starts loading its document, once
    /// `prepare` has set it up.
    @discardableResult
    func openPage(of instance: ExtensionInstance, url: String, tabID: Int?, frameID: Int?, documentID: String, source: DocumentSource,
                  extraInfo given: [(String, JSONValue)] = [], prepare: (ExtensionContext) -> Void = { _ in }) -> ExtensionContext {
        var extraInfo = given
        if let frameID, let tabID { extraInfo.append(("isTop", .bool(browser.tab(tabID)?.frame(frameID)?.isTop ?? true))) }
        let context = makeContext(kind: .page, owner: instance, url: url, tabID: tabID, frameID: frameID, documentID: documentID, extraInfo: extraInfo)
        instance.pageContexts.append(context)
        prepare(context)
        let load = DocumentLoad(host: self, context: context, documentID: documentID, source: source)
        context.documentLoad = load
        load.start()
        return context
    }

    /// Closes the extension pages shown in a tab (it navigated or closed).
    func closePages(inTab tabID: Int) {
        for instance in extensions {
            let closing = instance.pageContexts.filter { $0.tabID == tabID }
            guard !closing.isEmpty else { continue }
            instance.pageContexts.removeAll { $0.tabID == tabID }
            for context in closing { context.close() }
        }
    }
}

// The popup of an extension's toolbar button (its action's `default_popup`): a page of the
// extension in no tab, opened by a click on the button (then `action.onClicked` does not fire),
// closed by another click, by `window.close()` in it, or by the driver.
extension ExtensionHost {
    /// Opens `instance`'s popup, or closes it when it is open, as a click on its button does.
    func togglePopup(of instance: ExtensionInstance) {
        if instance.popup != nil {
            closePopup(of: instance)
        } else {
            openPopup(of: instance)
        }
    }

    /// Opens `instance`'s popup unless it has none or it is open; returns its context.
    @discardableResult
    func openPopup(of instance: ExtensionInstance) -> ExtensionContext? {
        if let open = instance.popup { return open }
        // (The popup the button has on the focused window's active tab: `action.setPopup` may change it.)
        let activeTab = browser.focusedTab?.id
        guard let popup = instance.popupPath(on: activeTab, window: browser.lastFocusedWindowID),
              let context = openFramelessPage(of: instance, path: popup) else { return nil }
        instance.popup = context
        return context
    }

    /// Opens the extension's page at `path` in no frame of a tab (its popup, or its options page
    /// inside the browser's extensions page): a document of its own, loading at once (`prepare`
    /// sets its context up first). A page whose file is missing shows the browser's error page,
    /// a document of no script.
    func openFramelessPage(of instance: ExtensionInstance, path: String, extraInfo: [(String, JSONValue)] = [],
                           prepare: (ExtensionContext) -> Void = { _ in }) -> ExtensionContext? {
        guard let url = WebURL(string: instance.url(of: path)), let inside = instance.path(of: url) else { return nil }
        let html = instance.fileInside(inside).map { String(decoding: $0.contents, as: UTF8.self) } ?? ""
        let documentID = browser.makeDocumentID()
        let source = DocumentSource(url: url.href, html: html)
        keepDocument(documentID, source: source)
        return openPage(of: instance, url: url.href, tabID: nil, frameID: nil, documentID: documentID, source: source, extraInfo: extraInfo, prepare: prepare)
    }

    /// Closes a page `openFramelessPage` opened: its document hears it is left (`pagehide`,
    /// `visibilitychange`, `unload`, as a tab's page does when its tab closes), then its context
    /// closes (its ports disconnect) and its document goes.
    func closeFramelessPage(_ page: ExtensionContext, of instance: ExtensionInstance) {
        if let documentID = page.documentID, !page.isClosed { unloadDocuments([documentID]) }
        instance.pageContexts.removeAll { $0 === page }
        page.close()
        if let documentID = page.documentID { forgetDocument(documentID) }
    }

    /// Closes `instance`'s popup if it is open: its context closes (its ports disconnect).
    public func closePopup(of instance: ExtensionInstance) {
        guard let popup = instance.popup else { return }
        instance.popup = nil
        closeFramelessPage(popup, of: instance)
    }

    /// `window.close()` in an extension page: its popup closes, or the tab it is shown in.
    func closeWindow(of context: ExtensionContext) {
        guard let instance = context.owner else { return }
        if instance.popup === context {
            closePopup(of: instance)
        } else if let tabID = context.tabID, browser.tab(tabID)?.frame(context.frameID ?? 0)?.isTop == true {
            removeTab(tabID)
        }
    }
}
