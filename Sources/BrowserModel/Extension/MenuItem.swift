/// An item an extension put in the browser's context menus (`contextMenus.create`, Firefox's
/// `menus.create`), as the browser keeps it: Chromium's `extensions::MenuItem`
/// (chrome/browser/extensions/menu_manager.h), Firefox's `MenuItem` (ext-menus.js). The items are
/// the extension's, not its background's: a service worker or an event page that stops leaves them.
public struct MenuItem: Sendable, Equatable {
    /// An item's id: the string the extension gave, or a number the browser generated for an item
    /// created without one (a persistent background's only).
    public enum ID: Sendable, Hashable, CustomStringConvertible {
        case string(String)
        case number(Int)

        /// The id as the browsers write it in their errors (`Cannot find menu item with id 7`).
        public var description: String {
            switch self {
            case .string(let text): text
            case .number(let number): String(number)
            }
        }
    }

    /// What kind of item it is (`ItemType`).
    public enum Kind: String, Sendable, CaseIterable {
        case normal, checkbox, radio, separator
    }

    /// Its id, unique among the extension's items.
    public var id: ID
    /// The item it is in (nil: the top level of the extension's items).
    public var parentID: ID?
    /// Its title; `%s` in it shows the selected text. Nil for a separator (and, in Firefox, for
    /// any item created without one).
    public var title: String?
    /// Its kind.
    public var kind: Kind
    /// Whether a checkbox or radio item is checked.
    public var checked: Bool
    /// The contexts it shows in (`ContextType` values; `["page"]` when none were given).
    public var contexts: [String]
    /// Where it shows: the URLs of the documents (nil: every document).
    public var documentURLPatterns: [MatchPattern]?
    /// For a link, image, video or audio: the URLs of the target (nil: every one).
    public var targetURLPatterns: [MatchPattern]?
    /// Whether it shows at all.
    public var visible: Bool
    /// Whether a person can choose it (a disabled item shows, greyed).
    public var enabled: Bool
    /// Whether the context that created it gave an `onclick` function (manifest version 2), which
    /// that context calls when the item is chosen.
    public var hasOnclick: Bool

    /// An item of `kind` with its defaults: checked false, shown in pages, visible and enabled.
    public init(id: ID, parentID: ID? = nil, title: String?, kind: Kind = .normal, checked: Bool = false, contexts: [String] = ["page"],
                documentURLPatterns: [MatchPattern]? = nil, targetURLPatterns: [MatchPattern]? = nil,
                visible: Bool = true, enabled: Bool = true, hasOnclick: Bool = false) {
        self.id = id
        self.parentID = parentID
        self.title = title
        self.kind = kind
        self.checked = checked
        self.contexts = contexts
        self.documentURLPatterns = documentURLPatterns
        self.targetURLPatterns = targetURLPatterns
        self.visible = visible
        self.enabled = enabled
        self.hasOnclick = hasOnclick
    }
}

/// An extension's menu items in the order they were created (the order the menu shows them in),
/// with the rules both browsers keep between them: ids are unique, a parent is an item of the
/// extension, removing an item removes what is in it, and among adjacent radio items of one parent
/// exactly one is checked.
public struct MenuItemList: Sendable, Equatable {
    /// The items, in creation order (a re-parented item moves to the end of its new parent's).
    public private(set) var items: [MenuItem] = []
    /// Whether each group of adjacent radio items always has one checked (Chromium); Firefox
    /// leaves a group as the extension set it until a person chooses one.
    public let keepsOneRadioChecked: Bool

    /// An empty list.
    public init(keepsOneRadioChecked: Bool) {
        self.keepsOneRadioChecked = keepsOneRadioChecked
    }

    /// The item `id`, if there is one.
    public func item(_ id: MenuItem.ID) -> MenuItem? {
        items.first { $0.id == id }
    }

    /// The items directly in `parent` (nil: the top level), in order.
    public func children(of parent: MenuItem.ID?) -> [MenuItem] {
        items.filter { $0.parentID == parent }
    }

    /// Whether `ancestor` is `id` itself or contains it, at any depth.
    public func isAncestor(_ ancestor: MenuItem.ID, of id: MenuItem.ID) -> Bool {
        var current: MenuItem.ID? = id
        var seen = Set<MenuItem.ID>()
        while let step = current, seen.insert(step).inserted {
            if step == ancestor { return true }
            current = item(step)?.parentID
        }
        return false
    }

