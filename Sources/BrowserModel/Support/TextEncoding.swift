/// The encodings of the WHATWG Encoding Standard that `TextDecoder` decodes here: UTF-8, UTF-16LE,
/// UTF-16BE, windows-1252 (which the labels `latin1`, `ascii` and `iso-8859-1` name too) and
/// x-user-defined, with the standard's labels and its decoders, error for error.
///
/// Written here rather than taken from a library because the browsers' results depend on the
/// standard's exact replacement rules (one U+FFFD per maximal invalid subsequence, bytes given back
/// to the stream) and on streaming across calls, which GLib's iconv-based conversion does
/// otherwise. The standard's other legacy encodings (ISO-8859-2, Shift_JIS, GBK, ...) are not here.
public enum TextEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case utf16LE = "utf-16le"
    case utf16BE = "utf-16be"
    case windows1252 = "windows-1252"
    case userDefined = "x-user-defined"

    /// What a label names: one of these encodings, the replacement encoding (which a
    /// `TextDecoder` refuses), another encoding of the standard not decoded here, or nothing.
    public enum Lookup: Equatable, Sendable {
        case encoding(TextEncoding)
        case replacement
        case unsupported(String)
        case unknown
    }

    /// The encoding `label` names ("get an encoding": ASCII whitespace around it ignored, ASCII
    /// case ignored).
    public static func lookup(label: String) -> Lookup {
        let whitespace: Set<Character> = ["\t", "\n", "\u{0C}", "\r", " "]
        var trimmed = Substring(label)
        while let first = trimmed.first, whitespace.contains(first) { trimmed = trimmed.dropFirst() }
        while let last = trimmed.last, whitespace.contains(last) { trimmed = trimmed.dropLast() }
        let key = String(trimmed.map { $0.isASCII ? Character($0.lowercased()) : $0 })
        if let encoding = labels[key] { return .encoding(encoding) }
        if replacementLabels.contains(key) { return .replacement }
        if let name = otherEncodings[key] { return .unsupported(name) }
        return .unknown
    }

    private static let labels: [String: TextEncoding] = {
        var table: [String: TextEncoding] = [:]
        for label in ["unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "utf-8", "utf8", "x-unicode20utf8"] { table[label] = .utf8 }
        for label in ["unicodefffe", "utf-16be"] { table[label] = .utf16BE }
        for label in ["csunicode", "iso-10646-ucs-2", "ucs-2", "unicode", "unicodefeff", "utf-16", "utf-16le"] { table[label] = .utf16LE }
        for label in ["ansi_x3.4-1968", "ascii", "cp1252", "cp819", "csisolatin1", "ibm819", "iso-8859-1", "iso-ir-100", "iso8859-1",
                      "iso88591", "iso_8859-1", "iso_8859-1:1987", "l1", "latin1", "us-ascii", "windows-1252", "x-cp1252"] {
            table[label] = .windows1252
        }
        table["x-user-defined"] = .userDefined
        return table
    }()

    private static let replacementLabels: Set<String> = ["csiso2022kr", "hz-gb-2312", "iso-2022-cn", "iso-2022-cn-ext", "iso-2022-kr", "replacement"]

    /// The standard's other encodings, by label (the common labels; each browser decodes them).
    private static let otherEncodings: [String: String] = {
        var table: [String: String] = [:]
        let names = ["ibm866", "iso-8859-2", "iso-8859-3", "iso-8859-4", "iso-8859-5", "iso-8859-6", "iso-8859-7", "iso-8859-8",
                     "iso-8859-8-i", "iso-8859-10", "iso-8859-13", "iso-8859-14", "iso-8859-15", "iso-8859-16", "koi8-r", "koi8-u",
                     "macintosh", "windows-874", "windows-1250", "windows-1251", "windows-1253", "windows-1254", "windows-1255",
                     "windows-1256", "windows-1257", "windows-1258", "x-mac-cyrillic", "gbk", "gb18030", "big5", "euc-jp",
                     "iso-2022-jp", "shift_jis", "euc-kr"]
        for name in names { table[name] = name }
        for (label, name) in [("latin2", "iso-8859-2"), ("cyrillic", "iso-8859-5"), ("greek", "iso-8859-7"), ("hebrew", "iso-8859-8"),
                              ("latin9", "iso-8859-15"), ("koi8", "koi8-r"), ("mac", "macintosh"), ("gb2312", "gbk"), ("sjis", "shift_jis"),
                              ("ms_kanji", "shift_jis"), ("x-sjis", "shift_jis"), ("windows-31j", "shift_jis"), ("cp1250", "windows-1250"),
                              ("cp1251", "windows-1251"), ("x-gbk", "gbk"), ("big5-hkscs", "big5"), ("ks_c_5601-1987", "euc-kr")] {
            table[label] = name
        }
        return table
    }()

    /// What decoding gave: the text (valid Unicode; each error a U+FFFD unless decoding is
    /// fatal), and the bytes at the end that begin a sequence not finished yet, which the next
    /// call of a stream decodes first.
    public struct Decoded: Equatable, Sendable {
        public var text: String
        public var pending: [UInt8]

        public init(text: String, pending: [UInt8]) {
            self.text = text
            self.pending = pending
        }
    }

    /// Decodes `bytes`. Unless `flush`, a sequence cut off at the end is kept as `pending` (pass
    /// it before the next bytes); with `flush`, it is an error. Returns nil when `fatal` and the
    /// bytes hold an error.
    public func decode(_ bytes: [UInt8], flush: Bool, fatal: Bool) -> Decoded? {
        var output = Output(fatal: fatal)
        var pending: [UInt8] = []
        switch self {
        case .utf8: pending = Self.decodeUTF8(bytes, into: &output)
        case .utf16LE, .utf16BE: pending = Self.decodeUTF16(bytes, littleEndian: self == .utf16LE, into: &output)
        case .windows1252:
            for byte in bytes { output.scalars.append(Unicode.Scalar(byte < 0x80 || byte > 0x9F ? UInt32(byte) : Self.windows1252High[Int(byte - 0x80)])!) }
        case .userDefined:
            for byte in bytes { output.scalars.append(Unicode.Scalar(byte < 0x80 ? UInt32(byte) : 0xF780 + UInt32(byte) - 0x80)!) }
        }
        if output.failed { return nil }
        if flush, !pending.isEmpty {
            // The end of the stream inside a sequence: one error.
            pending = []
            output.error()
            if output.failed { return nil }
        }
        return Decoded(text: String(output.scalars), pending: pending)
    }

    /// What a decoder writes: code points, and errors (a U+FFFD each, or the end when fatal).
    private struct Output {
        let fatal: Bool
        var scalars = String.UnicodeScalarView()
        var failed = false

        init(fatal: Bool) { self.fatal = fatal }

        mutating func error() {
            if fatal { failed = true } else { scalars.append("\u{FFFD}") }
        }
    }

    /// windows-1252's code points for bytes 0x80 to 0x9F.
    private static let windows1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    /// The standard's UTF-8 decoder; returns the bytes of an unfinished sequence at the end.
    private static func decodeUTF8(_ bytes: [UInt8], into output: inout Output) -> [UInt8] {
        var codePoint: UInt32 = 0, bytesSeen = 0, bytesNeeded = 0
        var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
        var sequenceStart = 0
        var index = 0
        while index < bytes.count {
            if output.failed { return [] }
            let byte = bytes[index]
            if bytesNeeded == 0 {
                sequenceStart = index
                switch byte {
                case 0x00...0x7F: output.scalars.append(Unicode.Scalar(byte))
                case 0xC2...0xDF: bytesNeeded = 1; codePoint = UInt32(byte & 0x1F)
                case 0xE0...0xEF:
                    if byte == 0xE0 { lower = 0xA0 }
                    if byte == 0xED { upper = 0x9F }
                    bytesNeeded = 2; codePoint = UInt32(byte & 0x0F)
                case 0xF0...0xF4:
                    if byte == 0xF0 { lower = 0x90 }
                    if byte == 0xF4 { upper = 0x8F }
                    bytesNeeded = 3; codePoint = UInt32(byte & 0x07)
                default: output.error()
                }
                index += 1
                continue
            }
            guard byte >= lower, byte <= upper else {
                // The byte is given back to the stream: it starts the next sequence.
                codePoint = 0; bytesNeeded = 0; bytesSeen = 0; lower = 0x80; upper = 0xBF
                output.error()
                continue
            }
            lower = 0x80; upper = 0xBF
            codePoint = (codePoint << 6) | UInt32(byte & 0x3F)
            bytesSeen += 1
            index += 1
            if bytesSeen != bytesNeeded { continue }
            output.scalars.append(Unicode.Scalar(codePoint)!)
            codePoint = 0; bytesNeeded = 0; bytesSeen = 0
        }
        return bytesNeeded == 0 ? [] : Array(bytes[sequenceStart...])
    }

    /// The standard's shared UTF-16 decoder; returns the bytes of an unfinished code unit or
    /// surrogate pair at the end.
    private static func decodeUTF16(_ bytes: [UInt8], littleEndian: Bool, into output: inout Output) -> [UInt8] {
        var leadByte: UInt8?
        var leadSurrogate: UInt16?
        var queue = bytes[...]
        var given: [UInt8] = []
        func unitBytes(_ unit: UInt16) -> [UInt8] {
            littleEndian ? [UInt8(unit & 0xFF), UInt8(unit >> 8)] : [UInt8(unit >> 8), UInt8(unit & 0xFF)]
        }
        while true {
            if output.failed { return [] }
            let byte: UInt8
            if !given.isEmpty {
                byte = given.removeFirst()
            } else if let next = queue.first {
                byte = next
                queue = queue.dropFirst()
            } else {
                break
            }
            guard let lead = leadByte else {
                leadByte = byte
                continue
            }
            leadByte = nil
            let codeUnit = littleEndian ? UInt16(lead) | UInt16(byte) << 8 : UInt16(lead) << 8 | UInt16(byte)
            if let surrogate = leadSurrogate {
                leadSurrogate = nil
                if (0xDC00...0xDFFF).contains(codeUnit) {
                    let value = 0x10000 + (UInt32(surrogate - 0xD800) << 10) + UInt32(codeUnit - 0xDC00)
                    output.scalars.append(Unicode.Scalar(value)!)
                    continue
                }
                // The code unit is given back to the stream.
                given = unitBytes(codeUnit)
                output.error()
                continue
            }
            if (0xD800...0xDBFF).contains(codeUnit) {
                leadSurrogate = codeUnit
                continue
            }
            if (0xDC00...0xDFFF).contains(codeUnit) {
                output.error()
                continue
            }
            output.scalars.append(Unicode.Scalar(codeUnit)!)
        }
        return (leadSurrogate.map(unitBytes) ?? []) + (leadByte.map { [$0] } ?? [])
    }
}
