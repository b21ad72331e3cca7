import CJavaScriptCore
import Synchronization

/// One JavaScript global context: a realm with its own global object.
///
/// Every extension context is its own `ScriptContext`: the background, each frame's content scripts,
/// and a test driver. Contexts share their ``VirtualMachine`` but no context can see another's globals.
/// Values made in a context are ``ScriptValue``s, kept alive while Swift holds them.
public final class ScriptContext {
    /// The machine this context runs in.
    public let machine: VirtualMachine
    /// A name for people: shown in errors and in a debugger.
    public let name: String
    /// The underlying global context.
    let ref: JSGlobalContextRef
    /// The globals the context makes on first touch, if any (``LazyGlobals``).
    let lazyGlobalNames: LazyGlobalNames?
    /// Whether ``close()`` was called; a closed context runs nothing more.
    public private(set) var isClosed = false
    /// The realm's own `Object.prototype` and `Function.prototype`, as they were made (never
    /// looked up through the global, which scripts may change).
    let objectPrototype: JSObjectRef
    let functionPrototype: JSObjectRef
    /// The realm's own `Reflect.defineProperty`, taken before any script ran (kept alive here:
    /// a script may delete `Reflect`). ``ScriptValue/defineProperty(_:_:enumerable:)`` defines
    /// with it: the C API's JSObjectSetProperty assigns instead whenever the prototype chain has
    /// the name, running a setter a script put there.
    let reflectDefineProperty: JSObjectRef
    /// What the context's forwarding functions call (``NativeFunction/makeForwarding(name:length:in:to:data:)``).
    var forwardingTargets = ForwardingTargets()

    /// Creates a context with a new global object in `machine`.
    ///
    /// - Parameter globalClassName: the class name of the global object (`Window`,
    ///   `ServiceWorkerGlobalScope`), which `Object.prototype.toString` shows; the global's
    ///   prototype is then an object of its own, between the global and `Object.prototype`.
    /// - Parameter lazyGlobals: the globals made on their first touch (``LazyGlobals``), which
    ///   ``installLazyGlobals(make:)`` starts.
    public init(machine: VirtualMachine, name: String, globalClassName: String? = nil, lazyGlobals: LazyGlobalNames? = nil) {
        self.machine = machine
        self.name = name
        lazyGlobalNames = lazyGlobals
        let globalClass: JSClassRef? = if let lazyGlobals {
            lazyGlobals.globalClass(named: globalClassName ?? "Object")
        } else {
            globalClassName.map(Self.globalClass(named:))
        }
        let ref = JSGlobalContextCreateInGroup(machine.group, globalClass)!
        self.ref = ref
        // (An object and a function made here get the realm's intrinsic prototypes.)
        objectPrototype = JSValueToObject(ref, JSObjectGetPrototype(ref, JSObjectMake(ref, nil, nil)), nil)!
        functionPrototype = JSValueToObject(ref, JSObjectGetPrototype(ref, JSObjectMakeFunctionWithCallback(ref, nil, nil)), nil)!
        let global = JSContextGetGlobalObject(ref)
        let reflect = withJSString("Reflect") { JSValueToObject(ref, JSObjectGetProperty(ref, global, $0, nil), nil)! }
        reflectDefineProperty = withJSString("defineProperty") { JSValueToObject(ref, JSObjectGetProperty(ref, reflect, $0, nil), nil)! }
        JSValueProtect(ref, reflectDefineProperty)
        withJSString(name) { JSGlobalContextSetName(ref, $0) }
        noteOpen()
    }

    /// One class per global class name, made once and shared by every machine (classes never
    /// change after they are made); hosts on several threads may ask at once.
    private static let globalClasses = Mutex<[String: GlobalClass]>([:])

    private struct GlobalClass: @unchecked Sendable {
        let ref: JSClassRef
    }

    private static func globalClass(named name: String) -> JSClassRef {
        globalClasses.withLock { classes in
            if let existing = classes[name] { return existing.ref }
            var definition = kJSClassDefinitionEmpty
            let made = name.withCString { className -> JSClassRef in
                definition.className = className
                return JSClassCreate(&definition)
            }
            classes[name] = GlobalClass(ref: made)
            return made
        }
    }

