import BrowserModel

/// A `tabs.Tab` object as each flavor's browser builds it, with its fields in the browser's order.
enum TabObject {
    /// The `Tab` that `instance` sees for `tab`: `url`, `pendingUrl`, `title` and `favIconUrl` only
    /// when it has the `tabs` permission or host permission for the tab's page, as in both browsers.
    static func make(_ tab: Tab, index: Int, for instance: ExtensionInstance, flavor: Flavor) -> JSONValue {
        make(tab, index: index, detailed: instance.canSeeDetails(of: tab), flavor: flavor)
    }

    /// The `Tab` for `tab`, with `url`, `pendingUrl`, `title` and `favIconUrl` when `detailed`.
    static func make(_ tab: Tab, index: Int, detailed: Bool, flavor: Flavor) -> JSONValue {
        switch flavor {
        case .chrome:
            // Chromium builds the object from a sorted dictionary: keys come out in alphabetical order.
            var fields: [(String, JSONValue)] = [
                ("active", .bool(tab.active)),
                ("audible", .bool(tab.audible)),
                ("autoDiscardable", .bool(tab.autoDiscardable)),
                ("discarded", .bool(tab.discarded)),
                ("frozen", .bool(tab.frozen)),
                ("groupId", .int(tab.groupID)),
                ("height", .int(tab.height)),
                ("highlighted", .bool(tab.highlighted)),
                ("id", .int(tab.id)),
                ("incognito", .bool(tab.incognito)),
                ("index", .int(index)),
                ("lastAccessed", .number(tab.lastAccessed)),
                ("mutedInfo", .object([("muted", .bool(tab.muted))])),
                ("pinned", .bool(tab.pinned)),
                ("selected", .bool(tab.highlighted)),
                ("splitViewId", .int(-1)),
                ("status", .string(tab.status.rawValue)),
                ("width", .int(tab.width)),
                ("windowId", .int(tab.windowID)),
            ]
            if let opener = tab.openerTabID { fields.append(("openerTabId", .int(opener))) }
            if detailed {
                fields.append(("title", .string(tab.title)))
                fields.append(("url", .string(tab.url)))
                if let pending = tab.pendingURL { fields.append(("pendingUrl", .string(pending))) }
            }
            return .object(fields.sorted { $0.0 < $1.0 })
        case .firefox:
            // Firefox's TabBase.convert(): a fixed order, then the permission-gated fields.
            var fields: [(String, JSONValue)] = [
                ("id", .int(tab.id)),
                ("index", .int(index)),
                ("windowId", .int(tab.windowID)),
                ("highlighted", .bool(tab.highlighted)),
                ("active", .bool(tab.active)),
                ("attention", .bool(false)),
                ("pinned", .bool(tab.pinned)),
                ("status", .string(tab.status.rawValue)),
                ("hidden", .bool(tab.hidden)),
                ("discarded", .bool(tab.discarded)),
                ("incognito", .bool(tab.incognito)),
                ("width", .int(tab.width)),
                ("height", .int(tab.height)),
                ("lastAccessed", .number(tab.lastAccessed.rounded(.down))),
                ("audible", .bool(tab.audible)),
                ("autoDiscardable", .bool(tab.autoDiscardable)),
                ("mutedInfo", .object([("muted", .bool(tab.muted))])),
                ("isArticle", .bool(false)),
                ("isInReaderMode", .bool(false)),
                ("sharingState", .object([("camera", .bool(false)), ("microphone", .bool(false)), ("screen", .undefined)])),
                ("successorTabId", .int(-1)),
                ("groupId", .int(tab.groupID)),
                ("splitViewId", .int(-1)),
                ("cookieStoreId", .string(tab.cookieStoreID)),
            ]
            if detailed {
                fields.append(("url", .string(tab.url)))
                fields.append(("title", .string(tab.title)))
            }
            if let opener = tab.openerTabID { fields.append(("openerTabId", .int(opener))) }
            return .object(fields)
        }
    }
}
