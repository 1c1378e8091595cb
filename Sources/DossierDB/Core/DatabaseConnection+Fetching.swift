/// Reading rows: all at once, the first one, or streamed through a cursor.
///
/// Decoding is a closure over ``Row`` that reads columns by position:
///
/// ```swift
/// struct Note { var id: Int64; var body: String }
/// let notes = try db.fetchAll("SELECT id, body FROM notes WHERE id > ?", [10]) { row in
///     Note(id: try row.int64(0), body: try row.text(1))
/// }
/// ```
extension DatabaseConnection {
    /// Every row of a query, decoded.
    ///
    /// Uses the statement cache. `decode` must not run the same SQL on this connection.
    public func fetchAll<T>(
        _ sql: String, _ arguments: StatementArguments = [], _ decode: (Row) throws -> T
    ) throws -> [T] {
        let statement = try cachedStatement(sql)
        try statement.bind(arguments)
        return try statement.fetchAll(decode)
    }

    /// The first row of a query, decoded, or `nil` when there is none.
    public func fetchOne<T>(
        _ sql: String, _ arguments: StatementArguments = [], _ decode: (Row) throws -> T
    ) throws -> T? {
        let statement = try cachedStatement(sql)
        try statement.bind(arguments)
        return try statement.fetchOne(decode)
    }

    /// A cursor that streams the rows of a query.
    ///
    /// The statement is prepared for this cursor alone (not cached), so several cursors may
    /// be open at once.
    public func cursor(_ sql: String, _ arguments: StatementArguments = []) throws -> RowCursor {
        let statement = try prepare(sql)
        try statement.bind(arguments)
        return statement.makeCursor()
    }
}

extension DatabaseConnection {
    /// ``fetchAll(_:_:_:)-(String,_,_)`` on the library's statement cache.
    package func internalFetchAll<T>(
        _ sql: String, _ arguments: StatementArguments = [], _ decode: (Row) throws -> T
    ) throws -> [T] {
        let statement = try internalCachedStatement(sql)
        try statement.bind(arguments)
        return try statement.fetchAll(decode)
    }

    /// ``fetchOne(_:_:_:)-(String,_,_)`` on the library's statement cache.
    package func internalFetchOne<T>(
        _ sql: String, _ arguments: StatementArguments = [], _ decode: (Row) throws -> T
    ) throws -> T? {
        let statement = try internalCachedStatement(sql)
        try statement.bind(arguments)
        return try statement.fetchOne(decode)
    }

    /// ``execute(_:_:)`` on the library's statement cache.
    package func internalExecute(_ sql: String, _ arguments: StatementArguments) throws {
        let statement = try internalCachedStatement(sql)
        try statement.bind(arguments)
        try statement.run()
    }
}

extension Statement {
    /// Every remaining row, decoded. The statement is reset afterwards, even on error.
    public func fetchAll<T>(_ decode: (Row) throws -> T) throws -> [T] {
        beginUse()
        defer {
            endUse()
            reset()
        }
        var result: [T] = []
        while try step() {
            result.append(try decode(Row(statement: self)))
        }
        return result
    }

    /// The next row, decoded, or `nil`. The statement is reset afterwards, even on error.
    public func fetchOne<T>(_ decode: (Row) throws -> T) throws -> T? {
        beginUse()
        defer {
            endUse()
            reset()
        }
        guard try step() else { return nil }
        return try decode(Row(statement: self))
    }
}
