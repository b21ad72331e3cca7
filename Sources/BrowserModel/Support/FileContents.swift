import Foundation

/// Reading a file's bytes, for everything that reads extension and site files.
///
/// Foundation's `FileManager.contents(atPath:)` on Linux (Swift 6.3) leaks a 4 KiB buffer for
/// every empty file it reads (LeakSanitizer on a ten-line program that reads an empty file ten
/// times: 40,960 bytes in 10 allocations; a one-byte file: none), and extensions have empty files.
/// An empty file is therefore answered here without asking Foundation.
public enum FileContents {
    /// The bytes of the file at `path`, or nil when it cannot be read.
    public static func read(atPath path: String) -> Data? {
        var status = stat()
        if stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_size == 0 {
            return access(path, R_OK) == 0 ? Data() : nil
        }
        return FileManager.default.contents(atPath: path)
    }
}
