/// A message channel between one opener port and the ports of the contexts that received its
/// connection: what `runtime.connect`, `tabs.connect` and the one-time `sendMessage` calls make.
///
/// Every port has an integer id unique in the host; scripts hold ids, never objects of another
/// context. Messages cross as serialized text.
final class PortChannel {
    /// What a channel is for.
    enum Kind {
        /// A long-lived channel (`runtime.connect`, `tabs.connect`): ports on both sides.
        case port
        /// A one-time message (`sendMessage`): the receivers may answer once.
        case oneTime
    }

    /// A receiving port and whether its context took the connection.
    struct Receiver {
        /// The port's id.
        let portID: Int
        /// The context that holds the port.
        unowned let context: ExtensionContext
        /// Whether the context has answered whether it listens.
        var decided = false
        /// Whether it listens (had `onConnect`/`onMessage` listeners).
        var accepted = false
        /// Whether the port is still open.
        var open = true
        /// One-time channels: whether this receiver may still answer (a listener returned `true` or a promise).
        var pendingResponse = false
    }

    /// The channel's id.
    let id: Int
    /// What the channel is for.
    let kind: Kind
    /// The port's name (`connectInfo.name`; `""` by default, `null` in Firefox for `{}`).
    let name: JSONValue
    /// The opener's port id.
    let openerPortID: Int
    /// The context that opened the channel.
    unowned let opener: ExtensionContext
    /// Whether the opener's port is still open.
    var openerOpen = true
    /// The receiving ports, in the order they were offered the connection.
    var receivers: [Receiver] = []
    /// One-time channels: whether an answer was delivered (only the first counts).
    var answered = false

    init(id: Int, kind: Kind, name: JSONValue, openerPortID: Int, opener: ExtensionContext) {
        self.id = id
        self.kind = kind
        self.name = name
        self.openerPortID = openerPortID
        self.opener = opener
    }

    /// The receiver with port id `portID`.
    func receiverIndex(_ portID: Int) -> Int? {
        receivers.firstIndex { $0.portID == portID }
    }

    /// Whether every receiver has said whether it listens.
    var allDecided: Bool { receivers.allSatisfy(\.decided) }

    /// The receivers still open that took the connection.
    var liveReceivers: [Receiver] { receivers.filter { $0.accepted && $0.open } }

    /// Receivers still undecided or open and accepted: those a message may still reach.
    var reachableReceivers: [Receiver] { receivers.filter { $0.open && (!$0.decided || $0.accepted) } }
}
