import BrowserModel
import Foundation
import JSEngine

/// `scripting` on the Swift side (js/59_scripting.js; recorded: fixtures/conformance/
/// scripting-execute-basics): `executeScript` chooses a tab's frames (its top frame, `frameIds`,
/// `documentIds` or `allFrames`), checks the extension's host permissions for each (or
/// `activeTab`), and runs the function or the files in each frame's world (the extension's
/// isolated world, made when the frame has none yet, or the page's main world) a hop later, as a
/// renderer does; the answer lists each frame's result in frame order once every frame gave one.
///
/// Errors in each browser's words: a missing tab, a missing frame, a page the extension may not
/// script (the whole call fails for a frame it names; `allFrames` leaves such frames out), a file
/// that does not exist (Chromium fails the call; Firefox gives the frame an error and reports it).
enum ScriptingAPI {
    static func register(in api: ExtensionAPI) {
        api.define("scripting.executeScript", contexts: [.background, .page]) { host, request in
            host.executeScript(request)
        }
        api.define("scripting.insertCSS", contexts: [.background, .page]) { host, request in
            host.changeStyleSheets(request, removing: false)
        }
        api.define("scripting.removeCSS", contexts: [.background, .page]) { host, request in
            host.changeStyleSheets(request, removing: true)
        }
    }
}

extension ExtensionHost {
    /// What one frame gave: its ids and a `kind` (`result`, `none`, `error`, `message`, `null`)
    /// with the text js/59_scripting.js reads.
    private struct InjectionOutcome {
        var frameID: Int
        var documentID: String
        var kind: String
        var text: String
    }

    /// `scripting.executeScript(injection)` of `request` (its argument as js/59_scripting.js sends
    /// it: `tabId`, `frameIds`, `documentIds`, `allFrames`, `world`, and `func` with `args` (their
    /// text) or `files`).
    func executeScript(_ request: APIRequest) {
        let chrome = options.flavor == .chrome
        guard let details = request.argument(0) else { return request.fail("scripting.executeScript: no injection.") }
        guard let (tab, frames) = injectionFrames(details, of: request) else { return }
        let tabID = tab.id
        let instance = request.instance
        // (What runs: the function's source with its arguments' text (Chromium), the code that
        // calls it (Firefox), or the files' scripts.)
        let function = details["func"]?.stringValue
        let code = details["code"]?.stringValue
        let argumentsText = details["args"]?.stringValue ?? "[]"
        var files: [(path: String, script: ClassicScript?)] = []
        if case .array(let list)? = details["files"] {
            for path in list.compactMap(\.stringValue) {
                let inside = path.hasPrefix("/") ? String(path.dropFirst()) : path
                if instance.fileInside(inside) == nil {
                    if chrome { return request.fail("Could not load file: '\(path)'.") }
                    files.append((inside, nil))
                } else {
                    files.append((inside, instance.classicScript(ofFile: inside, realm: realm)))
                }
            }
        }
        let mainWorld = details["world"]?.stringValue == "MAIN"
        var outcomes: [InjectionOutcome?] = Array(repeating: nil, count: frames.count)
        var remaining = frames.count
        let finish = { [weak self] (index: Int, outcome: InjectionOutcome) in
            guard self != nil, outcomes[index] == nil else { return }
            outcomes[index] = outcome
            remaining -= 1
            guard remaining == 0 else { return }
            // (Firefox: a result it cannot clone fails the whole call.)
            if let failure = outcomes.compactMap({ $0 }).first(where: { $0.kind == "fail" }) { return request.fail(failure.text) }
            request.respond(.array(outcomes.compactMap { $0 }.map { outcome in
                .object([("frameId", .int(outcome.frameID)), ("documentId", .string(outcome.documentID)),
                         ("kind", .string(outcome.kind)), ("text", .string(outcome.text))])
            }))
        }
        // (It runs in the frames' renderer: a hop later.)
        crossProcess { [weak self, weak instance] in
            guard let self, let instance else { return }
            for (index, frame) in frames.enumerated() {
                let outcome = { (kind: String, text: String) in
                    finish(index, InjectionOutcome(frameID: frame.id, documentID: frame.documentID, kind: kind, text: text))
                }
                // (The frame navigated or closed meanwhile: nothing ran there.)
                guard let current = browser.tab(tabID)?.frames.first(where: { $0.id == frame.id }), current.documentID == frame.documentID else {
                    outcome("null", "")
                    continue
                }
                let world = mainWorld ? self.mainWorld(ofFrame: current, inTab: tabID) : contentContext(of: instance, tab: tab, frame: current)
                inject(function: function, code: code, argumentsText: argumentsText, files: files, into: world, of: instance, outcome: outcome)
            }
        }
    }

