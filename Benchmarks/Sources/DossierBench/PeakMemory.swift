import Foundation

/// Peak resident memory of this process.
///
/// On Linux it is VmHWM from /proc: `ru_maxrss` (from `getrusage`, or from `wait4` in the
/// parent) starts at the peak of the process the child was spawned from, because `exec`
/// carries the old address space's high-water mark over. So the measured children report their
/// own VmHWM; `wait4`'s figure is only used for programs that cannot report it (the sqlite3
/// shell), as an upper bound.
enum PeakMemory {
    /// Bytes.
    static func ofThisProcess() -> Int {
        StreamChild.peakRSS()
    }

    /// Bytes, in MB (10^6) as the targets state them.
    static func megabytes(_ bytes: Int) -> Double {
        Double(bytes) / 1_000_000
    }
}
