import Dispatch

/// The free reader slots of a pool, handed out first come, first served to threads that block
/// and to tasks that suspend.
///
/// A `DispatchSemaphore` alone would make an async caller block a thread of Swift's
/// cooperative pool while it waits; here a task waits as a continuation, and a synchronous
/// caller as a semaphore of its own, in one queue.
///
/// While an async write is queued or running, tasks may hold only one reader between them:
/// on a machine with few cores, every running reader is a thread the writer shares the CPU
/// with, and fifty reading tasks kept four readers busy enough to slow the writer tenfold.
/// Reads go on meanwhile, one at a time; threads that read synchronously are not held back
/// (one of them may be what the write is waiting for).
final class ReaderPermits: Sendable {
    /// One caller waiting for a slot.
    private enum Waiter: Sendable {
        case thread(BlockingWaiter)
        case task(id: UInt64, CheckedContinuation<Int, any Error>)
    }

    private struct State: Sendable {
        var free: [Int]
        var waiters: [Waiter] = []
        var nextTaskID: UInt64 = 0
        /// Slots held by tasks.
        var taskHeld = 0
        /// Async writes queued or running.
        var pendingWrites = 0

        var taskMayTakeSlot: Bool { !free.isEmpty && (pendingWrites == 0 || taskHeld == 0) }
    }

    private let state: Lock<State>

    /// Permits for slots `0..<count`.
    init(count: Int) {
        state = Lock(State(free: Array(0..<count)))
    }

    /// Takes a free slot, blocking the calling thread until one is released.
    func acquire() -> Int {
        let taken: (slot: Int?, waiter: BlockingWaiter?) = state.withLock { state in
            if let slot = state.free.popLast() { return (slot, nil) }
            let waiter = BlockingWaiter()
            state.waiters.append(.thread(waiter))
            return (nil, waiter)
        }
        if let slot = taken.slot { return slot }
        // A waiter was queued: a release hands it a slot.
        return taken.waiter?.wait() ?? 0
    }

    /// Takes a free slot, suspending the calling task until one is released. Release it with
    /// `release(_:heldByTask: true)`.
    ///
    /// - throws: `CancellationError` when the task is cancelled while it waits; it then holds
    ///   no slot.
    func acquire() async throws -> Int {
        try Task.checkCancellation()
        let id = state.withLock { state -> UInt64 in
            state.nextTaskID += 1
            return state.nextTaskID
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Int, any Error>) in
                let taken: Int?? = state.withLock { state in
                    if state.taskMayTakeSlot, let slot = state.free.popLast() {
                        state.taskHeld += 1
                        return .some(slot)
                    }
                    // Cancelled before the waiter was queued: the cancellation handler found
                    // nothing to remove, so nothing else would wake this task.
                    if Task.isCancelled { return .some(nil) }
                    state.waiters.append(.task(id: id, continuation))
                    return .none
                }
                switch taken {
                case .some(.some(let slot)): continuation.resume(returning: slot)
                case .some(.none): continuation.resume(throwing: CancellationError())
                case .none: break
                }
            }
        } onCancel: {
            let cancelled: CheckedContinuation<Int, any Error>? = state.withLock { state in
                guard
                    let index = state.waiters.firstIndex(where: {
                        if case .task(let waiting, _) = $0 { return waiting == id }
                        return false
                    }), case .task(_, let continuation) = state.waiters.remove(at: index)
                else { return nil }
                return continuation
            }
            cancelled?.resume(throwing: CancellationError())
        }
    }

    /// Gives a slot back, and hands free slots to the waiters that may take them.
    func release(_ slot: Int, heldByTask: Bool = false) {
        let handed = state.withLock { state -> [(Waiter, Int)] in
            state.free.append(slot)
            if heldByTask { state.taskHeld -= 1 }
            return Self.handOut(&state)
        }
        Self.resume(handed)
    }

    /// An async write is queued: tasks' reads are held to one at a time until it ends.
    func writeBegan() {
        state.withLock { $0.pendingWrites += 1 }
    }

    /// An async write ended: tasks may take every free slot again.
    func writeEnded() {
        let handed = state.withLock { state -> [(Waiter, Int)] in
            state.pendingWrites -= 1
            return Self.handOut(&state)
        }
        Self.resume(handed)
    }

    /// Pairs waiters, first come first served, with the slots they may take.
    private static func handOut(_ state: inout State) -> [(Waiter, Int)] {
        var handed: [(Waiter, Int)] = []
        var index = 0
        while index < state.waiters.count, !state.free.isEmpty {
            switch state.waiters[index] {
            case .thread:
                handed.append((state.waiters.remove(at: index), state.free.removeLast()))
            case .task:
                if state.taskMayTakeSlot {
                    state.taskHeld += 1
                    handed.append((state.waiters.remove(at: index), state.free.removeLast()))
                } else {
                    index += 1
                }
            }
        }
        return handed
    }

    private static func resume(_ handed: [(Waiter, Int)]) {
        for (waiter, slot) in handed {
            switch waiter {
            case .thread(let blocked): blocked.hand(slot)
            case .task(_, let continuation): continuation.resume(returning: slot)
            }
        }
    }
}

/// A thread blocked in ``ReaderPermits/acquire()`` until a slot is handed to it.
private final class BlockingWaiter: Sendable {
    private let semaphore = DispatchSemaphore(value: 0)
    private let slot = Lock<Int>(-1)

    func hand(_ slot: Int) {
        self.slot.withLock { $0 = slot }
        semaphore.signal()
    }

    func wait() -> Int {
        semaphore.wait()
        return slot.withLock { $0 }
    }
}
