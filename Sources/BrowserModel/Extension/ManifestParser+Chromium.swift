import Foundation

// Chromium's manifest checks and messages (`Extension::InitFromValue`, the manifest handlers and
// `_manifest_features.json`), for ManifestParser.swift.
extension ManifestParser {
    mutating func parseChromium() throws(ManifestError) -> Manifest {
        guard root.members != nil else {
            throw failure("Manifest file is invalid", at: root, key: nil, hint: "The top level of manifest.json must be an object.")
        }

        var key: String?
        if let keyNode = root["key"] {
            guard let text = keyNode.string, ExtensionID.decodePublicKey(text) != nil else {
                throw failure(
                    "Value 'key' is missing or invalid.", at: keyNode, key: "key",
                    hint: "'key' must be the base64 text of the extension's DER-encoded public key."
                )
            }
            key = text
        }

        let manifestVersion = try chromiumManifestVersion()
        let name = try chromiumString("name", message: "Required value 'name' is missing or invalid.")
        if name.isEmpty {
            // Chromium refuses an empty name, but not one of spaces only (fixtures/manifests/name-empty).
            throw failure("Required value 'name' is missing or invalid.", at: root["name"], key: "name", hint: "Give the extension a name.")
        }
        let version = try chromiumVersion()

        var description: String?
        if let node = root["description"] {
            guard let text = node.string else {
                throw failure("Invalid value for 'description'.", at: node, key: "description")
            }
            description = text
        }
        var defaultLocale: String?
        if let node = root["default_locale"] {
            guard let text = node.string else {
                throw failure(
                    "Invalid value for default locale - locale name must be a string.", at: node, key: "default_locale"
                )
            }
            defaultLocale = text
        }

        let (permissions, hostPermissions) = try chromiumPermissions(manifestVersion: manifestVersion)
        let (declaredBackground, persistent) = try chromiumBackground(manifestVersion: manifestVersion)
        try chromiumIcons()
        let (hasAction, actionPopup) = try chromiumAction(manifestVersion: manifestVersion)
        let contentScripts = try chromiumContentScripts(manifestVersion: manifestVersion)
        chromiumOptionsPages()
        let externallyConnectable = try chromiumExternallyConnectable()

        return Manifest(
            flavor: .chrome, file: file, manifestVersion: manifestVersion, name: name, version: version,
            description: description, declaredBackground: declaredBackground, isPersistentBackground: persistent,
            contentScripts: contentScripts, hasAction: hasAction, permissions: permissions,
            hostPermissionPatterns: hostPermissions, key: key, geckoID: nil, defaultLocale: defaultLocale,
            fileReferences: fileReferences, rawJSON: ManifestJSON.serialize(root, sortingKeys: true), warnings: warnings,
            keyPositions: keyPositions, actionPopup: actionPopup, optionsPage: declaredOptionsPage(), devtoolsPage: declaredDevtoolsPage(),
            externallyConnectable: externallyConnectable
        )
    }

    /// Chrome's `Extension::LoadManifestVersion`.
    mutating func chromiumManifestVersion() throws(ManifestError) -> Int {
        let supported = "either 2 or 3"
        guard let node = root["manifest_version"] else {
            throw failure(
                "Missing 'manifest_version' key. Its value must be an integer \(supported). "
                    + "See developer.chrome.com/extensions/manifestVersion for details.",
                at: root, key: "manifest_version",
                hint: "Add \"manifest_version\": 3 to the top-level object."
            )
        }
        guard let value = ManifestParser.chromiumInteger(node), value >= 2 else {
            throw failure(
                "Invalid value for 'manifest_version'. Must be an integer \(supported). "
                    + "See developer.chrome.com/extensions/manifestVersion for details.",
                at: node, key: "manifest_version",
                hint: "Write the number 3 or 2, without quotes."
            )
        }
        if value > 3 {
            warn(
                "The maximum currently-supported manifest version is 3, but this is \(value).  "
                    + "Certain features may not work as expected."
            )
        } else if value == 2 {
            warn(
                "Manifest version 2 is deprecated, and support will be removed in 2023. "
                    + "See https://developer.chrome.com/blog/mv2-transition/ for more details."
            )
        }
        return value
    }

    /// The value when `node` is a number Chromium's JSON reader stores as an integer (integral text within Int32).
    static func chromiumInteger(_ node: Node) -> Int? {
        guard case .number(let number, let text) = node.value,
            !text.contains("."), !text.contains("e"), !text.contains("E"),
            number >= Double(Int32.min), number <= Double(Int32.max)
        else { return nil }
        return Int(number)
    }

