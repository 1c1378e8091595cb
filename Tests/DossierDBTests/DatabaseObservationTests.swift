import Dispatch
import DossierDB
import Foundation
import Synchronization
import Testing

@Suite("Observation: a read fetched again after each commit that touches its tables")
struct DatabaseObservationTests {
    private func makePool(_ directory: TemporaryDirectory) throws -> DatabasePool {
        let pool = try DatabasePool(path: directory.file("observed.sqlite"))
        try pool.write { db in
            try db.execute(
                """
                CREATE TABLE IF NOT EXISTS t(id INTEGER PRIMARY KEY, x INTEGER NOT NULL) STRICT;
                CREATE TABLE IF NOT EXISTS unrelated(id INTEGER PRIMARY KEY, y INTEGER NOT NULL) STRICT;
                """)
        }
        return pool
    }

    private static func countT(_ db: DatabaseConnection) throws -> Int {
        try db.fetchOne("SELECT count(*) FROM t") { try $0.int(0) } ?? -1
    }

    @Test("one value per relevant commit, none and no fetch for a commit to an unrelated table", arguments: [false, true])
    func inProcess(inMemory: Bool) async throws {
        let directory = try TemporaryDirectory()
        let pool = inMemory ? try DatabasePool.inMemory() : try makePool(directory)
        if inMemory {
            try await pool.write { db in
                try db.execute(
                    "CREATE TABLE t(id INTEGER PRIMARY KEY, x INTEGER NOT NULL) STRICT; CREATE TABLE unrelated(id INTEGER PRIMARY KEY, y INTEGER NOT NULL) STRICT;"
                )
            }
        }
        let fetches = Atomic<Int>(0)
        var values = pool.observe { db in
            fetches.add(1, ordering: .relaxed)
            return try Self.countT(db)
        }.makeAsyncIterator()
        #expect(try await values.next() == 0)
        for round in 1...3 {
            // The unrelated commit is judged as it commits: no fetch is scheduled for it.
            try await pool.write { db in try db.execute("INSERT INTO unrelated(y) VALUES (1)") }
            try await pool.write { db in try db.execute("INSERT INTO t(x) VALUES (?)", [.integer(Int64(round))]) }
            #expect(try await values.next() == round)
            #expect(fetches.load(ordering: .relaxed) == 1 + round)
        }
        // A transaction that rolls back changes nothing and fetches nothing; the next commit does.
        await #expect(throws: DatabaseError.self) {
            try await pool.write { db in
                try db.execute("INSERT INTO t(x) VALUES (9)")
                try db.execute("INSERT INTO t(x) VALUES (NULL)")
            }
        }
        try await pool.write { db in try db.execute("INSERT INTO t(x) VALUES (4)") }
        #expect(try await values.next() == 4)
        #expect(fetches.load(ordering: .relaxed) == 5)
    }

    @Test("a commit by another connection (a second pool, as another process would) is seen")
    func otherConnection() async throws {
        let directory = try TemporaryDirectory()
        let pool = try makePool(directory)
        let other = try DatabasePool(path: directory.file("observed.sqlite"))
        var values = pool.observe(Self.countT).makeAsyncIterator()
        #expect(try await values.next() == 0)
        try await other.write { db in try db.execute("INSERT INTO unrelated(y) VALUES (1)") }
        try await other.write { db in try db.execute("INSERT INTO t(x) VALUES (1)") }
        // The unrelated commit may fetch (another connection does not say which tables it
        // changed) but yields nothing: the value did not change.
        #expect(try await values.next() == 1)
        try await other.write { db in try db.execute("INSERT INTO t(x) VALUES (2)") }
        #expect(try await values.next() == 2)
    }

    @Test(
        "a commit by another process (the sqlite3 shell) is seen",
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3")))
    func otherProcess() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("observed.sqlite")
        let pool = try makePool(directory)
        var values = pool.observe(Self.countT).makeAsyncIterator()
        #expect(try await values.next() == 0)
        for round in 1...2 {
            let shell = Process()
            shell.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
            shell.arguments = [path, "PRAGMA busy_timeout=5000; INSERT INTO t(x) VALUES (\(round));"]
            try shell.run()
            shell.waitUntilExit()
            #expect(shell.terminationStatus == 0)
            #expect(try await values.next() == round)
        }
    }

    @Test("the region follows the read: a join observes both tables, and an FTS5 table through its shadow tables")
    func regionOfJoinsAndFTS() async throws {
        let pool = try DatabasePool.inMemory()
        try await pool.write { db in
            try db.execute(
                """
                CREATE TABLE a(id INTEGER PRIMARY KEY, v TEXT NOT NULL) STRICT;
                CREATE TABLE b(id INTEGER PRIMARY KEY, a_id INTEGER NOT NULL) STRICT;
                CREATE VIRTUAL TABLE f USING fts5(body);
                """)
        }
        var joined = pool.observe { db in
            try db.fetchOne("SELECT count(*) FROM a JOIN b ON b.a_id = a.id") { try $0.int(0) } ?? -1
        }.makeAsyncIterator()
        var searched = pool.observe { db in
            try db.fetchOne("SELECT count(*) FROM f WHERE f MATCH 'needle'") { try $0.int(0) } ?? -1
        }.makeAsyncIterator()
        #expect(try await joined.next() == 0)
        #expect(try await searched.next() == 0)
        try await pool.write { db in try db.execute("INSERT INTO a(id, v) VALUES (1, 'x')") }
        try await pool.write { db in try db.execute("INSERT INTO b(a_id) VALUES (1)") }
        #expect(try await joined.next() == 1)
        try await pool.write { db in try db.execute("INSERT INTO f(body) VALUES ('a needle in a haystack')") }
        #expect(try await searched.next() == 1)
    }

    @Test("an error in the read ends the sequence with that error")
    func errorEnds() async throws {
        let pool = try DatabasePool.inMemory()
        var values = pool.observe { db in try db.fetchOne("SELECT x FROM missing") { try $0.int(0) } }.makeAsyncIterator()
        await #expect(throws: DatabaseError.self) { _ = try await values.next() }
    }

    @Test("dropping the iterator ends the observation: later commits fetch nothing")
    func droppingEnds() async throws {
        let directory = try TemporaryDirectory()
        let pool = try makePool(directory)
        let fetches = Atomic<Int>(0)
        do {
            var values = pool.observe { db in
                fetches.add(1, ordering: .relaxed)
                return try Self.countT(db)
            }.makeAsyncIterator()
            #expect(try await values.next() == 0)
        }
        for _ in 0..<3 { try await pool.write { db in try db.execute("INSERT INTO t(x) VALUES (1)") } }
        // A fetch, once scheduled, runs on the observation queue; one more observation
        // queued behind it proves the queue drained.
        var probe = pool.observe(Self.countT).makeAsyncIterator()
        #expect(try await probe.next() == 3)
        #expect(fetches.load(ordering: .relaxed) == 1)
    }
}
