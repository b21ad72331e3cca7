// Checks the host's own JavaScript (js/*.js) for what a module loaded after extension code ran
// must not do: a module without `// exthost:eager` may run when extension scripts have already
// replaced any global, prototype method or iterator, so it must take every built-in from
// `host.primordials` (captured by the eager modules before any extension script) and must not use
// the language's iteration protocol on arrays (`for…of`, spread into an array or call, array
// destructuring), which calls %ArrayIteratorPrototype%.next as extension code left it. (A `for…of`
// over an object literal with its own [SymbolIterator], which iterates a script's own iterable as
// WebIDL does, is allowed.)
//
// Usage: NODE_PATH=/usr/share/nodejs node scripts/lib/check-host-js.js js/*.js
// Prints one line per finding (file:line: what) and exits 1 when there is any.
'use strict';
const fs = require('fs');
const path = require('path');
const acorn = require('acorn');
const walk = require('acorn-walk');
const findGlobals = require('acorn-globals');

// Globals that are neither writable nor configurable: no script can change them.
const fixedGlobals = new Set(['undefined', 'NaN', 'Infinity']);

let findings = 0;
function report(file, line, what) {
  console.log(`${file}:${line}: ${what}`);
  findings++;
}

for (const file of process.argv.slice(2)) {
  const source = fs.readFileSync(file, 'utf8');
  const name = path.basename(file);
  const header = source.split('\n').slice(0, 20);
  if (header.some((line) => line.trim() === '// exthost:eager')) continue;
  let ast;
  try {
    ast = acorn.parse(source, { ecmaVersion: 'latest', locations: true });
  } catch (error) {
    report(name, error.loc ? error.loc.line : 0, `does not parse: ${error.message}`);
    continue;
  }
  for (const global of findGlobals(ast)) {
    if (fixedGlobals.has(global.name)) continue;
    for (const node of global.nodes) {
      report(name, node.loc.start.line, `reads the global \`${global.name}\` (take it from host.primordials)`);
    }
  }
  const ownIterable = (node) => node.type === 'ObjectExpression' && node.properties.some((property) =>
    property.type === 'Property' && property.computed && property.key.type === 'Identifier' && property.key.name === 'SymbolIterator');
  walk.fullAncestor(ast, (node, _state, ancestors) => {
    switch (node.type) {
      case 'ForOfStatement':
        if (!ownIterable(node.right)) report(name, node.loc.start.line, 'for…of uses the iterator protocol (use an indexed loop)');
        break;
      case 'SpreadElement': {
        const parent = ancestors[ancestors.length - 2];
        if (parent && parent.type !== 'ObjectExpression') report(name, node.loc.start.line, 'spread into an array or call uses the iterator protocol (use ReflectApply or listCopy)');
        break;
      }
      case 'ArrayPattern':
        report(name, node.loc.start.line, 'array destructuring uses the iterator protocol (index the array)');
        break;
    }
  });
}
process.exit(findings === 0 ? 0 : 1);
