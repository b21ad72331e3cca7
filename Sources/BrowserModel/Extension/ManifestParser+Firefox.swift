import Foundation

// Firefox's manifest checks and messages (the manifest schema as `Schemas.sys.mjs` words its errors),
// for ManifestParser.swift.
extension ManifestParser {
    mutating func parseGecko() throws(ManifestError) -> Manifest {
        guard root.members != nil else {
            throw geckoFailure("Expected object instead of \(root.summary)", path: "", at: root)
        }

        let manifestVersion = try geckoManifestVersion()
        let geckoID = try geckoAddonID(manifestVersion: manifestVersion)
        let name = try geckoRequiredString("name")
        let description = try geckoOptionalString("description")
        let version = try geckoRequiredString("version")
        if !ManifestParser.isGeckoVersion(version) {
            warn(
                "Warning processing version: version must be a version string consisting of at most 4 integers "
                    + "of at most 9 digits without leading zeros, and separated with dots"
            )
        }
        let defaultLocale = try geckoOptionalString("default_locale")
        let (declaredBackground, persistent) = try geckoBackground(manifestVersion: manifestVersion)
        let contentScripts = try geckoContentScripts()
        let (permissions, hostPermissions) = try geckoPermissions(manifestVersion: manifestVersion)
        let (hasAction, actionPopup) = try geckoAction(manifestVersion: manifestVersion)

        return Manifest(
            flavor: .firefox, file: file, manifestVersion: manifestVersion, name: name, version: version,
            description: description, declaredBackground: declaredBackground, isPersistentBackground: persistent,
            contentScripts: contentScripts, hasAction: hasAction, permissions: permissions,
            hostPermissionPatterns: hostPermissions, key: root["key"]?.string, geckoID: geckoID,
            defaultLocale: defaultLocale, fileReferences: fileReferences,
            rawJSON: ManifestJSON.serialize(root, sortingKeys: false), warnings: warnings, keyPositions: keyPositions,
            actionPopup: actionPopup, optionsPage: declaredOptionsPage(), devtoolsPage: declaredDevtoolsPage()
        )
    }

    /// `manifest_version`: a JavaScript number is required before the schema runs, then an integer 2…3.
    func geckoManifestVersion() throws(ManifestError) -> Int {
        guard let node = root["manifest_version"] else {
            throw failure(
                "Unexpected params.manifestVersion value: undefined", at: root, key: "manifest_version",
                hint: "Add \"manifest_version\": 2 or 3 to the top-level object."
            )
        }
        guard case .number(let number, let text) = node.value else {
            let shown: String
            switch node.value {
            case .string(let string): shown = string
            case .array: shown = "[...]"
            case .object: shown = "[object Object]"
            default: shown = node.summary
            }
            throw failure(
                "Unexpected params.manifestVersion value: \(shown)", at: node, key: "manifest_version",
                hint: "Write the number 2 or 3, without quotes."
            )
        }
        guard number.rounded() == number else {
            throw geckoFailure("Expected integer instead of \(text)", path: "manifest_version", at: node)
        }
        if number < 2 {
            throw geckoFailure("Integer \(text) is too small (must be at least 2)", path: "manifest_version", at: node)
        }
        if number > 3 {
            throw geckoFailure("Integer \(text) is too big (must be at most 3)", path: "manifest_version", at: node)
        }
        return Int(number)
    }

    /// The add-on id: `browser_specific_settings.gecko` if that object exists, else `applications.gecko`.
    mutating func geckoAddonID(manifestVersion: Int) throws(ManifestError) -> String? {
        if root["applications"] != nil, manifestVersion >= 3 {
            warn("Reading manifest: Warning processing applications: An unexpected property was found in the WebExtension manifest.")
        }
        let settingsKey: String
        let gecko: Node
        if let node = root["browser_specific_settings"]?["gecko"] {
            settingsKey = "browser_specific_settings"
            gecko = node
        } else if let node = root["applications"]?["gecko"] {
            settingsKey = "applications"
            gecko = node
        } else {
            return nil
        }
        guard let idNode = gecko["id"] else { return nil }
        let path = "\(settingsKey).gecko.id"
        guard let id = idNode.string else {
            throw geckoTypeMismatch(expected: "string", node: idNode, path: path)
        }
        guard ManifestParser.isGeckoAddonID(id) else {
            throw geckoFailure(
                "Value \(ManifestJSON.quoted(id)) must either: match the pattern "
                    + "/^\\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\}$/i, "
                    + "or match the pattern /^[a-z0-9-._]*@[a-z0-9-._]+$/i",
                path: path, at: idNode,
                hint: "Use an email-like id such as \"my-extension@example.com\" or a {GUID}."
            )
        }
        return id
    }