    /// The tab and the frames an injection's target names (`tabId`, and `frameIds`, `documentIds`
    /// or `allFrames`; no tab: the active tab of the focused window, as version 2's
    /// `tabs.executeScript` takes it), those the extension may script; nil when the call failed
    /// (no such tab or frame, or a frame it may not script), in each browser's words.
    private func injectionFrames(_ details: JSONValue, of request: APIRequest) -> (Tab, [Frame])? {
        let chrome = options.flavor == .chrome
        let tabID = details["tabId"]?.intValue ?? browser.focusedTab?.id ?? -1
        guard let tab = browser.tab(tabID) else {
            request.fail(chrome ? "No tab with id: \(tabID)" : "Invalid tab ID: \(tabID)")
            return nil
        }
        let instance = request.instance
        let allFrames = details["allFrames"] == .bool(true)
        // (The frames `ids` name, each once, in the order named; nil when one names none: the
        // call has failed with `missing`'s words.)
        func named(_ ids: [JSONValue], _ matches: (Frame, JSONValue) -> Bool, missing: (JSONValue) -> String) -> [Frame]? {
            var found: [Frame] = []
            for id in ids {
                guard let frame = tab.frames.first(where: { matches($0, id) }) else {
                    request.fail(missing(id))
                    return nil
                }
                if !found.contains(where: { $0.id == frame.id }) { found.append(frame) }
            }
            return found
        }
        var frames: [Frame]
        if case .array(let ids)? = details["frameIds"] {
            guard let found = named(ids, { $0.id == $1.intValue }, missing: { id in
                chrome ? "No frame with id \(id.jsonText) in tab with id \(tabID)" : "Invalid frame IDs: [\(id.jsonText)]."
            }) else { return nil }
            frames = found
        } else if case .array(let ids)? = details["documentIds"] {
            guard let found = named(ids, { $0.documentID == $1.stringValue }, missing: { id in
                let text = id.stringValue ?? id.jsonText
                return chrome ? "No document with id \(text) in tab with id \(tabID)" : "Invalid documentId: \(text)"
            }) else { return nil }
            frames = found
        } else {
            frames = allFrames ? tab.frames : tab.frames.filter(\.isTop)
        }
        // (A frame it names must be one it may script; of all frames, those it may not are left out.)
        let permitted = frames.filter { mayScript($0, in: tab, by: instance) }
        let topRefused = allFrames && !tab.frames.filter(\.isTop).allSatisfy { mayScript($0, in: tab, by: instance) }
        if (!allFrames && permitted.count < frames.count) || topRefused || permitted.isEmpty {
            // (Chromium names the page's URL to an extension with the `tabs` permission:
            // `PermissionsData::CanRunOnPage`; recorded: scripting-css-errors.)
            let refused = topRefused ? tab.frames.first(where: \.isTop) : frames.first { !mayScript($0, in: tab, by: instance) }
            if !chrome {
                request.fail("Missing host permission for the tab")
            } else if instance.hasAPIPermission("tabs"), let refused {
                request.fail("Cannot access contents of url \"\(refused.url)\". Extension manifest must request permission to access this host.")
            } else {
                request.fail("Cannot access contents of the page. Extension manifest must request permission to access the respective host.")
            }
            return nil
        }
        return (tab, permitted)
    }

