import BrowserModel
import Exthost
import Foundation
import Testing

/// `--trace`: what a run's trace holds (``RunTrace``), the sequence diagram it makes
/// (``TraceDiagram``), and the files `exthost run` and `exthost test` write.
@Suite("Traces")
struct TraceTests {
    static let site = "http://127.0.0.1:8000=" + packageRoot.appendingPathComponent("fixtures/site").path

    /// The trace of the MDN tabs.connect example with a click on the action.
    static func mdnTrace(flavor: Flavor) throws -> RunTrace {
        let options = HostOptions(flavor: flavor, siteMap: try SiteMap(parsing: [site], relativeTo: packageRoot))
        let host = ExtensionHost(options: options) { _ in }
        host.trace = RunTrace()
        try host.loadExtension(at: packageRoot.appendingPathComponent("fixtures/mdn-tabs-connect"))
        host.runSession(opening: ["http://127.0.0.1:8000/index.html"], maxTime: 60) { _ in host.clickAction() }
        return try #require(host.trace)
    }

    @Test(arguments: [Flavor.chrome, .firefox])
    func theTraceHoldsEveryCrossing(flavor: Flavor) throws {
        let trace = try Self.mdnTrace(flavor: flavor)
        #expect(trace.lifelines.map(\.kind) == ["browser", "background", "content"])
        // (Chromium's first tab is 2, Firefox's 1.)
        #expect(trace.lifelines.map(\.name) == ["browser", "background", "content tab \(flavor == .chrome ? 2 : 1) frame 0"])
        #expect(trace.lifelines[1].extensionName == "tabs.connect example (MDN)")
        let background = trace.lifelines[1].id
        let content = trace.lifelines[2].id
        let entries = trace.entries
        // The click, the query it makes and its answer, the port, both messages, the console lines.
        let clicked = try #require(entries.firstIndex { $0.kind == .event && $0.title.hasSuffix("ction.onClicked") })
        let query = try #require(entries.firstIndex { $0.kind == .apiCall && $0.title == "tabs.query" })
        let answer = try #require(entries.firstIndex { $0.kind == .apiResult && $0.title == "tabs.query" })
        let connect = try #require(entries.firstIndex { $0.kind == .message && $0.title.hasPrefix("connect") })
        #expect(clicked < query && query < answer && answer < connect)
        #expect(entries[query].from == background && entries[query].to == [0])
        #expect(entries[answer].from == 0 && entries[answer].to == [background])
        #expect(entries[connect].from == background && entries[connect].to == [content])
        let posts = entries.filter { $0.kind == .message && $0.title == "postMessage" }
        #expect(posts.map(\.from) == [background, content])
        #expect(entries.contains { $0.kind == .console && $0.from == content })
        #expect(entries.map(\.time) == entries.map(\.time).sorted())
    }

    @Test func theDiagramIsOneWellFormedPage() throws {
        let trace = try Self.mdnTrace(flavor: .chrome)
        let html = TraceDiagram.html(trace, title: "a <run> & more")
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<title>a &lt;run&gt; &amp; more</title>"))
        #expect(!html.contains("http://") || !html.contains("<script"), "the page fetches nothing and runs no script")
        let start = try #require(html.range(of: "<svg"))
        let end = try #require(html.range(of: "</svg>"))
        let svg = String(html[start.lowerBound..<end.upperBound])
        let count = try #require(Self.elementCounts(svg), "the SVG is well-formed")
        // A heading per lifeline, an arrow per target of each arrow entry.
        #expect(count["rect", default: 0] >= trace.lifelines.count)
        let arrows = trace.entries.filter { !$0.to.isEmpty }.reduce(0) { $0 + $1.to.count }
        #expect(count["line", default: 0] == trace.lifelines.count + arrows)
        // The same trace makes the same page.
        #expect(TraceDiagram.html(trace, title: "a <run> & more") == html)
    }

