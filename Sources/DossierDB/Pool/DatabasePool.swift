import Dispatch

/// A database shared by threads and tasks: one writer connection and a small pool of readers
/// over a WAL database.
///
/// Writes are serialized and run in `BEGIN IMMEDIATE` transactions; reads run concurrently with
/// each other and with the writer, each in a snapshot of the last committed state. With the
/// busy timeout of ``Configuration``, callers do not see `SQLITE_BUSY` under normal contention,
/// even with other processes on the same file.
///
/// ```swift
/// let pool = try DatabasePool(path: "notes.sqlite")
/// try pool.write { db in
///     try db.execute("INSERT INTO notes(body) VALUES (?)", ["hello"])
/// }
/// let count = try pool.read { db in
///     try db.fetchOne("SELECT count(*) FROM notes") { try $0.int(0) } ?? 0
/// }
/// ```
///
/// ## Nesting
///
/// A call made from inside another closure of the same pool, on the same thread, joins the
/// connection that closure holds instead of waiting for another one (which could wait for
/// ever once every reader is held by a thread waiting for a second):
/// - a `read` inside a `read` or a `write` runs on the same connection, in the same
///   transaction: inside a `write` it sees what the write has done so far;
/// - a `write` inside a `write` runs in a savepoint of the same transaction;
/// - a `write` inside a `read` fails at once with a misuse error (`SQLITE_MISUSE`): the read's
///   snapshot could not see it, and an in-memory pool has one connection for both.
///
/// In-memory and file pools behave the same way, in-memory reads included: they refuse to
/// write, as file readers do.
///
/// ## Async
///
/// The `async` overloads suspend rather than block: a task waiting for a reader waits as a
/// continuation, and the SQL runs on a serial queue the pool owns for each connection, never on
/// a thread of Swift's cooperative pool. Cancelling the task interrupts its SQL
/// (`sqlite3_interrupt`) and the call throws `CancellationError`. While an async write waits or
/// runs, tasks read one at a time, so that a crowd of reading tasks cannot starve the writer of
/// CPU; threads reading synchronously are not held back.
///
/// The pool is `Sendable`; connections are lent to one closure at a time and must not escape it.
///
/// Related SQLite documentation: <https://www.sqlite.org/wal.html>
public final class DatabasePool: Sendable {
    /// The database path (`:memory:` for an in-memory pool).
    public let path: String

    /// The configuration of every connection.
    public let configuration: Configuration

    let writer: SerializedConnection
    /// Reader slots; empty for in-memory databases, whose reads go to the writer.
    let readers: [SerializedConnection]
    private let permits: ReaderPermits
    private let writeHooks = Lock<WriteHooks?>(nil)
    /// The observations of this pool and the tables they depend on.
    let observers: ObservationRegistry
    /// The connection observations read through (file databases): one that records the tables
    /// each statement reads, kept apart so that the readers keep their statement caches.
    let observationSlot: SerializedConnection?

    /// Whether the database is a private in-memory one.
    var isInMemory: Bool { readers.isEmpty }
    /// Work a library built on the pool runs inside every `write(_:)` transaction, around the
    /// caller's closure: a check that the schema is still the one it relies on, before; a seal
    /// over what the transaction wrote, before it commits. Throwing from either rolls the
    /// transaction back.
    package struct WriteHooks: Sendable {
        /// Runs first, inside the transaction.
        package var beforeBody: @Sendable (DatabaseConnection) throws -> Void
        /// Runs after the closure returned, before the commit.
        package var beforeCommit: @Sendable (DatabaseConnection) throws -> Void

        /// Both hooks.
        package init(
            beforeBody: @escaping @Sendable (DatabaseConnection) throws -> Void,
            beforeCommit: @escaping @Sendable (DatabaseConnection) throws -> Void
        ) {
            self.beforeBody = beforeBody
            self.beforeCommit = beforeCommit
        }
    }

    /// Installs the hooks every later `write(_:)` runs. (Not `writeWithoutTransaction(_:)`,
    /// which migrations and maintenance use.)
    package func installWriteHooks(_ hooks: WriteHooks) {
        writeHooks.withLock { $0 = hooks }
    }

