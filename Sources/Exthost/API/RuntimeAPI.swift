import BrowserModel
import Foundation
import JSEngine

/// The functions of `runtime` about the extension's life and the browser around it (the
/// arguments are checked by js/50_runtime.js's description), as each browser answers them offline
/// (recorded: fixtures/conformance/runtime-lifecycle):
///
/// - `runtime.getPlatformInfo`: the machine exthost runs on, in each browser's words.
/// - `runtime.setUninstallURL`: keeps the page to open when the extension is uninstalled (an http
///   or https URL; an empty string keeps none).
/// - `runtime.getContexts`: the extension's contexts a browser lists: its background, its pages in
///   tabs and frames, its popup and its devtools pages (never content scripts), filtered.
/// - `runtime.requestUpdateCheck` (Chromium): no update, as a browser with no store to ask says.
/// - `runtime.restart` and `runtime.restartAfterDelay` (Chromium): refused, as off a ChromeOS kiosk.
/// - `runtime.getBrowserInfo` (Firefox): the browser exthost behaves as.
/// - `runtime.reload`: the extension loaded again (``ExtensionHost/reloadExtension(_:caller:)``).
enum RuntimeAPI {
    static func register(in api: ExtensionAPI) {
        let privileged: Set<ContextKind> = [.background, .page, .driver]
        api.define("runtime.getPlatformInfo", contexts: privileged) { host, request in
            request.respond(platformInfo(flavor: host.options.flavor))
        }
        api.define("runtime.setUninstallURL", contexts: privileged) { host, request in
            let text = request.argument(0)?.stringValue ?? ""
            if text.isEmpty {
                request.instance.uninstallURL = nil
                request.respond()
                return
            }
            let url = WebURL(string: text)
            let isWeb = url?.scheme == "http" || url?.scheme == "https"
            guard let url, isWeb else {
                let quoted = JSONValue.string(text).jsonText
                switch host.options.flavor {
                case .chrome: request.fail("Invalid URL: \(quoted).")
                case .firefox: request.fail(url == nil ? "Invalid URL: \(quoted)" : "url must have the scheme http or https")
                }
                return
            }
            request.instance.uninstallURL = url.href
            request.respond()
        }
        api.define("runtime.reload", contexts: privileged) { host, request in
            request.respond()
            host.reloadExtension(request.instance, caller: request.context)
        }
        api.define("runtime.requestUpdateCheck", contexts: privileged) { _, request in
            request.respond(.object([("status", .string("no_update")), ("version", .string(""))]))
        }
        api.define("runtime.restart", contexts: privileged) { _, request in
            request.fail("Function available only for ChromeOS kiosk mode.")
        }
        api.define("runtime.restartAfterDelay", contexts: privileged) { _, request in
            request.fail("API available only for ChromeOS kiosk mode.")
        }
        api.define("runtime.getBrowserInfo", contexts: privileged) { _, request in
            request.respond(.object([
                ("name", .string("Firefox")), ("vendor", .string("Mozilla")),
                ("version", .string(Flavor.firefoxVersion)), ("buildID", .string(Flavor.firefoxBuildID)),
            ]))
        }
        api.define("runtime.getContexts", contexts: privileged) { host, request in
            let filter = ContextFilter(request.argument(0))
            let listed = listedContexts(of: request.instance, host: host).filter(filter.matches)
            request.respond(.array(listed.map { $0.json(flavor: host.options.flavor) }))
        }
    }

    // MARK: - The platform

    /// `runtime.PlatformInfo` of the machine exthost runs on: Chromium gives `arch`, `nacl_arch`
    /// and `os`, Firefox `os` and `arch`, each with its own names for the architectures.
    static func platformInfo(flavor: Flavor) -> JSONValue {
        #if os(macOS)
        let os = "mac"
        #elseif os(Windows)
        let os = "win"
        #elseif os(Android)
        let os = "android"
        #elseif os(OpenBSD)
        let os = "openbsd"
        #else
        let os = "linux"
        #endif
        #if arch(x86_64)
        let (chromeArch, naclArch, firefoxArch) = ("x86-64", "x86-64", "x86-64")
        #elseif arch(arm64)
        let (chromeArch, naclArch, firefoxArch) = ("arm64", "arm", "aarch64")
        #elseif arch(i386)
        let (chromeArch, naclArch, firefoxArch) = ("x86-32", "x86-32", "x86-32")
        #elseif arch(arm)
        let (chromeArch, naclArch, firefoxArch) = ("arm", "arm", "arm")
        #elseif arch(powerpc64le)
        let (chromeArch, naclArch, firefoxArch) = ("ppc64", "ppc64", "ppc64")
        #elseif arch(s390x)
        let (chromeArch, naclArch, firefoxArch) = ("x86-64", "x86-64", "s390x")
        #else
        let (chromeArch, naclArch, firefoxArch) = ("x86-64", "x86-64", "noarch")
        #endif
        switch flavor {
        case .chrome: return .object([("arch", .string(chromeArch)), ("nacl_arch", .string(naclArch)), ("os", .string(os))])
        case .firefox: return .object([("os", .string(os)), ("arch", .string(firefoxArch))])
        }
    }

