/// A browser window: an ordered list of tabs.
public struct Window: Sendable {
    /// The kind of a window, as `windows.WindowType` names it.
    public enum Kind: String, Sendable {
        /// An ordinary browser window.
        case normal
        /// A popup window.
        case popup
        /// A developer tools window.
        case devtools
    }

    /// The window's id, unique for the browser's whole run.
    public var id: Int
    /// The window's tabs, by index.
    public var tabIDs: [Int]
    /// The window's kind.
    public var kind: Kind
    /// Whether the window is private (incognito).
    public var incognito: Bool
    /// The window's position and size on the screen, in pixels.
    public var bounds: (left: Int, top: Int, width: Int, height: Int) = (0, 0, 800, 600)
    /// The window's state (`normal`, `minimized`, `maximized`, `fullscreen`).
    public var state: String = "normal"
    /// Whether the window stays on top of others.
    public var alwaysOnTop = false

    /// Creates an empty window.
    public init(id: Int, kind: Kind = .normal, incognito: Bool = false) {
        self.id = id
        self.tabIDs = []
        self.kind = kind
        self.incognito = incognito
    }
}
