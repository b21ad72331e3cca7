import Foundation

/// One `--site ORIGIN=DIR` argument: the files under `directory` serve the pages of `origin`.
public struct SiteMapping: Sendable, Hashable {
    /// The origin served, serialized as `location.origin` shows it: lower-case scheme and host, no default port
    /// (`http://127.0.0.1:8000`, `https://example.com`).
    public let origin: String
    /// The directory whose files are served, as an absolute, standardized file URL.
    public let directory: URL
    /// Whether every page it serves says `Cache-Control: no-store`, as the conformance recorder's
    /// server does (scripts/oracle): the back/forward cache then keeps none of its pages (both
    /// browsers; Chromium sometimes keeps one). A `--site` mapping is a plain static server's: false.
    public var noStore = false

    /// Parses a `--site` argument, `ORIGIN=DIR`, such as `http://127.0.0.1:8000=fixtures/site`.
    ///
    /// The origin is `http` or `https`, a host and an optional port, with no path (a lone trailing `/` is allowed),
    /// query, fragment or credentials. It is normalized as browsers do: `HTTP://LocalHost:80` becomes
    /// `http://localhost`. The directory must exist; a relative one is resolved against `base`.
    ///
    /// - Parameters:
    ///   - argument: The argument as given on the command line.
    ///   - base: The directory a relative `DIR` is resolved against, normally the current directory.
    /// - Throws: ``SiteMapError`` naming the argument, what is wrong with it and how to write it.
    public init(parsing argument: String, relativeTo base: URL) throws(SiteMapError) {
        guard let equals = argument.firstIndex(of: "=") else {
            throw SiteMapError(
                argument: argument, problem: "There is no \"=\" between the origin and the directory.",
                advice: SiteMapError.shape)
        }
        let originText = String(argument[..<equals])
        let directoryText = String(argument[argument.index(after: equals)...])
        guard !directoryText.isEmpty else {
            throw SiteMapError(
                argument: argument, problem: "No directory follows the \"=\".", advice: SiteMapError.shape)
        }
        let origin = try SiteMapping.normalizedOrigin(originText, argument: argument)
        let directory = URL(fileURLWithPath: directoryText, isDirectory: true, relativeTo: base).standardizedFileURL
        try self.init(checkedOrigin: origin, directory: directory, argument: argument)
    }

    /// A mapping of `origin` (any form `--site` accepts, such as `http://127.0.0.1:8000`) to `directory`.
    ///
    /// - Throws: ``SiteMapError`` when the origin is not an `http` or `https` origin or the directory does not
    ///   exist.
    public init(origin: String, directory: URL) throws(SiteMapError) {
        let argument = "\(origin)=\(directory.path)"
        let normalized = try SiteMapping.normalizedOrigin(origin, argument: argument)
        try self.init(checkedOrigin: normalized, directory: directory.standardizedFileURL, argument: argument)
    }

    private init(checkedOrigin origin: String, directory: URL, argument: String) throws(SiteMapError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory) else {
            throw SiteMapError(
                argument: argument, problem: "The directory \(directory.path) does not exist.",
                advice: "Create it, or give the directory that holds the site's files "
                    + "(a relative DIR is resolved against the current directory).")
        }
        guard isDirectory.boolValue else {
            throw SiteMapError(
                argument: argument, problem: "\(directory.path) is a file, not a directory.",
                advice: "Give the directory that holds the site's files; a request for / serves its index.html.")
        }
        self.origin = origin
        self.directory = directory
    }

    /// Validates and normalizes the origin part of an argument.
    private static func normalizedOrigin(_ text: String, argument: String) throws(SiteMapError) -> String {
        let example = "Write the origin as scheme://host[:port], for example http://127.0.0.1:8000."
        guard !text.isEmpty else {
            throw SiteMapError(argument: argument, problem: "No origin comes before the \"=\".", advice: example)
        }
        guard text.contains("://") else {
            throw SiteMapError(
                argument: argument, problem: "The origin \"\(text)\" has no scheme.",
                advice: "Write http://\(text) (or https://\(text)).")
        }
        guard let url = WebURL(string: text) else {
            throw SiteMapError(argument: argument, problem: "\"\(text)\" is not a valid URL origin.", advice: example)
        }
        guard url.scheme == "http" || url.scheme == "https" else {
            throw SiteMapError(
                argument: argument,
                problem: "Only http and https origins can be served, and \"\(text)\" is \(url.scheme).",
                advice: example)
        }
        guard url.username.isEmpty, url.password.isEmpty else {
            throw SiteMapError(
                argument: argument, problem: "The origin \"\(text)\" has a user name or password.",
                advice: "Leave them out: \(url.origin).")
        }
        guard url.path == "/", url.query == nil, url.fragment == nil else {
            throw SiteMapError(
                argument: argument,
                problem: "The origin \"\(text)\" has a path, query or fragment; "
                    + "an origin is only scheme, host and port.",
                advice: "Write \(url.origin) and put the files under the matching subdirectory of DIR.")
        }
        return url.origin
    }
}