    /// Opens a pool on a database file, creating it if the configuration allows.
    ///
    /// The writer connection opens at once (so a bad path fails here); readers open on demand.
    public init(path: String, configuration: Configuration = Configuration()) throws {
        self.path = path
        self.configuration = configuration
        let observers = ObservationRegistry()
        self.observers = observers
        let writerConnection = try DatabaseConnection(path: path, configuration: configuration)
        if observers.isTrackingChanges { writerConnection.startTrackingCommittedTables() }
        writer = SerializedConnection(
            role: "write", connection: writerConnection,
            reopen: { try DatabaseConnection(path: path, configuration: configuration) },
            prepareOpened: { db in if observers.isTrackingChanges { db.startTrackingCommittedTables() } })
        let isInMemory = path == ":memory:" || path.isEmpty
        let readerCount = isInMemory ? 0 : max(1, configuration.maximumReaderCount)
        var readerConfiguration = configuration
        if case .readWrite = configuration.accessMode {
            readerConfiguration.accessMode = .readWrite(createIfMissing: false)
        }
        // Readers trust the schema exactly as the writer does: an in-memory pool reads on its
        // writer, and a view over an FTS5 table must read the same on file as in memory.
        readerConfiguration.queryOnly = true
        let finalReaderConfiguration = readerConfiguration
        readers = (0..<readerCount).map { index in
            SerializedConnection(role: "read") {
                try DatabaseConnection(path: path, configuration: finalReaderConfiguration)
            }
        }
        observationSlot =
            isInMemory
            ? nil
            : SerializedConnection(role: "observation") {
                try DatabaseConnection(path: path, configuration: finalReaderConfiguration)
            }
        permits = ReaderPermits(count: readerCount)
    }

    /// Opens a pool on a private in-memory database. Reads and writes share one connection.
    public static func inMemory(configuration: Configuration = Configuration()) throws -> DatabasePool {
        try DatabasePool(path: ":memory:", configuration: configuration)
    }

    // MARK: - Synchronous access

    /// Runs `body` on a reader connection, inside a deferred transaction: every statement in
    /// `body` sees the same committed snapshot, whatever the writer does meanwhile.
    ///
    /// Waits for a free reader when all are busy. Inside another closure of this pool on the
    /// same thread, runs on that closure's connection and transaction (see "Nesting").
    public func read<T>(_ body: (DatabaseConnection) throws -> T) throws -> T {
        try withReader { db in
            db.isInsideTransaction ? try body(db) : try db.transaction(.deferred) { try body(db) }
        }
    }

    /// Runs `body` on a reader connection without opening a transaction: each statement sees
    /// the state committed when it starts. Cheaper than a `read` closure with its transaction, for a single statement.
    public func readWithoutTransaction<T>(_ body: (DatabaseConnection) throws -> T) throws -> T {
        try withReader(body)
    }

    /// Runs `body` on the writer connection inside a `BEGIN IMMEDIATE` transaction: committed
    /// when `body` returns, rolled back when it throws.
    ///
    /// Inside another `write` on the same thread it runs in a savepoint of that write's
    /// transaction: a failure rolls back its own work only, and the outer write commits or
    /// rolls back the whole.
    ///
    /// - throws: the error of `body`, or a ``DatabaseError``; calling `write` from inside a
    ///   `read` closure is a misuse error rather than a deadlock.
    public func write<T>(_ body: (DatabaseConnection) throws -> T) throws -> T {
        try withWriter { db in
            if db.isInsideTransaction { return try db.savepoint { try body(db) } }
            let hooks = writeHooks.withLock { $0 }
            return try db.transaction(.immediate) {
                try hooks?.beforeBody(db)
                let result = try body(db)
                try hooks?.beforeCommit(db)
                return result
            }
        }
    }

    /// Runs `body` on the writer connection without opening a transaction, for work that
    /// manages its own (migrations, `VACUUM`, pragmas that cannot run inside a transaction).
    public func writeWithoutTransaction<T>(_ body: (DatabaseConnection) throws -> T) throws -> T {
        try withWriter(body)
    }

    /// The slot the calling thread holds inside a closure of this pool, if any.
    private var heldSlot: SerializedConnection? {
        if writer.isHeldByCurrentThread { return writer }
        for reader in readers where reader.isHeldByCurrentThread { return reader }
        if let observationSlot, observationSlot.isHeldByCurrentThread { return observationSlot }
        return nil
    }

    private func withReader<T>(_ body: (DatabaseConnection) throws -> T) throws -> T {
        if let held = heldSlot {
            // A read joins whatever the thread holds, keeping its use: a read inside a write
            // is still part of the write.
            return try held.withHeldConnection(as: held.currentUse, body)
        }
        guard !readers.isEmpty else {
            return try writer.withConnection(as: .read) { db in try Self.readingOnly(db, body) }
        }
        let slot = permits.acquire()
        defer { permits.release(slot) }
        return try readers[slot].withConnection(as: .read, body)
    }

