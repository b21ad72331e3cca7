import BrowserModel
import JSEngine

/// The API surface on the Swift side: each namespace's functions, by `namespace.name`.
///
/// The JavaScript side (`js/5x_*.js`) describes every function once and checks its arguments;
/// it then calls here with plain data. Asynchronous functions answer through ``APIRequest``;
/// synchronous ones return at once.
final class ExtensionAPI {
    /// An asynchronous function: the host it runs in and the request, which it answers later.
    typealias AsyncFunction = (ExtensionHost, APIRequest) -> Void
    /// A synchronous function: the host it runs in, the arguments and the calling context.
    typealias SyncFunction = (ExtensionHost, JSONValue, ExtensionContext) -> Result<NativeResult, APIError>

    // The table holds no host: the host owns it, and each call is given the host it runs in, so
    // nothing here can keep a host alive or outlive it.
    private var asyncFunctions: [String: (contexts: Set<ContextKind>, body: AsyncFunction)] = [:]
    private var syncFunctions: [String: (contexts: Set<ContextKind>, body: SyncFunction)] = [:]

    init() {
        RuntimeAPI.register(in: self)
        StorageAPI.register(in: self)
        AlarmsAPI.register(in: self)
        ActionAPI.register(in: self)
        I18nAPI.register(in: self)
        CommandsAPI.register(in: self)
        TabsAPI.register(in: self)
        TabsQuery.register(in: self)
        WindowsAPI.register(in: self)
        WebNavigationAPI.register(in: self)
        FrameAPI.register(in: self)
        ViewsAPI.register(in: self)
        URLAPI.register(in: self)
        TestAPI.register(in: self)
        DevToolsAPI.register(in: self)
        UserActivationAPI.register(in: self)
        ClipboardAPI.register(in: self)
        ScriptElementAPI.register(in: self)
        ManagementAPI.register(in: self)
        ScriptingAPI.register(in: self)
        RegisteredContentScriptsAPI.register(in: self)
        PermissionsAPI.register(in: self)
        ContextMenusAPI.register(in: self)
        // (A namespace the browser has and exthost does not yet, touched: js/90_namespaces.js.)
        defineSync("api.missing", contexts: [.background, .page, .driver]) { host, arguments, context in
            guard let name = arguments[0]?.stringValue else { return .success(.undefined) }
            host.noteMissingAPI(name, touchedIn: context)
            return .success(.undefined)
        }
    }

    /// Adds an asynchronous function that the kinds of context in `contexts` may call (as in the
    /// browsers: `tabs` and `windows` are not there for content scripts).
    func define(_ method: String, contexts: Set<ContextKind>, _ body: @escaping AsyncFunction) {
        asyncFunctions[method] = (contexts, body)
    }

    /// Adds a synchronous function that the kinds of context in `contexts` may call.
    func defineSync(_ method: String, contexts: Set<ContextKind>, _ body: @escaping SyncFunction) {
        syncFunctions[method] = (contexts, body)
    }

    /// Runs an asynchronous call; its answer comes as a task. A context whose kind does not have
    /// the function gets an error, whatever reached the native.
    func request(_ request: APIRequest, in host: ExtensionHost) {
        host.trace?.addBrowser(.apiCall, at: host.loop.now, context: request.context, title: request.method, detail: request.arguments.jsonText)
        guard let function = asyncFunctions[request.method] else {
            request.fail("exthost does not implement \(request.method) yet.")
            return
        }
        guard function.contexts.contains(request.context.kind) else {
            request.fail(Self.unavailableText(request.method, request.context.kind))
            return
        }
        function.body(host, request)
    }

    /// Runs a synchronous call.
    func call(_ method: String, arguments: JSONValue, from context: ExtensionContext, in host: ExtensionHost) -> Result<NativeResult, APIError> {
        guard let function = syncFunctions[method] else {
            return .failure(APIError(message: "exthost does not implement \(method) yet."))
        }
        guard function.contexts.contains(context.kind) else {
            return .failure(APIError(message: Self.unavailableText(method, context.kind)))
        }
        return function.body(host, arguments, context)
    }

    private static func unavailableText(_ method: String, _ kind: ContextKind) -> String {
        "\(method) is not available in a \(kind.rawValue) context."
    }
}
