import Foundation

/// A child process spawned with `posix_spawn` and reaped with `wait4`, which gives that child's
/// own resource usage (Foundation's `Process` reaps its children itself, so their usage is
/// lost to the caller).
struct MeasuredProcess {
    /// The exit status (128 + signal when killed).
    var status: Int32
    /// Wall time around the process, from spawn to exit.
    var seconds: Double
    /// `ru_maxrss` from `wait4`, in bytes: an upper bound, see ``PeakMemory``.
    var maxRSS: Int
    /// The child's own VmHWM, in bytes, as last read from /proc while it ran (every 10 ms): a
    /// lower bound, close to the peak unless the peak came in its last milliseconds. Zero
    /// where /proc is missing.
    var sampledPeakRSS: Int
    /// This process's own peak once the child ended: when ``maxRSS`` is above it, ``maxRSS``
    /// is the child's own peak exactly.
    var parentPeakRSS: Int

    /// The child's peak RSS in bytes, and whether it is exact (else sampled, a lower bound).
    var peakRSS: (bytes: Int, exact: Bool) {
        maxRSS > parentPeakRSS ? (maxRSS, true) : (max(sampledPeakRSS, 0), false)
    }
    /// What the child wrote to its standard output.
    var output: String

    /// Runs `executable` with `arguments`, standard input from `input` (or /dev/null), standard
    /// output captured through a temporary file, standard error inherited.
    static func run(_ executable: String, _ arguments: [String], input: String? = nil, scratch: String) throws -> MeasuredProcess {
        let outputPath = scratch + "/child-output-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        #if os(Linux)
            var actions = posix_spawn_file_actions_t()
        #else
            var actions: posix_spawn_file_actions_t?
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, input ?? "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let start = DispatchTime.now().uptimeNanoseconds
        #if os(Linux)
            let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        #else
            let spawned = posix_spawn(&pid, executable, &actions, nil, argv, _NSGetEnviron().pointee)
        #endif
        guard spawned == 0 else { throw UsageError(message: "cannot run \(executable): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        var usage = rusage()
        var sampled = 0
        while true {
            let reaped = wait4(pid, &status, WNOHANG, &usage)
            if reaped == pid { break }
            guard reaped == 0 || errno == EINTR else { throw UsageError(message: "wait4 failed for \(executable)") }
            sampled = max(sampled, PeakMemory.of(pid: pid) ?? 0)
            usleep(10_000)
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift does not import.
        let exitCode = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        #if os(Linux)
            let maxRSS = Int(usage.ru_maxrss) * 1024  // kilobytes on Linux
        #else
            let maxRSS = Int(usage.ru_maxrss)  // bytes on macOS
        #endif
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        return MeasuredProcess(
            status: exitCode, seconds: seconds, maxRSS: maxRSS, sampledPeakRSS: sampled, parentPeakRSS: PeakMemory.ofThisProcess(),
            output: output)
    }
}
