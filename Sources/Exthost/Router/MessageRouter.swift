import BrowserModel

/// Routes messages between extension contexts: opens channels, offers them to the contexts a
/// target names, carries messages and answers between ports, and closes ports by each browser's
/// rules. Every delivery is a task on the loop, in the order posted; nothing crosses contexts but
/// serialized text.
final class MessageRouter {
    private unowned let host: ExtensionHost
    private var channels: [Int: PortChannel] = [:]
    /// The channel of every open port.
    private var channelOfPort: [Int: Int] = [:]
    private var nextPortID = 1
    private var nextChannelID = 1

    init(host: ExtensionHost) {
        self.host = host
    }

    private var flavor: Flavor { host.options.flavor }
    private var texts: FlavorTexts { FlavorTexts(flavor: flavor) }

    private func makePortID() -> Int {
        defer { nextPortID += 1 }
        return nextPortID
    }

    // MARK: - Opening

    /// Opens a channel from `context` to `target` and offers it to every context the target names
    /// (never the caller itself). Returns the opener's port id at once; the answer comes later.
    ///
    /// - Parameter message: for a one-time channel, the serialized message.
    func open(from context: ExtensionContext, to target: MessageTarget, name: JSONValue, kind: PortChannel.Kind, message: String? = nil) -> Int {
        let channel = PortChannel(id: nextChannelID, kind: kind, name: name, openerPortID: makePortID(), opener: context)
        nextChannelID += 1
        channels[channel.id] = channel
        channelOfPort[channel.openerPortID] = channel.id
        let sender = MessageSender.make(for: context, host: host)
        for receiver in receivingContexts(for: target, from: context) {
            let portID = makePortID()
            channel.receivers.append(PortChannel.Receiver(portID: portID, context: receiver))
            channelOfPort[portID] = channel.id
            var info: [(String, JSONValue)] = [("name", name), ("sender", sender), ("oneTime", .bool(kind == .oneTime))]
            if let message { info.append(("message", .string(message))) }
            receiver.deliver("port.connect", .number(Double(portID)), .string(JSONValue.object(info).jsonText)) { [weak self] result in
                self?.decide(portID: portID, result: result)
            }
        }
        if channel.receivers.isEmpty {
            host.crossProcess { [weak self] in self?.failOpener(channel) }
        }
        return channel.openerPortID
    }

    /// The contexts a target names, in frame order, without the caller.
    private func receivingContexts(for target: MessageTarget, from caller: ExtensionContext) -> [ExtensionContext] {
        switch target {
        case .extensionPages(let extensionID):
            let instance = extensionID.map { id in host.extensions.first { $0.id.runtimeID == id } } ?? caller.owner
            guard let instance, let background = instance.background, background !== caller else { return [] }
            return [background]
        case .tab(let tabID, let frameID, let documentID):
            guard let tab = host.browser.tab(tabID) else { return [] }
            return tab.frames.compactMap { frame -> ExtensionContext? in
                if let frameID, frame.id != frameID { return nil }
                if let documentID, frame.documentID != documentID { return nil }
                guard let context = caller.owner.contentContexts[.init(tabID: tabID, frameID: frame.id)], context !== caller else { return nil }
                return context
            }
        }
    }

    /// A receiving context has said whether it listens (`result.accepted`) and, for one-time
    /// messages, whether a listener will answer later (`result.pending`).
    private func decide(portID: Int, result: JSONValue?) {
        guard let channel = channel(ofPort: portID), let index = channel.receiverIndex(portID) else { return }
        let accepted = result?["accepted"]?.boolValue ?? false
        channel.receivers[index].decided = true
        channel.receivers[index].accepted = accepted
        if !accepted {
            channel.receivers[index].open = false
            channelOfPort[portID] = nil
        }
        if channel.kind == .oneTime, accepted, result?["pending"]?.boolValue != true {
            // Answered already or will not answer: this receiver is done.
            closeReceiver(channel, index)
        } else if channel.kind == .oneTime, accepted {
            channel.receivers[index].pendingResponse = true
        }
        settle(channel)
    }

    /// Reports the end of a channel to its opener when nobody took it, or (one-time) nobody answered.
    private func settle(_ channel: PortChannel) {
        guard channel.allDecided, channel.openerOpen else { return }
        let anyAccepted = channel.receivers.contains { $0.accepted }
        if !anyAccepted {
            failOpener(channel)
            return
        }
        if channel.kind == .oneTime, !channel.answered, !channel.receivers.contains(where: { $0.open }) {
            channel.answered = true
            channel.openerOpen = false
            deliverToOpener(channel, "port.response", .undefined, .null)
            forget(channel)
        } else if channel.kind == .port, channel.liveReceivers.isEmpty {
            // Every receiver that took the channel went away before the others had decided.
            channel.openerOpen = false
            channelOfPort[channel.openerPortID] = nil
            deliverToOpener(channel, "port.disconnect", .null)
            forget(channel)
        }
    }

    private func failOpener(_ channel: PortChannel) {
        guard channel.openerOpen else { return }
        switch channel.kind {
        case .port: deliverToOpener(channel, "port.disconnect", .string(texts.noReceiver))
        case .oneTime: deliverToOpener(channel, "port.response", .undefined, .string(texts.noReceiver))
        }
        channel.openerOpen = false
        forget(channel)
    }

