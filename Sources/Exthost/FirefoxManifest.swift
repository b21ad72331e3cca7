import BrowserModel

/// What Firefox's `runtime.getManifest()` returns: the manifest normalised by Firefox's manifest
/// schema (every top-level key of the schema, `null` when absent, defaults filled in, script paths
/// made extension URLs), as recorded in fixtures/conformance/runtime-manifest-normalized.
/// Keys the normaliser does not know in depth keep the value the manifest gives them.
enum FirefoxManifest {
    /// The schema's top-level keys with the value Firefox gives them when the manifest has none.
    private static let topLevel: [(String, JSONValue)] = [
        ("action", .null), ("applications", .null), ("author", .null), ("background", .null),
        ("browser_specific_settings", .null), ("chrome_settings_overrides", .null), ("chrome_url_overrides", .null),
        ("commands", .null), ("content_scripts", .null), ("content_security_policy", .null),
        ("declarative_net_request", .null), ("default_locale", .null), ("description", .null), ("developer", .null),
        ("devtools_page", .null), ("experiment_apis", .null), ("granted_host_permissions", .bool(false)),
        ("hidden", .bool(false)), ("homepage_url", .null), ("host_permissions", .array([])), ("icons", .null),
        ("incognito", .string("spanning")), ("install_origins", .null), ("l10n_resources", .null),
        ("manifest_version", .null), ("minimum_chrome_version", .null), ("minimum_opera_version", .null),
        ("name", .null), ("omnibox", .null), ("optional_host_permissions", .array([])),
        ("optional_permissions", .array([])), ("options_page", .null), ("options_ui", .null), ("page_action", .null),
        ("permissions", .array([])), ("protocol_handlers", .null), ("short_name", .null), ("sidebar_action", .null),
        ("theme_experiment", .null), ("version", .null), ("web_accessible_resources", .null),
    ]

    /// The normalised manifest as JSON text, for an extension whose files are at `baseURL`.
    static func normalizedJSON(_ rawJSON: String, baseURL: String) -> String {
        guard let manifest = JSONValue.parse(rawJSON) else { return rawJSON }
        let url = { (path: JSONValue) -> JSONValue in
            guard let path = path.stringValue else { return path }
            return .string(baseURL + (path.hasPrefix("/") ? String(path.dropFirst()) : path))
        }
        let urls = { (value: JSONValue?) -> JSONValue in
            guard case .array(let items)? = value else { return value ?? .null }
            return .array(items.map(url))
        }
        let settings = manifest["browser_specific_settings"] ?? manifest["applications"]
        var result: [(String, JSONValue)] = []
        for (key, absent) in topLevel {
            var value = manifest[key] ?? absent
            switch key {
            case "applications", "browser_specific_settings":
                value = settings.map(normalizedSettings) ?? .null
            case "background":
                if let background = manifest["background"] {
                    value = .object([
                        ("page", background["page"].map(url) ?? .null), ("preferred_environment", background["preferred_environment"] ?? .null),
                        ("scripts", urls(background["scripts"])), ("service_worker", background["service_worker"].map(url) ?? .null),
                        ("type", background["type"] ?? .null),
                    ])
                }
            case "content_scripts":
                if case .array(let entries)? = manifest["content_scripts"] {
                    value = .array(entries.map { normalizedContentScript($0, urls: urls) })
                }
            default:
                break
            }
            result.append((key, value))
        }
        return JSONValue.object(result).jsonText
    }

    private static func normalizedContentScript(_ entry: JSONValue, urls: (JSONValue?) -> JSONValue) -> JSONValue {
        var fields: [(String, JSONValue)] = []
        fields.append(("all_frames", entry["all_frames"] ?? .null))
        fields.append(("css", urls(entry["css"])))
        fields.append(("css_origin", entry["css_origin"] ?? .string("author")))
        fields.append(("exclude_globs", entry["exclude_globs"] ?? .null))
        fields.append(("exclude_matches", entry["exclude_matches"] ?? .null))
        fields.append(("include_globs", entry["include_globs"] ?? .null))
        fields.append(("js", urls(entry["js"])))
        fields.append(("match_about_blank", entry["match_about_blank"] ?? .null))
        fields.append(("match_origin_as_fallback", entry["match_origin_as_fallback"] ?? .null))
        fields.append(("matches", entry["matches"] ?? .null))
        fields.append(("run_at", entry["run_at"] ?? .string("document_idle")))
        fields.append(("world", entry["world"] ?? .string("ISOLATED")))
        return .object(fields)
    }

    private static func normalizedSettings(_ settings: JSONValue) -> JSONValue {
        let gecko = settings["gecko"].map { gecko -> JSONValue in
            .object([
                ("admin_install_only", gecko["admin_install_only"] ?? .null),
                ("data_collection_permissions", gecko["data_collection_permissions"] ?? .null),
                ("id", gecko["id"] ?? .null), ("strict_max_version", gecko["strict_max_version"] ?? .null),
                ("strict_min_version", gecko["strict_min_version"] ?? .null), ("update_url", gecko["update_url"] ?? .null),
            ])
        }
        return .object([("gecko", gecko ?? .null), ("gecko_android", settings["gecko_android"] ?? .null)])
    }
}
