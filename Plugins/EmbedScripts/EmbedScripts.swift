import Foundation
import PackagePlugin

/// Embeds the package's `js/*.js` files into the target as string constants (`EmbeddedScripts`),
/// so the `exthost` binary carries its JavaScript with it and needs no resource bundle at run time.
@main
struct EmbedScripts: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        let scriptsDirectory = context.package.directoryURL.appending(path: "js")
        let names = try FileManager.default.contentsOfDirectory(atPath: scriptsDirectory.path)
            .filter { $0.hasSuffix(".js") }
            .sorted()
        let inputs = names.map { scriptsDirectory.appending(path: $0) }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedScripts.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(names.count) scripts from js/",
                executable: try context.tool(named: "EmbedScriptsTool").url,
                arguments: [output.path] + inputs.map(\.path),
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }
}
