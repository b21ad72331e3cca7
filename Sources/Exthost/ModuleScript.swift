import JSEngine

/// A module script of an extension, read and rewritten once for every context that imports it
/// (js/47_module_syntax.js says how): the classic script that runs it and what the linker
/// (js/36_module_scripts.js) needs to know of its imports and exports, or the SyntaxError it has.
struct ModuleScript {
    /// What reading the file gave.
    enum Outcome {
        /// The module parsed: `source` is the classic script that runs it (URL: the module's),
        /// `linkInfoJSON` its requests, imports and exports as JSON (js/47_module_syntax.js's answer).
        case parsed(source: ScriptSource, linkInfoJSON: String)
        /// The module does not parse: the parser's words and where (1-based line and column).
        case syntaxError(message: String, line: Int, column: Int)
    }

    /// The module's URL.
    let url: String
    /// What reading it gave.
    let outcome: Outcome
    /// How many UTF-16 code units of header the classic script has ahead of the module's line 1.
    let headerLength: Int

    /// Reads the module `text` at `url` with the host realm's parser.
    ///
    /// - Throws: when the host's parser cannot run (acorn is missing).
    init(text: String, url: String, realm: HostRealm) throws {
        self.url = url
        let (code, json) = try realm.analyzeModule(text)
        let answer = JSONValue.parse(json) ?? .null
        if let error = answer["error"] {
            outcome = .syntaxError(message: error[0]?.stringValue ?? "Unexpected token", line: error[1]?.intValue ?? 1, column: error[2]?.intValue ?? 1)
            headerLength = 0
            return
        }
        headerLength = answer["header"]?.intValue ?? 0
        // (The linker reads what it needs of the answer as it is: its `header` goes unread there.)
        outcome = .parsed(source: ScriptSource(code, url: url), linkInfoJSON: json)
    }
}
