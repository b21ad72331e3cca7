import Foundation

extension Manifest {
    /// Checks the files the manifest names against the extension directory, as the flavor's browser does
    /// when it loads the extension, and refuses what that browser refuses to install.
    ///
    /// Chromium 156 (as recorded in fixtures/manifests), in its order:
    /// 1. the background: the service worker (read through its URL, so `../bg.js` is the `bg.js` inside)
    ///    must be a file: `Could not load background script ''.`; MV2 scripts and page likewise;
    /// 2. `_locales` and `default_locale` (see ``checkChromiumLocales(in:)``);
    /// 3. `icons`, then `action.default_icon`: `Could not load icon 'icon.png' specified in 'icons'.`;
    /// 4. content scripts, each entry's `js` then `css`: `Could not load javascript 'x.js' for script.`,
    ///    `Could not load css 'x.css' for script.` Only files whose name ends in `.js`/`.mjs` (scripts) or
    ///    `.css` (style sheets) are checked, and a path with a `..` part is not: Chromium loads such an
    ///    extension but never runs that entry (``ContentScriptEntry`` runs are filtered by
    ///    ``contentScriptEntryRuns(_:)``);
    /// 5. `options_page` / `options_ui.page`, read through its URL: `Could not load options page 'o.html'.`;
    /// 6. manifest version 2: `Cannot install extension because it uses an unsupported manifest version.`
    ///
    /// Firefox ESR 153 checks only the locales when it installs (see ``checkGeckoLocales(in:)``); a script it
    /// cannot read fails when it runs.
    ///
    /// - Parameter directory: The extension directory, holding `manifest.json`.
    /// - Throws: ``ManifestError`` with the browser's message, placed at the manifest text that names the file.
    public func checkFiles(in directory: URL) throws(ManifestError) {
        switch flavor {
        case .chrome:
            try checkChromiumFiles(in: directory)
        case .firefox:
            try checkGeckoLocales(in: directory)
        }
    }

    /// Whether the flavor's browser ever runs the `content_scripts` entry at `index`: Chromium does not run
    /// an entry one of whose files it cannot name (a `..` part, fixtures/conformance/manifest-paths) or whose
    /// script or style sheet has a name it does not load (`cs.txt`).
    public func contentScriptEntryRuns(_ index: Int) -> Bool {
        guard flavor == .chrome else { return true }
        return fileReferences.allSatisfy { reference in
            switch reference.role {
            case .contentScript(let entry) where entry == index:
                return Self.chromiumChecksContentFile(reference, isScript: true)
            case .contentStyle(let entry) where entry == index:
                return Self.chromiumChecksContentFile(reference, isScript: false)
            default:
                return true
            }
        }
    }

    /// Whether Chromium 156 checks (and loads) a content script's file: one it can name, ending in `.js` or
    /// `.mjs` for a script and `.css` for a style sheet. Recorded: `nope.js` and `nope.mjs` missing are
    /// refused, `nope`, `nope.txt` and `etc/hostname` missing are loaded (and never run).
    static func chromiumChecksContentFile(_ reference: ManifestFileReference, isScript: Bool) -> Bool {
        guard let relative = reference.resolvedPath(flavor: .chrome) else { return false }
        let name = relative.split(separator: "/").last.map(String.init) ?? ""
        let suffix = name.split(separator: ".", omittingEmptySubsequences: false).dropFirst().last.map(String.init)
        return isScript ? (suffix == "js" || suffix == "mjs") : suffix == "css"
    }

    private func failure(_ message: String, at reference: ManifestFileReference, hint: String?) -> ManifestError {
        ManifestError(file: file, line: reference.line, column: reference.column, key: reference.key, message: message, hint: hint)
    }

    private func failure(_ message: String, atKey key: String, hint: String?) -> ManifestError {
        let position = keyPositions[key] ?? ManifestJSON.Position(line: 1, column: 1)
        return ManifestError(
            file: file, line: position.line, column: position.column, key: keyPositions[key] == nil ? nil : key,
            message: message, hint: hint
        )
    }

    /// What to do about a file the manifest names that is not there.
    private static func missingFileHint(_ reference: ManifestFileReference, relative: String?, directory: URL) -> String {
        guard let relative, !relative.isEmpty else {
            return "'\(reference.path)' names no file inside the extension directory \(directory.path): "
                + "name a file inside it, relative to it."
        }
        let place = directory.appendingPathComponent(relative).path
        let reading = relative == reference.path ? "" : " (Chromium reads '\(reference.path)' as '\(relative)')"
        return "'\(reference.path)'\(reading) is not a file at \(place): fix the path in the manifest or add the file."
    }

