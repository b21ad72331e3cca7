/// A frame of a page: the top frame of a tab (``id`` 0) or an `<iframe>` inside it.
public struct Frame: Sendable, Hashable {
    /// The frame's id: 0 for a tab's top frame, a unique positive number for every other frame.
    public var id: Int
    /// The id of the frame that contains this one, or -1 for the top frame.
    public var parentID: Int
    /// The URL of the frame's document.
    public var url: String
    /// The id of the frame's current document; a new document (navigation) gets a new id.
    public var documentID: String

    /// Creates a frame.
    public init(id: Int, parentID: Int, url: String, documentID: String) {
        self.id = id
        self.parentID = parentID
        self.url = url
        self.documentID = documentID
    }

    /// Whether this is a tab's top frame.
    public var isTop: Bool { parentID < 0 }
}
