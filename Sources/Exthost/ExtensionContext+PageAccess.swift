import BrowserModel
import JSEngine

// What a Firefox content script reaches of its page's own scripts (issue 10, item 3): the page's
// window (`window.wrappedJSObject`, Firefox's waiver of its Xray view), functions it hands the page
// (`exportFunction`), and values it sets there (a copy `cloneInto` made reaches the page; another
// object is one the page may not read, "Permission denied", as for a CustomEvent's `detail`).
// The page's realm is its main world (``ContextKind/webPage``); a page of no script has one made
// when a content script first reaches for it, as every page has a window in the browsers.
extension ExtensionContext {
    /// The main world of the content script's document, made now when its page has none.
    func pageWorld(host: ExtensionHost) throws -> ExtensionContext {
        guard kind == .content, let documentID, let tabID, let frameID, let frame = host.browser.tab(tabID)?.frame(frameID) else {
            throw NativeArgumentError("page: only a content script reaches its page.")
        }
        guard frame.documentID == documentID else { throw NativeArgumentError("page: the content script's document is gone.") }
        return host.mainWorld(ofFrame: frame, inTab: tabID)
    }

    /// `page.exportFunction(function)`: a function of the page's realm that calls `function` with
    /// the page's arguments, its result reaching the page as `adopt` gives it (js/63_dom.js
    /// `exportToPage`).
    func exportToPage(_ function: ScriptValue, host: ExtensionHost) throws -> NativeResult {
        guard function.isFunction else { throw NativeArgumentError("page.exportFunction: argument 1 must be a function.") }
        let page = try pageWorld(host: host)
        let exported = try host.realm.value("exportToPage", in: "dom").call([try realmRecord(), try page.realmRecord(), function])
        return .value(exported)
    }

    /// `page.adopt(value)`: `value` as the page receives it from this content script.
    func adoptIntoPage(_ value: ScriptValue, host: ExtensionHost) throws -> NativeResult {
        let page = try pageWorld(host: host)
        return .value(try host.realm.value("adoptIntoPage", in: "dom").call([try realmRecord(), try page.realmRecord(), value]))
    }
}
