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
  const chrome = host.flavor === 'chrome';
  const urlChoices = { choices: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }], optional: true };
  const windowState = {
    type: 'string', optional: true,
    enum: chrome ? ['normal', 'minimized', 'maximized', 'fullscreen', 'locked-fullscreen'] : ['normal', 'minimized', 'maximized', 'fullscreen', 'docked'],
  };
  const bounds = {
    left: { type: 'integer', optional: true },
    top: { type: 'integer', optional: true },
    width: { type: 'integer', optional: true },
    height: { type: 'integer', optional: true },
  };
  const createData = {
    name: 'createData', type: 'object', optional: true,
    properties: {
      url: urlChoices,
      tabId: { type: 'integer', minimum: 0, optional: true },
      focused: { type: 'boolean', optional: true },
      incognito: { type: 'boolean', optional: true },
      type: { type: 'string', optional: true, enum: chrome ? ['normal', 'popup', 'panel'] : ['normal', 'popup', 'panel', 'detached_panel'] },
      state: windowState,
      ...bounds,
      ...(chrome ? { setSelfAsOpener: { type: 'boolean', optional: true } } : {
        allowScriptsToClose: { type: 'boolean', optional: true },
        cookieStoreId: { type: 'string', optional: true },
        titlePreface: { type: 'string', optional: true },
      }),
    },
  };
  const updateInfo = {
    name: 'updateInfo', type: 'object',
    properties: {
      focused: { type: 'boolean', optional: true },
      drawAttention: { type: 'boolean', optional: true },
      state: windowState,
      ...bounds,
      ...(chrome ? {} : { titlePreface: { type: 'string', optional: true } }),
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
      create: {
        async: true,
        parameters: [createData],
        run: (cx, args) => {
          // (Firefox opens no window unfocused, and its schema warns of the request.)
          const data = args[0];
          if (!chrome && data && data.focused === false) {
            cx.native.console.message('error', 'Error: Warning processing focused: Opening inactive windows is not supported.');
          }
          return host.request(cx, 'windows.create', args);
        },
      },
      update: {
        async: true,
        parameters: [{ name: 'windowId', type: 'integer', minimum: -2 }, updateInfo],
        run: (cx, args) => host.request(cx, 'windows.update', args),
      },
      remove: {
        async: true,
        parameters: [{ name: 'windowId', type: 'integer', minimum: -2 }],
        run: (cx, args) => host.request(cx, 'windows.remove', args),
      },
    },
    // (persistent: js/90_namespaces.js; Firefox has no onBoundsChanged.)
    events: [{ name: 'onCreated', persistent: true }, { name: 'onRemoved', persistent: true }, { name: 'onFocusChanged', persistent: true }]
      .concat(chrome ? [{ name: 'onBoundsChanged', persistent: true }] : []),
  }));
});
