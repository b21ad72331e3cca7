import BrowserModel
import JSEngine

/// How a ``ExtensionHost`` behaves.
public struct HostOptions: Sendable {
    /// Which browser to behave as.
    public var flavor: Flavor
    /// Virtual time (the default: timers fire at once, runs are repeatable) or the wall clock.
    public var clockMode: ClockMode
    /// Which files serve which origins' pages.
    public var siteMap: SiteMap

    /// Creates options.
    public init(flavor: Flavor = .chrome, clockMode: ClockMode = .virtual, siteMap: SiteMap = SiteMap([])) {
        self.flavor = flavor
        self.clockMode = clockMode
        self.siteMap = siteMap
    }
}
