import JSEngine

// The context's side of what the host realm does for it (``HostRealm``): its `console`, and the
// texts of its uncaught errors. The realm's modules (js/10_format.js, js/11_console.js) run once
// for every context; what a context's scripts get from them is made here, in the context's realm.
extension ExtensionContext {
    /// How the context binds a global of the host-realm module `module`, if it binds them: the
    /// global was made lazily (``LazyObject``), and its first touch runs the binding, which fills it.
    static func realmBinding(_ module: String) -> ((ExtensionContext, ScriptValue) -> Void)? {
        switch module {
        case "console": { $0.bindConsole($1) }
        case "namespaces": { $0.bindAPI($1) }
        default: nil
        }
    }

    /// What the host realm's texts compare with in this context: its `Error.prototype`,
    /// `Error.prototype.toString` and `Object.prototype.toString`, as the context took them before
    /// any extension script ran (js/00_0_builtins.js), and its `host` object; made once.
    func realmDescription(in realm: HostRealm) throws -> ScriptValue {
        if let made = describedRealm { return made }
        guard let hostObject else { throw ScriptError(name: "Error", message: "the context is closed") }
        let builtins = try hostObject.property("builtins")
        let plain = try builtins.property("plain")
        let made = try realm.value("describeRealm", in: "format").call([
            try plain.property("ErrorPrototype"), try plain.property("ErrorPrototypeToString"),
            try builtins.property("uncurried").property("ObjectPrototypeToString"),
            // (The context's `host`, where its DOMException module reads an exception's parts.)
            hostObject,
        ])
        describedRealm = made
        return made
    }

    /// The host realm's text for `value` from the format module's `function` (`describeUncaught`,
    /// `describeListenerError`, `builtinClass`), or nil when it could not make one.
    func describe(_ function: String, _ arguments: [ScriptValue]) -> String? {
        guard let host, !isClosed else { return nil }
        let realm = host.realm
        do {
            let describe = try realm.value(function, in: "format")
            let leading = function == "builtinClass" ? [] : [try realmDescription(in: realm)]
            return try describe.call(leading + arguments).stringValue
        } catch {
            return nil
        }
    }

    /// Fills the global `console`: one function of this realm per member, each calling the member
    /// the host realm's console made for this context (js/11_console.js); in Chrome also `context`
    /// and `createTask`, whose objects are this realm's.
    func bindConsole(_ console: ScriptValue) {
        guard let host, !isClosed else { return }
        let realm = host.realm
        do {
            // (The realm belongs to the host: the sink holds neither.)
            let sink = NativeFunction.make(name: "sink", in: realm.script) { [weak self] call in
                guard let self, !isClosed, let host = self.host else { return .undefined }
                host.emit(ConsoleLevel(rawValue: call.string(0)) ?? .log, call.string(1), from: self)
                return .undefined
            }
            let members = try realm.value("makeConsole", in: "console").call([sink, try realmDescription(in: realm)])
            let names = try realm.value("consoleNames", in: "console")
            let count = Int(try names.property("length").numberValue)
            var functions: [(String, ScriptValue)] = []
            for index in 0..<count {
                guard let name = try names.property(String(index)).stringValue else { continue }
                let member = try members.property(name)
                let function = NativeFunction.makeBuiltin(name: name, length: 0, in: script) { call in
                    // (What the member returns stays in the host realm: a console call gives undefined.)
                    try call.forward(to: member)
                    return .undefined
                }
                functions.append((name, function))
            }
            for (name, function) in functions {
                try console.defineProperty(name, function, enumerable: true)
            }
            if flavor == .chrome {
                try console.defineProperty("context", NativeFunction.makeBuiltin(name: "context", length: 0, in: script) { [weak self] _ in
                    guard let self else { return .undefined }
                    // A console of its own name, with the same members (V8's console.context()).
                    let object = script.object()
                    for (name, function) in functions { try object.defineProperty(name, function, enumerable: true) }
                    return .value(object)
                }, enumerable: true)
                try console.defineProperty("createTask", NativeFunction.makeBuiltin(name: "createTask", length: 1, in: script) { [weak self] call in
                    guard let self else { return .undefined }
                    return .value(try makeConsoleTask(call))
                }, enumerable: true)
            }
            let toStringTag = try builtin("SymbolToStringTag")
            try console.defineProperty(key: toStringTag, script.string("console"), writable: false, enumerable: false)
        } catch {
            host.emit(.error, "exthost could not make the console of \(displayName): \(error)", from: self, isUncaught: true)
        }
    }

    /// `console.createTask(name)` (Chrome): a frozen object whose `run(f)` calls `f`.
    private func makeConsoleTask(_ call: NativeCall) throws -> ScriptValue {
        let name = call.argument(0)
        guard name.isString, name.stringValue != "" else {
            throw ScriptError(name: "TypeError", message: "First argument must be a non-empty string.")
        }
        let task = script.object()
        let run = NativeFunction.makeBuiltin(name: "run", length: 1, in: script) { call in
            let function = call.argument(0)
            guard function.isFunction else { throw ScriptError(name: "TypeError", message: "First argument must be a function.") }
            return .value(try function.call())
        }
        try task.defineProperty("run", run, enumerable: true)
        try builtin("ObjectFreeze").call([task])
        return task
    }

    /// A built-in of this realm as the context took it before any extension script ran (js/00_0_builtins.js).
    func builtin(_ name: String) throws -> ScriptValue {
        guard let hostObject else { throw ScriptError(name: "Error", message: "the context is closed") }
        return try hostObject.property("builtins").property("plain").property(name)
    }
}
