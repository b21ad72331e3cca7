import Foundation

/// The event loop that Swift owns: a queue of tasks and a set of timers, over a ``ClockMode``.
///
/// Every task is its own call into JavaScript, so the promise jobs a task queues run before the next
/// task, as in a browser. With the virtual clock (the default) time stands still while tasks run and
/// jumps to the next timer when nothing else is pending, so a 5-second timer fires at once and every
/// run is the same. The loop is not thread-safe: use it from one thread.
public final class EventLoop {
    /// A task: a piece of work that runs to completion.
    public typealias Task = () -> Void

    /// How the loop's clock advances.
    public let clockMode: ClockMode
    /// The wall-clock time (milliseconds since 1970) at which the run started; `Date.now()` is this plus ``now``.
    public let epoch: Double
    private let wallStart: Double

    /// Queued tasks; a slot is emptied when its task runs, so what the task captured is released
    /// at once rather than when the queue is next compacted.
    private var tasks: [Task?] = []
    private var taskHead = 0
    private var timers = TimerQueue()
    private var virtualNow: Double = 0
    /// Real clock: the time at which the current batch of tasks began (the loop last turned to its
    /// timers). Timers and hops started during the batch are ordered from it, as if time stood still
    /// while the batch ran, as it does with the virtual clock.
    private var batchStart: Double = 0

    /// The time timers and hops started now are ordered from.
    private var orderingNow: Double {
        switch clockMode {
        case .virtual: return virtualNow
        case .real: return batchStart
        }
    }

    /// Creates a loop. The clock starts at 0.
    public init(clockMode: ClockMode = .virtual) {
        self.clockMode = clockMode
        let wall = Date().timeIntervalSince1970 * 1000
        epoch = wall
        wallStart = ProcessInfo.processInfo.systemUptime * 1000
    }

    /// Milliseconds since the loop started, on its clock (what `performance.now()` returns).
    public var now: Double {
        switch clockMode {
        case .virtual: return virtualNow
        case .real: return ProcessInfo.processInfo.systemUptime * 1000 - wallStart
        }
    }

    /// Asked before each task: when it returns true, ``run(maxTime:until:)`` stops at once with
    /// ``RunOutcome/interrupted`` (the host uses it to end a run over its memory limit).
    public var interruption: (() -> Bool)?

    /// Whether tasks, timers or outside work (``beginOutsideWork()``) are waiting.
    public var hasPendingWork: Bool { taskHead < tasks.count || !timers.isEmpty || isWaitingForOutsideWork }

    /// Work done outside the loop's thread (a network request) whose answer comes back as a task:
    /// how many pieces have begun and not ended, and the tasks they sent, in the order they came.
    /// Guarded by ``outsideArrived``'s lock.
    private var outsidePending = 0
    private var outsideInbox: [Task] = []
    private let outsideArrived = NSCondition()

    /// Says that work outside the loop's thread has begun: until it ends with
    /// ``finishOutsideWork(_:)``, the loop waits for it before its clock moves on to a later
    /// timer (with the virtual clock the answer comes, as it were, in no time; with the real
    /// clock the loop waits for whichever comes first).
    public func beginOutsideWork() {
        outsideArrived.lock()
        outsidePending += 1
        outsideArrived.unlock()
    }

    /// Ends a piece of outside work, queueing `task` (on the loop's thread, as a task of its own).
    /// May be called from any thread.
    public func finishOutsideWork(_ task: @escaping Task) {
        outsideArrived.lock()
        outsidePending -= 1
        outsideInbox.append(task)
        outsideArrived.signal()
        outsideArrived.unlock()
    }

    /// Whether outside work has begun and not ended.
    private var isWaitingForOutsideWork: Bool {
        outsideArrived.lock()
        defer { outsideArrived.unlock() }
        return outsidePending > 0
    }

    /// Moves what outside work sent into the queue; true when there was any.
    private func takeOutsideTasks() -> Bool {
        outsideArrived.lock()
        let arrived = outsideInbox
        outsideInbox.removeAll()
        outsideArrived.unlock()
        tasks.append(contentsOf: arrived)
        return !arrived.isEmpty
    }

    /// Waits until outside work sends a task or `deadline` (milliseconds on the loop's clock,
    /// real clock only) passes.
    private func waitForOutsideWork(until deadline: Double?) {
        outsideArrived.lock()
        defer { outsideArrived.unlock() }
        while outsideInbox.isEmpty && outsidePending > 0 {
            if let deadline {
                let wait = deadline - now
                if wait <= 0 { return }
                _ = outsideArrived.wait(until: Date(timeIntervalSinceNow: wait / 1000))
            } else {
                outsideArrived.wait()
            }
        }
    }

    /// Adds a task at the end of the queue.
    public func enqueue(_ task: @escaping Task) {
        tasks.append(task)
    }

