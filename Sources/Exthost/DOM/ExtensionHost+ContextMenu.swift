import BrowserModel
import JSEngine

/// The context menu a person opened on a page (a right click), while it is open: what it is about
/// and which extensions heard Firefox's `menus.onShown`.
struct OpenContextMenu {
    let tabID: Int
    let frameID: Int
    /// The extension whose toolbar button's menu this is (a right click on the button), or nil
    /// for a page's menu.
    var button: ExtensionInstance?
    /// The top document's URL (`pageUrl`) and the clicked frame's (`frameUrl`).
    let pageURL: String
    let frameURL: String
    /// What was right-clicked (js/63_dom.js `rightClick`).
    let target: ContextMenuTarget
    /// The extensions that heard `menus.onShown` (Firefox), which hear `onHidden` as it closes
    /// (with those whose items it shows).
    var shownTo: [ExtensionInstance] = []
    /// What each extension shows, as built when the menu opened (or, for Firefox's
    /// `menus.refresh()`, again): a later change to its items shows only after a refresh.
    var shown: [ShownMenuItems] = []

    var inFrame: Bool { button == nil && frameID != 0 }
}

/// What an open context menu shows of one extension, as built when it opened.
struct ShownMenuItems {
    let instance: ExtensionInstance
    /// The ids of the items that show, parents first (Firefox's `menuIds`).
    let items: [MenuItem.ID]
    /// The entries as a person sees them (the driver's `ContextMenu.items`).
    let entries: [JSONValue]
    /// The title the extension's entries sort by (Chromium orders extensions so).
    let sortTitle: String
    /// What a person can choose: each item that shows with no item showing in it, and its title as shown.
    let choices: [(id: MenuItem.ID, title: String)]
}

/// What a context menu is about: its link, its image, video or audio, whether it opened in an
/// editable field (a password field among them), and the page's selected text.
struct ContextMenuTarget {
    var linkURL: String?
    var linkText: String?
    var srcURL: String?
    var mediaType: String?
    var editable = false
    var password = false
    var selectionText = ""
    /// Firefox's number for the element (`targetElementId`, for `menus.getTargetElement`).
    var targetElementID: Int?

    init?(_ json: JSONValue) {
        guard case .object = json else { return nil }
        linkURL = json["linkUrl"]?.stringValue
        linkText = json["linkText"]?.stringValue
        srcURL = json["srcUrl"]?.stringValue
        mediaType = json["mediaType"]?.stringValue
        editable = json["editable"]?.boolValue ?? false
        password = json["password"]?.boolValue ?? false
        selectionText = json["selectionText"]?.stringValue ?? ""
        targetElementID = json["targetElementId"]?.doubleValue.map { Int($0) }
    }
}

// A person's right click on a page and a choice in the menu that opens (the driver's
// `tab.contextMenu(selector)`), with each browser's rules for which extension items show and what
// `onClicked` hears: Chromium's `ContextMenuMatcher` and `MenuManager::ExecuteCommand`, Firefox's
// ext-menus.js (`getMenuContexts`, `enabledForContext`, `getClickInfo`; recorded:
// fixtures/conformance/menus-click-firefox, menus-mv2-firefox). Headless Chromium shows no context
// menu to record, so its side follows its source: which items show, the info's keys (sorted, as its
// base::Value dictionary gives them), `frameUrl` only in a frame.
extension ExtensionHost {
    /// Opens the context menu on the element `selector` finds in frame `frameID` of tab `tabID`, as
    /// a person's right click does (a menu already open closes first). Returns what it shows (each
    /// entry `{title, id, type, checked, enabled, extension, children?}`; an extension with several
    /// items shows them in a submenu named after it), or nil when the page canceled `contextmenu`.
    public func openContextMenu(tabID: Int, frameID: Int, selector: String) -> Result<JSONValue?, DocumentActionError> {
        closeContextMenu()
        guard let tab = browser.tab(tabID) else { return .failure(DocumentActionError(message: "the tab is closed")) }
        guard let frame = tab.frame(frameID) else {
            return .failure(DocumentActionError(message: "the tab has no frame \(frameID)"))
        }
        let pageURL = tab.frames.first(where: \.isTop)?.url ?? frame.url
        switch act(.contextMenu, onDocument: frame.documentID, selector: selector) {
        case .failure(let error):
            return .failure(error)
        case .success(let json):
            guard let facts = JSONValue.parse(json), let target = ContextMenuTarget(facts) else { return .success(nil) }
            var menu = OpenContextMenu(tabID: tabID, frameID: frameID, pageURL: pageURL, frameURL: frame.url, target: target)
            menu.shown = extensions.compactMap { shownItems(of: $0, in: menu) }
            if options.flavor == .firefox { announceShown(&menu) }
            contextMenu = menu
            return .success(contextMenuEntries())
        }
    }

