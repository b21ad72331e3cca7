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

    @Test func realTimeWaitsForTimers() {
        let loop = EventLoop(clockMode: .real)
        var elapsed: Double = 0
        loop.startTimer(after: 30) { elapsed = loop.now }
        loop.run()
        #expect(elapsed >= 29)
    }
}
