import Dispatch
import DossierDB
import Synchronization
import Testing

@Suite("The WAL pool: one writer, concurrent readers")
struct DatabasePoolTests {
    private func makePool(_ directory: TemporaryDirectory, name: String = "pool.sqlite") throws -> DatabasePool {
        let pool = try DatabasePool(path: directory.file(name))
        try pool.write { db in try db.execute("CREATE TABLE IF NOT EXISTS t(id INTEGER PRIMARY KEY, pair INTEGER NOT NULL) STRICT") }
        return pool
    }

    @Test("a reader on another thread sees the last committed state while a writer is mid-transaction")
    func snapshotIsolation() throws {
        let directory = try TemporaryDirectory()
        let pool = try makePool(directory)
        try pool.write { db in
            try db.execute("INSERT INTO t(pair) VALUES (1)")
            let seen = Mutex<Int?>(nil)
            let done = DispatchSemaphore(value: 0)
            DispatchQueue.global().async {
                seen.withLock { $0 = try? pool.read { try $0.fetchOne("SELECT count(*) FROM t") { try $0.int(0) } } }
                done.signal()
            }
            done.wait()
            #expect(seen.withLock { $0 } == 0)
        }
        #expect(try pool.read { try $0.fetchOne("SELECT count(*) FROM t") { try $0.int(0) } } == 1)
    }

    @Test("a read transaction keeps its snapshot while a write on another thread commits")
    func stableSnapshot() throws {
        let directory = try TemporaryDirectory()
        let pool = try makePool(directory)
        try pool.read { reader in
            let before = try reader.fetchOne("SELECT count(*) FROM t") { try $0.int(0) }
            let done = DispatchSemaphore(value: 0)
            DispatchQueue.global().async {
                _ = try? pool.write { db in try db.execute("INSERT INTO t(pair) VALUES (1)") }
                done.signal()
            }
            done.wait()
            let after = try reader.fetchOne("SELECT count(*) FROM t") { try $0.int(0) }
            #expect(before == after)
        }
        #expect(try pool.read { try $0.fetchOne("SELECT count(*) FROM t") { try $0.int(0) } } == 1)
    }

