import BrowserModel
import Foundation
import JSEngine

/// A headless browser that runs extensions: the browser model, the extensions' script contexts,
/// the event loop, and the API surface between them.
///
/// ```swift
/// let host = ExtensionHost(options: HostOptions(flavor: .chrome)) { message in print(message.text) }
/// try host.loadExtension(at: URL(fileURLWithPath: "fixtures/mdn-tabs-connect"))
/// host.open("http://127.0.0.1:8000/index.html")
/// host.run()
/// ```
///
/// A host and everything in it is used from one thread.
public final class ExtensionHost {
    /// How the host behaves.
    public let options: HostOptions
    /// The event loop every script runs on.
    public let loop: EventLoop
    /// The state of the browser: windows, tabs, frames.
    public internal(set) var browser: Browser
    /// The extensions loaded, in load order.
    public internal(set) var extensions: [ExtensionInstance] = []
    /// The extensions installed but disabled (``disableExtension(_:)``), not running.
    var disabledExtensions: [ExtensionInstance] = []
    /// The last ``ExtensionInstance/installNumber`` given.
    var nextInstallNumber = 0
    /// The ids of Chromium's orphaned content scripts still open (``orphan(_:)``), closed with their pages.
    var orphanedContextIDs: [Int] = []
    /// How many uncaught errors and unhandled rejections the extensions' scripts have had (a web
    /// page's own are not counted).
    public private(set) var uncaughtErrorCount = 0
    /// How many times a script task was stopped (``ScriptLimits``).
    public internal(set) var scriptStopCount = 0

