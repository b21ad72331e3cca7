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
        api.define("tabs.highlight", contexts: [.background, .page, .driver]) { host, request in
            let info = request.argument(0) ?? .object([])
            let chrome = host.options.flavor == .chrome
            let given = info["windowId"]?.intValue
            let asked = given == -2 ? nil : given
            guard let windowID = asked ?? host.currentWindowID(for: request.context), let window = host.browser.window(windowID) else {
                return request.fail(host.texts.noWindow(given ?? -1))
            }
            let indexes: [Int] = switch info["tabs"] {
            case .array(let items)?: items.compactMap(\.intValue)
            case let value?: value.intValue.map { [$0] } ?? []
            case nil: []
            }
            if let missing = indexes.first(where: { $0 < 0 || $0 >= window.tabStrip.count }) {
                return request.fail("No tab at index: \(missing)" + (chrome ? "." : ""))
            }
            guard !indexes.isEmpty else { return request.fail(chrome ? "No highlighted tab" : "No highlighted tab.") }
            host.highlight(indexes: indexes, inWindow: windowID)
            guard let shown = host.browser.window(windowID) else { return request.respond() }
            request.respond(WindowObject.make(shown, host: host, for: request.instance, populate: true))
        }
        api.define("tabs.getZoom", contexts: [.background, .page, .driver]) { host, request in
            guard let tabID = zoomTab(request, host: host) else { return }
            request.respond(.number(host.zoomFactor(ofTab: tabID)))
        }
        api.define("tabs.getZoomSettings", contexts: [.background, .page, .driver]) { host, request in
            guard let tabID = zoomTab(request, host: host) else { return }
            request.respond(host.zoomSettingsObject(ofTab: tabID, full: true))
        }
        api.define("tabs.setZoom", contexts: [.background, .page, .driver]) { host, request in
            guard let tabID = zoomTab(request, host: host) else { return }
            let factor = request.argument(1)?.doubleValue ?? 0
            switch host.options.flavor {
            case .chrome:
                if host.browser.zoom.settings(ofTab: tabID).mode == "disabled" { return request.fail("Cannot zoom a tab in disabled mode.") }
            case .firefox:
                // (ZoomManager's bounds.)
                if factor != 0, factor < 0.2 || factor > 5 {
                    return request.fail("Zoom value \(JSONValue.number(factor).jsonText) out of range (must be between 0.2 and 5)")
                }
            }
            host.changeZoom(ofTab: tabID, to: factor)
            request.respond()
        }
        api.define("tabs.setZoomSettings", contexts: [.background, .page, .driver]) { host, request in
            guard let tabID = zoomTab(request, host: host) else { return }
            let given = request.argument(1) ?? .object([])
            switch host.options.flavor {
            case .chrome:
                let mode = given["mode"]?.stringValue ?? "automatic"
                let scope = given["scope"]?.stringValue ?? (mode == "automatic" ? "per-origin" : "per-tab")
                if scope == "per-origin", mode != "automatic" { return request.fail(#"Can only set scope to "per-origin" in "automatic" mode."#) }
                host.changeZoom(ofTab: tabID, to: nil, settings: PageZoom.Settings(mode: mode, scope: scope))
            case .firefox:
                // (ext-tabs.js takes only the settings the tab has, each named.)
                let current: [(String, JSONValue)] = [("defaultZoomFactor", .int(1)), ("mode", .string("automatic")), ("scope", .string("per-origin"))]
                let asked = current.map { key, _ in (key, given[key] ?? .null) }
                let same = zip(asked, current).allSatisfy { pair -> Bool in
                    let (given, expected) = (pair.0.1, pair.1.1)
                    return given == expected || (given.doubleValue != nil && given.doubleValue == expected.doubleValue)
                }
                guard same else {
                    return request.fail("Unsupported zoom settings: \(JSONValue.object(asked).jsonText)")
                }
            }
            request.respond()
        }
        api.define("tabs.discard", contexts: [.background, .page, .driver]) { host, request in
            switch host.options.flavor {
            case .chrome:
                // (With no tab named, the least recently used one not active.)
                let given = request.argument(0)?.intValue
                let tabID = given ?? host.browser.orderedTabs.filter { !$0.active && !$0.discarded }.min { $0.lastAccessed < $1.lastAccessed }?.id
                guard let tabID else { return request.fail("Cannot find a tab to discard.") }
                guard host.browser.tab(tabID) != nil else { return request.fail(host.texts.noTab(tabID)) }
                if host.browser.tab(tabID)?.discarded == true { return request.fail("Cannot discard tab with id: \(tabID).") }
                guard let discarded = host.discardTab(tabID), let tab = host.browser.tab(discarded) else {
                    return request.fail("Cannot discard tab with id: \(tabID).")
                }
                request.respond(host.tabObject(tab, for: request.instance))
            case .firefox:
                let ids = tabIDs(request.argument(0))
                if let missing = ids.first(where: { host.browser.tab($0) == nil }) { return request.fail(host.texts.noTab(missing)) }
                // (Firefox keeps an active tab, or one discarded already, as it is.)
                for id in ids where host.browser.tab(id)?.active == false && host.browser.tab(id)?.discarded == false { host.discardTab(id) }
                request.respond()
            }
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

    /// The tab the zoom functions name (their first argument; the current window's active tab when
    /// none), or nil once the request failed.
    private static func zoomTab(_ request: APIRequest, host: ExtensionHost) -> Int? {
        let given = request.argument(0)?.intValue
        guard let tabID = given ?? host.currentWindowID(for: request.context).flatMap({ host.browser.activeTab(in: $0)?.id }),
              host.browser.tab(tabID) != nil else {
            request.fail(host.texts.noTab(given ?? -1))
            return nil
        }
        return tabID
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
