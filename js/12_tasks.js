// exthost:realm host
// exthost:needs primordials
// Promise jobs the host queues for a context (`queueMicrotask`, Sources/Exthost/ExtensionContext+Timers.swift).
// The machine has one queue of promise jobs for all its realms, so a job queued here runs in order
// with the context's own.
(function (host) {
  'use strict';
  const { ReflectApply, enqueueMicrotask } = host.primordials;
  // Calls `callback` (of a context) with no arguments in a promise job; what it throws goes to
  // `report` (the context's report of an uncaught error).
  host.enqueueMicrotask = function (callback, report) {
    enqueueMicrotask(() => {
      try {
        ReflectApply(callback, undefined, []);
      } catch (error) {
        report(error);
      }
    });
  };
});
