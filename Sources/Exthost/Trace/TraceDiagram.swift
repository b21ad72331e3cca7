import Foundation

/// A ``RunTrace`` as a page a person opens in a browser: a sequence diagram in SVG, one lifeline
/// per context (and one for the browser), one row per entry in the order they happened, each
/// arrow labelled with what crossed (hover for all of it), console lines and test results as
/// notes on their context's lifeline; then the trace as JSON. The page is one file with nothing to
/// fetch, and the same trace always makes the same page.
public enum TraceDiagram {
    static let columnWidth = 220.0
    static let rowHeight = 30.0
    static let left = 80.0
    static let top = 80.0
    /// The width of a character of the diagram's monospace font at 12 px, about.
    static let characterWidth = 7.3

    /// The page for `trace`, titled `title`.
    public static func html(_ trace: RunTrace, title: String) -> String {
        let lifelines = trace.lifelines
        var column: [Int: Double] = [:]
        for (index, lifeline) in lifelines.enumerated() { column[lifeline.id] = left + columnWidth * (Double(index) + 0.5) }
        // (Each row holds one entry, so its label may run on to the right edge: room for it.)
        let width = max(left + columnWidth * Double(lifelines.count) + 20, 1100)
        let height = top + rowHeight * Double(trace.entries.count + 1) + 20
        var svg: [String] = []
        svg.append(##"<svg xmlns="http://www.w3.org/2000/svg" width="\##(format(width))" height="\##(format(height))" viewBox="0 0 \##(format(width)) \##(format(height))" font-family="ui-monospace, Menlo, Consolas, monospace" font-size="12">"##)
        svg.append(##"<defs><marker id="head" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="context-stroke"/></marker></defs>"##)
        for lifeline in lifelines {
            let x = column[lifeline.id] ?? 0
            svg.append(##"<line x1="\##(format(x))" y1="\##(format(top - 20))" x2="\##(format(x))" y2="\##(format(height - 10))" stroke="#bbb" stroke-dasharray="4 4"/>"##)
            let fill = lifeline.kind == "browser" ? "#eee" : lifeline.kind == "background" ? "#dbeafe" : lifeline.kind == "driver" ? "#fde68a" : "#dcfce7"
            svg.append(##"<g><title>\##(escape([lifeline.name, lifeline.url, lifeline.extensionId].compactMap { $0 }.joined(separator: "\n")))</title>"##
                + ##"<rect x="\##(format(x - columnWidth / 2 + 8))" y="8" width="\##(format(columnWidth - 16))" height="46" rx="6" fill="\##(fill)" stroke="#888"/>"##
                + ##"<text x="\##(format(x))" y="27" text-anchor="middle" font-weight="bold">\##(escape(clip(lifeline.title, 27)))</text>"##
                + ##"<text x="\##(format(x))" y="45" text-anchor="middle" fill="#555">\##(escape(clip(lifeline.subtitle, 27)))</text></g>"##)
        }
        for (row, entry) in trace.entries.enumerated() {
            let y = top + rowHeight * Double(row) + 10
            let time = entry.time == entry.time.rounded() ? String(Int(entry.time)) : String(format: "%.1f", entry.time)
            svg.append(##"<text x="8" y="\##(format(y + 4))" fill="#888">\##(time) ms</text>"##)
            let color = self.color(entry)
            let tooltip = escape([entry.title, entry.detail, entry.error.map { "error: " + $0 }].compactMap { $0 }.joined(separator: "\n"))
            if entry.kind == .test, entry.title == "testStarted" {
                // A test begins: a rule across every lifeline.
                svg.append(##"<g><title>\##(tooltip)</title><line x1="\##(format(left))" y1="\##(format(y))" x2="\##(format(width - 20))" y2="\##(format(y))" stroke="#7c3aed" stroke-opacity="0.5"/>"##
                    + ##"<text x="\##(format(left + 4))" y="\##(format(y - 5))" fill="#7c3aed" font-weight="bold">▶ \##(escape(clip(entry.detail ?? "", Int((width - left - 30) / characterWidth))))</text></g>"##)
                continue
            }
            let fromX = column[entry.from] ?? 0
            if entry.to.isEmpty {
                // A note on the lifeline, as wide as its text up to the right edge.
                let noteX = fromX - columnWidth / 2 + 14
                let text = clip(entry.title + ": " + (entry.detail?.replacingOccurrences(of: "\n", with: " ") ?? ""), Int((width - noteX - 24) / characterWidth))
                let noteWidth = max(columnWidth - 28, Double(text.count) * characterWidth + 12)
                svg.append(##"<g><title>\##(tooltip)</title><rect x="\##(format(noteX))" y="\##(format(y - 11))" width="\##(format(noteWidth))" height="20" rx="4" fill="\##(color)" fill-opacity="0.18" stroke="\##(color)"/>"##
                    + ##"<text x="\##(format(noteX + 6))" y="\##(format(y + 3))" fill="#222">\##(escape(text))</text></g>"##)
                continue
            }
            let labelX = min(fromX, entry.to.map { column[$0] ?? 0 }.min() ?? fromX) + 6
            let label = escape(clip(entry.title + (entry.detail.map { " " + $0.replacingOccurrences(of: "\n", with: " ") } ?? "") + (entry.error.map { " ✘ " + $0 } ?? ""),
                                    Int((width - labelX - 10) / characterWidth)))
            var group = ##"<g><title>\##(tooltip)</title>"##
            for target in entry.to {
                let toX = column[target] ?? 0
                let dash = entry.kind == .apiResult ? ##" stroke-dasharray="5 3""## : ""
                group += ##"<line x1="\##(format(fromX))" y1="\##(format(y))" x2="\##(format(toX))" y2="\##(format(y))" stroke="\##(color)" stroke-width="1.5"\##(dash) marker-end="url(#head)"/>"##
            }
            group += ##"<text x="\##(format(labelX))" y="\##(format(y - 5))" fill="\##(color)">\##(label)</text></g>"##
            svg.append(group)
        }
        svg.append("</svg>")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = (try? encoder.encode(trace)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        let dropped = trace.droppedEntries > 0 ? "<p>\(trace.droppedEntries) more entries were not kept (a trace keeps \(RunTrace.maxEntries)).</p>" : ""
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>\(escape(title))</title>
            <style>
            body { font: 14px system-ui, sans-serif; margin: 16px; color: #222; }
            .legend span { display: inline-block; margin-right: 14px; }
            .legend i { display: inline-block; width: 22px; height: 3px; vertical-align: middle; margin-right: 4px; }
            svg { display: block; margin-top: 12px; }
            pre { font-size: 11px; white-space: pre-wrap; }
            </style>
            </head>
            <body>
            <h1>\(escape(title))</h1>
            <p class="legend">\(legend)</p>
            \(dropped)
            \(svg.joined(separator: "\n"))
            <details><summary>The trace as JSON</summary><pre id="trace-json">\(escape(json))</pre></details>
            </body>
            </html>

            """
    }

    private static let legend = [
        ("#2563eb", "message"), ("#16a34a", "event"), ("#6b7280", "API call and answer"), ("#ca8a04", "console"),
        ("#dc2626", "error"), ("#7c3aed", "test result"), ("#0891b2", "context stopped or started"),
    ].map { "<span><i style=\"background:\($0.0)\"></i>\($0.1)</span>" }.joined()

    private static func color(_ entry: RunTrace.Entry) -> String {
        if entry.error != nil { return "#dc2626" }
        switch entry.kind {
        case .message: return "#2563eb"
        case .event: return "#16a34a"
        case .apiCall, .apiResult: return "#6b7280"
        case .console: return entry.title == "error" ? "#dc2626" : "#ca8a04"
        case .test: return "#7c3aed"
        case .lifecycle: return "#0891b2"
        }
    }

    private static func clip(_ text: String, _ length: Int) -> String {
        text.count <= length ? text : String(text.prefix(length - 1)) + "…"
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }

    /// `text` for HTML and SVG text and attributes.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }
}
