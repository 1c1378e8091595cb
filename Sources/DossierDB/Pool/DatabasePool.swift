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
/// The pool is `Sendable`; connections are lent to one closure at a time and must not escape it.
///
/// Related SQLite documentation: <https://www.sqlite.org/wal.html>
public final class DatabasePool: Sendable {
    /// The database path (`:memory:` for an in-memory pool).
    public let path: String

    /// The configuration of every connection.
    public let configuration: Configuration

    private let writer: SerializedConnection
    /// Reader slots; empty for in-memory databases, whose reads go to the writer.
    private let readers: [SerializedConnection]
    private let freeReaders: Lock<[Int]>
    private let readerPermits: DispatchSemaphore
    private let writeHooks = Lock<WriteHooks?>(nil)

    /// Work a library built on the pool runs inside every ``write(_:)`` transaction, around the
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

    /// Installs the hooks every later ``write(_:)`` runs. (Not ``writeWithoutTransaction(_:)``,
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
        let writerConnection = try DatabaseConnection(path: path, configuration: configuration)
        writer = SerializedConnection(role: "write", connection: writerConnection) {
            try DatabaseConnection(path: path, configuration: configuration)
        }
        let isInMemory = path == ":memory:" || path.isEmpty
        let readerCount = isInMemory ? 0 : max(1, configuration.maximumReaderCount)
        var readerConfiguration = configuration
        if case .readWrite = configuration.accessMode {
            readerConfiguration.accessMode = .readWrite(createIfMissing: false)
        }
        readerConfiguration.queryOnly = true
        readerConfiguration.trustedSchema = false
        let finalReaderConfiguration = readerConfiguration
        readers = (0..<readerCount).map { _ in
            SerializedConnection(role: "read") {
                try DatabaseConnection(path: path, configuration: finalReaderConfiguration)
            }
        }
        freeReaders = Lock(Array(0..<readerCount))
        readerPermits = DispatchSemaphore(value: readerCount)
    }

    /// Opens a pool on a private in-memory database. Reads and writes share one connection.
    public static func inMemory(configuration: Configuration = Configuration()) throws -> DatabasePool {
        try DatabasePool(path: ":memory:", configuration: configuration)
    }

    // MARK: - Synchronous access

    /// Runs `body` on a reader connection, inside a deferred transaction: every statement in
    /// `body` sees the same committed snapshot, whatever the writer does meanwhile.
    ///
    /// Waits for a free reader when all are busy.
    public func read<T>(_ body: (DatabaseConnection) throws -> T) throws -> T {
        try withReader { db in
            try db.transaction(.deferred) { try body(db) }
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
    /// - throws: the error of `body`, or a ``DatabaseError``; calling `write` from inside a
    ///   `write` closure is a misuse error rather than a deadlock.
    public func write<T>(_ body: (DatabaseConnection) throws -> T) throws -> T {
        let hooks = writeHooks.withLock { $0 }
        return try writer.withConnection { db in
            try db.transaction(.immediate) {
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
        try writer.withConnection(body)
    }

    private func withReader<T>(_ body: (DatabaseConnection) throws -> T) throws -> T {
        guard !readers.isEmpty else {
            return try writer.withConnection(body)
        }
        readerPermits.wait()
        defer { readerPermits.signal() }
        // A permit guarantees a free slot.
        let index = freeReaders.withLock { $0.removeLast() }
        defer { freeReaders.withLock { $0.append(index) } }
        return try readers[index].withConnection(body)
    }

    // MARK: - Asynchronous access

    /// ``read(_:)`` for async code: the work runs off the caller's executor.
    public func read<T: Sendable>(_ body: @escaping @Sendable (DatabaseConnection) throws -> T) async throws -> T {
        try await offload { try self.read(body) }
    }

    /// ``write(_:)`` for async code: the work runs off the caller's executor.
    public func write<T: Sendable>(_ body: @escaping @Sendable (DatabaseConnection) throws -> T) async throws -> T {
        try await offload { try self.write(body) }
    }

    private func offload<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try work() })
            }
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
    /// statement caches.
    public func releaseReaders() {
        for reader in readers { reader.close() }
    }
}
