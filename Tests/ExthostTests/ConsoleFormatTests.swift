import Exthost
import Foundation
import Testing

/// One case of `Fixtures/console-cases.json`: code run in a background, and the lines it must print.
struct ConsoleCase: Decodable, CustomTestStringConvertible, Sendable {
    struct Line: Decodable, Equatable, Sendable {
        var level: String
        var text: String
    }
    var name: String
    var code: String
    var lines: [Line]
    var testDescription: String { name }

    static func all() throws -> [ConsoleCase] {
        let file = packageRoot.appendingPathComponent("Tests/ExthostTests/Fixtures/console-cases.json")
        return try JSONDecoder().decode([ConsoleCase].self, from: Data(contentsOf: file))
    }
}

@Suite("Console formatting")
struct ConsoleFormatTests {
    @Test(arguments: try ConsoleCase.all())
    func consoleCase(_ testCase: ConsoleCase) throws {
        let run = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(),
            "bg.js": testCase.code,
        ])
        let lines = run.messages.map { ConsoleCase.Line(level: $0.level.rawValue, text: $0.text) }
        #expect(lines == testCase.lines)
    }
}
