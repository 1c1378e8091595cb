/// A row that breaks a foreign key, as `PRAGMA foreign_key_check` reports it.
public struct ForeignKeyViolation: Sendable, Hashable, CustomStringConvertible {
    /// The table holding the referencing row.
    public var table: String
    /// The rowid of the referencing row (`nil` for a WITHOUT ROWID table).
    public var rowID: Int64?
    /// The table the row should reference.
    public var referencedTable: String
    /// The index of the foreign key in `PRAGMA foreign_key_list(table)`.
    public var foreignKeyIndex: Int

    /// "citations row 12 references a missing row of sources".
    public var description: String {
        "\(table) row \(rowID.map(String.init) ?? "?") references a missing row of \(referencedTable)"
    }
}

/// Integrity checks.
///
/// Related SQLite documentation: <https://www.sqlite.org/pragma.html#pragma_integrity_check>,
/// <https://www.sqlite.org/pragma.html#pragma_foreign_key_check>
extension DatabaseConnection {
    /// `PRAGMA integrity_check`: the problems SQLite finds in the file; empty when it is sound.
    public func integrityCheck() throws -> [String] {
        let lines = try internalFetchAll("PRAGMA integrity_check") { try $0.text(0) }
        return lines == ["ok"] ? [] : lines
    }

    /// `PRAGMA foreign_key_check`: the rows whose foreign keys point nowhere; empty when none.
    public func foreignKeyCheck() throws -> [ForeignKeyViolation] {
        try internalFetchAll("PRAGMA foreign_key_check") { row in
            ForeignKeyViolation(
                table: try row.text(0), rowID: try row.optionalInt64(1),
                referencedTable: try row.text(2), foreignKeyIndex: try row.int(3))
        }
    }
}
