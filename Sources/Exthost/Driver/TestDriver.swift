import BrowserModel
import Foundation
import JSEngine

/// A driver script (`*.test.js`, `exthost run --driver FILE`) and the browser it drives.
///
/// The script runs in a context of its own (``ContextKind/driver``), which no extension owns and
/// no extension can reach: it has the globals of js/70_driver.js (`exthost`, the test declarations,
/// `assert`) and no extension API. Through `exthost` it loads extensions (from folders, or written
/// inline into a temporary folder this driver deletes), opens and closes tabs, clicks the action,
/// exchanges messages with the extensions' test harnesses (`test.sendMessage` and `test.onMessage`),
/// waits for console lines, restarts backgrounds and reads the message record. After the script
/// has declared its tests, they run one after another; what a test (or a suite's `before` hook)
/// loaded and opened is unloaded and closed when it ends, so each test starts from the browser the
/// script started with.
///
/// ```swift
/// let host = ExtensionHost(options: HostOptions(flavor: .chrome)) { print($0.text) }
/// let driver = try TestDriver(script: URL(fileURLWithPath: "popup.test.js"), host: host)
/// driver.run(maxTime: 60)
/// ```
///
/// The driver owns its host (the host knows it weakly); both are used from one thread.
public final class TestDriver {
    /// The host the script drives.
    public private(set) var host: ExtensionHost?
    /// The script's file.
    public let script: URL
    /// The script's URL, as its stack traces name it.
    let scriptURL: String
    /// The script's source.
    private let source: String
    /// The record its context belongs to (not an extension of the browser).
    private let owner: ExtensionInstance
    /// The script's context, once running.
    private(set) var context: ExtensionContext?
    /// The host's number of the script's context, once running.
    public var contextID: Int? { context?.id }
    /// Whether the script's tests have all run.
    public internal(set) var isFinished = false

    /// The extensions the script loaded, by the handle its `Extension` objects hold.
    private var extensions: [Int: ExtensionInstance] = [:]
    private var nextHandle = 1
    // What follows belongs to the scope (a test, a suite) innermost when it came, and goes when
    // that scope ends: a message one test did not take, or a wait it left, never reaches the next.
    /// What the extensions' harnesses sent (`test.sendMessage`) that no `awaitMessage` has taken yet:
    /// the message's name and its values after the name, as JSON text of an array.
    private var messageQueues: [Int: [(name: String, values: String, scope: Int)]] = [:]
    /// The answers the script gave in advance (`replyTo`) to Chromium's `test.sendMessage`, per
    /// extension, in order.
    private var replies: [Int: [(name: String, text: String, scope: Int)]] = [:]
    /// The `awaitMessage` calls waiting, per extension, in order.
    private var messageWaiters: [Int: [(name: String, settle: ScriptValue, scope: Int)]] = [:]
    /// The console lines of the extensions' contexts, in order.
    public private(set) var consoleLines: [ConsoleMessage] = []
    /// The `nextConsoleLine` calls waiting: the first line index each takes, what it waits for.
    private var consoleWaiters: [(from: Int, description: String, settle: ScriptValue, scope: Int)] = []
    /// The running test's time limit (`setDeadline`): its number, length and the loop timer that
    /// fails the test when it is up (a timer that keeps no loop running).
    private var deadline: (token: Int, milliseconds: Double, timer: TimerID)?
    private var nextDeadline = 1
    /// The `advanceClock` waits under way: how long each is, and its scope.
    private var sleeps: [Int: (milliseconds: Double, scope: Int)] = [:]
    private var nextSleep = 1
    /// When the running test began, on the loop's clock, and whether one began since the loop last
    /// looked (`run(maxTime:)` counts its time limit from each test's start).
    private var testStart: Double = 0
    private var testBegan = false
    /// The first uncaught error any context printed while the running test ran.
    private var uncaughtInTest: ConsoleMessage?
    /// The first failure an extension's test harness reported while the running test ran.
    private var harnessFailureInTest: TestEvent?
    /// The scope innermost now (0: none).
    private var currentScope: Int { scopes.last?.id ?? 0 }
    /// How many inline extensions the script has written (their ids follow from the script and this).
    private var inlineCount = 0
    /// The open scopes (a test, a suite), innermost last: what was loaded and opened in each.
    /// The open scopes (a test, a suite's hooks): what each loaded and opened, and the tabs open as it began.
    private var scopes: [(id: Int, extensions: [Int], tabs: [Int], openBefore: Set<Int>, generation: Int)] = []
    private var nextScope = 1
    /// The folders of inline extensions, deleted with the driver.
    private var temporaryFolders: [URL] = []

