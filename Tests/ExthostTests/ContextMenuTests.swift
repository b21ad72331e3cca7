import BrowserModel
import Exthost
import Foundation
import Testing

/// Context menu items (``MenuItemList``: parents, removal, radio groups) and what the recorded
/// cases do not reach: a Firefox event page's `onclick`, a menu in a frame, a choice that is not
/// there to make.
@Suite("Context menus")
struct ContextMenuTests {
    /// Driver scripts of a hostile review (Fixtures/context-menus): what each browser's source
    /// says it does, test by test (Chromium's menu_manager.cc, Firefox's ext-menus.js), the call
    /// order of the API, and arguments read from own properties only.
    @Test(arguments: [("chrome.test.js", [Flavor.chrome]), ("firefox.test.js", [.firefox]), ("order.test.js", [.chrome, .firefox]),
                      ("prototype.test.js", [.chrome, .firefox])])
    func theReviewScriptsPass(script: String, flavors: [Flavor]) {
        let path = packageRoot.appendingPathComponent("Tests/ExthostTests/Fixtures/context-menus/" + script).path
        for flavor in flavors {
            let outcome = ExtensionTestSpec(path: path, flavor: flavor).run()
            #expect(outcome.passed, "\(script) (\(flavor.rawValue)): \(outcome.tests.filter { $0.passed != true }.map { "\($0.name): \($0.finished?.message ?? "")" })")
        }
    }

    @Test(arguments: Flavor.allCases)
    func aLinkOnAPageWithNoScriptIsResolvedAgainstItsAddress(flavor: Flavor) throws {
        let outcome = try DriverTests.run("""
            test('relative', async () => {
              await exthost.loadExtension({ manifest: { permissions: ['contextMenus'] }, background() {
                chrome.contextMenus.create({ id: 'link', title: 'Link', contexts: ['link', 'image'], targetUrlPatterns: ['http://example.test/dir/*'] }, () => console.log('ready'));
                chrome.contextMenus.onClicked.addListener((info) => console.log('clicked ' + info.linkUrl + ' ' + info.srcUrl));
              } });
              await exthost.waitForConsole('ready');
              const tab = await exthost.openTab({ url: 'http://example.test/dir/p.html', html: '<a id="a" href="rel.html"><img id="i" src="img.png"></a>' });
              await (await tab.contextMenu('#i')).click('Link');
              assert.strictEqual((await exthost.waitForConsole('clicked')).text, 'clicked http://example.test/dir/rel.html http://example.test/dir/img.png');
            });
            """, flavor: flavor)
        #expect(outcome.passed, "\(outcome.tests.map { "\($0.name): \($0.finished?.message ?? "")" })")
    }

    /// What an extension's listeners and `onclick` get of a choice (its info, its tab, the
    /// arguments), and the namespace itself, reach nothing of the host's, and no getter it put on
    /// the prototypes runs with a host object.
    @Test(arguments: Flavor.allCases)
    func aChoiceReachesNothingOfTheHost(flavor: Flavor) throws {
        let outcome = try DriverTests.run("""
            test('probe', async () => {
              await exthost.loadExtension('ext');
              await exthost.waitForConsole('ready');
              const tab = await exthost.openTab({ url: 'http://probe.example/', html: '<p id="p">text</p>' });
              await (await tab.contextMenu('#p')).click('Probe');
              assert.strictEqual((await exthost.waitForConsole('menus host reachable')).text, 'menus host reachable: no objects walked > 300: true');
              assert.strictEqual((await exthost.waitForConsole('menus traps')).text, 'menus traps []');
            });
            """, files: [
                "ext/manifest.json": TemporaryExtension.manifest(version: flavor == .firefox ? 2 : 3, permissions: ["contextMenus"]),
                "ext/bg.js": IsolationTests.prototypeTraps + IsolationTests.reachabilityProbe + """
                    chrome.contextMenus.create({ id: 'probe', title: 'Probe', contexts: ['all'],
                      ...(chrome.runtime.getManifest().manifest_version === 2 ? { onclick(...args) { globalThis.onclickArguments = args; } } : {}) },
                      () => console.log('ready'));
                    chrome.contextMenus.onClicked.addListener(function (info, tab) {
                      globalThis.choice = { info, tab, args: arguments };
                      setTimeout(() => { findHost('menus'); console.log('menus traps', JSON.stringify(trapHits)); }, 1);
                    });
                    """,
            ], flavor: flavor)
        #expect(outcome.passed, "\(outcome.tests.map { "\($0.name): \($0.finished?.message ?? "")" })")
    }

