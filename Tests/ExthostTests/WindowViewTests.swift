import Foundation
import Testing
@testable import BrowserModel
@testable import Exthost

/// A window's view of its page (js/30_view.js, js/63_dom.js's computed style): media queries,
/// animation frames, the cascade `getComputedStyle` reads, `CSS.escape` and the [Replaceable]
/// attributes, beyond what fixtures/conformance/window-view recorded.
@Suite("The window's view")
struct WindowViewTests {
    static let manifest = #"{"manifest_version": 3, "name": "view", "version": "1", "content_scripts": [{"matches": ["http://127.0.0.1/*"], "js": ["cs.js"]}]}"#

    func run(_ script: String, page: String = "<!doctype html><p id=p>text</p>", flavor: Flavor = .chrome) throws -> [String] {
        try HostRun.run(files: ["manifest.json": Self.manifest, "cs.js": script], pages: ["index.html": page], flavor: flavor,
                        open: ["http://127.0.0.1:8000/index.html"]).texts
    }

    @Test func mediaQueriesAreEvaluatedAgainstTheHeadlessViewAndSerialized() throws {
        let queries = [
            "only screen and (max-width: 800px)", "screen and (min-width:600PX) and (orientation: landscape)", "(width >= 780px)",
            "(400px < width < 800px)", "(min-aspect-ratio: 16/9)", "print, (prefers-color-scheme: light)", "not print", "(min-resolution: 2dppx)",
            "(hover)", "(color)", "((min-width: 1px) or (max-width: 1px))", "not (pointer: fine)", "(unknown-feature: 1)", "(min-width: 10)",
            "screen and", "", "(min-width: 50em)", "(max-width: 48.75em)",
        ]
        let script = "for (const q of \(queries.debugDescription)) { const l = matchMedia(q); console.log(JSON.stringify(q) + ' → ' + l.matches + ' ' + JSON.stringify(l.media)); }"
        #expect(try run(script) == [
            #""only screen and (max-width: 800px)" → true "only screen and (max-width: 800px)""#,
            #""screen and (min-width:600PX) and (orientation: landscape)" → true "screen and (min-width: 600px) and (orientation: landscape)""#,
            #""(width >= 780px)" → true "(width >= 780px)""#,
            #""(400px < width < 800px)" → true "(400px < width < 800px)""#,
            #""(min-aspect-ratio: 16/9)" → true "(min-aspect-ratio: 16 / 9)""#,
            #""print, (prefers-color-scheme: light)" → true "print, (prefers-color-scheme: light)""#,
            #""not print" → true "not print""#,
            #""(min-resolution: 2dppx)" → false "(min-resolution: 2dppx)""#,
            #""(hover)" → false "(hover)""#,
            #""(color)" → true "(color)""#,
            #""((min-width: 1px) or (max-width: 1px))" → true "((min-width: 1px) or (max-width: 1px))""#,
            #""not (pointer: fine)" → true "not (pointer: fine)""#,
            #""(unknown-feature: 1)" → false "not all""#,
            #""(min-width: 10)" → false "not all""#,
            #""screen and" → false "not all""#,
            #""" → true """#,
            #""(min-width: 50em)" → false "(min-width: 50em)""#,
            #""(max-width: 48.75em)" → true "(max-width: 48.75em)""#,
        ])
    }

    @Test func aMediaQueryListIsAnEventTargetWithTheLegacyListenerMembers() throws {
        let lines = try run("""
            const list = matchMedia('(prefers-color-scheme: dark)');
            console.log([list instanceof EventTarget, list instanceof MediaQueryList, typeof list.addListener, list.onchange].join(' '));
            list.addListener(() => {});
            list.addEventListener('change', () => {});
            list.onchange = () => {};
            console.log([typeof list.onchange, Object.getPrototypeOf(list) === MediaQueryList.prototype].join(' '));
            try { MediaQueryList.prototype.matches; } catch (e) { console.log(e.message); }
            """)
        #expect(lines == ["true true function ", "function true", "Illegal invocation"])
    }

    @Test func animationFramesComeTogetherSixtyTimesASecond() throws {
        let lines = try run("""
            const seen = [];
            const start = performance.now();
            requestAnimationFrame((t) => seen.push('a ' + typeof t));
            const canceled = requestAnimationFrame(() => seen.push('canceled'));
            requestAnimationFrame((t1) => {
              seen.push('b');
              requestAnimationFrame((t2) => {
                seen.push('c');
                console.log(seen.join(', ') + ' | apart ' + Math.round(t2 - t1) + ' ms, first within ' + (t1 - start <= 17));
              });
            });
            cancelAnimationFrame(canceled);
            requestAnimationFrame(() => { throw new Error('thrown in a frame'); });
            try { requestAnimationFrame(1); } catch (e) { console.log(e.message); }
            """)
        #expect(lines.first == "Failed to execute 'requestAnimationFrame' on 'Window': The callback provided as parameter 1 is not a function.")
        #expect(lines.contains { $0.hasPrefix("Uncaught Error: thrown in a frame") })
        #expect(lines.last == "a number, b, c | apart 17 ms, first within true")
    }

    @Test func framesComeAtTheSameInstantForDocumentsOfDifferentTimeOrigins() throws {
        // (An iframe made 3 s after its parent counts its clock from then; both documents' frames
        // still come together, on the browser's clock.)
        let pages = [
            "index.html": """
                <!doctype html><body><script>
                setTimeout(() => {
                  const frame = document.createElement('iframe');
                  frame.src = 'inner.html';
                  frame.onload = () => {
                    frame.contentWindow.postMessage('frame', '*');
                    requestAnimationFrame(() => console.log(Date.now()));
                  };
                  document.body.appendChild(frame);
                }, 3007);
                </script>
                """,
            "inner.html": """
                <!doctype html><script>
                addEventListener('message', () => requestAnimationFrame(() => console.log(Date.now())));
                </script>
                """,
        ]
        let run = try HostRun.run(files: ["manifest.json": Self.manifest, "cs.js": ""], pages: pages, open: ["http://127.0.0.1:8000/index.html"])
        #expect(run.texts.count == 2 && run.texts[0] == run.texts[1], "\(run.texts)")
    }

    @Test func theComputedStyleCascadesSheetsTheStyleAttributeAndInheritance() throws {
        let page = """
            <!doctype html><style>
              body { color: #0f0 } .a { color: blue !important; padding: 1px 2px 3px } #x.a { color: green; font-size: 20px }
              @media print { #x { visibility: hidden } } span { opacity: 0.25 }
              @media screen { p span { position: relative } }
            </style>
            <div id=x class=a style="color: red; margin: 5px"><span id=s style="font-weight: bold">in</span></div>
            <p id=p><span id=t>t</span></p><h1 id=h>title</h1><ul><li><ul id=inner><li>x</li></ul></li></ul>
            """
        let lines = try run("""
            const c = (id) => getComputedStyle(document.getElementById(id));
            const x = c('x'), s = c('s'), t = c('t'), h = c('h');
            console.log(x.color, x.fontSize, x.paddingTop, x.paddingRight, x.paddingBottom, x.paddingLeft, x.marginBottom, x.visibility);
            console.log(s.color, s.fontSize, s.fontWeight, s.opacity, s.position, s.display);
            console.log(t.color, t.position, h.fontSize, h.marginTop, h.fontWeight, c('inner').marginTop, c('inner').paddingLeft);
            document.getElementById('x').style.color = 'rgb(1, 2, 3)';
            document.getElementById('x').style.setProperty('font-size', '30px', 'important');
            console.log(x.color, x.fontSize, x.getPropertyValue('font-size'), x['font-size']);
            try { x.setProperty('color', 'red'); } catch (e) { console.log(e.name + ': ' + e.message); }
            try { getComputedStyle(document); } catch (e) { console.log(e.message); }
            """, page: page)
        #expect(lines == [
            "rgb(0, 0, 255) 20px 1px 2px 3px 2px 5px visible",
            "rgb(0, 0, 255) 20px bold 0.25 static inline",
            "rgb(0, 255, 0) relative 32px 21.44px 700 0px 40px",
            "rgb(0, 0, 255) 30px 30px 30px",
            "NoModificationAllowedError: Failed to execute 'setProperty' on 'CSSStyleDeclaration': These styles are computed, and therefore the 'color' property is read-only.",
            "Failed to execute 'getComputedStyle' on 'Window': parameter 1 is not of type 'Element'.",
        ])
    }

    /// IntersectionObserver and ResizeObserver over boxes that are all empty: each target's first
    /// state at the next frame's rendering update (after its animation frame callbacks, resize
    /// before intersection), a rendered element intersecting, one in no document not; nothing for
    /// an unobserved target; an observer observed later reports at its own next frame.
    @Test func layoutObserversReportEachTargetsFirstStateAtTheNextFrame() throws {
        let lines = try run("""
            const p = document.createElement('p'); document.body.append(p);
            const io = new IntersectionObserver((entries, observer) => console.log('io ' + entries.map((e) => e.target.tagName + ' ' + e.isIntersecting + ' ' + e.intersectionRatio).join(', ') + ' ' + (observer === io)));
            io.observe(p);
            io.observe(document.createElement('div'));
            const gone = document.createElement('i'); document.body.append(gone); io.observe(gone); io.unobserve(gone);
            console.log('records before the frame ' + io.takeRecords().length);
            requestAnimationFrame(() => {
              console.log('frame');
              setTimeout(() => { const q = document.createElement('q'); document.body.append(q); io.observe(q); }, 50);
            });
            class Sized extends ResizeObserver {}
            const ro = new Sized(function (entries) {
              console.log('ro ' + (this instanceof Sized) + ' ' + entries.length + ' ' + entries[0].borderBoxSize[0].inlineSize + ' ' + entries[0].contentRect.width);
              throw new Error('thrown by a resize callback');
            });
            ro.observe(p);
            ro.observe(p);
            """)
        #expect(lines.filter { !$0.hasPrefix("Uncaught") } == ["records before the frame 0", "frame", "ro true 1 0 0", "io P true 1, DIV false 0 true", "io Q true 1 true"])
        #expect(lines.contains { $0.hasPrefix("Uncaught Error: thrown by a resize callback") })
    }

    /// No person answers dialogs here: each is dismissed at once (confirm false, prompt null), as
    /// under automation, and the output says so on the console of the script that showed it.
    @Test func dialogsAreDismissedAndSaySo() throws {
        let lines = try run("console.log(String([confirm('Sure?'), prompt('Name?', 'x'), alert(1), closed, typeof focus, customElements]));")
        #expect(lines == [
            #"exthost: confirm("Sure?") was shown and dismissed: no one answers dialogs here"#,
            #"exthost: prompt("Name?") was shown and dismissed: no one answers dialogs here"#,
            #"exthost: alert("1") was shown and dismissed: no one answers dialogs here"#,
            "false,,,false,function,",
        ])
    }

    /// Nothing of the host realm reaches a script through the view's objects, the layout
    /// observers, computed styles or shadow roots: each object a member gives, each error one
    /// throws and each function on them is the script's own realm's.
    @Test(arguments: [Flavor.chrome, .firefox])
    func nothingOfTheHostRealmReachesAScriptThroughTheView(flavor: Flavor) throws {
        let lines = try run(#"""
            const ours = (v) => v !== null && (typeof v === 'object' || typeof v === 'function') && v.constructor.constructor === Function
              && (() => { let o = v; for (let i = 0; i < 20 && Object.getPrototypeOf(o) !== null; i++) o = Object.getPrototypeOf(o); return o === Object.prototype; })();
            const results = [];
            const attempt = (name, f) => {
              try { const v = f(); results.push(name + ' ' + (v === null || typeof v !== 'object' && typeof v !== 'function' ? typeof v : ours(v))); }
              catch (e) { results.push(name + ' threw ' + ours(e) + ' ' + e.name); }
            };
            const p = document.getElementById('p');
            attempt('matchMedia', () => matchMedia('(min-width: 1px)'));
            attempt('matchMedia member', () => matchMedia('print').addListener);
            attempt('matchMedia count', () => matchMedia());
            attempt('media getter on prototype', () => MediaQueryList.prototype.media);
            attempt('screen', () => screen);
            attempt('visualViewport', () => visualViewport);
            attempt('computed style', () => getComputedStyle(p));
            attempt('computed style write', () => { getComputedStyle(p).color = 'red'; });
            attempt('computed style of a text', () => getComputedStyle(p.firstChild));
            attempt('requestAnimationFrame of a number', () => requestAnimationFrame(1));
            attempt('CSS', () => CSS);
            attempt('CSS.escape count', () => CSS.escape());
            attempt('observer', () => new IntersectionObserver(() => {}));
            attempt('thresholds', () => new IntersectionObserver(() => {}, { threshold: [0.5] }).thresholds);
            attempt('bad threshold', () => new IntersectionObserver(() => {}, { threshold: 5 }));
            attempt('bad margin', () => new IntersectionObserver(() => {}, { rootMargin: 'x' }));
            attempt('observe a text', () => new ResizeObserver(() => {}).observe(p.firstChild));
            attempt('shadow root', () => document.createElement('div').attachShadow({ mode: 'open' }));
            attempt('shadow mode', () => document.createElement('div').attachShadow({ mode: 'x' }));
            attempt('shadow twice', () => { const d = document.createElement('div'); d.attachShadow({ mode: 'open' }); d.attachShadow({ mode: 'open' }); });
            attempt('composedPath', () => { let path; p.addEventListener('click', (e) => { path = e.composedPath(); }); p.click(); return path; });
            const style = document.createElement('style'); style.textContent = 'p { color: red }'; document.head.append(style);
            attempt('styleSheets', () => document.styleSheets);
            attempt('rule', () => style.sheet.cssRules[0]);
            attempt('rule style', () => style.sheet.cssRules[0].style);
            attempt('insertRule bad', () => style.sheet.insertRule('x'));
            attempt('adopt bad', () => { document.adoptedStyleSheets = [style.sheet]; });
            attempt('adopted', () => { document.adoptedStyleSheets = [new CSSStyleSheet()]; return document.adoptedStyleSheets; });
            attempt('replace', () => new CSSStyleSheet().replace('b {}'));
            new IntersectionObserver((entries) => {
              attempt('entries', () => entries);
              attempt('entry', () => entries[0]);
              attempt('rect', () => entries[0].boundingClientRect);
              console.log(results.join('; '));
            }).observe(p);
            requestIdleCallback((deadline) => console.log('deadline ' + ours(deadline) + ' ' + ours(deadline.timeRemaining)));
            """#, flavor: flavor)
        #expect(lines.contains("deadline true true"), "\(flavor)")
        let results = try #require(lines.first { $0.hasPrefix("matchMedia ") }).split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(results == [
            "matchMedia true", "matchMedia member true", "matchMedia count threw true TypeError", "media getter on prototype threw true TypeError",
            "screen true", "visualViewport true", "computed style true", "computed style write threw true NoModificationAllowedError",
            "computed style of a text threw true TypeError", "requestAnimationFrame of a number threw true TypeError", "CSS true",
            "CSS.escape count threw true TypeError", "observer true", "thresholds true", "bad threshold threw true RangeError",
            "bad margin threw true SyntaxError", "observe a text threw true TypeError", "shadow root true", "shadow mode threw true TypeError",
            "shadow twice threw true NotSupportedError", "composedPath true", "styleSheets true", "rule true", "rule style true",
            "insertRule bad threw true SyntaxError", "adopt bad threw true NotAllowedError", "adopted true", "replace true", "entries true", "entry true", "rect true",
        ], "\(flavor)")
    }

    @Test func cssEscapeAndTheReplaceableAttributes() throws {
        let lines = try run(#"""
            console.log(CSS.escape('-'), CSS.escape('-1a'), CSS.escape('a\u0000b'), CSS.escape('\u0001x'), CSS.escape('é_-9'), CSS.escape('a.b:c'));
            console.log(CSS.supports('color', 'red'), CSS.supports('colour', 'red'), CSS.supports('(display: grid)'), CSS.supports('--x', '1'));
            innerWidth = 5;
            console.log([innerWidth, Object.getOwnPropertyDescriptor(window, 'innerWidth').value, typeof Object.getOwnPropertyDescriptor(window, 'outerWidth').get].join(' '));
            scrollTo(0, 100);
            console.log([typeof Screen, typeof VisualViewport, visualViewport.width].join(' '));
            console.log(scrollY, screen.width, screen.availHeight, screen instanceof Screen, document.documentElement.clientWidth, document.body.clientWidth);
            """#, flavor: .firefox)
        #expect(lines == [
            #"\- -\31 a a�b \1 x é_-9 a\.b\:c"#,
            "true false true true",
            "5 5 function",
            "function function 1366",
            "0 1366 768 true 1366 0",
        ])
    }
}
