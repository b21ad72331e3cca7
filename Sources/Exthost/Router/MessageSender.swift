import BrowserModel

/// The `sender` (`runtime.MessageSender`) a receiver sees for a context, as each browser builds it.
enum MessageSender {
    /// The sender of `context` as JSON text, made again only when what it shows changed (its tab,
    /// for a content script): a sender goes with every message, and its tab object was most of
    /// what routing a one-time message cost.
    static func text(for context: ExtensionContext, to target: MessageTarget, host: ExtensionHost) -> String {
        let tab = context.senderTabID.flatMap { host.browser.tab($0) }
        let index = tab.flatMap { host.browser.index(of: $0.id) } ?? -1
        let toExtension = if case .extensionPages = target { true } else { false }
        if let cached = context.senderText, cached.tab == tab, cached.index == index, cached.toExtension == toExtension { return cached.text }
        let text = make(for: context, toExtension: toExtension, host: host).jsonText
        context.senderText = (tab, index, toExtension, text)
        return text
    }

    /// The sender of `context` on a channel to an extension's pages (`toExtension`) or to a tab.
    static func make(for context: ExtensionContext, toExtension: Bool, host: ExtensionHost) -> JSONValue {
        let flavor = host.options.flavor
        let origin = context.origin
        // (A web page's own scripts belong to no extension: no `id`, and no tab as an extension sees it.)
        var fields: [(String, JSONValue)] = context.owner.map { [("id", .string($0.id.runtimeID))] } ?? []
        let tab = context.senderTabID.flatMap { host.browser.tab($0) }
        // (A page embedded in a page of the browser is that tab's top frame.)
        let frameID = context.frameID ?? (context.embeddingTabID != nil ? 0 : nil)
        switch flavor {
        case .chrome:
            // Chromium: id, url, origin, then the frame and tab fields for a frame in a tab. A
            // channel to an extension has the origin of a frame only, not of a service worker
            // (`MessageService::OpenChannelToExtension`; recorded: msg-external-basics); one to a
            // tab has the worker's too (msg-tabs-sendmessage-sender).
            fields.append(("url", .string(context.url)))
            if !(toExtension && context.isServiceWorker) { fields.append(("origin", .string(origin))) }
            if let tab, let frameID {
                fields.append(("frameId", .int(frameID)))
                if let documentID = context.documentID { fields.append(("documentId", .string(documentID))) }
                fields.append(("documentLifecycle", .string("active")))
                // (Not scrubbed: `ChromeMessagingDelegate::MaybeGetTabInfo` gives the whole tab,
                // "because it's only reached this point if the tab has access to the extension";
                // recorded: msg-external-basics, msg-external-connectable.)
                fields.append(("tab", TabObject.make(tab, index: host.browser.index(of: tab.id) ?? 0, detailed: true, flavor: flavor)))
            }
        case .firefox:
            // Firefox (ProxyMessenger.getSender): its context id and kind lead, the origin comes last.
            fields.insert(("contextId", .int(context.id)), at: 0)
            fields.append(("envType", .string(context.kind == .content ? "content_child" : context.inspectedTabID != nil ? "devtools_child" : "addon_child")))
            fields.append(("url", .string(context.url)))
            if let tab, let frameID {
                if let owner = context.owner { fields.append(("tab", host.tabObject(tab, for: owner))) }
                fields.append(("frameId", .int(frameID)))
            }
            if let documentID = context.documentID { fields.append(("documentId", .string(documentID))) }
            fields.append(("origin", .string(origin)))
        }
        return .object(fields)
    }
}
