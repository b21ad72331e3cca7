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
          // Chromium resolves the path as a URL (so a space becomes %20); Firefox appends it as it is.
          const relative = String(path).replace(/^\/+/, '');
          if (host.flavor === 'firefox') return info.baseURL + relative;
          return new host.URL(relative, info.baseURL).href;
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
