// exthost:needs host schema
// The toolbar button: `action` (manifest version 3) or `browserAction` (manifest version 2).
// exthost:contexts background driver
(function (host) {
  'use strict';
  const name = host.context.manifestVersion >= 3 ? 'action' : 'browserAction';
  if (!host.context.hasAction) return;
  host.defineNamespace(name, ['background'], () => ({
    functions: {},
    events: ['onClicked'],
  }));
});
