import BrowserModel
import JSEngine

/// `storage`'s areas on the Swift side: the extension's values, kept as each browser stores them
/// (js/58_storage.js converts a context's values into that text and measures them), the areas'
/// quotas and access levels, and `onChanged` for every context of the extension that may hear it
/// (recorded: fixtures/conformance/storage-areas, storage-contexts).
///
/// - `storage.get [area, keys | null]`: the stored `[key, text]` pairs asked for, in the
///   browser's order.
/// - `storage.set [area, [[key, text, bytes], ...]]`, `storage.remove [area, keys]`,
///   `storage.clear [area]`: change the area, then announce what changed.
/// - `storage.getBytesInUse [area, keys | null]`, `storage.getKeys [area]`,
///   `storage.setAccessLevel [area, level]` (Chromium).
enum StorageAPI {
    static func register(in api: ExtensionAPI) {
        let all: Set<ContextKind> = [.background, .page, .content, .driver]
        api.define("storage.get", contexts: all) { host, request in
            guard let (name, area) = area(of: request, in: host) else { return }
            // (Without a policy: Chromium's managed storage is empty, Firefox finds no manifest.)
            if name == "managed", host.options.flavor == .firefox, !request.instance.storage.hasPolicy {
                request.fail("Managed storage manifest not found")
                return
            }
            let keys = request.argument(1)?.arrayValue?.compactMap(\.stringValue)
            let listed = area.entries(keys: keys, order: order(of: name, flavor: host.options.flavor))
            request.respond(.array(listed.map { .array([.string($0.key), .string($0.value.text)]) }))
        }
        api.define("storage.getKeys", contexts: all) { host, request in
            guard let (name, area) = area(of: request, in: host) else { return }
            if name == "managed", host.options.flavor == .firefox, !request.instance.storage.hasPolicy {
                request.fail("Managed storage manifest not found")
                return
            }
            let listed = area.entries(keys: nil, order: order(of: name, flavor: host.options.flavor))
            request.respond(.array(listed.map { .string($0.key) }))
        }
        api.define("storage.getBytesInUse", contexts: all) { host, request in
            guard let (_, area) = area(of: request, in: host) else { return }
            let keys = request.argument(1)?.arrayValue?.compactMap(\.stringValue)
            request.respond(.int(area.bytes(keys: keys)))
        }
        api.define("storage.set", contexts: all) { host, request in
            guard let (name, area) = writableArea(of: request, in: host) else { return }
            var items: [(key: String, value: StoredValue)] = []
            var itemIndex: [String: Int] = [:]
            // (What Firefox announces of a value where it differs from what it stores: the value
            // with its getters' values.)
            var announced: [String: String] = [:]
            for item in request.argument(1)?.arrayValue ?? [] {
                guard let key = item[0]?.stringValue, let text = item[1]?.stringValue, let bytes = item[2]?.intValue else { continue }
                let value = StoredValue(text: text, bytes: bytes)
                // (Two keys that are one in Swift, as lone surrogates become U+FFFD: the later value
                // in the place of the first.)
                if let index = itemIndex[key] { items[index].value = value } else {
                    itemIndex[key] = items.count
                    items.append((key, value))
                }
                announced[key] = item[3]?.stringValue
            }
            if let refusal = quotaRefusal(adding: items, to: area, named: name, instance: request.instance, flavor: host.options.flavor) {
                request.fail(refusal)
                return
            }
            var changes: [StorageChange] = []
            var changed: [(key: String, value: StoredValue)] = []
            for (key, value) in items {
                let old = area.values[key]
                // (Chromium announces no change of a value stored again as it was; Firefox does.)
                if host.options.flavor == .chrome, old == value { continue }
                changed.append((key, value))
                changes.append(StorageChange(key: key, old: old?.text, new: announced[key] ?? value.text))
            }
            area.set(changed)
            finish(request, area: name, changes: changes, in: host)
        }
        api.define("storage.remove", contexts: all) { host, request in
            guard let (name, area) = writableArea(of: request, in: host) else { return }
            let removed = area.remove(request.argument(1)?.arrayValue?.compactMap(\.stringValue) ?? [])
            finish(request, area: name, changes: removed.map { StorageChange(key: $0.key, old: $0.value.text, new: nil) }, in: host)
        }
        api.define("storage.clear", contexts: all) { host, request in
            guard let (name, area) = writableArea(of: request, in: host) else { return }
            let removed = area.entries(keys: nil, order: order(of: name, flavor: host.options.flavor))
            area.removeAll()
            finish(request, area: name, changes: removed.map { StorageChange(key: $0.key, old: $0.value.text, new: nil) }, in: host)
        }
        api.define("storage.setAccessLevel", contexts: all) { host, request in
            guard let (_, area) = area(of: request, in: host) else { return }
            guard request.context.kind != .content else {
                request.fail("Context cannot set the storage access level")
                return
            }
            area.allowsContentScripts = request.argument(1)?.stringValue == "TRUSTED_AND_UNTRUSTED_CONTEXTS"
            request.respond()
        }
    }

