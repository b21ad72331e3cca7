/// A tab, with every field that `tabs.Tab` reports in either browser.
///
/// The model holds state only; the API layer turns it into each flavor's `Tab` object.
public struct Tab: Sendable, Hashable {
    /// Whether a tab's page is loading or loaded.
    public enum Status: String, Sendable {
        /// The page is loading.
        case loading
        /// The page has loaded.
        case complete
        /// The tab has no page loaded (discarded).
        case unloaded
    }

    /// The tab's id, unique for the browser's whole run.
    public var id: Int
    /// The id of the window holding the tab.
    public var windowID: Int
    /// Whether the tab is its window's active tab.
    public var active: Bool
    /// Whether the tab is highlighted (selected) in its window.
    public var highlighted: Bool
    /// Whether the tab is pinned.
    public var pinned: Bool
    /// The URL of the tab's top frame (the committed URL).
    public var url: String {
        didSet { if url != oldValue { matchableURL = MatchableURL(url) } }
    }
    /// ``url`` parsed once for match patterns, which `tabs.query({url})` and permission checks test
    /// many times.
    public private(set) var matchableURL: MatchableURL
    /// The URL being loaded before it commits, if any.
    public var pendingURL: String?
    /// The tab's title.
    public var title: String
    /// Whether the page is loading.
    public var status: Status
    /// Whether the tab is playing sound.
    public var audible: Bool
    /// Whether the tab is muted.
    public var muted: Bool
    /// Whether the tab is discarded (unloaded to save memory).
    public var discarded: Bool
    /// Whether the browser may discard the tab.
    public var autoDiscardable: Bool
    /// Whether the tab is frozen.
    public var frozen: Bool
    /// Whether the tab is hidden (Firefox).
    public var hidden: Bool
    /// Whether the tab is in a private (incognito) window.
    public var incognito: Bool
    /// The id of the tab that opened this one, if any.
    public var openerTabID: Int?
    /// When the tab was last active, in milliseconds since 1970.
    public var lastAccessed: Double
    /// The width of the tab's viewport in pixels.
    public var width: Int
    /// The height of the tab's viewport in pixels.
    public var height: Int
    /// The tab group the tab belongs to, or -1.
    public var groupID: Int
    /// Firefox's cookie store of the tab.
    public var cookieStoreID: String
    /// The tab's frames, top frame first, then subframes in document order.
    public var frames: [Frame] {
        didSet { frameIndexByID = Tab.indexByID(frames) }
    }
    /// Where each frame id is in ``frames``, so that ``frame(_:)`` takes constant time in a page of many frames.
    private var frameIndexByID: [Int: Int] = [:]

    /// Creates a tab showing nothing yet.
    public init(id: Int, windowID: Int, url: String, incognito: Bool = false, openerTabID: Int? = nil, width: Int, height: Int, lastAccessed: Double) {
        self.id = id
        self.windowID = windowID
        self.active = false
        self.highlighted = false
        self.pinned = false
        self.url = url
        self.matchableURL = MatchableURL(url)
        self.pendingURL = nil
        self.title = ""
        self.status = .loading
        self.audible = false
        self.muted = false
        self.discarded = false
        self.autoDiscardable = true
        self.frozen = false
        self.hidden = false
        self.incognito = incognito
        self.openerTabID = openerTabID
        self.lastAccessed = lastAccessed
        self.width = width
        self.height = height
        self.groupID = -1
        self.cookieStoreID = "firefox-default"
        self.frames = []
    }

    /// Applies `change`, keeping what the browser manages: the id, the window, and whether the tab
    /// is active or highlighted.
    mutating func update(_ change: (inout Tab) -> Void) {
        let (id, windowID, active, highlighted) = (self.id, self.windowID, self.active, self.highlighted)
        change(&self)
        self.id = id
        self.windowID = windowID
        self.active = active
        self.highlighted = highlighted
    }

    /// The frame with `id`, if the tab has it.
    public func frame(_ id: Int) -> Frame? {
        frameIndexByID[id].map { frames[$0] }
    }

    /// The index of each id's first frame in `frames`.
    private static func indexByID(_ frames: [Frame]) -> [Int: Int] {
        var index: [Int: Int] = [:]
        index.reserveCapacity(frames.count)
        for (position, frame) in frames.enumerated() where index[frame.id] == nil {
            index[frame.id] = position
        }
        return index
    }
}
