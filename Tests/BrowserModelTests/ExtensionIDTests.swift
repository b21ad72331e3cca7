import Foundation
import Testing

@testable import BrowserModel

@Suite struct ExtensionIDTests {
    /// The DER public key from Chromium's components/crx_file/id_util_unittest.cc.
    static let publicKeyInfo: [UInt8] = [
        0x30, 0x81, 0x9f, 0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00,
        0x03, 0x81, 0x8d, 0x00, 0x30, 0x81, 0x89, 0x02, 0x81, 0x81, 0x00, 0xb8, 0x7f, 0x2b, 0x20, 0xdc, 0x7c, 0x9b,
        0x0c, 0xdc, 0x51, 0x61, 0x99, 0x0d, 0x36, 0x0f, 0xd4, 0x66, 0x88, 0x08, 0x55, 0x84, 0xd5, 0x3a, 0xbf, 0x2b,
        0xa4, 0x64, 0x85, 0x7b, 0x0c, 0x04, 0x13, 0x3f, 0x8d, 0xf4, 0xbc, 0x38, 0x0d, 0x49, 0xfe, 0x6b, 0xc4, 0x5a,
        0xb0, 0x40, 0x53, 0x3a, 0xd7, 0x66, 0x09, 0x0f, 0x9e, 0x36, 0x74, 0x30, 0xda, 0x8a, 0x31, 0x4f, 0x1f, 0x14,
        0x50, 0xd7, 0xc7, 0x20, 0x94, 0x17, 0xde, 0x4e, 0xb9, 0x57, 0x5e, 0x7e, 0x0a, 0xe5, 0xb2, 0x65, 0x7a, 0x89,
        0x4e, 0xb6, 0x47, 0xff, 0x1c, 0xbd, 0xb7, 0x38, 0x13, 0xaf, 0x47, 0x85, 0x84, 0x32, 0x33, 0xf3, 0x17, 0x49,
        0xbf, 0xe9, 0x96, 0xd0, 0xd6, 0x14, 0x6f, 0x13, 0x8d, 0xc5, 0xfc, 0x2c, 0x72, 0xba, 0xac, 0xea, 0x7e, 0x18,
        0x53, 0x56, 0xa6, 0x83, 0xa2, 0xce, 0x93, 0x93, 0xe7, 0x1f, 0x0f, 0xe6, 0x0f, 0x02, 0x03, 0x01, 0x00, 0x01,
    ]

