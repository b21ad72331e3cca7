import BrowserModel
import JSEngine

/// `permissions` on the Swift side (js/59_permissions.js; recorded: fixtures/conformance/
/// permissions-basics): what an extension holds (its manifest's API and host permissions, and the
/// optional ones granted since), whether it holds some, granting optional ones (`request`, the
/// prompt answered yes) and taking them back (`remove`), with `onAdded` and `onRemoved`.
///
/// Chromium lists its permissions and origins sorted, and refuses to remove a required one;
/// Firefox lists them in the manifest's order (with its `data_collection`), and answers true to
/// the removal of a required one, which stays.
enum PermissionsAPI {
    static func register(in api: ExtensionAPI) {
        let contexts: Set<ContextKind> = [.background, .page]
        api.define("permissions.getAll", contexts: contexts) { host, request in
            request.respond(held(by: request.instance, flavor: host.options.flavor))
        }
        api.define("permissions.contains", contexts: contexts) { host, request in
            let (names, origins) = asked(request)
            let instance = request.instance
            let holds = names.allSatisfy { heldNames(of: instance).contains($0) }
                && origins.allSatisfy { covers(instance.hostPatterns, $0, flavor: host.options.flavor) }
            request.respond(.bool(holds))
        }
        api.define("permissions.request", contexts: contexts) { host, request in
            let flavor = host.options.flavor
            let (names, origins) = asked(request)
            let instance = request.instance
            let optional = optionalPermissions(of: instance)
            for name in names where !heldNames(of: instance).contains(name) && !optional.names.contains(name) {
                return request.fail(flavor == .chrome ? "Only permissions specified in the manifest may be requested."
                    : "Cannot request permission \(name) since it was not declared in optional_permissions")
            }
            let optionalPatterns = optional.origins.compactMap { try? MatchPattern($0, flavor: flavor, scope: .hostPermissions) }
            for origin in origins where !covers(instance.hostPatterns, origin, flavor: flavor) && !covers(optionalPatterns, origin, flavor: flavor) {
                return request.fail(flavor == .chrome ? "Only permissions specified in the manifest may be requested."
                    : "Cannot request origin permission for \(origin) since it was not declared in the manifest")
            }
            // (The prompt: exthost has no person to ask, and answers yes.)
            let newNames = names.filter { !heldNames(of: instance).contains($0) }
            let newOrigins = origins.filter { !covers(instance.hostPatterns, $0, flavor: flavor) }
            instance.grantedPermissions += newNames
            instance.grantedOriginPatterns += newOrigins.compactMap { try? MatchPattern($0, flavor: flavor, scope: .hostPermissions) }
            // (The extension hears of the change before the answer, as the browsers tell it as they grant.)
            if !newNames.isEmpty || !newOrigins.isEmpty { announce("permissions.onAdded", names: newNames, origins: newOrigins, of: instance, in: host) }
            host.crossProcess { request.respond(.bool(true)) }
        }
        api.define("permissions.remove", contexts: contexts) { host, request in
            let flavor = host.options.flavor
            let (names, origins) = asked(request)
            let instance = request.instance
            let requiredNames = declaredNames(of: instance)
            let requiredOrigins = instance.declaredHostPatterns.map(\.pattern)
            if flavor == .chrome, names.contains(where: requiredNames.contains) || origins.contains(where: requiredOrigins.contains) {
                return request.fail("You cannot remove required permissions.")
            }
            let removedNames = names.filter(instance.grantedPermissions.contains)
            let removedOrigins = origins.filter { origin in instance.grantedOriginPatterns.contains { $0.pattern == origin } }
            instance.grantedPermissions.removeAll(where: removedNames.contains)
            instance.grantedOriginPatterns.removeAll { removedOrigins.contains($0.pattern) }
            if !removedNames.isEmpty || !removedOrigins.isEmpty { announce("permissions.onRemoved", names: removedNames, origins: removedOrigins, of: instance, in: host) }
            host.crossProcess { request.respond(.bool(true)) }
        }
        // (Chromium's words for an origin its match pattern parser refuses; null for a good one.)
        api.defineSync("permissions.patternError", contexts: contexts) { host, arguments, _ in
            guard let origin = arguments[0]?.stringValue else { return .success(.null) }
            do throws(MatchPatternError) {
                _ = try MatchPattern(origin, flavor: host.options.flavor, scope: .hostPermissions)
                return .success(.null)
            } catch {
                return .success(.string(error.reason))
            }
        }
    }

