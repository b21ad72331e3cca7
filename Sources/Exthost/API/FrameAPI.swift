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
        api.defineSync("frame.count", contexts: [.content, .webPage]) { host, _, context in
            guard let tabID = context.tabID, let frameID = context.frameID, let tab = host.browser.tab(tabID) else { return .success(.number(0)) }
            return .success(.number(Double(tab.frames.filter { $0.parentID == frameID }.count)))
        }
        api.defineSync("frame.window", contexts: [.content, .webPage]) { host, arguments, context in
            guard let tabID = context.tabID, let frameID = context.frameID, let tab = host.browser.tab(tabID),
                let frame = tab.frame(frameID)
            else { return .success(.null) }
            // "top", "parent", or "child:N" (the window `frames[N]` gives).
            let relation = arguments[0]?.stringValue ?? "parent"
            var target = frame
            if relation == "top" {
                target = tab.frames.first { $0.isTop } ?? frame
            } else if relation.hasPrefix("child:"), let index = Int(relation.dropFirst("child:".count)) {
                let children = tab.frames.filter { $0.parentID == frame.id }
                guard children.indices.contains(index) else { return .success(.null) }
                target = children[index]
            } else if let parent = tab.frame(frame.parentID) {
                target = parent
            }
            if target.id == frame.id { return .success(.null) }
            let sameOrigin = WebURL(string: target.url)?.origin == WebURL(string: frame.url)?.origin
            // Chromium: content scripts of one extension in same-origin frames share a world, so the
            // other frame's window is that frame's global (its content scripts' globals included).
            // A page's own scripts reach a same-origin frame's main world, in both browsers.
            let other: ExtensionContext? = if context.kind == .webPage {
                host.contextsInOrder.first { $0.kind == .webPage && $0.documentID == target.documentID && !$0.isClosed }
            } else if host.options.flavor == .chrome {
                context.owner?.contentContexts[.init(tabID: tabID, frameID: target.id)]
            } else {
                nil
            }
            if sameOrigin, let other {
                let object = context.script.object()
                try? object.setProperty("global", other.script.global)
                return .success(.value(object))
            }
            let frameCount = tab.frames.filter { $0.parentID == target.id }.count
            return .success(.json(JSONValue.object([
                ("frameId", .int(target.id)),
                ("sameOrigin", .bool(sameOrigin)),
                ("frameCount", .int(frameCount)),
                ("location", LocationParts.make(target.url)),
            ]).jsonText))
        }
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
