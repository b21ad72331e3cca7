import BrowserModel
import Foundation
import JSEngine

/// `--network` (issue 9, item 2): what a context's `fetch` or `XMLHttpRequest` sends to a real
/// server (``NetworkSession``), and its answer back in a task of the context's own. A context with
/// host permission for the URL (a content script: its page's origin) reads any answer; another
/// sends its origin (`Origin`) and reads the answer only when the server allows that origin
/// (`Access-Control-Allow-Origin`), as CORS has it for a simple request; otherwise the request
/// fails with the browser's console report.
extension ExtensionContext {
    /// `fetch.send(url, method, headersJSON, body, cors, callback)`: sends the request and calls
    /// `callback` later, in a task, with `{kind: 'response', status, statusText, url, redirected,
    /// headers: [[name, value], ...], body: ArrayBuffer}` or `{kind: 'network'}`.
    func fetchSend(_ call: NativeCall) throws -> NativeResult {
        let url = try call.requiredString(0, "fetch.send", "url")
        let method = try call.requiredString(1, "fetch.send", "method")
        let headersJSON = try call.requiredString(2, "fetch.send", "headers")
        let bodyValue = call.argument(3)
        let cors = try call.requiredBoolean(4, "fetch.send", "cors")
        let callback = call.argument(5)
        guard callback.isFunction else { throw NativeArgumentError("fetch.send: argument 6 (callback) must be a function.") }
        guard let host, let session = host.networkSession else { throw NativeArgumentError("fetch.send: the run has no --network.") }
        var headers: [(String, String)] = []
        if case .array(let pairs)? = JSONValue.parse(headersJSON) {
            for pair in pairs { if let name = pair[0]?.stringValue, let value = pair[1]?.stringValue { headers.append((name, value)) } }
        }
        let origin = self.origin
        if cors { headers.append(("Origin", origin)) }
        let body = bodyValue.isUndefined ? nil : bodyValue.bufferSourceBytes
        let request = NetworkRequest(url: url, method: method, headers: headers, body: body)
        let pending = PendingAnswer(context: self, callback: callback, loop: host.loop)
        host.loop.beginOutsideWork()
        session.send(request) { answer in
            pending.loop.finishOutsideWork { pending.deliver(answer, request: request, cors: cors, origin: origin) }
        }
        return .undefined
    }

    /// What a request waits with: the context (weakly: it may close first), the callback, and the
    /// loop its answer comes back on. Handed from the loop's thread to URLSession's and back: its
    /// members are used on the loop's thread only.
    final class PendingAnswer: @unchecked Sendable {
        weak var context: ExtensionContext?
        let callback: ScriptValue
        let loop: EventLoop

        init(context: ExtensionContext, callback: ScriptValue, loop: EventLoop) {
            self.context = context
            self.callback = callback
            self.loop = loop
        }

        /// Calls the callback with `answer` (on the loop's thread), unless the context closed.
        func deliver(_ answer: NetworkAnswer, request: NetworkRequest, cors: Bool, origin: String) {
            guard let context, !context.isClosed else { return }
            let script = context.script
            let value: ScriptValue
            switch answer {
            case .failed:
                value = script.parseJSON(#"{"kind":"network"}"#) ?? script.undefined
            case let .response(status, statusText, url, headers, body):
                if cors, !Self.allows(headers, origin: origin) {
                    context.reportBlocked(request.url, origin: origin, status: status)
                    value = script.parseJSON(#"{"kind":"network"}"#) ?? script.undefined
                    break
                }
                let meta = JSONValue.object([
                    ("kind", .string("response")), ("status", .int(status)), ("statusText", .string(statusText)), ("url", .string(url)),
                    ("redirected", .bool(url != request.url)),
                    ("headers", .array(headers.map { .array([.string($0.0), .string($0.1)]) })),
                ])
                guard let object = script.parseJSON(meta.jsonText) else { return }
                try? object.setProperty("body", script.arrayBuffer(body))
                value = object
            }
            let (_, stop) = script.runTask {
                do {
                    _ = try callback.call([value])
                } catch let error as ThrownValue {
                    if !script.machine.isStopping { context.report(error) }
                } catch {}
            }
            if let stop { context.reportStop(stop) }
        }

        /// Whether the answer's `Access-Control-Allow-Origin` lets `origin` read it.
        static func allows(_ headers: [(String, String)], origin: String) -> Bool {
            guard let allowed = headers.first(where: { $0.0 == "access-control-allow-origin" })?.1.trimmingCharacters(in: .whitespaces) else {
                return false
            }
            return allowed == "*" || allowed == origin
        }
    }

    /// The browser's console report of an answer its CORS check refused.
    func reportBlocked(_ url: String, origin: String, status: Int) {
        host?.emit(.error, flavor == .chrome
            ? "Access to fetch at '\(url)' from origin '\(origin)' has been blocked by CORS policy: "
                + "No 'Access-Control-Allow-Origin' header is present on the requested resource."
            : "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at \(url). "
                + "(Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: \(status).", from: self)
    }
}
