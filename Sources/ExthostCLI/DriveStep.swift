import ArgumentParser
import Exthost

/// One step of `exthost run --do`: what a person does to a page once the run has loaded its pages,
/// written `[PAGE:] ACTION [SELECTOR [TEXT]]`:
///
/// - `click #go`, `type #q "some text"`, `submit #q` (Enter in the field), `text #out`, `value #q`, `html`;
/// - PAGE is `tab` (the active tab's page, the default), `popup` or `options`: `popup: click #b`.
///
/// Words are separated by spaces; a word with spaces goes in single or double quotes
/// (`click "form button"`), as a shell would take it. In double quotes `\n` is Enter, `\t` Tab,
/// `\b` Backspace, `\\` a backslash and `\"` a quote (`type #q "cats\n"` types and presses Enter).
struct DriveStep: CustomStringConvertible {
    /// The page acted on.
    let page: DrivenPage
    /// What is done.
    let action: DocumentAction
    /// The element's selector (empty for `html`).
    let selector: String
    /// What `type` types.
    let text: String
    /// The step as written.
    let description: String

    private init(page: DrivenPage, action: DocumentAction, selector: String, text: String, description: String) {
        self.page = page
        self.action = action
        self.selector = selector
        self.text = text
        self.description = description
    }

    /// The step `argument` writes, or why it is not one.
    static func parse(_ argument: String) throws(ValidationError) -> DriveStep {
        var body = Substring(argument)
        var page = DrivenPage.tab
        if let colon = body.firstIndex(of: ":"), let named = DrivenPage(rawValue: body[..<colon].trimmingCharacters(in: .whitespaces)) {
            page = named
            body = body[body.index(after: colon)...]
        }
        let words = try Self.words(body, in: argument)
        let usage = "write a step as [tab:|popup:|options:] click SELECTOR, type SELECTOR TEXT, submit SELECTOR, select SELECTOR, text SELECTOR, value SELECTOR or html"
        guard let first = words.first, let action = DocumentAction(rawValue: first), action != .contextMenu else {
            throw ValidationError("--do '\(argument)': \(words.first.map { "'\($0)' is no action" } ?? "no action"): \(usage).")
        }
        let wanted = switch action {
        case .html: 1
        case .type: 3
        case .click, .submit, .select, .text, .value, .contextMenu: 2
        }
        guard words.count == wanted else {
            throw ValidationError("--do '\(argument)': \(first) takes \(wanted - 1 == 0 ? "nothing" : wanted == 2 ? "a selector" : "a selector and a text") (put a word with spaces in quotes): \(usage).")
        }
        return DriveStep(page: page, action: action, selector: words.count > 1 ? words[1] : "", text: words.count > 2 ? words[2] : "", description: argument)
    }

    /// The words of `text`, split at spaces outside quotes.
    private static func words(_ text: Substring, in argument: String) throws(ValidationError) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for character in text {
            if escaped {
                switch character {
                case "n": current.append("\n")
                case "t": current.append("\t")
                case "b": current.append("\u{08}")
                case "\\", "\"": current.append(character)
                default:
                    throw ValidationError(#"--do '\#(argument)': \\#(character) is no escape; a double-quoted text knows \n (Enter), \t (Tab), \b (Backspace), \\ and \"."#)
                }
                escaped = false
            } else if let open = quote {
                if open == "\"", character == "\\" { escaped = true } else if character == open { quote = nil } else { current.append(character) }
            } else if character == "\"" || character == "'" {
                quote = character
                inWord = true
            } else if character == " " || character == "\t" {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(character)
                inWord = true
            }
        }
        if quote != nil { throw ValidationError("--do '\(argument)': a quote is not closed.") }
        if inWord { words.append(current) }
        return words
    }
}
