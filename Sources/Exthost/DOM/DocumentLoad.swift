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
    /// What waits for the end of the load (its `load` event fired), each run once.
    private var completionWaiters: [() -> Void] = []
    /// Whether the load has ended.
    private(set) var isComplete = false

    /// Runs `body` once the document has loaded (at once when it has).
    func whenComplete(_ body: @escaping () -> Void) {
        if isComplete { body() } else { completionWaiters.append(body) }
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
            guard let step = call("beginDocumentLoad", [documentID, url, html]) else { return }
            handle(step)
        }
    }

    // MARK: - Steps

    /// Calls the host realm's `name` with string arguments and reads the step it returns.
    private func call(_ name: String, _ arguments: [String]) -> Step? {
        guard let host, let context, !context.isClosed, let function = try? host.realm.value(name, in: "document_loading") else { return nil }
        let realm = host.realm.script
        guard let answer = try? function.call(arguments.map { realm.string($0) }), let text = answer.stringValue else { return nil }
        return try? JSONDecoder().decode(Step.self, from: Data(text.utf8))
    }

    private func handle(_ step: Step) {
        guard let context, !context.isClosed else { return }
        if let script = step.script {
            if script.type == "module" ? !script.async : script.`defer` && script.src != nil {
                waiting.append(script)
                return continueParsing()
            }
            if script.async, script.src != nil || script.type == "module" {
                pendingAsync += 1
                host?.crossProcess { [weak self] in
                    guard let self else { return }
                    run(script)
                    pendingAsync -= 1
                    finishIfDone()
                }
                return continueParsing()
            }
            if script.src != nil {
                // (A parser-blocking script is fetched first: the parser waits a task or more.)
                host?.crossProcess { [weak self] in
                    guard let self else { return }
                    run(script)
                    continueParsing()
                }
                return
            }
            run(script)
            return continueParsing()
        }
        guard step.parsed == true else { return }
        endParsing()
    }

    private func continueParsing() {
        guard let step = call("continueDocumentLoad", [documentID]) else { return }
        handle(step)
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
            isComplete = true
            let waiting = completionWaiters
            completionWaiters = []
            for body in waiting { body() }
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
