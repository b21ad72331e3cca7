// exthost:realm host
// exthost:needs primordials api events
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
// (fixtures/conformance/event-interfaces), are made as the others: when a script first names
// them or a dispatch first needs one.
//
// Runs in the host's realm, for a world on the first need of one of these events
// (`host.installUIEvents`); each interface is made on first need (`host.makeUIEventInterface`),
// its members one implementation for every world (js/31_events.js's way).
(function (host) {
  'use strict';
  const {
    Number, String, MathTrunc, NumberIsFinite, SafeWeakMap, ReflectGet, ReflectApply, listPush, listRemoveAt, ObjectKeys, StringPrototypeIndexOf, StringPrototypeCharCodeAt, StringPrototypeSlice,
  } = host.primordials;
  const FIREFOX = host.flavor === 'firefox';
  const { failed, illegalInvocation } = host.webIDLErrors;
  const typeError = (cx, text) => host.newTypeError(cx, text);
  const events = host.eventInternals;
  const isObject = (value) => value !== null && (typeof value === 'object' || typeof value === 'function');

  // Web IDL conversions of the members' types (what they throw of this realm reaches the script
  // as its own error: host.newFunction).
  const long = (cx, value) => {
    const number = Number(value);
    if (!NumberIsFinite(number)) return 0;
    return MathTrunc(number) | 0;
  };
  const double = (cx, value, owner, member) => {
    const number = Number(value);
    if (!NumberIsFinite(number)) {
      throw typeError(cx, FIREFOX ? owner + " constructor: '" + member + "' member of " + owner + 'Init is not a finite floating-point value.'
        : failed(owner, 'constructor', "Failed to read the '" + member + "' property from '" + owner + "Init': The provided double value is non-finite."));
    }
    return number;
  };
  const short = (cx, value) => {
    const number = Number(value);
    if (!NumberIsFinite(number)) return 0;
    return ((MathTrunc(number) % 65536) + 65536 + 32768) % 65536 - 32768;
  };
  const unsignedShort = (cx, value) => {
    const number = Number(value);
    if (!NumberIsFinite(number)) return 0;
    return ((MathTrunc(number) % 65536) + 65536) % 65536;
  };
  const convert = {
    __proto__: null,
    long, short, unsignedShort,
    unsignedLong: (cx, value) => events.unsignedLong(cx, value),
    boolean: (cx, value) => !!value,
    string: (cx, value) => String(value),
    nullableString: (cx, value) => (value === null ? null : String(value)),
    double,
    // (A Window or null, an EventTarget or null: taken as they are.)
    any: (cx, value) => (value === undefined ? null : value),
    // (An HTMLElement or null: the DOM's element of any world; anything else is refused.)
    htmlElement: (cx, value, owner, member) => {
      if (value === null || value === undefined) return null;
      if (cx.dom === undefined || !host.domHooks.isHTMLElement(value)) {
        throw typeError(cx, FIREFOX
          ? owner + " constructor: '" + member + "' member of " + owner + 'Init ' + (isObject(value) ? 'does not implement interface HTMLElement.' : 'is not an object.')
          : failed(owner, 'constructor', "Failed to read the '" + member + "' property from '" + owner + "Init': Failed to convert value to 'HTMLElement'."));
      }
      return value;
    },
    // (A DataTransfer or null.)
    dataTransfer: (cx, value, owner, member) => {
      if (value === null || value === undefined) return null;
      if (!isObject(value) || !transfers.has(value)) {
        throw typeError(cx, FIREFOX ? owner + " constructor: '" + member + "' member of " + owner + 'Init does not implement interface DataTransfer.'
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
  // Constants of interfaces: [name, value, ...].
  const constants = {
    __proto__: null,
    KeyboardEvent: ['DOM_KEY_LOCATION_STANDARD', 0, 'DOM_KEY_LOCATION_LEFT', 1, 'DOM_KEY_LOCATION_RIGHT', 2, 'DOM_KEY_LOCATION_NUMPAD', 3],
    WheelEvent: ['DOM_DELTA_PIXEL', 0, 'DOM_DELTA_LINE', 1, 'DOM_DELTA_PAGE', 2],
  };

  // Each event's fields, by event (of any world), and the interface it was made as.
  const fields = new SafeWeakMap();
  const interfaceNames = new SafeWeakMap();
  const fieldOf = (cx, event, owner, name) => {
    const own = isObject(event) ? fields.get(event) : undefined;
    if (own === undefined || !(name in own)) throw illegalInvocation(cx, owner, 'get ' + name);
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
  function readInit(cx, name, init, own) {
    const parent = parents[name];
    if (parent !== null) readInit(cx, parent, init, own);
    const list = ownMembers(name);
    for (let i = 0; i < list.length; i++) {
      const member = list[i];
      const given = init === undefined ? undefined : init[member[0]];
      own[member[0]] = given === undefined ? member[2] : convert[member[1]](cx, given, name, member[0]);
    }
  }

  // ---- Each interface's members: one implementation for every world ---------------------------------------
  // [kind, name, implementation(s)...] each, as js/31_events.js's: ['get', name, get] or ['method', name, length, call].
  const descriptions = { __proto__: null };
  function descriptionOf(name) {
    const made = descriptions[name];
    if (made !== undefined) return made;
    const list = [];
    const own = ownMembers(name);
    const getter = (field, of) => (cx, thisValue) => fieldOf(cx, thisValue, name, of);
    for (let i = 0; i < own.length; i++) listPush(list, ['get', own[i][0], getter(own[i][0], own[i][0])]);
    if (hasModifiers[name]) {
      listPush(list, ['method', 'getModifierState', 1, (cx, thisValue, key) => {
        const state = isObject(thisValue) ? fields.get(thisValue) : undefined;
        if (state === undefined) throw illegalInvocation(cx, name, 'getModifierState');
        const map = { __proto__: null, Alt: 'altKey', Control: 'ctrlKey', Meta: 'metaKey', Shift: 'shiftKey' };
        const field = map[String(key)];
        return field === undefined ? false : state[field];
      }]);
    }
    if (name === 'MouseEvent') {
      // (No layout: the page and offset coordinates are the client ones, `x`/`y` too.)
      const aliases = ['pageX', 'clientX', 'pageY', 'clientY', 'x', 'clientX', 'y', 'clientY', 'offsetX', 'clientX', 'offsetY', 'clientY'];
      for (let i = 0; i < aliases.length; i += 2) listPush(list, ['get', aliases[i], getter(aliases[i], aliases[i + 1])]);
    }
    if (name === 'PointerEvent') {
      listPush(list, ['method', 'getCoalescedEvents', 0, (cx) => host.newArray(cx, [])]);
      listPush(list, ['method', 'getPredictedEvents', 0, (cx) => host.newArray(cx, [])]);
    }
    if (name === 'InputEvent') {
      // (A paste's or a drop's text, in an editing host's input events; else null.)
      listPush(list, ['get', 'dataTransfer', (cx, thisValue) => {
        fieldOf(cx, thisValue, name, 'data');
        const transfer = fields.get(thisValue).dataTransfer;
        return transfer === undefined ? null : transfer;
      }]);
      listPush(list, ['method', 'getTargetRanges', 0, (cx) => host.newArray(cx, [])]);
    }
    const description = { __proto__: null, parent: parents[name], construct: eventConstructor(name), members: list };
    descriptions[name] = description;
    return description;
  }
  const eventConstructor = (name) => (cx, thisValue, newTarget, ...args) => {
    const init = events.eventArguments(cx, name, args, 1, name + 'Init');
    const type = String(args[0]);
    const event = newInstance(cx, newTarget, name);
    events.initializeEvent(cx, event, type, init);
    const own = { __proto__: null };
    readInit(cx, name, init, own);
    // (A MouseEvent's `which` is its button plus one; a KeyboardEvent's, its keyCode.)
    if (name === 'MouseEvent' || name === 'PointerEvent') own.which = own.button + 1;
    if (name === 'KeyboardEvent') own.which = own.keyCode || own.charCode;
    // (Firefox's ClipboardEvent made by a script holds an empty DataTransfer of its own.)
    if (name === 'ClipboardEvent' && FIREFOX) own.clipboardData = newTransfer(cx);
    fields.set(event, own);
    interfaceNames.set(event, name);
    return event;
  };
  // A new object of the interface `name`, or of a subclass's prototype (`newTarget`'s).
  const newInstance = (cx, newTarget, name) => host.newInstance(cx, newTarget, interfaceOf(cx, name).prototype);
  // The interface `name` of the world of `cx` ({prototype, publicConstructor}), made now if it was not.
  function interfaceOf(cx, name) {
    let world = cx.uiEventWorld;
    if (world === undefined) {
      world = { __proto__: null, interfaces: { __proto__: null } };
      cx.uiEventWorld = world;
    }
    const made = world.interfaces[name];
    if (made !== undefined) return made;
    const description = transferInterfaces[name] !== undefined ? transferInterfaces[name] : descriptionOf(name);
    const parent = description.parent === null ? (description.isEvent === false ? null : events.interfaceOf(cx, 'Event')) : interfaceOf(cx, description.parent);
    world.interfaces[name] = host.makeWorldInterface(cx, name, {
      __proto__: null, construct: description.construct, members: description.members, constants: constants[name],
    }, parent);
    return world.interfaces[name];
  }

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
  const asciiLowercase = host.primordials.asciiLowercase;
  const formatOf = (format) => {
    const lower = asciiLowercase(String(format));
    return lower === 'text' ? 'text/plain' : lower === 'url' ? 'text/uri-list' : lower;
  };
  const transferOf = (cx, value, member) => {
    const state = isObject(value) ? transfers.get(value) : undefined;
    if (state === undefined) throw illegalInvocation(cx, 'DataTransfer', member);
    return state;
  };
  const itemListOf = (cx, value, member) => {
    const state = isObject(value) ? itemLists.get(value) : undefined;
    if (state === undefined) throw illegalInvocation(cx, 'DataTransferItemList', member);
    return state;
  };
  const itemOf = (cx, value, member) => {
    const at = isObject(value) ? items.get(value) : undefined;
    if (at === undefined) throw illegalInvocation(cx, 'DataTransferItem', member);
    return at;
  };
  const fileListOf = (cx, value, member) => {
    if (!isObject(value) || !fileLists.has(value)) throw illegalInvocation(cx, 'FileList', member);
  };
  function indexOfType(state, type) {
    for (let i = 0; i < state.entries.length; i++) if (state.entries[i].type === type) return i;
    return -1;
  }
  // A new DataTransfer of the world of `cx`, over `entries` (its data store: another world's
  // DataTransfer of the same event shares it) or an empty one.
  function newTransfer(cx, entries) {
    const transfer = host.newObjectFrom(cx, interfaceOf(cx, 'DataTransfer').prototype);
    transfers.set(transfer, { __proto__: null, entries: entries === undefined ? [] : entries, dropEffect: 'none', effectAllowed: 'none', items: null, files: null });
    return transfer;
  }
  const itemObject = (cx, state, index) => {
    const object = host.newObjectFrom(cx, interfaceOf(cx, 'DataTransferItem').prototype);
    items.set(object, { __proto__: null, entry: state.entries[index] });
    return object;
  };
  const isIndex = (key) => {
    if (typeof key !== 'string' || key.length === 0) return false;
    if (key === '0') return true;
    for (let i = 0; i < key.length; i++) {
      const c = StringPrototypeCharCodeAt(key, i);
      if (c < 48 || c > 57 || (i === 0 && c === 48)) return false;
    }
    return true;
  };
  // The traps of a world's DataTransferItemLists: indexed items over the list's state.
  const itemListTraps = (cx) => ({
    __proto__: null,
    get(target, key, receiver) {
      const state = itemLists.get(target);
      if (isIndex(key)) {
        const index = Number(key);
        return index < state.entries.length ? itemObject(cx, state, index) : undefined;
      }
      return ReflectGet(target, key, receiver === state.items ? target : receiver);
    },
  });
  const transferInterfaces = {
    __proto__: null,
    DataTransferItem: {
      parent: null, isEvent: false,
      members: [
        ['get', 'kind', (cx, thisValue) => { itemOf(cx, thisValue, 'get kind'); return 'string'; }],
        ['get', 'type', (cx, thisValue) => itemOf(cx, thisValue, 'get type').entry.type],
        ['method', 'getAsString', 1, (cx, thisValue, callback) => {
          const at = itemOf(cx, thisValue, 'getAsString');
          if (typeof callback !== 'function') return;
          cx.loader.native.clock.timeout(0, () => {
            try {
              callback(at.entry.data);
            } catch (error) {
              host.reportException(cx, error);
            }
          });
        }],
        ['method', 'getAsFile', 0, (cx, thisValue) => { itemOf(cx, thisValue, 'getAsFile'); return null; }],
      ],
    },
    DataTransferItemList: {
      parent: null, isEvent: false,
      members: [
        ['get', 'length', (cx, thisValue) => itemListOf(cx, thisValue, 'get length').entries.length],
        ['method', 'add', 1, (cx, thisValue, data, type) => {
          const state = itemListOf(cx, thisValue, 'add');
          const format = formatOf(type);
          if (indexOfType(state, format) >= 0) return null;
          listPush(state.entries, { __proto__: null, type: format, data: String(data) });
          return itemObject(cx, state, state.entries.length - 1);
        }],
        ['method', 'remove', 1, (cx, thisValue, index) => {
          const state = itemListOf(cx, thisValue, 'remove');
          const i = Number(index) >>> 0;
          if (i < state.entries.length) listRemoveAt(state.entries, i);
        }],
        ['method', 'clear', 0, (cx, thisValue) => { itemListOf(cx, thisValue, 'clear').entries.length = 0; }],
      ],
    },
    FileList: {
      parent: null, isEvent: false,
      members: [
        ['get', 'length', (cx, thisValue) => { fileListOf(cx, thisValue, 'get length'); return 0; }],
        ['method', 'item', 1, (cx, thisValue) => { fileListOf(cx, thisValue, 'item'); return null; }],
      ],
    },
    DataTransfer: {
      parent: null, isEvent: false,
      construct: (cx, thisValue, newTarget) => {
        const transfer = newInstance(cx, newTarget, 'DataTransfer');
        transfers.set(transfer, { __proto__: null, entries: [], dropEffect: 'none', effectAllowed: 'none', items: null, files: null });
        return transfer;
      },
      members: [
        ['accessor', 'dropEffect', (cx, thisValue) => transferOf(cx, thisValue, 'get dropEffect').dropEffect, (cx, thisValue, value) => {
          const state = transferOf(cx, thisValue, 'set dropEffect');
          const effect = String(value);
          if (FIREFOX && dropEffects.indexOf(effect) >= 0) state.dropEffect = effect;
        }],
        ['accessor', 'effectAllowed', (cx, thisValue) => transferOf(cx, thisValue, 'get effectAllowed').effectAllowed, (cx, thisValue, value) => {
          const state = transferOf(cx, thisValue, 'set effectAllowed');
          const effect = String(value);
          if (FIREFOX && allowedEffects.indexOf(effect) >= 0) state.effectAllowed = effect;
        }],
        ['get', 'items', (cx, thisValue) => {
          const state = transferOf(cx, thisValue, 'get items');
          if (state.items === null) {
            const list = host.newObjectFrom(cx, interfaceOf(cx, 'DataTransferItemList').prototype);
            itemLists.set(list, state);
            // (Indexed items, as the list's own properties: made when asked for, by the world's one
            // handler for such lists.)
            const world = cx.uiEventWorld;
            if (world.itemListHandler === undefined) world.itemListHandler = host.worldProxyHandler(cx, itemListTraps(cx));
            state.items = new cx.b.Proxy(list, world.itemListHandler);
            itemLists.set(state.items, state);
          }
          return state.items;
        }],
        ['get', 'types', (cx, thisValue) => {
          const state = transferOf(cx, thisValue, 'get types');
          const types = [];
          for (let i = 0; i < state.entries.length; i++) listPush(types, state.entries[i].type);
          return ReflectApply(cx.b.ObjectFreeze, undefined, [host.newArray(cx, types)]);
        }],
        ['get', 'files', (cx, thisValue) => {
          const state = transferOf(cx, thisValue, 'get files');
          if (state.files === null) {
            state.files = host.newObjectFrom(cx, interfaceOf(cx, 'FileList').prototype);
            fileLists.set(state.files, true);
          }
          return state.files;
        }],
        ['method', 'getData', 1, (cx, thisValue, format) => {
          const state = transferOf(cx, thisValue, 'getData');
          const type = formatOf(format);
          const index = indexOfType(state, type);
          if (index < 0) return '';
          const data = state.entries[index].data;
          if (type !== 'text/uri-list' || asciiLowercase(String(format)) !== 'url') return data;
          // (`url`: the first URL of the list, its comment lines left out.)
          for (let start = 0; start <= data.length;) {
            let end = StringPrototypeIndexOf(data, '\n', start);
            if (end < 0) end = data.length;
            let line = StringPrototypeSlice(data, start, end);
            if (line.length > 0 && StringPrototypeCharCodeAt(line, line.length - 1) === 13) line = StringPrototypeSlice(line, 0, line.length - 1);
            if (line !== '' && StringPrototypeIndexOf(line, '#') !== 0) return line;
            start = end + 1;
          }
          return '';
        }],
        ['method', 'setData', 2, (cx, thisValue, format, data) => {
          const state = transferOf(cx, thisValue, 'setData');
          const type = formatOf(format);
          const index = indexOfType(state, type);
          if (index >= 0) listRemoveAt(state.entries, index);
          listPush(state.entries, { __proto__: null, type, data: String(data) });
        }],
        ['method', 'clearData', 0, (cx, thisValue, format) => {
          const state = transferOf(cx, thisValue, 'clearData');
          if (format === undefined) {
            state.entries.length = 0;
            return;
          }
          const index = indexOfType(state, formatOf(format));
          if (index >= 0) listRemoveAt(state.entries, index);
        }],
        ['method', 'setDragImage', 3, (cx, thisValue) => { transferOf(cx, thisValue, 'setDragImage'); }],
      ],
    },
  };

  // ---- For the other modules -------------------------------------------------------------------------------
  // The interfaces the loader makes on a script's first touch of their globals (Swift asks).
  host.makeUIEventInterface = function (cx, name) {
    if (members[name] !== undefined || transferInterfaces[name] !== undefined) interfaceOf(cx, name);
  };
  // Whether `event` is a MouseEvent (its click runs a node's activation behaviour: js/31_events.js).
  const isMouseEvent = (event) => {
    const own = isObject(event) ? fields.get(event) : undefined;
    return own !== undefined && 'button' in own;
  };
  // An event's interface and its fields (an init dictionary that makes the same event), for the
  // dispatch through the worlds of a document (js/31_events.js, js/63_dom.js).
  function uiEventFields(event) {
    const name = interfaceNames.get(event);
    if (name === undefined) return undefined;
    const own = fields.get(event);
    const init = { __proto__: null };
    const keys = ObjectKeys(own);
    for (let i = 0; i < keys.length; i++) {
      const value = own[keys[i]];
      const transfer = isObject(value) ? transfers.get(value) : undefined;
      if (transfer === undefined) {
        init[keys[i]] = value;
        continue;
      }
      // (A DataTransfer crosses as its data store, which the other world's DataTransfer of the
      // event shares: what a listener of any world sets, the browser reads after the dispatch.)
      init[keys[i]] = null;
      init['transfer:' + keys[i]] = transfer.entries;
    }
    return { __proto__: null, interface: name, fields: init };
  }
  // A new event of the interface `name` of the world of `cx`, made as `new name(type, init)`
  // would make it (`init` of this realm: js/63_dom.js's, or uiEventFields' from another world),
  // but for its DataTransfers: `'transfer:' + member` gives the data store of the event's own
  // (the browser's copy event, or the same event in another world).
  function makeUIEvent(cx, name, type, init) {
    const transferKeys = ['dataTransfer', 'clipboardData'];
    const made = [];
    for (let i = 0; i < transferKeys.length; i++) {
      const entries = init['transfer:' + transferKeys[i]];
      if (entries === undefined) continue;
      listPush(made, transferKeys[i]);
      listPush(made, newTransfer(cx, entries));
      init[transferKeys[i]] = null;
    }
    const event = descriptionOf(name).construct(cx, undefined, undefined, type, init);
    for (let i = 0; i < made.length; i += 2) fields.get(event)[made[i]] = made[i + 1];
    return event;
  }
  // Installs the module for the world of `cx`: what the DOM (js/63_dom.js) and the events
  // (js/31_events.js) ask through the context's `host` object. `fireUIEvent` dispatches a new
  // event of `name` at `target` (`trusted`: the browser itself fires it, a person's click; not a
  // script's `click()`); false when a listener canceled it.
  host.installUIEvents = function (cx) {
    if (cx.loader.fireUIEvent !== undefined) return;
    cx.loader.load('events');
    cx.loader.isMouseEvent = isMouseEvent;
    cx.loader.uiEventFields = uiEventFields;
    cx.loader.makeUIEvent = (name, type, init) => makeUIEvent(cx, name, type, init);
    cx.loader.fireUIEvent = (target, name, type, init, trusted) => events.dispatch(cx, target, makeUIEvent(cx, name, type, init), trusted);
  };
});
