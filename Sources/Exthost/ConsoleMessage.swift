/// Which kind of extension context a script runs in.
public enum ContextKind: String, Sendable, Codable {
    /// The extension's background (service worker, scripts or page).
    case background
    /// An extension's content scripts in one frame.
    case content
    /// A page of an extension (one of its files shown in a tab or a frame), with its own DOM and scripts.
    case page
    /// A web page's own scripts (the page's main world): its DOM's own world, with no extension API.
    case webPage
    /// A test driver script.
    case driver
}

extension ContextKind {
    /// Whether contexts of the kind are worlds of a frame's document, which they share: a content
    /// script's, an extension page's, a web page's main world (a background page's document is
    /// its own alone).
    var sharesDocument: Bool { self == .content || self == .page || self == .webPage }
}

/// The level of a console message.
public enum ConsoleLevel: String, Sendable, Codable {
    /// `console.log` and friends.
    case log
    /// `console.info`.
    case info
    /// `console.warn`.
    case warn
    /// `console.error`, uncaught errors, unhandled rejections.
    case error
    /// `console.debug`.
    case debug
}

/// One line (or multi-line entry) printed to the console by a script, or by the host about a script.
public struct ConsoleMessage: Sendable, Equatable, Codable {
    /// The kind of context that printed it.
    public var context: ContextKind
    /// The host's number of the context that printed it.
    public var contextId: Int?
    /// The tab of a content script's frame.
    public var tabId: Int?
    /// The frame of a content script.
    public var frameId: Int?
    /// The URL of the page or script that printed it.
    public var url: String
    /// The message's level.
    public var level: ConsoleLevel
    /// The message as the browser's console shows it.
    public var text: String
    /// For an uncaught error: where it was thrown (`url:line:column`), when known.
    public var location: String?
    /// For an uncaught error thrown by a file of the extension: that file on disk, as `path:line:column`.
    public var sourceLocation: String?
    /// Whether the message reports an exception no script caught: an uncaught exception, an
    /// unhandled rejection, an error thrown by an event listener, a script the host stopped.
    public var isUncaught: Bool
    /// The name of the extension whose context printed it (its manifest's `name`); none for a
    /// web page's own scripts and a driver.
    public var extensionName: String?

    /// Creates a message.
    public init(
        context: ContextKind, tabId: Int? = nil, frameId: Int? = nil, url: String, level: ConsoleLevel, text: String,
        location: String? = nil, sourceLocation: String? = nil, isUncaught: Bool = false
    ) {
        self.context = context
        self.tabId = tabId
        self.frameId = frameId
        self.url = url
        self.level = level
        self.text = text
        self.location = location
        self.sourceLocation = sourceLocation
        self.isUncaught = isUncaught
    }
}
