import BrowserModel
import JSEngine

/// `contextMenus` (and Firefox's `menus`) on the Swift side: js/59_menus.js checks the arguments
/// against each browser's schema and hands over the properties; here the extension's items
/// (``ExtensionInstance/menuItems``) are kept with each browser's rules and errors (recorded:
/// fixtures/conformance/contextmenus-basics). A person's right click and choice are
/// ``ExtensionHost/openContextMenu(tabID:frameID:selector:)`` and ``ExtensionHost/chooseMenuItem(_:)``
/// (Sources/Exthost/DOM/ExtensionHost+ContextMenu.swift).
///
/// - `contextMenus.create [properties, generatedID?]`: `properties` as the schema left them, with
///   `onclick` replaced by `hasOnclick: true`; `generatedID` the number the calling context made for
///   an item without an id (only a persistent background may).
/// - `contextMenus.update [id, properties]`, `contextMenus.remove [id]`, `contextMenus.removeAll []`.
enum ContextMenusAPI {
    static func register(in api: ExtensionAPI) {
        let contexts: Set<ContextKind> = [.background, .page, .driver]
        // (A change answered with nothing, or its error; what it changed is kept in the profile.)
        for (method, change) in [("contextMenus.create", create), ("contextMenus.update", update)] as [(String, (ExtensionHost, APIRequest) throws(APIError) -> Void)] {
            api.define(method, contexts: contexts) { host, request in
                do throws(APIError) {
                    try change(host, request)
                    host.keepMenuItems(of: request.instance)
                    request.respond()
                } catch {
                    request.fail(error.message)
                }
            }
        }
        api.define("contextMenus.remove", contexts: contexts) { host, request in
            guard let id = request.argument(0).flatMap(menuItemID), request.instance.menuItems.item(id) != nil else {
                request.fail("Cannot find menu item with id \(request.argument(0).map(idText) ?? "")")
                return
            }
            request.instance.menuItems.remove(id)
            host.keepMenuItems(of: request.instance)
            request.respond()
        }
        api.define("contextMenus.removeAll", contexts: contexts) { host, request in
            request.instance.clearMenuItems()
            host.keepMenuItems(of: request.instance)
            request.respond()
        }
        // (The number an item created without an id gets: Chromium's count of the extension's
        // renderer, shared by its contexts; Firefox's of its extension process, shared by every
        // extension. A browser restart starts both again.)
        api.defineSync("contextMenus.nextGeneratedID", contexts: contexts) { host, _, context in
            guard let instance = context.owner else { return .success(.undefined) }
            if host.options.flavor == .firefox {
                host.nextFirefoxGeneratedMenuItemID += 1
                return .success(.number(Double(host.nextFirefoxGeneratedMenuItemID)))
            }
            instance.nextGeneratedMenuItemID += 1
            return .success(.number(Double(instance.nextGeneratedMenuItemID)))
        }
        // (Firefox's `menus.refresh()`: the menu open now shows the items as they are now.)
        api.define("contextMenus.refresh", contexts: contexts) { host, request in
            host.refreshContextMenu()
            request.respond()
        }
    }

    /// An id as the JSON of a call gives it.
    static func menuItemID(_ value: JSONValue) -> MenuItem.ID? {
        if let text = value.stringValue { return .string(text) }
        if let number = value.doubleValue, let integer = Int(exactly: number) { return .number(integer) }
        return nil
    }

    /// Whether the extension's background stops when idle, in the browsers' sense ("event pages or
    /// Service Workers": Chromium's `BackgroundInfo::HasLazyContext`, Firefox's non-persistent
    /// background): such an extension must give each item an id and no `onclick`.
    static func hasLazyBackground(_ instance: ExtensionInstance) -> Bool {
        instance.manifest.background != nil && !instance.manifest.isPersistentBackground
    }