    let machine: VirtualMachine
    /// The realm of the host's own JavaScript that every context shares, made when a context first needs it.
    /// (Its natives hold the loop weakly: the engine frees them only when it collects them.)
    lazy var realm = HostRealm(
        machine: machine, flavor: options.flavor, harness: { [weak self] in self?.harness ?? .chrome },
        documentSource: { [weak self] id in self?.documentSources[id] },
        worldsOfDocument: { [weak self] id in self?.worldRecords(ofDocument: id) ?? [] },
        addedStyleSheets: { [weak self] id in self?.addedStyleSheetsJSON(ofDocument: id) ?? "[]" },
        frames: DocumentFrameCalls(
            childFrames: { [weak self] id in self?.childFrameIDs(ofDocument: id) ?? [] },
            insert: { [weak self] id, src, srcdoc, name, elementID, sandbox in
                self?.insertFrame(inDocument: id, src: src, srcdoc: srcdoc, name: name, elementID: elementID, sandbox: sandbox)
            },
            remove: { [weak self] id, frameID in self?.removeFrame(frameID, fromDocument: id) },
            rename: { [weak self] id, frameID, name in self?.renameFrame(frameID, inDocument: id, to: name) },
            retitle: { [weak self] id, title in self?.documentRetitled(id, title: title) })
    ) { [weak loop] in loop?.now ?? 0 }
    /// The source of each document the host keeps, by document id (ExtensionHost+Documents.swift).
    var documentSources: [String: DocumentSource] = [:]
    /// When (milliseconds of the loop's clock) each document's first world was made: the time
    /// origin of `performance.now()` and of events' `timeStamp` in its worlds.
    var documentTimeOrigins: [String: Double] = [:]
    /// The loads of web pages' documents, by document id, from their commit until they go
    /// (ExtensionHost+WebPages.swift).
    var webDocumentLoads: [String: DocumentLoad] = [:]
    /// Web pages' module scripts read so far, by URL (``webModuleScript(at:for:)``).
    var webModuleScripts: [String: ModuleScript] = [:]
    /// The texts of web pages' inline module scripts, by the URL each runs as, with the line of
    /// its document it starts at.
    var inlineModuleTexts: [String: (text: String, line: Int)] = [:]
    /// How many inline module scripts scripts have inserted (each runs as a URL of its own).
    var insertedModuleCount = 0
    /// The test harness the contexts' `test` namespace follows: ``HostOptions/testHarness``, else
    /// the one the first extension's scripts are written for (``TestHarness/detect(inExtensionAt:)``),
    /// else the flavor's. A host a driver script drives, whose extensions come and go, has the
    /// flavor's unless the options name one. Decided on first use, which is the first touch of `chrome.test` or
    /// `browser.test` (so a run that never touches them reads no script to find out), and fixed then.
    public var harness: TestHarness {
        if let chosenHarness { return chosenHarness }
        let harness = options.testHarness
            ?? (driver == nil ? extensions.first.flatMap { TestHarness.detect(inExtensionAt: $0.directory) } : nil)
            ?? (options.flavor == .firefox ? .firefox : .chrome)
        if options.testHarness != nil || !extensions.isEmpty || driver != nil { chosenHarness = harness }
        return harness
    }
    private var chosenHarness: TestHarness?
    /// Called with each ``TestEvent`` the extensions' test harnesses report, in order.
    public var testEventHandler: ((TestEvent) -> Void)?
    /// The tally of the test events so far.
    public private(set) var testSummary = TestSummary()
    let api = ExtensionAPI()
    lazy var router = MessageRouter(host: self)
    private let console: (ConsoleMessage) -> Void
    private var nextContextID = 1
    /// How many navigations each frame a script navigated or inserted has had (only its newest loads).
    var frameNavigations: [Int: Int] = [:]
    /// How many listeners scripts have added to event targets, in all contexts (`clock.order()`).
    var nextListenerOrder = 0
    /// Every open context, by id.
    private var openContexts: [Int: ExtensionContext] = [:]
    /// The Web Storage areas of the run, by ``ExtensionContext/webStorageKey(_:)``: a run starts
    /// with none and keeps nothing afterwards.
    var webStorage: [String: WebStorageArea] = [:]
    /// Whether ``open(_:)`` has used the window's first tab yet.
    var initialTabUsedFlag = false
    /// The page load in progress or done in each tab.
    var pageLoads: [Int: PageLoad] = [:]
    /// The tabs a script opened with `window.open` (a script may close them), by tab id.
    var scriptOpenedTabs: [Int: ScriptOpening] = [:]
    /// The id of the empty document Firefox commits in a tab a page opened, by tab id, until the
    /// tab's first page commits (which keeps it when it is of the opener's origin).
    var initialBlankDocuments: [Int: String] = [:]
    /// The renderer process number of each site, once a document of it committed (Chromium's
    /// `processId` in `webNavigation`).
    var rendererProcessIDs: [String: Int] = [:]
    /// The URL filters of event listeners, read from their JSON text (WebNavigationAPI.swift).
    var urlFilterCache: [String: Result<[URLFilter], URLFilter.Problem>] = [:]
    /// The name `window.open` gave each tab it opened with a target name, by tab id: a later
    /// `window.open` (or link) of that name navigates the tab rather than opening another, and
    /// its top frame's `window.name` starts as it.
    var tabNames: [Int: String] = [:]
    /// The name of each frame of a page whose element named it (`<iframe name>`), by frame id.
    var frameNames: [Int: String] = [:]
    /// The sandbox of each sandboxed frame (`<iframe sandbox>`, or inside one), by frame id
    /// (DOM/ExtensionHost+Frames.swift).
    var frameSandboxes: [Int: FrameSandbox] = [:]
    /// The `javascript:` URL each frame's initial `about:blank` document runs as it begins (its
    /// element's `src`), by document id, until it begins.
    var pendingJavaScriptURLs: [String: String] = [:]
    /// Each tab's session history (``SessionHistory``), by tab id.
    var sessionHistories: [Int: SessionHistory] = [:]
    /// The pages tabs left that their session history may show again as they were.
    var backForwardCache = BackForwardCache()
    /// The user activation of the run's windows (ExtensionHost+UserActivation.swift).
    var userActivations = UserActivations()
    /// Where the system focus is (Chromium gives a window the focus with a person's first input to
    /// it; Firefox's headless windows never take it), if anywhere.
    var systemFocus: SystemFocus?
    /// The run's system clipboard.
    public internal(set) var clipboard = Clipboard()
    /// The context menu a person opened on a page, while it is open (DOM/ExtensionHost+ContextMenu.swift).
    var contextMenu: OpenContextMenu?
    /// Firefox's number for the next extension's hidden root menu item (its menu items'
    /// `parentMenuItemId` at the top level): one count for the whole browser, from 0.
    var nextMenuRootID = 0
    /// Firefox's last number for a menu item made without an id: its extension process's one
    /// count, shared by every extension (child/ext-menus.js).
    var nextFirefoxGeneratedMenuItemID = 0
    /// The tabs the browser opened as it last (re)started (`restartBrowser()`).
    public internal(set) var tabsAtBrowserStart: Set<Int> = []
    /// Chromium: the kept pages tabs show again, until the tab has completed (``showRestoredPage(inTab:)``).
    var pendingRestores: [Int: PendingRestore] = [:]
    /// The last browsing instance a navigation started (``cachesPage(inTab:leavingFor:)``).
    var nextBrowsingInstance = 0
    /// The documents a same-document navigation moved to another URL (the host realm keeps their
    /// URLs until they go).
    var movedDocuments: Set<String> = []
    /// What waits for the load in each tab to finish (``whenLoaded(_:_:)``).
    var loadWaiters: [Int: [(Bool) -> Void]] = [:]
    /// Which files and inline pages serve which pages: ``HostOptions/siteMap``, plus the pages a
    /// driver script gives inline.
    public internal(set) var siteMap: SiteMap
    /// Whether the router keeps ``messageRecord`` (a driver script turns it on).
    public var recordsMessages = false
    /// Every message that crossed the router while ``recordsMessages`` was on, in order.
    public internal(set) var messageRecord: [RoutedMessage] = []
    /// The trace of the run (messages, events, API calls, console lines, test results), recorded
    /// while set: set it before the run to have one.
    public var trace: RunTrace?
    /// Whether the router reports what crosses it (for the message record or the trace).
    var observesMessages: Bool { recordsMessages || trace != nil }
    /// The driver script running in this host, if any: it hears the console and the harnesses'
    /// messages. (The driver owns the host.)
    weak var driver: TestDriver?

