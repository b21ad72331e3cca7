/// The user activation of a run's windows (the HTML Standard's "tracking user activation"): each
/// window's last activation timestamp, on the run's clock, set by a person's activation-triggering
/// input (a mouse's `pointerdown`, a `keydown`). A window has *sticky* activation once a person
/// activated it, and *transient* activation for ``transientDuration`` milliseconds after
/// (recorded from both browsers: fixtures/conformance/user-activation). Windows are named by their
/// document's id: a new document is a new window.
public struct UserActivations: Sendable {
    /// A window's activation at a moment: what `navigator.userActivation` says.
    public struct State: Sendable, Equatable {
        /// Whether the window has transient activation (`isActive`).
        public var isActive: Bool
        /// Whether the window has sticky activation (`hasBeenActive`).
        public var hasBeenActive: Bool

        /// A window's activation.
        public init(isActive: Bool, hasBeenActive: Bool) {
            self.isActive = isActive
            self.hasBeenActive = hasBeenActive
        }
    }

    /// How long transient activation lasts, in milliseconds: five seconds in both browsers
    /// (Chromium's `kActivationLifespan`, Firefox's `dom.user_activation.transient.timeout`).
    public static let transientDuration: Double = 5000

    /// Each activated window's last activation timestamp, by document id.
    private var lastActivation: [String: Double] = [:]

    /// No window activated.
    public init() {}

    /// Activates the windows of `documentIDs` at `now` (HTML's "activation notification").
    public mutating func activate(_ documentIDs: some Sequence<String>, at now: Double) {
        for documentID in documentIDs { lastActivation[documentID] = now }
    }

    /// Consumes the activation of the windows of `documentIDs` (HTML's "consume user activation",
    /// as opening a new window does): their transient activation ends, their sticky activation stays.
    public mutating func consume(_ documentIDs: some Sequence<String>) {
        for documentID in documentIDs where lastActivation[documentID] != nil { lastActivation[documentID] = -.infinity }
    }

    /// The activation of the window of `documentID` at `now`.
    public func state(of documentID: String, at now: Double) -> State {
        guard let last = lastActivation[documentID] else { return State(isActive: false, hasBeenActive: false) }
        return State(isActive: now >= last && now < last + Self.transientDuration, hasBeenActive: true)
    }

    /// Forgets the window of a document that went away.
    public mutating func forget(_ documentID: String) {
        lastActivation.removeValue(forKey: documentID)
    }
}
