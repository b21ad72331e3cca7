import BrowserModel
import Foundation

/// `management` on the Swift side (js/59_management.js; recorded: fixtures/conformance/
/// management-basics, management-set-enabled): each extension as each browser describes it
/// (`ExtensionInfo`), the list of them, and the changes one extension may make to another.
///
/// - Chromium (`management_api.cc`, `CreateExtensionInfo`): the members of a sorted dictionary;
///   every extension the profile has, sorted by id; `setEnabled` disables and enables another
///   extension; other extensions with the permission hear `onEnabled` then `onInstalled` when one
///   is installed, `onDisabled` when one is disabled, or uninstalled (recorded: no `onUninstalled`
///   came within 1.5 s of an uninstall).
/// - Firefox (`ext-management.js`, `getExtensionInfoForAddon`): its members in that function's
///   order, the loaded extension's permissions, host permissions (with its own URL's pattern),
///   short name and icons only while it is loaded; the add-on manager's list: its four built-in
///   themes, then the extensions in the order they were installed; `setEnabled` only for themes;
///   every extension with the permission, the new one too, hears `onInstalled`, and
///   `onUninstalled` with what is left of the extension's description.
enum ManagementAPI {
    static func register(in api: ExtensionAPI) {
        let contexts: Set<ContextKind> = [.background, .page]
        api.define("management.getSelf", contexts: contexts) { host, request in
            request.respond(info(of: request.instance, in: host))
        }
        api.define("management.get", contexts: contexts) { host, request in
            let id = request.argument(0)?.stringValue ?? ""
            guard let instance = host.installedExtension(id) else {
                request.fail(notFound(id, flavor: host.options.flavor))
                return
            }
            request.respond(info(of: instance, in: host))
        }
        api.define("management.getAll", contexts: contexts) { host, request in
            let infos = host.installedExtensions.map { info(of: $0, in: host) }
            request.respond(.array((host.options.flavor == .firefox ? firefoxThemes : []) + infos))
        }
        api.define("management.setEnabled", contexts: contexts) { host, request in
            let id = request.argument(0)?.stringValue ?? ""
            let enabled = request.argument(1) == .bool(true)
            guard let instance = host.installedExtension(id) else {
                request.fail(notFound(id, flavor: host.options.flavor))
                return
            }
            guard host.options.flavor == .chrome else {
                // (Firefox's add-ons of other kinds than themes stay as they are.)
                request.fail("setEnabled can only be used for themes or by addons installed by enterprise policy")
                return
            }
            // (In the browser's process, a hop later: never inside the caller's own call, which a
            // disable of its own extension closes. The other extensions hear of it before the
            // caller's answer: recorded.)
            host.crossProcess { [weak host, weak instance] in
                guard let host, let instance else { return }
                if enabled { host.enableExtension(instance) } else { host.disableExtension(instance) }
                host.crossProcess { request.respond() }
            }
        }
        api.define("management.uninstallSelf", contexts: contexts) { host, request in
            // (Without a dialog, or with one a person accepted: exthost has no person to ask. A hop
            // later, in the browser's process, not inside the caller's own call; the caller is gone
            // before an answer could reach it.)
            let instance = request.instance
            host.crossProcess { [weak host, weak instance] in
                guard let host, let instance else { return }
                host.uninstallExtension(instance)
            }
        }
        api.define("management.uninstall", contexts: contexts) { host, request in
            let id = request.argument(0)?.stringValue ?? ""
            guard let instance = host.installedExtension(id) else {
                request.fail(notFound(id, flavor: host.options.flavor))
                return
            }
            // (The other extensions hear of it before the caller's answer, as for setEnabled.)
            host.crossProcess { [weak host, weak instance] in
                guard let host, let instance else { return }
                host.uninstallExtension(instance)
                host.crossProcess { request.respond() }
            }
        }
    }

    /// The browser's error for an id no installed extension has.
    static func notFound(_ id: String, flavor: Flavor) -> String {
        flavor == .chrome ? "Failed to find extension with id \(id)." : "No such addon \(id)"
    }

