import ArgumentParser
import Foundation

/// `exthost`: runs browser extensions headlessly.
@main
struct ExthostCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exthost",
        abstract: "Run real browser extensions headlessly, in milliseconds, without a browser.",
        discussion: """
            exthost loads an unpacked extension (a folder with a manifest.json), runs its background \
            and content scripts unchanged in separate JavaScript contexts, and behaves as Chromium 156 \
            (--flavor chrome) or Firefox ESR 153 (--flavor firefox) do.
            """,
        version: "0.1.0",
        subcommands: [RunCommand.self, TestCommand.self, BenchCommand.self, BenchRunCommand.self, TestWorkerCommand.self]
    )

    /// Parses the command line and runs it; bad input exits with status 2, as documented.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                exit(withError: error)
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(RunCommand.badInput.rawValue)
        }
    }
}
