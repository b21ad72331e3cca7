/// Who may message an extension from outside it, as its manifest's `externally_connectable` says
/// (Chromium only: Firefox ignores the key, lets every extension message every other, and gives
/// web pages no `runtime`).
///
/// Chromium's `ExternallyConnectableInfo` and `MessageService::OpenChannelToExtension`: without
/// the key, every extension may connect and no web page; with it, the extensions of `ids` (`"*"`:
/// all) and the pages `matches` names. A pattern whose host is a wildcard (`*://*/*`,
/// `<all_urls>`) is left out with a warning, as Chromium leaves it out. (Chromium also leaves out
/// a wildcard on an effective top-level domain, `*.co.uk`, which needs the public suffix list;
/// exthost keeps such a pattern.)
public struct ExternallyConnectable: Sendable, Equatable {
    /// The extensions that may connect, by id.
    public let ids: [String]
    /// Whether every extension may connect (`"*"` among the ids).
    public let allIDs: Bool
    /// The pages that may connect.
    public let matches: [MatchPattern]

    /// Who may connect.
    public init(ids: [String], allIDs: Bool, matches: [MatchPattern]) {
        self.ids = ids
        self.allIDs = allIDs
        self.matches = matches
    }

    /// Whether the extension `id` may message the extension that declares this.
    public func allows(extensionID id: String) -> Bool {
        allIDs || ids.contains(id)
    }

    /// Whether a page at `url` may message the extension that declares this.
    public func allows(pageURL url: String) -> Bool {
        matches.contains { $0.matches(url) }
    }
}

extension ManifestParser {
    /// Chromium's `externally_connectable`: nil without the key (or in Firefox, which ignores it).
    /// A value of the wrong type is refused in the words of Chromium's generated parser
    /// (recorded: fixtures/manifests/externally-connectable-*).
    mutating func chromiumExternallyConnectable() throws(ManifestError) -> ExternallyConnectable? {
        guard let node = root["externally_connectable"] else { return nil }
        let key = "externally_connectable"
        guard node.members != nil else {
            throw failure("expected dictionary, got \(Self.chromiumTypeName(node))", at: node, key: key,
                          hint: "Give an object with \"ids\" and/or \"matches\".")
        }
        func strings(_ name: String) throws(ManifestError) -> [(String, Node)]? {
            guard let list = node[name] else { return nil }
            guard let elements = list.array else {
                throw failure("'\(name)': expected list, got \(Self.chromiumTypeName(list))", at: list, key: "\(key).\(name)", hint: "Give a list of strings.")
            }
            var result: [(String, Node)] = []
            for (index, element) in elements.enumerated() {
                guard let text = element.string else {
                    throw failure("Error at key '\(name)': Parsing array failed at index \(index): expected string, got \(Self.chromiumTypeName(element))",
                                  at: element, key: "\(key).\(name)[\(index)]", hint: "Give a string.")
                }
                result.append((text, element))
            }
            return result
        }
        var matches: [MatchPattern] = []
        let declaredMatches = try strings("matches")
        for (text, element) in declaredMatches ?? [] {
            guard let pattern = try? MatchPattern(text, flavor: .chrome, scope: .anyScheme) else {
                throw failure("Invalid match pattern '\(text)'", at: element, key: "\(key).matches",
                              hint: "A pattern is scheme://host/path, such as \"https://*.example.com/*\".")
            }
            if pattern.isAllURLs || pattern.host.isEmpty {
                // (A warning, not an error, "for forwards compatibility".)
                warn("Wildcard domain patterns such as \"\(text)\" are not allowed")
                continue
            }
            matches.append(pattern)
        }
        var ids: [String] = []
        var allIDs = false
        let declaredIDs = try strings("ids")
        for (text, element) in declaredIDs ?? [] {
            if text == "*" {
                allIDs = true
            } else if text.utf8.count == 32, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "p") }) {
                ids.append(text)
            } else {
                throw failure("Invalid ID '\(text)'", at: element, key: "\(key).ids", hint: "An extension id is 32 letters from a to p, or \"*\" for every extension.")
            }
        }
        if declaredMatches == nil, declaredIDs == nil {
            warn("'externally_connectable' specifies neither 'matches' nor 'ids'; nothing will be able to connect")
        }
        return ExternallyConnectable(ids: ids, allIDs: allIDs, matches: matches)
    }

    /// The name Chromium gives a JSON value's type (`base::Value::GetTypeName`).
    static func chromiumTypeName(_ node: Node) -> String {
        switch node.value {
        case .null: "null"
        case .bool: "boolean"
        case .number(let number, _): number.rounded() == number && number.magnitude <= Double(Int32.max) ? "integer" : "double"
        case .string: "string"
        case .array: "list"
        case .object: "dictionary"
        }
    }
}
