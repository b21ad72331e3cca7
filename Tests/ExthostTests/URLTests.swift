import BrowserModel
import Exthost
import Foundation
import Testing

/// `URL` and `URLSearchParams` in extension contexts (js/25_url.js over WebURL, through the engine), checked
/// against cases of the web-platform-tests URL suite (url/resources/urltestdata.json, setters_tests.json,
/// urlencoded-parser-data.json and the urlsearchparams-*.any.js, url-setters-stripping.any.js tests).
@Suite("URL and URLSearchParams")
struct URLTests {
    /// Helpers run before each test script: `check(name, fn)` runs one case and prints what failed;
    /// `same(actual, expected, what)` compares with `Object.is` (arrays item by item); `done()` prints
    /// `ok <number of cases>` when every case passed.
    static let kit = #"""
        let checked = 0, failed = 0;
        const show = (v) => { try { return JSON.stringify(v); } catch (e) { return String(v); } };
        function same(actual, expected, what) {
          if (Array.isArray(expected)) {
            if (!Array.isArray(actual) || actual.length !== expected.length) throw new Error((what || '') + ': ' + show(actual) + ' instead of ' + show(expected));
            expected.forEach((item, i) => same(actual[i], item, (what || '') + '[' + i + ']'));
          } else if (!Object.is(actual, expected)) {
            throw new Error((what || '') + ': ' + show(actual) + ' instead of ' + show(expected));
          }
        }
        function throwsTypeError(fn, what) {
          try { fn(); } catch (e) { if (e instanceof TypeError) return; throw new Error(what + ': threw ' + e); }
          throw new Error(what + ': did not throw');
        }
        function check(name, fn) {
          checked++;
          try { fn(); } catch (e) { failed++; console.log('FAIL ' + name + ' :: ' + (e && e.message)); }
        }
        function done() { if (failed === 0) console.log('ok ' + checked); }

