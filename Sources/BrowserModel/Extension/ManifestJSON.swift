import Foundation

/// The JSON reader for `manifest.json`, accepting exactly what the flavor's browser accepts and
/// remembering where every value starts so that errors can point at it.
///
/// - Chrome reads manifests with `base::JSONReader` and `JSON_PARSE_CHROMIUM_EXTENSIONS`
///   (`JSONFileValueDeserializer`'s default), which on desktop runs the Rust `serde_json_lenient` parser:
///   `//` and `/* */` comments wherever whitespace may go, raw line feeds and carriage returns inside strings,
///   and `\xNN` escapes. Trailing commas are refused. Nesting is limited to 200 levels.
///   A UTF-8 byte order mark is skipped; invalid UTF-8 is refused.
/// - Firefox removes `//` comments line by line (`COMMENT_REGEXP` in Extension.sys.mjs: from the first `//`
///   that is not inside a string to the end of the line), then uses strict `JSON.parse`.
///   `/* */` comments and trailing commas are refused.
///
/// Duplicate keys keep the last value (both browsers).
///
/// Hand-written rather than `JSONSerialization` because neither browser's dialect is standard JSON, and the
/// errors must name the position the way each browser does. The reader runs in time linear in the input (it keeps
/// the line and column as it goes, and finds duplicate keys by hashing) and its recursion is bounded by
/// ``chromeMaxDepth`` and ``firefoxMaxDepth``, so no input can exhaust the stack.
enum ManifestJSON {
    /// How many arrays and objects Chrome lets nest: `base::internal::kAbsoluteMaxDepth`, 200, which
    /// `base::JSONReader` passes to its parser as the maximum depth (crbug.com/673263). The 201st
    /// level is refused with serde_json's `recursion limit exceeded`.
    static let chromeMaxDepth = 200

    /// How many arrays and objects exthost lets nest in a Firefox manifest.
    ///
    /// Firefox reads the manifest with `JSON.parse`, which has no fixed limit: SpiderMonkey's JSON parser keeps
    /// its own stack on the heap, so only memory (or a later recursive step throwing `InternalError: too much
    /// recursion`) stops it. exthost's reader recurses, and so do walking and freeing the tree it builds, so it
    /// needs a bound to never exhaust a thread's stack. 1000 levels is five times what Chrome accepts and far
    /// beyond any real manifest; deeper input is refused with an error that says the nesting is too deep.
    static let firefoxMaxDepth = 1000

    /// A 1-based line and column (columns count Unicode scalars).
    struct Position: Sendable, Hashable {
        /// The line, starting at 1.
        var line: Int
        /// The column, starting at 1.
        var column: Int
    }

    /// A JSON value.
    indirect enum Value: Sendable {
        /// `null`.
        case null
        /// `true` or `false`.
        case bool(Bool)
        /// A number, with the text it was written as.
        case number(Double, text: String)
        /// A string.
        case string(String)
        /// An array.
        case array([Node])
        /// An object, members in first-appearance order.
        case object([Member])
    }

    /// A value and where it starts.
    struct Node: Sendable {
        /// The value.
        var value: Value
        /// Where the value starts.
        var position: Position

        /// The member named `key`, when this is an object that has it.
        subscript(key: String) -> Node? {
            guard case .object(let members) = value else { return nil }
            return members.first { $0.key == key }?.value
        }

        /// The string, when this is a string.
        var string: String? {
            if case .string(let text) = value { return text }
            return nil
        }

        /// The elements, when this is an array.
        var array: [Node]? {
            if case .array(let elements) = value { return elements }
            return nil
        }

        /// The members, when this is an object.
        var members: [Member]? {
            if case .object(let members) = value { return members }
            return nil
        }

        /// The boolean, when this is `true` or `false`.
        var bool: Bool? {
            if case .bool(let flag) = value { return flag }
            return nil
        }

        /// A short description of the value for messages, JSON-style (`"text"`, `3`, `[...]`).
        var summary: String {
            switch value {
            case .null: "null"
            case .bool(let flag): flag ? "true" : "false"
            case .number(_, let text): text
            case .string(let text): ManifestJSON.quoted(text)
            case .array: "[...]"
            case .object: "{...}"
            }
        }

        /// The JSON type name as Firefox's schema checker reports it (`integer` for whole numbers).
        var geckoTypeName: String {
            switch value {
            case .null: "null"
            case .bool: "boolean"
            case .number(let number, _): number.rounded() == number ? "integer" : "number"
            case .string: "string"
            case .array: "array"
            case .object: "object"
            }
        }
    }

