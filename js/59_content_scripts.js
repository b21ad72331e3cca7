// exthost:realm host
// exthost:needs primordials api schema
// exthost:flavors firefox
// Firefox's `contentScripts` (manifest version 2 only): `register(options)` keeps a content script
// of files or code that runs, after the manifest's, in the documents that load afterwards, until
// its `unregister()` or until the page that registered it goes (Sources/Exthost/API/
// RegisteredContentScriptsAPI.swift; recorded: fixtures/conformance/contentscripts-register-firefox).
(function (host) {
  'use strict';
  const { Error, SafePromiseThen, listPush } = host.primordials;
  const fileOrCode = {
    type: 'object', typeName: 'extensionTypes.ExtensionFileOrCode',
    properties: { file: { type: 'string', optional: true }, code: { type: 'string', optional: true } },
  };
  const patterns = { type: 'array', items: { type: 'string', format: 'matchPattern' }, optional: true };
  const strings = { type: 'array', items: { type: 'string' }, optional: true };
  const options = {
    name: 'contentScriptOptions', type: 'object', typeName: 'contentScripts.RegisteredContentScriptOptions',
    properties: {
      matches: { type: 'array', items: { type: 'string', format: 'matchPattern' }, minItems: 1 },
      excludeMatches: patterns,
      includeGlobs: strings,
      excludeGlobs: strings,
      css: { type: 'array', items: fileOrCode, optional: true },
      js: { type: 'array', items: fileOrCode, optional: true },
      allFrames: { type: 'boolean', optional: true },
      matchAboutBlank: { type: 'boolean', optional: true },
      runAt: { type: 'string', enum: ['document_start', 'document_end', 'document_idle'], optional: true },
      cookieStoreId: { type: 'any', optional: true },
    },
  };
  // The files or code of a list as Swift reads them: [{file} | {code}].
  function entries(list) {
    const sent = [];
    for (let i = 0; list !== undefined && i < list.length; i++) {
      const item = list[i];
      listPush(sent, item.file !== undefined ? { __proto__: null, file: item.file } : { __proto__: null, code: item.code });
    }
    return sent;
  }
  host.defineNamespace('contentScripts', ['background'], () => ({
    available: (cx) => cx.info.manifestVersion === 2,
    functions: {
      register: {
        async: true,
        parameters: [options],
        run(cx, args) {
          const given = args[0];
          // (An ExtensionFileOrCode is a choice of `{file}` or `{code}`: Firefox's schema refuses both.)
          const lists = ['js', 'css'];
          for (let l = 0; l < lists.length; l++) {
            const list = given[lists[l]];
            for (let i = 0; list !== undefined && i < list.length; i++) {
              if (list[i].file !== undefined && list[i].code !== undefined) {
                throw new Error('Type error for parameter contentScriptOptions (Error processing ' + lists[l] + '.' + i
                  + ': Value must either: not contain an unexpected "code" property, or not contain an unexpected "file" property) for contentScripts.register.');
              }
            }
          }
          const sent = {
            __proto__: null,
            matches: given.matches,
            excludeMatches: given.excludeMatches,
            includeGlobs: given.includeGlobs,
            excludeGlobs: given.excludeGlobs,
            js: entries(given.js),
            css: entries(given.css),
            allFrames: given.allFrames === true,
            matchAboutBlank: given.matchAboutBlank === true,
            runAt: given.runAt || 'document_idle',
          };
          // (What it answers: an object of the caller's with `unregister()`, which ends it.)
          return SafePromiseThen(host.request(cx, 'contentScripts.register', [sent]), (id) => {
            const registered = host.newObject(cx);
            // (A promise of the caller's realm, following Swift's answer.)
            const unregister = host.newFunction(cx, 'unregister', 0, () => {
              const settle = host.newPromise(cx);
              SafePromiseThen(host.request(cx, 'contentScripts.unregister', [id]), () => settle.resolve(undefined), (error) => settle.reject(host.contextError(cx, error)));
              return settle.promise;
            }, null);
            host.defineValue(registered, 'unregister', unregister, true, true, true);
            return registered;
          });
        },
      },
    },
  }));
});
