/// A style sheet an extension added to a document: a content script's `css` file, or what
/// `scripting.insertCSS` (version 2's `tabs.insertCSS`) inserted, kept with the document's
/// ``DocumentSource`` until the document goes or `removeCSS` takes it out. The host realm's
/// cascade reads them (js/63_dom.js `addedRules`): no script of the page sees them, an author
/// sheet comes before the page's own sheets, a user sheet is of the user's origin.
struct AddedStyleSheet: Sendable, Hashable {
    /// The origin a sheet's declarations have in the cascade (`cssOrigin`, `origin`).
    enum Origin: String, Sendable, Hashable {
        /// The page author's, below the page's own sheets (the default).
        case author
        /// The user's: its `!important` declarations beat the page's.
        case user
    }

    /// What `removeCSS` names it by: in Chromium the extension and the file's path or the CSS
    /// text (its `InjectionKey`), in Firefox the sheet's URL (the file's, or a `data:` URL of the
    /// text, which any extension's same text names).
    let key: String
    let origin: Origin
    /// The sheet's CSS text.
    let text: String
    /// The runtime id of the extension that added it.
    let owner: String
}
