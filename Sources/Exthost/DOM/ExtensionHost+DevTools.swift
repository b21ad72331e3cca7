import BrowserModel
import JSEngine

// DevTools for a tab (issue 10, item 5), as each browser runs an extension's `devtools_page`
// (recorded: fixtures/conformance/devtools-page, DevTools opened by the recorder once the page
// had loaded). Each DevTools window loads the page of every extension that declares one, in no
// tab and no frame of the inspected page: its sender has no tab (Chromium: id, url, origin;
// Firefox's `envType` is `devtools_child`), it has `chrome.devtools` (js/57_devtools.js) beside
// what an extension page has in Chromium and a few namespaces in Firefox, and it lives as long as
// the window: closing DevTools or the tab closes it and disconnects its ports. Its
// `inspectedWindow.eval()` runs in the inspected page's main world (made when the page has
// none), or, in Chromium with `useContentScriptContext`, in the extension's content script
// world of the page.
extension ExtensionHost {
    /// Opens DevTools for tab `tabID`, as a person opening the browser's developer tools there:
    /// each loaded extension with a `devtools_page` gets that page, inspecting the tab. DevTools
    /// already open for the tab stays as it is.
    ///
    /// - Returns: false when there is no such tab.
    @discardableResult
    public func openDevTools(forTab tabID: Int) -> Bool {
        guard browser.tab(tabID) != nil else { return false }
        for instance in extensions {
            guard let path = instance.manifest.devtoolsPage, instance.devtoolsPages[tabID] == nil else { continue }
            let info: [(String, JSONValue)] = [("devtools", .bool(true)), ("inspectedTabId", .int(tabID))]
            guard let page = openFramelessPage(of: instance, path: path, extraInfo: info, prepare: { $0.inspectedTabID = tabID }) else { continue }
            instance.devtoolsPages[tabID] = page
        }
        return true
    }

    /// Closes DevTools of tab `tabID` (the tab closed, or a person closed them): the devtools
    /// pages inspecting it close, and their ports disconnect.
    public func closeDevTools(forTab tabID: Int) {
        for instance in extensions {
            guard let page = instance.devtoolsPages.removeValue(forKey: tabID) else { continue }
            closeFramelessPage(page, of: instance)
        }
    }

    /// The devtools pages inspecting tab `tabID`.
    func devtoolsPages(inspecting tabID: Int) -> [ExtensionContext] {
        extensions.compactMap { $0.devtoolsPages[tabID] }.filter { !$0.isClosed }
    }

    /// `devtools.inspectedWindow.eval(expression)` of the devtools page `devtools`: the value of
    /// `expression` evaluated in the inspected tab's top document, in its main world or (with
    /// `inContentScriptWorld`) the extension's content script world there, as each browser
    /// answers: `{result}` with the value as JSON text (none for a value JSON cannot carry), or
    /// `{exceptionInfo}` when it threw (`isException`, and `value`: the error's text and where).
    func evaluateInInspectedWindow(_ expression: String, from devtools: ExtensionContext, inContentScriptWorld: Bool) -> JSONValue {
        guard let tabID = devtools.inspectedTabID, let tab = browser.tab(tabID), let top = tab.frames.first(where: \.isTop) else {
            return Self.evalError("E_NOTFOUND", "Inspected frame has gone")
        }
        let world: ExtensionContext
        if inContentScriptWorld {
            guard let owner = devtools.owner, let content = owner.contentContexts[.init(tabID: tabID, frameID: top.id)], !content.isClosed else {
                return Self.evalError("E_NOTFOUND", "Content script context is not found")
            }
            world = content
        } else {
            world = mainWorld(ofFrame: top, inTab: tabID)
        }
        let script = world.script
        let (outcome, stop) = script.runTask { () -> JSONValue in
            let value: ScriptValue
            do {
                value = try script.execute(expression, sourceURL: "")
            } catch let thrown as ThrownValue {
                return .object([("exceptionInfo", .object([("isException", .bool(true)), ("value", .string(thrownText(thrown)))]))])
            } catch {
                return .object([("exceptionInfo", .object([("isException", .bool(true)), ("value", .string(String(describing: error)))]))])
            }
            // (What JSON cannot carry, a function or undefined, gives no result.)
            guard let text = try? value.jsonString(), let parsed = JSONValue.parse(text) else { return .object([]) }
            return .object([("result", parsed)])
        }
        if let stop { world.reportStop(stop) }
        return outcome
    }

    /// The text DevTools gives of what an evaluated expression threw: the error's `name: message`,
    /// then where, in each browser's form of its stack.
    private func thrownText(_ thrown: ThrownValue) -> String {
        let error = thrown.scriptError
        let head = error.name.map { "\($0): \(error.message)" } ?? error.message
        let line = error.line ?? 1
        let column = error.column ?? 1
        switch options.flavor {
        case .chrome: return "\(head)\n    at <anonymous>:\(line):\(column)"
        case .firefox: return "\(head)\n\t@debugger eval code:\(line):\(column)\n"
        }
    }

    private static func evalError(_ code: String, _ description: String) -> JSONValue {
        .object([("exceptionInfo", .object([("isError", .bool(true)), ("code", .string(code)), ("description", .string(description))]))])
    }

    /// The main world of the document in `frame` of tab `tabID`, made now when its page has none
    /// (every page has a window in the browsers; exthost makes a main world for a page's own
    /// scripts, and for what reaches into the page: a Firefox content script's waiver, DevTools).
    func mainWorld(ofFrame frame: Frame, inTab tabID: Int) -> ExtensionContext {
        if let world = contexts(ofDocument: frame.documentID).first(where: { $0.kind == .webPage && !$0.isClosed }) { return world }
        return makeContext(kind: .webPage, owner: nil, url: frame.url, tabID: tabID, frameID: frame.id, documentID: frame.documentID,
                           extraInfo: [("isTop", .bool(frame.isTop))])
    }

    /// Tab `tabID`'s top frame committed a navigation to `url`: its devtools pages hear
    /// `devtools.network.onNavigated`.
    func inspectedTabNavigated(_ tabID: Int, to url: String) {
        for page in devtoolsPages(inspecting: tabID) {
            page.dispatchEvent("devtools.network.onNavigated", [.string(url)])
        }
    }
}
