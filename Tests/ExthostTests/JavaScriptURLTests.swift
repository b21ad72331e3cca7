import Foundation
import Testing
@testable import BrowserModel
@testable import Exthost

/// `javascript:` URLs (issue 10, item 4; ExtensionHost+JavaScriptURLs.swift): a person's click
/// runs one in the page's main world, a string value is a new document, and a content script's
/// click is refused in Chromium and followed in Firefox (fixtures/conformance/javascript-urls).
@Suite("javascript: URLs")
struct JavaScriptURLTests {
    static let page = """
        <!doctype html><p id="out">waiting</p>
        <a id="run" href="javascript:void(document.getElementById('out').textContent = 'ran, ' + typeof browser + ' ' + this.location.pathname)">run</a>
        <a id="string" href="javascript:'<p id=out>a new document</p>'">string</a>
        """
    static let files = [
        "manifest.json": #"{"manifest_version": 3, "name": "js-urls", "version": "1", "content_scripts": [{"matches": ["http://127.0.0.1/*"], "js": ["cs.js"]}]}"#,
        "cs.js": """
            if (document.getElementById('out').textContent === 'waiting' && !sessionStorage.getItem('clicked')) {
              sessionStorage.setItem('clicked', '1');
              document.getElementById('run').click();
              setTimeout(() => console.log('after the script clicked: ' + document.getElementById('out').textContent), 10);
            } else {
              console.log('a content script in ' + document.body.innerHTML);
            }
            """,
    ]

    func run(_ flavor: String, _ steps: [String]) throws -> CommandRun {
        let site = try TemporaryExtension(files: ["index.html": Self.page]).directory
        return try CommandRun.run(files: Self.files, [
            "--flavor", flavor, "--site", "http://127.0.0.1:8000=\(site.path)", "--open", "http://127.0.0.1:8000/index.html",
        ] + steps.flatMap { ["--do", $0] })
    }

    @Test func aPersonsClickRunsItInTheMainWorldAndAStringIsANewDocument() throws {
        for flavor in ["chrome", "firefox"] {
            let run = try run(flavor, ["click #run", "text #out", "click #string", "text #out"])
            #expect(run.status == 0, "\(run.errors)")
            let lines = run.output.split(separator: "\n").map(String.init).filter { !$0.contains("after the script clicked") && !$0.contains("Running the JavaScript URL") }
            #expect(lines == [
                "do │ text #out → ran, undefined /index.html",
                "content tab \(flavor == "chrome" ? 2 : 1) frame 0 │ a content script in <p id=\"out\">a new document</p>",
                "do │ text #out → a new document",
            ], "\(flavor)")
        }
    }

    @Test func aContentScriptsClickIsRefusedInChromiumAndFollowedInFirefox() throws {
        let chrome = try run("chrome", [])
        #expect(chrome.output.contains("content tab 2 frame 0 │ Running the JavaScript URL violates the following Content Security Policy directive "
            + "'script-src 'self' 'wasm-unsafe-eval' 'inline-speculation-rules' http://localhost:* http://127.0.0.1:* chrome-extension://"))
        #expect(chrome.output.contains("after the script clicked: waiting"))
        let firefox = try run("firefox", [])
        #expect(!firefox.output.contains("Running the JavaScript URL"))
        #expect(firefox.output.contains("after the script clicked: ran, undefined /index.html"))
    }

    @Test func theScriptIsTheURLPercentDecoded() throws {
        let url = try #require(WebURL(string: "javascript:alert('a%20b%3A%E2%82%AC%zz')"))
        #expect(ExtensionHost.javaScriptURLSource(url) == "alert('a b:€%zz')")
        let invalid = try #require(WebURL(string: "javascript:'%FF'"))
        #expect(ExtensionHost.javaScriptURLSource(invalid) == "'\u{FFFD}'")
    }
}
