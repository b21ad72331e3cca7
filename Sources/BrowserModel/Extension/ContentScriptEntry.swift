/// One entry of `content_scripts` in a manifest, with the browser's rules for which documents it runs in.
public struct ContentScriptEntry: Sendable, Hashable {
    /// When the scripts run (`run_at`).
    public enum RunAt: String, Sendable, Hashable, CaseIterable {
        /// After the document element is created, before any other script runs.
        case documentStart = "document_start"
        /// Once the DOM is parsed (`DOMContentLoaded` time), before subresources finish.
        case documentEnd = "document_end"
        /// Between `document_end` and just after `load`; the default.
        case documentIdle = "document_idle"
    }

    /// The JavaScript world the scripts run in (`world`).
    public enum World: String, Sendable, Hashable, CaseIterable {
        /// The extension's isolated world; the default.
        case isolated = "ISOLATED"
        /// The page's own world.
        case main = "MAIN"
    }

    /// Whose rules this entry follows.
    public let flavor: Flavor
    /// `matches`: the document URL must match one of these.
    public let matches: MatchPatternSet
    /// `exclude_matches`: the document URL must match none of these.
    public let excludeMatches: MatchPatternSet
    /// `include_globs`, when declared: the URL must match one of them. In Chrome an empty list means no
    /// restriction; in Firefox a declared empty list matches nothing.
    public let includeGlobs: [Glob]?
    /// `exclude_globs`, when declared: the URL must match none of them.
    public let excludeGlobs: [Glob]?
    /// `js`: script files, relative to the extension root, in injection order.
    public let js: [String]
    /// `css`: style sheet files, relative to the extension root, in injection order.
    public let css: [String]
    /// `all_frames`: whether to run in subframes too (default false: top frame only).
    public let allFrames: Bool
    /// `match_about_blank`: whether to run in `about:blank`/`about:srcdoc` frames whose creator matches.
    public let matchAboutBlank: Bool
    /// `match_origin_as_fallback`: whether to run in `about:`, `data:`, `blob:` and `filesystem:` documents
    /// whose creator's origin matches.
    public let matchOriginAsFallback: Bool
    /// `run_at` (default `document_idle`).
    public let runAt: RunAt
    /// `world` (default `ISOLATED`).
    public let world: World

    /// An entry with the given properties; the defaults are the manifest's.
    public init(
        flavor: Flavor,
        matches: MatchPatternSet,
        excludeMatches: MatchPatternSet = MatchPatternSet([]),
        includeGlobs: [Glob]? = nil,
        excludeGlobs: [Glob]? = nil,
        js: [String] = [],
        css: [String] = [],
        allFrames: Bool = false,
        matchAboutBlank: Bool = false,
        matchOriginAsFallback: Bool = false,
        runAt: RunAt = .documentIdle,
        world: World = .isolated
    ) {
        self.flavor = flavor
        self.matches = matches
        self.excludeMatches = excludeMatches
        self.includeGlobs = includeGlobs
        self.excludeGlobs = excludeGlobs
        self.js = js
        self.css = css
        self.allFrames = allFrames
        self.matchAboutBlank = matchAboutBlank
        self.matchOriginAsFallback = matchOriginAsFallback
        self.runAt = runAt
        self.world = world
    }

