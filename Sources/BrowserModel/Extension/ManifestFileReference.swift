import Foundation

/// A file that a manifest names: the path as written, what it is named for, and where the manifest names it.
///
/// The parser collects one for every script, page, style sheet and icon; ``Manifest/checkFiles(in:)`` checks
/// them against the extension directory, and ``resolvedPath(flavor:)`` tells which file inside the directory
/// the flavor's browser reads.
public struct ManifestFileReference: Sendable, Hashable {
    /// What the manifest names a file for.
    public enum Role: Sendable, Hashable {
        /// `background.service_worker`.
        case serviceWorker
        /// An entry of `background.scripts`.
        case backgroundScript
        /// `background.page`.
        case backgroundPage
        /// A `js` file of the `content_scripts` entry at this index.
        case contentScript(entry: Int)
        /// A `css` file of the `content_scripts` entry at this index.
        case contentStyle(entry: Int)
        /// An `icons` entry of this size.
        case icon(size: Int)
        /// `action.default_icon` (MV2: `browser_action.default_icon`), for this size, or nil for the one-path form.
        case actionIcon(size: Int?)
        /// `options_page` or `options_ui.page`.
        case optionsPage
    }

    /// The path as the manifest writes it.
    public let path: String
    /// What the manifest names the file for.
    public let role: Role
    /// The manifest key path that names it, e.g. `content_scripts[0].js[1]`.
    public let key: String
    /// The 1-based line of the path in the manifest.
    public let line: Int
    /// The 1-based column of the path in the manifest.
    public let column: Int

    /// A reference to `path`, named at `line`:`column` under `key`.
    public init(path: String, role: Role, key: String, line: Int, column: Int) {
        self.path = path
        self.role = role
        self.key = key
        self.line = line
        self.column = column
    }

    /// The file inside the extension directory that `flavor`'s browser reads for this reference, as a path
    /// relative to the directory, or nil when the browser reads no file for it.
    ///
    /// - Chrome reads the service worker and the options page through their extension URL
    ///   (``ExtensionResourcePath/urlPath(_:)``: `../bg.js` is the `bg.js` inside), and every other file
    ///   through `Extension::GetResource` (``ExtensionResourcePath/chromiumFilePath(_:)``: a path with a
    ///   `..` part names no file). Recorded in fixtures/manifests and fixtures/conformance/manifest-paths.
    /// - Firefox reads every file through its `moz-extension:` URL.
    public func resolvedPath(flavor: Flavor) -> String? {
        switch (flavor, role) {
        case (.chrome, .serviceWorker), (.chrome, .optionsPage), (.firefox, _):
            return ExtensionResourcePath.urlPath(path)
        case (.chrome, _):
            return ExtensionResourcePath.chromiumFilePath(path)
        }
    }
}

/// How the browsers turn a path that a manifest names into a file inside the extension directory.
///
/// Neither ever reads a file outside the directory through a path: a URL cannot go above the extension's
/// root, and Chromium's file paths refuse `..`. Chromium does follow a symbolic link that points outside
/// (it loads unpacked extensions with `FOLLOW_SYMLINKS_ANYWHERE`); Firefox does not
/// (fixtures/manifests/service-worker-symlink-outside).
public enum ExtensionResourcePath {
    private static let root = WebURL(string: "chrome-extension://extension-root/")

    /// `path` read as a URL relative to the extension's root, as the path of a file relative to the extension
    /// directory (empty for the root itself).
    ///
    /// `.` and `..` segments are resolved without going above the root (`../bg.js` is `bg.js`), a leading `/`
    /// is the root, a query or fragment is no part of the file's name, and percent-escapes are decoded
    /// (`a%20b.js` is `a b.js`).
    public static func urlPath(_ path: String) -> String {
        guard let url = WebURL(string: path, relativeTo: root), url.host == "extension-root" else {
            return path
        }
        let relative = String(url.path.drop { $0 == "/" })
        return relative.removingPercentEncoding ?? relative
    }

    /// Chromium's `Extension::GetResource`: the path without one leading `/` (Chromium keeps old
    /// manifests with rooted paths working), or nil when any of its parts is `..`.
    public static func chromiumFilePath(_ path: String) -> String? {
        let relative = path.hasPrefix("/") ? String(path.dropFirst()) : path
        let parts = relative.split(separator: "/", omittingEmptySubsequences: false)
        return parts.contains("..") ? nil : relative
    }

    /// Whether `relative` names a regular file (or a link to one) inside `directory`.
    ///
    /// With `followingLinksOutside` false (Firefox), a file whose real location is outside the directory
    /// does not count.
    public static func isFile(_ relative: String, in directory: URL, followingLinksOutside: Bool) -> Bool {
        guard !relative.isEmpty else { return false }
        let file = directory.appendingPathComponent(relative)
        // (A path that climbs out with `..` names no file of the extension, whatever links it has.)
        let root = directory.standardizedFileURL.path
        guard file.standardizedFileURL.path.hasPrefix(root.hasSuffix("/") ? root : root + "/") else { return false }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file.path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            return false
        }
        if followingLinksOutside { return true }
        let realRoot = directory.resolvingSymlinksInPath().standardizedFileURL.path
        let realFile = file.resolvingSymlinksInPath().standardizedFileURL.path
        return realFile.hasPrefix(realRoot.hasSuffix("/") ? realRoot : realRoot + "/")
    }
}
