import Foundation

/// A parsed `manifest.json`, accepted and interpreted exactly as the flavor's browser does.
///
/// ```swift
/// let manifest = try Manifest.parse(data, file: "ext/manifest.json", flavor: .chrome)
/// manifest.background                     // .serviceWorker("sw.js", module: false)
/// manifest.matchingContentScripts(url: "https://example.com/", isTopFrame: true)
/// ```
///
/// Unknown keys are kept (browsers only warn about them) and show up in ``rawJSON``. Keys a browser ignores for the
/// manifest version (for example Chrome's MV2-only `background.scripts` in an MV3 manifest) produce
/// ``warnings`` rather than errors, as in the browser. `__MSG_…__` placeholders are not localized here.
public struct Manifest: Sendable {
    /// Whose rules the manifest was read with.
    public let flavor: Flavor
    /// The file name given to ``parse(_:file:flavor:)``, used in errors.
    public let file: String
    /// `manifest_version`: 2 or 3 (Chrome also reads higher versions, with a warning). Chromium 156 reads
    /// version 2 but refuses to install it: ``checkFiles(in:)`` says so.
    public let manifestVersion: Int
    /// `name`.
    public let name: String
    /// `version`.
    public let version: String
    /// `description`.
    public let description: String?
    /// The `background` keys as declared.
    public let declaredBackground: DeclaredBackground?
    /// The background this flavor's browser runs (see ``DeclaredBackground/background(for:manifestVersion:)``).
    public let background: Background?
    /// Whether the background page stays alive (MV2 `persistent`, default true); false for MV3 and service workers.
    public let isPersistentBackground: Bool
    /// `content_scripts`, in manifest order.
    public let contentScripts: [ContentScriptEntry]
    /// Whether the extension has a toolbar button: `action` in MV3, `browser_action` in MV2.
    public let hasAction: Bool
    /// The page the toolbar button opens as its popup (`action.default_popup`; `browser_action.default_popup`
    /// in manifest version 2), a path inside the extension; nil when it opens none (then a click is
    /// `action.onClicked`).
    public let actionPopup: String?
    /// The options page (`options_ui` or `options_page`), if the extension has one.
    public let optionsPage: OptionsPage?
    /// `devtools_page`: the page, a path inside the extension, that each DevTools window loads for
    /// the extension while it is open; nil when the extension has none.
    public let devtoolsPage: String?
    /// Who may message the extension from outside it (`externally_connectable`; Chromium only).
    public let externallyConnectable: ExternallyConnectable?
    /// API permissions from `permissions` (host patterns excluded), as written.
    public let permissions: [String]
    /// Host permissions as written: MV3 `host_permissions`, or the host patterns in MV2 `permissions`.
    /// Invalid ones are left out, with a warning, as the browsers do.
    public var hostPermissions: [String] { hostPermissionPatterns.map(\.pattern) }
    /// ``hostPermissions`` parsed (with ``MatchPattern/Scope/hostPermissions``).
    public let hostPermissionPatterns: [MatchPattern]
    /// `key`: the base64 DER public key Chrome derives the extension id from.
    public let key: String?
    /// Firefox's add-on id: `browser_specific_settings.gecko.id`, else `applications.gecko.id`.
    public let geckoID: String?
    /// `default_locale`.
    public let defaultLocale: String?
    /// Every file the manifest names (scripts, pages, style sheets, icons), with where it names them;
    /// ``checkFiles(in:)`` checks them against the extension directory.
    public let fileReferences: [ManifestFileReference]
    /// Where some top-level keys' values are (`manifest_version`, `default_locale`), for errors found after parsing.
    let keyPositions: [String: ManifestJSON.Position]
    /// The whole manifest as strict JSON text (comments removed, every key kept), which is what
    /// `runtime.getManifest()` returns once parsed. Chrome's keys are in sorted order (its dictionaries are
    /// sorted), Firefox's in file order.
    public let rawJSON: String
    /// What the browser would warn about while loading the manifest, in its words.
    public let warnings: [String]

    /// Reads `data` as `flavor`'s browser reads `manifest.json`.
    ///
    /// - Parameters:
    ///   - data: The bytes of `manifest.json`.
    ///   - file: The file's name or path, used in error messages.
    ///   - flavor: The browser to behave as.
    /// - Throws: ``ManifestError`` with the browser's message and where in the file the problem is.
    public static func parse(_ data: Data, file: String, flavor: Flavor) throws(ManifestError) -> Manifest {
        let root: ManifestJSON.Node
        do {
            root = try ManifestJSON.parse(data, flavor: flavor)
        } catch {
            throw ManifestError(
                file: file, line: error.position.line, column: error.position.column, key: nil,
                message: error.message,
                hint: flavor == .chrome
                    ? "manifest.json must be JSON; // and /* */ comments are allowed, trailing commas are not."
                    : "manifest.json must be JSON; // comments are allowed, /* */ comments and trailing commas are not."
            )
        }
        var parser = ManifestParser(file: file, flavor: flavor, root: root)
        return try parser.parse()
    }

    /// Memberwise initializer used by the parser.
    init(
        flavor: Flavor, file: String, manifestVersion: Int, name: String, version: String, description: String?,
        declaredBackground: DeclaredBackground?, isPersistentBackground: Bool, contentScripts: [ContentScriptEntry],
        hasAction: Bool, permissions: [String], hostPermissionPatterns: [MatchPattern], key: String?, geckoID: String?,
        defaultLocale: String?, fileReferences: [ManifestFileReference], rawJSON: String, warnings: [String],
        keyPositions: [String: ManifestJSON.Position] = [:], actionPopup: String? = nil, optionsPage: OptionsPage? = nil,
        devtoolsPage: String? = nil, externallyConnectable: ExternallyConnectable? = nil
    ) {
        self.flavor = flavor
        self.file = file
        self.manifestVersion = manifestVersion
        self.name = name
        self.version = version
        self.description = description
        self.declaredBackground = declaredBackground
        background = declaredBackground?.background(for: flavor, manifestVersion: manifestVersion)
        self.isPersistentBackground = isPersistentBackground
        self.contentScripts = contentScripts
        self.hasAction = hasAction
        self.actionPopup = actionPopup
        self.optionsPage = optionsPage
        self.devtoolsPage = devtoolsPage
        self.externallyConnectable = externallyConnectable
        self.permissions = permissions
        self.hostPermissionPatterns = hostPermissionPatterns
        self.key = key
        self.geckoID = geckoID
        self.defaultLocale = defaultLocale
        self.fileReferences = fileReferences
        self.keyPositions = keyPositions
        self.rawJSON = rawJSON
        self.warnings = warnings
    }

    /// The `content_scripts` entries that run in a document at `url`, in manifest order.
    ///
    /// See ``ContentScriptEntry/matches(url:isTopFrame:creatorURL:)`` for the parameters and the rules.
    public func matchingContentScripts(url: String, isTopFrame: Bool, creatorURL: String? = nil)
        -> [ContentScriptEntry]
    {
        contentScripts.filter { $0.matches(url: url, isTopFrame: isTopFrame, creatorURL: creatorURL) }
    }
}
