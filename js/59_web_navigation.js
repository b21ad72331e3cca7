// exthost:realm host
// exthost:needs primordials api schema
// `webNavigation` (with the "webNavigation" permission): `getFrame`, `getAllFrames`, and the
// events Swift fires as frames navigate (Sources/Exthost/ExtensionHost+WebNavigation.swift;
// recorded: webnavigation-events, webnavigation-new-target), whose listeners may give
// `{url: [events.UrlFilter, ...]}` to hear only some URLs (js/38_api.js keeps the filters, Swift's
// URLFilter matches them).
(function (host) {
  'use strict';
  const { listPush, StringPrototypeToUpperCase } = host.primordials;
  const chrome = host.flavor === 'chrome';
  // (Both browsers' schemas list the same transitions; each is an enum of the namespace.)
  const enumOf = (list) => {
    const values = { __proto__: null };
    for (let i = 0; i < list.length; i++) values[StringPrototypeToUpperCase(list[i])] = list[i];
    return { values };
  };
  const urlFilter = {
    type: 'object', typeName: 'events.UrlFilter',
    properties: {
      hostContains: { type: 'string', optional: true },
      hostEquals: { type: 'string', optional: true },
      hostPrefix: { type: 'string', optional: true },
      hostSuffix: { type: 'string', optional: true },
      pathContains: { type: 'string', optional: true },
      pathEquals: { type: 'string', optional: true },
      pathPrefix: { type: 'string', optional: true },
      pathSuffix: { type: 'string', optional: true },
      queryContains: { type: 'string', optional: true },
      queryEquals: { type: 'string', optional: true },
      queryPrefix: { type: 'string', optional: true },
      querySuffix: { type: 'string', optional: true },
      urlContains: { type: 'string', optional: true },
      urlEquals: { type: 'string', optional: true },
      urlMatches: { type: 'string', optional: true },
      originAndPathMatches: { type: 'string', optional: true },
      urlPrefix: { type: 'string', optional: true },
      urlSuffix: { type: 'string', optional: true },
      schemes: { type: 'array', items: { type: 'string' }, optional: true },
      ports: { type: 'array', items: { choices: [{ type: 'integer' }, { type: 'array', items: { type: 'integer' }, minItems: 2, maxItems: 2 }] }, optional: true },
    },
  };
  // (The second argument of a filtered event's addListener.)
  // (Chromium takes no URL list, or an empty one, as no filter; Firefox's schema wants one.)
  host.urlFilterParameter = {
    name: 'filters', type: 'object', optional: true,
    properties: { url: chrome ? { type: 'array', items: urlFilter, optional: true } : { type: 'array', items: urlFilter, minItems: 1 } },
  };
  const filtered = ['onBeforeNavigate', 'onCommitted', 'onDOMContentLoaded', 'onCompleted', 'onErrorOccurred',
    'onReferenceFragmentUpdated', 'onHistoryStateUpdated', 'onCreatedNavigationTarget'];
  const events = [];
  for (let i = 0; i < filtered.length; i++) listPush(events, { name: filtered[i], persistent: true, urlFilters: true });
  listPush(events, { name: 'onTabReplaced', persistent: true });
  host.defineNamespace('webNavigation', ['background'], () => ({
    functions: {
      getFrame: {
        async: true,
        parameters: [{
          name: 'details', type: 'object',
          properties: chrome ? {
            tabId: { type: 'integer', minimum: 0, optional: true },
            processId: { type: 'integer', optional: true },
            frameId: { type: 'integer', minimum: 0, optional: true },
            documentId: { type: 'string', optional: true },
          } : {
            tabId: { type: 'integer', minimum: 0 },
            processId: { type: 'integer', optional: true },
            frameId: { type: 'integer', minimum: 0 },
          },
        }],
        run: (cx, args) => host.request(cx, 'webNavigation.getFrame', args),
      },
      getAllFrames: {
        async: true,
        parameters: [{ name: 'details', type: 'object', properties: { tabId: { type: 'integer', minimum: 0 } } }],
        run: (cx, args) => host.request(cx, 'webNavigation.getAllFrames', args),
      },
    },
    events,
    enums: {
      TransitionType: enumOf(['link', 'typed', 'auto_bookmark', 'auto_subframe', 'manual_subframe', 'generated', 'start_page',
        'form_submit', 'reload', 'keyword', 'keyword_generated']),
      TransitionQualifier: enumOf(['client_redirect', 'server_redirect', 'forward_back', 'from_address_bar']),
    },
  }));
});
