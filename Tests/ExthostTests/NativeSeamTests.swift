@testable import Exthost
import BrowserModel
import JSEngine
import Testing

/// The natives the host's JavaScript calls (Sources/Exthost/ExtensionContext+Natives.swift) are
/// grouped by concern, check their arguments, and have one result convention: a result, or a throw.
@Suite("Native seam")
struct NativeSeamTests {
    /// Calls `host.native.<group>.<name>(arguments)` in a background context; what it returned or
    /// threw (`name: message`).
    static func call(_ group: String, _ name: String, _ arguments: (ScriptContext) -> [ScriptValue]) throws -> String {
        let probe = try HostModuleTests.Probe(flavor: .chrome)
        let context = probe.context
        guard let hostObject = context.hostObject else { return "no host" }
        let function = try hostObject.property("native").property(group).property(name)
        #expect(function.isFunction, "host.native.\(group).\(name)")
        let result: ScriptValue
        do {
            result = try function.call(arguments(context.script))
        } catch {
            let error = error.scriptError
            return "\(error.name ?? "?"): \(error.message)"
        }
        return "returned " + (try result.jsonString() ?? "undefined")
    }

    @Test(arguments: [
        ("port", "post", "TypeError: port.post: argument 1 (port id) must be an integer."),
        ("api", "call", "TypeError: api.call: argument 1 (method) must be a string."),
        ("console", "message", "TypeError: console.message: argument 1 (level) must be a string."),
        ("engine", "loadModule", "TypeError: engine.loadModule: argument 1 (module name) must be a string."),
    ])
    func aNativeGivenWhatTheHostNeverPassesThrowsATypeError(group: String, name: String, expected: String) throws {
        // (A string where the port id goes, a number where every other first argument goes.)
        #expect(try Self.call(group, name) { [group == "port" ? $0.string("1") : $0.number(1), $0.number(2)] } == expected)
    }

    @Test func argumentsOfTheWrongShapeAreTypeErrorsToo() throws {
        #expect(try Self.call("api", "call") { [$0.string("url.parse"), $0.string("{}")] }
            == "TypeError: api.call: argument 2 (arguments JSON) must be the JSON text of an array.")
        #expect(try Self.call("console", "message") { [$0.string("loud"), $0.string("x")] }
            == "TypeError: console.message: argument 1 (level) must be a console level, not loud.")
        #expect(try Self.call("port", "respond") { [$0.number(1), $0.number(2)] }
            == "TypeError: port.respond: argument 2 (message text) must be a string.")
        #expect(try Self.call("engine", "loadModule") { [$0.string("nothing")] }
            == "TypeError: engine.loadModule: this context has no module nothing.")
    }

    @Test func anAPICallReturnsItsResultOrThrows() throws {
        #expect(try Self.call("api", "call") { [$0.string("url.parse"), $0.string("[\"not a url\"]")] } == "returned null")
        #expect(try Self.call("api", "call") { [$0.string("url.parse"), $0.string("[\"http://a/b\"]")] }.contains("\"pathname\":\"/b\""))
        #expect(try Self.call("api", "call") { [$0.string("no.such.function"), $0.string("[]")] }.hasPrefix("Error: "))
    }
}