    /// Creates a host with one window holding one empty tab.
    ///
    /// - Parameter console: receives every console message of every context, in order.
    ///
    /// - Parameters:
    ///   - options: how the host behaves.
    ///   - machine: the engine's machine to make the host's realms in; nil for a new one. Hosts
    ///     that run one after another on one thread may share one (a machine holds no realm's state
    ///     once its host is gone), which spares each the machine's start and the parsing of the
    ///     host's own scripts (`exthost test` does); its limits are the machine's. A machine whose
    ///     host had a script stopped, or ran out of memory, should not be used again.
    ///   - console: called with each console message, in order.
    public init(options: HostOptions = HostOptions(), machine: VirtualMachine? = nil, console: @escaping (ConsoleMessage) -> Void) {
        self.options = options
        self.loop = EventLoop(clockMode: options.clockMode)
        self.machine = machine ?? VirtualMachine(limits: options.limits)
        self.console = console
        self.browser = Browser(flavor: options.flavor)
        self.siteMap = options.siteMap
        loop.interruption = { [machine = self.machine] in machine.isOverMemoryLimit }
        openFirstWindow()
    }

    /// The window a browser starts with: one tab, `about:blank`, loaded (before any extension
    /// runs, so no extension hears of it).
    func openFirstWindow() {
        let window = browser.openWindow()
        if let tab = browser.addTab(windowID: window.id, url: "about:blank", now: wallNow) {
            browser.activate(tab.id, now: wallNow)
            browser.updateTab(tab.id) {
                $0.status = .complete
                $0.title = PageTree.displayTitle(documentTitle: "", url: "about:blank", flavor: options.flavor)
            }
            let frame = Frame(id: 0, parentID: -1, url: "about:blank", documentID: browser.makeDocumentID())
            browser.setFrames([frame], of: tab.id)
            documentSources[frame.documentID] = DocumentSource(url: frame.url, html: "")
        }
    }

    /// How long (milliseconds of the loop's clock) something takes to cross from one process of a
    /// browser to another: an event or a message reaching a context, a page-load step. In a browser
    /// these hops take a while, so a `setTimeout(0)` set before a message leaves fires before the
    /// answer comes back; with either clock the hop costs nothing but keeps that order
    /// (``EventLoop/startHop(after:_:)``: with the real clock nothing sleeps for a hop).
    static let crossProcessDelay: Double = 1

    /// Runs `work` as a task after one cross-process hop; hops run in the order they were made.
    func crossProcess(_ work: @escaping () -> Void) {
        pendingHops += 1
        loop.startHop(after: Self.crossProcessDelay) { [weak self] in
            self?.pendingHops -= 1
            work()
        }
    }

    /// How many cross-process hops are on their way.
    private(set) var pendingHops = 0

    /// The number of the last hold an event put on a background (``BackgroundLifetime/Hold/event(_:)``).
    var nextHoldNumber = 0
    /// How many times the browser restarted (``restartBrowser()``): a driver's `Tab` of an earlier
    /// session names a closed tab, whatever tab has its id now.
    var browserGeneration = 0

    /// The texts of the host's flavor.
    var texts: FlavorTexts { FlavorTexts(flavor: options.flavor) }

    /// The wall-clock time on the loop's clock, in milliseconds since 1970.
    var wallNow: Double { loop.epoch + loop.now }

    // MARK: - Extensions

    /// Loads an unpacked extension and starts its background (as a task: run the loop to see it run).
    ///
    /// - Throws: ``ExtensionLoadError`` when the directory, its manifest or a script it names is missing or invalid.
    @discardableResult
    ///
    /// - Parameter identity: the path the extension's id is made from instead of `directory`
    ///   (Chromium makes an unpacked extension's id from its path): a driver script's inline
    ///   extensions, written to folders of random names, keep the same ids from run to run.
    public func loadExtension(at directory: URL, identity: URL? = nil) throws(ExtensionLoadError) -> ExtensionInstance {
        let instance = try ExtensionInstance(directory: directory, identity: identity, flavor: options.flavor)
        // (A browser holds one extension of an id: a second is refused, as it would replace the first.)
        if let installed = installedExtension(instance.id.runtimeID) {
            throw ExtensionLoadError(file: instance.directory.appendingPathComponent("manifest.json").path,
                                     reason: "an extension of the id \(instance.id.runtimeID) is installed already (\(installed.manifest.name), from \(installed.directory.path)). Load each extension once.")
        }
        instance.profile = options.profile
        instance.managedPolicy = managedPolicy(for: instance)
        instance.lifecycleEvent = lifecycleEvent(of: instance)
        // (Each once a run, however often the extension loads: a driver loads one in every test.)
        for text in instance.manifest.warnings {
            let warning = ManifestWarning(file: instance.manifest.file, extensionName: instance.displayName, text: text)
            if !manifestWarnings.contains(warning) { manifestWarnings.append(warning) }
        }
        nextInstallNumber += 1
        instance.installNumber = nextInstallNumber
        extensions.append(instance)
        restoreAlarms(of: instance)
        restoreMenuItems(of: instance)
        restoreRegisteredContentScripts(of: instance)
        // (Installed already in the profile, with the events that start its background kept: it
        // starts as at a browser start, not necessarily now.)
        var atBrowserStart = false
        if instance.lifecycleEvent?.name == "runtime.onStartup", stopsWhenIdle(instance),
           let kept = options.profile?.wakingEvents(of: instance.id.runtimeID) {
            instance.lifecycleEvent = nil
            instance.wakingEvents = Set(kept)
            instance.primingEvents = Set(kept)
            atBrowserStart = true
        }
        startWhenQueued(instance, atBrowserStart: atBrowserStart)
        announce(.installed, of: instance)
        return instance
    }

