import BrowserModel
import Foundation
import JSEngine

/// An extension loaded into a ``ExtensionHost``: its manifest, its id, and its live contexts.
public final class ExtensionInstance {
    /// The extension's directory.
    public let directory: URL
    /// The path its id was made from, when not its directory (a driver's inline extension).
    let identity: URL?
    /// The parsed `manifest.json`.
    public let manifest: Manifest
    /// The extension's id, as the flavor's browser gives it.
    public let id: ExtensionID
    /// The background context, once started.
    public internal(set) var background: ExtensionContext?
    /// Whether the background has run its scripts (or the extension has none).
    var backgroundStarted = false
    /// How long the running background lives, when it stops once idle (``BackgroundLifetime``).
    var backgroundLifetime: BackgroundLifetime?
    /// Whether the background stopped once idle: the next event that wakes it starts it again.
    var backgroundIsStopped = false
    /// The events that start a stopped background again (with the background's listeners for
    /// them): Chromium's lazy listeners (every event a worker ever listened to and did not stop
    /// listening to), Firefox's primed ones (events of persistent listeners added while the
    /// background started, replaced at each start: ``primingEvents``).
    var wakingEvents: Set<String> = []
    /// Firefox: the persistent events the background listened to while it was starting.
    var primingEvents: Set<String> = []
    /// The content-script contexts, one per frame the extension's scripts run in, by tab and frame.
    var contentContexts = ContentContexts()
    /// The extension's pages that are open (``ContextKind/page``), in the order they opened.
    var pageContexts: [ExtensionContext] = []
    /// The popup of the extension's toolbar button, while it is open (one of ``pageContexts``).
    var popup: ExtensionContext?
    /// The options page while it is open inside the browser's extensions page (`options_ui`
    /// without `open_in_tab`), with the tab that shows that page; one of ``pageContexts``.
    var embeddedOptionsPage: (context: ExtensionContext, tabID: Int)?
    /// Its devtools page in each DevTools window open, by the tab DevTools inspects.
    var devtoolsPages: [Int: ExtensionContext] = [:]
    /// Every page of its own that is open: ``pageContexts`` in the order they opened, then its
    /// devtools pages (by the tab each inspects) that are not among them.
    var openPages: [ExtensionContext] {
        var pages = pageContexts
        for page in devtoolsPages.sorted(by: { $0.key < $1.key }).map(\.value) where !pages.contains(where: { $0 === page }) {
            pages.append(page)
        }
        return pages.filter { !$0.isClosed }
    }
    /// The profile it is installed in, if the run keeps one.
    var profile: Profile?
    /// Its `storage` areas (`local` and `sync` from the profile, when the run keeps one).
    lazy var storage = ExtensionStorage(flavor: manifest.flavor, extensionID: id.runtimeID, profile: profile, policy: managedPolicy)
    /// The values of its `storage.managed`, as the run's policy gives them (`--managed-storage`):
    /// Chromium keeps those of an extension that declares `storage.managed_schema` only.
    var managedPolicy: [(key: String, text: String)]?
    /// What the browser tells its background once it has started for the first time in this run:
    /// `runtime.onInstalled` (a first install, or an update from the version the profile had) or
    /// `runtime.onStartup` (the browser started with it installed).
    var lifecycleEvent: (name: String, details: [JSONValue])?
    /// When it was installed among the run's extensions (a number that grows), which its versions,
    /// reloads and a disable keep: Firefox lists its add-ons in that order (`management.getAll`).
    var installNumber = 0
    /// Chromium keeps a disabled extension's alarms for when it is enabled again.
    var alarmsKeptWhileDisabled: [ExtensionAlarm] = []
    /// The browser's language (`i18n.getUILanguage()`, `navigator.language`).
    static let uiLanguage = "en-US"
    /// Its messages for the browser's language (`i18n.getMessage`, `__MSG_name__`).
    let messages: LocaleMessages
    /// The message `name` with `substitutions`, as `i18n.getMessage` gives it: the predefined
    /// `@@` messages, else the extension's, else nil.
    func message(_ name: String, substitutions: [String], escapeLt: Bool = false) -> String? {
        let flavor = manifest.flavor
        switch name.lowercased() {
        case "@@extension_id": return flavor == .chrome ? id.runtimeID : id.host
        case "@@ui_locale": return flavor == .chrome ? Self.uiLanguage.replacingOccurrences(of: "-", with: "_") : Self.uiLanguage
        case "@@bidi_dir": return "ltr"
        case "@@bidi_reversed_dir": return "rtl"
        case "@@bidi_start_edge": return "left"
        case "@@bidi_end_edge": return "right"
        default: return messages.message(name, substitutions: substitutions, flavor: flavor, escapeLt: escapeLt)
        }
    }
    /// The manifest's JSON text with each `__MSG_name__` replaced by its message (as
    /// `runtime.getManifest()` and the button's title have it).
    func localized(_ json: String) -> String {
        LocaleMessages.replacingReferences(in: json) { name in
            // (Inside a JSON string: the message's text escaped, without its quotes.)
            String(JSONValue.string(message(name, substitutions: []) ?? "").jsonText.dropFirst().dropLast())
        }
    }
    /// The names of the `__MSG_name__` references in `json`.
    static func messageNames(in json: String) -> [String] {
        var names: [String] = []
        _ = LocaleMessages.replacingReferences(in: json) { name in
            names.append(name)
            return nil
        }
        return names
    }
    /// The manifest's JSON text localized (``localized(_:)``).
    lazy var localizedManifestJSON = localized(manifest.rawJSON)
    /// Its name as the browser shows it (`__MSG_name__` replaced by the message).
    lazy var displayName: String = JSONValue.parse(localizedManifestJSON)?["name"]?.stringValue ?? manifest.name
    /// Its keyboard commands (`commands`), as the manifest suggests them and Firefox's `update` changes them.
    lazy var commands = ManifestCommand.commands(inManifest: localizedManifestJSON, flavor: manifest.flavor)
    /// Its toolbar button (Sources/Exthost/API/ActionAPI.swift).
    lazy var actionButton = ActionButton(instance: self, flavor: manifest.flavor)
    /// Its alarms by name, each with the timer that fires it (Sources/Exthost/API/AlarmsAPI.swift).
    var alarms: [String: (alarm: ExtensionAlarm, timer: TimerID?)] = [:]
    /// The order the next alarm made gets.
    var nextAlarmOrder = 0
    /// Its items in the browser's context menus (Sources/Exthost/API/ContextMenusAPI.swift).
    lazy var menuItems = MenuItemList(keepsOneRadioChecked: manifest.flavor == .chrome)
    /// Firefox: the id of the hidden item its top-level menu items are in, made with its first
    /// item (and again after `removeAll`).
    var menuRootID: Int?
    /// The last number given to an item created without an id (`contextMenus.nextGeneratedID`).
    var nextGeneratedMenuItemID = 0
    /// Whether a write of its menu items to the profile is queued (one per task, however many changes).
    var menuItemsWriteQueued = false
    /// The content scripts it registered (`scripting.registerContentScripts`), in order, with the
    /// entries that decide where they run (Sources/Exthost/API/RegisteredContentScriptsAPI.swift).
    var registeredContentScripts: [RegisteredContentScript] = [] {
        didSet {
            // (Each script's patterns parsed once: a thousand registrations, one at a time, parse a
            // thousand; its files read once, for the documents that load afterwards.)
            var parsed: [RegisteredContentScript: ContentScriptEntry] = [:]
            registeredEntries = registeredContentScripts.compactMap { script in
                for path in script.js { _ = readScriptFile(path) }
                guard let entry = registeredEntryCache[script] ?? (try? script.entry(flavor: manifest.flavor)) else { return nil }
                parsed[script] = entry
                return (nil, entry, script.cssIsUsers)
            }
            registeredEntryCache = parsed
        }
    }
    private var registeredEntries: [ContentScriptSource] = []
    private var registeredEntryCache: [RegisteredContentScript: ContentScriptEntry] = [:]
    /// The number of the last script Firefox's `contentScripts.register` registered.
    var lastRegisteredScript = 0