    /// Opens the context menu of `instance`'s toolbar button, as a person's right click on it does,
    /// on the focused window's active tab: the extension's items for the button's contexts (`all`,
    /// `action` and manifest version 2's `browser_action`), Chromium's first 6 (the rest left
    /// out), Firefox's first 5 and the rest in a submenu named after the extension; Firefox's
    /// `menus.onShown`. Returns what it shows, as ``openContextMenu(tabID:frameID:selector:)``.
    public func openActionMenu(of instance: ExtensionInstance) -> Result<JSONValue?, DocumentActionError> {
        closeContextMenu()
        guard instance.manifest.hasAction else { return .failure(DocumentActionError(message: "\(instance.displayName) has no toolbar button")) }
        guard let tab = browser.focusedTab else { return .failure(DocumentActionError(message: "no tab is open")) }
        let pageURL = tab.frames.first(where: \.isTop)?.url ?? "about:blank"
        guard let target = ContextMenuTarget(.object([])) else { return .success(nil) }
        var menu = OpenContextMenu(tabID: tab.id, frameID: 0, button: instance, pageURL: pageURL, frameURL: pageURL, target: target)
        menu.shown = [shownItems(of: instance, in: menu)].compactMap { $0 }
        if options.flavor == .firefox { announceShown(&menu) }
        contextMenu = menu
        return .success(contextMenuEntries())
    }

    /// What the open menu shows (see ``openContextMenu(tabID:frameID:selector:)``); nil when none is open.
    public func contextMenuEntries() -> JSONValue? {
        guard let menu = contextMenu else { return nil }
        // (An extension unloaded since shows nothing. Chromium orders the extensions' entries by
        // their titles; Firefox keeps the order their first items were made in.)
        var shown = menu.shown.filter { entry in extensions.contains { $0 === entry.instance } }
        if options.flavor == .chrome { shown.sort { $0.sortTitle.localizedStandardCompare($1.sortTitle) == .orderedAscending } }
        return .array(shown.flatMap(\.entries))
    }

    /// Chooses the item of the open menu whose id or title (as shown) is `key` (an extension id
    /// picks among several extensions' items): a checkbox flips, a radio item is checked, the
    /// extension is granted `activeTab` and hears `onClicked` (and the item's `onclick`); the menu
    /// closes. Fails when no such item shows, or it is disabled or gone.
    public func chooseMenuItem(_ key: String, extensionID: String? = nil) -> Result<Void, DocumentActionError> {
        guard let menu = contextMenu else { return .failure(DocumentActionError(message: "no context menu is open")) }
        var found: (ExtensionInstance, MenuItem.ID)?
        var titles: [String] = []
        for shown in menu.shown where (extensionID == nil || shown.instance.id.runtimeID == extensionID) && extensions.contains(where: { $0 === shown.instance }) {
            for choice in shown.choices {
                titles.append(choice.title)
                if found == nil, choice.id.description == key || choice.title == key { found = (shown.instance, choice.id) }
            }
        }
        guard let (instance, id) = found else {
            let known = titles.isEmpty ? "it shows no extension item" : "it shows " + titles.map { "\"\($0)\"" }.joined(separator: ", ")
            return .failure(DocumentActionError(message: "the context menu has no item \"\(key)\" to choose: \(known)"))
        }
        guard let item = instance.menuItems.item(id) else {
            closeContextMenu()
            return .failure(DocumentActionError(message: "the item \"\(key)\" was removed since the menu opened"))
        }
        guard item.enabled else { return .failure(DocumentActionError(message: "the item \"\(key)\" is disabled")) }
        guard let tab = browser.tab(menu.tabID) else {
            closeContextMenu()
            return .failure(DocumentActionError(message: "the tab is closed"))
        }
        let toggled = instance.menuItems.choose(item.id)
        if toggled != nil { keepMenuItems(of: instance) }
        instance.grantActiveTab(tab.id)
        let info = clickInfo(item, of: instance, in: menu, toggled: toggled)
        // (Chromium gives the tab unscrubbed, "the user chose to invoke the extension"; Firefox as the extension may see it.)
        let tabJSON = options.flavor == .chrome ? TabObject.make(tab, index: browser.index(of: tab.id) ?? 0, detailed: true, flavor: .chrome)
            : tabObject(tab, for: instance)
        let names = menuEventNames("onClicked", of: instance)
        let chromium = options.flavor == .chrome
        for context in eventContexts(of: instance, for: names) {
            if chromium, item.hasOnclick { context.dispatchEvent("contextMenus.onclick", [info, tabJSON]) }
            for name in names { context.dispatchEvent(name, [info, tabJSON]) }
            if !chromium, item.hasOnclick { context.dispatchEvent("contextMenus.onclick", [info, tabJSON]) }
        }
        closeContextMenu()
        return .success(())
    }

