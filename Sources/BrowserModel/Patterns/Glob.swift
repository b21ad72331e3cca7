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
///
/// Matching takes time linear in the glob and the string (Knuth-Morris-Pratt and the Z algorithm where the
/// browsers search naively or backtrack), except for a Firefox glob part that holds a `?` between two stars, which
/// is searched for by trying each start: up to the part's length times the span it is searched in.
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

    /// A Chromium pattern read once, for matching many strings (a match pattern's path against every
    /// tab): its literal runs, each with how far from the last one it may start and its
    /// Knuth-Morris-Pratt table. ``chromiumMatches(_:pattern:)``'s search then reduces to finding each
    /// run in turn and, for the last one (which must end the string), comparing the string's end:
    /// Chromium reads a run followed by a wildcard the same way at every attempt, and the last run
    /// too unless it ends in a lone `\` (which makes the next attempt read its first `\` literally;
    /// such a pattern is matched the long way). The answers are the same: `GlobTests` compares the two.
    struct ChromiumPattern: Sendable, Hashable {
        struct Step: Sendable, Hashable {
            /// How many characters before the run the wildcards before it may match (-1: any number).
            let maximumDistance: Int
            let literal: [Unicode.Scalar]
            /// Whether a wildcard follows the run (else it ends the pattern and must end the string).
            let endsAtWildcard: Bool
            let failure: [Int]
        }
        let steps: [Step]

        /// The pattern's steps, or nil when its last run ends in a lone `\` (match it with
        /// ``Glob/chromiumMatches(_:pattern:)``).
        init?(_ pattern: [Unicode.Scalar]) {
            var steps: [Step] = []
            var index = 0
            repeat {
                let distance = Glob.chromiumEatWildcards(pattern, at: &index)
                let run = ChromiumRun(pattern, from: index, startingEscaped: false)
                steps.append(Step(maximumDistance: distance, literal: run.literal, endsAtWildcard: run.endsAtWildcard,
                                  failure: Glob.kmpFailure(run.literal)))
                guard run.endsAtWildcard else {
                    if run.endsEscaped { return nil }
                    break
                }
                index = run.end
            } while index != pattern.count
            self.steps = steps
        }

        /// Whether `string` matches, as ``Glob/chromiumMatches(_:pattern:)`` answers.
        func matches(_ string: [Unicode.Scalar]) -> Bool {
            var stringIndex = 0
            for step in steps {
                if step.endsAtWildcard {
                    let limit = step.maximumDistance < 0 ? string.count : stringIndex + step.maximumDistance
                    guard let start = Glob.firstOccurrence(of: step.literal, failure: step.failure, in: string,
                                                           from: stringIndex, startingNoLaterThan: limit)
                    else { return false }
                    stringIndex = start + step.literal.count
                } else {
                    // The last run: Chromium tries each start in turn, and the only one that can end the
                    // string is the string's length minus the run's.
                    let start = string.count - step.literal.count
                    guard start >= stringIndex, step.maximumDistance < 0 || start - stringIndex <= step.maximumDistance else { return false }
                    return string[start...].elementsEqual(step.literal)
                }
            }
            return true
        }
    }

    /// Skips a run of `*` and `?`; returns how many characters the run may match, or -1 for any number.
    fileprivate static func chromiumEatWildcards(_ pattern: [Unicode.Scalar], at index: inout Int) -> Int {
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
    /// starting at most `maximumDistance` characters after `stringIndex` (-1: anywhere), with the outcome of
    /// Chromium's `SearchForChars`, which tries every start in turn (a naive search that is quadratic on long runs;
    /// Chromium's own source marks it as a candidate for Knuth-Morris-Pratt). Here a run followed by a wildcard is
    /// found with Knuth-Morris-Pratt, and the last run, which must end the string, with the Z algorithm, so that a
    /// match takes time linear in the pattern and the string.
    private static func chromiumSearch(
        _ pattern: [Unicode.Scalar], at patternIndex: inout Int,
        in string: [Unicode.Scalar], at stringIndex: inout Int,
        maximumDistance: Int
    ) -> Bool {
        let run = ChromiumRun(pattern, from: patternIndex, startingEscaped: false)
        if run.endsAtWildcard {
            // Chromium restarts a mismatched attempt unescaped, so every attempt reads the run the same way, and the
            // string cannot run out before the first occurrence: the answer is the first occurrence, if near enough.
            let limit = maximumDistance < 0 ? string.count : stringIndex + maximumDistance
            guard let start = firstOccurrence(of: run.literal, in: string, from: stringIndex, startingNoLaterThan: limit)
            else { return false }
            stringIndex = start + run.literal.count
            patternIndex = run.end
            return true
        }
        return chromiumSearchLastRun(run, pattern, at: &patternIndex, in: string, at: &stringIndex,
                                     maximumDistance: maximumDistance)
    }

    /// ``chromiumSearch(_:at:in:at:maximumDistance:)`` for the run that ends the pattern. Chromium tries each start
    /// in turn until the run matches and ends the string; an attempt that matches the run without ending the string
    /// restarts with the escape state the run left, so a run ending in a lone `\` is read the next time with its
    /// first `\` literal (`escaped`). Each attempt takes constant time here, from the length of the longest prefix of
    /// each reading that matches at each start (the Z algorithm).
    private static func chromiumSearchLastRun(
        _ plain: ChromiumRun, _ pattern: [Unicode.Scalar], at patternIndex: inout Int,
        in string: [Unicode.Scalar], at stringIndex: inout Int,
        maximumDistance: Int
    ) -> Bool {
        let start = stringIndex
        let escaped = pattern.indices.contains(plain.start) && pattern[plain.start] == "\\"
            ? ChromiumRun(pattern, from: plain.start, startingEscaped: true) : plain
        let plainPrefixes = matchedPrefixLengths(of: plain.literal, in: string, from: start)
        let escapedPrefixes = escaped.literal == plain.literal && escaped.end == plain.end
            ? plainPrefixes : matchedPrefixLengths(of: escaped.literal, in: string, from: start)
        var readEscaped = false
        var distanceLeft = maximumDistance
        var offset = 0
        while true {
            let run = readEscaped ? escaped : plain
            let matched = (readEscaped ? escapedPrefixes : plainPrefixes)[offset]
            let position = start + offset
            if matched == run.literal.count {
                if run.endsAtWildcard {
                    stringIndex = position + matched
                    patternIndex = run.end
                    return true
                }
                if position + matched == string.count {
                    stringIndex = string.count
                    patternIndex = pattern.count
                    return true
                }
                readEscaped = run.endsEscaped
            } else {
                if position + matched == string.count { return false }
                readEscaped = false
            }
            if distanceLeft == 0 { return false }
            distanceLeft -= 1
            offset += 1
        }
    }

    /// A literal run of a Chromium pattern, read from `start` up to the next unescaped wildcard or the end.
    fileprivate struct ChromiumRun {
        /// Where the run starts in the pattern.
        let start: Int
        /// The characters it matches, escapes removed.
        var literal: [Unicode.Scalar] = []
        /// Where it ends: the index of the wildcard after it, or the pattern's length.
        var end: Int
        /// Whether a wildcard ends it (else the pattern's end does).
        var endsAtWildcard = false
        /// Whether it ends in a lone `\`, leaving the next character escaped.
        var endsEscaped = false

        /// Reads the run at `start`; with `startingEscaped`, its first character is taken literally.
        init(_ pattern: [Unicode.Scalar], from start: Int, startingEscaped: Bool) {
            self.start = start
            var index = start
            var escape = startingEscaped
            while index < pattern.count {
                let character = pattern[index]
                if !escape, character == "*" || character == "?" {
                    endsAtWildcard = true
                    break
                }
                if !escape, character == "\\" {
                    escape = true
                    index += 1
                    continue
                }
                escape = false
                literal.append(character)
                index += 1
            }
            end = index
            endsEscaped = escape && !endsAtWildcard
        }
    }

    /// The start of the first occurrence of `literal` in `string` at or after `from` and starting no later than
    /// `limit`, found with Knuth-Morris-Pratt; `nil` when there is none.
    static func firstOccurrence(
        of literal: [Unicode.Scalar], in string: [Unicode.Scalar], from: Int, startingNoLaterThan limit: Int
    ) -> Int? {
        firstOccurrence(of: literal, failure: kmpFailure(literal), in: string, from: from, startingNoLaterThan: limit)
    }

    /// ``firstOccurrence(of:in:from:startingNoLaterThan:)`` with the literal's failure function made already.
    static func firstOccurrence(
        of literal: [Unicode.Scalar], failure: [Int], in string: [Unicode.Scalar], from: Int, startingNoLaterThan limit: Int
    ) -> Int? {
        if literal.isEmpty { return from <= min(limit, string.count) ? from : nil }
        var matched = 0
        var index = from
        let lastEnd = min(string.count, limit + literal.count)
        while index < lastEnd {
            while matched > 0, string[index] != literal[matched] { matched = failure[matched - 1] }
            if string[index] == literal[matched] { matched += 1 }
            index += 1
            if matched == literal.count { return index - matched }
        }
        return nil
    }

    /// Knuth-Morris-Pratt's failure function: for each prefix of `literal`, the length of its longest proper
    /// prefix that is also its suffix.
    static func kmpFailure(_ literal: [Unicode.Scalar]) -> [Int] {
        var failure = [Int](repeating: 0, count: literal.count)
        var length = 0
        var index = 1
        while index < literal.count {
            if literal[index] == literal[length] {
                length += 1
                failure[index] = length
                index += 1
            } else if length > 0 {
                length = failure[length - 1]
            } else {
                index += 1
            }
        }
        return failure
    }

    /// For each start from `from` to the end of `string` (inclusive), how many characters of `literal` match
    /// there: the Z algorithm on `literal`, a separator and the rest of the string.
    static func matchedPrefixLengths(of literal: [Unicode.Scalar], in string: [Unicode.Scalar], from: Int) -> [Int] {
        let separator = UInt32.max
        var text = literal.map(\.value)
        text.append(separator)
        text.append(contentsOf: string[from...].lazy.map(\.value))
        var z = [Int](repeating: 0, count: text.count)
        var left = 0
        var right = 0
        for index in 1..<text.count {
            if index < right { z[index] = min(right - index, z[index - left]) }
            while index + z[index] < text.count, text[z[index]] == text[index + z[index]] { z[index] += 1 }
            if index + z[index] > right {
                left = index
                right = index + z[index]
            }
        }
        var lengths = Array(z[(literal.count + 1)...])
        lengths.append(0)
        return lengths
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

    /// Whether `glob` (with a `*` or `?` that is not only trailing stars) matches all of `string`, as Firefox's
    /// `^…$` regular expression does, in time linear in both for globs whose `?`s are few.
    ///
    /// Neither `*` nor `?` matches a line feed, so the glob's line feeds must meet the string's one for one: line
    /// `k` of the glob matches line `k` of the string, where `*` and `?` can match anything. Within a line the
    /// parts between stars are placed leftmost in turn, the first at the line's start and the last at its end.
    private static func geckoRegexMatches(
        _ string: [Unicode.Scalar], glob: [Unicode.Scalar], allowQuestionMark: Bool
    ) -> Bool {
        let globLines = glob.split(separator: "\n", omittingEmptySubsequences: false)
        let stringLines = string.split(separator: "\n", omittingEmptySubsequences: false)
        guard globLines.count == stringLines.count else { return false }
        for (globLine, stringLine) in zip(globLines, stringLines) {
            guard geckoLineMatches(Array(stringLine), glob: globLine, allowQuestionMark: allowQuestionMark) else {
                return false
            }
        }
        return true
    }

    /// Whether a glob line (no line feed) matches all of a string line, `*` matching any run and `?` (when allowed)
    /// any one character.
    private static func geckoLineMatches(
        _ line: [Unicode.Scalar], glob: ArraySlice<Unicode.Scalar>, allowQuestionMark: Bool
    ) -> Bool {
        let parts = glob.split(separator: "*", omittingEmptySubsequences: false).map(Array.init)
        let first = parts[0]
        guard parts.count > 1 else {
            return line.count == first.count && geckoPart(first, matches: line, at: 0, allowQuestionMark)
        }
        let last = parts[parts.count - 1]
        guard line.count >= first.count + last.count, geckoPart(first, matches: line, at: 0, allowQuestionMark),
            geckoPart(last, matches: line, at: line.count - last.count, allowQuestionMark)
        else { return false }
        var position = first.count
        let end = line.count - last.count
        for part in parts[1..<(parts.count - 1)] where !part.isEmpty {
            guard let found = geckoFirstOccurrence(of: part, in: line, from: position, before: end, allowQuestionMark)
            else { return false }
            position = found + part.count
        }
        return true
    }

    /// Whether `part` matches `line` at `start` (`?` any character when allowed).
    private static func geckoPart(
        _ part: [Unicode.Scalar], matches line: [Unicode.Scalar], at start: Int, _ allowQuestionMark: Bool
    ) -> Bool {
        guard start >= 0, start + part.count <= line.count else { return false }
        for (offset, token) in part.enumerated() where !(allowQuestionMark && token == "?") {
            if line[start + offset] != token { return false }
        }
        return true
    }

    /// The leftmost start of `part` in `line[from..<end]`, or `nil`. A part without `?` is found with
    /// Knuth-Morris-Pratt (linear); one with `?` by trying each start, which costs up to the span times the part's
    /// length.
    private static func geckoFirstOccurrence(
        of part: [Unicode.Scalar], in line: [Unicode.Scalar], from: Int, before end: Int, _ allowQuestionMark: Bool
    ) -> Int? {
        guard end - from >= part.count else { return nil }
        if !allowQuestionMark || !part.contains("?") {
            let found = firstOccurrence(of: part, in: line, from: from, startingNoLaterThan: end - part.count)
            return found
        }
        var start = from
        while start + part.count <= end {
            if geckoPart(part, matches: line, at: start, allowQuestionMark) { return start }
            start += 1
        }
        return nil
    }
}
