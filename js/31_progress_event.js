// exthost:needs primordials host events
// exthost:globals ~ProgressEvent:constructor:1
// ProgressEvent (XHR Standard): an Event with lengthComputable, loaded and total, in windows and
// workers, for XMLHttpRequest (js/34_xhr.js) and FileReader (js/37_blob.js), which fire it with
// `host.fireProgress`.
(function (host) {
  'use strict';
  const { TypeError, String, Number, SafeWeakMap, MathTrunc, NumberIsFinite } = host.primordials;
  const FIREFOX = host.flavor === 'firefox';
  const errors = host.webIDLErrors;

  const progress = new SafeWeakMap();
  function ProgressEvent(...args) {
    if (new.target === undefined) throw errors.newRequired('ProgressEvent');
    if (args.length < 1) {
      throw new TypeError(FIREFOX ? 'ProgressEvent constructor: At least 1 argument required, but only 0 passed'
        : "Failed to construct 'ProgressEvent': 1 argument required, but only 0 present.");
    }
    const init = args[1];
    host.initializeEvent(this, String(args[0]), init === null ? undefined : init);
    const fields = { __proto__: null, lengthComputable: false, loaded: 0, total: 0 };
    if (init !== undefined && init !== null) {
      fields.lengthComputable = !!init.lengthComputable;
      if (init.loaded !== undefined) fields.loaded = unsignedLongLong(init.loaded);
      if (init.total !== undefined) fields.total = unsignedLongLong(init.total);
    }
    progress.set(this, fields);
  }
  function unsignedLongLong(value) {
    const number = Number(value);
    return NumberIsFinite(number) && number > 0 ? MathTrunc(number) : 0;
  }
  const progressField = (event, name) => {
    const fields = progress.get(event);
    if (fields === undefined) throw errors.illegalInvocation('ProgressEvent', 'get ' + name);
    return fields[name];
  };
  const progressPrototype = host.defineInterface(ProgressEvent, 'ProgressEvent', 1, {
    get lengthComputable() { return progressField(this, 'lengthComputable'); },
    get loaded() { return progressField(this, 'loaded'); },
    get total() { return progressField(this, 'total'); },
  }, { __proto__: null, parentPrototype: host.EventPrototype, parentConstructor: host.lazyGlobals.Event });

  // Dispatches a trusted ProgressEvent `type` at `target`.
  host.fireProgress = (target, type, loaded, total, computable) => {
    const made = host.newEvent(progressPrototype, type, undefined);
    progress.set(made.event, { __proto__: null, lengthComputable: computable, loaded, total });
    host.dispatchTrusted(target, made);
  };
  host.unsignedLongLong = unsignedLongLong;
});
