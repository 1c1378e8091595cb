import DossierDB
import Foundation
import Testing

@Suite("Read-only connections for ad-hoc SQL")
struct ReadOnlyConnectionTests {
    /// A database with one table, and its bytes, to prove a refused statement changed nothing.
    private func makeDatabase(_ directory: TemporaryDirectory) throws -> (path: String, bytes: Data) {
        let path = directory.file("adhoc.sqlite")
        do {
            let db = try DatabaseConnection(path: path)
            try db.execute(
                """
                CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT NOT NULL) STRICT;
                CREATE INDEX notes_body ON notes(body);
                INSERT INTO notes(body) VALUES ('one'), ('two'), ('three');
                PRAGMA wal_checkpoint(TRUNCATE);
                """)
        }
        return (path, try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    static let writes: [String] = [
        "INSERT INTO notes(body) VALUES ('x')",
        "UPDATE notes SET body = 'x'",
        "DELETE FROM notes",
        "WITH x AS (SELECT 1) DELETE FROM notes",
        "WITH x AS (SELECT 1) INSERT INTO notes(body) SELECT 'y' FROM x",
        "DROP TABLE notes",
        "CREATE TABLE other(x)",
        "CREATE TEMP TABLE scratch(x)",
        "CREATE TEMP TRIGGER t AFTER INSERT ON notes BEGIN SELECT 1; END",
        "CREATE TEMP VIEW v AS SELECT 1",
        "ALTER TABLE notes ADD COLUMN extra TEXT",
        "UPDATE sqlite_master SET sql = 'x' WHERE name = 'notes'",
        "PRAGMA journal_mode = DELETE",
        "PRAGMA writable_schema = 1",
        "PRAGMA query_only = 0",
        "PRAGMA user_version = 7",
        "PRAGMA foreign_keys = OFF",
        "PRAGMA wal_checkpoint",
        "PRAGMA optimize",
        "ATTACH ':memory:' AS other",
        "ATTACH 'elsewhere.sqlite' AS other",
        "DETACH main",
        "VACUUM",
        "VACUUM INTO 'copy.sqlite'",
        "REINDEX",
        "ANALYZE",
        "BEGIN",
        "BEGIN IMMEDIATE",
        "SAVEPOINT s",
        "SELECT load_extension('libc.so.6')",
        "SELECT 1; DELETE FROM notes",
        "DELETE FROM notes; SELECT 1",
    ]

    @Test("every kind of write is refused and the file is unchanged", arguments: writes)
    func refusesWrites(sql: String) throws {
        let directory = try TemporaryDirectory()
        let (path, bytes) = try makeDatabase(directory)
        let connection = try ReadOnlyConnection(path: path)
        let error = try #require(throws: DatabaseError.self) {
            try connection.execute(sql) { _ in }
        }
        // SQLite itself refuses a schema-table UPDATE at prepare time ("may not be modified"),
        // before the read-only checks see it.
        #expect(error.isReadOnlyViolation || sql.contains("sqlite_master"), "\(sql): \(error)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
        #expect(!FileManager.default.fileExists(atPath: directory.file("copy.sqlite")))
        #expect(!FileManager.default.fileExists(atPath: directory.file("elsewhere.sqlite")))
        // The connection still works, and the data is intact.
        var count = 0
        try connection.execute("SELECT count(*) FROM notes") { count = try $0.int(0) }
        #expect(count == 3)
    }

    @Test("reads work: queries, reading pragmas, table-valued pragmas, recursive CTEs, parameters")
    func allowsReads() throws {
        let directory = try TemporaryDirectory()
        let (path, _) = try makeDatabase(directory)
        let connection = try ReadOnlyConnection(path: path)
        var bodies: [String] = []
        let summary = try connection.execute("SELECT body FROM notes WHERE id >= :first ORDER BY id", arguments: ["first": 2]) {
            bodies.append(try $0.text(0))
        }
        #expect(bodies == ["three", "two"].reversed())
        #expect(summary.columnNames == ["body"] && summary.rowCount == 2 && !summary.isTruncated)
        // (`PRAGMA journal_mode` is refused even without an argument: SQLite does not report it as
        // read-only. The table-valued form reads it.)
        for sql in [
            "PRAGMA table_info(notes)", "SELECT * FROM pragma_journal_mode", "PRAGMA user_version", "PRAGMA integrity_check",
            "SELECT * FROM pragma_table_info('notes')",
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5) SELECT i FROM n",
        ] {
            try connection.execute(sql) { _ in }
        }
    }

    @Test("the row limit cuts the output and says so")
    func maxRows() throws {
        let directory = try TemporaryDirectory()
        let (path, _) = try makeDatabase(directory)
        let connection = try ReadOnlyConnection(path: path)
        var seen = 0
        let summary = try connection.execute("SELECT * FROM notes", maxRows: 2) { _ in seen += 1 }
        #expect(seen == 2 && summary.rowCount == 2 && summary.isTruncated)
    }

    @Test("a query that never ends is stopped at its deadline")
    func deadline() throws {
        let directory = try TemporaryDirectory()
        let (path, _) = try makeDatabase(directory)
        let connection = try ReadOnlyConnection(path: path)
        let error = try #require(throws: DatabaseError.self) {
            try connection.execute(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n",
                timeout: .milliseconds(200)
            ) { _ in }
        }
        #expect(error.isInterrupted)
        #expect(error.message.contains("ran longer than"))
        // The deadline applies to that query only.
        try connection.execute("SELECT 1") { _ in }
    }

    @Test("a missing file is an error and is not created")
    func missingFile() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("typo.sqlite")
        #expect(throws: DatabaseError.self) { try ReadOnlyConnection(path: path) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test("syntax errors and empty queries are reported, not run")
    func malformed() throws {
        let directory = try TemporaryDirectory()
        let (path, _) = try makeDatabase(directory)
        let connection = try ReadOnlyConnection(path: path)
        #expect(throws: DatabaseError.self) { try connection.execute("SELEC 1") { _ in } }
        #expect(throws: DatabaseError.self) { try connection.execute("  -- nothing") { _ in } }
        #expect(throws: DatabaseError.self) { try connection.execute("SELECT 1; SELECT 2") { _ in } }
        #expect(throws: DatabaseError.self) { try connection.execute("SELECT 1\u{0}; DELETE FROM notes") { _ in } }
    }
}
