import Foundation
import Testing

@testable import BrowserModel

@Suite struct ManifestTests {
    static func parse(_ json: String, _ flavor: Flavor) throws(ManifestError) -> Manifest {
        try Manifest.parse(Data(json.utf8), file: "ext/manifest.json", flavor: flavor)
    }

    static func error(_ json: String, _ flavor: Flavor) -> ManifestError? {
        do {
            _ = try parse(json, flavor)
            return nil
        } catch {
            return error
        }
    }

    // MARK: JSON syntax

    @Test(arguments: Flavor.allCases)
    func lineCommentsAreAccepted(_ flavor: Flavor) throws {
        let manifest = try Self.parse(
            """
            {
              // This is a manifest.
              "manifest_version": 3,
              "name": "This \\" is // not a comment",
              "version": "0.1" // , "description": "This is not a description"
            }
            """, flavor)
        #expect(manifest.name == "This \" is // not a comment")
        #expect(manifest.version == "0.1")
        #expect(manifest.description == nil)
    }

    @Test func blockCommentsOnlyInChrome() throws {
        let json = """
            {
              /* block */ "manifest_version": 3,
              "name": "B", "version": "1"
            }
            """
        #expect(try Self.parse(json, .chrome).name == "B")
        let error = try #require(Self.error(json, .firefox))
        #expect(error.line == 2)
        #expect(error.column == 3)
        #expect(error.message == "JSON.parse: expected property name or '}' at line 2 column 3 of the JSON data")
        #expect(error.key == nil)
    }

    @Test func trailingCommasAreRefused() throws {
        let json = """
            {
              "manifest_version": 3,
              "name": "T",
              "version": "1",
            }
            """
        let chrome = try #require(Self.error(json, .chrome))
        #expect(chrome.line == 5)
        #expect(chrome.column == 1)
        #expect(chrome.message == "Manifest is not valid JSON.  trailing comma at line 5 column 1")
        #expect(chrome.file == "ext/manifest.json")
        #expect(chrome.description.hasPrefix("ext/manifest.json:5:1: Manifest is not valid JSON."))
        let firefox = try #require(Self.error(json, .firefox))
        #expect(firefox.line == 5)
        #expect(firefox.message.hasPrefix("JSON.parse: expected double-quoted property name at line 5 column 1"))
    }

    @Test func syntaxErrorPositions() throws {
        let json = "{\n  \"manifest_version\": 3\n  \"name\": \"x\"\n}"
        let chrome = try #require(Self.error(json, .chrome))
        #expect((chrome.line, chrome.column) == (3, 3))
        let firefox = try #require(Self.error(json, .firefox))
        #expect(firefox.message == "JSON.parse: expected ',' or '}' after property value in object at line 3 column 3 of the JSON data")
        #expect(chrome.message == "Manifest is not valid JSON.  expected `,` or `}` at line 3 column 3")
        #expect(Self.error("", .chrome)?.message == "Manifest is not valid JSON.  EOF while parsing a value at line 1 column 0")
        #expect(Self.error("{} x", .chrome)?.message == "Manifest is not valid JSON.  trailing characters at line 1 column 4")
        #expect(Self.error("{\"a\": [1,\n", .chrome)?.message == "Manifest is not valid JSON.  EOF while parsing a list at line 2 column 0")
        #expect(Self.error("{\"é\": x}", .chrome)?.message == "Manifest is not valid JSON.  expected value at line 1 column 8")
        #expect(Self.error("{\"a\": /* open", .chrome) != nil)
        #expect(Self.error("{\"a\": 01}", .chrome)?.message == "Manifest is not valid JSON.  invalid number at line 1 column 8")
        #expect(Self.error("{\"a\": 01}", .firefox) != nil)
        #expect(Self.error("{\"a\": \"\\x41\"}", .firefox) != nil)
    }

    @Test func chromeStringExtensions() throws {
        let manifest = try Self.parse("{\"manifest_version\": 3, \"name\": \"a\\x41\nb\", \"version\": \"1\"}", .chrome)
        #expect(manifest.name == "aA\nb")
        #expect(Self.error("{\"manifest_version\": 3, \"name\": \"a\nb\", \"version\": \"1\"}", .firefox) != nil)
    }