    private static func create(_ host: ExtensionHost, _ request: APIRequest) throws(APIError) {
        let flavor = host.options.flavor
        let properties = request.argument(0) ?? .object([])
        let lazy = hasLazyBackground(request.instance)
        let id: MenuItem.ID
        if let given = properties["id"]?.stringValue {
            id = .string(given)
        } else if flavor == .chrome, lazy {
            throw APIError(message: "Extensions using event pages or Service Workers must pass an id parameter to chrome.contextMenus.create")
        } else if let generated = request.argument(1).flatMap(menuItemID) {
            id = generated
        } else {
            throw APIError(message: "menus.create requires an id for non-persistent background scripts.")
        }
        // (Chromium counts the top-level items against its limit, `kMaxItemsPerExtension`.)
        if flavor == .chrome, request.instance.menuItems.topLevelCount >= 1000 {
            throw APIError(message: "An extension can create a maximum of 1000 menu items.")
        }
        if request.instance.menuItems.item(id) != nil {
            throw APIError(message: flavor == .chrome ? "Cannot create item with duplicate id \(id)"
                : lazy ? "The menu id \(id) already exists in menus.create." : "ID already exists: \(id)")
        }
        let hasOnclick = properties["hasOnclick"]?.boolValue ?? false
        if flavor == .chrome, lazy, hasOnclick {
            throw APIError(message: "Extensions using event pages or Service Workers cannot pass an onclick parameter to chrome.contextMenus.create. Instead, use the chrome.contextMenus.onClicked event.")
        }
        let kind = properties["type"]?.stringValue.flatMap(MenuItem.Kind.init(rawValue:)) ?? .normal
        let title = properties["title"]?.stringValue
        if flavor == .chrome, title == nil, kind != .separator {
            throw APIError(message: "All menu items except for separators must have a title")
        }
        // (Chromium's default is ["page"]; Firefox's ["all"] (its schema says "page"), and an item
        // in another takes that one's contexts.)
        let given = properties["contexts"]?.arrayValue?.compactMap(\.stringValue)
        let parentContexts = properties["parentId"].flatMap(menuItemID).flatMap { request.instance.menuItems.item($0)?.contexts }
        let contexts = given ?? (flavor == .chrome ? ["page"] : parentContexts ?? ["all"])
        var item = MenuItem(id: id, title: kind == .separator && flavor == .chrome ? nil : title, kind: kind,
                            checked: properties["checked"]?.boolValue ?? false, contexts: contexts,
                            visible: properties["visible"]?.boolValue ?? true, enabled: properties["enabled"]?.boolValue ?? true,
                            hasOnclick: hasOnclick)
        if flavor == .chrome, contexts.contains("launcher") {
            throw APIError(message: "Only packaged apps are allowed to use 'launcher' context")
        }
        item.documentURLPatterns = try patterns(properties["documentUrlPatterns"], flavor: flavor)
        item.targetURLPatterns = try patterns(properties["targetUrlPatterns"], flavor: flavor)
        if let parent = properties["parentId"], parent != .null {
            guard let parentID = menuItemID(parent), let parentItem = request.instance.menuItems.item(parentID) else {
                throw APIError(message: "Cannot find menu item with id \(idText(parent))")
            }
            if flavor == .chrome, parentItem.kind != .normal {
                throw APIError(message: "Parent items must have type \"normal\"")
            }
            item.parentID = parentID
        }
        if request.instance.menuRootID == nil {
            request.instance.menuRootID = host.nextMenuRootID
            host.nextMenuRootID += 1
        }
        request.instance.menuItems.add(item)
    }

