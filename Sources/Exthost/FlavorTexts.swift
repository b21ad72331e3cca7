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
}
