import Foundation
import Testing

@testable import BrowserModel

/// Replays what the fuzzers keep (scripts/fuzz): every input of `fixtures/fuzz/<Parser>/corpus/` and every input
/// that once crashed a parser or made it slow, in `fixtures/fuzz/<Parser>/crashes/`. Each must give a result or a
/// thrown error, and keep the invariants the fuzz targets in Fuzz/ check.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    /// One kept input.
    struct Input: Sendable, CustomTestStringConvertible {
        /// The parser, as the folder names it: Manifest, WebURL, HTMLPage, MatchPattern, Glob or DataURL.
        let parser: String
        /// The file, relative to the repository.
        let path: String
        let bytes: [UInt8]
        var testDescription: String { path }
    }

    /// Every kept input of `parser`'s folder.
    static func inputs(of parser: String) -> [Input] {
        let root = LargeInputCases.packageRoot
        var inputs: [Input] = []
        for kind in ["crashes", "corpus"] {
            let folder = root.appendingPathComponent("fixtures/fuzz/\(parser)/\(kind)")
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            for name in names.sorted() where !name.hasPrefix(".") {
                guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else {
                    continue
                }
                inputs.append(Input(parser: parser, path: "fixtures/fuzz/\(parser)/\(kind)/\(name)", bytes: [UInt8](data)))
            }
        }
        return inputs
    }

    @Test("every parser has a kept corpus", arguments: ["Manifest", "WebURL", "HTMLPage", "MatchPattern", "Glob", "DataURL"])
    func corpusExists(_ parser: String) {
        #expect(!FuzzRegressionTests.inputs(of: parser).isEmpty, "fixtures/fuzz/\(parser)/corpus/ is empty; run scripts/fuzz")
    }

    @Test("manifests", arguments: inputs(of: "Manifest"))
    func manifest(_ input: Input) {
        for flavor in Flavor.allCases {
            if let root = try? ManifestJSON.parse(Data(input.bytes), flavor: flavor) {
                let text = ManifestJSON.serialize(root, sortingKeys: false)
                let again = try? ManifestJSON.parse(Data(text.utf8), flavor: flavor)
                #expect(again.map { ManifestJSON.serialize($0, sortingKeys: false) } == text)
            }
            do {
                _ = try Manifest.parse(Data(input.bytes), file: "manifest.json", flavor: flavor)
            } catch {
                #expect(error.line >= 1 && !error.message.isEmpty)
            }
        }
    }

    @Test("URLs", arguments: inputs(of: "WebURL"))
    func webURL(_ input: Input) {
        let parts = input.bytes.split(separator: 0, maxSplits: 1, omittingEmptySubsequences: false)
        let text = String(decoding: parts[0], as: UTF8.self)
        let base = parts.count > 1 ? WebURL(string: String(decoding: parts[1], as: UTF8.self)) : nil
        guard let url = WebURL(string: text, relativeTo: base) else { return }
        #expect(WebURL(string: url.href)?.href == url.href)
        let value = parts.count > 1 ? String(decoding: parts[1], as: UTF8.self) : text
        for attribute in WebURL.SettableAttribute.allCases {
            let changed = url.setting(attribute, to: value)
            #expect(WebURL(string: changed.href)?.href == changed.href, "after setting \(attribute)")
        }
    }

    @Test("HTML pages", arguments: inputs(of: "HTMLPage"))
    func htmlPage(_ input: Input) {
        let html = String(decoding: input.bytes, as: UTF8.self)
        let page = HTMLPage(html: html)
        #expect(page.title == HTMLPage.stripAndCollapseASCIIWhitespace(page.title))
        let encoded = html.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        for flavor in Flavor.allCases {
            let tree = PageTree.load(url: "data:text/html," + encoded, siteMap: SiteMap([]), flavor: flavor)
            let frames = tree.allFrames
            #expect(frames.allSatisfy { $0.children.count <= $0.page.iframes.count })
            #expect(frames.dropFirst().filter { $0.refusedURL == nil }.count <= 1000)
        }
    }

    @Test("match patterns", arguments: inputs(of: "MatchPattern"))
    func matchPattern(_ input: Input) {
        let parts = input.bytes.split(separator: 0, maxSplits: 1, omittingEmptySubsequences: false)
        let text = String(decoding: parts[0], as: UTF8.self)
        let url = parts.count > 1 ? String(decoding: parts[1], as: UTF8.self) : "https://example.com/"
        for flavor in Flavor.allCases {
            for scope in [MatchPattern.Scope.contentScripts, .hostPermissions, .anyScheme] {
                guard let pattern = try? MatchPattern(text, flavor: flavor, scope: scope) else { continue }
                #expect(pattern.pattern == text)
                if pattern.matches(url) { #expect(MatchTargetURL(url) != nil) }
            }
        }
    }

    @Test("globs", arguments: inputs(of: "Glob"))
    func glob(_ input: Input) {
        guard let first = input.bytes.first else { return }
        let flavor: Flavor = first % 2 == 0 ? .chrome : .firefox
        let parts = input.bytes.dropFirst().split(separator: 0, maxSplits: 1, omittingEmptySubsequences: false)
        let pattern = String(decoding: parts[0], as: UTF8.self)
        let string = parts.count > 1 ? String(decoding: parts[1], as: UTF8.self) : pattern
        let glob = Glob(pattern, flavor: flavor)
        _ = glob.matches(string)
        if flavor == .firefox { #expect(glob.matches(pattern), "a Firefox glob matches its own text") }
    }

    @Test("data: URLs", arguments: inputs(of: "DataURL"))
    func dataURL(_ input: Input) {
        guard let url = WebURL(string: String(decoding: input.bytes, as: UTF8.self)), let parsed = DataURL(url) else { return }
        #expect(DataURLInvariants.problem(parsed, url: url) == nil)
    }
}