    @Test func removingAnItemRemovesWhatIsInIt() {
        var list = MenuItemList(keepsOneRadioChecked: true)
        list.add(MenuItem(id: .string("a"), title: "A"))
        list.add(MenuItem(id: .string("b"), parentID: .string("a"), title: "B"))
        list.add(MenuItem(id: .string("c"), parentID: .string("b"), title: "C"))
        list.add(MenuItem(id: .number(1), title: "One"))
        #expect(list.isAncestor(.string("a"), of: .string("c")))
        #expect(!list.isAncestor(.string("c"), of: .string("a")))
        #expect(list.remove(.string("a")) == [.string("a"), .string("b"), .string("c")])
        #expect(list.items.map(\.id) == [.number(1)])
    }

    @Test func chromiumKeepsOneRadioItemOfAGroupCheckedAndFirefoxLeavesThem() {
        for keeps in [true, false] {
            var list = MenuItemList(keepsOneRadioChecked: keeps)
            list.add(MenuItem(id: .string("r1"), title: "1", kind: .radio))
            list.add(MenuItem(id: .string("r2"), title: "2", kind: .radio))
            list.add(MenuItem(id: .string("sep"), title: nil, kind: .separator))
            list.add(MenuItem(id: .string("r3"), title: "3", kind: .radio, checked: true))
            list.add(MenuItem(id: .string("r4"), title: "4", kind: .radio, checked: true))
            let checked = list.items.filter(\.checked).map(\.id.description)
            // (Chromium: the group's first when none is checked; the last checked of several.)
            #expect(checked == (keeps ? ["r1", "r4"] : ["r3", "r4"]))
            let chosen = list.choose(.string("r2"))
            #expect(chosen?.wasChecked == false && chosen?.checked == true)
            #expect(list.items.filter(\.checked).map(\.id.description) == (keeps ? ["r2", "r4"] : ["r2", "r3", "r4"]))
            #expect(list.radioGroup(of: .string("r3")) == [.string("r3"), .string("r4")])
        }
    }

    @Test func aFirefoxEventPageMayGiveNoOnclick() throws {
        let outcome = try DriverTests.run("""
            test('refused', async () => {
              await exthost.loadExtension({ manifest: { manifest_version: 2, permissions: ['menus'], background: { scripts: ['background.js'], persistent: false } }, background() {
                try { browser.menus.create({ id: 'x', title: 'X', onclick() {} }); } catch (e) { console.log('threw ' + e.message); }
                try { browser.menus.update('x', { onclick() {} }); } catch (e) { console.log('threw ' + e.message); }
              } });
              assert.strictEqual((await exthost.waitForConsole('threw')).text, 'threw Property "onclick" cannot be used in menus.create, replace with an "onClicked" event listener.');
              assert.strictEqual((await exthost.waitForConsole('threw')).text, 'threw Property "onclick" cannot be used in menus.update, replace with an "onClicked" event listener.');
            });
            """, flavor: .firefox)
        #expect(outcome.passed, "\(outcome.tests.map { "\($0.name): \($0.finished?.message ?? "")" })")
    }

