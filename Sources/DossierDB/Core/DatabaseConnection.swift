internal import CDossierSQLite

/// One connection to a SQLite database.
///
/// A connection is not `Sendable`: it is used by one thread at a time. To share a database
/// between threads, tasks or processes, open a ``DatabasePool``, whose `read {}` and `write {}`
/// lend connections out one closure at a time.
///
/// ```swift
/// let db = try DatabaseConnection(path: "notes.sqlite")
/// try db.execute("CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT NOT NULL) STRICT")
/// try db.execute("INSERT INTO notes(body) VALUES (?)", ["hello"])
/// let bodies = try db.internalFetchAll("SELECT body FROM notes") { try $0.text(0) }
/// ```
///
/// Related SQLite documentation: <https://www.sqlite.org/c3ref/sqlite3.html>
public final class DatabaseConnection {
    /// The `sqlite3 *` handle.
    let handle: OpaquePointer

    /// The path the connection was opened with (`:memory:` for an in-memory database).
    public let path: String

    /// The configuration the connection was opened with.
    public let configuration: Configuration

    /// The user's prepared statements, kept for reuse and keyed by their SQL: what
    /// ``cachedStatement(_:)-(String)`` and the `fetch` methods taking SQL text use.
    private var statementCache: [String: Statement] = [:]

    /// The library's own prepared statements (DossierDB's, and those of a library built on it
    /// through ``LibraryConnection``), apart from the user's: a user clearing the cache, or
    /// running the same SQL text, never disturbs a statement the library is stepping.
    private var internalStatementCache: [String: Statement] = [:]

    /// Prepared statements kept for reuse, keyed by the identity of their ``CachedSQL``.
    var keyedStatementCache = KeyedStatementCache()

    /// Depth of nested savepoints opened by ``transaction(_:_:)``.
    var savepointDepth = 0

    /// The tables changed by committed transactions, once observation asked for them
    /// (see `DatabaseConnection+TableTracking.swift`).
    var committedTableTracker: CommittedTableTracker?

    /// The authorizer's state, once installed: the tables statements read while an
    /// observation records them (statement caches are bypassed then, so that every statement
    /// is prepared, and seen), and whether deletes may be truncations.
    var tablesReadRecorder: TablesReadRecorder?

    /// Opens a connection and applies the configuration.
    ///
    /// - throws: ``DatabaseError`` naming the path when the file cannot be opened, is not a
    ///   database, or a setting cannot be applied. A read-only open of a missing file fails:
    ///   it never creates one.
    public init(path: String, configuration: Configuration = Configuration()) throws {
        // SQLite reports a folder as an I/O error, or not at all until the first read; a named
        // pipe would block the open for ever, and a device is no database. Only a regular file,
        // or a path where one may be created, is opened.
        let kind = path == ":memory:" || path.isEmpty ? .missing : fileKind(path)
        if kind != .missing && kind != .regular {
            throw DatabaseError(
                .cannotOpen,
                message: "cannot open database at \(path): it is \(kind.description); give the path of a database file")
        }
        // SQLite drops a trailing slash and would create "name" for "name/": a slash names a folder.
        if path.hasSuffix("/"), let cause = openFailureCause(of: path, writing: false, creating: false) {
            throw DatabaseError(.cannotOpen, message: "cannot open database at \(path): \(cause)")
        }
        var flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        switch configuration.accessMode {
        case .readOnly:
            flags |= SQLITE_OPEN_READONLY
        case .immutable:
            flags |= SQLITE_OPEN_READONLY | SQLITE_OPEN_URI
            try Self.checkImmutableOpen(of: path)
        case .readWrite(let createIfMissing):
            flags |= SQLITE_OPEN_READWRITE
            if createIfMissing { flags |= SQLITE_OPEN_CREATE }
        }
        var handle: OpaquePointer?
        // A path is a path: a relative one starting with "file:" would be read as a URI (with
        // `?mode=memory` and the like) by an SQLite built to accept them. The one URI opened is
        // an immutable open's, built here from the absolute path, percent-encoded.
        let openedPath: String
        if configuration.accessMode == .immutable {
            openedPath = immutableDatabaseURI(forPath: path)
        } else {
            openedPath = path.hasPrefix("file:") ? "./" + path : path
        }
        let code = sqlite3_open_v2(openedPath, &handle, flags, nil)
        guard let handle else {
            throw DatabaseError(.noMemory, message: "cannot open database at \(path): out of memory")
        }
        guard code == SQLITE_OK else {
            let message = String(cString: sqlite3_errmsg(handle))
            sqlite3_close_v2(handle)
            throw DatabaseError(
                ResultCode(rawValue: code),
                message: "cannot open database at \(path): \(message)"
                    + Self.openAdvice(for: ResultCode(rawValue: code), path: path, accessMode: configuration.accessMode))
        }
        self.handle = handle
        self.path = path
        self.configuration = configuration
        do {
            try applyConfiguration()
        } catch let error as DatabaseError {
            // Every stored property is set, so `deinit` runs and closes the handle.
            throw DatabaseError(
                error.extendedResultCode,
                message: "cannot open database at \(path): \(error.message)"
                    + Self.openAdvice(for: error.resultCode, path: path, accessMode: configuration.accessMode),
                sql: error.sql)
        }
    }

