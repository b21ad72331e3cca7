/// A wildcard pattern as the browsers use it for content scripts' `include_globs` / `exclude_globs`
/// and for `tabs.query({title})`. A glob must match the whole string.
///
/// The two browsers differ in the details, and each flavor reproduces its browser:
///
/// - `.chrome` (Chromium's `base::MatchPattern`): `*` matches any run of characters, including none;
///   `?` matches **zero or one** character; `\` makes the next `*`, `?` or `\` literal.
///   The matcher does not backtrack past a matched literal run, exactly like Chromium's.
/// - `.firefox` (Firefox's `MatchGlob`): `*` matches any run of characters other than a line feed,
///   including none; `?` matches exactly one character other than a line feed; every other character,
///   `\` included, is literal. A glob without wildcards is compared for equality, and a glob whose only
///   wildcards are trailing `*`s is a prefix test (which, like Firefox's, then also matches line feeds).
///
/// Characters are Unicode scalars; nothing is normalized or case-folded.
public struct Glob: Sendable, Hashable, CustomStringConvertible {
    /// The glob text as written.
    public let pattern: String
    /// Whose rules the glob follows.
    public let flavor: Flavor

    /// A glob following `flavor`'s rules. Every string is a valid glob.
    public init(_ pattern: String, flavor: Flavor) {
        self.pattern = pattern
        self.flavor = flavor
    }

    /// The glob text as written.
    public var description: String { pattern }

    /// Whether the glob matches all of `string`.
    public func matches(_ string: String) -> Bool {
        switch flavor {
        case .chrome:
            Glob.chromiumMatches(Array(string.unicodeScalars), pattern: Array(pattern.unicodeScalars))
        case .firefox:
            Glob.geckoMatches(string, glob: pattern, allowQuestionMark: true, isPathGlob: false)
        }
    }

    // MARK: - Chromium (base/strings/pattern.cc)

    /// Chromium's `base::MatchPattern`: the same non-backtracking search, step for step.
    static func chromiumMatches(_ string: [Unicode.Scalar], pattern: [Unicode.Scalar]) -> Bool {
        var patternIndex = 0
        var stringIndex = 0
        repeat {
            let maximumDistance = chromiumEatWildcards(pattern, at: &patternIndex)
            if !chromiumSearch(pattern, at: &patternIndex, in: string, at: &stringIndex, maximumDistance: maximumDistance) {
                return false
            }
        } while patternIndex != pattern.count
        return true
    }

    /// Skips a run of `*` and `?`; returns how many characters the run may match, or -1 for any number.
    private static func chromiumEatWildcards(_ pattern: [Unicode.Scalar], at index: inout Int) -> Int {
        var questionMarks = 0
        var hasAsterisk = false
        while index < pattern.count {
            if pattern[index] == "?" {
                questionMarks += 1
            } else if pattern[index] == "*" {
                hasAsterisk = true
            } else {
                break
            }
            index += 1
        }
        return hasAsterisk ? -1 : questionMarks
    }

    /// Finds the literal run that starts at `patternIndex` (up to the next wildcard) in `string`,
    /// starting at most `maximumDistance` characters after `stringIndex` (-1: anywhere).
    private static func chromiumSearch(
        _ pattern: [Unicode.Scalar], at patternIndex: inout Int,
        in string: [Unicode.Scalar], at stringIndex: inout Int,
        maximumDistance: Int
    ) -> Bool {
        let patternStart = patternIndex
        var stringStart = stringIndex
        var distanceLeft = maximumDistance
        var escape = false
        while true {
            if patternIndex == pattern.count {
                if stringIndex == string.count {
                    return true
                }
            } else {
                let character = pattern[patternIndex]
                if !escape, character == "*" || character == "?" {
                    return true
                }
                if !escape, character == "\\" {
                    escape = true
                    patternIndex += 1
                    continue
                }
                escape = false
                if stringIndex == string.count {
                    return false
                }
                if character == string[stringIndex] {
                    patternIndex += 1
                    stringIndex += 1
                    continue
                }
            }
            if distanceLeft == 0 {
                return false
            }
            distanceLeft -= 1
            patternIndex = patternStart
            stringStart += 1
            stringIndex = stringStart
        }
    }

    // MARK: - Firefox (toolkit/components/extensions/MatchPattern.cpp, MatchGlobCore)

    /// Firefox's `MatchGlobCore`: literal, prefix, or a `^…$` regular expression where `*` is `.*` and
    /// (when `allowQuestionMark`) `?` is `.`; `.` does not match a line feed.
    /// With `isPathGlob`, the glob `/*` matches everything (Firefox treats it as a wildcard path).
    static func geckoMatches(_ string: String, glob: String, allowQuestionMark: Bool, isPathGlob: Bool) -> Bool {
        let globScalars = Array(glob.unicodeScalars)
        let stringScalars = Array(string.unicodeScalars)
        let isMeta: (Unicode.Scalar) -> Bool = { $0 == "*" || (allowQuestionMark && $0 == "?") }
        guard let firstMeta = globScalars.firstIndex(where: isMeta) else {
            return stringScalars == globScalars
        }
        if globScalars[firstMeta...].allSatisfy({ $0 == "*" }) {
            let literal = globScalars[..<firstMeta]
            if isPathGlob, literal.elementsEqual("/".unicodeScalars) {
                return true
            }
            return stringScalars.starts(with: literal)
        }
        return geckoRegexMatches(stringScalars, glob: globScalars, allowQuestionMark: allowQuestionMark)
    }

    /// Whether Firefox treats `glob` as matching every path (`MatchGlobCore::IsWildcard`).
    static func geckoIsWildcard(_ glob: String, isPathGlob: Bool) -> Bool {
        let scalars = Array(glob.unicodeScalars)
        guard let firstStar = scalars.firstIndex(of: "*"), scalars[firstStar...].allSatisfy({ $0 == "*" }) else {
            return false
        }
        let literal = scalars[..<firstStar]
        return literal.isEmpty || (isPathGlob && literal.elementsEqual("/".unicodeScalars))
    }

    private static func geckoRegexMatches(
        _ string: [Unicode.Scalar], glob: [Unicode.Scalar], allowQuestionMark: Bool
    ) -> Bool {
        // reachable[j]: the glob prefix processed so far can match string[..<j].
        var reachable = [Bool](repeating: false, count: string.count + 1)
        reachable[0] = true
        for token in glob {
            var next = [Bool](repeating: false, count: string.count + 1)
            if token == "*" {
                var carrying = false
                for index in 0...string.count {
                    if reachable[index] {
                        carrying = true
                    }
                    if carrying {
                        next[index] = true
                    }
                    if index < string.count, string[index] == "\n" {
                        carrying = false
                    }
                }
            } else if token == "?" && allowQuestionMark {
                for index in 0..<string.count where reachable[index] && string[index] != "\n" {
                    next[index + 1] = true
                }
            } else {
                for index in 0..<string.count where reachable[index] && string[index] == token {
                    next[index + 1] = true
                }
            }
            reachable = next
        }
        return reachable[string.count]
    }
}
