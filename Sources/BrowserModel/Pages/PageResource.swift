import Foundation

/// A file served for a URL by a ``SiteMap``: its bytes and the MIME type a web server would send.
public struct PageResource: Sendable, Hashable {
    /// The file's contents.
    public let contents: Data
    /// The MIME type guessed from the file's extension, without parameters: `text/html`, `text/javascript`,
    /// `application/octet-stream` when the extension is unknown.
    public let mimeType: String
    /// The file that was read; nil for a page the browser makes itself (its extensions page).
    public let file: URL?

    /// A resource with `contents` of type `mimeType`, read from `file`.
    public init(contents: Data, mimeType: String, file: URL?) {
        self.contents = contents
        self.mimeType = mimeType
        self.file = file
    }

    /// The contents decoded as UTF-8 (invalid sequences become U+FFFD, a leading byte order mark is dropped), as a
    /// browser decodes a page served without another charset.
    public var text: String {
        var bytes = contents
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether the resource is an HTML document (`text/html` or `application/xhtml+xml`).
    public var isHTML: Bool { mimeType == "text/html" || mimeType == "application/xhtml+xml" }

    /// The MIME type a web server sends for a file named `name`, from its extension (case-insensitive).
    public static func mimeType(forFileNamed name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "application/octet-stream" }
        let ext = name[name.index(after: dot)...].lowercased()
        return mimeTypes[ext] ?? "application/octet-stream"
    }

    /// MIME types by file extension.
    static let mimeTypes: [String: String] = [
        "html": "text/html", "htm": "text/html", "shtml": "text/html",
        "xhtml": "application/xhtml+xml", "xht": "application/xhtml+xml",
        "js": "text/javascript", "mjs": "text/javascript", "cjs": "text/javascript",
        "css": "text/css", "json": "application/json", "map": "application/json",
        "webmanifest": "application/manifest+json",
        "txt": "text/plain", "text": "text/plain", "md": "text/markdown", "csv": "text/csv",
        "xml": "text/xml", "xsl": "text/xml", "svg": "image/svg+xml", "svgz": "image/svg+xml",
        "png": "image/png", "apng": "image/apng", "gif": "image/gif", "jpg": "image/jpeg", "jpeg": "image/jpeg",
        "jfif": "image/jpeg", "pjpeg": "image/jpeg", "webp": "image/webp", "avif": "image/avif",
        "bmp": "image/bmp", "ico": "image/x-icon", "cur": "image/x-icon",
        "wasm": "application/wasm", "pdf": "application/pdf", "zip": "application/zip",
        "woff": "font/woff", "woff2": "font/woff2", "ttf": "font/ttf", "otf": "font/otf",
        "mp3": "audio/mpeg", "wav": "audio/wav", "ogg": "audio/ogg", "oga": "audio/ogg", "flac": "audio/flac",
        "mp4": "video/mp4", "m4v": "video/mp4", "webm": "video/webm", "ogv": "video/ogg",
    ]
}
