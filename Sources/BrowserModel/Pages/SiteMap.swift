import Foundation

/// Which local directories serve which origins' pages: the `--site ORIGIN=DIR` arguments together.
///
/// A URL under a mapped origin is served from the file at its path under the directory, as a static web server
/// would: `http://127.0.0.1:8000/a/b.html` from `DIR/a/b.html`, `/` and directories from their `index.html`.
/// A URL that no mapping serves, or whose file is missing, has no resource: the browser then shows an empty page
/// titled after the URL.
public struct SiteMap: Sendable, Hashable {
    /// The mappings, in the order given. When two map the same origin, the first one serves it.
    public let mappings: [SiteMapping]
    /// Pages given as text rather than files (a driver script's `exthost.openTab({url, html})`), by
    /// origin and path; they are served before any mapping.
    public private(set) var pages: [String: Data] = [:]

    /// Serves `contents` as the page at `url` (its query and fragment aside) from now on.
    ///
    /// - Returns: false when `url` is not an absolute `http:` or `https:` URL.
    @discardableResult
    public mutating func serve(_ contents: Data, at url: String) -> Bool {
        guard let parsed = WebURL(string: url), parsed.scheme == "http" || parsed.scheme == "https", !parsed.hasOpaquePath else { return false }
        pages[Self.pageKey(parsed)] = contents
        return true
    }

    private static func pageKey(_ url: WebURL) -> String { url.origin + url.path }

    /// A site map made of `entries`.
    public init(_ entries: [SiteMapping]) {
        mappings = entries
    }

    /// A site map made of `--site` arguments (``SiteMapping/init(parsing:relativeTo:)``), in order.
    ///
    /// - Throws: ``SiteMapError`` for the first argument that is refused.
    public init(parsing arguments: [String], relativeTo base: URL) throws(SiteMapError) {
        var entries: [SiteMapping] = []
        for argument in arguments { entries.append(try SiteMapping(parsing: argument, relativeTo: base)) }
        mappings = entries
    }

    /// The mapping that serves `origin` (serialized, as ``WebURL/origin`` gives it), if any.
    public func mapping(forOrigin origin: String) -> SiteMapping? {
        mappings.first { $0.origin == origin }
    }

    /// The file that serves `url`, or `nil` when no mapping serves its origin or the file does not exist.
    ///
    /// The URL's path is percent-decoded segment by segment; its query and fragment are ignored. A path ending
    /// in `/`, or naming a directory, is served from that directory's `index.html`. A segment that would leave
    /// the directory (`..`, or one that decodes to contain `/`) makes the URL unserved.
    ///
    /// - Parameter url: An absolute URL, such as `http://127.0.0.1:8000/page.html?x#y`.
    public func resource(for url: String) -> PageResource? {
        guard let parsed = WebURL(string: url) else { return nil }
        return resource(for: parsed)
    }

    /// The file that serves `url`; see ``resource(for:)-(String)``.
    public func resource(for url: WebURL) -> PageResource? {
        if !pages.isEmpty, url.scheme == "http" || url.scheme == "https", let page = pages[Self.pageKey(url)] {
            let file = URL(string: url.href) ?? URL(fileURLWithPath: "/")
            return PageResource(contents: page, mimeType: "text/html", file: file)
        }
        guard url.scheme == "http" || url.scheme == "https", !url.hasOpaquePath,
              let mapping = mapping(forOrigin: url.origin)
        else { return nil }
        var file = mapping.directory
        var endsWithSlash = url.pathSegments.isEmpty
        for (index, encoded) in url.pathSegments.enumerated() {
            let isLast = index == url.pathSegments.count - 1
            guard let segment = String(validating: WebURL.Parser.percentDecode(encoded), as: UTF8.self) else {
                return nil
            }
            if segment.isEmpty {
                if isLast { endsWithSlash = true }
                continue
            }
            if segment == "." || segment == ".." || segment.contains("/") || segment.contains("\\")
                || segment.contains("\0") {
                return nil
            }
            file.appendPathComponent(segment, isDirectory: false)
        }
        var isDirectory: ObjCBool = false
        if endsWithSlash {
            file.appendPathComponent("index.html", isDirectory: false)
        } else if FileManager.default.fileExists(atPath: file.path, isDirectory: &isDirectory), isDirectory.boolValue {
            file.appendPathComponent("index.html", isDirectory: false)
        }
        guard FileManager.default.fileExists(atPath: file.path, isDirectory: &isDirectory), !isDirectory.boolValue,
              let contents = FileContents.read(atPath: file.path)
        else { return nil }
        return PageResource(
            contents: contents, mimeType: PageResource.mimeType(forFileNamed: file.lastPathComponent), file: file)
    }

    /// Whether some mapping serves `url`'s origin (whether or not the file exists).
    public func servesOrigin(of url: String) -> Bool {
        guard let parsed = WebURL(string: url) else { return false }
        return mapping(forOrigin: parsed.origin) != nil
    }
}
