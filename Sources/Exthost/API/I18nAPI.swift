import BrowserModel
import Foundation
import JSEngine

/// `i18n` on the Swift side (js/59_i18n.js): the extension's messages, and Firefox's
/// `getPreferredSystemLanguages` (the system's locale, from the environment as Firefox reads it:
/// none, `C` or `POSIX` is `en-US-posix`, recorded).
enum I18nAPI {
    static func register(in api: ExtensionAPI) {
        api.defineSync("i18n.getMessage", contexts: [.background, .page, .content, .driver]) { _, arguments, context in
            guard let instance = context.owner, let name = arguments[0]?.stringValue else { return .success(.null) }
            let substitutions = arguments[1]?.arrayValue?.compactMap(\.stringValue) ?? []
            let message = instance.message(name, substitutions: substitutions, escapeLt: arguments[2]?.boolValue == true)
            return .success(message.map { .string($0) } ?? .null)
        }
        api.define("i18n.getPreferredSystemLanguages", contexts: [.background, .page, .content, .driver]) { _, request in
            request.respond(.array([.string(systemLanguage())]))
        }
    }

    /// The system's language as a BCP 47 tag, from `LC_ALL`, `LC_MESSAGES` or `LANG`.
    static func systemLanguage() -> String {
        let environment = ProcessInfo.processInfo.environment
        let value = [environment["LC_ALL"], environment["LC_MESSAGES"], environment["LANG"]].compactMap { $0 }.first { !$0.isEmpty } ?? ""
        let locale = value.split(separator: ".").first.map(String.init) ?? ""
        if locale.isEmpty || locale == "C" || locale == "POSIX" { return "en-US-posix" }
        return locale.replacingOccurrences(of: "_", with: "-")
    }
}