    @Test func invalidUTF8() throws {
        var data = Data("{\n  \"name\": \"".utf8)
        data.append(contentsOf: [0xC3, 0x28])
        data.append(Data("\"}".utf8))
        do {
            _ = try Manifest.parse(data, file: "m", flavor: .chrome)
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "Manifest is not valid JSON.  invalid unicode code point at line 2 column 12")
        }
    }

    @Test func firefoxCommentStripping() throws {
        let manifest = try Self.parse(
            """
            {
              // This is a manifest.
              "manifest_version": 2,
              "homepage_url": "https://example.com/not/confused/by/slashes",
              "name": "x", "version": "1" // trailing
            }
            """, .firefox)
        #expect(manifest.rawJSON.contains("https://example.com/not/confused/by/slashes"))
        #expect(ManifestJSON.stripGeckoLineComments("\"a\" // c\n\"b//\" // d") == "\"a\" \n\"b//\" ")
        #expect(ManifestJSON.stripGeckoLineComments("\"unterminated // x") == "\"unterminated // x")
        // Windows line endings: every line's comment goes, and the CR stays.
        #expect(ManifestJSON.stripGeckoLineComments("1 // a\r\n2 // b\r\n3") == "1 \r\n2 \r\n3")
        let crlf = "{\r\n  // c\r\n  \"manifest_version\": 2, // d\r\n  \"name\": \"x\", \"version\": \"1\" // e\r\n}"
        #expect(try Self.parse(crlf, .firefox).name == "x")
    }

    @Test func byteOrderMarkIsSkipped() throws {
        var data = Data([0xEF, 0xBB, 0xBF])
        data.append(Data(#"{"manifest_version": 3, "name": "N", "version": "1"}"#.utf8))
        for flavor in Flavor.allCases {
            #expect(try Manifest.parse(data, file: "m", flavor: flavor).name == "N")
        }
    }

    // MARK: Required keys

    @Test func manifestVersionRules() throws {
        let missing = #"{"name": "N", "version": "1"}"#
        #expect(Self.error(missing, .chrome)?.message
            == "Missing 'manifest_version' key. Its value must be an integer either 2 or 3. See developer.chrome.com/extensions/manifestVersion for details.")
        #expect(Self.error(missing, .firefox)?.message == "Unexpected params.manifestVersion value: undefined")

        let quoted = #"{"manifest_version": "3", "name": "N", "version": "1"}"#
        let chromeQuoted = try #require(Self.error(quoted, .chrome))
        #expect(chromeQuoted.message.hasPrefix("Invalid value for 'manifest_version'. Must be an integer either 2 or 3."))
        #expect((chromeQuoted.line, chromeQuoted.column) == (1, 22))
        #expect(chromeQuoted.key == "manifest_version")
        #expect(Self.error(quoted, .firefox)?.message == "Unexpected params.manifestVersion value: 3")

        let one = #"{"manifest_version": 1, "name": "N", "version": "1"}"#
        #expect(Self.error(one, .chrome)?.message.hasPrefix("Invalid value for 'manifest_version'.") == true)
        #expect(Self.error(one, .firefox)?.message
            == "Reading manifest: Error processing manifest_version: Integer 1 is too small (must be at least 2)")

        let four = #"{"manifest_version": 4, "name": "N", "version": "1"}"#
        let chromeFour = try Self.parse(four, .chrome)
        #expect(chromeFour.manifestVersion == 4)
        #expect(chromeFour.warnings.contains { $0.contains("maximum currently-supported manifest version is 3") })
        #expect(Self.error(four, .firefox)?.message
            == "Reading manifest: Error processing manifest_version: Integer 4 is too big (must be at most 3)")

        #expect(try Self.parse(#"{"manifest_version": 2, "name": "N", "version": "1"}"#, .chrome).manifestVersion == 2)
        #expect(try Self.parse(#"{"manifest_version": 2, "name": "N", "version": "1"}"#, .firefox).manifestVersion == 2)
    }

    @Test func nameAndVersion() throws {
        #expect(Self.error(#"{"manifest_version": 3, "version": "1"}"#, .chrome)?.message
            == "Required value 'name' is missing or invalid.")
        #expect(Self.error(#"{"manifest_version": 3, "version": "1"}"#, .firefox)?.message
            == "Reading manifest: Property \"name\" is required")
        let versionMessage = "Required value 'version' is missing or invalid. It must be between 1-4 dot-separated integers each between 0 and 65536."
        for bad in ["\"\"", "\"1.2.3.4.5\"", "\"01\"", "\"00\"", "\"1.a\"", "\"1.4294967296\"", "\"1..2\"", "\"1.\"", "\"1.+1\"", "\" 1\"", "1"] {
            #expect(Self.error(#"{"manifest_version": 3, "name": "N", "version": \#(bad)}"#, .chrome)?.message
                == versionMessage, "version \(bad)")
        }
        // Recorded from Chromium 156: each part is an unsigned 32-bit number, whatever the message says.
        for good in ["1", "0", "1.0", "0.0.0.1", "1.02", "1.00", "65535.65535.65535.65535", "1.65536", "4294967295.1"] {
            #expect(try Self.parse(#"{"manifest_version": 3, "name": "N", "version": "\#(good)"}"#, .chrome).version == good)
        }
        #expect(Self.error(#"{"manifest_version": 3, "name": "N"}"#, .firefox)?.message
            == "Reading manifest: Property \"version\" is required")
        // Firefox only warns about odd versions.
        let odd = try Self.parse(#"{"manifest_version": 3, "name": "N", "version": "1.0beta"}"#, .firefox)
        #expect(odd.version == "1.0beta")
        #expect(odd.warnings.contains { $0.contains("version must be a version string") })
    }

    @Test func missingKeyErrorsPointAtTheObject() throws {
        let error = try #require(Self.error("\n\n  {\"manifest_version\": 3, \"version\": \"1\"}", .chrome))
        #expect((error.line, error.column) == (3, 3))
    }

    @Test func unknownKeysAreKeptInRawJSON() throws {
        let json = #"{"version": "1", "zeta": {"b": 1, "a": [true, null]}, "manifest_version": 3, "name": "N"}"#
        let chrome = try Self.parse(json, .chrome)
        #expect(chrome.rawJSON == #"{"manifest_version":3,"name":"N","version":"1","zeta":{"a":[true,null],"b":1}}"#)
        let firefox = try Self.parse(json, .firefox)
        #expect(firefox.rawJSON == #"{"version":"1","zeta":{"b":1,"a":[true,null]},"manifest_version":3,"name":"N"}"#)
        let decoded = try JSONSerialization.jsonObject(with: Data(chrome.rawJSON.utf8)) as? [String: Any]
        #expect(decoded?["name"] as? String == "N")
    }

    @Test func duplicateKeysKeepTheLastValue() throws {
        let manifest = try Self.parse(#"{"manifest_version": 3, "name": "A", "version": "1", "name": "B"}"#, .firefox)
        #expect(manifest.name == "B")
    }

    // MARK: Background

    @Test func chromeBackground() throws {
        let worker = try Self.parse(
            #"{"manifest_version": 3, "name": "N", "version": "1", "background": {"service_worker": "sw.js", "type": "module"}}"#,
            .chrome)
        #expect(worker.background == .serviceWorker("sw.js", module: true))
        #expect(!worker.isPersistentBackground)

        // Cross-browser MV3 manifest: Chrome runs the worker and ignores scripts with a warning.
        let both = try Self.parse(
            #"{"manifest_version": 3, "name": "N", "version": "1", "background": {"service_worker": "sw.js", "scripts": ["bg.js"]}}"#,
            .chrome)
        #expect(both.background == .serviceWorker("sw.js", module: false))
        #expect(both.warnings.contains("'background.scripts' requires manifest version of 2 or lower."))

        let scriptsOnly = try Self.parse(
            #"{"manifest_version": 3, "name": "N", "version": "1", "background": {"scripts": ["bg.js"]}}"#, .chrome)
        #expect(scriptsOnly.background == nil)

        let mv2 = try Self.parse(
            #"{"manifest_version": 2, "name": "N", "version": "1", "background": {"scripts": ["a.js", "b.js"], "persistent": false}}"#,
            .chrome)
        #expect(mv2.background == .scripts(["a.js", "b.js"], module: false))
        #expect(!mv2.isPersistentBackground)
        let mv2Page = try Self.parse(
            #"{"manifest_version": 2, "name": "N", "version": "1", "background": {"page": "bg.html"}}"#, .chrome)
        #expect(mv2Page.background == .page("bg.html"))
        #expect(mv2Page.isPersistentBackground)

        let combined = try #require(Self.error(
            #"{"manifest_version": 2, "name": "N", "version": "1", "background": {"page": "bg.html", "scripts": ["a.js"]}}"#,
            .chrome))
        #expect(combined.message
            == "Only one of 'background.page', 'background.scripts', and 'background.service_worker' can be specified.")
        #expect(Self.error(
            #"{"manifest_version": 3, "name": "N", "version": "1", "background": {"service_worker": "sw.js", "type": "esm"}}"#,
            .chrome)?.message == "Invalid value for 'background.type'.")
        #expect(Self.error(
            #"{"manifest_version": 2, "name": "N", "version": "1", "background": {"persistent": true}}"#,
            .chrome)?.message == "Must specify one of background.page or background.scripts to use background.persistent.")
    }

    @Test func firefoxBackground() throws {
        let both = try Self.parse(
            #"{"manifest_version": 3, "name": "N", "version": "1", "background": {"service_worker": "sw.js", "scripts": ["bg.js"], "type": "module"}}"#,
            .firefox)
        #expect(both.background == .scripts(["bg.js"], module: true))
        #expect(!both.isPersistentBackground)
        #expect(both.declaredBackground?.background(for: .chrome, manifestVersion: 3) == .serviceWorker("sw.js", module: true))

        let workerOnly = try #require(Self.error(
            #"{"manifest_version": 3, "name": "N", "version": "1", "background": {"service_worker": "sw.js"}}"#, .firefox))
        #expect(workerOnly.message
            == "Reading manifest: Error processing background: background.service_worker is currently disabled. Add background.scripts.")
        #expect(workerOnly.line == 1)

        let pageWins = try Self.parse(
            #"{"manifest_version": 2, "name": "N", "version": "1", "background": {"page": "bg.html", "scripts": ["a.js"]}}"#,
            .firefox)
        #expect(pageWins.background == .page("bg.html"))
        #expect(pageWins.isPersistentBackground)

        let empty = try Self.parse(#"{"manifest_version": 2, "name": "N", "version": "1", "background": {}}"#, .firefox)
        #expect(empty.background == nil)
        #expect(empty.warnings.contains { $0.contains("background requires at least one of") })
    }

    // MARK: Content scripts

    @Test func contentScriptDefaultsAndFields() throws {
        let json = """
            {"manifest_version": 3, "name": "N", "version": "1",
             "content_scripts": [{
               "matches": ["https://*.example.com/*"], "exclude_matches": ["https://private.example.com/*"],
               "include_globs": ["*/news/*"], "exclude_globs": ["*draft*"],
               "js": ["a.js", "b.js"], "css": ["s.css"], "all_frames": true, "match_about_blank": true,
               "run_at": "document_start", "world": "MAIN"
             }, {"matches": ["<all_urls>"], "js": ["c.js"]}]}
            """
        for flavor in Flavor.allCases {
            let manifest = try Self.parse(json, flavor)
            #expect(manifest.contentScripts.count == 2)
            let first = manifest.contentScripts[0]
            #expect(first.js == ["a.js", "b.js"])
            #expect(first.css == ["s.css"])
            #expect(first.allFrames && first.matchAboutBlank && !first.matchOriginAsFallback)
            #expect(first.runAt == .documentStart)
            #expect(first.world == .main)
            #expect(first.matches(url: "https://www.example.com/news/1", isTopFrame: true))
            #expect(!first.matches(url: "https://www.example.com/sports/1", isTopFrame: true), "include_globs")
            #expect(!first.matches(url: "https://www.example.com/news/draft", isTopFrame: true), "exclude_globs")
            #expect(!first.matches(url: "https://private.example.com/news/1", isTopFrame: true), "exclude_matches")
            #expect(first.matches(url: "https://www.example.com/news/1", isTopFrame: false), "all_frames")
            let second = manifest.contentScripts[1]
            #expect(second.runAt == .documentIdle)
            #expect(second.world == .isolated)
            #expect(!second.allFrames)
            #expect(!second.matches(url: "https://x.org/", isTopFrame: false))
            #expect(manifest.matchingContentScripts(url: "https://www.example.com/news/2", isTopFrame: true).count == 2)
            #expect(manifest.matchingContentScripts(url: "https://x.org/", isTopFrame: false).isEmpty)
        }
    }

    @Test func invalidMatchPatternNamesThePattern() throws {
        let json = """
            {"manifest_version": 3, "name": "N", "version": "1",
             "content_scripts": [{"matches": ["https://ok.com/*"], "js": ["a.js"]},
                                 {"matches": ["https://ok.com/*", "http://www.*.com/"], "js": ["a.js"]}]}
            """
        let chrome = try #require(Self.error(json, .chrome))
        #expect(chrome.message == "Invalid value for 'content_scripts[1].matches[1]': Invalid host wildcard.")
        #expect(chrome.key == "content_scripts[1].matches[1]")
        #expect((chrome.line, chrome.column) == (3, 55))
        #expect(chrome.hint != nil)
        let firefox = try #require(Self.error(json, .firefox))
        #expect(firefox.message.hasPrefix(
            "Reading manifest: Error processing content_scripts.1.matches.1: Value \"http://www.*.com/\" must either: be one of [\"<all_urls>\"]"))
        #expect(firefox.key == "content_scripts.1.matches.1")
        #expect((firefox.line, firefox.column) == (3, 55))
    }

    @Test func contentScriptErrors() throws {
        let head = #"{"manifest_version": 3, "name": "N", "version": "1", "content_scripts": "#
        #expect(Self.error(head + #"[{"js": ["a.js"]}]}"#, .chrome)?.message
            == "Required value 'content_scripts[0].matches' is missing or invalid.")
        #expect(Self.error(head + #"[{"js": ["a.js"]}]}"#, .firefox)?.message
            == "Reading manifest: Error processing content_scripts.0: Property \"matches\" is required")
        #expect(Self.error(head + #"[{"matches": [], "js": ["a.js"]}]}"#, .chrome)?.message
            == "Invalid value for 'content_scripts[0].matches'. There must be at least one match specified.")
        #expect(Self.error(head + #"[{"matches": [], "js": ["a.js"]}]}"#, .firefox)?.message
            == "Reading manifest: Error processing content_scripts.0.matches: Array requires at least 1 items; you have 0")
        #expect(Self.error(head + #"[{"matches": ["<all_urls>"]}]}"#, .chrome)?.message
            == "At least one js or css file is required for 'content_scripts[0]'.")
        #expect(try Self.parse(head + #"[{"matches": ["<all_urls>"]}]}"#, .firefox).contentScripts.count == 1)
        #expect(Self.error(head + #"[{"matches": ["<all_urls>"], "js": ["a.js"], "run_at": "document_load"}]}"#, .chrome)?
            .message == "Invalid value for 'content_scripts[0].run_at'.")
        #expect(Self.error(head + #"[{"matches": ["<all_urls>"], "js": ["a.js"], "run_at": "document_load"}]}"#, .firefox)?
            .message == "Reading manifest: Error processing content_scripts.0.run_at: Invalid enumeration value \"document_load\"")
        #expect(Self.error(head + #"[{"matches": ["<all_urls>"], "js": ["a.js"], "all_frames": "yes"}]}"#, .chrome)?
            .message == "Invalid value for 'content_scripts[0].all_frames'.")
        #expect(Self.error(head + #"[{"matches": ["<all_urls>"], "exclude_matches": ["nope"], "js": ["a.js"]}]}"#, .chrome)?
            .message == "Invalid value for 'content_scripts[0].exclude_matches[0]': Missing scheme separator.")
        #expect(Self.error(
            head + #"[{"matches": ["https://a.com/x*"], "js": ["a.js"], "match_origin_as_fallback": true}]}"#, .chrome)?
            .message == "The path component for scripts that set 'match_origin_as_fallback' to true must be '/*'.")
        #expect(Self.error(
            #"{"manifest_version": 2, "name": "N", "version": "1", "content_scripts": [{"matches": ["<all_urls>"], "js": ["a.js"], "world": "MAIN"}]}"#,
            .chrome)?.message == "The 'world' property is restricted to extensions with 'manifest_version' set to 3 or higher.")
    }

    @Test func firefoxEmptyIncludeGlobsMatchNothing() throws {
        let json = #"{"manifest_version": 3, "name": "N", "version": "1", "content_scripts": [{"matches": ["<all_urls>"], "js": ["a.js"], "include_globs": []}]}"#
        #expect(try Self.parse(json, .chrome).contentScripts[0].matches(url: "https://a.com/", isTopFrame: true))
        #expect(!(try Self.parse(json, .firefox).contentScripts[0].matches(url: "https://a.com/", isTopFrame: true)))
    }

    @Test func globsSeeTheFragmentOnlyInChrome() throws {
        let json = #"{"manifest_version": 3, "name": "N", "version": "1", "content_scripts": [{"matches": ["<all_urls>"], "js": ["a.js"], "exclude_globs": ["*#skip"]}]}"#
        #expect(!(try Self.parse(json, .chrome).contentScripts[0].matches(url: "https://a.com/#skip", isTopFrame: true)))
        #expect(try Self.parse(json, .firefox).contentScripts[0].matches(url: "https://a.com/#skip", isTopFrame: true))
    }

    @Test func aboutBlankFrames() throws {
        func entry(_ flavor: Flavor, matchAboutBlank: Bool) throws -> ContentScriptEntry {
            let json = #"{"manifest_version": 3, "name": "N", "version": "1", "content_scripts": [{"matches": ["https://a.com/*"], "js": ["a.js"], "all_frames": true, "match_about_blank": \#(matchAboutBlank)}]}"#
            return try Self.parse(json, flavor).contentScripts[0]
        }
        for flavor in Flavor.allCases {
            let with = try entry(flavor, matchAboutBlank: true)
            #expect(with.matches(url: "about:blank", isTopFrame: false, creatorURL: "https://a.com/page"))
            #expect(!with.matches(url: "about:blank", isTopFrame: false, creatorURL: "https://b.com/page"))
            let without = try entry(flavor, matchAboutBlank: false)
            #expect(!without.matches(url: "about:blank", isTopFrame: false, creatorURL: "https://a.com/page"))
        }
        // Firefox runs match_about_blank scripts in a top-level about:blank that has no creator.
        #expect(try entry(.firefox, matchAboutBlank: true).matches(url: "about:blank", isTopFrame: true))
        #expect(!(try entry(.chrome, matchAboutBlank: true).matches(url: "about:blank", isTopFrame: true)))
    }

    @Test func matchOriginAsFallback() throws {
        let json = #"{"manifest_version": 3, "name": "N", "version": "1", "content_scripts": [{"matches": ["https://a.com/*"], "js": ["a.js"], "all_frames": true, "match_origin_as_fallback": true}]}"#
        let chrome = try Self.parse(json, .chrome).contentScripts[0]
        #expect(chrome.matches(url: "data:text/html,hi", isTopFrame: false, creatorURL: "https://a.com/x"))
        #expect(chrome.matches(url: "blob:https://a.com/0c1d-22", isTopFrame: false))
        #expect(!chrome.matches(url: "blob:https://b.com/0c1d-22", isTopFrame: false))
    }

    // MARK: Permissions, action, ids

    @Test func permissions() throws {
        let mv3 = try Self.parse(
            #"{"manifest_version": 3, "name": "N", "version": "1", "permissions": ["storage", "tabs", "https://x.com/*"], "host_permissions": ["https://*.example.com/*", "bad pattern:"]}"#,
            .chrome)
        #expect(mv3.permissions == ["storage", "tabs"])
        #expect(mv3.hostPermissions == ["https://*.example.com/*"])
        #expect(mv3.hostPermissionPatterns.first?.scope == .hostPermissions)
        #expect(mv3.warnings.contains("Permission 'https://x.com/*' is unknown or URL pattern is malformed."))
        #expect(mv3.warnings.contains("Permission 'bad pattern:' is unknown or URL pattern is malformed."))

        for flavor in Flavor.allCases {
            let mv2 = try Self.parse(
                #"{"manifest_version": 2, "name": "N", "version": "1", "permissions": ["storage", "<all_urls>", "*://*.example.com/*"]}"#,
                flavor)
            #expect(mv2.permissions == ["storage"])
            #expect(mv2.hostPermissions == ["<all_urls>", "*://*.example.com/*"])
        }
        let firefoxMV2HostPermissions = try Self.parse(
            #"{"manifest_version": 2, "name": "N", "version": "1", "host_permissions": ["<all_urls>"]}"#, .firefox)
        #expect(firefoxMV2HostPermissions.hostPermissions.isEmpty)
        #expect(!firefoxMV2HostPermissions.warnings.isEmpty)
    }

    @Test func action() throws {
        let mv3 = #"{"manifest_version": 3, "name": "N", "version": "1", "action": {}}"#
        let mv2 = #"{"manifest_version": 2, "name": "N", "version": "1", "browser_action": {"default_title": "x"}}"#
        let mixed = #"{"manifest_version": 3, "name": "N", "version": "1", "browser_action": {}}"#
        for flavor in Flavor.allCases {
            #expect(try Self.parse(mv3, flavor).hasAction)
            #expect(try Self.parse(mv2, flavor).hasAction)
            let parsed = try Self.parse(mixed, flavor)
            #expect(!parsed.hasAction)
            #expect(!parsed.warnings.isEmpty)
            #expect(!(try Self.parse(#"{"manifest_version": 3, "name": "N", "version": "1"}"#, flavor).hasAction))
        }
    }

    @Test func keyAndGeckoID() throws {
        #expect(Self.error(#"{"manifest_version": 3, "name": "N", "version": "1", "key": "!!"}"#, .chrome)?.message
            == "Value 'key' is missing or invalid.")
        let applications = try Self.parse(
            #"{"manifest_version": 2, "name": "N", "version": "1", "applications": {"gecko": {"id": "{12345678-1234-1234-1234-123456789ABC}"}}}"#,
            .firefox)
        #expect(applications.geckoID == "{12345678-1234-1234-1234-123456789ABC}")
        let bss = try Self.parse(
            #"{"manifest_version": 3, "name": "N", "version": "1", "default_locale": "en", "browser_specific_settings": {"gecko": {"id": "x@y.z"}}}"#,
            .firefox)
        #expect(bss.geckoID == "x@y.z")
        #expect(bss.defaultLocale == "en")
        let invalid = try #require(Self.error(
            #"{"manifest_version": 3, "name": "N", "version": "1", "browser_specific_settings": {"gecko": {"id": "not an id"}}}"#,
            .firefox))
        #expect(invalid.message.hasPrefix(
            "Reading manifest: Error processing browser_specific_settings.gecko.id: Value \"not an id\" must either"))
        #expect(try Self.parse(#"{"manifest_version": 3, "name": "N", "version": "1"}"#, .chrome).geckoID == nil)
    }

    // MARK: Manifests as Chromium 156 and Firefox ESR 153 judge them (fixtures/manifests)

    @Test func emptyNameIsRefusedByChromeOnly() throws {
        let json = "{\"manifest_version\": 3,\n \"name\": \"\", \"version\": \"1\"}"
        let chrome = try #require(Self.error(json, .chrome))
        #expect(chrome.message == "Required value 'name' is missing or invalid.")
        #expect((chrome.line, chrome.column) == (2, 10))
        #expect(chrome.key == "name")
        #expect(try Self.parse(json, .firefox).name == "")
        // Only an empty name: spaces are a name to Chromium.
        #expect(try Self.parse(#"{"manifest_version": 3, "name": "   ", "version": "1"}"#, .chrome).name == "   ")
    }

    @Test func emptyServiceWorkerIsAnInvalidValueInChrome() throws {
        let json = "{\"manifest_version\": 3, \"name\": \"N\", \"version\": \"1\",\n \"background\": {\"service_worker\": \"\"}}"
        let chrome = try #require(Self.error(json, .chrome))
        #expect(chrome.message == "Invalid value for 'background.service_worker'.")
        #expect((chrome.line, chrome.column) == (2, 35))
        // Firefox has no background then, and says so only as a warning.
        let firefox = try Self.parse(json, .firefox)
        #expect(firefox.background == nil)
        #expect(firefox.warnings.contains { $0.contains("background requires at least one of") })
    }

    @Test func iconPathsMustStayInsideTheExtension() throws {
        let head = #"{"manifest_version": 3, "name": "N", "version": "1", "#
        #expect(Self.error(head + #""icons": {"16": "../icon.png"}}"#, .chrome)?.message == "Invalid value for 'icons[\"16\"]'.")
        #expect(Self.error(head + #""icons": {"16": "a/../icon.png"}}"#, .chrome)?.message == "Invalid value for 'icons[\"16\"]'.")
        #expect(Self.error(head + #""icons": {"16": ""}}"#, .chrome)?.message == "Invalid value for 'icons[\"16\"]'.")
        #expect(Self.error(head + #""icons": {"16": 5}}"#, .chrome)?.message == "Invalid value for 'icons[\"16\"]'.")
        #expect(Self.error(head + #""icons": {"abc": "i.png"}}"#, .chrome)?.message == "Invalid key in icons: \"abc\".")
        #expect(Self.error(head + #""icons": {"-1": "i.png"}}"#, .chrome)?.message == "Invalid key in icons: \"-1\".")
        #expect(Self.error(head + #""icons": ["i.png"]}"#, .chrome)?.message == "Invalid value for 'icons'.")
        #expect(Self.error(head + #""action": {"default_icon": "../i.png"}}"#, .chrome)?.message == "Invalid value for 'default_icon'.")
        #expect(Self.error(head + #""action": {"default_icon": {"16": "../i.png"}}}"#, .chrome)?.message
            == "Invalid value for 'icons[\"16\"]'.")
        let icons = try Self.parse(head + #""icons": {"48": "b.png", "16": "/a.png"}, "action": {"default_icon": "./c.png"}}"#, .chrome)
        #expect(icons.fileReferences.map(\.role) == [.icon(size: 16), .icon(size: 48), .actionIcon(size: nil)])
        #expect(icons.fileReferences.map { $0.resolvedPath(flavor: .chrome) } == ["a.png", "b.png", "./c.png"])
        // Firefox does not read icons when it installs.
        #expect(try Self.parse(head + #""icons": {"16": "../icon.png"}}"#, .firefox).name == "N")
    }

    @Test func theActionsPopupIsAPathOrNothing() throws {
        let head = #"{"manifest_version": 3, "name": "N", "version": "1", "#
        #expect(try Self.parse(head + #""action": {"default_popup": "p/popup.html"}}"#, .chrome).actionPopup == "p/popup.html")
        #expect(try Self.parse(head + #""action": {"default_popup": ""}}"#, .chrome).actionPopup == nil)
        #expect(try Self.parse(head + #""action": {}}"#, .chrome).actionPopup == nil)
        #expect(Self.error(head + #""action": {"default_popup": 5}}"#, .chrome)?.message == "Invalid value for 'default_popup'.")
        let mv2 = #"{"manifest_version": 2, "name": "N", "version": "1", "browser_action": {"default_popup": "popup.html"}}"#
        #expect(try Self.parse(mv2, .firefox).actionPopup == "popup.html")
        #expect(Self.error(head + #""action": {"default_popup": ["x"]}}"#, .firefox)?.message.hasPrefix("Reading manifest: Error processing action.default_popup: Expected string instead of") == true)
    }

    @Test func chromeBackgroundScriptsCannotLeaveTheExtension() throws {
        let json = #"{"manifest_version": 2, "name": "N", "version": "1", "background": {"scripts": ["ok.js", "../bg.js"]}}"#
        let error = try #require(Self.error(json, .chrome))
        #expect(error.message == "Invalid value for 'background.scripts[1]'.")
        #expect(error.key == "background.scripts[1]")
    }

    @Test func pathsResolveInsideTheExtension() {
        // As a URL: never above the root; a leading "/" is the root; no query; escapes decoded.
        #expect(ExtensionResourcePath.urlPath("../secret.js") == "secret.js")
        #expect(ExtensionResourcePath.urlPath("../../../../etc/passwd") == "etc/passwd")
        #expect(ExtensionResourcePath.urlPath("/etc/hostname") == "etc/hostname")
        #expect(ExtensionResourcePath.urlPath("sub/../bg.js") == "bg.js")
        #expect(ExtensionResourcePath.urlPath("./bg.js") == "bg.js")
        #expect(ExtensionResourcePath.urlPath("%2E%2E/secret.js") == "secret.js")
        #expect(ExtensionResourcePath.urlPath("a%20b.js") == "a b.js")
        #expect(ExtensionResourcePath.urlPath("bg.js?x=1#f") == "bg.js")
        #expect(ExtensionResourcePath.urlPath("") == "")
        // Chromium's file paths: one leading "/" dropped, nothing with a ".." part.
        #expect(ExtensionResourcePath.chromiumFilePath("/cs.js") == "cs.js")
        #expect(ExtensionResourcePath.chromiumFilePath("./cs.js") == "./cs.js")
        #expect(ExtensionResourcePath.chromiumFilePath("../cs.js") == nil)
        #expect(ExtensionResourcePath.chromiumFilePath("sub/../cs.js") == nil)
        #expect(ExtensionResourcePath.chromiumFilePath("sub/..") == nil)
        #expect(ExtensionResourcePath.chromiumFilePath("a..b.js") == "a..b.js")
    }

    @Test func chromeSkipsContentScriptEntriesItCannotRead() throws {
        let json = """
            {"manifest_version": 3, "name": "N", "version": "1", "content_scripts": [
              {"matches": ["<all_urls>"], "js": ["cs.js"]},
              {"matches": ["<all_urls>"], "js": ["../cs.js"]},
              {"matches": ["<all_urls>"], "js": ["cs.js"], "css": ["sub/../s.css"]},
              {"matches": ["<all_urls>"], "js": ["/cs.js", "cs.mjs"], "css": ["s.css"]},
              {"matches": ["<all_urls>"], "js": ["cs.txt"]}]}
            """
        let chrome = try Self.parse(json, .chrome)
        #expect((0..<5).map(chrome.contentScriptEntryRuns) == [true, false, false, true, false])
        let firefox = try Self.parse(json, .firefox)
        #expect((0..<5).allSatisfy(firefox.contentScriptEntryRuns))
    }

    /// Writes `files` to a new folder and returns it.
    static func directory(_ files: [String: String]) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("exthost-manifest-\(UUID().uuidString)")
        for (path, text) in files {
            let file = directory.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file)
        }
        return directory
    }

    static func fileError(_ files: [String: String], _ flavor: Flavor) throws -> ManifestError? {
        let directory = try directory(files)
        defer { try? FileManager.default.removeItem(at: directory) }
        let manifest = try Manifest.parse(Data(files["manifest.json", default: ""].utf8), file: "ext/manifest.json", flavor: flavor)
        do {
            try manifest.checkFiles(in: directory)
            return nil
        } catch {
            return error
        }
    }

    @Test func chromeRefusesFilesItCannotFind() throws {
        func manifest(_ extra: String) -> String {
            "{\"manifest_version\": 3, \"name\": \"N\", \"version\": \"1\",\n \(extra)}"
        }
        let worker = manifest(#""background": {"service_worker": "../secret.js"}"#)
        let outside = try #require(try Self.fileError(["manifest.json": worker, "../secret.js": "x"], .chrome))
        #expect(outside.message == "Could not load background script ''.")
        #expect((outside.line, outside.column) == (2, 35))
        #expect(outside.hint?.contains("'../secret.js' (Chromium reads '../secret.js' as 'secret.js')") == true)
        #expect(try Self.fileError(["manifest.json": worker, "secret.js": "x"], .chrome) == nil, "../secret.js is the secret.js inside")

        let css = manifest(#""content_scripts": [{"matches": ["<all_urls>"], "js": ["a.js"], "css": ["missing.css"]}]"#)
        #expect(try Self.fileError(["manifest.json": css, "a.js": ""], .chrome)?.message == "Could not load css 'missing.css' for script.")
        #expect(try Self.fileError(["manifest.json": css], .chrome)?.message == "Could not load javascript 'a.js' for script.")
        #expect(try Self.fileError(["manifest.json": css], .firefox) == nil, "Firefox checks no file when it installs")

        let rooted = manifest(#""content_scripts": [{"matches": ["<all_urls>"], "js": ["/tmp/x.js"]}]"#)
        #expect(try Self.fileError(["manifest.json": rooted], .chrome)?.message == "Could not load javascript 'tmp/x.js' for script.")

        let icon = manifest(#""icons": {"16": "/icon.png"}, "action": {"default_icon": "a.png"}"#)
        #expect(try Self.fileError(["manifest.json": icon], .chrome)?.message == "Could not load icon 'icon.png' specified in 'icons'.")
        #expect(try Self.fileError(["manifest.json": icon, "icon.png": ""], .chrome)?.message
            == "Could not load icon 'a.png' specified in 'action'.")

        let options = manifest(#""options_page": "../options.html""#)
        #expect(try Self.fileError(["manifest.json": options], .chrome)?.message == "Could not load options page 'options.html'.")
        #expect(try Self.fileError(["manifest.json": options, "options.html": ""], .chrome) == nil)

        // The order Chromium checks in: the background first, the options page last.
        let all = manifest(#""background": {"service_worker": "w.js"}, "options_page": "o.html", "content_scripts": [{"matches": ["<all_urls>"], "js": ["c.js"]}], "icons": {"16": "i.png"}"#)
        #expect(try Self.fileError(["manifest.json": all], .chrome)?.message == "Could not load background script ''.")
        #expect(try Self.fileError(["manifest.json": all, "w.js": ""], .chrome)?.message == "Could not load icon 'i.png' specified in 'icons'.")
        #expect(try Self.fileError(["manifest.json": all, "w.js": "", "i.png": ""], .chrome)?.message
            == "Could not load javascript 'c.js' for script.")
        #expect(try Self.fileError(["manifest.json": all, "w.js": "", "i.png": "", "c.js": ""], .chrome)?.message
            == "Could not load options page 'o.html'.")
    }

    @Test func chromeRefusesManifestVersion2() throws {
        let json = "{\"name\": \"N\", \"version\": \"1\",\n \"manifest_version\": 2}"
        let error = try #require(try Self.fileError(["manifest.json": json], .chrome))
        #expect(error.message == "Cannot install extension because it uses an unsupported manifest version.")
        #expect((error.line, error.column) == (2, 22))
        #expect(error.hint?.contains("`--flavor firefox` runs this one") == true)
        #expect(try Self.fileError(["manifest.json": json], .firefox) == nil)
        // Files are checked first, as Chromium does.
        let missing = "{\"manifest_version\": 2, \"name\": \"N\", \"version\": \"1\", \"background\": {\"scripts\": [\"nope.js\"]}}"
        #expect(try Self.fileError(["manifest.json": missing], .chrome)?.message == "Could not load background script 'nope.js'.")
    }

    @Test func localesAsChromeJudgesThem() throws {
        let withLocale = "{\"manifest_version\": 3, \"name\": \"N\", \"version\": \"1\",\n \"default_locale\": \"en\"}"
        let without = #"{"manifest_version": 3, "name": "N", "version": "1"}"#
        let noTree = try #require(try Self.fileError(["manifest.json": withLocale], .chrome))
        #expect(noTree.message == "Default locale was specified, but _locales subtree is missing.")
        #expect((noTree.line, noTree.column) == (2, 20))
        #expect(try Self.fileError(["manifest.json": without, "_locales/en/messages.json": "{}"], .chrome)?.message
            == "Localization used, but default_locale wasn't specified in the manifest.")
        #expect(try Self.fileError(["manifest.json": withLocale, "_locales/fr/messages.json": "{}"], .chrome)?.message
            == "Localization used, but default_locale wasn't specified in the manifest.")
        #expect(try Self.fileError(["manifest.json": withLocale, "_locales/en/x.txt": ""], .chrome)?.message
            == "Catalog file is missing for locale en.")
        #expect(try Self.fileError(["manifest.json": withLocale, "_locales/en/messages.json": "{}"], .chrome) == nil)
        #expect(try Self.fileError(
            ["manifest.json": withLocale, "_locales/en/messages.json": "{}", "_locales/xx_notalocale/messages.json": "{}"], .chrome) == nil)
        let badJSON = try #require(try Self.fileError(["manifest.json": withLocale, "_locales/en/messages.json": "{,}"], .chrome))
        #expect(badJSON.message.hasPrefix("Invalid locale file '"))
        #expect(badJSON.message.hasSuffix("_locales/en/messages.json': key must be a string at line 1 column 2"))
        #expect(Manifest.isLocaleName("en") && Manifest.isLocaleName("pt_BR") && Manifest.isLocaleName("zh_Hant_TW")
            && Manifest.isLocaleName("es_419"))
        #expect(!Manifest.isLocaleName("xx_notalocale") && !Manifest.isLocaleName("EN") && !Manifest.isLocaleName("en-US"))
    }

    @Test func localesAsFirefoxJudgesThem() throws {
        let withLocale = #"{"manifest_version": 3, "name": "N", "version": "1", "default_locale": "en"}"#
        let without = #"{"manifest_version": 3, "name": "N", "version": "1"}"#
        #expect(try Self.fileError(["manifest.json": without, "_locales/en/messages.json": "{}"], .firefox)?.message
            == "Reading manifest: The \"default_locale\" property is required when a \"_locales/\" directory is present.")
        let missing = try #require(try Self.fileError(["manifest.json": withLocale], .firefox))
        #expect(missing.message.hasPrefix("Loading locale file _locales/en/messages.json: Error: Error while loading 'file:///"))
        #expect(missing.message.hasSuffix("/_locales/en/messages.json' (NS_ERROR_FILE_NOT_FOUND)"))
        #expect(try Self.fileError(["manifest.json": withLocale, "_locales/en/messages.json": "{,}"], .firefox)?.message
            == "Loading locale file _locales/en/messages.json: SyntaxError: JSON.parse: expected property name or '}' at line 1 column 2 of the JSON data")
        #expect(try Self.fileError(["manifest.json": withLocale, "_locales/en/messages.json": "{}"], .firefox) == nil)
        #expect(try Self.fileError(["manifest.json": #"{"manifest_version": 3, "name": "N", "version": "1", "default_locale": ""}"#], .firefox) == nil)
    }

    @Test func aSpaceInAPatternHostIsAcceptedByChrome() throws {
        let json = #"{"manifest_version": 3, "name": "N", "version": "1", "host_permissions": ["https://exa mple.com/*"], "content_scripts": [{"matches": ["https://exa mple.com/*"], "js": ["cs.js"]}]}"#
        for flavor in Flavor.allCases {
            let manifest = try Self.parse(json, flavor)
            #expect(manifest.contentScripts.count == 1)
            #expect(manifest.hostPermissions == ["https://exa mple.com/*"])
            #expect(!manifest.contentScripts[0].matches(url: "https://example.com/", isTopFrame: true))
        }
        #expect(Self.error(#"{"manifest_version": 3, "name": "N", "version": "1", "content_scripts": [{"matches": ["https://a|b.com/*"], "js": ["cs.js"]}]}"#, .chrome)?.message
            == "Invalid value for 'content_scripts[0].matches[0]': Invalid host.")
    }
}
