/// A content script an extension registered as it ran (`scripting.registerContentScripts`), as
/// the browser keeps it: its members as given (what `getRegisteredContentScripts` gives back) and
/// the ``ContentScriptEntry`` that decides where it runs. The browsers run it, after the
/// manifest's content scripts, in the documents that load after it was registered.
public struct RegisteredContentScript: Sendable, Hashable {
    /// The extension's name for it.
    public var id: String
    /// `matches` and `excludeMatches` as given.
    public var matches: [String]
    public var excludeMatches: [String]
    /// `js` and `css` files as given (paths inside the extension).
    public var js: [String]
    public var css: [String]
    public var allFrames: Bool
    public var matchOriginAsFallback: Bool
    public var runAt: ContentScriptEntry.RunAt
    public var world: ContentScriptEntry.World
    /// Whether the browser keeps it after it restarts (the default).
    public var persistAcrossSessions: Bool
    /// Firefox's `cssOrigin`: its `css` as the user's sheets rather than the author's.
    public var cssIsUsers: Bool
    /// Firefox's `contentScripts.register`: its globs, `matchAboutBlank`, and the context that
    /// registered it, whose end ends it (nil: the extension's, as `scripting` registers).
    public var includeGlobs: [String]?
    public var excludeGlobs: [String]?
    public var matchAboutBlank = false
    public var registrant: Int?

    public init(id: String, matches: [String] = [], excludeMatches: [String] = [], js: [String] = [], css: [String] = [],
                allFrames: Bool = false, matchOriginAsFallback: Bool = false, runAt: ContentScriptEntry.RunAt = .documentIdle,
                world: ContentScriptEntry.World = .isolated, persistAcrossSessions: Bool = true, cssIsUsers: Bool = false) {
        self.id = id
        self.matches = matches
        self.excludeMatches = excludeMatches
        self.js = js
        self.css = css
        self.allFrames = allFrames
        self.matchOriginAsFallback = matchOriginAsFallback
        self.runAt = runAt
        self.world = world
        self.persistAcrossSessions = persistAcrossSessions
        self.cssIsUsers = cssIsUsers
    }

    /// The entry that decides where it runs, by `flavor`'s rules; throws for a pattern that
    /// browser refuses (its index in `matches`, or in `excludeMatches` when `excluded`).
    public func entry(flavor: Flavor) throws(RegisteredContentScriptPatternError) -> ContentScriptEntry {
        func parse(_ texts: [String], excluded: Bool) throws(RegisteredContentScriptPatternError) -> MatchPatternSet {
            var patterns: [MatchPattern] = []
            for (index, text) in texts.enumerated() {
                do {
                    patterns.append(try MatchPattern(text, flavor: flavor))
                } catch {
                    throw RegisteredContentScriptPatternError(index: index, excluded: excluded, error: error)
                }
            }
            return MatchPatternSet(patterns)
        }
        return ContentScriptEntry(
            flavor: flavor, matches: try parse(matches, excluded: false), excludeMatches: try parse(excludeMatches, excluded: true),
            includeGlobs: includeGlobs?.map { Glob($0, flavor: flavor) }, excludeGlobs: excludeGlobs?.map { Glob($0, flavor: flavor) },
            js: js, css: css, allFrames: allFrames, matchAboutBlank: matchAboutBlank, matchOriginAsFallback: matchOriginAsFallback,
            runAt: runAt, world: world)
    }
}

/// A pattern of a ``RegisteredContentScript`` that its browser refuses.
public struct RegisteredContentScriptPatternError: Error, Sendable {
    /// Its index in `matches` (or `excludeMatches`).
    public let index: Int
    /// Whether it is one of `excludeMatches`.
    public let excluded: Bool
    /// Why.
    public let error: MatchPatternError
}
