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
