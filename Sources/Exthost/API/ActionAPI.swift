import BrowserModel
import Foundation
import JSEngine

/// The toolbar button's state (`action` in manifest version 3, `browserAction` in 2; js/52_action.js
/// checks the arguments; recorded: fixtures/conformance/action-state): a title, a popup, a badge's
/// text and colors, an icon and whether it is enabled, each kept globally and for single tabs (a
/// tab's value wins while it is set; a tab's values go when its page navigates). A click on the
/// button (`clickAction`) follows it: a disabled button does nothing, one with a popup opens it.
/// The driver reads it (`extension.action(tabId)`), as a person sees the button.
enum ActionAPI {
    static func register(in api: ExtensionAPI) {
        let contexts: Set<ContextKind> = [.background, .page, .driver]
        for namespace in ["action", "browserAction"] {
            api.define("\(namespace).set", contexts: contexts) { host, request in
                guard let property = request.argument(0)?.stringValue.flatMap(ActionButton.Property.init(rawValue:)),
                      let tab = tabOf(request, argument: 2, in: host), let window = windowOf(request, argument: 3, tab: tab, in: host) else { return }
                var value = request.argument(1)
                switch property {
                case .badgeBackgroundColor, .badgeTextColor:
                    if case .string(let text)? = value {
                        guard let color = CSSColor(parsing: text) else {
                            request.fail(host.options.flavor == .chrome ? "The color specification could not be parsed."
                                         : "Invalid badge \(property == .badgeTextColor ? "text" : "background") color: \(JSONValue.string(text).jsonText)")
                            return
                        }
                        // (Chromium rounds the alpha down, Firefox to the nearest.)
                        let alpha = host.options.flavor == .chrome ? (color.alpha * 255).rounded(.down) : (color.alpha * 255).rounded()
                        value = .array([.int(color.red), .int(color.green), .int(color.blue), .number(alpha)])
                    }
                    // (Chromium refuses a badge text no one could read: a transparent one.)
                    if property == .badgeTextColor, host.options.flavor == .chrome, value?[3]?.doubleValue == 0 {
                        request.fail("The color specification could not be parsed.")
                        return
                    }
                case .popup:
                    if case .string(let path)? = value, !path.isEmpty {
                        guard let url = WebURL(string: path, relativeTo: WebURL(string: request.instance.id.baseURL)),
                              request.instance.path(of: url) != nil else {
                            request.fail(host.options.flavor == .chrome
                                ? "The specified popup path is invalid. Ensure it is a path to a file in this extension."
                                : "Access denied for URL \(WebURL(string: path)?.href ?? path)")
                            return
                        }
                        value = .string(url.href)
                    }
                case .icon:
                    let path = value?["path"]
                    if host.options.flavor == .chrome {
                        guard path != nil || value?["imageData"] != nil else {
                            request.fail("Either the path or imageData property must be specified.")
                            return
                        }
                        // (Each path is fetched from the extension: a missing file fails the call.)
                        var paths: [String] = []
                        if let single = path?.stringValue { paths = [single] } else if case .object(let sizes)? = path { paths = sizes.compactMap { $0.1.stringValue } }
                        var checked = Set<String>()
                        for file in paths where checked.insert(file).inserted {
                            guard let url = WebURL(string: file, relativeTo: WebURL(string: request.instance.id.baseURL)),
                                  let inside = request.instance.path(of: url), request.instance.fileInside(inside) != nil else {
                                request.fail("Failed to set icon '\(file)': Failed to fetch")
                                return
                            }
                        }
                    }
                case .title, .badgeText, .enabled:
                    break
                }
                if value == nil || value == .null { request.instance.actionButton.clear(property, tab: tab, window: window) }
                else if let value { request.instance.actionButton.set(property, to: value, tab: tab, window: window) }
                request.respond()
            }
            api.define("\(namespace).openPopup", contexts: contexts) { host, request in
                // (A popup the button has on the active tab, where it is enabled: Chromium's words.)
                let activeTab = host.browser.focusedTab?.id
                let window = host.browser.lastFocusedWindowID
                guard request.instance.actionButton.value(of: .enabled, tab: activeTab, window: window) != .bool(false),
                      request.instance.popupPath(on: activeTab, window: window) != nil, host.openPopup(of: request.instance) != nil else {
                    request.fail("Extension does not have a popup on the active tab.")
                    return
                }
                request.respond()
            }
            api.define("\(namespace).get", contexts: contexts) { host, request in
                guard let property = request.argument(0)?.stringValue.flatMap(ActionButton.Property.init(rawValue:)),
                      let tab = tabOf(request, argument: 1, in: host), let window = windowOf(request, argument: 2, tab: tab, in: host) else { return }
                // (A tab's value, else its window's, else the global one.)
                request.respond(request.instance.actionButton.value(of: property, tab: tab, window: window ?? tab.flatMap { host.browser.tab($0)?.windowID }))
            }
        }
    }

