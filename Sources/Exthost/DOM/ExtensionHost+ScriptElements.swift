import BrowserModel
import Foundation
import JSEngine

/// A script element a script inserted, as js/63_dom.js describes it once the element is ready
/// (HTML's "prepare the script element" for an element no parser made).
struct InsertedScript {
    /// The number the host realm knows the element by (its events and `currentScript`).
    let index: Int
    /// `classic` or `module`.
    let type: String
    /// The `src` attribute as written (nil: an inline script).
    let src: String?
    /// An inline script's text.
    let text: String?
    /// The document the element is in (the inserting world's, or another frame's it reaches).
    let documentID: String
    /// The `href` of the document's first `<base href>`, which sets the base URL `src` is resolved against.
    let baseHref: String?

    /// The description `page.runScriptElement` was given: `[index, type, src, text, documentID, baseHref]`.
    init?(_ arguments: JSONValue) {
        guard let index = arguments[0]?.intValue, let type = arguments[1]?.stringValue, type == "classic" || type == "module",
              let documentID = arguments[4]?.stringValue else { return nil }
        self.documentID = documentID
        baseHref = arguments[5]?.stringValue
        self.index = index
        self.type = type
        src = arguments[2]?.stringValue
        text = arguments[3]?.stringValue
    }
}

// Script elements scripts insert into a document (recorded: fixtures/conformance/inserted-scripts).
// The world that inserted one asks for it to run; it runs in the scripts' context of its document
// (a web page's main world, made now when the page has none; an extension page itself), under
// the policy of the world that inserted it:
//
// - a content script's, in Chromium: its isolated world's policy refuses inline scripts and
//   sources it does not list (`data:`), with a console message in the content script (and an
//   `error` event for a source); in Firefox the content scripts' policy governs sources only;
// - an extension page's: inline scripts and other origins' files are refused as its parser's are;
// - a web page's own scripts: no policy (the site mapping sends none).
//
// An inline classic script runs at once, inside the DOM call that inserted it; anything else runs
// in a task of its own (a fetch takes one here: every source is local), then `load` (or `error`)
// fires at the element in every world of the document. Tasks run in the order they were queued
// and every source is ready after one, so scripts run in insertion order: what HTML's "list of
// scripts that will execute in order as soon as possible" asks of those whose `async` is false,
// and one order of the many the network could give the others.
extension ExtensionHost {
    /// Runs (or refuses) `script`, which the world `inserter` inserted into its document.
    func runInsertedScript(_ script: InsertedScript, insertedBy inserter: ExtensionContext) {
        let documentID = script.documentID
        guard let runner = scriptsContext(ofDocument: documentID, insertedBy: inserter) else { return forget(script) }
        let documentURL = runner.url
        let policies = inserter.contentSecurityPolicies
        guard let src = script.src else {
            if inserter.kind == .content, options.flavor == .chrome, let policy = policies.first(where: { !$0.allowsInlineScript }) {
                inserter.refuseInsertedInlineScript(script.text ?? "", policy: policy)
                return forget(script)
            }
            if inserter.owner != nil, inserter.kind != .content {
                inserter.refuseInlineScript(script.text ?? "", documentURL: documentURL, line: 1)
                return forget(script)
            }
            runInline(script, in: runner, documentID: documentID, documentURL: documentURL)
            return
        }
        let documentBase = WebURL(string: documentURL)
        let base = script.baseHref.flatMap { WebURL(string: $0, relativeTo: documentBase) } ?? documentBase
        guard !src.isEmpty, let url = WebURL(string: src, relativeTo: base) else {
            return finish(script, documentID: documentID, event: "error")
        }
        if inserter.kind == .content, let owner = inserter.owner,
           let policy = policies.first(where: { !$0.allowsScript(from: url, selfOrigin: WebURL(string: owner.id.baseURL)?.origin ?? "") }) {
            inserter.refuseInsertedSource(url, policy: policy)
            return finish(script, documentID: documentID, event: "error")
        }
        if inserter.owner != nil, inserter.kind != .content, !(inserter.owner?.isOwn(url) ?? false) {
            inserter.refuseScript(at: url.href, documentURL: documentURL, line: 1)
            return forget(script)
        }
        guard let text = scriptText(at: url, for: runner) else {
            if runner.kind == .webPage { runner.reportMissingScript(url.href) }
            return finish(script, documentID: documentID, event: "error")
        }
        crossProcess { [weak self, weak runner] in
            guard let self, let runner, !runner.isClosed else { return }
            if script.type == "module" {
                _ = runner.runModuleScript(url.href)
            } else {
                runner.webScriptCount += 1
                let classic = ClassicScript(text: text, url: url.hrefExcludingFragment, index: runner.webScriptCount, realm: realm, isRunOnce: true)
                setRunning(script, documentID: documentID, true)
                runner.runScript(classic)
                setRunning(script, documentID: documentID, false)
            }
            fireScriptElementEvent(script.index, documentID: documentID, event: "load")
        }
    }

