import CJavaScriptCore
import Synchronization

/// What each function made by the C API with a shared callback (``NativeFunction/makeCallbackFunction(name:length:in:callback:)``)
/// stands for, found by the function's address: such a function carries no data of its own, and
/// the engine never moves an object. An entry lives while its context is open (the context's
/// objects are not collected before it closes, so the address is not reused before then).
/// Builtin functions, forwarding functions and lazy functions each keep one table.
final class CallbackFunctionTable<Entry: AnyObject>: Sendable {
    /// The entries, by the function's address. (Each entry is used only on the thread of its
    /// context's machine; the table itself may be reached from several machines' threads.)
    private let entries = Mutex<[Int: Slot]>([:])

    private struct Slot: @unchecked Sendable {
        let entry: Entry
    }

    /// Keeps `entry` for `function`, a function of `context`, until the context closes.
    func register(_ entry: Entry, for function: JSObjectRef, in context: ScriptContext) {
        let key = Int(bitPattern: UnsafeRawPointer(function))
        entries.withLock { $0[key] = Slot(entry: entry) }
        context.onClose { [self] in entries.withLock { if $0[key]?.entry === entry { $0[key] = nil } } }
    }

    /// The entry of `function`, if it is a function of an open context in this table.
    func entry(for function: JSObjectRef?) -> Entry? {
        guard let function else { return nil }
        return entries.withLock { $0[Int(bitPattern: UnsafeRawPointer(function))]?.entry }
    }
}
