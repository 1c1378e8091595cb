internal import CDossierSQLite

/// A prepared statement: one SQL statement compiled by SQLite, ready to bind and step.
///
/// Get one from ``DatabaseConnection/cachedStatement(_:)-(String)`` (reused across calls) or
/// ``DatabaseConnection/prepare(_:)`` (owned by the caller). Like its connection, a statement
/// is used by one thread at a time.
///
/// ```swift
/// let statement = try db.cachedStatement("SELECT title FROM records WHERE kind = ?")
/// try statement.bind("claim", at: 1)
/// let cursor = statement.makeCursor()
/// while let row = try cursor.next() {
///     print(try row.text(0))
/// }
/// ```
///
/// Related SQLite documentation: <https://www.sqlite.org/c3ref/stmt.html>
public final class Statement {
    /// The `sqlite3_stmt *` handle.
    let handle: OpaquePointer

    /// The SQL text of the statement.
    public let sql: String

    /// How many fetches and cursors are stepping the statement now. A cached statement in use
    /// is never handed out again (see ``DatabaseConnection/cachedStatement(_:)-(String)``).
    private var activeUses = 0

    /// Whether a fetch or a cursor is stepping the statement and has not finished.
    var isInUse: Bool { activeUses > 0 }

    /// Marks the statement as stepped by a fetch or cursor until ``endUse()``.
    func beginUse() { activeUses += 1 }

    /// Ends a use begun with ``beginUse()``.
    func endUse() { activeUses -= 1 }

    /// Prepares exactly one statement: anything but whitespace or comments after it is an error.
    init(connection: DatabaseConnection, sql: String, persistent: Bool) throws {
        var statementHandle: OpaquePointer?
        var trailingSQL = ""
        let flags = persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
        let code = sql.withCString { start -> Int32 in
            var tail: UnsafePointer<CChar>?
            let code = sqlite3_prepare_v3(connection.handle, start, -1, flags, &statementHandle, &tail)
            if code == SQLITE_OK, let tail, tail.pointee != 0 {
                trailingSQL = String(cString: tail)
            }
            return code
        }
        guard code == SQLITE_OK else {
            sqlite3_finalize(statementHandle)
            throw DatabaseError(ResultCode(rawValue: code), message: connection.lastErrorMessage, sql: sql)
        }
        guard let statementHandle else {
            throw DatabaseError(.misuse, message: "the SQL holds no statement (it is empty or only a comment)", sql: sql)
        }
        if !trailingSQL.isEmpty, try Self.holdsStatement(trailingSQL, connection: connection) {
            sqlite3_finalize(statementHandle)
            throw DatabaseError(
                .misuse,
                message: "the SQL holds more than one statement; run scripts with execute(_:) or prepare each statement",
                sql: sql)
        }
        self.handle = statementHandle
        self.sql = sql
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Whether `sql` compiles to at least one statement (rather than only whitespace or comments).
    private static func holdsStatement(_ sql: String, connection: DatabaseConnection) throws -> Bool {
        if sql.allSatisfy({ $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" || $0 == ";" }) { return false }
        var other: OpaquePointer?
        let code = sqlite3_prepare_v3(connection.handle, sql, -1, 0, &other, nil)
        defer { sqlite3_finalize(other) }
        // A tail that does not compile is still a second statement: report that, not its syntax.
        return code != SQLITE_OK || other != nil
    }

    // MARK: - Properties

    /// The number of columns in the result rows (0 for statements that return no rows).
    public var columnCount: Int { Int(sqlite3_column_count(handle)) }

    /// The name of a result column, as SQLite reports it (`AS` alias, or the expression).
    public func columnName(at index: Int) -> String {
        guard index >= 0, index < columnCount, let name = sqlite3_column_name(handle, Int32(index)) else {
            return ""
        }
        return String(cString: name)
    }

    /// The names of all result columns, in order.
    public var columnNames: [String] {
        (0..<columnCount).map { columnName(at: $0) }
    }

    /// The number of SQL parameters (`?`, `:name`…) in the statement.
    public var parameterCount: Int { Int(sqlite3_bind_parameter_count(handle)) }

    /// Whether the statement leaves the database file unchanged, as SQLite judges it.
    ///
    /// Note that SQLite reports `BEGIN`, `COMMIT`, `ATTACH` and `DETACH` as read-only.
    /// Related SQLite documentation: <https://www.sqlite.org/c3ref/stmt_readonly.html>
    public var isReadOnly: Bool { sqlite3_stmt_readonly(handle) != 0 }

    /// The statement's SQL with its bound parameters expanded, for logs.
    public var expandedSQL: String {
        guard let text = sqlite3_expanded_sql(handle) else { return sql }
        defer { sqlite3_free(text) }
        return String(cString: text)
    }

    // MARK: - Execution

    /// Advances to the next row.
    ///
    /// - returns: `true` when a row is available, `false` when the statement is done (it is then
    ///   reset, which ends its implicit read transaction).
    /// - throws: ``DatabaseError`` with the SQL. The statement is reset and can be run again.
    ///
    /// Related SQLite documentation: <https://www.sqlite.org/c3ref/step.html>
    public func step() throws -> Bool {
        let code = sqlite3_step(handle)
        if code == SQLITE_ROW { return true }
        if code == SQLITE_DONE {
            sqlite3_reset(handle)
            return false
        }
        throw stepError(code)
    }

    /// Steps the statement to its end, ignoring rows.
    public func run() throws {
        while try step() {}
    }

    /// Resets the statement so it can run again. Bindings are kept.
    ///
    /// Related SQLite documentation: <https://www.sqlite.org/c3ref/reset.html>
    public func reset() {
        sqlite3_reset(handle)
    }

    /// Sets every parameter back to `NULL`.
    public func clearBindings() {
        sqlite3_clear_bindings(handle)
    }

    /// Resets and clears bindings: the state a cached statement is handed out in.
    func resetForReuse() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// Returns a cursor over the statement's rows, from its current position.
    public func makeCursor() -> RowCursor {
        RowCursor(statement: self)
    }

    /// The error for a failed `sqlite3_step`, after resetting the statement for reuse.
    private func stepError(_ code: Int32) -> DatabaseError {
        let database = sqlite3_db_handle(handle)
        let message = database.map { String(cString: sqlite3_errmsg($0)) } ?? "unknown error"
        var extended = ResultCode(rawValue: code)
        if let database {
            let reported = ResultCode(rawValue: sqlite3_extended_errcode(database))
            if reported.primary == extended.primary { extended = reported }
        }
        sqlite3_reset(handle)
        return DatabaseError(extended, message: message, sql: sql)
    }
}
