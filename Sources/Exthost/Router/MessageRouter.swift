import BrowserModel
import JSEngine

/// Routes messages between extension contexts: opens channels, offers them to the contexts a
/// target names, carries messages and answers between ports, and closes ports by each browser's
/// rules. Every delivery is a task on the loop, in the order posted; nothing crosses contexts but
/// serialized text.
///
/// The router is the single owner of port and channel state. A port belongs to the context it
/// was made for: a context can post, answer on or close only its own ports (``PortRecord``), and
/// contexts are named by id, so a channel never keeps a context alive or points at one that went
/// away. A channel is forgotten as soon as its last port closes, whichever path closes it.
final class MessageRouter {
    /// An open port: its channel and the context that holds it.
    private struct PortRecord {
        let channelID: Int
        let contextID: Int
    }

    /// The host, which owns the router (`weak`, as a router never outlives it in use).
    private weak var host: ExtensionHost?
    private let flavor: Flavor
    private let texts: FlavorTexts
    private var channels: [Int: PortChannel] = [:]
    /// Every open port.
    private var ports: [Int: PortRecord] = [:]
    /// The open ports of each context, so closing a context costs what it holds.
    private var portsOfContext: [Int: Set<Int>] = [:]
    private var nextPortID = 1
    private var nextChannelID = 1

    init(host: ExtensionHost) {
        self.host = host
        flavor = host.options.flavor
        texts = FlavorTexts(flavor: host.options.flavor)
    }

    /// How many channels have a port still open (for tests of the router's memory).
    var openChannelCount: Int { channels.count }
    /// How many ports are open.
    var openPortCount: Int { ports.count }

    // MARK: - Opening

    /// Opens a channel from `context` to `target` and offers it to every context the target names
    /// (never the caller itself). Returns the opener's port id at once; the answer comes later.
    ///
    /// - Parameter message: for a one-time channel, the serialized message.
    /// - Throws: ``RouterError`` when the caller's kind of context may not message that target
    ///   (a content script has no `tabs` API in any browser).
    func open(from context: ExtensionContext, to target: MessageTarget, name: JSONValue, kind: PortChannel.Kind, message: ScriptString? = nil) throws(RouterError) -> Int {
        guard let host else { throw RouterError(message: "The browser has shut down.") }
        if case .tab = target, context.kind == .content {
            throw RouterError(message: "A content script cannot message tabs: tabs.connect and tabs.sendMessage are not available to content scripts.")
        }
        // (A web page's own scripts message only an extension they name, as externally_connectable allows.)
        if context.kind == .webPage {
            guard case .extensionPages(let extensionID?) = target, !extensionID.isEmpty else {
                throw RouterError(message: "A web page messages only an extension it names by id.")
            }
        }
        let channel = PortChannel(id: nextChannelID, kind: kind, name: name, openerPortID: makePortID(), openerContextID: context.id)
        nextChannelID += 1
        channels[channel.id] = channel
        register(channel.openerPortID, of: channel, contextID: context.id)
        // (An orphaned content script's channel goes nowhere: no receiver, and no answer that
        // nobody took it. Recorded: content-script-orphaned. It closes with the context.)
        if context.isOrphaned { return channel.openerPortID }
        let (receivers, external) = receivingContexts(for: target, from: context, in: host)
        if host.observesMessages {
            record(kind == .oneTime ? .sendMessage : .connect, channel: channel, from: context, to: receivers,
                   name: kind == .port ? name.stringValue : nil, data: message?.string)
        }
        if receivers.isEmpty {
            host.crossProcess { [weak self] in self?.failOpener(channelID: channel.id) }
            return channel.openerPortID
        }
        // {"name": ..., "sender": ..., "oneTime": ...}, with the sender's text as made for the context
        // once the channel reaches its first receiver; as it is now when by then the context or its
        // tab went (the browser handled the opening before it heard of that: a page that sends,
        // then closes, is still the sender).
        let sentBy = MessageSender.text(for: context, to: target, host: host)
        let info = ChannelInfo { [weak host, weak context] in
            var sender = sentBy
            if let host, let context, !context.isClosed, context.senderTabID.map({ host.browser.tab($0) != nil }) ?? true {
                sender = MessageSender.text(for: context, to: target, host: host)
            }
            return "{\"name\":" + name.jsonText + ",\"sender\":" + sender + ",\"oneTime\":" + (kind == .oneTime ? "true" : "false") + "}"
        }
        // (A one-time message goes as it is, not as a string inside that JSON: escaping it would
        // cost more than the rest of the delivery.)
        for receiver in receivers {
            let portID = makePortID()
            channel.receivers.append(PortChannel.Receiver(portID: portID, contextID: receiver.id))
            register(portID, of: channel, contextID: receiver.id)
            receiver.deliver(.connect(port: portID, info: info, message: message, external: external)) { [weak self] result in
                self?.decide(channelID: channel.id, portID: portID, result: result)
            }
        }
        return channel.openerPortID
    }

