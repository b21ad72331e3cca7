// exthost:realm host
// exthost:needs primordials
// What a module script imports and exports, and the classic script that runs it (issue 9, item 4).
//
// JavaScriptCore's C API evaluates classic scripts only: it has no way to hand it a module's
// dependencies. So each module is parsed here with acorn (Debian's node-acorn, loaded into this
// realm once per process by the native `engine.acorn()`: a real, maintained parser, never regular
// expressions) and rewritten into a classic script that keeps every line and column of the file
// where the file's own code is, so that errors and stacks point into the original:
//
//   (function(ℳ){with(ℳ.s)return function*(){"use strict";ℳ.x([()=>a,()=>ℳd]);yield;<line 1 …>
//   <line 2 …>
//   …
//   }})
//
// * The module's scope is the generator's: its top-level declarations are nobody's globals, its
//   code is strict, `this` is undefined.
// * Its imports are accessors of `ℳ.s`, the object of a `with` around the (sloppy) wrapper, so
//   every use of an imported name reads the exporter's binding as it is now (live bindings, its
//   temporal dead zone), and writing one throws; names it does not import go on to the global.
// * `ℳ.x(...)` hands the linker a getter for each local name the module exports. The first
//   `next()` runs it and stops at `yield`: the scope exists and hoisted functions are made
//   (another module of a cycle can call them) before the body runs, as when a module is linked.
//   The second `next()` runs the body (an async generator when the module awaits at top level).
// * Import and export declarations become spaces (their newlines stay); `export` before a
//   declaration goes; `export default <expression>` declares `ℳd`; an anonymous default function
//   or class is named `ℳd` in place of `export default` (the linker names it `default`).
// * `import.meta` becomes `ℳ.m`, `import(...)` `ℳ.i(...)`, and `arguments` at top level (the
//   generator's own) `ℳargs`, which no scope has; each padded with spaces.
//
// Only line 1 moves: its columns come after the header. The header's length is part of what this
// returns, and the host takes it off the columns of line 1 where it reports a position.
(function (host) {
  'use strict';
  const {
    JSONStringify, SafeSet, ObjectKeys, StringPrototypeSlice, StringPrototypeStartsWith, StringPrototypeIndexOf, StringPrototypeCharCodeAt,
    ArrayPrototypeJoin, ArrayPrototypeSort, listPush,
  } = host.primordials;

  let acorn;
  const parser = () => {
    if (acorn === undefined) acorn = host.native.engine.acorn();
    return acorn;
  };

  const isFunctionNode = (node) => node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression'
    || node.type === 'ArrowFunctionExpression';

  // Calls visit(node, parent, key, insideFunction, insideOrdinaryFunction) for every node under
  // `node` (an ordinary function has its own `arguments`; an arrow function does not).
  function walk(node, parent, parentKey, insideFunction, insideOrdinaryFunction, visit) {
    visit(node, parent, parentKey, insideFunction, insideOrdinaryFunction);
    const inner = insideFunction || isFunctionNode(node) || node.type === 'StaticBlock' || node.type === 'PropertyDefinition';
    const innerOrdinary = insideOrdinaryFunction || node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression'
      || node.type === 'StaticBlock' || node.type === 'PropertyDefinition';
    const keys = ObjectKeys(node);
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k];
      if (key === 'type' || key === 'start' || key === 'end' || key === 'loc') continue;
      const value = node[key];
      if (value === null || typeof value !== 'object') continue;
      if (typeof value.type === 'string') {
        walk(value, node, key, inner, innerOrdinary, visit);
      } else if (typeof value.length === 'number') {
        for (let i = 0; i < value.length; i++) {
          const item = value[i];
          if (item !== null && typeof item === 'object' && typeof item.type === 'string') walk(item, node, key, inner, innerOrdinary, visit);
        }
      }
    }
  }

  // Whether the Identifier `node` (the `parentKey` of `parent`) names a binding, not a property.
  const isReference = (parent, parentKey) => !(
    (parentKey === 'property' && parent.type === 'MemberExpression' && !parent.computed)
    || (parentKey === 'key' && !parent.computed && (parent.type === 'Property' || parent.type === 'PropertyDefinition'
      || parent.type === 'MethodDefinition'))
    || parent.type === 'LabeledStatement' || parent.type === 'BreakStatement' || parent.type === 'ContinueStatement');

  // The names a declaration (or a binding pattern) declares.
  function declaredNames(node, names) {
    switch (node.type) {
      case 'Identifier': listPush(names, node.name); break;
      case 'VariableDeclaration':
        for (let i = 0; i < node.declarations.length; i++) declaredNames(node.declarations[i].id, names);
        break;
      case 'FunctionDeclaration': case 'ClassDeclaration': listPush(names, node.id.name); break;
      case 'ObjectPattern':
        for (let i = 0; i < node.properties.length; i++) {
          const property = node.properties[i];
          declaredNames(property.type === 'RestElement' ? property.argument : property.value, names);
        }
        break;
      case 'ArrayPattern':
        for (let i = 0; i < node.elements.length; i++) if (node.elements[i]) declaredNames(node.elements[i], names);
        break;
      case 'RestElement': declaredNames(node.argument, names); break;
      case 'AssignmentPattern': declaredNames(node.left, names); break;
      default: break;
    }
    return names;
  }

  const moduleName = (node) => (node.type === 'Literal' ? node.value : node.name);

  const isLineBreak = (code) => code === 10 || code === 13 || code === 0x2028 || code === 0x2029;

  // The position of the first character at or after `position` that is neither white space, a
  // line break nor in a comment.
  function skipBlank(text, position) {
    let at = position;
    while (at < text.length) {
      const code = StringPrototypeCharCodeAt(text, at);
      if (code === 47 && StringPrototypeCharCodeAt(text, at + 1) === 42) { // /* … */
        const close = StringPrototypeIndexOf(text, '*/', at + 2);
        at = close === -1 ? text.length : close + 2;
      } else if (code === 47 && StringPrototypeCharCodeAt(text, at + 1) === 47) { // // …
        while (at < text.length && !isLineBreak(StringPrototypeCharCodeAt(text, at))) at++;
      } else if (code === 32 || code === 9 || code === 11 || code === 12 || code === 0xA0 || code === 0xFEFF || isLineBreak(code)
        || (code > 127 && code !== 0x2133 && ((code >= 0x2000 && code <= 0x200A) || code === 0x1680 || code === 0x202F || code === 0x205F || code === 0x3000))) {
        at++;
      } else {
        break;
      }
    }
    return at;
  }

  // text[start, end) as spaces, keeping its line breaks, with the tokens `tokens` put in the
  // stretches between them: as many of the last tokens as fit at the end of the last stretch, the
  // tokens before them in the stretch before, and so on (a line break may come between two tokens
  // of a rewriting: `function` and its name, `const` and its binding). When they do not fit, they
  // all go first, then the line breaks: only the columns of that line move.
  function blanked(text, start, end, tokens, moved) {
    const stretches = [];
    let stretchStart = start;
    for (let i = start; i <= end; i++) {
      if (i === end || isLineBreak(StringPrototypeCharCodeAt(text, i))) {
        listPush(stretches, [stretchStart, i]);
        stretchStart = i + 1;
      }
    }
    // Which text goes at the end of each stretch.
    const placed = [];
    for (let i = 0; i < stretches.length; i++) listPush(placed, '');
    let remaining = tokens.length;
    for (let s = stretches.length - 1; s >= 0 && remaining > 0; s--) {
      const room = stretches[s][1] - stretches[s][0];
      let line = '';
      while (remaining > 0) {
        const candidate = line === '' ? tokens[remaining - 1] : tokens[remaining - 1] + ' ' + line;
        if (candidate.length > room) break;
        line = candidate;
        remaining--;
      }
      placed[s] = line;
    }
    let out = '';
    if (remaining > 0) {
      let line = 1;
      for (let i = 0; i < start; i++) {
        const code = StringPrototypeCharCodeAt(text, i);
        if (isLineBreak(code) && !(code === 13 && StringPrototypeCharCodeAt(text, i + 1) === 10)) line++;
      }
      listPush(moved, line);
      out = ArrayPrototypeJoin(tokens, ' ');
      for (let i = start; i < end; i++) {
        const code = StringPrototypeCharCodeAt(text, i);
        if (!isLineBreak(code)) continue;
        out += text[i];
        if (!(code === 13 && StringPrototypeCharCodeAt(text, i + 1) === 10)) listPush(moved, ++line);
      }
      return out;
    }
    for (let s = 0; s < stretches.length; s++) {
      const from = stretches[s][0];
      const to = stretches[s][1];
      for (let i = from; i < to - placed[s].length; i++) out += ' ';
      out += placed[s];
      if (to < end) out += text[to];
    }
    return out;
  }

  // acorn's words for the commonest errors as V8 has them: V8 names the token it did not expect,
  // keyword or not (fixtures/conformance/module-syntax-error). SpiderMonkey's words depend on
  // what it was parsing, which acorn does not say: Firefox's are left as acorn has them.
  function v8Words(message, text, position) {
    if (StringPrototypeStartsWith(message, "Unexpected keyword '")) return 'Unexpected token ' + StringPrototypeSlice(message, 19);
    if (message !== 'Unexpected token') return message;
    if (position >= text.length) return 'Unexpected end of input';
    let end = position + 1;
    const isWordCode = (code) => (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122)
      || code === 36 || code === 95 || code > 127;
    if (isWordCode(StringPrototypeCharCodeAt(text, position))) {
      while (end < text.length && isWordCode(StringPrototypeCharCodeAt(text, end))) end++;
      const word = StringPrototypeSlice(text, position, end);
      const code = StringPrototypeCharCodeAt(word, 0);
      if (code >= 48 && code <= 57) return 'Invalid or unexpected token';
      return (word === 'true' || word === 'false' || word === 'null' || word === 'this' || isKeyword(word))
        ? "Unexpected token '" + word + "'" : "Unexpected identifier '" + word + "'";
    }
    return "Unexpected token '" + text[position] + "'";
  }
  const keywords = new SafeSet();
  const keywordList = ['break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else',
    'export', 'extends', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'return', 'super', 'switch',
    'throw', 'try', 'typeof', 'var', 'void', 'while', 'with', 'yield', 'let', 'static', 'enum', 'await'];
  for (let i = 0; i < keywordList.length; i++) keywords.add(keywordList[i]);
  const isKeyword = (word) => keywords.has(word);

  // Parses `text` as a classic script and, when it calls `import(...)`, answers the script with
  // each `import` keyword of those calls replaced by `binding` (padded with spaces: no line or
  // column moves), the name of a global lexical binding the host declares in each context before
  // the script runs, bound to that context's import() for the script (js/36_module_scripts.js,
  // host.classicImport). JavaScriptCore's C API gives `import()` in a classic script no loader
  // (it rejects with its own "Could not import the module"), so the script calls the host's.
  // Answers null when the script makes no such call, or does not parse (the engine then reports
  // its own SyntaxError when the script runs, as it always did).
  host.rewriteClassicScript = function rewriteClassicScript(text, binding) {
    let program;
    try {
      program = parser().parse(text, { ecmaVersion: 'latest', sourceType: 'script', allowHashBang: true });
    } catch (error) {
      if (error === null || typeof error !== 'object' || error.loc === undefined) throw error;
      return null;
    }
    const starts = [];
    walk(program, null, null, false, false, (node) => {
      if (node.type === 'ImportExpression') listPush(starts, node.start);
    });
    if (starts.length === 0) return null;
    ArrayPrototypeSort(starts, (a, b) => a - b);
    const parts = [];
    let at = 0;
    for (let i = 0; i < starts.length; i++) {
      // (`import` is six characters, and the binding's name never longer: it takes their place.)
      listPush(parts, StringPrototypeSlice(text, at, starts[i]));
      listPush(parts, blanked(text, starts[i], starts[i] + 6, [binding], []));
      at = starts[i] + 6;
    }
    listPush(parts, StringPrototypeSlice(text, at));
    return ArrayPrototypeJoin(parts, '');
  };

  // Parses `text` as a module and answers [the classic script, JSON of `header` (the script's
  // length, in UTF-16 code units, ahead of line 1), `requests` (the specifiers, in source order),
  // `imports` ([specifier, import name or '*', local name, line, column]), `localExports` ([export name, local
  // name]), `indirectExports` ([export name, specifier, import name or '*']), `starExports`
  // (specifiers), `async` (top-level await), `anonymousDefault`, `movedLines` (the lines whose
  // columns moved: `export`, `default` and `function` each alone on a line leave no room for
  // `function ℳd`); or `error` ([message, line,
  // column]) when it does not parse]. Each import and indirect export ends with the line and
  // column of its name in the module (where a failure to link it is reported).
  host.analyzeModule = function analyzeModule(text) {
    let program;
    try {
      program = parser().parse(text, { ecmaVersion: 'latest', sourceType: 'module', allowHashBang: true, locations: true, preserveParens: true });
    } catch (error) {
      if (error === null || typeof error !== 'object' || error.loc === undefined) throw error;
      // acorn's message ends with " (line:column)"; the position is reported on its own.
      let message = error.message;
      const paren = message.lastIndexOf(' (');
      if (paren > 0) message = StringPrototypeSlice(message, 0, paren);
      if (host.flavor === 'chrome') message = v8Words(message, text, error.pos);
      return ['', JSONStringify({ error: [message, error.loc.line, error.loc.column + 1] })];
    }
    const edits = [];
    const requests = [];
    const requestSet = new SafeSet();
    const request = (specifier) => {
      if (!requestSet.has(specifier)) { requestSet.add(specifier); listPush(requests, specifier); }
      return specifier;
    };
    const imports = [];
    const localExports = [];
    const indirectExports = [];
    const starExports = [];
    let anonymousDefault = false;
    let isAsync = false;
    // Replaces text[start, end) with the tokens `replacement`, padded with spaces (line breaks stay).
    const edit = (start, end, replacement) => listPush(edits, { start, end, replacement });

    const body = program.body;
    for (let i = 0; i < body.length; i++) {
      const node = body[i];
      switch (node.type) {
        case 'ImportDeclaration': {
          const from = request(node.source.value);
          for (let s = 0; s < node.specifiers.length; s++) {
            const specifier = node.specifiers[s];
            const name = specifier.type === 'ImportDefaultSpecifier' ? 'default'
              : specifier.type === 'ImportNamespaceSpecifier' ? '*' : moduleName(specifier.imported);
            listPush(imports, [from, name, specifier.local.name, specifier.loc.start.line, specifier.loc.start.column + 1]);
          }
          edit(node.start, node.end, []);
          break;
        }
        case 'ExportNamedDeclaration':
          if (node.declaration) {
            const names = declaredNames(node.declaration, []);
            for (let n = 0; n < names.length; n++) listPush(localExports, [names[n], names[n]]);
            edit(node.start, node.declaration.start, []);
          } else if (node.source) {
            const from = request(node.source.value);
            for (let s = 0; s < node.specifiers.length; s++) {
              const specifier = node.specifiers[s];
              listPush(indirectExports, [moduleName(specifier.exported), from, moduleName(specifier.local),
                specifier.loc.start.line, specifier.loc.start.column + 1]);
            }
            edit(node.start, node.end, []);
          } else {
            for (let s = 0; s < node.specifiers.length; s++) {
              const specifier = node.specifiers[s];
              listPush(localExports, [moduleName(specifier.exported), specifier.local.name]);
            }
            edit(node.start, node.end, []);
          }
          break;
        case 'ExportAllDeclaration': {
          const from = request(node.source.value);
          if (node.exported) listPush(indirectExports, [moduleName(node.exported), from, '*', node.loc.start.line, node.loc.start.column + 1]);
          else listPush(starExports, from);
          edit(node.start, node.end, []);
          break;
        }
        case 'ExportDefaultDeclaration': {
          const declaration = node.declaration;
          if ((declaration.type === 'FunctionDeclaration' || declaration.type === 'ClassDeclaration') && declaration.id) {
            listPush(localExports, ['default', declaration.id.name]);
            edit(node.start, declaration.start, []);
          } else if (declaration.type === 'FunctionDeclaration') {
            // `export default async function* (` -> `async function* ℳd(`
            let end = declaration.start + (declaration.async ? 5 : 8);
            if (declaration.async) end = skipBlank(text, end) + 8; // (`function`, after any comment)
            if (declaration.generator) end = skipBlank(text, end) + 1; // (`*`)
            listPush(localExports, ['default', 'ℳd']);
            anonymousDefault = true;
            edit(node.start, end, [(declaration.async ? 'async function' : 'function') + (declaration.generator ? '*' : ''), 'ℳd']);
          } else if (declaration.type === 'ClassDeclaration') {
            listPush(localExports, ['default', 'ℳd']);
            anonymousDefault = true;
            edit(node.start, declaration.start + 5, ['class', 'ℳd']);
          } else {
            listPush(localExports, ['default', 'ℳd']);
            let inner = declaration;
            while (inner.type === 'ParenthesizedExpression') inner = inner.expression;
            const anonymous = (inner.type === 'FunctionExpression' || inner.type === 'ClassExpression')
              ? !inner.id : inner.type === 'ArrowFunctionExpression';
            if (anonymous) anonymousDefault = true;
            // (`export default` then the expression, which may start with `(`: a declaration with
            // an initializer; the expression's own semicolon, or ASI, ends it.)
            edit(node.start, declaration.start, ['const', 'ℳd=']);
          }
          break;
        }
        default:
          break;
      }
    }
    walk(program, null, null, false, false, (node, parent, parentKey, insideFunction, insideOrdinaryFunction) => {
      if (node.type === 'Identifier' && node.name === 'arguments' && !insideOrdinaryFunction && isReference(parent, parentKey)) {
        // (A module has no `arguments` of its own; the generator that runs it has: a name no
        // scope has stands in, so that `typeof arguments` is 'undefined' and a read throws.)
        edit(node.start, node.end, ['ℳargs']);
      } else if (node.type === 'ImportExpression') {
        edit(node.start, node.start + 6, ['ℳ.i']);
      } else if (node.type === 'MetaProperty' && node.meta.name === 'import') {
        edit(node.start, node.end, ['ℳ.m']);
      } else if (!insideFunction && (node.type === 'AwaitExpression' || (node.type === 'ForOfStatement' && node.await))) {
        isAsync = true;
      }
    });
    if (StringPrototypeCharCodeAt(text, 0) === 35 && StringPrototypeCharCodeAt(text, 1) === 33) {
      // A hashbang line (`#!…`, allowed at the very start of a module).
      let end = 0;
      while (end < text.length && !isLineBreak(StringPrototypeCharCodeAt(text, end))) end++;
      edit(0, end, []);
    }
    ArrayPrototypeSort(edits, (a, b) => a.start - b.start);

    const getters = [];
    for (let i = 0; i < localExports.length; i++) listPush(getters, '()=>' + localExports[i][1]);
    const header = '(function(ℳ){with(ℳ.s)return ' + (isAsync ? 'async ' : '') + 'function*(){"use strict";ℳ.x(['
      + ArrayPrototypeJoin(getters, ',') + ']);yield;';
    const parts = [header];
    const movedLines = [];
    let at = 0;
    for (let i = 0; i < edits.length; i++) {
      const { start, end, replacement } = edits[i];
      if (start < at) continue; // (an edit inside a declaration already blanked)
      listPush(parts, StringPrototypeSlice(text, at, start));
      listPush(parts, blanked(text, start, end, replacement, movedLines));
      at = end;
    }
    listPush(parts, StringPrototypeSlice(text, at));
    listPush(parts, '\n}})');
    const code = ArrayPrototypeJoin(parts, '');
    return [code, JSONStringify({
      header: header.length, requests, imports, localExports, indirectExports, starExports,
      async: isAsync, anonymousDefault, movedLines,
    })];
  };
});