    /// Adds `item` after the others (its id must be new, its parent an item here). In Chromium a
    /// radio item made checked unchecks the rest of its group (`RadioItemSelected`).
    public mutating func add(_ item: MenuItem) {
        items.append(item)
        if keepsOneRadioChecked, item.kind == .radio, item.checked {
            for other in radioGroup(of: item.id) where other != item.id { setChecked(other, false) }
        }
        normalizeRadioGroups()
    }

    /// Replaces the item with `item`'s id by `item`; one that changed parent moves to the end.
    public mutating func replace(_ item: MenuItem) {
        guard let index = items.firstIndex(where: { $0.id == item.id }) else { return }
        if items[index].parentID != item.parentID {
            items.remove(at: index)
            items.append(item)
        } else {
            items[index] = item
        }
        normalizeRadioGroups()
    }

    /// Removes the item `id` and every item in it; returns the ids removed.
    @discardableResult
    public mutating func remove(_ id: MenuItem.ID) -> [MenuItem.ID] {
        var removed: Set<MenuItem.ID> = [id]
        var grew = true
        while grew {
            grew = false
            for item in items where !removed.contains(item.id) {
                if let parent = item.parentID, removed.contains(parent) {
                    removed.insert(item.id)
                    grew = true
                }
            }
        }
        let ids = items.filter { removed.contains($0.id) }.map(\.id)
        items.removeAll { removed.contains($0.id) }
        normalizeRadioGroups()
        return ids
    }

    /// Removes every item.
    public mutating func removeAll() {
        items.removeAll()
    }

    /// A person chose the item `id`: a checkbox flips, a radio item becomes the checked one of its
    /// group. Returns whether it was checked before and is after (nil for other kinds).
    public mutating func choose(_ id: MenuItem.ID) -> (wasChecked: Bool, checked: Bool)? {
        guard let index = items.firstIndex(where: { $0.id == id }) else { return nil }
        let was = items[index].checked
        switch items[index].kind {
        case .checkbox:
            items[index].checked.toggle()
        case .radio:
            for other in radioGroup(of: id) { setChecked(other, other == id) }
        case .normal, .separator:
            return nil
        }
        return (was, items[index].checked)
    }

    /// Sets `checked` of the item `id`; checking a radio item unchecks the rest of its group.
    public mutating func check(_ id: MenuItem.ID, _ checked: Bool) {
        guard let item = item(id) else { return }
        if item.kind == .radio, checked {
            for other in radioGroup(of: id) { setChecked(other, other == id) }
        } else {
            setChecked(id, checked)
        }
        normalizeRadioGroups()
    }

    private mutating func setChecked(_ id: MenuItem.ID, _ checked: Bool) {
        if let index = items.firstIndex(where: { $0.id == id }) { items[index].checked = checked }
    }

    /// The ids of the radio items adjacent to `id` among its parent's items (a run of radio items
    /// with nothing else between them), `id` among them.
    public func radioGroup(of id: MenuItem.ID) -> [MenuItem.ID] {
        guard let item = item(id), item.kind == .radio else { return [id] }
        let siblings = children(of: item.parentID)
        guard let at = siblings.firstIndex(where: { $0.id == id }) else { return [id] }
        var start = at
        while start > 0, siblings[start - 1].kind == .radio { start -= 1 }
        var end = at
        while end + 1 < siblings.count, siblings[end + 1].kind == .radio { end += 1 }
        return siblings[start...end].map(\.id)
    }

    /// Each group of adjacent radio items has exactly one checked: the last checked one stays,
    /// or the group's first item is checked (Chromium's `MenuManager::SanitizeRadioListsInMenu`).
    private mutating func normalizeRadioGroups() {
        guard keepsOneRadioChecked else { return }
        var seen = Set<MenuItem.ID>()
        for item in items where item.kind == .radio && !seen.contains(item.id) {
            let group = radioGroup(of: item.id)
            seen.formUnion(group)
            let checked = group.filter { self.item($0)?.checked == true }
            let keep = checked.last ?? group[0]
            for id in group { setChecked(id, id == keep) }
        }
    }
}