    func chromiumString(_ name: String, message: String) throws(ManifestError) -> String {
        guard let node = root[name] else {
            throw failure(message, at: root, key: name)
        }
        guard let text = node.string else {
            throw failure(message, at: node, key: name)
        }
        return text
    }

    /// Chrome's `Extension::LoadVersion` with `base::Version`.
    func chromiumVersion() throws(ManifestError) -> String {
        let message = "Required value 'version' is missing or invalid. It must be between 1-4 dot-separated "
            + "integers each between 0 and 65536."
        let text = try chromiumString("version", message: message)
        guard ManifestParser.isChromiumVersion(text) else {
            throw failure(message, at: root["version"], key: "version")
        }
        return text
    }

    /// Whether `text` is a `base::Version` of 1–4 parts, each an unsigned 32-bit number (no leading zero in the
    /// first part). Chromium's message says "between 0 and 65536", but Chromium 156 loads `1.65536` and refuses
    /// `1.4294967296` (fixtures/manifests/version-above-65535, version-above-uint32).
    static func isChromiumVersion(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard !parts.isEmpty, parts.count <= 4 else { return false }
        for (index, part) in parts.enumerated() {
            guard !part.isEmpty, part.utf8.allSatisfy({ (48...57).contains($0) }), let value = UInt32(part) else {
                return false
            }
            if index == 0, String(value) != part { return false }
        }
        return true
    }

    /// Whether `text` looks like a host pattern rather than an API permission name.
    static func looksLikeHostPattern(_ text: String) -> Bool {
        text == MatchPattern.allURLsText || text.contains(":")
    }

    /// Chrome's `PermissionsParser`: API names and (MV2) host patterns from `permissions`, MV3 `host_permissions`.
    mutating func chromiumPermissions(manifestVersion: Int) throws(ManifestError)
        -> ([String], [MatchPattern])
    {
        var permissions: [String] = []
        var hosts: [MatchPattern] = []
        if let node = root["permissions"] {
            guard let entries = node.array else {
                throw failure("Invalid value for 'permissions'.", at: node, key: "permissions")
            }
            for (index, entry) in entries.enumerated() {
                guard let text = entry.string else {
                    throw failure("Invalid value for 'permissions[\(index)]'.", at: entry, key: "permissions[\(index)]")
                }
                if ManifestParser.looksLikeHostPattern(text) {
                    if manifestVersion < 3, let pattern = try? MatchPattern(text, flavor: .chrome, scope: .hostPermissions) {
                        hosts.append(pattern)
                    } else {
                        warn("Permission '\(text)' is unknown or URL pattern is malformed.")
                    }
                } else {
                    permissions.append(text)
                }
            }
        }
        if let node = root["host_permissions"] {
            if manifestVersion < 3 {
                warn("'host_permissions' requires manifest version of at least 3.")
            } else {
                guard let entries = node.array else {
                    throw failure("Invalid value for 'host_permissions'.", at: node, key: "host_permissions")
                }
                for (index, entry) in entries.enumerated() {
                    guard let text = entry.string else {
                        throw failure(
                            "Invalid value for 'host_permissions[\(index)]'.", at: entry, key: "host_permissions[\(index)]"
                        )
                    }
                    if let pattern = try? MatchPattern(text, flavor: .chrome, scope: .hostPermissions) {
                        hosts.append(pattern)
                    } else {
                        warn("Permission '\(text)' is unknown or URL pattern is malformed.")
                    }
                }
            }
        }
        return (permissions, hosts)
    }

