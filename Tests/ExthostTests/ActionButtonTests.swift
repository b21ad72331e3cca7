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

    // (What a review found.)
    @Test func colorsThatAreNoCSSNumbersAreRefusedAndHugeTabIdsNameNoTab() throws {
        let run = try Self.run("""
            (async () => {
              for (const color of ['rgb(nan, 0, 0)', 'hsl(1, nan%, 50%)', 'rgb(1,2,3,nan)', '#\u{FF46}f0000', 'rgb(0x10, 0, 0)']) {
                await chrome.action.setBadgeBackgroundColor({ color }).then(() => console.log(color + ' taken'), (e) => console.log(e.message));
              }
              await chrome.action.setTitle({ title: 'x', tabId: 2 ** 53 }).catch((e) => console.log(e.message));
              console.log(await chrome.action.getTitle({}));
            })();
            """)
        let refused = "The color specification could not be parsed."
        #expect(run.texts == [refused, refused, refused, refused, refused, "No tab with id: 9007199254740992.", "test", "popup opened"])
    }

    @Test func firefoxChangesACommandsShortcutAndSaysSo() throws {
        let files = [
            "manifest.json": TemporaryExtension.manifest(extra: #""commands": {"go": {"suggested_key": {"default": "Ctrl+Shift+Y"}, "description": "Go"}}"#),
            "bg.js": """
                chrome.commands.onChanged.addListener((change) => console.log('changed ' + JSON.stringify(change)));
                (async () => {
                  await chrome.commands.update({ name: 'go', shortcut: 'Alt+Shift+G', description: 'Went' });
                  console.log(JSON.stringify(await chrome.commands.getAll()));
                  await chrome.commands.reset('go');
                  console.log(JSON.stringify(await chrome.commands.getAll()));
                  await chrome.commands.update({ name: 'nope' }).catch((e) => console.log(e.message));
                })();
                """,
        ]
        let run = try HostRun.run(files: files, flavor: .firefox)
        #expect(run.texts == [
            #"changed {"name":"go","newShortcut":"Alt+Shift+G","oldShortcut":"Ctrl+Shift+Y"}"#,
            #"[{"name":"go","description":"Went","shortcut":"Alt+Shift+G"}]"#,
            #"[{"name":"go","description":"Go","shortcut":"Ctrl+Shift+Y"}]"#,
            #"Unknown command "nope""#,
        ])
    }

    @Test func firefoxKeepsAWindowsValuesBetweenATabsAndTheGlobalOnes() throws {
        let run = try Self.run("""
            (async () => {
              const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
              await chrome.action.setTitle({ title: 'window', windowId: tab.windowId });
              console.log(await chrome.action.getTitle({ tabId: tab.id }) + ' | ' + await chrome.action.getTitle({ windowId: tab.windowId }) + ' | ' + await chrome.action.getTitle({}));
              await chrome.action.setTitle({ title: 'tab', tabId: tab.id });
              console.log(await chrome.action.getTitle({ tabId: tab.id }));
              await chrome.action.setTitle({ title: null, windowId: tab.windowId });
              await chrome.action.setTitle({ title: null, tabId: tab.id });
              console.log(await chrome.action.getTitle({ tabId: tab.id }));
              await chrome.action.setTitle({ title: 'x', tabId: tab.id, windowId: tab.windowId }).catch((e) => console.log(e.message));
              await chrome.action.setTitle({ title: 'x', windowId: 999 }).catch((e) => console.log(e.message));
            })();
            """, flavor: .firefox)
        #expect(run.texts == ["window | window | test", "tab", "test", "Only one of tabId and windowId can be specified.", "Invalid window ID: 999", "popup opened"])
    }
}

