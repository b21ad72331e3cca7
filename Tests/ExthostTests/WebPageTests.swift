import BrowserModel
import Exthost
import Foundation
import Testing

/// A web page's own scripts (issue 10, item 2): they run in the page's main world as its document
/// is parsed, around the content scripts in each browser's order, with no extension API; the page
/// and the content scripts share the DOM and nothing else.
@Suite("Web pages' own scripts")
struct WebPageTests {
    /// A log both worlds write into the page's DOM (each world has its own copy of the function).
    static let log = """
        function log(s) { const el = document.documentElement; el.setAttribute('data-log', (el.getAttribute('data-log') || '') + s + '|'); }

        """

    /// Runs content scripts at document_start (`start`) and document_idle (`idle`) in a page of
    /// `html` (with `files` served beside it); returns what every context printed, as lines.
    static func run(html: String, files: [String: String] = [:], start: String = "", idle: String = "", flavor: Flavor) throws -> HostRun {
        let entries = #"[{"matches": ["http://127.0.0.1/*"], "js": ["start.js"], "run_at": "document_start"}, "#
            + #"{"matches": ["http://127.0.0.1/*"], "js": ["end.js"], "run_at": "document_end"}, "#
            + #"{"matches": ["http://127.0.0.1/*"], "js": ["idle.js"], "run_at": "document_idle"}]"#
        var pages = files
        pages["index.html"] = html
        return try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(permissions: [], contentScripts: entries),
            "bg.js": "", "start.js": log + start, "end.js": "log('cs end ' + document.readyState);", "idle.js": idle,
        ], pages: pages, flavor: flavor, open: ["http://127.0.0.1:8000/index.html"])
    }

    static let orderPage = """
        <!doctype html><html><head><title>Order</title>
        <script>
        \(log)log('page head inline ' + document.readyState + ' currentScript=' + (document.currentScript && document.currentScript.tagName));
        document.addEventListener('readystatechange', () => log('page readystatechange ' + document.readyState));
        document.addEventListener('DOMContentLoaded', () => log('page DOMContentLoaded'));
        addEventListener('load', () => log('page load'));
        </script>
        <script src="head.js"></script>
        <script defer src="defer.js"></script>
        <script type="module">log('page inline module ' + document.readyState + ' currentScript=' + document.currentScript);</script>
        <script type="module" src="module.js"></script>
        </head><body><h1>Order</h1>
        <script>log('page body end h1=' + document.querySelectorAll('h1').length);</script>
        </body></html>
        """

    @Test(arguments: [Flavor.chrome, .firefox])
    func aScriptWithSourceHearsLoadOnceRunOrErrorWhenMissing(flavor: Flavor) throws {
        let run = try Self.run(html: """
            <!doctype html><html><head><script>\(Self.log)</script>
            <script src="a.js" onload="log('onload a.js currentScript=' + document.currentScript)"></script>
            <script src="missing.js" onerror="log('onerror missing.js ' + event.type)" onload="log('onload missing.js')"></script>
            <script defer src="d.js" onload="log('onload d.js')"></script>
            <script>log('inline after');</script>
            </head><body></body></html>
            """, files: ["a.js": "log('a.js runs');", "d.js": "log('d.js runs');"],
            start: "addEventListener('load', () => setTimeout(() => console.log(document.documentElement.getAttribute('data-log'))));", flavor: flavor)
        let entries = try #require(run.texts.last).split(separator: "|").map(String.init)
        #expect(entries == ["a.js runs", "onload a.js currentScript=null", "onerror missing.js error", "inline after", "d.js runs", "onload d.js", "cs end interactive"])
    }

    @Test(arguments: [Flavor.chrome, .firefox])
    func aPagesScriptsRunInDocumentOrderAroundTheContentScripts(flavor: Flavor) throws {
        let run = try Self.run(html: Self.orderPage, files: [
            "head.js": "log('page head.js ' + document.readyState + ' currentScript=' + document.currentScript.src.split('/').pop());",
            "defer.js": "log('page defer.js ' + document.readyState);",
            "module.js": "import { word } from './word.js'; log('page module.js ' + word);",
            "word.js": "export const word = 'imported';",
        ], start: """
            log('cs start ' + document.readyState + ' h1=' + !!document.querySelector('h1'));
            document.addEventListener('readystatechange', () => log('cs readystatechange ' + document.readyState));
            document.addEventListener('DOMContentLoaded', () => log('cs DOMContentLoaded'));
            addEventListener('load', () => setTimeout(() => console.log(document.documentElement.getAttribute('data-log'))));
            """, idle: "log('cs idle ' + document.readyState);", flavor: flavor)
        let entries = try #require(run.texts.last).split(separator: "|").map(String.init)
        let parsing = [
            "cs start loading h1=false",
            "page head inline loading currentScript=SCRIPT",
            "page head.js loading currentScript=head.js",
            "page body end h1=1",
            // (One list of listeners per target for every world: the content script's, added at
            // document_start, come first.)
            "cs readystatechange interactive",
            "page readystatechange interactive",
            "page defer.js interactive",
            "page inline module interactive currentScript=null",
            "page module.js imported",
        ]
        // (Chromium: document_end after DOMContentLoaded, document_idle while interactive; Firefox:
        // document_end before DOMContentLoaded, document_idle once complete.)
        let rest = flavor == .chrome ? [
            "cs DOMContentLoaded", "page DOMContentLoaded", "cs end interactive", "cs idle interactive",
            "cs readystatechange complete", "page readystatechange complete", "page load",
        ] : [
            "cs end interactive", "cs DOMContentLoaded", "page DOMContentLoaded",
            "cs readystatechange complete", "page readystatechange complete", "cs idle complete", "page load",
        ]
        #expect(entries == parsing + rest)
    }

    @Test(arguments: [Flavor.chrome, .firefox])
    func aPageAndItsContentScriptsShareTheDOMAndNoObject(flavor: Flavor) throws {
        let run = try Self.run(html: """
            <!doctype html><html><body><p id="p">text</p>
            <script>
            var pageGlobal = 1;
            document.body.pageExpando = 'page';
            Array.prototype.push = function () { return 'page push'; };
            Element.prototype.querySelector = function () { return 'hijacked'; };
            document.getElementById('p').setAttribute('data-from-page', 'yes');
            console.log('page sees', typeof chrome, typeof browser);
            </script></body></html>
            """, idle: """
            const p = document.getElementById('p');
            console.log('cs sees', typeof window.pageGlobal, document.body.pageExpando, [].push(1), typeof document.body.querySelector('p'), p.dataset.fromPage);
            """, flavor: flavor)
        // (Chromium gives a page a `chrome` of its own, with no extension API; Firefox none.)
        #expect(run.lines.contains { $0.hasSuffix("page sees \(flavor == .chrome ? "object" : "undefined") undefined") })
        #expect(run.texts.last == "cs sees undefined undefined 1 object yes")
    }

    @Test(arguments: [Flavor.chrome, .firefox])
    func aPagesErrorsAndMissingScriptsAreReportedAsTheSitesNotTheExtensions(flavor: Flavor) throws {
        let run = try Self.run(html: """
            <!doctype html><html><body>
            <script>
            throw new Error('page boom');
            </script>
            <script src="missing.js"></script>
            </body></html>
            """, flavor: flavor)
        let missing = flavor == .chrome ? "Failed to load resource: the server responded with a status of 404 (Not Found)"
            : "Loading failed for the <script> with source “http://127.0.0.1:8000/missing.js”."
        let boom = run.messages.first { $0.text.contains("page boom") }
        #expect(boom?.context == .webPage)
        // (At its line of the document: an inline script's lines are the document's.)
        #expect(boom?.location?.hasPrefix("http://127.0.0.1:8000/index.html:3:") == true)
        #expect(run.messages.contains { $0.context == .webPage && $0.text == missing })
        // (The run's failures are the extension's own: none here.)
        #expect(run.host.uncaughtErrorCount == 0)
    }

    @Test(arguments: [Flavor.chrome, .firefox])
    func eventsAtTheSharedDOMReachEveryWorldInTheOrderTheirListenersWereAdded(flavor: Flavor) throws {
        let run = try Self.run(html: """
            <!doctype html><html><body><div id="outer"><button id="b">Go</button></div>
            <script>
            \(Self.log)const b = document.getElementById('b');
            b.addEventListener('click', (e) => log('page click ' + e.eventPhase + ' ' + (e.target === b) + ' ' + e.constructor.name));
            document.addEventListener('go', () => {
              log('page go');
              const result = b.click();
              log('page after click defaultPrevented=' + document.body.getAttribute('data-prevented'));
            });
            document.addEventListener('from-cs', (e) => {
              let shown;
              try { shown = JSON.stringify(e.detail); } catch (error) { shown = error.message; }
              log('page from-cs detail=' + shown + ' ' + (e instanceof CustomEvent));
            });
            </script></body></html>
            """, idle: """
            const b = document.getElementById('b');
            document.getElementById('outer').addEventListener('click', (e) => {
              log('cs outer capture ' + e.eventPhase + ' ' + (e.target === b) + ' ' + (e.currentTarget.id) + ' ' + (e instanceof MouseEvent) + ' trusted=' + e.isTrusted);
            }, true);
            b.addEventListener('click', (e) => {
              log('cs click ' + e.eventPhase + ' path=' + e.composedPath().length);
              e.preventDefault();
            });
            document.body.addEventListener('click', (e) => {
              log('cs body bubble defaultPrevented=' + e.defaultPrevented);
              document.body.setAttribute('data-prevented', String(e.defaultPrevented));
              e.stopPropagation();
            });
            document.addEventListener('click', () => log('cs document (not reached)'));
            document.dispatchEvent(new CustomEvent('go'));
            document.dispatchEvent(new CustomEvent('from-cs', { detail: 'text' }));
            document.dispatchEvent(new CustomEvent('from-cs', { detail: { object: 1 } }));
            console.log(document.documentElement.getAttribute('data-log'));
            """, flavor: flavor)
        let entries = try #require(run.texts.last).split(separator: "|").map(String.init)
        #expect(entries == [
            "cs end interactive",
            "page go",
            "cs outer capture 1 true outer true trusted=false",
            // (At the target Chromium calls the listeners in the order they were added; the
            // page's came first.)
            "page click 2 true PointerEvent",
            "cs click 2 path=6",
            "cs body bubble defaultPrevented=true",
            "page after click defaultPrevented=true",
            "page from-cs detail=\"text\" true",
            // (Chromium clones an object; Firefox's page may not read a content script's.)
            flavor == .chrome ? "page from-cs detail={\"object\":1} true" : "page from-cs detail=Permission denied to access property \"toJSON\" true",
        ])
    }

    @Test(arguments: [Flavor.chrome, .firefox])
    func theSelectionIsTheDocumentsInEveryWorldAndItsRangeEachWorldsOwnObject(flavor: Flavor) throws {
        // The page selects a word; the content script reads the same selection (its own Selection
        // and Range objects, the page's range seen anew), changes it, and the page hears one
        // selectionchange for each task's changes; a range the page keeps follows the text the
        // content script inserts before it.
        let run = try Self.run(html: """
            <!doctype html><html><body><p id="p">Hello wide world</p>
            <script>
            \(Self.log)const text = document.getElementById('p').firstChild;
            const kept = document.createRange();
            kept.setStart(text, 6);
            kept.setEnd(text, 10);
            getSelection().addRange(kept);
            window.keptRange = kept;
            let changes = 0;
            document.addEventListener('selectionchange', () => {
              changes++;
              log('page selectionchange ' + changes + ' ' + JSON.stringify(getSelection().toString()) + ' kept=' + JSON.stringify(kept.toString()));
            });
            </script></body></html>
            """, idle: """
            const selection = getSelection();
            const range = selection.getRangeAt(0);
            log('cs sees ' + JSON.stringify(selection.toString()) + ' ' + selection.type + ' ' + (range instanceof Range) + ' ' + (selection.getRangeAt(0) === range)
              + ' ' + (Object.getPrototypeOf(range) === Range.prototype) + ' ' + (window.keptRange === undefined));
            const text = document.getElementById('p').firstChild;
            text.insertData(0, '>> ');
            log('cs after insertData ' + range.startOffset + ' ' + range.endOffset + ' ' + JSON.stringify(range.toString()));
            selection.extend(text, text.length);
            log('cs extended ' + JSON.stringify(selection.toString()));
            setTimeout(() => console.log(document.documentElement.getAttribute('data-log')), 10);
            """, flavor: flavor)
        let entries = try #require(run.texts.last).split(separator: "|").map(String.init)
        #expect(entries == [
            // (The page's own change, in a task after its script.)
            #"page selectionchange 1 "wide" kept="wide""#,
            "cs end interactive",
            #"cs sees "wide" Range true true true true"#,
            #"cs after insertData 9 13 "wide""#,
            #"cs extended "wide world""#,
            #"page selectionchange 2 "wide world" kept="wide""#,
        ])
    }

    @Test(arguments: [Flavor.chrome, .firefox])
    func windowMessagesReachEveryWorldOfTheFrameAndOtherFrames(flavor: Flavor) throws {
        let run = try Self.run(html: """
            <!doctype html><html><body><iframe src="child.html"></iframe>
            <script>
            \(Self.log)addEventListener('message', (e) => {
              log('page got ' + JSON.stringify(e.data) + ' origin=' + e.origin + ' fromSelf=' + (e.source === window) + ' fromChild=' + (e.source === frames[0]));
              if (e.data.from === 'cs') postMessage({ from: 'page' }, '/');
            });
            </script></body></html>
            """, files: [
            "child.html": "<!doctype html><script>parent.postMessage({ from: 'child', list: [1, 2] }, '*');</script>",
        ], idle: """
            if (window === top) {
              addEventListener('message', (e) => {
                log('cs got ' + JSON.stringify(e.data) + ' fromSelf=' + (e.source === window));
                if (e.data.from === 'page') setTimeout(() => console.log(document.documentElement.getAttribute('data-log')));
              });
              try { postMessage('x', 'no origin'); } catch (e) { log(e.name); }
              postMessage('elsewhere', 'http://localhost:8000');
              postMessage({ from: 'cs' }, '*');
            }
            """, flavor: flavor)
        let entries = try #require(run.texts.last).split(separator: "|").map(String.init)
        #expect(entries == [
            // (The frame's script runs as the frame is parsed, before the top page's document_end.)
            "page got {\"from\":\"child\",\"list\":[1,2]} origin=http://127.0.0.1:8000 fromSelf=false fromChild=true",
            "cs end interactive",
            "SyntaxError",
            "page got {\"from\":\"cs\"} origin=http://127.0.0.1:8000 fromSelf=true fromChild=false",
            "cs got {\"from\":\"cs\"} fromSelf=true",
            "page got {\"from\":\"page\"} origin=http://127.0.0.1:8000 fromSelf=true fromChild=false",
            "cs got {\"from\":\"page\"} fromSelf=true",
        ])
    }

    @Test(arguments: [Flavor.chrome, .firefox])
    func eventHandlerAttributesRunInThePagesWorldWithTheElementsScopes(flavor: Flavor) throws {
        let run = try Self.run(html: """
            <!doctype html><html><head><script>\(Self.log)</script></head>
            <body onload="log('body onload this===window ' + (this === window) + ' ' + event.type)" onpageshow="log('pageshow persisted=' + event.persisted)">
            <form id="f" name="theForm"><button id="b" name="go" onclick="log('onclick id=' + id + ' form elements=' + elements.length + ' this=' + this.id + ' title=' + title + ' body=' + body.tagName); return false;">Go</button></form>
            <div id="bad" onclick="}}} (">x</div>
            </body></html>
            """, idle: """
            const b = document.getElementById('b');
            b.addEventListener('click', (e) => log('cs click defaultPrevented=' + e.defaultPrevented));
            log('cs sees onclick ' + b.onclick);
            b.click();
            document.getElementById('bad').click();
            addEventListener('pageshow', () => setTimeout(() => console.log(document.documentElement.getAttribute('data-log'))));
            """, flavor: flavor)
        let entries = try #require(run.texts.last).split(separator: "|").map(String.init)
        #expect(entries == [
            "cs end interactive",
            // (A content script sees no handler of the page's world.)
            "cs sees onclick null",
            // (The element, its form and the document are the handler's scopes; returning false cancels.)
            "onclick id=b form elements=1 this=b title= body=BODY",
            "cs click defaultPrevented=true",
            "body onload this===window true load",
            "pageshow persisted=false",
        ])
        // (An attribute that does not compile is reported in the page's world when it is first used.)
        #expect(run.messages.contains { $0.context == .webPage && $0.text.contains("SyntaxError") })
    }

    @Test(arguments: [Flavor.chrome, .firefox])
    func anIframeAScriptInsertsIsAFrameUntilItIsRemoved(flavor: Flavor) throws {
        let run = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(permissions: [], contentScripts: #"[{"matches": ["http://127.0.0.1/*"], "js": ["cs.js"], "all_frames": true}]"#,
                                                        extra: #""web_accessible_resources": [{"resources": ["panel.html"], "matches": ["http://127.0.0.1/*"]}]"#),
            "bg.js": """
                chrome.runtime.onConnect.addListener((port) => {
                  console.log('bg: port from frame ' + port.sender.frameId + ' ' + port.sender.url.split('/').pop());
                  port.onDisconnect.addListener(() => console.log('bg: port from frame ' + port.sender.frameId + ' disconnected, lastError=' + chrome.runtime.lastError));
                });
                """,
            "cs.js": """
                if (window === top) {
                  const frame = document.createElement('iframe');
                  frame.src = 'child.html';
                  frame.addEventListener('load', () => {
                    console.log('top: child loaded, frames.length=' + frames.length + ' contentWindow=' + (frame.contentWindow !== null));
                    const panel = document.createElement('iframe');
                    panel.src = chrome.runtime.getURL('panel.html');
                    addEventListener('message', (e) => {
                      console.log('top: message ' + e.data + ' from ' + e.origin.split(':')[0] + ' source=panel ' + (e.source === panel.contentWindow));
                    });
                    panel.onload = () => {
                      console.log('top: panel loaded');
                      frame.remove();
                      console.log('top: child removed, frames.length=' + frames.length);
                    };
                    document.body.append(panel);
                  });
                  document.body.appendChild(frame);
                } else {
                  chrome.runtime.connect({ name: 'child' });
                  console.log('child: content script in ' + location.pathname);
                }
                """,
            "panel.html": "<!doctype html><script src=panel.js></script>",
            "panel.js": "chrome.runtime.connect({ name: 'panel' }); console.log('panel: top is its own window ' + (top === window)); parent.postMessage('hello', '*');",
        ], pages: [
            "index.html": "<!doctype html><html><body><h1>top</h1></body></html>",
            "child.html": "<!doctype html><html><body><h1>child</h1></body></html>",
        ], flavor: flavor, open: ["http://127.0.0.1:8000/index.html"])
        #expect(run.texts == [
            "child: content script in /child.html",
            // (The port reaches the background a process hop later.)
            "top: child loaded, frames.length=1 contentWindow=true",
            "bg: port from frame 1 child.html",
            "panel: top is its own window false",
            // (An extension page in a frame posts to the page around it, with its extension's origin.)
            "top: message hello from \(flavor == .chrome ? "chrome-extension" : "moz-extension") source=panel true",
            "bg: port from frame 2 panel.html",
            "top: panel loaded",
            "top: child removed, frames.length=1",
            // (The removed frame's content script went with it: its port closed.)
            "bg: port from frame 1 disconnected, lastError=\(flavor == .chrome ? "undefined" : "null")",
        ])
    }

    /// What a hostile page tries (a review's findings): an error thrown by the host's own realm at
    /// a stack it nearly exhausted first, through a Proxy another frame's window or a dataset is;
    /// a function handed to another world as an event's `relatedTarget`; a content script's errors
    /// heard by the page; an event handler attribute that closes the function around it.
    @Test(arguments: [Flavor.chrome, .firefox])
    func aHostilePageReachesNothingOfTheHostOrOtherWorlds(flavor: Flavor) throws {
        let run = try Self.run(html: """
            <!doctype html><html><body><iframe src="frame.html"></iframe><div id="d" data-a="1"></div>
            <button id="b" onclick="}}}}, console.log('INJECTED'), function(){{{{">x</button>
            <script>
            const foreign = (value) => value !== null && (typeof value === 'object' || typeof value === 'function') && !(value instanceof Object);
            let leaks = 0;
            const probe = (touch) => {
              let budget = 400;
              try {
                (function deeper() {
                  try { deeper(); } catch (overflow) {
                    if (budget-- > 0) { try { touch(); } catch (error) { if (foreign(error)) leaks++; } }
                    throw overflow;
                  }
                })();
              } catch (e) {}
            };
            addEventListener('error', (e) => console.log('page heard an error: ' + e.message));
            document.body.addEventListener('mouseover', (e) => { if (foreign(e.relatedTarget)) leaks++; });
            addEventListener('load', () => {
              const frame = frames[0], data = document.getElementById('d').dataset;
              probe(() => frame.x);
              probe(() => frame.location.href);
              probe(() => { data.b = 'x'; });
              probe(() => Object.keys(data));
              document.body.dispatchEvent(new MouseEvent('mouseover', { relatedTarget: function pageFunction() {} }));
              console.log('page leaks: ' + leaks);
            });
            </script></body></html>
            """, files: ["frame.html": "<!doctype html><script>1</script>"], idle: """
            document.body.addEventListener('mouseover', (e) => console.log('cs relatedTarget: ' + e.relatedTarget));
            setTimeout(() => { throw new Error('the content script fails'); });
            document.getElementById('b').click();
            """, flavor: flavor)
        #expect(run.texts.contains("page leaks: 0"))
        #expect(run.texts.contains("cs relatedTarget: null"))
        // (The page hears its own errors, its handler's SyntaxError, and none of the content script's.)
        #expect(!run.texts.contains { $0.contains("page heard an error") && $0.contains("content script") })
        #expect(!run.texts.contains { $0.contains("INJECTED") })
        #expect(run.messages.contains { $0.context == .webPage && $0.text.contains("SyntaxError") })
    }

    @Test(arguments: [Flavor.chrome, .firefox])
    func aContentScriptsMutationObserverSeesThePagesChanges(flavor: Flavor) throws {
        let run = try Self.run(html: """
            <!doctype html><html><body><div id="d" class="a">text</div>
            <script>
            const d = document.getElementById('d');
            document.addEventListener('go', () => {
              d.className = 'b';
              d.appendChild(document.createElement('span'));
              d.firstChild.data = 'changed';
              d.removeAttribute('class');
              d.lastChild.remove();
            });
            </script></body></html>
            """, idle: """
            const d = document.getElementById('d');
            const observer = new MutationObserver((records, self) => {
              console.log(records.length + ' records, ' + (self === observer) + ': ' + records.map((r) => [r.type, r.target.nodeName, r.addedNodes.length,
                r.removedNodes.length, r.attributeName, r.oldValue, r.previousSibling && r.previousSibling.nodeName].join(' ')).join(' | '));
            });
            observer.observe(d, { attributes: true, childList: true, subtree: true, characterData: true, attributeOldValue: true, characterDataOldValue: true });
            try { observer.observe(d, {}); } catch (e) { console.log(e.name + ': ' + e.message); }
            d.setAttribute('data-x', '1');
            console.log('taken ' + observer.takeRecords().length);
            document.dispatchEvent(new CustomEvent('go'));
            console.log('after go');
            """, flavor: flavor)
        #expect(run.texts == [
            flavor == .chrome
                ? "TypeError: Failed to execute 'observe' on 'MutationObserver': The options object must set at least one of 'attributes', 'characterData', or 'childList' to true."
                : "TypeError: MutationObserver.observe: One of 'childList', 'attributes', 'characterData' must not be false.",
            "taken 1",
            // (Records are delivered in a microtask, all at once.)
            "after go",
            "5 records, true: attributes DIV 0 0 class a  | childList DIV 1 0   #text | characterData #text 0 0  text  | attributes DIV 0 0 class b  | childList DIV 0 1   #text",
        ])
    }

    @Test(arguments: [Flavor.chrome, .firefox])
    func aSrcdocFrameHasItsCreatorsOriginAndACrossOriginOneNoDocument(flavor: Flavor) throws {
        let run = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(permissions: [], contentScripts: #"[{"matches": ["http://127.0.0.1/*"], "js": ["cs.js"]}]"#),
            "bg.js": "",
            "cs.js": """
                const same = document.createElement('iframe');
                same.srcdoc = '<p id=p>inside</p>';
                same.onload = () => {
                  console.log('srcdoc: ' + same.contentDocument.getElementById('p').textContent + ' ' + (same.contentWindow.document === same.contentDocument));
                  const other = document.createElement('iframe');
                  other.src = 'http://localhost:8000/child.html';
                  other.onload = () => console.log('cross-origin: ' + other.contentDocument + ' ' + (other.contentWindow !== null));
                  document.body.append(other);
                };
                document.body.append(same);
                """,
        ], pages: ["index.html": "<!doctype html><body>top</body>", "child.html": "<!doctype html><p>child</p>"],
           flavor: flavor, open: ["http://127.0.0.1:8000/index.html"])
        #expect(run.texts == ["srcdoc: inside true", "cross-origin: null true"])
    }

    @Test(arguments: [Flavor.chrome, .firefox])
    func aContentScriptThatNeverTouchesTheDocumentHearsItsWindowsLoadEvents(flavor: Flavor) throws {
        // (A page of no script, and a document_start script that only listens at its window: no
        // world ever built the DOM, and the window's listeners hear the load all the same.)
        let run = try Self.run(html: "<!doctype html><p>no script</p>", start: """
            addEventListener('DOMContentLoaded', (e) => console.log('DOMContentLoaded ' + (e.target === window ? 'window' : e.target.nodeName)));
            addEventListener('load', (e) => console.log('load ' + e.constructor.name));
            addEventListener('pageshow', (e) => console.log('pageshow ' + e.persisted));
            """, flavor: flavor)
        #expect(run.texts == ["DOMContentLoaded #document", "load Event", "pageshow false"])
    }

    @Test func aFirefoxContentScriptReachesThePageThroughWrappedJSObjectAndExportFunction() throws {
        let page = """
            <!doctype html><script>
            var pageGlobal = 1;
            function pageFn(n) { return n * 10; }
            function runPage() {
              const out = ['add=' + JSON.stringify(csAdd(2, 3))];
              try { out.push('raw=' + csRaw().secret); } catch (e) { out.push('raw: ' + e.message); }
              out.push('copy=' + fromCs.x);
              try { out.push('object=' + rawFromCs.y); } catch (e) { out.push('object: ' + e.message); }
              document.documentElement.dataset.out = out.join(' ');
            }
            </script>
            """
        let run = try Self.run(html: page, idle: """
            console.log('page values ' + window.wrappedJSObject.pageGlobal + ' ' + window.wrappedJSObject.pageFn(2) + ' ' + (window.wrappedJSObject === window.wrappedJSObject));
            exportFunction((a, b) => cloneInto({ sum: a + b }, window), window, { defineAs: 'csAdd' });
            const raw = exportFunction(() => ({ secret: 1 }), window);
            window.wrappedJSObject.csRaw = raw;
            window.wrappedJSObject.fromCs = cloneInto({ x: 1 }, window);
            window.wrappedJSObject.rawFromCs = { y: 2 };
            window.wrappedJSObject.runPage();
            console.log(document.documentElement.dataset.out);
            """, flavor: .firefox)
        #expect(run.texts == [
            "page values 1 20 true",
            #"add={"sum":5} raw: Permission denied to access property "secret" copy=1 object: Permission denied to access property "y""#,
        ])
        // (A page of no script gets its window when a content script first reaches for it.)
        let plain = try Self.run(html: "<!doctype html><p>plain</p>", idle: """
            window.wrappedJSObject.shared = 5;
            console.log(typeof window.wrappedJSObject + ' ' + window.wrappedJSObject.shared);
            """, flavor: .firefox)
        #expect(plain.texts == ["object 5"])
        let chrome = try Self.run(html: "<!doctype html><p>plain</p>", idle: "console.log(typeof exportFunction + ' ' + typeof window.wrappedJSObject);", flavor: .chrome)
        #expect(chrome.texts == ["undefined undefined"])
    }

    @Test func theFirefoxWaiverNeverHandsThePageAnObjectOfTheContentScript() throws {
        // (Review 3's critical finding: a page function called through the waiver, a callback the
        // page gave an exported function, a getter defined through it, and `this` given back.)
        let page = """
            <!doctype html><script>
            function reach(label, o) {
              let text;
              try { text = typeof o.constructor.constructor('return typeof browser')(); } catch (e) { text = e.message; }
              document.documentElement.dataset.out = (document.documentElement.dataset.out || '') + label + ': ' + text + '|';
            }
            function pageApi(options, callback) { reach('argument', options); reach('callback', callback); }
            function later() {
              exported({ a: 1 }, (x) => reach('callback argument', x));
              const mine = { q: 1 };
              reach('this given back ' + (exportedThis.call(mine) === mine), exportedThis.call(mine));
            }
            </script>
            """
        let run = try Self.run(html: page, idle: """
            const w = window.wrappedJSObject;
            w.pageApi({ secret: 1 }, function () {});
            exportFunction(function (options, callback) { callback({ fromContentScript: true }); }, window, { defineAs: 'exported' });
            exportFunction(function () { return this; }, window, { defineAs: 'exportedThis' });
            try { Object.defineProperty(w, 'accessor', { get() { return 1; }, configurable: true }); } catch (e) { console.log(e.name); }
            w.later();
            console.log(document.documentElement.dataset.out);
            """, flavor: .firefox)
        #expect(run.texts == [
            "TypeError",
            #"argument: Permission denied to access property "constructor"|callback: Permission denied to access property "constructor"|"#
                + #"callback argument: Permission denied to access property "constructor"|this given back true: string|"#,
        ])
    }
}