    /// Chrome's `BackgroundInfo::Parse`, after `_manifest_features.json` has hidden MV2-only keys from MV3.
    mutating func chromiumBackground(manifestVersion: Int) throws(ManifestError)
        -> (DeclaredBackground?, Bool)
    {
        guard let background = root["background"], background.members != nil else {
            return (nil, false)
        }
        var scriptsNode = background["scripts"]
        var pageNode = background["page"]
        var persistentNode = background["persistent"]
        if manifestVersion >= 3 {
            for (name, node) in [("scripts", scriptsNode), ("page", pageNode), ("persistent", persistentNode)]
            where node != nil {
                warn("'background.\(name)' requires manifest version of 2 or lower.")
            }
            scriptsNode = nil
            pageNode = nil
            persistentNode = nil
        }

        var scripts: [String]?
        if let scriptsNode {
            guard let entries = scriptsNode.array else {
                throw failure("Invalid value for 'background.scripts'.", at: scriptsNode, key: "background.scripts")
            }
            var list: [String] = []
            for (index, entry) in entries.enumerated() {
                guard let text = entry.string, !text.isEmpty, ExtensionResourcePath.chromiumFilePath(text) != nil else {
                    throw failure(
                        "Invalid value for 'background.scripts[\(index)]'.", at: entry,
                        key: "background.scripts[\(index)]",
                        hint: entry.string.map { _ in "A background script must be a file inside the extension directory." }
                    )
                }
                list.append(text)
                noteFile(entry, role: .backgroundScript, key: "background.scripts[\(index)]")
            }
            scripts = list
        }
        var page: String?
        if let pageNode {
            guard let text = pageNode.string else {
                throw failure("Invalid value for 'background_page'.", at: pageNode, key: "background.page")
            }
            page = text
            noteFile(pageNode, role: .backgroundPage, key: "background.page")
        }
        var serviceWorker: String?
        var isModule = false
        if let workerNode = background["service_worker"] {
            guard let text = workerNode.string, !text.isEmpty else {
                throw failure(
                    "Invalid value for 'background.service_worker'.", at: workerNode, key: "background.service_worker",
                    hint: workerNode.string.map { _ in "Name the service worker's script file, e.g. \"bg.js\"." }
                )
            }
            serviceWorker = text
            noteFile(workerNode, role: .serviceWorker, key: "background.service_worker")
            if let typeNode = background["type"] {
                guard let type = typeNode.string, type == "classic" || type == "module" else {
                    throw failure("Invalid value for 'background.type'.", at: typeNode, key: "background.type")
                }
                isModule = type == "module"
            }
        }
        let hasPage = page != nil || !(scripts ?? []).isEmpty
        var persistent: Bool?
        if let persistentNode {
            guard let flag = persistentNode.bool else {
                throw failure(
                    "Invalid value for 'background.persistent'.", at: persistentNode, key: "background.persistent"
                )
            }
            guard hasPage else {
                throw failure(
                    "Must specify one of background.page or background.scripts to use background.persistent.",
                    at: persistentNode, key: "background.persistent"
                )
            }
            persistent = flag
        }
        let declared = [page != nil, !(scripts ?? []).isEmpty, serviceWorker != nil].filter { $0 }.count
        if declared > 1 {
            throw failure(
                "Only one of 'background.page', 'background.scripts', and 'background.service_worker' can be specified.",
                at: background, key: "background",
                hint: "Keep one of them; in Manifest V3, use 'background.service_worker'."
            )
        }
        let declaredBackground = DeclaredBackground(
            scripts: scripts, page: page, serviceWorker: serviceWorker, isModule: isModule, persistent: persistent
        )
        return (declaredBackground, hasPage && serviceWorker == nil && (persistent ?? true))
    }

