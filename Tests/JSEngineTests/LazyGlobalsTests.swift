import Testing
@testable import JSEngine

@Suite("LazyGlobals")
struct LazyGlobalsTests {
    /// A context whose globals `alpha` (an object) and `beta` (a number) are made on first touch;
    /// `made` lists what `make` was asked, as `name` or `name (not defined)`.
    final class Fixture {
        let context: ScriptContext
        var made: [String] = []
        var table: LazyGlobals!

        init() {
            let names = LazyGlobalNames(["alpha", "beta"])
            context = ScriptContext(machine: VirtualMachine(), name: "lazy", globalClassName: "Window", lazyGlobals: names)
            table = context.installLazyGlobals { [weak self] index, define in
                guard let self else { return }
                let name = names.names[index]
                made.append(define ? name : "\(name) (not defined)")
                guard define else { return }
                let value = name == "alpha" ? try! context.evaluate("({ kind: 'alpha' })", sourceURL: "test:///make.js") : try! context.evaluate("42", sourceURL: "test:///make.js")
                try! context.global.defineProperty(name, value, enumerable: false)
            }
        }

        func run(_ source: String) -> String {
            (try? context.evaluate(source, sourceURL: "test:///script.js").stringValue) ?? "threw"
        }
    }

    @Test func aGlobalIsMadeOnceOnFirstRead() {
        let fixture = Fixture()
        #expect(fixture.made.isEmpty)
        #expect(fixture.run("String(alpha.kind === 'alpha' && alpha === globalThis.alpha)") == "true")
        #expect(fixture.made == ["alpha"])
        #expect(fixture.run("typeof beta") == "number")
        #expect(fixture.made == ["alpha", "beta"])
    }

    @Test func otherGlobalsNeverAsk() {
        let fixture = Fixture()
        #expect(fixture.run("let s = 0; for (let i = 0; i < 1000; i++) s += Math.abs(i) + JSON.stringify(i).length; String(s > 0)") == "true")
        #expect(fixture.table.questions == 0)
        #expect(fixture.made.isEmpty)
    }

    @Test func everyWayOfLookingMakesIt() {
        for probe in ["'alpha' in globalThis", "Object.hasOwn(globalThis, 'alpha')",
                      "Object.getOwnPropertyDescriptor(globalThis, 'alpha').writable"] {
            let fixture = Fixture()
            #expect(fixture.run("String(\(probe))") == "true", "\(probe)")
            #expect(fixture.made == ["alpha"], "\(probe)")
        }
        let fixture = Fixture()
        #expect(fixture.run("String(Object.getOwnPropertyNames(globalThis).filter((k) => k === 'alpha' || k === 'beta').length)") == "2")
        #expect(Set(fixture.made) == ["alpha", "beta"])
    }

    @Test func aScriptMayReplaceOrDeleteOneFirst() {
        let fixture = Fixture()
        #expect(fixture.run("alpha = 'mine'; alpha") == "mine")
        #expect(fixture.run("String(delete globalThis.beta)") == "true")
        #expect(fixture.run("String(typeof beta + ' ' + ('beta' in globalThis))") == "undefined false")
        #expect(fixture.made == ["alpha", "beta (not defined)"])
        #expect(fixture.run("Object.defineProperty(globalThis, 'beta', { value: 'defined', configurable: true }); beta") == "defined")
    }
}
