/// `storage`'s areas of an extension as the browser keeps them (the API is
/// Sources/Exthost/API/StorageAPI.swift; js/58_storage.js makes the values' texts).

/// A value as a browser stores it (js/58_storage.js): its text (Chromium's JSON, Firefox's
/// structured clone or JSON) and the bytes the browser counts for it.
public struct StoredValue: Equatable, Sendable {
    /// The text the value is kept as.
    public let text: String
    /// The bytes `getBytesInUse` counts for it.
    public let bytes: Int

    /// A stored value.
    public init(text: String, bytes: Int) {
        self.text = text
        self.bytes = bytes
    }
}

/// One storage area of an extension (`local`, `sync`, `session`, `managed`): its values, the
/// order their keys were first set in (kept so that setting and removing tens of thousands of keys
/// costs each of them a constant: removed keys leave a gap until more than half are gaps), and
/// whether content scripts may use it.
public final class ExtensionStorageArea {
    /// The values by key.
    public private(set) var values: [String: StoredValue] = [:]
    /// The keys in the order they were first set, nil where one was removed.
    private var insertionOrder: [String?] = []
    /// Each key's place in `insertionOrder`.
    private var places: [String: Int] = [:]
    /// Whether content scripts may use it (`storage.setAccessLevel`; Chromium's `session` not by default).
    public var allowsContentScripts: Bool
    /// Where its changes are written, if it is kept between runs (``Profile``).
    private let persist: ((_ set: [(key: String, value: StoredValue)], _ removed: [String]) -> Void)?

    init(allowsContentScripts: Bool, stored: [(key: String, value: StoredValue)] = [],
         persist: ((_ set: [(key: String, value: StoredValue)], _ removed: [String]) -> Void)? = nil) {
        self.allowsContentScripts = allowsContentScripts
        self.persist = persist
        for (key, value) in stored { place(key, value) }
    }

    /// How an area lists its keys.
    public enum Order: Sendable {
        /// By the keys' UTF-8 bytes (Chromium's dictionaries).
        case utf8
        /// By the keys' UTF-16 code units (IndexedDB's string keys).
        case utf16
        /// As first set.
        case insertion
    }

    private func place(_ key: String, _ value: StoredValue) {
        if values.updateValue(value, forKey: key) == nil {
            places[key] = insertionOrder.count
            insertionOrder.append(key)
        }
    }

    /// Stores each value as its key's (a new key goes last), in one write of the profile.
    public func set(_ items: [(key: String, value: StoredValue)]) {
        guard !items.isEmpty else { return }
        for (key, value) in items { place(key, value) }
        persist?(items, [])
    }

    /// Removes `keys`, returning what each held (those that were stored), in one write of the profile.
    public func remove(_ keys: [String]) -> [(key: String, value: StoredValue)] {
        var removed: [(key: String, value: StoredValue)] = []
        for key in keys {
            guard let old = values.removeValue(forKey: key), let place = places.removeValue(forKey: key) else { continue }
            insertionOrder[place] = nil
            removed.append((key, old))
        }
        if insertionOrder.count > 32, places.count < insertionOrder.count / 2 { compact() }
        if !removed.isEmpty { persist?([], removed.map(\.key)) }
        return removed
    }

    /// Removes every key.
    public func removeAll() {
        let removed = insertionOrder.compactMap { $0 }
        values.removeAll()
        insertionOrder.removeAll()
        places.removeAll()
        if !removed.isEmpty { persist?([], removed) }
    }

    private func compact() {
        let keys = insertionOrder.compactMap { $0 }
        insertionOrder = keys
        places.removeAll(keepingCapacity: true)
        for (index, key) in keys.enumerated() { places[key] = index }
    }

    /// The entries of `keys` (all: nil) that are stored, in `order`.
    public func entries(keys: [String]?, order: Order) -> [(key: String, value: StoredValue)] {
        var listed: [String]
        if let keys {
            var wanted = Set<String>()
            listed = keys.filter { values[$0] != nil && wanted.insert($0).inserted }
            if order == .insertion { listed.sort { places[$0]! < places[$1]! } }
        } else {
            listed = insertionOrder.compactMap { $0 }
        }
        switch order {
        case .insertion: break
        case .utf8: listed.sort { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        case .utf16: listed.sort { Array($0.utf16).lexicographicallyPrecedes(Array($1.utf16)) }
        }
        return listed.compactMap { key in values[key].map { (key, $0) } }
    }

    /// The bytes the browser counts for `keys` (all: nil).
    public func bytes(keys: [String]?) -> Int {
        guard let keys else { return values.values.reduce(0) { $0 + $1.bytes } }
        return Set(keys).reduce(0) { $0 + (values[$1]?.bytes ?? 0) }
    }
}

/// An extension's storage: its four areas. `local` and `sync` are kept in the profile when the run
/// has one; `session` lasts as long as the run; `managed` holds the policy given to the run, if any.
public final class ExtensionStorage {
    public let local: ExtensionStorageArea
    public let sync: ExtensionStorageArea
    public let session: ExtensionStorageArea
    public let managed: ExtensionStorageArea
    /// Whether a policy was given for `managed` (Firefox answers its absence with an error).
    public let hasPolicy: Bool

    /// The storage of the extension `extensionID` (its `runtime.id`), from `profile` if given;
    /// `policy`: the values of `managed` (each with its JSON text), nil when none was given.
    public init(flavor: Flavor, extensionID: String, profile: Profile?, policy: [(key: String, text: String)]? = nil) {
        managed = Self.managedArea(policy)
        hasPolicy = policy != nil
        func kept(_ area: String) -> ExtensionStorageArea {
            guard let profile else { return ExtensionStorageArea(allowsContentScripts: true) }
            return ExtensionStorageArea(allowsContentScripts: true, stored: profile.storedValues(extension: extensionID, area: area)) { set, removed in
                profile.storeChange(extension: extensionID, area: area, set: set, removed: removed)
            }
        }
        local = kept("local")
        sync = kept("sync")
        session = ExtensionStorageArea(allowsContentScripts: flavor == .firefox)
    }

    /// The storage of an extension reloaded (`runtime.reload()`) from `previous`, its storage
    /// before: `local` and `sync` are kept, as the browsers keep them; `session` starts empty (both
    /// clear it when an extension is reloaded); `managed` holds `policy`.
    public init(reloading previous: ExtensionStorage, flavor: Flavor, policy: [(key: String, text: String)]? = nil) {
        managed = Self.managedArea(policy)
        hasPolicy = policy != nil
        local = previous.local
        sync = previous.sync
        session = ExtensionStorageArea(allowsContentScripts: flavor == .firefox)
    }

    /// `storage.managed` holding `policy`.
    private static func managedArea(_ policy: [(key: String, text: String)]?) -> ExtensionStorageArea {
        ExtensionStorageArea(allowsContentScripts: true, stored: (policy ?? []).map { ($0.key, StoredValue(text: $0.text, bytes: 0)) })
    }

    /// The area `name` (`local`, `sync`, `session`, `managed`), or nil.
    public func area(named name: String) -> ExtensionStorageArea? {
        switch name {
        case "local": local
        case "sync": sync
        case "session": session
        case "managed": managed
        default: nil
        }
    }
}
