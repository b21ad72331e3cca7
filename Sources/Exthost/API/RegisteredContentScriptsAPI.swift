import BrowserModel
import Foundation

/// `scripting.registerContentScripts`, `updateContentScripts`, `getRegisteredContentScripts` and
/// `unregisterContentScripts` on the Swift side (js/59_scripting.js; recorded:
/// fixtures/conformance/scripting-register-content-scripts): an extension's
/// ``RegisteredContentScript``s, checked as each browser checks them (Chromium's
/// `scripting_api.cc`, Firefox's `ext-scripting.js`), in its words, and run after the manifest's
/// content scripts in the documents that load afterwards (``ExtensionInstance/contentScriptEntries``).
///
/// What each browser keeps: a script with `persistAcrossSessions` (the default) outlives a browser
/// restart (and, with `--profile`, the run); every script outlives a disable and enable only when
/// it persists; an update or a reload starts without any (both browsers clear the extension's
/// kept state as it installs: Chromium's state store, Firefox's scripting store).
enum RegisteredContentScriptsAPI {
    static func register(in api: ExtensionAPI) {
        api.define("scripting.registerContentScripts", contexts: [.background, .page]) { host, request in
            host.registerContentScripts(request)
        }
        api.define("scripting.updateContentScripts", contexts: [.background, .page]) { host, request in
            host.updateContentScripts(request)
        }
        api.define("scripting.getRegisteredContentScripts", contexts: [.background, .page]) { host, request in
            // (Chromium's filter of no ids is none: every script; Firefox's gives none.
            // Recorded: scripting-registered-ids-order.)
            var ids = request.argument(0)?.arrayValue?.compactMap(\.stringValue)
            if host.options.flavor == .chrome, ids?.isEmpty == true { ids = nil }
            let scripts = request.instance.registeredContentScripts.filter { $0.registrant == nil && ids?.contains($0.id) ?? true }
            request.respond(.array(scripts.map { json($0, flavor: host.options.flavor) }))
        }
        api.define("scripting.unregisterContentScripts", contexts: [.background, .page]) { host, request in
            host.unregisterContentScripts(request)
        }
        api.define("contentScripts.register", contexts: [.background, .page]) { host, request in
            host.registerContentScriptOfContext(request)
        }
        api.define("contentScripts.unregister", contexts: [.background, .page]) { host, request in
            let id = request.argument(0)?.stringValue ?? ""
            guard request.instance.registeredContentScripts.contains(where: { $0.registrant != nil && $0.id == id }) else {
                return request.fail("Content script already unregistered")
            }
            request.instance.registeredContentScripts.removeAll { $0.registrant != nil && $0.id == id }
            request.respond()
        }
    }

    /// The script as `getRegisteredContentScripts` gives it: Chromium's base::Value with its keys
    /// sorted and its `matches` a sorted pattern set; Firefox's object in its own order, `cssOrigin`
    /// in it, the files after.
    static func json(_ script: RegisteredContentScript, flavor: Flavor) -> JSONValue {
        let strings = { (list: [String]) in JSONValue.array(list.map { .string($0) }) }
        switch flavor {
        case .chrome:
            var fields: [(String, JSONValue)] = [("allFrames", .bool(script.allFrames))]
            if !script.css.isEmpty { fields.append(("css", strings(script.css))) }
            if !script.excludeMatches.isEmpty { fields.append(("excludeMatches", strings(Array(Set(script.excludeMatches)).sorted()))) }
            fields.append(("id", .string(script.id)))
            if !script.js.isEmpty { fields.append(("js", strings(script.js))) }
            fields += [
                ("matchOriginAsFallback", .bool(script.matchOriginAsFallback)), ("matches", strings(Array(Set(script.matches)).sorted())),
                ("persistAcrossSessions", .bool(script.persistAcrossSessions)), ("runAt", .string(script.runAt.rawValue)),
                ("world", .string(script.world.rawValue)),
            ]
            return .object(fields)
        case .firefox:
            var fields: [(String, JSONValue)] = [
                ("id", .string(script.id)), ("allFrames", .bool(script.allFrames)), ("matches", strings(script.matches)),
                ("matchOriginAsFallback", .bool(script.matchOriginAsFallback)), ("runAt", .string(script.runAt.rawValue)),
                ("world", .string(script.world.rawValue)), ("persistAcrossSessions", .bool(script.persistAcrossSessions)),
                ("cssOrigin", .string(script.cssIsUsers ? "user" : "author")),
            ]
            if !script.css.isEmpty { fields.append(("css", strings(script.css))) }
            if !script.excludeMatches.isEmpty { fields.append(("excludeMatches", strings(script.excludeMatches))) }
            if !script.js.isEmpty { fields.append(("js", strings(script.js))) }
            return .object(fields)
        }
    }

