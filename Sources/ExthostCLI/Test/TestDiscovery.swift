import Exthost
import Foundation

/// Finds the tests under the paths `exthost test` is given: each folder holding a `manifest.json`
/// whose scripts name `chrome.test` or `browser.test` (a folder given by name is a test whatever
/// its scripts name), and each driver script, a file named `*.test.js` (a `.js` file given by name
/// is one whatever its name). Folders named `node_modules`, `.git` and `.build` are not searched,
/// nor the folders of extensions; symbolic links to folders are followed.
enum TestDiscovery {
    /// The test folders and driver scripts under `paths`, each once, sorted by path.
    static func find(in paths: [String], workingDirectory: URL) throws(TestDiscoveryError) -> [String] {
        var found = Set<String>()
        for path in paths {
            let url = URL(fileURLWithPath: path, relativeTo: workingDirectory).standardizedFileURL
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
                throw TestDiscoveryError("\(path): no such folder or driver script")
            }
            if !isDirectory.boolValue {
                guard url.pathExtension == "js" else {
                    throw TestDiscoveryError("\(path): not a test (give an extension folder, a folder to search, or a driver script ending in .js)")
                }
                found.insert(relative(url, to: workingDirectory))
                continue
            }
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("manifest.json").path) {
                found.insert(relative(url, to: workingDirectory))
                continue
            }
            var visited = Set<String>()
            search(url, workingDirectory: workingDirectory, visited: &visited, into: &found)
        }
        return found.sorted()
    }

    private static let skipped: Set<String> = ["node_modules", ".git", ".build"]

    /// Searches `folder`; a symbolic link to a folder is followed, each real folder once (a link
    /// back up the tree ends there).
    private static func search(_ folder: URL, workingDirectory: URL, visited: inout Set<String>, into found: inout Set<String>) {
        guard visited.insert(folder.resolvingSymlinksInPath().path).inserted else { return }
        guard let entries = try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: [.isDirectoryKey]) else { return }
        for entry in entries.sorted(by: { $0.path < $1.path }) where !skipped.contains(entry.lastPathComponent) {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: entry.path, isDirectory: &isDirectory) else { continue }
            if !isDirectory.boolValue {
                if entry.lastPathComponent.hasSuffix(".test.js") { found.insert(relative(entry, to: workingDirectory)) }
                continue
            }
            if FileManager.default.fileExists(atPath: entry.appendingPathComponent("manifest.json").path) {
                if TestHarness.isUsed(inExtensionAt: entry) { found.insert(relative(entry, to: workingDirectory)) }
            } else {
                search(entry, workingDirectory: workingDirectory, visited: &visited, into: &found)
            }
        }
    }

    /// `url` relative to `base` when it lies under it, else its absolute path.
    static func relative(_ url: URL, to base: URL) -> String {
        let path = url.standardizedFileURL.path
        let basePath = base.standardizedFileURL.path
        let prefix = basePath.hasSuffix("/") ? basePath : basePath + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}

/// A path `exthost test` cannot search.
struct TestDiscoveryError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
