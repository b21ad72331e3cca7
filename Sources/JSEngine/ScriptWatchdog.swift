import CJavaScriptCore
import Foundation
import Synchronization

/// Enforces a machine's ``ScriptLimits``: stops a task that runs too long or a process that holds
/// too much memory.
///
/// Two mechanisms:
///
/// 1. JavaScriptCore's execution time limit (`JSContextGroupSetExecutionTimeLimit`), set to the
///    task's limit, calls ``shouldTerminate(_:)`` when one entry into the engine has run that
///    long. It stops the script there with an uncatchable termination, and the machine stays
///    usable, so the other contexts go on. The machine makes each task one entry, its promise
///    jobs included (``VirtualMachine/runTask(in:_:)``), so an endless chain of jobs is stopped
///    as an endless loop is.
/// 2. A monitor thread watches the task's CPU time and the process's memory; when a task is still
///    running well past its limit (the engine did not stop it: an endless chain of promise jobs
///    when this JavaScriptCore lacks the hooks that run them inside the task, or a task that
///    keeps growing past the memory limit), it calls the machine's last resort, which ends the
///    process with a report.
final class ScriptWatchdog: @unchecked Sendable {  // shared with the monitor thread through atomics and a mutex only
    let limits: ScriptLimits

    /// Incremented when a task starts; the monitor compares it to know a task has moved on.
    private let taskSerial = Atomic<Int>(0)
    /// Whether a task is running.
    private let taskRunning = Atomic<Bool>(false)
    /// CPU time (nanoseconds of the task's thread) when the task started.
    private let taskStartCPU = Atomic<Int64>(0)
    /// The task's thread's CPU clock, as `clockid_t` widened.
    private let taskClock = Atomic<Int64>(Int64(CLOCK_THREAD_CPUTIME_ID))
    /// Set by the monitor when the process holds more memory than allowed.
    private let memoryExceeded = Atomic<Bool>(false)
    /// Set when the monitor thread should end.
    private let finished = Atomic<Bool>(false)
    /// The running task's context name, and the stop the engine made, for the loop to report.
    private let state = Mutex<(contextName: String, stop: ScriptStop?)>(("", nil))
    private let lastResort: @Sendable (ScriptStop) -> Void

    init(limits: ScriptLimits, lastResort: @escaping @Sendable (ScriptStop) -> Void) {
        self.limits = limits
        self.lastResort = lastResort
    }

    /// Starts the monitor thread (when there is a limit to watch).
    func startMonitor() {
        guard limits.taskTime != nil || limits.memory != nil else { return }
        let thread = Thread { [self] in monitor() }
        thread.name = "exthost.watchdog"
        thread.stackSize = 256 << 10
        thread.start()
    }

    /// Ends the monitor thread.
    func stop() {
        finished.store(true, ordering: .relaxed)
    }

    /// Sets the engine's time limit on `group` to the task's CPU limit.
    func arm(_ group: JSContextGroupRef?) {
        guard let group, let limit = limits.taskTime else { return }
        let box = Unmanaged.passUnretained(self).toOpaque()
        JSContextGroupSetExecutionTimeLimit(group, limit, { context, data in
            guard let context, let data else { return false }
            return Unmanaged<ScriptWatchdog>.fromOpaque(data).takeUnretainedValue().shouldTerminate(context)
        }, box)
    }

    // MARK: - Tasks

    /// Marks the start of a task on the current thread.
    func taskStarted(contextName: String) {
        var clock = clockid_t()
        pthread_getcpuclockid(pthread_self(), &clock)
        taskClock.store(Int64(clock), ordering: .relaxed)
        taskStartCPU.store(Self.cpuTime(clock), ordering: .relaxed)
        state.withLock { $0.contextName = contextName }
        taskSerial.add(1, ordering: .relaxed)
        taskRunning.store(true, ordering: .releasing)
    }

    /// Marks the end of the task and returns the stop the engine made in it, if any.
    func taskEnded() -> ScriptStop? {
        taskRunning.store(false, ordering: .releasing)
        return state.withLock { state in
            defer { state.stop = nil }
            return state.stop
        }
    }

