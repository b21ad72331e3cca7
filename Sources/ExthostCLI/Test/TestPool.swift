import Exthost
import Foundation
import Synchronization

/// Runs tests in worker processes (`exthost test-worker`), several at once: each worker runs one
/// test at a time, each in a fresh host. A test that takes longer than the timeout (wall clock)
/// or whose worker dies fails with the reason, and its worker is replaced; the other tests go on.
final class TestPool: Sendable {
    private let executable: String
    private let jobs: Int
    private let timeout: Double
    private let state: Mutex<State>

    private struct State {
        var next = 0
        var stopped = false
    }

    /// A pool of `jobs` workers running `executable test-worker`, with `timeout` seconds per test.
    init(executable: String, jobs: Int, timeout: Double) {
        self.executable = executable
        self.jobs = max(1, jobs)
        self.timeout = timeout
        self.state = Mutex(State())
    }

    /// Runs `tests`; `report` is called with each result as it comes (from the pool's threads, one
    /// at a time), and answers whether to go on (false: no further test starts).
    func run(_ tests: [TestCase], report: @escaping @Sendable (TestCaseResult) -> Bool) {
        state.withLock { $0 = State() }
        let reportLock = Mutex(())
        let group = DispatchGroup()
        for _ in 0..<min(jobs, tests.count) {
            group.enter()
            let thread = Thread { [self] in
                defer { group.leave() }
                var worker: WorkerProcess?
                while let index = takeNext(count: tests.count) {
                    let test = tests[index]
                    let outcome = runOne(test, index: index, worker: &worker)
                    let goOn = reportLock.withLock { _ in report(TestCaseResult(testCase: test, outcome: outcome)) }
                    if !goOn { state.withLock { $0.stopped = true } }
                }
                worker?.finish()
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        group.wait()
    }

    private func takeNext(count: Int) -> Int? {
        state.withLock { state in
            guard !state.stopped, state.next < count else { return nil }
            defer { state.next += 1 }
            return state.next
        }
    }

    private func runOne(_ test: TestCase, index: Int, worker: inout WorkerProcess?) -> ExtensionTestOutcome {
        if worker == nil || worker?.isRunning == false {
            do {
                worker = try WorkerProcess(executable: executable)
            } catch {
                return ExtensionTestOutcome(passed: false, reason: "could not start a worker: \(error)")
            }
        }
        guard let process = worker else { return ExtensionTestOutcome(passed: false, reason: "no worker") }
        let started = Date()
        let answer = process.ask(WorkerRequest(id: index, spec: test.spec), timeout: timeout)
        switch answer {
        case .answered(let response):
            return response.outcome
        case .timedOut:
            process.kill()
            worker = nil
            return ExtensionTestOutcome(
                passed: false, reason: "timed out: no result after \(String(format: "%g", timeout)) s (wall clock; --timeout sets it)",
                milliseconds: Date().timeIntervalSince(started) * 1000)
        case .died(let status, let errorOutput):
            worker = nil
            let tail = errorOutput.split(separator: "\n").suffix(5).joined(separator: "\n")
            return ExtensionTestOutcome(
                passed: false, reason: "the host crashed (\(status))" + (tail.isEmpty ? "" : ":\n" + tail),
                milliseconds: Date().timeIntervalSince(started) * 1000)
        }
    }
}

/// One `exthost test-worker` process and the lines it answers with.
final class WorkerProcess: @unchecked Sendable {
    enum Answer {
        case answered(WorkerResponse)
        case timedOut
        /// The process ended: how, and the end of what it wrote on standard error.
        case died(String, String)
    }

    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private let errors = Pipe()
    private let lock = NSLock()
    private let arrived = DispatchSemaphore(value: 0)
    private var lines: [Data] = []
    private var ended = false
    private var errorText = Data()
    /// Signalled when the worker's standard error ends.
    private let errorsEnded = DispatchSemaphore(value: 0)

    init(executable: String) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["test-worker"]
        // A test is short: JavaScriptCore's optimizing compiler (DFG) costs more CPU than it saves
        // there (1,000 small tests: 16.9 s of CPU without it, 22.6 s with it, on 2 cores). A
        // setting of the user's own stays.
        var environment = ProcessInfo.processInfo.environment
        if environment["JSC_useDFGJIT"] == nil { environment["JSC_useDFGJIT"] = "false" }
        process.environment = environment
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let reader = Thread { [self] in readLines() }
        reader.start()
        let errorReader = Thread { [self] in
            let handle = errors.fileHandleForReading
            while true {
                let data = handle.availableData
                if data.isEmpty { break }
                lock.lock()
                errorText.append(data)
                if errorText.count > 65536 { errorText.removeFirst(errorText.count - 65536) }
                lock.unlock()
            }
            errorsEnded.signal()
        }
        errorReader.start()
    }

    var isRunning: Bool { process.isRunning }

    private func readLines() {
        let handle = output.fileHandleForReading
        var buffer = Data()
        while true {
            let data = handle.availableData
            if data.isEmpty { break }
            buffer.append(data)
            while let newline = buffer.firstIndex(of: 0x0A) {
                let line = buffer[buffer.startIndex..<newline]
                buffer.removeSubrange(buffer.startIndex...newline)
                lock.lock()
                lines.append(Data(line))
                lock.unlock()
                arrived.signal()
            }
        }
        lock.lock()
        ended = true
        lock.unlock()
        arrived.signal()
    }

    /// Sends `request` and waits up to `timeout` seconds for its answer.
    func ask(_ request: WorkerRequest, timeout: Double) -> Answer {
        guard var data = try? JSONEncoder().encode(request) else { return .died("the request could not be encoded", "") }
        data.append(0x0A)
        do {
            try input.fileHandleForWriting.write(contentsOf: data)
        } catch {
            return died()
        }
        let deadline = DispatchTime.now() + timeout
        while true {
            if arrived.wait(timeout: deadline) == .timedOut { return .timedOut }
            lock.lock()
            let line = lines.isEmpty ? nil : lines.removeFirst()
            let isEnded = ended
            lock.unlock()
            if let line {
                if let response = try? JSONDecoder().decode(WorkerResponse.self, from: line), response.id == request.id {
                    return .answered(response)
                }
                continue
            }
            if isEnded { return died() }
        }
    }

    private func died() -> Answer {
        process.waitUntilExit()
        // (Standard error has ended with the process, unless something it started holds it.)
        _ = errorsEnded.wait(timeout: .now() + 2)
        lock.lock()
        let text = String(decoding: errorText, as: UTF8.self)
        lock.unlock()
        let how = process.terminationReason == .uncaughtSignal
            ? "signal \(process.terminationStatus)" : "exit status \(process.terminationStatus)"
        return .died(how, text)
    }

    /// Ends the worker now.
    func kill() {
        if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// Lets the worker end when its work is done (and ends it if it has not within a few seconds).
    func finish() {
        try? input.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        kill()
    }
}