    /// Prepares `script` to drive `host` (which must not have run yet).
    ///
    /// - Throws: ``DriverError`` when the script cannot be read.
    public init(script: URL, host: ExtensionHost) throws(DriverError) {
        let script = script.standardizedFileURL
        guard let data = FileContents.read(atPath: script.path) else {
            throw DriverError("\(script.path): no such driver script (give a JavaScript file, such as popup.test.js).")
        }
        self.script = script
        self.source = String(decoding: data, as: UTF8.self)
        self.scriptURL = script.absoluteString
        self.host = host
        owner = ExtensionInstance(driverScript: script, flavor: host.options.flavor)
        host.driver = self
        // (A handle follows its extension through a reload; it names none once the files did not load.)
        host.extensionReplaced = { [weak self] old, new in
            guard let self else { return }
            for (handle, instance) in extensions where instance === old { extensions[handle] = new }
        }
        host.recordsMessages = true
    }

    deinit {
        for folder in temporaryFolders { try? FileManager.default.removeItem(at: folder) }
    }

    /// Runs the script, then its tests, until they have all run, the loop has nothing left to do
    /// (a test waits for something that will never come), or `maxTime` seconds of the loop's clock
    /// have passed.
    @discardableResult
    public func run(maxTime: Double) -> RunOutcome {
        guard let host else { return .idle }
        let context = host.makeContext(kind: .driver, owner: owner, url: scriptURL)
        self.context = context
        host.loop.enqueue { [weak self] in
            guard let self, !context.isClosed else { return }
            guard context.runScript(ScriptSource(source, url: scriptURL)) else {
                // A script that throws while it declares its tests runs none of them.
                isFinished = true
                return
            }
            guard let runTests = context.hostFunction("runDriverTests", in: "driver") else {
                isFinished = true
                return
            }
            context.callAsTask(runTests)
        }
        // (`maxTime` is for each test, with its hooks: a script of many tests is not cut short.)
        while true {
            testBegan = false
            let outcome = host.loop.run(maxTime: testStart + maxTime * 1000) { isFinished || testBegan }
            if isFinished { return outcome }
            switch outcome {
            case .conditionMet:
                continue
            case .idle:
                // Nothing left to do while a test waits: it waits for what will never come. It
                // fails, and the next test runs.
                if abandonWaitingTest(because: nil) { continue }
                return outcome
            default:
                return outcome
            }
        }
    }

    /// Fails the test (or hook) that waits while the browser has nothing left to do (`timeUp` nil)
    /// or whose time is up, saying what it waited for; its waits are dropped. Returns false when no
    /// test was waiting.
    private func abandonWaitingTest(because timeUp: String?) -> Bool {
        guard let context, !context.isClosed, let abandon = context.hostFunction("abandonDriverTest", in: "driver") else { return false }
        // (Only the waits of the test, or hook, that waits: a suite's own go on.)
        let scope = currentScope
        var waits = messageWaiters.values.flatMap { $0.filter { $0.scope >= scope }.map { "awaitMessage(\(JSONValue.string($0.name).jsonText))" } }
        waits += consoleWaiters.filter { $0.scope >= scope }.map(\.description)
        waits += sleeps.keys.sorted().compactMap { key in
            sleeps[key].flatMap { $0.scope >= scope ? "advanceClock(\(String(format: "%g", $0.milliseconds)))" : nil }
        }
        for handle in messageWaiters.keys { messageWaiters[handle]?.removeAll { $0.scope >= scope } }
        consoleWaiters.removeAll { $0.scope >= scope }
        let waited = waits.isEmpty ? "a promise that never settled" : waits.joined(separator: " and ") + ", which never came"
        let reason = timeUp.map { $0 + "; it waited for " + waited }
            ?? "the test waited for " + waited + ", and the browser had nothing left to do"
        return context.callAsTask(abandon, [context.script.string(reason)])?.booleanValue ?? false
    }

    // MARK: - Answering the script

    /// Calls `settle(error, resultJSON)` of the script as a task of its own, after a hop (the
    /// driver is another process of the browser, as a test harness is).
    func settle(_ settle: ScriptValue, error: String? = nil, result: String? = nil) {
        host?.crossProcess { [weak self] in
            guard let context = self?.context, !context.isClosed else { return }
            let script = context.script
            context.callAsTask(settle, [error.map(script.string) ?? script.null, result.map(script.string) ?? script.undefined])
        }
    }

    /// Reports a result of the script's tests as the host's test event. A test during which a
    /// context printed an uncaught error fails with it.
    func report(_ event: TestEvent) {
        guard let host, let context else { return }
        var event = event
        switch event.kind {
        case .testStarted:
            // (What went wrong in a hook since the last test counts for this one.)
            testStart = host.loop.now
            testBegan = true
        case .testFinished:
            if event.passed == true, event.directive == nil, let uncaught = uncaughtInTest {
                let first = uncaught.text.split(separator: "\n").first.map(String.init) ?? uncaught.text
                event.passed = false
                event.message = "uncaught: \(first) (in the \(uncaught.context.rawValue) while the test ran)"
                event.detail = uncaught.text
            } else if event.passed == true, event.directive == nil, let failure = harnessFailureInTest {
                let first = (failure.message ?? "").split(separator: "\n").first.map(String.init) ?? ""
                event.passed = false
                event.message = "a check of the \(failure.context.rawValue)'s test harness failed while the test ran: \(first)"
                event.detail = failure.message
            }
            uncaughtInTest = nil
            harnessFailureInTest = nil
        default:
            break
        }
        host.report(event, from: context)
    }

