import CJavaScriptCore
import Foundation

/// One JavaScriptCore virtual machine: a context group, with one heap and one lock.
///
/// Every ``ScriptContext`` of a host belongs to the same machine, so contexts are cheap (about
/// 100 KiB each) and values can be compared across them; they still never see each other's globals.
/// A machine and its contexts must be used from one thread at a time.
public final class VirtualMachine {
    /// The underlying context group.
    let group: JSContextGroupRef
    /// Enforces ``limits``.
    private let watchdog: ScriptWatchdog
    /// Whether a task is running (tasks do not nest).
    private var inTask = false

    /// A bare realm of the machine's own, released with the machine: what a ``ScriptValue`` of a
    /// closed context is unprotected through (its context's global context may be gone by then).
    /// Made with the machine, since a value may go while the engine collects (a native function's
    /// finalizer lets its body go), when no realm should be made.
    let anchorRealm: JSGlobalContextRef

    /// A function of ``anchorRealm`` that does nothing (kept protected until the machine goes):
    /// what a closed context's unhandled-rejection callback becomes (``ScriptContext/close()``).
    /// Made with the first such callback, never while the engine collects.
    private(set) lazy var inertFunction: JSObjectRef = {
        let function = JSObjectMakeFunctionWithCallback(anchorRealm, nil) { ctx, _, _, _, _, _ in JSValueMakeUndefined(ctx) }!
        JSValueProtect(anchorRealm, function)
        madeInertFunction = true
        return function
    }()
    private var madeInertFunction = false

    /// Creates a machine with a new context group.
    ///
    /// - Parameters:
    ///   - limits: what a task and the process may use before the machine stops the script.
    ///   - lastResort: called (on another thread) when a task is still running well past its
    ///     limit because the engine did not stop it (an endless chain of promise jobs, when this
    ///     JavaScriptCore lacks what ``stopsPromiseJobChains`` needs; or a process over its memory
    ///     limit in a task that never yields). It must end the process; the default prints the stop
    ///     to standard error and exits with status 1.
    public init(limits: ScriptLimits = ScriptLimits(), lastResort: (@Sendable (ScriptStop) -> Void)? = nil) {
        Self.configureEngine
        group = JSContextGroupCreate()
        anchorRealm = JSGlobalContextCreateInGroup(group, nil)!
        watchdog = ScriptWatchdog(limits: limits, lastResort: lastResort ?? { Self.exitWithReport($0, limits: limits) })
        watchdog.arm(group)
        watchdog.startMonitor()
    }

    /// JavaScriptCore's options, set once before its first machine.
    ///
    /// `usePollingTraps`: compiled loops check for a pending stop on every turn. Without it the
    /// engine's time limit relies on signals to reach running code, and JavaScriptCore-GTK 2.50
    /// then missed stops: after one script was stopped, a later endless loop in the same group
    /// often ran on forever.
    ///
    /// `useEagerCodeBlockJettisonTiming` (unless the environment sets it): compiled code that is
    /// not running is let go at the next collection once it is 10 ms (interpreter) to 120 ms
    /// (optimized) old, rather than 5 to 60 s; it is compiled again from the parse the engine keeps
    /// if it runs again. Every context runs the host's modules that load in it once, and a module
    /// of which one function lives keeps all of its code that ran (each function's executable holds
    /// its script's top-level one, which holds the rest): a content-script world that uses the DOM
    /// kept about 300 KiB of code it would not run again. With this, 1,255 → 935 KiB per such world
    /// and 261 → 252 KiB per idle content-script context (`exthost bench`, medians of 3 side by
    /// side); the test suite takes as long (197 s and 198 s).
    private static let configureEngine: Void = {
        setenv("JSC_usePollingTraps", "true", 1)
        setenv("JSC_useEagerCodeBlockJettisonTiming", "true", 0)
    }()

    /// Copies bytes out of and into scripts' buffers (made on first use).
    var bufferCopier: BufferCopier {
        if let madeBufferCopier { return madeBufferCopier }
        let copier = BufferCopier(group: group)
        madeBufferCopier = copier
        return copier
    }
    private var madeBufferCopier: BufferCopier?

    deinit {
        madeBufferCopier?.close()
        watchdog.stop()
        for entry in parsedScripts.values { JSScriptRelease(entry.script) }
        if madeInertFunction { JSValueUnprotect(anchorRealm, inertFunction) }
        JSGlobalContextRelease(anchorRealm)
        JSContextGroupClearExecutionTimeLimit(group)
        JSContextGroupRelease(group)
    }

    /// Each ``ScriptSource`` parsed for this machine (kept alive with its parse), by identity.
    private var parsedScripts: [ObjectIdentifier: (source: ScriptSource, script: JSScriptRef)] = [:]

    /// `source` parsed for this machine's contexts, made on first use; nil when it has a syntax
    /// error (evaluating it as text then reports the error), when it is run once
    /// (``ScriptSource/isRunOnce``), or when it does not start at line 1: JavaScriptCore's
    /// `JSScriptEvaluate` numbers a parsed script's lines from 1 whatever line it was made with,
    /// so such a script is evaluated as text, which keeps its lines (a web page's inline script).
    func parsedScript(_ source: ScriptSource) -> JSScriptRef? {
        guard !source.isRunOnce, source.startingLine == 1 else { return nil }
        if let entry = parsedScripts[ObjectIdentifier(source)] { return entry.script }
        guard let script = JSScriptCreateFromString(group, source.urlString, Int32(source.startingLine), source.text, nil, nil) else { return nil }
        parsedScripts[ObjectIdentifier(source)] = (source, script)
        return script
    }

