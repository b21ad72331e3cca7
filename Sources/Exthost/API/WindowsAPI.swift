import BrowserModel

/// The `windows` namespace: `get`, `getCurrent`, `getLastFocused`, `getAll`, and `create`,
/// `update`, `remove` with each browser's checks in its order (Chromium's windows_api.cc, Firefox's
/// ext-windows.js) and events (ExtensionHost+Windows.swift).
enum WindowsAPI {
    static func register(in api: ExtensionAPI) {
        api.define("windows.create", contexts: [.background, .page, .driver]) { host, request in
            let data = request.argument(0) ?? .object([])
            switch check(create: data, host: host, request: request) {
            case .failure(let problem): request.fail(problem.message)
            case .success(let creation):
                let windowID = host.createWindow(creation)
                guard let window = host.browser.window(windowID) else { return request.respond() }
                request.respond(WindowObject.make(window, host: host, for: request.instance, populate: true))
            }
        }
        api.define("windows.update", contexts: [.background, .page, .driver]) { host, request in
            update(host: host, request: request)
        }
        api.define("windows.remove", contexts: [.background, .page, .driver]) { host, request in
            var windowID = request.argument(0)?.intValue ?? -1
            if windowID == -2 { windowID = host.currentWindowID(for: request.context) ?? -1 }
            guard host.browser.window(windowID) != nil else { return request.fail(host.texts.noWindow(request.argument(0)?.intValue ?? -1)) }
            host.closeWindow(windowID)
            switch host.options.flavor {
            case .chrome: request.respond()
            // (Firefox answers once the window has closed: after windows.onRemoved.)
            case .firefox: host.crossProcess { request.respond() }
            }
        }
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

extension WindowsAPI {
    /// A refusal of `windows.create` or `windows.update`, in the browser's words.
    struct Problem: Error {
        let message: String
    }

    /// `windows.create`'s checks in the browser's order, and what it asks for.
    private static func check(create data: JSONValue, host: ExtensionHost, request: APIRequest) -> Result<ExtensionHost.WindowCreation, Problem> {
        let chrome = host.options.flavor == .chrome
        var creation = ExtensionHost.WindowCreation()
        creation.left = data["left"]?.intValue
        creation.top = data["top"]?.intValue
        creation.width = data["width"]?.intValue
        creation.height = data["height"]?.intValue
        creation.state = data["state"]?.stringValue
        creation.tabID = data["tabId"]?.intValue
        let type = data["type"]?.stringValue ?? "normal"
        creation.kind = type == "normal" ? .normal : .popup
        let hasBounds = creation.hasBounds
        let focused = data["focused"]?.boolValue
        let url = data["url"]
        let urls: [String] = switch url {
        case .array(let items)?: items.compactMap(\.stringValue)
        case let value?: value.stringValue.map { [$0] } ?? []
        case nil: []
        }
        creation.urls = urls.map { host.resolveURL($0, from: request.context) }
        if data["incognito"]?.boolValue == true {
            // (exthost has no private windows; Firefox refuses an extension it has not allowed in
            // them, which a person allows in about:addons.)
            return .failure(Problem(message: chrome
                ? "exthost cannot open an incognito window yet: windows.create({incognito: true}) is not supported."
                : "Extension does not have permission for incognito mode"))
        }
        if chrome {
            // (windows_api.cc: the state against focus and bounds, the tab, the bounds on the screen.)
            let fills = ["maximized", "fullscreen", "locked-fullscreen"].contains(creation.state ?? "")
            if creation.state == "minimized", focused == true || hasBounds { return .failure(Problem(message: "Invalid value for state")) }
            if fills, focused == false || hasBounds { return .failure(Problem(message: "Invalid value for state")) }
            if let tabID = creation.tabID, host.browser.tab(tabID) == nil { return .failure(Problem(message: host.texts.noTab(tabID))) }
            if creation.state == "locked-fullscreen" {
                return .failure(Problem(message: "Cannot lock window to fullscreen or close a locked fullscreen window without lockWindowFullscreenPrivate manifest permission"))
            }
            if hasBounds {
                var bounds = creation.bounds(over: host.browser.windowBounds)
                // (A size with no position is moved to fit the screen.)
                if creation.left == nil, creation.top == nil {
                    bounds.width = min(bounds.width, host.browser.screen.width)
                    bounds.height = min(bounds.height, host.browser.screen.height)
                    bounds.left = max(0, min(bounds.left, host.browser.screen.width - bounds.width))
                    bounds.top = max(0, min(bounds.top, host.browser.screen.height - bounds.height))
                    creation.left = bounds.left
                    creation.top = bounds.top
                    creation.width = bounds.width
                    creation.height = bounds.height
                }
                if !onScreen(bounds, host.browser.screen) { return .failure(Problem(message: invalidBounds)) }
            }
            if data["setSelfAsOpener"]?.boolValue == true {
                if request.context.isServiceWorker { return .failure(Problem(message: "Cannot specify setSelfAsOpener Service Worker extension.")) }
                creation.opener = request.context
            }
            creation.focused = focused ?? (creation.state != "minimized")
        } else {
            // (ext-windows.js: the bounds against the state, the tab against the url, the cookie store.)
            if hasBounds {
                if let state = creation.state, state != "normal" {
                    return .failure(Problem(message: "\"state\": \"\(state)\" may not be combined with \"left\", \"top\", \"width\", or \"height\""))
                }
                creation.state = "normal"
            }
            if let tabID = creation.tabID {
                if url != nil { return .failure(Problem(message: "`tabId` may not be used in conjunction with `url`")) }
                if data["allowScriptsToClose"]?.boolValue == true {
                    return .failure(Problem(message: "`tabId` may not be used in conjunction with `allowScriptsToClose`"))
                }
                if host.browser.tab(tabID) == nil { return .failure(Problem(message: "Invalid tab ID: \(tabID)")) }
                // (A tab's store is the default one: exthost has no containers or private windows.)
                if let store = data["cookieStoreId"]?.stringValue, !store.isEmpty, store != "firefox-default" {
                    return .failure(Problem(message: "`cookieStoreId` must match the tab's cookieStoreId"))
                }
            }
            if let store = data["cookieStoreId"]?.stringValue, !store.isEmpty,
               let problem = firefoxCookieStoreProblem(store, instance: request.instance) {
                return .failure(Problem(message: problem))
            }
            creation.titlePreface = data["titlePreface"]?.stringValue
            creation.focused = true
        }
        return .success(creation)
    }

    /// Why Firefox refuses `cookieStoreId` (ext-tabs-base.js `getUserContextIdForCookieStoreId`),
    /// with no container defined and none enabled (Firefox's default); nil for the default store.
    static func firefoxCookieStoreProblem(_ store: String, instance: ExtensionInstance) -> String? {
        guard instance.hasAPIPermission("cookies") else { return "No permission for cookieStoreId: \(store)" }
        let isContainer = store.hasPrefix("firefox-container-") && store.dropFirst("firefox-container-".count).allSatisfy { $0.isASCII && $0.isNumber }
            && store.count > "firefox-container-".count
        guard store == "firefox-default" || store == "firefox-private" || isContainer else { return "Illegal cookieStoreId: \(store)" }
        if store == "firefox-private" { return "Illegal to set private cookieStoreId in a non-private window" }
        if isContainer { return "Contextual identities are currently disabled" }
        return nil
    }

    private static let invalidBounds = "Invalid value for bounds. Bounds must be at least 50% within visible screen space."

    /// Whether at least half of `bounds` is on the screen (Chromium's `WindowBoundsIntersectDisplays`).
    /// (A negative size is none, as `gfx::Size` clamps it; an empty window is nowhere.)
    private static func onScreen(_ bounds: (left: Int, top: Int, width: Int, height: Int), _ screen: (width: Int, height: Int)) -> Bool {
        let (boundsWidth, boundsHeight) = (max(0, bounds.width), max(0, bounds.height))
        guard boundsWidth > 0, boundsHeight > 0 else { return false }
        let (right, rightOverflow) = bounds.left.addingReportingOverflow(boundsWidth)
        let (bottom, bottomOverflow) = bounds.top.addingReportingOverflow(boundsHeight)
        let (area, overflow) = boundsWidth.multipliedReportingOverflow(by: boundsHeight)
        guard !overflow, !rightOverflow, !bottomOverflow else { return false }
        let width = max(0, min(right, screen.width) - max(bounds.left, 0))
        let height = max(0, min(bottom, screen.height) - max(bounds.top, 0))
        return 2 * width * height >= area
    }

    /// `windows.update`: Chromium checks the window, the bounds on the screen, the state against
    /// the bounds and the focus, then changes all at once (`windows.onBoundsChanged` when the
    /// bounds change); Firefox checks the state against the bounds first, answers, then moves the
    /// focus.
    private static func update(host: ExtensionHost, request: APIRequest) {
        let given = request.argument(0)?.intValue ?? -1
        let windowID = given == -2 ? (host.currentWindowID(for: request.context) ?? -1) : given
        let info = request.argument(1) ?? .object([])
        var asked = ExtensionHost.WindowCreation()
        (asked.left, asked.top, asked.width, asked.height) = (info["left"]?.intValue, info["top"]?.intValue, info["width"]?.intValue, info["height"]?.intValue)
        let hasBounds = asked.hasBounds
        let chrome = host.options.flavor == .chrome
        // (Chromium's update makes a locked fullscreen window a fullscreen one off ChromeOS.)
        let state = info["state"]?.stringValue.map { chrome && $0 == "locked-fullscreen" ? "fullscreen" : $0 }
        let focused = info["focused"]?.boolValue
        if !chrome, hasBounds, let state, state != "normal" {
            return request.fail("\"state\": \"\(state)\" may not be combined with \"left\", \"top\", \"width\", or \"height\"")
        }
        guard let window = host.browser.window(windowID) else { return request.fail(host.texts.noWindow(given)) }
        let bounds = asked.bounds(over: window.bounds)
        if chrome {
            if hasBounds, !onScreen(bounds, host.browser.screen) { return request.fail(invalidBounds) }
            if hasBounds, state == "minimized" || state == "maximized" || state == "fullscreen" { return request.fail("Invalid value for state") }
            if focused == true, state == "minimized" { return request.fail("Invalid value for state") }
            if focused == false, state == "maximized" || state == "fullscreen" { return request.fail("Invalid value for state") }
        }
        let boundsChanged = hasBounds && (bounds.left, bounds.top, bounds.width, bounds.height) != (window.bounds.left, window.bounds.top, window.bounds.width, window.bounds.height)
        host.browser.updateWindow(windowID) { window in
            if let state { window.state = state }
            if hasBounds {
                window.bounds = bounds
                window.state = "normal"
            }
            if chrome, let focused { window.isActive = focused }
            if !chrome, let preface = info["titlePreface"]?.stringValue { window.titlePreface = preface }
        }
        if chrome, boundsChanged, let changed = host.browser.window(windowID) {
            host.dispatchToBackgrounds("windows.onBoundsChanged") { [WindowObject.make(changed, host: host, for: $0, populate: false)] }
        }
        guard let updated = host.browser.window(windowID) else { return request.fail(host.texts.noWindow(given)) }
        request.respond(WindowObject.make(updated, host: host, for: request.instance, populate: false))
        // (Firefox's focus moves after the answer; focused: false does nothing there.)
        if !chrome, focused == true { host.crossProcess { host.focusWindow(windowID) } }
    }
}

/// A `windows.Window` object as each flavor's browser builds it.
enum WindowObject {
    static func make(_ window: Window, host: ExtensionHost, for instance: ExtensionInstance, populate: Bool, focused given: Bool? = nil) -> JSONValue {
        // (Chromium's `focused` is whether the window is active; Firefox's whether it was focused last.)
        let focused = given ?? (host.options.flavor == .chrome ? window.isActive : host.browser.lastFocusedWindowID == window.id)
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
            let activeTitle = host.browser.activeTab(in: window.id).map { window.titlePreface + $0.title + " — Mozilla Firefox" } ?? "Mozilla Firefox"
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
