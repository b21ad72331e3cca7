// exthost:realm host
// exthost:needs primordials api schema
// `commands`: the manifest's keyboard commands (Sources/Exthost/API/CommandsAPI.swift; recorded:
// fixtures/conformance/commands-getall). No person presses keys here: a driver fires a command
// (`extension.command(name)`), as the browser does when its shortcut is pressed.
(function (host) {
  'use strict';
  const chrome = host.flavor === 'chrome';
  const request = (cx, method, args) => host.request(cx, method, args);
  host.defineNamespace('commands', ['background'], () => ({
    functions: {
      getAll: { async: true, parameters: [], run: (cx, args) => request(cx, 'commands.getAll', args) },
      ...(chrome ? {} : {
        // (Firefox lets the extension change a command's description and shortcut, and reset them.)
        update: {
          async: true,
          parameters: [{
            name: 'detail', type: 'object',
            properties: { name: { type: 'string' }, description: { type: 'string', optional: true }, shortcut: { type: 'string', optional: true } },
          }],
          run: (cx, args) => request(cx, 'commands.update', [args[0].name, args[0].description, args[0].shortcut]),
        },
        reset: { async: true, parameters: [{ name: 'name', type: 'string' }], run: (cx, args) => request(cx, 'commands.reset', args) },
        openShortcutSettings: { async: true, parameters: [], run: (cx, args) => request(cx, 'commands.openShortcutSettings', args) },
      }),
    },
    events: chrome ? ['onCommand'] : [{ name: 'onCommand', persistent: true }, { name: 'onChanged', persistent: true }],  // (persistent: js/90_namespaces.js)
    listedUndefined: chrome ? undefined : { background: ['Command'] },
  }));
});
