import BrowserModel
import JSEngine

/// One JavaScript world of an extension: its background, its content scripts in one frame, or a
/// test driver. Each is its own ``ScriptContext``; nothing passes between them but data sent
/// through the host.
///
/// The context runs the host's JavaScript (`js/*.js`) first, which installs `console`, timers and
/// the `browser`/`chrome` namespaces over a few native calls; Swift then sends it everything
/// (events, responses, timers) through one function, `receive`, each as a task of its own.
public final class ExtensionContext {
    /// A number unique among the host's contexts.
    public let id: Int
    /// What kind of context this is.
    public let kind: ContextKind
    /// The extension it belongs to.
    public unowned let owner: ExtensionInstance
    /// For content scripts: the tab of the frame.
    public let tabID: Int?
    /// For content scripts: the frame.
    public let frameID: Int?
    /// The id of the context's document: its frame's for content scripts, its own for an extension page.
    public let documentID: String?
    /// The URL of the page or script this context runs for.
    public let url: String

    let script: ScriptContext
    private unowned let host: ExtensionHost
    private var receiver: ScriptValue?
    /// Whether the context was closed (its page went away).
    public private(set) var isClosed = false

    init(id: Int, kind: ContextKind, owner: ExtensionInstance, host: ExtensionHost, url: String, tabID: Int? = nil, frameID: Int? = nil, documentID: String? = nil, extraInfo: [(String, JSONValue)] = []) {
        self.id = id
        self.kind = kind
        self.owner = owner
        self.host = host
        self.url = url
        self.tabID = tabID
        self.frameID = frameID
        self.documentID = documentID
        let name = kind == .content ? "content \(owner.manifest.name) tab \(tabID ?? -1) frame \(frameID ?? -1)" : "\(kind.rawValue) \(owner.manifest.name)"
        let isServiceWorker = kind == .background && { if case .serviceWorker? = owner.manifest.background { return true } else { return false } }()
        script = ScriptContext(machine: host.machine, name: name, globalClassName: isServiceWorker ? "ServiceWorkerGlobalScope" : "Window")
        install(extraInfo: extraInfo)
    }

    /// Whether this is an extension's background service worker.
    var isServiceWorker: Bool {
        guard kind == .background, case .serviceWorker? = owner.manifest.background else { return false }
        return true
    }

    /// Closes the context: its timers stop, its ports close, and nothing more is delivered to it.
    ///
    /// - Parameter navigated: its page navigated away (rather than closing).
    func close(navigated: Bool = false) {
        guard !isClosed else { return }
        isClosed = true
        host.loop.cancelTimers(owner: id)
        receiver = nil
        host.router.contextClosed(self, navigated: navigated)
        script.close()
    }

    // MARK: - Set-up

    private func install(extraInfo: [(String, JSONValue)]) {
        let hostObject = script.object()
        self.hostObject = hostObject
        let native = script.object()
        installNativeFunctions(on: native)
        var info: [(String, JSONValue)] = [
            ("kind", .string(kind.rawValue)),
            ("extensionId", .string(owner.id.runtimeID)),
            ("baseURL", .string(owner.id.baseURL)),
            ("manifestVersion", .int(owner.manifest.manifestVersion)),
            ("manifestJSON", .string(host.options.flavor == .firefox
                ? FirefoxManifest.normalizedJSON(owner.manifest.rawJSON, baseURL: owner.id.baseURL) : owner.manifest.rawJSON)),
            ("hasAction", .bool(owner.manifest.hasAction)),
            ("url", .string(url)),
            ("location", LocationParts.make(url)),
            ("isServiceWorker", .bool(isServiceWorker)),
        ]
        if let tabID { info.append(("tabId", .int(tabID))) }
        if let frameID { info.append(("frameId", .int(frameID))) }
        info += extraInfo
        do {
            try hostObject.setProperty("native", native)
            try hostObject.setProperty("global", script.global)
            try hostObject.setProperty("kind", script.string(kind.rawValue))
            try hostObject.setProperty("flavor", script.string(host.options.flavor.rawValue))
            try hostObject.setProperty("context", script.parseJSON(JSONValue.object(info).jsonText) ?? script.object())
            for (name, source) in EmbeddedScripts.all {
                let setUp = try script.evaluate(source, sourceURL: "exthost:///js/\(name)")
                try setUp.call([hostObject])
            }
            receiver = try hostObject.property("receive")
        } catch let error as ScriptError {
            fatalError("exthost's own js failed to load in \(script.name): \(error)")
        } catch let error as ThrownValue {
            fatalError("exthost's own js failed to load in \(script.name): \(error.scriptError)")
        } catch {
            fatalError("exthost's own js failed to load in \(script.name): \(error)")
        }
        let reportUncaught = try? hostObject.property("reportUncaught")
        script.onUnhandledRejection { [unowned self] _, reason in
            guard !isClosed, let reportUncaught else { return }
            _ = try? reportUncaught.call([reason, script.boolean(true)])
        }
        self.reportUncaught = reportUncaught
    }