    /// Starts `instance`, loaded now, in a task of its own: its background (as at a browser start
    /// with `atBrowserStart`: ``startAtBrowserStart(_:)``), then Firefox's content scripts in the
    /// open pages. Nothing when it was unloaded meanwhile.
    func startWhenQueued(_ instance: ExtensionInstance, atBrowserStart: Bool = false) {
        loop.enqueue { [weak self, weak instance] in
            guard let self, let instance, extensions.contains(where: { $0 === instance }) else { return }
            if atBrowserStart { startAtBrowserStart(instance) } else { startBackground(of: instance) }
            injectIntoOpenTabs(of: instance)
        }
    }

    /// Reads the extension in `directory` as ``loadExtension(at:identity:)`` would, without loading it.
    ///
    /// - Throws: ``ExtensionLoadError`` when it would not load.
    public func checkExtension(at directory: URL) throws(ExtensionLoadError) {
        _ = try ExtensionInstance(directory: directory, flavor: options.flavor)
    }

    /// Firefox runs an extension's content scripts in the open pages they match when it is
    /// installed or updated (MDN, "content_scripts": "injected into matching pages that are
    /// already loaded"; recorded for a reload: runtime-reload), once its background heard of it;
    /// Chromium leaves them to the pages' next load.
    func injectIntoOpenTabs(of instance: ExtensionInstance) {
        guard options.flavor == .firefox else { return }
        crossProcess { [weak self, weak instance] in
            guard let self, let instance, extensions.contains(where: { $0 === instance }) else { return }
            // (Not into a tab that shows an about: page of its own, such as the first tab's
            // about:blank: it has no page's origin to match. Recorded: javascript-urls.)
            for tab in browser.orderedTabs where tab.status == .complete {
                guard let top = tab.frames.first(where: \.isTop), !top.url.hasPrefix("about:") else { continue }
                for runAt in ContentScriptEntry.RunAt.allCases { injectContentScripts(tabID: tab.id, runAt: runAt, of: instance) }
            }
        }
    }

    /// Unloads an extension, as removing it from the browser does: its contexts close (their ports
    /// disconnect, their timers stop) and it gets nothing more.
    public func unloadExtension(_ instance: ExtensionInstance) {
        // (A disabled one is unloaded already: it is only forgotten.)
        if let disabled = disabledExtensions.firstIndex(where: { $0 === instance }) {
            disabledExtensions.remove(at: disabled)
            return
        }
        guard let index = extensions.firstIndex(where: { $0 === instance }) else { return }
        extensions.remove(at: index)
        closeContexts(of: instance)
        stopAlarms(of: instance)
    }

    /// Reloads an extension as `runtime.reload()` does (recorded for Firefox: runtime-reload):
    /// once the calling task is over (Firefox: after the tasks already due, its zero-delay timers
    /// too), it is replaced by its files read again (``replaceExtension(_:with:)``). An extension
    /// whose files no longer load stays unloaded, and the run says why.
    /// (`caller`: the context that asked, where a failure to load again is reported.)
    func reloadExtension(_ instance: ExtensionInstance, caller: ExtensionContext) {
        let reload = { [weak self, weak instance] in
            guard let self, let instance, extensions.contains(where: { $0 === instance }) else { return }
            let reloaded: ExtensionInstance
            do {
                reloaded = try ExtensionInstance(directory: instance.directory, identity: instance.identity, flavor: options.flavor)
            } catch {
                unloadExtension(instance)
                closeTabsOfPages(of: instance)
                emit(.error, "exthost could not reload \(instance.manifest.name): \(error)", from: caller, isUncaught: true)
                extensionReplaced?(instance, nil)
                return
            }
            replaceExtension(instance, with: reloaded)
        }
        if options.flavor == .firefox { crossProcess(reload) } else { loop.enqueue(reload) }
    }

    /// Updates an extension to the files in `directory` (its own folder read again when nil), as a
    /// browser installs a new version: with the same id, replacing it (``replaceExtension(_:with:)``).
    /// Files that do not load leave the extension as it was.
    ///
    /// - Throws: ``ExtensionLoadError`` when the new files do not load.
    public func updateExtension(_ instance: ExtensionInstance, from directory: URL? = nil) throws(ExtensionLoadError) {
        let updated = try ExtensionInstance(directory: directory ?? instance.directory, identity: instance.identity ?? instance.directory,
                                            flavor: options.flavor)
        // (A manifest's `key` or Firefox's `gecko.id` names the extension: a version that names
        // another is another extension, which no browser installs as an update.)
        guard updated.id.runtimeID == instance.id.runtimeID else {
            throw ExtensionLoadError(
                file: updated.directory.appendingPathComponent("manifest.json").path,
                reason: "the new version's id is \(updated.id.runtimeID), not \(instance.id.runtimeID) (its manifest's "
                    + (options.flavor == .chrome ? "key" : "browser_specific_settings.gecko.id") + " names another extension). Keep the id to update it.")
        }
        replaceExtension(instance, with: updated)
    }

