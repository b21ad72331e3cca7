// One input of the message-serialization fuzzer (Fuzz/SerializationFuzz.swift), shared with the tests that replay
// what it kept (SerializationFuzzRegressionTests): the fuzz bytes, read as a sequence of choices, become a JavaScript
// program that builds a hostile value, and `SerializationFuzzOracle` sends that value through the real
// serializeMessage / deserializeMessage of both flavors, in real exthost contexts, and checks the outcome.
//
// The program: `pollution` says what the harness changes in every context before anything is sent (accessors on
// Object.prototype and Array.prototype that count their calls, built-in methods replaced by ones that count and
// throw, a Symbol.toStringTag getter); `build` is the body of a function that makes a new, equal value each time it
// is called (getters only change objects of that value, so building twice gives the same behaviour twice).

import Foundation

/// A fuzz input decoded into the program that builds the value to send.
struct SerializationFuzzCase: CustomStringConvertible {
    /// What the harness changes in every context before the value is built (a set of `Pollution` bits).
    let pollution: Int
    /// The body of `function build()`, which returns the value.
    let build: String
    /// The value holds only what structured clone copies exactly (no getters, proxies, functions, symbols, class
    /// instances or extra array properties), so what arrives must have the same structure.
    let cloneableOnly: Bool
    /// The most levels of one `H.nest` (0 if none): the chrome oracle skips JSON.stringify of very deep values, which
    /// JavaScriptCore takes seconds to refuse.
    let deepestNest: Int
    /// The value may hold an array of more than 10^6 elements: the chrome oracle skips JSON.stringify, which would take
    /// minutes to write its holes.
    let hasHugeArray: Bool

    /// The bits of `pollution`.
    enum Pollution {
        /// Counting accessors for keys the host's objects use, on Object.prototype and Array.prototype.
        static let accessors = 1
        /// Built-in methods and constructors replaced by functions that count and throw.
        static let builtins = 2
        /// A Symbol.toStringTag getter on Object.prototype.
        static let toStringTag = 4
    }

    var description: String { "pollution \(pollution)\nfunction build() {\n\(build)}" }

    /// Decodes `bytes`; any bytes give a program (missing bytes read as 0, the simplest choice).
    init(bytes: [UInt8]) {
        var generator = SerializationProgramGenerator(bytes: bytes)
        let pollutionChoice = generator.choose(32) // most cases pollute nothing (their contexts are kept: faster)
        pollution = pollutionChoice < 8 ? pollutionChoice : 0
        let root = generator.value(depth: 0)
        build = generator.statements.joined(separator: "\n") + "\nreturn \(root);\n"
        cloneableOnly = generator.cloneableOnly
        deepestNest = generator.deepestNest
        hasHugeArray = generator.hasHugeArray
    }
}

/// Turns fuzz bytes into the statements of `build`, choice by choice.
struct SerializationProgramGenerator {
    private let bytes: [UInt8]
    private var position = 0
    /// The statements so far.
    private(set) var statements: [String] = []
    /// Whether everything made so far is cloned exactly.
    private(set) var cloneableOnly = true
    /// The deepest `H.nest` so far.
    private(set) var deepestNest = 0
    /// Whether an array of more than 10^6 elements was made.
    private(set) var hasHugeArray = false
    /// Variables holding the objects made so far, for shared references and cycles.
    private var objects: [String] = []
    /// Variables holding the arrays made so far (a getter may empty one).
    private var arrays: [String] = []

    init(bytes: [UInt8]) { self.bytes = bytes }

