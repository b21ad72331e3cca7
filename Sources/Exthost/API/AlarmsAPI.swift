import BrowserModel
import JSEngine

/// `alarms` on the Swift side (js/59_alarms.js checks the arguments; recorded:
/// fixtures/conformance/alarms-basics): an extension's alarms, by name, each a timer on the
/// loop's clock (virtual by default, so an alarm an hour away fires at once in real time), that
/// fires `alarms.onAlarm` in the extension's background and pages. A periodic alarm is scheduled
/// again a period after the time it was due. The alarms are the extension's, not its
/// background's: they outlive a background that stops.
///
/// - `alarms.create [name?, {when?, delayInMinutes?, periodInMinutes?}]`: replaces an alarm of the
///   same name (`""` without one).
/// - `alarms.get [name?]`, `alarms.getAll []`, `alarms.clear [name?]`, `alarms.clearAll []`.
enum AlarmsAPI {
    static func register(in api: ExtensionAPI) {
        let contexts: Set<ContextKind> = [.background, .page, .driver]
        api.define("alarms.create", contexts: contexts) { host, request in
            let name = request.argument(0)?.stringValue ?? ""
            let info = request.argument(1)
            let when = info?["when"]?.doubleValue
            let delay = info?["delayInMinutes"]?.doubleValue
            let period = info?["periodInMinutes"]?.doubleValue
            if host.options.flavor == .chrome {
                if when == nil, delay == nil, period == nil {
                    request.fail("Must set at least one of when, delayInMinutes, or periodInMinutes.")
                    return
                }
                if when != nil, delay != nil {
                    request.fail("Cannot set both when and delayInMinutes.")
                    return
                }
            }
            // (Without `when` or a delay, the first is a period away; Firefox with neither fires at once.)
            let scheduled = when ?? host.wallNow + (delay ?? period ?? 0) * 60_000
            // (A period that is no positive finite number of minutes repeats nothing: the alarm fires once.)
            let repeating = period.flatMap { $0 > 0 && $0.isFinite ? $0 : nil }
            host.setAlarm(ExtensionAlarm(name: name, scheduledTime: scheduled, periodInMinutes: period, repeatingMinutes: repeating), of: request.instance)
            request.respond()
        }
        api.define("alarms.get", contexts: contexts) { host, request in
            let name = request.argument(0)?.stringValue ?? ""
            request.respond(request.instance.alarms[name].map { $0.alarm.json(flavor: host.options.flavor) })
        }
        api.define("alarms.getAll", contexts: contexts) { host, request in
            request.respond(.array(request.instance.alarmsInOrder.map { $0.json(flavor: host.options.flavor) }))
        }
        api.define("alarms.clear", contexts: contexts) { host, request in
            request.respond(.bool(host.clearAlarm(named: request.argument(0)?.stringValue ?? "", of: request.instance)))
        }
        api.define("alarms.clearAll", contexts: contexts) { host, request in
            let names = request.instance.alarmsInOrder.map(\.name)
            for name in names { _ = host.clearAlarm(named: name, of: request.instance) }
            request.respond(.bool(true))
        }
    }
}

/// One alarm of an extension (`alarms.Alarm`).
struct ExtensionAlarm {
    let name: String
    /// When it is next due, in milliseconds since 1970 on the loop's clock.
    var scheduledTime: Double
    /// Its period, for a periodic alarm, as given.
    let periodInMinutes: Double?
    /// The period it repeats with (none for a period that is no positive finite number).
    var repeatingMinutes: Double?
    /// The order it was made in among the extension's alarms (for `getAll`).
    var order = 0

    /// Its JSON as each browser gives it: Chromium's members sorted, with `periodInMinutes` only
    /// when periodic and `persistAcrossSessions`; Firefox's with `periodInMinutes` null.
    func json(flavor: Flavor) -> JSONValue {
        switch flavor {
        case .chrome:
            var members: [(String, JSONValue)] = [("name", .string(name))]
            if let periodInMinutes { members.append(("periodInMinutes", .number(periodInMinutes))) }
            members += [("persistAcrossSessions", .bool(true)), ("scheduledTime", .number(scheduledTime))]
            return .object(members)
        case .firefox:
            return .object([("name", .string(name)), ("scheduledTime", .number(scheduledTime)),
                            ("periodInMinutes", periodInMinutes.map(JSONValue.number) ?? .null)])
        }
    }
}

extension ExtensionInstance {
    /// Its alarms in the order they were made.
    var alarmsInOrder: [ExtensionAlarm] { alarms.values.map(\.alarm).sorted { $0.order < $1.order } }
}

