import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A request a context's `fetch` or `XMLHttpRequest` sends to a real server (`--network`).
struct NetworkRequest: Sendable {
    /// The URL (http or https).
    var url: String
    /// The method, as normalised (`GET`, `POST`, ...).
    var method: String
    /// The headers a script set, in order, then those the browser adds (`Origin`).
    var headers: [(String, String)]
    /// The body, if any.
    var body: [UInt8]?
}

/// What a real server answered, or that nothing came back.
enum NetworkAnswer: Sendable {
    /// A response: its status and reason, the final URL (after redirects), its headers (names
    /// lowercased, sorted, as a browser's `Headers` lists them), its body.
    case response(status: Int, statusText: String, url: String, headers: [(String, String)], body: [UInt8])
    /// No response: the connection failed, or timed out.
    case failed(reason: String)
}

/// The HTTP client of `--network`: Foundation's URLSession (FoundationNetworking, over libcurl,
/// shipped with Swift), without cache or cookie storage, following redirects as `fetch` does by
/// default. Answers come back on the loop's thread, as tasks (``EventLoop/finishOutsideWork(_:)``).
final class NetworkSession: @unchecked Sendable {  // URLSession is thread-safe; the rest is immutable
    /// The process's one session, made on first use: every host of the process shares it (a
    /// URLSession holds libcurl's handles, which FoundationNetworking does not give back when a
    /// session ends).
    static let shared = NetworkSession()

    private let session: URLSession

    private init() {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.timeoutIntervalForRequest = 60
        session = URLSession(configuration: configuration)
    }

    /// Sends `request` and calls `answer` (on a thread of URLSession's) with what came back.
    func send(_ request: NetworkRequest, answer: @escaping @Sendable (NetworkAnswer) -> Void) {
        guard let url = URL(string: request.url) else {
            answer(.failed(reason: "not a URL"))
            return
        }
        var urlRequest = URLRequest(url: url)
        urlRequest.httpMethod = request.method
        for (name, value) in request.headers { urlRequest.addValue(value, forHTTPHeaderField: name) }
        if let body = request.body { urlRequest.httpBody = Data(body) }
        let task = session.dataTask(with: urlRequest) { data, response, error in
            guard let response = response as? HTTPURLResponse else {
                answer(.failed(reason: error.map { String(describing: $0) } ?? "no response"))
                return
            }
            var headers: [(String, String)] = []
            for (name, value) in response.allHeaderFields {
                headers.append((String(describing: name).lowercased(), String(describing: value)))
            }
            headers.sort { $0.0 < $1.0 }
            answer(.response(status: response.statusCode, statusText: Self.reasonPhrase(response.statusCode),
                             url: response.url?.absoluteString ?? request.url, headers: headers, body: data.map { [UInt8]($0) } ?? []))
        }
        task.resume()
    }

    /// The standard reason phrase of `status` (URLSession does not keep the server's own).
    static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 201: "Created"
        case 202: "Accepted"
        case 204: "No Content"
        case 206: "Partial Content"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 303: "See Other"
        case 304: "Not Modified"
        case 307: "Temporary Redirect"
        case 308: "Permanent Redirect"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 409: "Conflict"
        case 410: "Gone"
        case 418: "I'm a teapot"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        default: ""
        }
    }
}