    // MARK: - Areas

    /// The area the request names, or nil after failing it: a content script may use an area only
    /// at the access level the extension set (Chromium's `session` refuses it by default).
    private static func area(of request: APIRequest, in host: ExtensionHost) -> (String, ExtensionStorageArea)? {
        guard let name = request.argument(0)?.stringValue, let area = request.instance.storage.area(named: name) else {
            request.fail("storage: no such area.")
            return nil
        }
        if request.context.kind == .content, !area.allowsContentScripts {
            request.fail("Access to storage is not allowed from this context.")
            return nil
        }
        return (name, area)
    }

    /// ``area(of:in:)`` of an area a script may change (`managed` is read-only).
    private static func writableArea(of request: APIRequest, in host: ExtensionHost) -> (String, ExtensionStorageArea)? {
        guard let (name, area) = area(of: request, in: host) else { return nil }
        guard name != "managed" else {
            request.fail(host.options.flavor == .chrome ? "This is a read-only store." : "storage.managed is read-only")
            return nil
        }
        return (name, area)
    }

    /// The order an area lists its keys in: Chromium's by key (its dictionaries are sorted);
    /// Firefox's `local` (IndexedDB) by key too, its other areas as they were first set.
    private static func order(of area: String, flavor: Flavor) -> ExtensionStorageArea.Order {
        switch flavor {
        case .chrome: .utf8
        case .firefox: area == "local" ? .utf16 : .insertion
        }
    }

    /// Why a browser would refuse to store `items` in the area, if it would: Chromium's quotas of
    /// `sync` (per item, in all, items) and `local` (without "unlimitedStorage"), and of the memory
    /// `session` takes; Firefox's of `sync`.
    private static func quotaRefusal(adding items: [(key: String, value: StoredValue)], to area: ExtensionStorageArea, named name: String,
                                     instance: ExtensionInstance, flavor: Flavor) -> String? {
        let total = area.bytes(keys: nil) + items.reduce(0) { $0 + $1.value.bytes - (area.values[$1.key]?.bytes ?? 0) }
        let count = area.values.count + items.filter { area.values[$0.key] == nil }.count
        switch (flavor, name) {
        case (.chrome, "sync"):
            if items.contains(where: { $0.value.bytes > 8192 }) { return "Resource::kQuotaBytesPerItem quota exceeded" }
            if total > 102_400 { return "Resource::kQuotaBytes quota exceeded" }
            if count > 512 { return "Resource::kMaxItems quota exceeded" }
        case (.chrome, "local"):
            if total > 10_485_760, !instance.manifest.permissions.contains("unlimitedStorage") { return "Resource::kQuotaBytes quota exceeded" }
        case (.chrome, "session"):
            if total > 10_485_760 { return "Session storage quota bytes exceeded. Values were not stored." }
        case (.firefox, "sync"):
            if items.contains(where: { $0.value.bytes > 8192 }) || total > 102_400 || count > 512 {
                return "QuotaExceededError: storage.sync API call exceeded its quota limitations."
            }
        default: break
        }
        return nil
    }

    // MARK: - Changes

    /// One key's change: its stored text before and after (nil: none).
    struct StorageChange {
        let key: String
        let old: String?
        let new: String?
    }

    /// Answers a request that changed the area (Firefox's `sync` answers null), then announces the
    /// changes, if any, to every context of the extension that may hear them: the area's
    /// `onChanged` and `storage.onChanged` (Chromium the area's first, Firefox the namespace's),
    /// each a task of its own after the answer.
    private static func finish(_ request: APIRequest, area: String, changes: [StorageChange], in host: ExtensionHost) {
        let flavor = host.options.flavor
        request.respond(flavor == .firefox && area == "sync" ? .null : nil)
        guard !changes.isEmpty else { return }
        let ordered = flavor == .chrome ? changes.sorted { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) } : changes
        let list = JSONValue.array(ordered.map { .array([.string($0.key), $0.old.map(JSONValue.string) ?? .null, $0.new.map(JSONValue.string) ?? .null]) })
        let arguments: [JSONValue] = [.string(area), list]
        let instance = request.instance
        let names = flavor == .chrome ? ["storage.\(area).onChanged", "storage.onChanged"] : ["storage.onChanged", "storage.\(area).onChanged"]
        guard let storageArea = instance.storage.area(named: area) else { return }
        // (A stopped background that listens to either event is started again to hear it.)
        let background = names.lazy.compactMap { host.wakeBackground(of: instance, for: $0) }.first
        for context in [background].compactMap({ $0 }) + hearing(instance) where !context.isClosed {
            if context.kind == .content, !storageArea.allowsContentScripts || (flavor == .firefox && area == "session") { continue }
            for name in names { context.dispatchEvent(name, arguments) }
        }
    }

    /// The extension's contexts that have `storage` other than its background: its pages, its content scripts.
    private static func hearing(_ instance: ExtensionInstance) -> [ExtensionContext] {
        instance.openPages + instance.contentContexts.values.sorted { $0.id < $1.id }
    }
}

