import BrowserModel
import JSEngine

// Style sheets extensions add to documents (``AddedStyleSheet``): a content script's `css` at
// document_start, and what `scripting.insertCSS` inserts (API/ScriptingAPI.swift). The host keeps
// them with the document's source; the host realm's cascade reads them when it computes a style
// (js/63_dom.js `addedRules`), so a sheet costs no parse until a script asks for a style.
extension ExtensionHost {
    /// Adds `sheet` to the document `documentID` (nothing when the document is gone). Firefox adds
    /// an extension's sheet once: the same key and origin again from the same extension is no new
    /// sheet (each extension's sheets are cached by URL, and a document refuses a sheet object it
    /// has: `Document::AddAdditionalStyleSheet`); another extension's same text is a sheet of its own.
    func addStyleSheet(_ sheet: AddedStyleSheet, toDocument documentID: String) {
        guard var source = documentSources[documentID] else { return }
        if options.flavor == .firefox, source.styleSheets.contains(where: { $0.key == sheet.key && $0.origin == sheet.origin && $0.owner == sheet.owner }) { return }
        source.styleSheets.append(sheet)
        documentSources[documentID] = source
        styleSheetsChanged(inDocument: documentID)
    }

    /// Removes the last sheet added to the document `documentID` under `key` and `origin` (both
    /// browsers search from the end: Blink's `RemoveInjectedSheet`, Gecko's `FindSheet`); returns
    /// whether there was one.
    @discardableResult
    func removeStyleSheet(key: String, origin: AddedStyleSheet.Origin, fromDocument documentID: String) -> Bool {
        guard var source = documentSources[documentID],
              let index = source.styleSheets.lastIndex(where: { $0.key == key && $0.origin == origin }) else { return false }
        source.styleSheets.remove(at: index)
        documentSources[documentID] = source
        styleSheetsChanged(inDocument: documentID)
        return true
    }

    /// The sheets added to the document `documentID`, as the host realm reads them: JSON
    /// `[[user, text], ...]` in the order added.
    func addedStyleSheetsJSON(ofDocument documentID: String) -> String {
        let sheets = documentSources[documentID]?.styleSheets ?? []
        return JSONValue.array(sheets.map { .array([.bool($0.origin == .user), .string($0.text)]) }).jsonText
    }

    /// Tells the host realm's DOM, when it is loaded, that the document's added sheets changed.
    private func styleSheetsChanged(inDocument documentID: String) {
        guard realm.loadedModuleNames.contains("dom"), let changed = try? realm.value("addedStyleSheetsChanged", in: "dom") else { return }
        _ = try? changed.call([realm.script.string(documentID)])
    }

    /// Adds the `css` of the content script `entry` (number `index` of `instance`'s manifest, nil
    /// for one it registered) to `frame`'s
    /// document when its time is `runAt`: Chromium adds every entry's at document_start, whatever
    /// its `run_at` (`UserScriptSet`: "CSS is always injected at document start"); Firefox adds
    /// them as it runs the entry, before its scripts (recorded: content-script-css-cascade). A
    /// file that cannot be read adds nothing (Chromium refuses such an extension at load).
    func addStyleSheets(of entry: ContentScriptEntry, at index: Int?, of instance: ExtensionInstance, in frame: Frame, runAt: ContentScriptEntry.RunAt,
                        origin: AddedStyleSheet.Origin = .author) {
        guard !entry.css.isEmpty, runAt == (options.flavor == .chrome ? .documentStart : entry.runAt) else { return }
        for path in entry.css {
            let resolved = instance.resolvedPath(of: path, role: .contentStyle(entry: index ?? 0))
            guard let text = instance.styleSheetText(of: resolved) else { continue }
            // (Chromium inserts it under a key of its own, which no removeCSS names; Firefox under
            // the file's URL, which removeCSS of the file names.)
            let key = options.flavor == .chrome ? "content script \(index.map(String.init) ?? "registered") " + resolved : instance.styleSheetKey(ofFile: resolved)
            addStyleSheet(AddedStyleSheet(key: key, origin: origin, text: text, owner: instance.id.runtimeID), toDocument: frame.documentID)
        }
    }
}
