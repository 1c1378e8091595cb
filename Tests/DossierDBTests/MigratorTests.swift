import DossierDB
import Foundation
import Testing

@Suite("The migrator")
struct MigratorTests {
    let parentsAndChildren: [Migration]

    init() throws {
        parentsAndChildren = [
            try Migration(fileName: "0001_parents.sql", sql: "CREATE TABLE parents(id INTEGER PRIMARY KEY, name TEXT NOT NULL) STRICT;"),
            try Migration(
                fileName: "0002_children.sql",
                sql: """
                    CREATE TABLE children(
                      id INTEGER PRIMARY KEY,
                      parent_id INTEGER NOT NULL REFERENCES parents(id) ON DELETE CASCADE
                    ) STRICT;
                    """),
        ]
    }

    private func schemaSQL(_ db: DatabaseConnection) throws -> [String] {
        try db.fetchAll("SELECT coalesce(sql, name) FROM sqlite_schema ORDER BY name") { try $0.text(0) }
    }

    @Test("a fresh database gets every migration, each recorded in the ledger")
    func freshDatabase() throws {
        let db = try DatabaseConnection.inMemory()
        let migrator = try Migrator(migrations: parentsAndChildren)
        let report = try migrator.migrate(db)
        #expect(report.applied.map(\.version) == [1, 2])
        #expect(report.currentVersion == 2)
        let status = try migrator.status(db)
        #expect(status.isUpToDate)
        #expect(status.applied.map(\.name) == ["parents", "children"])
        #expect(status.applied.allSatisfy { $0.checksum.count == 64 })
        // The ledger's times read as dates: now, give or take the test's own run.
        #expect(status.applied.allSatisfy { $0.appliedAt.map { abs($0.timeIntervalSinceNow) < 600 } ?? false })
        #expect(try db.tableExists("children"))
    }

    @Test("running it again changes nothing")
    func idempotent() throws {
        let db = try DatabaseConnection.inMemory()
        let migrator = try Migrator(migrations: parentsAndChildren)
        try migrator.migrate(db)
        let before = try db.fetchAll("SELECT * FROM schema_migrations") { try $0.values() }
        let report = try migrator.migrate(db)
        #expect(report.applied.isEmpty)
        #expect(try db.fetchAll("SELECT * FROM schema_migrations") { try $0.values() } == before)
    }

    @Test("--to stops at a version; going back is refused")
    func target() throws {
        let db = try DatabaseConnection.inMemory()
        let migrator = try Migrator(migrations: parentsAndChildren)
        #expect(try migrator.migrate(db, upTo: 1).applied.map(\.version) == [1])
        #expect(try migrator.status(db).pending.map(\.version) == [2])
        #expect(throws: MigrationError.unknownTarget(9)) { try migrator.migrate(db, upTo: 9) }
        try migrator.migrate(db)
        #expect(throws: MigrationError.targetBelowCurrent(target: 1, current: 2)) { try migrator.migrate(db, upTo: 1) }
    }

    @Test("a migration that fails halfway leaves the schema and the ledger as they were")
    func failureRollsBack() throws {
        let db = try DatabaseConnection.inMemory()
        let failing = try Migration(
            fileName: "0003_broken.sql",
            sql: """
                CREATE TABLE halfway(x INTEGER) STRICT;
                INSERT INTO parents(name) VALUES ('kept only if committed');
                INSERT INTO nowhere VALUES (1);
                """)
        let migrator = try Migrator(migrations: parentsAndChildren + [failing])
        try migrator.migrate(db, upTo: 2)
        let schemaBefore = try schemaSQL(db)
        let error = try #require(throws: MigrationError.self) { try migrator.migrate(db) }
        guard case .failed(let file, let underlying) = error else {
            Issue.record("expected .failed, got \(error)")
            return
        }
        #expect(file == "0003_broken.sql")
        #expect(underlying.message.contains("no such table: nowhere"))
        #expect(error.description.contains("0003_broken.sql"))
        #expect(try schemaSQL(db) == schemaBefore)
        #expect(try migrator.status(db).applied.map(\.version) == [1, 2])
        #expect(try db.fetchOne("SELECT count(*) FROM parents") { try $0.int(0) } == 0)
        #expect(!db.isInsideTransaction)
    }

