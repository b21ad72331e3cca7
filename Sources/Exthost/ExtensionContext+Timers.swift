import JSEngine

// Timers and clocks of a context, as builtin functions of its own realm over the host's event loop:
// `setTimeout`, `setInterval`, `clearTimeout`, `clearInterval`, `queueMicrotask`, and
// `performance` following the loop's clock (virtual by default: it jumps to the next timer when
// nothing else is pending). No JavaScript of the host's runs in the context for them. (`Date` is
// js/19_date.js.)
extension ExtensionContext {
    /// One timer a script set: what it calls, with what, and HTML's nesting level of its callback.
    final class ScriptTimer {
        let callback: ScriptValue
        let arguments: [ScriptValue]
        let repeats: Bool
        /// The delay the script asked for, in whole milliseconds (before nesting clamps it).
        let delay: Double
        /// The nesting level the callback runs at (its setter's level plus one).
        var nesting: Int
        /// The loop's timer that fires it next.
        var loopTimer: TimerID?

        init(callback: ScriptValue, arguments: [ScriptValue], repeats: Bool, delay: Double, nesting: Int) {
            self.callback = callback
            self.arguments = arguments
            self.repeats = repeats
            self.delay = delay
            self.nesting = nesting
        }
    }

    /// HTML's timer nesting: a timer set from a timer's callback is one level deeper, and from the
    /// sixth level on its delay is at least 4 ms (Chromium's DOMTimer and Firefox's TimeoutManager
    /// both clamp after 5 levels). An interval's every run is one level deeper than the last. So a
    /// chain of zero-delay timers moves the clock on, and --max-time ends it, as in a browser.
    static func clampedDelay(_ milliseconds: Double, nesting: Int) -> Double {
        nesting > 5 && milliseconds < 4 ? 4 : milliseconds
    }

    /// The globals this file makes, with the browser's names and lengths.
    static let timerFunctions: [(name: String, length: Int)] = [
        ("setTimeout", 1), ("setInterval", 1), ("clearTimeout", 0), ("clearInterval", 0), ("queueMicrotask", 1),
    ]

    /// Defines the timer function `name` on the global, or (any other name) `performance`, whose
    /// members are made on first touch. (Each is one of the context's lazy globals.)
    func installTimerGlobal(_ name: String, on global: ScriptValue) throws {
        guard let length = Self.timerFunctions.first(where: { $0.name == name })?.length else {
            let performance = LazyObject.make(.object, in: script) { [weak self] in self?.fillPerformance() }
            try global.defineProperty("performance", performance, enumerable: true)
            performanceObject = performance
            return
        }
        let function = NativeFunction.makeBuiltin(name: name, length: length, in: script) { [weak self] call in
            guard let self, !isClosed else { return .undefined }
            switch name {
            case "setTimeout": return .number(Double(try startScriptTimer(call, repeats: false)))
            case "setInterval": return .number(Double(try startScriptTimer(call, repeats: true)))
            case "queueMicrotask": try queueScriptMicrotask(call)
            default: try clearScriptTimer(call)
            }
            return .undefined
        }
        try global.defineProperty(name, function, enumerable: true)
    }

    /// `setTimeout(handler, timeout, ...arguments)` and `setInterval`: the new timer's id.
    private func startScriptTimer(_ call: NativeCall, repeats: Bool) throws -> Int {
        // WebIDL converts the timeout (which may run a script's valueOf, or throw) before anything else.
        var milliseconds = call.count > 1 ? try call.argument(1).toNumber() : 0
        if !milliseconds.isFinite || milliseconds < 0 { milliseconds = 0 }
        // Browsers store the delay as a 32-bit signed integer: larger ones fire at once.
        if milliseconds > 2_147_483_647 { milliseconds = 0 }
        milliseconds.round(.towardZero)
        // (A handler that is not a function is code, as its string: run where the browser runs
        // it; ExtensionContext+ContentSecurity.swift.)
        var callback = call.argument(0)
        if !callback.isFunction {
            let code = try callback.toScriptString()
            guard runsStringTimers else {
                // (Refused when it is set, as both browsers' policy checks are: it gets no timer,
                // and the id 0.)
                refuseStringTimer()
                return 0
            }
            callback = code
        }
        let id = nextScriptTimerID
        nextScriptTimerID += 1
        let timer = ScriptTimer(callback: callback, arguments: (2..<max(2, call.count)).map { call.argument($0) },
                                repeats: repeats, delay: milliseconds, nesting: timerNesting + 1)
        scriptTimers[id] = timer
        schedule(timer, id: id, after: Self.clampedDelay(milliseconds, nesting: timerNesting))
        return id
    }

    private func schedule(_ timer: ScriptTimer, id: Int, after milliseconds: Double) {
        guard let host else { return }
        timer.loopTimer = host.loop.startTimer(after: milliseconds, owner: self.id) { [weak self] in
            self?.fireScriptTimer(id)
        }
    }

    /// `clearTimeout(id)` and `clearInterval(id)` (either clears either, as in browsers).
    private func clearScriptTimer(_ call: NativeCall) throws {
        let number = try call.argument(0).toNumber()
        guard number.isFinite, number.rounded(.towardZero) == number, number.magnitude < 9e15,
              let timer = scriptTimers.removeValue(forKey: Int(number)) else { return }
        if let loopTimer = timer.loopTimer, let host { host.loop.cancelTimer(loopTimer) }
    }

