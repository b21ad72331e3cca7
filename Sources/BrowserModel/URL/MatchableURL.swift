/// A URL parsed once for matching, such as a tab's URL that every `tabs.query({url})` and every
/// permission check tests: ``MatchPattern/matches(_:)-(MatchableURL)`` then does no parsing.
///
/// The parts live in one shared, immutable box, so copying a tab costs one reference count.
/// Two are equal when their texts are.
public struct MatchableURL: Sendable, Hashable {
    private final class Storage: Sendable {
        let text: String
        let target: MatchTargetURL?
        let pathAndQueryScalars: [Unicode.Scalar]

        init(_ text: String) {
            self.text = text
            target = MatchTargetURL(text)
            pathAndQueryScalars = target.map { Array($0.pathAndQuery.unicodeScalars) } ?? []
        }
    }

    private let storage: Storage

    /// Parses `text`.
    public init(_ text: String) {
        storage = Storage(text)
    }

    /// The URL as given.
    public var text: String { storage.text }
    /// The parsed URL; nil when it is not one the browsers accept (it then matches nothing).
    var target: MatchTargetURL? { storage.target }
    /// The target's path plus `?query`, what Chromium matches a pattern's path against.
    var pathAndQueryScalars: [Unicode.Scalar] { storage.pathAndQueryScalars }

    public static func == (lhs: MatchableURL, rhs: MatchableURL) -> Bool { lhs.text == rhs.text }

    public func hash(into hasher: inout Hasher) { hasher.combine(text) }
}
