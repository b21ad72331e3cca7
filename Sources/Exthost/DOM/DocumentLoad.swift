import BrowserModel
import Foundation
import JSEngine

/// The loading of a document, as HTML's parser and "the end" of loading order it
/// (js/64_document_loading.js parses; this runs the scripts), in phases:
///
/// 1. ``parse(then:)``: the document is parsed up to each `</script>`; a classic script without
///    `src` runs there, one with `src` (neither `defer` nor `async`) after it is fetched, each in a
///    task of its own, and parsing goes on after it. A `defer` script and a module script wait for
///    the end of parsing; an `async` one runs in a task of its own as soon as it is fetched.
/// 2. ``endParsing(then:)``: `readyState` "interactive" and `readystatechange`; the waiting
///    scripts in document order. Then ``fireContentLoaded()``: `DOMContentLoaded` at the document
///    (bubbling to the window).
/// 3. ``complete(then:)``, once no `async` script is left: `readyState` "complete" and
///    `readystatechange`. Then ``fireLoad()``: `load` at the window.
///
/// An extension page (its popup, one of its pages in a tab) goes through them one after the
/// other (``start()``), and runs only its extension's own files: an inline script, or one from
/// anywhere else, is refused by the extension pages' content security policy and reported on the
/// console as the flavor's browser reports it. A web page's load steps (ExtensionHost+Tabs.swift)
/// take the phases one at a time, with its content scripts between them in the flavor's order
/// (``beginWebPage()`` first parses up to its `<html>` element, where document_start scripts
/// run); its scripts, inline ones and what the site serves, run in its main world
/// (``ContextKind/webPage``). A web page with no script has no main world: its DOM is built on
/// the first touch of `document` in one of its content scripts (js/63_dom.js), and its phases
/// only move its readiness on.
///
/// A phase of a load that has ended (or was abandoned) does nothing but go on to what follows it.
/// The events of each phase go to every world of the document (``ExtensionHost/fireDocumentEvent(_:at:documentID:bubbles:)``).
final class DocumentLoad {
    /// A script the parser met, as js/64_document_loading.js describes it.
    struct Script: Decodable {
        let type: String
        let src: String?
        let text: String?
        let async: Bool
        let `defer`: Bool
        let line: Int
        let column: Int
        let index: Int
        /// The number of an element with `src` (js/63_dom.js), for its `load` or `error`.
        let element: Int
    }

    private struct Step: Decodable {
        let script: Script?
        let parsed: Bool?
        let documentElement: Bool?
    }

    /// The context the document's scripts run in: the extension page's, or the web page's main
    /// world; nil for a web page with no script (nothing is parsed here then).
    private(set) weak var context: ExtensionContext?
    /// Whether the document's own scripts run here (false: a web page of no script).
    private let runsScripts: Bool
    private weak var host: ExtensionHost?
    let documentID: String
    let url: String
    private let html: String
    /// The scripts that wait for the end of parsing, in document order.
    private var waiting: [Script] = []
    /// The `async` scripts not run yet.
    private var pendingAsync = 0
    /// What waits for the `async` scripts to have run (``complete(then:)``).
    private var whenNoAsync: (() -> Void)?
    /// What waits for the end of the text (``parse(then:)``).
    private var whenParsed: (() -> Void)?
    /// How many inline module scripts the page ran.
    private var inlineModules = 0
    /// What waits for the end of the load, each run once: with true once its `load` event fired,
    /// with false when the page closed first.
    private var completionWaiters: [(Bool) -> Void] = []
    /// Whether the load has ended, and how (nil: under way).
    private(set) var outcome: Bool?

    /// Runs `body` once the document has loaded (true) or its page closed before (false); at once
    /// when that is known.
    func whenComplete(_ body: @escaping (Bool) -> Void) {
        if let outcome { body(outcome) } else { completionWaiters.append(body) }
    }

    /// The page closed (or its load failed): the load stops, the host realm lets its parser go,
    /// and what waited for the load hears that it will not come.
    func abandon() {
        guard outcome == nil else { return }
        whenParsed = nil
        whenNoAsync = nil
        waiting = []
        finish(loaded: false)
        if runsScripts, let host, let forget = try? host.realm.value("abandonDocumentLoad", in: "document_loading") {
            _ = try? forget.call([host.realm.script.string(documentID)])
        }
    }

    private func finish(loaded: Bool) {
        outcome = loaded
        let waiting = completionWaiters
        completionWaiters = []
        for body in waiting { body(loaded) }
    }

    /// A load of `source` as the document `documentID`, whose scripts run in `context` (nil: a web
    /// page of no script).
    init(host: ExtensionHost, context: ExtensionContext?, documentID: String, source: DocumentSource) {
        self.context = context
        self.runsScripts = context != nil
        self.host = host
        self.documentID = documentID
        self.url = source.url
        self.html = source.html
    }

