import JSEngine

/// One asynchronous API call from a script (`tabs.get(1)`), waiting for its answer.
struct APIRequest {
    /// The function called, as `namespace.name`.
    let method: String
    /// The arguments, already checked against the function's description.
    let arguments: JSONValue
    /// The context that called.
    let context: ExtensionContext
    /// The caller's number for this request.
    let requestID: Int

    /// Argument `index`.
    func argument(_ index: Int) -> JSONValue? {
        guard let value = arguments[index], value != .null else { return nil }
        return value
    }

    /// Resolves the call with `result` (nothing: `undefined`), as a task of its own.
    func respond(_ result: JSONValue? = nil) {
        context.deliver(.apiResponse(request: requestID, result: result?.jsonText, error: nil))
    }

    /// Rejects the call with an error whose message is `message`, as a task of its own.
    func fail(_ message: String) {
        context.deliver(.apiResponse(request: requestID, result: nil, error: message))
    }
}

/// An error an API function reports to its caller.
struct APIError: Error {
    /// The message the script sees.
    let message: String
}
