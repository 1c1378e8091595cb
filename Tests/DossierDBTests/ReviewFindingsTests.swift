import Dispatch
import DossierDB
import DossierTestSupport
import Foundation
import Synchronization
import Testing

/// Defects found reviewing the pool, its async overloads and DatabaseObservation (commit 3dc265c).
/// Each test fails (or hits its time limit) on the reviewed code.
@Suite("Review findings: pool and observation")
struct ReviewFindingsTests {
    private static func makePool(_ directory: TemporaryDirectory, _ configuration: Configuration = Configuration()) throws
        -> DatabasePool
    {
        let pool = try DatabasePool(path: directory.file("review.sqlite"), configuration: configuration)
        try pool.write { db in
            try db.execute(
                """
                CREATE TABLE t(id INTEGER PRIMARY KEY, x INTEGER NOT NULL) STRICT;
                CREATE TABLE w(k TEXT PRIMARY KEY, v INTEGER NOT NULL) STRICT, WITHOUT ROWID;
                """)
        }
        return pool
    }

    private static func pool(inMemory: Bool, _ directory: TemporaryDirectory) throws -> DatabasePool {
        guard inMemory else { return try makePool(directory) }
        let pool = try DatabasePool.inMemory()
        try pool.write { db in
            try db.execute(
                """
                CREATE TABLE t(id INTEGER PRIMARY KEY, x INTEGER NOT NULL) STRICT;
                CREATE TABLE w(k TEXT PRIMARY KEY, v INTEGER NOT NULL) STRICT, WITHOUT ROWID;
                """)
        }
        return pool
    }

    private static func count(_ table: String) -> @Sendable (DatabaseConnection) throws -> Int {
        { db in try db.fetchOne("SELECT count(*) FROM \(table)") { try $0.int(0) } ?? -1 }
    }

    /// `DELETE FROM t` without WHERE runs as SQLite's truncate optimization, which does not call
    /// the update hook: the commit is reported with no table and the observation never fetches.
    @Test(
        "an observed table emptied by DELETE without WHERE yields the new value", .hangGuard,
        arguments: [false, true])
    func deleteWithoutWhere(inMemory: Bool) async throws {
        let directory = try TemporaryDirectory()
        let pool = try Self.pool(inMemory: inMemory, directory)
        try await pool.write { db in try db.execute("INSERT INTO t(x) VALUES (1), (2)") }
        var values = pool.observe(Self.count("t")).makeAsyncIterator()
        #expect(try await values.next() == 2)
        try await pool.write { db in try db.execute("DELETE FROM t") }
        #expect(try await values.next() == 0)
    }

    /// The update hook does not fire for WITHOUT ROWID tables (Dossier's entity_aliases,
    /// entity_identifiers and record_entities are such tables).
    @Test(
        "an observed WITHOUT ROWID table yields the new value after an insert", .hangGuard,
        arguments: [false, true])
    func withoutRowid(inMemory: Bool) async throws {
        let directory = try TemporaryDirectory()
        let pool = try Self.pool(inMemory: inMemory, directory)
        var values = pool.observe(Self.count("w")).makeAsyncIterator()
        #expect(try await values.next() == 0)
        try await pool.write { db in try db.execute("INSERT INTO w(k, v) VALUES ('a', 1)") }
        #expect(try await values.next() == 1)
    }

    /// A commit made while the first fetch runs (after its snapshot, before its region is known)
    /// is judged against the empty region and dropped: the observation stays on the old value.
    @Test("a commit during the first fetch is not lost", .hangGuard)
    func commitDuringFirstFetch() async throws {
        let directory = try TemporaryDirectory()
        let pool = try Self.makePool(directory)
        let entered = DispatchSemaphore(value: 0)
        let proceed = DispatchSemaphore(value: 0)
        let calls = Atomic<Int>(0)
        var values = pool.observe { db in
            let value = try Self.count("t")(db)
            if calls.add(1, ordering: .relaxed).newValue == 1 {
                entered.signal()
                proceed.wait()
            }
            return value
        }.makeAsyncIterator()
        try await onDedicatedThread { entered.wait() }
        // The fetch has read its snapshot (count 0) and is paused; commit on the writer.
        try await pool.write { db in try db.execute("INSERT INTO t(x) VALUES (1)") }
        proceed.signal()
        // The first fetch yields 0; the fetch the commit calls for yields 1. A consumer that asks
        // after both finished sees only 1 (values coalesce), so 0 is optional; 1 must come.
        var value = try await values.next()
        if value == 0 { value = try await values.next() }
        #expect(value == 1)
    }

    /// `releaseReaders()` locks every reader slot with a non-recursive mutex: called inside a
    /// read it locks the slot its own thread holds and never returns (a misuse that hangs).
    @Test("releaseReaders inside a read returns or throws instead of deadlocking", .hangGuard)
    func releaseReadersInsideRead() async throws {
        let directory = try TemporaryDirectory()
        let pool = try Self.makePool(directory)
        try await onDedicatedThread {
            _ = try? pool.read { _ in pool.releaseReaders() }
        }
    }

    /// Readers and the observation connection run with trusted_schema off even when the pool's
    /// configuration turns it on (as ContentDatabase does): a view over an FTS5 table then reads
    /// on the writer (and so on an in-memory pool) but fails on a file pool's readers and in an
    /// observation with "unsafe use of virtual table".
    @Test("a view over FTS5 or using json_extract reads the same on file and in memory, in read and in observe", arguments: [false, true])
    func viewOverFTS5(inMemory: Bool) async throws {
        let directory = try TemporaryDirectory()
        var configuration = Configuration()
        configuration.trustedSchema = true
        let pool =
            inMemory
            ? try DatabasePool.inMemory(configuration: configuration)
            : try DatabasePool(path: directory.file("fts.sqlite"), configuration: configuration)
        try await pool.write { db in
            try db.execute(
                """
                CREATE VIRTUAL TABLE docs USING fts5(body);
                CREATE VIEW doc_hits AS SELECT rowid AS id, body FROM docs WHERE docs MATCH 'zebra';
                INSERT INTO docs(body) VALUES ('a zebra'), ('a horse');
                CREATE TABLE events(payload TEXT NOT NULL) STRICT;
                CREATE VIEW event_kinds AS SELECT json_extract(payload, '$.kind') AS kind FROM events;
                INSERT INTO events(payload) VALUES ('{"kind":"insert"}');
                """)
        }
        let kinds: @Sendable (DatabaseConnection) throws -> [String] = { db in
            try db.fetchAll("SELECT kind FROM event_kinds") { try $0.text(0) }
        }
        #expect(try await pool.write(kinds) == ["insert"])
        await #expect(throws: Never.self) { _ = try await pool.read(kinds) }
        var kindValues = pool.observe(kinds).makeAsyncIterator()
        await #expect(throws: Never.self) { _ = try await kindValues.next() }
        let countHits: @Sendable (DatabaseConnection) throws -> Int = { db in
            try db.fetchOne("SELECT count(*) FROM doc_hits") { try $0.int(0) } ?? -1
        }
        #expect(try await pool.write(countHits) == 1)
        await #expect(throws: Never.self) { _ = try await pool.read(countHits) }
        var values = pool.observe(countHits).makeAsyncIterator()
        await #expect(throws: Never.self) { _ = try await values.next() }
    }
}