    /// The script `given` describes (an object of js/59_scripting.js's `sentScripts`), over `base`
    /// for an update (what `given` leaves out stays, but Chromium's `persistAcrossSessions`, which
    /// an update without it sets false: recorded).
    static func script(from given: JSONValue, over base: RegisteredContentScript?, flavor: Flavor) -> RegisteredContentScript {
        var script = base ?? RegisteredContentScript(id: given["id"]?.stringValue ?? "")
        let strings = { (name: String) in given[name]?.arrayValue?.compactMap(\.stringValue) }
        if let matches = strings("matches") { script.matches = matches }
        if let excluded = strings("excludeMatches") { script.excludeMatches = excluded }
        if let js = strings("js") { script.js = js }
        if let css = strings("css") { script.css = css }
        if let allFrames = given["allFrames"]?.boolValue { script.allFrames = allFrames }
        if let fallback = given["matchOriginAsFallback"]?.boolValue { script.matchOriginAsFallback = fallback }
        if let runAt = given["runAt"]?.stringValue.flatMap(ContentScriptEntry.RunAt.init(rawValue:)) { script.runAt = runAt }
        if let world = given["world"]?.stringValue.flatMap(ContentScriptEntry.World.init(rawValue:)) { script.world = world }
        if let persists = given["persistAcrossSessions"]?.boolValue {
            script.persistAcrossSessions = persists
        } else if base != nil, flavor == .chrome {
            script.persistAcrossSessions = false
        }
        if let origin = given["cssOrigin"]?.stringValue { script.cssIsUsers = origin == "user" }
        return script
    }

    /// The kept form of `scripts` for the profile (their members as Firefox gives them, which
    /// ``script(from:over:flavor:)`` reads back).
    static func profileJSON(_ scripts: [RegisteredContentScript]) -> String {
        JSONValue.array(scripts.map { json($0, flavor: .firefox) }).jsonText
    }
}

extension ExtensionHost {
    /// `registerContentScripts(scripts)`: every script checked, then all registered, or none.
    /// Chromium checks every id first, then each script's members, then the files
    /// (`CreateDynamicScriptIds`, then parsing, then `ValidateParsedScriptsOnFileThread`);
    /// Firefox each script in turn.
    func registerContentScripts(_ request: APIRequest) {
        let instance = request.instance
        let given = request.argument(0)?.arrayValue ?? []
        let registered = Set(instance.registeredContentScripts.filter { $0.registrant == nil }.map(\.id))
        let chrome = options.flavor == .chrome
        var batch = Set<String>()
        var scripts: [RegisteredContentScript] = []
        for item in given {
            let script = RegisteredContentScriptsAPI.script(from: item, over: nil, flavor: options.flavor)
            let id = script.id
            if let error = idError(id) { return request.fail(error) }
            if chrome {
                if registered.contains(id) || batch.contains(id) { return request.fail("Duplicate script ID '\(id)'") }
            } else {
                if registered.contains(id) { return request.fail("Content script with id \"\(id)\" is already registered.") }
                if batch.contains(id) { return request.fail("Script ID \"\(id)\" found more than once in 'scripts' array.") }
                if let error = check(script, given: item, of: instance) { return request.fail(error) }
            }
            batch.insert(id)
            scripts.append(script)
        }
        if chrome {
            for (script, item) in zip(scripts, given) {
                if let error = check(script, given: item, of: instance, files: false) { return request.fail(error) }
            }
            for script in scripts {
                if let error = fileError(script, of: instance) { return request.fail(error) }
            }
        }
        instance.registeredContentScripts += scripts.map(normalized)
        keepRegisteredContentScripts(of: instance)
        request.respond()
    }

