import CJavaScriptCore

/// A JavaScript function whose body is Swift.
///
/// Native functions are the few calls that the JavaScript in `js/` makes into the host; they take
/// and return plain data (numbers, strings, JSON text), never objects of another context.
/// All of them share one JavaScriptCore class whose prototype is `Function.prototype`, so
/// `call`, `apply` and `bind` work on them.
public enum NativeFunction {
    /// A native function's body. It may throw: a ``ScriptError`` becomes a JavaScript error with its
    /// name and message, a ``ThrownValue`` is thrown again as it is, and any other Swift error
    /// becomes an `Error` with its description.
    public typealias Body = (NativeCall) throws -> NativeResult

    /// Makes a function named `name` in `context`.
    public static func make(name: String, in context: ScriptContext, body: @escaping Body) -> ScriptValue {
        let box = Unmanaged.passRetained(Box(body: body, context: context)).toOpaque()
        let object = JSObjectMake(context.ref, functionClass, box)!
        JSObjectSetPrototype(context.ref, object, context.functionPrototype)
        let value = ScriptValue(object, in: context)
        let attributes = JSPropertyAttributes(kJSPropertyAttributeReadOnly | kJSPropertyAttributeDontEnum)
        withJSString("name") { key in
            withJSString(name) { JSObjectSetProperty(context.ref, object, key, JSValueMakeString(context.ref, $0), attributes, nil) }
        }
        return value
    }

    /// Makes a function named `name` in `context` as the browser's own functions are: not a
    /// constructor, printed as `function name() { [native code] }`, with a configurable `length`
    /// (as WebIDL's operations). What a script sees of it is the engine's own kind of function;
    /// its body is found by its address (the engine never moves an object).
    public static func makeBuiltin(name: String, length: Int, in context: ScriptContext, body: @escaping Body) -> ScriptValue {
        let function = makeCallbackFunction(name: name, length: length, in: context, callback: callBuiltin)
        builtins.register(Box(body: body, context: context), for: function, in: context)
        return ScriptValue(function, in: context)
    }

    /// Makes a function of `context`'s realm as ``makeBuiltin(name:length:in:body:)`` does, whose
    /// call is `target(data, this, ...arguments)` in `target`'s realm (another realm of the
    /// machine), with nothing between the two but this forwarding. What `target` returns must not
    /// be an object of `target`'s realm: such an object is refused (the caller gets an `Error`
    /// saying so). What it throws reaches the caller as it is, unless it is an object of `target`'s
    /// realm: then as the caller's error of the same name and message.
    public static func makeForwarding(name: String, length: Int, in context: ScriptContext, to target: ScriptValue, data: ScriptValue) -> ScriptValue {
        withJSString(name) { makeForwarding(name: $0, length: length, in: context, to: target, data: data) }
    }

    /// ``makeForwarding(name:length:in:to:data:)`` with the engine's string for the name (the
    /// host's JavaScript gives one per member, and a Swift string of it would be made for nothing).
    public static func makeForwarding(name: ScriptString, length: Int, in context: ScriptContext, to target: ScriptValue, data: ScriptValue) -> ScriptValue {
        makeForwarding(name: name.ref, length: length, in: context, to: target, data: data)
    }

    private static func makeForwarding(name: JSStringRef, length: Int, in context: ScriptContext, to target: ScriptValue, data: ScriptValue) -> ScriptValue {
        let function = makeCallbackFunction(name: name, length: length, in: context, callback: callForwarding)
        if let object = JSValueToObject(target.context.ref, target.ref, nil) {
            context.forwardingTargets.set(.init(function: object, data: data.ref, realm: target.context), for: function)
        }
        return ScriptValue(function, in: context)
    }

    /// Makes `function`, a forwarding function of `context`, call `target(data, this, ...arguments)`
    /// from now on, and lets go of what it called before (a function whose work is over, such as a
    /// one-time message's `sendResponse` once answered, keeps nothing of that work alive). Returns
    /// false, changing nothing, when `function` is no forwarding function of `context`.
    public static func retargetForwarding(_ function: ScriptValue, in context: ScriptContext, to target: ScriptValue, data: ScriptValue) -> Bool {
        guard JSValueIsObject(function.context.ref, function.ref), let object = JSValueToObject(function.context.ref, function.ref, nil),
              context.forwardingTargets.target(for: object) != nil,
              let targetObject = JSValueToObject(target.context.ref, target.ref, nil) else { return false }
        context.forwardingTargets.set(.init(function: targetObject, data: data.ref, realm: target.context), for: object)
        return true
    }

