import BrowserModel
import Exthost
import Foundation
import Testing

/// The extension tests of `fixtures/extension-tests/` under both flavors, and `exthost test`:
/// finding tests, running them in workers, the reporters, and a run's exit status.
@Suite("Extension tests and exthost test")
struct TestCommandTests {
    static let fixtures = packageRoot.appendingPathComponent("fixtures/extension-tests")

    static func fixtureNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: fixtures.path)
            .filter { FileManager.default.fileExists(atPath: fixtures.appendingPathComponent($0).appendingPathComponent("manifest.json").path) }
            .sorted()
    }

    @Test(arguments: [Flavor.chrome, .firefox])
    func theFixturesPassUnderEachFlavor(flavor: Flavor) throws {
        let names = try Self.fixtureNames()
        #expect(names.count >= 3)
        for name in names {
            let spec = ExtensionTestSpec(path: Self.fixtures.appendingPathComponent(name).path, flavor: flavor,
                                         sites: ["http://127.0.0.1:8000=" + packageRoot.appendingPathComponent("fixtures/site").path])
            let outcome = spec.run()
            #expect(outcome.passed, "\(name) (\(flavor.rawValue)): \(outcome.reason ?? "")")
            #expect(outcome.tests.count >= 5, "\(name) (\(flavor.rawValue))")
            #expect(outcome.tests.allSatisfy { $0.passed == true }, "\(name) (\(flavor.rawValue))")
        }
    }

    /// A folder of tests: two that pass (one per harness), one that fails, one that reports nothing,
    /// and one extension that is not a test.
    static func suite() throws -> URL {
        let manifest = TemporaryExtension.manifest()
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("exthost-suite-\(UUID().uuidString)")
        let files: [String: String] = [
            "passes-chrome/manifest.json": manifest,
            "passes-chrome/bg.js": "chrome.test.runTests([function one() { chrome.test.succeed(); }, function two() { chrome.tabs.query({}, chrome.test.callbackPass()); }]);",
            "nested/passes-firefox/manifest.json": manifest,
            "nested/passes-firefox/bg.js": "browser.test.runTests([function one() { browser.test.assertTrue(true); }]).then(() => browser.test.notifyPass());",
            "fails/manifest.json": manifest,
            "fails/bg.js": "chrome.test.runTests([\n  function breaks() {\n    console.log('before');\n    chrome.test.assertEq('a', 'b');\n  },\n]);\n",
            "silent/manifest.json": manifest,
            "silent/bg.js": "void chrome.test;",
            "not-a-test/manifest.json": manifest,
            "not-a-test/bg.js": "console.log('hello');",
            "node_modules/ignored/manifest.json": manifest,
            "node_modules/ignored/bg.js": "chrome.test.notifyFail('never runs');",
        ]
        for (path, contents) in files {
            let file = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(contents.utf8).write(to: file)
        }
        return root
    }

    @Test func itFindsRunsAndReportsEachTest() throws {
        let suite = try Self.suite()
        let run = try CommandRun.exthost(["test", suite.path])
        #expect(run.status == 1)
        let lines = run.output.split(separator: "\n").map(String.init)
        let prefix = suite.path + "/"
        #expect(lines.filter { $0.hasPrefix("✔ ") || $0.hasPrefix("✘ ") }.map { line -> String in
            let name = line.dropFirst(2).split(separator: " ").first.map(String.init) ?? ""
            return String(line.prefix(1)) + " " + (name.hasPrefix(prefix) ? String(name.dropFirst(prefix.count)) : name)
        }.sorted() == ["✔ nested/passes-firefox", "✔ passes-chrome", "✘ fails", "✘ silent"])
        #expect(lines.last == "2 passed, 2 failed")
        // The failure: what failed, the place and the source line there, and the test's console lines.
        #expect(lines.contains("    ✘ breaks: API Test Error in breaks"))
        #expect(lines.contains("      a did not deep-equal b"))
        #expect(lines.contains("      at \(suite.path)/fails/bg.js:4:25"))
        #expect(lines.contains("      4 │ chrome.test.assertEq('a', 'b');"))
        #expect(lines.contains("        before"))
        #expect(lines.contains("    the extension reported no test result (its scripts called neither runTests nor notifyPass/notifyFail)"))
    }

    @Test func everyReporterAtOnceEachToItsFile() throws {
        let suite = try Self.suite()
        let out = suite.appendingPathComponent("out")
        let run = try CommandRun.exthost([
            "test", suite.appendingPathComponent("passes-chrome").path, suite.appendingPathComponent("fails").path,
            "--flavor", "chrome,firefox", "--reporter", "dot",
            "--reporter", "junit=" + out.appendingPathComponent("junit.xml").path,
            "--reporter", "tap=" + out.appendingPathComponent("results.tap").path,
            "--reporter", "json=" + out.appendingPathComponent("results.json").path,
        ])
        #expect(run.status == 1)
        #expect(run.output.hasSuffix("2 passed, 2 failed\n"))
        let marks = run.output.split(separator: "\n").first.map(String.init) ?? ""
        #expect(marks.sorted() == [".", ".", "F", "F"])
        let tap = try String(contentsOf: out.appendingPathComponent("results.tap"), encoding: .utf8)
        #expect(tap.hasPrefix("TAP version 13\n1..4\n"))
        #expect(tap.components(separatedBy: "\nnot ok ").count - 1 == 2)
        #expect(tap.hasSuffix("# 2 passed, 2 failed\n"))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("results.json"))) as? [String: Any]
        #expect(json?["passed"] as? Int == 2)
        #expect(json?["failed"] as? Int == 2)
        #expect((json?["tests"] as? [Any])?.count == 4)
        let junit = try String(contentsOf: out.appendingPathComponent("junit.xml"), encoding: .utf8)
        #expect(junit.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"exthost\" tests=\"6\" failures=\"2\""))
        #expect(junit.contains("<testsuite name=\"\(suite.path)/fails (firefox)\" tests=\"1\" failures=\"1\""))
        #expect(junit.contains("<failure message=\"API Test Error in breaks\" type=\"AssertionError\">"))
        #expect(junit.contains("<system-out>before</system-out>"))
    }

    @Test func shardsSplitTheTestsWithoutOverlap() throws {
        let suite = try Self.suite()
        var seen: [String] = []
        for shard in 1...3 {
            let run = try CommandRun.exthost(["test", suite.path, "--shard", "\(shard)/3", "--reporter", "tap"])
            seen += run.output.split(separator: "\n").filter { $0.hasPrefix("ok ") || $0.hasPrefix("not ok ") }
                .map { String($0.split(separator: " - ").last ?? "") }
        }
        #expect(seen.sorted() == ["fails", "nested/passes-firefox", "passes-chrome", "silent"].map { suite.path + "/" + $0 }.sorted())
    }

    @Test func grepAndBail() throws {
        let suite = try Self.suite()
        let grep = try CommandRun.exthost(["test", suite.path, "--grep", "passes-"])
        #expect(grep.status == 0)
        #expect(grep.output.hasSuffix("2 passed, 0 failed\n"))
        let bail = try CommandRun.exthost(["test", suite.path, "--bail", "--jobs", "1"])
        #expect(bail.status == 1)
        // (Sorted: fails runs first, and the run stops there.)
        #expect(bail.output.hasSuffix("0 passed, 1 failed, 3 skipped\n"))
    }

    @Test func aTestThatHangsTimesOutAndTheOthersGoOn() throws {
        let suite = try Self.suite()
        let hang = suite.appendingPathComponent("hangs")
        try FileManager.default.createDirectory(at: hang, withIntermediateDirectories: true)
        try Data(TemporaryExtension.manifest().utf8).write(to: hang.appendingPathComponent("manifest.json"))
        try Data("chrome.test.runTests([function spins() { for (;;) {} }]);".utf8).write(to: hang.appendingPathComponent("bg.js"))
        let run = try CommandRun.exthost(["test", hang.path, suite.appendingPathComponent("passes-chrome").path,
                                          "--timeout", "1", "--script-timeout", "600", "--jobs", "1"])
        #expect(run.status == 1)
        #expect(run.output.contains("    timed out: no result after 1 s (wall clock; --timeout sets it)"))
        #expect(run.output.hasSuffix("1 passed, 1 failed\n"))
    }

    @Test func exthostJSONKeepsTheSettingsAndTheCommandLineWins() throws {
        let suite = try Self.suite()
        let config = suite.appendingPathComponent("exthost.json")
        try Data(#"{"tests": ["passes-chrome", "nested"], "flavors": ["chrome", "firefox"], "reporters": ["tap", "junit=out/junit.xml"]}"#.utf8).write(to: config)
        let run = try CommandRun.exthost(["test", "--config", config.path])
        #expect(run.status == 0)
        #expect(run.output.hasPrefix("TAP version 13\n1..4\n"))
        #expect(run.output.hasSuffix("# 4 passed, 0 failed\n"))
        // (A reporter's file is relative to the configuration's folder.)
        #expect(FileManager.default.fileExists(atPath: suite.appendingPathComponent("out/junit.xml").path))
        let overridden = try CommandRun.exthost(["test", "--config", config.path, "--flavor", "firefox", "--reporter", "dot"])
        #expect(overridden.output.hasSuffix("2 passed, 0 failed\n"))
        try Data(#"{"tests": ["passes-chrome"], "flavour": ["chrome"]}"#.utf8).write(to: config)
        let unknown = try CommandRun.exthost(["test", "--config", config.path])
        #expect(unknown.status == 2)
        #expect(unknown.errors == "exthost: error: \(config.path): unknown key \"flavour\" (the keys are tests, flavors, sites, open, reporters, harness, timeout, maxTime, scriptTimeout, jobs, customArg, network, keepAlive, withExtensions)\n")
        try Data(#"{"timeout": "soon"}"#.utf8).write(to: config)
        let wrongType = try CommandRun.exthost(["test", "--config", config.path])
        #expect(wrongType.errors.contains(#""timeout" must be seconds of the wall clock per test, not "soon""#))
    }

    @Test func symbolicLinksToFoldersAreFollowedOnce() throws {
        let suite = try Self.suite()
        let links = suite.appendingPathComponent("links")
        try FileManager.default.createDirectory(at: links, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: links.appendingPathComponent("linked-test"), withDestinationURL: suite.appendingPathComponent("passes-chrome"))
        try FileManager.default.createSymbolicLink(at: links.appendingPathComponent("up"), withDestinationURL: links)
        let run = try CommandRun.exthost(["test", links.path, "--reporter", "tap"])
        #expect(run.status == 0)
        #expect(run.output == "TAP version 13\n1..1\nok 1 - \(links.path)/linked-test\n# 1 passed, 0 failed\n")
    }

    @Test func badInputSaysWhatIsWrong() throws {
        let empty = try TemporaryExtension(files: ["readme.txt": ""]).directory
        let none = try CommandRun.exthost(["test", empty.path])
        #expect(none.status == 2)
        #expect(none.errors.contains("no tests found"))
        let reporter = try CommandRun.exthost(["test", empty.path, "--reporter", "xml"])
        #expect(reporter.status == 2)
        #expect(reporter.errors.contains("unknown reporter \"xml\""))
        let shard = try CommandRun.exthost(["test", empty.path, "--shard", "4/3"])
        #expect(shard.status == 2)
        #expect(shard.errors.contains("--shard must be K/N"))
    }

    /// `--with-extension` (and exthost.json's `withExtensions`) loads other extensions beside the one tested.
    @Test func extensionsLoadedBesideTheOneTested() throws {
        // (The companion's manifest key fixes its Chromium id: ldmmkflldahaohgojlmaidldihenbeeo.)
        let root = try TemporaryExtension(files: [
            "tested/manifest.json": TemporaryExtension.manifest(),
            "tested/bg.js": """
                chrome.test.runTests([async function external() {
                  const answer = await chrome.runtime.sendMessage('ldmmkflldahaohgojlmaidldihenbeeo', 'ping');
                  chrome.test.assertEq('pong from the companion', answer);
                  chrome.test.succeed();
                }]);
                """,
            "companion/manifest.json": TemporaryExtension.manifest(extra: #""key": "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA4B3sN6WT1Yq8d6JyVdZl4O9ajUiHovWhf0NexaBbb5D1Xx/Zdpo92I9ntx1UqhzHM/S7Y/dV+QN0VMVB8V1ak5BnD01HO/HLKgTeoLO+ZH7C1YRWP0TkpIc7G5/F3EI9ao00HAXEL5vk85NnyKpiB5WijUCHcen01pL8j3r8zH0UFEWhBmvKndzpZ+i+jpvrT5vMBFqothVX3V4QYnFriBZk5Et3ht/DV7nyAhRnaoblTexbFTA735z20K/688ME6OLCnaNr+n5QgWe3AVx2eGy+AaowtHxojIjAbOxw+5Qs1vWxRq8wx2lLZeH+c6EnWB76+adIeEM/zPOvvFZY1wIDAQAB""#),
            "companion/bg.js": "chrome.runtime.onMessageExternal.addListener((message, sender, sendResponse) => sendResponse(message === 'ping' ? 'pong from the companion' : 'what?'));",
            "exthost.json": #"{"withExtensions": ["companion"]}"#,
        ]).directory
        let alone = try CommandRun.exthost(["test", root.appendingPathComponent("tested").path])
        #expect(alone.status != 0)
        let beside = try CommandRun.exthost(["test", root.appendingPathComponent("tested").path, "--with-extension", root.appendingPathComponent("companion").path])
        #expect(beside.status == 0, "\(beside.output)")
        let configured = try CommandRun.exthost(["test", root.appendingPathComponent("tested").path, "--config", root.appendingPathComponent("exthost.json").path])
        #expect(configured.status == 0, "\(configured.output)")
        let broken = try CommandRun.exthost(["test", root.appendingPathComponent("tested").path, "--with-extension", root.appendingPathComponent("nowhere").path])
        #expect(broken.status != 0)
        #expect(broken.output.contains("an extension loaded with it (--with-extension) does not load"), "\(broken.output)")
    }

    /// `exthost test` names, under each test, the APIs it touched that exthost lacks (issue 11, item 9).
    @Test func eachTestNamesTheAPIsExthostLacks() throws {
        let root = try TemporaryExtension(files: [
            "manifest.json": TemporaryExtension.manifest(permissions: ["cookies", "scripting"]),
            "bg.js": "chrome.test.runTests([function touches() { chrome.cookies; void chrome.permissions.addHostAccessRequest; chrome.test.succeed(); }]);",
        ]).directory
        let run = try CommandRun.exthost(["test", root.path])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.contains("    exthost lacks: cookies, permissions.addHostAccessRequest"), "\(run.output)")
        let json = try CommandRun.exthost(["test", root.path, "--reporter", "json"])
        #expect(json.output.contains(#""missingAPIs" : ["#), "\(json.output)")
    }

    /// A manifest the browser loads with warnings: `exthost run` prints them on standard error
    /// before the run, `exthost test` under each test (issue 11, item 2).
    @Test func manifestWarningsAreShown() throws {
        let files = [
            "manifest.json": #"{"manifest_version": 3, "name": "warned", "version": "1.0", "browser_action": {}, "background": {"service_worker": "bg.js", "scripts": ["bg.js"]}}"#,
            "bg.js": "chrome.test.runTests([function passes() { chrome.test.succeed(); }]);",
        ]
        let run = try CommandRun.run(files: files)
        #expect(run.errors.contains("exthost: warning: ") && run.errors.contains("manifest.json: 'browser_action' requires manifest version of 2 or lower."), "\(run.errors)")
        let root = try TemporaryExtension(files: files).directory
        let test = try CommandRun.exthost(["test", root.path, "--flavor", "firefox"])
        #expect(test.status == 0, "\(test.output)")
        #expect(test.output.contains(#"    manifest warning (warned): Reading manifest: Warning processing browser_action: Property "browser_action" is unsupported in Manifest Version 3"#), "\(test.output)")
    }
}
