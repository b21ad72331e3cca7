import Testing
@testable import JSEngine

/// `NativeFunction.makeForwarding`: a function of one realm whose calls run a function of another
/// realm of the machine (the host realm's API functions reach scripts this way).
@Suite("Forwarding functions")
struct ForwardingFunctionTests {
    let machine = VirtualMachine()

    /// A caller realm with `f` forwarding to the target realm's function `impl` (its source), with
    /// `data` (its source, evaluated in the target realm).
    func forwarding(_ impl: String, data: String = "({ tag: 'data' })") throws -> (caller: ScriptContext, target: ScriptContext) {
        let caller = ScriptContext(machine: machine, name: "caller")
        let target = ScriptContext(machine: machine, name: "target")
        let function = try target.evaluate("(\(impl))", sourceURL: "impl.js")
        let value = try target.evaluate("(\(data))", sourceURL: "data.js")
        let forwarded = NativeFunction.makeForwarding(name: "f", length: 2, in: caller, to: function, data: value)
        try caller.global.setProperty("f", forwarded)
        return (caller, target)
    }

    @Test func aCallRunsTheTargetWithItsDataThisAndArguments() throws {
        let (caller, _) = try forwarding("function (data, self, ...args) { return data.tag + ' ' + (self === undefined ? 'none' : self.name) + ' ' + args.length + ' ' + args.join(','); }")
        #expect(try caller.evaluate("f.call({ name: 'me' }, 1, 2, 3)", sourceURL: "t.js").stringValue == "data me 3 1,2,3")
        #expect(try caller.evaluate("({ name: 'obj', f }).f()", sourceURL: "t.js").stringValue == "data obj 0 ")
    }

    @Test func itIsABuiltinFunctionOfTheCallersRealm() throws {
        let (caller, _) = try forwarding("function () {}")
        #expect(try caller.evaluate("typeof f + ' ' + f.name + ' ' + f.length", sourceURL: "t.js").stringValue == "function f 2")
        #expect(try caller.evaluate("Object.getPrototypeOf(f) === Function.prototype", sourceURL: "t.js").booleanValue)
        #expect(try caller.evaluate("String(f).includes('[native code]')", sourceURL: "t.js").booleanValue)
        #expect(try caller.evaluate("try { new f(); 'constructed' } catch (e) { e instanceof TypeError }", sourceURL: "t.js").booleanValue)
        #expect(!caller.isForeign(try caller.global.property("f")))
    }

    @Test func valuesOfTheCallersRealmAndPrimitivesComeBack() throws {
        let (caller, _) = try forwarding("function (data, self, value) { return value; }")
        #expect(try caller.evaluate("const o = {}; f(o) === o", sourceURL: "t.js").booleanValue)
        #expect(try caller.evaluate("f(7) + f('x')", sourceURL: "t.js").stringValue == "7x")
    }

    @Test func anObjectOfTheTargetsRealmIsRefused() throws {
        let (caller, _) = try forwarding("function () { return { secret: Function }; }")
        let text = try caller.evaluate("try { f(); 'returned' } catch (e) { (e instanceof Error) + ' ' + e.message }", sourceURL: "t.js")
        #expect(text.stringValue == "true an exthost function gave an object of its own realm")
    }

    @Test func anErrorOfTheTargetsRealmArrivesAsTheCallersOwn() throws {
        let (caller, _) = try forwarding("function () { throw new TypeError('bad argument'); }")
        let text = try caller.evaluate("""
            try { f(); 'returned' } catch (e) {
              (e instanceof TypeError) + ' ' + (Object.getPrototypeOf(e) === TypeError.prototype) + ' ' + e.message
            }
            """, sourceURL: "t.js")
        #expect(text.stringValue == "true true bad argument")
    }

    @Test func whatTheCallersOwnCodeThrowsPassesAsItIs() throws {
        let (caller, _) = try forwarding("function (data, self, callback) { callback(); }")
        let text = try caller.evaluate("""
            const thrown = new RangeError('mine');
            try { f(() => { throw thrown; }); 'returned' } catch (e) { e === thrown }
            """, sourceURL: "t.js")
        #expect(text.booleanValue)
    }

    @Test func afterTheCallerClosesItDoesNothing() throws {
        let (caller, target) = try forwarding("function () { globalThis.called = true; }")
        let f = try caller.global.property("f")
        caller.close()
        _ = try? f.call()
        #expect(try target.global.property("called").isUndefined)
    }