    deinit {
        close()
    }

    /// Releases the global context. Values still held by Swift stay valid objects to Swift but
    /// calls through them do nothing; each is unprotected when Swift lets it go, and the machine
    /// reclaims the realm's memory once nothing holds its objects.
    public func close() {
        guard !isClosed else { return }
        isClosed = true
        for action in closeActions { action() }
        closeActions.removeAll()
        noteClosed()
        forwardingTargets.removeAll()
        // (The global object keeps its unhandled-rejection callback as a root of the heap: the
        // callback, a function of this realm, would keep the realm alive for good. The C API takes
        // no null, so the machine's inert function, of its own realm, takes its place.)
        if hasUnhandledRejectionCallback { JSGlobalContextSetUnhandledRejectionCallback(ref, machine.inertFunction, nil) }
        JSValueUnprotect(ref, reflectDefineProperty)
        JSGlobalContextRelease(ref)
    }

    /// Whether ``onUnhandledRejection(_:)`` gave the global object a callback, which ``close()``
    /// takes back.
    private var hasUnhandledRejectionCallback = false

    /// What runs when the context closes (registered by the engine's own objects).
    private var closeActions: [() -> Void] = []

    /// How many actions wait for the context to close (for tests: a context that makes a function
    /// per message must not add one per function).
    var closeActionCount: Int { closeActions.count }

    /// Runs `action` when the context closes.
    func onClose(_ action: @escaping () -> Void) {
        closeActions.append(action)
    }

    /// Whether `value` is an object made in another realm of the machine, which must never be
    /// handed to this context's scripts: it carries its realm's `Function` constructor and
    /// prototypes with it (`value.constructor.constructor`). (Primitives belong to no realm, nor do
    /// the engine's own objects, such as the exception that stops a script that ran too long.)
    public func isForeign(_ value: ScriptValue) -> Bool {
        guard JSValueIsObject(ref, value.ref), let object = JSValueToObject(ref, value.ref, nil),
              let realm = JSObjectGetGlobalContext(object) else { return false }
        return realm != ref
    }

    /// Whether `value` is an object of this context's realm.
    func owns(_ value: JSValueRef) -> Bool {
        guard JSValueIsObject(ref, value), let object = JSValueToObject(ref, value, nil),
              let realm = JSObjectGetGlobalContext(object) else { return false }
        return realm == ref
    }

    /// Makes `eval` and the `Function` constructors of this realm throw an `EvalError` with
    /// `message`. (The host's own realm has no use for them, and an object of it that escaped
    /// could otherwise run code there.) Scripts evaluated through the engine are not affected.
    public func disableEval(message: String) {
        withJSString(message) { JSGlobalContextSetEvalEnabled(ref, false, $0) }
    }

    /// The global object (`globalThis`).
    public var global: ScriptValue {
        ScriptValue(JSContextGetGlobalObject(ref), in: self)
    }

    /// Runs `body` holding the machine's lock, so promise jobs queued inside it run only after it
    /// returns. Use it to report an uncaught exception before the jobs its script queued, as browsers do.
    public func withLock<Result>(_ body: () throws -> Result) rethrows -> Result {
        JSLock(ref)
        defer { JSUnlock(ref) }
        return try body()
    }

    /// Runs `body` as one task under the machine's limits: `body`, then the promise jobs it queued,
    /// as one entry into the engine under one deadline (see ``VirtualMachine/runTask(in:_:)``).
    /// Returns `body`'s result and, when the machine stopped the script (too long, too much
    /// memory), why and where; the jobs the stopped task left are discarded, and the context stays
    /// usable either way. Every call of the host into a context's scripts is a task; a task run
    /// inside another is part of it.
    public func runTask<Result>(_ body: () -> Result) -> (Result, ScriptStop?) {
        machine.runTask(in: self, body)
    }

    /// Evaluates a classic script and returns its completion value.
    ///
    /// - Parameters:
    ///   - source: the script's text.
    ///   - sourceURL: the URL that errors and stacks name for this script.
    ///   - startingLine: the line number of the first line of `source`.
    /// - Throws: ``ScriptError`` when the script has a syntax error or throws.
    @discardableResult
    public func evaluate(_ source: String, sourceURL: String, startingLine: Int = 1) throws(ScriptError) -> ScriptValue {
        do {
            return try execute(source, sourceURL: sourceURL, startingLine: startingLine)
        } catch {
            throw error.scriptError
        }
    }