    private func checkChromiumFiles(in directory: URL) throws(ManifestError) {
        func exists(_ relative: String?) -> Bool {
            guard let relative else { return false }
            return ExtensionResourcePath.isFile(relative, in: directory, followingLinksOutside: true)
        }
        // 1. The background.
        for reference in fileReferences {
            let relative = reference.resolvedPath(flavor: .chrome)
            switch reference.role {
            case .serviceWorker where !exists(relative):
                throw failure(
                    "Could not load background script ''.", at: reference,
                    hint: "The service worker " + Self.missingFileHint(reference, relative: relative, directory: directory)
                )
            case .backgroundScript where !exists(relative):
                throw failure(
                    "Could not load background script '\(relative ?? reference.path)'.", at: reference,
                    hint: "The background script " + Self.missingFileHint(reference, relative: relative, directory: directory)
                )
            case .backgroundPage where !exists(relative):
                throw failure(
                    "Could not load background page ''.", at: reference,
                    hint: "The background page " + Self.missingFileHint(reference, relative: relative, directory: directory)
                )
            default:
                continue
            }
        }
        // 2. The locales.
        try checkChromiumLocales(in: directory)
        // 3. Icons: `icons`, then the action's.
        for reference in fileReferences {
            let relative = reference.resolvedPath(flavor: .chrome)
            let owner: String
            switch reference.role {
            case .icon: owner = "icons"
            case .actionIcon: owner = "action"
            default: continue
            }
            if !exists(relative) {
                throw failure(
                    "Could not load icon '\(relative ?? reference.path)' specified in '\(owner)'.", at: reference,
                    hint: "The icon " + Self.missingFileHint(reference, relative: relative, directory: directory)
                )
            }
        }
        // 4. Content scripts.
        for reference in fileReferences {
            let isScript: Bool
            switch reference.role {
            case .contentScript: isScript = true
            case .contentStyle: isScript = false
            default: continue
            }
            guard Self.chromiumChecksContentFile(reference, isScript: isScript) else { continue }
            let relative = reference.resolvedPath(flavor: .chrome)
            if !exists(relative) {
                let kind = isScript ? "javascript" : "css"
                throw failure(
                    "Could not load \(kind) '\(relative ?? reference.path)' for script.", at: reference,
                    hint: "The content " + (isScript ? "script " : "style sheet ")
                        + Self.missingFileHint(reference, relative: relative, directory: directory)
                )
            }
        }
        // 5. The options page.
        for reference in fileReferences where reference.role == .optionsPage {
            let relative = reference.resolvedPath(flavor: .chrome)
            if !exists(relative) {
                throw failure(
                    "Could not load options page '\(relative ?? reference.path)'.", at: reference,
                    hint: "The options page " + Self.missingFileHint(reference, relative: relative, directory: directory)
                )
            }
        }
        // 6. Chromium 156 installs manifest version 3 only (fixtures/manifests/manifest-version-2).
        if manifestVersion == 2 {
            throw failure(
                "Cannot install extension because it uses an unsupported manifest version.", atKey: "manifest_version",
                hint: "Chromium 156 no longer runs manifest version 2 extensions; `--flavor firefox` runs this one "
                    + "as Firefox ESR 153 does, or move it to \"manifest_version\": 3 to run it as Chromium."
            )
        }
    }

    /// Chromium's `DefaultLocaleHandler::Validate` and `extension_l10n_util::ValidateExtensionLocales`:
    /// - `default_locale` without `_locales`: `Default locale was specified, but _locales subtree is missing.`
    /// - `_locales` (a folder or not) without `default_locale`, or without a folder for it:
    ///   `Localization used, but default_locale wasn't specified in the manifest.`
    /// - the default locale's folder without `messages.json`: `Catalog file is missing for locale en.`;
    ///   another locale's: `Messages file is missing for locale. /…/_locales/fr/messages.json`
    /// - a `messages.json` that is not JSON: `Invalid locale file '/…/messages.json': key must be a string at …`
    ///
    /// Locale folders are those with a locale's form of name (`en`, `pt_BR`, `zh_Hant_TW`); Chromium also
    /// requires ICU to know the locale, which this check does not (Chromium skips `xx_notalocale`).
    func checkChromiumLocales(in directory: URL) throws(ManifestError) {
        let locales = directory.appendingPathComponent("_locales")
        let hasLocales = FileManager.default.fileExists(atPath: locales.path)
        if defaultLocale != nil, !hasLocales {
            throw failure(
                "Default locale was specified, but _locales subtree is missing.", atKey: "default_locale",
                hint: "Add _locales/\(defaultLocale ?? "")/messages.json, or remove default_locale."
            )
        }
        guard hasLocales else { return }
        let folders = Self.localeFolders(in: locales)
        guard let defaultLocale, folders.contains(defaultLocale) else {
            let hint = defaultLocale.map { "There is no folder _locales/\($0)." }
                ?? "Add \"default_locale\" (e.g. \"en\") to the manifest, or remove the _locales folder."
            throw failure(
                "Localization used, but default_locale wasn't specified in the manifest.", atKey: "default_locale", hint: hint
            )
        }
        for locale in [defaultLocale] + folders.filter({ $0 != defaultLocale }) {
            let messages = locales.appendingPathComponent(locale).appendingPathComponent("messages.json")
            guard let data = FileContents.read(atPath: messages.path) else {
                throw failure(
                    locale == defaultLocale
                        ? "Catalog file is missing for locale \(locale)."
                        : "Messages file is missing for locale. \(messages.path)",
                    atKey: "default_locale", hint: "Add \(messages.path)."
                )
            }
            do {
                _ = try ManifestJSON.parse(data, flavor: .chrome)
            } catch {
                let detail = error.message.replacingOccurrences(of: "Manifest is not valid JSON.  ", with: "")
                let invalid = "Invalid locale file '\(messages.path)': "
                // Chromium names the file twice for a locale other than the default one.
                throw failure(
                    invalid + (locale == defaultLocale ? "" : invalid) + detail, atKey: "default_locale",
                    hint: "\(messages.path) must be JSON."
                )
            }
        }
    }

