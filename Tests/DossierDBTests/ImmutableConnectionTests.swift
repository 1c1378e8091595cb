import DossierDB
import Foundation
import Testing

/// Opening a database immutable (`file:…?immutable=1`), and the copies made to be opened that way.
@Suite("Immutable connections, journal-mode backups and bundles")
struct ImmutableConnectionTests {
    static var immutable: Configuration {
        var configuration = Configuration()
        configuration.accessMode = .immutable
        return configuration
    }

    /// A database at `path` holding one table of three rows, closed again; in WAL mode unless
    /// `journalMode` says otherwise.
    static func makeDatabase(at path: String, journalMode: Configuration.JournalMode = .wal) throws {
        var configuration = Configuration()
        configuration.journalMode = journalMode
        let db = try DatabaseConnection(path: path, configuration: configuration)
        try db.execute("CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT NOT NULL) STRICT")
        try db.execute("INSERT INTO notes(body) VALUES ('one'), ('two'), ('three')")
    }

    static func listing(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    /// Bytes 18 and 19 of the header: 2 in WAL mode, 1 otherwise.
    static func headerVersions(_ path: String) throws -> [UInt8] {
        let data = try #require(FileManager.default.contents(atPath: path))
        return Array(data[18...19])
    }

    @Test("a path is percent-encoded into the URI: ?, #, % and non-ASCII stay part of the name")
    func percentEncoding() {
        #expect(percentEncodedPath("/a b/c?d#e%f/é~x-y_z.sqlite") == "/a%20b/c%3Fd%23e%25f/%C3%A9~x-y_z.sqlite")
        #expect(immutableDatabaseURI(forPath: "/tmp/x?mode=rwc") == "file:///tmp/x%3Fmode%3Drwc?immutable=1")
        // Relative paths are made absolute first, so "file:x" is a file named so in the current folder.
        let current = FileManager.default.currentDirectoryPath
        #expect(absolutePath("file:x") == (current.hasSuffix("/") ? current : current + "/") + "file:x")
        #expect(absolutePath("/abs/file") == "/abs/file")
        #expect(parentFolder(of: "name") == "." && parentFolder(of: "/name") == "/" && parentFolder(of: "a/b/c") == "a/b")
    }

    @Test(
        "files with awkward names open immutable, and nothing is created beside them",
        arguments: ["plain.sqlite", "what?mode=rwc.sqlite", "hash#frag.sqlite", "100%25 done.sqlite", "résumé 📚.sqlite", "file:x.sqlite"])
    func awkwardNames(name: String) throws {
        let directory = try TemporaryDirectory()
        let path = directory.file(name)
        try Self.makeDatabase(at: path)
        #expect(try Self.headerVersions(path) == [2, 2])  // the header says WAL
        let before = Self.listing(directory.path)
        #expect(before == [name])
        let bytes = try #require(FileManager.default.contents(atPath: path))
        do {
            let db = try DatabaseConnection(path: path, configuration: Self.immutable)
            #expect(try db.fetchAll("SELECT body FROM notes ORDER BY id") { try $0.text(0) } == ["one", "two", "three"])
            #expect(Self.listing(directory.path) == before)
            let error = try #require(throws: DatabaseError.self) { try db.execute("INSERT INTO notes(body) VALUES ('four')") }
            #expect(error.isReadOnlyViolation)
        }
        #expect(Self.listing(directory.path) == before)
        #expect(FileManager.default.contents(atPath: path) == bytes)
    }

    @Test("a pool opened immutable reads through its readers and writer, refuses writes, and creates no file")
    func pool() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("pool.sqlite")
        try Self.makeDatabase(at: path)
        let before = Self.listing(directory.path)
        let pool = try DatabasePool(path: path, configuration: Self.immutable)
        let counts = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask { try await pool.read { db in try db.fetchOne("SELECT count(*) FROM notes") { try $0.int(0) } ?? 0 } }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(counts == Array(repeating: 3, count: 8))
        #expect(try await pool.writeWithoutTransaction { db in try db.fetchOne("SELECT count(*) FROM notes") { try $0.int(0) } } == 3)
        let error = try await #require(throws: DatabaseError.self) {
            try await pool.write { db in try db.execute("DELETE FROM notes") }
        }
        #expect(error.isReadOnlyViolation)
        #expect(Self.listing(directory.path) == before)
        #expect(try await pool.read { db in try db.fetchOne("SELECT count(*) FROM notes") { try $0.int(0) } } == 3)
    }

    @Test("an immutable open refuses a -wal that holds data, an in-memory database and a missing file")
    func refusals() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("live.sqlite")
        try Self.makeDatabase(at: path)
        try Data(repeating: 7, count: 100).write(to: URL(fileURLWithPath: path + "-wal"))
        let unseen = try #require(throws: DatabaseError.self) { try DatabaseConnection(path: path, configuration: Self.immutable) }
        #expect(unseen.message.contains("-wal holds 100 bytes") && unseen.message.contains("checkpoint"))
        // An empty -wal holds nothing to miss.
        try Data().write(to: URL(fileURLWithPath: path + "-wal"))
        _ = try DatabaseConnection(path: path, configuration: Self.immutable)
        #expect(throws: DatabaseError.self) { try DatabaseConnection.inMemory(configuration: Self.immutable) }
        let missing = try #require(throws: DatabaseError.self) {
            try DatabaseConnection(path: directory.file("missing.sqlite"), configuration: Self.immutable)
        }
        #expect(missing.message.contains("there is no file at"))
        #expect(!FileManager.default.fileExists(atPath: directory.file("missing.sqlite")))
    }

    @Test("backup(to:journalMode:) leaves the copy in the mode asked for; .delete opens without a -wal")
    func backupJournalMode() throws {
        let directory = try TemporaryDirectory()
        let source = try DatabaseConnection(path: directory.file("source.sqlite"))
        try source.execute("CREATE TABLE t(x INTEGER) STRICT; INSERT INTO t VALUES (1), (2)")
        try source.backup(to: directory.file("delete.sqlite"), journalMode: .delete)
        try source.backup(to: directory.file("wal.sqlite"))
        #expect(try Self.headerVersions(directory.file("delete.sqlite")) == [1, 1])
        #expect(try Self.headerVersions(directory.file("wal.sqlite")) == [2, 2])
        var readOnly = Configuration()
        readOnly.accessMode = .readOnly
        do {
            let copy = try DatabaseConnection(path: directory.file("delete.sqlite"), configuration: readOnly)
            #expect(try copy.fetchOne("PRAGMA journal_mode") { try $0.text(0) } == "delete")
            #expect(try copy.fetchOne("SELECT count(*) FROM t") { try $0.int(0) } == 2)
            #expect(!FileManager.default.fileExists(atPath: directory.file("delete.sqlite-wal")))
        }
        #expect(!Self.listing(directory.path).contains { $0.hasPrefix("delete.sqlite-") || $0.contains(".partial-") })
    }

    @Test("bundle(to:applicationID:userVersion:) writes a stamped, compact DELETE-journal file and never overwrites")
    func bundle() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("source.sqlite")
        try Self.makeDatabase(at: path)
        let source = try DatabaseConnection(path: path)
        try source.execute(
            "CREATE TABLE filler(x BLOB); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50) INSERT INTO filler SELECT randomblob(4000) FROM n"
        )
        try source.execute("DELETE FROM filler")
        let out = directory.file("out.sqlite")
        let bundle = try source.bundle(to: out, applicationID: 0x1234_5678, userVersion: 42)
        let bytes = try #require(FileManager.default.contents(atPath: out))
        #expect(bundle.path == out && bundle.byteCount == Int64(bytes.count))
        #expect(bundle.sha256 == SHA256.hexDigest(of: Array(bytes)))
        #expect(try Self.headerVersions(out) == [1, 1])
        let copy = try DatabaseConnection(path: out, configuration: Self.immutable)
        #expect(try copy.fetchOne("PRAGMA application_id") { try $0.int(0) } == 0x1234_5678)
        #expect(try copy.fetchOne("PRAGMA user_version") { try $0.int(0) } == 42)
        #expect(try copy.fetchOne("PRAGMA freelist_count") { try $0.int(0) } == 0)
        #expect(try copy.integrityCheck().isEmpty)
        #expect(try copy.fetchOne("SELECT count(*) FROM notes") { try $0.int(0) } == 3)
        #expect(Self.listing(directory.path).filter { $0.hasPrefix("out.sqlite") } == ["out.sqlite"])
        // An existing file is refused and left as it was.
        let error = try #require(throws: DatabaseError.self) { try source.bundle(to: out, applicationID: 1, userVersion: 1) }
        #expect(error.message.contains("already exists"))
        #expect(FileManager.default.contents(atPath: out) == bytes)
        // Inside a transaction, VACUUM INTO cannot run: refused before anything is written.
        try source.transaction { () throws -> Void in
            #expect(throws: DatabaseError.self) { try source.bundle(to: directory.file("in-tx.sqlite"), applicationID: 1, userVersion: 1) }
        }
        #expect(!Self.listing(directory.path).contains { $0.hasPrefix("in-tx") || $0.contains(".partial-") })
    }
}
