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
        guard kind != .driver, let host else { return [] }
        return owner.contentSecurityPolicies(contentScript: kind == .content, isolatedWorldOrigin: host.isolatedWorldOrigin)
    }

    /// The first policy that forbids evaluating strings as code, or nil when every one allows it.
    var policyForbiddingEval: ContentSecurityPolicy? {
        contentSecurityPolicies.first { !$0.allowsEval }
    }

    /// Turns `eval` and the `Function` constructors off when the context's policy forbids them,
    /// with the browser's message. (Firefox words a `Function` constructor's refusal apart,
    /// `call to Function() blocked by CSP`, and reports every refusal on the console; the engine
    /// has one message for both and tells no one, so js/01_eval_refusal.js puts refusing Proxies
    /// in their place first, and this switch stays underneath.)
    func applyContentSecurityPolicy() {
        guard let policy = policyForbiddingEval else { return }
        switch flavor {
        case .chrome:
            script.disableEval(message: Self.chromeEvalRefusal(policy) + "\".\n")
        case .firefox:
            script.disableEval(message: "call to eval() blocked by CSP")
        }
    }

    /// Chromium's words for a string it will not evaluate, up to the directive (its `EvalError`
    /// ends `".` and a line break there; its console report quotes the directive and goes on).
    static func chromeEvalRefusal(_ policy: ContentSecurityPolicy) -> String {
        "Evaluating a string as JavaScript violates the following Content Security Policy directive because "
            + "'unsafe-eval' is not an allowed source of script: \(policy.quotedScriptDirective ?? "")"
    }

    /// Firefox's console reports of one refused string, one per policy that forbids it, in order
    /// (js/01_eval_refusal.js makes them for `eval` and the constructors; a string timer, here).
    var firefoxEvalRefusalReports: [String] {
        contentSecurityPolicies.filter { !$0.allowsEval }.map {
            "Content-Security-Policy: The page’s settings blocked a JavaScript eval (script-src) from being executed because it "
                + "violates the following directive: “\($0.quotedScriptDirective ?? "")” (Missing 'unsafe-eval')"
        }
    }

    /// Firefox: a string timer it will not run is reported when it fires, each time.
    func reportRefusedStringTimer() {
        guard flavor == .firefox, let host else { return }
        for report in firefoxEvalRefusalReports { host.emit(.error, report, from: self) }
    }

    /// Whether a string given to `setTimeout` or `setInterval` runs as code here: in Firefox, in
    /// content scripts always and elsewhere where the policy allows `eval`; never in Chromium.
    var runsStringTimers: Bool {
        flavor == .firefox && (kind == .content || policyForbiddingEval == nil)
    }

    /// A string timer Chromium refuses: the first time in a context, each policy that forbids it is
    /// reported on the console, once.
    func refuseStringTimer() {
        guard flavor == .chrome, !hasReportedStringTimer, let host else { return }
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
