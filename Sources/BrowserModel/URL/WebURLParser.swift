import Foundation

// The WHATWG URL Standard's basic URL parser (with the state overrides the setters use) and its host
// parser: one state machine, as the standard writes it, kept in one file.
extension WebURL {
    /// The WHATWG URL Standard's basic URL parser, with the state overrides the URL setters use.
    enum Parser {
        private enum State {
            case schemeStart, scheme, noScheme, specialRelativeOrAuthority, pathOrAuthority, relative, relativeSlash
            case specialAuthoritySlashes, specialAuthorityIgnoreSlashes, authority, host, port
            case file, fileSlash, fileHost
            case pathStart, path, opaquePath, query, fragment
        }

        /// The states a URL setter starts the parser in (the standard's "state override"). The parser then
        /// changes only the part of the URL that state parses, and stops where that part ends.
        enum StateOverride: Sendable, Hashable {
            /// `protocol`: the scheme start state.
            case schemeStart
            /// `host`: the host state (the file host state for `file` URLs), then the port state after a `:`.
            case host
            /// `hostname`: the host state, where a `:` is a failure.
            case hostname
            /// `port`: the port state; the first code point that is not a digit ends the port.
            case port
            /// `pathname`: the path start state; `?` and `#` belong to the path.
            case pathStart
            /// `search`: the query state; `#` belongs to the query.
            case query
            /// `hash`: the fragment state.
            case fragment
        }

        /// Parses `input` against `base`; `nil` on failure.
        static func parse(_ input: String, base: Record?) -> Record? {
            var url = Record()
            guard basicParse(input, base: base, url: &url, stateOverride: nil) else { return nil }
            return url
        }

        /// Runs the parser on the existing record `url` from `stateOverride`, as a URL setter does, changing `url`
        /// in place. Returns `false` when the parser fails; as in the standard, what it changed before failing stays
        /// changed (setting `host` to `"example.com:x"` changes the host and leaves the port).
        @discardableResult
        static func parse(_ input: String, into url: inout Record, stateOverride: StateOverride) -> Bool {
            basicParse(input, base: nil, url: &url, stateOverride: stateOverride)
        }

