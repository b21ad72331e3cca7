import BrowserModel

/// The texts that differ between the browsers, each in one place.
struct FlavorTexts {
    let flavor: Flavor

    /// A tab id that names no tab.
    func noTab(_ id: Int) -> String {
        switch flavor {
        case .chrome: return "No tab with id: \(id)."
        case .firefox: return "Invalid tab ID: \(id)"
        }
    }

    /// A window id that names no window.
    /// `runtime.openOptionsPage()` of an extension that declares no options page (Chromium's
    /// `kFailedToCreateOptionsPage`; Firefox's ext-runtime.js).
    var noOptionsPage: String {
        switch flavor {
        case .chrome: return "Could not create an options page."
        case .firefox: return "No `options_ui` declared"
        }
    }

    func noWindow(_ id: Int) -> String {
        switch flavor {
        case .chrome: return "No window with id: \(id)."
        case .firefox: return "Invalid window ID: \(id)"
        }
    }

    /// A `tabs.query` url that is not a match pattern.
    func invalidURLPattern(_ pattern: String) -> String {
        switch flavor {
        case .chrome: return "Invalid url pattern '\(pattern)'"
        case .firefox: return "Invalid url pattern: \(pattern)"
        }
    }

    /// Nobody took a connection or a one-time message.
    var noReceiver: String { "Could not establish connection. Receiving end does not exist." }

    /// What the sender of a one-time message hears when every receiver that said it would answer
    /// went away first (its page closed, its worker stopped), to callbacks and promises alike:
    /// Chromium's `kClosedWhileResponsePendingError` (no final period); Firefox's text for no
    /// receiver (recorded: background-idle-pending-answer).
    var closedWhileResponsePending: String {
        switch flavor {
        case .chrome: return "A listener indicated an asynchronous response by returning true, but the message channel closed before a response was received"
        case .firefox: return noReceiver
        }
    }

    /// What the other side of a port hears when the port's page navigates away (Chromium keeps
    /// the page in the back/forward cache); `nil` where the browser reports no error.
    var pageMovedToBackForwardCache: String? {
        switch flavor {
        case .chrome: return "The page keeping the extension port is moved into back/forward cache, so the message channel is closed."
        case .firefox: return nil
        }
    }
}