    private func makePortID() -> Int {
        defer { nextPortID += 1 }
        return nextPortID
    }

    /// The contexts a target names, in frame order, without the caller; `external` when they are
    /// another extension's than the caller's (or the caller is a web page's).
    private func receivingContexts(for target: MessageTarget, from caller: ExtensionContext, in host: ExtensionHost)
        -> (contexts: [ExtensionContext], external: Bool)
    {
        switch target {
        case .extensionPages(let extensionID):
            let instance = extensionID.map { id in host.extensions.first { $0.id.runtimeID == id } } ?? caller.owner
            guard let instance else { return ([], false) }
            let external = instance !== caller.owner
            // (Refused as if the extension did not exist: the browser tells the caller nothing more.)
            if external, !admitsExternalChannel(to: instance, from: caller) { return ([], true) }
            // (The background, then the extension's open pages, in the order they opened.)
            let contexts = ([host.wakeBackground(of: instance, for: nil)].compactMap { $0 } + instance.pageContexts).filter { $0 !== caller && !$0.isClosed }
            return (contexts, external)
        case .tab(let tabID, let frameID, let documentID):
            guard let tab = host.browser.tab(tabID) else { return ([], false) }
            let contexts = tab.frames.compactMap { frame -> ExtensionContext? in
                if let frameID, frame.id != frameID { return nil }
                if let documentID, frame.documentID != documentID { return nil }
                guard let context = caller.owner?.contentContexts[.init(tabID: tabID, frameID: frame.id)],
                    context !== caller, !context.isClosed else { return nil }
                return context
            }
            return (contexts, false)
        }
    }

    /// Whether `caller`, a context of another extension or a web page's, may open a channel to
    /// `instance`. Chromium (`MessageService::OpenChannelToExtension`): by `instance`'s
    /// `externally_connectable`, and without one every extension and no page. Firefox: every
    /// extension (it ignores the key), and a page has no `runtime` to ask with.
    private func admitsExternalChannel(to instance: ExtensionInstance, from caller: ExtensionContext) -> Bool {
        switch flavor {
        case .firefox:
            return caller.owner != nil
        case .chrome:
            guard let connectable = instance.manifest.externallyConnectable else { return caller.owner != nil }
            if let owner = caller.owner { return connectable.allows(extensionID: owner.id.runtimeID) }
            // (The frame's URL now, after its same-document navigations: its last committed URL.)
            let frameURL = caller.tabID.flatMap { host?.browser.tab($0) }?.frames.first { $0.id == caller.frameID }?.url ?? caller.url
            return connectable.allows(pageURL: frameURL)
        }
    }

