import BrowserModel
@testable import Exthost
import Foundation
import Testing

/// Editing a page as a script's commands and a person's keys do it (js/63_dom.js: execCommand,
/// contenteditable, typing; recorded in contenteditable-commands, person-typing,
/// person-typing-enter, clipboard-cut-paste): what the recordings cannot show.
@Suite("Editing")
struct EditingTests {
    @Test(arguments: [Flavor.chrome, .firefox])
    func aBeforeinputListenerThatTakesTheTargetAwayStopsTheEdit(flavor: Flavor) throws {
        // (Firefox asks with `beforeinput` before a command's edit, both browsers before a typed
        // key's: what a listener removed from the document is not edited, nor anything else.)
        let run = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(permissions: [], contentScripts: #"[{"matches": ["http://127.0.0.1/*"], "js": ["cs.js"]}]"#),
            "bg.js": "",
            "cs.js": """
                const host = document.getElementById('host');
                const field = document.getElementById('field');
                document.addEventListener('beforeinput', (e) => e.target.remove());
                host.focus();
                getSelection().collapse(host.firstChild, 1);
                console.log('host: ' + document.execCommand('insertText', false, 'Z') + ' ' + JSON.stringify(document.body.innerHTML));
                field.focus();
                field.setSelectionRange(1, 1);
                console.log('field: ' + document.execCommand('insertText', false, 'Z') + ' ' + field.value);
                const typed = document.getElementById('typed');
                typed.addEventListener('input', () => console.log('typed: input'));
                typed.addEventListener('keyup', () => console.log('typed: keyup, value ' + typed.value + ', in the document ' + typed.isConnected));
                """,
        ], pages: ["index.html": #"<!doctype html><body><div id="host" contenteditable>abc</div><textarea id="field">xyz</textarea><input id="typed" value="t"></body>"#],
            flavor: flavor, open: ["http://127.0.0.1:8000/index.html"])
        #expect(run.textsSoFar == (flavor == .firefox
            ? [#"host: true "<textarea id=\"field\">xyz</textarea><input id=\"typed\" value=\"t\">""#, "field: false xyz"]
            : [#"host: true "<div id=\"host\" contenteditable=\"\">aZbc</div><textarea id=\"field\">xyz</textarea><input id=\"typed\" value=\"t\">""#,
               "field: true xZyz"]))
        // A person's key: `beforeinput` in both browsers; the field it took away is not typed into.
        let before = run.textsSoFar.count
        #expect(throws: Never.self) { try run.host.act(.type, on: .tab, selector: "#typed", text: "u").get() }
        run.host.run(maxTime: 10)
        #expect(Array(run.textsSoFar.dropFirst(before)) == ["typed: keyup, value t, in the document false"])
    }
}
