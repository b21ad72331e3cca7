import BrowserModel
import JSEngine

/// One module of the host's own JavaScript: a file of `js/`, with what its `// exthost:` lines say
/// (Sources/EmbedScriptsTool/main.swift lists them).
///
/// A context runs its eager modules when it is made, before any extension script; every other
/// module is loaded on first use: when extension code first touches a global the module defines
/// (`console`, `setTimeout`, `chrome`, ...), when another module or the host's JavaScript asks for
/// it (`host.load('console')`), or when Swift needs it (delivering a task needs `host`). So a
/// context costs only what its scripts use. What a lazily loaded module takes from the built-ins it
/// takes from `host.primordials`, captured by the eager modules before extension code ran.
struct HostModule: Sendable {
    /// The module's name (`console`, `serialization`); several files of different flavors may share one.
    let name: String
    /// The file it comes from (`11_console.js`).
    let file: String
    /// Its source, converted once for every context of the process.
    let source: ScriptSource
    /// The flavors it is for (empty: all).
    let flavors: [String]
    /// The kinds of context it is for (empty: all).
    let contexts: [String]
    /// The realms it runs in: `context` (each extension context), `host` (the host's own realm,
    /// once for all contexts: ``HostRealm``).
    let realms: [String]
    /// The modules loaded before it (those that do not apply to a context are skipped).
    let needs: [String]
    /// Whether it runs when the context is made.
    let eager: Bool
    /// The globals it defines, which load it on first touch.
    let globals: [EmbeddedScripts.Global]

    /// Whether the module runs in a context of `kind` in `flavor`.
    func applies(flavor: Flavor, kind: ContextKind) -> Bool {
        (flavors.isEmpty || flavors.contains(flavor.rawValue)) && (contexts.isEmpty || contexts.contains(kind.rawValue))
    }

    /// The scheme of the host's own scripts' URLs (`exthost:///js/38_api.js`).
    static let urlScheme = "exthost:"

    /// Every module, in file-name order.
    static let all: [HostModule] = EmbeddedScripts.all.map { script in
        HostModule(
            name: script.module, file: script.name, source: ScriptSource(script.source, url: "\(urlScheme)///js/\(script.name)"),
            flavors: script.flavors, contexts: script.contexts, realms: script.realms, needs: script.needs, eager: script.eager, globals: script.globals)
    }

    /// The modules a context of `kind` in `flavor` may load, in file-name order.
    static func modules(flavor: Flavor, kind: ContextKind) -> [HostModule] {
        all.filter { $0.realms.contains("context") && $0.applies(flavor: flavor, kind: kind) }
    }

    /// The modules the host realm of `flavor` may load, in file-name order.
    static func hostRealmModules(flavor: Flavor) -> [HostModule] {
        all.filter { $0.realms.contains("host") && ($0.flavors.isEmpty || $0.flavors.contains(flavor.rawValue)) }
    }
}

/// The modules one realm may load and which it has loaded: each is loaded once, after those it
/// needs (a need that does not apply to the realm is skipped). (A class: loading a module may load
/// others while it runs.)
final class LoadedModules {
    /// The modules the realm may load, in file-name order.
    let modules: [HostModule]
    private var loaded: [Bool]
    /// The names of the modules loaded, in the order they were loaded.
    private(set) var names: [String] = []

    init(_ modules: [HostModule]) {
        self.modules = modules
        loaded = [Bool](repeating: false, count: modules.count)
    }

    /// The index of the module `name`, or nil when the realm has no such module.
    func index(of name: String) -> Int? {
        modules.firstIndex { $0.name == name }
    }

    /// Loads the module at `index` unless it is loaded, first those it needs; `run` evaluates one,
    /// and `other` is given each needed module the realm does not have (one of the host realm's,
    /// which a context's module may need: js/31_events.js).
    func load(at index: Int, other: (String) throws -> Void = { _ in }, run: (HostModule) throws -> Void) rethrows {
        guard !loaded[index] else { return }
        loaded[index] = true
        for need in modules[index].needs {
            if let needed = self.index(of: need) { try load(at: needed, other: other, run: run) } else { try other(need) }
        }
        try run(modules[index])
        names.append(modules[index].name)
    }
}