    private var reportUncaught: ScriptValue?
    /// The `host` object the context's JavaScript in `js/` shares (never reachable from extension code).
    private(set) var hostObject: ScriptValue?

    private func installNativeFunctions(on native: ScriptValue) {
        func define(_ name: String, _ body: @escaping NativeFunction.Body) {
            try? native.setFunction(name, body)
        }
        define("consoleMessage") { [unowned self] call in
            host.emit(ConsoleLevel(rawValue: call.string(0)) ?? .log, call.string(1), from: self)
            return .undefined
        }
        define("uncaught") { [unowned self] call in
            host.emit(.error, call.string(0), from: self, location: call.optionalString(1), isUncaught: true)
            return .undefined
        }
        define("listenerError") { [unowned self] call in
            host.emit(.error, call.string(0), from: self, location: call.optionalString(1), isUncaught: true)
            return .undefined
        }
        define("monotonicNow") { [unowned self] _ in .number(host.loop.now) }
        define("wallNow") { [unowned self] _ in .number(host.loop.epoch + host.loop.now) }
        define("startTimer") { [unowned self] call in
            let timerID = call.integer(0) ?? 0
            let timer = host.loop.startTimer(after: call.number(1), repeats: call.boolean(2), owner: id) { [weak self] in
                self?.receive("timer", .number(Double(timerID)))
            }
            timers[timerID] = timer
            return .undefined
        }
        define("cancelTimer") { [unowned self] call in
            if let timerID = call.integer(0), let timer = timers.removeValue(forKey: timerID) {
                host.loop.cancelTimer(timer)
            }
            return .undefined
        }
        define("request") { [unowned self] call in
            let method = call.string(0)
            let arguments = JSONValue.parse(call.string(1)) ?? .array([])
            let requestID = call.integer(2) ?? 0
            host.api.request(APIRequest(method: method, arguments: arguments, context: self, requestID: requestID))
            return .undefined
        }
        define("openChannel") { [unowned self] call in
            guard let request = JSONValue.parse(call.string(0)), let target = MessageTarget(request) else { return .number(-1) }
            let kind: PortChannel.Kind = request["oneTime"]?.boolValue == true ? .oneTime : .port
            let portID = host.router.open(
                from: self, to: target, name: request["name"] ?? .string(""), kind: kind, message: call.optionalString(1))
            return .number(Double(portID))
        }
        define("postMessage") { [unowned self] call in
            if let portID = call.integer(0) { host.router.post(from: portID, call.string(1)) }
            return .undefined
        }
        define("disconnectPort") { [unowned self] call in
            if let portID = call.integer(0) { host.router.disconnect(portID: portID) }
            return .undefined
        }
        define("respond") { [unowned self] call in
            if let portID = call.integer(0) { host.router.respond(from: portID, text: call.optionalString(1), error: call.optionalString(2)) }
            return .undefined
        }
        define("abandonResponse") { [unowned self] call in
            if let portID = call.integer(0) { host.router.abandon(portID: portID) }
            return .undefined
        }
        define("call") { [unowned self] call in
            let method = call.string(0)
            let arguments = JSONValue.parse(call.string(1)) ?? .array([])
            switch host.api.call(method, arguments: arguments, from: self) {
            case .success(let result): return result
            case .failure(let error): return .json(JSONValue.object([("error", .string(error.message))]).jsonText)
            }
        }
    }