    /// Whether the entry's scripts run in a document at `url`.
    ///
    /// - Parameters:
    ///   - url: The document's URL.
    ///   - isTopFrame: Whether the document is in the tab's top frame.
    ///   - creatorURL: For documents that inherit their origin (`about:blank`, `about:srcdoc`, `data:`, `blob:`),
    ///     the URL of the document that created them (the parent or opener); nil otherwise.
    ///
    /// Chrome (`UserScript::MatchesDocument` with `ScriptContext::GetEffectiveDocumentURLForInjection`):
    /// subframes need `all_frames`; with `match_about_blank` an `about:` document is matched by its creator's URL,
    /// with `match_origin_as_fallback` `about:`, `data:`, `blob:` and `filesystem:` documents are matched by their
    /// creator's origin; then the URL must match `matches` and, when given, `include_globs`, and must match neither
    /// `exclude_matches` nor `exclude_globs`. Globs see the whole URL, fragment included.
    ///
    /// Firefox (`MozDocumentMatcher::Matches`, `WebExtensionContentScript::Matches`): `about:blank`/`about:srcdoc`
    /// documents are skipped unless `match_about_blank` (or `match_origin_as_fallback`) is set, and are then matched
    /// by their creator's URL; a top-level `about:blank` without a creator matches outright when
    /// `match_about_blank` is set; subframes need `all_frames`; globs see the URL without its fragment.
    public func matches(url: String, isTopFrame: Bool, creatorURL: String? = nil) -> Bool {
        guard let target = MatchTargetURL(url) else { return false }
        let creator = creatorURL.flatMap(MatchTargetURL.init)
        switch flavor {
        case .chrome: return chromiumMatches(target, isTopFrame: isTopFrame, creator: creator)
        case .firefox: return geckoMatches(target, isTopFrame: isTopFrame, creator: creator)
        }
    }

    private func chromiumMatches(_ target: MatchTargetURL, isTopFrame: Bool, creator: MatchTargetURL?) -> Bool {
        if !isTopFrame, !allFrames {
            return false
        }
        var effective = target
        if matchOriginAsFallback {
            let fallbackSchemes: Set<String> = ["about", "data", "blob", "filesystem"]
            if fallbackSchemes.contains(target.scheme) {
                var origin = creator
                if origin == nil, target.scheme == "blob" || target.scheme == "filesystem" {
                    origin = MatchTargetURL(target.path)
                }
                if let origin, let originURL = MatchTargetURL(origin.originURL) {
                    effective = originURL
                }
            }
        } else if matchAboutBlank, target.scheme == "about", let creator {
            effective = creator
        }

        if !excludeMatches.isEmpty, excludeMatches.matches(effective) {
            return false
        }
        let spec = effective.spec
        if let excludeGlobs, excludeGlobs.contains(where: { $0.matches(spec) }) {
            return false
        }
        let matchesPatterns = matches.isEmpty || matches.matches(effective)
        let matchesGlobs = (includeGlobs ?? []).isEmpty || includeGlobs!.contains { $0.matches(spec) }
        return matchesPatterns && matchesGlobs
    }

    private func geckoMatches(_ target: MatchTargetURL, isTopFrame: Bool, creator: MatchTargetURL?) -> Bool {
        let spec = target.specWithoutFragment
        let inheritsPrincipal = target.scheme == "about" && (spec == "about:blank" || spec == "about:srcdoc")
        let aboutBlankAllowed = matchAboutBlank || matchOriginAsFallback
        if !aboutBlankAllowed, inheritsPrincipal {
            return false
        }
        if aboutBlankAllowed, isTopFrame, creator == nil, spec == "about:blank" || target.scheme == "data" {
            return true
        }
        if !allFrames, !isTopFrame {
            return false
        }
        var principalURL = target
        if let creator {
            if inheritsPrincipal {
                principalURL = matchOriginAsFallback ? (MatchTargetURL(creator.originURL) ?? creator) : creator
            } else if matchOriginAsFallback, ["data", "blob"].contains(target.scheme) {
                principalURL = MatchTargetURL(creator.originURL) ?? creator
            }
        }
        guard matches.matches(principalURL) else { return false }
        if excludeMatches.matches(principalURL) { return false }
        let principalSpec = principalURL.specWithoutFragment
        if let includeGlobs, !includeGlobs.contains(where: { $0.matches(principalSpec) }) {
            return false
        }
        if let excludeGlobs, excludeGlobs.contains(where: { $0.matches(principalSpec) }) {
            return false
        }
        return true
    }
}
