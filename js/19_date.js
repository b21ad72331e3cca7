// exthost:eager
// Date follows the event loop's clock (virtual by default: it jumps to the next timer when nothing
// else is pending). Eager and small: Date is a built-in every context has from the start.
(function (host) {
  'use strict';
  // (Made when the context is made: it uses the built-ins as js/00_0_builtins.js took them.)
  const { MathFloor, ReflectApply, ReflectConstruct, ReflectDefineProperty, ObjectSetPrototypeOf } = host.builtins.plain;
  const intrinsics = host.builtins.intrinsics;
  const dateToString = intrinsics['Date.prototype.toString'];
  const dataDescriptor = (value, writable, enumerable, configurable) =>
    ({ __proto__: null, value, writable, enumerable, configurable });
  const native = host.native;
  const global = host.global;

  // (The engine's Date and its prototype, as they were before any extension script ran.)
  const RealDate = intrinsics['Date'];
  const RealDatePrototype = intrinsics['Date.prototype'];
  const now = () => native.clock.wallNow();
  function Date(...args) {
    if (!new.target) return ReflectApply(dateToString, new RealDate(now()), []);
    return args.length === 0 ? new RealDate(now()) : ReflectConstruct(RealDate, args);
  }
  ObjectSetPrototypeOf(Date, RealDate);
  ReflectDefineProperty(Date, 'prototype', dataDescriptor(RealDatePrototype, false, false, false));
  ReflectDefineProperty(RealDatePrototype, 'constructor', dataDescriptor(Date, true, false, true));
  ReflectDefineProperty(Date, 'now', dataDescriptor(function now() { return MathFloor(native.clock.wallNow()); }, true, false, true));
  ReflectDefineProperty(Date, 'name', dataDescriptor('Date', false, false, true));
  ReflectDefineProperty(Date, 'length', dataDescriptor(7, false, false, true));
  ReflectDefineProperty(global, 'Date', dataDescriptor(Date, true, false, true));
});
