import Exthost
import Foundation

/// Prints console messages as readable text or as JSON lines.
struct ConsolePrinter {
    let format: ConsoleFormat
    let colored: Bool

    func print(_ message: ConsoleMessage) {
        let line: String
        switch format {
        case .jsonl: line = jsonLine(message)
        case .text: line = textLine(message)
        }
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// `{"context": ..., "tabId": ..., "frameId": ..., "url": ..., "level": ..., "text": ...}`, with
    /// `"uncaught": true` for the report of an exception no script caught.
    func jsonLine(_ message: ConsoleMessage) -> String {
        var fields: [(String, JSONValue)] = [("context", .string(message.context.rawValue))]
        if let tabId = message.tabId { fields.append(("tabId", .int(tabId))) }
        if let frameId = message.frameId { fields.append(("frameId", .int(frameId))) }
        fields.append(("url", .string(message.url)))
        fields.append(("level", .string(message.level.rawValue)))
        fields.append(("text", .string(message.text)))
        if let location = message.location, !location.isEmpty { fields.append(("location", .string(location))) }
        if let file = message.sourceLocation { fields.append(("file", .string(file))) }
        if message.isUncaught { fields.append(("uncaught", .bool(true))) }
        return JSONValue.object(fields).jsonText
    }

    /// `background │ text`, or `content tab 2 frame 0 │ text`; later lines of a message are indented.
    func textLine(_ message: ConsoleMessage) -> String {
        var tag = message.context.rawValue
        if let tabId = message.tabId { tag += " tab \(tabId)" }
        if let frameId = message.frameId { tag += " frame \(frameId)" }
        var text = message.text
        if let file = message.sourceLocation ?? message.location, !file.isEmpty, message.level == .error {
            text += "\n    (" + file + ")"
        }
        let prefix = tag + " │ "
        let indented = text.split(separator: "\n", omittingEmptySubsequences: false)
            .enumerated()
            .map { $0.offset == 0 ? String($0.element) : String(repeating: " ", count: prefix.count - 2) + "│ " + $0.element }
            .joined(separator: "\n")
        guard colored else { return prefix + indented }
        let color: String
        switch message.level {
        case .error: color = "\u{1B}[31m"
        case .warn: color = "\u{1B}[33m"
        case .debug: color = "\u{1B}[2m"
        case .info, .log: color = ""
        }
        let reset = "\u{1B}[0m"
        return "\u{1B}[2m" + prefix + reset + color + indented + (color.isEmpty ? "" : reset)
    }
}