    /// Whether the HTML `html` has anything that runs in a main world: a script element or an event
    /// handler attribute (a web page with neither gets no main world; a script a content script
    /// adds to it does not run).
    static func hasScripts(_ html: String) -> Bool {
        html.range(of: #"<script[\s>/]|\son[a-z]+\s*="#, options: [.regularExpression, .caseInsensitive]) != nil
    }

    /// An extension page: loads through every phase, the first parse in a task of its own.
    func start() {
        host?.loop.enqueue { [self] in
            whenParsed = { [weak self] in
                if let context = self?.context { self?.host?.extensionPageParsed(context) }
                self?.endParsing { self?.finishLoading() }
            }
            parse(from: call("beginDocumentLoad", [documentID, url, html, "false"]))
        }
    }

    /// An extension page after its deferred scripts: `DOMContentLoaded` in a task of its own, then,
    /// once its `async` scripts ran, the end of its load in another.
    private func finishLoading() {
        host?.loop.enqueue { [weak self] in
            guard let self else { return }
            fireContentLoaded()
            afterAsyncScripts { [weak self] in
                self?.host?.loop.enqueue { [weak self] in
                    self?.complete { self?.fireLoad() }
                }
            }
        }
    }

    /// A web page at its commit: its document is made, parsed up to its `<html>` element (what a
    /// document_start content script finds); nothing of it runs yet.
    func beginWebPage() {
        guard runsScripts else { return }
        let step = call("beginDocumentLoad", [documentID, url, html, "true"], withWorld: true)
        if step?.documentElement != true { pendingFirstStep = step }
    }
    /// The step the first parse stopped at when it did not stop at the `<html>` element.
    private var pendingFirstStep: Step?

    // MARK: - Phases

    /// Parses the rest of the document, running its scripts as the parser meets them; `then` runs
    /// at the end of the text (at once for a web page of no script).
    func parse(then: @escaping () -> Void) {
        guard outcome == nil else { return then() }
        guard runsScripts else {
            // (A page of no script is parsed at once: its DOM has all of it, still `loading`.)
            host?.markParsed(documentID)
            return then()
        }
        whenParsed = then
        if let step = pendingFirstStep {
            pendingFirstStep = nil
            parse(from: step)
        } else {
            parse(from: call("continueDocumentLoad", [documentID]))
        }
    }

    /// The end of parsing: "interactive", `readystatechange`, then the deferred and module scripts
    /// in order, each in a task of its own; `then` runs after the last (at once when none waits).
    func endParsing(then: @escaping () -> Void) {
        guard outcome == nil else { return then() }
        setReadiness("interactive")
        fire("document", "readystatechange", bubbles: false)
        runWaiting(then: then)
    }

    /// `DOMContentLoaded` at the document, bubbling to the window.
    func fireContentLoaded() {
        guard outcome == nil else { return }
        fire("document", "DOMContentLoaded", bubbles: true)
    }

    /// Once every `async` script ran: "complete" and `readystatechange`, then `then`.
    func complete(then: @escaping () -> Void) {
        guard outcome == nil else { return then() }
        afterAsyncScripts { [weak self] in
            guard let self, outcome == nil else { return then() }
            setReadiness("complete")
            fire("document", "readystatechange", bubbles: false)
            then()
        }
    }

    /// Runs `body` once every `async` script the parser met has run (at once when none is left).
    func afterAsyncScripts(_ body: @escaping () -> Void) {
        guard outcome == nil else { return body() }
        if pendingAsync == 0 { body() } else { whenNoAsync = body }
    }

    /// `load` at the window, then `pageshow` (not from the back/forward cache): the load has ended.
    func fireLoad() {
        guard outcome == nil else { return }
        fire("window", "load", bubbles: false)
        fire("window", "pageshow", bubbles: false)
        finish(loaded: true)
    }

    // MARK: - Parsing

    /// Calls the host realm's `name` with string arguments (then, `withWorld`, the record of the
    /// context the scripts run in) and reads the step it returns; nil when the page's context
    /// closed. A failure of the host's own (a bug) is reported, and the load stops.
    private func call(_ name: String, _ arguments: [String], withWorld: Bool = false) -> Step? {
        guard let host, let context, !context.isClosed else { return nil }
        do {
            let function = try host.realm.value(name, in: "document_loading")
            let realm = host.realm.script
            var values = arguments.map { realm.string($0) }
            if withWorld { values.append(try context.realmRecord()) }
            guard let text = try function.call(values).stringValue else {
                throw ScriptError(name: "Error", message: "\(name) answered no step")
            }
            return try JSONDecoder().decode(Step.self, from: Data(text.utf8))
        } catch let error as ThrownValue {
            host.emit(.error, "exthost could not go on loading \(url): \(error.scriptError.summary)", from: context, isUncaught: true)
        } catch {
            host.emit(.error, "exthost could not go on loading \(url): \(error)", from: context, isUncaught: true)
        }
        abandon()
        return nil
    }

    /// Parses on from `first`: scripts that run now run, those that wait are set aside, until a
    /// script must be fetched (the parse goes on after it, in a task of its own) or the text ends.
    /// (A loop: a page may hold thousands of scripts.)
    private func parse(from first: Step?) {
        var next = first
        while let step = next {
            guard let context, !context.isClosed else { return }
            guard let script = step.script else {
                if step.parsed == true, let then = whenParsed {
                    whenParsed = nil
                    then()
                }
                return
            }
            if script.type == "module" ? !script.async : script.`defer` && script.src != nil {
                waiting.append(script)
            } else if script.async, script.src != nil || script.type == "module" {
                pendingAsync += 1
                host?.crossProcess { [weak self] in
                    guard let self, outcome == nil else { return }
                    run(script)
                    pendingAsync -= 1
                    if pendingAsync == 0, let body = whenNoAsync {
                        whenNoAsync = nil
                        body()
                    }
                }
            } else if script.src != nil {
                // (A parser-blocking script is fetched first: the parser waits a task or more.)
                host?.crossProcess { [weak self] in
                    guard let self, outcome == nil else { return }
                    run(script)
                    parse(from: call("continueDocumentLoad", [documentID]))
                }
                return
            } else {
                run(script)
            }
            next = call("continueDocumentLoad", [documentID])
        }
    }

    private func runWaiting(then: @escaping () -> Void) {
        guard !waiting.isEmpty else { return then() }
        let script = waiting.removeFirst()
        host?.crossProcess { [weak self] in
            guard let self, outcome == nil else { return }
            run(script)
            runWaiting(then: then)
        }
    }

    private func setReadiness(_ state: String) {
        guard let host else { return }
        guard runsScripts else {
            host.setReadiness(state, ofDocument: documentID)
            return
        }
        guard let set = try? host.realm.value("setDocumentReadiness", in: "document_loading") else { return }
        _ = try? set.call([host.realm.script.string(documentID), host.realm.script.string(state)])
    }

    private func fire(_ target: String, _ type: String, bubbles: Bool) {
        host?.fireDocumentEvent(type, at: target, documentID: documentID, bubbles: bubbles)
    }

    // MARK: - Running a script

    /// Runs `script` in the page's context, or reports why it cannot: an extension page runs its
    /// extension's own files only; a web page runs its inline scripts and what the site serves.
    private func run(_ script: Script) {
        guard let context, !context.isClosed, let host else { return }
        guard let src = script.src else {
            guard context.owner == nil else {
                context.refuseInlineScript(script.text ?? "", documentURL: url, line: script.line)
                return
            }
            runInline(script, in: context, host: host)
            return
        }
        // (Once run, `load` at the element; a script that cannot load, `error`.)
        let failed = { host.fireScriptElementEvent(script.element, documentID: self.documentID, event: "error") }
        let base = WebURL(string: url)
        guard let resolved = WebURL(string: src, relativeTo: base), !src.isEmpty else { return failed() }
        let classic: ClassicScript
        if let instance = context.owner {
            guard instance.isOwn(resolved) else {
                context.refuseScript(at: resolved.href, documentURL: url, line: script.line)
                return failed()
            }
            guard let path = instance.path(of: resolved), instance.fileInside(path) != nil else {
                context.reportMissingScript(resolved.href)
                return failed()
            }
            classic = instance.classicScript(ofFile: path, realm: host.realm)
        } else {
            guard let resource = host.options.siteMap.resource(for: resolved) else {
                context.reportMissingScript(resolved.href)
                return failed()
            }
            context.webScriptCount += 1
            classic = ClassicScript(text: String(decoding: resource.contents, as: UTF8.self), url: resolved.hrefExcludingFragment, index: context.webScriptCount,
                                   realm: host.realm, isRunOnce: true)
        }
        if script.type == "module" {
            // (A module script is no document's `currentScript`.)
            _ = context.runModuleScript(resolved.href)
        } else {
            setCurrentScript(script.index)
            context.runScript(classic)
            setCurrentScript(-1)
        }
        host.fireScriptElementEvent(script.element, documentID: documentID, event: "load")
    }

    /// Runs a web page's inline script: a classic one at its line of the document, a module one as
    /// a module whose URL is the document's (each its own, told apart by a fragment).
    private func runInline(_ script: Script, in context: ExtensionContext, host: ExtensionHost) {
        let text = script.text ?? ""
        if script.type == "module" {
            inlineModules += 1
            let moduleURL = (WebURL(string: url)?.hrefExcludingFragment ?? url) + "#exthost-inline-module-\(inlineModules)"
            host.inlineModuleTexts[moduleURL] = (text, script.line)
            _ = context.runModuleScript(moduleURL)
            return
        }
        setCurrentScript(script.index)
        defer { setCurrentScript(-1) }
        context.webScriptCount += 1
        context.runScript(ClassicScript(text: text, url: url, index: context.webScriptCount, realm: host.realm, startingLine: script.line, isRunOnce: true))
    }

    private func setCurrentScript(_ index: Int) {
        guard let host, let set = try? host.realm.value("setCurrentScript", in: "document_loading") else { return }
        _ = try? set.call([host.realm.script.string(documentID), host.realm.script.number(Double(index))])
    }
}