    /// Chrome's content script parsing (`ContentScriptsHandler`, `script_parsing::ParseMatchPatterns`, …).
    mutating func chromiumContentScripts(manifestVersion: Int) throws(ManifestError) -> [ContentScriptEntry] {
        guard let node = root["content_scripts"] else { return [] }
        guard let entries = node.array else {
            throw failure("Invalid value for 'content_scripts'.", at: node, key: "content_scripts")
        }
        var result: [ContentScriptEntry] = []
        for (index, entry) in entries.enumerated() {
            let base = "content_scripts[\(index)]"
            guard entry.members != nil else {
                throw failure("Invalid value for '\(base)'.", at: entry, key: base)
            }
            guard let matchNodes = entry["matches"]?.array, matchNodes.allSatisfy({ $0.string != nil }) else {
                throw failure(
                    "Required value '\(base).matches' is missing or invalid.", at: entry["matches"] ?? entry,
                    key: "\(base).matches"
                )
            }
            if matchNodes.isEmpty {
                throw failure(
                    "Invalid value for '\(base).matches'. There must be at least one match specified.",
                    at: entry["matches"], key: "\(base).matches"
                )
            }
            var matches: [MatchPattern] = []
            for (matchIndex, matchNode) in matchNodes.enumerated() {
                do {
                    matches.append(try MatchPattern(matchNode.string!, flavor: .chrome, scope: .contentScripts))
                } catch {
                    throw failure(
                        "Invalid value for '\(base).matches[\(matchIndex)]': \(error.reason)", at: matchNode,
                        key: "\(base).matches[\(matchIndex)]", hint: MatchPatternError.hint
                    )
                }
            }
            var excludeMatches: [MatchPattern] = []
            if let excludeNode = entry["exclude_matches"] {
                guard let excludeNodes = excludeNode.array, excludeNodes.allSatisfy({ $0.string != nil }) else {
                    throw failure(
                        "Invalid value for '\(base).exclude_matches'.", at: excludeNode, key: "\(base).exclude_matches"
                    )
                }
                for (excludeIndex, patternNode) in excludeNodes.enumerated() {
                    do {
                        excludeMatches.append(
                            try MatchPattern(patternNode.string!, flavor: .chrome, scope: .contentScripts)
                        )
                    } catch {
                        throw failure(
                            "Invalid value for '\(base).exclude_matches[\(excludeIndex)]': \(error.reason)",
                            at: patternNode, key: "\(base).exclude_matches[\(excludeIndex)]", hint: MatchPatternError.hint
                        )
                    }
                }
            }
            let includeGlobs = try chromiumStringList(entry, "include_globs", base: base)
            let excludeGlobs = try chromiumStringList(entry, "exclude_globs", base: base)
            let js = try chromiumStringList(entry, "js", base: base) ?? []
            let css = try chromiumStringList(entry, "css", base: base) ?? []
            for (fileIndex, fileNode) in (entry["js"]?.array ?? []).enumerated() {
                noteFile(fileNode, role: .contentScript(entry: index), key: "\(base).js[\(fileIndex)]")
            }
            for (fileIndex, fileNode) in (entry["css"]?.array ?? []).enumerated() {
                noteFile(fileNode, role: .contentStyle(entry: index), key: "\(base).css[\(fileIndex)]")
            }
            if js.isEmpty, css.isEmpty {
                throw failure(
                    "At least one js or css file is required for '\(base)'.", at: entry, key: base
                )
            }
            let runAt = try chromiumEnum(entry, "run_at", base: base, default: ContentScriptEntry.RunAt.documentIdle)
            let allFrames = try chromiumBool(entry, "all_frames", base: base)
            let matchAboutBlank = try chromiumBool(entry, "match_about_blank", base: base)
            let matchOriginAsFallback = try chromiumBool(entry, "match_origin_as_fallback", base: base)
            if matchOriginAsFallback {
                for (matchIndex, pattern) in matches.enumerated() where !pattern.isAllURLs && pattern.path != "/*" {
                    throw failure(
                        "The path component for scripts that set 'match_origin_as_fallback' to true must be '/*'.",
                        at: matchNodes[matchIndex], key: "\(base).matches[\(matchIndex)]"
                    )
                }
            }
            if entry["world"] != nil, manifestVersion < 3 {
                throw failure(
                    "The 'world' property is restricted to extensions with 'manifest_version' set to 3 or higher.",
                    at: entry["world"], key: "\(base).world"
                )
            }
            let world = try chromiumEnum(entry, "world", base: base, default: ContentScriptEntry.World.isolated)
            result.append(
                ContentScriptEntry(
                    flavor: .chrome, matches: MatchPatternSet(matches), excludeMatches: MatchPatternSet(excludeMatches),
                    includeGlobs: includeGlobs?.map { Glob($0, flavor: .chrome) },
                    excludeGlobs: excludeGlobs?.map { Glob($0, flavor: .chrome) }, js: js, css: css,
                    allFrames: allFrames, matchAboutBlank: matchAboutBlank,
                    matchOriginAsFallback: matchOriginAsFallback, runAt: runAt, world: world
                )
            )
        }
        return result
    }

    func chromiumStringList(_ entry: Node, _ name: String, base: String) throws(ManifestError) -> [String]? {
        guard let node = entry[name] else { return nil }
        guard let elements = node.array, elements.allSatisfy({ $0.string != nil }) else {
            throw failure("Invalid value for '\(base).\(name)'.", at: node, key: "\(base).\(name)")
        }
        return elements.map { $0.string! }
    }

    func chromiumBool(_ entry: Node, _ name: String, base: String) throws(ManifestError) -> Bool {
        guard let node = entry[name] else { return false }
        guard let flag = node.bool else {
            throw failure("Invalid value for '\(base).\(name)'.", at: node, key: "\(base).\(name)")
        }
        return flag
    }

