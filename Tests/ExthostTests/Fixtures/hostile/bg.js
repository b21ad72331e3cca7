// Background of the hostile-builtins test extension: answers the content script's messages (at
// once, after a timer, and with a promise), echoes on its port, and messages the tab once it has
// loaded (and a tab that does not exist).
chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  T.say('bg got ' + T.show(message) + ' from tab ' + sender.tab.id + ' frame ' + sender.frameId);
  if (message.n === 1) {
    sendResponse(T.mark({ payload: true, from: 'bg', n: message.n + 10, list: message.list }));
    return false;
  }
  if (message.n === 3) return T.resolved(T.mark({ payload: true, from: 'bg promise', n: message.n + 10 }));
  setTimeout(() => sendResponse(T.mark({ payload: true, from: 'bg later', n: message.n + 10 })), 5);
  return true;
});
chrome.runtime.onConnect.addListener((port) => {
  T.say('bg port ' + port.name);
  port.onMessage.addListener((message) => {
    T.say('bg port got ' + T.show(message));
    port.postMessage(T.mark({ payload: true, step: message.step + 1 }));
  });
  port.onDisconnect.addListener(() => T.say('bg port ' + port.name + ' disconnected'));
});
chrome.tabs.onUpdated.addListener((tabId, info) => {
  if (T.own(info, 'status') && info.status === 'complete') {
    T.then(chrome.tabs.sendMessage(tabId, T.mark({ payload: true, n: 21, text: 'to the tab' })), (answer) => T.say('bg answer ' + T.show(answer)));
    const port = chrome.tabs.connect(tabId, T.mark({ name: 'bg-port' }));
    port.onMessage.addListener((message) => T.say('bg port reply ' + T.show(message)));
    port.postMessage(T.mark({ payload: true, step: 7 }));
    chrome.tabs.sendMessage(9999, T.mark({ payload: true, n: 0 }), (answer) => {
      T.say('bg to nobody: ' + T.show(answer) + ' ' + chrome.runtime.lastError.message);
    });
    // (Not crypto.subtle.digest: resolving its promise with an ArrayBuffer reads the buffer's `then`,
    // as in the browsers, which an override of Object.prototype.then would see.)
    T.say('bg web ' + atob('aGk=') + ' ' + btoa('hi') + ' ' + crypto.randomUUID().length + ' '
      + crypto.getRandomValues(new Uint8Array(4)).length + ' ' + new DOMException('m', 'AbortError').code
      + ' clone ' + T.describeClone(structuredClone(T.cloneSample))
      + ' timing ' + performance.mark('hm', { detail: { k: [1] } }).detail.k[0] + performance.getEntriesByName('hm').length
      + ' form ' + T.form() + ' fetch ' + T.fetchParts());
    chrome.storage.local.set(T.mark({ stored: { inner: { payload: true, v: 'x' }, list: [1, 'two'], payload: true } }), () => {
      chrome.storage.local.get(T.mark(['stored']), (result) => T.say('bg storage ' + T.show(result.stored)));
    });
    setTimeout(() => T.say('bg timer'), 5);
    setTimeout(() => T.say('bg hostile: ' + T.report()), 1000);
  }
});
