internal import CDossierSQLite

/// What an ad-hoc query produced.
public struct AdHocQuerySummary: Sendable, Hashable {
    /// The names of the result columns.
    public var columnNames: [String]
    /// How many rows were passed to the caller.
    public var rowCount: Int
    /// Whether rows were left out because of the row limit.
    public var isTruncated: Bool
}

/// A result column of an ad-hoc query: its name, and the table column it reads, if any.
public struct ResultColumn: Sendable, Hashable {
    /// The name SQLite reports (`AS` alias, or the expression).
    public var name: String
    /// The table column it reads directly; `nil` for an expression (see
    /// ``Statement/columnOrigin(at:)``).
    public var origin: ColumnOrigin?

    /// A column.
    public init(name: String, origin: ColumnOrigin?) {
        self.name = name
        self.origin = origin
    }
}

/// A connection for ad-hoc SQL typed by a person: it can read anything and write nothing.
///
/// Read-only is enforced by SQLite itself, in layers, never by inspecting the SQL text:
/// - the file is opened with `SQLITE_OPEN_READONLY` and without `SQLITE_OPEN_CREATE`, so a
///   mistyped path is an error, not a new empty database;
/// - `PRAGMA query_only` is on, and `SQLITE_DBCONFIG_DEFENSIVE`, no extension loading;
/// - an authorizer denies, at prepare time, every action but reading: ATTACH and DETACH,
///   writing pragmas, transactions, DDL and DML, `load_extension()`;
/// - every statement must pass `sqlite3_stmt_readonly` (which catches `VACUUM INTO` and
///   `WITH … DELETE`) before anything runs;
/// - a deadline, checked by a progress handler, interrupts a runaway query.
///
/// ```swift
/// let connection = try ReadOnlyConnection(path: "dossier.sqlite")
/// let summary = try connection.execute(
///     "SELECT slug FROM records WHERE kind = :kind", arguments: ["kind": "claim"],
///     timeout: .seconds(5), maxRows: 100,
///     columns: { columns in print(columns.map(\.name)) },
///     row: { row in print(try row.text(0)) })
/// ```
///
/// Related SQLite documentation: <https://www.sqlite.org/c3ref/set_authorizer.html>,
/// <https://www.sqlite.org/c3ref/stmt_readonly.html>, <https://www.sqlite.org/c3ref/progress_handler.html>
public final class ReadOnlyConnection {
    private let connection: DatabaseConnection
    private let queryGuard = QueryGuard()

    /// The path of the database.
    public var path: String { connection.path }

    /// Opens an existing database read-only.
    ///
    /// - parameters:
    ///   - path: the database file.
    ///   - busyTimeoutMilliseconds: how long to wait for another connection's lock.
    ///   - immutable: open through an `immutable=1` URI: no lock, no `-wal` or `-shm` file,
    ///     for a file nothing writes while it is open (see ``Configuration/AccessMode/immutable``).
    /// - throws: ``DatabaseError`` when the file does not exist, is not a database, or cannot be read.
    public init(path: String, busyTimeoutMilliseconds: Int32 = 5_000, immutable: Bool = false) throws {
        var configuration = Configuration()
        configuration.accessMode = immutable ? .immutable : .readOnly
        configuration.queryOnly = true
        configuration.busyTimeoutMilliseconds = busyTimeoutMilliseconds
        connection = try DatabaseConnection(path: path, configuration: configuration)
        // No database may be attached at all, and no value may exceed 100 MB.
        connection.setLimit(SQLITE_LIMIT_ATTACHED, to: 0)
        connection.setLimit(SQLITE_LIMIT_LENGTH, to: 100_000_000)
        connection.installQueryGuard(queryGuard)
    }

    deinit {
        connection.removeQueryGuard()
    }

    /// Prepares `sql` and checks, without running anything, that it is exactly one statement
    /// that cannot write.
    ///
    /// - throws: ``DatabaseError``: `SQLITE_AUTH` or `SQLITE_READONLY` (see
    ///   ``DatabaseError/isReadOnlyViolation``) for a statement that would write, or a syntax error.
    public func prepare(_ sql: String) throws -> Statement {
        let bytes = Array(sql.utf8)
        var offset = 0
        var first: Statement?
        // Leading comments and empty statements (`;`) hold nothing to run: skip them.
        while first == nil, offset < bytes.count {
            let (statement, consumed) = try prepareFirst(of: bytes[offset...], fullSQL: sql)
            // Always advance, even past a NUL byte that SQLite treats as the end of the text.
            offset += max(consumed, 1)
            first = statement
        }
        guard let first else { throw DatabaseError(.misuse, message: "the query is empty", sql: sql) }
        try requireReadOnly(first, sql: sql)
        // One statement only: whatever follows is refused at once, without preparing the rest of
        // a text that may hold thousands of statements.
        while offset < bytes.count {
            let (next, consumed) = try prepareFirst(of: bytes[offset...], fullSQL: sql)
            offset += max(consumed, 1)
            guard let next else { continue }
            try requireReadOnly(next, sql: sql)
            throw DatabaseError(.misuse, message: "the query holds more than one statement; run one statement at a time", sql: sql)
        }
        return first
    }

