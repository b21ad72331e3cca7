import BrowserModel
import Foundation
import JSEngine
import Synchronization

/// What a context's `fetch` of a URL gets, decided as the flavor's browser decides it offline
/// (fixtures/conformance/web-fetch): the extension's own files, pages the site mapping serves,
/// `data:` URLs; anything else fails as a browser without a network fails.
enum FetchOutcome {
    /// A response: status, status text, the response's URL, its headers in order, its body.
    case response(status: Int, statusText: String, url: String, headers: [(String, String)], body: [UInt8])
    /// A network error (the promise rejects with the flavor's TypeError).
    case networkError
    /// The input is not a URL, even relative to the context's.
    case invalidURL
    /// Firefox: a file of the extension that is not there (its URL). `fetch` gets an empty 200
    /// for it, `XMLHttpRequest` an error, as Firefox gives them.
    case missingExtensionFile(url: String)
    /// `--network`: a URL the site mapping does not serve, to ask its real server for; `cors`
    /// when the context may read the answer only if the server allows its origin (no host
    /// permission for it, or another origin than a content script's page).
    case remote(url: String, cors: Bool)
}

extension ExtensionContext {
    /// What a `fetch(input, {method})` from this context gets. `input` is resolved against the
    /// context's URL (the worker's script, the background page, the content script's page).
    ///
    /// - Parameter isFetch: whether `fetch` asks (Chromium's console explains a refused scheme
    ///   for `fetch` only; `XMLHttpRequest` says nothing).
    func fetchOutcome(of input: String, method: String, isFetch: Bool = true) -> FetchOutcome {
        guard let host, let url = WebURL(string: input, relativeTo: WebURL(string: self.url)) else { return .invalidURL }
        let flavor = host.options.flavor
        switch url.scheme {
        case "data":
            guard let data = DataURL(url) else { return .networkError }
            var headers: [(String, String)] = [("content-type", data.mimeType)]
            // (Firefox says how long the body is; Chromium does not.)
            if flavor == .firefox { headers.insert(("content-length", String(data.body.count)), at: 0) }
            return .response(status: 200, statusText: "OK", url: url.href, headers: headers, body: data.body)
        case "chrome-extension", "moz-extension":
            return extensionFileOutcome(url, flavor: flavor)
        case "http", "https":
            return siteOutcome(url, host: host)
        default:
            // (The browsers say why in the console: Firefox for both, Chromium for fetch.)
            if flavor == .chrome, !isFetch { return .networkError }
            report(flavor == .chrome
                ? "Fetch API cannot load \(url.href). URL scheme \"\(url.scheme)\" is not supported."
                : "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at \(url.href). (Reason: CORS request not http).")
            return .networkError
        }
    }

    /// Prints what the browser's console says of a refused fetch (an error of the browser's, not
    /// of a script: no exception is uncaught).
    private func report(_ text: String) {
        host?.emit(.error, text, from: self)
    }

    /// A file of the extension: its own contexts read it; a content script reads what the
    /// manifest's `web_accessible_resources` gives its page (fixtures/conformance/web-fetch-accessible),
    /// and nothing of another extension; a web page's own scripts read what any extension's
    /// `web_accessible_resources` give the page.
    private func extensionFileOutcome(_ url: WebURL, flavor: Flavor) -> FetchOutcome {
        let refused = { [self] () -> FetchOutcome in
            if flavor == .firefox, kind == .content { report("Security Error: Content at \(self.url) may not load or link to \(url.href).") }
            return .networkError
        }
        guard let owner = owner ?? host?.extensions.first(where: { $0.isOwn(url) }), owner.isOwn(url) else { return refused() }
        // (A segment that would leave the extension's directory names no file of it.)
        guard let path = owner.path(of: url) else { return .networkError }
        if kind == .content || kind == .webPage, !owner.webAccessibleResources.isAccessible(path: path, from: self.url) { return refused() }
        guard let file = owner.fileInside(path) else {
            // (Chromium fails; Firefox answers fetch and XMLHttpRequest differently.)
            return flavor == .firefox ? .missingExtensionFile(url: url.hrefExcludingFragment) : .networkError
        }
        let mimeType = PageResource.mimeType(forFileNamed: path)
        guard flavor == .chrome else {
            return .response(status: 200, statusText: "OK", url: url.hrefExcludingFragment, headers: [("content-type", mimeType)], body: Array(file.contents))
        }
        // Chromium's headers for an extension resource: its extension pages' content security
        // policy, an entity tag and the file's modification time (the tag is opaque: here a digest
        // of the file's size and time, which changes when the file does, as Chromium's).
        let modified = file.modified
        let tag = DigestAlgorithm.sha1.digest(Array("\(file.contents.count)-\(modified.timeIntervalSince1970)".utf8))
        return .response(status: 200, statusText: "OK", url: url.hrefExcludingFragment, headers: [
            ("cache-control", "no-cache"),
            ("content-security-policy", owner.manifest.manifestVersion >= 3 ? "script-src 'self';" : "script-src 'self'; object-src 'self';"),
            ("content-type", mimeType),
            ("etag", "\"" + Data(tag).base64EncodedString() + "\""),
            ("last-modified", Self.httpDate(modified)),
        ], body: Array(file.contents))
    }

