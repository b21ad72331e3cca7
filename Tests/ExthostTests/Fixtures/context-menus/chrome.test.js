// Chromium behaviour of contextMenus. Run: exthost test Tests/ExthostTests/Fixtures/context-menus/chrome.test.js --flavor chrome
// (each test asserts what Chromium does, per menu_manager.cc)
const page = { url: 'http://example.test/p.html', html: '<title>P</title><p id="plain">Plain</p><p id="text">Some words</p>' };

function load(background, manifest = {}, files = {}) {
  return exthost.loadExtension({
    manifest: { manifest_version: 3, permissions: ['contextMenus'], background: { service_worker: 'background.js' }, ...manifest },
    files: { 'background.js': `(${background})();`, ...files },
  });
}
const checkedOf = (menu) => Object.fromEntries((menu.items[0].children || menu.items).map((e) => [e.id, e.checked]));

test('C1 two radios created checked: the later one stays checked (AddContextItem -> RadioItemSelected)', async () => {
  await load(() => {
    chrome.contextMenus.create({ id: 'r1', type: 'radio', title: 'R1', checked: true });
    chrome.contextMenus.create({ id: 'r2', type: 'radio', title: 'R2', checked: true }, () => console.log('made'));
  });
  await exthost.waitForConsole('made');
  const tab = await exthost.openTab(page);
  assert.deepStrictEqual(checkedOf(await tab.contextMenu('#plain')), { r1: false, r2: true });
});

test('C2 child radios created checked: sanitize keeps the last checked', async () => {
  await load(() => {
    chrome.contextMenus.create({ id: 'p', title: 'P' });
    chrome.contextMenus.create({ id: 'r1', parentId: 'p', type: 'radio', title: 'R1', checked: true });
    chrome.contextMenus.create({ id: 'r2', parentId: 'p', type: 'radio', title: 'R2', checked: true }, () => console.log('made'));
  });
  await exthost.waitForConsole('made');
  const tab = await exthost.openTab(page);
  const menu = await tab.contextMenu('#plain');
  assert.deepStrictEqual(Object.fromEntries(menu.items[0].children.map((e) => [e.id, e.checked])), { r1: false, r2: true });
});

test('C3 update(radio, {checked:false}) is ignored', async () => {
  await load(() => {
    chrome.contextMenus.create({ id: 'r1', type: 'radio', title: 'R1' });
    chrome.contextMenus.create({ id: 'r2', type: 'radio', title: 'R2', checked: true });
    chrome.contextMenus.update('r2', { checked: false }, () => console.log('made'));
  });
  await exthost.waitForConsole('made');
  const tab = await exthost.openTab(page);
  assert.deepStrictEqual(checkedOf(await tab.contextMenu('#plain')), { r1: false, r2: true });
});

test('C4 1000 top-level items at most', async () => {
  await load(() => {
    for (let i = 0; i < 1000; i++) chrome.contextMenus.create({ id: 'i' + i, title: 'I' });
    chrome.contextMenus.create({ id: 'over', title: 'Over' }, () => console.log('1001st:', chrome.runtime.lastError && chrome.runtime.lastError.message));
  });
  assert.strictEqual((await exthost.waitForConsole(/^1001st/)).text, '1001st: An extension can create a maximum of 1000 menu items.');
});

test('C5 onClicked tab is not scrubbed (kDontScrubTab), no tabs permission', async () => {
  await load(() => {
    chrome.runtime.onInstalled.addListener(() => chrome.contextMenus.create({ id: 'a', title: 'A' }));
    chrome.contextMenus.onClicked.addListener((info, tab) => console.log('tab', tab.url, tab.title));
  });
  const tab = await exthost.openTab(page);
  await (await tab.contextMenu('#plain')).click('a');
  assert.strictEqual((await exthost.waitForConsole(/^tab/)).text, 'tab http://example.test/p.html P');
});

test('C6 an invisible item still counts: one visible normal item + one hidden -> grouped under the extension name', async () => {
  const ext = await load(() => {
    chrome.contextMenus.create({ id: 'a', title: 'A' });
    chrome.contextMenus.create({ id: 'h', title: 'Hidden', visible: false }, () => console.log('made'));
  });
  await exthost.waitForConsole('made');
  const tab = await exthost.openTab(page);
  const menu = await tab.contextMenu('#plain');
  assert.strictEqual(menu.items[0].title, ext.name);
});

