/// A list of match patterns that matches a URL when any of its patterns does,
/// like Chromium's `URLPatternSet` and Firefox's `MatchPatternSet`.
public struct MatchPatternSet: Sendable, Hashable, CustomStringConvertible {
    /// The patterns, in the order given.
    public let patterns: [MatchPattern]

    /// A set of already parsed patterns.
    public init(_ patterns: [MatchPattern]) {
        self.patterns = patterns
    }

    /// Parses every pattern by `flavor`'s rules for `scope`; throws for the first one that is invalid.
    public init(_ patterns: [String], flavor: Flavor, scope: MatchPattern.Scope = .contentScripts)
        throws(MatchPatternError)
    {
        var parsed: [MatchPattern] = []
        parsed.reserveCapacity(patterns.count)
        for pattern in patterns {
            parsed.append(try MatchPattern(pattern, flavor: flavor, scope: scope))
        }
        self.patterns = parsed
    }

    /// Whether the set has no patterns (and so matches nothing).
    public var isEmpty: Bool { patterns.isEmpty }

    /// Whether any pattern matches `url`.
    public func matches(_ url: String) -> Bool {
        guard let target = MatchTargetURL(url) else { return false }
        return matches(target)
    }

    /// Whether any pattern matches the parsed `target`.
    func matches(_ target: MatchTargetURL) -> Bool {
        patterns.contains { $0.matches(target) }
    }

    /// The patterns as written, as a JSON-like list.
    public var description: String {
        "[" + patterns.map { "\"\($0.pattern)\"" }.joined(separator: ", ") + "]"
    }
}
