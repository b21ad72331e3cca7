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

/// One storage area of an extension (`local`, `sync`, `session`, `managed`).
public final class ExtensionStorageArea {
    /// The values by key.
    public private(set) var values: [String: StoredValue] = [:]
    /// The keys in the order they were first set.
    private var insertionOrder: [String] = []
    /// Whether content scripts may use it (`storage.setAccessLevel`; Chromium's `session` not by default).
    public var allowsContentScripts: Bool
    /// Where its changes are written, if it is kept between runs (``Profile``).
    private let persist: ((_ set: [(key: String, value: StoredValue)], _ removed: [String]) -> Void)?

    init(allowsContentScripts: Bool, stored: [(key: String, value: StoredValue)] = [],
         persist: ((_ set: [(key: String, value: StoredValue)], _ removed: [String]) -> Void)? = nil) {
        self.allowsContentScripts = allowsContentScripts
        self.persist = persist
        for (key, value) in stored {
            if values.updateValue(value, forKey: key) == nil { insertionOrder.append(key) }
        }
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

    /// Stores `value` as `key`'s (a new key goes last).
    public func set(_ key: String, _ value: StoredValue) {
        if values.updateValue(value, forKey: key) == nil { insertionOrder.append(key) }
        persist?([(key, value)], [])
    }

    /// Removes `key`, returning what it held.
    public func remove(_ key: String) -> StoredValue? {
        guard let old = values.removeValue(forKey: key) else { return nil }
        insertionOrder.removeAll { $0 == key }
        persist?([], [key])
        return old
    }

    /// Removes every key.
    public func removeAll() {
        let removed = insertionOrder
        values.removeAll()
        insertionOrder.removeAll()
        if !removed.isEmpty { persist?([], removed) }
    }

    /// The entries of `keys` (all: nil) that are stored, in `order`.
    public func entries(keys: [String]?, order: Order) -> [(key: String, value: StoredValue)] {
        var listed: [String]
        switch order {
        case .insertion: listed = insertionOrder
        case .utf8: listed = insertionOrder.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        case .utf16: listed = insertionOrder.sorted { Array($0.utf16).lexicographicallyPrecedes(Array($1.utf16)) }
        }
        if let keys {
            let wanted = Set(keys)
            listed = listed.filter { wanted.contains($0) }
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
/// has one; `session` lasts as long as the run, and `managed` holds no policy.
public final class ExtensionStorage {
    public let local: ExtensionStorageArea
    public let sync: ExtensionStorageArea
    public let session: ExtensionStorageArea
    public let managed = ExtensionStorageArea(allowsContentScripts: true)

    /// The storage of the extension `extensionID` (its `runtime.id`), from `profile` if given.
    public init(flavor: Flavor, extensionID: String, profile: Profile?) {
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
