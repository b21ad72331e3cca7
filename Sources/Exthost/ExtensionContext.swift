import BrowserModel
import Foundation
import JSEngine
import Synchronization

/// One JavaScript world: an extension's background, its content scripts in one frame, one of its
/// pages, a web page's own scripts (the page's main world), or a test driver. Each is its own ``ScriptContext``; nothing passes between them but data sent
/// through the host.
///
/// Its globals exist from the start, each filled on first use: `URL` and `window` by the host's
/// JavaScript modules loaded into the context (``HostModule``); `console`, `chrome` and `browser`
/// by the host's own realm (``HostRealm``; `ExtensionContext+Console.swift`,
/// `ExtensionContext+API.swift`), where the context's APIs are a record; the timers by Swift
/// (`ExtensionContext+Timers.swift`). The host's JavaScript calls Swift through the natives
/// (`ExtensionContext+Natives.swift`); Swift sends the context everything (events, responses,
/// messages) as ``Delivery``s to the host realm, each a task of the context's own.
public final class ExtensionContext {
    /// A number unique among the host's contexts.
    public let id: Int
    /// What kind of context this is.
    public let kind: ContextKind
    /// The extension it belongs to; nil for a web page's own scripts, which belong to no
    /// extension. (The instance keeps its open contexts; a context drops out of it when it closes,
    /// and the host closes every context when it shuts down.)
    public let owner: ExtensionInstance?
    /// For content scripts: the tab of the frame.
    public let tabID: Int?
    /// For content scripts: the frame.
    public let frameID: Int?
    /// The id of the context's document: its frame's for content scripts, its own for an extension page.
    public let documentID: String?
    /// The URL of the page or script this context runs for.
    public let url: String
    /// The origin of ``url`` (`null` for an opaque one, and in a sandboxed frame), parsed once.
    lazy var origin: String = WebURL(string: url)?.origin ?? "null"
    /// The context's id in `runtime.getContexts` (a UUID, made on first need).
    lazy var contextUUID: String = UUID().uuidString.lowercased()
    /// The context's `runtime.MessageSender` as JSON text and the tab state it shows
    /// (``MessageSender/text(for:host:)``).
    var senderText: (tab: Tab?, index: Int, toExtension: Bool, text: String)?
    /// For a page shown inside a page of the browser rather than in a frame of its own (Firefox's
    /// options page inside `about:addons`): the tab showing that page, which the page's
    /// `sender.tab` (with `frameId` 0) and `tabs.getCurrent()` give. Its frames stay its own:
    /// `top`, `parent` and `location` are the page's, not the tab's.
    var embeddingTabID: Int?
    /// For a devtools page: the tab its DevTools window inspects (`devtools.inspectedWindow.tabId`).
    var inspectedTabID: Int?
    /// The tab a sender or `tabs.getCurrent()` names for this context: its frame's, or the one it
    /// is embedded in (``embeddingTabID``).
    var senderTabID: Int? { tabID ?? embeddingTabID }

    let script: ScriptContext
    /// The host that made the context; it owns the context while it is open.
    private(set) weak var host: ExtensionHost?
    /// Whether the context was closed (its page went away).
    public private(set) var isClosed = false

    init(id: Int, kind: ContextKind, owner: ExtensionInstance?, host: ExtensionHost, url: String, tabID: Int? = nil, frameID: Int? = nil, documentID: String? = nil,
         timeOrigin: Double = 0, extraInfo: [(String, JSONValue)] = []) {
        self.id = id
        self.timeOrigin = timeOrigin
        self.kind = kind
        self.owner = owner
        self.host = host
        self.url = url
        self.tabID = tabID
        self.frameID = frameID
        self.documentID = documentID
        let name = Self.displayName(kind: kind, tabID: tabID, frameID: frameID) + (owner.map { " of \($0.manifest.name)" } ?? " \(url)")
        let isServiceWorker = kind == .background && { if case .serviceWorker? = owner?.manifest.background { return true } else { return false } }()
        self.flavor = host.options.flavor
        modules = LoadedModules(HostModule.modules(flavor: host.options.flavor, kind: kind))
        let globalClassName = isServiceWorker ? "ServiceWorkerGlobalScope" : "Window"
        lazyGlobalTable = Self.lazyGlobalTable(flavor: flavor, kind: kind, globalClassName: globalClassName, modules: modules.modules)
        script = ScriptContext(machine: host.machine, name: name, globalClassName: globalClassName, lazyGlobals: lazyGlobalTable.names)
        // (A document of a frame sandboxed without allow-same-origin has an opaque origin.)
        if tabID != nil, let frameID, let sandbox = host.frameSandboxes[frameID], !sandbox.allowsSameOrigin { origin = "null" }
        install(host: host, extraInfo: extraInfo)
        applyContentSecurityPolicy()
    }

