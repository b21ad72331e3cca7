import JSEngine

/// Where a channel goes: the extension's pages (`runtime.connect`, `runtime.sendMessage`) or the
/// content scripts in a tab (`tabs.connect`, `tabs.sendMessage`).
enum MessageTarget {
    /// The pages of an extension (its background): `runtime.connect` / `runtime.sendMessage`.
    case extensionPages(extensionID: String?)
    /// The content scripts of the caller's extension in a tab, optionally one frame or document.
    case tab(id: Int, frameID: Int?, documentID: String?)

    /// Reads a target from the object the JavaScript side passes (js/60_messaging.js: a null-prototype
    /// `{ target: 'extensionPages' | 'tab', extensionId, tabId, frameId, documentId }`), member by member.
    init?(_ call: NativeCall, argument index: Int) {
        func integer(_ key: String) -> Int? {
            guard let value = call.member(index, key), value.isNumber else { return nil }
            let number = value.numberValue
            return number.rounded(.towardZero) == number && number.magnitude < 9e15 ? Int(number) : nil
        }
        func string(_ key: String) -> String? {
            guard let value = call.member(index, key), value.isString else { return nil }
            return value.stringValue
        }
        switch string("target") {
        case "extensionPages":
            self = .extensionPages(extensionID: string("extensionId"))
        case "tab":
            guard let tabID = integer("tabId") else { return nil }
            self = .tab(id: tabID, frameID: integer("frameId"), documentID: string("documentId"))
        default:
            return nil
        }
    }
}
