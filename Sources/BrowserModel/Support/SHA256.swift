/// SHA-256, used to derive extension ids the way the browsers do (``DigestAlgorithm``).
enum SHA256 {
    /// The 32-byte digest of `message`.
    static func digest<Bytes: Collection>(_ message: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
        DigestAlgorithm.sha256.digest(message)
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
