import Exthost
import Foundation

/// Prints console messages as readable text or as JSON lines.
struct ConsolePrinter {
    let format: ConsoleFormat
    let colored: Bool
    /// Whether a text line names the extension that printed it (a run of several extensions).
    var showsExtension = false

    func print(_ message: ConsoleMessage) {
        let line: String
        switch format {
        case .jsonl: line = jsonLine(message)
        case .text: line = textLine(message)
        }
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// Prints a test event of the extension's harness: in text, a line for each test's end, each
    /// failed check, each notification, log line and message (a passing check prints nothing);
    /// in JSON lines, every event, as `{"test": kind, "context": ..., ...}`.
    func print(_ event: TestEvent) {
        let line: String?
        switch format {
        case .jsonl: line = jsonLine(event)
        case .text: line = textLine(event)
        }
        guard let line else { return }
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// Prints what a `--do` step read (`valueJSON`, the value as JSON): in text, `do │ text #out │ value`
    /// (a string as it is, anything else as JSON; later lines indented); in JSON lines, `{"do": step, "value": value}`.
    func print(step: String, valueJSON: String) {
        let value = JSONValue.parse(valueJSON) ?? .null
        let line: String
        switch format {
        case .jsonl:
            line = JSONValue.object([("do", .string(step)), ("value", value)]).jsonText
        case .text:
            let text = step + " → " + (value.stringValue ?? valueJSON)
            line = "do │ " + text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n   │ ")
        }
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    func jsonLine(_ event: TestEvent) -> String {
        var fields: [(String, JSONValue)] = [("test", .string(event.kind.rawValue)), ("context", .string(event.context.rawValue))]
        if let tabId = event.tabId { fields.append(("tabId", .int(tabId))) }
        if let frameId = event.frameId { fields.append(("frameId", .int(frameId))) }
        fields.append(("url", .string(event.url)))
        if let name = event.name { fields.append(("name", .string(name))) }
        if let passed = event.passed { fields.append(("passed", .bool(passed))) }
        if let message = event.message { fields.append(("message", .string(message))) }
        if let detail = event.detail, !detail.isEmpty { fields.append(("detail", .string(detail))) }
        if let expected = event.expected { fields.append(("expected", .string(expected))) }
        if let actual = event.actual { fields.append(("actual", .string(actual))) }
        if let location = event.location { fields.append(("location", .string(location))) }
        if let file = event.sourceLocation { fields.append(("file", .string(file))) }
        return JSONValue.object(fields).jsonText
    }

    /// `background │ ✘ name: what failed`, with the place in the extension's files under it.
    func textLine(_ event: TestEvent) -> String? {
        var text: String
        var failed = false
        switch event.kind {
        case .testStarted:
            return nil
        case .testFinished where event.directive != nil:
            text = "- \(event.name ?? "") (\(event.directive?.rawValue ?? "")" + (event.message.map { ": " + $0 } ?? "") + ")"
        case .testFinished:
            failed = event.passed != true
            text = failed ? "✘ \(event.name ?? "")" + (event.message.map { ": " + $0 } ?? "") : "✔ \(event.name ?? "")"
        case .assertion:
            guard event.passed != true else { return nil }
            failed = true
            text = "✘ " + (event.message ?? "")
            if let expected = event.expected, let actual = event.actual { text += " - Expected: \(expected), Actual: \(actual)" }
        case .done:
            failed = event.passed != true
            text = (failed ? "✘ notifyFail" : "✔ notifyPass") + (event.message.map { ": " + $0 } ?? "")
        case .log:
            text = "test.log: " + (event.message ?? "")
        case .message:
            text = "test.sendMessage: " + (event.message ?? "")
        }
        if failed, let file = event.sourceLocation ?? event.location { text += "\n    (" + file + ")" }
        let message = ConsoleMessage(context: event.context, tabId: event.tabId, frameId: event.frameId, url: event.url,
                                     level: failed ? .error : .log, text: text)
        return textLine(message, showsLocation: false)
    }

    /// `{"context": ..., "tabId": ..., "frameId": ..., "url": ..., "level": ..., "text": ...}`, with
    /// `"uncaught": true` for the report of an exception no script caught.
    func jsonLine(_ message: ConsoleMessage) -> String {
        var fields: [(String, JSONValue)] = [("context", .string(message.context.rawValue))]
        if let tabId = message.tabId { fields.append(("tabId", .int(tabId))) }
        if let frameId = message.frameId { fields.append(("frameId", .int(frameId))) }
        if let name = message.extensionName { fields.append(("extension", .string(name))) }
        fields.append(("url", .string(message.url)))
        fields.append(("level", .string(message.level.rawValue)))
        fields.append(("text", .string(message.text)))
        if let location = message.location, !location.isEmpty { fields.append(("location", .string(location))) }
        if let file = message.sourceLocation { fields.append(("file", .string(file))) }
        if message.isUncaught { fields.append(("uncaught", .bool(true))) }
        return JSONValue.object(fields).jsonText
    }

    /// `background │ text`, or `content tab 2 frame 0 │ text`; later lines of a message are indented.
    /// With ``showsExtension`` (a run of several extensions), the extension's name leads:
    /// `Name: background │ text`.
    func textLine(_ message: ConsoleMessage, showsLocation: Bool = true) -> String {
        var tag = message.context.rawValue
        if showsExtension, let name = message.extensionName { tag = name + ": " + tag }
        if let tabId = message.tabId { tag += " tab \(tabId)" }
        if let frameId = message.frameId { tag += " frame \(frameId)" }
        var text = message.text
        if showsLocation, let file = message.sourceLocation ?? message.location, !file.isEmpty, message.level == .error {
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
