import BrowserModel
import JSEngine

// A browser restarted with the same profile (issue 11, item 1): what each extension keeps, and
// what it hears when the browser starts again.
extension ExtensionHost {
    /// Restarts the browser, as quitting it and starting it again with the same profile does:
    /// every context closes (nothing hears it: the browser is going away), then every tab and
    /// window; what lasts a session goes (`storage.session`, the toolbar button's values set by
    /// its API, Firefox's alarms, which it keeps in memory; Chromium keeps its alarms); the browser
    /// starts with one window showing `about:blank` (windows and tabs numbered from the start
    /// again), and each extension hears `runtime.onStartup`:
    /// a persistent background starts with it; a service worker or an event page starts only
    /// when it listens to `onStartup` (Chromium: a listener it ever added; Firefox: one added as
    /// it last started), and otherwise waits, stopped, for an event that wakes it.
    public func restartBrowser() {
        for instance in extensions {
            closeContexts(of: instance)
            instance.backgroundStarted = false
        }
        for tab in browser.orderedTabs.reversed() { removeTab(tab.id) }
        closeContextMenu()
        for instance in extensions {
            instance.storage = ExtensionStorage(reloading: instance.storage, flavor: options.flavor, policy: instance.managedPolicy)
            // (A persistent background's menu items lived in memory only: it makes them again.)
            if !ContextMenusAPI.hasLazyBackground(instance) { instance.clearMenuItems() }
            // (A new process counts the items made without an id from the start again.)
            instance.nextGeneratedMenuItemID = 0
            instance.actionButton = ActionButton(instance: instance, flavor: options.flavor)
            instance.registeredContentScripts.removeAll { !$0.persistAcrossSessions }
            if options.flavor == .firefox { stopAlarms(of: instance) }
        }
        // (Closing the last tabs closed their windows; a new process numbers them from the start.)
        if browser.windows.isEmpty, browser.tabs.isEmpty { browser.restart() }
        browserGeneration += 1
        nextFirefoxGeneratedMenuItemID = 0
        openFirstWindow()
        tabsAtBrowserStart = Set(browser.tabs.keys)
        for instance in extensions where instance.manifest.background != nil {
            // (An install or an update its background has not heard yet: it hears that instead.)
            guard instance.lifecycleEvent == nil else {
                loop.enqueue { [weak self, weak instance] in
                    guard let self, let instance, extensions.contains(where: { $0 === instance }) else { return }
                    startBackground(of: instance)
                }
                continue
            }
            startAtBrowserStart(instance)
        }
    }
}
