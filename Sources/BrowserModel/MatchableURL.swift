/// A URL parsed once for matching, such as a tab's URL that every `tabs.query({url})` and every
/// permission check tests: ``MatchPattern/matches(_:)-(MatchableURL)`` then does no parsing.
///
/// Two are equal when their texts are.
public struct MatchableURL: Sendable, Hashable {
    /// The URL as given.
    public let text: String
    /// The parsed URL; nil when it is not one the browsers accept (it then matches nothing).
    let target: MatchTargetURL?
    /// The target's path plus `?query`, what Chromium matches a pattern's path against.
    let pathAndQueryScalars: [Unicode.Scalar]

    /// Parses `text`.
    public init(_ text: String) {
        self.text = text
        target = MatchTargetURL(text)
        pathAndQueryScalars = target.map { Array($0.pathAndQuery.unicodeScalars) } ?? []
    }

    public static func == (lhs: MatchableURL, rhs: MatchableURL) -> Bool { lhs.text == rhs.text }

    public func hash(into hasher: inout Hasher) { hasher.combine(text) }
}