    /// Whether Chromium's refusal of a string timer was reported in this context (once).
    var hasReportedStringTimer = false

    /// Whether the context's document is a secure context (Secure Contexts, §3.1): its URL is
    /// potentially trustworthy, and so is every ancestor frame's (a content script's frame in its
    /// tab; `about:blank` and `about:srcdoc` take what their ancestors are).
    func isSecureContext(host: ExtensionHost) -> Bool {
        guard WebURL(string: url)?.isPotentiallyTrustworthy == true else { return false }
        guard kind == .content else { return true }
        // (A frame the browser model does not know is not taken for secure.)
        guard let tabID, let frameID, let tab = host.browser.tab(tabID), var frame = tab.frame(frameID) else { return false }
        while !frame.isTop {
            guard let parent = tab.frame(frame.parentID) else { return false }
            guard WebURL(string: parent.url)?.isPotentiallyTrustworthy == true else { return false }
            frame = parent
        }
        return true
    }

    /// Whether this is an extension's background service worker.
    var isServiceWorker: Bool {
        guard kind == .background, case .serviceWorker? = owner?.manifest.background else { return false }
        return true
    }

    /// Whether the context's page is in the back/forward cache: it runs nothing (its timers wait
    /// for it to be shown again) and what is delivered to it goes nowhere, as an inactive
    /// context's messages in Firefox; Chromium closed its ports when it went in.
    private(set) var isFrozen = false
    /// A Chromium content script whose extension went away (uninstalled, disabled, reloaded,
    /// updated): it runs on in its page, but its calls reach nothing (``ExtensionHost/orphan(_:)``).
    var isOrphaned = false
    /// An orphaned content script once its page heard its extension is gone: its extension APIs
    /// throw "Extension context invalidated." and `runtime.id` is undefined.
    private(set) var extensionInvalidated = false

    /// Marks the extension of an orphaned content script as gone for its scripts (``extensionInvalidated``).
    func invalidateExtension() {
        extensionInvalidated = true
        try? realmRecordValue?.setProperty("invalidated", script.boolean(true))
    }
    /// The timers that came due while the context was frozen, in the order they did.
    var heldTimers: [Int] = []

    /// The context's page went into the back/forward cache (``isFrozen``).
    func freeze() {
        guard !isClosed, !isFrozen else { return }
        isFrozen = true
        host?.router.contextFrozen(self)
    }

    /// The context's page is shown again: the timers that came due meanwhile run, in tasks.
    func thaw() {
        guard isFrozen else { return }
        isFrozen = false
        let held = heldTimers
        heldTimers = []
        guard !held.isEmpty, let host else { return }
        host.loop.enqueue { [weak self] in
            for id in held { self?.fireHeldTimer(id) }
        }
    }

    /// Closes the context: its timers stop, its ports close, and nothing more is delivered to it.
    func close() {
        guard !isClosed else { return }
        reportTestInterrupted()
        isClosed = true
        documentLoad?.abandon()
        documentLoad = nil
        realmRecordValue = nil
        scriptTimers.removeAll()
        microtaskReporter = nil
        if let host {
            host.loop.cancelTimers(owner: id)
            host.router.contextClosed(self)
            host.contextDidClose(self)
        }
        script.close()
    }

