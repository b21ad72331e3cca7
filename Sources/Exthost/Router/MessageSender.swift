import BrowserModel

/// The `sender` (`runtime.MessageSender`) a receiver sees for a context, as each browser builds it.
enum MessageSender {
    /// The sender of `context` as JSON text, made again only when what it shows changed (its tab,
    /// for a content script): a sender goes with every message, and its tab object was most of
    /// what routing a one-time message cost.
    static func text(for context: ExtensionContext, host: ExtensionHost) -> String {
        let tab = context.senderTabID.flatMap { host.browser.tab($0) }
        let index = tab.flatMap { host.browser.index(of: $0.id) } ?? -1
        if let cached = context.senderText, cached.tab == tab, cached.index == index { return cached.text }
        let text = make(for: context, host: host).jsonText
        context.senderText = (tab, index, text)
        return text
    }

    /// The sender of `context`.
    static func make(for context: ExtensionContext, host: ExtensionHost) -> JSONValue {
        let flavor = host.options.flavor
        let origin = context.origin
        // (A web page's own scripts belong to no extension: no `id`, and no tab as an extension sees it.)
        var fields: [(String, JSONValue)] = context.owner.map { [("id", .string($0.id.runtimeID))] } ?? []
        let tab = context.senderTabID.flatMap { host.browser.tab($0) }
        // (A page embedded in a page of the browser is that tab's top frame.)
        let frameID = context.frameID ?? (context.embeddingTabID != nil ? 0 : nil)
        switch flavor {
        case .chrome:
            // Chromium: id, url, origin, then the frame and tab fields for a frame in a tab.
            fields.append(("url", .string(context.url)))
            fields.append(("origin", .string(origin)))
            if let tab, let frameID {
                fields.append(("frameId", .int(frameID)))
                if let documentID = context.documentID { fields.append(("documentId", .string(documentID))) }
                fields.append(("documentLifecycle", .string("active")))
                if let owner = context.owner { fields.append(("tab", host.tabObject(tab, for: owner))) }
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
