import BrowserModel
@testable import Exthost
import Testing

/// A `Tab` object is written once per tab and extension and kept as JSON text
/// (``ExtensionHost/tabObject(_:index:for:)``): what the extension sees must still follow every
/// change of the tab, of its place in the window and of what the extension may see of it.
@Suite("Tab objects")
struct TabObjectTests {
    @Test(arguments: [Flavor.chrome, .firefox])
    func aQueryShowsEachChangeOfATab(flavor: Flavor) throws {
        let run = try HostRun.run(files: ["manifest.json": TemporaryExtension.manifest(), "bg.js": """
            const show = async (label) => {
              const tabs = await chrome.tabs.query({ url: 'http://127.0.0.1/*' });
              console.log(label, tabs.map((t) => [t.index, t.pinned, t.url.slice(-1)].join(':')).join(' '));
            };
            (async () => {
              const a = await chrome.tabs.create({ url: 'http://127.0.0.1/a', active: false });
              const b = await chrome.tabs.create({ url: 'http://127.0.0.1/b', active: false });
              await new Promise((resolve) => setTimeout(resolve, 100)); // both pages loaded
              await show('created');
              await show('again');
              await chrome.tabs.update(b.id, { pinned: true });
              await show('pinned');
              await chrome.tabs.move(a.id, { index: -1 });
              await show('moved');
              await chrome.tabs.remove(b.id);
              await show('removed');
            })();
            """], flavor: flavor)
        #expect(run.texts == ["created 1:false:a 2:false:b", "again 1:false:a 2:false:b", "pinned 0:true:b 2:false:a",
                              "moved 0:true:b 2:false:a", "removed 1:false:a"])
    }

    @Test func whatAnExtensionMaySeeOfATabFollowsActiveTab() throws {
        let run = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(permissions: ["activeTab"], extra: #""action": {}"#),
            "bg.js": """
                chrome.tabs.onUpdated.addListener(async (id, info) => {
                  if (info.status !== 'complete') return;
                  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
                  console.log('before', typeof tab.url, typeof tab.title);
                });
                chrome.action.onClicked.addListener(async () => {
                  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
                  console.log('after', typeof tab.url, typeof tab.title);
                });
                """,
        ], open: ["http://127.0.0.1:8000/index.html"], clickAction: true)
        #expect(run.texts == ["before undefined undefined", "after string string"])
    }
}
