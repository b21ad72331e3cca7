import BrowserModel
import Foundation

/// A JSON value whose objects keep their keys in order, for what the host sends to scripts
/// (browsers' objects have a fixed key order, which `JSON.stringify` shows).
public indirect enum JSONValue: Sendable, Equatable {
    /// `null`.
    case null
    /// `undefined`: a member that is present with the value `undefined`. JSON has no such value;
    /// the text carries ``undefinedMarker``, which the host's JavaScript turns back into `undefined`.
    case undefined
    /// `true` or `false`.
    case bool(Bool)
    /// A number.
    case number(Double)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object, with its keys in order.
    case object([(String, JSONValue)])
    /// A value already written as JSON text (made once and kept: a tab's `Tab` object), written out
    /// as it is. It has no members to read.
    case encoded(String)

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        lhs.jsonText == rhs.jsonText
    }

    /// The string that stands for `undefined` in JSON text the host sends to scripts.
    public static let undefinedMarker = "\u{0}undefined"

    /// An integer.
    public static func int(_ value: Int) -> JSONValue { .number(Double(value)) }

    /// The value as compact JSON text.
    public var jsonText: String {
        // Written as UTF-8 bytes and made a string once: appending to a String piece by piece
        // costs more than the bytes (a query's answer holds thousands of members).
        var bytes: [UInt8] = []
        write(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The value as JSON text laid out for people: a member or an item a line, indented by two
    /// spaces a level (an empty array or object stays on its line).
    public var prettyText: String {
        switch self {
        case .array(let items) where !items.isEmpty:
            return "[\n" + items.map { Self.indented($0.prettyText) }.joined(separator: ",\n") + "\n]"
        case .object(let members) where !members.isEmpty:
            return "{\n" + members.map { Self.indented(JSONValue.string($0.0).jsonText + ": " + $0.1.prettyText) }.joined(separator: ",\n") + "\n}"
        default:
            return jsonText
        }
    }

    private static func indented(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
    }

    private func write(to bytes: inout [UInt8]) {
        switch self {
        case .null: bytes.append(contentsOf: "null".utf8)
        case .undefined: JSONStringLiteral.write(Self.undefinedMarker, to: &bytes)
        case .bool(let flag): bytes.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let number):
            if number.isFinite, number == number.rounded(), abs(number) < 1e15 {
                Self.writeInteger(Int64(number), to: &bytes)
            } else if number.isFinite {
                bytes.append(contentsOf: "\(number)".utf8)
            } else {
                bytes.append(contentsOf: "null".utf8)
            }
        case .string(let string): JSONStringLiteral.write(string, to: &bytes)
        case .encoded(var text): text.withUTF8 { bytes.append(contentsOf: $0) }
        case .array(let items):
            bytes.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                item.write(to: &bytes)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let members):
            bytes.append(UInt8(ascii: "{"))
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                JSONStringLiteral.write(key, to: &bytes)
                bytes.append(UInt8(ascii: ":"))
                value.write(to: &bytes)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    /// Appends the decimal digits of `value` (no String made: a tab object has a dozen numbers).
    private static func writeInteger(_ value: Int64, to bytes: inout [UInt8]) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        let start = bytes.count
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        bytes[start...].reverse()
    }

    /// Reads JSON text sent by a script (arguments of an API call). Object keys come out sorted.
    /// A lone surrogate (which JSON.stringify writes as an escape, and a Swift string cannot
    /// hold) is read as U+FFFD, as Chromium converts a script's string.
    public static func parse(_ text: String) -> JSONValue? {
        if let value = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) { return value }
        return try? JSONDecoder().decode(JSONValue.self, from: Data(replacingSurrogateEscapes(text).utf8))
    }

    /// `text` with each escape of a UTF-16 surrogate (`\ud800`) written as `\ufffd`. (Only lone
    /// surrogates are escapes in JSON.stringify's text: a pair is written as its character.)
    static func replacingSurrogateEscapes(_ text: String) -> String {
        var bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count else { index += 1; continue }
            if bytes[index + 1] == UInt8(ascii: "u"), index + 5 < bytes.count,
               bytes[index + 2] | 0x20 == UInt8(ascii: "d"), let digit = UInt8.asciiHexDigitValue(bytes[index + 3]), digit >= 8 {
                bytes.replaceSubrange(index + 2..<index + 6, with: Array("fffd".utf8))
                index += 6
            } else {
                index += 2
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }


    // MARK: - Reading

    /// The member `key` of an object.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    /// The element `index` of an array.
    public subscript(index: Int) -> JSONValue? {
        guard case .array(let items) = self, items.indices.contains(index) else { return nil }
        return items[index]
    }

    /// The value as an integer, if it is a whole number.
    public var intValue: Int? {
        guard case .number(let number) = self, number == number.rounded(), abs(number) < 9e15 else { return nil }
        return Int(number)
    }

    /// The value as a number.
    public var doubleValue: Double? {
        guard case .number(let number) = self else { return nil }
        return number
    }

    /// The value as a string.
    public var stringValue: String? {
        guard case .string(let string) = self else { return nil }
        return string
    }

    /// The value as a boolean.
    public var boolValue: Bool? {
        guard case .bool(let flag) = self else { return nil }
        return flag
    }

    /// The elements of an array.
    public var arrayValue: [JSONValue]? {
        guard case .array(let items) = self else { return nil }
        return items
    }
}

extension JSONValue: Decodable {
    public init(from decoder: any Decoder) throws {
        if var items = try? decoder.unkeyedContainer() {
            var values: [JSONValue] = []
            while !items.isAtEnd { values.append(try items.decode(JSONValue.self)) }
            self = .array(values)
            return
        }
        if let members = try? decoder.container(keyedBy: AnyKey.self) {
            self = .object(try members.allKeys.map(\.stringValue).sorted().map { key in
                (key, try members.decode(JSONValue.self, forKey: AnyKey(stringValue: key)))
            })
            return
        }
        let value = try decoder.singleValueContainer()
        if value.decodeNil() {
            self = .null
        } else if let flag = try? value.decode(Bool.self) {
            self = .bool(flag)
        } else if let number = try? value.decode(Double.self) {
            self = .number(number)
        } else {
            self = .string(try value.decode(String.self))
        }
    }

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

extension UInt8 {
    /// The value of an ASCII hexadecimal digit (`0`-`9`, `a`-`f`, `A`-`F`), or nil.
    static func asciiHexDigitValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
