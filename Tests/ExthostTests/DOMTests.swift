import BrowserModel
@testable import Exthost
import Foundation
import Testing

/// The DOM a content script and a background page see (js/62_dom_library.js, js/63_dom.js): a
/// document parsed from the served page, nodes and their members, selectors, live and static
/// lists, events on nodes, forms, and each browser's errors.
@Suite("DOM")
struct DOMTests {
    static let page = """
        <!doctype html><html lang="en"><head><title>The page</title></head><body>
        <div id="main" class="a b" data-user-id="42" style="color: red"><p>One</p><p class="x">Two <b>bold</b></p></div>
        <ul><li>a<li>b<li>c</ul>
        <form id="f"><input id="name" name="name" value="Ann"><input type="checkbox" id="cb"><select id="s"><option value="1">one<option value="2" selected>two</select><button id="go" type="button">Go</button></form>
        <a id="link" href="/other?q=1#h">other</a>
        <table id="t"><tr><td>1<td>2</tr></table>
        <iframe id="frame" src="about:blank"></iframe>
        </body></html>
        """

    /// For the tests that nothing of the host realm reaches a script: `ours(v)`, whether `v` is an
    /// object of the script's own realm (its Function, its Object.prototype at the end of its
    /// chain), and `attemptEach(tries)`, which prints for each what it gave (for an object, whether
    /// it is the script's) or whether the error it threw is the script's, and its name.
    static let realmChecks = """
        const ours = (v) => v !== null && (typeof v === 'object' || typeof v === 'function') && v.constructor.constructor === Function
          && (() => { let o = v; for (let i = 0; i < 20 && Object.getPrototypeOf(o) !== null; i++) o = Object.getPrototypeOf(o); return o === Object.prototype; })();
        const attemptEach = (tries) => {
          for (const [name, f] of Object.entries(tries)) {
            try { const v = f(); out(name, 'gave', v === null || typeof v !== 'object' ? String(v) : ours(v)); } catch (e) { out(name, ours(e), e.name); }
          }
        };
        """

