import BrowserModel
import Foundation
import Testing

/// `FileContents.read` answers an empty file itself (Foundation leaks a buffer for each) and
/// otherwise reads as Foundation does; scripts/asan-test shows the leak gone.
@Suite("File contents")
struct FileContentsTests {
    @Test func emptyFilesMissingFilesAndFolders() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("exthost-file-contents-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let empty = folder.appendingPathComponent("empty.js"), one = folder.appendingPathComponent("one.js")
        try Data().write(to: empty)
        try Data("x".utf8).write(to: one)
        #expect(FileContents.read(atPath: empty.path) == Data())
        #expect(FileContents.read(atPath: one.path) == Data("x".utf8))
        #expect(FileContents.read(atPath: folder.appendingPathComponent("missing.js").path) == nil)
        #expect(FileContents.read(atPath: folder.path) == FileManager.default.contents(atPath: folder.path))
    }
}
