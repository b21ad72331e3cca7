// exthost:realm host
// exthost:needs api schema
// The toolbar button: `action` (manifest version 3) or `browserAction` (manifest version 2), for
// an extension that declares one.
(function (host) {
  'use strict';
  const description = () => ({ functions: {}, events: ['onClicked'] });
  host.defineNamespace('action', ['background'], () => ({
    ...description(),
    available: (cx) => cx.info.hasAction && cx.info.manifestVersion >= 3,
  }));
  host.defineNamespace('browserAction', ['background'], () => ({
    ...description(),
    available: (cx) => cx.info.hasAction && cx.info.manifestVersion < 3,
  }));
});
