import BrowserModel
import JSEngine

/// The content security policy of a context (issue 9, item 5), as each browser applies it to
/// strings evaluated as code (fixtures/conformance/csp-eval, csp-eval-mv2, csp-eval-mv2-unsafe-eval):
/// `eval` and the `Function` constructors throw an `EvalError` with the browser's words when the
/// policy forbids them (JavaScriptCore's own switch, `JSGlobalContextSetEvalEnabled`), and a
/// string given to `setTimeout` or `setInterval` runs only where the browser runs it.
extension ExtensionContext {
    /// The policies in force in this context, in the order the browser checks them.
    var contentSecurityPolicies: [ContentSecurityPolicy] {
        // (A web page's policy would come with its response; the site mapping sends none.)
        guard kind != .driver, let owner, let host else { return [] }
        return owner.contentSecurityPolicies(contentScript: kind == .content, isolatedWorldOrigin: host.isolatedWorldOrigin)
    }

    /// The first policy that forbids evaluating strings as code, or nil when every one allows it.
    var policyForbiddingEval: ContentSecurityPolicy? {
        contentSecurityPolicies.first { !$0.allowsEval }
    }

    /// Turns `eval` and the `Function` constructors off when the context's policy forbids them,
    /// with the browser's message, before any script runs. (Firefox words a `Function`
    /// constructor's refusal apart, `call to Function() blocked by CSP`, and reports every refusal
    /// on the console; the engine's switch has one message for both and tells no one, so in Firefox
    /// refusing Proxies take their place first, and the switch stays underneath.)
    func applyContentSecurityPolicy() {
        guard let policy = policyForbiddingEval else { return }
        switch flavor {
        case .chrome:
            script.disableEval(message: Self.chromeEvalRefusal(policy) + "\".\n")
        case .firefox:
            script.disableEval(message: "call to eval() blocked by CSP")
            do {
                try installFirefoxRefusals()
            } catch {
                host?.emit(.error, "exthost could not put Firefox's refusals of eval in place in \(displayName): \(error)", from: self, isUncaught: true)
            }
        }
    }

    /// Firefox (fixtures/conformance/csp-eval, csp-eval-mv2, csp-eval-custom-policy): `eval` on the
    /// global, `Function` on the global and as `Function.prototype.constructor`, and the
    /// `constructor` of the async, generator and async generator functions' prototypes become
    /// Proxies of the originals (their `prototype`, `name` and `length` are the originals') whose
    /// every call reports the refusal once per forbidding policy, in a task of its own (after the
    /// script's own logs, as Firefox's reports come), and throws an `EvalError` of the context
    /// with Firefox's words. Made in Swift, with the built-ins js/00_0_builtins.js took: a module of
    /// JavaScript would cost every such context its code (~13 KiB, measured).
    private func installFirefoxRefusals() throws {
        guard let hostObject else { return }
        let plain = try hostObject.property("builtins").property("plain")
        let construct = try plain.property("ReflectConstruct")
        let proxyConstructor = try plain.property("Proxy")
        // (The traps hold the context weakly and find the built-ins they need when they run: a
        // trap's native body is freed only with its function, which the global's Proxies keep.)
        let makeTraps = { [script] (refusal: RefusedString) throws -> ScriptValue in
            // (`apply(target, this, arguments)`, `construct(target, arguments, newTarget)`.)
            let traps = script.object(prototype: nil)
            for (trap, argumentsIndex) in [("apply", 2), ("construct", 1)] {
                try traps.setProperty(trap, NativeFunction.make(name: trap, in: script) { [weak self] call in
                    guard let self else { return .undefined }
                    return try self.refuse(refusal, arguments: call.argument(argumentsIndex))
                })
            }
            return traps
        }
        let evalTraps = try makeTraps(.eval)
        let functionTraps = try makeTraps(.function)
        let proxy = { [script] (target: ScriptValue, traps: ScriptValue) throws -> ScriptValue in
            let arguments = script.parseJSON("[0, 0]")!
            try arguments.defineProperty(key: script.string("0"), target, writable: true, enumerable: true)
            try arguments.defineProperty(key: script.string("1"), traps, writable: true, enumerable: true)
            return try construct.call([proxyConstructor, arguments])
        }
        let global = script.global
        try global.defineProperty("eval", proxy(global.property("eval"), evalTraps), enumerable: false)
        let function = try global.property("Function")
        let refusedFunction = try proxy(function, functionTraps)
        try global.defineProperty("Function", refusedFunction, enumerable: false)
        try function.property("prototype").defineProperty("constructor", refusedFunction, enumerable: false)
        // (The prototype of each kind of function, found from a function of the kind: nothing a
        // script made runs yet. Their `constructor` is read-only and configurable.)
        let prototypes = try script.evaluate("[async function () {}, function* () {}, async function* () {}].map(Object.getPrototypeOf)",
                                             sourceURL: "\(HostModule.urlScheme)///content-security")
        let constructorKey = script.string("constructor")
        for index in 0..<3 {
            let prototype = try prototypes.property(String(index))
            try prototype.defineProperty(key: constructorKey, proxy(prototype.property("constructor"), functionTraps), writable: false, enumerable: false)
        }
    }

