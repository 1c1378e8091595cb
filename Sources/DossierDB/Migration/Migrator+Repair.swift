/// Restoring a drifted schema to the one the applied migrations create.
///
/// Tools that rewrite a table (`sqlite-utils transform`, a GUI's "modify table") drop its
/// triggers and indexes and may lose its CHECK constraints and `STRICT`; a hand-typed
/// `DROP TRIGGER` removes a rule outright. Repair recreates every missing or altered index,
/// view and trigger from the migrations' own SQL, drops triggers no migration created on the
/// migrations' tables, and rebuilds an altered table when it still has exactly the columns its
/// migration gave it (SQLite's documented way to change a table: create the right one, copy the
/// rows, drop the old, rename). A missing table, or one whose columns changed, is refused: its
/// data cannot be restored from the migrations.
///
/// Related SQLite documentation: <https://www.sqlite.org/lang_altertable.html#otheralter>
extension Migrator {
    /// Recreates what drifted. One transaction, after a backup; the schema is compared again
    /// before the commit, and anything left over rolls it all back.
    ///
    /// - parameters:
    ///   - db: the connection, outside any transaction.
    ///   - backup: where to copy the file first (skipped when nothing drifted).
    /// - returns: what was recreated, rebuilt and dropped, and where the backup is.
    /// - throws: ``MigrationError/repairImpossible(problems:)`` naming the tables it cannot
    ///   restore, or the refusals of ``migrate(_:upTo:dryRun:backup:)`` (edited or unknown
    ///   migrations); nothing changes then.
    @discardableResult
    public func repair(_ db: DatabaseConnection, backup: BackupPolicy = .besideDatabase) throws -> SchemaRepair {
        if db.isInsideTransaction {
            throw MigrationError.repairImpossible(problems: ["repair was called inside a transaction; call it outside any"])
        }
        let status = try status(db)
        if let refusal = status.refusal { throw refusal }
        let plan = try repairPlan(db, applied: status.applied)
        guard !plan.isEmpty else { return SchemaRepair() }
        if !plan.impossible.isEmpty { throw MigrationError.repairImpossible(problems: plan.impossible) }

        let backupPath = try backUp(db, label: "pre-repair", policy: backup)
        try withForeignKeysOff(db) {
            // Renaming a rebuilt table must not rewrite the other objects that name it.
            try db.execute("PRAGMA legacy_alter_table = ON")
            defer { try? db.execute("PRAGMA legacy_alter_table = OFF") }
            try db.transaction(.immediate) {
                for name in plan.dropped { try db.execute("DROP TRIGGER IF EXISTS \(quoted(name))") }
                for object in plan.recreated where object.type != "table" {
                    try db.execute("DROP \(object.type.uppercased()) IF EXISTS \(quoted(object.name))")
                }
                for table in plan.rebuilt { try rebuild(table, in: db) }
                let present = Set(try Self.schemaObjects(db).map(\.name))
                for type in ["index", "view", "trigger"] {
                    for object in plan.expected where object.type == type && !present.contains(object.name) {
                        try db.execute(object.sql)
                    }
                }
                let left = try schemaDrift(of: db, applied: status.applied).problems
                guard left.isEmpty else { throw MigrationError.repairImpossible(problems: left) }
                let violations = try db.foreignKeyCheck()
                guard violations.isEmpty else {
                    throw MigrationError.repairImpossible(problems: violations.prefix(3).map { "foreign_key_check: \($0)" })
                }
            }
        }
        return SchemaRepair(
            recreated: plan.recreated.filter { $0.type != "table" }.map { "\($0.type) \($0.name)" },
            rebuiltTables: plan.rebuilt.map(\.name),
            droppedTriggers: plan.dropped,
            backupPath: backupPath)
    }

    private struct RepairPlan {
        var expected: [SchemaObject] = []
        var recreated: [SchemaObject] = []
        var rebuilt: [SchemaObject] = []
        var dropped: [String] = []
        var impossible: [String] = []
        var isEmpty: Bool { recreated.isEmpty && rebuilt.isEmpty && dropped.isEmpty && impossible.isEmpty }
    }

