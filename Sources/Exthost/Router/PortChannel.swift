/// A message channel between one opener port and the ports of the contexts that received its
/// connection: what `runtime.connect`, `tabs.connect` and the one-time `sendMessage` calls make.
///
/// Every port has an integer id unique in the host and belongs to exactly one context, named by
/// its id (never by a reference that could outlive the context): the router finds a live context
/// through the host when it delivers, and a context that has gone away is simply not there.
/// Messages cross as serialized text.
final class PortChannel {
    /// What a channel is for.
    enum Kind {
        /// A long-lived channel (`runtime.connect`, `tabs.connect`): ports on both sides.
        case port
        /// A one-time message (`sendMessage`): the receivers may answer once.
        case oneTime
    }

    /// A receiving port and what its context has said about the connection.
    struct Receiver {
        /// The port's id.
        let portID: Int
        /// The id of the context that holds the port.
        let contextID: Int
        /// Whether the context has said whether it listens (or went away, which counts as "no").
        var decided = false
        /// Whether it listens (had `onConnect`/`onMessage` listeners).
        var accepted = false
        /// Whether the port is still open. A port can close before its context decides (a one-time
        /// listener answered synchronously, or the context went away while the offer was on its way).
        var open = true
    }

    /// The channel's id.
    let id: Int
    /// What the channel is for.
    let kind: Kind
    /// The port's name (`connectInfo.name`; `""` by default, `null` in Firefox for `{}`).
    let name: JSONValue
    /// The opener's port id.
    let openerPortID: Int
    /// The id of the context that opened the channel.
    let openerContextID: Int
    /// Whether the opener's port is still open (for a one-time channel: still waiting for its answer).
    var openerOpen = true
    /// The receiving ports, in the order they were offered the connection.
    var receivers: [Receiver] = []
    /// A one-time channel: whether a receiver that said it would answer went away without answering.
    var answerLost = false

    init(id: Int, kind: Kind, name: JSONValue, openerPortID: Int, openerContextID: Int) {
        self.id = id
        self.kind = kind
        self.name = name
        self.openerPortID = openerPortID
        self.openerContextID = openerContextID
    }

    /// The receiver with port id `portID`.
    func receiverIndex(_ portID: Int) -> Int? {
        receivers.firstIndex { $0.portID == portID }
    }

    /// Whether every receiver has said whether it listens.
    var allDecided: Bool { receivers.allSatisfy(\.decided) }

    /// Whether any receiver took the connection.
    var anyAccepted: Bool { receivers.contains { $0.accepted } }

    /// Whether any receiving port is still open.
    var anyReceiverOpen: Bool { receivers.contains { $0.open } }

    /// Whether a receiver that took the connection is still open.
    var anyLiveReceiver: Bool { receivers.contains { $0.accepted && $0.open } }

    /// Whether every port of the channel is closed: the router then forgets it.
    var isFinished: Bool { !openerOpen && !anyReceiverOpen }
}
