import BrowserModel
import Foundation
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
    /// `loadModule(name)`, `proxyTarget(value)`, `hardware()`: the host's modules, and what
    /// JavaScript cannot tell; `importScript(url)`: one script of a service worker's
    /// `importScripts` (``ExtensionContext/importScript(_:)``).
    case engine
    /// `monotonicNow()`: the context's clock (the loop's, from its time origin), `timeOrigin()`,
    /// `wallNow()`: the wall clock, in milliseconds; `timeout(ms, callback)`;
    /// `order()`: the host's count of listeners added, for their order across worlds.
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
    /// `kind(value)`: what a value is as a `BufferSource` (`Uint8Array`, `DataView`,
    /// `ArrayBuffer`, ...; undefined for anything else); `byteLength(value)`: how many bytes it
    /// holds; `copy(value)`: a new ArrayBuffer of its bytes; `uint8Array(value)`: a new Uint8Array of
    /// them; `utf8(text)`: a new ArrayBuffer of the text in UTF-8; `fromLowBytes(text)`: a new
    /// ArrayBuffer of the low eight bits of each of the text's code units; `view(type, buffer,
    /// byteOffset, length)`: a new typed array of the context (undefined for a type the C API
    /// cannot make, `Float16Array`); `detach(buffer)`: a transfer's detaching. Read through the C API, never
    /// through the script's own built-ins (``BufferSourceKind``).
    case bytes
    /// `encode(string)`: a new `Uint8Array` of the string's UTF-8; `encodeInto(string, view)`: writes
    /// as much of it as fits (whole characters) into a `Uint8Array`, returns `[read, written]`;
    /// `lookup(label)`: the encoding a label names (``TextEncoding``), `replacement`,
    /// `unsupported` or undefined; `decode(encoding, pending, source, flush, fatal)`: decodes the
    /// bytes `pending` (a string of code units 0 to 255) then those of `source` (a `BufferSource`
    /// or undefined), returns `[text, pending]`, or null for an error when `fatal`. What the
    /// context's `TextEncoder` and `TextDecoder` (js/29_encoding.js) ask.
    case encoding
    /// `fillRandom(view)`: fills an integer typed array from the system's random source;
    /// `randomBytes(count)`: as many random bytes, as a string of code units 0 to 255;
    /// `digest(algorithm, source)`: a new `ArrayBuffer` of the context holding the digest of a
    /// `BufferSource`'s bytes (GLib). What the context's `crypto` (js/27_crypto.js) asks.
    case crypto
    /// `load(input, method, api)`: what a `fetch` (api `fetch`) or an `XMLHttpRequest` (`xhr`) of `input` gets (``ExtensionContext/fetchLoad(_:)``);
    /// `send(url, method, headers, body, cors, callback)`: `--network`'s request to a real server
    /// (``ExtensionContext/fetchSend(_:)``);
    /// `resolve(url)`: the URL resolved against the context's, or null. The context's `fetch`
    /// (js/32_fetch.js).
    case fetch
    /// `length`, `key`, `get`, `keys`, `set`, `remove`, `clear` of a Web Storage area (`local` or
    /// `session`) of the context (``ExtensionContext/storageNative(_:_:host:)``): js/35_storage.js.
    case storage
    /// `load(url)`, `resolve(specifier, base)`, `syntaxError(message, url, line, column)`: module scripts
    /// (js/36_module_scripts.js; `ExtensionContext+ModuleScripts.swift`).
    case modules
    /// `write(value, errorPrefix)`: the text structured clone writes for a value of the context,
    /// by the host realm's writer (js/45_structured_clone.js; ``ExtensionContext/writeStructuredClone(_:errorPrefix:)``);
    /// what it throws is the context's own. What `structuredClone` (js/46_structured_clone.js) asks.
    case clone
    /// `listen(name, listening)`, `post(name, text)`: the context's BroadcastChannels, and their
    /// messages to the other contexts of its origin (js/48_channel_messaging.js;
    /// `ExtensionContext+Broadcast.swift`).
    case broadcast
    /// `global()`: the page's own window (its main world's global, made when the page has none);
    /// `exportFunction(function)`: a function of the page's realm that calls a function of the
    /// content script; `adopt(value)`: a value of the content script as the page receives it (a
    /// copy `cloneInto` made, read again in the page's realm; another object, one the page may not
    /// read). What Firefox's content scripts reach of the page (js/49_firefox_content.js;
    /// `ExtensionContext+PageAccess.swift`); only Firefox's content scripts have them.
    case page

    /// Whether a context of `kind` has the group in its `host.native`: the realm and test natives
    /// are its record's in the host realm, the driver's only a driver's, and a web page's own
    /// scripts have no extension messaging (of the API they have only the web platform's calls,
    /// which each function's contexts allow: ``ExtensionAPI``).
    func isInContext(of kind: ContextKind) -> Bool {
        switch self {
        case .realm, .test: false
        case .driver: kind == .driver
        case .port: kind != .webPage
        case .page: kind == .content
        default: true
        }
    }
}