    /// Replaces `instance` by `replacement`, the same extension (its id) read from its files again:
    /// its contexts close and the tabs showing its pages with them; the new one keeps its
    /// `storage.local` and `sync` (not `session`), and its background hears
    /// `runtime.onInstalled` with `reason: "update"` and the version it had; Firefox runs its
    /// content scripts again in the open pages they match (Chromium leaves them to the next load).
    /// A driver's handle follows.
    private func replaceExtension(_ instance: ExtensionInstance, with replacement: ExtensionInstance) {
        guard let index = extensions.firstIndex(where: { $0 === instance }) else { return }
        unloadExtension(instance)
        closeTabsOfPages(of: instance)
        replacement.profile = options.profile
        replacement.managedPolicy = managedPolicy(for: replacement)
        replacement.storage = ExtensionStorage(reloading: instance.storage, flavor: options.flavor, policy: replacement.managedPolicy)
        carryMenuItems(from: instance, to: replacement)
        // (Its registered content scripts went with the old version: the browsers clear what they
        // kept of an extension as it installs.)
        options.profile?.storeContentScripts(nil, of: replacement.id.runtimeID)
        options.profile?.recordInstalled(replacement.id.runtimeID, version: replacement.manifest.version)
        // (Its alarms went with the old version: "alarms generally persist until an extension is updated".)
        options.profile?.forgetAlarms(extension: replacement.id.runtimeID)
        var details: [(String, JSONValue)] = [("reason", .string("update")), ("previousVersion", .string(instance.manifest.version))]
        if options.flavor == .firefox { details.append(("temporary", .bool(true))) }
        replacement.lifecycleEvent = ("runtime.onInstalled", [.object(details)])
        replacement.installNumber = instance.installNumber
        extensions.insert(replacement, at: min(index, extensions.count))
        extensionReplaced?(instance, replacement)
        startWhenQueued(replacement)
    }

    /// Closes the tabs whose top frame shows a page of `instance` (it was unloaded).
    func closeTabsOfPages(of instance: ExtensionInstance) {
        let tabs = browser.orderedTabs.filter { tab in
            guard let url = tab.frames.first(where: \.isTop)?.url, let parsed = WebURL(string: url) else { return false }
            return instance.isOwn(parsed)
        }.map(\.id)
        for tabID in tabs where browser.tab(tabID) != nil { removeTab(tabID) }
    }

    /// What the browser warned of the manifests of the extensions the run loaded (it loads them
    /// all the same: Chromium shows these on chrome://extensions, Firefox in its browser console),
    /// in the order loaded, each once.
    public private(set) var manifestWarnings: [ManifestWarning] = []

    /// The namespaces the browser has that exthost does not yet, in the order the run's scripts
    /// first touched them (`exthost run --report-api`).
    public private(set) var missingAPIs: [String] = []

    /// Says once a run, on the touching context's console, that `namespace` is not in exthost yet.
    func noteMissingAPI(_ namespace: String, touchedIn context: ExtensionContext) {
        guard !missingAPIs.contains(namespace) else { return }
        missingAPIs.append(namespace)
        let browser = options.flavor == .chrome ? "Chromium" : "Firefox"
        emit(.warn, "exthost does not have \(namespace) yet: \(browser) gives it to this extension, exthost reads it as undefined "
            + "(once a run; exthost run --report-api FILE lists every such API a run touched).", from: context)
    }

    /// What a driver follows: an extension replaced by its reload (nil: it did not load again).
    var extensionReplaced: ((ExtensionInstance, ExtensionInstance?) -> Void)?

    /// Stops the extension's background and starts it again, as a browser stops an idle service
    /// worker and starts it for the next event: its globals are lost, its ports disconnect, and its
    /// scripts run again from the top (as a task: run the loop to see it run).
    public func restartBackground(of instance: ExtensionInstance) {
        closeBackground(of: instance)
        instance.backgroundIsStopped = false
        instance.backgroundStarted = false
        loop.enqueue { [weak self, weak instance] in
            guard let self, let instance, extensions.contains(where: { $0 === instance }) else { return }
            startBackground(of: instance)
        }
    }

    /// Closes every context of `instance`: its background, then its content scripts, oldest first.
    /// Chromium leaves the content scripts running in their pages, orphaned (``orphan(_:)``).
    func closeContexts(of instance: ExtensionInstance) {
        let contentContexts = instance.contentContexts.values.sorted { $0.id < $1.id }
        // (A frozen one, in the back/forward cache, closes: its page is not shown.)
        let orphans = options.flavor == .chrome ? contentContexts.filter { !$0.isFrozen } : []
        let closingContent = options.flavor == .chrome ? contentContexts.filter(\.isFrozen) : contentContexts
        let contexts = [instance.background].compactMap { $0 } + instance.pageContexts + closingContent
        instance.background = nil
        instance.backgroundLifetime = nil
        instance.backgroundIsStopped = false
        instance.pageContexts.removeAll()
        instance.popup = nil
        instance.contentContexts.removeAll()
        for context in contexts { context.close() }
        for context in orphans { orphan(context) }
        // (The documents of its background page and of a popup go with them; a tab's go with the tab.)
        for context in contexts where context.kind == .background || (context.kind == .page && context.tabID == nil) {
            if let documentID = context.documentID { forgetDocument(documentID) }
        }
    }

