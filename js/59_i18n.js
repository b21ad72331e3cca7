// exthost:realm host
// exthost:needs primordials api schema
// `i18n`: the extension's messages (_locales, read by Sources/BrowserModel/Extension/LocaleMessages.swift
// for the browser's language, en-US), the browser's languages, in every extension context
// (recorded: fixtures/conformance/i18n-messages). What exthost lacks: `detectLanguage` (the
// browsers' language detectors, CLD3 in Chromium and CLD2 in Firefox, are not here).
(function (host) {
  'use strict';
  const { ArrayIsArray, String, listPush } = host.primordials;
  const chrome = host.flavor === 'chrome';
  // The substitutions as each browser takes them: Chromium a string or an array (each item made a
  // string; another value none; more than nine, no message); Firefox anything, a value that is no
  // array as the only one (a missing one as null).
  // (Chromium refuses more than nine before it converts any; Firefox reads no more than a message
  // can name, here the first hundred, so that a huge sparse array costs nothing.)
  function substitutionList(value) {
    const list = [];
    if (ArrayIsArray(value)) {
      const length = value.length;
      if (chrome && length > 9) return undefined;
      for (let i = 0; i < length && i < 100; i++) {
        // (Chromium leaves out a value whose string form throws; Firefox's call throws.)
        if (!chrome) { listPush(list, String(value[i])); continue; }
        try { listPush(list, String(value[i])); } catch (error) { /* left out */ }
      }
    } else if (typeof value === 'string' || !chrome) {
      listPush(list, String(value === undefined ? null : value));
    }
    return list;
  }
  const getMessage = {
    parameters: chrome
      ? [{ name: 'messageName', type: 'string' }, { name: 'substitutions', type: 'any', optional: true },
        { name: 'options', type: 'object', optional: true, properties: { escapeLt: { type: 'boolean', optional: true } } }]
      : [{ name: 'messageName', type: 'string' }, { name: 'substitutions', type: 'any', optional: true }],
    run(cx, args) {
      const substitutions = substitutionList(args[1]);
      if (substitutions === undefined) return undefined;
      const escapeLt = args[2] !== undefined && args[2].escapeLt === true;
      const message = host.call(cx, 'i18n.getMessage', [args[0], substitutions, escapeLt]);
      if (message !== null) return message;
      // (Firefox says so on the caller's console.)
      if (!chrome) cx.native.console.message('error', 'Unknown localization message ' + args[0]);
      return '';
    },
  };
  host.defineNamespace('i18n', ['background', 'content'], () => ({
    functions: {
      getMessage,
      getUILanguage: { parameters: [], run: () => 'en-US' },
      getAcceptLanguages: { async: true, parameters: [], run: (cx) => host.newArray(cx, ['en-US', 'en']) },
      ...(chrome ? {} : {
        getPreferredSystemLanguages: { async: true, parameters: [], run: (cx, args) => host.request(cx, 'i18n.getPreferredSystemLanguages', args) },
      }),
    },
    listedUndefined: chrome ? undefined : { background: ['LanguageCode'], content: ['LanguageCode'] },
  }));
});
