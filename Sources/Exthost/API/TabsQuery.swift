import BrowserModel

/// `tabs.query(queryInfo)`: every tab that matches all the given properties, in window order
/// and then by index, as each browser filters them.
enum TabsQuery {
    static func register(in api: ExtensionAPI) {
        let host = api.host
        api.define("tabs.query", contexts: [.background, .driver]) { request in
            let query = request.argument(0) ?? .object([])
            let flavor = host.options.flavor
            var urlPatterns: [MatchPattern]?
            switch query["url"] {
            case .string(let pattern)?:
                urlPatterns = [pattern]
                    .compactMap { try? MatchPattern($0, flavor: flavor, scope: .anyScheme) }
                if urlPatterns?.isEmpty == true { return request.fail(api.texts.invalidURLPattern(pattern)) }
            case .array(let items)? where items.isEmpty && flavor == .chrome:
                break  // Chromium ignores an empty list; Firefox matches nothing.
            case .array(let items)?:
                var patterns: [MatchPattern] = []
                for item in items.compactMap(\.stringValue) {
                    guard let pattern = try? MatchPattern(item, flavor: flavor, scope: .anyScheme) else {
                        return request.fail(api.texts.invalidURLPattern(item))
                    }
                    patterns.append(pattern)
                }
                urlPatterns = patterns
            default:
                break
            }
            let titleGlob = query["title"]?.stringValue.map { Glob($0, flavor: flavor) }
            let currentWindowID = host.currentWindowID(for: request.context)
            var windowID = query["windowId"]?.intValue
            if windowID == -2 { windowID = currentWindowID }
            let owner = request.context.owner
            var matches: [JSONValue] = []
            for tab in host.browser.orderedTabs {
                guard let window = host.browser.window(tab.windowID) else { continue }
                let index = host.browser.index(of: tab.id) ?? 0
                func flag(_ key: String, _ value: Bool) -> Bool { query[key]?.boolValue.map { $0 == value } ?? true }
                guard flag("active", tab.active), flag("audible", tab.audible), flag("autoDiscardable", tab.autoDiscardable),
                    flag("discarded", tab.discarded), flag("frozen", tab.frozen), flag("highlighted", tab.highlighted),
                    flag("muted", tab.muted), flag("pinned", tab.pinned), flag("hidden", tab.hidden),
                    flag("attention", false), flag("isArticle", false), flag("camera", false), flag("microphone", false),
                    flag("currentWindow", tab.windowID == currentWindowID),
                    flag("lastFocusedWindow", tab.windowID == host.browser.lastFocusedWindowID)
                else { continue }
                if let windowID, tab.windowID != windowID { continue }
                if let wanted = query["index"]?.intValue, wanted != index { continue }
                if let status = query["status"]?.stringValue, status != tab.status.rawValue { continue }
                if let groupID = query["groupId"]?.intValue, groupID != tab.groupID { continue }
                if let splitViewID = query["splitViewId"]?.intValue, splitViewID != -1 { continue }
                if let type = query["windowType"]?.stringValue, type != window.kind.rawValue { continue }
                if let opener = query["openerTabId"]?.intValue, opener != (tab.openerTabID ?? -1) { continue }
                switch query["cookieStoreId"] {
                case .string(let store)?: if store != tab.cookieStoreID { continue }
                case .array(let stores)?: if !stores.contains(.string(tab.cookieStoreID)) { continue }
                default: break
                }
                if let screen = query["screen"], screen != .bool(false) { continue }
                // url and title only match tabs whose details the extension may see.
                if urlPatterns != nil || titleGlob != nil, !owner.canSeeDetails(of: tab) { continue }
                if let urlPatterns, !urlPatterns.contains(where: { $0.matches(tab.url) }) { continue }
                if let titleGlob, !titleGlob.matches(tab.title) { continue }
                matches.append(host.tabObject(tab, for: owner))
            }
            request.respond(.array(matches))
        }
    }
}
