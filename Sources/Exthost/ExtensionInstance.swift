import BrowserModel
import Foundation

/// An extension loaded into a ``ExtensionHost``: its manifest, its id, and its live contexts.
public final class ExtensionInstance {
    /// The extension's directory.
    public let directory: URL
    /// The parsed `manifest.json`.
    public let manifest: Manifest
    /// The extension's id, as the flavor's browser gives it.
    public let id: ExtensionID
    /// The background context, once started.
    public internal(set) var background: ExtensionContext?
    /// Whether the background has run its scripts (or the extension has none).
    var backgroundStarted = false
    /// The content-script contexts, one per frame the extension's scripts run in, by tab and frame.
    var contentContexts: [FrameKey: ExtensionContext] = [:]
    /// The patterns of the extension's host permissions.
    let hostPatterns: [MatchPattern]
    /// The tabs `activeTab` is granted for (until they navigate).
    var activeTabs: Set<Int> = []
    /// The scripts of a background page, in order, as paths inside the extension.
    private var backgroundPageScripts: [String] = []
    /// The sources of the extension's scripts, read once at load, by path inside the extension.
    private var sources: [String: String] = [:]

    /// Identifies a frame of a tab.
    struct FrameKey: Hashable {
        var tabID: Int
        var frameID: Int
    }

    init(directory: URL, flavor: Flavor) throws(ExtensionLoadError) {
        let directory = directory.standardizedFileURL
        self.directory = directory
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ExtensionLoadError(file: directory.path, reason: "No such extension directory. Give the folder that holds the extension's manifest.json.")
        }
        let manifestURL = directory.appendingPathComponent("manifest.json")
        guard let data = FileManager.default.contents(atPath: manifestURL.path) else {
            throw ExtensionLoadError(file: manifestURL.path, reason: "Manifest file is missing or unreadable. An unpacked extension needs a manifest.json at its top level.")
        }
        do {
            manifest = try Manifest.parse(data, file: manifestURL.path, flavor: flavor)
        } catch {
            throw ExtensionLoadError(file: error.file, line: error.line, column: error.column, reason: error.reason)
        }
        id = ExtensionID.make(manifest: manifest, directory: directory, flavor: flavor)
        hostPatterns = manifest.hostPermissionPatterns
        // Every script the manifest names must exist, as browsers refuse to load the extension otherwise.
        switch manifest.background {
        case .page(let path)?:
            let pageURL = directory.appendingPathComponent(path)
            guard let html = FileManager.default.contents(atPath: pageURL.path) else {
                throw ExtensionLoadError(file: manifestURL.path, reason: "Could not load the background page '\(path)': \(pageURL.path) does not exist. Fix the path in the manifest or add the file.")
            }
            backgroundPageScripts = HTMLPage(html: String(decoding: html, as: UTF8.self)).scripts.map { src in
                Self.resolve(src, against: path)
            }
            for script in backgroundPageScripts {
                try loadSource(script, manifestURL: manifestURL, role: "script of background page '\(path)'")
            }
        case let background?:
            for path in background.scriptPaths {
                try loadSource(path, manifestURL: manifestURL, role: "background script")
            }
        case nil:
            break
        }
        for (index, entry) in manifest.contentScripts.enumerated() {
            for path in entry.js {
                try loadSource(path, manifestURL: manifestURL, role: "content_scripts[\(index)] script")
            }
        }
    }

    private func loadSource(_ path: String, manifestURL: URL, role: String) throws(ExtensionLoadError) {
        let file = directory.appendingPathComponent(path)
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw ExtensionLoadError(file: manifestURL.path, reason: "Could not load the \(role) '\(path)': \(file.path) does not exist. Fix the path in the manifest or add the file.")
        }
        sources[path] = String(decoding: data, as: UTF8.self)
    }

    /// The source of a script the manifest names.
    func source(of path: String) -> String {
        if let source = sources[path] { return source }
        let data = FileManager.default.contents(atPath: directory.appendingPathComponent(path).path) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// The extension URL of a file in the extension (`chrome-extension://ID/path`).
    public func url(of path: String) -> String {
        id.baseURL + (path.hasPrefix("/") ? String(path.dropFirst()) : path)
    }

    /// What the background runs: its page (or worker) URL and its scripts in order.
    func backgroundScripts() -> (pageURL: String, scripts: [(url: String, source: String)])? {
        let pageURL: String
        let paths: [String]
        switch manifest.background {
        case nil: return nil
        case .serviceWorker(let path, _)?:
            pageURL = url(of: path)
            paths = [path]
        case .page(let path)?:
            pageURL = url(of: path)
            paths = backgroundPageScripts
        case .scripts(let scripts, _)?:
            pageURL = url(of: "_generated_background_page.html")
            paths = scripts
        }
        return (pageURL, paths.map { (url(of: $0), source(of: $0)) })
    }

    /// A script `src` of the background page, as a path inside the extension.
    private static func resolve(_ src: String, against pagePath: String) -> String {
        let base = WebURL(string: "chrome-extension://base/" + pagePath)
        guard let resolved = WebURL(string: src, relativeTo: base), resolved.host == "base" else { return src }
        return String(resolved.path.dropFirst())
    }
}

// MARK: - Permissions

extension ExtensionInstance {
    /// Whether the extension may see a tab's `url`, `title` and `favIconUrl`: with the `tabs`
    /// permission, host permission for the page, or `activeTab` granted for it.
    func canSeeDetails(of tab: Tab) -> Bool {
        if manifest.permissions.contains("tabs") || activeTabs.contains(tab.id) { return true }
        return hostPatterns.contains { $0.matches(tab.url) }
    }

    /// Grants `activeTab` for a tab's current page (after a click on the extension's button).
    func grantActiveTab(_ tabID: Int) {
        guard manifest.permissions.contains("activeTab") else { return }
        activeTabs.insert(tabID)
    }
}
