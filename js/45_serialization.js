// exthost:realm host
// exthost:needs primordials serialization_failure structured_clone_writer
// exthost:flavors firefox
// exthost:module serialization
// How a message crosses from one context to another in the firefox flavor (the chrome flavor's
// is js/44_serialization_json.js): structured clone, as Firefox's messages cross (SpiderMonkey's
// StructuredClone.cpp behind ExtensionChild.sys.mjs's StructuredCloneHolder), written in the host
// realm when the sender posts (js/45_structured_clone.js says what it clones and how it fails) and
// read in the receiver's realm. Runs in the host's realm for every context (js/38_api.js).
(function (host) {
  'use strict';
  host.defineSerializer((value, oneTime, cx) => host.writeStructuredClone(value, cx, ''));
  host.deserializeMessage = (text, cx) => host.readStructuredClone(text, cx);
});
