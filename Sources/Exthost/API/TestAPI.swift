import BrowserModel

/// The calls of Chromium's `test` namespace that its renderer sends to the browser process
/// (js/54_test_chrome.js): each answered after a round trip, as in Chromium.
enum TestAPI {
    static func register(in api: ExtensionAPI) {
        let contexts: Set<ContextKind> = [.background, .content, .driver]
        // What the test's C++ harness configured; Chromium fails the call when it set nothing.
        api.define("test.getConfig", contexts: contexts) { host, request in
            let config = host.options.testConfig
            if config.isEmpty { return request.fail("Test configuration was not set.") }
            request.respond(JSONValue.parse(config.jsonText))
        }
        api.define("test.waitForRoundTrip", contexts: contexts) { _, request in
            request.respond(request.argument(0) ?? .string(""))
        }
        // A message for the test's driver; Chromium answers it with what the driver's listener
        // replies (a driver script's `extension.replyTo`), else with an empty string.
        api.define("test.sendMessage", contexts: contexts) { host, request in
            let context = request.context
            let message = request.argument(0) ?? .string("")
            host.report(TestEvent(kind: .message, context: context.kind, url: context.url,
                                  message: JSONValue.array([message]).jsonText), from: context)
            request.respond(.string(host.driver?.reply(to: message.stringValue ?? message.jsonText, from: context) ?? ""))
        }
    }
}
