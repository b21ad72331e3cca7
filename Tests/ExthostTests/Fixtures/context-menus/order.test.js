// Call order: removeAll()/remove()/update() then create() at once, as many extensions do at startup.
// Both browsers send the calls to the browser process in call order. Run: exthost test Tests/ExthostTests/Fixtures/context-menus/order.test.js --flavor chrome,firefox
const page = { url: 'http://example.test/p.html', html: '<title>P</title><p id="plain">Plain</p>' };
const ff = exthost.flavor === 'firefox';
function load(body) {
  return exthost.loadExtension({
    manifest: { manifest_version: 3, permissions: ['contextMenus'], background: ff ? { scripts: ['background.js'] } : { service_worker: 'background.js' } },
    files: { 'background.js': body },
  });
}
test('O1 removeAll(); create() — the new item stays', async () => {
  await load(`chrome.runtime.onInstalled.addListener(() => {
    chrome.contextMenus.removeAll();
    chrome.contextMenus.create({ id: 'a', title: 'A' }, () => console.log('made', chrome.runtime.lastError && chrome.runtime.lastError.message));
  });`);
  await exthost.waitForConsole(/^made/);
  await exthost.advanceClock(10);
  const tab = await exthost.openTab(page);
  assert.strictEqual((await tab.contextMenu('#plain')).items.length, 1);
});
test('O2 remove("a"); create({id:"a"}) — no duplicate-id error', async () => {
  await load(`chrome.runtime.onInstalled.addListener(() => {
    chrome.contextMenus.create({ id: 'a', title: 'A' });
    chrome.contextMenus.remove('a');
    chrome.contextMenus.create({ id: 'a', title: 'A again' }, () => console.log('made', chrome.runtime.lastError ? chrome.runtime.lastError.message : 'ok'));
  });`);
  assert.strictEqual((await exthost.waitForConsole(/^made/)).text, 'made ok');
});
