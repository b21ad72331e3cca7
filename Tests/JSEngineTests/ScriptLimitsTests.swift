import Testing
@testable import JSEngine

/// The machine stops a task that runs past its CPU limit, in any context, as often as it must,
/// and every context stays usable afterwards.
@Suite("Script limits")
struct ScriptLimitsTests {
    @Test func runawayTasksAreStoppedEveryTimeAndContextsStayUsable() throws {
        let machine = VirtualMachine(limits: ScriptLimits(taskTime: 0.1, memory: nil))
        let first = ScriptContext(machine: machine, name: "first")
        let second = ScriptContext(machine: machine, name: "second")
        try first.evaluate("globalThis.spin = function () { for (;;) {} };", sourceURL: "file:///a.js")
        // Alternate top-level loops and calls, in both contexts: each must be stopped (a stop
        // inside an evaluation once left the next one unstopped when the lock was held across).
        let runs: [(ScriptContext, String)] = [(first, "spin()"), (second, "for (;;) {}"), (first, "spin()"), (first, "while (true) {}"), (second, "for (;;) {}")]
        for (context, source) in runs {
            let (_, stop) = context.runTask { () -> Bool in
                (try? context.execute(source, sourceURL: "file:///b.js")) != nil
            }
            #expect(stop?.reason == .taskTime)
            #expect(stop?.contextName == context.name)
            #expect(stop?.location?.hasPrefix("file:///") == true)
        }
        #expect(try first.evaluate("1 + 2", sourceURL: "file:///c.js").numberValue == 3)
        #expect(try second.evaluate("'still here'", sourceURL: "file:///c.js").stringValue == "still here")
    }

    @Test func aTaskWithinItsLimitIsNotStopped() {
        let machine = VirtualMachine(limits: ScriptLimits(taskTime: 5, memory: nil))
        let context = ScriptContext(machine: machine, name: "quick")
        let (value, stop) = context.runTask { try? context.evaluate("let s = 0; for (let i = 0; i < 1e6; i++) s += i; s", sourceURL: "file:///q.js").numberValue }
        #expect(stop == nil)
        #expect(value == 499_999_500_000)
    }
}
