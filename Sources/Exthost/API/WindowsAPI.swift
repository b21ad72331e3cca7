import BrowserModel

/// The `windows` namespace: `get`, `getCurrent`, `getLastFocused`, `getAll`.
enum WindowsAPI {
    static func register(in api: ExtensionAPI) {
        func respond(_ request: APIRequest, host: ExtensionHost, windowID: Int?, options: JSONValue?) {
            guard let windowID, let window = host.browser.window(windowID) else {
                return request.fail(host.texts.noWindow(windowID ?? -1))
            }
            request.respond(WindowObject.make(window, host: host, for: request.instance, populate: options?["populate"]?.boolValue == true))
        }
        api.define("windows.get", contexts: [.background, .page, .driver]) { host, request in
            var windowID = request.argument(0)?.intValue
            if windowID == -2 { windowID = host.currentWindowID(for: request.context) }
            respond(request, host: host, windowID: windowID, options: request.argument(1))
        }
        api.define("windows.getCurrent", contexts: [.background, .page, .driver]) { host, request in
            respond(request, host: host, windowID: host.currentWindowID(for: request.context), options: request.argument(0))
        }
        api.define("windows.getLastFocused", contexts: [.background, .page, .driver]) { host, request in
            respond(request, host: host, windowID: host.browser.lastFocusedWindowID, options: request.argument(0))
        }
        api.define("windows.getAll", contexts: [.background, .page, .driver]) { host, request in
            let options = request.argument(0)
            let types = options?["windowTypes"].flatMap { value -> [String]? in
                guard case .array(let items) = value else { return nil }
                return items.compactMap(\.stringValue)
            }
            let windows = host.browser.windows.filter { types?.contains($0.kind.rawValue) ?? ($0.kind == .normal || $0.kind == .popup) }
            request.respond(.array(windows.map {
                WindowObject.make($0, host: host, for: request.instance, populate: options?["populate"]?.boolValue == true)
            }))
        }
    }
}

/// A `windows.Window` object as each flavor's browser builds it.
enum WindowObject {
    static func make(_ window: Window, host: ExtensionHost, for instance: ExtensionInstance, populate: Bool) -> JSONValue {
        let focused = host.browser.lastFocusedWindowID == window.id
        var fields: [(String, JSONValue)]
        switch host.options.flavor {
        case .chrome:
            fields = [
                ("alwaysOnTop", .bool(window.alwaysOnTop)), ("focused", .bool(focused)), ("height", .int(window.bounds.height)),
                ("id", .int(window.id)), ("incognito", .bool(window.incognito)), ("left", .int(window.bounds.left)),
                ("state", .string(window.state)), ("top", .int(window.bounds.top)), ("type", .string(window.kind.rawValue)),
                ("width", .int(window.bounds.width)),
            ]
        case .firefox:
            // Firefox's WindowBase.convert(): the title is the active tab's, with the browser's name.
            let activeTitle = host.browser.activeTab(in: window.id).map { $0.title + " — Mozilla Firefox" } ?? "Mozilla Firefox"
            fields = [
                ("id", .int(window.id)), ("focused", .bool(focused)), ("top", .int(window.bounds.top)), ("left", .int(window.bounds.left)),
                ("width", .int(window.bounds.width)), ("height", .int(window.bounds.height)), ("incognito", .bool(window.incognito)),
                ("type", .string(window.kind.rawValue)), ("state", .string(window.state)), ("alwaysOnTop", .bool(window.alwaysOnTop)),
            ]
            if host.browser.activeTab(in: window.id).map(instance.canSeeDetails(of:)) ?? false {
                fields.append(("title", .string(activeTitle)))
            }
        }
        if populate {
            let tabs = window.tabStrip.compactMap { host.browser.tab($0) }.map { host.tabObject($0, for: instance) }
            fields.append(("tabs", .array(tabs)))
            if host.options.flavor == .chrome { fields.sort { $0.0 < $1.0 } }
        }
        return .object(fields)
    }
}
