import CJavaScriptCore
import Synchronization

/// What the forwarding functions of one context call (``NativeFunction/makeForwarding(name:length:in:to:data:)``),
/// by each function's address, kept by the context itself.
///
/// A world makes one forwarding function for every member of every interface it uses (a DOM
/// world touching the page makes about 660, half of them event handler accessors), so what each
/// costs beside the engine's own function is what this keeps: one dictionary slot of three words.
/// (A machine-wide table of entry objects, and a set of each context's keys to drop them when it
/// closed, cost about three times as much a function.) The engine never moves an object; a
/// function it collected may leave its slot until the address is taken by another forwarding
/// function of the context, or the context closes.
struct ForwardingTargets {
    /// A forwarding function's target, its data (both protected from the collector while the slot
    /// lasts) and their realm.
    struct Target {
        let function: JSObjectRef
        let data: JSValueRef
        let realm: ScriptContext
    }

    private var targets: [Int: Target] = [:]

    /// How many slots there are (for tests).
    var count: Int { targets.count }

    /// Makes `function` call `target` from now on, letting go of what it called before.
    mutating func set(_ target: Target, for function: JSObjectRef) {
        JSValueProtect(target.realm.ref, target.function)
        JSValueProtect(target.realm.ref, target.data)
        if let previous = targets.updateValue(target, forKey: Self.key(function)) { Self.release(previous) }
    }

    /// What `function` calls, if it is a forwarding function of the context.
    func target(for function: JSObjectRef) -> Target? {
        targets[Self.key(function)]
    }

    /// Lets go of every target (the context closes).
    mutating func removeAll() {
        let removed = targets
        targets = [:]
        for target in removed.values { Self.release(target) }
    }

    private static func key(_ function: JSObjectRef) -> Int { Int(bitPattern: UnsafeRawPointer(function)) }

    /// Ends a target's protection (as a ``ScriptValue`` ends its own: also after the realm closed).
    private static func release(_ target: Target) {
        let ref = target.realm.isClosed ? target.realm.machine.anchorRealm : target.realm.ref
        JSValueUnprotect(ref, target.function)
        JSValueUnprotect(ref, target.data)
    }
}

extension ScriptContext {
    /// Every open context by its global context's address, for the engine's callbacks, which are
    /// given only that. (Hosts on several threads make and close contexts.)
    private static let openContexts = Mutex<[Int: OpenContext]>([:])

    private struct OpenContext: @unchecked Sendable {  // read only on the context's machine's thread
        weak var context: ScriptContext?
    }

    /// Notes that the context is open (``init(machine:name:globalClassName:lazyGlobals:)``).
    func noteOpen() {
        let key = Int(bitPattern: UnsafeRawPointer(ref))
        Self.openContexts.withLock { $0[key] = OpenContext(context: self) }
    }

    /// Notes that the context closed (``close()``).
    func noteClosed() {
        let key = Int(bitPattern: UnsafeRawPointer(ref))
        Self.openContexts.withLock { contexts in
            if contexts[key]?.context === self || contexts[key]?.context == nil { contexts[key] = nil }
        }
    }

    /// The open context whose realm `object` belongs to.
    static func openContext(of object: JSObjectRef) -> ScriptContext? {
        guard let realm = JSObjectGetGlobalContext(object) else { return nil }
        let key = Int(bitPattern: UnsafeRawPointer(realm))
        return openContexts.withLock { $0[key]?.context }
    }
}