    /// A receiving context has said whether it listens (`result.accepted`) and, for one-time
    /// messages, whether a listener will answer later (`result.pending`). `nil`: the context went
    /// away (or its listener could not run) before it could say, which counts as not listening.
    private func decide(channelID: Int, portID: Int, result: ScriptValue?) {
        guard let channel = channels[channelID], let index = channel.receiverIndex(portID) else { return }
        // (`result` is the host's own {accepted, pending}: a null-prototype object of booleans.)
        func flag(_ key: String) -> Bool {
            guard let value = try? result?.property(key), value.isBoolean else { return false }
            return value.booleanValue
        }
        let accepted = flag("accepted")
        channel.receivers[index].decided = true
        channel.receivers[index].accepted = accepted
        if !accepted || (channel.kind == .oneTime && !flag("pending")) {
            // Not listening, or a one-time receiver that answered already or will not answer.
            closeReceiver(channel, index)
        }
        settle(channel)
    }

    /// Reports the end of a channel to its opener once every receiver has decided: nobody took it,
    /// (one-time) nobody will answer, or (ports) everybody who took it went away meanwhile.
    private func settle(_ channel: PortChannel) {
        defer { forgetIfFinished(channel) }
        guard channel.openerOpen, channel.allDecided else { return }
        if !channel.anyAccepted {
            failOpener(channelID: channel.id)
        } else if channel.kind == .oneTime, !channel.anyReceiverOpen {
            let error = channel.answerLost ? texts.closedWhileResponsePending : nil
            closeOpener(channel) { .messageResponse(port: $0, text: nil, error: error) }
        } else if channel.kind == .port, !channel.anyLiveReceiver {
            closeOpener(channel) { .disconnect(port: $0, error: nil) }
        }
    }

    private func failOpener(channelID: Int) {
        guard let channel = channels[channelID], channel.openerOpen else { return }
        if let host, let trace = host.trace, let opener = host.context(channel.openerContextID) {
            trace.addBrowser(.message, at: host.loop.now, context: opener, title: channel.kind == .port ? "disconnect" : "response", error: texts.noReceiver)
        }
        switch channel.kind {
        case .port: closeOpener(channel) { [texts] in .disconnect(port: $0, error: texts.noReceiver) }
        case .oneTime: closeOpener(channel) { [texts] in .messageResponse(port: $0, text: nil, error: texts.noReceiver) }
        }
        forgetIfFinished(channel)
    }

    // MARK: - Messages

    /// Carries a message posted by `context` on its port `portID` to the other side: from the
    /// opener to every receiver that may still take it, from a receiver to the opener. A port that
    /// is closed or not the context's own carries nothing.
    func post(from context: ExtensionContext, portID: Int, _ text: ScriptString) {
        guard let channel = ownChannel(of: portID, context) else { return }
        if host?.observesMessages == true { record(.postMessage, channel: channel, from: context, to: otherSide(of: portID, in: channel), data: text.string) }
        if portID == channel.openerPortID {
            for receiver in channel.receivers where receiver.open && (!receiver.decided || receiver.accepted) {
                deliver(.message(port: receiver.portID, text: text), to: receiver.contextID)
            }
        } else if channel.openerOpen {
            deliver(.message(port: channel.openerPortID, text: text), to: channel.openerContextID)
        }
    }

    /// A one-time receiver answers on its port: the first answer goes to the opener, later ones are
    /// dropped. `error` instead of `text` rejects the sender's call with that message.
    func respond(from context: ExtensionContext, portID: Int, text: ScriptString?, error: String?) {
        guard let channel = ownChannel(of: portID, context), let index = channel.receiverIndex(portID) else { return }
        if host?.observesMessages == true, channel.openerOpen {
            record(.response, channel: channel, from: context, to: otherSide(of: portID, in: channel), data: text?.string, error: error)
        }
        if channel.openerOpen {
            closeOpener(channel) { .messageResponse(port: $0, text: text, error: error) }
        }
        closeReceiver(channel, index)
        settle(channel)
    }

    // MARK: - Closing

