// Firefox behaviour of menus/contextMenus. Run: exthost test Tests/ExthostTests/Fixtures/context-menus/firefox.test.js --flavor firefox
// (each test asserts what Firefox ESR does, per ext-menus.js)
const page = { url: 'http://example.test/p.html', html: '<title>P</title><p id="plain">Plain</p><p id="text">Some words</p>' };

function load(background, manifest = {}, files = {}) {
  return exthost.loadExtension({
    manifest: { manifest_version: 3, background: { scripts: ['background.js'] }, ...manifest },
    files: { 'background.js': `(${background})();`, ...files },
  });
}

test('F1 "menus" permission alone: contextMenus is undefined (test_permissions)', async () => {
  await load(() => console.log('types', typeof browser.menus, typeof browser.contextMenus), { permissions: ['menus'] });
  assert.strictEqual((await exthost.waitForConsole(/^types/)).text, 'types object undefined');
});

test('F2 MV3 event page asleep: onClicked through browser.menus wakes it', { timeout: 120000 }, async () => {
  const ext = await load(() => {
    browser.runtime.onInstalled.addListener(() => browser.menus.create({ id: 'a', title: 'A' }));
    browser.menus.onClicked.addListener((info) => console.log('clicked', info.menuItemId));
  }, { permissions: ['menus'] });
  await exthost.advanceClock(40000);
  const tab = await exthost.openTab(page);
  const menu = await tab.contextMenu('#plain');
  await menu.click('a');
  assert.strictEqual((await exthost.waitForConsole(/^clicked/)).text, 'clicked a');
});

test('F3 MV3 event page asleep: onShown is a persistent event (PERSISTENT_EVENTS.onShown) and wakes it', { timeout: 120000 }, async () => {
  await load(() => {
    browser.runtime.onInstalled.addListener(() => browser.menus.create({ id: 'a', title: 'A' }));
    browser.menus.onShown.addListener((info) => console.log('shown', JSON.stringify(info.menuIds)));
  }, { permissions: ['menus'] });
  await exthost.advanceClock(40000);
  const tab = await exthost.openTab(page);
  await tab.contextMenu('#plain');
  assert.strictEqual((await exthost.waitForConsole(/^shown/)).text, 'shown ["a"]');
});

test('F4 a parent whose children do not show is a plain item one can choose', async () => {
  await load(() => {
    browser.menus.create({ id: 'p', title: 'Parent' });
    browser.menus.create({ id: 'c', parentId: 'p', title: 'Child', contexts: ['selection'] });
    browser.menus.onClicked.addListener((info) => console.log('clicked', info.menuItemId));
  }, { manifest_version: 2, background: { scripts: ['background.js'] }, permissions: ['menus'] });
  const tab = await exthost.openTab(page);
  const menu = await tab.contextMenu('#plain');
  await menu.click('p');
  assert.strictEqual((await exthost.waitForConsole(/^clicked/)).text, 'clicked p');
});

test('F5 "&&" in a label shows as "&" (customizeElement access keys)', async () => {
  await load(() => browser.menus.create({ id: 'a', title: 'Save && Quit' }), { manifest_version: 2, background: { scripts: ['background.js'] }, permissions: ['menus'] });
  const tab = await exthost.openTab(page);
  const menu = await tab.contextMenu('#plain');
  assert.strictEqual(menu.items[0].title, 'Save & Quit');
});

test('F6 update() while the menu is open changes nothing shown until refresh()', async () => {
  const ext = await load(() => {
    browser.menus.create({ id: 'a', title: 'Old' });
    browser.test.onMessage.addListener(async (m) => { await browser.menus.update('a', { title: 'New' }); browser.test.sendMessage('updated'); });
  }, { manifest_version: 2, background: { scripts: ['background.js'] }, permissions: ['menus'] });
  const tab = await exthost.openTab(page);
  const menu = await tab.contextMenu('#plain');
  ext.sendMessage('update');
  await ext.awaitMessage('updated');
  assert.strictEqual(menu.items[0].title, 'Old');
});

test('F7 onShown listener: update + refresh synchronously shows the new title', async () => {
  await load(() => {
    browser.menus.create({ id: 'a', title: 'Old' });
    browser.menus.onShown.addListener(() => { browser.menus.update('a', { title: 'New' }); browser.menus.refresh(); });
  }, { manifest_version: 2, background: { scripts: ['background.js'] }, permissions: ['menus'] });
  const tab = await exthost.openTab(page);
  const menu = await tab.contextMenu('#plain');
  await exthost.advanceClock(10);
  assert.strictEqual(menu.items[0].title, 'New');
});