    /// The flavor of the host that made the context.
    let flavor: Flavor

    // MARK: - Set-up

    private func install(host: ExtensionHost, extraInfo: [(String, JSONValue)]) {
        // The host's objects have no prototype: a read of a missing key never reaches
        // `Object.prototype`, where extension code could have put a getter.
        let hostObject = script.object(prototype: nil)
        self.hostObject = hostObject
        let native = script.object(prototype: nil)
        installNativeFunctions(on: native)
        var info: [(String, JSONValue)] = [("kind", .string(kind.rawValue))]
        if let owner {
            info += [
                ("extensionId", .string(owner.id.runtimeID)),
                ("baseURL", .string(owner.id.baseURL)),
                ("manifestVersion", .int(owner.manifest.manifestVersion)),
                ("manifestJSON", .string(flavor == .firefox
                    ? FirefoxManifest.normalizedJSON(owner.localizedManifestJSON, baseURL: owner.id.baseURL) : owner.localizedManifestJSON)),
                ("hasAction", .bool(owner.manifest.hasAction)),
                ("permissions", .array(owner.manifest.permissions.map { .string($0) })),
            ]
            // ("Event pages or Service Workers": a menu item needs an id, js/59_menus.js.)
            if ContextMenusAPI.hasLazyBackground(owner) { info.append(("lazyBackground", .bool(true))) }
        }
        info += [
            ("url", .string(url)),
            ("location", LocationParts.make(url)),
            ("isServiceWorker", .bool(isServiceWorker)),
            ("isSecureContext", .bool(isSecureContext(host: host))),
            ("origin", .string(origin)),
        ]
        // (A worker started again after it stopped is the activated one: js/33_service_worker.js.)
        if isServiceWorker, owner?.serviceWorkerInstalled == true { info.append(("workerActivated", .bool(true))) }

        // (Chromium gives a web page `chrome.runtime` when an installed extension's
        // externally_connectable names it: js/39_web_page_chrome.js.)
        if kind == .webPage, flavor == .chrome, host.extensions.contains(where: { $0.manifest.externallyConnectable?.allows(pageURL: url) == true }) {
            info.append(("externallyConnectable", .bool(true)))
        }
        if let tabID { info.append(("tabId", .int(tabID))) }
        if let frameID { info.append(("frameId", .int(frameID))) }
        if let documentID { info.append(("documentId", .string(documentID))) }
        info += extraInfo
        contextInfoJSON = JSONValue.object(info).jsonText
        do {
            try hostObject.setProperty("native", native)
            try hostObject.setProperty("global", script.global)
            try hostObject.setProperty("kind", script.string(kind.rawValue))
            try hostObject.setProperty("flavor", script.string(flavor.rawValue))
            try hostObject.setProperty("context", script.parseJSON(contextInfoJSON) ?? script.object(prototype: nil))
            for index in modules.modules.indices where modules.modules[index].eager {
                try loadModule(at: index)
            }
            try installLazyGlobals(hostObject)
        } catch let error as ScriptError {
            fatalError("exthost's own js failed to load in \(script.name): \(error)")
        } catch let error as ThrownValue {
            fatalError("exthost's own js failed to load in \(script.name): \(error.scriptError)")
        } catch {
            fatalError("exthost's own js failed to load in \(script.name): \(error)")
        }
        script.onUnhandledRejection { [weak self] promise, reason in
            // (Browsers tell of a rejection no one handled in a task of its own, after the timers
            // of no delay that the task which rejected it set: HTML's "notify about rejected
            // promises". The engine tells when that task's promise jobs are done.)
            guard let self, !isClosed, let host = self.host else { return }
            _ = host.loop.startTimer(after: 0, owner: id) { [weak self] in
                guard let self, !isClosed, let reportUncaught = hostFunction("reportUncaught", in: "host") else { return }
                let script = self.script
                let (_, stop) = script.runTask { _ = try? reportUncaught.call([reason, script.boolean(true), promise]) }
                if let stop { reportStop(stop) }
            }
        }
    }

    // MARK: - Modules of the host's JavaScript

