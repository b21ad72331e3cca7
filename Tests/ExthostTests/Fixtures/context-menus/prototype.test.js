// Inherited properties are not arguments (Chromium's ArgumentSpec reads own properties:
// HasRealNamedProperty; Firefox reads through Xrays). Run: exthost test Tests/ExthostTests/Fixtures/context-menus/prototype.test.js --flavor chrome,firefox
const ff = exthost.flavor === 'firefox';
test('P1 Object.prototype.id / .parentId / .contexts are not read by create()', async () => {
  await exthost.loadExtension({
    manifest: { manifest_version: 3, permissions: ['contextMenus'], background: ff ? { scripts: ['background.js'] } : { service_worker: 'background.js' } },
    files: { 'background.js': `
      chrome.contextMenus.create({ id: 'a', title: 'A' });
      Object.prototype.parentId = 'a'; Object.prototype.type = 'checkbox';
      let r;
      try { r = chrome.contextMenus.create({ id: 'b', title: 'B' }, () => console.log('b', chrome.runtime.lastError && chrome.runtime.lastError.message)); } catch (e) { r = 'threw ' + e.message; }
      delete Object.prototype.parentId; delete Object.prototype.type;
      console.log('returned', r);
      chrome.contextMenus.update('b', {}, () => setTimeout(() => console.log('done'), 1));` },
  });
  await exthost.waitForConsole('done');
  const tab = await exthost.openTab({ url: 'http://example.test/p.html', html: '<p id="plain">x</p>' });
  const items = (await tab.contextMenu('#plain')).items;
  // b is a top-level normal item: two top-level items, grouped.
  assert.deepStrictEqual(items[0].children.map((c) => [c.id, c.type, !!c.children]), [['a', 'normal', false], ['b', 'normal', false]]);
});
