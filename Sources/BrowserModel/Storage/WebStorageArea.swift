/// One storage area of Web Storage (`localStorage` of an origin, or `sessionStorage` of an origin
/// in one tab): its keys in the order they were first set, and the quota both browsers keep.
///
/// Written here rather than with a dictionary: `key(n)` and `Object.keys(localStorage)` list keys
/// in insertion order in both browsers, and the quota counts UTF-16 code units of every key and
/// value (5 MiB of them: measured in fixtures/conformance/web-storage).
public struct WebStorageArea: Sendable {
    /// How many UTF-16 code units of keys and values an area holds at most.
    public static let quota = 5 * 1024 * 1024

    private var keys: [String] = []
    private var values: [String: String] = [:]
    /// The code units of keys and values held.
    public private(set) var usage = 0

    /// An empty area.
    public init() {}

    /// How many keys there are.
    public var count: Int { keys.count }

    /// The `index`th key, or nil.
    public func key(at index: Int) -> String? {
        index >= 0 && index < keys.count ? keys[index] : nil
    }

    /// The keys in order.
    public var allKeys: [String] { keys }

    /// The value of `key`, or nil.
    public func value(of key: String) -> String? { values[key] }

    /// What setting a key did.
    public enum SetOutcome: Equatable, Sendable {
        /// Set; the value before (nil: the key is new).
        case set(oldValue: String?)
        /// The same value was there: nothing changed.
        case unchanged
        /// Over the quota: nothing changed.
        case overQuota
    }

    /// Sets `key` to `value` unless that goes over the quota.
    public mutating func set(_ key: String, to value: String) -> SetOutcome {
        let old = values[key]
        if old == value { return .unchanged }
        let newUsage = usage - (old.map { $0.utf16.count + key.utf16.count } ?? 0) + key.utf16.count + value.utf16.count
        guard newUsage <= Self.quota else { return .overQuota }
        if old == nil { keys.append(key) }
        values[key] = value
        usage = newUsage
        return .set(oldValue: old)
    }

    /// Removes `key`; returns its value, or nil when there was none.
    @discardableResult
    public mutating func remove(_ key: String) -> String? {
        guard let old = values.removeValue(forKey: key) else { return nil }
        keys.removeAll { $0 == key }
        usage -= key.utf16.count + old.utf16.count
        return old
    }

    /// Removes every key; returns whether there was one.
    @discardableResult
    public mutating func clear() -> Bool {
        let had = !keys.isEmpty
        keys = []
        values = [:]
        usage = 0
        return had
    }
}
