// exthost:realm host
// exthost:needs primordials
// The DOM Standard's live ranges (§5, "Ranges") over domino's nodes, which have none: boundary
// points and their order, setting a start or an end, the contents a range holds (`toString`,
// `cloneContents`, `extractContents`, `deleteContents`), inserting and surrounding, and keeping
// every live range of a document where the standard puts it as its tree changes (the "removing
// steps", the "insertion steps", "replace data" and "split a Text node"). Written here because no
// maintained library implements ranges over a DOM it does not own; js/63_dom.js binds it to each
// world (`Range`, `Selection`) and words its errors as each browser does.
//
// A range is a state object of this realm: { startNode, startOffset, endNode, endOffset }. What the
// algorithms here throw is a RangeFailure ({ name, reason, node, offset }): the DOMException's
// name and why, which the bindings turn into the browser's words.
//
// Which changes are seen: every change domino tells of in a document's tree (its mutation hook,
// js/63_dom.js's `watch`: removals before they happen, insertions and text after), and the exact
// offsets of a text change made through the DOM's members (`replaceData` and the others tell
// `expectDataChange` first). A tree in no document tells of nothing: its ranges are not moved by
// its changes; nor does a node moved within its document move a boundary of its old place.
(function (host) {
  'use strict';
  const { SafeWeakMap, listPush, WeakRef, intrinsics, ReflectApply } = host.primordials;
  const weakRefDeref = intrinsics['?WeakRef.prototype.deref'];
  const FIREFOX = host.flavor === 'firefox';

  const failure = (name, reason, node, offset) => ({ __proto__: null, isRangeFailure: true, name, reason, node, offset });

  // ---- Nodes and boundary points ------------------------------------------------------------------------
  const DOCUMENT_TYPE = 10;
  const isCharacterData = (node) => node.nodeType === 3 || node.nodeType === 4 || node.nodeType === 7 || node.nodeType === 8;
  // The standard's "length" of a node.
  function nodeLength(node) {
    if (node.nodeType === DOCUMENT_TYPE) return 0;
    if (isCharacterData(node)) return node.data.length;
    return node.childNodes.length;
  }
  function rootOf(node) {
    let root = node;
    while (root.parentNode !== null) root = root.parentNode;
    return root;
  }
  function indexOf(node) {
    let index = 0;
    for (let sibling = node.previousSibling; sibling !== null; sibling = sibling.previousSibling) index++;
    return index;
  }
  const isInclusiveAncestor = (ancestor, node) => {
    for (let current = node; current !== null; current = current.parentNode) if (current === ancestor) return true;
    return false;
  };
  // Whether `a` comes before `b` in tree order (both in one tree).
  function precedes(a, b) {
    if (a === b) return false;
    const pathA = [];
    for (let node = a; node !== null; node = node.parentNode) listPush(pathA, node);
    const pathB = [];
    for (let node = b; node !== null; node = node.parentNode) listPush(pathB, node);
    let i = pathA.length - 1;
    let j = pathB.length - 1;
    // (Past the common ancestor, the first nodes that differ are siblings.)
    while (i >= 0 && j >= 0 && pathA[i] === pathB[j]) { i--; j--; }
    if (i < 0) return true;
    if (j < 0) return false;
    for (let sibling = pathA[i].nextSibling; sibling !== null; sibling = sibling.nextSibling) if (sibling === pathB[j]) return true;
    return false;
  }
  // The position of boundary point (nodeA, offsetA) relative to (nodeB, offsetB): -1 before, 0 equal,
  // 1 after (the standard's "position of a boundary point").
  function comparePoints(nodeA, offsetA, nodeB, offsetB) {
    if (nodeA === nodeB) return offsetA === offsetB ? 0 : offsetA < offsetB ? -1 : 1;
    if (precedes(nodeB, nodeA)) return -comparePoints(nodeB, offsetB, nodeA, offsetA);
    if (isInclusiveAncestor(nodeA, nodeB)) {
      let child = nodeB;
      while (child.parentNode !== nodeA) child = child.parentNode;
      if (indexOf(child) < offsetA) return 1;
    }
    return -1;
  }

  // ---- Live ranges, by document -----------------------------------------------------------------------
  // Each document's live ranges, held weakly: a range no script can reach any more goes.
  const liveRanges = new SafeWeakMap();
  const documentOf = (node) => (node.nodeType === 9 ? node : node.ownerDocument);
  function track(range, node) {
    const document = documentOf(node);
    if (range.document === document) return;
    range.document = document;
    let list = liveRanges.get(document);
    if (list === undefined) {
      list = [];
      liveRanges.set(document, list);
    }
    listPush(list, new WeakRef(range));
    // (A script that makes ranges and changes nothing: the collected ones are let go now and then,
    // each time the list has doubled since.)
    if (list.length >= 64 && list.length >= 2 * (keptCounts.get(document) || 0)) keptCounts.set(document, rangesOf(document).length);
  }
  const keptCounts = new SafeWeakMap();
  // The live ranges of `document` now (letting go of those that were collected or moved away).
  function rangesOf(document) {
    const list = liveRanges.get(document);
    if (list === undefined || list.length === 0) return list === undefined ? [] : list;
    const kept = [];
    const ranges = [];
    for (let i = 0; i < list.length; i++) {
      const range = ReflectApply(weakRefDeref, list[i], []);
      if (range === undefined || range.document !== document) continue;
      listPush(kept, list[i]);
      listPush(ranges, range);
    }
    liveRanges.set(document, kept);
    return ranges;
  }

  // A new range at (node, 0), live from now on.
  function newRange(node) {
    const range = { __proto__: null, startNode: node, startOffset: 0, endNode: node, endOffset: 0, document: null };
    track(range, node);
    return range;
  }
  function cloneRange(range) {
    const copy = newRange(range.startNode);
    copy.startOffset = range.startOffset;
    copy.endNode = range.endNode;
    copy.endOffset = range.endOffset;
    return copy;
  }
  const isCollapsed = (range) => range.startNode === range.endNode && range.startOffset === range.endOffset;

  // ---- Setting boundary points --------------------------------------------------------------------------
  function checkPoint(node, offset) {
    if (node.nodeType === DOCUMENT_TYPE) throw failure('InvalidNodeTypeError', 'doctype', node, offset);
    if (offset > nodeLength(node)) throw failure('IndexSizeError', isCharacterData(node) ? 'offset' : 'child', node, offset);
  }
  // The standard's "set the start or end" of `range` to (node, offset).
  function setBoundary(range, node, offset, isStart) {
    checkPoint(node, offset);
    const sameRoot = rootOf(node) === rootOf(range.startNode);
    if (isStart) {
      if (!sameRoot || comparePoints(node, offset, range.endNode, range.endOffset) === 1) {
        range.endNode = node;
        range.endOffset = offset;
      }
      range.startNode = node;
      range.startOffset = offset;
    } else {
      if (!sameRoot || comparePoints(node, offset, range.startNode, range.startOffset) === -1) {
        range.startNode = node;
        range.startOffset = offset;
      }
      range.endNode = node;
      range.endOffset = offset;
    }
    track(range, node);
  }
  // Before or after `node` (setStartBefore and the others): its parent must exist.
  function setBeside(range, node, after, isStart) {
    const parent = node.parentNode;
    if (parent === null) throw failure('InvalidNodeTypeError', 'no parent', node, 0);
    setBoundary(range, parent, indexOf(node) + (after ? 1 : 0), isStart);
  }
  function collapse(range, toStart) {
    if (toStart) {
      range.endNode = range.startNode;
      range.endOffset = range.startOffset;
    } else {
      range.startNode = range.endNode;
      range.startOffset = range.endOffset;
    }
  }
  function selectNode(range, node) {
    const parent = node.parentNode;
    if (parent === null) throw failure('InvalidNodeTypeError', 'no parent', node, 0);
    const index = indexOf(node);
    range.startNode = parent;
    range.startOffset = index;
    range.endNode = parent;
    range.endOffset = index + 1;
    track(range, parent);
  }
  function selectNodeContents(range, node) {
    if (node.nodeType === DOCUMENT_TYPE) throw failure('InvalidNodeTypeError', 'doctype', node, 0);
    range.startNode = node;
    range.startOffset = 0;
    range.endNode = node;
    range.endOffset = nodeLength(node);
    track(range, node);
  }

  // ---- Comparing ----------------------------------------------------------------------------------------
  function compareBoundaryPoints(range, how, source) {
    if (how !== 0 && how !== 1 && how !== 2 && how !== 3) throw failure('NotSupportedError', 'how', null, 0);
    if (rootOf(range.startNode) !== rootOf(source.startNode)) throw failure('WrongDocumentError', 'other range', null, 0);
    // START_TO_START, START_TO_END, END_TO_END, END_TO_START: which point of this range and of the source.
    const thisStart = how === 0 || how === 3;
    const sourceStart = how === 0 || how === 1;
    return comparePoints(thisStart ? range.startNode : range.endNode, thisStart ? range.startOffset : range.endOffset,
      sourceStart ? source.startNode : source.endNode, sourceStart ? source.startOffset : source.endOffset);
  }
  function comparePoint(range, node, offset) {
    if (rootOf(node) !== rootOf(range.startNode)) throw failure('WrongDocumentError', 'other node', node, offset);
    checkPoint(node, offset);
    if (comparePoints(node, offset, range.startNode, range.startOffset) === -1) return -1;
    if (comparePoints(node, offset, range.endNode, range.endOffset) === 1) return 1;
    return 0;
  }
  function isPointInRange(range, node, offset) {
    if (rootOf(node) !== rootOf(range.startNode)) return false;
    checkPoint(node, offset);
    return comparePoints(node, offset, range.startNode, range.startOffset) !== -1 && comparePoints(node, offset, range.endNode, range.endOffset) !== 1;
  }
  function intersectsNode(range, node) {
    if (rootOf(node) !== rootOf(range.startNode)) return false;
    const parent = node.parentNode;
    if (parent === null) return true;
    const index = indexOf(node);
    return comparePoints(parent, index, range.endNode, range.endOffset) === -1 && comparePoints(parent, index + 1, range.startNode, range.startOffset) === 1;
  }
  function commonAncestor(range) {
    let container = range.startNode;
    while (!isInclusiveAncestor(container, range.endNode)) container = container.parentNode;
    return container;
  }
  // Whether `node` is contained in the range: its whole self lies within it.
  const isContained = (range, node) => rootOf(node) === rootOf(range.startNode)
    && comparePoints(node, 0, range.startNode, range.startOffset) === 1 && comparePoints(node, nodeLength(node), range.endNode, range.endOffset) === -1;
  const isPartiallyContained = (range, node) => isInclusiveAncestor(node, range.startNode) !== isInclusiveAncestor(node, range.endNode);

  // ---- What a range holds -------------------------------------------------------------------------------
  // The standard's stringifier: the Text data within the range, in tree order.
  function rangeText(range) {
    const start = range.startNode;
    if (start === range.endNode && start.nodeType === 3) return start.data.slice(range.startOffset, range.endOffset);
    let text = start.nodeType === 3 ? start.data.slice(range.startOffset) : '';
    for (let node = firstInRange(range); node !== null; node = following(node)) {
      if (comparePoints(node, 0, range.endNode, range.endOffset) !== -1) break;
      if (node.nodeType === 3 && isContained(range, node)) text += node.data;
    }
    if (range.endNode.nodeType === 3) text += range.endNode.data.slice(0, range.endOffset);
    return text;
  }
  // The first node at or after the range's start in tree order.
  function firstInRange(range) {
    const start = range.startNode;
    if (isCharacterData(start)) return following(start);
    const child = start.childNodes[range.startOffset];
    return child !== undefined ? child : followingSkippingChildren(start);
  }
  function following(node) {
    if (node.firstChild !== null) return node.firstChild;
    return followingSkippingChildren(node);
  }
  function followingSkippingChildren(node) {
    for (let current = node; current !== null; current = current.parentNode) {
      if (current.nextSibling !== null) return current.nextSibling;
    }
    return null;
  }
  // The children of `parent` contained in the range, in order.
  function containedChildren(range, parent) {
    const list = [];
    for (let child = parent.firstChild; child !== null; child = child.nextSibling) if (isContained(range, child)) listPush(list, child);
    return list;
  }

  // The standard's "clone the contents" (`extract`: false) and "extract" (true) of a range, as a
  // new DocumentFragment of the range's document.
  function contents(range, extract) {
    const document = documentOf(range.startNode);
    const fragment = document.createDocumentFragment();
    if (isCollapsed(range)) return fragment;
    const startNode = range.startNode;
    const startOffset = range.startOffset;
    const endNode = range.endNode;
    const endOffset = range.endOffset;
    if (startNode === endNode && isCharacterData(startNode)) {
      const clone = startNode.cloneNode(false);
      clone.data = startNode.data.slice(startOffset, endOffset);
      fragment.appendChild(clone);
      if (extract) replaceData(startNode, startOffset, endOffset - startOffset, '');
      return fragment;
    }
    const common = commonAncestor(range);
    let firstPartial = null;
    if (!isInclusiveAncestor(startNode, endNode)) {
      for (let child = common.firstChild; child !== null; child = child.nextSibling) {
        if (isPartiallyContained(range, child)) { firstPartial = child; break; }
      }
    }
    let lastPartial = null;
    if (!isInclusiveAncestor(endNode, startNode)) {
      for (let child = common.lastChild; child !== null; child = child.previousSibling) {
        if (isPartiallyContained(range, child)) { lastPartial = child; break; }
      }
    }
    const contained = containedChildren(range, common);
    for (let i = 0; i < contained.length; i++) {
      if (contained[i].nodeType === DOCUMENT_TYPE) throw failure('HierarchyRequestError', 'doctype', contained[i], 0);
    }
    // Where the range collapses after an extraction.
    let newNode = startNode;
    let newOffset = startOffset;
    if (extract && !isInclusiveAncestor(startNode, endNode)) {
      let reference = startNode;
      while (reference.parentNode !== null && !isInclusiveAncestor(reference.parentNode, endNode)) reference = reference.parentNode;
      newNode = reference.parentNode;
      newOffset = indexOf(reference) + 1;
    }
    if (firstPartial !== null) {
      appendPartial(fragment, firstPartial, extract, startNode, startOffset, nodeLength(startNode), () => {
        const sub = newRange(startNode);
        sub.startOffset = startOffset;
        sub.endNode = firstPartial;
        sub.endOffset = nodeLength(firstPartial);
        return sub;
      });
    }
    for (let i = 0; i < contained.length; i++) {
      fragment.appendChild(extract ? contained[i] : contained[i].cloneNode(true));
    }
    if (lastPartial !== null) {
      appendPartial(fragment, lastPartial, extract, endNode, 0, endOffset, () => {
        const sub = newRange(lastPartial);
        sub.endNode = endNode;
        sub.endOffset = endOffset;
        return sub;
      });
    }
    if (extract) {
      range.startNode = newNode;
      range.startOffset = newOffset;
      range.endNode = newNode;
      range.endOffset = newOffset;
    }
    return fragment;
  }

  // A partially contained child of the common ancestor, cloned into `fragment` (and, extracting,
  // cut from the tree): a text node's data from `from` to `to` of `node` (the boundary's text), or
  // the node holding what its part of the range (`subRange()`) holds.
  function appendPartial(fragment, partial, extract, node, from, to, subRange) {
    const clone = partial.cloneNode(false);
    fragment.appendChild(clone);
    if (isCharacterData(partial)) {
      clone.data = node.data.slice(from, to);
      if (extract) replaceData(node, from, to - from, '');
    } else {
      clone.appendChild(contents(subRange(), extract));
    }
  }

  // The standard's deleteContents().
  function deleteContents(range) {
    if (isCollapsed(range)) return;
    const startNode = range.startNode;
    const startOffset = range.startOffset;
    const endNode = range.endNode;
    const endOffset = range.endOffset;
    if (startNode === endNode && isCharacterData(startNode)) {
      replaceData(startNode, startOffset, endOffset - startOffset, '');
      return;
    }
    const toRemove = [];
    for (let node = firstInRange(range); node !== null; node = following(node)) {
      if (comparePoints(node, 0, endNode, endOffset) !== -1) break;
      if (isContained(range, node) && (node.parentNode === null || !isContained(range, node.parentNode))) listPush(toRemove, node);
    }
    let newNode = startNode;
    let newOffset = startOffset;
    if (!isInclusiveAncestor(startNode, endNode)) {
      let reference = startNode;
      while (reference.parentNode !== null && !isInclusiveAncestor(reference.parentNode, endNode)) reference = reference.parentNode;
      newNode = reference.parentNode;
      newOffset = indexOf(reference) + 1;
    }
    // (Chromium cuts both ends' text before it removes what lies between, as
    // fixtures/conformance/dom-parsing records; Firefox follows the standard's order.)
    if (isCharacterData(startNode)) replaceData(startNode, startOffset, nodeLength(startNode) - startOffset, '');
    if (!FIREFOX && isCharacterData(endNode)) replaceData(endNode, 0, endOffset, '');
    for (let i = 0; i < toRemove.length; i++) toRemove[i].parentNode.removeChild(toRemove[i]);
    if (FIREFOX && isCharacterData(endNode)) replaceData(endNode, 0, endOffset, '');
    range.startNode = newNode;
    range.startOffset = newOffset;
    range.endNode = newNode;
    range.endOffset = newOffset;
  }

  // The standard's "insert" of `node` at the range's start.
  function insertNode(range, node) {
    const start = range.startNode;
    if (start.nodeType === 7 || start.nodeType === 8 || (start.nodeType === 3 && start.parentNode === null) || start === node) {
      throw failure('HierarchyRequestError', 'insert', start, 0);
    }
    let reference = null;
    if (start.nodeType === 3) reference = start;
    else reference = start.childNodes[range.startOffset] === undefined ? null : start.childNodes[range.startOffset];
    const parent = reference === null ? start : reference.parentNode;
    if (start.nodeType === 3) reference = splitText(start, range.startOffset);
    if (node === reference) reference = reference.nextSibling;
    if (node.parentNode !== null) node.parentNode.removeChild(node);
    let newOffset = reference === null ? nodeLength(parent) : indexOf(reference);
    newOffset += node.nodeType === 11 ? nodeLength(node) : 1;
    parent.insertBefore(node, reference);
    if (isCollapsed(range)) {
      range.endNode = parent;
      range.endOffset = newOffset;
    }
  }

  function surroundContents(range, newParent) {
    // (A partially contained node is an inclusive ancestor of one boundary's node, not of the other's.)
    for (let node = range.startNode; node !== null; node = node.parentNode) {
      if (node.nodeType !== 3 && isPartiallyContained(range, node)) throw failure('InvalidStateError', 'partial', node, 0);
    }
    for (let node = range.endNode; node !== null; node = node.parentNode) {
      if (node.nodeType !== 3 && isPartiallyContained(range, node)) throw failure('InvalidStateError', 'partial', node, 0);
    }
    const type = newParent.nodeType;
    if (type === 9 || type === DOCUMENT_TYPE || type === 11) throw failure('InvalidNodeTypeError', 'surround', newParent, 0);
    const fragment = contents(range, true);
    while (newParent.firstChild !== null) newParent.removeChild(newParent.firstChild);
    insertNode(range, newParent);
    newParent.appendChild(fragment);
    selectNode(range, newParent);
  }

  // ---- Keeping ranges live ------------------------------------------------------------------------------
  // The standard's "replace data" of `node` (offset, count, data), keeping each live range in place.
  // (domino's own replaceData changes the data; expectDataChange makes the hook take its offsets.)
  function replaceData(node, offset, count, data) {
    expectDataChange(node, offset, count, data.length);
    try {
      node.replaceData(offset, count, data);
    } finally {
      expected = null;
    }
  }
  // The standard's "split a Text node": the new node after `node` takes the data from `offset` on,
  // and the live ranges in that part go with it.
  function splitText(node, offset) {
    const length = nodeLength(node);
    if (offset > length) throw failure('IndexSizeError', 'offset', node, offset);
    const document = documentOf(node);
    const newNode = document.createTextNode(node.data.slice(offset));
    const parent = node.parentNode;
    const ranges = rangesOf(document);
    if (parent !== null) {
      // (Taken before the insertion moves the parent's offsets.)
      const index = indexOf(node);
      const atNext = [];
      for (let i = 0; i < ranges.length; i++) {
        const range = ranges[i];
        listPush(atNext, range.startNode === parent && range.startOffset === index + 1, range.endNode === parent && range.endOffset === index + 1);
      }
      parent.insertBefore(newNode, node.nextSibling);
      for (let i = 0; i < ranges.length; i++) {
        const range = ranges[i];
        if (range.startNode === node && range.startOffset > offset) {
          range.startNode = newNode;
          range.startOffset -= offset;
        }
        if (range.endNode === node && range.endOffset > offset) {
          range.endNode = newNode;
          range.endOffset -= offset;
        }
        if (atNext[2 * i] && range.startNode === parent) range.startOffset++;
        if (atNext[2 * i + 1] && range.endNode === parent) range.endOffset++;
      }
    }
    replaceData(node, offset, length - offset, '');
    return newNode;
  }

  // What the next change of `node`'s data is (the DOM's members that know its offsets).
  let expected = null;
  // (`node` null: no change is expected.)
  function expectDataChange(node, offset, count, added) {
    expected = node === null ? null : { __proto__: null, node, offset, count, added };
  }
  const REMOVE = 4;
  const INSERT = 6;
  const MOVE = 5;
  const VALUE = 1;
  // A change domino told of in `document` (js/63_dom.js's mutation hook): removals before they
  // happen, insertions and data after.
  function treeChanged(document, record) {
    const list = liveRanges.get(document);
    if (list === undefined || list.length === 0) {
      if (record.type === VALUE) expected = null;
      return;
    }
    const ranges = rangesOf(document);
    if (record.type === REMOVE) nodeRemoved(ranges, record.node, record.target);
    else if (record.type === INSERT || record.type === MOVE) nodeInserted(ranges, record.node !== undefined ? record.node : record.target);
    else if (record.type === VALUE) {
      const node = record.target;
      const change = expected !== null && expected.node === node ? expected : null;
      expected = null;
      // (A change no member described replaces the whole data: `data`, `nodeValue`, `textContent`.)
      if (change === null) dataReplaced(ranges, node, 0, Infinity, 0);
      else dataReplaced(ranges, node, change.offset, change.count, change.added);
    }
  }
  // The standard's removing steps, for `node` about to leave `parent`.
  function nodeRemoved(ranges, node, parent) {
    if (parent === null || parent === undefined) return;
    // (Its index among the siblings still there: domino tells of each child that `textContent`
    // removes before it unlinks any, having cleared the parent of each one before it. Its
    // siblings are a circular list.)
    let index = 0;
    const first = parent.firstChild;
    for (let sibling = first; sibling !== null && sibling !== undefined && sibling !== node;) {
      if (sibling.parentNode === parent) index++;
      sibling = sibling._nextSibling;
      if (sibling === first) break;
    }
    for (let i = 0; i < ranges.length; i++) {
      const range = ranges[i];
      if (isInclusiveAncestor(node, range.startNode)) {
        range.startNode = parent;
        range.startOffset = index;
      } else if (range.startNode === parent && range.startOffset > index) range.startOffset--;
      if (isInclusiveAncestor(node, range.endNode)) {
        range.endNode = parent;
        range.endOffset = index;
      } else if (range.endNode === parent && range.endOffset > index) range.endOffset--;
    }
  }
  // The standard's insertion steps, for `node` now in its parent.
  function nodeInserted(ranges, node) {
    const parent = node.parentNode;
    if (parent === null) return;
    const index = indexOf(node);
    for (let i = 0; i < ranges.length; i++) {
      const range = ranges[i];
      if (range.startNode === parent && range.startOffset > index) range.startOffset++;
      if (range.endNode === parent && range.endOffset > index) range.endOffset++;
    }
  }
  function dataReplaced(ranges, node, offset, count, added) {
    for (let i = 0; i < ranges.length; i++) {
      const range = ranges[i];
      if (range.startNode === node) {
        if (range.startOffset > offset && range.startOffset <= offset + count) range.startOffset = offset;
        else if (range.startOffset > offset + count) range.startOffset += added - count;
      }
      if (range.endNode === node) {
        if (range.endOffset > offset && range.endOffset <= offset + count) range.endOffset = offset;
        else if (range.endOffset > offset + count) range.endOffset += added - count;
      }
    }
  }

  host.domRanges = {
    __proto__: null,
    newRange, cloneRange, isCollapsed, setBoundary, setBeside, collapse, selectNode, selectNodeContents,
    compareBoundaryPoints, comparePoint, isPointInRange, intersectsNode, commonAncestor, rangeText, contents, deleteContents,
    insertNode, surroundContents, isContained, replaceData, splitText, expectDataChange, treeChanged, comparePoints, nodeLength, rootOf, indexOf,
    isFailure: (value) => value !== null && typeof value === 'object' && value.isRangeFailure === true,
  };
});