    /// Runs `body` on the writer connection, joining it when the thread already holds it for a
    /// write; tells the observations which tables the commits made meanwhile changed.
    private func withWriter<T>(_ body: (DatabaseConnection) throws -> T) throws -> T {
        if let held = heldSlot {
            guard held === writer, held.currentUse == .write else {
                throw DatabaseError(
                    .misuse,
                    message:
                        "a write cannot run inside a read on the same thread: the read's snapshot would not see it (and an in-memory database has one connection for both); write after the read returns, or do both inside one write"
                )
            }
            return try held.withHeldConnection(as: .write, body)
        }
        var changed: Set<String> = []
        defer { if !changed.isEmpty { observers.tablesChanged(changed) } }
        return try writer.withConnection(as: .write) { db in
            defer { changed = db.takeCommittedTables() }
            return try body(db)
        }
    }

    /// Runs a read on the in-memory writer with `query_only` on, so that it refuses to write
    /// as a file pool's readers do.
    static func readingOnly<T>(_ db: DatabaseConnection, _ body: (DatabaseConnection) throws -> T) throws -> T {
        try db.internalCachedStatement("PRAGMA query_only = ON").run()
        defer { try? db.internalCachedStatement("PRAGMA query_only = OFF").run() }
        return try body(db)
    }

    // MARK: - Asynchronous access

    /// `read(_:)` for async code: suspends while it waits for a reader, runs on the pool's
    /// own thread, and throws `CancellationError` when the task is cancelled (interrupting the
    /// SQL if it has started).
    public func read<T: Sendable>(_ body: @escaping @Sendable (DatabaseConnection) throws -> T) async throws -> T {
        try await readAsync { db in
            db.isInsideTransaction ? try body(db) : try db.transaction(.deferred) { try body(db) }
        }
    }

    /// `readWithoutTransaction(_:)` for async code, as `read(_:)`.
    public func readWithoutTransaction<T: Sendable>(
        _ body: @escaping @Sendable (DatabaseConnection) throws -> T
    ) async throws -> T {
        try await readAsync(body)
    }

    /// `write(_:)` for async code: queues behind other writes on the writer's own thread
    /// instead of blocking the caller's, and throws `CancellationError` when the task is
    /// cancelled (rolling the write back if it has started).
    public func write<T: Sendable>(_ body: @escaping @Sendable (DatabaseConnection) throws -> T) async throws -> T {
        permits.writeBegan()
        defer { permits.writeEnded() }
        return try await run(on: writer) { work in try self.write { db in try work.run(on: db, body) } }
    }

    /// `writeWithoutTransaction(_:)` for async code.
    public func writeWithoutTransaction<T: Sendable>(
        _ body: @escaping @Sendable (DatabaseConnection) throws -> T
    ) async throws -> T {
        permits.writeBegan()
        defer { permits.writeEnded() }
        return try await run(on: writer) { work in try self.writeWithoutTransaction { db in try work.run(on: db, body) } }
    }

    private func readAsync<T: Sendable>(_ body: @escaping @Sendable (DatabaseConnection) throws -> T) async throws -> T {
        guard !readers.isEmpty else {
            return try await run(on: writer) { work in
                try self.writer.withConnection(as: .read) { db in
                    try work.run(on: db) { db in try Self.readingOnly(db, body) }
                }
            }
        }
        let slot = try await permits.acquire()
        defer { permits.release(slot, heldByTask: true) }
        let reader = readers[slot]
        return try await run(on: reader) { work in
            try reader.withConnection(as: .read) { db in try work.run(on: db, body) }
        }
    }

    /// Runs `operation` on the slot's queue and resumes the caller with its result; the
    /// task's cancellation reaches the SQL through the ``CancellableWork``.
    private func run<T: Sendable>(
        on slot: SerializedConnection, _ operation: @escaping @Sendable (CancellableWork) throws -> T
    ) async throws -> T {
        try Task.checkCancellation()
        let work = CancellableWork()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                slot.queue.async {
                    continuation.resume(with: Result { try operation(work) })
                }
            }
        } onCancel: {
            work.cancel()
        }
    }

    // MARK: - Maintenance

    /// Copies WAL content into the database file and truncates the WAL
    /// (`PRAGMA wal_checkpoint(TRUNCATE)`), so the file alone holds every committed write.
    ///
    /// Related SQLite documentation: <https://www.sqlite.org/pragma.html#pragma_wal_checkpoint>
    public func checkpoint() throws {
        try writeWithoutTransaction { db in try db.execute("PRAGMA wal_checkpoint(TRUNCATE)") }
    }

    /// Closes the reader connections; they reopen on the next read. Frees their memory and
    /// statement caches. A reader the calling thread holds (a call from inside a `read`
    /// closure) stays open: closing it would pull the connection from under the closure.
    public func releaseReaders() {
        for reader in readers where !reader.isHeldByCurrentThread { reader.close() }
    }
}