    @Test("readers and a writer on several threads finish with no SQLITE_BUSY and no torn reads")
    func concurrentReadersAndWriter() throws {
        let directory = try TemporaryDirectory()
        let pool = try makePool(directory)
        let writes = 200
        let readsPerReader = 300
        let errors = Mutex<[String]>([])
        let tornReads = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: 5) { worker in
            do {
                if worker == 0 {
                    // Each transaction writes two rows: a reader must never see an odd count.
                    for index in 0..<writes {
                        try pool.write { db in
                            try db.execute("INSERT INTO t(pair) VALUES (?)", [.integer(Int64(index))])
                            try db.execute("INSERT INTO t(pair) VALUES (?)", [.integer(Int64(index))])
                        }
                    }
                } else {
                    for _ in 0..<readsPerReader {
                        let count = try pool.read { db in try db.fetchOne("SELECT count(*) FROM t") { try $0.int(0) } ?? 0 }
                        if count % 2 != 0 { tornReads.add(1, ordering: .relaxed) }
                    }
                }
            } catch {
                errors.withLock { $0.append(String(describing: error)) }
            }
        }
        #expect(errors.withLock { $0 } == [])
        #expect(tornReads.load(ordering: .relaxed) == 0)
        #expect(
            try pool.read { try $0.fetchOne("SELECT count(*), count(DISTINCT pair) FROM t") { [try $0.int(0), try $0.int(1)] } } == [
                2 * writes, writes,
            ])
    }

    @Test("two pools on one file, as two processes would be, write without SQLITE_BUSY")
    func twoWriters() throws {
        let directory = try TemporaryDirectory()
        let first = try makePool(directory)
        let second = try makePool(directory)
        let errors = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 2) { worker in
            let pool = worker == 0 ? first : second
            for index in 0..<150 {
                do {
                    try pool.write { db in try db.execute("INSERT INTO t(pair) VALUES (?)", [.integer(Int64(worker * 1000 + index))]) }
                } catch {
                    errors.withLock { $0.append(String(describing: error)) }
                }
            }
        }
        #expect(errors.withLock { $0 } == [])
        #expect(try first.read { try $0.fetchOne("SELECT count(*) FROM t") { try $0.int(0) } } == 300)
    }

    @Test("a write inside a write joins its transaction as a savepoint: an inner failure undoes the inner work only")
    func nestedWrite() throws {
        let directory = try TemporaryDirectory()
        let pool = try makePool(directory)
        try pool.write { db in
            try db.execute("INSERT INTO t(pair) VALUES (1)")
            try pool.write { inner in try inner.execute("INSERT INTO t(pair) VALUES (2)") }
            #expect(throws: DatabaseError.self) {
                try pool.write { inner in
                    try inner.execute("INSERT INTO t(pair) VALUES (3)")
                    try inner.execute("INSERT INTO t(pair) VALUES (NULL)")
                }
            }
            // A read inside the write sees the write so far: it runs on the writer.
            #expect(try pool.read { try $0.fetchAll("SELECT pair FROM t ORDER BY pair") { try $0.int(0) } } == [1, 2])
        }
        #expect(try pool.read { try $0.fetchAll("SELECT pair FROM t ORDER BY pair") { try $0.int(0) } } == [1, 2])
    }

    @Test("a write inside a read is a misuse error at once, on file and in-memory pools alike", arguments: [false, true])
    func writeInsideRead(inMemory: Bool) throws {
        let directory = try TemporaryDirectory()
        let pool = inMemory ? try DatabasePool.inMemory() : try makePool(directory)
        try pool.write { db in try db.execute("CREATE TABLE IF NOT EXISTS t(id INTEGER PRIMARY KEY, pair INTEGER NOT NULL) STRICT") }
        let error = try #require(throws: DatabaseError.self) {
            try pool.read { _ in try pool.write { db in try db.execute("INSERT INTO t(pair) VALUES (1)") } }
        }
        #expect(error.resultCode == .misuse)
        #expect(error.message.contains("a write cannot run inside a read"))
        // Reads refuse to write on both kinds of pool.
        let direct = try #require(throws: DatabaseError.self) {
            try pool.read { db in try db.execute("INSERT INTO t(pair) VALUES (1)") }
        }
        #expect(direct.isReadOnlyViolation)
        // Both pools are usable afterwards, and nothing was written.
        try pool.write { db in try db.execute("INSERT INTO t(pair) VALUES (5)") }
        #expect(try pool.read { try $0.fetchAll("SELECT pair FROM t") { try $0.int(0) } } == [5])
    }

    @Test("nested reads on every thread, past the number of readers, finish on file and in-memory pools", arguments: [false, true])
    func nestedReadsDoNotDeadlock(inMemory: Bool) throws {
        let directory = try TemporaryDirectory()
        let pool = inMemory ? try DatabasePool.inMemory() : try makePool(directory)
        try pool.write { db in
            try db.execute("CREATE TABLE IF NOT EXISTS t(id INTEGER PRIMARY KEY, pair INTEGER NOT NULL) STRICT")
            for index in 0..<20 { try db.execute("INSERT INTO t(pair) VALUES (?)", [.integer(Int64(index))]) }
        }
        let inner = Atomic<Int>(0)
        let errors = Mutex<[String]>([])
        // 8 threads, 4 readers: each holds a reader while it asks for another read, as a
        // `forEach` whose body calls `get` does. Joining the held connection cannot wait.
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            do {
                try pool.read { db in
                    let cursor = try db.cursor("SELECT pair FROM t ORDER BY id")
                    while let row = try cursor.next() {
                        let pair = try row.int(0)
                        let again = try pool.read { db in
                            try db.fetchOne("SELECT pair FROM t WHERE pair = ?", [.integer(Int64(pair))]) { try $0.int(0) }
                        }
                        if again == pair { inner.add(1, ordering: .relaxed) }
                    }
                }
            } catch {
                errors.withLock { $0.append(String(describing: error)) }
            }
        }
        #expect(errors.withLock { $0 } == [])
        #expect(inner.load(ordering: .relaxed) == 8 * 20)
    }

    @Test("a failing write rolls back and leaves the pool usable")
    func failingWrite() throws {
        let directory = try TemporaryDirectory()
        let pool = try makePool(directory)
        #expect(throws: DatabaseError.self) {
            try pool.write { db in
                try db.execute("INSERT INTO t(pair) VALUES (1)")
                try db.execute("INSERT INTO t(pair) VALUES (NULL)")
            }
        }
        #expect(try pool.read { try $0.fetchOne("SELECT count(*) FROM t") { try $0.int(0) } } == 0)
    }

    @Test("readers cannot write")
    func readersAreQueryOnly() throws {
        let directory = try TemporaryDirectory()
        let pool = try makePool(directory)
        let error = try #require(throws: DatabaseError.self) {
            try pool.read { db in try db.execute("INSERT INTO t(pair) VALUES (1)") }
        }
        #expect(error.isReadOnlyViolation)
    }

    @Test("async read and write")
    func asyncAccess() async throws {
        let directory = try TemporaryDirectory()
        let pool = try makePool(directory)
        try await pool.write { db in try db.execute("INSERT INTO t(pair) VALUES (7)") }
        let pairs = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask { try await pool.read { db in try db.fetchOne("SELECT pair FROM t") { try $0.int(0) } ?? 0 } }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(pairs == Array(repeating: 7, count: 8))
    }

    @Test("an in-memory pool shares one connection for reads and writes")
    func inMemory() throws {
        let pool = try DatabasePool.inMemory()
        try pool.write { db in try db.execute("CREATE TABLE m(x INTEGER) STRICT; INSERT INTO m VALUES (1);") }
        #expect(try pool.read { try $0.fetchOne("SELECT x FROM m") { try $0.int(0) } } == 1)
    }
}
