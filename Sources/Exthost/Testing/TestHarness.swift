import Foundation

/// Which browser's in-extension test harness the `test` namespace (`chrome.test`,
/// `browser.test`) follows.
///
/// The two harnesses share names but not rules: in Chromium's (`chrome.test`, its
/// `extensions/renderer/resources/test_custom_bindings.js`) a test ends when it calls
/// `succeed()` or `fail()` or when its last pending callback runs, and a test that returns
/// passes nothing; in Firefox's (`browser.test`, `toolkit/components/extensions/child/ext-test.js`)
/// a task ends when it returns or its promise settles, and checks are counted, not thrown. An
/// extension's tests are written for one of them, whichever browser they run in, so the harness
/// is chosen per run, not per flavor: by default from the name the extension's scripts use
/// (``detect(inExtensionAt:)``), else the flavor's own.
public enum TestHarness: String, Sendable, CaseIterable, Codable {
    /// Chromium's `chrome.test`.
    case chrome
    /// Firefox's `browser.test`.
    case firefox

    /// The harness the scripts of the extension at `directory` are written for: `chrome` when
    /// its `.js` files name `chrome.test` and none names `browser.test`, `firefox` the other way
    /// round, nil when they name both or neither (or the folder cannot be read).
    public static func detect(inExtensionAt directory: URL) -> TestHarness? {
        let names = namesUsed(inExtensionAt: directory)
        if names.chrome && names.browser { return nil }
        if names.chrome { return .chrome }
        if names.browser { return .firefox }
        return nil
    }

    /// Whether the extension's scripts name `chrome.test` or `browser.test`: whether it is a test
    /// `exthost test` runs.
    public static func isUsed(inExtensionAt directory: URL) -> Bool {
        let names = namesUsed(inExtensionAt: directory)
        return names.chrome || names.browser
    }

    private static func namesUsed(inExtensionAt folder: URL) -> (chrome: Bool, browser: Bool) {
        // (The enumerator does not enter a symbolic link it starts at.)
        let directory = folder.resolvingSymlinksInPath()
        var namesChrome = false
        var namesBrowser = false
        guard let files = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey, .fileSizeKey],
                                                         options: [.skipsHiddenFiles]) else { return (false, false) }
        var scanned = 0
        for case let file as URL in files where file.pathExtension == "js" || file.pathExtension == "mjs" {
            // (A bound on what a folder of a stray node_modules may cost.)
            scanned += 1
            if scanned > 5000 { break }
            let values = try? file.resourceValues(forKeys: [.isRegularFileKey, .fileSizeKey])
            // (An empty file names nothing; and Foundation's Data(contentsOf:) leaks a 4 KiB buffer
            // for one.)
            guard values?.isRegularFile == true, let size = values?.fileSize, size > 0, size <= 8 << 20,
                  let data = try? Data(contentsOf: file) else { continue }
            let text = String(decoding: data, as: UTF8.self)
            if !namesChrome, text.contains("chrome.test") { namesChrome = true }
            if !namesBrowser, text.contains("browser.test") { namesBrowser = true }
            if namesChrome && namesBrowser { break }
        }
        return (namesChrome, namesBrowser)
    }
}
