import Foundation
import Testing

@testable import BrowserModel

/// Each parser on inputs of 10^5 to 10^6 characters (`fixtures/large-inputs/cases.json`), checking the result.
/// They ran for minutes, or crashed, before the parsers were made linear and their nesting bounded; how long
/// they take is measured by scripts/bench-parsers, not here.
@Suite("Large inputs")
struct LargeInputTests {
    static let cases = LargeInputCases.all

    @Test("manifest JSON", arguments: cases.manifestJSON)
    func manifestJSON(_ testCase: LargeInputCases.ManifestJSONCase) {
        do {
            let root = try ManifestJSON.parse(Data(testCase.text.text.utf8), flavor: testCase.flavor)
            #expect(testCase.error == nil, "read, where the error \(testCase.error ?? "") was expected")
            if let depth = testCase.depth { #expect(LargeInputTests.nestingDepth(of: root) == depth) }
            if let length = testCase.arrayLength { #expect(root["a"]?.array?.count == length) }
            if let count = testCase.memberCount { #expect(root.members?.count == count) }
        } catch {
            #expect(error.message == testCase.error)
        }
    }

    @Test("a manifest nested too deep is a manifest error that says where", arguments: Flavor.allCases)
    func deepManifest(_ flavor: Flavor) {
        let text = "{\"name\": " + String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_000) + "}"
        #expect {
            try Manifest.parse(Data(text.utf8), file: "manifest.json", flavor: flavor)
        } throws: { error in
            guard let error = error as? ManifestError else { return false }
            let limit = flavor == .chrome ? ManifestJSON.chromeMaxDepth : ManifestJSON.firefoxMaxDepth
            return error.line == 1 && error.column == 9 + limit && error.message.contains(
                flavor == .chrome ? "recursion limit exceeded" : "nesting is too deep")
        }
    }

    @Test("URLs", arguments: cases.webURL)
    func webURL(_ testCase: LargeInputCases.WebURLCase) {
        let base = testCase.base.map { WebURL(string: $0.text) }
        let url = WebURL(string: testCase.text.text, relativeTo: base ?? nil)
        #expect(url?.href == testCase.href?.text)
        if let url {
            #expect(WebURL(string: url.href)?.href == url.href, "the href does not parse back to itself")
        }
    }

    @Test("match patterns", arguments: cases.matchPattern)
    func matchPattern(_ testCase: LargeInputCases.MatchPatternCase) throws {
        let pattern = try MatchPattern(testCase.pattern.text, flavor: testCase.flavor)
        #expect(pattern.matches(testCase.url.text) == testCase.matches)
    }

    @Test("globs", arguments: cases.glob)
    func glob(_ testCase: LargeInputCases.GlobCase) {
        #expect(Glob(testCase.glob.text, flavor: testCase.flavor).matches(testCase.string.text) == testCase.matches)
    }

    @Test("HTML pages", arguments: cases.htmlPage)
    func htmlPage(_ testCase: LargeInputCases.HTMLPageCase) {
        let page = HTMLPage(html: testCase.html.text)
        #expect(page.iframes.count == testCase.frameCount)
        #expect(page.iframes.first?.src == testCase.firstFrameSrc)
        #expect(page.title == testCase.title.text)
    }

    @Test("five pages that frame each other load within the frame limits", arguments: Flavor.allCases)
    func frameCycle(_ flavor: Flavor) throws {
        let cycle = LargeInputTests.cases.frameCycle
        let fixture = try SiteFixture(Dictionary(uniqueKeysWithValues: cycle.pages.map { ("site/\($0.key)", $0.value) }))
        let origin = "http://127.0.0.1:8000"
        let tree = PageTree.load(url: "\(origin)/a.html", siteMap: try fixture.siteMap([origin]), flavor: flavor)
        let frames = tree.allFrames
        #expect(frames.filter { $0.refusedURL == nil }.count == cycle.loadedFrameCount)
        switch flavor {
        case .chrome:
            #expect(frames.count == cycle.chromeFrameCount)
        case .firefox:
            #expect(frames.count == cycle.firefoxFrameCount)
            #expect(LargeInputTests.frameDepth(of: tree) <= PageTree.firefoxMaxDepth)
        }
        // No URL is loaded a third time inside itself.
        var pending: [(PageTree, [String])] = [(tree, [])]
        while let (node, ancestors) = pending.popLast() {
            #expect(ancestors.filter { $0 == node.url }.count < 2 || node.refusedURL != nil)
            for child in node.children { pending.append((child, ancestors + [node.url])) }
        }
    }

    @Test("a page of 100,000 frames", arguments: Flavor.allCases)
    func manyFrames(_ flavor: Flavor) throws {
        let many = LargeInputTests.cases.manyFrames
        let fixture = try SiteFixture(["site/many.html": many.html.text])
        let origin = "http://127.0.0.1:8000"
        let tree = PageTree.load(url: "\(origin)/many.html", siteMap: try fixture.siteMap([origin]), flavor: flavor)
        switch flavor {
        case .chrome:
            #expect(tree.children.count == many.chromeChildCount)
        case .firefox:
            #expect(tree.children.count == many.firefoxChildCount)
            #expect(tree.children.filter { $0.refusedURL == nil }.count == many.firefoxLoadedChildCount)
            #expect(tree.children.last?.refusedURL == "about:blank")
        }
    }

    @Test("a tab finds each of 100,000 frames by id")
    func frameLookup() {
        var tab = Tab(id: 1, windowID: 1, url: "about:blank", width: 800, height: 600, lastAccessed: 0)
        tab.frames = (0..<100_000).map { Frame(id: $0 * 3, parentID: $0 == 0 ? -1 : ($0 - 1) * 3, url: "u\($0)", documentID: "d") }
        let found = (0..<100_000).filter { tab.frame($0 * 3)?.url == "u\($0)" }.count
        #expect(found == 100_000)
        #expect(tab.frame(1) == nil)
        #expect(tab.frame(-1) == nil)
    }

    /// How many arrays and objects nest in `node`, at the deepest (counted without recursion).
    static func nestingDepth(of node: ManifestJSON.Node) -> Int {
        var deepest = 0
        var pending: [(ManifestJSON.Node, Int)] = [(node, 0)]
        while let (current, depth) = pending.popLast() {
            switch current.value {
            case .array(let elements):
                deepest = max(deepest, depth + 1)
                pending.append(contentsOf: elements.map { ($0, depth + 1) })
            case .object(let members):
                deepest = max(deepest, depth + 1)
                pending.append(contentsOf: members.map { ($0.value, depth + 1) })
            default:
                break
            }
        }
        return deepest
    }

    /// How many frames nest below `tree`, at the deepest.
    static func frameDepth(of tree: PageTree) -> Int {
        var deepest = 0
        var pending: [(PageTree, Int)] = [(tree, 0)]
        while let (node, depth) = pending.popLast() {
            deepest = max(deepest, depth)
            pending.append(contentsOf: node.children.map { ($0, depth + 1) })
        }
        return deepest
    }
}
