import CJavaScriptCore
import Synchronization

/// What each function made by the C API with a shared callback (``NativeFunction/makeCallbackFunction(name:length:in:callback:)``)
/// stands for, found by the function's address: such a function carries no data of its own, and
/// the engine never moves an object. An entry lives until it is removed or its context closes
/// (the table cannot see the engine collect a function; whoever knows a function is done with its
/// entry removes it: a one-time message's `sendResponse` once the message is answered or closed).
/// A collected function's address may be reused by a later one of the same context, whose entry
/// then takes its place. Builtin functions, forwarding functions and lazy functions each keep one table.
final class CallbackFunctionTable<Entry: AnyObject>: Sendable {
    /// The entries, by the function's address, and the addresses of each open context's entries,
    /// by the context. (Each entry is used only on the thread of its context's machine; the table
    /// itself may be reached from several machines' threads. An entry that leaves the table is let
    /// go after the lock is released: letting it go may take an engine's lock, or close a context,
    /// whose own close action takes this lock again.)
    private let state = Mutex(State())

    private struct State: @unchecked Sendable {
        var entries: [Int: Slot] = [:]
        var keysByContext: [ObjectIdentifier: Set<Int>] = [:]
    }

    private struct Slot: @unchecked Sendable {  // each used only on its context's machine's thread
        let entry: Entry
        let context: ObjectIdentifier
    }

    /// Keeps `entry` for `function`, a function of `context`, until it is removed or the context closes.
    func register(_ entry: Entry, for function: JSObjectRef, in context: ScriptContext) {
        let key = Int(bitPattern: UnsafeRawPointer(function))
        let owner = ObjectIdentifier(context)
        let (isFirst, previous) = state.withLock { state -> (Bool, Slot?) in
            let previous = state.entries.updateValue(Slot(entry: entry, context: owner), forKey: key)
            if let previous { state.keysByContext[previous.context]?.remove(key) }
            let isFirst = state.keysByContext[owner] == nil
            state.keysByContext[owner, default: []].insert(key)
            return (isFirst, previous)
        }
        withExtendedLifetime(previous) {}
        // (One action per context and table, not one per function: a context that makes a
        // function per message would otherwise keep every entry until it closes.)
        if isFirst {
            context.onClose { [self] in
                let removed = state.withLock { state -> [Slot] in
                    var removed: [Slot] = []
                    for key in state.keysByContext.removeValue(forKey: owner) ?? [] where state.entries[key]?.context == owner {
                        if let slot = state.entries.removeValue(forKey: key) { removed.append(slot) }
                    }
                    return removed
                }
                withExtendedLifetime(removed) {}
            }
        }
    }

    /// The entry of `function`, if it is a function of an open context in this table.
    func entry(for function: JSObjectRef?) -> Entry? {
        guard let function else { return nil }
        return state.withLock { $0.entries[Int(bitPattern: UnsafeRawPointer(function))]?.entry }
    }

    /// Replaces the entry of `function` (a function of this table) with `entry`; does nothing for
    /// any other object.
    func replace(_ function: JSObjectRef, with entry: Entry) {
        let key = Int(bitPattern: UnsafeRawPointer(function))
        let previous = state.withLock { state -> Slot? in
            guard let slot = state.entries[key] else { return nil }
            return state.entries.updateValue(Slot(entry: entry, context: slot.context), forKey: key)
        }
        withExtendedLifetime(previous) {}
    }
}
