/// Why a `manifest.json` was refused: the file, the line and column of the offending text, the browser's
/// own message, and what to do about it.
public struct ManifestError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The manifest file as given to ``Manifest/parse(_:file:flavor:)``.
    public let file: String
    /// The 1-based line of the offending text (for a missing key: of the object that lacks it).
    public let line: Int
    /// The 1-based column of the offending text.
    public let column: Int
    /// The manifest key path the error is about, e.g. `content_scripts[0].matches[1]`; nil for JSON syntax errors.
    public let key: String?
    /// The browser's message, word for word where the browser has one.
    public let message: String
    /// Advice on fixing the manifest; nil when the message already says it.
    public let hint: String?

    /// An error at `line`:`column` of `file`.
    public init(file: String, line: Int, column: Int, key: String?, message: String, hint: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.key = key
        self.message = message
        self.hint = hint
    }

    /// The message followed by the hint, if any: what is wrong and what to do.
    public var reason: String {
        hint.map { message + " " + $0 } ?? message
    }

    /// `file:line:column: message` followed by the hint, if any.
    public var description: String {
        "\(file):\(line):\(column): \(reason)"
    }
}
