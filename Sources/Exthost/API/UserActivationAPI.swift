import BrowserModel
import JSEngine

/// What a person's input gives a page (ExtensionHost+UserActivation.swift), as the DOM and
/// `navigator` ask for it: user activation and the system focus.
enum UserActivationAPI {
    /// The contexts that are windows (a service worker has no activation).
    static let windows: Set<ContextKind> = [.content, .webPage, .page, .background]

    static func register(in api: ExtensionAPI) {
        // A person's input reaches the caller's window: Chromium's takes the system focus unless it
        // has it. Answers whether it took it now (then `focus` fires at the window).
        api.defineSync("page.takeSystemFocus", contexts: windows) { host, _, context in
            .success(.boolean(host.takeSystemFocus(for: context)))
        }
        // A person's activation-triggering input (a mouse's press, a key) reaches the caller's
        // window: HTML's activation notification, now.
        api.defineSync("page.activate", contexts: windows) { host, _, context in
            host.activate(from: context)
            return .success(.undefined)
        }
        // The caller's window's activation now: [isActive, hasBeenActive].
        api.defineSync("page.userActivation", contexts: windows) { host, _, context in
            let state = host.userActivation(of: context)
            return .success(.json(JSONValue.array([.bool(state.isActive), .bool(state.hasBeenActive)]).jsonText))
        }
        // Whether the caller's document has the focus (`document.hasFocus()`).
        api.defineSync("page.hasFocus", contexts: windows) { host, _, context in
            .success(.boolean(host.hasSystemFocus(context)))
        }
    }
}
