// Content script of the hostile-builtins test extension: messages the background (with a callback
// and as a promise), opens a port, answers the background, prints objects, and uses URL and timers.
chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  T.say('cs got ' + T.show(message));
  sendResponse(T.mark({ payload: true, from: 'cs', n: message.n * 2 }));
});
chrome.runtime.onConnect.addListener((port) => {
  T.say('cs port ' + port.name);
  port.onMessage.addListener((message) => {
    T.say('cs port got ' + T.show(message));
    port.postMessage(T.mark({ payload: true, echo: message.step }));
  });
});
chrome.runtime.sendMessage(T.mark({ payload: true, n: 1, list: [1, 'two', { three: [3] }], nested: { a: null, b: false } }),
  (answer) => T.say('cs answer 1 ' + T.show(answer)));
T.then(chrome.runtime.sendMessage(T.mark({ payload: true, n: 2 })), (answer) => T.say('cs answer 2 ' + T.show(answer)));
chrome.runtime.sendMessage(T.mark({ payload: true, n: 3 }), (answer) => T.say('cs answer 3 ' + T.show(answer)));
const port = chrome.runtime.connect(T.mark({ name: 'cs-port' }));
port.onMessage.addListener((message) => {
  T.say('cs port reply ' + T.show(message));
  port.disconnect();
});
port.postMessage(T.mark({ payload: true, step: 1 }));
T.log('objects', T.sample.object, T.sample.array, T.sample.map);
T.log(T.sample.error.message, 12, 'text');
const url = new URL('b/c?x=1&y=two words#f', 'http://example.com/a/');
T.say('url ' + url.href + ' ' + url.searchParams.get('y') + ' ' + url.search);
// (Not crypto.subtle.digest: resolving its promise with an ArrayBuffer reads the buffer's `then`,
// as in the browsers, which an override of Object.prototype.then would see.)
T.say('cs web ' + atob('aGk=') + ' ' + btoa('hi') + ' ' + crypto.randomUUID().length + ' '
  + crypto.getRandomValues(new Uint8Array(4)).length + ' ' + new DOMException('m', 'AbortError').code
  + ' clone ' + T.describeClone(structuredClone(T.cloneSample))
  + ' timing ' + performance.mark('hm', { detail: { k: [1] } }).detail.k[0] + performance.getEntriesByName('hm').length
  + ' form ' + T.form() + ' fetch ' + T.fetchParts());
chrome.storage.onChanged.addListener((changes, area) => T.say('cs storage ' + area + ' ' + T.show(changes.stored.newValue)));
setTimeout(() => T.say('cs timer'), 5);
setTimeout(() => T.say('cs hostile: ' + T.report()), 1000);
