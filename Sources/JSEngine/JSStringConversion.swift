import CJavaScriptCore

// MARK: - Strings between Swift and JavaScriptCore

extension String {
    /// Copies a JavaScriptCore string into a Swift string (UTF-16 in, UTF-8 out, lone surrogates replaced).
    init(jsString: JSStringRef) {
        let length = JSStringGetLength(jsString)
        guard length > 0, let characters = JSStringGetCharactersPtr(jsString) else {
            self = ""
            return
        }
        self = String(decoding: UnsafeBufferPointer(start: characters, count: length), as: UTF16.self)
    }
}

/// Runs `body` with a temporary JavaScriptCore string holding `string`, released afterwards.
@inline(__always)
func withJSString<Result>(_ string: String, _ body: (JSStringRef) throws -> Result) rethrows -> Result {
    let jsString = makeJSString(string)
    defer { JSStringRelease(jsString) }
    return try body(jsString)
}

/// A new JavaScriptCore string holding `string` (the caller releases it). JavaScriptCore reads the
/// UTF-8 in place (and keeps an all-ASCII string in one byte a character); only a string with a
/// NUL, which a C string cannot hold, is converted to UTF-16 here.
func makeJSString(_ string: String) -> JSStringRef {
    var string = string
    if !string.withUTF8({ $0.contains(0) }) {
        return string.withCString { JSStringCreateWithUTF8CString($0) }!
    }
    let utf16 = Array(string.utf16)
    return utf16.withUnsafeBufferPointer { JSStringCreateWithCharacters($0.baseAddress, $0.count) }!
}
