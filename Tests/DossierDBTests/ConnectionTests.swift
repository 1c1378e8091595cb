import DossierDB
import Foundation
import Testing

@Suite("Opening connections")
struct ConnectionTests {
    @Test("a new connection applies the documented defaults")
    func defaults() throws {
        let directory = try TemporaryDirectory()
        let db = try DatabaseConnection(path: directory.file("defaults.sqlite"))
        #expect(try db.fetchOne("PRAGMA foreign_keys") { try $0.int(0) } == 1)
        #expect(try db.fetchOne("PRAGMA journal_mode") { try $0.text(0) } == "wal")
        #expect(try db.fetchOne("PRAGMA synchronous") { try $0.int(0) } == 1)  // NORMAL
        #expect(try db.fetchOne("PRAGMA trusted_schema") { try $0.int(0) } == 0)
        // Defensive mode forbids editing the schema table, even with writable_schema on.
        try db.execute("CREATE TABLE t(x INTEGER) STRICT; PRAGMA writable_schema = ON")
        #expect(throws: DatabaseError.self) { try db.execute("UPDATE sqlite_schema SET sql = 'x' WHERE name = 't'") }
        // Double-quoted strings are identifiers, never string literals.
        #expect(throws: DatabaseError.self) { try db.execute("SELECT \"no such column\"") }
    }

    @Test("a garbage file is refused at open with a message naming the path")
    func garbageFile() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("garbage.sqlite")
        try Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }).write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: DatabaseError.self) { try DatabaseConnection(path: path) }
        #expect(error.resultCode == .notADatabase)
        #expect(error.isCorruption)
        #expect(error.message.contains(path))
        #expect(error.message.contains("not a SQLite database"))
    }

    @Test("a folder is refused with advice, and nothing is created")
    func folder() throws {
        let directory = try TemporaryDirectory()
        let error = try #require(throws: DatabaseError.self) { try DatabaseConnection(path: directory.path) }
        #expect(error.resultCode == .cannotOpen)
        #expect(error.message.contains(directory.path))
    }

    @Test("a read-only open of a missing file fails and creates nothing")
    func readOnlyMissing() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("missing.sqlite")
        var configuration = Configuration()
        configuration.accessMode = .readOnly
        #expect(throws: DatabaseError.self) { try DatabaseConnection(path: path, configuration: configuration) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test("read-write without create refuses a missing file")
    func noCreate() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("missing.sqlite")
        var configuration = Configuration()
        configuration.accessMode = .readWrite(createIfMissing: false)
        let error = try #require(throws: DatabaseError.self) { try DatabaseConnection(path: path, configuration: configuration) }
        #expect(error.resultCode == .cannotOpen)
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test("a read-only connection refuses writes inside SQLite")
    func readOnlyConfiguration() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("ro.sqlite")
        try DatabaseConnection(path: path).execute("CREATE TABLE t(x INTEGER) STRICT")
        var configuration = Configuration()
        configuration.accessMode = .readOnly
        let db = try DatabaseConnection(path: path, configuration: configuration)
        let error = try #require(throws: DatabaseError.self) { try db.execute("INSERT INTO t VALUES (1)") }
        #expect(error.isReadOnlyViolation)
    }

    @Test("script errors name the statement and its line")
    func scriptErrorLocation() throws {
        let db = try DatabaseConnection.inMemory()
        let script = """
            -- a comment
            CREATE TABLE a(x INTEGER) STRICT;

            CREATE TABLE b(y INTEGR) STRICT;
            CREATE TABLE c(z);
            """
        let error = try #require(throws: DatabaseError.self) { try db.execute(script) }
        #expect(error.message.contains("line 4"))
        #expect(error.sql == "CREATE TABLE b(y INTEGR) STRICT;")
        #expect(try db.tableExists("a"))
        #expect(try !db.tableExists("c"))
    }

    @Test("schema introspection lists tables, columns and foreign keys")
    func introspection() throws {
        let db = try DatabaseConnection.inMemory()
        try db.execute(
            """
            CREATE TABLE parent(id INTEGER PRIMARY KEY, name TEXT NOT NULL) STRICT;
            CREATE TABLE child(id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent(id) ON DELETE CASCADE) STRICT;
            CREATE VIEW names AS SELECT name FROM parent;
            """)
        #expect(try db.tableNames() == ["child", "parent"])
        #expect(try db.tableExists("names"))
        let columns = try db.columns(of: "parent")
        #expect(columns.map(\.name) == ["id", "name"])
        #expect(columns[1].isNotNull && columns[1].declaredType == "TEXT")
        #expect(columns[0].primaryKeyPosition == 1)
        let keys = try db.foreignKeys(of: "child")
        #expect(keys.count == 1 && keys[0].destinationTable == "parent" && keys[0].onDelete == "CASCADE")
        #expect(throws: DatabaseError.self) { try db.columns(of: "nope") }
        #expect(try db.schemaObjects().contains { $0.type == "view" && $0.name == "names" })
    }
}
