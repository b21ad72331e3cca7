import BrowserModel
import Foundation

// MARK: - The zoom of tabs, with the events each browser fires.
//
// Recorded in both browsers (tabs-highlight-zoom-discard):
// - Chromium keeps a zoom per host unless a tab's scope is `per-tab`; a zoom factor goes through
//   Chromium's zoom level (log base 1.2) and back, as `10` comes back `10.000000000000004`; any
//   change of a tab's zoom or settings tells every other tab of its host zoomed per origin of its
//   zoom as it is (old and new the same), then the tab of its change. It takes any factor.
// - Firefox zooms the tab alone, between 0.2 and 5, tells of a change only, and takes no other
//   settings than the ones it has.
extension ExtensionHost {
    /// The zoom factor of a tab.
    func zoomFactor(ofTab tabID: Int) -> Double {
        let host = browser.tab(tabID).flatMap { WebURL(string: $0.url)?.host } ?? ""
        return browser.zoom.factor(ofTab: tabID, host: host, perTabOnly: options.flavor == .firefox)
    }

    /// A zoom factor as Chromium keeps it: as a zoom level, log base 1.2 of the factor, and back.
    static func chromiumZoomFactor(_ factor: Double) -> Double {
        pow(1.2, log(factor) / log(1.2))
    }

    /// The `zoomSettings` of `tabs.onZoomChange` and `getZoomSettings` (`full`: with the default
    /// factor, as `getZoomSettings` and Firefox's events give it).
    func zoomSettingsObject(ofTab tabID: Int, full: Bool) -> JSONValue {
        let settings = browser.zoom.settings(ofTab: tabID)
        switch options.flavor {
        case .chrome:
            return .object((full ? [("defaultZoomFactor", .int(1))] : []) + [("mode", .string(settings.mode)), ("scope", .string(settings.scope))])
        case .firefox:
            return .object([("mode", .string("automatic")), ("scope", .string("per-origin")), ("defaultZoomFactor", .int(1))])
        }
    }

    /// Sets the zoom of tab `tabID` to `factor` (0: the default), or changes its settings, then
    /// tells of it as the browser does.
    func changeZoom(ofTab tabID: Int, to factor: Double?, settings: PageZoom.Settings? = nil) {
        guard let tab = browser.tab(tabID) else { return }
        let host = WebURL(string: tab.url)?.host ?? ""
        let old = zoomFactor(ofTab: tabID)
        if let settings {
            // (Settings the tab has already change nothing and tell nothing: ZoomController::SetZoomMode.)
            if settings == browser.zoom.settings(ofTab: tabID), factor == nil { return }
            // (A tab kept per tab from now on keeps the zoom it has; a disabled one is at 1.)
            if settings.scope == "per-tab" { browser.zoom.factorByTab[tabID] = settings.mode == "disabled" ? nil : old }
            browser.zoom.settingsByTab[tabID] = settings == PageZoom.Settings() ? nil : settings
        }
        if let factor {
            // (Chromium takes a factor of 0 or less as the default.)
            let value = factor <= 0 ? 1 : (options.flavor == .chrome ? Self.chromiumZoomFactor(factor) : factor)
            if options.flavor == .firefox || browser.zoom.settings(ofTab: tabID).scope == "per-tab" {
                browser.zoom.factorByTab[tabID] = value == 1 ? nil : value
            } else {
                browser.zoom.factorByHost[host] = value == 1 ? nil : value
            }
        }
        let new = zoomFactor(ofTab: tabID)
        switch options.flavor {
        case .chrome:
            // (Every other tab of the host zoomed per origin hears of its zoom as it is.)
            for other in browser.orderedTabs where other.id != tabID && WebURL(string: other.url)?.host == host
                && browser.zoom.settings(ofTab: other.id).scope == "per-origin" {
                let current = zoomFactor(ofTab: other.id)
                fireZoomChange(other.id, old: current, new: current)
            }
            fireZoomChange(tabID, old: old, new: new)
        case .firefox:
            // (A reset to the default is told of a hop later, after the answer: recorded.)
            guard old != new else { break }
            if factor == 0 {
                crossProcess { [weak self] in self?.fireZoomChange(tabID, old: old, new: new) }
            } else {
                fireZoomChange(tabID, old: old, new: new)
            }
        }
    }

    /// `tabs.onZoomChange` with `{tabId, oldZoomFactor, newZoomFactor, zoomSettings}` (Chromium's
    /// keys in order).
    private func fireZoomChange(_ tabID: Int, old: Double, new: Double) {
        let settings = zoomSettingsObject(ofTab: tabID, full: options.flavor == .firefox)
        let info: JSONValue = switch options.flavor {
        case .chrome:
            .object([("newZoomFactor", .number(new)), ("oldZoomFactor", .number(old)), ("tabId", .int(tabID)), ("zoomSettings", settings)])
        case .firefox:
            .object([("tabId", .int(tabID)), ("oldZoomFactor", .number(old)), ("newZoomFactor", .number(new)), ("zoomSettings", settings)])
        }
        dispatchToBackgrounds("tabs.onZoomChange") { _ in [info] }
    }
}