    func chromiumEnum<Value: RawRepresentable & CaseIterable>(
        _ entry: Node, _ name: String, base: String, default defaultValue: Value
    ) throws(ManifestError) -> Value where Value.RawValue == String {
        guard let node = entry[name] else { return defaultValue }
        guard let text = node.string, let value = Value(rawValue: text) else {
            let allowed = Value.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            throw failure(
                "Invalid value for '\(base).\(name)'.", at: node, key: "\(base).\(name)", hint: "Use one of \(allowed)."
            )
        }
        return value
    }

    /// `action` (MV3) or `browser_action` (MV2); the other one is hidden by `_manifest_features.json`.
    /// Chrome's `ActionHandler`: whether the manifest has the version's action, and its popup (an
    /// empty `default_popup` is none).
    mutating func chromiumAction(manifestVersion: Int) throws(ManifestError) -> (Bool, String?) {
        let (current, other, otherRule) = manifestVersion >= 3
            ? ("action", "browser_action", "requires manifest version of 2 or lower.")
            : ("browser_action", "action", "requires manifest version of at least 3.")
        if root[other] != nil {
            warn("'\(other)' \(otherRule)")
        }
        guard let node = root[current] else { return (false, nil) }
        guard node.members != nil else {
            throw failure("Invalid value for '\(current)'.", at: node, key: current)
        }
        var popup: String?
        if let popupNode = node["default_popup"] {
            guard let path = popupNode.string else {
                throw failure("Invalid value for 'default_popup'.", at: popupNode, key: "\(current).default_popup")
            }
            popup = path.isEmpty ? nil : path
        }
        if let iconNode = node["default_icon"] {
            let key = "\(current).default_icon"
            if iconNode.members != nil {
                // The one-size-per-key form is read as `icons` is, with the same messages.
                try chromiumIconSet(iconNode, key: key) { size in .actionIcon(size: size) }
            } else {
                guard let path = iconNode.string, ManifestParser.isChromiumIconPath(path) else {
                    throw failure(
                        "Invalid value for 'default_icon'.", at: iconNode, key: key,
                        hint: "An icon must be a file inside the extension directory."
                    )
                }
                noteFile(iconNode, role: .actionIcon(size: nil), key: key)
            }
        }
        return (true, popup)
    }

    /// Chrome's `IconsHandler`: `icons` maps sizes to files inside the extension (checked in size order).
    mutating func chromiumIcons() throws(ManifestError) {
        guard let node = root["icons"] else { return }
        guard node.members != nil else {
            throw failure("Invalid value for 'icons'.", at: node, key: "icons")
        }
        try chromiumIconSet(node, key: "icons") { size in .icon(size: size) }
    }

    /// `manifest_handler_helpers::LoadIconsFromDictionary`: each key a size, each value a path that
    /// `NormalizeAndValidatePath` accepts (not empty, no `..` part).
    mutating func chromiumIconSet(
        _ node: Node, key: String, role: (Int) -> ManifestFileReference.Role
    ) throws(ManifestError) {
        var sized: [(Int, Node, String)] = []
        for member in node.members ?? [] {
            guard let size = Int(member.key), size >= 0, member.key.utf8.allSatisfy({ (48...57).contains($0) }) else {
                throw failure(
                    "Invalid key in icons: \(ManifestJSON.quoted(member.key)).", at: member.value, key: "\(key).\(member.key)",
                    hint: "Icon keys are sizes in pixels, such as \"16\" or \"48\"."
                )
            }
            guard let path = member.value.string, ManifestParser.isChromiumIconPath(path) else {
                throw failure(
                    "Invalid value for 'icons[\(ManifestJSON.quoted(member.key))]'.", at: member.value,
                    key: "\(key).\(member.key)", hint: "An icon must be a file inside the extension directory."
                )
            }
            sized.append((size, member.value, member.key))
        }
        for (size, valueNode, name) in sized.sorted(by: { $0.0 < $1.0 }) {
            noteFile(valueNode, role: role(size), key: "\(key).\(name)")
        }
    }

    /// Whether Chromium's `NormalizeAndValidatePath` accepts an icon path: not empty, no `..` part.
    static func isChromiumIconPath(_ path: String) -> Bool {
        guard let relative = ExtensionResourcePath.chromiumFilePath(path) else { return false }
        return !relative.isEmpty
    }

    /// `options_page` and `options_ui.page`, checked by Chromium once the extension's files are read.
    mutating func chromiumOptionsPages() {
        if let node = root["options_ui"]?["page"] {
            noteFile(node, role: .optionsPage, key: "options_ui.page")
        }
        if let node = root["options_page"] {
            noteFile(node, role: .optionsPage, key: "options_page")
        }
    }
}
