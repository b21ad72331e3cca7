import BrowserModel
import Exthost
import Foundation
import Testing

/// Zoom, highlighting and discarding tabs (Sources/Exthost/ExtensionHost+Zoom.swift, +Discarding.swift, +Tabs.swift): what the
/// recorded case `tabs-highlight-zoom-discard` does not reach: Chromium's disabled mode, a tab
/// kept per tab leaving its site's zoom alone, a discarded tab loading again once shown, and
/// Chromium's discard of no named tab.
@Suite("Tab zoom and discarding")
struct TabZoomAndDiscardTests {
    private static func lines(_ background: String, flavor: Flavor) throws -> [String] {
        let outcome = try DriverTests.run("""
            test('tabs', async () => {
              exthost.servePage('http://127.0.0.1:8000/a.html', '<title>a</title>');
              exthost.servePage('http://127.0.0.1:8000/b.html', '<title>b</title>');
              await exthost.loadExtension({
                manifest: { permissions: ['tabs'] },
                background() {
                  (async () => {
                    \(background)
                    console.log('done');
                  })();
                },
              });
              await exthost.waitForConsole('done');
              console.log('LINES ' + JSON.stringify(exthost.consoleMessages().map((message) => message.text).filter((text) => text !== 'done')));
            });
            """, flavor: flavor)
        #expect(outcome.passed, "\(outcome.reason ?? "")")
        return DriverTests.loggedLines(outcome)
    }

    @Test func chromiumsDisabledModeAndAPerTabZoomLeaveTheSiteAlone() throws {
        let lines = try Self.lines("""
            const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
            const a = await chrome.tabs.create({ url: 'http://127.0.0.1:8000/a.html' });
            const b = await chrome.tabs.create({ url: 'http://127.0.0.1:8000/b.html' });
            await sleep(200);
            await chrome.tabs.setZoomSettings(a.id, { scope: 'per-tab' });
            await chrome.tabs.setZoom(a.id, 2);
            console.log('a', await chrome.tabs.getZoom(a.id), 'b', await chrome.tabs.getZoom(b.id));
            await chrome.tabs.setZoom(b.id, 1.5);
            console.log('a', await chrome.tabs.getZoom(a.id), 'b', await chrome.tabs.getZoom(b.id));
            await chrome.tabs.setZoomSettings(a.id, { mode: 'disabled' });
            try { await chrome.tabs.setZoom(a.id, 3); } catch (error) { console.log(error.message); }
            console.log(JSON.stringify(await chrome.tabs.getZoomSettings(a.id)));
            """, flavor: .chrome)
        #expect(lines == ["a 2 b 1", "a 2 b 1.5", "Cannot zoom a tab in disabled mode.",
                          #"{"defaultZoomFactor":1,"mode":"disabled","scope":"per-tab"}"#])
    }

    @Test(arguments: Flavor.allCases)
    func aDiscardedTabLoadsItsPageAgainWhenShown(flavor: Flavor) throws {
        let lines = try Self.lines("""
            const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
            const tab = await chrome.tabs.create({ url: 'http://127.0.0.1:8000/a.html', active: false });
            await sleep(200);
            const discarded = await chrome.tabs.discard(tab.id);
            await sleep(50);
            const now = (await chrome.tabs.query({})).find((t) => t.url.endsWith('/a.html'));
            console.log('discarded', now.discarded, now.id === tab.id);
            chrome.tabs.onUpdated.addListener((id, change) => change.status === 'complete' && console.log('loaded again', id === now.id));
            await chrome.tabs.update(now.id, { active: true });
            await sleep(200);
            const after = (await chrome.tabs.query({})).find((t) => t.url.endsWith('/a.html'));
            console.log('after', after.discarded, after.status, after.title);
            """, flavor: flavor)
        #expect(lines == ["discarded true \(flavor == .firefox)", "loaded again true", "after false complete a"])
    }

