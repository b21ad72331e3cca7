/// One thing that crossed the ``MessageRouter``: a channel opened (a port, or a one-time message
/// with its message), a message posted on a port, a one-time answer, a port closed by its script.
/// The host keeps them in order when ``ExtensionHost/recordsMessages`` is on (a driver script
/// reads them with `exthost.messages()`).
public struct RoutedMessage: Sendable, Equatable, Codable {
    /// What crossed.
    public enum Kind: String, Sendable, Codable {
        /// `runtime.connect` or `tabs.connect` opened a channel: `name`, `to`.
        case connect
        /// `runtime.sendMessage` or `tabs.sendMessage` sent a one-time message: `data`, `to`.
        case sendMessage
        /// `port.postMessage`: `data`.
        case postMessage
        /// A one-time message's answer (`sendResponse`, a listener's promise): `data` or `error`.
        case response
        /// `port.disconnect()`, or a port closed because its context went away (`error` says why).
        case disconnect
    }

    /// What crossed.
    public var kind: Kind
    /// The channel it belongs to (a number unique in the host).
    public var channel: Int
    /// The context that sent it.
    public var from: RouterEndpoint
    /// The contexts it was offered or posted to (for a disconnect or an answer: the other side).
    public var to: [RouterEndpoint]
    /// The port's name, for `connect`.
    public var name: String?
    /// The message as it was serialized (JSON text in Chrome; Firefox's structured clone's text).
    public var data: String?
    /// The error an answer rejects with.
    public var error: String?
    /// When, in milliseconds of the loop's clock.
    public var time: Double
}

/// A context as the message record names it.
public struct RouterEndpoint: Sendable, Equatable, Codable {
    /// The host's number of the context.
    public var contextId: Int
    /// What kind of context.
    public var kind: ContextKind
    /// The extension it belongs to (its runtime id); nil for a web page's own scripts.
    public var extensionId: String?
    /// For a content script, its tab and frame.
    public var tabId: Int?
    /// The frame of a content script.
    public var frameId: Int?
    /// The URL of its page or script.
    public var url: String

    init(_ context: ExtensionContext) {
        contextId = context.id
        kind = context.kind
        extensionId = context.owner?.id.runtimeID
        tabId = context.tabID
        frameId = context.frameID
        url = context.url
    }
}