    /// Starts a timer that runs `action` after `delay` milliseconds (and every `delay` milliseconds
    /// if `repeats`), as a task of its own. Timers due at the same time fire in the order they were started.
    ///
    /// - Parameters:
    ///   - owner: a tag for ``cancelTimers(owner:)``, such as the id of the context that made the timer.
    ///   - keepsLoopAlive: false for a timer that does not keep ``run(maxTime:until:)`` going: when
    ///     only such timers are left, the loop is idle (a watchdog, such as a test's time limit).
    @discardableResult
    public func startTimer(after delay: Double, repeats: Bool = false, owner: Int = 0, keepsLoopAlive: Bool = true, _ action: @escaping Task) -> TimerID {
        let interval = delay.isFinite ? max(0, delay) : 0
        return timers.insert(due: orderingNow + interval, fireAt: now + interval, interval: repeats ? interval : nil, owner: owner,
                             keepsLoopAlive: keepsLoopAlive, action: action)
    }

    /// Schedules `action` after a hop: a step that takes `delay` milliseconds in a browser (a message
    /// crossing between processes) but nothing here. With the virtual clock it is a timer like any
    /// other. With the real clock the delay only orders it among the timers: it runs as soon as every
    /// timer ahead of it (due earlier, or as early and started first) has fired, without waiting for
    /// its own due time, so a `setTimeout(0)` set before or just after a message leaves still fires
    /// before the answer comes back, in both modes.
    @discardableResult
    public func startHop(after delay: Double, _ action: @escaping Task) -> TimerID {
        let interval = delay.isFinite ? max(0, delay) : 0
        return timers.insert(due: orderingNow + interval, fireAt: now + interval, interval: nil, owner: 0, isHop: true, action: action)
    }

    /// Cancels a timer; cancelling one that fired or was cancelled does nothing.
    public func cancelTimer(_ id: TimerID) {
        timers.remove(id)
    }

    /// Cancels every timer started with `owner`.
    public func cancelTimers(owner: Int) {
        timers.removeAll(owner: owner)
    }

    /// Runs tasks and timers until nothing is left (no task, and no timer that keeps the loop
    /// running), or until the clock passes `maxTime` milliseconds.
    ///
    /// - Parameter condition: when given, the run also ends as soon as no task is queued and
    ///   `condition` returns true (timers may still be pending).
    /// - Returns: why the run ended.
    @discardableResult
    public func run(maxTime: Double? = nil, until condition: () -> Bool = { false }) -> RunOutcome {
        startBatch()
        while true {
            if let maxTime, now > maxTime { return .timeLimit }
            if let interruption, interruption() { return .interrupted }
            if taskHead < tasks.count {
                let task = tasks[taskHead]
                tasks[taskHead] = nil
                taskHead += 1
                if taskHead > 1024, taskHead * 2 > tasks.count {
                    tasks.removeFirst(taskHead)
                    taskHead = 0
                }
                task?()
                continue
            }
            // (`next` first: it drops cancelled timers, and what their actions hold, from the queue.)
            let next = timers.next
            // Outside work comes back after the timers due now and before any later one: with the
            // virtual clock at once; with the real clock whichever comes first.
            let timerDueNow = next.map { $0.fireAt <= now } ?? false
            if !timerDueNow, takeOutsideTasks() { continue }
            if condition() { return .conditionMet }
            let outsidePending = isWaitingForOutsideWork
            if outsidePending, !timerDueNow {
                waitForOutsideWork(until: clockMode == .real ? next.map(\.fireAt) ?? maxTime : nil)
                if takeOutsideTasks() { continue }
                if clockMode == .virtual || next == nil { continue }
            }
            guard let next, timers.keepsLoopAlive || outsidePending else { return .idle }
            // With the real clock a hop first in line is due now: only a timer is waited for.
            let hopsEarly = clockMode == .real
            let due = hopsEarly && next.isHop ? min(next.fireAt, now) : next.fireAt
            if let maxTime, due > maxTime {
                advance(to: maxTime)
                return .timeLimit
            }
            advance(to: due)
            startBatch()
            while let (id, action) = timers.popDue(at: now, hopsEarly: hopsEarly) {
                enqueue { [weak self] in
                    guard let self, timers.isLive(id) else { return }
                    timers.finish(id)
                    action()
                }
            }
        }
    }

    /// Real clock: the tasks from here on are one batch, ordered from this time.
    private func startBatch() {
        if clockMode == .real { batchStart = max(batchStart, now) }
    }

    private func advance(to time: Double) {
        switch clockMode {
        case .virtual:
            virtualNow = max(virtualNow, time)
        case .real:
            let wait = time - now
            if wait > 0 { Thread.sleep(forTimeInterval: wait / 1000) }
        }
    }
}

/// How an ``EventLoop``'s clock advances.
public enum ClockMode: Sendable {
    /// Time stands still while work is pending and jumps to the next timer when the loop is idle.
    case virtual
    /// The wall clock: timers wait for real.
    case real
}

/// Why ``EventLoop/run(maxTime:)`` returned.
public enum RunOutcome: Sendable, Equatable {
    /// No task or timer was left.
    case idle
    /// The clock passed the time limit with work still pending.
    case timeLimit
    /// The condition given to the run became true.
    case conditionMet
    /// The loop's ``EventLoop/interruption`` asked it to stop.
    case interrupted
}

/// Identifies a timer of an ``EventLoop``.
public struct TimerID: Hashable, Sendable {
    let value: Int
}
