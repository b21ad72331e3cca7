/// A match pattern the browser would refuse, with the pattern and the reason.
///
/// The reasons are Chromium's `URLPattern` parse results (for example `Invalid host wildcard.`),
/// which name what is wrong; Firefox refuses the same patterns but gives no reason of its own.
public struct MatchPatternError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The pattern as written.
    public let pattern: String
    /// Why the pattern is invalid, as a sentence (for example `Empty path.`).
    public let reason: String

    /// An error for `pattern`, refused because of `reason`.
    public init(pattern: String, reason: String) {
        self.pattern = pattern
        self.reason = reason
    }

    /// `Invalid match pattern "…": <reason>`, without advice.
    public var message: String {
        "Invalid match pattern \"\(pattern)\": \(reason)"
    }

    /// ``message`` followed by a hint on how a valid pattern looks.
    public var description: String {
        message + " " + MatchPatternError.hint
    }

    /// How a valid pattern looks, appended to every description.
    static let hint =
        "A match pattern is \"<all_urls>\" or <scheme>://<host>/<path>, for example \"*://*.example.com/*\"."
}