test('F8 onShown listener creates an item and refreshes: it shows', async () => {
  await load(() => {
    browser.menus.create({ id: 'a', title: 'A' });
    browser.menus.onShown.addListener(async () => { await browser.menus.create({ id: 'b', title: 'B' }); await browser.menus.refresh(); console.log('refreshed'); });
  }, { manifest_version: 2, background: { scripts: ['background.js'] }, permissions: ['menus'] });
  const tab = await exthost.openTab(page);
  const menu = await tab.contextMenu('#plain');
  await exthost.waitForConsole('refreshed');
  assert.deepStrictEqual(menu.items[0].children.map((c) => c.id), ['a', 'b']);
});

test('F9 closing the tab closes its menu: onHidden fires', async () => {
  await load(() => {
    browser.menus.create({ id: 'a', title: 'A' });
    browser.menus.onShown.addListener(() => console.log('shown'));
    browser.menus.onHidden.addListener(() => console.log('hidden'));
  }, { manifest_version: 2, background: { scripts: ['background.js'] }, permissions: ['menus'] });
  const tab = await exthost.openTab(page);
  const menu = await tab.contextMenu('#plain');
  await exthost.waitForConsole('shown');
  await tab.close();
  await exthost.waitForConsole('hidden');
});

test('F10 an item without id from an extension page after the background: one process, one counter', async () => {
  const ext = await load(() => { console.log('bg id', browser.menus.create({ title: 'From bg' })); }, {
    manifest_version: 2, background: { scripts: ['background.js'], persistent: true }, permissions: ['menus'],
  }, { 'page.html': '<script src="page.js"></script>', 'page.js': () => { browser.menus.create({ title: 'From page' }, () => console.log('page created', browser.runtime.lastError && browser.runtime.lastError.message)); } });
  await exthost.waitForConsole(/^bg id/);
  await exthost.openTab(ext.url('page.html'));
  assert.strictEqual((await exthost.waitForConsole(/^page created/)).text, 'page created null');
});

test('F11 remove() drops the item\'s onclick: another context\'s item with that id does not call it', async () => {
  const ext = await load(() => {
    browser.menus.create({ id: 'x', title: 'X', onclick: () => console.log('STALE onclick of the background') });
    browser.menus.remove('x').then(() => console.log('removed'));
  }, { manifest_version: 2, background: { scripts: ['background.js'], persistent: true }, permissions: ['menus'] },
  { 'page.html': '<script src="page.js"></script>', 'page.js': () => { browser.menus.create({ id: 'x', title: 'X', onclick: () => console.log('page onclick') }, () => console.log('page created')); } });
  await exthost.waitForConsole('removed');
  await exthost.openTab(ext.url('page.html'));
  await exthost.waitForConsole('page created');
  const tab = await exthost.openTab(page);
  const menu = await tab.contextMenu('#plain');
  await menu.click('x');
  await exthost.waitForConsole('page onclick');
  await exthost.advanceClock(100);
  assert.deepStrictEqual(exthost.consoleMessages().filter((m) => /STALE/.test(m.text)).map((m) => m.text), []);
});

test('F12 frame click: contexts are ["frame","all"], no "page"; a page item does not show', async () => {
  await load(() => {
    browser.menus.create({ id: 'page', title: 'Page', contexts: ['page'] });
    browser.menus.create({ id: 'frame', title: 'Frame', contexts: ['frame'] });
    browser.menus.onShown.addListener((info) => console.log('shown', JSON.stringify(info.contexts), JSON.stringify(info.menuIds)));
  }, { manifest_version: 2, background: { scripts: ['background.js'] }, permissions: ['menus'] });
  exthost.servePage('http://frame.test/f.html', '<p id="in">in frame</p>');
  const tab = await exthost.openTab({ url: 'http://example.test/fr.html', html: '<iframe src="http://frame.test/f.html"></iframe>' });
  await tab.contextMenu('#in', { frameId: tab.frames ? tab.frames[1].frameId : 1 });
  assert.strictEqual((await exthost.waitForConsole(/^shown/)).text, 'shown ["frame","all"] ["frame"]');
});

test('F13 MV2 persistent background: menus are not persisted across a browser restart (re-created without error)', async () => {
  await load(() => {
    browser.menus.create({ id: 'a', title: 'A' }, () => console.log('created', browser.runtime.lastError ? browser.runtime.lastError.message : 'ok'));
  }, { manifest_version: 2, background: { scripts: ['background.js'], persistent: true }, permissions: ['menus'] });
  await exthost.waitForConsole(/^created/);
  await exthost.restartBrowser();
  assert.strictEqual((await exthost.waitForConsole(/^created/)).text, 'created ok');
});

