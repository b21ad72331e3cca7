import BrowserModel
import JSEngine

/// How a ``ExtensionHost`` behaves.
public struct HostOptions: Sendable {
    /// Which browser to behave as.
    public var flavor: Flavor
    /// Virtual time (the default: timers fire at once, runs are repeatable) or the wall clock.
    public var clockMode: ClockMode
    /// Which files serve which origins' pages.
    public var siteMap: SiteMap
    /// How much CPU time one task of a script and how much memory the run may use.
    public var limits: ScriptLimits
    /// The test harness `chrome.test` and `browser.test` follow; nil: the one the extension's
    /// scripts name (``TestHarness/detect(inExtensionAt:)``), else the flavor's.
    public var testHarness: TestHarness?
    /// What `chrome.test.getConfig()` answers.
    public var testConfig: TestConfig
    /// Whether `fetch` and `XMLHttpRequest` may reach real http and https servers (`--network`);
    /// without it, what the site mapping does not serve fails as offline.
    public var network: Bool

    /// The profile kept between runs (`--profile DIR`): installed extensions, their `storage.local`
    /// and `storage.sync`, `localStorage`. Without one a run starts empty and keeps nothing.
    public var profile: Profile?
    /// The policy of `storage.managed` (`--managed-storage FILE`): a JSON object of keys and
    /// values, for every extension the run loads.
    public var managedStorage: JSONValue?
    /// Whether backgrounds that a browser stops once idle (a service worker, an event page) are
    /// kept running instead (`--keep-alive`).
    public var keepsBackgroundsAlive = false

    /// Creates options.
    public init(flavor: Flavor = .chrome, clockMode: ClockMode = .virtual, siteMap: SiteMap = SiteMap([]), limits: ScriptLimits = ScriptLimits(),
                testHarness: TestHarness? = nil, testConfig: TestConfig = TestConfig(), network: Bool = false, profile: Profile? = nil) {
        self.profile = profile
        self.flavor = flavor
        self.clockMode = clockMode
        self.siteMap = siteMap
        self.limits = limits
        self.testHarness = testHarness
        self.testConfig = testConfig
        self.network = network
    }
}
