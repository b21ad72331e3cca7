// Pages and what html5lib (a conformant implementation of the HTML Standard's parser, run with scripting enabled)
// finds in them: the first HTML <title>'s text, stripped and collapsed as document.title does; the frames outside
// <template> (src, "about:blank" when missing or empty, "about:srcdoc" for srcdoc); the src of every <script>.

/// The HTML parsing cases, as JSON.
let htmlPageTestDataJSON = ##"""
[
{
"html": "<!doctype html><html><head><title>Hello</title></head><body></body></html>",
"title": "Hello",
"hasTitle": true,
"frames": [],
"scriptSrcs": []
},
{
"html": "<title>  Hello \n\t  World  </title>",
"title": "Hello World",
"hasTitle": true,
"frames": [],
"scriptSrcs": []
},
{
"html": "<TITLE>Upper</TITLE>",
"title": "Upper",
"hasTitle": true,
"frames": [],
"scriptSrcs": []
},
{
"html": "<title>a &amp; b &lt;c&gt; &quot;d&quot; &#39;e&#39; &apos;f&apos;</title>",
"title": "a & b <c> \"d\" 'e' 'f'",
"hasTitle": true,
"frames": [],
"scriptSrcs": []
},
{
"html": "<title>&nbsp;x&nbsp;</title>",
"title": "\u00a0x\u00a0",
"hasTitle": true,
"frames": [],
"scriptSrcs": []
},
{
"html": "<title>&#x41;&#66;&#X43;&#0;&#x110000;&#xD800;&#128;&#150;</title>",
"title": "ABC\ufffd\ufffd\ufffd\u20ac\u2013",
"hasTitle": true,
"frames": [],
"scriptSrcs": []
},
{
"html": "<title>&copy &amp &notit; &notin; &ampx &unknown; & &#; &#x;</title>",
"title": "\u00a9 & \u00acit; \u2209 &x &unknown; & &#; &#x;",
"hasTitle": true,
"frames": [],
"scriptSrcs": []
},
{
"html": "<title>a <b>bold</b> c</title>",
"title": "a <b>bold</b> c",
"hasTitle": true,
"frames": [],
"scriptSrcs": []
},
{
"html": "<title>one</title><title>two</title>",
"title": "one",
"hasTitle": true,
"frames": [],
"scriptSrcs": []
},
{
"html": "<title></title><title>two</title>",
"title": "",
"hasTitle": true,
"frames": [],
"scriptSrcs": []
},
{
"html": "<body><p>x</p><title>in body</title></body>",
"title": "in body",
"hasTitle": true,
"frames": [],
"scriptSrcs": []
},
{
"html": "<!-- <title>commented</title> --><title>real</title>",
"title": "real",
"hasTitle": true,
"frames": [],
"scriptSrcs": []
},
{
"html": "<script>var s = '<title>in script</title>';</script><title>real</title>",
"title": "real",
"hasTitle": true,
"frames": [],
"scriptSrcs": []
},
{
"html": "<script>document.write('<iframe src=x.html></iframe>')</script>",
"title": "",
"hasTitle": false,
"frames": [],
"scriptSrcs": []
},
{
"html": "<style>iframe{}</style><style><iframe src=a></style><iframe src=b>",
"title": "",
"hasTitle": false,
"frames": [
"b"
],
"scriptSrcs": []
},
{
"html": "<textarea><iframe src=a></textarea><iframe src=b></iframe>",
"title": "",
"hasTitle": false,
"frames": [
"b"
],
"scriptSrcs": []
},
{
"html": "<noscript><iframe src=a></iframe></noscript><iframe src=b></iframe>",
"title": "",
"hasTitle": false,
"frames": [
"b"
],
"scriptSrcs": []
},
{
"html": "<iframe src=a><iframe src=b></iframe><iframe src=c></iframe>",
"title": "",
"hasTitle": false,
"frames": [
"a",
"c"
],
"scriptSrcs": []
},
{
"html": "<iframe src=\"dq.html\"></iframe><iframe src='sq.html'></iframe><iframe src=uq.html></iframe>",
"title": "",
"hasTitle": false,
"frames": [
"dq.html",
"sq.html",
"uq.html"
],
"scriptSrcs": []
},
{
"html": "<IFRAME SRC=\"Upper.html\"></IFRAME><iFrAmE sRc=mixed.html></iframe>",
"title": "",
"hasTitle": false,
"frames": [
"Upper.html",
"mixed.html"
],
"scriptSrcs": []
},
{
"html": "<iframe></iframe><iframe src></iframe><iframe src=\"\"></iframe>",
"title": "",
"hasTitle": false,
"frames": [
"about:blank",
"about:blank",
"about:blank"
],
"scriptSrcs": []
},
{
"html": "<iframe srcdoc=\"<p>hi</p>\" src=ignored.html></iframe>",
"title": "",
"hasTitle": false,
"frames": [
"about:srcdoc"
],
"scriptSrcs": []
},
{
"html": "<iframe src=\"a.html?x=1&amp;y=2\"></iframe><iframe src=\"b.html?x=1&y=2&copy=3\"></iframe>",
"title": "",
"hasTitle": false,
"frames": [
"a.html?x=1&y=2",
"b.html?x=1&y=2&copy=3"
],
"scriptSrcs": []
},
{
"html": "<iframe src=\"a.html\" src=\"b.html\"></iframe>",
"title": "",
"hasTitle": false,
"frames": [
"a.html"
],
"scriptSrcs": []
},
{
"html": "<iframe\nsrc\n=\n\"spaced.html\"\n></iframe>",
"title": "",
"hasTitle": false,
"frames": [
"spaced.html"
],
"scriptSrcs": []
},
{
"html": "<iframe src=a.html/></iframe>",
"title": "",
"hasTitle": false,
"frames": [
"a.html/"
],
"scriptSrcs": []
},
{
"html": "<iframe/src=slash.html></iframe>",
"title": "",
"hasTitle": false,
"frames": [
"slash.html"
],
"scriptSrcs": []
},
{
"html": "<iframe title='x>y' src=after.html></iframe>",
"title": "",
"hasTitle": false,
"frames": [
"after.html"
],
"scriptSrcs": []
},
{
"html": "<template><iframe src=t.html></iframe><title>tt</title></template><iframe src=real.html></iframe>",
"title": "",
"hasTitle": false,
"frames": [
"real.html"
],
"scriptSrcs": []
},
{
"html": "<svg><title>svg title</title></svg><title>html title</title>",
"title": "html title",
"hasTitle": true,
"frames": [],
"scriptSrcs": []
},
{
"html": "<svg><iframe src=svg.html></iframe></svg><iframe src=html.html></iframe>",
"title": "",
"hasTitle": false,
"frames": [
"html.html"
],
"scriptSrcs": []
},
{
"html": "<svg><foreignObject><iframe src=fo.html></iframe></foreignObject></svg>",
"title": "",
"hasTitle": false,
"frames": [
"fo.html"
],
"scriptSrcs": []
},
{
"html": "<math><mi><iframe src=mi.html></iframe></mi></math>",
"title": "",
"hasTitle": false,
"frames": [
"mi.html"
],
"scriptSrcs": []
},
{
"html": "<svg><p><iframe src=breakout.html></iframe></svg>",
"title": "",
"hasTitle": false,
"frames": [
"breakout.html"
],
"scriptSrcs": []
},
{
"html": "<svg/><iframe src=after-selfclosing-svg.html></iframe>",
"title": "",
"hasTitle": false,
"frames": [
"after-selfclosing-svg.html"
],
"scriptSrcs": []
},
{
"html": "<frameset><frame src=f1.html><frame src=f2.html></frameset>",
"title": "",
"hasTitle": false,
"frames": [
"f1.html",
"f2.html"
],
"scriptSrcs": []
},
{
"html": "<body><frame src=ignored.html></body>",
"title": "",
"hasTitle": false,
"frames": [],
"scriptSrcs": []
},
{
"html": "<script src=a.js></script><script src='b.js' type=module></script><script type=text/plain src=c.js></script><script>inline</script>",
"title": "",
"hasTitle": false,
"frames": [],
"scriptSrcs": [
"a.js",
"b.js",
"c.js"
]
},
{
"html": "<script><!-- <script> </script> <iframe src=x> --></script><iframe src=after.html></iframe>",
"title": "",
"hasTitle": false,
"frames": [
"after.html"
],
"scriptSrcs": []
},
{
"html": "<script><!-- document.write('</script>'); --></script><iframe src=after2.html></iframe>",
"title": "",
"hasTitle": false,
"frames": [
"after2.html"
],
"scriptSrcs": []
},
{
"html": "<script>a</SCRIPT><iframe src=upper-end.html></iframe>",
"title": "",
"hasTitle": false,
"frames": [
"upper-end.html"
],
"scriptSrcs": []
},
{
"html": "<script>a</scripty></script><iframe src=s.html></iframe>",
"title": "",
"hasTitle": false,
"frames": [
"s.html"
],
"scriptSrcs": []
},
{
"html": "<!--> <iframe src=after-abrupt.html></iframe>",
"title": "",
"hasTitle": false,
"frames": [
"after-abrupt.html"
],
"scriptSrcs": []
},
{
"html": "<!---> <iframe src=after-abrupt2.html></iframe>",
"title": "",
"hasTitle": false,
"frames": [
"after-abrupt2.html"
],
"scriptSrcs": []
},
{
"html": "<!-- a --!> <iframe src=after-bang.html></iframe>",
"title": "",
"hasTitle": false,
"frames": [
"after-bang.html"
],
"scriptSrcs": []
},
{
"html": "<!-- a -- > still comment --> <iframe src=after-dashes.html></iframe>",
"title": "",
"hasTitle": false,
"frames": [
"after-dashes.html"
],
"scriptSrcs": []
},
{
"html": "<!DOCTYPE html PUBLIC \"a>b\"><iframe src=after-doctype.html></iframe>",
"title": "",
"hasTitle": false,
"frames": [
"after-doctype.html"
],
"scriptSrcs": []
},
{
"html": "<?xml version='1.0'?><iframe src=after-pi.html></iframe>",
"title": "",
"hasTitle": false,
"frames": [
"after-pi.html"
],
"scriptSrcs": []
},
{
"html": "a < b <iframe src=lt.html></iframe>",
"title": "",
"hasTitle": false,
"frames": [
"lt.html"
],
"scriptSrcs": []
},
{
"html": "</ iframe src=bogus.html><iframe src=real.html></iframe>",
"title": "",
"hasTitle": false,
"frames": [
"real.html"
],
"scriptSrcs": []
},
{
"html": "<xmp><iframe src=x></xmp><plaintext><iframe src=y></iframe>",
"title": "",
"hasTitle": false,
"frames": [],
"scriptSrcs": []
},
{
"html": "<title>unterminated <iframe src=x>",
"title": "unterminated <iframe src=x>",
"hasTitle": true,
"frames": [],
"scriptSrcs": []
},
{
"html": "<iframe src='unterminated",
"title": "",
"hasTitle": false,
"frames": [],
"scriptSrcs": []
},
{
"html": "<title>a</title \n foo=\"</title>\">b",
"title": "a",
"hasTitle": true,
"frames": [],
"scriptSrcs": []
},
{
"html": "<p title=\"&amp=x &ampy\" id=1><iframe src=\"x?a=1&amp=2&ampz=3&lt;\"></iframe>",
"title": "",
"hasTitle": false,
"frames": [
"x?a=1&amp=2&ampz=3<"
],
"scriptSrcs": []
},
{
"html": "<iframe src=\"&#x68;ttp://h/\"></iframe>",
"title": "",
"hasTitle": false,
"frames": [
"http://h/"
],
"scriptSrcs": []
},
{
"html": "<iframe src=\"  spaced.html  \"></iframe>",
"title": "",
"hasTitle": false,
"frames": [
"  spaced.html  "
],
"scriptSrcs": []
},
{
"html": "<base href=\"http://other/\"><iframe src=x.html></iframe>",
"title": "",
"hasTitle": false,
"frames": [
"x.html"
],
"scriptSrcs": []
},
{
"html": "<title>\u00e9t\u00e9 \u2014 caf\u00e9</title>",
"title": "\u00e9t\u00e9 \u2014 caf\u00e9",
"hasTitle": true,
"frames": [],
"scriptSrcs": []
},
{
"html": "<title>a\r\nb\rc</title>",
"title": "a b c",
"hasTitle": true,
"frames": [],
"scriptSrcs": []
},
{
"html": "<select><option>x</option></select><iframe src=after-select.html></iframe>",
"title": "",
"hasTitle": false,
"frames": [
"after-select.html"
],
"scriptSrcs": []
},
{
"html": "<table><tr><td><iframe src=in-table.html></iframe></td></tr></table>",
"title": "",
"hasTitle": false,
"frames": [
"in-table.html"
],
"scriptSrcs": []
},
{
"html": "<noembed><iframe src=a></noembed><noframes><iframe src=b></noframes><iframe src=c></iframe>",
"title": "",
"hasTitle": false,
"frames": [
"c"
],
"scriptSrcs": []
},
{
"html": "<html><head><title>FS</title></head><frameset><frame src=a><iframe src=x><title>t</title><script src=s.js></script><frameset><frame src=b></frameset></frameset><frame src=after>",
"title": "FS",
"hasTitle": true,
"frames": [
"a",
"b"
],
"scriptSrcs": []
},
{
"html": "text<frameset><frame src=f></frameset><iframe src=i>",
"title": "",
"hasTitle": false,
"frames": [
"i"
],
"scriptSrcs": []
},
{
"html": "<body><frameset><frame src=f></frameset><iframe src=i>",
"title": "",
"hasTitle": false,
"frames": [
"i"
],
"scriptSrcs": []
},
{
"html": "<div></div><frameset><frame src=f><textarea><frame src=g></textarea></frameset>",
"title": "",
"hasTitle": false,
"frames": [
"f",
"g"
],
"scriptSrcs": []
},
{
"html": "<img><frameset><frame src=f></frameset><iframe src=i>",
"title": "",
"hasTitle": false,
"frames": [
"i"
],
"scriptSrcs": []
},
{
"html": "<frameset><noframes><iframe src=nf></noframes><frame src=f></frameset>",
"title": "",
"hasTitle": false,
"frames": [
"f"
],
"scriptSrcs": []
},
{
"html": "<math></title><iframe src=in-math></math><iframe src=after-math>",
"title": "",
"hasTitle": false,
"frames": [
"after-math"
],
"scriptSrcs": []
},
{
"html": "<svg></desc><title>svg</title></svg><title>html</title>",
"title": "html",
"hasTitle": true,
"frames": [],
"scriptSrcs": []
},
{
"html": "<svg><g></g></svg><div><iframe src=closed-svg>",
"title": "",
"hasTitle": false,
"frames": [
"closed-svg"
],
"scriptSrcs": []
},
{
"html": "a < b <frameset><frame src=f>",
"title": "",
"hasTitle": false,
"frames": [],
"scriptSrcs": []
}
]
"""##
