import BrowserModel

/// `tabs.query(queryInfo)`: every tab that matches all the given properties, in window order
/// and then by index, as each browser filters them.
enum TabsQuery {
    static func register(in api: ExtensionAPI) {
        api.define("tabs.query", contexts: [.background, .page, .driver]) { host, request in
            let query = request.argument(0) ?? .object([])
            let flavor = host.options.flavor
            var urlPatterns: [MatchPattern]?
            switch query["url"] {
            case .string(let pattern)?:
                urlPatterns = [pattern]
                    .compactMap { try? MatchPattern($0, flavor: flavor, scope: .anyScheme) }
                if urlPatterns?.isEmpty == true { return request.fail(host.texts.invalidURLPattern(pattern)) }
            case .array(let items)? where items.isEmpty && flavor == .chrome:
                break  // Chromium ignores an empty list; Firefox matches nothing.
            case .array(let items)?:
                var patterns: [MatchPattern] = []
                for item in items.compactMap(\.stringValue) {
                    guard let pattern = try? MatchPattern(item, flavor: flavor, scope: .anyScheme) else {
                        return request.fail(host.texts.invalidURLPattern(item))
                    }
                    patterns.append(pattern)
                }
                urlPatterns = patterns
            default:
                break
            }
            let titleGlob = query["title"]?.stringValue.map { Glob($0, flavor: flavor) }
            let browser = host.browser
            let currentWindowID = host.currentWindowID(for: request.context)
            var windowID = query["windowId"]?.intValue
            if windowID == -2 { windowID = currentWindowID }
            let owner = request.instance
            func wanted(_ key: String) -> Bool? { query[key]?.boolValue }
            // Properties no tab has: asking for them matches nothing.
            if wanted("attention") == true || wanted("isArticle") == true || wanted("camera") == true || wanted("microphone") == true {
                return request.respond(.array([]))
            }
            if let splitViewID = query["splitViewId"]?.intValue, splitViewID != -1 { return request.respond(.array([])) }
            if let screen = query["screen"], screen != .bool(false) { return request.respond(.array([])) }
            // The tab flags asked for, read once rather than per tab.
            let flags: [(KeyPath<Tab, Bool>, Bool)] = [
                ("active", \Tab.active), ("audible", \Tab.audible), ("autoDiscardable", \Tab.autoDiscardable),
                ("discarded", \Tab.discarded), ("frozen", \Tab.frozen), ("highlighted", \Tab.highlighted),
                ("muted", \Tab.muted), ("pinned", \Tab.pinned), ("hidden", \Tab.hidden),
            ].compactMap { key, path in wanted(key).map { (path, $0) } }
            let wantedIndex = query["index"]?.intValue
            let wantedStatus = query["status"]?.stringValue
            let wantedGroup = query["groupId"]?.intValue
            let wantedOpener = query["openerTabId"]?.intValue
            let wantedStores: [String]?
            switch query["cookieStoreId"] {
            case .string(let store)?: wantedStores = [store]
            case .array(let stores)?: wantedStores = stores.compactMap(\.stringValue)
            default: wantedStores = nil
            }
            let wantedType = query["windowType"]?.stringValue
            let wantsCurrent = wanted("currentWindow"), wantsLastFocused = wanted("lastFocusedWindow")
            var matches: [JSONValue] = []
            for window in browser.windows {
                // Window properties first: a window that fails them has no matching tab.
                if let windowID, window.id != windowID { continue }
                if let wantsCurrent, (window.id == currentWindowID) != wantsCurrent { continue }
                if let wantsLastFocused, (window.id == browser.lastFocusedWindowID) != wantsLastFocused { continue }
                if let wantedType, wantedType != window.kind.rawValue { continue }
                func matching(_ tab: Tab, index: @autoclosure () -> Int) -> Bool {
                    for (path, value) in flags where tab[keyPath: path] != value { return false }
                    if let wantedIndex, wantedIndex != index() { return false }
                    if let wantedStatus, wantedStatus != tab.status.rawValue { return false }
                    if let wantedGroup, wantedGroup != tab.groupID { return false }
                    if let wantedOpener, wantedOpener != (tab.openerTabID ?? -1) { return false }
                    if let wantedStores, !wantedStores.contains(tab.cookieStoreID) { return false }
                    // url and title only match tabs whose details the extension may see.
                    if urlPatterns != nil || titleGlob != nil, !owner.canSeeDetails(of: tab) { return false }
                    if let urlPatterns, !urlPatterns.contains(where: { $0.matches(tab.matchableURL) }) { return false }
                    if let titleGlob, !titleGlob.matches(tab.title) { return false }
                    return true
                }
                // The window's active tab and the tab at an index are known without a walk over the window.
                var single: Int??
                if wanted("active") == true {
                    single = .some(window.activeTabID)
                } else if let wantedIndex {
                    single = .some(window.tabStrip.id(at: wantedIndex))
                }
                if let single {
                    guard let id = single, let tab = browser.tab(id), let index = window.tabStrip.index(of: id),
                        matching(tab, index: index)
                    else { continue }
                    matches.append(host.tabObject(tab, index: index, for: owner))
                    continue
                }
                for (index, id) in window.tabStrip.enumerated() {
                    guard let tab = browser.tab(id), matching(tab, index: index) else { continue }
                    matches.append(host.tabObject(tab, index: index, for: owner))
                }
            }
            request.respond(.array(matches))
        }
    }
}
