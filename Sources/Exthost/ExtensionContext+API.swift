import BrowserModel
import JSEngine

// The context's side of what runs for it in the host's own realm (``HostRealm``): its extension
// APIs (js/38_api.js and the namespace modules after it) and its window globals (js/30_window.js).
// The code is linked once for every context, and each context is a record there, made on the
// first touch of one of those globals.
// Everything the context's scripts get from the APIs is made in the context's realm: from its
// built-ins as they were before any extension script ran, and by the one native that makes a
// function of its realm calling into the host realm (`realm.function`).
extension ExtensionContext {
    /// The context's record in the host realm (the `cx` of js/38_api.js), made on first use.
    ///
    /// - Throws: when the context is closed, or the host realm's modules failed (a bug of the host).
    func realmRecord() throws -> ScriptValue {
        if let made = realmRecordValue { return made }
        guard let host, !isClosed, let hostObject else { throw ScriptError(name: "Error", message: "the context is closed") }
        let realm = host.realm
        let attach = try realm.value("attach", in: "api")
        let record = realm.script.object(prototype: nil)
        try record.setProperty("kind", realm.script.string(kind.rawValue))
        try record.setProperty("info", realm.script.parseJSON(contextInfoJSON) ?? realm.script.object(prototype: nil))
        try record.setProperty("b", hostObject.property("builtins").property("plain"))
        try record.setProperty("u", hostObject.property("builtins").property("uncurried"))
        try record.setProperty("describedRealm", realmDescription(in: realm))
        // (Each group made on first use, as the context's own: a record that only serves `window`
        // makes no port natives.)
        let native = realm.script.object(prototype: nil)
        for group in [NativeGroup.console, .api, .port, .realm, .test] {
            let object = LazyObject.make(.object, in: realm.script, prototype: false) { [weak self] in
                guard let self, let object = try? realmRecordValue?.property("native").property(group.rawValue) else { return }
                defineNatives(of: group, on: object)
            }
            try native.setProperty(group.rawValue, object)
        }
        try record.setProperty("native", native)
        try record.setProperty("global", script.global)
        try record.setProperty("loader", hostObject)
        if extensionInvalidated { try record.setProperty("invalidated", realm.script.boolean(true)) }
        _ = try attach.call([record])
        realmRecordValue = record
        return record
    }

    /// Fills `root`, the context's `chrome` or `browser`, on its first touch (js/90_namespaces.js).
    func bindAPI(_ root: ScriptValue) {
        guard let host, !isClosed else { return }
        do {
            let record = try realmRecord()
            _ = try host.realm.value("fillRoot", in: "namespaces").call([record, root])
        } catch let error as ThrownValue {
            host.emit(.error, "exthost could not make the extension APIs of \(displayName): \(error.scriptError.summary)", from: self, isUncaught: true)
        } catch {
            host.emit(.error, "exthost could not make the extension APIs of \(displayName): \(error)", from: self, isUncaught: true)
        }
    }

    /// The host-realm module `module` whose globals are accessors and constructors (made by the
    /// context's loader, js/00_1_modules.js), and the function of it that fills them for a context,
    /// given its record: `window` (`host.installWindow`), `dom` (`host.installDOM`).
    static func realmInstaller(_ module: String) -> String? {
        switch module {
        case "window": "installWindow"
        case "events": "installEvents"
        case "history": "installHistory"
        case "web_page_chrome": "installWebPageChrome"
        case "crypto": "installCrypto"
        case "encoding": "installEncoding"
        case "storage": "installStorage"
        case "base64": "installBase64"
        case "dom_parsing": "installDOMParsing"
        case "navigator": "installNavigator"
        case "url": "installURL"
        case "dom_exception": "installDOMException"
        case "ui_events": "installUIEvents"
        case "mutation_observer": "installMutationObservers"
        case "view": "installView"
        case "layout_observers": "installLayoutObservers"
        case "channel_messaging": "installChannelMessaging"
        case "blob": "installBlob"
        case "form_data": "installFormData"
        case "fetch": "installFetch"
        case "xhr": "installXHR"
        case "user_timing": "installUserTiming"
        case "structured_clone": "installStructuredClone"
        case "structured_clone_reader": "installStructuredCloneReader"
        case "dom": "installDOM"
        default: nil
        }
    }

    /// The function of a host-realm module that makes its constructor globals one at a time, each
    /// on its first touch or when the module first needs it, given the context's record and the
    /// global's name: `dom` (`host.makeDOMInterface`: a world makes only the interfaces it uses),
    /// `view` (`host.makeViewInterface`).
    static func realmGlobalFiller(_ module: String) -> String? {
        switch module {
        case "dom": "makeDOMInterface"
        case "events": "makeEventInterface"
        case "history": "makeHistoryInterface"
        case "crypto": "makeCryptoInterface"
        case "encoding": "makeEncodingInterface"
        case "storage": "makeStorageInterface"
        case "dom_parsing": "makeDOMParsingInterface"
        case "navigator": "makeNavigatorInterface"
        case "url": "makeURLInterface"
        case "dom_exception": "makeDOMExceptionInterface"
        case "ui_events": "makeUIEventInterface"
        case "mutation_observer": "makeMutationObserverInterface"
        case "view": "makeViewInterface"
        case "layout_observers": "makeLayoutObserverInterface"
        case "channel_messaging": "makeChannelMessagingInterface"
        case "blob": "makeBlobInterface"
        case "form_data": "makeFormDataInterface"
        case "fetch": "makeFetchInterface"
        case "xhr": "makeXHRInterface"
        case "user_timing": "makeUserTimingInterface"
        default: nil
        }
    }

