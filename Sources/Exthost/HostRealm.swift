import BrowserModel
import Foundation
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
    /// The length of the header each module script of the machine has ahead of its line 1
    /// (js/47_module_syntax.js), by URL: what is taken off the columns of line 1 where a position is
    /// reported (`engine.moduleHeader(url)` of the realm; ``ExtensionContext/reportedLocation(_:)``).
    let moduleHeaders = ModuleHeaderTable()

    /// Makes the realm in `machine` for `flavor`; `harness` answers the host's test harness, `now`
    /// the loop's clock in milliseconds.
    init(machine: VirtualMachine, flavor: Flavor, harness: @escaping () -> TestHarness, documentSource: @escaping (String) -> DocumentSource? = { _ in nil },
         worldsOfDocument: @escaping (String) -> [ScriptValue] = { _ in [] }, addedStyleSheets: @escaping (String) -> String = { _ in "[]" },
         frames: DocumentFrameCalls = DocumentFrameCalls(),
         now: @escaping () -> Double) {
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
            // The parser that reads module scripts (js/47_module_syntax.js), loaded on first use.
            try engine.setFunction("acorn") { call in try .value(Self.loadAcorn(in: call.context)) }
            let headers = moduleHeaders
            try engine.setFunction("moduleHeader") { call in .number(Double(headers[call.argument(0).stringValue ?? ""])) }
            // The libraries the DOM is made of (js/62_dom_library.js), as CommonJS files: where the
            // file `specifier` required from `from` is, and the function of a file's text.
            try engine.setFunction("resolveLibrary") { call in
                let from = call.argument(1).stringValue
                return LibraryModule.resolve(call.argument(0).stringValue ?? "", from: from).map { .string($0) } ?? .null
            }
            try engine.setFunction("libraryFunction") { call in
                let path = call.argument(0).stringValue ?? ""
                guard let source = LibraryModule.functionSource(ofFileAt: path) else {
                    throw ScriptError(name: "Error", message: "exthost could not read \(path)")
                }
                return .value(try call.context.evaluate(ScriptSource(source, url: "file://" + path)))
            }
            // A document's URL and HTML, by document id, as JSON (null: the host knows no such document).
            try engine.setFunction("documentSource") { call in
                guard let source = documentSource(call.argument(0).stringValue ?? "") else { return .null }
                return .string(JSONValue.object([
                    ("url", .string(source.url)), ("html", .string(source.html)), ("readiness", .string(source.readiness)), ("parsed", .bool(source.isParsed)),
                    ("hidden", .bool(source.isHidden)),
                ]).jsonText)
            }
            // The style sheets extensions added to a document, by document id: JSON `[[user, text], ...]`
            // (ExtensionHost+StyleSheets.swift).
            try engine.setFunction("addedStyleSheets") { call in .string(addedStyleSheets(call.argument(0).stringValue ?? "")) }
            // The records of the worlds of a document (its page's or main world, its content
            // scripts), oldest first, that have events: what a dispatch at its nodes reaches
            // (js/63_dom.js). An object of `length` and indexed records.
            try engine.setFunction("worldsOf") { call in
                let worlds = worldsOfDocument(call.argument(0).stringValue ?? "")
                let list = call.context.object(prototype: nil)
                for (index, world) in worlds.enumerated() { try list.setProperty(String(index), world) }
                try list.setProperty("length", call.context.number(Double(worlds.count)))
                return .value(list)
            }
            // A document's frames (ExtensionHost+Frames.swift): `childFrames(id)`, its frames' ids
            // in order (JSON); `insertFrame(id, src, srcdoc, name, elementId, sandbox)`, a frame for an
            // `<iframe>` a script inserted (its id, or null); `removeFrame(id, frameId)`;
            // `renameFrame(id, frameId, name)`.
            try engine.setFunction("childFrames") { call in
                .string(JSONValue.array(frames.childFrames(call.argument(0).stringValue ?? "").map { .int($0) }).jsonText)
            }
            try engine.setFunction("insertFrame") { call in
                let text = { (index: Int) -> String? in call.argument(index).isString ? call.argument(index).stringValue : nil }
                guard let id = frames.insert(text(0) ?? "", text(1), text(2), text(3), text(4), text(5)) else { return .null }
                return .number(Double(id))
            }
            try engine.setFunction("removeFrame") { call in
                frames.remove(call.argument(0).stringValue ?? "", Int(exactly: call.argument(1).numberValue) ?? -1)
                return .undefined
            }
            // `renameFrame(id, frameId, name)`: Firefox renames a frame whose element's name changes.
            try engine.setFunction("renameFrame") { call in
                frames.rename(call.argument(0).stringValue ?? "", Int(exactly: call.argument(1).numberValue) ?? -1, call.argument(2).stringValue ?? "")
                return .undefined
            }
            // `retitle(id, title)`: a script changed the document's title (`document.title`, the
            // `<title>` element or its text).
            try engine.setFunction("retitle") { call in
                frames.retitle(call.argument(0).stringValue ?? "", call.argument(1).stringValue ?? "")
                return .undefined
            }
            // `resolveURL(url, base)`: the URL parsed against the base (a document's address) as
            // a link's is, for what no world can ask (a page with no script of its own), or null.
            try engine.setFunction("resolveURL") { call in
                guard let text = call.argument(0).stringValue, let base = call.argument(1).stringValue.flatMap({ WebURL(string: $0) }),
                      let url = WebURL(string: text, relativeTo: base) else { return .null }
                return .string(url.href)
            }
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

    // MARK: - Module scripts

    /// Where exthost finds acorn, the JavaScript parser of Debian's `node-acorn` package
    /// (`EXTHOST_ACORN` names another copy of `acorn.js`).
    static var acornPath: String {
        ProcessInfo.processInfo.environment["EXTHOST_ACORN"] ?? "/usr/share/nodejs/acorn/dist/acorn.js"
    }

    /// Runs acorn's script in the realm (once: later calls find its global) and returns its `acorn` object.
    private static func loadAcorn(in realm: ScriptContext) throws -> ScriptValue {
        let loaded = try realm.global.property("acorn")
        if !loaded.isUndefined { return loaded }
        guard let data = FileManager.default.contents(atPath: acornPath) else {
            throw ScriptError(name: "Error", message: "exthost reads module scripts with acorn, which it did not find at \(acornPath): "
                + "install Debian's node-acorn package (apt-get install node-acorn), or set EXTHOST_ACORN to the path of acorn.js.")
        }
        try realm.evaluate(ScriptSource(String(decoding: data, as: UTF8.self), url: "exthost:///acorn.js"))
        let acorn = try realm.global.property("acorn")
        guard acorn.isObject else {
            throw ScriptError(name: "Error", message: "exthost: \(acornPath) did not define acorn; is it acorn's dist/acorn.js?")
        }
        return acorn
    }

    /// The classic script that runs the module script `text` and, as JSON, what it imports and
    /// exports (js/47_module_syntax.js).
    func analyzeModule(_ text: String) throws -> (code: String, json: String) {
        let analyze = try value("analyzeModule", in: "module_syntax")
        let answer = try analyze.call([script.string(text)])
        guard let code = try answer.property("0").stringValue, let json = try answer.property("1").stringValue else {
            throw ScriptError(name: "Error", message: "exthost's module_syntax module answered no module")
        }
        return (code, json)
    }

    /// The classic script `text` with the `import` of each `import(...)` call it makes replaced by
    /// `binding`, or nil when it makes none or does not parse (js/47_module_syntax.js).
    func rewriteClassicScript(_ text: String, binding: String) throws -> String? {
        let rewrite = try value("rewriteClassicScript", in: "module_syntax")
        let answer = try rewrite.call([script.string(text), script.string(binding)])
        return answer.isString ? try answer.stringValue : nil
    }
}

/// The length of each module script's header, by URL (``HostRealm/moduleHeaders``).
final class ModuleHeaderTable {
    private var lengths: [String: Int] = [:]

    /// The header's length of the module script at `url`; 0 for any other script.
    subscript(url: String) -> Int {
        get { lengths[url] ?? 0 }
        set { lengths[url] = newValue }
    }
}

/// What the host realm's DOM asks the host of a document's frames (ExtensionHost+Frames.swift):
/// its frames' ids in order, a frame for an `<iframe>` a script inserted (document id, `src`,
/// `srcdoc`, `name`, `id`), and the removal of one; and that a document's title changed.
struct DocumentFrameCalls {
    var childFrames: (String) -> [Int] = { _ in [] }
    var insert: (String, String?, String?, String?, String?, String?) -> Int? = { _, _, _, _, _, _ in nil }
    var remove: (String, Int) -> Void = { _, _ in }
    var rename: (String, Int, String) -> Void = { _, _, _ in }
    var retitle: (String, String) -> Void = { _, _ in }
}
