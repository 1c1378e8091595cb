/// An error reported by SQLite, or by DossierDB when it is used in a way SQLite would reject.
///
/// It carries the primary and extended result codes, SQLite's own message, and the SQL that
/// failed, so that a log line tells what failed and where:
///
/// ```
/// SQLite error 19 (constraint failed, extended 787): FOREIGN KEY constraint failed
///   while executing: DELETE FROM sources WHERE id = ?
/// ```
///
/// Related SQLite documentation: <https://www.sqlite.org/rescode.html>
public struct DatabaseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The extended result code (`SQLITE_CONSTRAINT_FOREIGNKEY`, `SQLITE_BUSY_RECOVERY`…).
    /// Connections are opened with `SQLITE_OPEN_EXRESCODE`, so SQLite reports these directly.
    public let extendedResultCode: ResultCode

    /// The message: SQLite's `sqlite3_errmsg()`, or DossierDB's explanation of a misuse.
    public let message: String

    /// The SQL being prepared or executed when the error occurred, when there was one.
    public let sql: String?

    /// Creates an error.
    public init(_ code: ResultCode, message: String, sql: String? = nil) {
        self.extendedResultCode = code
        self.message = message
        self.sql = sql
    }

    /// The primary result code (`SQLITE_CONSTRAINT`, `SQLITE_BUSY`…).
    public var resultCode: ResultCode { extendedResultCode.primary }

    /// The error is `SQLITE_BUSY`: another connection held a lock for longer than the busy timeout.
    public var isBusy: Bool { resultCode == .busy }

    /// The error is `SQLITE_LOCKED`: a conflict inside one connection.
    public var isLocked: Bool { resultCode == .locked }

    /// A constraint (CHECK, UNIQUE, FOREIGN KEY, NOT NULL, or a trigger's `RAISE`) rejected the change.
    ///
    /// A trigger that calls `RAISE(ABORT, …)` reports `SQLITE_CONSTRAINT_TRIGGER`.
    public var isConstraintViolation: Bool { resultCode == .constraint }

    /// A UNIQUE or PRIMARY KEY constraint rejected the change, or a trigger that guards a key
    /// did (one whose `RAISE` message starts "UNIQUE constraint failed", as SQLite's own does:
    /// such triggers refuse `INSERT OR REPLACE`, which would otherwise delete the row in the way
    /// without firing its delete triggers).
    public var isUniqueViolation: Bool {
        extendedResultCode == .constraintUnique || extendedResultCode == .constraintPrimaryKey
            || (extendedResultCode == .constraintTrigger && message.hasPrefix("UNIQUE constraint failed"))
    }

    /// A foreign key constraint rejected the change.
    public var isForeignKeyViolation: Bool { extendedResultCode == .constraintForeignKey }

    /// The statement was interrupted, by `sqlite3_interrupt` or by a deadline.
    public var isInterrupted: Bool { resultCode == .interrupt }

    /// The statement tried to write where writing is not allowed: a read-only connection, file or
    /// `PRAGMA query_only`, or an authorizer that denied it.
    public var isReadOnlyViolation: Bool { resultCode == .readOnly || resultCode == .authorization }

    /// The file is damaged or is not a SQLite database at all.
    public var isCorruption: Bool { resultCode == .corrupt || resultCode == .notADatabase }

    /// `SQLITE_FULL`: the disk is full or the database reached `max_page_count`.
    public var isFull: Bool { resultCode == .full }

    /// One line for people: codes, message, and the SQL on a second line when there is one.
    public var description: String {
        var text = "SQLite error \(resultCode.rawValue) (\(resultCode)"
        if extendedResultCode != resultCode {
            text += ", extended \(extendedResultCode.rawValue)"
        }
        text += "): \(message)"
        if let sql {
            text += "\n  while executing: \(Self.abbreviated(sql))"
        }
        return text
    }

    /// SQL shortened for messages: whitespace folded, at most 300 characters.
    package static func abbreviated(_ sql: String) -> String {
        let folded = sql.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" })
            .joined(separator: " ")
        return folded.count > 300 ? String(folded.prefix(297)) + "…" : folded
    }
}
