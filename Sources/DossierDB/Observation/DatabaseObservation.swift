import Dispatch

/// The values of a read, fetched again whenever a commit may have changed them: an
/// `AsyncSequence` that yields the current value first, then each new value.
///
/// ```swift
/// for try await count in pool.observe({ db in
///     try db.fetchOne("SELECT count(*) FROM notes") { try $0.int(0) } ?? 0
/// }) {
///     print("notes:", count)
/// }
/// ```
///
/// How it knows:
/// - **Which tables.** The read runs on a connection of its own with SQLite's authorizer
///   installed, which names every table each statement reads (`sqlite3_set_authorizer`). The
///   read is the region; it is recorded again at every fetch, so a read whose tables depend on
///   the data stays exact.
/// - **Commits in this process.** The writer's update, commit and rollback hooks collect the
///   tables each committed transaction changed; a commit that touched none of the region's
///   tables (or an FTS5 table's shadow tables) fetches nothing.
/// - **Commits elsewhere** (another process, another pool on the file): on Linux, inotify
///   wakes the observation when the file or its WAL is written, and `PRAGMA data_version` says
///   whether a transaction was committed — nothing runs while nothing changes. Other platforms
///   ask `data_version` twice a second. Another process's commit does not say which tables it
///   changed, so the read runs again; an unchanged value is not yielded.
///
/// Values equal to the last one yielded are never yielded (commits that change nothing the
/// read returns); bursts of commits coalesce: a consumer slower than the writer sees the latest
/// value, not every intermediate one. An error ends the sequence with that error. Iteration
/// ends when the task iterating is cancelled.
///
/// GRDB's `ValueObservation` is the model: it also tracks the region by the authorizer and
/// coalesces; it offers schedulers and Combine publishers, and removes duplicates only on
/// request. Related SQLite documentation: <https://www.sqlite.org/c3ref/update_hook.html>,
/// <https://www.sqlite.org/pragma.html#pragma_data_version>
public struct DatabaseObservation<Value: Sendable & Equatable>: AsyncSequence, Sendable {
    /// Each fetched value.
    public typealias Element = Value
    /// The error a fetch throws.
    public typealias Failure = any Error

    let pool: DatabasePool
    let fetch: @Sendable (DatabaseConnection) throws -> Value

    /// Starts the observation: the first value is fetched at once.
    public func makeAsyncIterator() -> AsyncIterator {
        let (stream, continuation) = AsyncThrowingStream<Value, any Error>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let fetcher = ObservationFetcher(pool: pool, fetch: fetch, continuation: continuation)
        fetcher.start()
        return AsyncIterator(base: stream.makeAsyncIterator(), lifetime: ObservationLifetime(fetcher))
    }

    /// Iterates an observation.
    public struct AsyncIterator: AsyncIteratorProtocol {
        var base: AsyncThrowingStream<Value, any Error>.AsyncIterator
        /// Ends the observation when the last copy of the iterator goes.
        let lifetime: ObservationLifetime<Value>

        /// The next value: the current one first, then each change.
        public mutating func next() async throws -> Value? {
            try await base.next()
        }
    }
}

extension DatabasePool {
    /// The values of `fetch`, fetched now and again after every commit that changes a table it
    /// reads. See ``DatabaseObservation``.
    ///
    /// `fetch` runs in a read transaction on a connection the observations share; keep it
    /// short and free of side effects.
    public func observe<Value: Sendable & Equatable>(
        _ fetch: @escaping @Sendable (DatabaseConnection) throws -> Value
    ) -> DatabaseObservation<Value> {
        DatabaseObservation(pool: self, fetch: fetch)
    }

    /// Runs one observation fetch, recording the tables it read.
    func fetchForObservation<Value>(_ fetch: (DatabaseConnection) throws -> Value) throws -> (Value, Set<String>) {
        func record(_ db: DatabaseConnection) throws -> (Value, Set<String>) {
            try db.recordingTablesRead { try db.transaction(.deferred) { try fetch(db) } }
        }
        guard let observationSlot else {
            // The in-memory writer: it refuses writes as a reader would.
            return try writer.withConnection(as: .read) { db in try Self.readingOnly(db, record) }
        }
        return try observationSlot.withConnection(as: .read, record)
    }

    /// The queue observation fetches run on.
    var observationQueue: DispatchQueue { (observationSlot ?? writer).queue }

    /// Registers an observation; the first one of a file database starts the watcher of
    /// commits made elsewhere.
    func register(_ subscriber: any DatabaseChangeSubscriber) -> UInt64 {
        observers.add(subscriber) {
            guard observationSlot != nil else { return nil }
            // A writer appends its frames to the WAL (the event) before it publishes the
            // commit in the shared-memory index, which raises no event: a check made at once
            // can come too early. Checks shortly after a burst, and once more a second later
            // (for a writer descheduled in between), catch it.
            let delays: [DispatchTimeInterval] = [.milliseconds(50), .seconds(1)]
            let pending = Lock<[Bool]>([false, false])
            return DatabaseFileWatcher(path: path) { [weak self] in
                guard let self else { return }
                self.writer.queue.async { self.checkForCommitsElsewhere() }
                for (index, delay) in delays.enumerated() {
                    let schedule = pending.withLock { flags -> Bool in
                        defer { flags[index] = true }
                        return !flags[index]
                    }
                    guard schedule else { continue }
                    self.writer.queue.asyncAfter(deadline: .now() + delay) {
                        pending.withLock { $0[index] = false }
                        self.checkForCommitsElsewhere()
                    }
                }
            }
        }
    }