test('C7 a parent whose children do not match is a plain item one can choose', async () => {
  await load(() => {
    chrome.runtime.onInstalled.addListener(() => {
      chrome.contextMenus.create({ id: 'p', title: 'Parent' });
      chrome.contextMenus.create({ id: 'c', parentId: 'p', title: 'Child', contexts: ['selection'] });
    });
    chrome.contextMenus.onClicked.addListener((info) => console.log('clicked', info.menuItemId));
  });
  const tab = await exthost.openTab(page);
  await (await tab.contextMenu('#plain')).click('p');
  assert.strictEqual((await exthost.waitForConsole(/^clicked/)).text, 'clicked p');
});

test('C8 service worker asleep: the click wakes it and onClicked comes', { timeout: 120000 }, async () => {
  await load(() => {
    chrome.runtime.onInstalled.addListener(() => chrome.contextMenus.create({ id: 'a', title: 'A' }));
    chrome.contextMenus.onClicked.addListener((info, tab) => console.log('clicked', info.menuItemId, typeof tab.id));
  });
  await exthost.advanceClock(35000);
  const tab = await exthost.openTab(page);
  await (await tab.contextMenu('#plain')).click('a');
  assert.strictEqual((await exthost.waitForConsole(/^clicked/)).text, 'clicked a number');
});

test('C9 the items outlive a browser restart (state store, lazy context)', async () => {
  await load(() => chrome.runtime.onInstalled.addListener(() => chrome.contextMenus.create({ id: 'a', title: 'A' }, () => console.log('made'))));
  await exthost.waitForConsole('made');
  await exthost.restartBrowser();
  const tab = await exthost.openTab(page);
  const menu = await tab.contextMenu('#plain');
  assert.strictEqual(menu.items.length, 1);
});

test('C10 a click grants activeTab: executeScript on the tab works', async () => {
  await load(() => {
    chrome.runtime.onInstalled.addListener(() => chrome.contextMenus.create({ id: 'a', title: 'A' }));
    chrome.contextMenus.onClicked.addListener(async (info, tab) => {
      try { const [r] = await chrome.scripting.executeScript({ target: { tabId: tab.id }, func: () => document.title }); console.log('exec', r.result); } catch (e) { console.log('exec failed', e.message); }
    });
  }, { permissions: ['contextMenus', 'activeTab', 'scripting'] });
  const tab = await exthost.openTab(page);
  await (await tab.contextMenu('#plain')).click('a');
  assert.strictEqual((await exthost.waitForConsole(/^exec/)).text, 'exec P');
});

test('C11 update: fields before a failing step stay set (title kept, checked refused)', async () => {
  await load(() => {
    chrome.contextMenus.create({ id: 'a', title: 'Old' });
    chrome.contextMenus.update('a', { title: 'New', checked: true }, () => console.log('err', chrome.runtime.lastError && chrome.runtime.lastError.message));
  });
  await exthost.waitForConsole(/^err/);
  const tab = await exthost.openTab(page);
  assert.strictEqual((await tab.contextMenu('#plain')).items[0].title, 'New');
});

test('C12 two extensions: one cannot update/remove the other\'s items', async () => {
  await load(() => chrome.contextMenus.create({ id: 'shared', title: 'First' }, () => console.log('first made')));
  await exthost.waitForConsole('first made');
  await load(() => {
    chrome.contextMenus.update('shared', { title: 'Hijacked' }, () => console.log('upd', chrome.runtime.lastError && chrome.runtime.lastError.message));
  });
  assert.strictEqual((await exthost.waitForConsole(/^upd/)).text, 'upd Cannot find menu item with id shared');
});

test('C13 password field: editable true, frame/main info', async () => {
  await load(() => {
    chrome.runtime.onInstalled.addListener(() => chrome.contextMenus.create({ id: 'e', title: 'E', contexts: ['editable'] }));
    chrome.contextMenus.onClicked.addListener((info) => console.log('info', JSON.stringify(info)));
  });
  const tab = await exthost.openTab({ url: 'http://example.test/f.html', html: '<input id="pw" type="password">' });
  await (await tab.contextMenu('#pw')).click('e');
  console.log((await exthost.waitForConsole(/^info/)).text);
});

test('C14 an id past 32 bits matches no choice of the schema; a small unknown one is not found', async () => {
  await exthost.loadExtension({ manifest: { permissions: ['contextMenus'] }, background() {
    try { chrome.contextMenus.update(2 ** 31, { title: 'x' }); } catch (e) { console.log('threw ' + e.message); }
    chrome.contextMenus.remove(5).catch((e) => console.log('rejected ' + e.message));
  } });
  assert.strictEqual((await exthost.waitForConsole('threw')).text, "threw Error in invocation of contextMenus.update([integer|string] id, object updateProperties, optional function callback): Error at parameter 'id': Value did not match any choice.");
  assert.strictEqual((await exthost.waitForConsole('rejected')).text, 'rejected Cannot find menu item with id 5');
});
