import CJavaScriptCore

/// A script's text and URL as JavaScriptCore strings, made once and evaluated in any number of
/// contexts.
///
/// Evaluating a Swift `String` converts it to UTF-16 every time; the host's own JavaScript runs in
/// every context and a content script in every frame it matches, so they are converted once, here.
/// Each machine parses it once (``VirtualMachine/parsedScript(_:)``) and every context evaluates
/// that parse, so they share one copy of the text: evaluating the text itself would copy all of it
/// into every context, which keeps the copy while any function of the script lives (for the host's
/// own JavaScript, most of what a context cost). JavaScriptCore caches the compiled code by the
/// text, so later contexts also skip compiling.
public final class ScriptSource: @unchecked Sendable {  // immutable; JSStringRef is thread-safe reference counted
    /// The URL that errors and stacks name for this script.
    public let url: String
    /// The number of the script's first line.
    public let startingLine: Int
    /// Whether the script runs once, in one context (a web page's own script): it is not parsed
    /// for the machine, which would keep the parse as long as the machine lives.
    public let isRunOnce: Bool
    let text: JSStringRef
    let urlString: JSStringRef

    /// Makes the source of a classic script.
    public init(_ text: String, url: String, startingLine: Int = 1, isRunOnce: Bool = false) {
        self.url = url
        self.startingLine = startingLine
        self.isRunOnce = isRunOnce
        self.text = Self.makeString(text)
        self.urlString = Self.makeString(url)
    }

    private static func makeString(_ string: String) -> JSStringRef {
        makeJSString(string)
    }

    deinit {
        JSStringRelease(text)
        JSStringRelease(urlString)
    }
}

extension ScriptContext {
    /// Evaluates a classic script made once with ``ScriptSource``, keeping what it throws as the
    /// thrown value itself, as ``execute(_:sourceURL:startingLine:)`` does.
    @discardableResult
    public func execute(_ source: ScriptSource) throws(ThrownValue) -> ScriptValue {
        precondition(!isClosed, "execute on closed context \(name)")
        let parsed = machine.parsedScript(source)
        let result = try catching { exception in
            if let parsed { return JSScriptEvaluate(ref, parsed, nil, exception) }
            return JSEvaluateScript(ref, source.text, nil, source.urlString, Int32(source.startingLine), exception)
        }
        return ScriptValue(result ?? JSValueMakeUndefined(ref), in: self)
    }

    /// Evaluates a classic script made once with ``ScriptSource``.
    ///
    /// - Throws: ``ScriptError`` when the script has a syntax error or throws.
    @discardableResult
    public func evaluate(_ source: ScriptSource) throws(ScriptError) -> ScriptValue {
        do {
            return try execute(source)
        } catch {
            throw error.scriptError
        }
    }
}
