// The host's own machinery, shared by every context: events, requests to Swift, and delivery
// of what Swift sends (timers, events, responses). Extension code never sees `host`.
(function (host) {
  'use strict';
  const native = host.native;
  const ownHas = (object, key) => Object.prototype.hasOwnProperty.call(object, key);

  // ---- Uncaught errors ---------------------------------------------------------------------------
  // Reports an error that escaped a callback the host called, as the browser's console shows it.
  host.reportUncaught = function (error, inPromise) {
    let text;
    try {
      text = host.describeUncaught ? host.describeUncaught(error, inPromise) : 'Uncaught ' + String(error);
    } catch (e) {
      text = 'Uncaught (an error that cannot be shown)';
    }
    native.uncaught(text, host.errorLocation(error));
  };

  // `file:line:column` of an error, or '' when unknown.
  host.errorLocation = function (error) {
    try {
      if (error !== null && typeof error === 'object' && typeof error.sourceURL === 'string') {
        return error.sourceURL + ':' + error.line + ':' + error.column;
      }
    } catch (e) {}
    return '';
  };

  // Calls `fn` and reports what it throws instead of letting it stop the caller.
  host.callReporting = function (fn, thisArg, args) {
    try {
      return Reflect.apply(fn, thisArg, args);
    } catch (error) {
      host.reportUncaught(error, false);
    }
  };

  // ---- Events ------------------------------------------------------------------------------------
  // One `events.Event`: addListener / removeListener / hasListener / hasListeners.
  // `listenerError(error)` reports an error thrown by a listener (flavor-specific text);
  // the other listeners still run.
  const listenersOf = new WeakMap();

  class Event {
    constructor(name) {
      listenersOf.set(this, { name, listeners: [] });
    }
    addListener(callback) {
      const state = listenersOf.get(this);
      // Chromium accepts anything silently (it never calls a non-function); Firefox refuses it.
      if (typeof callback !== 'function') {
        if (host.flavor === 'firefox') throw new Error('Invalid listener for ' + state.name + '.');
        return;
      }
      if (!state.listeners.includes(callback)) state.listeners.push(callback);
      if (state.onChange) state.onChange(state.listeners.length);
    }
    removeListener(callback) {
      const state = listenersOf.get(this);
      const index = state.listeners.indexOf(callback);
      if (index >= 0) state.listeners.splice(index, 1);
      if (state.onChange) state.onChange(state.listeners.length);
    }
    hasListener(callback) {
      const state = listenersOf.get(this);
      return state.listeners.includes(callback);
    }
    hasListeners() {
      return listenersOf.get(this).listeners.length > 0;
    }
  }
  Object.defineProperty(Event.prototype, Symbol.toStringTag, { value: 'Event', configurable: true });
  // Firefox's events have no hasListeners.
  if (host.flavor === 'firefox') delete Event.prototype.hasListeners;
  host.Event = Event;

  // Every event of this context, by full name (`tabs.onUpdated`), made once.
  host.events = new Map();
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
    for (const listener of state.listeners.slice()) {
      if (host.flavor === 'firefox' && !state.listeners.includes(listener)) continue;
      try {
        results.push(Reflect.apply(listener, undefined, args));
      } catch (error) {
        host.reportListenerError(state.name, error);
      }
    }
    return results;
  };

  // The listeners of an event, in the order they were added (a copy).
  host.listenersOf = function (event) {
    return listenersOf.get(event).listeners.slice();
  };

  // A listener threw: Chrome logs `Error in event handler: <stack>`; Firefox reports it as uncaught.
  host.reportListenerError = function (name, error) {
    if (host.flavor === 'chrome') {
      let text;
      try {
        // An Error shows as itself; any other value as V8's message for it ("Uncaught plain").
        text = error instanceof Error ? (host.formatValue ? host.formatValue(error) : String(error)) : 'Uncaught ' + String(error);
      } catch (e) {
        text = 'Error';
      }
      native.listenerError('Error in event handler: ' + text, host.errorLocation(error));
    } else {
      host.reportUncaught(error, false);
    }
  };

  // ---- Requests to Swift -------------------------------------------------------------------------
  let nextRequest = 1;
  const pending = new Map();

  // Sends an asynchronous API call to Swift; returns a promise of its JSON result.
  host.request = function (method, args) {
    const id = nextRequest++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      native.request(method, JSON.stringify(args), id);
    });
  };

  // A synchronous API call into Swift: returns its result, or throws its error.
  host.call = function (method, args) {
    const result = native.call(method, JSON.stringify(args));
    if (result !== null && typeof result === 'object' && ownHas(result, 'error')) throw new Error(result.error);
    return result === null || typeof result !== 'object' ? result : result.value;
  };

  // ---- Delivery from Swift -----------------------------------------------------------------------
  // JSON from Swift; members present with the value `undefined` (as browsers give some) come as
  // the string "\u0000undefined" and are turned back here.
  const undefinedMarker = '\u0000undefined';
  function restoreUndefined(value) {
    if (value === null || typeof value !== 'object') return value === undefinedMarker ? undefined : value;
    for (const key of Object.keys(value)) {
      if (value[key] === undefinedMarker) value[key] = undefined;
      else if (value[key] !== null && typeof value[key] === 'object') restoreUndefined(value[key]);
    }
    return value;
  }
  host.parseHostJSON = function (text) {
    const value = JSON.parse(text);
    return text.includes('\\u0000undefined') ? restoreUndefined(value) : value;
  };

  // Swift calls this, as a task of its own, for everything it sends to this context.
  host.timerCallbacks = new Map();
  host.receive = function (kind, a, b, c) {
    switch (kind) {
      case 'event': {
        host.dispatchEvent(a, host.parseHostJSON(b));
        return;
      }
      case 'response': {
        const request = pending.get(a);
        if (!request) return;
        pending.delete(a);
        if (c !== null && c !== undefined) request.reject(new Error(c));
        else request.resolve(b === undefined ? undefined : host.parseHostJSON(b));
        return;
      }
      case 'port.connect':
        return host.receiveConnect(a, host.parseHostJSON(b));
      case 'port.message':
        return host.receivePortEvent('message', a, b, c);
      case 'port.disconnect':
        return host.receivePortEvent('disconnect', a, b, c);
      case 'port.response':
        return host.receivePortEvent('response', a, b, c);
      case 'timer': {
        const timer = host.timerCallbacks.get(a);
        if (!timer) return;
        if (timer.repeats) {
          // An interval runs again `delay` later, one nesting level deeper (js/20_timers.js).
          native.startTimer(a, host.clampTimerDelay(timer.delay, timer.nesting), false);
        } else {
          host.timerCallbacks.delete(a);
        }
        host.timerNesting = timer.nesting;
        if (timer.repeats) timer.nesting++;
        try {
          if (typeof timer.callback === 'function') host.callReporting(timer.callback, undefined, timer.args);
        } finally {
          host.timerNesting = 0;
        }
        return;
      }
    }
  };
});
