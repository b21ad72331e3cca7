import Foundation

/// The manifest's `web_accessible_resources`: which of the extension's files a web page (and the
/// content scripts that run for it) may load. Manifest version 3 lists entries of `resources`
/// (path globs) and the `matches` (page URLs) and `extension_ids` they are given to; version 2
/// lists path globs every page may load. Paths are matched from the extension's root with the
/// flavor's glob rules (Chromium's `base::MatchPattern`, Firefox's `MatchGlob`), pages with its
/// match patterns. As recorded in fixtures/conformance/web-fetch-accessible.
public struct WebAccessibleResources: Sendable {
    /// One entry: path globs and the pages they are given to (nil: every page, version 2).
    public struct Entry: Sendable {
        /// The path globs, each from the extension's root (`/war/*.json`).
        public let resources: [Glob]
        /// The pages the entry gives them to; nil for every page (manifest version 2).
        public let matches: [MatchPattern]?
    }

    /// The entries, in manifest order.
    public let entries: [Entry]

    /// Reads `web_accessible_resources` from the manifest's JSON object (malformed entries and
    /// patterns are skipped: the manifest parser reports them).
    public init(manifestObject: [String: Any], manifestVersion: Int, flavor: Flavor) {
        let glob = { (path: String) in Glob(path.hasPrefix("/") ? path : "/" + path, flavor: flavor) }
        guard let list = manifestObject["web_accessible_resources"] as? [Any] else {
            entries = []
            return
        }
        if manifestVersion < 3 {
            let paths = list.compactMap { $0 as? String }
            entries = paths.isEmpty ? [] : [Entry(resources: paths.map(glob), matches: nil)]
            return
        }
        entries = list.compactMap { item in
            guard let object = item as? [String: Any], let resources = object["resources"] as? [Any] else { return nil }
            let patterns = (object["matches"] as? [Any] ?? []).compactMap { $0 as? String }.compactMap { try? MatchPattern($0, flavor: flavor) }
            return Entry(resources: resources.compactMap { $0 as? String }.map(glob), matches: patterns)
        }
    }

    /// Whether a page at `pageURL` may load the extension's file at `path` (from the root, without
    /// a leading slash: `war/a.json`).
    public func isAccessible(path: String, from pageURL: String) -> Bool {
        let rooted = "/" + path
        return entries.contains { entry in
            guard entry.resources.contains(where: { $0.matches(rooted) }) else { return false }
            guard let matches = entry.matches else { return true }
            return matches.contains { $0.matches(pageURL) }
        }
    }
}

extension Manifest {
    /// What the manifest makes web-accessible (``WebAccessibleResources``).
    public var webAccessibleResources: WebAccessibleResources {
        let object = (try? JSONSerialization.jsonObject(with: Data(rawJSON.utf8))) as? [String: Any] ?? [:]
        return WebAccessibleResources(manifestObject: object, manifestVersion: manifestVersion, flavor: flavor)
    }
}
