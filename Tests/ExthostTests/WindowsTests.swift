import BrowserModel
import Exthost
import Foundation
import Testing

/// `windows.create`, `update` and `remove` (Sources/Exthost/API/WindowsAPI.swift,
/// Sources/Exthost/ExtensionHost+Windows.swift): what the recorded case
/// `windows-create-update-remove` does not reach: each browser's other refusals, a size without a
/// position, Firefox's title preface and cookie stores, the focus after a focused window closes, and
/// a window closing with its last tab.
@Suite("Windows")
struct WindowsTests {
    /// Runs `body` (the steps of an async function, with `attempt(label, call)` to log an answer or
    /// a refusal) in a background, and returns what it logged.
    private static func logged(_ body: String, flavor: Flavor, permissions: [String] = ["tabs"]) throws -> [String] {
        let outcome = try DriverTests.run("""
            test('windows', async () => {
              await exthost.loadExtension({
                manifest: { permissions: \(permissions) },
                background() {
                  const attempt = async (label, call) => {
                    try {
                      const result = await call();
                      console.log(label + ': ' + JSON.stringify(result));
                      return result;
                    } catch (error) {
                      console.log(label + ': ' + error.message);
                    }
                  };
                  (async () => {
                    \(body)
                    console.log('done');
                  })();
                },
              });
              await exthost.waitForConsole('done');
              console.log('LINES ' + JSON.stringify(exthost.consoleMessages().map((message) => message.text)));
            });
            """, flavor: flavor)
        #expect(outcome.passed, "\(outcome.reason ?? "")")
        return Self.lines(outcome).filter { $0 != "done" }
    }

    /// What the extensions printed, as the driver script logged it (`LINES [...]`).
    private static func lines(_ outcome: ExtensionTestOutcome) -> [String] { DriverTests.loggedLines(outcome) }

