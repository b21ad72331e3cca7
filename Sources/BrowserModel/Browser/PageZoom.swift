/// The zoom of pages: each host's zoom (Chromium's zoom "per origin", kept by host as its
/// HostZoomMap keeps it) and each tab's settings and own zoom (a tab zoomed "per tab", and every
/// Firefox tab: the recorded Firefox zoomed no other tab of the site).
public struct PageZoom: Sendable {
    /// How a tab's zoom is kept: `mode` `automatic`, `manual` or `disabled`; `scope` `per-origin`
    /// or `per-tab`.
    public struct Settings: Sendable, Equatable {
        public var mode = "automatic"
        public var scope = "per-origin"

        public init(mode: String = "automatic", scope: String = "per-origin") {
            self.mode = mode
            self.scope = scope
        }
    }

    /// The zoom factor of each host zoomed away from 1, for tabs zoomed per origin.
    public var factorByHost: [String: Double] = [:]
    /// Each tab's settings, when not the default ones.
    public var settingsByTab: [Int: Settings] = [:]
    /// Each tab's own zoom factor, when it is kept per tab and is not 1.
    public var factorByTab: [Int: Double] = [:]

    public init() {}

    /// The settings of tab `tabID`.
    public func settings(ofTab tabID: Int) -> Settings { settingsByTab[tabID] ?? Settings() }

    /// The zoom factor of tab `tabID` showing a page of `host`: its own when kept per tab (or
    /// `perTabOnly`, as in Firefox), else its host's.
    public func factor(ofTab tabID: Int, host: String, perTabOnly: Bool) -> Double {
        if perTabOnly || settings(ofTab: tabID).scope == "per-tab" { return factorByTab[tabID] ?? 1 }
        return factorByHost[host] ?? 1
    }

    /// Forgets what is kept of a tab that closed.
    public mutating func forget(tab tabID: Int) {
        settingsByTab[tabID] = nil
        factorByTab[tabID] = nil
    }
}
