import BrowserModel
import Exthost
import Foundation
import Testing

/// What is not in exthost yet says so (js/90_namespaces.js `missingNamespaces`,
/// ExtensionHost.noteMissingAPI): a namespace the browser gives the extension and exthost lacks
/// warns on its first touch, once a run, reads undefined, takes a script's own value, and is
/// listed for `exthost run --report-api`.
@Suite("Missing APIs")
struct MissingAPITests {
    @Test(arguments: Flavor.allCases)
    func aMissingNamespaceWarnsOnceAndIsListed(flavor: Flavor) throws {
        let run = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(permissions: ["notifications"]),
            "bg.js": """
                console.log(typeof chrome.notifications + ' ' + typeof chrome.notifications + ' ' + ('scripting' in chrome));
                chrome.permissions = { mine: true };
                console.log(JSON.stringify(chrome.permissions));
                """,
        ], flavor: flavor)
        let warning = "exthost does not have notifications yet: \(flavor == .chrome ? "Chromium" : "Firefox") gives it to this extension, "
            + "exthost reads it as undefined (once a run; exthost run --report-api FILE lists every such API a run touched)."
        #expect(run.texts == [warning, "undefined undefined false", #"{"mine":true}"#])
        #expect(run.host.missingAPIs == ["notifications"])
    }

    @Test func theReportListsThemAsJSON() throws {
        let report = FileManager.default.temporaryDirectory.appendingPathComponent("exthost-report-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: report) }
        let command = try CommandRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(permissions: ["cookies", "notifications"]),
            // (A missing member of a namespace exthost has is reported by its full name.)
            "bg.js": "chrome.notifications; chrome.cookies; chrome.notifications; chrome.permissions.addHostAccessRequest;",
        ], ["--report-api", report.path])
        #expect(command.status == 0)
        #expect(try String(contentsOf: report, encoding: .utf8) == #"{"missing":["notifications","cookies","permissions.addHostAccessRequest"]}"# + "\n")
    }
}
