// exthost:realm host
// exthost:needs primordials api dom_library dom_range
// exthost:globals Window: document:accessor ~Node:constructor:0 ~Document:constructor:0 ~HTMLDocument:constructor:0 ~XMLDocument:constructor:0 ~DocumentFragment:constructor:0
// exthost:globals Window: ~DocumentType:constructor:0 ~CharacterData:constructor:0 ~Text:constructor:0 ~Comment:constructor:0 ~CDATASection:constructor:0 ~ShadowRoot:constructor:0
// exthost:globals Window: ~ProcessingInstruction:constructor:0 ~Element:constructor:0 ~HTMLElement:constructor:0 ~HTMLUnknownElement:constructor:0 ~SVGElement:constructor:0 ~SVGSVGElement:constructor:0
// exthost:globals Window: ~NodeList:constructor:0 ~HTMLCollection:constructor:0 ~DOMTokenList:constructor:0 ~DOMStringMap:constructor:0 ~CSSStyleDeclaration:constructor:0 ~DOMRect:constructor:0 ~DOMRectReadOnly:constructor:0 ~StyleSheetList:constructor:0 ~StyleSheet:constructor:0 ~CSSStyleSheet:constructor:0 ~MediaList:constructor:0 ~CSSRuleList:constructor:0 ~CSSRule:constructor:0 ~CSSStyleRule:constructor:0
// exthost:globals Window: ~TreeWalker:constructor:0 ~NodeIterator:constructor:0 ~NodeFilter:constructor:0 ~Attr:constructor:0 ~NamedNodeMap:constructor:0 ~ValidityState:constructor:0
// exthost:globals Window: ~HTMLFormControlsCollection:constructor:0 ~HTMLOptionsCollection:constructor:0 ~RadioNodeList:constructor:0
// exthost:globals Window: ~AbstractRange:constructor:0 ~Range:constructor:0 ~Selection:constructor:0 ~DOMRectList:constructor:0 getSelection:inherited ~DOMImplementation:constructor:0
// exthost:globals Window: ~HTMLAnchorElement:constructor:0 ~HTMLAreaElement:constructor:0 ~HTMLMediaElement:constructor:0 ~HTMLAudioElement:constructor:0 ~HTMLBaseElement:constructor:0 ~HTMLQuoteElement:constructor:0
// exthost:globals Window: ~HTMLBodyElement:constructor:0 ~HTMLBRElement:constructor:0 ~HTMLButtonElement:constructor:0 ~HTMLCanvasElement:constructor:0 ~HTMLTableCaptionElement:constructor:0 ~HTMLTableColElement:constructor:0
// exthost:globals Window: ~HTMLDataElement:constructor:0 ~HTMLDataListElement:constructor:0 ~HTMLModElement:constructor:0 ~HTMLDetailsElement:constructor:0 ~HTMLDialogElement:constructor:0 ~HTMLDivElement:constructor:0
// exthost:globals Window: ~HTMLDListElement:constructor:0 ~HTMLEmbedElement:constructor:0 ~HTMLFieldSetElement:constructor:0 ~HTMLFormElement:constructor:0 ~HTMLHeadingElement:constructor:0 ~HTMLHeadElement:constructor:0
// exthost:globals Window: ~HTMLHRElement:constructor:0 ~HTMLHtmlElement:constructor:0 ~HTMLIFrameElement:constructor:0 ~HTMLImageElement:constructor:0 ~HTMLInputElement:constructor:0 ~HTMLLabelElement:constructor:0 ~Image:constructor:0 ~Audio:constructor:0 ~Option:constructor:0
// exthost:globals Window: ~HTMLLegendElement:constructor:0 ~HTMLLIElement:constructor:0 ~HTMLLinkElement:constructor:0 ~HTMLMapElement:constructor:0 ~HTMLMenuElement:constructor:0 ~HTMLMetaElement:constructor:0
// exthost:globals Window: ~HTMLMeterElement:constructor:0 ~HTMLObjectElement:constructor:0 ~HTMLOListElement:constructor:0 ~HTMLOptGroupElement:constructor:0 ~HTMLOptionElement:constructor:0 ~HTMLOutputElement:constructor:0
// exthost:globals Window: ~HTMLParagraphElement:constructor:0 ~HTMLPictureElement:constructor:0 ~HTMLPreElement:constructor:0 ~HTMLProgressElement:constructor:0 ~HTMLScriptElement:constructor:0 ~HTMLSelectElement:constructor:0
// exthost:globals Window: ~HTMLSlotElement:constructor:0 ~HTMLSourceElement:constructor:0 ~HTMLSpanElement:constructor:0 ~HTMLStyleElement:constructor:0 ~HTMLTableElement:constructor:0 ~HTMLTableSectionElement:constructor:0
// exthost:globals Window: ~HTMLTableCellElement:constructor:0 ~HTMLTemplateElement:constructor:0 ~HTMLTextAreaElement:constructor:0 ~HTMLTimeElement:constructor:0 ~HTMLTitleElement:constructor:0 ~HTMLTableRowElement:constructor:0 ~HTMLTrackElement:constructor:0 ~HTMLUListElement:constructor:0 ~HTMLVideoElement:constructor:0 ~HTMLFrameElement:constructor:0 ~HTMLFrameSetElement:constructor:0 ~HTMLFontElement:constructor:0 ~HTMLDirectoryElement:constructor:0 ~HTMLMarqueeElement:constructor:0 ~HTMLParamElement:constructor:0
// exthost:globals Window: firefox: ~CSSStyleProperties:constructor:0
// The DOM each world of a frame sees (issue 10): one tree per document, built in the host's realm
// by js/62_dom_library.js from the document's source (Sources/Exthost/DOM/DocumentSource.swift) on
// the first touch of `document` in any of its worlds, and shared by them; each world (a content
// script's context, a background page) gets wrappers of its own: its own interface objects and
// prototypes, made one interface at a time when first needed, and one wrapper per node, whose
// members run here on the node. So a script that replaces `Element.prototype.querySelector` or
// sets an expando on a node changes nothing another world sees, and no world can reach a node
// itself or anything of this realm.
//
// The interfaces are described once, as data (`interfaces` below: attributes, operations and the
// types that convert their arguments and results); what a member does is domino's member of the
// same name unless `implementations` says otherwise. What is not here: layout and rendering
// (`getBoundingClientRect` gives zeros), the CSS cascade (`style` is the element's `style`
// attribute as data), and page scripts (they come with the page's main world).
(function (host) {
  'use strict';
  const {
    Error, TypeError, String, StringFromCodePoint, ObjectKeys, ObjectPrototype, ObjectGetPrototypeOf, Number, MathTrunc, MathFloor, NumberIsFinite, ReflectApply, ReflectDefineProperty, ObjectSetPrototypeOf, SafeMap, SafeWeakMap, SafeWeakSet, listRemoveAt,
    SymbolIterator, SymbolToStringTag, dataDescriptor, listPush, JSONParse, JSONStringify, intrinsics,
  } = host.primordials;
  // (This realm's Date and RegExp: no script reaches this realm's built-ins.)
  const DateConstructor = intrinsics.Date;
  const RegExpConstructor = ObjectGetPrototypeOf(/(?:)/).constructor;
  const FIREFOX = host.flavor === 'firefox';
  const engine = host.native.engine;
  const library = host.domLibrary;
  const ranges = host.domRanges;
  const HTML = 'http://www.w3.org/1999/xhtml';
  const SVG = 'http://www.w3.org/2000/svg';

  // ---- Documents -----------------------------------------------------------------------------------
  // Each document's tree, by document id, from its first use until the host lets it go.
  const documents = new SafeMap();
  function documentOf(cx) {
    const id = cx.info.documentId;
    let document = id === undefined ? undefined : documents.get(id);
    if (document !== undefined) return document;
    const source = id === undefined ? null : engine.documentSource(id);
    const parts = source === null ? { url: cx.info.url, html: '', readiness: 'complete' } : JSONParse(source);
    document = buildDocument(parts, id);
    if (id !== undefined) documents.set(id, document);
    return document;
  }
  // A document built from its source ({url, html, readiness}). One still loading has, as when a
  // document_start content script runs, its doctype and its <html> element only; the rest of its
  // parse waits (`pending`) for the end of parsing (host.advanceDocument).
  const pendingChildren = new SafeWeakMap();
  // The documents of a browsing context (a frame's, a page's): the ones with a selection.
  const framedDocuments = new SafeWeakSet();
  function buildDocument(parts, id) {
    const document = library.parseDocument(parts.html, parts.url);
    framedDocuments.add(document);
    if (id !== undefined) pairParsedFrames(document, id);
    document.readyState = parts.readiness;
    if (parts.hidden === true) document._exthostHidden = true;
    const root = document.documentElement;
    if (parts.readiness === 'loading' && parts.parsed === false && root !== null) {
      const children = [];
      while (root.firstChild) listPush(children, root.removeChild(root.firstChild));
      pendingChildren.set(document, children);
    }
    // (Watched once what its parse holds back is set aside: that is no script's change.)
    watch(document, id);
    return document;
  }
  // A web page's document `id` reaches `readiness` (Sources/Exthost/DOM/ExtensionHost+Documents.swift):
  // parsed, what its parse held back joins its <html> element (after what scripts put there).
  host.advanceDocument = function (id, readiness) {
    const document = documents.get(id);
    if (document === undefined) return;
    if (readiness !== 'loading') revealParsed(document);
    document.readyState = readiness;
  };
  // A web page's document `id` of no script was parsed: what its parse held back joins it.
  host.revealParsedDocument = function (id) {
    const document = documents.get(id);
    if (document !== undefined) revealParsed(document);
  };
  function revealParsed(document) {
    const children = pendingChildren.get(document);
    if (children === undefined) return;
    pendingChildren.delete(document);
    const root = document.documentElement;
    if (root !== null) for (let i = 0; i < children.length; i++) root.appendChild(children[i]);
  }
  // Fires the event `type` at the world's `document` or `window` (`target`), when the world has
  // events (a world that never loaded them has no listener to call): `readystatechange`,
  // `DOMContentLoaded` (bubbling to the window), `load`.
  host.fireDocumentEvent = function (cx, id, target, type, bubbles, persisted) {
    if (cx.loader.fireEvent === undefined) return;
    // (A document no world has touched yet is built now: its window listens for this event.)
    const found = documents.get(id) || (cx.info.documentId === id ? documentOf(cx) : undefined);
    if (found === undefined) return;
    worldOf(cx);
    const object = target === 'window' ? cx.global : wrap(cx, found);
    if (type === 'pageshow' || type === 'pagehide') cx.loader.firePageTransition(object, type, !!persisted);
    else if (type === 'beforeunload') cx.loader.fireBeforeUnload(object);
    else cx.loader.fireEvent(object, type, { __proto__: null, bubbles: !!bubbles, cancelable: false, composed: false });
  };
  // The document `id` is hidden (its page is being unloaded, or kept in the back/forward cache)
  // or visible again (restored from it): its `visibilityState` and `hidden` say so.
  host.setDocumentHidden = function (id, hidden) {
    const document = documents.get(id);
    if (document !== undefined) document._exthostHidden = !!hidden;
  };
  // Fires `hashchange` or `popstate` at the window of the world of `cx`, whose dispatch reaches
  // the document's other worlds (`fieldsJSON`: {oldURL, newURL} or {state}).
  host.fireNavigationEvent = function (cx, id, type, fieldsJSON) {
    if (cx.loader.fireNavigationEvent === undefined || documents.get(id) === undefined) return;
    worldOf(cx);
    cx.loader.fireNavigationEvent(cx.global, type, JSONParse(fieldsJSON));
  };
  // The document `id` (another frame's, of the same origin) as the world of `cx` sees it.
  host.documentInWorld = function (cx, id) {
    const document = documentById(id);
    return document === undefined ? undefined : wrap(cx, document);
  };
  // The world of `cx` takes part in its document's dispatches (a window's message reaches it).
  host.enterDocumentWorld = (cx) => {
    worldOf(cx);
  };
  // The host let the document go (its frame navigated or closed).
  host.forgetDocument = (id) => {
    const document = documents.get(id);
    if (document !== undefined) {
      // (Its frame elements go with it, and the tree they hold.)
      const gone = [];
      frameElements.forEach((element, frameId) => { if (element.ownerDocument === document) listPush(gone, frameId); });
      for (let i = 0; i < gone.length; i++) frameElements.delete(gone[i]);
    }
    documents.delete(id);
    unpaired.delete(id);
    addedSheets.delete(id);
    // (Its script elements that had yet to run or load go too.)
    if (document !== undefined) {
      const unrun = [];
      scriptElements.forEach((element, index) => { if (element.ownerDocument === document) listPush(unrun, index); });
      for (let i = 0; i < unrun.length; i++) scriptElements.delete(unrun[i]);
    }
  };
  // For js/64_document_loading.js, which builds the documents whose scripts run as they are parsed.
  host.domDocuments = {
    __proto__: null,
    get: (id) => documents.get(id),
    // Keeps `document` as the document `id` and counts its changes from now on.
    set(id, document) {
      documents.set(id, document);
      framedDocuments.add(document);
      watch(document, id);
    },
    // The parser of the document `id` made `element`: a frame element is paired with its frame.
    parsed(id, element) {
      if ((element.localName === 'iframe' || element.localName === 'frame') && element.namespaceURI === HTML) parserFrames.add(element);
    },
    wrap: (cx, node) => wrap(cx, node),
  };

  // ---- Wrappers ------------------------------------------------------------------------------------
  // The node behind each wrapper of any world (a wrapper is an object of its world; only this
  // realm can read the map).
  const nodes = new SafeWeakMap();
  // The other objects behind wrappers: a live collection, a token list, a style declaration.
  const wrapped = new SafeWeakMap();

  // What the host realm's other modules ask of the DOM for a world whose DOM is installed
  // (`cx.dom`): js/31_events.js (whether a value is a node, its parent in an event's path, a
  // target and a path as the listeners at `current` see them out of shadow trees, a click's
  // activation behaviour, the dispatch through every world of a document), js/31_ui_events.js (a
  // SubmitEvent's submitter is an HTML element), js/31_mutation_observer.js and js/31_dom_parsing.js.
  host.domHooks = {
    __proto__: null,
    // For FormData (js/37_form_data.js): a form's entries, and the submitter's checks.
    formEntries: (form, submitter, charset) => formEntries(form, submitter, charset),
    isSubmitButton: (node) => isSubmitButton(node),
    formOwner: (node) => formOwner(node),
    isNode: (value) => host.nodeOf(value) !== undefined,
    isHTMLElement(value) {
      const node = host.nodeOf(value);
      return node !== undefined && node.nodeType === 1 && node.namespaceURI === HTML;
    },
    eventParent: (cx, target, type, composed, first) => host.domEventParent(cx, target, type, composed, first),
    // (An event's path as `current` may see it: without the nodes of closed shadow trees it is
    // not in, as the DOM's composedPath() leaves them out.)
    composedPath(cx, path, current) {
      const currentNode = host.nodeOf(current);
      const visible = [];
      for (let i = 0; i < path.length; i++) {
        const node = host.nodeOf(path[i]);
        if (node === undefined || !hiddenFrom(node, currentNode === undefined ? null : currentNode)) listPush(visible, path[i]);
      }
      return host.newArray(cx, visible);
    },
    // (The event's target as the listeners at `current` see it: out of the shadow trees
    // `current` is not in. Undefined when `target` is in no shadow tree.)
    retarget(cx, target, current) {
      const node = host.nodeOf(target);
      if (node === undefined || !shadowRoots.has(rootOf(node))) return undefined;
      const against = current === null || current === undefined ? null : host.nodeOf(current);
      return wrap(cx, retarget(node, against === undefined ? null : against));
    },
    activation: (cx, target, done, canceled, trusted) => activate(cx, target, done, canceled, trusted),
    dispatch: (cx, path, event, state) => dispatchInWorlds(cx, path, event, state),
    observe: (cx, observer, target, options) => observe(cx, observer, target, options),
    unobserve: (observer) => unobserve(observer),
    parseFromString: (cx, text, type) => parseFromString(cx, text, type),
    serializeXML: (value) => serializeXML(host.nodeOf(value)),
  };

  // A world's state: its wrappers by node and its interfaces by name.
  function worldOf(cx) {
    let world = cx.dom;
    if (world === undefined) {
      world = { __proto__: null, wrappers: new SafeWeakMap(), interfaces: { __proto__: null }, lists: new SafeWeakMap() };
      cx.dom = world;
    }
    return world;
  }

  // The wrapper of `node` in the world of `cx` (null for null).
  function wrap(cx, node) {
    if (node === null || node === undefined) return null;
    const world = worldOf(cx);
    let wrapper = world.wrappers.get(node);
    if (wrapper !== undefined) return wrapper;
    wrapper = isForm(node) ? formWrapper(cx, node) : host.newObjectFrom(cx, interfaceObject(cx, interfaceNameOf(node)).prototype);
    world.wrappers.set(node, wrapper);
    nodes.set(wrapper, node);
    return wrapper;
  }

  // A form element is also the list of its controls: `form[0]`, and each control by its id or name
  // (a radio group: a RadioNodeList), over its prototypes' members ([LegacyOverrideBuiltIns]:
  // `form.name` is the control named "name"); a Firefox content script's Xray view shows the
  // controls only where the form's interfaces have no member of that name; neither browser lists
  // the names among the form's own keys (recorded: form-named-properties). (The past names of controls renamed or removed, and a form's images
  // by name, are not kept.)
  const isForm = (node) => node.nodeType === 1 && node.localName === 'form' && node.namespaceURI === HTML;
  function formWrapper(cx, form) {
    const controls = liveItems(form, 'elements');
    const xray = FIREFOX && cx.kind === 'content';
    return indexedProxy(cx, interfaceNameOf(form), () => controls().length, (index) => wrap(cx, controls()[index]),
      (name) => namedInCollection(cx, 'HTMLFormControlsCollection', controls(), name), undefined, !xray, xray);
  }

  // ---- Which interface a node is -------------------------------------------------------------------
  const htmlElementInterfaces = { __proto__: null };
  const elementTable = [
    'HTMLAnchorElement a', 'HTMLAreaElement area', 'HTMLAudioElement audio', 'HTMLBaseElement base', 'HTMLQuoteElement blockquote q',
    'HTMLBodyElement body', 'HTMLBRElement br', 'HTMLButtonElement button', 'HTMLCanvasElement canvas', 'HTMLTableCaptionElement caption',
    'HTMLTableColElement col colgroup', 'HTMLDataElement data', 'HTMLDataListElement datalist', 'HTMLModElement del ins',
    'HTMLDetailsElement details', 'HTMLDialogElement dialog', 'HTMLDivElement div', 'HTMLDListElement dl', 'HTMLEmbedElement embed',
    'HTMLFieldSetElement fieldset', 'HTMLFormElement form', 'HTMLHeadingElement h1 h2 h3 h4 h5 h6', 'HTMLHeadElement head',
    'HTMLHRElement hr', 'HTMLHtmlElement html', 'HTMLIFrameElement iframe', 'HTMLImageElement img', 'HTMLInputElement input',
    'HTMLLabelElement label', 'HTMLLegendElement legend', 'HTMLLIElement li', 'HTMLLinkElement link', 'HTMLMapElement map',
    'HTMLMenuElement menu', 'HTMLMetaElement meta', 'HTMLMeterElement meter', 'HTMLObjectElement object', 'HTMLOListElement ol',
    'HTMLOptGroupElement optgroup', 'HTMLOptionElement option', 'HTMLOutputElement output', 'HTMLParagraphElement p',
    'HTMLPictureElement picture', 'HTMLPreElement pre listing xmp', 'HTMLProgressElement progress', 'HTMLScriptElement script',
    'HTMLSelectElement select', 'HTMLSlotElement slot', 'HTMLSourceElement source', 'HTMLSpanElement span', 'HTMLStyleElement style',
    'HTMLTableElement table', 'HTMLTableSectionElement tbody thead tfoot', 'HTMLTableCellElement td th', 'HTMLTemplateElement template',
    'HTMLTextAreaElement textarea', 'HTMLTimeElement time', 'HTMLTitleElement title', 'HTMLTableRowElement tr', 'HTMLTrackElement track',
    'HTMLUListElement ul', 'HTMLVideoElement video', 'HTMLFrameElement frame', 'HTMLFrameSetElement frameset', 'HTMLFontElement font',
    'HTMLDirectoryElement dir', 'HTMLMarqueeElement marquee', 'HTMLParamElement param',
    'HTMLElement abbr address article aside b bdi bdo cite code dd dfn dt em figcaption figure footer header hgroup i kbd main mark nav'
      + ' noscript rp rt ruby s samp search section small strong sub summary sup u var wbr acronym basefont big center nobr noembed'
      + ' noframes plaintext rb rtc strike tt',
  ];
  for (let i = 0; i < elementTable.length; i++) {
    const words = elementTable[i].split(' ');
    for (let j = 1; j < words.length; j++) htmlElementInterfaces[words[j]] = words[0];
  }
  // HTML's valid custom element name, roughly: a lowercase ASCII letter first and a hyphen.
  const isCustomElementName = (name) => /^[a-z][^A-Z]*-/.test(name);
  function interfaceNameOf(node) {
    switch (node.nodeType) {
      case 1:
        if (node.namespaceURI === HTML) {
          const name = htmlElementInterfaces[node.localName];
          return name !== undefined ? name : isCustomElementName(node.localName) ? 'HTMLElement' : 'HTMLUnknownElement';
        }
        if (node.namespaceURI === SVG) return node.localName === 'svg' ? 'SVGSVGElement' : 'SVGElement';
        return 'Element';
      case 2: return 'Attr';
      case 3: return 'Text';
      case 4: return 'CDATASection';
      case 7: return 'ProcessingInstruction';
      case 8: return 'Comment';
      case 9: return node.isHTML ? 'HTMLDocument' : node.isXMLDocument === true ? 'XMLDocument' : 'Document';
      case 10: return 'DocumentType';
      case 11: return shadowRoots.has(node) ? 'ShadowRoot' : 'DocumentFragment';
      default: return 'Node';
    }
  }

  // ---- The interfaces, as data ---------------------------------------------------------------------
  // Each: [name, parent, members]. A member is `name:type` (a read-only attribute), `name:type=`
  // (writable), or `name(argument types):result type` (an operation; `[t]` optional, `...nodes`
  // variadic nodes or strings). Types: s string, s? nullable string, b boolean, u unsigned long, l
  // long, n double, N node, N? nullable node, v nothing, any a plain value, list a static NodeList,
  // nodes/elements a live NodeList/HTMLCollection, tokens a DOMTokenList, strings an array of
  // strings, style, dataset, rect, window. `@Mixin` takes a mixin's members.
  const mixins = {
    __proto__: null,
    ParentNode: 'children:elements firstElementChild:N? lastElementChild:N? childElementCount:u prepend(...nodes):v append(...nodes):v'
      + ' replaceChildren(...nodes):v querySelector(s):N? querySelectorAll(s):list',
    ChildNode: 'before(...nodes):v after(...nodes):v replaceWith(...nodes):v remove():v',
    NonDocumentTypeChildNode: 'previousElementSibling:N? nextElementSibling:N?',
    NonElementParentNode: 'getElementById(s):N?',
  };
  const interfaces = [
    ['Node', 'EventTarget', 'nodeType:u nodeName:s baseURI:s isConnected:b ownerDocument:N? parentNode:N? parentElement:N? childNodes:nodes'
      + ' firstChild:N? lastChild:N? previousSibling:N? nextSibling:N? nodeValue:s?= textContent:s?= getRootNode([any]):N hasChildNodes():b'
      + ' normalize():v cloneNode([b]):N isEqualNode(N?):b isSameNode(N?):b compareDocumentPosition(N):u contains(N?):b lookupPrefix(s?):s?'
      + ' lookupNamespaceURI(s?):s? isDefaultNamespace(s?):b insertBefore(N,N?):N appendChild(N):N replaceChild(N,N):N removeChild(N):N'],
    ['Document', 'Node', 'URL:s documentURI:s compatMode:s characterSet:s charset:s inputEncoding:s contentType:s doctype:N?'
      + ' documentElement:N? title:s= dir:s= body:N? head:N? images:elements links:elements forms:elements scripts:elements readyState:s'
      + ' domain:s= referrer:s cookie:s= lastModified:s designMode:s= visibilityState:s hidden:b currentScript:N? defaultView:window activeElement:N?'
      + ' getElementsByTagName(s):elements getElementsByTagNameNS(s?,s):elements getElementsByClassName(s):elements createElement(s,[any]):N'
      + ' createElementNS(s?,s,[any]):N createDocumentFragment():N createTextNode(s):N createComment(s):N createCDATASection(s):N'
      + ' createAttribute(s):N createAttributeNS(s?,s):N'
      + ' createTreeWalker(N,[any],[any]):any createNodeIterator(N,[any],[any]):any location:any createRange():any getSelection():any'
      + ' createProcessingInstruction(s,s):N importNode(N,[b]):N adoptNode(N):N hasFocus():b getElementsByName(s):nodes createEvent(s):any'
      + ' scrollingElement:N? getAnimations():any styleSheets:any adoptedStyleSheets:any= execCommand(s,[b],[any]):b queryCommandSupported(s):b'
      + ' queryCommandEnabled(s):b queryCommandState(s):b queryCommandValue(s):s queryCommandIndeterminate(s):b implementation:any'
      + ' @NonElementParentNode @ParentNode'],
    ['HTMLDocument', 'Document', ''],
    ['XMLDocument', 'Document', ''],
    ['DocumentFragment', 'Node', '@NonElementParentNode @ParentNode'],
    ['ShadowRoot', 'DocumentFragment', 'mode:s host:N delegatesFocus:b slotAssignment:s clonable:b serializable:b innerHTML:s= activeElement:N?'
      + ' styleSheets:any adoptedStyleSheets:any='],
    ['DocumentType', 'Node', 'name:s publicId:s systemId:s @ChildNode'],
    ['CharacterData', 'Node', 'data:s= length:u substringData(u,u):s appendData(s):v insertData(u,s):v deleteData(u,u):v replaceData(u,u,s):v'
      + ' @NonDocumentTypeChildNode @ChildNode'],
    ['Text', 'CharacterData', 'splitText(u):N wholeText:s assignedSlot:N?'],
    ['CDATASection', 'Text', ''],
    ['Attr', 'Node', 'namespaceURI:s? prefix:s? localName:s name:s value:s= ownerElement:N? specified:b'],
    ['Comment', 'CharacterData', ''],
    ['ProcessingInstruction', 'CharacterData', 'target:s'],
    ['Element', 'Node', 'namespaceURI:s? prefix:s? localName:s tagName:s id:s= className:s= classList:tokens attributes:attrs hasAttributes():b'
      + ' getAttributeNames():strings getAttribute(s):s? getAttributeNS(s?,s):s? setAttribute(s,s):v setAttributeNS(s?,s,s):v'
      + ' removeAttribute(s):v removeAttributeNS(s?,s):v toggleAttribute(s,[b]):b hasAttribute(s):b hasAttributeNS(s?,s):b closest(s):N?'
      + ' getAttributeNode(s):N? getAttributeNodeNS(s?,s):N? setAttributeNode(N):N? setAttributeNodeNS(N):N? removeAttributeNode(N):N'
      + ' matches(s):b webkitMatchesSelector(s):b getElementsByTagName(s):elements getElementsByTagNameNS(s?,s):elements'
      + ' getElementsByClassName(s):elements insertAdjacentElement(s,N):N? insertAdjacentText(s,s):v insertAdjacentHTML(s,s):v'
      + ' innerHTML:s= outerHTML:s= getBoundingClientRect():rect getClientRects():any scrollIntoView([any]):v scrollTop:n= scrollLeft:n= scrollWidth:l'
      + ' scrollTo([any],[any]):v scrollBy([any],[any]):v scroll([any],[any]):v checkVisibility([any]):b getAnimations([any]):any'
      + ' scrollHeight:l clientTop:l clientLeft:l clientWidth:l clientHeight:l attachShadow(any):N shadowRoot:N? assignedSlot:N?'
      + ' @ParentNode @NonDocumentTypeChildNode @ChildNode'],
    ['HTMLElement', 'Element', 'title:s= lang:s= translate:b= dir:s= hidden:b= accessKey:s= draggable:b= innerText:s= outerText:s='
      + ' click():v focus([any]):v blur():v dataset:dataset style:style tabIndex:l= contentEditable:s= isContentEditable:b offsetParent:N?'
      + ' offsetTop:l offsetLeft:l offsetWidth:l offsetHeight:l'],
    ['HTMLUnknownElement', 'HTMLElement', ''],
    ['SVGElement', 'Element', 'dataset:dataset style:style tabIndex:l= focus([any]):v blur():v'],
    ['SVGSVGElement', 'SVGElement', ''],
    ['HTMLAnchorElement', 'HTMLElement', 'href:s= target:s= download:s= rel:s= hreflang:s= type:s= text:s= protocol:s= host:s= hostname:s='
      + ' port:s= pathname:s= search:s= hash:s= origin:s'],
    ['HTMLAreaElement', 'HTMLElement', 'href:s= alt:s= coords:s= shape:s= target:s='],
    ['HTMLMediaElement', 'HTMLElement', 'src:s= autoplay:b= loop:b= muted:b= controls:b= paused:b'],
    ['HTMLAudioElement', 'HTMLMediaElement', ''],
    ['HTMLVideoElement', 'HTMLMediaElement', 'poster:s='],
    ['HTMLBaseElement', 'HTMLElement', 'href:s= target:s='],
    ['HTMLQuoteElement', 'HTMLElement', 'cite:s='],
    ['HTMLBodyElement', 'HTMLElement', ''],
    ['HTMLBRElement', 'HTMLElement', ''],
    ['HTMLButtonElement', 'HTMLElement', 'type:s= name:s= value:s= disabled:b= form:N? formNoValidate:b= labels:list'
      + ' willValidate:b validity:any validationMessage:s checkValidity():b reportValidity():b setCustomValidity(s):v'],
    ['HTMLCanvasElement', 'HTMLElement', 'width:u= height:u='],
    ['HTMLTableCaptionElement', 'HTMLElement', ''],
    ['HTMLTableColElement', 'HTMLElement', 'span:u='],
    ['HTMLDataElement', 'HTMLElement', 'value:s='],
    ['HTMLDataListElement', 'HTMLElement', ''],
    ['HTMLModElement', 'HTMLElement', 'cite:s= dateTime:s='],
    ['HTMLDetailsElement', 'HTMLElement', 'open:b='],
    ['HTMLDialogElement', 'HTMLElement', 'open:b='],
    ['HTMLDivElement', 'HTMLElement', ''],
    ['HTMLDListElement', 'HTMLElement', ''],
    ['HTMLEmbedElement', 'HTMLElement', 'src:s= type:s='],
    ['HTMLFieldSetElement', 'HTMLElement', 'disabled:b= name:s= form:N? willValidate:b validity:any validationMessage:s checkValidity():b reportValidity():b setCustomValidity(s):v'],
    ['HTMLFormElement', 'HTMLElement', 'action:s= method:s= name:s= target:s= enctype:s= noValidate:b= elements:elements length:u reset():v'
      + ' submit():v requestSubmit([N?]):v checkValidity():b reportValidity():b'],
    ['HTMLHeadingElement', 'HTMLElement', ''],
    ['HTMLHeadElement', 'HTMLElement', ''],
    ['HTMLHRElement', 'HTMLElement', ''],
    ['HTMLHtmlElement', 'HTMLElement', ''],
    ['HTMLIFrameElement', 'HTMLElement', 'src:s= srcdoc:s= name:s= allow:s= width:s= height:s= contentWindow:window contentDocument:any'],
    ['HTMLImageElement', 'HTMLElement', 'src:s= alt:s= width:u= height:u= srcset:s= sizes:s= crossOrigin:s?= loading:s= complete:b naturalWidth:u naturalHeight:u'],
    ['HTMLInputElement', 'HTMLElement', 'value:s= defaultValue:s= checked:b= defaultChecked:b= type:s= name:s= disabled:b= placeholder:s='
      + ' readOnly:b= required:b= multiple:b= min:s= max:s= step:s= pattern:s= maxLength:l= minLength:l= size:u= autocomplete:s= form:N? select():v'
      + ' selectionStart:any= selectionEnd:any= selectionDirection:any= setSelectionRange(any,any,[any]):v setRangeText(s,[any],[any],[any]):v'
      + ' labels:list formNoValidate:b= willValidate:b validity:any validationMessage:s checkValidity():b reportValidity():b setCustomValidity(s):v'],
    ['HTMLLabelElement', 'HTMLElement', 'htmlFor:s= form:N? control:N?'],
    ['HTMLLegendElement', 'HTMLElement', 'form:N?'],
    ['HTMLLIElement', 'HTMLElement', 'value:l='],
    ['HTMLLinkElement', 'HTMLElement', 'href:s= rel:s= type:s= media:s= as:s= crossOrigin:s?='],
    ['HTMLMapElement', 'HTMLElement', 'name:s='],
    ['HTMLMenuElement', 'HTMLElement', ''],
    ['HTMLMetaElement', 'HTMLElement', 'name:s= content:s= httpEquiv:s= charset:s='],
    ['HTMLMeterElement', 'HTMLElement', 'value:n= min:n= max:n= labels:list'],
    ['HTMLObjectElement', 'HTMLElement', 'data:s= type:s= name:s= willValidate:b validity:any validationMessage:s checkValidity():b reportValidity():b setCustomValidity(s):v'],
    ['HTMLOListElement', 'HTMLElement', 'reversed:b= start:l= type:s='],
    ['HTMLOptGroupElement', 'HTMLElement', 'disabled:b= label:s='],
    ['HTMLOptionElement', 'HTMLElement', 'value:s= text:s= selected:b= defaultSelected:b= disabled:b= label:s= index:l form:N?'],
    ['HTMLOutputElement', 'HTMLElement', 'name:s= value:s= labels:list willValidate:b validity:any validationMessage:s checkValidity():b reportValidity():b setCustomValidity(s):v'],
    ['HTMLParagraphElement', 'HTMLElement', ''],
    ['HTMLPictureElement', 'HTMLElement', ''],
    ['HTMLPreElement', 'HTMLElement', ''],
    ['HTMLProgressElement', 'HTMLElement', 'value:n= max:n= labels:list'],
    ['HTMLScriptElement', 'HTMLElement', 'src:s= type:s= text:s= async:b= defer:b= noModule:b= crossOrigin:s?= integrity:s= charset:s='],
    ['HTMLSelectElement', 'HTMLElement', 'value:s= selectedIndex:l= options:elements selectedOptions:elements length:u name:s= disabled:b='
      + ' multiple:b= required:b= size:u= type:s form:N? item(u):N? add(any,[any]):v labels:list willValidate:b validity:any validationMessage:s checkValidity():b reportValidity():b setCustomValidity(s):v'],
    ['HTMLSlotElement', 'HTMLElement', 'name:s= assignedNodes([any]):list assignedElements([any]):list'],
    ['HTMLSourceElement', 'HTMLElement', 'src:s= type:s= srcset:s= media:s='],
    ['HTMLSpanElement', 'HTMLElement', ''],
    ['HTMLStyleElement', 'HTMLElement', 'media:s= type:s= sheet:any'],
    ['HTMLTableElement', 'HTMLElement', 'caption:N? tHead:N? tFoot:N? tBodies:elements rows:elements'],
    ['HTMLTableSectionElement', 'HTMLElement', 'rows:elements'],
    ['HTMLTableCellElement', 'HTMLElement', 'colSpan:u= rowSpan:u= headers:s= cellIndex:l'],
    ['HTMLTemplateElement', 'HTMLElement', 'content:N'],
    ['HTMLTextAreaElement', 'HTMLElement', 'value:s= defaultValue:s= name:s= disabled:b= placeholder:s= readOnly:b= required:b= rows:u='
      + ' cols:u= maxLength:l= minLength:l= wrap:s= type:s textLength:u form:N? select():v labels:list'
      + ' selectionStart:any= selectionEnd:any= selectionDirection:any= setSelectionRange(any,any,[any]):v setRangeText(s,[any],[any],[any]):v willValidate:b validity:any validationMessage:s checkValidity():b reportValidity():b setCustomValidity(s):v'],
    ['HTMLTimeElement', 'HTMLElement', 'dateTime:s='],
    ['HTMLTitleElement', 'HTMLElement', 'text:s='],
    ['HTMLTableRowElement', 'HTMLElement', 'cells:elements rowIndex:l sectionRowIndex:l'],
    ['HTMLTrackElement', 'HTMLElement', 'kind:s= src:s= srclang:s= label:s= default:b='],
    ['HTMLUListElement', 'HTMLElement', ''],
    ['HTMLFrameElement', 'HTMLElement', 'src:s= name:s='],
    ['HTMLFrameSetElement', 'HTMLElement', ''],
    ['HTMLFontElement', 'HTMLElement', 'color:s= face:s= size:s='],
    ['HTMLDirectoryElement', 'HTMLElement', ''],
    ['HTMLMarqueeElement', 'HTMLElement', ''],
    ['HTMLParamElement', 'HTMLElement', 'name:s= value:s='],
  ];
  const nodeConstants = [
    'ELEMENT_NODE', 1, 'ATTRIBUTE_NODE', 2, 'TEXT_NODE', 3, 'CDATA_SECTION_NODE', 4, 'ENTITY_REFERENCE_NODE', 5, 'ENTITY_NODE', 6,
    'PROCESSING_INSTRUCTION_NODE', 7, 'COMMENT_NODE', 8, 'DOCUMENT_NODE', 9, 'DOCUMENT_TYPE_NODE', 10, 'DOCUMENT_FRAGMENT_NODE', 11,
    'NOTATION_NODE', 12, 'DOCUMENT_POSITION_DISCONNECTED', 1, 'DOCUMENT_POSITION_PRECEDING', 2, 'DOCUMENT_POSITION_FOLLOWING', 4,
    'DOCUMENT_POSITION_CONTAINS', 8, 'DOCUMENT_POSITION_CONTAINED_BY', 16, 'DOCUMENT_POSITION_IMPLEMENTATION_SPECIFIC', 32,
  ];

  // The parsed descriptions, by interface name: { name, parent, members: [{ name, kind, type,
  // writable, args, required }] }.
  const descriptions = { __proto__: null };
  function parseMembers(text) {
    const members = [];
    const words = text === '' ? [] : text.split(' ');
    for (let i = 0; i < words.length; i++) {
      const word = words[i];
      if (word[0] === '@') {
        const mixed = parseMembers(mixins[word.slice(1)]);
        for (let j = 0; j < mixed.length; j++) listPush(members, mixed[j]);
        continue;
      }
      const open = word.indexOf('(');
      if (open < 0) {
        const colon = word.indexOf(':');
        const writable = word[word.length - 1] === '=';
        listPush(members, { __proto__: null, name: word.slice(0, colon), kind: 'attribute', type: word.slice(colon + 1, writable ? -1 : undefined), writable });
        continue;
      }
      const close = word.indexOf(')');
      const argText = word.slice(open + 1, close);
      const args = argText === '' ? [] : argText.split(',');
      let required = 0;
      for (let j = 0; j < args.length; j++) {
        if (args[j][0] === '[') args[j] = { __proto__: null, type: args[j].slice(1, -1), optional: true };
        else if (args[j].startsWith('...')) args[j] = { __proto__: null, type: args[j].slice(3), variadic: true };
        else {
          args[j] = { __proto__: null, type: args[j] };
          required = j + 1;
        }
      }
      listPush(members, { __proto__: null, name: word.slice(0, open), kind: 'operation', type: word.slice(close + 2), args, required });
    }
    return members;
  }
  for (let i = 0; i < interfaces.length; i++) {
    const name = interfaces[i][0];
    descriptions[name] = { __proto__: null, name, parent: interfaces[i][1], text: interfaces[i][2], members: null };
  }
  function description(name) {
    const found = descriptions[name];
    if (found.members === null) found.members = parseMembers(found.text);
    return found;
  }
  // Whether the interface `name` is `ancestor` or inherits from it.
  function inherits(name, ancestor) {
    for (let current = name; current !== undefined && current !== 'EventTarget'; current = descriptions[current].parent) {
      if (current === ancestor) return true;
    }
    return false;
  }

  // ---- Errors, as each browser words them --------------------------------------------------------------
  const failed = (owner, member, text) => (FIREFOX ? owner + '.' + member + ': ' + text : "Failed to execute '" + member + "' on '" + owner + "': " + text);
  const failedSet = (owner, member, text) => (FIREFOX ? owner + '.' + member + ' setter: ' + text : "Failed to set the '" + member + "' property on '" + owner + "': " + text);
  function illegalInvocation(cx, owner, member, kind) {
    return host.newTypeError(cx, FIREFOX
      ? "'" + (kind === 'get' ? 'get ' : kind === 'set' ? 'set ' : '') + member + "' called on an object that does not implement interface " + owner + '.'
      : 'Illegal invocation');
  }
  const domException = host.newDOMException;
  // What each DOMException of domino's says in the browsers, by name (the member's own words where
  // the browsers differ by member are in `messages`).
  const details = {
    __proto__: null,
    HierarchyRequestError: FIREFOX ? 'Node cannot be inserted at the specified point in the hierarchy' : 'The new child element contains the parent.',
    NotFoundError: FIREFOX ? 'Child to insert before is not a child of this node' : 'The node before which the new node is to be inserted is not a child of this node.',
    InvalidCharacterError: FIREFOX ? 'String contains an invalid character' : 'The string contains invalid characters.',
    IndexSizeError: FIREFOX ? 'Index or size is negative or greater than the allowed amount' : 'The index provided is larger than the length.',
    NotSupportedError: FIREFOX ? 'Operation is not supported' : 'The operation is not supported.',
    SyntaxError: FIREFOX ? 'An invalid or illegal string was specified' : 'The string did not match the expected pattern.',
    NamespaceError: FIREFOX ? 'An attempt was made to create or change an object in a way which is incorrect with regard to namespaces' : 'The namespace is not valid.',
    NoModificationAllowedError: FIREFOX ? 'Modifications are not allowed for this document' : 'The object can not be modified.',
    InUseAttributeError: FIREFOX ? 'Attribute already in use' : 'The attribute is in use by another element.',
    InvalidModificationError: FIREFOX ? 'Invalid modification' : 'The object can not be modified in this way.',
    InvalidAccessError: FIREFOX ? 'A parameter or an operation is not supported by the underlying object' : 'The object does not support the operation or argument.',
    InvalidStateError: FIREFOX ? 'An attempt was made to use an object that is not, or is no longer, usable' : 'The object is in an invalid state.',
    WrongDocumentError: FIREFOX ? 'Node cannot be used in a document other than the one in which it was created' : 'The node is in a different document.',
  };
  const codeNames = [
    undefined, 'IndexSizeError', undefined, 'HierarchyRequestError', 'WrongDocumentError', 'InvalidCharacterError', undefined,
    'NoModificationAllowedError', 'NotFoundError', 'NotSupportedError', 'InUseAttributeError', 'InvalidStateError', 'SyntaxError',
    'InvalidModificationError', 'NamespaceError', 'InvalidAccessError',
  ];
  // The browsers' words where they depend on the member and its arguments, else undefined:
  // { text, bare } (`bare`: Firefox gives the text without its "Interface.member: " prefix).
  // (`node`: the node the member was called on; `args`: its converted arguments.)
  const nameStart = /[A-Za-z_:\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD]/;
  const nameCharacter = /[-.0-9\u00B7\u0300-\u036F\u203F\u2040]/;
  function invalidNameCharacter(name) {
    for (let i = 0; i < name.length; i++) {
      const c = name[i];
      if (nameStart.test(c) || (i > 0 && nameCharacter.test(c))) continue;
      return c;
    }
    return '';
  }
  const leafInterfaces = { __proto__: null, 3: 'Text', 4: 'CDATASection', 7: 'ProcessingInstruction', 8: 'Comment', 10: 'DocumentType' };
  function specificMessage(name, member, node, args) {
    const first = args === undefined ? undefined : args[0];
    switch (name) {
      case 'HierarchyRequestError': {
        if (node !== undefined && leafInterfaces[node.nodeType] !== undefined) {
          return { text: FIREFOX ? 'Cannot add children to a ' + leafInterfaces[node.nodeType] : 'This node type does not support this method.' };
        }
        if (node !== undefined && node.nodeType === 9 && first && first.nodeType === 1 && node.documentElement !== null && node.documentElement !== first) {
          return { text: FIREFOX ? 'Cannot have more than one Element child of a Document' : 'Only one element on document allowed.' };
        }
        return { text: FIREFOX ? 'The new child is an ancestor of the parent' : 'The new child element contains the parent.' };
      }
      case 'NotFoundError':
        if (member === 'removeChild') return { text: FIREFOX ? 'The node to be removed is not a child of this node' : 'The node to be removed is not a child of this node.' };
        if (member === 'replaceChild') return { text: FIREFOX ? 'Child to be replaced is not a child of this node' : 'The node to be replaced is not a child of this node.' };
        if (member === 'insertBefore') return { text: FIREFOX ? 'Child to insert before is not a child of this node' : 'The node before which the new node is to be inserted is not a child of this node.' };
        if (member === 'removeAttributeNode') return FIREFOX ? { text: 'Node was not found', bare: true } : { text: 'The node provided is owned by another element.' };
        return undefined;
      case 'InUseAttributeError':
        return FIREFOX ? { text: details.InUseAttributeError, bare: true }
          : { text: 'The node provided is an attribute node that is already an attribute of another Element; attribute nodes must be explicitly cloned.' };
      case 'InvalidCharacterError':
        if (member === 'createElement') return { text: FIREFOX ? 'Invalid element name' : "The tag name provided ('" + first + "') is not a valid name." };
        if (member === 'createElementNS') {
          return FIREFOX ? { text: 'String contains an invalid character', bare: true }
            : { text: "The qualified name provided ('" + args[1] + "') contains the invalid character '" + invalidNameCharacter(String(args[1])) + "'." };
        }
        if (member === 'setAttribute' || member === 'toggleAttribute' || member === 'setAttributeNS') {
          const attribute = member === 'setAttributeNS' ? args[1] : first;
          return { text: FIREFOX ? 'Invalid attribute name' : "'" + attribute + "' is not a valid attribute name." };
        }
        return undefined;
      case 'NamespaceError':
        if (member === 'createElementNS' || member === 'setAttributeNS') {
          return FIREFOX ? { text: details.NamespaceError, bare: true }
            : { text: "The namespace URI provided ('" + (first === null ? '' : first) + "') is not valid for the qualified name provided ('" + args[1] + "')." };
        }
        return undefined;
      default: return undefined;
    }
  }
  // The world's error for what domino (or a library) threw while doing `member` of `owner`.
  // (`selector`: the selector the member was given, when it takes one; `node` and `args`: what the
  // member was called on and with.)
  function worldError(cx, error, owner, member, isSetter, selector, node, args) {
    if (library.isInvalidSelector(error)) {
      const text = !FIREFOX && /^[\t\n\f\r ]*$/.test(selector) ? 'The provided selector is empty.'
        : FIREFOX ? "'" + selector + "' is not a valid selector" : "'" + selector + "' is not a valid selector.";
      return domException(cx, failed(owner, member, text), 'SyntaxError');
    }
    // (What a script's own code threw, a `toString` of an argument, is the world's and goes as it is.)
    if (error instanceof Error) {
      // (domino's DOMExceptions carry the legacy code; the browsers' carry its name.)
      const name = typeof error.code === 'number' && codeNames[error.code] !== undefined ? codeNames[error.code] : error.name;
      if (typeof name === 'string' && details[name] !== undefined) {
        const specific = specificMessage(name, member, node, args);
        const text = specific !== undefined ? specific.text : details[name];
        if (specific !== undefined && specific.bare) return domException(cx, text, name);
        return domException(cx, isSetter ? failedSet(owner, member, text) : failed(owner, member, text), name);
      }
      if (error instanceof TypeError) return host.newTypeError(cx, failed(owner, member, String(error.message)));
      return host.newError(cx, 'exthost: ' + owner + '.' + member + ' failed: ' + String(error && error.message));
    }
    return error;
  }
  // The position an insertAdjacent* member was given, checked as the browsers check it.
  function adjacentPosition(cx, member, position) {
    const lower = position.toLowerCase();
    if (lower === 'beforebegin' || lower === 'afterbegin' || lower === 'beforeend' || lower === 'afterend') return lower;
    throw thrownBefore(cx, 'Element', member, 'SyntaxError',
      "The value provided ('" + position + "') is not one of 'beforeBegin', 'afterBegin', 'beforeEnd', or 'afterEnd'.",
      'An invalid or illegal string was specified', true);
  }
  // The tokens a DOMTokenList member was given, checked as the browsers check them.
  function checkTokens(cx, member, tokens) {
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      if (token === '') {
        throw thrownBefore(cx, 'DOMTokenList', member, 'SyntaxError', 'The token provided must not be empty.', 'The empty string is not a valid token.', false);
      }
      if (/[\t\n\f\r ]/.test(token)) {
        throw thrownBefore(cx, 'DOMTokenList', member, 'InvalidCharacterError',
          "The token provided ('" + token + "') contains HTML space characters, which are not valid in tokens.", 'The token can not contain whitespace.', false);
      }
    }
    return tokens;
  }
  // A DOMException the browsers throw before domino is asked (`bare`: Firefox's text has no prefix).
  function thrownBefore(cx, owner, member, name, chromeText, firefoxText, bare) {
    if (FIREFOX) return domException(cx, bare ? firefoxText : failed(owner, member, firefoxText), name);
    return domException(cx, failed(owner, member, chromeText), name);
  }

  // ---- Converting arguments and results ------------------------------------------------------------------
  function toNode(cx, value, owner, member, index, nullable) {
    if (nullable && (value === null || value === undefined)) return null;
    const node = value !== null && (typeof value === 'object' || typeof value === 'function') ? nodes.get(value) : undefined;
    if (node === undefined) {
      throw host.newTypeError(cx, FIREFOX
        ? failed(owner, member, 'Argument ' + index + (value !== null && (typeof value === 'object' || typeof value === 'function') ? ' does not implement interface Node.' : ' is not an object.'))
        : failed(owner, member, "parameter " + index + " is not of type 'Node'."));
    }
    return node;
  }
  const toUnsigned = (value) => {
    const number = Number(value);
    return NumberIsFinite(number) ? MathTrunc(number) >>> 0 : 0;
  };
  const toLong = (value) => {
    const number = Number(value);
    return NumberIsFinite(number) ? MathTrunc(number) | 0 : 0;
  };
  // Web IDL's DOMString: a Symbol is refused (String() would name it; js/38_api.js).
  const toDOMString = host.toText;
  function convertArgument(cx, type, value, owner, member, index) {
    switch (type) {
      case 's': return toDOMString(cx, value);
      case 's?': return value === null || value === undefined ? null : toDOMString(cx, value);
      case 'b': return !!value;
      case 'u': return toUnsigned(value);
      case 'l': return toLong(value);
      case 'n': return Number(value);
      case 'N': return toNode(cx, value, owner, member, index, false);
      case 'N?': return toNode(cx, value, owner, member, index, true);
      default: return value;
    }
  }
  // `...nodes`: each a node, or a string for a new text node.
  function convertNodes(cx, args, from, owner, member) {
    const list = [];
    for (let i = from; i < args.length; i++) {
      const value = args[i];
      const node = value !== null && typeof value === 'object' ? nodes.get(value) : undefined;
      listPush(list, node !== undefined ? node : String(value));
    }
    return list;
  }
  function convertResult(cx, type, value, node) {
    switch (type) {
      case 'v': return undefined;
      case 'N': case 'N?': return wrap(cx, value);
      case 's': return value === null || value === undefined ? '' : String(value);
      case 's?': return value === null || value === undefined ? null : String(value);
      case 'b': return !!value;
      case 'u': case 'l': case 'n': return typeof value === 'number' ? value : 0;
      case 'list': return staticList(cx, value);
      case 'strings': return host.newArray(cx, value);
      default: return value;
    }
  }

  // ---- Proxies of the world over state of this realm ----------------------------------------------------
  // The handler of a Proxy a world holds (a live list, a token list, a dataset, a style) is of this
  // realm, and the world's engine calls its traps directly: no forwarding function stands between
  // them to turn what they throw into the world's own errors. So each trap is guarded here: an
  // error of this realm (domino's, css-select's, the engine's in this realm) becomes the world's
  // (``worldError``), anything else thrown of this realm a plain error of the world, and what the
  // world's own code threw (an argument's `toString`) goes on as it is. A list never becomes
  // non-extensible (its indexed properties come and go).
  function isOfThisRealm(cx, value) {
    for (let object = value, steps = 0; object !== null && steps < 64; steps++) {
      if (object === ObjectPrototype) return true;
      if (object === cx.b.ObjectPrototype) return false;
      if (object === undefined || (typeof object !== 'object' && typeof object !== 'function')) return false;
      object = ObjectGetPrototypeOf(object);
    }
    // (No Object.prototype of the world's in its chain: taken for this realm's, to be safe.)
    return true;
  }
  function toWorldThrowable(cx, error, owner, member) {
    if (error === null || (typeof error !== 'object' && typeof error !== 'function')) return error;
    if (error instanceof Error || library.isInvalidSelector(error)) {
      const converted = worldError(cx, error, owner, member, false, '');
      if (!isOfThisRealm(cx, converted)) return converted;
    }
    if (!isOfThisRealm(cx, error)) return error;
    return host.newError(cx, 'exthost: ' + owner + ' failed');
  }
  // (Each trap is then called through a function of the world: host.worldProxy.)
  function guardTraps(cx, owner, handler) {
    const guarded = { __proto__: null, preventExtensions: () => false };
    const names = ObjectKeys(handler);
    for (let i = 0; i < names.length; i++) {
      const trap = handler[names[i]];
      const name = names[i];
      guarded[name] = function (...args) {
        try {
          return ReflectApply(trap, handler, args);
        } catch (error) {
          throw toWorldThrowable(cx, error, owner, name);
        }
      };
    }
    return guarded;
  }
  const guardedProxy = (cx, target, owner, handler) => host.worldProxy(cx, target, guardTraps(cx, owner, handler));

  // ---- Collections ---------------------------------------------------------------------------------------
  // A static NodeList (querySelectorAll): an object of the world with the nodes as indexed properties.
  function staticList(cx, list, interfaceName) {
    const object = host.newObjectFrom(cx, interfaceObject(cx, interfaceName === undefined ? 'NodeList' : interfaceName).prototype);
    const items = [];
    for (let i = 0; i < list.length; i++) {
      const wrapper = wrap(cx, list[i]);
      listPush(items, list[i]);
      ReflectDefineProperty(object, String(i), { __proto__: null, value: wrapper, writable: false, enumerable: true, configurable: true });
    }
    wrapped.set(object, { __proto__: null, items: () => items });
    return object;
  }
  // A live collection (childNodes, children, getElementsByTagName, ...): a Proxy of the world whose
  // handler, of this realm, answers its indexed properties from `items()` each time.
  const indexOf = (key) => {
    if (typeof key !== 'string' || key === '') return -1;
    const number = Number(key);
    return String(number >>> 0) === key ? number : -1;
  };
  function liveList(cx, interfaceName, items, owner, key) {
    return objectFor(cx, owner, key, () => {
      // (An HTMLCollection's elements are also its named properties, by id and by name.)
      const list = interfaceName === 'NodeList'
        ? indexedProxy(cx, interfaceName, () => items().length, (index) => wrap(cx, items()[index]))
        : indexedProxy(cx, interfaceName, () => items().length, (index) => wrap(cx, items()[index]),
          (name) => namedInCollection(cx, interfaceName, items(), name), () => collectionNames(interfaceName, items()));
      wrapped.set(list, { __proto__: null, items, owner });
      return list;
    });
  }
  // The elements whose `name` names them in an HTMLCollection (HTML's "namedItem"): only these
  // kinds; in a form's controls, any.
  const NAMED_BY_NAME = { __proto__: null, a: true, applet: true, area: true, embed: true, form: true, frame: true, frameset: true, iframe: true, img: true, object: true };
  const namedBy = (interfaceName, element, attribute) => attribute === 'id'
    || (element.namespaceURI === HTML && (interfaceName === 'HTMLFormControlsCollection' || NAMED_BY_NAME[element.localName] === true));
  // The collection's supported property names, in order: each element's id, then its name.
  function collectionNames(interfaceName, elements) {
    const names = [];
    const seen = new SafeMap();
    for (let i = 0; i < elements.length; i++) {
      const element = elements[i];
      const attributes = ['id', 'name'];
      for (let a = 0; a < 2; a++) {
        const value = element.getAttribute(attributes[a]);
        if (value === null || value === '' || seen.has(value) || !namedBy(interfaceName, element, attributes[a])) continue;
        seen.set(value, true);
        listPush(names, value);
      }
    }
    return names;
  }
  // The named property `name` of a collection in the world of `cx`: its first element of that id
  // or name; in a form's controls, a RadioNodeList when several have it.
  function namedInCollection(cx, interfaceName, elements, name) {
    const matches = [];
    for (let i = 0; i < elements.length; i++) {
      const element = elements[i];
      if (element.getAttribute('id') === name || (element.getAttribute('name') === name && namedBy(interfaceName, element, 'name'))) listPush(matches, element);
    }
    if (matches.length === 0) return undefined;
    if (matches.length === 1 || interfaceName !== 'HTMLFormControlsCollection') return wrap(cx, matches[0]);
    const list = staticList(cx, matches, 'RadioNodeList');
    wrapped.set(list, { __proto__: null, items: () => matches });
    return list;
  }
  // A Proxy of the world, of the interface `interfaceName`, whose indexed properties are read-only
  // and answered each time by `count()` and `item(index)` (a live list, a DOMTokenList); its other
  // properties are the target's own.
  // (`named(property)`: a list's named properties, unenumerable, where its prototype chain has
  // none of that name: a NamedNodeMap's attributes by name; `overridesBuiltIns`: where the object
  // itself has none, whatever its prototypes have, as Web IDL's [LegacyOverrideBuiltIns] says.)
  // (`deletesIndices`: `delete` of an index answers true, changing nothing: a Firefox content
  // script's Xray view of a form.)
  function indexedProxy(cx, interfaceName, count, item, named, names, overridesBuiltIns, deletesIndices) {
    const target = host.newObjectFrom(cx, interfaceObject(cx, interfaceName).prototype);
    const shadowed = (object, property) => (overridesBuiltIns === true ? cx.b.ReflectGetOwnPropertyDescriptor(object, property) !== undefined
      : cx.b.ReflectHas(object, property));
    const namedValue = (object, property) => (named === undefined || typeof property !== 'string' || shadowed(object, property) ? undefined : named(property));
    const handler = {
      __proto__: null,
      get(object, property, receiver) {
        const index = indexOf(property);
        if (index >= 0) return index < count() ? item(index) : undefined;
        const value = namedValue(object, property);
        return value !== undefined ? value : cx.b.ReflectGet(object, property, receiver);
      },
      has(object, property) {
        const index = indexOf(property);
        return index >= 0 ? index < count() : cx.b.ReflectHas(object, property) || namedValue(object, property) !== undefined;
      },
      getOwnPropertyDescriptor(object, property) {
        const index = indexOf(property);
        if (index < 0 && namedValue(object, property) !== undefined) {
          const descriptor = host.newObjectFrom(cx, null);
          descriptor.value = namedValue(object, property);
          descriptor.writable = false;
          descriptor.enumerable = false;
          descriptor.configurable = true;
          return descriptor;
        }
        if (index < 0) return cx.b.ReflectGetOwnPropertyDescriptor(object, property);
        if (index >= count()) return undefined;
        const descriptor = host.newObjectFrom(cx, null);
        descriptor.value = item(index);
        descriptor.writable = false;
        descriptor.enumerable = true;
        descriptor.configurable = true;
        return descriptor;
      },
      ownKeys(object) {
        const keys = [];
        const length = count();
        for (let i = 0; i < length; i++) listPush(keys, String(i));
        // (Then its supported property names, where its prototype chain has none of that name.)
        if (names !== undefined) {
          const supported = names();
          for (let i = 0; i < supported.length; i++) if (indexOf(supported[i]) < 0 && !shadowed(object, supported[i])) listPush(keys, supported[i]);
        }
        const own = cx.b.ReflectOwnKeys(object);
        for (let i = 0; i < own.length; i++) listPush(keys, own[i]);
        return host.newArray(cx, keys);
      },
      set(object, property, value, receiver) {
        if (indexOf(property) >= 0) return false;
        return cx.b.ReflectSet(object, property, value, receiver);
      },
      // (Web IDL: no property may be defined over a visible named property of an object with no
      // named setter, so assigning to one fails.)
      defineProperty(object, property, descriptor) {
        if (indexOf(property) >= 0 || namedValue(object, property) !== undefined) return false;
        return cx.b.ReflectDefineProperty(object, property, descriptor);
      },
      deleteProperty(object, property) {
        const index = indexOf(property);
        if (index >= 0) return deletesIndices === true || index >= count();
        return cx.b.ReflectDeleteProperty(object, property);
      },
    };
    return guardedProxy(cx, target, interfaceName, handler);
  }
  // A live collection's items are found again when its document changed since it last looked
  // (each document counts its changes through domino's mutation hook), and each time for a
  // collection of a tree in no document, whose changes no hook sees.
  const versions = new SafeWeakMap();
  // (The id of each document of a frame, by document.)
  const documentIds = new SafeWeakMap();
  function watch(document, id) {
    versions.set(document, 0);
    if (id !== undefined) documentIds.set(document, id);
    document._setMutationHandler((record) => {
      versions.set(document, versions.get(document) + 1);
      ranges.treeChanged(document, record);
      if (id !== undefined && (record.type === INSERTED || record.type === REMOVED)) framesChanged(id, record);
      if (FIREFOX && id !== undefined && record.type === ATTRIBUTE) frameRenamed(id, record);
      if (madeAnyScript && id !== undefined && actingWorld !== null) scriptsChanged(record);
      if (id !== undefined && actingWorld !== null && titleMayChange(record)) titleChanged(document, id);
      if (madeAnyScript && id === undefined) scriptsStartedUnrun(record);
      if (observing > 0) notifyObservers(record);
    });
  }
  // A change a script made that may change its document's title: one in or of a `<title>`, or in
  // the `<head>` or `<html>` element, or the document itself, which holds them (never throws).
  function titleMayChange(record) {
    try {
      let node = record.target;
      while (node !== null && node !== undefined && node.nodeType !== 1 && node.nodeType !== 9) node = node.parentNode;
      if (node === null || node === undefined) return false;
      if (node.nodeType === 9) return true;
      const name = node.localName;
      return name === 'title' || name === 'head' || name === 'html';
    } catch (error) {
      return false;
    }
  }
  // Tells the host the document's title once the script's change is over (once for a burst).
  const retitling = new SafeWeakSet();
  function titleChanged(document, id) {
    if (retitling.has(document)) return;
    retitling.add(document);
    host.primordials.enqueueMicrotask(() => {
      retitling.delete(document);
      try {
        engine.retitle(id, String(document.title));
      } catch (error) {
        // (exthost's own failure: the tab keeps the title it had.)
      }
    });
  }
  // A document a script made (DOMParser's, DOMImplementation's): in no frame, its changes are
  // watched (live collections, observers, ranges) and its scripts never run.
  function createdDocument(document) {
    watch(document, undefined);
    return document;
  }

  // ---- Mutation observers (js/31_mutation_observer.js is each world's side) ---------------------------------------
  // Each node's registrations, { cx, observer, options }; the nodes each observer observes; how
  // many registrations there are (none: a change costs nothing more); and, for the registrations
  // that want old values, what each attribute and text node held last.
  const registrations = new SafeWeakMap();
  const observedNodes = new SafeWeakMap();
  let observing = 0;
  let keepingOldValues = 0;
  const attributeValues = new SafeWeakMap();
  const dataValues = new SafeWeakMap();
  // (domino tells of a removed attribute after it forgot its element: the element of each
  // attribute in an observed tree is kept here.)
  const attributeOwners = new SafeWeakMap();
  function rememberOwners(node) {
    if (node.nodeType !== 1) return;
    const attributes = node.attributes;
    for (let i = 0; i < attributes.length; i++) attributeOwners.set(attributes[i], node);
    for (let child = node.firstChild; child !== null; child = child.nextSibling) rememberOwners(child);
  }
  const ATTRIBUTE = 2;
  const ATTRIBUTE_REMOVED = 3;
  const VALUE = 1;
  function observe(cx, observer, target, given) {
    const node = host.nodeOf(target);
    if (node === undefined) return;
    const options = {
      __proto__: null, childList: !!given.childList, attributes: !!given.attributes, characterData: !!given.characterData, subtree: !!given.subtree,
      attributeOldValue: !!given.attributeOldValue, characterDataOldValue: !!given.characterDataOldValue, attributeFilter: null,
    };
    if (given.attributeFilter !== null) {
      options.attributeFilter = [];
      for (let i = 0; i < given.attributeFilter.length; i++) listPush(options.attributeFilter, String(given.attributeFilter[i]));
    }
    let list = registrations.get(node);
    if (list === undefined) {
      list = [];
      registrations.set(node, list);
    }
    let found = false;
    for (let i = 0; i < list.length; i++) {
      if (list[i].observer !== observer) continue;
      if (list[i].options.attributeOldValue || list[i].options.characterDataOldValue) keepingOldValues--;
      list[i].options = options;
      found = true;
    }
    if (!found) {
      listPush(list, { __proto__: null, cx, observer, options });
      observing++;
      let observed = observedNodes.get(observer);
      if (observed === undefined) {
        observed = [];
        observedNodes.set(observer, observed);
      }
      listPush(observed, node);
    }
    if (options.attributeOldValue || options.characterDataOldValue) {
      keepingOldValues++;
      rememberValues(node, options.subtree);
    }
    if (options.attributes) rememberOwners(node);
  }
  function unobserve(observer) {
    const observed = observedNodes.get(observer);
    if (observed === undefined) return;
    observedNodes.delete(observer);
    for (let i = 0; i < observed.length; i++) {
      const list = registrations.get(observed[i]);
      if (list === undefined) continue;
      const kept = [];
      for (let j = 0; j < list.length; j++) {
        if (list[j].observer !== observer) listPush(kept, list[j]);
        else {
          observing--;
          if (list[j].options.attributeOldValue || list[j].options.characterDataOldValue) keepingOldValues--;
        }
      }
      registrations.set(observed[i], kept);
    }
  }
  // Remembers what the attributes and text of `node` (and its subtree) hold now.
  function rememberValues(node, subtree) {
    if (node.nodeType === 1) {
      const values = { __proto__: null };
      const attributes = node.attributes;
      for (let i = 0; i < attributes.length; i++) values[attributes[i].name] = attributes[i].value;
      attributeValues.set(node, values);
    } else if (node.nodeType === 3 || node.nodeType === 8 || node.nodeType === 7) {
      dataValues.set(node, node.data);
    }
    if (subtree) for (let child = node.firstChild; child !== null; child = child.nextSibling) rememberValues(child, true);
  }
  // A change domino tells of: a record for each observer whose registrations want it (the
  // target's own, or an ancestor's with `subtree`), with the old value when one of them asks.
  function notifyObservers(change) {
    let type;
    let target = change.target;
    if (change.type === ATTRIBUTE) attributeOwners.set(change.attr, target);
    if (change.type === ATTRIBUTE_REMOVED && (target === null || target === undefined)) target = attributeOwners.get(change.attr);
    if (change.type === INSERTED) rememberOwners(change.node);
    if (change.type === INSERTED || change.type === REMOVED) type = 'childList';
    else if (change.type === ATTRIBUTE || change.type === ATTRIBUTE_REMOVED) type = 'attributes';
    else if (change.type === VALUE) type = 'characterData';
    else return;
    if (target === null || target === undefined) return;
    const attribute = type === 'attributes' ? change.attr : null;
    const name = attribute === null ? null : attribute.localName;
    const namespace = attribute === null ? null : attribute.namespaceURI;
    let oldValue = null;
    if (type === 'attributes') {
      const values = attributeValues.get(target);
      if (change.type === ATTRIBUTE_REMOVED) oldValue = attribute.value;
      else if (values !== undefined && attribute.name in values) oldValue = values[attribute.name];
      if (values !== undefined) {
        if (change.type === ATTRIBUTE_REMOVED) delete values[attribute.name];
        else values[attribute.name] = attribute.value;
      }
    } else if (type === 'characterData') {
      // (A member's own change is reported by the member: inBatch.)
      if (target === reportingData) return;
      if (dataValues.has(target)) oldValue = dataValues.get(target);
      if (keepingOldValues > 0) dataValues.set(target, change.data);
    }
    // (Nodes a script inserts under a node whose observers keep old values are remembered too.)
    if (change.type === INSERTED && keepingOldValues > 0) rememberValues(change.node, true);
    if (type === 'childList') {
      const node = change.node;
      const raw = { __proto__: null, target, node, inserted: change.type === INSERTED, previous: node.previousSibling, next: node.nextSibling };
      if (batchDepth > 0) {
        listPush(batched, raw);
        return;
      }
      deliverRecord('childList', target, raw.inserted ? [node] : [], raw.inserted ? [] : [node], raw.previous, raw.next, null, null, null);
      return;
    }
    flushBatch();
    deliverRecord(type, target, [], [], null, null, name, namespace, oldValue);
  }
  // One DOM operation a script called (a member of the world's DOM): the tree changes it makes are
  // gathered, and each run of them on one parent, its removals then its insertions, moving no
  // node twice, is one record, as the standard's "replace" and "replace all" queue one
  // (`innerHTML`, `textContent`, `replaceWith`, a fragment's children).
  let batchDepth = 0;
  let batched = [];
  let merging = false;
  // (Members that replace or insert several nodes at once; any other removes and inserts one by one.)
  const mergingMembers = ['innerHTML', 'outerHTML', 'textContent', 'innerText', 'outerText', 'nodeValue', 'replaceChildren', 'replaceWith',
    'replaceChild', 'insertAdjacentHTML', 'append', 'prepend', 'before', 'after', 'appendChild', 'insertBefore'];
  const characterDataMembers = ['data', 'nodeValue', 'textContent', 'appendData', 'insertData', 'deleteData', 'replaceData'];
  // The character data node whose change a member makes itself reports (domino tells of none in
  // no document, nor of one to the same text).
  let reportingData = null;
  function inBatch(key, receiver, args, run) {
    if (observing === 0) return run();
    const node = receiver !== null && typeof receiver === 'object' ? (typeof receiver.nodeType === 'number' ? receiver : receiver.node) : undefined;
    const isData = node !== undefined && (node.nodeType === 3 || node.nodeType === 8 || node.nodeType === 7) && characterDataMembers.indexOf(key) >= 0;
    const tokens = receiver !== null && typeof receiver === 'object' && receiver.tokens !== undefined;
    const attributeName = tokens ? 'class' : key === 'setAttribute' && node !== undefined && node.nodeType === 1 && args.length > 0
      ? (node.namespaceURI === HTML && node.ownerDocument.isHTML ? String(args[0]).toLowerCase() : String(args[0])) : null;
    const oldData = isData ? node.data : null;
    const oldAttribute = attributeName !== null ? node.getAttribute(attributeName) : null;
    const outer = batchDepth === 0;
    if (outer) merging = mergingMembers.indexOf(key) >= 0;
    const previousData = reportingData;
    if (isData) reportingData = node;
    batchDepth++;
    let result;
    try {
      result = run();
    } finally {
      batchDepth--;
      reportingData = previousData;
      if (batchDepth === 0 && batched.length > 0) flushBatch();
    }
    // (What the standard queues that domino does not tell: character data set, also to the same
    // text and in no document; an attribute set to the value it had.)
    if (isData) {
      flushBatch();
      if (keepingOldValues > 0) dataValues.set(node, node.data);
      deliverRecord('characterData', node, [], [], null, null, null, null, oldData);
    } else if (attributeName !== null && oldAttribute !== null && node.getAttribute(attributeName) === oldAttribute) {
      flushBatch();
      deliverRecord('attributes', node, [], [], null, null, attributeName, null, oldAttribute);
    }
    return result;
  }
  function flushBatch() {
    if (batched.length === 0) return;
    const changes = batched;
    batched = [];
    let group = null;
    const flush = () => {
      if (group === null) return;
      deliverRecord('childList', group.target, group.added, group.removed, group.previous, group.next, null, null, null);
      group = null;
    };
    for (let i = 0; i < changes.length; i++) {
      const change = changes[i];
      const joins = merging && group !== null && group.target === change.target && (change.inserted || group.added.length === 0)
        && !(change.inserted && group.removed.indexOf(change.node) >= 0);
      if (!joins) {
        flush();
        group = { __proto__: null, target: change.target, added: [], removed: [], previous: change.previous, next: change.next };
      }
      if (change.inserted) listPush(group.added, change.node);
      else listPush(group.removed, change.node);
      group.next = change.next;
    }
    flush();
  }
  // Queues a record with each observer whose registrations want it: the target's own, or an
  // ancestor's with `subtree`; the old value only for one that asks.
  function deliverRecord(type, target, added, removed, previous, next, name, namespace, oldValue) {
    const interested = [];
    for (let node = target, own = true; node !== null && node !== undefined; node = node.parentNode, own = false) {
      const list = registrations.get(node);
      if (list === undefined) continue;
      for (let i = 0; i < list.length; i++) {
        const options = list[i].options;
        if (!own && !options.subtree) continue;
        if (type === 'childList' && !options.childList) continue;
        if (type === 'characterData' && !options.characterData) continue;
        if (type === 'attributes' && (!options.attributes || (options.attributeFilter !== null && (namespace !== null || options.attributeFilter.indexOf(name) < 0)))) continue;
        let entry = null;
        for (let j = 0; j < interested.length; j++) if (interested[j].observer === list[i].observer) entry = interested[j];
        if (entry === null) {
          entry = { __proto__: null, cx: list[i].cx, observer: list[i].observer, old: false };
          listPush(interested, entry);
        }
        if ((type === 'attributes' && options.attributeOldValue) || (type === 'characterData' && options.characterDataOldValue)) entry.old = true;
      }
    }
    for (let i = 0; i < interested.length; i++) {
      const entry = interested[i];
      const cx = entry.cx;
      if (cx.loader.queueMutationRecord === undefined) continue;
      const parts = {
        __proto__: null, type, target: wrap(cx, target), addedNodes: staticList(cx, added), removedNodes: staticList(cx, removed),
        previousSibling: wrap(cx, previous), nextSibling: wrap(cx, next),
        attributeName: name, attributeNamespace: namespace, oldValue: entry.old ? oldValue : null,
      };
      try {
        cx.loader.queueMutationRecord(entry.observer, parts);
      } catch (error) {
        // (A world that closed hears nothing.)
      }
    }
  }

  // ---- Frames: each frame element of a loaded document and its frame in the browser ----------------------------
  // A frame element's frame id; the frame elements by frame id; the frames of each document its
  // parser has not paired yet (ExtensionHost+Frames.swift).
  const INSERTED = 6;
  const REMOVED = 4;
  const frameIds = new SafeWeakMap();
  const parserFrames = new SafeWeakSet();
  const frameElements = new SafeMap();
  const unpaired = new SafeMap();
  function pairFrame(id, element) {
    let pending = unpaired.get(id);
    if (pending === undefined) {
      pending = JSONParse(engine.childFrames(id));
      unpaired.set(id, pending);
    }
    if (pending.length === 0) return;
    const frameId = pending.shift();
    frameIds.set(element, frameId);
    frameElements.set(frameId, element);
  }
  // A document its parser made at once (no script of its ran): its frame elements, in document
  // order, are its frames.
  function pairParsedFrames(document, id) {
    const elements = library.querySelectorAll(document, 'iframe, frame');
    for (let i = 0; i < elements.length; i++) pairFrame(id, elements[i]);
  }
  // The frame elements in the subtree of `node`, in tree order.
  function frameElementsIn(node, list) {
    if (node.nodeType !== 1) return list;
    if (node.localName === 'iframe' && node.namespaceURI === 'http://www.w3.org/1999/xhtml') listPush(list, node);
    for (let child = node.firstChild; child !== null; child = child.nextSibling) frameElementsIn(child, list);
    return list;
  }
  // A script inserted or removed nodes of the document `id`: an `<iframe>` it inserted is a new
  // frame; one it removed, with its frame, goes. (Never throws: the change itself goes on.)
  function framesChanged(id, record) {
    try {
      const elements = frameElementsIn(record.node, []);
      for (let i = 0; i < elements.length; i++) {
        const element = elements[i];
        if (record.type === REMOVED) {
          const frameId = frameIds.get(element);
          if (frameId === undefined) continue;
          frameIds.delete(element);
          frameElements.delete(frameId);
          engine.removeFrame(id, frameId);
        } else if (parserFrames.has(element)) {
          // (A frame element the parser put in the document: its frame is one of the page's own,
          // in document order; one in a template's contents is never inserted, and has none.)
          parserFrames.delete(element);
          if (!frameIds.has(element)) pairFrame(id, element);
        } else if (!frameIds.has(element) && rootOf(element).nodeType === 9) {
          const attribute = (name) => (element.hasAttribute(name) ? element.getAttribute(name) : null);
          const frameId = engine.insertFrame(id, attribute('src'), attribute('srcdoc'), attribute('name'), attribute('id'), attribute('sandbox'));
          if (frameId === null) continue;
          frameIds.set(element, frameId);
          frameElements.set(frameId, element);
        }
      }
    } catch (error) {
      // (exthost's own failure: the tree changes as the script asked; the browser model does not.)
    }
  }
  // Firefox: a frame element's name changed, and its frame takes the new name (recorded:
  // frame-names; Chromium keeps the name the frame was made with; a removed attribute, which
  // domino tells of without its element, is not followed). (Never throws.)
  function frameRenamed(id, record) {
    try {
      const element = record.target;
      if (record.attr === undefined || record.attr === null || record.attr.name !== 'name' || element === null || element === undefined) return;
      const frameId = frameIds.get(element);
      if (frameId !== undefined) engine.renameFrame(id, frameId, element.getAttribute('name') || '');
    } catch (error) {
      // (exthost's own failure: the attribute changes as the script asked; the frame keeps its name.)
    }
  }
  // ---- Script elements a script inserts ----------------------------------------------------------
  // HTML's "prepare the script element" for an element no parser made (recorded: inserted-scripts).
  // A script element a script made (createElement, createElementNS, a clone) runs once: when it is
  // connected with a source, as it is inserted, as its text is set later, or as its `src` is set;
  // it is then "already started" (a clone of a started one is too). One a parser made (the page's
  // own, which js/64_document_loading.js runs; innerHTML's; DOMParser's) never runs this way. What
  // runs it, where, and under which policy is Swift's (ExtensionHost+ScriptElements.swift): the
  // world that inserted the element asks for it (`page.runScriptElement`) once the DOM member that
  // inserted it returned (HTML's post-connection steps), an inline classic script at once.
  const madeScripts = new SafeWeakSet();
  const startedScripts = new SafeWeakSet();
  // (Script elements whose `async` was set: HTML's "non-blocking" flag is false. A script's new
  // element is non-blocking: async unless told.)
  const blockingScripts = new SafeWeakSet();
  library.onAttributeChange('HTMLScriptElement', 'async', (element, name, oldValue, newValue) => {
    if (newValue === null) blockingScripts.add(element);
  });
  // The world whose DOM member runs now (the innermost), and the script elements its changes made
  // ready (null: none yet), each with the world that inserted it: prepared as that member returns.
  let actingWorld = null;
  let scriptsToPrepare = null;
  // The elements Swift runs later, by the number it knows them by; while one runs, the document's
  // `currentScript` before it.
  const scriptElements = new SafeMap();
  const outerCurrentScripts = new SafeMap();
  // (No script element made yet: an insertion has no script to look for.)
  let madeAnyScript = false;
  let nextScriptElement = 1;

  const javaScriptTypes = [
    'application/ecmascript', 'application/javascript', 'application/x-ecmascript', 'application/x-javascript', 'text/ecmascript',
    'text/javascript', 'text/javascript1.0', 'text/javascript1.1', 'text/javascript1.2', 'text/javascript1.3', 'text/javascript1.4',
    'text/javascript1.5', 'text/jscript', 'text/livescript', 'text/x-ecmascript', 'text/x-javascript',
  ];
  // Which script the HTML element `element` is by its `type` and `language`: 'classic', 'module', or
  // null when it runs nothing (an unknown type; `nomodule` on a classic script, in a browser that
  // runs modules).
  host.scriptElementType = function (element) {
    if (element.namespaceURI !== HTML || element.localName !== 'script') return null;
    const typeAttribute = element.getAttribute('type');
    const languageAttribute = element.getAttribute('language');
    let type;
    if (typeAttribute === null ? languageAttribute === null || languageAttribute === '' : typeAttribute === '') type = 'classic';
    else if (typeAttribute === null) type = javaScriptTypes.indexOf('text/' + languageAttribute.toLowerCase()) >= 0 ? 'classic' : null;
    else {
      const essence = typeAttribute.trim().toLowerCase();
      type = javaScriptTypes.indexOf(essence) >= 0 ? 'classic' : essence === 'module' ? 'module' : null;
    }
    if (type === 'classic' && element.hasAttribute('nomodule')) return null;
    return type;
  };
  const isScriptElement = (node) => node.nodeType === 1 && node.localName === 'script' && node.namespaceURI === HTML;
  // `made`, which a script made (and, for a clone, `from`, what it cloned): its script elements run
  // when inserted; a clone keeps the originals' "already started".
  function noteMadeScripts(made, from) {
    if (made === null || typeof made !== 'object' || made.nodeType !== 1 && made.nodeType !== 11) return;
    const walk = (node, original) => {
      if (isScriptElement(node)) {
        madeAnyScript = true;
        madeScripts.add(node);
        // (A clone keeps "already started"; a parser's script, which innerHTML, DOMParser and the
        // page's parser make started or never run, gives a clone that never runs.)
        if (original !== null && (startedScripts.has(original) || !madeScripts.has(original) && isScriptElement(original))) startedScripts.add(node);
      }
      let child = node.firstChild;
      let originalChild = original === null ? null : original.firstChild;
      for (; child !== null; child = child.nextSibling) {
        walk(child, originalChild);
        if (originalChild !== null) originalChild = originalChild.nextSibling;
      }
    };
    walk(made, from === undefined ? null : from);
  }
  // A change in the document `id` that may make a script element ready (never throws: the change
  // goes on): one inserted (or in an inserted subtree), text put into or changed in one, its `src` set.
  function scriptsChanged(record) {
    try {
      if (actingWorld === null) return;
      const candidates = scriptsAChangeReaches(record);
      for (let i = 0; i < candidates.length; i++) waitToPrepare(candidates[i]);
    } catch (error) {
      // (exthost's own failure: the tree changes as the script asked; no script runs.)
    }
  }
  // A change in a document of no frame (scripting is disabled there): a script element a script
  // made that it makes ready is "already started" without running, and so runs nothing when moved
  // into a frame's document later (HTML's prepare the script element, before its scripting check).
  function scriptsStartedUnrun(record) {
    try {
      const candidates = scriptsAChangeReaches(record);
      for (let i = 0; i < candidates.length; i++) {
        const element = candidates[i];
        if (!madeScripts.has(element) || startedScripts.has(element) || shadowIncludingRoot(element).nodeType !== 9) continue;
        if (!element.hasAttribute('src') && scriptSourceText(element) === '') continue;
        if (host.scriptElementType(element) !== null) startedScripts.add(element);
      }
    } catch (error) {
      // (exthost's own failure: the tree changes as the script asked.)
    }
  }
  // The script elements a change of domino's mutation hook may make ready: those inserted (or in
  // an inserted subtree), one that text was put into or changed in, one whose `src` was set.
  function scriptsAChangeReaches(record) {
    const candidates = [];
    const target = record.target === undefined ? null : record.target;
    if (record.type === INSERTED) {
      scriptElementsIn(record.node, candidates);
      if (target !== null && isScriptElement(target)) listPush(candidates, target);
    } else if (record.type === VALUE) {
      const parent = target === null ? null : target.parentNode;
      if (parent !== null && isScriptElement(parent)) listPush(candidates, parent);
    } else if (record.type === ATTRIBUTE && record.attr !== null && record.attr !== undefined && record.attr.name === 'src'
      && record.attr.namespaceURI === null && target !== null && isScriptElement(target)) {
      listPush(candidates, target);
    }
    return candidates;
  }
  // A script element's own text (its child text nodes').
  function scriptSourceText(element) {
    let text = '';
    for (let child = element.firstChild; child !== null; child = child.nextSibling) if (child.nodeType === 3) text += child.data;
    return text;
  }
  // The script elements of `node`'s shadow-including subtree, in shadow-including tree order (a
  // shadow host's shadow tree before its children). Without recursion: a tree may be deeper than
  // the stack.
  function scriptElementsIn(node, list) {
    const pending = [node];
    while (pending.length > 0) {
      const current = pending[pending.length - 1];
      pending.length -= 1;
      if (current.nodeType !== 1 && current.nodeType !== 11) continue;
      if (isScriptElement(current)) listPush(list, current);
      for (let child = current.lastChild; child !== null; child = child.previousSibling) listPush(pending, child);
      const shadow = current.nodeType === 1 ? shadowOfHost.get(current) : undefined;
      if (shadow !== undefined) listPush(pending, shadow);
    }
  }
  function waitToPrepare(element) {
    if (!madeScripts.has(element) || startedScripts.has(element)) return;
    if (scriptsToPrepare === null) scriptsToPrepare = [];
    for (let i = 0; i < scriptsToPrepare.length; i++) if (scriptsToPrepare[i].element === element) return;
    listPush(scriptsToPrepare, { __proto__: null, element, cx: actingWorld });
  }
  // Runs `body`, a DOM member the world of `cx` called; as it returns, prepares the script elements
  // its own changes made ready, in the order they became ready (HTML's post-connection steps of an
  // insertion: a script inserted by a listener that a member's event called runs as the listener's
  // insertion returns; one a preparing script inserts, before the next of the outer insertion).
  function asMember(cx, body) {
    const outerWorld = actingWorld;
    const outerList = scriptsToPrepare;
    actingWorld = cx;
    scriptsToPrepare = null;
    try {
      return body();
    } finally {
      const ready = scriptsToPrepare;
      actingWorld = outerWorld;
      scriptsToPrepare = outerList;
      if (ready !== null) for (let i = 0; i < ready.length; i++) prepareScript(ready[i].element, ready[i].cx);
    }
  }
  // HTML's "prepare the script element" for `element`, which the world of `cx` inserted or changed.
  // (Never throws: the insertion that made it ready has happened; what the script throws is the page's.)
  function prepareScript(element, cx) {
    try {
      prepareScriptElement(element, cx);
    } catch (error) {
      // (exthost's own failure: the script does not run.)
    }
  }
  function prepareScriptElement(element, cx) {
    if (startedScripts.has(element) || !madeScripts.has(element)) return;
    const hasSource = element.hasAttribute('src');
    const text = scriptSourceText(element);
    if (!hasSource && text === '') return;
    if (shadowIncludingRoot(element).nodeType !== 9) return;
    const type = host.scriptElementType(element);
    if (type === null) return;
    // (Started before the scripting check: one connected in a document of no frame never runs.)
    startedScripts.add(element);
    const id = documentIds.get(element.ownerDocument);
    if (id === undefined) return;
    const index = nextScriptElement++;
    const inline = !hasSource;
    if (!inline || type === 'module') scriptElements.set(index, element);
    // (Swift resolves the source against the document's base URL: the first `<base href>`'s, itself
    // resolved against the document's URL, else that URL.)
    let base = null;
    if (hasSource) {
      const bases = element.ownerDocument.getElementsByTagName('base');
      for (let i = 0; i < bases.length && base === null; i++) if (bases[i].namespaceURI === HTML && bases[i].hasAttribute('href')) base = bases[i];
    }
    const description = [index, type, hasSource ? element.getAttribute('src') : null, inline ? text : null, id, base === null ? null : base.getAttribute('href')];
    const document = element.ownerDocument;
    const previous = document._exthostCurrentScript;
    // (A script in a shadow tree runs with currentScript null.)
    if (inline && type === 'classic') document._exthostCurrentScript = rootOf(element).nodeType === 9 ? element : null;
    try {
      host.call(cx, 'page.runScriptElement', description);
    } catch (error) {
      // (The inserting world closed, or exthost failed: nothing runs, as for a script refused.)
    } finally {
      if (inline && type === 'classic') document._exthostCurrentScript = previous;
    }
  }
  // Swift runs the script element `index` of the document `id` now (`running`: its document's
  // `currentScript` is the element, for a classic script) or ran it.
  host.scriptElementRuns = function (id, index, running) {
    const element = scriptElements.get(index);
    if (element === undefined) return;
    const document = element.ownerDocument;
    if (running) {
      outerCurrentScripts.set(index, document._exthostCurrentScript === undefined ? null : document._exthostCurrentScript);
      if (host.scriptElementType(element) !== 'module') document._exthostCurrentScript = rootOf(element).nodeType === 9 ? element : null;
    } else {
      document._exthostCurrentScript = outerCurrentScripts.get(index);
      outerCurrentScripts.delete(index);
    }
  };
  // The script element `index` loaded (`load`, after it ran) or failed (`error`): the event at the
  // element, in every world of the document; Swift forgets the element then.
  host.fireScriptElementEvent = function (cx, id, index, type) {
    const element = scriptElements.get(index);
    scriptElements.delete(index);
    if (element === undefined || cx.loader.fireEvent === undefined) return;
    worldOf(cx);
    // (Firefox's `load` can be canceled, Chromium's not; neither's `error`.)
    cx.loader.fireEvent(wrap(cx, element), type, { __proto__: null, bubbles: false, cancelable: FIREFOX && type === 'load', composed: false });
  };
  // A script element with `src` the parser met (js/64_document_loading.js): the number Swift knows
  // it by, for its `load` or `error` once it ran or failed.
  host.numberScriptElement = (element) => {
    const index = nextScriptElement++;
    scriptElements.set(index, element);
    return index;
  };
  // Swift will not run the script element `index` (refused with no event): it forgets it.
  host.forgetScriptElement = (index) => {
    scriptElements.delete(index);
  };

  // The frame `frameId` loaded: `load` at its element, in every world of the document.
  host.fireFrameLoad = function (cx, id, frameId) {
    const element = frameElements.get(frameId);
    if (element === undefined || cx.loader.fireEvent === undefined) return;
    worldOf(cx);
    cx.loader.fireEvent(wrap(cx, element), 'load', { __proto__: null, bubbles: false, cancelable: false, composed: false });
  };
  function cached(node, compute) {
    let version = -1;
    let items = null;
    return () => {
      const connected = node.nodeType === 9 || rootOf(node).nodeType === 9;
      const document = node.nodeType === 9 ? node : node.ownerDocument;
      const current = connected ? versions.get(document) : undefined;
      if (current === undefined || current !== version || items === null) {
        items = compute();
        version = current === undefined ? -1 : current;
      }
      return items;
    };
  }
  const descendants = (node, test) => {
    const list = [];
    const stack = [];
    for (let child = node.lastChild; child; child = child.previousSibling) listPush(stack, child);
    while (stack.length > 0) {
      const current = stack.pop();
      if (current.nodeType !== 1) continue;
      if (test(current)) listPush(list, current);
      for (let child = current.lastChild; child; child = child.previousSibling) listPush(stack, child);
    }
    return list;
  };
  // The live collections a member gives, by member name: what its items are.
  function liveItems(node, member, args) {
    switch (member) {
      case 'childNodes': {
        return cached(node, () => {
          const list = [];
          for (let child = node.firstChild; child; child = child.nextSibling) listPush(list, child);
          return list;
        });
      }
      case 'children': {
        return cached(node, () => {
          const list = [];
          for (let child = node.firstChild; child; child = child.nextSibling) if (child.nodeType === 1) listPush(list, child);
          return list;
        });
      }
      case 'getElementsByTagName': {
        // (The DOM Standard's "list of elements with qualified name": an element's prefix and
        // local name (`media:thumbnail`), lowercased for an HTML element of an HTML document.)
        const name = args[0];
        const document = node.nodeType === 9 ? node : node.ownerDocument;
        const lower = document.isHTML ? name.toLowerCase() : name;
        const qualifiedName = (element) => (element.prefix === null || element.prefix === undefined ? element.localName : element.prefix + ':' + element.localName);
        return cached(node, () => descendants(node, (element) => name === '*'
          || qualifiedName(element) === (element.namespaceURI === HTML ? lower : name)));
      }
      case 'getElementsByTagNameNS': {
        const namespace = args[0];
        const localName = args[1];
        return cached(node, () => descendants(node, (element) => (namespace === '*' || element.namespaceURI === namespace)
          && (localName === '*' || element.localName === localName)));
      }
      case 'getElementsByClassName': {
        const names = args[0].split(/[\t\n\f\r ]+/).filter((name) => name !== '');
        return cached(node, () => (names.length === 0 ? [] : descendants(node, (element) => {
          for (let i = 0; i < names.length; i++) if (!element.classList.contains(names[i])) return false;
          return true;
        })));
      }
      case 'getElementsByName': {
        const name = args[0];
        return cached(node, () => descendants(node, (element) => element.namespaceURI === HTML && element.getAttribute('name') === name));
      }
      case 'images': return cached(node, () => descendants(node, (element) => element.localName === 'img' && element.namespaceURI === HTML));
      case 'forms': return cached(node, () => descendants(node, (element) => element.localName === 'form' && element.namespaceURI === HTML));
      case 'scripts': return cached(node, () => descendants(node, (element) => element.localName === 'script' && element.namespaceURI === HTML));
      case 'links': return cached(node, () => descendants(node, (element) => (element.localName === 'a' || element.localName === 'area') && element.hasAttribute('href')));
      case 'options': return cached(node, () => selectOptions(node));
      case 'selectedOptions': return cached(node, () => selectOptions(node).filter((option) => selectedness(option)));
      case 'elements': return cached(node, () => formControls(node));
      case 'rows': {
        return cached(node, () => descendants(node, (element) => element.localName === 'tr'
          && (element.parentNode === node || (node.localName === 'table' && element.parentNode.parentNode === node && TABLE_SECTIONS[element.parentNode.localName] === true))));
      }
      case 'tBodies': return cached(node, () => descendants(node, (element) => element.localName === 'tbody' && element.parentNode === node));
      case 'cells': return cached(node, () => descendants(node, (element) => (element.localName === 'td' || element.localName === 'th') && element.parentNode === node));
      default: return () => [];
    }
  }
  const TABLE_SECTIONS = { __proto__: null, thead: true, tbody: true, tfoot: true };
  const LISTED = { __proto__: null, button: true, fieldset: true, input: true, object: true, output: true, select: true, textarea: true };
  function formControls(form) {
    const list = [];
    const all = form.getElementsByTagName('*');
    for (let i = 0; i < all.length; i++) {
      const element = all[i];
      if (LISTED[element.localName] === true && !(element.localName === 'input' && element.getAttribute('type') === 'image')) listPush(list, element);
    }
    return list;
  }

  // ---- What members do where domino's own member is not the browsers' -------------------------------------
  function rootOf(node) {
    let root = node;
    while (root.parentNode) root = root.parentNode;
    return root;
  }
  // The DOM's shadow-including root: a shadow root's tree goes on at its host.
  function shadowIncludingRoot(node) {
    let root = rootOf(node);
    for (let shadow = shadowRoots.get(root); shadow !== undefined; shadow = shadowRoots.get(root)) root = rootOf(shadow.host);
    return root;
  }

  // ---- Shadow trees ---------------------------------------------------------------------------------------
  // `attachShadow()` (DOM Standard): a shadow root is one of domino's document fragments, with its
  // host, kept here both ways (domino knows no shadow trees); its nodes are in no document's tree
  // (the document's selectors do not reach them) but connected through the host, events cross to
  // the host retargeted (`host.domEventParent`, `domRetarget`), and the computed style of its
  // nodes reads the root's own `<style>` rules (fixtures/conformance/shadow-dom).
  const shadowRoots = new SafeWeakMap();
  const shadowOfHost = new SafeWeakMap();
  const shadowHostNames = 'article aside blockquote body div footer h1 h2 h3 h4 h5 h6 header main nav p section span'.split(' ');
  function attachShadow(cx, node, init) {
    if (init === null || (typeof init !== 'object' && typeof init !== 'function')) {
      throw host.newTypeError(cx, FIREFOX ? "Element.attachShadow: Missing required 'mode' member of ShadowRootInit."
        : failed('Element', 'attachShadow', "Failed to read the 'mode' property from 'ShadowRootInit': Required member is undefined."));
    }
    // (The dictionary's members, read in the standard's order.)
    const clonable = !!init.clonable;
    const delegatesFocus = !!init.delegatesFocus;
    const modeValue = init.mode;
    if (modeValue === undefined) {
      throw host.newTypeError(cx, FIREFOX ? "Element.attachShadow: Missing required 'mode' member of ShadowRootInit."
        : failed('Element', 'attachShadow', "Failed to read the 'mode' property from 'ShadowRootInit': Required member is undefined."));
    }
    const mode = toDOMString(cx, modeValue);
    if (mode !== 'open' && mode !== 'closed') {
      throw host.newTypeError(cx, FIREFOX ? "Element.attachShadow: '" + mode + "' (value of 'mode' member of ShadowRootInit) is not a valid value for enumeration ShadowRootMode."
        : failed('Element', 'attachShadow', "Failed to read the 'mode' property from 'ShadowRootInit': The provided value '" + mode + "' is not a valid enum value of type ShadowRootMode."));
    }
    const serializable = !!init.serializable;
    const slotAssignment = init.slotAssignment === undefined ? 'named' : toDOMString(cx, init.slotAssignment);
    const valid = node.namespaceURI === HTML && (shadowHostNames.indexOf(node.localName) >= 0 || isCustomElementName(node.localName));
    if (!valid) throw domException(cx, failed('Element', 'attachShadow', FIREFOX ? 'Unable to attach ShadowDOM' : 'This element does not support attachShadow'), 'NotSupportedError');
    if (shadowOfHost.has(node)) {
      throw domException(cx, failed('Element', 'attachShadow', FIREFOX ? 'Unable to re-attach to existing ShadowDOM'
        : 'Shadow root cannot be created on a host which already hosts a shadow tree.'), 'NotSupportedError');
    }
    const root = node.ownerDocument.createDocumentFragment();
    shadowRoots.set(root, { __proto__: null, host: node, mode, delegatesFocus, slotAssignment: slotAssignment === 'manual' ? 'manual' : 'named', clonable, serializable });
    shadowOfHost.set(node, root);
    return root;
  }
  // The slots of the shadow root of `hostNode`, and what each is assigned: named slotting (the
  // host's children whose `slot` attribute is the slot's name; the default slot takes the rest,
  // text included), the first slot of a name taking its nodes.
  function slotAssignments(hostNode) {
    const root = shadowOfHost.get(hostNode);
    const assigned = new SafeMap();
    if (root === undefined || shadowRoots.get(root).slotAssignment !== 'named') return assigned;
    const slots = library.querySelectorAll(root, 'slot');
    const byName = new SafeMap();
    for (let i = 0; i < slots.length; i++) {
      const name = slots[i].getAttribute('name') || '';
      if (!byName.has(name)) byName.set(name, slots[i]);
      assigned.set(slots[i], []);
    }
    for (let child = hostNode.firstChild; child !== null; child = child.nextSibling) {
      if (child.nodeType !== 1 && child.nodeType !== 3) continue;
      const name = child.nodeType === 1 ? child.getAttribute('slot') || '' : '';
      const slot = byName.get(name);
      if (slot !== undefined) listPush(assigned.get(slot), child);
    }
    return assigned;
  }
  function slotOf(node) {
    const parent = node.parentNode;
    if (parent === null || parent.nodeType !== 1 || !shadowOfHost.has(parent)) return null;
    let found = null;
    slotAssignments(parent).forEach((nodes, slot) => { if (found === null && nodes.indexOf(node) >= 0) found = slot; });
    return found;
  }
  // Whether `node` is in a closed shadow tree that `viewer` (a node, or null for the window) is
  // not in.
  function hiddenFrom(node, viewer) {
    const viewerRoots = [];
    for (let step = viewer; step !== null;) {
      const root = rootOf(step);
      listPush(viewerRoots, root);
      step = shadowRoots.has(root) ? shadowRoots.get(root).host : null;
    }
    for (let root = rootOf(node); shadowRoots.has(root); root = rootOf(shadowRoots.get(root).host)) {
      if (shadowRoots.get(root).mode === 'closed' && viewerRoots.indexOf(root) < 0) return true;
    }
    return false;
  }
  // The DOM's "retarget A against B": out of each shadow tree B is not in, to its host.
  function retarget(a, b) {
    let current = a;
    for (;;) {
      const root = rootOf(current);
      const shadow = shadowRoots.get(root);
      if (shadow === undefined) return current;
      // (Whether the root is a shadow-including inclusive ancestor of B.)
      let inside = false;
      for (let step = b; step !== undefined && step !== null; step = shadowRoots.has(rootOf(step)) ? shadowRoots.get(rootOf(step)).host : null) {
        if (rootOf(step) === root) {
          inside = true;
          break;
        }
      }
      if (inside) return current;
      current = shadow.host;
    }
  }
  // innerText (HTML's "rendered text collection steps") without layout: each element's display
  // comes from the browsers' default style sheet (block, table row, table cell, none) and its
  // `hidden` attribute or inline `display`; white space collapses as CSS's `white-space: normal`
  // does, and is kept in <pre>, <textarea>, <listing> and <xmp>. An element not being rendered (in
  // no document, or hidden itself) gives its text content, as in the browsers.
  const BLOCKS = {
    __proto__: null, address: 1, article: 1, aside: 1, blockquote: 1, body: 1, center: 1, dd: 1, details: 1, dialog: 1, dir: 1, div: 1, dl: 1,
    dt: 1, fieldset: 1, figcaption: 1, figure: 1, footer: 1, form: 1, h1: 1, h2: 1, h3: 1, h4: 1, h5: 1, h6: 1, header: 1, hgroup: 1,
    hr: 1, html: 1, legend: 1, li: 1, listing: 1, main: 1, menu: 1, nav: 1, ol: 1, optgroup: 1, option: 1, plaintext: 1, pre: 1, search: 1,
    section: 1, summary: 1, ul: 1, xmp: 1, table: 1, caption: 1, tbody: 1, thead: 1, tfoot: 1,
  };
  const HIDDEN_ELEMENTS = {
    __proto__: null, script: 1, style: 1, template: 1, head: 1, title: 1, meta: 1, link: 1, noscript: 1, datalist: 1, param: 1, area: 1,
    map: 1, base: 1, basefont: 1, noembed: 1, noframes: 1, rp: 1,
  };
  const PRESERVING = { __proto__: null, pre: 1, textarea: 1, listing: 1, xmp: 1, plaintext: 1 };
  function displayOf(element) {
    if (element.namespaceURI !== HTML) return 'inline';
    if (element.hasAttribute('hidden') || HIDDEN_ELEMENTS[element.localName] === 1) return 'none';
    if (element.hasAttribute('style')) {
      const display = library.styleOf(element).getPropertyValue('display');
      if (display !== '') return display.trim().toLowerCase();
    }
    const name = element.localName;
    if (name === 'tr') return 'table-row';
    if (name === 'td' || name === 'th') return 'table-cell';
    if (name === 'p') return 'paragraph';
    return BLOCKS[name] === 1 ? 'block' : 'inline';
  }
  function isRendered(node) {
    if (rootOf(node).nodeType !== 9) return false;
    for (let element = node; element && element.nodeType === 1; element = element.parentNode) if (displayOf(element) === 'none') return false;
    return true;
  }
  function innerText(node) {
    if (!isRendered(node)) return node.textContent;
    if (FIREFOX && node.localName === 'select' && node.namespaceURI === HTML) return '';
    return renderedText(node, null);
  }
  // The rendered text of what `node` holds, or of the part of it in `range` (a selection's).
  function renderedText(node, range) {
    // Items: strings, and numbers (required line breaks).
    const items = [];
    let preserving = 0;
    const collect = (current) => {
      if (range !== null && !ranges.intersectsNode(range, current)) return;
      if (current.nodeType === 3) {
        let data = current.data;
        if (range !== null && current === range.endNode) data = data.slice(0, range.endOffset);
        if (range !== null && current === range.startNode) data = data.slice(range.startOffset);
        listPush(items, preserving > 0 ? data : data.replace(/[\t\n\f\r ]+/g, ' '));
        return;
      }
      if (current.nodeType !== 1) return;
      const display = displayOf(current);
      // (Firefox renders a select's options in no box of the page's.)
      if (display === 'none' || (FIREFOX && current.localName === 'select' && current.namespaceURI === HTML)) return;
      if (current.localName === 'br' && current.namespaceURI === HTML) {
        listPush(items, '\n');
        return;
      }
      const keeps = PRESERVING[current.localName] === 1;
      if (keeps) preserving++;
      if (display === 'paragraph') listPush(items, 2);
      else if (display !== 'inline' && display !== 'table-cell') listPush(items, 1);
      for (let child = current.firstChild; child; child = child.nextSibling) collect(child);
      if (display === 'table-cell' && current.nextElementSibling !== null) listPush(items, '\t');
      if (display === 'paragraph') listPush(items, 2);
      else if (display !== 'inline' && display !== 'table-cell') listPush(items, 1);
      if (keeps) preserving--;
    };
    for (let child = node.firstChild; child; child = child.nextSibling) collect(child);
    // Join runs of text, collapsing spaces at line starts and ends and between runs. (A range that
    // starts or ends within a line of text keeps a space there: the line goes on outside it.)
    const startsInLine = range !== null && inlineTextBeside(node, range.startNode, range.startOffset, false) !== '';
    const endsInLine = range !== null && inlineTextBeside(node, range.endNode, range.endOffset, true) !== '';
    let text = '';
    let pendingBreaks = 0;
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (typeof item === 'number') {
        if (text !== '') pendingBreaks = item > pendingBreaks ? item : pendingBreaks;
        continue;
      }
      let piece = item;
      // (White space at the start of a line goes; then only what is left breaks the line.)
      if ((text === '' && !startsInLine) || pendingBreaks > 0 || text[text.length - 1] === '\n' || text[text.length - 1] === ' ') piece = piece.replace(/^ /, '');
      if (piece === '') continue;
      if (pendingBreaks > 0) {
        text = text.replace(/ +$/, '');
        for (let n = 0; n < pendingBreaks; n++) text += '\n';
        pendingBreaks = 0;
      }
      text += piece;
    }
    text = text.replace(/ +(\n)/g, '$1').replace(/^\n+/, '');
    return endsInLine ? text : text.replace(/ +$/, '');
  }
  // The rendered text next to boundary point (node, offset) on its line, within `root`: before
  // it, or after it when `after` ('' at a line's start or end). Only whether it is empty counts.
  function inlineTextBeside(root, node, offset, after) {
    const hasText = (text) => text.replace(/[\t\n\f\r ]+/g, '') !== '';
    if (node.nodeType === 3) {
      const own = after ? node.data.slice(offset) : node.data.slice(0, offset);
      if (hasText(own)) return own;
    }
    let current;
    if (node.nodeType === 3) current = stepOut(node, after, root);
    else {
      const child = node.childNodes[after ? offset : offset - 1];
      if (child !== undefined && child !== null) current = child;
      else if (node.nodeType === 1 && displayOf(node) !== 'inline') return '';
      else current = stepOut(node, after, root);
    }
    while (current !== null) {
      if (current.nodeType === 3) {
        if (hasText(current.data)) return current.data;
      } else if (current.nodeType === 1) {
        const display = displayOf(current);
        if (current.localName === 'br' || (display !== 'inline' && display !== 'none')) return '';
        const inner = display === 'none' ? null : after ? current.firstChild : current.lastChild;
        if (inner !== null) {
          current = inner;
          continue;
        }
      }
      current = stepOut(current, after, root);
    }
    return '';
  }
  // The node after (or before) `node` in tree order without entering it, or null past `root` or at
  // a block's edge on the way out.
  function stepOut(node, after, root) {
    for (let current = node; current !== null && current !== root; current = current.parentNode) {
      const sibling = after ? current.nextSibling : current.previousSibling;
      if (sibling !== null) return sibling;
      const parent = current.parentNode;
      if (parent === null || parent === root || (parent.nodeType === 1 && displayOf(parent) !== 'inline')) return null;
    }
    return null;
  }
  // innerText's setter: the text, its line breaks made <br> elements.
  function setInnerText(node, value) {
    while (node.firstChild) node.removeChild(node.firstChild);
    const document = node.ownerDocument;
    const lines = value.split(/\r\n|\r|\n/);
    for (let i = 0; i < lines.length; i++) {
      if (i > 0) node.appendChild(document.createElement('br'));
      if (lines[i] !== '') node.appendChild(document.createTextNode(lines[i]));
    }
  }
  function setText(node, value) {
    while (node.firstChild) node.removeChild(node.firstChild);
    if (value !== '') node.appendChild(node.ownerDocument.createTextNode(value));
  }
  function insertNodes(node, list, where) {
    const document = node.nodeType === 9 ? node : node.ownerDocument;
    const fragment = document.createDocumentFragment();
    for (let i = 0; i < list.length; i++) fragment.appendChild(typeof list[i] === 'string' ? document.createTextNode(list[i]) : list[i]);
    where(fragment);
  }
  const selectOptions = (select) => descendants(select, (element) => element.localName === 'option');
  const implementations = {
    __proto__: null,
    'Document.createTreeWalker': (node, cx, root, whatToShow, filter) => makeWalker(cx, 'TreeWalker', root, whatToShow, filter),
    // (Another frame's document has its window's location, as the world sees that window; a
    // document in no frame, a DOMParser's, has none.)
    'Document.location': (node, cx) => {
      if (node === documentOf(cx)) return cx.b.ReflectGet(cx.global, 'location');
      const id = documentIds.get(node);
      const window = id === undefined || host.frameWindowOf === undefined ? null : host.frameWindowOf(cx, 'document:' + id);
      return window === null || window === undefined ? null : cx.b.ReflectGet(window, 'location');
    },
    'Document.createNodeIterator': (node, cx, root, whatToShow, filter) => makeWalker(cx, 'NodeIterator', root, whatToShow, filter),
    // (An iframe's window as the world sees it: its frame's, once it has one.)
    'HTMLIFrameElement.contentWindow': (node, cx) => {
      const frameId = frameIds.get(node);
      return frameId === undefined || host.frameWindowOf === undefined ? null : host.frameWindowOf(cx, 'frame:' + frameId) || null;
    },
    // (Its document when the frame's origin is the world's document's: null otherwise.)
    'HTMLIFrameElement.contentDocument': (node, cx) => {
      const frameId = frameIds.get(node);
      if (frameId === undefined || host.frameDocumentOf === undefined) return null;
      return host.frameDocumentOf(cx, 'frame:' + frameId);
    },
    'Node.isConnected': (node) => shadowIncludingRoot(node).nodeType === 9,
    'Node.getRootNode': (node, cx, options) => (options !== null && typeof options === 'object' && !!options.composed ? shadowIncludingRoot(node) : rootOf(node)),
    'Element.attachShadow': (node, cx, init) => attachShadow(cx, node, init),
    'Document.execCommand': (node, cx, command, ui, value) => execCommand(cx, node, command, value),
    'Document.queryCommandSupported': (node, cx, command) => commandSupported(cx, String(command).toLowerCase()),
    'Document.queryCommandEnabled': (node, cx, command) => {
      const name = String(command).toLowerCase();
      if (!commandSupported(cx, name) || name === 'copy' || name === 'cut' || name === 'paste') return false;
      if (name === 'selectall' || editedField(node) !== null) return true;
      return (name === 'inserttext' || name === 'delete' || name === 'forwarddelete') && editedRange(node) !== null;
    },
    'Document.queryCommandState': () => false,
    'Document.queryCommandValue': () => '',
    'Document.queryCommandIndeterminate': () => false,
    'HTMLStyleElement.sheet': (node, cx) => sheetObject(cx, elementSheet(node)),
    'Document.styleSheets': (node, cx) => sheetList(cx, node, () => sheetsOf(node)),
    'Document.adoptedStyleSheets': (node, cx) => adopted(cx, node),
    'Document.adoptedStyleSheets=': (node, cx, value) => adopt(cx, node, 'Document', value),
    'ShadowRoot.styleSheets': (node, cx) => sheetList(cx, node, () => sheetsOf(node)),
    'ShadowRoot.adoptedStyleSheets': (node, cx) => adopted(cx, node),
    'ShadowRoot.adoptedStyleSheets=': (node, cx, value) => adopt(cx, node, 'ShadowRoot', value),
    // (domino's fragments have no getElementById: the first element of the id in tree order.)
    'DocumentFragment.getElementById': (node, cx, id) => {
      if (id === '') return null;
      for (let current = node.firstChild; current !== null && current !== node;) {
        if (current.nodeType === 1 && current.getAttribute('id') === id) return current;
        if (current.firstChild !== null) current = current.firstChild;
        else {
          while (current !== node && current.nextSibling === null) current = current.parentNode;
          current = current === node ? null : current.nextSibling;
        }
      }
      return null;
    },
    'Node.cloneNode': (node, cx, ...args) => {
      if (shadowRoots.has(node)) {
        throw domException(cx, FIREFOX ? 'Operation is not supported' : failed('Node', 'cloneNode', 'ShadowRoot nodes are not clonable.'), 'NotSupportedError');
      }
      const clone = ReflectApply(node.cloneNode, node, args);
      noteMadeScripts(clone, node);
      return clone;
    },
    'Document.createElement': (node, cx, ...args) => {
      const element = ReflectApply(node.createElement, node, args);
      noteMadeScripts(element);
      return element;
    },
    'Document.createElementNS': (node, cx, ...args) => {
      const element = ReflectApply(node.createElementNS, node, args);
      noteMadeScripts(element);
      return element;
    },
    'Document.importNode': (node, cx, ...args) => {
      const imported = ReflectApply(node.importNode, node, args);
      noteMadeScripts(imported, args[0]);
      return imported;
    },
    // (HTML's non-blocking flag: set for a script a script made, unset by `async = ...` and when the
    // attribute is added; the attribute's removal (below) tells it was added.)
    'HTMLScriptElement.async': (node) => {
      if (!node.hasAttribute('async')) return !blockingScripts.has(node) && madeScripts.has(node);
      blockingScripts.add(node);
      return true;
    },
    'HTMLScriptElement.async=': (node, cx, value) => {
      blockingScripts.add(node);
      if (value) node.setAttribute('async', '');
      else node.removeAttribute('async');
    },
    'Element.shadowRoot': (node) => {
      const root = shadowOfHost.get(node);
      return root !== undefined && shadowRoots.get(root).mode === 'open' ? root : null;
    },
    'Element.assignedSlot': (node) => {
      const slot = slotOf(node);
      return slot !== null && shadowRoots.get(rootOf(slot)).mode === 'open' ? slot : null;
    },
    'HTMLSlotElement.assignedNodes': (node) => {
      const root = rootOf(node);
      const shadow = shadowRoots.get(root);
      if (shadow === undefined) return [];
      const nodes = slotAssignments(shadow.host).get(node);
      return nodes === undefined ? [] : nodes;
    },
    'HTMLSlotElement.assignedElements': (node) => {
      const shadow = shadowRoots.get(rootOf(node));
      const nodes = shadow === undefined ? undefined : slotAssignments(shadow.host).get(node);
      const elements = [];
      if (nodes !== undefined) for (let i = 0; i < nodes.length; i++) if (nodes[i].nodeType === 1) listPush(elements, nodes[i]);
      return elements;
    },
    'Text.assignedSlot': (node) => {
      const slot = slotOf(node);
      return slot !== null && shadowRoots.get(rootOf(slot)).mode === 'open' ? slot : null;
    },
    'ShadowRoot.mode': (node) => shadowRoots.get(node).mode,
    'ShadowRoot.host': (node) => shadowRoots.get(node).host,
    'ShadowRoot.delegatesFocus': (node) => shadowRoots.get(node).delegatesFocus,
    'ShadowRoot.slotAssignment': (node) => shadowRoots.get(node).slotAssignment,
    'ShadowRoot.clonable': (node) => shadowRoots.get(node).clonable,
    'ShadowRoot.serializable': (node) => shadowRoots.get(node).serializable,
    'ShadowRoot.activeElement': () => null,
    'ShadowRoot.innerHTML': (node) => node.innerHTML,
    'ShadowRoot.innerHTML=': (node, cx, text) => {
      // (Parsed as its host's contents are, then put in the root.)
      const holder = node.ownerDocument.createElement(shadowRoots.get(node).host.localName);
      holder.innerHTML = text;
      while (node.firstChild !== null) node.removeChild(node.firstChild);
      while (holder.firstChild !== null) node.appendChild(holder.firstChild);
    },
    'Node.baseURI': (node) => (node.nodeType === 9 ? node : node.ownerDocument)._address,
    // (A document that is not HTML has a body too when its root is an XHTML html element:
    // application/xhtml+xml.)
    'Document.body': (node) => {
      if (node.isHTML) return node.body;
      const root = node.documentElement;
      if (root === null || root.localName !== 'html' || root.namespaceURI !== HTML) return null;
      for (let child = root.firstElementChild; child !== null; child = child.nextElementSibling) {
        if (child.namespaceURI === HTML && (child.localName === 'body' || child.localName === 'frameset')) return child;
      }
      return null;
    },
    // (An attribute's local name is valid unless it is empty or holds white space, NULL, '/', '='
    // or '>': the DOM's newer rule, which both browsers follow; domino's is XML's Name.)
    'Document.createAttribute': (node, cx, name) => {
      const text = String(name);
      if (text === '' || /[\t\n\f\r \u0000\/=>]/.test(text)) {
        throw domException(cx, FIREFOX ? 'String contains an invalid character' : failed('Document', 'createAttribute', "The localName provided ('" + text + "') contains an invalid character."), 'InvalidCharacterError');
      }
      return library.newAttr(node, node.isHTML ? text.replace(/[A-Z]/g, (letter) => letter.toLowerCase()) : text, null, null);
    },
    'Document.createAttributeNS': (node, cx, namespace, qualifiedName) => {
      const attr = node.createAttributeNS(namespace, qualifiedName);
      attr._document = node;
      return attr;
    },
    'Document.readyState': (node, cx) => (node.readyState === undefined || node.readyState === null ? 'complete' : node.readyState),
    'Document.cookie': (node, cx) => {
      refuseOpaqueCookie(cx, node, 'read', 'from');
      return '';
    },
    'Document.cookie=': (node, cx) => { refuseOpaqueCookie(cx, node, 'set', 'on'); },
    'Document.domain': (node, cx) => documentDomain(cx, node),
    'Document.domain=': (node, cx, value) => setDocumentDomain(cx, node, value),
    'Document.visibilityState': (node) => (node._exthostHidden === true ? 'hidden' : 'visible'),
    'Document.hidden': (node) => node._exthostHidden === true,
    'Document.currentScript': (node) => node._exthostCurrentScript || null,
    'Document.referrer': () => '',
    'Document.defaultView': (node, cx) => (documentOf(cx) === node ? cx.global : null),
    'Document.activeElement': (node) => focusedElement(node) || node.body || node.documentElement,
    'Document.hasFocus': (node, cx) => hasSystemFocus(cx, node),
    'Document.createEvent': (node, cx, type) => createEvent(cx, type),
    'Document.characterSet': () => 'UTF-8',
    'Document.charset': () => 'UTF-8',
    'Document.inputEncoding': () => 'UTF-8',
    'ParentNode.append': (node, cx, list) => insertNodes(node, list, (fragment) => node.appendChild(fragment)),
    'ParentNode.prepend': (node, cx, list) => insertNodes(node, list, (fragment) => node.insertBefore(fragment, node.firstChild)),
    'ParentNode.replaceChildren': (node, cx, list) => insertNodes(node, list, (fragment) => {
      while (node.firstChild) node.removeChild(node.firstChild);
      node.appendChild(fragment);
    }),
    'ParentNode.querySelector': (node, cx, selector) => library.querySelector(node, selector),
    'ParentNode.querySelectorAll': (node, cx, selector) => library.querySelectorAll(node, selector),
    'Element.matches': (node, cx, selector) => library.matches(node, selector),
    'Element.webkitMatchesSelector': (node, cx, selector) => library.matches(node, selector),
    'Element.closest': (node, cx, selector) => library.closest(node, selector),
    'Element.insertAdjacentHTML': (node, cx, position, html) => node.insertAdjacentHTML(adjacentPosition(cx, 'insertAdjacentHTML', position), html),
    'Element.insertAdjacentText': (node, cx, position, text) => node.insertAdjacentText(adjacentPosition(cx, 'insertAdjacentText', position), text),
    'Element.insertAdjacentElement': (node, cx, position, element) => node.insertAdjacentElement(adjacentPosition(cx, 'insertAdjacentElement', position), element),
    'Element.getBoundingClientRect': (node, cx) => rect(cx),
    'Element.getClientRects': (node, cx) => rectList(cx),
    'Document.createRange': (node, cx) => rangeObject(cx, ranges.newRange(node)),
    'Document.getSelection': (node, cx) => selectionObject(cx, node),
    'Element.setAttributeNode': (node, cx, attr) => library.setAttributeNode(node, attr, false),
    'Element.setAttributeNodeNS': (node, cx, attr) => library.setAttributeNode(node, attr, true),
    'Document.implementation': (node, cx) => stateObject(cx, node.implementation, 'DOMImplementation', { __proto__: null, document: node }),
    // (Changes of text data that live ranges follow by their offsets: js/63_dom_range.js.)
    'CharacterData.replaceData': (node, cx, offset, count, data) => changeData(node, offset, count, data),
    'CharacterData.insertData': (node, cx, offset, data) => changeData(node, offset, 0, data),
    'CharacterData.deleteData': (node, cx, offset, count) => changeData(node, offset, count, ''),
    'CharacterData.appendData': (node, cx, data) => changeData(node, node.data.length, 0, data),
    'Text.splitText': (node, cx, offset) => (offset > node.data.length ? node.splitText(offset) : ranges.splitText(node, offset)),
    'Element.scrollIntoView': () => undefined,
    // (Nothing is laid out, so nothing scrolls: an element's offsets stay 0.)
    'Element.scrollTo': () => undefined,
    'Element.scrollBy': () => undefined,
    'Element.scroll': () => undefined,
    // (No animation runs here: CSS animations and transitions need the cascade's timing, and
    // `element.animate()` is not there.)
    'Element.getAnimations': (node, cx) => host.newArray(cx, []),
    'Document.getAnimations': (node, cx) => host.newArray(cx, []),
    // (A document in standards mode scrolls at its root element, in quirks mode at its body.)
    'Document.scrollingElement': (node) => (node.isHTML && node._quirks === true ? node.body : node.documentElement),
    // CSSOM View's checkVisibility(): whether the element is rendered (host.domIsRendered), and
    // with the options, visible (`visibility`) and not transparent (`opacity: 0` on it or around it).
    'Element.checkVisibility': (node, cx, options) => {
      if (!host.domIsRendered(wrap(cx, node))) return false;
      const given = options !== null && typeof options === 'object' ? options : null;
      const read = (key) => (given === null ? false : !!cx.b.ReflectGet(given, key));
      if ((read('checkOpacity') || read('opacityProperty'))) {
        for (let current = node; current !== null && current.nodeType === 1; current = current.parentNode) {
          if (Number(computedValue(current, 'opacity')) === 0) return false;
        }
      }
      if ((read('checkVisibilityCSS') || read('visibilityProperty')) && computedValue(node, 'visibility') !== 'visible') return false;
      return true;
    },
    'HTMLElement.innerText': (node) => innerText(node),
    'HTMLElement.innerText=': (node, cx, value) => setInnerText(node, value),
    'HTMLElement.outerText': (node) => innerText(node),
    'HTMLElement.outerText=': (node, cx, value) => {
      const parent = node.parentNode;
      if (parent === null) {
        throw domException(cx, failedSet('HTMLElement', 'outerText', FIREFOX ? details.NoModificationAllowedError : 'The element has no parent.'), 'NoModificationAllowedError');
      }
      const holder = node.ownerDocument.createElement('div');
      setInnerText(holder, value);
      while (holder.firstChild) parent.insertBefore(holder.firstChild, node);
      parent.removeChild(node);
    },
    'HTMLElement.translate': (node) => node.getAttribute('translate') !== 'no',
    'HTMLElement.translate=': (node, cx, value) => node.setAttribute('translate', value ? 'yes' : 'no'),
    'HTMLElement.draggable': (node) => node.getAttribute('draggable') === 'true' || ((node.localName === 'img' || (node.localName === 'a' && node.hasAttribute('href'))) && node.getAttribute('draggable') !== 'false'),
    'HTMLElement.draggable=': (node, cx, value) => node.setAttribute('draggable', value ? 'true' : 'false'),
    'HTMLElement.contentEditable': (node) => {
      const value = node.getAttribute('contenteditable');
      if (value === null) return 'inherit';
      const lower = value.toLowerCase();
      return lower === '' || lower === 'true' ? 'true' : lower === 'false' ? 'false' : lower === 'plaintext-only' ? 'plaintext-only' : 'inherit';
    },
    'HTMLElement.contentEditable=': (node, cx, value) => node.setAttribute('contenteditable', value),
    // (In a document in design mode, Chromium calls every element editable, Firefox not one in a
    // contenteditable=false island: design-mode.)
    'HTMLElement.isContentEditable': (node) => ((!FIREFOX && designModes.get(node.ownerDocument) === true) || editingHost(node) !== null),
    'Document.designMode': (node) => (designModes.get(node) === true ? 'on' : 'off'),
    'Document.designMode=': (node, cx, value) => {
      const lower = String(value).toLowerCase();
      if (lower === 'on' || lower === 'off') designModes.set(node, lower === 'on');
    },
    'HTMLElement.focus': (node, cx) => focusElement(cx, node),
    'HTMLElement.blur': (node, cx) => blurElement(cx, node),
    'HTMLElement.click': (node, cx) => click(cx, node, false),
    'SVGElement.focus': (node, cx) => focusElement(cx, node),
    'SVGElement.blur': (node, cx) => blurElement(cx, node),
    'HTMLElement.offsetParent': () => null,
    // (Nothing is laid out: the top document's root element is as wide and high as the viewport,
    // every other element has no box.)
    'Element.clientWidth': (node, cx) => (isViewportRoot(node, cx) ? host.headlessView.innerWidth : 0),
    'Element.clientHeight': (node, cx) => (isViewportRoot(node, cx) ? host.headlessView.innerHeight : 0),
    'SVGElement.focus': () => undefined,
    'SVGElement.blur': () => undefined,
    'HTMLAnchorElement.text': (node) => node.textContent,
    'HTMLAnchorElement.text=': (node, cx, value) => setText(node, value),
    'HTMLMediaElement.paused': () => true,
    'HTMLImageElement.complete': () => true,
    'HTMLImageElement.naturalWidth': () => 0,
    'HTMLImageElement.naturalHeight': () => 0,
    'HTMLFormElement.length': (node) => formControls(node).length,
    'HTMLFormElement.reset': (node, cx) => {
      // (A trusted, cancelable `reset` first; canceled, nothing is reset.)
      cx.loader.load('events');
      if (!cx.loader.fireEvent(wrap(cx, node), 'reset', { __proto__: null, bubbles: true, cancelable: true, composed: false })) return;
      const controls = formControls(node);
      for (let i = 0; i < controls.length; i++) resetControl(controls[i]);
    },
    // `submit()` submits at once, with no `submit` event; `requestSubmit(submitter)` as a click
    // on the submitter (or on no button) would.
    // (An element's and a fragment's text counts its CDATA sections, which domino's does not know.)
    'Node.textContent': (node) => (node.nodeType === 1 || node.nodeType === 11 ? library.textContentOf(node) : node.textContent),
    'HTMLFormElement.submit': (node, cx) => submitForm(cx, node, null, false),
    'HTMLFormElement.requestSubmit': (node, cx, submitter) => {
      if (submitter !== null && submitter !== undefined) {
        if (!isSubmitButton(submitter)) {
          throw host.newTypeError(cx, FIREFOX ? 'HTMLFormElement.requestSubmit: The submitter is not a submit button.'
            : "Failed to execute 'requestSubmit' on 'HTMLFormElement': The specified element is not a submit button.");
        }
        if (formOwner(submitter) !== node) {
          throw thrownBefore(cx, 'HTMLFormElement', 'requestSubmit', 'NotFoundError', 'The specified element is not owned by this form element.',
            'The submitter is not owned by this form.');
        }
      }
      submitForm(cx, node, submitter === undefined ? null : submitter, true);
    },
    'HTMLInputElement.form': (node) => formOwner(node),
    'HTMLButtonElement.form': (node) => formOwner(node),
    'HTMLSelectElement.form': (node) => formOwner(node),
    'HTMLTextAreaElement.form': (node) => formOwner(node),
    'HTMLFieldSetElement.form': (node) => formOwner(node),
    'HTMLOutputElement.form': (node) => formOwner(node),
    'HTMLLegendElement.form': (node) => (node.parentNode && node.parentNode.localName === 'fieldset' ? formOwner(node.parentNode) : null),
    'HTMLOptionElement.form': (node) => {
      const select = selectOf(node);
      return select === null ? null : formOwner(select);
    },
    'HTMLLabelElement.form': (node) => {
      const control = labelControl(node);
      return control === null ? null : formOwner(control);
    },
    'HTMLLabelElement.control': (node) => labelControl(node),
    'HTMLInputElement.value': (node) => controlValue(node),
    'HTMLInputElement.value=': (node, cx, value) => {
      let text = value;
      if (inputType(node) === 'number' && text !== '' && !FLOAT.test(text)) {
        // (HTML's value sanitization; Chromium says so in the console.)
        if (!FIREFOX) host.call(cx, 'page.warn', ['The specified value ' + JSONStringify(text) + ' cannot be parsed, or is out of range.']);
        text = '';
      }
      const previous = controlValue(node);
      controlValues.set(node, text);
      editedByUser.delete(node);
      valueChanged(node, previous);
    },
    'HTMLInputElement.defaultValue': (node) => defaultValue(node),
    'HTMLInputElement.defaultValue=': (node, cx, value) => node.setAttribute('value', value),
    'HTMLInputElement.checked': (node) => checkedness(node),
    'HTMLInputElement.checked=': (node, cx, value) => setCheckedness(node, value),
    'HTMLInputElement.defaultChecked': (node) => node.hasAttribute('checked'),
    'HTMLInputElement.defaultChecked=': (node, cx, value) => (value ? node.setAttribute('checked', '') : node.removeAttribute('checked')),
    'HTMLTextAreaElement.value': (node) => controlValue(node),
    'HTMLTextAreaElement.value=': (node, cx, value) => {
      const previous = controlValue(node);
      // (The value a script reads has its line breaks normalized to LF: HTML's API value.)
      controlValues.set(node, String(value).replace(/\r\n?/g, '\n'));
      editedByUser.delete(node);
      valueChanged(node, previous);
    },
    'HTMLTextAreaElement.defaultValue': (node) => node.textContent,
    'HTMLTextAreaElement.defaultValue=': (node, cx, value) => setText(node, value),
    'HTMLTextAreaElement.textLength': (node) => controlValue(node).length,
    'HTMLTextAreaElement.type': () => 'textarea',
    'HTMLOptionElement.index': (node) => {
      const select = selectOf(node);
      return select === null ? 0 : selectOptions(select).indexOf(node);
    },
    'HTMLOptionElement.text': (node) => optionText(node),
    'HTMLOptionElement.text=': (node, cx, value) => setText(node, value),
    'HTMLOptionElement.label': (node) => (node.hasAttribute('label') ? node.getAttribute('label') : optionText(node)),
    'HTMLOptionElement.value': (node) => (node.hasAttribute('value') ? node.getAttribute('value') : optionText(node)),
    'HTMLOptionElement.selected': (node) => selectedness(node),
    'HTMLOptionElement.selected=': (node, cx, value) => setSelectedness(node, value),
    'HTMLSelectElement.value': (node) => {
      const options = selectOptions(node);
      for (let i = 0; i < options.length; i++) if (selectedness(options[i])) return options[i].value;
      return '';
    },
    'HTMLSelectElement.value=': (node, cx, value) => {
      const options = selectOptions(node);
      let found = false;
      for (let i = 0; i < options.length; i++) {
        const match = !found && options[i].value === value;
        if (match) found = true;
        selectedStates.set(options[i], match);
      }
    },
    'HTMLSelectElement.selectedIndex': (node) => {
      const options = selectOptions(node);
      for (let i = 0; i < options.length; i++) if (selectedness(options[i])) return i;
      return -1;
    },
    'HTMLSelectElement.selectedIndex=': (node, cx, index) => {
      const options = selectOptions(node);
      for (let i = 0; i < options.length; i++) selectedStates.set(options[i], i === index);
    },
    'HTMLSelectElement.length': (node) => selectOptions(node).length,
    'HTMLSelectElement.type': (node) => (node.hasAttribute('multiple') ? 'select-multiple' : 'select-one'),
    'HTMLSelectElement.item': (node, cx, index) => selectOptions(node)[index] || null,
    // add(element, before): an option or optgroup, before an element of the select or the option at
    // an index (null or nothing: at the end).
    'HTMLSelectElement.add': (node, cx, element, before) => {
      const added = host.nodeOf(element);
      if (added === undefined || added.namespaceURI !== HTML || (added.localName !== 'option' && added.localName !== 'optgroup')) {
        throw host.newTypeError(cx, FIREFOX ? 'HTMLSelectElement.add: Argument 1 could not be converted to any of: HTMLOptionElement, HTMLOptGroupElement.'
          : "Failed to execute 'add' on 'HTMLSelectElement': The provided value is not of type '(HTMLOptGroupElement or HTMLOptionElement)'.");
      }
      let reference = null;
      if (before !== undefined && before !== null) {
        const beforeNode = host.nodeOf(before);
        if (beforeNode !== undefined) {
          if (!beforeNode.parentNode || (beforeNode.parentNode !== node && beforeNode.parentNode.parentNode !== node)) {
            throw thrownBefore(cx, 'HTMLSelectElement', 'add', 'NotFoundError', 'The node before which the new node is to be inserted is not a child of this node.',
              'Child to insert before is not a child of this node', false);
          }
          reference = beforeNode;
        } else {
          reference = selectOptions(node)[toLong(before)] || null;
        }
      }
      if (reference !== null) reference.parentNode.insertBefore(added, reference);
      else node.appendChild(added);
    },
  };
  // A control's value and checkedness, once a script (or the driver, or a click) set them: until
  // then the `value` and `checked` attributes (a textarea: its text) give them, as HTML's "dirty"
  // flags say; a form's reset forgets them.
  // The constraint validation members of each interface that has them (the validation itself is
  // below, by submitForm).
  {
    const owners = ['HTMLInputElement', 'HTMLSelectElement', 'HTMLTextAreaElement', 'HTMLButtonElement', 'HTMLFieldSetElement', 'HTMLOutputElement', 'HTMLObjectElement'];
    for (let i = 0; i < owners.length; i++) {
      const owner = owners[i];
      implementations[owner + '.willValidate'] = (node) => willValidate(node);
      implementations[owner + '.validity'] = (node, cx) => validityState(cx, node);
      implementations[owner + '.validationMessage'] = (node, cx) => validityOf(cx, node).message;
      implementations[owner + '.checkValidity'] = (node, cx) => checkControl(cx, node);
      implementations[owner + '.reportValidity'] = (node, cx) => checkControl(cx, node);
      implementations[owner + '.setCustomValidity'] = (node, cx, message) => { customValidities.set(node, message); };
    }
    // (The labels whose control an element is, in tree order; none for a hidden input.)
    const labelled = ['HTMLInputElement', 'HTMLSelectElement', 'HTMLTextAreaElement', 'HTMLButtonElement', 'HTMLOutputElement', 'HTMLMeterElement', 'HTMLProgressElement'];
    for (let i = 0; i < labelled.length; i++) {
      implementations[labelled[i] + '.labels'] = (node) => descendants(rootOf(node), (element) => element.localName === 'label' && element.namespaceURI === HTML && labelControl(element) === node);
    }
    implementations['HTMLFormElement.checkValidity'] = (node, cx) => checkForm(cx, node);
    implementations['HTMLFormElement.reportValidity'] = (node, cx) => checkForm(cx, node);
    const submitters = ['HTMLInputElement', 'HTMLButtonElement'];
    for (let i = 0; i < submitters.length; i++) {
      implementations[submitters[i] + '.formNoValidate'] = (node) => node.hasAttribute('formnovalidate');
      implementations[submitters[i] + '.formNoValidate='] = (node, cx, value) => (value ? node.setAttribute('formnovalidate', '') : node.removeAttribute('formnovalidate'));
    }
  }
  // ---- Text selection of text fields (HTML's "APIs for the text control selections") ------------------
  // Each text field's selection: {start, end, direction}; (0, 0, forward) at first, at the end
  // when a script or a person changes its value (fixtures/conformance/dom-text-selection). Only
  // text, search, URL, telephone and password inputs and textareas have one: another input's
  // members are null, and setting them throws InvalidStateError (select() does nothing).
  const selections = new SafeWeakMap();
  const SELECTABLE = { __proto__: null, text: true, search: true, url: true, tel: true, password: true };
  const hasSelection = (node) => node.localName === 'textarea' || (node.localName === 'input' && SELECTABLE[inputType(node)] === true);
  function selectionOf(node) {
    let selection = selections.get(node);
    if (selection === undefined) {
      selection = { __proto__: null, start: 0, end: 0, direction: 'forward' };
      selections.set(node, selection);
    }
    // (The value may have become shorter meanwhile.)
    const length = controlValue(node).length;
    if (selection.end > length) selection.end = length;
    if (selection.start > selection.end) selection.start = selection.end;
    return selection;
  }
  // The field's value changed (a script's, the driver's typing): the caret goes to its end.
  function valueChanged(node, previous) {
    if (controlValue(node) === previous) return;
    const length = controlValue(node).length;
    selections.set(node, { __proto__: null, start: length, end: length, direction: 'forward' });
  }
  const interfaceOf = (node) => (node.localName === 'textarea' ? 'HTMLTextAreaElement' : 'HTMLInputElement');
  function noSelection(cx, node, member, isSetter) {
    if (FIREFOX) return domException(cx, 'An attempt was made to use an object that is not, or is no longer, usable', 'InvalidStateError');
    const text = "The input element's type ('" + inputType(node) + "') does not support selection.";
    return domException(cx, isSetter ? failedSet(interfaceOf(node), member, text) : failed(interfaceOf(node), member, text), 'InvalidStateError');
  }
  // setSelectionRange(start, end, direction): clamped to the value; a start after the end is the end.
  function setSelectionRange(node, start, end, direction) {
    const length = controlValue(node).length;
    const selection = selectionOf(node);
    selection.end = end > length ? length : end;
    selection.start = start > selection.end ? selection.end : start;
    selection.direction = direction === 'backward' ? 'backward' : 'forward';
  }
  // setRangeText(replacement, start, end, selectMode): the text between start and end replaced,
  // and the selection as `selectMode` says ('preserve' moves it with the text around it).
  function setRangeText(cx, node, replacement, start, end, mode) {
    const value = controlValue(node);
    const selection = selectionOf(node);
    if (start === undefined) {
      start = selection.start;
      end = selection.end;
    }
    if (start > end) {
      throw domException(cx, FIREFOX ? 'Index or size is negative or greater than the allowed amount'
        : failed(interfaceOf(node), 'setRangeText', 'The provided start value (' + start + ') is larger than the provided end value (' + end + ').'), 'IndexSizeError');
    }
    if (start > value.length) start = value.length;
    if (end > value.length) end = value.length;
    const text = String(replacement);
    controlValues.set(node, value.slice(0, start) + text + value.slice(end));
    const newEnd = start + text.length;
    const oldStart = selection.start;
    const oldEnd = selection.end;
    if (mode === 'select') setSelectionRange(node, start, newEnd, selection.direction);
    else if (mode === 'start') setSelectionRange(node, start, start, selection.direction);
    else if (mode === 'end') setSelectionRange(node, newEnd, newEnd, selection.direction);
    else {
      const delta = text.length - (end - start);
      const movedStart = oldStart > end ? oldStart + delta : oldStart > start ? start : oldStart;
      const movedEnd = oldEnd > end ? oldEnd + delta : oldEnd > start ? newEnd : oldEnd;
      setSelectionRange(node, movedStart, movedEnd, selection.direction);
    }
  }
  {
    const owners = ['HTMLInputElement', 'HTMLTextAreaElement'];
    for (let i = 0; i < owners.length; i++) {
      const owner = owners[i];
      const member = (key, get, set) => {
        implementations[owner + '.' + key] = (node) => (hasSelection(node) ? get(selectionOf(node)) : null);
        implementations[owner + '.' + key + '='] = (node, cx, value) => {
          if (!hasSelection(node)) throw noSelection(cx, node, key, true);
          set(node, selectionOf(node), value);
        };
      };
      member('selectionStart', (s) => s.start, (node, s, value) => setSelectionRange(node, toUnsigned(value), s.end > toUnsigned(value) ? s.end : toUnsigned(value), s.direction));
      member('selectionEnd', (s) => s.end, (node, s, value) => setSelectionRange(node, s.start, toUnsigned(value), s.direction));
      member('selectionDirection', (s) => s.direction, (node, s, value) => setSelectionRange(node, s.start, s.end, String(value)));
      implementations[owner + '.setSelectionRange'] = (node, cx, start, end, direction) => {
        if (!hasSelection(node)) throw noSelection(cx, node, 'setSelectionRange', false);
        setSelectionRange(node, toUnsigned(start), toUnsigned(end), direction === undefined ? 'forward' : String(direction));
      };
      implementations[owner + '.setRangeText'] = (node, cx, replacement, start, end, mode) => {
        if (!hasSelection(node)) throw noSelection(cx, node, 'setRangeText', false);
        if (start !== undefined && end === undefined) {
          throw host.newTypeError(cx, FIREFOX ? owner + '.setRangeText: 2 is not a valid argument count for any overload.'
            : failed(owner, 'setRangeText', 'The end argument is required when the start argument is given.'));
        }
        setRangeText(cx, node, replacement, start === undefined ? undefined : toUnsigned(start), end === undefined ? undefined : toUnsigned(end),
          mode === undefined ? 'preserve' : String(mode));
      };
      implementations[owner + '.select'] = (node) => {
        if (hasSelection(node)) setSelectionRange(node, 0, controlValue(node).length, 'forward');
      };
    }
  }

  const controlValues = new SafeWeakMap();
  const checkedStates = new SafeWeakMap();
  const defaultValue = (node) => (node.localName === 'textarea' ? node.textContent : node.getAttribute('value') || '');
  function controlValue(node) {
    const value = controlValues.get(node);
    if (value !== undefined) return node.localName === 'input' && inputType(node) === 'range' ? rangeValue(node, value) : value;
    const initial = defaultValue(node);
    // (A textarea's value has its line breaks normalized to LF: HTML's API value.)
    if (node.localName === 'textarea') return initial.replace(/\r\n?/g, '\n');
    if (node.localName === 'input' && inputType(node) === 'range') return rangeValue(node, initial);
    // (A number field's value is a valid number or nothing: HTML's value sanitization.)
    return initial !== '' && node.localName === 'input' && inputType(node) === 'number' && !FLOAT.test(initial) ? '' : initial;
  }
  // A range control's value as HTML's value sanitization makes it: a number within its minimum
  // (0) and maximum (100), by default halfway, on its step (1) from its step base (the minimum
  // given, else the value attribute, else 0), with as many decimals as the step and the base have
  // (the browsers count in decimals: a step of 0.1 gives 0.3, never 0.30000000000000004).
  function rangeValue(node, text) {
    const attribute = (name) => {
      const value = node.getAttribute(name);
      return value !== null && FLOAT.test(value) ? Number(value) : undefined;
    };
    const givenMin = attribute('min');
    const min = givenMin === undefined ? 0 : givenMin;
    const givenMax = attribute('max');
    let max = givenMax === undefined ? 100 : givenMax;
    if (max < min) max = min;
    let value = FLOAT.test(text) ? Number(text) : min + (max - min) / 2;
    if (value < min) value = min;
    if (value > max) value = max;
    const stepText = node.getAttribute('step');
    if (stepText !== null && stepText.toLowerCase() === 'any') return String(value);
    const step = stepText !== null && FLOAT.test(stepText) && Number(stepText) > 0 ? Number(stepText) : 1;
    const valueBase = attribute('value');
    const base = givenMin !== undefined ? givenMin : valueBase !== undefined ? valueBase : 0;
    let snapped = base + MathFloor((value - base) / step + 0.5) * step;
    if (snapped > max) snapped -= step;
    if (snapped < min) snapped += step;
    const digits = decimalsOf(step) > decimalsOf(base) ? decimalsOf(step) : decimalsOf(base);
    return String(Number(snapped.toFixed(digits > 20 ? 20 : digits)));
  }
  // How many decimals a number's shortest text has (`1e-7`: 7).
  function decimalsOf(number) {
    const text = String(number);
    const exponent = text.indexOf('e-');
    if (exponent >= 0) {
      const point = text.indexOf('.');
      return Number(text.slice(exponent + 2)) + (point >= 0 && point < exponent ? exponent - point - 1 : 0);
    }
    const point = text.indexOf('.');
    return point < 0 ? 0 : text.length - point - 1;
  }
  function checkedness(node) {
    const state = checkedStates.get(node);
    return state !== undefined ? state : node.hasAttribute('checked');
  }
  function setCheckedness(node, value) {
    checkedStates.set(node, !!value);
    // (A radio button checked unchecks the others of its group in its form or tree.)
    if (!value || String(node.getAttribute('type') || '').toLowerCase() !== 'radio' || !node.getAttribute('name')) return;
    const name = node.getAttribute('name');
    let root = node;
    while (root.parentNode && root.localName !== 'form') root = root.parentNode;
    const group = descendants(root, (element) => element !== node && element.localName === 'input' && element.getAttribute('name') === name
      && String(element.getAttribute('type') || '').toLowerCase() === 'radio');
    for (let i = 0; i < group.length; i++) checkedStates.set(group[i], false);
  }
  library.setControlState({ __proto__: null, checked: checkedness, selected: (option) => selectedness(option), value: controlValue });
  // A form-associated element's form owner: the form its `form` attribute names (by id, in its
  // tree), else its nearest form ancestor.
  function formOwner(node) {
    if (node.hasAttribute('form')) {
      const id = node.getAttribute('form');
      const root = rootOf(node);
      const found = root.nodeType === 9 || root.nodeType === 11 ? root.getElementById(id) : null;
      return found !== null && found.localName === 'form' && found.namespaceURI === HTML ? found : null;
    }
    for (let ancestor = node.parentNode; ancestor && ancestor.nodeType === 1; ancestor = ancestor.parentNode) {
      if (ancestor.localName === 'form' && ancestor.namespaceURI === HTML) return ancestor;
    }
    return null;
  }
  // A label's labeled control: the element its `for` names, else its first labelable descendant.
  const LABELABLE = { __proto__: null, button: true, input: true, meter: true, output: true, progress: true, select: true, textarea: true };
  function labelControl(label) {
    const labelable = (element) => LABELABLE[element.localName] === true && !(element.localName === 'input' && String(element.getAttribute('type')).toLowerCase() === 'hidden');
    if (label.hasAttribute('for')) {
      const root = rootOf(label);
      const found = root.nodeType === 9 || root.nodeType === 11 ? root.getElementById(label.getAttribute('for')) : null;
      return found !== null && labelable(found) ? found : null;
    }
    const list = descendants(label, labelable);
    return list.length > 0 ? list[0] : null;
  }
  // An option's text: its descendants' text but a script's, with white space collapsed.
  function optionText(option) {
    let text = '';
    const walk = (node) => {
      for (let child = node.firstChild; child; child = child.nextSibling) {
        if (child.nodeType === 3) text += child.data;
        else if (child.nodeType === 1 && !(child.localName === 'script' && (child.namespaceURI === HTML || child.namespaceURI === SVG))) walk(child);
      }
    };
    walk(option);
    return text.replace(/[\t\n\f\r ]+/g, ' ').replace(/^ | $/g, '');
  }
  // The select an option belongs to (directly, or through an optgroup), or null.
  function selectOf(option) {
    let parent = option.parentNode;
    if (parent && parent.localName === 'optgroup') parent = parent.parentNode;
    return parent && parent.localName === 'select' ? parent : null;
  }
  // An option's selectedness: set by a script (or the driver) once, else from the `selected`
  // attributes (the last selected option of a single select, else its first option that is not disabled).
  const selectedStates = new SafeWeakMap();
  function selectedness(option) {
    const state = selectedStates.get(option);
    if (state !== undefined) return state;
    let select = option.parentNode;
    if (select && select.localName === 'optgroup') select = select.parentNode;
    if (!select || select.localName !== 'select' || select.hasAttribute('multiple')) return option.hasAttribute('selected');
    const options = selectOptions(select);
    let chosen = null;
    for (let i = 0; i < options.length; i++) if (options[i].hasAttribute('selected') && !selectedStates.has(options[i])) chosen = options[i];
    if (chosen === null) {
      for (let i = 0; i < options.length; i++) if (selectedStates.get(options[i]) === true) return options[i] === option;
      for (let i = 0; i < options.length; i++) {
        if (!options[i].hasAttribute('disabled')) {
          chosen = options[i];
          break;
        }
      }
    }
    return chosen === option;
  }
  function setSelectedness(option, value) {
    let select = option.parentNode;
    if (select && select.localName === 'optgroup') select = select.parentNode;
    if (value && select && select.localName === 'select' && !select.hasAttribute('multiple')) {
      const options = selectOptions(select);
      for (let i = 0; i < options.length; i++) selectedStates.set(options[i], options[i] === option);
      return;
    }
    selectedStates.set(option, !!value);
  }
  function resetControl(element) {
    if (element.localName === 'select') {
      const options = selectOptions(element);
      for (let i = 0; i < options.length; i++) selectedStates.delete(options[i]);
    } else if (element.localName === 'input' || element.localName === 'textarea') {
      controlValues.delete(element);
      checkedStates.delete(element);
    }
  }

  // `document.createEvent(interface)`: an event of that interface, not initialized (its
  // `initEvent` must run before it is dispatched), for the DOM's legacy names.
  const legacyEventInterfaces = {
    __proto__: null, event: 'Event', events: 'Event', htmlevents: 'Event', svgevents: 'Event', customevent: 'CustomEvent',
    uievent: 'UIEvent', uievents: 'UIEvent', mouseevent: 'MouseEvent', mouseevents: 'MouseEvent', focusevent: 'FocusEvent',
    keyboardevent: 'KeyboardEvent', messageevent: 'MessageEvent',
  };
  const eventModules = { __proto__: null, Event: 'events', CustomEvent: 'events', MessageEvent: 'channel_messaging' };
  function createEvent(cx, type) {
    const name = legacyEventInterfaces[type.toLowerCase()];
    if (name === undefined) {
      throw thrownBefore(cx, 'Document', 'createEvent', 'NotSupportedError', "The provided event type ('" + type + "') is invalid.", details.NotSupportedError, true);
    }
    cx.loader.load(eventModules[name] || 'ui_events');
    const event = new cx.loader.lazyGlobals[name]('');
    cx.loader.eventStateOf(event).initialized = false;
    return event;
  }

  // A DOMRect of zeros: exthost lays nothing out.
  const rect = (cx) => rectObject(cx, 'DOMRect', 0, 0, 0, 0);
  // A DOMRect or DOMRectReadOnly (`name`) of the world of `cx`.
  function rectObject(cx, name, x, y, width, height) {
    const object = host.newObjectFrom(cx, interfaceObject(cx, name).prototype);
    const values = ['x', x, 'y', y, 'width', width, 'height', height, 'top', y, 'right', x + width, 'bottom', y + height, 'left', x];
    wrapped.set(object, { __proto__: null, rect: true });
    for (let i = 0; i < values.length; i += 2) host.defineValue(object, values[i], values[i + 1], true, true, true);
    return object;
  }
  host.domRect = rectObject;
  // Whether the element behind `value` is being rendered: in its document (through any shadow
  // host) and neither it nor an element around it has `display: none` (js/31_layout_observers.js).
  host.domIsRendered = (value) => {
    const node = host.nodeOf(value);
    if (node === undefined || node.nodeType !== 1 || shadowIncludingRoot(node).nodeType !== 9) return false;
    for (let current = node; current !== null && current.nodeType === 1;) {
      if (computedValue(current, 'display') === 'none') return false;
      current = current.parentNode !== null && shadowRoots.has(current.parentNode) ? shadowRoots.get(current.parentNode).host : current.parentNode;
    }
    return true;
  };
  host.domIsElement = (value) => {
    const node = host.nodeOf(value);
    return node !== undefined && node.nodeType === 1;
  };

  // A document of an opaque origin (a frame sandboxed without allow-same-origin: frame-sandbox)
  // refuses its cookies.
  function refuseOpaqueCookie(cx, document, verb, preposition) {
    if (document !== documentOf(cx) || cx.info.origin !== 'null') return;
    throw domException(cx, FIREFOX ? 'The operation is insecure.'
      : 'Failed to ' + verb + " the 'cookie' property " + preposition + " 'Document': The document is sandboxed and lacks the 'allow-same-origin' flag.", 'SecurityError');
  }

  // ---- document.domain (recorded: document-domain) --------------------------------------------------------
  // The host of the world's origin (every document a world reaches is of its origin; '' for an
  // opaque one). Setting it to the same host changes nothing (Chromium, whose agent clusters are
  // origin-keyed, says so in a warning); to anything else but a parent domain of a host that is no
  // IP address, it throws each browser's SecurityError. Firefox then takes a parent domain for
  // the value (access between documents stays by origin, unrecorded); Chromium ignores it.
  const documentDomains = new SafeWeakMap();
  function originHost(origin) {
    if (origin === 'null' || origin === undefined) return '';
    const scheme = origin.indexOf('://');
    let rest = scheme < 0 ? origin : origin.slice(scheme + 3);
    const colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf(']')) rest = rest.slice(0, colon);
    return rest;
  }
  function documentDomain(cx, document) {
    const set = documentDomains.get(document);
    return set !== undefined ? set : originHost(cx.info.origin);
  }
  function setDocumentDomain(cx, document, value) {
    const current = documentDomain(cx, document);
    const text = String(value);
    const refuse = (reason) => domException(cx, FIREFOX ? 'The operation is insecure.' : "Failed to set the 'domain' property on 'Document': " + reason, 'SecurityError');
    if (text === '') throw refuse("'' is an empty domain.");
    // (The value read as a URL's host is: `0.0.1` is the address 0.0.0.1.)
    const parts = host.call(cx, 'url.parse', ['http://' + text + '/']);
    const wanted = parts !== null && typeof parts === 'object' ? String(parts.hostname) : text;
    const isAddress = /^[0-9.]+$/.test(current) || current[0] === '[';
    if (wanted !== current && (current === '' || isAddress || !current.endsWith('.' + wanted))) throw refuse("'" + wanted + "' is not a suffix of '" + current + "'.");
    if (!FIREFOX) {
      host.call(cx, 'page.warn', ['document.domain mutation is ignored because the surrounding agent cluster is origin-keyed.']);
      return;
    }
    documentDomains.set(document, wanted);
  }

  // ---- click() ---------------------------------------------------------------------------------------------
  // An element's click: a `click` PointerEvent (bubbling, cancelable, composed) dispatched at it by
  // the world's events (js/31_events.js, js/31_ui_events.js), then its activation behaviour unless
  // a listener cancelled it (a checkbox or radio button changes and fires trusted `input` and
  // `change`). A script's `click()` makes an untrusted event with no pointer; a person's click (the
  // driver's) is the mouse's whole way there (`personClick`); a click the browser itself makes
  // (`trusted`: a label's forwarded to its control) is one trusted click from the mouse. A disabled
  // control fires nothing (unrecorded for a person's: the browsers may still move the mouse there).
  function click(cx, node, trusted) {
    if (library.matches(node, ':disabled')) return;
    // (A click the browser forwards, as a label's to its control, takes the focus before it.)
    if (trusted) focusByClick(cx, node);
    cx.loader.load('ui_events');
    cx.loader.fireUIEvent(wrap(cx, node), 'PointerEvent', 'click', trusted ? mouseInit(cx, true, 'click', null)
      : { __proto__: null, bubbles: true, cancelable: true, composed: true, view: cx.global, detail: 0, pointerType: '', pointerId: 0, isPrimary: false }, !!trusted);
  }

  // ---- A person's mouse (the driver's clicks) ---------------------------------------------------------------
  // As WebDriver's element click (recorded from both browsers: user-activation): the mouse moves to
  // the element (its window takes the focus first in Chromium: `focus` at the window, twice as
  // recorded; Swift: ExtensionHost+UserActivation.swift), leaving the element it was over and
  // entering this one, then presses (user activation: the window's is transient for five seconds;
  // what the press lands on takes the focus) and releases, and the click follows. Chromium fires
  // each move's pointer events, then its mouse events, out and leave before over and enter;
  // Firefox the pointer's out, leave, over, enter and move, then the mouse's. A canceled
  // `pointerdown` suppresses the mouse's `mousedown` and `mouseup`; a canceled `mousedown`, the focus.
  // The element under the mouse in each document, once a person's click moved it there.
  const hoveredElements = new SafeWeakMap();
  // The fields of a person's mouse event: a pointer's have no button pressed (-1) but while
  // pressing; Firefox's `mousemove` has a detail of 1.
  function mouseInit(cx, pointer, type, relatedTarget) {
    const pressed = type === 'pointerdown' || type === 'mousedown';
    const button = pressed || type === 'pointerup' || type === 'mouseup' || type === 'click' ? 0 : pointer ? -1 : 0;
    const bubbles = type !== 'pointerenter' && type !== 'pointerleave' && type !== 'mouseenter' && type !== 'mouseleave';
    const clicking = type === 'mousedown' || type === 'mouseup' || type === 'click' || (FIREFOX && type === 'mousemove');
    const init = {
      __proto__: null, bubbles, cancelable: bubbles, composed: bubbles, view: cx.global, detail: clicking ? 1 : 0, button, buttons: pressed ? 1 : 0,
      relatedTarget: relatedTarget === null ? null : wrap(cx, relatedTarget),
    };
    if (pointer) {
      init.pointerType = 'mouse';
      init.pointerId = 1;
      init.isPrimary = true;
    }
    return init;
  }
  // Fires a person's mouse event `type` at `node` (a PointerEvent's when `pointer`); false when canceled.
  function fireMouse(cx, node, type, relatedTarget) {
    const pointer = type[0] === 'p' || type === 'click';
    return cx.loader.fireUIEvent(wrap(cx, node), pointer ? 'PointerEvent' : 'MouseEvent', type, mouseInit(cx, pointer, type, relatedTarget), true);
  }
  // `node` and its ancestor elements, innermost first.
  function elementChain(node) {
    const chain = [];
    for (let current = node; current !== null && current.nodeType === 1; current = current.parentNode) listPush(chain, current);
    return chain;
  }
  // The mouse moves onto `node` in its document: the events of leaving the element it was over
  // (if it is still in the document) and entering this one, then the move.
  function moveMouse(cx, node) {
    const document = node.ownerDocument;
    let previous = hoveredElements.get(document);
    if (previous === undefined || rootOf(previous) !== document) previous = null;
    hoveredElements.set(document, node);
    const into = elementChain(node);
    const from = previous === null ? [] : elementChain(previous);
    // (Leave fires at each element left, innermost first; enter at each entered, outermost first.)
    const left = [];
    for (let i = 0; i < from.length; i++) if (into.indexOf(from[i]) < 0) listPush(left, from[i]);
    const entered = [];
    for (let i = into.length - 1; i >= 0; i--) if (from.indexOf(into[i]) < 0) listPush(entered, into[i]);
    const boundary = (prefix) => {
      if (previous === node) return;
      if (previous !== null) {
        fireMouse(cx, previous, prefix + 'out', node);
        for (let i = 0; i < left.length; i++) fireMouse(cx, left[i], prefix + 'leave', node);
      }
      fireMouse(cx, node, prefix + 'over', previous);
      for (let i = 0; i < entered.length; i++) fireMouse(cx, entered[i], prefix + 'enter', previous);
    };
    if (FIREFOX) {
      boundary('pointer');
      fireMouse(cx, node, 'pointermove', null);
      boundary('mouse');
    } else {
      boundary('pointer');
      boundary('mouse');
      fireMouse(cx, node, 'pointermove', null);
    }
    fireMouse(cx, node, 'mousemove', null);
  }
  function personClick(cx, node) {
    cx.loader.load('ui_events');
    personInput(cx);
    moveMouse(cx, node);
    host.call(cx, 'page.activate', []);
    const down = fireMouse(cx, node, 'pointerdown', null);
    // (A person's press focuses what it lands on, unless a listener canceled it.)
    if (!down || fireMouse(cx, node, 'mousedown', null)) focusByClick(cx, node);
    fireMouse(cx, node, 'pointerup', null);
    if (down) fireMouse(cx, node, 'mouseup', null);
    fireMouse(cx, node, 'click', null);
  }
  // A person's input reaches the window of `cx`: Chromium gives it the system focus if it had not
  // (`focus` fires at the window twice, as recorded in user-activation for a click: the same for
  // keys and a drag is not recorded; then the focused element,
  // if there is one, hears its `focus` and `focusin`, as recorded in person-typing: that these
  // come after the window's is not recorded).
  function personInput(cx) {
    if (host.call(cx, 'page.takeSystemFocus', []) !== true) return;
    cx.loader.load('ui_events');
    for (let i = 0; i < 2; i++) {
      cx.loader.fireUIEvent(cx.global, 'FocusEvent', 'focus', { __proto__: null, bubbles: false, cancelable: false, composed: true, view: cx.global, relatedTarget: null }, true);
    }
    const focused = focusedElement(documentOf(cx));
    if (focused !== null) fireFocusEvents(cx, focused, true, null);
  }
  // A person's selection of all of `node`'s text, by a drag over it: `pointerdown` and `mousedown`
  // at it, then `selectstart` (a listener may cancel the selection), the document's selection
  // made of its contents (a `selectionchange` follows), then `pointerup` and `mouseup` (the drag
  // moved: no click). Extensions that act on selected text listen for `mouseup`.
  function selectByPerson(cx, document, node) {
    const selection = documentSelectionOf(document);
    if (cx !== null && selection.worldCx === null) selection.worldCx = cx;
    if (cx === null) {
      selectContents(selection, node);
      return;
    }
    cx.loader.load('ui_events');
    const init = (pointer) => ({
      __proto__: null, bubbles: true, cancelable: true, composed: true, view: cx.global, detail: 1, button: 0, buttons: pointer ? 1 : 0,
      pointerType: 'mouse', pointerId: 1, isPrimary: true,
    });
    const target = wrap(cx, node);
    personInput(cx);
    host.call(cx, 'page.activate', []);
    // (The drag ends over the element: the next click's mouse comes from there.)
    hoveredElements.set(document, node);
    cx.loader.fireUIEvent(target, 'PointerEvent', 'pointerdown', init(true), true);
    cx.loader.fireUIEvent(target, 'MouseEvent', 'mousedown', init(true), true);
    if (cx.loader.fireEvent(target, 'selectstart', { __proto__: null, bubbles: true, cancelable: true, composed: false })) selectContents(selection, node);
    cx.loader.fireUIEvent(target, 'PointerEvent', 'pointerup', init(false), true);
    cx.loader.fireUIEvent(target, 'MouseEvent', 'mouseup', init(false), true);
  }

  // ---- Focus (HTML's focusing steps; no layout, so every connected focusable element can take it) ----
  // Each document's focused element (none: its body is the active element). A window has no
  // system focus, as under automation (`document.hasFocus()` is false), until a person's input
  // gives Chromium's window the focus (Firefox's headless windows never take it): without it the
  // focus moves, `document.activeElement` says where, and no `focus`, `blur`, `focusin` or
  // `focusout` fires (recorded from both browsers: focus-events); with it, `blur` and `focusout`
  // fire at what loses the focus, then `focus` and `focusin` at what takes it (user-activation).
  const focusedElements = new SafeWeakMap();
  // Whether `document` is the document of `cx` and its window has the system focus.
  const hasSystemFocus = (cx, document) => !FIREFOX && cx !== null && document === documentOf(cx) && host.call(cx, 'page.hasFocus', []) === true;
  // The focus events of `node` losing the focus to `related` (`blur`, `focusout`), or taking it
  // from `related` (`focus`, `focusin`); `related` may be null.
  function fireFocusEvents(cx, node, taking, related) {
    cx.loader.load('ui_events');
    const fire = (type, bubbles) => cx.loader.fireUIEvent(wrap(cx, node), 'FocusEvent', type, {
      __proto__: null, bubbles, cancelable: false, composed: true, view: cx.global, relatedTarget: related === null ? null : wrap(cx, related),
    }, true);
    fire(taking ? 'focus' : 'blur', false);
    fire(taking ? 'focusin' : 'focusout', true);
  }
  function isFocusable(node) {
    if (node.nodeType !== 1 || (node.namespaceURI !== HTML && node.namespaceURI !== SVG) || rootOf(node).nodeType !== 9) return false;
    if (library.matches(node, ':disabled')) return false;
    const tabIndex = node.getAttribute('tabindex');
    if (tabIndex !== null && /^\s*[-+]?[0-9]+/.test(tabIndex)) return true;
    if (node.namespaceURI !== HTML) return false;
    switch (node.localName) {
      case 'input': return inputType(node) !== 'hidden';
      case 'select': case 'textarea': case 'button': case 'iframe': return true;
      case 'a': case 'area': return node.hasAttribute('href');
      default: {
        const editable = node.getAttribute('contenteditable');
        return editable !== null && String(editable).toLowerCase() !== 'false';
      }
    }
  }
  // The document's focused element, if it is still in it.
  function focusedElement(document) {
    const element = focusedElements.get(document);
    return element !== undefined && element !== null && element.ownerDocument === document && rootOf(element) === document ? element : null;
  }
  // `element.focus()`, a label's click, a person's click or typing: `node` takes the focus.
  function focusElement(cx, node) {
    if (!isFocusable(node)) return;
    const document = node.ownerDocument;
    const previous = focusedElement(document);
    leaveEdited(cx, previous, node);
    if (previous === node || !hasSystemFocus(cx, document)) {
      focusedElements.set(document, node);
      return;
    }
    // (While `blur` runs, the body is the active element; a listener that moves the focus then
    // ends this move, as in Chromium.)
    focusedElements.delete(document);
    if (previous !== null) {
      fireFocusEvents(cx, previous, false, node);
      if (focusedElement(document) !== null) return;
    }
    focusedElements.set(document, node);
    fireFocusEvents(cx, node, true, previous);
  }
  // `element.blur()`, or a person's click on nothing focusable: the focus goes back to the body.
  function blurElement(cx, node) {
    if (focusedElement(node.ownerDocument) !== node) return;
    leaveEdited(cx, node, null);
    focusedElements.delete(node.ownerDocument);
    if (hasSystemFocus(cx, node.ownerDocument)) fireFocusEvents(cx, node, false, null);
  }
  // The fields a person's typing or an editing command changed since their last `change`:
  // Chromium fires it when the focus leaves such a field (fixtures/conformance/exec-command,
  // person-typing); Firefox's headless window, never focused, does not.
  const editedControls = new SafeWeakSet();
  function leaveEdited(cx, previous, next) {
    if (previous === null || previous === undefined || previous === next || !editedControls.has(previous)) return;
    editedControls.delete(previous);
    if (!FIREFOX) cx.loader.fireEvent(wrap(cx, previous), 'change', { __proto__: null, bubbles: true, cancelable: false, composed: false });
  }

  // ---- Editing commands (document.execCommand) --------------------------------------------------------------
  // The commands a script runs on the focused text field as a person's editing would: `insertText`
  // (at the caret or over the selection), `delete` and `forwardDelete`, `selectAll`, each with
  // the input events a browser fires (Firefox a cancelable `beforeinput` first), trusted. The
  // clipboard's commands need a person's gesture and do nothing; the rich-text commands need an
  // editable element, which exthost does not edit (contenteditable), and do nothing either.
  const knownCommands = ('backcolor bold contentreadonly copy createlink cut decreasefontsize delete enableinlinetableediting enableobjectresizing '
    + 'fontname fontsize forecolor formatblock forwarddelete hilitecolor increasefontsize indent insertbronreturn inserthorizontalrule inserthtml '
    + 'insertimage insertlinebreak insertorderedlist insertparagraph inserttext insertunorderedlist italic justifycenter justifyfull justifyleft '
    + 'justifyright outdent paste redo removeformat selectall strikethrough stylewithcss subscript superscript underline undo unlink usecss '
    + 'defaultparagraphseparator').split(' ');
  // (Chromium's content scripts may not paste: the command is not supported there.)
  const commandSupported = (cx, name) => knownCommands.indexOf(name) >= 0 && !(name === 'paste' && !FIREFOX && cx.kind === 'content');
  // The focused text field the commands edit, if there is one.
  function editedField(document) {
    const node = focusedElement(document);
    if (node === null || node === undefined || node.nodeType !== 1 || node.namespaceURI !== HTML || !hasSelection(node)) return null;
    if (node.hasAttribute('readonly') || library.matches(node, ':disabled')) return null;
    return node;
  }
  function editField(cx, node, inputType, data, edit) {
    cx.loader.load('ui_events');
    const init = (cancelable) => ({ __proto__: null, bubbles: true, cancelable, composed: true, view: cx.global, inputType, data, isComposing: false });
    if (FIREFOX && !cx.loader.fireUIEvent(wrap(cx, node), 'InputEvent', 'beforeinput', init(true), true)) return false;
    // (A field a `beforeinput` listener took out of its document is not edited.)
    if (rootOf(node).nodeType !== 9) return false;
    edit();
    editedControls.add(node);
    cx.loader.fireUIEvent(wrap(cx, node), 'InputEvent', 'input', init(false), true);
    return true;
  }
  function execCommand(cx, document, command, value) {
    const name = String(command).toLowerCase();
    if (!commandSupported(cx, name)) return false;
    const field = editedField(document);
    switch (name) {
      case 'inserttext': {
        const text = value === undefined ? '' : String(value);
        if (field === null) {
          const editing = editedRange(document);
          return editing !== null ? insertInHost(cx, editing, text) : leavesHost(document);
        }
        return editField(cx, field, 'insertText', text, () => setRangeText(cx, field, text, undefined, undefined, 'end'));
      }
      case 'delete': case 'forwarddelete': {
        if (field === null) {
          const editing = editedRange(document);
          return editing !== null ? deleteInHost(cx, editing, name === 'delete') : leavesHost(document);
        }
        const selection = selectionOf(field);
        const backward = name === 'delete';
        return editField(cx, field, backward ? 'deleteContentBackward' : 'deleteContentForward', null, () => {
          if (selection.start !== selection.end) setRangeText(cx, field, '', selection.start, selection.end, 'start');
          else if (backward && selection.start > 0) setRangeText(cx, field, '', selection.start - 1, selection.start, 'start');
          else if (!backward && selection.end < controlValue(field).length) setRangeText(cx, field, '', selection.end, selection.end + 1, 'start');
        });
      }
      case 'selectall': {
        const editing = field === null ? editedRange(document) : null;
        if (field !== null) setSelectionRange(field, 0, controlValue(field).length, 'forward');
        else if (editing !== null) selectHost(editing);
        else if (document.body !== null) selectContents(documentSelectionOf(document), document.body);
        return true;
      }
      case 'copy': case 'cut': case 'paste':
        return clipboardCommand(cx, document, field, name);
      default:
        return false;
    }
  }
  // ---- Editing in a contenteditable element (recorded: contenteditable-commands) -------------------------
  // `insertText`, `delete`, `forwardDelete` and `selectAll` where the selection is inside one
  // editing host, as each browser does them: the text goes in at the caret (over the selection,
  // deleted first), in the text node there or a new one, and the caret follows it; a line break
  // is Firefox's <br> or Chromium's new paragraph (what follows the caret in its block moves to a
  // new <div>, or a block of the same kind). Firefox fires a cancelable `beforeinput` first (a
  // canceled one changes nothing, and the command still answers true) and one `input`; Chromium
  // no `beforeinput`, and an `input` for each line and each paragraph. Neither fires `input` when
  // nothing changed. The rich-text commands (bold, lists, links) are not here.
  // The editing host of `node`: its nearest inclusive ancestor element whose contenteditable is
  // true, empty or plaintext-only, unless one whose contenteditable is false comes first.
  // (In a document in design mode, the body is the editing host of what no attribute says.)
  const designModes = new SafeWeakMap();
  function editingHost(node) {
    for (let current = node; current !== null && current !== undefined; current = current.parentNode) {
      if (current.nodeType !== 1) continue;
      const value = current.getAttribute('contenteditable');
      if (value === null) continue;
      const lower = value.toLowerCase();
      if (lower === 'false') return null;
      if (lower === '' || lower === 'true' || lower === 'plaintext-only') return current;
    }
    const document = node === null || node === undefined ? null : node.nodeType === 9 ? node : node.ownerDocument;
    if (document === null || designModes.get(document) !== true || document.body === null) return null;
    return document.body.contains(node) ? document.body : null;
  }
  // The document's selection when all of it is in one editing host: { selection, range, host }.
  function editedRange(document) {
    const selection = documentSelectionOf(document);
    const range = currentRange(selection);
    if (range === null) return null;
    const host = editingHost(range.startNode);
    if (host === null || editingHost(range.endNode) !== host) return null;
    return { __proto__: null, selection, range, host };
  }
  // Puts the selection's caret at (`node`, `offset`).
  function setCaret(editing, node, offset) {
    ranges.setBoundary(editing.range, node, offset, true);
    ranges.setBoundary(editing.range, node, offset, false);
    selectionChanged(editing.selection, false);
  }
  // The InputEvent `type` ('beforeinput' is cancelable) at the editing host; false when canceled,
  // or when after a `beforeinput` the selection is no longer in the host (a listener moved it, or
  // took the host out of its document): then nothing is edited. `editing` follows the selection.
  // (`transferred`: the text a paste or a drop brings, which an editing host's input event
  // carries in its `dataTransfer`, its `data` null, as Input Events says.)
  function fireInput(cx, editing, type, inputType, data, transferred) {
    cx.loader.load('ui_events');
    const init = {
      __proto__: null, bubbles: true, cancelable: type === 'beforeinput', composed: true, view: cx.global, inputType, data, isComposing: false,
    };
    if (transferred !== undefined) init['transfer:dataTransfer'] = [{ __proto__: null, type: 'text/plain', data: transferred }];
    const notCanceled = cx.loader.fireUIEvent(wrap(cx, editing.host), 'InputEvent', type, init, true);
    if (type !== 'beforeinput') return notCanceled;
    const again = rootOf(editing.host).nodeType === 9 ? editedRange(editing.host.ownerDocument) : null;
    if (again === null || again.host !== editing.host) return false;
    editing.selection = again.selection;
    editing.range = again.range;
    return notCanceled;
  }
  // Inserts `text` (one line) at the caret: into the text node there (or just before it), else a new one.
  function insertAtCaret(editing, text) {
    canonicalCaret(editing);
    // (A caret in a comment or an element that holds no text is put beside it.)
    if ((editing.range.startNode.nodeType !== 3 && editing.range.startNode.nodeType !== 1) || holdsNoText(editing.range.startNode)) {
      const node = editing.range.startNode;
      setCaret(editing, node.parentNode, ranges.indexOf(node) + 1);
    }
    let node = editing.range.startNode;
    let offset = editing.range.startOffset;
    // (A <br> that only holds an empty line open, the last child just after the caret with
    // nothing or another <br> before it, goes when text comes.)
    if (node.nodeType === 1 && offset === node.childNodes.length - 1 && node.lastChild.localName === 'br'
      && (offset === 0 || node.childNodes[offset - 1].localName === 'br')) {
      node.removeChild(node.lastChild);
    }
    if (node.nodeType !== 3) {
      const before = offset > 0 ? node.childNodes[offset - 1] : null;
      if (before !== null && before !== undefined && before.nodeType === 3) {
        node = before;
        offset = before.data.length;
      } else {
        const made = node.ownerDocument.createTextNode('');
        node.insertBefore(made, offset < node.childNodes.length ? node.childNodes[offset] : null);
        node = made;
        offset = 0;
      }
    }
    ranges.replaceData(node, offset, 0, text);
    setCaret(editing, node, offset + text.length);
  }
  // Whether `node` is an element no text goes into (a void element: <br>, <img>, <input>, ...).
  const VOID_ELEMENTS = ['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr', 'iframe', 'textarea', 'select'];
  const holdsNoText = (node) => node.nodeType === 1 && VOID_ELEMENTS.indexOf(node.localName) >= 0;
  // Whether `node` shows nothing: no text, and no element that shows itself (an image, a control).
  const showsNothing = (node) => node.textContent === ''
    && library.querySelector(node, 'br, img, input, select, textarea, button, iframe, video, audio, canvas, svg, object, embed, hr, table') === null;
  // Firefox's line break: a <br> at the caret (a text node there is split), the caret after it.
  // (At the end of its parent a line break takes a second <br>, which holds the empty line open.)
  function insertLineBreak(editing) {
    let node = editing.range.startNode;
    let offset = editing.range.startOffset;
    const br = node.ownerDocument.createElement('br');
    if (node.nodeType === 3) {
      if (offset < node.data.length) {
        const rest = ranges.splitText(node, offset);
        rest.parentNode.insertBefore(br, rest);
        setCaret(editing, rest, 0);
        return;
      }
      offset = ranges.indexOf(node) + 1;
      node = node.parentNode;
    }
    const next = offset < node.childNodes.length ? node.childNodes[offset] : null;
    node.insertBefore(br, next);
    if (next === null) node.appendChild(node.ownerDocument.createElement('br'));
    setCaret(editing, node, offset + 1);
  }
  // Chromium's new paragraph: what follows the caret in its block (the nearest block element, or
  // the editing host) moves to a new block after it (a <div> for the host), where the caret goes.
  // Firefox first wraps the line the caret is on, when it is right in the host, in a <div> of its own.
  const isParagraphBlock = (node) => node.nodeType === 1 && (BLOCKS[node.localName] === 1 || node.localName === 'p');
  function insertParagraph(editing) {
    const host = editing.host;
    let block = editing.range.startNode;
    while (block !== host && !isParagraphBlock(block)) block = block.parentNode;
    if (block === host && FIREFOX) block = wrapLine(editing);
    const rest = ranges.newRange(block);
    ranges.setBoundary(rest, editing.range.startNode, editing.range.startOffset, true);
    ranges.setBoundary(rest, block, block.childNodes.length, false);
    const fragment = ranges.contents(rest, true);
    const made = block === host ? block.ownerDocument.createElement('div') : block.ownerDocument.createElement(block.localName);
    made.appendChild(fragment);
    if (block === host) host.appendChild(made);
    else block.parentNode.insertBefore(made, block.nextSibling);
    // (A block with nothing in it holds a <br>, which the first text put in it replaces.)
    if (showsNothing(made)) {
      while (made.firstChild !== null) made.removeChild(made.firstChild);
      made.appendChild(block.ownerDocument.createElement('br'));
    }
    let first = made;
    while (first.firstChild !== null && first.firstChild.nodeType !== 3 && first.firstChild.localName !== 'br') first = first.firstChild;
    setCaret(editing, first.firstChild !== null && first.firstChild.nodeType === 3 ? first.firstChild : first, 0);
  }
  // The host's children around the caret that are no blocks (its line), moved into a new <div>
  // where they stood; returns the <div>.
  function wrapLine(editing) {
    const host = editing.host;
    let top = editing.range.startNode;
    if (top === host) {
      const offset = editing.range.startOffset;
      top = offset > 0 ? host.childNodes[offset - 1] : host.firstChild;
    } else {
      while (top.parentNode !== host) top = top.parentNode;
    }
    const wrapper = host.ownerDocument.createElement('div');
    const isBlock = isParagraphBlock;
    if (top === null || top === undefined || isBlock(top)) {
      host.insertBefore(wrapper, top === null || top === undefined ? null : top.nextSibling);
      setCaret(editing, wrapper, 0);
      return wrapper;
    }
    let first = top;
    while (first.previousSibling !== null && !isBlock(first.previousSibling)) first = first.previousSibling;
    let last = top;
    while (last.nextSibling !== null && !isBlock(last.nextSibling)) last = last.nextSibling;
    const caretNode = editing.range.startNode;
    const caretOffset = editing.range.startOffset;
    host.insertBefore(wrapper, first);
    for (let node = first, stop = last.nextSibling; node !== stop;) {
      const next = node.nextSibling;
      wrapper.appendChild(node);
      node = next;
    }
    // (A caret between the moved children keeps its place among them.)
    if (caretNode === host) setCaret(editing, wrapper, caretOffset - ranges.indexOf(wrapper));
    return wrapper;
  }
  // Chromium's caret right after an element with text is at the end of that text (where it shows).
  function canonicalCaret(editing) {
    const node = editing.range.startNode;
    const offset = editing.range.startOffset;
    if (FIREFOX || node.nodeType !== 1 || offset === 0) return;
    let before = node.childNodes[offset - 1];
    if (before === undefined || before.nodeType !== 1 || before.localName === 'br') return;
    while (before.lastChild !== null && before.lastChild.nodeType === 1 && before.lastChild.localName !== 'br') before = before.lastChild;
    if (before.lastChild !== null && before.lastChild.nodeType === 3) setCaret(editing, before.lastChild, before.lastChild.data.length);
  }
  function insertInHost(cx, editing, text) {
    if (FIREFOX && !fireInput(cx, editing, 'beforeinput', 'insertText', text)) return true;
    if (!ranges.isCollapsed(editing.range)) deleteSelection(editing);
    // (Chromium's inputs, one a line and one a paragraph, all go out once the text is in.)
    const inputs = [];
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (i > 0) {
        if (FIREFOX) {
          insertLineBreak(editing);
        } else {
          insertParagraph(editing);
          listPush(inputs, null);
        }
      }
      if (lines[i] === '') continue;
      insertAtCaret(editing, lines[i]);
      listPush(inputs, lines[i]);
    }
    if (FIREFOX) {
      if (text !== '') fireInput(cx, editing, 'input', 'insertText', text);
    } else {
      for (let i = 0; i < inputs.length; i++) fireInput(cx, editing, 'input', 'insertText', inputs[i]);
    }
    return true;
  }
  // Where a one-character deletion from the caret (`node`, `offset`) happens in the editing host:
  // that text node, or else the nearest text before (or after) the caret, at its end (or start).
  function deletionPoint(host, node, offset, backward) {
    if (node.nodeType === 3 && (backward ? offset > 0 : offset < node.data.length)) return [node, offset];
    const texts = descendantTexts(host);
    if (backward) {
      for (let i = texts.length - 1; i >= 0; i--) {
        if (texts[i] !== node && ranges.comparePoints(texts[i], texts[i].data.length, node, offset) <= 0) return [texts[i], texts[i].data.length];
      }
    } else {
      for (let i = 0; i < texts.length; i++) if (texts[i] !== node && ranges.comparePoints(texts[i], 0, node, offset) >= 0) return [texts[i], 0];
    }
    return null;
  }
  // A command on a selection that starts in an editing host and ends outside it: Chromium edits
  // nothing and answers true, Firefox false (recorded: contenteditable-blocks).
  function leavesHost(document) {
    const range = currentRange(documentSelectionOf(document));
    return !FIREFOX && range !== null && editingHost(range.startNode) !== null;
  }
  // The text nodes in `node` that are not empty, in tree order.
  function descendantTexts(node) {
    const list = [];
    const stack = [];
    for (let child = node.lastChild; child !== null; child = child.previousSibling) listPush(stack, child);
    while (stack.length > 0) {
      const current = stack.pop();
      if (current.nodeType === 3 && current.data.length > 0) listPush(list, current);
      for (let child = current.lastChild; child !== null; child = child.previousSibling) listPush(stack, child);
    }
    return list;
  }
  // The length of the code point that ends at (or starts at) `offset` of `data`: 2 for a surrogate pair.
  function codePointLength(data, offset, forward) {
    const at = forward ? offset : offset - 1;
    const unit = data.charCodeAt(at);
    if (forward) return unit >= 0xD800 && unit <= 0xDBFF && offset + 1 < data.length ? 2 : 1;
    return unit >= 0xDC00 && unit <= 0xDFFF && at > 0 ? 2 : 1;
  }
  // (`asks`: whether a cancelable `beforeinput` comes first: a command's in Firefox, a typed key's in both.)
  function deleteInHost(cx, editing, backward, asks = FIREFOX) {
    const inputType = backward ? 'deleteContentBackward' : 'deleteContentForward';
    if (asks && !fireInput(cx, editing, 'beforeinput', inputType, null)) return true;
    const range = editing.range;
    let changed = false;
    if (!ranges.isCollapsed(range)) {
      deleteSelection(editing);
      changed = true;
      // (An editing host left with no text holds a <br> alone, the caret before it.)
      const host = editing.host;
      if (showsNothing(host)) {
        while (host.firstChild !== null) host.removeChild(host.firstChild);
        host.appendChild(host.ownerDocument.createElement('br'));
        setCaret(editing, host, 0);
      }
    } else {
      const point = deletionPoint(editing.host, range.startNode, range.startOffset, backward);
      const caretBlock = blockOf(editing.host, range.startNode);
      if (point !== null && blockOf(editing.host, point[0]) !== caretBlock) {
        // (Across a block's edge the two blocks join: the later one's contents end the earlier.)
        const pointBlock = blockOf(editing.host, point[0]);
        if (backward) joinBlocks(editing, pointBlock, caretBlock);
        else joinBlocks(editing, caretBlock, pointBlock);
        changed = true;
      } else if (point !== null) {
        const node = point[0];
        const offset = point[1];
        const count = codePointLength(node.data, offset, !backward);
        const start = backward ? offset - count : offset;
        const caretNode = range.startNode;
        const caretOffset = range.startOffset;
        ranges.replaceData(node, start, count, '');
        // (A forward deletion leaves the caret where it was: Chromium's shows a position between
        // elements as the end of the text before it.)
        if (backward) setCaret(editing, node, start);
        else if (!FIREFOX && caretNode.nodeType !== 3) {
          const before = deletionPoint(editing.host, caretNode, caretOffset, true);
          if (before !== null) setCaret(editing, before[0], before[1]);
        }
        changed = true;
      }
    }
    if (changed) fireInput(cx, editing, 'input', inputType, null);
    return true;
  }
  // The nearest block around `node` in the editing host (the host itself when none is).
  function blockOf(host, node) {
    let block = node;
    while (block !== host && block !== null && !isParagraphBlock(block)) block = block.parentNode;
    return block === null ? host : block;
  }
  // The later block's contents move to the end of the earlier one, which it then leaves; the
  // texts on either side of the join become one, the caret between them (recorded:
  // contenteditable-blocks).
  function joinBlocks(editing, earlier, later) {
    if (earlier === later || earlier.contains(later) || later.contains(earlier)) return;
    let before = earlier.lastChild;
    while (before !== null && before.nodeType === 1 && before.localName === 'br' && before.previousSibling !== null) {
      const placeholder = before;
      before = before.previousSibling;
      earlier.removeChild(placeholder);
    }
    const first = later.firstChild;
    while (later.firstChild !== null) earlier.appendChild(later.firstChild);
    later.parentNode.removeChild(later);
    if (before !== null && before.nodeType === 3 && first !== null && first.nodeType === 3 && first.parentNode === earlier) {
      const offset = before.data.length;
      ranges.replaceData(before, offset, 0, first.data);
      earlier.removeChild(first);
      setCaret(editing, before, offset);
    } else if (before !== null && before.nodeType === 3) {
      setCaret(editing, before, before.data.length);
    } else {
      setCaret(editing, earlier, before === null ? 0 : ranges.indexOf(before) + 1);
    }
  }
  // Deletes the selection's contents; a selection from one block into another joins them.
  function deleteSelection(editing) {
    const startBlock = blockOf(editing.host, editing.range.startNode);
    const endBlock = blockOf(editing.host, editing.range.endNode);
    ranges.deleteContents(editing.range);
    if (startBlock !== endBlock && endBlock.parentNode !== null && rootOf(endBlock) === rootOf(startBlock)) joinBlocks(editing, startBlock, endBlock);
  }
  // `selectAll` in an editing host: Firefox selects its children, Chromium from its first text to its last.
  function selectHost(editing) {
    const host = editing.host;
    const range = ranges.newRange(host);
    ranges.selectNodeContents(range, host);
    if (!FIREFOX) {
      const texts = descendantTexts(host);
      const first = texts.length === 0 ? null : texts[0];
      const last = texts.length === 0 ? null : texts[texts.length - 1];
      if (first !== null && last !== null) {
        ranges.setBoundary(range, first, 0, true);
        ranges.setBoundary(range, last, last.data.length, false);
      }
    }
    selectRanges(editing.selection, range, 'forward');
  }
  // `execCommand('copy')`, `cut` and `paste` (recorded: user-activation, clipboard-cut-paste):
  // only with transient activation (else false, and nothing fires). A trusted ClipboardEvent fires
  // at the edited field, or at the element where the selection starts, or at the body. For copy
  // and cut the clipboard then gets what its listeners put in its `clipboardData` when one
  // canceled it, else the selected text (none selected: it keeps what it had), which a cut then
  // deletes (`deleteByCut`: Firefox asks with a cancelable `beforeinput`). A paste (Firefox's: a
  // Chromium content script has no `paste`, and exthost gives no other Chromium page one either)
  // gives its `clipboardData` the clipboard's text, then, unless canceled, puts it in at the caret
  // (`insertFromPaste`); it reads only what a page of the same origin wrote (unrecorded: anything
  // else would ask the person), else it is false.
  function clipboardCommand(cx, document, field, name) {
    if (document !== documentOf(cx) || host.call(cx, 'page.userActivation', [])[0] !== true) return false;
    let pasted = null;
    if (name === 'paste') {
      if (!FIREFOX) return false;
      const answer = host.call(cx, 'clipboard.readText', []);
      if (answer === null || answer[1] !== true) return false;
      pasted = answer[0];
    }
    const editing = field === null ? editedRange(document) : null;
    const range = field === null ? currentRange(documentSelectionOf(document)) : null;
    let target = field !== null ? field : range !== null ? range.startNode : null;
    if (target !== null && target.nodeType !== 1) target = target.parentNode;
    if (target === null || target.nodeType !== 1) target = document.body !== null ? document.body : document.documentElement;
    if (target === null) return true;
    cx.loader.load('ui_events');
    const entries = [];
    if (pasted !== null) listPush(entries, { __proto__: null, type: 'text/plain', data: pasted });
    const init = { __proto__: null, bubbles: true, cancelable: true, composed: true, 'transfer:clipboardData': entries };
    const notCanceled = cx.loader.fireUIEvent(wrap(cx, target), 'ClipboardEvent', name, init, true);
    if (name === 'paste') {
      if (notCanceled) insertFromPaste(cx, field, editing, pasted);
      return true;
    }
    if (!notCanceled) {
      const representations = [];
      for (let i = 0; i < entries.length; i++) listPush(representations, [entries[i].type, entries[i].data]);
      host.call(cx, 'clipboard.write', [representations]);
      return true;
    }
    // (What is selected once the listeners ran: one may have moved the selection. A cut deletes
    // only inside the field, or the editing host, it began in.)
    let text = '';
    const rangeNow = field === null ? currentRange(documentSelectionOf(document)) : null;
    if (field !== null) {
      const selection = selectionOf(field);
      text = controlValue(field).slice(selection.start, selection.end);
    } else if (rangeNow !== null) {
      text = selectedText(rangeNow);
    }
    if (text === '') return true;
    host.call(cx, 'clipboard.write', [[['text/plain', text]]]);
    if (name === 'cut') {
      if (field !== null) {
        const selection = selectionOf(field);
        if (rootOf(field) === document && fieldInput(cx, field, 'beforeinput', 'deleteByCut', null)) {
          setRangeText(cx, field, '', selection.start, selection.end, 'start');
          editedControls.add(field);
          fieldInput(cx, field, 'input', 'deleteByCut', null);
        }
      } else {
        const now = editing === null ? null : editedRange(document);
        if (now !== null && now.host === editing.host && (!FIREFOX || fireInput(cx, now, 'beforeinput', 'deleteByCut', null))) {
          deleteSelection(now);
          fireInput(cx, now, 'input', 'deleteByCut', null);
        }
      }
    }
    return true;
  }
  // The InputEvent `type` of an edit of the text field `node` (Firefox alone fires `beforeinput`
  // for a command; true when it went ahead).
  function fieldInput(cx, node, type, inputType, data) {
    if (type === 'beforeinput' && !FIREFOX) return true;
    const notCanceled = cx.loader.fireUIEvent(wrap(cx, node), 'InputEvent', type, {
      __proto__: null, bubbles: true, cancelable: type === 'beforeinput', composed: true, view: cx.global, inputType, data, isComposing: false,
    }, true);
    // (A field a `beforeinput` listener took out of its document is not edited.)
    return notCanceled && (type !== 'beforeinput' || rootOf(node).nodeType === 9);
  }
  // A paste's text goes in at the caret of the edited field or editing host.
  function insertFromPaste(cx, field, editing, text) {
    if (field !== null) {
      if (!fieldInput(cx, field, 'beforeinput', 'insertFromPaste', text)) return;
      setRangeText(cx, field, text, undefined, undefined, 'end');
      editedControls.add(field);
      fieldInput(cx, field, 'input', 'insertFromPaste', text);
    } else if (editing !== null) {
      if (!fireInput(cx, editing, 'beforeinput', 'insertFromPaste', null, text)) return;
      if (!ranges.isCollapsed(editing.range)) deleteSelection(editing);
      // (Its lines as Firefox's insertText puts them in: a <br> between two.)
      const lines = text.split('\n');
      for (let i = 0; i < lines.length; i++) {
        if (i > 0) insertLineBreak(editing);
        if (lines[i] !== '') insertAtCaret(editing, lines[i]);
      }
      fireInput(cx, editing, 'input', 'insertFromPaste', null, text);
    }
  }
  // A person's click on `node` focuses its nearest focusable ancestor (or itself), or, when none
  // is, takes the focus from what had it.
  function focusByClick(cx, node) {
    for (let current = node; current !== null && current !== undefined; current = current.parentNode) {
      if (current.nodeType === 1 && isFocusable(current)) return focusElement(cx, current);
    }
    const previous = focusedElement(node.ownerDocument);
    if (previous !== null) blurElement(cx, previous);
  }

  // The activation behaviour of a MouseEvent click's target (js/31_events.js asks before the
  // dispatch, `done` false: whether the target has one, and its legacy pre-activation runs; then
  // after it, `done` true, with whether a listener canceled the click): a checkbox or radio
  // button changes first, changes back when canceled, else fires trusted `input` and `change`.
  const activations = new SafeWeakMap();
  function activate(cx, target, done, canceled, trusted) {
    const clicked = host.nodeOf(target);
    if (clicked === undefined || clicked.nodeType !== 1) return false;
    // (The DOM's activation target: the clicked element, or its nearest ancestor with an
    // activation behaviour, as the click bubbles: the text inside a link follows the link.)
    const node = activationTarget(clicked);
    if (node === null) return false;
    if (isHyperlink(node)) {
      if (!done) return true;
      if (!canceled) followHyperlink(cx, node, trusted);
      return false;
    }
    if (node.localName === 'label') {
      // (A label's click focuses its control and clicks it, trusted as the label's click was:
      // fixtures/conformance/label-activation. A disabled control hears nothing.)
      if (!done) return true;
      const control = labelControl(node);
      if (canceled || control === null || control === clicked || library.matches(control, ':disabled')) return false;
      focusElement(cx, control);
      click(cx, control, trusted === true);
      return false;
    }
    // (A submit button submits its form, a reset button resets it, once the click went through.)
    const buttonKind = isSubmitButton(node) ? 'submit' : isResetButton(node) ? 'reset' : undefined;
    if (buttonKind !== undefined) {
      if (!done) return !library.matches(node, ':disabled');
      const form = formOwner(node);
      if (canceled || form === null) return false;
      if (buttonKind === 'submit') submitForm(cx, form, node, true);
      else implementations['HTMLFormElement.reset'](form, cx);
      return false;
    }
    if (node.localName !== 'input') return false;
    const type = String(node.getAttribute('type') || '').toLowerCase();
    if (type !== 'checkbox' && type !== 'radio') return false;
    if (!done) {
      if (library.matches(node, ':disabled')) return false;
      const wasChecked = checkedness(node);
      activations.set(node, wasChecked);
      setCheckedness(node, type === 'checkbox' ? !wasChecked : true);
      return true;
    }
    const wasChecked = activations.get(node);
    activations.delete(node);
    if (canceled) {
      checkedStates.set(node, wasChecked);
      return false;
    }
    if (type === 'checkbox' || !wasChecked) {
      cx.loader.fireEvent(wrap(cx, node), 'input', { __proto__: null, bubbles: true, cancelable: false, composed: true });
      cx.loader.fireEvent(wrap(cx, node), 'change', { __proto__: null, bubbles: true, cancelable: false, composed: false });
    }
    return false;
  }

  // An element with an activation behaviour: a link, a submit or reset button, a checkbox or a radio button.
  function hasActivationBehaviour(node) {
    if (node.nodeType !== 1 || node.namespaceURI !== HTML) return false;
    if (isHyperlink(node) || isSubmitButton(node) || isResetButton(node) || node.localName === 'label') return true;
    return node.localName === 'input' && (inputType(node) === 'checkbox' || inputType(node) === 'radio');
  }
  function activationTarget(node) {
    for (let current = node; current !== null && current !== undefined; current = current.parentNode) {
      if (current.nodeType === 1 && hasActivationBehaviour(current)) return current;
    }
    return null;
  }
  const isHyperlink = (node) => (node.localName === 'a' || node.localName === 'area') && node.namespaceURI === HTML && node.hasAttribute('href');

  // HTML's "follow the hyperlink" (recorded: link-navigation): the link's URL, parsed against its
  // document's, loads in the frame its `target` names (or its document's `<base target>`): its
  // own frame, `_parent`, `_top`, a frame of the tab by its element's name, or a new tab
  // (`_blank`, without an opener unless `rel=opener`; a name no frame has, as window.open does).
  // A link with `download` downloads, which navigates nothing.
  // (`trusted`: a person's click follows it, which may run a `javascript:` link where a content
  // script's click may not: ExtensionHost+JavaScriptURLs.swift.)
  function followHyperlink(cx, node, trusted) {
    if (node.hasAttribute('download')) return;
    const parts = host.call(cx, 'url.parse', [node.getAttribute('href'), node.ownerDocument._address]);
    if (parts === null || typeof parts !== 'object') return;
    navigateByTarget(cx, node, String(parts.href), node.getAttribute('target'), !!trusted);
  }
  // HTML's "rules for choosing a navigable" for a link or a form (`element`) whose target is
  // `target` (null or empty: its document's `<base target>`, else its own frame), and the
  // navigation of what they choose to `url`.
  function navigateByTarget(cx, element, url, target, trusted) {
    const document = element.ownerDocument;
    if (target === null || target === '') {
      // (The library's querySelector gives undefined for no match.)
      const base = document.querySelector('base[target]');
      target = base === null || base === undefined ? '' : base.getAttribute('target');
    }
    const keyword = target.toLowerCase();
    if (keyword === '_blank') {
      const rel = String(element.getAttribute('rel') || '').toLowerCase().split(/[\t\n\f\r ]+/);
      host.call(cx, 'window.open', [url, '_blank', rel.indexOf('opener') >= 0 && rel.indexOf('noopener') < 0 ? '' : 'noopener']);
      return;
    }
    let relation = 'self';
    if (keyword === '_top') relation = 'top';
    else if (keyword === '_parent') relation = 'parent';
    else if (keyword !== '' && keyword !== '_self') {
      const ids = [];
      frameElements.forEach((frameElement, frameId) => { if (frameElement !== undefined && frameElement.getAttribute('name') === target) listPush(ids, frameId); });
      relation = 'named:' + ids.join(',');
    }
    let documentId = null;
    documents.forEach((each, id) => { if (each === document) documentId = id; });
    if (host.call(cx, 'frame.navigate', [url, 'push', relation, documentId, 'link', !!trusted]) === 'no frame') host.call(cx, 'window.open', [url, target, '']);
  }

  // ---- Form submission -------------------------------------------------------------------------------------
  // HTML's "submit a form from a submitter": a trusted, cancelable `submit` at the form (not for
  // `form.submit()`), then, unless a listener canceled it, the frame its target names (the
  // submitter's `formtarget`, the form's `target`, as a link's) navigates to its action with its
  // entries: `get` puts them in the query (application/x-www-form-urlencoded), `post` loads the
  // action (a served page: the body goes nowhere). Constraint validation comes first (below).
  const buttonType = (node) => String(node.getAttribute('type') || '').toLowerCase();
  function isSubmitButton(node) {
    if (node === null || node === undefined || node.nodeType !== 1 || node.namespaceURI !== HTML) return false;
    if (node.localName === 'button') return buttonType(node) !== 'reset' && buttonType(node) !== 'button';
    return node.localName === 'input' && (buttonType(node) === 'submit' || buttonType(node) === 'image');
  }
  function isResetButton(node) {
    return (node.localName === 'button' || node.localName === 'input') && buttonType(node) === 'reset';
  }
  const submitting = new SafeWeakSet();
  // ---- Constraint validation (HTML's "Constraints"; fixtures/conformance/form-validation) --------------
  // Whether a control is a candidate for constraint validation (`willValidate`), its validity
  // states (`validity`, a ValidityState of the world) and the message of the first (each browser's
  // words, in English as the recorded browsers speak it), `checkValidity()` and `reportValidity()`
  // (an `invalid` event at each invalid control), `setCustomValidity()`, and the validation a
  // form's submission runs (requestSubmit, a submit button's click, Enter): an invalid form fires
  // `invalid` at its invalid controls and is not submitted, unless it has `novalidate` or its
  // submitter `formnovalidate`; `form.submit()` does not validate.
  const customValidities = new SafeWeakMap();
  // (The controls a person last changed, by the driver's typing: only those are too long or too
  // short; a script's value never is.)
  const editedByUser = new SafeWeakSet();
  const READ_ONLY_TYPES = { __proto__: null, text: true, search: true, url: true, tel: true, email: true, password: true, date: true, month: true, week: true, time: true, 'datetime-local': true, number: true };
  const TEXT_TYPES = { __proto__: null, text: true, search: true, url: true, tel: true, email: true, password: true };
  const RANGE_TYPES = { __proto__: null, number: true, date: true, month: true, time: true, 'datetime-local': true };
  const FLOAT = /^-?(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$/;
  const EMAIL = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
  const validityFlags = ['valueMissing', 'typeMismatch', 'patternMismatch', 'tooLong', 'tooShort', 'rangeUnderflow', 'rangeOverflow', 'stepMismatch', 'badInput', 'customError'];

  function willValidate(node) {
    if (node.nodeType !== 1 || node.namespaceURI !== HTML) return false;
    switch (node.localName) {
      case 'input': {
        const type = inputType(node);
        if (type === 'hidden' || type === 'reset' || type === 'button') return false;
        if (READ_ONLY_TYPES[type] && node.hasAttribute('readonly')) return false;
        break;
      }
      case 'textarea':
        if (node.hasAttribute('readonly')) return false;
        break;
      case 'button':
        if (buttonType(node) === 'reset' || buttonType(node) === 'button') return false;
        break;
      case 'select':
        break;
      default:
        return false;
    }
    if (library.matches(node, ':disabled')) return false;
    for (let ancestor = node.parentNode; ancestor !== null; ancestor = ancestor.parentNode) {
      if (ancestor.nodeType === 1 && ancestor.localName === 'datalist' && ancestor.namespaceURI === HTML) return false;
    }
    return true;
  }
  // A number of an input of type `type` from its text (NaN: none): a number; a date's, a month's,
  // a time's and a local date and time's as the milliseconds (months) HTML counts them in.
  function parseInputNumber(type, text) {
    let match;
    switch (type) {
      case 'number': return FLOAT.test(text) ? Number(text) : NaN;
      case 'date':
        match = /^([0-9]{4,})-([0-9]{2})-([0-9]{2})$/.exec(text);
        return match === null ? NaN : DateConstructor.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
      case 'month':
        match = /^([0-9]{4,})-([0-9]{2})$/.exec(text);
        return match === null ? NaN : (Number(match[1]) - 1970) * 12 + Number(match[2]) - 1;
      case 'time':
        match = /^([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:\.([0-9]{1,3}))?)?$/.exec(text);
        return match === null ? NaN : ((Number(match[1]) * 60 + Number(match[2])) * 60 + Number(match[3] || 0)) * 1000 + Number((match[4] || '0').padEnd(3, '0'));
      case 'datetime-local':
        match = /^([0-9]{4,}-[0-9]{2}-[0-9]{2})[T ](.+)$/.exec(text);
        return match === null ? NaN : parseInputNumber('date', match[1]) + parseInputNumber('time', match[2]);
      default: return NaN;
    }
  }
  // The step of an input of type `type` in its unit, the default step, and the step's scale.
  const STEPS = { __proto__: null, number: [1, 1], date: [1, 86400000], month: [1, 1], time: [60, 1000], 'datetime-local': [60, 1000] };
  function allowedStep(node, type) {
    const entry = STEPS[type];
    const text = node.getAttribute('step');
    if (text !== null && String(text).toLowerCase() === 'any') return null;
    const given = text === null || !FLOAT.test(text) || Number(text) <= 0 ? entry[0] : Number(text);
    return given * entry[1];
  }
  const distanceToInteger = (x) => {
    const d = x - MathFloor(x + 0.5);
    return d < 0 ? -d : d;
  };
  // A value an input of type `type` shows for the number `value` (the step mismatch's nearest values).
  function inputNumberText(type, value) {
    if (type === 'number') return String(value);
    if (type === 'date') return formatDate(value);
    return String(value);
  }
  // A date as the messages show it: MM/DD/YYYY.
  function formatDate(milliseconds) {
    const date = new DateConstructor(milliseconds);
    const two = (n) => (n < 10 ? '0' : '') + n;
    return two(date.getUTCMonth() + 1) + '/' + two(date.getUTCDate()) + '/' + date.getUTCFullYear();
  }
  // The text a range message shows for the attribute text `text` of an input of type `type`.
  const boundText = (type, text) => (type === 'date' ? formatDate(parseInputNumber(type, text)) : type === 'number' ? String(Number(text)) : text);

  // The radio buttons of `node`'s group (its form owner's, or its tree's when it has none, of its name).
  function radioGroup(node) {
    const name = node.getAttribute('name');
    if (!name) return [node];
    const form = formOwner(node);
    let root = node;
    while (root.parentNode !== null) root = root.parentNode;
    return descendants(root, (element) => element.localName === 'input' && element.namespaceURI === HTML && inputType(element) === 'radio'
      && element.getAttribute('name') === name && formOwner(element) === form);
  }
  function selectValueMissing(node) {
    if (!node.hasAttribute('required')) return false;
    const options = selectOptions(node);
    const selected = options.filter((option) => selectedness(option));
    if (selected.length === 0) return true;
    if (node.hasAttribute('multiple')) return false;
    const size = node.getAttribute('size');
    if (size !== null && FLOAT.test(size) && Number(size) > 1) return false;
    const first = options[0];
    // (The placeholder label option: a first option with an empty value, a child of the select.)
    return selected[0] === first && first.parentNode === node && implementations['HTMLOptionElement.value'](first) === '';
  }

  // The validity of `node`: {flag: true, ..., message}; no flags for a control that is no candidate.
  function validityOf(cx, node) {
    const result = { __proto__: null, message: '' };
    if (!willValidate(node)) return result;
    const custom = customValidities.get(node);
    const tag = node.localName;
    const type = tag === 'input' ? inputType(node) : tag;
    const value = tag === 'input' || tag === 'textarea' ? controlValue(node) : '';
    const messages = [];
    const flag = (name, message) => {
      result[name] = true;
      listPush(messages, message);
    };
    const required = node.hasAttribute('required');
    if (tag === 'select') {
      if (selectValueMissing(node)) flag('valueMissing', 'Please select an item in the list.');
    } else if (tag === 'textarea' || (tag === 'input' && (TEXT_TYPES[type] || READ_ONLY_TYPES[type]))) {
      if (required && value === '') flag('valueMissing', 'Please fill out this field.');
    } else if (type === 'checkbox') {
      if (required && !checkedness(node)) flag('valueMissing', 'Please check this box if you want to proceed.');
    } else if (type === 'radio') {
      const group = radioGroup(node);
      if (group.some((radio) => radio.hasAttribute('required')) && !group.some((radio) => checkedness(radio))) flag('valueMissing', 'Please select one of these options.');
    } else if (type === 'file') {
      if (required) flag('valueMissing', 'Please select a file.');
    }
    if (type === 'email' && value !== '') {
      const addresses = node.hasAttribute('multiple') ? value.split(',').map((part) => part.trim()) : [value];
      const wrong = addresses.find((address) => !EMAIL.test(address));
      if (wrong !== undefined) flag('typeMismatch', FIREFOX ? (node.hasAttribute('multiple') ? 'Please enter a list of email addresses.' : 'Please enter an email address.') : emailMessage(wrong));
    }
    if (type === 'url' && value !== '' && host.call(cx, 'url.parse', [value]) === null) flag('typeMismatch', 'Please enter a URL.');
    const pattern = node.getAttribute('pattern');
    if (tag === 'input' && TEXT_TYPES[type] && pattern !== null && value !== '') {
      let expression = null;
      try {
        expression = new RegExpConstructor('^(?:' + pattern + ')$', 'v');
      } catch (error) {
        // (A pattern that does not compile constrains nothing.)
      }
      const values = type === 'email' && node.hasAttribute('multiple') ? value.split(',').map((part) => part.trim()) : [value];
      if (expression !== null && values.some((each) => !expression.test(each))) {
        const title = node.getAttribute('title');
        flag('patternMismatch', FIREFOX && title ? 'Please match the requested format: ' + title + '.' : 'Please match the requested format.');
      }
    }
    if ((tag === 'textarea' || TEXT_TYPES[type]) && editedByUser.has(node)) {
      const length = value.length;
      const maximum = node.getAttribute('maxlength');
      const minimum = node.getAttribute('minlength');
      const using = length === 1 ? '1 character' : length + ' characters';
      if (maximum !== null && /^[0-9]+$/.test(maximum) && length > Number(maximum)) {
        flag('tooLong', 'Please shorten this text to ' + Number(maximum) + ' characters or less (you are currently using ' + using + ').');
      }
      if (minimum !== null && /^[0-9]+$/.test(minimum) && length > 0 && length < Number(minimum)) {
        flag('tooShort', FIREFOX ? 'Please use at least ' + Number(minimum) + ' characters (you are currently using ' + using + ').'
          : 'Please lengthen this text to ' + Number(minimum) + ' characters or more (you are currently using ' + using + ').');
      }
    }
    if (tag === 'input' && RANGE_TYPES[type]) {
      const number = parseInputNumber(type, value);
      if (NumberIsFinite(number)) {
        const minText = node.getAttribute('min');
        const maxText = node.getAttribute('max');
        const min = minText === null ? NaN : parseInputNumber(type, minText);
        const max = maxText === null ? NaN : parseInputNumber(type, maxText);
        const timely = type !== 'number';
        if (NumberIsFinite(min) && number < min) {
          const bound = boundText(type, minText);
          flag('rangeUnderflow', FIREFOX ? 'Please select a value that is no ' + (timely ? 'earlier than ' : 'less than ') + bound + '.'
            : timely ? 'Value must be ' + bound + ' or later.' : 'Value must be greater than or equal to ' + bound + '.');
        }
        if (NumberIsFinite(max) && number > max) {
          const bound = boundText(type, maxText);
          flag('rangeOverflow', FIREFOX ? 'Please select a value that is no ' + (timely ? 'later than ' : 'more than ') + bound + '.'
            : timely ? 'Value must be ' + bound + ' or earlier.' : 'Value must be less than or equal to ' + bound + '.');
        }
        const step = allowedStep(node, type);
        if (step !== null) {
          // (The step base: the minimum, else the value attribute's, else zero.)
          const valueAttribute = node.getAttribute('value');
          const base = NumberIsFinite(min) ? min : valueAttribute !== null && NumberIsFinite(parseInputNumber(type, valueAttribute)) ? parseInputNumber(type, valueAttribute) : 0;
          const steps = (number - base) / step;
          if (distanceToInteger(steps) > 1e-9) {
            const low = base + MathFloor(steps) * step;
            const high = low + step;
            const lowText = inputNumberText(type, Number(low.toPrecision(15)));
            const highText = inputNumberText(type, Number(high.toPrecision(15)));
            const lead = FIREFOX ? 'Please select a valid value. ' : 'Please enter a valid value. ';
            const highAllowed = !NumberIsFinite(max) || high <= max;
            const lowAllowed = !NumberIsFinite(min) || low >= min;
            flag('stepMismatch', lead + (highAllowed && lowAllowed ? 'The two nearest valid values are ' + lowText + ' and ' + highText + '.'
              : 'The nearest valid value is ' + (lowAllowed ? lowText : highText) + '.'));
          }
        }
      }
    }
    if (custom !== undefined && custom !== '') {
      result.customError = true;
      result.message = custom;
      return result;
    }
    result.message = messages.length === 0 ? '' : messages[0];
    return result;
  }
  // Chromium's words for an e-mail address that is not one.
  function emailMessage(address) {
    const at = address.indexOf('@');
    if (at < 0) return "Please include an '@' in the email address. '" + address + "' is missing an '@'.";
    const local = address.slice(0, at);
    const domain = address.slice(at + 1);
    if (local === '') return "Please enter a part followed by '@'. '" + address + "' is incomplete.";
    if (domain === '') return "Please enter a part following '@'. '" + address + "' is incomplete.";
    const badLocal = /[^a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]/.exec(local);
    if (badLocal !== null) return "A part followed by '@' should not contain the symbol '" + badLocal[0] + "'.";
    const badDomain = /[^a-zA-Z0-9.-]/.exec(domain);
    if (badDomain !== null) return "A part following '@' should not contain the symbol '" + badDomain[0] + "'.";
    return "'.' is used at a wrong position in '" + domain + "'.";
  }
  const isValid = (cx, node) => {
    const validity = validityOf(cx, node);
    for (let i = 0; i < validityFlags.length; i++) if (validity[validityFlags[i]] === true) return false;
    return true;
  };
  // `checkValidity()` of a control: false, with a cancelable `invalid` at it, when it is invalid.
  function checkControl(cx, node) {
    if (isValid(cx, node)) return true;
    cx.loader.load('events');
    cx.loader.fireEvent(wrap(cx, node), 'invalid', { __proto__: null, bubbles: false, cancelable: true, composed: false });
    return false;
  }
  // `checkValidity()` of a form: each of its submittable controls that is invalid, in tree order,
  // hears `invalid`; true when none is.
  function checkForm(cx, form) {
    const controls = formControls(form);
    let valid = true;
    for (let i = 0; i < controls.length; i++) {
      const control = controls[i];
      if (formOwner(control) !== form || control.localName === 'fieldset' || control.localName === 'output' || control.localName === 'object') continue;
      if (!checkControl(cx, control)) valid = false;
    }
    return valid;
  }
  // A world's ValidityState of `node`: one object per node and world, whose members read the
  // node's validity as it is now.
  function validityState(cx, node) {
    return objectFor(cx, node, 'validity', () => {
      const object = host.newObjectFrom(cx, interfaceObject(cx, 'ValidityState').prototype);
      wrapped.set(object, { __proto__: null, node });
      return object;
    });
  }
  const validityMember = (flag) => ['get', (state, cx) => (flag === 'valid' ? isValid(cx, state.node) : validityOf(cx, state.node)[flag] === true)];

  function submitForm(cx, form, submitter, withEvent) {
    if (submitting.has(form)) return;
    if (host.isConstructingEntryList !== undefined && host.isConstructingEntryList(form)) return;
    // (Interactive validation: an invalid form is not submitted; its invalid controls hear so.)
    if (withEvent && !form.hasAttribute('novalidate') && !(submitter !== null && submitter.hasAttribute('formnovalidate')) && !checkForm(cx, form)) return;
    if (withEvent) {
      submitting.add(form);
      let proceed;
      try {
        cx.loader.load('ui_events');
        proceed = cx.loader.fireUIEvent(wrap(cx, form), 'SubmitEvent', 'submit',
          { __proto__: null, bubbles: true, cancelable: true, composed: false, submitter: submitter === null ? null : wrap(cx, submitter) }, true);
      } finally {
        submitting.delete(form);
      }
      if (!proceed) return;
    }
    const attribute = (name, formName) => (submitter !== null && submitter.hasAttribute(formName) ? submitter.getAttribute(formName) : form.getAttribute(name));
    const method = String(attribute('method', 'formmethod') || 'get').toLowerCase() === 'post' ? 'post' : 'get';
    // (The entry list, after its `formdata` event: js/37_form_data.js.)
    cx.loader.load('form_data');
    const entries = host.constructEntryList(cx, form, submitter, 'UTF-8');
    if (entries === null) return;
    const document = form.ownerDocument;
    const base = document._address;
    const actionText = attribute('action', 'formaction');
    const action = actionText === null || actionText === '' ? base : actionText;
    let url = action;
    if (method === 'get') {
      const parts = host.call(cx, 'url.parse', [action, base]);
      if (parts === null || typeof parts !== 'object') return;
      const href = String(parts.href);
      const hashAt = href.indexOf('#');
      const withoutFragment = hashAt < 0 ? href : href.slice(0, hashAt);
      const queryAt = withoutFragment.indexOf('?');
      url = (queryAt < 0 ? withoutFragment : withoutFragment.slice(0, queryAt)) + '?' + urlencoded(entries);
    }
    // (Into the frame the submitter's `formtarget` or the form's `target` names.)
    navigateByTarget(cx, form, url, submitter !== null && submitter.hasAttribute('formtarget') ? submitter.getAttribute('formtarget') : form.getAttribute('target'));
  }
  // The entries of the controls of `form` (HTML's "constructing the entry list", before its
  // `formdata` event: js/37_form_data.js), with `submitter` (the submit button, or null) and
  // `charset` (what a hidden `_charset_` control gives): [name, value] in tree order, value a
  // string or EMPTY_FILE (a file control with no file: the caller makes its empty File).
  const SUBMITTABLE = { __proto__: null, button: true, input: true, select: true, textarea: true };
  const AUTO_DIRECTIONALITY = {
    __proto__: null, hidden: true, text: true, search: true, tel: true, url: true, email: true, password: true, submit: true, reset: true, button: true,
  };
  const EMPTY_FILE = { __proto__: null };
  function formEntries(form, submitter, charset) {
    const entries = [];
    const controls = descendants(rootOf(form), (element) => SUBMITTABLE[element.localName] === true && element.namespaceURI === HTML && formOwner(element) === form);
    for (let i = 0; i < controls.length; i++) {
      const control = controls[i];
      if (library.matches(control, ':disabled')) continue;
      const name = control.getAttribute('name');
      const type = control.localName === 'input' ? inputType(control) : buttonType(control);
      const isButton = control.localName === 'button' || (control.localName === 'input' && (type === 'submit' || type === 'reset' || type === 'button' || type === 'image'));
      if (isButton && control !== submitter) continue;
      if (control.localName === 'input' && (type === 'checkbox' || type === 'radio') && !checkedness(control)) continue;
      if (control.localName === 'input' && type === 'image') {
        const prefix = name ? name + '.' : '';
        listPush(entries, [prefix + 'x', '0']);
        listPush(entries, [prefix + 'y', '0']);
        continue;
      }
      if (!name) continue;
      if (control.localName === 'select') {
        const options = selectOptions(control);
        for (let j = 0; j < options.length; j++) {
          if (selectedness(options[j]) && !library.matches(options[j], ':disabled')) listPush(entries, [name, implementations['HTMLOptionElement.value'](options[j])]);
        }
      } else if (control.localName === 'input' && (type === 'checkbox' || type === 'radio')) {
        listPush(entries, [name, control.hasAttribute('value') ? control.getAttribute('value') : 'on']);
      } else if (control.localName === 'input' && type === 'file') {
        listPush(entries, [name, EMPTY_FILE]);
      } else if (control.localName === 'input' && type === 'hidden' && name.toLowerCase() === '_charset_') {
        listPush(entries, [name, charset]);
      } else if (isButton) {
        listPush(entries, [name, control.getAttribute('value') || '']);
      } else {
        listPush(entries, [name, controlValue(control)]);
      }
      // (An auto-directionality form-associated element with `dirname` adds its directionality.)
      const dirname = control.getAttribute('dirname');
      if (dirname && (control.localName === 'textarea' || (control.localName === 'input' && AUTO_DIRECTIONALITY[type] === true))) {
        listPush(entries, [dirname, directionality(control)]);
      }
    }
    return entries;
  }
  // An element's directionality, as its `dir` or its nearest ancestor's says ('auto': the first
  // strong character of its value); 'ltr' by default.
  function directionality(node) {
    for (let current = node; current !== null && current.nodeType === 1; current = current.parentNode) {
      const dir = String(current.getAttribute('dir') || '').toLowerCase();
      if (dir === 'ltr' || dir === 'rtl') return dir;
      if (dir === 'auto') {
        const text = current === node && (node.localName === 'input' || node.localName === 'textarea') ? controlValue(node) : current.textContent;
        const strong = /[A-Za-z\u00C0-\u02B8\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/.exec(text);
        return strong !== null && /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/.test(strong[0]) ? 'rtl' : 'ltr';
      }
    }
    return 'ltr';
  }
  // The application/x-www-form-urlencoded serializer (URL Standard): UTF-8, each byte but ASCII
  // letters, digits and *-._ percent-encoded, a space as +.
  const HEX = '0123456789ABCDEF';
  function formByte(byte) {
    if ((byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte === 0x2A || byte === 0x2D || byte === 0x2E || byte === 0x5F) {
      return StringFromCodePoint(byte);
    }
    if (byte === 0x20) return '+';
    return '%' + HEX[byte >> 4] + HEX[byte & 15];
  }
  function formComponent(text) {
    let out = '';
    const value = String(text);
    for (let i = 0; i < value.length; i++) {
      let code = value.charCodeAt(i);
      // (A lone surrogate is U+FFFD, as UTF-8 encoding a USVString makes it.)
      if (code >= 0xD800 && code <= 0xDBFF && i + 1 < value.length && value.charCodeAt(i + 1) >= 0xDC00 && value.charCodeAt(i + 1) <= 0xDFFF) {
        code = 0x10000 + ((code - 0xD800) << 10) + (value.charCodeAt(i + 1) - 0xDC00);
        i++;
      } else if (code >= 0xD800 && code <= 0xDFFF) {
        code = 0xFFFD;
      }
      if (code < 0x80) out += formByte(code);
      else if (code < 0x800) out += formByte(0xC0 | (code >> 6)) + formByte(0x80 | (code & 63));
      else if (code < 0x10000) out += formByte(0xE0 | (code >> 12)) + formByte(0x80 | ((code >> 6) & 63)) + formByte(0x80 | (code & 63));
      else out += formByte(0xF0 | (code >> 18)) + formByte(0x80 | ((code >> 12) & 63)) + formByte(0x80 | ((code >> 6) & 63)) + formByte(0x80 | (code & 63));
    }
    return out;
  }
  // (HTML's "convert to a list of name-value pairs" first: a File gives its name, and line breaks
  // become CR LF.)
  const crlf = (text) => String(text).replace(/\r\n|\r|\n/g, '\r\n');
  function urlencoded(entries) {
    let out = '';
    for (let i = 0; i < entries.length; i++) {
      const value = entries[i][1];
      const text = typeof value === 'string' ? value : value.file.name;
      out += (i > 0 ? '&' : '') + formComponent(crlf(entries[i][0])) + '=' + formComponent(crlf(text));
    }
    return out;
  }

  // ---- Token lists, dataset, style -------------------------------------------------------------------------
  // (Each is made once per element and world, and reads the element's attribute each time.)
  // The object `key` of `node` in the world (a live list, classList, dataset, style), made by
  // `make` the first time.
  function objectFor(cx, node, key, make) {
    const world = worldOf(cx);
    let byKey = world.lists.get(node);
    if (byKey === undefined) {
      byKey = new SafeMap();
      world.lists.set(node, byKey);
    }
    let object = byKey.get(key);
    if (object === undefined) {
      object = make();
      byKey.set(key, object);
    }
    return object;
  }
  function tokenList(cx, node) {
    return objectFor(cx, node, 'classList', () => {
      const list = node.classList;
      const proxy = indexedProxy(cx, 'DOMTokenList', () => list.length, (index) => list.item(index));
      wrapped.set(proxy, { __proto__: null, tokens: list, node });
      return proxy;
    });
  }
  // An element's attributes (the DOM's NamedNodeMap): live, indexed, its Attrs the world's
  // wrappers of domino's (fixtures/conformance/dom-attributes).
  function attributeMap(cx, node) {
    return objectFor(cx, node, 'attributes', () => {
      const proxy = indexedProxy(cx, 'NamedNodeMap', () => node.attributes.length, (index) => wrap(cx, node.attributes.item(index)), (name) => {
        const attr = node.getAttributeNode(name);
        return attr === null ? undefined : wrap(cx, attr);
      });
      wrapped.set(proxy, { __proto__: null, node });
      return proxy;
    });
  }
  // The Attr a world's value stands for, for NamedNodeMap's `member`; else each browser's TypeError.
  function attrArgument(cx, member, value) {
    const attr = host.nodeOf(value);
    if (attr === undefined || attr.nodeType !== 2) {
      throw host.newTypeError(cx, FIREFOX ? 'NamedNodeMap.' + member + ": Argument 1 does not implement interface Attr."
        : failed('NamedNodeMap', member, "parameter 1 is not of type 'Attr'."));
    }
    return attr;
  }
  // Removes `attr` (null: none has the name) from `element`; the removed Attr, or NotFoundError.
  function removeNamedAttribute(cx, element, attr, member, name) {
    if (attr === null) {
      throw domException(cx, FIREFOX ? 'Node was not found' : failed('NamedNodeMap', member, "No item with name '" + name + "' was found."), 'NotFoundError');
    }
    element.removeAttributeNode(attr);
    return wrap(cx, attr);
  }
  // data-* attributes as camelCase names (HTML's DOMStringMap).
  const dataName = (property) => 'data-' + property.replace(/[A-Z]/g, (letter) => '-' + letter.toLowerCase());
  const camelName = (attribute) => attribute.slice(5).replace(/-([a-z])/g, (all, letter) => letter.toUpperCase());
  function dataset(cx, node) {
    return objectFor(cx, node, 'dataset', () => {
      const target = host.newObjectFrom(cx, interfaceObject(cx, 'DOMStringMap').prototype);
      const isData = (property) => typeof property === 'string' && node.hasAttribute(dataName(property));
      const handler = {
        __proto__: null,
        get: (object, property, receiver) => (isData(property) ? node.getAttribute(dataName(property)) : cx.b.ReflectGet(object, property, receiver)),
        has: (object, property) => isData(property) || cx.b.ReflectHas(object, property),
        set(object, property, value) {
          if (typeof property !== 'string') return cx.b.ReflectSet(object, property, value);
          if (/-[a-z]/.test(property)) {
            throw domException(cx, FIREFOX ? 'An invalid or illegal string was specified'
              : "Failed to set a named property '" + property + "' on 'DOMStringMap': '" + property + "' is not a valid property name.", 'SyntaxError');
          }
          node.setAttribute(dataName(property), String(value));
          return true;
        },
        deleteProperty(object, property) {
          if (isData(property)) node.removeAttribute(dataName(property));
          return true;
        },
        getOwnPropertyDescriptor(object, property) {
          if (!isData(property)) return cx.b.ReflectGetOwnPropertyDescriptor(object, property);
          const descriptor = host.newObjectFrom(cx, null);
          descriptor.value = node.getAttribute(dataName(property));
          descriptor.writable = true;
          descriptor.enumerable = true;
          descriptor.configurable = true;
          return descriptor;
        },
        ownKeys() {
          const keys = [];
          const attributes = node.attributes;
          for (let i = 0; i < attributes.length; i++) {
            const name = attributes[i].name;
            if (name.startsWith('data-') && !/[A-Z]/.test(name)) listPush(keys, camelName(name));
          }
          return host.newArray(cx, keys);
        },
        defineProperty(object, property, descriptor) {
          if (typeof property !== 'string') return false;
          node.setAttribute(dataName(property), String(descriptor.value));
          return true;
        },
      };
      const proxy = guardedProxy(cx, target, 'DOMStringMap', handler);
      wrapped.set(proxy, { __proto__: null, dataset: true, node });
      return proxy;
    });
  }
  // The `style` attribute as data: declarations by property name, camelCase or hyphenated.
  const hyphenName = (property) => (property.startsWith('--') ? property : property.replace(/[A-Z]/g, (letter) => '-' + letter.toLowerCase()).replace(/^webkit-/, '-webkit-'));
  function style(cx, node) {
    return objectFor(cx, node, 'style', () => declarationObject(cx, node, library.styleOf(node), (declaration, property, value) => {
      const text = value === null ? '' : String(value);
      if (text === '') declaration.removeProperty(property);
      else declaration.setProperty(property, text);
    }));
  }
  // A CSSStyleDeclaration of the world of `cx` over `declaration` (domino's for the `style`
  // attribute, or a computed style's): its properties by name, camelCase or hyphenated, read from
  // the declaration and written by `write(declaration, hyphenated name, value)`.
  const styleInterface = FIREFOX ? 'CSSStyleProperties' : 'CSSStyleDeclaration';
  function declarationObject(cx, node, declaration, write) {
    // (Firefox 153's declarations are CSSStyleProperties, a CSSStyleDeclaration whose named
    // properties are the CSS properties: fixtures/conformance/window-view, style-sheets.)
    const target = host.newObjectFrom(cx, interfaceObject(cx, styleInterface).prototype);
    wrapped.set(target, { __proto__: null, style: declaration, node });
    const isProperty = (property) => typeof property === 'string' && /^(--|-?[a-z][a-zA-Z-]*$)/.test(property) && !(property in styleMembers);
    const handler = {
      __proto__: null,
      get(object, property, receiver) {
        if (isProperty(property) && !cx.b.ReflectHas(object, property)) return declaration.getPropertyValue(hyphenName(property));
        return cx.b.ReflectGet(object, property, receiver);
      },
      set(object, property, value, receiver) {
        if (isProperty(property) && !cx.b.ReflectHas(object, property)) {
          write(declaration, hyphenName(property), value);
          return true;
        }
        return cx.b.ReflectSet(object, property, value, receiver);
      },
    };
    const proxy = guardedProxy(cx, target, styleInterface, handler);
    wrapped.set(proxy, { __proto__: null, style: declaration, node });
    return proxy;
  }
  const styleMembers = { __proto__: null, cssText: true, length: true, getPropertyValue: true, getPropertyPriority: true, setProperty: true, removeProperty: true, item: true, cssFloat: true, parentRule: true };

  // ---- Computed style (`getComputedStyle`, js/30_view.js) ---------------------------------------------------
  // exthost applies no style sheet (no CSS cascade, no layout): an element's computed value of a
  // property is its inline style's, else its parent's for an inherited property, else the
  // property's initial value; its `display` is `none` when it is `hidden` and otherwise the one
  // HTML's rendering section gives the element. Colours come as `rgb()`/`rgba()`, as the browsers
  // give them; a length that needs layout (`width: auto`, percentages) stays as declared.
  const blockElements = (
    'html body address blockquote center dialog div figure figcaption footer form header hr legend listing main p plaintext pre '
    + 'search xmp article aside h1 h2 h3 h4 h5 h6 hgroup nav section dir dd dl dt menu ol ul fieldset details summary optgroup'
  ).split(' ');
  const noneElements = 'area base basefont datalist head link meta noembed noframes param rp script style template title'.split(' ');
  const uaDisplays = {
    __proto__: null, li: 'list-item', table: 'table', caption: 'table-caption', colgroup: 'table-column-group', col: 'table-column',
    thead: 'table-header-group', tbody: 'table-row-group', tfoot: 'table-footer-group', tr: 'table-row', td: 'table-cell', th: 'table-cell',
    input: 'inline-block', button: 'inline-block', select: 'inline-block', textarea: 'inline-block', meter: 'inline-block', progress: 'inline-block',
    ruby: 'ruby', rt: 'ruby-text', img: 'inline', iframe: 'inline', video: 'inline', canvas: 'inline', marquee: 'inline-block',
  };
  function uaDisplay(node) {
    if (node.namespaceURI !== HTML) return 'inline';
    const name = node.localName;
    if (uaDisplays[name] !== undefined) return uaDisplays[name];
    if (blockElements.indexOf(name) >= 0) return 'block';
    if (noneElements.indexOf(name) >= 0) return 'none';
    return 'inline';
  }
  // The inherited properties among those given initial values below.
  const inheritedProperties = (
    'color font-family font-size font-style font-variant font-weight letter-spacing line-height text-align text-indent text-transform '
    + 'visibility white-space word-spacing direction cursor list-style-type list-style-position quotes text-shadow writing-mode'
  ).split(' ');
  const initialValues = {
    __proto__: null, display: 'inline', color: 'rgb(0, 0, 0)', 'background-color': 'rgba(0, 0, 0, 0)', 'background-image': 'none',
    opacity: '1', visibility: 'visible', position: 'static', 'z-index': 'auto', float: 'none', clear: 'none', overflow: 'visible',
    'overflow-x': 'visible', 'overflow-y': 'visible', width: 'auto', height: 'auto', 'min-width': 'auto', 'min-height': 'auto',
    'max-width': 'none', 'max-height': 'none', top: 'auto', right: 'auto', bottom: 'auto', left: 'auto',
    'margin-top': '0px', 'margin-right': '0px', 'margin-bottom': '0px', 'margin-left': '0px',
    'padding-top': '0px', 'padding-right': '0px', 'padding-bottom': '0px', 'padding-left': '0px',
    'border-top-width': '0px', 'border-right-width': '0px', 'border-bottom-width': '0px', 'border-left-width': '0px',
    'border-top-style': 'none', 'border-right-style': 'none', 'border-bottom-style': 'none', 'border-left-style': 'none',
    'font-family': FIREFOX ? 'serif' : 'Times New Roman', 'font-size': '16px', 'font-style': 'normal', 'font-variant': 'normal', 'font-weight': '400',
    'line-height': 'normal', 'letter-spacing': 'normal', 'word-spacing': '0px', 'text-align': 'start', 'text-indent': '0px',
    'text-transform': 'none', 'text-decoration-line': 'none', 'white-space': 'normal', direction: 'ltr', cursor: 'auto',
    'list-style-type': 'disc', 'list-style-position': 'outside', 'box-sizing': 'content-box', 'pointer-events': 'auto',
    transform: 'none', transition: 'all', 'vertical-align': 'baseline', 'user-select': 'auto', 'flex-direction': 'row',
    'flex-wrap': 'nowrap', 'justify-content': 'normal', 'align-items': 'normal', 'flex-grow': '0', 'flex-shrink': '1', 'flex-basis': 'auto',
    order: '0', gap: 'normal', 'row-gap': 'normal', 'column-gap': 'normal', 'text-shadow': 'none', 'box-shadow': 'none',
    'writing-mode': 'horizontal-tb', quotes: 'auto', 'content': 'normal', 'outline-style': 'none', 'outline-width': '0px',
  };
  const computedNames = ObjectKeys(initialValues).sort();
  // (Shorthands a script sets in `style`, as the longhands the computed style lists.)
  const boxShorthands = { __proto__: null, margin: 'margin-', padding: 'padding-', 'border-width': 'border-', 'border-style': 'border-' };
  const sides = ['top', 'right', 'bottom', 'left'];
  // The value a box shorthand's text (1 to 4 values, top, right, bottom, left) gives its side `i`.
  function shorthandSide(whole, i) {
    const parts = whole.trim().split(/\s+/);
    const index = parts.length === 1 ? 0 : parts.length === 2 ? i % 2 : parts.length === 3 ? (i === 3 ? 1 : i) : i;
    return parts[index] === undefined ? '' : parts[index];
  }
  // The box shorthand and side `property` is a longhand of: { shorthand, side } or undefined.
  function shorthandOf(property) {
    for (const shorthand in boxShorthands) {
      const prefix = boxShorthands[shorthand];
      const suffix = shorthand.startsWith('border-') ? '-' + shorthand.slice(7) : '';
      for (let i = 0; i < 4; i++) if (property === prefix + sides[i] + suffix) return { __proto__: null, shorthand, side: i };
    }
    return undefined;
  }
  // What the element's `style` attribute declares for `property`: { value, important } or undefined.
  function inlineDeclaration(node, property) {
    if (!node.hasAttribute('style')) return undefined;
    const declaration = library.styleOf(node);
    const value = declaration.getPropertyValue(property);
    if (value !== '') return { __proto__: null, value, important: declaration.getPropertyPriority(property) === 'important' };
    const longhand = shorthandOf(property);
    if (longhand === undefined) return undefined;
    const whole = declaration.getPropertyValue(longhand.shorthand);
    if (whole === '') return undefined;
    return { __proto__: null, value: shorthandSide(whole, longhand.side), important: declaration.getPropertyPriority(longhand.shorthand) === 'important' };
  }
  // What a rule's declarations ([name, value, important] in order) give `property`: the last that
  // sets it, itself or through its box shorthand; undefined when none does.
  function ruleDeclaration(declarations, property) {
    const longhand = shorthandOf(property);
    for (let i = declarations.length - 1; i >= 0; i--) {
      const name = declarations[i][0];
      const value = declarations[i][1];
      const important = declarations[i][2];
      if (name === property) return { __proto__: null, value, important };
      if (longhand !== undefined && name === longhand.shorthand) return { __proto__: null, value: shorthandSide(value, longhand.side), important };
    }
    return undefined;
  }
  // The cascaded value of `property` for the element `node`: its style sheets' rules and its
  // `style` attribute, by origin and importance (CSS Cascade: the browser's own, the user's, the
  // author's normal declarations, then the author's, the user's, the browser's `!important` ones),
  // then the style attribute over an author's rule, then specificity, then the order of the rules;
  // '' when nothing declares it.
  const USER_AGENT = 0;
  const USER = 1;
  const AUTHOR = 2;
  const normalLevels = [0, 1, 2];
  const importantLevels = [5, 4, 3];
  // (A rank: its level × 1e14, then its specificity, saturated below the style attribute's as the
  // browsers saturate each component of it, × 1e6, then its order.)
  const LEVEL = 1e14;
  const STYLE_ATTRIBUTE = 5e13;
  function declaredValue(node, property) {
    if (node.nodeType !== 1) return '';
    let best;
    let bestRank = -1;
    // (A rank: the level of its origin and importance, then specificity, then order, `first` the
    // order of the list's first rule.)
    const consider = (rules, origin, first) => {
      for (let i = 0; i < rules.length; i++) {
        const found = ruleDeclaration(rules[i].declarations, property);
        if (found === undefined) continue;
        const specificity = library.matchingSpecificity(node, rules[i].selector);
        if (specificity < 0) continue;
        const rank = (found.important ? importantLevels : normalLevels)[origin] * LEVEL + (specificity > 4e7 ? 4e7 : specificity) * 1e6 + first + i;
        if (rank >= bestRank) {
          best = found;
          bestRank = rank;
        }
      }
    };
    if (node.namespaceURI === HTML) consider(userAgentRules(), USER_AGENT, 0);
    // (A node in a shadow tree: its root's own rules, not the document's nor those extensions added.)
    const root = rootOf(node);
    const document = node.ownerDocument;
    // (The user's sheets apply to every tree, shadow trees too; the author's added ones to the document's.)
    if (document !== null) consider(addedRules(document, true), USER, 0);
    if (shadowRoots.has(root)) {
      consider(documentRules(root), AUTHOR, 0);
    } else if (document !== null) {
      // (Chromium's added author sheets come before the page's, Firefox's after them.)
      const added = addedRules(document, false);
      const own = documentRules(document);
      consider(FIREFOX ? own : added, AUTHOR, 0);
      consider(FIREFOX ? added : own, AUTHOR, FIREFOX ? own.length : added.length);
    }
    // (The style attribute: an author's declaration above every rule's specificity.)
    const inline = inlineDeclaration(node, property);
    if (inline !== undefined && (inline.important ? importantLevels : normalLevels)[AUTHOR] * LEVEL + STYLE_ATTRIBUTE >= bestRank) return inline.value;
    return best === undefined ? '' : best.value;
  }

  // The browsers' own style sheet for HTML (HTML's rendering section) as far as the computed style
  // knows its properties, in computed values (1em is 16px); `display` comes from uaDisplay.
  const userAgentSheet = 'body { margin: 8px } p, blockquote, figure, dl, ul, ol, menu, dir { margin-top: 16px; margin-bottom: 16px } '
    + 'blockquote, figure { margin-left: 40px; margin-right: 40px } ul, ol, menu, dir { padding-left: 40px } '
    + 'ul ul, ul ol, ol ul, ol ol, ul menu, menu ul, ol menu, menu ol { margin-top: 0px; margin-bottom: 0px } dd { margin-left: 40px } '
    + 'h1 { font-size: 32px; margin-top: 21.44px; margin-bottom: 21.44px; font-weight: 700 } '
    + 'h2 { font-size: 24px; margin-top: 19.92px; margin-bottom: 19.92px; font-weight: 700 } '
    + 'h3 { font-size: 18.72px; margin-top: 18.72px; margin-bottom: 18.72px; font-weight: 700 } '
    + 'h4 { margin-top: 21.28px; margin-bottom: 21.28px; font-weight: 700 } '
    + 'h5 { font-size: 13.28px; margin-top: 22.1776px; margin-bottom: 22.1776px; font-weight: 700 } '
    + 'h6 { font-size: 10.72px; margin-top: 24.9776px; margin-bottom: 24.9776px; font-weight: 700 } '
    + 'b, strong, th { font-weight: 700 } i, em, cite, var, dfn, address { font-style: italic } '
    + 'pre, code, kbd, samp, tt, listing, xmp, plaintext { font-family: monospace } pre, listing, xmp, plaintext { white-space: pre; margin-top: 13px; margin-bottom: 13px } '
    + 'a:link { color: rgb(0, 0, 238); cursor: pointer; text-decoration-line: underline } small { font-size: 13.3333px } '
    + 'sub, sup { font-size: 13.3333px } center, th { text-align: center } hr { margin-top: 8px; margin-bottom: 8px; border-top-width: 1px; border-top-style: inset } '
    + 'fieldset { margin-left: 2px; margin-right: 2px } table { border-top-style: none; box-sizing: border-box } td, th { padding-top: 1px; padding-right: 1px; padding-bottom: 1px; padding-left: 1px } '
    + 'ol { list-style-type: decimal } ul ul, ol ul { list-style-type: circle } [hidden] { display: none }';
  let parsedUserAgentSheet;
  function userAgentRules() {
    if (parsedUserAgentSheet === undefined) {
      parsedUserAgentSheet = [];
      parseRules(userAgentSheet, parsedUserAgentSheet);
    }
    return parsedUserAgentSheet;
  }

  // ---- Style sheets (the cascade of getComputedStyle) ------------------------------------------------------
  // The rules of a document's `<style>` elements in document order, each { selector, declarations };
  // `@media` blocks whose query matches the headless view (js/30_view.js) and `@supports` blocks
  // count, other at-rules do not, nor do linked style sheets (`<link rel=stylesheet>`). Read again
  // when the document changed (its version), each text parsed once.
  const documentSheets = new SafeWeakMap();
  // (`root`: a document, or a shadow root: its `<style>` elements' sheets, then its adopted ones.)
  function documentRules(root) {
    const document = root.nodeType === 9 ? root : root.ownerDocument;
    const key = versions.get(document) + ':' + sheetsVersion;
    const kept = documentSheets.get(root);
    if (kept !== undefined && kept.key === key && versions.get(document) !== undefined) return kept.rules;
    const rules = [];
    const sheets = sheetsOf(root);
    const adopted = adoptedSheets.get(root);
    if (adopted !== undefined) for (let i = 0; i < adopted.length; i++) listPush(sheets, adopted[i]);
    for (let i = 0; i < sheets.length; i++) {
      const sheet = sheets[i];
      if (sheet.disabled || (sheet.mediaText !== '' && host.evaluateMedia !== undefined && !host.evaluateMedia(sheet.mediaText).matches)) continue;
      for (let j = 0; j < sheet.rules.length; j++) listPush(rules, sheet.rules[j]);
    }
    documentSheets.set(root, { __proto__: null, key: versions.get(document) + ':' + sheetsVersion, rules });
    return rules;
  }

  // ---- Style sheets an extension adds (Sources/Exthost/DOM/ExtensionHost+StyleSheets.swift) -----------------
  // A content script's `css`, `scripting.insertCSS`, version 2's `tabs.insertCSS`: Swift keeps
  // them by document (`engine.addedStyleSheets(id)`: [[user, text], ...] in the order added, as
  // Chromium's StyleEngine `InjectSheet` and Firefox's `AddAdditionalStyleSheet` keep them), parsed
  // here once each time they change. No script of the page sees them (they are in no
  // `document.styleSheets`); in the cascade an author one comes before the document's own sheets
  // in Chromium (a tie goes to the page's) and after them in Firefox (a tie goes to the
  // extension's), and a user one is of the user's origin, whose `!important` beats the page's
  // (recorded: fixtures/conformance/content-script-css-cascade). They apply to the document's
  // tree, not to its shadow trees.
  const addedSheets = new SafeMap();
  host.addedStyleSheetsChanged = (id) => {
    addedSheets.delete(id);
    sheetsVersion += 1;
  };
  // The rules of the sheets added to `document` of one origin (`user`), in the order added.
  function addedRules(document, user) {
    const id = documentIds.get(document);
    if (id === undefined) return [];
    let added = addedSheets.get(id);
    if (added === undefined) {
      added = { __proto__: null, author: [], user: [] };
      const list = JSONParse(engine.addedStyleSheets(id));
      for (let i = 0; i < list.length; i++) {
        const sheet = newSheet(null, null, false);
        fillSheet(sheet, list[i][1]);
        const rules = list[i][0] ? added.user : added.author;
        for (let j = 0; j < sheet.rules.length; j++) listPush(rules, sheet.rules[j]);
      }
      addedSheets.set(id, added);
    }
    return user ? added.user : added.author;
  }

  // ---- Style sheets as objects (CSSOM: document.styleSheets, a <style>'s sheet, constructed sheets) ---------
  // A sheet: its rules ({ selector, declarations, sheet }, the style rules of its text, those of
  // its matching `@media` blocks among them: no CSSMediaRule or other at-rule is kept), whether
  // it is disabled, its owner node (none for a constructed one) and media. A `<style>`'s sheet is
  // made again when its text changes (a new object, as in the browsers); every change a script
  // makes through the CSSOM counts in `sheetsVersion`, which the cascade's cache reads.
  let sheetsVersion = 0;
  const elementSheets = new SafeWeakMap();
  const adoptedSheets = new SafeWeakMap();
  function newSheet(document, ownerNode, constructed) {
    return { __proto__: null, rules: [], disabled: false, ownerNode, constructed, document, mediaText: '' };
  }
  function fillSheet(sheet, text) {
    const rules = [];
    parseRules(text.replace(/\/\*[\s\S]*?(\*\/|$)/g, ''), rules);
    for (let i = 0; i < rules.length; i++) rules[i].sheet = sheet;
    sheet.rules = rules;
    sheetsVersion += 1;
  }
  // The sheet of a `<style>` element (null when it is in no document or shadow tree).
  function elementSheet(element) {
    if (element.localName !== 'style' || element.namespaceURI !== HTML || shadowIncludingRoot(element).nodeType !== 9) return null;
    const text = element.textContent;
    let kept = elementSheets.get(element);
    if (kept === undefined || kept.text !== text) {
      const sheet = newSheet(element.ownerDocument, element, false);
      fillSheet(sheet, text);
      kept = { __proto__: null, text, sheet };
      elementSheets.set(element, kept);
    }
    kept.sheet.mediaText = element.getAttribute('media') || '';
    return kept.sheet;
  }
  // The sheets of a document's or a shadow root's `<style>` elements, in tree order.
  function sheetsOf(root) {
    const styles = library.querySelectorAll(root, 'style');
    const sheets = [];
    for (let i = 0; i < styles.length; i++) {
      const sheet = elementSheet(styles[i]);
      if (sheet !== null) listPush(sheets, sheet);
    }
    return sheets;
  }
  const ruleText = (rule) => {
    let text = rule.selector + ' {';
    for (let i = 0; i < rule.declarations.length; i++) {
      const declaration = rule.declarations[i];
      text += ' ' + declaration[0] + ': ' + declaration[1] + (declaration[2] ? ' !important' : '') + ';';
    }
    return text + ' }';
  };
  // The declarations of a rule as the members of its `style` read and change them.
  function ruleStyle(rule) {
    const find = (name) => {
      for (let i = 0; i < rule.declarations.length; i++) if (rule.declarations[i][0] === name) return i;
      return -1;
    };
    return {
      __proto__: null,
      get cssText() {
        const text = ruleText(rule);
        return text.slice(text.indexOf('{') + 1, -1).trim();
      },
      set cssText(value) {
        rule.declarations = parseDeclarations(String(value));
        sheetsVersion += 1;
      },
      get length() { return rule.declarations.length; },
      item: (index) => (index < rule.declarations.length ? rule.declarations[index][0] : ''),
      getPropertyValue: (name) => {
        const index = find(name.toLowerCase());
        return index < 0 ? '' : rule.declarations[index][1];
      },
      getPropertyPriority: (name) => {
        const index = find(name.toLowerCase());
        return index >= 0 && rule.declarations[index][2] ? 'important' : '';
      },
      setProperty: (name, value, priority) => {
        const key = name.toLowerCase();
        const index = find(key);
        const declaration = [key, String(value), priority === 'important'];
        if (index < 0) listPush(rule.declarations, declaration);
        else rule.declarations[index] = declaration;
        sheetsVersion += 1;
      },
      removeProperty: (name) => {
        const index = find(name.toLowerCase());
        if (index >= 0) listRemoveAt(rule.declarations, index);
        sheetsVersion += 1;
      },
    };
  }
  const sheetObject = (cx, sheet) => (sheet === null ? null : stateObject(cx, sheet, 'CSSStyleSheet', { __proto__: null, sheet }));
  const ruleObject = (cx, rule) => stateObject(cx, rule, 'CSSStyleRule', { __proto__: null, rule });
  // A StyleSheetList of the world of `cx`: the sheets `sheets()` gives now.
  function sheetList(cx, owner, sheets) {
    return objectFor(cx, owner, 'styleSheets', () => {
      const list = indexedProxy(cx, 'StyleSheetList', () => sheets().length, (index) => sheetObject(cx, sheets()[index]));
      wrapped.set(list, { __proto__: null, sheets });
      return list;
    });
  }
  function rulesList(cx, sheet) {
    return objectFor(cx, sheet, 'cssRules', () => {
      const list = indexedProxy(cx, 'CSSRuleList', () => sheet.rules.length, (index) => ruleObject(cx, sheet.rules[index]));
      wrapped.set(list, { __proto__: null, sheet });
      return list;
    });
  }
  // `new CSSStyleSheet()`: an empty constructed sheet of the world's document.
  function constructSheet(cx, thisValue, newTarget) {
    const sheet = newSheet(documentOf(cx), null, true);
    const given = newTarget === undefined ? undefined : cx.b.ReflectGet(newTarget, 'prototype');
    const prototype = given !== null && (typeof given === 'object' || typeof given === 'function') ? given : undefined;
    return stateObject(cx, sheet, 'CSSStyleSheet', { __proto__: null, sheet }, prototype);
  }
  const sheetFailure = (cx, member, name, chromeText, firefoxText) => domException(cx, FIREFOX ? firefoxText : failed('CSSStyleSheet', member, chromeText), name);
  function insertRule(cx, sheet, text, index) {
    const parsed = [];
    const source = String(text);
    parseRules(source, parsed);
    if (parsed.length !== 1 || source.indexOf('}') !== source.trim().length - 1) {
      throw sheetFailure(cx, 'insertRule', 'SyntaxError', "Failed to parse the rule '" + source + "'.", 'An invalid or illegal string was specified');
    }
    const at = index === undefined ? 0 : toUnsigned(index);
    if (at > sheet.rules.length) {
      throw sheetFailure(cx, 'insertRule', 'IndexSizeError', 'The index provided (' + at + ') is larger than the maximum index (' + sheet.rules.length + ').',
        'Index or size is negative or greater than the allowed amount');
    }
    parsed[0].sheet = sheet;
    const rules = [];
    for (let i = 0; i < sheet.rules.length; i++) {
      if (i === at) listPush(rules, parsed[0]);
      listPush(rules, sheet.rules[i]);
    }
    if (at === sheet.rules.length) listPush(rules, parsed[0]);
    sheet.rules = rules;
    sheetsVersion += 1;
    return at;
  }
  // `adoptedStyleSheets` of a document or a shadow root: the sheets in a new array of the world;
  // set, a sequence of constructed sheets of the same document.
  function adopted(cx, root) {
    const list = adoptedSheets.get(root);
    const objects = [];
    if (list !== undefined) for (let i = 0; i < list.length; i++) listPush(objects, sheetObject(cx, list[i]));
    return host.newArray(cx, objects);
  }
  function adopt(cx, root, owner, value) {
    if (value === null || typeof value !== 'object') {
      throw host.newTypeError(cx, FIREFOX ? owner + '.adoptedStyleSheets setter: Value being assigned is not an object.'
        : failedSet(owner, 'adoptedStyleSheets', 'The provided value cannot be converted to a sequence.'));
    }
    const sheets = [];
    const length = toUnsigned(cx.b.ReflectGet(value, 'length'));
    for (let i = 0; i < length; i++) {
      const state = wrapped.get(cx.b.ReflectGet(value, String(i)));
      if (state === undefined || state.sheet === undefined) {
        throw host.newTypeError(cx, FIREFOX ? owner + '.adoptedStyleSheets setter: Element of value being assigned does not implement interface CSSStyleSheet.'
          : failedSet(owner, 'adoptedStyleSheets', "Failed to convert value to 'CSSStyleSheet'."));
      }
      if (!state.sheet.constructed) {
        throw domException(cx, FIREFOX ? 'Adopted style sheet must be created through the Constructable StyleSheets API'
          : failedSet(owner, 'adoptedStyleSheets', "Can't adopt non-constructed stylesheets."), 'NotAllowedError');
      }
      listPush(sheets, state.sheet);
    }
    adoptedSheets.set(root, sheets);
    sheetsVersion += 1;
  }

  // The index after the end of what starts at `start` and ends at one of `stops` at the outer
  // level (brackets and strings skipped).
  function scanTo(source, start, stops) {
    let depth = 0;
    let quote = '';
    for (let i = start; i < source.length; i++) {
      const c = source[i];
      if (quote !== '') {
        if (c === '\\') i++;
        else if (c === quote) quote = '';
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '(' || c === '[') depth++;
      else if (c === ')' || c === ']') depth--;
      else if (depth <= 0 && stops.indexOf(c) >= 0) return i;
    }
    return source.length;
  }
  // Reads the rules of `source` into `rules`.
  function parseRules(source, rules) {
    let i = 0;
    while (i < source.length) {
      const end = scanTo(source, i, '{;}');
      const prelude = source.slice(i, end).trim();
      if (end >= source.length) return;
      if (source[end] !== '{') {
        i = end + 1;
        continue;
      }
      // (The block ends at its matching brace.)
      let depth = 1;
      let j = end + 1;
      while (j < source.length && depth > 0) {
        const next = scanTo(source, j, '{}');
        if (next >= source.length) {
          j = next;
          break;
        }
        depth += source[next] === '{' ? 1 : -1;
        j = next + 1;
      }
      const block = source.slice(end + 1, depth === 0 ? j - 1 : j);
      i = j;
      if (prelude[0] === '@') {
        const at = /^@([a-zA-Z-]+)\s*([\s\S]*)$/.exec(prelude);
        const name = at === null ? '' : at[1].toLowerCase();
        if ((name === 'media' && (host.evaluateMedia === undefined || host.evaluateMedia(at[2]).matches)) || name === 'supports' || name === 'layer') {
          parseRules(block, rules);
        }
        continue;
      }
      if (prelude !== '') listPush(rules, { __proto__: null, selector: prelude, declarations: parseDeclarations(block) });
    }
  }
  // A block's declarations: [name (lowercased), value, important] in order.
  function parseDeclarations(block) {
    const declarations = [];
    let i = 0;
    while (i < block.length) {
      const end = scanTo(block, i, ';');
      const text = block.slice(i, end);
      i = end + 1;
      const colon = text.indexOf(':');
      if (colon < 0) continue;
      const name = text.slice(0, colon).trim().toLowerCase();
      let value = text.slice(colon + 1).trim();
      const important = /!\s*important\s*$/i.test(value);
      if (important) value = value.replace(/!\s*important\s*$/i, '').trim();
      if (name !== '' && value !== '') listPush(declarations, [name, value, important]);
    }
    return declarations;
  }
  // CSS's named colours (CSS Color 4), for the `rgb()` form the browsers compute.
  const namedColors = (
    'aliceblue f0f8ff antiquewhite faebd7 aqua 00ffff aquamarine 7fffd4 azure f0ffff beige f5f5dc bisque ffe4c4 black 000000 '
    + 'blanchedalmond ffebcd blue 0000ff blueviolet 8a2be2 brown a52a2a burlywood deb887 cadetblue 5f9ea0 chartreuse 7fff00 '
    + 'chocolate d2691e coral ff7f50 cornflowerblue 6495ed cornsilk fff8dc crimson dc143c cyan 00ffff darkblue 00008b darkcyan 008b8b '
    + 'darkgoldenrod b8860b darkgray a9a9a9 darkgreen 006400 darkgrey a9a9a9 darkkhaki bdb76b darkmagenta 8b008b darkolivegreen 556b2f '
    + 'darkorange ff8c00 darkorchid 9932cc darkred 8b0000 darksalmon e9967a darkseagreen 8fbc8f darkslateblue 483d8b darkslategray 2f4f4f '
    + 'darkslategrey 2f4f4f darkturquoise 00ced1 darkviolet 9400d3 deeppink ff1493 deepskyblue 00bfff dimgray 696969 dimgrey 696969 '
    + 'dodgerblue 1e90ff firebrick b22222 floralwhite fffaf0 forestgreen 228b22 fuchsia ff00ff gainsboro dcdcdc ghostwhite f8f8ff '
    + 'gold ffd700 goldenrod daa520 gray 808080 green 008000 greenyellow adff2f grey 808080 honeydew f0fff0 hotpink ff69b4 '
    + 'indianred cd5c5c indigo 4b0082 ivory fffff0 khaki f0e68c lavender e6e6fa lavenderblush fff0f5 lawngreen 7cfc00 '
    + 'lemonchiffon fffacd lightblue add8e6 lightcoral f08080 lightcyan e0ffff lightgoldenrodyellow fafad2 lightgray d3d3d3 '
    + 'lightgreen 90ee90 lightgrey d3d3d3 lightpink ffb6c1 lightsalmon ffa07a lightseagreen 20b2aa lightskyblue 87cefa '
    + 'lightslategray 778899 lightslategrey 778899 lightsteelblue b0c4de lightyellow ffffe0 lime 00ff00 limegreen 32cd32 linen faf0e6 '
    + 'magenta ff00ff maroon 800000 mediumaquamarine 66cdaa mediumblue 0000cd mediumorchid ba55d3 mediumpurple 9370db '
    + 'mediumseagreen 3cb371 mediumslateblue 7b68ee mediumspringgreen 00fa9a mediumturquoise 48d1cc mediumvioletred c71585 '
    + 'midnightblue 191970 mintcream f5fffa mistyrose ffe4e1 moccasin ffe4b5 navajowhite ffdead navy 000080 oldlace fdf5e6 '
    + 'olive 808000 olivedrab 6b8e23 orange ffa500 orangered ff4500 orchid da70d6 palegoldenrod eee8aa palegreen 98fb98 '
    + 'paleturquoise afeeee palevioletred db7093 papayawhip ffefd5 peachpuff ffdab9 peru cd853f pink ffc0cb plum dda0dd '
    + 'powderblue b0e0e6 purple 800080 rebeccapurple 663399 red ff0000 rosybrown bc8f8f royalblue 4169e1 saddlebrown 8b4513 '
    + 'salmon fa8072 sandybrown f4a460 seagreen 2e8b57 seashell fff5ee sienna a0522d silver c0c0c0 skyblue 87ceeb slateblue 6a5acd '
    + 'slategray 708090 slategrey 708090 snow fffafa springgreen 00ff7f steelblue 4682b4 tan d2b48c teal 008080 thistle d8bfd8 '
    + 'tomato ff6347 turquoise 40e0d0 violet ee82ee wheat f5deb3 white ffffff whitesmoke f5f5f5 yellow ffff00 yellowgreen 9acd32'
  ).split(' ');
  function computedColor(text) {
    const value = text.trim().toLowerCase();
    if (value === 'transparent') return 'rgba(0, 0, 0, 0)';
    let hex = null;
    if (value[0] === '#' && /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/.test(value)) {
      hex = value.slice(1);
      if (hex.length <= 4) hex = hex.replace(/./g, (digit) => digit + digit);
    } else {
      const index = namedColors.indexOf(value);
      if (index >= 0 && index % 2 === 0) hex = namedColors[index + 1];
    }
    if (hex !== null) {
      const channel = (i) => Number('0x' + hex.slice(i, i + 2));
      if (hex.length === 8 && channel(6) !== 255) return 'rgba(' + channel(0) + ', ' + channel(2) + ', ' + channel(4) + ', ' + (MathFloor(channel(6) / 255 * 1000 + 0.5) / 1000) + ')';
      return 'rgb(' + channel(0) + ', ' + channel(2) + ', ' + channel(4) + ')';
    }
    const match = /^rgba?\(\s*([\d.]+)\s*,?\s*([\d.]+)\s*,?\s*([\d.]+)\s*(?:[,/]\s*([\d.]+%?)\s*)?\)$/.exec(value);
    if (match !== null) {
      const alpha = match[4] === undefined ? 1 : match[4].endsWith('%') ? Number(match[4].slice(0, -1)) / 100 : Number(match[4]);
      const rgb = MathFloor(Number(match[1]) + 0.5) + ', ' + MathFloor(Number(match[2]) + 0.5) + ', ' + MathFloor(Number(match[3]) + 0.5);
      return alpha >= 1 ? 'rgb(' + rgb + ')' : 'rgba(' + rgb + ', ' + alpha + ')';
    }
    return text;
  }
  const isColorProperty = (property) => property === 'color' || property.endsWith('-color');
  // The computed value of `property` (hyphenated) for the element `node`.
  function computedValue(node, property) {
    if (property === 'display') {
      const declared = declaredValue(node, 'display');
      if (declared !== '' && declared !== 'initial' && declared !== 'inherit') return declared;
      return uaDisplay(node);
    }
    const inherited = inheritedProperties.indexOf(property) >= 0;
    // (Up the tree, and out of a shadow tree to its host.)
    const up = (current) => (current.parentNode !== null && shadowRoots.has(current.parentNode) ? shadowRoots.get(current.parentNode).host : current.parentNode);
    for (let current = node; current !== null && current.nodeType === 1; current = up(current)) {
      const declared = declaredValue(current, property);
      if (declared !== '' && declared !== 'inherit') {
        if (declared === 'initial') break;
        return isColorProperty(property) ? computedColor(declared) : declared;
      }
      if (!inherited && declared !== 'inherit') break;
    }
    return initialValues[property] === undefined ? '' : initialValues[property];
  }
  // The read-only declaration behind a computed style object (what its members read).
  function computedDeclaration(node) {
    return {
      __proto__: null, computed: true,
      get cssText() { return ''; },
      get length() { return computedNames.length; },
      item: (index) => computedNames[index],
      getPropertyValue: (name) => computedValue(node, name.toLowerCase()),
      getPropertyPriority: () => '',
    };
  }
  // A computed style's refusal to change, in each browser's words.
  function computedStyleRefusal(cx, member, property) {
    return domException(cx, FIREFOX ? 'CSSStyleProperties.' + (member === 'set' ? property.replace(/-([a-z])/g, (all, letter) => letter.toUpperCase()) + ' setter' : member) + ": Can't set value for property '" + property + "' in computed style"
      : "Failed to " + (member === 'setProperty' || member === 'removeProperty' ? "execute '" + member + "'" : "set a named property '" + property + "'")
        + " on 'CSSStyleDeclaration': These styles are computed, and therefore the '" + property + "' property is read-only.", 'NoModificationAllowedError');
  }
  // Whether `node` is the root element of the top frame's document, which the viewport shows.
  const isViewportRoot = (node, cx) => node.ownerDocument !== null && node.ownerDocument.documentElement === node
    && node.ownerDocument === documentOf(cx) && cx.info.frameId === 0;
  // Whether the computed style knows the CSS property `name` (hyphenated): `CSS.supports`.
  host.knowsCSSProperty = (name) => initialValues[name] !== undefined || boxShorthands[name] !== undefined
    || name === 'margin' || name === 'padding' || name === 'border' || name === 'background' || name === 'font' || name === 'flex' || name === 'grid'
    || name === 'grid-template-columns' || name === 'grid-template-rows' || name === 'animation' || name === 'inset';
  // `getComputedStyle(element)` of the world of `cx`: a new read-only CSSStyleDeclaration whose
  // values are read as the element is when they are read (the browsers' object is live too).
  host.computedStyle = function (cx, value) {
    const node = host.nodeOf(value);
    if (node === undefined || node.nodeType !== 1) return undefined;
    return declarationObject(cx, node, computedDeclaration(node), (declaration, property) => {
      throw computedStyleRefusal(cx, 'set', property);
    });
  };

  // A list's `length` and `item(index)`: `itemsOf(state)` its items now, `objectOf(cx, item)`
  // what the world gets of one.
  const listMembers = (itemsOf, objectOf) => ({
    __proto__: null,
    length: ['get', (state) => itemsOf(state).length],
    item: ['call', 1, (state, cx, index) => {
      const items = itemsOf(state);
      const i = toUnsigned(index);
      return i < items.length ? objectOf(cx, items[i]) : null;
    }],
  });
  // The small interfaces that are not nodes: their members, by interface (`this` is checked
  // against `wrapped`).
  const otherInterfaces = {
    __proto__: null,
    NodeList: listMembers((state) => state.items(), wrap),
    HTMLCollection: {
      length: ['get', (state) => state.items().length],
      item: ['call', 1, (state, cx, index) => {
        const items = state.items();
        const i = toUnsigned(index);
        return i < items.length ? wrap(cx, items[i]) : null;
      }],
      namedItem: ['call', 1, (state, cx, name) => {
        const key = String(name);
        const items = state.items();
        for (let i = 0; i < items.length; i++) if (key !== '' && (items[i].getAttribute('id') === key || items[i].getAttribute('name') === key)) return wrap(cx, items[i]);
        return null;
      }],
    },
    HTMLFormControlsCollection: {
      namedItem: ['call', 1, (state, cx, name) => {
        const found = namedInCollection(cx, 'HTMLFormControlsCollection', state.items(), String(name));
        return found === undefined ? null : found;
      }],
    },
    HTMLOptionsCollection: {
      selectedIndex: ['accessor', (state, cx) => implementations['HTMLSelectElement.selectedIndex'](state.owner, cx),
        (state, cx, value) => implementations['HTMLSelectElement.selectedIndex='](state.owner, cx, toLong(value))],
    },
    // A form's controls of one name (a radio group): its `value`, the checked one's.
    RadioNodeList: {
      value: ['accessor', (state) => {
        const items = state.items();
        for (let i = 0; i < items.length; i++) {
          if (items[i].localName === 'input' && inputType(items[i]) === 'radio' && checkedness(items[i])) {
            const value = items[i].getAttribute('value');
            return value === null ? 'on' : value;
          }
        }
        return '';
      }, (state, cx, value) => {
        const text = String(value);
        const items = state.items();
        for (let i = 0; i < items.length; i++) {
          if (items[i].localName !== 'input' || inputType(items[i]) !== 'radio') continue;
          const own = items[i].getAttribute('value');
          if ((own === null ? 'on' : own) === text) return setCheckedness(items[i], true);
        }
      }],
    },
    ValidityState: {
      valueMissing: validityMember('valueMissing'), typeMismatch: validityMember('typeMismatch'), patternMismatch: validityMember('patternMismatch'),
      tooLong: validityMember('tooLong'), tooShort: validityMember('tooShort'), rangeUnderflow: validityMember('rangeUnderflow'),
      rangeOverflow: validityMember('rangeOverflow'), stepMismatch: validityMember('stepMismatch'), badInput: validityMember('badInput'),
      customError: validityMember('customError'), valid: validityMember('valid'),
    },
    NamedNodeMap: {
      length: ['get', (state) => state.node.attributes.length],
      item: ['call', 1, (state, cx, index) => wrap(cx, state.node.attributes.item(toUnsigned(index)))],
      getNamedItem: ['call', 1, (state, cx, name) => wrap(cx, state.node.getAttributeNode(String(name)))],
      getNamedItemNS: ['call', 2, (state, cx, namespace, localName) => wrap(cx, state.node.getAttributeNodeNS(namespace === null || namespace === undefined ? null : String(namespace), String(localName)))],
      setNamedItem: ['call', 1, (state, cx, attr) => wrap(cx, library.setAttributeNode(state.node, attrArgument(cx, 'setNamedItem', attr), false))],
      setNamedItemNS: ['call', 1, (state, cx, attr) => wrap(cx, library.setAttributeNode(state.node, attrArgument(cx, 'setNamedItemNS', attr), true))],
      removeNamedItem: ['call', 1, (state, cx, name) => removeNamedAttribute(cx, state.node, state.node.getAttributeNode(String(name)), 'removeNamedItem', String(name))],
      removeNamedItemNS: ['call', 2, (state, cx, namespace, localName) => removeNamedAttribute(cx, state.node,
        state.node.getAttributeNodeNS(namespace === null || namespace === undefined ? null : String(namespace), String(localName)), 'removeNamedItemNS', String(localName))],
    },
    DOMTokenList: {
      // (classList has no supported tokens: supports() throws.)
      supports: ['call', 1, (state, cx) => {
        throw host.newTypeError(cx, FIREFOX ? 'DOMTokenList.supports: ' + state.node.localName + ' attribute of <class> does not define any supported tokens'
          : failed('DOMTokenList', 'supports', 'DOMTokenList has no supported tokens.'));
      }],
      length: ['get', (state) => state.tokens.length],
      value: ['accessor', (state) => state.tokens.value, (state, cx, value) => { state.tokens.value = String(value); }],
      item: ['call', 1, (state, cx, index) => state.tokens.item(toUnsigned(index))],
      contains: ['call', 1, (state, cx, token) => state.tokens.contains(String(token))],
      add: ['call', 0, (state, cx, ...tokens) => { ReflectApply(state.tokens.add, state.tokens, checkTokens(cx, 'add', tokens.map(String))); }],
      remove: ['call', 0, (state, cx, ...tokens) => { ReflectApply(state.tokens.remove, state.tokens, checkTokens(cx, 'remove', tokens.map(String))); }],
      toggle: ['call', 1, (state, cx, token, force) => {
        const checked = checkTokens(cx, 'toggle', [String(token)])[0];
        return force === undefined ? state.tokens.toggle(checked) : state.tokens.toggle(checked, !!force);
      }],
      replace: ['call', 2, (state, cx, token, replacement) => {
        const checked = checkTokens(cx, 'replace', [String(token), String(replacement)]);
        return state.tokens.replace(checked[0], checked[1]);
      }],
      toString: ['call', 0, (state) => state.tokens.value],
    },
    DOMStringMap: {},
    CSSStyleDeclaration: {
      cssText: ['accessor', (state) => state.style.cssText, (state, cx, value) => {
        if (state.style.computed === true) throw computedStyleRefusal(cx, 'set', 'cssText');
        state.style.cssText = String(value);
      }],
      length: ['get', (state) => state.style.length],
      item: ['call', 1, (state, cx, index) => state.style.item(toUnsigned(index)) || ''],
      getPropertyValue: ['call', 1, (state, cx, name) => state.style.getPropertyValue(String(name))],
      getPropertyPriority: ['call', 1, (state, cx, name) => state.style.getPropertyPriority(String(name))],
      setProperty: ['call', 2, (state, cx, name, value, priority) => {
        if (state.style.computed === true) throw computedStyleRefusal(cx, 'setProperty', String(name));
        const text = value === null || value === undefined ? '' : String(value);
        if (text === '') state.style.removeProperty(String(name));
        else state.style.setProperty(String(name), text, priority === undefined ? '' : String(priority));
      }],
      removeProperty: ['call', 1, (state, cx, name) => {
        if (state.style.computed === true) throw computedStyleRefusal(cx, 'removeProperty', String(name));
        const old = state.style.getPropertyValue(String(name));
        state.style.removeProperty(String(name));
        return old;
      }],
      cssFloat: ['accessor', (state) => state.style.getPropertyValue('float'), (state, cx, value) => { state.style.setProperty('float', String(value)); }],
    },
    DOMRectReadOnly: {},
    DOMRect: {},
    CSSStyleProperties: {},
    StyleSheetList: listMembers((state) => state.sheets(), sheetObject),
    StyleSheet: {
      type: ['get', () => 'text/css'],
      href: ['get', () => null],
      ownerNode: ['get', (state, cx) => (state.sheet.ownerNode === null ? null : wrap(cx, state.sheet.ownerNode))],
      parentStyleSheet: ['get', () => null],
      title: ['get', (state) => (state.sheet.ownerNode === null ? null : state.sheet.ownerNode.getAttribute('title'))],
      media: ['get', (state, cx) => {
        // (One MediaList a sheet, per world.)
        if (state.sheet.mediaKey === undefined) state.sheet.mediaKey = { __proto__: null };
        return stateObject(cx, state.sheet.mediaKey, 'MediaList', { __proto__: null, media: state.sheet });
      }],
      disabled: ['accessor', (state) => state.sheet.disabled, (state, cx, value) => {
        state.sheet.disabled = !!value;
        sheetsVersion += 1;
      }],
    },
    CSSStyleSheet: {
      ownerRule: ['get', () => null],
      cssRules: ['get', (state, cx) => rulesList(cx, state.sheet)],
      rules: ['get', (state, cx) => rulesList(cx, state.sheet)],
      insertRule: ['call', 1, (state, cx, rule, index) => insertRule(cx, state.sheet, rule, index)],
      deleteRule: ['call', 1, (state, cx, index) => {
        const at = toUnsigned(index);
        if (at >= state.sheet.rules.length) {
          throw sheetFailure(cx, 'deleteRule', 'IndexSizeError', 'The index provided (' + at + ') is outside the range [0, ' + state.sheet.rules.length + ').',
            'Index or size is negative or greater than the allowed amount');
        }
        listRemoveAt(state.sheet.rules, at);
        sheetsVersion += 1;
      }],
      replaceSync: ['call', 1, (state, cx, text) => {
        if (!state.sheet.constructed) {
          throw sheetFailure(cx, 'replaceSync', 'NotAllowedError', "Can't call replaceSync on non-constructed CSSStyleSheets.", 'Can only be called on modifiable style sheets');
        }
        fillSheet(state.sheet, String(text));
      }],
      replace: ['call', 1, (state, cx, text) => {
        const self = sheetObject(cx, state.sheet);
        if (!state.sheet.constructed) {
          const error = sheetFailure(cx, 'replace', 'NotAllowedError', "Can't call replace on non-constructed CSSStyleSheets.", 'Can only be called on modifiable style sheets');
          return new cx.b.Promise((resolve, reject) => reject(error));
        }
        fillSheet(state.sheet, String(text));
        return new cx.b.Promise((resolve) => resolve(self));
      }],
    },
    MediaList: {
      mediaText: ['accessor', (state) => state.media.mediaText, (state, cx, value) => {
        state.media.mediaText = String(value);
        sheetsVersion += 1;
      }],
      length: ['get', (state) => (state.media.mediaText === '' ? 0 : state.media.mediaText.split(',').length)],
      item: ['call', 1, (state, cx, index) => {
        const parts = state.media.mediaText === '' ? [] : state.media.mediaText.split(',');
        const i = toUnsigned(index);
        return i < parts.length ? parts[i].trim() : null;
      }],
    },
    CSSRuleList: listMembers((state) => state.sheet.rules, ruleObject),
    CSSRule: {
      type: ['get', () => 1],
      cssText: ['get', (state) => ruleText(state.rule)],
      parentStyleSheet: ['get', (state, cx) => (state.rule.sheet === undefined ? null : sheetObject(cx, state.rule.sheet))],
      parentRule: ['get', () => null],
    },
    CSSStyleRule: {
      selectorText: ['accessor', (state) => state.rule.selector, (state, cx, value) => {
        state.rule.selector = String(value);
        sheetsVersion += 1;
      }],
      style: ['get', (state, cx) => objectFor(cx, state.rule, 'style', () => declarationObject(cx, null, ruleStyle(state.rule), (declaration, property, value) => {
        const text = value === null ? '' : String(value);
        if (text === '') declaration.removeProperty(property);
        else declaration.setProperty(property, text, '');
      }))],
    },
    // (domino walks; each node the filter is asked about is the world's wrapper.)
    TreeWalker: {
      root: ['get', (state, cx) => wrap(cx, state.walker.root)],
      whatToShow: ['get', (state) => state.walker.whatToShow >>> 0],
      filter: ['get', (state) => state.filter],
      currentNode: ['accessor', (state, cx) => wrap(cx, state.walker.currentNode), (state, cx, value) => {
        const node = host.nodeOf(value);
        if (node === undefined) {
          throw host.newTypeError(cx, FIREFOX ? "TreeWalker.currentNode setter: Value being assigned to TreeWalker.currentNode does not implement interface Node."
            : "Failed to set the 'currentNode' property on 'TreeWalker': The provided value is not of type 'Node'.");
        }
        state.walker.currentNode = node;
      }],
      parentNode: ['call', 0, (state, cx) => wrap(cx, state.walker.parentNode())],
      firstChild: ['call', 0, (state, cx) => wrap(cx, state.walker.firstChild())],
      lastChild: ['call', 0, (state, cx) => wrap(cx, state.walker.lastChild())],
      previousSibling: ['call', 0, (state, cx) => wrap(cx, state.walker.previousSibling())],
      nextSibling: ['call', 0, (state, cx) => wrap(cx, state.walker.nextSibling())],
      previousNode: ['call', 0, (state, cx) => wrap(cx, state.walker.previousNode())],
      nextNode: ['call', 0, (state, cx) => wrap(cx, state.walker.nextNode())],
    },
    NodeIterator: {
      root: ['get', (state, cx) => wrap(cx, state.walker.root)],
      referenceNode: ['get', (state, cx) => wrap(cx, state.walker.referenceNode)],
      pointerBeforeReferenceNode: ['get', (state) => !!state.walker.pointerBeforeReferenceNode],
      whatToShow: ['get', (state) => state.walker.whatToShow >>> 0],
      filter: ['get', (state) => state.filter],
      nextNode: ['call', 0, (state, cx) => wrap(cx, state.walker.nextNode())],
      previousNode: ['call', 0, (state, cx) => wrap(cx, state.walker.previousNode())],
      detach: ['call', 0, () => undefined],
    },
    NodeFilter: {},
  };
  // DOM's NodeFilter constants.
  const nodeFilterConstants = [
    'FILTER_ACCEPT', 1, 'FILTER_REJECT', 2, 'FILTER_SKIP', 3, 'SHOW_ALL', 0xFFFFFFFF, 'SHOW_ELEMENT', 0x1, 'SHOW_ATTRIBUTE', 0x2, 'SHOW_TEXT', 0x4,
    'SHOW_CDATA_SECTION', 0x8, 'SHOW_ENTITY_REFERENCE', 0x10, 'SHOW_ENTITY', 0x20, 'SHOW_PROCESSING_INSTRUCTION', 0x40, 'SHOW_COMMENT', 0x80,
    'SHOW_DOCUMENT', 0x100, 'SHOW_DOCUMENT_TYPE', 0x200, 'SHOW_DOCUMENT_FRAGMENT', 0x400, 'SHOW_NOTATION', 0x800,
  ];
  // `document.createTreeWalker(root, whatToShow, filter)` and `createNodeIterator`: domino's
  // walker over the root's node, whose filter asks the world's (a function or an object with
  // `acceptNode`) about the world's wrapper of each node.
  function makeWalker(cx, kind, root, whatToShow, filter) {
    const show = whatToShow === undefined ? 0xFFFFFFFF : toUnsigned(whatToShow);
    const worldFilter = filter === undefined ? null : filter;
    const ask = worldFilter === null ? null : (node) => {
      const wrapper = wrap(cx, node);
      if (typeof worldFilter === 'function') return Number(ReflectApply(worldFilter, undefined, [wrapper]));
      const accept = worldFilter.acceptNode;
      if (typeof accept !== 'function') {
        throw host.newTypeError(cx, FIREFOX ? "Property 'acceptNode' is not callable." : "Failed to execute 'acceptNode' on 'NodeFilter': The provided callback is no longer runnable.");
      }
      return Number(ReflectApply(accept, worldFilter, [wrapper]));
    };
    const document = root.nodeType === 9 ? root : root.ownerDocument;
    const walker = kind === 'TreeWalker' ? document.createTreeWalker(root, show, ask) : document.createNodeIterator(root, show, ask);
    const object = host.newObjectFrom(cx, interfaceObject(cx, kind).prototype);
    wrapped.set(object, { __proto__: null, walker, filter: worldFilter });
    return object;
  }
  // ---- Ranges and the selection ---------------------------------------------------------------------------
  // The DOM Standard's ranges are js/63_dom_range.js's, over this realm's nodes; here each world
  // gets its objects for them (one per range and world: a range a script of one world added to
  // the selection is the same object when that world asks for it again) and the browsers' errors.
  // The selection is the document's, shared by its worlds (Chromium keeps one range in it, Firefox
  // several); its `toString()` is the rendered text of its ranges (innerText's rules), a range's
  // the text data it holds.
  // The object, in the world of `cx`, of `state` (a range or a selection of this realm): made
  // once per world, of the interface `name` (or `prototype`, a subclass's), wrapping `wrapping`.
  function stateObject(cx, state, name, wrapping, prototype) {
    const world = worldOf(cx);
    if (world.stateObjects === undefined) world.stateObjects = new SafeWeakMap();
    let object = world.stateObjects.get(state);
    if (object === undefined) {
      object = host.newObjectFrom(cx, prototype !== undefined ? prototype : interfaceObject(cx, name).prototype);
      world.stateObjects.set(state, object);
      wrapped.set(object, wrapping);
    }
    return object;
  }
  const rangeObject = (cx, range) => stateObject(cx, range, 'Range', { __proto__: null, range });
  // `new Range()`: a range at the start of the world's document (`newTarget`: a subclass's prototype).
  function constructRange(cx, thisValue, newTarget) {
    const range = ranges.newRange(documentOf(cx));
    const given = newTarget === undefined ? undefined : cx.b.ReflectGet(newTarget, 'prototype');
    const prototype = given !== null && (typeof given === 'object' || typeof given === 'function') ? given : undefined;
    return stateObject(cx, range, 'Range', { __proto__: null, range }, prototype);
  }
  // The range a Range member was called on, or the browser's illegal invocation.
  function rangeOf(cx, state, owner, member, verb) {
    if (state.range === undefined) throw illegalInvocation(cx, owner, member, verb);
    return state.range;
  }
  // The world's error for what js/63_dom_range.js refused (`failure`) in `member` of `owner`.
  function rangeError(cx, failure, owner, member) {
    const name = failure.name;
    const node = failure.node;
    let chrome = details[name];
    let firefox = details[name];
    let bare = true;
    switch (failure.reason) {
      case 'offset': case 'child':
        chrome = failure.reason === 'child' ? 'There is no child at offset ' + failure.offset + '.'
          : 'The offset ' + failure.offset + " is larger than the node's length (" + ranges.nodeLength(node) + ').';
        if (owner === 'Selection') {
          firefox = 'The offset is out of range.';
          bare = false;
        } else if (member === 'comparePoint' || member === 'isPointInRange') {
          firefox = 'Offset is out of bounds';
          bare = false;
        }
        break;
      case 'doctype': chrome = "The node provided is of type '" + node.nodeName + "'."; firefox = 'The supplied node is incorrect or has an incorrect ancestor for this operation.'; break;
      case 'no parent': chrome = 'the given Node has no parent.'; firefox = 'The supplied node is incorrect or has an incorrect ancestor for this operation.'; break;
      case 'surround': chrome = "The node provided is of type '" + node.nodeName + "'."; firefox = 'The supplied node is incorrect or has an incorrect ancestor for this operation.'; break;
      case 'how': chrome = "The comparison method provided must be one of 'START_TO_START', 'START_TO_END', 'END_TO_END', or 'END_TO_START'."; break;
      case 'other range': chrome = 'The source range is in a different document than this range.'; break;
      case 'other node': chrome = 'The node provided and the Range are not in the same tree.'; break;
      case 'partial': chrome = 'The Range has partially selected a non-Text node.'; break;
      default: break;
    }
    if (FIREFOX) return domException(cx, bare ? firefox : failed(owner, member, firefox), name);
    return domException(cx, failed(owner, member, chrome), name);
  }
  // Runs `run()` for `member` of `owner`, turning what js/63_dom_range.js refused into the world's error.
  function rangeStep(cx, owner, member, run) {
    try {
      return run();
    } catch (error) {
      if (ranges.isFailure(error)) throw rangeError(cx, error, owner, member);
      throw error;
    }
  }
  // A Range member (`length` required arguments) that runs `run(cx, range, args)`.
  // (`moves`: a member that moves a boundary: the selection whose range it is changes with it.)
  function rangeMember(length, member, run, moves) {
    return ['call', length, (state, cx, ...args) => {
      const range = rangeOf(cx, state, 'Range', member);
      const result = rangeStep(cx, 'Range', member, () => run(cx, range, args));
      if (moves === true && range.selection !== undefined && range.selection.ranges.indexOf(range) >= 0) selectionChanged(range.selection, true);
      return result;
    }];
  }
  const rangeNode = (cx, value, member, index) => toNode(cx, value, 'Range', member, index, false);
  const rangeGetter = (key, read) => ['get', (state, cx) => read(cx, rangeOf(cx, state, 'AbstractRange', key, 'get'))];
  otherInterfaces.AbstractRange = {
    startContainer: rangeGetter('startContainer', (cx, range) => wrap(cx, range.startNode)),
    startOffset: rangeGetter('startOffset', (cx, range) => range.startOffset),
    endContainer: rangeGetter('endContainer', (cx, range) => wrap(cx, range.endNode)),
    endOffset: rangeGetter('endOffset', (cx, range) => range.endOffset),
    collapsed: rangeGetter('collapsed', (cx, range) => ranges.isCollapsed(range)),
  };
  const countCheck = (cx, member, args, required) => {
    if (args.length < required) throw host.webIDLErrors.countError(cx, 'Range', member, required, args.length);
  };
  otherInterfaces.Range = {
    commonAncestorContainer: ['get', (state, cx) => wrap(cx, ranges.commonAncestor(rangeOf(cx, state, 'Range', 'commonAncestorContainer', 'get')))],
    setStart: rangeMember(2, 'setStart', (cx, range, args) => {
      countCheck(cx, 'setStart', args, 2);
      ranges.setBoundary(range, rangeNode(cx, args[0], 'setStart', 1), toUnsigned(args[1]), true);
    }, true),
    setEnd: rangeMember(2, 'setEnd', (cx, range, args) => {
      countCheck(cx, 'setEnd', args, 2);
      ranges.setBoundary(range, rangeNode(cx, args[0], 'setEnd', 1), toUnsigned(args[1]), false);
    }, true),
    setStartBefore: rangeMember(1, 'setStartBefore', (cx, range, args) => ranges.setBeside(range, rangeNode(cx, args[0], 'setStartBefore', 1), false, true), true),
    setStartAfter: rangeMember(1, 'setStartAfter', (cx, range, args) => ranges.setBeside(range, rangeNode(cx, args[0], 'setStartAfter', 1), true, true), true),
    setEndBefore: rangeMember(1, 'setEndBefore', (cx, range, args) => ranges.setBeside(range, rangeNode(cx, args[0], 'setEndBefore', 1), false, false), true),
    setEndAfter: rangeMember(1, 'setEndAfter', (cx, range, args) => ranges.setBeside(range, rangeNode(cx, args[0], 'setEndAfter', 1), true, false), true),
    collapse: rangeMember(0, 'collapse', (cx, range, args) => ranges.collapse(range, !!args[0]), true),
    selectNode: rangeMember(1, 'selectNode', (cx, range, args) => ranges.selectNode(range, rangeNode(cx, args[0], 'selectNode', 1)), true),
    selectNodeContents: rangeMember(1, 'selectNodeContents', (cx, range, args) => ranges.selectNodeContents(range, rangeNode(cx, args[0], 'selectNodeContents', 1)), true),
    compareBoundaryPoints: rangeMember(2, 'compareBoundaryPoints', (cx, range, args) => {
      countCheck(cx, 'compareBoundaryPoints', args, 2);
      const how = toUnsigned(args[0]) & 0xFFFF;
      const source = args[1] !== null && typeof args[1] === 'object' ? wrapped.get(args[1]) : undefined;
      if (source === undefined || source.range === undefined) {
        throw host.newTypeError(cx, FIREFOX ? failed('Range', 'compareBoundaryPoints', 'Argument 2 does not implement interface Range.')
          : failed('Range', 'compareBoundaryPoints', "parameter 2 is not of type 'Range'."));
      }
      return ranges.compareBoundaryPoints(range, how, source.range);
    }),
    comparePoint: rangeMember(2, 'comparePoint', (cx, range, args) => {
      countCheck(cx, 'comparePoint', args, 2);
      return ranges.comparePoint(range, rangeNode(cx, args[0], 'comparePoint', 1), toUnsigned(args[1]));
    }),
    isPointInRange: rangeMember(2, 'isPointInRange', (cx, range, args) => {
      countCheck(cx, 'isPointInRange', args, 2);
      return ranges.isPointInRange(range, rangeNode(cx, args[0], 'isPointInRange', 1), toUnsigned(args[1]));
    }),
    intersectsNode: rangeMember(1, 'intersectsNode', (cx, range, args) => ranges.intersectsNode(range, rangeNode(cx, args[0], 'intersectsNode', 1))),
    cloneRange: rangeMember(0, 'cloneRange', (cx, range) => rangeObject(cx, ranges.cloneRange(range))),
    detach: rangeMember(0, 'detach', () => undefined),
    toString: rangeMember(0, 'toString', (cx, range) => ranges.rangeText(range)),
    cloneContents: rangeMember(0, 'cloneContents', (cx, range) => wrap(cx, ranges.contents(range, false))),
    extractContents: rangeMember(0, 'extractContents', (cx, range) => wrap(cx, ranges.contents(range, true))),
    deleteContents: rangeMember(0, 'deleteContents', (cx, range) => { ranges.deleteContents(range); }),
    insertNode: rangeMember(1, 'insertNode', (cx, range, args) => { ranges.insertNode(range, rangeNode(cx, args[0], 'insertNode', 1)); }),
    surroundContents: rangeMember(1, 'surroundContents', (cx, range, args) => { ranges.surroundContents(range, rangeNode(cx, args[0], 'surroundContents', 1)); }),
    createContextualFragment: rangeMember(1, 'createContextualFragment', (cx, range, args) => {
      const start = range.startNode;
      const context = start.nodeType === 1 ? start : start.parentNode !== null && start.parentNode.nodeType === 1 ? start.parentNode : null;
      const document = start.nodeType === 9 ? start : start.ownerDocument;
      const element = context === null || (context.localName === 'html' && context.namespaceURI === HTML) ? document.createElement('body') : context.cloneNode(false);
      element.innerHTML = toDOMString(cx, args[0]);
      const fragment = document.createDocumentFragment();
      while (element.firstChild !== null) fragment.appendChild(element.firstChild);
      // (Its scripts are neither parser-inserted nor started: they run once inserted, not async:
      // the parser left them blocking.)
      noteMadeScripts(fragment);
      const made = [];
      scriptElementsIn(fragment, made);
      for (let i = 0; i < made.length; i++) blockingScripts.add(made[i]);
      return wrap(cx, fragment);
    }),
    // (No layout: a range has no boxes.)
    getBoundingClientRect: rangeMember(0, 'getBoundingClientRect', (cx) => rect(cx)),
    getClientRects: rangeMember(0, 'getClientRects', (cx) => rectList(cx)),
  };
  const rangeConstants = ['START_TO_START', 0, 'START_TO_END', 1, 'END_TO_END', 2, 'END_TO_START', 3];
  // A member's change of `node`'s data (replace `count` characters at `offset` with `data`), its
  // offsets told to the live ranges first. (domino refuses an offset past the end.)
  function changeData(node, offset, count, data) {
    const length = node.data.length;
    if (offset <= length) ranges.expectDataChange(node, offset, count > length - offset ? length - offset : count, data.length);
    try {
      node.replaceData(offset, count, data);
    } finally {
      ranges.expectDataChange(null, 0, 0, 0);
    }
  }
  // A DOMRectList of no rectangles (there is no layout).
  function rectList(cx) {
    const object = host.newObjectFrom(cx, interfaceObject(cx, 'DOMRectList').prototype);
    wrapped.set(object, { __proto__: null, rects: true });
    return object;
  }
  otherInterfaces.DOMRectList = {
    length: ['get', () => 0],
    item: ['call', 1, () => null],
  };
  // `Range`'s constructor, made in each world that names it (the others' interfaces are illegal to construct).
  const interfaceConstructors = { __proto__: null, Range: constructRange, CSSStyleSheet: constructSheet };
  // HTML's [HTMLConstructor] with no custom element defined (no custom elements here yet).
  const HTML_ELEMENT_INTERFACE = /^HTML[A-Za-z]*Element$/;
  const htmlConstructors = { __proto__: null };
  function htmlConstructor(name) {
    if (htmlConstructors[name] === undefined) {
      htmlConstructors[name] = (cx) => {
        throw host.newTypeError(cx, FIREFOX ? 'Illegal constructor.' : "Failed to construct '" + name + "': Illegal constructor");
      };
    }
    return htmlConstructors[name];
  }

  // The document's selection: its ranges (js/63_dom_range.js's, each `selection` its own), its
  // direction ('none', 'forward', 'backward'), and whether Chromium sees it as a caret.
  const documentSelections = new SafeWeakMap();
  function documentSelectionOf(document) {
    let selection = documentSelections.get(document);
    if (selection === undefined) {
      selection = { __proto__: null, document, ranges: [], direction: 'none', caret: true, scheduled: false, worldCx: null };
      documentSelections.set(document, selection);
    }
    return selection;
  }
  function selectionObject(cx, document) {
    if (!framedDocuments.has(document)) return null;
    const selection = documentSelectionOf(document);
    const object = stateObject(cx, selection, 'Selection', { __proto__: null, selection });
    // (The world whose task fires `selectionchange`: any world of the document dispatches to all.)
    selection.worldCx = cx;
    return object;
  }
  const windowSelection = (cx) => selectionObject(cx, documentOf(cx));
  // The selection's range now: the last one added (its anchor and focus are that range's).
  const currentRange = (selection) => (selection.ranges.length === 0 ? null : selection.ranges[selection.ranges.length - 1]);
  // The selection changed (`fromRange`: through its range's own members): Chromium sees it anew,
  // and a `selectionchange` is queued at the document unless one is.
  function selectionChanged(selection, fromRange) {
    const range = currentRange(selection);
    selection.caret = range === null || ranges.isCollapsed(range);
    if (fromRange && selection.direction !== 'none') selection.direction = 'none';
    if (selection.scheduled || selection.worldCx === null) return;
    selection.scheduled = true;
    const cx = selection.worldCx;
    cx.loader.native.clock.timeout(0, () => {
      selection.scheduled = false;
      if (cx.loader.fireEvent === undefined) cx.loader.load('events');
      cx.loader.fireEvent(wrap(cx, selection.document), 'selectionchange', { __proto__: null, bubbles: false, cancelable: false, composed: false });
    });
  }
  // Makes `range` the selection's only range.
  function selectRanges(selection, range, direction) {
    for (let i = 0; i < selection.ranges.length; i++) selection.ranges[i].selection = undefined;
    selection.ranges = range === null ? [] : [range];
    if (range !== null) range.selection = selection;
    selection.direction = direction;
    selectionChanged(selection, false);
  }
  function selectionState(cx, state, member, verb) {
    if (state.selection === undefined) throw illegalInvocation(cx, 'Selection', member, verb);
    return state.selection;
  }
  const selectionNode = (cx, value, member, index, nullable) => toNode(cx, value, 'Selection', member, index, nullable);
  // (Anchor and focus: the range's start and end, the other way round for a backward selection.)
  const anchorOf = (selection, range) => (selection.direction === 'backward' ? [range.endNode, range.endOffset] : [range.startNode, range.startOffset]);
  const focusOf = (selection, range) => (selection.direction === 'backward' ? [range.startNode, range.startOffset] : [range.endNode, range.endOffset]);
  const selectionPoint = (which, part) => ['get', (state, cx) => {
    const selection = selectionState(cx, state, which + part, 'get');
    const range = currentRange(selection);
    if (range === null) return part === 'Node' ? null : 0;
    const point = which === 'anchor' ? anchorOf(selection, range) : focusOf(selection, range);
    return part === 'Node' ? wrap(cx, point[0]) : point[1];
  }];
  function selectionMember(length, member, run) {
    return ['call', length, (state, cx, ...args) => {
      const selection = selectionState(cx, state, member);
      if (args.length < length) throw host.webIDLErrors.countError(cx, 'Selection', member, length, args.length);
      return rangeStep(cx, 'Selection', member, () => run(cx, selection, args));
    }];
  }
  const inDocument = (selection, node) => ranges.rootOf(node) === selection.document;
  const emptySelectionError = (cx, member) => (FIREFOX ? domException(cx, failed('Selection', member, 'No selection range exists'), 'InvalidStateError')
    : domException(cx, failed('Selection', member, member === 'extend' ? "This Selection object doesn't have any Ranges." : 'there is no selection.'), 'InvalidStateError'));
  // A new range of the selection's document from (node, offset) to (otherNode, otherOffset), in tree order.
  function orderedRange(first, firstOffset, second, secondOffset) {
    const range = ranges.newRange(first);
    ranges.setBoundary(range, first, firstOffset, true);
    if (ranges.comparePoints(first, firstOffset, second, secondOffset) === 1) ranges.setBoundary(range, second, secondOffset, true);
    else ranges.setBoundary(range, second, secondOffset, false);
    return range;
  }
  function checkOffset(node, offset) {
    if (node.nodeType === 10) throw { __proto__: null, isRangeFailure: true, name: 'InvalidNodeTypeError', reason: 'doctype', node, offset };
    if (offset > ranges.nodeLength(node)) {
      throw { __proto__: null, isRangeFailure: true, name: 'IndexSizeError', reason: node.nodeType === 1 || node.nodeType === 9 || node.nodeType === 11 ? 'child' : 'offset', node, offset };
    }
  }
  // A document's DOMImplementation (DOM Standard): the documents it makes belong to no frame,
  // so their scripts never run (HTML: scripting is disabled in them; a script connected in one is
  // "already started" and stays so when moved into a frame's document).
  otherInterfaces.DOMImplementation = {
    createDocumentType: ['call', 3, (state, cx, ...args) => {
      if (args.length < 3) throw host.webIDLErrors.countError(cx, 'DOMImplementation', 'createDocumentType', 3, args.length);
      const name = toDOMString(cx, args[0]);
      // (A valid doctype name: no ASCII whitespace, U+0000 or ">".)
      for (let i = 0; i < name.length; i++) {
        const c = name[i];
        if (c === '\t' || c === '\n' || c === '\f' || c === '\r' || c === ' ' || c === '\u0000' || c === '>') {
          throw domException(cx, FIREFOX ? 'DOMImplementation.createDocumentType: Invalid doctype name'
            : failed('DOMImplementation', 'createDocumentType', "The provided doctype name ('" + name + "') contains an invalid character."), 'InvalidCharacterError');
        }
      }
      return wrap(cx, library.newDocumentType(state.document, name, toDOMString(cx, args[1]), toDOMString(cx, args[2])));
    }],
    createDocument: ['call', 2, (state, cx, ...args) => {
      if (args.length < 2) throw host.webIDLErrors.countError(cx, 'DOMImplementation', 'createDocument', 2, args.length);
      const namespace = args[0];
      const qualifiedName = args[1];
      const doctype = args[2];
      const type = doctype === undefined || doctype === null ? null : nodes.get(doctype);
      if (type === undefined || type !== null && type.nodeType !== 10) {
        const isObject = typeof doctype === 'object' || typeof doctype === 'function';
        throw host.newTypeError(cx, FIREFOX ? 'DOMImplementation.createDocument: Argument 3 ' + (isObject ? 'does not implement interface DocumentType.' : 'is not an object.')
          : failed('DOMImplementation', 'createDocument', "parameter 3 is not of type 'DocumentType'."));
      }
      const made = state.document.implementation.createDocument(namespace === undefined || namespace === null ? null : toDOMString(cx, namespace),
        qualifiedName === null ? '' : toDOMString(cx, qualifiedName), type);
      made.isXMLDocument = true;
      made.readyState = 'complete';
      return wrap(cx, createdDocument(made));
    }],
    createHTMLDocument: ['call', 0, (state, cx, title) => {
      const made = state.document.implementation.createHTMLDocument(title === undefined ? undefined : toDOMString(cx, title));
      made.readyState = 'complete';
      return wrap(cx, createdDocument(made));
    }],
    hasFeature: ['call', 0, () => true],
  };
  otherInterfaces.Selection = {
    anchorNode: selectionPoint('anchor', 'Node'),
    anchorOffset: selectionPoint('anchor', 'Offset'),
    focusNode: selectionPoint('focus', 'Node'),
    focusOffset: selectionPoint('focus', 'Offset'),
    isCollapsed: ['get', (state, cx) => {
      const range = currentRange(selectionState(cx, state, 'isCollapsed', 'get'));
      return range === null || ranges.isCollapsed(range);
    }],
    rangeCount: ['get', (state, cx) => selectionState(cx, state, 'rangeCount', 'get').ranges.length],
    type: ['get', (state, cx) => {
      const selection = selectionState(cx, state, 'type', 'get');
      const range = currentRange(selection);
      if (range === null) return 'None';
      return (FIREFOX ? ranges.isCollapsed(range) : selection.caret) ? 'Caret' : 'Range';
    }],
    direction: ['get', (state, cx) => {
      const selection = selectionState(cx, state, 'direction', 'get');
      return currentRange(selection) === null ? 'none' : selection.direction;
    }],
    getRangeAt: selectionMember(1, 'getRangeAt', (cx, selection, args) => {
      const index = toUnsigned(args[0]);
      if (index >= selection.ranges.length) {
        throw domException(cx, FIREFOX ? failed('Selection', 'getRangeAt', index + ' is out of range') : failed('Selection', 'getRangeAt', index + ' is not a valid index.'), 'IndexSizeError');
      }
      return rangeObject(cx, selection.ranges[index]);
    }),
    addRange: selectionMember(1, 'addRange', (cx, selection, args) => {
      const given = args[0] !== null && typeof args[0] === 'object' ? wrapped.get(args[0]) : undefined;
      if (given === undefined || given.range === undefined) {
        throw host.newTypeError(cx, FIREFOX ? failed('Selection', 'addRange', 'Argument 1 does not implement interface Range.')
          : failed('Selection', 'addRange', "parameter 1 is not of type 'Range'."));
      }
      const range = given.range;
      if (!inDocument(selection, range.startNode) || selection.ranges.indexOf(range) >= 0) return;
      // (Chromium keeps one range: a second is not added.)
      if (selection.ranges.length > 0 && !FIREFOX) return;
      if (selection.ranges.length > 0) {
        listPush(selection.ranges, range);
        range.selection = selection;
        selection.direction = 'none';
        selectionChanged(selection, false);
        return;
      }
      selectRanges(selection, range, 'none');
    }),
    removeRange: selectionMember(1, 'removeRange', (cx, selection, args) => {
      const given = args[0] !== null && typeof args[0] === 'object' ? wrapped.get(args[0]) : undefined;
      const index = given === undefined || given.range === undefined ? -1 : selection.ranges.indexOf(given.range);
      if (index < 0) {
        throw domException(cx, FIREFOX ? failed('Selection', 'removeRange', 'Node was not found') : failed('Selection', 'removeRange', 'The given range isn\'t in document.'), 'NotFoundError');
      }
      selection.ranges[index].selection = undefined;
      selection.ranges.splice(index, 1);
      selectionChanged(selection, false);
    }),
    removeAllRanges: selectionMember(0, 'removeAllRanges', (cx, selection) => selectRanges(selection, null, 'none')),
    empty: selectionMember(0, 'empty', (cx, selection) => selectRanges(selection, null, 'none')),
    collapse: selectionMember(1, 'collapse', (cx, selection, args) => collapseSelection(cx, selection, args, 'collapse')),
    setPosition: selectionMember(1, 'setPosition', (cx, selection, args) => collapseSelection(cx, selection, args, 'setPosition')),
    collapseToStart: selectionMember(0, 'collapseToStart', (cx, selection) => collapseToEdge(cx, selection, true, 'collapseToStart')),
    collapseToEnd: selectionMember(0, 'collapseToEnd', (cx, selection) => collapseToEdge(cx, selection, false, 'collapseToEnd')),
    extend: selectionMember(1, 'extend', (cx, selection, args) => {
      const node = selectionNode(cx, args[0], 'extend', 1, false);
      const offset = toUnsigned(args[1]);
      const range = currentRange(selection);
      if (range === null) throw emptySelectionError(cx, 'extend');
      if (!inDocument(selection, node)) return;
      checkOffset(node, offset);
      const anchor = anchorOf(selection, range);
      const backward = ranges.comparePoints(node, offset, anchor[0], anchor[1]) === -1;
      selectRanges(selection, orderedRange(anchor[0], anchor[1], node, offset), backward ? 'backward' : 'forward');
    }),
    setBaseAndExtent: selectionMember(4, 'setBaseAndExtent', (cx, selection, args) => {
      const anchor = selectionNode(cx, args[0], 'setBaseAndExtent', 1, false);
      const anchorOffset = toUnsigned(args[1]);
      const focus = selectionNode(cx, args[2], 'setBaseAndExtent', 3, false);
      const focusOffset = toUnsigned(args[3]);
      checkOffset(anchor, anchorOffset);
      checkOffset(focus, focusOffset);
      if (!inDocument(selection, anchor) || !inDocument(selection, focus)) return;
      const backward = ranges.comparePoints(focus, focusOffset, anchor, anchorOffset) === -1;
      selectRanges(selection, orderedRange(anchor, anchorOffset, focus, focusOffset), backward ? 'backward' : 'forward');
    }),
    selectAllChildren: selectionMember(1, 'selectAllChildren', (cx, selection, args) => {
      const node = selectionNode(cx, args[0], 'selectAllChildren', 1, false);
      if (node.nodeType === 10) throw { __proto__: null, isRangeFailure: true, name: 'InvalidNodeTypeError', reason: 'doctype', node, offset: 0 };
      if (!inDocument(selection, node)) return;
      selectContents(selection, node);
    }),
    deleteFromDocument: selectionMember(0, 'deleteFromDocument', (cx, selection) => {
      const range = currentRange(selection);
      // (Chromium's selection is not seen anew: it stays a 'Range' though its range collapsed.)
      if (range !== null) ranges.deleteContents(range);
      if (FIREFOX && range !== null) selectionChanged(selection, false);
    }),
    containsNode: selectionMember(1, 'containsNode', (cx, selection, args) => {
      const node = selectionNode(cx, args[0], 'containsNode', 1, false);
      const partly = !!args[1];
      for (let i = 0; i < selection.ranges.length; i++) {
        if (containsNode(selection.ranges[i], node, partly)) return true;
      }
      return false;
    }),
    toString: selectionMember(0, 'toString', (cx, selection) => {
      let text = '';
      for (let i = 0; i < selection.ranges.length; i++) text += selectedText(selection.ranges[i]);
      return text;
    }),
  };
  // The selection made of all of `node`'s contents, forward (selectAllChildren, a person's drag).
  function selectContents(selection, node) {
    const range = ranges.newRange(node);
    ranges.selectNodeContents(range, node);
    selectRanges(selection, range, 'forward');
  }
  function collapseSelection(cx, selection, args, member) {
    const node = selectionNode(cx, args[0], member, 1, true);
    if (node === null) {
      selectRanges(selection, null, 'none');
      return;
    }
    const offset = toUnsigned(args[1]);
    checkOffset(node, offset);
    if (!inDocument(selection, node)) return;
    const range = ranges.newRange(node);
    ranges.setBoundary(range, node, offset, true);
    selectRanges(selection, range, 'none');
  }
  function collapseToEdge(cx, selection, toStart, member) {
    const range = currentRange(selection);
    if (range === null) throw emptySelectionError(cx, member);
    const collapsed = ranges.newRange(toStart ? range.startNode : range.endNode);
    ranges.setBoundary(collapsed, toStart ? range.startNode : range.endNode, toStart ? range.startOffset : range.endOffset, true);
    selectRanges(selection, collapsed, 'none');
  }
  // Whether the selection's `range` holds `node` (all of it, or some of it when `partly`): the
  // node as a whole, between its parent's boundary points around it.
  function containsNode(range, node, partly) {
    if (ranges.rootOf(node) !== ranges.rootOf(range.startNode)) return false;
    const parent = node.parentNode;
    const before = parent === null ? [node, 0] : [parent, ranges.indexOf(node)];
    const after = parent === null ? [node, ranges.nodeLength(node)] : [parent, ranges.indexOf(node) + 1];
    if (partly) {
      return ranges.comparePoints(before[0], before[1], range.endNode, range.endOffset) === -1
        && ranges.comparePoints(after[0], after[1], range.startNode, range.startOffset) === 1;
    }
    return ranges.comparePoints(range.startNode, range.startOffset, before[0], before[1]) !== 1
      && ranges.comparePoints(after[0], after[1], range.endNode, range.endOffset) !== 1;
  }
  // The rendered text of `range` (innerText's rules over what it holds).
  function selectedText(range) {
    const common = ranges.commonAncestor(range);
    const root = common.nodeType === 1 || common.nodeType === 9 || common.nodeType === 11 ? common : common.parentNode;
    if (root === null || !isRendered(root)) return ranges.rangeText(range);
    return renderedText(root, range);
  }

  const otherParents = {
    __proto__: null, DOMRect: 'DOMRectReadOnly', Range: 'AbstractRange', CSSStyleSheet: 'StyleSheet', CSSStyleRule: 'CSSRule', CSSStyleProperties: 'CSSStyleDeclaration', HTMLFormControlsCollection: 'HTMLCollection', HTMLOptionsCollection: 'HTMLCollection', RadioNodeList: 'NodeList',
  };

  // ---- Making a world's interface objects --------------------------------------------------------------------
  // The interface `name` of the world of `cx` ({ prototype, constructor }), made on first need:
  // its global (the loader's lazy constructor) adopted, its prototype filled with functions of
  // the world that run members here.
  function interfaceObject(cx, name) {
    const world = worldOf(cx);
    const made = world.interfaces[name];
    if (made !== undefined) return made;
    if (legacyFactories[name] !== undefined) return makeLegacyFactory(cx, world, name);
    const isNode = descriptions[name] !== undefined;
    const parentName = isNode ? descriptions[name].parent : otherParents[name];
    const parent = parentName === undefined ? null
      : parentName === 'EventTarget' ? { __proto__: null, prototype: cx.loader.sharedPrototype('EventTarget'), constructor: undefined }
        : interfaceObject(cx, parentName);
    cx.native.realm.makeGlobal(name);
    // (An HTML element's interface has HTML's [HTMLConstructor], which needs `new` and, with no
    // custom element defined, then throws; an interface with no constructor throws either way:
    // dom-basics.)
    const construct = interfaceConstructors[name] !== undefined ? interfaceConstructors[name]
      : HTML_ELEMENT_INTERFACE.test(name) ? htmlConstructor(name) : undefined;
    const constructor = cx.loader.makeInterface(name, parent === null ? cx.b.ObjectPrototype : parent.prototype,
      construct === undefined ? undefined : host.newFunction(cx, name, 0, construct, cx));
    if (parent !== null && parent.constructor !== undefined) ObjectSetPrototypeOf(constructor, parent.constructor);
    else if (parentName === 'EventTarget') {
      cx.loader.load('events');
      ObjectSetPrototypeOf(constructor, cx.loader.lazyGlobals.EventTarget);
    }
    const prototype = constructor.prototype;
    const object = { __proto__: null, prototype, constructor };
    world.interfaces[name] = object;
    if (isNode) fillNodeInterface(cx, name, prototype, constructor);
    else fillOtherInterface(cx, name, prototype);
    if (name === 'NodeFilter') {
      for (let i = 0; i < nodeFilterConstants.length; i += 2) {
        host.defineValue(constructor, nodeFilterConstants[i], nodeFilterConstants[i + 1], false, true, false);
      }
    }
    if (name === 'Range') {
      for (let i = 0; i < rangeConstants.length; i += 2) {
        host.defineValue(constructor, rangeConstants[i], rangeConstants[i + 1], false, true, false);
        host.defineValue(prototype, rangeConstants[i], rangeConstants[i + 1], false, true, false);
      }
    }
    host.compactShape(prototype);
    host.compactShape(constructor);
    return object;
  }

  // HTML's legacy factory functions: `new Image(width, height)`, `new Audio(src)` and `new
  // Option(text, value, defaultSelected, selected)` make an element of the window's document;
  // each shares its element interface's prototype.
  const legacyFactories = {
    __proto__: null,
    Image: ['HTMLImageElement', 'img', (element, args) => {
      if (args.length > 0 && args[0] !== undefined) element.setAttribute('width', String(toUnsigned(args[0])));
      if (args.length > 1 && args[1] !== undefined) element.setAttribute('height', String(toUnsigned(args[1])));
    }],
    Audio: ['HTMLAudioElement', 'audio', (element, args) => {
      element.setAttribute('preload', 'auto');
      if (args.length > 0 && args[0] !== undefined) element.setAttribute('src', String(args[0]));
    }],
    Option: ['HTMLOptionElement', 'option', (element, args) => {
      const text = args.length > 0 && args[0] !== undefined ? String(args[0]) : '';
      if (text !== '') element.appendChild(element.ownerDocument.createTextNode(text));
      if (args.length > 1 && args[1] !== undefined) element.setAttribute('value', String(args[1]));
      if (args.length > 2 && !!args[2]) element.setAttribute('selected', '');
      if (args.length > 3 && !!args[3]) element.selected = true;
    }],
  };
  function makeLegacyFactory(cx, world, name) {
    const elementInterface = legacyFactories[name][0];
    const localName = legacyFactories[name][1];
    const fill = legacyFactories[name][2];
    const prototype = interfaceObject(cx, elementInterface).prototype;
    cx.native.realm.makeGlobal(name);
    const construct = host.newFunction(cx, name, 0, (data, thisValue, newTarget, ...args) => {
      const element = documentOf(cx).createElement(localName);
      fill(element, args);
      return wrap(cx, element);
    }, undefined);
    const constructor = cx.loader.makeInterface(name, undefined, construct, prototype);
    const object = { __proto__: null, prototype, constructor };
    world.interfaces[name] = object;
    return object;
  }

  // The implementation of the member `key` of the interface `name` that is no node's (a list, a
  // token list, a style declaration...), shared by every world (memberImplementation).
  function otherMemberImplementation(name, key) {
    const cacheKey = name + '.' + key;
    const made = memberImplementations.get(cacheKey);
    if (made !== undefined) return made;
    const entry = otherInterfaces[name][key];
    const kind = entry[0];
    const a = entry[1];
    const b = entry[2];
    const receive = (cx, thisValue, member, verb) => {
      const state = thisValue !== null && (typeof thisValue === 'object' || typeof thisValue === 'function') ? wrapped.get(thisValue) : undefined;
      if (state === undefined) throw illegalInvocation(cx, name, member, verb);
      return state;
    };
    const implementation = kind === 'call'
      ? methodImplementation(name, key, a, receive, (cx, state, args) => {
        try {
          return ReflectApply(b, undefined, prepend(state, cx, args));
        } catch (error) {
          throw worldError(cx, error, name, key, false);
        }
      })
      : accessorImplementation(name, key, receive, (cx, state) => a(state, cx), kind === 'accessor' ? (cx, state, value) => b(state, cx, value) : undefined);
    memberImplementations.set(cacheKey, implementation);
    return implementation;
  }

  function fillOtherInterface(cx, name, prototype) {
    const members = otherInterfaces[name];
    const keys = ObjectKeys(members);
    for (let i = 0; i < keys.length; i++) defineMember(cx, prototype, otherMemberImplementation(name, keys[i]));
    // (Iterable lists take the world's own array methods, as the browsers' do.)
    const intrinsics = cx.loader.builtins.intrinsics;
    if (name === 'NodeList' || name === 'DOMTokenList') {
      host.defineValue(prototype, 'forEach', intrinsics['Array.prototype.forEach'], true, true, true);
      host.defineValue(prototype, 'entries', intrinsics['Array.prototype.entries'], true, true, true);
      host.defineValue(prototype, 'keys', intrinsics['Array.prototype.keys'], true, true, true);
      host.defineValue(prototype, 'values', intrinsics['Array.prototype.values'], true, true, true);
    }
    if (name === 'NodeList' || name === 'HTMLCollection' || name === 'DOMTokenList' || name === 'NamedNodeMap') {
      host.defineValue(prototype, SymbolIterator, intrinsics['Array.prototype.values'], true, false, true);
    }
  }

  // The event handler content attributes (`onclick="..."`) of `element`, set as handlers of the
  // main world of `cx` (a web page's) when the parser makes it, in the order its listeners take: a
  // body's window-reflecting ones (`onload`, `onmessage`, ...) on the window, the others on the
  // element. Each is compiled on its first use, in the scopes of the document, the element's form
  // and the element.
  const windowReflecting = (
    'blur error focus load resize scroll afterprint beforeprint beforeunload hashchange languagechange message messageerror offline '
    + 'online pagehide pagereveal pageshow pageswap popstate rejectionhandled storage unhandledrejection unload'
  ).split(' ');
  host.setHandlerAttributes = function (cx, element) {
    cx.loader.load('events');
    const attributes = element.attributes;
    for (let i = 0; i < attributes.length; i++) {
      const name = attributes[i].name;
      if (name.length <= 2 || name[0] !== 'o' || name[1] !== 'n') continue;
      const type = name.slice(2);
      const onWindow = (element.localName === 'body' || element.localName === 'frameset') && windowReflecting.indexOf(type) >= 0;
      if (!onWindow && globalEventHandlers.indexOf(type) < 0) continue;
      cx.loader.setHandlerFromAttribute(onWindow ? cx.global : wrap(cx, element), type, attributes[i].value, wrap(cx, element));
    }
  };

  // HTML's GlobalEventHandlers: the event handler attributes of elements and documents (and
  // Document's own), whose handlers js/31_events.js keeps.
  const globalEventHandlers = (
    'abort auxclick beforeinput beforematch beforetoggle blur cancel canplay canplaythrough change click close contextlost contextmenu '
    + 'contextrestored copy cuechange cut dblclick drag dragend dragenter dragleave dragover dragstart drop durationchange emptied ended '
    + 'error focus formdata input invalid keydown keypress keyup load loadeddata loadedmetadata loadstart mousedown mouseenter mouseleave '
    + 'mousemove mouseout mouseover mouseup paste pause play playing progress ratechange reset resize scroll scrollend '
    + 'securitypolicyviolation seeked seeking select slotchange stalled submit suspend timeupdate toggle volumechange waiting wheel '
    + 'animationstart animationiteration animationend animationcancel transitionrun transitionstart transitionend transitioncancel '
    + 'pointerover pointerenter pointerdown pointermove pointerup pointercancel pointerout pointerleave gotpointercapture lostpointercapture '
    + 'selectstart selectionchange'
  ).split(' ');
  const handlerOwners = { __proto__: null, HTMLElement: globalEventHandlers, SVGElement: globalEventHandlers, Document: globalEventHandlers };
  function defineEventHandlers(cx, name, prototype) {
    const types = handlerOwners[name];
    if (types === undefined) return;
    cx.loader.load('events');
    for (let i = 0; i < types.length; i++) ReflectDefineProperty(prototype, 'on' + types[i], cx.loader.eventHandlerDescriptor(types[i], name));
    if (name === 'Document') {
      ReflectDefineProperty(prototype, 'onreadystatechange', cx.loader.eventHandlerDescriptor('readystatechange', name));
      ReflectDefineProperty(prototype, 'onvisibilitychange', cx.loader.eventHandlerDescriptor('visibilitychange', name));
    }
  }

  function fillNodeInterface(cx, name, prototype, constructor) {
    defineEventHandlers(cx, name, prototype);
    if (name === 'Node') {
      for (let i = 0; i < nodeConstants.length; i += 2) {
        host.defineValue(constructor, nodeConstants[i], nodeConstants[i + 1], false, true, false);
        host.defineValue(prototype, nodeConstants[i], nodeConstants[i + 1], false, true, false);
      }
    }
    const members = description(name).members;
    for (let i = 0; i < members.length; i++) defineMember(cx, prototype, nodeMemberImplementation(name, members[i]));
  }

  // The node `thisValue` stands for, when it implements `owner`.
  function receiver(cx, thisValue, owner, member, verb) {
    const node = thisValue !== null && (typeof thisValue === 'object' || typeof thisValue === 'function') ? nodes.get(thisValue) : undefined;
    if (node === undefined || !inherits(interfaceNameOf(node), owner)) throw illegalInvocation(cx, owner, member, verb);
    return node;
  }
  // The implementation of `member` of `owner` (or of the mixin it came from), if it has its own.
  // (Found once per interface and member, for all worlds.)
  const ownImplementations = new SafeMap();
  function ownImplementation(owner, member, suffix) {
    const key = owner + '.' + member + suffix;
    if (ownImplementations.has(key)) return ownImplementations.get(key);
    const found = findOwnImplementation(owner, member, suffix);
    ownImplementations.set(key, found);
    return found;
  }
  const mixinNames = ['ParentNode', 'ChildNode', 'NonDocumentTypeChildNode', 'NonElementParentNode'];
  function findOwnImplementation(owner, member, suffix) {
    for (let current = owner; current !== undefined && current !== 'EventTarget'; current = descriptions[current].parent) {
      const found = implementations[current + '.' + member + suffix];
      if (found !== undefined) return found;
    }
    for (let i = 0; i < mixinNames.length; i++) {
      const found = implementations[mixinNames[i] + '.' + member + suffix];
      if (found !== undefined) return found;
    }
    return undefined;
  }

  // The interface of an element list: a form's controls and a select's options are collections of
  // their own kinds.
  const collectionInterface = (owner, member) => (owner === 'HTMLFormElement' && member === 'elements' ? 'HTMLFormControlsCollection'
    : owner === 'HTMLSelectElement' && member === 'options' ? 'HTMLOptionsCollection' : 'HTMLCollection');
  function attributeValue(cx, node, member, own, owner) {
    if (own !== undefined) return own(node, cx);
    switch (member.type) {
      case 'nodes': case 'elements':
        return liveList(cx, member.type === 'nodes' ? 'NodeList' : collectionInterface(owner, member.name), liveItems(node, member.name), node, member.name);
      case 'tokens': return tokenList(cx, node);
      case 'attrs': return attributeMap(cx, node);
      case 'dataset': return dataset(cx, node);
      case 'style': return style(cx, node);
      case 'window': return cx.global;
      default: return node[member.name];
    }
  }

  // ---- Members of the interfaces: one implementation for all worlds ---------------------------------
  // Each world has its own function for each member of each interface it makes (WebIDL's
  // operations and accessors are objects of their realm), and nothing else of its own: what the
  // function runs is made once per interface and member and shared by every world, which the
  // world's function gives it as its data (host.newFunction). (Closures made per world and member
  // cost each world about 0.4 KiB a member, and an interface such as HTMLDocument has a hundred.)
  const memberImplementations = new SafeMap();

  // The implementation of an accessor `key` of `owner`: `receive(cx, thisValue, key, verb)` finds
  // what `this` stands for (or throws the browser's Illegal invocation), `get(cx, state)` reads and
  // `set(cx, state, value)` writes (none: read-only); what either throws of this realm reaches the
  // world as its own error (worldError).
  function accessorImplementation(owner, key, receive, get, set) {
    return {
      __proto__: null, key, getName: 'get ' + key, setName: 'set ' + key,
      get: (cx, thisValue) => {
        const state = receive(cx, thisValue, key, 'get');
        try {
          return get(cx, state);
        } catch (error) {
          throw worldError(cx, error, owner, key, false);
        }
      },
      set: set === undefined ? undefined : (cx, thisValue, value) => {
        const state = receive(cx, thisValue, key, 'set');
        try {
          asMember(cx, () => inBatch(key, state, [], () => {
            const inShadow = madeAnyScript ? shadowScriptsBefore(key + '=', state, [value]) : null;
            set(cx, state, value);
            if (inShadow !== null) shadowScriptsAfter(inShadow);
          }));
        } catch (error) {
          throw worldError(cx, error, owner, key, true);
        }
      },
    };
  }
  // The implementation of an operation `key` of `owner` (`length` required arguments):
  // `call(cx, state, args)` runs it for what `receive` found `this` to stand for.
  function methodImplementation(owner, key, length, receive, call) {
    return {
      __proto__: null, key, length,
      call: (cx, thisValue, ...args) => {
        const state = receive(cx, thisValue, key, 'call');
        return asMember(cx, () => inBatch(key, state, args, () => {
          const inShadow = madeAnyScript ? shadowScriptsBefore(key, state, args) : null;
          const result = call(cx, state, args);
          if (inShadow !== null) shadowScriptsAfter(inShadow);
          return result;
        }));
      },
    };
  }
  // Script elements in shadow trees: a shadow root is one of domino's fragments, whose changes its
  // mutation hook never sees, so the members that may make a script there ready (inserting it or
  // text into it, setting its `src`) note, before they run, the script elements they are given or
  // change (`state`: a node, for a node's member), and prepare those connected once they return,
  // as the document's own changes are (scriptsChanged). (A host's insertion into the document
  // reaches its shadow tree's scripts through the document's hook.)
  // (Each such member by its key: what it may make ready.)
  const shadowScriptMembers = { __proto__: null };
  {
    const inserting = ['appendChild', 'insertBefore', 'replaceChild', 'append', 'prepend', 'before', 'after', 'replaceWith',
      'replaceChildren', 'insertAdjacentElement'];
    const text = ['textContent=', 'text=', 'innerText=', 'innerHTML=', 'data=', 'nodeValue=', 'appendData', 'insertData', 'replaceData',
      'deleteData', 'splitText', 'normalize'];
    const source = ['src=', 'setAttribute', 'toggleAttribute', 'setAttributeNS', 'setAttributeNode', 'setAttributeNodeNS'];
    for (let i = 0; i < inserting.length; i++) shadowScriptMembers[inserting[i]] = 'insert';
    for (let i = 0; i < text.length; i++) shadowScriptMembers[text[i]] = 'text';
    for (let i = 0; i < source.length; i++) shadowScriptMembers[source[i]] = 'source';
  }
  function shadowScriptsBefore(key, state, args) {
    try {
      const kind = shadowScriptMembers[key];
      if (kind === undefined || state === null || typeof state !== 'object' || typeof state.nodeType !== 'number') return null;
      if (shadowRoots.get(rootOf(state)) === undefined) return null;
      const candidates = [];
      if (kind === 'insert') {
        for (let i = 0; i < args.length; i++) {
          const node = args[i] !== null && typeof args[i] === 'object' ? nodes.get(args[i]) : undefined;
          if (node !== undefined) scriptElementsIn(node, candidates);
        }
        if (isScriptElement(state)) listPush(candidates, state);
      } else if (kind === 'text') {
        const script = isScriptElement(state) ? state : state.parentNode !== null && isScriptElement(state.parentNode) ? state.parentNode : null;
        if (script !== null) listPush(candidates, script);
      } else if (isScriptElement(state)) {
        const attr = key === 'setAttributeNode' || key === 'setAttributeNodeNS' ? (args[0] !== null && typeof args[0] === 'object' ? nodes.get(args[0]) : undefined) : undefined;
        if (key === 'src=' || (key === 'setAttribute' || key === 'toggleAttribute') && typeof args[0] === 'string' && args[0].toLowerCase() === 'src'
          || key === 'setAttributeNS' && args[0] === null && args[1] === 'src'
          || attr !== undefined && attr.nodeType === 2 && attr.name === 'src' && attr.namespaceURI === null) listPush(candidates, state);
      }
      return candidates.length === 0 ? null : candidates;
    } catch (error) {
      // (exthost's own failure: the member runs; no script runs.)
      return null;
    }
  }
  function shadowScriptsAfter(candidates) {
    try {
      for (let i = 0; i < candidates.length; i++) if (shadowIncludingRoot(candidates[i]).nodeType === 9) waitToPrepare(candidates[i]);
    } catch (error) {
      // (As above.)
    }
  }

  // Defines a member on a prototype of the world of `cx`, given its shared implementation.
  function defineMember(cx, prototype, implementation) {
    if (implementation.call !== undefined) {
      host.defineValue(prototype, implementation.key, host.newFunction(cx, implementation.key, implementation.length, implementation.call, cx), true, true, true);
      return;
    }
    const getter = host.newFunction(cx, implementation.getName, 0, implementation.get, cx);
    const setter = implementation.set === undefined ? undefined : host.newFunction(cx, implementation.setName, 1, implementation.set, cx);
    ReflectDefineProperty(prototype, implementation.key, { __proto__: null, get: getter, set: setter, enumerable: true, configurable: true });
  }

  // The implementation of the member `member` of the node interface `owner`, shared by every world.
  function nodeMemberImplementation(owner, member) {
    const cacheKey = owner + '.' + member.name;
    const made = memberImplementations.get(cacheKey);
    if (made !== undefined) return made;
    const implementation = member.kind === 'attribute' ? attributeImplementation(owner, member) : operationImplementation(owner, member);
    memberImplementations.set(cacheKey, implementation);
    return implementation;
  }
  const nodeReceiver = (owner) => (cx, thisValue, name, verb) => receiver(cx, thisValue, owner, name, verb);

  function attributeImplementation(owner, member) {
    const key = member.name;
    const own = ownImplementation(owner, key, '');
    const get = (cx, node) => convertResult(cx, member.type, attributeValue(cx, node, member, own, owner), node);
    let set;
    if (member.writable) {
      const ownSet = ownImplementation(owner, key, '=');
      set = (cx, node, value) => {
        const converted = member.type === 's?' && (value === null || value === undefined) ? (key === 'textContent' || key === 'nodeValue' ? '' : null)
          : convertArgument(cx, member.type, value, owner, key, 1);
        if (ownSet !== undefined) ownSet(node, cx, converted);
        else node[key] = converted;
      };
    }
    return accessorImplementation(owner, key, nodeReceiver(owner), get, set);
  }

  function operationImplementation(owner, member) {
    const key = member.name;
    const own = ownImplementation(owner, key, '');
    const args = member.args;
    return methodImplementation(owner, key, member.required, nodeReceiver(owner), (cx, node, given) => {
      if (given.length < member.required) throw host.webIDLErrors.countError(cx, owner, key, member.required, given.length);
      const converted = [];
      let variadic = null;
      for (let i = 0; i < args.length; i++) {
        if (args[i].variadic) {
          variadic = convertNodes(cx, given, i, owner, key);
          break;
        }
        if (args[i].optional && given[i] === undefined) {
          listPush(converted, undefined);
          continue;
        }
        listPush(converted, convertArgument(cx, args[i].type, given[i], owner, key, i + 1));
      }
      let result;
      try {
        if (own !== undefined) result = variadic !== null ? own(node, cx, variadic) : ReflectApply(own, undefined, prepend(node, cx, converted));
        else if (member.type === 'elements' || member.type === 'nodes') {
          result = liveList(cx, member.type === 'nodes' ? 'NodeList' : 'HTMLCollection', liveItems(node, key, converted), node, key + '(' + converted.join('\u0000') + ')');
        }
        else if (variadic !== null) result = ReflectApply(node[key], node, variadic);
        else result = ReflectApply(node[key], node, trimUndefined(converted));
      } catch (error) {
        throw worldError(cx, error, owner, key, false, converted[0], node, converted);
      }
      return member.type === 'elements' || member.type === 'nodes' ? result : convertResult(cx, member.type, result, node);
    });
  }
  // `[first, second, ...rest]`.
  function prepend(first, second, rest) {
    const list = [first, second];
    for (let i = 0; i < rest.length; i++) listPush(list, rest[i]);
    return list;
  }
  // (Optional arguments left out stay left out: domino tells `cloneNode()` from `cloneNode(false)`.)
  function trimUndefined(list) {
    let end = list.length;
    while (end > 0 && list[end - 1] === undefined) end--;
    return end === list.length ? list : list.slice(0, end);
  }

  // ---- One dispatch through every world of a document -----------------------------------------------------
  // The worlds of a document (its page's or main world, its content scripts) share its nodes and
  // its window, and so their listeners: a dispatch at a node, or at the window, calls the
  // listeners every world added to the targets of its path in the order they were added (the
  // standard's one list of listeners per target), each with an event of its own world that shows
  // the same event: its fields, its target and path as the world's wrappers, and its flags
  // (canceled, propagation stopped), which each listener's changes carry to the others. What
  // crosses is the event's data: a CustomEvent's `detail` reaches another world only as a
  // primitive (an object of one world is never handed to another). `cx` is the world that
  // dispatches, `path` its targets (its wrappers, its global for the window), `event` and `state`
  // its own. Returns false when no other world shares the path (the world's own dispatch walks it).
  const WINDOW = { __proto__: null };
  function dispatchInWorlds(cx, path, event, state) {
    const id = cx.info.documentId;
    const document = id === undefined ? undefined : documents.get(id);
    if (document === undefined) return false;
    const keys = [];
    for (let i = 0; i < path.length; i++) {
      const node = host.nodeOf(path[i]);
      if (node !== undefined) {
        // (A node of another tree, a DOMParser's or a template's, is this world's alone.)
        if (shadowIncludingRoot(node) !== document) return false;
        listPush(keys, node);
      } else if (path[i] === cx.global) {
        listPush(keys, WINDOW);
      } else {
        return false;
      }
    }
    const original = host.nodeOf(state.target);
    const records = engine.worldsOf(id);
    const views = [];
    for (let i = 0; i < records.length; i++) {
      const record = records[i];
      if (record === cx) listPush(views, { __proto__: null, cx, event, state, own: true });
      else if (record.loader.listenersAt !== undefined) listPush(views, { __proto__: null, cx: record, event: null, state: null, own: false, path: null });
    }
    if (views.length < 2) return false;
    let description = null;
    // The event and state of `view`'s world, made on its first listener, with the flags as they are now.
    const enter = (view) => {
      if (view.own) return;
      if (view.event === null) {
        if (description === null) description = cx.loader.describeEvent(event);
        const made = view.cx.loader.eventFromDescription(describeFor(cx, view.cx, description));
        view.event = made.event;
        view.state = made.state;
        view.state.dispatching = true;
        view.state.target = host.toWorld(view.cx, state.target === cx.global ? WINDOW : state.target);
        const mapped = [];
        for (let i = 0; i < keys.length; i++) listPush(mapped, keys[i] === WINDOW ? view.cx.global : wrap(view.cx, keys[i]));
        view.state.path = host.newArray(view.cx, mapped);
      }
      view.state.canceled = state.canceled;
      view.state.stopPropagation = state.stopPropagation;
      view.state.stopImmediate = state.stopImmediate;
    };
    const leave = (view) => {
      if (view.own) return;
      state.canceled = view.state.canceled;
      if (view.state.stopPropagation) state.stopPropagation = true;
      if (view.state.stopImmediate) state.stopImmediate = true;
    };
    // Calls the listeners at step `i` of the path for the phase, every world's, in their order.
    const invokeAt = (i, phase, phaseNumber) => {
      const entries = [];
      for (let v = 0; v < views.length; v++) {
        const view = views[v];
        const target = view.own ? path[i] : keys[i] === WINDOW ? view.cx.global : worldOf(view.cx).wrappers.get(keys[i]);
        if (target === undefined) continue;
        const listeners = view.cx.loader.listenersAt(target, state.type, phase);
        for (let l = 0; l < listeners.length; l++) listPush(entries, { __proto__: null, view, target, listener: listeners[l], order: listeners[l].order });
      }
      entries.sort((a, b) => a.order - b.order);
      for (let e = 0; e < entries.length; e++) {
        const entry = entries[e];
        // (A listener's own exception is reported in its world; what else another world's
        // module throws is exthost's failure, which reaches this world as this world's error.)
        try {
          enter(entry.view);
          entry.view.state.phase = phaseNumber;
          entry.view.state.currentTarget = entry.target;
          // (A target in a shadow tree, as the listeners at this node see it.)
          if (original !== undefined && shadowRoots.has(rootOf(original))) {
            const seen = retarget(original, keys[i] === WINDOW ? null : keys[i]);
            entry.view.state.target = entry.view.own ? wrap(cx, seen) : wrap(entry.view.cx, seen);
          }
          entry.view.cx.loader.invokeListener(entry.target, entry.view.event, entry.view.state, entry.listener);
          leave(entry.view);
        } catch (error) {
          throw toWorldThrowable(cx, error, 'EventTarget', 'dispatchEvent');
        }
        if (state.stopImmediate) break;
      }
    };
    // (At the target, Firefox calls the capturing listeners first, as the standard says;
    // Chromium calls all of them in the order they were added.)
    for (let i = path.length - 1; i >= 0 && !state.stopPropagation; i--) {
      state.phase = i === 0 ? 2 : 1;
      invokeAt(i, i > 0 ? 'capture' : FIREFOX ? 'at-target-capture' : 'at-target', state.phase);
    }
    for (let i = 0; i < path.length && !state.stopPropagation; i++) {
      if (i > 0 && !state.bubbles) break;
      if (i === 0 && !FIREFOX) continue;
      state.phase = i === 0 ? 2 : 3;
      invokeAt(i, i === 0 ? 'at-target-bubble' : 'bubble', state.phase);
    }
    for (let v = 0; v < views.length; v++) {
      const view = views[v];
      if (view.own || view.state === null) continue;
      view.state.phase = 0;
      view.state.currentTarget = null;
      view.state.path = null;
      view.state.dispatching = false;
      view.state.stopPropagation = false;
      view.state.stopImmediate = false;
    }
    return true;
  }
  // An event's description (js/31_events.js), made in the world of `from`, for the world of `cx`:
  // its window and targets as that world's, and a CustomEvent's `detail` as that world gets it
  // (``detailFor``).
  function describeFor(from, cx, description) {
    const copy = { __proto__: null };
    const keys = ObjectKeys(description);
    for (let i = 0; i < keys.length; i++) copy[keys[i]] = description[keys[i]];
    copy.detail = detailFor(from, cx, description.detail);
    // (A window's message: its data is read again in the world; its source is the world's view of the sender.)
    if (description.message !== undefined) {
      const relation = description.message.relation;
      copy.source = relation === null || host.frameWindowOf === undefined ? null : host.frameWindowOf(cx, relation);
    }
    if (description.fields !== undefined) {
      const fields = { __proto__: null };
      const names = ObjectKeys(description.fields);
      for (let i = 0; i < names.length; i++) {
        const value = description.fields[names[i]];
        if (names[i] === 'view') fields.view = value === null ? null : cx.global;
        // (A DataTransfer's data store is the host's, which every world's DataTransfer of the event shares.)
        else if (names[i].slice(0, 9) === 'transfer:') fields[names[i]] = value;
        else if (value !== null && (typeof value === 'object' || typeof value === 'function')) {
          // (A node becomes the world's wrapper of it; no other object or function of a world crosses.)
          fields[names[i]] = host.nodeOf(value) === undefined ? null : host.toWorld(cx, value);
        } else fields[names[i]] = value;
      }
      copy.fields = fields;
    }
    return copy;
  }

  // A CustomEvent's `detail`, an object of the world of `from`, as the world of `cx` gets it
  // (fixtures/conformance/page-worlds): in Chromium a structured clone (null when it cannot be
  // cloned: a function in it); in Firefox, an object a content script made reaches the page as
  // one whose every property throws "Permission denied" (unless `cloneInto` made it for the page),
  // and the page's objects reach a content script through its Xray view, of which a clone of their
  // data is what exthost gives. A primitive crosses as it is.
  function detailFor(from, cx, detail) {
    if (typeof detail === 'symbol') return null;
    if (detail === null || (typeof detail !== 'object' && typeof detail !== 'function')) return detail;
    if (host.nodeOf(detail) !== undefined) return FIREFOX ? deniedObject(cx) : null;
    if (FIREFOX && from.kind === 'content' && cx.kind === 'webPage'
      && !(from.loader.isClonedForPage !== undefined && from.loader.isClonedForPage(detail))) return deniedObject(cx);
    if (from.loader.writeClone === undefined) from.loader.load('structured_clone');
    if (cx.loader.readClone === undefined) cx.loader.load('structured_clone');
    let text;
    try {
      text = from.loader.writeClone(detail, '');
    } catch (error) {
      return null;
    }
    return cx.loader.readClone(text);
  }
  // Firefox's content scripts and their page (js/49_firefox_content.js; ExtensionContext+PageAccess.swift):
  // a value of the content script `from` as the page `cx` receives it (a copy `cloneInto` made,
  // read again in the page's realm; a function `exportFunction` made, itself; another object, one
  // the page may not read).
  host.adoptIntoPage = (from, cx, value) => {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return typeof value === 'symbol' ? null : value;
    if (exportedFunctions.has(value)) return value;
    // (A page value the content script holds through its waiver is the page's own again.)
    const original = from.loader.unwaive === undefined ? undefined : from.loader.unwaive(value);
    if (original !== undefined) return original;
    if (typeof value === 'function') return deniedObject(cx);
    return detailFor(from, cx, value);
  };
  // `exportFunction(fn, scope)`: a function of the page's realm whose call calls `fn` (of the
  // content script `from`) with the page's arguments and `this`; what `fn` returns reaches the page
  // as host.adoptIntoPage gives it, what it throws as an error of the page's realm.
  const exportedFunctions = new SafeWeakSet();
  host.exportToPage = (from, cx, fn) => {
    // (The page's `this` and arguments reach `fn` through the content script's waiver.)
    const exported = host.newFunction(cx, '', 0, (data, thisValue, ...args) => {
      const waive = from.loader.waiveFromPage;
      const waived = [];
      for (let i = 0; i < args.length; i++) listPush(waived, waive(args[i]));
      return host.adoptIntoPage(from, cx, ReflectApply(fn, waive(thisValue), waived));
    }, undefined);
    exportedFunctions.add(exported);
    return exported;
  };
  // Firefox: another world's object the page may not read: each use of it throws its Error.
  function deniedObject(cx) {
    const denied = (key) => host.newError(cx, 'Permission denied to access property "' + (typeof key === 'symbol' ? key.description : String(key)) + '"');
    const target = host.newObjectFrom(cx, cx.b.ObjectPrototype);
    const handler = {
      __proto__: null,
      get(object, key) { throw denied(key); },
      set(object, key) { throw denied(key); },
      has(object, key) { throw denied(key); },
      getOwnPropertyDescriptor(object, key) { throw denied(key); },
      defineProperty(object, key) { throw denied(key); },
      deleteProperty(object, key) { throw denied(key); },
      ownKeys() { throw denied('length'); },
    };
    return guardedProxy(cx, target, 'Object', handler);
  }

  // ---- DOMParser and XMLSerializer (js/31_dom_parsing.js is each world's side) ---------------------------------
  // `DOMParser.parseFromString(text, 'text/html')`: a new document of the world, parsed with
  // scripting off, at the URL of the world's document, complete; in no frame (its events are the
  // world's own).
  // DOMParser.parseFromString: text/html through parse5; the XML types through the library's XML
  // reader (fixtures/conformance/dom-parser-xml). A text that is not well-formed gives each
  // browser's document: Chromium keeps what was read and puts an XHTML `parsererror` (its words:
  // libxml2's there, xmldom's here) first in the root element, or in a new html/body when there is
  // none; Firefox's document is a `parsererror` of its own namespace and nothing else.
  const XML_TYPES = ['text/xml', 'application/xml', 'application/xhtml+xml', 'image/svg+xml'];
  const MOZILLA_PARSER_ERROR = 'http://www.mozilla.org/newlayout/xml/parsererror.xml';
  function parseFromString(cx, text, type) {
    if (type === 'text/html') {
      const document = library.parseDocument(String(text), documentOf(cx)._address);
      // (Firefox's parsed document never loads: "uninitialized".)
      document.readyState = FIREFOX ? 'uninitialized' : 'complete';
      return wrap(cx, createdDocument(document));
    }
    if (XML_TYPES.indexOf(type) < 0) {
      throw host.newTypeError(cx, FIREFOX
        ? "DOMParser.parseFromString: '" + type + "' (value of argument 2) is not a valid value for enumeration SupportedType."
        : "Failed to execute 'parseFromString' on 'DOMParser': The provided value '" + type + "' is not a valid enum value of type SupportedType.");
    }
    const url = documentOf(cx)._address;
    const source = String(text);
    const parsed = library.parseXML(source, type, url);
    const document = parsed.document;
    const error = parsed.error;
    document.readyState = 'complete';
    if (error !== null) {
      if (FIREFOX) {
        while (document.firstChild !== null) document.removeChild(document.firstChild);
        const report = document.createElementNS(MOZILLA_PARSER_ERROR, 'parsererror');
        report.setAttribute('dir', 'ltr');
        const lines = source.split('\n');
        const line = lines[error.line - 1] === undefined ? '' : lines[error.line - 1];
        report.appendChild(document.createTextNode('XML Parsing Error: ' + error.message + '\nLocation: ' + url + '\nLine Number ' + error.line + ', Column ' + error.column + ':'));
        const sourceText = document.createElementNS(MOZILLA_PARSER_ERROR, 'sourcetext');
        sourceText.appendChild(document.createTextNode(line + '\n' + '-'.repeat(error.column > 0 ? error.column - 1 : 0) + '^'));
        report.appendChild(sourceText);
        document.appendChild(report);
      } else {
        const report = document.createElementNS(HTML, 'parsererror');
        report.setAttribute('style', 'display: block; white-space: pre; border: 2px solid #c77; padding: 0 1em 0 1em; margin: 1em; background-color: #fdd; color: black');
        const heading = (words) => {
          const h3 = document.createElementNS(HTML, 'h3');
          h3.appendChild(document.createTextNode(words));
          return h3;
        };
        report.appendChild(heading('This page contains the following errors:'));
        const words = document.createElementNS(HTML, 'div');
        words.setAttribute('style', 'font-family:monospace;font-size:12px');
        words.appendChild(document.createTextNode('error on line ' + error.line + ' at column ' + error.column + ': ' + error.message + '\n'));
        report.appendChild(words);
        report.appendChild(heading('Below is a rendering of the page up to the first error.'));
        // (With no root, or an SVG one, Chromium makes an html root whose body holds the report,
        // then the SVG root.)
        const root = document.documentElement;
        if (root === null || root.namespaceURI === SVG) {
          const html = document.createElementNS(HTML, 'html');
          const body = document.createElementNS(HTML, 'body');
          html.appendChild(body);
          body.appendChild(report);
          if (root !== null) body.appendChild(root);
          document.appendChild(html);
        } else {
          root.insertBefore(report, root.firstChild);
        }
      }
    }
    return wrap(cx, createdDocument(document));
  }
  // The DOM Parsing standard's "XML serialization" of `node` (namespaces as its algorithm keeps
  // them for documents the HTML parser made: each element's namespace declared where it differs
  // from its parent's).
  const XHTML = 'http://www.w3.org/1999/xhtml';
  const voidElements = ['area', 'base', 'basefont', 'bgsound', 'br', 'col', 'embed', 'frame', 'hr', 'img', 'input', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr'];
  const escapeText = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const escapeAttribute = (text) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    .replace(/\t/g, '&#9;').replace(/\n/g, FIREFOX ? '&#xA;' : '&#10;').replace(/\r/g, FIREFOX ? '&#xD;' : '&#13;');
  function serializeXML(node) {
    const parts = [];
    serializeNode(node, null, { __proto__: null }, parts);
    return parts.join('');
  }
  // (`prefixes`: the prefixes declared by the ancestors written, and their namespaces; a prefix an
  // element or an attribute uses is declared where it is not yet: before the attributes in
  // Chromium; in Firefox, the element's own before them and the attributes' after them.)
  function serializeNode(node, inheritedNamespace, prefixes, parts) {
    switch (node.nodeType) {
      case 1: {
        const namespace = node.namespaceURI;
        const name = node.prefix ? node.prefix + ':' + node.localName : node.localName;
        listPush(parts, '<' + name);
        const declared = { __proto__: prefixes };
        const declarations = [];
        const declare = (prefix, uri) => {
          if (prefix === 'xml' || prefix === 'xmlns' || declared[prefix] === uri) return;
          declared[prefix] = uri;
          listPush(declarations, ' xmlns:' + prefix + '="' + escapeAttribute(uri) + '"');
        };
        if (namespace !== inheritedNamespace && !node.prefix) listPush(parts, ' xmlns="' + escapeAttribute(namespace === null ? '' : namespace) + '"');
        if (node.prefix) declare(node.prefix, namespace);
        // (Firefox writes the element's own prefix's declaration before the attributes, those of
        // their prefixes after them: fixtures/conformance/dom-parsing, dom-parser-xml.)
        const ownDeclarations = declarations.length;
        const attributes = node.attributes;
        const written = [];
        for (let i = 0; i < attributes.length; i++) {
          const attribute = attributes[i];
          if (attribute.name === 'xmlns' && !node.prefix) continue;
          if (attribute.prefix === 'xmlns') {
            declare(attribute.localName, attribute.value);
            continue;
          }
          if (attribute.prefix && attribute.namespaceURI) declare(attribute.prefix, attribute.namespaceURI);
          listPush(written, ' ' + attribute.name + '="' + escapeAttribute(attribute.value) + '"');
        }
        if (FIREFOX) {
          for (let i = 0; i < ownDeclarations; i++) listPush(parts, declarations[i]);
          for (let i = 0; i < written.length; i++) listPush(parts, written[i]);
          for (let i = ownDeclarations; i < declarations.length; i++) listPush(parts, declarations[i]);
        } else {
          for (let i = 0; i < declarations.length; i++) listPush(parts, declarations[i]);
          for (let i = 0; i < written.length; i++) listPush(parts, written[i]);
        }
        const children = node.localName === 'template' && namespace === XHTML && node.content ? node.content : node;
        if (children.firstChild === null) {
          if (namespace === XHTML) listPush(parts, voidElements.indexOf(node.localName) >= 0 ? ' />' : '></' + name + '>');
          else listPush(parts, '/>');
          return;
        }
        listPush(parts, '>');
        for (let child = children.firstChild; child !== null; child = child.nextSibling) serializeNode(child, namespace, declared, parts);
        listPush(parts, '</' + name + '>');
        return;
      }
      case 3: listPush(parts, escapeText(node.data)); return;
      case 4: listPush(parts, '<![CDATA[' + node.data + ']]>'); return;
      case 7: listPush(parts, '<?' + node.target + ' ' + node.data + '?>'); return;
      case 8: listPush(parts, '<!--' + node.data + '-->'); return;
      case 9: case 11: {
        // (A parsed XML document keeps its XML declaration: Chromium writes it as it was,
        // Firefox with its encoding, UTF-8 when none was given, and a line break.)
        const declaration = node.nodeType === 9 ? node.xmlDeclaration : undefined;
        if (declaration !== undefined && declaration !== null) {
          listPush(parts, FIREFOX
            ? '<?xml version="' + declaration.version + '" encoding="' + (declaration.encoding || 'UTF-8') + '"?>\n'
            : '<?xml version="' + declaration.version + '"' + (declaration.encoding ? ' encoding="' + declaration.encoding + '"' : '') + '?>');
        }
        for (let child = node.firstChild; child !== null; child = child.nextSibling) serializeNode(child, inheritedNamespace, prefixes, parts);
        return;
      }
      case 10:
        // (Firefox puts a line break after a document's doctype.)
        listPush(parts, '<!DOCTYPE ' + node.name + (node.publicId ? ' PUBLIC "' + node.publicId + '"' : node.systemId ? ' SYSTEM' : '')
          + (node.systemId ? ' "' + node.systemId + '"' : '') + '>' + (FIREFOX && node.nextSibling !== null ? '\n' : ''));
        return;
      default: return;
    }
  }

  // ---- What a person does, for the driver -----------------------------------------------------------------------
  // The document `id` (built from its source when no world has touched it yet).
  function documentById(id) {
    let document = documents.get(id);
    if (document !== undefined) return document;
    const source = engine.documentSource(id);
    if (source === null) return undefined;
    document = buildDocument(JSONParse(source), id);
    documents.set(id, document);
    return document;
  }
  // A person's typing of `text` into a text control or an editable element (recorded:
  // person-typing), as WebDriver's element send keys does it: the element takes the focus unless
  // it has it (a script's focus: the caret at the end of the field's value, or of the element's
  // contents), then each character is a key pressed and released: `keydown` (the window's
  // activation first), `keypress`, a cancelable `beforeinput`, the character in at the caret and
  // `input`, then `keyup` (a canceled `keydown` or `keypress` types nothing, a canceled
  // `beforeinput` nothing but the keys' events). Chromium's window takes the focus with the first
  // key, and the focused element hears `focus` then. A field so changed fires `change` when the
  // person commits it: Enter (`submit`), or in Chromium the focus leaving it (`leaveEdited`).
  // A line break is Enter (recorded: person-typing-enter): a new line in a textarea, a new
  // paragraph in an editable element, and in an input a `beforeinput` that changes nothing.
  function type(cx, node, text) {
    const textControl = isTextControl(node);
    if (cx === null) {
      // (A page with no world: the value changes, and no one hears it.)
      if (textControl) {
        controlValues.set(node, controlValue(node) + text);
        editedByUser.add(node);
      }
      return;
    }
    cx.loader.load('ui_events');
    const document = node.ownerDocument;
    if (focusedElement(document) !== node) {
      focusElement(cx, node);
      if (textControl) {
        const length = controlValue(node).length;
        setSelectionRange(node, length, length, 'forward');
      } else if (editingHost(node) !== null) {
        const range = ranges.newRange(node);
        ranges.selectNodeContents(range, node);
        ranges.collapse(range, false);
        selectRanges(documentSelectionOf(document), range, 'forward');
      }
    }
    personInput(cx);
    for (let i = 0; i < text.length;) {
      const character = StringFromCodePoint(text.codePointAt(i));
      i += character.length;
      const facts = keyFacts(character);
      // (Each key goes to what has the focus then: a Tab, or a listener, may have moved it.)
      const focusTarget = () => {
        const focused = focusedElement(document);
        return focused !== null ? focused : document.body !== null ? document.body : document.documentElement;
      };
      const fire = (at, type, keyName, code, keyCode, charCode, shiftKey) => cx.loader.fireUIEvent(wrap(cx, at), 'KeyboardEvent', type, {
        __proto__: null, bubbles: true, cancelable: true, composed: true, view: cx.global, key: keyName, code, keyCode, charCode, shiftKey,
      }, true);
      const at = focusTarget();
      if (at === null) return;
      if (character === '\b') {
        // (Backspace: no keypress; it deletes the selection or the character before the caret,
        // asking first with `beforeinput`: recorded in person-typing-backspace.)
        host.call(cx, 'page.activate', []);
        if (fire(at, 'keydown', 'Backspace', 'Backspace', 8, 0, false)) deleteByKey(cx, at);
        fire(at, 'keyup', 'Backspace', 'Backspace', 8, 0, false);
        continue;
      }
      if (character === '\t') {
        // (Tab moves the focus in sequential focus navigation order, unless a keydown listener
        // cancels it; its keyup goes where the focus went: recorded in person-typing-tab.)
        host.call(cx, 'page.activate', []);
        if (fire(at, 'keydown', 'Tab', 'Tab', 9, 0, false)) moveFocusByTab(cx, document);
        fire(focusTarget(), 'keyup', 'Tab', 'Tab', 9, 0, false);
        continue;
      }
      const key = (type, keyCode, charCode) => fire(at, type, facts.key, facts.code, keyCode, charCode, facts.shift);
      // (Enter or Space at a focused link or button clicks it: keyboardActivation.)
      const activation = keyboardActivation(at, character);
      // (A shifted character is typed with Shift held, pressed before and released after:
      // recorded in person-typing-shift.)
      if (facts.shift) fire(at, 'keydown', 'Shift', 'ShiftLeft', 16, 0, true);
      host.call(cx, 'page.activate', []);
      const down = key('keydown', facts.keyCode, 0);
      if (down && activation === 'link' && !FIREFOX) {
        // (Chromium follows a link at Enter's keydown, and fires no keypress.)
        keyboardClick(cx, at, activation);
      } else if (down && key('keypress', facts.charCode, facts.charCode)) {
        if (activation === 'link' || activation === 'button') {
          keyboardClick(cx, at, activation);
        } else if (isTextControl(at)) {
          // (Into a text field or an editable element; a key at anything else types nothing.)
          // (A read-only field, which the focus may reach by Tab, takes the keys and changes not.)
          if (!at.hasAttribute('readonly') && !library.matches(at, ':disabled')) typeCharacter(cx, at, false, character);
        } else if (editingHost(at) !== null) typeCharacter(cx, at, true, character);
      }
      key('keyup', facts.keyCode, 0);
      if (down && activation === 'space') keyboardClick(cx, at, activation);
      if (facts.shift) fire(at, 'keyup', 'Shift', 'ShiftLeft', 16, 0, false);
    }
  }
  // What Enter (`\n`) or Space (` `) does at the focused `node` (recorded: person-typing-activation):
  // 'link' (Enter at a link: a click, at Chromium's keydown, which then fires no keypress, or
  // after Firefox's keypress), 'button' (Enter at a button: a click after the keypress), 'space'
  // (Space at a button, checkbox or radio button: a click after the keyup); null for anything
  // else. A canceled keydown (or, for Enter, keypress) clicks nothing. (Firefox, driven by
  // WebDriver's key actions as the recording was, activates links only: no button, checkbox or
  // radio button heard a click.)
  const BUTTON_INPUTS = { __proto__: null, submit: true, reset: true, button: true, image: true };
  function keyboardActivation(node, character) {
    if ((character !== '\n' && character !== ' ') || node.nodeType !== 1 || node.namespaceURI !== HTML || library.matches(node, ':disabled')) return null;
    const name = node.localName;
    if (character === '\n' && (name === 'a' || name === 'area') && node.hasAttribute('href')) return 'link';
    if (FIREFOX) return null;
    const isButton = name === 'button' || (name === 'input' && BUTTON_INPUTS[inputType(node)] === true);
    if (character === '\n') return isButton ? 'button' : null;
    return isButton || (name === 'input' && (inputType(node) === 'checkbox' || inputType(node) === 'radio')) ? 'space' : null;
  }
  // The click a key at a focused element makes: trusted, with no pointer (detail 0; Firefox's
  // link click has detail 1), and the element's activation behaviour.
  function keyboardClick(cx, node, activation) {
    cx.loader.fireUIEvent(wrap(cx, node), 'PointerEvent', 'click', {
      __proto__: null, bubbles: true, cancelable: true, composed: true, view: cx.global, detail: FIREFOX && activation === 'link' ? 1 : 0,
      pointerType: '', pointerId: FIREFOX ? 0 : -1, isPrimary: false,
    }, true);
  }
  // Backspace pressed at `node`: in a text field, the selection or the character before the caret
  // goes; in an editable element, as the `delete` command (a block's start joins the blocks).
  function deleteByKey(cx, node) {
    if (isTextControl(node)) {
      if (node.hasAttribute('readonly') || library.matches(node, ':disabled')) return;
      const init = (cancelable) => ({
        __proto__: null, bubbles: true, cancelable, composed: true, view: cx.global, inputType: 'deleteContentBackward', data: null, isComposing: false,
      });
      if (!cx.loader.fireUIEvent(wrap(cx, node), 'InputEvent', 'beforeinput', init(true), true) || rootOf(node).nodeType !== 9) return;
      const selection = selectionOf(node);
      const value = controlValue(node);
      if (selection.start === selection.end && selection.start === 0) return;
      const start = selection.start !== selection.end ? selection.start : selection.start - codePointLength(value, selection.start, false);
      setRangeText(cx, node, '', start, selection.end, 'start');
      editedByUser.add(node);
      editedControls.add(node);
      cx.loader.fireUIEvent(wrap(cx, node), 'InputEvent', 'input', init(false), true);
      return;
    }
    const editing = editingHost(node) === null ? null : editedRange(node.ownerDocument);
    if (editing !== null) deleteInHost(cx, editing, true, true);
  }
  // Whether `node` is a field one types text into (a textarea, an input of a text-like type).
  const isTextControl = (node) => node.nodeType === 1 && node.namespaceURI === HTML && (node.localName === 'textarea'
    || (node.localName === 'input' && !/^(checkbox|radio|button|submit|reset|image|file|hidden|range|color)$/i.test(node.getAttribute('type') || '')));
  // HTML's sequential focus navigation, forwards: the elements that take the focus from a Tab
  // (a positive tabindex first, in its order, then the others in tree order; tabindex -1 and
  // what cannot be focused never), the focus moving to the one after the focused element, or,
  // after the last, out of the document (to the browser's own controls: the body is the active
  // element, and the next Tab starts again at the first).
  function moveFocusByTab(cx, document) {
    const positive = [];
    const natural = [];
    const all = document.getElementsByTagName('*');
    for (let i = 0; i < all.length; i++) {
      const element = all[i];
      if (!isFocusable(element) || !isRendered(element)) continue;
      const attribute = element.getAttribute('tabindex');
      const index = attribute === null ? 0 : Number.parseInt(attribute, 10);
      if (index < 0) continue;
      if (index > 0) listPush(positive, [index, element]);
      else listPush(natural, element);
    }
    const order = [];
    positive.sort((a, b) => a[0] - b[0]);
    for (let i = 0; i < positive.length; i++) listPush(order, positive[i][1]);
    for (let i = 0; i < natural.length; i++) listPush(order, natural[i]);
    const current = focusedElement(document);
    let next;
    if (current === null) {
      next = order.length > 0 ? order[0] : null;
    } else {
      const index = order.indexOf(current);
      if (index >= 0) {
        next = index + 1 < order.length ? order[index + 1] : null;
      } else {
        // (From an element out of the order, the next of the others after it in tree order.)
        next = null;
        for (let i = 0; i < natural.length && next === null; i++) if (ranges.comparePoints(natural[i], 0, current, 0) > 0) next = natural[i];
      }
    }
    if (next !== null) {
      focusElement(cx, next);
      // (Chromium selects the whole text of an input the keyboard focuses; Firefox leaves its
      // selection, and neither a textarea's: recorded in person-typing-tab-fields.)
      if (!FIREFOX && next.localName === 'input' && isTextControl(next) && focusedElement(document) === next) {
        setSelectionRange(next, 0, controlValue(next).length, 'none');
      }
    } else if (current !== null) blurElement(cx, current);
  }
  // The character `character` goes in at the caret of `node`, as a key typed it.
  function typeCharacter(cx, node, editable, character) {
    const lineBreak = character === '\n';
    if (editable) {
      const editing = editedRange(node.ownerDocument);
      if (editing === null) return;
      const inputType = lineBreak ? 'insertParagraph' : 'insertText';
      const data = lineBreak ? null : character;
      if (!fireInput(cx, editing, 'beforeinput', inputType, data)) return;
      if (!ranges.isCollapsed(editing.range)) deleteSelection(editing);
      if (!lineBreak) insertAtCaret(editing, character);
      else insertParagraph(editing);
      fireInput(cx, editing, 'input', inputType, data);
      return;
    }
    const inputType = lineBreak ? 'insertLineBreak' : 'insertText';
    const data = lineBreak ? null : character;
    const init = (cancelable) => ({ __proto__: null, bubbles: true, cancelable, composed: true, view: cx.global, inputType, data, isComposing: false });
    // (An input's Enter is asked for as a line break, which it does not take; in a form it
    // submits it, as the `submit` step does: that this comes after `beforeinput` is unrecorded.
    // A field a listener took out of its document is not edited.)
    if (!cx.loader.fireUIEvent(wrap(cx, node), 'InputEvent', 'beforeinput', init(true), true) || rootOf(node).nodeType !== 9) return;
    if (lineBreak && node.localName === 'input') {
      const form = formOwner(node);
      if (form !== null) commitAndSubmit(cx, node, form);
      return;
    }
    setRangeText(cx, node, character, undefined, undefined, 'end');
    editedByUser.add(node);
    editedControls.add(node);
    cx.loader.fireUIEvent(wrap(cx, node), 'InputEvent', 'input', init(false), true);
  }
  // The key of a US keyboard that types `character`: its `key`, `code`, `keyCode` (of keydown and
  // keyup), `charCode` (of keypress) and whether Shift is held.
  const punctuation = {
    __proto__: null, ' ': ['Space', 32], '-': ['Minus', 189], '=': ['Equal', 187], '[': ['BracketLeft', 219], ']': ['BracketRight', 221],
    '\\': ['Backslash', 220], ';': ['Semicolon', 186], "'": ['Quote', 222], ',': ['Comma', 188], '.': ['Period', 190], '/': ['Slash', 191],
    '`': ['Backquote', 192], '\n': ['Enter', 13], '\t': ['Tab', 9],
  };
  const shifted = { __proto__: null, '!': '1', '@': '2', '#': '3', '$': '4', '%': '5', '^': '6', '&': '7', '*': '8', '(': '9', ')': '0', '_': '-', '+': '=',
    '{': '[', '}': ']', '|': '\\', ':': ';', '"': "'", '<': ',', '>': '.', '?': '/', '~': '`' };
  function keyFacts(character) {
    const code = character.charCodeAt(0);
    const facts = { __proto__: null, key: character === '\n' ? 'Enter' : character === '\t' ? 'Tab' : character, code: '', keyCode: 0, charCode: code, shift: false };
    if (character === '\n') facts.charCode = 13;
    const unshifted = shifted[character] !== undefined ? shifted[character] : character;
    facts.shift = unshifted !== character || (code >= 65 && code <= 90);
    const base = unshifted.charCodeAt(0);
    if ((base >= 97 && base <= 122) || (base >= 65 && base <= 90)) {
      facts.code = 'Key' + unshifted.toUpperCase();
      facts.keyCode = unshifted.toUpperCase().charCodeAt(0);
    } else if (base >= 48 && base <= 57) {
      facts.code = 'Digit' + unshifted;
      facts.keyCode = base;
    } else if (punctuation[unshifted] !== undefined) {
      facts.code = punctuation[unshifted][0];
      facts.keyCode = punctuation[unshifted][1];
    }
    return facts;
  }
  // Enter pressed in `node` (a form's field, or the form itself), as a person does it: a trusted
  // `keydown` and `keypress` of Enter at a field (either canceled: nothing more), then HTML's
  // implicit submission: a click on the form's default button (its first submit button; a disabled
  // one does nothing), or, with no submit button, the form submitted with no submitter when at most
  // one of its fields blocks implicit submission; then `keyup`. Returns an error in words, or null.
  const BLOCKING_TYPES = ['text', 'search', 'url', 'tel', 'email', 'password', 'date', 'month', 'week', 'time', 'datetime-local', 'number'];
  const INPUT_TYPES = { __proto__: null };
  {
    const known = 'hidden text search tel url email password date month week time datetime-local number range color checkbox radio file submit image reset button'.split(' ');
    for (let i = 0; i < known.length; i++) INPUT_TYPES[known[i]] = true;
  }
  const inputType = (node) => {
    const type = String(node.getAttribute('type') || '').toLowerCase();
    return type === '' || !INPUT_TYPES[type] ? 'text' : type;
  };
  function pressEnter(cx, node) {
    const isForm = node.localName === 'form' && node.namespaceURI === HTML;
    const form = isForm ? node : formOwner(node);
    if (form === null) return 'is in no form';
    const key = (type, charCode) => cx.loader.fireUIEvent(wrap(cx, node), 'KeyboardEvent', type, {
      __proto__: null, bubbles: true, cancelable: true, composed: true, view: cx.global, key: 'Enter', code: 'Enter', keyCode: 13, charCode,
    }, true);
    cx.loader.load('ui_events');
    personInput(cx);
    host.call(cx, 'page.activate', []);
    if (isForm || (key('keydown', 0) && key('keypress', 13))) commitAndSubmit(cx, isForm ? null : node, form);
    if (!isForm) key('keyup', 0);
    return null;
  }
  // Enter in the field `node` (null: the form itself) of `form`: what a person typed there is
  // committed (`change`), then HTML's implicit submission: a click on the form's default button
  // (its first submit button; a disabled one does nothing), or, with no submit button, the form
  // submitted with no submitter when at most one of its fields blocks implicit submission.
  function commitAndSubmit(cx, node, form) {
    if (node !== null && editedControls.has(node)) {
      editedControls.delete(node);
      cx.loader.fireEvent(wrap(cx, node), 'change', { __proto__: null, bubbles: true, cancelable: false, composed: false });
    }
    const all = rootOf(form).getElementsByTagName('*');
    let button = null;
    let blocking = 0;
    for (let i = 0; i < all.length; i++) {
      const element = all[i];
      if (button === null && isSubmitButton(element) && formOwner(element) === form) button = element;
      if (element.localName === 'input' && element.namespaceURI === HTML && BLOCKING_TYPES.indexOf(inputType(element)) >= 0 && formOwner(element) === form) blocking++;
    }
    if (button !== null) {
      if (!library.matches(button, ':disabled')) {
        cx.loader.fireUIEvent(wrap(cx, button), 'PointerEvent', 'click', {
          __proto__: null, bubbles: true, cancelable: true, composed: true, view: cx.global, detail: 0, pointerType: '', pointerId: 0, isPrimary: false,
        }, true);
      }
    } else if (blocking <= 1) {
      submitForm(cx, form, null, true);
    }
  }
  // A person's right click on `node` (a context menu's opening): the mouse moves onto it, its right
  // button goes down (`pointerdown`, `mousedown`), `contextmenu` fires (a PointerEvent; on Linux
  // both browsers open the menu as the button goes down), then the button comes up (`pointerup`,
  // `mouseup`, `auxclick`), a canceled `contextmenu` or not (recorded: person-right-click). Returns
  // what the browser's menu is about: null when a listener canceled `contextmenu` (no menu shows),
  // else the facts its extension items are matched with (js/59_menus.js, ExtensionHost+ContextMenu.swift).
  // The element each document's last context menu opened on, with Firefox's number for it
  // (`targetElementId`: the `contextmenu` event's time stamp, floored), for `menus.getTargetElement`.
  const menuTargets = new SafeWeakMap();
  function rightClick(cx, document, node) {
    // (With no world yet, no listener hears the event: the browser's clock numbers the element.)
    let targetElementId = cx === null ? MathFloor(host.native.clock.monotonicNow()) : null;
    if (cx === null) menuTargets.set(document, { __proto__: null, node, id: targetElementId });
    if (cx !== null) {
      cx.loader.load('ui_events');
      personInput(cx);
      moveMouse(cx, node);
      const init = (type, pointer) => {
        const pressed = type === 'pointerdown' || type === 'mousedown' || type === 'contextmenu';
        // (`detail`: 1 for the mouse events and auxclick; contextmenu's is Chromium's 0, Firefox's 1.)
        const detail = type === 'mousedown' || type === 'mouseup' || type === 'auxclick' || (FIREFOX && type === 'contextmenu') ? 1 : 0;
        const value = {
          __proto__: null, bubbles: true, cancelable: true, composed: true, view: cx.global, detail, button: 2, buttons: pressed ? 2 : 0,
          relatedTarget: null,
        };
        if (pointer) { value.pointerType = 'mouse'; value.pointerId = 1; value.isPrimary = true; }
        return value;
      };
      const fire = (type) => {
        const pointer = type[0] === 'p' || type === 'contextmenu' || type === 'auxclick';
        return cx.loader.fireUIEvent(wrap(cx, node), pointer ? 'PointerEvent' : 'MouseEvent', type, init(type, pointer), true);
      };
      const down = fire('pointerdown');
      if (down) fire('mousedown');
      targetElementId = MathFloor(cx.loader.native.clock.monotonicNow());
      menuTargets.set(document, { __proto__: null, node, id: targetElementId });
      const shown = fire('contextmenu');
      fire('pointerup');
      if (down) fire('mouseup');
      fire('auxclick');
      // (A listener that takes the element out of the page leaves the menu to open.)
      if (!shown) return null;
    }
    const resolve = (value) => (value === null ? null : host.native.engine.resolveURL(String(value), String(document._address)));
    const facts = {
      __proto__: null, linkUrl: null, linkText: null, srcUrl: null, mediaType: null, editable: false, password: false, selectionText: '', targetElementId,
    };
    for (let current = node; current !== null && current.nodeType === 1; current = current.parentNode) {
      if (isHyperlink(current)) {
        facts.linkUrl = resolve(current.getAttribute('href'));
        facts.linkText = String(innerText(current)).replace(/\s+/g, ' ').trim();
        break;
      }
    }
    if (node.namespaceURI === HTML && (node.localName === 'img' || node.localName === 'video' || node.localName === 'audio')) {
      facts.mediaType = node.localName === 'img' ? 'image' : node.localName;
      facts.srcUrl = resolve(node.getAttribute('src'));
    }
    if (isTextControl(node)) {
      facts.editable = !library.matches(node, ':disabled') && !node.hasAttribute('readonly');
      facts.password = node.localName === 'input' && inputType(node) === 'password';
    } else if (editingHost(node) !== null) {
      facts.editable = true;
    }
    const range = currentRange(documentSelectionOf(document));
    if (range !== null && !ranges.isCollapsed(range)) facts.selectionText = selectedText(range);
    return facts;
  }
  // Firefox's `menus.getTargetElement(id)`: the element the context menu of the world's document
  // last opened on, when `id` names it and it is still in that document; else null.
  host.menuTargetElement = function (cx, id) {
    const document = documentOf(cx);
    const target = document === undefined ? undefined : menuTargets.get(document);
    if (target === undefined || target.id !== id || rootOf(target.node) !== document) return null;
    return wrap(cx, target.node);
  };
  const serialize = (document) => (document.doctype ? '<!DOCTYPE ' + document.doctype.name + '>' : '') + (document.documentElement ? document.documentElement.outerHTML : '');
  // Does `action` (click, type, submit, text, value, html) to the element of the document `id` that
  // `selector` finds, with the events going to the world of `cx` (null: no world has the document
  // yet, and no listener can hear). Returns JSON: { value } or { error } (words for the person
  // who wrote the driver script).
  host.actOnDocument = function (cx, id, action, selector, value) {
    const document = cx !== null ? documentOf(cx) : documentById(id);
    if (document === undefined) return JSONStringify({ error: 'the document is gone' });
    if (action === 'html') return JSONStringify({ value: serialize(document) });
    let node;
    try {
      node = library.querySelector(document, selector);
    } catch (error) {
      if (library.isInvalidSelector(error)) return JSONStringify({ error: JSONStringify(selector) + ' is not a valid selector' });
      throw error;
    }
    if (node === null) return JSONStringify({ error: 'no element matches ' + JSONStringify(selector) });
    switch (action) {
      case 'text': return JSONStringify({ value: innerText(node) });
      case 'value': {
        const isControl = node.localName === 'input' || node.localName === 'textarea' || node.localName === 'select';
        if (!isControl) return JSONStringify({ error: JSONStringify(selector) + ' is a <' + node.localName + '>, which has no value' });
        return JSONStringify({ value: node.localName === 'select' ? implementations['HTMLSelectElement.value'](node) : controlValue(node) });
      }
      case 'click':
        if (cx !== null) {
          if (!library.matches(node, ':disabled')) personClick(cx, node);
        }
        else if (node.localName === 'input' && /^(checkbox|radio)$/i.test(node.getAttribute('type') || '')) setCheckedness(node, !checkedness(node) || /^radio$/i.test(node.getAttribute('type')));
        return JSONStringify({ value: null });
      case 'type': {
        // (Into a text field or an editable element; keys, as a Tab, also to anything that takes the focus.)
        const textControl = isTextControl(node);
        if (!textControl && editingHost(node) === null && !isFocusable(node)) {
          return JSONStringify({ error: JSONStringify(selector) + ' is a <' + node.localName + '> one cannot type into' });
        }
        if (textControl && (library.matches(node, ':disabled') || node.hasAttribute('readonly'))) {
          return JSONStringify({ error: JSONStringify(selector) + ' is disabled or read-only' });
        }
        type(cx, node, String(value));
        return JSONStringify({ value: null });
      }
      case 'select': {
        selectByPerson(cx, document, node);
        const range = currentRange(documentSelectionOf(document));
        return JSONStringify({ value: range === null ? '' : selectedText(range) });
      }
      case 'contextMenu': return JSONStringify({ value: rightClick(cx, document, node) });
      case 'submit': {
        if (cx === null) return JSONStringify({ error: 'the page of ' + JSONStringify(selector) + ' has no script that could hear it yet, and exthost submits a form only from a page with one' });
        const error = pressEnter(cx, node);
        return JSONStringify(error === null ? { value: null } : { error: JSONStringify(selector) + ' ' + error });
      }
      default: return JSONStringify({ error: 'exthost knows no action ' + action });
    }
  };

  // ---- Entry points --------------------------------------------------------------------------------------------
  // Fills the world's `document` global (on its first touch).
  host.installDOM = function (cx) {
    worldOf(cx);
    const getter = host.newFunction(cx, 'get document', 0, () => wrap(cx, documentOf(cx)), undefined);
    cx.loader.defineGlobal('document', { __proto__: null, get: getter, configurable: true, enumerable: true });
    // (A window's `getSelection()`: its document's selection.)
    if (!cx.info.isServiceWorker) {
      host.defineValue(ObjectGetPrototypeOf(cx.global), 'getSelection', host.newFunction(cx, 'getSelection', 0, windowSelection, cx), true, true, true);
    }
  };
  // Makes the interface object `name` of the world (the first touch of its global).
  host.makeDOMInterface = function (cx, name) {
    interfaceObject(cx, name);
  };
  // The node `value` (a wrapper of any world) stands for, or undefined.
  host.nodeOf = (value) => (value !== null && typeof value === 'object' ? nodes.get(value) : undefined);
  // The wrapper, in the world of `cx`, of the node behind `value` (a wrapper of any world), or
  // `value` itself when it stands for no node: what a world sees of an event's targets.
  host.toWorld = function (cx, value) {
    if (value === WINDOW) return cx.global;
    const node = host.nodeOf(value);
    return node === undefined ? value : wrap(cx, node);
  };
  // The parent of a wrapper in the event path of the world's events (js/31_events.js): a node's
  // parent, and a document's window (the world's global) unless the event is `load`.
  // A shadow root's parent is its host, unless the event is not composed and was dispatched in
  // that root's own tree (`first`: the event's target).
  host.domEventParent = function (cx, target, type, composed, first) {
    const node = host.nodeOf(target);
    if (node === undefined) return null;
    if (node.nodeType === 9) return type === 'load' || documentOf(cx) !== node ? null : cx.global;
    const shadow = node.nodeType === 11 ? shadowRoots.get(node) : undefined;
    if (shadow !== undefined) {
      const firstNode = host.nodeOf(first);
      if (!composed && firstNode !== undefined && rootOf(firstNode) === node) return null;
      return wrap(cx, shadow.host);
    }
    return node.parentNode ? wrap(cx, node.parentNode) : null;
  };
})
