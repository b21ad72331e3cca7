import BrowserModel

/// The `tabs` namespace: `get`, `getCurrent`, `create`, `update`, `move`, `remove`.
enum TabsAPI {
    static func register(in api: ExtensionAPI) {
        api.define("tabs.get", contexts: [.background, .page, .driver]) { host, request in
            let id = request.argument(0)?.intValue ?? -1
            guard let tab = host.browser.tab(id) else { return request.fail(host.texts.noTab(id)) }
            request.respond(host.tabObject(tab, for: request.instance))
        }
        // (A tab given, or the active tab of the focused window.)
        func target(_ host: ExtensionHost, _ request: APIRequest) -> Tab? {
            let id = request.argument(0)?.intValue ?? host.browser.focusedTab?.id ?? -1
            guard let tab = host.browser.tab(id) else {
                request.fail(host.texts.noTab(id))
                return nil
            }
            return tab
        }
        // Reloads the tab's page, its entry in the session history replaced; answered at once
        // (recorded: tabs-reload-duplicate-history).
        api.define("tabs.reload", contexts: [.background, .page, .driver]) { host, request in
            guard let tab = target(host, request) else { return }
            host.navigate(tabID: tab.id, to: tab.url, kind: .replacing, history: .replace, transition: .reload)
            request.respond()
        }
        // A new tab after it, active, opened by it, loading its page (a new history of its own).
        api.define("tabs.duplicate", contexts: [.background, .page, .driver]) { host, request in
            guard let tab = target(host, request) else { return }
            // (The copy's id first: `host.browser` read before it would be the browser without it.)
            let copyID = host.duplicateTab(tab)
            guard let copy = host.browser.tab(copyID) else { return request.fail(host.texts.noTab(tab.id)) }
            request.respond(host.tabObject(copy, for: request.instance))
        }
        // The entry before or after the one shown; Chromium fails at the end of the history,
        // Firefox does nothing there.
        for (method, delta) in [("tabs.goBack", -1), ("tabs.goForward", 1)] {
            api.define(method, contexts: [.background, .page, .driver]) { host, request in
                guard let tab = target(host, request) else { return }
                guard host.sessionHistories[tab.id]?.index(movedBy: delta) != nil else {
                    guard host.options.flavor == .chrome else { return request.respond() }
                    return request.fail(delta < 0 ? "Cannot find a previous page in history." : "Cannot find a next page in history.")
                }
                host.traverseHistory(inTab: tab.id, by: delta)
                host.crossProcess { request.respond() }
            }
        }
        // The tab of the calling extension page (Firefox's embedded options page: the add-ons
        // manager's); nothing for a background, a popup or Chromium's options dialog.
        api.define("tabs.getCurrent", contexts: [.background, .page, .driver]) { host, request in
            guard request.context.kind == .page, let id = request.context.senderTabID, let tab = host.browser.tab(id) else { return request.respond() }
            request.respond(host.tabObject(tab, for: request.instance))
        }
        api.define("tabs.create", contexts: [.background, .page, .driver]) { host, request in
            let properties = request.argument(0) ?? .object([])
            let windowID = properties["windowId"]?.intValue ?? host.currentWindowID(for: request.context)
            guard let windowID, host.browser.window(windowID) != nil else {
                return request.fail(host.texts.noWindow(properties["windowId"]?.intValue ?? -1))
            }
            let url = properties["url"]?.stringValue.map { host.resolveURL($0, from: request.context) }
            let active = properties["active"]?.boolValue ?? properties["selected"]?.boolValue ?? true
            let tabID = host.createTab(
                url: url ?? host.newTabURL, windowID: windowID, index: properties["index"]?.intValue,
                active: active, openerTabID: properties["openerTabId"]?.intValue)
            if let pinned = properties["pinned"]?.boolValue { host.browser.updateTab(tabID) { $0.pinned = pinned } }
            guard let tab = host.browser.tab(tabID) else { return request.fail(host.texts.noTab(tabID)) }
            request.respond(host.tabObject(tab, for: request.instance))
        }
        api.define("tabs.update", contexts: [.background, .page, .driver]) { host, request in
            let explicitID = request.argument(0)?.intValue
            guard let id = explicitID ?? host.currentWindowID(for: request.context).flatMap({ host.browser.activeTab(in: $0)?.id }),
                host.browser.tab(id) != nil
            else { return request.fail(host.texts.noTab(explicitID ?? -1)) }
            let properties = request.argument(1) ?? .object([])
            if let url = properties["url"]?.stringValue {
                host.navigate(tabID: id, to: host.resolveURL(url, from: request.context))
            }
            if properties["active"]?.boolValue == true || properties["selected"]?.boolValue == true {
                host.activate(tabID: id)
            } else if properties["highlighted"]?.boolValue == true {
                host.activate(tabID: id, keepingHighlights: true)
            }
            if let pinned = properties["pinned"]?.boolValue, let tab = host.browser.tab(id), tab.pinned != pinned {
                // Pinned tabs stay together at the start of their window.
                let boundary = host.browser.pinnedCount(in: tab.windowID)
                host.browser.updateTab(id) { $0.pinned = pinned }
                host.moveTab(id, to: pinned ? boundary : boundary - 1)
            }
            host.browser.updateTab(id) { tab in
                if let muted = properties["muted"]?.boolValue { tab.muted = muted }
                if let discardable = properties["autoDiscardable"]?.boolValue { tab.autoDiscardable = discardable }
                if let opener = properties["openerTabId"]?.intValue { tab.openerTabID = opener }
            }
            guard let tab = host.browser.tab(id) else { return request.fail(host.texts.noTab(id)) }
            request.respond(host.tabObject(tab, for: request.instance))
        }
        api.define("tabs.move", contexts: [.background, .page, .driver]) { host, request in
            let ids = tabIDs(request.argument(0))
            if let missing = ids.first(where: { host.browser.tab($0) == nil }) {
                return request.fail(host.texts.noTab(missing))
            }
            var index = request.argument(1)?["index"]?.intValue ?? -1
            // (Into another window: tabs.onDetached and onAttached; Chromium moves tabs between
            // normal windows only.)
            var target = request.argument(1)?["windowId"]?.intValue
            if target == -2 { target = host.currentWindowID(for: request.context) }
            if let target {
                guard let window = host.browser.window(target) else { return request.fail(host.texts.noWindow(target)) }
                if host.options.flavor == .chrome, window.kind != .normal || ids.contains(where: { host.browser.window(host.browser.tab($0)?.windowID ?? -1)?.kind != .normal }) {
                    return request.fail("Tabs can only be moved to and from normal windows.")
                }
            }
            for id in ids {
                if let target, host.browser.tab(id)?.windowID != target {
                    host.moveTab(id, toWindow: target, at: index)
                } else {
                    host.moveTab(id, to: index)
                }
                if index >= 0 { index += 1 }
            }
            let moved = ids.compactMap { host.browser.tab($0) }.map { host.tabObject($0, for: request.instance) }
            if case .array? = request.argument(0) { request.respond(.array(moved)) } else { request.respond(moved.first) }
        }
        api.define("tabs.remove", contexts: [.background, .page, .driver]) { host, request in
            let ids = tabIDs(request.argument(0))
            if let missing = ids.first(where: { host.browser.tab($0) == nil }) {
                return request.fail(host.texts.noTab(missing))
            }
            switch host.options.flavor {
            case .chrome:
                for id in ids { host.removeTab(id) }
                request.respond()
            case .firefox:
                // Firefox closes the tab from its parent process a hop later: a message or a
                // connection sent to the tab just before still reaches its old document (as
                // recorded: fixtures/conformance/msg-inflight-tab-removed); Chromium's is gone first.
                host.crossProcess {
                    for id in ids where host.browser.tab(id) != nil { host.removeTab(id) }
                    request.respond()
                }
            }
        }
    }

    /// The tab ids a `tabIds` argument names: one id or a list of them.
    private static func tabIDs(_ argument: JSONValue?) -> [Int] {
        switch argument {
        case .array(let items)?: return items.compactMap(\.intValue)
        case let value?: return value.intValue.map { [$0] } ?? []
        case nil: return []
        }
    }
}
