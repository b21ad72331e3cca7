/// The tabs of a window in order: an order-statistics tree (a treap keyed by position) over tab
/// ids, so that finding a tab's index, the tab at an index, inserting anywhere, removing and moving
/// all take O(log n) expected time, and appending too.
///
/// A value type like the rest of the model: its nodes live in arrays (copied on write), linked by
/// their positions in those arrays; node priorities come from a fixed sequence, so every run
/// builds the same tree.
public struct TabStrip: Sendable, Sequence {
    private struct Node: Sendable {
        var id: Int
        var left = -1
        var right = -1
        var parent = -1
        /// The number of nodes in the subtree rooted here.
        var size = 1
        var priority: UInt64
    }

    private var nodes: [Node] = []
    /// Slots of `nodes` that removed tabs left, reused before the array grows.
    private var freeSlots: [Int] = []
    /// Where each tab's node is in `nodes`.
    private var slotOfID: [Int: Int] = [:]
    private var root = -1
    private var prioritySeed: UInt64 = 0

    /// An empty strip.
    public init() {}

    /// The number of tabs.
    public var count: Int { root < 0 ? 0 : nodes[root].size }

    /// Whether the strip has no tabs.
    public var isEmpty: Bool { root < 0 }

    /// The first tab's id.
    public var first: Int? { id(at: 0) }

    /// Whether the strip holds the tab.
    public func contains(_ id: Int) -> Bool { slotOfID[id] != nil }

    /// The index of a tab, or nil when the strip does not hold it. O(log n).
    public func index(of id: Int) -> Int? {
        guard let slot = slotOfID[id] else { return nil }
        var index = size(nodes[slot].left)
        var child = slot
        var parent = nodes[slot].parent
        while parent >= 0 {
            if nodes[parent].right == child { index += size(nodes[parent].left) + 1 }
            child = parent
            parent = nodes[parent].parent
        }
        return index
    }

    /// The id of the tab at `index`, or nil when there is none. O(log n).
    public func id(at index: Int) -> Int? {
        guard index >= 0, index < count else { return nil }
        var slot = root
        var wanted = index
        while true {
            let leftSize = size(nodes[slot].left)
            if wanted < leftSize {
                slot = nodes[slot].left
            } else if wanted == leftSize {
                return nodes[slot].id
            } else {
                wanted -= leftSize + 1
                slot = nodes[slot].right
            }
        }
    }

    /// Inserts a tab that the strip does not hold at `index` (clamped to `0...count`).
    public mutating func insert(_ id: Int, at index: Int) {
        precondition(slotOfID[id] == nil, "tab \(id) is already in the strip")
        let position = Swift.min(Swift.max(index, 0), count)
        let slot = makeNode(id)
        let (before, after) = split(root, position)
        root = merge(merge(before, slot), after)
        nodes[root].parent = -1
    }

    /// Adds a tab at the end.
    public mutating func append(_ id: Int) {
        insert(id, at: count)
    }

    /// Removes a tab.
    ///
    /// - Returns: the index it had, or nil when the strip does not hold it.
    @discardableResult
    public mutating func remove(_ id: Int) -> Int? {
        guard let index = index(of: id), let slot = slotOfID.removeValue(forKey: id) else { return nil }
        let parent = nodes[slot].parent
        let replacement = merge(nodes[slot].left, nodes[slot].right)
        if replacement >= 0 { nodes[replacement].parent = parent }
        if parent < 0 {
            root = replacement
        } else if nodes[parent].left == slot {
            nodes[parent].left = replacement
        } else {
            nodes[parent].right = replacement
        }
        var ancestor = parent
        while ancestor >= 0 {
            nodes[ancestor].size -= 1
            ancestor = nodes[ancestor].parent
        }
        freeSlots.append(slot)
        return index
    }

    /// Every tab id, in order.
    public var ids: [Int] { Array(self) }

    // MARK: - Iteration

    /// Walks the tabs in order, keeping the path from the root on a stack.
    public struct Iterator: IteratorProtocol {
        fileprivate let strip: TabStrip
        fileprivate var stack: [Int] = []
        fileprivate var descent: Int

        public mutating func next() -> Int? {
            while descent >= 0 {
                stack.append(descent)
                descent = strip.nodes[descent].left
            }
            guard let slot = stack.popLast() else { return nil }
            descent = strip.nodes[slot].right
            return strip.nodes[slot].id
        }
    }

    public func makeIterator() -> Iterator {
        Iterator(strip: self, descent: root)
    }

    public var underestimatedCount: Int { count }

    // MARK: - The tree

    private func size(_ slot: Int) -> Int { slot < 0 ? 0 : nodes[slot].size }

    private mutating func makeNode(_ id: Int) -> Int {
        // splitmix64 over a counter: the same priorities in every run.
        prioritySeed &+= 0x9E37_79B9_7F4A_7C15
        var z = prioritySeed
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        let node = Node(id: id, priority: z ^ (z >> 31))
        let slot: Int
        if let free = freeSlots.popLast() {
            nodes[free] = node
            slot = free
        } else {
            nodes.append(node)
            slot = nodes.count - 1
        }
        slotOfID[id] = slot
        return slot
    }

    /// Splits the subtree at `slot` into its first `index` nodes and the rest; both come back as roots.
    private mutating func split(_ slot: Int, _ index: Int) -> (Int, Int) {
        guard slot >= 0 else { return (-1, -1) }
        let leftSize = size(nodes[slot].left)
        nodes[slot].parent = -1
        if index <= leftSize {
            let (before, after) = split(nodes[slot].left, index)
            nodes[slot].left = after
            if after >= 0 { nodes[after].parent = slot }
            nodes[slot].size = size(after) + size(nodes[slot].right) + 1
            return (before, slot)
        }
        let (before, after) = split(nodes[slot].right, index - leftSize - 1)
        nodes[slot].right = before
        if before >= 0 { nodes[before].parent = slot }
        nodes[slot].size = leftSize + size(before) + 1
        return (slot, after)
    }

    /// Joins two subtrees, every node of `first` before every node of `second`; returns the root.
    private mutating func merge(_ first: Int, _ second: Int) -> Int {
        if first < 0 { return second }
        if second < 0 { return first }
        if nodes[first].priority > nodes[second].priority {
            let right = merge(nodes[first].right, second)
            nodes[first].right = right
            nodes[right].parent = first
            nodes[first].size = size(nodes[first].left) + nodes[right].size + 1
            return first
        }
        let left = merge(first, nodes[second].left)
        nodes[second].left = left
        nodes[left].parent = second
        nodes[second].size = nodes[left].size + size(nodes[second].right) + 1
        return second
    }
}
