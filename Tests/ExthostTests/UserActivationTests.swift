import BrowserModel
@testable import Exthost
import Foundation
import Testing

/// A person's input (the driver's clicks and typing) and what it gives a page (issue 10;
/// Sources/Exthost/DOM/ExtensionHost+UserActivation.swift, js/63_dom.js, js/28_navigator.js;
/// recorded in user-activation): user activation for five seconds of the run's clock, Chromium's
/// window focus, the clipboard, and the copy event whose data any world of the page may set.
@Suite("User activation")
struct UserActivationTests {
    static func popupManifest(_ flavor: Flavor) -> String {
        #"""
        {"manifest_version": \#(flavor == .chrome ? 3 : 2), "name": "popup", "version": "1",
         "\#(flavor == .chrome ? "action" : "browser_action")": {"default_popup": "popup.html"},
         "background": {"\#(flavor == .chrome ? "service_worker" : "scripts")": \#(flavor == .chrome ? #""bg.js""# : #"["bg.js"]"#)}}
        """#
    }

    @Test(arguments: [Flavor.chrome, .firefox])
    func aPopupsButtonCopiesOnlyWhenAPersonClicksIt(flavor: Flavor) throws {
        let run = try HostRun.run(files: [
            "manifest.json": Self.popupManifest(flavor),
            "bg.js": "",
            "popup.html": #"<!doctype html><button id="copy">Copy</button><script src="popup.js"></script>"#,
            "popup.js": """
                const copy = (when) => navigator.clipboard.writeText('copied ' + when).then(
                  () => console.log(when + ': copied'), (error) => console.log(when + ': ' + error.name));
                copy('at load');
                document.getElementById('copy').addEventListener('click', (event) => {
                  console.log('click trusted=' + event.isTrusted + ' active=' + navigator.userActivation.isActive);
                  copy(event.isTrusted ? 'by a person' : 'by click()');
                });
                document.getElementById('copy').click();
                """,
        ], flavor: flavor, open: ["http://127.0.0.1:8000/index.html"], clickAction: true)
        #expect(run.host.clipboard.text == nil)
        #expect(throws: Never.self) { try run.host.act(.click, on: .popup, selector: "#copy").get() }
        run.host.run(maxTime: 10)
        #expect(run.textsSoFar == [
            "click trusted=false active=false", "at load: NotAllowedError", "by click(): NotAllowedError",
            "click trusted=true active=true", "by a person: copied",
        ])
        #expect(run.host.clipboard.text == "copied by a person")
        #expect(run.host.clipboard.origin?.hasSuffix("-extension://" + (run.host.extensions.first.map { flavor == .chrome ? $0.id.runtimeID : $0.id.host } ?? "")) == true)
    }

    @Test(arguments: [Flavor.chrome, .firefox])
    func aCopyEventsDataSetInThePagesWorldReachesTheClipboard(flavor: Flavor) throws {
        // (The content script copies; the page's own listener, in its main world, sets the data:
        // every world's DataTransfer of the event shares one data store.)
        let run = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(permissions: [], contentScripts: #"[{"matches": ["http://127.0.0.1/*"], "js": ["cs.js"]}]"#),
            "bg.js": "",
            "cs.js": """
                document.addEventListener('copy', (event) => console.log('content script sees ' + JSON.stringify(event.clipboardData.getData('text/plain'))));
                document.querySelector('button').addEventListener('click', () => console.log('copy: ' + document.execCommand('copy')));
                console.log('copy at load: ' + document.execCommand('copy'));
                """,
        ], pages: ["index.html": """
            <!doctype html><button>Copy</button>
            <script>document.addEventListener('copy', (event) => { event.clipboardData.setData('text/plain', 'set by the page'); event.preventDefault(); });</script>
            """], flavor: flavor, open: ["http://127.0.0.1:8000/index.html"])
        #expect(throws: Never.self) { try run.host.act(.click, on: .tab, selector: "button").get() }
        run.host.run(maxTime: 10)
        #expect(run.textsSoFar == ["copy at load: false", "content script sees \"set by the page\"", "copy: true"])
        #expect(run.host.clipboard.text == "set by the page")
        #expect(run.host.clipboard.origin == "http://127.0.0.1:8000")
    }

    @Test(arguments: [Flavor.chrome, .firefox])
    func activationEndsFiveSecondsAfterTheClickAndOnlyChromiumsWindowTakesTheFocus(flavor: Flavor) throws {
        let run = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(permissions: [], contentScripts: #"[{"matches": ["http://127.0.0.1/*"], "js": ["cs.js"]}]"#),
            "bg.js": "",
            "cs.js": """
                const field = document.querySelector('input');
                const state = () => navigator.userActivation.isActive + ' ' + navigator.userActivation.hasBeenActive + ' ' + document.hasFocus();
                for (const type of ['focus', 'blur']) field.addEventListener(type, () => console.log(type + ' at the field'));
                field.focus();
                field.blur();
                console.log('before: ' + state());
                document.querySelector('button').addEventListener('click', () => {
                  console.log('click: ' + state());
                  field.focus();
                  setTimeout(() => console.log('4999 ms: ' + state()), 4999);
                  setTimeout(() => console.log('5000 ms: ' + state()), 5000);
                });
                """,
        ], pages: ["index.html": "<!doctype html><button>b</button><input>"], flavor: flavor, open: ["http://127.0.0.1:8000/index.html"])
        #expect(throws: Never.self) { try run.host.act(.click, on: .tab, selector: "button").get() }
        run.host.run(maxTime: 20)
        #expect(run.textsSoFar == (flavor == .chrome
            ? ["before: false false false", "click: true true true", "focus at the field", "4999 ms: true true true", "5000 ms: false true true"]
            : ["before: false false false", "click: true true false", "4999 ms: true true false", "5000 ms: false true false"]))
    }
}
