import JSEngine

/// One asynchronous API call from a script (`tabs.get(1)`), waiting for its answer.
struct APIRequest {
    /// The function called, as `namespace.name`.
    let method: String
    /// The arguments, already checked against the function's description.
    let arguments: JSONValue
    /// The context that called.
    let context: ExtensionContext
    /// The extension whose context called (only an extension's contexts have its API).
    let instance: ExtensionInstance
    /// The caller's number for this request.
    let requestID: Int

    /// Argument `index`.
    func argument(_ index: Int) -> JSONValue? {
        guard let value = arguments[index], value != .null else { return nil }
        return value
    }

    /// Resolves the call with `result` (nothing: `undefined`), as a task of its own.
    func respond(_ result: JSONValue? = nil) {
        traceResult(result?.jsonText, error: nil)
        context.deliver(.apiResponse(request: requestID, result: result?.jsonText, error: nil))
    }

    /// Rejects the call with an error whose message is `message`, as a task of its own.
    func fail(_ message: String) {
        traceResult(nil, error: message)
        context.deliver(.apiResponse(request: requestID, result: nil, error: message))
    }
}

extension APIRequest {
    /// Adds the answer to the host's trace, if it keeps one.
    private func traceResult(_ result: String?, error: String?) {
        guard let host = context.host, let trace = host.trace else { return }
        trace.addBrowser(.apiResult, at: host.loop.now, context: context, title: method, detail: result, error: error)
    }
}

/// An error an API function reports to its caller.
struct APIError: Error {
    /// The message the script sees.
    let message: String
}
