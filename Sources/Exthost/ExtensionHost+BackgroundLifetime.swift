import BrowserModel
import JSEngine

// Backgrounds that stop once idle and start again for the next event (issue 11, item 1), by the
// rules of ``BackgroundLifetime``: what counts as activity is seen here, where deliveries, API
// calls and listeners pass; the router reports the ports of one-time channels.
extension ExtensionHost {
    /// Whether `instance`'s background stops once idle in this run: a Chromium service worker, a
    /// Firefox event page (every manifest version 3 background, and version 2's `"persistent":
    /// false`), unless the run keeps backgrounds alive (`--keep-alive`). (Chromium 156 loads no
    /// manifest version 2 extension, so it has no event pages: fixtures/manifests/manifest-version-2.)
    func stopsWhenIdle(_ instance: ExtensionInstance) -> Bool {
        guard !options.keepsBackgroundsAlive, let background = instance.manifest.background else { return false }
        switch options.flavor {
        case .chrome:
            if case .serviceWorker = background { return true }
            return false
        case .firefox:
            return !instance.manifest.isPersistentBackground
        }
    }

    /// The open contexts of `instance` that hear an event it gets under one of `names` (the
    /// browsers' names for one event: Firefox's `menus.onClicked` and `contextMenus.onClicked`):
    /// its background, started again when it stopped and listens to one of them
    /// (``wakeBackground(of:for:)``), then its pages.
    func eventContexts(of instance: ExtensionInstance, for names: [String]) -> [ExtensionContext] {
        let background = names.lazy.compactMap { self.wakeBackground(of: instance, for: $0) }.first
        return ([background].compactMap { $0 } + instance.pageContexts).filter { !$0.isClosed }
    }

    /// The background of `instance` for an event `event` (nil: a message or a connection, which
    /// wake a background in both browsers), started again when it stopped once idle and listens to
    /// that event (``ExtensionInstance/wakingEvents``). Nil when there is none to hear it. A
    /// background started here is made at once and runs its scripts in a task of its own, queued
    /// now: what is delivered to it (a hop later) comes after them, as in both browsers, and the
    /// caller's task goes on undisturbed.
    func wakeBackground(of instance: ExtensionInstance, for event: String?) -> ExtensionContext? {
        if let background = instance.background { return background.isClosed ? nil : background }
        guard instance.backgroundIsStopped, extensions.contains(where: { $0 === instance }) else { return nil }
        if let event, !instance.wakingEvents.contains(event) { return nil }
        instance.backgroundIsStopped = false
        guard let (background, scripts) = makeBackground(of: instance) else { return nil }
        trace?.addBrowser(.lifecycle, at: loop.now, context: background, title: "started again", detail: event.map { "for \($0)" } ?? "for a message")
        loop.enqueue { [weak self, weak instance, weak background] in
            guard let self, let instance, let background, instance.background === background, !background.isClosed else { return }
            runBackgroundScripts(scripts, of: background, in: instance)
        }
        return background
    }

    /// Makes the lifetime of `instance`'s background `context` as it starts, if it stops once idle.
    func beginLifetime(of context: ExtensionContext, in instance: ExtensionInstance) {
        instance.backgroundLifetime = nil
        guard stopsWhenIdle(instance) else { return }
        instance.primingEvents = []
        instance.backgroundLifetime = BackgroundLifetime(rules: .of(options.flavor), loop: loop, timerOwner: context.id) { [weak self, weak instance, weak context] in
            guard let self, let instance, let context, instance.background === context else { return }
            backgroundBecameIdle(instance)
        } waitedForListenerPromises: { [weak self, weak context] count in
            guard let self, let context else { return }
            trace?.addBrowser(.lifecycle, at: loop.now, context: context, title: "idle time restarted",
                              detail: count == 1 ? "a listener's promise is pending" : "\(count) listeners' promises are pending")
        }
    }

    /// `instance`'s background ran its scripts: its idle time begins (Firefox: the persistent
    /// listeners it added meanwhile are the ones that wake it from now on).
    func backgroundStarted(_ instance: ExtensionInstance) {
        guard let lifetime = instance.backgroundLifetime else { return }
        if options.flavor == .firefox { instance.wakingEvents = instance.primingEvents }
        keepWakingEvents(of: instance)
        lifetime.firstRunEnded()
    }

