import BrowserModel
import JSEngine

/// `commands` on the Swift side (js/59_commands.js; recorded: fixtures/conformance/commands-getall):
/// the manifest's commands as each browser lists them (Chromium sorted by name, members sorted,
/// a missing description ""; Firefox in the manifest's order, a missing description null), and
/// Firefox's `update` and `reset` of a command. A driver fires a command (``ExtensionHost/fireCommand(_:of:)``).
enum CommandsAPI {
    static func register(in api: ExtensionAPI) {
        let contexts: Set<ContextKind> = [.background, .page, .driver]
        api.define("commands.getAll", contexts: contexts) { host, request in
            let flavor = host.options.flavor
            var list = request.instance.commands
            if flavor == .chrome { list.sort { $0.name < $1.name } }
            request.respond(.array(list.map { json($0, flavor: flavor) }))
        }
        api.define("commands.update", contexts: contexts) { host, request in
            guard let name = request.argument(0)?.stringValue, let index = request.instance.commands.firstIndex(where: { $0.name == name }) else {
                request.fail("Unknown command \"\(request.argument(0)?.stringValue ?? "")\"")
                return
            }
            let old = request.instance.commands[index].shortcut
            if let description = request.argument(1)?.stringValue { request.instance.commands[index].description = description }
            if let shortcut = request.argument(2)?.stringValue { request.instance.commands[index].shortcut = shortcut }
            request.respond()
            // (A changed shortcut is announced to the extension's background.)
            let new = request.instance.commands[index].shortcut
            if new != old {
                host.wakeBackground(of: request.instance, for: "commands.onChanged")?.dispatchEvent("commands.onChanged", [.object([
                    ("name", .string(name)), ("newShortcut", .string(new)), ("oldShortcut", .string(old)),
                ])])
            }
        }
        // (Firefox's add-ons manager, where a person changes shortcuts, in a new tab.)
        api.define("commands.openShortcutSettings", contexts: contexts) { host, request in
            guard let windowID = host.browser.lastFocusedWindowID else {
                request.fail("No browser window to open the shortcut settings in.")
                return
            }
            host.createTab(url: "about:addons", windowID: windowID, index: nil, active: true, openerTabID: nil)
            request.respond()
        }
        api.define("commands.reset", contexts: contexts) { host, request in
            guard let name = request.argument(0)?.stringValue, let index = request.instance.commands.firstIndex(where: { $0.name == name }),
                  let original = ManifestCommand.commands(inManifest: request.instance.localizedManifestJSON, flavor: host.options.flavor).first(where: { $0.name == name }) else {
                request.fail("Unknown command \"\(request.argument(0)?.stringValue ?? "")\"")
                return
            }
            request.instance.commands[index] = original
            request.respond()
        }
    }

    /// A command as `commands.getAll` gives it in `flavor`.
    static func json(_ command: ManifestCommand, flavor: Flavor) -> JSONValue {
        switch flavor {
        case .chrome:
            return .object([("description", .string(command.description ?? "")), ("name", .string(command.name)), ("shortcut", .string(command.shortcut))])
        case .firefox:
            return .object([("name", .string(command.name)), ("description", command.description.map(JSONValue.string) ?? .null),
                            ("shortcut", .string(command.shortcut))])
        }
    }
}

extension ExtensionHost {
    /// Fires the command `name` of `instance` as its shortcut would: `_execute_action` clicks the
    /// toolbar button; another command is `commands.onCommand` with its name and the active tab.
    /// Returns false when the extension has no such command.
    public func fireCommand(_ name: String, of instance: ExtensionInstance) -> Bool {
        guard instance.commands.contains(where: { $0.name == name }) else { return false }
        if name == "_execute_action" || name == "_execute_browser_action" {
            clickAction(of: instance)
            return true
        }
        crossProcess { [weak self, weak instance] in
            guard let self, let instance, let windowID = browser.lastFocusedWindowID, let tab = browser.activeTab(in: windowID) else { return }
            instance.grantActiveTab(tab.id)
            wakeBackground(of: instance, for: "commands.onCommand")?.dispatchEvent("commands.onCommand", [.string(name), tabObject(tab, for: instance)])
        }
        return true
    }
}
