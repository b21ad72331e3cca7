import Foundation

/// An extension's messages (`_locales/<locale>/messages.json`) for the browser's language, as
/// `i18n.getMessage` and the manifest's `__MSG_name__` read them (recorded:
/// fixtures/conformance/i18n-messages). A message is looked up by its name in any case, in the
/// locale of the browser's language (`en_US`), then its language alone (`en`), then the
/// manifest's `default_locale`. Its placeholders (`$NAME$`, any case) are replaced by their
/// content when the messages are read; `$1`...`$9` by the call's substitutions, and `$$` by `$`,
/// when a message is given.
///
/// Written here: the browsers' own rules (which names, which fallbacks, what is left of a missing
/// substitution) are the point, and no package reads this format.
public struct LocaleMessages: Sendable {
    /// Each message by its name in lower case, its placeholders replaced.
    private var messages: [String: String] = [:]

    /// Why an extension's messages cannot be read, in Chromium's words (Firefox reads them all).
    public struct ReadError: Error, CustomStringConvertible {
        public let description: String
    }

    /// No messages.
    public init() {}

    /// The messages of the extension in `directory` for the browser's language `language`
    /// (`en-US`), falling back to `defaultLocale`. Chromium refuses a message that uses a
    /// placeholder it does not define; Firefox replaces it with nothing.
    public init(directory: URL, language: String, defaultLocale: String?, flavor: Flavor) throws(ReadError) {
        var locales: [String] = []
        let underscored = language.replacingOccurrences(of: "-", with: "_")
        locales.append(underscored)
        if let base = underscored.split(separator: "_").first.map(String.init), base != underscored { locales.append(base) }
        if let defaultLocale { locales.append(defaultLocale) }
        // (A locale is a folder's name: one with a path in it names nothing.)
        locales = locales.filter { !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") } }
        // (Earlier locales win: read the fallbacks first and let the nearer replace them.)
        for locale in locales.reversed() {
            let file = directory.appendingPathComponent("_locales").appendingPathComponent(locale).appendingPathComponent("messages.json")
            // (Read as the browser reads the manifest: comments and all, ManifestJSON.)
            guard let data = FileManager.default.contents(atPath: file.path),
                  let root = try? ManifestJSON.parse(data, flavor: flavor), let members = root.members else { continue }
            for member in members {
                guard let message = member.value["message"]?.string else { continue }
                var placeholders: [String: String] = [:]
                for placeholder in member.value["placeholders"]?.members ?? [] {
                    placeholders[placeholder.key.lowercased()] = placeholder.value["content"]?.string ?? ""
                }
                messages[member.key.lowercased()] = try Self.replacingPlaceholders(in: message, placeholders, flavor: flavor)
            }
        }
    }

    /// `message` with each `$NAME$` replaced by its placeholder's content.
    private static func replacingPlaceholders(in message: String, _ placeholders: [String: String], flavor: Flavor) throws(ReadError) -> String {
        var result = ""
        var rest = Substring(message)
        while let dollar = rest.firstIndex(of: "$") {
            result += rest[..<dollar]
            let after = rest[rest.index(after: dollar)...]
            // (`$$` and `$1` are the call's: kept for getMessage.)
            if let end = after.firstIndex(of: "$"), after[..<end].allSatisfy(isNameCharacter),
               let first = after.first, !first.isNumber, end != after.startIndex {
                let name = String(after[..<end]).lowercased()
                if let content = placeholders[name] {
                    result += content
                } else if flavor == .chrome {
                    throw ReadError(description: "Variable $\(after[..<end])$ used but not defined.")
                }
                rest = after[after.index(after: end)...]
            } else {
                result += "$"
                if after.first == "$" {
                    result += "$"
                    rest = after.dropFirst()
                } else {
                    rest = after
                }
            }
        }
        return result + rest
    }

    /// The message `name` (any case) with `substitutions` for `$1`...`$9`, or nil when there is none.
    /// A substitution the call did not give is empty. Chromium reads a `$` run as one `$` fewer, a
    /// lone `$` before another character or at the end as nothing (base::ReplaceStringPlaceholders);
    /// Firefox the same runs, a `$` it cannot read as itself, and numbers of several digits.
    /// `escapeLt`: Chromium's option, the message's own `<` as `&lt;`.
    public func message(_ name: String, substitutions: [String], flavor: Flavor, escapeLt: Bool = false) -> String? {
        guard var message = messages[name.lowercased()] else { return nil }
        if escapeLt { message = message.replacingOccurrences(of: "<", with: "&lt;") }
        var result = ""
        var rest = Substring(message)
        while let dollar = rest.firstIndex(of: "$") {
            result += rest[..<dollar]
            let after = rest[rest.index(after: dollar)...]
            if after.first == "$" {
                let run = after.prefix { $0 == "$" }
                result += String(repeating: "$", count: run.count)
                rest = after.dropFirst(run.count)
            } else if let first = after.first, first.isASCII, ("1"..."9").contains(first) {
                // (ASCII digits only; Firefox reads several, a number too large for any list naming none.)
                let digits = flavor == .firefox ? String(after.prefix { $0.isASCII && $0.isNumber }) : String(first)
                let index = Int(digits.prefix(9)) ?? Int.max
                result += index <= substitutions.count ? substitutions[index - 1] : ""
                rest = after.dropFirst(digits.count)
            } else if flavor == .firefox {
                result += "$"
                rest = after
            } else {
                rest = after.dropFirst()
            }
        }
        return result + rest
    }

    /// Whether `character` may be in a message's or a placeholder's name (ASCII letters, digits,
    /// `_` and `@`, as Chromium's IsValidName).
    static func isNameCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "_" || character == "@")
    }

    /// `text` with each `__MSG_name__` reference replaced by what `replacement` gives for the name
    /// (nil: the reference stays as it is). One scan for the manifest's localization and its check.
    public static func replacingReferences(in text: String, _ replacement: (String) -> String?) -> String {
        guard text.contains("__MSG_") else { return text }
        var result = ""
        var rest = Substring(text)
        while let start = rest.range(of: "__MSG_") {
            result += rest[..<start.lowerBound]
            let after = rest[start.upperBound...]
            guard let end = after.range(of: "__"), !after[..<end.lowerBound].isEmpty,
                  after[..<end.lowerBound].allSatisfy(isNameCharacter), let replaced = replacement(String(after[..<end.lowerBound])) else {
                result += "__MSG_"
                rest = after
                continue
            }
            result += replaced
            rest = after[end.upperBound...]
        }
        return result + rest
    }

    /// Whether there is a message `name` (any case).
    public func has(_ name: String) -> Bool { messages[name.lowercased()] != nil }

    /// Whether there are messages at all.
    public var isEmpty: Bool { messages.isEmpty }
}
