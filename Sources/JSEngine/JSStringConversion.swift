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
    let utf16 = Array(string.utf16)
    let jsString = utf16.withUnsafeBufferPointer { JSStringCreateWithCharacters($0.baseAddress, $0.count) }!
    defer { JSStringRelease(jsString) }
    return try body(jsString)
}
