import BrowserModel
import Exthost
import Foundation
import Testing

/// Form submission (issue 10, item 4; js/63_dom.js `submitForm`): a click on a submit button, or
/// `requestSubmit()`, fires a trusted, cancelable `submit`, then the form's frame navigates to its
/// action with its entries; `form.submit()` navigates with no event.
@Suite("Form submission")
struct FormSubmissionTests {
    static let form = #"""
        <!doctype html><form action="result.html#x"><input name="q" value="red shoes"><input type="checkbox" name="c" checked>
        <input type="checkbox" name="d"><input name="off" value="v" disabled><select name="s"><option>a</option><option selected value="b2">b</option></select>
        <textarea name="t">é&amp;x</textarea><button name="go" value="1">Go</button><input type="submit" name="other" value="no"><input type="reset"></form>
        """#

    /// Runs `contentScript` on the form's page (and on the result page it may load); returns what
    /// the content scripts printed.
    static func run(_ contentScript: String, flavor: Flavor) throws -> [String] {
        let run = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(permissions: [], contentScripts: #"[{"matches": ["http://127.0.0.1/*"], "js": ["cs.js"]}]"#),
            "bg.js": "",
            "cs.js": "console.log('page ' + location.pathname + location.search + location.hash);\nif (location.pathname === '/index.html') {\n" + contentScript + "\n}",
        ], pages: ["index.html": form, "result.html": "<!doctype html><title>Result</title>"], flavor: flavor, open: ["http://127.0.0.1:8000/index.html"])
        return run.messages.filter { $0.context == .content }.map(\.text)
    }

    static let result = "page /result.html?q=red+shoes&c=on&s=b2&t=%C3%A9%26x&go=1"

    @Test(arguments: [Flavor.chrome, .firefox])
    func aClickOnASubmitButtonSubmitsTheFormsEntriesAsTheQuery(flavor: Flavor) throws {
        let lines = try Self.run("""
            document.querySelector('form').addEventListener('submit', (e) => console.log('submit ' + e.type + ' ' + e.cancelable + ' ' + e.bubbles));
            document.querySelector('button').click();
            """, flavor: flavor)
        #expect(lines == ["page /index.html", "submit submit true true", Self.result])
    }

    @Test(arguments: [Flavor.chrome, .firefox])
    func aCanceledSubmitNavigatesNowhereAndSubmitSendsNoEvent(flavor: Flavor) throws {
        let lines = try Self.run("""
            const form = document.querySelector('form');
            form.addEventListener('submit', (e) => { e.preventDefault(); console.log('canceled'); });
            document.querySelector('input[type=reset]').click();
            document.querySelector('button').click();
            form.querySelector('[name=q]').value = 'by script';
            setTimeout(() => form.submit(), 10);
            """, flavor: flavor)
        #expect(lines == ["page /index.html", "canceled", "page /result.html?q=by+script&c=on&s=b2&t=%C3%A9%26x"])
    }

    @Test(arguments: [Flavor.chrome, .firefox])
    func requestSubmitChecksItsSubmitter(flavor: Flavor) throws {
        let lines = try Self.run("""
            const form = document.querySelector('form');
            try { form.requestSubmit(document.querySelector('input[name=q]')); } catch (e) { console.log(e.name + ': ' + e.message); }
            const outside = document.createElement('button');
            try { form.requestSubmit(outside); } catch (e) { console.log(e.name); }
            form.requestSubmit(document.querySelector('input[name=other]'));
            """, flavor: flavor)
        let notAButton = flavor == .chrome
            ? "TypeError: Failed to execute 'requestSubmit' on 'HTMLFormElement': The specified element is not a submit button."
            : "TypeError: HTMLFormElement.requestSubmit: The submitter is not a submit button."
        #expect(lines == ["page /index.html", notAButton, "NotFoundError", "page /result.html?q=red+shoes&c=on&s=b2&t=%C3%A9%26x&other=no"])
    }

    /// The `submit` event is a trusted SubmitEvent whose `submitter` is the button that submitted
    /// the form (null for `requestSubmit()` without one), each world's own wrapper of it: the
    /// page's listener sees its own, as the content script does.
    @Test(arguments: [Flavor.chrome, .firefox])
    func theSubmitEventIsASubmitEventNamingItsSubmitterInEveryWorld(flavor: Flavor) throws {
        let page = Self.form.replacingOccurrences(of: "</form>", with: """
            </form><script>
            document.querySelector('form').addEventListener('submit', (e) => {
              e.preventDefault();
              document.body.dataset.seen = (e instanceof SubmitEvent) + ' ' + (e.submitter === null ? 'null' : e.submitter.name) + ' ' + e.isTrusted;
            });
            </script>
            """)
        let run = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(permissions: [], contentScripts: #"[{"matches": ["http://127.0.0.1/*"], "js": ["cs.js"]}]"#),
            "bg.js": "",
            "cs.js": """
                const form = document.querySelector('form');
                form.addEventListener('submit', (e) => {
                  const button = e.submitter;
                  console.log('cs ' + (e instanceof SubmitEvent) + ' ' + (button === null ? 'null' : button.name + ' ' + (button === document.querySelector('button'))) + ' ' + e.isTrusted);
                  console.log('page ' + document.body.dataset.seen);
                });
                document.querySelector('button').click();
                form.requestSubmit();
                const made = new SubmitEvent('submit', { submitter: document.querySelector('input[name=other]') });
                console.log('made ' + made.submitter.name + ' ' + made.bubbles + ' ' + (Object.getPrototypeOf(SubmitEvent.prototype) === Event.prototype));
                console.log('none ' + new SubmitEvent('x').submitter);
                try { new SubmitEvent('x', { submitter: document.createElementNS('http://www.w3.org/2000/svg', 'svg') }); } catch (e) { console.log(e.name + ': ' + e.message); }
                try { new SubmitEvent('x', { submitter: {} }); } catch (e) { console.log(e.name); }
                """,
        ], pages: ["index.html": page], flavor: flavor, open: ["http://127.0.0.1:8000/index.html"])
        let notAnElement = flavor == .chrome
            ? "TypeError: Failed to construct 'SubmitEvent': Failed to read the 'submitter' property from 'SubmitEventInit': Failed to convert value to 'HTMLElement'."
            : "TypeError: SubmitEvent constructor: 'submitter' member of SubmitEventInit does not implement interface HTMLElement."
        #expect(run.messages.filter { $0.context == .content }.map(\.text) == [
            "cs true go true true", "page true go true",
            "cs true null true", "page true null true",
            "made other false true", "none null", notAnElement, "TypeError",
        ])
    }

    /// `new FormData(form)` fires `formdata` through every world of the page (js/37_form_data.js):
    /// each world's listener sees a FormData of its own over the one list, and a File one world
    /// put there reaches another only as a File of that world (never the other world's object,
    /// whose constructors would lead into its realm).
    @Test(arguments: [Flavor.chrome, .firefox])
    func aFormDataEventGivesEachWorldItsOwnFiles(flavor: Flavor) throws {
        let page = """
            <!doctype html><form><input name="q" value="v"></form>
            <script>
            // (The page's listener runs first; it reads what the content script appended once told.)
            let saved;
            document.forms[0].addEventListener('formdata', (e) => {
              saved = e.formData;
              e.formData.append('page', new File(['pp'], 'page.txt'));
            });
            document.addEventListener('check', () => {
              const cs = saved.get('cs');
              document.documentElement.dataset.page = [String(cs), cs.name, Object.getPrototypeOf(cs) === File.prototype,
                cs.constructor.constructor === Function, saved.get('cs') === cs].join(' ');
            });
            </script>
            """
        let run = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(permissions: [], contentScripts: #"[{"matches": ["http://127.0.0.1/*"], "js": ["cs.js"], "run_at": "document_idle"}]"#),
            "bg.js": "",
            "cs.js": """
                const form = document.forms[0];
                const mine = new File(['cs!'], 'cs.txt', { type: 'text/x' });
                form.addEventListener('formdata', (e) => { e.formData.append('cs', mine); });
                const fd = new FormData(form);
                const page = fd.get('page');
                console.log([fd.get('q'), fd.get('cs') === mine, Object.getPrototypeOf(page) === File.prototype, page.name, page.size,
                  page.constructor.constructor === Function, fd.get('page') === page].join(' '));
                document.dispatchEvent(new CustomEvent('check'));
                page.text().then((text) => console.log(text + ' | ' + document.documentElement.dataset.page));
                """,
        ], pages: ["index.html": page], flavor: flavor, open: ["http://127.0.0.1:8000/index.html"])
        let lines = run.messages.filter { $0.context == .content }.map(\.text)
        #expect(lines == ["v true true page.txt 2 true true", "pp | [object File] cs.txt true true true"])
    }

    /// Values as HTML's sanitization and API value make them, in `.value` and the entry list: a
    /// range control's number on its step from its base, with the step's decimals (the browsers
    /// count in decimals); a textarea's line breaks as LF, typed in the page or set by a script;
    /// `dirname` of every auto-directionality control.
    @Test(arguments: [Flavor.chrome, .firefox])
    func controlValuesAreSanitizedAsTheBrowsersDo(flavor: Flavor) throws {
        let lines = try Self.run("""
            const form = document.createElement('form');
            form.innerHTML = '<input type=range name=a step=0.1 value=0.3><input type=range name=b value=5.5>'
              + '<input type=range name=c min=0 max=5><input type=range name=d step=0.01 value=0.57><input type=range name=e min=10 max=0>'
              + '<textarea name=t></textarea><input type=email name=m value=x dirname=m.dir><input type=password name=p dirname=p.dir>';
            form.querySelector('textarea').textContent = 'a\\r\\nb\\rc';
            const entries = [];
            new FormData(form).forEach((value, name) => entries.push(name + '=' + JSON.stringify(value)));
            console.log(entries.join(' '));
            """, flavor: flavor)
        #expect(lines == ["page /index.html", #"a="0.3" b="5.5" c="3" d="0.57" e="10" t="a\nb\nc" m="x" m.dir="ltr" p="" p.dir="ltr""#])
    }
}
