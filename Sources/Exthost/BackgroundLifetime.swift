import BrowserModel
import JSEngine

/// How long a non-persistent background lives (issue 11, item 1): an MV3 service worker in
/// Chromium, an event page in Firefox (every MV3 background, and MV2's `"persistent": false`). It
/// stops once it has been idle for the browser's idle time, on the loop's clock, so a test sees in
/// milliseconds what a browser shows after half a minute: globals lost, timers gone, ports closed.
/// The next event that would wake it starts it again (``ExtensionHost/wakeBackground(of:for:)``).
///
/// One lifetime per run of a background: made when it starts, gone when it stops. Its timers are
/// the background context's own (``EventLoop/startTimer(after:repeats:owner:keepsLoopAlive:_:)``
/// with the context's id), so they end with it, and none keeps the loop running: a run whose only
/// work left is an idle background ends there (the clock reaches a stop only while something else
/// is pending: a timer, an alarm, a driver's `advanceClock`). Keeping the run going for a stop
/// that shows (a port's other side, `onSuspend`) was tried: every run with a port left open would
/// then end 30 s later with lines a browser prints only to someone who waits that long.
///
/// Each browser's rules, as read in their sources (the research notes of session 28, and
/// fixtures/conformance/background-idle-stop recorded in both):
/// - Chromium (`ServiceWorkerVersion`, `ServiceWorkerEventQueue`, extensions'
///   `ServiceWorkerKeepalive`): 30 s (`kServiceWorkerDefaultIdleDelayInSeconds`) from the end of the
///   top-level script or of the last *hold*: an event from its dispatch until its listeners ran,
///   an API call until its answer, a one-time message channel while it is open. A message on any
///   port of the extension restarts the 30 s; an open port alone holds nothing, nor do timers.
///   A hold counts for at most 5 minutes (`kRequestTimeout`), dropped at the first check after
///   that (`kTimeoutTimerDelay`, every 30 s from the worker's start). No `onSuspend`.
/// - Firefox (`ext-backgroundPage.js`'s `IdleManager`, `extensions.background.idle.timeout`):
///   30 s after startup and after the last *reset*: an event fired in the background or in
///   another page of the extension (messages and ports' events too; not `runtime.onSuspend`), an
///   API call of the background. Nothing holds it open, but when the idle time ends while a
///   promise a listener of a browser event returned in the background is pending
///   (`pendingRunListenerPromisesCount`: an event the parent fires, not a message, a port's
///   event or `storage.onChanged`, which the page's own process fires), the idle time starts
///   once more and those promises are forgotten, so such a promise keeps the page 30 s at most
///   (fixtures/conformance/background-idle-pending-listener). At the end, `runtime.onSuspend`; an
///   event meanwhile cancels the stop (`runtime.onSuspendCanceled`), an API call does not. (Its
///   two other checks, an open native messaging port and an active `StreamFilter`, have nothing
///   to check here: exthost has neither `runtime.connectNative` nor `webRequest` yet.)
final class BackgroundLifetime {
    /// What holds a Chromium worker open (Firefox has no holds: only resets).
    enum Hold: Hashable {
        /// An event on its way to the background and its listeners (a delivery's number).
        case event(Int)
        /// An API call of the background, until its answer is delivered (the request's id).
        case request(Int)
        /// A port of the background on a one-time message channel, while it is open.
        case port(Int)
    }

    /// A browser's idle rules.
    struct Rules {
        /// Milliseconds without activity after which the background stops.
        let idleDelay: Double
        /// How long one hold keeps the background open at most (nil: holds do not exist).
        let holdLimit: Double?
        /// How often the browser checks its holds against ``holdLimit``, from the background's start.
        let holdCheckInterval: Double
        /// Whether the background hears `runtime.onSuspend` before it stops (and an event meanwhile
        /// cancels the stop).
        let suspends: Bool
        /// How long the browser waits at most for the promises of `runtime.onSuspend`'s listeners.
        var suspendWait: Double = 5_000
        /// Whether the idle time starts once more when it ends while a promise a listener
        /// returned is pending (Firefox).
        var waitsForListenerPromises = false

        /// Why a background stops under these rules, for a trace.
        var stopReason: String { "idle for \(Int(idleDelay / 1000)) s" }

        /// The rules of `flavor`'s browser.
        static func of(_ flavor: Flavor) -> Rules {
            switch flavor {
            case .chrome: Rules(idleDelay: 30_000, holdLimit: 300_000, holdCheckInterval: 30_000, suspends: false)
            case .firefox: Rules(idleDelay: 30_000, holdLimit: nil, holdCheckInterval: 0, suspends: true, waitsForListenerPromises: true)
            }
        }
    }