    /// Closes the open menu, if one is: in Firefox, the extensions whose items it showed and those
    /// that heard `onShown` hear `onHidden` (its `gShownMenuItems`).
    public func closeContextMenu() {
        guard let menu = contextMenu else { return }
        contextMenu = nil
        guard options.flavor == .firefox else { return }
        var hearing = menu.shown.map(\.instance)
        for instance in menu.shownTo where !hearing.contains(where: { $0 === instance }) { hearing.append(instance) }
        for instance in hearing where extensions.contains(where: { $0 === instance }) {
            let names = menuEventNames("onHidden", of: instance)
            for context in eventContexts(of: instance, for: names) {
                for name in names { context.dispatchEvent(name, []) }
            }
        }
    }

    /// Firefox's `menus.refresh()`: the open menu shows the items as they are now.
    func refreshContextMenu() {
        guard var menu = contextMenu else { return }
        menu.shown = menu.shown.compactMap { shownItems(of: $0.instance, in: menu) }
        let present = Set(menu.shown.map { ObjectIdentifier($0.instance) })
        for instance in extensions where !present.contains(ObjectIdentifier(instance)) {
            if let shown = shownItems(of: instance, in: menu) { menu.shown.append(shown) }
        }
        contextMenu = menu
    }

    /// The names an event of the menus API goes out under to `instance`: Chromium's
    /// `contextMenus`; Firefox's `menus` and `contextMenus`, each with its own permission.
    private func menuEventNames(_ event: String, of instance: ExtensionInstance) -> [String] {
        guard options.flavor == .firefox else { return ["contextMenus." + event] }
        var names: [String] = []
        if instance.manifest.permissions.contains("menus") { names.append("menus." + event) }
        if instance.manifest.permissions.contains("contextMenus") { names.append("contextMenus." + event) }
        return names
    }

    // MARK: - Which items show

