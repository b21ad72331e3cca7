// exthost:realm host
// exthost:needs api schema
// The toolbar button: `action` (manifest version 3) or `browserAction` (manifest version 2), for
// an extension that declares one. Its state is Swift's (Sources/Exthost/API/ActionAPI.swift:
// `<namespace>.set [property, value, tabId]` and `.get [property, tabId]`); each browser's
// schema is here (recorded: fixtures/conformance/action-state).
(function (host) {
  'use strict';
  const chrome = host.flavor === 'chrome';
  const tabId = { type: 'integer', minimum: 0, optional: true };
  // (Firefox's details may also name a window; its setters take null to clear a tab's value.)
  const target = chrome ? { tabId } : { tabId, windowId: { type: 'integer', minimum: -2, optional: true } };
  const details = (properties) => ({ name: 'details', type: 'object', properties: { ...properties, ...target } });
  const orNull = (spec) => (chrome ? spec : { choices: [spec, { type: 'null' }] });
  const color = chrome
    ? { choices: [{ type: 'string' }, { type: 'array', items: { type: 'integer' }, minItems: 4, maxItems: 4 }] }
    : { choices: [{ type: 'string' }, { type: 'array', items: { type: 'integer', minimum: 0, maximum: 255 }, minItems: 4, maxItems: 4 }, { type: 'null' }] };
  const description = (namespace) => {
    const set = (property, key) => (cx, args) => host.request(cx, namespace + '.set', [property, args[0][key], args[0].tabId, args[0].windowId]);
    const get = (property) => (cx, args) => host.request(cx, namespace + '.get',
      [property, args[0] === undefined ? undefined : args[0].tabId, args[0] === undefined ? undefined : args[0].windowId]);
    const setter = (property, key, spec) => ({ async: true, parameters: [details({ [key]: spec })], run: set(property, key) });
    const getter = (property) => ({ async: true, parameters: [details({})], run: get(property) });
    const optionalTab = { name: 'tabId', type: 'integer', minimum: 0, optional: true };
    return {
      functions: {
        setTitle: setter('title', 'title', orNull({ type: 'string' })),
        getTitle: getter('title'),
        setBadgeText: setter('badgeText', 'text', chrome ? { type: 'string', optional: true } : orNull({ type: 'string' })),
        getBadgeText: getter('badgeText'),
        setBadgeBackgroundColor: setter('badgeBackgroundColor', 'color', color),
        getBadgeBackgroundColor: getter('badgeBackgroundColor'),
        setBadgeTextColor: setter('badgeTextColor', 'color', color),
        getBadgeTextColor: getter('badgeTextColor'),
        setPopup: setter('popup', 'popup', orNull({ type: 'string' })),
        getPopup: getter('popup'),
        setIcon: {
          async: true,
          parameters: [details({
            path: { choices: [{ type: 'string' }, { type: 'object', additionalProperties: true }], optional: true },
            imageData: { type: 'object', additionalProperties: true, optional: true },
          })],
          run: (cx, args) => host.request(cx, namespace + '.set', ['icon', { path: args[0].path, imageData: args[0].imageData === undefined ? undefined : true }, args[0].tabId, args[0].windowId]),
        },
        enable: { async: true, parameters: [optionalTab], run: (cx, args) => host.request(cx, namespace + '.set', ['enabled', true, args[0]]) },
        disable: { async: true, parameters: [optionalTab], run: (cx, args) => host.request(cx, namespace + '.set', ['enabled', false, args[0]]) },
        // (Firefox takes its details, or a tab id as Chromium does.)
        isEnabled: {
          async: true,
          parameters: [chrome ? optionalTab : { name: 'details', optional: true, choices: [{ type: 'integer', minimum: 0 }, { type: 'object', properties: target }] }],
          run: (cx, args) => host.request(cx, namespace + '.get', typeof args[0] === 'object' && args[0] !== null
            ? ['enabled', args[0].tabId, args[0].windowId] : ['enabled', args[0]]),
        },
        // (No person pins the button here.)
        getUserSettings: { async: true, parameters: [], run: (cx) => host.parseJSON(cx, '{"isOnToolbar":false}') },
        openPopup: {
          async: true,
          parameters: [{ name: 'options', type: 'object', optional: true, properties: { windowId: { type: 'integer', optional: true } } }],
          run: (cx, args) => host.request(cx, namespace + '.openPopup', []),
        },
      },
      events: [{ name: 'onClicked', persistent: true }, 'onUserSettingsChanged'],  // (persistent: js/90_namespaces.js)
      listedUndefined: chrome ? undefined : { background: ['ColorArray', 'ColorValue', 'Details', 'ImageDataType', 'OnClickData'] },
    };
  };
  host.defineNamespace('action', ['background'], () => ({
    ...description('action'),
    available: (cx) => cx.info.hasAction && cx.info.manifestVersion >= 3,
  }));
  host.defineNamespace('browserAction', ['background'], () => ({
    ...description('browserAction'),
    available: (cx) => cx.info.hasAction && cx.info.manifestVersion < 3,
  }));
});
