import CJavaScriptCore

/// Globals of a context that are made on their first touch: until then the global object holds
/// nothing for them, so a global that a context never names costs it nothing.
///
/// A browser's window has hundreds of globals and a script names a handful; WebKit makes its
/// interface objects lazily from static tables for that reason. Here the global object's class
/// answers JavaScriptCore before every operation on one of the global's own properties (a read,
/// `in`, a write, `delete`, `Object.getOwnPropertyDescriptor`, `Object.defineProperty`, listing its
/// keys): when the name is one of the context's lazy globals not made yet, `make` defines it on
/// the global as an ordinary property first, and then JavaScriptCore goes on as for any property.
/// No script can tell: the property is there whenever one looks, with its final identity,
/// attributes and place among the keys (listing makes every lazy global first, in table order).
/// A global that extension code deleted or replaced stays as the script left it.
///
/// The names are a ``LazyGlobalNames`` table, made once and shared by all the contexts of one
/// kind; a context keeps only which of them it has made.
public final class LazyGlobals {
    /// The names, shared.
    public let names: LazyGlobalNames
    /// Which names are made (or being made), by index in `names`.
    private var made: [Bool]
    private var left: Int
    private let make: (Int) -> Void

    init(names: LazyGlobalNames, make: @escaping (Int) -> Void) {
        self.names = names
        self.made = Array(repeating: false, count: names.count)
        self.left = names.count
        self.make = make
    }

    /// Makes the global at `index` unless it is made.
    public func makeGlobal(at index: Int) {
        guard !made[index] else { return }
        made[index] = true
        left -= 1
        make(index)
    }

    /// Makes the global `name` unless it is made or is not one of the table's.
    public func makeGlobal(named name: String) {
        if let index = names.index(of: name) { makeGlobal(at: index) }
    }

    /// Makes every global not made yet, in table order.
    func makeAll() {
        guard left > 0 else { return }
        for index in made.indices { makeGlobal(at: index) }
    }

    /// Whether the global at `index` is made.
    public func isMade(_ index: Int) -> Bool { made[index] }

    /// Answers JavaScriptCore's question about the global's own property `name`.
    fileprivate func touch(_ name: JSStringRef) {
        guard left > 0, let index = names.index(of: name) else { return }
        makeGlobal(at: index)
    }

    // MARK: - The global object's class

    fileprivate static func of(_ object: JSObjectRef?) -> LazyGlobals? {
        guard let object, let raw = JSObjectGetPrivate(object) else { return nil }
        return Unmanaged<LazyGlobals>.fromOpaque(raw).takeUnretainedValue()
    }

    /// Sets the callbacks of a global object's class definition: each makes the lazy global the
    /// operation names (or, listing keys, all of them) and answers "not handled here", so that
    /// JavaScriptCore carries on with the global's ordinary properties.
    static func addCallbacks(to definition: inout JSClassDefinition) {
        definition.hasProperty = { _, object, name in
            if let name { LazyGlobals.of(object)?.touch(name) }
            return false
        }
        definition.setProperty = { _, object, name, _, _ in
            if let name { LazyGlobals.of(object)?.touch(name) }
            return false
        }
        definition.deleteProperty = { _, object, name, _ in
            if let name { LazyGlobals.of(object)?.touch(name) }
            return false
        }
        definition.getPropertyNames = { _, object, _ in
            LazyGlobals.of(object)?.makeAll()
        }
    }
}

/// The names of a kind of context's lazy globals (see ``LazyGlobals``), made once and shared:
/// looked up by the bytes JavaScriptCore gives, without making a Swift string for every name a
/// script reads from its global object.
public final class LazyGlobalNames: Sendable {
    /// The names, in the order they are made when a script lists the global's keys.
    public let names: [String]
    private let utf8: [[UInt8]]
    /// Indices in `names` by hash of their UTF-8 bytes.
    private let buckets: [UInt64: [Int]]
    /// The longest name's length in UTF-8 bytes.
    private let longest: Int

    /// A table of `names` (no duplicates).
    public init(_ names: [String]) {
        self.names = names
        utf8 = names.map { Array($0.utf8) }
        var buckets: [UInt64: [Int]] = [:]
        for (index, bytes) in utf8.enumerated() {
            buckets[bytes.withUnsafeBufferPointer(Self.hash), default: []].append(index)
        }
        self.buckets = buckets
        longest = utf8.map(\.count).max() ?? 0
    }

    /// How many names there are.
    public var count: Int { names.count }

    /// The index of `name`, or nil.
    public func index(of name: String) -> Int? {
        let bytes = Array(name.utf8)
        return bytes.withUnsafeBufferPointer { index(ofBytes: $0) }
    }

    /// The index of the name JavaScriptCore gives, or nil. (JavaScriptCore writes an identifier's
    /// UTF-8 into the buffer without allocating; one longer than every name is no name.)
    fileprivate func index(of name: JSStringRef) -> Int? {
        let length = JSStringGetLength(name)
        guard length > 0, length <= longest else { return nil }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: longest * 3 + 1) { buffer -> Int? in
            let written = JSStringGetUTF8CString(name, buffer.baseAddress, buffer.count)
            guard written > 1 else { return nil }
            return buffer.withMemoryRebound(to: UInt8.self) { bytes in
                index(ofBytes: UnsafeBufferPointer(rebasing: bytes[0..<(written - 1)]))
            }
        }
    }

    private func index(ofBytes bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard bytes.count <= longest, let candidates = buckets[Self.hash(bytes)] else { return nil }
        for index in candidates where utf8[index].elementsEqual(bytes) { return index }
        return nil
    }

    /// FNV-1a.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}

extension ScriptContext {
    /// Gives the context the lazy globals `names`: `make(index)` defines the global `names[index]`
    /// on the global object, on the first operation that names it (see ``LazyGlobals``). Once per
    /// context; the table goes when the context closes.
    @discardableResult
    public func installLazyGlobals(_ names: LazyGlobalNames, make: @escaping (Int) -> Void) -> LazyGlobals {
        let table = LazyGlobals(names: names, make: make)
        let global = JSContextGetGlobalObject(ref)
        precondition(JSObjectGetPrivate(global) == nil, "a context's lazy globals are installed once")
        JSObjectSetPrivate(global, Unmanaged.passRetained(table).toOpaque())
        onClose {
            // (A script of another context may still hold this global: its operations then find no table.)
            guard let raw = JSObjectGetPrivate(global) else { return }
            JSObjectSetPrivate(global, nil)
            Unmanaged<LazyGlobals>.fromOpaque(raw).release()
        }
        return table
    }
}