    /// Whether `id` matches Firefox's `ExtensionID` schema patterns.
    static func isGeckoAddonID(_ id: String) -> Bool {
        let scalars = Array(id.lowercased().unicodeScalars)
        let isHex: (Unicode.Scalar) -> Bool = { ("0"..."9").contains($0) || ("a"..."f").contains($0) }
        if scalars.count == 38, scalars.first == "{", scalars.last == "}" {
            let body = Array(scalars[1..<37])
            let dashes = [8, 13, 18, 23]
            let isGUID = body.enumerated().allSatisfy { index, scalar in
                dashes.contains(index) ? scalar == "-" : isHex(scalar)
            }
            if isGUID { return true }
        }
        guard let at = scalars.lastIndex(of: "@") else { return false }
        let allowed: (Unicode.Scalar) -> Bool = {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "." || $0 == "_"
        }
        let local = scalars[..<at]
        let domain = scalars[(at + 1)...]
        return !domain.isEmpty && local.allSatisfy(allowed) && domain.allSatisfy(allowed)
    }

    /// Whether `text` is a version Firefox accepts without a warning.
    static func isGeckoVersion(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 4 else { return false }
        return parts.allSatisfy { part in
            guard !part.isEmpty, part.count <= 9, part.utf8.allSatisfy({ (48...57).contains($0) }) else { return false }
            return part == "0" || part.first != "0"
        }
    }

    func geckoRequiredString(_ name: String) throws(ManifestError) -> String {
        guard let node = root[name] else {
            throw geckoFailure("Property \"\(name)\" is required", path: "", at: root)
        }
        guard let text = node.string else {
            throw geckoTypeMismatch(expected: "string", node: node, path: name)
        }
        return text
    }

    func geckoOptionalString(_ name: String) throws(ManifestError) -> String? {
        guard let node = root[name] else { return nil }
        guard let text = node.string else {
            throw geckoTypeMismatch(expected: "string", node: node, path: name)
        }
        return text
    }

    /// `background` with `checkRequiredManifestBackgroundKeys`.
    mutating func geckoBackground(manifestVersion: Int) throws(ManifestError) -> (DeclaredBackground?, Bool) {
        guard let background = root["background"] else { return (nil, false) }
        guard background.members != nil else {
            throw geckoTypeMismatch(expected: "object", node: background, path: "background")
        }
        var scripts: [String]?
        if let node = background["scripts"] {
            guard let elements = node.array else {
                throw geckoTypeMismatch(expected: "array", node: node, path: "background.scripts")
            }
            var list: [String] = []
            for (index, element) in elements.enumerated() {
                guard let text = element.string else {
                    throw geckoTypeMismatch(expected: "string", node: element, path: "background.scripts.\(index)")
                }
                list.append(text)
                noteFile(element, role: .backgroundScript, key: "background.scripts.\(index)")
            }
            scripts = list
        }
        var page: String?
        if let node = background["page"] {
            guard let text = node.string else {
                throw geckoTypeMismatch(expected: "string", node: node, path: "background.page")
            }
            page = text.isEmpty ? nil : text
            if !text.isEmpty { noteFile(node, role: .backgroundPage, key: "background.page") }
        }
        var serviceWorker: String?
        if let node = background["service_worker"] {
            guard let text = node.string else {
                throw geckoTypeMismatch(expected: "string", node: node, path: "background.service_worker")
            }
            serviceWorker = text.isEmpty ? nil : text
        }
        var isModule = false
        if let node = background["type"] {
            guard let text = node.string else {
                throw geckoTypeMismatch(expected: "string", node: node, path: "background.type")
            }
            guard text == "module" || text == "classic" else {
                throw geckoFailure("Invalid enumeration value \(ManifestJSON.quoted(text))", path: "background.type", at: node)
            }
            isModule = text == "module"
        }
        var persistent: Bool?
        if let node = background["persistent"] {
            if manifestVersion >= 3 {
                warn(
                    "Reading manifest: Warning processing background.persistent: "
                        + "Property \"persistent\" is unsupported in Manifest Version 3"
                )
            } else {
                guard let flag = node.bool else {
                    throw geckoTypeMismatch(expected: "boolean", node: node, path: "background.persistent")
                }
                persistent = flag
            }
        }

        if let scripts {
            if scripts.isEmpty {
                warn("Reading manifest: Warning processing background: background.scripts is empty.")
            }
        } else if page == nil {
            if serviceWorker != nil {
                throw geckoFailure(
                    "background.service_worker is currently disabled. Add background.scripts.",
                    path: "background", at: background,
                    hint: "Firefox runs background scripts, not service workers: add \"scripts\": [\"<your worker file>\"]."
                )
            }
            warn(
                "Reading manifest: Warning processing background: background requires at least one of "
                    + "\"scripts\" or \"page\"."
            )
            return (nil, false)
        }
        let declared = DeclaredBackground(
            scripts: scripts, page: page, serviceWorker: serviceWorker, isModule: isModule, persistent: persistent
        )
        return (declared, manifestVersion < 3 && (persistent ?? true))
    }

