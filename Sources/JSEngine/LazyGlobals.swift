import CJavaScriptCore
import Glibc
import Synchronization

/// Globals of a context that are made on their first touch: until then the global object holds
/// nothing for them, so a global that a context never names costs it nothing.
///
/// A browser's window has hundreds of globals and a script names a handful; WebKit makes its
/// interface objects lazily from static tables for that reason, and so does this, through the C
/// API's own static tables: the global object's class (one per ``LazyGlobalNames`` table and
/// class name) has a *static value* for each lazy name. JavaScriptCore asks a static value's
/// getter before it looks at the global's ordinary properties, and only for those names (every
/// other name costs a hash lookup, no call into Swift): the getter makes the global, defining it
/// on the global object as an ordinary property, and answers "none here", so that JavaScriptCore
/// goes on to the property just made. A write goes through the static value's setter (which makes
/// the global first, then lets the write through); listing the global's keys makes every lazy
/// global first, in table order. A script cannot tell: the property is there whenever one looks,
/// with its final identity and attributes.
///
/// (A class-wide `hasProperty` callback would see every name instead: JavaScriptCore then makes a
/// string and calls into Swift for each read of `Math` or `JSON`, which made reading globals four
/// times slower; `exthost bench --only globals` measures it.)
///
/// `delete` is where the C API's static values show: JavaScriptCore answers `true` for a static
/// value's name without deleting the ordinary property behind it. So a lazy global deleted before
/// its first touch is never defined (its module still gets its objects), which is what a script
/// sees in a browser; one deleted after it was made stays (known difference, in
/// docs/architecture.md). `Object.getOwnPropertyNames(globalThis)` lists the names of the table
/// first, and still lists a deleted one.
///
/// The names are a ``LazyGlobalNames`` table, made once and shared by all the contexts of one
/// kind; a context keeps only which of them it has made.
public final class LazyGlobals {
    /// The names, shared.
    public let names: LazyGlobalNames
    /// Which names are made (or being made), by index in `names`.
    private var made: [Bool]
    private var left: Int
    /// Makes the global at an index, defining it on the global object unless the flag is false.
    private let make: (Int, Bool) -> Void

    init(names: LazyGlobalNames, make: @escaping (Int, Bool) -> Void) {
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
        make(index, true)
    }

    /// Makes the global at `index` without defining it on the global object (a script deleted it
    /// before its first touch), unless it is made. Returns whether it was not made.
    private func forget(at index: Int) -> Bool {
        guard !made[index] else { return false }
        made[index] = true
        left -= 1
        make(index, false)
        return true
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

    /// How many times JavaScriptCore asked about a name (for tests: other names must cost no call).
    private(set) var questions = 0

    /// Answers JavaScriptCore's question about the global's own property `name`.
    fileprivate func touch(_ name: JSStringRef) {
        questions += 1
        guard left > 0, let index = names.index(of: name) else { return }
        makeGlobal(at: index)
    }

    /// Answers `delete` of the global's own property `name`: whether it was a lazy global not made
    /// yet, now deleted.
    fileprivate func delete(_ name: JSStringRef) -> Bool {
        guard left > 0, let index = names.index(of: name) else { return false }
        return forget(at: index)
    }

    // MARK: - The global object's class

    fileprivate static func of(_ object: JSObjectRef?) -> LazyGlobals? {
        guard let object, let raw = JSObjectGetPrivate(object) else { return nil }
        return Unmanaged<LazyGlobals>.fromOpaque(raw).takeUnretainedValue()
    }

    /// A global object's class for the lazy globals `names`: a static value per name, whose
    /// getter and setter make the global and then let JavaScriptCore go on to the ordinary
    /// property; `delete` and listing the keys as the type's comment says.
    fileprivate static func makeClass(named className: String, names: [String]) -> JSClassRef {
        var definition = kJSClassDefinitionEmpty
        definition.deleteProperty = { _, object, name, _ in
            guard let name, let table = LazyGlobals.of(object) else { return false }
            return table.delete(name)
        }
        definition.getPropertyNames = { _, object, _ in
            LazyGlobals.of(object)?.makeAll()
        }
        // (JavaScriptCore copies the names and entries when it makes the class.)
        let cNames = names.map { strdup($0)! }
        defer { cNames.forEach { free($0) } }
        var values = cNames.map { name in
            JSStaticValue(
                name: UnsafePointer(name),
                getProperty: { _, object, name, _ in
                    if let name { LazyGlobals.of(object)?.touch(name) }
                    return nil
                },
                setProperty: { _, object, name, _, _ in
                    if let name { LazyGlobals.of(object)?.touch(name) }
                    return false
                },
                // (Not listed by the static table when keys are listed without the non-enumerable
                // ones: the ordinary properties made then have each global's own attribute.)
                attributes: JSPropertyAttributes(kJSPropertyAttributeDontEnum))
        }
        values.append(JSStaticValue(name: nil, getProperty: nil, setProperty: nil, attributes: 0))
        return values.withUnsafeBufferPointer { staticValues in
            className.withCString { cClassName in
                definition.className = cClassName
                definition.staticValues = staticValues.baseAddress
                return JSClassCreate(&definition)
            }
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
    /// The global object classes made for the table, by class name (``globalClass(named:)``).
    private let classes = Mutex<[String: GlobalClass]>([:])

    private struct GlobalClass: @unchecked Sendable {
        let ref: JSClassRef
    }

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

    /// The class of a global object named `className` with these lazy globals (made once; classes
    /// never change after they are made, and every machine may share them).
    func globalClass(named className: String) -> JSClassRef {
        classes.withLock { classes in
            if let made = classes[className] { return made.ref }
            let made = LazyGlobals.makeClass(named: className, names: names)
            classes[className] = GlobalClass(ref: made)
            return made
        }
    }

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
    /// Starts the context's lazy globals, the table it was made with
    /// (``init(machine:name:globalClassName:lazyGlobals:)``): `make(index, define)` makes the global
    /// `names[index]` and, when `define` is true, defines it on the global object; it runs on the
    /// first operation that names the global (see ``LazyGlobals``). Once per context; the table
    /// goes when the context closes.
    @discardableResult
    public func installLazyGlobals(make: @escaping (_ index: Int, _ define: Bool) -> Void) -> LazyGlobals {
        guard let names = lazyGlobalNames else {
            preconditionFailure("the context \(name) was made without lazy globals")
        }
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
