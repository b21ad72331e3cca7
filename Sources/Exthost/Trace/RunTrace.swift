import Foundation

/// What crossed between the contexts of a run and the browser, in order: every message through the
/// router, every event the browser dispatched to a context, every API call and its answer, and
/// the console lines and test results on the way. `exthost run --trace` and `exthost test --trace`
/// write it as JSON, or as a sequence diagram (``TraceDiagram``) with one lifeline per context.
///
/// A host records one while ``ExtensionHost/trace`` is set.
public final class RunTrace: Codable {
    /// One column of the diagram: the browser (id 0) or a context.
    public struct Lifeline: Codable, Sendable, Equatable {
        /// 0 for the browser, else the host's number of the context.
        public var id: Int
        /// What it is: `browser`, `background`, `content`, `driver`.
        public var kind: String
        /// What it is, as the console lines name it: `browser`, `background`, `content tab 2 frame 0`, `driver`.
        public var name: String
        /// The URL of its page or script.
        public var url: String?
        /// The runtime id of its extension.
        public var extensionId: String?
        /// The extension's name.
        public var extensionName: String?

        /// The first line of its heading: what kind of context (`content tab 2 frame 0`).
        var title: String { name }
        /// The second line: the extension's name, or what the context's script is.
        var subtitle: String { extensionName ?? (kind == "driver" ? url.map { URL(string: $0)?.lastPathComponent ?? $0 } ?? "" : "") }
    }

    /// One thing that happened.
    public struct Entry: Codable, Sendable, Equatable {
        /// What happened.
        public enum Kind: String, Codable, Sendable {
            /// A message through the router (`title`: its kind, `connect`, `postMessage`, ...).
            case message
            /// The browser dispatched an event to a context (`title`: `tabs.onUpdated`).
            case event
            /// A context called an API function of the browser (`title`: `tabs.query`).
            case apiCall
            /// The browser answered an API call (`title`: the function; `error` when it failed).
            case apiResult
            /// A context printed a line (`title`: the level).
            case console
            /// A test harness or a driver reported a result (`title`: the event's kind).
            case test
            /// The browser stopped or started a context (`title`: `stopped`, `started again`; `detail`: why).
            case lifecycle
        }

        /// What happened.
        public var kind: Kind
        /// When, in milliseconds of the loop's clock.
        public var time: Double
        /// The lifeline it starts from.
        public var from: Int
        /// The lifelines it reaches (none for a note on `from`).
        public var to: [Int]
        /// Its label.
        public var title: String
        /// What it carried (arguments, a message, a text), as JSON text or plain text.
        public var detail: String?
        /// The error it reported, if any.
        public var error: String?
    }

    /// The browser and every context that took part, in the order they appeared.
    public private(set) var lifelines: [Lifeline] = [Lifeline(id: 0, kind: "browser", name: "browser")]
    /// Everything that happened, in order.
    public private(set) var entries: [Entry] = []
    /// Entries past this many are counted, not kept (a run that loops forever stays readable).
    public static let maxEntries = 20_000
    /// How many entries were not kept.
    public private(set) var droppedEntries = 0

    /// An empty trace.
    public init() {}

    /// Adds an entry from `from` (nil: the browser) to `to`; an API call goes to the browser.
    func add(_ kind: Entry.Kind, at time: Double, from: ExtensionContext?, to: [ExtensionContext], title: String, detail: String? = nil, error: String? = nil) {
        append(kind, at: time, from: from.map(lifeline) ?? 0, to: kind == .apiCall ? [0] : to.map(lifeline), title: title, detail: detail, error: error)
    }

    /// Adds an entry going to the browser (an API call) or coming from it (an event, an answer).
    func addBrowser(_ kind: Entry.Kind, at time: Double, context: ExtensionContext, title: String, detail: String? = nil, error: String? = nil) {
        if kind == .apiCall {
            append(kind, at: time, from: lifeline(context), to: [0], title: title, detail: detail, error: error)
        } else {
            append(kind, at: time, from: 0, to: [lifeline(context)], title: title, detail: detail, error: error)
        }
    }

    /// Keeps an entry, unless the trace is full (then it is only counted).
    private func append(_ kind: Entry.Kind, at time: Double, from: Int, to: [Int], title: String, detail: String?, error: String?) {
        guard entries.count < Self.maxEntries else {
            droppedEntries += 1
            return
        }
        entries.append(Entry(kind: kind, time: time, from: from, to: to, title: title, detail: detail.map(Self.shortened), error: error))
    }

    private var known: Set<Int> = [0]

    private func lifeline(_ context: ExtensionContext) -> Int {
        if known.insert(context.id).inserted {
            let isDriver = context.kind == .driver
            lifelines.append(Lifeline(id: context.id, kind: context.kind.rawValue, name: context.kind == .content ? "content tab \(context.tabID ?? -1) frame \(context.frameID ?? -1)" : context.kind.rawValue, url: context.url,
                                      extensionId: isDriver ? nil : context.owner?.id.runtimeID,
                                      extensionName: isDriver ? nil : context.owner?.manifest.name))
        }
        return context.id
    }

    /// A detail of at most 2,000 characters (the rest is cut, and says so).
    private static func shortened(_ text: String) -> String {
        text.count <= 2000 ? text : String(text.prefix(2000)) + "… (\(text.count - 2000) more characters)"
    }

    private enum CodingKeys: String, CodingKey {
        case lifelines, entries, droppedEntries
    }
}

extension RunTrace {
    /// The format a trace file's name asks for: `.html` (or `.htm`), a sequence diagram; `.json`, data.
    public enum FileFormat: Sendable {
        case html
        case json

        /// The format of the file `path`, or nil for a name that ends otherwise.
        public init?(path: String) {
            switch URL(fileURLWithPath: path).pathExtension.lowercased() {
            case "html", "htm": self = .html
            case "json": self = .json
            default: return nil
            }
        }
    }

    /// Writes the trace to `path` in the format its name asks for (its folder is made first).
    ///
    /// - Parameter title: the diagram's title (the run it shows).
    public func write(to path: String, title: String) throws {
        let url = URL(fileURLWithPath: path)
        let text: String
        switch FileFormat(path: path) ?? .json {
        case .html:
            text = TraceDiagram.html(self, title: title)
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            text = String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
        }
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }
}
