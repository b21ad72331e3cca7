import BrowserModel
import Exthost
import Foundation
import Testing

/// Module scripts (issue 9, item 4): module backgrounds in each flavor, the forms of `import` and
/// `export` the rewriting must keep (js/47_module_syntax.js), positions in the original files,
/// top-level `await`, module scripts of a background page, and what fails. The browsers' own
/// words are checked by the recorded cases `fixtures/conformance/module-*`.
@Suite("Module scripts")
struct ModuleScriptTests {
    static let moduleManifest = #"{"manifest_version": 3, "name": "modules", "version": "1.0", "permissions": ["tabs"], "#
        + #""background": {"service_worker": "bg.js", "scripts": ["bg.js"], "type": "module"}}"#

    /// What a module background made of `files` (with the manifest above) prints.
    static func run(_ files: [String: String], flavor: Flavor) throws -> HostRun {
        var files = files
        files["manifest.json"] = files["manifest.json"] ?? moduleManifest
        return try HostRun.run(files: files, flavor: flavor)
    }

    @Test(arguments: [Flavor.chrome, .firefox])
    func everyFormOfExportReachesItsImporter(flavor: Flavor) throws {
        let run = try Self.run([
            "bg.js": """
                import asyncDefault from './async-default.js';
                import generatorDefault from './generator-default.js';
                import sequence from './sequence.js';
                import renamedDefault, { a, b as bee } from './named.js';
                import { ns, c } from './reexports.js';
                import * as everything from './reexports.js';
                import split from './split.js';
                import meta from './meta.js';
                import { destructured, rest, deep } from './patterns.js';
                console.log(asyncDefault.name, asyncDefault.constructor.name, generatorDefault.name, typeof generatorDefault().next);
                console.log(sequence, renamedDefault.name, a, bee, c, ns.a, ns.b);
                console.log(Reflect.ownKeys(everything).map(String).join(','));
                console.log(split, meta, destructured, rest.join('+'), deep);
                """,
            "async-default.js": "export default async function () { return 1; }\n",
            "generator-default.js": "export default function* () { yield 1; }\n",
            "sequence.js": "export default (1, 'sequence');\n",
            "named.js": "const a = 'a', b = 'b';\nfunction local() {}\nexport { a, b, local as default };\n",
            "reexports.js": "export * as ns from './named.js';\nexport { a as c } from './named.js';\n",
            "split.js": "export\ndefault\n'split over lines';\n",
            "meta.js": "export default import\n  .meta\n  .url.slice(-7);\n",
            "patterns.js": "export const { destructured, inner: { deep } } = { destructured: 'destructured', inner: { deep: 'deep' } };\nexport const [, ...rest] = [0, 1, 2];\n",
        ], flavor: flavor)
        #expect(run.texts == [
            "default AsyncFunction default function",
            "sequence local a b a a b",
            "c,ns,Symbol(Symbol.toStringTag)",
            "split over lines meta.js destructured 1+2 deep",
        ])
    }

    @Test func errorsPointAtTheOriginalLineAndColumn() throws {
        // The same code as a classic script, with spaces where the import is: the module must be
        // reported at the same places, line 1 included (the rewritten script's header is on it).
        let body = "; null.first;\nfunction later() {\n  null.second;\n}\nsetTimeout(later);\n"
        let module = try Self.run(["bg.js": "import { a } from './a.js'" + body, "a.js": "export const a = 1;\n"], flavor: .chrome)
        let classic = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(),
            "bg.js": String(repeating: " ", count: "import { a } from './a.js'".count) + body,
        ], flavor: .chrome)
        let file = { (run: HostRun) in run.messages.compactMap(\.location).map { $0.split(separator: "/").last.map(String.init) ?? "" } }
        #expect(file(module) == ["bg.js:1:33"])
        #expect(file(module) == file(classic))
        // (The module stopped at its first line, as a classic script would.)
        #expect(module.texts.count == 1)
        let second = try Self.run(["bg.js": "import { a } from './a.js';\nfunction later() {\n  null.second;\n}\nsetTimeout(later);\n",
                                   "a.js": "export const a = 1;\n"], flavor: .chrome)
        #expect(second.messages.compactMap(\.location).first?.hasSuffix("/bg.js:3:7") == true)
        #expect(second.texts.first?.contains("at later (chrome-extension://") == true)
        #expect(second.texts.first?.contains("/bg.js:3:7)") == true)
    }

    @Test func topLevelAwaitHoldsBackOnlyTheModulesThatNeedIt() throws {
        let run = try Self.run([
            "bg.js": "import { value } from './slow.js';\nimport './after.js';\nimport './needs-slow.js';\nconsole.log('bg', value);\n",
            "slow.js": "console.log('slow starts');\nexport const value = await new Promise((resolve) => setTimeout(() => resolve('awaited'), 5));\nconsole.log('slow ends');\n",
            "after.js": "console.log('after');\n",
            "needs-slow.js": "import { value } from './slow.js';\nconsole.log('needs slow', value);\n",
        ], flavor: .firefox)
        // (As Firefox: fixtures/conformance/module-top-level-await; `after` needs nothing that awaits.)
        #expect(run.texts == ["slow starts", "after", "slow ends", "needs slow awaited", "bg awaited"])
    }

    @Test(arguments: [Flavor.chrome, .firefox])
    func aMissingModuleRunsNothingAndSaysNothing(flavor: Flavor) throws {
        let run = try Self.run([
            "bg.js": "import './present.js';\nimport './missing.js';\nconsole.log('bg');\nchrome.tabs.onCreated.addListener(() => console.log('event'));\n",
            "present.js": "console.log('present');\n",
        ], flavor: flavor)
        // (As both browsers: fixtures/conformance/module-missing-import.)
        #expect(run.texts.isEmpty)
    }

    @Test func aBackgroundPageRunsItsModuleScriptsAfterItsClassicScripts() throws {
        let run = try HostRun.run(files: [
            "manifest.json": #"{"manifest_version": 2, "name": "page", "version": "1.0", "background": {"page": "bg.html"}}"#,
            "bg.html": #"<script type="module" src="module.js"></script><script src="deferred.js" defer></script><script src="classic.js"></script>"#,
            "module.js": "import { x } from './lib/x.js';\nconsole.log('module', x, typeof window.fromClassic);\n",
            "lib/x.js": "export const x = 'x';\n",
            "deferred.js": "console.log('deferred');\n",
            "classic.js": "var fromClassic = 1;\nconsole.log('classic');\n",
        ], flavor: .firefox)
        #expect(run.texts == ["classic", "module x number", "deferred"])
    }

    @Test func extensionCodeThatReplacesGeneratorsChangesNothing() throws {
        let run = try Self.run([
            "bg.js": """
                const generator = Object.getPrototypeOf(function* () {});
                generator.prototype.next = () => { throw new Error('replaced'); };
                Promise.prototype.then = () => { throw new Error('replaced then'); };
                setTimeout(async () => {
                  const loaded = await import('./later.js');
                  console.log(loaded.value);
                });
                """,
            "later.js": "export const value = 'loaded';\n",
        ], flavor: .firefox)
        #expect(run.texts == ["loaded"])
    }

    @Test(arguments: [Flavor.chrome, .firefox])
    func aBareSpecifierIsRefused(flavor: Flavor) throws {
        let run = try Self.run(["bg.js": "import 'lodash';\nconsole.log('ran');\n"], flavor: flavor)
        let expected = flavor == .chrome
            ? #"Uncaught TypeError: Failed to resolve module specifier "lodash". Relative references must start with either "/", "./", or "../"."#
            : "TypeError: The specifier “lodash” was a bare specifier, but was not remapped to anything. Relative module specifiers must start with “./”, “../” or “/”."
        #expect(run.texts.map { String($0.prefix { $0 != "\n" }) } == [expected])
    }
}