    /// Fills the globals of the host-realm module `module` for this context (once).
    func installRealmModule(_ module: String, with installer: String) throws {
        guard let host, !installedRealmModules.contains(module) else { return }
        installedRealmModules.insert(module)
        // (A module that fills its globals one at a time makes each when it is needed.)
        if Self.realmGlobalFiller(module) == nil { makeGlobals(of: module) }
        _ = try host.realm.value(installer, in: module).call([try realmRecord()])
    }

    /// Makes the global `name` of the host-realm module `module`, which fills its globals one at a
    /// time (``realmGlobalFiller(_:)``), installing the module for this context first.
    func fillRealmGlobal(_ name: String, of module: String) throws {
        guard let host, let installer = Self.realmInstaller(module), let filler = Self.realmGlobalFiller(module) else {
            throw NativeArgumentError("engine.fillGlobal: \(module) fills no globals one at a time.")
        }
        try installRealmModule(module, with: installer)
        _ = try host.realm.value(filler, in: module).call([try realmRecord(), host.realm.script.string(name)])
    }

    /// `realm.function(name, length, impl, data)`: a function of the context's realm as the
    /// browsers' own are, whose call is `impl(data, this, ...arguments)` in the host realm
    /// (``NativeFunction/makeForwarding(name:length:in:to:data:)``). What it returns must be a
    /// value of the context (a host-realm object is refused, never handed out); what it throws
    /// reaches the caller as its own realm's error of the same name and message.
    func makeRealmFunction(_ call: NativeCall) throws -> NativeResult {
        guard let name = try call.optionalScriptString(0, "realm.function", "name") else {
            throw NativeArgumentError("realm.function: argument 1 (name) must be a string.")
        }
        let length = try call.requiredInteger(1, "realm.function", "length")
        let impl = call.argument(2)
        guard impl.isFunction else { throw NativeArgumentError("realm.function: argument 3 (implementation) must be a function.") }
        let function = NativeFunction.makeForwarding(name: name, length: length, in: script, to: impl, data: call.argument(3))
        return .value(function)
    }

    /// `realm.lazyNamespace(namespace)`: an object of the context's realm for the namespace
    /// `namespace` (`test`) whose members are made on its first touch: then the host realm loads the
    /// namespace's module (`host.lazyNamespaceModule`) and fills the object (`host.fillLazyNamespace`,
    /// js/90_namespaces.js). A context that never touches `chrome.test` makes none of its functions,
    /// and a host none of its code. (What the object's fill captures does not hold the object or the
    /// context.)
    func makeRealmLazyNamespace(_ call: NativeCall) throws -> NativeResult {
        let namespace = try call.requiredString(0, "realm.lazyNamespace", "namespace")
        let object = LazyObject.makeObject(in: script) { [weak self] object in
            guard let self, let host, !isClosed, let record = realmRecordValue else { return }
            do {
                let realm = host.realm
                let name = realm.script.string(namespace)
                guard let module = try realm.value("lazyNamespaceModule", in: "namespaces").call([name]).stringValue else { return }
                try realm.load(module)
                _ = try realm.value("fillLazyNamespace", in: "namespaces").call([record, object, name])
            } catch let error as ThrownValue {
                host.emit(.error, "exthost could not make \(namespace) in \(displayName): \(error.scriptError.summary)", from: self, isUncaught: true)
            } catch {
                host.emit(.error, "exthost could not make \(namespace) in \(displayName): \(error)", from: self, isUncaught: true)
            }
        }
        return .value(object)
    }

    /// `realm.retarget(function, impl, data)`: `function`, made by `realm.function` for this
    /// context, calls `impl(data, this, ...arguments)` from now on, and what it called before is
    /// let go (``NativeFunction/retargetForwarding(_:in:to:data:)``).
    func retargetRealmFunction(_ call: NativeCall) throws -> NativeResult {
        let impl = call.argument(1)
        guard impl.isFunction else { throw NativeArgumentError("realm.retarget: argument 2 (implementation) must be a function.") }
        guard NativeFunction.retargetForwarding(call.argument(0), in: script, to: impl, data: call.argument(2)) else {
            throw NativeArgumentError("realm.retarget: argument 1 (function) must be a function realm.function made for this context.")
        }
        return .undefined
    }
}

extension ExtensionContext {
    /// The functions the context's messages are serialized and deserialized with, each taking one
    /// argument (a value; a text) and callable from the context's scripts: the flavor's
    /// serialization runs in the host realm (Chrome's JSON, js/44_serialization_json.js; Firefox's
    /// structured clone, js/45_serialization.js), given the context's record, and these are
    /// functions of the context's realm that call it (what it throws arrives as the context's own
    /// error).
    func messageSerialization() throws -> (serialize: ScriptValue, deserialize: ScriptValue) {
        guard let host else { throw ScriptError(name: "Error", message: "the context is closed") }
        let record = try realmRecord()
        func bound(_ name: String) throws -> ScriptValue {
            let function = try host.realm.value(name, in: "serialization")
            return NativeFunction.makeBuiltin(name: name, length: 1, in: script) { call in
                .value(try function.call([call.argument(0), record]))
            }
        }
        return (try bound("serializeMessage"), try bound("deserializeMessage"))
    }

    /// The text structured clone writes for `value`, a value of this context (the host realm's
    /// writer, js/45_structured_clone.js): what `structuredClone` reads back. Its errors start
    /// with `errorPrefix`.
    ///
    /// - Throws: the context's DataCloneError or TypeError, or what a getter of the value threw.
    func writeStructuredClone(_ value: ScriptValue, errorPrefix: String) throws -> ScriptValue {
        guard let host else { throw ScriptError(name: "Error", message: "the context is closed") }
        let record = try realmRecord()
        let write = try host.realm.value("structuredCloneText", in: "structured_clone_writer")
        return try write.call([value, record, host.realm.script.string(errorPrefix)])
    }
}