        """#

    /// Runs `script` (after ``kit``) as an extension's background script; returns what it printed.
    private func run(_ script: String, flavor: Flavor = .chrome) throws -> [String] {
        try HostRun.run(files: ["manifest.json": TemporaryExtension.manifest(), "bg.js": Self.kit + script], flavor: flavor).texts
    }

    // MARK: - URL

    @Test func constructorMatchesWPTURLTestData() throws {
        // [input, base, [href, origin, protocol, username, password, host, hostname, port, pathname, search, hash]
        // (null: failure; a null part: not given), searchParams]
        let texts = try run("const cases = " + Self.urlTestData + ";\n" + #"""
            const names = ['href', 'origin', 'protocol', 'username', 'password', 'host', 'hostname', 'port', 'pathname', 'search', 'hash'];
            for (const [input, base, parts, searchParams] of cases) {
              check('<' + input + '> against <' + base + '>', () => {
                const make = () => (base === null ? new URL(input) : new URL(input, base));
                const baseArg = base === null ? undefined : base;
                if (parts === null) {
                  throwsTypeError(make, 'constructor');
                  same(URL.canParse(input, baseArg), false, 'canParse');
                  same(URL.parse(input, baseArg), null, 'parse');
                  return;
                }
                const url = make();
                names.forEach((name, i) => { if (parts[i] !== null) same(url[name], parts[i], name); });
                if (searchParams !== null) same(url.searchParams.toString(), searchParams, 'searchParams');
                same(URL.canParse(input, baseArg), true, 'canParse');
                same(URL.parse(input, baseArg).href, url.href, 'parse');
              });
            }
            done();
            """#)
        #expect(texts == ["ok \(Self.urlTestDataCount)"])
    }

    @Test func settersMatchWPTSetterTests() throws {
        // [attribute, href, new value, expected attributes]
        let texts = try run("const cases = " + Self.setterTests + ";\n" + #"""
            for (const [attribute, href, value, expected] of cases) {
              check('<' + href + '>.' + attribute + ' = ' + show(value), () => {
                const url = new URL(href);
                url[attribute] = value;
                for (const [name, text] of Object.entries(expected)) same(url[name], text, name);
              });
            }
            done();
            """#)
        #expect(texts == ["ok \(Self.setterTestsCount)"])
    }

    @Test func settersStripOnlyTabsAndNewlines() throws {
        // After url-setters-stripping.any.js: U+0000 and U+001F are kept (or refused), tabs and newlines removed.
        let texts = try run(#"""
            const make = ({ scheme = 'https', username = 'username', password = 'password', host = 'host', port = '8000',
              pathname = 'path', search = 'query', hash = 'fragment' }) =>
              `${scheme}://${username}:${password}@${host}:${port}/${pathname}?${search}#${hash}`;
            for (const scheme of ['https', 'wpt++']) {
              for (const code of [0x00, 0x09, 0x0A, 0x0D, 0x1F]) {
                const stripped = code === 0x09 || code === 0x0A || code === 0x0D;
                const c = String.fromCodePoint(code);
                const name = (what) => what + ' U+' + code.toString(16) + ' (' + scheme + ':)';
                const other = scheme === 'https' ? 'http' : 'wpt--';
                const expectedScheme = stripped ? other : scheme;
                for (const value of [c + other, other + c]) {
                  check(name('protocol'), () => {
                    const url = new URL(make({ scheme }));
                    url.protocol = value;
                    same(url.href, make({ scheme: expectedScheme }), 'href');
                  });
                }
                for (const [input, encoded, hostPart] of [[c + 'test', encodeURIComponent(c) + 'test', c + 'test'],
                  ['te' + c + 'st', 'te' + encodeURIComponent(c) + 'st', 'te' + c + 'st'],
                  ['test' + c, 'test' + encodeURIComponent(c), 'test' + c]]) {
                  for (const attribute of ['username', 'password']) {
                    check(name(attribute), () => {
                      const url = new URL(make({ scheme }));
                      url[attribute] = input;
                      same(url[attribute], encoded, attribute);
                      same(url.href, make({ scheme, [attribute]: encoded }), 'href');
                    });
                  }
                  for (const attribute of ['host', 'hostname']) {
                    check(name(attribute), () => {
                      const expected = code === 0 || (scheme === 'https' && code === 0x1F) ? 'host'
                        : stripped ? 'test' : scheme === 'https' ? hostPart : encoded;
                      const url = new URL(make({ scheme }));
                      url[attribute] = input;
                      same(url.href, make({ scheme, host: expected }), 'href');
                    });
                  }
                  for (const [attribute, separator] of [['pathname', '/'], ['search', '?'], ['hash', '#']]) {
                    check(name(attribute), () => {
                      const expected = stripped ? 'test' : encoded;
                      const url = new URL(make({ scheme }));
                      url[attribute] = input;
                      same(url[attribute], separator + expected, attribute);
                      same(url.href, make({ scheme, [attribute]: expected }), 'href');
                    });
                  }
                }
                for (const [value, expected] of [[c + '9000', stripped ? '9000' : '8000'], ['90' + c + '00', stripped ? '9000' : '90'], ['9000' + c, '9000']]) {
                  check(name('port ' + show(value)), () => {
                    const url = new URL(make({ scheme }));
                    url.port = value;
                    same(url.port, expected, 'port');
                    same(url.href, make({ scheme, port: expected }), 'href');
                  });
                }
              }
            }
            done();
            """#)
        // 2 schemes × 5 code points × (2 protocol + 3 × (2 + 2 + 3) + 3 port)
        #expect(texts == ["ok 260"])
    }

    @Test func settersKeepWhatTheyParsedBeforeFailing() throws {
        let texts = try run(#"""
            const url = new URL('http://example.net:8080/path');
            url.host = 'example.com:65536';
            console.log(url.href);
            url.host = 'example.org:80x';
            console.log(url.href);
            url.hostname = 'example.edu:1';
            console.log(url.href);
            url.port = '';
            url.protocol = 'HTTPS:ignored';
            console.log(url.href);
            url.port = '443';
            console.log(url.href, url.port === '');
            url.pathname = '/a b/../c?d#e';
            url.search = '?#x y';
            url.hash = '##z';
            console.log(url.href);
            url.search = '';
            url.hash = '';
            console.log(url.href);
            """#)
        #expect(texts == [
            "http://example.com:8080/path",
            "http://example.org/path",
            "http://example.org/path",
            "https://example.org/path",
            "https://example.org/path true",
            "https://example.org/c%3Fd%23e?%23x%20y##z",
            "https://example.org/c%3Fd%23e",
        ])
    }

    @Test func hrefSetterReparsesAndThrowsOnFailure() throws {
        let texts = try run(#"""
            const url = new URL('https://a.example/?x=1');
            const params = url.searchParams;
            url.href = 'http://b.example/p?y=2&z';
            console.log(url.href, url.host, params.toString(), url.searchParams === params);
            try { url.href = 'not a url'; } catch (e) { console.log(e.constructor.name, e.message); }
            console.log(url.href, params.get('y'));
            """#)
        #expect(texts == [
            "http://b.example/p?y=2&z b.example y=2&z= true",
            "TypeError Failed to set the 'href' property on 'URL': Invalid URL",
            "http://b.example/p?y=2&z 2",
        ])
    }

    @Test func argumentsAreConvertedToUSVStrings() throws {
        let texts = try run(#"""
            console.log(new URL('http://example.com/\uD800\uDFFF\uD800?\uDC00#\uDBFF').href);
            console.log(new URL('/p', 'http://example.com/' + '\uD834').href);
            console.log(new URL({ toString: () => 'http://from-object/' }).href);
            try { new URL(Symbol('x')); } catch (e) { console.log(e.constructor.name); }
            console.log(new URL('http://a/', undefined).href, URL.canParse('/x', undefined), URL.canParse('/x', null));
            console.log(new URL('null', 'http://a/b/').href);
            """#)
        #expect(texts == [
            "http://example.com/%F0%90%8F%BF%EF%BF%BD?%EF%BF%BD#%EF%BF%BD",
            "http://example.com/p",
            "http://from-object/",
            "TypeError",
            "http://a/ false false",
            "http://a/b/null",
        ])
    }

    // MARK: - URLSearchParams

    @Test func urlencodedParserMatchesWPT() throws {
        let texts = try run("const cases = " + Self.urlencodedParserData + ";\n" + #"""
            for (const [input, output] of cases) {
              check('parse ' + show(input), () => same([...new URLSearchParams(input)], output, 'entries'));
            }
            done();
            """#)
        #expect(texts == ["ok 35"])
    }

    @Test func constructorAcceptsStringsPairsAndRecords() throws {
        let texts = try run(#"""
            const show2 = (params) => JSON.stringify([...params]);
            console.log(show2(new URLSearchParams('?a=b&c')), show2(new URLSearchParams('??a')), show2(new URLSearchParams()));
            console.log(show2(new URLSearchParams([['c', 'x'], ['a', '?'], new Set(['s', 1])])));
            console.log(show2(new URLSearchParams({ c: 'x', a: '?', 2: 'two' })));
            console.log(show2(new URLSearchParams({ '\uD835x': '1', xx: '2', '\uD83Dx': '3' })) === JSON.stringify([['\uFFFDx', '3'], ['xx', '2']]));
            const seed = new URLSearchParams('a=b&c=d');
            const copy = new URLSearchParams(seed);
            seed.append('e', 'f');
            console.log(copy.toString(), seed.toString());
            const custom = new URLSearchParams();
            custom[Symbol.iterator] = function* () { yield ['from', 'iterator']; };
            console.log(new URLSearchParams(custom).toString());
            console.log(new URLSearchParams(null).toString(), new URLSearchParams(12).toString());
            for (const bad of [[[1]], [[1, 2, 3]], [1], { [Symbol.iterator]: 1 }]) {
              try { new URLSearchParams(bad); console.log('no error'); } catch (e) { console.log(e.constructor.name + ': ' + e.message); }
            }
            """#)
        #expect(texts == [
            #"[["a","b"],["c",""]] [["?a",""]] []"#,
            #"[["c","x"],["a","?"],["s","1"]]"#,
            #"[["2","two"],["c","x"],["a","?"]]"#,
            "true",
            "a=b&c=d a=b&c=d&e=f",
            "from=iterator",
            "null= 12=",
            "TypeError: Failed to construct 'URLSearchParams': Sequence initializer must only contain pair elements",
            "TypeError: Failed to construct 'URLSearchParams': Sequence initializer must only contain pair elements",
            "TypeError: Failed to construct 'URLSearchParams': The provided value cannot be converted to a sequence.",
            "TypeError: Failed to construct 'URLSearchParams': The object must have a callable @@iterator property.",
        ])
    }

    @Test func methodsFollowTheStandard() throws {
        let texts = try run(#"""
            const params = new URLSearchParams('a=1&b=2&a=3&c');
            console.log(params.get('a'), params.get('x'), params.get('c'), JSON.stringify(params.getAll('a')), params.getAll('x').length);
            console.log(params.has('a'), params.has('a', '3'), params.has('a', '2'), params.has('a', undefined), params.has('z'));
            params.append('a', 4);
            params.set('b', 'new');
            params.set('d', null);
            console.log(params.toString(), params.size);
            params.delete('a', '3');
            console.log(params.toString());
            params.delete('a', undefined);
            console.log(params.toString(), params.size);
            params.set('b', '1');
            params.append('b', '2');
            params.set('b', 'only');
            console.log(params.toString());
            const p = new URLSearchParams();
            p.append('a b', 'c+d');
            p.append("*-._!'()~", '=&%\0\n\u00e9\uD83D\uDCA9');
            console.log(p.toString());
            console.log(new URLSearchParams(p.toString()).get("*-._!'()~") === '=&%\0\n\u00e9\uD83D\uDCA9');
            const sorted = new URLSearchParams('z=b&a=b&z=a&a=a&\uFB03&\uD83C\uDF08&=e');
            sorted.sort();
            console.log(JSON.stringify([...sorted.keys()]), JSON.stringify([...sorted.values()]));
            const seen = [];
            const self = {};
            new URLSearchParams('x=1&y=2').forEach(function (value, key, object) { seen.push(key + '=' + value, this === self, object instanceof URLSearchParams); }, self);
            console.log(seen.join(' '));
            console.log(JSON.stringify([...new URLSearchParams('k=v').entries()]), String(new URLSearchParams('a=%zz%41')));
            """#)
        #expect(texts == [
            #"1 null  ["1","3"] 0"#,
            "true true false true false",
            "a=1&b=new&a=3&c=&a=4&d=null 6",
            "a=1&b=new&c=&a=4&d=null",
            "b=new&c=&d=null 3",
            "b=only&c=&d=null",
            "a+b=c%2Bd&*-._%21%27%28%29%7E=%3D%26%25%00%0A%C3%A9%F0%9F%92%A9",
            "true",
            #"["","a","a","z","z","🌈","ﬃ"] ["e","b","a","b","a","",""]"#,
            "x=1 true true y=2 true true",
            #"[["k","v"]] a=%25zzA"#,
        ])
    }

    @Test func iterationIsLive() throws {
        let texts = try run(#"""
            const params = new URLSearchParams('p0=0&p1=1&p2=2');
            const seen = [];
            for (const [key] of params) { seen.push(key); params.delete(key); }
            console.log(seen.join(','), params.toString());
            const url = new URL('http://a.b/c?a=1&b=2&c=3&d=4');
            const pairs = [];
            for (const pair of url.searchParams) { url.search = 'x=1&y=2&z=3'; pairs.push(pair.join('=')); }
            console.log(pairs.join(','));
            const growing = new URLSearchParams('a=1');
            const iterator = growing.keys();
            console.log(JSON.stringify(iterator.next()), JSON.stringify(iterator.next()));
            growing.append('b', '2');
            console.log(JSON.stringify(iterator.next()));
            let calls = 0;
            growing.forEach(() => { if (calls++ === 0) growing.append('c', '3'); });
            console.log(calls);
            """#)
        #expect(texts == [
            "p0,p2 p1=1",
            "a=1,y=2,z=3",
            #"{"value":"a","done":false} {"done":true}"#,
            #"{"value":"b","done":false}"#,
            "3",
        ])
    }

    @Test func searchParamsStayLinkedToTheirURL() throws {
        let texts = try run(#"""
            const url = new URL('http://example.org/file?a=b&c=d');
            const params = url.searchParams;
            console.log(String(url.searchParams === params), params.toString());
            url.search = 'e=f&g=h';
            console.log(url.search, params.toString());
            params.append('i', ' j ');
            params.set('e', 'updated');
            console.log(url.href);
            params.delete('e'); params.delete('g'); params.delete('i');
            console.log(url.href, JSON.stringify(url.search));
            const empty = new URL('http://example.com/?');
            empty.searchParams.sort();
            console.log(empty.href);
            const odd = new URL('http://www.example.com/?a=b,c');
            odd.searchParams.append('x', 'y');
            console.log(odd.href);
            const twice = new URL('http://example.org/file??a=b&c=d');
            console.log(twice.search, twice.searchParams.toString());
            const opaque = new URL('data:space    ?test#frag');
            opaque.searchParams.delete('test');
            console.log(opaque.href, JSON.stringify(opaque.pathname));
            url.search = '?';
            console.log(String(url.searchParams.size), JSON.stringify(url.href));
            try { (function () { 'use strict'; url.searchParams = new URLSearchParams('x'); })(); } catch (e) { console.log(e.constructor.name); }
            """#)
        #expect(texts == [
            "true a=b&c=d",
            "?e=f&g=h e=f&g=h",
            "http://example.org/file?e=updated&g=h&i=+j+",
            #"http://example.org/file """#,
            "http://example.com/",
            "http://www.example.com/?a=b%2Cc&x=y",
            "??a=b&c=d %3Fa=b&c=d",
            #"data:space   %20#frag "space   %20""#,
            #"0 "http://example.org/file?""#,
            "TypeError",
        ])
    }

    // MARK: - The interfaces

    @Test func globalsLookLikeTheBrowsers() throws {
        let texts = try run(#"""
            for (const name of ['URL', 'URLSearchParams']) {
              const d = Object.getOwnPropertyDescriptor(globalThis, name);
              console.log(name, d.enumerable, d.writable, d.configurable, Object.keys(globalThis).includes(name));
            }
            const url = new URL('https://example.com:8443/a?b=c#d');
            console.log(Object.prototype.toString.call(url), Object.prototype.toString.call(url.searchParams),
              Object.prototype.toString.call(url.searchParams.entries()), String(url), JSON.stringify({ url }));
            console.log([URL.length, URLSearchParams.length, URL.name, URL.canParse.length, URL.parse.length,
              URLSearchParams.prototype.append.length, URLSearchParams.prototype.delete.length, URLSearchParams.prototype.forEach.length].join(' '));
            const href = Object.getOwnPropertyDescriptor(URL.prototype, 'href');
            console.log(href.get.name, href.set.name, href.enumerable, href.configurable, Object.keys(URL.prototype).join(','));
            console.log(Object.keys(URLSearchParams.prototype).join(','));
            console.log(URLSearchParams.prototype[Symbol.iterator] === URLSearchParams.prototype.entries,
              Object.getPrototypeOf(Object.getPrototypeOf(url.searchParams.keys())) === Object.getPrototypeOf(Object.getPrototypeOf([].keys())));
            class Link extends URL { get isSecure() { return this.protocol === 'https:'; } }
            const link = new Link('/x', 'https://example.com/');
            console.log([link instanceof URL, link.isSecure, link.href, URL.parse('nope'), URL.parse('b', 'http://a/') instanceof URL].join(' '));
            const descriptor = Object.getOwnPropertyDescriptor(URL, 'prototype');
            console.log(descriptor.writable, descriptor.enumerable, descriptor.configurable, Object.keys(url).length);
            """#)
        #expect(texts == [
            "URL false true true false",
            "URLSearchParams false true true false",
            #"[object URL] [object URLSearchParams] [object URLSearchParams Iterator] https://example.com:8443/a?b=c#d {"url":"https://example.com:8443/a?b=c#d"}"#,
            "1 0 URL 1 1 2 1 1",
            "get href set href true true toString,href,origin,protocol,username,password,host,hostname,port,pathname,search,searchParams,hash,toJSON",
            "size,append,delete,get,getAll,has,set,sort,forEach,entries,keys,values,toString",
            "true true",
            "true true https://example.com/x  true",
            "false false false 0",
        ])
    }

    @Test(arguments: Flavor.allCases)
    func errorsUseTheBrowsersWording(flavor: Flavor) throws {
        let texts = try run(#"""
            const attempt = (fn) => { try { fn(); console.log('no error'); } catch (e) { console.log(e.constructor.name + ': ' + e.message); } };
            attempt(() => new URL('foo'));
            attempt(() => new URL('foo', 'bar'));
            attempt(() => new URL());
            attempt(() => URL('http://a/'));
            attempt(() => { new URL('http://a/').href = 'nope'; });
            attempt(() => new URLSearchParams().append('a'));
            attempt(() => new URLSearchParams().get());
            attempt(() => new URLSearchParams().forEach(1));
            attempt(() => new URLSearchParams([['a']]));
            attempt(() => Object.getOwnPropertyDescriptor(URL.prototype, 'host').get.call({}));
            attempt(() => URLSearchParams.prototype.append.call(new URL('http://a/'), 'a', 'b'));
            attempt(() => URL.canParse());
            """#, flavor: flavor)
        switch flavor {
        case .chrome:
            #expect(texts == [
                "TypeError: Failed to construct 'URL': Invalid URL",
                "TypeError: Failed to construct 'URL': Invalid base URL",
                "TypeError: Failed to construct 'URL': 1 argument required, but only 0 present.",
                "TypeError: Failed to construct 'URL': Please use the 'new' operator, this DOM object constructor cannot be called as a function.",
                "TypeError: Failed to set the 'href' property on 'URL': Invalid URL",
                "TypeError: Failed to execute 'append' on 'URLSearchParams': 2 arguments required, but only 1 present.",
                "TypeError: Failed to execute 'get' on 'URLSearchParams': 1 argument required, but only 0 present.",
                "TypeError: Failed to execute 'forEach' on 'URLSearchParams': The callback provided as parameter 1 is not a function.",
                "TypeError: Failed to construct 'URLSearchParams': Sequence initializer must only contain pair elements",
                "TypeError: Illegal invocation",
                "TypeError: Illegal invocation",
                "TypeError: Failed to execute 'canParse' on 'URL': 1 argument required, but only 0 present.",
            ])
        case .firefox:
            #expect(texts == [
                "TypeError: URL constructor: foo is not a valid URL.",
                "TypeError: URL constructor: bar is not a valid URL.",
                "TypeError: URL constructor: At least 1 argument required, but only 0 passed",
                "TypeError: URL constructor: 'new' is required",
                "TypeError: URL.href setter: nope is not a valid URL.",
                "TypeError: URLSearchParams.append: At least 2 arguments required, but only 1 passed",
                "TypeError: URLSearchParams.get: At least 1 argument required, but only 0 passed",
                "TypeError: URLSearchParams.forEach: Argument 1 is not callable.",
                "TypeError: URLSearchParams constructor: Expected 2 items in pair but got 1",
                "TypeError: 'get host' called on an object that does not implement interface URL.",
                "TypeError: 'append' called on an object that does not implement interface URLSearchParams.",
                "TypeError: URL.canParse: At least 1 argument required, but only 0 passed",
            ])
        }
    }

    @Test func contentScriptsHaveURLToo() throws {
        let run = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(contentScripts: #"[{"matches": ["<all_urls>"], "js": ["content.js"]}]"#),
            "bg.js": "console.log(new URL('options.html', chrome.runtime.getURL('/')).pathname);",
            "content.js": "const u = new URL('other.html?x=1', location.href); console.log(u.href, u.searchParams.get('x'), u.origin);",
        ], open: ["http://127.0.0.1:8000/index.html"])
        #expect(run.lines == [
            "background: /options.html",
            "content 2/0: http://127.0.0.1:8000/other.html?x=1 1 http://127.0.0.1:8000",
        ])
    }

    // MARK: - WebURL's setters, directly

    @Test(arguments: [
        ("http://example.net:8080/path", WebURL.SettableAttribute.host, "example.com:65536", "http://example.com:8080/path"),
        ("http://example.net/", .hostname, "example.com:8080", "http://example.net/"),
        ("http://example.net/", .protocol, "https:foo", "https://example.net/"),
        ("http://example.net/", .protocol, "foo", "http://example.net/"),
        ("http://foo.com:443/", .protocol, "https", "https://foo.com/"),
        ("file://hi/x", .host, "localhost", "file:///x"),
        ("sc://x/", .host, "", "sc:///"),
        ("sc://u@x/", .host, "", "sc://u@x/"),
        ("http://example.net/", .port, "8080stuff", "http://example.net:8080/"),
        ("http://example.net:8080/", .port, "", "http://example.net/"),
        ("file:///x", .port, "1", "file:///x"),
        ("http://example.net/", .username, "a@b:c", "http://a%40b%3Ac@example.net/"),
        ("http://example.net/", .pathname, "a?b#c d", "http://example.net/a%3Fb%23c%20d"),
        ("sc:/x", .pathname, "", "sc:/"),
        ("data:text/plain,x", .pathname, "/y", "data:text/plain,x"),
        ("http://example.net/", .search, "?a#b c", "http://example.net/?a%23b%20c"),
        ("http://example.net/?q#f", .search, "", "http://example.net/#f"),
        ("http://example.net/", .hash, "#a#b c", "http://example.net/#a#b%20c"),
        ("http://example.net/#f", .hash, "", "http://example.net/"),
    ])
    func webURLSettingAppliesTheStandardsSetters(href: String, attribute: WebURL.SettableAttribute, value: String, expected: String) throws {
        let url = try #require(WebURL(string: href))
        #expect(url.setting(attribute, to: value).href == expected)
    }

    @Test func webURLSetterResultsParseBackToThemselves() throws {
        let url = try #require(WebURL(string: "https://user:pw@[::1]:8443/a/b?c#d"))
        for attribute in WebURL.SettableAttribute.allCases {
            let changed = url.setting(attribute, to: "x1")
            #expect(WebURL(string: changed.href)?.href == changed.href, "\(attribute)")
        }
        #expect(url.setting(.host, to: "10.0.0.1:1").hostWithPort == "10.0.0.1:1")
    }
}

// MARK: - Test data

extension URLTests {
    /// Cases of WPT url/resources/urltestdata.json (every twelfth, and those with `searchParams`; the IDNA `xn--` cases are left out: WebURL's IDNA is an approximation): `[input, base, parts or null, searchParams]`.
    static let urlTestData = #"""
        [
        ["http://example\t.\norg","http://example.org/foo/bar",["http://example.org/","http://example.org","http:","","","example.org","example.org","","/","",""],null],
        ["http://f:/c","http://example.org/foo/bar",["http://f/c","http://f","http:","","","f","f","","/c","",""],null],
        ["  \t","http://example.org/foo/bar",["http://example.org/foo/bar","http://example.org","http:","","","example.org","example.org","","/foo/bar","",""],null],
        ["?","http://example.org/foo/bar",["http://example.org/foo/bar?","http://example.org","http:","","","example.org","example.org","","/foo/bar","",""],null],
        ["http::@c:29","http://example.org/foo/bar",["http://example.org/foo/:@c:29","http://example.org","http:","","","example.org","example.org","","/foo/:@c:29","",""],null],
        ["foo://///////bar.com/","http://example.org/foo/bar",["foo://///////bar.com/","null","foo:","","","","","","///////bar.com/","",""],null],
        ["http://2001::1]:80","http://example.org/foo/bar",null],
        ["file://example:1/",null,null],
        ["ftp:example.com/","http://example.org/foo/bar",["ftp://example.com/","ftp://example.com","ftp:","","","example.com","example.com","","/","",""],null],
        ["/a%2fc","http://example.org/foo/bar",["http://example.org/a%2fc","http://example.org","http:","","","example.org","example.org","","/a%2fc","",""],null],
        ["\\\\server\\file","file:///tmp/mock/path",["file://server/file",null,"file:","","","server","server","","/file","",""],null],
        ["file:test","file:///tmp/mock/path",["file:///tmp/mock/test",null,"file:","","","","","","/tmp/mock/test","",""],null],
        ["http://example.com/foo/..bar",null,["http://example.com/foo/..bar","http://example.com","http:","","","example.com","example.com","","/foo/..bar","",""],null],
        ["http://example.com/%20foo",null,["http://example.com/%20foo","http://example.com","http:","","","example.com","example.com","","/%20foo","",""],null],
        ["http://example.com/%7Ffp3%3Eju%3Dduvgw%3Dd",null,["http://example.com/%7Ffp3%3Eju%3Dduvgw%3Dd","http://example.com","http:","","","example.com","example.com","","/%7Ffp3%3Eju%3Dduvgw%3Dd","",""],null],
        ["http://www/foo/%2E/html",null,["http://www/foo/html","http://www","http:","","","www","www","","/foo/html","",""],null],
        ["gopher://foo:70/",null,["gopher://foo:70/","null","gopher:","","","foo:70","foo","70","/","",""],null],
        ["https:/example.com/",null,["https://example.com/","https://example.com","https:","","","example.com","example.com","","/","",""],null],
        ["https:example.com/",null,["https://example.com/","https://example.com","https:","","","example.com","example.com","","/","",""],null],
        ["http://@www.example.com",null,["http://www.example.com/","http://www.example.com","http:","","","www.example.com","www.example.com","","/","",""],null],
        ["http://@/www.example.com",null,null],
        ["http://@:www.example.com",null,null],
        ["http://www.example2.com","http://www.example.com/test",["http://www.example2.com/","http://www.example2.com","http:","","","www.example2.com","www.example2.com","","/","",""],null],
        ["http://GOO\u00a0\u3000goo.com","http://other.com/",null],
        ["http://\ufdd0zyx.com","http://other.com/",null],
        ["http://\uff05\uff14\uff11.com","http://other.com/",null],
        ["http://192.168.0.257","http://other.com/",null],
        ["http://[::1.2.]","http://other.com/",null],
        ["#","test:test",["test:test#","null","test:","","","","","","test","",""],null],
        ["","http://user:pass@example.org:21/smth",["http://user:pass@example.org:21/smth","http://example.org:21","http:","user","pass","example.org:21","example.org","21","/smth","",""],null],
        ["/i","sc:sd",null],
        ["#i","sc:/pa/pa",["sc:/pa/pa#i","null","sc:","","","","","","/pa/pa","","#i"],null],
        ["sc://:12/",null,null],
        ["sc://a\\b/",null,null],
        ["http://a\u0005b/",null,null],
        ["http://a\u0014b/",null,null],
        ["http://a b/",null,null],
        ["http://ho%00st/",null,null],
        ["http://ho%0Cst/",null,null],
        ["http://ho%18st/",null,null],
        ["http://ho%3Ast/",null,null],
        ["ftp://example.com%80/",null,null],
        ["?a=b&c=d","http://example.org/foo/bar",["http://example.org/foo/bar?a=b&c=d","http://example.org","http:","","","example.org","example.org","","/foo/bar","?a=b&c=d",""],"a=b&c=d"],
        ["??a=b&c=d","http://example.org/foo/bar",["http://example.org/foo/bar??a=b&c=d","http://example.org","http:","","","example.org","example.org","","/foo/bar","??a=b&c=d",""],"%3Fa=b&c=d"],
        ["http:","http://example.org/foo/bar",["http://example.org/foo/bar","http://example.org","http:","","","example.org","example.org","","/foo/bar","",""],""],
        ["sc:","https://example.org/foo/bar",["sc:","null","sc:","","","","","","","",""],""],
        ["http://foo.bar/baz?qux#foo\bbar",null,["http://foo.bar/baz?qux#foo%08bar","http://foo.bar","http:","","","foo.bar","foo.bar","","/baz","?qux","#foo%08bar"],"qux="],
        ["http://foo.bar/baz?qux#foo\"bar",null,["http://foo.bar/baz?qux#foo%22bar","http://foo.bar","http:","","","foo.bar","foo.bar","","/baz","?qux","#foo%22bar"],"qux="],
        ["http://foo.bar/baz?qux#foo<bar",null,["http://foo.bar/baz?qux#foo%3Cbar","http://foo.bar","http:","","","foo.bar","foo.bar","","/baz","?qux","#foo%3Cbar"],"qux="],
        ["http://foo.bar/baz?qux#foo>bar",null,["http://foo.bar/baz?qux#foo%3Ebar","http://foo.bar","http:","","","foo.bar","foo.bar","","/baz","?qux","#foo%3Ebar"],"qux="],
        ["http://foo.bar/baz?qux#foo`bar",null,["http://foo.bar/baz?qux#foo%60bar","http://foo.bar","http:","","","foo.bar","foo.bar","","/baz","?qux","#foo%60bar"],"qux="],
        ["http://192.168.257.com","http://other.com/",["http://192.168.257.com/","http://192.168.257.com","http:","","","192.168.257.com","192.168.257.com","","/","",""],null],
        ["http://0xffffffff","http://other.com/",["http://255.255.255.255/","http://255.255.255.255","http:","","","255.255.255.255","255.255.255.255","","/","",""],null],
        ["file://%43%7C",null,null],
        ["/","file://h/a/b",["file://h/",null,"file:","","","h","h","","/","",""],null],
        ["file:\\\\\\\\",null,["file:////",null,"file:","","","","","","//","",""],null],
        ["/..//localhost//pig","file://lion/",["file://lion//localhost//pig",null,"file:","","","lion","lion","","//localhost//pig","",""],null],
        ["C|a","file://host/dir/file",["file://host/dir/C|a",null,"file:","","","host","host","","/dir/C|a","",""],null],
        ["file:C:/","file://host/",["file://host/C:/",null,"file:","","","host","host","","/C:/","",""],null],
        ["file:///Y:/",null,["file:///Y:/",null,"file:","","","","","","/Y:/","",""],null],
        ["file:///one/two","file:///",["file:///one/two",null,"file:","","","","","","/one/two","",""],null],
        ["https://[0:0:]",null,null],
        ["sc://\u00f1#x",null,["sc://%C3%B1#x","null","sc:","","","%C3%B1","%C3%B1","","","","#x"],null],
        ["rsync://foo@host:911/sup",null,["rsync://foo@host:911/sup","null","rsync:","foo","","host:911","host","911","/sup","",""],null],
        ["non-spec:/..//path",null,["non-spec:/.//path",null,"non-spec:","","","","","","//path","",""],null],
        ["non-special://[1:2:0:0:0:0:0:3]/",null,["non-special://[1:2::3]/",null,"non-special:","","","[1:2::3]","[1:2::3]","","/","",""],null],
        ["blob:ws://example.org/",null,["blob:ws://example.org/","null","blob:","","","","","","ws://example.org/","",""],null],
        ["http://example.org/test?\u2323",null,["http://example.org/test?%E2%8C%A3",null,"http:","","","example.org","example.org","","/test","?%E2%8C%A3",""],null],
        ["test-a-colon-slash-b.html","a:/b",["a:/test-a-colon-slash-b.html",null,"a:","","","","","","/test-a-colon-slash-b.html","",""],null],
        ["file://%C2%AD/p",null,null],
        ["wss://!\"$&'()*+,-.;=_`{}~/",null,["wss://!\"$&'()*+,-.;=_`{}~/","wss://!\"$&'()*+,-.;=_`{}~","wss:","","","!\"$&'()*+,-.;=_`{}~","!\"$&'()*+,-.;=_`{}~","","/","",""],null],
        ["?",null,null],
        ["http://01.2.3.4.5",null,null],
        ["http://foo.0x4",null,null],
        ["https://x/\uffffy",null,["https://x/%EF%BF%BFy",null,"https:","","","x","x","","/%EF%BF%BFy","",""],null],
        ["https://example.com/\"quoted\"",null,["https://example.com/%22quoted%22","https://example.com","https:","","","example.com","example.com","","/%22quoted%22","",""],null],
        ["javascript:///test",null,["javascript:///test","null","javascript:","","","","","","/test","",""],null],
        ["intent:///test",null,["intent:///test","null","intent:","","","","","","/test","",""],null],
        ["turn:///test",null,["turn:///test","null","turn:","","","","","","/test","",""],null],
        ["west://x:0",null,["west://x:0","null","west:","","","x:0","x","0","","",""],null],
        ["fuchsia-dir://x:0",null,["fuchsia-dir://x:0","null","fuchsia-dir:","","","x:0","x","0","","",""],null],
        ["//a/../","file:///",["file://a/",null,"file:","","","a","a","","/","",""],null],
        ["about:blank#<foo> <bar>",null,["about:blank#%3Cfoo%3E%20%3Cbar%3E",null,"about:","","","","","","blank","","#%3Cfoo%3E%20%3Cbar%3E"],null]
        ]
        """#
    /// The number of cases in ``urlTestData``.
    static let urlTestDataCount = 83

    /// The WPT url/resources/setters_tests.json cases that carry a comment (the ones that show a rule), less two IDNA `xn--` cases: `[attribute, href, new value, expected]`.
    static let setterTests = #"""
        [
        ["protocol","a://example.net","",{"href":"a://example.net","protocol":"a:"}],
        ["protocol","a://example.net","B",{"href":"b://example.net","protocol":"b:"}],
        ["protocol","a://example.net","\u00e9",{"href":"a://example.net","protocol":"a:"}],
        ["protocol","a://example.net","0b",{"href":"a://example.net","protocol":"a:"}],
        ["protocol","a://example.net","+b",{"href":"a://example.net","protocol":"a:"}],
        ["protocol","a://example.net","b,c",{"href":"a://example.net","protocol":"a:"}],
        ["protocol","a://example.net","b\u00e9",{"href":"a://example.net","protocol":"a:"}],
        ["protocol","http://test@example.net","file",{"href":"http://test@example.net/","protocol":"http:"}],
        ["protocol","file://localhost/","http",{"href":"file:///","protocol":"file:"}],
        ["protocol","http://example.net","b",{"href":"http://example.net/","protocol":"http:"}],
        ["protocol","mailto:me@example.net","http",{"href":"mailto:me@example.net","protocol":"mailto:"}],
        ["protocol","ssh://me@example.net","http",{"href":"ssh://me@example.net","protocol":"ssh:"}],
        ["protocol","http://example.net","https:foo : bar",{"href":"https://example.net/","protocol":"https:"}],
        ["protocol","data:text/html,<p>Test","view-source+data:foo : bar",{"href":"view-source+data:text/html,<p>Test","protocol":"view-source+data:"}],
        ["protocol","http://foo.com:443/","https",{"href":"https://foo.com/","protocol":"https:","port":""}],
        ["protocol","http://test/","h\r\ntt\tps",{"href":"https://test/","protocol":"https:","port":""}],
        ["protocol","http://test/","https\u0000",{"href":"http://test/","protocol":"http:"}],
        ["username","file:///home/you/index.html","me",{"href":"file:///home/you/index.html","username":""}],
        ["username","unix:/run/foo.socket","me",{"href":"unix:/run/foo.socket","username":""}],
        ["username","mailto:you@example.net","me",{"href":"mailto:you@example.net","username":""}],
        ["username","http://example.net","\u0000\u0001\t\n\r\u001f !\"#$%&'()*+,-./09:;<=>?@AZ[\\]^_`az{|}~\u007f\u0080\u0081\u00c9\u00e9",{"href":"http://%00%01%09%0A%0D%1F%20!%22%23$%&'()*+,-.%2F09%3A%3B%3C%3D%3E%3F%40AZ%5B%5C%5D%5E_%60az%7B%7C%7D~%7F%C2%80%C2%81%C3%89%C3%A9@example.net/","username":"%00%01%09%0A%0D%1F%20!%22%23$%&'()*+,-.%2F09%3A%3B%3C%3D%3E%3F%40AZ%5B%5C%5D%5E_%60az%7B%7C%7D~%7F%C2%80%C2%81%C3%89%C3%A9"}],
        ["username","http://example.net","%c3%89t\u00e9",{"href":"http://%c3%89t%C3%A9@example.net/","username":"%c3%89t%C3%A9"}],
        ["password","file:///home/me/index.html","secret",{"href":"file:///home/me/index.html","password":""}],
        ["password","unix:/run/foo.socket","secret",{"href":"unix:/run/foo.socket","password":""}],
        ["password","mailto:me@example.net","secret",{"href":"mailto:me@example.net","password":""}],
        ["password","http://example.net","\u0000\u0001\t\n\r\u001f !\"#$%&'()*+,-./09:;<=>?@AZ[\\]^_`az{|}~\u007f\u0080\u0081\u00c9\u00e9",{"href":"http://:%00%01%09%0A%0D%1F%20!%22%23$%&'()*+,-.%2F09%3A%3B%3C%3D%3E%3F%40AZ%5B%5C%5D%5E_%60az%7B%7C%7D~%7F%C2%80%C2%81%C3%89%C3%A9@example.net/","password":"%00%01%09%0A%0D%1F%20!%22%23$%&'()*+,-.%2F09%3A%3B%3C%3D%3E%3F%40AZ%5B%5C%5D%5E_%60az%7B%7C%7D~%7F%C2%80%C2%81%C3%89%C3%A9"}],
        ["password","http://example.net","%c3%89t\u00e9",{"href":"http://:%c3%89t%C3%A9@example.net/","password":"%c3%89t%C3%A9"}],
        ["host","sc://x/","\u0000",{"href":"sc://x/","host":"x","hostname":"x"}],
        ["host","https://x/","\u00df",{"href":"https://xn--zca/","host":"xn--zca","hostname":"xn--zca"}],
        ["host","mailto:me@example.net","example.com",{"href":"mailto:me@example.net","host":""}],
        ["host","data:text/plain,Stuff","example.net",{"href":"data:text/plain,Stuff","host":""}],
        ["host","http://example.net:8080","example.com",{"href":"http://example.com:8080/","host":"example.com:8080","hostname":"example.com","port":"8080"}],
        ["host","http://example.net:8080","example.com:",{"href":"http://example.com:8080/","host":"example.com:8080","hostname":"example.com","port":"8080"}],
        ["host","http://example.net","",{"href":"http://example.net/","host":"example.net"}],
        ["host","view-source+http://example.net/foo","",{"href":"view-source+http:///foo","host":""}],
        ["host","a:/foo","example.net",{"href":"a://example.net/foo","host":"example.net"}],
        ["host","http://example.net","0x7F000001:8080",{"href":"http://127.0.0.1:8080/","host":"127.0.0.1:8080","hostname":"127.0.0.1","port":"8080"}],
        ["host","http://example.net","[::0:01]:2",{"href":"http://[::1]:2/","host":"[::1]:2","hostname":"[::1]","port":"2"}],
        ["host","http://example.net","[2001:db8::2]:4002",{"href":"http://[2001:db8::2]:4002/","host":"[2001:db8::2]:4002","hostname":"[2001:db8::2]","port":"4002"}],
        ["host","http://example.net","example.com:80",{"href":"http://example.com/","host":"example.com","hostname":"example.com","port":""}],
        ["host","https://example.net","example.com:443",{"href":"https://example.com/","host":"example.com","hostname":"example.com","port":""}],
        ["host","https://example.net","example.com:80",{"href":"https://example.com:80/","host":"example.com:80","hostname":"example.com","port":"80"}],
        ["host","http://example.net:8080","example.com:80",{"href":"http://example.com/","host":"example.com","hostname":"example.com","port":""}],
        ["host","http://example.net/path","example.com/stuff",{"href":"http://example.com/path","host":"example.com","hostname":"example.com","port":""}],
        ["host","http://example.net/path","example.com:8080/stuff",{"href":"http://example.com:8080/path","host":"example.com:8080","hostname":"example.com","port":"8080"}],
        ["host","http://example.net/path","example.com?stuff",{"href":"http://example.com/path","host":"example.com","hostname":"example.com","port":""}],
        ["host","http://example.net/path","example.com?stuff:8080",{"href":"http://example.com/path","host":"example.com","hostname":"example.com","port":""}],
        ["host","http://example.net/path","example.com:8080?stuff",{"href":"http://example.com:8080/path","host":"example.com:8080","hostname":"example.com","port":"8080"}],
        ["host","http://example.net/path","example.com#stuff",{"href":"http://example.com/path","host":"example.com","hostname":"example.com","port":""}],
        ["host","http://example.net/path","example.com:8080#stuff",{"href":"http://example.com:8080/path","host":"example.com:8080","hostname":"example.com","port":"8080"}],
        ["host","http://example.net/path","example.com\\stuff",{"href":"http://example.com/path","host":"example.com","hostname":"example.com","port":""}],
        ["host","http://example.net/path","example.com:8080\\stuff",{"href":"http://example.com:8080/path","host":"example.com:8080","hostname":"example.com","port":"8080"}],
        ["host","view-source+http://example.net/path","example.com\\stuff",{"href":"view-source+http://example.net/path","host":"example.net","hostname":"example.net","port":""}],
        ["host","view-source+http://example.net/path","example.com:8080stuff2",{"href":"view-source+http://example.com:8080/path","host":"example.com:8080","hostname":"example.com","port":"8080"}],
        ["host","http://example.net/path","example.com:8080stuff2",{"href":"http://example.com:8080/path","host":"example.com:8080","hostname":"example.com","port":"8080"}],
        ["host","http://example.net/path","example.com:8080+2",{"href":"http://example.com:8080/path","host":"example.com:8080","hostname":"example.com","port":"8080"}],
        ["host","http://example.net:8080","example.com:invalid",{"href":"http://example.com:8080/","host":"example.com:8080","hostname":"example.com","port":"8080"}],
        ["host","http://example.net:8080/test","[::1]:invalid",{"href":"http://[::1]:8080/test","host":"[::1]:8080","hostname":"[::1]","port":"8080"}],
        ["host","http://example.net:8080/test","[::1]",{"href":"http://[::1]:8080/test","host":"[::1]:8080","hostname":"[::1]","port":"8080"}],
        ["host","http://example.net/path","example.com:65535",{"href":"http://example.com:65535/path","host":"example.com:65535","hostname":"example.com","port":"65535"}],
        ["host","http://example.net/path","example.com:65536",{"href":"http://example.com/path","host":"example.com","hostname":"example.com","port":""}],
        ["host","http://example.net/","[google.com]",{"href":"http://example.net/","host":"example.net","hostname":"example.net"}],
        ["host","http://example.com/","///bad.com",{"href":"http://example.com/","host":"example.com","hostname":"example.com"}],
        ["host","sc://example.com/","///bad.com",{"href":"sc:///","host":"","hostname":""}],
        ["hostname","sc://x/","\u0000",{"href":"sc://x/","host":"x","hostname":"x"}],
        ["hostname","mailto:me@example.net","example.com",{"href":"mailto:me@example.net","host":""}],
        ["hostname","data:text/plain,Stuff","example.net",{"href":"data:text/plain,Stuff","host":""}],
        ["hostname","http://example.net","",{"href":"http://example.net/","host":"example.net"}],
        ["hostname","view-source+http://example.net/foo","",{"href":"view-source+http:///foo","host":""}],
        ["hostname","a:/foo","example.net",{"href":"a://example.net/foo","host":"example.net"}],
        ["hostname","http://example.net:8080","0x7F000001",{"href":"http://127.0.0.1:8080/","host":"127.0.0.1:8080","hostname":"127.0.0.1","port":"8080"}],
        ["hostname","http://example.net","[::0:01]",{"href":"http://[::1]/","host":"[::1]","hostname":"[::1]","port":""}],
        ["hostname","http://example.net/path","example.com:8080",{"href":"http://example.net/path","host":"example.net","hostname":"example.net","port":""}],
        ["hostname","http://example.net:8080/path","example.com:",{"href":"http://example.net:8080/path","host":"example.net:8080","hostname":"example.net","port":"8080"}],
        ["hostname","http://example.net/path","example.com/stuff",{"href":"http://example.com/path","host":"example.com","hostname":"example.com","port":""}],
        ["hostname","http://example.net/path","example.com?stuff",{"href":"http://example.com/path","host":"example.com","hostname":"example.com","port":""}],
        ["hostname","http://example.net/path","example.com#stuff",{"href":"http://example.com/path","host":"example.com","hostname":"example.com","port":""}],
        ["hostname","http://example.net/path","example.com\\stuff",{"href":"http://example.com/path","host":"example.com","hostname":"example.com","port":""}],
        ["hostname","view-source+http://example.net/path","example.com\\stuff",{"href":"view-source+http://example.net/path","host":"example.net","hostname":"example.net","port":""}],
        ["hostname","http://example.net/","[google.com]",{"href":"http://example.net/","host":"example.net","hostname":"example.net"}],
        ["hostname","non-spec:/.//p","h",{"href":"non-spec://h//p","host":"h","hostname":"h","pathname":"//p"}],
        ["hostname","http://example.com/","///bad.com",{"href":"http://example.com/","host":"example.com","hostname":"example.com"}],
        ["hostname","sc://example.com/","///bad.com",{"href":"sc:///","host":"","hostname":""}],
        ["port","http://example.net:8080","",{"href":"http://example.net/","host":"example.net","hostname":"example.net","port":""}],
        ["port","http://example.net:8080","80",{"href":"http://example.net/","host":"example.net","hostname":"example.net","port":""}],
        ["port","https://example.net:4433","443",{"href":"https://example.net/","host":"example.net","hostname":"example.net","port":""}],
        ["port","https://example.net","80",{"href":"https://example.net:80/","host":"example.net:80","hostname":"example.net","port":"80"}],
        ["port","http://example.net/path","8080/stuff",{"href":"http://example.net:8080/path","host":"example.net:8080","hostname":"example.net","port":"8080"}],
        ["port","http://example.net/path","8080?stuff",{"href":"http://example.net:8080/path","host":"example.net:8080","hostname":"example.net","port":"8080"}],
        ["port","http://example.net/path","8080#stuff",{"href":"http://example.net:8080/path","host":"example.net:8080","hostname":"example.net","port":"8080"}],
        ["port","http://example.net/path","8080\\stuff",{"href":"http://example.net:8080/path","host":"example.net:8080","hostname":"example.net","port":"8080"}],
        ["port","view-source+http://example.net/path","8080stuff2",{"href":"view-source+http://example.net:8080/path","host":"example.net:8080","hostname":"example.net","port":"8080"}],
        ["port","http://example.net/path","8080stuff2",{"href":"http://example.net:8080/path","host":"example.net:8080","hostname":"example.net","port":"8080"}],
        ["port","http://example.net/path","8080+2",{"href":"http://example.net:8080/path","host":"example.net:8080","hostname":"example.net","port":"8080"}],
        ["port","http://example.net/path","65535",{"href":"http://example.net:65535/path","host":"example.net:65535","hostname":"example.net","port":"65535"}],
        ["port","http://example.net:8080/path","65536",{"href":"http://example.net:8080/path","host":"example.net:8080","hostname":"example.net","port":"8080"}],
        ["port","http://example.net:8080/path","randomstring",{"href":"http://example.net:8080/path","host":"example.net:8080","hostname":"example.net","port":"8080"}],
        ["port","non-special://example.net:8080/path","65536",{"href":"non-special://example.net:8080/path","host":"example.net:8080","hostname":"example.net","port":"8080"}],
        ["port","https://domain.com:443","\t8080",{"href":"https://domain.com:8080/","port":"8080"}],
        ["port","wpt++://domain.com:443","\t8080",{"href":"wpt++://domain.com:8080","port":"8080"}],
        ["port","https://www.google.com:4343","4wpt",{"href":"https://www.google.com:4/","port":"4"}],
        ["pathname","mailto:me@example.net","/foo",{"href":"mailto:me@example.net","pathname":"me@example.net"}],
        ["pathname","file:///some/path","",{"href":"file:///","pathname":"/"}],
        ["pathname","foo://somehost/some/path","",{"href":"foo://somehost","pathname":""}],
        ["pathname","foo:///some/path","",{"href":"foo://","pathname":""}],
        ["pathname","foo:/some/path","",{"href":"foo:/","pathname":"/"}],
        ["pathname","foo:/some/path","test",{"href":"foo:/test","pathname":"/test"}],
        ["pathname","http://example.net/home?lang=fr#nav","\\a\\%2E\\b\\%2e.\\c",{"href":"http://example.net/a/c?lang=fr#nav","pathname":"/a/c"}],
        ["pathname","view-source+http://example.net/home?lang=fr#nav","\\a\\%2E\\b\\%2e.\\c",{"href":"view-source+http://example.net/\\a\\%2E\\b\\%2e.\\c?lang=fr#nav","pathname":"/\\a\\%2E\\b\\%2e.\\c"}],
        ["pathname","a:/","\u0000\u0001\t\n\r\u001f !\"#$%&'()*+,-./09:;<=>?@AZ[\\]^_`az{|}~\u007f\u0080\u0081\u00c9\u00e9",{"href":"a:/%00%01%1F%20!%22%23$%&'()*+,-./09:;%3C=%3E%3F@AZ[\\]%5E_%60az%7B|%7D~%7F%C2%80%C2%81%C3%89%C3%A9","pathname":"/%00%01%1F%20!%22%23$%&'()*+,-./09:;%3C=%3E%3F@AZ[\\]%5E_%60az%7B|%7D~%7F%C2%80%C2%81%C3%89%C3%A9"}],
        ["pathname","http://example.net","%2e%2E%c3%89t\u00e9",{"href":"http://example.net/%2e%2E%c3%89t%C3%A9","pathname":"/%2e%2E%c3%89t%C3%A9"}],
        ["pathname","http://example.net","?",{"href":"http://example.net/%3F","pathname":"/%3F"}],
        ["pathname","http://example.net","#",{"href":"http://example.net/%23","pathname":"/%23"}],
        ["pathname","sc://example.net","?",{"href":"sc://example.net/%3F","pathname":"/%3F"}],
        ["pathname","sc://example.net","#",{"href":"sc://example.net/%23","pathname":"/%23"}],
        ["pathname","http://example.net","/?\u00e9",{"href":"http://example.net/%3F%C3%A9","pathname":"/%3F%C3%A9"}],
        ["pathname","http://example.net","/#\u00e9",{"href":"http://example.net/%23%C3%A9","pathname":"/%23%C3%A9"}],
        ["pathname","file://monkey/","\\\\",{"href":"file://monkey//","pathname":"//"}],
        ["pathname","file:///unicorn","//\\/",{"href":"file://////","pathname":"////"}],
        ["pathname","file:///unicorn","//monkey/..//",{"href":"file://///","pathname":"///"}],
        ["pathname","non-spec:/","/.//p",{"href":"non-spec:/.//p","pathname":"//p"}],
        ["pathname","non-spec:/.//","p",{"href":"non-spec:/p","pathname":"/p"}],
        ["pathname","data:/nospace","space ",{"href":"data:/space%20","pathname":"/space%20"}],
        ["pathname","http://example.net"," ",{"href":"http://example.net/%20","pathname":"/%20"}],
        ["pathname","http://example.net","\u0000",{"href":"http://example.net/%00","pathname":"/%00"}],
        ["search","a:/","\u0000\u0001\t\n\r\u001f !\"#$%&'()*+,-./09:;<=>?@AZ[\\]^_`az{|}~\u007f\u0080\u0081\u00c9\u00e9",{"href":"a:/?%00%01%1F%20!%22%23$%&'()*+,-./09:;%3C=%3E?@AZ[\\]^_`az{|}~%7F%C2%80%C2%81%C3%89%C3%A9","search":"?%00%01%1F%20!%22%23$%&'()*+,-./09:;%3C=%3E?@AZ[\\]^_`az{|}~%7F%C2%80%C2%81%C3%89%C3%A9"}],
        ["search","http://example.net","%c3%89t\u00e9",{"href":"http://example.net/?%c3%89t%C3%A9","search":"?%c3%89t%C3%A9"}],
        ["search","data:space ?query","",{"href":"data:space%20","pathname":"space%20","search":""}],
        ["search","data:space  ?query#fragment","",{"href":"data:space %20#fragment","search":""}],
        ["search","http://example.net"," ",{"href":"http://example.net/?%20","search":"?%20"}],
        ["search","http://example.net","\u0000",{"href":"http://example.net/?%00","search":"?%00"}],
        ["hash","a:/","\u0000\u0001\t\n\r\u001f !\"#$%&'()*+,-./09:;<=>?@AZ[\\]^_`az{|}~\u007f\u0080\u0081\u00c9\u00e9",{"href":"a:/#%00%01%1F%20!%22#$%&'()*+,-./09:;%3C=%3E?@AZ[\\]^_%60az{|}~%7F%C2%80%C2%81%C3%89%C3%A9","hash":"#%00%01%1F%20!%22#$%&'()*+,-./09:;%3C=%3E?@AZ[\\]^_%60az{|}~%7F%C2%80%C2%81%C3%89%C3%A9"}],
        ["hash","http://example.net","a\u0000b",{"href":"http://example.net/#a%00b","hash":"#a%00b"}],
        ["hash","non-spec:/","a\u0000b",{"href":"non-spec:/#a%00b","hash":"#a%00b"}],
        ["hash","http://example.net","%c3%89t\u00e9",{"href":"http://example.net/#%c3%89t%C3%A9","hash":"#%c3%89t%C3%A9"}],
        ["hash","data:space                                                                                                                                  #fragment","",{"href":"data:space                                                                                                                                 %20","pathname":"space                                                                                                                                 %20","hash":""}],
        ["hash","data:space  ?query#fragment","",{"href":"data:space %20?query","hash":""}],
        ["hash","http://example.net"," ",{"href":"http://example.net/#%20","hash":"#%20"}],
        ["hash","http://example.net","\u0000",{"href":"http://example.net/#%00","hash":"#%00"}],
        ["hash","data:text/plain,test","#<foo> <bar>",{"href":"data:text/plain,test#%3Cfoo%3E%20%3Cbar%3E","hash":"#%3Cfoo%3E%20%3Cbar%3E"}],
        ["hash","about:blank","#<foo> <bar>",{"href":"about:blank#%3Cfoo%3E%20%3Cbar%3E","hash":"#%3Cfoo%3E%20%3Cbar%3E"}],
        ["hash","data:text/plain,test","#\u0000\u0001\t\n\r\u001f !\"#$%&'()*+,-./09:;<=>?@AZ[\\]^_`az{|}~\u007f\u0080\u0081\u00c9\u00e9",{"href":"data:text/plain,test#%00%01%1F%20!%22#$%&'()*+,-./09:;%3C=%3E?@AZ[\\]^_%60az{|}~%7F%C2%80%C2%81%C3%89%C3%A9","hash":"#%00%01%1F%20!%22#$%&'()*+,-./09:;%3C=%3E?@AZ[\\]^_%60az{|}~%7F%C2%80%C2%81%C3%89%C3%A9"}],
        ["hash","about:blank","#\u0000\u0001\t\n\r\u001f !\"#$%&'()*+,-./09:;<=>?@AZ[\\]^_`az{|}~\u007f\u0080\u0081\u00c9\u00e9",{"href":"about:blank#%00%01%1F%20!%22#$%&'()*+,-./09:;%3C=%3E?@AZ[\\]^_%60az{|}~%7F%C2%80%C2%81%C3%89%C3%A9","hash":"#%00%01%1F%20!%22#$%&'()*+,-./09:;%3C=%3E?@AZ[\\]^_%60az{|}~%7F%C2%80%C2%81%C3%89%C3%A9"}]
        ]
        """#
    /// The number of cases in ``setterTests``.
    static let setterTestsCount = 143

    /// WPT url/resources/urlencoded-parser-data.json: `[input, output pairs]`.
    static let urlencodedParserData = #"""
        [
        ["test",[["test",""]]],
        ["\ufefftest=\ufeff",[["\ufefftest","\ufeff"]]],
        ["%EF%BB%BFtest=%EF%BB%BF",[["\ufefftest","\ufeff"]]],
        ["%EF%BF%BF=%EF%BF%BF",[["\uffff","\uffff"]]],
        ["%FE%FF",[["\ufffd\ufffd",""]]],
        ["%FF%FE",[["\ufffd\ufffd",""]]],
        ["\u2020&\u2020=x",[["\u2020",""],["\u2020","x"]]],
        ["%C2",[["\ufffd",""]]],
        ["%C2x",[["\ufffdx",""]]],
        ["_charset_=windows-1252&test=%C2x",[["_charset_","windows-1252"],["test","\ufffdx"]]],
        ["",[]],
        ["a",[["a",""]]],
        ["a=b",[["a","b"]]],
        ["a=",[["a",""]]],
        ["=b",[["","b"]]],
        ["&",[]],
        ["&a",[["a",""]]],
        ["a&",[["a",""]]],
        ["a&a",[["a",""],["a",""]]],
        ["a&b&c",[["a",""],["b",""],["c",""]]],
        ["a=b&c=d",[["a","b"],["c","d"]]],
        ["a=b&c=d&",[["a","b"],["c","d"]]],
        ["&&&a=b&&&&c=d&",[["a","b"],["c","d"]]],
        ["a=a&a=b&a=c",[["a","a"],["a","b"],["a","c"]]],
        ["a==a",[["a","=a"]]],
        ["a=a+b+c+d",[["a","a b c d"]]],
        ["%=a",[["%","a"]]],
        ["%a=a",[["%a","a"]]],
        ["%a_=a",[["%a_","a"]]],
        ["%61=a",[["a","a"]]],
        ["%61+%4d%4D=",[["a MM",""]]],
        ["id=0&value=%",[["id","0"],["value","%"]]],
        ["b=%2sf%2a",[["b","%2sf*"]]],
        ["b=%2%2af%2a",[["b","%2*f*"]]],
        ["b=%%2a",[["b","%*"]]]
        ]
        """#
}