    /// `content_scripts` by the `ContentScript` schema type.
    mutating func geckoContentScripts() throws(ManifestError) -> [ContentScriptEntry] {
        guard let node = root["content_scripts"] else { return [] }
        guard let entries = node.array else {
            throw geckoTypeMismatch(expected: "array", node: node, path: "content_scripts")
        }
        var result: [ContentScriptEntry] = []
        for (index, entry) in entries.enumerated() {
            let base = "content_scripts.\(index)"
            guard entry.members != nil else {
                throw geckoTypeMismatch(expected: "object", node: entry, path: base)
            }
            guard let matchesNode = entry["matches"] else {
                throw geckoFailure("Property \"matches\" is required", path: base, at: entry)
            }
            let matches = try geckoPatternList(matchesNode, path: "\(base).matches")
            var excludeMatches: [MatchPattern] = []
            if let excludeNode = entry["exclude_matches"] {
                excludeMatches = try geckoPatternList(excludeNode, path: "\(base).exclude_matches")
            }
            let includeGlobs = try geckoStringList(entry["include_globs"], path: "\(base).include_globs")
            let excludeGlobs = try geckoStringList(entry["exclude_globs"], path: "\(base).exclude_globs")
            let css = try geckoStringList(entry["css"], path: "\(base).css") ?? []
            let js = try geckoStringList(entry["js"], path: "\(base).js") ?? []
            for (fileIndex, fileNode) in (entry["js"]?.array ?? []).enumerated() {
                noteFile(fileNode, role: .contentScript(entry: index), key: "\(base).js.\(fileIndex)")
            }
            for (fileIndex, fileNode) in (entry["css"]?.array ?? []).enumerated() {
                noteFile(fileNode, role: .contentStyle(entry: index), key: "\(base).css.\(fileIndex)")
            }
            let allFrames = try geckoBool(entry["all_frames"], path: "\(base).all_frames")
            let matchAboutBlank = try geckoBool(entry["match_about_blank"], path: "\(base).match_about_blank")
            let matchOriginAsFallback = try geckoBool(
                entry["match_origin_as_fallback"], path: "\(base).match_origin_as_fallback"
            )
            let runAt = try geckoEnum(entry["run_at"], path: "\(base).run_at", default: ContentScriptEntry.RunAt.documentIdle)
            let world = try geckoEnum(entry["world"], path: "\(base).world", default: ContentScriptEntry.World.isolated)
            result.append(
                ContentScriptEntry(
                    flavor: .firefox, matches: MatchPatternSet(matches), excludeMatches: MatchPatternSet(excludeMatches),
                    includeGlobs: includeGlobs?.map { Glob($0, flavor: .firefox) },
                    excludeGlobs: excludeGlobs?.map { Glob($0, flavor: .firefox) }, js: js, css: css,
                    allFrames: allFrames, matchAboutBlank: matchAboutBlank,
                    matchOriginAsFallback: matchOriginAsFallback, runAt: runAt, world: world
                )
            )
        }
        return result
    }

    /// The schema's `MatchPattern` choices, as `ChoiceType` words a value that fits none of them.
    static func geckoMatchPatternChoicesMessage(_ pattern: String) -> String {
        "Value \(ManifestJSON.quoted(pattern)) must either: be one of [\"<all_urls>\"], must either ["
            + "match the pattern /^(https?|wss?|file|ftp|\\*):\\/\\/(\\*|\\*\\.[^*\\/]+|[^*\\/]+)\\/.*$/, "
            + "or match the pattern /^file:\\/\\/\\/.*$/], "
            + "or match the pattern /^resource:\\/\\/(\\*|\\*\\.[^*\\/]+|[^*\\/]+)\\/.*$|^about:/"
    }

    /// A non-empty array of match patterns (`minItems: 1`).
    func geckoPatternList(_ node: Node, path: String) throws(ManifestError) -> [MatchPattern] {
        guard let elements = node.array else {
            throw geckoTypeMismatch(expected: "array", node: node, path: path)
        }
        if elements.isEmpty {
            throw geckoFailure("Array requires at least 1 items; you have 0", path: path, at: node)
        }
        var patterns: [MatchPattern] = []
        for (index, element) in elements.enumerated() {
            let elementPath = "\(path).\(index)"
            guard let text = element.string else {
                throw geckoFailure(
                    "Value must either: be one of [\"<all_urls>\"], must either [be a string value, or be a string value], or be a string value",
                    path: elementPath, at: element
                )
            }
            do {
                patterns.append(try MatchPattern(text, flavor: .firefox, scope: .contentScripts))
            } catch {
                let schemaAccepts = text.hasPrefix("about:") || text.hasPrefix("resource://")
                let message = schemaAccepts
                    ? "\(error.message)" : ManifestParser.geckoMatchPatternChoicesMessage(text)
                throw geckoFailure(message, path: elementPath, at: element, hint: "\(error.reason) \(MatchPatternError.hint)")
            }
        }
        return patterns
    }

