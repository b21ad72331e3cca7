import Foundation

/// A child process run to completion, with what it printed and the peak resident memory the
/// kernel counted for it (`wait4`'s `ru_maxrss`).
struct MeasuredProcess {
    /// What it printed on standard output.
    var output: String
    /// What it printed on standard error.
    var errorOutput: String
    /// Its exit status (128 + the signal for a process a signal ended).
    var status: Int32
    /// Its peak resident memory, in KiB.
    var peakKiB: Int
    /// Its wall time, in seconds.
    var seconds: Double

    /// Runs `executable` with `arguments` and the extra environment `environment`.
    static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws -> MeasuredProcess {
        guard let outFile = tmpfile(), let errFile = tmpfile() else { throw BenchError("cannot make temporary files") }
        defer { fclose(outFile); fclose(errFile) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, fileno(outFile), 1)
        posix_spawn_file_actions_adddup2(&actions, fileno(errFile), 2)
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
        var pid: pid_t = 0
        let started = DispatchTime.now().uptimeNanoseconds
        let spawned = posix_spawnp(&pid, executable, &actions, nil, argv, envp)
        guard spawned == 0 else {
            throw BenchError("could not start \(executable): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        let exited = status & 0x7f == 0
        return MeasuredProcess(
            output: read(outFile), errorOutput: read(errFile),
            status: exited ? (status >> 8) & 0xff : 128 + (status & 0x7f),
            peakKiB: usage.ru_maxrss, seconds: seconds)
    }

    private static func read(_ file: UnsafeMutablePointer<FILE>) -> String {
        rewind(file)
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = fread(&buffer, 1, buffer.count, file)
            if count <= 0 { break }
            data.append(buffer, count: count)
        }
        return String(decoding: data, as: UTF8.self)
    }
}

/// A benchmark that could not measure what it set out to.
struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
