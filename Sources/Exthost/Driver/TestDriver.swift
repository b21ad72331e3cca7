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
    /// What the extensions' harnesses sent (`test.sendMessage`) that no `awaitMessage` has taken yet:
    /// the message's name and its values after the name, as JSON text of an array.
    private var messageQueues: [Int: [(name: String, values: String)]] = [:]
    /// The answers the script gave in advance (`replyTo`) to Chromium's `test.sendMessage`, per
    /// extension, in order.
    private var replies: [Int: [(name: String, text: String)]] = [:]
    /// The `awaitMessage` calls waiting, per extension, in order.
    private var messageWaiters: [Int: [(name: String, settle: ScriptValue)]] = [:]
    /// The console lines of the extensions' contexts, in order.
    public private(set) var consoleLines: [ConsoleMessage] = []
    /// The `nextConsoleLine` calls waiting.
    var consoleWaiters: [ScriptValue] = []
    /// The open scopes (a test, a suite), innermost last: what was loaded and opened in each.
    private var scopes: [(id: Int, extensions: [Int], tabs: [Int])] = []
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
        while true {
            let outcome = host.loop.run(maxTime: maxTime * 1000) { isFinished }
            // Nothing left to do while a test waits: it waits for what will never come. It fails,
            // and the next test runs.
            guard outcome == .idle, !isFinished, abandonWaitingTest() else { return outcome }
        }
    }

    /// Fails the test (or hook) that waits while the browser has nothing left to do, saying what it
    /// waited for; its waits are dropped. Returns false when no test was waiting.
    private func abandonWaitingTest() -> Bool {
        guard let context, !context.isClosed, let abandon = context.hostFunction("abandonDriverTest", in: "driver") else { return false }
        var waits = messageWaiters.values.flatMap { $0.map { "awaitMessage(\(JSONValue.string($0.name).jsonText))" } }
        if !consoleWaiters.isEmpty { waits.append("waitForConsole(...)") }
        messageWaiters.removeAll()
        consoleWaiters.removeAll()
        let reason = "the test waited for " + (waits.isEmpty ? "a promise that never settled" : waits.joined(separator: " and ") + ", which never came")
            + ", and the browser had nothing left to do"
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

    /// Reports a result of the script's tests as the host's test event.
    func report(_ event: TestEvent) {
        guard let host, let context else { return }
        host.report(event, from: context)
    }

    // MARK: - Extensions

    /// The extension folder `path` names, relative to the script's folder.
    private func folder(_ path: String) -> URL {
        URL(fileURLWithPath: path, relativeTo: script.deletingLastPathComponent()).standardizedFileURL
    }

    func loadExtension(path: String, settle callback: ScriptValue) {
        load(at: folder(path), settle: callback)
    }

    /// Writes an inline extension's files into a new temporary folder and loads it from there.
    func loadInlineExtension(files: [(String, String)], settle callback: ScriptValue) {
        let template = FileManager.default.temporaryDirectory.appendingPathComponent("exthost-extension-XXXXXX").path
        var buffer = Array(template.utf8CString)
        guard let made = mkdtemp(&buffer) else {
            return settle(callback, error: "exthost could not make a temporary folder for the extension: \(String(cString: strerror(errno))).")
        }
        let root = URL(fileURLWithPath: String(cString: made), isDirectory: true)
        temporaryFolders.append(root)
        for (path, text) in files {
            let parts = path.split(separator: "/", omittingEmptySubsequences: true)
            guard !parts.isEmpty, !path.hasPrefix("/"), !parts.contains(where: { $0 == ".." || $0 == "." }) else {
                return settle(callback, error: "exthost.loadExtension: the file name \(JSONValue.string(path).jsonText) must be a relative path inside the extension (no leading /, no . or ..).")
            }
            let file = parts.reduce(root) { $0.appendingPathComponent(String($1)) }
            do {
                try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: file)
            } catch {
                return settle(callback, error: "exthost.loadExtension: could not write \(path) of the extension: \(error.localizedDescription)")
            }
        }
        load(at: root, settle: callback)
    }

    private func load(at directory: URL, settle callback: ScriptValue) {
        guard let host else { return }
        let instance: ExtensionInstance
        do {
            instance = try host.loadExtension(at: directory)
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
    private func instance(_ handle: Int, _ callback: ScriptValue?) -> ExtensionInstance? {
        if let instance = extensions[handle], host?.extensions.contains(where: { $0 === instance }) == true { return instance }
        if let callback { settle(callback, error: "The extension was unloaded.") }
        return nil
    }

    func unloadExtension(handle: Int, settle callback: ScriptValue) {
        guard let host, let instance = instance(handle, nil) else { return settle(callback) }
        host.unloadExtension(instance)
        extensions[handle] = nil
        settle(callback)
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

    /// Fires `test.onMessage` in every context of the extension with `values` (the name first): as
    /// `(name, ...values)` for Firefox's harness, as `{data: name, lastMessage: false}` for Chromium's.
    func sendMessage(handle: Int, _ values: [JSONValue]) throws {
        guard let host, let instance = instance(handle, nil) else {
            throw ScriptError(name: "Error", message: "The extension was unloaded.")
        }
        let arguments: [JSONValue] = host.harness == .firefox
            ? values
            : [.object([("data", values[0].stringValue.map(JSONValue.string) ?? .string(values[0].jsonText)), ("lastMessage", .bool(false))])]
        let contexts = [instance.background].compactMap { $0 } + instance.contentContexts.values.sorted { $0.id < $1.id }
        for context in contexts { context.dispatchEvent("test.onMessage", arguments) }
    }

    func awaitMessage(handle: Int, name: String, settle callback: ScriptValue) {
        guard instance(handle, callback) != nil else { return }
        if let index = messageQueues[handle]?.firstIndex(where: { $0.name == name }) {
            let message = messageQueues[handle]!.remove(at: index)
            return settle(callback, result: message.values)
        }
        messageWaiters[handle, default: []].append((name, callback))
    }

    func replyTo(handle: Int, name: String, text: String) throws {
        guard instance(handle, nil) != nil else { throw ScriptError(name: "Error", message: "The extension was unloaded.") }
        replies[handle, default: []].append((name, text))
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
        messageQueues[handle, default: []].append((name, rest))
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
        let tabID = host.createTab(url: parsed.href, windowID: windowID, index: nil, active: active, openerTabID: nil)
        if !scopes.isEmpty { scopes[scopes.count - 1].tabs.append(tabID) }
        host.whenLoaded(tabID) { [weak self] in
            guard let self else { return }
            settle(callback, result: tabJSON(tabID))
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
            host.navigate(tabID: tabID, to: parsed.href)
        } else {
            host.navigate(tabID: tabID, to: tab.url, kind: .replacing)
        }
        host.whenLoaded(tabID) { [weak self] in self?.settle(callback) }
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

    /// An extension context printed a line.
    func printed(_ message: ConsoleMessage) {
        consoleLines.append(message)
        let waiting = consoleWaiters
        consoleWaiters.removeAll()
        let line = consoleLineJSON(message, index: consoleLines.count - 1).jsonText
        for waiter in waiting { settle(waiter, result: line) }
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
        host.loop.startTimer(after: milliseconds, owner: context.id) { [weak context] in
            guard let context else { return }
            context.callAsTask(callback, [context.script.null])
        }
    }

    // MARK: - Scopes

    func beginScope() -> Int {
        let id = nextScope
        nextScope += 1
        scopes.append((id, [], []))
        return id
    }

    /// Ends scope `id` (and any inside it left open): its tabs close and its extensions unload.
    func endScope(_ id: Int, settle callback: ScriptValue) {
        guard let host, let index = scopes.lastIndex(where: { $0.id == id }) else { return settle(callback) }
        let ended = scopes[index...]
        scopes.removeSubrange(index...)
        let tabs = ended.flatMap(\.tabs)
        let handles = ended.flatMap(\.extensions)
        host.crossProcess { [weak self, weak host] in
            guard let self, let host else { return }
            for tabID in tabs.reversed() where host.browser.tab(tabID) != nil { host.removeTab(tabID) }
            for handle in handles.reversed() {
                if let instance = extensions.removeValue(forKey: handle) { host.unloadExtension(instance) }
                messageQueues[handle] = nil
                messageWaiters[handle] = nil
                replies[handle] = nil
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