    /// A content script entry that may run in a document: the manifest's `index`, or nil for one
    /// it registered; `userStyles` when its `css` is of the user's origin (Firefox's `cssOrigin`).
    typealias ContentScriptSource = (index: Int?, entry: ContentScriptEntry, userStyles: Bool)

    /// The content script entries that may run in a document: the manifest's (those its browser
    /// runs), then the registered ones.
    var contentScriptEntries: [ContentScriptSource] {
        registeredEntries.isEmpty ? declaredEntries : declaredEntries + registeredEntries
    }
    /// The manifest's entries its browser runs, with their index (the manifest does not change).
    private lazy var declaredEntries: [ContentScriptSource] = manifest.contentScripts.enumerated()
        .filter { manifest.contentScriptEntryRuns($0.offset) }.map { (Optional($0.offset), $0.element, false) }

    /// Forgets its menu items (`removeAll`, a persistent background's at a browser restart).
    func clearMenuItems() {
        menuItems = MenuItemList(keepsOneRadioChecked: manifest.flavor == .chrome)
        menuRootID = nil
    }

    /// Takes the menu items `other` (the same extension, read again) had.
    func takeMenuItems(of other: ExtensionInstance) {
        menuItems = other.menuItems
        menuRootID = other.menuRootID
    }
    /// The page a browser opens when the extension is uninstalled (`runtime.setUninstallURL`).
    public internal(set) var uninstallURL: String?
    /// The patterns of the extension's host permissions.
    /// The patterns of the host permissions its manifest declares (and, in Firefox's manifest
    /// version 3, its content scripts' matches).
    let declaredHostPatterns: [MatchPattern]
    /// The optional host permissions granted since it was installed (`permissions.request`).
    var grantedOriginPatterns: [MatchPattern] = []
    /// The optional API permissions granted since it was installed (`permissions.request`).
    var grantedPermissions: [String] = []