    private static let callForwarding: JSObjectCallAsFunctionCallback = { ctx, function, this, count, arguments, exception in
        guard let function, let context = ScriptContext.openContext(of: function), !context.isClosed,
              let entry = context.forwardingTargets.target(for: function), !entry.realm.isClosed else { return JSValueMakeUndefined(ctx) }
        let targetContext = entry.realm
        var refs = [JSValueRef?](repeating: nil, count: count + 2)
        refs[0] = entry.data
        refs[1] = this ?? JSValueMakeUndefined(ctx)
        for index in 0..<count { refs[index + 2] = arguments?[index] }
        var thrown: JSValueRef?
        let result = refs.withUnsafeBufferPointer { JSObjectCallAsFunction(targetContext.ref, entry.function, nil, count + 2, $0.baseAddress, &thrown) }
        if let thrown {
            // (The machine stopped a script the target ran: the caller stops too.)
            if context.machine.raiseTermination(in: context) { return nil }
            if targetContext.owns(thrown) {
                let error = ThrownValue(value: ScriptValue(thrown, in: targetContext)).scriptError
                exception?.pointee = context.error(error.message, name: error.name ?? "Error").ref
            } else if JSValueIsObject(ctx, thrown), !context.owns(thrown) {
                // (An object of a third realm, another context's, is never handed to the caller.)
                exception?.pointee = context.error("an exthost function failed in another realm").ref
            } else {
                exception?.pointee = thrown
            }
            return nil
        }
        guard let result else { return JSValueMakeUndefined(ctx) }
        if targetContext.owns(result) {
            exception?.pointee = context.error("an exthost function gave an object of its own realm").ref
            return nil
        }
        return result
    }

    /// A function made by the C API, named `name`, with a configurable `length`, that calls `callback`.
    static func makeCallbackFunction(name: String, length: Int, in context: ScriptContext, callback: JSObjectCallAsFunctionCallback) -> JSObjectRef {
        withJSString(name) { makeCallbackFunction(name: $0, length: length, in: context, callback: callback) }
    }

    /// ``makeCallbackFunction(name:length:in:callback:)`` with the engine's string for the name.
    static func makeCallbackFunction(name: JSStringRef, length: Int, in context: ScriptContext, callback: JSObjectCallAsFunctionCallback) -> JSObjectRef {
        let function = JSObjectMakeFunctionWithCallback(context.ref, name, callback)!
        // (Its `length` is 0, read-only and configurable, as WebIDL's: defined again with the
        // value, it keeps its place and attributes, and the function keeps the shape every such
        // function shares. Deleting it and setting it again would give each function a shape of
        // its own, about 0.3 KiB.)
        if length != 0 {
            let key = JSValueMakeString(context.ref, lengthName)!
            try? ScriptValue(function, in: context).defineProperty(key: ScriptValue(key, in: context), context.number(Double(length)), writable: false, enumerable: false)
        }
        return function
    }

    /// The name `length` (made once; the engine's strings may be shared by every machine).
    nonisolated(unsafe) private static let lengthName: JSStringRef = makeJSString("length")

    /// The bodies of the builtin functions of every open context.
    private static let builtins = CallbackFunctionTable<Box>()

    private static let callBuiltin: JSObjectCallAsFunctionCallback = { ctx, function, this, count, arguments, exception in
        guard let box = builtins.entry(for: function) else { return JSValueMakeUndefined(ctx) }
        return run(box, this: this, count: count, arguments: arguments, exception: exception, ctx: ctx)
    }

    /// Runs a native's body for one call, turning what it throws into the exception the caller sees.
    private static func run(_ box: Box, this: JSObjectRef?, count: Int, arguments: UnsafePointer<JSValueRef?>?,
                            exception: UnsafeMutablePointer<JSValueRef?>?, ctx: JSContextRef?) -> JSValueRef? {
        guard let context = box.context, !context.isClosed else { return JSValueMakeUndefined(ctx) }
        let call = NativeCall(context: context, this: this, count: count, arguments: arguments)
        do {
            return try box.body(call).makeValue(in: context)
        } catch _ where context.machine.raiseTermination(in: context) {
            // The machine stopped a script the native ran (whatever the native made of that): the
            // caller stops too.
            return nil
        } catch let error as NativeArgumentError {
            exception?.pointee = context.error(error.message, name: "TypeError").ref
            return nil
        } catch let error as ScriptError {
            exception?.pointee = context.error(error.message, name: error.name ?? "Error").ref
            return nil
        } catch let thrown as ThrownValue {
            // A script the native ran threw: the caller gets the same value, if it is of the
            // caller's realm (a value of another realm must never reach it).
            exception?.pointee = !context.isForeign(thrown.value) ? thrown.value.ref : context.error(thrown.scriptError.message, name: thrown.scriptError.name ?? "Error").ref
            return nil
        } catch {
            exception?.pointee = context.error(String(describing: error)).ref
            return nil
        }
    }