    /// The idle time of `instance`'s background passed with nothing holding it. Chromium stops the
    /// worker; Firefox tells the page (`runtime.onSuspend`) and stops it once the listeners ran,
    /// unless an event came meanwhile.
    private func backgroundBecameIdle(_ instance: ExtensionInstance) {
        guard let background = instance.background, let lifetime = instance.backgroundLifetime else { return }
        guard lifetime.rules.suspends else {
            stopBackground(of: instance, reason: lifetime.rules.stopReason)
            return
        }
        lifetime.beginSuspension()
        let suspension = lifetime.suspensions
        trace?.addBrowser(.event, at: loop.now, context: background, title: "runtime.onSuspend", detail: "[]")
        // (Once its listeners ran, or, when they returned promises, once those settled or 5 s passed.)
        background.deliver(.event(name: "runtime.onSuspend", arguments: "[]")) { [weak self, weak background] result in
            guard let self, let background else { return }
            guard let result, result.isBoolean, result.booleanValue else {
                finishSuspension(of: background, suspension)
                return
            }
            guard !background.isClosed else { return }
            _ = loop.startTimer(after: lifetime.rules.suspendWait, owner: background.id) { [weak self, weak background] in
                guard let self, let background else { return }
                finishSuspension(of: background, suspension)
            }
        }
    }

    /// The promises of the listeners of suspension number `suspension` of `background` settled
    /// (js/38_api.js): the browser hears so a hop later, then stops it.
    func suspendListenersSettled(in background: ExtensionContext, _ suspension: Int) {
        crossProcess { [weak self, weak background] in
            guard let self, let background else { return }
            finishSuspension(of: background, suspension)
        }
    }

    /// The listeners of suspension number `suspension` of `background` are done: it stops, unless
    /// an event cancelled that suspension meanwhile.
    func finishSuspension(of background: ExtensionContext, _ suspension: Int) {
        guard let instance = background.owner, instance.background === background, let lifetime = instance.backgroundLifetime,
              lifetime.state == .suspending, lifetime.suspensions == suspension else { return }
        stopBackground(of: instance, reason: lifetime.rules.stopReason)
    }

    /// Stops `instance`'s background as a browser stops an idle one: its context closes (its
    /// timers stop, its ports disconnect without an error), and the next event that wakes it
    /// starts it again.
    func stopBackground(of instance: ExtensionInstance, reason: String) {
        guard let background = instance.background else { return }
        trace?.addBrowser(.lifecycle, at: loop.now, context: background, title: "stopped", detail: reason)
        closeBackground(of: instance)
        instance.backgroundIsStopped = true
    }

    /// Closes `instance`'s background context and lets go of its page.
    func closeBackground(of instance: ExtensionInstance) {
        let background = instance.background
        instance.background = nil
        instance.backgroundLifetime = nil
        background?.close()
        if let documentID = background?.documentID { forgetDocument(documentID) }
    }

    // MARK: - Activity

    /// What `delivery` to `context` means to its extension's background lifetime, told before it
    /// crosses; returns what to do once `context` has received it (nil: nothing).
    func backgroundActivity(delivering delivery: Delivery, to context: ExtensionContext) -> (() -> Void)? {
        guard let instance = context.owner, let lifetime = instance.backgroundLifetime, let background = instance.background else { return nil }
        switch options.flavor {
        case .chrome:
            switch delivery {
            case .event(let name, _) where !context.listenedEvents.contains(name):
                // (The browser sends an event only to a worker that listens to it.)
                return nil
            case .event, .connect:
                // (An event, or the offer of a channel, holds the worker until its listeners ran.)
                guard context === background else { return nil }
                nextHoldNumber += 1
                let hold = BackgroundLifetime.Hold.event(nextHoldNumber)
                lifetime.begin(hold)
                return { [weak lifetime] in lifetime?.end(hold) }
            case .apiResponse(let request, _, _):
                guard context === background else { return nil }
                return { [weak lifetime] in lifetime?.end(.request(request)) }
            case .message:
                // (A message on any port of the extension restarts the worker's idle time.)
                return { [weak lifetime] in lifetime?.reset() }
            case .disconnect, .messageResponse:
                return nil
            }
        case .firefox:
            // (Every event fired in the background or another page of the extension restarts the
            // idle time, ports' and messages' too, except the ones that say it stops or not.)
            guard context === background || context.kind == .page else { return nil }
            switch delivery {
            case .event(let name, _) where name == "runtime.onSuspend" || name == "runtime.onSuspendCanceled":
                return nil
            case .event, .connect, .message, .disconnect:
                return { [weak instance, weak lifetime, weak context] in
                    guard let instance, let lifetime, let context, instance.backgroundLifetime === lifetime else { return }
                    // (An event fires only where it has listeners; a channel is offered to
                    // runtime.onConnect or onMessage.)
                    switch delivery {
                    case .event(let name, _):
                        if !context.listenedEvents.contains(name) { return }
                    case .connect(_, _, let message, let external):
                        if !context.listenedEvents.contains(ChannelEvent(oneTime: message != nil, external: external).rawValue) { return }
                    default:
                        break
                    }
                    if lifetime.reset(), let background = instance.background {
                        background.dispatchEvent("runtime.onSuspendCanceled", [])
                    }
                }
            case .apiResponse, .messageResponse:
                return nil
            }
        }
    }

