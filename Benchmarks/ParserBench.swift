// The parser benchmark that scripts/bench-parsers builds and runs: it times one parser on one input of size n, so
// that runs at n = 10^4, 10^5 and 10^6 show how the time grows. Compiled with swiftc -O into the BrowserModel
// module, as the fuzz targets are, so that it reaches ManifestJSON, which is internal; kept out of Package.swift so
// that `swift build` does not build it. It uses only what the parsers offered before they were made linear, so
// the same file measures an older revision (scripts/bench-parsers --before REV).
//
// Usage: ParserBench CASE N   prints the seconds one run takes (the median of several when runs are short)
//        ParserBench --list   prints the cases

import Foundation

/// A benchmark case: a parser run on an input that grows with n.
struct BenchCase {
    let name: String
    let what: String
    /// Builds the input for size n and returns the work to time.
    let prepare: (Int) -> () -> Void
}

/// `piece` repeated until the text has about `n` characters.
func repeated(_ piece: String, toLength n: Int) -> String {
    String(repeating: piece, count: max(1, n / max(1, piece.count)))
}

/// A temporary site of five pages that each frame all five, for the frame-cycle cases.
func frameCycleSite() -> SiteMap {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("exthost-bench-\(getpid())")
    try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    for name in ["a", "b", "c", "d", "e"] {
        let frames = ["a", "b", "c", "d", "e"].map { "<iframe src=\($0).html></iframe>" }.joined()
        try? Data("<title>\(name)</title>\(frames)".utf8).write(to: directory.appendingPathComponent("\(name).html"))
    }
    let mapping = try! SiteMapping(origin: "http://127.0.0.1:8000", directory: directory)
    return SiteMap([mapping])
}