    /// `updateContentScripts(scripts)`: each one named must be registered, once; all change, or
    /// none. Chromium removes the scripts and adds them again: they go to the end of its list, in
    /// the call's order; Firefox's keep their places.
    func updateContentScripts(_ request: APIRequest) {
        let instance = request.instance
        var scripts = instance.registeredContentScripts
        var batch = Set<String>()
        var updatedIDs: [String] = []
        for item in request.argument(0)?.arrayValue ?? [] {
            let id = item["id"]?.stringValue ?? ""
            if let error = idError(id) { return request.fail(error) }
            if batch.contains(id) {
                return request.fail(options.flavor == .chrome ? "Duplicate script ID '\(id)'" : "Script ID \"\(id)\" found more than once in 'scripts' array.")
            }
            batch.insert(id)
            guard let index = scripts.firstIndex(where: { $0.registrant == nil && $0.id == id }) else {
                return request.fail(options.flavor == .chrome
                    ? "Script with ID '\(id)' does not exist or is not fully registered"
                    : "Content script with id \"\(id)\" does not exist.")
            }
            let updated = RegisteredContentScriptsAPI.script(from: item, over: scripts[index], flavor: options.flavor)
            if let error = check(updated, given: item, of: instance) { return request.fail(error) }
            scripts[index] = normalized(updated)
            updatedIDs.append(id)
        }
        if options.flavor == .chrome {
            let moved = updatedIDs.compactMap { id in scripts.first { $0.registrant == nil && $0.id == id } }
            scripts.removeAll { $0.registrant == nil && updatedIDs.contains($0.id) }
            scripts += moved
        }
        instance.registeredContentScripts = scripts
        keepRegisteredContentScripts(of: instance)
        request.respond()
    }

    /// `unregisterContentScripts(filter)`: the scripts named (every one, without ids), each of
    /// which must be registered.
    func unregisterContentScripts(_ request: APIRequest) {
        let instance = request.instance
        // (Chromium's filter of no ids removes every script: recorded, scripting-registered-ids-order.)
        if let ids = request.argument(0)?.arrayValue?.compactMap(\.stringValue), !(options.flavor == .chrome && ids.isEmpty) {
            for id in ids {
                if let error = idError(id) { return request.fail(error) }
                guard instance.registeredContentScripts.contains(where: { $0.registrant == nil && $0.id == id }) else {
                    return request.fail(options.flavor == .chrome ? "Nonexistent script ID '\(id)'" : "Content script with id \"\(id)\" does not exist.")
                }
            }
            instance.registeredContentScripts.removeAll { $0.registrant == nil && ids.contains($0.id) }
        } else {
            instance.registeredContentScripts.removeAll { $0.registrant == nil }
        }
        keepRegisteredContentScripts(of: instance)
        request.respond()
    }

    /// What the browser says of a script id it refuses (empty, or starting with `_`), or nil.
    private func idError(_ id: String) -> String? {
        guard id.isEmpty || id.hasPrefix("_") else { return nil }
        guard options.flavor == .chrome else { return "Invalid content script id." }
        return id.isEmpty ? "Script's ID must not be empty" : "Script's ID '\(id)' must not start with '_'"
    }

    /// `script` with its files named as the browser gives them back (Chromium's relative path,
    /// without a leading `/`; Firefox's path from the extension's root).
    private func normalized(_ script: RegisteredContentScript) -> RegisteredContentScript {
        var script = script
        let chrome = options.flavor == .chrome
        let name = { (path: String) in chrome ? ExtensionResourcePath.chromiumFilePath(path) ?? path : ExtensionResourcePath.urlPath(path) }
        script.js = script.js.map(name)
        script.css = script.css.map(name)
        return script
    }

    /// What the browser refuses of `script` (the request's `given` object), in its words; nil when
    /// it takes it. Chromium's files are checked too unless `files` is false (``fileError(_:of:)``).
    private func check(_ script: RegisteredContentScript, given: JSONValue, of instance: ExtensionInstance, files: Bool = true) -> String? {
        let chrome = options.flavor == .chrome
        let id = script.id
        if chrome {
            if script.matches.isEmpty {
                return given["matches"] == nil ? "Script with ID '\(id)' must specify 'matches'." : "Script with ID '\(id)' must specify at least one match."
            }
            if script.js.isEmpty, script.css.isEmpty { return "Script with ID '\(id)' must specify at least one js or css file." }
        } else {
            if script.js.isEmpty, script.css.isEmpty { return "At least one js or css must be specified." }
            if script.matches.isEmpty { return "matches must be specified." }
        }
        do {
            _ = try script.entry(flavor: options.flavor)
        } catch {
            let list = error.excluded ? (chrome ? "exclude_matches" : "excludeMatches") : "matches"
            return chrome
                ? "Script with ID '\(id)' has invalid value for \(list)[\(error.index)]: \(error.error.reason)"
                : "Invalid url pattern: \(error.error.pattern)"
        }
        return files ? fileError(script, of: instance) : nil
    }