    /// `instance`'s `ExtensionInfo` as its browser gives it now (`enabled`: as if it were, or not).
    static func info(of instance: ExtensionInstance, in host: ExtensionHost, enabled: Bool? = nil) -> JSONValue {
        let enabled = enabled ?? !host.isDisabled(instance)
        let manifest = JSONValue.parse(instance.localizedManifestJSON) ?? .object([])
        func string(_ key: String) -> String? { manifest[key]?.stringValue }
        let optionsURL = instance.manifest.optionsPage.map { instance.url(of: $0.path) } ?? ""
        let icons: [(size: Int, path: String)] = {
            guard case .object(let members)? = manifest["icons"] else { return [] }
            return members.compactMap { key, value in
                guard let size = Int(key), let path = value.stringValue else { return nil }
                return (size, path)
            }
        }()
        let permissions = instance.manifest.permissions.filter { !$0.contains("://") && $0 != MatchPattern.allURLsText }
        switch host.options.flavor {
        case .chrome:
            let id = instance.id.runtimeID
            var fields: [(String, JSONValue)] = [("description", .string(string("description") ?? ""))]
            if !enabled { fields.append(("disabledReason", .string("unknown"))) }
            fields.append(("enabled", .bool(enabled)))
            fields.append(("homepageUrl", .string(string("homepage_url") ?? "")))
            fields.append(("hostPermissions", .array(Set(instance.manifest.hostPermissions).sorted().map(JSONValue.string))))
            if !icons.isEmpty {
                fields.append(("icons", .array(icons.sorted { $0.size < $1.size }.map {
                    .object([("size", .int($0.size)), ("url", .string("chrome://extension-icon/\(id)/\($0.size)/0"))])
                })))
            }
            fields.append(("id", .string(id)))
            fields.append(("installType", .string("development")))
            fields.append(("isApp", .bool(false)))
            fields.append(("mayDisable", .bool(true)))
            if !enabled { fields.append(("mayEnable", .bool(true))) }
            fields.append(("name", .string(string("name") ?? instance.manifest.name)))
            fields.append(("offlineEnabled", .bool(manifest["offline_enabled"] == .bool(true))))
            fields.append(("optionsUrl", .string(optionsURL)))
            // (Chromium lists its API permissions by their ids' order; exthost sorts them by name.)
            fields.append(("permissions", .array(Array(Set(permissions)).sorted().map(JSONValue.string))))
            fields.append(("shortName", .string(string("short_name") ?? string("name") ?? instance.manifest.name)))
            fields.append(("type", .string("extension")))
            if let update = string("update_url") { fields.append(("updateUrl", .string(update))) }
            fields.append(("version", .string(instance.manifest.version)))
            fields.append(("versionName", .string(string("version_name") ?? "")))
            return .object(fields)
        case .firefox:
            var fields = firefoxAddonFields(of: instance, manifest: manifest, enabled: enabled, optionsURL: optionsURL)
            if enabled {
                var hosts: [String] = []
                for pattern in instance.hostPatterns.map(\.pattern) + [instance.id.baseURL + "*"] where !hosts.contains(pattern) { hosts.append(pattern) }
                var listed: [String] = []
                for permission in permissions where !listed.contains(permission) { listed.append(permission) }
                fields.insert(contentsOf: [
                    ("permissions", .array(listed.map(JSONValue.string))),
                    ("hostPermissions", .array(hosts.map(JSONValue.string))),
                    ("shortName", .string(string("short_name") ?? "")),
                ], at: 9)
                if !icons.isEmpty {
                    fields.insert(("icons", .array(icons.map { .object([("size", .int($0.size)), ("url", .string(instance.url(of: $0.path)))]) })), at: 12)
                }
            }
            return .object(fields)
        }
    }

    /// Firefox's description of the add-on itself, without what only a loaded extension has.
    static func firefoxAddonFields(of instance: ExtensionInstance, manifest: JSONValue, enabled: Bool, optionsURL: String) -> [(String, JSONValue)] {
        var fields: [(String, JSONValue)] = [
            ("id", .string(instance.id.runtimeID)),
            ("name", .string(manifest["name"]?.stringValue ?? instance.manifest.name)),
            ("description", .string(manifest["description"]?.stringValue ?? "")),
            ("version", .string(instance.manifest.version)),
            ("mayDisable", .bool(true)),
            ("enabled", .bool(enabled)),
            ("optionsUrl", .string(optionsURL)),
            ("installType", .string("development")),
            ("type", .string("extension")),
        ]
        if !enabled { fields.append(("disabledReason", .string("unknown"))) }
        let homepage = manifest["homepage_url"]?.stringValue ?? manifest["developer"]?["url"]?.stringValue
        if let homepage { fields.append(("homepageUrl", .string(homepage))) }
        let settings = manifest["browser_specific_settings"] ?? manifest["applications"]
        if let update = settings?["gecko"]?["update_url"]?.stringValue { fields.append(("updateUrl", .string(update))) }
        return fields
    }

    /// What Firefox says of an extension that was just uninstalled (`onUninstalled`).
    static func firefoxUninstalledInfo(of instance: ExtensionInstance) -> JSONValue {
        let manifest = JSONValue.parse(instance.localizedManifestJSON) ?? .object([])
        let optionsURL = instance.manifest.optionsPage.map { instance.url(of: $0.path) } ?? ""
        return .object(firefoxAddonFields(of: instance, manifest: manifest, enabled: true, optionsURL: optionsURL))
    }

    /// Firefox ESR 153's built-in themes, first in its add-ons list (recorded: management-basics).
    static let firefoxThemes: [JSONValue] = [
        #"{"id":"default-theme@mozilla.org","name":"System theme — auto","description":"Follow the operating system setting for buttons, menus, and windows.","version":"1.4.2","mayDisable":false,"enabled":true,"optionsUrl":"","installType":"normal","type":"theme","permissions":["internal:privateBrowsingAllowed","internal:svgContextPropertiesAllowed"],"hostPermissions":[],"shortName":"","icons":[{"size":32,"url":"icon.svg"}]}"#,
        #"{"id":"firefox-compact-light@mozilla.org","name":"Light","description":"A theme with a light color scheme.","version":"1.3.4","mayDisable":false,"enabled":false,"optionsUrl":"","installType":"normal","type":"theme","disabledReason":"unknown"}"#,
        #"{"id":"firefox-compact-dark@mozilla.org","name":"Dark","description":"A theme with a dark color scheme.","version":"1.3.4","mayDisable":false,"enabled":false,"optionsUrl":"","installType":"normal","type":"theme","disabledReason":"unknown"}"#,
        #"{"id":"firefox-alpenglow@mozilla.org","name":"Firefox Alpenglow","description":"Use a colorful appearance for buttons, menus, and windows.","version":"1.5.3","mayDisable":false,"enabled":false,"optionsUrl":"","installType":"normal","type":"theme","disabledReason":"unknown"}"#,
    ].map(JSONValue.encoded)
}
