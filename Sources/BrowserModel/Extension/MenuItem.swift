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
/// extension, removing an item removes what is in it, and (Chromium) among adjacent radio items of
/// one parent exactly one is checked. Items are found by id and by parent without a scan, so
/// thousands of items cost what the browsers' maps cost.
public struct MenuItemList: Sendable, Equatable {
    /// The items by id.
    private var byID: [MenuItem.ID: MenuItem] = [:]
    /// The ids of each parent's items (nil: the top level), in order.
    private var childIDs: [MenuItem.ID?: [MenuItem.ID]] = [:]
    /// Whether each group of adjacent radio items always has one checked (Chromium); Firefox
    /// leaves a group as the extension set it until a person chooses one.
    public let keepsOneRadioChecked: Bool

    /// An empty list.
    public init(keepsOneRadioChecked: Bool) {
        self.keepsOneRadioChecked = keepsOneRadioChecked
    }

    /// The items, parents before what is in them, each parent's in order.
    public var items: [MenuItem] {
        var result: [MenuItem] = []
        result.reserveCapacity(byID.count)
        var stack: [MenuItem.ID] = (childIDs[nil] ?? []).reversed()
        while let id = stack.popLast() {
            guard let item = byID[id] else { continue }
            result.append(item)
            stack += (childIDs[id] ?? []).reversed()
        }
        return result
    }

    /// How many items are at the top level (Chromium's limit counts those).
    public var topLevelCount: Int { childIDs[nil]?.count ?? 0 }

    /// The item `id`, if there is one.
    public func item(_ id: MenuItem.ID) -> MenuItem? {
        byID[id]
    }

    /// The items directly in `parent` (nil: the top level), in order.
    public func children(of parent: MenuItem.ID?) -> [MenuItem] {
        (childIDs[parent] ?? []).compactMap { byID[$0] }
    }

    /// Whether `ancestor` is `id` itself or contains it, at any depth.
    public func isAncestor(_ ancestor: MenuItem.ID, of id: MenuItem.ID) -> Bool {
        var current: MenuItem.ID? = id
        var seen = Set<MenuItem.ID>()
        while let step = current, seen.insert(step).inserted {
            if step == ancestor { return true }
            current = byID[step]?.parentID
        }
        return false
    }

    /// Adds `item` after the others of its parent (its id must be new, its parent an item here).
    /// In Chromium a radio item made checked unchecks the rest of its group (`RadioItemSelected`).
    public mutating func add(_ item: MenuItem) {
        guard byID[item.id] == nil else { return }
        byID[item.id] = item
        childIDs[item.parentID, default: []].append(item.id)
        if keepsOneRadioChecked, item.kind == .radio, item.checked {
            for other in radioGroup(of: item.id) where other != item.id { setChecked(other, false) }
        }
        sanitizeRadioGroups(in: item.parentID)
    }

    /// Replaces the item with `item`'s id by `item`; one that changed parent moves to the end of
    /// its new parent's items.
    public mutating func replace(_ item: MenuItem) {
        guard let old = byID[item.id] else { return }
        byID[item.id] = item
        if old.parentID != item.parentID {
            childIDs[old.parentID]?.removeAll { $0 == item.id }
            childIDs[item.parentID, default: []].append(item.id)
            sanitizeRadioGroups(in: old.parentID)
        }
        sanitizeRadioGroups(in: item.parentID)
    }

    /// Removes the item `id` and every item in it; returns the ids removed, parents first.
    @discardableResult
    public mutating func remove(_ id: MenuItem.ID) -> [MenuItem.ID] {
        guard let item = byID[id] else { return [] }
        childIDs[item.parentID]?.removeAll { $0 == id }
        var removed: [MenuItem.ID] = []
        var stack = [id]
        while let next = stack.popLast() {
            removed.append(next)
            byID[next] = nil
            if let children = childIDs.removeValue(forKey: next) { stack += children.reversed() }
        }
        sanitizeRadioGroups(in: item.parentID)
        return removed
    }

    /// Removes every item.
    public mutating func removeAll() {
        byID.removeAll()
        childIDs.removeAll()
    }

    /// A person chose the item `id`: a checkbox flips, a radio item becomes the checked one of its
    /// group. Returns whether it was checked before and is after (nil for other kinds).
    public mutating func choose(_ id: MenuItem.ID) -> (wasChecked: Bool, checked: Bool)? {
        guard let item = byID[id] else { return nil }
        let was = item.checked
        switch item.kind {
        case .checkbox:
            setChecked(id, !was)
        case .radio:
            for other in radioGroup(of: id) { setChecked(other, other == id) }
        case .normal, .separator:
            return nil
        }
        return (was, byID[id]?.checked ?? was)
    }

    /// Sets `checked` of the item `id`; checking a radio item unchecks the rest of its group
    /// (Chromium ignores unchecking a radio item: one of its group stays checked).
    public mutating func check(_ id: MenuItem.ID, _ checked: Bool) {
        guard let item = byID[id] else { return }
        if item.kind == .radio, checked {
            for other in radioGroup(of: id) { setChecked(other, other == id) }
        } else if item.kind == .radio, keepsOneRadioChecked {
            return
        } else {
            setChecked(id, checked)
        }
        sanitizeRadioGroups(in: item.parentID)
    }

    private mutating func setChecked(_ id: MenuItem.ID, _ checked: Bool) {
        byID[id]?.checked = checked
    }

    /// The ids of the radio items adjacent to `id` among its parent's items (a run of radio items
    /// with nothing else between them), `id` among them.
    public func radioGroup(of id: MenuItem.ID) -> [MenuItem.ID] {
        guard let item = byID[id], item.kind == .radio else { return [id] }
        let siblings = childIDs[item.parentID] ?? []
        guard let at = siblings.firstIndex(of: id) else { return [id] }
        let isRadio = { (index: Int) in self.byID[siblings[index]]?.kind == .radio }
        var start = at
        while start > 0, isRadio(start - 1) { start -= 1 }
        var end = at
        while end + 1 < siblings.count, isRadio(end + 1) { end += 1 }
        return Array(siblings[start...end])
    }

    /// In Chromium, each group of adjacent radio items of `parent` has exactly one checked: the
    /// last checked one stays, or the group's first item is checked
    /// (`MenuManager::SanitizeRadioListsInMenu`, run for the list that changed).
    private mutating func sanitizeRadioGroups(in parent: MenuItem.ID?) {
        guard keepsOneRadioChecked, let siblings = childIDs[parent] else { return }
        var group: [MenuItem.ID] = []
        func settle() {
            guard !group.isEmpty else { return }
            let keep = group.last { byID[$0]?.checked == true } ?? group[0]
            for id in group { setChecked(id, id == keep) }
            group.removeAll()
        }
        for id in siblings {
            if byID[id]?.kind == .radio { group.append(id) } else { settle() }
        }
        settle()
    }
}
