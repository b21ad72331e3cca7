import BrowserModel
import Foundation

/// What Chromium's `chrome.test.getConfig()` answers: the values its C++ test harness sets.
public struct TestConfig: Sendable, Equatable {
    /// `customArg`: a string the test was given.
    public var customArg: String?
    /// `testServer.port`: the port of the server that serves the test's pages.
    public var testServerPort: Int?

    /// Creates a configuration.
    public init(customArg: String? = nil, testServerPort: Int? = nil) {
        self.customArg = customArg
        self.testServerPort = testServerPort
    }

    /// The port of the first site mapping's origin: where a test finds its pages (Chromium's
    /// harness gives the port of the server it started for them).
    public static func serverPort(of mappings: [SiteMapping]) -> Int? {
        mappings.first.flatMap { URL(string: $0.origin)?.port }
    }

    /// Whether anything is set (Chromium answers `getConfig` with an error when nothing is).
    public var isEmpty: Bool { customArg == nil && testServerPort == nil }

    /// The `testConfig` object as JSON, with only the members that are set.
    var jsonText: String {
        var fields: [(String, JSONValue)] = []
        if let customArg { fields.append(("customArg", .string(customArg))) }
        if let testServerPort { fields.append(("testServer", .object([("port", .int(testServerPort))]))) }
        return JSONValue.object(fields).jsonText
    }
}
