/// The background context an extension runs.
public enum Background: Sendable, Hashable {
    /// A generated background page that loads these scripts in order (`background.scripts`);
    /// `module` when `background.type` is `"module"` (Firefox loads them as module scripts).
    case scripts([String], module: Bool)
    /// A background page (`background.page`).
    case page(String)
    /// A service worker script (`background.service_worker`); `module` when `background.type` is `"module"`.
    case serviceWorker(String, module: Bool)

    /// The script files the browser loads itself, in order: the scripts of a generated page, or the worker script.
    /// Empty for a page, whose scripts come from its HTML.
    public var scriptPaths: [String] {
        switch self {
        case .scripts(let paths, _): paths
        case .page: []
        case .serviceWorker(let path, _): [path]
        }
    }

    /// Whether the scripts are loaded as modules (`background.type` is `"module"`).
    public var isModule: Bool {
        switch self {
        case .scripts(_, let module), .serviceWorker(_, let module): module
        case .page: false
        }
    }
}
