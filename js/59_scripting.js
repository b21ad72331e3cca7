// exthost:realm host
// exthost:needs primordials api schema messaging storage_api
// `scripting` (with the "scripting" permission): `executeScript` runs a function (with its
// arguments) or the extension's files in a tab's frames, in the extension's isolated world or the
// page's main world, and gives each frame's result (Sources/Exthost/API/ScriptingAPI.swift chooses
// the frames and checks the host permissions; recorded: fixtures/conformance/scripting-execute-basics).
// Each browser hands the results over its own way: Chromium as base::Values (V8ValueConverter: a
// node or a Map becomes {}, a function or NaN null, undefined null), Firefox as structured clones
// (a value it cannot clone fails the call; undefined leaves `result` out; a throw is `error`).
// `insertCSS` and `removeCSS` add a style sheet to frames and take it out again
// (Sources/Exthost/DOM/ExtensionHost+StyleSheets.swift); `registerContentScripts` and its family
// keep content scripts that run in the pages loaded after (recorded:
// fixtures/conformance/scripting-register-content-scripts).
(function (host) {
  'use strict';
  const {
    FunctionPrototypeToString, ReflectApply, SafePromiseThen, Error, ObjectPrototypeIsPrototypeOf, JSONStringify, StringPrototypeCharCodeAt,
    StringPrototypeSlice, getOwn, listIncludes, listPush,
  } = host.primordials;
  const chrome = host.flavor === 'chrome';
  const request = (cx, method, args) => host.request(cx, method, args);

  // ---- The caller's side ---------------------------------------------------------------------------
  const target = {
    type: 'object', typeName: 'scripting.InjectionTarget',
    properties: {
      // (A number in Firefox's schema.)
      tabId: { type: chrome ? 'integer' : 'number' },
      frameIds: { type: 'array', items: { type: 'integer' }, optional: true },
      documentIds: { type: 'array', items: { type: 'string' }, optional: true },
      allFrames: { type: 'boolean', optional: true },
    },
  };
  const injection = {
    name: 'injection', type: 'object', typeName: 'scripting.ScriptInjection',
    properties: {
      target,
      func: { type: 'function', optional: true },
      args: { type: 'array', optional: true },
      // (Firefox's schema wants a file; Chromium says so as it runs.)
      files: { type: 'array', items: { type: 'string' }, optional: true, minItems: chrome ? undefined : 1 },
      world: { type: 'string', enum: ['ISOLATED', 'MAIN'], optional: true },
      injectImmediately: { type: 'boolean', optional: true },
    },
  };
  const exactlyOne = chrome ? "Exactly one of 'func' and 'files' must be specified" : 'Exactly one of files and func must be specified.';
  const cssInjection = {
    name: 'injection', type: 'object', typeName: 'scripting.CSSInjection',
    properties: {
      target,
      css: { type: 'string', optional: true },
      files: { type: 'array', items: { type: 'string' }, optional: true, minItems: chrome ? undefined : 1 },
      origin: { type: 'string', enum: ['AUTHOR', 'USER'], optional: true },
    },
  };
  const exactlyOneStyle = chrome ? "Exactly one of 'css' and 'files' must be specified." : 'Exactly one of files and css must be specified.';
  // A content script to register (`RegisteredContentScript`): `matches` and the files optional
  // here, as an update leaves out what it keeps.
  const registeredScript = {
    type: 'object', typeName: 'scripting.RegisteredContentScript',
    properties: {
      id: { type: 'string' },
      matches: { type: 'array', items: { type: 'string' }, optional: true },
      excludeMatches: { type: 'array', items: { type: 'string' }, optional: true },
      css: { type: 'array', items: { type: 'string' }, optional: true },
      js: { type: 'array', items: { type: 'string' }, optional: true },
      allFrames: { type: 'boolean', optional: true },
      matchOriginAsFallback: { type: 'boolean', optional: true },
      runAt: { type: 'string', enum: ['document_start', 'document_end', 'document_idle'], optional: true },
      persistAcrossSessions: { type: 'boolean', optional: true },
      world: { type: 'string', enum: ['ISOLATED', 'MAIN'], optional: true },
    },
  };
  if (!chrome) registeredScript.properties.cssOrigin = { type: 'string', enum: ['author', 'user'], optional: true };
  const scriptList = { name: 'scripts', type: 'array', items: registeredScript };
  const scriptFilter = {
    name: 'filter', type: 'object', typeName: 'scripting.ContentScriptFilter', optional: true,
    properties: { ids: { type: 'array', items: { type: 'string' }, optional: true } },
  };
  // The members of each script as sent to Swift (its own properties only, as the schema read them).
  function sentScripts(scripts) {
    const sent = [];
    for (let i = 0; i < scripts.length; i++) {
      const script = scripts[i];
      const copy = { __proto__: null };
      const names = ['id', 'matches', 'excludeMatches', 'css', 'js', 'allFrames', 'matchOriginAsFallback', 'runAt', 'persistAcrossSessions', 'world', 'cssOrigin'];
      for (let j = 0; j < names.length; j++) if (script[names[j]] !== undefined) copy[names[j]] = script[names[j]];
      listPush(sent, copy);
    }
    return sent;
  }
  const filterIDs = (filter) => (filter === undefined || filter === null || filter.ids === undefined ? null : filter.ids);

  // What Swift gets of a target: the tab and which of its frames.
  function sentTarget(details) {
    const given = details.target;
    if (given.allFrames === true && (given.frameIds !== undefined || given.documentIds !== undefined)) {
      throw new Error(chrome ? "Cannot specify 'allFrames' if either 'frameIds' or 'documentIds' is specified."
        : "Cannot specify both 'allFrames' and 'frameIds'.");
    }
    return {
      __proto__: null, tabId: given.tabId, frameIds: given.frameIds, documentIds: given.documentIds, allFrames: given.allFrames === true,
    };
  }
  // Chromium's checks of a list of files: at least one, none twice (a leading slash names the same file).
  function checkFiles(files) {
    if (files.length === 0) throw new Error('At least one file must be specified.');
    const seen = [];
    for (let i = 0; i < files.length; i++) {
      const name = StringPrototypeCharCodeAt(files[i], 0) === 0x2F ? StringPrototypeSlice(files[i], 1) : files[i];
      if (listIncludes(seen, name)) throw new Error("Duplicate file specified: '" + files[i] + "'.");
      listPush(seen, name);
    }
  }
  // `insertCSS` and `removeCSS` (`method`): the sheet's text or files, its origin, and where.
  const styleFunction = (method) => ({
    async: true,
    parameters: [cssInjection],
    run(cx, args) {
      const details = args[0];
      if ((details.css === undefined) === (details.files === undefined)) throw new Error(exactlyOneStyle);
      const sent = sentTarget(details);
      if (chrome && details.files !== undefined) checkFiles(details.files);
      sent.css = details.css;
      sent.files = details.files;
      sent.origin = details.origin || 'AUTHOR';
      return SafePromiseThen(request(cx, method, [sent]), () => undefined);
    },
  });

  // The caller's InjectionResult objects, in its realm, from what Swift gathered of each frame
  // ({frameId, documentId, kind: result|none|error, text}), with each browser's members in its order.
  function results(cx, answer) {
    const list = host.newArray(cx, []);
    for (let i = 0; i < answer.length; i++) {
      const entry = answer[i];
      const object = host.newObject(cx);
      const kind = getOwn(entry, 'kind');
      const value = () => (chrome ? host.parseJSON(cx, getOwn(entry, 'text')) : host.deserializeMessage(getOwn(entry, 'text'), cx));
      if (chrome) {
        host.defineValue(object, 'documentId', getOwn(entry, 'documentId'), true, true, true);
        host.defineValue(object, 'frameId', getOwn(entry, 'frameId'), true, true, true);
        host.defineValue(object, 'result', kind === 'result' ? value() : null, true, true, true);
      } else {
        host.defineValue(object, 'frameId', getOwn(entry, 'frameId'), true, true, true);
        host.defineValue(object, 'documentId', getOwn(entry, 'documentId'), true, true, true);
        if (kind === 'result') host.defineValue(object, 'result', value(), true, true, true);
        else if (kind === 'error') host.defineValue(object, 'error', value(), true, true, true);
        else if (kind === 'message') host.defineValue(object, 'error', getOwn(entry, 'text'), true, true, true);
      }
      host.defineValue(list, i, object, true, true, true);
    }
    return list;
  }

  host.defineNamespace('scripting', ['background'], () => ({
    functions: {
      executeScript: {
        async: true,
        parameters: [injection],
        // (Chromium refuses, as it checks the call, arguments its base::Value cannot hold.)
        massageArguments(cx, args) {
          const matched = host.checkArguments('scripting.executeScript', args);
          const list = chrome && matched[0] ? matched[0].args : undefined;
          for (let i = 0; list !== undefined && i < list.length; i++) {
            const type = typeof list[i];
            if (type === 'undefined' || type === 'function' || type === 'symbol' || type === 'bigint') {
              throw host.invocationError('scripting.executeScript', "Error at parameter 'injection': Error at property 'args': Error at index " + i + ': Value is unserializable.');
            }
          }
          return matched;
        },
        run(cx, args) {
          const details = args[0];
          const func = details.func;
          const files = details.files;
          if ((func === undefined) === (files === undefined)) throw new Error(exactlyOne);
          const sent = sentTarget(details);
          if (chrome && files !== undefined) checkFiles(files);
          sent.world = details.world || 'ISOLATED';
          sent.files = files;
          if (func !== undefined) {
            // (The function's source, read by the realm's own Function.prototype.toString. Chromium
            // calls it with its arguments as base::Values; Firefox runs the code
            // `(source)(...JSON of the arguments)`, so that a native or bound function's source
            // is a syntax error there, and an undefined argument null.)
            const source = FunctionPrototypeToString(func);
            const list = details.args || [];
            if (chrome) {
              sent.func = source;
              sent.args = host.chromiumValueJSON(list);
            } else {
              sent.code = '(' + source + ')(...' + JSONStringify(list) + ')';
            }
          }
          return SafePromiseThen(request(cx, 'scripting.executeScript', [sent]), (answer) => results(cx, answer));
        },
      },
      insertCSS: styleFunction('scripting.insertCSS'),
      removeCSS: styleFunction('scripting.removeCSS'),
      // The registered content scripts (Sources/Exthost/API/RegisteredContentScriptsAPI.swift).
      registerContentScripts: {
        async: true,
        parameters: [scriptList],
        run: (cx, args) => SafePromiseThen(request(cx, 'scripting.registerContentScripts', [sentScripts(args[0])]), () => undefined),
      },
      updateContentScripts: {
        async: true,
        parameters: [scriptList],
        run: (cx, args) => SafePromiseThen(request(cx, 'scripting.updateContentScripts', [sentScripts(args[0])]), () => undefined),
      },
      getRegisteredContentScripts: {
        async: true,
        parameters: [scriptFilter],
        run: (cx, args) => request(cx, 'scripting.getRegisteredContentScripts', [filterIDs(args[0])]),
      },
      unregisterContentScripts: {
        async: true,
        parameters: [scriptFilter],
        run: (cx, args) => SafePromiseThen(request(cx, 'scripting.unregisterContentScripts', [filterIDs(args[0])]), () => undefined),
      },
    },
    enums: chrome ? { ExecutionWorld: { values: { ISOLATED: 'ISOLATED', MAIN: 'MAIN' } }, StyleOrigin: { values: { AUTHOR: 'AUTHOR', USER: 'USER' } } } : undefined,
  }));

  // ---- The frame's side ----------------------------------------------------------------------------
  // Runs what Swift evaluated in the world of `cx` (ScriptingAPI.swift): `value` is the function to
  // call with the arguments of `argsText`, or (a file's) the completion value; then hands its
  // result, once a promise settled, to `done(kind, text)`: `result` (the text of the value),
  // `none` (Firefox: undefined), `error` (Firefox: the text of what it threw), `fail` (Firefox: a
  // result it cannot clone; the text is the call's error), `null` (Chromium: nothing to give).
  // (`mode`: `call` the function `value`, give the completion `value`, or `threw`: running the
  // code threw `value`.)
  host.runInjection = function (cx, value, mode, argsText, scriptName, done) {
    if (mode === 'threw') {
      thrown(cx, value, done);
      return;
    }
    let result = value;
    if (mode === 'call') {
      const list = host.parseJSON(cx, argsText);
      try {
        result = ReflectApply(value, undefined, list);
      } catch (error) {
        thrown(cx, error, done);
        return;
      }
    }
    if (isContextPromise(cx, result)) {
      // (The world's own `then`, as the browsers' native code calls the realm's.)
      try {
        ReflectApply(cx.u.PromisePrototypeThen, result, [(settled) => { give(cx, settled, scriptName, done); }, (error) => { thrown(cx, error, done); }]);
      } catch (error) {
        thrown(cx, error, done);
      }
      return;
    }
    give(cx, result, scriptName, done);
  };
  function isContextPromise(cx, value) {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return false;
    try { return ObjectPrototypeIsPrototypeOf(cx.b.PromisePrototype, value); } catch (e) { return false; }
  }
  function give(cx, value, scriptName, done) {
    if (chrome) {
      done('result', host.chromiumValueJSON(value));
      return;
    }
    if (value === undefined) {
      done('none', '');
      return;
    }
    const cloned = host.trySerializeMessage(value, cx);
    if (cloned.ok) done('result', cloned.text);
    else done('fail', "Script '" + scriptName + "' result is non-structured-clonable data");
  }
  // What the injected script threw: Chromium reports it on the page's console and gives no
  // result; Firefox gives it as the frame's `error`.
  function thrown(cx, error, done) {
    if (chrome) {
      host.reportUncaught(cx, error, false);
      done('null', '');
      return;
    }
    const cloned = host.trySerializeMessage(error, cx);
    done(cloned.ok ? 'error' : 'none', cloned.ok ? cloned.text : '');
  }
});
