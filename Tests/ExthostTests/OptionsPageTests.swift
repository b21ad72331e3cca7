import BrowserModel
import Exthost
import Foundation
import Testing

/// An extension's options page and its views (issue 10, item 5): `runtime.openOptionsPage()`
/// opens the page as each browser does (Sources/Exthost/DOM/ExtensionHost+OptionsPage.swift;
/// recorded in fixtures/conformance/options-page*), and `extension.getViews()`,
/// `extension.getBackgroundPage()` and `runtime.getBackgroundPage()` give the other pages' real
/// windows (Sources/Exthost/API/ViewsAPI.swift).
@Suite("Options page and views")
struct OptionsPageTests {
    /// An extension of manifest version 2 (its background is a page in both browsers, in Firefox
    /// only) with `options` as its options declaration, `files` besides.
    static func manifest(_ flavor: Flavor, options: String, version: Int? = nil) -> String {
        let version = version ?? (flavor == .chrome ? 3 : 2)
        let background = version >= 3 && flavor == .chrome ? #"{"service_worker": "bg.js"}"# : #"{"scripts": ["bg.js"]}"#
        return #"{"manifest_version": \#(version), "name": "opts", "version": "1", "permissions": ["tabs"], "background": \#(background)\#(options)}"#
    }

    @Test(arguments: [Flavor.chrome, .firefox])
    func theEmbeddedOptionsPageClosesWithTheTabOfTheBrowsersPageAndItsPortsDisconnect(flavor: Flavor) throws {
        let run = try HostRun.run(files: [
            "manifest.json": Self.manifest(flavor, options: #", "options_ui": {"page": "options.html"}"#),
            "bg.js": """
                chrome.runtime.onConnect.addListener((port) => {
                  console.log('connected from ' + port.sender.url.split('/').pop() + ' tab ' + (port.sender.tab ? port.sender.tab.url.replace(/options=\\w+/, 'options=ID') : 'none'));
                  port.onDisconnect.addListener(() => console.log('options page gone'));
                  chrome.tabs.query({ active: true }, (tabs) => chrome.tabs.remove(tabs[0].id));
                });
                chrome.runtime.openOptionsPage().then(() => console.log('opening'));
                """,
            "options.html": #"<!doctype html><title>Opts</title><script src="options.js"></script>"#,
            "options.js": "chrome.runtime.connect({ name: 'options' });",
        ], flavor: flavor)
        let tab = flavor == .chrome ? "none" : "about:addons"
        #expect(run.texts == ["opening", "connected from options.html tab \(tab)", "options page gone"])
    }

    @Test(arguments: [Flavor.chrome, .firefox])
    func optionsPageDeclaredByTheOlderKeyOpensInATabOfItsOwnOnce(flavor: Flavor) throws {
        let run = try HostRun.run(files: [
            "manifest.json": Self.manifest(flavor, options: #", "options_page": "options.html""#),
            "bg.js": """
                chrome.runtime.onMessage.addListener(async (message, sender) => {
                  console.log(message + ' in tab ' + (sender.tab && sender.tab.url.split('/').pop()));
                  await chrome.runtime.openOptionsPage();
                  const tabs = await chrome.tabs.query({});
                  console.log(tabs.length + ' tabs: ' + tabs.map((t) => t.url.split('/').pop() + (t.active ? ' active' : '')).join(', '));
                });
                chrome.runtime.openOptionsPage();
                """,
            "options.html": #"<script src="options.js"></script>"#,
            "options.js": "chrome.tabs.getCurrent().then((tab) => chrome.runtime.sendMessage('options ' + tab.url.split('/').pop()));",
        ], flavor: flavor)
        // (A second call makes the tab that shows the page active, and opens no other.)
        #expect(run.texts == ["options options.html in tab options.html", "2 tabs: about:blank, options.html active"])
    }

    @Test(arguments: [Flavor.chrome, .firefox])
    func withoutAnOptionsPageOpenOptionsPageFailsWithTheBrowsersText(flavor: Flavor) throws {
        let run = try HostRun.run(files: [
            "manifest.json": Self.manifest(flavor, options: ""),
            "bg.js": "chrome.runtime.openOptionsPage().catch((error) => console.log(error.message));",
        ], flavor: flavor)
        #expect(run.texts == [flavor == .chrome ? "Could not create an options page." : "No `options_ui` declared"])
    }

    @Test(arguments: [Flavor.chrome, .firefox])
    func viewsAreThePagesRealWindows(flavor: Flavor) throws {
        // Manifest version 2: a background page (Firefox; Chromium runs no version 2, so its
        // background here is a service worker, which is no view).
        let run = try HostRun.run(files: [
            "manifest.json": Self.manifest(flavor, options: #", "options_ui": {"page": "options.html", "open_in_tab": true}"#),
            "bg.js": """
                var counter = 0;
                function bump(by) { counter += by; return counter; }
                if (typeof window !== 'undefined') chrome.runtime.openOptionsPage();
                else chrome.tabs.create({ url: 'options.html' });
                """,
            "options.html": #"<!doctype html><title>Opts</title><script src="options.js"></script>"#,
            "options.js": """
                var mine = 'options global';
                const views = chrome.extension.getViews();
                console.log('views ' + views.length + ' self included ' + views.includes(window));
                console.log('tabs ' + chrome.extension.getViews({ type: 'tab' }).map((w) => w.mine).join());
                console.log('popups ' + chrome.extension.getViews({ type: 'popup' }).length);
                const bg = chrome.extension.getBackgroundPage();
                if (bg) {
                  console.log('background ' + bg.location.pathname + ' bump ' + bg.bump(2) + ' ' + bg.bump(3) + ' document ' + (bg.document.defaultView === bg));
                  console.log('same window ' + (views[0] === bg));
                } else {
                  console.log('no background page: ' + String(bg));
                }
                chrome.tabs.getCurrent().then((tab) => console.log('current tab ' + (tab && tab.url.split('/').pop())));
                chrome.runtime.getBackgroundPage().then((page) => console.log('getBackgroundPage ' + (page === bg)), (error) => console.log('getBackgroundPage: ' + error.message));
                """,
        ], flavor: flavor)
        if flavor == .chrome {
            #expect(run.texts == [
                "views 1 self included true", "tabs options global", "popups 0", "no background page: undefined",
                "getBackgroundPage: You do not have a background page.", "current tab options.html",
            ])
        } else {
            #expect(run.texts == [
                "views 2 self included true", "tabs options global", "popups 0",
                "background /_generated_background_page.html bump 2 5 document true", "same window true",
                "getBackgroundPage true", "current tab options.html",
            ])
        }
    }

    @Test func aServiceWorkerHasNoViewsOfItsOwn() throws {
        let run = try HostRun.run(files: [
            "manifest.json": Self.manifest(.chrome, options: ""),
            "bg.js": """
                console.log(typeof chrome.extension.getViews + ' ' + typeof chrome.extension.getBackgroundPage + ' '
                  + typeof chrome.runtime.getBackgroundPage + ' ' + typeof chrome.runtime.openOptionsPage + ' ' + chrome.extension.inIncognitoContext);
                chrome.extension.isAllowedIncognitoAccess().then((allowed) => console.log('incognito ' + allowed));
                """,
        ])
        #expect(run.texts == ["undefined undefined undefined function false", "incognito false"])
    }
}
