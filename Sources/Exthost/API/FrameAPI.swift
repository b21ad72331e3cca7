import BrowserModel
import JSEngine

/// What a content script or a web page's own script sees of other frames: `frame.window` answers
/// `top`, `parent` and `frames[i]`; and what an extension page's `window.close()` closes.
enum FrameAPI {
    static func register(in api: ExtensionAPI) {
        // `window.close()` of an extension page: its popup, or its tab, closes (after the script's task).
        api.defineSync("page.close", contexts: [.page]) { host, _, context in
            host.loop.enqueue { [weak host, weak context] in
                guard let host, let context, !context.isClosed else { return }
                host.closeWindow(of: context)
            }
            return .success(.undefined)
        }
        // A warning the browser writes to the console of the page whose script did something it
        // let pass (Chromium's word on a number field's value that is no number).
        api.defineSync("page.warn", contexts: [.content, .webPage, .page, .background]) { host, arguments, context in
            host.emit(.warn, arguments[0]?.stringValue ?? "", from: context)
            return .success(.null)
        }
        // `location.href = url`, `assign`, `hash`, `replace` and `reload` (the mode: "push",
        // "replace", "reload"): the caller's frame navigates, or the same-origin frame the third
        // argument names from it (another frame's `location`: "top", "parent", "id:N"), within its
        // document when only the fragment changes (not for a reload). The URL is parsed against
        // the caller's document.
        api.defineSync("frame.navigate", contexts: [.content, .webPage, .page]) { host, arguments, context in
            guard let tabID = context.tabID, let tab = host.browser.tab(tabID), let own = tab.frame(context.frameID ?? -1) else {
                return .success(WebURL(string: arguments[0]?.stringValue ?? "", relativeTo: WebURL(string: context.url)) == nil ? .json(#""invalid""#) : .null)
            }
            guard let text = arguments[0]?.stringValue, let url = WebURL(string: text, relativeTo: WebURL(string: own.url)) else {
                return .success(.json(#""invalid""#))
            }
            var frame = own
            // (A link followed: the fourth argument is the document it is in, the fifth "link", the
            // sixth whether a person's click followed it.)
            let isLink = arguments[4]?.stringValue == "link"
            var initiator = own
            if let relation = arguments[2]?.stringValue {
                // A link followed names its frame from its own document's; "named:ID,...": the
                // first of those frames (the frame elements of its target's name) in the tab, else
                // "no frame".
                let base = arguments[3]?.stringValue.flatMap { id in tab.frames.first { $0.documentID == id } } ?? own
                initiator = base
                let target: Frame?
                if relation.hasPrefix("named:") {
                    let ids = relation.dropFirst("named:".count).split(separator: ",").compactMap { Int($0) }
                    guard let named = ids.lazy.compactMap({ tab.frame($0) }).first else { return .success(.string("no frame")) }
                    target = named
                } else {
                    target = Self.frame(relation, from: base, in: tab)
                }
                guard let target else { return .success(.null) }
                // (A script may set only a frame of its own origin's location: another origin's is
                // not given out. A link a click follows may navigate any frame of its tab.)
                if !isLink {
                    guard host.sameOrigin(target, own, in: tab) else { return .success(.null) }
                }
                frame = target
            }
            if url.scheme == "javascript" {
                host.navigateToJavaScriptURL(url, frame: frame, inTab: tabID, from: context, initiatorFrame: initiator, isLink: isLink,
                                             byPerson: arguments[5]?.boolValue == true)
                return .success(.null)
            }
            let frameID = frame.id
            guard host.mayNavigate(frame, to: url, from: context) else { return .success(.null) }
            let mode = arguments[1]?.stringValue ?? "push"
            let history: ExtensionHost.HistoryHandling = mode == "push" ? .push : .replace
            if mode != "reload", ExtensionHost.isFragmentNavigation(from: frame.url, to: url.href) {
                // (Firefox follows a link to a fragment in a task of its own; Chromium at once, as
                // both set `location.hash`: link-navigation, label-activation.)
                if arguments[4]?.stringValue == "link", host.options.flavor == .firefox {
                    host.loop.enqueue { [weak host] in host?.navigateWithinDocument(frameID, inTab: tabID, to: url.href, history: history) }
                } else {
                    host.navigateWithinDocument(frameID, inTab: tabID, to: url.href, history: history)
                }
            } else {
                host.navigateFrame(frameID, inTab: tabID, to: url.href, history: history)
            }
            return .success(.null)
        }
        // `history.length` and `history.state` (the entry's state as structured-clone text).
        api.defineSync("frame.history", contexts: [.content, .webPage, .page, .background]) { host, _, context in
            guard let documentID = context.documentID else { return .success(.null) }
            return .success(.string(host.historyFacts(ofDocument: documentID).jsonText))
        }
        // `history.back()`, `forward()`, `go(delta)` (`go(0)` reloads).
        api.defineSync("frame.traverse", contexts: [.content, .webPage, .page, .background]) { host, arguments, context in
            let delta = arguments[0]?.intValue ?? 0
            guard let tabID = context.tabID, let frame = host.browser.tab(tabID)?.frame(context.frameID ?? -1) else { return .success(.null) }
            if delta == 0 {
                host.navigateFrame(frame.id, inTab: tabID, to: frame.url, history: .replace, transition: .reload)
            } else if frame.isTop {
                host.traverseHistory(inTab: tabID, by: delta)
            }
            return .success(.null)
        }
        // `history.pushState(state, unused, url)` and `replaceState` ([state text, url or null,
        // replace]): nil once done, or the refused URL with the document's origin and URL.
        api.defineSync("frame.changeState", contexts: [.content, .webPage, .page, .background]) { host, arguments, context in
            let frame = context.tabID.flatMap { host.browser.tab($0)?.frame(context.frameID ?? -1) }
            let documentURL = frame?.url ?? host.documentURL(of: context)
            let origin = WebURL(string: documentURL)?.origin ?? "null"
            var url = documentURL
            if let given = arguments[1]?.stringValue {
                guard let parsed = WebURL(string: given, relativeTo: WebURL(string: documentURL)), parsed.origin == origin, origin != "null" || parsed.href == documentURL else {
                    let refused = WebURL(string: given, relativeTo: WebURL(string: documentURL))?.href ?? given
                    // (Firefox's console reports it too, as its security manager words it.)
                    if host.options.flavor == .firefox {
                        host.emit(.error, "Security Error: Content at \(documentURL) may not load data from \(refused).", from: context)
                    }
                    return .success(.string(JSONValue.object([("url", .string(refused)), ("origin", .string(origin)), ("documentURL", .string(documentURL))]).jsonText))
                }
                url = parsed.href
            }
            let replace = arguments[2]?.boolValue ?? false
            if let frame, let tabID = context.tabID {
                host.navigateWithinDocument(frame.id, inTab: tabID, to: url, history: replace ? .replace : .push, state: arguments[0]?.stringValue, byHistoryAPI: true)
            } else if let documentID = context.documentID {
                host.setDocumentURL(documentID, to: url)
            }
            return .success(.null)
        }
        // `window.open(url, target, features)`: `{"tab": ID}` (the tab it opened or navigated),
        // `{"frame": ID}` (the frame of the caller's tab it navigated), or null (`noopener`).
        api.defineSync("window.open", contexts: [.content, .webPage, .page, .background]) { host, arguments, context in
            let opened = host.openWindow(from: context, url: arguments[0]?.stringValue ?? "", target: arguments[1]?.stringValue ?? "",
                                         features: arguments[2]?.stringValue ?? "")
            switch opened {
            case .tab(let tabID)?: return .success(.json(JSONValue.object([("tab", .int(tabID))]).jsonText))
            case .frame(let frameID)?: return .success(.json(JSONValue.object([("frame", .int(frameID))]).jsonText))
            case nil: return .success(.null)
            }
        }
        // `window.name`: the name of the caller's frame (its element's, or what a window of the
        // frame set) or of its tab (the one `window.open` gave it, or what its window set), else "".
        api.defineSync("window.name", contexts: [.content, .webPage, .page, .background, .driver]) { host, _, context in
            guard let tabID = context.tabID, let frame = host.browser.tab(tabID)?.frame(context.frameID ?? 0) else { return .success(.string("")) }
            return .success(.string((frame.isTop ? host.tabNames[tabID] : host.frameNames[frame.id]) ?? ""))
        }
        // `window.name = name` in a frame's window (any of its worlds: they share its name).
        api.defineSync("window.setName", contexts: [.content, .webPage, .page]) { host, arguments, context in
            host.setWindowName(arguments[0]?.stringValue ?? "", of: context)
            return .success(.undefined)
        }
        // What the caller sees of the window of tab ID now: {closed, sameOrigin, url, dead,
        // opened (the caller opened it), global (its page's window, same origin)}.
        api.defineSync("window.state", contexts: [.content, .webPage, .page, .background]) { host, arguments, context in
            let tabID = arguments[0]?.intValue ?? -1
            let state = host.openedWindowState(tabID, for: context)
            let object = context.script.object()
            try? object.setProperty("closed", context.script.boolean(state.closed))
            try? object.setProperty("sameOrigin", context.script.boolean(state.sameOrigin))
            try? object.setProperty("url", context.script.string(state.url))
            try? object.setProperty("dead", context.script.boolean(state.dead))
            try? object.setProperty("opened", context.script.boolean(host.scriptOpenedTabs[tabID]?.openerContextID == context.id))
            if let global = state.global { try? object.setProperty("global", global.script.global) }
            return .success(.value(object))
        }
        // `w.close()` of a window a script opened (tab ID; -1: the caller's own window, whose
        // `close()` closes its tab if a script opened it): "closed" or "refused".
        api.defineSync("window.close", contexts: [.content, .webPage, .page, .background]) { host, arguments, context in
            var tabID = arguments[0]?.intValue ?? -1
            if tabID < 0 {
                guard let own = context.tabID, host.browser.tab(own)?.frame(context.frameID ?? 0)?.isTop == true else { return .success(.string("refused")) }
                tabID = own
            }
            return .success(.string(host.closeScriptOpenedWindow(tabID) ? "closed" : "refused"))
        }
        // `window.opener`: the tab whose page opened the caller's, the opener's own window when it
        // is in no tab (a background page, a popup of the same extension), or null.
        api.defineSync("window.opener", contexts: [.content, .webPage, .page]) { host, _, context in
            guard let tabID = context.tabID, host.browser.tab(tabID)?.frame(context.frameID ?? 0)?.isTop == true,
                  let opener = host.opener(ofTab: tabID, for: context) else { return .success(.null) }
            switch opener {
            case .tab(let openerTab): return .success(.number(Double(openerTab)))
            case .window(let window): return .success(.value(window.script.global))
            }
        }
        api.defineSync("frame.postMessage", contexts: [.content, .webPage, .page, .background]) { host, arguments, context in
            .success(.json(postMessage(arguments, from: context, host: host).jsonText))
        }
        api.defineSync("frame.count", contexts: [.content, .webPage, .page]) { host, _, context in
            guard let tabID = context.tabID, let frameID = context.frameID, let tab = host.browser.tab(tabID) else { return .success(.number(0)) }
            return .success(.number(Double(tab.frames.filter { $0.parentID == frameID }.count)))
        }
        api.defineSync("frame.window", contexts: [.content, .webPage, .page]) { host, arguments, context in
            guard let tabID = context.tabID, let tab = host.browser.tab(tabID), let frame = tab.frame(context.frameID ?? -1),
                  let target = Self.frame(arguments[0]?.stringValue ?? "parent", from: frame, in: tab)
            else { return .success(.null) }
            if target.id == frame.id { return .success(.null) }
            // (An opaque origin, "null", is the same as no other.)
            let sameOrigin = host.sameOrigin(target, frame, in: tab)
            // Chromium: content scripts of one extension in same-origin frames share a world, so the
            // other frame's window is that frame's global (its content scripts' globals included).
            // A page's own scripts reach a same-origin frame's main world, in both browsers.
            let other: ExtensionContext? = if context.kind == .webPage {
                host.contexts(ofDocument: target.documentID).first { $0.kind == .webPage && !$0.isClosed }
            } else if host.options.flavor == .chrome {
                context.owner?.contentContexts[.init(tabID: tabID, frameID: target.id)]
            } else {
                nil
            }
            if sameOrigin, let other {
                let object = context.script.object()
                try? object.setProperty("global", other.script.global)
                try? object.setProperty("frameId", context.script.number(Double(target.id)))
                try? object.setProperty("documentId", context.script.string(target.documentID))
                try? object.setProperty("parentId", context.script.number(Double(target.parentID)))
                return .success(.value(object))
            }
            let frameCount = tab.frames.filter { $0.parentID == target.id }.count
            return .success(.json(JSONValue.object([
                ("frameId", .int(target.id)),
                ("documentId", .string(target.documentID)),
                ("parentId", .int(target.parentID)),
                ("sameOrigin", .bool(sameOrigin)),
                ("frameCount", .int(frameCount)),
                ("location", LocationParts.make(target.url)),
            ]).jsonText))
        }
    }
}

extension FrameAPI {
    /// The frame `relation` names from `frame`: "self", "top", "parent", or "child:N" (the window
    /// `frames[N]` gives); nil for a child that is not there.
    static func frame(_ relation: String, from frame: Frame, in tab: Tab) -> Frame? {
        if relation == "self" { return frame }
        // ("id:ID": any frame of the tab, by id: another frame's `parent` as this frame sees it.)
        if relation.hasPrefix("id:"), let id = Int(relation.dropFirst("id:".count)) { return tab.frame(id) }
        // ("frame:ID": a frame of the tab inside this one, by id: an iframe's `contentWindow`.)
        if relation.hasPrefix("frame:"), let id = Int(relation.dropFirst("frame:".count)) {
            guard let other = tab.frame(id) else { return nil }
            var ancestor = tab.frame(other.parentID)
            while let current = ancestor, current.id != frame.id { ancestor = tab.frame(current.parentID) }
            return ancestor == nil ? nil : other
        }
        // ("document:ID": the frame of the tab showing that document: another frame's `document.location`.)
        if relation.hasPrefix("document:") {
            let id = relation.dropFirst("document:".count)
            return tab.frames.first { $0.documentID == id }
        }
        if relation == "top" { return tab.frames.first { $0.isTop } ?? frame }
        if relation.hasPrefix("child:"), let index = Int(relation.dropFirst("child:".count)) {
            let children = tab.frames.filter { $0.parentID == frame.id }
            return children.indices.contains(index) ? children[index] : nil
        }
        return tab.frame(frame.parentID) ?? frame
    }

    /// The origin of `frame`'s document: its URL's, and for `about:blank` and `about:srcdoc` its
    /// creator's (the frame's parent's), as the browsers give it; "null" for an opaque one.
    static func origin(of frame: Frame, in tab: Tab) -> String {
        var current: Frame? = frame
        var steps = 0
        while let candidate = current, steps < 64 {
            guard let url = WebURL(string: candidate.url) else { return "null" }
            if url.scheme != "about" || candidate.isTop { return url.origin }
            current = tab.frame(candidate.parentID)
            steps += 1
        }
        return "null"
    }

    /// Where `other` is from `frame`, as a window's `source` names it: "self", "parent", "top",
    /// "child:N", or nil for a frame none of those reaches.
    static func relation(of other: Frame, from frame: Frame, in tab: Tab) -> String? {
        if other.id == frame.id { return "self" }
        if other.id == frame.parentID { return "parent" }
        if other.isTop { return "top" }
        let children = tab.frames.filter { $0.parentID == frame.id }
        return children.firstIndex { $0.id == other.id }.map { "child:\($0)" }
    }

    /// `frame.postMessage(relation, text, targetOrigin)`: a window's message (`window.postMessage`)
    /// to the window `relation` names from the caller's frame, delivered in a task of its own to
    /// every world of that frame's document if its origin is still `targetOrigin` then ("*": any;
    /// "/": the sender's). Answers "invalid-origin" for a target origin that is no URL.
    static func postMessage(_ arguments: JSONValue, from context: ExtensionContext, host: ExtensionHost) -> JSONValue {
        guard let relation = arguments[0]?.stringValue, let text = arguments[1]?.stringValue, let targetOrigin = arguments[2]?.stringValue else { return .null }
        let senderOrigin = context.origin
        let wanted: String?
        switch targetOrigin {
        case "*": wanted = nil
        case "/": wanted = senderOrigin
        default:
            guard let url = WebURL(string: targetOrigin) else { return .string("invalid-origin") }
            wanted = url.origin
        }
        // ("tab:ID": the top frame of another tab, a window a script opened or its opener.)
        if relation.hasPrefix("tab:"), let otherID = Int(relation.dropFirst("tab:".count)) {
            host.loop.enqueue { [weak host] in
                guard let host, let other = host.browser.tab(otherID), let top = other.frames.first(where: \.isTop) else { return }
                if let wanted, host.origin(of: top, in: other) != wanted { return }
                host.deliverWindowMessage(text, origin: senderOrigin, source: nil, documentID: top.documentID)
            }
            return .null
        }
        guard let tabID = context.tabID, let tab = host.browser.tab(tabID), let sender = tab.frame(context.frameID ?? -1),
              let target = FrameAPI.frame(relation, from: sender, in: tab) else {
            // (A window in no tab, a popup or a background page, posts to itself only.)
            if relation == "self", let documentID = context.documentID, wanted == nil || wanted == senderOrigin {
                host.loop.enqueue { [weak host] in host?.deliverWindowMessage(text, origin: senderOrigin, source: "self", documentID: documentID) }
            }
            return .null
        }
        host.loop.enqueue { [weak host] in
            guard let host, let tab = host.browser.tab(tabID), let now = tab.frame(target.id), now.documentID == target.documentID else { return }
            // (An opaque origin matches no target origin but its own window's.)
            if let wanted, host.origin(of: now, in: tab) != wanted || (wanted == "null" && now.id != sender.id) { return }
            let source = tab.frame(sender.id).flatMap { FrameAPI.relation(of: $0, from: now, in: tab) }
            host.deliverWindowMessage(text, origin: senderOrigin, source: source, documentID: now.documentID)
        }
        return .null
    }
}

/// The parts of a `location` object for a URL.
enum LocationParts {
    static func make(_ url: String) -> JSONValue {
        guard let parsed = WebURL(string: url) else {
            return .object([("href", .string(url)), ("origin", .string("null")), ("protocol", .string("")), ("host", .string("")),
                ("hostname", .string("")), ("port", .string("")), ("pathname", .string("")), ("search", .string("")), ("hash", .string(""))])
        }
        let search = parsed.query.map { $0.isEmpty ? "" : "?" + $0 } ?? ""
        let hash = parsed.fragment.map { $0.isEmpty ? "" : "#" + $0 } ?? ""
        return .object([
            ("href", .string(parsed.href)),
            ("origin", .string(parsed.origin)),
            ("protocol", .string(parsed.scheme + ":")),
            ("host", .string(parsed.hostWithPort)),
            ("hostname", .string(parsed.host ?? "")),
            ("port", .string(parsed.port.map(String.init) ?? "")),
            ("pathname", .string(parsed.path)),
            ("search", .string(search)),
            ("hash", .string(hash)),
        ])
    }
}
