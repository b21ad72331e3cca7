import BrowserModel
import Exthost
import Foundation

/// One test `exthost test` runs: an extension's tests under one flavor.
struct TestCase: Sendable {
    /// The extension's folder as the command line names it (relative to the working directory).
    let path: String
    /// Which browser the run behaves as.
    let flavor: Flavor
    /// What the worker runs.
    let spec: ExtensionTestSpec

    /// How results name the test: `path (flavor)` when the run covers several flavors, else `path`.
    func name(showingFlavor: Bool) -> String {
        showingFlavor ? "\(path) (\(flavor.rawValue))" : path
    }
}

/// A test and how it went.
struct TestCaseResult: Sendable {
    let testCase: TestCase
    let outcome: ExtensionTestOutcome
}

/// A request to a worker process (`exthost test-worker`), one JSON line.
struct WorkerRequest: Codable {
    var id: Int
    var spec: ExtensionTestSpec
}

/// A worker's answer, one JSON line.
struct WorkerResponse: Codable {
    var id: Int
    var outcome: ExtensionTestOutcome
}
