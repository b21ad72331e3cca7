/// The WHATWG URL Standard's IPv4 host handling, which Chromium's GURL also follows: a host whose last label is
/// a number (`127.1`, `0x7f.0.0.1`, `3232235777`) is an IPv4 address written back in dotted decimal, and is
/// invalid when it does not parse as one.
enum IPv4Literal {
    /// What a host turns out to be.
    enum Reading: Equatable {
        /// Not an IPv4 address; the host is a domain.
        case domain
        /// An IPv4 address, in canonical dotted-decimal form.
        case address(String)
        /// It ends in a number but is not a valid IPv4 address, so the host is invalid.
        case invalid
    }

    /// Reads `host` (already lower-cased).
    static func read(_ host: String) -> Reading {
        var parts = host.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count > 1, parts.last?.isEmpty == true {
            parts.removeLast()
        }
        guard let last = parts.last, endsInNumber(last) else { return .domain }
        guard parts.count <= 4 else { return .invalid }
        var numbers: [UInt64] = []
        for part in parts {
            guard let number = parseNumber(part) else { return .invalid }
            numbers.append(number)
        }
        for number in numbers.dropLast() where number > 255 {
            return .invalid
        }
        let lastLimit = UInt64(1) << (8 * UInt64(5 - numbers.count))
        guard numbers.last! < lastLimit else { return .invalid }
        var value = numbers.last!
        for (index, number) in numbers.dropLast().enumerated() {
            value += number << (8 * UInt64(3 - index))
        }
        let octets = [value >> 24, (value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff]
        return .address(octets.map(String.init).joined(separator: "."))
    }

    private static func endsInNumber(_ label: Substring) -> Bool {
        if !label.isEmpty, label.utf8.allSatisfy({ (48...57).contains($0) }) {
            return true
        }
        if label.hasPrefix("0x") || label.hasPrefix("0X") {
            return label.dropFirst(2).allSatisfy(\.isHexDigit)
        }
        return false
    }

    private static func parseNumber(_ part: Substring) -> UInt64? {
        guard !part.isEmpty else { return nil }
        var digits = part
        var radix = 10
        if part.count >= 2, part.hasPrefix("0x") || part.hasPrefix("0X") {
            digits = part.dropFirst(2)
            radix = 16
        } else if part.count >= 2, part.hasPrefix("0") {
            digits = part.dropFirst()
            radix = 8
        }
        if digits.isEmpty { return 0 }
        guard digits.count <= 20, let value = UInt64(digits, radix: radix) else { return nil }
        return value
    }
}
