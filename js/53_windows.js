// exthost:realm host
// exthost:needs api schema
// The `windows` namespace (background and extension pages only).
(function (host) {
  'use strict';
  const getInfo = {
    name: 'queryOptions', type: 'object', optional: true,
    properties: {
      populate: { type: 'boolean', optional: true },
      windowTypes: { type: 'array', items: { type: 'string', enum: ['normal', 'popup', 'panel', 'app', 'devtools'] }, optional: true },
    },
  };
  host.defineNamespace('windows', ['background'], () => ({
    constants: { WINDOW_ID_NONE: -1, WINDOW_ID_CURRENT: -2 },
    functions: {
      get: {
        async: true,
        parameters: [{ name: 'windowId', type: 'integer', minimum: -2 }, getInfo],
        run: (cx, args) => host.request(cx, 'windows.get', args),
      },
      getCurrent: {
        async: true,
        parameters: [getInfo],
        run: (cx, args) => host.request(cx, 'windows.getCurrent', args),
      },
      getLastFocused: {
        async: true,
        parameters: [getInfo],
        run: (cx, args) => host.request(cx, 'windows.getLastFocused', args),
      },
      getAll: {
        async: true,
        parameters: [getInfo],
        run: (cx, args) => host.request(cx, 'windows.getAll', args),
      },
    },
    events: [{ name: 'onCreated', persistent: true }, { name: 'onRemoved', persistent: true }, { name: 'onFocusChanged', persistent: true }],  // (persistent: js/90_namespaces.js)
  }));
});
