import BrowserModel
import Foundation
import JSEngine

extension ExtensionContext {
    /// One script of a service worker's `importScripts(...)` (js/33_worker.js), run now, in the
    /// worker, as Chromium runs it (fixtures/conformance/worker-import-scripts): a file of the
    /// extension, while the worker's script first runs, and afterwards only one imported then
    /// (Chromium keeps those with the worker; any other fails to load). Another origin is refused
    /// by the worker's content security policy (`script-src 'self'`), as the console says.
    ///
    /// - Returns: `"network"` when the script cannot be loaded (the caller throws the
    ///   NetworkError); undefined when it ran.
    /// - Throws: a `SyntaxError` with Chromium's words when it does not parse; what it threw.
    func importScript(_ call: NativeCall) throws -> NativeResult {
        let href = try call.requiredString(0, "engine.importScript", "url")
        guard isServiceWorker, let url = WebURL(string: href) else { return .string("network") }
        guard let owner, owner.isOwn(url) else {
            if url.scheme == "http" || url.scheme == "https" {
                host?.emit(.error, "Loading the script '\(url.href)' violates the following Content Security Policy directive: \"script-src 'self'\". "
                    + "Note that 'script-src-elem' was not explicitly set, so 'script-src' is used as a fallback. The action has been blocked.", from: self)
            }
            return .string("network")
        }
        guard let path = owner.path(of: url), let file = owner.fileInside(path) else { return .string("network") }
        guard let host else { return .string("network") }
        let classic = owner.classicScript(ofFile: path, realm: host.realm)
        let source = classic.source
        if hasFinishedFirstEvaluation, !importedScripts.contains(source.url) { return .string("network") }
        do {
            try script.checkSyntax(String(decoding: file.contents, as: UTF8.self), sourceURL: source.url)
        } catch {
            throw ScriptError(name: "SyntaxError", message: "Failed to execute 'importScripts' on 'WorkerGlobalScope': \(error.message)")
        }
        importedScripts.insert(source.url)
        try declareImportBinding(of: classic)
        _ = try script.execute(source)
        return .undefined
    }

    /// Chromium: installs and activates the service worker (js/33_service_worker.js: its `install`
    /// and `activate` events, its ServiceWorker's states), once its script has first run. When
    /// neither that module nor the events module is loaded, no script can listen: the worker is
    /// simply activated, as the module finds if it loads later.
    func startWorkerLifecycle() {
        guard !isClosed, let hostObject else { return }
        guard hasLoaded("service_worker") || hasLoaded("events") else {
            // (Defined, not assigned: no setter a script put on Object.prototype runs.)
            try? hostObject.property("context").defineProperty("workerActivated", script.boolean(true), enumerable: true)
            owner?.serviceWorkerInstalled = true
            return
        }
        _ = runTopLevel {
            guard let run = hostFunction("runWorkerLifecycle", in: "service_worker") else { return false }
            _ = try run.call([])
            return true
        }
    }
}
