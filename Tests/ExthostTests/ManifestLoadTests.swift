import BrowserModel
import Exthost
import Foundation
import Testing

/// A case of `fixtures/manifests/`: an extension, and how each real browser judged it when asked to load it
/// (`chrome.txt`, `firefox.txt`, recorded by `scripts/oracle/record.py --load`).
struct ManifestLoadCase: CustomTestStringConvertible, Sendable {
    struct Description: Decodable, Sendable {
        var description: String
        /// Flavors in which exthost is known to judge otherwise, with the reason; the suite expects the
        /// difference (a known issue) and fails when it goes away.
        var knownDifferences: [String: String]?
    }

    var name: String
    var flavor: Flavor
    var directory: URL
    var description: Description
    /// The recorded lines: `loaded` or `refused: MESSAGE`, then what the browser printed or logged.
    var recorded: [String]
    var testDescription: String { "\(name) (\(flavor.rawValue))" }

    static let root = packageRoot.appendingPathComponent("fixtures/manifests")

    /// Every case and flavor with a recording.
    static func all() throws -> [ManifestLoadCase] {
        var cases: [ManifestLoadCase] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() {
            let directory = root.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent("case.json").path) else { continue }
            let description = try JSONDecoder().decode(Description.self, from: data)
            for flavor in Flavor.allCases {
                let file = directory.appendingPathComponent("\(flavor.rawValue).txt")
                guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
                let lines = text.split(separator: "\n").map(String.init)
                cases.append(ManifestLoadCase(name: name, flavor: flavor, directory: directory, description: description, recorded: lines))
            }
        }
        return cases
    }

    /// The browser's refusal, as exthost words it: Firefox's logged reason without its
    /// `Loading extension 'ID': ` prefix (its install answer only says the add-on is invalid).
    var expectedRefusal: String? {
        guard let first = recorded.first, first.hasPrefix("refused: ") else { return nil }
        switch flavor {
        case .chrome:
            return String(first.dropFirst("refused: ".count))
        case .firefox:
            guard let logged = recorded.first(where: { $0.hasPrefix("error: Loading extension '") }) else { return nil }
            let reason = logged.drop { $0 != ":" }.dropFirst()
            return String(reason.drop { $0 != ":" }.dropFirst().drop { $0 == " " })
        }
    }

    /// What the browser printed and logged once it loaded the extension: the background's lines, and
    /// (Firefox) the background page's script warnings.
    var expectedLinesAfterLoading: [String] {
        Array(recorded.dropFirst())
    }

    /// What exthost says when it loads the case: nil when it loads it, else the manifest error's message
    /// with the case folder written `CASE`.
    func exthostRefusal() -> String? {
        let extensionDirectory = directory.appendingPathComponent("extension").standardizedFileURL
        let manifestFile = extensionDirectory.appendingPathComponent("manifest.json")
        do {
            let manifest = try Manifest.parse(
                FileManager.default.contents(atPath: manifestFile.path) ?? Data(), file: manifestFile.path, flavor: flavor
            )
            try manifest.checkFiles(in: extensionDirectory)
            return nil
        } catch {
            return error.message.replacingOccurrences(of: directory.standardizedFileURL.path, with: "CASE")
        }
    }
}

@Suite("Manifests as the real browsers judge them")
struct ManifestLoadTests {
    @Test(arguments: try ManifestLoadCase.all())
    func judgement(_ testCase: ManifestLoadCase) throws {
        let comparison = {
            let refusal = testCase.exthostRefusal()
            #expect(refusal == testCase.expectedRefusal, "\(testCase.description.description)")
            let extensionDirectory = testCase.directory.appendingPathComponent("extension")
            if let expected = testCase.expectedRefusal {
                // The host refuses it too, with the browser's message first and where in the manifest.
                var lines: [String] = []
                let host = ExtensionHost(options: HostOptions(flavor: testCase.flavor)) { lines.append($0.text) }
                #expect {
                    try host.loadExtension(at: extensionDirectory)
                } throws: { error in
                    guard let error = error as? ExtensionLoadError else { return false }
                    return error.reason.replacingOccurrences(of: testCase.directory.standardizedFileURL.path, with: "CASE")
                        .hasPrefix(expected) && error.file.hasSuffix("manifest.json")
                }
            } else {
                // It loads, and its background prints what the browser's printed (the file that ran), or
                // warns as Firefox does about a script it could not load.
                let run = try HostRun.run(extensionDirectory, flavor: testCase.flavor, sites: [:])
                let baseURL = run.host.extensions.first?.id.baseURL ?? ""
                let lines = run.messages.filter { $0.context == .background }.map { message in
                    let text = message.text.replacingOccurrences(of: baseURL, with: "moz-extension://EXTID/")
                    return message.level == .warn && text.hasPrefix("Loading failed for the <script>")
                        ? "script-warning: " + text : "bg: " + text
                }
                #expect(lines == testCase.expectedLinesAfterLoading)
            }
        }
        if let reason = testCase.description.knownDifferences?[testCase.flavor.rawValue] {
            withKnownIssue(Comment(rawValue: reason)) { try comparison() }
        } else {
            try comparison()
        }
    }

    /// The MV2 refusal says what runs such an extension.
    @Test func manifestVersion2RefusalPointsAtTheFirefoxFlavor() throws {
        let directory = ManifestLoadCase.root.appendingPathComponent("manifest-version-2/extension")
        let host = ExtensionHost(options: HostOptions(flavor: .chrome)) { _ in }
        #expect {
            try host.loadExtension(at: directory)
        } throws: { error in
            let text = String(describing: error)
            return text.contains("manifest.json:2:")
                && text.contains("Cannot install extension because it uses an unsupported manifest version.")
                && text.contains("--flavor firefox")
        }
        let firefox = ExtensionHost(options: HostOptions(flavor: .firefox)) { _ in }
        try firefox.loadExtension(at: directory)
    }
}
