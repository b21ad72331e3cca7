import Foundation
import Testing

@testable import BrowserModel

/// The cases of `fixtures/large-inputs/cases.json`: inputs of 10^5 to 10^6 characters for each parser, with the
/// result each must give.
struct LargeInputCases: Decodable, Sendable {
    /// A text written as pieces, each repeated a number of times; `{i}` in a repeated piece is its repetition's
    /// number. A plain JSON string is a text of one piece.
    struct PiecedText: Decodable, Sendable, CustomTestStringConvertible {
        /// The whole text.
        let text: String

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let plain = try? container.decode(String.self) {
                text = plain
                return
            }
            var text = ""
            for piece in try container.decode([Piece].self) {
                if piece.count == 1 || !piece.text.contains("{i}") {
                    text += String(repeating: piece.text, count: piece.count)
                } else {
                    for index in 0..<piece.count {
                        text += piece.text.replacingOccurrences(of: "{i}", with: String(index))
                    }
                }
            }
            self.text = text
        }

        var testDescription: String { "\(text.prefix(40).debugDescription)… (\(text.unicodeScalars.count) scalars)" }
    }

    /// `[text]` or `[text, count]`.
    struct Piece: Decodable, Sendable {
        let text: String
        let count: Int

        init(from decoder: any Decoder) throws {
            var container = try decoder.unkeyedContainer()
            text = try container.decode(String.self)
            count = container.isAtEnd ? 1 : try container.decode(Int.self)
        }
    }

    /// A manifest JSON document and what reading it gives: an error message, or facts about the value.
    struct ManifestJSONCase: Decodable, Sendable, CustomTestStringConvertible {
        let name: String
        let flavor: Flavor
        let text: PiecedText
        /// The whole error message, when the document is refused.
        let error: String?
        /// How many arrays and objects nest, at the deepest.
        let depth: Int?
        /// The length of the root object's `a` array.
        let arrayLength: Int?
        /// How many members the root object has.
        let memberCount: Int?
        var testDescription: String { name }
    }

    /// A URL (and base) and its href, `nil` when it does not parse.
    struct WebURLCase: Decodable, Sendable, CustomTestStringConvertible {
        let name: String
        let text: PiecedText
        let base: PiecedText?
        let href: PiecedText?
        var testDescription: String { name }
    }

    /// A match pattern, a URL and whether the pattern matches it.
    struct MatchPatternCase: Decodable, Sendable, CustomTestStringConvertible {
        let name: String
        let flavor: Flavor
        let pattern: PiecedText
        let url: PiecedText
        let matches: Bool
        var testDescription: String { name }
    }

    /// A glob, a string and whether the glob matches it.
    struct GlobCase: Decodable, Sendable, CustomTestStringConvertible {
        let name: String
        let flavor: Flavor
        let glob: PiecedText
        let string: PiecedText
        let matches: Bool
        var testDescription: String { name }
    }

    /// A page and what HTMLPage finds in it.
    struct HTMLPageCase: Decodable, Sendable, CustomTestStringConvertible {
        let name: String
        let html: PiecedText
        let frameCount: Int
        let firstFrameSrc: String?
        let title: PiecedText
        var testDescription: String { name }
    }

    /// Pages that frame each other, and how many frames each flavor makes of them.
    struct FrameCycle: Decodable, Sendable {
        let pages: [String: String]
        /// Every frame of the Chrome tree, the top one included.
        let chromeFrameCount: Int
        /// Every frame of the Firefox tree, the top one included.
        let firefoxFrameCount: Int
        /// The frames that load a page (not refused), the top one included, in either flavor.
        let loadedFrameCount: Int
    }

    /// A page of many frames, and how many frames each flavor makes and loads.
    struct ManyFrames: Decodable, Sendable {
        let html: PiecedText
        let chromeChildCount: Int
        let firefoxChildCount: Int
        let firefoxLoadedChildCount: Int
    }

    let manifestJSON: [ManifestJSONCase]
    let webURL: [WebURLCase]
    let matchPattern: [MatchPatternCase]
    let glob: [GlobCase]
    let htmlPage: [HTMLPageCase]
    let frameCycle: FrameCycle
    let manyFrames: ManyFrames

    /// The repository's root directory.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The cases, read from `fixtures/large-inputs/cases.json`.
    static let all: LargeInputCases = {
        let file = packageRoot.appendingPathComponent("fixtures/large-inputs/cases.json")
        do {
            return try JSONDecoder().decode(LargeInputCases.self, from: Data(contentsOf: file))
        } catch {
            fatalError("\(file.path) cannot be read as large-input cases: \(error)")
        }
    }()
}
