import Foundation

/// Checks a parsed manifest the way the flavor's browser does and builds the ``Manifest``.
///
/// Chrome's checks and messages come from `Extension::InitFromValue` and the manifest handlers
/// (extensions/common/extension.cc, manifest_constants.cc, background_info.cc, content_script_utils.cc,
/// `_manifest_features.json`); Firefox's from the manifest schema (toolkit/components/extensions/schemas/
/// manifest.json) as `Schemas.sys.mjs` words its errors, prefixed `Reading manifest: ` as `ExtensionData` does.
struct ManifestParser {
    typealias Node = ManifestJSON.Node

    let file: String
    let flavor: Flavor
    let root: Node
    private(set) var warnings: [String] = []
    /// Every file the manifest names, in the order the checks meet them.
    private(set) var fileReferences: [ManifestFileReference] = []

    init(file: String, flavor: Flavor, root: Node) {
        self.file = file
        self.flavor = flavor
        self.root = root
    }

    /// Adds a warning (the browser loads the extension and logs it).
    mutating func warn(_ message: String) {
        warnings.append(message)
    }

    // MARK: - Errors

    /// An error at `node` (or the start of the file).
    func failure(_ message: String, at node: Node?, key: String?, hint: String? = nil) -> ManifestError {
        let position = node?.position ?? ManifestJSON.Position(line: 1, column: 1)
        return ManifestError(
            file: file, line: position.line, column: position.column, key: key, message: message, hint: hint
        )
    }

    /// Firefox's schema error: `Reading manifest: Error processing <path>: <message>`.
    func geckoFailure(_ message: String, path: String, at node: Node?, hint: String? = nil) -> ManifestError {
        let prefix = path.isEmpty ? "" : "Error processing \(path): "
        return failure("Reading manifest: " + prefix + message, at: node, key: path.isEmpty ? nil : path, hint: hint)
    }

    /// Firefox's type mismatch message.
    func geckoTypeMismatch(expected: String, node: Node, path: String) -> ManifestError {
        geckoFailure("Expected \(expected) instead of \(node.summary)", path: path, at: node)
    }

    /// Notes that `node`, a string, names a file for `role`.
    mutating func noteFile(_ node: Node, role: ManifestFileReference.Role, key: String) {
        guard let path = node.string else { return }
        fileReferences.append(
            ManifestFileReference(path: path, role: role, key: key, line: node.position.line, column: node.position.column)
        )
    }

    /// The positions of the values of `manifest_version` and `default_locale`, for errors found after parsing.
    var keyPositions: [String: ManifestJSON.Position] {
        var positions: [String: ManifestJSON.Position] = [:]
        for key in ["manifest_version", "default_locale"] {
            if let node = root[key] { positions[key] = node.position }
        }
        return positions
    }

    // MARK: - Entry point

    mutating func parse() throws(ManifestError) -> Manifest {
        switch flavor {
        case .chrome: return try parseChromium()
        case .firefox: return try parseGecko()
        }
    }
}
