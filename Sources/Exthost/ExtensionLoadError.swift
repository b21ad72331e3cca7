import BrowserModel

/// Why an extension could not be loaded: what is wrong, where, and what to do.
public struct ExtensionLoadError: Error, Sendable, CustomStringConvertible {
    /// The file (or directory) at fault.
    public var file: String
    /// The line in `file`, when the fault is inside it.
    public var line: Int?
    /// The column in `file`, when known.
    public var column: Int?
    /// What is wrong, and what to do about it.
    public var reason: String

    /// Creates an error.
    public init(file: String, line: Int? = nil, column: Int? = nil, reason: String) {
        self.file = file
        self.line = line
        self.column = column
        self.reason = reason
    }

    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        if let column { place += ":\(column)" }
        return "\(place): \(reason)"
    }
}