    /// Makes the writer record the tables its commits change, and notes the data version,
    /// before the first fetch: no commit between the fetch and the hooks goes unseen.
    func startTrackingWrites() throws {
        try writer.withConnection(as: .write) { db in
            db.startTrackingCommittedTables()
            let version = try db.dataVersion()
            observers.noteDataVersion(version, onlyIfUnset: true)
        }
    }

    /// Asks the writer's `PRAGMA data_version`, which changes only when *another* connection
    /// commits: this pool's own commits, already reported table by table, do not count.
    private func checkForCommitsElsewhere() {
        guard let version = try? writer.withConnection(as: .write, { db in try db.dataVersion() }) else { return }
        if observers.noteDataVersion(version, onlyIfUnset: false) {
            observers.databaseChangedElsewhere()
        }
    }
}

/// Ends an observation when its iterator is dropped: the fetcher is kept alive by the pool's
/// registry (so that commits reach it), not by the iterator, so dropping the iterator alone
/// would leave it fetching for nobody.
final class ObservationLifetime<Value: Sendable & Equatable>: Sendable {
    let fetcher: ObservationFetcher<Value>

    init(_ fetcher: ObservationFetcher<Value>) {
        self.fetcher = fetcher
    }

    deinit {
        fetcher.finish()
    }
}

/// Fetches an observation's value again when a commit may have changed it, one fetch at a
/// time, and yields values that differ from the last.
final class ObservationFetcher<Value: Sendable & Equatable>: DatabaseChangeSubscriber {
    private struct State: Sendable {
        var region: Set<String> = []
        var isFetching = false
        var needsFetch = false
        var last: Value?
        var id: UInt64?
        var isFinished = false
    }

    private let pool: DatabasePool
    private let fetch: @Sendable (DatabaseConnection) throws -> Value
    private let continuation: AsyncThrowingStream<Value, any Error>.Continuation
    private let state = Lock(State())

    init(
        pool: DatabasePool, fetch: @escaping @Sendable (DatabaseConnection) throws -> Value,
        continuation: AsyncThrowingStream<Value, any Error>.Continuation
    ) {
        self.pool = pool
        self.fetch = fetch
        self.continuation = continuation
    }

    func start() {
        continuation.onTermination = { [weak self] _ in self?.finish() }
        let id = pool.register(self)
        let finishedEarly = state.withLock { state -> Bool in
            state.id = id
            return state.isFinished
        }
        if finishedEarly { pool.observers.remove(id) }
        pool.writer.queue.async { [weak self] in
            guard let self else { return }
            do {
                try self.pool.startTrackingWrites()
            } catch {
                self.continuation.finish(throwing: error)
                return
            }
            self.scheduleFetch()
        }
    }

    /// Stops fetching and unregisters; the sequence ends.
    func finish() {
        let id: UInt64? = state.withLock { state in
            state.isFinished = true
            defer { state.id = nil }
            return state.id
        }
        if let id { pool.observers.remove(id) }
        continuation.finish()
    }

    func tablesChanged(_ tables: Set<String>) {
        let relevant = state.withLock { state in
            // A fetch in progress may have read its snapshot before this commit, and its region
            // is not known yet: fetch again after it.
            state.isFetching
                || tables.contains { changed in
                    changed == CommittedTableTracker.everyTable || state.region.contains(changed)
                        // An FTS5 table keeps its rows in shadow tables named after it.
                        || state.region.contains { changed.hasPrefix($0 + "_") }
                }
        }
        if relevant { scheduleFetch() }
    }

    func databaseChangedElsewhere() {
        scheduleFetch()
    }

    /// Fetches now, or after the fetch in progress when there is one: bursts coalesce.
    private func scheduleFetch() {
        let startNow = state.withLock { state -> Bool in
            if state.isFinished { return false }
            if state.isFetching {
                state.needsFetch = true
                return false
            }
            state.isFetching = true
            return true
        }
        guard startNow else { return }
        pool.observationQueue.async { [weak self] in self?.fetchUntilCurrent() }
    }

    private func fetchUntilCurrent() {
        while true {
            do {
                let (value, region) = try pool.fetchForObservation(fetch)
                let isNew = state.withLock { state -> Bool in
                    state.region = region
                    defer { state.last = value }
                    return state.last != value
                }
                if isNew { continuation.yield(value) }
            } catch {
                continuation.finish(throwing: error)
                finish()
                return
            }
            let again = state.withLock { state -> Bool in
                if state.needsFetch, !state.isFinished {
                    state.needsFetch = false
                    return true
                }
                state.isFetching = false
                return false
            }
            if !again { return }
        }
    }
}
