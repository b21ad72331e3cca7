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

extension UserActivationTests {
    static let framesManifest = TemporaryExtension.manifest(permissions: [], contentScripts: #"[{"matches": ["http://127.0.0.1/*", "http://localhost/*"], "js": ["cs.js"], "all_frames": true}]"#)

    @Test(arguments: [Flavor.chrome, .firefox])
    func aPersonsClickOnALabelClicksItsControlOnce(flavor: Flavor) throws {
        // (The mouse's events are the label's; its control hears one click, forwarded, and changes.)
        let run = try HostRun.run(files: [
            "manifest.json": Self.framesManifest, "bg.js": "",
            "cs.js": """
                for (const type of ['pointerdown', 'mousedown', 'mouseup', 'click', 'change']) {
                  document.addEventListener(type, (e) => console.log(type + ' ' + e.target.id + ' trusted=' + e.isTrusted), true);
                }
                """,
        ], pages: ["index.html": #"<!doctype html><label id="label" for="box">Box</label><input id="box" type="checkbox">"#],
            flavor: flavor, open: ["http://127.0.0.1:8000/index.html"])
        #expect(throws: Never.self) { try run.host.act(.click, on: .tab, selector: "#label").get() }
        run.host.run(maxTime: 10)
        #expect(run.textsSoFar == ["pointerdown label trusted=true", "mousedown label trusted=true", "mouseup label trusted=true",
                                   "click label trusted=true", "click box trusted=true", "change box trusted=true"])
    }

    @Test(arguments: [Flavor.chrome, .firefox])
    func activationReachesTheFramesAboveAndTheSameOriginFramesBelowOnly(flavor: Flavor) throws {
        let run = try HostRun.run(files: [
            "manifest.json": Self.framesManifest, "bg.js": "",
            "cs.js": """
                const name = location.host + location.pathname;
                if (location.pathname === '/index.html') document.querySelector('button').addEventListener('click', () => {
                  for (const frame of document.querySelectorAll('iframe')) frame.contentWindow.postMessage('check', '*');
                  console.log(name + ' ' + navigator.userActivation.isActive);
                });
                else addEventListener('message', () => console.log(name + ' ' + navigator.userActivation.isActive));
                """,
        ], pages: [
            "index.html": #"<!doctype html><button>b</button><iframe src="same.html"></iframe><iframe src="http://localhost:8000/other.html"></iframe>"#,
            "same.html": "<p>same</p>", "other.html": "<p>other</p>",
        ], flavor: flavor, open: ["http://127.0.0.1:8000/index.html"])
        #expect(throws: Never.self) { try run.host.act(.click, on: .tab, selector: "button").get() }
        run.host.run(maxTime: 10)
        #expect(run.textsSoFar.sorted() == ["127.0.0.1:8000/index.html true", "127.0.0.1:8000/same.html true", "localhost:8000/other.html false"])
    }

    @Test(arguments: [Flavor.chrome, .firefox])
    func aNavigationKeepsChromiumsWindowFocusButNotTheActivation(flavor: Flavor) throws {
        let run = try HostRun.run(files: [
            "manifest.json": Self.framesManifest, "bg.js": "",
            "cs.js": "console.log(location.pathname + ' focus=' + document.hasFocus() + ' active=' + navigator.userActivation.hasBeenActive);",
        ], pages: ["index.html": #"<!doctype html><a href="next.html">next</a>"#, "next.html": "<p>next</p>"],
            flavor: flavor, open: ["http://127.0.0.1:8000/index.html"])
        #expect(throws: Never.self) { try run.host.act(.click, on: .tab, selector: "a").get() }
        run.host.run(maxTime: 10)
        #expect(run.textsSoFar == ["/index.html focus=false active=false", "/next.html focus=\(flavor == .chrome) active=false"])
    }
}
