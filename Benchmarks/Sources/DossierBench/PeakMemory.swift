import Foundation

/// Peak resident memory of this process.
///
/// On Linux it is VmHWM from /proc: `ru_maxrss` (from `getrusage`, or from `wait4` in the
/// parent) starts at the peak of the process the child was spawned from, because `exec`
/// carries the old address space's high-water mark over. So the measured children report their
/// own VmHWM. For programs that cannot report it (the sqlite3 shell), `wait4`'s figure is their
/// own peak when it is above this process's, else their VmHWM sampled while they ran.
enum PeakMemory {
    /// Bytes.
    static func ofThisProcess() -> Int {
        StreamChild.peakRSS()
    }

    /// Another process's VmHWM in bytes, from /proc; nil where there is none.
    static func of(pid: pid_t) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "")
        else { return nil }
        return kilobytes * 1024
    }

    /// Bytes, in MB (10^6) as the targets state them.
    static func megabytes(_ bytes: Int) -> Double {
        Double(bytes) / 1_000_000
    }
}
