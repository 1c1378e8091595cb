/// Comparing a database's schema with the one its migrations create.
///
/// The ledger says which migrations ran; it cannot say that nobody dropped a trigger since. So
/// `verify` replays the applied migrations into an in-memory database and compares the two
/// `sqlite_schema` tables object by object: a missing or altered table, index, view or trigger
/// is drift. Objects the migrations never created are reported separately: a program may keep
/// tables of its own in the same file. A trigger the migrations never created *on a table they
/// did* is drift, though: it can undo what the schema's own triggers do (a `RAISE(IGNORE)`
/// before each audit row, say).
///
/// Related SQLite documentation: <https://www.sqlite.org/schematab.html>
extension Migrator {
    /// One object of a schema, as `sqlite_schema` describes it.
    package struct SchemaObject: Hashable, Sendable {
        package var type: String
        package var name: String
        /// The table an index or trigger belongs to (`tbl_name`); the object's own name otherwise.
        package var table: String
        package var sql: String
    }

    /// The differences between `db`'s schema and the one its applied migrations create.
    package struct SchemaDrift {
        /// Problems: objects missing or altered, one sentence each.
        package var problems: [String] = []
        /// Objects no migration created.
        package var extras: [String] = []
    }

    /// The schema a list of migrations creates, by object name, with the migration that created
    /// each: replayed once per process for each list, since every check and verify of a
    /// database at the same version asks for the same thing.
    struct ReferenceSchema: Sendable {
        var objects: [String: SchemaObject]
        var createdBy: [String: String]
    }

    private static let referenceSchemas = Lock<[String: ReferenceSchema]>([:])

    /// The schema the migrations with these versions create, replayed into an in-memory database.
    func referenceSchema(versions: Set<Int>) throws -> ReferenceSchema {
        let replayed = migrations.filter { versions.contains($0.version) }
        let key = ([ledgerTable] + replayed.map(\.checksum)).joined(separator: " ")
        if let cached = Self.referenceSchemas.withLock({ $0[key] }) { return cached }
        let reference = try DatabaseConnection(path: ":memory:")
        var createdBy: [String: String] = [:]
        for migration in replayed {
            // As ``migrate(_:upTo:dryRun:backup:)`` applies them: with foreign keys off, so that a
            // migration that rebuilds a parent table replays as it ran.
            try withForeignKeysOff(reference) {
                try reference.transaction(.immediate) {
                    try apply(migration, to: reference)
                }
            }
            for object in try Self.schemaObjects(reference) where createdBy[object.name] == nil {
                createdBy[object.name] = migration.fileName
            }
        }
        let schema = ReferenceSchema(
            objects: Dictionary(try Self.schemaObjects(reference).map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first }),
            createdBy: createdBy)
        Self.referenceSchemas.withLock { $0[key] = schema }
        return schema
    }

    /// Replays the migrations `db` has applied (known ones only) into an in-memory database and
    /// compares the schemas.
    package func schemaDrift(of db: DatabaseConnection, applied: [AppliedMigration]) throws -> SchemaDrift {
        let reference = try referenceSchema(versions: Set(applied.map(\.version)))
        let expected = reference.objects
        let actual = Dictionary(try Self.schemaObjects(db).map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var drift = SchemaDrift()
        for name in expected.keys.sorted() {
            guard let want = expected[name] else { continue }
            let origin = reference.createdBy[name].map { " (created by \($0))" } ?? ""
            guard let have = actual[name] else {
                drift.problems.append("the \(want.type) \(name)\(origin) is missing")
                continue
            }
            if have.type != want.type || have.sql != want.sql {
                drift.problems.append("the \(want.type) \(name)\(origin) differs from what its migration creates")
            }
        }
        let managedTables = Set(expected.values.filter { $0.type == "table" }.map(\.name))
        for name in actual.keys.sorted() where expected[name] == nil {
            guard let object = actual[name] else { continue }
            if object.type == "trigger", managedTables.contains(object.table) {
                drift.problems.append("the trigger \(name) on \(object.table) was created outside the migrations")
            } else {
                drift.extras.append("\(object.type) \(name)")
            }
        }
        return drift
    }

    /// Every named object with SQL (not SQLite's own, not automatic indexes).
    static func schemaObjects(_ db: DatabaseConnection) throws -> [SchemaObject] {
        try db.internalFetchAll(
            "SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"
        ) { row in SchemaObject(type: try row.text(0), name: try row.text(1), table: try row.text(2), sql: try row.text(3)) }
    }
}
