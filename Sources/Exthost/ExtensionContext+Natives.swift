import BrowserModel
import JSEngine

/// The natives: the only calls the host's JavaScript in a context makes into Swift, as
/// `host.native.<group>.<name>(...)`, grouped by concern. Each group is made on its first use (a
/// context that never opens a port never makes the port natives). Each native is bound to its
/// context (weakly: one outliving its context does nothing), can name only what the context owns
/// (its own ports, the API functions its kind of context has), and checks its arguments: anything
/// the host's own JavaScript would never pass is a `TypeError` naming the native and the argument.
/// One result convention: a native returns its result, or throws.
enum NativeGroup: String, CaseIterable {
    /// `message(level, text)`, `uncaught(text, location)`, `listenerError(text, location)`: lines
    /// of the context's console.
    case console
    /// `describeUncaught(value, inPromise)`, `describeListenerError(value)`, `builtinClass(value)`:
    /// texts of the host realm's format module (js/10_format.js) for a value of the context.
    case format
    /// `loadModule(name)`, `proxyTarget(value)`: the host's modules, and what JavaScript cannot tell.
    case engine
    /// `monotonicNow()`, `wallNow()`: the loop's clock, in milliseconds.
    case clock
    /// `request(method, argumentsJSON, id)` (answered later by an `apiResponse` delivery) and
    /// `call(method, argumentsJSON)` (answered now): the Swift side of the namespaces (``ExtensionAPI``).
    case api
    /// `open(target, name, message)`, `post(port, text)`, `disconnect(port)`, `respond(port, text,
    /// error)`: the context's side of the message channels (``MessageRouter``).
    case port
    /// `function(name, length, impl, data)`: a function of the context's realm that calls `impl`
    /// of the host realm (``ExtensionContext/makeRealmFunction(_:)``); `retarget(function, impl,
    /// data)`: makes such a function call another `impl` from now on
    /// (``ExtensionContext/retargetRealmFunction(_:)``); `lazyNamespace(namespace)`: a
    /// namespace object filled on first touch (``ExtensionContext/makeRealmLazyNamespace(_:)``).
    /// Only the context's record in the host realm has them (`ExtensionContext+API.swift`).
    case realm
    /// `started(name)`, `finished(name, passed, message, detail, location, expected, actual)`, `assertion(name,
    /// passed, message, expected, actual, location)`, `done(passed, message, location)`,
    /// `log(message)`, `message(argumentsJSON)`: what the context's test harness reports
    /// (``TestEvent``); `later(callback)`: calls `callback` (of the host realm) in a task of the
    /// context's own, as a zero-delay timer would.
    case test
    /// What a driver script's runtime (js/70_driver.js) asks of the browser it drives: only a
    /// driver context has them (``TestDriver``, `ExtensionContext+Driver.swift`).
    case driver
    /// `randomBytes(count)`, `digest(algorithm, bytes)`: what the context's `crypto` (js/27_crypto.js)
    /// asks of the system's random source and GLib's digests; bytes cross as strings of code units
    /// 0 to 255.
    case crypto
}

extension ExtensionContext {
    /// Defines every group the context's own modules use on `native`, each made on first use.
    func installNativeFunctions(on native: ScriptValue) {
        for group in NativeGroup.allCases where group != .realm && group != .test && (group != .driver || kind == .driver) {
            let object = LazyObject.make(.object, in: script, prototype: false) { [weak self] in
                guard let self, let hostObject, let object = try? hostObject.property("native").property(group.rawValue) else { return }
                defineNatives(of: group, on: object)
            }
            try? native.setProperty(group.rawValue, object)
        }
    }