    /// Evaluates a classic script, keeping what it throws as the thrown value itself (for reporting
    /// it as a browser would) rather than as a ``ScriptError``.
    @discardableResult
    public func execute(_ source: String, sourceURL: String, startingLine: Int = 1) throws(ThrownValue) -> ScriptValue {
        precondition(!isClosed, "execute on closed context \(name)")
        let result = try catching { exception in
            withJSString(source) { script in
                withJSString(sourceURL) { url in
                    JSEvaluateScript(ref, script, nil, url, Int32(startingLine), exception)
                }
            }
        }
        return ScriptValue(result ?? JSValueMakeUndefined(ref), in: self)
    }

    /// Declares `name` a `const` of the global lexical scope bound to `value`: every script of the
    /// context can name it, and no property of the global shows it (it is in no object a script can
    /// enumerate). The name must be an identifier the context has not declared.
    public func declareGlobalConstant(_ name: String, _ value: ScriptValue) throws(ThrownValue) {
        precondition(!isClosed, "declareGlobalConstant on closed context \(self.name)")
        precondition(name.unicodeScalars.allSatisfy { $0.properties.isIDContinue || $0 == "$" }, "not an identifier: \(name)")
        // (The script's `this` is `value`: JSEvaluateScript's thisObject.)
        _ = try catching { exception in
            withJSString("const \(name)=this;") { script in
                JSEvaluateScript(ref, script, JSValueToObject(ref, value.ref, nil), nil, 1, exception)
            }
        }
    }

    /// Checks a script for syntax errors without running it.
    public func checkSyntax(_ source: String, sourceURL: String, startingLine: Int = 1) throws(ScriptError) {
        _ = try check { exception in
            withJSString(source) { script in
                withJSString(sourceURL) { url in
                    JSCheckScriptSyntax(ref, script, url, Int32(startingLine), exception)
                }
            }
        }
    }

    /// Runs a C-API call that reports exceptions through an out-parameter, turning one into a thrown ``ScriptError``.
    func check<Result>(_ body: (UnsafeMutablePointer<JSValueRef?>) -> Result) throws(ScriptError) -> Result {
        var exception: JSValueRef?
        let result = body(&exception)
        if let exception {
            throw ScriptError(exception: exception, context: ref)
        }
        return result
    }

    /// Like ``check(_:)`` but keeps the thrown value itself, for reporting it as a browser would.
    func catching<Result>(_ body: (UnsafeMutablePointer<JSValueRef?>) -> Result) throws(ThrownValue) -> Result {
        var exception: JSValueRef?
        let result = body(&exception)
        if let exception {
            throw ThrownValue(value: ScriptValue(exception, in: self))
        }
        return result
    }

    // MARK: - Making values

    /// `undefined`.
    public var undefined: ScriptValue { ScriptValue(JSValueMakeUndefined(ref), in: self) }
    /// `null`.
    public var null: ScriptValue { ScriptValue(JSValueMakeNull(ref), in: self) }

    /// A string value.
    public func string(_ value: String) -> ScriptValue {
        ScriptValue(withJSString(value) { JSValueMakeString(ref, $0) }, in: self)
    }

    /// A number value.
    public func number(_ value: Double) -> ScriptValue {
        ScriptValue(JSValueMakeNumber(ref, value), in: self)
    }

    /// A boolean value.
    public func boolean(_ value: Bool) -> ScriptValue {
        ScriptValue(JSValueMakeBoolean(ref, value), in: self)
    }

    /// A new empty object (`{}`).
    public func object() -> ScriptValue {
        ScriptValue(JSObjectMake(ref, nil, nil), in: self)
    }

    /// A new empty object whose prototype is `prototype`; `nil` makes an object with no prototype
    /// (`Object.create(null)`), whose missing keys read as `undefined` without consulting
    /// `Object.prototype`.
    public func object(prototype: ScriptValue?) -> ScriptValue {
        let object = JSObjectMake(ref, nil, nil)!
        JSObjectSetPrototype(ref, object, prototype?.ref ?? JSValueMakeNull(ref))
        return ScriptValue(object, in: self)
    }

