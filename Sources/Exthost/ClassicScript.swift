import JSEngine

/// A classic script of an extension (a background script, a content script, a script a worker
/// imports), made once and run in any number of contexts, or of a web page.
///
/// JavaScriptCore's C API gives `import(...)` in a classic script no module loader (it rejects
/// with its own "Could not import the module"), so a script that calls it is rewritten
/// (js/47_module_syntax.js, `rewriteClassicScript`): each such `import` keyword becomes
/// ``importBinding``, a global lexical binding (a `const`, which no property of the global shows)
/// that each context declares before it runs the script, bound to its own `import()` for the
/// script (js/36_module_scripts.js, `classicImport`). No line or column of the script moves.
struct ClassicScript {
    /// The script to run (rewritten when it calls `import()`).
    let source: ScriptSource
    /// The name its `import(...)` calls go to; nil when it makes none.
    let importBinding: String?

    /// Makes the classic script `text` at `url`, rewritten with the host realm's parser when it
    /// may call `import()`; `index` tells this script's binding from the others a context runs;
    /// `startingLine` is the line of its document the text starts at (an inline script's);
    /// `isRunOnce`: it runs in one context only (a web page's script: ``ScriptSource/isRunOnce``).
    init(text: String, url: String, index: Int, realm: HostRealm, startingLine: Int = 1, isRunOnce: Bool = false) {
        if Self.mayCallImport(text) {
            // (Base 36: six characters at most, the length of `import`, for 1.6 million scripts.)
            let binding = "ℳi" + String(index, radix: 36)
            if binding.utf16.count <= 6, let rewritten = try? realm.rewriteClassicScript(text, binding: binding) {
                source = ScriptSource(rewritten, url: url, startingLine: startingLine, isRunOnce: isRunOnce)
                importBinding = binding
                return
            }
        }
        source = ScriptSource(text, url: url, startingLine: startingLine, isRunOnce: isRunOnce)
        importBinding = nil
    }

    /// Whether `text` has the word `import` followed by `(` (with only white space and comments
    /// between): a quick look that spares loading the parser for the scripts that cannot call
    /// `import()`. It never decides what a call is: the parser does, for the scripts it lets by
    /// (a string or a comment that says `import(` costs a parse, nothing else). It errs only that
    /// way: anything not ASCII next to the word (white space such as U+00A0 or U+2028, a byte
    /// order mark) lets the script by.
    static func mayCallImport(_ text: String) -> Bool {
        // (A native string's UTF-8 is read in place; another is copied once.)
        if let answer = text.utf8.withContiguousStorageIfAvailable({ mayCallImport(bytes: $0) }) { return answer }
        return Array(text.utf8).withUnsafeBufferPointer { mayCallImport(bytes: $0) }
    }

    private static func mayCallImport(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let word: [UInt8] = Array("import".utf8)
        var at = 0
        while at + word.count <= bytes.count {
            guard bytes[at] == word[0], bytes[at + 1] == word[1], bytes[at + 2] == word[2], bytes[at + 3] == word[3],
                  bytes[at + 4] == word[4], bytes[at + 5] == word[5] else {
                at += 1
                continue
            }
            if at > 0, isASCIIWordByte(bytes[at - 1]) {
                at += 6
                continue
            }
            let next = skipBlank(bytes, from: at + 6)
            if next < bytes.count, bytes[next] == 0x28 || bytes[next] >= 0x80 { return true }
            // (What was skipped holds no `import(` call: a comment's text is no code.)
            at = max(at + 6, next)
        }
        return false
    }

    /// The first position at or after `start` that is neither ASCII white space nor in a comment
    /// (`/* */`, `//`, and the HTML-like `<!--` and, at a line's start, `-->` of classic scripts);
    /// a byte that is not ASCII stops it.
    private static func skipBlank(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var next = start
        var lineStart = false
        func skipLine() {
            while next < bytes.count, bytes[next] != 0x0A, bytes[next] != 0x0D, bytes[next] < 0x80 { next += 1 }
        }
        func at(_ text: StaticString) -> Bool {
            let count = text.utf8CodeUnitCount
            guard next + count <= bytes.count else { return false }
            for index in 0..<count where bytes[next + index] != text.utf8Start[index] { return false }
            return true
        }
        while next < bytes.count {
            let byte = bytes[next]
            if byte == 0x0A || byte == 0x0D {
                lineStart = true
                next += 1
            } else if byte == 0x20 || byte == 0x09 || byte == 0x0B || byte == 0x0C {
                next += 1
            } else if at("/*") {
                next += 2
                while next + 1 < bytes.count, !(bytes[next] == 0x2A && bytes[next + 1] == 0x2F) {
                    // (A line break in a comment, U+2028 and U+2029 among them, makes what follows
                    // start a line.)
                    if bytes[next] == 0x0A || bytes[next] == 0x0D || bytes[next] >= 0x80 { lineStart = true }
                    next += 1
                }
                next += 2
            } else if at("//") || at("<!--") || (lineStart && at("-->")) {
                skipLine()
            } else {
                break
            }
        }
        return min(next, bytes.count)
    }

    /// Whether `byte` is an ASCII identifier character (letters, digits, `$`, `_`) or the `\` of
    /// an escape.
    private static func isASCIIWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == 0x24 || byte == 0x5F || byte == 0x5C
    }
}
