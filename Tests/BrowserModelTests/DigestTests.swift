import Testing

@testable import BrowserModel

/// The SHA family over GLib (``DigestAlgorithm``): FIPS 180-4 / NIST example vectors, and the
/// names WebCrypto accepts.
@Suite struct DigestTests {
    @Test(arguments: [
        (DigestAlgorithm.sha1, "abc", "a9993e364706816aba3e25717850c26c9cd0d89d"),
        (.sha1, "", "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
        (.sha256, "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (.sha384, "abc", "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7"),
        (.sha384, "", "38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da274edebfe76f65fbd51ad2f14898b95b"),
        (.sha512, "abc", "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"),
    ])
    func knownDigests(algorithm: DigestAlgorithm, message: String, hex: String) {
        let digest = algorithm.digest(Array(message.utf8))
        #expect(digest.count == algorithm.length)
        #expect(SHA256.hex(digest) == hex)
    }

    @Test func webCryptoNames() {
        #expect(DigestAlgorithm(webCryptoName: "sha-256") == .sha256)
        #expect(DigestAlgorithm(webCryptoName: "Sha-1") == .sha1)
        #expect(DigestAlgorithm(webCryptoName: "SHA-224") == nil)
        #expect(DigestAlgorithm(webCryptoName: "SHA256") == nil)
    }
}
