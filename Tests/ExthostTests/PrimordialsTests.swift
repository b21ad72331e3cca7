import Foundation
import Testing

/// js/00_0_primordials.js captures only the built-ins the host's files name (capturing every
/// method of every prototype cost each context about 300 KiB): every name a file takes from
/// `host.primordials` must be one it captures or one of the helpers it defines.
@Suite("Primordials")
struct PrimordialsTests {
    static let folder = packageRoot.appendingPathComponent("js")

    /// The names each file of js/ takes from `host.primordials`, by file.
    static func usedNames() throws -> [String: Set<String>] {
        var used: [String: Set<String>] = [:]
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() where file.hasSuffix(".js") && file != "00_0_primordials.js" {
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

    /// The names js/00_0_primordials.js provides: its `captured` list and what it assigns.
    static func providedNames() throws -> Set<String> {
        let text = try String(contentsOf: folder.appendingPathComponent("00_0_primordials.js"), encoding: .utf8)
        var names = Set<String>()
        guard let list = text.firstMatch(of: /const captured = \[([^\]]*)\]/) else { return names }
        for match in list.1.matches(of: /'([A-Za-z]+)'/) { names.insert(String(match.1)) }
        for match in text.matches(of: /primordials\.([A-Za-z_$][\w$]*)\s*=[^=]/) { names.insert(String(match.1)) }
        for match in text.matches(of: /const functions = \[([^\]]*)\]/) {
            for name in match.1.matches(of: /'([A-Za-z]+)'/) { names.insert(String(name.1)) }
        }
        return names
    }

    /// The paths js/00_0_primordials.js lists in `intrinsicPaths`.
    static func intrinsicPaths() throws -> Set<String> {
        let text = try String(contentsOf: folder.appendingPathComponent("00_0_primordials.js"), encoding: .utf8)
        guard let list = text.firstMatch(of: /const intrinsicPaths = \[([^\]]*)\]/) else { return [] }
        return Set(list.1.matches(of: /'([^']+)'/).map { String($0.1) })
    }

    @Test func everyIntrinsicAFileReadsIsCaptured() throws {
        let listed = try Self.intrinsicPaths()
        #expect(listed.count > 40, "intrinsicPaths was not found in js/00_0_primordials.js")
        var read = 0
        for file in try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).sorted() where file.hasSuffix(".js") {
            let text = try String(contentsOf: Self.folder.appendingPathComponent(file), encoding: .utf8)
            for match in text.matches(of: /intrinsics\['([^']+)'\]/) {
                read += 1
                #expect(listed.contains(String(match.1)), "js/\(file) reads intrinsics['\(match.1)'], which js/00_0_primordials.js does not capture: add it to `intrinsicPaths`")
            }
        }
        #expect(read > 30)
    }

    @Test func everyNameAFileUsesIsCaptured() throws {
        let provided = try Self.providedNames()
        #expect(provided.count > 60, "the captured list was not found in js/00_0_primordials.js")
        let used = try Self.usedNames()
        #expect(used.values.reduce(0) { $0 + $1.count } > 50, "no file seems to use host.primordials")
        for (file, names) in used.sorted(by: { $0.key < $1.key }) {
            let missing = names.subtracting(provided).sorted()
            #expect(missing.isEmpty, "js/\(file) takes \(missing.joined(separator: ", ")) from host.primordials, which js/00_0_primordials.js does not capture: add it to `captured`")
        }
    }
}