    /// Runs a timer's callback as a task of its own; an interval is started again first.
    private func fireScriptTimer(_ id: Int) {
        guard !isClosed, scriptTimers[id] != nil else { return }
        // (A frozen page's timer waits for the page to be shown again.)
        if isFrozen { return heldTimers.append(id) }
        fireHeldTimer(id)
    }

    /// Runs timer `id`'s callback now (it came due).
    func fireHeldTimer(_ id: Int) {
        guard !isClosed, !isFrozen, let timer = scriptTimers[id] else { return }
        if timer.repeats {
            // An interval runs again `delay` later, one nesting level deeper.
            schedule(timer, id: id, after: Self.clampedDelay(timer.delay, nesting: timer.nesting))
        } else {
            scriptTimers[id] = nil
        }
        let nesting = timer.nesting
        if timer.repeats { timer.nesting += 1 }
        guard timer.callback.isFunction || timer.callback.isString else { return }
        let (_, stop) = script.runTask {
            timerNesting = nesting
            defer { timerNesting = 0 }
            do {
                if timer.callback.isString {
                    try script.execute(timer.callback.stringValue ?? "", sourceURL: url)
                    return
                }
                try timer.callback.call(timer.arguments)
            } catch let error as ThrownValue {
                if !script.machine.isStopping { report(error) }
            } catch {}
        }
        if let stop { reportStop(stop) }
    }

    /// Calls `callback`, a function of the host's JavaScript, in a task of its own; what it throws
    /// is reported as uncaught.
    func runHostCallback(_ callback: ScriptValue) {
        guard !isClosed else { return }
        let (_, stop) = script.runTask {
            do {
                _ = try callback.call([])
            } catch let error as ThrownValue {
                if !script.machine.isStopping { report(error) }
            } catch {}
        }
        if let stop { reportStop(stop) }
    }

    /// `queueMicrotask(callback)`: the host realm queues the call (js/12_tasks.js), on the
    /// machine's one queue of promise jobs, so it runs in order with the context's own.
    private func queueScriptMicrotask(_ call: NativeCall) throws {
        let callback = call.argument(0)
        guard callback.isFunction else {
            throw ScriptError(name: "TypeError", message: "Failed to execute 'queueMicrotask' on 'Window': parameter 1 is not of type 'Function'.")
        }
        guard let host else { return }
        let realm = host.realm
        if microtaskReporter == nil {
            // (In the host realm; it holds the context weakly.)
            microtaskReporter = NativeFunction.make(name: "report", in: realm.script) { [weak self] call in
                guard let self, !isClosed else { return .undefined }
                report(ThrownValue(value: call.argument(0)))
                return .undefined
            }
        }
        guard let reporter = microtaskReporter else { return }
        try realm.value("enqueueMicrotask", in: "tasks").call([callback, reporter])
    }

    /// `performance`'s User Timing functions, with their lengths (js/39_user_timing.js).
    static let userTimingFunctions: [(name: String, length: Int)] = [
        ("mark", 1), ("measure", 1), ("getEntries", 0), ("getEntriesByType", 1), ("getEntriesByName", 1),
        ("clearMarks", 0), ("clearMeasures", 0),
    ]

    /// Fills `performance`: `now()`, `timeOrigin` and `toJSON()` over the loop's clock, as the
    /// browser's (whose members are on `Performance.prototype`; here they are the object's own),
    /// and User Timing's functions, whose module loads on the first call of one.
    private func fillPerformance() {
        guard let host, !isClosed, let performance = performanceObject else { return }
        do {
            // (The functions hold the loop weakly: the engine frees them only when it collects them.)
            weak let loop = host.loop
            let origin = timeOrigin
            let now = NativeFunction.makeBuiltin(name: "now", length: 0, in: script) { _ in .number((loop?.now ?? origin) - origin) }
            try performance.defineProperty("now", now, enumerable: true)
            let getter = NativeFunction.makeBuiltin(name: "get timeOrigin", length: 0, in: script) { _ in .number((loop?.epoch ?? 0) + origin) }
            let descriptor = script.object(prototype: nil)
            try descriptor.setProperty("get", getter)
            try descriptor.setProperty("enumerable", script.boolean(true))
            try descriptor.setProperty("configurable", script.boolean(true))
            try builtin("ReflectDefineProperty").call([performance, script.string("timeOrigin"), descriptor])
            let toJSON = NativeFunction.makeBuiltin(name: "toJSON", length: 0, in: script) { [weak self] _ in
                guard let self else { return .undefined }
                let object = script.object()
                try object.setProperty("timeOrigin", script.number((loop?.epoch ?? 0) + origin))
                return .value(object)
            }
            try performance.defineProperty("toJSON", toJSON, enumerable: true)
            // User Timing (js/39_user_timing.js, loaded on the first call of one of these).
            for (name, length) in Self.userTimingFunctions {
                let function = LazyObject.make(.function(name: name, length: length), in: script,
                                               fill: lazyFill("user_timing"), target: implementation("performance." + name))
                try performance.defineProperty(name, function, enumerable: true)
            }
            try performance.defineProperty(key: builtin("SymbolToStringTag"), script.string("Performance"), writable: false, enumerable: false)
        } catch {
            host.emit(.error, "exthost could not make the performance object of \(displayName): \(error)", from: self, isUncaught: true)
        }
    }
}