    /// The modules of the host's JavaScript this context may load (see ``HostModule``), and which
    /// of them it has loaded.
    private let modules: LoadedModules

    /// The names of the modules the context has loaded, in the order it loaded them.
    var loadedModuleNames: [String] { modules.names }

    /// Loads the module `name` of the host's JavaScript (and first those it needs) unless the
    /// context has loaded it.
    ///
    /// - Returns: false when the context has no such module (it is not for this kind of context or flavor).
    /// - Throws: what the module's set-up threw (extension code got in its way, or a bug of the host).
    @discardableResult
    func loadModule(named name: String) throws -> Bool {
        guard let index = modules.index(of: name) else {
            // A module of the host realm whose globals the loader made: it fills them.
            guard let installer = Self.realmInstaller(name) else { return false }
            try installRealmModule(name, with: installer)
            return true
        }
        try loadModule(at: index)
        return true
    }

    private func loadModule(at index: Int) throws {
        guard !isClosed, let hostObject else { return }
        // (A module of the context may need one of the host realm's, installed for the context.)
        try modules.load(at: index, other: { need in
            if let installer = Self.realmInstaller(need) { try installRealmModule(need, with: installer) }
        }) { module in
            makeGlobals(of: module.name)
            try script.evaluate(module.source).call([hostObject])
        }
    }

    /// A property of the `host` object that the module `module` defines, loading the module first;
    /// nil when the module cannot be loaded (the failure is reported) or defines no such property.
    func hostFunction(_ name: String, in module: String) -> ScriptValue? {
        guard loadReporting(module), let hostObject, let function = try? hostObject.property(name), !function.isUndefined else { return nil }
        return function
    }

    /// Loads the module `name` unless it is loaded; a failure is reported as an error of the context.
    @discardableResult
    func loadReporting(_ module: String) -> Bool {
        guard !isClosed else { return false }
        do {
            return try loadModule(named: module)
        } catch let error as ThrownValue {
            host?.emit(.error, "exthost could not load its \(module) module in \(displayName): \(error.scriptError.summary)", from: self, isUncaught: true)
        } catch {
            host?.emit(.error, "exthost could not load its \(module) module in \(displayName): \(error)", from: self, isUncaught: true)
        }
        return false
    }

    /// One lazy global of a kind of context: the module that fills it (nil: the timer functions
    /// and `performance`, which Swift fills) and what the module's header says of it.
    struct LazyGlobal {
        var module: String?
        var entry: EmbeddedScripts.Global?
        var name: String
        /// Whether a module of the host realm fills it (``realmBinding(_:)``).
        var inHostRealm: Bool
    }

    /// The lazy globals of each kind of context (by flavor, kind and global class), made once.
    private static let lazyGlobalTables = Mutex<[String: LazyGlobalTable]>([:])

    /// The names of a kind of context's lazy globals and what makes each.
    struct LazyGlobalTable: @unchecked Sendable {
        let names: LazyGlobalNames
        let globals: [LazyGlobal]
    }

    /// The context's lazy globals (shared with every context of its kind).
    let lazyGlobalTable: LazyGlobalTable

    /// The names of the lazy globals a window context of `kind` has in `flavor`: what ``ScriptContext`` makes the global object's class
    /// from (`exthost bench` measures a bare context with them).
    public static func lazyGlobalNames(flavor: Flavor, kind: ContextKind) -> LazyGlobalNames {
        lazyGlobalTable(flavor: flavor, kind: kind, globalClassName: "Window", modules: HostModule.modules(flavor: flavor, kind: kind)).names
    }