    /// A context (an extension's, or the driver's own) printed an uncaught error.
    func sawUncaught(_ message: ConsoleMessage) {
        if uncaughtInTest == nil { uncaughtInTest = message }
    }

    /// An extension's test harness reported a failure (a check, a test, notifyFail).
    func sawFailure(_ event: TestEvent) {
        if harnessFailureInTest == nil { harnessFailureInTest = event }
    }

    /// The running test (or hook) may take `milliseconds` of the loop's clock from now: then it
    /// fails, and the next test runs. Returns the limit's number, for ``clearDeadline(_:)``.
    func setDeadline(_ milliseconds: Double) -> Int {
        guard let host, let context else { return 0 }
        if let deadline { host.loop.cancelTimer(deadline.timer) }
        let token = nextDeadline
        nextDeadline += 1
        let timer = host.loop.startTimer(after: milliseconds, owner: context.id, keepsLoopAlive: false) { [weak self] in
            guard let self, self.deadline?.token == token else { return }
            self.deadline = nil
            _ = abandonWaitingTest(because: "the test did not end within \(String(format: "%g", milliseconds)) ms of the browser's clock (test(name, {timeout}) sets it)")
        }
        deadline = (token, milliseconds, timer)
        return token
    }

    /// Ends the time limit `token`, unless another has replaced it.
    func clearDeadline(_ token: Int) {
        guard let deadline, deadline.token == token else { return }
        host?.loop.cancelTimer(deadline.timer)
        self.deadline = nil
    }

    // MARK: - Extensions

    /// The extension folder `path` names, relative to the script's folder.
    private func folder(_ path: String) -> URL {
        URL(fileURLWithPath: path, relativeTo: script.deletingLastPathComponent()).standardizedFileURL
    }

    func loadExtension(path: String, settle callback: ScriptValue) {
        load(at: folder(path), identity: nil, settle: callback)
    }

    /// Writes an inline extension's files into a new temporary folder and loads it from there.
    func loadInlineExtension(files: [(String, String)], settle callback: ScriptValue) {
        let root: URL
        switch writeInline(files, member: "exthost.loadExtension") {
        case .success(let written): root = written
        case .failure(let error): return settle(callback, error: error.message)
        }
        // (Its id follows from the script and the count, not the random folder: runs are alike.)
        inlineCount += 1
        load(at: root, identity: script.appendingPathComponent("inline-\(inlineCount)"), settle: callback)
    }