    /// A page of the site mapping. A content script reaches its page's origin only (no server
    /// here sends CORS headers); the extension's own contexts reach what its host permissions
    /// match. A mapped origin answers a missing file with 404; an origin no mapping serves is
    /// offline.
    private func siteOutcome(_ url: WebURL, host: ExtensionHost) -> FetchOutcome {
        let served = host.options.siteMap.servesOrigin(of: url.href)
        let allowed = if let owner, kind != .content {
            owner.manifest.hostPermissionPatterns.contains(where: { $0.matches(url.href) })
        } else {
            url.origin == origin
        }
        if !served, host.options.network { return .remote(url: url.hrefExcludingFragment, cors: !allowed) }
        guard allowed else {
            // (No server here sends CORS headers: Firefox says so, with the status a served page had.)
            if host.options.flavor == .firefox, served {
                report("Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at \(url.href). "
                    + "(Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: \(host.options.siteMap.resource(for: url) == nil ? 404 : 200).")
            }
            return .networkError
        }
        guard served else { return .networkError }
        guard let resource = host.options.siteMap.resource(for: url) else {
            let body = Array("<!doctype html><title>404 Not Found</title><h1>Not Found</h1>".utf8)
            return .response(status: 404, statusText: "Not Found", url: url.hrefExcludingFragment,
                             headers: [("content-length", String(body.count)), ("content-type", "text/html")], body: body)
        }
        var headers: [(String, String)] = [("content-length", String(resource.contents.count)), ("content-type", resource.mimeType)]
        if let modified = resource.file.flatMap({ try? FileManager.default.attributesOfItem(atPath: $0.path) })?[.modificationDate] as? Date {
            headers.append(("last-modified", Self.httpDate(modified)))
        }
        return .response(status: 200, statusText: "OK", url: url.hrefExcludingFragment, headers: headers, body: Array(resource.contents))
    }

    /// An HTTP date (`Sun, 06 Dec 2026 02:11:17 GMT`).
    static func httpDate(_ date: Date) -> String {
        httpDateFormatter.withLock { $0.string(from: date) }
    }

    /// The formatter of HTTP dates, made once (a DateFormatter is costly to make, and not to be
    /// shared between threads unguarded).
    private static let httpDateFormatter = Mutex<DateFormatter>({
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter
    }())

    /// `fetch.load(input, method, api)`: the outcome as an object of the context: `{kind: 'response',
    /// status, statusText, url, headers: [[name, value], ...], body: ArrayBuffer}`, or `{kind:
    /// 'network'}`, `{kind: 'invalid'}` or `{kind: 'missing-file', url}` (``FetchOutcome``).
    func fetchLoad(_ call: NativeCall) throws -> NativeResult {
        let input = try call.requiredString(0, "fetch.load", "input")
        let method = try call.requiredString(1, "fetch.load", "method")
        let api = try call.requiredString(2, "fetch.load", "api")
        switch fetchOutcome(of: input, method: method, isFetch: api == "fetch") {
        case .invalidURL:
            return .json(#"{"kind":"invalid"}"#)
        case .networkError:
            return .json(#"{"kind":"network"}"#)
        case .missingExtensionFile(let url):
            return .json(JSONValue.object([("kind", .string("missing-file")), ("url", .string(url))]).jsonText)
        case let .remote(url, cors):
            return .json(JSONValue.object([("kind", .string("remote")), ("url", .string(url)), ("cors", .bool(cors))]).jsonText)
        case let .response(status, statusText, url, headers, body):
            let meta = JSONValue.object([
                ("kind", .string("response")), ("status", .int(status)), ("statusText", .string(statusText)), ("url", .string(url)),
                ("headers", .array(headers.map { .array([.string($0.0), .string($0.1)]) })),
            ])
            guard let object = script.parseJSON(meta.jsonText) else { return .undefined }
            try object.setProperty("body", script.arrayBuffer(body))
            return .value(object)
        }
    }
}
