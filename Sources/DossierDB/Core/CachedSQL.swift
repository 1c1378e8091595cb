/// SQL whose prepared statement a connection caches by identity rather than by text.
///
/// ``DatabaseConnection/cachedStatement(_:)-(String)`` finds a statement by hashing its SQL,
/// which for a long query costs more than running it. Keep a `CachedSQL` for each hot query —
/// a `static let` — and the lookup hashes a pointer instead.
///
/// ```swift
/// static let noteByID = CachedSQL("SELECT id, body FROM notes WHERE id = ?")
/// let note = try db.fetchOne(Self.noteByID, [.integer(42)]) { try $0.text(1) }
/// ```
public final class CachedSQL: Sendable, CustomStringConvertible {
    /// The SQL text: exactly one statement.
    public let text: String

    /// Wraps SQL text.
    public init(_ text: String) {
        self.text = text
    }

    /// The SQL text.
    public var description: String { text }
}

extension DatabaseConnection {
    /// Returns the cached prepared statement for `sql`, preparing it the first time. As
    /// ``cachedStatement(_:)-(String)``, but found by the identity of `sql`, not its text.
    public func cachedStatement(_ sql: CachedSQL) throws -> Statement {
        let key = ObjectIdentifier(sql)
        // The cache holds `sql` itself, so its address cannot be reused while cached.
        if let entry = keyedStatementCache[key], entry.sql === sql {
            // Still being stepped by an outer fetch: the inner one gets a statement of its own.
            guard !entry.statement.isInUse else { return try Statement(connection: self, sql: sql.text, persistent: false) }
            entry.statement.resetForReuse()
            return entry.statement
        }
        let statement = try Statement(connection: self, sql: sql.text, persistent: true)
        keyedStatementCache[key] = (sql, statement)
        return statement
    }

    /// Every row of a query, decoded, with the statement cached by identity.
    public func fetchAll<T>(_ sql: CachedSQL, _ arguments: StatementArguments = [], _ decode: (Row) throws -> T) throws -> [T] {
        let statement = try cachedStatement(sql)
        try statement.bind(arguments)
        return try statement.fetchAll(decode)
    }

    /// The first row of a query, decoded, or `nil`, with the statement cached by identity.
    public func fetchOne<T>(_ sql: CachedSQL, _ arguments: StatementArguments = [], _ decode: (Row) throws -> T) throws -> T? {
        let statement = try cachedStatement(sql)
        try statement.bind(arguments)
        return try statement.fetchOne(decode)
    }

    /// Runs one statement with arguments to its end, with the statement cached by identity.
    public func execute(_ sql: CachedSQL, _ arguments: StatementArguments) throws {
        let statement = try cachedStatement(sql)
        try statement.bind(arguments)
        try statement.run()
    }
}
