import BrowserModel
import JSEngine

/// An extension's views, the windows of its pages that share its process in a browser:
/// `extension.getViews()`, `extension.getBackgroundPage()` and `runtime.getBackgroundPage()` give
/// their real globals (the page's `window`, its functions and its document), and
/// `runtime.openOptionsPage()` opens one.
enum ViewsAPI {
    static func register(in api: ExtensionAPI) {
        api.define("runtime.openOptionsPage", contexts: [.background, .page, .driver]) { host, request in
            if let error = host.openOptionsPage(of: request.instance) { request.fail(error) } else { request.respond() }
        }
        api.defineSync("extension.backgroundPage", contexts: [.background, .page]) { _, _, context in
            guard let owner = context.owner, let page = backgroundPage(of: owner) else { return .success(.null) }
            return .success(.value(page.script.global))
        }
        api.defineSync("extension.views", contexts: [.background, .page]) { host, arguments, context in
            guard let owner = context.owner, let list = context.script.parseJSON("[]") else { return .success(.null) }
            let filter = arguments[0]
            let type = filter?["type"]?.stringValue
            let windowID = filter?["windowId"]?.intValue
            let tabID = filter?["tabId"]?.intValue
            var index = 0
            for view in views(of: owner, host: host) where !view.context.isClosed {
                if let type, view.type != type { continue }
                if let windowID, view.windowID != windowID { continue }
                if let tabID, view.tabID != tabID { continue }
                try? list.setProperty(String(index), view.context.script.global)
                index += 1
            }
            return .success(.value(list))
        }
    }

    /// The extension's background page: its background when that is a page (not a service worker).
    static func backgroundPage(of instance: ExtensionInstance) -> ExtensionContext? {
        guard let background = instance.background, !background.isClosed, !background.isServiceWorker else { return nil }
        return background
    }

    /// One of an extension's views.
    struct View {
        let context: ExtensionContext
        /// Its type as `getViews({type})` matches it ("background", "tab", "popup"; nil for
        /// Chromium's options dialog, a guest view that only an unfiltered call lists).
        let type: String?
        /// The window it is shown in (-1 for the background page).
        let windowID: Int
        /// The tab it is shown in, if any.
        let tabID: Int?
    }

    /// The extension's views in the order they opened: its background page, then the top-level
    /// pages of its own in tabs, its popup and its options page. (Extension frames inside web
    /// pages live in the web page's process in the browsers, and are none of its views.)
    static func views(of instance: ExtensionInstance, host: ExtensionHost) -> [View] {
        var views: [View] = []
        if let background = backgroundPage(of: instance) {
            views.append(View(context: background, type: "background", windowID: -1, tabID: nil))
        }
        let focusedWindow = host.browser.lastFocusedWindowID ?? -1
        for page in instance.pageContexts {
            if page === instance.popup {
                views.append(View(context: page, type: "popup", windowID: focusedWindow, tabID: nil))
            } else if let embedded = instance.embeddedOptionsPage, embedded.context === page {
                let tab = host.browser.tab(embedded.tabID)
                views.append(View(context: page, type: host.options.flavor == .firefox ? "tab" : nil,
                                  windowID: tab?.windowID ?? focusedWindow, tabID: page.senderTabID))
            } else if let tabID = page.tabID, let tab = host.browser.tab(tabID), tab.frame(page.frameID ?? 0)?.isTop == true {
                views.append(View(context: page, type: "tab", windowID: tab.windowID, tabID: tabID))
            }
        }
        return views
    }
}
