// exthost:realm host
// exthost:needs primordials api schema
// `alarms` (with the "alarms" permission), on the loop's clock (Sources/Exthost/API/AlarmsAPI.swift
// keeps the alarms and fires them; recorded: fixtures/conformance/alarms-basics). As an unpacked
// extension's alarms are, none is held to the browsers' minimum delay. Chromium's `create`
// refuses an alarm with no time or with both `when` and `delayInMinutes`; Firefox's fires such an
// alarm at once (or at `when`).
(function (host) {
  'use strict';
  const chrome = host.flavor === 'chrome';
  const request = (cx, method, args) => host.request(cx, method, args);
  const alarmInfo = {
    name: 'alarmInfo', type: 'object', typeName: 'alarms.AlarmCreateInfo',
    properties: {
      when: { type: 'number', optional: true },
      delayInMinutes: { type: 'number', optional: true },
      periodInMinutes: { type: 'number', optional: true },
    },
  };
  const name = { name: 'name', type: 'string', optional: true };
  // (Whether a context has it at all, the permission, js/90_namespaces.js's lazy entry says.)
  host.defineNamespace('alarms', ['background'], () => ({
    functions: {
      create: { async: true, parameters: [name, alarmInfo], run: (cx, args) => request(cx, 'alarms.create', args) },
      get: { async: true, parameters: [name], run: (cx, args) => request(cx, 'alarms.get', args) },
      getAll: { async: true, parameters: [], run: (cx, args) => request(cx, 'alarms.getAll', args) },
      clear: { async: true, parameters: [name], run: (cx, args) => request(cx, 'alarms.clear', args) },
      clearAll: { async: true, parameters: [], run: (cx, args) => request(cx, 'alarms.clearAll', args) },
    },
    events: [{ name: 'onAlarm', persistent: true }],  // (persistent: js/90_namespaces.js)
    listedUndefined: chrome ? undefined : { background: ['Alarm'] },
  }));
});
