import JSEngine

/// What Swift sends a context. Each is a task of its own, a call of the entry point of the host
/// realm's JavaScript named for it (`host.deliveries.<entryPoint>`, js/38_api.js and
/// js/60_messaging.js), given the context's record there and typed arguments:
/// numbers are ids, texts are JSON or serialized messages (as the engine holds them on their way
/// from another context).
enum Delivery {
    /// The event `name` of a namespace (`tabs.onUpdated`), its arguments as a JSON array.
    case event(name: String, arguments: String)
    /// The answer to the context's API request `request`: its result as JSON (none: `undefined`),
    /// or the error message the request failed with.
    case apiResponse(request: Int, result: String?, error: String?)
    /// A channel offered to the context on its new port `port`: `info` is the JSON
    /// `{"name", "sender", "oneTime"}` (made as the first receiver gets it: ``ChannelInfo``),
    /// `message` a one-time message's serialized text;
    /// `external` when it comes from another extension or a web page (`runtime.onConnectExternal`,
    /// `onMessageExternal`). The entry point answers `{accepted, pending}` (a null-prototype
    /// object of booleans).
    case connect(port: Int, info: ChannelInfo, message: ScriptString?, external: Bool)
    /// A message, serialized, arriving on `port`.
    case message(port: Int, text: ScriptString)
    /// The other end of `port` closed it; `error` is the browser's text when the channel failed.
    case disconnect(port: Int, error: String?)
    /// The answer to the one-time message sent on `port`: its serialized text, or an error
    /// message; neither when every receiver went away without answering.
    case messageResponse(port: Int, text: ScriptString?, error: String?)

    /// The name of the entry point in `host.deliveries`.
    var entryPoint: String {
        switch self {
        case .event: "event"
        case .apiResponse: "apiResponse"
        case .connect: "connect"
        case .message: "message"
        case .disconnect: "disconnect"
        case .messageResponse: "messageResponse"
        }
    }

    /// The entry point's arguments, as values of `context`.
    func arguments(in context: ScriptContext) -> [ScriptValue] {
        func optional(_ text: String?) -> ScriptValue { text.map(context.string) ?? context.null }
        func optional(_ text: ScriptString?) -> ScriptValue { text.map(context.string) ?? context.undefined }
        switch self {
        case .event(let name, let arguments):
            return [context.string(name), context.string(arguments)]
        case .apiResponse(let request, let result, let error):
            return [context.number(Double(request)), result.map(context.string) ?? context.undefined, optional(error)]
        case .connect(let port, let info, let message, let external):
            return [context.number(Double(port)), context.string(info.text), optional(message), context.boolean(external)]
        case .message(let port, let text):
            return [context.number(Double(port)), context.string(text)]
        case .disconnect(let port, let error):
            return [context.number(Double(port)), optional(error)]
        case .messageResponse(let port, let text, let error):
            return [context.number(Double(port)), optional(text), optional(error)]
        }
    }
}

/// What a channel's receivers learn of it as it opens (`{"name", "sender", "oneTime"}`), made once,
/// when the first receiver gets it: the browser builds a channel's sender as it handles the
/// opening, after what the sender's renderer told it before (a same-document navigation's new
/// URL is its tab's by then: recorded, msg-sender-url-after-pushstate), not as the script calls
/// (the router keeps what it was then, for a sender gone by the time it is delivered).
final class ChannelInfo {
    private let make: () -> String
    /// The JSON text.
    private(set) lazy var text: String = make()

    init(_ make: @escaping () -> String) {
        self.make = make
    }
}
