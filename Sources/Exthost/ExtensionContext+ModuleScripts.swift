import BrowserModel
import Foundation
import JSEngine

/// Module scripts (issue 9, item 4): the Swift side of js/36_module_scripts.js, which links and
/// runs them. A module is a file of the extension, read and rewritten once per extension
/// (``ModuleScript``) and made a function in each context that imports it.
extension ExtensionContext {
    /// Runs the module script at `url` as a module background runs (its whole graph fetched,
    /// linked, then run), in a task of its own.
    ///
    /// - Returns: false when it could not run or threw while it first ran (the caller decides
    ///   what that does to the background).
    func runModuleScript(_ url: String) -> Bool {
        runTopLevel {
            guard let run = hostFunction("runModuleScript", in: "module_scripts") else { return false }
            // (A string: a module of the graph could not be fetched, or a Chromium worker awaits at
            // top level; nothing ran, and neither browser's console says so:
            // fixtures/conformance/module-missing-import, module-top-level-await.)
            return try !run.call([script.string(url)]).isString
        }
    }

    /// `modules.load(url)`: the module script at `url`, a file of the extension, as js/36_module_scripts.js
    /// links it (its requests, imports and exports, and `evaluate`, the function its rewritten
    /// script made in this context), or null when there is no such file.
    ///
    /// - Throws: the module's SyntaxError, at its file, line and column.
    func loadModuleScript(_ call: NativeCall) throws -> NativeResult {
        let href = try call.requiredString(0, "modules.load", "url")
        guard let host, let url = WebURL(string: href) else { return .null }
        let found: ModuleScript?
        if let owner {
            guard let path = owner.path(of: url) else { return .null }
            // (A content script imports what the manifest's web_accessible_resources gives its page, as
            // it fetches: fixtures/conformance/module-import-classic.)
            if kind == .content, !owner.webAccessibleResources.isAccessible(path: path, from: self.url) { return .null }
            found = try owner.moduleScript(atPath: path, realm: host.realm)
        } else {
            found = try host.webModuleScript(at: url, for: self)
        }
        guard let module = found else { return .null }
        host.realm.moduleHeaders[module.url] = module.headerLength
        switch module.outcome {
        case .syntaxError(let message, let line, let column):
            throw ThrownValue(value: syntaxError(message, at: module.url, line: line, column: column))
        case .parsed(let source, let linkInfoJSON):
            let evaluate = try script.execute(source)
            guard let info = script.parseJSON(linkInfoJSON) else { return .null }
            try info.setProperty("evaluate", evaluate)
            return .value(info)
        }
    }

    /// `modules.syntaxError(message, url, line, column)`: a SyntaxError of a module that does not
    /// link, at the name it imports (line and column of the module's file).
    func moduleSyntaxError(_ call: NativeCall) throws -> NativeResult {
        let message = try call.requiredString(0, "modules.syntaxError", "message")
        let url = try call.requiredString(1, "modules.syntaxError", "url")
        let line = try call.requiredInteger(2, "modules.syntaxError", "line")
        var column = try call.requiredInteger(3, "modules.syntaxError", "column")
        // (The module's line 1 follows the rewritten script's header, which reports take off.)
        if line == 1, let host { column += host.realm.moduleHeaders[url] }
        return .value(syntaxError(message, at: url, line: line, column: column))
    }

    /// A SyntaxError of this context located at `url:line:column`, with that place as its stack.
    private func syntaxError(_ message: String, at url: String, line: Int, column: Int) -> ScriptValue {
        let error = script.error(message, name: "SyntaxError")
        try? error.defineProperty("sourceURL", script.string(url), enumerable: false)
        try? error.defineProperty("line", script.number(Double(line)), enumerable: false)
        try? error.defineProperty("column", script.number(Double(column)), enumerable: false)
        try? error.defineProperty("stack", script.string("@\(url):\(line):\(column)"), enumerable: false)
        return error
    }

    /// `modules.resolve(specifier, base)`: the URL a module specifier names from the module at
    /// `base` (HTML's "resolve a module specifier", without import maps), or null for a bare
    /// specifier or one that is no URL.
    func resolveModuleSpecifier(_ call: NativeCall) throws -> NativeResult {
        let specifier = try call.requiredString(0, "modules.resolve", "specifier")
        let base = try call.requiredString(1, "modules.resolve", "base")
        let relative = specifier.hasPrefix("/") || specifier.hasPrefix("./") || specifier.hasPrefix("../")
        let url = relative ? WebURL(string: specifier, relativeTo: WebURL(string: base)) : WebURL(string: specifier)
        return url.map { .string($0.href) } ?? .null
    }

    /// Where an error is reported from, `url:line:column`, with a module script's header taken off
    /// the columns of its line 1 (js/47_module_syntax.js).
    func reportedLocation(_ location: String) -> String {
        guard let host else { return location }
        return Self.withoutModuleHeader(location, headers: host.realm.moduleHeaders)
    }

    /// `location` (`url:line:column`) with the header of the module script at `url` taken off a
    /// column of line 1.
    static func withoutModuleHeader(_ location: String, headers: ModuleHeaderTable) -> String {
        let parts = location.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 3, parts[parts.count - 2] == "1", let column = Int(parts[parts.count - 1]) else { return location }
        let url = parts.dropLast(2).joined(separator: ":")
        let header = headers[url]
        guard header > 0, column > header else { return location }
        return "\(url):1:\(column - header)"
    }
}

extension ExtensionInstance {
    /// The module script at `path` inside the extension, read and rewritten on first use; nil
    /// when the extension has no such file.
    ///
    /// - Throws: when the host's parser cannot run (acorn is missing).
    func moduleScript(atPath path: String, realm: HostRealm) throws -> ModuleScript? {
        if let made = moduleScripts[path] { return made }
        guard let file = fileInside(path) else { return nil }
        let made = try ModuleScript(text: String(decoding: file.contents, as: UTF8.self), url: url(of: path), realm: realm)
        moduleScripts[path] = made
        return made
    }
}

extension ExtensionHost {
    /// A web page's module script at `url`, read and rewritten on first use: an inline one of a
    /// page (``inlineModuleTexts``), or a file the site serves at the page's own origin (the site
    /// mapping sends no CORS headers, so a module of another origin does not load, as in a
    /// browser); nil when there is none.
    ///
    /// - Throws: when the host's parser cannot run (acorn is missing).
    func webModuleScript(at url: WebURL, for context: ExtensionContext) throws -> ModuleScript? {
        if let made = webModuleScripts[url.href] { return made }
        let text: String
        if let inline = inlineModuleTexts[url.href] {
            text = inline.text
        } else {
            guard url.origin == context.origin, let resource = options.siteMap.resource(for: url) else { return nil }
            text = String(decoding: resource.contents, as: UTF8.self)
        }
        let made = try ModuleScript(text: text, url: url.href, realm: realm)
        webModuleScripts[url.href] = made
        return made
    }
}
