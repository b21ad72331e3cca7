// exthost:realm host
// exthost:needs primordials format
// exthost:globals ~console:object
// The `console` object of every context, as each browser's behaves: log levels, groups, counters,
// timers, assert, trace and table, over the formatting of js/10_format.js (which says how values are
// shown, and where each text comes from).
//
// This module runs once, in the host's own realm (Sources/Exthost/HostRealm.swift). Each context's
// `console` holds functions of the context's own realm, made by Swift
// (Sources/Exthost/ExtensionContext+Console.swift), which call the members `host.makeConsole`
// makes for that context: its groups, counters and timers, and where its lines go.
(function (host) {
  'use strict';
  const {
    $Error, $Map, $Set, $String, FIREFOX,
    attempt, call, dataProp, formatConsoleArguments, formatParameters, gopd,
    isArray, isArrayIndexKey, isObject, join, keyName, listCopy, mapDelete, mapGet,
    mapHas, mapSet, mathRound, mirror, nativeMessage, nativeNow, ownKeys, owns,
    propertyValueText, push, renderGeneric, repeat, replaceAll, safeRender, safeString, setAdd,
    setHas, slice, stackFrames, strCharCodeAt,
  } = host.consoleFormat;
  const inRealm = host.inRealm;

  // The members of one context's console (their names, in the order V8's bootstrapper installs
  // them, are `host.consoleNames`): `sink(level, text)` takes its lines, `realm`
  // (host.describeRealm) is its realm's.
  host.makeConsole = function makeConsole(sink, realm) {
    // ---- Emission and state --------------------------------------------------
    let groupDepth = 0;
    function emit(level, text) {
      try {
        let t = typeof text === 'string' ? text : $String(text);
        if (groupDepth > 0) {
          const indent = repeat('  ', groupDepth);
          t = indent + replaceAll(t, '\n', '\n' + indent);
        }
        sink(level, t);
      } catch (e) { /* the sink failed: nothing to do */ }
    }

    const counts = new $Map();
    const timers = new $Map();
    function labelOf(args, fallback) {
      if (args.length < 1 || args[0] === undefined) return fallback;
      return safeString(args[0], fallback);
    }
    function now() {
      return attempt(() => +nativeNow(), 0);
    }

    // ---- console.trace stack capture ----------------------------------------
    // Chrome captures up to 200 frames whatever Error.stackTraceLimit says.
    function raiseStackTraceLimit() {
      try {
        const d = gopd($Error, 'stackTraceLimit');
        if (d && owns(d, 'value') && d.writable) {
          $Error.stackTraceLimit = 201;
          return { __proto__: null, value: d.value };
        }
      } catch (e) { /* ignore */ }
      return null;
    }
    function restoreStackTraceLimit(saved) {
      if (saved) { try { $Error.stackTraceLimit = saved.value; } catch (e) { /* ignore */ } }
    }
    function traceFrames(error) {
      const stack = attempt(() => error.stack, '');
      if (typeof stack !== 'string') return [];
      // The first frame (after the host's own) is console.trace itself.
      const frames = stackFrames(stack, 1);
      return frames.length > 200 ? listCopy(frames, 0, 200) : frames;
    }

    // ---- The console object --------------------------------------------------
    let depth = 0;
    const MAX_DEPTH = 4;
    function guarded(fn) {
      if (depth >= MAX_DEPTH) return;
      depth++;
      try { inRealm(realm, fn); } catch (e) { /* never throw out of console */ } finally { depth--; }
    }
    function logLike(level, args) {
      if (args.length === 0) return;
      emit(level, formatConsoleArguments(args, false));
    }

    const consoleMembers = {
      __proto__: null,
      debug(...args) { guarded(() => logLike('debug', args)); },
      error(...args) { guarded(() => logLike('error', args)); },
      info(...args) { guarded(() => logLike('info', args)); },
      log(...args) { guarded(() => logLike('log', args)); },
      warn(...args) { guarded(() => logLike('warn', args)); },
      dir(...args) {
        guarded(() => {
          if (args.length === 0) return;
          emit('log', safeRender(renderGeneric, args[0]));
        });
      },
      dirxml(...args) {
        guarded(() => {
          if (args.length === 0) return;
          emit('log', formatConsoleArguments(args, true));
        });
      },
      table(...args) {
        guarded(() => {
          if (args.length === 0) return;
          emit('log', renderTable(args[0], args.length > 1 ? args[1] : undefined));
        });
      },
      trace(...args) {
        const saved = raiseStackTraceLimit();
        let error = null;
        try { error = new $Error(); } catch (e) { /* stack overflow */ }
        restoreStackTraceLimit(saved);
        guarded(() => {
          const frames = error ? traceFrames(error) : [];
          const label = args.length ? formatConsoleArguments(args, false) : 'console.trace';
          emit('log', frames.length ? label + '\n' + join(frames, '\n') : label);
        });
      },
      group(...args) {
        guarded(() => {
          const label = args.length ? formatConsoleArguments(args, false)
            : FIREFOX ? '<no group label>' : 'console.group';
          emit('log', label);
          groupDepth++;
        });
      },
      groupCollapsed(...args) {
        guarded(() => {
          const label = args.length ? formatConsoleArguments(args, false)
            : FIREFOX ? '<no group label>' : 'console.groupCollapsed';
          emit('log', label);
          groupDepth++;
        });
      },
      groupEnd() {
        guarded(() => { if (groupDepth > 0) groupDepth--; });
      },
      clear() {
        guarded(() => {
          groupDepth = 0;
          emit('log', FIREFOX ? 'Console was cleared.' : 'Console was cleared');
        });
      },
      count(...args) {
        guarded(() => {
          const label = labelOf(args, 'default');
          const n = (call(mapGet, counts, label) || 0) + 1;
          call(mapSet, counts, label, n);
          if (FIREFOX) emit('log', (label || '<no label>') + ': ' + n);
          else emit('log', label === '' ? $String(n) : label + ': ' + n);
        });
      },
      countReset(...args) {
        guarded(() => {
          const label = labelOf(args, 'default');
          if (call(mapHas, counts, label)) {
            call(mapSet, counts, label, 0);
            if (FIREFOX) emit('log', (label || '<no label>') + ': 0');
          } else if (FIREFOX) {
            emit('warn', 'Counter \u201C' + label + '\u201D doesn\u2019t exist.');
          } else {
            emit('warn', "Count for '" + label + "' does not exist");
          }
        });
      },
      assert(...args) {
        guarded(() => {
          let ok;
          try { ok = !!args[0]; } catch (e) { ok = false; }
          if (ok) return;
          const rest = listCopy(args, 1);
          if (rest.length === 0) push(rest, 'console.assert');
          emit('error', 'Assertion failed: ' + formatConsoleArguments(rest, false));
        });
      },
      profile() {},
      profileEnd() {},
      time(...args) {
        guarded(() => {
          const label = labelOf(args, 'default');
          if (call(mapHas, timers, label)) {
            emit('warn', FIREFOX ? 'Timer \u201C' + label + '\u201D already exists.' : "Timer '" + label + "' already exists");
            return;
          }
          call(mapSet, timers, label, now());
        });
      },
      timeLog(...args) {
        guarded(() => timerReport(args, false));
      },
      timeEnd(...args) {
        guarded(() => timerReport(args, true));
      },
      timeStamp() {},
    };

    function timerReport(args, end) {
      const label = labelOf(args, 'default');
      if (!call(mapHas, timers, label)) {
        emit('warn', FIREFOX ? 'Timer \u201C' + label + '\u201D doesn\u2019t exist.' : "Timer '" + label + "' does not exist");
        return;
      }
      const elapsed = now() - call(mapGet, timers, label);
      if (end) call(mapDelete, timers, label);
      if (FIREFOX) {
        const ms = mathRound(elapsed * 100) / 100;
        if (end) { emit('log', label + ': ' + ms + 'ms - timer ended'); return; }
        const params = [label + ': ' + ms + 'ms'];
        for (let i = 1; i < args.length; i++) push(params, args[i]);
        emit('log', formatParameters(params));
        return;
      }
      const message = label + ': ' + $String(elapsed) + ' ms';
      if (end) { emit('log', formatParameters([message])); return; }
      const params = [message];
      for (let i = 1; i < args.length; i++) push(params, args[i]);
      emit('log', formatParameters(params));
    }
    return consoleMembers;
  };
  host.consoleNames = ['debug', 'error', 'info', 'log', 'warn', 'dir', 'dirxml', 'table', 'trace', 'group',
    'groupCollapsed', 'groupEnd', 'clear', 'count', 'countReset', 'assert', 'profile', 'profileEnd',
    'time', 'timeLog', 'timeEnd', 'timeStamp'];

  // ---- console.table -------------------------------------------------------
  const TABLE_LIMIT = 1000;
  const MAX_COLUMNS = 20;
  function renderTable(data, columns) {
    if (!isObject(data) || typeof data === 'function') return formatConsoleArguments([data], true);
    const m = mirror(data);
    let selected = null;
    if (columns !== undefined && attempt(() => isArray(columns), false)) {
      selected = new $Set();
      const n = attempt(() => columns.length, 0);
      for (let i = 0; i < n && i < TABLE_LIMIT; i++) {
        const c = attempt(() => columns[i], undefined);
        if (typeof c === 'string') call(setAdd, selected, c);
      }
    }
    let keys;
    try { keys = ownKeys(data); } catch (e) { keys = []; }
    const blockLength = m.subtype === 'array' || m.subtype === 'typedarray';
    const VALUE = { __proto__: null, valueColumn: true };
    const columnNames = [];
    const rows = [];
    let names = TABLE_LIMIT;
    let indices = TABLE_LIMIT;
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k];
      if (blockLength && key === 'length') continue;
      const isIndex = isArrayIndexKey(key);
      if (isIndex) { if (indices-- <= 0) break; } else if (names-- <= 0) break;
      let d;
      try { d = gopd(data, key); } catch (e) { continue; }
      if (!d || !owns(d, 'value')) continue; // accessor rows have no value
      const rowValue = d.value;
      const cells = new $Map();
      let sub = null;
      if (isObject(rowValue) && typeof rowValue !== 'function') {
        sub = [];
        let rkeys;
        try { rkeys = ownKeys(rowValue); } catch (e) { rkeys = []; }
        const rm = mirror(rowValue);
        const rBlock = rm.subtype === 'array' || rm.subtype === 'typedarray';
        for (let j = 0; j < rkeys.length && j < TABLE_LIMIT; j++) {
          const rk = rkeys[j];
          if (rBlock && rk === 'length') continue;
          const cname = keyName(rk);
          if (selected && !call(setHas, selected, cname)) continue;
          let rd;
          try { rd = gopd(rowValue, rk); } catch (e) { continue; }
          if (!rd) continue;
          if (owns(rd, 'value')) push(sub, { __proto__: null, name: cname, text: propertyValueText(mirror(rd.value)) });
          else if (typeof dataProp(rd, 'get') === 'function') push(sub, { __proto__: null, name: cname, text: '(...)' });
        }
      }
      if (!sub || sub.length === 0) {
        sub = [{ __proto__: null, name: VALUE, text: propertyValueText(mirror(rowValue)) }];
      }
      for (let j = 0; j < sub.length; j++) {
        const c = sub[j];
        let known = false;
        for (let x = 0; x < columnNames.length; x++) if (columnNames[x] === c.name) { known = true; break; }
        if (!known) {
          if (columnNames.length === MAX_COLUMNS) continue;
          push(columnNames, c.name);
        }
        call(mapSet, cells, c.name, c.text);
      }
      push(rows, { __proto__: null, name: keyName(key), cells });
    }
    if (rows.length === 0) return '';
    const header = ['(index)'];
    for (let i = 0; i < columnNames.length; i++) push(header, columnNames[i] === VALUE ? 'Value' : columnNames[i]);
    const grid = [header];
    for (let r = 0; r < rows.length; r++) {
      const line = [rows[r].name];
      for (let i = 0; i < columnNames.length; i++) {
        const t = call(mapGet, rows[r].cells, columnNames[i]);
        push(line, t === undefined ? '' : t);
      }
      push(grid, line);
    }
    const widths = [];
    for (let i = 0; i < header.length; i++) {
      let w = 0;
      for (let r = 0; r < grid.length; r++) if (grid[r][i].length > w) w = grid[r][i].length;
      push(widths, w);
    }
    function pad(s, w) { return s + repeat(' ', w - s.length); }
    const lines = [];
    for (let r = 0; r < grid.length; r++) {
      const cells = [];
      for (let i = 0; i < header.length; i++) push(cells, pad(grid[r][i], widths[i]));
      let line = join(cells, ' | ');
      let end = line.length;
      while (end > 0 && call(strCharCodeAt, line, end - 1) === 0x20) end--;
      push(lines, slice(line, 0, end));
      if (r === 0) {
        const rule = [];
        for (let i = 0; i < header.length; i++) push(rule, repeat('-', widths[i]));
        push(lines, join(rule, '-+-'));
      }
    }
    push(lines, safeRender(renderGeneric, data));
    return join(lines, '\n');
  }

  // (Chrome's console also has `context` and `createTask`, which give the context objects of its
  // own: Swift makes them, Sources/Exthost/ExtensionContext+Console.swift.)
});
