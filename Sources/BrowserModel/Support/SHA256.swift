import CGLib

/// SHA-256, used to derive extension ids the way the browsers do: GLib's `GChecksum`, which the
/// process already has through JavaScriptCore-GTK.
enum SHA256 {
    /// The 32-byte digest of `message`.
    static func digest<Bytes: Collection>(_ message: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
        guard let checksum = g_checksum_new(G_CHECKSUM_SHA256) else {
            preconditionFailure("GLib has no SHA-256")
        }
        defer { g_checksum_free(checksum) }
        let bytes = Array(message)
        bytes.withUnsafeBufferPointer { buffer in
            g_checksum_update(checksum, buffer.baseAddress, gssize(buffer.count))
        }
        var digest = [UInt8](repeating: 0, count: 32)
        var length = gsize(digest.count)
        digest.withUnsafeMutableBufferPointer { buffer in
            g_checksum_get_digest(checksum, buffer.baseAddress, &length)
        }
        precondition(length == 32, "GLib's SHA-256 gave \(length) bytes")
        return digest
    }

    /// The digest of `message`'s UTF-8 bytes.
    static func digest(_ message: String) -> [UInt8] {
        digest(Array(message.utf8))
    }

    /// Lower-case hexadecimal text of `bytes`.
    static func hex<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
