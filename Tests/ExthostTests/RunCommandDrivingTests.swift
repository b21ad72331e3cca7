import Foundation
import Testing

/// `exthost run --do` and `--open-options-page` (issue 10, item 6): a person's clicks, typing and
/// reading from the command line, on the active tab's page, the popup and the options page.
@Suite("exthost run --do")
struct RunCommandDrivingTests {
    static let files = [
        "manifest.json": #"""
            {"manifest_version": 3, "name": "driven", "version": "1", "action": {"default_popup": "popup.html"},
             "options_ui": {"page": "options.html"},
             "content_scripts": [{"matches": ["http://127.0.0.1/*"], "js": ["cs.js"]}]}
            """#,
        "cs.js": "document.addEventListener('click', (e) => console.log('clicked ' + e.target.tagName + ' ' + e.isTrusted));",
        "popup.html": #"<!doctype html><input id="q"><button id="b">Go</button><p id="out">waiting</p><script src="popup.js"></script>"#,
        "popup.js": "document.getElementById('b').addEventListener('click', () => { document.getElementById('out').textContent = 'searched for ' + document.getElementById('q').value; });",
        "options.html": #"<!doctype html><title>Settings</title><input id="on" type="checkbox"><p id="state">off</p><script src="options.js"></script>"#,
        "options.js": "document.getElementById('on').addEventListener('change', (e) => { document.getElementById('state').textContent = e.target.checked ? 'on' : 'off'; });",
    ]

    @Test func stepsActOnThePageThePopupAndTheOptionsPageInOrder() throws {
        let run = try CommandRun.run(files: Self.files, [
            "--site", "http://127.0.0.1:8000=fixtures/site", "--open", "http://127.0.0.1:8000/index.html",
            "--click-action",
            "--do", "click h1", "--do", "text h1",
            "--do", #"popup: type #q "cats and dogs""#, "--do", "popup: click #b", "--do", "popup: text #out", "--do", "popup: value #q",
        ])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.split(separator: "\n").map(String.init) == [
            "content tab 2 frame 0 │ clicked H1 true",
            "do │ text h1 → An example page",
            "do │ popup: text #out → searched for cats and dogs",
            "do │ popup: value #q → cats and dogs",
        ])
        // (The options page's tab, the browser's extensions page, is then the active tab.)
        let options = try CommandRun.run(files: Self.files, [
            "--open-options-page", "--do", "options: click #on", "--do", "options: text #state", "--do", "html",
        ])
        #expect(options.status == 0, "\(options.errors)")
        #expect(options.output.split(separator: "\n").map(String.init) == [
            "do │ options: text #state → on",
            "do │ html → <!DOCTYPE html><html><head><title>Extensions - driven</title></head><body></body></html>",
        ])
    }

    @Test func aStepThatFindsNothingFailsTheRunAndStopsTheSteps() throws {
        let run = try CommandRun.run(files: Self.files, [
            "--site", "http://127.0.0.1:8000=fixtures/site", "--open", "http://127.0.0.1:8000/index.html",
            "--do", "click #missing", "--do", "text h1",
        ])
        #expect(run.status == 1)
        #expect(run.errors == "exthost: --do 'click #missing': no element matches \"#missing\".\n")
        #expect(!run.output.contains("do │"))
        let closed = try CommandRun.run(files: Self.files, ["--do", "popup: text #out"])
        #expect(closed.errors == "exthost: --do 'popup: text #out': no popup is open (--click-action opens one).\n")
    }

    @Test(arguments: [
        ("press #q", "--do 'press #q': 'press' is no action"),
        ("type #q", "--do 'type #q': type takes a selector and a text"),
        (#"click "a b"#, "--do 'click \"a b': a quote is not closed."),
        ("html x", "--do 'html x': html takes nothing"),
    ])
    func aStepThatIsNotOneIsRefusedBeforeTheRun(step: String, error: String) throws {
        let run = try CommandRun.run(files: Self.files, ["--do", step])
        #expect(run.status != 0 && run.status != 1)
        #expect(run.errors.contains("Error: " + error), "\(run.errors)")
        #expect(run.output.isEmpty)
    }
}
