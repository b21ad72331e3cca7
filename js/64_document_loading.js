// exthost:realm host
// exthost:needs primordials api dom
// A document whose own scripts run (an extension's page: its popup, a page of it in a tab; a web
// page with scripts, which run in its main world), loaded as HTML's parser loads it: parsed up to each `</script>`, where the parser waits while the
// script runs, then on; then the end of parsing (`readyState` "interactive", the deferred and
// module scripts in document order, `DOMContentLoaded`), then the end of loading ("complete",
// `load`). Swift drives it one step at a time (Sources/Exthost/DOM/DocumentLoad.swift) and runs
// each script in the page's context, each step a task of its own, so timers, promises and
// messages interleave with loading as they do in a browser.
(function (host) {
  'use strict';
  const { JSONStringify, SafeMap, listPush } = host.primordials;
  const library = host.domLibrary;
  const HTML = 'http://www.w3.org/1999/xhtml';

  // The loads under way, by document id.
  const loads = new SafeMap();

  // HTML's "prepare the script element", for a parser-inserted element: which script it is, or
  // null when it runs nothing (js/63_dom.js's `scriptElementType`).
  function scriptOf(load, element) {
    const type = host.scriptElementType(element);
    if (type === null) return null;
    const src = element.getAttribute('src');
    const start = load.parse.scriptTextStart(element);
    return {
      __proto__: null,
      type,
      // (Resolved against the document's URL; an empty `src` is an error event, which exthost reports.)
      src: src === null ? null : src,
      text: src === null ? element.textContent : null,
      async: element.hasAttribute('async'),
      defer: element.hasAttribute('defer'),
      // (The number of an element with `src`, whose `load` or `error` fires once it ran or failed.)
      element: src === null ? 0 : host.numberScriptElement(element),
      line: start === null ? 1 : start.line,
      column: start === null ? 1 : start.column,
    };
  }

  // Starts loading the document `id` (its URL and HTML as given) and parses up to its first script,
  // or, when `pauseAtRoot` is 'true' (a web page, whose document_start content scripts run then),
  // up to its <html> element. Returns the first step (see `step`).
  // `world`: the record of the page's main world (a web page's), where the event handler attributes
  // of the elements it parses are set as it parses them; null for an extension page, whose policy
  // runs none.
  host.beginDocumentLoad = function (id, url, html, pauseAtRoot, world) {
    const load = { __proto__: null, id, parse: null, pending: null, elements: [], atRoot: false };
    const onElement = (element) => {
      host.domDocuments.parsed(id, element);
      if (world === null || world === undefined) return;
      const attributes = element.attributes;
      for (let i = 0; i < attributes.length; i++) {
        if (attributes[i].name.length > 2 && attributes[i].name[0] === 'o' && attributes[i].name[1] === 'n') {
          host.setHandlerAttributes(world, element);
          return;
        }
      }
    };
    load.parse = library.incrementalParse(html, url, (element) => {
      load.pending = element;
    }, pauseAtRoot === 'true' ? () => { load.atRoot = true; } : null, onElement);
    loads.set(id, load);
    load.parse.resume();
    host.domDocuments.set(id, load.parse.document);
    load.parse.document.readyState = 'loading';
    return step(load);
  };

  // Goes on parsing the document `id` after its script ran. Returns the next step.
  host.continueDocumentLoad = function (id) {
    const load = loads.get(id);
    if (load === undefined) return JSONStringify({ parsed: true });
    load.parse.resume();
    return step(load);
  };

  // The step after the parser stopped, as JSON: { documentElement: true } when it stopped at the
  // <html> element, { script: {...} } for a script the parser met (Swift runs it now, or later when
  // it is deferred or async), or { parsed: true } at the end of the text.
  function step(load) {
    if (load.atRoot) {
      load.atRoot = false;
      return JSONStringify({ documentElement: true });
    }
    while (load.pending !== null) {
      const element = load.pending;
      load.pending = null;
      const script = scriptOf(load, element);
      if (script === null) {
        load.parse.resume();
        continue;
      }
      script.index = load.elements.length;
      listPush(load.elements, element);
      return JSONStringify({ script });
    }
    return JSONStringify({ parsed: load.parse.finished() });
  }

  // The script element `index` of the load runs now (`document.currentScript`); -1: none runs.
  host.setCurrentScript = function (id, index) {
    const load = loads.get(id);
    if (load === undefined) return;
    load.parse.document._exthostCurrentScript = index < 0 ? null : load.elements[index];
  };

  // The page closed while it loaded: its parser goes.
  host.abandonDocumentLoad = (id) => {
    loads.delete(id);
  };

  // Sets the document's readiness ("interactive", "complete"); the load ends at "complete".
  host.setDocumentReadiness = function (id, state) {
    const found = host.domDocuments.get(id);
    if (found === undefined) return;
    found.readyState = state;
    if (state === 'complete') loads.delete(id);
  };

})