    @Test func aRetargetedFunctionCallsItsNewTargetWithItsNewData() throws {
        let (caller, target) = try forwarding("function (data) { return 'first ' + data.tag; }")
        let function = try caller.global.property("f")
        let second = try target.evaluate("(function (data, self, value) { return 'second ' + data + ' ' + value; })", sourceURL: "impl2.js")
        #expect(try caller.evaluate("f()", sourceURL: "t.js").stringValue == "first data")
        #expect(NativeFunction.retargetForwarding(function, in: caller, to: second, data: target.string("new")))
        #expect(try caller.evaluate("f(7)", sourceURL: "t.js").stringValue == "second new 7")
        // Still the same function, as the caller sees it.
        #expect(try caller.evaluate("f.name + ' ' + f.length", sourceURL: "t.js").stringValue == "f 2")
    }

    @Test func onlyAForwardingFunctionOfTheGivenContextIsRetargeted() throws {
        let (caller, target) = try forwarding("function () { return 'first'; }")
        let other = ScriptContext(machine: machine, name: "other")
        let replacement = try target.evaluate("(function () { return 'second'; })", sourceURL: "impl2.js")
        let function = try caller.global.property("f")
        #expect(!NativeFunction.retargetForwarding(function, in: other, to: replacement, data: target.undefined))
        #expect(!NativeFunction.retargetForwarding(try caller.evaluate("(function () {})", sourceURL: "t.js"), in: caller, to: replacement, data: target.undefined))
        #expect(!NativeFunction.retargetForwarding(caller.string("f"), in: caller, to: replacement, data: target.undefined))
        #expect(try caller.evaluate("f()", sourceURL: "t.js").stringValue == "first")
    }

    @Test func aContextThatMakesManyFunctionsWaitsOnItsCloseOncePerKind() throws {
        let caller = ScriptContext(machine: machine, name: "caller")
        let target = ScriptContext(machine: machine, name: "target")
        let impl = try target.evaluate("(function () {})", sourceURL: "impl.js")
        let before = caller.closeActionCount
        for index in 0..<50 {
            _ = NativeFunction.makeForwarding(name: "f\(index)", length: 0, in: caller, to: impl, data: target.undefined)
        }
        #expect(caller.closeActionCount - before <= 1)
    }

    /// Each forwarding function's target is a slot of its own context's table, which the context
    /// empties when it closes: the targets and their data are no longer protected, and a call
    /// through a function kept after that does nothing.
    @Test func aClosedContextLetsGoOfItsFunctionsTargets() throws {
        let target = ScriptContext(machine: machine, name: "target")
        let impl = try target.evaluate("(function (data) { data.calls++; return data.calls; })", sourceURL: "impl.js")
        // (Each script the machine parses once keeps a value of its own: all are parsed first.)
        let makeData = try target.evaluate("(function (calls) { return { calls }; })", sourceURL: "data.js")
        let before = machine.heapCountsAfterCollection().protectedValues
        let caller = ScriptContext(machine: machine, name: "caller")
        var kept: [ScriptValue] = []
        for index in 0..<20 {
            let data = try makeData.call([target.number(Double(index))])
            kept.append(NativeFunction.makeForwarding(name: "f\(index)", length: 0, in: caller, to: impl, data: data))
        }
        #expect(caller.forwardingTargets.count == 20)
        #expect(try kept[3].call().numberValue == 4)
        caller.close()
        #expect(caller.forwardingTargets.count == 0)
        #expect(try kept[3].call().isUndefined)
        kept.removeAll()
        #expect(machine.heapCountsAfterCollection().protectedValues <= before)
    }

    /// A function made in one context is found only in its own context's table.
    @Test func aFunctionIsItsOwnContextsOnly() throws {
        let (caller, _) = try forwarding("function (data) { return data.tag; }")
        let other = ScriptContext(machine: machine, name: "other")
        let function = try caller.global.property("f")
        try other.global.setProperty("g", try other.evaluate("(function (f) { return f(); })", sourceURL: "g.js"))
        #expect(other.forwardingTargets.count == 0)
        #expect(try caller.evaluate("f()", sourceURL: "t.js").stringValue == "data")
        // (Called by another realm's code, it still runs its own context's target.)
        #expect(try other.global.property("g").call([function]).stringValue == "data")
    }
}
