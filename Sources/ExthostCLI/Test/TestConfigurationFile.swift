import BrowserModel
import Exthost
import Foundation

/// `exthost.json`: what `exthost test` runs and how, kept with the project instead of on the
/// command line (an option given on the command line wins). Paths in it are relative to its folder.
///
/// ```json
/// {
///   "tests": ["tests/"],
///   "flavors": ["chrome", "firefox"],
///   "sites": {"http://127.0.0.1:8000": "tests/site"},
///   "open": ["http://127.0.0.1:8000/index.html"],
///   "reporters": ["list", "junit=reports/junit.xml"],
///   "timeout": 30
/// }
/// ```
struct TestConfigurationFile {
    var tests: [String]?
    var flavors: [Flavor]?
    var sites: [String]?
    var open: [String]?
    var reporters: [String]?
    var harness: TestHarness?
    var timeout: Double?
    var maxTime: Double?
    var scriptTimeout: Double?
    var jobs: Int?
    var customArg: String?
    var network: Bool?
    var keepAlive: Bool?
    var withExtensions: [String]?

    /// Every key the file may hold, with what it holds.
    static let keys: [(name: String, holds: String)] = [
        ("tests", "an array of paths: extension folders, or folders to search"),
        ("flavors", "an array of \"chrome\" and \"firefox\""),
        ("sites", "an object of origin: folder"),
        ("open", "an array of URLs"),
        ("reporters", "an array of \"NAME\" or \"NAME=FILE\""),
        ("harness", "\"chrome\" or \"firefox\""),
        ("timeout", "seconds of the wall clock per test"),
        ("maxTime", "seconds of a test's (virtual) clock"),
        ("scriptTimeout", "seconds of CPU a script task may take"),
        ("jobs", "how many tests run at once"),
        ("customArg", "a string: chrome.test.getConfig()'s customArg"),
        ("network", "true to let fetch and XMLHttpRequest reach real servers"),
        ("keepAlive", "true to keep service workers and event pages running when idle"),
        ("withExtensions", "an array of extension folders loaded before each one tested"),
    ]

    /// Reads the file at `url`.
    static func load(_ url: URL) throws(TestConfigurationError) -> TestConfigurationFile {
        let name = url.path
        guard let data = FileManager.default.contents(atPath: url.path) else { throw TestConfigurationError("\(name): cannot read the file") }
        do {
            _ = try JSONSerialization.jsonObject(with: data)
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
            throw TestConfigurationError("\(name): not JSON: \(detail)")
        }
        guard let value = JSONValue.parse(String(decoding: data, as: UTF8.self)), case .object(let members) = value else {
            throw TestConfigurationError("\(name): the file must hold one JSON object")
        }
        let folder = url.deletingLastPathComponent()
        func resolve(_ path: String) -> String { URL(fileURLWithPath: path, relativeTo: folder).standardizedFileURL.path }
        var file = TestConfigurationFile()
        for (key, member) in members {
            func wrong() -> TestConfigurationError {
                let holds = keys.first { $0.name == key }?.holds ?? ""
                return TestConfigurationError("\(name): \"\(key)\" must be \(holds), not \(member.jsonText)")
            }
            func strings() throws(TestConfigurationError) -> [String] {
                guard case .array(let items) = member else { throw wrong() }
                var list: [String] = []
                for item in items {
                    guard let text = item.stringValue else { throw wrong() }
                    list.append(text)
                }
                return list
            }
            func seconds() throws(TestConfigurationError) -> Double {
                guard case .number(let number) = member, number > 0, number.isFinite else { throw wrong() }
                return number
            }
            switch key {
            case "tests": file.tests = try strings().map(resolve)
            case "flavors":
                var flavors: [Flavor] = []
                for text in try strings() {
                    guard let flavor = Flavor(rawValue: text) else { throw wrong() }
                    flavors.append(flavor)
                }
                guard !flavors.isEmpty else { throw wrong() }
                file.flavors = flavors
            case "sites":
                guard case .object(let sites) = member else { throw wrong() }
                var list: [String] = []
                for (origin, folderValue) in sites {
                    guard let path = folderValue.stringValue else { throw wrong() }
                    list.append(origin + "=" + resolve(path))
                }
                file.sites = list
            case "open": file.open = try strings()
            case "reporters": file.reporters = try strings().map { text in
                // (A reporter's file is relative to this file's folder too.)
                let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
                return parts.count == 2 ? parts[0] + "=" + resolve(parts[1]) : text
            }
            case "harness":
                guard let text = member.stringValue, let harness = TestHarness(rawValue: text) else { throw wrong() }
                file.harness = harness
            case "timeout": file.timeout = try seconds()
            case "maxTime": file.maxTime = try seconds()
            case "scriptTimeout": file.scriptTimeout = try seconds()
            case "jobs":
                guard let jobs = member.intValue, jobs >= 1 else { throw wrong() }
                file.jobs = jobs
            case "customArg":
                guard let text = member.stringValue else { throw wrong() }
                file.customArg = text
            case "network":
                guard let flag = member.boolValue else { throw wrong() }
                file.network = flag
            case "keepAlive":
                guard let flag = member.boolValue else { throw wrong() }
                file.keepAlive = flag
            case "withExtensions": file.withExtensions = try strings().map(resolve)
            default:
                throw TestConfigurationError(
                    "\(name): unknown key \"\(key)\" (the keys are \(keys.map(\.name).joined(separator: ", ")))")
            }
        }
        return file
    }
}

/// An `exthost.json` that cannot be used, and why.
struct TestConfigurationError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