    /// `update`, step by step in Chromium's order (`UpdateMenuItem`): what a step set stays set
    /// when a later one fails (Chromium keeps it in memory; Firefox's setters run in its schema's
    /// order with the same effect).
    private static func update(_ host: ExtensionHost, _ request: APIRequest) throws(APIError) {
        let flavor = host.options.flavor
        let list = request.instance.menuItems
        guard let id = request.argument(0).flatMap(menuItemID), var item = list.item(id) else {
            throw APIError(message: "Cannot find menu item with id \(request.argument(0).map(idText) ?? "")")
        }
        let properties = request.argument(1) ?? .object([])
        var checked: Bool?
        func fail(_ message: String) -> APIError {
            request.instance.menuItems.replace(item)
            if let checked { request.instance.menuItems.check(id, checked) }
            return APIError(message: message)
        }
        if let kind = properties["type"]?.stringValue.flatMap(MenuItem.Kind.init(rawValue:)) { item.kind = kind }
        if let title = properties["title"]?.stringValue {
            if flavor == .chrome, title.isEmpty, item.kind != .separator { throw fail("All menu items except for separators must have a title") }
            item.title = title
        }
        if let value = properties["checked"]?.boolValue {
            if flavor == .chrome, value, item.kind != .checkbox, item.kind != .radio { throw fail("Only items with type \"radio\" or \"checkbox\" can be checked") }
            checked = value
        }
        if let visible = properties["visible"]?.boolValue { item.visible = visible }
        if let enabled = properties["enabled"]?.boolValue { item.enabled = enabled }
        if let hasOnclick = properties["hasOnclick"]?.boolValue { item.hasOnclick = hasOnclick }
        if let contexts = properties["contexts"]?.arrayValue?.compactMap(\.stringValue) {
            if flavor == .chrome, contexts.contains("launcher") { throw fail("Only packaged apps are allowed to use 'launcher' context") }
            item.contexts = contexts
        }
        if let parent = properties["parentId"], parent != .null {
            guard let parentID = menuItemID(parent), let parentItem = list.item(parentID) else {
                throw fail("Cannot find menu item with id \(idText(parent))")
            }
            if flavor == .chrome, parentItem.kind != .normal { throw fail("Parent items must have type \"normal\"") }
            // (Chromium's MenuManager::ChangeParent refuses a cycle without saying why.)
            if list.isAncestor(id, of: parentID) {
                throw fail(flavor == .chrome ? "Unknown error." : "MenuItem cannot be an ancestor (or self) of its new parent.")
            }
            item.parentID = parentID
            // (Firefox's new parent gives its contexts to an item given none, once the parent held.)
            if flavor == .firefox, properties["contexts"] == nil { item.contexts = parentItem.contexts }
        }
        do {
            if properties["documentUrlPatterns"] != nil { item.documentURLPatterns = try patterns(properties["documentUrlPatterns"], flavor: flavor) }
            if properties["targetUrlPatterns"] != nil { item.targetURLPatterns = try patterns(properties["targetUrlPatterns"], flavor: flavor) }
        } catch {
            throw fail(error.message)
        }
        request.instance.menuItems.replace(item)
        if let checked { request.instance.menuItems.check(id, checked) }
    }

    /// An id as the browsers write it in an error: a string as it is, a number as an integer.
    static func idText(_ value: JSONValue) -> String {
        if let id = menuItemID(value) { return id.description }
        if let number = value.doubleValue { return String(format: "%.0f", number) }
        return value.jsonText
    }

    /// The patterns of `value` (a list of strings), parsed as the browser parses a menu item's
    /// patterns (any scheme); nil for none given.
    private static func patterns(_ value: JSONValue?, flavor: Flavor) throws(APIError) -> [MatchPattern]? {
        guard let list = value?.arrayValue else { return nil }
        var result: [MatchPattern] = []
        for text in list.compactMap(\.stringValue) {
            guard let pattern = try? MatchPattern(text, flavor: flavor, scope: .anyScheme) else {
                throw APIError(message: flavor == .chrome ? "Invalid url pattern '\(text)'" : "Invalid url pattern: \(text)")
            }
            result.append(pattern)
        }
        return result
    }
}

extension ContextMenusAPI {
    /// The items of `list` as JSON, parents before children, as a browser keeps them for a
    /// background that stops when idle (Chromium's state store, Firefox's menus store).
    static func json(_ list: MenuItemList) -> JSONValue {
        func patterns(_ list: [MatchPattern]?) -> JSONValue { list.map { .array($0.map { .string($0.pattern) }) } ?? .null }
        return .array(list.items.map { item in
            .object([
                ("id", item.id.json), ("parentId", item.parentID.map(\.json) ?? .null), ("title", item.title.map(JSONValue.string) ?? .null),
                ("type", .string(item.kind.rawValue)), ("checked", .bool(item.checked)), ("contexts", .array(item.contexts.map { .string($0) })),
                ("documentUrlPatterns", patterns(item.documentURLPatterns)), ("targetUrlPatterns", patterns(item.targetURLPatterns)),
                ("visible", .bool(item.visible)), ("enabled", .bool(item.enabled)),
            ])
        })
    }

