import BrowserModel
import Foundation
import Testing

/// The profile kept between runs (Sources/BrowserModel/Storage/Profile.swift): what one opening
/// writes, the next reads, and the directories it refuses with a reason.
@Suite("Profile")
struct ProfileTests {
    static func newDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("exthost-profile-test-\(UUID().uuidString)")
    }

    @Test func whatOneOpeningWritesTheNextReads() throws {
        let directory = Self.newDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            let profile = try Profile(directory: directory, flavor: .chrome)
            #expect(profile.installedVersion(of: "ext") == nil)
            profile.recordInstalled("ext", version: "1.0")
            profile.storeChange(extension: "ext", area: "local", set: [("b", StoredValue(text: "1", bytes: 2)), ("a\u{0}é", StoredValue(text: "\"x\\u0000\"", bytes: 9))], removed: [])
            profile.storeChange(extension: "ext", area: "local", set: [("b", StoredValue(text: "2", bytes: 2)), ("c", StoredValue(text: "3", bytes: 2))], removed: [])
            profile.storeChange(extension: "ext", area: "local", set: [], removed: ["c"])
            profile.storeChange(extension: "other", area: "local", set: [("b", StoredValue(text: "9", bytes: 2))], removed: [])
            profile.storeWebStorageChange(origin: "http://a.test", key: "k", value: "v")
            profile.storeWebStorageChange(origin: "http://a.test", key: "j", value: "w")
            profile.storeWebStorageChange(origin: "http://a.test", key: "k", value: nil)
            profile.storeWebStorageChange(origin: "http://b.test", key: "k", value: "v")
            profile.storeWebStorageChange(origin: "http://b.test", key: nil, value: nil)
            #expect(profile.writeFailure == nil)
        }
        let again = try Profile(directory: directory, flavor: .chrome)
        #expect(again.installedVersion(of: "ext") == "1.0")
        // (In the order first set, a key set again keeping its place.)
        let stored = again.storedValues(extension: "ext", area: "local")
        #expect(stored.map(\.key) == ["b", "a\u{0}é"])
        #expect(stored.map(\.value) == [StoredValue(text: "2", bytes: 2), StoredValue(text: "\"x\\u0000\"", bytes: 9)])
        #expect(again.storedValues(extension: "ext", area: "sync").isEmpty)
        #expect(again.webStorage(origin: "http://a.test").map(\.key) == ["j"])
        #expect(again.webStorage(origin: "http://b.test").isEmpty)
    }

    @Test func anUninstallForgetsTheExtensionAndItsStorageOnly() throws {
        let directory = Self.newDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let profile = try Profile(directory: directory, flavor: .firefox)
        for id in ["gone", "kept"] {
            profile.recordInstalled(id, version: "1.0")
            profile.storeChange(extension: id, area: "local", set: [("k", StoredValue(text: "1", bytes: 2))], removed: [])
            profile.storeChange(extension: id, area: "sync", set: [("k", StoredValue(text: "1", bytes: 2))], removed: [])
        }
        profile.recordUninstalled("gone")
        #expect(profile.installedVersion(of: "gone") == nil)
        #expect(profile.storedValues(extension: "gone", area: "local").isEmpty && profile.storedValues(extension: "gone", area: "sync").isEmpty)
        #expect(profile.installedVersion(of: "kept") == "1.0")
        #expect(profile.storedValues(extension: "kept", area: "local").count == 1 && profile.storedValues(extension: "kept", area: "sync").count == 1)
    }

    @Test func aProfileKeepsOneFlavorsValues() throws {
        let directory = Self.newDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try Profile(directory: directory, flavor: .chrome)
        #expect(throws: Profile.OpenError.self) { try Profile(directory: directory, flavor: .firefox) }
        do {
            _ = try Profile(directory: directory, flavor: .firefox)
        } catch {
            #expect(error.description.contains("was made with --flavor chrome"))
        }
    }

    @Test func aFileOrAForeignDatabaseIsRefusedWithTheReason() throws {
        let directory = Self.newDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("plain")
        try Data("not a directory".utf8).write(to: file)
        do {
            _ = try Profile(directory: file, flavor: .chrome)
            Issue.record("a file was taken as a profile")
        } catch {
            #expect(error.description.contains("is a file, not a directory"))
        }
        let foreign = directory.appendingPathComponent("foreign")
        try FileManager.default.createDirectory(at: foreign, withIntermediateDirectories: true)
        try Data("this is no SQLite database, just text that is long enough to be read as a header".utf8)
            .write(to: foreign.appendingPathComponent(Profile.fileName))
        do {
            _ = try Profile(directory: foreign, flavor: .chrome)
            Issue.record("a foreign file was taken as the profile's database")
        } catch {
            #expect(error.description.contains("cannot use"))
        }
    }

    @Test func aProfileInUseByAnotherRunIsRefused() throws {
        let directory = Self.newDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try Profile(directory: directory, flavor: .chrome)
        do {
            _ = try Profile(directory: directory, flavor: .chrome)
            Issue.record("two runs shared a profile")
        } catch {
            #expect(error.description.contains("is in use by another run"))
        }
        withExtendedLifetime(first) {}
    }
}

