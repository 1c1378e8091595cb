import DossierDB
import Foundation
import Testing

/// Runs blocking `body` on a thread of its own and awaits its result without holding a thread of
/// Swift's cooperative pool.
///
/// Swift Testing runs every test, synchronous ones included, on the cooperative pool, which has
/// one thread per core. A test that blocks for long (a batch of subprocesses, a deliberate wait on
/// a semaphore) holds one of those threads the whole time; two of them on a two-core machine stall
/// every async test, whose continuations then find no thread to resume on. Blocking work goes
/// here instead. If the awaiting task is cancelled (a time limit), the call throws
/// `CancellationError` at once and the thread is left to finish on its own, so that a deadlock in
/// `body` fails the test instead of hanging the run.
public func onDedicatedThread<Value: Sendable>(_ body: @escaping @Sendable () throws -> Value) async throws -> Value {
    let pending = Lock<CheckedContinuation<Value, any Error>?>(nil)
    return try await withTaskCancellationHandler {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Value, any Error>) in
            pending.withLock { $0 = continuation }
            let thread = Thread {
                let result = Result { try body() }
                pending.withLock { $0.take() }?.resume(with: result)
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
    } onCancel: {
        pending.withLock { $0.take() }?.resume(throwing: CancellationError())
    }
}

extension Trait where Self == TimeLimitTrait {
    /// The time limit of a test that exists to catch a hang (a deadlock, a lost wake-up).
    ///
    /// Generous on purpose: it turns a hang into a failure instead of a stalled CI run, and must
    /// never fail a test that is merely slow because the whole suite runs in parallel on two cores.
    public static var hangGuard: Self { .timeLimit(.minutes(10)) }
}