    /// The items `json` (from ``json(_:)``) describes; an entry that no longer makes an item (a
    /// pattern this browser refuses, a missing parent) is left out, as the browsers skip it.
    static func list(from json: JSONValue, flavor: Flavor) -> MenuItemList {
        var list = MenuItemList(keepsOneRadioChecked: flavor == .chrome)
        for entry in json.arrayValue ?? [] {
            guard let id = entry["id"].flatMap(menuItemID), list.item(id) == nil,
                  let kind = entry["type"]?.stringValue.flatMap(MenuItem.Kind.init(rawValue:)) else { continue }
            let parent = entry["parentId"].flatMap(menuItemID)
            if let parent, list.item(parent) == nil { continue }
            func patterns(_ key: String) -> [MatchPattern]?? {
                guard let texts = entry[key]?.arrayValue else { return .some(nil) }
                let parsed = texts.compactMap { $0.stringValue.flatMap { try? MatchPattern($0, flavor: flavor, scope: .anyScheme) } }
                return parsed.count == texts.count ? .some(parsed) : nil
            }
            guard let documentPatterns = patterns("documentUrlPatterns"), let targetPatterns = patterns("targetUrlPatterns") else { continue }
            list.add(MenuItem(id: id, parentID: parent, title: entry["title"]?.stringValue, kind: kind, checked: entry["checked"]?.boolValue ?? false,
                              contexts: entry["contexts"]?.arrayValue?.compactMap(\.stringValue) ?? ["page"],
                              documentURLPatterns: documentPatterns, targetURLPatterns: targetPatterns,
                              visible: entry["visible"]?.boolValue ?? true, enabled: entry["enabled"]?.boolValue ?? true))
        }
        return list
    }
}

extension ExtensionHost {
    /// Keeps `instance`'s menu items in the run's profile after a change, when its background
    /// stops when idle: both browsers keep such an extension's items for its next start (Chromium
    /// in its state store, `MenuManager::WriteToStorage`; Firefox in its menus store), where a
    /// persistent background makes them again each time.
    /// (The browsers write a while after a change, Chromium 1 s, Firefox 5 s: here once the task
    /// that changed them is over, so that making a thousand items writes once, not a thousand times.)
    func keepMenuItems(of instance: ExtensionInstance) {
        guard ContextMenusAPI.hasLazyBackground(instance), options.profile != nil, !instance.menuItemsWriteQueued else { return }
        instance.menuItemsWriteQueued = true
        loop.enqueue { [weak self, weak instance] in
            guard let self, let instance, let profile = options.profile else { return }
            instance.menuItemsWriteQueued = false
            guard extensions.contains(where: { $0 === instance }) || isDisabled(instance) else { return }
            profile.storeMenuItems(ContextMenusAPI.json(instance.menuItems).jsonText, version: instance.manifest.version, of: instance.id.runtimeID)
        }
    }

    /// Sets the items the profile kept for `instance`, installed already: Chromium reads them back
    /// at a browser start (an install or an update clears them, `StateStore::OnExtensionWillBeInstalled`);
    /// Firefox while its version is the one that made them.
    func restoreMenuItems(of instance: ExtensionInstance) {
        guard ContextMenusAPI.hasLazyBackground(instance), let profile = options.profile else { return }
        let id = instance.id.runtimeID
        guard let kept = profile.storedMenuItems(of: id) else { return }
        let startsAsInstalled = instance.lifecycleEvent?.name == "runtime.onStartup"
        guard options.flavor == .chrome ? startsAsInstalled : kept.version == instance.manifest.version,
              let json = JSONValue.parse(kept.items) else {
            profile.storeMenuItems(nil, version: instance.manifest.version, of: id)
            return
        }
        instance.menuItems = ContextMenusAPI.list(from: json, flavor: options.flavor)
    }

    /// What `replacement` (the same extension read again: an update, a reload) keeps of
    /// `instance`'s menu items: Chromium none (an install clears them); Firefox, with a
    /// background that stops when idle, all while the version is the same.
    func carryMenuItems(from instance: ExtensionInstance, to replacement: ExtensionInstance) {
        if options.flavor == .firefox, ContextMenusAPI.hasLazyBackground(replacement), instance.manifest.version == replacement.manifest.version {
            replacement.takeMenuItems(of: instance)
        } else {
            options.profile?.storeMenuItems(nil, version: replacement.manifest.version, of: replacement.id.runtimeID)
        }
    }
}

extension MenuItem.ID {
    /// The id as a script sees it: a string, or the number the browser generated.
    var json: JSONValue {
        switch self {
        case .string(let text): .string(text)
        case .number(let number): .int(number)
        }
    }
}