    func geckoStringList(_ node: Node?, path: String) throws(ManifestError) -> [String]? {
        guard let node else { return nil }
        guard let elements = node.array else {
            throw geckoTypeMismatch(expected: "array", node: node, path: path)
        }
        var list: [String] = []
        for (index, element) in elements.enumerated() {
            guard let text = element.string else {
                throw geckoTypeMismatch(expected: "string", node: element, path: "\(path).\(index)")
            }
            list.append(text)
        }
        return list
    }

    func geckoBool(_ node: Node?, path: String) throws(ManifestError) -> Bool {
        guard let node else { return false }
        guard let flag = node.bool else {
            throw geckoTypeMismatch(expected: "boolean", node: node, path: path)
        }
        return flag
    }

    func geckoEnum<Value: RawRepresentable & CaseIterable>(
        _ node: Node?, path: String, default defaultValue: Value
    ) throws(ManifestError) -> Value where Value.RawValue == String {
        guard let node else { return defaultValue }
        guard let text = node.string else {
            throw geckoTypeMismatch(expected: "string", node: node, path: path)
        }
        guard let value = Value(rawValue: text) else {
            let allowed = Value.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            throw geckoFailure(
                "Invalid enumeration value \(ManifestJSON.quoted(text))", path: path, at: node,
                hint: "Use one of \(allowed)."
            )
        }
        return value
    }

    /// `permissions` (`PermissionOrOrigin` in MV2, `Permission` in MV3) and MV3 `host_permissions`;
    /// entries that fail are warnings (`onError: "warn"`) and are dropped.
    mutating func geckoPermissions(manifestVersion: Int) throws(ManifestError) -> ([String], [MatchPattern]) {
        var permissions: [String] = []
        var hosts: [MatchPattern] = []
        if let node = root["permissions"] {
            guard let elements = node.array else {
                throw geckoTypeMismatch(expected: "array", node: node, path: "permissions")
            }
            for (index, element) in elements.enumerated() {
                guard let text = element.string else {
                    warn(
                        "Reading manifest: Warning processing permissions.\(index): Expected string instead of \(element.summary)"
                    )
                    continue
                }
                if ManifestParser.looksLikeHostPattern(text) {
                    if manifestVersion < 3, let pattern = try? MatchPattern(text, flavor: .firefox, scope: .hostPermissions) {
                        hosts.append(pattern)
                    } else {
                        warn(
                            "Reading manifest: Warning processing permissions.\(index): Invalid enumeration value \(ManifestJSON.quoted(text))"
                        )
                    }
                } else {
                    permissions.append(text)
                }
            }
        }
        if let node = root["host_permissions"] {
            if manifestVersion < 3 {
                warn(
                    "Reading manifest: Warning processing host_permissions: "
                        + "Property \"host_permissions\" is unsupported in Manifest Version 2"
                )
            } else {
                guard let elements = node.array else {
                    throw geckoTypeMismatch(expected: "array", node: node, path: "host_permissions")
                }
                for (index, element) in elements.enumerated() {
                    if let text = element.string,
                        let pattern = try? MatchPattern(text, flavor: .firefox, scope: .hostPermissions)
                    {
                        hosts.append(pattern)
                    } else {
                        warn(
                            "Reading manifest: Warning processing host_permissions.\(index): "
                                + ManifestParser.geckoMatchPatternChoicesMessage(element.string ?? element.summary)
                        )
                    }
                }
            }
        }
        return (permissions, hosts)
    }

    /// `action` (MV3) or `browser_action` (MV2); the other one is an unsupported property there.
    /// Whether the manifest has the version's action, and its popup (an empty `default_popup` is none).
    mutating func geckoAction(manifestVersion: Int) throws(ManifestError) -> (Bool, String?) {
        let (current, other, otherVersion) = manifestVersion >= 3
            ? ("action", "browser_action", 3) : ("browser_action", "action", 2)
        if root[other] != nil {
            warn(
                "Reading manifest: Warning processing \(other): "
                    + "Property \"\(other)\" is unsupported in Manifest Version \(otherVersion)"
            )
        }
        guard let node = root[current] else { return (false, nil) }
        guard node.members != nil else {
            throw geckoTypeMismatch(expected: "object", node: node, path: current)
        }
        guard let popupNode = node["default_popup"] else { return (true, nil) }
        guard let popup = popupNode.string else {
            throw geckoTypeMismatch(expected: "string", node: popupNode, path: "\(current).default_popup")
        }
        return (true, popup.isEmpty ? nil : popup)
    }
}
