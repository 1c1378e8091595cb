/// A table, view, index or trigger, as `sqlite_schema` lists it.
public struct SchemaObject: Sendable, Hashable {
    /// `table`, `view`, `index` or `trigger`.
    public var type: String
    /// The object's name.
    public var name: String
    /// The table it belongs to (itself, for tables and views).
    public var tableName: String
    /// The SQL that created it (`nil` for automatic indexes).
    public var sql: String?
}

/// A column of a table, as `PRAGMA table_xinfo` describes it.
public struct ColumnInfo: Sendable, Hashable {
    /// The column's position, from 0.
    public var position: Int
    /// The column's name.
    public var name: String
    /// The declared type (`TEXT`, `INTEGER`…), empty when none was declared.
    public var declaredType: String
    /// Whether the column is `NOT NULL`.
    public var isNotNull: Bool
    /// The default value's SQL, if any.
    public var defaultValueSQL: String?
    /// The column's position in the primary key, from 1; 0 when it is not part of it.
    public var primaryKeyPosition: Int
}

/// A foreign key of a table, as `PRAGMA foreign_key_list` describes it.
public struct ForeignKeyInfo: Sendable, Hashable {
    /// The referencing column.
    public var column: String
    /// The referenced table.
    public var destinationTable: String
    /// The referenced column (`nil` when it is the primary key implicitly).
    public var destinationColumn: String?
    /// `ON DELETE` action: `CASCADE`, `RESTRICT`, `SET NULL`, `NO ACTION`…
    public var onDelete: String
}

/// Schema introspection.
///
/// Related SQLite documentation: <https://www.sqlite.org/schematab.html>,
/// <https://www.sqlite.org/pragma.html#pragma_table_info>
extension DatabaseConnection {
    /// Every table, view, index and trigger of the main database, SQLite's internal objects excluded.
    public func schemaObjects() throws -> [SchemaObject] {
        try internalFetchAll(
            """
            SELECT type, name, tbl_name, sql FROM sqlite_schema
            WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
            ORDER BY type, name
            """
        ) { row in
            SchemaObject(
                type: try row.text(0), name: try row.text(1), tableName: try row.text(2),
                sql: try row.optionalText(3))
        }
    }

    /// The names of the tables (not views) of the main database, in alphabetical order.
    public func tableNames() throws -> [String] {
        try internalFetchAll(
            """
            SELECT name FROM sqlite_schema
            WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
            ORDER BY name
            """
        ) { try $0.text(0) }
    }

    /// Whether a table or view with this name exists.
    public func tableExists(_ name: String) throws -> Bool {
        try internalFetchOne(
            "SELECT 1 FROM sqlite_schema WHERE type IN ('table', 'view') AND name = ?", [.text(name)]
        ) { _ in true } ?? false
    }

    /// The columns of a table or view, hidden and generated columns included.
    ///
    /// - throws: ``DatabaseError`` when there is no such table.
    public func columns(of table: String) throws -> [ColumnInfo] {
        let columns = try internalFetchAll("SELECT cid, name, type, \"notnull\", dflt_value, pk FROM pragma_table_xinfo(?)", [.text(table)])
        { row in
            ColumnInfo(
                position: try row.int(0), name: try row.text(1), declaredType: try row.text(2),
                isNotNull: try row.bool(3), defaultValueSQL: try row.optionalText(4),
                primaryKeyPosition: try row.int(5))
        }
        guard !columns.isEmpty else {
            throw DatabaseError(.error, message: "no such table: \(table)")
        }
        return columns
    }

    /// The foreign keys of a table.
    public func foreignKeys(of table: String) throws -> [ForeignKeyInfo] {
        try internalFetchAll("SELECT \"from\", \"table\", \"to\", on_delete FROM pragma_foreign_key_list(?)", [.text(table)]) { row in
            ForeignKeyInfo(
                column: try row.text(0), destinationTable: try row.text(1),
                destinationColumn: try row.optionalText(2), onDelete: try row.text(3))
        }
    }

    /// `PRAGMA user_version`.
    public func userVersion() throws -> Int {
        try internalFetchOne("PRAGMA user_version") { try $0.int(0) } ?? 0
    }

    /// The size of the database in bytes: `page_count × page_size`.
    public func databaseSize() throws -> Int64 {
        let pageCount = try internalFetchOne("PRAGMA page_count") { try $0.int64(0) } ?? 0
        let pageSize = try internalFetchOne("PRAGMA page_size") { try $0.int64(0) } ?? 0
        return pageCount * pageSize
    }
}