    /// The locale folders of `_locales`, sorted: folders whose name has a locale's form.
    static func localeFolders(in locales: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: locales.path)) ?? []
        return names.filter { name in
            var isDirectory: ObjCBool = false
            let path = locales.appendingPathComponent(name).path
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
                && isLocaleName(name)
        }.sorted()
    }

    /// Whether `name` has a locale's form: a language of 2–3 lower-case letters, then optionally a script
    /// (`_Hant`) and a region (`_BR`, `_419`).
    static func isLocaleName(_ name: String) -> Bool {
        let parts = name.split(separator: "_", omittingEmptySubsequences: false)
        guard let language = parts.first, (2...3).contains(language.count),
            language.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) }), parts.count <= 3
        else { return false }
        var rest = parts.dropFirst()
        if let script = rest.first, script.count == 4, script.first?.isUppercase == true,
            script.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("A"..."Z").contains($0) })
        {
            rest = rest.dropFirst()
        }
        guard let region = rest.first else { return true }
        guard rest.count == 1 else { return false }
        let isLetters = region.count == 2 && region.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) }
        let isDigits = region.count == 3 && region.unicodeScalars.allSatisfy { ("0"..."9").contains($0) }
        return isLetters || isDigits
    }

    /// Firefox's `ExtensionData` locale loading:
    /// - `_locales` without `default_locale`: `Reading manifest: The "default_locale" property is required when a
    ///   "_locales/" directory is present.`
    /// - the default locale's `messages.json` missing: `Loading locale file _locales/en/messages.json: Error:
    ///   Error while loading 'file:///…/_locales/en/messages.json' (NS_ERROR_FILE_NOT_FOUND)`; not JSON:
    ///   `Loading locale file _locales/en/messages.json: SyntaxError: JSON.parse: …`
    ///
    /// An empty `default_locale` is logged by Firefox but does not stop the install, so it is let through.
    func checkGeckoLocales(in directory: URL) throws(ManifestError) {
        let locales = directory.appendingPathComponent("_locales")
        var isDirectory: ObjCBool = false
        let hasLocales = FileManager.default.fileExists(atPath: locales.path, isDirectory: &isDirectory) && isDirectory.boolValue
        guard let defaultLocale else {
            if hasLocales {
                throw failure(
                    "Reading manifest: The \"default_locale\" property is required when a \"_locales/\" directory is present.",
                    atKey: "default_locale",
                    hint: "Add \"default_locale\" (e.g. \"en\") to the manifest, or remove the _locales folder."
                )
            }
            return
        }
        guard !defaultLocale.isEmpty else { return }
        let relative = "_locales/\(defaultLocale)/messages.json"
        let messages = directory.appendingPathComponent(relative)
        guard let data = FileContents.read(atPath: messages.path) else {
            throw failure(
                "Loading locale file \(relative): Error: Error while loading '\(messages.absoluteString)' (NS_ERROR_FILE_NOT_FOUND)",
                atKey: "default_locale", hint: "Add \(messages.path), or remove default_locale."
            )
        }
        do {
            _ = try ManifestJSON.parse(data, flavor: .firefox)
        } catch {
            throw failure(
                "Loading locale file \(relative): SyntaxError: \(error.message)", atKey: "default_locale",
                hint: "\(messages.path) must be JSON."
            )
        }
    }
}