    final class Box {
        let body: Body
        weak var context: ScriptContext?
        init(body: @escaping Body, context: ScriptContext) {
            self.body = body
            self.context = context
        }
    }

    nonisolated(unsafe) static let functionClass: JSClassRef = {
        var definition = kJSClassDefinitionEmpty
        definition.className = nil
        definition.callAsFunction = { ctx, function, this, count, arguments, exception in
            guard let ctx, let function, let raw = JSObjectGetPrivate(function) else { return JSValueMakeUndefined(ctx) }
            return run(Unmanaged<Box>.fromOpaque(raw).takeUnretainedValue(), this: this, count: count, arguments: arguments, exception: exception, ctx: ctx)
        }
        definition.finalize = { object in
            guard let raw = JSObjectGetPrivate(object) else { return }
            Unmanaged<Box>.fromOpaque(raw).release()
        }
        return JSClassCreate(&definition)
    }()
}

/// The arguments of one call to a ``NativeFunction``.
public struct NativeCall {
    /// The context the function was called in.
    public let context: ScriptContext
    let this: JSObjectRef?
    /// How many arguments were passed.
    public let count: Int
    let arguments: UnsafePointer<JSValueRef?>?

    init(context: ScriptContext, this: JSObjectRef?, count: Int, arguments: UnsafePointer<JSValueRef?>?) {
        self.context = context
        self.this = this
        self.count = count
        self.arguments = arguments
    }

    private func raw(_ index: Int) -> JSValueRef? {
        guard index < count, let arguments else { return nil }
        return arguments[index]
    }

    /// The call's `this` (the engine gives the global object for a call without one).
    public var thisValue: ScriptValue {
        guard let this else { return context.undefined }
        return ScriptValue(this, in: context)
    }

    /// Argument `index` (`undefined` when missing).
    public func argument(_ index: Int) -> ScriptValue {
        guard let value = raw(index) else { return context.undefined }
        return ScriptValue(value, in: context)
    }

    /// Argument `index` converted to a string (`""` when missing).
    public func string(_ index: Int) -> String {
        guard let value = raw(index), let text = JSValueToStringCopy(context.ref, value, nil) else { return "" }
        defer { JSStringRelease(text) }
        return String(jsString: text)
    }

    /// Argument `index` as a string, or `nil` when it is missing, `undefined` or `null`.
    public func optionalString(_ index: Int) -> String? {
        guard let value = raw(index), !JSValueIsUndefined(context.ref, value), !JSValueIsNull(context.ref, value) else { return nil }
        return string(index)
    }

    /// Argument `index` converted to a number (`NaN` when missing).
    public func number(_ index: Int) -> Double {
        guard let value = raw(index) else { return .nan }
        return JSValueToNumber(context.ref, value, nil)
    }

    /// Argument `index` converted to an integer, or `nil` when it is not a finite number.
    public func integer(_ index: Int) -> Int? {
        let value = number(index)
        guard value.isFinite, value.magnitude < 9.007_199_254_740_992e15 else { return nil }
        return Int(value)
    }

    /// Argument `index` as an integer, or a `TypeError` naming the native and the argument when it
    /// is not a number with an integer value. The host's own JavaScript never passes anything else.
    public func requiredInteger(_ index: Int, _ function: String, _ what: String) throws(NativeArgumentError) -> Int {
        guard let value = raw(index), JSValueIsNumber(context.ref, value) else {
            throw NativeArgumentError("\(function): argument \(index + 1) (\(what)) must be an integer.")
        }
        let number = JSValueToNumber(context.ref, value, nil)
        guard number.isFinite, number.rounded(.towardZero) == number, number.magnitude < 9.007_199_254_740_992e15 else {
            throw NativeArgumentError("\(function): argument \(index + 1) (\(what)) must be an integer.")
        }
        return Int(number)
    }

