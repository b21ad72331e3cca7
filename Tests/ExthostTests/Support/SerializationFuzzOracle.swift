// Runs a `SerializationFuzzCase` through the real message serialization of both flavors, in real exthost contexts,
// and says what went wrong. Shared by the fuzz target (Fuzz/SerializationFuzz.swift) and the tests replaying what it
// kept (SerializationFuzzRegressionTests).
//
// Each flavor has a host (kept from case to case) and three background contexts in it: the sender, the receiver and a
// third (new ones, closed afterwards, for a case that pollutes them). Every context runs the harness (`harnessScript`, which takes the built-ins it needs before anything is polluted), then the pollution
// the case asks for, then the case's `build`. The checks:
//  * nothing crashes or hangs (the fuzzer's own timeout), and the host's code never calls a polluted accessor or a
//    replaced built-in (counted), beyond what JSON.stringify itself reads in Chromium (toJSON);
//  * serializeMessage returns text or throws one of the browser's documented errors (or what the value's own getter
//    or proxy threw); deserializeMessage takes any text serializeMessage made;
//  * chrome: the text is exactly JSON.stringify(build() ?? null), computed with the built-in, and it fails exactly
//    when JSON.stringify fails or the JSON nests deeper than Chromium's measured stack budget;
//  * firefox: cloning again what arrived gives the same text twice (clone(clone(v)) = clone(v)), and a value made
//    only of cloneable types arrives with the same structure, shared references and cycles included.

import BrowserModel
import Foundation
import JSEngine
@testable import Exthost

/// Sends fuzz cases through serializeMessage / deserializeMessage and checks the outcome.
final class SerializationFuzzOracle {
    /// Chromium's stack budget for a message posted from a service worker (js/45_serialization.js, measured), and
    /// what an array and an object level cost.
    static let chromeStackUnits = 31226
    static let arrayLevelUnits = 13
    static let objectLevelUnits = 12
    /// Deeper values are not given to the chrome oracle's JSON.stringify (JavaScriptCore takes seconds to refuse them).
    static let deepestForJSONStringify = 30000

    /// The errors serializeMessage may throw, as "name: message", besides those of the value's own code.
    static let chromeErrors: Set<String> = ["Error: Could not serialize message.", "Error: Message exceeded maximum allowed size of 64MiB."]
    static let firefoxErrorPatterns = [
        #"^DataCloneError: [A-Za-z. ]+ object could not be cloned\.$"#,
        #"^DataCloneError: unsupported type for structured data$"#,
        #"^DataCloneError: attempting to access detached ArrayBuffer$"#,
        #"^InvalidStateError: An exception was thrown$"#,
        #"^TypeError: can't convert symbol to string$"#,
    ]
    /// What the value's own getters and proxy traps throw.
    static let programErrors: Set<String> = ["Error: boom"]

    private let directory: URL
    private var observe: Observer?
    /// One host per flavor, made at first use and kept: making a host costs ~0.2 s, a context a few milliseconds.
    private var hosts: [Flavor: (host: ExtensionHost, instance: ExtensionInstance)] = [:]
    /// The polluted contexts of the case being checked, closed when it is done.
    private var openContexts: [ExtensionContext] = []
    /// The contexts of unpolluted cases, by flavor and name, kept from case to case.
    private var unpollutedContexts: [Flavor: [String: (context: ExtensionContext, harness: ScriptValue)]] = [:]