    /// Whether the extension's host permissions reach a document at `url` (an `about:` or `data:`
    /// document by the URL of the one that made it).
    func mayReach(_ url: String, creatorURL: String?) -> Bool {
        let effective = (url.hasPrefix("about:") || url.hasPrefix("data:")) ? creatorURL ?? url : url
        return hostPatterns.contains { $0.matches(effective) }
    }

    /// Whether the API permission `name` is active: declared in the manifest or granted since
    /// (`permissions.request`), as the browsers' active permissions count it.
    func hasAPIPermission(_ name: String) -> Bool {
        manifest.permissions.contains(name) || grantedPermissions.contains(name)
    }
    /// The patterns of every host permission it holds.
    var hostPatterns: [MatchPattern] { grantedOriginPatterns.isEmpty ? declaredHostPatterns : declaredHostPatterns + grantedOriginPatterns }
    /// The tabs `activeTab` is granted for (until they navigate).
    var activeTabs: Set<Int> = []

    /// Each open tab's `Tab` object as this extension sees it, as JSON text, with the state it was
    /// made from (``ExtensionHost/tabObject(_:index:for:)``).
    var tabObjectTexts: [Int: TabObjectText] = [:]

    /// The scripts of a background page, in order, as paths inside the extension.
    private var backgroundPageScripts: [String] = []
    /// Those of ``backgroundPageScripts`` that are module scripts.
    private var backgroundPageModuleScripts: Set<String> = []
    /// The sources of the extension's scripts, read once at load, by path inside the extension.
    private var sources: [String: String] = [:]
    /// The style sheets' texts read (``styleSheetText(of:)``), by path inside the extension.
    private var styleSheets: [String: String] = [:]

    /// Identifies a frame of a tab.
    struct FrameKey: Hashable {
        var tabID: Int
        var frameID: Int
    }

    /// The content-script contexts by frame, with each tab's frames indexed, so that closing the
    /// contexts of one tab takes time in its own contexts, not in every tab's.
    struct ContentContexts {
        private var byFrame: [FrameKey: ExtensionContext] = [:]
        private var framesOfTab: [Int: Set<Int>] = [:]

        subscript(key: FrameKey) -> ExtensionContext? {
            get { byFrame[key] }
            set {
                byFrame[key] = newValue
                if newValue != nil {
                    framesOfTab[key.tabID, default: []].insert(key.frameID)
                } else if framesOfTab[key.tabID]?.remove(key.frameID) != nil, framesOfTab[key.tabID]?.isEmpty == true {
                    framesOfTab[key.tabID] = nil
                }
            }
        }

        /// Every context, in no order.
        var values: Dictionary<FrameKey, ExtensionContext>.Values { byFrame.values }

        /// The contexts in a tab's frames, oldest first.
        func inTab(_ tabID: Int) -> [(key: FrameKey, context: ExtensionContext)] {
            (framesOfTab[tabID] ?? []).compactMap { frameID in
                let key = FrameKey(tabID: tabID, frameID: frameID)
                return byFrame[key].map { (key, $0) }
            }.sorted { $0.context.id < $1.context.id }
        }