    /// Runs `code` as a content script of a page made of `html` and returns what it printed.
    static func contentScript(_ code: String, html: String = page, flavor: Flavor = .chrome) throws -> [String] {
        let run = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(permissions: [], contentScripts: #"[{"matches": ["http://127.0.0.1/*"], "js": ["cs.js"]}]"#),
            "bg.js": "", "cs.js": "const out = (...values) => console.log(values.map(String).join(' '));\n" + code,
        ], pages: ["index.html": html], flavor: flavor, open: ["http://127.0.0.1:8000/index.html"])
        return run.texts
    }

    /// A world that reads the page and listens for events runs none of the host's JavaScript in its
    /// own realm beyond what every context runs at its start: the DOM and the events are the host
    /// realm's (a world's cost, docs/architecture.md "Costs").
    @Test(arguments: [Flavor.chrome, .firefox])
    func aWorldUsingTheDOMAndEventsLoadsNoModuleOfItsOwn(flavor: Flavor) throws {
        let run = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(permissions: [], contentScripts: #"[{"matches": ["http://127.0.0.1/*"], "js": ["cs.js"]}]"#),
            "bg.js": "", "cs.js": """
                const heading = document.querySelector('p');
                heading.addEventListener('click', (event) => console.log('clicked', event.type, event.isTrusted, heading.textContent));
                heading.click();
                heading.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));
                window.addEventListener('message', () => {});
                new MutationObserver((records) => console.log(records.length + ' ' + records[0].type)).observe(document.body, { childList: true });
                document.body.append('more');
                console.log(new AbortController().signal.aborted);
                try { document.createElement('1x'); } catch (error) { console.log(error.name); }
                """,
        ], pages: ["index.html": Self.page], flavor: flavor, open: ["http://127.0.0.1:8000/index.html"])
        #expect(run.texts == ["clicked click false One", "false", "InvalidCharacterError", "1 childList"])
        let world = try #require(run.host.contexts.first { $0.kind == .content })
        #expect(world.loadedModuleNames == HostModuleTests.eager(flavor))
        #expect(world.hasLoaded("events") && world.hasLoaded("dom"))
    }

    /// What host code throws while calling a listener (a revoked Proxy as the listener) reaches the
    /// window's `error` event as an error of the script's own realm, never the host realm's.
    @Test(arguments: [Flavor.chrome, .firefox])
    func anErrorEventNeverCarriesAnErrorOfTheHostRealm(flavor: Flavor) throws {
        let texts = try Self.contentScript("""
            const target = new EventTarget();
            const revocable = Proxy.revocable({}, {});
            revocable.revoke();
            target.addEventListener('x', revocable.proxy);
            let caught;
            addEventListener('error', (event) => { caught = event.error; event.preventDefault(); });
            reportError(new Error('first'));
            target.dispatchEvent(new Event('x'));
            out(caught instanceof TypeError, caught.constructor.constructor === Function);
            """, flavor: flavor)
        #expect(texts == ["true true"])
    }

    @Test(arguments: [Flavor.chrome, .firefox])
    func aContentScriptSeesThePageParsed(flavor: Flavor) throws {
        let texts = try Self.contentScript("""
            out(document.title, document.URL, document.readyState, document.compatMode, document.doctype.name);
            out(Object.prototype.toString.call(document), document.documentElement.lang, document.head.firstChild.tagName, document.body.children.length);
            out(document.getElementById('t').outerHTML);
            out(document.defaultView === window, document === window.document, document.body.ownerDocument === document);
            """, flavor: flavor)
        #expect(texts == [
            // (At document_idle Chromium's document is still interactive, Firefox's complete:
            // fixtures/conformance/cs-run-at.)
            "The page http://127.0.0.1:8000/index.html \(flavor == .chrome ? "interactive" : "complete") CSS1Compat html",
            "[object HTMLDocument] en TITLE 6",
            // (The parser puts the row in a tbody, as the browsers' parser does.)
            #"<table id="t"><tbody><tr><td>1</td><td>2</td></tr></tbody></table>"#,
            "true true true",
        ])
    }

    @Test func nodesHaveTheirInterfacesAndOneWrapperEach() throws {
        let texts = try Self.contentScript("""
            const main = document.getElementById('main');
            out(main instanceof HTMLDivElement, main instanceof HTMLElement, main instanceof Element, main instanceof Node, main instanceof EventTarget);
            out(Object.getPrototypeOf(HTMLDivElement) === HTMLElement, Object.getPrototypeOf(Node) === EventTarget, HTMLDivElement.name, Node.ELEMENT_NODE, main.TEXT_NODE);
            main.expando = 'kept';
            out(document.querySelector('#main') === main, document.querySelector('#main').expando);
            out(Object.prototype.toString.call(document.createElement('x-custom')), Object.prototype.toString.call(document.createElement('blink')));
            out(document.createTextNode('t') instanceof Text, document.createComment('c') instanceof CharacterData);
            """)
        #expect(texts == [
            "true true true true true",
            "true true HTMLDivElement 1 3",
            "true kept",
            "[object HTMLElement] [object HTMLUnknownElement]",
            "true true",
        ])
    }

    @Test func selectorsMatchAsTheBrowsersDo() throws {
        let texts = try Self.contentScript("""
            out(document.querySelectorAll('p').length, document.querySelector('p.x').textContent, document.querySelector('#main > p:nth-child(2) b').outerHTML);
            out([...document.querySelectorAll('li:not(:first-child)')].map((li) => li.textContent).join(','));
            const b = document.querySelector('b');
            out(b.closest('div').id, b.matches('.x b'), b.closest('ul'), document.querySelector('input:disabled'), document.querySelectorAll(':checked').length);
            out(document.querySelector('li:nth-child(2 of li)').textContent, document.querySelector('main'));
            """)
        #expect(texts == ["2 Two bold <b>bold</b>", "b,c", "main true null null 1", "b null"])
    }

    @Test(arguments: [Flavor.chrome, .firefox])
    func anInvalidSelectorIsASyntaxError(flavor: Flavor) throws {
        let texts = try Self.contentScript("""
            for (const selector of ['a[', 'p >', '', 'p,,b']) {
              try { document.querySelectorAll(selector); out('accepted', selector); } catch (e) { out(e instanceof DOMException, e.name, e.message); }
            }
            """, flavor: flavor)
        let expected = flavor == .chrome
            ? ["true SyntaxError Failed to execute 'querySelectorAll' on 'Document': 'a[' is not a valid selector.",
               "true SyntaxError Failed to execute 'querySelectorAll' on 'Document': 'p >' is not a valid selector.",
               "true SyntaxError Failed to execute 'querySelectorAll' on 'Document': The provided selector is empty.",
               "true SyntaxError Failed to execute 'querySelectorAll' on 'Document': 'p,,b' is not a valid selector."]
            : ["true SyntaxError Document.querySelectorAll: 'a[' is not a valid selector",
               "true SyntaxError Document.querySelectorAll: 'p >' is not a valid selector",
               "true SyntaxError Document.querySelectorAll: '' is not a valid selector",
               "true SyntaxError Document.querySelectorAll: 'p,,b' is not a valid selector"]
        #expect(texts == expected)
    }

    @Test func listsAreLiveOrStaticAsTheStandardSays() throws {
        let texts = try Self.contentScript("""
            const ul = document.querySelector('ul');
            const childNodes = ul.childNodes, children = ul.children, byTag = document.getElementsByTagName('li'), byClass = document.getElementsByClassName('new');
            const snapshot = document.querySelectorAll('li');
            const li = document.createElement('li'); li.className = 'new';
            ul.append(li, 'text');
            out(childNodes.length, children.length, byTag.length, byClass.length, snapshot.length);
            out(ul.childNodes === childNodes, byTag[3] === li, byTag.item(3) === li, Object.keys(children).join(), 4 in childNodes, 5 in childNodes);
            li.remove();
            out(children.length, byClass.length, byTag[3], Object.prototype.toString.call(snapshot), Object.prototype.toString.call(children));
            const seen = []; snapshot.forEach((item, i) => seen.push(i + item.textContent)); out(seen.join(' '), [...children].length, [...snapshot.keys()].join());
            out(NodeList.prototype.forEach === Array.prototype.forEach, NodeList.prototype[Symbol.iterator] === Array.prototype.values);
            """)
        #expect(texts == [
            "5 4 4 1 3",
            "true true true 0,1,2,3 true false",
            "3 0 undefined [object NodeList] [object HTMLCollection]",
            "0a 1b 2c 3 0,1,2",
            "true true",
        ])
    }

    @Test func treeChangesAndSerialization() throws {
        let texts = try Self.contentScript("""
            const main = document.getElementById('main');
            main.innerHTML = '<span>new</span> text<table><td>cell</table>';
            out(main.innerHTML, main.childNodes.length, main.firstChild.textContent);
            main.insertAdjacentHTML('afterbegin', '<i>first</i>');
            main.firstChild.replaceWith('replaced');
            main.prepend(document.createElement('hr'));
            const copy = main.cloneNode(true); copy.id = 'copy';
            document.body.appendChild(copy);
            out(main.outerHTML === copy.outerHTML.replace('copy', 'main'), copy.isConnected, document.getElementById('copy') === copy);
            main.textContent = 'plain';
            out(main.innerHTML, main.childElementCount, main.isEqualNode(main.cloneNode(true)));
            const fragment = document.createDocumentFragment(); fragment.append('a', document.createElement('br'));
            main.replaceChildren(fragment); out(main.innerHTML, fragment.childNodes.length);
            """)
        #expect(texts == [
            "<span>new</span> text<table><tbody><tr><td>cell</td></tr></tbody></table> 3 new",
            "true true true",
            "plain 0 true",
            "a<br> 0",
        ])
    }

    @Test(arguments: [Flavor.chrome, .firefox])
    func errorsAreTheBrowsersDOMExceptionsAndTypeErrors(flavor: Flavor) throws {
        let texts = try Self.contentScript("""
            const tries = [
              () => document.body.appendChild(document.documentElement),
              () => document.body.removeChild(document.createElement('p')),
              () => document.body.appendChild('text'),
              () => document.body.appendChild(),
              () => Node.prototype.appendChild.call({}, document.body),
              () => Object.getOwnPropertyDescriptor(Node.prototype, 'nodeType').get.call({}),
              () => new Node(),
            ];
            for (const f of tries) { try { f(); out('no error'); } catch (e) { out(e.constructor.name, e.name, e.message); } }
            """, flavor: flavor)
        let expected = flavor == .chrome
            ? ["DOMException HierarchyRequestError Failed to execute 'appendChild' on 'Node': The new child element contains the parent.",
               "DOMException NotFoundError Failed to execute 'removeChild' on 'Node': The node to be removed is not a child of this node.",
               "TypeError TypeError Failed to execute 'appendChild' on 'Node': parameter 1 is not of type 'Node'.",
               "TypeError TypeError Failed to execute 'appendChild' on 'Node': 1 argument required, but only 0 present.",
               "TypeError TypeError Illegal invocation",
               "TypeError TypeError Illegal invocation",
               "TypeError TypeError Failed to construct 'Node': Illegal constructor"]
            : ["DOMException HierarchyRequestError Node.appendChild: The new child is an ancestor of the parent",
               "DOMException NotFoundError Node.removeChild: The node to be removed is not a child of this node",
               "TypeError TypeError Node.appendChild: Argument 1 is not an object.",
               "TypeError TypeError Node.appendChild: At least 1 argument required, but only 0 passed",
               "TypeError TypeError 'appendChild' called on an object that does not implement interface Node.",
               "TypeError TypeError 'get nodeType' called on an object that does not implement interface Node.",
               "TypeError TypeError Illegal constructor."]
        #expect(texts == expected)
    }

    @Test func eventsCaptureAndBubbleThroughTheTreeToTheWindow() throws {
        let texts = try Self.contentScript("""
            const button = document.getElementById('go'), form = document.getElementById('f');
            window.addEventListener('click', (e) => out('window capture', e.eventPhase, e.target === button), true);
            document.addEventListener('click', function (e) { out('document bubble', e.eventPhase, this === document, e.currentTarget === document); });
            form.addEventListener('click', (e) => out('form capture', e.eventPhase), { capture: true, once: true });
            button.addEventListener('click', (e) => out('button', e.eventPhase, e.isTrusted, e.bubbles, e.cancelable));
            window.addEventListener('click', (e) => out('window bubble', e.eventPhase, e.composedPath().length));
            button.click();
            button.click();
            const custom = new CustomEvent('ping', { bubbles: true, detail: { n: 1 } });
            document.body.addEventListener('ping', (e) => out('ping', e.detail.n, e.target === button, e.isTrusted));
            out('dispatched', button.dispatchEvent(custom));
            """)
        #expect(texts == [
            // (A script's click() is not trusted, in both browsers: fixtures/conformance/dom-basics.)
            "window capture 1 true", "form capture 1", "button 2 false true true", "document bubble 3 true true", "window bubble 3 6",
            "window capture 1 true", "button 2 false true true", "document bubble 3 true true", "window bubble 3 6",
            "ping 1 true false", "dispatched true",
        ])
    }

    @Test func formsKeepTheirValuesAndAClickChecksACheckbox() throws {
        let texts = try Self.contentScript("""
            const name = document.getElementById('name'), cb = document.getElementById('cb'), select = document.getElementById('s'), form = document.forms[0];
            out(name.value, cb.checked, select.value, select.selectedIndex, select.options.length, form.elements.length, form.length);
            cb.addEventListener('change', () => out('change', cb.checked));
            cb.click();
            cb.addEventListener('click', (e) => e.preventDefault());
            cb.click();
            out('after cancel', cb.checked);
            name.value = 'Bo'; select.value = '1';
            out(name.value, name.getAttribute('value'), select.selectedIndex, select.options[0].selected, select.selectedOptions[0].textContent);
            form.reset();
            out(name.value, select.value, cb.checked);
            """)
        #expect(texts == [
            "Ann false 2 1 2 4 4",
            "change true",
            "after cancel true",
            "Bo Ann 0 true one",
            "Ann 2 false",
        ])
    }

    /// A collection's elements by id and name (not enumerable, after its indices), a form's controls
    /// by name (several: a RadioNodeList whose value is the checked one's), and a select's options
    /// (an HTMLOptionsCollection with selectedIndex); every object is the world's own.
    @Test func collectionsNameTheirElementsAndAFormsRadioGroupIsARadioNodeList() throws {
        let texts = try Self.contentScript("""
            const form = document.forms.f;
            out(form === document.getElementById('f'), 'f' in document.forms, JSON.stringify(Object.getOwnPropertyNames(document.forms)), JSON.stringify(Object.keys(document.forms)));
            out(form.elements.name.value, form.elements.namedItem('cb').id, form.elements.missing, form.elements.namedItem('missing'));
            const group = form.elements.color;
            out(Object.prototype.toString.call(group), group.length, group instanceof RadioNodeList, group instanceof NodeList, JSON.stringify(group.value));
            group.value = 'blue';
            out(document.getElementById('blue').checked, JSON.stringify(group.value), Object.getPrototypeOf(form.elements) === HTMLFormControlsCollection.prototype);
            const options = document.getElementById('s').options;
            out(Object.prototype.toString.call(options), options.selectedIndex);
            options.selectedIndex = 0;
            out(document.getElementById('s').value, options instanceof HTMLCollection, form.elements.name instanceof HTMLInputElement);
            """, html: """
            <!doctype html><form id="f" name="f"><input id="name" name="name" value="Ann"><input type="checkbox" id="cb">
            <input type="radio" name="color" value="red" checked><input type="radio" name="color" id="blue" value="blue">
            <select id="s"><option value="1">one<option value="2" selected>two</select></form>
            """)
        #expect(texts == [
            #"true true ["0","f"] ["0"]"#,
            "Ann cb undefined null",
            #"[object RadioNodeList] 2 true true "red""#,
            #"true "blue" true"#,
            "[object HTMLOptionsCollection] 1",
            "1 true true",
        ])
    }

    /// A content script's shadow root, as the page's own script sees it: a click inside reaches the
    /// page's listener retargeted to the host (the dispatch through both worlds), the page cannot
    /// find what is inside, a closed root stays hidden, and a node moved into a shadow tree is
    /// connected through its host.
    @Test func thePageSeesAContentScriptsShadowTreeOnlyThroughItsHost() throws {
        for flavor in [Flavor.chrome, .firefox] {
            let page = """
                <!doctype html><body><script>
                document.addEventListener('click', (e) => {
                  document.title = e.target.id + ' ' + e.composedPath().length + ' ' + (document.getElementById('inside') === null);
                });
                </script></body>
                """
            let lines = try Self.contentScript("""
                const ui = document.createElement('div'); ui.id = 'ui'; document.body.append(ui);
                const root = ui.attachShadow({ mode: 'closed' });
                root.innerHTML = '<p><button id="inside">Go</button></p>';
                let seen = '';
                root.addEventListener('click', (e) => { seen = e.target.id; });
                root.getElementById('inside').click();
                out(document.title, seen, ui.shadowRoot, root.getElementById('inside').isConnected);
                const moved = document.createElement('span'); root.firstChild.append(moved);
                out(moved.isConnected, moved.getRootNode() === root, moved.getRootNode({ composed: true }) === document, document.contains(moved));
                ui.remove();
                out(moved.isConnected, root.host === ui);
                """, html: page, flavor: flavor)
            #expect(lines == ["ui 5 true inside null true", "true true true false", "false true"], "\(flavor)")
        }
    }

    /// A ClipboardEvent a content script dispatches reaches the page's own listener with its data
    /// (a DataTransfer of the page's world, made from the script's), and the page's cancel counts.
    @Test func aPasteCrossesToThePageWithItsData() throws {
        let page = """
            <!doctype html><textarea id="field"></textarea><script>
            document.getElementById('field').addEventListener('paste', (e) => {
              document.title = e.constructor.name + ' ' + (e.clipboardData instanceof DataTransfer) + ' ' + e.clipboardData.getData('text') + ' ' + e.clipboardData.types.join();
              e.preventDefault();
            });
            </script>
            """
        let lines = try Self.contentScript("""
            const data = new DataTransfer();
            data.setData('text/plain', 'pasted');
            data.items.add('<b>x</b>', 'text/html');
            const result = document.getElementById('field').dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
            out(document.title, result, data.items.length, data.items[1].type, data.files.length);
            """, html: page)
        #expect(lines == ["ClipboardEvent true pasted text/plain,text/html false 2 text/html 0"])
    }

    /// HTML's legacy factory functions make elements of the window's document and share their
    /// element interface's prototype.
    @Test func imageAudioAndOptionMakeElements() throws {
        for flavor in [Flavor.chrome, .firefox] {
            let lines = try Self.contentScript("""
                const img = new Image(10, 20);
                console.log([img.tagName, img.width, img.height, img.ownerDocument === document, Image.prototype === HTMLImageElement.prototype,
                  HTMLImageElement.prototype.constructor === HTMLImageElement, Image.name, Image.length].join(' '));
                const audio = new Audio('a.mp3');
                console.log([audio.tagName, audio.getAttribute('src'), audio.getAttribute('preload'), audio instanceof HTMLMediaElement].join(' '));
                const option = new Option('Text', 'v', true, false);
                console.log([option.outerHTML, option.value, option.selected, new Option().outerHTML].join(' '));
                try { Option(); } catch (e) { console.log(e.constructor === TypeError); }
                """, flavor: flavor)
            #expect(lines == [
                "IMG 10 20 true true true Image 0",
                "AUDIO a.mp3 auto true",
                #"<option value="v" selected="">Text</option> v true <option></option>"#,
                "true",
            ], "\(flavor)")
        }
    }

    @Test func attributesClassesDataAndStyle() throws {
        let texts = try Self.contentScript("""
            const main = document.getElementById('main');
            out(main.className, main.classList.length, main.classList.contains('b'), main.dataset.userId, main.style.color, main.getAttributeNames().join());
            main.classList.add('c'); main.classList.remove('a'); main.classList.toggle('d');
            main.dataset.fooBar = 'x'; delete main.dataset.userId;
            main.style.backgroundColor = 'blue'; main.style.setProperty('margin-top', '3px'); main.style.color = '';
            out(main.getAttribute('class'), main.getAttribute('data-foo-bar'), main.hasAttribute('data-user-id'), main.getAttribute('style'));
            out(Object.keys(main.dataset).join(), [...main.classList].join(' '), main.classList[0], main.style.length, main.style.marginTop);
            out(main.toggleAttribute('hidden'), main.hidden, main.classList.value, String(main.classList));
            const r = main.getBoundingClientRect(); out(r.width, r.top, r instanceof DOMRect);
            """)
        #expect(texts == [
            "a b 2 true 42 red id,class,data-user-id,style",
            "b c d x false background-color: blue; margin-top: 3px;",
            "fooBar b c d b 2 3px",
            "true true b c d b c d",
            "0 0 true",
        ])
    }

    @Test func aBackgroundPageHasItsOwnDocumentAndAWorkerNone() throws {
        let page = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(version: 2),
            "bg.js": "console.log([document.URL.endsWith('/_generated_background_page.html'), document.scripts.length, document.scripts[0].src.endsWith('/bg.js'), document.body !== null].join(' '));",
        ], flavor: .firefox)
        #expect(page.texts == ["true 1 true true"])
        let worker = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(version: 3),
            "bg.js": "console.log([typeof document, typeof Node, typeof HTMLElement].join(' '));",
        ])
        #expect(worker.texts == ["undefined undefined undefined"])
    }

    @Test func aWorldMakesOnlyTheInterfacesItUses() throws {
        let texts = try Self.contentScript("""
            document.body;
            out(typeof HTMLTableCellElement, HTMLTableCellElement.name, Object.getPrototypeOf(HTMLTableCellElement.prototype) === HTMLElement.prototype);
            out(document.querySelector('td') instanceof HTMLTableCellElement);
            delete window.HTMLSpanElement;
            out(typeof HTMLSpanElement, Object.prototype.toString.call(document.createElement('span')), document.createElement('span').constructor.name);
            """)
        #expect(texts == [
            "function HTMLTableCellElement true",
            "true",
            "undefined [object HTMLSpanElement] HTMLSpanElement",
        ])
    }

    @Test(arguments: [Flavor.chrome, .firefox])
    func nothingOfTheHostRealmReachesAScriptThroughTheDOMsProxies(flavor: Flavor) throws {
        // What the traps of a dataset, a style, a token list and a live list throw is the script's
        // own (an error of the host realm would hand over its Object.prototype and Function).
        let texts = try Self.contentScript("""
            const ours = (e) => e instanceof Error && e.constructor.constructor === Function && Object.getPrototypeOf(Object.getPrototypeOf(e.constructor.prototype)) === Object.prototype;
            const main = document.getElementById('main');
            const tries = {
              'dataset set': () => { main.dataset['x y'] = 1; },
              'dataset define': () => Object.defineProperty(main.dataset, 'a b', { value: 1 }),
              'classList add': () => main.classList.add('a b'),
              'selector of': () => document.querySelectorAll('li:nth-child(2 of [)'),
              'symbol id': () => { main.id = Symbol('s'); },
            };
            for (const [name, f] of Object.entries(tries)) {
              try { f(); out(name, 'no error'); } catch (e) { out(name, ours(e), e.name); }
            }
            Object.defineProperty(Object.prototype, 'value', { set(v) { out('a setter of the script saw', v); }, configurable: true });
            const descriptor = Object.getOwnPropertyDescriptor(document.querySelector('ul').childNodes, 0);
            delete Object.prototype.value;
            out('descriptor', descriptor.value && descriptor.value.tagName, descriptor.writable);
            out('preventExtensions', Reflect.preventExtensions(main.classList), Object.isExtensible(main.classList));
            """, flavor: flavor)
        #expect(texts == [
            "dataset set true InvalidCharacterError",
            "dataset define true InvalidCharacterError",
            "classList add true InvalidCharacterError",
            "selector of true SyntaxError",
            "symbol id true TypeError",
            "descriptor LI false",
            "preventExtensions false true",
        ])
    }

    @Test(arguments: [Flavor.chrome, .firefox])
    func nothingOfTheHostRealmReachesAScriptThroughValidityCollectionsSelectionOrTheExtensionNamespace(flavor: Flavor) throws {
        // A ValidityState, a collection's named properties and their descriptors, a RadioNodeList,
        // the errors of the selection API and of classList.supports, a BeforeUnloadEvent's
        // constructor error and extension.ViewType: every object a script gets is of its own realm.
        let texts = try Self.contentScript("""
            \(Self.realmChecks)
            const form = document.forms.f;
            out('objects', ours(document.forms), ours(document.forms.f), ours(Object.getOwnPropertyDescriptor(document.forms, 'f')), ours(form.elements),
              ours(form.elements.color), ours(form.elements.namedItem('color')), ours(document.getElementById('name').validity),
              ours(document.getElementById('s').options), ours(document.getElementById('name').labels), ours(chrome.extension.ViewType));
            const tries = {
              'selection': () => document.getElementById('cb').setSelectionRange(0, 1),
              'range text': () => document.getElementById('name').setRangeText('x', 3, 1),
              'supports': () => document.body.classList.supports('a'),
              'before unload': () => new BeforeUnloadEvent('beforeunload'),
              'validity of nothing': () => Object.getOwnPropertyDescriptor(ValidityState.prototype, 'valid').get.call(form),
            };
            attemptEach(tries);
            """, html: """
            <!doctype html><body><form id="f" name="f"><input id="name" name="name" value="Ann" required><input type="checkbox" id="cb">
            <input type="radio" name="color" value="red"><input type="radio" name="color" value="blue"><select id="s"><option>1</select></form>
            """, flavor: flavor)
        #expect(texts == [
            // (Firefox's content scripts list extension.ViewType with no value.)
            "objects true true true true true true true true true " + (flavor == .chrome ? "true" : "false"),
            "selection true InvalidStateError",
            "range text true IndexSizeError",
            "supports true TypeError",
            "before unload true TypeError",
            "validity of nothing true TypeError",
        ])
    }

    @Test(arguments: [Flavor.chrome, .firefox])
    func nothingOfTheHostRealmReachesAScriptThroughRangesOrTheSelection(flavor: Flavor) throws {
        // A Range (made both ways, cloned, its contents, its rectangles), the selection and its
        // range, and every error the two throw: each is of the script's own realm.
        let texts = try Self.contentScript("""
            \(Self.realmChecks)
            const p = document.getElementById('main');
            const range = document.createRange();
            range.selectNodeContents(p);
            getSelection().addRange(range);
            out('objects', ours(range), ours(new Range()), ours(range.cloneRange()), ours(range.cloneContents()), ours(range.getClientRects()),
              ours(range.getBoundingClientRect()), ours(getSelection()), ours(getSelection().getRangeAt(0)), ours(range.createContextualFragment('<b>x</b>')),
              ours(Range), ours(Selection), ours(AbstractRange));
            const tries = {
              'offset': () => range.setStart(p, 99),
              'doctype': () => range.setStart(document.doctype, 0),
              'not a node': () => range.setEnd({}, 0),
              'how': () => range.compareBoundaryPoints(9, range),
              'other tree': () => range.comparePoint(document.createElement('i'), 0),
              'partial': () => { const r = document.createRange(); r.setStart(p.firstChild, 1); r.setEnd(document.body, document.body.childNodes.length); r.surroundContents(document.createElement('b')); },
              'insert': () => { const r = document.createRange(); r.selectNode(p); r.insertNode(document); },
              'range of nothing': () => Range.prototype.setStart.call({}, p, 0),
              'rangeAt': () => getSelection().getRangeAt(5),
              'collapse': () => getSelection().collapse(p, 40),
              'empty': () => { getSelection().removeAllRanges(); getSelection().collapseToEnd(); },
              'selection of nothing': () => Object.getOwnPropertyDescriptor(Selection.prototype, 'type').get.call(range),
            };
            attemptEach(tries);
            """, flavor: flavor)
        #expect(texts == [
            "objects true true true true true true true true true true true true",
            "offset true IndexSizeError",
            "doctype true InvalidNodeTypeError",
            "not a node true TypeError",
            "how true NotSupportedError",
            "other tree true WrongDocumentError",
            "partial true InvalidStateError",
            "insert true HierarchyRequestError",
            "range of nothing true TypeError",
            "rangeAt true IndexSizeError",
            "collapse true IndexSizeError",
            "empty true InvalidStateError",
            "selection of nothing true TypeError",
        ])
    }

    @Test(arguments: [Flavor.chrome, .firefox])
    func nothingOfTheHostRealmReachesAScriptThroughAttributesXMLOrASubmitEvent(flavor: Flavor) throws {
        // A NamedNodeMap's traps and members, an Attr, a parsed XML document (its nodes, its CDATA
        // section, its parsererror) and a SubmitEvent's submitter: every object a script gets is of
        // its own realm, and every error it catches its own.
        let texts = try Self.contentScript("""
            \(Self.realmChecks)
            const main = document.getElementById('main');
            const map = main.attributes;
            const attr = map.getNamedItem('class');
            out('map', ours(map), ours(attr), ours(map.class), ours(Object.getOwnPropertyDescriptor(map, 'class')), ours(attr.childNodes), ours(attr.ownerDocument));
            const tries = {
              'setNamedItem': () => map.setNamedItem(main),
              'removeNamedItem': () => map.removeNamedItem('nope'),
              'in use': () => document.body.attributes.setNamedItem(attr),
              'foreign node': () => main.removeAttributeNode(document.createAttribute('x')),
              'symbol name': () => map[Symbol.iterator].call(1),
              'namespace': () => new DOMParser().parseFromString('<a xmlns:x="urn:x"><x:b:c/></a>', 'text/xml').documentElement.firstChild,
              'bad type': () => new DOMParser().parseFromString('<a/>', 'text/plain'),
              'submitter': () => new SubmitEvent('submit', { submitter: attr }),
            };
            attemptEach(tries);
            const xml = new DOMParser().parseFromString('<r><![CDATA[c]]><x:e xmlns:x="urn:x" a="1"/></r>', 'text/xml');
            const broken = new DOMParser().parseFromString('<r>', 'text/xml');
            out('xml', ours(xml), ours(xml.documentElement.firstChild), ours(xml.documentElement.lastChild.attributes[0]), ours(broken.getElementsByTagName('parsererror')[0]));
            const form = document.createElement('form');
            const button = document.createElement('button');
            form.appendChild(button);
            document.body.appendChild(form);
            form.addEventListener('submit', (e) => { e.preventDefault(); out('submit', ours(e), ours(e.submitter), e.submitter === button); });
            button.click();
            """, flavor: flavor)
        #expect(texts == [
            "map true true true true true true",
            "setNamedItem true TypeError",
            "removeNamedItem true NotFoundError",
            "in use true InUseAttributeError",
            "foreign node true NotFoundError",
            "symbol name gave true",
            "namespace gave true",
            "bad type true TypeError",
            "submitter true TypeError",
            "xml true true true true",
            "submit true true true",
        ])
    }

    @Test func aStyleAttributeThatDoesNotParseHasNoDeclarations() throws {
        let texts = try Self.contentScript("""
            const odd = document.getElementById('odd');
            out(JSON.stringify(odd.style.color), odd.style.length, JSON.stringify(odd.innerText));
            odd.style.setProperty('--brand', ' blue');
            out(odd.style.getPropertyValue('--brand'), odd.getAttribute('style').includes('--brand: blue'));
            """, html: #"<!doctype html><body><div id="odd" style='*zoom: 1; color: red"'>text</div></body>"#)
        #expect(texts == [#""" 0 "text""#, "blue true"])
    }

    @Test func aSelectTakesOptionsWhereItIsTold() throws {
        let texts = try Self.contentScript("""
            const select = document.getElementById('s');
            const option = (text) => { const o = document.createElement('option'); o.textContent = text; return o; };
            select.add(option('last'));
            select.add(option('first'), 0);
            select.add(option('before last'), select.options[select.length - 1]);
            out([...select.options].map((o) => o.text + ':' + o.index).join(','));
            try { select.add(document.createElement('div')); } catch (e) { out(e.name); }
            """)
        #expect(texts == ["first:0,one:1,two:2,before last:3,last:4", "TypeError"])
    }

    @Test(arguments: [Flavor.chrome, .firefox])
    func domParserParsesHTMLAndXMLSerializerWritesXML(flavor: Flavor) throws {
        let texts = try Self.contentScript("""
            const parsed = new DOMParser().parseFromString('<p id=x>hi<br></p><script>window.ran = 1</script>', 'text/html');
            out(parsed.body.innerHTML, parsed.URL, parsed.readyState, parsed === document, typeof window.ran, parsed.getElementById('x').textContent);
            const p = document.createElement('p');
            p.setAttribute('title', 'a"b&c<d');
            p.append(document.createElement('br'), '<&>', document.createElement('span'));
            out(new XMLSerializer().serializeToString(p));
            try { new DOMParser().parseFromString('<a/>', 'bad'); } catch (e) { out(e.name); }
            try { new XMLSerializer().serializeToString({}); } catch (e) { out(e.name); }
            """, flavor: flavor)
        #expect(texts == [
            // (Its scripts never run.)
            // (Firefox's parsed document never loads.)
            #"<p id="x">hi<br></p><script>window.ran = 1</script> http://127.0.0.1:8000/index.html "# + (flavor == .chrome ? "complete" : "uninitialized")
                + " false undefined hi",
            #"<p xmlns="http://www.w3.org/1999/xhtml" title="a&quot;b&amp;c&lt;d"><br />&lt;&amp;&gt;<span></span></p>"#,
            "TypeError",
            "TypeError",
        ])
    }

    @Test func treeWalkersAndNodeIteratorsAskTheWorldsFilterAboutItsWrappers() throws {
        let texts = try Self.contentScript("""
            const walker = document.createTreeWalker(document.getElementById('main'), NodeFilter.SHOW_ELEMENT);
            const names = [];
            while (walker.nextNode()) names.push(walker.currentNode.nodeName);
            out(names, walker.root.id, walker.whatToShow, typeof NodeFilter, NodeFilter.SHOW_TEXT, walker.parentNode().tagName);
            const texts = document.createTreeWalker(document.getElementById('main'), NodeFilter.SHOW_TEXT,
              { acceptNode: (node) => (node.data === 'One' ? NodeFilter.FILTER_SKIP : NodeFilter.FILTER_ACCEPT) });
            const found = [];
            while (texts.nextNode()) found.push(texts.currentNode.data);
            out(found);
            const iterator = document.createNodeIterator(document.body, NodeFilter.SHOW_ELEMENT, (node) => (node.tagName === 'LI' ? 1 : 3));
            const items = [];
            for (let node = iterator.nextNode(); node; node = iterator.nextNode()) items.push(node.textContent);
            out(items, iterator.referenceNode.textContent, iterator.pointerBeforeReferenceNode);
            """)
        #expect(texts == [
            "P,P,B main 1 function 4 P",
            "Two ,bold",
            "a,b,c c false",
        ])
    }
}
