// exthost:needs primordials
// The host's own machinery, shared by every context: events, requests to Swift, and delivery
// of what Swift sends (events, responses). Extension code never sees `host`.
(function (host) {
  'use strict';
  const {
    ObjectDefineProperty, ReflectApply, JSONParse, SafeMap, SafeWeakMap, StringPrototypeIncludes, ObjectKeys, Error, TypeError,
    hasOwn, listPush, listCopy, listIncludes, listIndexOf, listRemoveAt, dataDescriptor, newSafePromise,
    stringifyData, safeString, isProxy, SymbolToStringTag,
  } = host.primordials;
  const native = host.native;

  // ---- Uncaught errors ---------------------------------------------------------------------------
  // Reports an error that escaped a callback the host called, as the browser's console shows it.
  host.reportUncaught = function (error, inPromise) {
    let text;
    try {
      text = native.format.describeUncaught(error, !!inPromise);
    } catch (e) {
      text = host.flavor === 'chrome' ? 'Uncaught (an error that cannot be shown)' : "uncaught exception: unknown (can't convert to string)";
    }
    native.console.uncaught(text, host.errorLocation(error));
  };

  // `file:line:column` of an error (JavaScriptCore's own `sourceURL`, `line` and `column` data
  // properties of an Error), `file:line` without a column, `file` without a line, or '' when
  // unknown (a thrown value that is not an Error has no location). Never runs a getter or a trap.
  host.errorLocation = function (error) {
    if (error === null || typeof error !== 'object' || isProxy(error)) return '';
    const sourceURL = getOwnDataValue(error, 'sourceURL');
    if (typeof sourceURL !== 'string' || sourceURL === '') return '';
    const line = getOwnDataValue(error, 'line');
    if (!isPositiveInteger(line)) return sourceURL;
    const column = getOwnDataValue(error, 'column');
    return isPositiveInteger(column) ? sourceURL + ':' + line + ':' + column : sourceURL + ':' + line;
  };
  const isPositiveInteger = (value) => typeof value === 'number' && value >= 1 && value - value === 0 && value % 1 === 0;
  const getOwnDataValue = host.primordials.getOwnData;

  // Calls `fn` and reports what it throws instead of letting it stop the caller.
  host.callReporting = function (fn, thisArg, args) {
    try {
      return ReflectApply(fn, thisArg, args);
    } catch (error) {
      host.reportUncaught(error, false);
    }
  };

  // ---- Events ------------------------------------------------------------------------------------
  // One `events.Event`: addListener / removeListener / hasListener / hasListeners.
  // `listenerError(error)` reports an error thrown by a listener (flavor-specific text);
  // the other listeners still run.
  const listenersOf = new SafeWeakMap();
  const stateOf = (event) => {
    const state = listenersOf.get(event);
    if (!state) throw new TypeError('Illegal invocation');
    return state;
  };

  class Event {
    constructor(name) {
      listenersOf.set(this, { __proto__: null, name, listeners: [], onChange: null });
    }
    addListener(callback) {
      const state = stateOf(this);
      // Chromium accepts anything silently (it never calls a non-function); Firefox refuses it.
      if (typeof callback !== 'function') {
        if (host.flavor === 'firefox') throw new Error('Invalid listener for ' + state.name + '.');
        return;
      }
      if (!listIncludes(state.listeners, callback)) listPush(state.listeners, callback);
      if (state.onChange) state.onChange(state.listeners.length);
    }
    removeListener(callback) {
      const state = stateOf(this);
      const index = listIndexOf(state.listeners, callback);
      if (index >= 0) listRemoveAt(state.listeners, index);
      if (state.onChange) state.onChange(state.listeners.length);
    }
    hasListener(callback) {
      return listIncludes(stateOf(this).listeners, callback);
    }
    hasListeners() {
      return stateOf(this).listeners.length > 0;
    }
  }
  ObjectDefineProperty(Event.prototype, SymbolToStringTag, dataDescriptor('Event', false, false, true));
  // Firefox's events have no hasListeners.
  if (host.flavor === 'firefox') delete Event.prototype.hasListeners;
  host.Event = Event;

  // Every event of this context, by full name (`tabs.onUpdated`), made once.
  host.events = new SafeMap();
  host.event = function (name) {
    let event = host.events.get(name);
    if (!event) {
      event = new Event(name);
      host.events.set(name, event);
    }
    return event;
  };

  // Calls each listener of `name` with `args`. Listeners removed during the dispatch still run in
  // Chrome (it dispatches to a copy) but not in Firefox (it checks each one before calling it).
  // Returns the listeners' return values.
  host.dispatchEvent = function (name, args) {
    const event = host.events.get(name);
    return event ? host.dispatchEventObject(event, args) : [];
  };

  host.dispatchEventObject = function (event, args) {
    const state = listenersOf.get(event);
    const results = [];
    const listeners = listCopy(state.listeners);
    for (let i = 0; i < listeners.length; i++) {
      const listener = listeners[i];
      if (host.flavor === 'firefox' && !listIncludes(state.listeners, listener)) continue;
      try {
        listPush(results, ReflectApply(listener, undefined, args));
      } catch (error) {
        host.reportListenerError(state.name, error);
      }
    }
    return results;
  };

  // The listeners of an event, in the order they were added (a copy).
  host.listenersOf = function (event) {
    return listCopy(listenersOf.get(event).listeners);
  };

  // A listener threw: Chrome logs `Error in event handler: ` + an Error's stack or V8's message
  // for the value (js/10_format.js, describeListenerError); Firefox reports it as uncaught.
  host.reportListenerError = function (name, error) {
    if (host.flavor === 'chrome') {
      let text;
      try {
        text = native.format.describeListenerError(error);
      } catch (e) {
        text = 'Error';
      }
      native.console.listenerError('Error in event handler: ' + text, host.errorLocation(error));
    } else {
      host.reportUncaught(error, false);
    }
  };

  // ---- Requests to Swift -------------------------------------------------------------------------
  let nextRequest = 1;
  const pending = new SafeMap();

  // Sends an asynchronous API call to Swift; returns a promise of its JSON result (a SafePromise:
  // the host's own, see js/90_namespaces.js for how the caller's promise follows it).
  host.request = function (method, args) {
    const id = nextRequest++;
    return newSafePromise((resolve, reject) => {
      pending.set(id, { __proto__: null, resolve, reject });
      native.api.request(method, stringifyData(args), id);
    });
  };

  // A synchronous API call into Swift: returns its result, or throws its error.
  host.call = function (method, args) {
    return native.api.call(method, stringifyData(args));
  };

  // ---- Delivery from Swift -----------------------------------------------------------------------
  // JSON from Swift; members present with the value `undefined` (as browsers give some) come as
  // the string "\u0000undefined" and are turned back here.
  const undefinedMarker = '\u0000undefined';
  function restoreUndefined(value) {
    if (value === null || typeof value !== 'object') return value === undefinedMarker ? undefined : value;
    const keys = ObjectKeys(value);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (value[key] === undefinedMarker) value[key] = undefined;
      else if (value[key] !== null && typeof value[key] === 'object') restoreUndefined(value[key]);
    }
    return value;
  }
  host.parseHostJSON = function (text) {
    const value = JSONParse(text);
    return StringPrototypeIncludes(text, '\\u0000undefined') ? restoreUndefined(value) : value;
  };

  // What Swift sends this context, each a task of its own (Sources/Exthost/Delivery.swift): one
  // entry point each. The messaging module, loaded with the namespaces, adds its own.
  const notListening = () => ({ __proto__: null, accepted: false });
  host.deliveries = {
    __proto__: null,
    event(name, argumentsJSON) {
      host.dispatchEvent(name, host.parseHostJSON(argumentsJSON));
    },
    apiResponse(id, resultJSON, error) {
      const request = pending.get(id);
      if (!request) return;
      pending.delete(id);
      if (error !== null && error !== undefined) request.reject(new Error(error));
      else request.resolve(resultJSON === undefined ? undefined : host.parseHostJSON(resultJSON));
    },
    // (Without messaging, nothing in this context listens, and it holds no port.)
    connect: notListening,
    message() {},
    disconnect() {},
    messageResponse() {},
  };
});
