import BrowserModel

// `window.open` (issue 10, item 4; recorded: window-open): a script opens a new tab after its
// opener's (the browsers insert a page's related tab next to it), loads the URL there, and gets
// that tab's window: the opener's own origin's while it shows its first empty page or a page of
// that origin (its globals, `document`, `location`), else another origin's, which it may post to
// and close (Firefox: a window an extension page opened is a dead object once it shows a web
// page). The new page's `window.opener` is the opener's window unless `noopener` (Firefox: none
// for a web page an extension page opened). No popup blocker refuses a window: the browsers the
// conformance suite records run under automation (chromedriver, WebDriver), whose defaults turn
// theirs off, as the other testing tools do.
extension ExtensionHost {
    /// What `window.open` opened or navigated: a tab (its window), a frame of the opener's tab
    /// that its target named, or nothing the opener gets (`noopener`).
    enum OpenedWindow {
        case tab(Int)
        case frame(Int)
    }

    /// `window.open(url, target, features)` from `context` (HTML's "window open steps"): a frame
    /// of the opener's tab whose element the target names, or a tab an earlier `window.open` gave
    /// that name, navigates (recorded: window-open-named); else a new tab opens after the opener's,
    /// or in a popup window of its own when `features` ask for one (`popup`, or sizes without
    /// `location` and `toolbar`), named by the target. Nil when the opener gets no window (`noopener`).
    func openWindow(from context: ExtensionContext, url text: String, target: String, features: String) -> OpenedWindow? {
        let base = context.tabID.flatMap { browser.tab($0)?.frame(context.frameID ?? 0)?.url } ?? context.url
        var url = text.isEmpty ? "about:blank" : (WebURL(string: text, relativeTo: WebURL(string: base))?.href ?? "about:blank")
        let tokens = Self.windowFeatures(features)
        let noopener = tokens["noopener"] != nil || tokens["noreferrer"] != nil
        let name = target.lowercased() == "_blank" ? "" : target
        // (A `javascript:` URL runs in the window it names, or in the new window's empty page:
        // ExtensionHost+JavaScriptURLs.swift.)
        let javaScriptURL = WebURL(string: url).flatMap { $0.scheme == "javascript" ? $0 : nil }
        let openerFrame = context.tabID.flatMap { browser.tab($0)?.frame(context.frameID ?? -1) }
        if !name.isEmpty, !noopener {
            // (A frame of the opener's tab by its name, in document order; then a window by its name.)
            if let tabID = context.tabID, let tab = browser.tab(tabID), let frame = tab.frames.first(where: { !$0.isTop && frameNames[$0.id] == name }) {
                if let javaScriptURL, let openerFrame {
                    navigateToJavaScriptURL(javaScriptURL, frame: frame, inTab: tabID, from: context, initiatorFrame: openerFrame, isLink: false, byPerson: false)
                } else if !text.isEmpty {
                    navigateFrame(frame.id, inTab: tabID, to: url)
                }
                return .frame(frame.id)
            }
            if let named = tabNames.filter({ $0.value == name && browser.tab($0.key) != nil }).keys.min() {
                if let javaScriptURL, let openerFrame, let top = browser.tab(named)?.frames.first(where: \.isTop) {
                    navigateToJavaScriptURL(javaScriptURL, frame: top, inTab: named, from: context, initiatorFrame: openerFrame, isLink: false, byPerson: false)
                } else if !text.isEmpty {
                    navigate(tabID: named, to: url)
                }
                return .tab(named)
            }
        }
        let runsJavaScriptURL = javaScriptURL != nil && mayStartJavaScriptURL(from: context, isLink: false, byPerson: false)
        // (A new window consumes the opener's user activation: ExtensionHost+UserActivation.swift.)
        consumeActivation(from: context)
        var opener = context.tabID.flatMap { browser.tab($0) }
        guard var windowID = opener?.windowID ?? browser.lastFocusedWindowID ?? browser.windows.first?.id else { return nil }
        // (The new window's navigation follows a frame's rules: no other extension's file that is
        // not web-accessible, no `chrome:`, `file:` or top-level `data:` URL. Refused, it stays on
        // its empty page.)
        if let parsed = WebURL(string: url), url != "about:blank",
           !mayNavigate(Frame(id: 0, parentID: -1, url: "about:blank", documentID: ""), to: parsed, from: context) {
            url = "about:blank"
        }
        // (Chromium places a window with no opener after the active tab, which it names its opener.)
        if noopener, options.flavor == .chrome, let active = browser.activeTab(in: windowID) { opener = active }
        var index = opener.flatMap { browser.index(of: $0.id) }.map { $0 + 1 }
        let popup = Self.requestsPopup(tokens)
        if popup {
            // A popup window of its own: Chromium tells of the window before its tab, Firefox after.
            // (Then it is focused, as a window `windows.create` opened: ExtensionHost+Windows.swift.)
            windowID = browser.openWindow(kind: .popup, focused: false).id
            index = nil
            if options.flavor == .chrome { fireWindowCreated(windowID) }
        }
        let tabID = createTab(url: url, windowID: windowID, index: index, active: true, openerTabID: opener?.id,
                              kind: .scriptOpened(opener: !noopener), focusingWindow: !popup)
        guard tabID >= 0 else { return nil }
        pageLoads[tabID]?.openerOrigin = context.origin
        // (webNavigation: the opener's page made the tab, before the tab's navigation starts.)
        fireCreatedNavigationTarget(sourceTabID: context.tabID ?? -1, sourceFrameID: context.frameID ?? 0, tabID: tabID, url: url)
        if runsJavaScriptURL, let javaScriptURL { pageLoads[tabID]?.javaScriptURL = javaScriptURL.href }
        if popup, options.flavor == .firefox { fireWindowCreated(windowID) }
        if popup { showWindowFocused(windowID) }
        if !name.isEmpty { tabNames[tabID] = name }
        // (Firefox gives a web page an extension page opened no opener.)
        let reachesOpener = !noopener && !(options.flavor == .firefox && context.kind == .page
            && WebURL(string: url).map { !(context.owner?.isOwn($0) ?? false) } ?? true)
        scriptOpenedTabs[tabID] = ScriptOpening(openerContextID: context.id, openerTabID: context.tabID, reachesOpener: reachesOpener)
        return noopener ? nil : .tab(tabID)
    }

