import JSEngine

/// What the DOM asks when a script element a script inserted is ready to run
/// (ExtensionHost+ScriptElements.swift).
enum ScriptElementAPI {
    static func register(in api: ExtensionAPI) {
        // `[index, type, src, text, documentID, baseHref]`: the caller inserted the script element
        // `index` into the document `documentID` (its own, or a frame's it reaches); it runs now (an
        // inline classic script), later, or is refused.
        api.defineSync("page.runScriptElement", contexts: UserActivationAPI.windows) { host, arguments, context in
            guard let script = InsertedScript(arguments) else {
                return .failure(APIError(message: "page.runScriptElement: give [index, type, src, text, documentID, baseHref]."))
            }
            host.runInsertedScript(script, insertedBy: context)
            return .success(.undefined)
        }
    }
}