    func startBackground(of instance: ExtensionInstance) {
        guard let (context, scripts) = makeBackground(of: instance) else {
            instance.backgroundStarted = true
            return
        }
        runBackgroundScripts(scripts, of: context, in: instance)
    }

    /// Makes the context of `instance`'s background, its scripts not run yet (nil: it has none),
    /// and gives the scripts to run there.
    func makeBackground(of instance: ExtensionInstance) -> (ExtensionContext, ExtensionInstance.BackgroundScripts)? {
        guard let background = instance.backgroundScripts() else { return nil }
        let documentID = browser.makeDocumentID()
        if case .serviceWorker? = instance.manifest.background {} else {
            let html: String
            if case .page(let path)? = instance.manifest.background, let data = instance.fileInside(instance.resolvedPath(of: path, role: .backgroundPage))?.contents {
                html = String(decoding: data, as: UTF8.self)
            } else {
                html = Self.generatedBackgroundPage(scripts: background.scripts.map(\.url))
            }
            keepDocument(documentID, source: DocumentSource(url: background.pageURL, html: html))
        }
        let context = makeContext(kind: .background, owner: instance, url: background.pageURL, documentID: documentID)
        instance.background = context
        beginLifetime(of: context, in: instance)
        return (context, background)
    }

    /// Runs `background`'s scripts in `instance`'s background `context`, both made by ``makeBackground(of:)``.
    func runBackgroundScripts(_ background: ExtensionInstance.BackgroundScripts, of context: ExtensionContext, in instance: ExtensionInstance) {
        defer { instance.backgroundStarted = true }
        for script in background.scripts {
            if script.isModule {
                // (A module script: its file and those it imports are read as it is linked.)
                let succeeded = context.runModuleScript(script.url)
                if !succeeded, context.isServiceWorker, options.flavor == .chrome {
                    failRegistration(of: context, in: instance)
                    return
                }
                continue
            }
            guard let source = script.source else {
                // Firefox: the generated background page's <script> for a file it cannot read fails to load,
                // and the other scripts run (fixtures/manifests/service-worker-missing).
                emit(.warn, "Loading failed for the <script> with source “\(script.url)”.", from: context)
                continue
            }
            let succeeded = context.runScript(instance.classicScript(path: script.path, text: source, realm: realm))
            // Chromium: a service worker whose script throws on its first run is not registered,
            // so it never gets an event.
            if !succeeded, context.isServiceWorker, options.flavor == .chrome {
                failRegistration(of: context, in: instance)
                return
            }
        }
        context.hasFinishedFirstEvaluation = true
        backgroundStarted(instance)
        if context.isServiceWorker, options.flavor == .chrome, !instance.serviceWorkerInstalled {
            // (Installed and activated in a task after the script's first run: its zero-delay timers
            // run first, as in Chromium: fixtures/conformance/worker-lifecycle. A worker started
            // again, after it stopped, is the activated one: it gets neither event again.)
            _ = loop.startTimer(after: 0, owner: context.id) { [weak context] in context?.startWorkerLifecycle() }
        }
        if let event = instance.lifecycleEvent {
            instance.lifecycleEvent = nil
            // (From the browser's process once the background ran its scripts: after their
            // zero-delay timers, and after a service worker's activation. recorded: runtime-lifecycle)
            crossProcess { [weak context] in
                guard let context, !context.isClosed else { return }
                context.dispatchEvent(event.name, event.details)
            }
        }
    }

    /// The run's `storage.managed` policy as `instance` gets it (nil: none), each value as JSON text
    /// with sorted keys, as Chromium keeps it. Chromium gives a policy only to an extension that
    /// declares `storage.managed_schema`.
    private func managedPolicy(for instance: ExtensionInstance) -> [(key: String, text: String)]? {
        guard case .object(let members)? = options.managedStorage else { return nil }
        if options.flavor == .chrome {
            let declared = JSONValue.parse(instance.manifest.rawJSON)?["storage"]?["managed_schema"]?.stringValue
            guard declared != nil else { return nil }
        }
        return members.map { ($0.0, $0.1.jsonText) }
    }

    /// What `instance`'s background hears once it first started in this run, as the profile has
    /// it (and recorded there): a first install, an update from the version the profile had (with
    /// `previousVersion`, its kept alarms forgotten), or a browser start with it installed (`runtime.onStartup`). Firefox's
    /// details say the extension was loaded as a temporary add-on, which an unpacked one is.
    private func lifecycleEvent(of instance: ExtensionInstance) -> (name: String, details: [JSONValue]) {
        let flavor = options.flavor
        let version = instance.manifest.version
        let previous = options.profile?.installedVersion(of: instance.id.runtimeID)
        options.profile?.recordInstalled(instance.id.runtimeID, version: version)
        if let previous, previous == version { return ("runtime.onStartup", []) }
        // (An update since the last run: the alarms kept went with the old version.)
        if previous != nil { options.profile?.forgetAlarms(extension: instance.id.runtimeID) }
        var details: [(String, JSONValue)] = [("reason", .string(previous == nil ? "install" : "update"))]
        if let previous { details.append(("previousVersion", .string(previous))) }
        if flavor == .firefox { details.append(("temporary", .bool(true))) }
        return ("runtime.onInstalled", [.object(details)])
    }