        /// The basic URL parser: parses `input` into `url`, against `base`, from `stateOverride` when given.
        /// Returns `false` on failure.
        private static func basicParse(_ input: String, base: Record?, url: inout Record, stateOverride: StateOverride?) -> Bool {
            // Without a state override, strip leading and trailing C0 controls and spaces; always remove all tabs
            // and newlines.
            var scalars = Array(input.unicodeScalars)
            if stateOverride == nil {
                let start = scalars.firstIndex { $0.value > 0x20 } ?? scalars.count
                let end = (scalars.lastIndex { $0.value > 0x20 } ?? -1) + 1
                scalars = start < end ? Array(scalars[start..<end]) : []
            }
            scalars.removeAll { $0 == "\t" || $0 == "\n" || $0 == "\r" }

            var state: State
            switch stateOverride {
            case nil, .schemeStart: state = .schemeStart
            case .host, .hostname: state = .host
            case .port: state = .port
            case .pathStart: state = .pathStart
            case .query: state = .query
            case .fragment: state = .fragment
            }
            var buffer: [Unicode.Scalar] = []
            var atSignSeen = false
            var insideBrackets = false
            var passwordTokenSeen = false
            var pointer = 0
            let count = scalars.count

            func at(_ index: Int) -> Unicode.Scalar? { index >= 0 && index < count ? scalars[index] : nil }
            func remainingStarts(with text: String) -> Bool {
                var index = pointer + 1
                for scalar in text.unicodeScalars {
                    guard at(index) == scalar else { return false }
                    index += 1
                }
                return true
            }
            func remainderStartsWithWindowsDriveLetter() -> Bool {
                let start = min(pointer, count)
                return startsWithWindowsDriveLetter(Array(scalars[start..<min(start + 3, count)]))
            }

            while true {
                let c = at(pointer)
                switch state {
                case .schemeStart:
                    if let c, Parser.isAlpha(c) {
                        buffer.append(Parser.lowercased(c))
                        state = .scheme
                    } else if stateOverride == nil {
                        state = .noScheme
                        pointer -= 1
                    } else {
                        return false
                    }

                case .scheme:
                    if let c, Parser.isAlphanumeric(c) || c == "+" || c == "-" || c == "." {
                        buffer.append(Parser.lowercased(c))
                    } else if c == ":" {
                        let scheme = String(String.UnicodeScalarView(buffer))
                        if stateOverride != nil {
                            // A setter cannot switch between special and non-special schemes, nor make a URL with
                            // credentials, a port or an empty host a `file` URL or the other way round.
                            if url.isSpecial != (Record.specialSchemes[scheme] != nil) { return true }
                            if url.includesCredentials || url.port != nil, scheme == "file" { return true }
                            if url.scheme == "file", url.host == .empty { return true }
                        }
                        url.scheme = scheme
                        if stateOverride != nil {
                            if let port = url.port, Record.specialSchemes[scheme] == .some(port) { url.port = nil }
                            return true
                        }
                        buffer = []
                        if url.scheme == "file" {
                            state = .file
                        } else if url.isSpecial, let base, base.scheme == url.scheme {
                            state = .specialRelativeOrAuthority
                        } else if url.isSpecial {
                            state = .specialAuthoritySlashes
                        } else if remainingStarts(with: "/") {
                            state = .pathOrAuthority
                            pointer += 1
                        } else {
                            url.path = .opaque("")
                            state = .opaquePath
                        }
                    } else if stateOverride == nil {
                        buffer = []
                        state = .noScheme
                        pointer = -1
                    } else {
                        return false
                    }

                case .noScheme:
                    guard let base, !base.hasOpaquePath || c == "#" else { return false }
                    if base.hasOpaquePath {
                        url.scheme = base.scheme
                        url.path = base.path
                        url.query = base.query
                        url.fragment = ""
                        state = .fragment
                    } else if base.scheme != "file" {
                        state = .relative
                        pointer -= 1
                    } else {
                        state = .file
                        pointer -= 1
                    }

                case .specialRelativeOrAuthority:
                    if c == "/", remainingStarts(with: "/") {
                        state = .specialAuthorityIgnoreSlashes
                        pointer += 1
                    } else {
                        state = .relative
                        pointer -= 1
                    }

                case .pathOrAuthority:
                    if c == "/" {
                        state = .authority
                    } else {
                        state = .path
                        pointer -= 1
                    }

                case .relative:
                    guard let base else { return false }
                    url.scheme = base.scheme
                    if c == "/" {
                        state = .relativeSlash
                    } else if url.isSpecial, c == "\\" {
                        state = .relativeSlash
                    } else {
                        url.username = base.username
                        url.password = base.password
                        url.host = base.host
                        url.port = base.port
                        url.path = base.path
                        url.query = base.query
                        if c == "?" {
                            url.query = ""
                            state = .query
                        } else if c == "#" {
                            url.fragment = ""
                            state = .fragment
                        } else if c != nil {
                            url.query = nil
                            url.shortenPath()
                            state = .path
                            pointer -= 1
                        }
                    }

                case .relativeSlash:
                    if url.isSpecial, c == "/" || c == "\\" {
                        state = .specialAuthorityIgnoreSlashes
                    } else if c == "/" {
                        state = .authority
                    } else {
                        guard let base else { return false }
                        url.username = base.username
                        url.password = base.password
                        url.host = base.host
                        url.port = base.port
                        state = .path
                        pointer -= 1
                    }

                case .specialAuthoritySlashes:
                    if c == "/", remainingStarts(with: "/") {
                        state = .specialAuthorityIgnoreSlashes
                        pointer += 1
                    } else {
                        state = .specialAuthorityIgnoreSlashes
                        pointer -= 1
                    }

                case .specialAuthorityIgnoreSlashes:
                    if c != "/", c != "\\" {
                        state = .authority
                        pointer -= 1
                    }

                case .authority:
                    if c == "@" {
                        if atSignSeen { buffer.insert(contentsOf: "%40".unicodeScalars, at: 0) }
                        atSignSeen = true
                        for scalar in buffer {
                            if scalar == ":", !passwordTokenSeen {
                                passwordTokenSeen = true
                                continue
                            }
                            let encoded = percentEncode(scalar, PercentEncodeSet.userinfo)
                            if passwordTokenSeen { url.password += encoded } else { url.username += encoded }
                        }
                        buffer = []
                    } else if c == nil || c == "/" || c == "?" || c == "#" || (url.isSpecial && c == "\\") {
                        if atSignSeen, buffer.isEmpty { return false }
                        pointer -= buffer.count + 1
                        buffer = []
                        state = .host
                    } else if let c {
                        buffer.append(c)
                    }

                case .host:
                    if stateOverride != nil, url.scheme == "file" {
                        pointer -= 1
                        state = .fileHost
                    } else if c == ":", !insideBrackets {
                        if buffer.isEmpty { return false }
                        if stateOverride == .hostname { return false }
                        guard let host = parseHost(buffer, isOpaque: !url.isSpecial) else { return false }
                        url.host = host
                        buffer = []
                        state = .port
                    } else if c == nil || c == "/" || c == "?" || c == "#" || (url.isSpecial && c == "\\") {
                        pointer -= 1
                        if url.isSpecial, buffer.isEmpty { return false }
                        // A setter cannot empty the host of a URL that has credentials or a port.
                        if stateOverride != nil, buffer.isEmpty, url.includesCredentials || url.port != nil { return false }
                        guard let host = parseHost(buffer, isOpaque: !url.isSpecial) else { return false }
                        url.host = host
                        buffer = []
                        state = .pathStart
                        if stateOverride != nil { return true }
                    } else if let c {
                        if c == "[" { insideBrackets = true }
                        if c == "]" { insideBrackets = false }
                        buffer.append(c)
                    }

                case .port:
                    if let c, Parser.isDigit(c) {
                        buffer.append(c)
                    } else if c == nil || c == "/" || c == "?" || c == "#" || (url.isSpecial && c == "\\") || stateOverride != nil {
                        if !buffer.isEmpty {
                            var value = 0
                            for digit in buffer {
                                value = value * 10 + Int(digit.value - 0x30)
                                if value > 65535 { return false }
                            }
                            url.port = Record.specialSchemes[url.scheme] == .some(value) ? nil : value
                            buffer = []
                            if stateOverride != nil { return true }
                        }
                        if stateOverride != nil { return false }
                        state = .pathStart
                        pointer -= 1
                    } else {
                        return false
                    }

                case .file:
                    url.scheme = "file"
                    url.host = .empty
                    if c == "/" || c == "\\" {
                        state = .fileSlash
                    } else if let base, base.scheme == "file" {
                        url.host = base.host
                        url.path = base.path
                        url.query = base.query
                        if c == "?" {
                            url.query = ""
                            state = .query
                        } else if c == "#" {
                            url.fragment = ""
                            state = .fragment
                        } else if c != nil {
                            url.query = nil
                            if !remainderStartsWithWindowsDriveLetter() {
                                url.shortenPath()
                            } else {
                                url.segments = []
                            }
                            state = .path
                            pointer -= 1
                        }
                    } else {
                        state = .path
                        pointer -= 1
                    }

                case .fileSlash:
                    if c == "/" || c == "\\" {
                        state = .fileHost
                    } else {
                        if let base, base.scheme == "file" {
                            url.host = base.host
                            if !remainderStartsWithWindowsDriveLetter(), let first = base.segments.first,
                               isNormalizedWindowsDriveLetter(first) {
                                url.appendSegment(first)
                            }
                        }
                        state = .path
                        pointer -= 1
                    }

                case .fileHost:
                    if c == nil || c == "/" || c == "\\" || c == "?" || c == "#" {
                        pointer -= 1
                        if stateOverride == nil, isWindowsDriveLetter(buffer) {
                            state = .path
                        } else if buffer.isEmpty {
                            url.host = .empty
                            if stateOverride != nil { return true }
                            state = .pathStart
                        } else {
                            guard var host = parseHost(buffer, isOpaque: false) else { return false }
                            if host == .domain("localhost") { host = .empty }
                            url.host = host
                            if stateOverride != nil { return true }
                            buffer = []
                            state = .pathStart
                        }
                    } else if let c {
                        buffer.append(c)
                    }

                case .pathStart:
                    if url.isSpecial {
                        state = .path
                        if c != "/", c != "\\" { pointer -= 1 }
                    } else if stateOverride == nil, c == "?" {
                        url.query = ""
                        state = .query
                    } else if stateOverride == nil, c == "#" {
                        url.fragment = ""
                        state = .fragment
                    } else if c != nil {
                        state = .path
                        if c != "/" { pointer -= 1 }
                    } else if stateOverride != nil, url.host == nil {
                        url.appendSegment("")
                    }

                case .path:
                    let slashLike = c == "/" || (url.isSpecial && c == "\\")
                    if c == nil || slashLike || (stateOverride == nil && (c == "?" || c == "#")) {
                        let text = String(String.UnicodeScalarView(buffer))
                        if isDoubleDotSegment(text) {
                            url.shortenPath()
                            if !slashLike { url.appendSegment("") }
                        } else if isSingleDotSegment(text), !slashLike {
                            url.appendSegment("")
                        } else if !isSingleDotSegment(text) {
                            var segment = text
                            if url.scheme == "file", url.segments.isEmpty, isWindowsDriveLetter(buffer) {
                                segment = String(buffer[0]) + ":"
                            }
                            url.appendSegment(segment)
                        }
                        buffer = []
                        if c == "?" {
                            url.query = ""
                            state = .query
                        } else if c == "#" {
                            url.fragment = ""
                            state = .fragment
                        }
                    } else if let c {
                        buffer.append(contentsOf: percentEncode(c, PercentEncodeSet.path).unicodeScalars)
                    }

                case .opaquePath:
                    guard url.hasOpaquePath else { return false }
                    if c == "?" {
                        url.query = ""
                        state = .query
                    } else if c == "#" {
                        url.fragment = ""
                        state = .fragment
                    } else if c == " " {
                        // A space right before the query or fragment is encoded so that it survives serialization.
                        let next = at(pointer + 1)
                        url.appendToOpaquePath((next == "?" || next == "#") ? "%20" : " ")
                    } else if let c {
                        url.appendToOpaquePath(percentEncode(c, PercentEncodeSet.c0Control))
                    }

                case .query:
                    if (stateOverride == nil && c == "#") || c == nil {
                        let set = url.isSpecial ? PercentEncodeSet.specialQuery : PercentEncodeSet.query
                        url.query = (url.query ?? "") + buffer.map { percentEncode($0, set) }.joined()
                        buffer = []
                        if c == "#" {
                            url.fragment = ""
                            state = .fragment
                        }
                    } else if let c {
                        buffer.append(c)
                    }

                case .fragment:
                    if let c {
                        // Appended in place: rebuilding the fragment for every code point would be quadratic.
                        if url.fragment == nil { url.fragment = "" }
                        url.fragment!.append(percentEncode(c, PercentEncodeSet.fragment))
                    }
                }

                if pointer >= count { break }
                pointer += 1
            }
            return true
        }