    /// Whether the engine has been told to stop the running task's script.
    var hasStop: Bool { state.withLock { $0.stop != nil } }

    /// Whether the process holds more memory than allowed (checked between tasks too).
    var isOverMemoryLimit: Bool { memoryExceeded.load(ordering: .relaxed) }

    /// Asked by the engine, on the task's thread, when one entry into the engine has run for the
    /// task's whole CPU limit: the script is stopped.
    func shouldTerminate(_ context: JSContextRef) -> Bool {
        let reason: ScriptStopReason = memoryExceeded.load(ordering: .relaxed) ? .memory : .taskTime
        let location = Self.innermostFrame(context)
        state.withLock { state in
            if state.stop == nil { state.stop = ScriptStop(reason: reason, contextName: state.contextName, location: location) }
        }
        return true
    }

    // MARK: - Monitor

    private func monitor() {
        var watchedSerial = -1
        var overSince: Double?
        // How long past its limit (in the task's own CPU time) a task may run before the last
        // resort: long enough that the engine's own stop comes first even on a starved machine.
        let grace = max(2.0, limits.taskTime ?? 0)
        while !finished.load(ordering: .relaxed) {
            Thread.sleep(forTimeInterval: 0.05)
            if let memory = limits.memory, Self.residentBytes() > memory {
                memoryExceeded.store(true, ordering: .relaxed)
            }
            guard taskRunning.load(ordering: .acquiring) else { overSince = nil; continue }
            let serial = taskSerial.load(ordering: .relaxed)
            if serial != watchedSerial { watchedSerial = serial; overSince = nil }
            let cpu = Double(Self.cpuTime(clockid_t(taskClock.load(ordering: .relaxed))) - taskStartCPU.load(ordering: .relaxed)) / 1e9
            let overTime = limits.taskTime.map { cpu > $0 } ?? false
            guard overTime || memoryExceeded.load(ordering: .relaxed) else { overSince = nil; continue }
            // Give the engine's own check time to stop the script first, in the task's own CPU
            // time (wall time would run out on a busy machine before the task ran).
            if overSince == nil { overSince = cpu }
            if let since = overSince, cpu - since > grace {
                let name = state.withLock { $0.contextName }
                lastResort(ScriptStop(reason: overTime ? .taskTime : .memory, contextName: name, location: nil))
                return
            }
        }
    }

    // MARK: - Measuring

    static func cpuTime(_ clock: clockid_t) -> Int64 {
        var time = timespec()
        clock_gettime(clock, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }

    /// The process's resident memory, from `/proc/self/statm`.
    static func residentBytes() -> Int {
        guard let file = fopen("/proc/self/statm", "r") else { return 0 }
        defer { fclose(file) }
        var size = 0, resident = 0
        guard withUnsafeMutablePointer(to: &size, { sizePointer in
            withUnsafeMutablePointer(to: &resident) { residentPointer in
                withVaList([sizePointer, residentPointer]) { vfscanf(file, "%ld %ld", $0) }
            }
        }) == 2 else { return 0 }
        return resident * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// The innermost frame of the running script, as `url:line`, from JavaScriptCore's backtrace
    /// (lines like `#0 f() at file:///bg.js:3`). JavaScriptCore updates a frame's line at calls and
    /// some expressions, not on every loop turn, so the line is where the frame last was seen:
    /// the loop itself or a line above it in the same function. `nil` when no frame is the
    /// extension's: a promise job stopped in the engine's own code (`await` resuming a function).
    static func innermostFrame(_ context: JSContextRef) -> String? {
        guard let trace = JSContextCreateBacktrace(context, 8) else { return nil }
        defer { JSStringRelease(trace) }
        let text = String(jsString: trace)
        for line in text.split(separator: "\n") {
            guard let at = line.range(of: " at ", options: .backwards) else { continue }
            let location = line[at.upperBound...]
            // The host's own scripts, native functions and the engine's built-in functions (a
            // promise job's `promiseReactionJob() at :1`) are not places in the extension.
            if location.hasPrefix("exthost:") || location.hasPrefix("[native") || location.hasPrefix(":") { continue }
            return String(location)
        }
        return nil
    }
}