    /// Chromium: a service worker whose `install` event waited for a promise that was rejected is
    /// not registered: it stops at once and never gets an event (fixtures/conformance/worker-install-fails).
    func failWorkerInstall(of context: ExtensionContext) {
        guard let instance = context.owner, instance.background === context else { return }
        instance.serviceWorkerInstalled = false
        instance.background = nil
        _ = loop.startTimer(after: 0, owner: context.id) { context.close() }
    }

    /// Chromium: a service worker whose script throws on its first run (or whose module graph
    /// fails) is not registered, so it never gets an event; the worker stops once that is known,
    /// after the tasks already due (its zero-delay timers run: fixtures/conformance/module-runtime-error).
    /// A worker started again after it stopped when idle (registered, installed) fails only that
    /// start: the event that woke it is lost, and the next one starts it again.
    private func failRegistration(of context: ExtensionContext, in instance: ExtensionInstance) {
        instance.background = nil
        instance.backgroundLifetime = nil
        if instance.serviceWorkerInstalled { instance.backgroundIsStopped = true }
        _ = loop.startTimer(after: 0, owner: context.id) { context.close() }
    }

    /// The HTTP client of `--network` (nil without it): the process's one.
    var networkSession: NetworkSession? { options.network ? NetworkSession.shared : nil }

    /// The origin Chromium adds to its content scripts' content security policy: a new
    /// `chrome-extension://UUID/` each run.
    let isolatedWorldOrigin = "chrome-extension://\(UUID().uuidString.lowercased())/"

    func makeContext(kind: ContextKind, owner: ExtensionInstance?, url: String, tabID: Int? = nil, frameID: Int? = nil, documentID: String? = nil, extraInfo: [(String, JSONValue)] = []) -> ExtensionContext {
        let id = nextContextID
        nextContextID += 1
        // (The worlds of one document share its time origin, that of the first made for it; a
        // worker's is when it started.)
        let timeOrigin = documentID.map { documentID in
            if let origin = documentTimeOrigins[documentID] { return origin }
            documentTimeOrigins[documentID] = loop.now
            return loop.now
        } ?? loop.now
        let context = ExtensionContext(id: id, kind: kind, owner: owner, host: self, url: url, tabID: tabID, frameID: frameID, documentID: documentID,
                                       timeOrigin: timeOrigin, extraInfo: extraInfo)
        openContexts[id] = context
        if let documentID { contextIDsByDocument[documentID, default: []].append(id) }
        return context
    }

    /// The open contexts of each document (its worlds), oldest first, by document id: what every
    /// dispatch at the DOM asks for, kept rather than found among all contexts each time.
    private var contextIDsByDocument: [String: [Int]] = [:]

    /// The open contexts of the document `documentID`, oldest first.
    func contexts(ofDocument documentID: String) -> [ExtensionContext] {
        (contextIDsByDocument[documentID] ?? []).compactMap { openContexts[$0] }
    }

    /// The open contexts, in the order they were made.
    var contextsInOrder: [ExtensionContext] {
        openContexts.keys.sorted().compactMap { openContexts[$0] }
    }

    /// The open context with id `id`; `nil` once it has closed. The router and everything else that
    /// keeps a context for later names it by id and finds it here.
    func context(_ id: Int) -> ExtensionContext? {
        openContexts[id]
    }

    /// A context has closed: the host lets go of it.
    func contextDidClose(_ context: ExtensionContext) {
        openContexts[context.id] = nil
        // (Firefox's `contentScripts.register` scripts end with the page that registered them.)
        if let owner = context.owner, owner.registeredContentScripts.contains(where: { $0.registrant == context.id }) {
            owner.registeredContentScripts.removeAll { $0.registrant == context.id }
        }
        if let documentID = context.documentID {
            contextIDsByDocument[documentID]?.removeAll { $0 == context.id }
            if contextIDsByDocument[documentID]?.isEmpty == true { contextIDsByDocument[documentID] = nil }
        }
    }

    /// Closes every context (the host is going away): timers stop, ports close, and the contexts'
    /// references to their extensions end with them.
    func closeAllContexts() {
        for instance in extensions { closeContexts(of: instance) }
        for context in openContexts.values.sorted(by: { $0.id < $1.id }) { context.close() }
    }

    deinit {
        closeAllContexts()
    }

    /// Every context of every extension that is still open: backgrounds first, then content scripts.
    public var contexts: [ExtensionContext] {
        extensions.compactMap(\.background) + extensions.flatMap { $0.contentContexts.values.sorted { $0.id < $1.id } }
    }

