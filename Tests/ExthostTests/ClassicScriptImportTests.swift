import BrowserModel
@testable import Exthost
import Foundation
import Testing

/// `import()` from classic scripts (issue 9, item 4; ``ClassicScript``): the quick look that spares
/// the parser, the rewriting (no position moves, nothing new on the global), and the calls from a
/// background, a content script and `importScripts`. The browsers' own answers are checked by the
/// recorded case `fixtures/conformance/module-import-classic`.
@Suite("import() from classic scripts")
struct ClassicScriptImportTests {
    @Test(arguments: [
        "import('./a.js')", "x = import ('./a.js')", "import\n(x)", "await import /* why */ ('./a.js')",
        "import // line\n('./a.js')", "f(import('a'))", "'import('", "/* import( */",
        // (Not ASCII next to the word: a byte order mark, a no-break space, a line separator; and
        // the HTML-like comments of classic scripts.)
        "\u{FEFF}import('./m.js')", "var p =\u{00A0}import('./m.js')", "import // c\u{2028}('./m.js')",
        "import<!--\n('./m.js')", "import\n--> a comment\n('./m.js')", "éimport('x')", "import/*\u{2028}*/-->\n('./m.js')",
    ])
    func theQuickLookLetsByEveryCall(text: String) {
        #expect(ClassicScript.mayCallImport(text))
    }

    @Test(arguments: [
        "", "important()", "reimport()", "x.import", "import.meta", "imports('x')", "/* harmony import */ var a = 1;",
        "$import('x')", "_import('x')", "import", "import /* never closed",
    ])
    func theQuickLookSparesTheParserElsewhere(text: String) {
        #expect(!ClassicScript.mayCallImport(text))
    }

    /// A classic background of scripts (Firefox's; Chromium's service worker refuses `import()`).
    static let manifest = #"{"manifest_version": 3, "name": "classic", "version": "1.0", "background": {"scripts": ["bg.js"]}}"#

    @Test func aBackgroundScriptImportsAndNothingShowsOnTheGlobal() throws {
        let run = try HostRun.run(files: [
            "manifest.json": Self.manifest,
            "bg.js": """
                const before = Object.getOwnPropertyNames(globalThis).length;
                // import('./not-this.js') in a comment, and in a string: 'import("./nor-this.js")'
                import('./lib/mod.js').then(async (m) => {
                  console.log(m.value, m.url.endsWith('/lib/mod.js'), typeof m.nested);
                  const again = await import(`./lib/mod.js`);
                  console.log(again === m, Object.getOwnPropertyNames(globalThis).length === before,
                    Object.getOwnPropertyNames(globalThis).some((name) => name.includes('ℳ')));
                });
                """,
            "lib/mod.js": "export const value = 'module';\nexport const url = import.meta.url;\nexport const nested = await import('./nested.js');\n",
            "lib/nested.js": "export default 1;\n",
        ], flavor: .firefox)
        #expect(run.texts == ["module true object", "true true false"])
    }

    @Test func aThrowAfterAnImportIsReportedWhereItIs() throws {
        // The same line without the import, padded: the column of the error must not move.
        let line = "import('./m.js'); null.x;\n"
        let withImport = try HostRun.run(files: ["manifest.json": Self.manifest, "bg.js": line, "m.js": "export {};\n"], flavor: .firefox)
        let without = try HostRun.run(files: [
            "manifest.json": Self.manifest, "bg.js": String(repeating: " ", count: "import('./m.js');".count) + " null.x;\n",
        ], flavor: .firefox)
        let places = { (run: HostRun) in run.messages.compactMap(\.location).map { $0.split(separator: "/").last.map(String.init) ?? "" } }
        #expect(places(withImport) == ["bg.js:1:23"])
        #expect(places(withImport) == places(without))
    }

    @Test func aScriptThatDoesNotParseIsReportedByTheEngineAsBefore() throws {
        let run = try HostRun.run(files: ["manifest.json": Self.manifest, "bg.js": "import('./m.js');\nlet = = 1;\n"], flavor: .firefox)
        let plain = try HostRun.run(files: ["manifest.json": Self.manifest, "bg.js": "\nlet = = 1;\n"], flavor: .firefox)
        #expect(run.texts.count == 1)
        #expect(run.texts.first?.contains("SyntaxError") == true)
        #expect(run.texts == plain.texts)
        #expect(run.messages.first?.location?.hasSuffix("/bg.js:2") == true)
    }

    @Test func aChromiumWorkerRefusesImportInAScriptItImports() throws {
        let run = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(),
            "bg.js": "importScripts('imported.js');\n",
            "imported.js": "import('./m.js').catch((e) => console.log(String(e.constructor === TypeError) + ' ' + e.message.slice(0, 50)));\n",
            "m.js": "export {};\n",
        ])
        #expect(run.texts == ["true import() is disallowed on ServiceWorkerGlobalScope"])
    }

    @Test(arguments: [Flavor.chrome, .firefox])
    func aContentScriptImportsWhatItsPageMayLoad(flavor: Flavor) throws {
        let run = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(
                contentScripts: #"[{"matches": ["http://127.0.0.1/*"], "js": ["cs.js"]}]"#,
                extra: #""web_accessible_resources": [{"resources": ["open/*"], "matches": ["http://127.0.0.1/*"]}]"#),
            "bg.js": "",
            "cs.js": """
                var seenByTheModule = 'content';
                const load = (path) => import(chrome.runtime.getURL(path)).then((m) => m.value, (e) => e.constructor.name);
                Promise.all([load('open/mod.js'), load('closed.js')]).then((answers) => console.log(answers.join(' ')));
                """,
            "open/mod.js": "export const value = typeof seenByTheModule;\n",
            "closed.js": "export const value = 'closed';\n",
        ], flavor: flavor, open: ["http://127.0.0.1:8000/index.html"])
        #expect(run.texts == ["string TypeError"])
    }
}
