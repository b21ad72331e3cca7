/// Which browser exthost behaves as.
///
/// Each flavor reproduces its browser exactly, down to event order and error texts:
/// `.chrome` behaves as Chromium 156, `.firefox` as Firefox ESR 153.
public enum Flavor: String, Sendable, CaseIterable, Codable {
    /// Chromium 156.
    case chrome
    /// Firefox ESR 153.
    case firefox
}

extension Flavor {
    /// The version of Firefox ESR exthost behaves as (`runtime.getBrowserInfo`), as the recorded
    /// browser gives it.
    public static let firefoxVersion = "153.8.0"
    /// That Firefox's build id (`runtime.getBrowserInfo`; `navigator.buildID` gives a fixed one).
    public static let firefoxBuildID = "20261117185949"
}
