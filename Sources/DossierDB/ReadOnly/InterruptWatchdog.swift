internal import CDossierSQLite
import Dispatch

/// Interrupts a connection's running statement from another thread once its time is up.
///
/// The progress handler checks a deadline only between virtual-machine instructions, so one
/// long function call (`instr()` over megabytes, say) would outlive it; `sqlite3_interrupt`,
/// called from this watchdog's timer, stops the statement at the next opportunity SQLite has.
///
/// Related SQLite documentation: <https://www.sqlite.org/c3ref/interrupt.html>
final class InterruptWatchdog: @unchecked Sendable {
    /// Whether the watchdog may still interrupt, and whether it did.
    private struct State: Sendable {
        var isActive = true
        var didFire = false
    }

    /// The connection, which outlives the watchdog's activity: ``stop()`` runs before the
    /// connection can close, and the timer touches the handle only while active, under the lock.
    private let handle: OpaquePointer
    private let state = Lock(State())

    /// A watchdog armed to interrupt `handle` after `seconds`.
    init(handle: OpaquePointer, seconds: Double) {
        self.handle = handle
        let delay = DispatchTimeInterval.nanoseconds(Int(min(max(seconds, 0), 86_400) * 1e9))
        DispatchQueue.global().asyncAfter(deadline: .now() + delay) { [self] in
            state.withLock { state in
                guard state.isActive else { return }
                state.didFire = true
                sqlite3_interrupt(self.handle)
            }
        }
    }

    /// Disarms the watchdog: after this, it never touches the connection.
    func stop() {
        state.withLock { $0.isActive = false }
    }

    /// Whether the watchdog interrupted the statement.
    var didFire: Bool { state.withLock { $0.didFire } }
}