extension ExtensionContext {
    /// Defines every group the context's own modules use on `native`, each made on first use.
    func installNativeFunctions(on native: ScriptValue) {
        for group in NativeGroup.allCases where group.isInContext(of: kind) {
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
            define("importScript") { context, _, call in try context.importScript(call) }
            // workerInstallFailed(): a promise the worker's `install` waited for was rejected;
            // workerInstalled(): they all settled (js/33_service_worker.js).
            define("workerInstallFailed") { context, host, _ in
                host.failWorkerInstall(of: context)
                return .undefined
            }
            define("workerInstalled") { context, _, _ in
                if context.isServiceWorker { context.owner?.serviceWorkerInstalled = true }
                return .undefined
            }
            // fillGlobal(module, name): the host-realm module `module`, which fills its globals one
            // at a time, makes the global `name` (its constructor was first touched).
            define("fillGlobal") { context, _, call in
                let module = try call.requiredString(0, prefix + "fillGlobal", "module name")
                let name = try call.requiredString(1, prefix + "fillGlobal", "global name")
                try context.fillRealmGlobal(name, of: module)
                return .undefined
            }
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
            // The machine's processors and memory, as JSON: `navigator.hardwareConcurrency` and `deviceMemory`.
            define("hardware") { _, _, _ in
                let info = ProcessInfo.processInfo
                return .string(JSONValue.object([
                    ("processors", .int(info.activeProcessorCount)),
                    ("memoryGiB", .number(Double(info.physicalMemory) / 1_073_741_824)),
                ]).jsonText)
            }
        case .clock:
            define("monotonicNow") { context, host, _ in .number(host.loop.now - context.timeOrigin) }
            // timeOrigin(): where the context's clock starts on the loop's (milliseconds): what
            // lines its frames up with every other document's.
            define("timeOrigin") { context, _, _ in .number(context.timeOrigin) }
            define("wallNow") { _, host, _ in .number(host.loop.epoch + host.loop.now) }
            // order(): a number greater than every one it gave before, in any context of the host:
            // the order in which listeners were added to the DOM's targets, which the worlds of a
            // document share (js/31_events.js).
            define("order") { _, host, _ in
                host.nextListenerOrder += 1
                return .number(Double(host.nextListenerOrder))
            }
            // timeout(milliseconds, callback): calls `callback` (of the host's JavaScript, never a
            // script's) in a task of its own that much later, unless the context closes first
            // (`AbortSignal.timeout`: no script can see or clear it, unlike `setTimeout`'s).
            define("timeout") { context, host, call in
                let milliseconds = try call.requiredInteger(0, prefix + "timeout", "milliseconds")
                let callback = call.argument(1)
                guard callback.isFunction else { throw NativeArgumentError("clock.timeout: argument 2 (callback) must be a function.") }
                _ = host.loop.startTimer(after: Double(max(0, milliseconds)), owner: context.id) { [weak context] in
                    context?.runHostCallback(callback)
                }
                return .undefined
            }
        case .api:
            define("request") { context, host, call in
                let method = try call.requiredString(0, prefix + "request", "method")
                let arguments = try Self.apiArguments(call, 1, prefix + "request")
                let requestID = try call.requiredInteger(2, prefix + "request", "request id")
                guard let instance = context.owner else { throw NativeArgumentError("api.request: a web page's context has no extension API.") }
                // (An orphaned content script's call goes nowhere and is never answered: recorded,
                // content-script-orphaned.)
                if context.isOrphaned { return .undefined }
                host.backgroundCalledAPI(context, requestID: requestID)
                host.api.request(APIRequest(method: method, arguments: arguments, context: context, instance: instance, requestID: requestID), in: host)
                return .undefined
            }
            define("listening") { context, host, call in
                let name = try call.requiredString(0, prefix + "listening", "event name")
                let listens = try call.requiredBoolean(1, prefix + "listening", "listens")
                let persistent = try call.requiredBoolean(2, prefix + "listening", "persistent")
                host.contextListens(context, to: name, listens, persistent: persistent)
                return .undefined
            }
            define("suspendListenersSettled") { context, host, call in
                host.suspendListenersSettled(in: context, try call.requiredInteger(0, prefix + "suspendListenersSettled", "suspension"))
                return .undefined
            }
            define("listenerPromisePending") { context, host, _ in
                .number(Double(host.listenerPromisePending(in: context)))
            }
            define("listenerPromiseSettled") { context, host, call in
                host.listenerPromiseSettled(in: context, try call.requiredInteger(0, prefix + "listenerPromiseSettled", "number"))
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
        case .bytes:
            define("kind") { _, _, call in
                guard let kind = call.argument(0).bufferSourceKind else { return .undefined }
                return .string(kind.name)
            }
            define("copy") { context, _, call in
                guard let bytes = call.argument(0).bufferSourceBytes else { throw NativeArgumentError("bytes.copy: argument 1 (source) must be an ArrayBuffer or a view of one.") }
                return .value(context.script.arrayBuffer(bytes))
            }
            define("uint8Array") { context, _, call in
                guard let bytes = call.argument(0).bufferSourceBytes else { throw NativeArgumentError("bytes.uint8Array: argument 1 (source) must be an ArrayBuffer or a view of one.") }
                return .value(context.script.uint8Array(bytes))
            }
            define("fromLowBytes") { context, _, call in
                let text = try call.requiredString(0, prefix + "fromLowBytes", "text")
                return .value(context.script.arrayBuffer(text.utf16.map { UInt8(truncatingIfNeeded: $0) }))
            }
            define("view") { context, _, call in
                let type = try call.requiredString(0, prefix + "view", "type")
                guard call.argument(1).bufferSourceKind == .arrayBuffer else {
                    throw NativeArgumentError("bytes.view: argument 2 (buffer) must be an ArrayBuffer.")
                }
                let offset = try call.requiredInteger(2, prefix + "view", "byteOffset")
                let length = try call.requiredInteger(3, prefix + "view", "length")
                return context.script.typedArray(type, on: call.argument(1), byteOffset: offset, length: length).map { .value($0) } ?? .undefined
            }
            define("detach") { _, _, call in
                .boolean(call.argument(0).detachArrayBuffer())
            }
            define("utf8") { context, _, call in
                .value(context.script.arrayBuffer(Array(try call.requiredString(0, prefix + "utf8", "text").utf8)))
            }
            // concat(list): a new ArrayBuffer of the bytes of a list of ArrayBuffers and views, in order.
            define("concat") { context, _, call in
                let list = call.argument(0)
                let count = Int(try list.property("length").numberValue)
                var bytes: [UInt8] = []
                for index in 0..<max(0, count) {
                    guard let part = try list.property(String(index)).bufferSourceBytes else {
                        throw NativeArgumentError("bytes.concat: element \(index) must be an ArrayBuffer or a view of one.")
                    }
                    bytes += part
                }
                return .value(context.script.arrayBuffer(bytes))
            }
            // slice(source, start, end): a new ArrayBuffer of bytes start..<end of a BufferSource.
            define("slice") { context, _, call in
                guard let bytes = call.argument(0).bufferSourceBytes else { throw NativeArgumentError("bytes.slice: argument 1 (source) must be an ArrayBuffer or a view of one.") }
                let start = min(max(0, try call.requiredInteger(1, prefix + "slice", "start")), bytes.count)
                let end = min(max(start, try call.requiredInteger(2, prefix + "slice", "end")), bytes.count)
                return .value(context.script.arrayBuffer(Array(bytes[start..<end])))
            }
            // base64(source), latin1(source): the bytes as base64, or as a string of code units 0 to 255.
            define("base64") { _, _, call in
                guard let bytes = call.argument(0).bufferSourceBytes else { throw NativeArgumentError("bytes.base64: argument 1 (source) must be an ArrayBuffer or a view of one.") }
                return .string(Data(bytes).base64EncodedString())
            }
            define("latin1") { _, _, call in
                guard let bytes = call.argument(0).bufferSourceBytes else { throw NativeArgumentError("bytes.latin1: argument 1 (source) must be an ArrayBuffer or a view of one.") }
                return .string(Self.byteString(bytes))
            }
            define("byteLength") { _, _, call in
                let value = call.argument(0)
                guard value.bufferSourceKind != nil else { throw NativeArgumentError("bytes.byteLength: argument 1 (source) must be an ArrayBuffer or a view of one.") }
                return .number(Double(value.bufferSourceByteLength))
            }
        case .encoding:
            define("encode") { context, _, call in
                .value(context.script.uint8Array(Array(try call.requiredString(0, prefix + "encode", "text").utf8)))
            }
            define("encodeInto") { _, _, call in
                let text = try call.requiredString(0, prefix + "encodeInto", "text")
                let view = call.argument(1)
                guard view.bufferSourceKind == .typedArray("Uint8Array") else {
                    throw NativeArgumentError("encoding.encodeInto: argument 2 (view) must be a Uint8Array.")
                }
                let capacity = view.bufferSourceByteLength
                var bytes: [UInt8] = []
                var read = 0
                for scalar in text.unicodeScalars {
                    let encoded = Array(String(scalar).utf8)
                    guard bytes.count + encoded.count <= capacity else { break }
                    bytes += encoded
                    read += scalar.utf16.count
                }
                view.writeBufferSourceBytes(bytes)
                return .json("[\(read),\(bytes.count)]")
            }
            define("lookup") { _, _, call in
                switch TextEncoding.lookup(label: try call.requiredString(0, prefix + "lookup", "label")) {
                case .encoding(let encoding): return .string(encoding.rawValue)
                case .replacement: return .string("replacement")
                case .unsupported: return .string("unsupported")
                case .unknown: return .undefined
                }
            }
            define("decode") { _, _, call in
                let name = try call.requiredString(0, prefix + "decode", "encoding")
                guard let encoding = TextEncoding(rawValue: name) else {
                    throw NativeArgumentError("encoding.decode: argument 1 (encoding) must be an encoding's name, not \(name).")
                }
                var bytes = Self.bytes(ofByteString: try call.requiredString(1, prefix + "decode", "pending"))
                let source = call.argument(2)
                if !source.isUndefined {
                    guard let more = source.bufferSourceBytes else {
                        throw NativeArgumentError("encoding.decode: argument 3 (source) must be an ArrayBuffer, a view of one, or undefined.")
                    }
                    bytes += more
                }
                guard let decoded = encoding.decode(bytes, flush: call.argument(3).booleanValue, fatal: call.argument(4).booleanValue) else { return .null }
                return .json(JSONValue.array([.string(decoded.text), .string(Self.byteString(decoded.pending))]).jsonText)
            }
        case .storage:
            for name in ["length", "key", "get", "keys", "set", "remove", "clear"] {
                define(name) { context, host, call in try context.storageNative(name, call, host: host) }
            }
        case .page:
            define("global") { context, host, _ in .value(try context.pageWorld(host: host).script.global) }
            define("exportFunction") { context, host, call in try context.exportToPage(call.argument(0), host: host) }
            define("adopt") { context, host, call in try context.adoptIntoPage(call.argument(0), host: host) }
        case .broadcast:
            define("listen") { context, _, call in try context.listenToBroadcasts(call) }
            define("post") { context, host, call in try context.postBroadcast(call, host: host) }
        case .modules:
            define("load") { context, _, call in try context.loadModuleScript(call) }
            define("resolve") { context, _, call in try context.resolveModuleSpecifier(call) }
            define("syntaxError") { context, _, call in try context.moduleSyntaxError(call) }
        case .fetch:
            define("load") { context, _, call in try context.fetchLoad(call) }
            define("send") { context, _, call in try context.fetchSend(call) }
            // origin(): the context's origin (the extension's, or a content script's page's).
            define("origin") { context, _, _ in .string(context.origin) }
            define("resolve") { context, _, call in
                let input = try call.requiredString(0, prefix + "resolve", "url")
                guard let url = WebURL(string: input, relativeTo: WebURL(string: context.url)) else { return .null }
                return .string(url.href)
            }
        case .clone:
            define("write") { context, _, call in
                let errorPrefix = try call.requiredString(1, prefix + "write", "error prefix")
                return .value(try context.writeStructuredClone(call.argument(0), errorPrefix: errorPrefix))
            }
        case .crypto:
            define("fillRandom") { _, _, call in
                let view = call.argument(0)
                guard let kind = view.bufferSourceKind, kind.isIntegerArray else {
                    throw NativeArgumentError("crypto.fillRandom: argument 1 (view) must be a typed array of integers.")
                }
                let count = view.bufferSourceByteLength
                guard count <= 65536 else { throw NativeArgumentError("crypto.fillRandom: argument 1 (view) must hold at most 65536 bytes, not \(count).") }
                var generator = SystemRandomNumberGenerator()
                view.writeBufferSourceBytes((0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) })
                return .undefined
            }
            define("randomBytes") { _, _, call in
                let count = try call.requiredInteger(0, prefix + "randomBytes", "count")
                guard (0...65536).contains(count) else {
                    throw NativeArgumentError("crypto.randomBytes: argument 1 (count) must be 0 to 65536, not \(count).")
                }
                var generator = SystemRandomNumberGenerator()
                return .string(Self.byteString((0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }))
            }
            define("digest") { context, _, call in
                let name = try call.requiredString(0, prefix + "digest", "algorithm")
                guard let algorithm = DigestAlgorithm(webCryptoName: name) else {
                    throw NativeArgumentError("crypto.digest: argument 1 (algorithm) must be SHA-1, SHA-256, SHA-384 or SHA-512, not \(name).")
                }
                guard let bytes = call.argument(1).bufferSourceBytes else {
                    throw NativeArgumentError("crypto.digest: argument 2 (source) must be an ArrayBuffer or a view of one.")
                }
                return .value(context.script.arrayBuffer(algorithm.digest(bytes)))
            }
        case .realm:
            define("function") { context, _, call in try context.makeRealmFunction(call) }
            define("retarget") { context, _, call in try context.retargetRealmFunction(call) }
            define("lazyNamespace") { context, _, call in try context.makeRealmLazyNamespace(call) }
            // makeGlobal(name): makes the context's lazy global `name` (a constructor a host-realm
            // module adopts before a script touched it: js/63_dom.js's interfaces).
            define("makeGlobal") { context, _, call in
                context.lazyGlobals?.makeGlobal(named: try call.requiredString(0, "realm.makeGlobal", "name"))
                return .undefined
            }
        }
    }

    /// The bytes a string of code units 0 to 255 holds (each code unit's low byte).
    private static func bytes(ofByteString text: String) -> [UInt8] {
        text.utf16.map { UInt8(truncatingIfNeeded: $0) }
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
