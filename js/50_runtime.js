// exthost:needs primordials schema
// The `runtime` namespace.
(function (host) {
  'use strict';
  const { String, StringPrototypeCharCodeAt, StringPrototypeSlice, JSONParse } = host.primordials;
  const info = host.context;
  host.defineNamespace('runtime', ['background', 'content'], () => ({
    properties: {
      id: { get: () => info.extensionId },
    },
    functions: {
      getURL: {
        parameters: [{ name: 'path', type: 'string' }],
        run(args) {
          // Chromium resolves the path as a URL (so a space becomes %20); Firefox appends it as it is.
          const text = String(args[0]);
          let start = 0;
          while (start < text.length && StringPrototypeCharCodeAt(text, start) === 0x2F) start++;
          const relative = StringPrototypeSlice(text, start);
          if (host.flavor === 'firefox') return info.baseURL + relative;
          host.load('url');
          return host.resolveURL(relative, info.baseURL);
        },
      },
      getManifest: {
        contexts: ['background', 'content'],
        parameters: [],
        run() { return JSONParse(info.manifestJSON); },
      },
    },
    events: [],
  }));
});