        mutating func removeAll() {
            byFrame.removeAll()
            framesOfTab.removeAll()
        }
    }

    init(directory: URL, identity: URL? = nil, flavor: Flavor) throws(ExtensionLoadError) {
        let directory = directory.standardizedFileURL
        self.directory = directory
        self.identity = identity
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ExtensionLoadError(file: directory.path, reason: "No such extension directory. Give the folder that holds the extension's manifest.json.")
        }
        let manifestURL = directory.appendingPathComponent("manifest.json")
        guard let data = FileContents.read(atPath: manifestURL.path) else {
            throw ExtensionLoadError(file: manifestURL.path, reason: "Manifest file is missing or unreadable. An unpacked extension needs a manifest.json at its top level.")
        }
        do {
            manifest = try Manifest.parse(data, file: manifestURL.path, flavor: flavor)
            try manifest.checkFiles(in: directory)
        } catch {
            throw ExtensionLoadError(file: error.file, line: error.line, column: error.column, reason: error.reason)
        }
        id = ExtensionID.make(manifest: manifest, directory: identity ?? directory, flavor: flavor)
        do {
            messages = try LocaleMessages(directory: directory, language: Self.uiLanguage, defaultLocale: manifest.defaultLocale, flavor: flavor)
        } catch {
            throw ExtensionLoadError(file: directory.appendingPathComponent("_locales").path,
                                     reason: error.description + " Define it in the message's \"placeholders\", or write $$ for a dollar sign.")
        }
        // (Chromium refuses a manifest that names a message none of its locales has.)
        if flavor == .chrome {
            for name in Self.messageNames(in: manifest.rawJSON) where !name.hasPrefix("@@") && !messages.has(name) {
                throw ExtensionLoadError(file: manifestURL.path, reason: "Variable __MSG_\(name)__ used but not defined.")
            }
        }
        // (Firefox's manifest version 3 counts its content scripts' matches among its host
        // permissions, granted at a temporary install: `originControls` in Extension.sys.mjs;
        // recorded: msg-external-basics, whose sender.tab shows its URL.)
        declaredHostPatterns = manifest.hostPermissionPatterns
            + (flavor == .firefox && manifest.manifestVersion >= 3 ? manifest.contentScripts.flatMap(\.matches.patterns) : [])
        // Every script the manifest names is read now, from inside the extension directory only, as the browser
        // resolves it (ManifestFileReference.resolvedPath): `../bg.js` is the bg.js inside.
        for reference in manifest.fileReferences {
            switch reference.role {
            case .serviceWorker, .backgroundScript:
                guard Self.runs(reference, in: manifest) else { continue }
                let path = reference.resolvedPath(flavor: flavor) ?? reference.path
                if flavor == .firefox, readInside(path) == nil {
                    // Firefox installs the extension, and its background page fails to load this script
                    // (fixtures/manifests/service-worker-missing): see backgroundScripts().
                    continue
                }
                try loadSource(reference, role: "background script")
            case .backgroundPage:
                guard Self.runs(reference, in: manifest) else { continue }
                let path = reference.resolvedPath(flavor: flavor) ?? reference.path
                guard let html = readInside(path) else {
                    throw missingFile(reference, role: "background page", relative: path)
                }
                // (The page's classic scripts run as the parser meets them; its module scripts and
                // deferred scripts after it has parsed the page, in document order.)
                let elements = HTMLPage(html: String(decoding: html, as: UTF8.self)).scriptElements.filter { $0.runs && $0.src != nil }
                let ordered = elements.filter { $0.kind == .classic && !$0.isDeferred } + elements.filter { $0.kind == .module || $0.isDeferred }
                backgroundPageScripts = ordered.map { ExtensionResourcePath.urlPath(Self.resolve($0.src ?? "", against: path)) }
                backgroundPageModuleScripts = Set(ordered.filter { $0.kind == .module }.map { ExtensionResourcePath.urlPath(Self.resolve($0.src ?? "", against: path)) })
                for script in backgroundPageScripts where sources[script] == nil {
                    guard let data = readInside(script) else {
                        throw ExtensionLoadError(
                            file: directory.appendingPathComponent(path).path,
                            reason: "Could not load the script '\(script)' of the background page '\(path)': "
                                + "\(directory.appendingPathComponent(script).path) is not a file inside the extension. "
                                + "Fix its <script src> or add the file."
                        )
                    }
                    sources[script] = String(decoding: data, as: UTF8.self)
                }
            case .contentScript(let entry):
                guard manifest.contentScriptEntryRuns(entry) else { continue }
                let path = reference.resolvedPath(flavor: flavor) ?? reference.path
                if flavor == .firefox, readInside(path) == nil {
                    // Firefox installs the extension; the entry fails when a page would run it
                    // (fixtures/conformance/manifest-content-script-missing): see unreadableScript(in:).
                    continue
                }
                try loadSource(reference, role: "content script")
            default:
                continue
            }
        }
    }

    /// What owns a driver script's context (``ContextKind/driver``): no extension the browser
    /// loaded (it is in no list of the host's extensions, gets no event and no message), but a
    /// record with the facts every context has, named after the script.
    init(driverScript file: URL, flavor: Flavor) {
        directory = file.deletingLastPathComponent().standardizedFileURL
        identity = file
        let json = #"{"manifest_version": 3, "name": "exthost driver \#(file.lastPathComponent)", "version": "1"}"#
        do {
            manifest = try Manifest.parse(Data(json.utf8), file: file.path, flavor: flavor)
        } catch {
            fatalError("exthost's driver manifest does not parse: \(error)")
        }
        id = ExtensionID.make(manifest: manifest, directory: file, flavor: flavor)
        declaredHostPatterns = []
        messages = LocaleMessages()
        backgroundStarted = true
    }

    /// Whether the background file `reference` names is the one the flavor's browser runs.
    private static func runs(_ reference: ManifestFileReference, in manifest: Manifest) -> Bool {
        switch (manifest.background, reference.role) {
        case (.serviceWorker?, .serviceWorker), (.scripts?, .backgroundScript), (.page?, .backgroundPage): true
        default: false
        }
    }

    /// The bytes of the file at `relative` inside the extension directory, or nil when there is none.
    /// A link to a file outside the directory is followed in Chrome (as Chromium does for unpacked
    /// extensions) and not in Firefox.
    private func readInside(_ relative: String) -> Data? {
        guard ExtensionResourcePath.isFile(relative, in: directory, followingLinksOutside: manifest.flavor == .chrome) else {
            return nil
        }
        return FileContents.read(atPath: directory.appendingPathComponent(relative).path)
    }

    /// A file of the extension at `relative` (a path inside it, as a URL's path names it): its
    /// bytes and when it was last changed, or nil when there is no such file.
    func fileInside(_ relative: String) -> (contents: Data, modified: Date)? {
        let trimmed = relative.hasPrefix("/") ? String(relative.dropFirst()) : relative
        guard !trimmed.isEmpty, let contents = readInside(trimmed) else { return nil }
        let attributes = try? FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent(trimmed).path)
        return (contents, attributes?[.modificationDate] as? Date ?? Date(timeIntervalSince1970: 0))
    }

    /// Reads the script `reference` names, keyed by the path inside the extension it resolves to.
    private func loadSource(_ reference: ManifestFileReference, role: String) throws(ExtensionLoadError) {
        let path = reference.resolvedPath(flavor: manifest.flavor) ?? reference.path
        guard sources[path] == nil else { return }
        guard let data = readInside(path) else {
            throw missingFile(reference, role: role, relative: path)
        }
        sources[path] = String(decoding: data, as: UTF8.self)
    }

    /// A file the manifest names that could not be read. In Chrome, ``Manifest/checkFiles(in:)`` has refused
    /// these first, in Chromium's words; in Firefox, this is a background page that is not there (Firefox's
    /// missing scripts are skipped when they would run instead).
    private func missingFile(_ reference: ManifestFileReference, role: String, relative: String) -> ExtensionLoadError {
        let reading = relative == reference.path ? "" : " (read as '\(relative)')"
        return ExtensionLoadError(
            file: manifest.file, line: reference.line, column: reference.column,
            reason: "Could not load the \(role) '\(reference.path)'\(reading): \(directory.appendingPathComponent(relative).path) "
                + "is not a file inside the extension directory. Fix the path in the manifest or add the file."
        )
    }

    /// The path inside the extension that a script the manifest names resolves to in this flavor.
    func resolvedPath(of path: String, role: ManifestFileReference.Role) -> String {
        ManifestFileReference(path: path, role: role, key: "", line: 0, column: 0).resolvedPath(flavor: manifest.flavor) ?? path
    }

    /// The first script of a content script entry that could not be read at load (Firefox only: Chrome
    /// refuses such an extension), as a path inside the extension, or nil when all were read.
    func unreadableScript(in entry: ContentScriptEntry) -> String? {
        entry.js.lazy.map { self.resolvedPath(of: $0, role: .contentScript(entry: 0)) }.first { self.sources[$0] == nil }
    }

    /// Keeps `code` as the script at `path` (a path no file has: `contentScripts.register`'s code).
    func keepScript(_ code: String, as path: String) {
        sources[resolvedPath(of: path, role: .contentScript(entry: 0))] = code
    }

    /// Keeps `code` as the style sheet at `path` (a path no file has: `contentScripts.register`'s code).
    func keepStyleSheet(_ code: String, as path: String) {
        let resolved = resolvedPath(of: path, role: .contentStyle(entry: 0))
        styleSheets[resolved.hasPrefix("/") ? String(resolved.dropFirst()) : resolved] = code
    }

    /// Reads the script at `path` (a path inside the extension) for content scripts to run, once;
    /// false when there is no such file.
    func readScriptFile(_ path: String) -> Bool {
        let inside = resolvedPath(of: path, role: .contentScript(entry: 0))
        if sources[inside] != nil { return true }
        guard let contents = fileInside(inside)?.contents else { return false }
        sources[inside] = String(decoding: contents, as: UTF8.self)
        return true
    }

    /// The text of the style sheet at `path` (a path inside the extension), read once and kept
    /// (Chromium reads a content script's files as the extension loads); nil when there is none.
    func styleSheetText(of path: String) -> String? {
        let inside = path.hasPrefix("/") ? String(path.dropFirst()) : path
        if let text = styleSheets[inside] { return text }
        guard let contents = fileInside(inside)?.contents else { return nil }
        let text = String(decoding: contents, as: UTF8.self)
        styleSheets[inside] = text
        return text
    }

    /// The key `removeCSS` names the sheet of the file at `path` by (``AddedStyleSheet/key``).
    func styleSheetKey(ofFile path: String) -> String {
        url(of: path.hasPrefix("/") ? String(path.dropFirst()) : path)
    }

    /// The key `removeCSS` names the sheet of the CSS text `code` by: Chromium's is the
    /// extension's own, Firefox's any extension's (a `data:` URL of the text).
    func styleSheetKey(ofCode code: String) -> String {
        manifest.flavor == .chrome ? id.runtimeID + " " + code : "data:" + code
    }

    /// The source of a script read at load, by the path inside the extension it resolves to.
    func source(of path: String) -> String {
        sources[path] ?? ""
    }

    /// The script at `path` (a path inside the extension) ready to run, made once however many
    /// frames run it.
    func classicScript(of path: String, realm: HostRealm) -> ClassicScript {
        classicScript(path: path, text: source(of: path), realm: realm)
    }

    /// The classic script `text` of the file at `path` (made once: later calls give the first).
    func classicScript(path: String, text: @autoclosure () -> String, realm: HostRealm) -> ClassicScript {
        if let made = classicScripts[path] { return made }
        let made = ClassicScript(text: text(), url: url(of: path), index: classicScripts.count, realm: realm)
        classicScripts[path] = made
        return made
    }
    private var classicScripts: [String: ClassicScript] = [:]
    /// Chromium: whether the extension's service worker was installed (its `install` event's
    /// promises all settled): a worker started again is the activated one.
    var serviceWorkerInstalled = false
    /// The module scripts read so far, by path inside the extension (``moduleScript(atPath:realm:)``).
    var moduleScripts: [String: ModuleScript] = [:]
    /// The content security policies of the extension's own contexts (false) and of its content
    /// scripts (true), once read (`ExtensionContext+ContentSecurity.swift`).
    var madePolicies: [Bool: [ContentSecurityPolicy]] = [:]
    /// The manifest's web-accessible resources, read on first use (`ExtensionContext+Fetch.swift`).
    private(set) lazy var webAccessibleResources: WebAccessibleResources = manifest.webAccessibleResources

    /// The file at `path` inside the extension as a script ready to run (read now, made once), for
    /// a script a running one loads (`importScripts`); empty when it cannot be read.
    func classicScript(ofFile path: String, realm: HostRealm) -> ClassicScript {
        classicScript(path: path, text: fileInside(path).map { String(decoding: $0.contents, as: UTF8.self) } ?? "", realm: realm)
    }

    /// Whether `url` is of the extension's own origin.
    func isOwn(_ url: WebURL) -> Bool {
        url.origin == WebURL(string: id.baseURL)?.origin
    }

    /// The path inside the extension that `url`, of the extension's own origin, names (`war/a.json`);
    /// nil for another origin, or a segment that would leave the extension's directory (`..`, NUL).
    func path(of url: WebURL) -> String? {
        guard isOwn(url) else { return nil }
        let segments = url.decodedPathSegments
        guard !segments.contains(where: { $0 == ".." || $0.contains("\0") }) else { return nil }
        return segments.joined(separator: "/")
    }

    /// The extension URL of a file in the extension (`chrome-extension://ID/path`).
    public func url(of path: String) -> String {
        id.baseURL + (path.hasPrefix("/") ? String(path.dropFirst()) : path)
    }

    /// A background's page URL and the scripts it runs, in order (each its URL, its path, its text
    /// when it could be read, and whether it is a module).
    typealias BackgroundScripts = (pageURL: String, scripts: [(url: String, path: String, source: String?, isModule: Bool)])

    /// What the background runs: its page (or worker) URL and its scripts in order, each with its
    /// path inside the extension and its source, or nil for a script the browser cannot read
    /// (Firefox loads the extension and skips it).
    func backgroundScripts() -> BackgroundScripts? {
        let pageURL: String
        let paths: [String]
        var modules: Set<String> = []
        switch manifest.background {
        case nil: return nil
        case .serviceWorker(let path, let module)?:
            let resolved = resolvedPath(of: path, role: .serviceWorker)
            pageURL = url(of: resolved)
            paths = [resolved]
            if module { modules = [resolved] }
        case .page(let path)?:
            pageURL = url(of: resolvedPath(of: path, role: .backgroundPage))
            paths = backgroundPageScripts
            modules = backgroundPageModuleScripts
        case .scripts(let scripts, let module)?:
            pageURL = url(of: "_generated_background_page.html")
            paths = scripts.map { resolvedPath(of: $0, role: .backgroundScript) }
            if module { modules = Set(paths) }
        }
        return (pageURL, paths.map { (url(of: $0), $0, sources[$0], modules.contains($0)) })
    }

    /// A script `src` of the background page, as a path inside the extension.
    private static func resolve(_ src: String, against pagePath: String) -> String {
        let base = WebURL(string: "chrome-extension://base/" + pagePath)
        guard let resolved = WebURL(string: src, relativeTo: base), resolved.host == "base" else { return src }
        return String(resolved.path.dropFirst())
    }
}

