import BrowserModel
import Foundation
import JSEngine

extension ExtensionContext {
    /// The storage area `name` (`local` or `session`) of this context, as the browser keys it:
    /// `localStorage` by origin (the page's for a content script, the extension's for its pages),
    /// `sessionStorage` by origin and tab (a page without a tab is its own).
    func webStorageKey(_ name: String) -> String {
        name == "local" ? "local \(origin)" : "session \(tabID.map(String.init) ?? "context \(id)") \(origin)"
    }

    /// The `storage` natives: `length(area)`, `key(area, index)`, `get(area, key)`, `keys(area)`,
    /// `set(area, key, value)` (false: over the quota), `remove(area, key)`, `clear(area)`. A
    /// change is told to the other contexts that share the area, as a `storage` event.
    func storageNative(_ name: String, _ call: NativeCall, host: ExtensionHost) throws -> NativeResult {
        let area = try call.requiredString(0, "storage." + name, "area")
        guard area == "local" || area == "session" else { throw NativeArgumentError("storage.\(name): argument 1 (area) must be local or session.") }
        let key = webStorageKey(area)
        // (`localStorage` of the profile's, read on first use; each change written back.)
        let kept = area == "local" ? host.options.profile : nil
        if let kept, host.webStorage[key] == nil {
            var restored = WebStorageArea()
            for (item, value) in kept.webStorage(origin: origin) { _ = restored.set(item, to: value) }
            host.webStorage[key] = restored
        }
        switch name {
        case "length":
            return .number(Double(host.webStorage[key]?.count ?? 0))
        case "key":
            let index = try call.requiredInteger(1, "storage.key", "index")
            return host.webStorage[key]?.key(at: index).map { .string($0) } ?? .null
        case "get":
            let item = try call.requiredString(1, "storage.get", "key")
            return host.webStorage[key]?.value(of: item).map { .string($0) } ?? .null
        case "keys":
            return .json(JSONValue.array((host.webStorage[key]?.allKeys ?? []).map { .string($0) }).jsonText)
        case "set":
            let item = try call.requiredString(1, "storage.set", "key")
            let value = try call.requiredString(2, "storage.set", "value")
            switch host.webStorage[key, default: WebStorageArea()].set(item, to: value) {
            case .overQuota: return .boolean(false)
            case .unchanged: return .boolean(true)
            case .set(let old):
                kept?.storeWebStorageChange(origin: origin, key: item, value: value)
                tellStorageChange(area: area, storageKey: key, item: item, old: old, new: value, host: host)
            }
            return .boolean(true)
        case "remove":
            let item = try call.requiredString(1, "storage.remove", "key")
            if let old = host.webStorage[key]?.remove(item) {
                kept?.storeWebStorageChange(origin: origin, key: item, value: nil)
                tellStorageChange(area: area, storageKey: key, item: item, old: old, new: nil, host: host)
            }
            return .undefined
        case "clear":
            if host.webStorage[key]?.clear() == true {
                kept?.storeWebStorageChange(origin: origin, key: nil, value: nil)
                tellStorageChange(area: area, storageKey: key, item: nil, old: nil, new: nil, host: host)
            }
            return .undefined
        default:
            throw NativeArgumentError("storage.\(name): no such native.")
        }
    }

    /// Fires `storage` at the other contexts of the area (a task each), in the ones whose events
    /// module is loaded: a window that never touched events has no listener.
    private func tellStorageChange(area: String, storageKey: String, item: String?, old: String?, new: String?, host: ExtensionHost) {
        let detail = JSONValue.array([.string(area), item.map { .string($0) } ?? .null, old.map { .string($0) } ?? .null,
                                      new.map { .string($0) } ?? .null, .string(url)]).jsonText
        for other in host.contexts where other !== self && !other.isClosed && other.webStorageKey(area) == storageKey && other.hasLoaded("events") {
            host.loop.enqueue { [weak other] in
                guard let other, !other.isClosed, other.loadReporting("storage"), let realm = other.host?.realm,
                      let fire = try? realm.value("fireStorageEvent", in: "storage"), let record = try? other.realmRecord() else { return }
                let (_, stop) = other.script.runTask { _ = try? fire.call([record, realm.script.parseJSON(detail) ?? realm.script.null]) }
                if let stop { other.reportStop(stop) }
            }
        }
    }

    /// Whether the module `name` of the host's JavaScript is loaded in this context (a module of
    /// the host realm: installed for it).
    func hasLoaded(_ name: String) -> Bool { loadedModuleNames.contains(name) || installedRealmModules.contains(name) }
}
