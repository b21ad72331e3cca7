import CJavaScriptCore

/// A string as the engine holds it, carried between contexts without becoming a Swift `String`.
///
/// Messages cross the router as serialized text that Swift never reads: converting each one from
/// the engine's UTF-16 to a Swift string and back again cost more than the rest of a small
/// message's trip (and nearly all of a large one's). A `ScriptString` keeps the engine's string;
/// making a value of it in another context of the same machine is one copy inside the engine.
public final class ScriptString: @unchecked Sendable {  // immutable; JSStringRef is thread-safe reference counted
    let ref: JSStringRef

    /// Takes over a string made with a `Copy` or `Create` function of the C API.
    init(adopting ref: JSStringRef) {
        self.ref = ref
    }

    /// A string holding `text`.
    public convenience init(_ text: String) {
        self.init(adopting: makeJSString(text))
    }

    deinit {
        JSStringRelease(ref)
    }

    /// The number of UTF-16 code units.
    public var count: Int { JSStringGetLength(ref) }

    /// The text as a Swift string (lone surrogates replaced), for when Swift must read it.
    public var string: String { String(jsString: ref) }
}

extension ScriptContext {
    /// A string value holding `text`.
    public func string(_ text: ScriptString) -> ScriptValue {
        ScriptValue(JSValueMakeString(ref, text.ref), in: self)
    }
}

extension NativeCall {
    /// Argument `index` converted to a string as `String(value)` does, kept as the engine's string
    /// (`""` when missing or when the conversion throws).
    public func scriptString(_ index: Int) -> ScriptString {
        guard index < count, let arguments, let value = arguments[index],
              let text = JSValueToStringCopy(context.ref, value, nil) else { return ScriptString("") }
        return ScriptString(adopting: text)
    }

    /// Argument `index` as the engine's string, or `nil` when it is missing, `undefined` or
    /// `null`; a `TypeError` naming the native and the argument when it is anything else.
    public func optionalScriptString(_ index: Int, _ function: String, _ what: String) throws(NativeArgumentError) -> ScriptString? {
        guard index < count, let arguments, let value = arguments[index],
              !JSValueIsUndefined(context.ref, value), !JSValueIsNull(context.ref, value) else { return nil }
        guard JSValueIsString(context.ref, value) else {
            throw NativeArgumentError("\(function): argument \(index + 1) (\(what)) must be a string.")
        }
        return scriptString(index)
    }
}