    // MARK: - Contexts

    /// One context as `runtime.getContexts` lists it (`runtime.ExtensionContext`).
    struct ListedContext {
        let contextID: String
        /// `BACKGROUND`, `TAB`, `POPUP`, `DEVELOPER_TOOLS`.
        let type: String
        /// The document's id, URL and origin; none for a service worker.
        let document: (id: String, url: String, origin: String)?
        let frameID: Int
        let tabID: Int
        let windowID: Int

        /// Its JSON, with each browser's members in its order (Chromium's sorted; a service worker's
        /// without the document's members and with frame -1; Firefox's `incognito` before `frameId`).
        func json(flavor: Flavor) -> JSONValue {
            var members: [(String, JSONValue)] = [("contextId", .string(contextID)), ("contextType", .string(type))]
            if let document {
                members += [("documentId", .string(document.id)), ("documentOrigin", .string(document.origin)), ("documentUrl", .string(document.url))]
            }
            switch flavor {
            case .chrome: members += [("frameId", .number(Double(frameID))), ("incognito", .bool(false))]
            case .firefox: members += [("incognito", .bool(false)), ("frameId", .number(Double(frameID)))]
            }
            members += [("tabId", .number(Double(tabID))), ("windowId", .number(Double(windowID)))]
            return .object(members)
        }
    }

    /// The contexts of `instance` that a browser lists, in the order they opened.
    static func listedContexts(of instance: ExtensionInstance, host: ExtensionHost) -> [ListedContext] {
        var listed: [ListedContext] = []
        func document(of context: ExtensionContext) -> (id: String, url: String, origin: String)? {
            guard let id = context.documentID else { return nil }
            return (id, context.url, context.origin)
        }
        if let background = instance.background, !background.isClosed {
            let isWorker = background.isServiceWorker
            listed.append(ListedContext(contextID: background.contextUUID, type: "BACKGROUND",
                                        document: isWorker ? nil : document(of: background),
                                        frameID: isWorker ? -1 : 0, tabID: -1, windowID: -1))
        }
        let focusedWindow = host.browser.lastFocusedWindowID ?? -1
        for page in instance.openPages {
            if page === instance.popup {
                listed.append(ListedContext(contextID: page.contextUUID, type: "POPUP", document: document(of: page),
                                            frameID: 0, tabID: -1, windowID: focusedWindow))
            } else if instance.devtoolsPages.values.contains(where: { $0 === page }) {
                listed.append(ListedContext(contextID: page.contextUUID, type: "DEVELOPER_TOOLS", document: document(of: page),
                                            frameID: 0, tabID: -1, windowID: -1))
            } else if let tabID = page.senderTabID, let tab = host.browser.tab(tabID) {
                listed.append(ListedContext(contextID: page.contextUUID, type: "TAB", document: document(of: page),
                                            frameID: page.frameID ?? 0, tabID: tabID, windowID: tab.windowID))
            }
        }
        return listed
    }

    /// `runtime.ContextFilter`: each member given narrows the list to the contexts whose value is
    /// one of those listed.
    struct ContextFilter {
        var contextIDs: Set<String>?
        var types: Set<String>?
        var documentIDs: Set<String>?
        var documentOrigins: Set<String>?
        var documentURLs: Set<String>?
        var frameIDs: Set<Int>?
        var incognito: Bool?
        var tabIDs: Set<Int>?
        var windowIDs: Set<Int>?

        init(_ value: JSONValue?) {
            func strings(_ key: String) -> Set<String>? { value?[key]?.arrayValue.map { Set($0.compactMap(\.stringValue)) } }
            func integers(_ key: String) -> Set<Int>? { value?[key]?.arrayValue.map { Set($0.compactMap(\.intValue)) } }
            contextIDs = strings("contextIds")
            types = strings("contextTypes")
            documentIDs = strings("documentIds")
            documentOrigins = strings("documentOrigins")
            documentURLs = strings("documentUrls")
            frameIDs = integers("frameIds")
            incognito = value?["incognito"]?.boolValue
            tabIDs = integers("tabIds")
            windowIDs = integers("windowIds")
        }

        func matches(_ context: ListedContext) -> Bool {
            if let contextIDs, !contextIDs.contains(context.contextID) { return false }
            if let types, !types.contains(context.type) { return false }
            // (A service worker has no document: a filter of documents leaves it out.)
            if let documentIDs, !(context.document.map { documentIDs.contains($0.id) } ?? false) { return false }
            if let documentOrigins, !(context.document.map { documentOrigins.contains($0.origin) } ?? false) { return false }
            if let documentURLs, !(context.document.map { documentURLs.contains($0.url) } ?? false) { return false }
            if let frameIDs, !frameIDs.contains(context.frameID) { return false }
            if let incognito, incognito { return false }
            if let tabIDs, !tabIDs.contains(context.tabID) { return false }
            if let windowIDs, !windowIDs.contains(context.windowID) { return false }
            return true
        }
    }
}
