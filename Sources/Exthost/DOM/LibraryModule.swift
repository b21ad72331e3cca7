import Foundation

/// Where the host realm finds the files of the JavaScript libraries it runs, as Node's CommonJS
/// `require` finds them: parse5, domino and css-select with what they need, from Debian's
/// `node-*` packages under `/usr/share/nodejs` (`EXTHOST_NODE_MODULES` names another folder laid
/// out the same way).
///
/// Written here rather than taken from a library because it is the one part of Node's module
/// loading those packages use, and it must never reach outside the folder: a specifier that
/// starts with `./` or `../` names a file relative to the requiring file; any other names a
/// package folder (`parse5`, `@scope/name`), then optionally a file in it. A file is tried as
/// written, then with `.js`, `.json`, then as a folder's `index.js`; a package folder's entry is
/// its `package.json`'s CommonJS export (`exports` as a string, `exports.require`,
/// `exports["."].require` or `.default`), else its `main`, else `index.js`. Node's own modules
/// (`fs`, `url`, ...) are not found: none of the libraries needs them to build a document.
enum LibraryModule {
    /// The folder packages are found in.
    static var root: String {
        ProcessInfo.processInfo.environment["EXTHOST_NODE_MODULES"] ?? "/usr/share/nodejs"
    }

    /// The path of the file `specifier` names when the file at `file` requires it (nil: a package
    /// named from the host itself), or nil when there is none under `root`.
    static func resolve(_ specifier: String, from file: String?, root: String = root) -> String? {
        let rootURL = URL(fileURLWithPath: root).standardizedFileURL
        let found: String?
        if specifier.hasPrefix("./") || specifier.hasPrefix("../") || specifier.hasPrefix("/") {
            guard let file, !specifier.hasPrefix("/") else { return nil }
            let base = URL(fileURLWithPath: file).deletingLastPathComponent()
            found = resolveFile(base.appendingPathComponent(specifier).standardizedFileURL.path)
        } else {
            let parts = specifier.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            let nameCount = specifier.hasPrefix("@") ? 2 : 1
            guard parts.count >= nameCount, !parts.contains(".."), !parts.prefix(nameCount).contains("") else { return nil }
            let package = rootURL.appendingPathComponent(parts.prefix(nameCount).joined(separator: "/")).path
            let rest = parts.dropFirst(nameCount).joined(separator: "/")
            found = rest.isEmpty ? resolvePackage(package) : resolveFile(package + "/" + rest)
        }
        // (Never a file outside the folder.)
        guard let found, found.hasPrefix(rootURL.path + "/") else { return nil }
        return found
    }

    private static func isFile(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    private static func resolveFile(_ path: String) -> String? {
        for candidate in [path, path + ".js", path + ".json", path + "/index.js"] where isFile(candidate) {
            return candidate
        }
        if isFile(path + "/package.json") { return resolvePackage(path) }
        return nil
    }

    private static func resolvePackage(_ folder: String) -> String? {
        var entry = "index.js"
        if let data = FileManager.default.contents(atPath: folder + "/package.json"),
           let package = try? JSONSerialization.jsonObject(with: data) as? [String: Any] {
            if let main = package["main"] as? String { entry = main }
            if let export = commonJSExport(package["exports"]) { entry = export }
        }
        let path = URL(fileURLWithPath: folder).appendingPathComponent(entry).standardizedFileURL.path
        return isFile(path) ? path : resolveFile(path)
    }

    /// The CommonJS entry a package's `exports` names, if it names one.
    private static func commonJSExport(_ exports: Any?) -> String? {
        if let path = exports as? String { return path }
        guard let conditions = exports as? [String: Any] else { return nil }
        if let dot = conditions["."] { return commonJSExport(dot) }
        for key in ["require", "default", "node"] {
            if let path = conditions[key] as? String { return path }
            if let nested = conditions[key] as? [String: Any], let path = commonJSExport(nested) { return path }
        }
        return nil
    }

    /// The text of the CommonJS file at `path` as a function expression of `module`, `exports` and
    /// `require` (and `global`, which some of them read) whose body is the file, line for line (a JSON file's body assigns its value to
    /// `module.exports`); nil when it cannot be read.
    static func functionSource(ofFileAt path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        if path.hasSuffix(".json") { return "(function (module) { module.exports = \(text)\n})" }
        return "(function (module, exports, require, global) {\(text)\n})"
    }
}