    /// The lazy globals of a kind of context, whose modules are `modules`.
    private static func lazyGlobalTable(flavor: Flavor, kind: ContextKind, globalClassName: String, modules: [HostModule]) -> LazyGlobalTable {
        let key = "\(flavor.rawValue) \(kind.rawValue) \(globalClassName)"
        return lazyGlobalTables.withLock { tables in
            if let table = tables[key] { return table }
            var globals: [LazyGlobal] = []
            // (A host-realm module runs once for every kind of context; its `contexts` say which kinds get its globals.)
            let realmModules = HostModule.hostRealmModules(flavor: flavor).filter {
                (realmBinding($0.name) != nil || realmInstaller($0.name) != nil) && $0.applies(flavor: flavor, kind: kind)
            }
            for module in modules.filter({ !$0.eager }) {
                for entry in module.globals {
                    if let only = entry.globalClass, only != globalClassName { continue }
                    if let only = entry.flavor, only != flavor.rawValue { continue }
                    globals.append(LazyGlobal(module: module.name, entry: entry, name: entry.name, inHostRealm: false))
                }
            }
            for module in realmModules {
                for entry in module.globals {
                    if let only = entry.globalClass, only != globalClassName { continue }
                    if let only = entry.flavor, only != flavor.rawValue { continue }
                    globals.append(LazyGlobal(module: module.name, entry: entry, name: entry.name, inHostRealm: true))
                }
            }
            for (name, _) in timerFunctions { globals.append(LazyGlobal(module: nil, entry: nil, name: name, inHostRealm: false)) }
            globals.append(LazyGlobal(module: nil, entry: nil, name: "performance", inHostRealm: false))
            let table = LazyGlobalTable(names: LazyGlobalNames(globals.map(\.name)), globals: globals)
            tables[key] = table
            return table
        }
    }

    /// Gives the context the globals of the modules that are not eager (see ``HostModule``), the
    /// timer functions and `performance`, each made on first touch (``LazyGlobals``): objects and
    /// functions made with ``LazyObject``, and constructors and accessors made by
    /// `host.installLazyGlobals` (js/00_1_modules.js). Once made, each is kept in
    /// `host.lazyGlobals`, where the module finds what it fills; functions and constructors call
    /// what the module puts in `host.implementations`. A module's globals are all made before it
    /// loads (``loadModule(at:)``).
    private func installLazyGlobals(_ hostObject: ScriptValue) throws {
        try hostObject.setProperty("lazyGlobals", script.object(prototype: nil))
        let globals = lazyGlobalTable.globals
        lazyGlobals = script.installLazyGlobals { [weak self] index, define in
            guard let self, !isClosed else { return }
            do {
                try makeLazyGlobal(globals[index], define: define)
            } catch {
                host?.emit(.error, "exthost could not make the global \(globals[index].name) in \(displayName): \(error)", from: self, isUncaught: true)
            }
        }
    }

    /// Makes the global of the context's lazy globals `global` names once (``installLazyGlobals(_:)``),
    /// and defines it on the global object when `define` is true (false: a script deleted it first,
    /// and only the module that fills it uses it).
    private func makeLazyGlobal(_ lazy: LazyGlobal, define: Bool) throws {
        guard let hostObject else { return }
        let global = script.global
        guard let module = lazy.module, let entry = lazy.entry else {
            if define { try installTimerGlobal(lazy.name, on: global) }
            return
        }
        let values = try hostObject.property("lazyGlobals")
        let value: ScriptValue
        switch entry.kind {
        case "inherited":
            // (A member of the global's prototype chain, which the module makes: nothing is defined on the global.)
            try loadModule(named: module)
            return
        case "accessor" where define:
            // (Its module defines it: host.defineGlobal.)
            try loadModule(named: module)
            return
        case "accessor", "constructor":
            let list = JSONValue.array([.array([.string(entry.name), .string(entry.kind), .bool(entry.enumerable), .string(module), .int(entry.length), .bool(define)])])
            try hostObject.property("installLazyGlobals").call([script.parseJSON(list.jsonText) ?? script.null])
            return
        case "alias":
            lazyGlobals?.makeGlobal(named: entry.aliasOf ?? "")
            value = try values.property(entry.aliasOf ?? "")
        case "object" where lazy.inHostRealm:
            value = LazyObject.make(.object, in: script, fill: realmFill(module, global: entry.name))
        case "object":
            value = LazyObject.make(.object, in: script, fill: lazyFill(module))
        default:
            value = LazyObject.make(.function(name: entry.name, length: entry.length), in: script,
                                    fill: lazyFill(module), target: implementation(entry.name))
        }
        try values.setProperty(entry.name, value)
        if define { try global.defineProperty(entry.name, value, enumerable: entry.enumerable) }
    }

