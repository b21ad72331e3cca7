import BrowserModel

// A person's input to a page (the driver's clicks, typing and selections: js/63_dom.js) and what
// it gives the page's window (recorded from both browsers: fixtures/conformance/user-activation):
//
// * User activation: an activation-triggering input (a mouse's `pointerdown`, a `keydown`)
//   activates the window of the document it reaches, its ancestor frames' windows and its
//   same-origin descendant frames' windows (HTML's "activation notification"), on the run's clock;
//   opening a new window consumes it in every frame of the tab (`window.open`).
// * System focus: Chromium gives a window the focus with a person's first input to it (`focus`
//   fires at the window, and `document.hasFocus()` is true from then on, for the document and the
//   frames around it); Firefox's headless windows never take it, as when the suite recorded them.
//   A tab's focus is its frame's, whatever document the frame shows later (a navigation keeps
//   it); a page in no tab (a popup) keeps it while it is open. It stays until a person's input
//   reaches another frame or page (unrecorded: no `blur` fires where it leaves).

/// Where the system focus is: a frame of a tab, or a page in no tab (a popup, an options page).
enum SystemFocus: Equatable {
    case frame(tabID: Int, frameID: Int)
    case page(String)
}

extension ExtensionHost {
    /// The frame of `context`'s document in its tab, if it is in one.
    private func frame(of context: ExtensionContext) -> (tab: Tab, frame: Frame)? {
        guard let tabID = context.tabID, let tab = browser.tab(tabID), let frame = tab.frame(context.frameID ?? -1),
              frame.documentID == context.documentID else { return nil }
        return (tab, frame)
    }

    /// Where `context`'s window would hold the system focus.
    private func focusTarget(of context: ExtensionContext) -> SystemFocus? {
        if let (tab, frame) = frame(of: context) { return .frame(tabID: tab.id, frameID: frame.id) }
        return context.documentID.map { .page($0) }
    }

    /// A person's input reached `context`'s window: in Chromium it takes the system focus unless it
    /// has it. Returns whether it took it now (then `focus` fires at the window).
    func takeSystemFocus(for context: ExtensionContext) -> Bool {
        guard options.flavor == .chrome, let target = focusTarget(of: context), systemFocus != target else { return false }
        systemFocus = target
        return true
    }

    /// A person's activation-triggering input reached `context`'s document: HTML's activation
    /// notification, now.
    func activate(from context: ExtensionContext) {
        guard let documentID = context.documentID else { return }
        guard let (tab, frame) = frame(of: context) else {
            userActivations.activate([documentID], at: loop.now)
            return
        }
        var documents = [frame.documentID]
        var ancestor = tab.frame(frame.parentID)
        while let current = ancestor {
            documents.append(current.documentID)
            ancestor = current.isTop ? nil : tab.frame(current.parentID)
        }
        for other in tab.frames where other.id != frame.id && sameOrigin(frame, other, in: tab) {
            var parent = tab.frame(other.parentID)
            while let current = parent, current.id != frame.id { parent = current.isTop ? nil : tab.frame(current.parentID) }
            if parent != nil { documents.append(other.documentID) }
        }
        userActivations.activate(documents, at: loop.now)
    }

    /// Consumes the activation of `context`'s window and of every window of its tab (HTML's
    /// "consume user activation": all of the top-level traversable's; recorded:
    /// user-activation-consumed), as opening a new window does.
    func consumeActivation(from context: ExtensionContext) {
        if let (tab, _) = frame(of: context) {
            userActivations.consume(tab.frames.map(\.documentID))
        } else if let documentID = context.documentID {
            userActivations.consume([documentID])
        }
    }

    /// The activation of `context`'s window now.
    func userActivation(of context: ExtensionContext) -> UserActivations.State {
        guard let documentID = context.documentID else { return UserActivations.State(isActive: false, hasBeenActive: false) }
        return userActivations.state(of: documentID, at: loop.now)
    }

    /// Whether `context`'s document has the focus (`document.hasFocus()`): its window has the
    /// system focus, or a frame inside it has.
    func hasSystemFocus(_ context: ExtensionContext) -> Bool {
        switch systemFocus {
        case nil: return false
        case .page(let documentID): return documentID == context.documentID
        case .frame(let tabID, let frameID):
            guard let (tab, frame) = frame(of: context), tab.id == tabID else { return false }
            var current = tab.frame(frameID)
            while let candidate = current {
                if candidate.id == frame.id { return true }
                current = candidate.isTop ? nil : tab.frame(candidate.parentID)
            }
            return false
        }
    }
}