    /// What the machine's heap holds after a full collection: how many objects, global objects
    /// (one per open realm and per realm something still holds) and protected values. For tests
    /// and measurements: a closed context must leave nothing behind. (The machine's own bare
    /// realm, ``anchorRealm``, is one of the global objects.)
    public func heapCountsAfterCollection() -> HeapCounts {
        JSSynchronousGarbageCollectForDebugging(anchorRealm)
        let statistics = JSGetMemoryUsageStatistics(anchorRealm)!
        func count(_ name: String) -> Int {
            Int(withJSString(name) { JSValueToNumber(anchorRealm, JSObjectGetProperty(anchorRealm, statistics, $0, nil), nil) })
        }
        return HeapCounts(objects: count("objectCount"), globalObjects: count("globalObjectCount"),
                          protectedValues: count("protectedObjectCount"), heapSize: count("heapSize"))
    }

    /// The limits the machine enforces.
    public var limits: ScriptLimits { watchdog.limits }

    /// Whether the process holds more memory than ``ScriptLimits/memory`` allows.
    public var isOverMemoryLimit: Bool { watchdog.isOverMemoryLimit }

    /// Whether the running task's script is being stopped: what it throws now is the machine's
    /// termination, not an error of the script's own.
    public var isStopping: Bool { watchdog.hasStop }

    /// Runs one task (a top-level call into a context and the promise jobs it queues) under the
    /// limits. Returns the body's result and, when the machine stopped the script, why and where.
    ///
    /// The task is one entry into the engine, so one deadline covers all of it: the machine enters
    /// the engine and takes its lock (``ExthostTaskBegin``), `body`'s calls into the engine are
    /// nested in that entry (none runs promise jobs when it returns), and the jobs then run still
    /// inside it (``ExthostTaskEnd``). When the time limit stops the body or a job, the jobs still
    /// queued are discarded and the context stays usable. Without the engine's hooks, `body` runs
    /// holding the lock and the jobs run when it is released, each an entry of its own: the
    /// monitor's last resort is then what ends an endless chain.
    func runTask<Result>(in context: ScriptContext, _ body: () -> Result) -> (Result, ScriptStop?) {
        if inTask { return (body(), nil) }
        inTask = true
        watchdog.taskStarted(contextName: context.name)
        let result: Result
        if var hooks = Self.taskHooks, !context.isClosed {
            var task = ExthostTask()
            ExthostTaskBegin(&hooks, group, context.ref, &task)
            result = body()
            ExthostTaskEnd(&hooks, group, context.ref, &task, watchdog.hasStop)
        } else {
            result = context.withLock(body)
        }
        let stop = watchdog.taskEnded()
        inTask = false
        return (result, stop)
    }

    /// From a native function called by `context`'s script, while the machine stops the running
    /// task: raises the engine's termination, so the script that called the native stops too
    /// (passing on what the native's own call into a script threw would make an ordinary,
    /// catchable exception of it). Returns false when the engine's hooks are missing.
    func raiseTermination(in context: ScriptContext) -> Bool {
        guard isStopping, var hooks = Self.taskHooks else { return false }
        ExthostRaiseTermination(&hooks, group, context.ref)
        return true
    }

    /// The engine's functions for making a task one entry; `nil` when this JavaScriptCore does not
    /// export them all.
    static let taskHooks: ExthostTaskHooks? = {
        let hooks = ExthostTaskHooksLookUp()
        return hooks.drainMicrotasks == nil ? nil : hooks
    }()

    /// Whether the machine runs a task's promise jobs under the task's own deadline, so that the
    /// time limit stops an endless chain of them as it stops an endless loop.
    public static var stopsPromiseJobChains: Bool { taskHooks != nil }

    /// The default last resort: report on standard error and end the process with status 1.
    @Sendable static func exitWithReport(_ stop: ScriptStop, limits: ScriptLimits) {
        let what = stop.reason == .taskTime
            ? "script timeout in \(stop.contextName): it never yields and the engine could not stop it\(stopsPromiseJobChains ? "" : " (an endless chain of promise jobs cannot be interrupted)"), so the run ends here."
            : "memory limit exceeded in \(stop.contextName): the run holds more than \((limits.memory ?? 0) >> 20) MB, so it ends here (--heap-limit sets the limit)."
        fflush(nil)
        FileHandle.standardError.write(Data("exthost: \(what)\n".utf8))
        _exit(1)
    }
}

/// What a machine's heap holds after a full collection (``VirtualMachine/heapCountsAfterCollection()``).
public struct HeapCounts: Equatable, Sendable {
    /// The live objects.
    public var objects: Int
    /// The live global objects: one per realm still open or still held.
    public var globalObjects: Int
    /// The values protected from collection: ``ScriptValue``s, a context's own, and the engine's
    /// strong handles (a global object's unhandled-rejection callback).
    public var protectedValues: Int
    /// The bytes of the heap in use.
    public var heapSize: Int
}
