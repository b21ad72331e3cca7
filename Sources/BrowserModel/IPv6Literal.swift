/// An IPv6 address as written inside `[` `]` in a URL host, parsed and written back
/// in the canonical form browsers use (WHATWG URL Standard "IPv6 parser" and "IPv6 serializer").
struct IPv6Literal: Hashable {
    /// The eight 16-bit pieces.
    let pieces: [UInt16]

    /// Parses the text between the brackets, e.g. `::1` or `2001:DB8::0:1`; nil when it is not an IPv6 address.
    init?(_ text: Substring) {
        var pieces = [UInt16](repeating: 0, count: 8)
        var pieceIndex = 0
        var compress: Int?
        let characters = Array(text.unicodeScalars)
        var pointer = 0

        func character(at index: Int) -> Unicode.Scalar? {
            index < characters.count ? characters[index] : nil
        }

        if character(at: pointer) == ":" {
            guard character(at: pointer + 1) == ":" else { return nil }
            pointer += 2
            pieceIndex += 1
            compress = pieceIndex
        }
        while let current = character(at: pointer) {
            guard pieceIndex < 8 else { return nil }
            if current == ":" {
                guard compress == nil else { return nil }
                pointer += 1
                pieceIndex += 1
                compress = pieceIndex
                continue
            }
            var value: UInt32 = 0
            var length = 0
            while length < 4, let digit = character(at: pointer), let digitValue = IPv6Literal.hexValue(digit) {
                value = value * 16 + digitValue
                pointer += 1
                length += 1
            }
            if character(at: pointer) == "." {
                guard length > 0 else { return nil }
                pointer -= length
                guard pieceIndex <= 6 else { return nil }
                var numbersSeen = 0
                while let next = character(at: pointer) {
                    var ipv4Piece: UInt32?
                    if numbersSeen > 0 {
                        guard next == ".", numbersSeen < 4 else { return nil }
                        pointer += 1
                    }
                    guard let first = character(at: pointer), ("0"..."9").contains(first) else { return nil }
                    while let digit = character(at: pointer), ("0"..."9").contains(digit) {
                        let number = digit.value - 48
                        if ipv4Piece == nil {
                            ipv4Piece = number
                        } else if ipv4Piece == 0 {
                            return nil
                        } else {
                            ipv4Piece = ipv4Piece! * 10 + number
                        }
                        guard ipv4Piece! <= 255 else { return nil }
                        pointer += 1
                    }
                    pieces[pieceIndex] = pieces[pieceIndex] &* 0x100 &+ UInt16(ipv4Piece!)
                    numbersSeen += 1
                    if numbersSeen == 2 || numbersSeen == 4 {
                        pieceIndex += 1
                    }
                }
                guard numbersSeen == 4 else { return nil }
                break
            } else if character(at: pointer) == ":" {
                pointer += 1
                guard character(at: pointer) != nil else { return nil }
            } else if character(at: pointer) != nil {
                return nil
            }
            pieces[pieceIndex] = UInt16(value)
            pieceIndex += 1
        }
        if let compress {
            var swaps = pieceIndex - compress
            pieceIndex = 7
            while pieceIndex != 0, swaps > 0 {
                pieces.swapAt(pieceIndex, compress + swaps - 1)
                pieceIndex -= 1
                swaps -= 1
            }
        } else if pieceIndex != 8 {
            return nil
        }
        self.pieces = pieces
    }

    /// The canonical text without brackets: lower-case hex, the first longest run of two or more zero pieces as `::`.
    var canonicalText: String {
        var bestStart = -1
        var bestLength = 1
        var index = 0
        while index < 8 {
            if pieces[index] == 0 {
                var end = index
                while end < 8, pieces[end] == 0 { end += 1 }
                if end - index > bestLength {
                    bestStart = index
                    bestLength = end - index
                }
                index = end
            } else {
                index += 1
            }
        }
        var output = ""
        var ignoreZero = false
        for pieceIndex in 0..<8 {
            if ignoreZero, pieces[pieceIndex] == 0 { continue }
            ignoreZero = false
            if bestStart == pieceIndex {
                output += pieceIndex == 0 ? "::" : ":"
                ignoreZero = true
                continue
            }
            output += String(pieces[pieceIndex], radix: 16)
            if pieceIndex != 7 { output += ":" }
        }
        return output
    }

    private static func hexValue(_ scalar: Unicode.Scalar) -> UInt32? {
        switch scalar {
        case "0"..."9": return scalar.value - 48
        case "a"..."f": return scalar.value - 87
        case "A"..."F": return scalar.value - 55
        default: return nil
        }
    }
}