    /// Writes an inline extension's files into a new temporary folder (removed when the driver ends).
    private func writeInline(_ files: [(String, String)], member: String) -> Result<URL, APIError> {
        let template = FileManager.default.temporaryDirectory.appendingPathComponent("exthost-extension-XXXXXX").path
        var buffer = Array(template.utf8CString)
        guard let made = mkdtemp(&buffer) else {
            return .failure(APIError(message: "exthost could not make a temporary folder for the extension: \(String(cString: strerror(errno)))."))
        }
        let root = URL(fileURLWithPath: String(cString: made), isDirectory: true)
        temporaryFolders.append(root)
        for (path, text) in files {
            let parts = path.split(separator: "/", omittingEmptySubsequences: true)
            guard !parts.isEmpty, !path.hasPrefix("/"), !parts.contains(where: { $0 == ".." || $0 == "." }) else {
                return .failure(APIError(message: "\(member): the file name \(JSONValue.string(path).jsonText) must be a relative path inside the extension (no leading /, no . or ..)."))
            }
            let file = parts.reduce(root) { $0.appendingPathComponent(String($1)) }
            do {
                try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: file)
            } catch {
                return .failure(APIError(message: "\(member): could not write \(path) of the extension: \(error.localizedDescription)"))
            }
        }
        return .success(root)
    }

    /// Where an update's files come from.
    enum UpdateSource {
        /// The extension's own folder, read again.
        case same
        /// Another folder (relative to the script).
        case folder(String)
        /// Files given inline (path and contents).
        case inline([(String, String)])
    }

    /// Updates the extension to a new version of its files, as a browser installs an update: same
    /// id, `runtime.onInstalled` with `update` and the version it had; settled once the new
    /// background ran its scripts. Files that do not load leave it as it was, and reject.
    func updateExtension(handle: Int, source: UpdateSource, settle callback: ScriptValue) {
        guard let host, let instance = instance(handle, callback) else { return }
        let directory: URL?
        switch source {
        case .same: directory = nil
        case .folder(let path): directory = folder(path)
        case .inline(let files):
            switch writeInline(files, member: "extension.update") {
            case .success(let root): directory = root
            case .failure(let error): return settle(callback, error: error.message)
            }
        }
        do {
            try host.updateExtension(instance, from: directory)
        } catch {
            return settle(callback, error: "extension.update: the new version does not load, so the extension stays as it was: \(error.description)")
        }
        // (Answered after the new background's first run, which the update queued.)
        host.loop.enqueue { [weak self] in self?.settle(callback) }
    }

    /// Loads the extension in `directory`; its id is made from `identity` (a path) instead of the
    /// folder when given.
    private func load(at directory: URL, identity: URL?, settle callback: ScriptValue) {
        guard let host else { return }
        let standardized = directory.standardizedFileURL
        if let loaded = extensions.values.first(where: { $0.directory.resolvingSymlinksInPath() == standardized.resolvingSymlinksInPath() }) {
            return settle(callback, error: "\(loaded.manifest.name) (\(standardized.path)) is loaded already: unload it first (extension.unload()), or use the Extension you have.")
        }
        let instance: ExtensionInstance
        do {
            instance = try host.loadExtension(at: directory, identity: identity)
        } catch {
            return settle(callback, error: error.description)
        }
        let handle = nextHandle
        nextHandle += 1
        extensions[handle] = instance
        if !scopes.isEmpty { scopes[scopes.count - 1].extensions.append(handle) }
        // (Answered after the background's first run, which loadExtension queued.)
        host.loop.enqueue { [weak self] in
            let facts = JSONValue.object([
                ("handle", .int(handle)), ("id", .string(instance.id.runtimeID)), ("name", .string(instance.manifest.name)),
                ("baseURL", .string(instance.id.baseURL)), ("directory", .string(instance.directory.path)),
            ])
            self?.settle(callback, result: facts.jsonText)
        }
    }

    /// The loaded extension with `handle`, or nil after it was unloaded.
    /// The extension of `handle` while it is loaded (`orDisabled`: or disabled); else the callback,
    /// if any, fails with "The extension was unloaded.".
    private func instance(_ handle: Int, _ callback: ScriptValue?, orDisabled: Bool = false) -> ExtensionInstance? {
        if let instance = extensions[handle], let host,
           host.extensions.contains(where: { $0 === instance }) || (orDisabled && host.isDisabled(instance)) { return instance }
        if let callback { settle(callback, error: "The extension was unloaded.") }
        return nil
    }

    /// What the extension's toolbar button shows on a tab (nil: on every tab without values of its
    /// own), as JSON: title, popup, badge text and colors, whether it is enabled; null when the
    /// extension has no button or was unloaded.
    func actionButton(handle: Int, tabID: Int?) -> String {
        guard let instance = instance(handle, nil), instance.manifest.hasAction else { return "null" }
        let windowID = tabID.flatMap { host?.browser.tab($0)?.windowID } ?? host?.browser.lastFocusedWindowID
        return instance.actionButton.shown(on: tabID, window: tabID == nil ? nil : windowID).jsonText
    }

    /// Fires the extension's command `name` as its shortcut would; false when it has no such command
    /// or was unloaded.
    func fireCommand(handle: Int, name: String) -> Bool {
        guard let host, let instance = instance(handle, nil) else { return false }
        return host.fireCommand(name, of: instance)
    }

    func unloadExtension(handle: Int, settle callback: ScriptValue) {
        guard let host, let instance = instance(handle, nil, orDisabled: true) else { return settle(callback) }
        host.unloadExtension(instance)
        forget(handle)
        settle(callback)
    }

    /// Uninstalls the extension (``ExtensionHost/uninstallExtension(_:)``); settled with the tab
    /// of its uninstall page once that has loaded (null without one).
    func uninstallExtension(handle: Int, settle callback: ScriptValue) {
        guard let host, let instance = instance(handle, callback, orDisabled: true) else { return }
        let tabID = host.uninstallExtension(instance)
        forget(handle)
        guard let tabID else { return settle(callback, result: "null") }
        host.whenLoaded(tabID) { [weak self] _ in self?.settle(callback, result: JSONValue.int(tabID).jsonText) }
    }

    /// Disables the extension (``ExtensionHost/disableExtension(_:)``); settled once the other
    /// extensions heard of it.
    func disableExtension(handle: Int, settle callback: ScriptValue) {
        guard let host else { return }
        if let disabled = extensions[handle], host.isDisabled(disabled) {
            return settle(callback, error: "extension.disable: \(disabled.manifest.name) is disabled already.")
        }
        guard let instance = instance(handle, callback) else { return }
        host.disableExtension(instance)
        host.crossProcess { [weak self] in self?.settle(callback) }
    }

    /// Enables the disabled extension again (``ExtensionHost/enableExtension(_:)``); settled once
    /// its background ran its scripts.
    func enableExtension(handle: Int, settle callback: ScriptValue) {
        guard let host, let instance = extensions[handle] else { return settle(callback, error: "The extension was unloaded.") }
        guard host.isDisabled(instance) else {
            return settle(callback, error: host.extensions.contains { $0 === instance }
                ? "extension.enable: \(instance.manifest.name) is enabled already."
                : "The extension was unloaded.")
        }
        guard host.enableExtension(instance) != nil else {
            return settle(callback, error: "extension.enable: \(instance.manifest.name)'s files no longer load, so it stays disabled.")
        }
        // (Answered after the background's first run, which enabling queued.)
        host.loop.enqueue { [weak self] in self?.settle(callback) }
    }

    /// Forgets an unloaded extension: what waited for its messages fails.
    private func forget(_ handle: Int) {
        extensions[handle] = nil
        messageQueues[handle] = nil
        replies[handle] = nil
        for waiter in messageWaiters.removeValue(forKey: handle) ?? [] { settle(waiter.settle, error: "The extension was unloaded.") }
    }

    /// Restarts the browser with the same profile (``ExtensionHost/restartBrowser()``); settled
    /// once the backgrounds that start with it ran their scripts.
    func restartBrowser(settle callback: ScriptValue) {
        guard let host else { return }
        host.restartBrowser()
        host.loop.enqueue { [weak self] in self?.settle(callback) }
    }

    func restartBackground(handle: Int, settle callback: ScriptValue) {
        guard let host, let instance = instance(handle, callback) else { return }
        guard instance.manifest.background != nil else {
            return settle(callback, error: "\(instance.manifest.name) has no background to restart.")
        }
        host.restartBackground(of: instance)
        host.loop.enqueue { [weak self] in self?.settle(callback) }
    }

    func clickAction(handle: Int, tabID: Int?, settle callback: ScriptValue) {
        guard let host, let instance = instance(handle, callback) else { return }
        guard instance.manifest.hasAction else {
            return settle(callback, error: "\(instance.manifest.name) has no toolbar button: its manifest declares no action (or browser_action).")
        }
        if let tabID {
            guard host.browser.tab(tabID) != nil else { return settle(callback, error: host.texts.noTab(tabID)) }
            host.activate(tabID: tabID)
        }
        host.clickAction(of: instance)
        settle(callback)
    }

    // MARK: - Pages

    /// Does `action` to the document of a tab's frame (``ExtensionHost/act(_:onDocument:selector:text:)``):
    /// JSON `{"value": ...}`, or `{"error": "..."}` in words for the script.
    func documentAction(tabID: Int, frameID: Int, action: DocumentAction, selector: String, text: String) -> String {
        guard let host, let tab = host.browser.tab(tabID) else { return Self.errorJSON("Tab \(tabID) is closed.") }
        guard let frame = tab.frame(frameID) else { return Self.errorJSON("Tab \(tabID) has no frame \(frameID).") }
        return Self.json(host.act(action, onDocument: frame.documentID, selector: selector, text: text))
    }

    /// Opens the context menu on the element `selector` finds in a tab's frame
    /// (``ExtensionHost/openContextMenu(tabID:frameID:selector:)``): JSON `{"value": entries}`
    /// (null: the page canceled it), or `{"error": "..."}`.
    func openContextMenu(tabID: Int, frameID: Int, selector: String) -> String {
        guard let host, host.browser.tab(tabID) != nil else { return Self.errorJSON("Tab \(tabID) is closed.") }
        switch host.openContextMenu(tabID: tabID, frameID: frameID, selector: selector) {
        case .success(let entries): return JSONValue.object([("value", entries ?? .null)]).jsonText
        case .failure(let error): return Self.errorJSON(error.message)
        }
    }

    /// Opens the context menu of the extension's toolbar button (``ExtensionHost/openActionMenu(of:)``):
    /// JSON `{"value": entries}` or `{"error": "..."}`.
    func openActionMenu(handle: Int) -> String {
        guard let host, let instance = instance(handle, nil) else { return Self.errorJSON("The extension was unloaded.") }
        switch host.openActionMenu(of: instance) {
        case .success(let entries): return JSONValue.object([("value", entries ?? .null)]).jsonText
        case .failure(let error): return Self.errorJSON(error.message)
        }
    }

    /// Chooses an item of the open context menu by id or title (``ExtensionHost/chooseMenuItem(_:extensionID:)``):
    /// `{"value": null}` or `{"error": "..."}`.
    func chooseMenuItem(_ key: String, extensionID: String?) -> String {
        guard let host else { return Self.errorJSON("The browser is gone.") }
        switch host.chooseMenuItem(key, extensionID: extensionID) {
        case .success: return "{\"value\":null}"
        case .failure(let error): return Self.errorJSON(error.message)
        }
    }

    /// Does `action` to the document `documentID` of one of the extension's pages (its popup or its
    /// options page, as the driver opened it), while that page is open.
    func pageAction(handle: Int, documentID: String, action: DocumentAction, selector: String, text: String) -> String {
        guard let host, let instance = instance(handle, nil) else { return Self.errorJSON("The extension was unloaded.") }
        guard instance.pageContexts.contains(where: { $0.documentID == documentID && !$0.isClosed }) else {
            return Self.errorJSON("\(instance.manifest.name)'s page is closed")
        }
        return Self.json(host.act(action, onDocument: documentID, selector: selector, text: text))
    }

    /// Opens the extension's popup (as a click on its button does, without the click) and settles
    /// once its document has loaded, with its URL.
    func openPopup(handle: Int, settle callback: ScriptValue) {
        guard let host, let instance = instance(handle, callback) else { return }
        guard instance.manifest.actionPopup != nil else {
            return settle(callback, error: "\(instance.manifest.name) has no popup: its manifest's action has no default_popup.")
        }
        guard let popup = host.openPopup(of: instance), let load = popup.documentLoad else {
            return settle(callback, error: "\(instance.manifest.name)'s popup could not open.")
        }
        let url = popup.url
        let documentID = popup.documentID ?? ""
        load.whenComplete { [weak self] loaded in
            guard loaded else { return self?.settle(callback, error: "\(instance.manifest.name)'s popup closed before its page loaded.") ?? () }
            self?.settle(callback, result: JSONValue.array([.string(url), .string(documentID)]).jsonText)
        }
    }

    /// Opens the extension's options page as `runtime.openOptionsPage()` does and settles once its
    /// document has loaded, with its URL, its document id and the tab that shows it (-1: none).
    func openOptionsPage(handle: Int, settle callback: ScriptValue) {
        guard let host, let instance = instance(handle, callback) else { return }
        let name = instance.manifest.name
        let failure = host.openOptionsPage(of: instance) { [weak self, weak instance] page in
            let closed = "\(name)'s options page closed before its page loaded."
            guard let self, let page, !page.isClosed, let instance else { return self?.settle(callback, error: closed) ?? () }
            // (The tab that shows it: its own, or the browser's extensions page.)
            let tabID = page.tabID ?? instance.embeddedOptionsPage.map(\.tabID) ?? -1
            let answer = JSONValue.array([.string(page.url), .string(page.documentID ?? ""), .int(tabID)]).jsonText
            guard let load = page.documentLoad else { return settle(callback, result: answer) }
            load.whenComplete { [weak self] loaded in
                if loaded { self?.settle(callback, result: answer) } else { self?.settle(callback, error: closed) }
            }
        }
        if failure != nil {
            settle(callback, error: "\(name) has no options page: its manifest has neither options_ui.page nor options_page.")
        }
    }

    /// Closes the extension's popup, if it is open.
    func closePopup(handle: Int, settle callback: ScriptValue) {
        guard let host, let instance = instance(handle, callback) else { return }
        host.closePopup(of: instance)
        settle(callback)
    }

    private static func errorJSON(_ message: String) -> String {
        JSONValue.object([("error", .string(message))]).jsonText
    }

    private static func json(_ result: Result<String, DocumentActionError>) -> String {
        switch result {
        case .success(let value): "{\"value\":\(value)}"
        case .failure(let error): errorJSON(error.message)
        }
    }

    /// Fires `test.onMessage` in every context of the extension with `values` (the name first): as
    /// `(name, ...values)` for Firefox's harness, as `{data: name, lastMessage: false}` for Chromium's.
    func sendMessage(handle: Int, _ values: [JSONValue]) throws {
        guard let host, let instance = instance(handle, nil) else {
            throw ScriptError(name: "Error", message: "The extension was unloaded.")
        }
        let arguments: [JSONValue] = host.harness == .firefox
            ? values
            : [.object([("data", values[0].stringValue.map(JSONValue.string) ?? .string(values[0].jsonText)), ("lastMessage", .bool(false))])]
        let contexts = [host.wakeBackground(of: instance, for: "test.onMessage")].compactMap { $0 } + instance.contentContexts.values.sorted { $0.id < $1.id }
        for context in contexts { context.dispatchEvent("test.onMessage", arguments) }
    }

    func awaitMessage(handle: Int, name: String, settle callback: ScriptValue) {
        guard instance(handle, callback) != nil else { return }
        if let index = messageQueues[handle]?.firstIndex(where: { $0.name == name }) {
            let message = messageQueues[handle]!.remove(at: index)
            return settle(callback, result: message.values)
        }
        messageWaiters[handle, default: []].append((name, callback, currentScope))
    }

    func replyTo(handle: Int, name: String, text: String) throws {
        guard instance(handle, nil) != nil else { throw ScriptError(name: "Error", message: "The extension was unloaded.") }
        replies[handle, default: []].append((name, text, currentScope))
    }

    /// What Chromium's `test.sendMessage(name)` of `context` is answered with: the first reply the
    /// script gave for `name` (``replyTo(handle:name:text:)``), used up; nil when it gave none.
    func reply(to name: String, from context: ExtensionContext) -> String? {
        guard let handle = extensions.first(where: { $0.value === context.owner })?.key,
              let index = replies[handle]?.firstIndex(where: { $0.name == name }) else { return nil }
        return replies[handle]!.remove(at: index).text
    }

    /// A harness sent a message (`test.sendMessage`): the first `awaitMessage` for its name takes
    /// it, or it waits for one.
    func received(_ event: TestEvent, from context: ExtensionContext) {
        guard let handle = extensions.first(where: { $0.value === context.owner })?.key,
              case .array(let values)? = event.message.flatMap(JSONValue.parse), let first = values.first else { return }
        let name = first.stringValue ?? first.jsonText
        let rest = JSONValue.array(Array(values.dropFirst())).jsonText
        if let index = messageWaiters[handle]?.firstIndex(where: { $0.name == name }) {
            let waiter = messageWaiters[handle]!.remove(at: index)
            return settle(waiter.settle, result: rest)
        }
        messageQueues[handle, default: []].append((name, rest, currentScope))
    }

    // MARK: - Tabs

    func servePage(url: String, html: String) -> Bool {
        host?.siteMap.serve(Data(html.utf8), at: url) ?? false
    }

    func openTab(url: String, active: Bool, settle callback: ScriptValue) {
        guard let host else { return }
        guard let parsed = WebURL(string: url) else {
            return settle(callback, error: "exthost.openTab: \(JSONValue.string(url).jsonText) is not an absolute URL.")
        }
        // (Always a new tab at the end of the focused window, so closing it leaves the browser as it was.)
        let windowID = host.browser.lastFocusedWindowID ?? host.browser.openWindow().id
        let tabID = host.createTab(url: parsed.href, windowID: windowID, index: nil, active: active, openerTabID: nil, transition: .typed)
        if !scopes.isEmpty { scopes[scopes.count - 1].tabs.append(tabID) }
        host.whenLoaded(tabID) { [weak self] loaded in
            guard let self else { return }
            if loaded {
                settle(callback, result: tabJSON(tabID))
            } else {
                settle(callback, error: "Tab \(tabID) was closed before its page (\(parsed.href)) loaded.")
            }
        }
    }

    func activateTab(_ tabID: Int, settle callback: ScriptValue) {
        guard let host, host.browser.tab(tabID) != nil else { return settle(callback, error: "Tab \(tabID) is closed.") }
        host.activate(tabID: tabID)
        settle(callback)
    }

    /// Loads `url` in the tab (nil: its own URL again, a reload) and answers once it has loaded.
    func navigateTab(_ tabID: Int, to url: String?, settle callback: ScriptValue) {
        guard let host, let tab = host.browser.tab(tabID) else { return settle(callback, error: "Tab \(tabID) is closed.") }
        if let url {
            guard let parsed = WebURL(string: url) else {
                return settle(callback, error: "tab.navigate: \(JSONValue.string(url).jsonText) is not an absolute URL.")
            }
            host.navigate(tabID: tabID, to: parsed.href, transition: .typed)
        } else {
            host.navigate(tabID: tabID, to: tab.url, kind: .replacing, transition: .reload)
        }
        host.whenLoaded(tabID) { [weak self] loaded in
            self?.settle(callback, error: loaded ? nil : "Tab \(tabID) was closed before its page loaded.")
        }
    }

    func closeTab(_ tabID: Int, settle callback: ScriptValue) {
        guard let host, host.browser.tab(tabID) != nil else { return settle(callback) }
        host.crossProcess { [weak self, weak host] in
            host?.removeTab(tabID)
            self?.settle(callback)
        }
    }

    /// What the script sees of a tab (`{id, windowId, index, url, title, status, active, focused}`),
    /// as JSON text; `null` for a closed tab.
    func tabJSON(_ tabID: Int) -> String {
        guard let host, let tab = host.browser.tab(tabID) else { return "null" }
        return tabFacts(tab, in: host).jsonText
    }

    /// Every open tab, window by window, in tab order.
    func tabsJSON() -> String {
        guard let host else { return "[]" }
        return JSONValue.array(host.browser.orderedTabs.map { tabFacts($0, in: host) }).jsonText
    }

    private func tabFacts(_ tab: Tab, in host: ExtensionHost) -> JSONValue {
        .object([
            ("id", .int(tab.id)), ("windowId", .int(tab.windowID)), ("index", .int(host.browser.index(of: tab.id) ?? -1)),
            ("url", .string(tab.url)), ("title", .string(tab.title)), ("status", .string(tab.status.rawValue)),
            ("active", .bool(tab.active)), ("focused", .bool(host.browser.lastFocusedWindowID == tab.windowID)),
        ])
    }

    // MARK: - Console, messages, clock

    /// An extension context printed a line: the waits for it are answered.
    func printed(_ message: ConsoleMessage) {
        consoleLines.append(message)
        let index = consoleLines.count - 1
        let line = consoleLineJSON(message, index: index).jsonText
        let answered = consoleWaiters.filter { $0.from <= index }
        consoleWaiters.removeAll { $0.from <= index }
        for waiter in answered { settle(waiter.settle, result: line) }
    }

    /// Answers `settle` with the first console line at `index` or later, once there is one.
    /// `description` says what the script waits for (`waitForConsole('ready')`).
    ///
    /// - Parameter scope: the scope the wait belongs to (0: the one innermost now); a wait whose
    ///   scope has ended is dropped.
    /// - Returns: the wait's scope, for the next call of the same wait.
    func nextConsoleLine(from index: Int, description: String, scope: Int, settle callback: ScriptValue) -> Int {
        let scope = scope == 0 ? currentScope : scope
        guard scope == 0 || scopes.contains(where: { $0.id == scope }) else { return scope }
        if index >= 0, index < consoleLines.count {
            settle(callback, result: consoleLineJSON(consoleLines[index], index: index).jsonText)
        } else {
            consoleWaiters.append((max(index, 0), description, callback, scope))
        }
        return scope
    }

    func consoleJSON(from index: Int) -> String {
        guard index >= 0, index < consoleLines.count else { return "[]" }
        return JSONValue.array(consoleLines[index...].enumerated().map { consoleLineJSON($0.element, index: index + $0.offset) }).jsonText
    }

    private func consoleLineJSON(_ message: ConsoleMessage, index: Int) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("index", .int(index)), ("level", .string(message.level.rawValue)), ("text", .string(message.text)),
            ("context", .string(message.context.rawValue)), ("url", .string(message.url)), ("uncaught", .bool(message.isUncaught)),
        ]
        if let tabId = message.tabId { fields.append(("tabId", .int(tabId))) }
        if let frameId = message.frameId { fields.append(("frameId", .int(frameId))) }
        if let location = message.sourceLocation ?? message.location { fields.append(("location", .string(location))) }
        return .object(fields)
    }

    func messagesJSON(from index: Int) -> String {
        guard let host, index >= 0, index < host.messageRecord.count else { return "[]" }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(Array(host.messageRecord[index...])) else { return "[]" }
        return String(decoding: data, as: UTF8.self)
    }

    func sleep(_ milliseconds: Double, settle callback: ScriptValue) {
        guard let host, let context else { return }
        let key = nextSleep
        nextSleep += 1
        sleeps[key] = (milliseconds, currentScope)
        host.loop.startTimer(after: milliseconds, owner: context.id) { [weak self, weak context] in
            self?.sleeps[key] = nil
            guard let context else { return }
            context.callAsTask(callback, [context.script.null])
        }
    }

    // MARK: - Scopes

    func beginScope() -> Int {
        let id = nextScope
        nextScope += 1
        scopes.append((id, [], [], Set(host.map { Array($0.browser.tabs.keys) } ?? []), host?.browserGeneration ?? 0))
        return id
    }

    /// Ends scope `id` (and any inside it left open): its tabs close, its extensions unload, and
    /// the messages, replies and waits that came in it are dropped.
    func endScope(_ id: Int, settle callback: ScriptValue) {
        guard let host, let index = scopes.lastIndex(where: { $0.id == id }) else { return settle(callback) }
        let ended = scopes[index...]
        scopes.removeSubrange(index...)
        for handle in messageQueues.keys { messageQueues[handle]?.removeAll { $0.scope >= id } }
        for handle in replies.keys { replies[handle]?.removeAll { $0.scope >= id } }
        for handle in messageWaiters.keys { messageWaiters[handle]?.removeAll { $0.scope >= id } }
        consoleWaiters.removeAll { $0.scope >= id }
        // (After a browser restart the tabs are numbered again: what was open before is gone, and
        // the restarted browser's first tabs stay.)
        let restarted = ended.first.map { $0.generation != host.browserGeneration } ?? false
        let tabs = restarted ? [] : ended.flatMap(\.tabs)
        let openBefore = restarted ? host.tabsAtBrowserStart : ended.first?.openBefore ?? []
        let handles = ended.flatMap(\.extensions)
        host.crossProcess { [weak self, weak host] in
            guard let self, let host else { return }
            for tabID in tabs.reversed() where host.browser.tab(tabID) != nil { host.removeTab(tabID) }
            // (Tabs an extension or a page opened meanwhile close too: the next test starts from
            // the tabs that were open before.)
            for tabID in host.browser.tabs.keys.sorted().reversed() where !openBefore.contains(tabID) && host.browser.tab(tabID) != nil { host.removeTab(tabID) }
            for handle in handles.reversed() {
                if let instance = extensions[handle] { host.unloadExtension(instance) }
                forget(handle)
            }
            settle(callback)
        }
    }
}

/// A driver script that could not be run.
public struct DriverError: Error, CustomStringConvertible {
    /// What went wrong, for people.
    public let description: String
    init(_ description: String) { self.description = description }
}
