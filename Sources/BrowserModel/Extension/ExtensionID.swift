import Foundation

/// An extension's identity as its browser assigns it: what `runtime.id` returns and the host of the
/// extension's own URLs.
///
/// - Chrome (`crx_file::id_util`): SHA-256 of the manifest `key`'s DER bytes, or, without a key, of the
///   unpacked directory's absolute path (UTF-8 bytes, symbolic links resolved, as `--load-extension` does);
///   the first 16 bytes in hex with each digit `0`–`f` written as `a`–`p`. `runtime.id` and the URL host are
///   that 32-letter id: `chrome-extension://<id>/`.
/// - Firefox: `runtime.id` is the add-on id (`browser_specific_settings.gecko.id`); a temporary add-on without
///   one gets `<uuid>@temporary-addon` (here a UUID derived from the directory path, so runs are reproducible).
///   Extension URLs use a separate per-profile UUID (`moz-extension://<uuid>/`), here derived from the add-on id.
public struct ExtensionID: Sendable, Hashable, CustomStringConvertible {
    /// Whose rules made the id.
    public let flavor: Flavor
    /// What `runtime.id` returns.
    public let runtimeID: String
    /// The host of the extension's URLs (the id in Chrome, the internal UUID in Firefox).
    public let host: String

    /// An id with the given parts.
    public init(flavor: Flavor, runtimeID: String, host: String) {
        self.flavor = flavor
        self.runtimeID = runtimeID
        self.host = host
    }

    /// The extension's base URL with a trailing slash: `chrome-extension://<id>/` or `moz-extension://<uuid>/`.
    public var baseURL: String {
        switch flavor {
        case .chrome: "chrome-extension://\(host)/"
        case .firefox: "moz-extension://\(host)/"
        }
    }

    /// ``runtimeID``.
    public var description: String { runtimeID }

    /// The id `flavor`'s browser gives the unpacked extension in `directory` with `manifest`.
    public static func make(manifest: Manifest, directory: URL, flavor: Flavor) -> ExtensionID {
        let path = absolutePath(of: directory)
        switch flavor {
        case .chrome:
            let id: String
            if let key = manifest.key, let keyBytes = decodePublicKey(key) {
                id = chromeID(hashing: keyBytes)
            } else {
                id = chromeID(hashing: Array(path.utf8))
            }
            return ExtensionID(flavor: .chrome, runtimeID: id, host: id)
        case .firefox:
            let addonID = manifest.geckoID ?? (derivedUUID(from: "temporary-addon\u{0}" + path) + "@temporary-addon")
            return ExtensionID(flavor: .firefox, runtimeID: addonID, host: derivedUUID(from: "moz-extension\u{0}" + addonID))
        }
    }

    /// Chrome's `crx_file::id_util::GenerateId`: the first 16 bytes of SHA-256 of `bytes`, hex digits mapped to `a`–`p`.
    public static func chromeID(hashing bytes: [UInt8]) -> String {
        let letters = Array("abcdefghijklmnop")
        var id = ""
        for byte in SHA256.digest(bytes).prefix(16) {
            id.append(letters[Int(byte >> 4)])
            id.append(letters[Int(byte & 0x0f)])
        }
        return id
    }

    /// The id Chrome gives an unpacked extension without a `key` loaded from `path` (already absolute and resolved).
    public static func chromeID(forPath path: String) -> String {
        chromeID(hashing: Array(path.utf8))
    }

    /// The DER bytes of a manifest `key`, as Chrome's `Extension::ParsePEMKeyBytes` reads it (plain base64, or PEM
    /// text between `-----BEGIN … KEY-----` and `-----END`); nil when Chrome would refuse it.
    public static func decodePublicKey(_ key: String) -> [UInt8]? {
        guard !key.isEmpty, key.utf8.count <= 100 * 1024 else { return nil }
        var working = key
        if working.hasPrefix("-----BEGIN") {
            working = collapsingWhitespace(working)
            guard let header = working.range(of: "KEY-----", range: working.index(working.startIndex, offsetBy: 10)..<working.endIndex),
                let footer = working.range(of: "-----END", options: .backwards),
                header.upperBound < footer.lowerBound
            else { return nil }
            working = String(working[header.upperBound..<footer.lowerBound])
            guard !working.isEmpty else { return nil }
        }
        guard working.utf8.count % 4 == 0, let data = Data(base64Encoded: working) else { return nil }
        return [UInt8](data)
    }

    /// `base::CollapseWhitespaceASCII(text, true)`: trims, drops whitespace runs that contain a line break,
    /// and turns other runs into one space.
    private static func collapsingWhitespace(_ text: String) -> String {
        var output = ""
        var run = ""
        var sawNonWhitespace = false
        for character in text {
            if character == " " || character == "\t" || character == "\n" || character == "\r"
                || character == "\u{0B}" || character == "\u{0C}" || character == "\r\n"
            {
                run.append(character)
            } else {
                if sawNonWhitespace, !run.isEmpty, !run.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
                    output.append(" ")
                }
                run = ""
                output.append(character)
                sawNonWhitespace = true
            }
        }
        return output
    }

    /// `directory` as an absolute path with symbolic links resolved and no trailing slash.
    static func absolutePath(of directory: URL) -> String {
        let resolved = directory.standardizedFileURL.resolvingSymlinksInPath().path
        if resolved.count > 1, resolved.hasSuffix("/") {
            return String(resolved.dropLast())
        }
        return resolved
    }

    /// A lower-case version-4-shaped UUID (`xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx`) derived from `seed` with SHA-256,
    /// standing in for the random UUIDs Firefox generates.
    static func derivedUUID(from seed: String) -> String {
        var bytes = Array(SHA256.digest(seed).prefix(16))
        bytes[6] = (bytes[6] & 0x0f) | 0x40
        bytes[8] = (bytes[8] & 0x3f) | 0x80
        let hex = SHA256.hex(bytes)
        let characters = Array(hex)
        return String(characters[0..<8]) + "-" + String(characters[8..<12]) + "-" + String(characters[12..<16]) + "-"
            + String(characters[16..<20]) + "-" + String(characters[20..<32])
    }
}
