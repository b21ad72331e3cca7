// exthost:realm host
// exthost:needs primordials api
// exthost:globals Window: innerWidth:accessor innerHeight:accessor outerWidth:accessor outerHeight:accessor devicePixelRatio:accessor
// exthost:globals Window: scrollX:accessor scrollY:accessor pageXOffset:accessor pageYOffset:accessor screenX:accessor screenY:accessor
// exthost:globals Window: screenLeft:accessor screenTop:accessor screen:accessor scrollTo:accessor scrollBy:accessor scroll:accessor
// exthost:globals Window: matchMedia:accessor requestAnimationFrame:accessor cancelAnimationFrame:accessor getComputedStyle:accessor
// exthost:globals Window: ~CSS:accessor ~Screen:constructor:0 ~MediaQueryList:constructor:0 visualViewport:accessor ~VisualViewport:constructor:0
// exthost:globals Window: requestIdleCallback:accessor cancelIdleCallback:accessor ~IdleDeadline:constructor:0
// exthost:globals Window: alert:accessor confirm:accessor prompt:accessor print:accessor focus:accessor blur:accessor stop:accessor
// exthost:globals Window: closed:accessor status:accessor
// exthost:globals Window: chrome: customElements:accessor
// A window's view of its page, as a headless browser gives it (fixtures/conformance/window-view):
// the viewport's and the screen's sizes (each browser's headless window: Chromium's 800×600
// screen, Firefox's 1366×768), scrolling (a page that is not laid out does not scroll: the
// offsets stay 0), media queries (`matchMedia`, a MediaQueryList, evaluated against that
// viewport and a headless browser's features: no hover, no pointer, light colours), animation
// frames (`requestAnimationFrame`, at 60 frames a second on the loop's clock), `getComputedStyle`
// (no style sheet applies: js/63_dom.js `host.computedStyle`) and the `CSS` namespace's
// `escape()` and `supports()`.
//
// The operations are own properties of the window, as a [Global] interface's are; the attributes
// are [Replaceable] accessors (a script's assignment makes an ordinary property). Runs in the
// host's realm, for a context on the first touch of one of these globals (`host.installView`).
// Written here: no library evaluates media queries against a given environment, and the values
// are each browser's.
(function (host) {
  'use strict';
  const {
    ReflectDefineProperty, ObjectSetPrototypeOf, SafeWeakMap, JSONStringify, String, Number, MathFloor, ObjectKeys, SymbolToStringTag, dataDescriptor, listPush, listRemoveAt,
  } = host.primordials;
  const FIREFOX = host.flavor === 'firefox';

  // ---- The view ----------------------------------------------------------------------------------------
  // The headless browsers' windows, as recorded: the viewport (inner), the window (outer), its
  // place on the screen, and the screen.
  // (js/38_api.js holds them: the DOM's `document.documentElement.clientWidth` reads them too.)
  const view = host.headlessView;

  // A [Replaceable] attribute of the window: `value(cx)` read, an assignment replaces it.
  function defineReplaceable(cx, name, value) {
    const get = host.newFunction(cx, 'get ' + name, 0, readReplaceable, { __proto__: null, cx, value });
    const set = host.newFunction(cx, 'set ' + name, 1, replace, { __proto__: null, cx, name });
    cx.loader.defineGlobal(name, { __proto__: null, get, set, configurable: true, enumerable: true });
  }
  const readReplaceable = (state) => state.value(state.cx);
  const replace = (state, thisValue, value) => {
    ReflectDefineProperty(state.cx.global, state.name, dataDescriptor(value, true, true, true));
  };
  // An operation of the window: an own data property.
  const defineOperation = (cx, name, length, implementation, data) =>
    cx.loader.defineGlobal(name, dataDescriptor(host.newFunction(cx, name, length, implementation, data), true, true, true));

  const zero = () => 0;
  const numbers = ['innerWidth', 'innerHeight', 'outerWidth', 'outerHeight'];

  // ---- Media queries -------------------------------------------------------------------------------------
  // Media Queries Level 4 over the headless view: a comma-separated list of queries, each
  // `[not|only] type [and condition]` or a condition of features in parentheses (`and`, `or`,
  // `not`, the range forms `(width >= 600px)` and `(400px < width < 800px)`). A query that does
  // not parse, or names a feature or value this does not know, is `not all`, as a browser
  // serializes one it cannot read.
  const mediaTypes = ['all', 'screen', 'print', 'speech', 'tv', 'projection', 'handheld', 'tty', 'braille', 'embossed', 'aural'];
  // The discrete features and the value each has here.
  const discreteFeatures = {
    __proto__: null, orientation: 'landscape', hover: 'none', 'any-hover': 'none', pointer: 'none', 'any-pointer': 'none',
    'prefers-color-scheme': 'light', 'prefers-reduced-motion': 'no-preference', 'prefers-contrast': 'no-preference',
    'prefers-reduced-transparency': 'no-preference', 'prefers-reduced-data': 'no-preference', 'forced-colors': 'none',
    'inverted-colors': 'none', scripting: 'enabled', 'display-mode': 'browser', 'color-gamut': 'srgb', 'dynamic-range': 'standard',
    'video-dynamic-range': 'standard', update: 'fast', 'overflow-block': 'scroll', 'overflow-inline': 'scroll', scan: 'progressive',
  };
  // The values each discrete feature may take.
  const discreteValues = {
    __proto__: null, orientation: ['portrait', 'landscape'], hover: ['none', 'hover'], 'any-hover': ['none', 'hover'],
    pointer: ['none', 'coarse', 'fine'], 'any-pointer': ['none', 'coarse', 'fine'], 'prefers-color-scheme': ['light', 'dark'],
    'prefers-reduced-motion': ['no-preference', 'reduce'], 'prefers-contrast': ['no-preference', 'more', 'less', 'custom'],
    'prefers-reduced-transparency': ['no-preference', 'reduce'], 'prefers-reduced-data': ['no-preference', 'reduce'],
    'forced-colors': ['none', 'active'], 'inverted-colors': ['none', 'inverted'], scripting: ['none', 'initial-only', 'enabled'],
    'display-mode': ['browser', 'fullscreen', 'standalone', 'minimal-ui', 'picture-in-picture', 'window-controls-overlay'],
    'color-gamut': ['srgb', 'p3', 'rec2020'], 'dynamic-range': ['standard', 'high'], 'video-dynamic-range': ['standard', 'high'],
    update: ['none', 'slow', 'fast'], 'overflow-block': ['none', 'scroll', 'paged'], 'overflow-inline': ['none', 'scroll'],
    scan: ['interlace', 'progressive'],
  };
  // The range features: their kind of value and their value here.
  function rangeFeature(name) {
    switch (name) {
      case 'width': return { __proto__: null, kind: 'length', value: view.innerWidth };
      case 'height': return { __proto__: null, kind: 'length', value: view.innerHeight };
      case 'device-width': return { __proto__: null, kind: 'length', value: view.screenWidth };
      case 'device-height': return { __proto__: null, kind: 'length', value: view.screenHeight };
      case 'aspect-ratio': return { __proto__: null, kind: 'ratio', value: view.innerWidth / view.innerHeight };
      case 'device-aspect-ratio': return { __proto__: null, kind: 'ratio', value: view.screenWidth / view.screenHeight };
      case 'resolution': return { __proto__: null, kind: 'resolution', value: 1 };
      case 'color': return { __proto__: null, kind: 'integer', value: 8 };
      case 'color-index': case 'monochrome': return { __proto__: null, kind: 'integer', value: 0 };
      case 'grid': return { __proto__: null, kind: 'integer', value: 0 };
      default: return undefined;
    }
  }
  const lengthUnits = { __proto__: null, px: 1, em: 16, rem: 16, ex: 8, ch: 8, in: 96, cm: 96 / 2.54, mm: 96 / 25.4, q: 96 / 101.6, pt: 4 / 3, pc: 16 };
  const resolutionUnits = { __proto__: null, dppx: 1, x: 1, dpi: 1 / 96, dpcm: 2.54 / 96 };

  // The query's tokens: identifiers, numbers with their units, and punctuation.
  function tokenize(text) {
    const tokens = [];
    let i = 0;
    while (i < text.length) {
      const c = text[i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f') { i++; continue; }
      if (c === '(' || c === ')' || c === ':' || c === ',' || c === '/' || c === '=') { listPush(tokens, { __proto__: null, type: c }); i++; continue; }
      if (c === '<' || c === '>') {
        const equal = text[i + 1] === '=';
        listPush(tokens, { __proto__: null, type: equal ? c + '=' : c });
        i += equal ? 2 : 1;
        continue;
      }
      const number = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?/i.exec(text.slice(i));
      if (number !== null) {
        i += number[0].length;
        const unit = /^[a-zA-Z%]+/.exec(text.slice(i));
        const unitText = unit === null ? '' : unit[0].toLowerCase();
        if (unit !== null) i += unit[0].length;
        listPush(tokens, { __proto__: null, type: 'number', value: Number(number[0]), text: number[0] + unitText, unit: unitText });
        continue;
      }
      const word = /^-?[a-zA-Z_][a-zA-Z0-9_-]*/.exec(text.slice(i));
      if (word === null) return null;
      listPush(tokens, { __proto__: null, type: 'ident', value: word[0].toLowerCase() });
      i += word[0].length;
    }
    return tokens;
  }

  // Parses one query's tokens into { text (serialized), matches } or null.
  function parseQuery(tokens) {
    let position = 0;
    const peek = () => tokens[position];
    const isWord = (token, word) => token !== undefined && token.type === 'ident' && token.value === word;
    // A value: a number with its unit, a ratio (`16/9`) or an identifier.
    function value() {
      const token = peek();
      if (token === undefined) return null;
      if (token.type === 'ident') { position++; return { __proto__: null, kind: 'ident', value: token.value, text: token.value }; }
      if (token.type !== 'number') return null;
      position++;
      if (token.unit === '' && peek() !== undefined && peek().type === '/') {
        const denominator = tokens[position + 1];
        if (denominator === undefined || denominator.type !== 'number' || denominator.unit !== '') return null;
        position += 2;
        return { __proto__: null, kind: 'ratio', value: token.value / denominator.value, text: token.text + ' / ' + denominator.text };
      }
      return { __proto__: null, kind: 'number', value: token.value, unit: token.unit, text: token.text };
    }
    // A value of the range feature `feature` in its units, or undefined when it has none such.
    function measure(feature, given) {
      if (given.kind === 'ident') return undefined;
      if (feature.kind === 'length') {
        if (given.kind !== 'number') return undefined;
        if (given.unit === '') return given.value === 0 ? 0 : undefined;
        if (given.unit === 'vw') return given.value * view.innerWidth / 100;
        if (given.unit === 'vh') return given.value * view.innerHeight / 100;
        return lengthUnits[given.unit] === undefined ? undefined : given.value * lengthUnits[given.unit];
      }
      if (feature.kind === 'ratio') return given.kind === 'ratio' || (given.kind === 'number' && given.unit === '') ? given.value : undefined;
      if (feature.kind === 'resolution') return given.kind === 'number' && resolutionUnits[given.unit] !== undefined ? given.value * resolutionUnits[given.unit] : undefined;
      return given.kind === 'number' && given.unit === '' && given.value % 1 === 0 ? given.value : undefined;
    }
    const compare = (left, operator, right) => (operator === '<' ? left < right : operator === '<=' ? left <= right : operator === '>' ? left > right
      : operator === '>=' ? left >= right : left === right);
    const flip = { __proto__: null, '<': '>', '<=': '>=', '>': '<', '>=': '<=', '=': '=' };
    const isOperator = (token) => token !== undefined && (token.type === '<' || token.type === '<=' || token.type === '>' || token.type === '>=' || token.type === '=');
    // A feature in parentheses (the `(` read): { text, matches } or null.
    function feature() {
      const first = peek();
      // `(value op name [op value])`
      if (first !== undefined && first.type !== 'ident') {
        const left = value();
        const operator = peek();
        if (left === null || !isOperator(operator)) return null;
        position++;
        const nameToken = peek();
        if (nameToken === undefined || nameToken.type !== 'ident') return null;
        position++;
        const range = rangeFeature(nameToken.value);
        const leftValue = range === undefined ? undefined : measure(range, left);
        if (leftValue === undefined) return null;
        let matches = compare(leftValue, operator.type, range.value);
        let text = left.text + ' ' + operator.type + ' ' + nameToken.value;
        if (isOperator(peek())) {
          const second = peek();
          position++;
          const right = value();
          const rightValue = right === null ? undefined : measure(range, right);
          if (rightValue === undefined) return null;
          matches = matches && compare(range.value, second.type, rightValue);
          text += ' ' + second.type + ' ' + right.text;
        }
        return { __proto__: null, text: '(' + text + ')', matches };
      }
      if (first === undefined) return null;
      position++;
      const name = first.value;
      const next = peek();
      if (next !== undefined && next.type === ')') {
        // A boolean test: the feature is not zero or none.
        const range = rangeFeature(name);
        if (range !== undefined) return { __proto__: null, text: '(' + name + ')', matches: range.value !== 0 };
        if (discreteFeatures[name] === undefined) return null;
        return { __proto__: null, text: '(' + name + ')', matches: discreteFeatures[name] !== 'none' && discreteFeatures[name] !== 'no-preference' };
      }
      if (isOperator(next)) {
        position++;
        const range = rangeFeature(name);
        const right = value();
        const rightValue = range === undefined || right === null ? undefined : measure(range, right);
        if (rightValue === undefined) return null;
        return { __proto__: null, text: '(' + name + ' ' + next.type + ' ' + right.text + ')', matches: compare(range.value, next.type, rightValue) };
      }
      if (next === undefined || next.type !== ':') return null;
      position++;
      const given = value();
      if (given === null) return null;
      const text = '(' + name + ': ' + given.text + ')';
      const prefix = name.startsWith('min-') ? 'min' : name.startsWith('max-') ? 'max' : '';
      const range = rangeFeature(prefix === '' ? name : name.slice(4));
      if (range !== undefined) {
        const measured = measure(range, given);
        if (measured === undefined) return null;
        return { __proto__: null, text, matches: prefix === 'min' ? range.value >= measured : prefix === 'max' ? range.value <= measured : range.value === measured };
      }
      if (prefix !== '' || discreteValues[name] === undefined || given.kind !== 'ident' || discreteValues[name].indexOf(given.value) < 0) return null;
      return { __proto__: null, text, matches: discreteFeatures[name] === given.value };
    }
    // What is in parentheses: a feature or a condition.
    function inParens() {
      const open = peek();
      if (open === undefined || open.type !== '(') return null;
      position++;
      const inner = peek();
      const result = inner !== undefined && (inner.type === '(' || isWord(inner, 'not')) ? condition() : feature();
      if (result === null || peek() === undefined || peek().type !== ')') return null;
      position++;
      return inner !== undefined && (inner.type === '(' || isWord(inner, 'not')) ? { __proto__: null, text: '(' + result.text + ')', matches: result.matches } : result;
    }
    // `not (…)`, or parts joined by `and` or by `or`.
    function condition() {
      if (isWord(peek(), 'not')) {
        position++;
        const inner = inParens();
        return inner === null ? null : { __proto__: null, text: 'not ' + inner.text, matches: !inner.matches };
      }
      const first = inParens();
      if (first === null) return null;
      let text = first.text;
      let matches = first.matches;
      const joiner = isWord(peek(), 'and') ? 'and' : isWord(peek(), 'or') ? 'or' : '';
      while (joiner !== '' && isWord(peek(), joiner)) {
        position++;
        const next = inParens();
        if (next === null) return null;
        text += ' ' + joiner + ' ' + next.text;
        matches = joiner === 'and' ? matches && next.matches : matches || next.matches;
      }
      return { __proto__: null, text, matches };
    }
    let result;
    const first = peek();
    if (first !== undefined && first.type === 'ident' && !(first.value === 'not' && tokens[position + 1] !== undefined && tokens[position + 1].type === '(')) {
      // `[not|only] type [and condition-without-or]`
      let modifier = '';
      if (first.value === 'not' || first.value === 'only') {
        modifier = first.value;
        position++;
      }
      const type = peek();
      if (type === undefined || type.type !== 'ident' || mediaTypes.indexOf(type.value) < 0 || type.value === 'only' || type.value === 'not') return null;
      position++;
      let matches = type.value === 'all' || type.value === 'screen';
      let text = (modifier === '' ? '' : modifier + ' ') + type.value;
      while (isWord(peek(), 'and')) {
        position++;
        const part = isWord(peek(), 'not') ? condition() : inParens();
        if (part === null) return null;
        text += ' and ' + part.text;
        matches = matches && part.matches;
      }
      result = { __proto__: null, text, matches: modifier === 'not' ? !matches : matches };
    } else {
      result = condition();
    }
    return result === null || position !== tokens.length ? null : result;
  }

  // The media query list `text`: { media (serialized), matches }.
  function evaluateMedia(text) {
    const tokens = tokenize(text);
    if (tokens === null) return { __proto__: null, media: 'not all', matches: false };
    if (tokens.length === 0) return { __proto__: null, media: '', matches: true };
    const parts = [];
    let current = [];
    for (let i = 0; i < tokens.length; i++) {
      if (tokens[i].type === ',') {
        listPush(parts, current);
        current = [];
      } else {
        listPush(current, tokens[i]);
      }
    }
    listPush(parts, current);
    let media = '';
    let matches = false;
    for (let i = 0; i < parts.length; i++) {
      const query = parts[i].length === 0 ? null : parseQuery(parts[i]);
      media += (i > 0 ? ', ' : '') + (query === null ? 'not all' : query.text);
      if (query !== null && query.matches) matches = true;
    }
    return { __proto__: null, media, matches };
  }
  host.evaluateMedia = evaluateMedia;

  // The MediaQueryList interface's members (an EventTarget); each list's evaluation, by list.
  const mediaLists = new SafeWeakMap();
  const mediaListOf = (cx, thisValue, member) => {
    const found = thisValue !== null && typeof thisValue === 'object' ? mediaLists.get(thisValue) : undefined;
    if (found === undefined) throw illegalInvocation(cx, 'MediaQueryList', member);
    return found;
  };
  // (The legacy `addListener` and `removeListener`: `change` listeners, added as
  // EventTarget's own members add them.)
  const changeListener = (member, change) => ['method', member, 1, (cx, thisValue, callback) => {
    mediaListOf(cx, thisValue, member);
    if (callback !== null && callback !== undefined) change(cx, thisValue, 'change', callback);
  }];
  const mediaQueryListMembers = () => [
    ['get', 'media', (cx, thisValue) => mediaListOf(cx, thisValue, 'media').media],
    ['get', 'matches', (cx, thisValue) => mediaListOf(cx, thisValue, 'matches').matches],
    changeListener('addListener', host.eventInternals.addEventListener),
    changeListener('removeListener', host.eventInternals.removeEventListener),
    handlerMember('change', 'MediaQueryList'),
  ];
  // The event handler attribute `on` + type of `owner`, as js/31_events.js implements it.
  function handlerMember(type, owner) {
    const implementation = host.eventInternals.handlerImplementation(type, owner);
    return ['accessor', 'on' + type, implementation.get, implementation.set];
  }
  function matchMedia(cx, thisValue, args) {
    if (args.length < 1) throw countError(cx, 'matchMedia', 1, args.length);
    const evaluated = evaluateMedia(String(args[0]));
    const list = host.newObjectFrom(cx, viewInterface(cx, 'MediaQueryList'));
    host.eventInternals.makeEventTarget(list);
    mediaLists.set(list, evaluated);
    return list;
  }

  // ---- The screen ----------------------------------------------------------------------------------------
  const screens = new SafeWeakMap();
  const screenValues = {
    __proto__: null, availWidth: view.screenWidth, availHeight: view.screenHeight, width: view.screenWidth, height: view.screenHeight,
    colorDepth: 24, pixelDepth: 24, top: 0, left: 0, availTop: 0, availLeft: 0,
  };
  const screenMembers = () => constantMembers('Screen', FIREFOX
    ? ['availWidth', 'availHeight', 'width', 'height', 'colorDepth', 'pixelDepth', 'top', 'left', 'availTop', 'availLeft']
    : ['availWidth', 'availHeight', 'width', 'height', 'colorDepth', 'pixelDepth', 'availLeft', 'availTop'], screenValues, screens);
  // Read-only attributes `names` of the interface `owner` whose values are `values`', for the
  // objects `objects` holds (each with the record of the world it was made for).
  function constantMembers(owner, names, values, objects) {
    const members = [];
    for (let i = 0; i < names.length; i++) {
      const name = names[i];
      listPush(members, ['get', name, (cx, thisValue) => {
        if (thisValue === null || typeof thisValue !== 'object' || objects.get(thisValue) !== cx) throw illegalInvocation(cx, owner, 'get ' + name);
        return values[name];
      }]);
    }
    return members;
  }
  function makeScreen(cx) {
    const screen = host.newObjectFrom(cx, viewInterface(cx, 'Screen'));
    screens.set(screen, cx);
    return screen;
  }

  // The visual viewport (CSSOM View): the layout viewport itself, at scale 1, never scrolled.
  const viewports = new SafeWeakMap();
  const viewportValues = {
    __proto__: null, offsetLeft: 0, offsetTop: 0, pageLeft: 0, pageTop: 0, width: view.innerWidth, height: view.innerHeight, scale: 1,
  };
  const visualViewportMembers = () => {
    const members = constantMembers('VisualViewport', ObjectKeys(viewportValues), viewportValues, viewports);
    const types = ['resize', 'scroll', 'scrollend'];
    for (let i = 0; i < types.length; i++) listPush(members, handlerMember(types[i], 'VisualViewport'));
    return members;
  };
  function makeVisualViewport(cx) {
    const viewport = host.newObjectFrom(cx, viewInterface(cx, 'VisualViewport'));
    host.eventInternals.makeEventTarget(viewport);
    viewports.set(viewport, cx);
    return viewport;
  }

  // ---- Animation frames ----------------------------------------------------------------------------------
  // Each world's animation frame callbacks (HTML's "map of animation frame callbacks", which the
  // browsers keep per window: a page's worlds' frames come at the same times), run together at the
  // next frame: one every 1000/60 ms of the loop's clock, on a timer of the world's own (which
  // goes with it when it closes).
  const frameInterval = 1000 / 60;
  const frames = new SafeWeakMap();
  function frameState(cx) {
    let state = frames.get(cx);
    if (state === undefined) {
      state = { __proto__: null, callbacks: [], lastID: 0, scheduled: false, resize: [], intersection: [] };
      frames.set(cx, state);
    }
    return state;
  }
  // Schedules the world's next frame unless it is.
  function scheduleFrame(cx, state) {
    if (state.scheduled) return;
    state.scheduled = true;
    const clock = cx.loader.native.clock;
    // (Frames come at the same instants for every document, on the loop's clock; a document's
    // own clock counts from its time origin.)
    const origin = clock.timeOrigin();
    const now = clock.monotonicNow() + origin;
    // (The loop's timers count whole milliseconds: the frame's time, rounded up.)
    const next = (MathFloor(now / frameInterval) + 1) * frameInterval;
    const delay = -MathFloor(now - next);
    // (The callbacks get the frame's own time, as the browsers give the time the frame began.)
    clock.timeout(delay < 1 ? 1 : delay, () => runFrame(state, next - origin));
  }
  // Work for the next frame's rendering update, after its animation frame callbacks (HTML's
  // "update the rendering"): `resize` (ResizeObserver's notifications), then `intersection`
  // (IntersectionObserver's), each `work(time)`.
  host.atNextFrame = (cx, kind, work) => {
    const state = frameState(cx);
    listPush(kind === 'resize' ? state.resize : state.intersection, work);
    scheduleFrame(cx, state);
  };
  function requestFrame(cx, thisValue, args) {
    if (args.length < 1) throw countError(cx, 'requestAnimationFrame', 1, args.length);
    if (typeof args[0] !== 'function') {
      throw host.newTypeError(cx, FIREFOX ? 'Window.requestAnimationFrame: Argument 1 is not callable.'
        : "Failed to execute 'requestAnimationFrame' on 'Window': The callback provided as parameter 1 is not a function.");
    }
    const state = frameState(cx);
    state.lastID += 1;
    listPush(state.callbacks, { __proto__: null, id: state.lastID, cx, callback: args[0], canceled: false });
    scheduleFrame(cx, state);
    return state.lastID;
  }
  // Runs the callbacks requested before this frame, each in its world, with the frame's time;
  // what one throws is reported as its world's uncaught error.
  function runFrame(state, time) {
    state.scheduled = false;
    const callbacks = state.callbacks;
    state.callbacks = [];
    for (let i = 0; i < callbacks.length; i++) {
      const entry = callbacks[i];
      if (entry.canceled) continue;
      try {
        entry.callback(time);
      } catch (error) {
        host.reportException(entry.cx, error);
      }
    }
    const kinds = [state.resize, state.intersection];
    state.resize = [];
    state.intersection = [];
    for (let k = 0; k < kinds.length; k++) for (let i = 0; i < kinds[k].length; i++) kinds[k][i](time);
  }
  function cancelFrame(cx, thisValue, args) {
    if (args.length < 1) throw countError(cx, 'cancelAnimationFrame', 1, args.length);
    cancelCallback(frameState(cx).callbacks, Number(args[0]));
  }
  // Takes the callback `id` out of `callbacks` (an animation frame's or an idle callback's).
  function cancelCallback(callbacks, id) {
    for (let i = 0; i < callbacks.length; i++) {
      if (callbacks[i].id === id) {
        callbacks[i].canceled = true;
        listRemoveAt(callbacks, i);
        return;
      }
    }
  }

  // ---- Idle callbacks ------------------------------------------------------------------------------------
  // requestIdleCallback (W3C's Cooperative Scheduling of Background Tasks): the callbacks run in
  // the idle period that follows the next frame, each given a deadline 50 ms after the period
  // began (`timeRemaining()`), or, when it came first, at its `timeout` (`didTimeout`).
  const idleStates = new SafeWeakMap();
  const deadlines = new SafeWeakMap();
  const deadlineOf = (cx, thisValue, member) => {
    const deadline = thisValue !== null && typeof thisValue === 'object' ? deadlines.get(thisValue) : undefined;
    if (deadline === undefined) throw illegalInvocation(cx, 'IdleDeadline', member);
    return deadline;
  };
  const idleDeadlineMembers = () => [
    ['method', 'timeRemaining', 0, (cx, thisValue) => {
      const deadline = deadlineOf(cx, thisValue, 'timeRemaining');
      if (deadline.didTimeout) return 0;
      const left = deadline.end - cx.loader.native.clock.monotonicNow();
      return left > 0 ? left : 0;
    }],
    ['get', 'didTimeout', (cx, thisValue) => deadlineOf(cx, thisValue, 'get didTimeout').didTimeout],
  ];
  function idleState(cx) {
    let state = idleStates.get(cx);
    if (state === undefined) {
      state = { __proto__: null, callbacks: [], lastID: 0, scheduled: false };
      idleStates.set(cx, state);
    }
    return state;
  }
  function requestIdle(cx, args) {
    if (args.length < 1) throw countError(cx, 'requestIdleCallback', 1, args.length);
    if (typeof args[0] !== 'function') {
      throw host.newTypeError(cx, FIREFOX ? 'Window.requestIdleCallback: Argument 1 is not ' + (args[0] !== null && typeof args[0] === 'object' ? 'callable.' : 'an object.')
        : "Failed to execute 'requestIdleCallback' on 'Window': parameter 1 is not of type 'Function'.");
    }
    const options = args[1];
    const timeout = options !== null && typeof options === 'object' && options.timeout !== undefined ? Number(options.timeout) : 0;
    const state = idleState(cx);
    state.lastID += 1;
    const entry = { __proto__: null, id: state.lastID, callback: args[0], canceled: false };
    listPush(state.callbacks, entry);
    const clock = cx.loader.native.clock;
    if (timeout > 0) clock.timeout(MathFloor(timeout), () => runIdle(cx, entry, true, 0));
    if (!state.scheduled) {
      state.scheduled = true;
      // (The idle period after the next frame: the frame's time, rounded up, and one millisecond;
      // frames on the loop's clock, as scheduleFrame has them.)
      const now = clock.monotonicNow() + clock.timeOrigin();
      const next = (MathFloor(now / frameInterval) + 1) * frameInterval;
      clock.timeout(-MathFloor(now - next) + 1, () => {
        state.scheduled = false;
        const callbacks = state.callbacks;
        state.callbacks = [];
        const end = clock.monotonicNow() + 50;
        for (let i = 0; i < callbacks.length; i++) runIdle(cx, callbacks[i], false, end);
      });
    }
    return entry.id;
  }
  function runIdle(cx, entry, didTimeout, end) {
    if (entry.canceled) return;
    entry.canceled = true;
    const deadline = host.newObjectFrom(cx, viewInterface(cx, 'IdleDeadline'));
    deadlines.set(deadline, { __proto__: null, didTimeout, end });
    try {
      entry.callback(deadline);
    } catch (error) {
      host.reportException(cx, error);
    }
  }
  function cancelIdle(cx, args) {
    if (args.length < 1) throw countError(cx, 'cancelIdleCallback', 1, args.length);
    cancelCallback(idleState(cx).callbacks, Number(args[0]));
  }

  // ---- Dialogs and the window's own state ----------------------------------------------------------------------
  // `alert()`, `confirm()` and `prompt()`: no person answers here, so each dialog is dismissed at
  // once, as browsers under automation dismiss the dialogs a test does not answer (WebDriver's
  // default prompt behaviour): `confirm()` gives false, `prompt()` null. The run's output tells of
  // each, on the console of the script that showed it (the browsers show the dialog instead).
  function dialog(cx, kind, args) {
    const message = args.length > 0 && args[0] !== undefined ? String(args[0]) : '';
    cx.native.console.message('info', 'exthost: ' + kind + '(' + JSONStringify(message) + ') was shown and dismissed: no one answers dialogs here');
    return kind === 'confirm' ? false : kind === 'prompt' ? null : undefined;
  }

  // ---- CSS -----------------------------------------------------------------------------------------------
  // CSSOM's `CSS.escape(ident)`: a string serialized as a CSS identifier.
  function cssEscape(value) {
    const text = String(value);
    let result = '';
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      const c = text[i];
      if (code === 0) result += '\uFFFD';
      else if ((code >= 0x1 && code <= 0x1f) || code === 0x7f || (code >= 0x30 && code <= 0x39 && (i === 0 || (i === 1 && text[0] === '-')))) {
        result += '\\' + code.toString(16) + ' ';
      } else if (i === 0 && c === '-' && text.length === 1) result += '\\-';
      else if (code >= 0x80 || c === '-' || c === '_' || (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) result += c;
      else result += '\\' + c;
    }
    return result;
  }
  // `CSS.supports(property, value)` and `CSS.supports(conditionText)`: whether the property is one
  // exthost's computed style knows (or a custom property) with a value that is not empty. (No
  // CSS parser here checks the value's grammar.)
  function cssSupports(cx, args) {
    if (args.length < 1) throw countError(cx, 'supports', 1, args.length, 'CSS');
    if (args.length === 1) {
      const match = /^\s*\(\s*([a-zA-Z-]+)\s*:\s*(.+?)\s*\)\s*$/.exec(String(args[0]));
      return match !== null && host.knowsCSSProperty(match[1].toLowerCase()) && match[2] !== '';
    }
    const property = String(args[0]).toLowerCase();
    return (property.startsWith('--') || host.knowsCSSProperty(property)) && String(args[1]).trim() !== '';
  }

  // ---- Errors, as each browser words them ---------------------------------------------------------------------
  function illegalInvocation(cx, owner, member) {
    return host.newTypeError(cx, FIREFOX ? "'" + member + "' called on an object that does not implement interface " + owner + '.' : 'Illegal invocation');
  }
  function countError(cx, member, required, given, owner) {
    const interfaceName = owner === undefined ? 'Window' : owner;
    return host.newTypeError(cx, FIREFOX
      ? interfaceName + '.' + member + ': At least ' + required + ' argument' + (required === 1 ? '' : 's') + ' required, but only ' + given + ' passed'
      : "Failed to execute '" + member + "' on '" + interfaceName + "': " + required + ' argument' + (required === 1 ? '' : 's') + ' required, but only ' + given + ' present.');
  }

  // ---- Interfaces --------------------------------------------------------------------------------------------
  // The prototype of the interface `name` of the world of `cx`, made on first need (a script's
  // first touch of its global, `host.makeViewInterface`, or of an object of it): `constructor`
  // first, then the members. All but IdleDeadline are EventTargets.
  const interfaces = {
    __proto__: null,
    Screen: { eventTarget: true, members: screenMembers },
    MediaQueryList: { eventTarget: true, members: mediaQueryListMembers },
    VisualViewport: { eventTarget: true, members: visualViewportMembers },
    IdleDeadline: { eventTarget: false, members: idleDeadlineMembers },
  };
  const memberLists = { __proto__: null };
  function viewInterface(cx, name) {
    const made = cx.viewInterfaces[name];
    if (made !== undefined) return made;
    const description = interfaces[name];
    let parent = null;
    if (description.eventTarget) {
      cx.loader.load('events');
      parent = host.eventInternals.interfaceOf(cx, 'EventTarget');
    }
    // (Described once, for every world, once the events' module is there to give the handlers.)
    if (memberLists[name] === undefined) memberLists[name] = description.members();
    const prototype = host.makeWorldInterface(cx, name, { __proto__: null, members: memberLists[name], constructorFirst: true }, parent).prototype;
    cx.viewInterfaces[name] = prototype;
    return prototype;
  }
  host.makeViewInterface = (cx, name) => {
    viewInterface(cx, name);
  };

  // ---- Installing ----------------------------------------------------------------------------------------------
  host.installView = function (cx) {
    cx.viewInterfaces = { __proto__: null };
    defineReplaceable(cx, 'innerWidth', () => view.innerWidth);
    defineReplaceable(cx, 'innerHeight', () => view.innerHeight);
    defineReplaceable(cx, 'outerWidth', () => view.outerWidth);
    defineReplaceable(cx, 'outerHeight', () => view.outerHeight);
    defineReplaceable(cx, 'devicePixelRatio', () => 1);
    const offsets = ['scrollX', 'scrollY', 'pageXOffset', 'pageYOffset'];
    for (let i = 0; i < offsets.length; i++) defineReplaceable(cx, offsets[i], zero);
    defineReplaceable(cx, 'screenX', () => view.screenX);
    defineReplaceable(cx, 'screenY', () => view.screenY);
    defineReplaceable(cx, 'screenLeft', () => view.screenX);
    defineReplaceable(cx, 'screenTop', () => view.screenY);
    let visualViewport;
    defineReplaceable(cx, 'visualViewport', () => {
      if (visualViewport === undefined) visualViewport = makeVisualViewport(cx);
      return visualViewport;
    });
    let screen;
    defineReplaceable(cx, 'screen', () => {
      if (screen === undefined) screen = makeScreen(cx);
      return screen;
    });
    // (A page that is not laid out has nothing to scroll: scrolling leaves the offsets at 0.)
    const scrollNames = ['scrollTo', 'scrollBy', 'scroll'];
    for (let i = 0; i < scrollNames.length; i++) defineOperation(cx, scrollNames[i], 0, () => undefined, undefined);
    defineOperation(cx, 'matchMedia', 1, (data, thisValue, ...args) => matchMedia(cx, thisValue, args), undefined);
    defineOperation(cx, 'requestAnimationFrame', 1, (data, thisValue, ...args) => requestFrame(cx, thisValue, args), undefined);
    defineOperation(cx, 'cancelAnimationFrame', 1, (data, thisValue, ...args) => cancelFrame(cx, thisValue, args), undefined);
    defineOperation(cx, 'alert', 0, (data, thisValue, ...args) => dialog(cx, 'alert', args), undefined);
    defineOperation(cx, 'confirm', 0, (data, thisValue, ...args) => dialog(cx, 'confirm', args), undefined);
    defineOperation(cx, 'prompt', 0, (data, thisValue, ...args) => dialog(cx, 'prompt', args), undefined);
    // (A headless window prints nothing, has nothing to focus or blur, and no load to stop.)
    const nothing = ['print', 'focus', 'blur', 'stop'];
    for (let i = 0; i < nothing.length; i++) defineOperation(cx, nothing[i], 0, () => undefined, undefined);
    defineReplaceable(cx, 'closed', () => false);
    // (`status`: the status bar's text, which nothing shows; kept as set.)
    let statusText = '';
    cx.loader.defineGlobal('status', {
      __proto__: null, enumerable: true, configurable: true,
      get: host.newFunction(cx, 'get status', 0, () => statusText, undefined),
      set: host.newFunction(cx, 'set status', 1, (data, thisValue, value) => { statusText = String(value); }, undefined),
    });
    // (Chromium's content scripts have no custom elements: their registry is null.)
    if (!FIREFOX && cx.kind === 'content') defineReplaceable(cx, 'customElements', () => null);
    defineOperation(cx, 'requestIdleCallback', 1, (data, thisValue, ...args) => requestIdle(cx, args), undefined);
    defineOperation(cx, 'cancelIdleCallback', 1, (data, thisValue, ...args) => cancelIdle(cx, args), undefined);
    defineOperation(cx, 'getComputedStyle', 1, (data, thisValue, ...args) => {
      if (args.length < 1) throw countError(cx, 'getComputedStyle', 1, args.length);
      if (host.computedStyle === undefined) cx.loader.load('dom');
      const style = host.computedStyle(cx, args[0]);
      if (style === undefined) {
        throw host.newTypeError(cx, FIREFOX ? 'Window.getComputedStyle: Argument 1 does not implement interface Element.'
          : "Failed to execute 'getComputedStyle' on 'Window': parameter 1 is not of type 'Element'.");
      }
      return style;
    }, undefined);
    // The `CSS` namespace.
    const css = host.newObjectFrom(cx, cx.b.ObjectPrototype);
    host.defineValue(css, 'escape', host.newFunction(cx, 'escape', 1, (data, thisValue, ...args) => {
      if (args.length < 1) throw countError(cx, 'escape', 1, 0, 'CSS');
      return cssEscape(args[0]);
    }, undefined), true, true, true);
    host.defineValue(css, 'supports', host.newFunction(cx, 'supports', 1, (data, thisValue, ...args) => {
      if (host.knowsCSSProperty === undefined) cx.loader.load('dom');
      return cssSupports(cx, args);
    }, undefined), true, true, true);
    ReflectDefineProperty(css, SymbolToStringTag, dataDescriptor('CSS', false, false, true));
    cx.loader.defineGlobal('CSS', dataDescriptor(css, true, false, true));
  };
});
