/// The difference between two texts, line by line: the longest common subsequence of their lines,
/// with what only the first has (removed) and what only the second has (added) between. What the
/// reporters show under a failed comparison: `- expected`, `+ actual`.
public struct LineDiff: Sendable {
    /// One line of the difference.
    public enum Line: Equatable, Sendable {
        case same(String)
        case removed(String)
        case added(String)
    }

    /// The lines, in order.
    public let lines: [Line]

    /// The difference from `old` to `new`. (Values a test compares are short: the quadratic table
    /// is small. Beyond 2,000 lines a side, the texts are shown whole, one after the other.)
    public init(from old: String, to new: String) {
        let a = old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let b = new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard a.count <= 2000, b.count <= 2000 else {
            lines = a.map(Line.removed) + b.map(Line.added)
            return
        }
        // table[i][j]: the length of the longest common subsequence of a[i...] and b[j...].
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var result: [Line] = []
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                result.append(.same(a[i]))
                i += 1
                j += 1
            } else if j < b.count, i == a.count || table[i][j + 1] >= table[i + 1][j] {
                // (Removed lines first when both ways are as long: `-` before `+`, as diff shows them.)
                if i < a.count, table[i + 1][j] == table[i][j + 1] {
                    result.append(.removed(a[i]))
                    i += 1
                } else {
                    result.append(.added(b[j]))
                    j += 1
                }
            } else {
                result.append(.removed(a[i]))
                i += 1
            }
        }
        lines = result
    }
}
