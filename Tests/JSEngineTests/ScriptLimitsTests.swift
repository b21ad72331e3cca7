import Synchronization
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

    /// Endless chains of promise jobs, however they are made; the last is a chain of jobs each
    /// busy for about a millisecond, which a per-job deadline would never stop.
    static let chains = [
        "(function f() { Promise.resolve().then(f); })();",
        "(async () => { for (;;) await 0; })();",
        "(function f() { Promise.reject(0).catch(f); })();",
        "(function f() { for (let i = 0; i < 2e5; i++); Promise.resolve().then(f); })();",
    ]

    /// The promise jobs of a task run inside it, under its deadline: an endless chain is stopped
    /// as an endless loop is, its jobs are discarded, and both contexts go on; the process is
    /// never ended.
    @Test(arguments: chains)
    func anEndlessChainOfPromiseJobsIsStoppedLikeALoop(script: String) throws {
        #expect(VirtualMachine.stopsPromiseJobChains)
        let lastResorts = Counter()
        let machine = VirtualMachine(limits: ScriptLimits(taskTime: 0.1, memory: nil)) { _ in lastResorts.add() }
        let chained = ScriptContext(machine: machine, name: "chained")
        let other = ScriptContext(machine: machine, name: "other")
        try other.evaluate("var got = [];", sourceURL: "file:///o.js")
        for round in 1...3 {
            let (ran, stop) = chained.runTask { (try? chained.execute(script, sourceURL: "file:///chain.js")) != nil }
            #expect(ran)  // the script ran to its end; its jobs were stopped
            #expect(stop?.reason == .taskTime)
            #expect(stop?.contextName == "chained")
            let (_, otherStop) = other.runTask { _ = try? other.execute("Promise.resolve(\(round)).then((v) => got.push(v));", sourceURL: "file:///o.js") }
            #expect(otherStop == nil)
        }
        #expect(try other.evaluate("got.join()", sourceURL: "file:///o.js").stringValue == "1,2,3")
        let (value, stop) = chained.runTask { () -> String? in
            try? chained.evaluate("var later = 0; Promise.resolve().then(() => { later = 42; }); 'ran'", sourceURL: "file:///later.js").stringValue
        }
        #expect(stop == nil)
        #expect(value == "ran")
        #expect(try chained.evaluate("later", sourceURL: "file:///later.js").numberValue == 42)
        #expect(lastResorts.value == 0)
    }

    /// A script stopped by the limit leaves no promise job behind: what it queued never runs, not
    /// in its task and not when a later one runs its own jobs.
    @Test func theJobsOfAStoppedScriptAreDiscarded() throws {
        let machine = VirtualMachine(limits: ScriptLimits(taskTime: 0.1, memory: nil))
        let context = ScriptContext(machine: machine, name: "stopped")
        try context.evaluate("var ran = [];", sourceURL: "file:///a.js")
        let (_, stop) = context.runTask {
            _ = try? context.execute("Promise.resolve().then(() => ran.push('job')); (async () => { await 0; ran.push('await'); })();\nfor (;;) {}", sourceURL: "file:///b.js")
        }
        #expect(stop?.reason == .taskTime)
        #expect(stop?.location?.hasPrefix("file:///b.js:") == true)
        let (_, laterStop) = context.runTask {
            _ = try? context.execute("Promise.resolve().then(() => ran.push('later job'));", sourceURL: "file:///c.js")
        }
        #expect(laterStop == nil)
        #expect(try context.evaluate("ran.join()", sourceURL: "file:///a.js").stringValue == "later job")
    }

    /// Many stops of every kind, alternating between two contexts with tasks that must not be
    /// stopped: a stop never leaks into the next task, and both contexts keep their state.
    @Test func manyStopsInARowLeaveEveryContextWorking() throws {
        let machine = VirtualMachine(limits: ScriptLimits(taskTime: 0.05, memory: nil))
        let contexts = [ScriptContext(machine: machine, name: "a"), ScriptContext(machine: machine, name: "b")]
        for context in contexts { try context.evaluate("var done = 0; var garbage = [];", sourceURL: "file:///setup.js") }
        let runaways = Self.chains + ["for (;;) {}", "Promise.resolve().then(() => { done = -1000; });\nfor (;;) {}"]
        for round in 0..<24 {
            let context = contexts[round % 2]
            let (_, stop) = context.runTask { _ = try? context.execute(runaways[round % runaways.count], sourceURL: "file:///runaway.js") }
            #expect(stop?.reason == .taskTime)
            let (_, quiet) = context.runTask {
                _ = try? context.execute("garbage.push(new Array(10000).fill(done)); Promise.resolve().then(() => { done++; });", sourceURL: "file:///quiet.js")
            }
            #expect(quiet == nil)
        }
        for context in contexts {
            #expect(try context.evaluate("done", sourceURL: "file:///check.js").numberValue == 12)
        }
    }

    /// Making a task one entry puts no frame of the host on the script's stack: a stack read at
    /// top level or in a job has the script's frames only.
    @Test func aTaskAddsNoFrameToStacks() throws {
        let machine = VirtualMachine(limits: ScriptLimits(taskTime: 5, memory: nil))
        let context = ScriptContext(machine: machine, name: "stacks")
        let (_, stop) = context.runTask {
            _ = try? context.execute("var top = new Error().stack; var inJob; Promise.resolve().then(function job() { inJob = new Error().stack; });", sourceURL: "file:///s.js")
        }
        #expect(stop == nil)
        let top = try context.evaluate("top", sourceURL: "file:///t.js").stringValue ?? ""
        let inJob = try context.evaluate("inJob", sourceURL: "file:///t.js").stringValue ?? ""
        #expect(top.hasPrefix("global code@file:///s.js:1:") && !top.contains("\n"), "\(top)")
        #expect(inJob.hasPrefix("job@file:///s.js:1:") && !inJob.contains("\n"), "\(inJob)")
    }

    /// A task's promise jobs run after its body and before the task ends, and a chain of jobs
    /// that ends within the limit is not stopped.
    @Test func aTasksPromiseJobsRunAtItsEnd() throws {
        let machine = VirtualMachine(limits: ScriptLimits(taskTime: 5, memory: nil))
        let context = ScriptContext(machine: machine, name: "jobs")
        try context.evaluate("var order = []; var n = 0;", sourceURL: "t.js")
        let (seen, stop) = context.runTask { () -> String? in
            _ = try? context.execute("Promise.resolve().then(() => order.push('job')); order.push('script');", sourceURL: "t.js")
            _ = try? context.execute("order.push('after'); (function f() { if (++n < 10000) Promise.resolve().then(f); })();", sourceURL: "t.js")
            return try? context.evaluate("order.join()", sourceURL: "t.js").stringValue
        }
        #expect(stop == nil)
        #expect(seen == "script,after")
        #expect(try context.evaluate("order.join() + ' ' + n", sourceURL: "t.js").stringValue == "script,after,job 10000")
    }
}

/// Counts calls from any thread.
private final class Counter: Sendable {
    private let count = Mutex(0)
    func add() { count.withLock { $0 += 1 } }
    var value: Int { count.withLock { $0 } }
}
