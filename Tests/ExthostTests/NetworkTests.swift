import BrowserModel
import Exthost
import Foundation
import JSEngine
import Testing

/// `--network` (issue 9, item 2): `fetch` and `XMLHttpRequest` reach a real server (this suite's
/// own, on loopback) with their method, headers and body, and read its answer; CORS where the
/// context has no host permission; nothing leaves without `--network`.
@Suite("Network", .serialized)
struct NetworkTests {
    static func manifest(hostPermission: Bool) -> String {
        #"{"manifest_version": 3, "name": "net", "version": "1.0", "background": {"service_worker": "bg.js", "scripts": ["bg.js"]}, "#
            + #""browser_specific_settings": {"gecko": {"id": "net@exthost.test"}}, "host_permissions": [\#(hostPermission ? #""http://127.0.0.1/*""# : "")]}"#
    }

    static func run(_ code: String, server: LoopbackHTTPServer, flavor: Flavor, hostPermission: Bool = true, network: Bool = true) throws -> HostRun {
        try HostRun.run(files: ["manifest.json": manifest(hostPermission: hostPermission), "bg.js": code.replacingOccurrences(of: "SERVER", with: server.origin)],
                        flavor: flavor, network: network)
    }

    @Test(arguments: [Flavor.chrome, .firefox])
    func fetchSendsMethodHeadersAndBodyAndReadsTheAnswer(flavor: Flavor) throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let run = try Self.run("""
            fetch('SERVER/echo?x=1', { method: 'POST', headers: { 'X-Test': 'yes' }, body: 'hello' }).then(async (response) => {
              const echo = await response.json();
              console.log([response.status, response.ok, response.type, response.url.endsWith('/echo?x=1'), response.headers.get('x-server')].join(' '));
              console.log([echo.method, echo.path, echo.headers['x-test'], echo.headers['content-type'], echo.body].join(' '));
              return fetch('SERVER/status/404');
            }).then(async (response) => console.log([response.status, response.ok, await response.text()].join(' ')));
            """, server: server, flavor: flavor)
        #expect(run.texts == ["200 true basic true loopback", "POST /echo?x=1 yes text/plain;charset=UTF-8 hello", "404 false status 404"])
        #expect(server.requests.map(\.path) == ["/echo?x=1", "/status/404"])
        #expect(server.requests.first?.headers["origin"] == nil)
    }

    @Test(arguments: [Flavor.chrome, .firefox])
    func withoutHostPermissionTheServerMustAllowTheOrigin(flavor: Flavor) throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let run = try Self.run("""
            fetch('SERVER/echo').then((r) => console.log('echo', r.status), (e) => console.log('echo refused', e.message))
              .then(() => fetch('SERVER/cors')).then(async (r) => console.log(['cors', r.status, r.type].join(' ')));
            """, server: server, flavor: flavor, hostPermission: false)
        let refusal = flavor == .chrome ? "Failed to fetch" : "NetworkError when attempting to fetch resource."
        #expect(run.texts.filter { !$0.hasPrefix("Access to fetch") && !$0.hasPrefix("Cross-Origin Request Blocked") }
            == ["echo refused " + refusal, "cors 200 cors"])
        #expect(run.messages.contains { $0.level == .error && ($0.text.contains("has been blocked by CORS policy") || $0.text.hasPrefix("Cross-Origin Request Blocked")) })
        #expect(server.requests.allSatisfy { $0.headers["origin"]?.hasPrefix(flavor == .chrome ? "chrome-extension://" : "moz-extension://") == true })
    }

    @Test func redirectsAreFollowed() throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let run = try Self.run("fetch('SERVER/redirect').then(async (r) => console.log([r.status, r.redirected, new URL(r.url).pathname, (await r.json()).path].join(' ')));",
                               server: server, flavor: .chrome)
        #expect(run.texts == ["200 true /echo /echo?redirected"])
    }

    @Test func xmlHttpRequestSendsItsBody() throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let run = try Self.run("""
            const xhr = new XMLHttpRequest();
            xhr.open('PUT', 'SERVER/echo');
            xhr.setRequestHeader('X-Kind', 'xhr');
            xhr.onloadend = () => { const echo = JSON.parse(xhr.responseText); console.log([xhr.status, echo.method, echo.headers['x-kind'], echo.body].join(' ')); };
            xhr.send('payload');
            """, server: server, flavor: .firefox)
        #expect(run.texts == ["200 PUT xhr payload"])
    }

    /// A FormData body reaches the server as multipart/form-data with the browser's boundary, from
    /// fetch and from XMLHttpRequest (Firefox's background page has it); a URLSearchParams one
    /// as application/x-www-form-urlencoded.
    @Test(arguments: [Flavor.chrome, .firefox])
    func formBodiesReachTheServerEncoded(flavor: Flavor) throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let xhr = flavor == .firefox ? """
            .then(() => new Promise((resolve) => {
              const xhr = new XMLHttpRequest();
              xhr.open('POST', 'SERVER/echo');
              xhr.onloadend = () => { const echo = JSON.parse(xhr.responseText); console.log('xhr', echo.headers['content-type'].split('=')[0], echo.body.includes('name="k"')); resolve(); };
              const form = new FormData();
              form.append('k', 'v');
              xhr.send(form);
            }))
            """ : ""
        let run = try Self.run("""
            const form = new FormData();
            form.append('name', 'välue');
            form.append('file', new File(['bytes'], 'a.txt', { type: 'text/plain' }));
            fetch('SERVER/echo', { method: 'POST', body: form }).then((response) => response.json()).then((echo) => {
              const type = echo.headers['content-type'];
              const boundary = type.slice(type.indexOf('boundary=') + 9);
              console.log(type.slice(0, type.indexOf('boundary=')), boundary.startsWith('\(flavor == .chrome ? "----WebKitFormBoundary" : "----geckoformboundary")'));
              console.log(JSON.stringify(echo.body.split(boundary).join('B')));
              return fetch('SERVER/echo', { method: 'POST', body: new URLSearchParams({ q: 'a b' }) });
            }).then((response) => response.json()).then((echo) => console.log(echo.headers['content-type'], echo.body))\(xhr);
            """, server: server, flavor: flavor)
        let expected = [
            "multipart/form-data;  true",
            #""--B\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nvälue\r\n--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\nbytes\r\n--B--\r\n""#,
            "application/x-www-form-urlencoded;charset=UTF-8 q=a+b",
        ]
        #expect(run.texts == expected + (flavor == .firefox ? ["xhr multipart/form-data; boundary true"] : []))
    }

    @Test func theAnswerComesBeforeALaterTimer() throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let run = try Self.run("""
            setTimeout(() => console.log('timer 0'), 0);
            setTimeout(() => console.log('timer 10'), 10);
            fetch('SERVER/echo').then(() => console.log('answer'));
            """, server: server, flavor: .chrome)
        // (With the virtual clock the network takes no time; a zero-delay timer still goes first.)
        #expect(run.texts == ["timer 0", "answer", "timer 10"])
    }

    @Test(arguments: [Flavor.chrome, .firefox])
    func nothingLeavesWithoutNetwork(flavor: Flavor) throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let run = try Self.run("fetch('SERVER/echo').then(() => console.log('answered'), (e) => console.log('failed', e.constructor.name));",
                               server: server, flavor: flavor, network: false)
        #expect(run.texts == ["failed TypeError"])
        #expect(server.requests.isEmpty)
    }
}
