internal import CDossierSQLite

/// A SQLite result code, primary or extended.
///
/// The low eight bits of an extended code are its primary code, so
/// `ResultCode.constraintForeignKey.primary == .constraint`.
///
/// Related SQLite documentation: <https://www.sqlite.org/rescode.html>
public struct ResultCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The numeric code, as returned by the SQLite C API.
    public let rawValue: Int32

    /// Creates a result code from its numeric value.
    public init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    /// The primary code: the low eight bits of an extended code.
    public var primary: ResultCode {
        ResultCode(rawValue: rawValue & 0xFF)
    }

    /// SQLite's English description of the code, e.g. "constraint failed".
    public var description: String {
        String(cString: sqlite3_errstr(rawValue))
    }

    /// `SQLITE_OK`: success.
    public static let ok = ResultCode(rawValue: 0)
    /// `SQLITE_ERROR`: a generic error, often an SQL syntax error or a missing table.
    public static let error = ResultCode(rawValue: 1)
    /// `SQLITE_INTERNAL`: an internal malfunction of SQLite.
    public static let `internal` = ResultCode(rawValue: 2)
    /// `SQLITE_PERM`: the requested access mode cannot be provided.
    public static let permission = ResultCode(rawValue: 3)
    /// `SQLITE_ABORT`: an operation was aborted, e.g. by `RAISE(ABORT, …)` in a trigger.
    public static let abort = ResultCode(rawValue: 4)
    /// `SQLITE_BUSY`: another connection holds a conflicting lock.
    public static let busy = ResultCode(rawValue: 5)
    /// `SQLITE_LOCKED`: a conflict within the same connection or shared cache.
    public static let locked = ResultCode(rawValue: 6)
    /// `SQLITE_NOMEM`: SQLite could not allocate memory.
    public static let noMemory = ResultCode(rawValue: 7)
    /// `SQLITE_READONLY`: a write was attempted on a read-only connection or file.
    public static let readOnly = ResultCode(rawValue: 8)
    /// `SQLITE_INTERRUPT`: the operation was interrupted (`sqlite3_interrupt` or a progress handler).
    public static let interrupt = ResultCode(rawValue: 9)
    /// `SQLITE_IOERR`: the operating system reported an I/O error.
    public static let ioError = ResultCode(rawValue: 10)
    /// `SQLITE_CORRUPT`: the database file is malformed.
    public static let corrupt = ResultCode(rawValue: 11)
    /// `SQLITE_FULL`: the disk is full, or `max_page_count` was reached.
    public static let full = ResultCode(rawValue: 13)
    /// `SQLITE_CANTOPEN`: the file could not be opened.
    public static let cannotOpen = ResultCode(rawValue: 14)
    /// `SQLITE_SCHEMA`: the schema changed while a statement ran.
    public static let schema = ResultCode(rawValue: 17)
    /// `SQLITE_TOOBIG`: a string or blob exceeds SQLite's length limit.
    public static let tooBig = ResultCode(rawValue: 18)
    /// `SQLITE_CONSTRAINT`: a constraint (CHECK, UNIQUE, FOREIGN KEY, NOT NULL, trigger) was violated.
    public static let constraint = ResultCode(rawValue: 19)
    /// `SQLITE_MISMATCH`: a datatype mismatch, e.g. a STRICT column given the wrong type.
    public static let mismatch = ResultCode(rawValue: 20)
    /// `SQLITE_MISUSE`: the library was used incorrectly.
    public static let misuse = ResultCode(rawValue: 21)
    /// `SQLITE_AUTH`: the authorizer denied the statement.
    public static let authorization = ResultCode(rawValue: 23)
    /// `SQLITE_RANGE`: a parameter or column index is out of range.
    public static let range = ResultCode(rawValue: 25)
    /// `SQLITE_NOTADB`: the file is not a SQLite database.
    public static let notADatabase = ResultCode(rawValue: 26)

    /// `SQLITE_CONSTRAINT_CHECK`: a CHECK constraint failed.
    public static let constraintCheck = ResultCode(rawValue: 275)
    /// `SQLITE_CONSTRAINT_FOREIGNKEY`: a foreign key constraint failed.
    public static let constraintForeignKey = ResultCode(rawValue: 787)
    /// `SQLITE_CONSTRAINT_NOTNULL`: a NOT NULL constraint failed.
    public static let constraintNotNull = ResultCode(rawValue: 1299)
    /// `SQLITE_CONSTRAINT_PRIMARYKEY`: a PRIMARY KEY constraint failed.
    public static let constraintPrimaryKey = ResultCode(rawValue: 1555)
    /// `SQLITE_CONSTRAINT_TRIGGER`: a trigger raised an error.
    public static let constraintTrigger = ResultCode(rawValue: 1811)
    /// `SQLITE_CONSTRAINT_UNIQUE`: a UNIQUE constraint failed.
    public static let constraintUnique = ResultCode(rawValue: 2067)
    /// `SQLITE_CONSTRAINT_DATATYPE`: a STRICT table column was given a value of the wrong type.
    public static let constraintDatatype = ResultCode(rawValue: 3091)
}
