import BrowserModel
import Exthost
import Foundation
import Testing

/// Script elements a script inserts (ExtensionHost+ScriptElements.swift; recorded in
/// fixtures/conformance/inserted-scripts): they run in the page's main world, once, under the
/// policy of the world that inserted them, and `load` or `error` fires at the element.
@Suite("Script elements scripts insert")
struct InsertedScriptTests {
    static let log = """
        function log(s) { const el = document.documentElement; el.setAttribute('data-log', (el.getAttribute('data-log') || '') + s + '|'); }

        """

    /// Runs `contentScript` at document_idle in a page of `html`, with `files` in the extension (a
    /// manifest of `version`, `inject.js` web-accessible) and `pageFiles` beside the page; then the
    /// content script prints the log both worlds write. Returns that log's entries.
    static func entries(html: String, contentScript: String, files: [String: String] = [:], pageFiles: [String: String] = [:],
                        version: Int = 3, flavor: Flavor) throws -> [String] {
        let resources = version >= 3 ? #"[{"resources": ["inject.js"], "matches": ["http://127.0.0.1/*"]}]"# : #"["inject.js"]"#
        var all = files
        all["manifest.json"] = TemporaryExtension.manifest(
            version: version, permissions: [],
            contentScripts: #"[{"matches": ["http://127.0.0.1/*"], "js": ["cs.js"], "run_at": "document_idle"}]"#,
            extra: #""web_accessible_resources": \#(resources)"#)
        all["bg.js"] = ""
        all["cs.js"] = log + contentScript + "\nsetTimeout(() => setTimeout(() => console.log(document.documentElement.getAttribute('data-log'))), 50);"
        var pages = pageFiles
        pages["index.html"] = html
        let run = try HostRun.run(files: all, pages: pages, flavor: flavor, open: ["http://127.0.0.1:8000/index.html"])
        let printed = try #require(run.messages.last { $0.context == .content }?.text)
        return printed.split(separator: "|").map(String.init)
    }

    @Test(arguments: [Flavor.chrome, .firefox])
    func aContentScriptPutsAnExtensionFileIntoAPageOfNoScript(flavor: Flavor) throws {
        // (The usual way to run code in the page's own world: the page has none until then.)
        let entries = try Self.entries(html: "<!doctype html><title>t</title><p>plain</p>", contentScript: """
            window.csValue = 'cs';
            const s = document.createElement('script');
            s.src = chrome.runtime.getURL('inject.js');
            s.dataset.config = 'x';
            s.onload = (e) => {
              // (The event and its target are this world's own objects.)
              log('cs load pageValue=' + typeof window.pageValue + ' own event=' + (Object.getPrototypeOf(e) === Event.prototype)
                + ' own target=' + (Object.getPrototypeOf(e.target) === HTMLScriptElement.prototype && e.target === s));
              s.remove();
            };
            (document.head || document.documentElement).appendChild(s);
            log('cs appended');
            """, files: [
                "inject.js": Self.log + """
                    window.pageValue = 1;
                    log('inject runs csValue=' + typeof window.csValue + ' config=' + document.currentScript.dataset.config
                        + ' own currentScript=' + (Object.getPrototypeOf(document.currentScript) === HTMLScriptElement.prototype)
                        + ' api=' + typeof (window.chrome && window.chrome.runtime) + ' ' + typeof window.browser);
                    """,
            ], flavor: flavor)
        #expect(entries == [
            "cs appended", "inject runs csValue=undefined config=x own currentScript=true api=undefined undefined",
            "cs load pageValue=undefined own event=true own target=true",
        ])
    }

    @Test(arguments: [Flavor.chrome, .firefox])
    func aFileNotWebAccessibleIsAnErrorAndRunsNothing(flavor: Flavor) throws {
        let entries = try Self.entries(html: "<!doctype html><p>x</p>", contentScript: """
            const s = document.createElement('script');
            s.src = chrome.runtime.getURL('private.js');
            s.addEventListener('error', (e) => log('cs error bubbles=' + e.bubbles + ' trusted=' + e.isTrusted));
            s.addEventListener('load', () => log('cs load'));
            document.body.appendChild(s);
            """, files: ["private.js": "log('private runs');", "inject.js": ""], flavor: flavor)
        #expect(entries == ["cs error bubbles=false trusted=true"])
    }

    @Test(arguments: [Flavor.chrome, .firefox])
    func aPageScriptsInsertionsRunOnceEachInOrder(flavor: Flavor) throws {
        let page = """
            <!doctype html><html><head><script>
            \(Self.log)
            document.addEventListener('go', () => {
              const outer = document.createElement('script');
              outer.textContent = "log('outer currentScript=' + document.currentScript.id);"
                + "const inner = document.createElement('script'); inner.id = 'inner';"
                + "inner.textContent = \\"log('inner currentScript=' + document.currentScript.id)\\";"
                + "document.head.appendChild(inner);"
                + "log('outer again currentScript=' + document.currentScript.id);";
              outer.id = 'outer';
              const detached = document.createElement('script');
              detached.textContent = "log('detached runs once connected')";
              log('page detached made');
              document.head.appendChild(outer);
              document.body.appendChild(detached);
              document.body.appendChild(detached);
              const a = document.createElement('script');
              a.src = 'a.js';
              a.async = false;
              const b = document.createElement('script');
              b.src = 'b.js';
              b.async = false;
              b.onload = () => log('page b load currentScript=' + document.currentScript);
              document.head.append(a, b);
              const broken = document.createElement('script');
              broken.src = 'broken.js';
              broken.onload = () => log('page broken load');
              document.head.appendChild(broken);
            });
            </script></head><body></body></html>
            """
        let entries = try Self.entries(html: page, contentScript: "document.dispatchEvent(new CustomEvent('go'));", files: ["inject.js": ""], pageFiles: [
            "a.js": "log('a.js ' + document.currentScript.getAttribute('src'));",
            "b.js": "log('b.js ' + document.currentScript.getAttribute('src'));",
            "broken.js": "log('broken runs'); null.x;",
        ], flavor: flavor)
        #expect(entries == [
            "page detached made", "outer currentScript=outer", "inner currentScript=inner", "outer again currentScript=outer",
            "detached runs once connected", "a.js a.js", "b.js b.js", "page b load currentScript=null", "broken runs", "page broken load",
        ])
    }

    @Test(arguments: [Flavor.chrome, .firefox])
    func eachInsertionRunsItsScriptsAsItReturnsAndClonesOfParsersScriptsNeverRun(flavor: Flavor) throws {
        // (HTML's post-connection steps: a script a listener inserts runs as the listener's
        // appendChild returns, inside the click that called it; one a running script inserts runs
        // before the next of the outer insertion. A clone keeps "already started", and what a
        // parser made never runs by insertion.)
        let page = """
            <!doctype html><html><head><base href="/sub/"><script id="own">
            \(Self.log)log('own runs');
            document.addEventListener('go', () => {
              const button = document.createElement('button');
              button.onclick = () => {
                const s = document.createElement('script');
                s.textContent = 'window.ran = 1;';
                document.body.appendChild(s);
                log('in click ran=' + window.ran);
              };
              document.body.appendChild(button);
              button.click();
              const fragment = document.createDocumentFragment();
              const a = document.createElement('script');
              a.textContent = "log('A start'); const c = document.createElement('script'); c.textContent = \\"log('C')\\"; document.body.appendChild(c); log('A end');";
              const b = document.createElement('script');
              b.textContent = "log('B')";
              fragment.append(a, b);
              document.body.appendChild(fragment);
              document.body.appendChild(document.getElementById('own').cloneNode(true));
              const holder = document.createElement('div');
              holder.innerHTML = "<script>log('innerHTML runs')<\\/script>";
              document.body.appendChild(holder.firstChild.cloneNode(true));
              const parsed = new DOMParser().parseFromString("<script>log('DOMParser runs')<\\/script>", 'text/html');
              document.body.appendChild(document.importNode(parsed.querySelector('script'), true));
              const based = document.createElement('script');
              based.src = 'based.js';
              based.onload = () => log('based load');
              based.onerror = () => log('based error');
              document.body.appendChild(based);
            });
            </script></head><body></body></html>
            """
        let entries = try Self.entries(html: page, contentScript: "document.dispatchEvent(new CustomEvent('go'));", files: ["inject.js": ""],
                                       pageFiles: ["sub/based.js": "log('sub/based.js runs');"], flavor: flavor)
        #expect(entries == ["own runs", "in click ran=1", "A start", "C", "A end", "B", "sub/based.js runs", "based load"])
    }

    @Test(arguments: [Flavor.chrome, .firefox])
    func aScriptPutIntoAFramesDocumentRunsInThatFrame(flavor: Flavor) throws {
        let page = """
            <!doctype html><html><head><script>\(Self.log)</script></head><body>
            <iframe id="f" src="frame.html"></iframe>
            <script>
            document.addEventListener('go', () => {
              const frameDocument = document.getElementById('f').contentDocument;
              const s = frameDocument.createElement('script');
              s.textContent = "top.log('inline in ' + location.pathname + ' currentScript=' + (document.currentScript && document.currentScript.id))";
              s.id = 'into-frame';
              frameDocument.body.appendChild(s);
            });
            </script></body></html>
            """
        let entries = try Self.entries(html: page, contentScript: "if (window === top) document.dispatchEvent(new CustomEvent('go'));", files: ["inject.js": ""],
                                       pageFiles: ["frame.html": "<!doctype html><body>frame</body>"], flavor: flavor)
        #expect(entries == ["inline in /frame.html currentScript=into-frame"])
    }

    @Test(arguments: [Flavor.chrome, .firefox])
    func aContentScriptsInlineScriptRunsUnderItsPolicy(flavor: Flavor) throws {
        // Chromium's isolated world refuses inline script (manifest version 3); Firefox runs it.
        let entries = try Self.entries(html: "<!doctype html><p>x</p>", contentScript: """
            const s = document.createElement('script');
            s.textContent = log.toString() + "log('inline runs')";
            document.body.appendChild(s);
            log('cs appended');
            """, files: ["inject.js": ""], flavor: flavor)
        #expect(entries == (flavor == .chrome ? ["cs appended"] : ["inline runs", "cs appended"]))
    }

    @Test func aFirefoxContentScriptOfManifestVersion2HasNoPolicyForSources() throws {
        let entries = try Self.entries(html: "<!doctype html><p>x</p>", contentScript: """
            const s = document.createElement('script');
            s.src = 'data:text/javascript,' + encodeURIComponent(log.toString() + 'log("data runs")');
            s.onload = () => log('cs load');
            document.body.appendChild(s);
            """, files: ["inject.js": ""], version: 2, flavor: .firefox)
        #expect(entries == ["data runs", "cs load"])
    }

    @Test(arguments: [Flavor.chrome, .firefox])
    func anExtensionPageRunsItsOwnFilesAndRefusesInlineScript(flavor: Flavor) throws {
        let run = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(permissions: []),
            "bg.js": "setTimeout(() => chrome.tabs.create({ url: chrome.runtime.getURL('page.html') }), 10);",
            "page.html": "<!doctype html><title>p</title><script src=\"page.js\"></script>",
            "page.js": """
                const own = document.createElement('script');
                own.src = 'more.js';
                own.onload = () => console.log('load more.js');
                document.head.appendChild(own);
                const inline = document.createElement('script');
                inline.textContent = "console.log('inline runs')";
                document.head.appendChild(inline);
                console.log('appended');
                """,
            "more.js": "console.log('more.js runs, currentScript=' + document.currentScript.getAttribute('src'));",
        ], flavor: flavor)
        let page = run.messages.filter { $0.context == .page }.map(\.text)
        #expect(page.count == 4)
        #expect(page.first?.contains("inline script") == true)
        #expect(Array(page.dropFirst()) == ["appended", "more.js runs, currentScript=more.js", "load more.js"])
    }

    /// Scripts in shadow trees and documents of no frame (the review of session 25): a script in a
    /// shadow tree runs once connected (also when its host is inserted later), and only when a
    /// change that prepares scripts reaches it (a type removed later does not, nor another world's
    /// reading of the tree); an empty script given its text in a document of no frame never runs,
    /// also moved in; a contextual fragment's script is not async. The page itself does it all
    /// (Chromium refuses a content script's inline scripts).
    @Test(arguments: [Flavor.chrome, .firefox])
    func shadowTreesAndDocumentsOfNoFrameRunWhatTheBrowsersRun(flavor: Flavor) throws {
        let html = "<!doctype html><title>t</title><body><script>" + Self.log + """
            const text = document.createElement('script');
            text.type = 'text/plain';
            text.textContent = "log('text/plain script runs')";
            const host1 = document.createElement('div');
            document.body.appendChild(host1);
            host1.attachShadow({ mode: 'open' }).appendChild(text);
            text.removeAttribute('type');
            log('type removed');
            const later = document.createElement('div');
            const inLater = document.createElement('script');
            inLater.textContent = "log('script of a later host runs')";
            later.attachShadow({ mode: 'open' }).appendChild(inLater);
            log('host not connected yet');
            document.body.appendChild(later);
            log('host connected');
            window.pending = document.createElement('div');
            const waiting = document.createElement('script');
            waiting.type = 'text/plain';
            waiting.textContent = "log('waiting script runs')";
            window.pending.attachShadow({ mode: 'open' }).appendChild(waiting);
            document.body.appendChild(window.pending);
            waiting.type = '';
            const made = document.implementation.createHTMLDocument('');
            const empty = made.createElement('script');
            made.body.appendChild(empty);
            empty.text = "log('frameless script runs')";
            document.body.appendChild(empty);
            log('frameless script moved in');
            const range = document.createRange();
            range.selectNodeContents(document.body);
            const fragment = range.createContextualFragment('<script>log("fragment script runs")<\\/script>');
            log('fragment script async=' + fragment.firstChild.async);
            </script>
            """
        let entries = try Self.entries(html: html, contentScript: """
            document.querySelector('div:last-of-type').shadowRoot.querySelector('script');
            log('cs read the shadow tree');
            """, flavor: flavor)
        #expect(entries == [
            "type removed", "host not connected yet", "script of a later host runs", "host connected",
            "frameless script moved in", "fragment script async=false", "cs read the shadow tree",
        ])
    }

    /// What `document.implementation` hands a content script is its own world's: the object, the
    /// documents it makes, its functions and the errors it throws (no object of the host's realm).
    @Test(arguments: [Flavor.chrome, .firefox])
    func documentImplementationGivesOnlyTheWorldsOwnObjects(flavor: Flavor) throws {
        let entries = try Self.entries(html: "<!doctype html><title>t</title><p>p</p>", contentScript: """
            const impl = document.implementation;
            const made = impl.createHTMLDocument('x');
            let typeError, domError;
            try { impl.createDocument(null, 'x', {}); } catch (e) { typeError = e; }
            try { impl.createDocumentType('a b', '', ''); } catch (e) { domError = e; }
            log([
              Object.getPrototypeOf(impl) === DOMImplementation.prototype,
              Object.getPrototypeOf(made) === HTMLDocument.prototype,
              Object.getPrototypeOf(made.body) === HTMLBodyElement.prototype,
              impl.createHTMLDocument.constructor === Function,
              Object.getPrototypeOf(typeError) === TypeError.prototype,
              Object.getPrototypeOf(domError) === DOMException.prototype,
              typeError.constructor.constructor === Function,
            ].join(' '));
            """, flavor: flavor)
        #expect(entries == ["true true true true true true true"])
    }
}
