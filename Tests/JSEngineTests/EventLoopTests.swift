import Foundation
import Testing
@testable import JSEngine

@Suite("EventLoop")
struct EventLoopTests {
    @Test func tasksRunInOrderBeforeTimers() {
        let loop = EventLoop()
        var order: [String] = []
        loop.startTimer(after: 0) { order.append("timer") }
        loop.enqueue { order.append("a") }
        loop.enqueue {
            order.append("b")
            loop.enqueue { order.append("c") }
        }
        #expect(loop.run() == .idle)
        #expect(order == ["a", "b", "c", "timer"])
    }

    /// A box the other thread's work writes into (the test reads it after the loop ran).
    final class Box: @unchecked Sendable {
        var order: [String] = []
    }

    @Test func outsideWorkComesBackBeforeLaterTimersWithTheVirtualClock() {
        let loop = EventLoop()
        let box = Box()
        loop.startTimer(after: 0) { box.order.append("timer 0") }
        loop.startTimer(after: 50) { box.order.append("timer 50") }
        loop.beginOutsideWork()
        let finish = { loop.finishOutsideWork { box.order.append("outside") } }
        nonisolated(unsafe) let unsafeFinish = finish
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: 0.05)
            unsafeFinish()
        }
        #expect(loop.run() == .idle)
        #expect(box.order == ["timer 0", "outside", "timer 50"])
        #expect(loop.now == 50)
    }

    @Test func outsideWorkKeepsTheLoopRunningAndWaitsWithTheRealClock() {
        let loop = EventLoop(clockMode: .real)
        let box = Box()
        loop.beginOutsideWork()
        #expect(loop.hasPendingWork)
        nonisolated(unsafe) let finish = { loop.finishOutsideWork { box.order.append("outside") } }
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: 0.02)
            finish()
        }
        #expect(loop.run() == .idle)
        #expect(box.order == ["outside"])
        #expect(!loop.hasPendingWork)
    }

    @Test func aTimerThatKeepsNoLoopRunningFiresOnlyAmongOthers() {
        let loop = EventLoop()
        var fired: [String] = []
        loop.startTimer(after: 500, keepsLoopAlive: false) { fired.append("watchdog") }
        #expect(loop.run() == .idle)
        #expect(fired.isEmpty && loop.now == 0)
        loop.startTimer(after: 1000) { fired.append("work") }
        #expect(loop.run() == .idle)
        #expect(fired == ["watchdog", "work"])
        #expect(loop.now == 1000)
        let cancelled = loop.startTimer(after: 10) { fired.append("cancelled") }
        loop.startTimer(after: 20, keepsLoopAlive: false) { fired.append("late watchdog") }
        loop.cancelTimer(cancelled)
        #expect(loop.run() == .idle)
        #expect(fired == ["watchdog", "work"])
    }

    @Test func virtualTimeJumpsToTheNextTimer() {
        let loop = EventLoop(clockMode: .virtual)
        var fired: [(String, Double)] = []
        loop.startTimer(after: 5000) { fired.append(("5s", loop.now)) }
        loop.startTimer(after: 10) { fired.append(("10ms", loop.now)) }
        loop.startTimer(after: 10) { fired.append(("10ms-second", loop.now)) }
        #expect(loop.run() == .idle)
        #expect(fired.map(\.0) == ["10ms", "10ms-second", "5s"])
        #expect(fired.map(\.1) == [10, 10, 5000])
        #expect(loop.now == 5000)
    }

    @Test func cancelledTimersDoNotFireEvenWhenAlreadyDue() {
        let loop = EventLoop()
        var fired: [String] = []
        var second: TimerID?
        loop.startTimer(after: 10) {
            fired.append("first")
            if let second { loop.cancelTimer(second) }
        }
        second = loop.startTimer(after: 10) { fired.append("second") }
        loop.run()
        #expect(fired == ["first"])
    }

    @Test func intervalsRepeatUntilCancelledOrTheTimeLimit() {
        let loop = EventLoop()
        var ticks: [Double] = []
        var interval: TimerID?
        interval = loop.startTimer(after: 100, repeats: true) {
            ticks.append(loop.now)
            if ticks.count == 3, let interval { loop.cancelTimer(interval) }
        }
        #expect(loop.run() == .idle)
        #expect(ticks == [100, 200, 300])

        let endless = EventLoop()
        var count = 0
        endless.startTimer(after: 1000, repeats: true) { count += 1 }
        #expect(endless.run(maxTime: 10_000) == .timeLimit)
        #expect(count == 10)
        #expect(endless.now == 10_000)
    }

    @Test func timersOfAnOwnerAreCancelledTogether() {
        let loop = EventLoop()
        var fired: [Int] = []
        loop.startTimer(after: 1, owner: 1) { fired.append(1) }
        loop.startTimer(after: 2, repeats: true, owner: 1) { fired.append(1) }
        loop.startTimer(after: 3, owner: 2) { fired.append(2) }
        loop.cancelTimers(owner: 1)
        loop.run()
        #expect(fired == [2])
    }

    /// Hops keep their place among timers in both modes: a timer due no later than a hop, started
    /// first or due earlier, fires before it; a timer due later fires after.
    @Test(arguments: [ClockMode.virtual, .real])
    func hopsKeepTheirOrderAmongTimers(mode: ClockMode) {
        let loop = EventLoop(clockMode: mode)
        var order: [String] = []
        loop.enqueue {
            loop.startTimer(after: 0) { order.append("timer 0 before") }
            loop.startTimer(after: 1) { order.append("timer 1 before") }
            loop.startHop(after: 1) {
                order.append("hop 1")
                loop.startTimer(after: 0) { order.append("timer 0 in hop 1") }
                loop.startHop(after: 1) { order.append("hop 3") }
            }
            loop.startHop(after: 1) { order.append("hop 2") }
            loop.startTimer(after: 0) { order.append("timer 0 after") }
            loop.startTimer(after: 40) { order.append("timer 40") }
        }
        #expect(loop.run() == .idle)
        #expect(order == ["timer 0 before", "timer 0 after", "timer 1 before", "hop 1", "hop 2", "timer 0 in hop 1", "hop 3", "timer 40"])
    }

    /// A task that runs long between starting a hop and a timer does not change their order: with
    /// the real clock, what a batch of tasks starts is ordered from when the batch began.
    @Test(arguments: [ClockMode.virtual, .real])
    func aLongTaskKeepsTheOrderOfWhatItStarts(mode: ClockMode) {
        let loop = EventLoop(clockMode: mode)
        var order: [String] = []
        loop.enqueue {
            loop.startHop(after: 1) { order.append("hop") }
            Thread.sleep(forTimeInterval: 0.005)
            loop.startTimer(after: 0) { order.append("timer 0") }
        }
        loop.enqueue {
            Thread.sleep(forTimeInterval: 0.005)
            loop.startTimer(after: 0) { order.append("timer 0 of the next task") }
        }
        #expect(loop.run() == .idle)
        #expect(order == ["timer 0", "timer 0 of the next task", "hop"])
    }

    /// With the real clock a hop does not wait for its delay: a hop an hour away runs well within
    /// a time limit of a second, while a timer as far away would reach the limit.
    @Test func realTimeDoesNotWaitForHops() {
        let loop = EventLoop(clockMode: .real)
        var ran: [String] = []
        loop.startHop(after: 3_600_000) {
            ran.append("hop")
            loop.startHop(after: 3_600_000) { ran.append("second hop") }
        }
        #expect(loop.run(maxTime: 1000) == .idle)
        #expect(ran == ["hop", "second hop"])

        let timers = EventLoop(clockMode: .real)
        timers.startTimer(after: 3_600_000) { ran.append("timer") }
        #expect(timers.run(maxTime: 20) == .timeLimit)
        #expect(ran == ["hop", "second hop"])
    }

    /// A cancelled hop does not run, in either mode.
    @Test(arguments: [ClockMode.virtual, .real])
    func cancelledHopsDoNotRun(mode: ClockMode) {
        let loop = EventLoop(clockMode: mode)
        var ran: [String] = []
        let hop = loop.startHop(after: 1) { ran.append("cancelled") }
        loop.startHop(after: 1) { ran.append("kept") }
        loop.cancelTimer(hop)
        #expect(loop.run() == .idle)
        #expect(ran == ["kept"])
    }

    @Test func realTimeWaitsForTimers() {
        let loop = EventLoop(clockMode: .real)
        var elapsed: Double = 0
        loop.startTimer(after: 30) { elapsed = loop.now }
        loop.run()
        #expect(elapsed >= 29)
    }
}
