/// The pending timers of an ``EventLoop``, ordered by due time and then by start order.
///
/// A timer has two times: `due` orders it (the loop's clock when the batch of tasks that started it
/// began, plus its delay), and `fireAt` is the earliest it may fire (the clock when it was started,
/// plus its delay). With the virtual clock they are the same; with the real clock a long task makes
/// them differ, and the order stays the virtual clock's.
struct TimerQueue {
    private struct Entry {
        var due: Double
        var fireAt: Double
        var sequence: Int
        var id: Int
        var interval: Double?
        var owner: Int
        /// Whether the real clock need not wait for it (``EventLoop/startHop(after:_:)``).
        var isHop: Bool
        var action: EventLoop.Task
    }

    private var heap: [Entry] = []
    private var live: [Int: (owner: Int, repeats: Bool, keepsLoopAlive: Bool)] = [:]  // timers neither cancelled nor run
    /// How many live timers keep the loop running (``EventLoop/startTimer(after:repeats:owner:keepsLoopAlive:_:)``).
    private var keepingCount = 0
    private var nextID = 1
    private var nextSequence = 0

    var isEmpty: Bool { live.isEmpty }

    /// Whether a live timer keeps the loop running.
    var keepsLoopAlive: Bool { keepingCount > 0 }

    /// When the first live timer in order may fire, and whether it is a hop.
    var next: (fireAt: Double, isHop: Bool)? {
        mutating get {
            dropCancelled()
            return heap.first.map { ($0.fireAt, $0.isHop) }
        }
    }

    mutating func insert(due: Double, fireAt: Double, interval: Double?, owner: Int, isHop: Bool = false, keepsLoopAlive: Bool = true,
                         action: @escaping EventLoop.Task) -> TimerID {
        let id = nextID
        nextID += 1
        live[id] = (owner, interval != nil, keepsLoopAlive)
        if keepsLoopAlive { keepingCount += 1 }
        push(Entry(due: due, fireAt: fireAt, sequence: nextSequence, id: id, interval: interval, owner: owner, isHop: isHop, action: action))
        nextSequence += 1
        return TimerID(value: id)
    }

    mutating func remove(_ id: TimerID) {
        if let removed = live.removeValue(forKey: id.value), removed.keepsLoopAlive { keepingCount -= 1 }
    }

    mutating func removeAll(owner: Int) {
        live = live.filter { $0.value.owner != owner }
        keepingCount = live.values.filter(\.keepsLoopAlive).count
    }

    /// Removes the first timer in order when it may fire at `time` (or, with `hopsEarly`, when it
    /// is a hop) and returns its id and action; a repeating timer is put back for its next time. The
    /// timer stays live until ``finish(_:)``, so cancelling it before its task runs still stops it.
    mutating func popDue(at time: Double, hopsEarly: Bool = false) -> (id: TimerID, action: EventLoop.Task)? {
        dropCancelled()
        guard let first = heap.first, first.fireAt <= time || (hopsEarly && first.isHop) else { return nil }
        let entry = pop()
        if let interval = entry.interval {
            var next = entry
            next.due = time + max(interval, 1)
            next.fireAt = next.due
            next.sequence = nextSequence
            nextSequence += 1
            push(next)
        }
        return (TimerID(value: entry.id), entry.action)
    }

    /// Whether the timer is still live (not cancelled, and for a one-shot timer, not run).
    func isLive(_ id: TimerID) -> Bool { live[id.value] != nil }

    /// Marks a timer's run: a one-shot timer is done.
    mutating func finish(_ id: TimerID) {
        if live[id.value]?.repeats == false { remove(id) }
    }

    private mutating func dropCancelled() {
        while let first = heap.first, live[first.id] == nil { _ = pop() }
    }

    private static func precedes(_ a: Entry, _ b: Entry) -> Bool {
        a.due != b.due ? a.due < b.due : a.sequence < b.sequence
    }

    private mutating func push(_ entry: Entry) {
        heap.append(entry)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.precedes(heap[child], heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func pop() -> Entry {
        let top = heap[0]
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var smallest = parent
                if left < heap.count, Self.precedes(heap[left], heap[smallest]) { smallest = left }
                if right < heap.count, Self.precedes(heap[right], heap[smallest]) { smallest = right }
                if smallest == parent { break }
                heap.swapAt(parent, smallest)
                parent = smallest
            }
        }
        return top
    }
}