    private func repairPlan(_ db: DatabaseConnection, applied: [AppliedMigration]) throws -> RepairPlan {
        let reference = try referenceSchema(versions: Set(applied.map(\.version)))
        let actual = Dictionary(try Self.schemaObjects(db).map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var plan = RepairPlan()
        plan.expected = reference.objects.values.sorted { $0.name < $1.name }
        let managedTables = Set(plan.expected.filter { $0.type == "table" }.map(\.name))
        for want in plan.expected {
            let have = actual[want.name]
            if let have, have.type == want.type, have.sql == want.sql { continue }
            guard want.type == "table" else {
                plan.recreated.append(want)
                continue
            }
            guard let have, have.type == "table" else {
                plan.impossible.append("the table \(want.name) is missing; its rows cannot be recreated from the migrations")
                continue
            }
            // Virtual tables (FTS5) and their shadow tables are created by SQLite, not rebuilt here.
            let wantColumns = try columnNames(ofTableCreatedBy: want.sql, named: want.name)
            let haveColumns = try db.internalFetchAll("SELECT name FROM pragma_table_info(?)", [.text(have.name)]) { try $0.text(0) }
            if want.sql.uppercased().hasPrefix("CREATE VIRTUAL TABLE") || wantColumns != haveColumns {
                plan.impossible.append(
                    "the table \(want.name) has the columns (\(haveColumns.joined(separator: ", "))) where its migration gives (\(wantColumns.joined(separator: ", "))); it cannot be rebuilt without losing or inventing data"
                )
            } else {
                plan.rebuilt.append(want)
            }
        }
        for object in actual.values.sorted(by: { $0.name < $1.name })
        where reference.objects[object.name] == nil && object.type == "trigger" && managedTables.contains(object.table) {
            plan.dropped.append(object.name)
        }
        return plan
    }

    /// The columns a `CREATE TABLE` statement declares, read by running it in a scratch database.
    private func columnNames(ofTableCreatedBy sql: String, named name: String) throws -> [String] {
        let scratch = try DatabaseConnection(path: ":memory:")
        try scratch.execute("PRAGMA foreign_keys = OFF")
        try scratch.execute(sql)
        return try scratch.internalFetchAll("SELECT name FROM pragma_table_info(?)", [.text(name)]) { try $0.text(0) }
    }

    /// Moves the old table aside, creates the table exactly as its migration does (so that
    /// `sqlite_schema` holds the migration's text), copies the rows back (the table's CHECK
    /// constraints judge each one) and drops the old one. With `legacy_alter_table` on and
    /// foreign keys off, moving it aside rewrites no other object that names it.
    private func rebuild(_ table: SchemaObject, in db: DatabaseConnection) throws {
        let scratchName = "\(table.name)__dossier_repair"
        try db.execute("ALTER TABLE \(quoted(table.name)) RENAME TO \(quoted(scratchName))")
        try db.execute(table.sql)
        let columns = try columnNames(ofTableCreatedBy: table.sql, named: table.name).map(quoted).joined(separator: ", ")
        do {
            try db.execute("INSERT INTO \(quoted(table.name))(\(columns)) SELECT \(columns) FROM \(quoted(scratchName))")
        } catch let error as DatabaseError {
            throw MigrationError.repairImpossible(problems: [
                "rows of \(table.name) break the rules its migration gives the table (\(error.message)); correct them, then repair again"
            ])
        }
        try db.execute("DROP TABLE \(quoted(scratchName))")
    }

    private func quoted(_ name: String) -> String {
        "\"" + name.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}

/// What ``Migrator/repair(_:backup:)`` did.
public struct SchemaRepair: Sendable, Hashable {
    /// Indexes, views and triggers recreated from the migrations, as `type name`.
    public var recreated: [String] = []
    /// Tables rebuilt with the definition their migration gives.
    public var rebuiltTables: [String] = []
    /// Triggers no migration created, dropped from the migrations' tables.
    public var droppedTriggers: [String] = []
    /// The copy taken before repairing; `nil` when nothing needed repair.
    public var backupPath: String?

    /// Whether the schema was already sound.
    public var isEmpty: Bool { recreated.isEmpty && rebuiltTables.isEmpty && droppedTriggers.isEmpty }
}
