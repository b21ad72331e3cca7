/// What scripts in a ``VirtualMachine`` may use before the machine stops them.
public struct ScriptLimits: Sendable, Equatable {
    /// Seconds of CPU time one task (a script's run, an event, a message, a timer, with the promise
    /// jobs it queues) may take; `nil`: no limit.
    public var taskTime: Double?
    /// Bytes of resident memory the whole process may hold; `nil`: no limit. It is the process's
    /// memory, so it fits a process that runs one machine (as `exthost run` does), not a test
    /// process running many hosts at once.
    public var memory: Int?

    /// Creates limits: by default 10 s of CPU a task and no memory limit.
    public init(taskTime: Double? = 10, memory: Int? = nil) {
        self.taskTime = taskTime
        self.memory = memory
    }

    /// No limits at all.
    public static let none = ScriptLimits(taskTime: nil, memory: nil)
}

/// Why the machine stopped a script.
public enum ScriptStopReason: Sendable, Equatable {
    /// A task ran longer than ``ScriptLimits/taskTime``.
    case taskTime
    /// The process held more memory than ``ScriptLimits/memory``.
    case memory
}

/// A script the machine stopped: why, in which task, and where it was running.
public struct ScriptStop: Sendable, Equatable {
    /// Why it was stopped.
    public var reason: ScriptStopReason
    /// The name of the task's context (``ScriptContext/name``).
    public var contextName: String
    /// The innermost frame of the script when it was stopped (`url:line`), when known.
    public var location: String?
}
