import BrowserModel
import Foundation
import JSEngine
import Testing
@testable import Exthost

/// One case of `Fixtures/serialization-cases.json`: a value serialized in one context and read
/// in another, as a message between extension contexts crosses.
struct SerializationCase: Decodable, CustomTestStringConvertible, Sendable {
    var name: String
    var flavor: Flavor
    var code: String
    var expect: String?
    var `throws`: String?
    var testDescription: String { "\(flavor.rawValue): \(name)" }

    static func all() throws -> [SerializationCase] {
        let file = packageRoot.appendingPathComponent("Tests/ExthostTests/Fixtures/serialization-cases.json")
        return try JSONDecoder().decode([SerializationCase].self, from: Data(contentsOf: file))
    }
}

@Suite("Message serialization")
struct SerializationTests {
    /// Calls `function` with `value`: what it returned, or what it threw.
    static func call(_ function: ScriptValue, with value: ScriptValue) -> Result<ScriptValue, ScriptError> {
        do {
            return .success(try function.call([value]))
        } catch {
            return .failure(error.scriptError)
        }
    }

    @Test(arguments: try SerializationCase.all())
    func serializationCase(_ testCase: SerializationCase) throws {
        let directory = try TemporaryExtension(files: ["manifest.json": TemporaryExtension.manifest(), "bg.js": ""]).directory
        let host = ExtensionHost(options: HostOptions(flavor: testCase.flavor)) { _ in }
        let instance = try host.loadExtension(at: directory)
        let sender = host.makeContext(kind: .background, owner: instance, url: instance.url(of: "sender.js"))
        let receiver = host.makeContext(kind: .background, owner: instance, url: instance.url(of: "receiver.js"))
        let value = try sender.script.evaluate("(\(testCase.code))", sourceURL: "case.js")
        let serialize = try sender.messageSerialization().serialize
        let outcome = Self.call(serialize, with: value)
        if case .failure(let thrown) = outcome {
            #expect(testCase.throws == thrown.message, "threw \(thrown.summary)")
            return
        }
        #expect(testCase.throws == nil, "expected it to throw \(testCase.throws ?? "")")
        guard case .success(let text) = outcome else { return }
        let deserialize = try receiver.messageSerialization().deserialize
        let received = try deserialize.call([receiver.script.string(text.stringValue ?? "")])
        try receiver.script.global.setProperty("received", received)
        let holds = try receiver.script.evaluate(try #require(testCase.expect), sourceURL: "expect.js")
        #expect(holds.booleanValue, "\(testCase.expect ?? "")")
    }
}
