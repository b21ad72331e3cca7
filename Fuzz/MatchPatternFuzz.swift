// libFuzzer target for `MatchPattern` (Chromium's `URLPattern` and Firefox's `MatchPattern`, hand-written) and
// `MatchTargetURL`, the URL reader it matches with (see scripts/fuzz). Compiled into the BrowserModel module with
// `swiftc -sanitize=fuzzer`.
//
// The input is `pattern` NUL `url`. The pattern is parsed by both flavors in every scope and, when valid, matched
// against the URL and against URLs built from the pattern itself. Besides not crashing, a pattern must keep the
// text it was written as, and `<all_urls>` must match whatever URL another pattern of an allowed scheme matches.

import Foundation

/// Runs one input; libFuzzer calls it for every input it tries.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let parts = bytes.split(separator: 0, maxSplits: 1, omittingEmptySubsequences: false)
    let text = String(decoding: parts[0], as: UTF8.self)
    let url = parts.count > 1 ? String(decoding: parts[1], as: UTF8.self) : "https://example.com/"
    _ = MatchTargetURL(url)?.spec
    for flavor in [Flavor.chrome, .firefox] {
        for scope in [MatchPattern.Scope.contentScripts, .hostPermissions, .anyScheme] {
            guard let pattern = try? MatchPattern(text, flavor: flavor, scope: scope) else { continue }
            guard pattern.pattern == text else { fatalError("\(text.debugDescription) became \(pattern.pattern)") }
            let candidates = [url, text, text.replacingOccurrences(of: "*", with: "x")]
            let allURLs = MatchPattern.allURLs(flavor: flavor, scope: scope)
            for candidate in candidates where pattern.matches(candidate) {
                guard let target = MatchTargetURL(candidate) else {
                    fatalError("\(text.debugDescription) matches \(candidate.debugDescription), which does not parse")
                }
                if let permitted = MatchPattern.permittedSchemes(flavor: flavor, scope: scope),
                    permitted.contains(target.scheme), !allURLs.matches(candidate)
                {
                    fatalError("\(text.debugDescription) matches \(candidate.debugDescription) and <all_urls> does not")
                }
            }
            _ = pattern.matchableSchemes
            _ = try? MatchPatternSet([text, "<all_urls>"], flavor: flavor, scope: scope).matches(url)
        }
    }
    return 0
}
