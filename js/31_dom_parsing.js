// exthost:realm host
// exthost:needs primordials api
// exthost:globals Window: ~DOMParser:constructor:0 ~XMLSerializer:constructor:0
// `DOMParser` and `XMLSerializer` (the DOM Parsing and HTML standards), with each browser's
// errors. The work is the DOM's (js/63_dom.js): an HTML string is parsed by the same HTML parser
// as pages (scripting off: its scripts never run) into a new document of the world; a node is
// serialized as XML by the standard's "XML serialization" steps. XML strings (`text/xml`,
// `application/xml`, `application/xhtml+xml`, `image/svg+xml`) are not parsed yet: exthost has no
// XML parser, and says so. Runs in the host's realm, for a world on the first touch of either
// global (`host.installDOMParsing`), each interface made on first need, its members one
// implementation for every world (js/31_events.js's way).
(function (host) {
  'use strict';
  const { String, SafeWeakMap } = host.primordials;
  const FIREFOX = host.flavor === 'firefox';
  const { failed, illegalInvocation, countError } = host.webIDLErrors;
  const isObject = (value) => value !== null && (typeof value === 'object' || typeof value === 'function');

  const types = ['text/html', 'text/xml', 'application/xml', 'application/xhtml+xml', 'image/svg+xml'];
  // The parsers and serializers (of any world), each with its interface's name.
  const made = new SafeWeakMap();
  const constructor = (name) => (cx, thisValue, newTarget) => {
    const object = host.newInstance(cx, newTarget, interfaceOf(cx, name).prototype);
    made.set(object, name);
    return object;
  };
  const interfaces = {
    __proto__: null,
    DOMParser: {
      construct: constructor('DOMParser'),
      members: [['method', 'parseFromString', 2, (cx, thisValue, ...args) => {
        if (!isObject(thisValue) || made.get(thisValue) !== 'DOMParser') throw illegalInvocation(cx, 'DOMParser', 'parseFromString');
        if (args.length < 2) throw countError(cx, 'DOMParser', 'parseFromString', 2, args.length);
        const text = String(args[0]);
        const type = String(args[1]);
        if (types.indexOf(type) < 0) {
          throw host.newTypeError(cx, FIREFOX ? "DOMParser.parseFromString: '" + type + "' (value of argument 2) is not a valid value for enumeration SupportedType."
            : failed('DOMParser', 'parseFromString', "The provided value '" + type + "' is not a valid enum value of type SupportedType."));
        }
        return host.domHooks.parseFromString(cx, text, type);
      }]],
    },
    XMLSerializer: {
      construct: constructor('XMLSerializer'),
      members: [['method', 'serializeToString', 1, (cx, thisValue, ...args) => {
        if (!isObject(thisValue) || made.get(thisValue) !== 'XMLSerializer') throw illegalInvocation(cx, 'XMLSerializer', 'serializeToString');
        if (args.length < 1) throw countError(cx, 'XMLSerializer', 'serializeToString', 1, args.length);
        if (cx.dom === undefined || !host.domHooks.isNode(args[0])) {
          throw host.newTypeError(cx, FIREFOX ? 'XMLSerializer.serializeToString: Argument 1 ' + (isObject(args[0]) ? 'does not implement interface Node.' : 'is not an object.')
            : failed('XMLSerializer', 'serializeToString', "parameter 1 is not of type 'Node'."));
        }
        return host.domHooks.serializeXML(args[0]);
      }]],
    },
  };
  // The interface `name` of the world of `cx` ({prototype, publicConstructor}), made now if it was not.
  function interfaceOf(cx, name) {
    let world = cx.domParsingWorld;
    if (world === undefined) {
      world = { __proto__: null };
      cx.domParsingWorld = world;
    }
    if (world[name] === undefined) world[name] = host.makeWorldInterface(cx, name, interfaces[name], null);
    return world[name];
  }
  host.makeDOMParsingInterface = function (cx, name) {
    if (interfaces[name] !== undefined) interfaceOf(cx, name);
  };
  // (The DOM's side, js/63_dom.js's `host.domHooks`, needs the world's DOM.)
  host.installDOMParsing = function (cx) {
    cx.loader.load('dom');
  };
});
