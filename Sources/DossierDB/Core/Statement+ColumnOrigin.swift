internal import CDossierSQLite

/// The table column a result column reads, as SQLite traces it through views and subqueries.
///
/// Related SQLite documentation: <https://www.sqlite.org/c3ref/column_database_name.html>
public struct ColumnOrigin: Sendable, Hashable {
    /// The table's name, as the schema spells it.
    public var table: String
    /// The column's name in that table.
    public var column: String

    /// An origin.
    public init(table: String, column: String) {
        self.table = table
        self.column = column
    }
}

extension Statement {
    /// The table column result column `index` reads directly, or `nil` for an expression, a
    /// function's result, a literal, or an index out of range.
    ///
    /// Needs SQLite built with `SQLITE_ENABLE_COLUMN_METADATA`, as Debian's and Apple's are.
    public func columnOrigin(at index: Int) -> ColumnOrigin? {
        guard index >= 0, index < columnCount,
            let table = sqlite3_column_table_name(handle, Int32(index)),
            let column = sqlite3_column_origin_name(handle, Int32(index))
        else { return nil }
        return ColumnOrigin(table: String(cString: table), column: String(cString: column))
    }

    /// The origin of every result column, in order (see ``columnOrigin(at:)``).
    public var columnOrigins: [ColumnOrigin?] {
        (0..<columnCount).map(columnOrigin(at:))
    }
}