let cases: [BenchCase] = [
    BenchCase(name: "manifest-json-chrome-line", what: "Chrome manifest, one line, an array of n/2 numbers") { n in
        let data = Data(("{\"a\":[" + repeated("0,", toLength: n) + "0]}").utf8)
        return { _ = try? ManifestJSON.parse(data, flavor: .chrome) }
    },
    BenchCase(name: "manifest-json-firefox-line", what: "Firefox manifest, one line, an array of n/2 numbers") { n in
        let data = Data(("{\"a\":[" + repeated("0,", toLength: n) + "0]}").utf8)
        return { _ = try? ManifestJSON.parse(data, flavor: .firefox) }
    },
    BenchCase(name: "manifest-json-keys", what: "Chrome manifest, an object of n/12 distinct keys") { n in
        let data = Data(("{" + (0..<(n / 12)).map { "\"k\($0)\":\($0)," }.joined() + "\"z\":0}").utf8)
        return { _ = try? ManifestJSON.parse(data, flavor: .chrome) }
    },
    BenchCase(name: "manifest-json-firefox-nesting", what: "Firefox manifest, n/2 nested arrays") { n in
        let data = Data((String(repeating: "[", count: n / 2) + String(repeating: "]", count: n / 2)).utf8)
        return { _ = try? ManifestJSON.parse(data, flavor: .firefox) }
    },
    BenchCase(name: "weburl-slashes", what: "new URL('http://x' + '/'.repeat(n))") { n in
        let text = "http://x" + String(repeating: "/", count: n)
        return { _ = WebURL(string: text)?.href }
    },
    BenchCase(name: "weburl-fragment", what: "new URL('http://x/#' + 'a'.repeat(n))") { n in
        let text = "http://x/#" + String(repeating: "a", count: n)
        return { _ = WebURL(string: text)?.href }
    },
    BenchCase(name: "weburl-opaque-path", what: "new URL('data:,' + 'x'.repeat(n))") { n in
        let text = "data:," + String(repeating: "x", count: n)
        return { _ = WebURL(string: text)?.href }
    },
    BenchCase(name: "weburl-dot-dot", what: "new URL('http://x/' + 'a/../'.repeat(n/5))") { n in
        let text = "http://x/" + repeated("a/../", toLength: n)
        return { _ = WebURL(string: text)?.href }
    },
    BenchCase(name: "weburl-leading-spaces", what: "new URL(' '.repeat(n) + 'http://x/')") { n in
        let text = String(repeating: " ", count: n) + "http://x/"
        return { _ = WebURL(string: text)?.href }
    },
    BenchCase(name: "matchpattern-chrome", what: "Chrome https://*/*a…ab (n/2 a) on a path of n a and b") { n in
        let pattern = try! MatchPattern("https://*/*" + String(repeating: "a", count: n / 2) + "b", flavor: .chrome)
        let url = "https://example.com/" + String(repeating: "a", count: n) + "b"
        return { _ = pattern.matches(url) }
    },
    BenchCase(name: "matchpattern-firefox", what: "Firefox https://*/*a…ab* (n/2 a) on a path of n a and bc") { n in
        let pattern = try! MatchPattern("https://*/*" + String(repeating: "a", count: n / 2) + "b*", flavor: .firefox)
        let url = "https://example.com/" + String(repeating: "a", count: n) + "bc"
        return { _ = pattern.matches(url) }
    },
    BenchCase(name: "glob-chrome", what: "Chrome glob *a…ab (n/2 a) on n a and b") { n in
        let glob = Glob("*" + String(repeating: "a", count: n / 2) + "b", flavor: .chrome)
        let string = String(repeating: "a", count: n) + "b"
        return { _ = glob.matches(string) }
    },
    BenchCase(name: "glob-firefox", what: "Firefox glob *a…ab* (n/2 a) on n a and bc") { n in
        let glob = Glob("*" + String(repeating: "a", count: n / 2) + "b*", flavor: .firefox)
        let string = String(repeating: "a", count: n) + "bc"
        return { _ = glob.matches(string) }
    },
    BenchCase(name: "htmlpage-attributes", what: "HTMLPage, an iframe with n/8 distinct attributes") { n in
        let html = "<iframe" + (0..<(n / 8)).map { " a\($0)=1" }.joined() + "></iframe>"
        return { _ = HTMLPage(html: html).iframes.count }
    },
    BenchCase(name: "htmlpage-svg", what: "HTMLPage, <svg> with n/7 open elements and n/7 unmatched end tags") { n in
        let html = "<svg>" + String(repeating: "<g>", count: n / 7) + String(repeating: "</x>", count: n / 7)
        return { _ = HTMLPage(html: html).title }
    },
    BenchCase(name: "pagetree-frame-cycle-chrome", what: "PageTree, five pages framing each other, Chrome (n ignored)") { _ in
        let site = frameCycleSite()
        return { _ = PageTree.load(url: "http://127.0.0.1:8000/a.html", siteMap: site, flavor: .chrome) }
    },
    BenchCase(name: "pagetree-frame-cycle-firefox", what: "PageTree, five pages framing each other, Firefox (n ignored)") { _ in
        let site = frameCycleSite()
        return { _ = PageTree.load(url: "http://127.0.0.1:8000/a.html", siteMap: site, flavor: .firefox) }
    },
]

@main
struct ParserBench {
    static func main() {
        let arguments = CommandLine.arguments.dropFirst()
        if arguments.first == "--list" {
            for benchCase in cases { print("\(benchCase.name)\t\(benchCase.what)") }
            return
        }
        guard arguments.count == 2, let benchCase = cases.first(where: { $0.name == arguments.first }),
            let n = Int(arguments.last!)
        else {
            FileHandle.standardError.write(Data("usage: ParserBench CASE N, or ParserBench --list for the cases\n".utf8))
            exit(2)
        }
        let work = benchCase.prepare(n)
        var times: [Double] = []
        let started = Date()
        repeat {
            let start = DispatchTime.now().uptimeNanoseconds
            work()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        } while times.count < 5 && Date().timeIntervalSince(started) < 1
        times.sort()
        print(String(format: "%.6f", times[times.count / 2]))
    }
}
