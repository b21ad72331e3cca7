import CJavaScriptCore

/// One JavaScriptCore virtual machine: a context group, with one heap and one lock.
///
/// Every ``ScriptContext`` of a host belongs to the same machine, so contexts are cheap (about
/// 100 KiB each) and values can be compared across them; they still never see each other's globals.
/// A machine and its contexts must be used from one thread at a time.
public final class VirtualMachine {
    /// The underlying context group.
    let group: JSContextGroupRef

    /// Creates a machine with a new context group.
    public init() {
        group = JSContextGroupCreate()
    }

    deinit {
        JSContextGroupRelease(group)
    }
}