    /// Opens a private in-memory database, gone when the connection closes.
    public static func inMemory(configuration: Configuration = Configuration()) throws -> DatabaseConnection {
        try DatabaseConnection(path: ":memory:", configuration: configuration)
    }

    deinit {
        // Finalize cached statements first; close_v2 waits for any statement still alive.
        clearAllStatementCaches()
        sqlite3_close_v2(handle)
    }

    /// What to do about a failed open. For the failures the file system explains (a missing
    /// file or folder, a read-only file system, a folder that refuses the `-wal` and `-shm`
    /// files), the cause found there; otherwise advice by result code.
    private static func openAdvice(for code: ResultCode, path: String, accessMode: Configuration.AccessMode) -> String {
        switch code.primary {
        case .cannotOpen, .readOnly, .permission, .ioError:
            var writing = false
            var creating = false
            if case .readWrite(let create) = accessMode { (writing, creating) = (true, create) }
            if let cause = openFailureCause(of: path, writing: writing, creating: creating) { return " (\(cause))" }
        default: break
        }
        switch code.primary {
        case .notADatabase: return " (the file exists but is not a SQLite database: check the path)"
        case .cannotOpen: return " (check that the path names a file, not a folder, and that its folder exists and is accessible)"
        case .corrupt: return " (the file is damaged: restore it from a backup)"
        case .readOnly, .permission: return " (the file or its folder is not writable)"
        default: return ""
        }
    }

    private func applyConfiguration() throws {
        sqlite3_extended_result_codes(handle, 1)
        sqlite3_busy_timeout(handle, configuration.busyTimeoutMilliseconds)
        // Defensive defaults: no raw schema edits, no extensions, no side effects hidden in the
        // schema unless trusted, and "x" is always an identifier, never a string.
        try setDatabaseFlag(SQLITE_DBCONFIG_DEFENSIVE, true, name: "SQLITE_DBCONFIG_DEFENSIVE")
        try setDatabaseFlag(SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, false, name: "SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION")
        try setDatabaseFlag(SQLITE_DBCONFIG_TRUSTED_SCHEMA, configuration.trustedSchema, name: "SQLITE_DBCONFIG_TRUSTED_SCHEMA")
        try setDatabaseFlag(SQLITE_DBCONFIG_DQS_DDL, false, name: "SQLITE_DBCONFIG_DQS_DDL")
        try setDatabaseFlag(SQLITE_DBCONFIG_DQS_DML, false, name: "SQLITE_DBCONFIG_DQS_DML")

        // Reading the schema cookie reads the header: a file that is not a database fails here,
        // at open, rather than at the first query.
        _ = try internalFetchOne("PRAGMA schema_version") { try $0.int64(0) }
        try execute("PRAGMA foreign_keys = \(configuration.foreignKeysEnabled ? "ON" : "OFF")")
        if case .readWrite = configuration.accessMode, path != ":memory:", !path.isEmpty {
            let mode = try setJournalMode(configuration.journalMode)
            if configuration.journalMode == .wal, mode?.lowercased() != "wal" {
                throw DatabaseError(.error, message: "journal_mode could not be set to WAL (it is \(mode ?? "unknown"))")
            }
            try execute("PRAGMA synchronous = \(configuration.synchronous.rawValue)")
        }
        if configuration.queryOnly {
            try execute("PRAGMA query_only = ON")
        }
        if FaultInjection.point != nil, case .readWrite = configuration.accessMode, !configuration.queryOnly {
            FaultInjection.install(on: handle)
        }
    }