    /// Defines the natives of `group` on `object` (of the context's realm, or of the host realm for
    /// the context's record there), bound to the context.
    func defineNatives(of group: NativeGroup, on object: ScriptValue) {
        func define(_ name: String, _ body: @escaping (ExtensionContext, ExtensionHost, NativeCall) throws -> NativeResult) {
            try? object.setFunction(name) { [weak self] call in
                guard let self, !isClosed, let host else { return .undefined }
                return try body(self, host, call)
            }
        }
        let prefix = group.rawValue + "."
        switch group {
        case .console:
            define("message") { context, host, call in
                let level = try call.requiredString(0, prefix + "message", "level")
                guard let consoleLevel = ConsoleLevel(rawValue: level) else {
                    throw NativeArgumentError("console.message: argument 1 (level) must be a console level, not \(level).")
                }
                host.emit(consoleLevel, try call.requiredString(1, prefix + "message", "text"), from: context)
                return .undefined
            }
            for name in ["uncaught", "listenerError"] {
                define(name) { context, host, call in
                    let text = try call.requiredString(0, prefix + name, "text")
                    host.emit(.error, text, from: context, location: try call.optionalString(1, prefix + name, "location"), isUncaught: true)
                    return .undefined
                }
            }
        case .format:
            // (The caller has its own text for a value that could not be described.)
            for name in ["describeUncaught", "describeListenerError", "builtinClass"] {
                define(name) { context, _, call in
                    var arguments = [call.argument(0)]
                    if name == "describeUncaught" { arguments.append(context.script.boolean(try call.requiredBoolean(1, prefix + name, "inPromise"))) }
                    guard let text = context.describe(name, arguments) else {
                        throw ScriptError(name: "Error", message: "exthost could not describe the value")
                    }
                    return .string(text)
                }
            }
        case .engine:
            define("loadModule") { context, _, call in
                let name = try call.requiredString(0, prefix + "loadModule", "module name")
                guard try context.loadModule(named: name) else {
                    throw NativeArgumentError("engine.loadModule: this context has no module \(name).")
                }
                return .undefined
            }
            // The target of a Proxy (the host's JavaScript cannot tell a Proxy from its target), else undefined.
            define("proxyTarget") { _, _, call in
                call.argument(0).proxyTarget.map { .value($0) } ?? .undefined
            }
        case .clock:
            define("monotonicNow") { _, host, _ in .number(host.loop.now) }
            define("wallNow") { _, host, _ in .number(host.loop.epoch + host.loop.now) }
        case .api:
            define("request") { context, host, call in
                let method = try call.requiredString(0, prefix + "request", "method")
                let arguments = try Self.apiArguments(call, 1, prefix + "request")
                let requestID = try call.requiredInteger(2, prefix + "request", "request id")
                host.api.request(APIRequest(method: method, arguments: arguments, context: context, requestID: requestID), in: host)
                return .undefined
            }
            define("call") { context, host, call in
                let method = try call.requiredString(0, prefix + "call", "method")
                let arguments = try Self.apiArguments(call, 1, prefix + "call")
                switch host.api.call(method, arguments: arguments, from: context, in: host) {
                case .success(let result): return result
                case .failure(let error): throw ScriptError(name: "Error", message: error.message)
                }
            }
        case .port:
            // open(target, name, message): a port named `name` (a string, or null as Firefox names
            // some) when `message` is undefined, else a one-time message; `target` as
            // MessageTarget reads it. Returns the opener's port id.
            define("open") { context, host, call in
                guard let target = MessageTarget(call, argument: 0) else {
                    throw NativeArgumentError("port.open: argument 1 (target) is not a message target.")
                }
                let name = try call.optionalString(1, prefix + "open", "name")
                let message = try call.optionalScriptString(2, prefix + "open", "message")
                do {
                    let portID = try host.router.open(
                        from: context, to: target, name: name.map(JSONValue.string) ?? .null,
                        kind: message == nil ? .port : .oneTime, message: message)
                    return .number(Double(portID))
                } catch {
                    throw NativeArgumentError((error as? RouterError)?.message ?? "\(error)")
                }
            }
            define("post") { context, host, call in
                let portID = try call.requiredInteger(0, prefix + "post", "port id")
                guard let text = try call.optionalScriptString(1, prefix + "post", "message text") else {
                    throw NativeArgumentError("port.post: argument 2 (message text) must be a string.")
                }
                host.router.post(from: context, portID: portID, text)
                return .undefined
            }
            define("disconnect") { context, host, call in
                host.router.disconnect(from: context, portID: try call.requiredInteger(0, prefix + "disconnect", "port id"))
                return .undefined
            }
            define("respond") { context, host, call in
                let portID = try call.requiredInteger(0, prefix + "respond", "port id")
                let text = try call.optionalScriptString(1, prefix + "respond", "message text")
                let error = try call.optionalString(2, prefix + "respond", "error")
                host.router.respond(from: context, portID: portID, text: text, error: error)
                return .undefined
            }
        case .test:
            defineTestNatives(on: object)
        case .driver:
            defineDriverNatives(on: object)
        case .crypto:
            define("randomBytes") { _, _, call in
                let count = try call.requiredInteger(0, prefix + "randomBytes", "count")
                guard (0...65536).contains(count) else {
                    throw NativeArgumentError("crypto.randomBytes: argument 1 (count) must be 0 to 65536, not \(count).")
                }
                var generator = SystemRandomNumberGenerator()
                return .string(Self.byteString((0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }))
            }
            define("digest") { _, _, call in
                let name = try call.requiredString(0, prefix + "digest", "algorithm")
                guard let algorithm = DigestAlgorithm(webCryptoName: name) else {
                    throw NativeArgumentError("crypto.digest: argument 1 (algorithm) must be SHA-1, SHA-256, SHA-384 or SHA-512, not \(name).")
                }
                let text = try call.requiredString(1, prefix + "digest", "bytes")
                var bytes: [UInt8] = []
                bytes.reserveCapacity(text.utf16.count)
                for unit in text.utf16 {
                    guard unit <= 0xFF else { throw NativeArgumentError("crypto.digest: argument 2 (bytes) must hold code units 0 to 255 only.") }
                    bytes.append(UInt8(unit))
                }
                return .string(Self.byteString(algorithm.digest(bytes)))
            }
        case .realm:
            define("function") { context, _, call in try context.makeRealmFunction(call) }
            define("retarget") { context, _, call in try context.retargetRealmFunction(call) }
            define("lazyNamespace") { context, _, call in try context.makeRealmLazyNamespace(call) }
        }
    }

    /// `bytes` as a string of as many code units, each a byte's value.
    private static func byteString(_ bytes: [UInt8]) -> String {
        String(decoding: bytes.map { UInt16($0) }, as: UTF16.self)
    }

    /// Argument `index` of an API native: the JSON text of the call's arguments, an array.
    private static func apiArguments(_ call: NativeCall, _ index: Int, _ function: String) throws -> JSONValue {
        let text = try call.requiredString(index, function, "arguments JSON")
        guard let arguments = JSONValue.parse(text), case .array = arguments else {
            throw NativeArgumentError("\(function): argument \(index + 1) (arguments JSON) must be the JSON text of an array.")
        }
        return arguments
    }
}