test('F14 an extension update clears the persisted menus (version changed)', async () => {
  const ext = await load(() => {
    browser.runtime.onInstalled.addListener(() => browser.menus.create({ id: 'a', title: 'A' }, () => console.log('created', browser.runtime.lastError ? browser.runtime.lastError.message : 'ok')));
  }, { permissions: ['menus'], version: '1.0' });
  await exthost.waitForConsole(/^created/);
  await ext.update({ manifest: { manifest_version: 3, version: '2.0', permissions: ['menus'], background: { scripts: ['background.js'] } }, files: { 'background.js': `browser.runtime.onInstalled.addListener(() => browser.menus.create({ id: 'a', title: 'A' }, () => console.log('created', browser.runtime.lastError ? browser.runtime.lastError.message : 'ok')));` } });
  assert.strictEqual((await exthost.waitForConsole(/^created/)).text, 'created ok');
});

test('F15 onShown listener: create + refresh() synchronously, the new item shows', async () => {
  await load(() => {
    browser.menus.create({ id: 'a', title: 'A' });
    browser.menus.onShown.addListener(() => { browser.menus.create({ id: 'n', title: 'N' }); browser.menus.refresh(); });
  }, { manifest_version: 2, background: { scripts: ['background.js'] }, permissions: ['menus'] });
  const tab = await exthost.openTab(page);
  const menu = await tab.contextMenu('#plain');
  await exthost.advanceClock(10);
  assert.deepStrictEqual(menu.items[0].children.map((c) => c.id), ['a', 'n']);
});

test('F16 onShown listener: await refresh() after the menu closed does not reopen it', async () => {
  await load(() => {
    browser.menus.create({ id: 'a', title: 'A' });
    browser.menus.onHidden.addListener(() => console.log('hidden'));
  }, { manifest_version: 2, background: { scripts: ['background.js'] }, permissions: ['menus'] });
  const tab = await exthost.openTab(page);
  const menu = await tab.contextMenu('#plain');
  await menu.close();
  await exthost.waitForConsole('hidden');
});

test('F17 onHidden also for an extension whose items showed, with no onShown listener (gShownMenuItems)', async () => {
  await load(() => {
    browser.menus.create({ id: 'a', title: 'A' });
    browser.menus.onHidden.addListener(() => console.log('hidden without onShown listener'));
  }, { manifest_version: 2, background: { scripts: ['background.js'] }, permissions: ['menus'] });
  const tab = await exthost.openTab(page);
  const menu = await tab.contextMenu('#plain');
  await menu.close();
  await exthost.advanceClock(10);
  assert.deepStrictEqual(exthost.consoleMessages().map((m) => m.text), ['hidden without onShown listener']);
});

test('F18 generated ids count from 1 again after a browser restart (a new extension process)', async () => {
  await exthost.loadExtension({
    manifest: { manifest_version: 2, name: 'g', version: '1', permissions: ['contextMenus'], background: { scripts: ['bg.js'], persistent: true } },
    files: { 'bg.js': `console.log('ids ' + chrome.contextMenus.create({ title: 'A' }) + ' ' + chrome.contextMenus.create({ title: 'B' }));` },
  });
  assert.strictEqual((await exthost.waitForConsole(/^ids/)).text, 'ids 1 2');
  await exthost.restartBrowser();
  assert.strictEqual((await exthost.waitForConsole(/^ids/)).text, 'ids 1 2');
});

test('F19 an update refused for a cycle leaves the contexts alone (the parent setter throws before they are copied)', async () => {
  await exthost.loadExtension({
    manifest: { manifest_version: 2, name: 'u', version: '1', permissions: ['menus'], background: { scripts: ['bg.js'], persistent: true } },
    files: { 'bg.js': `
      browser.menus.create({ id: 'a', title: 'A', contexts: ['page'] });
      browser.menus.create({ id: 'b', title: 'B', parentId: 'a', contexts: ['link'] });
      browser.menus.update('a', { parentId: 'b' }).then(() => console.log('done ok'), (e) => console.log('done ' + e.message));` },
  });
  assert.strictEqual((await exthost.waitForConsole(/^done/)).text, 'done MenuItem cannot be an ancestor (or self) of its new parent.');
  const tab = await exthost.openTab({ url: 'http://example.test/p.html', html: '<p id="plain">Plain</p>' });
  assert.deepStrictEqual((await tab.contextMenu('#plain')).items.map((entry) => entry.title), ['A']);
});