    /// `context` called the API function of request `requestID`: Chromium holds its worker until
    /// the answer comes; Firefox restarts its page's idle time (without cancelling a suspension).
    func backgroundCalledAPI(_ context: ExtensionContext, requestID: Int) {
        guard let instance = context.owner, let lifetime = instance.backgroundLifetime, instance.background === context else { return }
        switch options.flavor {
        case .chrome: lifetime.begin(.request(requestID))
        case .firefox: lifetime.reset(cancelsSuspension: false)
        }
    }

    /// A listener of an event in `context` returned a promise that is pending (js/38_api.js):
    /// returns the number `context` tells once it settled (0: nothing waits for it). Only
    /// Firefox's event page waits for one, once (``BackgroundLifetime``).
    func listenerPromisePending(in context: ExtensionContext) -> Int {
        guard let instance = context.owner, let lifetime = instance.backgroundLifetime, instance.background === context else { return 0 }
        return lifetime.listenerPromisePending()
    }

    /// The listener promise number `number` of `context` settled: the browser hears so a hop later.
    func listenerPromiseSettled(in context: ExtensionContext, _ number: Int) {
        guard let instance = context.owner, let lifetime = instance.backgroundLifetime, instance.background === context else { return }
        crossProcess { [weak lifetime] in lifetime?.listenerPromiseSettled(number) }
    }

    /// A port of context `contextID` opened (`true`) or closed on a channel of `kind`: Chromium
    /// holds its worker while its port of a one-time channel is open.
    func backgroundPort(_ portID: Int, of contextID: Int, kind: PortChannel.Kind, isOpen: Bool) {
        guard kind == .oneTime, let context = context(contextID), let instance = context.owner, instance.background === context,
              let lifetime = instance.backgroundLifetime else { return }
        if isOpen { lifetime.begin(.port(portID)) } else { lifetime.end(.port(portID)) }
    }

    /// A background's or an extension page's scripts started (`true`) or stopped listening to the
    /// API event `name`; `persistent` when Firefox keeps such a listener to wake its event page.
    func contextListens(_ context: ExtensionContext, to name: String, _ listens: Bool, persistent: Bool) {
        if listens { context.listenedEvents.insert(name) } else { context.listenedEvents.remove(name) }
        guard let instance = context.owner, instance.background === context else { return }
        switch options.flavor {
        case .chrome:
            // (Every listener of a worker, whenever added, is kept until removed; a stop keeps them.)
            let changed = listens ? instance.wakingEvents.insert(name).inserted : instance.wakingEvents.remove(name) != nil
            if changed { keepWakingEvents(of: instance) }
        case .firefox:
            // (Only a persistent listener added while the page starts is kept: primed for the next start.)
            if !listens {
                instance.primingEvents.remove(name)
                if instance.wakingEvents.remove(name) != nil { keepWakingEvents(of: instance) }
            } else if persistent, !context.hasFinishedFirstEvaluation {
                instance.primingEvents.insert(name)
            }
        }
    }

    /// Keeps in the run's profile the events that start `instance`'s background, as the browsers
    /// keep them (Chromium's lazy listeners in its preferences, Firefox's persistent listeners in
    /// its startup cache), so that a later run starts it as a browser start would
    /// (``startAtBrowserStart(_:)``).
    private func keepWakingEvents(of instance: ExtensionInstance) {
        guard let profile = options.profile, stopsWhenIdle(instance) else { return }
        profile.storeWakingEvents(instance.wakingEvents, of: instance.id.runtimeID)
    }

    /// Starts `instance`, installed already, as a browser starting does (no install or update of it
    /// pending): a persistent background starts and hears `runtime.onStartup`; a Chromium worker
    /// starts only for `onStartup` when it listens to it, and otherwise waits, stopped, for an event
    /// that wakes it; a Firefox event page starts when it kept no persistent listener, or it listens
    /// to `onStartup` (`ext-backgroundPage.js`), and otherwise waits, its listeners primed.
    func startAtBrowserStart(_ instance: ExtensionInstance) {
        guard instance.manifest.background != nil else { return }
        let firefoxStarts = options.flavor == .firefox && (instance.wakingEvents.isEmpty || instance.wakingEvents.contains("runtime.onStartup"))
        guard stopsWhenIdle(instance), !firefoxStarts else {
            instance.lifecycleEvent = ("runtime.onStartup", [])
            loop.enqueue { [weak self, weak instance] in
                guard let self, let instance, extensions.contains(where: { $0 === instance }) else { return }
                startBackground(of: instance)
            }
            return
        }
        instance.backgroundStarted = true
        instance.backgroundIsStopped = true
        // (Started for the event, which it hears once its scripts ran.)
        wakeBackground(of: instance, for: "runtime.onStartup")?.dispatchEvent("runtime.onStartup", [])
    }
}
