internal import DossierDB

extension ContentReader {
    /// Every audited change of the record that has, or had, this slug — its row, its typed
    /// fields, its entity links, its citations and the relations it is the subject of — oldest
    /// first. Works after the record was deleted.
    func history(ofRecord slug: String) throws -> [AuditEntry] {
        try db.fetchAll(
            """
            SELECT id, at, table_name, operation, old_values, new_values FROM audit_log
            WHERE record_id IN (
              SELECT record_id FROM audit_log
              WHERE table_name = 'records'
                AND (json_extract(new_values, '$.slug') = ?1 OR json_extract(old_values, '$.slug') = ?1))
            ORDER BY id
            """, [.text(slug)]
        ) { row in
            AuditEntry(
                id: try row.int64(0), at: try row.timestamp(1, table: "audit_log", column: "at"), table: try row.text(2),
                operation: try AuditEntry.Operation.decode(row, 3, table: "audit_log", column: "operation"),
                oldValues: try row.optionalText(4), newValues: try row.optionalText(5))
        }
    }
}
