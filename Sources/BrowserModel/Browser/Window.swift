/// A browser window: an ordered list of tabs, and which of them is active and highlighted.
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
    /// The window's tabs, in order; a tab's index and the tab at an index take O(log n).
    public internal(set) var tabStrip = TabStrip()
    /// The window's tab ids, by index (O(n): prefer ``tabStrip`` for one tab).
    public var tabIDs: [Int] { tabStrip.ids }
    /// The window's active tab, if it has one.
    public internal(set) var activeTabID: Int?
    /// The window's highlighted (selected) tabs.
    public internal(set) var highlightedTabIDs: Set<Int> = []
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
    /// Whether the window was shown active and not deactivated since: Chromium's `focused`, which
    /// headless Chromium keeps apart from which window was focused last (several windows can be
    /// active at once there; recorded: windows-create-update-remove).
    public var isActive = true
    /// The text Firefox puts before the window's title (`windows.update({titlePreface})`).
    public var titlePreface = ""

    /// Creates an empty window.
    public init(id: Int, kind: Kind = .normal, incognito: Bool = false) {
        self.id = id
        self.kind = kind
        self.incognito = incognito
    }
}
