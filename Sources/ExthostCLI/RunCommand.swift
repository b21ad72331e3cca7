import ArgumentParser
import BrowserModel
import Exthost
import Foundation
import JSEngine

/// `exthost run`: loads an extension, opens pages, and prints what its scripts log.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run an unpacked extension and print what its scripts log.",
        discussion: """
            The browser starts with one window holding one tab. The first --open loads in that tab; \
            each later --open opens a new tab at the end of the window. Each becomes the active tab, \
            as when a person opens them. Pages come from --site folders; a URL no folder serves \
            loads as an empty page whose title is the URL.

            Time is virtual unless --real-time is given: timers fire at once, in order, and every run \
            is the same. The run ends when no work is left or --max-time seconds have passed.

            Exit status: 0 when no script threw or rejected uncaught, 1 when one did, 2 for bad input.

            Example:
              exthost run fixtures/mdn-tabs-connect \\
                --site http://127.0.0.1:8000=fixtures/site \\
                --open http://127.0.0.1:8000/index.html --click-action
            """
    )

    static let badInput = ExitCode(2)

    @Argument(help: "The extension's folder (the one holding manifest.json).", completion: .directory)
    var extensionDirectory: String

    @Option(name: .customLong("open"), help: ArgumentHelp("A URL to open, in order; repeat for more tabs.", valueName: "url"))
    var urls: [String] = []

    @Option(name: .customLong("site"), help: ArgumentHelp("Serve the files of DIR for URLs under ORIGIN, e.g. http://127.0.0.1:8000=fixtures/site. Repeatable.", valueName: "origin=dir"))
    var sites: [String] = []

    @Flag(name: .customLong("click-action"), help: "Click the extension's toolbar button on the active tab once the pages have loaded.")
    var clickAction = false

    @Option(help: "Which browser to behave as: chrome (Chromium 156) or firefox (Firefox ESR 153).")
    var flavor: Flavor = .chrome

    @Option(help: "How to print console output: text (readable) or jsonl (one JSON object a line).")
    var console: ConsoleFormat = .text

    @Option(name: .customLong("max-time"), help: ArgumentHelp("Stop after this many seconds of (virtual) time.", valueName: "seconds"))
    var maxTime: Double = 60

    @Flag(name: .customLong("real-time"), help: "Use the wall clock instead of virtual time: timers wait for real.")
    var realTime = false

    func validate() throws {
        guard maxTime > 0 else { throw ValidationError("--max-time must be a positive number of seconds.") }
    }

    func run() throws {
        let workingDirectory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
        var mappings: [SiteMapping] = []
        for site in sites {
            do {
                mappings.append(try SiteMapping(parsing: site, relativeTo: workingDirectory))
            } catch {
                fail("--site \(site): \(error)")
            }
        }
        let printer = ConsolePrinter(format: console, colored: console == .text && isatty(STDOUT_FILENO) == 1)
        let options = HostOptions(flavor: flavor, clockMode: realTime ? .real : .virtual, siteMap: SiteMap(mappings))
        let host = ExtensionHost(options: options) { printer.print($0) }
        do {
            try host.loadExtension(at: URL(fileURLWithPath: extensionDirectory, relativeTo: workingDirectory))
        } catch {
            fail(error.description)
        }
        host.run(maxTime: maxTime)
        for url in urls {
            let tabID = host.open(url)
            host.runUntilLoaded(tabID: tabID, maxTime: maxTime)
        }
        if clickAction {
            host.clickAction()
        }
        host.run(maxTime: maxTime)
        throw host.uncaughtErrorCount > 0 ? ExitCode(1) : ExitCode.success
    }

    private func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("exthost: error: \(message)\n".utf8))
        Foundation.exit(Self.badInput.rawValue)
    }
}

extension Flavor: ExpressibleByArgument {}

/// How `exthost run` prints console output.
enum ConsoleFormat: String, ExpressibleByArgument, CaseIterable {
    /// Readable lines, coloured on a terminal.
    case text
    /// One JSON object a line.
    case jsonl
}
