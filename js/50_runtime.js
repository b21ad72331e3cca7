// exthost:realm host
// exthost:needs primordials api schema
// The `runtime` namespace.
(function (host) {
  'use strict';
  const { String, TypeError, StringPrototypeCharCodeAt, StringPrototypeSlice } = host.primordials;
  host.defineNamespace('runtime', ['background', 'content'], () => ({
    properties: {
      id: { get: (cx) => cx.info.extensionId },
    },
    functions: {
      getURL: {
        parameters: [{ name: 'path', type: 'string' }],
        run(cx, args) {
          // Chromium resolves the path as a URL (so a space becomes %20); Firefox appends it as it is.
          const text = String(args[0]);
          let start = 0;
          while (start < text.length && StringPrototypeCharCodeAt(text, start) === 0x2F) start++;
          const relative = StringPrototypeSlice(text, start);
          if (host.flavor === 'firefox') return cx.info.baseURL + relative;
          // (As `new URL(relative, base).href`, which cannot fail against the extension's base.)
          const parts = host.call(cx, 'url.parse', [relative, cx.info.baseURL]);
          if (parts === null || typeof parts !== 'object') throw new TypeError("Failed to construct 'URL': Invalid URL");
          return parts.href;
        },
      },
      getManifest: {
        contexts: ['background', 'content'],
        parameters: [],
        run(cx) { return host.parseJSON(cx, cx.info.manifestJSON); },
      },
    },
    events: [],
  }));
});