    /// Chromium's refusal of a file of `script` that is not there, or climbs out of the extension
    /// (`ExtensionResource::GetFilePath`); nil in Firefox, which takes it and fails where it would run.
    private func fileError(_ script: RegisteredContentScript, of instance: ExtensionInstance) -> String? {
        guard options.flavor == .chrome else { return nil }
        for path in script.js where ExtensionResourcePath.chromiumFilePath(path) == nil || !instance.readScriptFile(path) {
            return "Could not load javascript '\(path)' for script."
        }
        for path in script.css where ExtensionResourcePath.chromiumFilePath(path) == nil || instance.styleSheetText(of: path) == nil {
            return "Could not load css '\(path)' for script."
        }
        return nil
    }

    /// Firefox's `contentScripts.register(options)` (js/59_content_scripts.js): a script of files
    /// and code that lasts while the context that registered it does, for the patterns the
    /// extension has permission for (ext-contentScripts.js); answers its id.
    func registerContentScriptOfContext(_ request: APIRequest) {
        let instance = request.instance
        guard let options = request.argument(0) else { return request.fail("contentScripts.register: no options.") }
        let matches = options["matches"]?.arrayValue?.compactMap(\.stringValue) ?? []
        for text in matches where !PermissionsAPI.covers(instance.hostPatterns, text, flavor: self.options.flavor) {
            return request.fail("Permission denied to register a content script for \(text)")
        }
        instance.lastRegisteredScript += 1
        // (Its id is no `scripting` id: the two APIs keep their scripts apart, by `registrant`.)
        let id = "contentScripts.register \(instance.lastRegisteredScript)"
        // (Code is kept as a file of its own that no URL names.)
        func files(_ name: String, code: (String, String) -> Void) -> [String] {
            (options[name]?.arrayValue ?? []).enumerated().compactMap { index, item in
                if let file = item["file"]?.stringValue { return file }
                guard let text = item["code"]?.stringValue else { return nil }
                let path = "\u{0}\(id) \(name) \(index)"
                code(path, text)
                return path
            }
        }
        var script = RegisteredContentScript(id: id, matches: matches, persistAcrossSessions: false)
        script.js = files("js") { instance.keepScript($1, as: $0) }
        script.css = files("css") { instance.keepStyleSheet($1, as: $0) }
        script.excludeMatches = options["excludeMatches"]?.arrayValue?.compactMap(\.stringValue) ?? []
        script.includeGlobs = options["includeGlobs"]?.arrayValue?.compactMap(\.stringValue)
        script.excludeGlobs = options["excludeGlobs"]?.arrayValue?.compactMap(\.stringValue)
        script.allFrames = options["allFrames"]?.boolValue ?? false
        script.matchAboutBlank = options["matchAboutBlank"]?.boolValue ?? false
        script.runAt = options["runAt"]?.stringValue.flatMap(ContentScriptEntry.RunAt.init(rawValue:)) ?? .documentIdle
        script.registrant = request.context.id
        instance.registeredContentScripts.append(script)
        request.respond(.string(id))
    }

    /// Keeps in the run's profile the scripts of `instance` that persist across sessions.
    func keepRegisteredContentScripts(of instance: ExtensionInstance) {
        guard let profile = options.profile else { return }
        let kept = instance.registeredContentScripts.filter(\.persistAcrossSessions)
        profile.storeContentScripts(kept.isEmpty ? nil : RegisteredContentScriptsAPI.profileJSON(kept), of: instance.id.runtimeID)
    }

    /// Sets the scripts the profile kept for `instance`, started as installed already (not an
    /// install or an update, which start without any).
    func restoreRegisteredContentScripts(of instance: ExtensionInstance) {
        guard let profile = options.profile else { return }
        guard instance.lifecycleEvent?.name == "runtime.onStartup" else {
            profile.storeContentScripts(nil, of: instance.id.runtimeID)
            return
        }
        guard let text = profile.storedContentScripts(of: instance.id.runtimeID), let list = JSONValue.parse(text)?.arrayValue else { return }
        instance.registeredContentScripts = list.map { RegisteredContentScriptsAPI.script(from: $0, over: nil, flavor: options.flavor) }
    }
}