extension ExtensionHost {
    /// Sets `alarm` for `instance`, replacing one of the same name.
    func setAlarm(_ alarm: ExtensionAlarm, of instance: ExtensionInstance) {
        _ = clearAlarm(named: alarm.name, of: instance)
        keep(place(alarm, of: instance), of: instance)
    }

    /// Puts `alarm` among `instance`'s alarms, last in their order, with its timer; returns it as placed.
    private func place(_ alarm: ExtensionAlarm, of instance: ExtensionInstance) -> ExtensionAlarm {
        var alarm = alarm
        alarm.order = instance.nextAlarmOrder
        instance.nextAlarmOrder += 1
        instance.alarms[alarm.name] = (alarm, scheduleAlarm(alarm, of: instance))
        return alarm
    }

    /// Clears the alarm `name` of `instance`: whether there was one.
    func clearAlarm(named name: String, of instance: ExtensionInstance) -> Bool {
        guard let (_, timer) = instance.alarms.removeValue(forKey: name) else { return false }
        if let timer { loop.cancelTimer(timer) }
        keep(nil, named: name, of: instance)
        return true
    }

    /// Cancels every alarm of `instance` (it was unloaded), keeping them in the profile.
    func stopAlarms(of instance: ExtensionInstance) {
        for (_, entry) in instance.alarms { if let timer = entry.timer { loop.cancelTimer(timer) } }
        instance.alarms.removeAll()
    }

    /// Chromium keeps an extension's alarms between sessions (`persistAcrossSessions: true`): in the
    /// profile, when the run keeps one. Firefox keeps them in memory only.
    private func keep(_ alarm: ExtensionAlarm?, named name: String? = nil, of instance: ExtensionInstance) {
        guard options.flavor == .chrome, let profile = options.profile, let name = alarm?.name ?? name else { return }
        profile.storeAlarm(extension: instance.id.runtimeID, name: name, alarm.map {
            Profile.StoredAlarm(name: $0.name, scheduledTime: $0.scheduledTime, periodInMinutes: $0.periodInMinutes, repeatingMinutes: $0.repeatingMinutes)
        })
    }

    /// Sets the alarms the profile kept for `instance` (Chromium), as they were: one whose time
    /// passed while the browser was closed fires at once.
    func restoreAlarms(of instance: ExtensionInstance) {
        guard options.flavor == .chrome, let profile = options.profile else { return }
        for kept in profile.storedAlarms(extension: instance.id.runtimeID) {
            _ = place(ExtensionAlarm(name: kept.name, scheduledTime: kept.scheduledTime, periodInMinutes: kept.periodInMinutes,
                                     repeatingMinutes: kept.repeatingMinutes), of: instance)
        }
    }

    /// A timer that fires `alarm` when it is due (at once if it is past; never if its time is no
    /// finite number).
    private func scheduleAlarm(_ alarm: ExtensionAlarm, of instance: ExtensionInstance) -> TimerID? {
        guard alarm.scheduledTime.isFinite else { return nil }
        return loop.startTimer(after: max(0, alarm.scheduledTime - wallNow)) { [weak self, weak instance] in
            guard let self, let instance, instance.alarms[alarm.name]?.alarm.order == alarm.order else { return }
            fireAlarm(alarm, of: instance)
        }
    }

    /// Fires `alarm`: `alarms.onAlarm` in the extension's background and pages, and a periodic
    /// alarm is set again for the first of its times after now (the periods it missed, as when the
    /// clock jumped, are skipped, as Chromium's AlarmManager skips them).
    private func fireAlarm(_ alarm: ExtensionAlarm, of instance: ExtensionInstance) {
        if let period = alarm.repeatingMinutes {
            var next = alarm
            // (No faster than ten times a second: a tinier period would keep the virtual clock from
            // moving on. The browsers hold a packed extension to 30 seconds; an unpacked one's
            // recorded 0.6 s period is kept.)
            let step = max(period * 60_000, 100)
            let missed = max(0, ((wallNow - alarm.scheduledTime) / step).rounded(.down))
            next.scheduledTime = alarm.scheduledTime + (missed + 1) * step
            instance.alarms[alarm.name] = (next, scheduleAlarm(next, of: instance))
            keep(next, of: instance)
        } else {
            instance.alarms[alarm.name] = nil
            keep(nil, named: alarm.name, of: instance)
        }
        let details = alarm.json(flavor: options.flavor)
        for context in eventContexts(of: instance, for: ["alarms.onAlarm"]) { context.dispatchEvent("alarms.onAlarm", [details]) }
    }
}
