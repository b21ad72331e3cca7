import JSEngine

/// What the DOM asks when a script element a script inserted is ready to run
/// (ExtensionHost+ScriptElements.swift).
enum ScriptElementAPI {
    /// The contexts whose documents take script elements: windows with a DOM.
    static let documents: Set<ContextKind> = [.content, .webPage, .page, .background]

    static func register(in api: ExtensionAPI) {
        // `[index, type, src, text, async]`: the caller inserted the script element `index` of its
        // document; it runs now (an inline classic script), later, or is refused.
        api.defineSync("page.runScriptElement", contexts: documents) { host, arguments, context in
            guard let script = InsertedScript(arguments) else {
                return .failure(APIError(message: "page.runScriptElement: give [index, type, src, text, async, documentID, baseHref]."))
            }
            host.runInsertedScript(script, insertedBy: context)
            return .success(.undefined)
        }
    }
}
