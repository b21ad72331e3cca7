import BrowserModel
import JSEngine

/// The realm of the host's own JavaScript: one JavaScriptCore global context per host, in the same
/// machine as the extension's contexts, where the modules marked `// exthost:realm host` run once
/// for every context.
///
/// A function runs linked to the realm it was made in, and linking is what a module costs a realm
/// (an executable for each function, class and object literal it holds, and each global it names
/// built). A module loaded in each extension context costs each context that; loaded here, it is
/// linked once, and its functions work on the values of any context of the machine: a realm's
/// objects can be read, called and compared from another. Its built-ins are its own and no
/// extension script runs here, so it needs no copy of an extension realm's built-ins.
///
/// What crosses into an extension context from here must be made in that context's realm: an
/// object of this realm carries this realm's `Function` constructor and prototypes with it, so
/// none may ever reach an extension script. The bindings check it (``ScriptContext/isForeign(_:)``)
/// and this realm's `eval` and `Function` constructors are off besides. Modules that run here take
/// a context's values and give back text and numbers (the console's formatting); what they must
/// give a context as an object, the context's own binding makes (`ExtensionContext+Console.swift`).
final class HostRealm {
    /// The realm's global context.
    let script: ScriptContext
    /// The `host` object its modules share (no extension context can name it).
    private let hostObject: ScriptValue
    private let modules: LoadedModules

    /// Makes the realm in `machine` for `flavor`; `harness` answers the host's test harness, `now`
    /// the loop's clock in milliseconds.
    init(machine: VirtualMachine, flavor: Flavor, harness: @escaping () -> TestHarness, now: @escaping () -> Double) {
        script = ScriptContext(machine: machine, name: "exthost")
        script.disableEval(message: "exthost's own realm runs no code it is given.")
        modules = LoadedModules(HostModule.hostRealmModules(flavor: flavor))
        hostObject = script.object(prototype: nil)
        // (The groups of natives a context's modules have that the realm's modules use too:
        // ExtensionContext+Natives.swift.)
        let native = script.object(prototype: nil)
        let engine = script.object(prototype: nil)
        let clock = script.object(prototype: nil)
        do {
            try engine.setFunction("proxyTarget") { call in call.argument(0).proxyTarget.map { .value($0) } ?? .undefined }
            // (The host's test harness, `chrome` or `firefox`: asked when a harness is first used.)
            try engine.setFunction("testHarness") { _ in .string(harness().rawValue) }
            try clock.setFunction("monotonicNow") { _ in .number(now()) }
            try native.setProperty("engine", engine)
            try native.setProperty("clock", clock)
            try hostObject.setProperty("native", native)
            try hostObject.setProperty("global", script.global)
            try hostObject.setProperty("kind", script.string("host"))
            try hostObject.setProperty("flavor", script.string(flavor.rawValue))
            try hostObject.setProperty("context", script.object(prototype: nil))
            for index in modules.modules.indices where modules.modules[index].eager {
                try load(at: index)
            }
        } catch {
            fatalError("exthost's own js failed to load in its realm: \(error)")
        }
    }

    /// Loads the module `name` unless it is loaded (and first those it needs).
    ///
    /// - Throws: what the module's set-up threw (a bug of the host: no extension code runs here).
    func load(_ name: String) throws {
        guard let index = modules.index(of: name) else {
            throw ScriptError(name: "Error", message: "exthost's realm has no module \(name)")
        }
        try load(at: index)
    }

    private func load(at index: Int) throws {
        try modules.load(at: index) { module in
            try script.evaluate(module.source).call([hostObject])
        }
    }

    /// The member `name` of the `host` object, which the module `module` defines (loaded first).
    func value(_ name: String, in module: String) throws -> ScriptValue {
        try load(module)
        let value = try hostObject.property(name)
        guard !value.isUndefined else {
            throw ScriptError(name: "Error", message: "exthost's \(module) module defines no \(name)")
        }
        return value
    }

    /// The entry point `name` of the realm's `host.deliveries` (js/38_api.js, js/60_messaging.js),
    /// which every context's deliveries call with its record; looked up once.
    func deliveryEntryPoint(_ name: String) -> ScriptValue? {
        if let found = deliveryEntryPoints[name] { return found }
        guard let deliveries = try? value("deliveries", in: "namespaces"),
              let found = try? deliveries.property(name), found.isFunction else { return nil }
        deliveryEntryPoints[name] = found
        return found
    }
    private var deliveryEntryPoints: [String: ScriptValue] = [:]

    /// The names of the modules loaded, in the order they were loaded.
    var loadedModuleNames: [String] { modules.names }
}
