/// Where a channel goes: the extension's pages (`runtime.connect`, `runtime.sendMessage`) or the
/// content scripts in a tab (`tabs.connect`, `tabs.sendMessage`).
enum MessageTarget {
    /// The pages of an extension (its background): `runtime.connect` / `runtime.sendMessage`.
    case extensionPages(extensionID: String?)
    /// The content scripts of the caller's extension in a tab, optionally one frame or document.
    case tab(id: Int, frameID: Int?, documentID: String?)

    /// Reads a target from what the JavaScript side sends.
    init?(_ json: JSONValue) {
        switch json["target"]?.stringValue {
        case "extension":
            self = .extensionPages(extensionID: json["extensionId"]?.stringValue)
        case "tab":
            guard let tabID = json["tabId"]?.intValue else { return nil }
            self = .tab(id: tabID, frameID: json["frameId"]?.intValue, documentID: json["documentId"]?.stringValue)
        default:
            return nil
        }
    }
}