    /// Dispatches an event to the background of every extension (as a task each); `arguments`
    /// returns `nil` for an extension that does not get the event.
    func dispatchToBackgrounds(_ name: String, _ arguments: (ExtensionInstance) -> [JSONValue]?) {
        for instance in extensions {
            guard let values = arguments(instance), let background = wakeBackground(of: instance, for: name) else { continue }
            background.dispatchEvent(name, values)
        }
    }

    // MARK: - Running

    /// Runs every task and timer until nothing is left, or until `maxTime` seconds of the loop's
    /// clock have passed, or the process goes over its memory limit (``RunOutcome/interrupted``).
    @discardableResult
    public func run(maxTime: Double? = nil) -> RunOutcome {
        loop.run(maxTime: maxTime.map { $0 * 1000 })
    }

    /// Runs until every extension's background has started and the host has nothing in flight
    /// (no task queued, no event or message on its way), or until nothing is left or `maxTime`
    /// seconds have passed. Timers of the extensions' own scripts may still be pending: a
    /// background that keeps itself busy with `setInterval` does not keep pages from opening.
    @discardableResult
    public func runUntilStarted(maxTime: Double? = nil) -> RunOutcome {
        loop.run(maxTime: maxTime.map { $0 * 1000 }) {
            pendingHops == 0 && extensions.allSatisfy(\.backgroundStarted)
        }
    }

    /// The engine's statistics of the heap the host's contexts share, as JSON, after a full
    /// collection (``ScriptContext/heapStatisticsJSON()``): what `exthost bench-run --heap` prints.
    public func heapStatisticsJSON() -> String? { realm.script.heapStatisticsJSON() }

    /// Runs until the page in `tabID` has loaded and no task is queued (timers may still be
    /// pending), or until nothing is left or `maxTime` seconds have passed.
    @discardableResult
    public func runUntilLoaded(tabID: Int, maxTime: Double? = nil) -> RunOutcome {
        loop.run(maxTime: maxTime.map { $0 * 1000 }) {
            pageLoads[tabID]?.finished ?? true
        }
    }

    // MARK: - Console

    /// A location in one of the extension's files (`chrome-extension://id/bg.js:3:5`) as its path
    /// on disk (`/path/to/ext/bg.js:3:5`); `nil` for a location elsewhere.
    func diskPath(of location: String, in context: ExtensionContext) -> String? {
        if context.kind == .driver, location.hasPrefix("file://") { return String(location.dropFirst("file://".count)).removingPercentEncoding }
        guard let owner = context.owner else { return nil }
        let base = owner.id.baseURL
        guard location.hasPrefix(base) else { return nil }
        return owner.directory.appendingPathComponent(String(location.dropFirst(base.count))).path
    }

    /// Records a test event of `context`'s harness and hands it to ``testEventHandler``.
    func report(_ event: TestEvent, from context: ExtensionContext) {
        var event = event
        event.contextId = context.id
        event.tabId = context.tabID
        event.frameId = context.frameID
        if let location = event.location, !location.isEmpty {
            event.sourceLocation = diskPath(of: location, in: context)
        } else {
            event.location = nil
        }
        testSummary.count(event)
        testEventHandler?(event)
        trace?.add(.test, at: loop.now, from: context, to: [], title: event.kind.rawValue,
                   detail: [event.name, event.directive?.rawValue ?? event.passed.map { $0 ? "passed" : "failed" }, event.message].compactMap { $0 }.joined(separator: ": "),
                   error: event.isFailure ? event.message ?? "failed" : nil)
        if event.kind == .message, context.kind != .driver { driver?.received(event, from: context) }
        if event.isFailure, context.kind != .driver { driver?.sawFailure(event) }
    }

    func emit(_ level: ConsoleLevel, _ text: String, from context: ExtensionContext, location: String? = nil, isUncaught: Bool = false) {
        // (What a web page's own scripts throw is the site's, not the extension's: shown, not counted.)
        if isUncaught, context.kind != .webPage { uncaughtErrorCount += 1 }
        // (An error the host's own JavaScript made, such as an API's rejection, was made in its
        // code: that is no place in the extension, and the browser shows none.)
        let location = location.flatMap { $0.hasPrefix(HostModule.urlScheme) ? nil : context.reportedLocation($0) }
        let sourceLocation = location.flatMap { diskPath(of: $0, in: context) }
        var message = ConsoleMessage(
            context: context.kind, tabId: context.tabID, frameId: context.frameID, url: context.url,
            level: level, text: text, location: location, sourceLocation: sourceLocation, isUncaught: isUncaught)
        message.contextId = context.id
        message.extensionName = context.owner?.displayName
        console(message)
        if isUncaught { driver?.sawUncaught(message) }
        trace?.add(.console, at: loop.now, from: context, to: [], title: level.rawValue, detail: text)
        if context.kind != .driver { driver?.printed(message) }
    }
}

/// A warning the browser gives about an extension's manifest as it loads it anyway (an unknown
/// permission, a key of the other manifest version, Firefox's "Reading manifest: Warning
/// processing ..."), in the browser's words.
public struct ManifestWarning: Codable, Sendable, Equatable {
    /// The manifest's path.
    public let file: String
    /// The extension's name.
    public let extensionName: String
    /// The browser's words.
    public let text: String
}