    /// Refuses a statement that would write (`sqlite3_stmt_readonly`; BEGIN, SAVEPOINT and
    /// ATTACH count as read-only there, and the authorizer denied those already).
    private func requireReadOnly(_ statement: Statement, sql: String) throws {
        guard statement.isReadOnly else {
            throw DatabaseError(
                .readOnly,
                message:
                    "the statement would write to the database, and queries are read-only: \(DatabaseError.abbreviated(statement.sql))",
                sql: sql)
        }
    }

    /// Runs one read-only statement, streaming its rows.
    ///
    /// - parameters:
    ///   - sql: one SQL statement.
    ///   - arguments: values for its parameters.
    ///   - timeout: the statement is interrupted when it runs longer; `nil` for no limit.
    ///   - maxRows: rows beyond this many are not passed to `row`; the summary says so.
    ///   - columns: called once with the result columns (names and origins), before the first row.
    ///   - row: called for each row; the row is valid only during the call.
    /// - throws: ``DatabaseError``; ``DatabaseError/isInterrupted`` when the deadline passed.
    @discardableResult
    public func execute(
        _ sql: String,
        arguments: StatementArguments = [],
        timeout: Duration? = nil,
        maxRows: Int? = nil,
        columns: ([ResultColumn]) throws -> Void = { _ in },
        row: (Row) throws -> Void
    ) throws -> AdHocQuerySummary {
        let statement = try prepare(sql)
        try statement.bind(arguments)
        let names = statement.columnNames
        try columns(zip(names, statement.columnOrigins).map { ResultColumn(name: $0, origin: $1) })

        queryGuard.didTimeOut = false
        queryGuard.deadline = timeout.map { QueryGuard.now() &+ Self.nanoseconds($0) } ?? 0
        // The progress handler checks the deadline between instructions; the watchdog also
        // interrupts a statement stuck in one long function call.
        let watchdog = timeout.map { InterruptWatchdog(handle: connection.handle, seconds: Self.seconds($0)) }
        defer {
            watchdog?.stop()
            queryGuard.deadline = 0
        }

        var count = 0
        var truncated = false
        do {
            defer { statement.reset() }
            while try statement.step() {
                if let maxRows, count >= maxRows {
                    truncated = true
                    break
                }
                try row(Row(statement: statement))
                count += 1
            }
        } catch let error as DatabaseError where error.isInterrupted && (queryGuard.didTimeOut || watchdog?.didFire == true) {
            let limit = timeout.map { Self.describe($0) } ?? "its time limit"
            throw DatabaseError(
                error.extendedResultCode,
                message: "the query ran longer than \(limit) and was stopped; narrow it or allow more time",
                sql: sql)
        }
        return AdHocQuerySummary(columnNames: names, rowCount: count, isTruncated: truncated)
    }

    /// Prepares every statement of `sql`, each checked by the authorizer and by
    /// `sqlite3_stmt_readonly`, before any runs.
    private func prepareFirst(of bytes: ArraySlice<UInt8>, fullSQL: String) throws -> (Statement?, Int) {
        let text = String(decoding: bytes, as: UTF8.self)
        var statementHandle: OpaquePointer?
        var consumed = 0
        let code = text.withCString { start -> Int32 in
            var tail: UnsafePointer<CChar>?
            let code = sqlite3_prepare_v3(connection.handle, start, -1, 0, &statementHandle, &tail)
            consumed = tail.map { $0 - start } ?? text.utf8.count
            return code
        }
        sqlite3_finalize(statementHandle)
        guard code == SQLITE_OK else {
            if let denial = queryGuard.denial {
                // SQLite reports a denial as SQLITE_AUTH, SQLITE_ERROR or even SQLITE_SCHEMA,
                // depending on where in preparation it happened: report it as what it is.
                throw DatabaseError(.authorization, message: denial, sql: fullSQL)
            }
            throw DatabaseError(ResultCode(rawValue: code), message: connection.lastErrorMessage, sql: fullSQL)
        }
        guard statementHandle != nil else { return (nil, consumed) }
        // The statement's own text, prepared again as a Statement that owns its handle. The
        // tail ends after a ';' or at the end, so the cut falls between UTF-8 scalars.
        let statementText = String(decoding: text.utf8.prefix(consumed), as: UTF8.self)
        return (try connection.prepare(statementText), consumed)
    }

    /// A duration in nanoseconds, at most a day's worth (a longer limit is no limit at all, and
    /// must not overflow).
    private static func nanoseconds(_ duration: Duration) -> UInt64 {
        UInt64(seconds(duration) * 1e9)
    }

    /// A duration in seconds, from 0 to a day.
    private static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return min(max(Double(seconds) + Double(attoseconds) / 1e18, 0), 86_400)
    }

    private static func describe(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let value = Double(seconds) + Double(attoseconds) / 1e18
        return value == value.rounded() ? "\(Int64(value)) s" : "\(value) s"
    }
}
