import CGLib

/// The SHA family of digests, from GLib's `GChecksum`, which the process already has through
/// JavaScriptCore-GTK (no hand-written hash): what `crypto.subtle.digest` computes, and the
/// SHA-256 of extension ids.
public enum DigestAlgorithm: String, CaseIterable, Sendable {
    case sha1 = "SHA-1"
    case sha256 = "SHA-256"
    case sha384 = "SHA-384"
    case sha512 = "SHA-512"

    /// The algorithm WebCrypto names `name`, compared without regard to ASCII case; nil for another.
    public init?(webCryptoName name: String) {
        guard let found = Self.allCases.first(where: { $0.rawValue.lowercased() == name.lowercased() }) else { return nil }
        self = found
    }

    /// The digest's length in bytes.
    public var length: Int {
        switch self {
        case .sha1: 20
        case .sha256: 32
        case .sha384: 48
        case .sha512: 64
        }
    }

    private var checksumType: GChecksumType {
        switch self {
        case .sha1: G_CHECKSUM_SHA1
        case .sha256: G_CHECKSUM_SHA256
        case .sha384: G_CHECKSUM_SHA384
        case .sha512: G_CHECKSUM_SHA512
        }
    }

    /// The digest of `message`.
    public func digest<Bytes: Collection>(_ message: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
        guard let checksum = g_checksum_new(checksumType) else {
            preconditionFailure("GLib has no \(rawValue)")
        }
        defer { g_checksum_free(checksum) }
        let bytes = Array(message)
        bytes.withUnsafeBufferPointer { buffer in
            g_checksum_update(checksum, buffer.baseAddress, gssize(buffer.count))
        }
        var digest = [UInt8](repeating: 0, count: length)
        var written = gsize(digest.count)
        digest.withUnsafeMutableBufferPointer { buffer in
            g_checksum_get_digest(checksum, buffer.baseAddress, &written)
        }
        precondition(written == length, "GLib's \(rawValue) gave \(written) bytes")
        return digest
    }
}