    /// The window a call names (Firefox's `windowId`; nil: none, as `.some(nil)`), or nil after
    /// failing it: a window that does not exist, or a window with a tab.
    private static func windowOf(_ request: APIRequest, argument: Int, tab: Int?, in host: ExtensionHost) -> Int?? {
        guard let given = request.argument(argument), given != .null else { return .some(nil) }
        guard tab == nil else {
            request.fail("Only one of tabId and windowId can be specified.")
            return nil
        }
        guard let windowID = given.intValue, host.browser.window(windowID) != nil else {
            request.fail("Invalid window ID: \(scriptNumber(given))")
            return nil
        }
        return .some(windowID)
    }

    /// A number as a script writes it (2 ** 53 is 9007199254740992, not 9007199254740992.0).
    private static func scriptNumber(_ value: JSONValue) -> String {
        value.doubleValue.map { $0 == $0.rounded() && abs($0) < 1e21 ? String(format: "%.0f", $0) : "\($0)" } ?? value.jsonText
    }

    /// The tab a call names (nil: the global values, as `.some(nil)`), or nil after failing it
    /// with the browser's words for a tab that does not exist.
    private static func tabOf(_ request: APIRequest, argument: Int, in host: ExtensionHost) -> Int?? {
        guard let given = request.argument(argument), given != .null else { return .some(nil) }
        guard let tabID = given.intValue, host.browser.tab(tabID) != nil else {
            let text = scriptNumber(given)
            request.fail(host.options.flavor == .chrome ? "No tab with id: \(text)." : "Invalid tab ID: \(text)")
            return nil
        }
        return .some(tabID)
    }
}

/// An extension's toolbar button, as its `action` (or `browserAction`) API sets it.
struct ActionButton {
    /// What a button has.
    enum Property: String {
        case title, popup, badgeText, badgeBackgroundColor, badgeTextColor, enabled, icon
    }

    /// The values set for every tab (from the manifest until a script sets them).
    private var global: [Property: JSONValue]
    /// The manifest's values, which clearing a global value restores.
    private let defaults: [Property: JSONValue]
    /// The values set for one tab, by tab.
    private var tabs: [Int: [Property: JSONValue]] = [:]
    /// The values set for one window (Firefox's `windowId`), by window.
    private var windows: [Int: [Property: JSONValue]] = [:]

    /// The button of `instance`'s manifest: its `default_title` (else the extension's name), its
    /// `default_popup`, no badge (each browser's default colors) and enabled.
    init(instance: ExtensionInstance, flavor: Flavor) {
        let manifest = JSONValue.parse(instance.localizedManifestJSON)
        let declared = manifest?[instance.manifest.manifestVersion >= 3 ? "action" : "browser_action"]
        let popup = instance.manifest.actionPopup.flatMap { WebURL(string: $0, relativeTo: WebURL(string: instance.id.baseURL))?.href } ?? ""
        defaults = [
            .title: .string(declared?["default_title"]?.stringValue ?? manifest?["name"]?.stringValue ?? instance.manifest.name),
            .popup: .string(popup),
            .badgeText: .string(""),
            .badgeBackgroundColor: flavor == .chrome ? .array([0, 0, 0, 0].map { .int($0) }) : .array([217, 0, 0, 255].map { .int($0) }),
            .badgeTextColor: flavor == .chrome ? .array([0, 0, 0, 0].map { .int($0) }) : .array([255, 255, 255, 255].map { .int($0) }),
            .enabled: .bool(true),
        ]
        global = defaults
    }

    /// The value of `property` for `tab` in `window`: the tab's own, else the window's, else the
    /// global one.
    func value(of property: Property, tab: Int?, window: Int? = nil) -> JSONValue {
        if let tab, let own = tabs[tab]?[property] { return own }
        if let window, let own = windows[window]?[property] { return own }
        return global[property] ?? .null
    }

    mutating func set(_ property: Property, to value: JSONValue, tab: Int?, window: Int? = nil) {
        if let tab { tabs[tab, default: [:]][property] = value } else if let window { windows[window, default: [:]][property] = value } else { global[property] = value }
    }

    /// Clears a tab's or a window's own value (the next one shows again), or the global one (the
    /// manifest's shows again: Firefox's null, Chromium's badge text left out).
    mutating func clear(_ property: Property, tab: Int?, window: Int? = nil) {
        if let tab { tabs[tab]?[property] = nil } else if let window { windows[window]?[property] = nil } else { global[property] = defaults[property] }
    }

    /// Forgets a tab's own values: its page navigated, or it closed.
    mutating func forget(tab: Int) {
        tabs[tab] = nil
    }

    /// What the button shows on `tab` in `window`, for the driver: every property.
    func shown(on tab: Int?, window: Int?) -> JSONValue {
        .object([Property.title, .popup, .badgeText, .badgeBackgroundColor, .badgeTextColor, .enabled].map { ($0.rawValue, value(of: $0, tab: tab, window: window)) })
    }
}