    /// Makes, before the module `module` loads, the globals it fills.
    func makeGlobals(of module: String) {
        guard let lazyGlobals else { return }
        for (index, global) in lazyGlobalTable.globals.enumerated() where global.module == module {
            lazyGlobals.makeGlobal(at: index)
        }
    }

    /// What a lazy global of a host-realm module runs on first touch: the module's binding
    /// (``realmBindings``) fills it.
    private func realmFill(_ module: String, global: String) -> () -> Void {
        { [weak self] in
            guard let self, let bind = Self.realmBinding(module), let hostObject,
                  let value = try? hostObject.property("lazyGlobals").property(global) else { return }
            bind(self, value)
        }
    }

    /// What a lazy global runs on first touch: loads `module` (a failure is reported).
    func lazyFill(_ module: String) -> () -> Void {
        { [weak self] in self?.loadReporting(module) }
    }

    /// The function a lazy function or constructor global calls: `host.implementations[name]`
    /// once its module defined it (looked up once).
    func implementation(_ name: String) -> () -> ScriptValue? {
        var found: ScriptValue?
        return { [weak self] in
            if let found { return found }
            guard let self, let hostObject, let value = try? hostObject.property("implementations").property(name), value.isFunction else { return nil }
            found = value
            return value
        }
    }
    /// The `host` object the context's JavaScript in `js/` shares (never reachable from extension code).
    private(set) var hostObject: ScriptValue?
    /// The context's globals made on first touch (``installLazyGlobals(_:)``).
    private(set) var lazyGlobals: LazyGlobals?
    /// What the host's JavaScript knows of the context (kind, extension id, base URL, manifest, its
    /// location, ...), as JSON: its modules' `host.context` and its record's `cx.info`.
    private(set) var contextInfoJSON = "{}"
    /// The loading of the context's document, for a page whose scripts run as it is parsed
    /// (``DocumentLoad``); kept until the context closes.
    var documentLoad: DocumentLoad?
    /// The context's record in the host realm, once made (``realmRecord()``).
    var realmRecordValue: ScriptValue?
    /// The host-realm modules whose globals were filled for the context (``installRealmModule(_:with:)``).
    var installedRealmModules: Set<String> = []
    /// What the host realm's texts compare with in this context (``realmDescription(in:)``).
    var describedRealm: ScriptValue?

    /// Whether a service worker's script ran its first time (then `importScripts` loads only what
    /// it loaded during that run: ``importScript(_:)``).
    var hasFinishedFirstEvaluation = false
    /// The loop's time (milliseconds) its clock counts from: `performance.now()` is the loop's
    /// time less this, `performance.timeOrigin` the run's wall-clock start plus this (a document's
    /// worlds share their document's; a worker's is when it started).
    let timeOrigin: Double
    /// The API events its scripts listen to (a background's and an extension page's: js/38_api.js
    /// says when an event gains its first listener and loses its last).
    var listenedEvents: Set<String> = []
    /// The URLs of the scripts `importScripts` ran.
    var importedScripts: Set<String> = []
    /// The names of the BroadcastChannels open in this context (``listenToBroadcasts(_:)``).
    var broadcastChannelNames: Set<String> = []
    /// The bindings of classic scripts' `import()` declared in this context (``ClassicScript``).
    var declaredImportBindings: Set<String> = []
    /// How many classic scripts of a web page this context (its main world) has run: the page's own
    /// and those scripts inserted (each one's `import()` binding is its own, ``ClassicScript``).
    var webScriptCount = 0

