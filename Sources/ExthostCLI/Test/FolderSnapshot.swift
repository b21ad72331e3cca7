import Foundation

/// What `exthost test --watch` compares to tell that a folder changed: each file under it, with its
/// size and modification time.
enum FolderSnapshot {
    /// A folder's files (relative path → size and modification time), by folder.
    static func take(_ folders: [String]) -> [String: [String: String]] {
        var snapshots: [String: [String: String]] = [:]
        for folder in folders {
            var files: [String: String] = [:]
            let root = URL(fileURLWithPath: folder)
            let keys: [URLResourceKey] = [.isRegularFileKey, .fileSizeKey, .contentModificationDateKey]
            if let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: keys, options: [.skipsHiddenFiles]) {
                for case let file as URL in enumerator {
                    guard let values = try? file.resourceValues(forKeys: Set(keys)), values.isRegularFile == true else { continue }
                    let stamp = values.contentModificationDate?.timeIntervalSince1970 ?? 0
                    files[file.path] = "\(values.fileSize ?? -1) \(stamp)"
                }
            }
            snapshots[folder] = files
        }
        return snapshots
    }
}
