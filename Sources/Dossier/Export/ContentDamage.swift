internal import DossierDB

/// Damage no field of an export can carry: rows whose parent is gone (written with foreign
/// keys off), records of no known kind, typed rows of a record of another kind, two
/// identifiers of one scheme. An export lists it under `damage`, which an import refuses, and
/// the curation checks report each as an error: a database with such damage does not survive a
/// round trip, and says so.
struct ContentDamage: Hashable {
    /// The table holding the damaged row.
    var table: String
    /// The row: its slug when it has one, else its rowid.
    var key: String
    /// What is wrong.
    var problem: String

    /// The damage as an export lists it.
    var json: JSONValue { .object(fields) }

    /// The fields of ``json``.
    var fields: JSONObject {
        JSONObject([("table", .string(table)), ("key", .string(key)), ("problem", .string(problem))])
    }

    /// Every piece of damage in the database.
    static func find(in db: LibraryConnection) throws -> [ContentDamage] {
        var damage: [ContentDamage]
        do {
            // search_index_pending is derived data, not content: a row left there (its row 0,
            // inserted with foreign keys off) stops the index following edits, which the
            // curation checks report as a warning, but the content exports whole, and an import
            // of it rebuilds the index.
            damage = try db.connection.foreignKeyCheck().filter { $0.table != "search_index_pending" }.map { violation in
                ContentDamage(
                    table: violation.table, key: violation.rowID.map { "row \($0)" } ?? "a row",
                    problem: "references a missing row of \(violation.referencedTable)")
            }
        } catch let error as DatabaseError where error.message.hasPrefix("foreign key mismatch") {
            // A parent table lost the key its children reference (rebuilt by another tool):
            // SQLite cannot check the references at all.
            damage = [
                ContentDamage(
                    table: "schema", key: "foreign keys",
                    problem:
                        "references a missing row: SQLite cannot check foreign keys (\(error.message)); a table lost its key, see the schema drift findings"
                )
            ]
        }
        let kinds = RecordKind.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        damage += try db.fetchAll("SELECT slug, kind FROM records WHERE kind NOT IN (\(kinds)) ORDER BY slug") { row in
            ContentDamage(table: "records", key: try row.text(0), problem: "has kind \"\(try row.text(1))\", which is no record kind")
        }
        for (table, kind) in [
            (HistoricalEventColumn.table, HistoricalEventColumn.recordKind), (MechanismColumn.table, MechanismColumn.recordKind),
            (ClinicalClaimColumn.table, ClinicalClaimColumn.recordKind),
        ] {
            damage += try db.fetchAll(
                "SELECT r.slug, r.kind FROM \(table) s JOIN records r ON r.id = s.record_id WHERE r.kind <> ? ORDER BY r.slug",
                [.text(kind.rawValue)]
            ) { row in
                ContentDamage(
                    table: table, key: try row.text(0),
                    problem: "holds typed fields of a \(kind.rawValue) for a record of kind \(try row.text(1))")
            }
        }
        damage += try db.fetchAll(
            """
            SELECT e.slug, i.scheme FROM entity_identifiers i JOIN entities e ON e.id = i.entity_id
            GROUP BY i.entity_id, i.scheme HAVING count(*) > 1 ORDER BY e.slug, i.scheme
            """
        ) { row in
            ContentDamage(
                table: "entity_identifiers", key: try row.text(0),
                problem: "has several \(try row.text(1)) identifiers; an entity has one per scheme")
        }
        return damage
    }
}
