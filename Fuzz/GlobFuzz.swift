// libFuzzer target for `Glob`, the hand-written glob matchers of both browsers (see scripts/fuzz). Compiled into the
// BrowserModel module with `swiftc -sanitize=fuzzer`.
//
// The input is a flavor byte (even: Chrome, odd: Firefox), then `glob` NUL `string`. Besides not crashing, the
// linear-time matchers must agree with the straightforward ones they replaced, which follow the browsers step for
// step (Chromium's `base::MatchPattern` search; a dynamic program over Firefox's `^…$` regular expression), kept
// below as the reference; and a Firefox glob, whose `*` and `?` match themselves, must match its own text.

import Foundation

/// Runs one input; libFuzzer calls it for every input it tries.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let flavor: Flavor = data[0] % 2 == 0 ? .chrome : .firefox
    let bytes = UnsafeBufferPointer(start: data + 1, count: size - 1)
    let parts = bytes.split(separator: 0, maxSplits: 1, omittingEmptySubsequences: false)
    let pattern = String(decoding: parts[0], as: UTF8.self)
    let string = parts.count > 1 ? String(decoding: parts[1], as: UTF8.self) : pattern
    let glob = Glob(pattern, flavor: flavor)
    let matches = glob.matches(string)
    let patternScalars = Array(pattern.unicodeScalars)
    let stringScalars = Array(string.unicodeScalars)
    let expected: Bool
    switch flavor {
    case .chrome:
        expected = ChromiumReference.chromiumMatches(stringScalars, pattern: patternScalars)
    case .firefox:
        expected = GeckoReference.geckoMatches(string, glob: pattern)
        guard glob.matches(pattern) else { fatalError("the Firefox glob \(pattern.debugDescription) misses itself") }
    }
    guard matches == expected else {
        fatalError("\(flavor): \(pattern.debugDescription) on \(string.debugDescription): \(matches), expected \(expected)")
    }
    return 0
}

/// Chromium's `base::MatchPattern` as a naive search, step for step (the matcher before it was made linear).
private enum ChromiumReference {
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
    static func chromiumEatWildcards(_ pattern: [Unicode.Scalar], at index: inout Int) -> Int {
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
    static func chromiumSearch(
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
}

/// Firefox's glob as a dynamic program over its regular expression (the matcher before it was made linear).
private enum GeckoReference {
    static func geckoMatches(_ string: String, glob: String) -> Bool {
        let globScalars = Array(glob.unicodeScalars)
        let stringScalars = Array(string.unicodeScalars)
        guard globScalars.contains(where: { $0 == "*" || $0 == "?" }) else { return stringScalars == globScalars }
        if let firstMeta = globScalars.firstIndex(where: { $0 == "*" || $0 == "?" }),
            globScalars[firstMeta...].allSatisfy({ $0 == "*" })
        {
            return stringScalars.starts(with: globScalars[..<firstMeta])
        }
        return geckoRegexMatches(stringScalars, glob: globScalars, allowQuestionMark: true)
    }

    static func geckoRegexMatches(
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
