import Testing
@testable import BrowserModel

@Suite("FrameSandbox")
struct FrameSandboxTests {
    @Test func tokensAreReadWithoutCaseAndInsideASandboxOnlyWhatBothAllowIsAllowed() {
        #expect(FrameSandbox(attribute: "") == FrameSandbox(allowsSameOrigin: false, allowsScripts: false))
        #expect(FrameSandbox(attribute: " ALLOW-scripts\tallow-same-origin\nallow-forms") == FrameSandbox(allowsSameOrigin: true, allowsScripts: true))
        #expect(FrameSandbox(attribute: "allow-scripts,allow-same-origin") == FrameSandbox(allowsSameOrigin: false, allowsScripts: false),
                "commas do not separate tokens")
        let inner = FrameSandbox(attribute: "allow-scripts allow-same-origin")
        #expect(inner.within(nil) == inner)
        #expect(inner.within(FrameSandbox(attribute: "allow-scripts")) == FrameSandbox(allowsSameOrigin: false, allowsScripts: true))
    }

    @Test func aFramesSandboxAttributeIsRead() {
        let page = HTMLPage(html: #"<iframe src="a.html" sandbox="allow-scripts"></iframe><iframe src="b.html"></iframe>"#)
        #expect(page.iframes.map(\.sandbox) == ["allow-scripts", nil])
    }
}