    /// The context the document `documentID`'s own scripts run in: an extension page's (its own),
    /// a web page's main world (made now when its page has none). The document is the inserting
    /// world's, or another it reaches (a same-origin frame's).
    private func scriptsContext(ofDocument documentID: String, insertedBy inserter: ExtensionContext) -> ExtensionContext? {
        if documentID == inserter.documentID {
            switch inserter.kind {
            case .webPage, .page, .background: return inserter
            case .content: return try? inserter.pageWorld(host: self)
            case .driver: return nil
            }
        }
        let worlds = contexts(ofDocument: documentID).filter { !$0.isClosed }
        if let own = worlds.first(where: { $0.kind == .webPage || $0.kind == .page || $0.kind == .background }) { return own }
        guard let (tab, frame) = frame(showing: documentID) else { return nil }
        return mainWorld(ofFrame: frame, inTab: tab.id)
    }

    /// An inline script: a classic one runs now, at line 1 of the document's URL (its text is the
    /// element's, not the document's); a module one in a task, as a module whose URL is the
    /// document's with a fragment of its own.
    private func runInline(_ script: InsertedScript, in runner: ExtensionContext, documentID: String, documentURL: String) {
        let text = script.text ?? ""
        guard script.type == "module" else {
            runner.webScriptCount += 1
            runner.runScript(ClassicScript(text: text, url: documentURL, index: runner.webScriptCount, realm: realm, isRunOnce: true))
            return
        }
        insertedModuleCount += 1
        let moduleURL = (WebURL(string: documentURL)?.hrefExcludingFragment ?? documentURL) + "#exthost-inserted-module-\(insertedModuleCount)"
        inlineModuleTexts[moduleURL] = (text, 1)
        crossProcess { [weak self, weak runner] in
            guard let self, let runner, !runner.isClosed else { return }
            _ = runner.runModuleScript(moduleURL)
            forget(script)
        }
    }

    /// The text of the script at `url` as the document of `runner` loads it (no CORS for a classic
    /// script): a `data:` URL's; a file of an extension (for a web page, only what its
    /// `web_accessible_resources` give the page; for an extension page, its own); what the site
    /// serves. Nil when there is none (an error event).
    private func scriptText(at url: WebURL, for runner: ExtensionContext) -> String? {
        switch url.scheme {
        case "data":
            return DataURL(url).map { String(decoding: $0.body, as: UTF8.self) }
        case "chrome-extension", "moz-extension":
            guard let owner = extensions.first(where: { $0.isOwn(url) }), let path = owner.path(of: url) else { return nil }
            if runner.kind == .webPage {
                guard owner.webAccessibleResources.isAccessible(path: path, from: runner.url) else { return nil }
            } else if runner.owner !== owner {
                return nil
            }
            return owner.fileInside(path).map { String(decoding: $0.contents, as: UTF8.self) }
        case "http", "https":
            return options.siteMap.resource(for: url).map { String(decoding: $0.contents, as: UTF8.self) }
        default:
            return nil
        }
    }

    /// The element's `error` (or `load`) in a task of its own.
    private func finish(_ script: InsertedScript, documentID: String, event: String) {
        crossProcess { [weak self] in self?.fireScriptElementEvent(script.index, documentID: documentID, event: event) }
    }

    /// The host realm forgets an element that will hear nothing.
    private func forget(_ script: InsertedScript) {
        guard let forget = try? realm.value("forgetScriptElement", in: "dom") else { return }
        _ = try? forget.call([realm.script.number(Double(script.index))])
    }

    /// The document's `currentScript` is the element while its classic script runs.
    private func setRunning(_ script: InsertedScript, documentID: String, _ running: Bool) {
        guard let set = try? realm.value("scriptElementRuns", in: "dom") else { return }
        _ = try? set.call([realm.script.string(documentID), realm.script.number(Double(script.index)), realm.script.boolean(running)])
    }

    /// `load` or `error` at the script element the host realm numbered `index` (one a script
    /// inserted, or one with `src` the parser met), in every world of its document; the host realm
    /// forgets the element then.
    func fireScriptElementEvent(_ index: Int, documentID: String, event: String) {
        guard index > 0, realm.loadedModuleNames.contains("dom") else { return }
        guard let world = dispatchingWorld(ofDocument: documentID), let record = try? world.realmRecord(),
              let fire = try? realm.value("fireScriptElementEvent", in: "dom") else {
            if let forget = try? realm.value("forgetScriptElement", in: "dom") { _ = try? forget.call([realm.script.number(Double(index))]) }
            return
        }
        _ = world.runTopLevel {
            _ = try fire.call([record, realm.script.string(documentID), realm.script.number(Double(index)), realm.script.string(event)])
            return true
        }
    }
}