    @Test(arguments: Flavor.allCases)
    func theToolbarButtonsMenuShowsItsItemsForTheButton(flavor: Flavor) throws {
        let outcome = try DriverTests.run("""
            test('button', async () => {
              const extension = await exthost.loadExtension({ manifest: { name: 'Buttoned', action: {}, permissions: ['contextMenus'] }, background() {
                chrome.contextMenus.create({ id: 'page', title: 'Page only' });
                for (let i = 1; i <= 7; i++) chrome.contextMenus.create({ id: 'a' + i, title: 'Action ' + i, contexts: ['action'] });
                chrome.contextMenus.create({ id: 'all', title: 'Everywhere', contexts: ['all'], type: 'checkbox' }, () => console.log('ready'));
                chrome.contextMenus.onClicked.addListener((info, tab) => console.log('clicked ' + JSON.stringify(info) + ' on ' + tab.index));
              } });
              await exthost.waitForConsole('ready');
              await exthost.openTab('http://button.example/');
              const menu = await extension.actionMenu();
              const titles = menu.items.map((entry) => entry.children ? entry.title + ': ' + entry.children.map((item) => item.title).join(', ') : entry.title);
              // (Chromium shows the first 6; Firefox, whose default context is "all", the first 5
              // and the rest in a submenu.)
              assert.deepStrictEqual(titles, exthost.flavor === 'chrome'
                ? ['Action 1', 'Action 2', 'Action 3', 'Action 4', 'Action 5', 'Action 6']
                : ['Page only', 'Action 1', 'Action 2', 'Action 3', 'Action 4', 'Buttoned: Action 5, Action 6, Action 7, Everywhere']);
              await menu.click('a2');
              const info = (await exthost.waitForConsole('clicked')).text;
              assert.strictEqual(info, exthost.flavor === 'chrome'
                ? 'clicked {"editable":false,"menuItemId":"a2"} on 1'
                : 'clicked {"menuItemId":"a2","parentMenuItemId":0,"editable":false,"pageUrl":"http://button.example/","modifiers":[],"button":0} on 1');
            });
            """, flavor: flavor)
        #expect(outcome.passed, "\(outcome.tests.map { "\($0.name): \($0.finished?.message ?? "")" })")
    }

    @Test(arguments: Flavor.allCases)
    func aMenuInAFrameIsAboutTheFrame(flavor: Flavor) throws {
        let outcome = try DriverTests.run("""
            test('frame', async () => {
              exthost.servePage('http://inner.example/', '<p id="in">inside</p>');
              await exthost.loadExtension({ manifest: { permissions: ['contextMenus'] }, background() {
                chrome.contextMenus.create({ id: 'frame', title: 'In a frame', contexts: ['frame'] });
                chrome.contextMenus.create({ id: 'page', title: 'On a page', contexts: ['page'] }, () => console.log('ready'));
                chrome.contextMenus.onClicked.addListener((info) => console.log('clicked ' + JSON.stringify(info)));
              } });
              await exthost.waitForConsole('ready');
              const tab = await exthost.openTab({ url: 'http://outer.example/', html: '<iframe src="http://inner.example/"></iframe>' });
              const menu = await tab.contextMenu('#in', { frameId: 1 });
              // (Chromium: a frame matches "page" too; Firefox: not.)
              const titles = menu.items[0].children ? menu.items[0].children.map((item) => item.title) : [menu.items[0].title];
              assert.deepStrictEqual(titles, exthost.flavor === 'chrome' ? ['In a frame', 'On a page'] : ['In a frame']);
              await menu.click('frame');
              const info = JSON.parse((await exthost.waitForConsole('clicked')).text.slice(8));
              assert.strictEqual(info.frameId, 1);
              assert.strictEqual(info.frameUrl, 'http://inner.example/');
              assert.strictEqual(info.pageUrl, 'http://outer.example/');
              await assert.rejects(menu.click('frame'), /the menu is closed/);
            });
            """, flavor: flavor)
        #expect(outcome.passed, "\(outcome.tests.map { "\($0.name): \($0.finished?.message ?? "")" })")
    }
}
