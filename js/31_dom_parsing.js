// exthost:needs primordials host dom_exception
// exthost:globals Window: ~DOMParser:constructor:0 ~XMLSerializer:constructor:0
// `DOMParser` and `XMLSerializer` (the DOM Parsing and HTML standards), with each browser's
// errors. The work is the DOM's (js/63_dom.js, in the host's realm): an HTML string is parsed by
// the same HTML parser as pages (scripting off: its scripts never run) into a new document of this
// world; a node is serialized as XML by the standard's "XML serialization" steps. XML strings
// (`text/xml`, `application/xml`, `application/xhtml+xml`, `image/svg+xml`) are not parsed yet:
// exthost has no XML parser, and says so.
(function (host) {
  'use strict';
  const { TypeError, String, SafeWeakSet } = host.primordials;
  const FIREFOX = host.flavor === 'firefox';
  const { failed, newRequired, illegalInvocation, countError } = host.webIDLErrors;
  // (The DOM's side: installed in this world when its DOM is.)
  host.load('dom');

  const types = ['text/html', 'text/xml', 'application/xml', 'application/xhtml+xml', 'image/svg+xml'];
  const parsers = new SafeWeakSet();
  function DOMParser() {
    if (new.target === undefined) throw newRequired('DOMParser');
    parsers.add(this);
  }
  host.defineInterface(DOMParser, 'DOMParser', 0, {
    parseFromString(...args) {
      if (!parsers.has(this)) throw illegalInvocation('DOMParser', 'parseFromString');
      if (args.length < 2) throw countError('DOMParser', 'parseFromString', 2, args.length);
      const text = String(args[0]);
      const type = String(args[1]);
      if (types.indexOf(type) < 0) {
        throw new TypeError(FIREFOX ? "DOMParser.parseFromString: '" + type + "' (value of argument 2) is not a valid value for enumeration SupportedType."
          : failed('DOMParser', 'parseFromString', "The provided value '" + type + "' is not a valid enum value of type SupportedType."));
      }
      return host.domParseFromString(text, type);
    },
  }, { __proto__: null });

  const serializers = new SafeWeakSet();
  function XMLSerializer() {
    if (new.target === undefined) throw newRequired('XMLSerializer');
    serializers.add(this);
  }
  host.defineInterface(XMLSerializer, 'XMLSerializer', 0, {
    serializeToString(...args) {
      if (!serializers.has(this)) throw illegalInvocation('XMLSerializer', 'serializeToString');
      if (args.length < 1) throw countError('XMLSerializer', 'serializeToString', 1, args.length);
      if (host.domIsNode === undefined || !host.domIsNode(args[0])) {
        const isObject = args[0] !== null && (typeof args[0] === 'object' || typeof args[0] === 'function');
        throw new TypeError(FIREFOX ? 'XMLSerializer.serializeToString: Argument 1 ' + (isObject ? 'does not implement interface Node.' : 'is not an object.')
          : failed('XMLSerializer', 'serializeToString', "parameter 1 is not of type 'Node'."));
      }
      return host.domSerializeXML(args[0]);
    },
  }, { __proto__: null });
})