    static let maximumDepth = 6
    static let numbers = ["0", "-0", "1.5", "NaN", "Infinity", "-Infinity", "2 ** 53", "1e21", "-1", "4294967295"]
    static let strings = [#"''"#, #"'a'"#, #"'\u0001'"#, #"'\ud800'"#, #"'x'.repeat(70000)"#, #"'"\\'"#, #"'__proto__'"#, #"'é😀'"#]
    static let keys = ["'a'", "'b'", "'0'", "'1'", "'__proto__'", #"'\u0001'"#, "'toJSON'", "'length'", "'k'", "'v'", "'constructor'", "'10'"]
    static let nestDepths = [1, 10, 1000, 2402, 2403, 2602, 2603, 4000, 20000, 100000]

    /// A number in 0..<count from the next byte (0 once the bytes are used up).
    mutating func choose(_ count: Int) -> Int {
        guard position < bytes.count else { return 0 }
        defer { position += 1 }
        return Int(bytes[position]) % count
    }

    private mutating func variable() -> String {
        "v\(objects.count)"
    }

    private mutating func emit(_ statement: String) {
        statements.append(statement)
    }

    /// A JavaScript expression for a new value (emitting the statements that make it).
    mutating func value(depth: Int) -> String {
        if depth >= Self.maximumDepth { return primitive() }
        switch choose(22) {
        case 0, 1, 2: return primitive()
        case 3:
            return ["0n", "-12345678901234567890n"][choose(2)]
        case 4:
            cloneableOnly = false
            return "Symbol('s')"
        case 5: return container("{}", depth: depth, getters: false)
        case 6: return container("[]", depth: depth, getters: false)
        case 7: return collection("new H.Map()", adding: "H.mapSet", pairs: true, depth: depth)
        case 8: return collection("new H.Set()", adding: "H.setAdd", pairs: false, depth: depth)
        case 9: return views()
        case 10: return ["new H.Date(0)", "new H.Date(NaN)", "new H.Date(8.64e15)"][choose(3)]
        case 11: return ["/a(b)c/gi", "/x/dsuy", "new H.RegExp('a|b', 'y')", "/\\//"][choose(4)]
        case 12: return error(depth: depth)
        case 13:
            guard !objects.isEmpty else { return primitive() }
            return objects[choose(objects.count)]
        case 14:
            cloneableOnly = false
            return container(choose(2) == 0 ? "{}" : "[]", depth: depth, getters: true)
        case 15:
            cloneableOnly = false
            let target = container(choose(2) == 0 ? "{}" : "[]", depth: depth, getters: false)
            return "H.proxy(\(target), \(choose(3)))"
        case 16:
            cloneableOnly = false
            return ["function f() {}", "H.Promise.resolve(1)", "new H.WeakMap()", "new (class K { constructor() { this.x = 1; } m() {} })()",
                    "(function () { return arguments; })(1, 2)", "Math", "H.bound", "H.detached()", "globalThis"][choose(9)]
        case 17:
            let wrappers = ["Object(-0)", "new String('s')", "Object(1n)", "new Boolean(false)", "Object(Symbol('w'))"]
            let choice = choose(wrappers.count)
            if choice == 4 { cloneableOnly = false }
            return wrappers[choice]
        case 18:
            let levels = Self.nestDepths[choose(Self.nestDepths.count)]
            deepestNest = max(deepestNest, levels)
            let leaf = value(depth: Self.maximumDepth - 1)
            return "H.nest(\(choose(4)), \(levels), \(leaf))"
        case 19:
            let name = variable()
            objects.append(name)
            arrays.append(name)
            let lengthChoice = choose(5)
            let length = ["5", "1e6", "2 ** 32 - 1", "1e9", "2 ** 25"][lengthChoice]
            if lengthChoice >= 2 { hasHugeArray = true }
            emit("const \(name) = []; \(name).length = \(length);")
            for _ in 0..<choose(3) {
                let indexChoice = choose(4)
                let index = ["0", "3", "999999", "2 ** 32 - 2"][indexChoice]
                if indexChoice == 3 { hasHugeArray = true } // (the length becomes 2^32 - 1)
                emit("H.set(\(name), \(index), \(value(depth: depth + 1)));")
            }
            return name
        case 20:
            let start = ["H.create(null)", #"{'\u0001': 'tag'}"#, "{toJSON() { return 'j'; }}", "H.create(null)"][choose(4)]
            if start.contains("toJSON") { cloneableOnly = false }
            return container(start, depth: depth, getters: false)
        default:
            let name = variable()
            objects.append(name)
            if choose(2) == 0 {
                emit("const \(name) = /a(?<g>b)/.exec('xab');")
            } else {
                cloneableOnly = false // an array's extra named properties are dropped (a known difference)
                emit("const \(name) = [1, 2]; H.set(\(name), 'extra', \(value(depth: depth + 1)));")
            }
            return name
        }
    }

    private mutating func primitive() -> String {
        switch choose(4) {
        case 0: return Self.numbers[choose(Self.numbers.count)]
        case 1: return Self.strings[choose(Self.strings.count)]
        case 2: return ["true", "false", "null", "undefined"][choose(4)]
        default: return "\(choose(256))"
        }
    }

    /// An object or array made by `start` with a few members, data properties or getters.
    private mutating func container(_ start: String, depth: Int, getters: Bool) -> String {
        let name = variable()
        objects.append(name)
        if start == "[]" { arrays.append(name) }
        emit("const \(name) = \(start);")
        let isArray = start == "[]"
        for index in 0..<choose(5) {
            var key = isArray && choose(3) != 0 ? "\(index + choose(3))" : Self.keys[choose(Self.keys.count)]
            // (An array's length set to an array would make build() join 2^32 - 1 elements: the program, not the host, hangs.)
            if isArray && key == "'length'" { key = "'0'" }
            if isArray && !["'0'", "'1'", "'10'"].contains(key) && Int(key) == nil {
                cloneableOnly = false // an array's extra named properties are dropped (a known difference)
            }
            let member = value(depth: depth + 1)
            if getters && choose(2) == 0 {
                emit("H.getter(\(name), \(key), () => { \(getterAction(of: name)) return \(member); });")
            } else {
                emit("H.set(\(name), \(key), \(member));")
            }
        }
        return name
    }

    /// What a getter does before it returns: nothing, delete or add a key, throw, or empty an array.
    private mutating func getterAction(of name: String) -> String {
        switch choose(6) {
        case 1: return "delete \(name)[\(Self.keys[choose(Self.keys.count)])];"
        case 2: return "H.set(\(name), 'added', 1);"
        case 3: return "throw new H.Error('boom');"
        case 4:
            guard !arrays.isEmpty else { return "" }
            return "\(arrays[choose(arrays.count)]).length = 0;"
        case 5: return "H.set(\(name), \(Self.keys[choose(Self.keys.count)]), H.nest(0, 3, 1));"
        default: return ""
        }
    }

    private mutating func collection(_ start: String, adding add: String, pairs: Bool, depth: Int) -> String {
        let name = variable()
        objects.append(name)
        emit("const \(name) = \(start);")
        for _ in 0..<choose(4) {
            let first = value(depth: depth + 1)
            if pairs {
                let second = value(depth: depth + 1)
                emit("\(add)(\(name), \(first), \(second));")
            } else {
                emit("\(add)(\(name), \(first));")
            }
        }
        return name
    }

    /// Views on shared buffers: typed arrays of several kinds and a DataView, alone or together.
    private mutating func views() -> String {
        let name = variable()
        objects.append(name)
        let buffer = ["new H.ArrayBuffer(16)", "new H.ArrayBuffer(8, {maxByteLength: 32})", "H.filledBuffer(24)"][choose(3)]
        emit("const \(name) = \(buffer);")
        let all = ["new Uint8Array(\(name))", "new Float64Array(\(name), 8, 1)", "new DataView(\(name), 2, 4)",
                   "new BigInt64Array(\(name), 0, 1)", "new Int16Array(\(name), 2)", "new Uint8ClampedArray(\(name), 1, 3)", name]
        switch choose(3) {
        case 0: return all[choose(all.count)]
        case 1: return "[\(all[choose(all.count)]), \(all[choose(all.count)])]"
        default: return "{p: \(all[choose(all.count)]), q: \(all[choose(all.count)]), r: \(all[choose(all.count)])}"
        }
    }

    private mutating func error(depth: Int) -> String {
        let name = variable()
        objects.append(name)
        let types = ["Error", "TypeError", "RangeError", "EvalError", "URIError", "SyntaxError", "ReferenceError"]
        switch choose(5) {
        case 0:
            emit("const \(name) = new H.AggregateError([\(value(depth: depth + 1)), \(value(depth: depth + 1))], 'agg');")
        case 1:
            emit("const \(name) = new H.\(types[choose(types.count)])('m', {cause: \(value(depth: depth + 1))});")
        case 2:
            cloneableOnly = false // a custom name becomes "Error"
            emit("const \(name) = new H.Error('named'); \(name).name = 'Custom';")
        case 3:
            cloneableOnly = false
            emit("const \(name) = new H.Error(); H.getter(\(name), 'message', () => 'from a getter');")
        default:
            emit("const \(name) = new H.\(types[choose(types.count)])(\(choose(2) == 0 ? "'msg'" : ""));")
        }
        return name
    }
}