    /// Sets the journal mode, waiting for other connections as the busy timeout allows.
    ///
    /// Changing the journal mode needs an exclusive lock, and SQLite answers SQLITE_BUSY at
    /// once instead of calling the busy handler: two processes creating the same new database
    /// would otherwise see "database is locked". A database already in the mode is left alone.
    private func setJournalMode(_ wanted: Configuration.JournalMode) throws -> String? {
        let current = try internalFetchOne("PRAGMA journal_mode") { try $0.text(0) }
        if current?.lowercased() == wanted.rawValue.lowercased() { return current }
        var waited: Int32 = 0
        while true {
            do {
                return try internalFetchOne("PRAGMA journal_mode = \(wanted.rawValue)") { try $0.text(0) }
            } catch let error as DatabaseError where error.resultCode.primary == .busy && waited < configuration.busyTimeoutMilliseconds {
                sqlite3_sleep(10)
                waited += 10
            }
        }
    }

    private func setDatabaseFlag(_ option: Int32, _ enabled: Bool, name: String) throws {
        var state: Int32 = 0
        let code = dossier_sqlite_db_config_flag(handle, option, enabled ? 1 : 0, &state)
        guard code == SQLITE_OK, (state != 0) == enabled else {
            throw DatabaseError(ResultCode(rawValue: code), message: "cannot set \(name) to \(enabled)")
        }
    }

    // MARK: - Statements

    /// Prepares one statement that the caller owns. Prefer ``cachedStatement(_:)-(String)`` for SQL that
    /// runs more than once.
    ///
    /// - throws: ``DatabaseError`` with the SQL when it does not compile, or when it holds more
    ///   than one statement (use ``execute(_:)`` for scripts).
    ///
    /// Related SQLite documentation: <https://www.sqlite.org/c3ref/prepare.html>
    public func prepare(_ sql: String) throws -> Statement {
        try Statement(connection: self, sql: sql, persistent: false)
    }

    /// Returns a prepared statement for `sql` from the connection's cache, preparing it with
    /// `SQLITE_PREPARE_PERSISTENT` the first time. The statement is reset and its bindings
    /// cleared before it is returned.
    ///
    /// The statement stays valid until the connection closes; use it before the next call that
    /// may hand out the same statement. When the cached statement is still being stepped — a
    /// fetch of the same SQL inside a fetch — a fresh statement is prepared for the inner call
    /// instead: resetting the outer one would restart its rows.
    public func cachedStatement(_ sql: String) throws -> Statement {
        try cachedStatement(sql, in: &statementCache)
    }

    /// ``cachedStatement(_:)-(String)`` from the library's cache rather than the user's.
    package func internalCachedStatement(_ sql: String) throws -> Statement {
        try cachedStatement(sql, in: &internalStatementCache)
    }

    private func cachedStatement(_ sql: String, in cache: inout [String: Statement]) throws -> Statement {
        // Recording the tables read: SQLite names them to the authorizer at prepare time only.
        if isRecordingTablesRead { return try Statement(connection: self, sql: sql, persistent: false) }
        if let statement = cache[sql] {
            // In use by a fetch or cursor that has not finished: never reset it under them.
            guard !statement.isInUse else { return try Statement(connection: self, sql: sql, persistent: false) }
            statement.resetForReuse()
            return statement
        }
        let statement = try Statement(connection: self, sql: sql, persistent: true)
        cache[sql] = statement
        return statement
    }

    /// How many statements the caches hold: the user's, the library's and those cached by
    /// ``CachedSQL`` identity.
    public var cachedStatementCount: Int { statementCache.count + internalStatementCache.count + keyedStatementCache.count }

    /// Finalizes the user's cached statements (``cachedStatement(_:)-(String)``). Needed before
    /// operations that require no pending statements; also frees memory. The library's own
    /// statements stay; a statement still being stepped is finalized when its cursor is done.
    public func clearStatementCache() {
        statementCache.removeAll()
    }

    /// Finalizes every cached statement, the library's included.
    package func clearAllStatementCaches() {
        statementCache.removeAll()
        internalStatementCache.removeAll()
        keyedStatementCache.removeAll()
    }