    @Test func exthostRunAndTestWriteTraces() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("exthost-trace-\(UUID().uuidString)")
        let json = folder.appendingPathComponent("run.json").path
        let run = try CommandRun.exthost(["run", "fixtures/mdn-tabs-connect", "--site", "http://127.0.0.1:8000=fixtures/site",
                                          "--open", "http://127.0.0.1:8000/index.html", "--click-action", "--trace", json])
        #expect(run.status == 0, "\(run.errors)")
        let decoded = try JSONDecoder().decode(RunTrace.self, from: Data(contentsOf: URL(fileURLWithPath: json)))
        #expect(decoded.entries.contains { $0.kind == .message && $0.title == "postMessage" })
        let wrong = try CommandRun.exthost(["run", "fixtures/mdn-tabs-connect", "--trace", folder.appendingPathComponent("run.txt").path])
        #expect(wrong.status != 0)
        #expect(wrong.errors.contains("name a .html file (a sequence diagram) or a .json file (data)"))

        let traces = folder.appendingPathComponent("traces").path
        let test = try CommandRun.exthost(["test", "fixtures/driver-tests", "--site", "http://127.0.0.1:8000=fixtures/site",
                                           "--flavor", "chrome,firefox", "--trace", traces, "--jobs", "1"])
        #expect(test.status == 0, "\(test.output)\(test.errors)")
        let traceFolder = traces + "/fixtures/driver-tests"
        let files = try FileManager.default.contentsOfDirectory(atPath: traceFolder).sorted()
        #expect(files == ["greeter.test.js-chrome.html", "greeter.test.js-firefox.html", "look-up.test.js-chrome.html", "look-up.test.js-firefox.html",
                          "whack-a-mole.test.js-chrome.html", "whack-a-mole.test.js-firefox.html"])
        let page = try String(contentsOfFile: traceFolder + "/" + files[0], encoding: .utf8)
        #expect(page.contains("exthost.openTab http://127.0.0.1:8000/index.html"), "the driver's actions are on its lifeline")
        #expect(page.contains("▶ greeter &gt; a page is greeted by the background"))
    }

    /// A headless Chromium of the machine: `scripts/test` installs `chromium-headless-shell`.
    static let chromium = ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// The diagram as headless Chromium shows it, written to `.build/test-artifacts/` for a person
    /// to look at (not compared pixel by pixel). Runs where Chromium is installed.
    @Test(.enabled(if: chromium != nil))
    func chromiumShowsTheDiagram() throws {
        let artifacts = packageRoot.appendingPathComponent(".build/test-artifacts")
        try FileManager.default.createDirectory(at: artifacts, withIntermediateDirectories: true)
        let page = artifacts.appendingPathComponent("trace-mdn-tabs-connect.html")
        let screenshot = artifacts.appendingPathComponent("trace-mdn-tabs-connect.png")
        try? FileManager.default.removeItem(at: screenshot)
        try Data(TraceDiagram.html(try Self.mdnTrace(flavor: .chrome), title: "mdn-tabs-connect (chrome)").utf8).write(to: page)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.chromium))
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--window-size=1100,700",
                             "--screenshot=\(screenshot.path)", page.absoluteString]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let png = try Data(contentsOf: screenshot)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(png.count > 10_000, "a page with a diagram, not a blank one")
    }
}

extension TraceTests {
    /// The elements of `xml` by name, or nil when it is not well-formed as far as the diagram's
    /// XML goes: every tag closed in order, attribute values quoted, no `<` or bare `&` in text.
    static func elementCounts(_ xml: String) -> [String: Int]? {
        var counts: [String: Int] = [:]
        var open: [String] = []
        var rest = Substring(xml)
        while let start = rest.firstIndex(of: "<") {
            let text = rest[..<start]
            if text.contains(">") || text.replacingOccurrences(of: "&amp;", with: "").replacingOccurrences(of: "&lt;", with: "")
                .replacingOccurrences(of: "&gt;", with: "").replacingOccurrences(of: "&quot;", with: "").contains("&") { return nil }
            guard let end = rest[start...].firstIndex(of: ">") else { return nil }
            var tag = rest[rest.index(after: start)..<end]
            rest = rest[rest.index(after: end)...]
            if tag.hasPrefix("/") {
                guard open.popLast() == String(tag.dropFirst()) else { return nil }
                continue
            }
            let selfClosing = tag.hasSuffix("/")
            if selfClosing { tag = tag.dropLast() }
            let name = String(tag.prefix { !$0.isWhitespace })
            guard !name.isEmpty, tag.filter({ $0 == "\"" }).count % 2 == 0, !tag.contains("<") else { return nil }
            counts[name, default: 0] += 1
            if !selfClosing { open.append(name) }
        }
        return open.isEmpty ? counts : nil
    }
}
