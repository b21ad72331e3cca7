/// Why a `--site ORIGIN=DIR` argument was refused: what is wrong, in which argument, and what to write instead.
public struct SiteMapError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The argument as given, for example `http://127.0.0.1:8000/x=fixtures/site`.
    public let argument: String
    /// What is wrong with it, as a sentence.
    public let problem: String
    /// What to do about it, as a sentence.
    public let advice: String

    /// An error for `argument`: `problem` says what is wrong and `advice` what to do.
    public init(argument: String, problem: String, advice: String) {
        self.argument = argument
        self.problem = problem
        self.advice = advice
    }

    /// `--site "<argument>": <problem> <advice>`.
    public var description: String {
        "--site \"\(argument)\": \(problem) \(advice)"
    }

    /// The shape every `--site` argument has, for the advice.
    static let shape =
        "Write it as ORIGIN=DIR, for example --site http://127.0.0.1:8000=fixtures/site."
}
