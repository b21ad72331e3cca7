// exthost:needs primordials host dom_exception events
// exthost:globals Window: ~UIEvent:constructor:1 ~MouseEvent:constructor:1 ~PointerEvent:constructor:1 ~FocusEvent:constructor:1
// exthost:globals Window: ~KeyboardEvent:constructor:1 ~InputEvent:constructor:1 ~SubmitEvent:constructor:1
// The events of a person's input (UI Events, Pointer Events): `UIEvent`, `MouseEvent`,
// `PointerEvent`, `FocusEvent`, `KeyboardEvent` and `InputEvent`, each with its init dictionary's
// members as attributes (read in the dictionary's order: the base's members, then the derived's,
// each sorted), over js/31_events.js's Event; and HTML's `SubmitEvent` (a form's `submit`, whose
// `submitter` is the button that submitted it), which crosses worlds as they do
// (fixtures/conformance/form-submit-event). An element's `click()` dispatches a PointerEvent,
// as both browsers do (fixtures/conformance/dom-basics); nothing is laid out, so coordinates are
// what the event was made with.
(function (host) {
  'use strict';
  const { Number, String, TypeError, MathTrunc, NumberIsFinite, SafeWeakMap, ReflectDefineProperty, dataDescriptor, listPush, ObjectKeys } = host.primordials;
  const { failed, newRequired, illegalInvocation } = host.webIDLErrors;
  const internals = host.eventInternals;
  const { initializeEvent, eventArguments, unsignedLong } = internals;

  // Web IDL conversions of the members' types.
  const long = (value) => {
    const number = Number(value);
    if (!NumberIsFinite(number)) return 0;
    return MathTrunc(number) | 0;
  };
  const double = (value, owner, member) => {
    const number = Number(value);
    if (!NumberIsFinite(number)) {
      throw new TypeError(host.flavor === 'firefox' ? owner + " constructor: '" + member + "' member of " + owner + 'Init is not a finite floating-point value.'
        : failed(owner, 'constructor', "Failed to read the '" + member + "' property from '" + owner + "Init': The provided double value is non-finite."));
    }
    return number;
  };
  const short = (value) => {
    const number = Number(value);
    if (!NumberIsFinite(number)) return 0;
    return ((MathTrunc(number) % 65536) + 65536 + 32768) % 65536 - 32768;
  };
  const unsignedShort = (value) => {
    const number = Number(value);
    if (!NumberIsFinite(number)) return 0;
    return ((MathTrunc(number) % 65536) + 65536) % 65536;
  };
  const convert = {
    __proto__: null,
    long, short, unsignedShort, unsignedLong,
    boolean: (value) => !!value,
    string: (value) => String(value),
    nullableString: (value) => (value === null ? null : String(value)),
    double,
    // (A Window or null, an EventTarget or null: taken as they are.)
    any: (value) => (value === undefined ? null : value),
    // (An HTMLElement or null: the DOM's element of any world; anything else is refused.)
    htmlElement: (value, owner, member) => {
      if (value === null || value === undefined) return null;
      if (host.domIsHTMLElement === undefined || !host.domIsHTMLElement(value)) {
        const isObject = typeof value === 'object' || typeof value === 'function';
        throw new TypeError(host.flavor === 'firefox'
          ? owner + " constructor: '" + member + "' member of " + owner + 'Init ' + (isObject ? 'does not implement interface HTMLElement.' : 'is not an object.')
          : failed(owner, 'constructor', "Failed to read the '" + member + "' property from '" + owner + "Init': Failed to convert value to 'HTMLElement'."));
      }
      return value;
    },
  };

  // Each interface's own members: [name, type, default], in the init dictionary's order.
  const members = {
    __proto__: null,
    UIEvent: [['detail', 'long', 0], ['view', 'any', null], ['which', 'unsignedLong', 0]],
    MouseEvent: [
      ['button', 'short', 0], ['buttons', 'unsignedShort', 0], ['clientX', 'double', 0], ['clientY', 'double', 0],
      ['movementX', 'double', 0], ['movementY', 'double', 0], ['relatedTarget', 'any', null], ['screenX', 'double', 0], ['screenY', 'double', 0],
    ],
    PointerEvent: [
      ['altitudeAngle', 'double', 1.5707963267948966], ['azimuthAngle', 'double', 0], ['height', 'double', 1], ['isPrimary', 'boolean', false],
      ['pointerId', 'long', 0], ['pointerType', 'string', ''], ['pressure', 'double', 0], ['tangentialPressure', 'double', 0],
      ['tiltX', 'long', 0], ['tiltY', 'long', 0], ['twist', 'long', 0], ['width', 'double', 1],
    ],
    FocusEvent: [['relatedTarget', 'any', null]],
    KeyboardEvent: [
      ['charCode', 'unsignedLong', 0], ['code', 'string', ''], ['isComposing', 'boolean', false], ['key', 'string', ''],
      ['keyCode', 'unsignedLong', 0], ['location', 'unsignedLong', 0], ['repeat', 'boolean', false],
    ],
    InputEvent: [['data', 'nullableString', null], ['inputType', 'string', ''], ['isComposing', 'boolean', false]],
    SubmitEvent: [['submitter', 'htmlElement', null]],
  };
  // The modifier keys a MouseEvent and a KeyboardEvent take from EventModifierInit.
  const modifiers = [['altKey', 'boolean', false], ['ctrlKey', 'boolean', false], ['metaKey', 'boolean', false], ['shiftKey', 'boolean', false]];
  const parents = {
    __proto__: null, UIEvent: null, MouseEvent: 'UIEvent', PointerEvent: 'MouseEvent', FocusEvent: 'UIEvent', KeyboardEvent: 'UIEvent', InputEvent: 'UIEvent',
    SubmitEvent: null,
  };
  const hasModifiers = { __proto__: null, MouseEvent: true, KeyboardEvent: true };

  // Each event's fields, by event, and the interface it was made as.
  const fields = new SafeWeakMap();
  const interfaceNames = new SafeWeakMap();
  const fieldOf = (event, owner, name) => {
    const own = fields.get(event);
    if (own === undefined || !(name in own)) throw illegalInvocation(owner, 'get ' + name);
    return own[name];
  };

  // The interface's own members, with the modifier keys first where it has them.
  function ownMembers(name) {
    const list = [];
    if (hasModifiers[name]) for (let i = 0; i < modifiers.length; i++) listPush(list, modifiers[i]);
    for (let i = 0; i < members[name].length; i++) listPush(list, members[name][i]);
    return list;
  }
  // Reads the init dictionary for `name` and its ancestors into `own`.
  function readInit(name, init, own) {
    const parent = parents[name];
    if (parent !== null) readInit(parent, init, own);
    const list = ownMembers(name);
    for (let i = 0; i < list.length; i++) {
      const member = list[i];
      const given = init === undefined ? undefined : init[member[0]];
      own[member[0]] = given === undefined ? member[2] : convert[member[1]](given, name, member[0]);
    }
  }

  const interfaces = { __proto__: null };
  function define(name, length) {
    const constructor = {
      [name]: function (...args) {
        if (new.target === undefined) throw newRequired(name);
        const init = eventArguments(name, args, 1, name + 'Init');
        initializeEvent(this, args[0], init);
        const own = { __proto__: null };
        readInit(name, init, own);
        // (A MouseEvent's `which` is its button plus one; a KeyboardEvent's, its keyCode.)
        if (name === 'MouseEvent' || name === 'PointerEvent') own.which = own.button + 1;
        if (name === 'KeyboardEvent') own.which = own.keyCode || own.charCode;
        fields.set(this, own);
        interfaceNames.set(this, name);
      },
    }[name];
    const accessors = {};
    const list = ownMembers(name);
    for (let i = 0; i < list.length; i++) {
      const field = list[i][0];
      ReflectDefineProperty(accessors, field, {
        __proto__: null,
        get: { ['get ' + field]() { return fieldOf(this, name, field); } }['get ' + field],
        enumerable: true,
        configurable: true,
      });
    }
    if (hasModifiers[name]) {
      accessors.getModifierState = function getModifierState(key) {
        const own = fields.get(this);
        if (own === undefined) throw illegalInvocation(name, 'getModifierState');
        const map = { __proto__: null, Alt: 'altKey', Control: 'ctrlKey', Meta: 'metaKey', Shift: 'shiftKey' };
        const field = map[String(key)];
        return field === undefined ? false : own[field];
      };
    }
    if (name === 'MouseEvent') {
      // (No layout: the page and offset coordinates are the client ones, `x`/`y` too.)
      const alias = (field, of) => ReflectDefineProperty(accessors, field, {
        __proto__: null, get: { ['get ' + field]() { return fieldOf(this, name, of); } }['get ' + field], enumerable: true, configurable: true,
      });
      alias('pageX', 'clientX');
      alias('pageY', 'clientY');
      alias('x', 'clientX');
      alias('y', 'clientY');
      alias('offsetX', 'clientX');
      alias('offsetY', 'clientY');
    }
    if (name === 'PointerEvent') {
      accessors.getCoalescedEvents = function getCoalescedEvents() { return []; };
      accessors.getPredictedEvents = function getPredictedEvents() { return []; };
    }
    if (name === 'InputEvent') {
      ReflectDefineProperty(accessors, 'dataTransfer', { __proto__: null, get() { fieldOf(this, name, 'data'); return null; }, enumerable: true, configurable: true });
      accessors.getTargetRanges = function getTargetRanges() { return []; };
    }
    const parent = parents[name] === null ? internals.Event : interfaces[parents[name]];
    interfaces[name] = internals.defineInterface(constructor, name, length, accessors, parent);
    if (name === 'KeyboardEvent') {
      const locations = ['DOM_KEY_LOCATION_STANDARD', 0, 'DOM_KEY_LOCATION_LEFT', 1, 'DOM_KEY_LOCATION_RIGHT', 2, 'DOM_KEY_LOCATION_NUMPAD', 3];
      for (let i = 0; i < locations.length; i += 2) {
        ReflectDefineProperty(interfaces[name].publicConstructor, locations[i], dataDescriptor(locations[i + 1], false, true, false));
        ReflectDefineProperty(interfaces[name].prototype, locations[i], dataDescriptor(locations[i + 1], false, true, false));
      }
    }
  }
  define('UIEvent', 1);
  define('MouseEvent', 1);
  define('PointerEvent', 1);
  define('FocusEvent', 1);
  define('KeyboardEvent', 1);
  define('InputEvent', 1);
  define('SubmitEvent', 1);

  // Whether `event` is a MouseEvent (its click runs a node's activation behaviour: js/31_events.js).
  host.isMouseEvent = (event) => {
    const own = fields.get(event);
    return own !== undefined && 'button' in own;
  };

  // For the dispatch through the worlds of a document (js/31_events.js): an event's interface and
  // its fields (an init dictionary that makes the same event), and a new event made from them.
  host.uiEventFields = (event) => {
    const name = interfaceNames.get(event);
    if (name === undefined) return undefined;
    const own = fields.get(event);
    const init = { __proto__: null };
    const keys = ObjectKeys(own);
    for (let i = 0; i < keys.length; i++) init[keys[i]] = own[keys[i]];
    return { __proto__: null, interface: name, fields: init };
  };
  host.makeUIEvent = (name, type, init) => new interfaces[name].publicConstructor(type, init);

  // For the DOM (js/63_dom.js): dispatches a new event of the interface `name` at `target`, made
  // as `new name(type, init)` would make it; `trusted` when the browser itself fires it (a
  // person's click), not when a script's `click()` does. Returns false when a listener canceled it.
  host.fireUIEvent = function (target, name, type, init, trusted) {
    const event = new interfaces[name].publicConstructor(type, init);
    return internals.dispatch(target, event, trusted);
  };
})