        // MARK: Helpers

        static func isAlpha(_ c: Unicode.Scalar) -> Bool {
            (0x41...0x5A).contains(c.value) || (0x61...0x7A).contains(c.value)
        }
        static func isDigit(_ c: Unicode.Scalar) -> Bool { (0x30...0x39).contains(c.value) }
        static func isAlphanumeric(_ c: Unicode.Scalar) -> Bool { isAlpha(c) || isDigit(c) }
        static func lowercased(_ c: Unicode.Scalar) -> Unicode.Scalar {
            (0x41...0x5A).contains(c.value) ? Unicode.Scalar(c.value + 0x20)! : c
        }

        static func isWindowsDriveLetter(_ scalars: [Unicode.Scalar]) -> Bool {
            scalars.count == 2 && isAlpha(scalars[0]) && (scalars[1] == ":" || scalars[1] == "|")
        }

        static func isNormalizedWindowsDriveLetter(_ text: String) -> Bool {
            let scalars = Array(text.unicodeScalars)
            return scalars.count == 2 && isAlpha(scalars[0]) && scalars[1] == ":"
        }

        static func startsWithWindowsDriveLetter(_ scalars: [Unicode.Scalar]) -> Bool {
            guard scalars.count >= 2, isWindowsDriveLetter(Array(scalars[0..<2])) else { return false }
            if scalars.count == 2 { return true }
            return ["/", "\\", "?", "#"].contains(scalars[2])
        }

