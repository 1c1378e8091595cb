internal import CDossierSQLite

/// The current row of a statement, read by column position.
///
/// A row is a view on its statement: read it before advancing the cursor. Reads are
/// positional (no column-name lookup, no `Codable`) because that is what makes decoding cheap.
/// Every read checks its index, so a decoder that reads past the last column gets an error,
/// not garbage or a crash; a non-optional read of `NULL` is an error too.
///
/// Related SQLite documentation: <https://www.sqlite.org/c3ref/column_blob.html>
public struct Row {
    /// The statement whose current row this is.
    public let statement: Statement

    /// The number of columns in the row, read once.
    public let count: Int

    /// The statement's handle, kept beside it so that each column read goes straight to SQLite.
    private let handle: OpaquePointer

    /// Creates a view on the current row of `statement`.
    init(statement: Statement) {
        self.statement = statement
        self.handle = statement.handle
        self.count = Int(sqlite3_data_count(statement.handle))
    }

    /// Whether the column holds `NULL`.
    public func isNull(_ index: Int) throws -> Bool {
        try checkIndex(index)
        return sqlite3_column_type(handle, Int32(index)) == SQLITE_NULL
    }

    /// An integer column.
    ///
    /// - throws: ``DatabaseError`` naming the column when it is `NULL`, or holds text, a blob or
    ///   a number with a fraction: a value of the wrong type is an error, never a silent 0.
    public func int64(_ index: Int) throws -> Int64 {
        try checkIndex(index)
        let type = sqlite3_column_type(handle, Int32(index))
        guard type == SQLITE_INTEGER else { return try convertedInteger(index, type: type) }
        return sqlite3_column_int64(handle, Int32(index))
    }

    /// An integer column as `Int`.
    public func int(_ index: Int) throws -> Int {
        Int(truncatingIfNeeded: try int64(index))
    }

    /// An integer column read as a Boolean: 0 is `false`, anything else `true`.
    public func bool(_ index: Int) throws -> Bool {
        try int64(index) != 0
    }

    /// A floating point column. An integer is converted; text and blobs are errors.
    public func double(_ index: Int) throws -> Double {
        try checkIndex(index)
        let type = sqlite3_column_type(handle, Int32(index))
        guard type == SQLITE_FLOAT || type == SQLITE_INTEGER else {
            throw type == SQLITE_NULL ? nullError(index, expected: "a number") : typeError(index, type: type, expected: "a number")
        }
        return sqlite3_column_double(handle, Int32(index))
    }

    /// A text column. Invalid UTF-8 in the database is repaired with U+FFFD, never trusted.
    public func text(_ index: Int) throws -> String {
        try checkIndex(index)
        // sqlite3_column_text is NULL exactly for SQL NULL (or out of memory): no type check needed.
        guard let text = sqlite3_column_text(handle, Int32(index)) else { throw nullError(index, expected: "text") }
        let byteCount = Int(sqlite3_column_bytes(handle, Int32(index)))
        return String(decoding: UnsafeBufferPointer(start: text, count: byteCount), as: UTF8.self)
    }