    // MARK: - Messages

    /// Carries a message posted on `portID` to the other side: from the opener to every receiver
    /// that may still take it, from a receiver to the opener.
    func post(from portID: Int, _ text: String) {
        guard let channel = channel(ofPort: portID) else { return }
        if portID == channel.openerPortID {
            for receiver in channel.reachableReceivers {
                receiver.context.deliver("port.message", .number(Double(receiver.portID)), .string(text))
            }
        } else if channel.openerOpen {
            deliverToOpener(channel, "port.message", .string(text))
        }
    }

    /// A one-time receiver answers: the first answer goes to the opener, later ones are dropped.
    /// `error` instead of `text` rejects the sender's call with that message.
    func respond(from portID: Int, text: String?, error: String?) {
        guard let channel = channel(ofPort: portID), let index = channel.receiverIndex(portID) else { return }
        if !channel.answered, channel.openerOpen {
            channel.answered = true
            deliverToOpener(channel, "port.response", text.map(ReceiveArgument.string) ?? .undefined, error.map(ReceiveArgument.string) ?? .null)
        }
        closeReceiver(channel, index)
        settle(channel)
    }

    /// A one-time receiver will not answer after all (its `sendResponse` went unused).
    func abandon(portID: Int) {
        guard let channel = channel(ofPort: portID), let index = channel.receiverIndex(portID) else { return }
        closeReceiver(channel, index)
        settle(channel)
    }

    // MARK: - Closing

    /// A script called `port.disconnect()` on `portID`. The caller gets no `onDisconnect`.
    func disconnect(portID: Int) {
        guard let channel = channel(ofPort: portID) else { return }
        close(portID, of: channel, error: nil)
    }

    /// A context went away (its page closed or navigated): every port it held closes.
    ///
    /// - Parameter navigated: the page navigated (Chrome reports the back/forward cache text to the other side).
    func contextClosed(_ context: ExtensionContext, navigated: Bool) {
        let error = navigated ? texts.pageMovedToBackForwardCache : nil
        for channel in channels.values.sorted(by: { $0.id < $1.id }) {
            if channel.opener === context, channel.openerOpen {
                close(channel.openerPortID, of: channel, error: error)
            }
            for receiver in channel.receivers where receiver.context === context && receiver.open {
                close(receiver.portID, of: channel, error: error, unloaded: true)
            }
        }
    }

    /// Closes one port and tells the others what the flavor's browser tells them.
    private func close(_ portID: Int, of channel: PortChannel, error: String?, unloaded: Bool = false) {
        channelOfPort[portID] = nil
        if portID == channel.openerPortID {
            channel.openerOpen = false
            for receiver in channel.receivers where receiver.open {
                closeReceiverPort(channel, receiver.portID)
                if receiver.accepted || !receiver.decided {
                    receiver.context.deliver("port.disconnect", .number(Double(receiver.portID)), error.map(ReceiveArgument.string) ?? .null)
                }
            }
            forget(channel)
            return
        }
        guard let index = channel.receiverIndex(portID) else { return }
        channel.receivers[index].open = false
        if channel.kind == .oneTime {
            settle(channel)
            return
        }
        // Chromium (as recorded, fixtures/conformance/msg-frames-*): a receiver's disconnect() closes
        // the opener's side only; the other receivers are not told, and what they post goes nowhere.
        // A receiver that goes away is only removed; the opener hears when the last one has.
        // Firefox: either closes the opener's side, which then closes every other receiver.
        let closesOpener = flavor == .firefox || !unloaded
        let lastReceiverGone = channel.allDecided && channel.liveReceivers.isEmpty
        guard closesOpener || lastReceiverGone, channel.openerOpen else { return }
        channel.openerOpen = false
        channelOfPort[channel.openerPortID] = nil
        deliverToOpener(channel, "port.disconnect", error.map(ReceiveArgument.string) ?? .null)
        if flavor == .chrome { return }
        for receiver in channel.receivers where receiver.open {
            closeReceiverPort(channel, receiver.portID)
            if receiver.accepted || !receiver.decided {
                receiver.context.deliver("port.disconnect", .number(Double(receiver.portID)), .null)
            }
        }
        forget(channel)
    }

    private func closeReceiver(_ channel: PortChannel, _ index: Int) {
        channel.receivers[index].open = false
        channel.receivers[index].pendingResponse = false
        channelOfPort[channel.receivers[index].portID] = nil
    }

    private func closeReceiverPort(_ channel: PortChannel, _ portID: Int) {
        guard let index = channel.receiverIndex(portID) else { return }
        closeReceiver(channel, index)
    }

    private func deliverToOpener(_ channel: PortChannel, _ kind: String, _ b: ReceiveArgument = .undefined, _ c: ReceiveArgument = .undefined) {
        channel.opener.deliver(kind, .number(Double(channel.openerPortID)), b, c)
    }

    private func channel(ofPort portID: Int) -> PortChannel? {
        channelOfPort[portID].flatMap { channels[$0] }
    }

    /// Drops a channel once no port of it is open.
    private func forget(_ channel: PortChannel) {
        guard !channel.openerOpen, !channel.receivers.contains(where: { $0.open }) else { return }
        channels[channel.id] = nil
    }
}
