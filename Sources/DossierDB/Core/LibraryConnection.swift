/// A connection as a library built on DossierDB uses it for its own SQL: the same connection,
/// with the statements prepared from SQL text kept in the library's cache rather than the
/// user's (``DatabaseConnection/cachedStatement(_:)-(String)``).
///
/// The two caches never share a statement: a program that clears its cache, or runs the same
/// SQL text inside a callback of the library, cannot reset a statement the library is stepping.
/// GRDB keeps its internal statements apart from the user's for the same reason.
package struct LibraryConnection {
    /// The connection.
    package let connection: DatabaseConnection

    /// Wraps a connection lent by a pool or opened by the library.
    package init(_ connection: DatabaseConnection) {
        self.connection = connection
    }

    /// A statement from the library's cache.
    package func cachedStatement(_ sql: String) throws -> Statement {
        try connection.internalCachedStatement(sql)
    }

    /// A statement cached by the identity of its SQL.
    package func cachedStatement(_ sql: CachedSQL) throws -> Statement {
        try connection.cachedStatement(sql)
    }

    /// Every row of a query, decoded.
    package func fetchAll<T>(_ sql: String, _ arguments: StatementArguments = [], _ decode: (Row) throws -> T) throws -> [T] {
        try connection.internalFetchAll(sql, arguments, decode)
    }

    /// Every row of a query cached by identity, decoded.
    package func fetchAll<T>(_ sql: CachedSQL, _ arguments: StatementArguments = [], _ decode: (Row) throws -> T) throws -> [T] {
        try connection.fetchAll(sql, arguments, decode)
    }

    /// The first row of a query, decoded, or `nil`.
    package func fetchOne<T>(_ sql: String, _ arguments: StatementArguments = [], _ decode: (Row) throws -> T) throws -> T? {
        try connection.internalFetchOne(sql, arguments, decode)
    }

    /// The first row of a query cached by identity, decoded, or `nil`.
    package func fetchOne<T>(_ sql: CachedSQL, _ arguments: StatementArguments = [], _ decode: (Row) throws -> T) throws -> T? {
        try connection.fetchOne(sql, arguments, decode)
    }

    /// The first row of a one-parameter query cached by identity, decoded, or `nil`: no
    /// argument list is built, which matters on a lookup by key.
    package func fetchOne<T>(_ sql: CachedSQL, binding value: SQLValue, _ decode: (Row) throws -> T) throws -> T? {
        try connection.fetchOne(sql, binding: value, decode)
    }

    /// Runs one statement with arguments to its end.
    package func execute(_ sql: String, _ arguments: StatementArguments) throws {
        try connection.internalExecute(sql, arguments)
    }

    /// Runs one statement cached by identity to its end.
    package func execute(_ sql: CachedSQL, _ arguments: StatementArguments) throws {
        try connection.execute(sql, arguments)
    }

    /// Runs a script of statements without parameters.
    package func execute(_ sql: String) throws {
        try connection.execute(sql)
    }

    /// A cursor over a query, on a statement of its own.
    package func cursor(_ sql: String, _ arguments: StatementArguments = []) throws -> RowCursor {
        try connection.cursor(sql, arguments)
    }

    /// Runs `body` in a savepoint.
    package func savepoint<T>(_ body: () throws -> T) throws -> T {
        try connection.savepoint(body)
    }

    /// The rowid of the last row inserted.
    package var lastInsertedRowID: Int64 { connection.lastInsertedRowID }

    /// How many rows the last statement changed.
    package var changedRowCount: Int { connection.changedRowCount }
}
