// Checks what js/47_module_syntax.js makes of a module's text: the classic script that runs it must keep every line of
// the module where it was, with the same length (only line 1 has the header ahead of it), and must parse whenever
// JavaScriptCore's own module grammar (``ModuleSyntax``) accepts the module. Shared by the fuzz target
// (Fuzz/ModuleSyntaxFuzz.swift) and the tests replaying what it kept (ModuleSyntaxFuzzRegressionTests).

import BrowserModel
import Foundation
import JSEngine
@testable import Exthost

/// Runs module texts through the host realm's rewriting and checks the outcome.
final class ModuleSyntaxFuzzOracle {
    private let host: ExtensionHost

    init() {
        host = ExtensionHost(options: HostOptions(flavor: .chrome)) { _ in }
    }

    /// The lines of `text`, split at JavaScript's line terminators (CR LF counts as one).
    static func lines(_ text: String) -> [[UInt16]] {
        var lines: [[UInt16]] = [[]]
        let units = Array(text.utf16)
        var index = 0
        while index < units.count {
            let unit = units[index]
            if unit == 0x0A || unit == 0x0D || unit == 0x2028 || unit == 0x2029 {
                if unit == 0x0D, index + 1 < units.count, units[index + 1] == 0x0A { index += 1 }
                lines.append([])
            } else {
                lines[lines.count - 1].append(unit)
            }
            index += 1
        }
        return lines
    }

    /// What is wrong with the rewriting of `text` (nothing: an empty list).
    func violations(of text: String) -> [String] {
        let answer: (code: String, json: String)
        do {
            answer = try host.realm.analyzeModule(text)
        } catch {
            return ["the rewriting threw: \(error)"]
        }
        guard let info = JSONValue.parse(answer.json) else { return ["the answer is no JSON: \(answer.json)"] }
        if info["error"] != nil { return [] }  // (acorn refused it: reported as the module's SyntaxError)
        var found: [String] = []
        let header = info["header"]?.intValue ?? 0
        let original = Self.lines(text)
        var rewritten = Self.lines(answer.code)
        guard rewritten.count == original.count + 1, rewritten.last.map({ String(decoding: $0, as: UTF16.self) }) == "}})" else {
            return ["the rewritten script has \(rewritten.count) lines for \(original.count) (+1 closing)"]
        }
        rewritten[0].removeFirst(min(header, rewritten[0].count))
        // (Where `export`, `default` and `function` are each alone on a line, what stands in for them may not fit: the
        // rewriting says which lines moved.)
        let moved: [Int] = {
            guard case .array(let lines)? = info["movedLines"] else { return [] }
            return lines.compactMap(\.intValue)
        }()
        for index in original.indices where original[index].count != rewritten[index].count && !moved.contains(index + 1) {
            found.append("line \(index + 1) is \(rewritten[index].count) long, not \(original[index].count)")
        }
        if ModuleSyntax.error(in: text) == nil {
            let context = ScriptContext(machine: host.machine, name: "module-syntax-oracle")
            defer { context.close() }
            do {
                try context.checkSyntax(answer.code, sourceURL: "module.js")
            } catch {
                found.append("JavaScriptCore takes the module, but not its rewriting: \(error.message) at line \(error.line ?? 0)")
            }
        }
        return found
    }
}

/// A module text made from a fuzzer's bytes: the first byte odd, statements of a small grammar of every form of
/// `import` and `export` (and `import.meta`, `import()`, `arguments`, top-level `await`), each token separated by a
/// space, a line break, a comment or nothing, as the next bytes choose; else the bytes themselves, read as UTF-8.
enum ModuleSyntaxFuzzCase {
    static let statements: [[String]] = [
        ["import", "a", "from", "'./a.js'", ";"],
        ["import", "{", "b", ",", "c", "as", "d", "}", "from", "'./b.js'"],
        ["import", "*", "as", "ns", "from", "'./c.js'", ";"],
        ["import", "'./side.js'"],
        ["import", "e", ",", "{", "\"string name\"", "as", "f", "}", "from", "'./e.js'", ";"],
        ["export", "const", "g", "=", "1", ",", "h", "=", "2", ";"],
        ["export", "let", "{", "i", ",", "j", ":", "[", ",", "k", "]", "}", "=", "{", "}", ";"],
        ["export", "function", "l", "(", ")", "{", "return", "arguments", ".", "length", "}"],
        ["export", "async", "function", "*", "m", "(", ")", "{", "}"],
        ["export", "class", "N", "{", "static", "{", "}", "}"],
        ["export", "default", "function", "(", ")", "{", "}"],
        ["export", "default", "async", "function", "*", "(", ")", "{", "}"],
        ["export", "default", "class", "extends", "Object", "{", "}"],
        ["export", "default", "(", "1", ",", "2", ")", ";"],
        ["export", "default", "(", ")", "=>", "arguments", ";"],
        ["export", "{", "g", "as", "default", ",", "h", "as", "\"x y\"", "}", ";"],
        ["export", "*", "from", "'./star.js'", ";"],
        ["export", "*", "as", "o", "from", "'./o.js'"],
        ["export", "{", "p", "as", "q", "}", "from", "'./p.js'", ";"],
        ["console", ".", "log", "(", "import", ".", "meta", ".", "url", ")", ";"],
        ["import", "(", "'./dynamic.js'", ")", ".", "then", "(", "x", "=>", "x", ")", ";"],
        ["const", "r", "=", "await", "import", "(", "`./t.js`", ")", ";"],
        ["for", "await", "(", "const", "s", "of", "[", "]", ")", "{", "}"],
        ["typeof", "arguments", ";", "(", "function", "(", ")", "{", "return", "arguments", "}", ")", ";"],
        ["label", ":", "for", "(", ";", ";", ")", "break", "label", ";"],
        ["(", "{", "arguments", ":", "1", "}", ")", ".", "arguments", ";"],
        ["var", "u", "=", "`line\nbreak ${", "1", "}`", ";"],
        ["/x/g", ".", "test", "(", "'/'", ")", ";"],
    ]
    static let separators = [" ", "\n", "/* c */", "\r\n", "\u{2028}", "", "  ", "// line comment\n"]

    static func text(from bytes: [UInt8]) -> String {
        guard let first = bytes.first, first % 2 == 1 else { return String(decoding: bytes, as: UTF8.self) }
        var text = ""
        var index = 1
        func next() -> Int? {
            guard index < bytes.count else { return nil }
            defer { index += 1 }
            return Int(bytes[index])
        }
        while let choice = next() {
            for (position, token) in statements[choice % statements.count].enumerated() {
                if position > 0 {
                    let separator = separators[(next() ?? 0) % separators.count]
                    // (Nothing between two words would make one word of them.)
                    text += separator.isEmpty && token.first?.isLetter == true && text.last?.isLetter == true ? " " : separator
                }
                text += token
            }
            text += "\n"
        }
        return text
    }
}