    /// Where the lifetime is: running, or (Firefox) told to suspend and waiting for its listeners.
    enum State {
        case running
        case suspending
    }

    let rules: Rules
    private let loop: EventLoop
    /// The background context's id: the owner of every timer here.
    private let timerOwner: Int
    /// The loop's time when the background started.
    private let startedAt: Double
    /// What holds the background open, each with the timer that drops it at the limit.
    private var holds: [Hold: TimerID] = [:]
    private var idleTimer: TimerID?
    /// Whether the background's first run is over (the idle time counts from then).
    private var isArmed = false
    private(set) var state = State.running
    /// How many times the background was told it will stop (Firefox): the number of the last.
    private(set) var suspensions = 0
    /// The promises listeners returned that are pending (Firefox), each by its number.
    private var pendingListenerPromises: Set<Int> = []
    private var lastListenerPromise = 0
    /// Called when the idle time has passed with nothing holding the background.
    private let expired: () -> Void
    /// Called when the idle time passed but starts once more for pending listener promises.
    private let waitedForListenerPromises: (_ count: Int) -> Void

    init(rules: Rules, loop: EventLoop, timerOwner: Int, expired: @escaping () -> Void,
         waitedForListenerPromises: @escaping (_ count: Int) -> Void = { _ in }) {
        self.rules = rules
        self.loop = loop
        self.timerOwner = timerOwner
        self.startedAt = loop.now
        self.expired = expired
        self.waitedForListenerPromises = waitedForListenerPromises
    }

    /// A listener returned a promise that is pending: returns its number (0 when these rules do
    /// not wait for such promises).
    func listenerPromisePending() -> Int {
        guard rules.waitsForListenerPromises else { return 0 }
        lastListenerPromise += 1
        pendingListenerPromises.insert(lastListenerPromise)
        return lastListenerPromise
    }

    /// The listener promise number `number` settled (or was forgotten already).
    func listenerPromiseSettled(_ number: Int) {
        pendingListenerPromises.remove(number)
    }

    /// The background's scripts ran: the idle time counts from now, unless something holds it.
    func firstRunEnded() {
        isArmed = true
        if holds.isEmpty { restartIdleTime() }
    }

    /// `hold` begins: the background stays while it lasts (at most ``Rules/holdLimit``).
    func begin(_ hold: Hold) {
        guard let holdLimit = rules.holdLimit, holds[hold] == nil else { return }
        let now = loop.now
        // (Dropped at the browser's first check after the limit: checks come every interval from the start.)
        let checks = ((now + holdLimit - startedAt) / rules.holdCheckInterval).rounded(.up)
        let dropAt = startedAt + checks * rules.holdCheckInterval
        let limit = loop.startTimer(after: dropAt - now, owner: timerOwner, keepsLoopAlive: false) { [weak self] in self?.end(hold) }
        holds[hold] = limit
        cancelIdleTime()
    }

    /// `hold` is over: with nothing else holding the background, the idle time starts again.
    func end(_ hold: Hold) {
        guard let limit = holds.removeValue(forKey: hold) else { return }
        loop.cancelTimer(limit)
        if holds.isEmpty, isArmed { restartIdleTime() }
    }

    /// Activity that lasts no time (a port's message, a Firefox event or API call): the idle time
    /// starts again unless something holds the background.
    ///
    /// - Returns: true when it cancelled a suspension under way (Firefox: the caller tells the
    ///   background with `runtime.onSuspendCanceled`).
    @discardableResult
    func reset(cancelsSuspension: Bool = true) -> Bool {
        var cancelled = false
        if state == .suspending {
            guard cancelsSuspension else { return false }
            state = .running
            cancelled = true
        }
        if holds.isEmpty, isArmed { restartIdleTime() }
        return cancelled
    }

    /// The idle time passed (Firefox): the background is told it will stop.
    func beginSuspension() {
        state = .suspending
        suspensions += 1
        cancelIdleTime()
    }

    private func restartIdleTime() {
        cancelIdleTime()
        idleTimer = loop.startTimer(after: rules.idleDelay, owner: timerOwner, keepsLoopAlive: false) { [weak self] in
            guard let self else { return }
            idleTimer = nil
            guard holds.isEmpty, state == .running else { return }
            if !pendingListenerPromises.isEmpty {
                // (Once: the promises are forgotten, and the next end of the idle time stops it.)
                let count = pendingListenerPromises.count
                pendingListenerPromises.removeAll()
                restartIdleTime()
                waitedForListenerPromises(count)
                return
            }
            expired()
        }
    }

    private func cancelIdleTime() {
        if let idleTimer { loop.cancelTimer(idleTimer) }
        idleTimer = nil
    }
}
