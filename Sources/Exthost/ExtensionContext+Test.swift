import JSEngine

// The natives of a context's test harness (js/54_test_chrome.js, js/55_test_firefox.js): what it
// reports becomes a ``TestEvent`` of the host.
extension ExtensionContext {
    /// Defines the `test` natives on `object` (the context's record in the host realm).
    func defineTestNatives(on object: ScriptValue) {
        func define(_ name: String, _ body: @escaping (ExtensionContext, ExtensionHost, NativeCall) throws -> Void) {
            try? object.setFunction(name) { [weak self] call in
                guard let self, !isClosed, let host else { return .undefined }
                try body(self, host, call)
                return .undefined
            }
        }
        define("started") { context, host, call in
            let name = try call.requiredString(0, "test.started", "name")
            context.runningTestName = name
            host.report(TestEvent(kind: .testStarted, context: context.kind, url: context.url, name: name), from: context)
        }
        define("finished") { context, host, call in
            let name = try call.requiredString(0, "test.finished", "name")
            if context.runningTestName == name { context.runningTestName = nil }
            host.report(TestEvent(
                kind: .testFinished, context: context.kind, url: context.url, name: name,
                passed: try call.requiredBoolean(1, "test.finished", "passed"),
                message: try call.optionalString(2, "test.finished", "message"),
                detail: try call.optionalString(3, "test.finished", "detail"),
                expected: try call.optionalString(5, "test.finished", "expected"),
                actual: try call.optionalString(6, "test.finished", "actual"),
                location: try call.optionalString(4, "test.finished", "location")), from: context)
        }
        define("assertion") { context, host, call in
            host.report(TestEvent(
                kind: .assertion, context: context.kind, url: context.url,
                name: try call.optionalString(0, "test.assertion", "name"),
                passed: try call.requiredBoolean(1, "test.assertion", "passed"),
                message: try call.optionalString(2, "test.assertion", "message"),
                expected: try call.optionalString(3, "test.assertion", "expected"),
                actual: try call.optionalString(4, "test.assertion", "actual"),
                location: try call.optionalString(5, "test.assertion", "location")), from: context)
        }
        define("done") { context, host, call in
            host.report(TestEvent(
                kind: .done, context: context.kind, url: context.url,
                passed: try call.requiredBoolean(0, "test.done", "passed"),
                message: try call.optionalString(1, "test.done", "message"),
                location: try call.optionalString(2, "test.done", "location")), from: context)
        }
        define("log") { context, host, call in
            host.report(TestEvent(kind: .log, context: context.kind, url: context.url,
                                  message: try call.requiredString(0, "test.log", "message")), from: context)
        }
        define("message") { context, host, call in
            host.report(TestEvent(kind: .message, context: context.kind, url: context.url,
                                  message: try call.requiredString(0, "test.message", "arguments JSON")), from: context)
        }
        define("later") { context, host, call in
            let callback = call.argument(0)
            guard callback.isFunction else { throw NativeArgumentError("test.later: argument 1 (callback) must be a function.") }
            host.loop.startTimer(after: 0, owner: context.id) { [weak context] in
                context?.callAsTask(callback)
            }
        }
    }

    /// Reports what a context that closes in the middle of a Firefox task leaves: Firefox's
    /// harness ends the task with the string it rejects with then, whose `message` is undefined.
    /// (Chromium's harness reports nothing: the test never ends.)
    func reportTestInterrupted() {
        guard let host, let name = runningTestName, host.harness == .firefox else { return }
        runningTestName = nil
        host.report(TestEvent(kind: .testFinished, context: kind, url: url, name: name, passed: false,
                              message: "Exception running \(name): undefined"), from: self)
    }
}