    /// An object member.
    struct Member: Sendable {
        /// The key.
        var key: String
        /// Where the key starts.
        var keyPosition: Position
        /// The value.
        var value: Node
    }

    /// A syntax error: where, and the browser's message.
    struct SyntaxError: Error, Sendable {
        /// Where the reader stopped.
        var position: Position
        /// The browser's message, including its own wording of the position.
        var message: String
    }

    /// Parses `data` by `flavor`'s rules.
    static func parse(_ data: Data, flavor: Flavor) throws(SyntaxError) -> Node {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            bytes.removeFirst(3)
        }
        let text: String
        switch flavor {
        case .chrome:
            guard let decoded = String(validating: bytes, as: UTF8.self) else {
                let position = invalidUTF8Position(bytes)
                throw SyntaxError(
                    position: position,
                    message: "Manifest is not valid JSON.  invalid unicode code point at line \(position.line) column \(position.column)"
                )
            }
            text = decoded
        case .firefox:
            text = stripGeckoLineComments(String(decoding: bytes, as: UTF8.self))
        }
        var reader = Reader(scalars: Array(text.unicodeScalars), flavor: flavor)
        return try reader.parseDocument()
    }

    /// Where the first invalid UTF-8 sequence in `bytes` starts (line feeds end lines; columns count bytes).
    private static func invalidUTF8Position(_ bytes: [UInt8]) -> Position {
        var line = 1
        var column = 1
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let length: Int
            switch byte {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return Position(line: line, column: column)
            }
            guard index + length <= bytes.count,
                String(validating: bytes[index..<(index + length)], as: UTF8.self) != nil
            else { return Position(line: line, column: column) }
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else {
                column += length
            }
            index += length
        }
        return Position(line: line, column: column)
    }

    /// Removes `//` comments as Firefox's `COMMENT_REGEXP` does: on each line, from the first `//` outside a
    /// complete string literal to the end of the line. A line with an unterminated string keeps its text.
    static func stripGeckoLineComments(_ text: String) -> String {
        // Lines are split at every U+000A code point; a Character-wise split would keep each CR LF pair (one
        // Character) inside a line, and so remove only the first comment of a file with Windows line endings.
        let lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
        return lines.map { line -> String in
            let scalars = Array(line)
            var index = 0
            while index < scalars.count {
                let scalar = scalars[index]
                if scalar == "\"" {
                    var cursor = index + 1
                    var closed = false
                    while cursor < scalars.count {
                        let inner = scalars[cursor]
                        if inner == "\"" {
                            closed = true
                            break
                        }
                        if inner == "\\" {
                            guard cursor + 1 < scalars.count, !isLineTerminator(scalars[cursor + 1]) else { break }
                            cursor += 2
                            continue
                        }
                        cursor += 1
                    }
                    guard closed else { return String(String.UnicodeScalarView(line)) }
                    index = cursor + 1
                    continue
                }
                if scalar == "/", index + 1 < scalars.count, scalars[index + 1] == "/" {
                    // `//.*`: `.` stops at a line terminator, which stays.
                    var end = index + 2
                    while end < scalars.count, !isLineTerminator(scalars[end]) { end += 1 }
                    var kept = String.UnicodeScalarView(scalars[..<index])
                    kept.append(contentsOf: scalars[end...])
                    return String(kept)
                }
                index += 1
            }
            return String(String.UnicodeScalarView(line))
        }.joined(separator: "\n")
    }

    private static func isLineTerminator(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\n" || scalar == "\r" || scalar == "\u{2028}" || scalar == "\u{2029}"
    }

    /// `text` as a JSON string literal.
    static func quoted(_ text: String) -> String {
        JSONStringLiteral.make(text)
    }

    /// `node` as strict JSON text; with `sortingKeys`, object keys in code-unit order (as Chromium's dictionaries
    /// keep them), else in first-appearance order (as JavaScript objects do).
    static func serialize(_ node: Node, sortingKeys: Bool) -> String {
        var output = ""
        write(node, to: &output, sortingKeys: sortingKeys)
        return output
    }

    private static func write(_ node: Node, to output: inout String, sortingKeys: Bool) {
        switch node.value {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .number(_, let text): output += text
        case .string(let text): output += quoted(text)
        case .array(let elements):
            output += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { output += "," }
                write(element, to: &output, sortingKeys: sortingKeys)
            }
            output += "]"
        case .object(let members):
            let ordered = sortingKeys ? members.sorted { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) } : members
            output += "{"
            for (index, member) in ordered.enumerated() {
                if index > 0 { output += "," }
                output += quoted(member.key) + ":"
                write(member.value, to: &output, sortingKeys: sortingKeys)
            }
            output += "}"
        }
    }

    /// The recursive-descent reader over Unicode scalars.
    ///
    /// Chrome's messages are those of `serde_json_lenient`, the Rust parser `base::JSONReader` uses on desktop
    /// (`kUseRustJsonParser`): `<what> at line L column C`, columns counting bytes, only line feeds ending lines,
    /// and an end-of-data error reported at the last character read. Firefox's are SpiderMonkey's `JSON.parse`
    /// messages: `JSON.parse: <what> at line L column C of the JSON data`.
    private struct Reader {
        /// Where the reader is: the scalar index, and the line and column kept up to date as it advances (so that
        /// a position costs nothing to take, however long the line).
        struct Cursor {
            /// The index of the next scalar.
            var index = 0
            /// The line, from 1.
            var line = 1
            /// How many columns of the current line lie before `index`: UTF-8 bytes for Chrome, scalars for Firefox.
            var columnsBefore = 0
        }

        let scalars: [Unicode.Scalar]
        let flavor: Flavor
        var cursor = Cursor()
        var depth = 0

        init(scalars: [Unicode.Scalar], flavor: Flavor) {
            self.scalars = scalars
            self.flavor = flavor
        }

        var index: Int { cursor.index }

        /// Where the reader is, as the flavor's browser counts.
        var position: Position {
            switch flavor {
            case .chrome:
                let bytes = cursor.columnsBefore
                return Position(line: cursor.line, column: index < scalars.count ? bytes + 1 : bytes)
            case .firefox:
                return Position(line: cursor.line, column: cursor.columnsBefore + 1)
            }
        }

        var current: Unicode.Scalar? {
            index < scalars.count ? scalars[index] : nil
        }

        mutating func advance() {
            let scalar = scalars[index]
            cursor.index += 1
            let endsLine: Bool
            switch flavor {
            case .chrome:
                endsLine = scalar == "\n"
                cursor.columnsBefore += UTF8.width(scalar)
            case .firefox:
                endsLine = scalar == "\n" || (scalar == "\r" && current != "\n")
                cursor.columnsBefore += 1
            }
            if endsLine {
                cursor.line += 1
                cursor.columnsBefore = 0
            }
        }

        /// The error at `position` (default: here). `chrome` is serde_json's wording, `firefox` SpiderMonkey's.
        func failure(chrome: String, firefox: String, at position: Position? = nil) -> SyntaxError {
            let place = position ?? self.position
            switch flavor {
            case .chrome:
                return SyntaxError(
                    position: place,
                    message: "Manifest is not valid JSON.  \(chrome) at line \(place.line) column \(place.column)"
                )
            case .firefox:
                return SyntaxError(
                    position: place,
                    message: "JSON.parse: \(firefox) at line \(place.line) column \(place.column) of the JSON data"
                )
            }
        }

        mutating func parseDocument() throws(SyntaxError) -> Node {
            try skipWhitespace()
            guard current != nil else {
                throw failure(chrome: "EOF while parsing a value", firefox: "unexpected end of data")
            }
            let root = try parseValue()
            try skipWhitespace()
            if current != nil {
                throw failure(
                    chrome: "trailing characters", firefox: "unexpected non-whitespace character after JSON data"
                )
            }
            return root
        }

        mutating func skipWhitespace() throws(SyntaxError) {
            while let scalar = current {
                switch scalar {
                case " ", "\t", "\n", "\r":
                    advance()
                case "/" where flavor == .chrome:
                    let next = index + 1 < scalars.count ? scalars[index + 1] : nil
                    if next == "/" {
                        while let character = current, character != "\n" { advance() }
                    } else if next == "*" {
                        advance()
                        advance()
                        var closed = false
                        while let character = current {
                            advance()
                            if character == "*", current == "/" {
                                advance()
                                closed = true
                                break
                            }
                        }
                        if !closed {
                            throw failure(chrome: "EOF while parsing a value", firefox: "")
                        }
                    } else {
                        throw failure(chrome: "expected value", firefox: "")
                    }
                default:
                    return
                }
            }
        }

        mutating func parseValue() throws(SyntaxError) -> Node {
            let start = position
            guard let scalar = current else {
                throw failure(chrome: "EOF while parsing a value", firefox: "unexpected end of data")
            }
            switch scalar {
            case "{": return try parseObject()
            case "[": return try parseArray()
            case "\"": return Node(value: .string(try parseString()), position: start)
            case "-", "0"..."9": return try parseNumber()
            case "t": return try parseLiteral("true", value: .bool(true))
            case "f": return try parseLiteral("false", value: .bool(false))
            case "n": return try parseLiteral("null", value: .null)
            default:
                throw failure(chrome: "expected value", firefox: "unexpected character")
            }
        }

        /// Counts one more level of nesting, refusing one level more than the flavor allows.
        mutating func enter() throws(SyntaxError) {
            depth += 1
            switch flavor {
            case .chrome:
                if depth > ManifestJSON.chromeMaxDepth {
                    throw failure(chrome: "recursion limit exceeded", firefox: "")
                }
            case .firefox:
                if depth > ManifestJSON.firefoxMaxDepth {
                    throw failure(
                        chrome: "",
                        firefox: "nesting is too deep (more than \(ManifestJSON.firefoxMaxDepth) arrays and objects "
                            + "inside one another; flatten the manifest)")
                }
            }
        }

        mutating func parseObject() throws(SyntaxError) -> Node {
            let start = position
            try enter()
            advance()
            var members: [Member] = []
            var memberIndexByKey: [String: Int] = [:]
            try skipWhitespace()
            if current == "}" {
                advance()
                depth -= 1
                return Node(value: .object(members), position: start)
            }
            while true {
                try skipWhitespace()
                guard let scalar = current else {
                    throw failure(
                        chrome: "EOF while parsing an object", firefox: "end of data while reading object contents"
                    )
                }
                if scalar == "}" {
                    throw failure(chrome: "trailing comma", firefox: "expected double-quoted property name")
                }
                guard scalar == "\"" else {
                    throw failure(
                        chrome: "key must be a string",
                        firefox: members.isEmpty ? "expected property name or '}'" : "expected double-quoted property name"
                    )
                }
                let keyPosition = position
                let key = try parseString()
                try skipWhitespace()
                guard current == ":" else {
                    if current == nil {
                        throw failure(
                            chrome: "EOF while parsing an object",
                            firefox: "end of data after property name when ':' was expected"
                        )
                    }
                    throw failure(chrome: "expected `:`", firefox: "expected ':' after property name in object")
                }
                advance()
                try skipWhitespace()
                let value = try parseValue()
                if let existing = memberIndexByKey[key] {
                    members[existing].value = value
                } else {
                    memberIndexByKey[key] = members.count
                    members.append(Member(key: key, keyPosition: keyPosition, value: value))
                }
                try skipWhitespace()
                guard let next = current else {
                    throw failure(chrome: "EOF while parsing an object", firefox: "end of data after property value in object")
                }
                if next == "," {
                    advance()
                    continue
                }
                if next == "}" {
                    advance()
                    depth -= 1
                    return Node(value: .object(members), position: start)
                }
                throw failure(chrome: "expected `,` or `}`", firefox: "expected ',' or '}' after property value in object")
            }
        }

        mutating func parseArray() throws(SyntaxError) -> Node {
            let start = position
            try enter()
            advance()
            var elements: [Node] = []
            try skipWhitespace()
            if current == "]" {
                advance()
                depth -= 1
                return Node(value: .array(elements), position: start)
            }
            while true {
                try skipWhitespace()
                guard let scalar = current else {
                    throw failure(chrome: "EOF while parsing a list", firefox: "end of data when array element was expected")
                }
                if scalar == "]" {
                    throw failure(chrome: "trailing comma", firefox: "unexpected character")
                }
                elements.append(try parseValue())
                try skipWhitespace()
                guard let next = current else {
                    throw failure(chrome: "EOF while parsing a list", firefox: "end of data when ',' or ']' was expected")
                }
                if next == "," {
                    advance()
                    continue
                }
                if next == "]" {
                    advance()
                    depth -= 1
                    return Node(value: .array(elements), position: start)
                }
                throw failure(chrome: "expected `,` or `]`", firefox: "expected ',' or ']' after array element")
            }
        }

        mutating func parseLiteral(_ word: String, value: Value) throws(SyntaxError) -> Node {
            let start = position
            for expected in word.unicodeScalars {
                guard current == expected else {
                    if current == nil {
                        throw failure(chrome: "EOF while parsing a value", firefox: "unexpected keyword", at: flavor == .firefox ? start : nil)
                    }
                    throw failure(chrome: "expected ident", firefox: "unexpected keyword", at: flavor == .firefox ? start : nil)
                }
                advance()
            }
            return Node(value: value, position: start)
        }

        mutating func parseNumber() throws(SyntaxError) -> Node {
            let start = position
            let startIndex = index
            func isDigit(_ scalar: Unicode.Scalar?) -> Bool {
                guard let scalar else { return false }
                return ("0"..."9").contains(scalar)
            }
            if current == "-" {
                advance()
                guard isDigit(current) else {
                    throw failure(chrome: "invalid number", firefox: "no number after minus sign")
                }
            }
            if current == "0" {
                advance()
                if isDigit(current), flavor == .chrome {
                    throw failure(chrome: "invalid number", firefox: "")
                }
            } else {
                while isDigit(current) { advance() }
            }
            if current == "." {
                advance()
                guard isDigit(current) else {
                    throw failure(chrome: "invalid number", firefox: "missing digits after decimal point")
                }
                while isDigit(current) { advance() }
            }
            if current == "e" || current == "E" {
                advance()
                if current == "+" || current == "-" { advance() }
                guard isDigit(current) else {
                    throw failure(chrome: "invalid number", firefox: "missing digits after exponent indicator")
                }
                while isDigit(current) { advance() }
            }
            var text = ""
            text.unicodeScalars.append(contentsOf: scalars[startIndex..<index])
            let number = Double(text) ?? .infinity
            if !number.isFinite, flavor == .chrome {
                throw failure(chrome: "number out of range", firefox: "", at: start)
            }
            return Node(value: .number(number, text: text), position: start)
        }

        mutating func parseString() throws(SyntaxError) -> String {
            advance()
            var output = String.UnicodeScalarView()
            while true {
                guard let scalar = current else {
                    throw failure(chrome: "EOF while parsing a string", firefox: "unterminated string literal")
                }
                switch scalar {
                case "\"":
                    advance()
                    return String(output)
                case "\\":
                    advance()
                    output.append(contentsOf: try parseEscape())
                case "\n" where flavor == .chrome, "\r" where flavor == .chrome:
                    output.append(scalar)
                    advance()
                default:
                    if scalar.value < 0x20 {
                        throw failure(
                            chrome: "control character (\\u0000-\\u001F) found while parsing a string",
                            firefox: "bad control character in string literal"
                        )
                    }
                    output.append(scalar)
                    advance()
                }
            }
        }

        mutating func parseEscape() throws(SyntaxError) -> [Unicode.Scalar] {
            guard let scalar = current else {
                throw failure(chrome: "EOF while parsing a string", firefox: "end of data in string escape")
            }
            advance()
            switch scalar {
            case "\"": return ["\""]
            case "\\": return ["\\"]
            case "/": return ["/"]
            case "b": return ["\u{8}"]
            case "f": return ["\u{c}"]
            case "n": return ["\n"]
            case "r": return ["\r"]
            case "t": return ["\t"]
            case "x" where flavor == .chrome:
                guard let value = readHex(digits: 2) else {
                    throw failure(chrome: "invalid escape", firefox: "")
                }
                return [Unicode.Scalar(value)!]
            case "u":
                guard let high = readHex(digits: 4) else {
                    throw failure(chrome: "invalid escape", firefox: "bad Unicode escape")
                }
                if (0xD800...0xDBFF).contains(high) {
                    let saved = cursor
                    if current == "\\", index + 1 < scalars.count, scalars[index + 1] == "u" {
                        advance()
                        advance()
                        if let low = readHex(digits: 4), (0xDC00...0xDFFF).contains(low) {
                            let combined = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                            return [Unicode.Scalar(combined)!]
                        }
                    }
                    cursor = saved
                    if flavor == .chrome {
                        throw failure(chrome: "lone leading surrogate in hex escape", firefox: "")
                    }
                    return ["\u{FFFD}"]
                }
                if (0xDC00...0xDFFF).contains(high) {
                    if flavor == .chrome {
                        throw failure(chrome: "lone leading surrogate in hex escape", firefox: "")
                    }
                    return ["\u{FFFD}"]
                }
                return [Unicode.Scalar(high)!]
            default:
                throw failure(chrome: "invalid escape", firefox: "bad escaped character")
            }
        }

        mutating func readHex(digits: Int) -> UInt32? {
            var value: UInt32 = 0
            for _ in 0..<digits {
                guard let scalar = current, scalar.properties.isASCIIHexDigit,
                    let digit = UInt32(String(scalar), radix: 16)
                else { return nil }
                value = value * 16 + digit
                advance()
            }
            return value
        }
    }
}
