// exthost:needs primordials host dom_exception events
// exthost:globals Window: ~UIEvent:constructor:1 ~MouseEvent:constructor:1 ~PointerEvent:constructor:1 ~FocusEvent:constructor:1
// exthost:globals Window: ~KeyboardEvent:constructor:1 ~InputEvent:constructor:1 ~SubmitEvent:constructor:1
// exthost:globals Window: ~WheelEvent:constructor:1 ~DragEvent:constructor:1 ~ClipboardEvent:constructor:1 ~CompositionEvent:constructor:1
// exthost:globals Window: ~AnimationEvent:constructor:1 ~TransitionEvent:constructor:1 ~DataTransfer:constructor:0 ~DataTransferItemList:constructor:0
// exthost:globals Window: ~DataTransferItem:constructor:0 ~FileList:constructor:0
// The events of a person's input (UI Events, Pointer Events): `UIEvent`, `MouseEvent`,
// `PointerEvent`, `FocusEvent`, `KeyboardEvent` and `InputEvent`, each with its init dictionary's
// members as attributes (read in the dictionary's order: the base's members, then the derived's,
// each sorted), over js/31_events.js's Event; and HTML's `SubmitEvent` (a form's `submit`, whose
// `submitter` is the button that submitted it), which crosses worlds as they do
// (fixtures/conformance/form-submit-event). An element's `click()` dispatches a PointerEvent,
// as both browsers do (fixtures/conformance/dom-basics); nothing is laid out, so coordinates are
// what the event was made with. The rarer ones, `WheelEvent`, `DragEvent` and `ClipboardEvent`
// with HTML's `DataTransfer`, `CompositionEvent`, `AnimationEvent` and `TransitionEvent`
// (fixtures/conformance/event-interfaces), are made when a script first names them.
(function (host) {
  'use strict';
  const {
    Number, String, TypeError, MathTrunc, NumberIsFinite, SafeWeakMap, ReflectDefineProperty, dataDescriptor, listPush, listRemoveAt, ObjectKeys, ObjectFreeze,
    StringPrototypeIndexOf,
  } = host.primordials;
  const FIREFOX = host.flavor === 'firefox';
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
    // (A DataTransfer or null.)
    dataTransfer: (value, owner, member) => {
      if (value === null || value === undefined) return null;
      if (!transfers.has(value)) {
        throw new TypeError(FIREFOX ? owner + " constructor: '" + member + "' member of " + owner + 'Init does not implement interface DataTransfer.'
          : failed(owner, 'constructor', "Failed to read the '" + member + "' property from '" + owner + "Init': Failed to convert value to 'DataTransfer'."));
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
    WheelEvent: [['deltaMode', 'unsignedLong', 0], ['deltaX', 'double', 0], ['deltaY', 'double', 0], ['deltaZ', 'double', 0]],
    DragEvent: [['dataTransfer', 'dataTransfer', null]],
    ClipboardEvent: [['clipboardData', 'dataTransfer', null]],
    CompositionEvent: [['data', 'string', '']],
    AnimationEvent: [['animationName', 'string', ''], ['elapsedTime', 'double', 0], ['pseudoElement', 'string', '']],
    TransitionEvent: [['elapsedTime', 'double', 0], ['propertyName', 'string', ''], ['pseudoElement', 'string', '']],
  };
  // The modifier keys a MouseEvent and a KeyboardEvent take from EventModifierInit.
  const modifiers = [['altKey', 'boolean', false], ['ctrlKey', 'boolean', false], ['metaKey', 'boolean', false], ['shiftKey', 'boolean', false]];
  const parents = {
    __proto__: null, UIEvent: null, MouseEvent: 'UIEvent', PointerEvent: 'MouseEvent', FocusEvent: 'UIEvent', KeyboardEvent: 'UIEvent', InputEvent: 'UIEvent',
    SubmitEvent: null, WheelEvent: 'MouseEvent', DragEvent: 'MouseEvent', ClipboardEvent: null, CompositionEvent: 'UIEvent', AnimationEvent: null,
    TransitionEvent: null,
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
        // (Firefox's ClipboardEvent made by a script holds an empty DataTransfer of its own.)
        if (name === 'ClipboardEvent' && FIREFOX) own.clipboardData = newTransfer();
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
  // (The rarer interfaces, on first need: the loader asks for each as a script first names it.)
  const lazyEvents = ['WheelEvent', 'DragEvent', 'ClipboardEvent', 'CompositionEvent', 'AnimationEvent', 'TransitionEvent'];
  const defineWhenNamed = (name) => {
    if (interfaces[name] !== undefined) return;
    if (name === 'DataTransfer' || name === 'DataTransferItemList' || name === 'DataTransferItem' || name === 'FileList') {
      defineDataTransfer();
      return;
    }
    define(name, 1);
    if (name === 'WheelEvent') {
      const modes = ['DOM_DELTA_PIXEL', 0, 'DOM_DELTA_LINE', 1, 'DOM_DELTA_PAGE', 2];
      for (let i = 0; i < modes.length; i += 2) {
        ReflectDefineProperty(interfaces[name].publicConstructor, modes[i], dataDescriptor(modes[i + 1], false, true, false));
        ReflectDefineProperty(interfaces[name].prototype, modes[i], dataDescriptor(modes[i + 1], false, true, false));
      }
    }
  };
  for (let i = 0; i < lazyEvents.length; i++) host.globalFillers[lazyEvents[i]] = defineWhenNamed;
  host.globalFillers.DataTransfer = defineWhenNamed;
  host.globalFillers.DataTransferItemList = defineWhenNamed;
  host.globalFillers.DataTransferItem = defineWhenNamed;
  host.globalFillers.FileList = defineWhenNamed;

  // ---- DataTransfer (HTML's drag and drop data store) -----------------------------------------------------
  // A script's own DataTransfer, as one not in a drag: its data by type (lowercased; `text` is
  // `text/plain`, `url` `text/uri-list`), in the order set; its items (one a type); no files.
  // Chromium lets a script set no effect on one (they stay `none`), Firefox any valid one.
  const transfers = new SafeWeakMap();
  const itemLists = new SafeWeakMap();
  const items = new SafeWeakMap();
  const fileLists = new SafeWeakMap();
  const dropEffects = ['none', 'copy', 'link', 'move'];
  const allowedEffects = ['none', 'copy', 'copyLink', 'copyMove', 'link', 'linkMove', 'move', 'all', 'uninitialized'];
  const formatOf = (format) => {
    const lower = host.asciiLowercase(String(format));
    return lower === 'text' ? 'text/plain' : lower === 'url' ? 'text/uri-list' : lower;
  };
  const transferOf = (value, member) => {
    const state = transfers.get(value);
    if (state === undefined) throw illegalInvocation('DataTransfer', member);
    return state;
  };
  function indexOfType(state, type) {
    for (let i = 0; i < state.entries.length; i++) if (state.entries[i].type === type) return i;
    return -1;
  }
  function DataTransfer() {
    if (new.target === undefined) throw newRequired('DataTransfer');
    transfers.set(this, { __proto__: null, entries: [], dropEffect: 'none', effectAllowed: 'none', items: null, files: null });
  }
  function newTransfer() {
    defineDataTransfer();
    return new interfaces.DataTransfer.publicConstructor();
  }
  const internalOnly = (name) => function () {
    throw new TypeError(FIREFOX ? 'Illegal constructor.' : "Failed to construct '" + name + "': Illegal constructor");
  };
  function defineDataTransfer() {
    if (interfaces.DataTransfer !== undefined) return;
    const item = (list, index) => ({ __proto__: null, list, index });
    interfaces.DataTransferItem = internals.defineInterface(internalOnly('DataTransferItem'), 'DataTransferItem', 0, {
      get kind() { const at = items.get(this); if (at === undefined) throw illegalInvocation('DataTransferItem', 'get kind'); return 'string'; },
      get type() { const at = items.get(this); if (at === undefined) throw illegalInvocation('DataTransferItem', 'get type'); return at.entry.type; },
      getAsString(callback) {
        const at = items.get(this);
        if (at === undefined) throw illegalInvocation('DataTransferItem', 'getAsString');
        if (typeof callback === 'function') host.native.clock.timeout(0, () => callback(at.entry.data));
      },
      getAsFile() { if (items.get(this) === undefined) throw illegalInvocation('DataTransferItem', 'getAsFile'); return null; },
    });
    const itemObject = (state, index) => {
      const object = { __proto__: interfaces.DataTransferItem.prototype };
      items.set(object, { __proto__: null, entry: state.entries[index] });
      return object;
    };
    interfaces.DataTransferItemList = internals.defineInterface(internalOnly('DataTransferItemList'), 'DataTransferItemList', 0, {
      get length() { const state = itemLists.get(this); if (state === undefined) throw illegalInvocation('DataTransferItemList', 'get length'); return state.entries.length; },
      add(data, type) {
        const state = itemLists.get(this);
        if (state === undefined) throw illegalInvocation('DataTransferItemList', 'add');
        const format = formatOf(type);
        if (indexOfType(state, format) >= 0) return null;
        listPush(state.entries, { __proto__: null, type: format, data: String(data) });
        return itemObject(state, state.entries.length - 1);
      },
      remove(index) {
        const state = itemLists.get(this);
        if (state === undefined) throw illegalInvocation('DataTransferItemList', 'remove');
        const i = Number(index) >>> 0;
        if (i < state.entries.length) listRemoveAt(state.entries, i);
      },
      clear() { const state = itemLists.get(this); if (state === undefined) throw illegalInvocation('DataTransferItemList', 'clear'); state.entries.length = 0; },
    });
    interfaces.FileList = internals.defineInterface(internalOnly('FileList'), 'FileList', 0, {
      get length() { if (!fileLists.has(this)) throw illegalInvocation('FileList', 'get length'); return 0; },
      item() { if (!fileLists.has(this)) throw illegalInvocation('FileList', 'item'); return null; },
    });
    interfaces.DataTransfer = internals.defineInterface(DataTransfer, 'DataTransfer', 0, {
      get dropEffect() { return transferOf(this, 'get dropEffect').dropEffect; },
      set dropEffect(value) {
        const state = transferOf(this, 'set dropEffect');
        const effect = String(value);
        if (FIREFOX && dropEffects.indexOf(effect) >= 0) state.dropEffect = effect;
      },
      get effectAllowed() { return transferOf(this, 'get effectAllowed').effectAllowed; },
      set effectAllowed(value) {
        const state = transferOf(this, 'set effectAllowed');
        const effect = String(value);
        if (FIREFOX && allowedEffects.indexOf(effect) >= 0) state.effectAllowed = effect;
      },
      get items() {
        const state = transferOf(this, 'get items');
        if (state.items === null) {
          state.items = { __proto__: interfaces.DataTransferItemList.prototype };
          itemLists.set(state.items, state);
          // (Indexed items, as the list's own properties: made when asked for.)
          state.items = new host.primordials.Proxy(state.items, {
            __proto__: null,
            get(target, key) {
              const index = typeof key === 'string' && /^(0|[1-9][0-9]*)$/.test(key) ? Number(key) : -1;
              if (index >= 0) return index < state.entries.length ? itemObject(state, index) : undefined;
              return host.primordials.ReflectGet(target, key);
            },
          });
          itemLists.set(state.items, state);
        }
        return state.items;
      },
      get types() {
        const state = transferOf(this, 'get types');
        const types = [];
        for (let i = 0; i < state.entries.length; i++) listPush(types, state.entries[i].type);
        return ObjectFreeze(types);
      },
      get files() {
        const state = transferOf(this, 'get files');
        if (state.files === null) {
          state.files = { __proto__: interfaces.FileList.prototype };
          fileLists.set(state.files, true);
        }
        return state.files;
      },
      getData(format) {
        const state = transferOf(this, 'getData');
        const type = formatOf(format);
        const index = indexOfType(state, type);
        if (index < 0) return '';
        const data = state.entries[index].data;
        if (String(format) !== 'url' && host.asciiLowercase(String(format)) !== 'url') return data;
        // (`url`: the first URL of the list, its comment lines left out.)
        const lines = data.split(/\r?\n/);
        for (let i = 0; i < lines.length; i++) if (lines[i] !== '' && StringPrototypeIndexOf(lines[i], '#') !== 0) return lines[i];
        return '';
      },
      setData(format, data) {
        const state = transferOf(this, 'setData');
        const type = formatOf(format);
        const index = indexOfType(state, type);
        if (index >= 0) listRemoveAt(state.entries, index);
        listPush(state.entries, { __proto__: null, type, data: String(data) });
      },
      clearData(format) {
        const state = transferOf(this, 'clearData');
        if (format === undefined) {
          state.entries.length = 0;
          return;
        }
        const index = indexOfType(state, formatOf(format));
        if (index >= 0) listRemoveAt(state.entries, index);
      },
      setDragImage() { transferOf(this, 'setDragImage'); },
    });
  }

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
    for (let i = 0; i < keys.length; i++) {
      const value = own[keys[i]];
      const transfer = value !== null && typeof value === 'object' ? transfers.get(value) : undefined;
      if (transfer === undefined) {
        init[keys[i]] = value;
        continue;
      }
      // (A DataTransfer crosses as its data, a text, which the other world makes one of again.)
      const pairs = [];
      for (let j = 0; j < transfer.entries.length; j++) listPush(pairs, [transfer.entries[j].type, transfer.entries[j].data]);
      init[keys[i]] = null;
      init['transfer:' + keys[i]] = host.primordials.JSONStringify(pairs);
    }
    return { __proto__: null, interface: name, fields: init };
  };
  host.makeUIEvent = (name, type, init) => {
    defineWhenNamed(name);
    const transferKeys = ['dataTransfer', 'clipboardData'];
    for (let i = 0; i < transferKeys.length; i++) {
      const text = init['transfer:' + transferKeys[i]];
      if (typeof text !== 'string') continue;
      const transfer = newTransfer();
      const pairs = host.primordials.JSONParse(text);
      const entries = transfers.get(transfer).entries;
      for (let j = 0; j < pairs.length; j++) listPush(entries, { __proto__: null, type: String(pairs[j][0]), data: String(pairs[j][1]) });
      init[transferKeys[i]] = transfer;
    }
    return new interfaces[name].publicConstructor(type, init);
  };

  // For the DOM (js/63_dom.js): dispatches a new event of the interface `name` at `target`, made
  // as `new name(type, init)` would make it; `trusted` when the browser itself fires it (a
  // person's click), not when a script's `click()` does. Returns false when a listener canceled it.
  host.fireUIEvent = function (target, name, type, init, trusted) {
    const event = new interfaces[name].publicConstructor(type, init);
    return internals.dispatch(target, event, trusted);
  };
})