    /// What `instance` shows in `menu`, or nil when none of its items shows.
    private func shownItems(of instance: ExtensionInstance, in menu: OpenContextMenu) -> ShownMenuItems? {
        if let button = menu.button, button !== instance { return nil }
        let list = instance.menuItems
        let selection = menu.target.selectionText
        // (Each item that matches, visible or not: Chromium counts the invisible in its grouping.)
        let matched = { (item: MenuItem) in self.shows(item, in: menu) }
        var ids: [MenuItem.ID] = []
        var choices: [(id: MenuItem.ID, title: String)] = []
        // An entry and what shows in it, iteratively: (item, its children left to do, fields).
        func entry(_ top: MenuItem) -> JSONValue {
            func fields(_ item: MenuItem) -> [(String, JSONValue)] {
                [("title", .string(menuTitle(item.title ?? "", selection: selection))), ("id", item.id.json),
                 ("type", .string(item.kind.rawValue)), ("checked", .bool(item.checked)), ("enabled", .bool(item.enabled)),
                 ("extension", .string(instance.id.runtimeID))]
            }
            var stack: [(item: MenuItem, children: [MenuItem], built: [JSONValue])] = []
            func push(_ item: MenuItem) {
                ids.append(item.id)
                stack.append((item, list.children(of: item.id).filter { $0.visible && matched($0) }.reversed(), []))
            }
            push(top)
            while true {
                if let next = stack[stack.count - 1].children.popLast() {
                    push(next)
                    continue
                }
                let done = stack.removeLast()
                var object = fields(done.item)
                if done.built.isEmpty {
                    if done.item.kind != .separator { choices.append((done.item.id, menuTitle(done.item.title ?? "", selection: selection))) }
                } else {
                    object.append(("children", .array(done.built)))
                }
                guard !stack.isEmpty else { return .object(object) }
                stack[stack.count - 1].built.append(.object(object))
            }
        }
        let matchedTop = list.children(of: nil).filter(matched)
        let top = matchedTop.filter(\.visible)
        guard !top.isEmpty else { return nil }
        // (Chromium's button menu leaves out what is past its sixth item.)
        let built = (options.flavor == .chrome && menu.button != nil ? Array(top.prefix(6)) : top).map(entry)
        let name = instance.displayName
        let group = { (children: [JSONValue]) -> JSONValue in
            .object([("title", .string(name)), ("extension", .string(instance.id.runtimeID)), ("children", .array(children))])
        }
        let entries: [JSONValue]
        if menu.button != nil {
            // (The button's menu: its items at the top; Chromium shows 6, Firefox 5 and a submenu.)
            entries = options.flavor == .chrome || built.count <= 6 ? built : Array(built.prefix(5)) + [group(Array(built.dropFirst(5)))]
        } else {
            // (Chromium groups them unless one normal item matches, invisible ones counted;
            // Firefox unless one shows, and on Linux keeps a lone checkbox in the group too.)
            let grouped = options.flavor == .chrome
                ? matchedTop.count > 1 || matchedTop[0].kind != .normal
                : top.count > 1 || top[0].kind == .checkbox
            entries = grouped ? [group(built)] : built
        }
        let sortTitle = entries.count == 1 && matchedTop.count == 1 ? menuTitle(top[0].title ?? name, selection: selection) : name
        return ShownMenuItems(instance: instance, items: ids, entries: entries, sortTitle: sortTitle, choices: choices)
    }

    /// Firefox's contexts of a menu (`getMenuContexts`), in its order.
    private func firefoxContexts(_ menu: OpenContextMenu) -> [String] {
        // (Its button: manifest version 3's "action" is the browser action.)
        if let button = menu.button { return [button.manifest.manifestVersion >= 3 ? "action" : "browser_action", "all"] }
        let target = menu.target
        var contexts: [String] = []
        if target.mediaType == "audio" { contexts.append("audio") }
        if target.editable || target.password { contexts.append("editable") }
        if menu.inFrame { contexts.append("frame") }
        if target.mediaType == "image" { contexts.append("image") }
        if target.linkURL != nil { contexts.append("link") }
        if target.password { contexts.append("password") }
        if !target.selectionText.isEmpty { contexts.append("selection") }
        if target.mediaType == "video" { contexts.append("video") }
        if contexts.isEmpty { contexts.append("page") }
        contexts.append("all")
        return contexts
    }

    private func shows(_ item: MenuItem, in menu: OpenContextMenu) -> Bool {
        let target = menu.target
        let contexts = Set(item.contexts)
        let documentURL = menu.inFrame ? menu.frameURL : menu.pageURL
        if let patterns = item.documentURLPatterns, !patterns.contains(where: { $0.matches(documentURL) }) { return false }
        let targetMatches: (String?) -> Bool = { url in
            guard let patterns = item.targetURLPatterns else { return true }
            guard let url else { return false }
            return patterns.contains { $0.matches(url) }
        }
        switch options.flavor {
        case .firefox:
            guard !contexts.isDisjoint(with: firefoxContexts(menu)) else { return false }
            if item.targetURLPatterns != nil {
                let urls = (target.mediaType != nil ? [target.srcURL] : []) + (target.linkURL != nil ? [target.linkURL] : [])
                return urls.contains(where: targetMatches)
            }
            return true
        case .chrome:
            // (`MenuItemMatchesAction`: no patterns apply to the button's menu.)
            if let button = menu.button {
                return contexts.contains("all") || contexts.contains(button.manifest.manifestVersion >= 3 ? "action" : "browser_action")
            }
            if contexts.contains("all") || (!target.selectionText.isEmpty && contexts.contains("selection"))
                || (target.editable && contexts.contains("editable")) || (menu.inFrame && contexts.contains("frame")) { return true }
            if let link = target.linkURL, contexts.contains("link"), targetMatches(link) { return true }
            if let media = target.mediaType, contexts.contains(media), targetMatches(target.srcURL) { return true }
            return target.linkURL == nil && target.selectionText.isEmpty && !target.editable && target.mediaType == nil && contexts.contains("page")
        }
    }