    /// The timers scripts set and that have not fired or been cleared, by id (``ScriptTimer``).
    var scriptTimers: [Int: ScriptTimer] = [:]
    var nextScriptTimerID = 1
    /// HTML's timer nesting level of the timer callback running (0 outside one).
    var timerNesting = 0
    /// What reports an error thrown by a `queueMicrotask` callback (a function of the host realm).
    var microtaskReporter: ScriptValue?
    /// The test of the context's harness that has started and not finished (js/55_test_firefox.js).
    var runningTestName: String?
    /// The global `performance`, until its first touch fills it.
    var performanceObject: ScriptValue?

    /// How many of the context's timers are waiting to fire.
    var pendingTimerCount: Int { scriptTimers.count }

    // MARK: - Running

    /// Runs a script of the extension, reporting what it throws as uncaught.
    ///
    /// - Returns: whether the script ran to its end without throwing.
    @discardableResult
    func runScript(_ source: ScriptSource) -> Bool {
        runTopLevel { _ = try script.execute(source); return true }
    }

    /// Runs a classic script of the extension, reporting what it throws as uncaught; one that
    /// calls `import()` finds its binding declared first (``ClassicScript``).
    ///
    /// - Returns: whether the script ran to its end without throwing.
    @discardableResult
    func runScript(_ classic: ClassicScript) -> Bool {
        runTopLevel {
            try declareImportBinding(of: classic)
            _ = try script.execute(classic.source)
            return true
        }
    }

    /// Declares the binding `classic`'s `import(...)` calls name, bound to this context's
    /// `import()` for it, unless the context has declared it. The binding is a builtin that loads
    /// the module machinery (js/36_module_scripts.js) on its first call: a script whose `import()`
    /// never runs costs its context nothing more.
    func declareImportBinding(of classic: ClassicScript) throws {
        guard let binding = classic.importBinding, !declaredImportBindings.contains(binding) else { return }
        // (A specifier resolves against the script's URL; in a Firefox content script, against its
        // page's: fixtures/conformance/module-import-classic.)
        let base = kind == .content && flavor == .firefox ? url : classic.source.url
        let function = NativeFunction.makeBuiltin(name: "import", length: 1, in: script) { [weak self] call in
            guard let self, let classicImport = hostFunction("classicImport", in: "module_scripts") else { return .undefined }
            let importer = try classicImport.call([script.string(base)])
            return .value(try importer.call((0..<call.count).map { call.argument($0) }))
        }
        try script.declareGlobalConstant(binding, function)
        declaredImportBindings.insert(binding)
    }

    /// Runs `body` as the top-level call of a task of its own (a script's first run): what it
    /// throws is reported as uncaught, a stop as a stop.
    ///
    /// - Returns: what `body` returned; false when it threw or was stopped.
    func runTopLevel(_ body: () throws -> Bool) -> Bool {
        guard !isClosed, !isFrozen else { return false }
        let (succeeded, stop) = script.runTask { () -> Bool in
            do {
                return try body()
            } catch let error as ThrownValue {
                if !script.machine.isStopping { report(error) }
                return false
            } catch {
                return false
            }
        }
        if let stop { reportStop(stop) }
        return succeeded && stop == nil
    }

    /// Calls the entry point of `delivery` now (`host.deliveries.<entryPoint>` of the host realm,
    /// js/38_api.js, given the context's record), as the top-level call of the current task, and
    /// returns what it returned (`nil` when the context is closed, never used its APIs, the call
    /// threw, or it returned undefined). What the host's JavaScript returns is a null-prototype
    /// object of data.
    @discardableResult
    func receive(_ delivery: Delivery) -> ScriptValue? {
        guard !isClosed, !isFrozen, let record = realmRecordValue, let entryPoint = host?.realm.deliveryEntryPoint(delivery.entryPoint) else { return nil }
        let (result, stop) = script.runTask { () -> ScriptValue? in
            do {
                let result = try entryPoint.call([record] + delivery.arguments(in: script))
                return result.isUndefined ? nil : result
            } catch let error as ThrownValue {
                if !script.machine.isStopping { report(error) }
            } catch {
                host?.emit(.error, "Uncaught \(error)", from: self, isUncaught: true)
            }
            return nil
        }
        if let stop {
            reportStop(stop)
            return nil
        }
        return result
    }