    @Test("an applied migration whose text changed is refused, naming the file")
    func editedMigration() throws {
        let db = try DatabaseConnection.inMemory()
        try Migrator(migrations: parentsAndChildren).migrate(db)
        let edited = try Migration(
            fileName: "0001_parents.sql",
            sql: "CREATE TABLE parents(id INTEGER PRIMARY KEY, name TEXT NOT NULL, extra TEXT) STRICT;")
        let migrator = try Migrator(migrations: [edited, parentsAndChildren[1]])
        let error = try #require(throws: MigrationError.self) { try migrator.migrate(db) }
        guard case .modified(let file, _, _) = error else {
            Issue.record("expected .modified, got \(error)")
            return
        }
        #expect(file == "0001_parents.sql")
        #expect(try !migrator.verify(db).isSound)
    }

    @Test("line endings and trailing whitespace are not edits")
    func normalisation() throws {
        let original = try Migration(fileName: "0001_a.sql", sql: "CREATE TABLE a(x);\nSELECT 1;\n")
        let crlf = try Migration(fileName: "0001_a.sql", sql: "CREATE TABLE a(x);  \r\nSELECT 1;\t\r\n\r\n")
        let bom = try Migration(fileName: "0001_a.sql", sql: "\u{FEFF}CREATE TABLE a(x);\nSELECT 1;")
        let changed = try Migration(fileName: "0001_a.sql", sql: "CREATE TABLE a(y);\nSELECT 1;\n")
        #expect(original.checksum == crlf.checksum)
        #expect(original.checksum == bom.checksum)
        #expect(original.checksum != changed.checksum)
    }

    @Test("a database carrying migrations this build does not know is refused")
    func newerDatabase() throws {
        let db = try DatabaseConnection.inMemory()
        let newer = try Migration(fileName: "0003_future.sql", sql: "CREATE TABLE future(x INTEGER) STRICT;")
        try Migrator(migrations: parentsAndChildren + [newer]).migrate(db)
        let older = try Migrator(migrations: parentsAndChildren)
        let error = try #require(throws: MigrationError.self) { try older.migrate(db) }
        #expect(error == .unknownMigrations(versions: [3], names: ["future"]))
        #expect(error.description.contains("newer"))
        #expect(try older.status(db).unknown.map(\.version) == [3])
    }

    @Test("a table rebuild under foreign keys deletes no child rows")
    func tableRebuildKeepsChildren() throws {
        let db = try DatabaseConnection.inMemory()
        let migrator = try Migrator(migrations: parentsAndChildren)
        try migrator.migrate(db)
        try db.execute(
            """
            INSERT INTO parents(id, name) VALUES (1, 'a'), (2, 'b');
            INSERT INTO children(parent_id) VALUES (1), (1), (2);
            """)
        // The twelve-step rebuild: with foreign keys on, DROP TABLE parents would cascade.
        let rebuild = try Migration(
            fileName: "0003_rebuild_parents.sql",
            sql: """
                CREATE TABLE parents_new(id INTEGER PRIMARY KEY, name TEXT NOT NULL, born TEXT) STRICT;
                INSERT INTO parents_new(id, name) SELECT id, name FROM parents;
                DROP TABLE parents;
                ALTER TABLE parents_new RENAME TO parents;
                """)
        try Migrator(migrations: parentsAndChildren + [rebuild]).migrate(db)
        #expect(try db.fetchOne("SELECT count(*) FROM children") { try $0.int(0) } == 3)
        #expect(try db.foreignKeyCheck().isEmpty)
        #expect(try db.fetchOne("PRAGMA foreign_keys") { try $0.int(0) } == 1)
    }

    @Test("the schema drift check replays a parent's rebuild as migrate ran it, with foreign keys off")
    func rebuildReplaysForDrift() throws {
        let db = try DatabaseConnection.inMemory()
        // A child whose delete trigger uses a function the untrusted replay database refuses in a
        // trigger: with foreign keys on, dropping the parent compiles the cascade and that trigger.
        let audited = try Migration(
            fileName: "0003_audit.sql",
            sql: """
                CREATE TABLE log(entry TEXT) STRICT;
                CREATE TRIGGER children_deleted AFTER DELETE ON children
                BEGIN INSERT INTO log(entry) VALUES (json_object('id', OLD.id)); END;
                """)
        let rebuild = try Migration(
            fileName: "0004_rebuild_parents.sql",
            sql: """
                CREATE TABLE parents_new(id INTEGER PRIMARY KEY, name TEXT NOT NULL, born TEXT) STRICT;
                INSERT INTO parents_new(id, name) SELECT id, name FROM parents;
                DROP TABLE parents;
                ALTER TABLE parents_new RENAME TO parents;
                """)
        let migrator = try Migrator(migrations: parentsAndChildren + [audited, rebuild])
        try migrator.migrate(db)
        let verification = try migrator.verify(db)
        #expect(verification.isSound, "\(verification.problems)")
        #expect(verification.schemaDrift.isEmpty, "\(verification.schemaDrift)")
    }

