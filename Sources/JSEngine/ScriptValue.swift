import CJavaScriptCore

/// A JavaScript value held by Swift.
///
/// While a `ScriptValue` exists its value is protected from garbage collection. It belongs to the
/// ``ScriptContext`` it was made in; values never move between contexts (messages cross as data).
public final class ScriptValue {
    /// The context this value belongs to.
    public let context: ScriptContext
    /// The underlying value.
    let ref: JSValueRef

    init(_ ref: JSValueRef, in context: ScriptContext) {
        self.ref = ref
        self.context = context
        JSValueProtect(context.ref, ref)
    }

    deinit {
        // (Every protection ends, also after the context closed: the heap keeps a protected value,
        // and an object keeps its realm, until it is unprotected, whatever became of the context.
        // A closed context's global context may be gone, so the machine's own realm unprotects.)
        JSValueUnprotect(context.isClosed ? context.machine.anchorRealm : context.ref, ref)
    }

    var ctx: JSContextRef { context.ref }

    // MARK: - Kinds

    /// Whether the value is `undefined`.
    public var isUndefined: Bool { JSValueIsUndefined(ctx, ref) }
    /// Whether the value is `null`.
    public var isNull: Bool { JSValueIsNull(ctx, ref) }
    /// Whether the value is a string.
    public var isString: Bool { JSValueIsString(ctx, ref) }
    /// Whether the value is a number.
    public var isNumber: Bool { JSValueIsNumber(ctx, ref) }
    /// Whether the value is a boolean.
    public var isBoolean: Bool { JSValueIsBoolean(ctx, ref) }
    /// Whether the value is an object (functions and arrays included).
    public var isObject: Bool { JSValueIsObject(ctx, ref) }
    /// Whether the value can be called.
    public var isFunction: Bool {
        guard let object = JSValueToObject(ctx, ref, nil) else { return false }
        return JSObjectIsFunction(ctx, object)
    }

    /// For a Proxy, its target (still there once the Proxy is revoked); `nil` for any other value.
    /// Runs none of the Proxy's traps. (A realm's global object, which JavaScriptCore reaches
    /// through a proxy of its own, is no Proxy.)
    public var proxyTarget: ScriptValue? {
        guard JSValueIsObject(ctx, ref), let object = JSValueToObject(ctx, ref, nil),
              let target = JSObjectGetProxyTarget(object) else { return nil }
        if let realm = JSObjectGetGlobalContext(object), JSContextGetGlobalObject(realm) == object { return nil }
        return ScriptValue(target, in: context)
    }

    // MARK: - Conversion

    /// The value converted to a string as `String(value)` does, or `nil` if that throws.
    public var stringValue: String? {
        guard let text = JSValueToStringCopy(ctx, ref, nil) else { return nil }
        defer { JSStringRelease(text) }
        return String(jsString: text)
    }

    /// The value converted to a number as `Number(value)` does (`NaN` if that throws).
    public var numberValue: Double { JSValueToNumber(ctx, ref, nil) }

    /// The value converted to a boolean as `Boolean(value)` does.
    public var booleanValue: Bool { JSValueToBoolean(ctx, ref) }

    /// `JSON.stringify(value)`, or `nil` when the value has no JSON form (`undefined`, a function).
    ///
    /// - Throws: ``ScriptError`` when stringifying throws (a cycle, a BigInt, a throwing `toJSON`).
    public func jsonString(indentation: UInt32 = 0) throws(ScriptError) -> String? {
        let json = try context.check { JSValueCreateJSONString(ctx, ref, indentation, $0) }
        guard let json else { return nil }
        defer { JSStringRelease(json) }
        return String(jsString: json)
    }

    // MARK: - Properties

    /// Reads the property `name`.
    public func property(_ name: String) throws(ScriptError) -> ScriptValue {
        let object = try asObject()
        let value = try context.check { exception in
            withJSString(name) { JSObjectGetProperty(ctx, object, $0, exception) }
        }
        return ScriptValue(value ?? JSValueMakeUndefined(ctx), in: context)
    }

    /// Sets the property `name`; hidden properties are neither enumerable nor writable.
    public func setProperty(_ name: String, _ value: ScriptValue, hidden: Bool = false) throws(ScriptError) {
        let object = try asObject()
        let attributes = hidden ? JSPropertyAttributes(kJSPropertyAttributeDontEnum | kJSPropertyAttributeReadOnly) : JSPropertyAttributes(kJSPropertyAttributeNone)
        try context.check { exception in
            withJSString(name) { JSObjectSetProperty(ctx, object, $0, value.ref, attributes, exception) }
        }
    }

