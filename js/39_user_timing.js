// exthost:needs primordials host dom_exception structured_clone
// exthost:globals ~PerformanceEntry:constructor:0 ~PerformanceMark:constructor:1 ~PerformanceMeasure:constructor:0
// User Timing (W3C User Timing Level 3): `performance.mark`, `performance.measure`,
// `getEntries`, `getEntriesByType`, `getEntriesByName`, `clearMarks`, `clearMeasures`, and the
// PerformanceEntry, PerformanceMark and PerformanceMeasure interfaces, on the loop's clock (the
// same as `performance.now()`, ExtensionContext+Timers.swift, which makes the `performance`
// object and its lazy functions). A mark's or measure's `detail` is a structured clone
// (js/46_structured_clone.js). Each browser's errors, members and order of entries as
// fixtures/conformance/web-performance recorded them. The buffer holds only marks and measures:
// the navigation, resource and paint entries of a page come with the pages (issue 10).
(function (host) {
  'use strict';
  const { TypeError, String, Number, NumberIsFinite, SafeWeakMap, listPush } = host.primordials;
  const native = host.native;
  const FIREFOX = host.flavor === 'firefox';
  const errors = host.webIDLErrors;
  // Chromium has no PerformanceTiming in workers: there, `navigationStart` is a mark name like
  // any other. Firefox's background is a page.
  const inWindow = !host.context.isServiceWorker;
  const now = () => native.clock.monotonicNow();

  // ---- Entries -------------------------------------------------------------------------------------
  // Each entry's fields, by entry (no script can reach them).
  const fields = new SafeWeakMap();
  const entryField = (entry, name, interfaceName) => {
    const record = fields.get(entry);
    if (record === undefined) throw errors.illegalInvocation(interfaceName, name);
    return record[name];
  };
  // Chromium's navigationId: one random UUID for the context's document (or worker).
  let navigationId;
  function contextNavigationId() {
    if (navigationId !== undefined) return navigationId;
    const bytes = native.crypto.randomBytes(16);
    const hex = '0123456789abcdef';
    let text = '';
    for (let i = 0; i < 16; i++) {
      let byte = host.primordials.StringPrototypeCharCodeAt(bytes, i);
      if (i === 6) byte = (byte & 0x0f) | 0x40;
      if (i === 8) byte = (byte & 0x3f) | 0x80;
      if (i === 4 || i === 6 || i === 8 || i === 10) text += '-';
      text += hex[byte >> 4] + hex[byte & 15];
    }
    navigationId = text;
    return text;
  }

  function PerformanceEntry() {
    throw errors.illegalConstructor('PerformanceEntry');
  }
  const entryMembers = {
    get name() { return entryField(this, 'name', 'PerformanceEntry'); },
    get entryType() { return entryField(this, 'entryType', 'PerformanceEntry'); },
    get startTime() { return entryField(this, 'startTime', 'PerformanceEntry'); },
    get duration() { return entryField(this, 'duration', 'PerformanceEntry'); },
    toJSON() {
      const record = fields.get(this);
      if (record === undefined) throw errors.illegalInvocation('PerformanceEntry', 'toJSON');
      return FIREFOX ? { name: record.name, entryType: record.entryType, startTime: record.startTime, duration: record.duration }
        : { name: record.name, entryType: record.entryType, startTime: record.startTime, duration: record.duration, navigationId: contextNavigationId() };
    },
  };
  if (!FIREFOX) {
    host.primordials.ReflectDefineProperty(entryMembers, 'navigationId', {
      __proto__: null,
      get() { entryField(this, 'name', 'PerformanceEntry'); return contextNavigationId(); },
      enumerable: true,
      configurable: true,
    });
  }
  const entryPrototype = host.defineInterface(PerformanceEntry, 'PerformanceEntry', 0, entryMembers);
  const detailOf = (entry, interfaceName) => entryField(entry, 'detail', interfaceName);

  // The entry `prototype` stands for, with its fields.
  function makeEntry(target, name, entryType, startTime, duration, detail) {
    fields.set(target, { __proto__: null, name, entryType, startTime, duration, detail });
    return target;
  }

  // ---- Texts ---------------------------------------------------------------------------------------
  const failed = (member, text) => errors.failed(member === 'constructor' ? 'PerformanceMark' : 'Performance', member, text);
  const typeError = (member, text) => new TypeError(failed(member, text));
  const syntaxError = (member, text) => host.newDOMException(failed(member, text), 'SyntaxError');
  const chromePrefix = (member) => (member === 'constructor'
    ? "Failed to construct 'PerformanceMark': " : "Failed to execute '" + member + "' on 'Performance': ");

  // A DOMHighResTimeStamp member of a dictionary: a finite number.
  function timeStamp(value, member, key, dictionary) {
    const number = Number(value);
    if (!NumberIsFinite(number)) {
      throw typeError(member, FIREFOX ? "'" + key + "' member of " + dictionary + ' is not a finite floating-point value.'
        : "Failed to read the '" + key + "' property from '" + dictionary + "': The provided double value is non-finite.");
    }
    return number;
  }

  // `detail` as User Timing keeps it: a structured clone, or null.
  const cloneDetail = (detail, member) =>
    (detail === undefined ? null : host.cloneValue(detail, chromePrefix(member)));

  // The names of PerformanceTiming's attributes, which a window refuses as mark names.
  const timingNames = {
    __proto__: null, navigationStart: true, unloadEventStart: true, unloadEventEnd: true, redirectStart: true,
    redirectEnd: true, fetchStart: true, domainLookupStart: true, domainLookupEnd: true, connectStart: true,
    connectEnd: true, secureConnectionStart: true, requestStart: true, responseStart: true, responseEnd: true,
    domLoading: true, domInteractive: true, domContentLoadedEventStart: true, domContentLoadedEventEnd: true,
    domComplete: true, loadEventStart: true, loadEventEnd: true,
  };
  const isTimingName = (name) => inWindow && timingNames[name] === true;

  // ---- PerformanceMark -----------------------------------------------------------------------------
  // The steps of the PerformanceMark constructor, for `new PerformanceMark` (member 'constructor')
  // and performance.mark.
  function initializeMark(target, args, member) {
    if (args.length < 1) {
      throw member === 'constructor' ? errors.countError('PerformanceMark', 'constructor', 1, 0) : errors.countError('Performance', member, 1, 0);
    }
    const name = `${args[0]}`;
    const options = errors.dictionary(args.length > 1 ? args[1] : undefined, member === 'constructor' ? 'PerformanceMark' : 'Performance',
      member, 2, 'PerformanceMarkOptions');
    // (Dictionary members are read in order of their names.)
    const detail = options === undefined ? undefined : options.detail;
    const givenStart = options === undefined ? undefined : options.startTime;
    const startTime = givenStart === undefined ? undefined : timeStamp(givenStart, member, 'startTime', 'PerformanceMarkOptions');
    if (isTimingName(name)) {
      throw syntaxError(member, FIREFOX ? 'markName cannot be a performance timing attribute'
        : "'" + name + "' is part of the PerformanceTiming interface, and cannot be used as a mark name.");
    }
    if (startTime !== undefined && startTime < 0) {
      throw typeError(member, FIREFOX ? 'Expected startTime >= 0' : "'" + name + "' cannot have a negative start time.");
    }
    return makeEntry(target, name, 'mark', startTime === undefined ? now() : startTime, 0, cloneDetail(detail, member));
  }

  function PerformanceMark(...args) {
    if (new.target === undefined) throw errors.newRequired('PerformanceMark');
    initializeMark(this, args, 'constructor');
  }
  const markPrototype = host.defineInterface(PerformanceMark, 'PerformanceMark', 1, {
    get detail() { return detailOf(this, 'PerformanceMark'); },
  }, { __proto__: null, parentPrototype: entryPrototype, parentConstructor: host.lazyGlobals.PerformanceEntry });

  function PerformanceMeasure() {
    throw errors.illegalConstructor('PerformanceMeasure');
  }
  const measurePrototype = host.defineInterface(PerformanceMeasure, 'PerformanceMeasure', 0, {
    get detail() { return detailOf(this, 'PerformanceMeasure'); },
  }, { __proto__: null, parentPrototype: entryPrototype, parentConstructor: host.lazyGlobals.PerformanceEntry });

  // ---- The performance timeline's buffer of marks and measures ----------------------------------------
  let buffer = [];
  const newEntryOf = (prototype) => host.primordials.ObjectCreate(prototype);

  // The time a mark name or a timestamp stands for in measure (`key`: the option or argument).
  function markTime(value, measureName, key) {
    if (typeof value === 'number') {
      if (value < 0) {
        throw typeError('measure', FIREFOX ? 'Given attribute ' + key + ' cannot be negative' : "'" + measureName + "' cannot have a negative time stamp.");
      }
      return value;
    }
    const name = `${value}`;
    if (isTimingName(name)) {
      // (A page's navigation timing comes with the pages; only its start is known here: 0.)
      if (name === 'navigationStart') return 0;
      throw host.newDOMException(FIREFOX ? 'Performance.measure: Given attribute ' + name + ' is 0'
        : failed('measure', "'" + name + "' is empty: either the event hasn't happened yet, or it would provide cross-origin timing information."), 'InvalidAccessError');
    }
    for (let i = buffer.length - 1; i >= 0; i--) {
      const record = fields.get(buffer[i]);
      if (record.entryType === 'mark' && record.name === name) return record.startTime;
    }
    throw syntaxError('measure', FIREFOX ? 'Given mark name, ' + name + ', is unknown' : "The mark '" + name + "' does not exist.");
  }

  host.implementations['performance.mark'] = function mark(...args) {
    const entry = initializeMark(newEntryOf(markPrototype), args, 'mark');
    listPush(buffer, entry);
    return entry;
  };

  host.implementations['performance.measure'] = function measure(...args) {
    if (args.length < 1) throw errors.countError('Performance', 'measure', 1, 0);
    const name = `${args[0]}`;
    const startOrOptions = args.length > 1 ? args[1] : undefined;
    const endMark = args.length > 2 ? args[2] : undefined;
    // (The union's dictionary takes null too, as an empty one.)
    const isDictionary = startOrOptions === null || typeof startOrOptions === 'object' || typeof startOrOptions === 'function';
    let detail, duration, end, start;
    if (isDictionary && startOrOptions !== null) {
      detail = startOrOptions.detail;
      const givenDuration = startOrOptions.duration;
      duration = givenDuration === undefined ? undefined : timeStamp(givenDuration, 'measure', 'duration', 'PerformanceMeasureOptions');
      end = startOrOptions.end;
      start = startOrOptions.start;
    }
    const nonEmpty = isDictionary && (start !== undefined || end !== undefined || duration !== undefined || detail !== undefined);
    if (nonEmpty) {
      if (endMark !== undefined) {
        throw typeError('measure', FIREFOX ? 'Cannot provide separate endMark argument if PerformanceMeasureOptions argument is given'
          : 'If a non-empty PerformanceMeasureOptions object was passed, |end_mark| must not be passed.');
      }
      if (start === undefined && end === undefined) {
        throw typeError('measure', FIREFOX ? 'PerformanceMeasureOptions must have start and/or end member'
          : "If a non-empty PerformanceMeasureOptions object was passed, at least one of its 'start' or 'end' properties must be present.");
      }
      if (start !== undefined && duration !== undefined && end !== undefined) {
        throw typeError('measure', FIREFOX ? 'PerformanceMeasureOptions cannot have all of the following members: start, duration, and end'
          : "If a non-empty PerformanceMeasureOptions object was passed, it must not have all of its 'start', 'duration', and 'end' properties defined");
      }
    }
    // (A start or end of the options is a timestamp when it is a number, else a mark's name.)
    let endTime;
    if (endMark !== undefined) endTime = markTime(`${endMark}`, name, 'end');
    else if (nonEmpty && end !== undefined) endTime = markTime(end, name, 'end');
    else if (nonEmpty && start !== undefined && duration !== undefined) endTime = markTime(start, name, 'start') + duration;
    else endTime = now();
    let startTime;
    if (nonEmpty && start !== undefined) startTime = markTime(start, name, 'start');
    else if (nonEmpty && duration !== undefined && end !== undefined) startTime = endTime - duration;
    else if (!isDictionary && startOrOptions !== undefined) startTime = markTime(`${startOrOptions}`, name, 'start');
    else startTime = 0;
    const entry = makeEntry(newEntryOf(measurePrototype), name, 'measure', startTime, endTime - startTime,
      cloneDetail(nonEmpty ? detail : undefined, 'measure'));
    listPush(buffer, entry);
    return entry;
  };

  // The buffer's entries that `keep` keeps, in order of their start times (the order they were
  // added among equal ones), as an array of the context.
  function entries(keep) {
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
    return sorted;
  }
  host.implementations['performance.getEntries'] = function getEntries() {
    return entries(() => true);
  };
  host.implementations['performance.getEntriesByType'] = function getEntriesByType(...args) {
    if (args.length < 1) throw errors.countError('Performance', 'getEntriesByType', 1, 0);
    const type = `${args[0]}`;
    return entries((record) => record.entryType === type);
  };
  host.implementations['performance.getEntriesByName'] = function getEntriesByName(...args) {
    if (args.length < 1) throw errors.countError('Performance', 'getEntriesByName', 1, 0);
    const name = `${args[0]}`;
    const type = args.length > 1 && args[1] !== undefined ? `${args[1]}` : undefined;
    return entries((record) => record.name === name && (type === undefined || record.entryType === type));
  };
  // Removes the entries of `entryType` (all of them, or those named `args[0]`).
  function clear(entryType, args) {
    const name = args.length > 0 && args[0] !== undefined ? `${args[0]}` : undefined;
    const kept = [];
    for (let i = 0; i < buffer.length; i++) {
      const record = fields.get(buffer[i]);
      if (record.entryType === entryType && (name === undefined || record.name === name)) continue;
      listPush(kept, buffer[i]);
    }
    buffer = kept;
  }
  host.implementations['performance.clearMarks'] = function clearMarks(...args) {
    clear('mark', args);
  };
  host.implementations['performance.clearMeasures'] = function clearMeasures(...args) {
    clear('measure', args);
  };
});
