/// The `runtime` event a channel is offered to in a receiving context: a port (`runtime.connect`,
/// `tabs.connect`) or a one-time message (`runtime.sendMessage`, `tabs.sendMessage`), from the
/// receiver's own extension or from another extension or a web page (`externally_connectable`).
enum ChannelEvent: String {
    case onConnect = "runtime.onConnect"
    case onMessage = "runtime.onMessage"
    case onConnectExternal = "runtime.onConnectExternal"
    case onMessageExternal = "runtime.onMessageExternal"

    /// The event for a one-time channel or a port, external or not.
    init(oneTime: Bool, external: Bool) {
        switch (oneTime, external) {
        case (false, false): self = .onConnect
        case (true, false): self = .onMessage
        case (false, true): self = .onConnectExternal
        case (true, true): self = .onMessageExternal
        }
    }
}
