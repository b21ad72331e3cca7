import BrowserModel
import Exthost
import Foundation
import Testing

/// The content security policy of extension contexts (issue 9, item 5): which contexts may
/// evaluate strings as code, with each browser's `EvalError`, string timers, and Chromium's report.
/// The browsers' full output is checked by the recorded cases `fixtures/conformance/csp-eval*`.
@Suite("Content security policy of contexts")
struct ContentSecurityTests {
    static let probe = """
        const attempt = (label, run) => {
          try { console.log(label, 'ran', run()); } catch (e) { console.log(label, e.constructor.name, e.message); }
        };
        attempt('eval', () => eval('1 + 1'));
        attempt('Function', () => new Function('return 2')());
        attempt('generator', () => typeof Object.getPrototypeOf(function* () {}).constructor('yield 3'));
        setTimeout('console.log("string timer ran")');
        setTimeout('console.log("second string timer ran")');
        """

    static func run(manifest: String, flavor: Flavor) throws -> HostRun {
        try HostRun.run(files: ["manifest.json": manifest, "bg.js": probe, "cs.js": probe], flavor: flavor, open: ["http://127.0.0.1:8000/index.html"])
    }

    static func lines(_ run: HostRun, _ context: ContextKind) -> [String] {
        run.messages.filter { $0.context == context }.map(\.text)
    }

    @Test func chromeRefusesEvalInEveryContextOfManifestVersion3() throws {
        let run = try Self.run(manifest: TemporaryExtension.manifest(contentScripts: #"[{"matches": ["http://127.0.0.1/*"], "js": ["cs.js"]}]"#), flavor: .chrome)
        let refusal = "Evaluating a string as JavaScript violates the following Content Security Policy directive because 'unsafe-eval' is not an allowed source of script: "
        let local = "script-src 'self' 'wasm-unsafe-eval' 'inline-speculation-rules' http://localhost:* http://127.0.0.1:*"
        #expect(Self.lines(run, .background) == [
            "eval EvalError " + refusal + local + "\".\n",
            "Function EvalError " + refusal + local + "\".\n",
            "generator EvalError " + refusal + local + "\".\n",
            // (Reported once per directive, at the first string timer, which never runs.)
            refusal + "\"" + local + "\".\n The action has been blocked.",
            refusal + "\"script-src 'self'\".\n The action has been blocked.",
        ])
        let content = Self.lines(run, .content)
        #expect(content.count == 4)
        #expect(content.first?.hasPrefix("eval EvalError " + refusal + local + " chrome-extension://") == true)
    }

    @Test func firefoxRunsStringTimersInContentScripts() throws {
        let run = try Self.run(manifest: TemporaryExtension.manifest(contentScripts: #"[{"matches": ["http://127.0.0.1/*"], "js": ["cs.js"]}]"#), flavor: .firefox)
        let report = { (directive: String) in
            "Content-Security-Policy: The page’s settings blocked a JavaScript eval (script-src) from being executed because it "
                + "violates the following directive: “\(directive)” (Missing 'unsafe-eval')"
        }
        let local = report("script-src 'self' 'wasm-unsafe-eval' http://localhost:* http://127.0.0.1:*")
        let own = report("script-src 'self'")
        // (Each refusal is reported once per policy, in a task of its own; a string timer when it fires.)
        #expect(Self.lines(run, .background) == [
            "eval EvalError call to eval() blocked by CSP", "Function EvalError call to Function() blocked by CSP",
            "generator EvalError call to Function() blocked by CSP", local, own, local, own, local, own, local, own, local, own,
        ])
        #expect(Self.lines(run, .content) == [
            "eval EvalError call to eval() blocked by CSP", "Function EvalError call to Function() blocked by CSP",
            "generator EvalError call to Function() blocked by CSP", local, local, local, "string timer ran", "second string timer ran",
        ])
    }

    @Test func firefoxsEvalOfAnythingButAStringGivesItBack() throws {
        // (ECMAScript's PerformEval asks the policy about strings only; nothing is reported.)
        let code = """
            const object = {};
            console.log([eval(42), eval(), eval(object) === object, typeof eval, eval.name, eval.length,
              Function === Function.prototype.constructor, (() => {}) instanceof Function].join(' '));
            """
        let run = try HostRun.run(files: ["manifest.json": TemporaryExtension.manifest(), "bg.js": code], flavor: .firefox)
        #expect(run.texts == ["42  true function eval 1 true true"])
    }

    @Test(arguments: [Flavor.chrome, .firefox])
    func aRefusedStringTimerIsNoTimer(flavor: Flavor) throws {
        // (Its id is 0, and the next timer takes the first id.)
        let code = "console.log(setTimeout('1'), setInterval('2', 10), setTimeout(() => {}));"
        let run = try HostRun.run(files: ["manifest.json": TemporaryExtension.manifest(), "bg.js": code], flavor: flavor)
        #expect(run.texts.contains("0 0 1"), "\(run.texts)")
    }

    @Test func firefoxMakesAConstructorsArgumentsStringsBeforeItRefuses() throws {
        let code = """
            try { new Function({ toString() { throw new RangeError('from toString'); } }); } catch (e) { console.log(e.name + ': ' + e.message); }
            try { Function('a', Symbol('s')); } catch (e) { console.log(e.name); }
            """
        let run = try HostRun.run(files: ["manifest.json": TemporaryExtension.manifest(), "bg.js": code], flavor: .firefox)
        #expect(Array(run.texts.prefix(2)) == ["RangeError: from toString", "TypeError"])
    }

    @Test func manifestVersion2FollowsItsPolicy() throws {
        let contentScripts = #"[{"matches": ["http://127.0.0.1/*"], "js": ["cs.js"]}]"#
        let strict = try Self.run(manifest: TemporaryExtension.manifest(version: 2, contentScripts: contentScripts), flavor: .firefox)
        #expect(Self.lines(strict, .background).first == "eval EvalError call to eval() blocked by CSP")
        // (Firefox's content scripts of manifest version 2 have no policy.)
        #expect(Self.lines(strict, .content) == ["eval ran 2", "Function ran 2", "generator ran function", "string timer ran", "second string timer ran"])
        let unsafe = try Self.run(manifest: TemporaryExtension.manifest(
            version: 2, contentScripts: contentScripts, extra: #""content_security_policy": "script-src 'self' 'unsafe-eval'; object-src 'self'""#), flavor: .firefox)
        #expect(Self.lines(unsafe, .background) == ["eval ran 2", "Function ran 2", "generator ran function", "string timer ran", "second string timer ran"])
    }
}
