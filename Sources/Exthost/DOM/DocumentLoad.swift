import BrowserModel
import Foundation
import JSEngine

/// The loading of a document whose own scripts run in its context (an extension page: its popup,
/// one of its pages in a tab), as HTML's parser and "the end" of loading order it
/// (js/64_document_loading.js parses; this runs the scripts):
///
/// 1. The document is parsed up to each `</script>`; a classic script without `src` runs there,
///    one with `src` (neither `defer` nor `async`) after it is fetched, each in a task of its own,
///    and parsing goes on after it. A `defer` script and a module script wait for the end of
///    parsing; an `async` one runs in a task of its own as soon as it is fetched.
/// 2. At the end of parsing: `readyState` "interactive" and `readystatechange`; the waiting
///    scripts in document order; then `DOMContentLoaded` at the document (bubbling to the window).
/// 3. Then `readyState` "complete", `readystatechange`, and `load` at the window.
///
/// An extension page runs only its extension's own files: an inline script, or one from anywhere
/// else, is refused by the extension pages' content security policy and reported on the console
/// as the flavor's browser reports it.
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
    }

    private struct Step: Decodable {
        let script: Script?
        let parsed: Bool?
    }

    private weak var context: ExtensionContext?
    private weak var host: ExtensionHost?
    let documentID: String
    let url: String
    private let html: String
    /// The scripts that wait for the end of parsing, in document order.
    private var waiting: [Script] = []
    /// The `async` scripts not run yet.
    private var pendingAsync = 0
    private var parsed = false
    private var completed = false
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
        finish(loaded: false)
        if let host, let forget = try? host.realm.value("abandonDocumentLoad", in: "document_loading") {
            _ = try? forget.call([host.realm.script.string(documentID)])
        }
    }

    private func finish(loaded: Bool) {
        outcome = loaded
        let waiting = completionWaiters
        completionWaiters = []
        for body in waiting { body(loaded) }
    }

    /// A load of `source` as the document `documentID`, whose scripts run in `context`.
    init(context: ExtensionContext, documentID: String, source: DocumentSource) {
        self.context = context
        self.host = context.host
        self.documentID = documentID
        self.url = source.url
        self.html = source.html
    }

    /// Starts loading: the first parse runs as a task.
    func start() {
        host?.loop.enqueue { [self] in
            parse(from: call("beginDocumentLoad", [documentID, url, html]))
        }
    }

    // MARK: - Steps

    /// Calls the host realm's `name` with string arguments and reads the step it returns; nil when
    /// the page's context closed. A failure of the host's own (a bug) is reported, and the load stops.
    private func call(_ name: String, _ arguments: [String]) -> Step? {
        guard let host, let context, !context.isClosed else { return nil }
        do {
            let function = try host.realm.value(name, in: "document_loading")
            let realm = host.realm.script
            guard let text = try function.call(arguments.map { realm.string($0) }).stringValue else {
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
                if step.parsed == true { endParsing() }
                return
            }
            if script.type == "module" ? !script.async : script.`defer` && script.src != nil {
                waiting.append(script)
            } else if script.async, script.src != nil || script.type == "module" {
                pendingAsync += 1
                host?.crossProcess { [weak self] in
                    guard let self else { return }
                    run(script)
                    pendingAsync -= 1
                    finishIfDone()
                }
            } else if script.src != nil {
                // (A parser-blocking script is fetched first: the parser waits a task or more.)
                host?.crossProcess { [weak self] in
                    guard let self else { return }
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

    /// HTML's "the end": "interactive", the waiting scripts, `DOMContentLoaded`, then load.
    private func endParsing() {
        parsed = true
        setReadiness("interactive")
        fire("document", "readystatechange", bubbles: false)
        runWaiting()
    }

    private func runWaiting() {
        guard !waiting.isEmpty else {
            host?.loop.enqueue { [weak self] in
                guard let self else { return }
                fire("document", "DOMContentLoaded", bubbles: true)
                finishIfDone()
            }
            return
        }
        let script = waiting.removeFirst()
        host?.crossProcess { [weak self] in
            guard let self else { return }
            run(script)
            runWaiting()
        }
    }

    private func finishIfDone() {
        guard parsed, waiting.isEmpty, pendingAsync == 0, !completed else { return }
        completed = true
        host?.loop.enqueue { [weak self] in
            guard let self else { return }
            setReadiness("complete")
            fire("document", "readystatechange", bubbles: false)
            fire("window", "load", bubbles: false)
            finish(loaded: true)
        }
    }

    private func setReadiness(_ state: String) {
        guard let host, let set = try? host.realm.value("setDocumentReadiness", in: "document_loading") else { return }
        _ = try? set.call([host.realm.script.string(documentID), host.realm.script.string(state)])
    }

    private func fire(_ target: String, _ type: String, bubbles: Bool) {
        guard let host, let context, !context.isClosed, let record = try? context.realmRecord(),
              let fire = try? host.realm.value("fireDocumentEvent", in: "dom") else { return }
        let realm = host.realm.script
        _ = context.runTopLevel {
            _ = try fire.call([record, realm.string(documentID), realm.string(target), realm.string(type), realm.boolean(bubbles)])
            return true
        }
    }

    // MARK: - Running a script

    /// Runs `script` in the page's context, or reports why it cannot.
    private func run(_ script: Script) {
        guard let context, !context.isClosed, let host else { return }
        let instance = context.owner
        guard let src = script.src else {
            context.refuseInlineScript(script.text ?? "", documentURL: url, line: script.line)
            return
        }
        let base = WebURL(string: url)
        guard let resolved = WebURL(string: src, relativeTo: base), !src.isEmpty else { return }
        guard instance.isOwn(resolved) else {
            context.refuseScript(at: resolved.href, documentURL: url, line: script.line)
            return
        }
        guard let path = instance.path(of: resolved), instance.fileInside(path) != nil else {
            context.reportMissingScript(resolved.href)
            return
        }
        if script.type == "module" {
            // (A module script is no document's `currentScript`.)
            _ = context.runModuleScript(resolved.href)
        } else {
            setCurrentScript(script.index)
            defer { setCurrentScript(-1) }
            context.runScript(instance.classicScript(ofFile: path, realm: host.realm))
        }
    }

    private func setCurrentScript(_ index: Int) {
        guard let host, let set = try? host.realm.value("setCurrentScript", in: "document_loading") else { return }
        _ = try? set.call([host.realm.script.string(documentID), host.realm.script.number(Double(index))])
    }
}
