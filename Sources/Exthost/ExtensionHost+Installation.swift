import BrowserModel
import JSEngine

// The extensions a browser has installed, running or disabled, and the changes to that set that
// other extensions hear of through `management` (issue 11, items 1 and 2): installs, disables
// and enables (a driver's or `management.setEnabled`), uninstalls. Recorded:
// fixtures/conformance/management-basics, management-set-enabled.
extension ExtensionHost {
    /// A change to the set of installed extensions, as `management`'s events tell it.
    enum InstallationChange {
        case installed, enabled, disabled, uninstalled
    }

    /// Every installed extension, running or disabled, in the order its browser lists them
    /// (`management.getAll`): Chromium by id, Firefox as they were installed.
    var installedExtensions: [ExtensionInstance] {
        let all = extensions + disabledExtensions
        switch options.flavor {
        case .chrome: return all.sorted { $0.id.runtimeID < $1.id.runtimeID }
        case .firefox: return all.sorted { $0.installNumber < $1.installNumber }
        }
    }

    /// The installed extension (running or disabled) whose `runtime.id` is `id`.
    func installedExtension(_ id: String) -> ExtensionInstance? {
        extensions.first { $0.id.runtimeID == id } ?? disabledExtensions.first { $0.id.runtimeID == id }
    }

    /// Whether `instance` is installed but disabled.
    func isDisabled(_ instance: ExtensionInstance) -> Bool {
        disabledExtensions.contains { $0 === instance }
    }

    /// Disables an extension, as a person switching it off in the browser's extensions page (or
    /// another extension's `management.setEnabled(id, false)`) does: it is unloaded (its contexts
    /// close, the tabs of its pages too), keeps its `storage.local` and `sync` and, in Chromium,
    /// its alarms, and is listed as disabled; messages to it find no receiver.
    public func disableExtension(_ instance: ExtensionInstance) {
        guard extensions.contains(where: { $0 === instance }) else { return }
        let keptAlarms = options.flavor == .chrome ? instance.alarmsInOrder : []
        unloadExtension(instance)
        closeTabsOfPages(of: instance)
        instance.alarmsKeptWhileDisabled = keptAlarms
        disabledExtensions.append(instance)
        announce(.disabled, of: instance)
    }

    /// Enables a disabled extension again: its files are read again and it starts as after a
    /// browser start, hearing neither `runtime.onInstalled` nor `onStartup` (recorded), with the
    /// storage it kept. Files that no longer load leave it disabled.
    ///
    /// - Returns: the extension running again (a new ``ExtensionInstance``), or nil when it was
    ///   not disabled.
    @discardableResult
    public func enableExtension(_ instance: ExtensionInstance) -> ExtensionInstance? {
        guard let index = disabledExtensions.firstIndex(where: { $0 === instance }) else { return nil }
        // (Its id is its own: files that now name another id do not enable it.)
        guard let enabled = try? ExtensionInstance(directory: instance.directory, identity: instance.identity, flavor: options.flavor),
              enabled.id.runtimeID == instance.id.runtimeID else { return nil }
        disabledExtensions.remove(at: index)
        enabled.profile = options.profile
        enabled.installNumber = instance.installNumber
        enabled.managedPolicy = instance.managedPolicy
        enabled.storage = ExtensionStorage(reloading: instance.storage, flavor: options.flavor, policy: enabled.managedPolicy)
        enabled.uninstallURL = instance.uninstallURL
        extensions.append(enabled)
        for alarm in instance.alarmsKeptWhileDisabled { setAlarm(alarm, of: enabled) }
        // (Both browsers read the items of a background that stops when idle back as it loads.)
        if ContextMenusAPI.hasLazyBackground(enabled) { enabled.takeMenuItems(of: instance) }
        // (The content scripts it registered to persist are read back as it loads; the others went.)
        enabled.registeredContentScripts = instance.registeredContentScripts.filter(\.persistAcrossSessions)
        extensionReplaced?(instance, enabled)
        startWhenQueued(enabled)
        announce(.enabled, of: enabled)
        return enabled
    }