    /// `scripting.insertCSS(injection)` or `removeCSS` of `request` (its argument as
    /// js/59_scripting.js sends it: the target as for ``executeScript(_:)``, `css` or `files`, and
    /// `origin`): in each frame, a hop later (in its renderer), each sheet added or the last one
    /// added under the same key taken out (``addStyleSheet(_:toDocument:)``); the call answers once
    /// that is done. Removing a sheet never inserted is no error.
    func changeStyleSheets(_ request: APIRequest, removing: Bool) {
        let chrome = options.flavor == .chrome
        guard let details = request.argument(0) else { return request.fail("scripting.insertCSS: no injection.") }
        guard let (tab, frames) = injectionFrames(details, of: request) else { return }
        let instance = request.instance
        let origin: AddedStyleSheet.Origin = details["origin"]?.stringValue == "USER" ? .user : .author
        var sheets: [AddedStyleSheet] = []
        if let css = details["css"]?.stringValue {
            sheets.append(AddedStyleSheet(key: instance.styleSheetKey(ofCode: css), origin: origin, text: css, owner: instance.id.runtimeID))
        } else if case .array(let list)? = details["files"] {
            for path in list.compactMap(\.stringValue) {
                // (A path as the extension's URL names it: `./a.css` and `/a.css` are `a.css`.)
                let inside = ExtensionResourcePath.urlPath(path)
                guard let text = instance.styleSheetText(of: inside) else {
                    return request.fail(chrome ? "Could not load file: '\(path)'." : "An unexpected error occurred")
                }
                sheets.append(AddedStyleSheet(key: instance.styleSheetKey(ofFile: inside), origin: origin, text: text, owner: instance.id.runtimeID))
            }
        }
        crossProcess { [weak self] in
            guard let self else { return }
            for frame in frames {
                // (The frame navigated or closed meanwhile: its new document gets nothing.)
                guard let current = browser.tab(tab.id)?.frames.first(where: { $0.id == frame.id }), current.documentID == frame.documentID else { continue }
                for sheet in sheets {
                    if removing { removeStyleSheet(key: sheet.key, origin: sheet.origin, fromDocument: frame.documentID) }
                    else { addStyleSheet(sheet, toDocument: frame.documentID) }
                }
            }
            request.respond(.null)
        }
    }

    /// Whether `instance` may run scripts in `frame` of `tab`: its host permissions match the
    /// frame's URL, or `activeTab` was granted for the tab and the frame is of its page's origin.
    private func mayScript(_ frame: Frame, in tab: Tab, by instance: ExtensionInstance) -> Bool {
        if instance.hostPatterns.contains(where: { $0.matches(frame.url) }) { return true }
        guard instance.activeTabs.contains(tab.id), let top = tab.frames.first(where: \.isTop),
              let topURL = WebURL(string: top.url), let frameURL = WebURL(string: frame.url) else { return false }
        return topURL.origin == frameURL.origin
    }

    /// Runs the injection in `world` as a task of its own and tells `outcome` what it gave.
    private func inject(function: String?, code: String?, argumentsText: String, files: [(path: String, script: ClassicScript?)], into world: ExtensionContext,
                        of instance: ExtensionInstance, outcome: @escaping (String, String) -> Void) {
        guard !world.isClosed, !world.isFrozen, let record = try? world.realmRecord(),
              let run = try? realm.value("runInjection", in: "scripting") else { return outcome("null", "") }
        let script = world.script
        let done = NativeFunction.make(name: "done", in: realm.script) { call in
            outcome(call.string(0), call.string(1))
            return .undefined
        }
        let (_, stop) = script.runTask { () -> Void in
            var value: ScriptValue
            var mode = "value"
            var scriptName = "<anonymous code>"
            do {
                if let function {
                    // (The function's source, read back as an expression in the frame's world; what
                    // it throws is the page's, as Chromium shows it.)
                    value = try script.execute("(" + function + "\n)", sourceURL: world.url)
                    mode = "call"
                } else if let code {
                    value = try script.execute(code, sourceURL: world.url)
                } else {
                    var last = script.undefined
                    scriptName = files.last.map { instance.url(of: $0.path) } ?? ""
                    for file in files {
                        guard let classic = file.script else {
                            // (Firefox: the frame's error, and its console's reports of it.)
                            let text = "Unable to load script: " + instance.url(of: file.path)
                            emit(.error, text, from: world, isUncaught: true)
                            emit(.error, "uncaught exception: " + text, from: world, isUncaught: true)
                            outcome("message", text)
                            return
                        }
                        last = try script.execute(classic.source)
                    }
                    value = last
                }
            } catch let error as ThrownValue {
                // (A script that does not compile or throws as it runs: js/59_scripting.js says so.)
                if script.machine.isStopping { return }
                value = error.value
                mode = "threw"
            } catch {
                outcome("null", "")
                return
            }
            do {
                _ = try run.call([record, value, realm.script.string(mode), realm.script.string(argumentsText),
                                  realm.script.string(scriptName), done])
            } catch {
                outcome("null", "")
            }
        }
        if let stop {
            world.reportStop(stop)
            outcome("null", "")
        }
    }
}
