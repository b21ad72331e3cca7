import Foundation

// The URL record that WebURLParser.swift makes and WebURL.swift serializes: its host, its path,
// its parts; and the percent-encode sets the parser and the setters use.
extension WebURL {
    // MARK: - The URL record

    /// A host, as the WHATWG URL Standard's host parser produces it.
    enum URLHost: Sendable, Hashable {
        /// A domain, already mapped to ASCII and lower-cased.
        case domain(String)
        /// An IPv4 address.
        case ipv4(UInt32)
        /// An IPv6 address, as eight 16-bit pieces.
        case ipv6([UInt16])
        /// An opaque host of a non-special URL, percent-encoded.
        case opaque(String)
        /// The empty host (`file:///x`, `sc:///x`).
        case empty

        /// The host serialized as the standard says.
        var serialized: String {
            switch self {
            case .domain(let text), .opaque(let text): return text
            case .empty: return ""
            case .ipv4(let address):
                return (0..<4).map { String((address >> (24 - 8 * UInt32($0))) & 0xFF) }.joined(separator: ".")
            case .ipv6(let pieces):
                return "[" + URLHost.serializeIPv6(pieces) + "]"
            }
        }

        private static func serializeIPv6(_ pieces: [UInt16]) -> String {
            // Find the first longest run of two or more zero pieces, which "::" replaces.
            var compress: Int?
            var bestLength = 1
            var index = 0
            while index < 8 {
                if pieces[index] == 0 {
                    var end = index
                    while end < 8, pieces[end] == 0 { end += 1 }
                    if end - index > bestLength {
                        bestLength = end - index
                        compress = index
                    }
                    index = end
                } else {
                    index += 1
                }
            }
            var out = ""
            var ignore0 = false
            for pieceIndex in 0..<8 {
                if ignore0, pieces[pieceIndex] == 0 { continue }
                ignore0 = false
                if compress == pieceIndex {
                    out += pieceIndex == 0 ? "::" : ":"
                    ignore0 = true
                    continue
                }
                out += String(pieces[pieceIndex], radix: 16)
                if pieceIndex != 7 { out += ":" }
            }
            return out
        }
    }

    /// A URL's path: a list of segments, or an opaque string for URLs such as `about:blank`.
    enum Path: Sendable, Hashable {
        /// A hierarchical path, as its segments.
        case segments([String])
        /// An opaque path.
        case opaque(String)
    }

    /// The WHATWG URL Standard's URL record.
    struct Record: Sendable, Hashable {
        /// The special schemes and their default ports (`file` has none).
        static let specialSchemes: [String: Int?] = [
            "ftp": 21, "file": nil, "http": 80, "https": 443, "ws": 80, "wss": 443,
        ]

        var scheme = ""
        var username = ""
        var password = ""
        var host: URLHost?
        var port: Int?
        var path: Path = .segments([])
        var query: String?
        var fragment: String?

        init() {}

        /// The record behind a parsed URL.
        init(_ url: WebURL) {
            scheme = url.scheme
            username = url.username
            password = url.password
            host = url.hostValue
            port = url.port
            path = url.hasOpaquePath ? .opaque(url.path) : .segments(url.pathSegments)
            query = url.query
            fragment = url.fragment
        }

        var isSpecial: Bool { Record.specialSchemes[scheme] != nil }

        /// Whether the URL has a username or a password.
        var includesCredentials: Bool { !username.isEmpty || !password.isEmpty }

        /// The standard's "cannot have a username/password/port": no host, the empty host, or a `file` URL.
        var cannotHaveUsernamePasswordPort: Bool { host == nil || host == .empty || scheme == "file" }

        var hasOpaquePath: Bool {
            if case .opaque = path { return true }
            return false
        }

        var segments: [String] {
            get {
                if case .segments(let list) = path { return list }
                return []
            }
            set { path = .segments(newValue) }
        }

        /// Changes the path's segments in place (making the path hierarchical if it was opaque). The list is taken
        /// out of `path` first, so that it is the only reference to its storage and `body` changes it without
        /// copying it: appending segment after segment stays linear.
        mutating func modifySegments(_ body: (inout [String]) -> Void) {
            var list: [String] = []
            if case .segments(let current) = path { list = current }
            path = .segments([])
            body(&list)
            path = .segments(list)
        }

        /// Appends `segment` to the path, in place.
        mutating func appendSegment(_ segment: String) {
            modifySegments { $0.append(segment) }
        }

        /// Appends `text` to an opaque path, in place (the same way as ``modifySegments(_:)``).
        mutating func appendToOpaquePath(_ text: String) {
            guard case .opaque(var current) = path else { return }
            path = .segments([])
            current += text
            path = .opaque(current)
        }

        /// The standard's "shorten a URL's path".
        mutating func shortenPath() {
            let isFile = scheme == "file"
            modifySegments { list in
                if isFile, list.count == 1, Parser.isNormalizedWindowsDriveLetter(list[0]) { return }
                if !list.isEmpty { list.removeLast() }
            }
        }
    }

    /// The WHATWG URL Standard's percent-encode sets, as predicates on a code point.
    enum PercentEncodeSet {
        static func c0Control(_ c: UInt32) -> Bool { c < 0x20 || c > 0x7E }
        static func fragment(_ c: UInt32) -> Bool { c0Control(c) || [0x20, 0x22, 0x3C, 0x3E, 0x60].contains(c) }
        static func query(_ c: UInt32) -> Bool { c0Control(c) || [0x20, 0x22, 0x23, 0x3C, 0x3E].contains(c) }
        static func specialQuery(_ c: UInt32) -> Bool { query(c) || c == 0x27 }
        static func path(_ c: UInt32) -> Bool { query(c) || [0x3F, 0x5E, 0x60, 0x7B, 0x7D].contains(c) }
        static func userinfo(_ c: UInt32) -> Bool {
            path(c) || [0x2F, 0x3A, 0x3B, 0x3D, 0x40, 0x5B, 0x5C, 0x5D, 0x7C].contains(c)
        }
    }
}