    /// A script called `port.disconnect()` on its port `portID`. The caller gets no `onDisconnect`.
    func disconnect(from context: ExtensionContext, portID: Int) {
        guard let channel = ownChannel(of: portID, context) else { return }
        if host?.observesMessages == true { record(.disconnect, channel: channel, from: context, to: otherSide(of: portID, in: channel)) }
        close(portID, of: channel, error: nil, unloaded: false)
    }

    /// A context went away (its page closed or navigated, not into the back/forward cache:
    /// ``contextFrozen(_:)``): every port it holds closes, in the order the ports were made
    /// (with ``closesPortsLate``, two hops later).
    func contextClosed(_ context: ExtensionContext) {
        guard let held = portsOfContext.removeValue(forKey: context.id) else { return }
        guard closesPortsLate, let host else {
            closePorts(held, of: context, cached: false)
            return
        }
        host.crossProcess { [weak self, weak host] in
            host?.crossProcess { self?.closePorts(held, of: context, cached: false) }
        }
    }

    /// Whether the ports of contexts closing now close two hops later: Firefox's, for a tab being
    /// removed, whose other sides hear it after `tabs.onRemoved` and `tabs.remove`'s answer.
    var closesPortsLate = false

    /// A context's page went into the back/forward cache: Chromium closes its ports, the other
    /// sides hearing so once the navigation has committed (the context's own Port objects are
    /// not told, and what they post goes nowhere); Firefox keeps them (page-bfcache).
    func contextFrozen(_ context: ExtensionContext) {
        guard flavor == .chrome, let held = portsOfContext.removeValue(forKey: context.id) else { return }
        host?.crossProcess { [weak self] in self?.closePorts(held, of: context, cached: true) }
    }

    /// Closes the ports `held` of a context that went away.
    private func closePorts(_ held: Set<Int>, of context: ExtensionContext, cached: Bool) {
        let error = cached ? texts.pageMovedToBackForwardCache : nil
        for portID in held.sorted() {
            guard let record = ports[portID], let channel = channels[record.channelID] else { continue }
            if host?.observesMessages == true {
                self.record(.disconnect, channel: channel, from: context, to: otherSide(of: portID, in: channel),
                            error: cached ? "its page went into the back/forward cache" : "its context closed")
            }
            close(portID, of: channel, error: error, unloaded: true)
        }
    }

    /// Closes one port and tells the others what the flavor's browser tells them.
    private func close(_ portID: Int, of channel: PortChannel, error: String?, unloaded: Bool) {
        defer { forgetIfFinished(channel) }
        if portID == channel.openerPortID {
            channel.openerOpen = false
            unregister(portID)
            closeReceivers(of: channel, error: error)
            return
        }
        guard let index = channel.receiverIndex(portID) else { return }
        closeReceiver(channel, index)
        if unloaded, !channel.receivers[index].decided {
            // The offer never reached a listener: the context went away first. That is a receiver
            // that did not take the channel (its answer, when it comes, changes nothing).
            channel.receivers[index].decided = true
            settle(channel)
            return
        }
        if channel.kind == .oneTime {
            // (A receiver that took the message and said it would answer, gone before it did.)
            if unloaded, channel.receivers[index].accepted { channel.answerLost = true }
            settle(channel)
            return
        }
        // Chromium (as recorded, fixtures/conformance/msg-frames-*): a receiver's disconnect() closes
        // the opener's side only; the other receivers are not told, and what they post goes nowhere.
        // A receiver that goes away is only removed; the opener hears when the last one has.
        // Firefox: either closes the opener's side, which then closes every other receiver.
        let closesOpener = flavor == .firefox || !unloaded
        let lastReceiverGone = channel.allDecided && !channel.anyLiveReceiver
        guard closesOpener || lastReceiverGone, channel.openerOpen else { return }
        closeOpener(channel) { .disconnect(port: $0, error: error) }
        if flavor == .firefox {
            closeReceivers(of: channel, error: nil)
        }
    }