    /// The names and origins a call asks about (js/59_permissions.js checked them).
    private static func asked(_ request: APIRequest) -> (names: [String], origins: [String]) {
        let value = request.argument(0)
        func strings(_ key: String) -> [String] {
            guard case .array(let items)? = value?[key] else { return [] }
            return items.compactMap(\.stringValue)
        }
        return (strings("permissions"), strings("origins"))
    }

    /// The API permissions the manifest declares (not its host permissions).
    private static func declaredNames(of instance: ExtensionInstance) -> [String] {
        instance.manifest.permissions.filter { !$0.contains("://") && $0 != MatchPattern.allURLsText }
    }

    /// Every API permission `instance` holds.
    private static func heldNames(of instance: ExtensionInstance) -> [String] {
        declaredNames(of: instance) + instance.grantedPermissions
    }

    /// The manifest's `optional_permissions` (API names; in manifest version 2 origins too) and
    /// `optional_host_permissions`.
    private static func optionalPermissions(of instance: ExtensionInstance) -> (names: [String], origins: [String]) {
        let manifest = JSONValue.parse(instance.manifest.rawJSON)
        func strings(_ key: String) -> [String] {
            guard case .array(let items)? = manifest?[key] else { return [] }
            return items.compactMap(\.stringValue)
        }
        let optional = strings("optional_permissions")
        let isOrigin = { (text: String) in text.contains("://") || text == MatchPattern.allURLsText }
        return (optional.filter { !isOrigin($0) }, optional.filter(isOrigin) + strings("optional_host_permissions"))
    }

    /// `getAll`'s answer in `flavor`.
    private static func held(by instance: ExtensionInstance, flavor: Flavor) -> JSONValue {
        var names: [String] = []
        for name in heldNames(of: instance) where !names.contains(name) { names.append(name) }
        var origins: [String] = []
        for pattern in instance.hostPatterns.map(\.pattern) where !origins.contains(pattern) { origins.append(pattern) }
        switch flavor {
        case .chrome:
            return .object([("origins", .array(origins.sorted().map(JSONValue.string))), ("permissions", .array(names.sorted().map(JSONValue.string)))])
        case .firefox:
            return .object([("origins", .array(origins.map(JSONValue.string))), ("data_collection", .array([])),
                            ("permissions", .array(names.map(JSONValue.string)))])
        }
    }

    /// Whether `patterns` hold `origin`: one of them is it, or matches every URL it names (a pattern
    /// without wildcards names the URL it spells).
    static func covers(_ patterns: [MatchPattern], _ origin: String, flavor: Flavor) -> Bool {
        if patterns.contains(where: { $0.pattern == origin || $0.isAllURLs }) { return true }
        guard !origin.contains("*"), origin != MatchPattern.allURLsText else { return false }
        return patterns.contains { $0.matches(origin) }
    }

    /// Fires `permissions.onAdded` or `onRemoved` in the extension's background and pages.
    private static func announce(_ event: String, names: [String], origins: [String], of instance: ExtensionInstance, in host: ExtensionHost) {
        let details = JSONValue.object([("permissions", .array(names.map(JSONValue.string))), ("origins", .array(origins.map(JSONValue.string)))])
        host.crossProcess { [weak host, weak instance] in
            guard let host, let instance else { return }
            for context in host.eventContexts(of: instance, for: [event]) { context.dispatchEvent(event, [details]) }
        }
    }
}
