import BrowserModel
import JSEngine

/// What a person's input gives a page (ExtensionHost+UserActivation.swift), as the DOM and
/// `navigator` ask for it: user activation, the system focus, and the system clipboard.
enum UserActivationAPI {
    static func register(in api: ExtensionAPI) {
        let windows: Set<ContextKind> = [.content, .webPage, .page, .background]
        // A person's input reached the caller's document: "pointer" (the mouse arrives, or the
        // first key: Chromium's window takes the focus; answers whether it took it now) or
        // "activate" (an activation-triggering input: HTML's activation notification).
        api.defineSync("page.personInput", contexts: windows) { host, arguments, context in
            switch arguments[0]?.stringValue {
            case "pointer": return .success(.boolean(host.personInput(to: context)))
            case "activate":
                host.activate(from: context)
                return .success(.undefined)
            default: return .failure(APIError(message: "page.personInput: give \"pointer\" or \"activate\"."))
            }
        }
        // The caller's window now: [isActive, hasBeenActive, hasFocus].
        api.defineSync("page.activation", contexts: windows) { host, _, context in
            let state = host.userActivation(of: context)
            return .success(.json(JSONValue.array([.bool(state.isActive), .bool(state.hasBeenActive), .bool(host.hasSystemFocus(context))]).jsonText))
        }
        // The caller's document writes the clipboard: [[type, data], ...].
        api.defineSync("clipboard.write", contexts: windows) { host, arguments, context in
            guard case .array(let items)? = arguments[0] else { return .failure(APIError(message: "clipboard.write: give [[type, data], ...].")) }
            let representations = items.compactMap { item -> Clipboard.Representation? in
                guard let type = item[0]?.stringValue, let data = item[1]?.stringValue else { return nil }
                return Clipboard.Representation(type: type, data: data)
            }
            host.clipboard.write(representations, origin: context.origin)
            return .success(.undefined)
        }
        // What the clipboard holds for the caller to read as text: [text, written by its origin],
        // or null when it holds no text.
        api.defineSync("clipboard.readText", contexts: windows) { host, _, context in
            guard let text = host.clipboard.text else { return .success(.null) }
            return .success(.json(JSONValue.array([.string(text), .bool(host.clipboard.origin == context.origin)]).jsonText))
        }
    }
}
