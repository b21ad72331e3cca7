// exthost:realm host
// exthost:needs primordials api structured_clone_writer
// exthost:globals ~PerformanceEntry:constructor:0 ~PerformanceMark:constructor:1 ~PerformanceMeasure:constructor:0
// User Timing (W3C User Timing Level 3): `performance.mark`, `performance.measure`,
// `getEntries`, `getEntriesByType`, `getEntriesByName`, `clearMarks`, `clearMeasures`, and the
// PerformanceEntry, PerformanceMark and PerformanceMeasure interfaces, on the loop's clock (the
// same as `performance.now()`, ExtensionContext+Timers.swift, which makes the `performance`
// object and its lazy functions). A mark's or measure's `detail` is a structured clone
// (js/45_structured_clone.js). Each browser's errors, members and order of entries as
// fixtures/conformance/web-performance recorded them. The buffer holds only marks and measures:
// the navigation, resource and paint entries of a page are not here.
//
// Runs in the host's realm, for a world on the first touch of these globals or of one of the
// functions (`host.installUserTiming`): each interface made on first need, its members one
// implementation for every world. Each world's buffer and each entry's fields are kept here.
(function (host) {
  'use strict';
  const { String, Number, NumberIsFinite, SafeWeakMap, StringPrototypeCharCodeAt, listPush } = host.primordials;
  const FIREFOX = host.flavor === 'firefox';
  const errors = host.webIDLErrors;
  const isObject = (value) => value !== null && (typeof value === 'object' || typeof value === 'function');
  const native = (cx) => cx.loader.native;
  // Chromium has no PerformanceTiming in workers: there, `navigationStart` is a mark name like
  // any other. Firefox's background is a page.
  const inWindow = (cx) => !cx.info.isServiceWorker;
  const now = (cx) => native(cx).clock.monotonicNow();

  // ---- Entries -------------------------------------------------------------------------------------
  // Each entry's fields, by entry (no script can reach them).
  const fields = new SafeWeakMap();
  const entryFields = (cx, entry, interfaceName, member) => {
    const record = isObject(entry) ? fields.get(entry) : undefined;
    if (record === undefined) throw errors.illegalInvocation(cx, interfaceName, member);
    return record;
  };
  // Chromium's navigationId: one random UUID for the world's document (or worker).
  function worldNavigationId(cx) {
    const world = cx.timingWorld;
    if (world.navigationId !== undefined) return world.navigationId;
    const bytes = native(cx).crypto.randomBytes(16);
    const hex = '0123456789abcdef';
    let text = '';
    for (let i = 0; i < 16; i++) {
      let byte = StringPrototypeCharCodeAt(bytes, i);
      if (i === 6) byte = (byte & 0x0f) | 0x40;
      if (i === 8) byte = (byte & 0x3f) | 0x80;
      if (i === 4 || i === 6 || i === 8 || i === 10) text += '-';
      text += hex[byte >> 4] + hex[byte & 15];
    }
    world.navigationId = text;
    return text;
  }
  const entryGetter = (name) => ['get', name, (cx, thisValue) => entryFields(cx, thisValue, 'PerformanceEntry', 'get ' + name)[name]];
  const entryMembers = [
    entryGetter('name'),
    entryGetter('entryType'),
    entryGetter('startTime'),
    entryGetter('duration'),
    ['method', 'toJSON', 0, (cx, thisValue) => {
      const record = entryFields(cx, thisValue, 'PerformanceEntry', 'toJSON');
      const json = host.newObject(cx);
      host.defineValue(json, 'name', record.name, true, true, true);
      host.defineValue(json, 'entryType', record.entryType, true, true, true);
      host.defineValue(json, 'startTime', record.startTime, true, true, true);
      host.defineValue(json, 'duration', record.duration, true, true, true);
      if (!FIREFOX) host.defineValue(json, 'navigationId', worldNavigationId(cx), true, true, true);
      return json;
    }],
  ];
  if (!FIREFOX) {
    listPush(entryMembers, ['get', 'navigationId', (cx, thisValue) => {
      entryFields(cx, thisValue, 'PerformanceEntry', 'get navigationId');
      return worldNavigationId(cx);
    }]);
  }
  const detailMember = (interfaceName) => ['get', 'detail', (cx, thisValue) => entryFields(cx, thisValue, interfaceName, 'get detail').detail];
  // The entry `target` stands for, with its fields.
  function makeEntry(target, name, entryType, startTime, duration, detail) {
    fields.set(target, { __proto__: null, name, entryType, startTime, duration, detail });
    return target;
  }

  // ---- Texts ---------------------------------------------------------------------------------------
  const failed = (member, text) => errors.failed(member === 'constructor' ? 'PerformanceMark' : 'Performance', member, text);
  const typeError = (cx, member, text) => host.newTypeError(cx, failed(member, text));
  const syntaxError = (cx, member, text) => host.newDOMException(cx, failed(member, text), 'SyntaxError');
  const chromePrefix = (member) => (member === 'constructor'
    ? "Failed to construct 'PerformanceMark': " : "Failed to execute '" + member + "' on 'Performance': ");
  const countError = (cx, member, required, count) => (member === 'constructor'
    ? errors.countError(cx, 'PerformanceMark', 'constructor', required, count) : errors.countError(cx, 'Performance', member, required, count));

  // A DOMHighResTimeStamp member of a dictionary: a finite number.
  function timeStamp(cx, value, member, key, dictionary) {
    const number = Number(value);
    if (!NumberIsFinite(number)) {
      throw typeError(cx, member, FIREFOX ? "'" + key + "' member of " + dictionary + ' is not a finite floating-point value.'
        : "Failed to read the '" + key + "' property from '" + dictionary + "': The provided double value is non-finite.");
    }
    return number;
  }

  // `detail` as User Timing keeps it: a structured clone of the world, or null.
  function cloneDetail(cx, detail, member) {
    if (detail === undefined) return null;
    if (FIREFOX && typeof detail === 'symbol') throw host.newDOMException(cx, 'unsupported type for structured data', 'DataCloneError');
    return host.readStructuredClone(host.structuredCloneText(detail, cx, FIREFOX ? '' : chromePrefix(member)), cx);
  }

  // The names of PerformanceTiming's attributes, which a window refuses as mark names.
  const timingNames = {
    __proto__: null, navigationStart: true, unloadEventStart: true, unloadEventEnd: true, redirectStart: true,
    redirectEnd: true, fetchStart: true, domainLookupStart: true, domainLookupEnd: true, connectStart: true,
    connectEnd: true, secureConnectionStart: true, requestStart: true, responseStart: true, responseEnd: true,
    domLoading: true, domInteractive: true, domContentLoadedEventStart: true, domContentLoadedEventEnd: true,
    domComplete: true, loadEventStart: true, loadEventEnd: true,
  };
  const isTimingName = (cx, name) => inWindow(cx) && timingNames[name] === true;

  // ---- PerformanceMark -----------------------------------------------------------------------------
  // The steps of the PerformanceMark constructor, for `new PerformanceMark` (member 'constructor')
  // and performance.mark: the fields of the mark `target` will be.
  function markFields(cx, args, member) {
    if (args.length < 1) throw countError(cx, member, 1, 0);
    const name = `${args[0]}`;
    const options = errors.dictionary(cx, args.length > 1 ? args[1] : undefined, member === 'constructor' ? 'PerformanceMark' : 'Performance',
      member, 2, 'PerformanceMarkOptions');
    // (Dictionary members are read in order of their names.)
    const detail = options === undefined ? undefined : options.detail;
    const givenStart = options === undefined ? undefined : options.startTime;
    const startTime = givenStart === undefined ? undefined : timeStamp(cx, givenStart, member, 'startTime', 'PerformanceMarkOptions');
    if (isTimingName(cx, name)) {
      throw syntaxError(cx, member, FIREFOX ? 'markName cannot be a performance timing attribute'
        : "'" + name + "' is part of the PerformanceTiming interface, and cannot be used as a mark name.");
    }
    if (startTime !== undefined && startTime < 0) {
      throw typeError(cx, member, FIREFOX ? 'Expected startTime >= 0' : "'" + name + "' cannot have a negative start time.");
    }
    return { __proto__: null, name, startTime: startTime === undefined ? now(cx) : startTime, detail: cloneDetail(cx, detail, member) };
  }
  const constructMark = (cx, thisValue, newTarget, ...args) => {
    const made = markFields(cx, args, 'constructor');
    return makeEntry(host.newInstance(cx, newTarget, interfaceOf(cx, 'PerformanceMark').prototype), made.name, 'mark', made.startTime, 0, made.detail);
  };

  // ---- The performance timeline's buffer of marks and measures ----------------------------------------
  // The time a mark name or a timestamp stands for in measure (`key`: the option or argument).
  function markTime(cx, value, measureName, key) {
    if (typeof value === 'number') {
      if (value < 0) {
        throw typeError(cx, 'measure', FIREFOX ? 'Given attribute ' + key + ' cannot be negative' : "'" + measureName + "' cannot have a negative time stamp.");
      }
      return value;
    }
    const name = `${value}`;
    if (isTimingName(cx, name)) {
      // (A page's navigation timing is not here; only its start is known: 0.)
      if (name === 'navigationStart') return 0;
      throw host.newDOMException(cx, FIREFOX ? 'Performance.measure: Given attribute ' + name + ' is 0'
        : failed('measure', "'" + name + "' is empty: either the event hasn't happened yet, or it would provide cross-origin timing information."), 'InvalidAccessError');
    }
    const buffer = cx.timingWorld.buffer;
    for (let i = buffer.length - 1; i >= 0; i--) {
      const record = fields.get(buffer[i]);
      if (record.entryType === 'mark' && record.name === name) return record.startTime;
    }
    throw syntaxError(cx, 'measure', FIREFOX ? 'Given mark name, ' + name + ', is unknown' : "The mark '" + name + "' does not exist.");
  }

  function mark(cx, args) {
    const made = markFields(cx, args, 'mark');
    const entry = makeEntry(host.newObjectFrom(cx, interfaceOf(cx, 'PerformanceMark').prototype), made.name, 'mark', made.startTime, 0, made.detail);
    listPush(cx.timingWorld.buffer, entry);
    return entry;
  }

  function measure(cx, args) {
    if (args.length < 1) throw countError(cx, 'measure', 1, 0);
    const name = `${args[0]}`;
    const startOrOptions = args.length > 1 ? args[1] : undefined;
    const endMark = args.length > 2 ? args[2] : undefined;
    // (The union's dictionary takes null too, as an empty one.)
    const isDictionary = startOrOptions === null || typeof startOrOptions === 'object' || typeof startOrOptions === 'function';
    let detail, duration, end, start;
    if (isDictionary && startOrOptions !== null) {
      detail = startOrOptions.detail;
      const givenDuration = startOrOptions.duration;
      duration = givenDuration === undefined ? undefined : timeStamp(cx, givenDuration, 'measure', 'duration', 'PerformanceMeasureOptions');
      end = startOrOptions.end;
      start = startOrOptions.start;
    }
    const nonEmpty = isDictionary && (start !== undefined || end !== undefined || duration !== undefined || detail !== undefined);
    if (nonEmpty) {
      if (endMark !== undefined) {
        throw typeError(cx, 'measure', FIREFOX ? 'Cannot provide separate endMark argument if PerformanceMeasureOptions argument is given'
          : 'If a non-empty PerformanceMeasureOptions object was passed, |end_mark| must not be passed.');
      }
      if (start === undefined && end === undefined) {
        throw typeError(cx, 'measure', FIREFOX ? 'PerformanceMeasureOptions must have start and/or end member'
          : "If a non-empty PerformanceMeasureOptions object was passed, at least one of its 'start' or 'end' properties must be present.");
      }
      if (start !== undefined && duration !== undefined && end !== undefined) {
        throw typeError(cx, 'measure', FIREFOX ? 'PerformanceMeasureOptions cannot have all of the following members: start, duration, and end'
          : "If a non-empty PerformanceMeasureOptions object was passed, it must not have all of its 'start', 'duration', and 'end' properties defined");
      }
    }
    // (A start or end of the options is a timestamp when it is a number, else a mark's name.)
    let endTime;
    if (endMark !== undefined) endTime = markTime(cx, `${endMark}`, name, 'end');
    else if (nonEmpty && end !== undefined) endTime = markTime(cx, end, name, 'end');
    else if (nonEmpty && start !== undefined && duration !== undefined) endTime = markTime(cx, start, name, 'start') + duration;
    else endTime = now(cx);
    let startTime;
    if (nonEmpty && start !== undefined) startTime = markTime(cx, start, name, 'start');
    else if (nonEmpty && duration !== undefined && end !== undefined) startTime = endTime - duration;
    else if (!isDictionary && startOrOptions !== undefined) startTime = markTime(cx, `${startOrOptions}`, name, 'start');
    else startTime = 0;
    const entry = makeEntry(host.newObjectFrom(cx, interfaceOf(cx, 'PerformanceMeasure').prototype), name, 'measure', startTime, endTime - startTime,
      cloneDetail(cx, nonEmpty ? detail : undefined, 'measure'));
    listPush(cx.timingWorld.buffer, entry);
    return entry;
  }

  // The buffer's entries that `keep` keeps, in order of their start times (the order they were
  // added among equal ones), as an array of the world.
  function entries(cx, keep) {
    const buffer = cx.timingWorld.buffer;
    const sorted = [];
    for (let i = 0; i < buffer.length; i++) {
      const entry = buffer[i];
      const startTime = fields.get(entry).startTime;
      if (!keep(fields.get(entry))) continue;
      listPush(sorted, entry);
      let at = sorted.length - 1;
      for (; at > 0 && fields.get(sorted[at - 1]).startTime > startTime; at--) sorted[at] = sorted[at - 1];
      sorted[at] = entry;
    }
    return host.newArray(cx, sorted);
  }
  // Removes the entries of `entryType` (all of them, or those named `args[0]`).
  function clear(cx, entryType, args) {
    const world = cx.timingWorld;
    const name = args.length > 0 && args[0] !== undefined ? `${args[0]}` : undefined;
    const kept = [];
    for (let i = 0; i < world.buffer.length; i++) {
      const record = fields.get(world.buffer[i]);
      if (record.entryType === entryType && (name === undefined || record.name === name)) continue;
      listPush(kept, world.buffer[i]);
    }
    world.buffer = kept;
  }
  // `performance`'s functions, by name: (cx, args).
  const functions = {
    __proto__: null,
    mark,
    measure,
    getEntries: (cx) => entries(cx, () => true),
    getEntriesByType(cx, args) {
      if (args.length < 1) throw countError(cx, 'getEntriesByType', 1, 0);
      const type = `${args[0]}`;
      return entries(cx, (record) => record.entryType === type);
    },
    getEntriesByName(cx, args) {
      if (args.length < 1) throw countError(cx, 'getEntriesByName', 1, 0);
      const name = `${args[0]}`;
      const type = args.length > 1 && args[1] !== undefined ? `${args[1]}` : undefined;
      return entries(cx, (record) => record.name === name && (type === undefined || record.entryType === type));
    },
    clearMarks(cx, args) { clear(cx, 'mark', args); },
    clearMeasures(cx, args) { clear(cx, 'measure', args); },
  };
  const lengths = { __proto__: null, mark: 1, measure: 1, getEntries: 0, getEntriesByType: 1, getEntriesByName: 1, clearMarks: 0, clearMeasures: 0 };

  // ---- The interfaces ------------------------------------------------------------------------------
  const interfaces = {
    __proto__: null,
    PerformanceEntry: { parent: null, members: entryMembers },
    PerformanceMark: { parent: 'PerformanceEntry', construct: constructMark, members: [detailMember('PerformanceMark')] },
    PerformanceMeasure: { parent: 'PerformanceEntry', members: [detailMember('PerformanceMeasure')] },
  };
  // The interface `name` of the world of `cx` ({prototype, publicConstructor}), made now if it was not.
  function interfaceOf(cx, name) {
    const world = cx.timingWorld.interfaces;
    const made = world[name];
    if (made !== undefined) return made;
    const description = interfaces[name];
    const parent = description.parent === null ? null : interfaceOf(cx, description.parent);
    world[name] = host.makeWorldInterface(cx, name, { __proto__: null, construct: description.construct, members: description.members }, parent);
    return world[name];
  }
  host.makeUserTimingInterface = function (cx, name) {
    if (interfaces[name] !== undefined) interfaceOf(cx, name);
  };
  // Installs the module for the world of `cx`: its buffer, and the functions `performance`'s lazy
  // ones call (ExtensionContext+Timers.swift).
  host.installUserTiming = function (cx) {
    if (cx.timingWorld !== undefined) return;
    cx.timingWorld = { __proto__: null, interfaces: { __proto__: null }, buffer: [], navigationId: undefined };
    const names = ['mark', 'measure', 'getEntries', 'getEntriesByType', 'getEntriesByName', 'clearMarks', 'clearMeasures'];
    for (let i = 0; i < names.length; i++) {
      const run = functions[names[i]];
      cx.loader.implementations['performance.' + names[i]] = host.newFunction(cx, names[i], lengths[names[i]], (data, thisValue, ...args) => run(cx, args), cx);
    }
  };
});