    /// Parses JSON text into a value of this context, or returns `nil` when the text is not JSON.
    /// The engine's statistics of the heap this context's machine shares, as JSON (a full
    /// collection first): heap and extra memory in bytes, live cells in all and by class name
    /// (`objectTypeCounts`), global objects. For measuring what a context is made of.
    public func heapStatisticsJSON() -> String? {
        JSSynchronousGarbageCollectForDebugging(ref)
        guard let statistics = JSGetMemoryUsageStatistics(ref) else { return nil }
        return try? ScriptValue(statistics, in: self).jsonString()
    }

    public func parseJSON(_ json: String) -> ScriptValue? {
        guard let value = withJSString(json, { JSValueMakeFromJSONString(ref, $0) }) else { return nil }
        return ScriptValue(value, in: self)
    }

    /// A new error of this context with `message`: an `Error`, or a `TypeError` or `SyntaxError`
    /// (of the realm's own prototype); of another `name`, an `Error` with an own `name`. No
    /// script's code runs, whatever scripts did to the realm's globals.
    public func error(_ message: String, name: String = "Error") -> ScriptValue {
        var arguments: [JSValueRef?] = [string(message).ref]
        guard let made = JSObjectMakeError(ref, 1, &arguments, nil) else { return undefined }
        if name == "TypeError", let typeErrorPrototype {
            JSObjectSetPrototype(ref, made, typeErrorPrototype)
        } else if name == "SyntaxError", let syntaxErrorPrototype {
            JSObjectSetPrototype(ref, made, syntaxErrorPrototype)
        } else if name != "Error" {
            try? ScriptValue(made, in: self).defineProperty("name", string(name), enumerable: false)
        }
        return ScriptValue(made, in: self)
    }

    /// The realm's own `SyntaxError.prototype`: that of the SyntaxError the engine reports for a
    /// script that does not parse.
    private lazy var syntaxErrorPrototype: JSObjectRef? = {
        var exception: JSValueRef?
        withJSString(")") { script in _ = JSCheckScriptSyntax(ref, script, nil, 1, &exception) }
        guard let exception, let thrown = JSValueToObject(ref, exception, nil) else { return nil }
        return JSValueToObject(ref, JSObjectGetPrototype(ref, thrown), nil)
    }()

    /// The realm's own `TypeError.prototype`: that of a TypeError the engine itself throws.
    private lazy var typeErrorPrototype: JSObjectRef? = {
        var exception: JSValueRef?
        _ = JSValueToObject(ref, JSValueMakeUndefined(ref), &exception)
        guard let exception, let thrown = JSValueToObject(ref, exception, nil) else { return nil }
        return JSValueToObject(ref, JSObjectGetPrototype(ref, thrown), nil)
    }()
}

/// A JavaScript value thrown and not caught, kept as the value itself so it can be reported as the browser would.
public struct ThrownValue: Error, @unchecked Sendable {  // used on the loop's thread only
    /// The value that was thrown.
    public let value: ScriptValue

    /// The throw of `value`.
    public init(value: ScriptValue) {
        self.value = value
    }

    /// The thrown value read as a ``ScriptError``.
    public var scriptError: ScriptError {
        ScriptError(exception: value.ref, context: value.context.ref)
    }
}

extension ScriptContext {
    /// Sets the function told of each promise rejected with no handler, with the promise and the
    /// reason. JavaScriptCore calls it after the promise jobs have run, as browsers report
    /// `Uncaught (in promise)` at the end of a microtask checkpoint.
    public func onUnhandledRejection(_ body: @escaping (_ promise: ScriptValue, _ reason: ScriptValue) -> Void) {
        let function = NativeFunction.make(name: "unhandledRejection", in: self) { call in
            body(call.argument(0), call.argument(1))
            return .undefined
        }
        guard let object = JSValueToObject(ref, function.ref, nil) else { return }
        _ = machine.inertFunction  // (made now, while the engine is not collecting)
        JSGlobalContextSetUnhandledRejectionCallback(ref, object, nil)
        hasUnhandledRejectionCallback = true
    }
}
