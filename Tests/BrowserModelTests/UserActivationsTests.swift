import Testing
@testable import BrowserModel

@Suite("UserActivations and Clipboard")
struct UserActivationsTests {
    @Test func transientActivationLastsFiveSecondsAndStickyActivationStays() {
        var activations = UserActivations()
        #expect(activations.state(of: "d1", at: 0) == .init(isActive: false, hasBeenActive: false))
        activations.activate(["d1", "d2"], at: 1000)
        #expect(activations.state(of: "d1", at: 1000) == .init(isActive: true, hasBeenActive: true))
        #expect(activations.state(of: "d2", at: 5999.5) == .init(isActive: true, hasBeenActive: true))
        #expect(activations.state(of: "d2", at: 6000) == .init(isActive: false, hasBeenActive: true))
        #expect(activations.state(of: "d3", at: 1000) == .init(isActive: false, hasBeenActive: false))
        // (A new activation starts the five seconds again.)
        activations.activate(["d1"], at: 7000)
        #expect(activations.state(of: "d1", at: 11_999).isActive && !activations.state(of: "d2", at: 11_999).isActive)
        activations.forget("d1")
        #expect(activations.state(of: "d1", at: 7000) == .init(isActive: false, hasBeenActive: false))
    }

    @Test func theClipboardKeepsTheLastWriteAndItsOrigin() {
        var clipboard = Clipboard()
        #expect(clipboard.text == nil && clipboard.origin == nil)
        clipboard.write([.init(type: "text/html", data: "<b>x</b>"), .init(type: "text/plain", data: "x")], origin: "http://a.test")
        #expect(clipboard.text == "x" && clipboard.origin == "http://a.test")
        clipboard.write([.init(type: "text/html", data: "<i>y</i>")], origin: "http://b.test")
        #expect(clipboard.text == nil && clipboard.representations.count == 1 && clipboard.origin == "http://b.test")
    }
}

extension UserActivationsTests {
    @Test func consumingEndsTransientActivationOnly() {
        var activations = UserActivations()
        activations.activate(["d1"], at: 0)
        activations.consume(["d1", "never-activated"])
        #expect(activations.state(of: "d1", at: 1) == .init(isActive: false, hasBeenActive: true))
        #expect(activations.state(of: "never-activated", at: 1) == .init(isActive: false, hasBeenActive: false))
        activations.activate(["d1"], at: 2)
        #expect(activations.state(of: "d1", at: 3).isActive)
    }
}
