import BrowserModel
import Exthost
import Foundation
import Testing

/// Channel messaging and BroadcastChannel (js/48_channel_messaging.js) where the recorded case
/// `fixtures/conformance/web-message-channels` does not reach: channels across contexts of one
/// origin, and ports moved with what waits in their queue.
@Suite("Channel messaging")
struct ChannelMessagingTests {
    @Test(arguments: [Flavor.chrome, .firefox])
    func aBroadcastReachesTheOtherContextsOfItsOriginOnly(flavor: Flavor) throws {
        // Two tabs of one origin and one of another, each with a content script; the background
        // (the extension's origin) listens too.
        let code = """
            const channel = new BroadcastChannel('news');
            const where = typeof location === 'object' ? location.host + location.pathname : 'worker';
            channel.onmessage = (e) => console.log(where + ' heard ' + e.data + ' from ' + e.origin);
            if (location.pathname === '/frames.html') setTimeout(() => channel.postMessage('hello'), 50);
            """
        let run = try HostRun.run(files: [
            "manifest.json": TemporaryExtension.manifest(contentScripts: #"[{"matches": ["http://127.0.0.1/*", "http://localhost/*"], "js": ["cs.js"], "all_frames": false}]"#),
            "bg.js": code, "cs.js": code,
        ], flavor: flavor, open: ["http://127.0.0.1:8000/index.html", "http://localhost:8000/index.html", "http://127.0.0.1:8000/frames.html"])
        #expect(run.texts == ["127.0.0.1:8000/index.html heard hello from http://127.0.0.1:8000"])
    }

    @Test(arguments: [Flavor.chrome, .firefox])
    func aMovedPortTakesWhatWaitsInItsQueue(flavor: Flavor) throws {
        try WebPlatformTests.expectInBothContexts("""
            const { port1, port2 } = new MessageChannel();
            port1.postMessage('waiting 1');
            port1.postMessage('waiting 2');
            const carrier = new MessageChannel();
            carrier.port2.onmessage = (e) => {
              const [moved] = e.ports;
              moved.onmessage = (m) => console.log('moved port got ' + m.data);
              port1.postMessage('after the move');
            };
            carrier.port1.postMessage(null, [port2]);
            port2.onmessage = () => console.log('the old object got a message (it should not)');
            """, flavor: flavor, ["moved port got waiting 1", "moved port got waiting 2", "moved port got after the move"])
    }
}
