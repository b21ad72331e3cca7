import BrowserModel

/// What `chrome.devtools` (js/57_devtools.js) asks of the host for a devtools page
/// (Sources/Exthost/DOM/ExtensionHost+DevTools.swift): an expression evaluated in the inspected
/// page, and the inspected tab reloaded.
enum DevToolsAPI {
    static func register(in api: ExtensionAPI) {
        // `devtools.eval(expression, inContentScriptWorld)`: `{result}` or `{exceptionInfo}`, the
        // expression run in a task of the inspected page (as DevTools sends it there).
        api.define("devtools.eval", contexts: [.page]) { host, request in
            let context = request.context
            guard context.inspectedTabID != nil else { return request.fail("devtools.eval: only a devtools page inspects a tab.") }
            let expression = request.argument(0)?.stringValue ?? ""
            let inContentScriptWorld = request.argument(1)?.boolValue ?? false
            host.loop.enqueue { [weak host] in
                guard let host, !context.isClosed else { return }
                request.respond(host.evaluateInInspectedWindow(expression, from: context, inContentScriptWorld: inContentScriptWorld))
            }
        }
        // `devtools.reload()`: the inspected tab loads its page again.
        api.defineSync("devtools.reload", contexts: [.page]) { host, _, context in
            guard let tabID = context.inspectedTabID, let tab = host.browser.tab(tabID), let top = tab.frames.first(where: \.isTop) else {
                return .failure(APIError(message: "devtools.reload: only a devtools page inspects a tab."))
            }
            host.navigateFrame(top.id, inTab: tabID, to: tab.url, history: .replace, transition: .reload)
            return .success(.null)
        }
    }
}
