/// The system clipboard of a run: what the last copy or clipboard write put there, each of its
/// representations by MIME type, and the origin of the document that wrote it (Firefox lets a page
/// read, without asking the person, only what a page of its own origin wrote). Empty at the start
/// of a run, as a fresh browser profile's is to its pages.
public struct Clipboard: Sendable {
    /// One representation of what the clipboard holds.
    public struct Representation: Sendable, Equatable {
        /// Its MIME type (`text/plain`, `text/html`, ...).
        public var type: String
        /// Its data, as text.
        public var data: String

        /// Creates a representation.
        public init(type: String, data: String) {
            self.type = type
            self.data = data
        }
    }

    /// What the clipboard holds, in the order it was written.
    public private(set) var representations: [Representation] = []
    /// The origin of the document that wrote it, or nil when nothing did.
    public private(set) var origin: String?

    /// An empty clipboard.
    public init() {}

    /// The clipboard's text (its `text/plain` representation), if it has one.
    public var text: String? { representations.first { $0.type == "text/plain" }?.data }

    /// Replaces what the clipboard holds with `representations`, written by a document of `origin`.
    public mutating func write(_ representations: [Representation], origin: String) {
        self.representations = representations
        self.origin = origin
    }
}
