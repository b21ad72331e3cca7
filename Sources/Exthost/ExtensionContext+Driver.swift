import JSEngine

// The `driver` natives: what a driver script's runtime (js/70_driver.js) asks of the browser. Each
// checks its arguments and hands the work to the host's ``TestDriver``; a call that finishes later
// takes a `settle(error, resultJSON)` function of the driver's realm, which the driver calls as a
// task of the driver context (``TestDriver/settle(_:error:result:)``).
extension ExtensionContext {
    /// Defines the `driver` natives on `object` (the driver context's `host.native.driver`).
    func defineDriverNatives(on object: ScriptValue) {
        // What the script does to the browser (not what it reads) shows on its lifeline in a trace.
        let actions: Set<String> = [
            "loadExtension", "loadInlineExtension", "unloadExtension", "uninstallExtension", "disableExtension", "enableExtension", "updateExtension", "restartBackground", "clickAction", "sendMessage", "replyTo",
            "openTab", "servePage", "activateTab", "navigateTab", "reloadTab", "closeTab", "sleep", "documentAction", "pageAction",
            "openPopup", "closePopup", "openOptionsPage", "command", "restartBrowser", "openContextMenu", "openActionMenu", "chooseMenuItem", "closeContextMenu",
        ]
        func define(_ name: String, _ body: @escaping (TestDriver, NativeCall) throws -> NativeResult) {
            let traced = actions.contains(name)
            try? object.setFunction(name) { [weak self] call in
                guard let self, !isClosed, kind == .driver, let host, let driver = host.driver else { return .undefined }
                if traced, let trace = host.trace {
                    let detail = (0..<4).compactMap { index -> String? in
                        let value = call.argument(index)
                        if value.isString { return value.stringValue }
                        return value.isNumber ? String(format: "%g", value.numberValue) : nil
                    }.joined(separator: " ")
                    trace.addBrowser(.apiCall, at: host.loop.now, context: self, title: "exthost." + name, detail: detail)
                }
                return try body(driver, call)
            }
        }
        let prefix = "driver."
        func settle(_ call: NativeCall, _ index: Int, _ name: String) throws -> ScriptValue {
            let function = call.argument(index)
            guard function.isFunction else { throw NativeArgumentError("\(prefix)\(name): argument \(index + 1) (settle) must be a function.") }
            return function
        }
        func handle(_ call: NativeCall, _ name: String) throws -> Int {
            try call.requiredInteger(0, prefix + name, "extension handle")
        }

        // Extensions.
        define("loadExtension") { driver, call in
            driver.loadExtension(path: try call.requiredString(0, prefix + "loadExtension", "path"), settle: try settle(call, 1, "loadExtension"))
            return .undefined
        }
        // (An inline extension's files: the JSON text of an object of paths and contents.)
        func files(_ call: NativeCall, _ index: Int, _ name: String) throws -> [(String, String)] {
            let files = try call.requiredString(index, prefix + name, "files JSON")
            guard case .object(let members)? = JSONValue.parse(files) else {
                throw NativeArgumentError("driver.\(name): argument \(index + 1) (files JSON) must be the JSON text of an object.")
            }
            var contents: [(String, String)] = []
            for (path, value) in members {
                guard let text = value.stringValue else {
                    throw NativeArgumentError("driver.\(name): file \(path) must be a string.")
                }
                contents.append((path, text))
            }
            return contents
        }
        define("loadInlineExtension") { driver, call in
            driver.loadInlineExtension(files: try files(call, 0, "loadInlineExtension"), settle: try settle(call, 1, "loadInlineExtension"))
            return .undefined
        }
        // updateExtension(handle, kind, source, settle): kind "same" (its folder read again),
        // "folder" (source: a path relative to the script) or "inline" (source: files JSON).
        define("updateExtension") { driver, call in
            let handle = try handle(call, "updateExtension")
            let kind = try call.requiredString(1, prefix + "updateExtension", "kind")
            let settle = try settle(call, 3, "updateExtension")
            switch kind {
            case "same": driver.updateExtension(handle: handle, source: .same, settle: settle)
            case "folder": driver.updateExtension(handle: handle, source: .folder(try call.requiredString(2, prefix + "updateExtension", "path")), settle: settle)
            case "inline": driver.updateExtension(handle: handle, source: .inline(try files(call, 2, "updateExtension")), settle: settle)
            default: throw NativeArgumentError("driver.updateExtension: argument 2 (kind) must be same, folder or inline.")
            }
            return .undefined
        }
        // (What is done to one extension, given its handle and settled once done.)
        let changes: [(String, (TestDriver) -> (Int, ScriptValue) -> Void)] = [
            ("uninstallExtension", { $0.uninstallExtension }), ("disableExtension", { $0.disableExtension }),
            ("enableExtension", { $0.enableExtension }), ("unloadExtension", { $0.unloadExtension }),
        ]
        for (name, change) in changes {
            define(name) { driver, call in
                change(driver)(try handle(call, name), try settle(call, 1, name))
                return .undefined
            }
        }
        define("restartBrowser") { driver, call in
            driver.restartBrowser(settle: try settle(call, 0, "restartBrowser"))
            return .undefined
        }
        define("restartBackground") { driver, call in
            driver.restartBackground(handle: try handle(call, "restartBackground"), settle: try settle(call, 1, "restartBackground"))
            return .undefined
        }
        define("clickAction") { driver, call in
            let tabID = try call.requiredInteger(1, prefix + "clickAction", "tab id")
            driver.clickAction(handle: try handle(call, "clickAction"), tabID: tabID < 0 ? nil : tabID, settle: try settle(call, 2, "clickAction"))
            return .undefined
        }
        define("command") { driver, call in
            .boolean(driver.fireCommand(handle: try handle(call, "command"), name: try call.requiredString(1, prefix + "command", "command name")))
        }
        define("actionButton") { driver, call in
            let tabID = try call.requiredInteger(1, prefix + "actionButton", "tab id")
            return .json(driver.actionButton(handle: try handle(call, "actionButton"), tabID: tabID < 0 ? nil : tabID))
        }
        define("sendMessage") { driver, call in
            let arguments = try call.requiredString(1, prefix + "sendMessage", "arguments JSON")
            guard case .array(let values)? = JSONValue.parse(arguments), !values.isEmpty else {
                throw NativeArgumentError("driver.sendMessage: argument 2 (arguments JSON) must be the JSON text of a non-empty array.")
            }
            try driver.sendMessage(handle: try handle(call, "sendMessage"), values)
            return .undefined
        }
        define("replyTo") { driver, call in
            let name = try call.requiredString(1, prefix + "replyTo", "name")
            let text = try call.requiredString(2, prefix + "replyTo", "reply")
            try driver.replyTo(handle: try handle(call, "replyTo"), name: name, text: text)
            return .undefined
        }
        define("awaitMessage") { driver, call in
            let name = try call.requiredString(1, prefix + "awaitMessage", "name")
            driver.awaitMessage(handle: try handle(call, "awaitMessage"), name: name, settle: try settle(call, 2, "awaitMessage"))
            return .undefined
        }

        // Tabs and pages.
        define("openTab") { driver, call in
            let url = try call.requiredString(0, prefix + "openTab", "url")
            let active = try call.requiredBoolean(1, prefix + "openTab", "active")
            driver.openTab(url: url, active: active, settle: try settle(call, 2, "openTab"))
            return .undefined
        }
        define("servePage") { driver, call in
            let url = try call.requiredString(0, prefix + "servePage", "url")
            let html = try call.requiredString(1, prefix + "servePage", "html")
            return .boolean(driver.servePage(url: url, html: html))
        }
        define("tab") { driver, call in
            .string(driver.tabJSON(try call.requiredInteger(0, prefix + "tab", "tab id")))
        }
        define("tabs") { driver, _ in .string(driver.tabsJSON()) }
        define("browserGeneration") { driver, _ in .number(Double(driver.host?.browserGeneration ?? 0)) }
        // The text the run's clipboard holds (its text/plain), or null.
        define("clipboardText") { driver, _ in driver.host?.clipboard.text.map { .string($0) } ?? .null }
        for name in ["activateTab", "reloadTab", "closeTab"] {
            define(name) { driver, call in
                let tabID = try call.requiredInteger(0, prefix + name, "tab id")
                let settle = try settle(call, 1, name)
                switch name {
                case "activateTab": driver.activateTab(tabID, settle: settle)
                case "reloadTab": driver.navigateTab(tabID, to: nil, settle: settle)
                default: driver.closeTab(tabID, settle: settle)
                }
                return .undefined
            }
        }
        // Pages: what a person does to a tab's frame or to a popup, and the popup itself.
        func documentAction(_ call: NativeCall, _ index: Int, _ name: String) throws -> DocumentAction {
            let word = try call.requiredString(index, prefix + name, "action")
            guard let action = DocumentAction(rawValue: word) else { throw NativeArgumentError("\(prefix)\(name): no action \(word).") }
            return action
        }
        define("documentAction") { driver, call in
            .string(driver.documentAction(
                tabID: try call.requiredInteger(0, prefix + "documentAction", "tab id"),
                frameID: try call.requiredInteger(1, prefix + "documentAction", "frame id"),
                action: try documentAction(call, 2, "documentAction"),
                selector: try call.requiredString(3, prefix + "documentAction", "selector"),
                text: try call.requiredString(4, prefix + "documentAction", "text")))
        }
        // The context menu a person opens on a tab's frame, what it shows, a choice in it, its closing.
        define("openContextMenu") { driver, call in
            .string(driver.openContextMenu(
                tabID: try call.requiredInteger(0, prefix + "openContextMenu", "tab id"),
                frameID: try call.requiredInteger(1, prefix + "openContextMenu", "frame id"),
                selector: try call.requiredString(2, prefix + "openContextMenu", "selector")))
        }
        define("openActionMenu") { driver, call in
            .string(driver.openActionMenu(handle: try handle(call, "openActionMenu")))
        }
        define("contextMenuEntries") { driver, _ in
            .string((driver.host?.contextMenuEntries() ?? .null).jsonText)
        }
        define("chooseMenuItem") { driver, call in
            let extensionID = call.argument(1).isString ? call.argument(1).stringValue : nil
            return .string(driver.chooseMenuItem(try call.requiredString(0, prefix + "chooseMenuItem", "item"), extensionID: extensionID))
        }
        define("closeContextMenu") { driver, _ in
            driver.host?.closeContextMenu()
            return .undefined
        }
        define("pageAction") { driver, call in
            .string(driver.pageAction(
                handle: try handle(call, "pageAction"), documentID: try call.requiredString(1, prefix + "pageAction", "document id"),
                action: try documentAction(call, 2, "pageAction"),
                selector: try call.requiredString(3, prefix + "pageAction", "selector"),
                text: try call.requiredString(4, prefix + "pageAction", "text")))
        }
        define("openPopup") { driver, call in
            driver.openPopup(handle: try handle(call, "openPopup"), settle: try settle(call, 1, "openPopup"))
            return .undefined
        }
        define("closePopup") { driver, call in
            driver.closePopup(handle: try handle(call, "closePopup"), settle: try settle(call, 1, "closePopup"))
            return .undefined
        }
        define("openOptionsPage") { driver, call in
            driver.openOptionsPage(handle: try handle(call, "openOptionsPage"), settle: try settle(call, 1, "openOptionsPage"))
            return .undefined
        }
        define("navigateTab") { driver, call in
            let tabID = try call.requiredInteger(0, prefix + "navigateTab", "tab id")
            let url = try call.requiredString(1, prefix + "navigateTab", "url")
            driver.navigateTab(tabID, to: url, settle: try settle(call, 2, "navigateTab"))
            return .undefined
        }

        // Console, message record and clock.
        define("consoleCount") { driver, _ in .number(Double(driver.consoleLines.count)) }
        define("consoleLines") { driver, call in
            .string(driver.consoleJSON(from: try call.requiredInteger(0, prefix + "consoleLines", "first index")))
        }
        define("nextConsoleLine") { driver, call in
            let from = try call.requiredInteger(0, prefix + "nextConsoleLine", "first index")
            let description = try call.requiredString(1, prefix + "nextConsoleLine", "description")
            let scope = try call.requiredInteger(2, prefix + "nextConsoleLine", "scope")
            return .number(Double(driver.nextConsoleLine(from: from, description: description, scope: scope, settle: try settle(call, 3, "nextConsoleLine"))))
        }
        define("setDeadline") { driver, call in
            let milliseconds = call.number(0)
            guard milliseconds > 0, milliseconds.isFinite else {
                throw NativeArgumentError("driver.setDeadline: argument 1 (milliseconds) must be a positive finite number.")
            }
            return .number(Double(driver.setDeadline(milliseconds)))
        }
        define("clearDeadline") { driver, call in
            driver.clearDeadline(try call.requiredInteger(0, prefix + "clearDeadline", "deadline"))
            return .undefined
        }
        define("messageCount") { driver, _ in .number(Double(driver.host?.messageRecord.count ?? 0)) }
        define("messages") { driver, call in
            .string(driver.messagesJSON(from: try call.requiredInteger(0, prefix + "messages", "first index")))
        }
        define("now") { driver, _ in .number(driver.host?.loop.now ?? 0) }
        define("sleep") { driver, call in
            let milliseconds = call.number(0)
            guard milliseconds.isFinite, milliseconds >= 0 else {
                throw NativeArgumentError("driver.sleep: argument 1 (milliseconds) must be a finite number, 0 or more.")
            }
            driver.sleep(milliseconds, settle: try settle(call, 1, "sleep"))
            return .undefined
        }

        // Scopes: what a test or a suite loaded and opened is unloaded and closed at its end.
        define("beginScope") { driver, _ in .number(Double(driver.beginScope())) }
        define("endScope") { driver, call in
            driver.endScope(try call.requiredInteger(0, prefix + "endScope", "scope"), settle: try settle(call, 1, "endScope"))
            return .undefined
        }

        // Results.
        define("started") { driver, call in
            driver.report(TestEvent(kind: .testStarted, context: .driver, url: driver.scriptURL, name: try call.requiredString(0, prefix + "started", "name")))
            return .undefined
        }
        define("finished") { driver, call in
            let name = prefix + "finished"
            var event = TestEvent(
                kind: .testFinished, context: .driver, url: driver.scriptURL, name: try call.requiredString(0, name, "name"),
                passed: try call.requiredBoolean(1, name, "passed"),
                message: try call.optionalString(3, name, "message"), detail: try call.optionalString(4, name, "detail"),
                expected: try call.optionalString(6, name, "expected"), actual: try call.optionalString(7, name, "actual"),
                location: try call.optionalString(5, name, "location"))
            if let directive = try call.optionalString(2, name, "directive") {
                guard let known = TestEvent.Directive(rawValue: directive) else {
                    throw NativeArgumentError("driver.finished: argument 3 (directive) must be skip, todo or null, not \(directive).")
                }
                event.directive = known
            }
            driver.report(event)
            return .undefined
        }
        define("log") { driver, call in
            driver.report(TestEvent(kind: .log, context: .driver, url: driver.scriptURL, message: try call.requiredString(0, prefix + "log", "message")))
            return .undefined
        }
        define("finish") { driver, _ in
            driver.isFinished = true
            return .undefined
        }
    }
}