    /// What Firefox refuses to evaluate: a string given to `eval`, or a function constructor's.
    private enum RefusedString {
        case eval, function

        var words: String {
            switch self {
            case .eval: "call to eval() blocked by CSP"
            case .function: "call to Function() blocked by CSP"
            }
        }
    }

    /// A call of a refusing Proxy with `arguments` (the engine's own list: its length and elements
    /// are its own): `eval` of anything but a string gives it back unevaluated (ECMAScript's
    /// PerformEval asks the policy only for strings); a constructor's arguments are made strings
    /// first (a script's `toString` runs, and what it throws wins, as SpiderMonkey builds the
    /// function's text before it asks); then the refusal is reported and thrown.
    private func refuse(_ refusal: RefusedString, arguments: ScriptValue) throws -> NativeResult {
        let count = Int(try arguments.property("length").toNumber())
        switch refusal {
        case .eval:
            if count < 1 { return .undefined }
            let first = try arguments.property("0")
            if !first.isString { return .value(first) }
        case .function:
            for index in 0..<count { _ = try arguments.property(String(index)).toScriptString() }
        }
        queueRefusalReports()
        guard let hostObject else { return .undefined }
        let builtins = try hostObject.property("builtins")
        let construct = try builtins.property("plain").property("ReflectConstruct")
        let evalError = try builtins.property("cloned").property("5")
        let message = script.parseJSON("[\"\(refusal.words)\"]")!
        throw ThrownValue(value: try construct.call([evalError, message]))
    }

    /// Firefox reports a refused string, once per policy that forbids it, in a task of its own.
    func queueRefusalReports() {
        guard let host else { return }
        _ = host.loop.startTimer(after: 0, owner: id) { [weak self] in self?.emitRefusalReports() }
    }

    /// Chromium's words for a string it will not evaluate, up to the directive (its `EvalError`
    /// ends `".` and a line break there; its console report quotes the directive and goes on).
    static func chromeEvalRefusal(_ policy: ContentSecurityPolicy) -> String {
        "Evaluating a string as JavaScript violates the following Content Security Policy directive because "
            + "'unsafe-eval' is not an allowed source of script: \(policy.quotedScriptDirective ?? "")"
    }

    /// Firefox's console reports of one refused string, one per policy that forbids it, in order.
    var firefoxEvalRefusalReports: [String] {
        contentSecurityPolicies.filter { !$0.allowsEval }.map {
            "Content-Security-Policy: The page’s settings blocked a JavaScript eval (script-src) from being executed because it "
                + "violates the following directive: “\($0.quotedScriptDirective ?? "")” (Missing 'unsafe-eval')"
        }
    }

    /// Firefox: a refused string (`eval`, a constructor, a string timer) is reported once per
    /// policy that forbids it.
    func emitRefusalReports() {
        guard flavor == .firefox, let host else { return }
        for report in firefoxEvalRefusalReports { host.emit(.error, report, from: self) }
    }

    /// Whether a string given to `setTimeout` or `setInterval` runs as code here: in Firefox, in
    /// content scripts always and elsewhere where the policy allows `eval`; never in Chromium.
    var runsStringTimers: Bool {
        flavor == .firefox && (kind == .content || policyForbiddingEval == nil)
    }

    /// A string timer refused: Chromium reports each policy that forbids it on the console the
    /// first time in a context; Firefox reports every refusal, as it does `eval`'s.
    func refuseStringTimer() {
        if flavor == .firefox {
            queueRefusalReports()
            return
        }
        guard !hasReportedStringTimer, let host else { return }
        hasReportedStringTimer = true
        for policy in contentSecurityPolicies where !policy.allowsEval {
            host.emit(.error, "Evaluating a string as JavaScript violates the following Content Security Policy directive because "
                + "'unsafe-eval' is not an allowed source of script: \"\(policy.quotedScriptDirective ?? "")\".\n The action has been blocked.", from: self)
        }
    }
}

extension ExtensionInstance {
    /// The policies of the extension's own contexts or of its content scripts (read from the
    /// manifest once for each).
    func contentSecurityPolicies(contentScript: Bool, isolatedWorldOrigin: String) -> [ContentSecurityPolicy] {
        if let made = madePolicies[contentScript] { return made }
        let made = manifest.contentSecurityPolicies(contentScript: contentScript, isolatedWorldOrigin: isolatedWorldOrigin)
        madePolicies[contentScript] = made
        return made
    }
}