        static func isSingleDotSegment(_ text: String) -> Bool {
            text == "." || text.lowercased() == "%2e"
        }

        static func isDoubleDotSegment(_ text: String) -> Bool {
            switch text.lowercased() {
            case "..", ".%2e", "%2e.", "%2e%2e": return true
            default: return false
            }
        }

        /// UTF-8 percent-encodes `scalar` when `set` contains it.
        static func percentEncode(_ scalar: Unicode.Scalar, _ set: (UInt32) -> Bool) -> String {
            guard set(scalar.value) else { return String(scalar) }
            return String(scalar).utf8.map { percentEncodedByte($0) }.joined()
        }

        static func percentEncodedByte(_ byte: UInt8) -> String {
            let digits = Array("0123456789ABCDEF")
            return "%" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0xF)])
        }

        /// Percent-decodes `text` to bytes, leaving malformed `%` sequences as they are.
        static func percentDecode(_ text: String) -> [UInt8] {
            let bytes = Array(text.utf8)
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var index = 0
            while index < bytes.count {
                if bytes[index] == 0x25, index + 2 < bytes.count,
                   let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) {
                    out.append(high << 4 | low)
                    index += 3
                } else {
                    out.append(bytes[index])
                    index += 1
                }
            }
            return out
        }

        static func hexValue(_ byte: UInt8) -> UInt8? {
            switch byte {
            case 0x30...0x39: return byte - 0x30
            case 0x41...0x46: return byte - 0x41 + 10
            case 0x61...0x66: return byte - 0x61 + 10
            default: return nil
            }
        }

        // MARK: URLHost parsing

        static func parseHost(_ input: [Unicode.Scalar], isOpaque: Bool) -> URLHost? {
            if input.first == "[" {
                guard input.last == "]", input.count >= 2 else { return nil }
                return parseIPv6(Array(input[1..<(input.count - 1)])).map(URLHost.ipv6)
            }
            if isOpaque {
                for scalar in input where scalar != "%" && isForbiddenHostCodePoint(scalar) { return nil }
                let text = input.map { percentEncode($0, PercentEncodeSet.c0Control) }.joined()
                return text.isEmpty ? .empty : .opaque(text)
            }
            let decoded = String(decoding: percentDecode(String(String.UnicodeScalarView(input))), as: UTF8.self)
            guard let ascii = domainToASCII(decoded), !ascii.isEmpty else { return nil }
            for scalar in ascii.unicodeScalars where isForbiddenDomainCodePoint(scalar) { return nil }
            if endsInANumber(ascii) { return parseIPv4(ascii).map(URLHost.ipv4) }
            return .domain(ascii)
        }

        static func isForbiddenHostCodePoint(_ c: Unicode.Scalar) -> Bool {
            switch c.value {
            case 0x00, 0x09, 0x0A, 0x0D, 0x20, 0x23, 0x2F, 0x3A, 0x3C, 0x3E, 0x3F, 0x40, 0x5B, 0x5C, 0x5D, 0x5E, 0x7C:
                return true
            default:
                return false
            }
        }

        static func isForbiddenDomainCodePoint(_ c: Unicode.Scalar) -> Bool {
            isForbiddenHostCodePoint(c) || c.value <= 0x1F || c.value == 0x25 || c.value == 0x7F
        }

        /// Domain to ASCII (the URL Standard's, as Chromium and Firefox do it): see ``InternationalDomainName``.
        static func domainToASCII(_ domain: String) -> String? {
            InternationalDomainName.toASCII(domain)
        }

        static func endsInANumber(_ input: String) -> Bool {
            var parts = input.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            if parts.last == "" {
                if parts.count == 1 { return false }
                parts.removeLast()
            }
            guard let last = parts.last, !last.isEmpty else { return false }
            if last.allSatisfy({ $0.isASCII && $0.isNumber }) { return true }
            return parseIPv4Number(last) != nil
        }

        /// Parses one part of an IPv4 address: decimal, `0x` hexadecimal or `0`-prefixed octal. Values too large
        /// for 64 bits are clamped, which keeps them out of range.
        static func parseIPv4Number(_ input: String) -> UInt64? {
            guard !input.isEmpty else { return nil }
            var text = Substring(input)
            var radix: UInt64 = 10
            if text.hasPrefix("0x") || text.hasPrefix("0X") {
                radix = 16
                text = text.dropFirst(2)
            } else if text.count >= 2, text.hasPrefix("0") {
                radix = 8
                text = text.dropFirst()
            }
            if text.isEmpty { return 0 }
            var value: UInt64 = 0
            for character in text {
                guard let digit = character.hexDigitValue, UInt64(digit) < radix, character.isASCII else { return nil }
                let (product, overflow1) = value.multipliedReportingOverflow(by: radix)
                let (sum, overflow2) = product.addingReportingOverflow(UInt64(digit))
                value = (overflow1 || overflow2) ? UInt64.max : sum
            }
            return value
        }

        static func parseIPv4(_ input: String) -> UInt32? {
            var parts = input.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            if parts.last == "", parts.count > 1 { parts.removeLast() }
            guard parts.count <= 4 else { return nil }
            var numbers: [UInt64] = []
            for part in parts {
                guard let number = parseIPv4Number(part) else { return nil }
                numbers.append(number)
            }
            for number in numbers.dropLast() where number > 255 { return nil }
            guard let last = numbers.last, last < (UInt64(1) << (8 * UInt64(5 - numbers.count))) else { return nil }
            var address = last
            for (index, number) in numbers.dropLast().enumerated() {
                address += number << (8 * UInt64(3 - index))
            }
            return UInt32(address)
        }

        static func parseIPv6(_ input: [Unicode.Scalar]) -> [UInt16]? {
            var address = [UInt16](repeating: 0, count: 8)
            var pieceIndex = 0
            var compress: Int?
            var pointer = 0
            func at(_ index: Int) -> Unicode.Scalar? { index < input.count ? input[index] : nil }
            func hex(_ c: Unicode.Scalar?) -> Int? {
                guard let c, c.isASCII else { return nil }
                return Character(c).hexDigitValue
            }

            if at(pointer) == ":" {
                guard at(pointer + 1) == ":" else { return nil }
                pointer += 2
                pieceIndex += 1
                compress = pieceIndex
            }
            while at(pointer) != nil {
                guard pieceIndex != 8 else { return nil }
                if at(pointer) == ":" {
                    guard compress == nil else { return nil }
                    pointer += 1
                    pieceIndex += 1
                    compress = pieceIndex
                    continue
                }
                var value = 0
                var length = 0
                while length < 4, let digit = hex(at(pointer)) {
                    value = value * 0x10 + digit
                    pointer += 1
                    length += 1
                }
                if at(pointer) == "." {
                    guard length != 0 else { return nil }
                    pointer -= length
                    guard pieceIndex <= 6 else { return nil }
                    var numbersSeen = 0
                    while at(pointer) != nil {
                        var ipv4Piece: Int?
                        if numbersSeen > 0 {
                            guard at(pointer) == ".", numbersSeen < 4 else { return nil }
                            pointer += 1
                        }
                        guard let first = at(pointer), Parser.isDigit(first) else { return nil }
                        while let c = at(pointer), Parser.isDigit(c) {
                            let number = Int(c.value - 0x30)
                            if let current = ipv4Piece {
                                guard current != 0 else { return nil }
                                ipv4Piece = current * 10 + number
                            } else {
                                ipv4Piece = number
                            }
                            guard let piece = ipv4Piece, piece <= 255 else { return nil }
                            pointer += 1
                        }
                        address[pieceIndex] = address[pieceIndex] * 0x100 + UInt16(ipv4Piece ?? 0)
                        numbersSeen += 1
                        if numbersSeen == 2 || numbersSeen == 4 { pieceIndex += 1 }
                    }
                    guard numbersSeen == 4 else { return nil }
                    break
                } else if at(pointer) == ":" {
                    pointer += 1
                    guard at(pointer) != nil else { return nil }
                } else if at(pointer) != nil {
                    return nil
                }
                address[pieceIndex] = UInt16(value)
                pieceIndex += 1
            }
            if let compress {
                var swaps = pieceIndex - compress
                pieceIndex = 7
                while pieceIndex != 0, swaps > 0 {
                    address.swapAt(pieceIndex, compress + swaps - 1)
                    pieceIndex -= 1
                    swaps -= 1
                }
            } else if pieceIndex != 8 {
                return nil
            }
            return address
        }
    }
}
