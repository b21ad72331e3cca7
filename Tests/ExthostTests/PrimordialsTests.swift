import Foundation
import JSEngine
import Testing

/// js/00_0_builtins.js takes only the built-ins the host's files name (taking every method of every
/// prototype cost each context about 300 KiB): every name a file takes from `host.primordials` must
/// be one it takes or one of the helpers js/00_2_primordials.js defines, and every path a file reads
/// from `primordials.intrinsics` one it takes. A module of the host's own realm may also use what
/// js/00_0_format_builtins.js adds there (Sources/Exthost/HostRealm.swift).
@Suite("Primordials")
struct PrimordialsTests {
    static let folder = packageRoot.appendingPathComponent("js")

    /// The names each file of js/ takes from `host.primordials`, by file.
    static func usedNames() throws -> [String: Set<String>] {
        var used: [String: Set<String>] = [:]
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        where file.hasSuffix(".js") && !file.hasPrefix("00_0_") && file != "00_2_primordials.js" {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            var names = Set<String>()
            for match in text.matches(of: /(?:^|[^\w\/])primordials\.([A-Za-z_$][\w$]*)/) { names.insert(String(match.1)) }
            for match in text.matches(of: /const\s*\{([^}]*)\}\s*=\s*host\.primordials/) {
                for part in match.1.split(separator: ",") {
                    let name = part.split(separator: ":").first.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
                    if !name.isEmpty { names.insert(name) }
                }
            }
            used[file] = names
        }
        return used
    }

    /// The files that take built-ins for a module of `file`: js/00_0_builtins.js, and for a module
    /// of the host's realm (`// exthost:realm host`) also js/00_0_format_builtins.js.
    static func captures(for file: String) throws -> [String] {
        let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
        let runsInHostRealm = text.split(separator: "\n").prefix(20).contains { $0.hasPrefix("// exthost:realm") && $0.contains("host") }
        return runsInHostRealm ? ["00_0_builtins.js", "00_0_format_builtins.js"] : ["00_0_builtins.js"]
    }

    /// The keys of the object literal `name: { ... }` in `files`.
    static func builtinKeys(_ name: String, in files: [String] = ["00_0_builtins.js"]) throws -> [String] {
        try files.flatMap { try builtinKeys(name, file: $0) }
    }

    static func builtinKeys(_ name: String, file: String) throws -> [String] {
        let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
        guard let start = text.range(of: "    \(name): {\n") else { return [] }
        var keys: [String] = []
        for line in text[start.upperBound...].split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("},") { break }
            if trimmed.hasPrefix("__proto__") { continue }
            if let match = trimmed.firstMatch(of: /^'([^']+)':|^([A-Za-z_$][\w$]*):/) {
                keys.append(String(match.1 ?? match.2 ?? ""))
            }
        }
        return keys
    }

    /// The names `host.primordials` has: js/00_0_builtins.js's `plain` and `uncurried` lists and
    /// what js/00_2_primordials.js assigns.
    static func providedNames(in files: [String] = ["00_0_builtins.js"]) throws -> Set<String> {
        var names = Set(try builtinKeys("plain", in: files) + builtinKeys("uncurried", in: files))
        let text = try String(contentsOf: folder.appendingPathComponent("00_2_primordials.js"), encoding: .utf8)
        for match in text.matches(of: /primordials\.([A-Za-z_$][\w$]*)\s*=[^=]/) { names.insert(String(match.1)) }
        return names
    }

    @Test func everyIntrinsicAFileReadsIsCaptured() throws {
        #expect(try Self.builtinKeys("intrinsics").count > 25, "the intrinsics list was not found in js/00_0_builtins.js")
        var read = 0
        for file in try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).sorted() where file.hasSuffix(".js") && !file.hasPrefix("00_0_") {
            let captures = try Self.captures(for: file)
            let listed = Set(try Self.builtinKeys("intrinsics", in: captures))
            let text = try String(contentsOf: Self.folder.appendingPathComponent(file), encoding: .utf8)
            for match in text.matches(of: /intrinsics\['([^']+)'\]/) {
                read += 1
                #expect(listed.contains(String(match.1)), "js/\(file) reads intrinsics['\(match.1)'], which \(captures.joined(separator: " and ")) do not take: add it to `intrinsics`")
            }
        }
        #expect(read > 30)
    }

    @Test func everyNameAFileUsesIsCaptured() throws {
        #expect(try Self.providedNames().count > 60, "the lists were not found in js/00_0_builtins.js")
        let used = try Self.usedNames()
        #expect(used.values.reduce(0) { $0 + $1.count } > 50, "no file seems to use host.primordials")
        for (file, names) in used.sorted(by: { $0.key < $1.key }) {
            let captures = try Self.captures(for: file)
            let missing = names.subtracting(try Self.providedNames(in: captures)).sorted()
            #expect(missing.isEmpty, "js/\(file) takes \(missing.joined(separator: ", ")) from host.primordials, which \(captures.joined(separator: " and ")) do not take: add it to `plain` or `uncurried`")
        }
    }

    /// `MathTrunc` and `MathFloor` are the host's own (reading `Math` would make the engine build
    /// it in every context): they answer as `Math.trunc` and `Math.floor` do, -0, NaN and the
    /// infinities included.
    @Test func truncAndFloorAnswerAsMathDoes() throws {
        let source = try String(contentsOf: Self.folder.appendingPathComponent("00_0_builtins.js"), encoding: .utf8)
        var module = source.trimmingCharacters(in: .whitespacesAndNewlines)
        if module.hasSuffix(";") { module.removeLast() }
        let context = ScriptContext(machine: VirtualMachine(), name: "primordials")
        let script = """
            const host = {};
            (\(module)
            )(host);
            const { MathTrunc, MathFloor } = host.builtins.plain;
            const values = [0, -0, 0.5, -0.5, 1, -1, 1.5, -1.5, 2.9999, -2.0001, 1e20, -1e20, 2 ** 52 + 0.5, 2 ** 53, -(2 ** 52) - 0.5,
              NaN, Infinity, -Infinity, 1e-300, -1e-300, 4294967295.7, -4294967296.2, Number.MAX_VALUE, -Number.MIN_VALUE, '7.5', null];
            for (let i = 1; i < 2000; i++) values.push((i % 2 ? -1 : 1) * (i * 7919 % 10007) / (i % 97 + 1) * 10 ** (i % 31 - 15));
            const wrong = values.filter((v) => !Object.is(MathTrunc(v), Math.trunc(v)) || !Object.is(MathFloor(v), Math.floor(v)));
            JSON.stringify(wrong.map(String)) + ' of ' + values.length;
            """
        #expect(try context.evaluate(script, sourceURL: "test:///primordials.js").stringValue == "[] of 2025")
    }
}
