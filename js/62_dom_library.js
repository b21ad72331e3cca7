// exthost:realm host
// The libraries a page's DOM is made of, loaded into the host's own realm once per process, on
// the first touch of a `document` (issue 10): Debian's parse5 7 (the HTML parser: 99.3 % of
// html5lib's tree-construction tests, and the only one with the hooks page scripts need), domino
// 2.1 (the nodes, their attributes and serialization) and css-select 5 (selectors: it agrees with
// Chromium 156 where domino's own engine does not), measured in docs/architecture.md. They are
// CommonJS files read through `engine.resolveLibrary` and `engine.libraryFunction`
// (Sources/Exthost/DOM/LibraryModule.swift); no extension script can name anything here, and the
// worlds see only the wrappers js/63_dom.js makes.
//
// What this file adds to them: a parse5 tree adapter that builds domino's nodes (so documents,
// `innerHTML`, `outerHTML` and `insertAdjacentHTML` are parsed by parse5), and the selector
// engine: css-select over domino's nodes, with the pseudo-classes css-select 5.1 lacks or answers
// otherwise than the browsers (`:disabled`/`:enabled` of form controls in a disabled fieldset,
// `:checked` of a control a script checked,
// `:nth-child(An+B of S)`, `:defined`, `:placeholder-shown`, `:lang()`, `:dir()`) and the
// browsers' refusal of a selector list with an empty part or one ending in a combinator.
(function (host) {
  'use strict';
  const {
    Error, String, ArrayIsArray, SafeMap, SafeWeakMap, ObjectCreate, ObjectDefineProperty, ObjectGetOwnPropertyDescriptor, ObjectGetPrototypeOf,
    ObjectSetPrototypeOf, ReflectApply,
  } = host.primordials;
  const engine = host.native.engine;

  // ---- require ------------------------------------------------------------------------------------
  const loaded = { __proto__: null };
  function requireFrom(from) {
    return (specifier) => load(engine.resolveLibrary(specifier, from), specifier, from);
  }
  function load(path, specifier, from) {
    if (path === null) {
      throw new Error('exthost needs the library file ' + specifier + (from ? ' (required by ' + from + ')' : '')
        + ', which it did not find: install Debian\'s node-parse5, node-domino, node-css-select and node-xmldom packages'
        + ' (scripts/install-deps does), or set EXTHOST_NODE_MODULES to a folder that holds them.');
    }
    const found = loaded[path];
    if (found !== undefined) return found.exports;
    const module = { exports: {} };
    loaded[path] = module;
    engine.libraryFunction(path).call(module.exports, module, module.exports, requireFrom(path), host.global);
    return module.exports;
  }
  const require = requireFrom(null);
  // domino makes a whole Window (with a document of its own, and timers this realm has not) for
  // each iframe element it creates; a frame's window is the frame's own here (its contexts), so
  // that module is a constructor of nothing.
  loaded[engine.resolveLibrary('domino/lib/Window', null)] = { exports: function Window() {} };

  const parse5 = require('parse5');
  const Document = require('domino/lib/Document');
  const DocumentType = require('domino/lib/DocumentType');
  const DOMImplementation = require('domino/lib/DOMImplementation');
  const htmlElements = require('domino/lib/htmlelts');
  const attributeHooks = require('domino/lib/attributes');
  const cssSelect = require('css-select');
  const cssWhat = require('css-what');
  const nthCheck = require('nth-check').default;
  const HTML = 'http://www.w3.org/1999/xhtml';

  // ---- Parsing: parse5 building domino's nodes ----------------------------------------------------
  // A parse5 tree adapter whose nodes are domino's; `owner`: the document new nodes belong to
  // (null: the one parse5 makes, for a whole document at `address`).
  function treeAdapter(owner, address) {
    let document = owner;
    return {
      createDocument() {
        const made = new Document(true, address);
        if (!document) document = made;
        return made;
      },
      createDocumentFragment: () => document.createDocumentFragment(),
      createElement(tagName, namespace, attributes) {
        const element = namespace === HTML
          ? htmlElements.createElement(document, tagName, null)
          : document._createElementNS(tagName, namespace, null);
        for (let i = 0; i < attributes.length; i++) {
          const attribute = attributes[i];
          if (attribute.namespace) {
            element._setAttributeNS(attribute.namespace, attribute.prefix ? attribute.prefix + ':' + attribute.name : attribute.name, attribute.value);
          } else {
            element._setAttribute(attribute.name, attribute.value);
          }
        }
        return element;
      },
      createCommentNode: (data) => document.createComment(data),
      appendChild(parent, node) {
        parent._appendChild(node);
        if (parent.nodeType === 9) parent._updateDocTypeElement();
      },
      insertBefore: (parent, node, reference) => parent.insertBefore(node, reference),
      setTemplateContent() {},
      getTemplateContent: (template) => template.content,
      setDocumentType(parent, name, publicId, systemId) {
        const doctype = new DocumentType(parent, name, publicId, systemId);
        for (let child = parent.firstChild; child; child = child.nextSibling) {
          if (child.nodeType === 10) {
            parent.replaceChild(doctype, child);
            return;
          }
        }
        parent._appendChild(doctype);
        parent._updateDocTypeElement();
      },
      setDocumentMode(parent, mode) {
        parent._quirks = mode === 'quirks';
        parent._limitedQuirks = mode === 'limited-quirks';
      },
      getDocumentMode: (parent) => (parent._quirks ? 'quirks' : parent._limitedQuirks ? 'limited-quirks' : 'no-quirks'),
      detachNode(node) {
        if (node.parentNode) node.parentNode.removeChild(node);
      },
      insertText(parent, text) {
        const last = parent.lastChild;
        if (last && last.nodeType === 3) last.appendData(text);
        else parent._appendChild(document.createTextNode(text));
      },
      insertTextBefore(parent, text, reference) {
        const previous = reference.previousSibling;
        if (previous && previous.nodeType === 3) previous.appendData(text);
        else parent.insertBefore(document.createTextNode(text), reference);
      },
      adoptAttributes(element, attributes) {
        for (let i = 0; i < attributes.length; i++) {
          const attribute = attributes[i];
          if (!attribute.namespace && !element.hasAttribute(attribute.name)) element._setAttribute(attribute.name, attribute.value);
        }
      },
      getFirstChild: (node) => node.firstChild,
      getChildNodes: (node) => node.childNodes,
      getParentNode: (node) => node.parentNode,
      getAttrList(element) {
        const list = [];
        const attributes = element.attributes;
        for (let i = 0; i < attributes.length; i++) {
          const attribute = attributes[i];
          list.push(attribute.namespaceURI
            ? { name: attribute.localName, value: attribute.value, namespace: attribute.namespaceURI, prefix: attribute.prefix }
            : { name: attribute.localName, value: attribute.value });
        }
        return list;
      },
      getTagName: (element) => element.localName,
      getNamespaceURI: (element) => element.namespaceURI,
      getTextNodeContent: (node) => node.data,
      getCommentNodeContent: (node) => node.data,
      getDocumentTypeNodeName: (node) => node.name,
      getDocumentTypeNodePublicId: (node) => node.publicId,
      getDocumentTypeNodeSystemId: (node) => node.systemId,
      isTextNode: (node) => node.nodeType === 3,
      isCommentNode: (node) => node.nodeType === 8,
      isDocumentTypeNode: (node) => node.nodeType === 10,
      isElementNode: (node) => node.nodeType === 1,
      // (Where each script element's text starts, for the positions of its errors; nothing else is kept.)
      setNodeSourceCodeLocation(node, location) {
        if (location && node.nodeType === 1 && node.localName === 'script' && location.startTag) scriptLocations.set(node, location.startTag);
      },
      getNodeSourceCodeLocation() {},
      updateNodeSourceCodeLocation() {},
    };
  }

  // The end of each script element's start tag ({ endLine, endCol }), when an incremental parse kept it.
  const scriptLocations = new SafeWeakMap();

  // A parse of the document `html` makes at `url` that stops after each `</script>` (HTML's
  // parser pauses there to run the script): `onScript(element)` is told of each, and `resume()`
  // goes on; `finished()` says whether the whole text was parsed.
  function incrementalParse(html, url, onScript, onRoot, onElement) {
    const adapter = treeAdapter(null, url);
    if (onElement !== null) {
      // (Told of each element the parser makes, with its attributes.)
      const createElement = adapter.createElement;
      adapter.createElement = (tagName, namespace, attributes) => {
        const element = createElement(tagName, namespace, attributes);
        onElement(element);
        return element;
      };
    }
    if (onRoot !== null) {
      // (Stops once when the document's element is inserted: `onRoot` is told.)
      const appendChild = adapter.appendChild;
      adapter.appendChild = (parent, node) => {
        appendChild(parent, node);
        if (parent.nodeType === 9 && node.nodeType === 1) {
          adapter.appendChild = appendChild;
          parser.tokenizer.pause();
          onRoot();
        }
      };
    }
    const parser = new parse5.Parser({ treeAdapter: adapter, scriptingEnabled: true, sourceCodeLocationInfo: true });
    parser.scriptHandler = (element) => {
      parser.tokenizer.pause();
      onScript(element);
    };
    let started = false;
    return {
      __proto__: null,
      get document() {
        return parser.document;
      },
      // Parses until the next script or the end.
      resume() {
        if (!started) {
          started = true;
          parser.tokenizer.write(html, true);
        } else {
          parser.tokenizer.resume();
        }
        if (parser.document) parser.document.modclock = 1;
      },
      finished: () => parser.stopped,
      // The position (1-based line and column) where a script element's text starts.
      scriptTextStart(element) {
        const location = scriptLocations.get(element);
        return location === undefined ? null : { __proto__: null, line: location.endLine, column: location.endCol };
      },
    };
  }

  // The document `html` makes at `url`, parsed as a browser with scripting on parses it.
  function parseDocument(html, url) {
    const parser = new parse5.Parser({ treeAdapter: treeAdapter(null, url), scriptingEnabled: true });
    parser.tokenizer.write(html, true);
    // (From now on domino counts changes, which keeps its live collections up to date.)
    parser.document.modclock = 1;
    return parser.document;
  }

  // The fragment `html` makes in the context of the element `context` (innerHTML and the like).
  function parseFragment(context, html) {
    const document = context.ownerDocument;
    const parser = parse5.Parser.getFragmentParser(context, { treeAdapter: treeAdapter(document, undefined), scriptingEnabled: true });
    parser.tokenizer.write(html, true);
    return parser.getFragment();
  }

  // domino asks its implementation's `mozHTMLParser(address, context)` for innerHTML, outerHTML,
  // insertAdjacentHTML and createHTMLDocument: parse5 answers.
  DOMImplementation.prototype.mozHTMLParser = function (address, context) {
    let result = null;
    return {
      parse(text) {
        result = context ? parseFragment(context, text) : parseDocument(text, address);
      },
      document: () => result,
      _asDocumentFragment: () => result,
    };
  };

  // ---- Serializing --------------------------------------------------------------------------------
  // HTML's fragment serialization, as domino's NodeUtils.serializeOne writes it but for attribute
  // values, where the browsers now escape `<` and `>` too (fixtures/conformance/dom-basics, line
  // 17): domino calls it through its module's exports, so this one serves innerHTML, outerHTML and
  // the rest.
  const NodeUtils = require('domino/lib/NodeUtils');
  const XML = 'http://www.w3.org/XML/1998/namespace';
  const XLINK = 'http://www.w3.org/1999/xlink';
  const XMLNS = 'http://www.w3.org/2000/xmlns/';
  const SVG = 'http://www.w3.org/2000/svg';
  const MATHML = 'http://www.w3.org/1998/Math/MathML';
  const rawTextParents = { __proto__: null, STYLE: true, SCRIPT: true, XMP: true, IFRAME: true, NOEMBED: true, NOFRAMES: true, PLAINTEXT: true };
  const voidElements = {
    __proto__: null, area: true, base: true, basefont: true, bgsound: true, br: true, col: true, embed: true, frame: true, hr: true, img: true,
    input: true, keygen: true, link: true, meta: true, param: true, source: true, track: true, wbr: true,
  };
  const escapeText = (text) => text.replace(/[&<>\u00A0]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&nbsp;'));
  const escapeAttribute = (text) => text.replace(/[&"<>\u00A0]/g, (c) => (c === '&' ? '&amp;' : c === '"' ? '&quot;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&nbsp;'));
  function attributeName(attribute) {
    const namespace = attribute.namespaceURI;
    if (!namespace) return attribute.localName;
    if (namespace === XML) return 'xml:' + attribute.localName;
    if (namespace === XLINK) return 'xlink:' + attribute.localName;
    if (namespace === XMLNS) return attribute.localName === 'xmlns' ? 'xmlns' : 'xmlns:' + attribute.localName;
    return attribute.name;
  }
  NodeUtils.serializeOne = function serializeOne(node, parent) {
    switch (node.nodeType) {
      case 1: {
        const namespace = node.namespaceURI;
        const html = namespace === HTML;
        const tagName = html || namespace === SVG || namespace === MATHML ? node.localName : node.tagName;
        let text = '<' + tagName;
        for (let i = 0, count = node._numattrs; i < count; i++) {
          const attribute = node._attr(i);
          text += ' ' + attributeName(attribute);
          if (attribute.value !== undefined) text += '="' + escapeAttribute(attribute.value) + '"';
        }
        text += '>';
        if (html && voidElements[tagName]) return text;
        return text + node.serialize() + '</' + tagName + '>';
      }
      case 3:
      case 4: {
        const parentTag = parent.nodeType === 1 && parent.namespaceURI === HTML ? parent.tagName : '';
        if (rawTextParents[parentTag] || (parentTag === 'NOSCRIPT' && parent.ownerDocument._scripting_enabled)) return node.data;
        return escapeText(node.data);
      }
      case 8: return '<!--' + node.data + '-->';
      case 7: return '<?' + node.target + ' ' + node.data + '?>';
      case 10: return '<!DOCTYPE ' + node.name + '>';
      default: return '';
    }
  };

  // ---- Inline styles --------------------------------------------------------------------------------
  // domino's style declarations parse the `style` attribute with its CSS parser, which throws on
  // text real pages have (`*zoom: 1`, an unterminated string or comment); a browser drops what it
  // cannot parse. So a style attribute that does not parse has no declarations; a value that does
  // not parse is not set; and a custom property (`--name`), which any value may hold and domino's
  // parser refuses, is kept as given.
  const CSSStyleDeclaration = require('domino/lib/CSSStyleDeclaration');
  // (domino's prototype members are not configurable: each declaration gets this prototype, which
  // inherits from domino's and puts its own `_parsed` and `setProperty` before them.)
  const lenientStyle = ObjectCreate(CSSStyleDeclaration.prototype);
  {
    const parsed = ObjectGetOwnPropertyDescriptor(CSSStyleDeclaration.prototype, '_parsed').get;
    ObjectDefineProperty(lenientStyle, '_parsed', {
      get() {
        try {
          return parsed.call(this);
        } catch (error) {
          this._parsedStyles = { property: ObjectCreate(null), priority: ObjectCreate(null) };
          this._lastParsedText = this.cssText;
          delete this._names;
          return this._parsedStyles;
        }
      },
    });
    const setProperty = CSSStyleDeclaration.prototype.setProperty;
    ObjectDefineProperty(lenientStyle, 'setProperty', {
      value(property, value, priority) {
        const name = String(property);
        if (name.startsWith('--')) {
          const styles = this._parsed;
          const text = String(value).trim();
          if (text === '') {
            delete styles.property[name];
            delete styles.priority[name];
          } else {
            styles.property[name] = text;
            if (priority === 'important') styles.priority[name] = 'important';
            else delete styles.priority[name];
          }
          delete this._names;
          this._serialize();
          return;
        }
        try {
          setProperty.call(this, property, value, priority);
        } catch (error) {
          // (A value the parser cannot read is not set, as a browser ignores an invalid one.)
        }
      },
    });
  }
  // The element's style declaration, lenient as above.
  function styleOf(element) {
    const declaration = element.style;
    if (ObjectGetPrototypeOf(declaration) !== lenientStyle) ObjectSetPrototypeOf(declaration, lenientStyle);
    return declaration;
  }

  // ---- Selectors: css-select over domino's nodes --------------------------------------------------
  const childrenOf = (node) => {
    const list = [];
    for (let child = node.firstChild; child; child = child.nextSibling) list.push(child);
    return list;
  };
  const adapter = {
    isTag: (node) => node.nodeType === 1,
    getAttributeValue(element, name) {
      const value = element.getAttribute(name);
      return value === null ? undefined : value;
    },
    hasAttrib: (element, name) => element.hasAttribute(name),
    getChildren: childrenOf,
    // (Type selectors match HTML elements case-insensitively, by their lowercase local name.)
    getName: (element) => (element.namespaceURI === HTML ? element.localName.toLowerCase() : element.localName),
    getParent: (node) => node.parentNode,
    getSiblings: (node) => (node.parentNode ? childrenOf(node.parentNode) : [node]),
    prevElementSibling: (node) => node.previousElementSibling,
    getText: (node) => node.textContent,
    equals: (a, b) => a === b,
    removeSubsets(nodes) {
      const kept = [];
      for (let i = 0; i < nodes.length; i++) {
        const node = nodes[i];
        let keep = kept.indexOf(node) < 0;
        for (let j = 0; j < nodes.length && keep; j++) if (i !== j && nodes[j] !== node && nodes[j].contains(node)) keep = false;
        if (keep) kept.push(node);
      }
      return kept;
    },
    existsOne(test, nodes) {
      for (let i = 0; i < nodes.length; i++) {
        const node = nodes[i];
        if (node.nodeType === 1 && (test(node) || adapter.existsOne(test, childrenOf(node)))) return true;
      }
      return false;
    },
    findAll(test, nodes) {
      const found = [];
      const stack = nodes.slice().reverse();
      while (stack.length) {
        const node = stack.pop();
        if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) continue;
        if (node.nodeType === 1 && test(node)) found.push(node);
        for (let child = node.lastChild; child; child = child.previousSibling) stack.push(child);
      }
      return found;
    },
    findOne(test, nodes) {
      const found = adapter.findAll(test, nodes);
      return found.length ? found[0] : null;
    },
  };

  const FORM_CONTROLS = { __proto__: null, button: true, input: true, select: true, textarea: true, optgroup: true, option: true, fieldset: true };
  function closestAttribute(element, name) {
    for (; element && element.nodeType === 1; element = element.parentNode) if (element.hasAttribute(name)) return element.getAttribute(name);
    return null;
  }
  // HTML's "actually disabled" for form controls.
  function isDisabled(element) {
    const name = element.localName;
    if (element.namespaceURI !== HTML || !FORM_CONTROLS[name]) return false;
    if (element.hasAttribute('disabled')) return true;
    if (name === 'option') {
      const parent = element.parentNode;
      return !!(parent && parent.localName === 'optgroup' && parent.hasAttribute('disabled'));
    }
    for (let ancestor = element.parentNode, child = element; ancestor && ancestor.nodeType === 1; child = ancestor, ancestor = ancestor.parentNode) {
      if (ancestor.localName !== 'fieldset' || !ancestor.hasAttribute('disabled')) continue;
      let legend = null;
      for (let c = ancestor.firstElementChild; c; c = c.nextElementSibling) {
        if (c.localName === 'legend') {
          legend = c;
          break;
        }
      }
      if (!(legend && legend.contains(child))) return true;
    }
    return false;
  }
  // (`An+B of S`: S compiled once per text, with the pseudo-classes above.)
  const nthOfParts = new SafeMap();
  function nthOf(fromEnd) {
    return (element, data) => {
      let compiled = nthOfParts.get(data);
      if (compiled === undefined) {
        const parts = /^(.*?)\s+of\s+(.*)$/.exec(data);
        compiled = { test: nthCheck(parts[1]), selector: cssSelect.compile(parseSelector(parts[2]), { adapter, pseudos, cacheResults: false }) };
        if (nthOfParts.size > 200) nthOfParts.clear();
        nthOfParts.set(data, compiled);
      }
      const test = compiled.test;
      const selector = compiled.selector;
      if (!selector(element)) return false;
      let index = 0;
      for (let sibling = element; sibling; sibling = fromEnd ? sibling.nextElementSibling : sibling.previousElementSibling) if (selector(sibling)) index++;
      return test(index - 1);
    };
  }
  // A control's state as the DOM keeps it (js/63_dom.js gives it: a script's `checked = true`
  // sets no attribute), for `:checked` and `:placeholder-shown`.
  let controls = {
    checked: (element) => element.hasAttribute('checked'),
    selected: (element) => element.hasAttribute('selected'),
    value: (element) => element.getAttribute('value') || '',
  };
  const isCheckable = (element) => {
    if (element.localName !== 'input' || element.namespaceURI !== HTML) return false;
    const type = String(element.getAttribute('type') || '').toLowerCase();
    return type === 'checkbox' || type === 'radio';
  };
  // (css-select tries its own pseudo-classes before these: those it answers otherwise are renamed
  // in the parsed selector.)
  const pseudos = {
    'x-disabled': isDisabled,
    'x-enabled': (element) => element.namespaceURI === HTML && !!FORM_CONTROLS[element.localName] && !isDisabled(element),
    'x-nth-child-of': nthOf(false),
    'x-nth-last-child-of': nthOf(true),
    defined: (element) => element.localName.indexOf('-') < 0,
    'x-checked': (element) => (isCheckable(element) ? controls.checked(element) : element.localName === 'option' && element.namespaceURI === HTML && controls.selected(element)),
    'placeholder-shown': (element) => (element.localName === 'input' || element.localName === 'textarea') && element.hasAttribute('placeholder') && controls.value(element) === '',
    lang(element, value) {
      let lang = closestAttribute(element, 'lang');
      if (lang === null) return false;
      lang = lang.toLowerCase();
      value = String(value).toLowerCase();
      return lang === value || lang.indexOf(value + '-') === 0;
    },
    dir: (element, value) => (closestAttribute(element, 'dir') === 'rtl' ? 'rtl' : 'ltr') === String(value).toLowerCase(),
    'read-write': isReadWrite,
    'read-only': (element) => !isReadWrite(element),
    default: isDefault,
    indeterminate: (element) => {
      if (element.namespaceURI !== HTML) return false;
      if (element.localName === 'progress') return !element.hasAttribute('value');
      if (element.localName !== 'input' || String(element.getAttribute('type') || '').toLowerCase() !== 'radio') return false;
      return radioGroup(element).every((radio) => !controls.checked(radio));
    },
    invalid: (element) => isValidatable(element) && isMissingValue(element),
    valid: (element) => isValidatable(element) && !isMissingValue(element),
    // (Nothing has focus, is hovered or is active: no person is at the page.)
    focus: () => false,
    'focus-visible': () => false,
    'focus-within': () => false,
    hover: () => false,
    active: () => false,
    target: () => false,
  };
  const TEXT_INPUTS = { __proto__: null, '': true, text: true, search: true, url: true, tel: true, email: true, password: true, date: true, month: true, week: true, time: true, 'datetime-local': true, number: true };
  const inputType = (element) => {
    const type = String(element.getAttribute('type') || '').toLowerCase();
    return type;
  };
  // HTML's :read-write: a text control that is neither read-only nor disabled, or an editable element.
  function isReadWrite(element) {
    if (element.namespaceURI !== HTML) return false;
    if (element.localName === 'textarea' || (element.localName === 'input' && TEXT_INPUTS[inputType(element)] === true)) {
      return !element.hasAttribute('readonly') && !isDisabled(element);
    }
    for (let node = element; node && node.nodeType === 1; node = node.parentNode) {
      const value = node.getAttribute('contenteditable');
      if (value === null) continue;
      return value === '' || value.toLowerCase() === 'true' || value.toLowerCase() === 'plaintext-only';
    }
    return false;
  }
  // HTML's :default: a checkbox or radio button checked by its attribute, an option selected by
  // its attribute, a form's default button (its first submit button).
  function isDefault(element) {
    if (element.namespaceURI !== HTML) return false;
    if (element.localName === 'option') return element.hasAttribute('selected');
    if (isCheckable(element)) return element.hasAttribute('checked');
    const isSubmit = (node) => (node.localName === 'button' && ['', 'submit'].indexOf(inputType(node)) >= 0 && (node.getAttribute('type') === null || inputType(node) === 'submit'))
      || (node.localName === 'input' && (inputType(node) === 'submit' || inputType(node) === 'image'));
    if (!isSubmit(element)) return false;
    let form = element.parentNode;
    while (form && form.nodeType === 1 && form.localName !== 'form') form = form.parentNode;
    if (!form || form.nodeType !== 1) return false;
    const buttons = adapter.findAll((node) => node.namespaceURI === HTML && isSubmit(node), childrenOf(form));
    return buttons[0] === element;
  }
  // The radio buttons of an element's group (same name, same form or tree).
  function radioGroup(element) {
    const name = element.getAttribute('name');
    if (!name) return [element];
    let root = element;
    while (root.parentNode && root.localName !== 'form') root = root.parentNode;
    return adapter.findAll((node) => node.localName === 'input' && inputType(node) === 'radio' && node.getAttribute('name') === name, childrenOf(root));
  }
  // Constraint validation, as far as a page without a person goes: a required control with no value.
  function isValidatable(element) {
    if (element.namespaceURI !== HTML || isDisabled(element)) return false;
    if (element.localName === 'input') return ['hidden', 'button', 'reset', 'submit', 'image'].indexOf(inputType(element)) < 0 && !element.hasAttribute('readonly');
    return element.localName === 'textarea' || element.localName === 'select';
  }
  function isMissingValue(element) {
    if (!element.hasAttribute('required')) return false;
    if (isCheckable(element)) {
      return inputType(element) === 'radio' ? radioGroup(element).every((radio) => !controls.checked(radio)) : !controls.checked(element);
    }
    if (element.localName === 'select') {
      const options = adapter.findAll((node) => node.localName === 'option', childrenOf(element));
      return !options.some((option) => controls.selected(option) && option.getAttribute('value') !== '');
    }
    return controls.value(element) === '';
  }
  // Pseudo-classes of jQuery's that css-select knows and the browsers refuse.
  const refusedPseudos = {
    __proto__: null, contains: true, icontains: true, header: true, button: true, input: true, text: true, checkbox: true, file: true,
    password: true, reset: true, radio: true, submit: true, image: true, selected: true, parent: true, 'anchor-link': true,
  };
  function rename(selectors) {
    for (let i = 0; i < selectors.length; i++) {
      const tokens = selectors[i];
      for (let j = 0; j < tokens.length; j++) {
        const token = tokens[j];
        // (Chromium knows no `s` flag of attribute selectors; Firefox does.)
        if (token.type === 'attribute' && token.ignoreCase === false && host.flavor === 'chrome') throw invalid;
        if (token.type !== 'pseudo') continue;
        if (refusedPseudos[token.name] === true) throw invalid;
        if (token.name === 'disabled' || token.name === 'enabled' || token.name === 'checked') token.name = 'x-' + token.name;
        else if ((token.name === 'nth-child' || token.name === 'nth-last-child') && typeof token.data === 'string' && /\sof\s/.test(token.data)) {
          // (Both halves are checked now: a bad one is the whole selector's SyntaxError.)
          const parts = /^(.*?)\s+of\s+(.*)$/.exec(token.data);
          try {
            nthCheck(parts[1]);
            parseSelector(parts[2]);
          } catch (error) {
            throw invalid;
          }
          token.name = 'x-' + token.name + '-of';
        }
        if (ArrayIsArray(token.data)) rename(token.data);
      }
    }
  }

  // A selector the browsers refuse: thrown as { invalidSelector: true } for the binding to word.
  const invalid = { invalidSelector: true };
  const parsedSelectors = new SafeMap();
  function parseSelector(selector) {
    let parsed = parsedSelectors.get(selector);
    if (parsed !== undefined) return parsed;
    // (An empty selector, or one of white space only, matches nothing in css-what and is refused by the browsers.)
    if (/^[\t\n\f\r ]*$/.test(selector)) throw invalid;
    try {
      parsed = cssWhat.parse(selector);
    } catch (error) {
      throw invalid;
    }
    for (let i = 0; i < parsed.length; i++) {
      const tokens = parsed[i];
      if (!tokens.length || cssWhat.isTraversal(tokens[tokens.length - 1])) throw invalid;
    }
    rename(parsed);
    if (parsedSelectors.size > 500) parsedSelectors.clear();
    parsedSelectors.set(selector, parsed);
    return parsed;
  }
  // The compiled selectors of style sheets' rules, by selector list: each complex selector's test
  // and specificity.
  const ruleSelectors = new SafeMap();
  // Selectors' specificity of one complex selector (css-what's tokens): ids, then classes,
  // attributes and pseudo-classes, then types and pseudo-elements; `:is()`, `:not()` and `:has()`
  // count as their most specific argument, `:where()` as nothing.
  function specificityOf(tokens) {
    let value = 0;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      if (token.type === 'attribute') value += token.name === 'id' && token.action === 'equals' ? 10000 : 100;
      else if (token.type === 'tag' || token.type === 'pseudo-element') value += 1;
      else if (token.type === 'pseudo') {
        if (token.name === 'where') continue;
        if (ArrayIsArray(token.data) && (token.name === 'is' || token.name === 'not' || token.name === 'has' || token.name === 'matches')) {
          let inner = 0;
          for (let j = 0; j < token.data.length; j++) {
            const each = specificityOf(token.data[j]);
            if (each > inner) inner = each;
          }
          value += inner;
        } else {
          value += 100;
        }
      }
    }
    return value;
  }
  // The compiled test of `selector` with `scope` as `:scope`.
  // (In a document that is not HTML, an XML document, names match as written: xmlMode.)
  function compileSelector(selector, scope) {
    const parsed = parseSelector(selector);
    const document = scope === null || scope === undefined ? null : scope.nodeType === 9 ? scope : scope.ownerDocument;
    const xmlMode = document !== null && document !== undefined && !document.isHTML;
    try {
      return cssSelect.compile(parsed, { adapter, relativeSelector: false, cacheResults: false, pseudos, context: [scope], xmlMode });
    } catch (error) {
      throw invalid;
    }
  }

  // ---- XML ---------------------------------------------------------------------------------------
  // DOMParser's XML types: Debian's @xmldom/xmldom 0.8 reads the text (loaded on the first XML
  // parse), and its tree is built again as domino's nodes, so that the rest of the DOM is one.
  // xmldom is lenient where XML is not: what it reports (warnings too: a mismatched end tag is one)
  // is an error here, and so are text outside the root element and an element or attribute whose
  // prefix no declaration binds, as the browsers' parsers (libxml2, expat) have them. A CDATA
  // section is a node of its own (domino has none): a Text that says it is one, which an element's
  // textContent counts (textContentOf).
  const Text = require('domino/lib/Text');
  function CDATASection(document, data) {
    ReflectApply(Text, this, [document, data]);
    this.nodeType = 4;
  }
  CDATASection.prototype = ObjectCreate(Text.prototype, {
    nodeName: { __proto__: null, value: '#cdata-section' },
    clone: { __proto__: null, value: function clone() { return new CDATASection(this.ownerDocument, this._data); } },
  });
  // An element's or a fragment's text, CDATA sections counted (domino's own textContent counts
  // its Text nodes only): js/63_dom.js's Node.textContent.
  function textContentOf(node) {
    const parts = [];
    const walk = (parent) => {
      for (let child = parent.firstChild; child !== null; child = child.nextSibling) {
        if (child.nodeType === 3 || child.nodeType === 4) parts.push(child._data);
        else if (child.nodeType === 1) walk(child);
      }
    };
    walk(node);
    return parts.join('');
  }
  // An Attr is a Node in the DOM (not in domino): what a Node has, an Attr answers as the browsers
  // do (no parent, siblings or children; its element's document, or the one that made it).
  {
    const Attr = require('domino/lib/Element')._Attr;
    const NodeList = require('domino/lib/NodeList');
    const nothing = { __proto__: null, configurable: true, get: () => null };
    const names = ['parentNode', 'parentElement', 'firstChild', 'lastChild', 'previousSibling', 'nextSibling'];
    for (let i = 0; i < names.length; i++) ObjectDefineProperty(Attr.prototype, names[i], nothing);
    ObjectDefineProperty(Attr.prototype, 'ownerDocument', {
      __proto__: null, configurable: true,
      get() { return this._ownerElement ? this._ownerElement.ownerDocument : this._document || null; },
    });
    ObjectDefineProperty(Attr.prototype, 'childNodes', { __proto__: null, configurable: true, get: () => new NodeList() });
    ObjectDefineProperty(Attr.prototype, 'isConnected', { __proto__: null, configurable: true, get() { return !!(this._ownerElement && this._ownerElement.isConnected); } });
    ObjectDefineProperty(Attr.prototype, 'hasChildNodes', { __proto__: null, configurable: true, value: () => false });
  }
  // A new Attr of `document`, of no element (createAttribute, createAttributeNS).
  function newAttr(document, localName, prefix, namespace) {
    const attr = new (require('domino/lib/Element')._Attr)(null, localName, prefix, namespace, '');
    attr._document = document;
    return attr;
  }
  // The document the XML `text` makes as `type` at `url`, and the first error, or null:
  // { document, error: { message, line, column } | null }. A document with an error holds what was
  // read before it (the page shows the error where the flavor puts it: js/63_dom.js).
  function parseXML(text, type, url) {
    const XMLParser = require('@xmldom/xmldom').DOMParser;
    let error = null;
    const locator = {};
    const report = (message) => {
      if (error !== null) return;
      const words = String(message).replace(/^\[xmldom [a-zA-Z]+\]\t/, '').replace(/\n@#\[line:.*$/s, '');
      error = { __proto__: null, message: words, line: locator.lineNumber || 1, column: locator.columnNumber || 1 };
    };
    let parsed = null;
    try {
      parsed = new XMLParser({ locator, errorHandler: { warning: report, error: report, fatalError: report } }).parseFromString(text, 'text/xml');
    } catch (thrown) {
      report(thrown && thrown.message ? thrown.message : 'not well-formed');
    }
    const document = new Document(false, url);
    document._contentType = type;
    document.isXMLDocument = true;
    const copyChildren = (from, into) => {
      for (let child = from.firstChild; child; child = child.nextSibling) {
        let made = null;
        switch (child.nodeType) {
          case 1: {
            if (child.prefix && !child.namespaceURI) report('Namespace prefix ' + child.prefix + ' on ' + child.localName + ' is not defined');
            made = document.createElementNS(child.namespaceURI || null, child.nodeName);
            const attributes = child.attributes;
            for (let i = 0; i < attributes.length; i++) {
              const attribute = attributes[i];
              const namespace = attribute.nodeName === 'xmlns' || attribute.prefix === 'xmlns' ? XMLNS : attribute.namespaceURI || null;
              if (attribute.prefix && attribute.prefix !== 'xmlns' && namespace === null) report('Namespace prefix ' + attribute.prefix + ' for ' + attribute.localName + ' on ' + child.nodeName + ' is not defined');
              made.setAttributeNS(namespace, attribute.nodeName, attribute.value);
            }
            copyChildren(child, made);
            break;
          }
          case 3:
            // (Outside the root element only white space may stand, and a document keeps none of it.)
            if (into === document) {
              if (/[^ \t\r\n]/.test(child.data)) report('Extra content at the end of the document');
              continue;
            }
            made = document.createTextNode(child.data);
            break;
          case 4: made = new CDATASection(document, child.data); break;
          case 7:
            // (The XML declaration is no node: the document keeps its version and encoding, which
            // XMLSerializer writes again.)
            if (child.target === 'xml') {
              const version = /version\s*=\s*["']([^"']*)["']/.exec(child.data);
              const encoding = /encoding\s*=\s*["']([^"']*)["']/.exec(child.data);
              document.xmlDeclaration = { __proto__: null, version: version === null ? '1.0' : version[1], encoding: encoding === null ? null : encoding[1] };
              continue;
            }
            made = document.createProcessingInstruction(child.target, child.data);
            break;
          case 8: made = document.createComment(child.data); break;
          case 10: made = new DocumentType(document, child.name, child.publicId || '', child.systemId || ''); break;
          default: continue;
        }
        // (domino's appendChild refuses a CDATA section, which it does not know.)
        if (made.nodeType === 4) into._appendChild(made);
        else into.appendChild(made);
      }
    };
    if (parsed) copyChildren(parsed, document);
    if (error === null && document.documentElement === null) report('Document is empty');
    document.modclock = 1;
    return { __proto__: null, document, error };
  }

  host.domLibrary = {
    __proto__: null,
    // Calls `handler(element, localName, oldValue, newValue)` when the attribute `name` (no
    // namespace) of an element of the HTML interface `interfaceName` changes its value or is
    // removed (newValue null); domino's change handlers, which it does not call for an attribute
    // added with the value it was made with.
    onAttributeChange(interfaceName, name, handler) {
      attributeHooks.registerChangeHandler(htmlElements.elements[interfaceName], name, handler);
    },
    // `element.setAttributeNode(attr)` (`setAttributeNodeNS` when `withNamespace`), which in
    // domino adds the attribute without telling anyone: no mutation record (MutationObserver, a
    // script element's `src`) and no change handler (the document's element ids). Told here as
    // setAttribute tells it.
    // (An attribute it replaces is removed first, which domino tells: the one change is told once,
    // as the replacing attribute's, whose old value an observer has from before.)
    setAttributeNode(element, attr, withNamespace) {
      const document = element.ownerDocument;
      const handler = document.mutationHandler;
      let replaced;
      document.mutationHandler = null;
      try {
        replaced = withNamespace ? element.setAttributeNodeNS(attr) : element.setAttributeNode(attr);
      } finally {
        document.mutationHandler = handler;
      }
      if (replaced === attr || attr.ownerElement !== element) return replaced;
      // (A replaced attribute's own change handler ran as it was removed.)
      if (attr.onchange) attr.onchange(element, attr.localName, null, attr.value);
      if (element.rooted) document.mutateAttr(attr, replaced === null ? null : replaced.value);
      return replaced;
    },
    // A doctype of `document` (DOMImplementation's createDocumentType, once the name is checked as
    // the DOM Standard checks it now: domino still asks for a qualified name).
    newDocumentType: (document, name, publicId, systemId) => new DocumentType(document, name, publicId, systemId),
    parseDocument,
    parseFragment,
    parseXML,
    textContentOf,
    newAttr,
    incrementalParse,
    styleOf,
    // The elements under `root` (a document, fragment or element) that match `selector`, in tree order.
    querySelectorAll(root, selector) {
      const scope = root.nodeType === 9 ? root.documentElement : root;
      return cssSelect.selectAll(compileSelector(selector, scope), root, { adapter });
    },
    querySelector(root, selector) {
      const scope = root.nodeType === 9 ? root.documentElement : root;
      return cssSelect.selectOne(compileSelector(selector, scope), root, { adapter });
    },
    matches: (element, selector) => compileSelector(selector, element)(element),
    // The highest specificity (a number: ids × 10000 + classes × 100 + types) among the selectors
    // of the list `selector` that `element` matches, or -1 when none does (a style sheet's rule).
    // (A selector a browser would refuse matches nothing: the rule is dropped.)
    matchingSpecificity(element, selector) {
      let compiled = ruleSelectors.get(selector);
      if (compiled === undefined) {
        compiled = [];
        let parsed = [];
        try {
          parsed = parseSelector(selector);
        } catch (error) {
          parsed = [];
        }
        for (let i = 0; i < parsed.length; i++) {
          try {
            compiled.push({ test: cssSelect.compile([parsed[i]], { adapter, relativeSelector: false, cacheResults: false, pseudos }), specificity: specificityOf(parsed[i]) });
          } catch (error) {
            compiled = [];
            break;
          }
        }
        if (ruleSelectors.size > 2000) ruleSelectors.clear();
        ruleSelectors.set(selector, compiled);
      }
      let best = -1;
      for (let i = 0; i < compiled.length; i++) if (compiled[i].specificity > best && compiled[i].test(element)) best = compiled[i].specificity;
      return best;
    },
    closest(element, selector) {
      const test = compileSelector(selector, element);
      for (let node = element; node && node.nodeType === 1; node = node.parentNode) if (test(node)) return node;
      return null;
    },
    isInvalidSelector: (error) => error === invalid,
    // The DOM's view of its controls' state: { checked(input), selected(option), value(control) }.
    setControlState(state) {
      controls = state;
    },
  };
})
