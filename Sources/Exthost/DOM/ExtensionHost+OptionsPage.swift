import BrowserModel
import Foundation

// An extension's options page (issue 10, item 5): `runtime.openOptionsPage()` shows it as each
// browser does (recorded: fixtures/conformance/options-page and options-page-in-tab).
// - Embedded (`options_ui` without `open_in_tab`): a tab of the browser's own extensions page
//   opens (Chromium: `chrome://extensions/?options=ID`, titled "Extensions - NAME"; Firefox:
//   `about:addons`, "Add-ons Manager"), and once it has loaded the options page opens inside it,
//   in no frame of the tab: Chromium's dialog is a guest view (its sender has no tab, and
//   `tabs.getCurrent()` gives nothing); Firefox's is a browser of the add-ons manager (its sender's
//   tab is that tab, frame 0). It closes when that tab closes or navigates.
// - In a tab (`open_in_tab`, or `options_page`): the page opens in a tab of its own, as
//   `tabs.create` would open it.
// Both browsers keep one: a second call makes the tab that shows it active.
extension ExtensionHost {
    /// `runtime.openOptionsPage()` of `instance`: nil once the page is opening (or its tab is made
    /// active), else the flavor's error for an extension without an options page.
    ///
    /// - Parameter opened: called with the page's context once its tab has loaded (nil: the tab
    ///   closed or navigated first).
    func openOptionsPage(of instance: ExtensionInstance, opened: @escaping (ExtensionContext?) -> Void = { _ in }) -> String? {
        guard let options = instance.manifest.optionsPage else { return texts.noOptionsPage }
        let pageURL = instance.url(of: options.path)
        let shownURL = options.opensInTab ? pageURL : optionsHostURL(of: instance)
        let tabID: Int
        if let existing = browser.tabs.values.sorted(by: { $0.id < $1.id }).first(where: { Self.sameDocument($0.url, shownURL) || Self.sameDocument($0.pendingURL ?? "", shownURL) }) {
            tabID = existing.id
            activate(tabID: tabID)
        } else {
            guard let windowID = browser.lastFocusedWindowID ?? browser.windows.first?.id else { return texts.noOptionsPage }
            // (Firefox switches to its add-ons manager once the tab has started loading.)
            let switchesLater = !options.opensInTab && self.options.flavor == .firefox
            tabID = createTab(url: options.opensInTab ? pageURL : shownURL, windowID: windowID, index: nil, active: !switchesLater, openerTabID: nil,
                              kind: switchesLater ? .addonsManager : .newTab)
        }
        whenLoaded(tabID) { [weak self, weak instance] loaded in
            guard loaded, let self, let instance, let tab = browser.tab(tabID), Self.sameDocument(tab.url, shownURL) else { return opened(nil) }
            if options.opensInTab {
                return opened(instance.pageContexts.first { $0.tabID == tabID && $0.frameID == 0 && !$0.isClosed })
            }
            if instance.embeddedOptionsPage == nil { openEmbeddedOptionsPage(of: instance, path: options.path, inTab: tabID) }
            opened(instance.embeddedOptionsPage?.context)
        }
        return nil
    }

    /// Opens the options page of every loaded extension that has one, as `runtime.openOptionsPage()`
    /// does (`exthost run --open-options-page`).
    ///
    /// - Returns: the names of the extensions that have none.
    @discardableResult
    public func openOptionsPages() -> [String] {
        extensions.compactMap { instance in openOptionsPage(of: instance) == nil ? nil : instance.manifest.name }
    }

    /// The URL of the browser's page that shows `instance`'s options page inside it.
    func optionsHostURL(of instance: ExtensionInstance) -> String {
        switch options.flavor {
        case .chrome: "chrome://extensions/?options=\(instance.id.runtimeID)"
        case .firefox: "about:addons"
        }
    }

    /// Opens the options page inside the browser's extensions page in `tabID`.
    private func openEmbeddedOptionsPage(of instance: ExtensionInstance, path: String, inTab tabID: Int) {
        let context = openFramelessPage(of: instance, path: path) { context in
            // Firefox's add-ons manager shows it in the tab's top frame, as its sender says.
            if options.flavor == .firefox { context.embeddingTabID = tabID }
        }
        if let context { instance.embeddedOptionsPage = (context, tabID) }
    }

    /// Closes the options pages embedded in the browser's extensions page shown in `tabID` (the tab
    /// navigated or closed).
    func closeEmbeddedOptionsPages(inTab tabID: Int) {
        for instance in extensions {
            guard let (context, shownIn) = instance.embeddedOptionsPage, shownIn == tabID else { continue }
            instance.embeddedOptionsPage = nil
            closeFramelessPage(context, of: instance)
        }
    }

    /// A page of the browser itself that a tab may show, as the page loader serves it: the
    /// extensions page that embeds an options page, with its title.
    func browserPage(_ url: WebURL) -> PageResource? {
        let title: String
        switch (options.flavor, url.scheme, url.host ?? "", url.path) {
        case (.chrome, "chrome", "extensions", _):
            // ("Extensions", and the extension's name while its options dialog shows.)
            let shown = url.query.flatMap { query in
                extensions.first { "options=\($0.id.runtimeID)" == query }
            }
            title = shown.map { "Extensions - \($0.manifest.name)" } ?? "Extensions"
        case (.firefox, "about", _, "addons"):
            title = "Add-ons Manager"
        default:
            return nil
        }
        let escaped = title.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        return PageResource(contents: Data("<!DOCTYPE html><title>\(escaped)</title>".utf8), mimeType: "text/html", file: nil)
    }

    /// Whether two URLs name the same document (they differ at most in their fragments).
    private static func sameDocument(_ a: String, _ b: String) -> Bool {
        guard let a = WebURL(string: a), let b = WebURL(string: b) else { return false }
        return a.hrefExcludingFragment == b.hrefExcludingFragment
    }
}
