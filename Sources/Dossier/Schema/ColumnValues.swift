internal import DossierDB

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
}
