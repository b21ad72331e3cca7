import Testing
@testable import JSEngine

@Suite("ScriptContext")
struct ScriptContextTests {
    let machine = VirtualMachine()

    @Test func evaluatesScriptsAndConvertsValues() throws {
        let context = ScriptContext(machine: machine, name: "test")
        #expect(try context.evaluate("1 + 2", sourceURL: "a.js").numberValue == 3)
        #expect(try context.evaluate("'a' + 'b'", sourceURL: "a.js").stringValue == "ab")
        #expect(try context.evaluate("undefined", sourceURL: "a.js").isUndefined)
        #expect(try context.evaluate("null", sourceURL: "a.js").isNull)
        #expect(try context.evaluate("(function () {})", sourceURL: "a.js").isFunction)
        #expect(try context.evaluate("({})", sourceURL: "a.js").isFunction == false)
    }

    @Test func exceptionsKeepMessageFileLineColumnAndStack() {
        let context = ScriptContext(machine: machine, name: "test")
        let source = """
            function inner() {
              throw new TypeError('boom');
            }
            inner();
            """
        #expect {
            try context.evaluate(source, sourceURL: "file:///ext/bg.js")
        } throws: { error in
            guard let error = error as? ScriptError else { return false }
            return error.name == "TypeError" && error.message == "boom" && error.sourceURL == "file:///ext/bg.js"
                && error.line == 2 && error.column != nil && (error.stack ?? "").contains("inner@file:///ext/bg.js:2")
                && error.description.hasPrefix("file:///ext/bg.js:2:") && error.summary == "TypeError: boom"
        }
    }

    @Test func syntaxErrorsNameTheLine() {
        let context = ScriptContext(machine: machine, name: "test")
        #expect {
            try context.checkSyntax("let a = 1;\nlet = = 2;", sourceURL: "x.js")
        } throws: { error in
            guard let error = error as? ScriptError else { return false }
            return error.name == "SyntaxError" && error.line == 2
        }
    }

    @Test func thrownNonErrorValuesKeepTheirText() {
        let context = ScriptContext(machine: machine, name: "test")
        #expect {
            try context.evaluate("throw 'plain'", sourceURL: "x.js")
        } throws: { error in
            (error as? ScriptError)?.message == "plain" && (error as? ScriptError)?.name == nil
        }
    }

    @Test func contextsDoNotSeeEachOthersGlobals() throws {
        let background = ScriptContext(machine: machine, name: "background")
        let content = ScriptContext(machine: machine, name: "content")
        try background.evaluate("var secret = 42; globalThis.other = 1;", sourceURL: "bg.js")
        #expect(try content.evaluate("typeof secret + typeof other", sourceURL: "cs.js").stringValue == "undefinedundefined")
        #expect(try background.evaluate("secret", sourceURL: "bg.js").numberValue == 42)
    }

    @Test func nativeFunctionsReceiveArgumentsAndReturnValues() throws {
        let context = ScriptContext(machine: machine, name: "test")
        var seen: [String] = []
        try context.global.setFunction("record") { call in
            seen.append("\(call.string(0)):\(call.integer(1) ?? -1):\(call.boolean(2))")
            return .string("ok")
        }
        try context.global.setFunction("data") { _ in .json(#"{"a":[1,2]}"#) }
        #expect(try context.evaluate("record('x', 7, true)", sourceURL: "t.js").stringValue == "ok")
        #expect(try context.evaluate("record.call(null, 'y', 1.5)", sourceURL: "t.js").stringValue == "ok")
        #expect(try context.evaluate("record.apply(null, ['z']) + typeof record.bind", sourceURL: "t.js").stringValue == "okfunction")
        #expect(try context.evaluate("data().a[1]", sourceURL: "t.js").numberValue == 2)
        #expect(seen == ["x:7:true", "y:1:false", "z:-1:false"])
    }

    @Test func swiftErrorsBecomeJavaScriptErrors() throws {
        let context = ScriptContext(machine: machine, name: "test")
        try context.global.setFunction("fail") { _ in throw ScriptError(name: "TypeError", message: "bad argument") }
        let text = try context.evaluate("try { fail() } catch (e) { e instanceof TypeError ? 'TypeError:' + e.message : String(e) }", sourceURL: "t.js")
        #expect(text.stringValue == "TypeError:bad argument")
    }

    @Test func jsonBridgesBothWays() throws {
        let context = ScriptContext(machine: machine, name: "test")
        let value = try #require(context.parseJSON(#"{"b":[1,"x",null],"a":true}"#))
        #expect(try value.jsonString() == #"{"b":[1,"x",null],"a":true}"#)
        #expect(context.parseJSON("{bad") == nil)
        #expect(try context.evaluate("(function () {})", sourceURL: "t.js").jsonString() == nil)
        #expect(throws: ScriptError.self) { try context.evaluate("var o = {}; o.o = o; o", sourceURL: "t.js").jsonString() }
    }

    @Test func callingFunctionsAndCatchingWhatTheyThrow() throws {
        let context = ScriptContext(machine: machine, name: "test")
        let add = try context.evaluate("(function (a, b) { return this.base + a + b; })", sourceURL: "t.js")
        let this = try #require(context.parseJSON(#"{"base": 100}"#))
        #expect(try add.call([context.number(1), context.number(2)], this: this).numberValue == 103)
        let thrower = try context.evaluate("(function () { throw new RangeError('r') })", sourceURL: "t.js")
        #expect { try thrower.call() } throws: { error in (error as? ThrownValue)?.scriptError.summary == "RangeError: r" }
    }

    @Test func unhandledRejectionsAreReportedAfterPromiseJobs() throws {
        let context = ScriptContext(machine: machine, name: "test")
        var reasons: [String] = []
        context.onUnhandledRejection { _, reason in reasons.append(reason.stringValue ?? "?") }
        try context.evaluate("Promise.reject('boom'); Promise.reject('handled').catch(() => {});", sourceURL: "t.js")
        #expect(reasons == ["boom"])
    }

    @Test func promiseJobsWaitForTheOutermostLock() throws {
        let context = ScriptContext(machine: machine, name: "test")
        try context.evaluate("var order = [];", sourceURL: "t.js")
        try context.withLock {
            try context.evaluate("Promise.resolve().then(() => order.push('job')); order.push('script');", sourceURL: "t.js")
            try context.evaluate("order.push('after')", sourceURL: "t.js")
        }
        #expect(try context.evaluate("order.join()", sourceURL: "t.js").stringValue == "script,after,job")
    }
}