    /// Uninstalls an extension (running or disabled), as a person removing it from the browser
    /// does: its contexts close and the tabs of its pages, what it kept goes (storage, alarms; in
    /// the profile too), and the page it set with `runtime.setUninstallURL` opens in a new tab of
    /// the focused window.
    ///
    /// - Returns: the id of the tab of the uninstall page, if one opened.
    @discardableResult
    public func uninstallExtension(_ instance: ExtensionInstance) -> Int? {
        let wasDisabled = isDisabled(instance)
        if let index = disabledExtensions.firstIndex(where: { $0 === instance }) {
            disabledExtensions.remove(at: index)
        } else {
            guard extensions.contains(where: { $0 === instance }) else { return nil }
            unloadExtension(instance)
            closeTabsOfPages(of: instance)
        }
        options.profile?.recordUninstalled(instance.id.runtimeID)
        // (Chromium tells of an uninstall as the extension's unloading: a disabled one is unloaded already.)
        if !(wasDisabled && options.flavor == .chrome) { announce(.uninstalled, of: instance) }
        guard let url = instance.uninstallURL, !url.isEmpty else { return nil }
        if browser.lastFocusedWindowID == nil { openFirstWindow() }
        guard let windowID = browser.lastFocusedWindowID else { return nil }
        return createTab(url: url, windowID: windowID, index: nil, active: true, openerTabID: nil)
    }

    /// Leaves `context`, a content script of an extension that went away, running in its page as
    /// Chromium leaves it (recorded: content-script-orphaned): its timers and the page's events go
    /// on; its ports hear `onDisconnect` (their other side closed); what it calls of its extension
    /// API meanwhile goes nowhere, unanswered; once its page has heard (a hop later), every API
    /// function throws "Extension context invalidated." and `runtime.id` is undefined. It closes
    /// with its frame or tab. (Firefox stops such a script at once: it closes.)
    func orphan(_ context: ExtensionContext) {
        context.isOrphaned = true
        orphanedContextIDs.append(context.id)
        crossProcess { [weak context] in
            guard let context, !context.isClosed else { return }
            context.invalidateExtension()
        }
    }

    /// Closes the orphaned content scripts in the frames of `tabID` (its page went away).
    func closeOrphans(inTab tabID: Int) {
        orphanedContextIDs.removeAll { self.context($0) == nil }
        for id in orphanedContextIDs {
            guard let context = context(id), context.tabID == tabID else { continue }
            context.close()
        }
        orphanedContextIDs.removeAll { self.context($0) == nil }
    }

    /// Tells the backgrounds of the extensions with the `management` permission what changed of
    /// `instance`, in the events and order of each browser, once the change has crossed to them.
    /// Chromium tells the others: `onEnabled` then `onInstalled` for an install, `onDisabled` for a
    /// disable or an uninstall (no `onUninstalled` came in the recording), `onEnabled`. Firefox
    /// tells every one, the installed extension itself too once it has started: `onInstalled`,
    /// `onEnabled`, `onDisabled`, and `onUninstalled` with what is left of its description.
    func announce(_ change: InstallationChange, of instance: ExtensionInstance) {
        let chrome = options.flavor == .chrome
        let events: [String]
        switch change {
        case .installed: events = chrome ? ["management.onEnabled", "management.onInstalled"] : ["management.onInstalled"]
        case .enabled: events = ["management.onEnabled"]
        case .disabled: events = ["management.onDisabled"]
        case .uninstalled: events = chrome ? ["management.onDisabled"] : ["management.onUninstalled"]
        }
        // (What the event says is what was true as the change happened.)
        let info: JSONValue
        switch (change, options.flavor) {
        case (.uninstalled, .chrome): info = ManagementAPI.info(of: instance, in: self, enabled: false)
        case (.uninstalled, .firefox): info = ManagementAPI.firefoxUninstalledInfo(of: instance)
        default: info = ManagementAPI.info(of: instance, in: self)
        }
        // (By its id: an uninstalled extension is gone by then.)
        let subject = instance.id.runtimeID
        crossProcess { [weak self] in
            guard let self else { return }
            for listener in extensions where listener.manifest.permissions.contains("management") && (!chrome || listener.id.runtimeID != subject) {
                for event in events {
                    wakeBackground(of: listener, for: event)?.dispatchEvent(event, [info])
                }
            }
        }
    }
}
