import Foundation

/// The figures `exthost bench` prints: each with its baseline, their ratio, and the budget it is
/// held to.
struct BenchTable {
    /// What a figure must be to be within budget.
    enum Budget {
        /// At most this value, in the figure's unit.
        case atMost(Double)
        /// At most this many times its baseline.
        case ratioAtMost(Double)
        /// At least this many times its baseline.
        case ratioAtLeast(Double)
        /// Reported, held to no budget (what a cost is made of).
        case reported

        func holds(value: Double, ratio: Double?) -> Bool {
            switch self {
            case .atMost(let limit): value <= limit
            case .ratioAtMost(let limit): (ratio ?? .infinity) <= limit
            case .ratioAtLeast(let limit): (ratio ?? 0) >= limit
            case .reported: true
            }
        }

        func text(unit: String) -> String {
            switch self {
            case .atMost(let limit): "≤ \(BenchTable.format(limit))" + (unit.isEmpty ? "" : " " + unit)
            case .ratioAtMost(let limit): "≤ \(BenchTable.format(limit))×"
            case .ratioAtLeast(let limit): "≥ \(BenchTable.format(limit))×"
            case .reported: "none"
            }
        }
    }

    private var rows: [[String]] = []

    /// Adds a figure with its unit, its baseline (same unit) and its budget.
    mutating func add(_ name: String, _ value: Double, _ unit: String, baseline: Double?, budget: Budget) {
        let ratio = baseline.flatMap { $0 > 0 ? value / $0 : nil }
        let within = if case .reported = budget { "" } else { budget.holds(value: value, ratio: ratio) ? "yes" : "NO" }
        let suffix = unit.isEmpty ? "" : " " + unit
        rows.append([
            name, Self.format(value) + suffix, baseline.map { Self.format($0) + suffix } ?? "",
            ratio.map { Self.format($0) + "×" } ?? "", budget.text(unit: unit),
            within,
        ])
    }

    /// The table as aligned text.
    func render(title: String) -> String {
        let all = [["figure", "exthost", "baseline", "ratio", "budget", "within"]] + rows
        let widths = (0..<6).map { column in all.map { $0[column].count }.max() ?? 0 }
        let lines = all.map { row in
            row.enumerated().map { column, cell in
                column == 0 ? cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[column] - cell.count) + cell
            }.joined(separator: "  ")
        }
        return ([title] + lines).joined(separator: "\n")
    }

    /// A number with three significant figures (whole numbers from 100 up), thousands separated.
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "n/a" }
        let magnitude = abs(value)
        let digits = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3
        let text = String(format: "%.*f", digits, magnitude)
        let whole = text.prefix { $0 != "." }
        let fraction = text.dropFirst(whole.count)
        var grouped = ""
        for (index, digit) in whole.enumerated() {
            if index > 0, (whole.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped + fraction
    }
}
