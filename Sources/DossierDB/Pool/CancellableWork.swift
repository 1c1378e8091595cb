internal import CDossierSQLite
import Synchronization

/// The link between a task and the SQL it is running on a pool's thread: cancelling the task
/// interrupts the connection, and work that has not started yet never starts.
///
/// Two mechanisms, because either alone misses a case:
/// - `sqlite3_interrupt` stops a statement that is running, even inside one long instruction,
///   but is a no-op when called between two statements — the next one would run to its end;
/// - a progress handler, installed while the work runs, checks the flag every 1,000 virtual
///   machine instructions and stops any statement that starts after the cancellation.
///
/// The handle is interrupted only under the lock and only while this work holds the
/// connection, so a cancellation that arrives late cannot stop the next caller's statement.
///
/// Related SQLite documentation: <https://www.sqlite.org/c3ref/interrupt.html>,
/// <https://www.sqlite.org/c3ref/progress_handler.html>
final class CancellableWork: Sendable {
    private let isCancelled = Atomic<Bool>(false)
    /// The connection's handle while the work runs on it. SQLite documents `sqlite3_interrupt`
    /// as safe from any thread while the connection is open, which it is while this is set.
    private let running = Lock<UnsafeSendable<OpaquePointer?>>(UnsafeSendable(nil))

    /// Cancels the work: interrupts it if it runs, and keeps it from starting if it has not.
    func cancel() {
        isCancelled.store(true, ordering: .releasing)
        running.withLock { box in
            if let handle = box.value { sqlite3_interrupt(handle) }
        }
    }

    /// Runs `body` on `db` unless the work was cancelled; an interrupt caused by the
    /// cancellation comes out as `CancellationError`.
    func run<T>(on db: DatabaseConnection, _ body: (DatabaseConnection) throws -> T) throws -> T {
        running.withLock { $0.value = db.handle }
        // The progress handler borrows `self`, which outlives the call.
        sqlite3_progress_handler(
            db.handle, 1_000,
            { context in
                guard let context else { return 0 }
                return Unmanaged<CancellableWork>.fromOpaque(context).takeUnretainedValue().isCancelled.load(ordering: .acquiring) ? 1 : 0
            }, Unmanaged.passUnretained(self).toOpaque())
        defer {
            sqlite3_progress_handler(db.handle, 0, nil, nil)
            running.withLock { $0.value = nil }
        }
        if isCancelled.load(ordering: .acquiring) { throw CancellationError() }
        do {
            return try body(db)
        } catch let error as DatabaseError where error.resultCode.primary == .interrupt {
            if isCancelled.load(ordering: .acquiring) { throw CancellationError() }
            throw error
        }
    }
}

/// A value the compiler cannot prove `Sendable`, kept inside a ``Lock`` that serializes every
/// access to it.
struct UnsafeSendable<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}