    /// Calls `body` with the UTF-8 bytes of a text column, without making a `String`: for
    /// decoders that match a column against a few known values. The bytes are valid only inside
    /// `body` and are not checked to be valid UTF-8.
    public func withUTF8<Result>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result) throws -> Result {
        try checkIndex(index)
        guard let text = sqlite3_column_text(handle, Int32(index)) else { throw nullError(index, expected: "text") }
        let byteCount = Int(sqlite3_column_bytes(handle, Int32(index)))
        return try body(UnsafeBufferPointer(start: text, count: byteCount))
    }

    /// A blob column (text is returned as its UTF-8 bytes).
    public func blob(_ index: Int) throws -> [UInt8] {
        try checkIndex(index)
        guard sqlite3_column_type(handle, Int32(index)) != SQLITE_NULL else { throw nullError(index, expected: "a blob") }
        return readBlob(index)
    }

    /// An optional integer column: `NULL` is `nil`; other types as ``int64(_:)``.
    public func optionalInt64(_ index: Int) throws -> Int64? {
        try isNull(index) ? nil : try int64(index)
    }

    /// An optional integer column as `Int`: `NULL` is `nil`.
    public func optionalInt(_ index: Int) throws -> Int? {
        try optionalInt64(index).map { Int(truncatingIfNeeded: $0) }
    }

    /// An optional floating point column: `NULL` is `nil`; other types as ``double(_:)``.
    public func optionalDouble(_ index: Int) throws -> Double? {
        try isNull(index) ? nil : try double(index)
    }

    /// An optional text column: `NULL` is `nil`.
    public func optionalText(_ index: Int) throws -> String? {
        try checkIndex(index)
        // The type first: most optional columns of a typical row are NULL, and for those one
        // call is enough.
        guard sqlite3_column_type(handle, Int32(index)) != SQLITE_NULL else { return nil }
        guard let text = sqlite3_column_text(handle, Int32(index)) else {
            throw DatabaseError(.noMemory, message: "out of memory reading column \(index)", sql: statement.sql)
        }
        let byteCount = Int(sqlite3_column_bytes(handle, Int32(index)))
        return String(decoding: UnsafeBufferPointer(start: text, count: byteCount), as: UTF8.self)
    }

    /// A column as a dynamically typed value, in its storage class.
    public func value(_ index: Int) throws -> SQLValue {
        try checkIndex(index)
        switch sqlite3_column_type(handle, Int32(index)) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(handle, Int32(index)))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(handle, Int32(index)))
        case SQLITE_TEXT: return .text(readText(index))
        case SQLITE_BLOB: return .blob(readBlob(index))
        default: return .null
        }
    }

    /// Every column as a dynamically typed value.
    public func values() throws -> [SQLValue] {
        try (0..<count).map { try value($0) }
    }

    /// The name of a column.
    public func columnName(_ index: Int) -> String {
        statement.columnName(at: index)
    }

    // MARK: - Reading

    /// Text of a column known not to be NULL (sqlite3_column_text before sqlite3_column_bytes:
    /// the documented safe order).
    private func readText(_ index: Int) -> String {
        guard let text = sqlite3_column_text(handle, Int32(index)) else { return "" }
        let byteCount = Int(sqlite3_column_bytes(handle, Int32(index)))
        return String(decoding: UnsafeBufferPointer(start: text, count: byteCount), as: UTF8.self)
    }

    private func readBlob(_ index: Int) -> [UInt8] {
        guard let bytes = sqlite3_column_blob(handle, Int32(index)) else { return [] }
        let byteCount = Int(sqlite3_column_bytes(handle, Int32(index)))
        return Array(UnsafeRawBufferPointer(start: bytes, count: byteCount))
    }

    /// An integer read from a column of another storage class: a REAL that is a whole number
    /// in range converts (expressions like `total()` return one); anything else is an error.
    private func convertedInteger(_ index: Int, type: Int32) throws -> Int64 {
        switch type {
        case SQLITE_NULL:
            throw nullError(index, expected: "an integer")
        case SQLITE_FLOAT:
            let value = sqlite3_column_double(handle, Int32(index))
            guard value.rounded() == value, let exact = Int64(exactly: value) else {
                throw DatabaseError(
                    .mismatch,
                    message: "column \(index) (\(columnName(index))) holds \(value), not an integer", sql: statement.sql)
            }
            return exact
        default:
            throw typeError(index, type: type, expected: "an integer")
        }
    }

    /// The error for a read of a column whose storage class cannot be converted.
    private func typeError(_ index: Int, type: Int32, expected: String) -> DatabaseError {
        let held = type == SQLITE_TEXT ? "text" : type == SQLITE_BLOB ? "a blob" : "a value of another type"
        return DatabaseError(
            .mismatch, message: "column \(index) (\(columnName(index))) holds \(held) where \(expected) was expected",
            sql: statement.sql)
    }

    private func checkIndex(_ index: Int) throws {
        guard index >= 0, index < count else { throw rangeError(index) }
    }

    private func rangeError(_ index: Int) -> DatabaseError {
        let reason =
            count == 0
            ? "no row is available (the statement is done or was never stepped)"
            : "column index \(index) is out of range 0..<\(count)"
        return DatabaseError(.range, message: reason, sql: statement.sql)
    }

    /// The error for a non-optional read of NULL — or of a row its statement has left behind.
    private func nullError(_ index: Int, expected: String) -> DatabaseError {
        if sqlite3_data_count(handle) == 0 {
            return DatabaseError(
                .range, message: "no row is available (the statement moved on or was reset)", sql: statement.sql)
        }
        return DatabaseError(
            .mismatch,
            message: "column \(index) (\(columnName(index))) is NULL where \(expected) was expected",
            sql: statement.sql)
    }
}