    /// The features of `window.open`, tokenized as HTML's "tokenize the features argument" does:
    /// names lowercased, separated by white space, `,` and `=`, each with its value ("" when none).
    static func windowFeatures(_ text: String) -> [String: String] {
        var tokens: [String: String] = [:]
        let separators: Set<Character> = [" ", "\t", "\n", "\r", "\u{0C}", ",", "="]
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            while index < characters.count, separators.contains(characters[index]) { index += 1 }
            var name = ""
            while index < characters.count, !separators.contains(characters[index]) { name.append(characters[index]); index += 1 }
            while index < characters.count, characters[index] == " " || characters[index] == "\t" { index += 1 }
            var value = ""
            if index < characters.count, characters[index] == "=" {
                index += 1
                while index < characters.count, characters[index] == " " || characters[index] == "\t" || characters[index] == "=" { index += 1 }
                while index < characters.count, !separators.contains(characters[index]) { value.append(characters[index]); index += 1 }
            }
            if !name.isEmpty { tokens[name.lowercased()] = value.lowercased() }
        }
        return tokens
    }

    /// HTML's "check if a popup window is requested" (with `noopener` and `noreferrer`, which
    /// only say whether the opener is kept, left out, as the browsers leave them).
    static func requestsPopup(_ given: [String: String]) -> Bool {
        var tokens = given
        tokens["noopener"] = nil
        tokens["noreferrer"] = nil
        if tokens.isEmpty { return false }
        // (A boolean feature: "yes", "", or a number other than 0 is true.)
        func isSet(_ name: String, default fallback: Bool) -> Bool {
            guard let value = tokens[name] else { return fallback }
            if value.isEmpty || value == "yes" || value == "true" { return true }
            if let number = Int(value.prefix { $0.isNumber || $0 == "-" || $0 == "+" }) { return number != 0 }
            return false
        }
        if tokens["popup"] != nil { return isSet("popup", default: false) }
        if !isSet("location", default: false) && !isSet("toolbar", default: false) { return true }
        if !isSet("menubar", default: false) { return true }
        if !isSet("resizable", default: true) { return true }
        if !isSet("scrollbars", default: false) { return true }
        if !isSet("status", default: false) { return true }
        return false
    }

    /// What the script that opened tab `tabID` sees of its window now (`window.state`): `closed`;
    /// `sameOrigin` and `global` (the page's own window, to use as its own: its extension page, or
    /// the main world of a web page) while it shows its first empty page or a page of the
    /// caller's origin; `url`; `dead` (Firefox: a window an extension page opened shows another
    /// origin now).
    func openedWindowState(_ tabID: Int, for context: ExtensionContext) -> (closed: Bool, sameOrigin: Bool, global: ExtensionContext?, url: String, dead: Bool) {
        guard let tab = browser.tab(tabID), scriptOpenedTabs[tabID]?.isClosing != true else { return (true, false, nil, "", false) }
        // (Its first empty page is the opener's origin; a Firefox content script's Xray view of it is
        // another origin's, as recorded.)
        let blankIsOwn = !(options.flavor == .firefox && context.kind == .content)
        guard let top = tab.frames.first(where: \.isTop), !(top.url.isEmpty || top.url == "about:blank") else {
            return (false, blankIsOwn, nil, "about:blank", false)
        }
        let url = top.url
        let sameOrigin = origin(of: top, in: tab) == context.origin && context.origin != "null"
        let worlds = contexts(ofDocument: top.documentID).filter { !$0.isClosed }
        // (An extension's page or background page reaches a page of its own; a web page's main
        // world another main world; a content script the same extension's content scripts.)
        let global: ExtensionContext? = if context.kind == .page || context.kind == .background {
            worlds.first { $0.kind == .page && $0.owner === context.owner }
        } else if context.kind == .webPage {
            worlds.first { $0.kind == .webPage }
        } else {
            worlds.first { $0.kind == .content && $0.owner === context.owner }
        }
        let dead = options.flavor == .firefox && (context.kind == .page || context.kind == .background) && !sameOrigin
        return (false, sameOrigin, sameOrigin ? global : nil, url, dead)
    }

    /// `w.close()` of a window `w` a script opened, or `window.close()` in it: its tab closes, in a
    /// task; false for a tab no script opened (a script may not close it).
    func closeScriptOpenedWindow(_ tabID: Int) -> Bool {
        guard scriptOpenedTabs[tabID] != nil, browser.tab(tabID) != nil else { return false }
        // (Its window is `closed` at once; the tab goes in a task.)
        scriptOpenedTabs[tabID]?.isClosing = true
        loop.enqueue { [weak self] in
            guard let self, browser.tab(tabID) != nil else { return }
            removeTab(tabID)
        }
        return true
    }

    /// What `window.opener` of the page in `tabID` is for `context`: the tab whose page opened it
    /// (its window, as ``openedWindowState(_:for:)`` shows it); the opener's own window when it is
    /// in no tab (a background page, a popup) and of the same extension; none when the page may
    /// not reach its opener, or the opener is gone.
    func opener(ofTab tabID: Int, for context: ExtensionContext) -> OpenerWindow? {
        guard let opening = scriptOpenedTabs[tabID], opening.reachesOpener else { return nil }
        if let openerTab = opening.openerTabID { return browser.tab(openerTab) == nil ? nil : .tab(openerTab) }
        guard let opener = self.context(opening.openerContextID), !opener.isClosed, context.kind == .page,
              opener.owner === context.owner, opener.owner != nil else { return nil }
        return .window(opener)
    }
}

/// A tab a script opened with `window.open`: the context whose script opened it, its tab (none
/// for a background page or a popup), and whether the new page may reach it (`window.opener`: not
/// with `noopener`).
struct ScriptOpening {
    let openerContextID: Int
    let openerTabID: Int?
    let reachesOpener: Bool
    /// Whether a script closed it (`w.close()`): its window is `closed` before the tab goes.
    var isClosing = false
}

/// `window.opener` as a page finds it: the window of another tab, or a window in no tab.
enum OpenerWindow {
    case tab(Int)
    case window(ExtensionContext)
}