    @Test(arguments: Flavor.allCases)
    func aDiscardedPagesContentScriptGoesAndItsPortDisconnects(flavor: Flavor) throws {
        let outcome = try DriverTests.run("""
            test('discard', async () => {
              exthost.servePage('http://127.0.0.1:8000/a.html', '<title>a</title>');
              await exthost.loadExtension({
                manifest: {
                  permissions: ['tabs'],
                  content_scripts: [{ matches: ['http://127.0.0.1/*'], js: ['cs.js'] }],
                },
                files: { 'cs.js': () => chrome.runtime.connect({ name: 'page' }) },
                background() {
                  chrome.runtime.onConnect.addListener((port) => {
                    console.log('connected');
                    port.onDisconnect.addListener(() => console.log('disconnected'));
                    chrome.tabs.discard(port.sender.tab.id);
                  });
                },
              });
              // (The page is discarded before it has loaded: the tab's wait ends unloaded.)
              exthost.openTab('http://127.0.0.1:8000/a.html', { active: false }).catch(() => {});
              await exthost.waitForConsole('disconnected');
            });
            """, flavor: flavor)
        #expect(outcome.passed, "\(outcome.reason ?? "")")
    }

    @Test func chromiumsRefusalsAndResetsFromAReview() throws {
        let lines = try Self.lines("""
            const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
            const a = await chrome.tabs.create({ url: 'http://127.0.0.1:8000/a.html' });
            const b = await chrome.tabs.create({ url: 'http://127.0.0.1:8000/b.html', active: false });
            await sleep(200);
            await chrome.tabs.setZoom(a.id, -3);
            console.log('negative', await chrome.tabs.getZoom(a.id));
            await chrome.tabs.setZoomSettings(a.id, { scope: 'per-tab' });
            await chrome.tabs.setZoom(a.id, 2);
            let events = 0;
            chrome.tabs.onZoomChange.addListener(() => events++);
            await chrome.tabs.setZoomSettings(a.id, { scope: 'per-tab' });
            console.log('same settings', events);
            await chrome.tabs.setZoomSettings(a.id, { mode: 'disabled' });
            console.log('disabled', await chrome.tabs.getZoom(a.id));
            const window = await chrome.tabs.highlight({ windowId: chrome.windows.WINDOW_ID_CURRENT, tabs: [0] });
            console.log('highlight current', typeof window.id);
            const discarded = await chrome.tabs.discard(b.id);
            try { await chrome.tabs.discard(discarded.id); } catch (error) { console.log(error.message === 'Cannot discard tab with id: ' + discarded.id + '.'); }
            await chrome.tabs.update(discarded.id, { active: true });
            await chrome.tabs.update(a.id, { active: true });
            await sleep(200);
            const again = await chrome.tabs.discard(discarded.id);
            // (Closing the active tab shows the discarded one beside it.)
            await chrome.tabs.remove(a.id);
            await sleep(200);
            const shown = await chrome.tabs.get(again.id);
            console.log('shown by a removal', shown.discarded, shown.status);
            """, flavor: .chrome)
        #expect(lines == ["negative 1", "same settings 0", "disabled 1", "highlight current number", "true", "shown by a removal false complete"])
    }

    @Test func chromiumDiscardsTheTabUsedLongestAgoWhenNoneIsNamed() throws {
        let lines = try Self.lines("""
            const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
            const a = await chrome.tabs.create({ url: 'http://127.0.0.1:8000/a.html', active: false });
            await sleep(50);
            const b = await chrome.tabs.create({ url: 'http://127.0.0.1:8000/b.html', active: false });
            await sleep(200);
            await chrome.tabs.update(a.id, { active: true });
            await sleep(50);
            const [current] = await chrome.tabs.query({ active: true, currentWindow: true });
            await chrome.tabs.update(current.id, { active: true });
            const all = await chrome.tabs.query({});
            const discarded = await chrome.tabs.discard();
            console.log('discarded', discarded.url, discarded.discarded);
            """, flavor: .chrome)
        #expect(lines.count == 1 && lines[0].hasPrefix("discarded ") && lines[0].hasSuffix(" true"))
    }
}
