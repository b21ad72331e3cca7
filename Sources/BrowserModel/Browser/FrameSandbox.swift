/// What an `<iframe>`'s `sandbox` attribute keeps its frame from doing (the HTML Standard's
/// "parse a sandboxing directive"; recorded: frame-sandbox): without `allow-same-origin` its
/// documents have an opaque origin (`"null"`: no other document is of it, `document.cookie`
/// refuses, `document.domain` is empty, a message it posts comes from `"null"`); without
/// `allow-scripts` its pages' own scripts do not run (an extension's content scripts still do).
/// A frame inside a sandboxed frame is sandboxed at least as much. The flags are the attribute's
/// when the frame was made (a later change applies to no document here).
public struct FrameSandbox: Sendable, Hashable {
    /// Whether the frame's documents keep their URL's origin (`allow-same-origin`).
    public var allowsSameOrigin: Bool
    /// Whether the frame's pages run their own scripts (`allow-scripts`).
    public var allowsScripts: Bool

    /// The sandbox of a `sandbox` attribute's value: its tokens, separated by ASCII white space,
    /// compared without case.
    public init(attribute: String) {
        let tokens = Set(attribute.lowercased().split(whereSeparator: { " \t\n\r\u{0C}".contains($0) }).map(String.init))
        allowsSameOrigin = tokens.contains("allow-same-origin")
        allowsScripts = tokens.contains("allow-scripts")
    }

    /// A sandbox with these flags.
    public init(allowsSameOrigin: Bool, allowsScripts: Bool) {
        self.allowsSameOrigin = allowsSameOrigin
        self.allowsScripts = allowsScripts
    }

    /// This sandbox inside `outer` (a frame in a sandboxed frame): what either refuses is refused.
    public func within(_ outer: FrameSandbox?) -> FrameSandbox {
        guard let outer else { return self }
        return FrameSandbox(allowsSameOrigin: allowsSameOrigin && outer.allowsSameOrigin, allowsScripts: allowsScripts && outer.allowsScripts)
    }
}
