import BrowserModel
import JSEngine

/// The URL parser behind the `URL` class of `js/25_url.js`, which keeps no parser of its own.
///
/// - `url.parse [input, base?]`: `new URL(input, base)`: the URL's parts, or `null` when `input` (or `base`) is not a
///   valid URL.
/// - `url.set [href, attribute, value]`: the parts of the URL `href` after its setter `attribute` (`protocol`,
///   `username`, `password`, `host`, `hostname`, `port`, `pathname`, `search` or `hash`) has been given `value`;
///   `null` when `href` is not a valid URL.
///
/// The parts are the `URL` interface's attributes: `href, origin, protocol, username, password, host, hostname, port,
/// pathname, search, hash`.
enum URLAPI {
    static func register(in api: ExtensionAPI) {
        api.defineSync("url.parse", contexts: [.background, .page, .content, .webPage, .driver]) { host, arguments, _ in
            guard let input = arguments[0]?.stringValue else { return .failure(APIError(message: "url.parse: no input.")) }
            var base: WebURL?
            if let baseText = arguments[1]?.stringValue {
                guard let parsed = WebURL(string: baseText) else { return answer(nil) }
                base = parsed
            }
            return answer(WebURL(string: input, relativeTo: base))
        }
        api.defineSync("url.set", contexts: [.background, .page, .content, .webPage, .driver]) { host, arguments, _ in
            guard let href = arguments[0]?.stringValue, let name = arguments[1]?.stringValue,
                let attribute = WebURL.SettableAttribute(rawValue: name), let value = arguments[2]?.stringValue
            else { return .failure(APIError(message: "url.set: bad arguments.")) }
            return answer(WebURL(string: href)?.setting(attribute, to: value))
        }
    }

    /// The URL's parts, or `null` for a URL that does not parse.
    private static func answer(_ url: WebURL?) -> Result<NativeResult, APIError> {
        .success(.json((url.map(parts) ?? .null).jsonText))
    }

    /// The `URL` interface's attributes of `url`.
    static func parts(_ url: WebURL) -> JSONValue {
        let query = url.query ?? ""
        let fragment = url.fragment ?? ""
        return .object([
            ("href", .string(url.href)),
            ("origin", .string(url.origin)),
            ("protocol", .string(url.scheme + ":")),
            ("username", .string(url.username)),
            ("password", .string(url.password)),
            ("host", .string(url.hostWithPort)),
            ("hostname", .string(url.host ?? "")),
            ("port", .string(url.port.map(String.init) ?? "")),
            ("pathname", .string(url.path)),
            ("search", .string(query.isEmpty ? "" : "?" + query)),
            ("hash", .string(fragment.isEmpty ? "" : "#" + fragment)),
        ])
    }
}
