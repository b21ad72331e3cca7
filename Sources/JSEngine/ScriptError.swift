import CJavaScriptCore

/// A JavaScript exception turned into a Swift error.
///
/// Keeps what a person needs to find the fault: the error's name and message, the script's URL,
/// line and column where it was thrown, and the JavaScript stack.
public struct ScriptError: Error, Sendable, CustomStringConvertible {
    /// The error's `name` (`TypeError`, `Error`, ...), or `nil` when a non-Error value was thrown.
    public var name: String?
    /// The error's `message`, or the thrown value converted to a string.
    public var message: String
    /// The URL of the script that threw (its `sourceURL`), when known.
    public var sourceURL: String?
    /// The 1-based line where the exception was thrown, when known.
    public var line: Int?
    /// The 1-based column where the exception was thrown, when known.
    public var column: Int?
    /// The JavaScript stack, one frame per line in JavaScriptCore's `function@url:line:column` form.
    public var stack: String?

    /// Creates an error from its parts.
    public init(name: String?, message: String, sourceURL: String? = nil, line: Int? = nil, column: Int? = nil, stack: String? = nil) {
        self.name = name
        self.message = message
        self.sourceURL = sourceURL
        self.line = line
        self.column = column
        self.stack = stack
    }

    /// `Name: message`, as `String(error)` gives it in JavaScript.
    public var summary: String {
        guard let name, !name.isEmpty else { return message }
        return message.isEmpty ? name : "\(name): \(message)"
    }

    /// Where the exception was thrown, as `file:line:column`, when known.
    public var location: String? {
        guard let sourceURL else { return nil }
        var text = sourceURL
        if let line { text += ":\(line)" }
        if let column { text += ":\(column)" }
        return text
    }

    public var description: String {
        if let location { return "\(location): \(summary)" }
        return summary
    }

    /// Reads an exception value thrown in `context`.
    init(exception: JSValueRef, context: JSContextRef) {
        var name: String?
        var message: String
        var sourceURL: String?
        var line: Int?
        var column: Int?
        var stack: String?
        if JSValueIsObject(context, exception), let object = JSValueToObject(context, exception, nil) {
            func property(_ key: String) -> JSValueRef? {
                let value = withJSString(key) { JSObjectGetProperty(context, object, $0, nil) }
                guard let value, !JSValueIsUndefined(context, value) else { return nil }
                return value
            }
            func string(_ key: String) -> String? {
                guard let value = property(key), let text = JSValueToStringCopy(context, value, nil) else { return nil }
                defer { JSStringRelease(text) }
                return String(jsString: text)
            }
            func integer(_ key: String) -> Int? {
                guard let value = property(key), JSValueIsNumber(context, value) else { return nil }
                let number = JSValueToNumber(context, value, nil)
                return number.isFinite ? Int(number) : nil
            }
            let isError = (property("message") != nil) || (property("stack") != nil)
            if isError {
                name = string("name")
                message = string("message") ?? ""
            } else {
                message = Self.stringValue(exception, context: context)
            }
            sourceURL = string("sourceURL")
            line = integer("line")
            column = integer("column")
            stack = string("stack")
        } else {
            message = Self.stringValue(exception, context: context)
        }
        self.init(name: name, message: message, sourceURL: sourceURL, line: line, column: column, stack: stack)
    }

    private static func stringValue(_ value: JSValueRef, context: JSContextRef) -> String {
        var exception: JSValueRef?
        guard let text = JSValueToStringCopy(context, value, &exception) else { return "(a value that cannot be converted to a string)" }
        defer { JSStringRelease(text) }
        return String(jsString: text)
    }
}
