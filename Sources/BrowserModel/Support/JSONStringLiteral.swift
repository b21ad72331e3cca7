/// JSON string literals, written once for every JSON the project writes.
public enum JSONStringLiteral {
    /// `text` as a JSON string literal, quotes included. U+2028 and U+2029 are escaped too, so the
    /// literal is also valid JavaScript source.
    public static func make(_ text: String) -> String {
        var output = ""
        write(text, to: &output)
        return output
    }

    /// Appends `text` as a JSON string literal, quotes included, to `output`.
    public static func write(_ text: String, to output: inout String) {
        // Most strings need no escape: they go in whole.
        if !needsEscape(text) {
            output += "\""
            output += text
            output += "\""
            return
        }
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{8}": output += "\\b"
            case "\u{c}": output += "\\f"
            case "\u{2028}": output += "\\u2028"
            case "\u{2029}": output += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }

    /// Appends `text` as a JSON string literal, quotes included, to `bytes` (UTF-8).
    public static func write(_ text: String, to bytes: inout [UInt8]) {
        var text = text
        // One look at the UTF-8 in place: copied whole when nothing needs an escape (most strings).
        let plain = text.withUTF8 { utf8 -> Bool in
            guard !needsEscape(utf8) else { return false }
            bytes.append(UInt8(ascii: "\""))
            bytes.append(contentsOf: utf8)
            bytes.append(UInt8(ascii: "\""))
            return true
        }
        if !plain { bytes.append(contentsOf: make(text).utf8) }
    }

    /// Whether `text` has a character that its literal escapes: a quote, a backslash, a control
    /// character, U+2028 or U+2029 (E2 80 A8 and E2 80 A9 in UTF-8).
    private static func needsEscape(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { needsEscape($0) }
    }

    private static func needsEscape(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return true }
            if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] & 0xFE == 0xA8 { return true }
            index += 1
        }
        return false
    }
}
