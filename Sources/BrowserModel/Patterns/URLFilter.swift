import Foundation

// `events.UrlFilter`: the conditions a listener of `webNavigation` gives with `{url: [...]}`, as
// Chromium's URLMatcher (components/url_matcher/url_matcher.cc, url_matcher_factory.cc) and
// Firefox's MatchURLFilters (toolkit/components/extensions/MatchURLFilters.sys.mjs) read them.
// Written here because no library has these rules, which differ: Chromium compares the host as it
// is, the URL without its fragment, and a query value without a leading `?`; Firefox looks for
// `hostContains` in the host with a dot before it (`.example` matches `example.org`) and compares
// the URL with its fragment. A regular expression (RE2's syntax in Chromium, JavaScript's in
// Firefox; ICU's here, which reads the same for what filters use) may match anywhere in the text.

/// One `events.UrlFilter`: every condition it has must hold (a listener's list of filters holds
/// when any of them does).
public struct URLFilter: Sendable, Equatable {
    /// A condition on a string part of the URL.
    public enum Condition: Sendable, Equatable {
        case contains(String)
        case equals(String)
        case prefix(String)
        case suffix(String)
        /// A regular expression, compiled once (nil: it does not compile, and matches nothing).
        case matches(String, RegularExpression?)

        func holds(for text: String) -> Bool {
            switch self {
            case .contains(let value): value.isEmpty || text.contains(value)
            case .equals(let value): text == value
            case .prefix(let value): text.hasPrefix(value)
            case .suffix(let value): text.hasSuffix(value)
            case .matches(_, let expression): expression?.firstMatch(in: text) ?? false
            }
        }

        public static func == (lhs: Condition, rhs: Condition) -> Bool {
            switch (lhs, rhs) {
            case (.contains(let a), .contains(let b)), (.equals(let a), .equals(let b)), (.prefix(let a), .prefix(let b)),
                 (.suffix(let a), .suffix(let b)), (.matches(let a, _), .matches(let b, _)): a == b
            default: false
            }
        }
    }

    /// The part of the URL a condition is on.
    public enum Part: String, Sendable, CaseIterable {
        case host, path, query, url, originAndPath
    }

    /// The conditions on the URL's parts, in the filter's order.
    public var conditions: [(part: Part, condition: Condition)] = []
    /// The schemes one of which the URL must have (`schemes`), when given.
    public var schemes: [String]?
    /// The ports or ranges of ports one of which the URL's port must be in (`ports`), when given.
    public var ports: [ClosedRange<Int>]?

    /// Why a filter's text cannot be one: a key exthost does not know, or a regular expression
    /// that does not compile.
    public struct Problem: Error, Sendable, Equatable {
        public let message: String

        public init(message: String) {
            self.message = message
        }
    }

    public static func == (lhs: URLFilter, rhs: URLFilter) -> Bool {
        lhs.flavor == rhs.flavor && lhs.schemes == rhs.schemes && lhs.ports == rhs.ports && lhs.conditions.count == rhs.conditions.count
            && zip(lhs.conditions, rhs.conditions).allSatisfy { $0.part == $1.part && $0.condition == $1.condition }
    }

    /// A member's value: a string, a list of strings (`schemes`), or ports and ranges (`ports`).
    public enum Value: Sendable {
        case string(String)
        case strings([String])
        case ports([ClosedRange<Int>])
    }

    /// Whose rules the filter follows.
    public var flavor: Flavor = .chrome

    /// A filter from its members: `hostContains`, ..., `urlMatches`, `originAndPathMatches`,
    /// `schemes`, `ports`, read by `flavor`'s rules.
    public init(flavor: Flavor, members: [(String, Value)]) throws {
        self.flavor = flavor
        let kinds: [(String, (String) -> Condition)] = [
            ("Contains", Condition.contains), ("Equals", Condition.equals), ("Prefix", Condition.prefix), ("Suffix", Condition.suffix),
        ]
        for (key, value) in members {
            switch (key, value) {
            case ("schemes", .strings(let list)):
                schemes = list
                continue
            case ("ports", .ports(let list)):
                ports = list
                continue
            case (_, .string):
                break
            default:
                throw Problem(message: "exthost does not know the URL filter member '\(key)' of this type.")
            }
            guard case .string(var text) = value else { continue }
            // (Chromium drops a query value's leading `?`.)
            if flavor == .chrome, key.hasPrefix("query"), text.hasPrefix("?") { text.removeFirst() }
            if key == "urlMatches" || key == "originAndPathMatches" {
                let expression = RegularExpression(text)
                // (Chromium refuses it as the listener is added; Firefox's matches nothing.)
                if expression == nil, flavor == .chrome { throw Problem(message: "Could not parse regular expression '\(text)'.") }
                conditions.append((key == "urlMatches" ? .url : .originAndPath, .matches(text, expression)))
                continue
            }
            guard let part = Part.allCases.first(where: { key.hasPrefix($0.rawValue) && $0 != .originAndPath }),
                  let kind = kinds.first(where: { key == part.rawValue + $0.0 })?.1
            else { throw Problem(message: "exthost does not know the URL filter member '\(key)'.") }
            conditions.append((part, kind(text)))
        }
    }

    /// Whether `url` meets every condition of the filter.
    public func matches(_ url: WebURL) -> Bool {
        if let schemes, !schemes.contains(url.scheme) { return false }
        if let ports {
            guard let port = url.port ?? MatchTargetURL.defaultPort(for: url.scheme), ports.contains(where: { $0.contains(port) }) else { return false }
        }
        for (part, condition) in conditions {
            let text: String
            switch part {
            case .host:
                // (Firefox's hostContains: with a dot before the host, ".foo" reads as a label's start.)
                let host = url.host ?? ""
                if flavor == .firefox, case .contains(let value) = condition {
                    if !("." + host).contains(value) { return false } else { continue }
                }
                text = host
            case .path: text = url.path
            case .query: text = url.query ?? ""
            case .url: text = flavor == .chrome ? url.hrefExcludingFragment : url.href
            case .originAndPath:
                text = url.scheme + "://" + (url.host ?? "") + (url.port.map { ":\($0)" } ?? "") + url.path
            }
            if !condition.holds(for: text) { return false }
        }
        return true
    }
}

/// A compiled regular expression (ICU's, through Foundation), matched anywhere in a text: a URL
/// filter's `urlMatches`. (ICU backtracks: a pattern such as `((a+)+)+!` can take seconds on a
/// long URL, where Chromium's RE2 takes linear time.)
public final class RegularExpression: @unchecked Sendable {
    private let expression: NSRegularExpression

    /// The expression `pattern`, or nil when it does not compile.
    public init?(_ pattern: String) {
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return nil }
        self.expression = expression
    }

    /// Whether the expression matches somewhere in `text`.
    public func firstMatch(in text: String) -> Bool {
        expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}