    /// Calls `function` (of this context, or of the host realm for this context) with `arguments`
    /// as a task of the context, reporting what it throws as uncaught and a script the machine
    /// stopped. Returns what it returned, or nil (closed, threw, stopped).
    @discardableResult
    func callAsTask(_ function: ScriptValue, _ arguments: [ScriptValue] = []) -> ScriptValue? {
        guard !isClosed else { return nil }
        let (result, stop) = script.runTask { () -> ScriptValue? in
            do {
                return try function.call(arguments)
            } catch let error as ThrownValue {
                if !script.machine.isStopping { report(error) }
            } catch {}
            return nil
        }
        if let stop {
            reportStop(stop)
            return nil
        }
        return result
    }

    /// Reports a script the machine stopped: `script timeout in background (file:line)`, or the
    /// memory limit. It counts as an uncaught error; the context and the others go on.
    func reportStop(_ stop: ScriptStop) {
        guard let host else { return }
        host.scriptStopCount += 1
        let whereText = stop.location.map { " (\(host.diskPath(of: $0, in: self) ?? $0))" } ?? ""
        switch stop.reason {
        case .taskTime:
            let limit = script.machine.limits.taskTime.map { String(format: "%g", $0) } ?? "?"
            host.emit(.error, "script timeout in \(displayName)\(whereText): it ran for more than \(limit) s of CPU time without yielding, so it was stopped (--script-timeout sets the limit).", from: self, isUncaught: true)
        case .memory:
            let limit = (script.machine.limits.memory ?? 0) >> 20
            host.emit(.error, "memory limit exceeded in \(displayName)\(whereText): the run holds more than \(limit) MB, so the script was stopped (--heap-limit sets the limit).", from: self, isUncaught: true)
        }
    }

    /// The context as people call it: `background`, `content script in tab 2 frame 0`.
    var displayName: String { Self.displayName(kind: kind, tabID: tabID, frameID: frameID) }

    private static func displayName(kind: ContextKind, tabID: Int?, frameID: Int?) -> String {
        switch kind {
        case .content: return "content script in tab \(tabID ?? -1) frame \(frameID ?? -1)"
        default: return kind.rawValue
        }
    }

    /// Sends `delivery` to the context as a task of its own, after a cross-process hop; `then`
    /// gets what its entry point returned (`nil` also when the context closed before the task ran).
    func deliver(_ delivery: Delivery, then: ((ScriptValue?) -> Void)? = nil) {
        guard let host else { return }
        let received = host.backgroundActivity(delivering: delivery, to: self)
        host.crossProcess { [weak self] in
            let result = self?.receive(delivery)
            received?()
            then?(result)
        }
    }

    /// Dispatches the event `name` (`tabs.onUpdated`) with `arguments` as a task of its own.
    func dispatchEvent(_ name: String, _ arguments: [JSONValue]) {
        if let host, let trace = host.trace { trace.addBrowser(.event, at: host.loop.now, context: self, title: name, detail: JSONValue.array(arguments).jsonText) }
        deliver(.event(name: name, arguments: JSONValue.array(arguments).jsonText))
    }

    /// Reports `text`, thrown as a plain value (not an Error), as an uncaught exception of this context.
    func reportUncaught(_ text: String) {
        if let reportUncaught = hostFunction("reportUncaught", in: "host") {
            let (_, stop) = script.runTask {
                _ = try? reportUncaught.call([script.string(text), script.boolean(false), script.undefined, script.boolean(true)])
            }
            if let stop { reportStop(stop) }
        } else {
            let owner: ExtensionHost? = host
            owner?.emit(.error, (flavor == .chrome ? "Uncaught " : "uncaught exception: ") + text, from: self, isUncaught: true)
        }
    }

    func report(_ error: ThrownValue) {
        if let reportUncaught = hostFunction("reportUncaught", in: "host") {
            _ = try? reportUncaught.call([error.value, script.boolean(false)])
        } else {
            host?.emit(.error, "Uncaught \(error.scriptError.summary)", from: self, location: error.scriptError.location, isUncaught: true)
        }
    }
}