    /// Chromium's `IDUtilTest.GenerateID` expectations.
    @Test func chromiumGenerateIDVectors() {
        #expect(ExtensionID.chromeID(hashing: Self.publicKeyInfo) == "melddjfinppjdikinhbgehiennejpfhp")
        #expect(ExtensionID.chromeID(hashing: Array("test".utf8)) == "jpignaibiiemhngfjkcpokkamffknabf")
        #expect(ExtensionID.chromeID(hashing: Array("_".utf8)) == "ncocknphbhhlhkikpnnlmbcnbgdempcd")
        #expect(
            ExtensionID.chromeID(hashing: Array("this_string_is_longer_than_a_single_sha256_hash_digest".utf8))
                == "jimneklojkjdibfkgiiophfhjhbdgcfi")
    }

    /// Chromium's `IDUtilTest.GenerateIDForPath` (non-Windows expectation).
    @Test func chromiumPathID() {
        #expect(ExtensionID.chromeID(forPath: "/path/to/file.ext") == "lnkgfdknojmdambfcanadbhmfjfljobb")
    }

    static func manifest(_ json: String, flavor: Flavor) throws -> Manifest {
        try Manifest.parse(Data(json.utf8), file: "manifest.json", flavor: flavor)
    }

    @Test func chromeIDFromManifestKey() throws {
        let key = Data(Self.publicKeyInfo).base64EncodedString()
        let manifest = try Self.manifest(
            #"{"manifest_version": 3, "name": "K", "version": "1", "key": "\#(key)"}"#, flavor: .chrome)
        let id = ExtensionID.make(manifest: manifest, directory: URL(fileURLWithPath: "/anywhere"), flavor: .chrome)
        #expect(id.runtimeID == "melddjfinppjdikinhbgehiennejpfhp")
        #expect(id.baseURL == "chrome-extension://melddjfinppjdikinhbgehiennejpfhp/")
    }

    @Test func chromeIDFromPEMKey() throws {
        let base64 = Data(Self.publicKeyInfo).base64EncodedString()
        let pem = "-----BEGIN PUBLIC KEY-----\n" + base64.prefix(64) + "\n" + base64.dropFirst(64) + "\n-----END PUBLIC KEY-----\n"
        #expect(ExtensionID.decodePublicKey(pem) == Self.publicKeyInfo)
        #expect(ExtensionID.decodePublicKey("not base64!") == nil)
    }

    @Test func chromeIDFromDirectory() throws {
        let manifest = try Self.manifest(#"{"manifest_version": 3, "name": "P", "version": "1"}"#, flavor: .chrome)
        let id = ExtensionID.make(manifest: manifest, directory: URL(fileURLWithPath: "/path/to/file.ext"), flavor: .chrome)
        #expect(id.runtimeID == "lnkgfdknojmdambfcanadbhmfjfljobb")
        #expect(id.host == id.runtimeID)
        let trailingSlash = ExtensionID.make(
            manifest: manifest, directory: URL(fileURLWithPath: "/path/to/file.ext/"), flavor: .chrome)
        #expect(trailingSlash == id)
    }

    @Test func chromeIDResolvesSymbolicLinks() throws {
        let manager = FileManager.default
        let base = manager.temporaryDirectory.appendingPathComponent("exthost-id-\(UUID().uuidString)")
        let real = base.appendingPathComponent("real")
        let link = base.appendingPathComponent("link")
        try manager.createDirectory(at: real, withIntermediateDirectories: true)
        defer { try? manager.removeItem(at: base) }
        try manager.createSymbolicLink(at: link, withDestinationURL: real)
        let manifest = try Self.manifest(#"{"manifest_version": 3, "name": "P", "version": "1"}"#, flavor: .chrome)
        let viaLink = ExtensionID.make(manifest: manifest, directory: link, flavor: .chrome)
        let direct = ExtensionID.make(manifest: manifest, directory: real, flavor: .chrome)
        #expect(viaLink == direct)
    }

    @Test func firefoxUsesGeckoID() throws {
        let manifest = try Self.manifest(
            #"{"manifest_version": 2, "name": "G", "version": "1", "browser_specific_settings": {"gecko": {"id": "addon@example.com"}}}"#,
            flavor: .firefox)
        let id = ExtensionID.make(manifest: manifest, directory: URL(fileURLWithPath: "/x"), flavor: .firefox)
        #expect(id.runtimeID == "addon@example.com")
        #expect(id.baseURL.hasPrefix("moz-extension://"))
        #expect(id.baseURL.hasSuffix("/"))
        #expect(id.host.count == 36)
        #expect(id.host != id.runtimeID)
        let again = ExtensionID.make(manifest: manifest, directory: URL(fileURLWithPath: "/y"), flavor: .firefox)
        #expect(again == id, "the internal UUID depends on the add-on id only")
    }

    @Test func firefoxTemporaryID() throws {
        let manifest = try Self.manifest(#"{"manifest_version": 3, "name": "T", "version": "1"}"#, flavor: .firefox)
        let id = ExtensionID.make(manifest: manifest, directory: URL(fileURLWithPath: "/ext/one"), flavor: .firefox)
        #expect(id.runtimeID.hasSuffix("@temporary-addon"))
        let uuid = id.runtimeID.dropLast("@temporary-addon".count)
        #expect(UUID(uuidString: String(uuid)) != nil)
        #expect(uuid == uuid.lowercased())
        #expect(ExtensionID.make(manifest: manifest, directory: URL(fileURLWithPath: "/ext/one"), flavor: .firefox) == id)
        #expect(ExtensionID.make(manifest: manifest, directory: URL(fileURLWithPath: "/ext/two"), flavor: .firefox) != id)
    }
}