    /// Writes a minimal extension to a temporary folder (removed when the oracle goes away).
    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("exthost-serialization-fuzz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let manifest = #"{"manifest_version": 3, "name": "fuzz", "version": "1.0", "background": {"service_worker": "bg.js", "scripts": ["bg.js"]}, "browser_specific_settings": {"gecko": {"id": "fuzz@exthost.test"}}}"#
        try Data(manifest.utf8).write(to: directory.appendingPathComponent("manifest.json"))
        try Data().write(to: directory.appendingPathComponent("bg.js"))
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    /// What is told about each serializeMessage call: the flavor, the text, or what was thrown.
    typealias Observer = (_ flavor: String, _ text: String?, _ error: String?) -> Void

    /// What went wrong with `testCase` in both flavors; empty when every check held. `observe` hears what each
    /// serializeMessage call gave.
    func violations(of testCase: SerializationFuzzCase, observe: Observer? = nil) -> [String] {
        self.observe = observe
        defer {
            self.observe = nil
            for context in openContexts { context.close() }
            openContexts.removeAll()
        }
        var found: [String] = []
        for flavor in [Flavor.chrome, .firefox] {
            do {
                found += try check(testCase, flavor: flavor).map { "\(flavor.rawValue): \($0)" }
            } catch let thrown as ThrownValue {
                // (Also what a call stopped by the machine's time limit throws: a hang.)
                found.append("\(flavor.rawValue): the harness failed: \(thrown.scriptError.summary)")
            } catch {
                found.append("\(flavor.rawValue): the harness failed: \(error)")
            }
        }
        return found
    }

    /// One context with the harness, the pollution and `build`, and its serializeMessage / deserializeMessage.
    private struct Side {
        let context: ExtensionContext
        let harness: ScriptValue
        let serialize: ScriptValue
        let deserialize: ScriptValue

        /// Hears the text or error of each serializeMessage call.
        let observe: ((_ text: String?, _ error: String?) -> Void)?

        /// What `function` did with `argument` (a JSON record from the harness's `run`).
        func run(_ function: ScriptValue, _ argument: ScriptValue) throws -> Outcome {
            let serializing = function.isStrictlyEqual(to: serialize)
            let record = try harness.property("run").call([function, argument, context.script.boolean(serializing)])
            let outcome = try Outcome(json: record.stringValue ?? "")
            if serializing { observe?(outcome.text, outcome.error) }
            return outcome
        }

        /// Calls the harness function `name` with `arguments`.
        func call(_ name: String, _ arguments: [ScriptValue] = []) throws -> ScriptValue {
            try harness.property(name).call(arguments)
        }
    }

    /// What serializeMessage or deserializeMessage did, as the harness's `run` reports it.
    struct Outcome {
        var ok: Bool
        /// The text serializeMessage returned.
        var text: String?
        /// What was thrown, as "name: message".
        var error: String?
        /// How many times a polluted accessor or replaced built-in was called meanwhile.
        var hits: Int

        init(json: String) throws {
            guard let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else {
                throw HarnessError(message: "not a record: \(json.prefix(200))")
            }
            ok = object["ok"] as? Bool ?? false
            text = object["text"] as? String
            error = object["error"] as? String
            hits = object["hits"] as? Int ?? -1
        }
    }

    struct HarnessError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    /// The sender, receiver or third context for `testCase`: a new one when the case pollutes its contexts (closed
    /// when the case is done), else one kept for unpolluted cases (which also checks that nothing a message leaves
    /// behind in a context changes the next one).
    private func makeSide(_ host: ExtensionHost, _ instance: ExtensionInstance, _ testCase: SerializationFuzzCase, name: String) throws -> Side {
        let flavor = host.options.flavor
        let context: ExtensionContext
        let harness: ScriptValue
        if testCase.pollution == 0, let kept = unpollutedContexts[flavor]?[name] {
            (context, harness) = kept
        } else {
            context = host.makeContext(kind: .background, owner: instance, url: instance.url(of: "\(name).js"))
            harness = try context.script.evaluate(Self.harnessScript, sourceURL: "harness.js")
            if testCase.pollution == 0 {
                unpollutedContexts[flavor, default: [:]][name] = (context, harness)
            } else {
                openContexts.append(context)
                try harness.property("pollute").call([context.script.number(Double(testCase.pollution))])
            }
        }
        // (In the chrome flavor the serializer runs in the host realm, and the context's record is
        // made here, after the pollution: what it takes of the context's built-ins it must have
        // taken before any script ran.)
        let (serialize, deserialize) = try context.messageSerialization()
        let build = try context.script.evaluate("(function build() {\n'use strict';\nconst H = __fuzzHelpers;\n\(testCase.build)})", sourceURL: "build.js")
        try harness.setProperty("build", build)
        return Side(context: context, harness: harness, serialize: serialize,
                    deserialize: deserialize, observe: observe.map { observe in
                        { text, error in observe(flavor.rawValue, text, error) } })
    }

    private func check(_ testCase: SerializationFuzzCase, flavor: Flavor) throws -> [String] {
        if hosts[flavor] == nil {
            let host = ExtensionHost(options: HostOptions(flavor: flavor)) { _ in }
            hosts[flavor] = (host, try host.loadExtension(at: directory))
        }
        guard let (host, instance) = hosts[flavor] else { return [] }
        let sender = try makeSide(host, instance, testCase, name: "sender")
        let receiver = try makeSide(host, instance, testCase, name: "receiver")
        guard try sender.call("buildWorks").booleanValue else { return [] } // the program itself throws: nothing to send
        var found: [String] = []
        switch flavor {
        case .chrome:
            var expected: Outcome?
            if testCase.deepestNest <= Self.deepestForJSONStringify && !testCase.hasHugeArray {
                expected = try Outcome(json: sender.call("expectedJSON").stringValue ?? "")
            }
            let sent = try sender.run(sender.serialize, sender.call("build"))
            found += checkChrome(sent: sent, expected: expected)
            if let text = sent.text {
                let received = try receiver.run(receiver.deserialize, receiver.context.script.string(text))
                if !received.ok { found.append("deserializeMessage threw \(received.error ?? "?")") }
                if received.hits != 0 { found.append("deserializeMessage called polluted built-ins \(received.hits) times") }
            }
        case .firefox:
            let value = try sender.call("build")
            let sent = try sender.run(sender.serialize, value)
            if sent.hits != 0 { found.append("serializeMessage called polluted built-ins \(sent.hits) times") }
            guard let text = sent.text else {
                let error = sent.error ?? "?"
                if testCase.cloneableOnly { found.append("a cloneable value failed: \(error)") }
                if !Self.programErrors.contains(error), !Self.firefoxErrorPatterns.contains(where: { error.range(of: $0, options: .regularExpression) != nil }) {
                    found.append("serializeMessage threw \(error)")
                }
                return found
            }
            let received = try receiver.run(receiver.deserialize, receiver.context.script.string(text))
            guard received.ok else { return found + ["deserializeMessage threw \(received.error ?? "?")"] }
            if received.hits != 0 { found.append("deserializeMessage called polluted built-ins \(received.hits) times") }
            let arrived = try receiver.call("last")
            if testCase.cloneableOnly {
                let before = try sender.call("describe", [value]).stringValue ?? ""
                let after = try receiver.call("describe", [arrived]).stringValue ?? ""
                if before != after { found.append("what arrived differs from what was sent:\n  sent    \(before.prefix(2000))\n  arrived \(after.prefix(2000))") }
            }
            found += try checkIdempotence(of: arrived, in: receiver, host: host, instance: instance, testCase: testCase)
        }
        return found
    }

    private func checkChrome(sent: Outcome, expected: Outcome?) -> [String] {
        var found: [String] = []
        if !sent.ok, let error = sent.error, !Self.chromeErrors.contains(error) { found.append("serializeMessage threw \(error)") }
        // (Without JSON.stringify's own walk to compare with, the accessors it reads, such as toJSON, cannot be told
        // from others.)
        guard let expected else { return found }
        // (Past the stack budget both stop early, at a level that is not JSON.stringify's: only whole walks compare.)
        if sent.hits != expected.hits, let json = expected.text, Self.stackUnits(of: json) <= Self.chromeStackUnits {
            found.append("serializeMessage called polluted accessors \(sent.hits) times, JSON.stringify \(expected.hits)")
        }
        switch (expected.text, sent.text) {
        case (let json?, let text?):
            if json != text { found.append("the text differs from JSON.stringify's:\n  JSON.stringify \(json.prefix(2000))\n  sent           \(text.prefix(2000))") }
            let units = Self.stackUnits(of: json)
            if units > Self.chromeStackUnits { found.append("sent a value \(units) units deep, past the budget") }
        case (let json?, nil):
            let units = Self.stackUnits(of: json)
            if units <= Self.chromeStackUnits && sent.error != "Error: Message exceeded maximum allowed size of 64MiB." {
                found.append("refused a value JSON.stringify writes, \(units) units deep: \(sent.error ?? "?")")
            }
        case (nil, let text?):
            found.append("sent \(text.prefix(200)) where JSON.stringify failed (\(expected.error ?? "returned undefined"))")
        case (nil, nil):
            break
        }
        return found
    }

    /// Firefox: what arrived, cloned again, arrives as the same text once more.
    private func checkIdempotence(of arrived: ScriptValue, in receiver: Side, host: ExtensionHost, instance: ExtensionInstance,
                                  testCase: SerializationFuzzCase) throws -> [String] {
        let again = try receiver.run(receiver.serialize, arrived)
        guard let secondText = again.text else { return ["what arrived cannot be sent again: \(again.error ?? "?")"] }
        let third = try makeSide(host, instance, testCase, name: "third")
        let received = try third.run(third.deserialize, third.context.script.string(secondText))
        guard received.ok else { return ["deserializeMessage threw \(received.error ?? "?") on what arrived, sent again"] }
        let thirdText = try third.run(third.serialize, third.call("last"))
        guard thirdText.text == secondText else {
            return ["clone(clone(v)) differs from clone(v):\n  clone(v)        \(secondText.prefix(2000))\n  clone(clone(v)) \((thirdText.text ?? thirdText.error ?? "").prefix(2000))"]
        }
        return []
    }

    /// How much of Chromium's stack budget JSON `text` takes: 13 units per array level and 12 per object level,
    /// on the deepest path.
    static func stackUnits(of text: String) -> Int {
        var units = 0
        var deepest = 0
        var levels: [Int] = []
        var inString = false
        var escaped = false
        for byte in text.utf8 {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                let cost = byte == UInt8(ascii: "[") ? arrayLevelUnits : objectLevelUnits
                levels.append(cost)
                units += cost
                deepest = max(deepest, units)
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                units -= levels.popLast() ?? 0
            default: break
            }
        }
        return deepest
    }

