import BrowserModel
import Exthost
import Foundation
import Testing

/// `i18n` and the manifest's messages (Sources/BrowserModel/Extension/LocaleMessages.swift,
/// js/59_i18n.js) beyond the recorded case `fixtures/conformance/i18n-messages`.
@Suite("i18n")
struct I18nTests {
    static func files(_ messages: [String: String], defaultLocale: String) -> [String: String] {
        var files = [
            "manifest.json": TemporaryExtension.manifest(extra: #""default_locale": "\#(defaultLocale)", "action": {"default_title": "__MSG_title__"}"#),
            "bg.js": "console.log(chrome.i18n.getMessage('greeting', 'Ann') + ' | ' + chrome.runtime.getManifest().action.default_title);",
        ]
        for (locale, json) in messages { files["_locales/\(locale)/messages.json"] = json }
        return files
    }

    @Test(arguments: Flavor.allCases)
    func theBrowsersLanguageThenItsBaseThenTheDefaultLocaleGiveEachMessage(flavor: Flavor) throws {
        let run = try HostRun.run(files: Self.files([
            "de": #"{"greeting": {"message": "Hallo $1"}, "title": {"message": "Titel"}}"#,
            "en": #"{"greeting": {"message": "Hi $1"}}"#,
            "en_US": #"{"title": {"message": "US \"title\""}}"#,
        ], defaultLocale: "de"), flavor: flavor)
        #expect(run.texts == [#"Hi Ann | US "title""#])
    }

    @Test(arguments: Flavor.allCases)
    func aPlaceholderNoMessageDefinesStopsChromiumFromLoadingTheExtension(flavor: Flavor) throws {
        let files = Self.files(["en": #"{"greeting": {"message": "Hi $WHO$ and $1"}, "title": {"message": "T"}}"#], defaultLocale: "en")
        let directory = try TemporaryExtension(files: files).directory
        let host = ExtensionHost(options: HostOptions(flavor: flavor)) { _ in }
        switch flavor {
        case .chrome:
            #expect {
                try host.loadExtension(at: directory)
            } throws: { error in
                "\(error)".contains("Variable $WHO$ used but not defined.") && "\(error)".contains("_locales")
            }
        case .firefox:
            let run = try HostRun.run(files: files, flavor: flavor)
            #expect(run.texts == ["Hi  and Ann | T"])
        }
    }

    @Test(arguments: Flavor.allCases)
    func dollarSignsBeforeDigitsThatAreNotASCIIOrTooLargeAreNoSubstitutions(flavor: Flavor) throws {
        let files = [
            "manifest.json": TemporaryExtension.manifest(extra: #""default_locale": "en""#),
            "_locales/en/messages.json": #"{"m": {"message": "a $\u216B b $\u0663 c $99999999999999999999 d"}}"#,
            "bg.js": """
                const huge = [];
                huge.length = 2 ** 32 - 1;
                console.log(chrome.i18n.getMessage('m', ['s']) + ' | ' + chrome.i18n.getMessage('m', huge));
                """,
        ]
        let run = try HostRun.run(files: files, flavor: flavor)
        #expect(run.texts == (flavor == .chrome ? ["a  b  c 9999999999999999999 d | undefined"] : ["a $\u{216B} b $\u{0663} c  d | a $\u{216B} b $\u{0663} c  d"]))
    }
}