    /// Defines the data property `name` as a script's assignment to a new property would (writable,
    /// configurable), enumerable or not. An existing property of that name gets the value and
    /// keeps its attributes. (Deleting it first would be worse than it looks: deleting one of the
    /// global object's built-in properties makes JavaScriptCore build all of them, about 26 KiB.)
    public func defineProperty(_ name: String, _ value: ScriptValue, enumerable: Bool) throws(ScriptError) {
        let object = try asObject()
        let key = withJSString(name) { JSValueMakeString(ctx, $0)! }
        try define(on: object, key: key, value.ref, writable: true, enumerable: enumerable)
    }

    /// Defines the data property keyed by `key` (a symbol or a string value), read-only unless
    /// `writable`, configurable, enumerable or not (`console[Symbol.toStringTag]`).
    public func defineProperty(key: ScriptValue, _ value: ScriptValue, writable: Bool, enumerable: Bool) throws(ScriptError) {
        let object = try asObject()
        try define(on: object, key: key.ref, value.ref, writable: writable, enumerable: enumerable)
    }

    /// [[DefineOwnProperty]] with the realm's own `Reflect.defineProperty` and a descriptor
    /// without a prototype: no setter or getter a script put anywhere runs. (A property that
    /// cannot be defined stays as it was, as the C API's setter leaves it.)
    private func define(on object: JSObjectRef, key: JSValueRef, _ value: JSValueRef, writable: Bool, enumerable: Bool) throws(ScriptError) {
        let descriptor = JSObjectMake(ctx, nil, nil)!
        JSObjectSetPrototype(ctx, descriptor, JSValueMakeNull(ctx))
        let fields: [(String, JSValueRef)] = [
            ("value", value), ("writable", JSValueMakeBoolean(ctx, writable)),
            ("enumerable", JSValueMakeBoolean(ctx, enumerable)), ("configurable", JSValueMakeBoolean(ctx, true)),
        ]
        for (name, field) in fields {
            withJSString(name) { JSObjectSetProperty(ctx, descriptor, $0, field, JSPropertyAttributes(kJSPropertyAttributeNone), nil) }
        }
        let arguments: [JSValueRef?] = [object, key, descriptor]
        try context.check { exception in
            _ = arguments.withUnsafeBufferPointer { JSObjectCallAsFunction(ctx, context.reflectDefineProperty, nil, 3, $0.baseAddress, exception) }
        }
    }

    /// Sets the property `name` to a native function.
    public func setFunction(_ name: String, _ body: @escaping NativeFunction.Body) throws(ScriptError) {
        try setProperty(name, NativeFunction.make(name: name, in: context, body: body))
    }

    // MARK: - Calls

    /// Calls the value as a function with `arguments` and `this`.
    ///
    /// - Throws: ``ThrownValue`` with the value the function threw.
    @discardableResult
    public func call(_ arguments: [ScriptValue] = [], this: ScriptValue? = nil) throws(ThrownValue) -> ScriptValue {
        guard let function = JSValueToObject(ctx, ref, nil), JSObjectIsFunction(ctx, function) else {
            throw ThrownValue(value: context.error("\(stringValue ?? "value") is not a function"))
        }
        let thisObject = this.flatMap { JSValueToObject(ctx, $0.ref, nil) }
        let refs: [JSValueRef?] = arguments.map(\.ref)
        let result = try context.catching { exception in
            refs.withUnsafeBufferPointer { JSObjectCallAsFunction(ctx, function, thisObject, refs.count, $0.baseAddress, exception) }
        }
        return ScriptValue(result ?? JSValueMakeUndefined(ctx), in: context)
    }

    /// The value converted to a number as `Number(value)` does, which may run a script's `valueOf`
    /// or `toString`.
    ///
    /// - Throws: ``ThrownValue`` with what the conversion threw (a symbol cannot be converted).
    public func toNumber() throws(ThrownValue) -> Double {
        try context.catching { exception in JSValueToNumber(ctx, ref, exception) }
    }

    /// The value converted to a string as `String(value)` does (which may run its `toString`), as
    /// a string value of its context.
    ///
    /// - Throws: ``ThrownValue`` with what the conversion threw (a symbol cannot be converted).
    public func toScriptString() throws(ThrownValue) -> ScriptValue {
        let text = try context.catching { exception in JSValueToStringCopy(ctx, ref, exception) }
        guard let text else { return context.string("") }
        defer { JSStringRelease(text) }
        return ScriptValue(JSValueMakeString(ctx, text), in: context)
    }

    /// Whether two values are the same value (`===`).
    public func isStrictlyEqual(to other: ScriptValue) -> Bool {
        JSValueIsStrictEqual(ctx, ref, other.ref)
    }

    private func asObject() throws(ScriptError) -> JSObjectRef {
        guard let object = JSValueToObject(ctx, ref, nil) else {
            throw ScriptError(name: "TypeError", message: "\(stringValue ?? "value") is not an object")
        }
        return object
    }
}