    /// The harness each context runs first: `__fuzzHelpers` (the built-ins `build` uses, taken before the pollution)
    /// and the object it returns (pollute, run, describe, expectedJSON, ...).
    static let harnessScript = #"""
    (function (global) {
      'use strict';
      const apply = Reflect.apply;
      const defineProperty = Object.defineProperty;
      const getOwnDesc = Object.getOwnPropertyDescriptor;
      const keysOf = Object.keys;
      const create = Object.create;
      const isArray = Array.isArray;
      const stringify = JSON.stringify;
      const ObjectIs = Object.is;
      const hasOwn = Object.hasOwn;
      const setProto = Object.setPrototypeOf;
      const reflectGet = Reflect.get;
      const stringSlice = String.prototype.slice;
      // An array without a prototype: writing past its end calls no setter of Array.prototype.
      const list = () => setProto([], null);
      const StringCtor = String;
      const ErrorCtor = Error;
      const objectToString = Object.prototype.toString;
      const mapForEach = Map.prototype.forEach;
      const setForEach = Set.prototype.forEach;
      const dateGetTime = Date.prototype.getTime;
      const regexpToString = RegExp.prototype.toString;
      const abByteLength = getOwnDesc(ArrayBuffer.prototype, 'byteLength').get;
      const abMaxByteLength = getOwnDesc(ArrayBuffer.prototype, 'maxByteLength').get;
      const TypedArrayProto = Object.getPrototypeOf(Uint8Array.prototype);
      const taName = getOwnDesc(TypedArrayProto, Symbol.toStringTag).get;
      const taBuffer = getOwnDesc(TypedArrayProto, 'buffer').get;
      const taByteOffset = getOwnDesc(TypedArrayProto, 'byteOffset').get;
      const taLength = getOwnDesc(TypedArrayProto, 'length').get;
      const dvBuffer = getOwnDesc(DataView.prototype, 'buffer').get;
      const dvByteOffset = getOwnDesc(DataView.prototype, 'byteOffset').get;
      const dvByteLength = getOwnDesc(DataView.prototype, 'byteLength').get;
      const valueOfs = [Number.prototype.valueOf, String.prototype.valueOf, Boolean.prototype.valueOf, BigInt.prototype.valueOf];
      const Uint8ArrayCtor = Uint8Array;
      const MapCtor = Map;
      const WeakMapCtor = WeakMap;
      const weakMapGet = WeakMap.prototype.get;
      const weakMapSet = WeakMap.prototype.set;
      const transfer = ArrayBuffer.prototype.transfer;
      let hits = 0;
      let last;

      // What `build` uses (the pollution may replace the globals).
      const H = create(null);
      for (const name of ['Map', 'Set', 'Date', 'RegExp', 'ArrayBuffer', 'Error', 'TypeError', 'RangeError', 'EvalError',
        'URIError', 'SyntaxError', 'ReferenceError', 'AggregateError', 'WeakMap', 'Promise']) H[name] = global[name];
      const data = (value) => ({ __proto__: null, value, writable: true, enumerable: true, configurable: true });
      H.set = (object, key, value) => { defineProperty(object, key, data(value)); };
      H.getter = (object, key, get) => { defineProperty(object, key, { __proto__: null, get, enumerable: true, configurable: true }); };
      H.create = create;
      H.mapSet = (map, key, value) => { apply(Map.prototype.set, map, [key, value]); };
      H.setAdd = (set, value) => { apply(Set.prototype.add, set, [value]); };
      H.bound = function f() {}.bind(null);
      H.detached = () => { const buffer = new ArrayBuffer(8); apply(transfer, buffer, []); return buffer; };
      H.filledBuffer = (length) => { const buffer = new ArrayBuffer(length); const bytes = new Uint8ArrayCtor(buffer); for (let i = 0; i < length; i++) bytes[i] = i * 37; return buffer; };
      const handlers = [
        () => ({ __proto__: null }),
        () => ({ __proto__: null, get: (target, key, receiver) => reflectGet(target, key, receiver) }),
        () => ({ __proto__: null, ownKeys: () => { throw new H.Error('boom'); } }),
      ];
      H.proxy = (target, handler) => new Proxy(target, handlers[handler]());
      // `levels` levels of arrays, objects, Maps or a mix, around `leaf`, without recursion.
      H.nest = (kind, levels, leaf) => {
        let value = leaf;
        for (let i = 0; i < levels; i++) {
          const k = kind === 3 ? i % 3 : kind;
          if (k === 0) value = [value];
          else if (k === 1) value = { a: value };
          else { const map = new MapCtor(); apply(Map.prototype.set, map, ['k', value]); value = map; }
        }
        return value;
      };
      defineProperty(global, '__fuzzHelpers', { value: H });

      const harness = create(null);
      const hit = () => { hits++; };
      // Keys the host's own objects and frames use, and what a JSON.stringify or a lookup may read.
      const pollutedKeys = ['0', '1', '2', 'a', 'b', 'c', 'd', 'e', 'f', 'i', 'k', 'l', 'm', 'n', 'o', 'r', 's', 't', 'v',
        '\u0001', 'kind', 'source', 'out', 'target', 'key', 'list', 'index', 'stage', 'extra', 'memory', 'frames', 'count',
        'message', 'cause', 'errors', 'reason', 'error', 'text', 'ok', 'value', 'then', 'get', 'set', 'enumerable',
        'writable', 'configurable', 'toJSON', 'input', 'callee', 'prototype'];
      harness.pollute = (flags) => {
        // (Index loops only: the pollution replaces the array iterator.)
        if (flags & 1) {
          const protos = [Object.prototype, Array.prototype];
          for (let p = 0; p < protos.length; p++) {
            const proto = protos[p];
            for (let i = 0; i < pollutedKeys.length; i++) {
              const key = pollutedKeys[i];
              if (getOwnDesc(proto, key)) continue;
              defineProperty(proto, key, { __proto__: null, get() { hit(); return undefined; }, set(x) { hit(); }, configurable: true });
            }
            const constructor = proto.constructor;
            defineProperty(proto, 'constructor', { __proto__: null, get() { hit(); return constructor; }, configurable: true });
          }
        }
        if (flags & 2) {
          const replace = (object, key) => {
            const desc = getOwnDesc(object, key);
            if (!desc || !desc.configurable) return;
            // (The error from the Error taken first: `new Error` would call the replaced global, itself.)
            defineProperty(object, key, { __proto__: null, value: function polluted() { hit(); throw new ErrorCtor('polluted'); }, writable: true, configurable: true });
          };
          const replaced = [
            [Array.prototype, ['push', 'pop', 'slice', 'map', 'forEach', 'join', 'indexOf', 'includes', 'splice', 'concat', 'filter', Symbol.iterator]],
            [Object, ['keys', 'getPrototypeOf', 'setPrototypeOf', 'create', 'getOwnPropertyDescriptor', 'hasOwn', 'entries', 'assign']],
            [JSON, ['stringify', 'parse']],
            [Map.prototype, ['get', 'set', 'has', 'forEach', 'entries', Symbol.iterator]],
            [Set.prototype, ['add', 'has', 'forEach', 'values', Symbol.iterator]],
            [WeakMap.prototype, ['get', 'set', 'has']],
            [WeakSet.prototype, ['add', 'has']],
            [String.prototype, ['slice', 'charCodeAt', 'startsWith', 'toString']],
            [Function.prototype, ['call', 'apply', 'bind']],
            [Reflect, ['apply', 'ownKeys', 'get']],
            [Array, ['isArray']],
            [global, ['Map', 'Set', 'WeakMap', 'WeakSet', 'Uint8Array', 'Uint16Array', 'DataView', 'ArrayBuffer', 'Date', 'RegExp', 'Error']],
          ];
          for (let i = 0; i < replaced.length; i++) {
            for (let j = 0; j < replaced[i][1].length; j++) replace(replaced[i][0], replaced[i][1][j]);
          }
        }
        if (flags & 4) {
          defineProperty(Object.prototype, Symbol.toStringTag, { __proto__: null, get() { return undefined; }, configurable: true });
        }
      };

      // Whether build() runs without throwing.
      harness.buildWorks = () => { try { harness.build(); return true; } catch (e) { return false; } };
      // Calls `fn(argument)`: a JSON record {ok, text (what serializeMessage returned), error, hits}; what it
      // returned is kept for `last`.
      harness.run = (fn, argument, serializing) => {
        const before = hits;
        let ok = true;
        let result;
        let error;
        try { result = fn(argument); } catch (e) { ok = false; error = describeError(e); }
        last = result;
        const record = { __proto__: null, ok, text: serializing ? result : undefined, error, hits: hits - before };
        return stringify(record);
      };
      harness.last = () => last;
      // JSON.stringify(build() ?? null) with the built-in: {ok, text, error, hits}.
      harness.expectedJSON = () => {
        const before = hits;
        let text;
        let error;
        try { const value = harness.build(); text = stringify(value === undefined ? null : value); } catch (e) { error = describeError(e); }
        const record = { __proto__: null, ok: text !== undefined, text, error, hits: hits - before };
        return stringify(record);
      };
      function describeError(e) {
        if (e === null || (typeof e !== 'object' && typeof e !== 'function')) return 'thrown ' + typeof e;
        try { return StringCtor(e.name) + ': ' + StringCtor(e.message); } catch (x) { return 'unreadable error'; }
      }

      // A text naming everything of `value` that structured clone keeps, objects numbered in the order met (so
      // shared references and cycles show), read through own data properties only, without recursion.
      harness.describe = (value) => {
        const ids = new WeakMapCtor();
        let count = 0;
        let out = '';
        // (Explicit tops: shortening a prototype-less array is slow in JavaScriptCore.)
        const stack = list();
        const isToken = list();
        stack[0] = value;
        isToken[0] = false;
        let top = 1;
        while (top > 0) {
          top--;
          const token = isToken[top];
          const v = stack[top];
          stack[top] = undefined;
          if (token) { out += v; continue; }
          const pending = list();
          const pendingTokens = list();
          const later = (x, asToken) => { pending[pending.length] = x; pendingTokens[pendingTokens.length] = asToken; };
          switch (typeof v) {
            case 'number': out += ObjectIs(v, -0) ? '-0' : StringCtor(v); break;
            case 'string': out += stringify(v); break;
            case 'bigint': out += StringCtor(v) + 'n'; break;
            case 'undefined': case 'boolean': case 'symbol': out += typeof v === 'symbol' ? 'symbol' : StringCtor(v); break;
            default: {
              if (v === null) { out += 'null'; break; }
              const id = apply(weakMapGet, ids, [v]);
              if (id !== undefined) { out += '#' + id; break; }
              apply(weakMapSet, ids, [v, count++]);
              const tag = apply(objectToString, v, []);
              out += apply(stringSlice, tag, [8, -1]) + '(';
              let keys = keysOf(v);
              if (isArray(v)) {
                out += 'length ' + v.length + ' ';
              } else if (tag === '[object Map]') {
                apply(mapForEach, v, [(x, k) => { later(k, false); later(' => ', true); later(x, false); later(', ', true); }]);
                keys = list();
              } else if (tag === '[object Set]') {
                apply(setForEach, v, [(x) => { later(x, false); later(', ', true); }]);
                keys = list();
              } else if (tag === '[object Date]') {
                out += StringCtor(apply(dateGetTime, v, []));
                keys = list();
              } else if (tag === '[object RegExp]') {
                out += apply(regexpToString, v, []);
                keys = list();
              } else if (tag === '[object ArrayBuffer]') {
                const bytes = new Uint8ArrayCtor(v);
                for (let i = 0; i < bytes.length; i++) out += bytes[i] + ' ';
                out += 'max ' + apply(abMaxByteLength, v, []);
                keys = list();
              } else if (tag === '[object DataView]') {
                out += apply(dvByteOffset, v, []) + ' ' + apply(dvByteLength, v, []) + ' ';
                later(apply(dvBuffer, v, []), false);
                keys = list();
              } else if (apply(taName, v, []) !== undefined) {
                out += apply(taByteOffset, v, []) + ' ' + apply(taLength, v, []) + ' ';
                later(apply(taBuffer, v, []), false);
                keys = list();
              } else if (tag === '[object Error]') {
                const message = getOwnDesc(v, 'message');
                out += StringCtor(v.name) + ': ' + (message ? stringify(message.value) : '-') + ' ';
                const cause = getOwnDesc(v, 'cause');
                if (cause) { later('cause ', true); later(cause.value, false); }
                const errors = getOwnDesc(v, 'errors');
                if (errors) { later(' errors ', true); later(errors.value, false); }
                keys = list();
              } else {
                for (let i = 0; i < valueOfs.length; i++) {
                  try { const x = apply(valueOfs[i], v, []); later(x, false); keys = list(); break; } catch (e) {}
                }
              }
              for (let i = 0; i < keys.length; i++) {
                const desc = getOwnDesc(v, keys[i]);
                later(stringify(keys[i]) + ': ', true);
                if (desc && hasOwn(desc, 'value')) later(desc.value, false); else later('<accessor>', true);
                later(', ', true);
              }
              later(')', true);
              for (let i = pending.length - 1; i >= 0; i--) { stack[top] = pending[i]; isToken[top] = pendingTokens[i]; top++; }
            }
          }
        }
        return out;
      };
      return harness;
    })(globalThis)
    """#
}
