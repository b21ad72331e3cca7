import Testing

@testable import BrowserModel

@Suite struct GlobTests {
    @Test(arguments: Flavor.allCases)
    func commonRules(_ flavor: Flavor) {
        func glob(_ text: String) -> Glob { Glob(text, flavor: flavor) }
        #expect(glob("*").matches(""))
        #expect(glob("*").matches("anything at all"))
        #expect(glob("").matches(""))
        #expect(!glob("").matches("x"))
        #expect(glob("abc").matches("abc"))
        #expect(!glob("abc").matches("abcd"))
        #expect(!glob("abc").matches("xabc"))
        #expect(glob("a*c").matches("ac"))
        #expect(glob("a*c").matches("abbbc"))
        #expect(!glob("a*c").matches("abcd"))
        #expect(glob("*.example.com/*").matches("www.example.com/path"))
        #expect(glob("http://*.google.com/foo*bar").matches("http://www.google.com/foo/baz/bar"))
        #expect(glob("*a*b*").matches("xxaxxbxx"))
        #expect(!glob("*a*b*").matches("xxbxxaxx"))
        #expect(glob("a?c").matches("abc"))
        #expect(!glob("a?c").matches("abbc"))
        #expect(glob("Ünï*").matches("Ünïcode"))
        #expect(!glob("ABC").matches("abc"))
    }

    /// Chromium's `base::MatchPattern`: `?` matches zero or one character, `\` escapes.
    @Test func chromeSpecifics() {
        #expect(Glob("a?c", flavor: .chrome).matches("ac"))
        #expect(Glob("a\\*c", flavor: .chrome).matches("a*c"))
        #expect(!Glob("a\\*c", flavor: .chrome).matches("abc"))
        #expect(Glob("a\\?", flavor: .chrome).matches("a?"))
        #expect(Glob("a\\\\b", flavor: .chrome).matches("a\\b"))
        // Examples from Chromium's pattern_unittest.cc.
        #expect(Glob("*.*", flavor: .chrome).matches("www.google.com"))
        #expect(Glob("*", flavor: .chrome).matches("Hello"))
        #expect(!Glob("Hello*1234", flavor: .chrome).matches("Hello"))
        #expect(Glob("Hello*", flavor: .chrome).matches("Hello"))
        #expect(Glob("*.*.*", flavor: .chrome).matches("A.B.C"))
        #expect(!Glob("bbb.com", flavor: .chrome).matches("bbb.c"))
        #expect(Glob("*\\*", flavor: .chrome).matches("*"))
        #expect(Glob("??", flavor: .chrome).matches(""))
        #expect(Glob("??", flavor: .chrome).matches("a"))
        #expect(!Glob("??", flavor: .chrome).matches("abc"))
    }

    /// Firefox's `MatchGlob`: `?` is exactly one character, `\` is literal, wildcards stop at line feeds.
    @Test func firefoxSpecifics() {
        #expect(!Glob("a?c", flavor: .firefox).matches("ac"))
        #expect(Glob("a\\*c", flavor: .firefox).matches("a\\xyzc"))
        #expect(!Glob("a*c", flavor: .firefox).matches("a\nc"))
        #expect(Glob("a*", flavor: .firefox).matches("a\nb"))
        #expect(Glob("a.c", flavor: .firefox).matches("a.c"))
        #expect(!Glob("a.c", flavor: .firefox).matches("abc"))
        #expect(Glob("(x)*[y]", flavor: .firefox).matches("(x)zz[y]"))
    }

    /// Every string of `alphabet` up to `length` characters.
    static func words(_ alphabet: [Unicode.Scalar], upTo length: Int) -> [[Unicode.Scalar]] {
        var all: [[Unicode.Scalar]] = [[]]
        var last: [[Unicode.Scalar]] = [[]]
        for _ in 0..<length {
            last = last.flatMap { word in alphabet.map { word + [$0] } }
            all += last
        }
        return all
    }

    /// A Chromium pattern read once (as a match pattern's path is) answers as Chromium's search does,
    /// for every pattern of up to 5 characters of `a b * ? \` and every string of up to 5 of `a b ? \`.
    @Test func aChromiumPatternReadOnceAnswersAsTheSearch() {
        let patterns = Self.words(["a", "b", "*", "?", "\\"], upTo: 4)
        let strings = Self.words(["a", "b", "?", "\\"], upTo: 4)
        var compared = 0
        for pattern in patterns {
            guard let compiled = Glob.ChromiumPattern(pattern) else {
                // (Only a last run ending in a lone backslash is left to the search.)
                #expect(pattern.last == "\\", "\(String(String.UnicodeScalarView(pattern)))")
                continue
            }
            for string in strings where compiled.matches(string) != Glob.chromiumMatches(string, pattern: pattern) {
                Issue.record("pattern \(String(String.UnicodeScalarView(pattern))) string \(String(String.UnicodeScalarView(string)))")
                return
            }
            compared += strings.count
        }
        #expect(compared > 200_000)
    }
}
