import JSEngine

/// BroadcastChannel between contexts (js/48_channel_messaging.js): a message posted on a channel
/// reaches the open channels of the same name in every other open context of the same origin (an
/// extension's own contexts; the content scripts of pages of one origin), each context in a task of
/// its own, in the order the contexts were made. The channels of the poster's own context are
/// reached by the module itself.
extension ExtensionContext {
    /// `broadcast.listen(name, listening)`: whether the context has an open channel named `name`.
    func listenToBroadcasts(_ call: NativeCall) throws -> NativeResult {
        let name = try call.requiredString(0, "broadcast.listen", "name")
        if call.argument(1).booleanValue {
            broadcastChannelNames.insert(name)
        } else {
            broadcastChannelNames.remove(name)
        }
        return .undefined
    }

    /// `broadcast.post(name, text)`: hands the message (its structured clone text) to the other
    /// contexts of this origin that listen on `name`.
    func postBroadcast(_ call: NativeCall, host: ExtensionHost) throws -> NativeResult {
        let name = try call.requiredString(0, "broadcast.post", "name")
        let text = try call.requiredString(1, "broadcast.post", "text")
        let origin = self.origin
        for other in host.contextsInOrder where other !== self && other.kind != .driver
            && other.origin == origin && other.broadcastChannelNames.contains(name) {
            _ = host.loop.startTimer(after: 0, owner: other.id) { [weak other] in
                guard let other, other.broadcastChannelNames.contains(name) else { return }
                _ = other.runTopLevel {
                    guard other.loadReporting("channel_messaging"), let realm = other.host?.realm else { return false }
                    let receive = try realm.value("receiveBroadcast", in: "channel_messaging")
                    _ = try receive.call([try other.realmRecord(), realm.script.string(name), realm.script.string(text), realm.script.string(origin)])
                    return true
                }
            }
        }
        return .undefined
    }
}
