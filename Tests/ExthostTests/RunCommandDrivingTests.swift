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

    /// A double-quoted text's escapes: `\t` is Tab, `\n` Enter, `\b` Backspace, `\\` and `\"`
    /// themselves; another escape is an error.
    @Test func aQuotedTextTypesEnterAndTabThroughItsEscapes() throws {
        // (`\t` is Tab, which moves the focus to the next field, where the rest goes; `\n` is
        // Enter, a new line in a textarea.)
        var files = Self.files
        files["popup.html"] = #"<!doctype html><input id="one"><input id="two"><textarea id="notes"></textarea>"#
        let run = try CommandRun.run(files: files, [
            "--click-action", "--do", #"popup: type #one "a\tb""#, "--do", #"popup: type #notes "x\ny""#,
            "--do", "popup: value #one", "--do", "popup: value #two", "--do", "popup: value #notes",
        ])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.split(separator: "\n").map(String.init) == [
            "do │ popup: value #one → a", "do │ popup: value #two → b", "do │ popup: value #notes → x", "   │ y",
        ])
        let backspace = try CommandRun.run(files: files, ["--click-action", "--do", #"popup: type #one "ab\bc\"""#, "--do", "popup: value #one"])
        #expect(backspace.status == 0, "\(backspace.errors)")
        #expect(backspace.output.split(separator: "\n").map(String.init) == [#"do │ popup: value #one → ac""#])
        let unknown = try CommandRun.run(files: files, ["--click-action", "--do", #"popup: type #one "C:\x""#])
        #expect(unknown.status == 2)
        #expect(unknown.errors.contains(#"\x is no escape"#))
    }

    /// `select` drags over an element's text as a person does: `mousedown`, `selectstart` (which a
    /// listener may cancel), the document's selection, `mouseup` (no click), then `selectionchange`;
    /// it prints the text selected.
    @Test func selectDragsOverTheTextAndAnExtensionHearsTheMouseUp() throws {
        let files = [
            "manifest.json": #"{"manifest_version": 3, "name": "lookup", "version": "1", "content_scripts": [{"matches": ["http://127.0.0.1/*"], "js": ["cs.js"]}]}"#,
            "cs.js": """
                for (const type of ['mousedown', 'selectstart', 'mouseup', 'click']) {
                  document.addEventListener(type, (e) => console.log(type + ' ' + e.target.tagName + ' ' + e.isTrusted + ' "' + getSelection().toString() + '"'));
                }
                document.addEventListener('selectionchange', () => console.log('selectionchange ' + getSelection().type));
                """,
        ]
        let run = try CommandRun.run(files: files, [
            "--site", "http://127.0.0.1:8000=fixtures/site", "--open", "http://127.0.0.1:8000/index.html", "--do", "select h1",
        ])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.split(separator: "\n").map(String.init) == [
            "content tab 2 frame 0 │ mousedown H1 true \"\"",
            "content tab 2 frame 0 │ selectstart H1 true \"\"",
            "content tab 2 frame 0 │ mouseup H1 true \"An example page\"",
            "do │ select h1 → An example page",
            "content tab 2 frame 0 │ selectionchange Range",
        ])
    }

    /// `submit` presses Enter in a field as a person does: trusted `keydown` and `keypress` (either
    /// canceled stops it), HTML's implicit submission (a click on the form's default button; with
    /// no submit button, the form submits when at most one field blocks implicit submission; a
    /// disabled default button does nothing), then `keyup`; given a form, it submits it as Enter would.
    @Test func submitPressesEnterAndSubmitsAsHTMLsImplicitSubmission() throws {
        let files = [
            "manifest.json": #"{"manifest_version": 3, "name": "search", "version": "1", "action": {"default_popup": "popup.html"}}"#,
            "popup.html": #"""
                <!doctype html>
                <form id="one" action="done.html"><input id="q" name="q"><input name="other"><button name="go" value="1">Go</button></form>
                <form id="single" action="done.html"><input id="only" name="only"><input type="checkbox" name="box"></form>
                <form id="two" action="done.html"><input id="a" name="a"><input type="email" name="b"></form>
                <form id="off" action="done.html"><input id="d" name="d"><button disabled>Go</button></form>
                <form id="canceled" action="done.html"><input id="c" name="c"></form>
                <p id="out"></p><script src="popup.js"></script>
                """#,
            "popup.js": """
                const log = (text) => { document.getElementById('out').textContent += text + '; '; };
                for (const type of ['keydown', 'keypress', 'keyup']) {
                  document.addEventListener(type, (e) => {
                    log(e.type + ' ' + e.target.id + (e.type === 'keydown' ? ' ' + e.key + ' ' + e.keyCode + ' ' + e.isTrusted : ''));
                    if (e.target.id === 'c' && e.type === 'keydown') e.preventDefault();
                  });
                }
                document.addEventListener('click', (e) => log('click ' + e.target.tagName + ' ' + e.isTrusted));
                document.addEventListener('submit', (e) => {
                  e.preventDefault();
                  log('submit ' + e.target.id + ' ' + (e.submitter ? e.submitter.name : null) + ' q=' + document.getElementById('q').value);
                });
                """,
        ]
        let run = try CommandRun.run(files: files, [
            "--click-action", "--do", "popup: type #q cats", "--do", "popup: submit #q", "--do", "popup: submit #only", "--do", "popup: submit #a",
            "--do", "popup: submit #d", "--do", "popup: submit #c", "--do", "popup: submit #one", "--do", "popup: text #out",
        ])
        #expect(run.status == 0, "\(run.errors)")
        // (A person's typing is a key pressed and released for each character.)
        let typing = ["c", "a", "t", "s"].flatMap { ["keydown q \($0) \(Character($0).uppercased().unicodeScalars.first!.value) true", "keypress q", "keyup q"] }
        let steps = typing + [
            "keydown q Enter 13 true", "keypress q", "click BUTTON true", "submit one go q=cats", "keyup q",
            "keydown only Enter 13 true", "keypress only", "submit single null q=cats", "keyup only",
            "keydown a Enter 13 true", "keypress a", "keyup a",
            "keydown d Enter 13 true", "keypress d", "keyup d",
            "keydown c Enter 13 true", "keyup c",
            "click BUTTON true", "submit one go q=cats",
        ]
        #expect(run.output.split(separator: "\n").map(String.init) == ["do │ popup: text #out → " + steps.joined(separator: "; ") + ";"])
        let outside = try CommandRun.run(files: files, ["--click-action", "--do", "popup: submit #out"])
        #expect(outside.status == 1)
        #expect(outside.errors == "exthost: --do 'popup: submit #out': \"#out\" is in no form.\n")
    }

    /// What a person types is checked against `maxlength` (a script's value never is), and Enter in
    /// an invalid form fires `invalid` at its invalid fields and submits nothing (HTML's
    /// interactive validation; fixtures/conformance/form-validation records the rest).
    @Test func typedTextCanBeTooLongAndEnterInAnInvalidFormSubmitsNothing() throws {
        let files = [
            "manifest.json": #"{"manifest_version": 3, "name": "signup", "version": "1", "action": {"default_popup": "popup.html"}}"#,
            "popup.html": #"""
                <!doctype html>
                <form id="f" action="done.html"><input id="code" name="code" maxlength="3"><input id="mail" name="mail" type="email" required><button>Go</button></form>
                <p id="out"></p><script src="popup.js"></script>
                """#,
            "popup.js": """
                const log = (text) => { document.getElementById('out').textContent += text + '; '; };
                const code = document.getElementById('code');
                code.value = 'abcdef';
                log('script ' + code.validity.tooLong);
                document.addEventListener('invalid', (e) => log('invalid ' + e.target.id), true);
                document.addEventListener('submit', (e) => { e.preventDefault(); log('submit'); });
                document.addEventListener('change', (e) => {
                  if (e.target.id === 'code') log('typed ' + code.validity.tooLong + ' ' + JSON.stringify(code.validationMessage));
                });
                """,
        ]
        let run = try CommandRun.run(files: files, [
            "--click-action", "--do", "popup: type #code 12", "--do", "popup: submit #code",
            "--do", "popup: type #mail a@b.example", "--do", "popup: submit #mail", "--do", "popup: text #out",
        ])
        #expect(run.status == 0, "\(run.errors)")
        let steps = [
            "script false",
            #"typed true "Please shorten this text to 3 characters or less (you are currently using 8 characters).""#,
            "invalid code", "invalid mail",
            "invalid code",
        ]
        #expect(run.output.split(separator: "\n").map(String.init) == ["do │ popup: text #out → " + steps.joined(separator: "; ") + ";"])
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

    /// `exthost run A B`: every folder is read before any runs; an id loaded twice is refused;
    /// each line names its extension as the browser shows its name (a `__MSG_` name localized).
    @Test func severalFoldersAreCheckedFirstAndNamedAsTheBrowserShowsThem() throws {
        let localized = try TemporaryExtension(files: [
            "manifest.json": #"{"manifest_version": 3, "name": "__MSG_appName__", "version": "1", "default_locale": "en", "background": {"service_worker": "bg.js"}}"#,
            "_locales/en/messages.json": #"{"appName": {"message": "Localized Name"}}"#,
            "bg.js": "console.log('hi');",
        ]).directory
        let plain = try TemporaryExtension(files: ["manifest.json": TemporaryExtension.manifest(), "bg.js": "console.log('plain');"]).directory
        let broken = try TemporaryExtension(files: ["manifest.json": "{ not json"]).directory
        let both = try CommandRun.exthost(["run", localized.path, plain.path])
        #expect(both.status == 0, "\(both.errors)")
        #expect(both.output.contains("Localized Name: background │ hi"), "\(both.output)")
        let twice = try CommandRun.exthost(["run", plain.path, plain.path])
        #expect(twice.status == 2)
        #expect(twice.errors.contains("is installed already"), "\(twice.errors)")
        let bad = try CommandRun.exthost(["run", plain.path, broken.path])
        #expect(bad.status == 2)
        #expect(!bad.output.contains("plain"), "nothing runs before every folder is read: \(bad.output)")
    }
}
