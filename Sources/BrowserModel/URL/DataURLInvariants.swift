import Foundation

/// What every `DataURL` read must satisfy, checked by the fuzz target (Fuzz/DataURLFuzz.swift) and by the tests
/// that replay its corpus.
enum DataURLInvariants {
    /// Stops the process (the fuzzer's finding) when `parsed`, read from `url`, breaks an invariant.
    static func check(_ parsed: DataURL, url: WebURL) {
        if let problem = problem(parsed, url: url) { fatalError("\(url.href.debugDescription): \(problem)") }
    }

    /// What is wrong with `parsed`, or nil.
    static func problem(_ parsed: DataURL, url: WebURL) -> String? {
        let essence = parsed.essence
        guard essence.contains("/"), essence == essence.lowercased(), !parsed.mimeType.isEmpty else {
            return "the MIME type \(parsed.mimeType.debugDescription) has the essence \(essence.debugDescription)"
        }
        let serialized = url.hrefExcludingFragment
        guard let comma = serialized.firstIndex(of: ",") else { return "read without a comma" }
        let header = serialized[serialized.index(serialized.startIndex, offsetBy: 5)..<comma]
        let isBase64 = header.split(separator: ";").last.map { $0.trimmingCharacters(in: .whitespaces).lowercased() == "base64" } ?? false
        if isBase64 {
            let again = DataURL.forgivingBase64(Array(Data(parsed.body).base64EncodedString().utf8))
            return again == parsed.body ? nil : "the base64 body does not survive encoding again"
        }
        let expected = WebURL.Parser.percentDecode(String(serialized[serialized.index(after: comma)...]))
        return expected == parsed.body ? nil : "the body is not the percent-decoded text after the comma"
    }
}
