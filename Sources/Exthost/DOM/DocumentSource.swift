/// What a frame's document is built from: its URL and its HTML (the served file, a `srcdoc`, a
/// `data:` URL's body; empty for `about:blank` and a URL nothing serves), kept by the host for
/// each document it loaded, by document id, until the document goes. The host realm parses it
/// into the document's one DOM on the first touch of `document` in any of its worlds
/// (js/63_dom.js), so a frame no script looks at costs no parse.
struct DocumentSource: Sendable, Hashable {
    /// The document's URL (a same-document navigation changes it).
    var url: String
    /// The document's HTML source.
    var html: String
    /// How far a web page's document has loaded (`document.readyState`): `loading` from its commit
    /// until its parse ends (then only its `<html>` element is there), `interactive`, `complete`.
    /// A document whose loading the host does not step through (an extension page, whose
    /// ``DocumentLoad`` parses it, a background page) is `complete`.
    var readiness = "complete"
    /// Whether its parse has ended (a `loading` document before: only its `<html>` element is there).
    var isParsed = true
    /// Whether it is hidden (`document.visibilityState`): its tab is not the active one of its
    /// window, or its page is leaving or kept in the back/forward cache.
    var isHidden = false
    /// The style sheets extensions added to it, in the order added.
    var styleSheets: [AddedStyleSheet] = []
}