    /// Argument `index` as a string, or a `TypeError` naming the native and the argument when it
    /// is not a string. The host's own JavaScript never passes anything else.
    public func requiredString(_ index: Int, _ function: String, _ what: String) throws(NativeArgumentError) -> String {
        guard let value = raw(index), JSValueIsString(context.ref, value) else {
            throw NativeArgumentError("\(function): argument \(index + 1) (\(what)) must be a string.")
        }
        return string(index)
    }

    /// Argument `index` as a string, `nil` when it is missing, `undefined` or `null`, or a
    /// `TypeError` naming the native and the argument when it is anything else.
    public func optionalString(_ index: Int, _ function: String, _ what: String) throws(NativeArgumentError) -> String? {
        guard let value = raw(index), !JSValueIsUndefined(context.ref, value), !JSValueIsNull(context.ref, value) else { return nil }
        return try requiredString(index, function, what)
    }

    /// Argument `index` as a boolean, or a `TypeError` naming the native and the argument when it
    /// is not one.
    public func requiredBoolean(_ index: Int, _ function: String, _ what: String) throws(NativeArgumentError) -> Bool {
        guard let value = raw(index), JSValueIsBoolean(context.ref, value) else {
            throw NativeArgumentError("\(function): argument \(index + 1) (\(what)) must be a boolean.")
        }
        return JSValueToBoolean(context.ref, value)
    }

    /// The own data member `key` of argument `index` (an object the host's JavaScript made, with
    /// no prototype): nil when the argument is not an object or the member is `undefined`.
    public func member(_ index: Int, _ key: String) -> ScriptValue? {
        guard let value = raw(index), let object = JSValueToObject(context.ref, value, nil) else { return nil }
        let member = withJSString(key) { JSObjectGetProperty(context.ref, object, $0, nil) }
        guard let member, !JSValueIsUndefined(context.ref, member) else { return nil }
        return ScriptValue(member, in: context)
    }

    /// Calls `function`, which may belong to another context of the machine, with this call's
    /// arguments (as they are: values of the calling context) after `leading`.
    ///
    /// - Throws: ``ThrownValue`` with the value the function threw (a value of the function's context).
    @discardableResult
    public func forward(to function: ScriptValue, leading: [ScriptValue] = []) throws(ThrownValue) -> ScriptValue {
        let target = function.context
        guard let object = JSValueToObject(target.ref, function.ref, nil) else { return target.undefined }
        var refs: [JSValueRef?] = leading.map(\.ref)
        for index in 0..<count { refs.append(arguments?[index]) }
        let result = try target.catching { exception in
            refs.withUnsafeBufferPointer { JSObjectCallAsFunction(target.ref, object, nil, refs.count, $0.baseAddress, exception) }
        }
        return ScriptValue(result ?? JSValueMakeUndefined(target.ref), in: target)
    }

    /// Argument `index` converted to a boolean (`false` when missing).
    public func boolean(_ index: Int) -> Bool {
        guard let value = raw(index) else { return false }
        return JSValueToBoolean(context.ref, value)
    }
}

/// What a ``NativeFunction`` returns to JavaScript.
public enum NativeResult {
    /// `undefined`.
    case undefined
    /// `null`.
    case null
    /// A string.
    case string(String)
    /// A number.
    case number(Double)
    /// A boolean.
    case boolean(Bool)
    /// JSON text, parsed into a value of the calling context (`undefined` if it does not parse).
    case json(String)
    /// A value of the calling context.
    case value(ScriptValue)

    func makeValue(in context: ScriptContext) -> JSValueRef? {
        let ctx = context.ref
        switch self {
        case .undefined: return JSValueMakeUndefined(ctx)
        case .null: return JSValueMakeNull(ctx)
        case .string(let text): return withJSString(text) { JSValueMakeString(ctx, $0) }
        case .number(let number): return JSValueMakeNumber(ctx, number)
        case .boolean(let flag): return JSValueMakeBoolean(ctx, flag)
        case .json(let json): return withJSString(json) { JSValueMakeFromJSONString(ctx, $0) } ?? JSValueMakeUndefined(ctx)
        case .value(let value): return value.ref
        }
    }
}

/// A native was called with arguments it does not take: thrown to JavaScript as a `TypeError`.
/// The host's own JavaScript never causes one; it means something else reached a native.
public struct NativeArgumentError: Error {
    /// What was wrong with the arguments.
    public let message: String

    /// An error with `message`.
    public init(_ message: String) {
        self.message = message
    }
}
