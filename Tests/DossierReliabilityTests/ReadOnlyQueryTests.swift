import DossierTestSupport
import Foundation
import Testing

/// `dossier query` on the seeded dossier: a table of write attempts, each refused with exit
/// code 6 and the database file — and its folder — unchanged.
@Suite("Read-only guarantees of dossier query", .tags(.slow))
struct ReadOnlyQueryTests {
    static let writeAttempts = [
        // Plain DML, and DML hidden in CTEs, UPSERTs and RETURNING.
        "DELETE FROM records",
        "WITH doomed AS (SELECT id FROM records) DELETE FROM records WHERE id IN (SELECT id FROM doomed)",
        "WITH x AS (SELECT 1) UPDATE records SET title = 'x'",
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3) INSERT INTO entities(slug, kind, name) SELECT 'e' || i, 'substance', 'E' FROM n",
        "INSERT INTO entities(slug, kind, name) VALUES ('x', 'substance', 'X') ON CONFLICT DO NOTHING",
        "REPLACE INTO entities(slug, kind, name) VALUES ('ketamine', 'substance', 'K')",
        "UPDATE records SET title = title RETURNING id",
        "DELETE FROM audit_log",
        "INSERT INTO search_index(search_index) VALUES ('optimize')",
        "INSERT INTO search_index(search_index) VALUES ('delete-all')",
        // Schema changes, permanent and temporary.
        "CREATE TABLE t(x)",
        "CREATE TEMP TABLE t(x)",
        "CREATE TEMP TRIGGER t AFTER INSERT ON records BEGIN DELETE FROM records; END",
        "CREATE TEMP VIEW v AS SELECT 1",
        "CREATE INDEX i ON records(title)",
        "CREATE VIRTUAL TABLE v USING fts5(x)",
        "DROP TABLE records",
        "DROP TRIGGER citations_anchor_insert",
        "ALTER TABLE records ADD COLUMN x TEXT",
        "ALTER TABLE records RENAME TO r",
        "REINDEX",
        "ANALYZE",
        // Pragmas that write or loosen the guards.
        "PRAGMA writable_schema = 1",
        "PRAGMA user_version = 7",
        "PRAGMA application_id = 1",
        "PRAGMA schema_version = 1",
        "PRAGMA journal_mode = DELETE",
        "PRAGMA foreign_keys = OFF",
        "PRAGMA query_only = 0",
        "PRAGMA trusted_schema = 1",
        "PRAGMA wal_checkpoint(TRUNCATE)",
        "PRAGMA incremental_vacuum",
        "PRAGMA optimize",
        "PRAGMA locking_mode = EXCLUSIVE",
        "PRAGMA main.page_size = 1024",
        // Files: other databases, copies, extensions.
        "ATTACH 'other.sqlite' AS other",
        "ATTACH ':memory:' AS scratch",
        "DETACH main",
        "VACUUM",
        "VACUUM INTO 'copy.sqlite'",
        "SELECT load_extension('/usr/lib/x86_64-linux-gnu/libsqlite3.so.0')",
        // Transactions and several statements in one string.
        "BEGIN EXCLUSIVE",
        "SAVEPOINT s",
        "SELECT 1; DELETE FROM records",
        "SELECT count(*) FROM records; DROP TABLE records",
    ]

    @Test("45 write attempts through query: each refused with exit 6, the file and its folder unchanged")
    func writeAttemptsAreRefused() throws {
        #expect(Self.writeAttempts.count >= 30)
        let workspace = try Workspace.seeded()
        let before = workspace.contents("dossier.sqlite")
        let folderBefore = Files.names(in: workspace.path)
        var refused = 0
        for sql in Self.writeAttempts {
            let result = try workspace.dossier(arguments: ["query", sql])
            #expect(result.status == 6, "\(sql): exit \(result.status)\n\(result.stdout)\(result.stderr)")
            #expect(result.stderr.hasPrefix("dossier: "), "\(sql): \(result.stderr)")
            #expect(workspace.contents("dossier.sqlite") == before, "\(sql) changed the database")
            if result.status == 6 { refused += 1 }
        }
        // No copy, no attached file, no journal was left behind (an empty -wal or -shm of the
        // reader is allowed: SQLite manages those).
        let added = Set(Files.names(in: workspace.path)).subtracting(folderBefore).filter { !$0.hasSuffix("-wal") && !$0.hasSuffix("-shm") }
        #expect(added.isEmpty, "\(added)")
        // Reading still works after all that.
        let read = try workspace.dossier("query", "SELECT count(*) AS n FROM records", "--format", "csv")
        #expect(read.status == 0 && read.stdout.contains("16"), "\(read.stdout)\(read.stderr)")
        print("read-only: \(refused) of \(Self.writeAttempts.count) write attempts refused, file unchanged")
    }
}