    private var timers: [Int: TimerID] = [:]

    // MARK: - Running

    /// Runs a script of the extension, reporting what it throws as uncaught.
    ///
    /// - Returns: whether the script ran to its end without throwing.
    @discardableResult
    func runScript(_ source: String, url: String) -> Bool {
        guard !isClosed else { return false }
        return script.withLock {
            do {
                try script.execute(source, sourceURL: url)
                return true
            } catch let error as ThrownValue {
                report(error)
                return false
            } catch {
                return false
            }
        }
    }

    /// Calls the context's `receive(kind, a, b, c)` now, as the top-level call of the current task,
    /// and returns what it returned, as JSON (`nil` when the context is closed or the call threw).
    @discardableResult
    func receive(_ kind: String, _ a: ReceiveArgument = .undefined, _ b: ReceiveArgument = .undefined, _ c: ReceiveArgument = .undefined) -> JSONValue? {
        guard !isClosed, let receiver else { return nil }
        return script.withLock { () -> JSONValue? in
            do {
                let result = try receiver.call([script.string(kind), a.value(in: script), b.value(in: script), c.value(in: script)])
                guard !result.isUndefined, let json = try? result.jsonString() else { return nil }
                return JSONValue.parse(json)
            } catch let error as ThrownValue {
                report(error)
            } catch {
                host.emit(.error, "Uncaught \(error)", from: self, isUncaught: true)
            }
            return nil
        }
    }

    /// Sends something to the context as a task of its own; `then` gets what `receive` returned
    /// (`nil` also when the context closed before the task ran).
    func deliver(_ kind: String, _ a: ReceiveArgument = .undefined, _ b: ReceiveArgument = .undefined, _ c: ReceiveArgument = .undefined, then: ((JSONValue?) -> Void)? = nil) {
        host.crossProcess { [weak self] in
            let result = self?.receive(kind, a, b, c)
            then?(result)
        }
    }

    /// Dispatches the event `name` (`tabs.onUpdated`) with `arguments` as a task of its own.
    func dispatchEvent(_ name: String, _ arguments: [JSONValue]) {
        deliver("event", .string(name), .string(JSONValue.array(arguments).jsonText))
    }

    /// Reports `text`, thrown as a plain value (not an Error), as an uncaught exception of this context.
    func reportUncaught(_ text: String) {
        if let reportUncaught {
            _ = try? reportUncaught.call([script.string(text), script.boolean(false)])
        } else {
            let owner: ExtensionHost? = host
            owner?.emit(.error, "Uncaught \(text)", from: self, isUncaught: true)
        }
    }

    private func report(_ error: ThrownValue) {
        if let reportUncaught {
            _ = try? reportUncaught.call([error.value, script.boolean(false)])
        } else {
            host.emit(.error, "Uncaught \(error.scriptError.summary)", from: self, location: error.scriptError.location, isUncaught: true)
        }
    }
}

/// A value Swift passes to a context's `receive`.
enum ReceiveArgument {
    case undefined
    case number(Double)
    case string(String)
    case null

    func value(in context: ScriptContext) -> ScriptValue {
        switch self {
        case .undefined: return context.undefined
        case .null: return context.null
        case .number(let number): return context.number(number)
        case .string(let text): return context.string(text)
        }
    }
}
