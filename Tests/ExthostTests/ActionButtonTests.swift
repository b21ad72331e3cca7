import BrowserModel
import Exthost
import Foundation
import Testing

/// The toolbar button's state and a click on it (Sources/Exthost/API/ActionAPI.swift): what the
/// recorded case `fixtures/conformance/action-state` does not click.
@Suite("Action button")
struct ActionButtonTests {
    static func run(_ code: String, flavor: Flavor = .chrome) throws -> HostRun {
        let files = [
            "manifest.json": TemporaryExtension.manifest(extra: #""action": {"default_popup": "popup.html"}"#),
            "popup.html": "<script src=popup.js></script>",
            "popup.js": "console.log('popup opened');",
            "bg.js": code,
        ]
        return try HostRun.run(files: files, flavor: flavor, open: ["about:blank"], clickAction: true)
    }

    @Test(arguments: Flavor.allCases)
    func aClickOpensThePopupTheButtonHasNow(flavor: Flavor) throws {
        let run = try Self.run("""
            chrome.action.onClicked.addListener(() => console.log('clicked'));
            """, flavor: flavor)
        #expect(run.texts == ["popup opened"])
        let cleared = try Self.run("""
            chrome.action.onClicked.addListener(() => console.log('clicked'));
            chrome.action.setPopup({ popup: '' });
            """, flavor: flavor)
        #expect(cleared.texts == ["clicked"])
    }

    @Test(arguments: Flavor.allCases)
    func aDisabledButtonDoesNothingWhenClicked(flavor: Flavor) throws {
        let run = try Self.run("""
            chrome.action.onClicked.addListener(() => console.log('clicked'));
            chrome.action.setPopup({ popup: '' });
            chrome.action.disable();
            """, flavor: flavor)
        #expect(run.texts == [])
    }
}