    /// A title as the menu shows it: `%s` is the selected text. Chromium replaces it always (no
    /// selection: nothing), the selection cut to 50 UTF-16 units at a word's end and the title to
    /// 75; Firefox only with a selection (trimmed), cut so the label has at most 64 characters.
    private func menuTitle(_ title: String, selection: String) -> String {
        switch options.flavor {
        case .chrome:
            // (The selection's `&` is doubled so that it shows, then the title's access keys go.)
            let shown = truncated(selection, to: 50).replacingOccurrences(of: "&", with: "&&")
            return withoutAccessKeys(truncated(title.replacingOccurrences(of: "%s", with: shown), to: 75))
        case .firefox:
            let title = withoutAccessKeys(title)
            guard !selection.isEmpty, title.contains("%s") else { return title }
            var text = selection.trimmingCharacters(in: .whitespacesAndNewlines)
            let scalars = Array(text.unicodeScalars)
            let excess = title.utf16.count - 2 + scalars.count - 64
            if excess > 0 {
                text = String(String.UnicodeScalarView(scalars.dropLast(min(scalars.count, excess + 1)))) + "\u{2026}"
            }
            return title.replacingOccurrences(of: "%s", with: text)
        }
    }

    /// A label as it shows: `&&` is `&`, and an `&` before another character marks that one as
    /// the access key and does not show (Firefox's `customizeElement`, Chromium's menu labels).
    private func withoutAccessKeys(_ label: String) -> String {
        guard label.contains("&") else { return label }
        var result = ""
        var pending = false
        for character in label {
            if pending {
                result.append(character)
                pending = false
            } else if character == "&" {
                pending = true
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// `text` cut to at most `limit` UTF-16 units at a word's end, with an ellipsis (as
    /// `gfx::TruncateString` with `WORD_BREAK` cuts).
    private func truncated(_ text: String, to limit: Int) -> String {
        guard text.utf16.count > limit else { return text }
        var cut = String(decoding: text.utf16.prefix(limit - 1), as: UTF16.self)
        if let space = cut.lastIndex(where: \.isWhitespace), space > cut.startIndex { cut = String(cut[..<space]) }
        return cut + "\u{2026}"
    }

    // MARK: - What the extension hears

    /// Firefox's `menus.onShown` to each extension with the menus API (what it may know of the
    /// page only with host permission for it, or activeTab granted).
    private func announceShown(_ menu: inout OpenContextMenu) {
        guard let tab = browser.tab(menu.tabID) else { return }
        let contexts = firefoxContexts(menu)
        for instance in extensions where menu.button == nil || menu.button === instance {
            // (Only to an extension listening to onShown: Firefox's gOnShownSubscribers, its
            // event page woken for it when primed.)
            let names = menuEventNames("onShown", of: instance)
            let listening = names.contains { name in
                instance.wakingEvents.contains(name) || ([instance.background].compactMap { $0 } + instance.pageContexts).contains { !$0.isClosed && $0.listenedEvents.contains(name) }
            }
            guard listening else { continue }
            let ids = menu.shown.first { $0.instance === instance }?.items ?? []
            var info: [(String, JSONValue)] = [("menuIds", .array(ids.map(\.json))), ("contexts", .array(contexts.map { .string($0) }))]
            info += firefoxEventInfo(instance, menu: menu, sensitive: mayKnowPage(instance, of: tab, menu: menu))
            let tabJSON = tabObject(tab, for: instance)
            menu.shownTo.append(instance)
            for context in eventContexts(of: instance, for: names) {
                for name in names { context.dispatchEvent(name, [.object(info), tabJSON]) }
            }
        }
    }

    /// Whether Firefox tells `instance` what the menu is about (`includeSensitiveData`): with
    /// `activeTab` granted for the tab, or host permission for the clicked document.
    private func mayKnowPage(_ instance: ExtensionInstance, of tab: Tab, menu: OpenContextMenu) -> Bool {
        if instance.activeTabs.contains(tab.id) { return true }
        let url = menu.inFrame ? menu.frameURL : menu.pageURL
        return instance.hostPatterns.contains { $0.matches(url) }
    }

    /// Firefox's `addMenuEventInfo`: the members after the ids, in its order.
    private func firefoxEventInfo(_ instance: ExtensionInstance, menu: OpenContextMenu, sensitive: Bool) -> [(String, JSONValue)] {
        let target = menu.target
        // (The button's menu has no view type, frame or element: `addMenuEventInfo` leaves them out.)
        if menu.button != nil {
            return [("editable", .bool(false))] + (sensitive ? [("pageUrl", .string(menu.pageURL))] : [])
        }
        var info: [(String, JSONValue)] = [("viewType", .string("tab"))]
        if let media = target.mediaType { info.append(("mediaType", .string(media))) }
        info.append(("frameId", .int(menu.frameID)))
        info.append(("editable", .bool(target.editable || target.password)))
        guard sensitive else { return info }
        if instance.manifest.permissions.contains("menus"), let id = target.targetElementID { info.append(("targetElementId", .int(id))) }
        if let link = target.linkURL {
            info.append(("linkText", .string(target.linkText ?? "")))
            info.append(("linkUrl", .string(link)))
        }
        if target.mediaType != nil, let src = target.srcURL { info.append(("srcUrl", .string(src))) }
        info.append(("pageUrl", .string(menu.pageURL)))
        if menu.inFrame { info.append(("frameUrl", .string(menu.frameURL))) }
        if !target.selectionText.isEmpty { info.append(("selectionText", .string(target.selectionText))) }
        return info
    }

    /// `onClicked`'s info for `item` in each browser's members and order.
    private func clickInfo(_ item: MenuItem, of instance: ExtensionInstance, in menu: OpenContextMenu, toggled: (wasChecked: Bool, checked: Bool)?) -> JSONValue {
        let target = menu.target
        switch options.flavor {
        case .firefox:
            var info: [(String, JSONValue)] = [("menuItemId", item.id.json)]
            info.append(("parentMenuItemId", item.parentID.map(\.json) ?? .int(instance.menuRootID ?? 0)))
            info += firefoxEventInfo(instance, menu: menu, sensitive: true)
            if let toggled { info += [("checked", .bool(toggled.checked)), ("wasChecked", .bool(toggled.wasChecked))] }
            info += [("modifiers", .array([])), ("button", .int(0))]
            return .object(info)
        case .chrome:
            // (A base::Value dictionary: its members sorted by name. The button's menu gives
            // ExecuteCommand empty ContextMenuParams: no page, frame or target.)
            if menu.button != nil {
                var info: [(String, JSONValue)] = []
                if let toggled { info.append(("checked", .bool(toggled.checked))) }
                info += [("editable", .bool(false)), ("menuItemId", item.id.json)]
                if let parent = item.parentID { info.append(("parentMenuItemId", parent.json)) }
                if let toggled { info.append(("wasChecked", .bool(toggled.wasChecked))) }
                return .object(info)
            }
            var info: [(String, JSONValue)] = []
            if let toggled { info.append(("checked", .bool(toggled.checked))) }
            info.append(("editable", .bool(target.editable)))
            info.append(("frameId", .int(menu.frameID)))
            if menu.inFrame { info.append(("frameUrl", .string(menu.frameURL))) }
            if let link = target.linkURL { info.append(("linkUrl", .string(link))) }
            if let media = target.mediaType { info.append(("mediaType", .string(media))) }
            info.append(("menuItemId", item.id.json))
            info.append(("pageUrl", .string(menu.pageURL)))
            if let parent = item.parentID { info.append(("parentMenuItemId", parent.json)) }
            if !target.selectionText.isEmpty { info.append(("selectionText", .string(target.selectionText))) }
            if target.mediaType != nil, let src = target.srcURL { info.append(("srcUrl", .string(src))) }
            if let toggled { info.append(("wasChecked", .bool(toggled.wasChecked))) }
            return .object(info)
        }
    }
}
