/// An extension's options page, as its manifest declares it: `options_ui` (`page`, and
/// `open_in_tab`) or the older `options_page`.
///
/// `runtime.openOptionsPage()` shows it. Embedded (the default of `options_ui`), Chromium shows it
/// in a dialog of its extensions page (`chrome://extensions/?options=ID`) and Firefox in its add-ons
/// manager (`about:addons`); with `open_in_tab`, or declared by `options_page`, both browsers open
/// it in a tab of its own (Chromium's `OptionsPageInfo`, Firefox's `options_page` handling).
public struct OptionsPage: Sendable, Equatable {
    /// The page, a path inside the extension.
    public let path: String
    /// Whether it opens in a tab of its own rather than inside the browser's extensions page.
    public let opensInTab: Bool

    /// An options page at `path`.
    public init(path: String, opensInTab: Bool) {
        self.path = path
        self.opensInTab = opensInTab
    }
}

extension ManifestParser {
    /// `options_ui` (`page`, `open_in_tab`), else `options_page` (which opens in a tab); nil when
    /// neither names a page. (`options_ui` wins when both are there, in both browsers.)
    func declaredOptionsPage() -> OptionsPage? {
        if let page = root["options_ui"]?["page"]?.string, !page.isEmpty {
            return OptionsPage(path: page, opensInTab: root["options_ui"]?["open_in_tab"]?.bool ?? false)
        }
        if let page = root["options_page"]?.string, !page.isEmpty {
            return OptionsPage(path: page, opensInTab: true)
        }
        return nil
    }

    /// `devtools_page`, when it names a page (an empty one names none).
    func declaredDevtoolsPage() -> String? {
        guard let page = root["devtools_page"]?.string, !page.isEmpty else { return nil }
        return page
    }
}
