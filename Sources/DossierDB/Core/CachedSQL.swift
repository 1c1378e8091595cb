import Synchronization

/// SQL whose prepared statement a connection caches by identity rather than by text.
///
/// ``DatabaseConnection/cachedStatement(_:)-(String)`` finds a statement by hashing its SQL,
/// which for a long query costs more than running it. Keep a `CachedSQL` for each hot query —
/// a `static let` — and the lookup is an array index instead: each `CachedSQL` gets a slot
/// number of its own when it is made. (Making them on the fly works too, but the first 1,024 get
/// array slots in every connection; later ones are found by hashing the slot number.)
///
/// ```swift
/// static let noteByID = CachedSQL("SELECT id, body FROM notes WHERE id = ?")
/// let note = try db.fetchOne(Self.noteByID, [.integer(42)]) { try $0.text(1) }
/// ```
public final class CachedSQL: Sendable, CustomStringConvertible {
    /// The SQL text: exactly one statement.
    public let text: String

    /// Where every connection caches this SQL's statement: a number no other `CachedSQL` of
    /// the process has, so the lookup indexes an array instead of hashing.
    let slot: Int

    /// The next free slot. Slots are never reused, so a cached statement cannot be found
    /// under another SQL's slot.
    private static let nextSlot = Atomic<Int>(0)

    /// Wraps SQL text.
    public init(_ text: String) {
        self.text = text
        slot = Self.nextSlot.wrappingAdd(1, ordering: .relaxed).oldValue
    }

    /// The SQL text.
    public var description: String { text }
}

extension DatabaseConnection {
    /// Returns the cached prepared statement for `sql`, preparing it the first time. As
    /// ``cachedStatement(_:)-(String)``, but found by the identity of `sql`, not its text.
    public func cachedStatement(_ sql: CachedSQL) throws -> Statement {
        let statement = try reusableStatement(sql)
        statement.clearBindings()
        return statement
    }

    /// Every row of a query, decoded, with the statement cached by identity.
    public func fetchAll<T>(_ sql: CachedSQL, _ arguments: StatementArguments = [], _ decode: (Row) throws -> T) throws -> [T] {
        let statement = try reusableStatement(sql)
        try statement.bind(arguments)
        return try statement.fetchAll(decode)
    }

    /// The first row of a query, decoded, or `nil`, with the statement cached by identity.
    public func fetchOne<T>(_ sql: CachedSQL, _ arguments: StatementArguments = [], _ decode: (Row) throws -> T) throws -> T? {
        let statement = try reusableStatement(sql)
        try statement.bind(arguments)
        return try statement.fetchOne(decode)
    }

    /// The first row of a query with one parameter, decoded, or `nil`: ``fetchOne(_:_:_:)-(CachedSQL,_,_)``
    /// without building an argument list, for lookups by key.
    ///
    /// - throws: ``DatabaseError`` (`SQLITE_RANGE`) when the statement does not have exactly one
    ///   parameter.
    package func fetchOne<T>(_ sql: CachedSQL, binding value: SQLValue, _ decode: (Row) throws -> T) throws -> T? {
        let statement = try reusableStatement(sql)
        guard statement.parameterCount == 1 else {
            throw DatabaseError(.range, message: "1 argument for \(statement.parameterCount) parameters", sql: sql.text)
        }
        try statement.bind(value, at: 1)
        return try statement.fetchOne(decode)
    }

    /// Runs one statement with arguments to its end, with the statement cached by identity.
    public func execute(_ sql: CachedSQL, _ arguments: StatementArguments) throws {
        let statement = try reusableStatement(sql)
        try statement.bind(arguments)
        try statement.run()
    }

    /// The cached statement, reset but with its old bindings: for callers that bind every
    /// parameter next (``Statement/bind(_:)-(StatementArguments)`` refuses to leave one out),
    /// which makes clearing them first wasted work on every lookup.
    private func reusableStatement(_ sql: CachedSQL) throws -> Statement {
        if isRecordingTablesRead { return try Statement(connection: self, sql: sql.text, persistent: false) }
        if let statement = keyedStatementCache[sql.slot] {
            // Still being stepped by an outer fetch: the inner one gets a statement of its own.
            guard !statement.isInUse else { return try Statement(connection: self, sql: sql.text, persistent: false) }
            statement.reset()
            return statement
        }
        let statement = try Statement(connection: self, sql: sql.text, persistent: true)
        keyedStatementCache[sql.slot] = statement
        return statement
    }
}