    /// Runs every statement in `sql`, in order, stopping at the first error.
    ///
    /// Use it for scripts without parameters (migrations, pragmas). Statements run in the
    /// caller's transaction, or each in its own when there is none.
    ///
    /// - throws: ``DatabaseError`` carrying the statement that failed.
    public func execute(_ sql: String) throws {
        try sql.withCString { start in
            var next: UnsafePointer<CChar>? = start
            while let current = next, current.pointee != 0 {
                var statementHandle: OpaquePointer?
                var tail: UnsafePointer<CChar>?
                let code = sqlite3_prepare_v3(handle, current, -1, 0, &statementHandle, &tail)
                guard code == SQLITE_OK else {
                    let location = Self.location(of: current, in: start)
                    throw DatabaseError(
                        ResultCode(rawValue: code), message: "\(lastErrorMessage) (statement at line \(location.line))",
                        sql: location.statement)
                }
                next = tail
                // Whitespace or a comment: nothing to run.
                guard let statementHandle else { continue }
                defer { sqlite3_finalize(statementHandle) }
                while true {
                    let stepCode = sqlite3_step(statementHandle)
                    if stepCode == SQLITE_DONE { break }
                    if stepCode == SQLITE_ROW { continue }
                    let location = Self.location(of: current, in: start)
                    throw DatabaseError(
                        ResultCode(rawValue: stepCode), message: "\(lastErrorMessage) (statement at line \(location.line))",
                        sql: Self.statementText(from: current, to: tail))
                }
            }
        }
    }

    /// Runs one statement with arguments and steps it to the end, ignoring any rows.
    public func execute(_ sql: String, _ arguments: StatementArguments) throws {
        let statement = try cachedStatement(sql)
        try statement.bind(arguments)
        try statement.run()
    }

    /// Where a statement of a script starts: its 1-based line (after leading whitespace and
    /// comments) and its text up to the first `;`, for error messages.
    private static func location(of statement: UnsafePointer<CChar>, in script: UnsafePointer<CChar>) -> (line: Int, statement: String) {
        let before = UnsafeBufferPointer(start: script, count: statement - script)
        var line = 1 + before.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        var lines = String(cString: statement).split(separator: "\n", omittingEmptySubsequences: false)[...]
        // Skip blank lines and `--` comment lines before the statement.
        while let first = lines.first, first.trimmingWhitespace().isEmpty || first.trimmingWhitespace().hasPrefix("--") {
            lines = lines.dropFirst()
            line += 1
        }
        let text = lines.joined(separator: "\n")
        let end = text.firstIndex(of: ";").map { text.index(after: $0) } ?? text.endIndex
        return (line, String(text[..<end]).trimmingWhitespace())
    }

    private static func statementText(from start: UnsafePointer<CChar>, to end: UnsafePointer<CChar>?) -> String {
        guard let end, end > start else { return String(cString: start) }
        let buffer = UnsafeRawBufferPointer(start: start, count: end - start)
        return String(decoding: buffer, as: UTF8.self).trimmingWhitespace()
    }

    // MARK: - State

    /// SQLite's message for the last error on this connection.
    var lastErrorMessage: String { String(cString: sqlite3_errmsg(handle)) }

    /// The extended result code of the last error on this connection.
    var lastErrorCode: ResultCode { ResultCode(rawValue: sqlite3_extended_errcode(handle)) }

    /// The rowid of the last row inserted by this connection.
    ///
    /// Related SQLite documentation: <https://www.sqlite.org/c3ref/last_insert_rowid.html>
    public var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// How many rows the last INSERT, UPDATE or DELETE changed (triggers and cascades excluded).
    ///
    /// Related SQLite documentation: <https://www.sqlite.org/c3ref/changes.html>
    public var changedRowCount: Int { Int(sqlite3_changes64(handle)) }

    /// How many rows have been changed since the connection opened, triggers and cascades included.
    public var totalChangedRowCount: Int { Int(sqlite3_total_changes64(handle)) }

    /// Whether a transaction is open (the connection is not in autocommit mode).
    ///
    /// Related SQLite documentation: <https://www.sqlite.org/c3ref/get_autocommit.html>
    public var isInsideTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// Caps the memory SQLite may hold in this process, for every connection: past it an
    /// allocation fails and the statement ends with `SQLITE_NOMEM` instead of the process
    /// growing without bound. 0 removes the cap.
    ///
    /// Related SQLite documentation: <https://www.sqlite.org/c3ref/hard_heap_limit64.html>
    public static func setHardHeapLimit(bytes: Int64) {
        _ = sqlite3_hard_heap_limit64(max(bytes, 0))
    }

    /// The version of the SQLite library, e.g. `"3.40.1"`.
    public static var sqliteVersion: String { String(cString: sqlite3_libversion()) }
}

extension StringProtocol {
    /// The string without leading and trailing ASCII whitespace.
    package func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }),
            let last = lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(self[first...last])
    }
}
