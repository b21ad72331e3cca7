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
    /// itself may be reached from several machines' threads.)
    private let state = Mutex(State())

    private struct State: @unchecked Sendable {
        var entries: [Int: Slot] = [:]
        var keysByContext: [ObjectIdentifier: Set<Int>] = [:]
    }

    private struct Slot {
        let entry: Entry
        let context: ObjectIdentifier
    }

    /// Keeps `entry` for `function`, a function of `context`, until it is removed or the context closes.
    func register(_ entry: Entry, for function: JSObjectRef, in context: ScriptContext) {
        let key = Int(bitPattern: UnsafeRawPointer(function))
        let owner = ObjectIdentifier(context)
        let isFirst = state.withLock { state -> Bool in
            if let previous = state.entries[key] { state.keysByContext[previous.context]?.remove(key) }
            state.entries[key] = Slot(entry: entry, context: owner)
            let isFirst = state.keysByContext[owner] == nil
            state.keysByContext[owner, default: []].insert(key)
            return isFirst
        }
        // (One action per context and table, not one per function: a context that makes a
        // function per message would otherwise keep every entry until it closes.)
        if isFirst {
            context.onClose { [self] in
                state.withLock { state in
                    for key in state.keysByContext.removeValue(forKey: owner) ?? [] where state.entries[key]?.context == owner {
                        state.entries[key] = nil
                    }
                }
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
        state.withLock { state in
            guard let slot = state.entries[key] else { return }
            state.entries[key] = Slot(entry: entry, context: slot.context)
        }
    }
}