    /// Closes every open receiver of a channel whose opener closed, telling those that took the
    /// connection (or have not decided yet, so that their port closes when it arrives).
    private func closeReceivers(of channel: PortChannel, error: String?) {
        for index in channel.receivers.indices where channel.receivers[index].open {
            closeReceiver(channel, index)
            let receiver = channel.receivers[index]
            if receiver.accepted || !receiver.decided {
                deliver(.disconnect(port: receiver.portID, error: error), to: receiver.contextID)
            }
        }
    }

    /// Closes the opener's port and delivers its last event (a disconnect or a one-time message's
    /// response), made for the opener's port id.
    private func closeOpener(_ channel: PortChannel, last: (Int) -> Delivery) {
        channel.openerOpen = false
        unregister(channel.openerPortID)
        deliver(last(channel.openerPortID), to: channel.openerContextID)
    }

    private func closeReceiver(_ channel: PortChannel, _ index: Int) {
        guard channel.receivers[index].open else { return }
        channel.receivers[index].open = false
        unregister(channel.receivers[index].portID)
    }

    /// Delivers to a context by id, as a task; a context that has gone away gets nothing.
    private func deliver(_ delivery: Delivery, to contextID: Int) {
        host?.context(contextID)?.deliver(delivery)
    }

    // MARK: - Record

    /// The contexts on the other side of `portID`'s channel whose ports are open.
    private func otherSide(of portID: Int, in channel: PortChannel) -> [ExtensionContext] {
        guard let host else { return [] }
        if portID == channel.openerPortID {
            return channel.receivers.filter(\.open).compactMap { host.context($0.contextID) }
        }
        return channel.openerOpen ? [host.context(channel.openerContextID)].compactMap { $0 } : []
    }

    /// Adds what crossed to the host's message record.
    private func record(_ kind: RoutedMessage.Kind, channel: PortChannel, from context: ExtensionContext, to receivers: [ExtensionContext],
                        name: String? = nil, data: String? = nil, error: String? = nil) {
        guard let host else { return }
        if host.recordsMessages {
            host.messageRecord.append(RoutedMessage(
                kind: kind, channel: channel.id, from: RouterEndpoint(context), to: receivers.map(RouterEndpoint.init),
                name: name, data: data, error: error, time: host.loop.now))
        }
        host.trace?.add(.message, at: host.loop.now, from: context, to: receivers,
                        title: kind.rawValue + (name.map { " \(JSONValue.string($0).jsonText)" } ?? ""), detail: data, error: error)
    }

    // MARK: - Ports

    /// The channel of `portID` if it is open and held by `context`.
    private func ownChannel(of portID: Int, _ context: ExtensionContext) -> PortChannel? {
        guard let record = ports[portID], record.contextID == context.id else { return nil }
        return channels[record.channelID]
    }

    private func register(_ portID: Int, of channel: PortChannel, contextID: Int) {
        ports[portID] = PortRecord(channelID: channel.id, contextID: contextID)
        portsOfContext[contextID, default: []].insert(portID)
        host?.backgroundPort(portID, of: contextID, kind: channel.kind, isOpen: true)
    }

    private func unregister(_ portID: Int) {
        guard let record = ports.removeValue(forKey: portID) else { return }
        if let channel = channels[record.channelID] { host?.backgroundPort(portID, of: record.contextID, kind: channel.kind, isOpen: false) }
        portsOfContext[record.contextID]?.remove(portID)
        if portsOfContext[record.contextID]?.isEmpty == true { portsOfContext[record.contextID] = nil }
    }

    /// Drops a channel once no port of it is open.
    private func forgetIfFinished(_ channel: PortChannel) {
        if channel.isFinished { channels[channel.id] = nil }
    }
}

/// Why the router refused a call: a context asked for what its kind may not do.
struct RouterError: Error {
    /// What went wrong, for people.
    let message: String
}
