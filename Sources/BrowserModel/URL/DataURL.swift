import Foundation

/// A `data:` URL's MIME type and bytes, as the Fetch Standard's data: URL processor reads them:
/// the part before the comma is the MIME type (with `;base64` at its end for a base64 body), the
/// part after it the body, percent-decoded, then forgiving-base64-decoded when so marked.
public struct DataURL: Sendable, Hashable {
    /// The MIME type as the URL gives it (`text/plain;charset=US-ASCII` when it gives none).
    public let mimeType: String
    /// The MIME type's essence, lowercased (`text/plain`).
    public let essence: String
    /// The body's bytes.
    public let body: [UInt8]

    /// The data: URL `url`, or nil when it is not one or its base64 body cannot be decoded.
    public init?(_ url: WebURL) {
        let serialized = url.hrefExcludingFragment
        guard serialized.hasPrefix("data:") else { return nil }
        let input = serialized.dropFirst(5)
        guard let comma = input.firstIndex(of: ",") else { return nil }
        var type = input[..<comma].trimmingCharacters(in: .whitespaces)
        var body = WebURL.Parser.percentDecode(String(input[input.index(after: comma)...]))
        if let semicolon = type.lastIndex(of: ";"),
           type[type.index(after: semicolon)...].trimmingCharacters(in: .whitespaces).lowercased() == "base64" {
            type = String(type[..<semicolon]).trimmingCharacters(in: .whitespaces)
            guard let decoded = Self.forgivingBase64(body) else { return nil }
            body = decoded
        }
        if type.hasPrefix(";") { type = "text/plain" + type }
        let essence = type.split(separator: ";", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        if essence.isEmpty || !essence.contains("/") {
            mimeType = "text/plain;charset=US-ASCII"
            self.essence = "text/plain"
        } else {
            mimeType = type
            self.essence = essence
        }
        self.body = body
    }

    /// The Infra Standard's forgiving-base64 decode (ASCII whitespace ignored, padding optional).
    static func forgivingBase64(_ bytes: [UInt8]) -> [UInt8]? {
        var text = String(decoding: bytes, as: UTF8.self).filter { !" \t\n\u{0C}\r".contains($0) }
        if text.count % 4 == 0, text.hasSuffix("==") {
            text.removeLast(2)
        } else if text.count % 4 == 0, text.hasSuffix("=") {
            text.removeLast()
        }
        guard text.count % 4 != 1 else { return nil }
        text += String(repeating: "=", count: (4 - text.count % 4) % 4)
        guard let decoded = Data(base64Encoded: text) else { return nil }
        return Array(decoded)
    }
}
