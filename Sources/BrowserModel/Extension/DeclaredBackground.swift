/// The `background` keys a manifest declares, before a browser picks the one it runs.
///
/// A manifest may declare several (cross-browser MV3 manifests list both `service_worker` and `scripts`);
/// ``background(for:manifestVersion:)`` tells which one each browser runs.
public struct DeclaredBackground: Sendable, Hashable {
    /// `background.scripts`, when declared (possibly empty).
    public let scripts: [String]?
    /// `background.page`, when declared.
    public let page: String?
    /// `background.service_worker`, when declared.
    public let serviceWorker: String?
    /// Whether `background.type` is `"module"`.
    public let isModule: Bool
    /// `background.persistent`, when declared.
    public let persistent: Bool?

    /// Declared background keys.
    public init(scripts: [String]?, page: String?, serviceWorker: String?, isModule: Bool, persistent: Bool?) {
        self.scripts = scripts
        self.page = page
        self.serviceWorker = serviceWorker
        self.isModule = isModule
        self.persistent = persistent
    }

    /// The background `flavor`'s browser runs for a manifest of `manifestVersion`, or nil for none.
    ///
    /// - Chrome, MV3: the service worker; `scripts` and `page` are MV2-only keys, ignored with a warning
    ///   (`_manifest_features.json`: `max_manifest_version: 2`), so without `service_worker` there is no background.
    /// - Chrome, MV2: whichever one is declared (declaring more than one is a manifest error).
    /// - Firefox (MV2 and MV3): `page` if declared, else `scripts`; Firefox does not run service workers
    ///   (`extensions.backgroundServiceWorker.enabled` is off in release builds), so a manifest with only
    ///   `service_worker` is refused by ``Manifest/parse(_:file:flavor:)``.
    public func background(for flavor: Flavor, manifestVersion: Int) -> Background? {
        switch flavor {
        case .chrome:
            if let serviceWorker {
                return .serviceWorker(serviceWorker, module: isModule)
            }
            guard manifestVersion < 3 else { return nil }
            if let scripts, !scripts.isEmpty {
                return .scripts(scripts, module: false)
            }
            if let page {
                return .page(page)
            }
            return nil
        case .firefox:
            if let page {
                return .page(page)
            }
            if let scripts {
                return .scripts(scripts, module: isModule)
            }
            return nil
        }
    }
}