    @Test("a migration that leaves dangling foreign keys is rolled back")
    func foreignKeyCheckBeforeCommit() throws {
        let db = try DatabaseConnection.inMemory()
        try Migrator(migrations: parentsAndChildren).migrate(db)
        let dangling = try Migration(fileName: "0003_orphan.sql", sql: "INSERT INTO children(parent_id) VALUES (99);")
        let error = try #require(throws: MigrationError.self) {
            try Migrator(migrations: parentsAndChildren + [dangling]).migrate(db)
        }
        guard case .foreignKeyViolations(let file, let violations) = error else {
            Issue.record("expected .foreignKeyViolations, got \(error)")
            return
        }
        #expect(file == "0003_orphan.sql" && violations.count == 1)
        #expect(try db.fetchOne("SELECT count(*) FROM children") { try $0.int(0) } == 0)
    }

    @Test("a dry run validates and reports, and changes nothing")
    func dryRun() throws {
        let db = try DatabaseConnection.inMemory()
        let migrator = try Migrator(migrations: parentsAndChildren)
        let report = try migrator.migrate(db, dryRun: true)
        #expect(report.isDryRun && report.applied.count == 2)
        #expect(try db.tableNames().isEmpty)
    }

    @Test("a non-empty database is backed up before migrating")
    func backup() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("backed-up.sqlite")
        let db = try DatabaseConnection(path: path)
        try Migrator(migrations: [parentsAndChildren[0]]).migrate(db)
        try db.execute("INSERT INTO parents(name) VALUES ('precious')")
        let report = try Migrator(migrations: parentsAndChildren).migrate(db)
        let backupPath = try #require(report.backupPath)
        #expect(backupPath.hasPrefix(path + ".pre-v2-"))
        let copy = try DatabaseConnection(path: backupPath)
        #expect(try copy.fetchOne("SELECT name FROM parents") { try $0.text(0) } == "precious")
        #expect(try copy.tableExists("children") == false)
        // A fresh, empty database needs no backup.
        let fresh = try DatabaseConnection(path: directory.file("fresh.sqlite"))
        #expect(try Migrator(migrations: parentsAndChildren).migrate(fresh).backupPath == nil)
    }

    @Test("the ledger is append-only")
    func ledgerAppendOnly() throws {
        let db = try DatabaseConnection.inMemory()
        try Migrator(migrations: parentsAndChildren).migrate(db)
        #expect(throws: DatabaseError.self) { try db.execute("DELETE FROM schema_migrations") }
        #expect(throws: DatabaseError.self) { try db.execute("UPDATE schema_migrations SET checksum = checksum") }
    }

    @Test("the ledger table is the program's to name; two ledgers live side by side in one file")
    func namedLedgers() throws {
        let db = try DatabaseConnection.inMemory()
        let notes = try Migrator(migrations: parentsAndChildren, ledgerTable: "notes_migrations")
        try notes.migrate(db)
        #expect(try db.tableExists("notes_migrations"))
        #expect(try !db.tableExists("schema_migrations"))
        let other = try Migrator(migrations: [try Migration(fileName: "0001_other.sql", sql: "CREATE TABLE other(x INTEGER) STRICT;")])
        #expect(try other.migrate(db).applied.count == 1)
        #expect(try notes.status(db).isUpToDate && other.status(db).isUpToDate)
        for name in ["", "1ledger", "ledger; DROP TABLE x", "lédger", String(repeating: "x", count: 65)] {
            #expect(throws: MigrationError.invalidLedgerTable(name)) { try Migrator(migrations: [], ledgerTable: name) }
        }
    }

    @Test("bad file names and duplicate versions are refused with the file named")
    func invalidMigrations() throws {
        for name in ["schema.sql", "0001-schema.sql", "x001_schema.sql", "0001_.sql", "0000_zero.sql", "0001_schema.txt"] {
            let error = try #require(throws: MigrationError.self) { try Migration(fileName: name, sql: "") }
            #expect(error.description.contains(name))
        }
        let a = try Migration(fileName: "0001_a.sql", sql: "")
        let b = try Migration(fileName: "001_b.sql", sql: "")
        #expect(throws: MigrationError.duplicateVersion(1, files: ["0001_a.sql", "001_b.sql"])) {
            try Migrator(migrations: [a, b])
        }
    }
}
