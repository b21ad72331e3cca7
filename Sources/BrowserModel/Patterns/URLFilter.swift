import Foundation

// `events.UrlFilter`: the conditions a listener of `webNavigation` gives with `{url: [...]}`, as
// Chromium's URLMatcher (components/url_matcher/url_matcher_factory.cc) and Firefox's
// MatchURLFilters (toolkit/components/extensions/MatchURLFilters.sys.mjs) read them. Written here
// because no library has these rules: the host is compared with a dot before and after it
// (`hostContains: ".example"` matches `www.example.com` and `example.org`; `hostSuffix:
// "example.com"` matches `www.example.com` and `notexample.com`), the URL without its fragment and
// default port, the query without its `?`; a regular expression (RE2's syntax in Chromium; ICU's
// here, which reads the same for what filters use) may match anywhere in the text.

/// One `events.UrlFilter`: every condition it has must hold (a listener's list of filters holds
/// when any of them does).
public struct URLFilter: Sendable, Equatable {
    /// A condition on a string part of the URL.
    public enum Condition: Sendable, Equatable {
        case contains(String)
        case equals(String)
        case prefix(String)
        case suffix(String)
        case matches(String)

        func holds(for text: String) -> Bool {
            switch self {
            case .contains(let value): value.isEmpty || text.contains(value)
            case .equals(let value): text == value
            case .prefix(let value): text.hasPrefix(value)
            case .suffix(let value): text.hasSuffix(value)
            case .matches(let pattern):
                (try? NSRegularExpression(pattern: pattern)).map {
                    $0.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
                } ?? false
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
        lhs.schemes == rhs.schemes && lhs.ports == rhs.ports && lhs.conditions.count == rhs.conditions.count
            && zip(lhs.conditions, rhs.conditions).allSatisfy { $0.part == $1.part && $0.condition == $1.condition }
    }

    /// A member's value: a string, a list of strings (`schemes`), or ports and ranges (`ports`).
    public enum Value: Sendable {
        case string(String)
        case strings([String])
        case ports([ClosedRange<Int>])
    }

    /// A filter from its members: `hostContains`, ..., `urlMatches`, `originAndPathMatches`,
    /// `schemes`, `ports`.
    public init(members: [(String, Value)]) throws {
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
            guard case .string(let text) = value else { continue }
            if key == "urlMatches" || key == "originAndPathMatches" {
                guard (try? NSRegularExpression(pattern: text)) != nil else { throw Problem(message: "Could not parse regular expression '\(text)'.") }
                conditions.append((key == "urlMatches" ? .url : .originAndPath, .matches(text)))
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
                // (With a dot before and after: "hostContains: '.foo'" reads as a label's start.)
                let host = url.host ?? ""
                switch condition {
                case .contains(let value): if !("." + host + ".").contains(value) { return false } else { continue }
                case .equals(let value): if host != value { return false } else { continue }
                case .prefix(let value): if !("." + host).hasPrefix(value.hasPrefix(".") ? value : "." + value) { return false } else { continue }
                case .suffix(let value): if !(host + ".").hasSuffix(value.hasSuffix(".") ? value : value + ".") { return false } else { continue }
                case .matches: text = host
                }
            case .path: text = url.path
            case .query: text = url.query ?? ""
            case .url: text = url.hrefExcludingFragment
            case .originAndPath:
                text = url.scheme + "://" + (url.host ?? "") + (url.port.map { ":\($0)" } ?? "") + url.path
            }
            if !condition.holds(for: text) { return false }
        }
        return true
    }
}
