internal import DossierDB
internal import Foundation

/// The values of one row of a table, read by column: from the database (``RowValues``), or
/// from an object of a seed file or export (`SeedObjectValues`). A model is rebuilt from
/// either by the same code, so what a file can say and what a row can hold cannot drift.
///
/// A reference column reads as the slug of the row it references.
protocol ColumnValues<Column> {
    associatedtype Column: TableColumns

    /// A value the column must have.
    func text(_ column: Column) throws -> String
    /// A value the column may lack.
    func optionalText(_ column: Column) throws -> String?
    /// A whole number the column must have.
    func integer(_ column: Column) throws -> Int64
    /// A whole number the column may lack (a derived field a seed file leaves out).
    func optionalInteger(_ column: Column) throws -> Int64?
    /// A flag the column may lack (a derived field a seed file leaves out).
    func optionalFlag(_ column: Column) throws -> Bool?
    /// A vocabulary value the column must have.
    func vocabulary<Value: Vocabulary>(_ column: Column, _ type: Value.Type) throws -> Value
    /// A vocabulary value the column may lack.
    func optionalVocabulary<Value: Vocabulary>(_ column: Column, _ type: Value.Type) throws -> Value?
    /// A UTC timestamp the column may lack (files never give one). A text that is not a
    /// timestamp as the database writes it is an error naming the table and column.
    func optionalTimestamp(_ column: Column) throws -> Date?
}

extension ColumnValues {
    func optionalTimestamp(_ column: Column) throws -> Date? {
        guard let text = try optionalText(column) else { return nil }
        guard let date = DatabaseTimestamp.date(text) else {
            throw DatabaseError.notATimestamp(text, table: Column.table, column: column.name, sql: nil)
        }
        return date
    }
}

extension Row {
    /// An optional timestamp column of `table`, parsed from its bytes without making a `String`.
    /// Text that is not a timestamp as the database writes it is an error naming the table and
    /// column: the row cannot be read.
    func optionalTimestamp(_ index: Int, table: String, column: @autoclosure () -> String) throws -> Date? {
        guard try !isNull(index) else { return nil }
        guard let date = try withUTF8(index, DatabaseTimestamp.date(utf8:)) else {
            throw DatabaseError.notATimestamp(try text(index), table: table, column: column(), sql: statement.sql)
        }
        return date
    }

    /// A timestamp column of `table` that must not be `NULL`.
    func timestamp(_ index: Int, table: String, column: @autoclosure () -> String) throws -> Date {
        guard let date = try optionalTimestamp(index, table: table, column: column()) else {
            throw DatabaseError(.mismatch, message: "\(table).\(column()) is NULL where a timestamp was expected", sql: statement.sql)
        }
        return date
    }
}

extension DatabaseError {
    /// A stored timestamp that is not one: the same mismatch as text where a number belongs, so
    /// that lists skip the row as unreadable, with this reason.
    static func notATimestamp(_ text: String, table: String, column: String, sql: String?) -> DatabaseError {
        DatabaseError(
            .mismatch,
            message:
                "\(table).\(column) holds \"\(MessageText.escaped(text))\", which is not a UTC timestamp written YYYY-MM-DDTHH:MM:SS.SSSZ; it was written by hand",
            sql: sql)
    }
}

/// The columns of a row read from the database, at the positions the select list derived
/// from the declaration gives them (``TableColumns/selectList(alias:)``), from `base` on.
struct RowValues<Column: TableColumns>: ColumnValues {
    let row: Row
    /// Where the table's first column sits in the row.
    let base: Int

    func text(_ column: Column) throws -> String {
        try row.text(base + column.rawValue)
    }

    func optionalText(_ column: Column) throws -> String? {
        try row.optionalText(base + column.rawValue)
    }

    func integer(_ column: Column) throws -> Int64 {
        try row.int64(base + column.rawValue)
    }

    func optionalInteger(_ column: Column) throws -> Int64? {
        try row.optionalInt64(base + column.rawValue)
    }

    func optionalFlag(_ column: Column) throws -> Bool? {
        try row.optionalInt64(base + column.rawValue).map { $0 != 0 }
    }

    func vocabulary<Value: Vocabulary>(_ column: Column, _ type: Value.Type) throws -> Value {
        try Value.decode(row, base + column.rawValue, table: Column.table, column: column.name)
    }

    func optionalVocabulary<Value: Vocabulary>(_ column: Column, _ type: Value.Type) throws -> Value? {
        try Value.decodeIfPresent(row, base + column.rawValue, table: Column.table, column: column.name)
    }

    func optionalTimestamp(_ column: Column) throws -> Date? {
        try row.optionalTimestamp(base + column.rawValue, table: Column.table, column: column.name)
    }
}
