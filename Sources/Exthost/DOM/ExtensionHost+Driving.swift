import BrowserModel
import Foundation
import JSEngine

/// What a person does to a page, as the driver asks it (issue 10, item 6): click an element,
/// type into a text control, submit a form, read an element's text or a control's value, take the
/// document's HTML.
public enum DocumentAction: String, Sendable {
    /// A click on the element (`click` with capture and bubbling; a checkbox changes).
    case click
    /// A person's typing into a text control or an editable element: it takes the focus, then a
    /// key is pressed and released for each character (`keydown`, `keypress`, `beforeinput`,
    /// `input`, `keyup`); `change` comes when the field is committed (Enter, or in Chromium the
    /// focus leaving it).
    case type
    /// Enter pressed in a form's field (or a form submitted as Enter would submit it): trusted
    /// `keydown`, `keypress` and `keyup` of Enter at the field, and HTML's implicit submission
    /// between them: a click on the form's default button, or with no submit button, the form
    /// submitted when at most one of its fields blocks implicit submission.
    case submit
    /// The element's text, as `innerText` gives it.
    case text
    /// A form control's value.
    case value
    /// A drag over all of the element's text: `pointerdown`, `mousedown`, `selectstart`, the
    /// document's selection made of its contents, `pointerup`, `mouseup`; the selected text.
    case select
    /// The document's HTML, serialized.
    case html
    /// A right click on the element (`pointerdown`, `mousedown`, `contextmenu`, `pointerup`,
    /// `mouseup`): what the context menu that opens is about (its link, media, editable field and
    /// the selected text), or null when a listener canceled `contextmenu` and no menu opens.
    case contextMenu
}

extension ExtensionHost {
    /// Does `action` to the element `selector` finds in the document `documentID` (`text`: what
    /// `type` types), as a task of the document's oldest world (an extension page's own context,
    /// a web page's main world, else the first content-script context of its frame), whose
    /// dispatch reaches every world's listeners.
    ///
    /// - Returns: the action's value as JSON (`null` for click, type and submit), or the failure in words
    ///   for the script's author (no element matches, it has no value, ...).
    func act(_ action: DocumentAction, onDocument documentID: String, selector: String, text: String = "") -> Result<String, DocumentActionError> {
        guard documentSources[documentID] != nil else { return .failure(DocumentActionError(message: "the document is gone")) }
        let world = contexts(ofDocument: documentID).first { $0.kind.sharesDocument && !$0.isClosed }
        guard let act = try? realm.value("actOnDocument", in: "dom") else {
            return .failure(DocumentActionError(message: "exthost could not load its DOM"))
        }
        let script = realm.script
        var answer: String?
        func call(_ record: ScriptValue) throws -> String? {
            try act.call([record, script.string(documentID), script.string(action.rawValue), script.string(selector), script.string(text)]).stringValue
        }
        if let world, let record = try? world.realmRecord() {
            _ = world.runTopLevel {
                answer = try call(record)
                return true
            }
        } else {
            answer = try? call(script.null)
        }
        guard let answer, case .object(let fields)? = JSONValue.parse(answer) else {
            return .failure(DocumentActionError(message: "the page's scripts stopped the \(action.rawValue)"))
        }
        if let error = fields.first(where: { $0.0 == "error" })?.1.stringValue { return .failure(DocumentActionError(message: error)) }
        return .success((fields.first { $0.0 == "value" }?.1 ?? .null).jsonText)
    }
}

/// Why a ``DocumentAction`` could not be done, in words for the script's author.
public struct DocumentActionError: Error, Sendable {
    /// What went wrong.
    public let message: String
}

/// A page a person acts on from outside the run (`exthost run --do`): the active tab's page, or an
/// extension's popup or options page while it is open.
public enum DrivenPage: String, Sendable, CaseIterable {
    /// The top frame of the active tab of the focused window.
    case tab
    /// The popup of the first loaded extension whose popup is open.
    case popup
    /// The options page of the first loaded extension whose options page is open.
    case options
}

extension ExtensionHost {
    /// Does `action` to the element `selector` finds in `page` (see ``act(_:onDocument:selector:text:)``).
    public func act(_ action: DocumentAction, on page: DrivenPage, selector: String, text: String = "") -> Result<String, DocumentActionError> {
        guard let documentID = documentID(of: page) else {
            let what = switch page {
            case .tab: "no tab is open"
            case .popup: "no popup is open (--click-action opens one)"
            case .options: "no options page is open (--open-options-page opens one)"
            }
            return .failure(DocumentActionError(message: what))
        }
        return act(action, onDocument: documentID, selector: selector, text: text)
    }

    /// The document `page` names now, if it is open.
    private func documentID(of page: DrivenPage) -> String? {
        switch page {
        case .tab:
            guard let windowID = browser.lastFocusedWindowID, let tab = browser.activeTab(in: windowID) else { return nil }
            return tab.frames.first(where: \.isTop)?.documentID
        case .popup:
            return extensions.lazy.compactMap { $0.popup?.documentID }.first
        case .options:
            return extensions.lazy.compactMap { instance in
                if let embedded = instance.embeddedOptionsPage { return embedded.context.documentID }
                guard let path = instance.manifest.optionsPage?.path else { return nil }
                let url = instance.url(of: path)
                return instance.pageContexts.first { $0.frameID == 0 && !$0.isClosed && WebURL(string: $0.url)?.hrefExcludingFragment == WebURL(string: url)?.hrefExcludingFragment }?.documentID
            }.first
        }
    }
}
