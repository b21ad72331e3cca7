import Foundation

/// A keyboard command of the manifest's `commands` (`commands.getAll`): its name, description
/// and the shortcut suggested for Linux (the platform's key, else `default`), in the manifest's
/// order.
public struct ManifestCommand: Sendable, Equatable {
    public let name: String
    /// Its description; nil when the manifest gives none (`_execute_action` needs none).
    public var description: String?
    /// The suggested shortcut (`Ctrl+Shift+Y`), or "" when none is suggested.
    public var shortcut: String

    /// The commands of the manifest text `rawJSON`, as `flavor` reads it.
    public static func commands(inManifest rawJSON: String, flavor: Flavor) -> [ManifestCommand] {
        guard let root = try? ManifestJSON.parse(Data(rawJSON.utf8), flavor: flavor), let members = root["commands"]?.members else { return [] }
        return members.map { member in
            let suggested = member.value["suggested_key"]
            let shortcut = suggested?["linux"]?.string ?? suggested?["default"]?.string ?? ""
            return ManifestCommand(name: member.key, description: member.value["description"]?.string, shortcut: shortcut)
        }
    }
}
