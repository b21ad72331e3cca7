// The `runtime` namespace.
(function (host) {
  'use strict';
  const info = host.context;
  host.defineNamespace('runtime', {
    contexts: ['background', 'content'],
    properties: {
      id: { get: () => info.extensionId },
    },
    functions: {
      getURL: {
        parameters: [{ name: 'path', type: 'string' }],
        run([path]) {
          const base = info.baseURL;
          return base + String(path).replace(/^\/+/, '');
        },
      },
      getManifest: {
        contexts: ['background', 'content'],
        parameters: [],
        run() { return JSON.parse(info.manifestJSON); },
      },
    },
    events: [],
  });
});
