// exthost:needs primordials host structured_clone
// exthost:contexts content
// exthost:flavors firefox
// exthost:globals cloneInto:function:3
// What Firefox gives its content scripts to hand data to the page's own scripts: `cloneInto(value,
// targetScope)`, a copy of `value` the page may read (fixtures/conformance/page-worlds: an object
// of the content script itself, as a CustomEvent's `detail`, is one the page cannot read, "Permission
// denied to access property"; a copy made by `cloneInto` it reads). The copy is made by the
// structured clone algorithm, as Firefox's is; what it cannot copy (a function, without
// `cloneFunctions`) throws Firefox's DataCloneError. (`exportFunction` and `wrappedJSObject`,
// which hand the page functions and the content script the page's own objects, are not here.)
(function (host) {
  'use strict';
  const { SafeWeakSet } = host.primordials;
  const { countError } = host.webIDLErrors;
  // The copies made for the page.
  const forPage = new SafeWeakSet();
  host.implementations.cloneInto = function cloneInto(...args) {
    if (args.length < 2) throw countError('', 'cloneInto', 2, args.length);
    const value = args[0];
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return value;
    const copy = host.readClone(host.writeClone(value, ''));
    forPage.add(copy);
    return copy;
  };
  // Whether `value` is a copy `cloneInto` made (the page reads it: js/63_dom.js).
  host.isClonedForPage = (value) => forPage.has(value);
});
