import Testing
@testable import JSEngine

/// A closed context leaves nothing in the heap once Swift lets go of what it held of it: every
/// protection a ``ScriptValue`` took ends, and nothing of the engine's own keeps the realm.
/// (The collection scans the stack conservatively, so two realms stale stack slots still name
/// are allowed for: a run of the whole suite saw two once; a leak keeps every one of the eight.)
@Suite("Context lifetime")
struct ContextLifetimeTests {
    static let contexts = 8

    @Test func aValueSwiftLetsGoAfterItsContextClosedNoLongerKeepsTheRealm() throws {
        let machine = VirtualMachine()
        // (The machine's first script makes what the engine keeps once per machine.)
        _ = try ScriptContext(machine: machine, name: "first").evaluate("({ list: [1, 2, 3] })", sourceURL: "a.js")
        let before = machine.heapCountsAfterCollection()
        for _ in 0..<Self.contexts {
            let context = ScriptContext(machine: machine, name: "closed")
            let value = try context.evaluate("({ list: [1, 2, 3] })", sourceURL: "a.js")
            withExtendedLifetime(value) { context.close() }
        }
        let after = machine.heapCountsAfterCollection()
        #expect(after.protectedValues == before.protectedValues, "values of closed contexts stay protected: \(before) then \(after)")
        #expect(after.globalObjects <= before.globalObjects + 2, "closed realms stay: \(before) then \(after)")
    }

    @Test func aClosedContextsUnhandledRejectionCallbackNoLongerKeepsTheRealm() throws {
        let machine = VirtualMachine()
        let before = machine.heapCountsAfterCollection()
        for _ in 0..<Self.contexts {
            let context = ScriptContext(machine: machine, name: "closed")
            context.onUnhandledRejection { _, _ in }
            context.close()
        }
        let after = machine.heapCountsAfterCollection()
        #expect(after.globalObjects <= before.globalObjects + 2, "closed realms stay: \(before) then \(after)")
    }
}
