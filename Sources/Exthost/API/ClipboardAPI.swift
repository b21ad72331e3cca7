import BrowserModel
import JSEngine

/// The run's system clipboard (BrowserModel's ``Clipboard``) as pages write and read it
/// (js/28_navigator.js's `navigator.clipboard`, js/63_dom.js's copy command), once each browser's
/// rules (activation, focus) let them.
enum ClipboardAPI {
    static func register(in api: ExtensionAPI) {
        // The caller's document writes the clipboard: [[type, data], ...].
        api.defineSync("clipboard.write", contexts: UserActivationAPI.windows) { host, arguments, context in
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
        api.defineSync("clipboard.readText", contexts: UserActivationAPI.windows) { host, _, context in
            guard let text = host.clipboard.text else { return .success(.null) }
            // (An opaque origin is no other document's, not even another opaque one's.)
            let sameOrigin = context.origin != "null" && host.clipboard.origin == context.origin
            return .success(.json(JSONValue.array([.string(text), .bool(sameOrigin)]).jsonText))
        }
    }
}
