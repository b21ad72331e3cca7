import BrowserModel
import JSEngine

/// The API surface on the Swift side: each namespace's functions, by `namespace.name`.
///
/// The JavaScript side (`js/5x_*.js`) describes every function once and checks its arguments;
/// it then calls here with plain data. Asynchronous functions answer through ``APIRequest``;
/// synchronous ones return at once.
final class ExtensionAPI {
    typealias AsyncFunction = (APIRequest) -> Void
    typealias SyncFunction = (JSONValue, ExtensionContext) -> Result<NativeResult, APIError>

    unowned let host: ExtensionHost
    private var asyncFunctions: [String: AsyncFunction] = [:]
    private var syncFunctions: [String: SyncFunction] = [:]

    init(host: ExtensionHost) {
        self.host = host
        TabsAPI.register(in: self)
        TabsQuery.register(in: self)
        WindowsAPI.register(in: self)
        FrameAPI.register(in: self)
        URLAPI.register(in: self)
    }

    /// The flavor's texts.
    var texts: FlavorTexts { FlavorTexts(flavor: host.options.flavor) }

    /// Adds an asynchronous function.
    func define(_ method: String, _ body: @escaping AsyncFunction) {
        asyncFunctions[method] = body
    }

    /// Adds a synchronous function.
    func defineSync(_ method: String, _ body: @escaping SyncFunction) {
        syncFunctions[method] = body
    }

    func request(_ request: APIRequest) {
        guard let function = asyncFunctions[request.method] else {
            request.fail("exthost does not implement \(request.method) yet.")
            return
        }
        function(request)
    }

    func call(_ method: String, arguments: JSONValue, from context: ExtensionContext) -> Result<NativeResult, APIError> {
        guard let function = syncFunctions[method] else {
            return .failure(APIError(message: "exthost does not implement \(method) yet."))
        }
        return function(arguments, context)
    }
}
