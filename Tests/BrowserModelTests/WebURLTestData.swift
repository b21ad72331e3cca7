// Test cases from the web-platform-tests URL suite (url/resources/urltestdata.json), limited to the schemes
// exthost deals with: http(s), ws(s), ftp, file, about, data, blob, javascript, mailto and non-special schemes with
// an authority (as chrome-extension:// and moz-extension:// are), plus every case that must fail to parse.
// Cases with lone surrogates are left out (a Swift string cannot hold one). Two path cases are updated to the
// current URL Standard, which percent-encodes "^" in paths (their "note" says so).

/// The WPT URL test cases, as JSON.
let webURLTestDataJSON = ##"""
[
{
"input": "http://example\t.\norg",
"base": "http://example.org/foo/bar",
"pathname": "/",
"href": "http://example.org/",
"origin": "http://example.org",
"hostname": "example.org",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://user:pass@foo:21/bar;par?b#c",
"base": "http://example.org/foo/bar",
"pathname": "/bar;par",
"href": "http://user:pass@foo:21/bar;par?b#c",
"origin": "http://foo:21",
"hostname": "foo",
"port": "21",
"search": "?b",
"hash": "#c",
"protocol": "http:"
},
{
"input": "https://test:@test",
"base": null,
"pathname": "/",
"href": "https://test@test/",
"origin": "https://test",
"hostname": "test",
"port": "",
"search": "",
"hash": "",
"protocol": "https:"
},
{
"input": "https://:@test",
"base": null,
"pathname": "/",
"href": "https://test/",
"origin": "https://test",
"hostname": "test",
"port": "",
"search": "",
"hash": "",
"protocol": "https:"
},
{
"input": "non-special://test:@test/x",
"base": null,
"pathname": "/x",
"href": "non-special://test@test/x",
"origin": "null",
"hostname": "test",
"port": "",
"search": "",
"hash": "",
"protocol": "non-special:"
},
{
"input": "non-special://:@test/x",
"base": null,
"pathname": "/x",
"href": "non-special://test/x",
"origin": "null",
"hostname": "test",
"port": "",
"search": "",
"hash": "",
"protocol": "non-special:"
},
{
"input": "http:foo.com",
"base": "http://example.org/foo/bar",
"pathname": "/foo/foo.com",
"href": "http://example.org/foo/foo.com",
"origin": "http://example.org",
"hostname": "example.org",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "\t   :foo.com   \n",
"base": "http://example.org/foo/bar",
"pathname": "/foo/:foo.com",
"href": "http://example.org/foo/:foo.com",
"origin": "http://example.org",
"hostname": "example.org",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": " foo.com  ",
"base": "http://example.org/foo/bar",
"pathname": "/foo/foo.com",
"href": "http://example.org/foo/foo.com",
"origin": "http://example.org",
"hostname": "example.org",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://f:21/ b ? d # e ",
"base": "http://example.org/foo/bar",
"pathname": "/%20b%20",
"href": "http://f:21/%20b%20?%20d%20#%20e",
"origin": "http://f:21",
"hostname": "f",
"port": "21",
"search": "?%20d%20",
"hash": "#%20e",
"protocol": "http:"
},
{
"input": "http://f:/c",
"base": "http://example.org/foo/bar",
"pathname": "/c",
"href": "http://f/c",
"origin": "http://f",
"hostname": "f",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://f:0/c",
"base": "http://example.org/foo/bar",
"pathname": "/c",
"href": "http://f:0/c",
"origin": "http://f:0",
"hostname": "f",
"port": "0",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://f:00000000000000/c",
"base": "http://example.org/foo/bar",
"pathname": "/c",
"href": "http://f:0/c",
"origin": "http://f:0",
"hostname": "f",
"port": "0",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://f:00000000000000000000080/c",
"base": "http://example.org/foo/bar",
"pathname": "/c",
"href": "http://f/c",
"origin": "http://f",
"hostname": "f",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://f:b/c",
"base": "http://example.org/foo/bar",
"failure": true
},
{
"input": "http://f: /c",
"base": "http://example.org/foo/bar",
"failure": true
},
{
"input": "http://f:\n/c",
"base": "http://example.org/foo/bar",
"pathname": "/c",
"href": "http://f/c",
"origin": "http://f",
"hostname": "f",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://f:fifty-two/c",
"base": "http://example.org/foo/bar",
"failure": true
},
{
"input": "http://f:999999/c",
"base": "http://example.org/foo/bar",
"failure": true
},
{
"input": "non-special://f:999999/c",
"base": "http://example.org/foo/bar",
"failure": true
},
{
"input": "http://f: 21 / b ? d # e ",
"base": "http://example.org/foo/bar",
"failure": true
},
{
"input": "",
"base": "http://example.org/foo/bar",
"pathname": "/foo/bar",
"href": "http://example.org/foo/bar",
"origin": "http://example.org",
"hostname": "example.org",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "  \t",
"base": "http://example.org/foo/bar",
"pathname": "/foo/bar",
"href": "http://example.org/foo/bar",
"origin": "http://example.org",
"hostname": "example.org",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": ":foo.com/",
"base": "http://example.org/foo/bar",
"pathname": "/foo/:foo.com/",
"href": "http://example.org/foo/:foo.com/",
"origin": "http://example.org",
"hostname": "example.org",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": ":foo.com\\",
"base": "http://example.org/foo/bar",
"pathname": "/foo/:foo.com/",
"href": "http://example.org/foo/:foo.com/",
"origin": "http://example.org",
"hostname": "example.org",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": ":",
"base": "http://example.org/foo/bar",
"pathname": "/foo/:",
"href": "http://example.org/foo/:",
"origin": "http://example.org",
"hostname": "example.org",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": ":a",
"base": "http://example.org/foo/bar",
"pathname": "/foo/:a",
"href": "http://example.org/foo/:a",
"origin": "http://example.org",
"hostname": "example.org",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": ":/",
"base": "http://example.org/foo/bar",
"pathname": "/foo/:/",
"href": "http://example.org/foo/:/",
"origin": "http://example.org",
"hostname": "example.org",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": ":\\",
"base": "http://example.org/foo/bar",
"pathname": "/foo/:/",
"href": "http://example.org/foo/:/",
"origin": "http://example.org",
"hostname": "example.org",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": ":#",
"base": "http://example.org/foo/bar",
"pathname": "/foo/:",
"href": "http://example.org/foo/:#",
"origin": "http://example.org",
"hostname": "example.org",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "#",
"base": "http://example.org/foo/bar",
"pathname": "/foo/bar",
"href": "http://example.org/foo/bar#",
"origin": "http://example.org",
"hostname": "example.org",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "#/",
"base": "http://example.org/foo/bar",
"pathname": "/foo/bar",
"href": "http://example.org/foo/bar#/",
"origin": "http://example.org",
"hostname": "example.org",
"port": "",
"search": "",
"hash": "#/",
"protocol": "http:"
},
{
"input": "#\\",
"base": "http://example.org/foo/bar",
"pathname": "/foo/bar",
"href": "http://example.org/foo/bar#\\",
"origin": "http://example.org",
"hostname": "example.org",
"port": "",
"search": "",
"hash": "#\\",
"protocol": "http:"
},
{
"input": "#;?",
"base": "http://example.org/foo/bar",
"pathname": "/foo/bar",
"href": "http://example.org/foo/bar#;?",
"origin": "http://example.org",
"hostname": "example.org",
"port": "",
"search": "",
"hash": "#;?",
"protocol": "http:"
},
{
"input": "?",
"base": "http://example.org/foo/bar",
"pathname": "/foo/bar",
"href": "http://example.org/foo/bar?",
"origin": "http://example.org",
"hostname": "example.org",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "/",
"base": "http://example.org/foo/bar",
"pathname": "/",
"href": "http://example.org/",
"origin": "http://example.org",
"hostname": "example.org",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": ":23",
"base": "http://example.org/foo/bar",
"pathname": "/foo/:23",
"href": "http://example.org/foo/:23",
"origin": "http://example.org",
"hostname": "example.org",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "/:23",
"base": "http://example.org/foo/bar",
"pathname": "/:23",
"href": "http://example.org/:23",
"origin": "http://example.org",
"hostname": "example.org",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "\\x",
"base": "http://example.org/foo/bar",
"pathname": "/x",
"href": "http://example.org/x",
"origin": "http://example.org",
"hostname": "example.org",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "\\\\x\\hello",
"base": "http://example.org/foo/bar",
"pathname": "/hello",
"href": "http://x/hello",
"origin": "http://x",
"hostname": "x",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "::",
"base": "http://example.org/foo/bar",
"pathname": "/foo/::",
"href": "http://example.org/foo/::",
"origin": "http://example.org",
"hostname": "example.org",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "::23",
"base": "http://example.org/foo/bar",
"pathname": "/foo/::23",
"href": "http://example.org/foo/::23",
"origin": "http://example.org",
"hostname": "example.org",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "foo://",
"base": "http://example.org/foo/bar",
"pathname": "",
"href": "foo://",
"origin": "null",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "foo:"
},
{
"input": "http://a:b@c:29/d",
"base": "http://example.org/foo/bar",
"pathname": "/d",
"href": "http://a:b@c:29/d",
"origin": "http://c:29",
"hostname": "c",
"port": "29",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http::@c:29",
"base": "http://example.org/foo/bar",
"pathname": "/foo/:@c:29",
"href": "http://example.org/foo/:@c:29",
"origin": "http://example.org",
"hostname": "example.org",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://&a:foo(b]c@d:2/",
"base": "http://example.org/foo/bar",
"pathname": "/",
"href": "http://&a:foo(b%5Dc@d:2/",
"origin": "http://d:2",
"hostname": "d",
"port": "2",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://::@c@d:2",
"base": "http://example.org/foo/bar",
"pathname": "/",
"href": "http://:%3A%40c@d:2/",
"origin": "http://d:2",
"hostname": "d",
"port": "2",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://foo.com:b@d/",
"base": "http://example.org/foo/bar",
"pathname": "/",
"href": "http://foo.com:b@d/",
"origin": "http://d",
"hostname": "d",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://foo.com/\\@",
"base": "http://example.org/foo/bar",
"pathname": "//@",
"href": "http://foo.com//@",
"origin": "http://foo.com",
"hostname": "foo.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http:\\\\foo.com\\",
"base": "http://example.org/foo/bar",
"pathname": "/",
"href": "http://foo.com/",
"origin": "http://foo.com",
"hostname": "foo.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http:\\\\a\\b:c\\d@foo.com\\",
"base": "http://example.org/foo/bar",
"pathname": "/b:c/d@foo.com/",
"href": "http://a/b:c/d@foo.com/",
"origin": "http://a",
"hostname": "a",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "foo:/",
"base": "http://example.org/foo/bar",
"pathname": "/",
"href": "foo:/",
"origin": "null",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "foo:"
},
{
"input": "foo:/bar.com/",
"base": "http://example.org/foo/bar",
"pathname": "/bar.com/",
"href": "foo:/bar.com/",
"origin": "null",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "foo:"
},
{
"input": "foo://///////",
"base": "http://example.org/foo/bar",
"pathname": "///////",
"href": "foo://///////",
"origin": "null",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "foo:"
},
{
"input": "foo://///////bar.com/",
"base": "http://example.org/foo/bar",
"pathname": "///////bar.com/",
"href": "foo://///////bar.com/",
"origin": "null",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "foo:"
},
{
"input": "foo:////://///",
"base": "http://example.org/foo/bar",
"pathname": "//://///",
"href": "foo:////://///",
"origin": "null",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "foo:"
},
{
"input": "//foo/bar",
"base": "http://example.org/foo/bar",
"pathname": "/bar",
"href": "http://foo/bar",
"origin": "http://foo",
"hostname": "foo",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://foo/path;a??e#f#g",
"base": "http://example.org/foo/bar",
"pathname": "/path;a",
"href": "http://foo/path;a??e#f#g",
"origin": "http://foo",
"hostname": "foo",
"port": "",
"search": "??e",
"hash": "#f#g",
"protocol": "http:"
},
{
"input": "http://foo/abcd?efgh?ijkl",
"base": "http://example.org/foo/bar",
"pathname": "/abcd",
"href": "http://foo/abcd?efgh?ijkl",
"origin": "http://foo",
"hostname": "foo",
"port": "",
"search": "?efgh?ijkl",
"hash": "",
"protocol": "http:"
},
{
"input": "http://foo/abcd#foo?bar",
"base": "http://example.org/foo/bar",
"pathname": "/abcd",
"href": "http://foo/abcd#foo?bar",
"origin": "http://foo",
"hostname": "foo",
"port": "",
"search": "",
"hash": "#foo?bar",
"protocol": "http:"
},
{
"input": "[61:24:74]:98",
"base": "http://example.org/foo/bar",
"pathname": "/foo/[61:24:74]:98",
"href": "http://example.org/foo/[61:24:74]:98",
"origin": "http://example.org",
"hostname": "example.org",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http:[61:27]/:foo",
"base": "http://example.org/foo/bar",
"pathname": "/foo/[61:27]/:foo",
"href": "http://example.org/foo/[61:27]/:foo",
"origin": "http://example.org",
"hostname": "example.org",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://[1::2]:3:4",
"base": "http://example.org/foo/bar",
"failure": true
},
{
"input": "http://2001::1",
"base": "http://example.org/foo/bar",
"failure": true
},
{
"input": "http://2001::1]",
"base": "http://example.org/foo/bar",
"failure": true
},
{
"input": "http://2001::1]:80",
"base": "http://example.org/foo/bar",
"failure": true
},
{
"input": "http://[2001::1]",
"base": "http://example.org/foo/bar",
"pathname": "/",
"href": "http://[2001::1]/",
"origin": "http://[2001::1]",
"hostname": "[2001::1]",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://[::127.0.0.1]",
"base": "http://example.org/foo/bar",
"pathname": "/",
"href": "http://[::7f00:1]/",
"origin": "http://[::7f00:1]",
"hostname": "[::7f00:1]",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://[::127.0.0.1.]",
"base": "http://example.org/foo/bar",
"failure": true
},
{
"input": "http://[0:0:0:0:0:0:13.1.68.3]",
"base": "http://example.org/foo/bar",
"pathname": "/",
"href": "http://[::d01:4403]/",
"origin": "http://[::d01:4403]",
"hostname": "[::d01:4403]",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://[2001::1]:80",
"base": "http://example.org/foo/bar",
"pathname": "/",
"href": "http://[2001::1]/",
"origin": "http://[2001::1]",
"hostname": "[2001::1]",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http:/example.com/",
"base": "http://example.org/foo/bar",
"pathname": "/example.com/",
"href": "http://example.org/example.com/",
"origin": "http://example.org",
"hostname": "example.org",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "ftp:/example.com/",
"base": "http://example.org/foo/bar",
"pathname": "/",
"href": "ftp://example.com/",
"origin": "ftp://example.com",
"hostname": "example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "ftp:"
},
{
"input": "https:/example.com/",
"base": "http://example.org/foo/bar",
"pathname": "/",
"href": "https://example.com/",
"origin": "https://example.com",
"hostname": "example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "https:"
},
{
"input": "file:/example.com/",
"base": "http://example.org/foo/bar",
"pathname": "/example.com/",
"href": "file:///example.com/",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "file://example:1/",
"base": null,
"failure": true
},
{
"input": "file://example:test/",
"base": null,
"failure": true
},
{
"input": "file://example%/",
"base": null,
"failure": true
},
{
"input": "file://[example]/",
"base": null,
"failure": true
},
{
"input": "ws:/example.com/",
"base": "http://example.org/foo/bar",
"pathname": "/",
"href": "ws://example.com/",
"origin": "ws://example.com",
"hostname": "example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "ws:"
},
{
"input": "wss:/example.com/",
"base": "http://example.org/foo/bar",
"pathname": "/",
"href": "wss://example.com/",
"origin": "wss://example.com",
"hostname": "example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "wss:"
},
{
"input": "data:/example.com/",
"base": "http://example.org/foo/bar",
"pathname": "/example.com/",
"href": "data:/example.com/",
"origin": "null",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "data:"
},
{
"input": "javascript:/example.com/",
"base": "http://example.org/foo/bar",
"pathname": "/example.com/",
"href": "javascript:/example.com/",
"origin": "null",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "javascript:"
},
{
"input": "mailto:/example.com/",
"base": "http://example.org/foo/bar",
"pathname": "/example.com/",
"href": "mailto:/example.com/",
"origin": "null",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "mailto:"
},
{
"input": "http:example.com/",
"base": "http://example.org/foo/bar",
"pathname": "/foo/example.com/",
"href": "http://example.org/foo/example.com/",
"origin": "http://example.org",
"hostname": "example.org",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "ftp:example.com/",
"base": "http://example.org/foo/bar",
"pathname": "/",
"href": "ftp://example.com/",
"origin": "ftp://example.com",
"hostname": "example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "ftp:"
},
{
"input": "https:example.com/",
"base": "http://example.org/foo/bar",
"pathname": "/",
"href": "https://example.com/",
"origin": "https://example.com",
"hostname": "example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "https:"
},
{
"input": "ws:example.com/",
"base": "http://example.org/foo/bar",
"pathname": "/",
"href": "ws://example.com/",
"origin": "ws://example.com",
"hostname": "example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "ws:"
},
{
"input": "wss:example.com/",
"base": "http://example.org/foo/bar",
"pathname": "/",
"href": "wss://example.com/",
"origin": "wss://example.com",
"hostname": "example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "wss:"
},
{
"input": "data:example.com/",
"base": "http://example.org/foo/bar",
"pathname": "example.com/",
"href": "data:example.com/",
"origin": "null",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "data:"
},
{
"input": "javascript:example.com/",
"base": "http://example.org/foo/bar",
"pathname": "example.com/",
"href": "javascript:example.com/",
"origin": "null",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "javascript:"
},
{
"input": "mailto:example.com/",
"base": "http://example.org/foo/bar",
"pathname": "example.com/",
"href": "mailto:example.com/",
"origin": "null",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "mailto:"
},
{
"input": "/a/b/c",
"base": "http://example.org/foo/bar",
"pathname": "/a/b/c",
"href": "http://example.org/a/b/c",
"origin": "http://example.org",
"hostname": "example.org",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "/a/ /c",
"base": "http://example.org/foo/bar",
"pathname": "/a/%20/c",
"href": "http://example.org/a/%20/c",
"origin": "http://example.org",
"hostname": "example.org",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "/a%2fc",
"base": "http://example.org/foo/bar",
"pathname": "/a%2fc",
"href": "http://example.org/a%2fc",
"origin": "http://example.org",
"hostname": "example.org",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "/a/%2f/c",
"base": "http://example.org/foo/bar",
"pathname": "/a/%2f/c",
"href": "http://example.org/a/%2f/c",
"origin": "http://example.org",
"hostname": "example.org",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "#\u03b2",
"base": "http://example.org/foo/bar",
"pathname": "/foo/bar",
"href": "http://example.org/foo/bar#%CE%B2",
"origin": "http://example.org",
"hostname": "example.org",
"port": "",
"search": "",
"hash": "#%CE%B2",
"protocol": "http:"
},
{
"input": "data:text/html,test#test",
"base": "http://example.org/foo/bar",
"pathname": "text/html,test",
"href": "data:text/html,test#test",
"origin": "null",
"hostname": "",
"port": "",
"search": "",
"hash": "#test",
"protocol": "data:"
},
{
"input": "file:c:\\foo\\bar.html",
"base": "file:///tmp/mock/path",
"pathname": "/c:/foo/bar.html",
"href": "file:///c:/foo/bar.html",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "  File:c|////foo\\bar.html",
"base": "file:///tmp/mock/path",
"pathname": "/c:////foo/bar.html",
"href": "file:///c:////foo/bar.html",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "C|/foo/bar",
"base": "file:///tmp/mock/path",
"pathname": "/C:/foo/bar",
"href": "file:///C:/foo/bar",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "/C|\\foo\\bar",
"base": "file:///tmp/mock/path",
"pathname": "/C:/foo/bar",
"href": "file:///C:/foo/bar",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "//C|/foo/bar",
"base": "file:///tmp/mock/path",
"pathname": "/C:/foo/bar",
"href": "file:///C:/foo/bar",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "//server/file",
"base": "file:///tmp/mock/path",
"pathname": "/file",
"href": "file://server/file",
"hostname": "server",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "\\\\server\\file",
"base": "file:///tmp/mock/path",
"pathname": "/file",
"href": "file://server/file",
"hostname": "server",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "/\\server/file",
"base": "file:///tmp/mock/path",
"pathname": "/file",
"href": "file://server/file",
"hostname": "server",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "file:///foo/bar.txt",
"base": "file:///tmp/mock/path",
"pathname": "/foo/bar.txt",
"href": "file:///foo/bar.txt",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "file:///home/me",
"base": "file:///tmp/mock/path",
"pathname": "/home/me",
"href": "file:///home/me",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "//",
"base": "file:///tmp/mock/path",
"pathname": "/",
"href": "file:///",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "///",
"base": "file:///tmp/mock/path",
"pathname": "/",
"href": "file:///",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "///test",
"base": "file:///tmp/mock/path",
"pathname": "/test",
"href": "file:///test",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "file://test",
"base": "file:///tmp/mock/path",
"pathname": "/",
"href": "file://test/",
"hostname": "test",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "file://localhost",
"base": "file:///tmp/mock/path",
"pathname": "/",
"href": "file:///",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "file://localhost/",
"base": "file:///tmp/mock/path",
"pathname": "/",
"href": "file:///",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "file://localhost/test",
"base": "file:///tmp/mock/path",
"pathname": "/test",
"href": "file:///test",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "test",
"base": "file:///tmp/mock/path",
"pathname": "/tmp/mock/test",
"href": "file:///tmp/mock/test",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "file:test",
"base": "file:///tmp/mock/path",
"pathname": "/tmp/mock/test",
"href": "file:///tmp/mock/test",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "http://example.com/././foo",
"base": null,
"pathname": "/foo",
"href": "http://example.com/foo",
"origin": "http://example.com",
"hostname": "example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://example.com/./.foo",
"base": null,
"pathname": "/.foo",
"href": "http://example.com/.foo",
"origin": "http://example.com",
"hostname": "example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://example.com/foo/.",
"base": null,
"pathname": "/foo/",
"href": "http://example.com/foo/",
"origin": "http://example.com",
"hostname": "example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://example.com/foo/./",
"base": null,
"pathname": "/foo/",
"href": "http://example.com/foo/",
"origin": "http://example.com",
"hostname": "example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://example.com/foo/bar/..",
"base": null,
"pathname": "/foo/",
"href": "http://example.com/foo/",
"origin": "http://example.com",
"hostname": "example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://example.com/foo/bar/../",
"base": null,
"pathname": "/foo/",
"href": "http://example.com/foo/",
"origin": "http://example.com",
"hostname": "example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://example.com/foo/..bar",
"base": null,
"pathname": "/foo/..bar",
"href": "http://example.com/foo/..bar",
"origin": "http://example.com",
"hostname": "example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://example.com/foo/bar/../ton",
"base": null,
"pathname": "/foo/ton",
"href": "http://example.com/foo/ton",
"origin": "http://example.com",
"hostname": "example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://example.com/foo/bar/../ton/../../a",
"base": null,
"pathname": "/a",
"href": "http://example.com/a",
"origin": "http://example.com",
"hostname": "example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://example.com/foo/../../..",
"base": null,
"pathname": "/",
"href": "http://example.com/",
"origin": "http://example.com",
"hostname": "example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://example.com/foo/../../../ton",
"base": null,
"pathname": "/ton",
"href": "http://example.com/ton",
"origin": "http://example.com",
"hostname": "example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://example.com/foo/%2e",
"base": null,
"pathname": "/foo/",
"href": "http://example.com/foo/",
"origin": "http://example.com",
"hostname": "example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://example.com/foo/%2e%2",
"base": null,
"pathname": "/foo/%2e%2",
"href": "http://example.com/foo/%2e%2",
"origin": "http://example.com",
"hostname": "example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://example.com/foo/%2e./%2e%2e/.%2e/%2e.bar",
"base": null,
"pathname": "/%2e.bar",
"href": "http://example.com/%2e.bar",
"origin": "http://example.com",
"hostname": "example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://example.com////../..",
"base": null,
"pathname": "//",
"href": "http://example.com//",
"origin": "http://example.com",
"hostname": "example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://example.com/foo/bar//../..",
"base": null,
"pathname": "/foo/",
"href": "http://example.com/foo/",
"origin": "http://example.com",
"hostname": "example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://example.com/foo/bar//..",
"base": null,
"pathname": "/foo/bar/",
"href": "http://example.com/foo/bar/",
"origin": "http://example.com",
"hostname": "example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://example.com/foo",
"base": null,
"pathname": "/foo",
"href": "http://example.com/foo",
"origin": "http://example.com",
"hostname": "example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://example.com/%20foo",
"base": null,
"pathname": "/%20foo",
"href": "http://example.com/%20foo",
"origin": "http://example.com",
"hostname": "example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://example.com/foo%",
"base": null,
"pathname": "/foo%",
"href": "http://example.com/foo%",
"origin": "http://example.com",
"hostname": "example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://example.com/foo%2",
"base": null,
"pathname": "/foo%2",
"href": "http://example.com/foo%2",
"origin": "http://example.com",
"hostname": "example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://example.com/foo%2zbar",
"base": null,
"pathname": "/foo%2zbar",
"href": "http://example.com/foo%2zbar",
"origin": "http://example.com",
"hostname": "example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://example.com/foo%2\u00c2\u00a9zbar",
"base": null,
"pathname": "/foo%2%C3%82%C2%A9zbar",
"href": "http://example.com/foo%2%C3%82%C2%A9zbar",
"origin": "http://example.com",
"hostname": "example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://example.com/foo%41%7a",
"base": null,
"pathname": "/foo%41%7a",
"href": "http://example.com/foo%41%7a",
"origin": "http://example.com",
"hostname": "example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://example.com/foo\t\u0091%91",
"base": null,
"pathname": "/foo%C2%91%91",
"href": "http://example.com/foo%C2%91%91",
"origin": "http://example.com",
"hostname": "example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://example.com/foo%00%51",
"base": null,
"pathname": "/foo%00%51",
"href": "http://example.com/foo%00%51",
"origin": "http://example.com",
"hostname": "example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://example.com/(%28:%3A%29)",
"base": null,
"pathname": "/(%28:%3A%29)",
"href": "http://example.com/(%28:%3A%29)",
"origin": "http://example.com",
"hostname": "example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://example.com/%3A%3a%3C%3c",
"base": null,
"pathname": "/%3A%3a%3C%3c",
"href": "http://example.com/%3A%3a%3C%3c",
"origin": "http://example.com",
"hostname": "example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://example.com/foo\tbar",
"base": null,
"pathname": "/foobar",
"href": "http://example.com/foobar",
"origin": "http://example.com",
"hostname": "example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://example.com\\\\foo\\\\bar",
"base": null,
"pathname": "//foo//bar",
"href": "http://example.com//foo//bar",
"origin": "http://example.com",
"hostname": "example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://example.com/%7Ffp3%3Eju%3Dduvgw%3Dd",
"base": null,
"pathname": "/%7Ffp3%3Eju%3Dduvgw%3Dd",
"href": "http://example.com/%7Ffp3%3Eju%3Dduvgw%3Dd",
"origin": "http://example.com",
"hostname": "example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://example.com/@asdf%40",
"base": null,
"pathname": "/@asdf%40",
"href": "http://example.com/@asdf%40",
"origin": "http://example.com",
"hostname": "example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://example.com/\u4f60\u597d\u4f60\u597d",
"base": null,
"pathname": "/%E4%BD%A0%E5%A5%BD%E4%BD%A0%E5%A5%BD",
"href": "http://example.com/%E4%BD%A0%E5%A5%BD%E4%BD%A0%E5%A5%BD",
"origin": "http://example.com",
"hostname": "example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://example.com/\u2025/foo",
"base": null,
"pathname": "/%E2%80%A5/foo",
"href": "http://example.com/%E2%80%A5/foo",
"origin": "http://example.com",
"hostname": "example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://example.com/\ufeff/foo",
"base": null,
"pathname": "/%EF%BB%BF/foo",
"href": "http://example.com/%EF%BB%BF/foo",
"origin": "http://example.com",
"hostname": "example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://example.com/\u202e/foo/\u202d/bar",
"base": null,
"pathname": "/%E2%80%AE/foo/%E2%80%AD/bar",
"href": "http://example.com/%E2%80%AE/foo/%E2%80%AD/bar",
"origin": "http://example.com",
"hostname": "example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://www.google.com/foo?bar=baz#",
"base": null,
"pathname": "/foo",
"href": "http://www.google.com/foo?bar=baz#",
"origin": "http://www.google.com",
"hostname": "www.google.com",
"port": "",
"search": "?bar=baz",
"hash": "",
"protocol": "http:"
},
{
"input": "http://www.google.com/foo?bar=baz# \u00bb",
"base": null,
"pathname": "/foo",
"href": "http://www.google.com/foo?bar=baz#%20%C2%BB",
"origin": "http://www.google.com",
"hostname": "www.google.com",
"port": "",
"search": "?bar=baz",
"hash": "#%20%C2%BB",
"protocol": "http:"
},
{
"input": "data:test# \u00bb",
"base": null,
"pathname": "test",
"href": "data:test#%20%C2%BB",
"origin": "null",
"hostname": "",
"port": "",
"search": "",
"hash": "#%20%C2%BB",
"protocol": "data:"
},
{
"input": "http://www.google.com",
"base": null,
"pathname": "/",
"href": "http://www.google.com/",
"origin": "http://www.google.com",
"hostname": "www.google.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://192.0x00A80001",
"base": null,
"pathname": "/",
"href": "http://192.168.0.1/",
"origin": "http://192.168.0.1",
"hostname": "192.168.0.1",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://www/foo%2Ehtml",
"base": null,
"pathname": "/foo%2Ehtml",
"href": "http://www/foo%2Ehtml",
"origin": "http://www",
"hostname": "www",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://www/foo/%2E/html",
"base": null,
"pathname": "/foo/html",
"href": "http://www/foo/html",
"origin": "http://www",
"hostname": "www",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://user:pass@/",
"base": null,
"failure": true
},
{
"input": "http://%25DOMAIN:foobar@foodomain.com/",
"base": null,
"pathname": "/",
"href": "http://%25DOMAIN:foobar@foodomain.com/",
"origin": "http://foodomain.com",
"hostname": "foodomain.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http:\\\\www.google.com\\foo",
"base": null,
"pathname": "/foo",
"href": "http://www.google.com/foo",
"origin": "http://www.google.com",
"hostname": "www.google.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://foo:80/",
"base": null,
"pathname": "/",
"href": "http://foo/",
"origin": "http://foo",
"hostname": "foo",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://foo:81/",
"base": null,
"pathname": "/",
"href": "http://foo:81/",
"origin": "http://foo:81",
"hostname": "foo",
"port": "81",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://foo:-80/",
"base": null,
"failure": true
},
{
"input": "https://foo:443/",
"base": null,
"pathname": "/",
"href": "https://foo/",
"origin": "https://foo",
"hostname": "foo",
"port": "",
"search": "",
"hash": "",
"protocol": "https:"
},
{
"input": "https://foo:80/",
"base": null,
"pathname": "/",
"href": "https://foo:80/",
"origin": "https://foo:80",
"hostname": "foo",
"port": "80",
"search": "",
"hash": "",
"protocol": "https:"
},
{
"input": "ftp://foo:21/",
"base": null,
"pathname": "/",
"href": "ftp://foo/",
"origin": "ftp://foo",
"hostname": "foo",
"port": "",
"search": "",
"hash": "",
"protocol": "ftp:"
},
{
"input": "ftp://foo:80/",
"base": null,
"pathname": "/",
"href": "ftp://foo:80/",
"origin": "ftp://foo:80",
"hostname": "foo",
"port": "80",
"search": "",
"hash": "",
"protocol": "ftp:"
},
{
"input": "ws://foo:80/",
"base": null,
"pathname": "/",
"href": "ws://foo/",
"origin": "ws://foo",
"hostname": "foo",
"port": "",
"search": "",
"hash": "",
"protocol": "ws:"
},
{
"input": "ws://foo:81/",
"base": null,
"pathname": "/",
"href": "ws://foo:81/",
"origin": "ws://foo:81",
"hostname": "foo",
"port": "81",
"search": "",
"hash": "",
"protocol": "ws:"
},
{
"input": "ws://foo:443/",
"base": null,
"pathname": "/",
"href": "ws://foo:443/",
"origin": "ws://foo:443",
"hostname": "foo",
"port": "443",
"search": "",
"hash": "",
"protocol": "ws:"
},
{
"input": "ws://foo:815/",
"base": null,
"pathname": "/",
"href": "ws://foo:815/",
"origin": "ws://foo:815",
"hostname": "foo",
"port": "815",
"search": "",
"hash": "",
"protocol": "ws:"
},
{
"input": "wss://foo:80/",
"base": null,
"pathname": "/",
"href": "wss://foo:80/",
"origin": "wss://foo:80",
"hostname": "foo",
"port": "80",
"search": "",
"hash": "",
"protocol": "wss:"
},
{
"input": "wss://foo:81/",
"base": null,
"pathname": "/",
"href": "wss://foo:81/",
"origin": "wss://foo:81",
"hostname": "foo",
"port": "81",
"search": "",
"hash": "",
"protocol": "wss:"
},
{
"input": "wss://foo:443/",
"base": null,
"pathname": "/",
"href": "wss://foo/",
"origin": "wss://foo",
"hostname": "foo",
"port": "",
"search": "",
"hash": "",
"protocol": "wss:"
},
{
"input": "wss://foo:815/",
"base": null,
"pathname": "/",
"href": "wss://foo:815/",
"origin": "wss://foo:815",
"hostname": "foo",
"port": "815",
"search": "",
"hash": "",
"protocol": "wss:"
},
{
"input": "http:/example.com/",
"base": null,
"pathname": "/",
"href": "http://example.com/",
"origin": "http://example.com",
"hostname": "example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "ftp:/example.com/",
"base": null,
"pathname": "/",
"href": "ftp://example.com/",
"origin": "ftp://example.com",
"hostname": "example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "ftp:"
},
{
"input": "https:/example.com/",
"base": null,
"pathname": "/",
"href": "https://example.com/",
"origin": "https://example.com",
"hostname": "example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "https:"
},
{
"input": "file:/example.com/",
"base": null,
"pathname": "/example.com/",
"href": "file:///example.com/",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "ws:/example.com/",
"base": null,
"pathname": "/",
"href": "ws://example.com/",
"origin": "ws://example.com",
"hostname": "example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "ws:"
},
{
"input": "wss:/example.com/",
"base": null,
"pathname": "/",
"href": "wss://example.com/",
"origin": "wss://example.com",
"hostname": "example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "wss:"
},
{
"input": "data:/example.com/",
"base": null,
"pathname": "/example.com/",
"href": "data:/example.com/",
"origin": "null",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "data:"
},
{
"input": "javascript:/example.com/",
"base": null,
"pathname": "/example.com/",
"href": "javascript:/example.com/",
"origin": "null",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "javascript:"
},
{
"input": "mailto:/example.com/",
"base": null,
"pathname": "/example.com/",
"href": "mailto:/example.com/",
"origin": "null",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "mailto:"
},
{
"input": "http:example.com/",
"base": null,
"pathname": "/",
"href": "http://example.com/",
"origin": "http://example.com",
"hostname": "example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "ftp:example.com/",
"base": null,
"pathname": "/",
"href": "ftp://example.com/",
"origin": "ftp://example.com",
"hostname": "example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "ftp:"
},
{
"input": "https:example.com/",
"base": null,
"pathname": "/",
"href": "https://example.com/",
"origin": "https://example.com",
"hostname": "example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "https:"
},
{
"input": "ws:example.com/",
"base": null,
"pathname": "/",
"href": "ws://example.com/",
"origin": "ws://example.com",
"hostname": "example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "ws:"
},
{
"input": "wss:example.com/",
"base": null,
"pathname": "/",
"href": "wss://example.com/",
"origin": "wss://example.com",
"hostname": "example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "wss:"
},
{
"input": "data:example.com/",
"base": null,
"pathname": "example.com/",
"href": "data:example.com/",
"origin": "null",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "data:"
},
{
"input": "javascript:example.com/",
"base": null,
"pathname": "example.com/",
"href": "javascript:example.com/",
"origin": "null",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "javascript:"
},
{
"input": "mailto:example.com/",
"base": null,
"pathname": "example.com/",
"href": "mailto:example.com/",
"origin": "null",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "mailto:"
},
{
"input": "http:@www.example.com",
"base": null,
"pathname": "/",
"href": "http://www.example.com/",
"origin": "http://www.example.com",
"hostname": "www.example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http:/@www.example.com",
"base": null,
"pathname": "/",
"href": "http://www.example.com/",
"origin": "http://www.example.com",
"hostname": "www.example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://@www.example.com",
"base": null,
"pathname": "/",
"href": "http://www.example.com/",
"origin": "http://www.example.com",
"hostname": "www.example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http:a:b@www.example.com",
"base": null,
"pathname": "/",
"href": "http://a:b@www.example.com/",
"origin": "http://www.example.com",
"hostname": "www.example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http:/a:b@www.example.com",
"base": null,
"pathname": "/",
"href": "http://a:b@www.example.com/",
"origin": "http://www.example.com",
"hostname": "www.example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://a:b@www.example.com",
"base": null,
"pathname": "/",
"href": "http://a:b@www.example.com/",
"origin": "http://www.example.com",
"hostname": "www.example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://@pple.com",
"base": null,
"pathname": "/",
"href": "http://pple.com/",
"origin": "http://pple.com",
"hostname": "pple.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http::b@www.example.com",
"base": null,
"pathname": "/",
"href": "http://:b@www.example.com/",
"origin": "http://www.example.com",
"hostname": "www.example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http:/:b@www.example.com",
"base": null,
"pathname": "/",
"href": "http://:b@www.example.com/",
"origin": "http://www.example.com",
"hostname": "www.example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://:b@www.example.com",
"base": null,
"pathname": "/",
"href": "http://:b@www.example.com/",
"origin": "http://www.example.com",
"hostname": "www.example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http:/:@/www.example.com",
"base": null,
"failure": true
},
{
"input": "http://user@/www.example.com",
"base": null,
"failure": true
},
{
"input": "http:@/www.example.com",
"base": null,
"failure": true
},
{
"input": "http:/@/www.example.com",
"base": null,
"failure": true
},
{
"input": "http://@/www.example.com",
"base": null,
"failure": true
},
{
"input": "https:@/www.example.com",
"base": null,
"failure": true
},
{
"input": "http:a:b@/www.example.com",
"base": null,
"failure": true
},
{
"input": "http:/a:b@/www.example.com",
"base": null,
"failure": true
},
{
"input": "http://a:b@/www.example.com",
"base": null,
"failure": true
},
{
"input": "http::@/www.example.com",
"base": null,
"failure": true
},
{
"input": "http:a:@www.example.com",
"base": null,
"pathname": "/",
"href": "http://a@www.example.com/",
"origin": "http://www.example.com",
"hostname": "www.example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http:/a:@www.example.com",
"base": null,
"pathname": "/",
"href": "http://a@www.example.com/",
"origin": "http://www.example.com",
"hostname": "www.example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://a:@www.example.com",
"base": null,
"pathname": "/",
"href": "http://a@www.example.com/",
"origin": "http://www.example.com",
"hostname": "www.example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://www.@pple.com",
"base": null,
"pathname": "/",
"href": "http://www.@pple.com/",
"origin": "http://pple.com",
"hostname": "pple.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http:@:www.example.com",
"base": null,
"failure": true
},
{
"input": "http:/@:www.example.com",
"base": null,
"failure": true
},
{
"input": "http://@:www.example.com",
"base": null,
"failure": true
},
{
"input": "http://:@www.example.com",
"base": null,
"pathname": "/",
"href": "http://www.example.com/",
"origin": "http://www.example.com",
"hostname": "www.example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "/",
"base": "http://www.example.com/test",
"pathname": "/",
"href": "http://www.example.com/",
"origin": "http://www.example.com",
"hostname": "www.example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "/test.txt",
"base": "http://www.example.com/test",
"pathname": "/test.txt",
"href": "http://www.example.com/test.txt",
"origin": "http://www.example.com",
"hostname": "www.example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": ".",
"base": "http://www.example.com/test",
"pathname": "/",
"href": "http://www.example.com/",
"origin": "http://www.example.com",
"hostname": "www.example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "..",
"base": "http://www.example.com/test",
"pathname": "/",
"href": "http://www.example.com/",
"origin": "http://www.example.com",
"hostname": "www.example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "test.txt",
"base": "http://www.example.com/test",
"pathname": "/test.txt",
"href": "http://www.example.com/test.txt",
"origin": "http://www.example.com",
"hostname": "www.example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "./test.txt",
"base": "http://www.example.com/test",
"pathname": "/test.txt",
"href": "http://www.example.com/test.txt",
"origin": "http://www.example.com",
"hostname": "www.example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "../test.txt",
"base": "http://www.example.com/test",
"pathname": "/test.txt",
"href": "http://www.example.com/test.txt",
"origin": "http://www.example.com",
"hostname": "www.example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "../aaa/test.txt",
"base": "http://www.example.com/test",
"pathname": "/aaa/test.txt",
"href": "http://www.example.com/aaa/test.txt",
"origin": "http://www.example.com",
"hostname": "www.example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "../../test.txt",
"base": "http://www.example.com/test",
"pathname": "/test.txt",
"href": "http://www.example.com/test.txt",
"origin": "http://www.example.com",
"hostname": "www.example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "\u4e2d/test.txt",
"base": "http://www.example.com/test",
"pathname": "/%E4%B8%AD/test.txt",
"href": "http://www.example.com/%E4%B8%AD/test.txt",
"origin": "http://www.example.com",
"hostname": "www.example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://www.example2.com",
"base": "http://www.example.com/test",
"pathname": "/",
"href": "http://www.example2.com/",
"origin": "http://www.example2.com",
"hostname": "www.example2.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "//www.example2.com",
"base": "http://www.example.com/test",
"pathname": "/",
"href": "http://www.example2.com/",
"origin": "http://www.example2.com",
"hostname": "www.example2.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "file:...",
"base": "http://www.example.com/test",
"pathname": "/...",
"href": "file:///...",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "file:..",
"base": "http://www.example.com/test",
"pathname": "/",
"href": "file:///",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "file:a",
"base": "http://www.example.com/test",
"pathname": "/a",
"href": "file:///a",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "http://ExAmPlE.CoM",
"base": "http://other.com/",
"pathname": "/",
"href": "http://example.com/",
"origin": "http://example.com",
"hostname": "example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://example example.com",
"base": "http://other.com/",
"failure": true
},
{
"input": "http://Goo%20 goo%7C|.com",
"base": "http://other.com/",
"failure": true
},
{
"input": "http://[]",
"base": "http://other.com/",
"failure": true
},
{
"input": "http://[:]",
"base": "http://other.com/",
"failure": true
},
{
"input": "http://GOO\u00a0\u3000goo.com",
"base": "http://other.com/",
"failure": true
},
{
"input": "http://GOO\u200b\u2060\ufeffgoo.com",
"base": "http://other.com/",
"pathname": "/",
"href": "http://googoo.com/",
"origin": "http://googoo.com",
"hostname": "googoo.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "\u0000\u001b\u0004\u0012 http://example.com/\u001f \r ",
"base": null,
"pathname": "/",
"href": "http://example.com/",
"origin": "http://example.com",
"hostname": "example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://www.foo\u3002bar.com",
"base": "http://other.com/",
"pathname": "/",
"href": "http://www.foo.bar.com/",
"origin": "http://www.foo.bar.com",
"hostname": "www.foo.bar.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://\ufdd0zyx.com",
"base": "http://other.com/",
"failure": true
},
{
"input": "http://%ef%b7%90zyx.com",
"base": "http://other.com/",
"failure": true
},
{
"input": "https://\ufffd",
"base": null,
"failure": true
},
{
"input": "https://%EF%BF%BD",
"base": null,
"failure": true
},
{
"input": "https://x/\ufffd?\ufffd#\ufffd",
"base": null,
"pathname": "/%EF%BF%BD",
"href": "https://x/%EF%BF%BD?%EF%BF%BD#%EF%BF%BD",
"origin": "https://x",
"hostname": "x",
"port": "",
"search": "?%EF%BF%BD",
"hash": "#%EF%BF%BD",
"protocol": "https:"
},
{
"input": "http://a.b.c.xn--pokxncvks",
"base": null,
"failure": true
},
{
"input": "http://10.0.0.xn--pokxncvks",
"base": null,
"failure": true
},
{
"input": "http://a.b.c.XN--pokxncvks",
"base": null,
"failure": true
},
{
"input": "http://a.b.c.Xn--pokxncvks",
"base": null,
"failure": true
},
{
"input": "http://10.0.0.XN--pokxncvks",
"base": null,
"failure": true
},
{
"input": "http://10.0.0.xN--pokxncvks",
"base": null,
"failure": true
},
{
"input": "http://\uff27\uff4f.com",
"base": "http://other.com/",
"pathname": "/",
"href": "http://go.com/",
"origin": "http://go.com",
"hostname": "go.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://\uff05\uff14\uff11.com",
"base": "http://other.com/",
"failure": true
},
{
"input": "http://%ef%bc%85%ef%bc%94%ef%bc%91.com",
"base": "http://other.com/",
"failure": true
},
{
"input": "http://\uff05\uff10\uff10.com",
"base": "http://other.com/",
"failure": true
},
{
"input": "http://%ef%bc%85%ef%bc%90%ef%bc%90.com",
"base": "http://other.com/",
"failure": true
},
{
"input": "http://\u4f60\u597d\u4f60\u597d",
"base": "http://other.com/",
"pathname": "/",
"href": "http://xn--6qqa088eba/",
"origin": "http://xn--6qqa088eba",
"hostname": "xn--6qqa088eba",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "https://fa\u00df.ExAmPlE/",
"base": null,
"pathname": "/",
"href": "https://xn--fa-hia.example/",
"origin": "https://xn--fa-hia.example",
"hostname": "xn--fa-hia.example",
"port": "",
"search": "",
"hash": "",
"protocol": "https:"
},
{
"input": "sc://fa\u00df.ExAmPlE/",
"base": null,
"pathname": "/",
"href": "sc://fa%C3%9F.ExAmPlE/",
"origin": "null",
"hostname": "fa%C3%9F.ExAmPlE",
"port": "",
"search": "",
"hash": "",
"protocol": "sc:"
},
{
"input": "http://%zz%66%a.com",
"base": "http://other.com/",
"failure": true
},
{
"input": "http://%25",
"base": "http://other.com/",
"failure": true
},
{
"input": "http://hello%00",
"base": "http://other.com/",
"failure": true
},
{
"input": "http://%30%78%63%30%2e%30%32%35%30.01",
"base": "http://other.com/",
"pathname": "/",
"href": "http://192.168.0.1/",
"origin": "http://192.168.0.1",
"hostname": "192.168.0.1",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://%30%78%63%30%2e%30%32%35%30.01%2e",
"base": "http://other.com/",
"pathname": "/",
"href": "http://192.168.0.1/",
"origin": "http://192.168.0.1",
"hostname": "192.168.0.1",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://192.168.0.257",
"base": "http://other.com/",
"failure": true
},
{
"input": "http://%3g%78%63%30%2e%30%32%35%30%2E.01",
"base": "http://other.com/",
"failure": true
},
{
"input": "http://192.168.0.1 hello",
"base": "http://other.com/",
"failure": true
},
{
"input": "https://x x:12",
"base": null,
"failure": true
},
{
"input": "http://\uff10\uff38\uff43\uff10\uff0e\uff10\uff12\uff15\uff10\uff0e\uff10\uff11",
"base": "http://other.com/",
"pathname": "/",
"href": "http://192.168.0.1/",
"origin": "http://192.168.0.1",
"hostname": "192.168.0.1",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://./",
"base": null,
"pathname": "/",
"href": "http://./",
"origin": "http://.",
"hostname": ".",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://../",
"base": null,
"pathname": "/",
"href": "http://../",
"origin": "http://..",
"hostname": "..",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://[www.google.com]/",
"base": null,
"failure": true
},
{
"input": "http://[google.com]",
"base": "http://other.com/",
"failure": true
},
{
"input": "http://[::1.2.3.4x]",
"base": "http://other.com/",
"failure": true
},
{
"input": "http://[::1.2.3.]",
"base": "http://other.com/",
"failure": true
},
{
"input": "http://[::1.2.]",
"base": "http://other.com/",
"failure": true
},
{
"input": "http://[::.1.2]",
"base": "http://other.com/",
"failure": true
},
{
"input": "http://[::1.]",
"base": "http://other.com/",
"failure": true
},
{
"input": "http://[::.1]",
"base": "http://other.com/",
"failure": true
},
{
"input": "http://[::%31]",
"base": "http://other.com/",
"failure": true
},
{
"input": "http://%5B::1]",
"base": "http://other.com/",
"failure": true
},
{
"input": "http://foo:\ud83d\udca9@example.com/bar",
"base": "http://other.com/",
"pathname": "/bar",
"href": "http://foo:%F0%9F%92%A9@example.com/bar",
"origin": "http://example.com",
"hostname": "example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "#x",
"base": "mailto:x@x.com",
"pathname": "x@x.com",
"href": "mailto:x@x.com#x",
"origin": "null",
"hostname": "",
"port": "",
"search": "",
"hash": "#x",
"protocol": "mailto:"
},
{
"input": "#x",
"base": "data:,",
"pathname": ",",
"href": "data:,#x",
"origin": "null",
"hostname": "",
"port": "",
"search": "",
"hash": "#x",
"protocol": "data:"
},
{
"input": "#x",
"base": "about:blank",
"pathname": "blank",
"href": "about:blank#x",
"origin": "null",
"hostname": "",
"port": "",
"search": "",
"hash": "#x",
"protocol": "about:"
},
{
"input": "#x:y",
"base": "about:blank",
"pathname": "blank",
"href": "about:blank#x:y",
"origin": "null",
"hostname": "",
"port": "",
"search": "",
"hash": "#x:y",
"protocol": "about:"
},
{
"input": "https://@test@test@example:800/",
"base": "http://doesnotmatter/",
"pathname": "/",
"href": "https://%40test%40test@example:800/",
"origin": "https://example:800",
"hostname": "example",
"port": "800",
"search": "",
"hash": "",
"protocol": "https:"
},
{
"input": "https://@@@example",
"base": "http://doesnotmatter/",
"pathname": "/",
"href": "https://%40%40@example/",
"origin": "https://example",
"hostname": "example",
"port": "",
"search": "",
"hash": "",
"protocol": "https:"
},
{
"input": "http://`{}:`{}@h/`{}?`{}",
"base": "http://doesnotmatter/",
"pathname": "/%60%7B%7D",
"href": "http://%60%7B%7D:%60%7B%7D@h/%60%7B%7D?`{}",
"origin": "http://h",
"hostname": "h",
"port": "",
"search": "?`{}",
"hash": "",
"protocol": "http:"
},
{
"input": "http://host/?'",
"base": null,
"pathname": "/",
"href": "http://host/?%27",
"origin": "http://host",
"hostname": "host",
"port": "",
"search": "?%27",
"hash": "",
"protocol": "http:"
},
{
"input": "/some/path",
"base": "http://user@example.org/smth",
"pathname": "/some/path",
"href": "http://user@example.org/some/path",
"origin": "http://example.org",
"hostname": "example.org",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "",
"base": "http://user:pass@example.org:21/smth",
"pathname": "/smth",
"href": "http://user:pass@example.org:21/smth",
"origin": "http://example.org:21",
"hostname": "example.org",
"port": "21",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "/some/path",
"base": "http://user:pass@example.org:21/smth",
"pathname": "/some/path",
"href": "http://user:pass@example.org:21/some/path",
"origin": "http://example.org:21",
"hostname": "example.org",
"port": "21",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "i",
"base": "sc:sd",
"failure": true
},
{
"input": "i",
"base": "sc:sd/sd",
"failure": true
},
{
"input": "i",
"base": "sc:/pa/pa",
"pathname": "/pa/i",
"href": "sc:/pa/i",
"origin": "null",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "sc:"
},
{
"input": "i",
"base": "sc://ho/pa",
"pathname": "/i",
"href": "sc://ho/i",
"origin": "null",
"hostname": "ho",
"port": "",
"search": "",
"hash": "",
"protocol": "sc:"
},
{
"input": "i",
"base": "sc:///pa/pa",
"pathname": "/pa/i",
"href": "sc:///pa/i",
"origin": "null",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "sc:"
},
{
"input": "../i",
"base": "sc:sd",
"failure": true
},
{
"input": "../i",
"base": "sc:sd/sd",
"failure": true
},
{
"input": "../i",
"base": "sc:/pa/pa",
"pathname": "/i",
"href": "sc:/i",
"origin": "null",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "sc:"
},
{
"input": "../i",
"base": "sc://ho/pa",
"pathname": "/i",
"href": "sc://ho/i",
"origin": "null",
"hostname": "ho",
"port": "",
"search": "",
"hash": "",
"protocol": "sc:"
},
{
"input": "../i",
"base": "sc:///pa/pa",
"pathname": "/i",
"href": "sc:///i",
"origin": "null",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "sc:"
},
{
"input": "/i",
"base": "sc:sd",
"failure": true
},
{
"input": "/i",
"base": "sc:sd/sd",
"failure": true
},
{
"input": "/i",
"base": "sc:/pa/pa",
"pathname": "/i",
"href": "sc:/i",
"origin": "null",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "sc:"
},
{
"input": "/i",
"base": "sc://ho/pa",
"pathname": "/i",
"href": "sc://ho/i",
"origin": "null",
"hostname": "ho",
"port": "",
"search": "",
"hash": "",
"protocol": "sc:"
},
{
"input": "/i",
"base": "sc:///pa/pa",
"pathname": "/i",
"href": "sc:///i",
"origin": "null",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "sc:"
},
{
"input": "?i",
"base": "sc:sd",
"failure": true
},
{
"input": "?i",
"base": "sc:sd/sd",
"failure": true
},
{
"input": "?i",
"base": "sc:/pa/pa",
"pathname": "/pa/pa",
"href": "sc:/pa/pa?i",
"origin": "null",
"hostname": "",
"port": "",
"search": "?i",
"hash": "",
"protocol": "sc:"
},
{
"input": "?i",
"base": "sc://ho/pa",
"pathname": "/pa",
"href": "sc://ho/pa?i",
"origin": "null",
"hostname": "ho",
"port": "",
"search": "?i",
"hash": "",
"protocol": "sc:"
},
{
"input": "?i",
"base": "sc:///pa/pa",
"pathname": "/pa/pa",
"href": "sc:///pa/pa?i",
"origin": "null",
"hostname": "",
"port": "",
"search": "?i",
"hash": "",
"protocol": "sc:"
},
{
"input": "#i",
"base": "sc:sd",
"pathname": "sd",
"href": "sc:sd#i",
"origin": "null",
"hostname": "",
"port": "",
"search": "",
"hash": "#i",
"protocol": "sc:"
},
{
"input": "#i",
"base": "sc:sd/sd",
"pathname": "sd/sd",
"href": "sc:sd/sd#i",
"origin": "null",
"hostname": "",
"port": "",
"search": "",
"hash": "#i",
"protocol": "sc:"
},
{
"input": "#i",
"base": "sc:/pa/pa",
"pathname": "/pa/pa",
"href": "sc:/pa/pa#i",
"origin": "null",
"hostname": "",
"port": "",
"search": "",
"hash": "#i",
"protocol": "sc:"
},
{
"input": "#i",
"base": "sc://ho/pa",
"pathname": "/pa",
"href": "sc://ho/pa#i",
"origin": "null",
"hostname": "ho",
"port": "",
"search": "",
"hash": "#i",
"protocol": "sc:"
},
{
"input": "#i",
"base": "sc:///pa/pa",
"pathname": "/pa/pa",
"href": "sc:///pa/pa#i",
"origin": "null",
"hostname": "",
"port": "",
"search": "",
"hash": "#i",
"protocol": "sc:"
},
{
"input": "about:/../",
"base": null,
"pathname": "/",
"href": "about:/",
"origin": "null",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "about:"
},
{
"input": "data:/../",
"base": null,
"pathname": "/",
"href": "data:/",
"origin": "null",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "data:"
},
{
"input": "javascript:/../",
"base": null,
"pathname": "/",
"href": "javascript:/",
"origin": "null",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "javascript:"
},
{
"input": "mailto:/../",
"base": null,
"pathname": "/",
"href": "mailto:/",
"origin": "null",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "mailto:"
},
{
"input": "sc://\u00f1.test/",
"base": null,
"pathname": "/",
"href": "sc://%C3%B1.test/",
"origin": "null",
"hostname": "%C3%B1.test",
"port": "",
"search": "",
"hash": "",
"protocol": "sc:"
},
{
"input": "sc://%/",
"base": null,
"pathname": "/",
"href": "sc://%/",
"hostname": "%",
"port": "",
"search": "",
"hash": "",
"protocol": "sc:"
},
{
"input": "sc://@/",
"base": null,
"failure": true
},
{
"input": "sc://te@s:t@/",
"base": null,
"failure": true
},
{
"input": "sc://:/",
"base": null,
"failure": true
},
{
"input": "sc://:12/",
"base": null,
"failure": true
},
{
"input": "x",
"base": "sc://\u00f1",
"pathname": "/x",
"href": "sc://%C3%B1/x",
"origin": "null",
"hostname": "%C3%B1",
"port": "",
"search": "",
"hash": "",
"protocol": "sc:"
},
{
"input": "sc:\\../",
"base": null,
"pathname": "\\../",
"href": "sc:\\../",
"origin": "null",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "sc:"
},
{
"input": "sc::a@example.net",
"base": null,
"pathname": ":a@example.net",
"href": "sc::a@example.net",
"origin": "null",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "sc:"
},
{
"input": "sc://a\u0000b/",
"base": null,
"failure": true
},
{
"input": "sc://a b/",
"base": null,
"failure": true
},
{
"input": "sc://a<b",
"base": null,
"failure": true
},
{
"input": "sc://a>b",
"base": null,
"failure": true
},
{
"input": "sc://a[b/",
"base": null,
"failure": true
},
{
"input": "sc://a\\b/",
"base": null,
"failure": true
},
{
"input": "sc://a]b/",
"base": null,
"failure": true
},
{
"input": "sc://a^b",
"base": null,
"failure": true
},
{
"input": "sc://a|b/",
"base": null,
"failure": true
},
{
"input": "foo://ho\tst/",
"base": null,
"pathname": "/",
"href": "foo://host/",
"hostname": "host",
"port": "",
"search": "",
"hash": "",
"protocol": "foo:"
},
{
"input": "foo://ho\nst/",
"base": null,
"pathname": "/",
"href": "foo://host/",
"hostname": "host",
"port": "",
"search": "",
"hash": "",
"protocol": "foo:"
},
{
"input": "foo://ho\rst/",
"base": null,
"pathname": "/",
"href": "foo://host/",
"hostname": "host",
"port": "",
"search": "",
"hash": "",
"protocol": "foo:"
},
{
"input": "http://a\u0000b/",
"base": null,
"failure": true
},
{
"input": "http://a\u0001b/",
"base": null,
"failure": true
},
{
"input": "http://a\u0002b/",
"base": null,
"failure": true
},
{
"input": "http://a\u0003b/",
"base": null,
"failure": true
},
{
"input": "http://a\u0004b/",
"base": null,
"failure": true
},
{
"input": "http://a\u0005b/",
"base": null,
"failure": true
},
{
"input": "http://a\u0006b/",
"base": null,
"failure": true
},
{
"input": "http://a\u0007b/",
"base": null,
"failure": true
},
{
"input": "http://a\bb/",
"base": null,
"failure": true
},
{
"input": "http://a\u000bb/",
"base": null,
"failure": true
},
{
"input": "http://a\fb/",
"base": null,
"failure": true
},
{
"input": "http://a\u000eb/",
"base": null,
"failure": true
},
{
"input": "http://a\u000fb/",
"base": null,
"failure": true
},
{
"input": "http://a\u0010b/",
"base": null,
"failure": true
},
{
"input": "http://a\u0011b/",
"base": null,
"failure": true
},
{
"input": "http://a\u0012b/",
"base": null,
"failure": true
},
{
"input": "http://a\u0013b/",
"base": null,
"failure": true
},
{
"input": "http://a\u0014b/",
"base": null,
"failure": true
},
{
"input": "http://a\u0015b/",
"base": null,
"failure": true
},
{
"input": "http://a\u0016b/",
"base": null,
"failure": true
},
{
"input": "http://a\u0017b/",
"base": null,
"failure": true
},
{
"input": "http://a\u0018b/",
"base": null,
"failure": true
},
{
"input": "http://a\u0019b/",
"base": null,
"failure": true
},
{
"input": "http://a\u001ab/",
"base": null,
"failure": true
},
{
"input": "http://a\u001bb/",
"base": null,
"failure": true
},
{
"input": "http://a\u001cb/",
"base": null,
"failure": true
},
{
"input": "http://a\u001db/",
"base": null,
"failure": true
},
{
"input": "http://a\u001eb/",
"base": null,
"failure": true
},
{
"input": "http://a\u001fb/",
"base": null,
"failure": true
},
{
"input": "http://a b/",
"base": null,
"failure": true
},
{
"input": "http://a%b/",
"base": null,
"failure": true
},
{
"input": "http://a<b",
"base": null,
"failure": true
},
{
"input": "http://a>b",
"base": null,
"failure": true
},
{
"input": "http://a[b/",
"base": null,
"failure": true
},
{
"input": "http://a]b/",
"base": null,
"failure": true
},
{
"input": "http://a^b",
"base": null,
"failure": true
},
{
"input": "http://a|b/",
"base": null,
"failure": true
},
{
"input": "http://a\u007fb/",
"base": null,
"failure": true
},
{
"input": "http://ho\tst/",
"base": null,
"pathname": "/",
"href": "http://host/",
"hostname": "host",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://ho\nst/",
"base": null,
"pathname": "/",
"href": "http://host/",
"hostname": "host",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://ho\rst/",
"base": null,
"pathname": "/",
"href": "http://host/",
"hostname": "host",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://ho%00st/",
"base": null,
"failure": true
},
{
"input": "http://ho%01st/",
"base": null,
"failure": true
},
{
"input": "http://ho%02st/",
"base": null,
"failure": true
},
{
"input": "http://ho%03st/",
"base": null,
"failure": true
},
{
"input": "http://ho%04st/",
"base": null,
"failure": true
},
{
"input": "http://ho%05st/",
"base": null,
"failure": true
},
{
"input": "http://ho%06st/",
"base": null,
"failure": true
},
{
"input": "http://ho%07st/",
"base": null,
"failure": true
},
{
"input": "http://ho%08st/",
"base": null,
"failure": true
},
{
"input": "http://ho%09st/",
"base": null,
"failure": true
},
{
"input": "http://ho%0Ast/",
"base": null,
"failure": true
},
{
"input": "http://ho%0Bst/",
"base": null,
"failure": true
},
{
"input": "http://ho%0Cst/",
"base": null,
"failure": true
},
{
"input": "http://ho%0Dst/",
"base": null,
"failure": true
},
{
"input": "http://ho%0Est/",
"base": null,
"failure": true
},
{
"input": "http://ho%0Fst/",
"base": null,
"failure": true
},
{
"input": "http://ho%10st/",
"base": null,
"failure": true
},
{
"input": "http://ho%11st/",
"base": null,
"failure": true
},
{
"input": "http://ho%12st/",
"base": null,
"failure": true
},
{
"input": "http://ho%13st/",
"base": null,
"failure": true
},
{
"input": "http://ho%14st/",
"base": null,
"failure": true
},
{
"input": "http://ho%15st/",
"base": null,
"failure": true
},
{
"input": "http://ho%16st/",
"base": null,
"failure": true
},
{
"input": "http://ho%17st/",
"base": null,
"failure": true
},
{
"input": "http://ho%18st/",
"base": null,
"failure": true
},
{
"input": "http://ho%19st/",
"base": null,
"failure": true
},
{
"input": "http://ho%1Ast/",
"base": null,
"failure": true
},
{
"input": "http://ho%1Bst/",
"base": null,
"failure": true
},
{
"input": "http://ho%1Cst/",
"base": null,
"failure": true
},
{
"input": "http://ho%1Dst/",
"base": null,
"failure": true
},
{
"input": "http://ho%1Est/",
"base": null,
"failure": true
},
{
"input": "http://ho%1Fst/",
"base": null,
"failure": true
},
{
"input": "http://ho%20st/",
"base": null,
"failure": true
},
{
"input": "http://ho%23st/",
"base": null,
"failure": true
},
{
"input": "http://ho%25st/",
"base": null,
"failure": true
},
{
"input": "http://ho%2Fst/",
"base": null,
"failure": true
},
{
"input": "http://ho%3Ast/",
"base": null,
"failure": true
},
{
"input": "http://ho%3Cst/",
"base": null,
"failure": true
},
{
"input": "http://ho%3Est/",
"base": null,
"failure": true
},
{
"input": "http://ho%3Fst/",
"base": null,
"failure": true
},
{
"input": "http://ho%40st/",
"base": null,
"failure": true
},
{
"input": "http://ho%5Bst/",
"base": null,
"failure": true
},
{
"input": "http://ho%5Cst/",
"base": null,
"failure": true
},
{
"input": "http://ho%5Dst/",
"base": null,
"failure": true
},
{
"input": "http://ho%7Cst/",
"base": null,
"failure": true
},
{
"input": "http://ho%7Fst/",
"base": null,
"failure": true
},
{
"input": "http://!\"$&'()*+,-.;=_`{}~/",
"base": null,
"pathname": "/",
"href": "http://!\"$&'()*+,-.;=_`{}~/",
"origin": "http://!\"$&'()*+,-.;=_`{}~",
"hostname": "!\"$&'()*+,-.;=_`{}~",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "sc://\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\u000b\f\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f\u007f!\"$%&'()*+,-.;=_`{}~/",
"base": null,
"pathname": "/",
"href": "sc://%01%02%03%04%05%06%07%08%0B%0C%0E%0F%10%11%12%13%14%15%16%17%18%19%1A%1B%1C%1D%1E%1F%7F!\"$%&'()*+,-.;=_`{}~/",
"origin": "null",
"hostname": "%01%02%03%04%05%06%07%08%0B%0C%0E%0F%10%11%12%13%14%15%16%17%18%19%1A%1B%1C%1D%1E%1F%7F!\"$%&'()*+,-.;=_`{}~",
"port": "",
"search": "",
"hash": "",
"protocol": "sc:"
},
{
"input": "ftp://example.com%80/",
"base": null,
"failure": true
},
{
"input": "ftp://example.com%A0/",
"base": null,
"failure": true
},
{
"input": "https://example.com%80/",
"base": null,
"failure": true
},
{
"input": "https://example.com%A0/",
"base": null,
"failure": true
},
{
"input": "ftp://%e2%98%83",
"base": null,
"pathname": "/",
"href": "ftp://xn--n3h/",
"origin": "ftp://xn--n3h",
"hostname": "xn--n3h",
"port": "",
"search": "",
"hash": "",
"protocol": "ftp:"
},
{
"input": "https://%e2%98%83",
"base": null,
"pathname": "/",
"href": "https://xn--n3h/",
"origin": "https://xn--n3h",
"hostname": "xn--n3h",
"port": "",
"search": "",
"hash": "",
"protocol": "https:"
},
{
"input": "http://127.0.0.1:10100/relative_import.html",
"base": null,
"pathname": "/relative_import.html",
"href": "http://127.0.0.1:10100/relative_import.html",
"origin": "http://127.0.0.1:10100",
"hostname": "127.0.0.1",
"port": "10100",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://facebook.com/?foo=%7B%22abc%22",
"base": null,
"pathname": "/",
"href": "http://facebook.com/?foo=%7B%22abc%22",
"origin": "http://facebook.com",
"hostname": "facebook.com",
"port": "",
"search": "?foo=%7B%22abc%22",
"hash": "",
"protocol": "http:"
},
{
"input": "https://localhost:3000/jqueryui@1.2.3",
"base": null,
"pathname": "/jqueryui@1.2.3",
"href": "https://localhost:3000/jqueryui@1.2.3",
"origin": "https://localhost:3000",
"hostname": "localhost",
"port": "3000",
"search": "",
"hash": "",
"protocol": "https:"
},
{
"input": "h\tt\nt\rp://h\to\ns\rt:9\t0\n0\r0/p\ta\nt\rh?q\tu\ne\rry#f\tr\na\rg",
"base": null,
"pathname": "/path",
"href": "http://host:9000/path?query#frag",
"origin": "http://host:9000",
"hostname": "host",
"port": "9000",
"search": "?query",
"hash": "#frag",
"protocol": "http:"
},
{
"input": "?a=b&c=d",
"base": "http://example.org/foo/bar",
"pathname": "/foo/bar",
"href": "http://example.org/foo/bar?a=b&c=d",
"origin": "http://example.org",
"hostname": "example.org",
"port": "",
"search": "?a=b&c=d",
"hash": "",
"protocol": "http:"
},
{
"input": "??a=b&c=d",
"base": "http://example.org/foo/bar",
"pathname": "/foo/bar",
"href": "http://example.org/foo/bar??a=b&c=d",
"origin": "http://example.org",
"hostname": "example.org",
"port": "",
"search": "??a=b&c=d",
"hash": "",
"protocol": "http:"
},
{
"input": "http:",
"base": "http://example.org/foo/bar",
"pathname": "/foo/bar",
"href": "http://example.org/foo/bar",
"origin": "http://example.org",
"hostname": "example.org",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http:",
"base": "https://example.org/foo/bar",
"failure": true
},
{
"input": "sc:",
"base": "https://example.org/foo/bar",
"pathname": "",
"href": "sc:",
"origin": "null",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "sc:"
},
{
"input": "http://foo.bar/baz?qux#foo\bbar",
"base": null,
"pathname": "/baz",
"href": "http://foo.bar/baz?qux#foo%08bar",
"origin": "http://foo.bar",
"hostname": "foo.bar",
"port": "",
"search": "?qux",
"hash": "#foo%08bar",
"protocol": "http:"
},
{
"input": "http://foo.bar/baz?qux#foo\"bar",
"base": null,
"pathname": "/baz",
"href": "http://foo.bar/baz?qux#foo%22bar",
"origin": "http://foo.bar",
"hostname": "foo.bar",
"port": "",
"search": "?qux",
"hash": "#foo%22bar",
"protocol": "http:"
},
{
"input": "http://foo.bar/baz?qux#foo<bar",
"base": null,
"pathname": "/baz",
"href": "http://foo.bar/baz?qux#foo%3Cbar",
"origin": "http://foo.bar",
"hostname": "foo.bar",
"port": "",
"search": "?qux",
"hash": "#foo%3Cbar",
"protocol": "http:"
},
{
"input": "http://foo.bar/baz?qux#foo>bar",
"base": null,
"pathname": "/baz",
"href": "http://foo.bar/baz?qux#foo%3Ebar",
"origin": "http://foo.bar",
"hostname": "foo.bar",
"port": "",
"search": "?qux",
"hash": "#foo%3Ebar",
"protocol": "http:"
},
{
"input": "http://foo.bar/baz?qux#foo`bar",
"base": null,
"pathname": "/baz",
"href": "http://foo.bar/baz?qux#foo%60bar",
"origin": "http://foo.bar",
"hostname": "foo.bar",
"port": "",
"search": "?qux",
"hash": "#foo%60bar",
"protocol": "http:"
},
{
"input": "http://1.2.3.4/",
"base": "http://other.com/",
"pathname": "/",
"href": "http://1.2.3.4/",
"origin": "http://1.2.3.4",
"hostname": "1.2.3.4",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://1.2.3.4./",
"base": "http://other.com/",
"pathname": "/",
"href": "http://1.2.3.4/",
"origin": "http://1.2.3.4",
"hostname": "1.2.3.4",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://192.168.257",
"base": "http://other.com/",
"pathname": "/",
"href": "http://192.168.1.1/",
"origin": "http://192.168.1.1",
"hostname": "192.168.1.1",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://192.168.257.",
"base": "http://other.com/",
"pathname": "/",
"href": "http://192.168.1.1/",
"origin": "http://192.168.1.1",
"hostname": "192.168.1.1",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://192.168.257.com",
"base": "http://other.com/",
"pathname": "/",
"href": "http://192.168.257.com/",
"origin": "http://192.168.257.com",
"hostname": "192.168.257.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://256",
"base": "http://other.com/",
"pathname": "/",
"href": "http://0.0.1.0/",
"origin": "http://0.0.1.0",
"hostname": "0.0.1.0",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://256.com",
"base": "http://other.com/",
"pathname": "/",
"href": "http://256.com/",
"origin": "http://256.com",
"hostname": "256.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://999999999",
"base": "http://other.com/",
"pathname": "/",
"href": "http://59.154.201.255/",
"origin": "http://59.154.201.255",
"hostname": "59.154.201.255",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://999999999.",
"base": "http://other.com/",
"pathname": "/",
"href": "http://59.154.201.255/",
"origin": "http://59.154.201.255",
"hostname": "59.154.201.255",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://999999999.com",
"base": "http://other.com/",
"pathname": "/",
"href": "http://999999999.com/",
"origin": "http://999999999.com",
"hostname": "999999999.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://10000000000",
"base": "http://other.com/",
"failure": true
},
{
"input": "http://10000000000.com",
"base": "http://other.com/",
"pathname": "/",
"href": "http://10000000000.com/",
"origin": "http://10000000000.com",
"hostname": "10000000000.com",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://4294967295",
"base": "http://other.com/",
"pathname": "/",
"href": "http://255.255.255.255/",
"origin": "http://255.255.255.255",
"hostname": "255.255.255.255",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://4294967296",
"base": "http://other.com/",
"failure": true
},
{
"input": "http://0xffffffff",
"base": "http://other.com/",
"pathname": "/",
"href": "http://255.255.255.255/",
"origin": "http://255.255.255.255",
"hostname": "255.255.255.255",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://0xffffffff1",
"base": "http://other.com/",
"failure": true
},
{
"input": "http://256.256.256.256",
"base": "http://other.com/",
"failure": true
},
{
"input": "https://0x.0x.0",
"base": null,
"pathname": "/",
"href": "https://0.0.0.0/",
"origin": "https://0.0.0.0",
"hostname": "0.0.0.0",
"port": "",
"search": "",
"hash": "",
"protocol": "https:"
},
{
"input": "https://0x100000000/test",
"base": null,
"failure": true
},
{
"input": "https://256.0.0.1/test",
"base": null,
"failure": true
},
{
"input": "file:///C%3A/",
"base": null,
"pathname": "/C%3A/",
"href": "file:///C%3A/",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "file:///C%7C/",
"base": null,
"pathname": "/C%7C/",
"href": "file:///C%7C/",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "file://%43%3A",
"base": null,
"failure": true
},
{
"input": "file://%43%7C",
"base": null,
"failure": true
},
{
"input": "file://%43|",
"base": null,
"failure": true
},
{
"input": "file://C%7C",
"base": null,
"failure": true
},
{
"input": "file://%43%7C/",
"base": null,
"failure": true
},
{
"input": "https://%43%7C/",
"base": null,
"failure": true
},
{
"input": "asdf://%43|/",
"base": null,
"failure": true
},
{
"input": "pix/submit.gif",
"base": "file:///C:/Users/Domenic/Dropbox/GitHub/tmpvar/jsdom/test/level2/html/files/anchor.html",
"pathname": "/C:/Users/Domenic/Dropbox/GitHub/tmpvar/jsdom/test/level2/html/files/pix/submit.gif",
"href": "file:///C:/Users/Domenic/Dropbox/GitHub/tmpvar/jsdom/test/level2/html/files/pix/submit.gif",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "..",
"base": "file:///C:/",
"pathname": "/C:/",
"href": "file:///C:/",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "..",
"base": "file:///",
"pathname": "/",
"href": "file:///",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "/",
"base": "file:///C:/a/b",
"pathname": "/C:/",
"href": "file:///C:/",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "/",
"base": "file://h/C:/a/b",
"pathname": "/C:/",
"href": "file://h/C:/",
"hostname": "h",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "/",
"base": "file://h/a/b",
"pathname": "/",
"href": "file://h/",
"hostname": "h",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "//d:",
"base": "file:///C:/a/b",
"pathname": "/d:",
"href": "file:///d:",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "//d:/..",
"base": "file:///C:/a/b",
"pathname": "/d:/",
"href": "file:///d:/",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "..",
"base": "file:///ab:/",
"pathname": "/",
"href": "file:///",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "..",
"base": "file:///1:/",
"pathname": "/",
"href": "file:///",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "",
"base": "file:///test?test#test",
"pathname": "/test",
"href": "file:///test?test",
"hostname": "",
"port": "",
"search": "?test",
"hash": "",
"protocol": "file:"
},
{
"input": "file:",
"base": "file:///test?test#test",
"pathname": "/test",
"href": "file:///test?test",
"hostname": "",
"port": "",
"search": "?test",
"hash": "",
"protocol": "file:"
},
{
"input": "?x",
"base": "file:///test?test#test",
"pathname": "/test",
"href": "file:///test?x",
"hostname": "",
"port": "",
"search": "?x",
"hash": "",
"protocol": "file:"
},
{
"input": "file:?x",
"base": "file:///test?test#test",
"pathname": "/test",
"href": "file:///test?x",
"hostname": "",
"port": "",
"search": "?x",
"hash": "",
"protocol": "file:"
},
{
"input": "#x",
"base": "file:///test?test#test",
"pathname": "/test",
"href": "file:///test?test#x",
"hostname": "",
"port": "",
"search": "?test",
"hash": "#x",
"protocol": "file:"
},
{
"input": "file:#x",
"base": "file:///test?test#test",
"pathname": "/test",
"href": "file:///test?test#x",
"hostname": "",
"port": "",
"search": "?test",
"hash": "#x",
"protocol": "file:"
},
{
"input": "file:\\\\//",
"base": null,
"pathname": "//",
"href": "file:////",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "file:\\\\\\\\",
"base": null,
"pathname": "//",
"href": "file:////",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "file:\\\\\\\\?fox",
"base": null,
"pathname": "//",
"href": "file:////?fox",
"hostname": "",
"port": "",
"search": "?fox",
"hash": "",
"protocol": "file:"
},
{
"input": "file:\\\\\\\\#guppy",
"base": null,
"pathname": "//",
"href": "file:////#guppy",
"hostname": "",
"port": "",
"search": "",
"hash": "#guppy",
"protocol": "file:"
},
{
"input": "file://spider///",
"base": null,
"pathname": "///",
"href": "file://spider///",
"hostname": "spider",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "file:\\\\localhost//",
"base": null,
"pathname": "//",
"href": "file:////",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "file:///localhost//cat",
"base": null,
"pathname": "/localhost//cat",
"href": "file:///localhost//cat",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "file://\\/localhost//cat",
"base": null,
"pathname": "//localhost//cat",
"href": "file:////localhost//cat",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "file://localhost//a//../..//",
"base": null,
"pathname": "///",
"href": "file://///",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "/////mouse",
"base": "file:///elephant",
"pathname": "///mouse",
"href": "file://///mouse",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "\\//pig",
"base": "file://lion/",
"pathname": "/pig",
"href": "file:///pig",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "\\/localhost//pig",
"base": "file://lion/",
"pathname": "//pig",
"href": "file:////pig",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "//localhost//pig",
"base": "file://lion/",
"pathname": "//pig",
"href": "file:////pig",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "/..//localhost//pig",
"base": "file://lion/",
"pathname": "//localhost//pig",
"href": "file://lion//localhost//pig",
"hostname": "lion",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "file://",
"base": "file://ape/",
"pathname": "/",
"href": "file:///",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "/rooibos",
"base": "file://tea/",
"pathname": "/rooibos",
"href": "file://tea/rooibos",
"hostname": "tea",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "/?chai",
"base": "file://tea/",
"pathname": "/",
"href": "file://tea/?chai",
"hostname": "tea",
"port": "",
"search": "?chai",
"hash": "",
"protocol": "file:"
},
{
"input": "C|",
"base": "file://host/dir/file",
"pathname": "/C:",
"href": "file://host/C:",
"hostname": "host",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "C|",
"base": "file://host/D:/dir1/dir2/file",
"pathname": "/C:",
"href": "file://host/C:",
"hostname": "host",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "C|#",
"base": "file://host/dir/file",
"pathname": "/C:",
"href": "file://host/C:#",
"hostname": "host",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "C|?",
"base": "file://host/dir/file",
"pathname": "/C:",
"href": "file://host/C:?",
"hostname": "host",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "C|/",
"base": "file://host/dir/file",
"pathname": "/C:/",
"href": "file://host/C:/",
"hostname": "host",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "C|\n/",
"base": "file://host/dir/file",
"pathname": "/C:/",
"href": "file://host/C:/",
"hostname": "host",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "C|\\",
"base": "file://host/dir/file",
"pathname": "/C:/",
"href": "file://host/C:/",
"hostname": "host",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "C",
"base": "file://host/dir/file",
"pathname": "/dir/C",
"href": "file://host/dir/C",
"hostname": "host",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "C|a",
"base": "file://host/dir/file",
"pathname": "/dir/C|a",
"href": "file://host/dir/C|a",
"hostname": "host",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "/c:/foo/bar",
"base": "file:///c:/baz/qux",
"pathname": "/c:/foo/bar",
"href": "file:///c:/foo/bar",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "/c|/foo/bar",
"base": "file:///c:/baz/qux",
"pathname": "/c:/foo/bar",
"href": "file:///c:/foo/bar",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "file:\\c:\\foo\\bar",
"base": "file:///c:/baz/qux",
"pathname": "/c:/foo/bar",
"href": "file:///c:/foo/bar",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "/c:/foo/bar",
"base": "file://host/path",
"pathname": "/c:/foo/bar",
"href": "file://host/c:/foo/bar",
"hostname": "host",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "file://example.net/C:/",
"base": null,
"pathname": "/C:/",
"href": "file://example.net/C:/",
"hostname": "example.net",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "file://1.2.3.4/C:/",
"base": null,
"pathname": "/C:/",
"href": "file://1.2.3.4/C:/",
"hostname": "1.2.3.4",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "file://[1::8]/C:/",
"base": null,
"pathname": "/C:/",
"href": "file://[1::8]/C:/",
"hostname": "[1::8]",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "C|/",
"base": "file://host/",
"pathname": "/C:/",
"href": "file://host/C:/",
"hostname": "host",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "/C:/",
"base": "file://host/",
"pathname": "/C:/",
"href": "file://host/C:/",
"hostname": "host",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "file:C:/",
"base": "file://host/",
"pathname": "/C:/",
"href": "file://host/C:/",
"hostname": "host",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "file:/C:/",
"base": "file://host/",
"pathname": "/C:/",
"href": "file://host/C:/",
"hostname": "host",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "//C:/",
"base": "file://host/",
"pathname": "/C:/",
"href": "file:///C:/",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "file://C:/",
"base": "file://host/",
"pathname": "/C:/",
"href": "file:///C:/",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "///C:/",
"base": "file://host/",
"pathname": "/C:/",
"href": "file:///C:/",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "file:///C:/",
"base": "file://host/",
"pathname": "/C:/",
"href": "file:///C:/",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "file:/C|/",
"base": null,
"pathname": "/C:/",
"href": "file:///C:/",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "file://C|/",
"base": null,
"pathname": "/C:/",
"href": "file:///C:/",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "file:",
"base": null,
"pathname": "/",
"href": "file:///",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "file:?q=v",
"base": null,
"pathname": "/",
"href": "file:///?q=v",
"hostname": "",
"port": "",
"search": "?q=v",
"hash": "",
"protocol": "file:"
},
{
"input": "file:#frag",
"base": null,
"pathname": "/",
"href": "file:///#frag",
"hostname": "",
"port": "",
"search": "",
"hash": "#frag",
"protocol": "file:"
},
{
"input": "file:///Y:",
"base": null,
"pathname": "/Y:",
"href": "file:///Y:",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "file:///Y:/",
"base": null,
"pathname": "/Y:/",
"href": "file:///Y:/",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "file:///./Y",
"base": null,
"pathname": "/Y",
"href": "file:///Y",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "file:///./Y:",
"base": null,
"pathname": "/Y:",
"href": "file:///Y:",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "\\\\\\.\\Y:",
"base": null,
"failure": true
},
{
"input": "file:///y:",
"base": null,
"pathname": "/y:",
"href": "file:///y:",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "file:///y:/",
"base": null,
"pathname": "/y:/",
"href": "file:///y:/",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "file:///./y",
"base": null,
"pathname": "/y",
"href": "file:///y",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "file:///./y:",
"base": null,
"pathname": "/y:",
"href": "file:///y:",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "\\\\\\.\\y:",
"base": null,
"failure": true
},
{
"input": "file://localhost//a//../..//foo",
"base": null,
"pathname": "///foo",
"href": "file://///foo",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "file://localhost////foo",
"base": null,
"pathname": "////foo",
"href": "file://////foo",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "file:////foo",
"base": null,
"pathname": "//foo",
"href": "file:////foo",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "file:///one/two",
"base": "file:///",
"pathname": "/one/two",
"href": "file:///one/two",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "file:////one/two",
"base": "file:///",
"pathname": "//one/two",
"href": "file:////one/two",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "//one/two",
"base": "file:///",
"pathname": "/two",
"href": "file://one/two",
"hostname": "one",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "///one/two",
"base": "file:///",
"pathname": "/one/two",
"href": "file:///one/two",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "////one/two",
"base": "file:///",
"pathname": "//one/two",
"href": "file:////one/two",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "file:///.//",
"base": "file:////",
"pathname": "//",
"href": "file:////",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "file:.//p",
"base": null,
"pathname": "//p",
"href": "file:////p",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "file:/.//p",
"base": null,
"pathname": "//p",
"href": "file:////p",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "http://[1:0::]",
"base": "http://example.net/",
"pathname": "/",
"href": "http://[1::]/",
"origin": "http://[1::]",
"hostname": "[1::]",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://[0:1:2:3:4:5:6:7:8]",
"base": "http://example.net/",
"failure": true
},
{
"input": "https://[0::0::0]",
"base": null,
"failure": true
},
{
"input": "https://[0:.0]",
"base": null,
"failure": true
},
{
"input": "https://[0:0:]",
"base": null,
"failure": true
},
{
"input": "https://[0:1:2:3:4:5:6:7.0.0.0.1]",
"base": null,
"failure": true
},
{
"input": "https://[0:1.00.0.0.0]",
"base": null,
"failure": true
},
{
"input": "https://[0:1.290.0.0.0]",
"base": null,
"failure": true
},
{
"input": "https://[0:1.23.23]",
"base": null,
"failure": true
},
{
"input": "http://?",
"base": null,
"failure": true
},
{
"input": "http://#",
"base": null,
"failure": true
},
{
"input": "http://f:4294967377/c",
"base": "http://example.org/",
"failure": true
},
{
"input": "http://f:18446744073709551697/c",
"base": "http://example.org/",
"failure": true
},
{
"input": "http://f:340282366920938463463374607431768211537/c",
"base": "http://example.org/",
"failure": true
},
{
"input": "sc://\u00f1",
"base": null,
"pathname": "",
"href": "sc://%C3%B1",
"origin": "null",
"hostname": "%C3%B1",
"port": "",
"search": "",
"hash": "",
"protocol": "sc:"
},
{
"input": "sc://\u00f1?x",
"base": null,
"pathname": "",
"href": "sc://%C3%B1?x",
"origin": "null",
"hostname": "%C3%B1",
"port": "",
"search": "?x",
"hash": "",
"protocol": "sc:"
},
{
"input": "sc://\u00f1#x",
"base": null,
"pathname": "",
"href": "sc://%C3%B1#x",
"origin": "null",
"hostname": "%C3%B1",
"port": "",
"search": "",
"hash": "#x",
"protocol": "sc:"
},
{
"input": "#x",
"base": "sc://\u00f1",
"pathname": "",
"href": "sc://%C3%B1#x",
"origin": "null",
"hostname": "%C3%B1",
"port": "",
"search": "",
"hash": "#x",
"protocol": "sc:"
},
{
"input": "?x",
"base": "sc://\u00f1",
"pathname": "",
"href": "sc://%C3%B1?x",
"origin": "null",
"hostname": "%C3%B1",
"port": "",
"search": "?x",
"hash": "",
"protocol": "sc:"
},
{
"input": "sc://?",
"base": null,
"pathname": "",
"href": "sc://?",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "sc:"
},
{
"input": "sc://#",
"base": null,
"pathname": "",
"href": "sc://#",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "sc:"
},
{
"input": "///",
"base": "sc://x/",
"pathname": "/",
"href": "sc:///",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "sc:"
},
{
"input": "////",
"base": "sc://x/",
"pathname": "//",
"href": "sc:////",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "sc:"
},
{
"input": "////x/",
"base": "sc://x/",
"pathname": "//x/",
"href": "sc:////x/",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "sc:"
},
{
"input": "non-spec:/.//",
"base": null,
"pathname": "//",
"href": "non-spec:/.//",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "non-spec:"
},
{
"input": "non-spec:/..//",
"base": null,
"pathname": "//",
"href": "non-spec:/.//",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "non-spec:"
},
{
"input": "non-spec:/a/..//",
"base": null,
"pathname": "//",
"href": "non-spec:/.//",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "non-spec:"
},
{
"input": "non-spec:/.//path",
"base": null,
"pathname": "//path",
"href": "non-spec:/.//path",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "non-spec:"
},
{
"input": "non-spec:/..//path",
"base": null,
"pathname": "//path",
"href": "non-spec:/.//path",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "non-spec:"
},
{
"input": "non-spec:/a/..//path",
"base": null,
"pathname": "//path",
"href": "non-spec:/.//path",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "non-spec:"
},
{
"input": "/.//path",
"base": "non-spec:/p",
"pathname": "//path",
"href": "non-spec:/.//path",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "non-spec:"
},
{
"input": "/..//path",
"base": "non-spec:/p",
"pathname": "//path",
"href": "non-spec:/.//path",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "non-spec:"
},
{
"input": "..//path",
"base": "non-spec:/p",
"pathname": "//path",
"href": "non-spec:/.//path",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "non-spec:"
},
{
"input": "a/..//path",
"base": "non-spec:/p",
"pathname": "//path",
"href": "non-spec:/.//path",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "non-spec:"
},
{
"input": "",
"base": "non-spec:/..//p",
"pathname": "//p",
"href": "non-spec:/.//p",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "non-spec:"
},
{
"input": "path",
"base": "non-spec:/..//p",
"pathname": "//path",
"href": "non-spec:/.//path",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "non-spec:"
},
{
"input": "../path",
"base": "non-spec:/.//p",
"pathname": "/path",
"href": "non-spec:/path",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "non-spec:"
},
{
"input": "non-special://%E2%80%A0/",
"base": null,
"pathname": "/",
"href": "non-special://%E2%80%A0/",
"hostname": "%E2%80%A0",
"port": "",
"search": "",
"hash": "",
"protocol": "non-special:"
},
{
"input": "non-special://H%4fSt/path",
"base": null,
"pathname": "/path",
"href": "non-special://H%4fSt/path",
"hostname": "H%4fSt",
"port": "",
"search": "",
"hash": "",
"protocol": "non-special:"
},
{
"input": "non-special://[1:2:0:0:5:0:0:0]/",
"base": null,
"pathname": "/",
"href": "non-special://[1:2:0:0:5::]/",
"hostname": "[1:2:0:0:5::]",
"port": "",
"search": "",
"hash": "",
"protocol": "non-special:"
},
{
"input": "non-special://[1:2:0:0:0:0:0:3]/",
"base": null,
"pathname": "/",
"href": "non-special://[1:2::3]/",
"hostname": "[1:2::3]",
"port": "",
"search": "",
"hash": "",
"protocol": "non-special:"
},
{
"input": "non-special://[1:2::3]:80/",
"base": null,
"pathname": "/",
"href": "non-special://[1:2::3]:80/",
"hostname": "[1:2::3]",
"port": "80",
"search": "",
"hash": "",
"protocol": "non-special:"
},
{
"input": "non-special://[:80/",
"base": null,
"failure": true
},
{
"input": "blob:https://example.com:443/",
"base": null,
"pathname": "https://example.com:443/",
"href": "blob:https://example.com:443/",
"origin": "https://example.com",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "blob:"
},
{
"input": "blob:http://example.org:88/",
"base": null,
"pathname": "http://example.org:88/",
"href": "blob:http://example.org:88/",
"origin": "http://example.org:88",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "blob:"
},
{
"input": "blob:d3958f5c-0777-0845-9dcf-2cb28783acaf",
"base": null,
"pathname": "d3958f5c-0777-0845-9dcf-2cb28783acaf",
"href": "blob:d3958f5c-0777-0845-9dcf-2cb28783acaf",
"origin": "null",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "blob:"
},
{
"input": "blob:",
"base": null,
"pathname": "",
"href": "blob:",
"origin": "null",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "blob:"
},
{
"input": "blob:blob:",
"base": null,
"pathname": "blob:",
"href": "blob:blob:",
"origin": "null",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "blob:"
},
{
"input": "blob:blob:https://example.org/",
"base": null,
"pathname": "blob:https://example.org/",
"href": "blob:blob:https://example.org/",
"origin": "null",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "blob:"
},
{
"input": "blob:about:blank",
"base": null,
"pathname": "about:blank",
"href": "blob:about:blank",
"origin": "null",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "blob:"
},
{
"input": "blob:file://host/path",
"base": null,
"pathname": "file://host/path",
"href": "blob:file://host/path",
"origin": "null",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "blob:"
},
{
"input": "blob:ftp://host/path",
"base": null,
"pathname": "ftp://host/path",
"href": "blob:ftp://host/path",
"origin": "null",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "blob:"
},
{
"input": "blob:ws://example.org/",
"base": null,
"pathname": "ws://example.org/",
"href": "blob:ws://example.org/",
"origin": "null",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "blob:"
},
{
"input": "blob:wss://example.org/",
"base": null,
"pathname": "wss://example.org/",
"href": "blob:wss://example.org/",
"origin": "null",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "blob:"
},
{
"input": "blob:http%3a//example.org/",
"base": null,
"pathname": "http%3a//example.org/",
"href": "blob:http%3a//example.org/",
"origin": "null",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "blob:"
},
{
"input": "http://0x7f.0.0.0x7g",
"base": null,
"pathname": "/",
"href": "http://0x7f.0.0.0x7g/",
"hostname": "0x7f.0.0.0x7g",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://0X7F.0.0.0X7G",
"base": null,
"pathname": "/",
"href": "http://0x7f.0.0.0x7g/",
"hostname": "0x7f.0.0.0x7g",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://[::127.0.0.0.1]",
"base": null,
"failure": true
},
{
"input": "http://[0:1:0:1:0:1:0:1]",
"base": null,
"pathname": "/",
"href": "http://[0:1:0:1:0:1:0:1]/",
"hostname": "[0:1:0:1:0:1:0:1]",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://[1:0:1:0:1:0:1:0]",
"base": null,
"pathname": "/",
"href": "http://[1:0:1:0:1:0:1:0]/",
"hostname": "[1:0:1:0:1:0:1:0]",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://example.org/test?\"",
"base": null,
"pathname": "/test",
"href": "http://example.org/test?%22",
"hostname": "example.org",
"port": "",
"search": "?%22",
"hash": "",
"protocol": "http:"
},
{
"input": "http://example.org/test?#",
"base": null,
"pathname": "/test",
"href": "http://example.org/test?#",
"hostname": "example.org",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://example.org/test?<",
"base": null,
"pathname": "/test",
"href": "http://example.org/test?%3C",
"hostname": "example.org",
"port": "",
"search": "?%3C",
"hash": "",
"protocol": "http:"
},
{
"input": "http://example.org/test?>",
"base": null,
"pathname": "/test",
"href": "http://example.org/test?%3E",
"hostname": "example.org",
"port": "",
"search": "?%3E",
"hash": "",
"protocol": "http:"
},
{
"input": "http://example.org/test?\u2323",
"base": null,
"pathname": "/test",
"href": "http://example.org/test?%E2%8C%A3",
"hostname": "example.org",
"port": "",
"search": "?%E2%8C%A3",
"hash": "",
"protocol": "http:"
},
{
"input": "http://example.org/test?%23%23",
"base": null,
"pathname": "/test",
"href": "http://example.org/test?%23%23",
"hostname": "example.org",
"port": "",
"search": "?%23%23",
"hash": "",
"protocol": "http:"
},
{
"input": "http://example.org/test?%GH",
"base": null,
"pathname": "/test",
"href": "http://example.org/test?%GH",
"hostname": "example.org",
"port": "",
"search": "?%GH",
"hash": "",
"protocol": "http:"
},
{
"input": "http://example.org/test?a#%EF",
"base": null,
"pathname": "/test",
"href": "http://example.org/test?a#%EF",
"hostname": "example.org",
"port": "",
"search": "?a",
"hash": "#%EF",
"protocol": "http:"
},
{
"input": "http://example.org/test?a#%GH",
"base": null,
"pathname": "/test",
"href": "http://example.org/test?a#%GH",
"hostname": "example.org",
"port": "",
"search": "?a",
"hash": "#%GH",
"protocol": "http:"
},
{
"input": "a",
"base": null,
"failure": true
},
{
"input": "a/",
"base": null,
"failure": true
},
{
"input": "a//",
"base": null,
"failure": true
},
{
"input": "test-a-colon.html",
"base": "a:",
"failure": true
},
{
"input": "test-a-colon-b.html",
"base": "a:b",
"failure": true
},
{
"input": "http://example.org/test?a#b\u0000c",
"base": null,
"pathname": "/test",
"href": "http://example.org/test?a#b%00c",
"hostname": "example.org",
"port": "",
"search": "?a",
"hash": "#b%00c",
"protocol": "http:"
},
{
"input": "non-spec://example.org/test?a#b\u0000c",
"base": null,
"pathname": "/test",
"href": "non-spec://example.org/test?a#b%00c",
"hostname": "example.org",
"port": "",
"search": "?a",
"hash": "#b%00c",
"protocol": "non-spec:"
},
{
"input": "non-spec:/test?a#b\u0000c",
"base": null,
"pathname": "/test",
"href": "non-spec:/test?a#b%00c",
"hostname": "",
"port": "",
"search": "?a",
"hash": "#b%00c",
"protocol": "non-spec:"
},
{
"input": "10.0.0.7:8080/foo.html",
"base": "file:///some/dir/bar.html",
"pathname": "/some/dir/10.0.0.7:8080/foo.html",
"href": "file:///some/dir/10.0.0.7:8080/foo.html",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "a!@$*=/foo.html",
"base": "file:///some/dir/bar.html",
"pathname": "/some/dir/a!@$*=/foo.html",
"href": "file:///some/dir/a!@$*=/foo.html",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "file://a\u00adb/p",
"base": null,
"pathname": "/p",
"href": "file://ab/p",
"hostname": "ab",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "file://a%C2%ADb/p",
"base": null,
"pathname": "/p",
"href": "file://ab/p",
"hostname": "ab",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "file://loC\ud835\udc00\ud835\udc0b\ud835\udc07\ud835\udc28\ud835\udc2c\ud835\udc2d/usr/bin",
"base": null,
"pathname": "/usr/bin",
"href": "file:///usr/bin",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "file:"
},
{
"input": "file://\u00ad/p",
"base": null,
"failure": true
},
{
"input": "file://%C2%AD/p",
"base": null,
"failure": true
},
{
"input": "file://xn--/p",
"base": null,
"failure": true
},
{
"input": "#link",
"base": "https://example.org/##link",
"pathname": "/",
"href": "https://example.org/#link",
"hostname": "example.org",
"port": "",
"search": "",
"hash": "#link",
"protocol": "https:"
},
{
"input": "non-special:cannot-be-a-base-url-\u0000\u0001\u001f\u001e~\u007f\u0080",
"base": null,
"pathname": "cannot-be-a-base-url-%00%01%1F%1E~%7F%C2%80",
"href": "non-special:cannot-be-a-base-url-%00%01%1F%1E~%7F%C2%80",
"origin": "null",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "non-special:"
},
{
"input": "https://www.example.com/path{\u007fpath.html?query'\u007f=query#fragment<\u007ffragment",
"base": null,
"pathname": "/path%7B%7Fpath.html",
"href": "https://www.example.com/path%7B%7Fpath.html?query%27%7F=query#fragment%3C%7Ffragment",
"origin": "https://www.example.com",
"hostname": "www.example.com",
"port": "",
"search": "?query%27%7F=query",
"hash": "#fragment%3C%7Ffragment",
"protocol": "https:"
},
{
"input": "https://user:pass[\u007f@foo/bar",
"base": "http://example.org",
"pathname": "/bar",
"href": "https://user:pass%5B%7F@foo/bar",
"origin": "https://foo",
"hostname": "foo",
"port": "",
"search": "",
"hash": "",
"protocol": "https:"
},
{
"input": "foo:// !\"$%&'()*+,-.;<=>@[\\]^_`{|}~@host/",
"base": null,
"pathname": "/",
"href": "foo://%20!%22$%&'()*+,-.%3B%3C%3D%3E%40%5B%5C%5D%5E_%60%7B%7C%7D~@host/",
"origin": "null",
"hostname": "host",
"port": "",
"search": "",
"hash": "",
"protocol": "foo:"
},
{
"input": "wss:// !\"$%&'()*+,-.;<=>@[]^_`{|}~@host/",
"base": null,
"pathname": "/",
"href": "wss://%20!%22$%&'()*+,-.%3B%3C%3D%3E%40%5B%5D%5E_%60%7B%7C%7D~@host/",
"origin": "wss://host",
"hostname": "host",
"port": "",
"search": "",
"hash": "",
"protocol": "wss:"
},
{
"input": "foo://joe: !\"$%&'()*+,-.:;<=>@[\\]^_`{|}~@host/",
"base": null,
"pathname": "/",
"href": "foo://joe:%20!%22$%&'()*+,-.%3A%3B%3C%3D%3E%40%5B%5C%5D%5E_%60%7B%7C%7D~@host/",
"origin": "null",
"hostname": "host",
"port": "",
"search": "",
"hash": "",
"protocol": "foo:"
},
{
"input": "wss://joe: !\"$%&'()*+,-.:;<=>@[]^_`{|}~@host/",
"base": null,
"pathname": "/",
"href": "wss://joe:%20!%22$%&'()*+,-.%3A%3B%3C%3D%3E%40%5B%5D%5E_%60%7B%7C%7D~@host/",
"origin": "wss://host",
"hostname": "host",
"port": "",
"search": "",
"hash": "",
"protocol": "wss:"
},
{
"input": "foo://!\"$%&'()*+,-.;=_`{}~/",
"base": null,
"pathname": "/",
"href": "foo://!\"$%&'()*+,-.;=_`{}~/",
"origin": "null",
"hostname": "!\"$%&'()*+,-.;=_`{}~",
"port": "",
"search": "",
"hash": "",
"protocol": "foo:"
},
{
"input": "wss://!\"$&'()*+,-.;=_`{}~/",
"base": null,
"pathname": "/",
"href": "wss://!\"$&'()*+,-.;=_`{}~/",
"origin": "wss://!\"$&'()*+,-.;=_`{}~",
"hostname": "!\"$&'()*+,-.;=_`{}~",
"port": "",
"search": "",
"hash": "",
"protocol": "wss:"
},
{
"input": "foo://host/ !\"$%&'()*+,-./:;<=>@[\\]^_`{|}~",
"base": null,
"pathname": "/%20!%22$%&'()*+,-./:;%3C=%3E@[\\]%5E_%60%7B|%7D~",
"note": "^ in paths is percent-encoded since the 2024 URL Standard",
"href": "foo://host/%20!%22$%&'()*+,-./:;%3C=%3E@[\\]%5E_%60%7B|%7D~",
"origin": "null",
"hostname": "host",
"port": "",
"search": "",
"hash": "",
"protocol": "foo:"
},
{
"input": "wss://host/ !\"$%&'()*+,-./:;<=>@[\\]^_`{|}~",
"base": null,
"pathname": "/%20!%22$%&'()*+,-./:;%3C=%3E@[/]%5E_%60%7B|%7D~",
"note": "^ in paths is percent-encoded since the 2024 URL Standard",
"href": "wss://host/%20!%22$%&'()*+,-./:;%3C=%3E@[/]%5E_%60%7B|%7D~",
"origin": "wss://host",
"hostname": "host",
"port": "",
"search": "",
"hash": "",
"protocol": "wss:"
},
{
"input": "foo://host/dir/? !\"$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
"base": null,
"pathname": "/dir/",
"href": "foo://host/dir/?%20!%22$%&'()*+,-./:;%3C=%3E?@[\\]^_`{|}~",
"origin": "null",
"hostname": "host",
"port": "",
"search": "?%20!%22$%&'()*+,-./:;%3C=%3E?@[\\]^_`{|}~",
"hash": "",
"protocol": "foo:"
},
{
"input": "wss://host/dir/? !\"$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
"base": null,
"pathname": "/dir/",
"href": "wss://host/dir/?%20!%22$%&%27()*+,-./:;%3C=%3E?@[\\]^_`{|}~",
"origin": "wss://host",
"hostname": "host",
"port": "",
"search": "?%20!%22$%&%27()*+,-./:;%3C=%3E?@[\\]^_`{|}~",
"hash": "",
"protocol": "wss:"
},
{
"input": "foo://host/dir/# !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
"base": null,
"pathname": "/dir/",
"href": "foo://host/dir/#%20!%22#$%&'()*+,-./:;%3C=%3E?@[\\]^_%60{|}~",
"origin": "null",
"hostname": "host",
"port": "",
"search": "",
"hash": "#%20!%22#$%&'()*+,-./:;%3C=%3E?@[\\]^_%60{|}~",
"protocol": "foo:"
},
{
"input": "wss://host/dir/# !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
"base": null,
"pathname": "/dir/",
"href": "wss://host/dir/#%20!%22#$%&'()*+,-./:;%3C=%3E?@[\\]^_%60{|}~",
"origin": "wss://host",
"hostname": "host",
"port": "",
"search": "",
"hash": "#%20!%22#$%&'()*+,-./:;%3C=%3E?@[\\]^_%60{|}~",
"protocol": "wss:"
},
{
"input": "#",
"base": null,
"failure": true
},
{
"input": "?",
"base": null,
"failure": true
},
{
"input": "http://1.2.3.4.5",
"base": "http://other.com/",
"failure": true
},
{
"input": "http://1.2.3.4.5.",
"base": "http://other.com/",
"failure": true
},
{
"input": "http://0..0x300/",
"base": null,
"failure": true
},
{
"input": "http://0..0x300./",
"base": null,
"failure": true
},
{
"input": "http://256.256.256.256.256",
"base": "http://other.com/",
"failure": true
},
{
"input": "http://256.256.256.256.256.",
"base": "http://other.com/",
"failure": true
},
{
"input": "http://1.2.3.08",
"base": null,
"failure": true
},
{
"input": "http://1.2.3.08.",
"base": null,
"failure": true
},
{
"input": "http://1.2.3.09",
"base": null,
"failure": true
},
{
"input": "http://09.2.3.4",
"base": null,
"failure": true
},
{
"input": "http://09.2.3.4.",
"base": null,
"failure": true
},
{
"input": "http://01.2.3.4.5",
"base": null,
"failure": true
},
{
"input": "http://01.2.3.4.5.",
"base": null,
"failure": true
},
{
"input": "http://0x100.2.3.4",
"base": null,
"failure": true
},
{
"input": "http://0x100.2.3.4.",
"base": null,
"failure": true
},
{
"input": "http://0x1.2.3.4.5",
"base": null,
"failure": true
},
{
"input": "http://0x1.2.3.4.5.",
"base": null,
"failure": true
},
{
"input": "http://foo.1.2.3.4",
"base": null,
"failure": true
},
{
"input": "http://foo.1.2.3.4.",
"base": null,
"failure": true
},
{
"input": "http://foo.2.3.4",
"base": null,
"failure": true
},
{
"input": "http://foo.2.3.4.",
"base": null,
"failure": true
},
{
"input": "http://foo.09",
"base": null,
"failure": true
},
{
"input": "http://foo.09.",
"base": null,
"failure": true
},
{
"input": "http://foo.0x4",
"base": null,
"failure": true
},
{
"input": "http://foo.0x4.",
"base": null,
"failure": true
},
{
"input": "http://foo.09..",
"base": null,
"pathname": "/",
"href": "http://foo.09../",
"hostname": "foo.09..",
"port": "",
"search": "",
"hash": "",
"protocol": "http:"
},
{
"input": "http://0999999999999999999/",
"base": null,
"failure": true
},
{
"input": "http://foo.0x",
"base": null,
"failure": true
},
{
"input": "http://foo.0XFfFfFfFfFfFfFfFfFfAcE123",
"base": null,
"failure": true
},
{
"input": "http://\ud83d\udca9.123/",
"base": null,
"failure": true
},
{
"input": "https://\u0000y",
"base": null,
"failure": true
},
{
"input": "https://x/\u0000y",
"base": null,
"pathname": "/%00y",
"href": "https://x/%00y",
"hostname": "x",
"port": "",
"search": "",
"hash": "",
"protocol": "https:"
},
{
"input": "https://x/?\u0000y",
"base": null,
"pathname": "/",
"href": "https://x/?%00y",
"hostname": "x",
"port": "",
"search": "?%00y",
"hash": "",
"protocol": "https:"
},
{
"input": "https://x/?#\u0000y",
"base": null,
"pathname": "/",
"href": "https://x/?#%00y",
"hostname": "x",
"port": "",
"search": "",
"hash": "#%00y",
"protocol": "https:"
},
{
"input": "https://\uffffy",
"base": null,
"failure": true
},
{
"input": "https://x/\uffffy",
"base": null,
"pathname": "/%EF%BF%BFy",
"href": "https://x/%EF%BF%BFy",
"hostname": "x",
"port": "",
"search": "",
"hash": "",
"protocol": "https:"
},
{
"input": "https://x/?\uffffy",
"base": null,
"pathname": "/",
"href": "https://x/?%EF%BF%BFy",
"hostname": "x",
"port": "",
"search": "?%EF%BF%BFy",
"hash": "",
"protocol": "https:"
},
{
"input": "https://x/?#\uffffy",
"base": null,
"pathname": "/",
"href": "https://x/?#%EF%BF%BFy",
"hostname": "x",
"port": "",
"search": "",
"hash": "#%EF%BF%BFy",
"protocol": "https:"
},
{
"input": "non-special:\u0000y",
"base": null,
"pathname": "%00y",
"href": "non-special:%00y",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "non-special:"
},
{
"input": "non-special:x/\u0000y",
"base": null,
"pathname": "x/%00y",
"href": "non-special:x/%00y",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "non-special:"
},
{
"input": "non-special:x/?\u0000y",
"base": null,
"pathname": "x/",
"href": "non-special:x/?%00y",
"hostname": "",
"port": "",
"search": "?%00y",
"hash": "",
"protocol": "non-special:"
},
{
"input": "non-special:x/?#\u0000y",
"base": null,
"pathname": "x/",
"href": "non-special:x/?#%00y",
"hostname": "",
"port": "",
"search": "",
"hash": "#%00y",
"protocol": "non-special:"
},
{
"input": "non-special:\uffffy",
"base": null,
"pathname": "%EF%BF%BFy",
"href": "non-special:%EF%BF%BFy",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "non-special:"
},
{
"input": "non-special:x/\uffffy",
"base": null,
"pathname": "x/%EF%BF%BFy",
"href": "non-special:x/%EF%BF%BFy",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "non-special:"
},
{
"input": "non-special:x/?\uffffy",
"base": null,
"pathname": "x/",
"href": "non-special:x/?%EF%BF%BFy",
"hostname": "",
"port": "",
"search": "?%EF%BF%BFy",
"hash": "",
"protocol": "non-special:"
},
{
"input": "non-special:x/?#\uffffy",
"base": null,
"pathname": "x/",
"href": "non-special:x/?#%EF%BF%BFy",
"hostname": "",
"port": "",
"search": "",
"hash": "#%EF%BF%BFy",
"protocol": "non-special:"
},
{
"input": "",
"base": null,
"failure": true
},
{
"input": "https://example.com/\"quoted\"",
"base": null,
"pathname": "/%22quoted%22",
"href": "https://example.com/%22quoted%22",
"origin": "https://example.com",
"hostname": "example.com",
"port": "",
"search": "",
"hash": "",
"protocol": "https:"
},
{
"input": "https://a%C2%ADb/",
"base": null,
"pathname": "/",
"href": "https://ab/",
"origin": "https://ab",
"hostname": "ab",
"port": "",
"search": "",
"hash": "",
"protocol": "https:"
},
{
"input": "https://\u00ad/",
"base": null,
"failure": true
},
{
"input": "https://%C2%AD/",
"base": null,
"failure": true
},
{
"input": "https://xn--/",
"base": null,
"failure": true
},
{
"input": "data://example.com:8080/pathname?search#hash",
"base": null,
"pathname": "/pathname",
"href": "data://example.com:8080/pathname?search#hash",
"origin": "null",
"hostname": "example.com",
"port": "8080",
"search": "?search",
"hash": "#hash",
"protocol": "data:"
},
{
"input": "data:///test",
"base": null,
"pathname": "/test",
"href": "data:///test",
"origin": "null",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "data:"
},
{
"input": "data://test/a/../b",
"base": null,
"pathname": "/b",
"href": "data://test/b",
"origin": "null",
"hostname": "test",
"port": "",
"search": "",
"hash": "",
"protocol": "data:"
},
{
"input": "data://:443",
"base": null,
"failure": true
},
{
"input": "data://test:test",
"base": null,
"failure": true
},
{
"input": "data://[:1]",
"base": null,
"failure": true
},
{
"input": "javascript://example.com:8080/pathname?search#hash",
"base": null,
"pathname": "/pathname",
"href": "javascript://example.com:8080/pathname?search#hash",
"origin": "null",
"hostname": "example.com",
"port": "8080",
"search": "?search",
"hash": "#hash",
"protocol": "javascript:"
},
{
"input": "javascript:///test",
"base": null,
"pathname": "/test",
"href": "javascript:///test",
"origin": "null",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "javascript:"
},
{
"input": "javascript://test/a/../b",
"base": null,
"pathname": "/b",
"href": "javascript://test/b",
"origin": "null",
"hostname": "test",
"port": "",
"search": "",
"hash": "",
"protocol": "javascript:"
},
{
"input": "javascript://:443",
"base": null,
"failure": true
},
{
"input": "javascript://test:test",
"base": null,
"failure": true
},
{
"input": "javascript://[:1]",
"base": null,
"failure": true
},
{
"input": "mailto://example.com:8080/pathname?search#hash",
"base": null,
"pathname": "/pathname",
"href": "mailto://example.com:8080/pathname?search#hash",
"origin": "null",
"hostname": "example.com",
"port": "8080",
"search": "?search",
"hash": "#hash",
"protocol": "mailto:"
},
{
"input": "mailto:///test",
"base": null,
"pathname": "/test",
"href": "mailto:///test",
"origin": "null",
"hostname": "",
"port": "",
"search": "",
"hash": "",
"protocol": "mailto:"
},
{
"input": "mailto://test/a/../b",
"base": null,
"pathname": "/b",
"href": "mailto://test/b",
"origin": "null",
"hostname": "test",
"port": "",
"search": "",
"hash": "",
"protocol": "mailto:"
},
{
"input": "mailto://:443",
"base": null,
"failure": true
},
{
"input": "mailto://test:test",
"base": null,
"failure": true
},
{
"input": "mailto://[:1]",
"base": null,
"failure": true
},
{
"input": "intent://:443",
"base": null,
"failure": true
},
{
"input": "intent://test:test",
"base": null,
"failure": true
},
{
"input": "intent://[:1]",
"base": null,
"failure": true
},
{
"input": "urn://:443",
"base": null,
"failure": true
},
{
"input": "urn://test:test",
"base": null,
"failure": true
},
{
"input": "urn://[:1]",
"base": null,
"failure": true
},
{
"input": "turn://:443",
"base": null,
"failure": true
},
{
"input": "turn://test:test",
"base": null,
"failure": true
},
{
"input": "turn://[:1]",
"base": null,
"failure": true
},
{
"input": "stun://:443",
"base": null,
"failure": true
},
{
"input": "stun://test:test",
"base": null,
"failure": true
},
{
"input": "stun://[:1]",
"base": null,
"failure": true
}
]
"""##