// MARK: - Permissions

extension ExtensionInstance {
    /// Whether the extension may see a tab's `url`, `title` and `favIconUrl`: with the `tabs`
    /// permission, host permission for the page, or `activeTab` granted for it.
    func canSeeDetails(of tab: Tab) -> Bool {
        if hasAPIPermission("tabs") || activeTabs.contains(tab.id) { return true }
        return hostPatterns.contains { $0.matches(tab.matchableURL) }
    }

    /// Grants `activeTab` for a tab's current page (after a click on the extension's button).
    func grantActiveTab(_ tabID: Int) {
        guard manifest.permissions.contains("activeTab") else { return }
        activeTabs.insert(tabID)
    }

    /// What the tab's page kept for the extension goes as the tab's top frame leaves it: `activeTab`
    /// and the toolbar button's values for the tab.
    func pageLeft(tab tabID: Int) {
        activeTabs.remove(tabID)
        actionButton.forget(tab: tabID)
    }

    /// The page the toolbar button's popup shows on `tabID` (none: nil), as its path in the extension.
    func popupPath(on tabID: Int?, window windowID: Int? = nil) -> String? {
        guard case .string(let href) = actionButton.value(of: .popup, tab: tabID, window: windowID), !href.isEmpty,
              let url = WebURL(string: href) else { return nil }
        return path(of: url)
    }
}

/// A tab's `Tab` object as JSON text, and what it was made from: the tab, its index, whether the
/// extension could see its details, and the browser's ``Browser/tabsRevision`` when it was last
/// found to hold (a class: checking it updates that revision in place).
final class TabObjectText {
    let tab: Tab
    let index: Int
    let detailed: Bool
    let text: String
    var revision: Int

    init(tab: Tab, index: Int, detailed: Bool, text: String, revision: Int) {
        self.tab = tab
        self.index = index
        self.detailed = detailed
        self.text = text
        self.revision = revision
    }
}