    @Test func chromiumsRefusals() throws {
        let lines = try Self.logged("""
            await attempt('minimized and focused', () => chrome.windows.create({ state: 'minimized', focused: true }));
            await attempt('minimized with a size', () => chrome.windows.create({ state: 'minimized', width: 300 }));
            await attempt('fullscreen unfocused', () => chrome.windows.create({ state: 'fullscreen', focused: false }));
            await attempt('off the screen', () => chrome.windows.create({ left: 5000, top: 5000, width: 100, height: 100 }));
            await attempt('locked', () => chrome.windows.create({ state: 'locked-fullscreen' }));
            await attempt('incognito', () => chrome.windows.create({ incognito: true }));
            await attempt('a bad type', () => chrome.windows.create({ type: 'dialog' }));
            await attempt('update focused and minimized', () => chrome.windows.update(chrome.windows.WINDOW_ID_CURRENT, { focused: true, state: 'minimized' }));
            await attempt('update unfocused and maximized', () => chrome.windows.update(chrome.windows.WINDOW_ID_CURRENT, { focused: false, state: 'maximized' }));
            await attempt('update off the screen', () => chrome.windows.update(chrome.windows.WINDOW_ID_CURRENT, { left: -2000 }));
            await attempt('remove -3', () => chrome.windows.remove(-3));
            await attempt('opener from a worker', () => chrome.windows.create({ url: 'about:blank', setSelfAsOpener: true }));
            """, flavor: .chrome)
        #expect(lines == [
            "minimized and focused: Invalid value for state",
            "minimized with a size: Invalid value for state",
            "fullscreen unfocused: Invalid value for state",
            "off the screen: Invalid value for bounds. Bounds must be at least 50% within visible screen space.",
            "locked: Cannot lock window to fullscreen or close a locked fullscreen window without lockWindowFullscreenPrivate manifest permission",
            "incognito: exthost cannot open an incognito window yet: windows.create({incognito: true}) is not supported.",
            "a bad type: Error in invocation of windows.create(optional object createData, optional function callback): Error at parameter 'createData': Error at property 'type': Value must be one of normal, panel, popup.",
            "update focused and minimized: Invalid value for state",
            "update unfocused and maximized: Invalid value for state",
            "update off the screen: Invalid value for bounds. Bounds must be at least 50% within visible screen space.",
            "remove -3: Error in invocation of windows.remove(integer windowId, optional function callback): Error at parameter 'windowId': Value must be at least -2.",
            "opener from a worker: Cannot specify setSelfAsOpener Service Worker extension.",
        ])
    }

    @Test func chromiumsSetSelfAsOpenerMakesTheCallerThePagesOpener() throws {
        let outcome = try DriverTests.run("""
            test('setSelfAsOpener', async () => {
              const extension = await exthost.loadExtension({
                manifest: { permissions: ['tabs'] },
                background() {},
                files: {
                  'page.html': '<title>caller</title><script src="page.js"></script>',
                  'page.js': () => {
                    chrome.windows.create({ url: 'opened.html', setSelfAsOpener: true });
                    chrome.windows.create({ url: 'opened.html' });
                  },
                  'opened.html': '<script src="opened.js"></script>',
                  'opened.js': () => console.log('opener', window.opener ? window.opener.document.title : null),
                },
              });
              await exthost.openTab(extension.url('page.html'));
              await exthost.advanceClock(500);
              console.log('LINES ' + JSON.stringify(exthost.consoleMessages().map((message) => message.text).sort()));
            });
            """, flavor: .chrome)
        #expect(outcome.passed, "\(outcome.reason ?? "")")
        #expect(Self.lines(outcome) == ["opener caller", "opener null"])
    }

    @Test func chromiumsEmptyBoundsLockedStateAnEmptyPopupRemovedAndATabMovedBetweenWindows() throws {
        let lines = try Self.logged("""
            const current = await chrome.windows.getCurrent();
            await attempt('no width', () => chrome.windows.update(current.id, { width: 0 }));
            await attempt('a negative height', () => chrome.windows.create({ left: 0, top: 0, width: 100, height: -5 }));
            await attempt('one pixel off the screen', () => chrome.windows.update(current.id, { left: 5000, top: 5000, width: 1, height: 1 }));
            const locked = await chrome.windows.update(current.id, { state: 'locked-fullscreen' });
            console.log('locked is', locked.state);
            await chrome.windows.update(current.id, { state: 'normal' });
            const empty = await chrome.windows.create({ type: 'popup' });
            chrome.windows.onRemoved.addListener((id) => console.log('removed', id === empty.id));
            await chrome.windows.remove(empty.id);
            await new Promise((resolve) => setTimeout(resolve, 50));
            console.log('windows', (await chrome.windows.getAll()).length);
            const other = await chrome.windows.create({ url: 'about:blank' });
            const [tab] = await chrome.tabs.query({ windowId: current.id });
            chrome.tabs.onDetached.addListener((id, info) => console.log('detached', id === tab.id, info.oldWindowId === current.id, info.oldPosition));
            chrome.tabs.onAttached.addListener((id, info) => console.log('attached', id === tab.id, info.newWindowId === other.id, info.newPosition));
            const moved = await chrome.tabs.move(tab.id, { windowId: other.id, index: 0 });
            console.log('moved', moved.windowId === other.id, moved.index);
            await attempt('into a popup', async () => chrome.tabs.move(tab.id, { windowId: (await chrome.windows.create({ type: 'popup' })).id, index: -1 }));
            """, flavor: .chrome)
        let invalidBounds = "Invalid value for bounds. Bounds must be at least 50% within visible screen space."
        #expect(lines == [
            "no width: \(invalidBounds)", "a negative height: \(invalidBounds)", "one pixel off the screen: \(invalidBounds)",
            "locked is fullscreen", "removed true", "windows 1",
            // (The window the tab left, which had no other, closed.)
            "detached true true 0", "attached true true 0", "moved true 0", "removed false",
            "into a popup: Tabs can only be moved to and from normal windows.",
        ])
    }

    @Test func firefoxMovingTheOnlyTabOfTheFocusedWindowFocusesTheNewWindowFirst() throws {
        let lines = try Self.logged("""
            const first = await browser.windows.getCurrent({ populate: true });
            const second = await browser.windows.create({ url: 'about:blank' });
            await browser.windows.update(first.id, { focused: true });
            await new Promise((resolve) => setTimeout(resolve, 50));
            const name = (id) => id === first.id ? 'first' : id === second.id ? 'second' : id === -1 ? 'none' : 'new';
            browser.windows.onCreated.addListener((w) => console.log('created', name(w.id), w.focused));
            browser.windows.onRemoved.addListener((id) => console.log('removed', name(id)));
            browser.windows.onFocusChanged.addListener((id) => console.log('focus', name(id)));
            await browser.windows.create({ tabId: first.tabs[0].id });
            await new Promise((resolve) => setTimeout(resolve, 50));
            """, flavor: .firefox)
        #expect(lines == ["created new false", "focus none", "focus new", "removed first"])
    }

    @Test func chromiumFitsASizeWithNoPositionOnTheScreenAndMakesAPanelAPopup() throws {
        let lines = try Self.logged("""
            const sized = await chrome.windows.create({ width: 700, height: 900 });
            console.log('sized', sized.left, sized.top, sized.width, sized.height, sized.type, sized.tabs.length);
            const panel = await chrome.windows.create({ type: 'panel', url: 'about:blank' });
            console.log('panel', panel.type, panel.tabs.length);
            const empty = await chrome.windows.create({ type: 'popup' });
            console.log('empty popup', empty.tabs.length);
            """, flavor: .chrome)
        #expect(lines == ["sized 10 0 700 600 normal 1", "panel popup 1", "empty popup 0"])
    }

    @Test func firefoxsRefusalsTitlePrefaceAndCookieStores() throws {
        let lines = try Self.logged("""
            const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
            await attempt('tab and url', () => browser.windows.create({ tabId: tab.id, url: 'about:blank' }));
            await attempt('tab and allowScriptsToClose', () => browser.windows.create({ tabId: tab.id, allowScriptsToClose: true }));
            await attempt('incognito', () => browser.windows.create({ incognito: true }));
            await attempt('a container', () => browser.windows.create({ cookieStoreId: 'firefox-container-1' }));
            await attempt('update maximized with a top', () => browser.windows.update(999, { state: 'maximized', top: 3 }));
            const window = await browser.windows.update(browser.windows.WINDOW_ID_CURRENT, { titlePreface: 'Work: ' });
            console.log('title', window.title);
            console.log('onBoundsChanged', typeof browser.windows.onBoundsChanged);
            """, flavor: .firefox)
        #expect(lines == [
            "tab and url: `tabId` may not be used in conjunction with `url`",
            "tab and allowScriptsToClose: `tabId` may not be used in conjunction with `allowScriptsToClose`",
            "incognito: Extension does not have permission for incognito mode",
            "a container: No permission for cookieStoreId: firefox-container-1",
            "update maximized with a top: \"state\": \"maximized\" may not be combined with \"left\", \"top\", \"width\", or \"height\"",
            "title Work: New Tab — Mozilla Firefox",
            "onBoundsChanged undefined",
        ])
    }

    @Test func firefoxsCookieStoresWithTheCookiesPermission() throws {
        let lines = try Self.logged("""
            await attempt('a container', () => browser.windows.create({ cookieStoreId: 'firefox-container-1' }));
            await attempt('private', () => browser.windows.create({ cookieStoreId: 'firefox-private' }));
            await attempt('unknown', () => browser.windows.create({ cookieStoreId: 'mine' }));
            const window = await browser.windows.create({ cookieStoreId: 'firefox-default', url: 'about:blank' });
            console.log('default', window.tabs.length);
            """, flavor: .firefox, permissions: ["tabs", "cookies"])
        #expect(lines == [
            "a container: Contextual identities are currently disabled",
            "private: Illegal to set private cookieStoreId in a non-private window",
            "unknown: Illegal cookieStoreId: mine",
            "default 1",
        ])
    }

    @Test(arguments: Flavor.allCases)
    func aWindowClosesWithItsLastTabAndFirefoxFocusesTheOneBefore(flavor: Flavor) throws {
        let lines = try Self.logged("""
            const first = await chrome.windows.getLastFocused();
            const popup = await chrome.windows.create({ type: 'popup', url: 'about:blank' });
            await new Promise((resolve) => setTimeout(resolve, 100));
            chrome.windows.onRemoved.addListener((id) => console.log('removed', id === popup.id));
            chrome.windows.onFocusChanged.addListener((id) => console.log('focus', id === first.id ? 'first' : id));
            await chrome.tabs.remove(popup.tabs[0].id);
            await new Promise((resolve) => setTimeout(resolve, 100));
            console.log('left', (await chrome.windows.getAll()).length, (await chrome.windows.getLastFocused()).id === first.id);
            """, flavor: flavor)
        // (Headless Chromium fires no focus change when a window closes; Firefox goes through none.)
        #expect(lines == (flavor == .chrome ? ["removed true", "left 1 true"] : ["removed true", "focus -1", "focus first", "left 1 true"]))
    }

    @Test(arguments: Flavor.allCases)
    func aPopupWindowOpenOpensIsFocusedAsANewWindow(flavor: Flavor) throws {
        let outcome = try DriverTests.run("""
            test('a popup of window.open', async () => {
              const extension = await exthost.loadExtension({
                manifest: { permissions: ['tabs'] },
                background() {
                  chrome.windows.onFocusChanged.addListener((id) => console.log('focus', id === -1 ? 'none' : 'a window'));
                  chrome.windows.onCreated.addListener((window) => setTimeout(async () => {
                    console.log('last focused', (await chrome.windows.getLastFocused()).id === window.id, window.type);
                  }, 50));
                },
                files: { 'page.html': '<script src="page.js"></script>', 'page.js': () => open('about:blank', '', 'popup') },
              });
              await exthost.openTab(extension.url('page.html'));
              await exthost.advanceClock(100);
              console.log('LINES ' + JSON.stringify(exthost.consoleMessages().map((message) => message.text)));
            });
            """, flavor: flavor)
        #expect(outcome.passed, "\(outcome.reason ?? "")")
        let lines = Self.lines(outcome)
        #expect(lines == (flavor == .chrome ? ["focus a window", "focus none"] : ["focus none", "focus a window"]) + ["last focused true popup"])
    }
}
