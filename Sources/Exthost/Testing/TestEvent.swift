/// Something an extension's test harness (`chrome.test`, `browser.test`) reported: a test began or
/// ended, a check passed or failed, the extension declared the whole run passed or failed, a log
/// line, a message for the test's driver.
public struct TestEvent: Sendable, Equatable, Codable {
    /// What happened.
    public enum Kind: String, Sendable, Codable {
        /// A test (`runTests` entry) began: `name`.
        case testStarted
        /// A test ended: `name`, `passed`, and for a failure `message` (what failed) and `detail`
        /// (the harness's full text, with the stack where it has one).
        case testFinished
        /// One check (Firefox's `assertTrue`, `assertEq`, `succeed`, `fail`...): `passed`,
        /// `message`, and for an equality check `expected` and `actual` as the harness shows them.
        case assertion
        /// `notifyPass(message)` or `notifyFail(message)`, which Chromium's `runTests` also calls when
        /// its tests are over: `passed`, `message`.
        case done
        /// `test.log(message)`.
        case log
        /// `test.sendMessage(...)`: `message` holds the arguments as JSON text (an array).
        case message
    }

    /// Why a test's result does not count (a driver script's `test.skip`, `test.todo`).
    public enum Directive: String, Sendable, Codable {
        /// The test did not run (`skip`, or not selected by `only`); `message` says why when known.
        case skip
        /// The test is not finished (`todo`): it ran if it had a body, and its result does not count.
        case todo
    }

    /// What happened.
    public var kind: Kind
    /// The kind of context that reported it.
    public var context: ContextKind
    /// The host's number of the context that reported it (a context made anew at the same place
    /// has another).
    public var contextId: Int?
    /// The tab of a content script's frame.
    public var tabId: Int?
    /// The frame of a content script.
    public var frameId: Int?
    /// The URL of the context's page or script.
    public var url: String
    /// The test's name (`testStarted`, `testFinished`; for Firefox's checks, the test they ran in).
    public var name: String?
    /// Whether a test, check or run passed.
    public var passed: Bool?
    /// The text: what failed, the log line, the message.
    public var message: String?
    /// The harness's full text of a failure (Chromium's includes the stack).
    public var detail: String?
    /// An equality check's expected value, as the harness writes it.
    public var expected: String?
    /// An equality check's actual value, as the harness writes it.
    public var actual: String?
    /// Where in the extension's scripts it was reported (`url:line:column`), when known.
    public var location: String?
    /// The same as a file on disk (`path:line:column`), for a file of the extension.
    public var sourceLocation: String?
    /// For `testFinished`: why its result does not count, when it does not.
    public var directive: Directive?

    /// Creates an event.
    public init(
        kind: Kind, context: ContextKind, tabId: Int? = nil, frameId: Int? = nil, url: String, name: String? = nil,
        passed: Bool? = nil, message: String? = nil, detail: String? = nil, expected: String? = nil, actual: String? = nil,
        location: String? = nil, sourceLocation: String? = nil
    ) {
        self.kind = kind
        self.context = context
        self.tabId = tabId
        self.frameId = frameId
        self.url = url
        self.name = name
        self.passed = passed
        self.message = message
        self.detail = detail
        self.expected = expected
        self.actual = actual
        self.location = location
        self.sourceLocation = sourceLocation
    }

    /// Whether the event is a failure: a failed test or check, or `notifyFail`.
    public var isFailure: Bool {
        switch kind {
        case .testFinished: passed == false && directive == nil
        case .assertion, .done: passed == false
        case .testStarted, .log, .message: false
        }
    }
}

/// The tally of a run's test events (``ExtensionHost/testSummary``).
public struct TestSummary: Sendable, Equatable {
    /// Tests that ended passing.
    public var testsPassed = 0
    /// Tests that ended failing.
    public var testsFailed = 0
    /// Tests skipped or marked to do (a driver script's `test.skip`, `test.todo`).
    public var testsSkipped = 0
    /// Checks that passed.
    public var assertionsPassed = 0
    /// Checks that failed.
    public var assertionsFailed = 0
    /// `notifyPass` calls.
    public var notifiedPass = 0
    /// `notifyFail` calls.
    public var notifiedFail = 0

    /// Creates an empty tally.
    public init() {}

    /// Whether the harness reported anything that counts: a test, a check or a notification.
    public var hasResults: Bool {
        testsPassed + testsFailed + testsSkipped + assertionsPassed + assertionsFailed + notifiedPass + notifiedFail > 0
    }

    /// Whether anything failed.
    public var hasFailures: Bool { testsFailed + assertionsFailed + notifiedFail > 0 }

    mutating func count(_ event: TestEvent) {
        let passed = event.passed == true
        switch event.kind {
        case .testFinished where event.directive != nil: testsSkipped += 1
        case .testFinished: if passed { testsPassed += 1 } else { testsFailed += 1 }
        case .assertion: if passed { assertionsPassed += 1 } else { assertionsFailed += 1 }
        case .done: if passed { notifiedPass += 1 } else { notifiedFail += 1 }
        case .testStarted, .log, .message: break
        }
    }
}
