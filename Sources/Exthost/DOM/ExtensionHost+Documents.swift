import BrowserModel
import Foundation

// The documents the host has loaded, each kept as its source (``DocumentSource``) under its
// document id from when its frame commits until it goes (its tab navigates or closes); the host
// realm builds each one's DOM from it when a script of one of its worlds first touches `document`,
// and lets the DOM go with it.
extension ExtensionHost {
    /// Keeps the source of each frame of a committed page tree (`frames` in the order `tree` lists
    /// them, top frame first).
    func keepDocuments(of frames: [Frame], tree: PageTree) {
        var pages: [PageTree] = []
        func collect(_ page: PageTree) {
            pages.append(page)
            for child in page.children { collect(child) }
        }
        collect(tree)
        for (frame, page) in zip(frames, pages) {
            documentSources[frame.documentID] = DocumentSource(url: frame.url, html: page.html)
        }
    }

    /// Keeps `source` as the document `documentID` (an empty page, a background page).
    func keepDocument(_ documentID: String, source: DocumentSource) {
        documentSources[documentID] = source
    }

    /// Lets the documents of a tab's frames go (the tab navigated or closed), with their DOM.
    func forgetDocuments(ofTab tabID: Int) {
        guard let frames = browser.tab(tabID)?.frames else { return }
        for frame in frames { forgetDocument(frame.documentID) }
    }

    /// Lets the document `documentID` go, with its DOM if one was built.
    func forgetDocument(_ documentID: String) {
        guard documentSources.removeValue(forKey: documentID) != nil else { return }
        guard realm.loadedModuleNames.contains("dom"), let forget = try? realm.value("forgetDocument", in: "dom") else { return }
        _ = try? forget.call([realm.script.string(documentID)])
    }

    /// The page a browser makes for a background of `scripts` (Chromium's generated background
    /// page: each script an element of the body, in order).
    static func generatedBackgroundPage(scripts: [String]) -> String {
        var html = "<!DOCTYPE html>\n<body>\n"
        for url in scripts {
            let escaped = url.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
            html += "<script src=\"\(escaped)\"></script>\n"
        }
        return html
    }
}
